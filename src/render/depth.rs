//! Depth-correct drawing for 3D scenes: a finely subdivided painter's algorithm.
//!
//! Manim's Cairo renderer sorts whole 3D faces and then draws every flat object (lines,
//! arrows, curves, text) on top, so an arrow behind a hill stays visible. Here every leaf
//! becomes primitives with their own depth: filled shapes (faces, discs, glyphs, tips) by their
//! centroid, strokes cut into short pieces, each at the depth of its middle. Sorting far to
//! near then hides exactly the pieces of a path that pass behind a ridge, with tiny-skia's
//! anti-aliased edges. `z_index` still wins over depth, for overlays that must stay on top.

use tiny_skia::{Paint, Pixmap, Transform};

use super::{draw_leaf, sk_color, stroke_for, to_sk_path, View};
use crate::geom::{cubic_point, cubic_sub, Path, SubPath, Vec3};
use crate::scene::{Color, Mobject};

/// Manim's light source for 3D scenes.
const LIGHT: Vec3 = Vec3::new(-7.0, -9.0, 10.0);
/// Manim's `get_shaded_rgb`: colour + 0.5·(n·l)³, halved when negative. (ThreeDCamera also has a
/// `shading_factor` of 0.2, but Cairo's shading does not use it; the reference frames agree.)
const SHADING: f64 = 0.5;
/// Longest stroke piece, in scene units: short enough that a path on a surface is hidden
/// only where the surface really is in front of it.
const PIECE: f64 = 0.12;
/// Strokes lying on a surface sort in front of it by at least this much, or by half the
/// scene's typical face size if that is larger (see `stroke_bias`).
const MIN_STROKE_BIAS: f64 = 0.12;

/// How far in front of a face a stroke lying on it must sort: half the median face diagonal
/// (a chord between two surface points dips below a curved face by a fraction of its size, and
/// a face's centroid depth differs from its local depth by up to half its extent). Ridges span
/// many faces, so what is behind them stays hidden.
fn stroke_bias(leaves: &[&Mobject]) -> f64 {
    let mut sizes: Vec<f64> = leaves
        .iter()
        .filter(|l| l.style.shade)
        .filter_map(|l| {
            let sp = l.path.subpaths.first()?;
            let far = sp.segments.get(1)?.to;
            Some((far - sp.start).length())
        })
        .collect();
    if sizes.is_empty() {
        return MIN_STROKE_BIAS;
    }
    let mid = sizes.len() / 2;
    sizes.select_nth_unstable_by(mid, |a, b| a.total_cmp(b));
    (sizes[mid] / 2.0).max(MIN_STROKE_BIAS)
}

enum Prim<'a> {
    Leaf(&'a Mobject),
    Piece(Path, &'a Mobject),
}

fn centroid(path: &Path) -> Vec3 {
    let (mut s, mut n) = (Vec3::ZERO, 0.0);
    for sp in &path.subpaths {
        s += sp.start;
        n += 1.0;
        for c in &sp.segments {
            s += c.to;
            n += 1.0;
        }
    }
    if n > 0.0 {
        s / n
    } else {
        Vec3::ZERO
    }
}

/// Cuts every segment of a stroke into pieces of at most `PIECE` units.
fn pieces(path: &Path) -> Vec<Path> {
    let mut out = Vec::new();
    for sp in &path.subpaths {
        for (i, seg) in sp.segments.iter().enumerate() {
            let p0 = sp.seg_start(i);
            let approx =
                (seg.c1 - p0).length() + (seg.c2 - seg.c1).length() + (seg.to - seg.c2).length();
            let k = ((approx / PIECE).ceil() as usize).clamp(1, 64);
            for j in 0..k {
                let (a, b) = (j as f64 / k as f64, (j + 1) as f64 / k as f64);
                let (start, c) = cubic_sub(p0, seg, a, b);
                out.push(Path {
                    subpaths: vec![SubPath {
                        start,
                        segments: vec![c],
                        closed: false,
                    }],
                });
            }
        }
    }
    out
}

pub fn draw_sorted(leaves: &[&Mobject], view: &View, pm: &mut Pixmap) {
    let cam = &view.camera;
    let bias = stroke_bias(leaves);
    let mut prims: Vec<(i32, f64, Prim)> = Vec::with_capacity(leaves.len() * 2);
    for &leaf in leaves {
        if leaf.picture.is_some() || leaf.path.is_empty() {
            let c = leaf
                .picture
                .as_ref()
                .map(|p| (p.corners[1] + p.corners[2]) / 2.0)
                .unwrap_or(Vec3::ZERO);
            prims.push((leaf.z_index, cam.to_view(c).z, Prim::Leaf(leaf)));
            continue;
        }
        let filled = leaf.style.fill_opacity > 0.0;
        if filled || leaf.style.stroke_width <= 0.0 {
            prims.push((
                leaf.z_index,
                cam.to_view(centroid(&leaf.path)).z,
                Prim::Leaf(leaf),
            ));
        } else {
            for piece in pieces(&leaf.path) {
                let sp = &piece.subpaths[0];
                let mid = cubic_point(sp.start, &sp.segments[0], 0.5);
                prims.push((
                    leaf.z_index,
                    cam.to_view(mid).z + bias,
                    Prim::Piece(piece, leaf),
                ));
            }
        }
    }
    prims.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    for (_, _, p) in &prims {
        match p {
            Prim::Leaf(m) => draw_leaf(m, view, pm),
            Prim::Piece(path, m) => stroke_piece(path, m, view, pm),
        }
    }
}

fn stroke_piece(path: &Path, m: &Mobject, view: &View, pm: &mut Pixmap) {
    let st = &m.style;
    if st.stroke_opacity <= 0.0 {
        return;
    }
    let Some(p) = to_sk_path(path, view) else {
        return;
    };
    let stroke = stroke_for(st, view);
    let mut paint = Paint {
        anti_alias: true,
        ..Default::default()
    };
    paint.set_color(sk_color(st.stroke, st.stroke_opacity));
    pm.stroke_path(&p, &paint, &stroke, Transform::identity(), None);
}

/// Manim's 3D shading: brighten faces turned toward the light, darken (by half as much) those
/// turned away.
pub fn shaded(m: &Mobject, c: Color, _view: &View) -> Color {
    let Some(sp) = m.path.subpaths.first() else {
        return c;
    };
    let pts: Vec<Vec3> = std::iter::once(sp.start)
        .chain(sp.segments.iter().map(|s| s.to))
        .collect();
    if pts.len() < 3 {
        return c;
    }
    let center = centroid(&m.path);
    // Newell's method: robust for quads that are not quite planar.
    let mut n = Vec3::ZERO;
    for i in 0..pts.len() {
        let (a, b) = (pts[i], pts[(i + 1) % pts.len()]);
        n += Vec3::new(
            (a.y - b.y) * (a.z + b.z),
            (a.z - b.z) * (a.x + b.x),
            (a.x - b.x) * (a.y + b.y),
        );
    }
    let n = n.normalize();
    let to_light = (LIGHT - center).normalize();
    let mut f = SHADING * n.dot(to_light).powi(3);
    if f < 0.0 {
        f *= 0.5;
    }
    let f = f as f32;
    Color {
        r: (c.r + f).clamp(0.0, 1.0),
        g: (c.g + f).clamp(0.0, 1.0),
        b: (c.b + f).clamp(0.0, 1.0),
    }
}
