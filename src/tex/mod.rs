//! Native math typesetting: a LaTeX-math parser and TeX's layout rules on an OpenType MATH
//! font (Latin Modern Math). Yields positioned glyph outlines and rules; knows no scene.

mod cmmi;
pub mod designs;
pub mod font;
mod kern;
mod layout;
mod parse;
pub mod symbols;
pub mod text;
mod xcolor;

pub use layout::{typeset, typeset_text_lines, FontId, Item, ItemKind, Typeset};
pub use parse::{parse, parse_text, Formula, TexError, MAX_DEPTH};

use crate::geom::Path;

/// Parses and typesets `parts` (joined as Manim joins MathTex strings).
pub fn typeset_parts(parts: &[&str]) -> Result<Typeset, TexError> {
    let (f, _) = parse(parts)?;
    Ok(typeset(&f))
}

/// Typesets LaTeX *text* as Manim's `Tex` does (`This is \LaTeX`, math between `$…$`, lines
/// split at `\\`, centred), `parts` joined by spaces and kept addressable like `typeset_parts`'s.
pub fn typeset_text(parts: &[&str]) -> Result<Typeset, TexError> {
    Ok(typeset_text_lines(&parse_text(parts)?))
}

/// The outline of an item in em units, placed at its position (y up).
pub fn item_path(it: &Item) -> Path {
    match &it.kind {
        ItemKind::Glyph {
            font,
            gid,
            scale,
            stretch,
        } => {
            let f = match font {
                FontId::Math => font::math_font(),
                FontId::Text => font::text_font(),
                FontId::Design(d) => designs::font(*d).unwrap_or(font::math_font()),
            };
            let g = f.glyph(*gid);
            let (s, k, x, y) = (*scale, *stretch, it.x, it.y);
            g.path
                .map(&|p| crate::geom::Vec3::xy(x + p.x * s * k, y + p.y * s))
        }
        ItemKind::Rule { w, h } => {
            let (x, y) = (it.x, it.y);
            let mut p = Path::polyline(&[
                crate::geom::Vec3::xy(x, y),
                crate::geom::Vec3::xy(x + w, y),
                crate::geom::Vec3::xy(x + w, y + h),
                crate::geom::Vec3::xy(x, y + h),
            ]);
            p.close();
            p
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(latex: &str) -> Vec<u32> {
        typeset_parts(&[latex])
            .unwrap()
            .items
            .iter()
            .filter_map(|it| match it.kind {
                ItemKind::Glyph { gid, .. } => Some(gid),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn only_wide_accents_stretch() {
        // \hat over three letters keeps the plain hat; \widehat picks a wider variant.
        let plain = *glyphs(r"\hat{xyz}").last().unwrap();
        let wide = *glyphs(r"\widehat{xyz}").last().unwrap();
        assert_eq!(plain, *glyphs(r"\hat{x}").last().unwrap());
        assert_ne!(plain, wide);
    }

    /// Runs `f` on a thread with a 2 MB stack (Rust's default for spawned threads), so a test
    /// fails by overflow if recursion were unbounded.
    fn small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(f)
            .unwrap()
            .join()
            .unwrap()
    }

    #[test]
    fn deep_nesting_is_a_clean_error() {
        for src in [
            "{".repeat(12_000) + "x" + &"}".repeat(12_000),
            r"\sqrt".repeat(5_000) + "x",
            r"\left(".repeat(3_000) + "x" + &r"\right)".repeat(3_000),
            r"\hat".repeat(5_000) + "x",
        ] {
            let e = small_stack(move || typeset_parts(&[&src]).map(|_| ()).unwrap_err());
            assert!(e.message.contains("nested too deeply"), "{e:?}");
        }
        // Just under the limit still typesets, on a small stack.
        let ok = "{".repeat(MAX_DEPTH - 1) + "x" + &"}".repeat(MAX_DEPTH - 1);
        small_stack(move || typeset_parts(&[&ok]).unwrap());
    }

    #[test]
    fn nested_left_right_is_linear() {
        // Was exponential: 24 levels took 38 s. Now 150 levels take milliseconds.
        let src = r"\left(".repeat(150) + "x" + &r"\right)".repeat(150);
        let t = std::time::Instant::now();
        let ts = typeset_parts(&[&src]).unwrap();
        assert!(t.elapsed().as_secs_f64() < 2.0, "{:?}", t.elapsed());
        assert!(ts.items.len() > 300);
    }

    #[test]
    fn colours_are_xcolor_and_bad_ones_are_errors() {
        let ts = typeset_parts(&[r"\color{red} x \textcolor{blue!50}{y}"]).unwrap();
        let colors: Vec<_> = ts.items.iter().map(|i| i.color.clone().unwrap()).collect();
        assert_eq!(colors, ["#FF0000", "#8080FF"]);
        for bad in [
            r"\color{#aéaaa} x",
            r"\textcolor{reddish}{x}",
            r"\color[HTML]{ééé} x",
        ] {
            let e = typeset_parts(&[bad]).unwrap_err();
            assert!(e.message.contains("unknown colour"), "{e:?}");
            assert!(bad.is_char_boundary(e.span.start) && bad.is_char_boundary(e.span.end));
        }
    }

    #[test]
    fn text_mode_entry() {
        let t = typeset_text(&[
            r"This is \LaTeX",
            r"with $x^2 + \frac{1}{2}$ \\ and a second line",
        ])
        .unwrap();
        assert!(t.items.len() > 30, "{}", t.items.len());
        // Two lines: deeper than one.
        let one = typeset_text(&["This is"]).unwrap();
        assert!(t.depth > one.depth + 1.0);
        // Parts stay addressable.
        assert!(t.items.iter().any(|i| i.part == 1) && t.items.iter().any(|i| i.part == 0));
        // Math outside $…$ is a clean error pointing at the command.
        let e = typeset_text(&[r"ab \frac{1}{2}"]).unwrap_err();
        assert!(e.message.contains("between $"), "{e:?}");
        assert_eq!(e.span, 3..8);
        let e = typeset_text(&[r"ab $x"]).unwrap_err();
        assert!(e.message.contains("never closed"), "{e:?}");
    }

    #[test]
    fn macros_expand_and_runaways_are_errors() {
        let a = glyphs(r"\def\f#1#2{\frac{#1}{#2}} \newcommand{\sq}[1]{#1^2} \f{a}{b} + \sq{z}");
        let b = glyphs(r"\frac{a}{b} + z^2");
        assert_eq!(a, b);
        for bad in [
            r"\def\a{\a x} \a",
            r"\def\a{\a\a} \a",
            r"\newcommand{\b}[1]{#1} \b",
        ] {
            let t = std::time::Instant::now();
            let e = typeset_parts(&[bad]).unwrap_err();
            assert!(e.message.contains("expands too often"), "{e:?}");
            assert!(t.elapsed().as_secs_f64() < 2.0);
        }
    }

    #[test]
    fn hline_only_in_arrays() {
        let ts = typeset_parts(&[r"\begin{array}{|c|}\hline a \\ \hline\end{array}"]).unwrap();
        let rules = ts
            .items
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::Rule { .. }))
            .count();
        assert_eq!(rules, 4);
        let e = typeset_parts(&[r"x \hline"]).unwrap_err();
        assert!(e.message.contains("\\hline"), "{e:?}");
    }
}
