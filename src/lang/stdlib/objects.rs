//! The basic objects: dots, circles, arcs, lines, arrows, polygons, rectangles, text, formulas,
//! images, parametric curves and axes.

use std::f64::consts::FRAC_PI_2;
use std::sync::Arc;

use super::{n, p, rest, Call, Def, Entry, Kind, Ty};
use crate::geom::Vec3;
use crate::lang::args::to_color;
use crate::lang::interp::{Interp, R};
use crate::lang::lower::lower_fn;
use crate::lang::syntax::ast::{Span, StrMap};
use crate::lang::value::Value;
use crate::scene::{axes, shapes, text, Color, Mobject, Picture};

macro_rules! params {
    ($($x:expr),* $(,)?) => { &[$($x),*] };
}

pub const ENTRIES: &[Entry] = &[
    Entry {
        name: "dot",
        kind: Kind::Function,
        params: params![p("point", Ty::Point, Def::Point(0.0, 0.0)), n("radius", Ty::Num, Def::Num(0.08)), n("color", Ty::Color, Def::Color("WHITE"))],
        doc: "a filled dot (Manim's Dot)",
        run: |it, c| Ok(it.new_obj(shapes::dot(c.point("point"), c.num("radius"), c.color("color")))),
    },
    Entry {
        name: "circle",
        kind: Kind::Function,
        params: params![
            n("radius", Ty::Num, Def::Num(1.0)),
            n("color", Ty::Color, Def::Color("RED")),
            n("fill_opacity", Ty::Num, Def::Num(0.0)),
            n("stroke_width", Ty::Num, Def::Num(4.0)),
            n("center", Ty::Point, Def::Point(0.0, 0.0)),
        ],
        doc: "a circle (Manim's Circle)",
        run: |it, c| {
            let mut m = shapes::circle(c.point("center"), c.num("radius"), c.color("color"));
            m.style.fill_opacity = c.num("fill_opacity") as f32;
            m.style.stroke_width = c.num("stroke_width");
            Ok(it.new_obj(m))
        },
    },
    Entry {
        name: "arc",
        kind: Kind::Function,
        params: params![
            n("radius", Ty::Num, Def::Num(1.0)),
            n("start_angle", Ty::Num, Def::Num(0.0)),
            n("angle", Ty::Num, Def::Num(FRAC_PI_2)),
            n("color", Ty::Color, Def::Color("WHITE")),
            n("stroke_width", Ty::Num, Def::Num(4.0)),
            n("center", Ty::Point, Def::Point(0.0, 0.0)),
        ],
        doc: "an arc turning `angle` from `start_angle` (Manim's Arc)",
        run: arc,
    },
    Entry {
        name: "line",
        kind: Kind::Function,
        params: params![
            p("start", Ty::Point, Def::Req),
            p("end", Ty::Point, Def::Req),
            n("color", Ty::Color, Def::Color("WHITE")),
            n("stroke_width", Ty::Num, Def::Num(4.0)),
        ],
        doc: "a straight line (Manim's Line)",
        run: |it, c| Ok(it.new_obj(shapes::line(c.point("start"), c.point("end"), c.color("color"), c.num("stroke_width")))),
    },
    Entry {
        name: "arrow",
        kind: Kind::Function,
        params: params![
            p("start", Ty::Point, Def::Req),
            p("end", Ty::Point, Def::Req),
            n("color", Ty::Color, Def::Color("WHITE")),
            n("stroke_width", Ty::Num, Def::Num(4.0)),
            n("buff", Ty::Num, Def::Num(0.0)),
            n("tip_length", Ty::Num, Def::Num(0.35)),
            n("tip_width", Ty::Num, Def::Num(0.35)),
        ],
        doc: "a line with a tip at its end (Manim's Arrow)",
        run: |it, c| {
            let spec = shapes::ArrowSpec {
                buff: c.num("buff"),
                tip_length: c.num("tip_length"),
                tip_width: c.num("tip_width"),
                stroke_width: c.num("stroke_width"),
                color: c.color("color"),
            };
            Ok(it.new_obj(shapes::arrow(c.point("start"), c.point("end"), &spec)))
        },
    },
    Entry {
        name: "polygon",
        kind: Kind::Function,
        params: params![
            rest("points", Ty::Points),
            n("color", Ty::Color, Def::Color("BLUE")),
            n("fill_opacity", Ty::Num, Def::Num(0.0)),
            n("stroke_width", Ty::Num, Def::Num(4.0)),
        ],
        doc: "a closed polygon through the points (Manim's Polygon)",
        run: |it, c| {
            let pts = c.points("points");
            if pts.len() < 3 {
                return Err(it.err("`polygon` needs at least 3 points", c.span.clone()));
            }
            let mut m = shapes::polygon(&pts, c.color("color"));
            m.style.fill_opacity = c.num("fill_opacity") as f32;
            m.style.stroke_width = c.num("stroke_width");
            Ok(it.new_obj(m))
        },
    },
    Entry {
        name: "rectangle",
        kind: Kind::Function,
        params: params![
            p("width", Ty::Num, Def::Num(4.0)),
            p("height", Ty::Num, Def::Num(2.0)),
            n("color", Ty::Color, Def::Color("WHITE")),
            n("fill_opacity", Ty::Num, Def::Num(0.0)),
            n("stroke_width", Ty::Num, Def::Num(4.0)),
        ],
        doc: "a rectangle centred at the origin (Manim's Rectangle)",
        run: |it, c| rect(it, c, c.num("width"), c.num("height")),
    },
    Entry {
        name: "square",
        kind: Kind::Function,
        params: params![
            p("side", Ty::Num, Def::Num(2.0)),
            n("color", Ty::Color, Def::Color("WHITE")),
            n("fill_opacity", Ty::Num, Def::Num(0.0)),
            n("stroke_width", Ty::Num, Def::Num(4.0)),
        ],
        doc: "a square centred at the origin (Manim's Square)",
        run: |it, c| rect(it, c, c.num("side"), c.num("side")),
    },
    Entry {
        name: "text",
        kind: Kind::Function,
        params: params![p("text", Ty::Str, Def::Req), n("font_size", Ty::Num, Def::Num(48.0)), n("color", Ty::Color, Def::Color("WHITE"))],
        doc: "plain text (Manim's Text)",
        run: |it, c| Ok(it.new_obj(text::text(&c.str("text"), c.num("font_size"), c.color("color")))),
    },
    Entry {
        name: "tex",
        kind: Kind::Function,
        params: params![rest("parts", Ty::Any), n("font_size", Ty::Num, Def::Num(48.0)), n("color", Ty::Color, Def::Color("WHITE")), n("colors", Ty::Any, Def::Opt)],
        doc: "a formula in math mode, one part per string (`f[i]`); `colors:` colours part i (Manim's MathTex)",
        run: |it, c| tex(it, c, false),
    },
    Entry {
        name: "tex_text",
        kind: Kind::Function,
        params: params![rest("parts", Ty::Any), n("font_size", Ty::Num, Def::Num(48.0)), n("color", Ty::Color, Def::Color("WHITE")), n("colors", Ty::Any, Def::Opt)],
        doc: "LaTeX in text mode, one part per string (Manim's Tex)",
        run: |it, c| tex(it, c, true),
    },
    Entry {
        name: "image",
        kind: Kind::Function,
        params: params![p("path", Ty::Str, Def::Req), n("height", Ty::Num, Def::Opt), n("width", Ty::Num, Def::Opt)],
        doc: "a PNG or JPEG from the scene's folder, 8 units per 1080 pixels unless sized (Manim's ImageMobject)",
        run: image,
    },
    Entry {
        name: "parametric",
        kind: Kind::Function,
        params: params![
            p("x", Ty::Any, Def::Req),
            p("y", Ty::Any, Def::Req),
            n("t_range", Ty::Any, Def::Opt),
            n("color", Ty::Color, Def::Color("YELLOW")),
            n("stroke_width", Ty::Num, Def::Num(4.0)),
        ],
        doc: "the curve (x(t), y(t)) for t in `t_range` ([0, 1] unless given) (Manim's ParametricFunction)",
        run: |it, c| {
            let fx = lower_fn(it, c.raw("x").cloned().expect("required"), 1)?;
            let fy = lower_fn(it, c.raw("y").cloned().expect("required"), 1)?;
            let (lo, hi, _) = c.args().range(it, 99, "t_range")?.unwrap_or((0.0, 1.0, None));
            let m = axes::parametric(&fx, &fy, lo, hi, c.color("color"), c.num("stroke_width"))
                .map_err(|(_, t)| it.err(format!("division by zero in the curve at t = {t}"), c.span.clone()))?;
            Ok(it.new_obj(m))
        },
    },
    Entry {
        name: "axes",
        kind: Kind::Function,
        params: params![
            n("x_range", Ty::Any, Def::Opt),
            n("y_range", Ty::Any, Def::Opt),
            n("x_length", Ty::Num, Def::Num(12.0)),
            n("y_length", Ty::Num, Def::Num(6.0)),
            n("color", Ty::Color, Def::Color("WHITE")),
            n("stroke_width", Ty::Num, Def::Num(2.0)),
            n("ticks", Ty::Bool, Def::Bool(true)),
            n("tips", Ty::Bool, Def::Bool(true)),
        ],
        doc: "2D axes, x in [-7, 7] and y in [-4, 4] by default, ranges `[min, max, step]` (Manim's Axes)",
        run: |it, c| {
            let mut spec = axes::AxesSpec { ticks: c.bool("ticks"), ..Default::default() };
            let a = c.args();
            if let Some(r) = a.tick_range(it, "x_range", spec.ticks)? {
                spec.x_range = r;
            }
            if let Some(r) = a.tick_range(it, "y_range", spec.ticks)? {
                spec.y_range = r;
            }
            spec.x_length = c.num("x_length");
            spec.y_length = c.num("y_length");
            spec.color = c.color("color");
            spec.stroke_width = c.num("stroke_width");
            spec.tips = c.bool("tips");
            Ok(it.new_obj(axes::axes(&spec)))
        },
    },
];

fn arc(it: &mut Interp, c: &Call) -> R<Value> {
    let ang = c.num("angle");
    if ang.abs() > it.limits().turns * std::f64::consts::TAU {
        return Err(it
            .err(
                format!(
                    "this arc turns {:.0} times, more than the limit of {}",
                    ang.abs() / std::f64::consts::TAU,
                    it.limits().turns
                ),
                c.span_of("angle"),
            )
            .with_note("help: raise it with `limits(turns: …)` if you mean it"));
    }
    let mut m = shapes::arc(
        c.point("center"),
        c.num("radius"),
        c.num("start_angle"),
        ang,
        c.color("color"),
    );
    m.style.stroke_width = c.num("stroke_width");
    Ok(it.new_obj(m))
}

fn rect(it: &mut Interp, c: &Call, w: f64, h: f64) -> R<Value> {
    let mut m = shapes::rectangle(w, h, c.color("color"));
    m.style.fill_opacity = c.num("fill_opacity") as f32;
    m.style.stroke_width = c.num("stroke_width");
    Ok(it.new_obj(m))
}

/// `tex` is Manim's MathTex (math mode, align*); `tex_text` its Tex (text mode).
fn tex(it: &mut Interp, c: &Call, text_mode: bool) -> R<Value> {
    let name = c.entry.name;
    // `colors: [c0, c1, …]` colours part i with c_i (a live formula can colour its parts in
    // its own definition).
    let part_colors: Vec<Color> = match c.value("colors") {
        Some(Value::List(l)) => l
            .iter()
            .map(|x| to_color(it, x, c.span_of("colors")))
            .collect::<R<Vec<_>>>()?,
        Some(other) => {
            return Err(it.err(
                format!(
                    "`colors` must be a list of colours, one per part, found {}",
                    other.type_name()
                ),
                c.span_of("colors"),
            ))
        }
        None => Vec::new(),
    };
    let mut parts: Vec<(String, Span, Option<Arc<StrMap>>)> = Vec::new();
    for p in c.rest_items("parts") {
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
        return Err(it.err(
            format!("`{name}` needs at least one string"),
            c.span.clone(),
        ));
    }
    let strs: Vec<&str> = parts.iter().map(|(s, _, _)| s.as_str()).collect();
    let (fs, col) = (c.num("font_size"), c.color("color"));
    let built = if text_mode {
        text::tex_text(&strs, fs, col)
    } else {
        text::math(&strs, fs, col)
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

fn image(it: &mut Interp, c: &Call) -> R<Value> {
    let path = c.str("path");
    let p = c.span_of("path");
    let full = crate::lang::sandboxed(it.root(), &it.source().name, &path)
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
    let height = match (c.opt_num("height"), c.opt_num("width")) {
        (Some(hv), _) => hv,
        (None, Some(wv)) => wv * h as f64 / w as f64,
        _ => h as f64 / 1080.0 * 8.0,
    };
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
