//! Material over and under a nucleus: `\overset`/`\underset`/`\stackrel` (limits in script
//! style), horizontal braces (plain TeX's `\overbrace`: a 3 pt kern each side of the brace, the
//! body in display style, scripts as limits), stretched arrows over or under (amsmath's
//! `\overrightarrow`, an arrow fill as wide as the body) and extensible arrows (`\xrightarrow`:
//! an arrow as wide as its labels plus 5 mu and 9 mu, labels as limits).

use super::{c, gid_box, glyph_box, limits_boxes, list, Atom, HBox, Item, ItemKind, Style, K};
use crate::tex::font::{math_font, AssemblyPart};
use crate::tex::layout::FontId;
use crate::tex::parse::{Deco, Meta, Node, StyleKind};
use crate::tex::symbols::Class;

/// Height of cmsy10's arrows, by which TeX stacks arrow rows.
const ARROW_HEIGHT: f64 = 0.366875;

/// The nucleus of a brace, which takes its scripts as limits (it is a `\mathop` in TeX).
pub(super) fn limits_nucleus(base: &Node, style: Style) -> Option<(HBox, Class)> {
    match base {
        Node::OverUnder {
            body,
            deco: Deco::Brace { over },
            meta,
            ..
        } => Some((brace(body, *over, meta, style), Class::Op)),
        _ => None,
    }
}

pub(super) fn atom(n: &Node, style: Style) -> Atom {
    let Node::OverUnder {
        body,
        over,
        under,
        deco,
        meta,
    } = n
    else {
        unreachable!()
    };
    let s = style.size();
    match deco {
        Deco::None => {
            let nuc = list(body, style);
            let class = match body.as_slice() {
                [Node::Char { class, .. }] => *class,
                _ => Class::Ord,
            };
            let sup = over.as_ref().map(|v| list(v, style.sup()));
            let sub = under.as_ref().map(|v| list(v, style.sub()));
            Atom {
                class: Some(class),
                bx: limits_boxes(nuc, sup, sub, style),
            }
        }
        Deco::Brace { over } => Atom {
            class: Some(Class::Op),
            bx: brace(body, *over, meta, style),
        },
        Deco::Arrow { ch, over } => {
            let inner = list(body, style);
            let w = inner.w.max(s);
            let arrow = arrow_fill(*ch, w, s, meta);
            let mut b = HBox {
                w,
                h: inner.h,
                d: inner.d,
                ..Default::default()
            };
            // Rows are stacked by cmsy's arrow box (0.367 em high, no depth), which the
            // arrowhead's ink overhangs, as in TeX.
            let ah = ARROW_HEIGHT * s;
            let iw = inner.w;
            let (ih, id) = (inner.h, inner.d);
            b.append_at(inner, (w - iw) / 2.0, 0.0);
            if *over {
                // The arrow row sits on the body with no interline skip.
                b.h = ih + ah;
                b.append_at(arrow, 0.0, ih);
            } else {
                // amsmath: a 1.3 pt kern below the body, then the arrow row.
                let y = -(id + 0.13 + ah);
                b.d = -y;
                b.append_at(arrow, 0.0, y);
            }
            Atom {
                class: Some(Class::Ord),
                bx: b,
            }
        }
        Deco::XArrow(ch) => {
            let sst = style.sup();
            // amsmath pads the labels by 5 mu and 9 mu (script-style mu).
            let mu = sst.quad() / 18.0;
            let sup = over.as_ref().map(|v| list(v, sst));
            let sub = under.as_ref().map(|v| list(v, style.sub()));
            let natural = arrow_fill(*ch, 0.0, s, meta).w;
            let w = natural
                .max(sup.as_ref().map_or(0.0, |b| b.w + 14.0 * mu))
                .max(sub.as_ref().map_or(0.0, |b| b.w + 14.0 * mu));
            // The labels stack on cmsy's arrow box (0.367 em high), which the arrowhead's ink
            // overhangs, so an upper label sits closer to the ink than the arrow's ink box implies.
            let mut nuc = arrow_fill(*ch, w, s, meta);
            nuc.h = ARROW_HEIGHT * s;
            // The labels carry 0 mu on the left and 3 mu on the right (amsmath's \ext@arrow).
            let pad = |b: HBox| {
                let mut o = HBox {
                    w: b.w + 3.0 * mu,
                    h: b.h,
                    d: b.d,
                    ..Default::default()
                };
                o.append_at(b, 0.0, 0.0);
                o
            };
            Atom {
                class: Some(Class::Rel),
                bx: limits_boxes(nuc, sup.map(pad), sub.map(pad), style),
            }
        }
    }
}

/// A horizontal brace over or under `body` (display style), 3 pt kerns either side.
fn brace(body: &[Node], over: bool, meta: &Meta, style: Style) -> HBox {
    let s = style.size();
    let inner = list(
        body,
        Style {
            kind: StyleKind::Display,
            cramped: style.cramped,
            mag: style.mag,
        },
    );
    // The pieces and kerns are those of a text-size `$…$` inside TeX's `\ialign`, whatever the
    // style outside (so is the body, in display style).
    if let Some(mut b) = cmex_brace(&inner, over, meta, style.mag) {
        let iw = inner.w;
        b.append_at(inner, (b.w - iw) / 2.0, 0.0);
        return b;
    }
    // Without cmex's pieces: Latin Modern Math's brace, its ink about 0.1 em from the body.
    let (gap, kern) = (0.1, 0.3);
    let ch = if over { '\u{23DE}' } else { '\u{23DF}' };
    let br = ink_on_baseline(stretch_h(ch, inner.w.max(1.2 * s), s, meta));
    let (ih, id, iw) = (inner.h, inner.d, inner.w);
    let mut b = HBox {
        w: iw.max(br.w),
        h: ih,
        d: id,
        ..Default::default()
    };
    let bw = br.w;
    let (bh, bd) = (br.h, br.d);
    b.append_at(inner, (b.w - iw) / 2.0, 0.0);
    if over {
        let y = ih + gap + bd;
        b.h = y + bh + kern;
        b.append_at(br, (b.w - bw) / 2.0, y);
    } else {
        let y = -(id + gap + bh);
        b.d = -y + bd + kern;
        b.append_at(br, (b.w - bw) / 2.0, y);
    }
    b
}

/// Plain TeX's `\downbracefill` / `\upbracefill` from cmex's pieces: ╭ rule ╯╰ rule ╮ over,
/// ╰ rule ╮╭ rule ╯ under, the rules sharing out the width beyond the pieces'. The row is
/// stacked as TeX's `\ialign` does: 3 pt, the row (as high as the bar, no depth), 3 pt, the body
/// (the pieces' curls hang out of the row's box). Returns the box without the body.
fn cmex_brace(inner: &HBox, over: bool, meta: &Meta, s: f64) -> Option<HBox> {
    let (f, [ld, rd, lu, ru, bar]) = crate::tex::designs::brace_pieces()?;
    let font = FontId::Design(crate::tex::designs::Design::Extension);
    let order = if over {
        [ld, ru, lu, rd]
    } else {
        [lu, rd, ld, ru]
    };
    let adv = |g: u32| f.glyph(g).advance * s;
    let natural: f64 = order.iter().map(|&g| adv(g)).sum();
    let w = inner.w.max(natural);
    let fill = (w - natural) / 2.0;
    let bar_ink = f.glyph(bar).ink;
    let thick = (bar_ink.3 - bar_ink.1) * s;
    let kern = 0.3 * s;
    let row_y = if over {
        inner.h + kern
    } else {
        -(inner.d + kern + thick)
    };
    let mut b = HBox {
        w,
        h: inner.h,
        d: inner.d,
        ..Default::default()
    };
    let mut x = 0.0;
    for (i, &g) in order.iter().enumerate() {
        b.items.push(Item {
            kind: ItemKind::Glyph {
                font,
                gid: g,
                scale: s,
                stretch: 1.0,
            },
            x,
            y: row_y,
            part: meta.part,
            color: meta.color.clone(),
        });
        x += adv(g);
        if (i == 0 || i == 2) && fill > 0.0 {
            // The rule overlaps the pieces a little so that no seam shows.
            let o = 0.01 * s;
            b.items.push(Item {
                kind: ItemKind::Rule {
                    w: fill + 2.0 * o,
                    h: thick,
                },
                x: x - o,
                y: row_y + bar_ink.1 * s,
                part: meta.part,
                color: meta.color.clone(),
            });
            x += fill;
        }
    }
    if over {
        b.h = row_y + thick + kern;
    } else {
        b.d = -row_y + kern;
    }
    Some(b)
}

/// Moves a box's items so that their ink starts at the baseline (the font places brace glyphs
/// where accents go); height is then the ink's height.
fn ink_on_baseline(mut b: HBox) -> HBox {
    let f = math_font();
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for it in &b.items {
        if let ItemKind::Glyph { gid, scale, .. } = it.kind {
            let g = f.glyph(gid);
            lo = lo.min(it.y + g.ink.1 * scale);
            hi = hi.max(it.y + g.ink.3 * scale);
        }
    }
    if lo.is_finite() {
        for it in &mut b.items {
            it.y -= lo;
        }
        b.h = hi - lo;
        b.d = 0.0;
    }
    b
}

/// A glyph stretched horizontally to at least `width` (em): a size variant or an assembly.
fn stretch_h(ch: char, width: f64, s: f64, meta: &Meta) -> HBox {
    let f = math_font();
    let Some(gid) = f.glyph_for(ch) else {
        return glyph_box(f, FontId::Math, ch, s, meta);
    };
    let vars = f.variants(gid, false);
    if let Some(&(g, _)) = vars.iter().find(|(_, w)| w * s >= width) {
        return gid_box(f, FontId::Math, g, s, meta);
    }
    match f.assembly(gid, false) {
        Some((parts, overlap)) => assemble_h(&parts, overlap, width / s, s, meta),
        None => gid_box(f, FontId::Math, vars.last().map_or(gid, |v| v.0), s, meta),
    }
}

/// A horizontal glyph assembly (left to right) reaching `target` em (unscaled).
fn assemble_h(parts: &[AssemblyPart], min_overlap: f64, target: f64, s: f64, meta: &Meta) -> HBox {
    let f = math_font();
    let seq = |reps: usize| -> Vec<&AssemblyPart> {
        let mut v = Vec::new();
        for p in parts {
            let n = if p.extender { reps } else { 1 };
            v.extend(std::iter::repeat_n(p, n));
        }
        v
    };
    let len = |v: &[&AssemblyPart]| {
        v.iter().map(|p| p.full).sum::<f64>() - min_overlap * v.len().saturating_sub(1) as f64
    };
    let mut reps = 0;
    let mut chosen = seq(reps);
    // Bounded: `target` is at most the width of laid-out material.
    while len(&chosen) < target && reps < 10_000 {
        reps += 1;
        chosen = seq(reps);
    }
    let n = chosen.len();
    let mut overlap = min_overlap;
    if n > 1 {
        let excess = len(&chosen) - target;
        let max_ov = chosen
            .windows(2)
            .map(|w| w[0].end.min(w[1].start))
            .fold(f64::INFINITY, f64::min);
        overlap = (min_overlap + excess / (n - 1) as f64).min(max_ov.max(min_overlap));
    }
    let mut b = HBox::default();
    let mut x = 0.0;
    for p in &chosen {
        let g = f.glyph(p.glyph);
        b.extend_v(g.ink.3 * s, -g.ink.1 * s);
        b.items.push(Item {
            kind: ItemKind::Glyph {
                font: FontId::Math,
                gid: p.glyph,
                scale: s,
                stretch: 1.0,
            },
            x: x * s,
            y: 0.0,
            part: meta.part,
            color: meta.color.clone(),
        });
        x += p.full - overlap;
    }
    b.w = (x + overlap) * s;
    b
}

/// TeX's arrow fills (`\rightarrowfill`): the arrow's ends with minus signs between, at least
/// `width` wide (never narrower than the arrow itself).
fn arrow_fill(ch: char, width: f64, s: f64, meta: &Meta) -> HBox {
    let f = math_font();
    let g = |c: char| glyph_box(f, FontId::Math, c, s, meta);
    let (left, right) = match ch {
        '→' => (None, '→'),
        '←' => (Some('←'), '\u{2212}'),
        '↔' => (Some('←'), '→'),
        '↦' => (Some('↦'), '→'),
        '↪' => (Some('↪'), '→'),
        '↩' => (Some('←'), '↩'),
        '=' => (None, '='),
        other => (None, other),
    };
    let filler = if ch == '=' { '=' } else { '\u{2212}' };
    let rb = g(right);
    let lb = left.map(g);
    let natural = rb.w + lb.as_ref().map_or(0.0, |b| b.w * 0.5);
    let w = width.max(natural);
    let mut b = HBox {
        w,
        ..Default::default()
    };
    // Fill first, ends on top (same colour, so overlaps do not show).
    let fill = g(filler);
    let step = fill.w * 0.6;
    let (lo, hi) = (lb.as_ref().map_or(0.0, |b| b.w * 0.5), w - rb.w * 0.5);
    let mut x = lo;
    while x + fill.w < hi + fill.w * 0.5 && step > 0.0 {
        let fx = x.min(hi - fill.w).max(0.0);
        b.extend_v(fill.h, fill.d);
        b.append_at(fill.clone(), fx, 0.0);
        x += step;
    }
    b.extend_v(rb.h, rb.d);
    let rw = rb.w;
    b.append_at(rb, w - rw, 0.0);
    if let Some(l) = lb {
        b.extend_v(l.h, l.d);
        b.append_at(l, 0.0, 0.0);
    }
    let _ = c(K::AxisHeight);
    b
}
