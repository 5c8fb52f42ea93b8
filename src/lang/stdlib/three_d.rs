//! 3D scenes: 3D axes, surfaces, spheres, curves through points, a ball rolling on a surface,
//! the 3D camera and its light.

use super::{n, p, Call, Def, Entry, Kind, Ty};
use crate::lang::args::{to_color, to_point, Args};
use crate::lang::interp::{CameraLive, Interp, CAMERA_FROZEN, R};
use crate::lang::value::{AnimSpecKind, ArgVal, Value};
use crate::scene::three_d::{self, Axes3dSpec, SurfaceSpec};
use crate::scene::Color;

macro_rules! params {
    ($($x:expr),* $(,)?) => { &[$($x),*] };
}

/// The camera parameters of `set_camera_orientation` and `move_camera`.
macro_rules! camera_params {
    () => {
        params![
            n("phi", Ty::Num, Def::Opt),
            n("theta", Ty::Num, Def::Opt),
            n("gamma", Ty::Num, Def::Opt),
            n("zoom", Ty::Num, Def::Opt),
            n("focal_distance", Ty::Num, Def::Opt),
            n("frame_center", Ty::Point, Def::Opt),
            n("exponential_projection", Ty::Bool, Def::Opt),
        ]
    };
}

pub const ENTRIES: &[Entry] = &[
    Entry {
        name: "axes3d",
        kind: Kind::Function,
        params: params![
            n("x_range", Ty::Any, Def::Opt),
            n("y_range", Ty::Any, Def::Opt),
            n("z_range", Ty::Any, Def::Opt),
            n("x_length", Ty::Num, Def::Opt),
            n("y_length", Ty::Num, Def::Opt),
            n("z_length", Ty::Num, Def::Opt),
            n("color", Ty::Color, Def::Opt),
            n("stroke_width", Ty::Num, Def::Opt),
            n("ticks", Ty::Bool, Def::Opt),
            n("tips", Ty::Bool, Def::Opt),
        ],
        doc: "3D axes (Manim's ThreeDAxes); ranges `[min, max, step]`",
        run: axes3d,
    },
    Entry {
        name: "surface",
        kind: Kind::Function,
        params: params![
            p("function", Ty::Any, Def::Req),
            n("u_range", Ty::Any, Def::Opt),
            n("v_range", Ty::Any, Def::Opt),
            n("resolution", Ty::Any, Def::Opt),
            n("colors", Ty::Any, Def::Opt),
            n("fill_opacity", Ty::Num, Def::Num(1.0)),
            n("stroke_color", Ty::Color, Def::Opt),
            n("stroke_width", Ty::Num, Def::Opt),
        ],
        doc: "the surface a `fn(u, v)` returning a point draws, checkered in two colours (Manim's Surface)",
        run: surface,
    },
    Entry {
        name: "sphere",
        kind: Kind::Function,
        params: params![
            p("center", Ty::Point, Def::Point(0.0, 0.0)),
            n("radius", Ty::Num, Def::Num(1.0)),
            n("resolution", Ty::Any, Def::Opt),
            n("color", Ty::Color, Def::Color("BLUE_D")),
            n("colors", Ty::Any, Def::Opt),
        ],
        doc: "a sphere (Manim's Sphere); `resolution: [u, v]` faces",
        run: |it, c| {
            let a = c.args();
            let res = res2(it, &a, (24, 12))?;
            let col = c.color("color");
            let cols = colors2(it, &a, "colors", (col, col))?;
            Ok(it.new_obj(three_d::sphere(c.point("center"), c.num("radius"), res, cols)))
        },
    },
    Entry {
        name: "curve",
        kind: Kind::Function,
        params: params![
            p("points", Ty::Points, Def::Req),
            n("color", Ty::Color, Def::Color("WHITE")),
            n("stroke_width", Ty::Num, Def::Num(4.0)),
            n("progress", Ty::Num, Def::Num(1.0)),
            n("smooth", Ty::Bool, Def::Bool(true)),
        ],
        doc: "a smooth (or with `smooth: false` straight-segment) curve through points; `progress` draws its first part",
        run: curve,
    },
    Entry {
        name: "rolling_ball",
        kind: Kind::Function,
        params: params![
            p("points", Ty::Points, Def::Req),
            p("normals", Ty::Points, Def::Req),
            p("t", Ty::Num, Def::Req),
            n("radius", Ty::Num, Def::Num(0.5)),
            n("resolution", Ty::Any, Def::Opt),
            n("color", Ty::Color, Def::Color("RED")),
            n("colors", Ty::Any, Def::Opt),
        ],
        doc: "a ball resting on a surface along a path, turned as if it rolled there, at fraction t of the path",
        run: rolling_ball,
    },
    Entry {
        name: "set_camera_orientation",
        kind: Kind::Function,
        params: camera_params!(),
        doc: "sets the 3D camera at once (Manim's set_camera_orientation; angles in radians)",
        run: |it, c| camera(it, c, false),
    },
    Entry {
        name: "move_camera",
        kind: Kind::Animation,
        params: camera_params!(),
        doc: "animates the 3D camera to new settings (Manim's move_camera)",
        run: |it, c| camera(it, c, true),
    },
    Entry {
        name: "set_light",
        kind: Kind::Function,
        params: params![p("position", Ty::Point, Def::Req)],
        doc: "where the light shading 3D surfaces sits from now on (Manim's light_source.move_to)",
        run: |it, c| {
            frame_check(it, c, "the light cannot be changed inside a tracker-driven definition")?;
            it.camera_mut().light = c.point("position");
            Ok(Value::None)
        },
    },
    Entry {
        name: "begin_ambient_camera_rotation",
        kind: Kind::Function,
        params: params![p("rate", Ty::Num, Def::Num(0.02))],
        doc: "turns the camera about the vertical axis at `rate` radians a second from now on",
        run: |it, c| ambient(it, c, c.num("rate")),
    },
    Entry {
        name: "stop_ambient_camera_rotation",
        kind: Kind::Function,
        params: params![],
        doc: "stops the ambient rotation",
        run: |it, c| ambient(it, c, 0.0),
    },
    Entry {
        name: "begin_3dillusion_camera_rotation",
        kind: Kind::Function,
        params: params![p("rate", Ty::Num, Def::Num(1.0))],
        doc: "the camera wobbles in theta and phi as if the scene turned (Manim's begin_3dillusion_camera_rotation)",
        run: |it, c| illusion(it, c, true),
    },
    Entry {
        name: "stop_3dillusion_camera_rotation",
        kind: Kind::Function,
        params: params![],
        doc: "stops the 3D illusion rotation",
        run: |it, c| illusion(it, c, false),
    },
];

fn frame_check(it: &Interp, c: &Call, msg: &str) -> R<()> {
    it.refuse_in_frame(msg, c.span.clone())
}

fn camera(it: &mut Interp, c: &Call, animate: bool) -> R<Value> {
    frame_check(it, c, CAMERA_FROZEN)?;
    let mut cam = it.camera().clone();
    cam.perspective = true;
    cam.phi = c.opt_num("phi").unwrap_or(cam.phi);
    cam.theta = c.opt_num("theta").unwrap_or(cam.theta);
    cam.gamma = c.opt_num("gamma").unwrap_or(cam.gamma);
    cam.zoom = c.opt_num("zoom").unwrap_or(cam.zoom);
    cam.focal_distance = c.opt_num("focal_distance").unwrap_or(cam.focal_distance);
    if let Some(p) = c.opt_point("frame_center") {
        cam.center = p;
    }
    if c.has("exponential_projection") {
        cam.exponential = c.bool("exponential_projection");
    }
    if cam.zoom <= 0.0 || cam.focal_distance <= 0.0 {
        return Err(it.err("zoom and focal_distance must be positive", c.span.clone()));
    }
    if !animate {
        *it.camera_mut() = cam;
        return Ok(Value::None);
    }
    // The camera becomes 3D at once; the move itself is an animation.
    it.camera_mut().perspective = true;
    Ok(c.spec(AnimSpecKind::Camera(cam)))
}

fn ambient(it: &mut Interp, c: &Call, rate: f64) -> R<Value> {
    frame_check(it, c, CAMERA_FROZEN)?;
    it.camera_mut().perspective = true;
    it.camera_mut().theta_rate = rate;
    Ok(Value::None)
}

fn illusion(it: &mut Interp, c: &Call, begin: bool) -> R<Value> {
    frame_check(it, c, CAMERA_FROZEN)?;
    it.camera_live_mut()
        .retain(|l| !matches!(l, CameraLive::Illusion { .. }));
    if begin {
        let clock = it.clock_id();
        it.camera_mut().perspective = true;
        let (theta, phi, start) = (it.camera().theta, it.camera().phi, it.now());
        it.camera_live_mut().push(CameraLive::Illusion {
            rate: c.num("rate"),
            theta,
            phi,
            start,
            clock,
        });
    }
    Ok(Value::None)
}

fn axes3d(it: &mut Interp, c: &Call) -> R<Value> {
    let mut spec = Axes3dSpec::default();
    if c.has("ticks") {
        spec.ticks = c.bool("ticks");
    }
    let a = c.args();
    for (k, n) in ["x_range", "y_range", "z_range"].iter().enumerate() {
        if let Some(r) = a.tick_range(it, n, spec.ticks)? {
            spec.ranges[k] = r;
        }
    }
    for (k, n) in ["x_length", "y_length", "z_length"].iter().enumerate() {
        spec.lengths[k] = c.opt_num(n).unwrap_or(spec.lengths[k]);
    }
    spec.color = c.opt_color("color").unwrap_or(spec.color);
    spec.stroke_width = c.opt_num("stroke_width").unwrap_or(spec.stroke_width);
    if c.has("tips") {
        spec.tips = c.bool("tips");
    }
    Ok(it.new_obj(three_d::axes3d(&spec)))
}

fn surface(it: &mut Interp, c: &Call) -> R<Value> {
    let f = c.raw("function").cloned().expect("required");
    let spec = surface_spec(it, c)?;
    let sp = c.span.clone();
    // The function maps (u, v) to a point; it runs in the interpreter (it may use axes).
    let m = three_d::surface(&spec, |u, v| {
        let arg = |x| ArgVal {
            name: None,
            name_span: None,
            value: Value::Num(x),
            span: f.span.clone(),
            str_map: None,
        };
        let p = it.call(
            f.value.clone(),
            vec![arg(u), arg(v)],
            sp.clone(),
            f.span.clone(),
        )?;
        to_point(it, &p, f.span.clone())
    })?;
    Ok(it.new_obj(m))
}

fn curve(it: &mut Interp, c: &Call) -> R<Value> {
    let pts = c.points("points");
    if pts.len() < 2 {
        // Nothing to draw yet (a trace that has not started): an empty curve.
        return Ok(it.new_obj(crate::scene::Mobject::default()));
    }
    let mut path = if c.bool("smooth") {
        crate::geom::Path::smooth_through(&pts)
    } else {
        crate::geom::Path::polyline(&pts)
    };
    // `progress` draws the part travelled so far, by steps (point i is reached at i/(n − 1)),
    // as `rolling_ball` moves: a trail stays under its ball.
    let progress = c.num("progress").clamp(0.0, 1.0);
    if progress < 1.0 {
        path = path.partial(0.0, progress);
    }
    let style = crate::scene::Style::stroked(c.color("color"), c.num("stroke_width"));
    Ok(it.new_obj(crate::scene::Mobject::leaf(path, style)))
}

fn rolling_ball(it: &mut Interp, c: &Call) -> R<Value> {
    let pts = c.points("points");
    let ns = c.points("normals");
    if pts.is_empty() || ns.len() != pts.len() {
        return Err(it.err(
            format!(
                "`rolling_ball` needs as many normals as points ({} and {})",
                pts.len(),
                ns.len()
            ),
            c.span_of("normals"),
        ));
    }
    let r = c.num("radius");
    let a = c.args();
    let res = res2(it, &a, (24, 12))?;
    let col = c.color("color");
    let cols = colors2(it, &a, "colors", (col, col))?;
    let (p, n, rot) = three_d::roll(&pts, &ns, r, c.num("t"));
    Ok(it.new_obj(three_d::rolled_sphere(p, n, r, &rot, res, cols)))
}

/// One colour or a pair `[c1, c2]`.
pub(crate) fn colors2(
    it: &mut Interp,
    a: &Args,
    name: &str,
    default: (Color, Color),
) -> R<(Color, Color)> {
    match a.named(name).cloned() {
        None => Ok(default),
        Some(v) => match &v.value {
            Value::List(l) if l.len() == 2 => Ok((
                to_color(it, &l[0], v.span.clone())?,
                to_color(it, &l[1], v.span.clone())?,
            )),
            other => {
                let c = to_color(it, other, v.span.clone())?;
                Ok((c, c))
            }
        },
    }
}

/// `resolution`: one count or `[u, v]`, each 1 to 400.
fn res2(it: &mut Interp, a: &Args, default: (usize, usize)) -> R<(usize, usize)> {
    let Some(v) = a.named("resolution").cloned() else {
        return Ok(default);
    };
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

/// Reads the surface options shared by `surface` and `plot_surface` (entries with the
/// parameters `u_range`, `v_range`, `resolution`, `colors`, `fill_opacity`, `stroke_color`,
/// `stroke_width`).
pub(crate) fn surface_spec(it: &mut Interp, c: &Call) -> R<SurfaceSpec> {
    let a = c.args();
    let mut spec = SurfaceSpec::default();
    if let Some((lo, hi, _)) = a.range(it, 99, "u_range")? {
        spec.u_range = (lo, hi);
    }
    if let Some((lo, hi, _)) = a.range(it, 99, "v_range")? {
        spec.v_range = (lo, hi);
    }
    spec.resolution = res2(it, &a, spec.resolution)?;
    spec.colors = colors2(it, &a, "colors", spec.colors)?;
    spec.fill_opacity = c.num("fill_opacity") as f32;
    spec.stroke_color = c.opt_color("stroke_color").unwrap_or(spec.stroke_color);
    spec.stroke_width = c.opt_num("stroke_width").unwrap_or(spec.stroke_width);
    Ok(spec)
}
