//! Values and helpers: points, text of numbers, lists, ranges, trackers, groups, the scene
//! clock, colours and the scene's limits.

use std::sync::Arc;

use super::{n, p, rest, Call, Def, Entry, Kind, Ty};
use crate::geom::Vec3;
use crate::lang::interp::{Interp, R};
use crate::lang::value::Value;

macro_rules! params {
    ($($x:expr),* $(,)?) => { &[$($x),*] };
}

pub const ENTRIES: &[Entry] = &[
    Entry {
        name: "vec",
        kind: Kind::Function,
        params: params![p("x", Ty::Num, Def::Req), p("y", Ty::Num, Def::Req), p("z", Ty::Num, Def::Num(0.0))],
        doc: "the point (x, y, z)",
        run: |_, c| Ok(Value::Vec(Vec3::new(c.num("x"), c.num("y"), c.num("z")))),
    },
    Entry {
        name: "fmt",
        kind: Kind::Function,
        params: params![p("value", Ty::Num, Def::Req), p("decimals", Ty::Num, Def::Num(2.0))],
        doc: "a number as text with this many decimals (never \"-0.00\")",
        run: fmt,
    },
    Entry {
        name: "str",
        kind: Kind::Function,
        params: params![p("value", Ty::Any, Def::Req)],
        doc: "a value as text, as an f-string hole shows it (lists as `[1, 2, 3]`)",
        run: |it, c| {
            let v = c.value("value").unwrap_or(Value::None);
            Ok(Value::Str(it.display_value(&v, c.span_of("value"))?.into()))
        },
    },
    Entry {
        name: "len",
        kind: Kind::Function,
        params: params![p("list", Ty::Any, Def::Req)],
        doc: "the length of a list or string",
        run: |it, c| match c.value("list").unwrap_or(Value::None) {
            Value::List(l) => Ok(Value::Num(l.len() as f64)),
            Value::Str(s) => Ok(Value::Num(s.chars().count() as f64)),
            other => Err(it.err(format!("`len` needs a list, found {}", other.type_name()), c.span.clone())),
        },
    },
    Entry {
        name: "range",
        kind: Kind::Function,
        params: params![p("start", Ty::Num, Def::Req), p("end", Ty::Num, Def::Opt), p("step", Ty::Num, Def::Num(1.0))],
        doc: "the numbers start, start + step, … before end; `range(n)` is 0 to n − 1",
        run: range,
    },
    Entry {
        name: "concat",
        kind: Kind::Function,
        params: params![rest("lists", Ty::Any)],
        doc: "the lists joined into one",
        run: |it, c| {
            let mut v = Vec::new();
            for a in c.rest_items("lists") {
                match &a.value {
                    Value::List(l) => v.extend(l.iter().cloned()),
                    other => return Err(it.err(format!("`concat` joins lists, found {}", other.type_name()), a.span.clone())),
                }
            }
            Ok(Value::List(Arc::new(v)))
        },
    },
    Entry {
        name: "argmin",
        kind: Kind::Function,
        params: params![p("list", Ty::Any, Def::Req)],
        doc: "the index of the smallest number of a list (the first if several)",
        run: |it, c| arg_best(it, c, false),
    },
    Entry {
        name: "argmax",
        kind: Kind::Function,
        params: params![p("list", Ty::Any, Def::Req)],
        doc: "the index of the largest number of a list (the first if several)",
        run: |it, c| arg_best(it, c, true),
    },
    Entry {
        name: "interpolate_color",
        kind: Kind::Function,
        params: params![p("from", Ty::Color, Def::Req), p("to", Ty::Color, Def::Req), p("t", Ty::Num, Def::Req)],
        doc: "the colour a fraction t (0 to 1) of the way from one colour to another",
        run: |_, c| Ok(Value::Color(c.color("from").lerp(c.color("to"), c.num("t").clamp(0.0, 1.0) as f32))),
    },
    Entry {
        name: "tracker",
        kind: Kind::Function,
        params: params![p("value", Ty::Num, Def::Num(0.0))],
        doc: "a number that animations move; what reads it is rebuilt every frame (Manim's ValueTracker)",
        run: |it, c| {
            it.refuse_in_frame("trackers cannot be created inside a tracker-driven definition", c.span.clone())?;
            Ok(it.new_tracker(c.num("value")))
        },
    },
    Entry {
        name: "group",
        kind: Kind::Function,
        params: params![rest("objs", Ty::Objs)],
        doc: "objects (or lists of them) as one object; `g[i]` is member i (Manim's VGroup)",
        run: |it, c| Ok(it.new_group(c.objs("objs"))),
    },
    Entry {
        name: "time",
        kind: Kind::Function,
        params: params![],
        doc: "the scene clock in seconds: what reads it is rebuilt every frame",
        run: |it, _| Ok(Value::Tracker(it.clock_id())),
    },
    Entry {
        name: "background",
        kind: Kind::Function,
        params: params![p("color", Ty::Color, Def::Color("BLACK"))],
        doc: "the background colour of the whole scene",
        run: |it, c| {
            it.set_background(c.color("color"));
            Ok(Value::None)
        },
    },
    Entry {
        name: "limits",
        kind: Kind::Function,
        params: params![
            n("duration", Ty::Num, Def::Opt),
            n("objects", Ty::Num, Def::Opt),
            n("ticks", Ty::Num, Def::Opt),
            n("items", Ty::Num, Def::Opt),
            n("turns", Ty::Num, Def::Opt),
            n("steps", Ty::Num, Def::Opt),
        ],
        doc: "raises (or lowers) the safety limits for this scene (see Trust model and limits)",
        run: |it, c| {
            let mut l = it.limits();
            l.duration = c.opt_num("duration").unwrap_or(l.duration);
            l.objects = c.opt_num("objects").map(|x| x as usize).unwrap_or(l.objects);
            l.ticks = c.opt_num("ticks").unwrap_or(l.ticks);
            l.items = c.opt_num("items").unwrap_or(l.items);
            l.turns = c.opt_num("turns").unwrap_or(l.turns);
            l.steps = c.opt_num("steps").map(|x| x.max(0.0) as u64).unwrap_or(l.steps);
            it.set_limits(l);
            Ok(Value::None)
        },
    },
];

fn fmt(_: &mut Interp, c: &Call) -> R<Value> {
    let x = c.num("value");
    let d = c.num("decimals").clamp(0.0, 12.0) as usize;
    // Never print "-0.00".
    let s = format!("{x:.d$}");
    let s = if s
        .trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        s.trim_start_matches('-').to_string()
    } else {
        s
    };
    Ok(Value::Str(s.into()))
}

fn range(it: &mut Interp, c: &Call) -> R<Value> {
    let sp = c.span.clone();
    let (lo, hi, step) = match c.opt_num("end") {
        None => (0.0, c.num("start"), 1.0),
        Some(end) => (c.num("start"), end, c.num("step")),
    };
    let count = ((hi - lo) / step - 1e-12).ceil();
    if step == 0.0 {
        return Err(it.err(
            "bad range: start, end and step must be finite numbers, and the step non-zero",
            sp,
        ));
    }
    if count > it.limits().items {
        return Err(it
            .err(
                format!(
                    "bad range: {count} items, more than the limit of {}",
                    it.limits().items
                ),
                sp,
            )
            .with_note("help: raise it with `limits(items: …)` if you mean it"));
    }
    // lo + i·step (not a running sum, which a tiny step could never move).
    let n = count.max(0.0) as usize;
    Ok(Value::List(Arc::new(
        (0..n).map(|i| Value::Num(lo + i as f64 * step)).collect(),
    )))
}

fn arg_best(it: &mut Interp, c: &Call, max: bool) -> R<Value> {
    let name = c.entry.name;
    let sp = c.span.clone();
    let l = match c.value("list") {
        Some(Value::List(l)) => l,
        v => {
            let t = v.map(|v| v.type_name()).unwrap_or("nothing");
            return Err(it.err(
                format!("`{name}` needs a list of numbers, found {t}"),
                c.span_of("list"),
            ));
        }
    };
    if l.is_empty() {
        return Err(it.err(format!("`{name}` of an empty list"), sp));
    }
    let mut best = (0usize, f64::NAN);
    for (i, v) in l.iter().enumerate() {
        let x = it.num(v, sp.clone())?;
        let better = if max { x > best.1 } else { x < best.1 };
        if i == 0 || better {
            best = (i, x);
        }
    }
    Ok(Value::Num(best.0 as f64))
}
