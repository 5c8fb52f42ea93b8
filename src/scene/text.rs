//! Math (`tex`) and prose (`text`) as objects: one group per part, one leaf per glyph or rule,
//! so parts and single glyphs can be coloured, moved and animated like any shape.

use super::{Color, Mobject, Style};
use crate::geom::Vec3;
use crate::tex::{self, TexError, Typeset};

/// Manim's sizing: at font size 48 a 10 pt TeX em is 0.5 scene units (1 pt = size/960 units).
pub fn em_for_font_size(font_size: f64) -> f64 {
    font_size / 96.0
}

/// Resolves a `\color{…}` argument: Manim names (any case), then `#rrggbb`, then LaTeX basics.
pub fn resolve_tex_color(name: &str) -> Option<Color> {
    let n = name.trim();
    Color::named(&n.to_ascii_uppercase())
        .or_else(|| Color::from_hex(n))
        .or_else(|| match n {
            "cyan" => Some(Color::rgb8(0, 255, 255)),
            "magenta" => Some(Color::rgb8(255, 0, 255)),
            _ => None,
        })
}

fn build(ts: &Typeset, nparts: usize, em: f64, color: Color) -> Mobject {
    let mut parts: Vec<Vec<Mobject>> = vec![Vec::new(); nparts.max(1)];
    // Centre the ink box on the origin, as Manim centres a new MathTex.
    let mut leaves = Vec::with_capacity(ts.items.len());
    for it in &ts.items {
        let path = tex::item_path(it).map(&|p| Vec3::xy(p.x * em, p.y * em));
        let c = it
            .color
            .as_deref()
            .and_then(resolve_tex_color)
            .unwrap_or(color);
        let mut leaf = Mobject::leaf(path, Style::filled(c));
        leaf.style.stroke_width = 0.0;
        leaves.push((it.part.min(parts.len() - 1), leaf));
    }
    for (p, l) in leaves {
        parts[p].push(l);
    }
    let mut m = Mobject::group(parts.into_iter().map(Mobject::group).collect());
    let c = m.center();
    m.shift(-c);
    m
}

/// Typesets `parts` as one formula (align* semantics), each argument an addressable part.
pub fn math(parts: &[&str], font_size: f64, color: Color) -> Result<Mobject, TexError> {
    let ts = tex::typeset_parts(parts)?;
    Ok(build(&ts, parts.len(), em_for_font_size(font_size), color))
}

/// Manim's `Tex`: LaTeX text mode (`$…$` math inside, `\\` line breaks, `\LaTeX`), each
/// string an addressable part, at the size `math` gives a formula.
pub fn tex_text(parts: &[&str], font_size: f64, color: Color) -> Result<Mobject, TexError> {
    let ts = tex::typeset_text(parts)?;
    Ok(build(&ts, parts.len(), em_for_font_size(font_size), color))
}

/// Prose in the text font, at Manim's `Text` size: Pango lays the string out at
/// `font_size / 4.8` pt (TEXT2SVG_ADJUSTMENT_FACTOR), its SVG has 4/3 units per pt, and Text
/// scales the SVG by 0.05 (TEXT_MOB_SCALE_FACTOR): 1 em = font_size / 72 scene units (2/3 of a
/// unit at 48, where MathTex's em is 1/2).
pub fn text(s: &str, font_size: f64, color: Color) -> Mobject {
    let ts = tex::text::layout_text(s);
    build(&ts, 1, text_em_for_font_size(font_size), color)
}

/// Manim's `Text` em at a font size, in scene units.
pub fn text_em_for_font_size(font_size: f64) -> f64 {
    font_size / 4.8 * (4.0 / 3.0) * 0.05
}
