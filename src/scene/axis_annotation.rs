//! Reading axes and graphs back (ranges, ticks, a graph's y at an x) and the annotation Manim
//! builds from them: number labels, lines to a point, areas, Riemann rectangles, number lines
//! and planes.

use super::shapes::line;
use super::{Color, CoordFrame, Mobject, Style};
use crate::geom::cubic_point;
use crate::geom::{Path, Vec3};

/// What an axis of a valley `axes` object spans: (min, max) in data units and the data values
/// of its ticks. `k` is 0 for x, 1 for y.
pub fn axis_info(m: &Mobject, frame: &CoordFrame, k: usize) -> Option<((f64, f64), Vec<f64>)> {
    let axis = m.children.get(k)?;
    let leaves = axis.leaves();
    let shaft = leaves.first()?;
    let data = |p: Vec3| {
        let (x, y) = frame.to_data(p);
        if k == 0 {
            x
        } else {
            y
        }
    };
    let s = shaft.path.subpaths.first()?;
    let (mut lo, mut hi) = (data(s.start), data(s.end()));
    if lo > hi {
        std::mem::swap(&mut lo, &mut hi);
    }
    let mut ticks = Vec::new();
    for l in &leaves[1..] {
        // Ticks are two-point stroked lines; the tip is filled.
        if l.style.fill_opacity > 0.0 || l.path.subpaths.len() != 1 || l.path.num_segments() != 1 {
            if l.style.fill_opacity > 0.0 {
                // The tip: the axis reaches its apex.
                if let Some((blo, bhi)) = l.path.bounds() {
                    let far = if k == 0 {
                        Vec3::xy(bhi.x, blo.y)
                    } else {
                        Vec3::xy(blo.x, bhi.y)
                    };
                    hi = hi.max(data(far));
                }
            }
            continue;
        }
        ticks.push(data(l.center()));
    }
    Some(((lo, hi), ticks))
}

/// A graph read back as data points (x, y), sorted by x (each cubic sampled finely).
pub fn graph_points(g: &Mobject, frame: &CoordFrame) -> Vec<(f64, f64)> {
    let mut pts = Vec::new();
    for l in g.leaves() {
        for sp in &l.path.subpaths {
            let mut prev = sp.start;
            pts.push(frame.to_data(prev));
            for c in &sp.segments {
                for i in 1..=8 {
                    pts.push(frame.to_data(cubic_point(prev, c, i as f64 / 8.0)));
                }
                prev = c.to;
            }
        }
    }
    pts.sort_by(|a, b| a.0.total_cmp(&b.0));
    pts
}

/// The graph's y at `x` (linear between samples), if `x` is within it.
pub fn graph_y(pts: &[(f64, f64)], x: f64) -> Option<f64> {
    let (first, last) = (pts.first()?, pts.last()?);
    if x < first.0 - 1e-9 || x > last.0 + 1e-9 {
        return None;
    }
    let i = pts.partition_point(|p| p.0 < x);
    if i == 0 {
        return Some(first.1);
    }
    if i >= pts.len() {
        return Some(last.1);
    }
    let (a, b) = (pts[i - 1], pts[i]);
    if (b.0 - a.0).abs() < 1e-15 {
        return Some(b.1);
    }
    Some(a.1 + (b.1 - a.1) * (x - a.0) / (b.0 - a.0))
}

/// Manim's get_area: the region under `pts` (or between it and `bound`) from `a` to `b`.
pub fn area(
    frame: &CoordFrame,
    top: &[(f64, f64)],
    bound: Option<&[(f64, f64)]>,
    a: f64,
    b: f64,
    color: Color,
    opacity: f32,
) -> Mobject {
    const N: usize = 100;
    let xs: Vec<f64> = (0..=N).map(|i| a + (b - a) * i as f64 / N as f64).collect();
    let mut poly: Vec<Vec3> = xs
        .iter()
        .filter_map(|&x| graph_y(top, x).map(|y| frame.to_scene(x, y, 0.0)))
        .collect();
    for &x in xs.iter().rev() {
        let y = match bound {
            Some(bp) => graph_y(bp, x),
            None => Some(0.0),
        };
        if let Some(y) = y {
            poly.push(frame.to_scene(x, y, 0.0));
        }
    }
    let mut p = Path::polyline(&poly);
    p.close();
    let mut st = Style::filled(color);
    st.fill_opacity = opacity;
    st.stroke_width = 0.0;
    Mobject::leaf(p, st)
}

/// A number label for an axis: `text` beside the point on side `dir`, `buff` away.
pub fn place_label(mut label: Mobject, at: Vec3, dir: Vec3, buff: f64) -> Mobject {
    label.next_to_box((at, at), dir, buff, Vec3::ZERO);
    label
}

/// Manim's NumberPlane background: lines at every `step` through the plane (BLUE_D, width 2),
/// and `faded_ratio − 1` fainter lines between them (half width, half opacity). Drawn under
/// everything else (z-index −1).
pub fn plane_lines(
    frame: &CoordFrame,
    x: (f64, f64, f64),
    y: (f64, f64, f64),
    color: Color,
    faded_ratio: usize,
) -> Vec<Mobject> {
    let mut out = Vec::new();
    let faded = faded_ratio.max(1);
    let mut add = |a: Vec3, b: Vec3, major: bool| {
        let mut l = line(a, b, color, if major { 2.0 } else { 1.0 });
        if !major {
            l.style.stroke_opacity = 0.5;
        }
        l.z_index = -1;
        out.push(l);
    };
    // Manim's order (what `create` with a lag draws first): lines along x (horizontal) before
    // lines along y, each set from the origin up, then from the origin down; the lines through
    // the origin are drawn too (under the axes).
    for (lo, hi, step, vertical) in [(y.0, y.1, y.2, false), (x.0, x.1, x.2, true)] {
        let sub = step / faded as f64;
        // Through the origin (clamped into the range), both ways, stopping short of the range's
        // ends as Manim's `np.arange(step, max, step)` does (no line along the frame's edge).
        let o = 0f64.clamp(lo, hi);
        let n_lo = ((o - lo) / sub - 1e-9).ceil() as i64 - 1;
        let n_hi = ((hi - o) / sub - 1e-9).ceil() as i64 - 1;
        for k in (0..=n_hi).chain((1..=n_lo).map(|k| -k)) {
            let v = o + k as f64 * sub;
            let major = k % faded as i64 == 0;
            if vertical {
                add(
                    frame.to_scene(v, y.0, 0.0),
                    frame.to_scene(v, y.1, 0.0),
                    major,
                );
            } else {
                add(
                    frame.to_scene(x.0, v, 0.0),
                    frame.to_scene(x.1, v, 0.0),
                    major,
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::axes::{axes, AxesSpec};

    #[test]
    fn axes_read_back_their_range_and_ticks() {
        let a = axes(&AxesSpec {
            x_range: (0.0, 5.0, 1.0),
            y_range: (0.0, 6.0, 2.0),
            ..Default::default()
        });
        let f = a.coords.clone().unwrap();
        let ((lo, hi), ticks) = axis_info(&a, &f, 0).unwrap();
        assert!(lo.abs() < 1e-9 && (hi - 5.0).abs() < 1e-9, "{lo} {hi}");
        assert_eq!(ticks.len(), 4, "{ticks:?}"); // 1..4; the tick at 5 is under the tip
        let ((_, yhi), yt) = axis_info(&a, &f, 1).unwrap();
        assert!((yhi - 6.0).abs() < 1e-9 && (yt[0] - 2.0).abs() < 1e-9);
    }

    #[test]
    fn graph_y_interpolates() {
        let pts = vec![(0.0, 0.0), (1.0, 2.0), (2.0, 0.0)];
        assert_eq!(graph_y(&pts, 0.5), Some(1.0));
        assert_eq!(graph_y(&pts, 3.0), None);
    }
}
