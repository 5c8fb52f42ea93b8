//! Boxes that change a list's ink or dimensions: frames and colour boxes (`\fbox`, `\boxed`,
//! `\colorbox`, `\fcolorbox`), phantoms and `\smash`, laps, rules, `\raisebox`, `\vcenter`,
//! `\pmb`, text sizes, and `\not`'s slash.

use super::{c, center_on, glyph_box, list, Atom, HBox, Item, ItemKind, Style, K};
use crate::tex::font::math_font;
use crate::tex::layout::FontId;
use crate::tex::parse::Node;
use crate::tex::symbols::Class;

/// LaTeX's \fboxsep (3 pt) and \fboxrule (0.4 pt), in em of a 10 pt font.
const FBOXSEP: f64 = 0.3;
const FBOXRULE: f64 = 0.04;

fn rule(x: f64, y: f64, w: f64, h: f64, color: Option<String>, part: usize) -> Item {
    Item {
        kind: ItemKind::Rule { w, h },
        x,
        y,
        part,
        color,
    }
}

/// The class a list gets when it stands for one atom (`\pmb{+}` stays a binary operator).
fn class_of(body: &[Node]) -> Class {
    match body {
        [Node::Char { class, .. }] => *class,
        _ => Class::Ord,
    }
}

pub(super) fn atom(n: &Node, style: Style) -> Atom {
    let s = style.size();
    let ord = |bx| Atom {
        class: Some(Class::Ord),
        bx,
    };
    match n {
        Node::Boxed {
            body,
            frame,
            fill,
            meta,
        } => {
            let inner = list(body, style);
            let pad = FBOXSEP + if frame.is_some() { FBOXRULE } else { 0.0 };
            let (w, h, d) = (inner.w + 2.0 * pad, inner.h + pad, inner.d + pad);
            let mut b = HBox {
                w,
                h,
                d,
                ..Default::default()
            };
            if let Some(f) = fill {
                b.items
                    .push(rule(0.0, -d, w, h + d, Some(f.clone()), meta.part));
            }
            if let Some(f) = frame {
                let col = if f.is_empty() {
                    meta.color.clone()
                } else {
                    Some(f.clone())
                };
                let t = FBOXRULE;
                b.items.push(rule(0.0, -d, w, t, col.clone(), meta.part));
                b.items.push(rule(0.0, h - t, w, t, col.clone(), meta.part));
                b.items
                    .push(rule(0.0, -d, t, h + d, col.clone(), meta.part));
                b.items.push(rule(w - t, -d, t, h + d, col, meta.part));
            }
            b.append_at(inner, pad, 0.0);
            ord(b)
        }
        Node::Phantom { body, ink, w, h, d } => {
            let mut b = list(body, style);
            if !ink {
                b.items.clear();
            }
            if !w {
                b.w = 0.0;
            }
            if !h {
                b.h = 0.0;
            }
            if !d {
                b.d = 0.0;
            }
            Atom {
                class: Some(if *ink { class_of(body) } else { Class::Ord }),
                bx: b,
            }
        }
        Node::Lap { body, left } => {
            let inner = list(body, style);
            let dx = if *left { -inner.w } else { 0.0 };
            let mut b = HBox {
                h: inner.h,
                d: inner.d,
                ..Default::default()
            };
            b.append_at(inner, dx, 0.0);
            ord(b)
        }
        Node::Rule { w, h, raise, meta } => {
            let mut b = HBox {
                w: *w,
                h: (raise + h).max(0.0),
                d: (-raise).max(0.0),
                ..Default::default()
            };
            if *w > 0.0 && *h > 0.0 {
                b.items
                    .push(rule(0.0, *raise, *w, *h, meta.color.clone(), meta.part));
            }
            ord(b)
        }
        Node::Raise { body, dy } => {
            let inner = list(body, style);
            let mut b = HBox {
                w: inner.w,
                h: (inner.h + dy).max(0.0),
                d: (inner.d - dy).max(0.0),
                ..Default::default()
            };
            b.append_at(inner, 0.0, *dy);
            ord(b)
        }
        Node::VCenter(body) => ord(center_on(list(body, style), c(K::AxisHeight) * s)),
        Node::Pmb(body) => {
            // amsbsy: copies at -0.8 mu, -0.4 mu (raised 0.5 mu) and 0.
            let inner = list(body, style);
            let mu = style.quad() / 18.0;
            let mut b = HBox {
                w: inner.w,
                h: inner.h + 0.5 * mu,
                d: inner.d,
                ..Default::default()
            };
            b.append_at(inner.clone(), -0.8 * mu, 0.0);
            b.append_at(inner.clone(), -0.4 * mu, 0.5 * mu);
            b.append_at(inner, 0.0, 0.0);
            Atom {
                class: Some(class_of(body)),
                bx: b,
            }
        }
        // Text sizes are absolute (\tiny is 5 pt even in a script): the body is laid out at
        // that size, so its glyphs take the font's optical script designs as cmr7 and cmr5 do.
        Node::Scaled { factor, body } => ord(list(
            body,
            Style {
                mag: factor / style.kind_size(),
                ..style
            },
        )),
        Node::Not { body, meta } => {
            let a = super::atom(body, style);
            let slash = glyph_box(math_font(), FontId::Math, '/', s, meta);
            let mut b = a.bx;
            let x = (b.w - slash.w) / 2.0;
            let slash = center_on(slash, c(K::AxisHeight) * s);
            b.extend_v(slash.h, slash.d);
            b.append_at(slash, x, 0.0);
            Atom {
                class: a.class,
                bx: b,
            }
        }
        _ => unreachable!("boxes::atom on {n:?}"),
    }
}
