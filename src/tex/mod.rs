//! Native math typesetting: a LaTeX-math parser and TeX's layout rules on an OpenType MATH
//! font (Latin Modern Math). Yields positioned glyph outlines and rules; knows no scene.

pub mod font;
mod kern;
mod layout;
mod parse;
pub mod symbols;
pub mod text;

pub use layout::{typeset, FontId, Item, ItemKind, Typeset};
pub use parse::{parse, Formula, TexError};

use crate::geom::Path;

/// Parses and typesets `parts` (joined as Manim joins MathTex strings).
pub fn typeset_parts(parts: &[&str]) -> Result<Typeset, TexError> {
    let (f, _) = parse(parts)?;
    Ok(typeset(&f))
}

/// The outline of an item in em units, placed at its position (y up).
pub fn item_path(it: &Item) -> Path {
    match &it.kind {
        ItemKind::Glyph { font, gid, scale } => {
            let f = match font {
                FontId::Math => font::math_font(),
                FontId::Text => font::text_font(),
            };
            let g = f.glyph(*gid);
            let (s, x, y) = (*scale, it.x, it.y);
            g.path
                .map(&|p| crate::geom::Vec3::xy(x + p.x * s, y + p.y * s))
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
}
