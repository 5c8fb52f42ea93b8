//! Frame rates as exact fractions: containers store a rational rate, and 29.97 must be tagged
//! 30000/1001, 0.6 as 3/5, not rounded to a whole number (which changes the video's length).

use std::fmt;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrameRate {
    pub num: i32,
    pub den: i32,
}

/// Highest rate any output accepts; lowest is one frame per 1000 s.
const MAX_FPS: f64 = 240.0;
const MIN_FPS: f64 = 0.001;

impl FrameRate {
    pub fn new(num: i32, den: i32) -> Result<FrameRate, String> {
        if num <= 0 || den <= 0 {
            return Err(format!(
                "frame rate {num}/{den} must be a positive fraction"
            ));
        }
        let g = gcd(num, den);
        let r = FrameRate {
            num: num / g,
            den: den / g,
        };
        let f = r.as_f64();
        if !(MIN_FPS..=MAX_FPS).contains(&f) {
            return Err(format!(
                "frame rate {r} is out of range ({MIN_FPS} to {MAX_FPS} frames per second)"
            ));
        }
        Ok(r)
    }

    /// The exact fraction for a decimal rate: the NTSC rates (23.976, 29.97, 59.94, …) become
    /// N·1000/1001, anything else the simplest fraction within 1e-6 (0.6 → 3/5).
    pub fn from_f64(fps: f64) -> Result<FrameRate, String> {
        if !fps.is_finite() || !(MIN_FPS..=MAX_FPS).contains(&fps) {
            return Err(format!(
                "frame rate {fps} is out of range ({MIN_FPS} to {MAX_FPS} frames per second)"
            ));
        }
        let ntsc = (fps * 1.001).round();
        if fps.fract() != 0.0 && (ntsc * 1000.0 / 1001.0 - fps).abs() < 0.006 {
            return FrameRate::new(ntsc as i32 * 1000, 1001);
        }
        for den in 1..=100_000i32 {
            let num = (fps * den as f64).round();
            if num >= 1.0 && (num / den as f64 - fps).abs() <= 1e-6 * fps.max(1.0) {
                return FrameRate::new(num as i32, den);
            }
        }
        FrameRate::new((fps * 1000.0).round() as i32, 1000)
    }

    /// A whole number of frames per second (the quality presets' rates).
    pub const fn whole(n: u32) -> FrameRate {
        FrameRate {
            num: n as i32,
            den: 1,
        }
    }

    pub fn as_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }
}

impl fmt::Display for FrameRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.den == 1 {
            write!(f, "{}", self.num)
        } else {
            write!(f, "{}/{}", self.num, self.den)
        }
    }
}

/// "60", "29.97" or "30000/1001".
impl FromStr for FrameRate {
    type Err = String;
    fn from_str(s: &str) -> Result<FrameRate, String> {
        let s = s.trim();
        if let Some((a, b)) = s.split_once('/') {
            let bad = || format!("'{s}' is not a frame rate (e.g. 60, 29.97 or 30000/1001)");
            let a: i32 = a.trim().parse().map_err(|_| bad())?;
            let b: i32 = b.trim().parse().map_err(|_| bad())?;
            return FrameRate::new(a, b);
        }
        let f: f64 = s
            .parse()
            .map_err(|_| format!("'{s}' is not a frame rate (e.g. 60, 29.97 or 30000/1001)"))?;
        FrameRate::from_f64(f)
    }
}

fn gcd(a: i32, b: i32) -> i32 {
    if b == 0 {
        a.max(1)
    } else {
        gcd(b, a % b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_rates_become_exact_fractions() {
        let r = |s: &str| s.parse::<FrameRate>().unwrap();
        assert_eq!(r("60"), FrameRate { num: 60, den: 1 });
        assert_eq!(
            r("29.97"),
            FrameRate {
                num: 30000,
                den: 1001
            }
        );
        assert_eq!(
            r("23.976"),
            FrameRate {
                num: 24000,
                den: 1001
            }
        );
        assert_eq!(
            r("59.94"),
            FrameRate {
                num: 60000,
                den: 1001
            }
        );
        assert_eq!(r("0.6"), FrameRate { num: 3, den: 5 });
        assert_eq!(r("0.3"), FrameRate { num: 3, den: 10 });
        assert_eq!(r("1.4"), FrameRate { num: 7, den: 5 });
        assert_eq!(
            r("30000/1001"),
            FrameRate {
                num: 30000,
                den: 1001
            }
        );
        assert_eq!(r("12.5"), FrameRate { num: 25, den: 2 });
        assert!("0".parse::<FrameRate>().is_err());
        assert!("-3".parse::<FrameRate>().is_err());
        assert!("1/0".parse::<FrameRate>().is_err());
        assert!("nan".parse::<FrameRate>().is_err());
        assert!("1000".parse::<FrameRate>().is_err());
    }
}
