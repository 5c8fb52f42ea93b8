//! Objects and animations over time. A compiled scene is a list of segments (one per `play`
//! or `wait`); each knows what was on screen when it began, the tracker values and camera then,
//! and the animations running in it. `state_at(t)` is a pure function of `t`, so frames can be
//! rendered in any order, on any thread.

mod anim;
pub mod effects;
pub mod linear;
mod rate;

use std::sync::Arc;

pub use anim::{interpolate, subtree_mut, Anim, AnimKind, Target};
pub use rate::{smooth, sub_alpha, CustomRate, Rate};

use crate::geom::Vec3;
use crate::render::Frame;
use crate::scene::{Camera, Color, Mobject};

/// Builds an object from tracker values and the state now of the objects it reads (Manim's
/// always_redraw): `states[i]` is the i-th of its `Live::reads` as the frame shows it (missing
/// or `None`: as its own definition leaves it). Errors are already worded for people (with
/// file, line and caret).
pub type Builder =
    Arc<dyn Fn(&[f64], &[Option<&Mobject>]) -> Result<Mobject, String> + Send + Sync>;

/// An object rebuilt every frame, after the objects on screen that it reads.
#[derive(Clone)]
pub struct Live {
    pub build: Builder,
    /// The objects on screen its definition reads, in the order `build` takes their states.
    pub reads: Vec<Target>,
    /// The error when it reads itself through the objects it reads (worded, with a caret).
    pub cycle: Arc<str>,
}

/// A point computed from tracker values (what a traced path or a following camera tracks).
pub type PointFn = Arc<dyn Fn(&[f64]) -> Result<crate::geom::Vec3, String> + Send + Sync>;

/// A live camera: sets camera fields from tracker values (a camera following an object, an
/// illusion rotation driven by the clock), after the segment's camera animations.
pub type CameraUpdate = Arc<dyn Fn(&[f64], &mut Camera) -> Result<(), String> + Send + Sync>;

/// A live camera update; when it follows an object shown on screen, also that object (its
/// centre after the segment's animations, so the camera keeps up with `.animate` and
/// `move_along` too, as Manim's `frame.add_updater(lambda f: f.move_to(dot))` does).
#[derive(Clone)]
pub struct Follow(pub CameraUpdate, pub Option<Target>);

impl std::fmt::Debug for Follow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Follow")
    }
}

/// The path a point has drawn: sampled from its own past, so still a pure function of time.
#[derive(Clone)]
pub struct Traced {
    pub point: PointFn,
    /// The object whose centre is traced, when it is one shown on screen: its centre is taken
    /// after the animations (an object moved by `.animate` or `rotate` draws its path too).
    pub object: Option<Target>,
    /// When tracing began (scene seconds).
    pub start: f64,
    /// Only the last this-many seconds are shown, fading out (Manim's dissipating_time).
    pub dissipating: Option<f64>,
    pub style: crate::scene::Style,
}

/// Samples per second of traced history, and at most this many per path.
const TRACE_RATE: f64 = 60.0;
const TRACE_MAX: usize = 3000;
/// The two edges of a flat ribbon `half` wide on each side of the points (normals averaged
/// from the neighbours), or None when the points never move.
fn ribbon(pts: &[(f64, Vec3)], half: f64) -> Option<(Vec<Vec3>, Vec<Vec3>)> {
    let n = pts.len();
    let mut normals: Vec<Option<Vec3>> = (0..n)
        .map(|i| {
            let d = pts[(i + 1).min(n - 1)].1 - pts[i.saturating_sub(1)].1;
            let len = d.x.hypot(d.y);
            (len > 1e-12).then(|| Vec3::xy(-d.y / len, d.x / len))
        })
        .collect();
    // Where the point stood still, borrow the nearest normal.
    let first = normals.iter().flatten().next().copied()?;
    let mut prev = first;
    for k in normals.iter_mut() {
        prev = k.unwrap_or(prev);
        *k = Some(prev);
    }
    let (l, r) = pts
        .iter()
        .zip(&normals)
        .map(|((_, p), nm)| {
            let nm = nm.unwrap_or(first) * half;
            (*p + nm, *p - nm)
        })
        .unzip();
    Some((l, r))
}

/// Bands of falling opacity a dissipating trace is drawn with.
const TRACE_BANDS: usize = 32;

/// What an object on screen is: a fixed shape, or one rebuilt from trackers every frame.
#[derive(Clone)]
pub enum Content {
    Static(Arc<Mobject>),
    Dynamic(Live),
    Traced(Arc<Traced>),
}

impl std::fmt::Debug for Content {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Content::Static(_) => write!(f, "Static"),
            Content::Dynamic(_) => write!(f, "Dynamic"),
            Content::Traced(_) => write!(f, "Traced"),
        }
    }
}

impl Content {
    pub fn build(&self, trackers: &[f64]) -> Result<Mobject, String> {
        Ok(Arc::unwrap_or_clone(self.build_shared(trackers)?))
    }

    /// The object at these tracker values; a fixed shape is shared, not copied (a frame copies
    /// only what its animations change, and the renderer's cache keeps the same object).
    pub fn build_shared(&self, trackers: &[f64]) -> Result<Arc<Mobject>, String> {
        match self {
            Content::Static(m) => Ok(m.clone()),
            Content::Dynamic(l) => (l.build)(trackers, &[]).map(Arc::new),
            // Needs the timeline's history: built by `Timeline::state_at`.
            Content::Traced(_) => Ok(Arc::default()),
        }
    }
}

/// Identity of an object across segments.
pub type ObjId = usize;

#[derive(Clone, Debug)]
pub struct Segment {
    pub start: f64,
    pub duration: f64,
    /// Objects on screen at the start, in drawing order.
    pub shown: Vec<(ObjId, Content)>,
    pub trackers: Vec<f64>,
    pub camera: Camera,
    pub anims: Vec<Anim>,
    /// Live camera updates (`camera.follow(obj)`, illusion rotation), applied in order.
    pub follow: Vec<Follow>,
    /// The order `shown` is built in (`Timeline::build_order`), worked out on first use: it
    /// depends on the segment only, not on the frame.
    pub order: std::sync::OnceLock<Result<Vec<Vec<usize>>, String>>,
}

/// A named part of a scene (`section("name")`): from `start` to the next section or the end.
#[derive(Clone, Debug)]
pub struct Section {
    pub name: String,
    pub start: f64,
}

#[derive(Clone, Debug, Default)]
pub struct Timeline {
    pub name: String,
    pub segments: Vec<Segment>,
    pub background: Option<Color>,
    pub sections: Vec<Section>,
    /// Warnings from compiling the scene, worded for people (with file, line and caret).
    pub warnings: Vec<String>,
    /// The tracker that holds the scene's time (`time()` in the language), if used.
    pub clock: Option<usize>,
    /// Frames leave the background unpainted (the command line's `-t`).
    pub transparent: bool,
}

impl Timeline {
    pub fn duration(&self) -> f64 {
        self.segments
            .last()
            .map(|s| s.start + s.duration)
            .unwrap_or(0.0)
    }

    /// Number of frames at `fps` (Manim counts ⌈duration·fps⌉, at least one).
    pub fn frame_count(&self, fps: f64) -> usize {
        ((self.duration() * fps - 1e-9).ceil() as usize).max(1)
    }

    fn segment_at(&self, t: f64) -> Option<&Segment> {
        if self.segments.is_empty() {
            return None;
        }
        let i = self.segments.partition_point(|s| s.start <= t);
        Some(&self.segments[i.saturating_sub(1)])
    }

    /// Tracker values and camera at time `t` within `seg`.
    fn values_at(&self, seg: &Segment, t: f64) -> (Vec<f64>, Camera) {
        let local = (t - seg.start).max(0.0);
        let mut trackers = seg.trackers.clone();
        let mut camera = seg.camera.clone();
        // Only animations that have started: a later one in a succession must not pull the
        // value back to its own start before its turn.
        for a in seg.anims.iter().filter(|a| local >= a.start) {
            let alpha = a.alpha(local);
            match &a.kind {
                AnimKind::Tracker { id, from, to } => trackers[*id] = from + (to - from) * alpha,
                AnimKind::Camera { from, to } => camera = from.lerp(to, alpha),
                _ => {}
            }
        }
        if let Some(c) = self.clock {
            // A segment recorded before the clock was first read has no slot for it.
            if trackers.len() <= c {
                trackers.resize(c + 1, 0.0);
            }
            trackers[c] = t;
        }
        // Ambient rotation runs on top of any camera animation.
        camera.theta += camera.theta_rate * local;
        (trackers, camera)
    }

    /// The path traced up to `t`, from the traced point's own past values.
    fn trace(&self, tr: &Traced, t: f64) -> Result<Mobject, String> {
        let from = match tr.dissipating {
            Some(d) => tr.start.max(t - d),
            None => tr.start,
        };
        let n = (((t - from) * TRACE_RATE).ceil() as usize).clamp(1, TRACE_MAX);
        let mut pts = Vec::with_capacity(n + 1);
        for k in 0..=n {
            let tau = from + (t - from) * k as f64 / n as f64;
            let Some(seg) = self.segment_at(tau) else {
                continue;
            };
            if let Some(p) = tr.object.as_ref().and_then(|o| self.center_at(seg, o, tau)) {
                pts.push((tau, p?));
                continue;
            }
            let (vals, _) = self.values_at(seg, tau);
            pts.push((tau, (tr.point)(&vals)?));
        }
        let polyline = |pts: &[(f64, Vec3)]| {
            let mut path = crate::geom::Path::new();
            if let Some((_, p0)) = pts.first() {
                path.move_to(*p0);
                for (_, p) in &pts[1..] {
                    path.line_to(*p);
                }
            }
            path
        };
        let Some(d) = tr.dissipating.filter(|d| *d > 0.0 && pts.len() > 1) else {
            return Ok(Mobject::leaf(polyline(&pts), tr.style.clone()));
        };
        // Dissipating (Manim's TracedPath with dissipating_time): the trail fades out along its
        // length, full at the point, gone where it was `d` seconds ago. Drawn as bands of
        // falling opacity, each band's opacity its middle's age. Flat trails are drawn as
        // filled ribbons whose bands share their edges exactly (stroked bands would overlap
        // at their round ends and show beads); a trail leaving the plane is stroked.
        let last = pts.len() - 1;
        let bands = last.min(TRACE_BANDS);
        let flat = pts.iter().all(|(_, p)| p.z == 0.0);
        let edges = ribbon(&pts, tr.style.stroke_width * 0.005);
        let mut parts = Vec::with_capacity(bands);
        for b in 0..bands {
            let (i0, i1) = (b * last / bands, (b + 1) * last / bands);
            let band = &pts[i0..=i1];
            let mid = (band[0].0 + band[band.len() - 1].0) / 2.0;
            let fade = (1.0 - (t - mid) / d).clamp(0.0, 1.0) as f32;
            let mut style = tr.style.clone();
            style.stroke_opacity *= fade;
            match (&edges, flat) {
                (Some((l, r)), true) => {
                    let mut path = crate::geom::Path::new();
                    path.move_to(l[i0]);
                    for p in &l[i0 + 1..=i1] {
                        path.line_to(*p);
                    }
                    for p in r[i0..=i1].iter().rev() {
                        path.line_to(*p);
                    }
                    path.close();
                    style.fill = style.stroke;
                    style.fill_opacity = style.stroke_opacity;
                    style.stroke_width = 0.0;
                    parts.push(Mobject::leaf(path, style));
                }
                _ => parts.push(Mobject::leaf(polyline(band), style)),
            }
        }
        Ok(Mobject::group(parts))
    }

    /// Whether an object pauses following its trackers in `seg`: it is being created, written or
    /// faded (as in Manim), so it is built from the segment's starting tracker values.
    fn pauses(seg: &Segment, id: ObjId) -> bool {
        seg.anims.iter().any(|a| {
            !matches!(
                a.kind,
                AnimKind::MoveAlong { .. } | AnimKind::Tracker { .. } | AnimKind::Camera { .. }
            ) && a.targets.iter().any(|t| t.slot == id)
        })
    }

    /// The centre at `t` (within `seg`) of one object on screen, its animations applied; `None`
    /// when it is not on screen then.
    fn center_at(
        &self,
        seg: &Segment,
        target: &Target,
        t: f64,
    ) -> Option<Result<crate::geom::Vec3, String>> {
        let (_, content) = seg.shown.iter().find(|(i, _)| *i == target.slot)?;
        if matches!(content, Content::Traced(_)) {
            return None;
        }
        let (trackers, _) = self.values_at(seg, t);
        if matches!(content, Content::Dynamic(l) if !l.reads.is_empty()) {
            // It follows other objects: build it and what it reads, in their order.
            let i = seg.shown.iter().position(|(i, _)| *i == target.slot)?;
            let objects = match self.objects_at(seg, t, &trackers, Some(i)) {
                Ok(o) => o,
                Err(e) => return Some(Err(e)),
            };
            let node = target
                .path
                .iter()
                .try_fold(&*objects[i], |n, &k| n.children.get(k))?;
            return Some(Ok(node.center()));
        }
        let built = content.build_shared(if Self::pauses(seg, target.slot) {
            &seg.trackers
        } else {
            &trackers
        });
        let mut objects = match built {
            Ok(m) => vec![m],
            Err(e) => return Some(Err(e)),
        };
        let position = |slot: ObjId| (slot == target.slot).then_some(0);
        let local = (t - seg.start).max(0.0);
        for a in &seg.anims {
            a.apply(&mut objects, &position, local);
        }
        let mut node: &Mobject = &objects[0];
        for &k in &target.path {
            node = node.children.get(k)?;
        }
        Some(Ok(node.center()))
    }

    /// Everything visible at time `t`.
    pub fn state_at(&self, t: f64) -> Result<Frame, String> {
        let Some(seg) = self.segment_at(t) else {
            return Ok(Frame {
                background: self.background,
                transparent: self.transparent,
                ..Default::default()
            });
        };
        // Trackers and camera first: objects depend on them.
        let (trackers, mut camera) = self.values_at(seg, t);
        for f in &seg.follow {
            (f.0)(&trackers, &mut camera)?;
        }
        let objects = self.objects_at(seg, t, &trackers, None)?;
        let position = |slot: ObjId| seg.shown.iter().position(|(i, _)| *i == slot);
        // A camera following an object on screen keeps its animated centre in the middle.
        for f in &seg.follow {
            if let Some(tg) = &f.1 {
                let node = position(tg.slot).and_then(|i| {
                    tg.path
                        .iter()
                        .try_fold(&*objects[i], |n, &k| n.children.get(k))
                });
                if let Some(n) = node {
                    camera.center = n.center();
                }
            }
        }
        Ok(Frame {
            objects,
            camera,
            background: self.background,
            transparent: self.transparent,
        })
    }
}

impl Timeline {
    /// The objects on screen at `t` (in `seg`), animations applied. Each is built once; a
    /// dynamic object pauses while it is being created, written or faded (as in Manim), so it is
    /// then built from the segment's starting values. Objects that follow others are built
    /// after them, from the state the frame shows them in (see `build_order`).
    /// With `only`, just that object and those it reads are built (the others are left
    /// empty), for the centre of one object (a traced path samples it many times).
    fn objects_at(
        &self,
        seg: &Segment,
        t: f64,
        trackers: &[f64],
        only: Option<usize>,
    ) -> Result<Vec<Arc<Mobject>>, String> {
        let local = (t - seg.start).max(0.0);
        let position = |slot: ObjId| seg.shown.iter().position(|(i, _)| *i == slot);
        let levels = Self::build_order(seg)?;
        let mut needed = vec![only.is_none(); seg.shown.len()];
        if let Some(i) = only {
            let mut todo = vec![i];
            while let Some(j) = todo.pop() {
                if !std::mem::replace(&mut needed[j], true) {
                    if let Content::Dynamic(l) = &seg.shown[j].1 {
                        todo.extend(l.reads.iter().filter_map(|tg| position(tg.slot)));
                    }
                }
            }
        }
        let mut objects = vec![Arc::<Mobject>::default(); seg.shown.len()];
        for level in levels {
            for &i in level.iter().filter(|&&i| needed[i]) {
                let (id, content) = &seg.shown[i];
                let paused = Self::pauses(seg, *id);
                let vals = if paused { &seg.trackers[..] } else { trackers };
                objects[i] = match content {
                    Content::Traced(tr) => Arc::new(self.trace(tr, t)?),
                    Content::Dynamic(l) if !l.reads.is_empty() && !paused => {
                        let states: Vec<Option<&Mobject>> = l
                            .reads
                            .iter()
                            .map(|tg| {
                                position(tg.slot).and_then(|j| {
                                    tg.path
                                        .iter()
                                        .try_fold(&*objects[j], |n, &c| n.children.get(c))
                                })
                            })
                            .collect();
                        Arc::new((l.build)(vals, &states)?)
                    }
                    c => c.build_shared(vals)?,
                };
            }
            // Then the animations, each to all of its targets at once (so lag across a group
            // counts every member's leaves without building anything again); with objects that
            // follow others, level by level, so the followed are animated before being read.
            if levels.len() == 1 {
                for a in &seg.anims {
                    a.apply(&mut objects, &position, local);
                }
            } else {
                let at_level = |slot: ObjId| position(slot).filter(|i| level.contains(i));
                for a in &seg.anims {
                    a.apply(&mut objects, &at_level, local);
                }
            }
        }
        Ok(objects)
    }

    /// The objects on screen (indices into `seg.shown`) in the order they are built: level 0
    /// reads no other object on screen, level k + 1 reads objects of levels up to k. A
    /// definition that reads itself through others is an error (never a picture from a stale
    /// state).
    pub fn build_order(seg: &Segment) -> Result<&[Vec<usize>], String> {
        seg.order
            .get_or_init(|| Self::work_out_build_order(seg))
            .as_deref()
            .map_err(Clone::clone)
    }

    fn work_out_build_order(seg: &Segment) -> Result<Vec<Vec<usize>>, String> {
        let n = seg.shown.len();
        let position = |slot: ObjId| seg.shown.iter().position(|(i, _)| *i == slot);
        let reads = |i: usize| -> Vec<usize> {
            match &seg.shown[i].1 {
                Content::Dynamic(l) => l.reads.iter().filter_map(|t| position(t.slot)).collect(),
                _ => Vec::new(),
            }
        };
        if (0..n).all(|i| reads(i).is_empty()) {
            return Ok(vec![(0..n).collect()]);
        }
        // Depth-first, with the path being walked marked to find cycles.
        const NEW: usize = usize::MAX;
        const WALKING: usize = usize::MAX - 1;
        let mut level = vec![NEW; n];
        fn visit(
            i: usize,
            level: &mut [usize],
            reads: &dyn Fn(usize) -> Vec<usize>,
            seg: &Segment,
        ) -> Result<usize, String> {
            match level[i] {
                NEW => {}
                WALKING => {
                    return Err(match &seg.shown[i].1 {
                        Content::Dynamic(l) => l.cycle.to_string(),
                        _ => "objects follow each other in a circle".to_string(),
                    })
                }
                l => return Ok(l),
            }
            level[i] = WALKING;
            let mut l = 0;
            for j in reads(i) {
                l = l.max(visit(j, level, reads, seg)? + 1);
            }
            level[i] = l;
            Ok(l)
        }
        for i in 0..n {
            visit(i, &mut level, &reads, seg)?;
        }
        let top = level.iter().copied().max().unwrap_or(0);
        let mut out = vec![Vec::new(); top + 1];
        for (i, l) in level.into_iter().enumerate() {
            out[l].push(i);
        }
        Ok(out)
    }

    /// Whether the picture is the same at every instant of [a, b]: both lie in one segment that
    /// runs no animation and no ambient camera rotation (objects rebuilt from trackers depend
    /// only on tracker values, which then do not move), where nothing reads the clock (a
    /// `rotating` copy, a `time()` definition, an illusion rotation of the camera) and no traced
    /// path drops its oldest part as time goes on. The pipeline pushes a held frame again
    /// instead of drawing it.
    pub fn is_still(&self, a: f64, b: f64) -> bool {
        match (self.segment_at(a), self.segment_at(b)) {
            (Some(s), Some(e)) => {
                let clocked = self.clock.is_some()
                    && (!s.follow.is_empty()
                        || s.shown
                            .iter()
                            .any(|(_, c)| !matches!(c, Content::Static(_))));
                let dissipating = s
                    .shown
                    .iter()
                    .any(|(_, c)| matches!(c, Content::Traced(t) if t.dissipating.is_some()));
                std::ptr::eq(s, e)
                    && s.anims.is_empty()
                    && s.camera.theta_rate == 0.0
                    && !clocked
                    && !dissipating
            }
            _ => true,
        }
    }
}
