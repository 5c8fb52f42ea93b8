//! Built-in constants and functions: constructors, animations and timeline statements.

use std::sync::Arc;

use super::args::{to_point, Args};
use super::interp::{Interp, R};
use super::syntax::ast::{Span, StrMap};
use super::value::*;
use crate::expr::Builtin as MathFn;
use crate::geom::Vec3;
use crate::scene::{axes, shapes, text, Color, Mobject, Picture};
use crate::timeline::Rate;

pub const FUNCS: &[&str] = &[
    "vec",
    "fmt",
    "str",
    "len",
    "range",
    "tracker",
    "group",
    "axes",
    "dot",
    "circle",
    "line",
    "arrow",
    "polygon",
    "rectangle",
    "square",
    "arc",
    "text",
    "tex",
    "tex_text",
    "image",
    "parametric",
    "add",
    "remove",
    "play",
    "wait",
    "section",
    "create",
    "uncreate",
    "write",
    "unwrite",
    "fade_in",
    "fade_out",
    "transform",
    "replace",
    "move_along",
    "lagged",
    "succession",
    "background",
    "interpolate_color",
    "minimize",
    "argmin",
    "argmax",
    "concat",
    "limits",
    "time",
    "rotating",
    "traced_path",
];

pub fn all_names() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = FUNCS.to_vec();
    v.extend(super::builtins3d::NAMES);
    v.extend(MathFn::ALL.iter().map(|(n, _, _)| *n));
    v.extend([
        "UP", "DOWN", "LEFT", "RIGHT", "ORIGIN", "OUT", "IN", "UL", "UR", "DL", "DR", "PI", "TAU",
        "DEGREES", "E", "camera",
    ]);
    v.extend(Color::names());
    v.extend(Rate::ALL.iter().map(|(n, _)| *n));
    v.extend(super::stdlib::names());
    v
}

pub fn constant(n: &str) -> Option<Value> {
    let v = |x, y| Some(Value::Vec(Vec3::xy(x, y)));
    match n {
        "UP" => return v(0.0, 1.0),
        "DOWN" => return v(0.0, -1.0),
        "LEFT" => return v(-1.0, 0.0),
        "RIGHT" => return v(1.0, 0.0),
        "UL" => return v(-1.0, 1.0),
        "UR" => return v(1.0, 1.0),
        "DL" => return v(-1.0, -1.0),
        "DR" => return v(1.0, -1.0),
        "ORIGIN" => return v(0.0, 0.0),
        "OUT" => return Some(Value::Vec(Vec3::OUT)),
        "IN" => return Some(Value::Vec(Vec3::IN)),
        "PI" => return Some(Value::Num(std::f64::consts::PI)),
        "TAU" => return Some(Value::Num(std::f64::consts::TAU)),
        "DEGREES" => return Some(Value::Num(std::f64::consts::PI / 180.0)),
        "E" => return Some(Value::Num(std::f64::consts::E)),
        "camera" => return Some(Value::Camera),
        _ => {}
    }
    if let Some(c) = Color::named(n) {
        return Some(Value::Color(c));
    }
    if let Some(r) = Rate::by_name(n) {
        return Some(Value::Rate(r));
    }
    if MathFn::by_name(n).is_some() {
        return Some(Value::Builtin(
            MathFn::ALL.iter().find(|(k, _, _)| *k == n).unwrap().0,
        ));
    }
    FUNCS
        .iter()
        .chain(super::builtins3d::NAMES)
        .find(|f| **f == n)
        .map(|f| Value::Builtin(f))
        .or_else(|| super::stdlib::function(n).map(|e| Value::Builtin(e.name)))
}

fn objs_of(it: &mut Interp, a: &Args, min: usize) -> R<Vec<ObjRef>> {
    let mut ids = Vec::new();
    for p in &a.pos {
        collect_ids(it, &p.value, p.span.clone(), &mut ids)?;
    }
    if ids.len() < min {
        // An empty group is a valid (empty) object; an empty list is named as the cause.
        if let Some(p) = a
            .pos
            .iter()
            .find(|p| matches!(&p.value, Value::List(l) if l.is_empty()))
        {
            return Err(it.err(
                format!(
                    "`{}` was given an empty list: there is no object to use",
                    a.what
                ),
                p.span.clone(),
            ));
        }
        if a.pos.is_empty() {
            return Err(it.err(format!("`{}` needs an object", a.what), a.span.clone()));
        }
    }
    Ok(ids)
}

fn collect_ids(it: &mut Interp, v: &Value, sp: Span, ids: &mut Vec<ObjRef>) -> R<()> {
    match v {
        Value::Obj(r) => ids.extend(it.members(r)),
        Value::List(l) => {
            for x in l.iter() {
                collect_ids(it, x, sp.clone(), ids)?;
            }
        }
        other => {
            return Err(it.err(
                format!("expected an object, found {}", other.type_name()),
                sp,
            ))
        }
    }
    Ok(())
}

fn anim(kind: AnimSpecKind, a: &Args, it: &mut Interp) -> R<Value> {
    let (run_time, rate, lag_ratio) = a.timing(it)?;
    let delay = a.delay(it)?;
    Ok(Value::Anim(Arc::new(AnimSpec {
        kind,
        run_time,
        rate,
        lag_ratio,
        delay,
        span: a.span.clone(),
    })))
}

pub const ANIM_ARGS: &[&str] = &["run_time", "rate_func", "rate", "lag_ratio", "delay"];

/// The animations passed to `play`, `lagged` or `succession` (lists of them are flattened).
fn anims_of(it: &mut Interp, a: &Args) -> R<Vec<AnimSpec>> {
    let mut specs = Vec::new();
    for p in &a.pos {
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
pub fn to_anim(it: &mut Interp, v: &Value, sp: Span) -> R<AnimSpec> {
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

pub fn call(it: &mut Interp, name: &'static str, args: Vec<ArgVal>, sp: Span) -> R<Value> {
    let a = Args::new(name, args, sp.clone());
    if super::builtins3d::NAMES.contains(&name) {
        return super::builtins3d::call(it, name, a, sp);
    }
    if let Some((f, arity)) = MathFn::by_name(name) {
        a.check(it, 8, &[])?;
        if let Some(n) = arity {
            if a.pos.len() != n {
                return Err(it.err(
                    format!(
                        "`{name}` takes {n} argument{}, given {}",
                        if n == 1 { "" } else { "s" },
                        a.pos.len()
                    ),
                    sp,
                ));
            }
        } else if a.pos.is_empty() {
            return Err(it.err(format!("`{name}` needs at least one argument"), sp));
        }
        let mut xs = Vec::new();
        for p in &a.pos {
            if let Value::List(l) = &p.value {
                for x in l.iter() {
                    xs.push(it.num(x, p.span.clone())?);
                }
            } else {
                xs.push(it.num(&p.value, p.span.clone())?);
            }
        }
        return Ok(Value::Num(f.apply(&xs)));
    }
    match name {
        "vec" => {
            a.check(it, 3, &[])?;
            let x = a.req_num(it, 0, "x")?;
            let y = a.req_num(it, 1, "y")?;
            let z = a.num(it, 2, "z", 0.0)?;
            Ok(Value::Vec(Vec3::new(x, y, z)))
        }
        "fmt" => {
            a.check(it, 2, &["decimals"])?;
            let x = a.req_num(it, 0, "value")?;
            let d = a.num(it, 1, "decimals", 2.0)?.clamp(0.0, 12.0) as usize;
            // Never print "-0.00".
            let s = format!("{x:.d$}");
            let s = if s
                .trim_start_matches('-')
                .chars()
                .all(|c| c == '0' || c == '.')
            {
                s.trim_start_matches('-').to_string()
            } else {
                s
            };
            Ok(Value::Str(s.into()))
        }
        "str" => {
            a.check(it, 1, &[])?;
            let v = a.require(it, 0, "value")?.clone();
            let s = it.display_value(&v.value, v.span)?;
            Ok(Value::Str(s.into()))
        }
        "len" => {
            a.check(it, 1, &[])?;
            match &a.require(it, 0, "list")?.value {
                Value::List(l) => Ok(Value::Num(l.len() as f64)),
                Value::Str(s) => Ok(Value::Num(s.chars().count() as f64)),
                other => Err(it.err(
                    format!("`len` needs a list, found {}", other.type_name()),
                    sp,
                )),
            }
        }
        "range" => {
            a.check(it, 3, &[])?;
            let (lo, hi, step) = if a.pos.len() == 1 {
                (0.0, a.req_num(it, 0, "end")?, 1.0)
            } else {
                (
                    a.req_num(it, 0, "start")?,
                    a.req_num(it, 1, "end")?,
                    a.num(it, 2, "step", 1.0)?,
                )
            };
            let count = ((hi - lo) / step - 1e-12).ceil();
            if !(lo.is_finite() && hi.is_finite() && step.is_finite()) || step == 0.0 {
                return Err(it.err(
                    "bad range: start, end and step must be finite numbers, and the step non-zero",
                    sp,
                ));
            }
            if count > it.limits.items {
                return Err(it
                    .err(
                        format!(
                            "bad range: {count} items, more than the limit of {}",
                            it.limits.items
                        ),
                        sp,
                    )
                    .with_note("help: raise it with `limits(items: …)` if you mean it"));
            }
            // lo + i·step (not a running sum, which a tiny step could never move).
            let n = count.max(0.0) as usize;
            let v = (0..n).map(|i| Value::Num(lo + i as f64 * step)).collect();
            Ok(Value::List(Arc::new(v)))
        }
        "tracker" => {
            a.check(it, 1, &["value"])?;
            if it.frame_mode {
                return Err(it.err(
                    "trackers cannot be created inside a tracker-driven definition",
                    sp,
                ));
            }
            let v = a.num(it, 0, "value", 0.0)?;
            it.trackers.push(v);
            Ok(Value::Tracker(it.trackers.len() - 1))
        }
        "group" => {
            a.check(it, usize::MAX, &[])?;
            // Objects, or lists of them (nested lists are flattened).
            fn collect(it: &Interp, v: &Value, sp: &Span, refs: &mut Vec<ObjRef>) -> R<()> {
                match v {
                    Value::Obj(r) => refs.push(r.clone()),
                    Value::List(l) => {
                        for x in l.iter() {
                            collect(it, x, sp, refs)?;
                        }
                    }
                    o => {
                        return Err(it.err(
                            format!("`group` takes objects, found {}", o.type_name()),
                            sp.clone(),
                        ))
                    }
                }
                Ok(())
            }
            let mut refs = Vec::new();
            for p in &a.pos {
                collect(it, &p.value, &p.span, &mut refs)?;
            }
            Ok(it.new_group(refs))
        }
        "axes" => {
            a.check(
                it,
                0,
                &[
                    "x_range",
                    "y_range",
                    "x_length",
                    "y_length",
                    "color",
                    "stroke_width",
                    "ticks",
                    "tips",
                ],
            )?;
            let mut spec = axes::AxesSpec::default();
            spec.ticks = a.bool(it, 99, "ticks", spec.ticks)?;
            if let Some(r) = a.tick_range(it, "x_range", spec.ticks)? {
                spec.x_range = r;
            }
            if let Some(r) = a.tick_range(it, "y_range", spec.ticks)? {
                spec.y_range = r;
            }
            spec.x_length = a.num(it, 99, "x_length", spec.x_length)?;
            spec.y_length = a.num(it, 99, "y_length", spec.y_length)?;
            spec.color = a.color(it, 99, "color", spec.color)?;
            spec.stroke_width = a.num(it, 99, "stroke_width", spec.stroke_width)?;
            spec.ticks = a.bool(it, 99, "ticks", spec.ticks)?;
            spec.tips = a.bool(it, 99, "tips", spec.tips)?;
            Ok(it.new_obj(axes::axes(&spec)))
        }
        "dot" => {
            a.check(it, 1, &["point", "radius", "color"])?;
            let p = a.point(it, 0, "point")?.unwrap_or(Vec3::ZERO);
            let r = a.num(it, 99, "radius", 0.08)?;
            let c = a.color(it, 99, "color", Color::WHITE)?;
            Ok(it.new_obj(shapes::dot(p, r, c)))
        }
        "circle" => {
            a.check(
                it,
                0,
                &["radius", "color", "fill_opacity", "stroke_width", "center"],
            )?;
            let r = a.num(it, 99, "radius", 1.0)?;
            let c = a.color(it, 99, "color", Color::named("RED").unwrap())?;
            let center = a.point(it, 99, "center")?.unwrap_or(Vec3::ZERO);
            let mut m = shapes::circle(center, r, c);
            m.style.fill_opacity = a.num(it, 99, "fill_opacity", 0.0)? as f32;
            m.style.stroke_width = a.num(it, 99, "stroke_width", 4.0)?;
            Ok(it.new_obj(m))
        }
        "arc" => {
            a.check(
                it,
                0,
                &[
                    "radius",
                    "start_angle",
                    "angle",
                    "color",
                    "stroke_width",
                    "center",
                ],
            )?;
            let r = a.num(it, 99, "radius", 1.0)?;
            let s = a.num(it, 99, "start_angle", 0.0)?;
            let ang = a.num(it, 99, "angle", std::f64::consts::FRAC_PI_2)?;
            if ang.abs() > it.limits.turns * std::f64::consts::TAU {
                let at = a.named("angle").map(|v| v.span.clone()).unwrap_or(sp);
                return Err(it
                    .err(
                        format!(
                            "this arc turns {:.0} times, more than the limit of {}",
                            ang.abs() / std::f64::consts::TAU,
                            it.limits.turns
                        ),
                        at,
                    )
                    .with_note("help: raise it with `limits(turns: …)` if you mean it"));
            }
            let c = a.color(it, 99, "color", Color::WHITE)?;
            let center = a.point(it, 99, "center")?.unwrap_or(Vec3::ZERO);
            let mut m = shapes::arc(center, r, s, ang, c);
            m.style.stroke_width = a.num(it, 99, "stroke_width", 4.0)?;
            Ok(it.new_obj(m))
        }
        "line" | "arrow" => {
            let allowed: &[&str] = if name == "line" {
                &["start", "end", "color", "stroke_width"]
            } else {
                &[
                    "start",
                    "end",
                    "color",
                    "stroke_width",
                    "buff",
                    "tip_length",
                    "tip_width",
                ]
            };
            a.check(it, 2, allowed)?;
            let p = a.req_point(it, 0, "start")?;
            let q = a.req_point(it, 1, "end")?;
            let c = a.color(it, 99, "color", Color::WHITE)?;
            let w = a.num(it, 99, "stroke_width", 4.0)?;
            if name == "line" {
                return Ok(it.new_obj(shapes::line(p, q, c, w)));
            }
            let spec = shapes::ArrowSpec {
                buff: a.num(it, 99, "buff", 0.0)?,
                tip_length: a.num(it, 99, "tip_length", 0.35)?,
                tip_width: a.num(it, 99, "tip_width", 0.35)?,
                stroke_width: w,
                color: c,
            };
            Ok(it.new_obj(shapes::arrow(p, q, &spec)))
        }
        "polygon" => {
            a.check(it, usize::MAX, &["color", "fill_opacity", "stroke_width"])?;
            let mut pts = Vec::new();
            for p in &a.pos {
                pts.push(to_point(it, &p.value, p.span.clone())?);
            }
            if pts.len() < 3 {
                return Err(it.err("`polygon` needs at least 3 points", sp));
            }
            let mut m = shapes::polygon(
                &pts,
                a.color(it, 99, "color", Color::named("BLUE").unwrap())?,
            );
            m.style.fill_opacity = a.num(it, 99, "fill_opacity", 0.0)? as f32;
            m.style.stroke_width = a.num(it, 99, "stroke_width", 4.0)?;
            Ok(it.new_obj(m))
        }
        "rectangle" | "square" => {
            let allowed: &[&str] = if name == "square" {
                &["side", "color", "fill_opacity", "stroke_width"]
            } else {
                &["width", "height", "color", "fill_opacity", "stroke_width"]
            };
            a.check(it, 2, allowed)?;
            let (w, h) = if name == "square" {
                let s = a.num(it, 0, "side", 2.0)?;
                (s, s)
            } else {
                (a.num(it, 0, "width", 4.0)?, a.num(it, 1, "height", 2.0)?)
            };
            let mut m = shapes::rectangle(w, h, a.color(it, 99, "color", Color::WHITE)?);
            m.style.fill_opacity = a.num(it, 99, "fill_opacity", 0.0)? as f32;
            m.style.stroke_width = a.num(it, 99, "stroke_width", 4.0)?;
            Ok(it.new_obj(m))
        }
        "text" => {
            a.check(it, 1, &["font_size", "color"])?;
            let s = a.string(it, 0, "text")?;
            let fs = a.num(it, 99, "font_size", 48.0)?;
            let c = a.color(it, 99, "color", Color::WHITE)?;
            Ok(it.new_obj(text::text(&s, fs, c)))
        }
        // `tex` is Manim's MathTex (math mode, align*); `tex_text` its Tex (text mode).
        "tex" | "tex_text" => {
            a.check(it, usize::MAX, &["font_size", "color", "colors"])?;
            let fs = a.num(it, 99, "font_size", 48.0)?;
            let c = a.color(it, 99, "color", Color::WHITE)?;
            // `colors: [c0, c1, …]` colours part i with c_i (a live formula can colour its parts
            // in its own definition).
            let part_colors: Vec<Color> = match a.named("colors").cloned() {
                Some(v) => match &v.value {
                    Value::List(l) => l
                        .iter()
                        .map(|x| super::args::to_color(it, x, v.span.clone()))
                        .collect::<R<Vec<_>>>()?,
                    other => {
                        return Err(it.err(
                            format!(
                                "`colors` must be a list of colours, one per part, found {}",
                                other.type_name()
                            ),
                            v.span,
                        ))
                    }
                },
                None => Vec::new(),
            };
            let mut parts: Vec<(String, Span, Option<Arc<StrMap>>)> = Vec::new();
            for p in &a.pos {
                match &p.value {
                    Value::Str(s) => parts.push((s.to_string(), p.span.clone(), p.str_map.clone())),
                    other => {
                        return Err(it.err(
                            format!("`{name}` takes strings, found {}", other.type_name()),
                            p.span.clone(),
                        ))
                    }
                }
            }
            if parts.is_empty() {
                return Err(it.err(format!("`{name}` needs at least one string"), sp));
            }
            let strs: Vec<&str> = parts.iter().map(|(s, _, _)| s.as_str()).collect();
            let built = if name == "tex_text" {
                text::tex_text(&strs, fs, c)
            } else {
                text::math(&strs, fs, c)
            };
            match built {
                Ok(mut m) => {
                    for (part, col) in m.children.iter_mut().zip(part_colors.iter()) {
                        part.set_color(*col);
                    }
                    Ok(it.new_obj(m))
                }
                Err(e) => Err(tex_error(it, &parts, e)),
            }
        }
        "image" => {
            a.check(it, 1, &["height", "width"])?;
            let path = a.string(it, 0, "path")?;
            let p = a.require(it, 0, "path")?.span.clone();
            let full = super::sandboxed(&it.root, &it.src.name, &path)
                .map_err(|m| it.err(format!("cannot read image: {m}"), p.clone()))?;
            let img = image::open(&full)
                .map_err(|e| it.err(format!("cannot read image '{path}': {e}"), p))?
                .to_rgba8();
            let (w, h) = img.dimensions();
            let mut px = img.into_raw();
            for c in px.chunks_mut(4) {
                let a = c[3] as u16;
                for v in &mut c[..3] {
                    *v = ((*v as u16 * a + 127) / 255) as u8;
                }
            }
            // Manim shows an image H pixels tall as H/1080·8 units unless a size is given.
            let mut height = h as f64 / 1080.0 * 8.0;
            if let Some(hv) = a.named("height") {
                height = it.num(&hv.value, hv.span.clone())?;
            } else if let Some(wv) = a.named("width") {
                height = it.num(&wv.value, wv.span.clone())? * h as f64 / w as f64;
            }
            let width = height * w as f64 / h as f64;
            let pic = Picture {
                width: w,
                height: h,
                pixels: Arc::new(px),
                corners: [
                    Vec3::xy(-width / 2.0, height / 2.0),
                    Vec3::xy(width / 2.0, height / 2.0),
                    Vec3::xy(-width / 2.0, -height / 2.0),
                ],
                opacity: 1.0,
            };
            Ok(it.new_obj(Mobject {
                picture: Some(pic),
                ..Default::default()
            }))
        }
        "parametric" => {
            a.check(it, 2, &["t_range", "color", "stroke_width"])?;
            let fx = super::methods::lower_fn(it, a.require(it, 0, "x")?.clone(), 1)?;
            let fy = super::methods::lower_fn(it, a.require(it, 1, "y")?.clone(), 1)?;
            let (lo, hi, _) = a.range(it, 99, "t_range")?.unwrap_or((0.0, 1.0, None));
            let c = a.color(it, 99, "color", Color::named("YELLOW").unwrap())?;
            let w = a.num(it, 99, "stroke_width", 4.0)?;
            let m = axes::parametric(&fx, &fy, lo, hi, c, w).map_err(|(_, t)| {
                it.err(
                    format!("division by zero in the curve at t = {t}"),
                    sp.clone(),
                )
            })?;
            Ok(it.new_obj(m))
        }
        "add" | "remove" => {
            a.check(it, usize::MAX, &[])?;
            if it.frame_mode {
                return Err(it.err(
                    format!("`{name}` cannot run inside a tracker-driven definition"),
                    sp,
                ));
            }
            let ids = objs_of(it, &a, 1)?;
            let before = it.display.clone();
            if name == "add" {
                it.show(&ids);
            } else {
                it.hide(&ids);
            }
            if it.display != before {
                it.unshown_change = Some((it.src.clone(), sp));
            }
            Ok(Value::None)
        }
        "time" => {
            a.check(it, 0, &[])?;
            Ok(Value::Tracker(it.clock_id()))
        }
        "rotating" => {
            a.check(it, 1, &["rate", "about_point"])?;
            let base = a.obj(it, 0, "object")?;
            let rate = a.num(it, 99, "rate", std::f64::consts::TAU / 5.0)?;
            let about = a.point(it, 99, "about_point")?;
            // Made once: its entry reads the clock when built, so what is made from it is live.
            it.clock_id();
            let start = it.time;
            it.arena.push(super::interp::Entry::Rotating {
                base,
                rate,
                about,
                start,
            });
            Ok(Value::Obj(ObjRef {
                id: it.arena.len() - 1,
                path: Arc::new(vec![]),
            }))
        }
        "traced_path" => Err(it.err(
            "`traced_path` takes the point to trace written in place, e.g. traced_path(dot.get_center())",
            sp,
        )),
        "limits" => {
            a.check(
                it,
                0,
                &["duration", "objects", "ticks", "items", "turns", "steps"],
            )?;
            let mut l = it.limits;
            l.duration = a.num(it, 99, "duration", l.duration)?;
            l.objects = a.num(it, 99, "objects", l.objects as f64)? as usize;
            l.ticks = a.num(it, 99, "ticks", l.ticks)?;
            l.items = a.num(it, 99, "items", l.items)?;
            l.turns = a.num(it, 99, "turns", l.turns)?;
            l.steps = a.num(it, 99, "steps", l.steps as f64)?.max(0.0) as u64;
            it.limits = l;
            Ok(Value::None)
        }
        // Manim's `next_section("name")`: what follows, up to the next section, is one part
        // (`--save_sections` writes each to its own file).
        "section" => {
            a.check(it, 1, &[])?;
            let name = a.string(it, 0, "name")?;
            if it.frame_mode {
                return Err(it.err("`section` cannot run inside a tracker-driven definition", sp));
            }
            let start = it.time;
            it.sections.push(crate::timeline::Section { name, start });
            Ok(Value::None)
        }
        "wait" => {
            a.check(it, 1, &["duration"])?;
            let t = a.num(it, 0, "duration", 1.0)?;
            if t < 0.0 || !t.is_finite() {
                return Err(it.err("`wait` needs a duration of 0 seconds or more", sp));
            }
            if it.frame_mode {
                return Err(it.err("`wait` cannot run inside a tracker-driven definition", sp));
            }
            it.check_duration(t, sp)?;
            it.push_segment(t, vec![]);
            Ok(Value::None)
        }
        "play" => {
            a.check(
                it,
                usize::MAX,
                &["run_time", "rate_func", "rate", "lag_ratio"],
            )?;
            let specs = anims_of(it, &a)?;
            if specs.is_empty() {
                return Err(it.err("`play` needs at least one animation", sp));
            }
            let Value::Anim(opts) = anim(AnimSpecKind::Wait, &a, it)? else {
                unreachable!()
            };
            it.play(
                specs,
                opts.run_time,
                opts.rate.clone(),
                opts.lag_ratio.unwrap_or(0.0),
                sp,
            )?;
            Ok(Value::None)
        }
        "create" | "uncreate" | "write" | "unwrite" => {
            a.check(it, usize::MAX, ANIM_ARGS)?;
            let ids = objs_of(it, &a, 1)?;
            let kind = match name {
                "create" => AnimSpecKind::Create(ids),
                "uncreate" => AnimSpecKind::Uncreate(ids),
                "write" => AnimSpecKind::Write(ids),
                _ => AnimSpecKind::Unwrite(ids),
            };
            anim(kind, &a, it)
        }
        "fade_in" | "fade_out" => {
            let mut allowed = ANIM_ARGS.to_vec();
            allowed.extend(["shift", "scale"]);
            a.check(it, usize::MAX, &allowed)?;
            let ids = objs_of(it, &a, 1)?;
            let shift = match a.named("shift").cloned() {
                Some(v) => to_point(it, &v.value, v.span)?,
                None => Vec3::ZERO,
            };
            let k = match a.named("scale").cloned() {
                Some(v) => it.num(&v.value, v.span)?,
                None => 1.0,
            };
            anim(
                if name == "fade_in" {
                    AnimSpecKind::FadeIn(ids, shift, k)
                } else {
                    AnimSpecKind::FadeOut(ids, shift, k)
                },
                &a,
                it,
            )
        }
        "transform" | "replace" => {
            let mut allowed = ANIM_ARGS.to_vec();
            allowed.push("path_arc");
            allowed.push("spiral");
            a.check(it, 2, &allowed)?;
            let src = a.obj(it, 0, "source")?;
            let dst = a.obj(it, 1, "target")?;
            if it.members(&src).len() != 1 {
                return Err(it.err(
                    format!(
                        "`{name}` works on one object or part (not a group): transform each member"
                    ),
                    sp,
                ));
            }
            let target = Arc::new(it.materialize(&dst, sp.clone())?);
            // `spiral: angle` follows Manim's spiral_path; `path_arc: angle` its arc path.
            let spiral = a.named("spiral").is_some();
            let path_arc = match a.named("spiral").or(a.named("path_arc")).cloned() {
                Some(v) => it.num(&v.value, v.span)?,
                None => 0.0,
            };
            let replace = if name == "replace" {
                Some(dst.clone())
            } else {
                None
            };
            anim(
                AnimSpecKind::Transform {
                    obj: src,
                    target,
                    replace,
                    path_arc,
                    spiral,
                },
                &a,
                it,
            )
        }
        "move_along" => {
            a.check(it, 2, ANIM_ARGS)?;
            let o = a.obj(it, 0, "object")?;
            let p = a.obj(it, 1, "path")?;
            let path = it.materialize(&p, sp.clone())?;
            let mut whole = crate::geom::Path::new();
            for l in path.leaves() {
                whole.append(l.path.clone());
            }
            anim(AnimSpecKind::MoveAlong(o, Arc::new(whole)), &a, it)
        }
        "lagged" | "succession" => {
            let mut allowed = ANIM_ARGS.to_vec();
            allowed.push("lag");
            a.check(it, usize::MAX, &allowed)?;
            let specs = anims_of(it, &a)?;
            let lag = if name == "succession" {
                1.0
            } else {
                a.num(it, 99, "lag", 0.5)?
            };
            anim(AnimSpecKind::Group(specs, lag), &a, it)
        }
        "background" => {
            a.check(it, 1, &[])?;
            let c = a.color(it, 0, "color", Color::BLACK)?;
            it.background = Some(c);
            Ok(Value::None)
        }
        "argmin" | "argmax" => {
            a.check(it, 1, &[])?;
            let l = match a.require(it, 0, "list")?.clone() {
                ArgVal {
                    value: Value::List(l),
                    ..
                } => l,
                v => {
                    return Err(it.err(
                        format!(
                            "`{name}` needs a list of numbers, found {}",
                            v.value.type_name()
                        ),
                        v.span,
                    ))
                }
            };
            if l.is_empty() {
                return Err(it.err(format!("`{name}` of an empty list"), sp));
            }
            let mut best = (0usize, f64::NAN);
            for (i, v) in l.iter().enumerate() {
                let x = it.num(v, sp.clone())?;
                let better = if name == "argmin" {
                    x < best.1
                } else {
                    x > best.1
                };
                if i == 0 || better {
                    best = (i, x);
                }
            }
            Ok(Value::Num(best.0 as f64))
        }
        "concat" => {
            a.check(it, usize::MAX, &[])?;
            let mut v = Vec::new();
            for p in &a.pos {
                match &p.value {
                    Value::List(l) => v.extend(l.iter().cloned()),
                    other => {
                        return Err(it.err(
                            format!("`concat` joins lists, found {}", other.type_name()),
                            p.span.clone(),
                        ))
                    }
                }
            }
            Ok(Value::List(Arc::new(v)))
        }
        "minimize" => {
            a.check(it, 3, &[])?;
            let f = super::methods::lower_fn(it, a.require(it, 0, "function")?.clone(), 1)?;
            let lo = a.req_num(it, 1, "a")?;
            let hi = a.req_num(it, 2, "b")?;
            if hi <= lo || hi.is_nan() || lo.is_nan() {
                return Err(it.err(
                    format!("bad range for `minimize`: {hi} must be greater than {lo}"),
                    sp,
                ));
            }
            let x = crate::expr::argmin(&f, lo, hi)
                .map_err(|_| it.err("division by zero while minimizing", sp.clone()))?;
            Ok(Value::Num(x))
        }
        "interpolate_color" => {
            a.check(it, 3, &[])?;
            let c1 = a.color(it, 0, "from", Color::WHITE)?;
            let c2 = a.color(it, 1, "to", Color::WHITE)?;
            let t = a.req_num(it, 2, "t")?;
            Ok(Value::Color(c1.lerp(c2, t.clamp(0.0, 1.0) as f32)))
        }
        _ => super::stdlib::call(it, name, a),
    }
}

/// Maps a typesetting error back into the scene file, under the text that caused it: through the
/// string's source map when the string is written in place, else under the whole argument.
fn tex_error(
    it: &Interp,
    parts: &[(String, Span, Option<Arc<StrMap>>)],
    e: crate::tex::TexError,
) -> crate::diag::Diagnostic {
    // The formula is the parts joined by single spaces; find the part holding the error.
    let mut off = 0;
    for (s, sp, map) in parts {
        let end = off + s.len();
        if e.span.start <= end {
            let local =
                e.span.start.saturating_sub(off)..e.span.end.saturating_sub(off).min(s.len());
            let at = map
                .as_ref()
                .and_then(|m| m.to_source(local))
                .map(|r| {
                    if r.is_empty() {
                        r.start..r.start + 1
                    } else {
                        r
                    }
                })
                .unwrap_or_else(|| sp.clone());
            return it.err(format!("in formula: {}", e.message), at);
        }
        off = end + 1;
    }
    it.err(format!("in formula: {}", e.message), parts[0].1.clone())
}
