//! Animations: how an object looks at a fraction `alpha` of an animation.

use std::sync::Arc;

use super::rate::{sub_alpha, Rate};
use super::ObjId;
use crate::geom::{Path, Vec3};
use crate::scene::{Camera, Mobject, Style};

#[derive(Clone, Debug)]
pub enum AnimKind {
    /// Trace the outline, the fill following (Manim's Create); `reverse` is Uncreate.
    Create {
        reverse: bool,
    },
    /// Outline drawn, then filled, glyph by glyph (Manim's Write); `reverse` is Unwrite.
    Write {
        reverse: bool,
    },
    Fade {
        fade_in: bool,
        shift: Vec3,
        scale: f64,
    },
    /// Morph into `target`, points travelling along arcs of `path_arc` radians (or, with
    /// `spiral`, along Manim's spiral path: start + α·R((α − 1)·angle)·(end − start)).
    Transform {
        target: Arc<Mobject>,
        path_arc: f64,
        spiral: bool,
    },
    /// The object's centre follows `path`.
    MoveAlong {
        path: Arc<Path>,
    },
    Tracker {
        id: usize,
        from: f64,
        to: f64,
    },
    Camera {
        from: Camera,
        to: Camera,
    },
    /// Any effect of `effects.rs` (indications, growing, rotating, restoring, …).
    Effect(Arc<dyn super::effects::Effect>),
}

/// What an animation acts on: an object on screen, or a part of it (child indices).
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub slot: ObjId,
    pub path: Vec<usize>,
}

impl Target {
    pub fn whole(slot: ObjId) -> Target {
        Target {
            slot,
            path: Vec::new(),
        }
    }
}

/// The node at `path` below `m`, if it exists.
pub fn subtree_mut<'a>(m: &'a mut Mobject, path: &[usize]) -> Option<&'a mut Mobject> {
    let mut node = m;
    for &k in path {
        node = node.children.get_mut(k)?;
    }
    Some(node)
}

fn subtree<'a>(m: &'a Mobject, path: &[usize]) -> Option<&'a Mobject> {
    let mut node = m;
    for &k in path {
        node = node.children.get(k)?;
    }
    Some(node)
}

#[derive(Clone, Debug)]
pub struct Anim {
    pub kind: AnimKind,
    /// What it acts on (several for groups), in drawing order.
    pub targets: Vec<Target>,
    /// Start and length within the segment, in seconds.
    pub start: f64,
    pub duration: f64,
    pub rate: Rate,
    /// Stagger between leaves (Manim's lag_ratio), counted across all targets.
    pub lag_ratio: f64,
}

impl Anim {
    /// Eased progress at segment-local time `t`.
    pub fn alpha(&self, t: f64) -> f64 {
        self.rate.apply(self.raw(t))
    }

    /// Linear progress (time elapsed over length) at segment-local time `t`.
    fn raw(&self, t: f64) -> f64 {
        if self.duration <= 0.0 {
            if t >= self.start {
                1.0
            } else {
                0.0
            }
        } else {
            ((t - self.start) / self.duration).clamp(0.0, 1.0)
        }
    }

    /// Applies the animation at segment-local time `t` to its targets among `objects` (found by
    /// `position`, which maps a slot to its index). Lag runs through all targets' leaves. A
    /// target shared with the timeline is copied first; the objects it leaves alone stay shared.
    pub fn apply(
        &self,
        objects: &mut [Arc<Mobject>],
        position: &impl Fn(ObjId) -> Option<usize>,
        t: f64,
    ) {
        if matches!(
            self.kind,
            AnimKind::Tracker { .. } | AnimKind::Camera { .. }
        ) {
            return;
        }
        let lagged = matches!(self.kind, AnimKind::Create { .. } | AnimKind::Write { .. });
        let counts: Vec<usize> = if lagged {
            self.targets
                .iter()
                .map(|tg| {
                    position(tg.slot)
                        .and_then(|i| subtree(&objects[i], &tg.path))
                        .map(|s| s.leaves().len())
                        .unwrap_or(0)
                })
                .collect()
        } else {
            Vec::new()
        };
        let total: usize = counts.iter().sum();
        let mut offset = 0;
        for (k, tg) in self.targets.iter().enumerate() {
            if let Some(node) = position(tg.slot)
                .and_then(|i| subtree_mut(Arc::make_mut(&mut objects[i]), &tg.path))
            {
                self.apply_one(node, t, offset, total);
            }
            if lagged {
                offset += counts[k];
            }
        }
    }

    fn apply_one(&self, m: &mut Mobject, t: f64, offset: usize, total: usize) {
        let alpha = self.alpha(t);
        match &self.kind {
            AnimKind::Create { reverse } | AnimKind::Write { reverse } => {
                // As Manim's Animation.get_sub_alpha: the lag splits the linear time among the
                // parts and the rate eases each part on its own. The reverses play each part's
                // rate backwards (Manim's reverse_rate_function): Uncreate erases the first part
                // first, each from its end; Unwrite, whose parts Manim inverts, the last first.
                let raw = self.raw(t);
                let write = matches!(self.kind, AnimKind::Write { .. });
                let mut i = 0;
                m.for_each_leaf_mut(&mut |leaf| {
                    let k = offset + i;
                    let k = if *reverse && write {
                        total.saturating_sub(1 + k)
                    } else {
                        k
                    };
                    let eased = self.rate.apply(sub_alpha(raw, k, total, self.lag_ratio));
                    let sa = if *reverse { 1.0 - eased } else { eased };
                    if write {
                        write_leaf(leaf, sa);
                    } else {
                        create_leaf(leaf, sa);
                    }
                    i += 1;
                });
            }
            AnimKind::Fade {
                fade_in,
                shift,
                scale,
            } => {
                let vis = if *fade_in { alpha } else { 1.0 - alpha };
                m.fade_by(vis as f32);
                let off = if *fade_in {
                    -*shift * (1.0 - alpha)
                } else {
                    *shift * alpha
                };
                let k = if *fade_in {
                    scale + (1.0 - scale) * alpha
                } else {
                    1.0 + (scale - 1.0) * alpha
                };
                if (k - 1.0).abs() > 1e-12 {
                    m.scale(k, None);
                }
                m.shift(off);
            }
            AnimKind::Transform {
                target,
                path_arc,
                spiral,
            } => {
                *m = interpolate(m, target, alpha, *path_arc, *spiral);
            }
            AnimKind::MoveAlong { path } => {
                if let Some(p) = path.point_at_proportion(alpha) {
                    let c = m.center();
                    m.shift(p - c);
                }
            }
            AnimKind::Effect(e) => e.apply(m, alpha),
            AnimKind::Tracker { .. } | AnimKind::Camera { .. } => {}
        }
    }
}

/// Create on one leaf: the first `a` of its outline, filled as far as traced.
fn create_leaf(leaf: &mut Mobject, a: f64) {
    if a >= 1.0 {
        return;
    }
    if let Some(p) = &mut leaf.picture {
        p.opacity *= a as f32;
    }
    leaf.path = leaf.path.partial(0.0, a);
}

/// Write on one leaf: first half traces an outline (stroke in the fill colour), second half
/// fills it in while the outline settles to the leaf's own stroke (Manim's DrawBorderThenFill).
fn write_leaf(leaf: &mut Mobject, a: f64) {
    if a >= 1.0 {
        return;
    }
    let target = leaf.style.clone();
    let outline = Style {
        fill_opacity: 0.0,
        stroke: if target.stroke_width > 0.0 {
            target.stroke
        } else {
            target.fill
        },
        stroke_width: if target.stroke_width > 0.0 {
            target.stroke_width
        } else {
            2.0
        },
        stroke_opacity: 1.0,
        ..target.clone()
    };
    if let Some(p) = &mut leaf.picture {
        p.opacity *= a as f32;
    }
    if a < 0.5 {
        leaf.path = leaf.path.partial(0.0, a * 2.0);
        leaf.style = outline;
    } else {
        leaf.style = outline.lerp(&target, a * 2.0 - 1.0);
    }
}

/// Manim's `path_along_arc`: a point travels from `a` to `b` on an arc of angle `arc`.
fn arc_lerp(a: Vec3, b: Vec3, t: f64, arc: f64) -> Vec3 {
    if arc.abs() < 1e-9 {
        return a.lerp(b, t);
    }
    let v = b - a;
    let center = a + v * 0.5 + Vec3::OUT.cross(v) / (2.0 * (arc / 2.0).tan());
    center + (a - center).rotate(arc * t, Vec3::OUT)
}

/// Interpolates two objects leaf by leaf (shape, colour, opacity), padding the smaller one with
/// collapsed copies so any shape can become any other.
/// Manim's `spiral_path`: a point goes from `a` to `b` turning by (α − 1)·angle as it closes in.
fn spiral_lerp(a: Vec3, b: Vec3, t: f64, angle: f64) -> Vec3 {
    a + (b - a).rotate((t - 1.0) * angle, Vec3::OUT) * t
}

/// The leaf of `v` nearest to index `i` (None only when `v` is empty).
fn near<'a>(v: &[&'a Mobject], i: usize) -> Option<&'a Mobject> {
    v.get(i.min(v.len().saturating_sub(1))).copied()
}

pub fn interpolate(a: &Mobject, b: &Mobject, t: f64, arc: f64, spiral: bool) -> Mobject {
    let la: Vec<&Mobject> = a.leaves();
    let lb: Vec<&Mobject> = b.leaves();
    let n = la.len().max(lb.len());
    if n == 0 {
        return if t < 1.0 { a.clone() } else { b.clone() };
    }
    let pad = |v: &[&Mobject], i: usize, other: &Mobject| -> Mobject {
        if let Some(m) = v.get(i) {
            (*m).clone()
        } else if let Some(last) = v.last() {
            // Grow from (or shrink into) the centre of the last leaf.
            let mut c = (*last).clone();
            let ctr = c.center();
            c.path = other.path.map(&|_| ctr);
            c
        } else {
            let mut c = other.clone();
            c.fade_by(0.0);
            c
        }
    };
    // The leaf of `v` nearest to index `i` (None only when `v` is empty).
    let mut children = Vec::with_capacity(n);
    for i in 0..n {
        // Lazily: one side may have no leaves at all (a blank text becoming a circle).
        let (Some(for_a), Some(for_b)) = (
            lb.get(i).copied().or_else(|| near(&la, i)),
            la.get(i).copied().or_else(|| near(&lb, i)),
        ) else {
            continue;
        };
        let src = pad(&la, i, for_a);
        let dst = pad(&lb, i, for_b);
        let (pa, pb) = Path::align(&src.path, &dst.path);
        let path = Path::lerp_aligned(&pa, &pb, t, |p, q, t| {
            if spiral {
                spiral_lerp(p, q, t, arc)
            } else {
                arc_lerp(p, q, t, arc)
            }
        });
        let mut leaf = Mobject::leaf(path, src.style.lerp(&dst.style, t));
        leaf.z_index = if t < 0.5 { src.z_index } else { dst.z_index };
        // A zoomed inset's frame and display stay themselves while they move.
        leaf.zoom = if t < 0.5 { src.zoom } else { dst.zoom };
        leaf.picture = if t < 0.5 {
            src.picture.clone()
        } else {
            dst.picture.clone()
        };
        children.push(leaf);
    }
    if t >= 1.0 {
        return b.clone();
    }
    Mobject::group(children)
}
