//! Annotation shapes with Manim's geometry: braces (Manim's own brace outline), surrounding
//! and background rectangles, underlines.

use super::shapes::line;
use super::{Color, Mobject, Style};
use crate::geom::{Path, Vec3};

/// Manim's brace outline (svg/brace.py), `{0}` and `{1}` being the straight stretches.
const BRACE: &str = "m0.01216 0c-0.01152 0-0.01216 6.103e-4 -0.01216 0.01311v0.007762c0.06776 \
0.122 0.1799 0.1455 0.2307 0.1455h{0}c0.03046 3.899e-4 0.07964 0.00449 \
0.1246 0.02636 0.0537 0.02695 0.07418 0.05816 0.08648 0.07769 0.001562 \
0.002538 0.004539 0.002563 0.01098 0.002563 0.006444-2e-8 0.009421-2.47e-\
5 0.01098-0.002563 0.0123-0.01953 0.03278-0.05074 0.08648-0.07769 0.04491\
-0.02187 0.09409-0.02597 0.1246-0.02636h{0}c0.05077 0 0.1629-0.02346 \
0.2307-0.1455v-0.007762c-1.78e-6 -0.0125-6.365e-4 -0.01311-0.01216-0.0131\
1-0.006444-3.919e-8 -0.009348 2.448e-5 -0.01091 0.002563-0.0123 0.01953-\
0.03278 0.05074-0.08648 0.07769-0.04491 0.02187-0.09416 0.02597-0.1246 \
0.02636h{1}c-0.04786 0-0.1502 0.02094-0.2185 0.1256-0.06833-0.1046-0.1706\
-0.1256-0.2185-0.1256h{1}c-0.03046-3.899e-4 -0.07972-0.004491-0.1246-0.02\
636-0.0537-0.02695-0.07418-0.05816-0.08648-0.07769-0.001562-0.002538-\
0.004467-0.002563-0.01091-0.002563z";

/// Numbers of an SVG path's argument list ("-0.1-2e-5.3" is three numbers).
fn numbers(s: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b' ' || b[i] == b',' {
            i += 1;
            continue;
        }
        let start = i;
        if b[i] == b'-' || b[i] == b'+' {
            i += 1;
        }
        let mut dot = false;
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_digit() {
                i += 1;
            } else if c == b'.' && !dot {
                dot = true;
                i += 1;
            } else if c == b'e' || c == b'E' {
                // An exponent has no fraction: "2e-5.3" is 2e-5 then .3.
                dot = true;
                i += 1;
                if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
                    i += 1;
                }
            } else {
                break;
            }
        }
        out.push(s[start..i].parse().unwrap_or(0.0));
    }
    out
}

/// The brace outline with straight stretches `lin` long, y up (tip pointing down).
fn brace_outline(lin: f64) -> Path {
    let text = BRACE
        .replace("{0}", &format!("{lin}"))
        .replace("{1}", &format!("{}", -lin));
    let mut p = Path::new();
    let mut cur = Vec3::ZERO;
    // SVG's y points down; Manim draws the brace as it looks in the SVG (tip down).
    let pt = |x: f64, y: f64| Vec3::xy(x, -y);
    let mut chars = text.char_indices().peekable();
    while let Some((i, cmd)) = chars.next() {
        if !cmd.is_ascii_alphabetic() || cmd == 'e' {
            continue;
        }
        let mut end = text.len();
        while let Some(&(j, c)) = chars.peek() {
            if c.is_ascii_alphabetic() && c != 'e' {
                end = j;
                break;
            }
            chars.next();
        }
        let args = numbers(&text[i + 1..end]);
        match cmd {
            'm' => {
                cur = pt(args[0], args[1]);
                p.move_to(cur);
            }
            'h' => {
                for dx in args {
                    cur += Vec3::xy(dx, 0.0);
                    p.line_to(cur);
                }
            }
            'v' => {
                for dy in args {
                    cur += pt(0.0, dy);
                    p.line_to(cur);
                }
            }
            'c' => {
                for k in args.chunks(6) {
                    if k.len() < 6 {
                        break;
                    }
                    let (c1, c2, to) = (
                        cur + pt(k[0], k[1]),
                        cur + pt(k[2], k[3]),
                        cur + pt(k[4], k[5]),
                    );
                    p.cubic_to(c1, c2, to);
                    cur = to;
                }
            }
            'z' => p.close(),
            _ => {}
        }
    }
    p
}

/// Manim's Brace along the side `dir` of the box (lo, hi) of an object, `buff` away. Returns
/// the brace and its tip.
pub fn brace(
    points: &[Vec3],
    dir: Vec3,
    buff: f64,
    sharpness: f64,
    color: Color,
) -> (Mobject, Vec3) {
    // Work in a frame where the brace points down, as Manim does (rotate, build, rotate back).
    let angle = -dir.x.atan2(dir.y) + std::f64::consts::PI;
    let rot = |p: Vec3, a: f64| p.rotate(a, Vec3::OUT);
    let pts: Vec<Vec3> = points.iter().map(|&p| rot(p, -angle)).collect();
    let (mut lo, mut hi) = (
        Vec3::new(f64::MAX, f64::MAX, 0.0),
        Vec3::new(f64::MIN, f64::MIN, 0.0),
    );
    for p in &pts {
        lo = lo.min(*p);
        hi = hi.max(*p);
    }
    let target = (hi.x - lo.x).max(1e-6);
    const MIN_WIDTH: f64 = 0.90552;
    let lin = ((target * sharpness - MIN_WIDTH) / 2.0).max(0.0);
    let path = brace_outline(lin);
    let (blo, bhi) = path.bounds().unwrap_or((Vec3::ZERO, Vec3::ZERO));
    let k = target / (bhi.x - blo.x).max(1e-12);
    // Stretch to the width, then put its top-left corner at the object's bottom-left, buff below.
    let path = path.map(&|p| Vec3::xy(lo.x + (p.x - blo.x) * k, lo.y - buff - (bhi.y - p.y)));
    let tip = Vec3::xy((lo.x + hi.x) / 2.0, lo.y - buff - (bhi.y - blo.y));
    let path = path.map(&|p| rot(p, angle));
    let mut m = Mobject::leaf(path, Style::filled(color));
    m.style.stroke_width = 0.0;
    (m, rot(tip, angle))
}

/// Where a brace's tip is and which way it points (for `get_tex`/`get_text` on any brace):
/// the outline point farthest from the line through its two ends.
pub fn brace_tip(m: &Mobject) -> Option<(Vec3, Vec3)> {
    let mut pts = Vec::new();
    for l in m.leaves() {
        l.path.for_each_point(|p| pts.push(p));
    }
    if pts.len() < 3 {
        return None;
    }
    // The ends: the two points farthest apart (the brace is long and thin).
    let c = m.center();
    let a = *pts
        .iter()
        .max_by(|p, q| (**p - c).length().total_cmp(&(**q - c).length()))?;
    let b = *pts
        .iter()
        .max_by(|p, q| (**p - a).length().total_cmp(&(**q - a).length()))?;
    let axis = (b - a).normalize();
    let dist = |p: Vec3| {
        let d = p - a;
        (d - axis * d.dot(axis)).length()
    };
    let tip = *pts.iter().max_by(|p, q| dist(**p).total_cmp(&dist(**q)))?;
    let d = tip - c;
    if d.length() < 1e-12 {
        return None;
    }
    Some((tip, d.normalize()))
}

/// Manim's `np.round(direction)`: each component to −1, 0 or 1.
pub fn round_dir(d: Vec3) -> Vec3 {
    Vec3::new(d.x.round(), d.y.round(), d.z.round())
}

/// A rectangle around the box (lo, hi), `buff` out (Manim's SurroundingRectangle).
pub fn surrounding(lo: Vec3, hi: Vec3, buff: f64, corner_radius: f64, color: Color) -> Mobject {
    let (w, h) = (hi.x - lo.x + 2.0 * buff, hi.y - lo.y + 2.0 * buff);
    let mut m = if corner_radius > 0.0 {
        super::polygons::rounded_rectangle(w, h, corner_radius, color)
    } else {
        super::shapes::rectangle(w, h, color)
    };
    m.shift((lo + hi) / 2.0);
    m
}

/// A line under the box (lo, hi), as wide as it, `buff` below (Manim's Underline).
pub fn underline(lo: Vec3, hi: Vec3, buff: f64, color: Color, width: f64) -> Mobject {
    let y = lo.y - buff;
    line(Vec3::xy(lo.x, y), Vec3::xy(hi.x, y), color, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_numbers_split_like_svg() {
        assert_eq!(numbers("0.1-2e-5.3 4"), vec![0.1, -2e-5, 0.3, 4.0]);
    }

    #[test]
    fn brace_spans_the_object_and_points_down() {
        let pts = [Vec3::xy(-2.0, -1.0), Vec3::xy(2.0, 1.0)];
        let (b, tip) = brace(&pts, Vec3::DOWN, 0.2, 2.0, Color::WHITE);
        let (lo, hi) = b.bounds().unwrap();
        assert!((lo.x + 2.0).abs() < 1e-9 && (hi.x - 2.0).abs() < 1e-9);
        assert!((hi.y + 1.2).abs() < 1e-9, "{hi:?}");
        // Manim's brace outline is 0.273 units deep.
        assert!((hi.y - lo.y - 0.273).abs() < 1e-3, "{}", hi.y - lo.y);
        assert!(tip.x.abs() < 1e-9 && (tip.y - lo.y).abs() < 1e-9);
        let (t2, d) = brace_tip(&b).unwrap();
        assert!((t2 - tip).length() < 0.02, "{t2:?} {tip:?}");
        assert_eq!(round_dir(d), Vec3::DOWN);
    }
}
