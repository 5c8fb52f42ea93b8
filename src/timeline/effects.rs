//! Manim's indication and growing animations as *effects*: each is a pure function from an
//! object and an eased progress `alpha` to how the object looks then, so a frame stays a pure
//! function of time. One `AnimKind::Effect` carries any of them; adding an animation is adding
//! a type here, not a case in the timeline.

use std::f64::consts::{PI, TAU};
use std::fmt::Debug;
use std::sync::Arc;

use super::anim::interpolate;
use super::rate::smooth;
use crate::geom::{Path, Vec3};
use crate::scene::{Color, Mobject, Style};

pub trait Effect: Debug + Send + Sync {
    /// The object at eased progress `alpha` (0 = as it was, 1 = the end).
    fn apply(&self, m: &mut Mobject, alpha: f64);
    /// Whether the end state differs from the start (then it is kept after the animation).
    fn lasting(&self) -> bool {
        false
    }
}

/// Manim's `there_and_back`.
fn there_and_back(t: f64) -> f64 {
    smooth(if t < 0.5 { 2.0 * t } else { 2.0 * (1.0 - t) })
}

/// Manim's ShowPassingFlash window at `alpha`: `[upper − width, upper]` clamped to [0, 1].
fn flash_window(alpha: f64, width: f64) -> (f64, f64) {
    let upper = alpha * (1.0 + width);
    ((upper - width).max(0.0), upper.min(1.0))
}

/// Grows from a point: scaled up from nothing about `point`, turning by `angle` on the way
/// (GrowFromPoint, GrowFromCenter, GrowArrow, SpinInFromNothing).
#[derive(Debug)]
pub struct Grow {
    /// `None`: the object's own centre.
    pub point: Option<Vec3>,
    pub angle: f64,
    pub point_color: Option<Color>,
}

impl Effect for Grow {
    fn apply(&self, m: &mut Mobject, a: f64) {
        if a >= 1.0 {
            return;
        }
        let p = self.point.unwrap_or_else(|| m.center());
        m.scale(a.max(1e-6), Some(p));
        if self.angle != 0.0 {
            m.rotate((a - 1.0) * self.angle, Vec3::OUT, Some(p));
        }
        if let Some(c) = self.point_color {
            let t = a as f32;
            m.for_each_node_mut(&mut |n| {
                n.style.fill = c.lerp(n.style.fill, t);
                n.style.stroke = c.lerp(n.style.stroke, t);
            });
        }
    }
}

/// Manim's DrawBorderThenFill: the outline is traced (stroke `width`), then filled.
#[derive(Debug)]
pub struct DrawBorderThenFill {
    pub stroke_width: f64,
    pub stroke_color: Option<Color>,
}

impl Effect for DrawBorderThenFill {
    fn apply(&self, m: &mut Mobject, a: f64) {
        if a >= 1.0 {
            return;
        }
        m.for_each_leaf_mut(&mut |leaf| {
            let target = leaf.style.clone();
            let color = self.stroke_color.unwrap_or(if target.stroke_width > 0.0 {
                target.stroke
            } else {
                target.fill
            });
            let outline = Style {
                fill_opacity: 0.0,
                stroke: color,
                stroke_width: self.stroke_width,
                stroke_opacity: 1.0,
                ..target.clone()
            };
            if a < 0.5 {
                leaf.path = leaf.path.partial(0.0, a * 2.0);
                leaf.style = outline;
            } else {
                leaf.style = outline.lerp(&target, a * 2.0 - 1.0);
            }
        });
    }
}

/// Manim's Indicate: scaled by `scale` and tinted `color` (there and back, by its rate).
#[derive(Debug)]
pub struct Indicate {
    pub scale: f64,
    pub color: Color,
}

impl Effect for Indicate {
    fn apply(&self, m: &mut Mobject, a: f64) {
        m.scale(1.0 + (self.scale - 1.0) * a, None);
        let t = a as f32;
        m.for_each_node_mut(&mut |n| {
            n.style.fill = n.style.fill.lerp(self.color, t);
            n.style.stroke = n.style.stroke.lerp(self.color, t);
        });
    }
}

/// Manim's Flash: `num_lines` short rays flash outward around a point.
#[derive(Debug)]
pub struct Flash {
    /// `None`: the object's centre.
    pub point: Option<Vec3>,
    pub color: Color,
    pub line_length: f64,
    pub num_lines: usize,
    pub flash_radius: f64,
    pub stroke_width: f64,
    pub time_width: f64,
}

impl Effect for Flash {
    fn apply(&self, m: &mut Mobject, a: f64) {
        if a <= 0.0 || a >= 1.0 {
            return;
        }
        let p = self.point.unwrap_or_else(|| m.center());
        let (lo, hi) = flash_window(a, self.time_width);
        for k in 0..self.num_lines {
            let ang = TAU * k as f64 / self.num_lines as f64;
            let d = Vec3::xy(ang.cos(), ang.sin());
            let s = p + d * self.flash_radius;
            let ray = Path::polyline(&[s, s + d * self.line_length]);
            m.children.push(Mobject::leaf(
                ray.partial(lo, hi),
                Style::stroked(self.color, self.stroke_width),
            ));
        }
    }
}

/// Manim's ShowPassingFlash: only a window `time_width` long of the outline shows, sweeping
/// along it; the object is gone at the end.
#[derive(Debug)]
pub struct PassingFlash {
    pub time_width: f64,
}

impl Effect for PassingFlash {
    fn apply(&self, m: &mut Mobject, a: f64) {
        let (lo, hi) = flash_window(a, self.time_width);
        m.for_each_leaf_mut(&mut |l| l.path = l.path.partial(lo, hi));
    }
}

/// Manim's Circumscribe: a frame around the object (rectangle or circle, `buff` away) flashes
/// past once.
#[derive(Debug)]
pub struct Circumscribe {
    /// The box to go around.
    pub bounds: (Vec3, Vec3),
    pub circle: bool,
    pub buff: f64,
    pub color: Color,
    pub stroke_width: f64,
    pub time_width: f64,
}

impl Effect for Circumscribe {
    fn apply(&self, m: &mut Mobject, a: f64) {
        if a <= 0.0 || a >= 1.0 {
            return;
        }
        let (lo, hi) = self.bounds;
        let c = (lo + hi) / 2.0;
        let frame = if self.circle {
            let r = ((hi.x - lo.x).powi(2) + (hi.y - lo.y).powi(2)).sqrt() / 2.0 + self.buff;
            crate::scene::shapes::circle(c, r, self.color).path
        } else {
            let (w, h) = (hi.x - lo.x + 2.0 * self.buff, hi.y - lo.y + 2.0 * self.buff);
            let mut r = crate::scene::shapes::rectangle(w, h, self.color);
            r.shift(c);
            r.path
        };
        let (l, u) = flash_window(a, self.time_width);
        m.children.push(Mobject::leaf(
            frame.partial(l, u),
            Style::stroked(self.color, self.stroke_width),
        ));
    }
}

/// Manim's Wiggle: grows a little and shakes `n_wiggles` times.
#[derive(Debug)]
pub struct Wiggle {
    pub scale: f64,
    pub angle: f64,
    pub n_wiggles: f64,
}

impl Effect for Wiggle {
    fn apply(&self, m: &mut Mobject, a: f64) {
        let c = m.center();
        m.scale(1.0 + (self.scale - 1.0) * there_and_back(a), Some(c));
        let w = there_and_back(a) * (self.n_wiggles * PI * a).sin();
        m.rotate(w * self.angle, Vec3::OUT, Some(c));
    }
}

/// Manim's FocusOn: a large grey disc shrinks onto a point, darkening as it closes in.
#[derive(Debug)]
pub struct FocusOn {
    pub point: Option<Vec3>,
    pub color: Color,
    pub opacity: f64,
    /// Starting radius (Manim: half the frame's width plus half its height).
    pub radius: f64,
}

impl Effect for FocusOn {
    fn apply(&self, m: &mut Mobject, a: f64) {
        if a <= 0.0 || a >= 1.0 {
            return;
        }
        let p = self.point.unwrap_or_else(|| m.center());
        let mut d = crate::scene::shapes::dot(p, self.radius * (1.0 - a), self.color);
        d.style.fill_opacity = (self.opacity * a) as f32;
        m.children.push(d);
    }
}

/// Manim's ApplyWave: a bump of height `amplitude` travels across the object along x.
#[derive(Debug)]
pub struct Wave {
    pub direction: Vec3,
    pub amplitude: f64,
    pub time_width: f64,
    pub ripples: usize,
}

impl Wave {
    fn wave(&self, t: f64) -> f64 {
        let t = 1.0 - t;
        if t >= 1.0 || t <= 0.0 {
            return 0.0;
        }
        let r = self.ripples.max(1);
        let phases = (r * 2) as f64;
        let phase = (t * phases) as usize;
        if phase == 0 {
            smooth(t * phases)
        } else if phase == r * 2 - 1 {
            let t = t - phase as f64 / phases;
            (1.0 - smooth(t * phases)) * (2.0 * (r % 2) as f64 - 1.0)
        } else {
            let ph = (phase - 1) / 2;
            let t = t - (2 * ph + 1) as f64 / phases;
            (1.0 - 2.0 * smooth(t * r as f64)) * (1.0 - 2.0 * (ph % 2) as f64)
        }
    }
}

impl Effect for Wave {
    fn apply(&self, m: &mut Mobject, a: f64) {
        let Some((lo, hi)) = m.bounds() else { return };
        let upper = a * (1.0 + self.time_width);
        let lower = upper - self.time_width;
        let vect = self.direction.normalize() * self.amplitude;
        let span = (hi.x - lo.x).max(1e-12);
        m.apply_map(&|p| {
            let rel = (p.x - lo.x) / span;
            let phase = (rel - lower) / (upper - lower);
            p + vect * self.wave(phase)
        });
    }
}

/// Manim's FadeTransform: the source stretches onto the target's box while fading out, the
/// target comes from the source's box while fading in.
#[derive(Debug)]
pub struct FadeTransform {
    pub target: Arc<Mobject>,
}

fn fit(m: &mut Mobject, from: (Vec3, Vec3), to: (Vec3, Vec3)) {
    let s = |a: f64, b: f64, c: f64, d: f64| {
        if (b - a).abs() < 1e-12 {
            1.0
        } else {
            (d - c) / (b - a)
        }
    };
    let (kx, ky) = (
        s(from.0.x, from.1.x, to.0.x, to.1.x),
        s(from.0.y, from.1.y, to.0.y, to.1.y),
    );
    m.apply_map(&|p| {
        Vec3::new(
            to.0.x + (p.x - from.0.x) * kx,
            to.0.y + (p.y - from.0.y) * ky,
            p.z,
        )
    });
}

impl Effect for FadeTransform {
    fn apply(&self, m: &mut Mobject, a: f64) {
        let (Some(sb), Some(tb)) = (m.bounds(), self.target.bounds()) else {
            return;
        };
        let mid = (sb.0.lerp(tb.0, a), sb.1.lerp(tb.1, a));
        let mut src = m.clone();
        fit(&mut src, sb, mid);
        src.fade_by((1.0 - a) as f32);
        let mut dst = (*self.target).clone();
        fit(&mut dst, tb, mid);
        dst.fade_by(a as f32);
        *m = Mobject::group(vec![src, dst]);
    }
}

/// Manim's SpiralIn: each part comes from `scale_factor` times as far from the group's centre,
/// circling it once while turning back about itself, fading in over the first
/// `fade_in_fraction`.
#[derive(Debug)]
pub struct SpiralIn {
    pub center: Vec3,
    pub scale_factor: f64,
    pub fade_in_fraction: f64,
}

impl Effect for SpiralIn {
    fn apply(&self, m: &mut Mobject, a: f64) {
        if a >= 1.0 {
            return;
        }
        let fin = m.center();
        m.shift((fin - self.center) * (self.scale_factor * (1.0 - a)));
        m.rotate(TAU * a, Vec3::OUT, Some(self.center));
        m.rotate(-TAU * a, Vec3::OUT, None);
        let k = (a / self.fade_in_fraction.max(1e-9)).min(1.0);
        m.fade_by(k as f32);
    }
}

/// Manim's Rotate: turns by `angle` about `axis` through `about` (the centre when `None`).
#[derive(Debug)]
pub struct Rotate {
    pub angle: f64,
    pub axis: Vec3,
    pub about: Option<Vec3>,
}

impl Effect for Rotate {
    fn apply(&self, m: &mut Mobject, a: f64) {
        m.rotate(self.angle * a, self.axis, self.about);
    }
    fn lasting(&self) -> bool {
        true
    }
}

/// Manim's Restore: back to the state kept by `save_state` (each leaf morphs).
#[derive(Debug)]
pub struct Restore;

impl Effect for Restore {
    fn apply(&self, m: &mut Mobject, a: f64) {
        if let Some(s) = m.saved.clone() {
            *m = interpolate(m, &s, a, 0.0, false);
            m.saved = Some(s);
        }
    }
    fn lasting(&self) -> bool {
        true
    }
}

/// An object as a style change leaves it (made at frame time by the language, which knows the
/// methods); errors are worded for people.
pub type StyleFn = Arc<dyn Fn(&Mobject) -> Result<Mobject, String> + Send + Sync>;

/// Style methods animated on an object rebuilt every frame (`label.animate.set_color(RED)` on
/// a label that follows a tracker): each frame, its colours and opacities go from the rebuilt
/// object's towards what the methods make of it.
pub struct Restyle {
    pub styled: StyleFn,
}

impl Debug for Restyle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Restyle")
    }
}

impl Effect for Restyle {
    fn apply(&self, m: &mut Mobject, a: f64) {
        if a <= 0.0 {
            return;
        }
        // The same methods were run on the object when the animation was made (a mistake is
        // reported then, with its caret), so they do not fail here.
        if let Ok(target) = (self.styled)(m) {
            blend_styles(m, &target, a);
        }
    }
}

/// `m`'s style (every node's colours, opacities, widths) moved a fraction `t` towards
/// `target`'s, node by node; the shape stays `m`'s.
pub fn blend_styles(m: &mut Mobject, target: &Mobject, t: f64) {
    m.style = if t >= 1.0 {
        target.style.clone()
    } else {
        m.style.lerp(&target.style, t)
    };
    if t >= 0.5 {
        m.z_index = target.z_index;
    }
    for (c, tc) in m.children.iter_mut().zip(&target.children) {
        blend_styles(c, tc, t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::shapes;

    #[test]
    fn grow_starts_at_the_point_and_ends_whole() {
        let sq = shapes::rectangle(2.0, 2.0, Color::WHITE);
        let g = Grow {
            point: Some(Vec3::xy(1.0, 1.0)),
            angle: 0.0,
            point_color: None,
        };
        let mut m = sq.clone();
        g.apply(&mut m, 0.0);
        assert!(m.width() < 1e-5 && (m.center() - Vec3::xy(1.0, 1.0)).length() < 1e-5);
        let mut m = sq.clone();
        g.apply(&mut m, 1.0);
        assert_eq!(m, sq);
    }

    #[test]
    fn passing_flash_window() {
        assert_eq!(flash_window(0.0, 0.1), (0.0, 0.0));
        let (l, u) = flash_window(0.5, 0.2);
        assert!((u - 0.6).abs() < 1e-12 && (l - 0.4).abs() < 1e-12);
        assert_eq!(flash_window(1.0, 0.1), (1.0, 1.0));
    }

    #[test]
    fn wave_is_zero_outside_and_bumps_inside() {
        let w = Wave {
            direction: Vec3::UP,
            amplitude: 0.2,
            time_width: 1.0,
            ripples: 1,
        };
        assert_eq!(w.wave(0.0), 0.0);
        assert_eq!(w.wave(1.0), 0.0);
        assert!((w.wave(0.5) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn fade_transform_ends_as_target() {
        let a = shapes::rectangle(2.0, 2.0, Color::WHITE);
        let mut b = shapes::circle(Vec3::ZERO, 0.5, Color::WHITE);
        b.shift(Vec3::xy(3.0, 0.0));
        let e = FadeTransform {
            target: Arc::new(b.clone()),
        };
        let mut m = a.clone();
        e.apply(&mut m, 1.0);
        assert!((m.children[1].center() - b.center()).length() < 1e-9);
        assert_eq!(m.children[0].leaves()[0].style.stroke_opacity, 0.0);
    }
}
