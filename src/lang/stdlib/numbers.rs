//! Numbers as objects: decimals, integers, labelled variables (live when they read a tracker),
//! matrices and tables.

use super::{n, p, Call, Def, Entry, Kind, Ty};
use crate::lang::interp::{Interp, R};
use crate::lang::value::Value;
use crate::scene::numbers as nb;
use crate::scene::{text, Mobject};

macro_rules! params {
    ($($x:expr),* $(,)?) => { &[$($x),*] };
}

pub const ENTRIES: &[Entry] = &[
    Entry {
        name: "decimal_number",
        kind: Kind::Function,
        params: params![
            p("value", Ty::Num, Def::Num(0.0)),
            n("num_decimal_places", Ty::Num, Def::Num(2.0)),
            n("include_sign", Ty::Bool, Def::Bool(false)),
            n("group_with_commas", Ty::Bool, Def::Bool(true)),
            n("unit", Ty::Str, Def::Opt),
            n("show_ellipsis", Ty::Bool, Def::Bool(false)),
            n("font_size", Ty::Num, Def::Num(48.0)),
            n("color", Ty::Color, Def::Color("WHITE")),
        ],
        doc: "a number typeset as math, followed by `…` with `show_ellipsis: true`; given a tracker expression it is rebuilt every frame (Manim's DecimalNumber)",
        run: |it, c| number(it, c, None, c.num("num_decimal_places")),
    },
    Entry {
        name: "integer",
        kind: Kind::Function,
        params: params![
            p("value", Ty::Num, Def::Num(0.0)),
            n("include_sign", Ty::Bool, Def::Bool(false)),
            n("group_with_commas", Ty::Bool, Def::Bool(true)),
            n("unit", Ty::Str, Def::Opt),
            n("font_size", Ty::Num, Def::Num(48.0)),
            n("color", Ty::Color, Def::Color("WHITE")),
        ],
        doc: "a whole number, rounded (Manim's Integer)",
        run: |it, c| number(it, c, None, 0.0),
    },
    Entry {
        name: "variable",
        kind: Kind::Function,
        params: params![
            p("value", Ty::Num, Def::Req),
            p("label", Ty::Str, Def::Req),
            n("num_decimal_places", Ty::Num, Def::Num(2.0)),
            n("include_sign", Ty::Bool, Def::Bool(false)),
            n("group_with_commas", Ty::Bool, Def::Bool(true)),
            n("unit", Ty::Str, Def::Opt),
            n("font_size", Ty::Num, Def::Num(48.0)),
            n("color", Ty::Color, Def::Color("WHITE")),
        ],
        doc: "`label = value` as one formula of three parts (label, =, number); live from a tracker (Manim's Variable)",
        run: |it, c| {
            let l = c.str("label");
            number(it, c, Some(l), c.num("num_decimal_places"))
        },
    },
    Entry {
        name: "matrix",
        kind: Kind::Function,
        params: params![
            p("rows", Ty::Any, Def::Req),
            n("v_buff", Ty::Num, Def::Num(0.8)),
            n("h_buff", Ty::Num, Def::Num(1.3)),
            n("font_size", Ty::Num, Def::Num(48.0)),
            n("color", Ty::Color, Def::Color("WHITE")),
        ],
        doc: "a bracketed grid of numbers or math strings; parts: `m[0]` the entries row by row, `m[1]`, `m[2]` the brackets (Manim's Matrix)",
        run: |it, c| {
            let rows = grid(it, c, "rows", true)?;
            Ok(it.new_obj(nb::matrix(rows, c.num("v_buff"), c.num("h_buff"), c.color("color"))))
        },
    },
    Entry {
        name: "table",
        kind: Kind::Function,
        params: params![
            p("rows", Ty::Any, Def::Req),
            n("col_labels", Ty::Any, Def::Opt),
            n("row_labels", Ty::Any, Def::Opt),
            n("include_outer_lines", Ty::Bool, Def::Bool(false)),
            n("v_buff", Ty::Num, Def::Num(0.8)),
            n("h_buff", Ty::Num, Def::Num(1.3)),
            n("font_size", Ty::Num, Def::Num(48.0)),
            n("color", Ty::Color, Def::Color("WHITE")),
        ],
        doc: "a grid of text cells with lines between; parts: `t[0]` the cells row by row (labels included), `t[1]` the lines (Manim's Table)",
        run: |it, c| {
            let mut rows = grid(it, c, "rows", false)?;
            let cell = |it: &mut Interp, v: &Value| cell(it, c, v, false, "col_labels");
            if let Some(Value::List(l)) = c.value("row_labels") {
                if l.len() != rows.len() {
                    return Err(c.err(it, "row_labels", format!("{} row labels for {} rows", l.len(), rows.len())));
                }
                for (row, v) in rows.iter_mut().zip(l.iter()) {
                    row.insert(0, cell(it, v)?);
                }
            }
            if let Some(Value::List(l)) = c.value("col_labels") {
                let mut top = Vec::new();
                if c.has("row_labels") {
                    top.push(Mobject::default());
                }
                for v in l.iter() {
                    top.push(cell(it, v)?);
                }
                rows.insert(0, top);
            }
            Ok(it.new_obj(nb::table(rows, c.num("v_buff"), c.num("h_buff"), c.bool("include_outer_lines"), c.color("color"))))
        },
    },
];

fn number(it: &mut Interp, c: &Call, label: Option<String>, places: f64) -> R<Value> {
    if !(0.0..=12.0).contains(&places) {
        return Err(c.err(
            it,
            "num_decimal_places",
            "`num_decimal_places` must be from 0 to 12",
        ));
    }
    let x = c.num("value");
    if !x.is_finite() {
        return Err(c.err(it, "value", format!("cannot show {x} as a number")));
    }
    let mut s = nb::decimal_tex(
        x,
        places as usize,
        c.bool("include_sign"),
        c.bool("group_with_commas"),
    );
    if let Some(u) = c.opt_str("unit") {
        s.push_str(&format!("\\,{u}"));
    }
    // Only decimal_number has the parameter (integer and variable do not).
    if c.entry.name == "decimal_number" && c.bool("show_ellipsis") {
        s.push_str(".\\,.\\,.");
    }
    let parts: Vec<String> = match label {
        Some(l) => vec![l, "=".into(), s],
        None => vec![s],
    };
    let strs: Vec<&str> = parts.iter().map(|s| s.as_str()).collect();
    let m = text::math(&strs, c.num("font_size"), c.color("color"))
        .map_err(|e| it.err(format!("in formula: {}", e.message), c.span.clone()))?;
    Ok(it.new_obj(m))
}

/// A cell: a number or a string, typeset as math (matrices) or as text in the math font.
fn cell(it: &mut Interp, c: &Call, v: &Value, math: bool, arg: &str) -> R<Mobject> {
    let s = match v {
        Value::Num(x) => format!("{x}"),
        Value::Tracker(_) => format!("{}", it.num(v, c.span_of(arg))?),
        Value::Str(s) if math => s.to_string(),
        Value::Str(s) => format!("\\text{{{s}}}"),
        Value::Obj(r) => return it.materialize(r, c.span_of(arg)),
        other => {
            return Err(c.err(
                it,
                arg,
                format!(
                    "cells are numbers, strings or objects, found {}",
                    other.type_name()
                ),
            ))
        }
    };
    text::math(&[&s], c.num("font_size"), c.color("color"))
        .map_err(|e| c.err(it, arg, format!("in formula: {}", e.message)))
}

fn grid(it: &mut Interp, c: &Call, arg: &str, math: bool) -> R<Vec<Vec<Mobject>>> {
    let bad = |it: &Interp| c.err(it, arg, "expected a list of rows, like [[1, 2], [3, 4]]");
    let Some(Value::List(rows)) = c.value(arg) else {
        return Err(bad(it));
    };
    if rows.is_empty() || rows.len() > 100 {
        return Err(c.err(it, arg, "a grid needs from 1 to 100 rows"));
    }
    let mut out = Vec::new();
    for r in rows.iter() {
        let Value::List(cells) = r else {
            return Err(bad(it));
        };
        if cells.len() > 100 {
            return Err(c.err(it, arg, "a row has at most 100 cells"));
        }
        let mut row = Vec::new();
        for v in cells.iter() {
            row.push(cell(it, c, v, math, arg)?);
        }
        out.push(row);
    }
    Ok(out)
}
