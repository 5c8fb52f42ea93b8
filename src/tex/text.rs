//! Prose in the text font (Manim's `Text`): glyphs placed by their advances and the font's
//! pair kerning, lines stacked.

use super::font::text_font;
use super::layout::{FontId, Item, ItemKind, Typeset};

/// Lays out `s` (lines split at '\n') with the text font, 1 em = 1 unit, baseline of the first
/// line at y = 0.
pub fn layout_text(s: &str) -> Typeset {
    let f = text_font();
    let mut items = Vec::new();
    let mut width: f64 = 0.0;
    let line_gap = 1.2;
    let mut height: f64 = 0.0;
    let mut depth: f64 = 0.0;
    for (li, line) in s.split('\n').enumerate() {
        let y = -(li as f64) * line_gap;
        let mut x = 0.0;
        let mut prev: Option<u32> = None;
        for ch in line.chars() {
            let Some(gid) = f.glyph_for(ch).or_else(|| f.glyph_for('?')) else {
                continue;
            };
            if let Some(p) = prev {
                x += f.kerning(p, gid);
            }
            prev = Some(gid);
            let g = f.glyph(gid);
            if !g.path.is_empty() {
                items.push(Item {
                    kind: ItemKind::Glyph {
                        font: FontId::Text,
                        gid,
                        scale: 1.0,
                        stretch: 1.0,
                    },
                    x,
                    y,
                    part: 0,
                    color: None,
                });
                if li == 0 {
                    height = height.max(g.ink.3);
                }
                depth = depth.max(-(y + g.ink.1));
            }
            x += g.advance;
        }
        width = width.max(x);
    }
    Typeset {
        items,
        width,
        height,
        depth,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kerning_tightens_av() {
        // "AV" is the classic kerned pair: narrower than "A" + "V" laid side by side.
        let av = layout_text("AV").width;
        let sep = layout_text("A").width + layout_text("V").width;
        assert!(av < sep - 0.01, "AV {av} vs {sep}");
        // And no pair kerning between space-separated letters.
        assert!((layout_text("A V").width - (sep + layout_text(" ").width)).abs() < 1e-9);
    }
}
