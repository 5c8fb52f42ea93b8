//! Boolean operations on shapes (Manim's Union, Intersection, Difference, Exclusion), by the
//! i_overlay crate on outlines flattened to polygons.

use i_overlay::core::fill_rule::FillRule;
use i_overlay::core::overlay_rule::OverlayRule;
use i_overlay::float::single::SingleFloatOverlay;

use super::{Color, Mobject, Style};
use crate::geom::{cubic_point, Path, Vec3};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum BoolOp {
    Union,
    Intersection,
    Difference,
    Exclusion,
}

/// Every outline of `m` as closed polygons (each cubic cut into 16 straight pieces).
fn contours(m: &Mobject) -> Vec<Vec<[f64; 2]>> {
    let mut out = Vec::new();
    for l in m.leaves() {
        for sp in &l.path.subpaths {
            let mut c = vec![[sp.start.x, sp.start.y]];
            let mut prev = sp.start;
            for seg in &sp.segments {
                for i in 1..=16 {
                    let p = cubic_point(prev, seg, i as f64 / 16.0);
                    c.push([p.x, p.y]);
                }
                prev = seg.to;
            }
            if c.len() >= 3 {
                out.push(c);
            }
        }
    }
    out
}

/// `a op b` as one filled shape (holes included), coloured `color`. Manim's boolean results
/// default to a filled look only when asked; the caller sets the style.
pub fn boolean(a: &Mobject, b: &Mobject, op: BoolOp, color: Color) -> Mobject {
    let rule = match op {
        BoolOp::Union => OverlayRule::Union,
        BoolOp::Intersection => OverlayRule::Intersect,
        BoolOp::Difference => OverlayRule::Difference,
        BoolOp::Exclusion => OverlayRule::Xor,
    };
    let (sa, sb) = (contours(a), contours(b));
    let shapes = sa.overlay(&sb, rule, FillRule::NonZero);
    let mut path = Path::new();
    for shape in shapes {
        for contour in shape {
            let pts: Vec<Vec3> = contour.iter().map(|p| Vec3::xy(p[0], p[1])).collect();
            if pts.len() < 3 {
                continue;
            }
            let mut p = Path::polyline(&pts);
            p.close();
            path.append(p);
        }
    }
    Mobject::leaf(path, Style::stroked(color, 4.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::shapes::rectangle;

    fn area(m: &Mobject) -> f64 {
        // Shoelace over every contour (holes run the other way and subtract).
        let mut total = 0.0;
        for sp in &m.path.subpaths {
            let mut pts = vec![sp.start];
            pts.extend(sp.segments.iter().map(|s| s.to));
            for w in pts.windows(2) {
                total += w[0].x * w[1].y - w[1].x * w[0].y;
            }
        }
        total.abs() / 2.0
    }

    #[test]
    fn squares_combine_with_the_right_areas() {
        let a = rectangle(2.0, 2.0, Color::WHITE);
        let mut b = rectangle(2.0, 2.0, Color::WHITE);
        b.shift(Vec3::xy(1.0, 0.0));
        let u = boolean(&a, &b, BoolOp::Union, Color::WHITE);
        let i = boolean(&a, &b, BoolOp::Intersection, Color::WHITE);
        let d = boolean(&a, &b, BoolOp::Difference, Color::WHITE);
        let x = boolean(&a, &b, BoolOp::Exclusion, Color::WHITE);
        assert!((area(&u) - 6.0).abs() < 1e-6, "{}", area(&u));
        assert!((area(&i) - 2.0).abs() < 1e-6);
        assert!((area(&d) - 2.0).abs() < 1e-6);
        assert!((area(&x) - 4.0).abs() < 1e-6, "{}", area(&x));
        let (lo, hi) = i.bounds().unwrap();
        assert!((lo.x - 0.0).abs() < 1e-6 && (hi.x - 1.0).abs() < 1e-6);
    }

    #[test]
    fn a_ring_keeps_its_hole() {
        let a = rectangle(4.0, 4.0, Color::WHITE);
        let b = rectangle(2.0, 2.0, Color::WHITE);
        let d = boolean(&a, &b, BoolOp::Difference, Color::WHITE);
        assert_eq!(d.path.subpaths.len(), 2);
        // The hole runs the other way, so the non-zero fill leaves it empty: 16 − 4.
        assert!((area(&d) - 12.0).abs() < 1e-6, "{}", area(&d));
    }
}
