//! Basic shapes with Manim's defaults.

use std::f64::consts::TAU;

use super::{Color, Mobject, Style};
use crate::geom::{Path, Vec3};

/// Cubic approximation of a circular arc, split into pieces of at most 45°.
pub fn arc_path(center: Vec3, radius: f64, start: f64, angle: f64) -> Path {
    let n = ((angle.abs() / (TAU / 8.0)).ceil() as usize).max(1);
    let step = angle / n as f64;
    let k = 4.0 / 3.0 * (step / 4.0).tan();
    let pt = |a: f64| center + Vec3::xy(a.cos(), a.sin()) * radius;
    let tan = |a: f64| Vec3::xy(-a.sin(), a.cos()) * radius;
    let mut p = Path::new();
    p.move_to(pt(start));
    for i in 0..n {
        let a0 = start + step * i as f64;
        let a1 = a0 + step;
        p.cubic_to(pt(a0) + tan(a0) * k, pt(a1) - tan(a1) * k, pt(a1));
    }
    p
}

pub fn circle(center: Vec3, radius: f64, color: Color) -> Mobject {
    let mut p = arc_path(center, radius, 0.0, TAU);
    p.subpaths[0].closed = true;
    Mobject::leaf(p, Style::stroked(color, 4.0))
}

/// A filled disc without an outline (Manim's Dot: `stroke_width=0`), so it is exactly its
/// radius. A Manim `Circle(fill_opacity=1)` keeps the circle's width-4 stroke and shows 0.02
/// units larger: that is `circle(fill_opacity: 1)`.
pub fn dot(center: Vec3, radius: f64, color: Color) -> Mobject {
    let mut m = circle(center, radius, color);
    m.style = Style::filled(color);
    m
}

pub fn arc(center: Vec3, radius: f64, start: f64, angle: f64, color: Color) -> Mobject {
    Mobject::leaf(
        arc_path(center, radius, start, angle),
        Style::stroked(color, 4.0),
    )
}

pub fn line(a: Vec3, b: Vec3, color: Color, width: f64) -> Mobject {
    Mobject::leaf(Path::polyline(&[a, b]), Style::stroked(color, width))
}

pub fn polygon(points: &[Vec3], color: Color) -> Mobject {
    let mut p = Path::polyline(points);
    p.close();
    Mobject::leaf(p, Style::stroked(color, 4.0))
}

/// Manim's Rectangle: corners from the upper right, counterclockwise (UR, UL, DL, DR), so that
/// `create` draws it and `transform` morphs it as Manim does (a flipped square turns into a
/// circle through a star, as in SquareToCircle).
pub fn rectangle(width: f64, height: f64, color: Color) -> Mobject {
    let (w, h) = (width / 2.0, height / 2.0);
    polygon(
        &[
            Vec3::xy(w, h),
            Vec3::xy(-w, h),
            Vec3::xy(-w, -h),
            Vec3::xy(w, -h),
        ],
        color,
    )
}

/// A filled triangular tip whose apex is `apex`, pointing along `dir`.
pub fn tip(apex: Vec3, dir: Vec3, length: f64, width: f64, color: Color) -> Mobject {
    let d = dir.normalize();
    // The tip lies in the plane of the screen's xy for most arrows; one pointing along z
    // spreads along y.
    let flat = Vec3::new(-d.y, d.x, 0.0);
    let n = if flat.length() < 1e-6 {
        Vec3::UP
    } else {
        flat.normalize()
    };
    tip_across(apex, d, n, length, width, color)
}

/// A filled triangular tip whose base runs along `across` (perpendicular to `dir`): for tips
/// that lie in a given plane, as a 3D axis' tip lies in the plane of its ticks.
pub fn tip_across(
    apex: Vec3,
    dir: Vec3,
    across: Vec3,
    length: f64,
    width: f64,
    color: Color,
) -> Mobject {
    let (d, n) = (dir.normalize(), across.normalize());
    let base = apex - d * length;
    let mut p = Path::polyline(&[apex, base + n * (width / 2.0), base - n * (width / 2.0)]);
    p.close();
    Mobject::leaf(p, Style::filled(color))
}

/// Arrow options. Defaults follow the video's helper (a line plus a 0.35 × 0.35 filled tip).
#[derive(Clone, Debug)]
pub struct ArrowSpec {
    pub buff: f64,
    pub tip_length: f64,
    pub tip_width: f64,
    pub stroke_width: f64,
    pub color: Color,
}

impl Default for ArrowSpec {
    fn default() -> Self {
        ArrowSpec {
            buff: 0.0,
            tip_length: 0.35,
            tip_width: 0.35,
            stroke_width: 4.0,
            color: Color::WHITE,
        }
    }
}

/// A straight arrow from `a` to `b`: `buff` trims both ends, the tip's apex sits at the trimmed
/// end and the shaft stops at the tip's base so it never pokes through.
pub fn arrow(a: Vec3, b: Vec3, spec: &ArrowSpec) -> Mobject {
    let d = (b - a).normalize();
    let (s, e) = (a + d * spec.buff, b - d * spec.buff);
    let len = (e - s).length();
    let shaft_end = if len > spec.tip_length {
        e - d * spec.tip_length
    } else {
        s
    };
    let shaft = line(s, shaft_end, spec.color, spec.stroke_width);
    let head = tip(
        e,
        d,
        spec.tip_length.min(len.max(1e-6)),
        spec.tip_width,
        spec.color,
    );
    Mobject::group(vec![shaft, head])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circle_bounds() {
        let c = circle(Vec3::ZERO, 2.0, Color::WHITE);
        let (lo, hi) = c.bounds().unwrap();
        assert!((hi.x - 2.0).abs() < 1e-9 && (lo.y + 2.0).abs() < 1e-9);
        assert!((c.path.length() - TAU * 2.0).abs() < 1e-3);
    }

    #[test]
    fn arrow_apex_at_trimmed_end() {
        let spec = ArrowSpec {
            buff: 0.5,
            ..Default::default()
        };
        let a = arrow(Vec3::ZERO, Vec3::xy(4.0, 0.0), &spec);
        let (_, hi) = a.bounds().unwrap();
        assert!((hi.x - 3.5).abs() < 1e-9);
    }
}
