//! Depth-correct drawing for 3D scenes: a supersampled z-buffer.
//!
//! Why this method. A painter's algorithm (sorting whole faces, or stroke pieces, by one depth
//! each) cannot be right in general: a path lying on a surface sinks into the faces it crosses
//! and shows as dashes, an axis pokes through an opaque bowl wherever its piece's centre sorts
//! in front, and every overlap of translucent pieces ghosts. ManimGL gets these right with a
//! depth buffer, so valley does too, in software:
//! - every 3D frame is rasterised by `zbuf` with `k × k` samples per pixel (k = 4 up to 540p,
//!   3 up to 800p, 2 above), each sample with its own depth, then box-filtered down. Depth is
//!   exact per sample, and edges get k² + 1 levels of coverage: at -ql and 720p about as smooth
//!   as tiny-skia's analytic anti-aliasing, at 1080p a little coarser (the price of staying
//!   faster than the painter's algorithm it replaced); a stroke is one continuous shape
//!   (capsules drawn once per sample), so thin lines neither bead nor break up;
//! - surfaces become Gouraud triangles: a normal per vertex (the area-weighted mean of the
//!   faces meeting there), Manim's shading `c + 0.5·(n·l)³` per vertex, and faces cut into
//!   smaller ones where they are large on screen or the projection is exponential, so their
//!   edges curve as Manim's do and no seam or mesh line shows unless a stroke is asked for;
//! - strokes, tips, dots and text (everything that is not a surface face) are tested with a
//!   depth offset of about one face, so a path lying on a surface shows whole
//!   wherever the surface point under it is visible, while a ridge (many faces) still hides it;
//! - translucent primitives are drawn after the opaque ones, far to near, tested against the
//!   opaque depth but not writing it: a path behind a 0.8-opacity surface is drawn whole and
//!   then dimmed by each layer of surface in front of it, not cut into ghosted pieces;
//! - `z_index` layers are drawn in order, each over the last (overlays stay on top);
//! - the frames of one render share a `Cache`: objects that did not change since the last frame
//!   under the same camera are rasterised once into a layer (its pixels, and per tile the
//!   samples of its opaque primitives), and later frames draw only the moving objects over it,
//!   in the tiles they touch. Depth ties are broken by object order in both ways of drawing, so
//!   a frame is the same drawn with the cache or alone (tests/render_cache.rs).
//!
//! 2D scenes never come here: they keep tiny-skia's output and speed.

use std::sync::Arc;

use tiny_skia::Pixmap;

use super::zbuf::{self, Prim, Rgb, Seg, Shape, V};
use super::{draw_picture, View};
use crate::geom::{cubic_point, Path, Vec3};
use crate::scene::{Color, Joint, Mobject, Projector, Style};

/// Manim's `get_shaded_rgb`: colour + 0.5·(n·l)³, halved when negative. (ThreeDCamera also has a
/// `shading_factor` of 0.2, but Cairo's shading does not use it; the reference frames agree.)
const SHADING: f64 = 0.5;
/// Strokes lying on a surface are tested at least this much nearer than they are.
const MIN_STROKE_BIAS: f64 = 0.03;
/// Largest on-screen size of a surface face before it is cut, in pixels (and under an
/// exponential projection, whose straight lines curve).
const FACE_PX: f64 = 48.0;
const FACE_PX_EXP: f64 = 12.0;
/// Longest straight stroke piece, in pixels: depth is interpolated linearly along a piece.
const PIECE_PX: f64 = 24.0;

/// How much nearer than they are strokes lying on a surface are tested: the median face
/// diagonal (a chord between two surface points dips below the faces by a fraction of their
/// size, more where the surface folds, as in MultiplePaths' valley; half a diagonal left some
/// of its arrows buried). Ridges span many faces, so what is behind them stays hidden.
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
    sizes[mid].max(MIN_STROKE_BIAS)
}

/// Samples per pixel side for an output height: 16 per pixel at -ql, 9 at 720p, 4 at 1080p and
/// above, where pixels are small (3 × 3 at 1080p measured about 10 % slower than the painter's
/// algorithm it replaced on the 3D bench; 2 × 2 is about 25 % faster).
fn samples_for(height: u32) -> usize {
    match height {
        0..=540 => 4,
        541..=800 => 3,
        _ => 2,
    }
}

/// Projection to samples (x, y) and camera depth z.
struct Proj<'a> {
    view: &'a View,
    cam: Projector,
    k: f64,
}

impl Proj<'_> {
    #[inline]
    fn v(&self, p: Vec3) -> V {
        let view = self.view;
        let (x, y, z) = self.cam.project(p);
        V {
            x: ((x * view.scale + view.w / 2.0) * self.k) as f32,
            y: ((view.h / 2.0 - y * view.scale) * self.k) as f32,
            z: z as f32,
        }
    }
    /// Distance between two projected points, in pixels.
    fn px(&self, a: V, b: V) -> f64 {
        (((a.x - b.x) as f64).powi(2) + ((a.y - b.y) as f64).powi(2)).sqrt() / self.k
    }
}

fn rgb(c: Color) -> Rgb {
    [c.r, c.g, c.b]
}

/// The four corners of a surface face (a closed quad), if the leaf is one.
fn quad(m: &Mobject) -> Option<[Vec3; 4]> {
    let [sp] = m.path.subpaths.as_slice() else {
        return None;
    };
    let s = &sp.segments;
    if !(s.len() == 4 || (s.len() == 3 && sp.closed)) {
        return None;
    }
    Some([sp.start, s[0].to, s[1].to, s[2].to])
}

/// Newell's normal (not normalised: its length is twice the area, a natural weight).
fn newell(pts: &[Vec3]) -> Vec3 {
    let mut n = Vec3::ZERO;
    for i in 0..pts.len() {
        let (a, b) = (pts[i], pts[(i + 1) % pts.len()]);
        n += Vec3::new(
            (a.y - b.y) * (a.z + b.z),
            (a.z - b.z) * (a.x + b.x),
            (a.x - b.x) * (a.y + b.y),
        );
    }
    n
}

type Key = (i64, i64, i64);

/// FxHash-style hasher: the keys are quantised coordinates, no untrusted collisions to fear,
/// and SipHash costs more than the rest of a face's set-up.
#[derive(Default, Clone, Copy)]
struct FastHash(u64);

impl std::hash::Hasher for FastHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_i64(&mut self, v: i64) {
        self.write_u64(v as u64);
    }
}

type Fast = std::hash::BuildHasherDefault<FastHash>;
type Map<K, V> = std::collections::HashMap<K, V, Fast>;
type Set<K> = std::collections::HashSet<K, Fast>;
fn key(p: Vec3) -> Key {
    let q = |v: f64| (v * 1e7).round() as i64;
    (q(p.x), q(p.y), q(p.z))
}

/// Vertex normals of all surface faces: faces meeting at a point share its normal, so shading
/// runs smoothly across them.
fn vertex_normals(leaves: &[&Mobject]) -> Map<Key, Vec3> {
    let mut map = Map::default();
    for l in leaves.iter().filter(|l| l.style.shade) {
        if let Some(q) = quad(l) {
            let n = newell(&q);
            for p in q {
                *map.entry(key(p)).or_insert(Vec3::ZERO) += n;
            }
        }
    }
    map
}

/// Manim's 3D shading of a colour at a point with normal `n`.
fn shade(c: Color, p: Vec3, n: Vec3, light: Vec3) -> Rgb {
    let n = n.normalize();
    let to_light = (light - p).normalize();
    let mut f = SHADING * n.dot(to_light).powi(3);
    if f < 0.0 {
        f *= 0.5;
    }
    let f = f as f32;
    [
        (c.r + f).clamp(0.0, 1.0),
        (c.g + f).clamp(0.0, 1.0),
        (c.b + f).clamp(0.0, 1.0),
    ]
}

/// Flattens a path into polylines (one per subpath) of projected points, fine enough for
/// curves and for linear depth.
fn flatten(path: &Path, pr: &Proj) -> Vec<(Vec<V>, bool)> {
    let exp = pr.view.camera.exponential;
    let mut out = Vec::new();
    for sp in &path.subpaths {
        if sp.segments.is_empty() {
            continue;
        }
        let mut pts = vec![pr.v(sp.start)];
        for (i, seg) in sp.segments.iter().enumerate() {
            let p0 = sp.seg_start(i);
            let (a, b, c, d) = (pr.v(p0), pr.v(seg.c1), pr.v(seg.c2), pr.v(seg.to));
            let chord = pr.px(a, d);
            // Deviation of the control points from the chord (zero for straight lines).
            let dev = pr.px(a, b) + pr.px(b, c) + pr.px(c, d) - chord;
            let mut n = (dev.max(0.0) * 2.0).sqrt().ceil() + (chord / PIECE_PX).floor();
            if exp {
                n = n.max((chord / FACE_PX_EXP).ceil());
            }
            let n = if n.is_finite() {
                n.clamp(1.0, 256.0) as usize
            } else {
                1
            };
            for j in 1..=n {
                let t = j as f64 / n as f64;
                pts.push(if j == n {
                    d
                } else {
                    pr.v(cubic_point(p0, seg, t))
                });
            }
        }
        out.push((pts, sp.closed));
    }
    out
}

fn finite(v: &V) -> bool {
    v.x.is_finite() && v.y.is_finite() && v.z.is_finite()
}

/// The z = a·x + b·y + c plane through a flat shape's projected points (constant depth if the
/// shape is seen edge-on).
fn plane(pts: &[V]) -> ([f32; 3], (f32, f32)) {
    let zr = pts.iter().fold((f32::INFINITY, f32::NEG_INFINITY), |r, p| {
        (r.0.min(p.z), r.1.max(p.z))
    });
    let mean = pts.iter().map(|p| p.z as f64).sum::<f64>() / pts.len().max(1) as f64;
    let flat = ([0.0, 0.0, mean as f32], zr);
    let Some(&a) = pts.first() else {
        return flat;
    };
    let d2 = |p: &V| (p.x - a.x).powi(2) + (p.y - a.y).powi(2);
    let Some(&b) = pts.iter().max_by(|p, q| d2(p).total_cmp(&d2(q))) else {
        return flat;
    };
    let cross = |p: &V| ((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)).abs();
    let Some(&c) = pts.iter().max_by(|p, q| cross(p).total_cmp(&cross(q))) else {
        return flat;
    };
    let (ux, uy, uz) = ((b.x - a.x) as f64, (b.y - a.y) as f64, (b.z - a.z) as f64);
    let (vx, vy, vz) = ((c.x - a.x) as f64, (c.y - a.y) as f64, (c.z - a.z) as f64);
    let det = ux * vy - uy * vx;
    if det.abs() < 1e-3 * (ux * ux + uy * uy).max(1.0) {
        return flat;
    }
    let ga = (uz * vy - uy * vz) / det;
    let gb = (ux * vz - uz * vx) / det;
    let gc = a.z as f64 - ga * a.x as f64 - gb * a.y as f64;
    ([ga as f32, gb as f32, gc as f32], zr)
}

struct Ctx<'a> {
    pr: Proj<'a>,
    bias: f32,
    light: Vec3,
    normals: Map<Key, Vec3>,
    /// Mesh edges already stroked.
    mesh: Set<(Key, Key)>,
    prims: Vec<Prim>,
    /// Scratch: the points of the face being cut (see `face`).
    grid: Vec<(V, Rgb, Rgb)>,
    /// Depth offset of the current object's faces (see `ball_radii`).
    face_bias: f32,
    /// Index of the current object in the frame (the primitives' `ord`).
    ord: u32,
}

impl Ctx<'_> {
    fn push(
        &mut self,
        shape: Shape,
        bbox: [f32; 4],
        alpha: f32,
        bias: f32,
        layer: i32,
        depth: f32,
    ) {
        if alpha > 0.0 && bbox.iter().all(|v| !v.is_nan()) {
            let seq = self.prims.len() as u32;
            self.prims.push(Prim {
                shape,
                alpha: alpha.min(1.0),
                bias,
                bbox,
                layer,
                depth,
                ord: self.ord,
                seq,
            });
        }
    }

    /// A surface face as Gouraud triangles, cut where it is large on screen.
    fn face(&mut self, m: &Mobject, q: [Vec3; 4]) {
        let st = &m.style;
        let ns = q.map(|p| {
            self.normals
                .get(&key(p))
                .copied()
                .unwrap_or_else(|| newell(&q))
        });
        let vs = q.map(|p| self.pr.v(p));
        if !vs.iter().all(finite) {
            return;
        }
        let size = (0..4)
            .map(|i| self.pr.px(vs[i], vs[(i + 1) % 4]))
            .fold(0.0, f64::max);
        let cell = if self.pr.view.camera.exponential {
            FACE_PX_EXP
        } else {
            FACE_PX
        };
        let sp = &m.path.subpaths[0];
        let segs = &sp.segments;
        // How far the sides bow out of their chords, on screen.
        let bow = (0..4)
            .map(|i| {
                let (a, b, c, d) = (
                    vs[i],
                    self.pr.v(segs[i].c1),
                    self.pr.v(segs[i].c2),
                    vs[(i + 1) % 4],
                );
                self.pr.px(a, b) + self.pr.px(b, c) + self.pr.px(c, d) - self.pr.px(a, d)
            })
            .fold(0.0, f64::max);
        let n = (size / cell).max((bow * 2.0).sqrt()).ceil();
        let n = if n.is_finite() {
            n.clamp(1.0, 16.0) as usize
        } else {
            1
        };
        // The Coons patch of the four sides (s along q0→q1, t along q0→q3); normals bilinear.
        let side = |i: usize, u: f64| cubic_point(sp.seg_start(i), &segs[i], u);
        let at = |s: f64, t: f64| {
            let p = side(0, s) * (1.0 - t)
                + side(2, 1.0 - s) * t
                + side(3, 1.0 - t) * (1.0 - s)
                + side(1, t) * s
                - (q[0] * ((1.0 - s) * (1.0 - t))
                    + q[1] * (s * (1.0 - t))
                    + q[2] * (s * t)
                    + q[3] * ((1.0 - s) * t));
            let nn = ns[0].lerp(ns[1], s).lerp(ns[3].lerp(ns[2], s), t);
            (p, nn)
        };
        let stroked = st.stroke_width > 0.0 && st.stroke_opacity > 0.0;
        // The grid's buffer is the context's, kept from face to face (a frame has thousands).
        let mut grid = std::mem::take(&mut self.grid);
        grid.clear();
        for j in 0..=n {
            for i in 0..=n {
                let (s, t) = (i as f64 / n as f64, j as f64 / n as f64);
                let (p, nn) = if n == 1 {
                    let c = [0, 1, 3, 2][j * 2 + i];
                    (q[c], ns[c])
                } else {
                    at(s, t)
                };
                let sc = if stroked {
                    shade(st.stroke, p, nn, self.light)
                } else {
                    [0.0; 3]
                };
                grid.push((self.pr.v(p), shade(st.fill, p, nn, self.light), sc));
            }
        }
        let depth = vs.iter().map(|v| v.z).sum::<f32>() / 4.0;
        let g = |i: usize, j: usize| grid[j * (n + 1) + i];
        for j in 0..n {
            for i in 0..n {
                let (a, b, c, d) = (g(i, j), g(i + 1, j), g(i + 1, j + 1), g(i, j + 1));
                for (x, y, z) in [(a, b, c), (a, c, d)] {
                    let v = [x.0, y.0, z.0];
                    let bb = zbuf::bbox(v.iter().map(|v| (v.x, v.y)), 0.0);
                    let shape = Shape::Tri {
                        v,
                        c: [x.1, y.1, z.1],
                    };
                    self.push(shape, bb, st.fill_opacity, self.face_bias, m.z_index, depth);
                }
            }
        }
        if stroked {
            self.mesh(m, &q, n, &grid);
        }
        self.grid = grid;
    }

    /// The mesh lines of a surface face cut `n × n`, with the `grid` of its corners' points,
    /// fill colours and stroke colours.
    fn mesh(&mut self, m: &Mobject, q: &[Vec3; 4], n: usize, grid: &[(V, Rgb, Rgb)]) {
        let g = |i: usize, j: usize| grid[j * (n + 1) + i];
        // The mesh: each edge once, by the first face that has it (Manim strokes every face,
        // so a shared edge is inked twice: its opacity is that of two layers).
        let mut segs = Vec::new();
        let sides: [(usize, [(usize, usize); 2]); 4] = [
            (0, [(0, 0), (1, 0)]),
            (1, [(1, 0), (1, 1)]),
            (2, [(1, 1), (0, 1)]),
            (3, [(0, 1), (0, 0)]),
        ];
        for (side, [(i0, j0), (i1, j1)]) in sides {
            let (ka, kb) = (key(q[side]), key(q[(side + 1) % 4]));
            if !self.mesh.insert(if ka < kb { (ka, kb) } else { (kb, ka) }) {
                continue;
            }
            for step in 0..n {
                // The f-th of n points from corner (i0, j0) to corner (i1, j1).
                let p = |f: usize| g(i0 * (n - f) + i1 * f, j0 * (n - f) + j1 * f);
                let (a, b) = (p(step), p(step + 1));
                segs.push(Seg {
                    a: a.0,
                    b: b.0,
                    ca: a.2,
                    cb: b.2,
                });
            }
        }
        if segs.is_empty() {
            return;
        }
        let a = m.style.stroke_opacity;
        let shared = 1.0 - (1.0 - a) * (1.0 - a);
        self.push_stroke(segs, &m.style, shared, 0.0, m.z_index);
    }

    fn fill(&mut self, m: &Mobject) {
        let st = &m.style;
        let lines = flatten(&m.path, &self.pr);
        let mut edges = Vec::new();
        let mut dirs = Vec::new();
        let mut all = Vec::new();
        for (pts, _) in &lines {
            if !pts.iter().all(finite) {
                return;
            }
            for i in 0..pts.len() {
                let (a, b) = (pts[i], pts[(i + 1) % pts.len()]);
                if a.y == b.y {
                    continue;
                }
                let (e, d) = if a.y < b.y {
                    ([a.x, a.y, b.x, b.y], 1)
                } else {
                    ([b.x, b.y, a.x, a.y], -1)
                };
                edges.push(e);
                dirs.push(d);
            }
            all.extend_from_slice(pts);
        }
        if edges.is_empty() {
            return;
        }
        let (pl, zr) = plane(&all);
        let c = if st.shade {
            let pts: Vec<Vec3> = m.path.subpaths[0].segments.iter().map(|s| s.to).collect();
            let ctr = pts.iter().fold(Vec3::ZERO, |a, &p| a + p) / pts.len().max(1) as f64;
            shade(st.fill, ctr, newell(&pts), self.light)
        } else {
            rgb(st.fill)
        };
        let bb = zbuf::bbox(all.iter().map(|v| (v.x, v.y)), 0.0);
        let depth = (zr.0 + zr.1) / 2.0;
        let bias = if st.shade { 0.0 } else { self.bias };
        let shape = Shape::Fill {
            edges,
            dirs,
            plane: pl,
            zr,
            c,
        };
        self.push(shape, bb, st.fill_opacity, bias, m.z_index, depth);
    }

    /// A leaf's stroke.
    fn stroke(&mut self, m: &Mobject) {
        let st = &m.style;
        let lines = flatten(&m.path, &self.pr);
        let gradient = st.stroke_gradient.as_ref().filter(|g| g.len() > 1);
        let axis = gradient
            .and_then(|_| super::gradient_axis(&m.path))
            .map(|(a, b)| (self.pr.v(a), self.pr.v(b)));
        // Colour of a point of the path, on screen (Manim's gradient runs across the object
        // from corner to corner, not along the path).
        let color_at = |p: V| -> Rgb {
            match (gradient, axis) {
                (Some(g), Some((a, b))) => {
                    let (dx, dy) = ((b.x - a.x) as f64, (b.y - a.y) as f64);
                    let t = ((p.x - a.x) as f64 * dx + (p.y - a.y) as f64 * dy)
                        / (dx * dx + dy * dy).max(1e-12);
                    rgb(super::gradient_at(g, t))
                }
                _ => rgb(st.stroke),
            }
        };
        let mut segs = Vec::new();
        for (pts, _) in &lines {
            if !pts.iter().all(finite) {
                return;
            }
            let cols: Vec<Rgb> = pts.iter().map(|&p| color_at(p)).collect();
            for i in 0..pts.len().saturating_sub(1) {
                segs.push(Seg {
                    a: pts[i],
                    b: pts[i + 1],
                    ca: cols[i],
                    cb: cols[i + 1],
                });
            }
        }
        self.push_stroke(segs, st, st.stroke_opacity, self.bias, m.z_index);
    }

    /// A stroke prim from its pieces (sample space), at the style's width and join and at
    /// `opacity`.
    fn push_stroke(&mut self, segs: Vec<Seg>, st: &Style, opacity: f32, bias: f32, layer: i32) {
        if segs.is_empty() {
            return;
        }
        let k = self.pr.k as f32;
        let mut width = (st.stroke_width * 0.01 * self.pr.view.unit_px()) as f32;
        let mut alpha = opacity;
        // Lines thinner than a pixel keep their ink: one pixel wide, fainter.
        if width < 1.0 {
            alpha *= width.max(0.0);
            width = 1.0;
        }
        let r = width * k / 2.0;
        let depth = segs.iter().map(|s| s.a.z).sum::<f32>() / segs.len() as f32;
        let bb = zbuf::bbox(
            segs.iter().flat_map(|s| [(s.a.x, s.a.y), (s.b.x, s.b.y)]),
            r + 1.0,
        );
        let joins = if matches!(st.joint, Joint::Auto | Joint::Miter) {
            // Half a pixel: finer corners than that do not show.
            zbuf::miter_joins(&segs, r, k / 2.0)
        } else {
            Vec::new()
        };
        let bb = joins.iter().fold(bb, |b, j| {
            let c = zbuf::bbox(j.q.iter().copied(), 1.0);
            [
                b[0].min(c[0]),
                b[1].min(c[1]),
                b[2].max(c[2]),
                b[3].max(c[3]),
            ]
        });
        self.push(
            Shape::Stroke { segs, r, joins },
            bb,
            alpha,
            bias,
            layer,
            depth,
        );
    }

    fn leaf(&mut self, m: &Mobject) {
        if m.path.is_empty() {
            return;
        }
        let st = &m.style;
        if st.shade && st.fill_opacity > 0.0 {
            if let Some(q) = quad(m) {
                return self.face(m, q);
            }
        }
        if st.fill_opacity > 0.0 {
            self.fill(m);
        }
        if st.stroke_width > 0.0 && st.stroke_opacity > 0.0 {
            self.stroke(m);
        }
    }
}

/// Per object, the size that makes it a ball (see `ball_radii`): its diagonal if all its
/// leaves are surface faces.
fn ball_size(o: &Mobject) -> Option<f64> {
    let leaves = o.leaves();
    if leaves.is_empty() || !leaves.iter().all(|l| l.style.shade) {
        return None;
    }
    o.bounds().map(|(lo, hi)| (hi - lo).length())
}

/// Per object, the depth offset of its faces: its radius for a small all-face object (a ball),
/// zero otherwise. Manim's painter draws a ball whose centre sits on a surface (the video's
/// start markers and balls) whole, above the faces it is sunk into; testing the ball as if
/// pulled toward the camera by its radius does the same, while a ridge more than its size in
/// front still hides it. `sizes` are the objects' `ball_size`s.
fn ball_radii(sizes: &[Option<f64>]) -> Vec<f32> {
    let largest = sizes.iter().flatten().fold(0.0, |a: f64, &b| a.max(b));
    sizes
        .iter()
        .map(|s| match s {
            Some(d) if *d < 0.25 * largest => (d / (2.0 * 3f64.sqrt())) as f32,
            _ => 0.0,
        })
        .collect()
}

/// What the primitives of one object depend on besides the object: the whole frame's stroke
/// bias and ball radii, and the vertex normals of the faces drawn with it.
struct Setting<'a> {
    view: &'a View,
    k: usize,
    bias: f32,
    radii: &'a [f32],
}

/// The primitives of the objects `pick`ed (by index), their faces shaded with `normals`.
fn prims_of(
    objects: &[Arc<Mobject>],
    pick: impl Fn(usize) -> bool,
    normals: Map<Key, Vec3>,
    set: &Setting,
) -> Vec<Prim> {
    let view = set.view;
    let mut ctx = Ctx {
        pr: Proj {
            view,
            cam: view.camera.projector(),
            k: set.k as f64,
        },
        bias: set.bias,
        light: view.camera.light,
        normals,
        mesh: Default::default(),
        prims: Vec::new(),
        grid: Vec::new(),
        face_bias: 0.0,
        ord: 0,
    };
    for (o, m) in objects.iter().enumerate().filter(|(o, _)| pick(*o)) {
        ctx.face_bias = set.radii[o];
        ctx.ord = o as u32;
        for leaf in m.leaves() {
            if let Some(anchor) = leaf.billboard {
                // Turn the leaf (drawn in the xy plane) to face the camera about its anchor.
                let mut turned = leaf.clone();
                turned.billboard = None;
                let cam = &view.camera;
                turned.path = leaf.path.map(&|p| anchor + cam.from_view_dir(p - anchor));
                ctx.leaf(&turned);
            } else {
                ctx.leaf(leaf);
            }
        }
    }
    ctx.prims
}

/// Draws the leaves of a 3D scene into `pm` (already cleared to `bg`).
pub fn draw_3d(objects: &[Arc<Mobject>], view: &View, bg: Color, pm: &mut Pixmap) {
    draw(objects, view, bg, pm, None, None);
}

/// `draw_3d` with a cache shared by the frames of one render: what stays the same from frame
/// to frame (same objects, same camera) is drawn once (see `Cache`). Same pixels.
pub fn draw_3d_cached(
    objects: &[Arc<Mobject>],
    view: &View,
    bg: Color,
    pm: &mut Pixmap,
    cache: &Cache,
) {
    draw(objects, view, bg, pm, Some(cache), None);
}

/// `draw_3d_cached` into a pixmap that shows `shown` (an earlier frame drawn over a layer):
/// if this frame is drawn over the same layer, only the pixels that differ from the layer's in
/// either frame are touched. Returns what `pm` then shows, if it was drawn over a layer.
pub(crate) fn draw_3d_over(
    objects: &[Arc<Mobject>],
    view: &View,
    bg: Color,
    pm: &mut Pixmap,
    cache: &Cache,
    shown: Option<&Over>,
) -> Option<Over> {
    draw(objects, view, bg, pm, Some(cache), shown)
}

/// A frame drawn over a layer: which one, and the rectangles where its pixels differ from the
/// layer's.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Over {
    pub layer: u64,
    pub rects: Vec<zbuf::Rect>,
}

fn draw(
    objects: &[Arc<Mobject>],
    view: &View,
    bg: Color,
    pm: &mut Pixmap,
    cache: Option<&Cache>,
    shown: Option<&Over>,
) -> Option<Over> {
    let k = samples_for(pm.height());
    let leaves: Vec<&Mobject> = objects.iter().flat_map(|m| m.leaves()).collect();
    let bias = stroke_bias(&leaves) as f32;
    let mut over = cache.and_then(|c| c.draw(objects, view, bg, k, bias, pm, shown));
    if over.is_none() {
        let sizes: Vec<_> = objects.iter().map(|o| ball_size(o)).collect();
        let radii = ball_radii(&sizes);
        let set = Setting {
            view,
            k,
            bias,
            radii: &radii,
        };
        let prims = prims_of(objects, |_| true, vertex_normals(&leaves), &set);
        let (w, h) = (pm.width() as usize, pm.height() as usize);
        zbuf::render(prims, rgb(bg), w, h, k, pm.data_mut());
    }
    // Images are flat overlays: drawn over the 3D content, in order (and over the layer's
    // pixels, which the next frame cannot then take as they are).
    for l in leaves {
        if let Some(pic) = &l.picture {
            draw_picture(pic, view, pm, None);
            over = None;
        }
    }
    over
}

/// Objects that stay the same while the camera does not move, drawn once: a render's frames
/// share one `Cache`, which keeps a `Layer` of the objects that did not change between two
/// frames (the first frame it sees offers all its objects; the next keeps those still equal).
/// A frame whose camera, size and background match and whose objects at the layer's places
/// are equal to the layer's (compared in full, not hashed) draws only the other objects, over
/// the layer (`zbuf::Static`). Nothing else about a frame comes from the cache: the primitives
/// of the layer are those the frame would make itself, the frame-wide settings they depend on
/// are checked equal, and the tiles are drawn in the same order, so a frame comes out the same
/// with the cache or without it, in any order of frames.
#[derive(Default)]
pub struct Cache {
    state: std::sync::Mutex<CacheState>,
    /// Signalled when a layer is made.
    made: std::sync::Condvar,
    hits: std::sync::atomic::AtomicUsize,
}

/// Frames a layer must be drawn over to pay for itself: making one costs about two frames drawn
/// without it (the whole frame, and the samples kept for its tiles).
const PAYS_OFF: usize = 3;

#[derive(Default)]
struct CacheState {
    layer: Option<Arc<Layer>>,
    /// A worker is making a layer (the others draw without).
    building: bool,
    seen: Option<Seen>,
    /// For layers made afresh, and for layers grown by objects that stopped changing.
    fresh: Backoff,
    growth: Backoff,
}

/// Layers of one kind replaced before they paid off, in a row, and the frames with candidates
/// to let pass before the next (doubling up to 64). A scene where everything moves, or an object
/// that stops changing only for a moment (a label whose digits tick), then costs few layers.
#[derive(Default)]
struct Backoff {
    misses: u32,
    wait: u32,
}

impl CacheState {
    /// Takes the layer out of the cache (it goes when no worker holds it any more), counting a
    /// miss if it was replaced before it paid off.
    fn retire_layer(&mut self) {
        let Some(l) = self.layer.take() else { return };
        if l.hits.load(std::sync::atomic::Ordering::Relaxed) < PAYS_OFF {
            match l.grown {
                true => self.growth.missed(),
                false => self.fresh.missed(),
            }
        }
    }
}

impl Backoff {
    fn missed(&mut self) {
        self.misses = (self.misses + 1).min(6);
        self.wait = 1 << self.misses;
    }
    fn paid(&mut self) {
        self.misses = 0;
    }
    /// Whether to let this frame's candidates pass.
    fn skip(&mut self) -> bool {
        let skip = self.wait > 0;
        self.wait = self.wait.saturating_sub(1);
        skip
    }
}

struct Layer {
    /// Unique among the layers of this process: a frame drawn over a layer names it.
    id: u64,
    camera: crate::scene::Camera,
    w: u32,
    h: u32,
    bg: Color,
    /// (place in the frame, object) of each object of the layer: the frame's own, shared.
    objects: Vec<(usize, Arc<Mobject>)>,
    /// Their `ball_size`s and ball radii when the layer was made.
    sizes: Vec<Option<f64>>,
    radii: Vec<f32>,
    bias: f32,
    /// The vertex normals of the layer's faces (a moving face meeting one would change it).
    normals: Map<Key, Vec3>,
    zs: zbuf::Static,
    /// Frames drawn over it.
    hits: std::sync::atomic::AtomicUsize,
    /// Made by adding objects to a layer (see `Backoff`).
    grown: bool,
}

impl Cache {
    /// Frames drawn over a layer so far.
    pub fn hits(&self) -> usize {
        self.hits.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The places in the frame of the objects in the current layer (for tests).
    pub fn layered(&self) -> Vec<usize> {
        let st = self.lock();
        st.layer
            .iter()
            .flat_map(|l| l.objects.iter().map(|(i, _)| *i))
            .collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, CacheState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Draws the frame with the cache's layer or a new one (over `shown`, what `pm` shows, if
    /// that is the same layer); None if it did neither.
    #[allow(clippy::too_many_arguments)]
    fn draw(
        &self,
        objects: &[Arc<Mobject>],
        view: &View,
        bg: Color,
        k: usize,
        bias: f32,
        pm: &mut Pixmap,
        shown: Option<&Over>,
    ) -> Option<Over> {
        let (w, h) = (pm.width(), pm.height());
        // A layer being made is most likely the one this frame needs: drawing the frame without
        // it would take longer than waiting.
        let layer = {
            let st = self.lock();
            let wait = std::time::Duration::from_secs(2);
            let st = match self.made.wait_timeout_while(st, wait, |s| s.building) {
                Ok((st, _)) => st,
                Err(e) => e.into_inner().0,
            };
            st.layer.clone()
        };
        let layer = layer.filter(|l| l.camera == view.camera && l.w == w && l.h == h && l.bg == bg);
        let mut keep: Vec<usize> = Vec::new();
        // The layer this frame can be drawn over, should a bigger one not be made.
        let mut current: Option<Arc<Layer>> = None;
        if let Some(l) = layer {
            let same: Vec<bool> = l
                .objects
                .iter()
                .map(|(i, o)| objects.get(*i).is_some_and(|m| same(m, o)))
                .collect();
            if l.bias != bias {
                // Every stroke of the layer would be drawn differently: as if there were none.
            } else if same.iter().all(|&s| s) {
                // Objects outside the layer that have stopped changing (a formula written, a
                // surface created after the layer was made) belong in a bigger one, if they are
                // enough of the frame to pay for it.
                let grown = self.unchanged(objects, Some(&l), view, (w, h), bg, bias);
                if !worth_growing(objects, &grown) {
                    return self.draw_over(&l, objects, view, k, bias, pm, shown);
                }
                keep = l.objects.iter().map(|(i, _)| *i).chain(grown).collect();
                keep.sort_unstable();
                current = Some(l);
            } else {
                keep = l
                    .objects
                    .iter()
                    .zip(&same)
                    .filter(|(_, &s)| s)
                    .map(|((i, _), _)| *i)
                    .collect();
            }
        }
        if keep.is_empty() {
            keep = self.unchanged(objects, None, view, (w, h), bg, bias);
        }
        let grown = current.is_some();
        {
            let mut st = self.lock();
            if keep.is_empty() || st.building {
                drop(st);
                return current.and_then(|l| self.draw_over(&l, objects, view, k, bias, pm, shown));
            }
            st.building = true;
            if !grown {
                // The old layer cannot draw this frame: it goes now (when no worker holds it
                // any more), before the new one is planned and made (one layer's memory at a
                // time), and whether or not that succeeds (later frames then look for unchanged
                // objects again, with the back-off, rather than try this layer's leftovers in
                // every frame).
                st.retire_layer();
            }
        }
        /// Ends the making of a layer however it ends (a panic included).
        struct Done<'a>(&'a Cache);
        impl Drop for Done<'_> {
            fn drop(&mut self) {
                self.0.lock().building = false;
                self.0.made.notify_all();
            }
        }
        let done = Done(self);
        let Some(plan) = Layer::plan(objects, keep, view, k, bias) else {
            // These objects cannot make a layer (a moving face meets one of theirs, or a moving
            // object lies in a lower z-index layer): try again later, not in every frame.
            {
                let mut st = self.lock();
                match grown {
                    true => st.growth.missed(),
                    false => st.fresh.missed(),
                }
            }
            drop(done);
            return current.and_then(|l| self.draw_over(&l, objects, view, k, bias, pm, shown));
        };
        if grown {
            // The layer grown from goes now: one layer's memory at a time.
            drop(current);
            self.lock().retire_layer();
        }
        let (mut layer, rects) = Layer::make(plan, objects, view, bg, k, bias, pm);
        layer.grown = grown;
        let over = Over {
            layer: layer.id,
            rects,
        };
        self.lock().layer = Some(Arc::new(layer));
        drop(done);
        Some(over)
    }

    /// Draws the frame over layer `l` (over `shown` if that is `l` too), counting the hit.
    #[allow(clippy::too_many_arguments)]
    fn draw_over(
        &self,
        l: &Layer,
        objects: &[Arc<Mobject>],
        view: &View,
        k: usize,
        bias: f32,
        pm: &mut Pixmap,
        shown: Option<&Over>,
    ) -> Option<Over> {
        let differs = shown.filter(|o| o.layer == l.id).map(|o| &o.rects[..]);
        let rects = l.draw_over(objects, view, k, bias, pm, differs);
        if rects.is_some() {
            self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if l.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1 == PAYS_OFF {
                let mut st = self.lock();
                match l.grown {
                    true => st.growth.paid(),
                    false => st.fresh.paid(),
                }
            }
        }
        rects.map(|rects| Over { layer: l.id, rects })
    }

    /// The objects (outside `layer`, if any) that are as they were in the last frame seen, by
    /// hash (a collision only makes a poor layer, whose objects are then compared in full),
    /// under the same view and stroke bias; this frame becomes the last seen. None while
    /// backing off (see `Backoff`).
    fn unchanged(
        &self,
        objects: &[Arc<Mobject>],
        layer: Option<&Layer>,
        view: &View,
        (w, h): (u32, u32),
        bg: Color,
        bias: f32,
    ) -> Vec<usize> {
        let look = Look {
            camera: view.camera.clone(),
            w,
            h,
            bg,
            bias,
        };
        // Under a view that changed since the last frame seen nothing can be compared, and
        // most likely the next frame changes it again (a turning camera): no hashes then.
        let same_look = self.lock().seen.as_ref().is_none_or(|p| p.look == look);
        let hashes = if same_look {
            let mut inside = vec![false; objects.len()];
            for (i, _) in layer.iter().flat_map(|l| &l.objects) {
                inside[*i] = true;
            }
            objects
                .iter()
                .zip(&inside)
                .map(|(o, &ins)| (!ins).then(|| hash_object(o)))
                .collect()
        } else {
            Vec::new()
        };
        let seen = Seen { look, hashes };
        let mut st = self.lock();
        let found: Vec<usize> = match st.seen.as_ref().filter(|p| p.look == seen.look) {
            Some(prev) => (0..seen.hashes.len())
                .filter(|&i| {
                    seen.hashes[i].is_some() && prev.hashes.get(i) == Some(&seen.hashes[i])
                })
                .collect(),
            None => Vec::new(),
        };
        st.seen = Some(seen);
        let backoff = match layer {
            Some(_) => &mut st.growth,
            None => &mut st.fresh,
        };
        if !found.is_empty() && backoff.skip() {
            return Vec::new();
        }
        found
    }
}

/// The share of a frame's leaves that objects which stopped changing must hold for a layer
/// grown by them to pay off. Growing costs about two frames (`PAYS_OFF`); drawing them over the
/// old layer instead costs, per frame, about their share of the frame. A few arrows added to a
/// path one by one are not worth it; a formula written or a surface created are.
const GROWTH_SHARE: usize = 8;

fn worth_growing(objects: &[Arc<Mobject>], grown: &[usize]) -> bool {
    if grown.is_empty() {
        return false;
    }
    let new: usize = grown.iter().map(|&i| objects[i].leaf_count()).sum();
    new * GROWTH_SHARE >= objects.iter().map(|o| o.leaf_count()).sum()
}

/// Whether two objects are equal: the same one shared (no need to look), or equal in full.
fn same(a: &Arc<Mobject>, b: &Arc<Mobject>) -> bool {
    Arc::ptr_eq(a, b) || **a == **b
}

/// The objects of the last frame seen, by hash.
struct Seen {
    look: Look,
    /// Per object, its hash (None: in the layer, not hashed; empty: the look had just
    /// changed).
    hashes: Vec<Option<u64>>,
}

/// Everything frame-wide that the primitives of a layer depend on.
#[derive(PartialEq)]
struct Look {
    camera: crate::scene::Camera,
    w: u32,
    h: u32,
    bg: Color,
    /// The frame's stroke bias: a layer is made only once it stays the same (it follows every
    /// face of the frame, so it changes while a surface is being created).
    bias: f32,
}

/// A hash of everything about an object that drawing it reads.
fn hash_object(m: &Mobject) -> u64 {
    use std::hash::Hasher;
    fn go(m: &Mobject, h: &mut FastHash) {
        let pt = |h: &mut FastHash, p: Vec3| {
            h.write_u64(p.x.to_bits());
            h.write_u64(p.y.to_bits());
            h.write_u64(p.z.to_bits());
        };
        for sp in &m.path.subpaths {
            pt(h, sp.start);
            for c in &sp.segments {
                pt(h, c.c1);
                pt(h, c.c2);
                pt(h, c.to);
            }
            h.write_u64(sp.closed as u64 | (sp.segments.len() as u64) << 1);
        }
        let st = &m.style;
        for c in [st.fill, st.stroke] {
            h.write_u64((c.r.to_bits() as u64) << 32 | c.g.to_bits() as u64);
            h.write_u64(c.b.to_bits() as u64);
        }
        h.write_u64((st.fill_opacity.to_bits() as u64) << 32 | st.stroke_opacity.to_bits() as u64);
        h.write_u64(st.stroke_width.to_bits());
        h.write_u64(st.shade as u64 | (m.z_index as u32 as u64) << 8);
        if let Some(g) = &st.stroke_gradient {
            for c in g.iter() {
                h.write_u64((c.r.to_bits() as u64) << 32 | c.g.to_bits() as u64);
                h.write_u64(c.b.to_bits() as u64);
            }
        }
        if let Some(b) = m.billboard {
            h.write_u64(
                b.x.to_bits() ^ b.y.to_bits().rotate_left(21) ^ b.z.to_bits().rotate_left(42),
            );
        }
        if let Some(p) = &m.picture {
            h.write_u64(Arc::as_ptr(&p.pixels) as u64 ^ p.opacity.to_bits() as u64);
            for c in p.corners {
                h.write_u64(
                    c.x.to_bits() ^ c.y.to_bits().rotate_left(21) ^ c.z.to_bits().rotate_left(42),
                );
            }
        }
        h.write_u64(m.children.len() as u64);
        for c in &m.children {
            go(c, h);
        }
    }
    let mut h = FastHash::default();
    go(m, &mut h);
    h.finish()
}

/// A layer about to be made (see `Layer::plan`).
struct Plan {
    keep: Vec<usize>,
    normals: Map<Key, Vec3>,
    /// Every object's `ball_size` and ball radius in this frame.
    sizes: Vec<Option<f64>>,
    radii: Vec<f32>,
    prims: Vec<Prim>,
    moving: Vec<Prim>,
}

impl Layer {
    /// What a layer of `objects[keep]` (in order) would be made of, with the frame's other
    /// primitives; None if the other objects could not be drawn over it. Costs a frame's
    /// primitives, not its drawing.
    fn plan(
        objects: &[Arc<Mobject>],
        keep: Vec<usize>,
        view: &View,
        k: usize,
        bias: f32,
    ) -> Option<Plan> {
        let mut kept = vec![false; objects.len()];
        for &i in &keep {
            kept[i] = true;
        }
        let leaves = |mine: bool| -> Vec<&Mobject> {
            (0..objects.len())
                .filter(|&i| kept[i] == mine)
                .flat_map(|i| objects[i].leaves())
                .collect()
        };
        let normals = vertex_normals(&leaves(true));
        let moving_normals = vertex_normals(&leaves(false));
        if moving_normals.keys().any(|p| normals.contains_key(p)) {
            return None;
        }
        let sizes: Vec<_> = objects.iter().map(|o| ball_size(o)).collect();
        let radii = ball_radii(&sizes);
        let set = Setting {
            view,
            k,
            bias,
            radii: &radii,
        };
        let prims = prims_of(objects, |i| kept[i], normals.clone(), &set);
        let moving = prims_of(objects, |i| !kept[i], moving_normals, &set);
        if !zbuf::fits_over(&prims, &moving) {
            return None;
        }
        Some(Plan {
            keep,
            normals,
            sizes,
            radii,
            prims,
            moving,
        })
    }

    /// The layer `plan` describes, drawing the frame with it (and where the frame's pixels
    /// differ from the layer's).
    fn make(
        plan: Plan,
        objects: &[Arc<Mobject>],
        view: &View,
        bg: Color,
        k: usize,
        bias: f32,
        pm: &mut Pixmap,
    ) -> (Layer, Vec<zbuf::Rect>) {
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let Plan {
            keep,
            normals,
            sizes,
            radii,
            prims,
            moving,
        } = plan;
        let (w, h) = (pm.width() as usize, pm.height() as usize);
        let zs = zbuf::Static::new(prims, rgb(bg), w, h, k, pm.data_mut());
        // A frame drawn without its moving objects would be a wrong picture: never that.
        let rects = zs
            .render_over(moving, pm.data_mut(), None)
            .expect("the plan checked that the moving primitives fit over the layer");
        let layer = Layer {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            camera: view.camera.clone(),
            w: pm.width(),
            h: pm.height(),
            bg,
            objects: keep.iter().map(|&i| (i, objects[i].clone())).collect(),
            sizes: keep.iter().map(|&i| sizes[i]).collect(),
            radii: keep.iter().map(|&i| radii[i]).collect(),
            bias,
            normals,
            zs,
            hits: Default::default(),
            grown: false,
        };
        (layer, rects)
    }

    /// Draws the frame's other objects over the layer (the layer's objects are the frame's),
    /// into `pm`, which shows the layer except in `differs` if given; returns where the frame
    /// differs from the layer. None, with nothing drawn, where the other objects change how
    /// the layer's are drawn.
    fn draw_over(
        &self,
        objects: &[Arc<Mobject>],
        view: &View,
        k: usize,
        bias: f32,
        pm: &mut Pixmap,
        differs: Option<&[zbuf::Rect]>,
    ) -> Option<Vec<zbuf::Rect>> {
        let mut mine: Vec<Option<usize>> = vec![None; objects.len()];
        for (j, (i, _)) in self.objects.iter().enumerate() {
            mine[*i] = Some(j);
        }
        let sizes: Vec<Option<f64>> = mine
            .iter()
            .zip(objects)
            .map(|(j, o)| match j {
                Some(j) => self.sizes[*j],
                None => ball_size(o),
            })
            .collect();
        let radii = ball_radii(&sizes);
        if self
            .objects
            .iter()
            .zip(&self.radii)
            .any(|((i, _), r)| radii[*i] != *r)
        {
            return None;
        }
        let leaves: Vec<&Mobject> = (0..objects.len())
            .filter(|&i| mine[i].is_none())
            .flat_map(|i| objects[i].leaves())
            .collect();
        let normals = vertex_normals(&leaves);
        if normals.keys().any(|p| self.normals.contains_key(p)) {
            return None;
        }
        let set = Setting {
            view,
            k,
            bias,
            radii: &radii,
        };
        let moving = prims_of(objects, |i| mine[i].is_none(), normals, &set);
        self.zs.render_over(moving, pm.data_mut(), differs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shading_follows_the_light() {
        // A face turned up (+z): lit by a light overhead, darkened by one underneath.
        let c = Color::named("BLUE").unwrap();
        let up = shade(c, Vec3::ZERO, Vec3::OUT, Vec3::new(0.0, 0.0, 10.0));
        let down = shade(c, Vec3::ZERO, Vec3::OUT, Vec3::new(0.0, 0.0, -10.0));
        assert!((up[0] - (c.r + 0.5)).abs() < 1e-6, "{up:?}");
        assert!((down[0] - (c.r - 0.25).max(0.0)).abs() < 1e-6, "{down:?}");
        // Manim's default light is the camera's.
        assert_eq!(
            crate::scene::Camera::default().light,
            crate::scene::DEFAULT_LIGHT
        );
    }

    #[test]
    fn vertex_normals_are_shared_by_meeting_faces() {
        // Two faces folded along x = 1: the shared corners get the mean of both normals.
        let quad = |pts: [Vec3; 4]| {
            let mut p = Path::polyline(&pts);
            p.close();
            let mut m = Mobject::leaf(p, crate::scene::Style::filled(Color::WHITE));
            m.style.shade = true;
            m
        };
        let a = quad([
            Vec3::new(0.0, 0.0, 0.0),
            Vec3::new(1.0, 0.0, 0.0),
            Vec3::new(1.0, 1.0, 0.0),
            Vec3::new(0.0, 1.0, 0.0),
        ]);
        let b = quad([
            Vec3::new(1.0, 0.0, 0.0),
            Vec3::new(2.0, 0.0, 1.0),
            Vec3::new(2.0, 1.0, 1.0),
            Vec3::new(1.0, 1.0, 0.0),
        ]);
        let map = vertex_normals(&[&a, &b]);
        let n = map[&key(Vec3::new(1.0, 0.0, 0.0))].normalize();
        let (na, nb) = (Vec3::OUT, Vec3::new(-1.0, 0.0, 1.0).normalize());
        assert!(n.dot(na) > 0.8 && n.dot(nb) > 0.8, "{n:?}");
        assert!((map[&key(Vec3::ZERO)].normalize() - na).length() < 1e-9);
    }
}
