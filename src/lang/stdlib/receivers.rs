//! Methods of trackers (`t.get_value()`, `t.to(v)`) and of the camera (`camera.move_to(p)`,
//! `camera.follow(obj)`). Camera methods change the interpreter's camera; the caller decides
//! whether that is a statement or the target of a `camera.animate` chain.

use std::sync::Arc;

use super::{n, p, Call, Def, Entry, Kind, Ty};
use crate::lang::interp::{CameraLive, Interp, CAMERA_FROZEN, R};
use crate::lang::value::{AnimSpec, AnimSpecKind, Value};
use crate::scene::{FRAME_HEIGHT, FRAME_WIDTH};

macro_rules! params {
    ($($x:expr),* $(,)?) => { &[$($x),*] };
}

/// `to(value)` and `set_value(value)` with the timing of an animation.
macro_rules! tracker_move {
    ($name:expr, $doc:expr) => {
        Entry {
            name: $name,
            kind: Kind::TrackerMethod,
            params: params![
                p("value", Ty::Num, Def::Req),
                n("run_time", Ty::Num, Def::Opt),
                n("rate_func", Ty::Any, Def::Opt),
                n("rate", Ty::Any, Def::Opt),
                n("delay", Ty::Num, Def::Opt),
            ],
            doc: $doc,
            run: tracker_move,
        }
    };
}

pub const TRACKER: &[Entry] = &[
    Entry {
        name: "get_value",
        kind: Kind::TrackerMethod,
        params: params![],
        doc: "the tracker's value now (read once: `t.value` or `t` itself stays live)",
        run: |it, c| {
            let t = c.target.clone().expect("a tracker");
            Ok(Value::Num(it.num_once(&t, c.span.clone())?))
        },
    },
    tracker_move!(
        "to",
        "an animation moving the tracker to `value` (Manim's t.animate.set_value)"
    ),
    tracker_move!("set_value", "the same as `to`"),
];

pub const CAMERA: &[Entry] = &[
    Entry {
        name: "set_width",
        kind: Kind::CameraMethod,
        params: params![p("width", Ty::Num, Def::Req)],
        doc: "shows `width` units across the frame (Manim's frame.set_width)",
        run: |it, c| frame(it, c, c.num("width") / it.camera().frame_width),
    },
    Entry {
        name: "set_height",
        kind: Kind::CameraMethod,
        params: params![p("height", Ty::Num, Def::Req)],
        doc: "shows `height` units up the frame",
        run: |it, c| {
            let w = c.num("height") * FRAME_WIDTH / FRAME_HEIGHT;
            frame(it, c, w / it.camera().frame_width)
        },
    },
    Entry {
        name: "scale",
        kind: Kind::CameraMethod,
        params: params![p("factor", Ty::Num, Def::Req)],
        doc: "shows `factor` times as much (2 zooms out)",
        run: |it, c| frame(it, c, c.num("factor")),
    },
    Entry {
        name: "move_to",
        kind: Kind::CameraMethod,
        params: params![p("point", Ty::Point, Def::Req)],
        doc: "centres the frame on a point or object",
        run: |it, c| {
            it.camera_mut().center = c.point("point");
            Ok(Value::Camera)
        },
    },
    Entry {
        name: "shift",
        kind: Kind::CameraMethod,
        params: params![p("vector", Ty::Point, Def::Req)],
        doc: "moves the frame by a vector",
        run: |it, c| {
            it.camera_mut().center += c.point("vector");
            Ok(Value::Camera)
        },
    },
    Entry {
        name: "save_state",
        kind: Kind::CameraMethod,
        params: params![],
        doc: "keeps the camera as it is now, for `camera.restore()` (Manim's frame.save_state)",
        run: |it, c| {
            it.refuse_in_frame(CAMERA_FROZEN, c.span.clone())?;
            it.save_camera();
            Ok(Value::Camera)
        },
    },
    Entry {
        name: "restore",
        kind: Kind::CameraMethod,
        params: params![],
        doc: "goes back to the camera kept by `camera.save_state()`; `play(camera.animate.restore())` is Manim's Restore(self.camera.frame)",
        run: |it, c| {
            let Some(cam) = it.saved_camera().cloned() else {
                return Err(it.err(
                    "`camera.restore()` needs a camera kept by `camera.save_state()` first",
                    c.span.clone(),
                ));
            };
            *it.camera_mut() = cam;
            Ok(Value::Camera)
        },
    },
    Entry {
        name: "follow",
        kind: Kind::CameraMethod,
        params: params![p("object", Ty::Obj, Def::Req)],
        doc: "keeps the object at the centre of the frame from now on, every frame",
        run: |it, c| follow(it, c, true),
    },
    Entry {
        name: "unfollow",
        kind: Kind::CameraMethod,
        params: params![],
        doc: "stops following",
        run: |it, c| follow(it, c, false),
    },
];

fn tracker_move(it: &mut Interp, c: &Call) -> R<Value> {
    let Some(Value::Tracker(id)) = c.target else {
        unreachable!("a tracker method has a tracker")
    };
    let a = c.args();
    let (run_time, rate, _) = a.timing(it)?;
    Ok(Value::Anim(Arc::new(AnimSpec {
        kind: AnimSpecKind::Tracker(id, c.num("value")),
        run_time,
        rate,
        lag_ratio: None,
        delay: a.delay(it)?,
        span: c.span.clone(),
    })))
}

/// Multiplies the frame's width by `k`, which must leave it positive.
fn frame(it: &mut Interp, c: &Call, k: f64) -> R<Value> {
    let w = it.camera().frame_width * k;
    if w <= 0.0 || !w.is_finite() {
        return Err(it.err("the camera's frame width must be positive", c.span.clone()));
    }
    it.camera_mut().frame_width = w;
    Ok(Value::Camera)
}

fn follow(it: &mut Interp, c: &Call, start: bool) -> R<Value> {
    it.refuse_in_frame(CAMERA_FROZEN, c.span.clone())?;
    // Stopping (or switching) a follow leaves the camera where the followed object is now, as
    // Manim's frame stays put when its updater is removed.
    let followed = it.camera_live_mut().iter().find_map(|l| match l {
        CameraLive::Follow(r) => Some(r.clone()),
        _ => None,
    });
    if let Some(r) = followed {
        it.camera_mut().center = it.materialize(&r, c.span.clone())?.center();
    }
    let live = it.camera_live_mut();
    live.retain(|l| !matches!(l, CameraLive::Follow(_)));
    if start {
        live.push(CameraLive::Follow(c.obj("object")));
    }
    Ok(Value::Camera)
}
