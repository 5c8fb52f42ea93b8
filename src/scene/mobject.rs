//! The object model. Like Manim's VMobject, an object is a tree: leaves carry a Bézier path
//! with a fill and a stroke (or an image); inner nodes are groups. Every transform is a point
//! map applied to the whole tree, so layout, animation and rendering need no per-kind code.

use std::sync::Arc;

use super::Color;
use crate::geom::{Path, Vec3};

/// How a leaf is painted. Widths are Manim stroke widths: 1 = 0.01 scene units.
#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    pub fill: Color,
    pub fill_opacity: f32,
    pub stroke: Color,
    pub stroke_opacity: f32,
    pub stroke_width: f64,
    /// Colours spread along the stroke (Manim's `set_color_by_gradient` on a curve).
    pub stroke_gradient: Option<Arc<Vec<Color>>>,
    /// Lit by the scene's light in 3D (surface and sphere faces), as Manim shades them.
    pub shade: bool,
    /// How stroke segments meet at corners (Manim's `joint_type`).
    pub joint: Joint,
}

/// Manim's `LineJointType`. `Auto` is mitred, as Manim's Cairo renderer draws it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Joint {
    #[default]
    Auto,
    Round,
    Bevel,
    Miter,
}

impl Joint {
    pub fn by_name(n: &str) -> Option<Joint> {
        Some(match n.to_ascii_lowercase().as_str() {
            "auto" => Joint::Auto,
            "round" => Joint::Round,
            "bevel" => Joint::Bevel,
            "miter" => Joint::Miter,
            _ => return None,
        })
    }
}

impl Default for Style {
    fn default() -> Self {
        Style {
            fill: Color::WHITE,
            fill_opacity: 0.0,
            stroke: Color::WHITE,
            stroke_opacity: 1.0,
            stroke_width: 4.0,
            stroke_gradient: None,
            shade: false,
            joint: Joint::Auto,
        }
    }
}

impl Style {
    pub fn stroked(color: Color, width: f64) -> Style {
        Style {
            stroke: color,
            stroke_width: width,
            fill: color,
            ..Style::default()
        }
    }
    pub fn filled(color: Color) -> Style {
        Style {
            fill: color,
            fill_opacity: 1.0,
            stroke: color,
            stroke_width: 0.0,
            ..Style::default()
        }
    }
    pub fn lerp(&self, o: &Style, t: f64) -> Style {
        let tf = t as f32;
        Style {
            fill: self.fill.lerp(o.fill, tf),
            fill_opacity: self.fill_opacity + (o.fill_opacity - self.fill_opacity) * tf,
            stroke: self.stroke.lerp(o.stroke, tf),
            stroke_opacity: self.stroke_opacity + (o.stroke_opacity - self.stroke_opacity) * tf,
            stroke_width: self.stroke_width + (o.stroke_width - self.stroke_width) * t,
            stroke_gradient: if t < 0.5 {
                self.stroke_gradient.clone()
            } else {
                o.stroke_gradient.clone()
            },
            shade: if t < 0.5 { self.shade } else { o.shade },
            joint: if t < 0.5 { self.joint } else { o.joint },
        }
    }
}

/// An RGBA image placed by three corners (top-left, top-right, bottom-left), so that any
/// affine transform of the object carries the picture with it.
#[derive(Clone, Debug)]
pub struct Picture {
    pub width: u32,
    pub height: u32,
    /// Premultiplied RGBA8.
    pub pixels: Arc<Vec<u8>>,
    pub corners: [Vec3; 3],
    pub opacity: f32,
}

impl PartialEq for Picture {
    fn eq(&self, o: &Self) -> bool {
        Arc::ptr_eq(&self.pixels, &o.pixels)
            && self.corners == o.corners
            && self.opacity == o.opacity
    }
}

/// Affine frame that moves with an object: axes keep their data→scene map in it, so `c2p`
/// stays right after the axes are shifted, scaled or rotated.
#[derive(Clone, Debug, PartialEq)]
pub struct CoordFrame {
    pub origin: Vec3,
    pub ex: Vec3,
    pub ey: Vec3,
    pub ez: Vec3,
}

impl CoordFrame {
    pub fn to_scene(&self, x: f64, y: f64, z: f64) -> Vec3 {
        self.origin
            + (self.ex - self.origin) * x
            + (self.ey - self.origin) * y
            + (self.ez - self.origin) * z
    }
    /// Inverse for 2D axes (z ignored).
    pub fn to_data(&self, p: Vec3) -> (f64, f64) {
        let (a, b) = (self.ex - self.origin, self.ey - self.origin);
        let d = p - self.origin;
        let det = a.x * b.y - a.y * b.x;
        if det.abs() < 1e-15 {
            return (0.0, 0.0);
        }
        ((d.x * b.y - d.y * b.x) / det, (a.x * d.y - a.y * d.x) / det)
    }
}

/// The point of a box (min, max corners) in direction `dir`: per axis, a positive component picks
/// the max, a negative one the min, zero the middle (Manim's critical points).
pub fn box_point(b: (Vec3, Vec3), dir: Vec3) -> Vec3 {
    let pick = |d: f64, lo: f64, hi: f64| {
        if d > 1e-9 {
            hi
        } else if d < -1e-9 {
            lo
        } else {
            (lo + hi) / 2.0
        }
    };
    let (lo, hi) = b;
    Vec3::new(
        pick(dir.x, lo.x, hi.x),
        pick(dir.y, lo.y, hi.y),
        pick(dir.z, lo.z, hi.z),
    )
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Mobject {
    pub path: Path,
    pub style: Style,
    pub picture: Option<Picture>,
    pub children: Vec<Mobject>,
    pub z_index: i32,
    /// Data→scene map for axes-like objects.
    pub coords: Option<CoordFrame>,
    /// Drawn turned toward the camera about this point (labels of 3D axes stay readable).
    pub billboard: Option<Vec3>,
    /// Drawn in the frame's own coordinates, over the 3D content and untouched by the camera's
    /// turns, moves and zoom (Manim's `add_fixed_in_frame_mobjects`: titles and formulas).
    pub fixed_in_frame: bool,
    /// A copy kept by `save_state` for Manim's `Restore` (never drawn).
    pub saved: Option<Arc<Mobject>>,
    /// Stream lines keep how they were traced, so their flow (`.flow(t)`) repeats nothing.
    pub flow: Option<super::fields::FlowInfo>,
    /// A zoomed inset's camera frame or display, and which inset it belongs to (the renderer
    /// draws what the frame covers into the display).
    pub zoom: Option<(ZoomRole, u32)>,
}

/// The two parts of Manim's ZoomedScene.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZoomRole {
    /// The zoomed camera's frame: what is shown.
    Frame,
    /// The zoomed display: where it is shown (its box, clipped).
    Display,
    /// The display's border: part of the display, which its own camera does not see.
    Border,
}

impl Mobject {
    pub fn leaf(path: Path, style: Style) -> Mobject {
        Mobject {
            path,
            style,
            ..Default::default()
        }
    }
    pub fn group(children: Vec<Mobject>) -> Mobject {
        Mobject {
            children,
            style: Style::default(),
            ..Default::default()
        }
    }

    pub fn has_points(&self) -> bool {
        !self.path.is_empty() || self.picture.is_some()
    }

    /// Leaves (objects with their own points), depth first, in drawing order.
    pub fn leaves(&self) -> Vec<&Mobject> {
        let mut v = Vec::new();
        self.collect_leaves(&mut v);
        v
    }
    /// How many `leaves` there are, without listing them.
    pub fn leaf_count(&self) -> usize {
        self.has_points() as usize + self.children.iter().map(|c| c.leaf_count()).sum::<usize>()
    }
    fn collect_leaves<'a>(&'a self, v: &mut Vec<&'a Mobject>) {
        if self.has_points() {
            v.push(self);
        }
        for c in &self.children {
            c.collect_leaves(v);
        }
    }
    /// Applies `f` to every leaf, mutably.
    pub fn for_each_leaf_mut(&mut self, f: &mut impl FnMut(&mut Mobject)) {
        if self.has_points() {
            f(self);
        }
        for c in &mut self.children {
            c.for_each_leaf_mut(f);
        }
    }

    /// Applies `f` to every node (leaves and groups), mutably.
    pub fn for_each_node_mut(&mut self, f: &mut impl FnMut(&mut Mobject)) {
        f(self);
        for c in &mut self.children {
            c.for_each_node_mut(f);
        }
    }

    /// Applies a point map to everything: paths, pictures, coordinate frames.
    pub fn apply_map(&mut self, f: &impl Fn(Vec3) -> Vec3) {
        self.for_each_node_mut(&mut |m| {
            if !m.path.is_empty() {
                m.path = m.path.map(f);
            }
            if let Some(p) = &mut m.picture {
                p.corners = p.corners.map(f);
            }
            if let Some(b) = &mut m.billboard {
                *b = f(*b);
            }
            if let Some(c) = &mut m.coords {
                c.origin = f(c.origin);
                c.ex = f(c.ex);
                c.ey = f(c.ey);
                c.ez = f(c.ez);
            }
        });
    }

    pub fn bounds(&self) -> Option<(Vec3, Vec3)> {
        let mut b: Option<(Vec3, Vec3)> = None;
        let mut add = |lo: Vec3, hi: Vec3| {
            b = Some(match b {
                None => (lo, hi),
                Some((a, c)) => (a.min(lo), c.max(hi)),
            });
        };
        for l in self.leaves() {
            if let Some((lo, hi)) = l.path.bounds() {
                add(lo, hi);
            }
            if let Some(p) = &l.picture {
                let d = p.corners[1] + p.corners[2] - p.corners[0];
                for q in [p.corners[0], p.corners[1], p.corners[2], d] {
                    add(q, q);
                }
            }
        }
        b
    }

    pub fn center(&self) -> Vec3 {
        self.bounds()
            .map(|(lo, hi)| (lo + hi) / 2.0)
            .unwrap_or(Vec3::ZERO)
    }
    pub fn width(&self) -> f64 {
        self.bounds().map(|(lo, hi)| hi.x - lo.x).unwrap_or(0.0)
    }
    pub fn height(&self) -> f64 {
        self.bounds().map(|(lo, hi)| hi.y - lo.y).unwrap_or(0.0)
    }

    /// Manim's `get_critical_point`: the point of the bounding box in direction `dir`
    /// (each component −1, 0 or 1 picks min, centre or max).
    pub fn critical_point(&self, dir: Vec3) -> Vec3 {
        box_point(self.bounds().unwrap_or((Vec3::ZERO, Vec3::ZERO)), dir)
    }

    // --- Manim's placement methods -------------------------------------------------------

    pub fn shift(&mut self, v: Vec3) {
        self.apply_map(&|p| p + v);
    }

    /// Moves so that the point `aligned_edge` of the bounding box lands on `target`.
    pub fn move_to(&mut self, target: Vec3, aligned_edge: Vec3) {
        let cur = self.critical_point(aligned_edge);
        self.shift(target - cur);
    }

    /// Manim's `next_to`: beside `target_point`'s box on side `dir`, `buff` away.
    pub fn next_to_box(&mut self, target: (Vec3, Vec3), dir: Vec3, buff: f64, aligned_edge: Vec3) {
        let tp = box_point(target, aligned_edge + dir);
        let key2 = aligned_edge - dir;
        let mine = self.critical_point(key2);
        self.shift(tp - mine + dir * buff);
    }

    /// Aligns the `dir` edge with the same edge of `target`.
    pub fn align_to(&mut self, target: (Vec3, Vec3), dir: Vec3) {
        let (lo, hi) = target;
        let mine = self.critical_point(dir);
        let mut d = Vec3::ZERO;
        for (k, (dc, m)) in [(dir.x, mine.x), (dir.y, mine.y), (dir.z, mine.z)]
            .into_iter()
            .enumerate()
        {
            let t = if dc > 1e-9 {
                [hi.x, hi.y, hi.z][k]
            } else if dc < -1e-9 {
                [lo.x, lo.y, lo.z][k]
            } else {
                continue;
            };
            match k {
                0 => d.x = t - m,
                1 => d.y = t - m,
                _ => d.z = t - m,
            }
        }
        self.shift(d);
    }

    /// Scales about `about` (the centre when `None`). Strokes keep their width, as in Manim.
    pub fn scale(&mut self, k: f64, about: Option<Vec3>) {
        let c = about.unwrap_or_else(|| self.center());
        self.apply_map(&|p| c + (p - c) * k);
    }

    /// Rotates about `axis` through `about` (the centre when `None`).
    pub fn rotate(&mut self, angle: f64, axis: Vec3, about: Option<Vec3>) {
        let c = about.unwrap_or_else(|| self.center());
        self.apply_map(&|p| c + (p - c).rotate(angle, axis));
    }

    /// Manim's `set_color`: fill and stroke colour of every leaf.
    pub fn set_color(&mut self, c: Color) {
        self.for_each_node_mut(&mut |m| {
            m.style.fill = c;
            m.style.stroke = c;
            m.style.stroke_gradient = None;
        });
    }
    pub fn set_fill(&mut self, c: Option<Color>, opacity: Option<f32>) {
        self.for_each_node_mut(&mut |m| {
            if let Some(c) = c {
                m.style.fill = c;
            }
            if let Some(o) = opacity {
                m.style.fill_opacity = o;
            }
        });
    }
    pub fn set_stroke(&mut self, c: Option<Color>, width: Option<f64>, opacity: Option<f32>) {
        self.for_each_node_mut(&mut |m| {
            if let Some(c) = c {
                m.style.stroke = c;
                m.style.stroke_gradient = None;
            }
            if let Some(w) = width {
                m.style.stroke_width = w;
            }
            if let Some(o) = opacity {
                m.style.stroke_opacity = o;
            }
        });
    }
    /// Manim's `set_opacity`: fill and stroke opacity alike (pictures too).
    pub fn set_opacity(&mut self, o: f32) {
        self.for_each_node_mut(&mut |m| {
            m.style.fill_opacity = o;
            m.style.stroke_opacity = o;
            if let Some(p) = &mut m.picture {
                p.opacity = o;
            }
        });
    }
    /// Multiplies every opacity by `k` (fades keep the object's own opacities).
    pub fn fade_by(&mut self, k: f32) {
        self.for_each_node_mut(&mut |m| {
            m.style.fill_opacity *= k;
            m.style.stroke_opacity *= k;
            if let Some(p) = &mut m.picture {
                p.opacity *= k;
            }
        });
    }
    pub fn set_z_index(&mut self, z: i32) {
        self.for_each_node_mut(&mut |m| m.z_index = z);
    }
}
