//! Paths made of cubic Bézier curves, Manim-style: every shape is a list of subpaths, each a
//! start point followed by cubic segments. Animations (Create, Write, Transform, MoveAlongPath)
//! all work on this one representation, so any object can be animated in any way.

use super::Vec3;

/// One cubic segment: two control points and the end point; the start is the previous end.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cubic {
    pub c1: Vec3,
    pub c2: Vec3,
    pub to: Vec3,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SubPath {
    pub start: Vec3,
    pub segments: Vec<Cubic>,
    pub closed: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Path {
    pub subpaths: Vec<SubPath>,
}

/// Evaluates a cubic Bézier at `t`.
pub fn cubic_point(p0: Vec3, c: &Cubic, t: f64) -> Vec3 {
    let u = 1.0 - t;
    p0 * (u * u * u) + c.c1 * (3.0 * u * u * t) + c.c2 * (3.0 * u * t * t) + c.to * (t * t * t)
}

/// The part of a cubic between parameters `a` and `b` (de Casteljau twice).
pub fn cubic_sub(p0: Vec3, c: &Cubic, a: f64, b: f64) -> (Vec3, Cubic) {
    // Split at b, keep the left part; then split that at a/b, keep the right part.
    if b <= 1e-12 {
        return (
            p0,
            Cubic {
                c1: p0,
                c2: p0,
                to: p0,
            },
        );
    }
    let (left, _, _) = split(p0, c, b);
    let (_, mid, right) = split(p0, &left, (a / b).clamp(0.0, 1.0));
    (mid, right)
}

/// Splits a cubic at `t` (de Casteljau): the left part (starting at `p0`) and the right part
/// (starting at the split point).
fn split(p0: Vec3, c: &Cubic, t: f64) -> (Cubic, Vec3, Cubic) {
    let p01 = p0.lerp(c.c1, t);
    let p12 = c.c1.lerp(c.c2, t);
    let p23 = c.c2.lerp(c.to, t);
    let p012 = p01.lerp(p12, t);
    let p123 = p12.lerp(p23, t);
    let mid = p012.lerp(p123, t);
    (
        Cubic {
            c1: p01,
            c2: p012,
            to: mid,
        },
        mid,
        Cubic {
            c1: p123,
            c2: p23,
            to: c.to,
        },
    )
}

fn line_cubic(a: Vec3, b: Vec3) -> Cubic {
    Cubic {
        c1: a.lerp(b, 1.0 / 3.0),
        c2: a.lerp(b, 2.0 / 3.0),
        to: b,
    }
}

/// Length of a cubic: 8-point Gauss–Legendre quadrature of |B′(t)| on each half.
fn cubic_length(p0: Vec3, c: &Cubic) -> f64 {
    const X: [f64; 4] = [
        0.183_434_642_495_649_8,
        0.525_532_409_916_329,
        0.796_666_477_413_626_7,
        0.960_289_856_497_536_3,
    ];
    const W: [f64; 4] = [
        0.362_683_783_378_362,
        0.313_706_645_877_887_3,
        0.222_381_034_453_374_5,
        0.101_228_536_290_376_3,
    ];
    let d = |t: f64| {
        let u = 1.0 - t;
        ((c.c1 - p0) * (3.0 * u * u)
            + (c.c2 - c.c1) * (6.0 * u * t)
            + (c.to - c.c2) * (3.0 * t * t))
            .length()
    };
    let mut total = 0.0;
    for (a, b) in [(0.0, 0.5), (0.5, 1.0)] {
        let (m, h) = ((a + b) / 2.0, (b - a) / 2.0);
        for i in 0..4 {
            total += W[i] * h * (d(m - h * X[i]) + d(m + h * X[i]));
        }
    }
    total
}

impl SubPath {
    pub fn new(start: Vec3) -> Self {
        SubPath {
            start,
            segments: Vec::new(),
            closed: false,
        }
    }
    pub fn end(&self) -> Vec3 {
        self.segments.last().map(|c| c.to).unwrap_or(self.start)
    }
    /// Start point of segment `i`.
    pub fn seg_start(&self, i: usize) -> Vec3 {
        if i == 0 {
            self.start
        } else {
            self.segments[i - 1].to
        }
    }
    /// Splits segments until there are `n` of them (n ≥ current count), spreading the splits
    /// evenly so that Transform between shapes of different complexity looks smooth.
    fn subdivide_to(&self, n: usize) -> SubPath {
        let cur = self.segments.len();
        if cur >= n {
            return self.clone();
        }
        if cur == 0 {
            let p = self.start;
            return SubPath {
                start: p,
                segments: vec![
                    Cubic {
                        c1: p,
                        c2: p,
                        to: p
                    };
                    n
                ],
                closed: self.closed,
            };
        }
        let mut out = SubPath::new(self.start);
        out.closed = self.closed;
        for (i, seg) in self.segments.iter().enumerate() {
            // How many pieces this segment becomes.
            let pieces = (n * (i + 1)) / cur - (n * i) / cur;
            let p0 = self.seg_start(i);
            for k in 0..pieces {
                let a = k as f64 / pieces as f64;
                let b = (k + 1) as f64 / pieces as f64;
                let (_, c) = cubic_sub(p0, seg, a, b);
                out.segments.push(c);
            }
        }
        out
    }
}

impl Path {
    pub fn new() -> Self {
        Path::default()
    }
    pub fn is_empty(&self) -> bool {
        self.subpaths.iter().all(|s| s.segments.is_empty())
    }
    pub fn move_to(&mut self, p: Vec3) {
        self.subpaths.push(SubPath::new(p));
    }
    fn current(&mut self) -> &mut SubPath {
        if self.subpaths.is_empty() {
            self.subpaths.push(SubPath::new(Vec3::ZERO));
        }
        self.subpaths.last_mut().unwrap()
    }
    pub fn line_to(&mut self, p: Vec3) {
        let sp = self.current();
        let a = sp.end();
        sp.segments.push(line_cubic(a, p));
    }
    pub fn cubic_to(&mut self, c1: Vec3, c2: Vec3, p: Vec3) {
        self.current().segments.push(Cubic { c1, c2, to: p });
    }
    pub fn quad_to(&mut self, c: Vec3, p: Vec3) {
        let sp = self.current();
        let a = sp.end();
        sp.segments.push(Cubic {
            c1: a + (c - a) * (2.0 / 3.0),
            c2: p + (c - p) * (2.0 / 3.0),
            to: p,
        });
    }
    /// Closes the current subpath with a straight segment back to its start.
    pub fn close(&mut self) {
        let sp = self.current();
        if (sp.end() - sp.start).length() > 1e-9 {
            let (a, b) = (sp.end(), sp.start);
            sp.segments.push(line_cubic(a, b));
        }
        sp.closed = true;
    }

    /// A polyline through `points` (open).
    pub fn polyline(points: &[Vec3]) -> Path {
        let mut p = Path::new();
        if let Some(&first) = points.first() {
            p.move_to(first);
            for &q in &points[1..] {
                p.line_to(q);
            }
        }
        p
    }

    /// A smooth curve through `points`: Catmull-Rom converted to cubics. Used for function
    /// graphs so that a few hundred samples look perfectly smooth at any resolution.
    pub fn smooth_through(points: &[Vec3]) -> Path {
        let mut p = Path::new();
        let n = points.len();
        if n == 0 {
            return p;
        }
        p.move_to(points[0]);
        for i in 0..n.saturating_sub(1) {
            let p0 = if i == 0 { points[0] } else { points[i - 1] };
            let p1 = points[i];
            let p2 = points[i + 1];
            let p3 = if i + 2 < n {
                points[i + 2]
            } else {
                points[n - 1]
            };
            let c1 = p1 + (p2 - p0) / 6.0;
            let c2 = p2 - (p3 - p1) / 6.0;
            p.cubic_to(c1, c2, p2);
        }
        p
    }

    pub fn map(&self, f: &impl Fn(Vec3) -> Vec3) -> Path {
        Path {
            subpaths: self
                .subpaths
                .iter()
                .map(|sp| SubPath {
                    start: f(sp.start),
                    segments: sp
                        .segments
                        .iter()
                        .map(|c| Cubic {
                            c1: f(c.c1),
                            c2: f(c.c2),
                            to: f(c.to),
                        })
                        .collect(),
                    closed: sp.closed,
                })
                .collect(),
        }
    }

    pub fn for_each_point(&self, mut f: impl FnMut(Vec3)) {
        for sp in &self.subpaths {
            f(sp.start);
            for c in &sp.segments {
                f(c.c1);
                f(c.c2);
                f(c.to);
            }
        }
    }

    /// Bounding box of the control points (as Manim does: cheap and stable under animation).
    pub fn bounds(&self) -> Option<(Vec3, Vec3)> {
        let mut b: Option<(Vec3, Vec3)> = None;
        self.for_each_point(|p| {
            b = Some(match b {
                None => (p, p),
                Some((lo, hi)) => (lo.min(p), hi.max(p)),
            })
        });
        b
    }

    pub fn num_segments(&self) -> usize {
        self.subpaths.iter().map(|s| s.segments.len()).sum()
    }

    /// The part of the path between proportions `a` and `b` of its segments, counted across
    /// subpaths (Manim's `pointwise_become_partial`, which is what Create traces).
    pub fn partial(&self, a: f64, b: f64) -> Path {
        let n = self.num_segments();
        if n == 0 || b <= a {
            return Path::new();
        }
        if a <= 0.0 && b >= 1.0 {
            return self.clone();
        }
        let (a, b) = (a.clamp(0.0, 1.0) * n as f64, b.clamp(0.0, 1.0) * n as f64);
        let mut out = Path::new();
        let mut idx = 0usize; // global segment index
        for sp in &self.subpaths {
            let mut cur: Option<SubPath> = None;
            for (i, seg) in sp.segments.iter().enumerate() {
                let (s0, s1) = (idx as f64, (idx + 1) as f64);
                idx += 1;
                if s1 <= a || s0 >= b {
                    continue;
                }
                let ta = (a - s0).clamp(0.0, 1.0);
                let tb = (b - s0).clamp(0.0, 1.0);
                let (start, c) = cubic_sub(sp.seg_start(i), seg, ta, tb);
                let cs = cur.get_or_insert_with(|| SubPath::new(start));
                cs.segments.push(c);
            }
            if let Some(mut cs) = cur {
                cs.closed = sp.closed && a <= 0.0 && b >= n as f64;
                out.subpaths.push(cs);
            }
        }
        out
    }

    /// Total arc length.
    pub fn length(&self) -> f64 {
        self.subpaths
            .iter()
            .map(|sp| {
                sp.segments
                    .iter()
                    .enumerate()
                    .map(|(i, c)| cubic_length(sp.seg_start(i), c))
                    .sum::<f64>()
            })
            .sum()
    }

    /// The point at proportion `t` of the arc length (Manim's `point_from_proportion`).
    pub fn point_at_proportion(&self, t: f64) -> Option<Vec3> {
        let total = self.length();
        let first = self.subpaths.first()?;
        if total <= 1e-12 {
            return Some(first.start);
        }
        let target = t.clamp(0.0, 1.0) * total;
        let mut acc = 0.0;
        let mut last = first.start;
        for sp in &self.subpaths {
            for (i, c) in sp.segments.iter().enumerate() {
                let p0 = sp.seg_start(i);
                let l = cubic_length(p0, c);
                if acc + l >= target && l > 0.0 {
                    // Invert arc length inside the segment by sampling.
                    const N: usize = 32;
                    let mut prev = p0;
                    let mut a = acc;
                    for k in 1..=N {
                        let q = cubic_point(p0, c, k as f64 / N as f64);
                        let d = (q - prev).length();
                        if a + d >= target {
                            let f = if d > 0.0 { (target - a) / d } else { 0.0 };
                            return Some(prev.lerp(q, f));
                        }
                        a += d;
                        prev = q;
                    }
                    return Some(c.to);
                }
                acc += l;
                last = c.to;
            }
        }
        Some(last)
    }

    /// Makes two paths point-compatible (same subpath count, same segment counts) so that
    /// they can be interpolated point by point.
    pub fn align(a: &Path, b: &Path) -> (Path, Path) {
        let n = a.subpaths.len().max(b.subpaths.len()).max(1);
        let pad = |p: &Path| -> Vec<SubPath> {
            let mut v = p.subpaths.clone();
            if v.is_empty() {
                let c = p
                    .bounds()
                    .map(|(lo, hi)| (lo + hi) / 2.0)
                    .unwrap_or(Vec3::ZERO);
                v.push(SubPath::new(c));
            }
            // Extra subpaths collapse onto the end of the last one, growing out of it.
            while v.len() < n {
                let e = v.last().unwrap().end();
                v.push(SubPath::new(e));
            }
            v
        };
        let (va, vb) = (pad(a), pad(b));
        let mut oa = Path::new();
        let mut ob = Path::new();
        for (sa, sb) in va.iter().zip(vb.iter()) {
            let m = sa.segments.len().max(sb.segments.len()).max(1);
            oa.subpaths.push(sa.subdivide_to(m));
            ob.subpaths.push(sb.subdivide_to(m));
        }
        (oa, ob)
    }

    /// Point-wise interpolation of two *aligned* paths.
    pub fn lerp_aligned(a: &Path, b: &Path, t: f64, f: impl Fn(Vec3, Vec3, f64) -> Vec3) -> Path {
        Path {
            subpaths: a
                .subpaths
                .iter()
                .zip(b.subpaths.iter())
                .map(|(sa, sb)| SubPath {
                    start: f(sa.start, sb.start, t),
                    segments: sa
                        .segments
                        .iter()
                        .zip(sb.segments.iter())
                        .map(|(ca, cb)| Cubic {
                            c1: f(ca.c1, cb.c1, t),
                            c2: f(ca.c2, cb.c2, t),
                            to: f(ca.to, cb.to, t),
                        })
                        .collect(),
                    closed: if t < 0.5 { sa.closed } else { sb.closed },
                })
                .collect(),
        }
    }

    /// Reverses the direction of every subpath (and their order), for Uncreate-like effects.
    pub fn reversed(&self) -> Path {
        let mut out = Path::new();
        for sp in self.subpaths.iter().rev() {
            let mut r = SubPath::new(sp.end());
            r.closed = sp.closed;
            for i in (0..sp.segments.len()).rev() {
                let c = &sp.segments[i];
                r.segments.push(Cubic {
                    c1: c.c2,
                    c2: c.c1,
                    to: sp.seg_start(i),
                });
            }
            out.subpaths.push(r);
        }
        out
    }

    pub fn append(&mut self, other: Path) {
        self.subpaths.extend(other.subpaths);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_of_line_is_prefix() {
        let p = Path::polyline(&[Vec3::ZERO, Vec3::xy(4.0, 0.0)]);
        let h = p.partial(0.0, 0.5);
        assert!((h.subpaths[0].end().x - 2.0).abs() < 1e-9);
    }

    #[test]
    fn arc_length_of_square() {
        let mut p = Path::new();
        p.move_to(Vec3::ZERO);
        p.line_to(Vec3::xy(1.0, 0.0));
        p.line_to(Vec3::xy(1.0, 1.0));
        p.line_to(Vec3::xy(0.0, 1.0));
        p.close();
        assert!((p.length() - 4.0).abs() < 1e-6);
        let q = p.point_at_proportion(0.5).unwrap();
        assert!((q - Vec3::xy(1.0, 1.0)).length() < 1e-6);
    }

    #[test]
    fn align_gives_equal_segment_counts() {
        let a = Path::polyline(&[Vec3::ZERO, Vec3::xy(1.0, 0.0)]);
        let b = Path::polyline(&[
            Vec3::ZERO,
            Vec3::xy(1.0, 0.0),
            Vec3::xy(1.0, 1.0),
            Vec3::xy(0.0, 1.0),
        ]);
        let (x, y) = Path::align(&a, &b);
        assert_eq!(x.num_segments(), y.num_segments());
        // Subdividing must not move the shape.
        assert!((x.length() - 1.0).abs() < 1e-6);
    }
}
