//! Axes' parts as objects (Manim's `ax.x_axis`, `ax.y_axis`, an axis' `ticks` and `numbers`):
//! references into the axes, so recolouring or moving them changes the axes themselves.

use std::sync::Arc;

use super::{Call, Entry, Kind};
use crate::lang::interp::{Interp, R};
use crate::lang::value::{ObjRef, Value};
use crate::scene::Mobject;

/// Manim's attribute forms (`ax.x_axis`, `ax.y_axis.numbers`, `axis.ticks`): each reads as the
/// method beside it, called without arguments.
pub const ATTRIBUTES: &[(&str, &str)] = &[
    ("x_axis", "get_x_axis"),
    ("y_axis", "get_y_axis"),
    ("z_axis", "get_z_axis"),
    ("numbers", "get_numbers"),
    ("ticks", "get_tick_marks"),
];

pub const ENTRIES: &[Entry] = &[
    Entry {
        name: "get_x_axis",
        kind: Kind::Method,
        params: &[],
        doc: "on axes: the x axis (shaft, ticks, numbers, tip) as a part (Manim's `ax.x_axis`, `get_x_axis()`)",
        run: |it, c| axis(it, c, 0),
    },
    Entry {
        name: "get_y_axis",
        kind: Kind::Method,
        params: &[],
        doc: "on axes: the y axis as a part (Manim's `ax.y_axis`, `get_y_axis()`)",
        run: |it, c| axis(it, c, 1),
    },
    Entry {
        name: "get_z_axis",
        kind: Kind::Method,
        params: &[],
        doc: "on 3D axes: the z axis as a part (Manim's `ax.z_axis`, `get_z_axis()`)",
        run: |it, c| axis(it, c, 2),
    },
    Entry {
        name: "get_tick_marks",
        kind: Kind::Method,
        params: &[],
        doc: "on an axis (or a number line): its ticks as a group of parts, in order along it (Manim's `axis.ticks`, `get_tick_marks()`)",
        run: |it, c| pieces(it, c, Piece::Tick),
    },
    Entry {
        name: "get_numbers",
        kind: Kind::Method,
        params: &[],
        doc: "on an axis (or a number line): its number labels (from `add_coordinates`) as a group of parts (Manim's `axis.numbers`)",
        run: |it, c| pieces(it, c, Piece::Number),
    },
];

fn part(r: &ObjRef, k: usize) -> ObjRef {
    let mut path = r.path.as_ref().clone();
    path.push(k);
    ObjRef {
        id: r.id,
        path: Arc::new(path),
    }
}

fn axis(it: &mut Interp, c: &Call, k: usize) -> R<Value> {
    let r = c.this();
    let m = it.materialize(&r, c.span.clone())?;
    if m.coords.is_none() || m.children.len() < 2 {
        return Err(it.err(format!("`.{}` works on axes", c.entry.name), c.span.clone()));
    }
    if m.children.len() <= k {
        return Err(it.err(
            format!(
                "`.{}` works on 3D axes; these axes have no z axis",
                c.entry.name
            ),
            c.span.clone(),
        ));
    }
    Ok(Value::Obj(part(&r, k)))
}

#[derive(PartialEq)]
enum Piece {
    Shaft,
    Number,
    Tick,
    Tip,
}

/// What a child of an axis is: the shaft comes first; numbers are groups (glyphs); the tip
/// is filled; ticks are two-point strokes.
fn kind(k: usize, ch: &Mobject) -> Piece {
    if k == 0 && ch.children.is_empty() {
        Piece::Shaft
    } else if !ch.children.is_empty() {
        Piece::Number
    } else if ch.style.fill_opacity > 0.0 {
        Piece::Tip
    } else {
        Piece::Tick
    }
}

fn pieces(it: &mut Interp, c: &Call, want: Piece) -> R<Value> {
    let mut r = c.this();
    let mut m = it.materialize(&r, c.span.clone())?;
    // A number line is axes with an empty stub for a y axis: its pieces are the x axis'.
    let stub = m
        .children
        .get(1)
        .map(|y| y.width() == 0.0 && y.height() == 0.0);
    if m.coords.is_some() && stub == Some(true) {
        r = part(&r, 0);
        m = m.children.swap_remove(0);
    }
    let shaft = m
        .children
        .first()
        .map(|s| kind(0, s) == Piece::Shaft)
        .unwrap_or(false);
    if m.coords.is_some() || !shaft {
        return Err(it
            .err(
                format!("`.{}` works on one axis", c.entry.name),
                c.span.clone(),
            )
            .with_note("help: take one with `ax.get_x_axis()` or `ax.get_y_axis()`"));
    }
    let members: Vec<ObjRef> = m
        .children
        .iter()
        .enumerate()
        .filter(|(k, ch)| kind(*k, ch) == want)
        .map(|(k, _)| part(&r, k))
        .collect();
    Ok(it.new_group(members))
}
