//! Paths too large for the rasterizer, cut down to the frame first. tiny-skia panics on
//! coordinates far outside its fixed-point range (a circle of radius 5e7, a camera 1e-7 wide, a
//! polygon spanning 1e12 units), so any path reaching beyond `LIMIT` pixels is flattened and
//! clipped to the frame plus a margin: fills with Sutherland–Hodgman (which keeps the winding
//! of every point inside the rectangle, so the visible fill is unchanged), open strokes piece
//! by piece (Liang–Barsky). Paths inside the limit — every ordinary one — are left untouched,
//! so normal output is bit-identical.

use tiny_skia::PathBuilder;

use super::View;
use crate::geom::{cubic_point, Path};

/// Beyond this many pixels from the frame, coordinates are clipped.
const LIMIT: f32 = 8192.0;
/// Largest stroke width drawn, in pixels (a wider one covers the frame anyway).
pub(crate) fn max_stroke_px(view: &View) -> f32 {
    (2.0 * (view.w + view.h)) as f32
}

/// Projected polylines of a path, with their `closed` flags.
fn flatten(path: &Path, view: &View) -> Vec<(Vec<(f32, f32)>, bool)> {
    path.subpaths
        .iter()
        .filter(|sp| !sp.segments.is_empty())
        .map(|sp| {
            let mut pts = vec![view.to_px(sp.start)];
            for (i, seg) in sp.segments.iter().enumerate() {
                let p0 = sp.seg_start(i);
                let n = 16;
                for j in 1..=n {
                    pts.push(view.to_px(cubic_point(p0, seg, j as f64 / n as f64)));
                }
            }
            (pts, sp.closed)
        })
        .collect()
}

/// Whether a projected path reaches beyond the safe range (its bounds are already computed,
/// so ordinary paths pay nothing).
pub(crate) fn oversize_px(path: &tiny_skia::Path, view: &View) -> bool {
    let b = path.bounds();
    let (w, h) = (view.w as f32, view.h as f32);
    !(b.left() > -LIMIT && b.right() < w + LIMIT && b.top() > -LIMIT && b.bottom() < h + LIMIT)
}

/// Sutherland–Hodgman against the rectangle [x0, x1] × [y0, y1].
fn clip_polygon(pts: &[(f32, f32)], r: [f32; 4]) -> Vec<(f32, f32)> {
    let mut poly: Vec<(f32, f32)> = pts.to_vec();
    // Each side: inside test and intersection with the side's line.
    for side in 0..4 {
        if poly.is_empty() {
            break;
        }
        let inside = |p: (f32, f32)| match side {
            0 => p.0 >= r[0],
            1 => p.0 <= r[2],
            2 => p.1 >= r[1],
            _ => p.1 <= r[3],
        };
        let cut = |a: (f32, f32), b: (f32, f32)| {
            let t = match side {
                0 => (r[0] - a.0) / (b.0 - a.0),
                1 => (r[2] - a.0) / (b.0 - a.0),
                2 => (r[1] - a.1) / (b.1 - a.1),
                _ => (r[3] - a.1) / (b.1 - a.1),
            };
            let p = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            // Exactly on the side (the t computation can stray by rounding).
            match side {
                0 => (r[0], p.1.clamp(r[1], r[3])),
                1 => (r[2], p.1.clamp(r[1], r[3])),
                2 => (p.0.clamp(r[0], r[2]), r[1]),
                _ => (p.0.clamp(r[0], r[2]), r[3]),
            }
        };
        let mut next = Vec::with_capacity(poly.len() + 4);
        for i in 0..poly.len() {
            let (a, b) = (poly[i], poly[(i + 1) % poly.len()]);
            match (inside(a), inside(b)) {
                (true, true) => next.push(b),
                (true, false) => next.push(cut(a, b)),
                (false, true) => {
                    next.push(cut(a, b));
                    next.push(b);
                }
                (false, false) => {}
            }
        }
        poly = next;
    }
    poly
}

/// Liang–Barsky: the part of segment a→b inside the rectangle.
fn clip_segment(a: (f32, f32), b: (f32, f32), r: [f32; 4]) -> Option<((f32, f32), (f32, f32))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0f32, 1f32);
    for (p, q) in [
        (-dx, a.0 - r[0]),
        (dx, r[2] - a.0),
        (-dy, a.1 - r[1]),
        (dy, r[3] - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 <= t1).then_some((
        (a.0 + dx * t0, a.1 + dy * t0),
        (a.0 + dx * t1, a.1 + dy * t1),
    ))
}

/// The path clipped to the frame grown by `margin` pixels: as a fill region if `fill`, else as
/// a stroke (open subpaths cut into their visible pieces).
pub(crate) fn clipped(
    path: &Path,
    view: &View,
    margin: f32,
    fill: bool,
) -> Option<tiny_skia::Path> {
    let m = margin.clamp(1.0, LIMIT);
    let r = [-m, -m, view.w as f32 + m, view.h as f32 + m];
    let mut pb = PathBuilder::new();
    for (pts, closed) in flatten(path, view) {
        if pts.iter().any(|p| !(p.0.is_finite() && p.1.is_finite())) {
            continue;
        }
        if fill || closed {
            let poly = clip_polygon(&pts, r);
            if poly.len() >= 2 {
                pb.move_to(poly[0].0, poly[0].1);
                for p in &poly[1..] {
                    pb.line_to(p.0, p.1);
                }
                pb.close();
            }
        } else {
            let mut pen: Option<(f32, f32)> = None;
            for w in pts.windows(2) {
                if let Some((a, b)) = clip_segment(w[0], w[1], r) {
                    if pen != Some(a) {
                        pb.move_to(a.0, a.1);
                    }
                    pb.line_to(b.0, b.1);
                    pen = Some(b);
                } else {
                    pen = None;
                }
            }
        }
    }
    pb.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polygon_clipping_keeps_the_inside() {
        let big = [(-1e9, -1e9), (1e9, -1e9), (0.0, 1e9)];
        let p = clip_polygon(&big, [0.0, 0.0, 10.0, 10.0]);
        // The triangle covers the whole square: the clip is the square (area 100).
        let area: f32 = (0..p.len())
            .map(|i| {
                let (a, b) = (p[i], p[(i + 1) % p.len()]);
                a.0 * b.1 - b.0 * a.1
            })
            .sum::<f32>()
            / 2.0;
        assert!((area.abs() - 100.0).abs() < 1e-3, "{p:?}");
        assert!(p
            .iter()
            .all(|q| q.0 >= 0.0 && q.0 <= 10.0 && q.1 >= 0.0 && q.1 <= 10.0));
        let seg = clip_segment((-5.0, 5.0), (15.0, 5.0), [0.0, 0.0, 10.0, 10.0]).unwrap();
        assert_eq!(seg, ((0.0, 5.0), (10.0, 5.0)));
        assert!(clip_segment((-5.0, 20.0), (15.0, 20.0), [0.0, 0.0, 10.0, 10.0]).is_none());
    }
}
