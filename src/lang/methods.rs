//! Methods on values: Manim's placement and styling methods on objects, axes helpers,
//! trackers, the camera, and `.animate` chains.

use std::sync::Arc;

use super::args::{to_color, to_point, Args};
use super::interp::{Interp, R};
use super::syntax::ast::Span;
use super::value::*;
use crate::geom::Vec3;
use crate::scene::{axes, text, Color, Mobject};

pub fn call(it: &mut Interp, recv: Value, name: &str, args: Vec<ArgVal>, sp: Span) -> R<Value> {
    match recv {
        Value::Obj(r) => obj_method(it, r, name, args, sp),
        Value::Tracker(id) => {
            let a = Args::new(name, args, sp.clone());
            match name {
                "get_value" => {
                    a.check(it, 0, &[])?;
                    Ok(Value::Num(it.num(&Value::Tracker(id), sp)?))
                }
                "to" | "set_value" => {
                    a.check(it, 1, &["value", "run_time", "rate_func", "rate"])?;
                    let v = a.req_num(it, 0, "value")?;
                    tracker_anim(it, id, v, &a)
                }
                _ => Err(unknown_method(
                    it,
                    "a tracker",
                    name,
                    &["get_value", "to", "set_value", "animate"],
                    sp,
                )),
            }
        }
        Value::Camera if name == "follow" || name == "unfollow" => {
            let a = Args::new(name, args, sp.clone());
            if it.frame_mode {
                return Err(it.err(
                    "the camera cannot be changed inside a tracker-driven definition",
                    sp,
                ));
            }
            it.camera_live
                .retain(|l| !matches!(l, super::interp::CameraLive::Follow(_)));
            if name == "follow" {
                a.check(it, 1, &[])?;
                let r = a.obj(it, 0, "object")?;
                it.camera_live.push(super::interp::CameraLive::Follow(r));
            } else {
                a.check(it, 0, &[])?;
            }
            Ok(Value::Camera)
        }
        Value::Camera => {
            let a = Args::new(name, args, sp.clone());
            let mut cam = it.camera.clone();
            camera_method(it, &mut cam, name, &a)?;
            if it.frame_mode && !it.live_camera {
                return Err(it.err(
                    "the camera cannot be changed inside a tracker-driven definition",
                    sp,
                ));
            }
            it.camera = cam;
            Ok(Value::Camera)
        }
        Value::Animate(chain) => {
            let mut c = (*chain).clone();
            c.calls.push((name.to_string(), args, sp));
            Ok(Value::Animate(Arc::new(c)))
        }
        other => {
            let sp = it.method_span.clone().unwrap_or(sp);
            Err(it.err(format!("{} has no method `{name}`", other.type_name()), sp))
        }
    }
}

fn tracker_anim(it: &mut Interp, id: usize, to: f64, a: &Args) -> R<Value> {
    let (run_time, rate, _) = a.timing(it)?;
    Ok(Value::Anim(Arc::new(AnimSpec {
        kind: AnimSpecKind::Tracker(id, to),
        run_time,
        rate,
        lag_ratio: None,
        delay: a.delay(it)?,
        span: a.span.clone(),
    })))
}

fn camera_method(it: &mut Interp, cam: &mut crate::scene::Camera, name: &str, a: &Args) -> R<()> {
    match name {
        "set_width" => {
            a.check(it, 1, &[])?;
            cam.frame_width = a.req_num(it, 0, "width")?;
        }
        "set_height" => {
            a.check(it, 1, &[])?;
            cam.frame_width = a.req_num(it, 0, "height")? * crate::scene::FRAME_WIDTH
                / crate::scene::FRAME_HEIGHT;
        }
        "scale" => {
            a.check(it, 1, &[])?;
            cam.frame_width *= a.req_num(it, 0, "factor")?;
        }
        "move_to" => {
            a.check(it, 1, &[])?;
            cam.center = a.req_point(it, 0, "point")?;
        }
        "shift" => {
            a.check(it, 1, &[])?;
            cam.center += a.req_point(it, 0, "vector")?;
        }
        _ => {
            return Err(unknown_method(
                it,
                "the camera",
                name,
                &[
                    "set_width",
                    "set_height",
                    "scale",
                    "move_to",
                    "shift",
                    "animate",
                    "follow",
                    "unfollow",
                ],
                a.span.clone(),
            ))
        }
    }
    if cam.frame_width <= 0.0 || !cam.frame_width.is_finite() {
        return Err(it.err("the camera's frame width must be positive", a.span.clone()));
    }
    Ok(())
}

fn unknown_method(
    it: &Interp,
    what: &str,
    name: &str,
    known: &[&str],
    sp: Span,
) -> crate::diag::Diagnostic {
    let names: Vec<String> = known.iter().map(|s| s.to_string()).collect();
    // The caret goes under the method's name when the call is written in place.
    let sp = it.method_span.clone().unwrap_or(sp);
    let d = it.err(format!("{what} has no method `{name}`"), sp);
    match super::interp::suggest(name, &names) {
        Some(s) => d.with_note(format!("help: did you mean `{s}`?")),
        None => d.with_note(format!("{what} has: {}", known.join(", "))),
    }
}

pub const OBJ_METHODS: &[&str] = &[
    "shift",
    "move_to",
    "next_to",
    "align_to",
    "scale",
    "rotate",
    "set_color",
    "set_fill",
    "set_stroke",
    "set_opacity",
    "set_z_index",
    "set_color_by_gradient",
    "copy",
    "get_center",
    "get_x",
    "get_y",
    "get_z",
    "get_top",
    "get_bottom",
    "get_left",
    "get_right",
    "get_corner",
    "get_width",
    "get_height",
    "width",
    "height",
    "c2p",
    "coords_to_point",
    "p2c",
    "plot",
    "axis_labels",
    "point_from_proportion",
    "get_start",
    "get_end",
    "animate",
    "set_x",
    "set_y",
    "to_edge",
    "to_corner",
];

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

fn obj_method(it: &mut Interp, r: ObjRef, name: &str, args: Vec<ArgVal>, sp: Span) -> R<Value> {
    let a = Args::new(name, args, sp.clone());
    let ret = Value::Obj(r.clone());
    // The object as a whole (groups: all members) for bounding-box based placement.
    let whole = |it: &mut Interp| it.materialize(&r, sp.clone());
    match name {
        "shift" => {
            a.check(it, 3, &[])?;
            let mut v = Vec3::ZERO;
            for p in &a.pos {
                v += to_point(it, &p.value, p.span.clone())?;
            }
            it.modify(&r, sp, &mut |m| m.shift(v))?;
            Ok(ret)
        }
        "move_to" | "next_to" | "align_to" => {
            let allowed: &[&str] = match name {
                "move_to" => &["target", "aligned_edge"],
                "next_to" => &["target", "direction", "buff", "aligned_edge"],
                _ => &["target", "direction"],
            };
            a.check(it, 2, allowed)?;
            let target = a.require(it, 0, "target")?.clone();
            let tb = target_box(it, &target)?;
            let edge = a.point(it, 99, "aligned_edge")?.unwrap_or(Vec3::ZERO);
            let m = whole(it)?;
            let mut moved = m.clone();
            match name {
                "move_to" => {
                    let p = match &target.value {
                        Value::Obj(_) => crate::scene::box_point(tb, edge),
                        _ => tb.0,
                    };
                    moved.move_to(p, edge);
                }
                "next_to" => {
                    let dir = a.point(it, 1, "direction")?.unwrap_or(Vec3::RIGHT);
                    let buff = a.num(it, 99, "buff", 0.25)?;
                    moved.next_to_box(tb, dir, buff, edge);
                }
                _ => {
                    let dir = a.req_point(it, 1, "direction")?;
                    moved.align_to(tb, dir);
                }
            }
            let d = moved.center() - m.center();
            it.modify(&r, sp, &mut |m| m.shift(d))?;
            Ok(ret)
        }
        "to_edge" | "to_corner" => {
            // Manim: against the frame's edge (or corner), `buff` (0.5) inside it.
            a.check(it, 1, &["direction", "buff"])?;
            let dir = a
                .point(it, 0, "direction")?
                .unwrap_or(if name == "to_edge" {
                    Vec3::LEFT
                } else {
                    Vec3::new(-1.0, 1.0, 0.0)
                });
            let buff = a.num(it, 99, "buff", 0.5)?;
            let cam = it.camera.clone();
            let half = Vec3::xy(
                cam.frame_width / 2.0,
                cam.frame_width / 2.0 * crate::scene::FRAME_HEIGHT / crate::scene::FRAME_WIDTH,
            );
            let m = whole(it)?;
            let edge = Vec3::xy(
                dir.x.signum() * (dir.x.abs() > 1e-9) as i32 as f64,
                dir.y.signum() * (dir.y.abs() > 1e-9) as i32 as f64,
            );
            let target = cam.center + Vec3::xy(edge.x * (half.x - buff), edge.y * (half.y - buff));
            let cur = m.critical_point(edge);
            let mut d = target - cur;
            if edge.x == 0.0 {
                d.x = 0.0;
            }
            if edge.y == 0.0 {
                d.y = 0.0;
            }
            it.modify(&r, sp, &mut |m| m.shift(d))?;
            Ok(ret)
        }
        "set_x" | "set_y" => {
            a.check(it, 1, &[])?;
            let v = a.req_num(it, 0, "value")?;
            let c = whole(it)?.center();
            let d = if name == "set_x" {
                Vec3::xy(v - c.x, 0.0)
            } else {
                Vec3::xy(0.0, v - c.y)
            };
            it.modify(&r, sp, &mut |m| m.shift(d))?;
            Ok(ret)
        }
        "scale" | "rotate" => {
            let allowed: &[&str] = if name == "scale" {
                &["factor", "about_point"]
            } else {
                &["angle", "axis", "about_point"]
            };
            a.check(it, 1, allowed)?;
            let k = a.req_num(it, 0, if name == "scale" { "factor" } else { "angle" })?;
            let about = match a.point(it, 99, "about_point")? {
                Some(p) => p,
                None => whole(it)?.center(),
            };
            let axis = a.point(it, 99, "axis")?.unwrap_or(Vec3::OUT);
            if name == "scale" {
                it.modify(&r, sp, &mut |m| m.scale(k, Some(about)))?;
            } else {
                it.modify(&r, sp, &mut |m| m.rotate(k, axis, Some(about)))?;
            }
            Ok(ret)
        }
        "set_color" => {
            a.check(it, 1, &[])?;
            let c = a.color(it, 0, "color", Color::WHITE)?;
            it.modify(&r, sp, &mut |m| m.set_color(c))?;
            Ok(ret)
        }
        "set_fill" => {
            a.check(it, 2, &["color", "opacity"])?;
            let c = match a.get(0, "color") {
                Some(v) => Some(to_color(it, &v.value, v.span.clone())?),
                None => None,
            };
            let o = match a.get(1, "opacity").cloned() {
                Some(v) => Some(it.num(&v.value, v.span)? as f32),
                None => None,
            };
            it.modify(&r, sp, &mut |m| m.set_fill(c, o))?;
            Ok(ret)
        }
        "set_stroke" => {
            a.check(it, 3, &["color", "width", "opacity"])?;
            let c = match a.get(0, "color") {
                Some(v) => Some(to_color(it, &v.value, v.span.clone())?),
                None => None,
            };
            let w = match a.get(1, "width").cloned() {
                Some(v) => Some(it.num(&v.value, v.span)?),
                None => None,
            };
            let o = match a.get(2, "opacity").cloned() {
                Some(v) => Some(it.num(&v.value, v.span)? as f32),
                None => None,
            };
            it.modify(&r, sp, &mut |m| m.set_stroke(c, w, o))?;
            Ok(ret)
        }
        "set_opacity" => {
            a.check(it, 1, &[])?;
            let o = a.req_num(it, 0, "opacity")? as f32;
            it.modify(&r, sp, &mut |m| m.set_opacity(o))?;
            Ok(ret)
        }
        "set_z_index" => {
            a.check(it, 1, &[])?;
            let z = a.req_num(it, 0, "z")? as i32;
            it.modify(&r, sp, &mut |m| m.set_z_index(z))?;
            Ok(ret)
        }
        "set_color_by_gradient" => {
            a.check(it, usize::MAX, &[])?;
            let mut cs = Vec::new();
            for p in &a.pos {
                cs.push(to_color(it, &p.value, p.span.clone())?);
            }
            if cs.len() < 2 {
                return Err(it.err("`set_color_by_gradient` needs at least two colours", sp));
            }
            let cs = Arc::new(cs);
            it.modify(&r, sp, &mut |m| {
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
            })?;
            Ok(ret)
        }
        "copy" => {
            a.check(it, 0, &[])?;
            let m = whole(it)?;
            Ok(it.new_obj(m))
        }
        "get_center" | "get_top" | "get_bottom" | "get_left" | "get_right" | "get_corner"
        | "get_start" | "get_end" => {
            a.check(it, 1, &[])?;
            let m = whole(it)?;
            let p = match name {
                "get_center" => m.center(),
                "get_top" => m.critical_point(Vec3::UP),
                "get_bottom" => m.critical_point(Vec3::DOWN),
                "get_left" => m.critical_point(Vec3::LEFT),
                "get_right" => m.critical_point(Vec3::RIGHT),
                "get_start" => first_path(&m)
                    .map(|p| p.subpaths[0].start)
                    .unwrap_or(m.center()),
                "get_end" => first_path(&m)
                    .and_then(|p| p.subpaths.last().map(|s| s.end()))
                    .unwrap_or(m.center()),
                _ => m.critical_point(a.req_point(it, 0, "direction")?),
            };
            Ok(Value::Vec(p))
        }
        "get_x" | "get_y" | "get_z" => {
            a.check(it, 0, &[])?;
            let c = whole(it)?.center();
            Ok(Value::Num(match name {
                "get_x" => c.x,
                "get_y" => c.y,
                _ => c.z,
            }))
        }
        "get_width" | "width" => Ok(Value::Num(whole(it)?.width())),
        "get_height" | "height" => Ok(Value::Num(whole(it)?.height())),
        "point_from_proportion" => {
            a.check(it, 1, &[])?;
            let t = a.req_num(it, 0, "t")?;
            let m = whole(it)?;
            let p = first_path(&m)
                .and_then(|p| p.point_at_proportion(t))
                .ok_or_else(|| it.err("this object has no outline to measure", sp.clone()))?;
            Ok(Value::Vec(p))
        }
        "c2p" | "coords_to_point" | "p2c" | "plot" | "axis_labels" | "plot_surface" | "contour" => {
            axes_method(it, &r, name, a, sp)
        }
        _ => match super::stdlib::method(name) {
            Some(e) => super::stdlib::call_method(it, e, r, a),
            None => Err(unknown_method(
                it,
                "an object",
                name,
                &super::stdlib::with_methods(OBJ_METHODS),
                sp,
            )),
        },
    }
}

fn first_path(m: &Mobject) -> Option<crate::geom::Path> {
    m.leaves()
        .into_iter()
        .find(|l| !l.path.is_empty())
        .map(|l| l.path.clone())
}

fn axes_method(it: &mut Interp, r: &ObjRef, name: &str, a: Args, sp: Span) -> R<Value> {
    let m = it.materialize(r, sp.clone())?;
    let Some(frame) = m.coords.clone() else {
        return Err(it.err(
            format!("`{name}` works on axes; this object is not axes"),
            sp,
        ));
    };
    match name {
        "c2p" | "coords_to_point" => {
            a.check(it, 3, &[])?;
            let (x, y, z) = if a.pos.len() == 1 {
                let p = a.req_point(it, 0, "point")?;
                (p.x, p.y, p.z)
            } else {
                (
                    a.req_num(it, 0, "x")?,
                    a.req_num(it, 1, "y")?,
                    a.num(it, 2, "z", 0.0)?,
                )
            };
            Ok(Value::Vec(frame.to_scene(x, y, z)))
        }
        "p2c" => {
            a.check(it, 1, &[])?;
            let p = a.req_point(it, 0, "point")?;
            let (x, y) = frame.to_data(p);
            Ok(Value::List(Arc::new(vec![Value::Num(x), Value::Num(y)])))
        }
        "plot" => {
            a.check(it, 1, &["x_range", "color", "stroke_width"])?;
            let farg = a.require(it, 0, "function")?.clone();
            let f = lower_fn(it, farg.clone(), 1)?;
            let (lo, hi) = match a.range(it, 99, "x_range")? {
                Some((lo, hi, _)) => (lo, hi),
                // The axes' own x range, to its end (Manim plots to x_max, not the last step).
                None => axes::x_extent(&m).unwrap_or((0.0, 1.0)),
            };
            let c = a.color(it, 99, "color", Color::named("YELLOW").unwrap())?;
            let w = a.num(it, 99, "stroke_width", 4.0)?;
            let fname = match &farg.value {
                Value::Fn(uf) => uf.name.clone(),
                _ => "the function".into(),
            };
            let g = axes::plot(&frame, &f, lo, hi, c, w).map_err(|(_, x)| {
                it.err(
                    format!("division by zero in `{fname}` at x = {x}"),
                    farg.span.clone(),
                )
            })?;
            Ok(it.new_obj(g))
        }
        "contour" => {
            a.check(
                it,
                1,
                &[
                    "levels",
                    "x_range",
                    "y_range",
                    "resolution",
                    "colors",
                    "color",
                    "stroke_width",
                    "filled",
                    "fill_opacity",
                    "value_axis",
                ],
            )?;
            let farg = a.require(it, 0, "function")?.clone();
            let f = lower_fn(it, farg.clone(), 2)?;
            let (x0, x1, _) = a
                .range(it, 99, "x_range")?
                .ok_or_else(|| it.err("`contour` needs x_range: [min, max]", sp.clone()))?;
            let (y0, y1, _) = a
                .range(it, 99, "y_range")?
                .ok_or_else(|| it.err("`contour` needs y_range: [min, max]", sp.clone()))?;
            let res = a.num(it, 99, "resolution", 100.0)?;
            if !(4.0..=1000.0).contains(&res) {
                return Err(it.err("resolution must be between 4 and 1000", sp));
            }
            let res = res as usize;
            let grid = crate::geom::contour::Grid::sample(res, res, (x0, x1), (y0, y1), |x, y| {
                f.call(&[x, y]).unwrap_or(f64::NAN)
            });
            let (lo, hi) = grid.min_max();
            if !lo.is_finite() {
                return Err(it.err("the function has no finite value on this range", farg.span));
            }
            // Levels: a count (evenly spaced strictly inside the range) or a list.
            let levels: Vec<f64> = match a.named("levels").cloned() {
                None => (1..=10).map(|k| lo + (hi - lo) * k as f64 / 11.0).collect(),
                Some(v) => match &v.value {
                    Value::List(l) => l
                        .iter()
                        .map(|x| it.num(x, v.span.clone()))
                        .collect::<R<Vec<f64>>>()?,
                    other => {
                        let n = it.num(other, v.span.clone())?;
                        if !(1.0..=200.0).contains(&n) {
                            return Err(
                                it.err("levels must be a count from 1 to 200, or a list", v.span)
                            );
                        }
                        let n = n as usize;
                        (1..=n)
                            .map(|k| lo + (hi - lo) * k as f64 / (n + 1) as f64)
                            .collect()
                    }
                },
            };
            let (c_lo, c_hi) = match a.named("colors").cloned() {
                Some(v) => match &v.value {
                    Value::List(l) if l.len() == 2 => (
                        to_color(it, &l[0], v.span.clone())?,
                        to_color(it, &l[1], v.span.clone())?,
                    ),
                    other => {
                        let c = to_color(it, other, v.span.clone())?;
                        (c, c)
                    }
                },
                None => {
                    let c = a.color(it, 99, "color", Color::WHITE)?;
                    (c, c)
                }
            };
            let color_at = |t: f64| c_lo.lerp(c_hi, t.clamp(0.0, 1.0) as f32);
            let width = a.num(it, 99, "stroke_width", 2.0)?;
            let axis = a.num(it, 99, "value_axis", 0.0)? as usize;
            let place = |x: f64, y: f64, level: f64| match axis {
                2 => frame.to_scene(x, level, y),
                3 => frame.to_scene(x, y, level),
                _ => frame.to_scene(x, y, 0.0),
            };
            let mut parts = Vec::new();
            if a.bool(it, 99, "filled", false)? {
                if axis != 0 {
                    return Err(it.err(
                        "filled contours are drawn on 2D axes (leave out value_axis)",
                        sp,
                    ));
                }
                let opacity = a.num(it, 99, "fill_opacity", 0.6)? as f32;
                let mut sorted = levels.clone();
                sorted.sort_by(|p, q| p.total_cmp(q));
                let band = |v: f64| sorted.iter().filter(|&&l| v > l).count();
                let nb = sorted.len().max(1) as f64;
                // One rectangle per run of equal bands along a row: few shapes, sharp enough
                // under the contour lines drawn on top.
                for j in 0..grid.ny {
                    let mut i = 0;
                    while i < grid.nx {
                        let mid = |i: usize| {
                            (grid.at(i, j)
                                + grid.at(i + 1, j)
                                + grid.at(i, j + 1)
                                + grid.at(i + 1, j + 1))
                                / 4.0
                        };
                        let b = band(mid(i));
                        let start = i;
                        while i < grid.nx && band(mid(i)) == b {
                            i += 1;
                        }
                        // Neighbouring rectangles overlap by a quarter cell so anti-aliased edges
                        // leave no seams.
                        let (cw, ch) = ((x1 - x0) / grid.nx as f64, (y1 - y0) / grid.ny as f64);
                        let xa = x0 + cw * start as f64;
                        let xb = (x0 + cw * (i as f64 + 0.25)).min(x1);
                        let ya = y0 + ch * j as f64;
                        let yb = (y0 + ch * (j as f64 + 1.25)).min(y1);
                        let mut p = crate::geom::Path::polyline(&[
                            place(xa, ya, 0.0),
                            place(xb, ya, 0.0),
                            place(xb, yb, 0.0),
                            place(xa, yb, 0.0),
                        ]);
                        p.close();
                        // Opaque bands darkened toward black by `fill_opacity`: overlapping
                        // translucent rectangles would show their seams.
                        let c = Color::BLACK.lerp(color_at(b as f64 / nb), opacity.clamp(0.0, 1.0));
                        let st = crate::scene::Style::filled(c);
                        parts.push(crate::scene::Mobject::leaf(p, st));
                    }
                }
            }
            let n = levels.len().max(2) as f64 - 1.0;
            let mut sorted_idx: Vec<usize> = (0..levels.len()).collect();
            sorted_idx.sort_by(|&p, &q| levels[p].total_cmp(&levels[q]));
            for (rank, &k) in sorted_idx.iter().enumerate() {
                let level = levels[k];
                for line in grid.contour(level) {
                    let pts: Vec<Vec3> = line.iter().map(|&(x, y)| place(x, y, level)).collect();
                    if pts.len() < 2 {
                        continue;
                    }
                    let closed = line.first() == line.last();
                    let mut path = crate::geom::Path::smooth_through(&pts);
                    if closed {
                        if let Some(sp) = path.subpaths.first_mut() {
                            sp.closed = true;
                        }
                    }
                    parts.push(crate::scene::Mobject::leaf(
                        path,
                        crate::scene::Style::stroked(color_at(rank as f64 / n), width),
                    ));
                }
            }
            Ok(it.new_obj(crate::scene::Mobject::group(parts)))
        }
        "plot_surface" => {
            let mut allowed = super::builtins3d::SURFACE_ARGS.to_vec();
            allowed.push("value_axis");
            allowed.push("colorscale");
            a.check(it, 1, &allowed)?;
            let farg = a.require(it, 0, "function")?.clone();
            let f = lower_fn(it, farg.clone(), 2)?;
            let spec = super::builtins3d::surface_spec(it, &a)?;
            // Manim puts the value on the 3rd axis (z); value_axis: 2 puts it on the 2nd, as the
            // gradient-descent video does.
            let axis = a.num(it, 99, "value_axis", 3.0)? as usize;
            if !(1..=3).contains(&axis) {
                return Err(it.err("value_axis must be 1, 2 or 3", sp));
            }
            let fname = match &farg.value {
                Value::Fn(uf) => uf.name.clone(),
                _ => "the function".into(),
            };
            let m = crate::scene::three_d::surface(&spec, |u, v| {
                let w = f.call(&[u, v])?;
                Ok(match axis {
                    1 => frame.to_scene(w, u, v),
                    2 => frame.to_scene(u, w, v),
                    _ => frame.to_scene(u, v, w),
                })
            })
            .map_err(|_: crate::expr::EvalError| {
                it.err(format!("division by zero in `{fname}`"), farg.span.clone())
            })?;
            // Colour by height: each face takes the colour of f at its centre, on a scale
            // through the given colours from the lowest value to the highest.
            let mut m = m;
            if let Some(v) = a.named("colorscale").cloned() {
                let Value::List(l) = &v.value else {
                    return Err(it.err("colorscale must be a list of colours, low to high", v.span));
                };
                let cs = l
                    .iter()
                    .map(|c| to_color(it, c, v.span.clone()))
                    .collect::<R<Vec<Color>>>()?;
                if cs.len() < 2 {
                    return Err(it.err("colorscale needs at least two colours", v.span));
                }
                let (nu, nv) = spec.resolution;
                let (u0, u1) = spec.u_range;
                let (v0, v1) = spec.v_range;
                let vals: Vec<f64> = (0..nu * nv)
                    .map(|k| {
                        let (i, j) = (k / nv, k % nv);
                        f.call(&[
                            u0 + (u1 - u0) * (i as f64 + 0.5) / nu as f64,
                            v0 + (v1 - v0) * (j as f64 + 0.5) / nv as f64,
                        ])
                        .unwrap_or(0.0)
                    })
                    .collect();
                let (lo, hi) = vals
                    .iter()
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
                        (a.min(x), b.max(x))
                    });
                for (face, &val) in m.children.iter_mut().zip(vals.iter()) {
                    let t =
                        if hi > lo { (val - lo) / (hi - lo) } else { 0.0 } * (cs.len() - 1) as f64;
                    let k = (t.floor() as usize).min(cs.len() - 2);
                    face.style.fill = cs[k].lerp(cs[k + 1], (t - k as f64) as f32);
                }
            }
            Ok(it.new_obj(m))
        }
        "axis_labels" if m.children.len() == 3 => {
            // 3D axes: x, y, z beyond the tips, turned toward the camera.
            a.check(it, 3, &["x", "y", "z", "font_size", "color"])?;
            let fs = a.num(it, 99, "font_size", 48.0)?;
            let c = a.color(it, 99, "color", Color::WHITE)?;
            let mut refs = Vec::new();
            for (k, key) in ["x", "y", "z"].iter().enumerate() {
                let label = match a.get(k, key) {
                    Some(v) => a_str(it, v)?,
                    None => key.to_string(),
                };
                let mut lm = text::math(&[&label], fs, c)
                    .map_err(|e| it.err(format!("in formula: {}", e.message), sp.clone()))?;
                let axis = &m.children[k];
                let line = &axis.leaves()[0].path;
                let (a0, a1) = (line.subpaths[0].start, line.subpaths[0].end());
                let dir = (a1 - a0).normalize();
                let end = axis
                    .leaves()
                    .last()
                    .and_then(|t| t.path.bounds())
                    .map(|(lo, hi)| (lo + hi) / 2.0)
                    .unwrap_or(a1);
                let spot = end + dir * 0.45;
                let ctr = lm.center();
                lm.shift(spot - ctr);
                lm.for_each_node_mut(&mut |n| n.billboard = Some(spot));
                let Value::Obj(r) = it.new_obj(lm) else {
                    unreachable!()
                };
                refs.push(r);
            }
            Ok(it.new_group(refs))
        }
        "axis_labels" => {
            a.check(it, 2, &["x", "y", "font_size", "color"])?;
            let xl = match a.get(0, "x") {
                Some(v) => a_str(it, v)?,
                None => "x".into(),
            };
            let yl = match a.get(1, "y") {
                Some(v) => a_str(it, v)?,
                None => "y".into(),
            };
            let fs = a.num(it, 99, "font_size", 48.0)?;
            let c = a.color(it, 99, "color", Color::WHITE)?;
            let mk = |s: &str| text::math(&[s], fs, c).map_err(|e| e.message);
            let mut xm = mk(&xl).map_err(|e| it.err(format!("in formula: {e}"), sp.clone()))?;
            let mut ym = mk(&yl).map_err(|e| it.err(format!("in formula: {e}"), sp.clone()))?;
            // Manim: x label beside the x axis' upper-right corner, y label beside the top of
            // the y axis, both 0.1 (SMALL_BUFF) away.
            let xb = m.children[0].bounds().unwrap();
            let yb = m.children[1].bounds().unwrap();
            let xp = Vec3::xy(xb.1.x, xb.1.y);
            let yp = Vec3::xy(yb.1.x, yb.1.y);
            xm.next_to_box((xp, xp), Vec3::new(1.0, 1.0, 0.0), 0.1, Vec3::ZERO);
            ym.next_to_box((yp, yp), Vec3::new(1.0, 0.5, 0.0), 0.1, Vec3::ZERO);
            let xo = it.new_obj(xm);
            let yo = it.new_obj(ym);
            let (Value::Obj(xr), Value::Obj(yr)) = (xo, yo) else {
                unreachable!()
            };
            Ok(it.new_group(vec![xr, yr]))
        }
        _ => unreachable!(),
    }
}

fn a_str(it: &Interp, v: &ArgVal) -> R<String> {
    match &v.value {
        Value::Str(s) => Ok(s.to_string()),
        o => Err(it.err(
            format!("expected a string, found {}", o.type_name()),
            v.span.clone(),
        )),
    }
}

/// Turns `.animate` chains into an animation: the methods run on a copy, which becomes the
/// Transform target (Manim's `.animate`).
pub fn animate_to_spec(it: &mut Interp, chain: &Animate, sp: Span) -> R<AnimSpec> {
    match &chain.target {
        AnimTarget::Camera => {
            let mut cam = it.camera.clone();
            for (name, args, csp) in &chain.calls {
                let a = Args::new(name, args.clone(), csp.clone());
                camera_method(it, &mut cam, name, &a)?;
            }
            Ok(AnimSpec {
                kind: AnimSpecKind::Camera(cam),
                run_time: None,
                rate: None,
                lag_ratio: None,
                delay: 0.0,
                span: sp,
            })
        }
        AnimTarget::Tracker(id) => {
            let Some((name, args, csp)) = chain.calls.last() else {
                return Err(it.err(
                    "`.animate` needs a method after it, e.g. t.animate.set_value(5)",
                    sp,
                ));
            };
            if name != "set_value" {
                return Err(it.err(
                    format!("a tracker animates with .set_value(…), not .{name}(…)"),
                    csp.clone(),
                ));
            }
            let a = Args::new(name, args.clone(), csp.clone());
            let v = a.req_num(it, 0, "value")?;
            Ok(AnimSpec {
                kind: AnimSpecKind::Tracker(*id, v),
                run_time: None,
                rate: None,
                lag_ratio: None,
                delay: 0.0,
                span: sp,
            })
        }
        AnimTarget::Obj(r) => {
            if chain.calls.is_empty() {
                return Err(it.err(
                    "`.animate` needs a method after it, e.g. x.animate.shift(UP)",
                    sp,
                ));
            }
            let ids = it.members(r);
            if ids.iter().any(|m| it.is_live(m)) {
                return Err(it.err(
                    "this object follows a tracker and is rebuilt every frame, so `.animate` cannot change it: change it in its `let` definition instead (for instance, let its colour depend on a tracker)",
                    sp,
                ));
            }
            if ids.len() != 1 || it.is_group(r) {
                // A group moves as a whole (Manim's VGroup): the chain runs on the assembled
                // group, then each member morphs into its part of the result.
                let m = it.group_start_state(r, sp.clone())?;
                let Value::Obj(tmp) = it.new_obj(m) else {
                    unreachable!()
                };
                for (name, args, csp) in &chain.calls {
                    obj_method(it, tmp.clone(), name, args.clone(), csp.clone())?;
                }
                let target = it.materialize(&tmp, sp.clone())?;
                let mut parts = Vec::new();
                it.split_by_members(r, target, &mut parts);
                let specs = parts
                    .into_iter()
                    .map(|(obj, target)| AnimSpec {
                        kind: AnimSpecKind::Transform {
                            obj,
                            target: Arc::new(target),
                            replace: None,
                            path_arc: 0.0,
                            spiral: false,
                        },
                        run_time: None,
                        rate: None,
                        lag_ratio: None,
                        delay: 0.0,
                        span: sp.clone(),
                    })
                    .collect();
                return Ok(AnimSpec {
                    kind: AnimSpecKind::Group(specs, 0.0),
                    run_time: None,
                    rate: None,
                    lag_ratio: None,
                    delay: 0.0,
                    span: sp,
                });
            }
            if it.is_live(&ids[0]) {
                return Err(it.err(
                    "this object follows a tracker and is rebuilt every frame, so `.animate` cannot change it: change it in its `let` definition instead (for instance, let its colour depend on a tracker)",
                    sp,
                ));
            }
            // Run the methods on a scratch copy of where the play has it so far.
            let m = it.start_state(&ids[0], sp.clone())?;
            let Value::Obj(tmp) = it.new_obj(m) else {
                unreachable!()
            };
            for (name, args, csp) in &chain.calls {
                obj_method(it, tmp.clone(), name, args.clone(), csp.clone())?;
            }
            let target = Arc::new(it.materialize(&tmp, sp.clone())?);
            Ok(AnimSpec {
                kind: AnimSpecKind::Transform {
                    obj: ids[0].clone(),
                    target,
                    replace: None,
                    path_arc: 0.0,
                    spiral: false,
                },
                run_time: None,
                rate: None,
                lag_ratio: None,
                delay: 0.0,
                span: sp,
            })
        }
    }
}

pub use super::lower::lower_fn;
