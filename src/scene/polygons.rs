//! More of Manim's geometry, with Manim's defaults: regular polygons and stars, ellipses,
//! annuli and sectors, angle marks, rounded rectangles, dashed copies of any outline, curved
//! and double arrows, crosses.

use std::f64::consts::{PI, TAU};

use super::shapes::{arc_path, arrow, line, tip, ArrowSpec};
use super::{Color, Mobject, Style};
use crate::geom::{Path, Vec3};

/// Manim's `regular_vertices`: `n` points on a circle, the first at `start` (Manim's default
/// start is 90° for odd `n`, 0 for even, so a triangle points up and a hexagon sits flat).
pub fn regular_vertices(n: usize, radius: f64, start: Option<f64>) -> Vec<Vec3> {
    let start = start.unwrap_or(if n.is_multiple_of(2) { 0.0 } else { PI / 2.0 });
    (0..n)
        .map(|k| {
            let a = start + TAU * k as f64 / n as f64;
            Vec3::xy(a.cos(), a.sin()) * radius
        })
        .collect()
}

/// A closed polygon through `pts` (Manim's Polygon; BLUE by default).
pub fn closed(pts: &[Vec3], color: Color) -> Mobject {
    let mut p = Path::polyline(pts);
    p.close();
    Mobject::leaf(p, Style::stroked(color, 4.0))
}

/// Manim's Star: `n` points, inner radius that of the perfect star `{n/2}` unless given.
pub fn star(n: usize, outer: f64, inner: Option<f64>, start: f64, color: Color) -> Mobject {
    let half = TAU / (2 * n) as f64;
    let inner = inner.unwrap_or_else(|| {
        let density = 2.0;
        let outer_angle = TAU * density / n as f64;
        let inv = 1.0 - half.tan() * ((outer_angle.cos() - 1.0) / outer_angle.sin());
        outer / (half.cos() * inv)
    });
    let o = regular_vertices(n, outer, Some(start));
    let i = regular_vertices(n, inner, Some(start + half));
    let pts: Vec<Vec3> = o.iter().zip(i.iter()).flat_map(|(a, b)| [*a, *b]).collect();
    closed(&pts, color)
}

/// An ellipse `width` × `height` about the origin (Manim: a circle stretched; RED).
pub fn ellipse(width: f64, height: f64, color: Color) -> Mobject {
    let mut p = arc_path(Vec3::ZERO, 1.0, 0.0, TAU);
    p.subpaths[0].closed = true;
    let p = p.map(&|q| Vec3::xy(q.x * width / 2.0, q.y * height / 2.0));
    Mobject::leaf(p, Style::stroked(color, 4.0))
}

/// A ring, or a sector of one (`angle` < TAU): outer arc, then the inner arc backwards, so
/// the even-odd/nonzero fill leaves the hole empty. Filled, no stroke, as Manim's Annulus.
pub fn annular_sector(inner: f64, outer: f64, start: f64, angle: f64, color: Color) -> Mobject {
    let mut p = arc_path(Vec3::ZERO, outer, start, angle);
    let full = (angle.abs() - TAU).abs() < 1e-9;
    if full {
        p.subpaths[0].closed = true;
        if inner > 0.0 {
            let mut hole = arc_path(Vec3::ZERO, inner, start, angle).reversed();
            hole.subpaths[0].closed = true;
            p.append(hole);
        }
    } else if inner > 0.0 {
        let back = arc_path(Vec3::ZERO, inner, start + angle, -angle);
        p.line_to(back.subpaths[0].start);
        for s in &back.subpaths[0].segments {
            p.cubic_to(s.c1, s.c2, s.to);
        }
        p.close();
    } else {
        p.line_to(Vec3::ZERO);
        p.close();
    }
    let mut m = Mobject::leaf(p, Style::filled(color));
    m.style.stroke_width = 0.0;
    m
}

/// Manim's Angle between two lines (their start and end points): an arc of `radius` about
/// their intersection (or an elbow), from line 1 towards line 2 in `quadrant`. `None` when the
/// lines are parallel and share no end (Manim then makes an empty object).
#[allow(clippy::too_many_arguments)]
pub fn angle_mark(
    l1: (Vec3, Vec3),
    l2: (Vec3, Vec3),
    radius: Option<f64>,
    quadrant: (f64, f64),
    other_angle: bool,
    elbow: bool,
    color: Color,
    width: f64,
) -> Option<Mobject> {
    let inter = intersect(l1, l2)?;
    let u1 = (l1.1 - l1.0).normalize();
    let u2 = (l2.1 - l2.0).normalize();
    let radius = radius.unwrap_or_else(|| {
        let d1 = if quadrant.0 > 0.0 { l1.1 } else { l1.0 } - inter;
        let d2 = if quadrant.1 > 0.0 { l2.1 } else { l2.0 } - inter;
        let m = d1.length().min(d2.length());
        if m < 0.6 {
            2.0 / 3.0 * m
        } else {
            0.4
        }
    });
    let a1 = inter + u1 * (quadrant.0 * radius);
    let a2 = inter + u2 * (quadrant.1 * radius);
    let path = if elbow {
        let mid = inter + u1 * (quadrant.0 * radius) + u2 * (quadrant.1 * radius);
        Path::polyline(&[a1, mid, a2])
    } else {
        let ang = |v: Vec3| v.y.atan2(v.x);
        let (s, e) = (ang(a1 - inter), ang(a2 - inter));
        let sweep = if !other_angle {
            if e > s {
                e - s
            } else {
                TAU - (s - e)
            }
        } else if e < s {
            e - s
        } else {
            -TAU + (e - s)
        };
        arc_path(inter, radius, s, sweep)
    };
    Some(Mobject::leaf(path, Style::stroked(color, width)))
}

fn intersect(l1: (Vec3, Vec3), l2: (Vec3, Vec3)) -> Option<Vec3> {
    let (p, r) = (l1.0, l1.1 - l1.0);
    let (q, s) = (l2.0, l2.1 - l2.0);
    let den = r.x * s.y - r.y * s.x;
    if den.abs() < 1e-12 {
        // Parallel. Lines that share an end (a line turned half a turn about its start) meet
        // there, as Manim's homogeneous-coordinate intersection finds; others do not meet.
        return [l1.0, l1.1]
            .into_iter()
            .find(|a| [l2.0, l2.1].iter().any(|b| (*a - *b).length() < 1e-9));
    }
    let t = ((q.x - p.x) * s.y - (q.y - p.y) * s.x) / den;
    Some(p + r * t)
}

/// A rectangle with quarter-circle corners (Manim's RoundedRectangle; corner radius 0.5).
pub fn rounded_rectangle(width: f64, height: f64, r: f64, color: Color) -> Mobject {
    let r = r.clamp(0.0, width.min(height) / 2.0);
    let (w, h) = (width / 2.0 - r, height / 2.0 - r);
    let mut p = Path::new();
    let corners = [
        (Vec3::xy(w, h), 0.0),
        (Vec3::xy(-w, h), PI / 2.0),
        (Vec3::xy(-w, -h), PI),
        (Vec3::xy(w, -h), 3.0 * PI / 2.0),
    ];
    for (k, (c, a)) in corners.iter().enumerate() {
        let arc = arc_path(*c, r, *a, PI / 2.0);
        if k == 0 {
            p.move_to(arc.subpaths[0].start);
        } else {
            p.line_to(arc.subpaths[0].start);
        }
        for s in &arc.subpaths[0].segments {
            p.cubic_to(s.c1, s.c2, s.to);
        }
    }
    p.close();
    Mobject::leaf(p, Style::stroked(color, 4.0))
}

/// Manim's DashedVMobject: every outline of `m` cut into `n` dashes, each `ratio` of its
/// period long. The result is a group of dashes with the leaves' styles.
pub fn dashed(m: &Mobject, n: usize, ratio: f64) -> Mobject {
    let n = n.max(1);
    let mut dashes = Vec::new();
    for leaf in m.leaves() {
        let closed = leaf.path.subpaths.iter().any(|s| s.closed);
        // An open outline ends on a dash; a closed one has n equal periods.
        let period = if closed {
            1.0 / n as f64
        } else {
            1.0 / (n as f64 - 1.0 + ratio).max(ratio)
        };
        for k in 0..n {
            let a = k as f64 * period;
            let b = (a + period * ratio).min(1.0);
            if a >= 1.0 {
                break;
            }
            let mut d = Mobject::leaf(leaf.path.partial(a, b), leaf.style.clone());
            d.style.fill_opacity = 0.0;
            dashes.push(d);
        }
    }
    Mobject::group(dashes)
}

/// Manim's ArcBetweenPoints: the arc of `angle` radians from `a` to `b`.
pub fn arc_between(a: Vec3, b: Vec3, angle: f64) -> Path {
    if angle.abs() < 1e-9 {
        return Path::polyline(&[a, b]);
    }
    let chord = b - a;
    let r = chord.length() / 2.0 / (angle / 2.0).sin().abs();
    // The centre lies on the chord's perpendicular bisector, to the left for positive angles.
    let mid = (a + b) * 0.5;
    let normal = Vec3::OUT.cross(chord).normalize();
    let h = r * (angle / 2.0).cos();
    let c = mid + normal * (h * angle.signum());
    let start = (a - c).y.atan2((a - c).x);
    arc_path(c, r, start, angle)
}

/// An arc from `a` to `b` with a filled tip at the end (and at the start for `double`).
pub fn curved_arrow(a: Vec3, b: Vec3, angle: f64, double: bool, color: Color) -> Mobject {
    let path = arc_between(a, b, angle);
    let len = path.length().max(1e-9);
    let tl = 0.35f64.min(len * 0.25);
    let trim = tl / len;
    let (s, e) = (if double { trim } else { 0.0 }, 1.0 - trim);
    let mut parts = vec![Mobject::leaf(
        path.partial(s, e),
        Style::stroked(color, 4.0),
    )];
    let end_dir = b - path.point_at_proportion(1.0 - trim).unwrap_or(a);
    parts.push(tip(b, end_dir, tl, tl, color));
    if double {
        let start_dir = a - path.point_at_proportion(trim).unwrap_or(b);
        parts.push(tip(a, start_dir, tl, tl, color));
    }
    Mobject::group(parts)
}

/// Manim's Arrow sizing: the tip is at most a quarter of the length.
pub fn manim_arrow(a: Vec3, b: Vec3, buff: f64, color: Color, width: f64, double: bool) -> Mobject {
    let len = ((b - a).length() - 2.0 * buff).max(0.0);
    let tl = 0.35f64.min(0.25 * len);
    let spec = ArrowSpec {
        buff,
        tip_length: tl,
        tip_width: tl,
        stroke_width: width,
        color,
    };
    let mut m = arrow(a, b, &spec);
    if double && len > 0.0 {
        let d = (b - a).normalize();
        let s = a + d * buff;
        // Shorten the shaft at the start too and put a second tip there.
        let shaft_end = m.children[0].path.subpaths[0].end();
        m.children[0] = line(s + d * tl, shaft_end, color, width);
        m.children.push(tip(s, -d, tl, tl, color));
    }
    m
}

/// Manim's Cross: two red strokes corner to corner over the box `(lo, hi)`.
pub fn cross(lo: Vec3, hi: Vec3, color: Color, width: f64) -> Mobject {
    Mobject::group(vec![
        line(Vec3::xy(lo.x, hi.y), Vec3::xy(hi.x, lo.y), color, width),
        line(Vec3::xy(hi.x, hi.y), Vec3::xy(lo.x, lo.y), color, width),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triangle_points_up_hexagon_flat() {
        let t = regular_vertices(3, 1.0, None);
        assert!((t[0].y - 1.0).abs() < 1e-12);
        let h = regular_vertices(6, 1.0, None);
        assert!((h[0].x - 1.0).abs() < 1e-12 && h[0].y.abs() < 1e-12);
    }

    #[test]
    fn perfect_star_inner_radius() {
        // A five-pointed {5/2} star's inner radius is outer · cos(72°)/cos(36°) ≈ 0.382.
        let s = star(5, 1.0, None, PI / 2.0, Color::WHITE);
        let inner = s.path.subpaths[0].seg_start(1).length();
        assert!((inner - 0.381966).abs() < 1e-4, "{inner}");
    }

    #[test]
    fn right_angle_quarter_arc() {
        let a = angle_mark(
            (Vec3::ZERO, Vec3::xy(2.0, 0.0)),
            (Vec3::ZERO, Vec3::xy(0.0, 2.0)),
            None,
            (1.0, 1.0),
            false,
            false,
            Color::WHITE,
            4.0,
        )
        .unwrap();
        let len = a.path.length();
        assert!((len - 0.4 * PI / 2.0).abs() < 1e-3, "{len}");
    }

    /// A line turned half a turn about its start still meets the first line there (MovingAngle
    /// at 180°): a half circle, as Manim draws; parallel lines apart make nothing.
    #[test]
    fn straight_angle_is_a_half_circle() {
        let h = (Vec3::xy(-1.0, 0.0), Vec3::xy(1.0, 0.0));
        let back = (Vec3::xy(-1.0, 0.0), Vec3::xy(-3.0, 2.4e-16));
        let a = angle_mark(
            h,
            back,
            Some(0.5),
            (1.0, 1.0),
            false,
            false,
            Color::WHITE,
            4.0,
        );
        let len = a.expect("an arc").path.length();
        assert!((len - 0.5 * PI).abs() < 1e-3, "{len}");
        let apart = (Vec3::xy(-1.0, 1.0), Vec3::xy(1.0, 1.0));
        let none = angle_mark(h, apart, None, (1.0, 1.0), false, false, Color::WHITE, 4.0);
        assert!(none.is_none());
    }

    #[test]
    fn arc_between_ends_at_both_points() {
        let p = arc_between(Vec3::xy(-2.0, 0.0), Vec3::xy(2.0, 0.0), PI / 2.0);
        let e = p.subpaths[0].end();
        assert!((e - Vec3::xy(2.0, 0.0)).length() < 1e-9, "{e:?}");
        assert!(p.subpaths[0].start.x < -1.999);
    }

    #[test]
    fn dashes_cover_half() {
        let l = line(Vec3::ZERO, Vec3::xy(1.0, 0.0), Color::WHITE, 4.0);
        let d = dashed(&l, 10, 0.5);
        let total: f64 = d.children.iter().map(|c| c.path.length()).sum();
        assert_eq!(d.children.len(), 10);
        assert!((total - 10.0 * 0.5 / 9.5).abs() < 1e-6, "{total}");
    }
}
