//! Manim's ApplyMatrix, generate_target/MoveToTarget and TransformMatchingShapes/Tex.

use std::collections::HashMap;
use std::sync::Arc;

use super::{effect, n, p, rest, Call, Def, Entry, Kind, Ty};
use crate::geom::Vec3;
use crate::lang::interp::{Interp, R};
use crate::lang::value::{AnimSpec, AnimSpecKind, ObjRef, Value};
use crate::scene::Mobject;
use crate::timeline::linear::{ApplyMatrix, Handover};
use crate::timeline::Rate;

macro_rules! params {
    ($($x:expr),* $(,)?) => { &[$($x),*] };
}

pub const ENTRIES: &[Entry] = &[
    Entry {
        name: "apply_matrix",
        kind: Kind::Animation,
        params: params![
            p("matrix", Ty::Any, Def::Req),
            rest("objs", Ty::Objs),
            n("about_point", Ty::Point, Def::Point(0.0, 0.0)),
        ],
        doc: "every point slides to its image under a 2 × 2 or 3 × 3 matrix (rows) about `about_point`; 3 s, smooth (Manim's ApplyMatrix)",
        run: apply_matrix,
    },
    Entry {
        name: "generate_target",
        kind: Kind::Method,
        params: params![],
        doc: "a copy, not on screen, to change and then `move_to_target(obj, target)` (Manim's `generate_target`)",
        run: |it, c| {
            let m = it.materialize(&c.this(), c.span.clone())?;
            Ok(it.new_obj(m))
        },
    },
    Entry {
        name: "move_to_target",
        kind: Kind::Animation,
        params: params![p("obj", Ty::Obj, Def::Req), p("target", Ty::Obj, Def::Req)],
        doc: "morphs `obj` into the state of its `target` (made by `obj.generate_target()`), which stays off screen; 1 s, smooth (Manim's MoveToTarget)",
        run: |it, c| {
            let target = Arc::new(it.materialize(&c.obj("target"), c.span_of("target"))?);
            Ok(c.anim(
                AnimSpecKind::Transform { obj: c.obj("obj"), target, replace: None, path_arc: 0.0, spiral: false },
                Rate::Smooth,
            ))
        },
    },
    Entry {
        name: "transform_matching_shapes",
        kind: Kind::Animation,
        params: params![
            p("source", Ty::Obj, Def::Req),
            p("target", Ty::Obj, Def::Req),
            n("transform_mismatches", Ty::Bool, Def::Bool(false)),
            n("path_arc", Ty::Num, Def::Num(0.0)),
        ],
        doc: "pieces of the same shape (whatever their place and size) move onto each other; the others fade out and in; `target` then stays; 1 s (Manim's TransformMatchingShapes)",
        run: |it, c| matching(it, c, false),
    },
    Entry {
        name: "transform_matching_tex",
        kind: Kind::Animation,
        params: params![
            p("source", Ty::Obj, Def::Req),
            p("target", Ty::Obj, Def::Req),
            n("transform_mismatches", Ty::Bool, Def::Bool(false)),
            n("path_arc", Ty::Num, Def::Num(0.0)),
        ],
        doc: "parts (the strings of `tex(\"a\", \"b\")`) with the same text move onto each other; the others fade out and in; `target` then stays; 1 s (Manim's TransformMatchingTex)",
        run: |it, c| matching(it, c, true),
    },
];

fn apply_matrix(it: &mut Interp, c: &Call) -> R<Value> {
    let sp = c.span_of("matrix");
    let bad = |it: &Interp| {
        it.err(
            "`matrix` is a 2 × 2 or 3 × 3 list of rows, like [[1, 1], [0, 1]]",
            sp.clone(),
        )
    };
    let Some(Value::List(rows)) = c.value("matrix") else {
        return Err(bad(it));
    };
    let k = rows.len();
    if k != 2 && k != 3 {
        return Err(bad(it));
    }
    let mut m = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
    for (i, r) in rows.iter().enumerate() {
        let Value::List(r) = r else {
            return Err(bad(it));
        };
        if r.len() != k {
            return Err(bad(it));
        }
        for (j, x) in r.iter().enumerate() {
            m[i][j] = it.num(x, sp.clone())?;
            if !m[i][j].is_finite() {
                return Err(bad(it));
            }
        }
    }
    let mut objs = Vec::new();
    for r in c.objs("objs") {
        objs.extend(it.members(&r));
    }
    if objs.is_empty() {
        return Err(it.err(
            "`apply_matrix` needs an object after the matrix",
            c.span.clone(),
        ));
    }
    Ok(effect(
        c,
        objs,
        ApplyMatrix {
            rows: m,
            about: c.point("about_point"),
        },
        3.0,
        Rate::Smooth,
    ))
}

/// A piece to match: where it is, and its key.
struct Piece {
    r: ObjRef,
    m: Mobject,
    key: Vec<i64>,
}

/// Manim's `get_mobject_key` for shapes: the points, centred and scaled to height 1 (width 1
/// when flat), rounded to 3 decimals.
fn shape_key(m: &Mobject) -> Vec<i64> {
    let (lo, hi) = m.bounds().unwrap_or((Vec3::ZERO, Vec3::ZERO));
    let c = (lo + hi) / 2.0;
    let size = if hi.y - lo.y > 1e-9 {
        hi.y - lo.y
    } else {
        (hi.x - lo.x).max(1e-9)
    };
    let mut key = Vec::new();
    for l in m.leaves() {
        key.push(i64::MIN); // leaf separator
        l.path.for_each_point(|p| {
            let q = (p - c) / size;
            key.push((q.x * 1000.0).round() as i64);
            key.push((q.y * 1000.0).round() as i64);
        });
    }
    key
}

/// The pieces of `r`: its leaves (shapes) or its parts (tex), as references into it.
fn pieces(it: &mut Interp, r: &ObjRef, sp: crate::lang::ast::Span, parts: bool) -> R<Vec<Piece>> {
    let mut out = Vec::new();
    for member in it.members(r) {
        let whole = it.materialize(&member, sp.clone())?;
        let mut paths: Vec<Vec<usize>> = Vec::new();
        if parts && !whole.children.is_empty() {
            paths.extend((0..whole.children.len()).map(|k| vec![k]));
        } else {
            collect_leaves(&whole, &mut vec![], &mut paths);
        }
        for rel in paths {
            let mut node = &whole;
            for &k in &rel {
                node = &node.children[k];
            }
            if node.bounds().is_none() {
                continue;
            }
            let mut path = member.path.as_ref().clone();
            path.extend(rel);
            out.push(Piece {
                r: ObjRef {
                    id: member.id,
                    path: Arc::new(path),
                },
                key: shape_key(node),
                m: node.clone(),
            });
        }
    }
    Ok(out)
}

fn collect_leaves(m: &Mobject, at: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    if m.has_points() || m.children.is_empty() {
        if m.has_points() {
            out.push(at.clone());
        }
        return;
    }
    for (k, ch) in m.children.iter().enumerate() {
        at.push(k);
        collect_leaves(ch, at, out);
        at.pop();
    }
}

fn matching(it: &mut Interp, c: &Call, parts: bool) -> R<Value> {
    let (src, dst) = (c.obj("source"), c.obj("target"));
    let src_p = pieces(it, &src, c.span_of("source"), parts)?;
    let dst_p = pieces(it, &dst, c.span_of("target"), parts)?;
    // Pair pieces with equal keys, in order of appearance.
    let mut free: HashMap<&[i64], Vec<usize>> = HashMap::new();
    for (j, d) in dst_p.iter().enumerate().rev() {
        free.entry(d.key.as_slice()).or_default().push(j);
    }
    let mut pairs = Vec::new();
    let mut lone_src = Vec::new();
    for (i, s) in src_p.iter().enumerate() {
        match free.get_mut(s.key.as_slice()).and_then(|v| v.pop()) {
            Some(j) => pairs.push((i, j)),
            None => lone_src.push(i),
        }
    }
    let mut used = vec![false; dst_p.len()];
    for &(_, j) in &pairs {
        used[j] = true;
    }
    let mut lone_dst: Vec<usize> = (0..dst_p.len()).filter(|&j| !used[j]).collect();
    if c.bool("transform_mismatches") {
        let k = lone_src.len().min(lone_dst.len());
        pairs.extend(lone_src.drain(..k).zip(lone_dst.drain(..k)));
    }
    let arc = c.num("path_arc");
    let spec = |kind| AnimSpec::new(kind, c.span.clone());
    let mut specs = Vec::new();
    for (i, j) in pairs {
        specs.push(spec(AnimSpecKind::Transform {
            obj: src_p[i].r.clone(),
            target: Arc::new(dst_p[j].m.clone()),
            replace: None,
            path_arc: arc,
            spiral: false,
        }));
    }
    if !lone_src.is_empty() {
        let objs = lone_src.iter().map(|&i| src_p[i].r.clone()).collect();
        specs.push(spec(AnimSpecKind::FadeOut(objs, Vec3::ZERO, 1.0)));
    }
    if !lone_dst.is_empty() {
        let objs = lone_dst.iter().map(|&j| dst_p[j].r.clone()).collect();
        specs.push(spec(AnimSpecKind::FadeIn(objs, Vec3::ZERO, 1.0)));
    }
    if specs.is_empty() {
        return Err(it.err(
            format!("`{}` found nothing to move or fade", c.entry.name),
            c.span.clone(),
        ));
    }
    // At the end the source leaves and the whole target takes its place (covering the
    // target's pieces shown while fading in).
    specs.push(spec(AnimSpecKind::Effect {
        objs: it.members(&src),
        effect: Arc::new(Handover),
        hide: true,
        replace: Some(dst),
        end_rate: None,
        natural: 1.0,
    }));
    Ok(c.anim(AnimSpecKind::Group(specs, 0.0), Rate::Smooth))
}
