//! Manim's placement, styling and measuring methods of every object: `shift`, `move_to`,
//! `next_to`, `scale`, `set_color`, `get_center`, ….

use std::sync::Arc;

use super::{n, p, rest, Call, Def, Entry, Kind, Ty};
use crate::geom::Vec3;
use crate::lang::args::{to_color, to_point};
use crate::lang::interp::{Interp, R};
use crate::lang::value::{ArgVal, Value};
use crate::scene::Mobject;

macro_rules! params {
    ($($x:expr),* $(,)?) => { &[$($x),*] };
}

macro_rules! getter {
    ($name:expr, $doc:expr, $f:expr) => {
        Entry {
            name: $name,
            kind: Kind::Method,
            params: params![],
            doc: $doc,
            run: |it, c| {
                let m = whole(it, c)?;
                let f: fn(&Mobject) -> Value = $f;
                Ok(f(&m))
            },
        }
    };
}

pub const ENTRIES: &[Entry] = &[
    Entry {
        name: "shift",
        kind: Kind::Method,
        params: params![rest("vectors", Ty::Points)],
        doc: "moves by the sum of the vectors",
        run: |it, c| {
            let v = c
                .points("vectors")
                .into_iter()
                .fold(Vec3::ZERO, |a, b| a + b);
            change(it, c, &mut |m| m.shift(v))
        },
    },
    Entry {
        name: "move_to",
        kind: Kind::Method,
        params: params![
            p("target", Ty::Any, Def::Req),
            n("aligned_edge", Ty::Point, Def::Point(0.0, 0.0))
        ],
        doc: "puts the centre (or the `aligned_edge` side) at a point or on an object's",
        run: |it, c| place(it, c, Place::Move),
    },
    Entry {
        name: "next_to",
        kind: Kind::Method,
        params: params![
            p("target", Ty::Any, Def::Req),
            p("direction", Ty::Point, Def::Point(1.0, 0.0)),
            n("buff", Ty::Num, Def::Num(0.25)),
            n("aligned_edge", Ty::Point, Def::Point(0.0, 0.0)),
        ],
        doc: "puts it beside a point or object, `buff` apart, in `direction`",
        run: |it, c| place(it, c, Place::Beside),
    },
    Entry {
        name: "align_to",
        kind: Kind::Method,
        params: params![
            p("target", Ty::Any, Def::Req),
            p("direction", Ty::Point, Def::Req)
        ],
        doc: "lines its `direction` side up with that side of a point or object",
        run: |it, c| place(it, c, Place::Align),
    },
    Entry {
        name: "to_edge",
        kind: Kind::Method,
        params: params![
            p("direction", Ty::Point, Def::Point(-1.0, 0.0)),
            n("buff", Ty::Num, Def::Num(0.5))
        ],
        doc: "against the frame's edge in `direction`, `buff` inside it",
        run: to_edge,
    },
    Entry {
        name: "to_corner",
        kind: Kind::Method,
        params: params![
            p("direction", Ty::Point, Def::Point(-1.0, 1.0)),
            n("buff", Ty::Num, Def::Num(0.5))
        ],
        doc: "into the frame's corner in `direction`, `buff` inside it",
        run: to_edge,
    },
    Entry {
        name: "set_x",
        kind: Kind::Method,
        params: params![p("value", Ty::Num, Def::Req)],
        doc: "moves sideways so the centre's x is `value`",
        run: |it, c| {
            let cx = whole(it, c)?.center();
            let d = Vec3::xy(c.num("value") - cx.x, 0.0);
            change(it, c, &mut |m| m.shift(d))
        },
    },
    Entry {
        name: "set_y",
        kind: Kind::Method,
        params: params![p("value", Ty::Num, Def::Req)],
        doc: "moves up or down so the centre's y is `value`",
        run: |it, c| {
            let cy = whole(it, c)?.center();
            let d = Vec3::xy(0.0, c.num("value") - cy.y);
            change(it, c, &mut |m| m.shift(d))
        },
    },
    Entry {
        name: "scale",
        kind: Kind::Method,
        params: params![
            p("factor", Ty::Num, Def::Req),
            n("about_point", Ty::Point, Def::Opt)
        ],
        doc: "scales about its centre (or `about_point`)",
        run: |it, c| {
            let k = c.num("factor");
            let about = about(it, c)?;
            change(it, c, &mut |m| m.scale(k, Some(about)))
        },
    },
    Entry {
        name: "rotate",
        kind: Kind::Method,
        params: params![
            p("angle", Ty::Num, Def::Req),
            n("axis", Ty::Point, Def::Opt),
            n("about_point", Ty::Point, Def::Opt)
        ],
        doc: "turns by `angle` radians about `axis` (OUT) through its centre (or `about_point`)",
        run: |it, c| {
            let k = c.num("angle");
            let about = about(it, c)?;
            let axis = c.opt_point("axis").unwrap_or(Vec3::OUT);
            change(it, c, &mut |m| m.rotate(k, axis, Some(about)))
        },
    },
    Entry {
        name: "set_color",
        kind: Kind::Method,
        params: params![p("color", Ty::Color, Def::Req)],
        doc: "colours outline and fill",
        run: |it, c| {
            let col = c.color("color");
            change(it, c, &mut |m| m.set_color(col))
        },
    },
    Entry {
        name: "set_fill",
        kind: Kind::Method,
        params: params![
            p("color", Ty::Color, Def::Opt),
            p("opacity", Ty::Num, Def::Opt)
        ],
        doc: "the fill's colour and/or opacity",
        run: |it, c| {
            let (col, o) = (c.opt_color("color"), c.opt_num("opacity").map(|x| x as f32));
            change(it, c, &mut |m| m.set_fill(col, o))
        },
    },
    Entry {
        name: "set_stroke",
        kind: Kind::Method,
        params: params![
            p("color", Ty::Color, Def::Opt),
            p("width", Ty::Num, Def::Opt),
            p("opacity", Ty::Num, Def::Opt)
        ],
        doc: "the outline's colour, width and/or opacity",
        run: |it, c| {
            let (col, w, o) = (
                c.opt_color("color"),
                c.opt_num("width"),
                c.opt_num("opacity").map(|x| x as f32),
            );
            change(it, c, &mut |m| m.set_stroke(col, w, o))
        },
    },
    Entry {
        name: "set_opacity",
        kind: Kind::Method,
        params: params![p("opacity", Ty::Num, Def::Req)],
        doc: "the opacity of outline and fill",
        run: |it, c| {
            let o = c.num("opacity") as f32;
            change(it, c, &mut |m| m.set_opacity(o))
        },
    },
    Entry {
        name: "set_z_index",
        kind: Kind::Method,
        params: params![p("z", Ty::Num, Def::Req)],
        doc: "drawing order: higher is drawn on top",
        run: |it, c| {
            let z = c.num("z") as i32;
            change(it, c, &mut |m| m.set_z_index(z))
        },
    },
    Entry {
        name: "set_color_by_gradient",
        kind: Kind::Method,
        params: params![rest("colors", Ty::Any)],
        doc: "colours the parts along a gradient through the colours (one part: a stroke gradient)",
        run: gradient,
    },
    Entry {
        name: "copy",
        kind: Kind::Method,
        params: params![],
        doc: "a new, independent object like this one",
        run: |it, c| {
            let m = whole(it, c)?;
            Ok(it.new_obj(m))
        },
    },
    getter!("get_center", "the centre of its bounding box", |m| {
        Value::Vec(m.center())
    }),
    getter!("get_top", "the top middle of its bounding box", |m| {
        Value::Vec(m.critical_point(Vec3::UP))
    }),
    getter!("get_bottom", "the bottom middle of its bounding box", |m| {
        Value::Vec(m.critical_point(Vec3::DOWN))
    }),
    getter!("get_left", "the left middle of its bounding box", |m| {
        Value::Vec(m.critical_point(Vec3::LEFT))
    }),
    getter!("get_right", "the right middle of its bounding box", |m| {
        Value::Vec(m.critical_point(Vec3::RIGHT))
    }),
    getter!("get_start", "the first point of its outline", |m| {
        Value::Vec(
            first_path(m)
                .map(|p| p.subpaths[0].start)
                .unwrap_or(m.center()),
        )
    }),
    getter!("get_end", "the last point of its outline", |m| Value::Vec(
        first_path(m)
            .and_then(|p| p.subpaths.last().map(|s| s.end()))
            .unwrap_or(m.center())
    )),
    getter!(
        "get_width",
        "the width of its bounding box",
        |m| Value::Num(m.width())
    ),
    getter!("width", "the width of its bounding box", |m| Value::Num(
        m.width()
    )),
    getter!("get_height", "the height of its bounding box", |m| {
        Value::Num(m.height())
    }),
    getter!("height", "the height of its bounding box", |m| Value::Num(
        m.height()
    )),
    Entry {
        name: "get_corner",
        kind: Kind::Method,
        params: params![p("direction", Ty::Point, Def::Req)],
        doc: "the point of its bounding box in `direction` (e.g. UL)",
        run: |it, c| {
            Ok(Value::Vec(
                whole(it, c)?.critical_point(c.point("direction")),
            ))
        },
    },
    Entry {
        name: "point_from_proportion",
        kind: Kind::Method,
        params: params![p("t", Ty::Num, Def::Req)],
        doc: "the point a fraction t along its outline",
        run: |it, c| {
            let m = whole(it, c)?;
            first_path(&m)
                .and_then(|p| p.point_at_proportion(c.num("t")))
                .map(Value::Vec)
                .ok_or_else(|| it.err("this object has no outline to measure", c.span.clone()))
        },
    },
];

/// The receiver as a whole (groups: all members), for bounding-box based placement.
fn whole(it: &mut Interp, c: &Call) -> R<Mobject> {
    it.materialize(&c.this(), c.span.clone())
}

/// Applies a change to the receiver and returns it (so calls chain).
fn change(it: &mut Interp, c: &Call, f: &mut dyn FnMut(&mut Mobject)) -> R<Value> {
    let r = c.this();
    it.modify(&r, c.span.clone(), f)?;
    Ok(Value::Obj(r))
}

fn about(it: &mut Interp, c: &Call) -> R<Vec3> {
    match c.opt_point("about_point") {
        Some(p) => Ok(p),
        None => Ok(whole(it, c)?.center()),
    }
}

pub(crate) fn first_path(m: &Mobject) -> Option<crate::geom::Path> {
    m.leaves()
        .into_iter()
        .find(|l| !l.path.is_empty())
        .map(|l| l.path.clone())
}

/// The box to place relative to: an object's bounds or a single point.
fn target_box(it: &mut Interp, v: &ArgVal) -> R<(Vec3, Vec3)> {
    match &v.value {
        Value::Obj(r) => {
            let m = it.materialize(r, v.span.clone())?;
            Ok(m.bounds().unwrap_or((m.center(), m.center())))
        }
        other => {
            let p = to_point(it, other, v.span.clone())?;
            Ok((p, p))
        }
    }
}

enum Place {
    Move,
    Beside,
    Align,
}

fn place(it: &mut Interp, c: &Call, how: Place) -> R<Value> {
    let target = c.raw("target").cloned().expect("required");
    let tb = target_box(it, &target)?;
    let m = whole(it, c)?;
    let mut moved = m.clone();
    match how {
        Place::Move => {
            let edge = c.point("aligned_edge");
            let p = match &target.value {
                Value::Obj(_) => crate::scene::box_point(tb, edge),
                _ => tb.0,
            };
            moved.move_to(p, edge);
        }
        Place::Beside => moved.next_to_box(
            tb,
            c.point("direction"),
            c.num("buff"),
            c.point("aligned_edge"),
        ),
        Place::Align => moved.align_to(tb, c.point("direction")),
    }
    let d = moved.center() - m.center();
    change(it, c, &mut |m| m.shift(d))
}

/// Manim's to_edge / to_corner: against the frame's edge (or corner), `buff` inside it.
fn to_edge(it: &mut Interp, c: &Call) -> R<Value> {
    let dir = c.point("direction");
    let buff = c.num("buff");
    let cam = it.camera().clone();
    let half = Vec3::xy(
        cam.frame_width / 2.0,
        cam.frame_width / 2.0 * crate::scene::FRAME_HEIGHT / crate::scene::FRAME_WIDTH,
    );
    let m = whole(it, c)?;
    let edge = Vec3::xy(
        dir.x.signum() * (dir.x.abs() > 1e-9) as i32 as f64,
        dir.y.signum() * (dir.y.abs() > 1e-9) as i32 as f64,
    );
    let target = cam.center + Vec3::xy(edge.x * (half.x - buff), edge.y * (half.y - buff));
    let mut d = target - m.critical_point(edge);
    if edge.x == 0.0 {
        d.x = 0.0;
    }
    if edge.y == 0.0 {
        d.y = 0.0;
    }
    change(it, c, &mut |m| m.shift(d))
}

fn gradient(it: &mut Interp, c: &Call) -> R<Value> {
    let mut cs = Vec::new();
    for p in c.rest_items("colors") {
        cs.push(to_color(it, &p.value, p.span.clone())?);
    }
    if cs.len() < 2 {
        return Err(it.err(
            "`set_color_by_gradient` needs at least two colours",
            c.span.clone(),
        ));
    }
    let cs = Arc::new(cs);
    change(it, c, &mut |m| {
        let leaves = m.leaves().len();
        let mut i = 0;
        m.for_each_leaf_mut(&mut |l| {
            if leaves == 1 {
                l.style.stroke_gradient = Some(cs.clone());
                l.style.fill = cs[0];
            } else {
                let t = i as f64 / (leaves - 1) as f64 * (cs.len() - 1) as f64;
                let k = (t.floor() as usize).min(cs.len() - 2);
                let c = cs[k].lerp(cs[k + 1], (t - k as f64) as f32);
                l.style.fill = c;
                l.style.stroke = c;
            }
            i += 1;
        });
    })
}
