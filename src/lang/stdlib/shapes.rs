//! Shapes with Manim's defaults (see `scene::polygons`).

use std::f64::consts::{PI, TAU};

use super::{bbox, ends, n, p, rest, style, Call, Def, Entry, Kind, Ty};
use crate::lang::interp::{Interp, R};
use crate::lang::value::Value;
use crate::scene::polygons as pg;
use crate::scene::Color;

const STYLE_CLOSED: [super::Param; 3] = [
    n("color", Ty::Color, Def::Color("BLUE")),
    n("fill_opacity", Ty::Num, Def::Opt),
    n("stroke_width", Ty::Num, Def::Opt),
];

macro_rules! params {
    ($($x:expr),* $(,)?) => { &[$($x),*] };
}

pub const ENTRIES: &[Entry] = &[
    Entry {
        name: "triangle",
        kind: Kind::Function,
        params: params![STYLE_CLOSED[0], STYLE_CLOSED[1], STYLE_CLOSED[2], n("radius", Ty::Num, Def::Num(1.0))],
        doc: "equilateral triangle, point up, on a circle of `radius` (Manim's Triangle)",
        run: |it, c| regular(it, c, 3, None),
    },
    Entry {
        name: "regular_polygon",
        kind: Kind::Function,
        params: params![
            p("n", Ty::Num, Def::Num(6.0)),
            n("radius", Ty::Num, Def::Num(1.0)),
            n("start_angle", Ty::Num, Def::Opt),
            STYLE_CLOSED[0], STYLE_CLOSED[1], STYLE_CLOSED[2],
        ],
        doc: "`n` corners on a circle; the first at 90° for odd `n`, 0° for even (Manim's RegularPolygon)",
        run: |it, c| {
            let k = c.num("n");
            if !(3.0..=1000.0).contains(&k) || k.fract() != 0.0 {
                return Err(c.err(it, "n", "`n` must be a whole number from 3 to 1000"));
            }
            regular(it, c, k as usize, c.opt_num("start_angle"))
        },
    },
    Entry {
        name: "star",
        kind: Kind::Function,
        params: params![
            p("n", Ty::Num, Def::Num(5.0)),
            n("outer_radius", Ty::Num, Def::Num(1.0)),
            n("inner_radius", Ty::Num, Def::Opt),
            n("start_angle", Ty::Num, Def::Num(PI / 2.0)),
            STYLE_CLOSED[0], STYLE_CLOSED[1], STYLE_CLOSED[2],
        ],
        doc: "`n`-pointed star; the inner radius of the perfect star unless given (Manim's Star)",
        run: |it, c| {
            let k = c.num("n");
            if !(3.0..=1000.0).contains(&k) || k.fract() != 0.0 {
                return Err(c.err(it, "n", "`n` must be a whole number from 3 to 1000"));
            }
            let mut m = pg::star(k as usize, c.num("outer_radius"), c.opt_num("inner_radius"), c.num("start_angle"), Color::WHITE);
            style(c, &mut m);
            Ok(it.new_obj(m))
        },
    },
    Entry {
        name: "ellipse",
        kind: Kind::Function,
        params: params![
            n("width", Ty::Num, Def::Num(2.0)),
            n("height", Ty::Num, Def::Num(1.0)),
            n("color", Ty::Color, Def::Color("RED")),
            n("fill_opacity", Ty::Num, Def::Opt),
            n("stroke_width", Ty::Num, Def::Opt),
        ],
        doc: "ellipse about the origin (Manim's Ellipse)",
        run: |it, c| {
            let mut m = pg::ellipse(c.num("width"), c.num("height"), Color::WHITE);
            style(c, &mut m);
            Ok(it.new_obj(m))
        },
    },
    Entry {
        name: "annulus",
        kind: Kind::Function,
        params: params![
            n("inner_radius", Ty::Num, Def::Num(1.0)),
            n("outer_radius", Ty::Num, Def::Num(2.0)),
            n("color", Ty::Color, Def::Color("WHITE")),
            n("fill_opacity", Ty::Num, Def::Num(1.0)),
            n("stroke_width", Ty::Num, Def::Num(0.0)),
        ],
        doc: "a filled ring (Manim's Annulus)",
        run: |it, c| annular(it, c, c.num("inner_radius"), c.num("outer_radius"), 0.0, TAU),
    },
    Entry {
        name: "annular_sector",
        kind: Kind::Function,
        params: params![
            n("inner_radius", Ty::Num, Def::Num(1.0)),
            n("outer_radius", Ty::Num, Def::Num(2.0)),
            n("angle", Ty::Num, Def::Num(TAU / 4.0)),
            n("start_angle", Ty::Num, Def::Num(0.0)),
            n("color", Ty::Color, Def::Color("WHITE")),
            n("fill_opacity", Ty::Num, Def::Num(1.0)),
            n("stroke_width", Ty::Num, Def::Num(0.0)),
        ],
        doc: "a filled piece of a ring (Manim's AnnularSector)",
        run: |it, c| annular(it, c, c.num("inner_radius"), c.num("outer_radius"), c.num("start_angle"), c.num("angle")),
    },
    Entry {
        name: "sector",
        kind: Kind::Function,
        params: params![
            n("radius", Ty::Num, Def::Num(1.0)),
            n("angle", Ty::Num, Def::Num(TAU / 4.0)),
            n("start_angle", Ty::Num, Def::Num(0.0)),
            n("color", Ty::Color, Def::Color("WHITE")),
            n("fill_opacity", Ty::Num, Def::Num(1.0)),
            n("stroke_width", Ty::Num, Def::Num(0.0)),
        ],
        doc: "a filled pie slice (Manim's Sector)",
        run: |it, c| annular(it, c, 0.0, c.num("radius"), c.num("start_angle"), c.num("angle")),
    },
    Entry {
        name: "angle",
        kind: Kind::Function,
        params: params![
            p("line1", Ty::Obj, Def::Req),
            p("line2", Ty::Obj, Def::Req),
            n("radius", Ty::Num, Def::Opt),
            n("quadrant", Ty::Nums, Def::Opt),
            n("other_angle", Ty::Bool, Def::Bool(false)),
            n("color", Ty::Color, Def::Color("WHITE")),
            n("stroke_width", Ty::Num, Def::Num(4.0)),
        ],
        doc: "arc marking the angle from `line1` to `line2` about their crossing; radius 0.4 (or ⅔ of the shorter arm) (Manim's Angle)",
        run: |it, c| angle_entry(it, c, false),
    },
    Entry {
        name: "right_angle",
        kind: Kind::Function,
        params: params![
            p("line1", Ty::Obj, Def::Req),
            p("line2", Ty::Obj, Def::Req),
            n("length", Ty::Num, Def::Opt),
            n("quadrant", Ty::Nums, Def::Opt),
            n("color", Ty::Color, Def::Color("WHITE")),
            n("stroke_width", Ty::Num, Def::Num(4.0)),
        ],
        doc: "the square elbow of a right angle (Manim's RightAngle)",
        run: |it, c| angle_entry(it, c, true),
    },
    Entry {
        name: "rounded_rectangle",
        kind: Kind::Function,
        params: params![
            n("width", Ty::Num, Def::Num(4.0)),
            n("height", Ty::Num, Def::Num(2.0)),
            n("corner_radius", Ty::Num, Def::Num(0.5)),
            n("color", Ty::Color, Def::Color("WHITE")),
            n("fill_opacity", Ty::Num, Def::Opt),
            n("stroke_width", Ty::Num, Def::Opt),
        ],
        doc: "rectangle with quarter-circle corners (Manim's RoundedRectangle)",
        run: |it, c| {
            let mut m = pg::rounded_rectangle(c.num("width"), c.num("height"), c.num("corner_radius"), Color::WHITE);
            style(c, &mut m);
            Ok(it.new_obj(m))
        },
    },
    Entry {
        name: "dashed_line",
        kind: Kind::Function,
        params: params![
            p("start", Ty::Point, Def::Req),
            p("end", Ty::Point, Def::Req),
            n("dash_length", Ty::Num, Def::Num(0.05)),
            n("dashed_ratio", Ty::Num, Def::Num(0.5)),
            n("color", Ty::Color, Def::Color("WHITE")),
            n("stroke_width", Ty::Num, Def::Num(4.0)),
        ],
        doc: "a line of dashes `dash_length` long, `dashed_ratio` of each period drawn (Manim's DashedLine)",
        run: |it, c| {
            let (a, b) = (c.point("start"), c.point("end"));
            let dl = c.num("dash_length");
            let ratio = c.num("dashed_ratio");
            if dl <= 0.0 || !(0.0..=1.0).contains(&ratio) {
                return Err(c.err(it, "dash_length", "`dash_length` must be positive and `dashed_ratio` between 0 and 1"));
            }
            let count = ((b - a).length() / dl * ratio).ceil().clamp(1.0, 10_000.0) as usize;
            let l = crate::scene::shapes::line(a, b, c.color("color"), c.num("stroke_width"));
            Ok(it.new_obj(pg::dashed(&l, count, ratio)))
        },
    },
    Entry {
        name: "dashed",
        kind: Kind::Function,
        params: params![
            p("obj", Ty::Obj, Def::Req),
            n("num_dashes", Ty::Num, Def::Num(15.0)),
            n("dashed_ratio", Ty::Num, Def::Num(0.5)),
        ],
        doc: "a dashed copy of any object's outline (Manim's DashedVMobject)",
        run: |it, c| {
            let m = it.materialize(&c.obj("obj"), c.span_of("obj"))?;
            let k = c.num("num_dashes");
            if !(1.0..=10_000.0).contains(&k) {
                return Err(c.err(it, "num_dashes", "`num_dashes` must be from 1 to 10000"));
            }
            Ok(it.new_obj(pg::dashed(&m, k as usize, c.num("dashed_ratio").clamp(0.0, 1.0))))
        },
    },
    Entry {
        name: "curved_arrow",
        kind: Kind::Function,
        params: params![
            p("start", Ty::Point, Def::Req),
            p("end", Ty::Point, Def::Req),
            n("angle", Ty::Num, Def::Num(TAU / 4.0)),
            n("color", Ty::Color, Def::Color("WHITE")),
        ],
        doc: "an arc of `angle` from start to end with a tip (Manim's CurvedArrow)",
        run: |it, c| Ok(it.new_obj(pg::curved_arrow(c.point("start"), c.point("end"), c.num("angle"), false, c.color("color")))),
    },
    Entry {
        name: "curved_double_arrow",
        kind: Kind::Function,
        params: params![
            p("start", Ty::Point, Def::Req),
            p("end", Ty::Point, Def::Req),
            n("angle", Ty::Num, Def::Num(TAU / 4.0)),
            n("color", Ty::Color, Def::Color("WHITE")),
        ],
        doc: "a curved arrow with tips at both ends (Manim's CurvedDoubleArrow)",
        run: |it, c| Ok(it.new_obj(pg::curved_arrow(c.point("start"), c.point("end"), c.num("angle"), true, c.color("color")))),
    },
    Entry {
        name: "double_arrow",
        kind: Kind::Function,
        params: params![
            p("start", Ty::Point, Def::Req),
            p("end", Ty::Point, Def::Req),
            n("buff", Ty::Num, Def::Num(0.25)),
            n("color", Ty::Color, Def::Color("WHITE")),
            n("stroke_width", Ty::Num, Def::Num(6.0)),
        ],
        doc: "an arrow with tips at both ends; tips at most ¼ of the length (Manim's DoubleArrow)",
        run: |it, c| Ok(it.new_obj(pg::manim_arrow(c.point("start"), c.point("end"), c.num("buff"), c.color("color"), c.num("stroke_width"), true))),
    },
    Entry {
        name: "vector",
        kind: Kind::Function,
        params: params![
            p("direction", Ty::Point, Def::Point(1.0, 0.0)),
            n("buff", Ty::Num, Def::Num(0.0)),
            n("color", Ty::Color, Def::Color("WHITE")),
            n("stroke_width", Ty::Num, Def::Num(6.0)),
        ],
        doc: "an arrow from the origin to `direction` (Manim's Vector)",
        run: |it, c| Ok(it.new_obj(pg::manim_arrow(crate::geom::Vec3::ZERO, c.point("direction"), c.num("buff"), c.color("color"), c.num("stroke_width"), false))),
    },
    Entry {
        name: "cross_out",
        kind: Kind::Function,
        params: params![
            p("obj", Ty::Obj, Def::Opt),
            n("stroke_color", Ty::Color, Def::Color("RED")),
            n("stroke_width", Ty::Num, Def::Num(6.0)),
            n("scale_factor", Ty::Num, Def::Num(1.0)),
        ],
        doc: "a red X over an object's box, 2 × 2 at the origin without one (Manim's Cross; `cross` is the vector product)",
        run: |it, c| {
            let (lo, hi) = match c.opt_obj("obj") {
                Some(r) => bbox(it, &r, c.span_of("obj"))?,
                None => (crate::geom::Vec3::xy(-1.0, -1.0), crate::geom::Vec3::xy(1.0, 1.0)),
            };
            let mut m = pg::cross(lo, hi, c.color("stroke_color"), c.num("stroke_width"));
            m.scale(c.num("scale_factor"), None);
            Ok(it.new_obj(m))
        },
    },
    Entry {
        name: "polygon_from",
        kind: Kind::Function,
        params: params![
            p("points", Ty::Points, Def::Req),
            STYLE_CLOSED[0], STYLE_CLOSED[1], STYLE_CLOSED[2],
        ],
        doc: "a closed polygon (or filled region) through a list of points (Manim's `Polygon(*points)`)",
        run: |it, c| {
            let pts = c.points("points");
            if pts.len() < 3 {
                return Err(c.err(it, "points", format!("`polygon_from` needs at least 3 points, given {}", pts.len())));
            }
            let mut m = pg::closed(&pts, Color::WHITE);
            style(c, &mut m);
            Ok(it.new_obj(m))
        },
    },
    Entry {
        name: "polyline",
        kind: Kind::Function,
        params: params![
            rest("points", Ty::Points),
            n("color", Ty::Color, Def::Color("WHITE")),
            n("stroke_width", Ty::Num, Def::Num(4.0)),
        ],
        doc: "an open path through points, given one by one or as a list (Manim's `set_points_as_corners`)",
        run: |it, c| {
            let pts = c.points("points");
            if pts.len() < 2 {
                return Err(it.err("`polyline` needs at least 2 points", c.span.clone()));
            }
            let m = crate::scene::Mobject::leaf(
                crate::geom::Path::polyline(&pts),
                crate::scene::Style::stroked(c.color("color"), c.num("stroke_width")),
            );
            Ok(it.new_obj(m))
        },
    },
    Entry {
        name: "svg",
        kind: Kind::Function,
        params: params![
            p("path", Ty::Str, Def::Req),
            n("height", Ty::Num, Def::Num(2.0)),
            n("color", Ty::Color, Def::Opt),
            n("fill_opacity", Ty::Num, Def::Opt),
            n("stroke_width", Ty::Num, Def::Opt),
        ],
        doc: "an SVG file beside the scene, one part per path (`s[i]`), 2 tall and centred; gradients fill with their first colour (Manim's SVGMobject)",
        run: |it, c| {
            let (rel, text) = super::data::data_file(it, c)?;
            let h = c.num("height");
            if h <= 0.0 {
                return Err(c.err(it, "height", "`height` must be positive"));
            }
            let mut m = crate::scene::svg::svg(text.as_bytes(), h)
                .map_err(|e| c.err(it, "path", format!("'{rel}': {}", e.0)))?;
            style(c, &mut m);
            Ok(it.new_obj(m))
        },
    },
];

fn regular(it: &mut Interp, c: &Call, k: usize, start: Option<f64>) -> R<Value> {
    let mut m = pg::closed(
        &pg::regular_vertices(k, c.num("radius"), start),
        Color::WHITE,
    );
    style(c, &mut m);
    Ok(it.new_obj(m))
}

fn annular(it: &mut Interp, c: &Call, inner: f64, outer: f64, start: f64, angle: f64) -> R<Value> {
    if inner < 0.0 || outer <= inner {
        return Err(it.err(
            format!("the outer radius ({outer}) must be larger than the inner one ({inner})"),
            c.span.clone(),
        ));
    }
    let mut m = pg::annular_sector(inner, outer, start, angle, Color::WHITE);
    style(c, &mut m);
    Ok(it.new_obj(m))
}

fn angle_entry(it: &mut Interp, c: &Call, elbow: bool) -> R<Value> {
    let l1 = ends(it, &c.obj("line1"), c.span_of("line1"))?;
    let l2 = ends(it, &c.obj("line2"), c.span_of("line2"))?;
    let q = match c.opt_nums("quadrant") {
        None => (1.0, 1.0),
        Some(v) if v.len() == 2 && v.iter().all(|x| x.abs() == 1.0) => (v[0], v[1]),
        Some(_) => {
            return Err(c.err(
                it,
                "quadrant",
                "`quadrant` is [1, 1], [1, -1], [-1, 1] or [-1, -1]",
            ))
        }
    };
    let radius = if elbow {
        c.opt_num("length")
    } else {
        c.opt_num("radius")
    };
    let other = !elbow && c.bool("other_angle");
    let m = pg::angle_mark(
        l1,
        l2,
        radius,
        q,
        other,
        elbow,
        c.color("color"),
        c.num("stroke_width"),
    )
    .unwrap_or_default();
    Ok(it.new_obj(m))
}

/// Manim's Union, Intersection, Difference and Exclusion of two objects' outlines.
pub const BOOLEAN: &[Entry] = &[
    bool_entry("union", "the area covered by either object (Manim's Union)"),
    bool_entry(
        "intersection",
        "the area covered by both objects (Manim's Intersection)",
    ),
    bool_entry(
        "difference",
        "the first object's area less the second's (Manim's Difference)",
    ),
    bool_entry(
        "exclusion",
        "the area covered by exactly one of them (Manim's Exclusion)",
    ),
];

const BOOL_PARAMS: &[super::Param] = &[
    p("a", Ty::Obj, Def::Req),
    p("b", Ty::Obj, Def::Req),
    n("color", Ty::Color, Def::Color("WHITE")),
    n("fill_opacity", Ty::Num, Def::Opt),
    n("stroke_width", Ty::Num, Def::Opt),
];

const fn bool_entry(name: &'static str, doc: &'static str) -> Entry {
    Entry {
        name,
        kind: Kind::Function,
        params: BOOL_PARAMS,
        doc,
        run: boolean_entry,
    }
}

fn boolean_entry(it: &mut Interp, c: &Call) -> R<Value> {
    use crate::scene::boolean::{boolean, BoolOp};
    let op = match c.entry.name {
        "union" => BoolOp::Union,
        "intersection" => BoolOp::Intersection,
        "difference" => BoolOp::Difference,
        _ => BoolOp::Exclusion,
    };
    let a = it.materialize(&c.obj("a"), c.span_of("a"))?;
    let b = it.materialize(&c.obj("b"), c.span_of("b"))?;
    let mut m = boolean(&a, &b, op, Color::WHITE);
    style(c, &mut m);
    Ok(it.new_obj(m))
}
