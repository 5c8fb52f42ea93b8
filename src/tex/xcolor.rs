//! Colours as xcolor reads them in a LaTeX string: `\color{red}` is xcolor's pure red (#FF0000),
//! as in Manim's MathTex, not Manim's palette. Also mixes (`red!30`, `red!50!blue`), the models
//! `[HTML]`, `[rgb]`, `[RGB]`, `[gray]`, and, as valley extensions, `#rrggbb` and Manim's
//! constants (`BLUE_E`). Everything resolves to `#RRGGBB` at parse time, so an unknown colour is
//! an error with a caret rather than ink in the default colour.

use crate::palette;

/// xcolor's base colours (always defined, `xcolor.sty`), as rgb in 0..1.
const BASE: &[(&str, [f64; 3])] = &[
    ("red", [1.0, 0.0, 0.0]),
    ("green", [0.0, 1.0, 0.0]),
    ("blue", [0.0, 0.0, 1.0]),
    ("cyan", [0.0, 1.0, 1.0]),
    ("magenta", [1.0, 0.0, 1.0]),
    ("yellow", [1.0, 1.0, 0.0]),
    ("black", [0.0, 0.0, 0.0]),
    ("white", [1.0, 1.0, 1.0]),
    ("gray", [0.5, 0.5, 0.5]),
    ("darkgray", [0.25, 0.25, 0.25]),
    ("lightgray", [0.75, 0.75, 0.75]),
    ("brown", [0.75, 0.5, 0.25]),
    ("lime", [0.75, 1.0, 0.0]),
    ("olive", [0.5, 0.5, 0.0]),
    ("orange", [1.0, 0.5, 0.0]),
    ("pink", [1.0, 0.75, 0.75]),
    ("purple", [0.75, 0.0, 0.25]),
    ("teal", [0.0, 0.5, 0.5]),
    ("violet", [0.5, 0.0, 0.5]),
];

fn named(name: &str) -> Option<[f64; 3]> {
    let n = name.trim();
    if let Some((_, c)) = BASE.iter().find(|(k, _)| *k == n) {
        return Some(*c);
    }
    // Manim's constants in any case (`BLUE_E`, `blue_e`); xcolor's names above take precedence.
    let hex = palette::manim(&n.to_ascii_uppercase()).unwrap_or(n);
    palette::parse_hex(hex).map(|c| c.map(|v| v as f64 / 255.0))
}

/// `red`, `-red` (complement), `red!30`, `red!30!blue!50!green` (mixed left to right).
fn expression(e: &str) -> Option<[f64; 3]> {
    let (neg, e) = match e.trim().strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, e.trim()),
    };
    let mut it = e.split('!');
    let mut c = named(it.next()?)?;
    while let Some(p) = it.next() {
        let p: f64 = p
            .trim()
            .parse()
            .ok()
            .filter(|p: &f64| (0.0..=100.0).contains(p))?;
        let other = match it.next() {
            Some(n) => named(n)?,
            None => [1.0; 3],
        };
        for k in 0..3 {
            c[k] = c[k] * p / 100.0 + other[k] * (1.0 - p / 100.0);
        }
    }
    if neg {
        c = c.map(|v| 1.0 - v);
    }
    Some(c)
}

fn numbers(s: &str, n: usize, max: f64) -> Option<Vec<f64>> {
    let v: Vec<f64> = s
        .split(',')
        .map(|x| {
            x.trim()
                .parse::<f64>()
                .ok()
                .filter(|v| (0.0..=max).contains(v))
        })
        .collect::<Option<_>>()?;
    (v.len() == n).then_some(v)
}

/// Resolves a colour given to `\color[model]{spec}` to `#RRGGBB`, or None if xcolor would not
/// know it.
pub fn resolve(model: Option<&str>, spec: &str) -> Option<String> {
    let rgb = match model.map(str::trim) {
        None => expression(spec)?,
        Some("HTML") => {
            let s = spec.trim();
            if s.len() != 6 {
                return None;
            }
            palette::parse_hex(&format!("#{s}"))?.map(|v| v as f64 / 255.0)
        }
        Some("rgb") => {
            let v = numbers(spec, 3, 1.0)?;
            [v[0], v[1], v[2]]
        }
        Some("RGB") => {
            let v = numbers(spec, 3, 255.0)?;
            [v[0] / 255.0, v[1] / 255.0, v[2] / 255.0]
        }
        Some("gray") => [numbers(spec, 1, 1.0)?[0]; 3],
        Some(_) => return None,
    };
    let b = |v: f64| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    Some(format!(
        "#{:02X}{:02X}{:02X}",
        b(rgb[0]),
        b(rgb[1]),
        b(rgb[2])
    ))
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn xcolor_values() {
        assert_eq!(resolve(None, "red").unwrap(), "#FF0000");
        assert_eq!(resolve(None, "red!50").unwrap(), "#FF8080");
        assert_eq!(resolve(None, "red!50!blue").unwrap(), "#800080");
        assert_eq!(resolve(None, "-red").unwrap(), "#00FFFF");
        assert_eq!(resolve(Some("HTML"), "FF8000").unwrap(), "#FF8000");
        assert_eq!(resolve(Some("rgb"), "0,0.5,1").unwrap(), "#0080FF");
        assert_eq!(resolve(None, "BLUE").unwrap(), "#58C4DD");
        assert_eq!(resolve(None, "blue_e").unwrap(), "#236B8E");
        assert_eq!(resolve(None, "#abc").unwrap(), "#AABBCC");
        for bad in ["#aéaaa", "reddish", "red!200", "red!x", "", "#ééé"] {
            assert!(resolve(None, bad).is_none(), "{bad}");
        }
        assert!(resolve(Some("HTML"), "aéaaa").is_none());
    }
}
