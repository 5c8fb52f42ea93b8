//! Annotation: braces with labels, surrounding and background rectangles, underlines.

use super::{bbox, n, p, rest, Call, Def, Entry, Kind, Ty};
use crate::geom::Vec3;
use crate::lang::interp::{Interp, R};
use crate::lang::value::Value;
use crate::scene::annotations as an;
use crate::scene::{text, Mobject};

macro_rules! params {
    ($($x:expr),* $(,)?) => { &[$($x),*] };
}

pub const ENTRIES: &[Entry] = &[
    Entry {
        name: "brace",
        kind: Kind::Function,
        params: params![
            p("obj", Ty::Obj, Def::Req),
            p("direction", Ty::Point, Def::Point(0.0, -1.0)),
            n("buff", Ty::Num, Def::Num(0.2)),
            n("sharpness", Ty::Num, Def::Num(2.0)),
            n("color", Ty::Color, Def::Color("WHITE")),
        ],
        doc: "a curly brace along the object's side `direction`, `buff` away (Manim's Brace, with its outline)",
        run: |it, c| {
            let m = it.materialize(&c.obj("obj"), c.span_of("obj"))?;
            let mut pts = Vec::new();
            for l in m.leaves() {
                l.path.for_each_point(|q| pts.push(q));
            }
            if pts.is_empty() {
                return Err(c.err(it, "obj", "this object has no points to put a brace along"));
            }
            brace_obj(it, c, &pts)
        },
    },
    Entry {
        name: "brace_between_points",
        kind: Kind::Function,
        params: params![
            p("start", Ty::Point, Def::Req),
            p("end", Ty::Point, Def::Req),
            p("direction", Ty::Point, Def::Opt),
            n("buff", Ty::Num, Def::Num(0.2)),
            n("sharpness", Ty::Num, Def::Num(2.0)),
            n("color", Ty::Color, Def::Color("WHITE")),
        ],
        doc: "a brace along the segment from `start` to `end`, on its right-hand side unless `direction` is given (Manim's BraceBetweenPoints)",
        run: |it, c| {
            let (a, b) = (c.point("start"), c.point("end"));
            brace_obj(it, c, &[a, b])
        },
    },
    Entry {
        name: "get_tex",
        kind: Kind::Method,
        params: params![rest("parts", Ty::Any), n("font_size", Ty::Num, Def::Num(48.0)), n("color", Ty::Color, Def::Color("WHITE")), n("buff", Ty::Num, Def::Num(0.25))],
        doc: "on a brace: math placed at its tip (Manim's Brace.get_tex)",
        run: |it, c| label(it, c, false),
    },
    Entry {
        name: "get_text",
        kind: Kind::Method,
        params: params![rest("parts", Ty::Any), n("font_size", Ty::Num, Def::Num(48.0)), n("color", Ty::Color, Def::Color("WHITE")), n("buff", Ty::Num, Def::Num(0.25))],
        doc: "on a brace: text (in the math font, as Manim's Tex) placed at its tip (Manim's Brace.get_text)",
        run: |it, c| label(it, c, true),
    },
    Entry {
        name: "surrounding_rectangle",
        kind: Kind::Function,
        params: params![
            rest("objs", Ty::Objs),
            n("color", Ty::Color, Def::Color("PURE_YELLOW")),
            n("buff", Ty::Num, Def::Num(0.1)),
            n("corner_radius", Ty::Num, Def::Num(0.0)),
            n("stroke_width", Ty::Num, Def::Num(4.0)),
        ],
        doc: "a rectangle around objects, `buff` out (Manim's SurroundingRectangle)",
        run: |it, c| {
            let (lo, hi) = objs_box(it, c)?;
            let mut m = an::surrounding(lo, hi, c.num("buff"), c.num("corner_radius"), c.color("color"));
            m.style.stroke_width = c.num("stroke_width");
            Ok(it.new_obj(m))
        },
    },
    Entry {
        name: "background_rectangle",
        kind: Kind::Function,
        params: params![
            rest("objs", Ty::Objs),
            n("color", Ty::Color, Def::Color("BLACK")),
            n("fill_opacity", Ty::Num, Def::Num(0.75)),
            n("buff", Ty::Num, Def::Num(0.0)),
        ],
        doc: "a filled, unstroked rectangle behind objects (add it first) (Manim's BackgroundRectangle)",
        run: |it, c| {
            let (lo, hi) = objs_box(it, c)?;
            let mut m = an::surrounding(lo, hi, c.num("buff"), 0.0, c.color("color"));
            m.style.fill = c.color("color");
            m.style.fill_opacity = c.num("fill_opacity") as f32;
            m.style.stroke_width = 0.0;
            Ok(it.new_obj(m))
        },
    },
    Entry {
        name: "underline",
        kind: Kind::Function,
        params: params![
            p("obj", Ty::Obj, Def::Req),
            n("buff", Ty::Num, Def::Num(0.1)),
            n("color", Ty::Color, Def::Color("WHITE")),
            n("stroke_width", Ty::Num, Def::Num(4.0)),
        ],
        doc: "a line as wide as the object, `buff` below it (Manim's Underline)",
        run: |it, c| {
            let (lo, hi) = bbox(it, &c.obj("obj"), c.span_of("obj"))?;
            Ok(it.new_obj(an::underline(lo, hi, c.num("buff"), c.color("color"), c.num("stroke_width"))))
        },
    },
];

fn objs_box(it: &mut Interp, c: &Call) -> R<(Vec3, Vec3)> {
    let objs = c.objs("objs");
    if objs.is_empty() {
        return Err(it.err(
            format!("`{}` needs an object", c.entry.name),
            c.span.clone(),
        ));
    }
    let mut b: Option<(Vec3, Vec3)> = None;
    for r in &objs {
        let (lo, hi) = bbox(it, r, c.span.clone())?;
        b = Some(match b {
            None => (lo, hi),
            Some((a, z)) => (a.min(lo), z.max(hi)),
        });
    }
    Ok(b.unwrap())
}

fn brace_obj(it: &mut Interp, c: &Call, pts: &[Vec3]) -> R<Value> {
    let dir = match c.opt_point("direction") {
        Some(d) => d,
        None if pts.len() == 2 => {
            // Manim: the line's vector turned a quarter turn clockwise.
            let v = pts[1] - pts[0];
            Vec3::xy(v.y, -v.x)
        }
        None => Vec3::DOWN,
    };
    if dir.length() < 1e-12 {
        return Err(c.err(it, "direction", "the brace's direction must not be zero"));
    }
    let (m, _) = an::brace(
        pts,
        dir,
        c.num("buff"),
        c.num("sharpness"),
        c.color("color"),
    );
    Ok(it.new_obj(m))
}

fn label(it: &mut Interp, c: &Call, prose: bool) -> R<Value> {
    let b = it.materialize(&c.this(), c.span.clone())?;
    let (tip, dir) = an::brace_tip(&b).ok_or_else(|| {
        it.err(
            format!(
                "`{}` works on a brace; this object has no tip",
                c.entry.name
            ),
            c.span.clone(),
        )
    })?;
    let mut parts = Vec::new();
    if let Some(Value::List(l)) = c.value("parts") {
        for v in l.iter() {
            match v {
                Value::Str(s) if prose => parts.push(format!("\\text{{{s}}}")),
                Value::Str(s) => parts.push(s.to_string()),
                other => {
                    return Err(it.err(
                        format!(
                            "`{}` takes strings, found {}",
                            c.entry.name,
                            other.type_name()
                        ),
                        c.span_of("parts"),
                    ))
                }
            }
        }
    }
    if parts.is_empty() {
        return Err(it.err(format!("`{}` needs a string", c.entry.name), c.span.clone()));
    }
    let strs: Vec<&str> = parts.iter().map(|s| s.as_str()).collect();
    let mut m: Mobject = text::math(&strs, c.num("font_size"), c.color("color"))
        .map_err(|e| it.err(format!("in formula: {}", e.message), c.span_of("parts")))?;
    m.next_to_box((tip, tip), an::round_dir(dir), c.num("buff"), Vec3::ZERO);
    Ok(it.new_obj(m))
}
