//! Timeline statements (`add`, `play`, `wait`, `section`), the core animations (creating,
//! writing, fading, transforming, moving along a path, grouping) and motion over time
//! (`rotating`, `traced_path`).

use std::sync::Arc;

use super::{n, p, rest, Call, Def, Entry, Kind, Ty};
use crate::lang::interp::{Interp, R};
use crate::lang::syntax::ast::Span;
use crate::lang::value::{AnimSpec, AnimSpecKind, ObjRef, Value};

macro_rules! params {
    ($($x:expr),* $(,)?) => { &[$($x),*] };
}

pub const STATEMENTS: &[Entry] = &[
    Entry {
        name: "add",
        kind: Kind::Function,
        params: params![rest("objs", Ty::Objs)],
        doc: "shows objects from now on (Manim's self.add)",
        run: |it, c| add_remove(it, c, true),
    },
    Entry {
        name: "remove",
        kind: Kind::Function,
        params: params![rest("objs", Ty::Objs)],
        doc: "hides objects from now on (Manim's self.remove)",
        run: |it, c| add_remove(it, c, false),
    },
    Entry {
        name: "play",
        kind: Kind::Function,
        params: params![
            rest("anims", Ty::Any),
            n("run_time", Ty::Num, Def::Opt),
            n("rate_func", Ty::Any, Def::Opt),
            n("rate", Ty::Any, Def::Opt),
            n("lag_ratio", Ty::Num, Def::Opt),
        ],
        doc: "plays animations together; `run_time:` sets the length of each that sets none (Manim's self.play)",
        run: play,
    },
    Entry {
        name: "wait",
        kind: Kind::Function,
        params: params![p("duration", Ty::Num, Def::Num(1.0))],
        doc: "holds the scene still; inside `succession`/`lagged` use it as an animation (Manim's self.wait / Wait)",
        run: |it, c| {
            let sp = c.span.clone();
            let t = c.num("duration");
            if t < 0.0 {
                return Err(it.err("`wait` needs a duration of 0 seconds or more", sp));
            }
            it.refuse_in_frame("`wait` cannot run inside a tracker-driven definition", sp.clone())?;
            it.check_duration(t, sp)?;
            it.push_segment(t, vec![]);
            Ok(Value::None)
        },
    },
    Entry {
        name: "section",
        kind: Kind::Function,
        params: params![p("name", Ty::Str, Def::Req)],
        doc: "starts a part of the video (`--save_sections` writes each to its own file) (Manim's next_section)",
        run: |it, c| {
            it.refuse_in_frame("`section` cannot run inside a tracker-driven definition", c.span.clone())?;
            it.add_section(c.str("name"));
            Ok(Value::None)
        },
    },
    Entry {
        name: "rotating",
        kind: Kind::Function,
        params: params![
            p("object", Ty::Obj, Def::Req),
            n("rate", Ty::Num, Def::Num(std::f64::consts::TAU / 5.0)),
            n("about_point", Ty::Point, Def::Opt),
        ],
        doc: "the object turning `rate` radians a second from now on, about its centre or `about_point` (Manim's Rotating)",
        run: |it, c| {
            // Made once: its entry reads the clock when built, so what is made from it is live.
            Ok(it.new_rotating(c.obj("object"), c.num("rate"), c.opt_point("about_point")))
        },
    },
    Entry {
        name: "always_redraw",
        kind: Kind::Function,
        params: params![p("object", Ty::Any, Def::Req)],
        doc: "the object written in place, rebuilt every frame from what the frame shows of the objects (and trackers) it reads: it follows their animations (Manim's always_redraw, add_updater)",
        // Written in place, the interpreter keeps the object's expression to rebuild it.
        run: |it, c| Err(it.err("`always_redraw` takes the object written in place, e.g. always_redraw(dot().next_to(sq, RIGHT))", c.span.clone())),
    },
    Entry {
        name: "traced_path",
        kind: Kind::Function,
        params: params![
            p("point", Ty::Any, Def::Req),
            n("dissipating_time", Ty::Num, Def::Opt),
            n("color", Ty::Color, Def::Color("WHITE")),
            n("stroke_width", Ty::Num, Def::Num(2.0)),
        ],
        doc: "the path a point expression draws from now on, fading over the last `dissipating_time` seconds if given (Manim's TracedPath)",
        // Written in place, the interpreter keeps the point's expression to sample its past.
        run: |it, c| Err(it.err("`traced_path` takes the point to trace written in place, e.g. traced_path(dot.get_center())", c.span.clone())),
    },
];

pub const ANIMATIONS: &[Entry] = &[
    Entry {
        name: "create",
        kind: Kind::Animation,
        params: params![rest("objs", Ty::Objs)],
        doc: "draws the outline, then fills (Manim's Create)",
        run: |it, c| Ok(c.spec(AnimSpecKind::Create(members(it, c)?))),
    },
    Entry {
        name: "uncreate",
        kind: Kind::Animation,
        params: params![rest("objs", Ty::Objs)],
        doc: "create backwards; the objects are gone after it (Manim's Uncreate)",
        run: |it, c| Ok(c.spec(AnimSpecKind::Uncreate(members(it, c)?))),
    },
    Entry {
        name: "write",
        kind: Kind::Animation,
        params: params![rest("objs", Ty::Objs)],
        doc: "writes text and formulas stroke by stroke (Manim's Write)",
        run: |it, c| Ok(c.spec(AnimSpecKind::Write(members(it, c)?))),
    },
    Entry {
        name: "unwrite",
        kind: Kind::Animation,
        params: params![rest("objs", Ty::Objs)],
        doc: "write backwards (Manim's Unwrite)",
        run: |it, c| Ok(c.spec(AnimSpecKind::Unwrite(members(it, c)?))),
    },
    Entry {
        name: "fade_in",
        kind: Kind::Animation,
        params: params![rest("objs", Ty::Objs), n("shift", Ty::Point, Def::Point(0.0, 0.0)), n("scale", Ty::Num, Def::Num(1.0))],
        doc: "fades in, coming from `-shift` and from `scale` times its size (Manim's FadeIn)",
        run: |it, c| Ok(c.spec(AnimSpecKind::FadeIn(members(it, c)?, c.point("shift"), c.num("scale")))),
    },
    Entry {
        name: "fade_out",
        kind: Kind::Animation,
        params: params![rest("objs", Ty::Objs), n("shift", Ty::Point, Def::Point(0.0, 0.0)), n("scale", Ty::Num, Def::Num(1.0))],
        doc: "fades out, moving by `shift` and to `scale` times its size (Manim's FadeOut)",
        run: |it, c| Ok(c.spec(AnimSpecKind::FadeOut(members(it, c)?, c.point("shift"), c.num("scale")))),
    },
    Entry {
        name: "transform",
        kind: Kind::Animation,
        params: params![p("source", Ty::Obj, Def::Req), p("target", Ty::Obj, Def::Req), n("path_arc", Ty::Num, Def::Opt), n("spiral", Ty::Num, Def::Opt)],
        doc: "morphs source into target's shape; source stays on screen (Manim's Transform; `path_arc:`, `spiral:` angles)",
        run: |it, c| transform(it, c, false),
    },
    Entry {
        name: "replace",
        kind: Kind::Animation,
        params: params![p("source", Ty::Obj, Def::Req), p("target", Ty::Obj, Def::Req), n("path_arc", Ty::Num, Def::Opt), n("spiral", Ty::Num, Def::Opt)],
        doc: "morphs source into target, then target takes its place (Manim's ReplacementTransform)",
        run: |it, c| transform(it, c, true),
    },
    Entry {
        name: "move_along",
        kind: Kind::Animation,
        params: params![p("object", Ty::Obj, Def::Req), p("path", Ty::Obj, Def::Req)],
        doc: "moves the object's centre along the path's outline (Manim's MoveAlongPath)",
        run: |it, c| {
            let path = it.materialize(&c.obj("path"), c.span.clone())?;
            let mut whole = crate::geom::Path::new();
            for l in path.leaves() {
                whole.append(l.path.clone());
            }
            Ok(c.spec(AnimSpecKind::MoveAlong(c.obj("object"), Arc::new(whole))))
        },
    },
    Entry {
        name: "lagged",
        kind: Kind::Animation,
        params: params![rest("anims", Ty::Any), n("lag", Ty::Num, Def::Num(0.5))],
        doc: "each animation starts `lag` of the previous one's length after it (Manim's LaggedStart)",
        run: |it, c| {
            let specs = anims_of(it, &c.rest_items("anims"))?;
            Ok(c.spec(AnimSpecKind::Group(specs, c.num("lag"))))
        },
    },
    Entry {
        name: "succession",
        kind: Kind::Animation,
        params: params![rest("anims", Ty::Any)],
        doc: "the animations one after another (Manim's Succession)",
        run: |it, c| {
            let specs = anims_of(it, &c.rest_items("anims"))?;
            Ok(c.spec(AnimSpecKind::Group(specs, 1.0)))
        },
    },
];

/// The objects of the `objs` argument, groups taken apart into their members. An empty group
/// is a valid (empty) object; an empty list is named as the cause.
fn members(it: &mut Interp, c: &Call) -> R<Vec<ObjRef>> {
    let mut ids = Vec::new();
    for r in c.objs("objs") {
        ids.extend(it.members(&r));
    }
    if ids.is_empty() {
        let items = c.rest_items("objs");
        if let Some(p) = items
            .iter()
            .find(|p| matches!(&p.value, Value::List(l) if l.is_empty()))
        {
            return Err(it.err(
                format!(
                    "`{}` was given an empty list: there is no object to use",
                    c.entry.name
                ),
                p.span.clone(),
            ));
        }
        if items.is_empty() {
            return Err(it.err(
                format!("`{}` needs an object", c.entry.name),
                c.span.clone(),
            ));
        }
    }
    Ok(ids)
}

fn add_remove(it: &mut Interp, c: &Call, add: bool) -> R<Value> {
    let sp = c.span.clone();
    let msg = format!(
        "`{}` cannot run inside a tracker-driven definition",
        c.entry.name
    );
    it.refuse_in_frame(&msg, sp.clone())?;
    let ids = members(it, c)?;
    it.show_or_hide(&ids, add, sp);
    Ok(Value::None)
}

fn play(it: &mut Interp, c: &Call) -> R<Value> {
    let sp = c.span.clone();
    let specs = anims_of(it, &c.rest_items("anims"))?;
    if specs.is_empty() {
        return Err(it.err("`play` needs at least one animation", sp));
    }
    let (run_time, rate, lag_ratio) = c.args().timing(it)?;
    it.play(specs, run_time, rate, lag_ratio.unwrap_or(0.0), sp)?;
    Ok(Value::None)
}

fn transform(it: &mut Interp, c: &Call, replace: bool) -> R<Value> {
    let (src, dst) = (c.obj("source"), c.obj("target"));
    if it.members(&src).len() != 1 {
        return Err(it.err(
            format!(
                "`{}` works on one object or part (not a group): transform each member",
                c.entry.name
            ),
            c.span.clone(),
        ));
    }
    let target = Arc::new(it.materialize(&dst, c.span.clone())?);
    // `spiral: angle` follows Manim's spiral_path; `path_arc: angle` its arc path.
    let spiral = c.has("spiral");
    let path_arc = c.opt_num("spiral").or(c.opt_num("path_arc")).unwrap_or(0.0);
    Ok(c.spec(AnimSpecKind::Transform {
        obj: src,
        target,
        replace: replace.then_some(dst),
        path_arc,
        spiral,
    }))
}

/// The animations passed to `play`, `lagged` or `succession` (lists of them are flattened).
pub(crate) fn anims_of(it: &mut Interp, items: &[crate::lang::value::ArgVal]) -> R<Vec<AnimSpec>> {
    let mut specs = Vec::new();
    for p in items {
        match &p.value {
            Value::List(l) => {
                for x in l.iter() {
                    specs.push(to_anim(it, x, p.span.clone())?);
                }
            }
            v => specs.push(to_anim(it, v, p.span.clone())?),
        }
    }
    Ok(specs)
}

/// Converts a `play` argument (animation or `.animate` chain) into an animation.
pub(crate) fn to_anim(it: &mut Interp, v: &Value, sp: Span) -> R<AnimSpec> {
    match v {
        Value::Anim(a) => Ok((**a).clone()),
        // Resolved when scheduled, so it starts where earlier animations of the play leave off.
        Value::Animate(chain) => {
            let t = chain.timing.as_deref();
            Ok(AnimSpec {
                kind: AnimSpecKind::Animate(chain.clone()),
                run_time: t.and_then(|t| t.run_time),
                rate: t.and_then(|t| t.rate.clone()),
                lag_ratio: t.and_then(|t| t.lag_ratio),
                delay: t.map(|t| t.delay).unwrap_or(0.0),
                span: sp,
            })
        }
        other => Err(it.err(
            format!(
                "`play` needs animations (create(x), x.animate.shift(UP), …), found {}",
                other.type_name()
            ),
            sp,
        )),
    }
}
