//! Layout methods of every object: arranging members in a row or grid, sizing, stretching,
//! flipping, coordinates, saving a state for `restore`.

use std::sync::Arc;

use super::{n, p, Call, Def, Entry, Kind, Ty};
use crate::geom::Vec3;
use crate::lang::interp::{Interp, R};
use crate::lang::value::{ObjRef, Value};

macro_rules! params {
    ($($x:expr),* $(,)?) => { &[$($x),*] };
}

pub const ENTRIES: &[Entry] = &[
    Entry {
        name: "arrange",
        kind: Kind::Method,
        params: params![
            p("direction", Ty::Point, Def::Point(1.0, 0.0)),
            n("buff", Ty::Num, Def::Num(0.25)),
            n("center", Ty::Bool, Def::Bool(true)),
            n("aligned_edge", Ty::Point, Def::Point(0.0, 0.0)),
        ],
        doc: "puts the members side by side along `direction`, `buff` apart, then centres the whole at the origin (Manim's arrange)",
        run: arrange,
    },
    Entry {
        name: "arrange_in_grid",
        kind: Kind::Method,
        params: params![
            n("rows", Ty::Num, Def::Opt),
            n("cols", Ty::Num, Def::Opt),
            n("buff", Ty::Num, Def::Num(0.25)),
        ],
        doc: "members in a grid filled row by row, each column as wide as its widest member, kept where the whole was (Manim's arrange_in_grid)",
        run: arrange_in_grid,
    },
    Entry {
        name: "set_width",
        kind: Kind::Method,
        params: params![p("width", Ty::Num, Def::Req), n("stretch", Ty::Bool, Def::Bool(false))],
        doc: "scales (or with `stretch: true` stretches) to this width about the centre",
        run: |it, c| fit(it, c, 0, "width", c.bool("stretch")),
    },
    Entry {
        name: "set_height",
        kind: Kind::Method,
        params: params![p("height", Ty::Num, Def::Req), n("stretch", Ty::Bool, Def::Bool(false))],
        doc: "scales (or stretches) to this height about the centre",
        run: |it, c| fit(it, c, 1, "height", c.bool("stretch")),
    },
    Entry {
        name: "scale_to_fit_width",
        kind: Kind::Method,
        params: params![p("width", Ty::Num, Def::Req)],
        doc: "scales to this width, keeping proportions",
        run: |it, c| fit(it, c, 0, "width", false),
    },
    Entry {
        name: "scale_to_fit_height",
        kind: Kind::Method,
        params: params![p("height", Ty::Num, Def::Req)],
        doc: "scales to this height, keeping proportions",
        run: |it, c| fit(it, c, 1, "height", false),
    },
    Entry {
        name: "stretch_to_fit_width",
        kind: Kind::Method,
        params: params![p("width", Ty::Num, Def::Req)],
        doc: "stretches horizontally to this width",
        run: |it, c| fit(it, c, 0, "width", true),
    },
    Entry {
        name: "stretch_to_fit_height",
        kind: Kind::Method,
        params: params![p("height", Ty::Num, Def::Req)],
        doc: "stretches vertically to this height",
        run: |it, c| fit(it, c, 1, "height", true),
    },
    Entry {
        name: "stretch",
        kind: Kind::Method,
        params: params![
            p("factor", Ty::Num, Def::Req),
            p("dim", Ty::Num, Def::Req),
            n("about_point", Ty::Point, Def::Opt),
        ],
        doc: "stretches by `factor` along dimension `dim` (0 = x, 1 = y, 2 = z) about the centre",
        run: |it, c| {
            let d = c.num("dim");
            if ![0.0, 1.0, 2.0].contains(&d) {
                return Err(c.err(it, "dim", "`dim` is 0 (x), 1 (y) or 2 (z)"));
            }
            let mut k = [1.0; 3];
            k[d as usize] = c.num("factor");
            scale3(it, c, k)
        },
    },
    Entry {
        name: "scale_xy",
        kind: Kind::Method,
        params: params![
            p("x", Ty::Num, Def::Req),
            p("y", Ty::Num, Def::Req),
            n("about_point", Ty::Point, Def::Opt),
        ],
        doc: "non-uniform scale: by `x` horizontally and `y` vertically (Manim's `scale([x, y, 1])`)",
        run: |it, c| scale3(it, c, [c.num("x"), c.num("y"), 1.0]),
    },
    Entry {
        name: "flip",
        kind: Kind::Method,
        params: params![p("axis", Ty::Point, Def::Point(0.0, 1.0)), n("about_point", Ty::Point, Def::Opt)],
        doc: "turns half a turn about `axis` through the centre (UP mirrors left and right) (Manim's flip)",
        run: |it, c| {
            let r = c.this();
            let about = match c.opt_point("about_point") {
                Some(p) => p,
                None => it.materialize(&r, c.span.clone())?.center(),
            };
            let axis = c.point("axis");
            it.modify(&r, c.span.clone(), &mut |m| m.rotate(std::f64::consts::PI, axis, Some(about)))?;
            Ok(Value::Obj(r))
        },
    },
    Entry {
        name: "get_x",
        kind: Kind::Method,
        params: &[],
        doc: "the x of the centre",
        run: |it, c| Ok(Value::Num(it.materialize(&c.this(), c.span.clone())?.center().x)),
    },
    Entry {
        name: "get_y",
        kind: Kind::Method,
        params: &[],
        doc: "the y of the centre",
        run: |it, c| Ok(Value::Num(it.materialize(&c.this(), c.span.clone())?.center().y)),
    },
    Entry {
        name: "get_z",
        kind: Kind::Method,
        params: &[],
        doc: "the z of the centre",
        run: |it, c| Ok(Value::Num(it.materialize(&c.this(), c.span.clone())?.center().z)),
    },
    Entry {
        name: "set_z",
        kind: Kind::Method,
        params: params![p("value", Ty::Num, Def::Req)],
        doc: "moves the centre to this z",
        run: |it, c| {
            let r = c.this();
            let z = it.materialize(&r, c.span.clone())?.center().z;
            let d = Vec3::new(0.0, 0.0, c.num("value") - z);
            it.modify(&r, c.span.clone(), &mut |m| m.shift(d))?;
            Ok(Value::Obj(r))
        },
    },
    Entry {
        name: "apply_function",
        kind: Kind::Method,
        params: params![p("function", Ty::Any, Def::Req)],
        doc: "moves every point p of the outline to `function(p)` (a `fn` taking and returning a point); straight pieces stay straight unless `prepare_for_nonlinear_transform()` split them first (Manim's apply_function)",
        run: apply_function,
    },
    Entry {
        name: "prepare_for_nonlinear_transform",
        kind: Kind::Method,
        params: params![p("num_inserted_curves", Ty::Num, Def::Num(50.0))],
        doc: "splits every curve piece into `num_inserted_curves` + 1, so a warp bends straight lines (Manim's prepare_for_nonlinear_transform)",
        run: |it, c| {
            let k = c.num("num_inserted_curves");
            if !(0.0..=1000.0).contains(&k) {
                return Err(c.err(it, "num_inserted_curves", "`num_inserted_curves` must be from 0 to 1000"));
            }
            let n = k as usize + 1;
            let r = c.this();
            it.modify(&r, c.span.clone(), &mut |m| {
                m.for_each_leaf_mut(&mut |l| l.path = subdivide(&l.path, n));
            })?;
            Ok(Value::Obj(r))
        },
    },
    Entry {
        name: "save_state",
        kind: Kind::Method,
        params: &[],
        doc: "keeps a copy of how the object is now, for `restore(obj)`",
        run: |it, c| {
            let r = c.this();
            it.modify(&r, c.span.clone(), &mut |m| {
                let mut copy = m.clone();
                copy.saved = None;
                m.saved = Some(Arc::new(copy));
            })?;
            Ok(Value::Obj(r))
        },
    },
];

/// The units a layout method moves: a group's members, or an object's parts.
pub(crate) fn parts(it: &mut Interp, r: &ObjRef, sp: crate::lang::ast::Span) -> R<Vec<ObjRef>> {
    if let Some(ms) = it.group_members(r) {
        return Ok(ms);
    }
    let m = it.materialize(r, sp)?;
    Ok((0..m.children.len())
        .map(|k| {
            let mut p = r.path.as_ref().clone();
            p.push(k);
            ObjRef {
                id: r.id,
                path: Arc::new(p),
            }
        })
        .collect())
}

fn shift(it: &mut Interp, r: &ObjRef, c: &Call, d: Vec3) -> R<()> {
    it.modify(r, c.span.clone(), &mut |m| m.shift(d))
}

fn arrange(it: &mut Interp, c: &Call) -> R<Value> {
    let r = c.this();
    let ps = parts(it, &r, c.span.clone())?;
    let dir = c.point("direction");
    let (buff, edge) = (c.num("buff"), c.point("aligned_edge"));
    let mut prev: Option<(Vec3, Vec3)> = None;
    for q in &ps {
        let m = it.materialize(q, c.span.clone())?;
        if let Some(b) = prev {
            let mut moved = m.clone();
            moved.next_to_box(b, dir, buff, edge);
            shift(it, q, c, moved.center() - m.center())?;
        }
        let m = it.materialize(q, c.span.clone())?;
        let ctr = m.center();
        prev = Some(m.bounds().unwrap_or((ctr, ctr)));
    }
    if c.bool("center") {
        let ctr = it.materialize(&r, c.span.clone())?.center();
        it.modify(&r, c.span.clone(), &mut |m| m.shift(-ctr))?;
    }
    Ok(Value::Obj(r))
}

fn arrange_in_grid(it: &mut Interp, c: &Call) -> R<Value> {
    let r = c.this();
    let ps = parts(it, &r, c.span.clone())?;
    let count = ps.len();
    if count == 0 {
        return Ok(Value::Obj(r));
    }
    let whole_before = it.materialize(&r, c.span.clone())?.center();
    let want = |name: &str| -> R<Option<usize>> {
        match c.opt_num(name) {
            None => Ok(None),
            Some(x) if x >= 1.0 && x.fract() == 0.0 && x <= 10_000.0 => Ok(Some(x as usize)),
            Some(_) => Err(c.err(
                it,
                name,
                format!("`{name}` must be a whole number of at least 1"),
            )),
        }
    };
    let (rows, cols) = match (want("rows")?, want("cols")?) {
        (Some(r), Some(k)) => (r, k),
        (Some(r), None) => (r, count.div_ceil(r)),
        (None, Some(k)) => (count.div_ceil(k), k),
        (None, None) => {
            // Manim: as square as possible, rows = ⌊√n⌋.
            let r = ((count as f64).sqrt().floor() as usize).max(1);
            (r, count.div_ceil(r))
        }
    };
    if rows * cols < count {
        return Err(it.err(
            format!(
                "a {rows} × {cols} grid has room for {} of the {count} members",
                rows * cols
            ),
            c.span.clone(),
        ));
    }
    let buff = c.num("buff");
    let mut boxes = Vec::with_capacity(count);
    for q in &ps {
        let m = it.materialize(q, c.span.clone())?;
        boxes.push((m.width(), m.height(), m.center()));
    }
    let mut col_w = vec![0.0f64; cols];
    let mut row_h = vec![0.0f64; rows];
    for (k, (w, h, _)) in boxes.iter().enumerate() {
        col_w[k % cols] = col_w[k % cols].max(*w);
        row_h[k / cols] = row_h[k / cols].max(*h);
    }
    let total_w: f64 = col_w.iter().sum::<f64>() + buff * (cols - 1) as f64;
    let total_h: f64 = row_h.iter().sum::<f64>() + buff * (rows - 1) as f64;
    for (k, q) in ps.iter().enumerate() {
        let (i, j) = (k / cols, k % cols);
        let x = -total_w / 2.0 + col_w[..j].iter().sum::<f64>() + buff * j as f64 + col_w[j] / 2.0;
        let y = total_h / 2.0 - row_h[..i].iter().sum::<f64>() - buff * i as f64 - row_h[i] / 2.0;
        shift(it, q, c, Vec3::xy(x, y) - boxes[k].2)?;
    }
    let after = it.materialize(&r, c.span.clone())?.center();
    it.modify(&r, c.span.clone(), &mut |m| m.shift(whole_before - after))?;
    Ok(Value::Obj(r))
}

fn fit(it: &mut Interp, c: &Call, dim: usize, name: &str, stretch: bool) -> R<Value> {
    let r = c.this();
    let target = c.num(name);
    let m = it.materialize(&r, c.span.clone())?;
    let cur = if dim == 0 { m.width() } else { m.height() };
    if cur <= 1e-12 {
        return Err(it.err(
            format!("this object has no {name} to scale"),
            c.span.clone(),
        ));
    }
    if target < 0.0 || !target.is_finite() {
        return Err(c.err(
            it,
            name,
            format!("the {name} must be a number of 0 or more"),
        ));
    }
    let k = target / cur;
    let ctr = m.center();
    let ks = if !stretch {
        [k, k, k]
    } else if dim == 0 {
        [k, 1.0, 1.0]
    } else {
        [1.0, k, 1.0]
    };
    it.modify(&r, c.span.clone(), &mut |m| {
        m.apply_map(&|p| ctr + (p - ctr).mul_elem(Vec3::new(ks[0], ks[1], ks[2])))
    })?;
    Ok(Value::Obj(r))
}

fn scale3(it: &mut Interp, c: &Call, k: [f64; 3]) -> R<Value> {
    let r = c.this();
    let about = match c.opt_point("about_point") {
        Some(p) => p,
        None => it.materialize(&r, c.span.clone())?.center(),
    };
    let kv = Vec3::new(k[0], k[1], k[2]);
    it.modify(&r, c.span.clone(), &mut |m| {
        m.apply_map(&|p| about + (p - about).mul_elem(kv))
    })?;
    Ok(Value::Obj(r))
}

/// Every cubic of `p` cut into `n` equal-parameter pieces.
fn subdivide(p: &crate::geom::Path, n: usize) -> crate::geom::Path {
    let mut out = crate::geom::Path::new();
    for sp in &p.subpaths {
        out.move_to(sp.start);
        let mut prev = sp.start;
        for seg in &sp.segments {
            for i in 0..n {
                let (a, b) = (i as f64 / n as f64, (i + 1) as f64 / n as f64);
                let (_, piece) = crate::geom::cubic_sub(prev, seg, a, b);
                out.cubic_to(piece.c1, piece.c2, piece.to);
            }
            prev = seg.to;
        }
        if sp.closed {
            if let Some(last) = out.subpaths.last_mut() {
                last.closed = true;
            }
        }
    }
    out
}

/// The object with `function` applied to every point (start, control and end points), each
/// call run by the interpreter.
/// Manim's `pre_function_handle_to_anchor_scale_factor`.
const HANDLE_FACTOR: f64 = 0.01;

pub(crate) fn warped(
    it: &mut Interp,
    c: &Call,
    f: &Value,
    m: &crate::scene::Mobject,
) -> R<crate::scene::Mobject> {
    let sp = c.span_of("function");
    let mut count = 0usize;
    for l in m.leaves() {
        l.path.for_each_point(|_| count += 1);
    }
    if count > 200_000 {
        return Err(c.err(
            it,
            "function",
            format!("too many points to warp ({count}, at most 200000)"),
        ));
    }
    // As Manim's VMobject.apply_function: handles are pulled to 1/100 of their distance from
    // their anchors before the function is applied and pushed back after, so a curve's image
    // leaves each anchor along the function's derivative (a warped straight edge bulges as the
    // true image does, not as the image of its handles).
    let mut pts = Vec::with_capacity(count);
    for l in m.leaves() {
        for sub in &l.path.subpaths {
            pts.push(sub.start);
            let mut a = sub.start;
            for seg in &sub.segments {
                pts.push(a + (seg.c1 - a) * HANDLE_FACTOR);
                pts.push(seg.to + (seg.c2 - seg.to) * HANDLE_FACTOR);
                pts.push(seg.to);
                a = seg.to;
            }
        }
    }
    let mut mapped = Vec::with_capacity(count);
    for q in pts {
        let arg = crate::lang::value::ArgVal {
            name: None,
            name_span: None,
            value: Value::Vec(q),
            span: sp.clone(),
            str_map: None,
        };
        let v = it.call(f.clone(), vec![arg], sp.clone(), sp.clone())?;
        let p = crate::lang::args::to_point(it, &v, sp.clone())?;
        if !p.is_finite() {
            return Err(c.err(
                it,
                "function",
                format!(
                    "the function sends ({}, {}) to a point that is not finite",
                    q.x, q.y
                ),
            ));
        }
        mapped.push(p);
    }
    let mut out = m.clone();
    let mut k = 0;
    out.for_each_leaf_mut(&mut |l| {
        let mut path = l.path.clone();
        for sub in &mut path.subpaths {
            sub.start = mapped[k];
            let mut a = mapped[k];
            k += 1;
            for seg in &mut sub.segments {
                let to = mapped[k + 2];
                seg.c1 = a + (mapped[k] - a) * (1.0 / HANDLE_FACTOR);
                seg.c2 = to + (mapped[k + 1] - to) * (1.0 / HANDLE_FACTOR);
                seg.to = to;
                a = to;
                k += 3;
            }
        }
        l.path = path;
    });
    Ok(out)
}

fn apply_function(it: &mut Interp, c: &Call) -> R<Value> {
    let f = c.value("function").unwrap_or(Value::None);
    if !matches!(f, Value::Fn(_)) {
        return Err(c.err(
            it,
            "function",
            format!(
                "`apply_function` needs a function of a point (`fn f(p) = …`), found {}",
                f.type_name()
            ),
        ));
    }
    let r = c.this();
    for q in it.members(&r) {
        let m = it.materialize(&q, c.span.clone())?;
        let w = warped(it, c, &f, &m)?;
        it.modify(&q, c.span.clone(), &mut |x| *x = w.clone())?;
    }
    Ok(Value::Obj(r))
}
