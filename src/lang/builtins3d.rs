//! Built-ins for 3D scenes and calculus: 3D axes, surfaces, spheres, the 3D camera, exact
//! derivatives and optimizers.

use std::sync::Arc;

use super::args::{to_point, Args};
use super::interp::{Interp, R};
use super::methods::lower_fn;
use super::syntax::ast::Span;
use super::value::*;
use crate::geom::Vec3;
use crate::optim::{self, Method};
use crate::scene::three_d::{self, Axes3dSpec, SurfaceSpec};
use crate::scene::Color;

fn points_of(it: &mut Interp, v: &ArgVal) -> R<Vec<Vec3>> {
    match &v.value {
        Value::List(l) => l.iter().map(|p| to_point(it, p, v.span.clone())).collect(),
        other => Err(it.err(
            format!("expected a list of points, found {}", other.type_name()),
            v.span.clone(),
        )),
    }
}

pub const NAMES: &[&str] = &[
    "axes3d",
    "surface",
    "sphere",
    "set_camera_orientation",
    "set_light",
    "move_camera",
    "derivative",
    "directional_derivative",
    "steepest_descent",
    "tangent_direction",
    "begin_ambient_camera_rotation",
    "begin_3dillusion_camera_rotation",
    "stop_3dillusion_camera_rotation",
    "stop_ambient_camera_rotation",
    "dot_product",
    "cross",
    "normalize",
    "norm",
    "curve",
    "rolling_ball",
    "gradient",
    "optimize",
];

fn colors2(it: &mut Interp, a: &Args, name: &str, default: (Color, Color)) -> R<(Color, Color)> {
    match a.named(name).cloned() {
        None => Ok(default),
        Some(v) => match &v.value {
            Value::List(l) if l.len() == 2 => Ok((
                super::args::to_color(it, &l[0], v.span.clone())?,
                super::args::to_color(it, &l[1], v.span.clone())?,
            )),
            other => {
                let c = super::args::to_color(it, other, v.span.clone())?;
                Ok((c, c))
            }
        },
    }
}

fn res2(it: &mut Interp, a: &Args, default: (usize, usize)) -> R<(usize, usize)> {
    match a.named("resolution").cloned() {
        None => Ok(default),
        Some(v) => {
            let (u, w) = match &v.value {
                Value::List(l) if l.len() == 2 => (
                    it.num(&l[0], v.span.clone())?,
                    it.num(&l[1], v.span.clone())?,
                ),
                other => {
                    let n = it.num(other, v.span.clone())?;
                    (n, n)
                }
            };
            if !(1.0..=400.0).contains(&u) || !(1.0..=400.0).contains(&w) {
                return Err(it.err(
                    "resolution must be between 1 and 400 faces per side",
                    v.span,
                ));
            }
            Ok((u as usize, w as usize))
        }
    }
}

/// Named arguments of `surface` and `plot_surface`.
pub const SURFACE_ARGS: &[&str] = &[
    "u_range",
    "v_range",
    "resolution",
    "colors",
    "fill_opacity",
    "stroke_color",
    "stroke_width",
];

/// Reads the surface options shared by `surface` and `plot_surface`.
pub fn surface_spec(it: &mut Interp, a: &Args) -> R<SurfaceSpec> {
    let mut spec = SurfaceSpec::default();
    if let Some((lo, hi, _)) = a.range(it, 99, "u_range")? {
        spec.u_range = (lo, hi);
    }
    if let Some((lo, hi, _)) = a.range(it, 99, "v_range")? {
        spec.v_range = (lo, hi);
    }
    spec.resolution = res2(it, a, spec.resolution)?;
    spec.colors = colors2(it, a, "colors", spec.colors)?;
    spec.fill_opacity = a.num(it, 99, "fill_opacity", 1.0)? as f32;
    spec.stroke_color = a.color(it, 99, "stroke_color", spec.stroke_color)?;
    spec.stroke_width = a.num(it, 99, "stroke_width", spec.stroke_width)?;
    Ok(spec)
}

pub fn call(it: &mut Interp, name: &str, a: Args, sp: Span) -> R<Value> {
    match name {
        // Manim's `renderer.camera.light_source.move_to(p)`: where the light shading 3D surfaces
        // sits from now on (camera animations carry it along).
        "set_light" => {
            a.check(it, 1, &["position"])?;
            if it.frame_mode {
                return Err(it.err(
                    "the light cannot be changed inside a tracker-driven definition",
                    sp,
                ));
            }
            it.camera.light = a.req_point(it, 0, "position")?;
            Ok(Value::None)
        }
        "axes3d" => {
            a.check(
                it,
                0,
                &[
                    "x_range",
                    "y_range",
                    "z_range",
                    "x_length",
                    "y_length",
                    "z_length",
                    "color",
                    "stroke_width",
                    "ticks",
                    "tips",
                ],
            )?;
            let mut spec = Axes3dSpec::default();
            spec.ticks = a.bool(it, 99, "ticks", spec.ticks)?;
            for (k, n) in ["x_range", "y_range", "z_range"].iter().enumerate() {
                if let Some(r) = a.tick_range(it, n, spec.ticks)? {
                    spec.ranges[k] = r;
                }
            }
            for (k, n) in ["x_length", "y_length", "z_length"].iter().enumerate() {
                spec.lengths[k] = a.num(it, 99, n, spec.lengths[k])?;
            }
            spec.color = a.color(it, 99, "color", spec.color)?;
            spec.stroke_width = a.num(it, 99, "stroke_width", spec.stroke_width)?;
            spec.ticks = a.bool(it, 99, "ticks", spec.ticks)?;
            spec.tips = a.bool(it, 99, "tips", spec.tips)?;
            Ok(it.new_obj(three_d::axes3d(&spec)))
        }
        "surface" => {
            a.check(it, 1, SURFACE_ARGS)?;
            let f = a.require(it, 0, "function")?.clone();
            let spec = surface_spec(it, &a)?;
            // The function maps (u, v) to a point; it runs in the interpreter (it may use axes).
            let m = three_d::surface(&spec, |u, v| {
                let args = vec![
                    ArgVal {
                        name: None,
                        name_span: None,
                        value: Value::Num(u),
                        span: f.span.clone(),
                        str_map: None,
                    },
                    ArgVal {
                        name: None,
                        name_span: None,
                        value: Value::Num(v),
                        span: f.span.clone(),
                        str_map: None,
                    },
                ];
                let p = it.call(f.value.clone(), args, sp.clone(), f.span.clone())?;
                to_point(it, &p, f.span.clone())
            })?;
            Ok(it.new_obj(m))
        }
        "sphere" => {
            a.check(
                it,
                1,
                &["center", "radius", "resolution", "color", "colors"],
            )?;
            let c = a.point(it, 0, "center")?.unwrap_or(Vec3::ZERO);
            let r = a.num(it, 99, "radius", 1.0)?;
            let res = res2(it, &a, (24, 12))?;
            let col = a.color(it, 99, "color", Color::named("BLUE_D").unwrap())?;
            let cols = colors2(it, &a, "colors", (col, col))?;
            Ok(it.new_obj(three_d::sphere(c, r, res, cols)))
        }
        "set_camera_orientation" | "move_camera" => {
            let mut allowed = vec![
                "phi",
                "theta",
                "gamma",
                "zoom",
                "focal_distance",
                "frame_center",
                "exponential_projection",
            ];
            if name == "move_camera" {
                allowed.extend(["run_time", "rate_func", "rate"]);
            }
            a.check(it, 0, &allowed)?;
            if it.frame_mode {
                return Err(it.err(
                    "the camera cannot be changed inside a tracker-driven definition",
                    sp,
                ));
            }
            let mut cam = it.camera.clone();
            cam.perspective = true;
            cam.phi = a.num(it, 99, "phi", cam.phi)?;
            cam.theta = a.num(it, 99, "theta", cam.theta)?;
            cam.gamma = a.num(it, 99, "gamma", cam.gamma)?;
            cam.zoom = a.num(it, 99, "zoom", cam.zoom)?;
            cam.focal_distance = a.num(it, 99, "focal_distance", cam.focal_distance)?;
            if let Some(p) = a.point(it, 99, "frame_center")? {
                cam.center = p;
            }
            cam.exponential = a.bool(it, 99, "exponential_projection", cam.exponential)?;
            if cam.zoom <= 0.0 || cam.focal_distance <= 0.0 {
                return Err(it.err("zoom and focal_distance must be positive", sp));
            }
            if name == "set_camera_orientation" {
                it.camera = cam;
                return Ok(Value::None);
            }
            // The camera becomes 3D at once; the move itself is an animation.
            it.camera.perspective = true;
            let (run_time, rate, _) = a.timing(it)?;
            Ok(Value::Anim(Arc::new(AnimSpec {
                kind: AnimSpecKind::Camera(cam),
                run_time,
                rate,
                lag_ratio: None,
                delay: 0.0,
                span: sp,
            })))
        }
        "derivative" => {
            a.check(it, 2, &["var"])?;
            let fa = a.require(it, 0, "function")?.clone();
            let arity = match &fa.value {
                Value::Fn(uf) => uf.params.len(),
                Value::MathFn(mf) => mf.params.len(),
                other => {
                    return Err(it.err(
                        format!("`derivative` needs a function, found {}", other.type_name()),
                        fa.span,
                    ))
                }
            };
            let f = lower_fn(it, fa.clone(), arity)?;
            let var = a.num(it, 1, "var", 0.0)? as usize;
            if var >= arity {
                return Err(it.err(
                    format!(
                        "the function has {arity} variable(s); var must be 0 to {}",
                        arity.saturating_sub(1)
                    ),
                    sp,
                ));
            }
            let d = f
                .body
                .derivative(var)
                .map_err(|what| it.err(format!("cannot differentiate {what}"), fa.span.clone()))?;
            Ok(Value::MathFn(Arc::new(crate::expr::Function {
                params: f.params.clone(),
                body: Arc::new(d),
            })))
        }
        "gradient" => {
            a.check(it, 2, &[])?;
            let fa = a.require(it, 0, "function")?.clone();
            let f = lower_fn(it, fa.clone(), 2)?;
            let p = a.req_point(it, 1, "point")?;
            let mut out = Vec::new();
            for var in 0..2 {
                let d = f.body.derivative(var).map_err(|what| {
                    it.err(format!("cannot differentiate {what}"), fa.span.clone())
                })?;
                out.push(Value::Num(d.eval(&[p.x, p.y]).map_err(|_| {
                    it.err("division by zero in the gradient", sp.clone())
                })?));
            }
            Ok(Value::List(Arc::new(out)))
        }
        "optimize" => {
            a.check(
                it,
                1,
                &[
                    "start",
                    "method",
                    "step",
                    "steps",
                    "decay",
                    "momentum",
                    "stop_ratio",
                    "rho",
                    "beta1",
                    "beta2",
                    "h",
                    "temperature",
                    "cooling",
                    "seed",
                    "output",
                ],
            )?;
            let fa = a.require(it, 0, "function")?.clone();
            let f = lower_fn(it, fa.clone(), 2)?;
            let start = a
                .point(it, 99, "start")?
                .ok_or_else(|| it.err("`optimize` needs start: [x, y]", sp.clone()))?;
            let word = |it: &Interp, key: &str, default: &str| -> R<String> {
                match a.named(key) {
                    Some(ArgVal {
                        value: Value::Str(s),
                        ..
                    }) => Ok(s.to_string()),
                    Some(v) => Err(it.err(format!("`{key}` must be a string"), v.span.clone())),
                    None => Ok(default.to_string()),
                }
            };
            let method_name = word(it, "method", "gd")?;
            let mu = a.num(it, 99, "momentum", 0.9)?;
            let method = match method_name.as_str() {
                "gd" => Method::Plain,
                "normalized" => Method::Normalized { decay: a.num(it, 99, "decay", 1.0)? },
                "momentum" => Method::Momentum { mu },
                "nesterov" => Method::Nesterov { mu },
                "adagrad" => Method::AdaGrad,
                "rmsprop" => Method::RmsProp { rho: a.num(it, 99, "rho", 0.9)? },
                "adam" => Method::Adam { beta1: a.num(it, 99, "beta1", 0.9)?, beta2: a.num(it, 99, "beta2", 0.999)? },
                "finite_difference" => Method::FiniteDifference { h: a.num(it, 99, "h", 1e-4)? },
                "annealing" => Method::Annealing {
                    t0: a.num(it, 99, "temperature", 1.0)?,
                    cooling: a.num(it, 99, "cooling", 0.99)?,
                    seed: a.num(it, 99, "seed", 1.0)? as u64,
                },
                other => {
                    return Err(it.err(
                        format!("unknown method \"{other}\" (gd, normalized, momentum, nesterov, adagrad, rmsprop, adam, finite_difference, annealing)"),
                        a.named("method").unwrap().span.clone(),
                    ))
                }
            };
            let steps = a.num(it, 99, "steps", 10.0)?;
            if !(0.0..=100_000.0).contains(&steps) {
                return Err(it.err("steps must be between 0 and 100000", sp));
            }
            let spec = optim::Spec {
                start: [start.x, start.y],
                step: a.num(it, 99, "step", 0.01)?,
                steps: steps as usize,
                method,
                stop_ratio: match a.named("stop_ratio").cloned() {
                    Some(v) => Some(it.num(&v.value, v.span)?),
                    None => None,
                },
            };
            let run = if matches!(method, Method::FiniteDifference { .. } | Method::Annealing { .. }) {
                optim::run_black_box(&f, &spec)
            } else {
                // Exact gradients from the function's own formula.
                let deriv = |var| f.body.derivative(var).map(|d| crate::expr::Function { params: f.params.clone(), body: Arc::new(d) });
                let (fx, fy) = match (deriv(0), deriv(1)) {
                    (Ok(x), Ok(y)) => (x, y),
                    (Err(w), _) | (_, Err(w)) => return Err(it.err(format!("cannot differentiate {w} (method \"finite_difference\" needs no derivative)"), fa.span)),
                };
                optim::run(&fx, &fy, &spec)
            }
            .map_err(|_| it.err("division by zero while optimizing", sp.clone()))?;
            // What to return for each step: the points, the gradients there, or the velocity
            // (the momentum methods' inertia).
            let rows = match word(it, "output", "points")?.as_str() {
                "points" => &run.points,
                "gradients" => &run.gradients,
                "velocities" => &run.velocities,
                other => {
                    return Err(it.err(
                        format!("unknown output \"{other}\" (points, gradients, velocities)"),
                        a.named("output").unwrap().span.clone(),
                    ))
                }
            };
            let list = rows
                .iter()
                .map(|p| Value::List(Arc::new(vec![Value::Num(p[0]), Value::Num(p[1])])))
                .collect();
            Ok(Value::List(Arc::new(list)))
        }
        "directional_derivative" | "steepest_descent" | "tangent_direction" => {
            a.check(it, 3, &[])?;
            let fa = a.require(it, 0, "function")?.clone();
            let f = lower_fn(it, fa.clone(), 2)?;
            let p = a.req_point(it, 1, "point")?;
            let mut g = [0.0; 2];
            for (var, slot) in g.iter_mut().enumerate() {
                let d = f
                    .body
                    .derivative(var)
                    .map_err(|w| it.err(format!("cannot differentiate {w}"), fa.span.clone()))?;
                *slot = d
                    .eval(&[p.x, p.y])
                    .map_err(|_| it.err("division by zero in the gradient", sp.clone()))?;
            }
            let gn = g[0].hypot(g[1]);
            match name {
                // ∇f · û for a direction (any length) in the (x, y) plane.
                "directional_derivative" => {
                    let u = a.req_point(it, 2, "direction")?;
                    let l = u.x.hypot(u.y);
                    if l == 0.0 {
                        return Err(it.err("the direction must not be zero", sp));
                    }
                    Ok(Value::Num((g[0] * u.x + g[1] * u.y) / l))
                }
                // video-spec §2.10: one horizontal unit along −∇f/|∇f| drops f by |∇f|; the
                // result is a unit vector in (x, f, y) order, the value second.
                "steepest_descent" => {
                    if gn == 0.0 {
                        return Err(
                            it.err("the gradient is zero here: no direction is steepest", sp)
                        );
                    }
                    Ok(Value::Vec(
                        Vec3::new(-g[0] / gn, -gn, -g[1] / gn).normalize(),
                    ))
                }
                // video-spec §2.9: the unit tangent at `angle` from +x toward +y, in (x, f, y).
                _ => {
                    let th = a.req_num(it, 2, "angle")?;
                    let ta = Vec3::new(1.0, 0.0, g[0]).normalize();
                    let tc = Vec3::new(0.0, 1.0, g[1]).normalize();
                    let cos = ta.dot(tc);
                    let tb = (tc - ta * cos) / (1.0 - cos * cos).sqrt();
                    let t = ta * th.cos() + tb * th.sin();
                    Ok(Value::Vec(Vec3::new(t.x, t.z, t.y).normalize()))
                }
            }
        }
        "begin_3dillusion_camera_rotation" | "stop_3dillusion_camera_rotation" => {
            a.check(it, 1, &["rate"])?;
            if it.frame_mode {
                return Err(it.err(
                    "the camera cannot be changed inside a tracker-driven definition",
                    sp,
                ));
            }
            it.camera_live
                .retain(|l| !matches!(l, super::interp::CameraLive::Illusion { .. }));
            if name.starts_with("begin") {
                let rate = a.num(it, 0, "rate", 1.0)?;
                let clock = it.clock_id();
                it.camera.perspective = true;
                it.camera_live.push(super::interp::CameraLive::Illusion {
                    rate,
                    theta: it.camera.theta,
                    phi: it.camera.phi,
                    start: it.time,
                    clock,
                });
            }
            Ok(Value::None)
        }
        "begin_ambient_camera_rotation" | "stop_ambient_camera_rotation" => {
            a.check(it, 1, &["rate"])?;
            if it.frame_mode {
                return Err(it.err(
                    "the camera cannot be changed inside a tracker-driven definition",
                    sp,
                ));
            }
            let rate = if name.starts_with("begin") {
                a.num(it, 0, "rate", 0.02)?
            } else {
                0.0
            };
            it.camera.perspective = true;
            it.camera.theta_rate = rate;
            Ok(Value::None)
        }
        "dot_product" | "cross" => {
            a.check(it, 2, &[])?;
            let p = a.req_point(it, 0, "a")?;
            let q = a.req_point(it, 1, "b")?;
            Ok(if name == "cross" {
                Value::Vec(p.cross(q))
            } else {
                Value::Num(p.dot(q))
            })
        }
        "normalize" | "norm" => {
            a.check(it, 1, &[])?;
            let p = a.req_point(it, 0, "v")?;
            Ok(if name == "norm" {
                Value::Num(p.length())
            } else {
                Value::Vec(p.normalize())
            })
        }
        "curve" => {
            a.check(it, 1, &["color", "stroke_width", "progress", "smooth"])?;
            let pa = a.require(it, 0, "points")?.clone();
            let pts = points_of(it, &pa)?;
            if pts.len() < 2 {
                // Nothing to draw yet (a trace that has not started): an empty curve.
                return Ok(it.new_obj(crate::scene::Mobject::default()));
            }
            let smooth = a.bool(it, 99, "smooth", true)?;
            let mut path = if smooth {
                crate::geom::Path::smooth_through(&pts)
            } else {
                crate::geom::Path::polyline(&pts)
            };
            // `progress` draws the part travelled so far, by steps (point i is reached at
            // i/(n − 1)), as `rolling_ball` moves: a trail stays under its ball.
            let progress = a.num(it, 99, "progress", 1.0)?.clamp(0.0, 1.0);
            if progress < 1.0 {
                path = path.partial(0.0, progress);
            }
            let c = a.color(it, 99, "color", Color::WHITE)?;
            let w = a.num(it, 99, "stroke_width", 4.0)?;
            Ok(it.new_obj(crate::scene::Mobject::leaf(
                path,
                crate::scene::Style::stroked(c, w),
            )))
        }
        "rolling_ball" => {
            a.check(
                it,
                3,
                &[
                    "points",
                    "normals",
                    "t",
                    "radius",
                    "resolution",
                    "color",
                    "colors",
                ],
            )?;
            let pa = a.require(it, 0, "points")?.clone();
            let pts = points_of(it, &pa)?;
            let na = a.require(it, 1, "normals")?.clone();
            let ns = points_of(it, &na)?;
            if pts.is_empty() || ns.len() != pts.len() {
                return Err(it.err(
                    format!(
                        "`rolling_ball` needs as many normals as points ({} and {})",
                        pts.len(),
                        ns.len()
                    ),
                    na.span,
                ));
            }
            let t = a.req_num(it, 2, "t")?;
            let r = a.num(it, 99, "radius", 0.5)?;
            let res = res2(it, &a, (24, 12))?;
            let col = a.color(it, 99, "color", Color::named("RED").unwrap())?;
            let cols = colors2(it, &a, "colors", (col, col))?;
            let (p, n, rot) = three_d::roll(&pts, &ns, r, t);
            Ok(it.new_obj(three_d::rolled_sphere(p, n, r, &rot, res, cols)))
        }
        _ => unreachable!(),
    }
}
