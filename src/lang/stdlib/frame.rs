//! Objects fixed in the frame (Manim's `add_fixed_in_frame_mobjects`): in a 3D scene they are
//! drawn flat to the screen, over the 3D content, untouched by the camera's turns and zoom.

use super::{rest, Call, Entry, Kind, Ty};
use crate::lang::interp::{Interp, R};
use crate::lang::value::{ObjRef, Value};

pub const ENTRIES: &[Entry] = &[
    Entry {
        name: "add_fixed_in_frame_mobjects",
        kind: Kind::Function,
        params: &[rest("objs", Ty::Objs)],
        doc: "fixes the objects in the frame and adds them (Manim's ThreeDScene method): drawn flat over the 3D scene where they are in the 14.22 × 8 frame, whatever the camera does",
        run: |it, c| add_fixed(it, c, true),
    },
    Entry {
        name: "remove_fixed_in_frame_mobjects",
        kind: Kind::Function,
        params: &[rest("objs", Ty::Objs)],
        doc: "makes fixed objects follow the camera again (they stay on screen)",
        run: |it, c| add_fixed(it, c, false),
    },
    Entry {
        name: "fix_in_frame",
        kind: Kind::Method,
        params: &[],
        doc: "the object, fixed in the frame (not added): for a `let` that follows a tracker, whose object is rebuilt every frame",
        run: |it, c| {
            let r = c.this();
            set_fixed(it, c, &r, true)?;
            Ok(Value::Obj(r))
        },
    },
];

fn set_fixed(it: &mut Interp, c: &Call, r: &ObjRef, on: bool) -> R<()> {
    it.modify(r, c.span.clone(), &mut |m| {
        m.for_each_node_mut(&mut |n| n.fixed_in_frame = on)
    })
    .map_err(|d| {
        d.with_note("help: an object rebuilt from trackers is fixed in its definition: `let d = decimal_number(t).fix_in_frame()`")
    })
}

fn add_fixed(it: &mut Interp, c: &Call, on: bool) -> R<Value> {
    let objs = c.objs("objs");
    if objs.is_empty() {
        return Err(it.err(
            format!("`{}` needs at least one object", c.entry.name),
            c.span.clone(),
        ));
    }
    if it.in_frame() {
        return Err(it.err(
            format!(
                "`{}` cannot run inside a tracker-driven definition (use `.fix_in_frame()` there)",
                c.entry.name
            ),
            c.span.clone(),
        ));
    }
    for r in &objs {
        set_fixed(it, c, r, on)?;
    }
    if on {
        // Manim's method also adds them to the scene.
        it.show_or_hide(&objs, true, c.span.clone());
    }
    Ok(Value::None)
}
