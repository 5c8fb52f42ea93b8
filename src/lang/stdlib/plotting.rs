//! Methods of axes: coordinates to points and back, graphs of functions, contour maps,
//! surfaces of `fn f(x, y)` on 3D axes, axis labels.

use std::sync::Arc;

use super::{n, p, rest, Call, Def, Entry, Kind, Ty};
use crate::geom::Vec3;
use crate::lang::args::to_color;
use crate::lang::interp::{Interp, R};
use crate::lang::lower::lower_fn;
use crate::lang::syntax::ast::Span;
use crate::lang::value::{ArgVal, Value};
use crate::scene::{axes, text, Color, CoordFrame, Mobject};

macro_rules! params {
    ($($x:expr),* $(,)?) => { &[$($x),*] };
}

pub const ENTRIES: &[Entry] = &[
    Entry {
        name: "c2p",
        kind: Kind::Method,
        params: params![rest("coords", Ty::Any)],
        doc: "the scene point of data coordinates `(x, y)`, `(x, y, z)` or a point `[x, y]` (axes; Manim's c2p)",
        run: c2p,
    },
    Entry {
        name: "coords_to_point",
        kind: Kind::Method,
        params: params![rest("coords", Ty::Any)],
        doc: "the same as `c2p`",
        run: c2p,
    },
    Entry {
        name: "p2c",
        kind: Kind::Method,
        params: params![p("point", Ty::Point, Def::Req)],
        doc: "the data coordinates `[x, y]` of a scene point (axes; Manim's p2c)",
        run: |it, c| {
            let (frame, _, _) = axes_of(it, c)?;
            let (x, y) = frame.to_data(c.point("point"));
            Ok(Value::List(Arc::new(vec![Value::Num(x), Value::Num(y)])))
        },
    },
    Entry {
        name: "plot",
        kind: Kind::Method,
        params: params![
            p("function", Ty::Any, Def::Req),
            n("x_range", Ty::Any, Def::Opt),
            n("color", Ty::Color, Def::Color("YELLOW")),
            n("stroke_width", Ty::Num, Def::Num(4.0)),
        ],
        doc: "the graph of a function of x over the axes' x range (or `x_range`) (Manim's plot)",
        run: plot,
    },
    Entry {
        name: "contour",
        kind: Kind::Method,
        params: params![
            p("function", Ty::Any, Def::Req),
            n("x_range", Ty::Any, Def::Req),
            n("y_range", Ty::Any, Def::Req),
            n("levels", Ty::Any, Def::Opt),
            n("resolution", Ty::Num, Def::Num(100.0)),
            n("colors", Ty::Any, Def::Opt),
            n("color", Ty::Color, Def::Color("WHITE")),
            n("stroke_width", Ty::Num, Def::Num(2.0)),
            n("filled", Ty::Bool, Def::Bool(false)),
            n("fill_opacity", Ty::Num, Def::Num(0.6)),
            n("value_axis", Ty::Num, Def::Num(0.0)),
        ],
        doc: "contour lines of `fn f(x, y)` (`levels:` a count or a list; `filled: true` bands; `value_axis:` lifts them to their height on 3D axes)",
        run: contour,
    },
    Entry {
        name: "plot_surface",
        kind: Kind::Method,
        params: params![
            p("function", Ty::Any, Def::Req),
            n("u_range", Ty::Any, Def::Opt),
            n("v_range", Ty::Any, Def::Opt),
            n("resolution", Ty::Any, Def::Opt),
            n("colors", Ty::Any, Def::Opt),
            n("fill_opacity", Ty::Num, Def::Num(1.0)),
            n("stroke_color", Ty::Color, Def::Opt),
            n("stroke_width", Ty::Num, Def::Opt),
            n("value_axis", Ty::Num, Def::Num(3.0)),
            n("colorscale", Ty::Any, Def::Opt),
        ],
        doc: "the graph of `fn f(x, y)` as a surface on 3D axes; `colorscale:` colours by height (Manim's plot_surface)",
        run: plot_surface,
    },
    Entry {
        name: "axis_labels",
        kind: Kind::Method,
        params: params![
            p("x", Ty::Str, Def::Str("x")),
            p("y", Ty::Str, Def::Str("y")),
            p("z", Ty::Str, Def::Opt),
            n("font_size", Ty::Num, Def::Num(48.0)),
            n("color", Ty::Color, Def::Color("WHITE")),
        ],
        doc: "math labels at the axes' ends, as a group (Manim's get_axis_labels); 3D axes take `z` too",
        run: axis_labels,
    },
];

/// The receiver's coordinate frame and shape, or an error if it is not axes.
fn axes_of(it: &mut Interp, c: &Call) -> R<(CoordFrame, Mobject, Span)> {
    let sp = c.span.clone();
    let m = it.materialize(&c.this(), sp.clone())?;
    match m.coords.clone() {
        Some(frame) => Ok((frame, m, sp)),
        None => Err(it.err(
            format!("`{}` works on axes; this object is not axes", c.entry.name),
            sp,
        )),
    }
}

fn c2p(it: &mut Interp, c: &Call) -> R<Value> {
    let (frame, _, sp) = axes_of(it, c)?;
    let items = c.rest_items("coords");
    let (x, y, z) = match items.as_slice() {
        [one] => {
            let p = crate::lang::args::to_point(it, &one.value, one.span.clone())?;
            (p.x, p.y, p.z)
        }
        [_, _] | [_, _, _] => {
            let mut v = [0.0; 3];
            for (k, a) in items.iter().enumerate() {
                v[k] = it.num(&a.value, a.span.clone())?;
            }
            (v[0], v[1], v[2])
        }
        [] => {
            return Err(it.err(
                format!("`.{}` needs a point or its coordinates", c.entry.name),
                sp,
            ))
        }
        more => {
            return Err(it.err(
                format!(
                    "`.{}` takes at most 3 coordinates, given {}",
                    c.entry.name,
                    more.len()
                ),
                more[3].span.clone(),
            ))
        }
    };
    Ok(Value::Vec(frame.to_scene(x, y, z)))
}

fn plot(it: &mut Interp, c: &Call) -> R<Value> {
    let (frame, m, _) = axes_of(it, c)?;
    let farg = c.raw("function").cloned().expect("required");
    let f = lower_fn(it, farg.clone(), 1)?;
    let (lo, hi) = match c.args().range(it, 99, "x_range")? {
        Some((lo, hi, _)) => (lo, hi),
        // The axes' own x range, to its end (Manim plots to x_max, not the last step).
        None => axes::x_extent(&m).unwrap_or((0.0, 1.0)),
    };
    let fname = fn_name(&farg);
    let g = axes::plot(&frame, &f, lo, hi, c.color("color"), c.num("stroke_width")).map_err(
        |(_, x)| {
            it.err(
                format!("division by zero in `{fname}` at x = {x}"),
                farg.span.clone(),
            )
        },
    )?;
    Ok(it.new_obj(g))
}

fn fn_name(farg: &ArgVal) -> String {
    match &farg.value {
        Value::Fn(uf) => uf.name.clone(),
        _ => "the function".into(),
    }
}

fn contour(it: &mut Interp, c: &Call) -> R<Value> {
    let (frame, _, sp) = axes_of(it, c)?;
    let a = c.args();
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
                    return Err(it.err("levels must be a count from 1 to 200, or a list", v.span));
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
                    (grid.at(i, j) + grid.at(i + 1, j) + grid.at(i, j + 1) + grid.at(i + 1, j + 1))
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

fn plot_surface(it: &mut Interp, c: &Call) -> R<Value> {
    let (frame, _, sp) = axes_of(it, c)?;
    let a = c.args();
    let farg = a.require(it, 0, "function")?.clone();
    let f = lower_fn(it, farg.clone(), 2)?;
    let spec = super::three_d::surface_spec(it, c)?;
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
            let t = if hi > lo { (val - lo) / (hi - lo) } else { 0.0 } * (cs.len() - 1) as f64;
            let k = (t.floor() as usize).min(cs.len() - 2);
            face.style.fill = cs[k].lerp(cs[k + 1], (t - k as f64) as f32);
        }
    }
    Ok(it.new_obj(m))
}

fn axis_labels(it: &mut Interp, c: &Call) -> R<Value> {
    let (_, m, sp) = axes_of(it, c)?;
    let a = c.args();
    if m.children.len() == 3 {
        // 3D axes: x, y, z beyond the tips, turned toward the camera.
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
        return Ok(it.new_group(refs));
    }
    if c.has("z") {
        return Err(c.err(it, "z", "2D axes have no z axis to label"));
    }
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

fn a_str(it: &Interp, v: &ArgVal) -> R<String> {
    match &v.value {
        Value::Str(s) => Ok(s.to_string()),
        o => Err(it.err(
            format!("expected a string, found {}", o.type_name()),
            v.span.clone(),
        )),
    }
}
