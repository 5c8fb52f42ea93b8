//! Frame rates as exact fractions: `30`, `29.97` or `30000/1001`. Frame times are computed from
//! the fraction, so any rate keeps the scene's duration.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fps {
    pub num: u32,
    pub den: u32,
}

/// The slowest and fastest rates accepted (a frame every 10 s; 240 fps).
const MIN: f64 = 0.1;
const MAX: f64 = 240.0;

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

impl Fps {
    pub const fn whole(n: u32) -> Fps {
        Fps { num: n, den: 1 }
    }

    pub fn as_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }

    pub fn is_whole(self) -> bool {
        self.den == 1
    }

    fn reduced(num: u64, den: u64) -> Option<Fps> {
        let g = gcd(num, den).max(1);
        let (n, d) = (num / g, den / g);
        Some(Fps {
            num: u32::try_from(n).ok()?,
            den: u32::try_from(d).ok()?,
        })
    }

    /// Parses `N`, `N.DDD` (taken exactly: 29.97 is 2997/100) or `N/D`.
    pub fn parse(s: &str) -> Result<Fps, String> {
        let bad = || format!("frame rate '{s}' must look like 30, 29.97 or 30000/1001");
        let t = s.trim();
        let fps = if let Some((a, b)) = t.split_once('/') {
            let n: u64 = a.trim().parse().map_err(|_| bad())?;
            let d: u64 = b.trim().parse().map_err(|_| bad())?;
            if d == 0 {
                return Err(format!("frame rate '{s}' divides by zero"));
            }
            Fps::reduced(n, d).ok_or_else(bad)?
        } else {
            let (int, frac) = t.split_once('.').unwrap_or((t, ""));
            if int.is_empty() && frac.is_empty()
                || !int.bytes().all(|b| b.is_ascii_digit())
                || !frac.bytes().all(|b| b.is_ascii_digit())
                || frac.len() > 6
            {
                return Err(bad());
            }
            let den = 10u64.pow(frac.len() as u32);
            let n: u64 = format!("{int}{frac}").parse().map_err(|_| bad())?;
            Fps::reduced(n, den).ok_or_else(bad)?
        };
        let v = fps.as_f64();
        if !(MIN..=MAX).contains(&v) {
            return Err(format!(
                "frame rate '{s}' is out of range ({MIN} to {MAX} frames per second)"
            ));
        }
        Ok(fps)
    }
}

impl fmt::Display for Fps {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.den == 1 {
            write!(f, "{}", self.num)
        } else {
            write!(f, "{}/{}", self.num, self.den)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Fps;

    #[test]
    fn parses_rates() {
        assert_eq!(Fps::parse("30").unwrap(), Fps::whole(30));
        assert_eq!(
            Fps::parse("30000/1001").unwrap(),
            Fps {
                num: 30000,
                den: 1001
            }
        );
        assert_eq!(
            Fps::parse("29.97").unwrap(),
            Fps {
                num: 2997,
                den: 100
            }
        );
        assert_eq!(Fps::parse("60/2").unwrap(), Fps::whole(30));
        assert_eq!(Fps::parse("0.5").unwrap(), Fps { num: 1, den: 2 });
        for bad in ["", "x", "1/0", "-3", "1e3", "0", "0.01", "241", "3/x", "."] {
            assert!(Fps::parse(bad).is_err(), "{bad}");
        }
    }
}
