//! The TeX and LaTeX logos, built as latex.ltx builds them: T, E lowered by half an ex, X with
//! kerns of −1/6 and −1/8 em; LaTeX puts a script-size A, top-aligned with the T, between an L
//! and TeX with kerns of −0.36 and −0.15 em.

use super::{glyph_box, HBox, Style};
use crate::tex::font::math_font;
use crate::tex::layout::FontId;
use crate::tex::parse::Meta;

pub(super) fn logo(latex: bool, meta: &Meta, style: Style) -> HBox {
    let s = style.size();
    let f = math_font();
    let g = |ch: char, k: f64| glyph_box(f, FontId::Math, ch, s * k, meta);
    let mut b = HBox::default();
    let put = |bx: HBox, dy: f64, b: &mut HBox| {
        let x = b.w;
        b.extend_v(bx.h + dy, bx.d - dy);
        b.w += bx.w;
        b.append_at(bx, x, dy);
    };
    if latex {
        put(g('L', 1.0), 0.0, &mut b);
        b.w -= 0.36 * s;
        let t_h = g('T', 1.0).h;
        let a = g('A', 0.7);
        let dy = t_h - a.h;
        put(a, dy, &mut b);
        b.w -= 0.15 * s;
    }
    put(g('T', 1.0), 0.0, &mut b);
    b.w -= 0.1667 * s;
    put(g('E', 1.0), -0.5 * 0.430555 * s, &mut b);
    b.w -= 0.125 * s;
    put(g('X', 1.0), 0.0, &mut b);
    b
}
