//! 2D axes with Manim's layout rules, and function graphs plotted through them.

use super::shapes::{line, tip};
use super::{Color, CoordFrame, Mobject, Style};
use crate::expr::{EvalError, Function};
use crate::geom::{Path, Vec3};

#[derive(Clone, Debug)]
pub struct AxesSpec {
    pub x_range: (f64, f64, f64),
    pub y_range: (f64, f64, f64),
    pub x_length: f64,
    pub y_length: f64,
    pub color: Color,
    pub stroke_width: f64,
    pub ticks: bool,
    pub tips: bool,
}

impl Default for AxesSpec {
    fn default() -> Self {
        AxesSpec {
            x_range: (-7.0, 7.0, 1.0),
            y_range: (-4.0, 4.0, 1.0),
            x_length: 12.0,
            y_length: 6.0,
            color: Color::WHITE,
            stroke_width: 2.0,
            ticks: true,
            tips: true,
        }
    }
}

const TIP: f64 = 0.35;
const TICK_HALF: f64 = 0.1;

/// Where an axis of `lo..hi` by `step` has ticks (and `add_coordinates` numbers), as Manim's
/// `NumberLine.get_tick_range` for Axes (origin tick excluded): outward from 0 in steps when the
/// range holds 0, else from `lo` in steps; `hi` itself only when there is no tip (numpy's
/// `arange` stops short of it, and Manim adds 1e-6 without a tip).
pub fn tick_values(lo: f64, hi: f64, step: f64, tip: bool) -> Vec<f64> {
    tick_range(lo, hi, step, tip, false)
}

/// Manim's `get_tick_range`; `origin` keeps the tick at 0 (a NumberLine's default).
pub fn tick_range(lo: f64, hi: f64, step: f64, tip: bool, origin: bool) -> Vec<f64> {
    // numpy's arange: `a + i·s` while below `b`, at most a bounded number of them.
    let arange = |a: f64, b: f64, s: f64| {
        let n = ((b - a) / s).ceil().clamp(0.0, 100_000.0) as usize;
        (0..n).map(move |i| a + i as f64 * s)
    };
    if step.is_nan() || step <= 0.0 {
        return Vec::new();
    }
    let hi = if tip { hi } else { hi + 1e-6 };
    if hi < 0.0 || lo > 0.0 {
        return arange(lo, hi, step).collect();
    }
    let start = if origin { 0.0 } else { step };
    let mut v: Vec<f64> = arange(start, lo.abs() + 1e-6, step)
        .map(|x| -x)
        .chain(arange(start, hi, step))
        .collect();
    v.sort_by(f64::total_cmp);
    // 0 comes from both sides (numpy's `unique`).
    v.dedup_by(|a, b| (*a - *b).abs() < 1e-12);
    v
}

/// Builds axes whose data-range midpoints sit at the origin (as Manim centres its Axes).
/// Children: the x axis and the y axis (each a line, its ticks and its tip), so Create draws
/// them one after the other.
pub fn axes(spec: &AxesSpec) -> Mobject {
    let (x0, x1, xs) = spec.x_range;
    let (y0, y1, ys) = spec.y_range;
    let ux = spec.x_length / (x1 - x0);
    let uy = spec.y_length / (y1 - y0);
    let (xm, ym) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let origin = Vec3::xy(-xm * ux, -ym * uy);
    let frame = CoordFrame {
        origin,
        ex: origin + Vec3::xy(ux, 0.0),
        ey: origin + Vec3::xy(0.0, uy),
        ez: origin + Vec3::new(0.0, 0.0, 1.0),
    };
    // The axes cross at data 0 (clamped into the range).
    let cx = 0f64.clamp(x0, x1);
    let cy = 0f64.clamp(y0, y1);
    let make_axis = |a: Vec3, b: Vec3, step: f64, lo: f64, hi: f64, along_x: bool| {
        let mut parts = Vec::new();
        let end = if spec.tips {
            b - (b - a).normalize() * TIP
        } else {
            b
        };
        parts.push(line(a, end, spec.color, spec.stroke_width));
        if spec.ticks && step > 0.0 {
            for v in tick_values(lo, hi, step, spec.tips) {
                let c = if along_x {
                    frame.to_scene(v, cy, 0.0)
                } else {
                    frame.to_scene(cx, v, 0.0)
                };
                let n = if along_x {
                    Vec3::xy(0.0, TICK_HALF)
                } else {
                    Vec3::xy(TICK_HALF, 0.0)
                };
                parts.push(line(c - n, c + n, spec.color, spec.stroke_width));
            }
        }
        if spec.tips {
            parts.push(tip(b, b - a, TIP, TIP, spec.color));
        }
        Mobject::group(parts)
    };
    let xa = make_axis(
        frame.to_scene(x0, cy, 0.0),
        frame.to_scene(x1, cy, 0.0),
        xs,
        x0,
        x1,
        true,
    );
    let ya = make_axis(
        frame.to_scene(cx, y0, 0.0),
        frame.to_scene(cx, y1, 0.0),
        ys,
        y0,
        y1,
        false,
    );
    let mut m = Mobject::group(vec![xa, ya]);
    m.coords = Some(frame);
    m
}

/// The data x range an axes object spans (Manim's `ax.x_range`, which `ax.plot(f)` covers by
/// default): every point of its x axis (line, ticks and tip) projected onto the frame's x
/// direction, so it holds after the axes are moved, scaled or turned, with or without a tip.
pub fn x_extent(axes: &Mobject) -> Option<(f64, f64)> {
    let frame = axes.coords.as_ref()?;
    let ex = frame.ex - frame.origin;
    let len2 = ex.dot(ex);
    if len2 < 1e-30 {
        return None;
    }
    let mut r: Option<(f64, f64)> = None;
    for l in axes.children.first()?.leaves() {
        l.path.for_each_point(|p| {
            let x = (p - frame.origin).dot(ex) / len2;
            r = Some(r.map_or((x, x), |(a, b)| (a.min(x), b.max(x))));
        });
    }
    r
}

/// Samples `f` over `[a, b]` through `frame` into a smooth curve. Non-finite values (poles,
/// log of negatives) break the curve instead of drawing a spike to infinity.
pub fn plot(
    frame: &CoordFrame,
    f: &Function,
    a: f64,
    b: f64,
    color: Color,
    width: f64,
) -> Result<Mobject, (EvalError, f64)> {
    const N: usize = 240;
    let mut path = Path::new();
    let mut run: Vec<Vec3> = Vec::new();
    for i in 0..=N {
        let x = a + (b - a) * i as f64 / N as f64;
        let y = f.call1(x).map_err(|e| (e, x))?;
        if y.is_finite() {
            run.push(frame.to_scene(x, y, 0.0));
        } else if !run.is_empty() {
            path.append(Path::smooth_through(&run));
            run.clear();
        }
    }
    if !run.is_empty() {
        path.append(Path::smooth_through(&run));
    }
    Ok(Mobject::leaf(path, Style::stroked(color, width)))
}

/// A parametric curve t ↦ (x(t), y(t)) in scene units.
pub fn parametric(
    fx: &Function,
    fy: &Function,
    a: f64,
    b: f64,
    color: Color,
    width: f64,
) -> Result<Mobject, (EvalError, f64)> {
    const N: usize = 240;
    let mut pts = Vec::with_capacity(N + 1);
    for i in 0..=N {
        let t = a + (b - a) * i as f64 / N as f64;
        let (x, y) = (
            fx.call1(t).map_err(|e| (e, t))?,
            fy.call1(t).map_err(|e| (e, t))?,
        );
        pts.push(Vec3::xy(x, y));
    }
    Ok(Mobject::leaf(
        Path::smooth_through(&pts),
        Style::stroked(color, width),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_graph_origin() {
        // FirstGraph: x ∈ [−2.5, 2.5], y ∈ [−2.1, 7], 12 × 6, shifted down 0.8 → origin (0, −2.415).
        let mut a = axes(&AxesSpec {
            x_range: (-2.5, 2.5, 1.0),
            y_range: (-2.1, 7.0, 1.0),
            ..Default::default()
        });
        a.shift(Vec3::xy(0.0, -0.8));
        let o = a.coords.as_ref().unwrap().to_scene(0.0, 0.0, 0.0);
        assert!((o.y + 2.415).abs() < 1e-3, "{o:?}");
        let p = a.coords.as_ref().unwrap().to_scene(-2.0, 4.0, 0.0);
        assert!((p.x + 4.8).abs() < 1e-9 && (p.y - 0.222).abs() < 1e-3);
    }

    #[test]
    fn ticks_follow_manims_tick_range() {
        // Manim CE 0.22's `Axes(x_range=…, tips=…).x_axis.get_tick_range()` for each case: the
        // end under a tip has none, a tick short of it keeps its own (x = 9 of 0..10 on a 2-unit
        // axis lies under the tip), and a range without 0 counts from its low end.
        type Case = ((f64, f64, f64), bool, &'static [f64]);
        let cases: &[Case] = &[
            ((-3.0, 3.0, 1.0), true, &[-3.0, -2.0, -1.0, 1.0, 2.0]),
            ((-3.0, 3.0, 1.0), false, &[-3.0, -2.0, -1.0, 1.0, 2.0, 3.0]),
            ((0.5, 5.0, 1.0), true, &[0.5, 1.5, 2.5, 3.5, 4.5]),
            (
                (0.0, 10.0, 1.0),
                true,
                &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0],
            ),
            (
                (-8.0, 32.0, 5.0),
                false,
                &[-5.0, 5.0, 10.0, 15.0, 20.0, 25.0, 30.0],
            ),
            ((-2.5, 2.5, 1.0), true, &[-2.0, -1.0, 1.0, 2.0]),
            ((-7.0, -1.0, 2.0), true, &[-7.0, -5.0, -3.0]),
        ];
        for &((lo, hi, step), tip, want) in cases {
            let got = super::tick_values(lo, hi, step, tip);
            assert_eq!(got, want, "{lo}..{hi} by {step}, tip {tip}");
            let spec = AxesSpec {
                x_range: (lo, hi, step),
                x_length: 2.0,
                tips: tip,
                ..Default::default()
            };
            // Shaft, ticks, tip.
            let n = axes(&spec).children[0].children.len();
            assert_eq!(n, 1 + want.len() + tip as usize, "{lo}..{hi}");
        }
        // A NumberLine keeps its origin tick.
        assert_eq!(
            super::tick_range(-2.5, 2.5, 1.0, false, true),
            vec![-2.0, -1.0, 0.0, 1.0, 2.0]
        );
    }
}
