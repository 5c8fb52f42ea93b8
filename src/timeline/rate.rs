//! Rate functions (easing), with Manim's exact definitions.

use std::f64::consts::PI;

/// A rate function given by the scene (a user `fn`), already compiled.
#[derive(Clone)]
pub struct CustomRate(pub std::sync::Arc<dyn Fn(f64) -> f64 + Send + Sync>);

impl std::fmt::Debug for CustomRate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CustomRate")
    }
}

impl PartialEq for CustomRate {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Rate {
    Linear,
    Smooth,
    RushInto,
    RushFrom,
    SlowInto,
    DoubleSmooth,
    ThereAndBack,
    EaseInSine,
    EaseOutSine,
    EaseInOutSine,
    EaseInQuad,
    EaseOutQuad,
    EaseInOutQuad,
    EaseInCubic,
    EaseOutCubic,
    EaseInOutCubic,
    ThereAndBackWithPause,
    Wiggle,
    Custom(CustomRate),
}

impl Rate {
    pub const ALL: &'static [(&'static str, Rate)] = &[
        ("linear", Rate::Linear),
        ("smooth", Rate::Smooth),
        ("rush_into", Rate::RushInto),
        ("rush_from", Rate::RushFrom),
        ("slow_into", Rate::SlowInto),
        ("double_smooth", Rate::DoubleSmooth),
        ("there_and_back", Rate::ThereAndBack),
        ("ease_in_sine", Rate::EaseInSine),
        ("ease_out_sine", Rate::EaseOutSine),
        ("ease_in_out_sine", Rate::EaseInOutSine),
        ("ease_in_quad", Rate::EaseInQuad),
        ("ease_out_quad", Rate::EaseOutQuad),
        ("ease_in_out_quad", Rate::EaseInOutQuad),
        ("ease_in_cubic", Rate::EaseInCubic),
        ("ease_out_cubic", Rate::EaseOutCubic),
        ("ease_in_out_cubic", Rate::EaseInOutCubic),
        ("there_and_back_with_pause", Rate::ThereAndBackWithPause),
        ("wiggle", Rate::Wiggle),
    ];

    pub fn by_name(n: &str) -> Option<Rate> {
        Self::ALL
            .iter()
            .find(|(k, _)| *k == n)
            .map(|(_, r)| r.clone())
    }

    pub fn apply(&self, t: f64) -> f64 {
        let t = t.clamp(0.0, 1.0);
        match self {
            Rate::Custom(f) => {
                let v = (f.0)(t);
                if v.is_finite() {
                    v
                } else {
                    0.0
                }
            }
            // Manim's there_and_back_with_pause(t, pause_ratio = 1/3).
            Rate::ThereAndBackWithPause => {
                let a = 1.0 / (1.0 / 3.0);
                if t < 1.0 / 3.0 {
                    smooth(a * t)
                } else if t < 2.0 / 3.0 {
                    1.0
                } else {
                    smooth(a - a * t)
                }
            }
            // Manim's wiggle(t, wiggles = 2).
            Rate::Wiggle => {
                smooth(if t < 0.5 { 2.0 * t } else { 2.0 * (1.0 - t) }) * (2.0 * PI * t).sin()
            }
            Rate::Linear => t,
            Rate::Smooth => smooth(t),
            Rate::RushInto => 2.0 * smooth(t / 2.0),
            Rate::RushFrom => 2.0 * smooth(t / 2.0 + 0.5) - 1.0,
            Rate::SlowInto => (1.0 - (1.0 - t) * (1.0 - t)).sqrt(),
            Rate::DoubleSmooth => {
                if t < 0.5 {
                    0.5 * smooth(2.0 * t)
                } else {
                    0.5 * (1.0 + smooth(2.0 * t - 1.0))
                }
            }
            Rate::ThereAndBack => smooth(if t < 0.5 { 2.0 * t } else { 2.0 * (1.0 - t) }),
            Rate::EaseInSine => 1.0 - (t * PI / 2.0).cos(),
            Rate::EaseOutSine => (t * PI / 2.0).sin(),
            Rate::EaseInOutSine => -((PI * t).cos() - 1.0) / 2.0,
            Rate::EaseInQuad => t * t,
            Rate::EaseOutQuad => 1.0 - (1.0 - t) * (1.0 - t),
            Rate::EaseInOutQuad => {
                if t < 0.5 {
                    2.0 * t * t
                } else {
                    1.0 - (-2.0 * t + 2.0).powi(2) / 2.0
                }
            }
            Rate::EaseInCubic => t * t * t,
            Rate::EaseOutCubic => 1.0 - (1.0 - t).powi(3),
            Rate::EaseInOutCubic => {
                if t < 0.5 {
                    4.0 * t * t * t
                } else {
                    1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
                }
            }
        }
    }
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Manim's `smooth`: a logistic curve rescaled to run exactly from 0 to 1.
pub fn smooth(t: f64) -> f64 {
    let err = sigmoid(-5.0);
    ((sigmoid(10.0 * (t - 0.5)) - err) / (1.0 - 2.0 * err)).clamp(0.0, 1.0)
}

/// Manim's lag: the share of an animation that member `index` of `n` is at, for overall `alpha`.
pub fn sub_alpha(alpha: f64, index: usize, n: usize, lag_ratio: f64) -> f64 {
    let full = (n.saturating_sub(1)) as f64 * lag_ratio + 1.0;
    (alpha * full - index as f64 * lag_ratio).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_and_symmetry() {
        for (name, r) in Rate::ALL {
            if *r == Rate::ThereAndBack || *r == Rate::ThereAndBackWithPause {
                assert!(
                    r.apply(0.0).abs() < 1e-9
                        && r.apply(1.0).abs() < 1e-9
                        && (r.apply(0.5) - 1.0).abs() < 1e-9,
                    "{name}"
                );
                continue;
            }
            if *r == Rate::Wiggle {
                // Manim's wiggle: there and back, swinging both ways.
                assert!(r.apply(0.0).abs() < 1e-9 && r.apply(1.0).abs() < 1e-9);
                assert!(r.apply(0.25) > 0.1 && r.apply(0.75) < -0.1);
                continue;
            }
            assert!(r.apply(0.0).abs() < 1e-9, "{name} at 0");
            assert!((r.apply(1.0) - 1.0).abs() < 1e-9, "{name} at 1");
        }
        assert!((smooth(0.5) - 0.5).abs() < 1e-12);
        assert!((smooth(0.25) + smooth(0.75) - 1.0).abs() < 1e-12);
        // smooth is Manim's: (σ(10(t−½)) − σ(−5)) / (1 − 2σ(−5)); at t = 0.1 that is 0.01145.
        assert!((smooth(0.1) - 0.011_45).abs() < 1e-4, "{}", smooth(0.1));
    }

    #[test]
    fn lag_staggers_members() {
        // Two members, lag 1: the second starts when the first ends.
        assert_eq!(sub_alpha(0.5, 0, 2, 1.0), 1.0);
        assert_eq!(sub_alpha(0.5, 1, 2, 1.0), 0.0);
        assert!((sub_alpha(0.75, 1, 2, 1.0) - 0.5).abs() < 1e-12);
    }
}
