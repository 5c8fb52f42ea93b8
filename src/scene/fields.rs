//! Manim's vector fields: `ArrowVectorField` (an arrow per grid point, coloured by the
//! field's magnitude) and `StreamLines` (paths traced through the field, with their flowing
//! animation as a pure function of time). The field itself is any function of a point; the
//! caller evaluates it, so this module knows no language.

use super::polygons::manim_arrow;
use super::shapes::line;
use super::{Color, Mobject, Style};
use crate::geom::{Path, Vec3};

/// Manim's `DEFAULT_SCALAR_FIELD_COLORS`: magnitude 0 → BLUE_E … `max` → RED.
pub fn default_colors() -> Vec<Color> {
    ["BLUE_E", "GREEN", "YELLOW", "RED"]
        .iter()
        .filter_map(|n| Color::named(n))
        .collect()
}

/// Manim's `value_to_rgb`: `v` placed between `min` and `max` along the colour list.
pub fn value_color(v: f64, min: f64, max: f64, colors: &[Color]) -> Color {
    let n = colors.len();
    if n == 0 {
        return Color::WHITE;
    }
    let a = if max > min {
        (v - min) / (max - min)
    } else {
        0.0
    };
    let s = a.clamp(0.0, 1.0) * (n - 1) as f64;
    let i = (s.floor() as usize).min(n - 1);
    let j = (i + 1).min(n - 1);
    colors[i].lerp(colors[j], (s - i as f64) as f32)
}

/// Manim's default `length_func` for arrows: `0.45 · sigmoid(norm)`.
pub fn default_length(norm: f64) -> f64 {
    0.45 / (1.0 + (-norm).exp())
}

/// Grid points of a Manim range `[lo, hi, step]`, `hi` included (Manim adds a step to `hi`
/// before `np.arange`).
pub fn grid(lo: f64, hi: f64, step: f64) -> Vec<f64> {
    let n = ((hi + step - lo) / step - 1e-9).ceil().max(0.0) as usize;
    (0..n).map(|k| lo + k as f64 * step).collect()
}

/// One arrow of an ArrowVectorField: from `at` along `v` scaled to `length(|v|)`, with
/// Manim's Vector look (tip ≤ ¼ of the length, stroke ≤ 5 × the length).
pub fn field_arrow(at: Vec3, v: Vec3, len: f64, color: Color) -> Mobject {
    let norm = v.length();
    let out = if norm > 0.0 { v * (len / norm) } else { v };
    let width = 6f64.min(5.0 * out.length());
    manim_arrow(at, at + out, 0.0, color, width, false)
}

/// How stream lines were made, kept on the object so their flow needs nothing repeated.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FlowInfo {
    /// Manim's `virtual_time`: the period of the flow.
    pub virtual_time: f64,
    /// Manim's `line.duration` (the same for every line: `(⌈virtual_time / dt⌉ + 1) · dt`).
    pub duration: f64,
    /// Seeds the per-line start times of the flow.
    pub seed: u64,
}

/// A traced stream line through `points` (one anchor every `step` points), its stroke coloured
/// point by point by `colors` (one per point).
pub fn stream_line(
    points: &[Vec3],
    colors: &[Color],
    max_anchors: usize,
    width: f64,
    opacity: f32,
) -> Mobject {
    let step = (points.len() / max_anchors.max(1)).max(1);
    let pts: Vec<Vec3> = points.iter().step_by(step).copied().collect();
    let cols: Vec<Color> = colors.iter().step_by(step).copied().collect();
    let mut m = if pts.len() >= 2 {
        let mut m = line(pts[0], pts[1], cols[0], width);
        m.path = Path::smooth_through(&pts);
        m
    } else {
        Mobject::leaf(
            Path::polyline(&pts),
            Style::stroked(cols.first().copied().unwrap_or(Color::WHITE), width),
        )
    };
    m.style.stroke_opacity = opacity;
    if cols.len() > 1 {
        m.style.stroke_gradient = Some(std::sync::Arc::new(cols));
    }
    m
}

/// A number in [0, 1) from `seed` and `i` (splitmix64), the same on every run.
pub fn unit_random(seed: u64, i: u64) -> f64 {
    let mut z = seed
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(i.wrapping_add(1).wrapping_mul(0xBF58_476D_1CE4_E5B9));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

/// The part of each stream line shown at flow time `t` (Manim's `start_animation`: every line
/// runs a ShowPassingFlash of `time_width`, lasting `duration / flow_speed`, from its own random
/// moment in a cycle of `virtual_time`; with `warm_up` the lines first appear one by one).
pub fn flow_at(
    m: &Mobject,
    info: &FlowInfo,
    t: f64,
    flow_speed: f64,
    time_width: f64,
    warm_up: bool,
) -> Mobject {
    let mut out = m.clone();
    let vt = info.virtual_time;
    let run = info.duration / flow_speed;
    let mut i = 0u64;
    out.for_each_leaf_mut(&mut |leaf| {
        let r = unit_random(info.seed, i) * vt;
        i += 1;
        let mut time = if warm_up { -r } else { r } + t * flow_speed;
        if time >= vt {
            time = time.rem_euclid(vt);
        }
        let alpha = (time / run).clamp(0.0, 1.0);
        let upper = alpha * (1.0 + time_width);
        let (a, b) = ((upper - time_width).clamp(0.0, 1.0), upper.min(1.0));
        leaf.path = if b > a {
            leaf.path.partial(a, b)
        } else {
            Path::new()
        };
    });
    out
}
