//! Math layout after The TeXbook, Appendix G, with the font parameters of the OpenType MATH
//! table instead of TFM \fontdimens (as LuaTeX and XeTeX do). All lengths are in em of the
//! text size; y points up; a box's origin is on its baseline at its left edge.

use skrifa::raw::tables::math::MathConstant as K;

use super::font::{math_font, text_font, Font};
use super::parse::{Formula, Meta, Node, StyleKind};
use super::symbols::Class;

mod boxes;
mod logo;
mod overunder;
mod tabular;

/// Which embedded font a glyph comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FontId {
    Math,
    Text,
    /// LaTeX's own designs from the KaTeX fonts (`\mathcal`, `\mathbb`, …).
    Design(super::designs::Design),
}

#[derive(Clone, Debug, PartialEq)]
pub enum ItemKind {
    Glyph {
        font: FontId,
        gid: u32,
        scale: f64,
        /// Horizontal stretch on top of `scale`: TeX's 7 pt and 5 pt fonts are wider than the
        /// 10 pt designs scaled down, and symbols without a script design stand in for them.
        stretch: f64,
    },
    /// A filled rectangle (fraction bars, radical overbars); (x, y) is its bottom-left corner.
    Rule { w: f64, h: f64 },
}

/// One positioned piece of ink.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub kind: ItemKind,
    pub x: f64,
    pub y: f64,
    pub part: usize,
    pub color: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct HBox {
    pub w: f64,
    pub h: f64,
    pub d: f64,
    pub items: Vec<Item>,
    /// Italic correction of the last glyph (for placing superscripts).
    pub italic: f64,
}

impl HBox {
    fn append_at(&mut self, other: HBox, dx: f64, dy: f64) {
        for mut it in other.items {
            it.x += dx;
            it.y += dy;
            self.items.push(it);
        }
    }
    fn extend_v(&mut self, h: f64, d: f64) {
        self.h = self.h.max(h);
        self.d = self.d.max(d);
    }
}

/// A typeset formula.
#[derive(Clone, Debug, Default)]
pub struct Typeset {
    pub items: Vec<Item>,
    pub width: f64,
    pub height: f64,
    pub depth: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Style {
    kind: StyleKind,
    cramped: bool,
    /// A text-size factor (`\tiny` … `\Huge`) on top of the style's own size: the list is laid
    /// out at that size (so glyphs take their optical sizes), not scaled afterwards.
    mag: f64,
}

impl Style {
    const DISPLAY: Style = Style {
        kind: StyleKind::Display,
        cramped: false,
        mag: 1.0,
    };

    fn size(self) -> f64 {
        self.kind_size() * self.mag
    }
    /// The math quad that `mu` is an 18th of: cmsy10's, cmsy7's and cmsy5's quads (1, 1.171 and
    /// 1.472 em of their own sizes), so script spacing and `\mkern` are wider than scaled
    /// text-style spacing, as in pdfLaTeX.
    fn quad(self) -> f64 {
        let own = match self.kind {
            StyleKind::Display | StyleKind::Text => 1.0,
            StyleKind::Script => 1.171,
            StyleKind::ScriptScript => 1.472,
        };
        own * self.size()
    }
    /// The size of the style alone: 1, or the MATH table's script scale-downs (70 %, 50 %).
    fn kind_size(self) -> f64 {
        let f = math_font();
        match self.kind {
            StyleKind::Display | StyleKind::Text => 1.0,
            StyleKind::Script => f.constant(K::ScriptPercentScaleDown) / 100.0,
            StyleKind::ScriptScript => f.constant(K::ScriptScriptPercentScaleDown) / 100.0,
        }
    }
    fn is_script(self) -> bool {
        matches!(self.kind, StyleKind::Script | StyleKind::ScriptScript)
    }
    fn sup(self) -> Style {
        Style {
            kind: match self.kind {
                StyleKind::Display | StyleKind::Text => StyleKind::Script,
                _ => StyleKind::ScriptScript,
            },
            cramped: self.cramped,
            mag: self.mag,
        }
    }
    fn sub(self) -> Style {
        Style {
            cramped: true,
            ..self.sup()
        }
    }
    fn num(self) -> Style {
        Style {
            kind: match self.kind {
                StyleKind::Display => StyleKind::Text,
                StyleKind::Text => StyleKind::Script,
                _ => StyleKind::ScriptScript,
            },
            cramped: self.cramped,
            mag: self.mag,
        }
    }
    fn den(self) -> Style {
        Style {
            cramped: true,
            ..self.num()
        }
    }
    fn cramp(self) -> Style {
        Style {
            cramped: true,
            ..self
        }
    }
}

fn c(k: K) -> f64 {
    math_font().constant(k)
}

/// An atom before spacing: its class and its laid-out box.
struct Atom {
    class: Option<Class>,
    bx: HBox,
}

/// LaTeX's long arrows are not glyphs but two pieces joined by `\joinrel` (−3 mu):
/// `\longrightarrow` is `\relbar\joinrel\rightarrow`, 1.611 em wide where Latin Modern Math's
/// single glyph is 1.463 em.
const JOINED_ARROWS: &[(char, [char; 2])] = &[
    ('⟵', ['←', '\u{2212}']),
    ('⟶', ['\u{2212}', '→']),
    ('⟷', ['←', '→']),
    ('⟸', ['⇐', '=']),
    ('⟹', ['=', '⇒']),
    ('⟺', ['⇐', '⇒']),
];

fn glyph_box(font: &Font, id: FontId, ch: char, s: f64, meta: &Meta) -> HBox {
    if let Some((_, pieces)) = JOINED_ARROWS.iter().find(|(c, _)| *c == ch) {
        // The style's mu from its size: cmsy7's and cmsy5's quads are wider (see `Style::quad`).
        let joinrel = -3.0 / 18.0 * [1.0, 1.171, 1.472][script_level(s)] * s;
        let mut b = HBox::default();
        for (i, &p) in pieces.iter().enumerate() {
            if i > 0 {
                b.w += joinrel;
            }
            let g = glyph_box(font, id, p, s, meta);
            let x = b.w;
            b.extend_v(g.h, g.d);
            b.w += g.w;
            b.append_at(g, x, 0.0);
        }
        return b;
    }
    let ch = match super::designs::resolve(ch) {
        super::designs::Resolved::Design(d, f, gid) => {
            let mut b = gid_box(f, FontId::Design(d), gid, s, meta);
            b.italic = super::designs::text_italic_correction(ch).unwrap_or(0.0) * s;
            return b;
        }
        super::designs::Resolved::Char(c) => c,
    };
    let mut stretch = 1.0;
    let (font, id, gid) = match font.glyph_for(ch).map(|g| {
        if id == FontId::Math {
            let level = script_level(s);
            let v = font.script_variant(g, level);
            if v == g && level > 0 {
                stretch = SCRIPT_WIDENING[level];
            }
            v
        } else {
            g
        }
    }) {
        Some(g) => (font, id, g),
        None => match fallback_glyph(ch) {
            Some(found) => found,
            // The parser refuses characters no font has (`glyph_available`).
            None => (font, id, 0),
        },
    };
    let mut b = gid_box(font, id, gid, s, meta);
    if id == FontId::Math {
        if let Some(ic) = super::cmmi::italic_correction(ch, script_level(s)) {
            b.italic = ic * s;
        }
    }
    if ch == '\u{2032}' && id == FontId::Math {
        // cmsy's prime is 0.275 em wide with no italic correction; Latin Modern Math's script
        // prime has wide side bearings, which spread `x'''` far more than pdfLaTeX does.
        b.w = 0.275 * s * SCRIPT_WIDENING[script_level(s)];
        b.italic = 0.0;
    }
    if stretch != 1.0 {
        b.w *= stretch;
        b.italic *= stretch;
        for it in &mut b.items {
            if let ItemKind::Glyph { stretch: k, .. } = &mut it.kind {
                *k = stretch;
            }
        }
    }
    b
}

/// How much wider TeX's 7 pt and 5 pt designs are than the 10 pt one scaled down: Latin Modern
/// Math's own script designs of digits and letters are 1.138 and 1.362 times as wide (as cmr7
/// and cmr5 are), and symbols it has no script design for (`+ = ( →`) are widened as much.
const SCRIPT_WIDENING: [f64; 3] = [1.0, 1.138, 1.362];

/// Symbols Latin Modern Math lacks: the AMS symbol font (msam/msbm designs, from fonts-katex),
/// then the prose font.
fn fallback_glyph(ch: char) -> Option<(&'static Font, FontId, u32)> {
    let d = super::designs::Design::Blackboard;
    if let Some(f) = super::designs::font(d) {
        if let Some(g) = f.glyph_for(ch) {
            return Some((f, FontId::Design(d), g));
        }
    }
    text_font()
        .glyph_for(ch)
        .map(|g| (text_font(), FontId::Text, g))
}

/// Whether some font can draw `ch` (after the alphabet designs are resolved).
pub(crate) fn glyph_available(ch: char) -> bool {
    match super::designs::resolve(ch) {
        super::designs::Resolved::Design(..) => true,
        super::designs::Resolved::Char(c) => {
            c.is_whitespace() || math_font().glyph_for(c).is_some() || fallback_glyph(c).is_some()
        }
    }
}

/// 0 for text size, 1 for script, 2 for scriptscript (from the style's scale).
fn script_level(s: f64) -> usize {
    if s > 0.85 {
        0
    } else if s > 0.6 {
        1
    } else {
        2
    }
}

fn gid_box(font: &Font, id: FontId, gid: u32, s: f64, meta: &Meta) -> HBox {
    let g = font.glyph(gid);
    let italic = if id == FontId::Math {
        font.italic_correction(gid) * s
    } else {
        0.0
    };
    HBox {
        w: g.advance * s,
        h: (g.ink.3 * s).max(0.0),
        d: (-g.ink.1 * s).max(0.0),
        items: vec![Item {
            kind: ItemKind::Glyph {
                font: id,
                gid,
                scale: s,
                stretch: 1.0,
            },
            x: 0.0,
            y: 0.0,
            part: meta.part,
            color: meta.color.clone(),
        }],
        italic,
    }
}

/// The interword space of cmr10, cmr7 and cmr5 in em of their own size: small designs are set
/// looser (6u# + 2 letter_fit# in Computer Modern's sources; the 5 pt value is checked against
/// pdfLaTeX's `\tiny` text in the corpus).
const WORD_SPACE: [f64; 3] = [1.0 / 3.0, 0.42, 0.47];

fn word_box(text: &str, s: f64, meta: &Meta) -> HBox {
    let f = math_font();
    let mut b = HBox::default();
    for ch in text.chars() {
        // An interword space, or the thin space (\,) inside operator names such as `lim sup`.
        if ch == ' ' || ch == '\u{00A0}' || ch == '\u{2009}' {
            b.w += if ch == '\u{2009}' {
                s / 6.0
            } else {
                s * WORD_SPACE[script_level(s)]
            };
            continue;
        }
        let g = glyph_box(f, FontId::Math, ch, s, meta);
        let x = b.w;
        b.extend_v(g.h, g.d);
        b.w += g.w;
        b.append_at(g, x, 0.0);
    }
    b
}

/// Spacing between atom classes in mu (TeXbook p. 170). Negative: only in display/text style.
fn spacing(left: Class, right: Class) -> i32 {
    use Class::*;
    let idx = |c: Class| match c {
        Ord => 0,
        Op => 1,
        Bin => 2,
        Rel => 3,
        Open => 4,
        Close => 5,
        Punct => 6,
        Inner => 7,
    };
    const T: [[i32; 8]; 8] = [
        [0, 3, -4, -5, 0, 0, 0, -3],
        [3, 3, 0, -5, 0, 0, 0, -3],
        [-4, -4, 0, 0, -4, 0, 0, -4],
        [-5, -5, 0, 0, -5, 0, 0, -5],
        [0, 0, 0, 0, 0, 0, 0, 0],
        [0, 3, -4, -5, 0, 0, 0, -3],
        [-3, -3, 0, -3, -3, -3, -3, -3],
        [-3, 3, -4, -5, -3, 0, -3, -3],
    ];
    T[idx(left)][idx(right)]
}

/// Lays out a list of atoms horizontally with TeX's inter-atom spacing.
fn hpack(mut atoms: Vec<Atom>, style: Style) -> HBox {
    // Rules 5 and 6: a Bin with nothing sensible on its left or right becomes an Ord.
    let mut prev: Option<usize> = None;
    for i in 0..atoms.len() {
        let Some(cl) = atoms[i].class else { continue };
        if cl == Class::Bin {
            let left = prev.and_then(|p| atoms[p].class);
            if matches!(
                left,
                None | Some(Class::Bin | Class::Op | Class::Rel | Class::Open | Class::Punct)
            ) {
                atoms[i].class = Some(Class::Ord);
            }
        }
        if matches!(cl, Class::Rel | Class::Close | Class::Punct) {
            if let Some(p) = prev {
                if atoms[p].class == Some(Class::Bin) {
                    atoms[p].class = Some(Class::Ord);
                }
            }
        }
        prev = Some(i);
    }
    if let Some(p) = prev {
        if atoms[p].class == Some(Class::Bin) {
            atoms[p].class = Some(Class::Ord);
        }
    }
    let mu = style.quad() / 18.0;
    let mut out = HBox::default();
    let mut last: Option<Class> = None;
    for a in atoms {
        if let (Some(l), Some(r)) = (last, a.class) {
            let sp = spacing(l, r);
            if sp > 0 || (sp < 0 && !style.is_script()) {
                out.w += sp.abs() as f64 * mu;
            }
        }
        if a.class.is_some() {
            last = a.class;
        }
        let x = out.w;
        out.extend_v(a.bx.h, a.bx.d);
        out.w += a.bx.w;
        out.italic = a.bx.italic;
        out.append_at(a.bx, x, 0.0);
    }
    out
}

/// Lays out a math list in a style.
fn list(nodes: &[Node], style: Style) -> HBox {
    hpack(atoms(nodes, style), style_after(nodes, style))
}

/// The style in force at the end of a list (after `\displaystyle` and friends).
fn style_after(nodes: &[Node], mut style: Style) -> Style {
    for n in nodes {
        if let Node::StyleSwitch(k) = n {
            style = Style {
                kind: *k,
                cramped: style.cramped,
                mag: style.mag,
            };
        }
    }
    style
}

fn atoms(nodes: &[Node], mut style: Style) -> Vec<Atom> {
    let mut out = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        if let Node::StyleSwitch(k) = n {
            style = Style {
                kind: *k,
                cramped: style.cramped,
                mag: style.mag,
            };
            continue;
        }
        let mut a = atom(n, style);
        if text_run_continues(n, nodes.get(i + 1)) {
            // Rule 17: inside a word of a text font the italic correction is not added.
            a.bx.w -= a.bx.italic;
            a.bx.italic = 0.0;
        }
        out.push(a);
    }
    out
}

/// Whether `n` is a character of a text font (`\mathit`'s cmti) followed by another character of
/// that font (TeX's `math_text_char`).
fn text_run_continues(n: &Node, next: Option<&Node>) -> bool {
    let text_char = |n: &Node| match n {
        Node::Char { ch, .. } => super::designs::text_italic_correction(*ch).is_some(),
        _ => false,
    };
    let next_char = match next {
        Some(Node::Scripts { base, .. }) => text_char(base),
        Some(m) => text_char(m),
        None => false,
    };
    text_char(n) && next_char
}

/// True for nodes whose nucleus is a single character (TeX treats their scripts differently).
fn is_char(n: &Node) -> bool {
    matches!(n, Node::Char { .. })
}

fn atom(n: &Node, style: Style) -> Atom {
    let s = style.size();
    let f = math_font();
    match n {
        Node::Char { ch, class, meta } => {
            let mut b = glyph_box(f, FontId::Math, *ch, s, meta);
            // Rule 17: without a subscript the italic correction is part of the width.
            b.w += b.italic;
            Atom {
                class: Some(*class),
                bx: b,
            }
        }
        Node::Text { text, meta } => Atom {
            class: Some(Class::Ord),
            bx: word_box(text, s, meta),
        },
        Node::Group(v) => Atom {
            class: Some(Class::Ord),
            bx: list(v, style),
        },
        // In math units (`\,`, `\mkern`): an 18th of the style's math quad per mu.
        Node::Space(em) => Atom {
            class: None,
            bx: HBox {
                w: em * style.quad(),
                ..Default::default()
            },
        },
        Node::StyleSwitch(_) => Atom {
            class: None,
            bx: HBox::default(),
        },
        Node::Scripts { base, sup, sub } => scripts(base, sup.as_deref(), sub.as_deref(), style),
        Node::Op { .. } => Atom {
            class: Some(Class::Op),
            bx: op_nucleus(n, style).0,
        },
        // LaTeX's \frac wraps \over in braces, so a fraction spaces like an Ord, not an Inner.
        Node::Frac { .. } => Atom {
            class: Some(Class::Ord),
            bx: fraction(n, style),
        },
        Node::Sqrt { index, body, meta } => Atom {
            class: Some(Class::Ord),
            bx: radical(index.as_deref(), body, meta, style),
        },
        Node::LeftRight {
            left,
            right,
            body,
            lmeta,
            rmeta,
        } => {
            // The delimiters' size comes from the body's height and depth, the maxima over its
            // atoms: measured on the atoms themselves so each level is laid out once (linear time).
            let mut inner = atoms(body, style);
            let (ih, id) = inner
                .iter()
                .fold((0.0f64, 0.0f64), |(h, d), a| (h.max(a.bx.h), d.max(a.bx.d)));
            let axis = c(K::AxisHeight) * s;
            let delta = (ih - axis).max(id + axis);
            let size = (2.0 * delta * 0.901).max(2.0 * delta - 0.5 * s);
            // `\middle` delimiters take the size of the outer pair.
            let mut k = 0;
            for n in body {
                match n {
                    Node::StyleSwitch(_) => continue,
                    Node::Middle { delim, meta } => {
                        inner[k].bx = delimiter(*delim, size, style, meta);
                    }
                    _ => {}
                }
                k += 1;
            }
            let mut all = Vec::new();
            all.push(Atom {
                class: Some(Class::Open),
                bx: delimiter(*left, size, style, lmeta),
            });
            all.extend(inner);
            all.push(Atom {
                class: Some(Class::Close),
                bx: delimiter(*right, size, style, rmeta),
            });
            Atom {
                class: Some(Class::Inner),
                bx: hpack(all, style),
            }
        }
        Node::Big {
            delim,
            size,
            class,
            meta,
        } => {
            // Plain TeX's \big…\Bigg: boxes of 8.5, 11.5, 14.5, 17.5 pt treated as by \left.
            let h = [0.85, 1.15, 1.45, 1.75][(*size).clamp(1, 4) - 1] * s;
            let delta = h - c(K::AxisHeight) * s;
            let need = (2.0 * delta * 0.901).max(2.0 * delta - 0.5 * s);
            Atom {
                class: Some(*class),
                bx: delimiter(*delim, need, style, meta),
            }
        }
        Node::Accent {
            accent,
            wide,
            body,
            meta,
        } => Atom {
            class: Some(Class::Ord),
            bx: accent_box(*accent, *wide, body, meta, style),
        },
        Node::Class { class, body } => Atom {
            class: Some(*class),
            bx: list(body, style),
        },
        // Drawn by the array that holds it (`tabular::table`).
        Node::HLine(_) => Atom {
            class: None,
            bx: HBox::default(),
        },
        // In em of the text font (`\kern1em`, `\quad`, `\ `): the text size counts, the math
        // style does not.
        Node::Kern(em) => Atom {
            class: None,
            bx: HBox {
                w: em * style.mag,
                ..Default::default()
            },
        },
        Node::Middle { delim, meta } => Atom {
            class: Some(Class::Close),
            bx: delimiter(*delim, 0.0, style, meta),
        },
        Node::Choice(lists) => {
            let i = match style.kind {
                StyleKind::Display => 0,
                StyleKind::Text => 1,
                StyleKind::Script => 2,
                StyleKind::ScriptScript => 3,
            };
            Atom {
                class: Some(Class::Ord),
                bx: list(&lists[i], style),
            }
        }
        Node::Boxed { .. }
        | Node::Phantom { .. }
        | Node::Lap { .. }
        | Node::Rule { .. }
        | Node::Raise { .. }
        | Node::VCenter(_)
        | Node::Pmb(_)
        | Node::Scaled { .. }
        | Node::Not { .. } => boxes::atom(n, style),
        Node::Logo { latex, meta } => Atom {
            class: Some(Class::Ord),
            bx: logo::logo(*latex, meta, style),
        },
        Node::OverUnder { .. } => overunder::atom(n, style),
        Node::Overline { body, meta } => {
            let mut b = list(body, style.cramp());
            let gap = c(K::OverbarVerticalGap) * s;
            let t = c(K::OverbarRuleThickness) * s;
            let y = b.h + gap;
            b.items.push(Item {
                kind: ItemKind::Rule { w: b.w, h: t },
                x: 0.0,
                y,
                part: meta.part,
                color: meta.color.clone(),
            });
            b.h = y + t + c(K::OverbarExtraAscender) * s;
            Atom {
                class: Some(Class::Ord),
                bx: b,
            }
        }
        Node::Underline { body, meta } => {
            let mut b = list(body, style);
            let gap = c(K::UnderbarVerticalGap) * s;
            let t = c(K::UnderbarRuleThickness) * s;
            let y = -b.d - gap - t;
            b.items.push(Item {
                kind: ItemKind::Rule { w: b.w, h: t },
                x: 0.0,
                y,
                part: meta.part,
                color: meta.color.clone(),
            });
            b.d = -y + c(K::UnderbarExtraDescender) * s;
            Atom {
                class: Some(Class::Ord),
                bx: b,
            }
        }
        Node::Array {
            rows,
            align,
            spec,
            left,
            right,
            meta,
            col_sep,
        } => {
            let body = match align {
                // amsmath's \minalignsep (10 pt) between column pairs of `aligned`.
                'a' => align_rows(rows, style, 1.0),
                'A' => align_rows(rows, style, 0.0),
                'y' | 'u' | 's' | 'g' => tabular::table(rows, *align, spec, meta, style),
                _ => array(rows, *align, *col_sep, style),
            };
            if left.is_none() && right.is_none() {
                return Atom {
                    class: Some(Class::Ord),
                    bx: body,
                };
            }
            let axis = c(K::AxisHeight) * s;
            let delta = (body.h - axis).max(body.d + axis);
            let size = (2.0 * delta * 0.901).max(2.0 * delta - 0.5 * s);
            let all = vec![
                Atom {
                    class: Some(Class::Open),
                    bx: delimiter(*left, size, style, meta),
                },
                Atom {
                    class: Some(Class::Ord),
                    bx: body,
                },
                Atom {
                    class: Some(Class::Close),
                    bx: delimiter(*right, size, style, meta),
                },
            ];
            Atom {
                class: Some(Class::Inner),
                bx: hpack(all, style),
            }
        }
    }
}

/// The nucleus of an operator; the flag says whether its scripts go above and below.
fn op_nucleus(n: &Node, style: Style) -> (HBox, bool) {
    let Node::Op {
        word,
        symbol,
        body,
        limits,
        meta,
    } = n
    else {
        unreachable!()
    };
    let s = style.size();
    let f = math_font();
    let display = style.kind == StyleKind::Display;
    if let Some(body) = body {
        let mut b = list(body, style);
        // Rule 13: a single-character nucleus is centred on the axis.
        if body.len() == 1 && is_char(&body[0]) {
            b = center_on(b, c(K::AxisHeight) * s);
        }
        return (b, limits.unwrap_or(display));
    }
    if let Some(w) = word {
        let b = word_box(w, s, meta);
        return (b, limits.unwrap_or(display));
    }
    let ch = symbol.unwrap_or('∑');
    let gid = f.glyph_for(ch).unwrap_or(0);
    let gid = if display {
        let min = c(K::DisplayOperatorMinHeight);
        let vars = f.variants(gid, true);
        vars.iter()
            .find(|(_, h)| *h >= min)
            .or(vars.last())
            .map(|v| v.0)
            .unwrap_or(gid)
    } else {
        gid
    };
    let mut b = gid_box(f, FontId::Math, gid, s, meta);
    // Centre big operators on the math axis.
    let axis = c(K::AxisHeight) * s;
    let dy = axis - (b.h - b.d) / 2.0;
    for it in &mut b.items {
        it.y += dy;
    }
    b.h += dy;
    b.d -= dy;
    // cmex's boxes are taller than the ink (a display ∑ is 1.6 em, its ink 1.4 em): limits and
    // scripts keep that distance in pdfLaTeX, while the OpenType glyph box is the ink.
    let integral = matches!(
        ch,
        '∫' | '∬' | '∭' | '∮' | '∯' | '∰' | '⨌' | '∱' | '∲' | '∳'
    );
    if integral {
        // cmex's integral signs are narrower boxes with a larger italic correction hanging out
        // (0.472 + 0.194 em, display 0.556 + 0.444 em); the glyph's advance is their sum, and
        // TeX tucks a subscript in by cmex's correction, not by the font's larger one.
        b.italic = if display { 0.444 } else { 0.194 } * s;
    }
    let total = match (integral, display) {
        (false, false) => 1.0,
        (false, true) => 1.6,
        (true, false) => 1.112,
        (true, true) => 2.222,
    } * s;
    let pad = (total - b.h - b.d) / 2.0;
    if pad > 0.0 {
        b.h += pad;
        b.d += pad;
    }
    (b, limits.unwrap_or(display))
}

fn scripts(base: &Node, sup: Option<&[Node]>, sub: Option<&[Node]>, style: Style) -> Atom {
    let s = style.size();
    // xcolor's \fcolorbox ends with a colour `\special` after its box, so in pdfLaTeX a script
    // after it goes on an empty nucleus beside the box, not on the box (\colorbox's does not).
    if let Node::Boxed {
        fill: Some(_),
        frame: Some(_),
        ..
    } = base
    {
        let mut b = atom(base, style).bx;
        let x = b.w;
        let sc = attach(HBox::default(), false, sup, sub, style);
        b.extend_v(sc.h, sc.d);
        b.w += sc.w;
        b.append_at(sc, x, 0.0);
        return Atom {
            class: Some(Class::Ord),
            bx: b,
        };
    }
    // Operators with limits stack their scripts (Rule 13a).
    if let Node::Op { .. } = base {
        let (nuc, limits) = op_nucleus(base, style);
        if limits {
            return Atom {
                class: Some(Class::Op),
                bx: limits_box(nuc, sup, sub, style),
            };
        }
        // Rule 13: the italic correction leaves the width when there is a subscript (which
        // then sits that far left of the superscript); without one it stays in the width.
        let mut nuc = nuc;
        if sub.is_some() {
            nuc.w -= nuc.italic;
        } else {
            nuc.italic = 0.0;
        }
        let bx = attach(nuc, false, sup, sub, style);
        return Atom {
            class: Some(Class::Op),
            bx,
        };
    }
    if let Some((nuc, class)) = overunder::limits_nucleus(base, style) {
        let sup_b = sup.map(|v| list(v, style.sup()));
        let sub_b = sub.map(|v| list(v, style.sub()));
        return Atom {
            class: Some(class),
            bx: limits_boxes(nuc, sup_b, sub_b, style),
        };
    }
    let char_base = is_char(base);
    let a = atom(base, style);
    let mut b = a.bx;
    if char_base && sub.is_some() {
        // Undo Rule 17's italic kern: the subscript tucks under the glyph.
        b.w -= b.italic;
    } else if !char_base {
        b.italic = 0.0;
    } else {
        b.italic = 0.0; // already in the width
    }
    let class = a.class.unwrap_or(Class::Ord);
    let _ = s;
    Atom {
        class: Some(class),
        bx: attach(b, char_base, sup, sub, style),
    }
}

/// TeX's σ13–σ15: display style raises superscripts more than text style. The MATH table only
/// has the text-style value, so display style uses cmsy10's sup1 (0.413 em), as pdfTeX does.
fn sup_shift(style: Style) -> f64 {
    if style.cramped {
        c(K::SuperscriptShiftUpCramped)
    } else if style.kind == StyleKind::Display {
        c(K::SuperscriptShiftUp).max(0.413)
    } else {
        c(K::SuperscriptShiftUp)
    }
}

/// TeX's σ18 and σ19 (sup_drop, sub_drop) of the script font, in em of the text size. cmsy7 and
/// cmsy5 give the same absolute values (0.353 × 7 pt, 0.494 × 5 pt; 0.071 × 7 pt, 0.1 × 5 pt), so
/// they do not scale with the style. The MATH table's drops (0.25 and 0.2 em, scaled) drop a
/// subscript under a box far lower than pdfTeX does.
const SUP_DROP: f64 = 0.247;
const SUB_DROP: f64 = 0.05;

/// cmsy10's σ16 (sub1): how far a lone subscript drops, in em.
const SUB1: f64 = 0.15;

/// Rule 18: attaches sub/superscripts beside a nucleus.
fn attach(
    mut b: HBox,
    char_base: bool,
    sup: Option<&[Node]>,
    sub: Option<&[Node]>,
    style: Style,
) -> HBox {
    let s = style.size();
    let sup_b = sup.map(|v| list(v, style.sup()));
    let sub_b = sub.map(|v| list(v, style.sub()));
    let (mut u, mut v) = if char_base {
        (0.0, 0.0)
    } else {
        (b.h - SUP_DROP, b.d + SUB_DROP)
    };
    let italic = b.italic;
    let base_w = b.w;
    let shift = sup_shift(style) * s;
    match (&sup_b, &sub_b) {
        (Some(p), None) => {
            u = u.max(shift).max(p.d + c(K::SuperscriptBottomMin) * s);
        }
        (None, Some(q)) => {
            // Rule 18b: σ16 (cmsy10's sub1, 0.15 em) for a lone subscript; the MATH table's
            // SubscriptShiftDown is σ17, TeX's value when a superscript is present too.
            v = v.max(SUB1 * s).max(q.h - c(K::SubscriptTopMax) * s);
        }
        (Some(p), Some(q)) => {
            u = u.max(shift).max(p.d + c(K::SuperscriptBottomMin) * s);
            v = v.max(c(K::SubscriptShiftDown) * s);
            let gap = (u - p.d) - (q.h - v);
            let min_gap = c(K::SubSuperscriptGapMin) * s;
            if gap < min_gap {
                v += min_gap - gap;
                let psi = c(K::SuperscriptBottomMaxWithSubscript) * s - (u - p.d);
                if psi > 0.0 {
                    u += psi;
                    v -= psi;
                }
            }
        }
        (None, None) => return b,
    }
    let space = c(K::SpaceAfterScript) * s;
    let mut w = base_w;
    if let Some(p) = sup_b {
        let x = base_w + italic;
        w = w.max(x + p.w);
        b.extend_v(u + p.h, p.d - u);
        b.append_at(p, x, u);
    }
    if let Some(q) = sub_b {
        let x = base_w;
        w = w.max(x + q.w);
        b.extend_v(q.h - v, v + q.d);
        b.append_at(q, x, -v);
    }
    b.w = w + space;
    b.italic = 0.0;
    b
}

/// Rule 13a: limits above and below a display operator.
fn limits_box(nuc: HBox, sup: Option<&[Node]>, sub: Option<&[Node]>, style: Style) -> HBox {
    let sup_b = sup.map(|v| list(v, style.sup()));
    let sub_b = sub.map(|v| list(v, style.sub()));
    limits_boxes(nuc, sup_b, sub_b, style)
}

/// Rule 13a on laid-out limits.
fn limits_boxes(nuc: HBox, sup_b: Option<HBox>, sub_b: Option<HBox>, style: Style) -> HBox {
    let s = style.size();
    let w = nuc
        .w
        .max(sup_b.as_ref().map_or(0.0, |b| b.w))
        .max(sub_b.as_ref().map_or(0.0, |b| b.w));
    let mut out = HBox {
        w,
        h: nuc.h,
        d: nuc.d,
        ..Default::default()
    };
    let italic = nuc.italic;
    let (nh, nd, nw) = (nuc.h, nuc.d, nuc.w);
    out.append_at(nuc, (w - nw) / 2.0, 0.0);
    if let Some(p) = sup_b {
        let shift =
            nh + (c(K::UpperLimitGapMin) * s + p.d).max(c(K::UpperLimitBaselineRiseMin) * s);
        // ξ13 (big_op_spacing5, 0.1 em) of kern above the upper limit and below the lower.
        out.h = out.h.max(shift + p.h + 0.1 * s);
        let x = (w - p.w) / 2.0 + italic / 2.0;
        out.append_at(p, x, shift);
    }
    if let Some(q) = sub_b {
        let shift =
            nd + (c(K::LowerLimitGapMin) * s + q.h).max(c(K::LowerLimitBaselineDropMin) * s);
        out.d = out.d.max(shift + q.d + 0.1 * s);
        let x = (w - q.w) / 2.0 - italic / 2.0;
        out.append_at(q, x, -shift);
    }
    out
}

/// Rule 15: fractions (and rule-less stacks for \binom).
fn fraction(n: &Node, outer: Style) -> HBox {
    let Node::Frac {
        num,
        den,
        style: fs,
        rule,
        thickness,
        delims,
        meta,
    } = n
    else {
        unreachable!()
    };
    let (fs, rule, thickness, delims) = (*fs, *rule, *thickness, *delims);
    let style = match fs {
        Some(k) => Style {
            kind: k,
            cramped: outer.cramped,
            mag: outer.mag,
        },
        None => outer,
    };
    let s = style.size();
    let display = style.kind == StyleKind::Display;
    let nb = list(num, style.num());
    let db = list(den, style.den());
    let axis = c(K::AxisHeight) * s;
    let t = if rule {
        thickness.unwrap_or(c(K::FractionRuleThickness) * s)
    } else {
        0.0
    };
    let (mut u, mut v, gn, gd) = if display {
        (
            c(K::FractionNumeratorDisplayStyleShiftUp) * s,
            c(K::FractionDenominatorDisplayStyleShiftDown) * s,
            c(K::FractionNumDisplayStyleGapMin) * s,
            c(K::FractionDenomDisplayStyleGapMin) * s,
        )
    } else {
        (
            c(K::FractionNumeratorShiftUp) * s,
            c(K::FractionDenominatorShiftDown) * s,
            c(K::FractionNumeratorGapMin) * s,
            c(K::FractionDenominatorGapMin) * s,
        )
    };
    // Rule 15d: the clearance is 3θ (display) or θ for the bar's thickness θ.
    let (gn, gd) = match thickness {
        Some(th) if rule => {
            let k = if display { 3.0 } else { 1.0 };
            (gn.max(k * th), gd.max(k * th))
        }
        _ => (gn, gd),
    };
    if rule {
        u = u.max(gn + t / 2.0 + axis + nb.d);
        v = v.max(gd + t / 2.0 - axis + db.h);
    } else {
        let gap = if display {
            c(K::StackDisplayStyleGapMin)
        } else {
            c(K::StackGapMin)
        } * s;
        let cur = (u - nb.d) - (db.h - v);
        if cur < gap {
            u += (gap - cur) / 2.0;
            v += (gap - cur) / 2.0;
        }
    }
    // \nulldelimiterspace is a fixed 1.2 pt: it does not shrink in script styles.
    let null_delim = NULL_DELIMITER_SPACE * style.mag;
    let inner_w = nb.w.max(db.w);
    let mut out = HBox {
        w: inner_w + 2.0 * null_delim,
        h: u + nb.h,
        d: v + db.d,
        ..Default::default()
    };
    let (nw, dw) = (nb.w, db.w);
    out.append_at(nb, null_delim + (inner_w - nw) / 2.0, u);
    out.append_at(db, null_delim + (inner_w - dw) / 2.0, -v);
    if rule {
        out.items.push(Item {
            kind: ItemKind::Rule { w: inner_w, h: t },
            x: null_delim,
            y: axis - t / 2.0,
            part: meta.part,
            color: meta.color.clone(),
        });
    }
    if delims != (None, None) {
        // Rule 15e: delimiters of size σ20 (2.39 em) in display style, σ21 (1.01 em) otherwise.
        let size = if display { 2.39 } else { 1.01 } * s;
        let mut bare = out;
        bare.w -= 2.0 * null_delim;
        for it in &mut bare.items {
            it.x -= null_delim;
        }
        let l = delimiter(delims.0, size, style, meta);
        let r = delimiter(delims.1, size, style, meta);
        let mut b = HBox::default();
        for part in [l, bare, r] {
            let x = b.w;
            b.extend_v(part.h, part.d);
            b.w += part.w;
            b.append_at(part, x, 0.0);
        }
        return b;
    }
    out
}

/// LaTeX's \nulldelimiterspace (1.2 pt), in em of the text size whatever the style.
const NULL_DELIMITER_SPACE: f64 = 0.12;

/// A glyph stretched vertically to at least `size` (em), centred on the math axis.
fn delimiter(ch: Option<char>, size: f64, style: Style, meta: &Meta) -> HBox {
    let s = style.size();
    let Some(ch) = ch else {
        return HBox {
            w: NULL_DELIMITER_SPACE * style.mag,
            ..Default::default()
        };
    };
    let b = stretch_vertical(ch, size, s, meta);
    let axis = c(K::AxisHeight) * s;
    center_on(b, axis)
}

fn center_on(mut b: HBox, axis: f64) -> HBox {
    let dy = axis - (b.h - b.d) / 2.0;
    for it in &mut b.items {
        it.y += dy;
    }
    b.h += dy;
    b.d -= dy;
    b
}

/// The smallest size variant at least `size` tall, or an assembly of parts.
fn stretch_vertical(ch: char, size: f64, s: f64, meta: &Meta) -> HBox {
    let f = math_font();
    let Some(gid) = f.glyph_for(ch) else {
        return glyph_box(f, FontId::Math, ch, s, meta);
    };
    // cmex has no sized versions of these, only extensible ones: TeX builds them to the size.
    const EXTENSIBLE_ONLY: &[char] = &['|', '‖', '↑', '↓', '⇑', '⇓', '↕', '⇕'];
    let vars = if EXTENSIBLE_ONLY.contains(&ch) {
        f.variants(gid, true).into_iter().take(1).collect()
    } else {
        tex_series(f.variants(gid, true))
    };
    // The first variant is the glyph of the style's own font; the larger ones are cmex's, which
    // LaTeX (with amsfonts) has at 7 pt and up only: in scriptscript style they stay at 7 pt.
    let big = s.max(c(K::ScriptPercentScaleDown) / 100.0);
    for (i, &(g, h)) in vars.iter().enumerate() {
        let k = if i == 0 { s } else { big };
        if h * k >= size {
            if i > 0 {
                if let Some(b) = cmex_size(ch, h, k, meta) {
                    return b;
                }
            }
            if i == 0 {
                // The style's own glyph: in script styles the 7 pt and 5 pt designs, as for
                // any character (`glyph_box`).
                return glyph_box(f, FontId::Math, ch, s, meta);
            }
            return gid_box(f, FontId::Math, g, k, meta);
        }
    }
    if let Some((parts, overlap)) = f.assembly(gid, true) {
        return assemble(
            f,
            &parts,
            overlap,
            cmex_extensible(ch, size / big),
            big,
            meta,
        );
    }
    gid_box(
        f,
        FontId::Math,
        vars.last().map(|v| v.0).unwrap_or(gid),
        big,
        meta,
    )
}

/// cmex's own designs of its 1.2, 1.8, 2.4 and 3 em delimiters (KaTeX's Size1–4 fonts), for a
/// variant of Latin Modern Math that is `h` em tall. Its 3 em variants are a wider design (its ⟨
/// is 0.908 em wide, cmex's 0.806) and its smaller ones differ slightly in weight and width.
fn cmex_size(ch: char, h: f64, k: f64, meta: &Meta) -> Option<HBox> {
    use super::designs::{font, Design};
    let d = [
        (1.2, Design::Size1),
        (1.8, Design::Size2),
        (2.4, Design::Size3),
        (3.0, Design::Extension),
    ]
    .into_iter()
    .find(|(size, _)| (h - size).abs() < 0.02)?
    .1;
    let f = font(d)?;
    let gid = f.glyph_for(ch)?;
    // Only where the KaTeX glyph is that size (these fonts hold other glyphs too).
    let g = f.glyph(gid);
    ((g.ink.3 - g.ink.1 - h).abs() < 0.05).then(|| gid_box(f, FontId::Design(d), gid, k, meta))
}

/// cmex's extensible recipes (from its TFM): the height of the top, middle and bottom pieces and
/// the step that one more repeat adds (two repeats when there is a middle piece).
const CMEX_EXTENSIBLE: &[(&[char], f64, f64)] = &[
    (&['(', ')', '[', ']', '{', '}'], 3.6, 0.6),
    (&['⌈', '⌉', '⌊', '⌋'], 1.8, 0.6),
    (&['⟮', '⟯', '⎰', '⎱'], 1.8, 0.3),
    (&['√'], 2.4, 0.6),
    (&['|', '∣', '‖', '∥'], 0.0, 0.6),
];

/// The height TeX builds an extensible delimiter to for a `need` em tall one: the pieces
/// together, plus whole repeats until it is at least `need` (so a `cases` brace for 3.9 em is
/// 4.2 em tall). Other characters get exactly `need`.
fn cmex_extensible(ch: char, need: f64) -> f64 {
    let Some(&(_, min, step)) = CMEX_EXTENSIBLE.iter().find(|(cs, _, _)| cs.contains(&ch)) else {
        return need;
    };
    if need <= min {
        return min;
    }
    min + ((need - min) / step - 1e-9).ceil() * step
}

/// Keeps the size variants of TeX's cmex chain (1.0, 1.2, 1.8, 2.4, 3.0 em). Latin Modern Math
/// adds intermediate sizes that pdfTeX never uses; skipping them makes `\left…\right` and
/// radicals pick the same sizes LaTeX does. Fonts without that series keep all variants.
fn tex_series(vars: Vec<(u32, f64)>) -> Vec<(u32, f64)> {
    const SERIES: [f64; 5] = [1.0, 1.2, 1.8, 2.4, 3.0];
    let kept: Vec<(u32, f64)> = vars
        .iter()
        .copied()
        .filter(|(_, h)| SERIES.iter().any(|s| (h - s).abs() < 0.02))
        .collect();
    if kept.len() >= 3 {
        kept
    } else {
        vars
    }
}

/// Builds a glyph assembly (bottom to top) reaching `target` em (unscaled).
fn assemble(
    f: &Font,
    parts: &[super::font::AssemblyPart],
    min_overlap: f64,
    target: f64,
    s: f64,
    meta: &Meta,
) -> HBox {
    let mut reps = 0usize;
    let seq = |reps: usize| -> Vec<&super::font::AssemblyPart> {
        let mut v = Vec::new();
        for p in parts {
            if p.extender {
                for _ in 0..reps {
                    v.push(p);
                }
            } else {
                v.push(p);
            }
        }
        v
    };
    let max_len = |v: &Vec<&super::font::AssemblyPart>| -> f64 {
        v.iter().map(|p| p.full).sum::<f64>() - min_overlap * (v.len().saturating_sub(1)) as f64
    };
    let mut chosen = seq(reps);
    while max_len(&chosen) < target && reps < 200 {
        reps += 1;
        chosen = seq(reps);
    }
    // Spread the extra overlap evenly, within what connectors allow.
    let n = chosen.len();
    let mut overlap = min_overlap;
    if n > 1 {
        let excess = max_len(&chosen) - target;
        let max_ov = chosen
            .windows(2)
            .map(|w| w[0].end.min(w[1].start))
            .fold(f64::INFINITY, f64::min);
        overlap = (min_overlap + excess / (n - 1) as f64).min(max_ov.max(min_overlap));
    }
    let mut b = HBox::default();
    let mut y = 0.0;
    let mut first_bottom = 0.0;
    for (i, p) in chosen.iter().enumerate() {
        let g = f.glyph(p.glyph);
        if i == 0 {
            first_bottom = g.ink.1;
        }
        b.items.push(Item {
            kind: ItemKind::Glyph {
                font: FontId::Math,
                gid: p.glyph,
                scale: s,
                stretch: 1.0,
            },
            x: 0.0,
            y: (y - first_bottom) * s,
            part: meta.part,
            color: meta.color.clone(),
        });
        b.w = b.w.max(g.advance * s);
        y += p.full - overlap;
    }
    let total = (y + overlap) * s;
    b.h = total;
    b.d = 0.0;
    b
}

/// Rule 11: radicals.
fn radical(index: Option<&[Node]>, body: &[Node], meta: &Meta, style: Style) -> HBox {
    let s = style.size();
    let f = math_font();
    let inner = list(body, style.cramp());
    let t = c(K::RadicalRuleThickness) * s;
    let mut gap = if style.kind == StyleKind::Display {
        c(K::RadicalDisplayStyleVerticalGap)
    } else {
        c(K::RadicalVerticalGap)
    } * s;
    let need = inner.h + inner.d + gap + t;
    let sign = stretch_vertical('√', need, s, meta);
    let total = sign.h + sign.d;
    if total > need {
        gap += (total - need) / 2.0;
    }
    // Place the sign so its top meets the overbar's top.
    let top = inner.h + gap + t;
    let dy = top - sign.h;
    let mut out = HBox::default();
    let mut x = 0.0;
    if let Some(idx) = index {
        let ib = list(
            idx,
            Style {
                kind: StyleKind::ScriptScript,
                cramped: true,
                mag: style.mag,
            },
        );
        let before = c(K::RadicalKernBeforeDegree) * s;
        let after = c(K::RadicalKernAfterDegree) * s;
        let raise =
            c(K::RadicalDegreeBottomRaisePercent) / 100.0 * (sign.h + sign.d) + (dy - sign.d);
        let iw = ib.w;
        out.extend_v(raise + ib.h, 0.0);
        out.append_at(ib, before, raise);
        x = (before + iw + after).max(0.0);
    }
    let (sw, sd) = (sign.w, sign.d);
    out.append_at(sign, x, dy);
    out.extend_v(top + c(K::RadicalExtraAscender) * s, (sd - dy).max(inner.d));
    let bx = x + sw;
    out.items.push(Item {
        kind: ItemKind::Rule { w: inner.w, h: t },
        x: bx,
        y: top - t,
        part: meta.part,
        color: meta.color.clone(),
    });
    let iw = inner.w;
    out.append_at(inner, bx, 0.0);
    out.w = bx + iw;
    let _ = f;
    out
}

/// Combining accents and the spacing glyphs that have TeX's (cmr10's) accent designs.
const SPACING_ACCENTS: &[(char, char)] = &[
    ('\u{0302}', '\u{02C6}'),
    ('\u{0303}', '\u{02DC}'),
    ('\u{0301}', '\u{00B4}'),
    ('\u{0300}', '\u{0060}'),
    ('\u{0308}', '\u{00A8}'),
    ('\u{0304}', '\u{00AF}'),
    ('\u{030C}', '\u{02C7}'),
    ('\u{0306}', '\u{02D8}'),
    ('\u{0307}', '\u{02D9}'),
    ('\u{030A}', '\u{02DA}'),
];

/// cmr10's x-height (σ5), in em.
const X_HEIGHT: f64 = 0.430555;

/// Rule 12: accents over a nucleus.
fn accent_box(accent: char, wide: bool, body: &[Node], meta: &Meta, style: Style) -> HBox {
    let s = style.size();
    let f = math_font();
    let single = if body.len() == 1 {
        Some(&body[0])
    } else {
        None
    };
    let mut b = list(body, style.cramp());
    // Rule 12: the accent is centred over the nucleus, moved right by the skew of a single
    // letter (cmmi's kern with its skew character; letters of fonts without one, such as cmr's,
    // have none). Bold italic letters (cmmib) keep the font's attachment point.
    let bold_italic = |ch: char| {
        ('\u{1D468}'..='\u{1D49B}').contains(&ch) || ('\u{1D71C}'..='\u{1D755}').contains(&ch)
    };
    let base_attach = match single {
        Some(Node::Char { ch, .. }) => match super::cmmi::skew(*ch) {
            Some(k) => k * s + b.w / 2.0,
            None if bold_italic(*ch) => f
                .glyph_for(*ch)
                .and_then(|g| f.top_accent(g))
                .map(|a| a * s)
                .unwrap_or(b.w / 2.0),
            None => b.w / 2.0,
        },
        _ => b.w / 2.0,
    };
    // The nucleus height rule 12 compares with the x-height: a letter's TFM height.
    let base_h = match single {
        Some(Node::Char { ch, .. }) => super::cmmi::height(*ch).map_or(b.h, |h| h * s),
        _ => b.h,
    };
    if let Some(v) = (!wide)
        .then(|| cm_accent(accent, base_attach, base_h, meta, s))
        .flatten()
    {
        b.h = b.h.max(v.h);
        b.items.extend(v.items);
        return b;
    }
    // Plain accents use the spacing accent glyphs (cmr's designs, made to sit over an x-height
    // letter); wide ones the combining marks, which have size variants.
    let spacing = (!wide)
        .then(|| SPACING_ACCENTS.iter().find(|(c, _)| *c == accent))
        .flatten()
        .and_then(|&(_, sp)| f.glyph_for(sp));
    let Some(gid) = spacing.or_else(|| f.glyph_for(accent)) else {
        return b;
    };
    // Rule 12: \widehat and friends take the widest size variant that is no wider than the
    // base (the first one if all are); \hat keeps its size.
    let gid = if wide {
        let vars = f.variants(gid, false);
        vars.iter()
            .take_while(|(_, w)| w * s <= b.w)
            .last()
            .or(vars.first())
            .map(|v| v.0)
            .unwrap_or(gid)
    } else {
        gid
    };
    let g = f.glyph(gid);
    let acc_attach = f
        .top_accent(gid)
        .map(|a| a * s)
        .unwrap_or((g.ink.0 + g.ink.2) / 2.0 * s);
    // Rule 12: the accent is raised by h(x) − min(h(x), x-height) (σ5 = 0.431 em in cmr).
    let base_height = if spacing.is_some() {
        X_HEIGHT
    } else {
        c(K::AccentBaseHeight)
    };
    let lift = (base_h - base_height * s).max(0.0);
    let x = base_attach - acc_attach;
    b.items.push(Item {
        kind: ItemKind::Glyph {
            font: FontId::Math,
            gid,
            scale: s,
            stretch: 1.0,
        },
        x,
        y: lift,
        part: meta.part,
        color: meta.color.clone(),
    });
    b.h = b.h.max(lift + g.ink.3 * s);
    b
}

/// Accents in LaTeX's own designs (the KaTeX font has cmr's and cmmi's accent glyphs; Latin
/// Modern Math's tilde, dieresis and dot sit lower and its hat is wider). TeX centres the
/// accent's box (width plus italic correction) on the attachment point. `\vec` is cmmi's vector,
/// a 0.5 em box with a 0.154 em italic correction whose arrow lies right of centre; the KaTeX
/// glyph has its origin at that box's right edge. None if the font lacks the accent.
fn cm_accent(accent: char, attach: f64, base_h: f64, meta: &Meta, s: f64) -> Option<HBox> {
    use super::designs::{font, Design};
    let d = Design::Symbol;
    let f = font(d)?;
    let (ch, dx) = if accent == '\u{20D7}' {
        (accent, 0.654 / 2.0)
    } else {
        let &(_, sp) = SPACING_ACCENTS.iter().find(|(c, _)| *c == accent)?;
        let gid = f.glyph_for(sp)?;
        (sp, -f.glyph(gid).advance / 2.0)
    };
    let gid = f.glyph_for(ch)?;
    let g = f.glyph(gid);
    let lift = (base_h - X_HEIGHT * s).max(0.0);
    Some(HBox {
        w: 0.0,
        h: lift + g.ink.3 * s,
        d: 0.0,
        items: vec![Item {
            kind: ItemKind::Glyph {
                font: FontId::Design(d),
                gid,
                scale: s,
                stretch: 1.0,
            },
            x: attach + dx * s,
            y: lift,
            part: meta.part,
            color: meta.color.clone(),
        }],
        italic: 0.0,
    })
}

/// Matrix-like arrays: cells in text style, centred (or left-aligned) columns, struts.
fn array(rows: &[Vec<Vec<Node>>], align: char, col_sep: f64, style: Style) -> HBox {
    let s = style.size();
    let cell_style = Style {
        kind: if style.is_script() {
            style.kind
        } else {
            StyleKind::Text
        },
        cramped: false,
        mag: style.mag,
    };
    let boxes: Vec<Vec<HBox>> = rows
        .iter()
        .map(|r| r.iter().map(|c| list(c, cell_style)).collect())
        .collect();
    let ncols = boxes.iter().map(|r| r.len()).max().unwrap_or(0);
    let mut widths = vec![0.0f64; ncols];
    for r in &boxes {
        for (j, b) in r.iter().enumerate() {
            widths[j] = widths[j].max(b.w);
        }
    }
    // amsmath's cases sets \arraystretch to 1.2; matrices keep 1.
    let stretch = if align == 'l' { 1.2 } else { 1.0 };
    let (strut_h, strut_d) = (0.84 * s * stretch, 0.36 * s * stretch);
    let mut out = HBox::default();
    let mut y = 0.0;
    let mut first = true;
    let mut top = 0.0;
    for r in boxes {
        let h = r.iter().map(|b| b.h).fold(strut_h, f64::max);
        let d = r.iter().map(|b| b.d).fold(strut_d, f64::max);
        if first {
            top = h;
            first = false;
        } else {
            y -= h;
        }
        let mut x = 0.0;
        for (j, b) in r.into_iter().enumerate() {
            let dx = match align {
                'l' => 0.0,
                'r' => widths[j] - b.w,
                _ => (widths[j] - b.w) / 2.0,
            };
            out.append_at(b, x + dx, y);
            x += widths[j] + col_sep * s;
        }
        y -= d;
    }
    out.w = widths.iter().sum::<f64>() + col_sep * s * (ncols.saturating_sub(1)) as f64;
    // Centre the whole array on the axis.
    let total = top - y;
    out.h = top;
    out.d = -y;
    let axis = c(K::AxisHeight) * s;
    let dy = axis - (top - total / 2.0);
    for it in &mut out.items {
        it.y += dy;
    }
    out.h += dy;
    out.d -= dy;
    out
}

/// align* semantics: columns in right/left pairs, display style, amsmath's row spacing.
fn align_rows(rows: &[Vec<Vec<Node>>], style: Style, pair_gap: f64) -> HBox {
    let s = style.size();
    let empty_ord = Node::Group(vec![]);
    let boxes: Vec<Vec<HBox>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(j, cell)| {
                    if j % 2 == 1 {
                        // amsmath starts right-hand cells with {} so `&=` spaces as a relation.
                        let mut v = vec![empty_ord.clone()];
                        v.extend(cell.iter().cloned());
                        list(&v, style)
                    } else {
                        list(cell, style)
                    }
                })
                .collect()
        })
        .collect();
    let ncols = boxes.iter().map(|r| r.len()).max().unwrap_or(0);
    let mut widths = vec![0.0f64; ncols];
    for r in &boxes {
        for (j, b) in r.iter().enumerate() {
            widths[j] = widths[j].max(b.w);
        }
    }
    let col_x: Vec<f64> = {
        let mut xs = Vec::new();
        let mut x = 0.0;
        for (j, w) in widths.iter().enumerate() {
            if j > 0 && j % 2 == 0 {
                x += pair_gap * s;
            }
            xs.push(x);
            x += w;
        }
        xs
    };
    // \openup\jot: baselineskip 12pt + 3pt, lineskip 1pt + 3pt, lineskiplimit 0pt + 3pt.
    let (baselineskip, lineskip, limit) = (1.5 * s, 0.4 * s, 0.3 * s);
    let (strut_h, strut_d) = (0.84 * s, 0.36 * s);
    let mut out = HBox::default();
    let mut y = 0.0;
    let mut prev_d: Option<f64> = None;
    let mut top = 0.0;
    for r in boxes {
        let h = r.iter().map(|b| b.h).fold(strut_h, f64::max);
        let d = r.iter().map(|b| b.d).fold(strut_d, f64::max);
        match prev_d {
            None => top = h,
            Some(pd) => {
                let gap = baselineskip - pd - h;
                y -= if gap >= limit {
                    baselineskip
                } else {
                    pd + h + lineskip
                };
            }
        }
        for (j, b) in r.into_iter().enumerate() {
            let dx = if j % 2 == 0 { widths[j] - b.w } else { 0.0 };
            out.append_at(b, col_x[j] + dx, y);
        }
        prev_d = Some(d);
    }
    out.w = col_x.last().copied().unwrap_or(0.0) + widths.last().copied().unwrap_or(0.0);
    out.h = top;
    out.d = -y + prev_d.unwrap_or(0.0);
    out
}

/// Typesets lines of text (Manim's `Tex`, LaTeX's `center` environment): each line centred,
/// baselines 1.2 em apart (12 pt on 10 pt), or 0.1 em between lines that would touch.
pub fn typeset_text_lines(lines: &[Vec<Node>]) -> Typeset {
    let style = Style {
        kind: StyleKind::Text,
        cramped: false,
        mag: 1.0,
    };
    let boxes: Vec<HBox> = lines.iter().map(|l| list(l, style)).collect();
    let width = boxes.iter().map(|b| b.w).fold(0.0, f64::max);
    let mut out = HBox {
        w: width,
        ..Default::default()
    };
    let mut y = 0.0;
    let mut prev_d: Option<f64> = None;
    for b in boxes {
        if let Some(pd) = prev_d {
            let gap = 1.2 - pd - b.h;
            y -= if gap >= 0.0 { 1.2 } else { pd + b.h + 0.1 };
        } else {
            out.h = b.h;
        }
        prev_d = Some(b.d);
        let x = (width - b.w) / 2.0;
        out.append_at(b, x, y);
    }
    out.d = -y + prev_d.unwrap_or(0.0);
    Typeset {
        items: out.items,
        width: out.w,
        height: out.h,
        depth: out.d,
    }
}

/// Typesets a parsed formula with align* semantics (display style).
pub fn typeset(f: &Formula) -> Typeset {
    let b = if f.rows.len() == 1 && f.rows[0].len() == 1 {
        list(&f.rows[0][0], Style::DISPLAY)
    } else {
        align_rows(&f.rows, Style::DISPLAY, 2.0)
    };
    Typeset {
        items: b.items,
        width: b.w,
        height: b.h,
        depth: b.d,
    }
}
