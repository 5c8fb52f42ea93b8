//! Axis annotation (number labels, graph labels, lines to points, areas, Riemann rectangles,
//! line graphs) as methods of axes, and Manim's NumberLine, NumberPlane and BarChart.

use super::{n, p, Call, Def, Entry, Kind, Ty};
use crate::geom::Vec3;
use crate::lang::interp::{Interp, R};
use crate::lang::value::{ObjRef, Value};
use crate::scene::axes::{axes, AxesSpec};
use crate::scene::axis_annotation as aa;
use crate::scene::numbers::decimal_tex;
use crate::scene::{polygons, shapes, text, Color, CoordFrame, Mobject, FRAME_HEIGHT, FRAME_WIDTH};

macro_rules! params {
    ($($x:expr),* $(,)?) => { &[$($x),*] };
}

pub const ENTRIES: &[Entry] = &[
    Entry {
        name: "add_coordinates",
        kind: Kind::Method,
        params: params![
            p("x_values", Ty::Nums, Def::Opt),
            p("y_values", Ty::Nums, Def::Opt),
            n("font_size", Ty::Num, Def::Num(36.0)),
            n("num_decimal_places", Ty::Num, Def::Opt),
            n("buff", Ty::Num, Def::Num(0.25)),
        ],
        doc: "on axes: numbers under the x ticks and left of the y ticks, or at the given values (0 always left out); they become part of the axes (Manim's add_coordinates / numbers_to_include)",
        run: add_coordinates,
    },
    Entry {
        name: "elongate_ticks",
        kind: Kind::Method,
        params: params![
            p("x_values", Ty::Nums, Def::Opt),
            p("y_values", Ty::Nums, Def::Opt),
            n("longer_tick_multiple", Ty::Num, Def::Num(2.0)),
        ],
        doc: "on axes: the ticks at these values (0 has none) made `longer_tick_multiple` times as long (Manim's numbers_with_elongated_ticks)",
        run: elongate_ticks,
    },
    Entry {
        name: "input_to_graph_point",
        kind: Kind::Method,
        params: params![p("x", Ty::Num, Def::Req), p("graph", Ty::Obj, Def::Req)],
        doc: "on axes: the point of a plotted graph above `x` (Manim's input_to_graph_point)",
        run: |it, c| i2gp(it, c),
    },
    Entry {
        name: "i2gp",
        kind: Kind::Method,
        params: params![p("x", Ty::Num, Def::Req), p("graph", Ty::Obj, Def::Req)],
        doc: "on axes: short for `input_to_graph_point`",
        run: |it, c| i2gp(it, c),
    },
    Entry {
        name: "get_graph_label",
        kind: Kind::Method,
        params: params![
            p("graph", Ty::Obj, Def::Req),
            p("label", Ty::Str, Def::Str("f(x)")),
            n("x_val", Ty::Num, Def::Opt),
            n("direction", Ty::Point, Def::Point(1.0, 0.0)),
            n("buff", Ty::Num, Def::Num(0.25)),
            n("color", Ty::Color, Def::Opt),
            n("dot", Ty::Bool, Def::Bool(false)),
        ],
        doc: "on axes: math beside the graph at `x_val` (default: the rightmost point still in frame), in the graph's colour (Manim's get_graph_label)",
        run: graph_label,
    },
    Entry {
        name: "get_vertical_line",
        kind: Kind::Method,
        params: params![
            p("point", Ty::Point, Def::Req),
            n("color", Ty::Color, Def::Color("WHITE")),
            n("stroke_width", Ty::Num, Def::Num(2.0)),
            n("dashed", Ty::Bool, Def::Bool(true)),
        ],
        doc: "on axes: a dashed line from the x axis up (or down) to the point (Manim's get_vertical_line; `dashed: false` for `line_func=Line`)",
        run: |it, c| axis_line(it, c, 0),
    },
    Entry {
        name: "get_horizontal_line",
        kind: Kind::Method,
        params: params![
            p("point", Ty::Point, Def::Req),
            n("color", Ty::Color, Def::Color("WHITE")),
            n("stroke_width", Ty::Num, Def::Num(2.0)),
            n("dashed", Ty::Bool, Def::Bool(true)),
        ],
        doc: "on axes: a dashed line from the y axis across to the point (Manim's get_horizontal_line)",
        run: |it, c| axis_line(it, c, 1),
    },
    Entry {
        name: "get_lines_to_point",
        kind: Kind::Method,
        params: params![
            p("point", Ty::Point, Def::Req),
            n("color", Ty::Color, Def::Color("WHITE")),
            n("stroke_width", Ty::Num, Def::Num(2.0)),
            n("dashed", Ty::Bool, Def::Bool(true)),
        ],
        doc: "on axes: both dashed lines from the axes to the point, horizontal first (Manim's get_lines_to_point)",
        run: |it, c| {
            let h = axis_line_mob(it, c, 1)?;
            let v = axis_line_mob(it, c, 0)?;
            Ok(it.new_obj(Mobject::group(vec![h, v])))
        },
    },
    Entry {
        name: "get_area",
        kind: Kind::Method,
        params: params![
            p("graph", Ty::Obj, Def::Req),
            p("x_range", Ty::Nums, Def::Opt),
            n("color", Ty::Color, Def::Color("BLUE")),
            n("opacity", Ty::Num, Def::Num(0.3)),
            n("bounded_graph", Ty::Obj, Def::Opt),
        ],
        doc: "on axes: the region under a graph (or between it and `bounded_graph`) over `x_range` (Manim's get_area; one colour, not Manim's BLUE→GREEN gradient)",
        run: get_area,
    },
    Entry {
        name: "get_riemann_rectangles",
        kind: Kind::Method,
        params: params![
            p("graph", Ty::Obj, Def::Req),
            n("x_range", Ty::Nums, Def::Opt),
            n("dx", Ty::Num, Def::Num(0.1)),
            n("input_sample_type", Ty::Str, Def::Str("left")),
            n("stroke_width", Ty::Num, Def::Num(1.0)),
            n("stroke_color", Ty::Color, Def::Color("BLACK")),
            n("fill_opacity", Ty::Num, Def::Num(1.0)),
            n("color", Ty::Any, Def::Opt),
            n("bounded_graph", Ty::Obj, Def::Opt),
        ],
        doc: "on axes: rectangles `dx` wide under a graph, coloured BLUE→GREEN across (or `color: c` / `color: [c1, c2, …]`) (Manim's get_riemann_rectangles)",
        run: riemann,
    },
    Entry {
        name: "plot_line_graph",
        kind: Kind::Method,
        params: params![
            p("x_values", Ty::Nums, Def::Req),
            p("y_values", Ty::Nums, Def::Req),
            n("line_color", Ty::Color, Def::Color("PURE_YELLOW")),
            n("stroke_width", Ty::Num, Def::Num(4.0)),
            n("add_vertex_dots", Ty::Bool, Def::Bool(true)),
            n("vertex_dot_radius", Ty::Num, Def::Num(0.08)),
        ],
        doc: "on axes: straight segments through data points, with a dot at each (parts: line, dots) (Manim's plot_line_graph)",
        run: line_graph,
    },
    Entry {
        name: "number_plane",
        kind: Kind::Function,
        params: params![
            n("x_range", Ty::Nums, Def::Opt),
            n("y_range", Ty::Nums, Def::Opt),
            n("x_length", Ty::Num, Def::Opt),
            n("y_length", Ty::Num, Def::Opt),
            n("background_line_color", Ty::Color, Def::Color("BLUE_D")),
            n("faded_line_ratio", Ty::Num, Def::Num(1.0)),
            n("axis_color", Ty::Color, Def::Color("WHITE")),
        ],
        doc: "axes filling the frame over a grid of BLUE_D lines (drawn under everything), with `faded_line_ratio − 1` faint lines between; `c2p` and the axes methods work on it (Manim's NumberPlane)",
        run: number_plane,
    },
    Entry {
        name: "number_line",
        kind: Kind::Function,
        params: params![
            n("x_range", Ty::Nums, Def::Opt),
            n("length", Ty::Num, Def::Opt),
            n("include_numbers", Ty::Bool, Def::Bool(false)),
            n("include_tip", Ty::Bool, Def::Bool(false)),
            n("font_size", Ty::Num, Def::Num(36.0)),
            n("color", Ty::Color, Def::Color("WHITE")),
        ],
        doc: "a number line over `x_range` (default [-8, 8, 1]), unit 1 unless `length` is given; `n.c2p(x, 0)` finds a number (Manim's NumberLine)",
        run: number_line,
    },
    Entry {
        name: "bar_chart",
        kind: Kind::Function,
        params: params![
            p("values", Ty::Nums, Def::Req),
            n("bar_names", Ty::Any, Def::Opt),
            n("y_range", Ty::Nums, Def::Opt),
            n("x_length", Ty::Num, Def::Opt),
            n("y_length", Ty::Num, Def::Num(4.0)),
            n("bar_width", Ty::Num, Def::Num(0.6)),
            n("bar_fill_opacity", Ty::Num, Def::Num(0.7)),
            n("bar_stroke_width", Ty::Num, Def::Num(3.0)),
        ],
        doc: "axes with one bar per value, coloured along Manim's five-colour gradient, numbers on the y axis, names under the bars (parts: x axis, y axis, bars, names) (Manim's BarChart)",
        run: bar_chart,
    },
];

fn frame_of(it: &mut Interp, c: &Call) -> R<(Mobject, CoordFrame)> {
    let m = it.materialize(&c.this(), c.span.clone())?;
    match m.coords.clone() {
        Some(f) => Ok((m, f)),
        None => Err(it.err(
            format!("`{}` works on axes; this object is not axes", c.entry.name),
            c.span.clone(),
        )),
    }
}

fn graph_pts(it: &mut Interp, c: &Call, name: &str, f: &CoordFrame) -> R<Vec<(f64, f64)>> {
    let r: ObjRef = c.obj(name);
    let g = it.materialize(&r, c.span_of(name))?;
    let pts = aa::graph_points(&g, f);
    if pts.len() < 2 {
        return Err(c.err(it, name, "this is not a plotted graph (it has no outline)"));
    }
    Ok(pts)
}

fn y_at(it: &Interp, c: &Call, pts: &[(f64, f64)], x: f64) -> R<f64> {
    aa::graph_y(pts, x).ok_or_else(|| {
        c.err(
            it,
            "x",
            format!(
                "x = {x} is outside the graph (it runs from {} to {})",
                pts[0].0,
                pts[pts.len() - 1].0
            ),
        )
    })
}

fn i2gp(it: &mut Interp, c: &Call) -> R<Value> {
    let (_, f) = frame_of(it, c)?;
    let pts = graph_pts(it, c, "graph", &f)?;
    let x = c.num("x");
    let y = y_at(it, c, &pts, x)?;
    Ok(Value::Vec(f.to_scene(x, y, 0.0)))
}

fn math(it: &Interp, c: &Call, s: &str, fs: f64, color: Color) -> R<Mobject> {
    text::math(&[s], fs, color)
        .map_err(|e| it.err(format!("in formula: {}", e.message), c.span.clone()))
}

fn add_coordinates(it: &mut Interp, c: &Call) -> R<Value> {
    let (m, f) = frame_of(it, c)?;
    let fs = c.num("font_size");
    let buff = c.num("buff");
    let mut added: Vec<(usize, Vec<Mobject>)> = Vec::new();
    for (k, name, dir) in [
        (0usize, "x_values", Vec3::DOWN),
        (1, "y_values", Vec3::LEFT),
    ] {
        let Some(((lo, hi), ticks)) = aa::axis_info(&m, &f, k) else {
            continue;
        };
        // 0 is left out, as Manim's Axes exclude it (the axes cross there).
        let values: Vec<f64> = match c.opt_nums(name) {
            Some(v) => v,
            None => ticks.clone(),
        }
        .into_iter()
        .filter(|v| v.abs() > 1e-9)
        .collect();
        // Decimals: as many as the tick step has (Manim's _decimal_places_from_step).
        let places = match c.opt_num("num_decimal_places") {
            Some(p) => p.clamp(0.0, 12.0) as usize,
            None => {
                let step = if ticks.len() >= 2 {
                    (ticks[1] - ticks[0]).abs()
                } else {
                    1.0
                };
                let s = format!("{}", (step * 1e6).round() / 1e6);
                s.split_once('.').map(|(_, d)| d.len()).unwrap_or(0)
            }
        };
        let mut labels = Vec::new();
        for v in values {
            if v < lo - 1e-9 || v > hi + 1e-9 {
                return Err(c.err(it, name, format!("{v} is outside the axis ({lo} to {hi})")));
            }
            let at = if k == 0 {
                f.to_scene(v, 0f64.clamp(f_lo(&m, &f, 1), f_hi(&m, &f, 1)), 0.0)
            } else {
                f.to_scene(0f64.clamp(f_lo(&m, &f, 0), f_hi(&m, &f, 0)), v, 0.0)
            };
            let lm = math(
                it,
                c,
                &decimal_tex(v, places, false, true),
                fs,
                Color::WHITE,
            )?;
            labels.push(aa::place_label(lm, at, dir, buff));
        }
        added.push((k, labels));
    }
    let r = c.this();
    it.modify(&r, c.span.clone(), &mut |ax| {
        for (k, labels) in &added {
            if let Some(axis) = ax.children.get_mut(*k) {
                // After the shaft, before the ticks and tip (which `plot` reads back).
                let at = 1.min(axis.children.len());
                for (i, l) in labels.iter().enumerate() {
                    axis.children.insert(at + i, l.clone());
                }
            }
        }
    })?;
    Ok(Value::Obj(r))
}

fn elongate_ticks(it: &mut Interp, c: &Call) -> R<Value> {
    let (m, f) = frame_of(it, c)?;
    let k = c.num("longer_tick_multiple");
    let mut hits: Vec<(usize, usize)> = Vec::new();
    for (axis, name) in [(0usize, "x_values"), (1, "y_values")] {
        // The axes cross at 0, where valley draws no tick.
        let values: Vec<f64> = c
            .opt_nums(name)
            .unwrap_or_default()
            .into_iter()
            .filter(|v| v.abs() > 1e-9)
            .collect();
        let Some(group) = m.children.get(axis) else {
            continue;
        };
        for v in values {
            // A tick: a stroked two-point line (not the shaft, not the tip) centred on v.
            let found = group.children.iter().enumerate().skip(1).find(|(_, t)| {
                t.children.is_empty()
                    && t.style.fill_opacity == 0.0
                    && t.path.num_segments() == 1
                    && {
                        let (x, y) = f.to_data(t.center());
                        ((if axis == 0 { x } else { y }) - v).abs() < 1e-6
                    }
            });
            match found {
                Some((i, _)) => hits.push((axis, i)),
                None => {
                    return Err(c.err(it, name, format!("the axis has no tick at {v}")));
                }
            }
        }
    }
    let r = c.this();
    it.modify(&r, c.span.clone(), &mut |ax| {
        for &(axis, i) in &hits {
            if let Some(t) = ax
                .children
                .get_mut(axis)
                .and_then(|g| g.children.get_mut(i))
            {
                t.scale(k, None);
            }
        }
    })?;
    Ok(Value::Obj(r))
}

fn f_lo(m: &Mobject, f: &CoordFrame, k: usize) -> f64 {
    aa::axis_info(m, f, k).map(|((lo, _), _)| lo).unwrap_or(0.0)
}
fn f_hi(m: &Mobject, f: &CoordFrame, k: usize) -> f64 {
    aa::axis_info(m, f, k).map(|((_, hi), _)| hi).unwrap_or(0.0)
}

fn graph_label(it: &mut Interp, c: &Call) -> R<Value> {
    let (m, f) = frame_of(it, c)?;
    let pts = graph_pts(it, c, "graph", &f)?;
    let g = it.materialize(&c.obj("graph"), c.span_of("graph"))?;
    let color = c.opt_color("color").unwrap_or_else(|| {
        g.leaves()
            .first()
            .map(|l| l.style.stroke)
            .unwrap_or(Color::WHITE)
    });
    let point = match c.opt_num("x_val") {
        Some(x) => f.to_scene(x, y_at(it, c, &pts, x)?, 0.0),
        None => {
            // Manim: from the right end of the x axis leftwards, the first point in frame.
            let (lo, hi) = (f_lo(&m, &f, 0), f_hi(&m, &f, 0));
            let mut found = None;
            for i in 0..100 {
                let x = hi + (lo - hi) * i as f64 / 99.0;
                if let Some(y) = aa::graph_y(&pts, x) {
                    let p = f.to_scene(x, y, 0.0);
                    if p.y < FRAME_HEIGHT / 2.0 {
                        found = Some(p);
                        break;
                    }
                }
            }
            found.unwrap_or_else(|| f.to_scene(pts[pts.len() - 1].0, pts[pts.len() - 1].1, 0.0))
        }
    };
    let mut lm = math(it, c, &c.str("label"), 48.0, color)?;
    lm.next_to_box(
        (point, point),
        c.point("direction"),
        c.num("buff"),
        Vec3::ZERO,
    );
    // Manim's shift_onto_screen: keep 0.5 inside the frame.
    if let Some((lo, hi)) = lm.bounds() {
        let (hx, hy) = (FRAME_WIDTH / 2.0 - 0.5, FRAME_HEIGHT / 2.0 - 0.5);
        let dx = (hx - hi.x).min(0.0) + (-hx - lo.x).max(0.0);
        let dy = (hy - hi.y).min(0.0) + (-hy - lo.y).max(0.0);
        lm.shift(Vec3::xy(dx, dy));
    }
    if c.bool("dot") {
        lm.children.push(shapes::dot(point, 0.08, Color::WHITE));
    }
    Ok(it.new_obj(lm))
}

fn axis_line_mob(it: &mut Interp, c: &Call, k: usize) -> R<Mobject> {
    let (_, f) = frame_of(it, c)?;
    let p = c.point("point");
    let (x, y) = f.to_data(p);
    let from = if k == 0 {
        f.to_scene(x, 0.0, 0.0)
    } else {
        f.to_scene(0.0, y, 0.0)
    };
    let l = shapes::line(from, p, c.color("color"), c.num("stroke_width"));
    if !c.bool("dashed") {
        return Ok(l);
    }
    let n = ((p - from).length() / 0.05 * 0.5)
        .ceil()
        .clamp(1.0, 10_000.0) as usize;
    Ok(polygons::dashed(&l, n, 0.5))
}

fn axis_line(it: &mut Interp, c: &Call, k: usize) -> R<Value> {
    let m = axis_line_mob(it, c, k)?;
    Ok(it.new_obj(m))
}

fn x_range_of(it: &Interp, c: &Call, name: &str, pts: &[(f64, f64)]) -> R<(f64, f64)> {
    match c.opt_nums(name) {
        None => Ok((pts[0].0, pts[pts.len() - 1].0)),
        Some(v) if v.len() >= 2 && v[1] > v[0] => Ok((v[0], v[1])),
        Some(_) => Err(c.err(
            it,
            name,
            format!("`{name}` must be [min, max] with max > min"),
        )),
    }
}

fn get_area(it: &mut Interp, c: &Call) -> R<Value> {
    let (_, f) = frame_of(it, c)?;
    let top = graph_pts(it, c, "graph", &f)?;
    let bound = match c.opt_obj("bounded_graph") {
        Some(_) => Some(graph_pts(it, c, "bounded_graph", &f)?),
        None => None,
    };
    let (a, b) = x_range_of(it, c, "x_range", &top)?;
    let m = aa::area(
        &f,
        &top,
        bound.as_deref(),
        a,
        b,
        c.color("color"),
        c.num("opacity") as f32,
    );
    Ok(it.new_obj(m))
}

fn colors_arg(it: &mut Interp, c: &Call, name: &str, default: &[&str]) -> R<Vec<Color>> {
    match c.value(name) {
        None => Ok(default
            .iter()
            .map(|n| Color::named(n).or_else(|| Color::from_hex(n)).unwrap())
            .collect()),
        Some(Value::List(l)) => {
            let mut v = Vec::new();
            for x in l.iter() {
                v.push(crate::lang::args::to_color(it, x, c.span_of(name))?);
            }
            if v.is_empty() {
                return Err(c.err(it, name, "give at least one colour"));
            }
            Ok(v)
        }
        Some(x) => Ok(vec![crate::lang::args::to_color(it, &x, c.span_of(name))?]),
    }
}

fn gradient(cs: &[Color], t: f64) -> Color {
    if cs.len() == 1 {
        return cs[0];
    }
    let s = t.clamp(0.0, 1.0) * (cs.len() - 1) as f64;
    let k = (s.floor() as usize).min(cs.len() - 2);
    cs[k].lerp(cs[k + 1], (s - k as f64) as f32)
}

fn riemann(it: &mut Interp, c: &Call) -> R<Value> {
    let (_, f) = frame_of(it, c)?;
    let top = graph_pts(it, c, "graph", &f)?;
    let bound = match c.opt_obj("bounded_graph") {
        Some(_) => Some(graph_pts(it, c, "bounded_graph", &f)?),
        None => None,
    };
    let (a, b) = x_range_of(it, c, "x_range", &top)?;
    let dx = c.num("dx");
    if dx <= 0.0 || (b - a) / dx > 10_000.0 {
        return Err(c.err(
            it,
            "dx",
            "`dx` must be positive, with at most 10000 rectangles",
        ));
    }
    let sample = match c.str("input_sample_type").as_str() {
        "left" => 0.0,
        "center" => 0.5,
        "right" => 1.0,
        other => {
            return Err(c.err(
                it,
                "input_sample_type",
                format!(
                    "`input_sample_type` is \"left\", \"center\" or \"right\", not \"{other}\""
                ),
            ))
        }
    };
    let colors = colors_arg(it, c, "color", &["BLUE", "GREEN"])?;
    let xs: Vec<f64> = {
        let mut v = Vec::new();
        let mut x = a;
        while x < b - 1e-9 {
            v.push(x);
            x += dx;
        }
        v
    };
    let mut rects = Vec::new();
    for (i, &x) in xs.iter().enumerate() {
        let s = x + dx * sample;
        let y = aa::graph_y(&top, s).unwrap_or(0.0);
        let y0 = bound
            .as_deref()
            .and_then(|bp| aa::graph_y(bp, s))
            .unwrap_or(0.0);
        let pts = [
            f.to_scene(x, y0, 0.0),
            f.to_scene(x + dx, y0, 0.0),
            f.to_scene(x + dx, y, 0.0),
            f.to_scene(x, y, 0.0),
        ];
        let mut r = polygons::closed(&pts, Color::WHITE);
        let col = gradient(
            &colors,
            if xs.len() > 1 {
                i as f64 / (xs.len() - 1) as f64
            } else {
                0.0
            },
        );
        r.style.fill = col;
        r.style.fill_opacity = c.num("fill_opacity") as f32;
        r.style.stroke = c.color("stroke_color");
        r.style.stroke_width = c.num("stroke_width");
        rects.push(r);
    }
    Ok(it.new_obj(Mobject::group(rects)))
}

fn line_graph(it: &mut Interp, c: &Call) -> R<Value> {
    let (_, f) = frame_of(it, c)?;
    let (xs, ys) = (
        c.opt_nums("x_values").unwrap_or_default(),
        c.opt_nums("y_values").unwrap_or_default(),
    );
    if xs.len() != ys.len() || xs.len() < 2 {
        return Err(it.err(format!("`plot_line_graph` needs as many x values as y values, at least 2 (given {} and {})", xs.len(), ys.len()), c.span.clone()));
    }
    let pts: Vec<Vec3> = xs
        .iter()
        .zip(ys.iter())
        .map(|(&x, &y)| f.to_scene(x, y, 0.0))
        .collect();
    let color = c.color("line_color");
    let line = Mobject::leaf(
        crate::geom::Path::polyline(&pts),
        crate::scene::Style::stroked(color, c.num("stroke_width")),
    );
    let mut parts = vec![line];
    if c.bool("add_vertex_dots") {
        let dots = pts
            .iter()
            // Manim's vertex dots are plain Dots: white, whatever the line's colour.
            .map(|&p| shapes::dot(p, c.num("vertex_dot_radius"), Color::WHITE))
            .collect();
        parts.push(Mobject::group(dots));
    }
    Ok(it.new_obj(Mobject::group(parts)))
}

fn range3(it: &Interp, c: &Call, name: &str, default: (f64, f64, f64)) -> R<(f64, f64, f64)> {
    match c.opt_nums(name) {
        None => Ok(default),
        Some(v)
            if (v.len() == 2 || v.len() == 3)
                && v[1] > v[0]
                && v.get(2).is_none_or(|s| *s > 0.0) =>
        {
            Ok((v[0], v[1], v.get(2).copied().unwrap_or(1.0)))
        }
        Some(_) => Err(c.err(
            it,
            name,
            format!("`{name}` must be [min, max] or [min, max, step], max > min, step > 0"),
        )),
    }
}

fn number_plane(it: &mut Interp, c: &Call) -> R<Value> {
    let (hx, hy) = (FRAME_WIDTH / 2.0, FRAME_HEIGHT / 2.0);
    let x = range3(it, c, "x_range", (-hx, hx, 1.0))?;
    let y = range3(it, c, "y_range", (-hy, hy, 1.0))?;
    let fr = c.num("faded_line_ratio");
    if !(1.0..=20.0).contains(&fr) {
        return Err(c.err(
            it,
            "faded_line_ratio",
            "`faded_line_ratio` must be from 1 to 20",
        ));
    }
    let spec = AxesSpec {
        x_range: x,
        y_range: y,
        x_length: c.opt_num("x_length").unwrap_or(x.1 - x.0),
        y_length: c.opt_num("y_length").unwrap_or(y.1 - y.0),
        color: c.color("axis_color"),
        stroke_width: 2.0,
        ticks: false,
        tips: false,
    };
    let mut m = axes(&spec);
    let f = m.coords.clone().unwrap();
    let lines = aa::plane_lines(&f, x, y, c.color("background_line_color"), fr as usize);
    // The grid lives in the y axis' group, so `m[0]` stays the x axis and `plot` reads it back.
    if let Some(ya) = m.children.get_mut(1) {
        let shaft = ya.children.remove(0);
        ya.children = lines
            .into_iter()
            .chain(std::iter::once(shaft))
            .chain(std::mem::take(&mut ya.children))
            .collect();
    }
    Ok(it.new_obj(m))
}

fn number_line(it: &mut Interp, c: &Call) -> R<Value> {
    let x = range3(it, c, "x_range", (-8.0, 8.0, 1.0))?;
    let len = c.opt_num("length").unwrap_or(x.1 - x.0);
    let color = c.color("color");
    let spec = AxesSpec {
        x_range: x,
        y_range: (-1.0, 1.0, 1.0),
        x_length: len,
        y_length: 2.0,
        color,
        stroke_width: 2.0,
        ticks: true,
        tips: c.bool("include_tip"),
    };
    let mut a = axes(&spec);
    // Manim's NumberLine has a tick at 0 too, and no second axis.
    let f = a.coords.clone().unwrap();
    let mut xa = a.children.remove(0);
    if x.0 <= 0.0 && x.1 >= 0.0 {
        let o = f.to_scene(0.0, 0.0, 0.0);
        xa.children.insert(
            1,
            shapes::line(o - Vec3::xy(0.0, 0.1), o + Vec3::xy(0.0, 0.1), color, 2.0),
        );
    }
    // An invisible stub where a y axis would be, so the axes methods find two axes.
    let o = f.to_scene(0.0, 0.0, 0.0);
    let mut stub = shapes::line(o, o, color, 0.0);
    stub.style.stroke_opacity = 0.0;
    let mut m = Mobject::group(vec![xa, Mobject::group(vec![stub])]);
    m.coords = Some(f.clone());
    if c.bool("include_numbers") {
        let places = {
            let s = format!("{}", (x.2 * 1e6).round() / 1e6);
            s.split_once('.').map(|(_, d)| d.len()).unwrap_or(0)
        };
        let mut labels = Vec::new();
        // Manim's NumberLine numbers its ticks, 0 included.
        for v in crate::scene::axes::tick_range(x.0, x.1, x.2, c.bool("include_tip"), true) {
            let lm = math(
                it,
                c,
                &decimal_tex(v, places, false, true),
                c.num("font_size"),
                color,
            )?;
            labels.push(aa::place_label(
                lm,
                f.to_scene(v, 0.0, 0.0),
                Vec3::DOWN,
                0.25,
            ));
        }
        m.children[0].children.splice(1..1, labels);
    }
    Ok(it.new_obj(m))
}

fn bar_chart(it: &mut Interp, c: &Call) -> R<Value> {
    let values = c.opt_nums("values").unwrap_or_default();
    if values.is_empty() || values.len() > 1000 {
        return Err(c.err(it, "values", "`bar_chart` needs from 1 to 1000 values"));
    }
    let y_len = c.num("y_length");
    let (vmin, vmax) = values
        .iter()
        .fold((0f64, 0f64), |(a, b), &v| (a.min(v), b.max(v)));
    let y = match c.opt_nums("y_range") {
        None => (
            vmin,
            vmax.max(vmin + 1e-9),
            ((vmax / y_len) * 100.0).round() / 100.0,
        ),
        Some(_) => range3(it, c, "y_range", (0.0, 1.0, 1.0))?,
    };
    let y = (y.0, y.1, if y.2 > 0.0 { y.2 } else { (y.1 - y.0) / 4.0 });
    let n = values.len() as f64;
    let spec = AxesSpec {
        x_range: (0.0, n, 1.0),
        y_range: y,
        x_length: c.opt_num("x_length").unwrap_or(n.min(FRAME_WIDTH - 2.0)),
        y_length: y_len,
        color: Color::WHITE,
        stroke_width: 2.0,
        ticks: true,
        tips: false,
    };
    let mut m = axes(&spec);
    let f = m.coords.clone().unwrap();
    let palette: Vec<Color> = ["#003f5c", "#58508d", "#bc5090", "#ff6361", "#ffa600"]
        .iter()
        .map(|h| Color::from_hex(h).unwrap())
        .collect();
    let bw = c.num("bar_width");
    let mut bars = Vec::new();
    for (i, &v) in values.iter().enumerate() {
        let (x0, x1) = (i as f64 + 0.5 - bw / 2.0, i as f64 + 0.5 + bw / 2.0);
        let pts = [
            f.to_scene(x0, 0.0, 0.0),
            f.to_scene(x1, 0.0, 0.0),
            f.to_scene(x1, v, 0.0),
            f.to_scene(x0, v, 0.0),
        ];
        let col = gradient(
            &palette,
            if values.len() > 1 {
                i as f64 / (n - 1.0)
            } else {
                0.0
            },
        );
        let mut b = polygons::closed(&pts, col);
        b.style.fill = col;
        b.style.fill_opacity = c.num("bar_fill_opacity") as f32;
        b.style.stroke_width = c.num("bar_stroke_width");
        bars.push(b);
    }
    m.children.push(Mobject::group(bars));
    let mut names = Vec::new();
    if let Some(Value::List(l)) = c.value("bar_names") {
        for (i, v) in l.iter().enumerate() {
            let Value::Str(s) = v else {
                return Err(c.err(it, "bar_names", "`bar_names` are strings"));
            };
            let lm = math(it, c, &format!("\\text{{{s}}}"), 24.0, Color::WHITE)?;
            let dir = if values.get(i).is_some_and(|v| *v < 0.0) {
                Vec3::UP
            } else {
                Vec3::DOWN
            };
            names.push(aa::place_label(
                lm,
                f.to_scene(i as f64 + 0.5, 0.0, 0.0),
                dir,
                0.25,
            ));
        }
    }
    m.children.push(Mobject::group(names));
    // Numbers on the y axis, as Manim's BarChart has.
    let (_, ticks) = aa::axis_info(&m, &f, 1).unwrap_or(((0.0, 0.0), vec![]));
    let places = {
        let s = format!("{}", (y.2 * 1e6).round() / 1e6);
        s.split_once('.').map(|(_, d)| d.len()).unwrap_or(0)
    };
    let mut ylabels = Vec::new();
    for v in ticks {
        let lm = math(
            it,
            c,
            &decimal_tex(v, places, false, true),
            36.0,
            Color::WHITE,
        )?;
        ylabels.push(aa::place_label(
            lm,
            f.to_scene(0.0, v, 0.0),
            Vec3::LEFT,
            0.25,
        ));
    }
    m.children[1].children.splice(1..1, ylabels);
    Ok(it.new_obj(m))
}
