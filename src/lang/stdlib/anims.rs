//! Manim's growing, indication and state animations, with Manim's run times and easing. Each
//! is an effect of `timeline::effects` applied to its objects.

use std::f64::consts::{PI, TAU};
use std::sync::Arc;

use super::{effect, ends, n, p, rest, Call, Def, Entry, Kind, Ty};
use crate::geom::Vec3;
use crate::lang::interp::{Interp, R};
use crate::lang::value::{AnimSpec, AnimSpecKind, ObjRef, Value};
use crate::scene::{Mobject, FRAME_HEIGHT, FRAME_WIDTH};
use crate::timeline::effects as fx;
use crate::timeline::Rate;

macro_rules! params {
    ($($x:expr),* $(,)?) => { &[$($x),*] };
}

pub const ENTRIES: &[Entry] = &[
    Entry {
        name: "grow_from_center",
        kind: Kind::Animation,
        params: params![rest("objs", Ty::Objs), n("point_color", Ty::Color, Def::Opt)],
        doc: "grows from nothing at its centre; 1 s, smooth (Manim's GrowFromCenter)",
        run: |it, c| {
            let objs = objs(it, c)?;
            Ok(effect(c, objs, fx::Grow { point: None, angle: 0.0, point_color: c.opt_color("point_color") }, 1.0, Rate::Smooth))
        },
    },
    Entry {
        name: "grow_from_point",
        kind: Kind::Animation,
        params: params![p("obj", Ty::Objs, Def::Req), p("point", Ty::Point, Def::Req), n("point_color", Ty::Color, Def::Opt)],
        doc: "grows from nothing at a point (Manim's GrowFromPoint)",
        run: |it, c| {
            let objs = objs(it, c)?;
            Ok(effect(c, objs, fx::Grow { point: Some(c.point("point")), angle: 0.0, point_color: c.opt_color("point_color") }, 1.0, Rate::Smooth))
        },
    },
    Entry {
        name: "grow_from_edge",
        kind: Kind::Animation,
        params: params![p("obj", Ty::Objs, Def::Req), p("edge", Ty::Point, Def::Req)],
        doc: "grows from the point of its box at `edge` (Manim's GrowFromEdge)",
        run: |it, c| {
            let objs = objs(it, c)?;
            let m = whole(it, c, &objs)?;
            let pt = m.critical_point(c.point("edge"));
            Ok(effect(c, objs, fx::Grow { point: Some(pt), angle: 0.0, point_color: None }, 1.0, Rate::Smooth))
        },
    },
    Entry {
        name: "grow_arrow",
        kind: Kind::Animation,
        params: params![p("arrow", Ty::Obj, Def::Req), n("point_color", Ty::Color, Def::Opt)],
        doc: "grows an arrow out of its start (Manim's GrowArrow)",
        run: |it, c| {
            let r = c.obj("arrow");
            let (start, _) = ends(it, &r, c.span_of("arrow"))?;
            Ok(effect(c, it.members(&r), fx::Grow { point: Some(start), angle: 0.0, point_color: c.opt_color("point_color") }, 1.0, Rate::Smooth))
        },
    },
    Entry {
        name: "spin_in_from_nothing",
        kind: Kind::Animation,
        params: params![rest("objs", Ty::Objs), n("angle", Ty::Num, Def::Num(PI / 2.0)), n("point_color", Ty::Color, Def::Opt)],
        doc: "grows from its centre while turning by `angle` (Manim's SpinInFromNothing)",
        run: |it, c| {
            let objs = objs(it, c)?;
            Ok(effect(c, objs, fx::Grow { point: None, angle: c.num("angle"), point_color: c.opt_color("point_color") }, 1.0, Rate::Smooth))
        },
    },
    Entry {
        name: "spiral_in",
        kind: Kind::Animation,
        params: params![rest("objs", Ty::Objs), n("scale_factor", Ty::Num, Def::Num(8.0)), n("fade_in_fraction", Ty::Num, Def::Num(0.3))],
        doc: "the parts fly in on a spiral about their common centre, fading in; 1 s (Manim's SpiralIn)",
        run: |it, c| {
            let objs = objs(it, c)?;
            let center = whole(it, c, &objs)?.center();
            Ok(effect(c, objs, fx::SpiralIn { center, scale_factor: c.num("scale_factor"), fade_in_fraction: c.num("fade_in_fraction") }, 1.0, Rate::Smooth))
        },
    },
    Entry {
        name: "draw_border_then_fill",
        kind: Kind::Animation,
        params: params![rest("objs", Ty::Objs), n("stroke_width", Ty::Num, Def::Num(2.0)), n("stroke_color", Ty::Color, Def::Opt)],
        doc: "traces the outline, then fills; 2 s, double_smooth (Manim's DrawBorderThenFill)",
        run: |it, c| {
            let objs = objs(it, c)?;
            Ok(effect(c, objs, fx::DrawBorderThenFill { stroke_width: c.num("stroke_width"), stroke_color: c.opt_color("stroke_color") }, 2.0, Rate::DoubleSmooth))
        },
    },
    Entry {
        name: "indicate",
        kind: Kind::Animation,
        params: params![rest("objs", Ty::Objs), n("scale_factor", Ty::Num, Def::Num(1.2)), n("color", Ty::Color, Def::Color("PURE_YELLOW"))],
        doc: "briefly enlarged and tinted, there and back; 1 s (Manim's Indicate)",
        run: |it, c| {
            let objs = objs(it, c)?;
            Ok(effect(c, objs, fx::Indicate { scale: c.num("scale_factor"), color: c.color("color") }, 1.0, Rate::ThereAndBack))
        },
    },
    Entry {
        name: "flash",
        kind: Kind::Animation,
        params: params![
            p("at", Ty::Any, Def::Req),
            n("color", Ty::Color, Def::Color("PURE_YELLOW")),
            n("line_length", Ty::Num, Def::Num(0.2)),
            n("num_lines", Ty::Num, Def::Num(12.0)),
            n("flash_radius", Ty::Num, Def::Num(0.1)),
            n("line_stroke_width", Ty::Num, Def::Num(3.0)),
            n("time_width", Ty::Num, Def::Num(1.0)),
        ],
        doc: "rays flash outward around a point or object; 1 s (Manim's Flash)",
        run: |it, c| {
            let point = at_point(it, c)?;
            let k = c.num("num_lines");
            if !(1.0..=1000.0).contains(&k) {
                return Err(c.err(it, "num_lines", "`num_lines` must be from 1 to 1000"));
            }
            on_carrier(it, c, fx::Flash {
                point: Some(point),
                color: c.color("color"),
                line_length: c.num("line_length"),
                num_lines: k as usize,
                flash_radius: c.num("flash_radius"),
                stroke_width: c.num("line_stroke_width"),
                time_width: c.num("time_width"),
            }, 1.0)
        },
    },
    Entry {
        name: "circumscribe",
        kind: Kind::Animation,
        params: params![
            p("obj", Ty::Obj, Def::Req),
            n("shape", Ty::Str, Def::Str("rectangle")),
            n("buff", Ty::Num, Def::Num(0.1)),
            n("color", Ty::Color, Def::Color("PURE_YELLOW")),
            n("stroke_width", Ty::Num, Def::Num(4.0)),
            n("time_width", Ty::Num, Def::Num(0.3)),
        ],
        doc: "a frame (`shape: \"rectangle\"` or `\"circle\"`) flashes once around the object; 1 s (Manim's Circumscribe)",
        run: |it, c| {
            let circle = match c.str("shape").as_str() {
                "rectangle" => false,
                "circle" => true,
                other => return Err(c.err(it, "shape", format!("`shape` is \"rectangle\" or \"circle\", not \"{other}\""))),
            };
            // The frame goes around the object as it is when the animation is made, as in Manim.
            let bounds = super::bbox(it, &c.obj("obj"), c.span_of("obj"))?;
            on_carrier(it, c, fx::Circumscribe {
                bounds,
                circle,
                buff: c.num("buff"),
                color: c.color("color"),
                stroke_width: c.num("stroke_width"),
                time_width: c.num("time_width"),
            }, 1.0)
        },
    },
    Entry {
        name: "wiggle",
        kind: Kind::Animation,
        params: params![
            rest("objs", Ty::Objs),
            n("scale_value", Ty::Num, Def::Num(1.1)),
            n("rotation_angle", Ty::Num, Def::Num(0.01 * TAU)),
            n("n_wiggles", Ty::Num, Def::Num(6.0)),
        ],
        doc: "grows a little and shakes; 2 s (Manim's Wiggle)",
        run: |it, c| {
            let objs = objs(it, c)?;
            Ok(effect(c, objs, fx::Wiggle { scale: c.num("scale_value"), angle: c.num("rotation_angle"), n_wiggles: c.num("n_wiggles") }, 2.0, Rate::Smooth))
        },
    },
    Entry {
        name: "focus_on",
        kind: Kind::Animation,
        params: params![p("at", Ty::Any, Def::Req), n("opacity", Ty::Num, Def::Num(0.2)), n("color", Ty::Color, Def::Color("GREY"))],
        doc: "a large grey disc closes in on a point or object; 2 s (Manim's FocusOn)",
        run: |it, c| {
            let point = at_point(it, c)?;
            on_carrier(it, c, fx::FocusOn {
                point: Some(point),
                color: c.color("color"),
                opacity: c.num("opacity"),
                radius: FRAME_WIDTH / 2.0 + FRAME_HEIGHT / 2.0,
            }, 2.0)
        },
    },
    Entry {
        name: "show_passing_flash",
        kind: Kind::Animation,
        params: params![rest("objs", Ty::Objs), n("time_width", Ty::Num, Def::Num(0.1))],
        doc: "a short stretch of the outline sweeps along it, then the object is gone; 1 s (Manim's ShowPassingFlash)",
        run: |it, c| {
            let objs = objs(it, c)?;
            let v = effect(c, objs, fx::PassingFlash { time_width: c.num("time_width") }, 1.0, Rate::Smooth);
            Ok(with_end(v, true, None))
        },
    },
    Entry {
        name: "apply_wave",
        kind: Kind::Animation,
        params: params![
            rest("objs", Ty::Objs),
            n("direction", Ty::Point, Def::Point(0.0, 1.0)),
            n("amplitude", Ty::Num, Def::Num(0.2)),
            n("time_width", Ty::Num, Def::Num(1.0)),
            n("ripples", Ty::Num, Def::Num(1.0)),
        ],
        doc: "a wave of height `amplitude` runs across from left to right; 2 s (Manim's ApplyWave)",
        run: |it, c| {
            let objs = objs(it, c)?;
            let r = c.num("ripples");
            if !(1.0..=100.0).contains(&r) {
                return Err(c.err(it, "ripples", "`ripples` must be from 1 to 100"));
            }
            if c.point("direction").length() < 1e-12 {
                return Err(c.err(it, "direction", "`direction` must not be zero"));
            }
            Ok(effect(c, objs, fx::Wave { direction: c.point("direction"), amplitude: c.num("amplitude"), time_width: c.num("time_width"), ripples: r as usize }, 2.0, Rate::Smooth))
        },
    },
    Entry {
        name: "fade_transform",
        kind: Kind::Animation,
        params: params![p("source", Ty::Obj, Def::Req), p("target", Ty::Obj, Def::Req)],
        doc: "cross-fades `source` into `target`, each stretched onto the other's box; `target` then stays (Manim's FadeTransform)",
        run: |it, c| {
            let src = c.obj("source");
            let dst = c.obj("target");
            let target = Arc::new(it.materialize(&dst, c.span_of("target"))?);
            let v = effect(c, vec![src], fx::FadeTransform { target }, 1.0, Rate::Smooth);
            Ok(with_end(v, false, Some(dst)))
        },
    },
    Entry {
        name: "rotate",
        kind: Kind::Animation,
        params: params![
            p("obj", Ty::Objs, Def::Req),
            p("angle", Ty::Num, Def::Num(PI)),
            n("axis", Ty::Point, Def::Opt),
            n("about_point", Ty::Point, Def::Opt),
        ],
        doc: "turns by `angle` (points travel on arcs, unlike `.animate.rotate`); 1 s, smooth (Manim's Rotate)",
        run: |it, c| {
            let objs = objs(it, c)?;
            let about = match c.opt_point("about_point") {
                Some(p) => p,
                None => whole(it, c, &objs)?.center(),
            };
            let axis = c.opt_point("axis").unwrap_or(Vec3::OUT);
            Ok(effect(c, objs, fx::Rotate { angle: c.num("angle"), axis, about: Some(about) }, 1.0, Rate::Smooth))
        },
    },
    Entry {
        name: "apply_pointwise_function",
        kind: Kind::Animation,
        params: params![p("function", Ty::Any, Def::Req), rest("objs", Ty::Objs)],
        doc: "morphs objects into their image under a `fn` of a point over 3 s (Manim's ApplyPointwiseFunction; `obj.animate.apply_function(f)` is the same in 1 s)",
        run: |it, c| {
            let f = c.value("function").unwrap_or(Value::None);
            if !matches!(f, Value::Fn(_)) {
                return Err(c.err(it, "function", format!("`apply_pointwise_function` needs a function of a point (`fn f(p) = …`), found {}", f.type_name())));
            }
            let mut specs = Vec::new();
            for r in objs_named(it, c, "objs")? {
                let m = it.materialize(&r, c.span.clone())?;
                let target = Arc::new(super::layout::warped(it, c, &f, &m)?);
                let kind = AnimSpecKind::Transform { obj: r, target, replace: None, path_arc: 0.0, spiral: false };
                specs.push(AnimSpec {
                    // Manim's DEFAULT_POINTWISE_FUNCTION_RUN_TIME; the group's own run_time
                    // (or play's) stretches it.
                    run_time: Some(3.0),
                    ..AnimSpec::new(kind, c.span.clone())
                });
            }
            Ok(c.anim(AnimSpecKind::Group(specs, 0.0), Rate::Smooth))
        },
    },
    Entry {
        name: "restore",
        kind: Kind::Animation,
        params: params![rest("objs", Ty::Objs)],
        doc: "morphs back to the state kept by `obj.save_state()` (Manim's Restore)",
        run: |it, c| {
            let objs = objs(it, c)?;
            for r in &objs {
                if it.materialize(r, c.span.clone())?.saved.is_none() {
                    return Err(it.err("`restore` needs a state kept by `.save_state()` first", c.span.clone()));
                }
            }
            Ok(effect(c, objs, fx::Restore, 1.0, Rate::Smooth))
        },
    },
];

/// The objects an animation acts on (group members), at least one.
fn objs(it: &mut Interp, c: &Call) -> R<Vec<ObjRef>> {
    objs_named(it, c, c.entry.params[0].name)
}

fn objs_named(it: &mut Interp, c: &Call, name: &str) -> R<Vec<ObjRef>> {
    let mut out = Vec::new();
    for r in c.objs(name) {
        out.extend(it.members(&r));
    }
    if out.is_empty() {
        return Err(it.err(
            format!("`{}` needs an object", c.entry.name),
            c.span.clone(),
        ));
    }
    Ok(out)
}

fn whole(it: &mut Interp, c: &Call, objs: &[ObjRef]) -> R<Mobject> {
    let mut kids = Vec::new();
    for r in objs {
        kids.push(it.materialize(r, c.span.clone())?);
    }
    Ok(Mobject::group(kids))
}

/// `at` of `flash`/`focus_on`: a point, or an object's centre.
fn at_point(it: &mut Interp, c: &Call) -> R<Vec3> {
    let v = c.value("at").unwrap_or(Value::None);
    crate::lang::args::to_point(it, &v, c.span_of("at"))
}

/// An effect that draws something of its own (rays, a frame, a spotlight): it runs on a new
/// empty object, drawn above everything and gone at the end.
fn on_carrier(it: &mut Interp, c: &Call, e: impl fx::Effect + 'static, run_time: f64) -> R<Value> {
    let Value::Obj(r) = it.new_obj(Mobject::default()) else {
        unreachable!()
    };
    Ok(with_end(
        effect(c, vec![r], e, run_time, Rate::Smooth),
        true,
        None,
    ))
}

/// Sets what an effect leaves behind: hidden, or replaced by another object.
fn with_end(v: Value, hide_it: bool, replace_by: Option<ObjRef>) -> Value {
    let Value::Anim(a) = v else { return v };
    let mut a = (*a).clone();
    if let AnimSpecKind::Effect { hide, replace, .. } = &mut a.kind {
        *hide = hide_it;
        *replace = replace_by;
    }
    Value::Anim(Arc::new(a))
}
