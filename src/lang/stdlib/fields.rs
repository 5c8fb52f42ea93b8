//! Vector fields (Manim's ArrowVectorField and StreamLines, with the stream lines' creation
//! and flowing animations). The field is a scene `fn` of a point returning a point.

use std::sync::Arc;

use super::{n, p, Call, Def, Entry, Kind, Ty};
use crate::geom::Vec3;
use crate::lang::args::{to_color, to_point};
use crate::lang::interp::{Interp, R};
use crate::lang::value::{AnimSpec, AnimSpecKind, ArgVal, ObjRef, Value};
use crate::scene::fields as vf;
use crate::scene::{Color, Mobject};

macro_rules! params {
    ($($x:expr),* $(,)?) => { &[$($x),*] };
}

/// At most this many calls of the field function per object.
const MAX_CALLS: usize = 1_000_000;

const COLORING: [super::Param; 4] = [
    n("color", Ty::Color, Def::Opt),
    n("min_color_value", Ty::Num, Def::Num(0.0)),
    n("max_color_value", Ty::Num, Def::Num(2.0)),
    n("colors", Ty::Any, Def::Opt),
];

pub const ENTRIES: &[Entry] = &[
    Entry {
        name: "arrow_vector_field",
        kind: Kind::Function,
        params: params![
            p("function", Ty::Any, Def::Req),
            n("x_range", Ty::Nums, Def::Opt),
            n("y_range", Ty::Nums, Def::Opt),
            n("length_func", Ty::Any, Def::Opt),
            n("opacity", Ty::Num, Def::Num(1.0)),
            COLORING[0], COLORING[1], COLORING[2], COLORING[3],
        ],
        doc: "an arrow at every grid point (x_range [-8, 8, 0.5], y_range [-4, 4, 0.5]) along `fn f(p)`, 0.45·sigmoid(|f|) long, coloured by |f| from BLUE_E to RED over [0, 2] (Manim's ArrowVectorField)",
        run: arrow_field,
    },
    Entry {
        name: "stream_lines",
        kind: Kind::Function,
        params: params![
            p("function", Ty::Any, Def::Req),
            n("x_range", Ty::Nums, Def::Opt),
            n("y_range", Ty::Nums, Def::Opt),
            n("dt", Ty::Num, Def::Num(0.05)),
            n("virtual_time", Ty::Num, Def::Num(3.0)),
            n("max_anchors_per_line", Ty::Num, Def::Num(100.0)),
            n("padding", Ty::Num, Def::Num(3.0)),
            n("noise_factor", Ty::Num, Def::Opt),
            n("n_repeats", Ty::Num, Def::Num(1.0)),
            n("stroke_width", Ty::Num, Def::Num(1.0)),
            n("opacity", Ty::Num, Def::Num(1.0)),
            n("seed", Ty::Num, Def::Num(0.0)),
            COLORING[0], COLORING[1], COLORING[2], COLORING[3],
        ],
        doc: "lines traced through `fn f(p)` for `virtual_time` from jittered grid points (seeded), coloured by |f| (Manim's StreamLines); `s[i]` is line i",
        run: stream_lines,
    },
    Entry {
        name: "flow",
        kind: Kind::Method,
        params: params![
            p("t", Ty::Num, Def::Req),
            n("flow_speed", Ty::Num, Def::Num(1.0)),
            n("time_width", Ty::Num, Def::Num(0.3)),
            n("warm_up", Ty::Bool, Def::Bool(true)),
        ],
        doc: "stream lines as they flow `t` seconds after starting: each line a passing flash from its own moment in a `virtual_time` cycle; `.flow(time())` in a `let` is Manim's `start_animation`",
        run: flow,
    },
    Entry {
        name: "create_stream_lines",
        kind: Kind::Animation,
        params: params![p("lines", Ty::Obj, Def::Req)],
        doc: "draws every stream line in a shuffled order, each over `virtual_time`, lag_ratio virtual_time / 2 / count (Manim's `stream_lines.create()`)",
        run: create_lines,
    },
];

/// `[min, max, step]`.
type Range3 = (f64, f64, f64);

/// `x > 0`, false for NaN.
fn positive(x: f64) -> bool {
    x > 0.0
}

/// Evaluates the field at `q`.
fn field(it: &mut Interp, c: &Call, f: &Value, q: Vec3) -> R<Vec3> {
    let sp = c.span_of("function");
    let arg = ArgVal {
        name: None,
        name_span: None,
        value: Value::Vec(q),
        span: sp.clone(),
        str_map: None,
    };
    let v = it.call(f.clone(), vec![arg], sp.clone(), sp.clone())?;
    let out = to_point(it, &v, sp)?;
    if !out.is_finite() {
        return Err(c.err(
            it,
            "function",
            format!("the field is not finite at ({}, {})", q.x, q.y),
        ));
    }
    Ok(out)
}

fn function(it: &Interp, c: &Call) -> R<Value> {
    let f = c.value("function").unwrap_or(Value::None);
    if !matches!(f, Value::Fn(_)) {
        return Err(c.err(
            it,
            "function",
            format!(
                "`{}` needs a function of a point (`fn f(p) = [p.y, -p.x]`), found {}",
                c.entry.name,
                f.type_name()
            ),
        ));
    }
    Ok(f)
}

/// A Manim range `[lo, hi]` or `[lo, hi, step]` (step 0.5 by default).
fn range(it: &Interp, c: &Call, name: &str, lo: f64, hi: f64) -> R<(f64, f64, f64)> {
    let r = match c.opt_nums(name) {
        None => (lo, hi, 0.5),
        Some(v) if v.len() == 2 => (v[0], v[1], 0.5),
        Some(v) if v.len() == 3 => (v[0], v[1], v[2]),
        Some(_) => {
            return Err(c.err(
                it,
                name,
                format!("`{name}` is [min, max] or [min, max, step]"),
            ))
        }
    };
    if !positive(r.2) || r.1 < r.0 || ((r.1 - r.0) / r.2) > 1000.0 {
        return Err(c.err(
            it,
            name,
            format!("`{name}` needs min ≤ max and a positive step, with at most 1000 steps"),
        ));
    }
    Ok(r)
}

/// `x_range`/`y_range` defaults: the frame, rounded out to whole units (Manim's).
fn frame_ranges(it: &Interp, c: &Call) -> R<(Range3, Range3)> {
    let (w, h) = (
        crate::scene::FRAME_WIDTH / 2.0,
        crate::scene::FRAME_HEIGHT / 2.0,
    );
    Ok((
        range(it, c, "x_range", (-w).floor(), w.ceil())?,
        range(it, c, "y_range", (-h).floor(), h.ceil())?,
    ))
}

/// The colour for a field value: `color:` if given, else by magnitude along `colors:`.
struct Coloring {
    single: Option<Color>,
    min: f64,
    max: f64,
    colors: Vec<Color>,
}

impl Coloring {
    fn new(it: &Interp, c: &Call) -> R<Coloring> {
        let colors = match c.value("colors") {
            None => vf::default_colors(),
            Some(Value::List(l)) if !l.is_empty() => {
                let sp = c.span_of("colors");
                l.iter()
                    .map(|v| to_color(it, v, sp.clone()))
                    .collect::<R<Vec<Color>>>()?
            }
            Some(_) => return Err(c.err(it, "colors", "`colors` is a list of colours")),
        };
        Ok(Coloring {
            single: c.opt_color("color"),
            min: c.num("min_color_value"),
            max: c.num("max_color_value"),
            colors,
        })
    }
    fn of(&self, v: Vec3) -> Color {
        self.single
            .unwrap_or_else(|| vf::value_color(v.length(), self.min, self.max, &self.colors))
    }
}

fn check_calls(it: &Interp, c: &Call, calls: usize) -> R<()> {
    if calls > MAX_CALLS {
        return Err(it.err(
            format!("this field needs {calls} evaluations of its function (at most {MAX_CALLS}): use a coarser step or a shorter virtual_time"),
            c.span.clone(),
        ));
    }
    Ok(())
}

fn arrow_field(it: &mut Interp, c: &Call) -> R<Value> {
    let f = function(it, c)?;
    let ((x0, x1, dx), (y0, y1, dy)) = frame_ranges(it, c)?;
    let (xs, ys) = (vf::grid(x0, x1, dx), vf::grid(y0, y1, dy));
    check_calls(it, c, xs.len() * ys.len())?;
    let col = Coloring::new(it, c)?;
    let len_fn = c.value("length_func");
    if let Some(v) = &len_fn {
        if !matches!(v, Value::Fn(_)) {
            return Err(c.err(
                it,
                "length_func",
                "`length_func` is a function of a number (`fn len(n) = n / 2`)",
            ));
        }
    }
    let opacity = c.num("opacity").clamp(0.0, 1.0) as f32;
    let mut arrows = Vec::with_capacity(xs.len() * ys.len());
    for &x in &xs {
        for &y in &ys {
            let at = Vec3::xy(x, y);
            let v = field(it, c, &f, at)?;
            let norm = v.length();
            let len = match &len_fn {
                None => vf::default_length(norm),
                Some(g) => {
                    let sp = c.span_of("length_func");
                    let arg = ArgVal {
                        name: None,
                        name_span: None,
                        value: Value::Num(norm),
                        span: sp.clone(),
                        str_map: None,
                    };
                    let r = it.call(g.clone(), vec![arg], sp.clone(), sp.clone())?;
                    it.num(&r, sp)?
                }
            };
            let mut a = vf::field_arrow(at, v, len, col.of(v));
            if opacity < 1.0 {
                a.set_opacity(opacity);
            }
            arrows.push(a);
        }
    }
    Ok(it.new_obj(Mobject::group(arrows)))
}

fn stream_lines(it: &mut Interp, c: &Call) -> R<Value> {
    let f = function(it, c)?;
    let ((x0, x1, dx), (y0, y1, dy)) = frame_ranges(it, c)?;
    let (dt, vt) = (c.num("dt"), c.num("virtual_time"));
    if !positive(dt) || !positive(vt) || vt / dt > 100_000.0 {
        return Err(c.err(
            it,
            "dt",
            "`dt` and `virtual_time` must be positive (at most 100000 steps)",
        ));
    }
    let repeats = c.num("n_repeats");
    if !(1.0..=100.0).contains(&repeats) {
        return Err(c.err(it, "n_repeats", "`n_repeats` must be from 1 to 100"));
    }
    let anchors = c.num("max_anchors_per_line").clamp(2.0, 100_000.0) as usize;
    let seed = c.num("seed").abs() as u64;
    let noise = c.opt_num("noise_factor").unwrap_or(dy / 2.0);
    let pad = c.num("padding");
    let col = Coloring::new(it, c)?;
    let (xs, ys) = (vf::grid(x0, x1, dx), vf::grid(y0, y1, dy));
    let max_steps = (vt / dt).ceil() as usize + 1;
    check_calls(it, c, xs.len() * ys.len() * repeats as usize * max_steps)?;
    let outside = |q: Vec3| q.x < x0 - pad || q.x > x1 + pad || q.y < y0 - pad || q.y > y1 + pad;
    let mut lines = Vec::new();
    let mut k = 0u64;
    for _ in 0..repeats as usize {
        for &x in &xs {
            for &y in &ys {
                // Manim: (x − noise/2, y − noise/2) + noise · random.
                let (rx, ry) = (
                    vf::unit_random(seed, 2 * k),
                    vf::unit_random(seed, 2 * k + 1),
                );
                k += 1;
                let start = Vec3::xy(x - noise / 2.0 + noise * rx, y - noise / 2.0 + noise * ry);
                let mut pts = vec![start];
                let mut v = field(it, c, &f, start)?;
                let mut cols = vec![col.of(v)];
                for _ in 0..max_steps {
                    let last = *pts.last().unwrap_or(&start);
                    let next = last + v * dt;
                    if outside(next) {
                        break;
                    }
                    v = field(it, c, &f, next)?;
                    pts.push(next);
                    cols.push(col.of(v));
                }
                if pts.len() >= 2 {
                    lines.push(vf::stream_line(
                        &pts,
                        &cols,
                        anchors,
                        c.num("stroke_width"),
                        c.num("opacity").clamp(0.0, 1.0) as f32,
                    ));
                }
            }
        }
    }
    let mut m = Mobject::group(lines);
    m.flow = Some(vf::FlowInfo {
        virtual_time: vt,
        duration: max_steps as f64 * dt,
        seed,
    });
    Ok(it.new_obj(m))
}

fn stream_info(it: &mut Interp, c: &Call, r: &ObjRef) -> R<(Mobject, vf::FlowInfo)> {
    let m = it.materialize(r, c.span.clone())?;
    match m.flow {
        Some(info) => Ok((m, info)),
        None => Err(it.err(
            format!(
                "`{}` works on stream lines (made by `stream_lines`)",
                c.entry.name
            ),
            c.span.clone(),
        )),
    }
}

fn flow(it: &mut Interp, c: &Call) -> R<Value> {
    let (m, info) = stream_info(it, c, &c.this())?;
    let speed = c.num("flow_speed");
    if !positive(speed) {
        return Err(c.err(it, "flow_speed", "`flow_speed` must be positive"));
    }
    let tw = c.num("time_width");
    let mut out = vf::flow_at(&m, &info, c.num("t"), speed, tw, c.bool("warm_up"));
    out.flow = None;
    Ok(it.new_obj(out))
}

fn create_lines(it: &mut Interp, c: &Call) -> R<Value> {
    let r = c.obj("lines");
    let (m, info) = stream_info(it, c, &r)?;
    let n = m.children.len();
    if n == 0 {
        return Err(c.err(it, "lines", "these stream lines are empty"));
    }
    // Manim shuffles the lines' animations; a seeded shuffle keeps renders identical.
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = (vf::unit_random(info.seed ^ 0x5EED, i as u64) * (i + 1) as f64) as usize;
        order.swap(i, j.min(i));
    }
    let specs = order
        .into_iter()
        .map(|i| {
            let mut path = r.path.as_ref().clone();
            path.push(i);
            let kind = AnimSpecKind::Create(vec![ObjRef {
                id: r.id,
                path: Arc::new(path),
            }]);
            AnimSpec {
                run_time: Some(info.virtual_time),
                ..AnimSpec::new(kind, c.span.clone())
            }
        })
        .collect();
    let lag = info.virtual_time / 2.0 / n as f64;
    Ok(Value::Anim(Arc::new(AnimSpec {
        kind: AnimSpecKind::Group(specs, lag),
        run_time: c.timing.0,
        rate: c.timing.1.clone(),
        lag_ratio: c.timing.2,
        delay: 0.0,
        span: c.span.clone(),
    })))
}
