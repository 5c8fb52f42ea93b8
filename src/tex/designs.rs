//! LaTeX's own glyph designs that Latin Modern Math lacks: cmsy's calligraphic capitals
//! (`\mathcal`), msbm's blackboard capitals (`\mathbb`), eufm's Fraktur (`\mathfrak`), cmti's
//! text italic (`\mathit`) and cmmi's old-style digits (`\mathnormal`). They come from the KaTeX fonts (Debian package `fonts-katex`, MIT),
//! which are those designs, read from the system at first use. The parser marks such characters
//! with private-use code points (one block per design); layout asks `resolve` for the glyph.
//! Without the package, Latin Modern Math's script, double-struck, Fraktur and math-italic
//! designs are used and a note says so once on stderr.

use std::sync::OnceLock;

use super::font::Font;
use super::symbols::{map_alphabet, Alpha};

/// A design from the KaTeX fonts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Design {
    Calligraphic,
    Blackboard,
    Fraktur,
    TextItalic,
    /// cmmi's old-style digits (`\mathnormal{123}`).
    OldStyle,
    /// cmex's horizontal brace pieces (`\overbrace`), which are heavier than Latin Modern
    /// Math's brace; used by layout through `brace_piece`, never by characters.
    Extension,
    /// cmsy's designs of the symbols in `CMSY_SYMBOLS` (KaTeX_Main), used for those characters
    /// wherever they appear.
    Symbol,
    /// cmex's 1.2, 1.8 and 2.4 em delimiters (KaTeX Size1–3; `Extension` is the 3 em size).
    Size1,
    Size2,
    Size3,
}

const DESIGNS: [Design; 10] = [
    Design::Calligraphic,
    Design::Blackboard,
    Design::Fraktur,
    Design::TextItalic,
    Design::OldStyle,
    Design::Extension,
    Design::Symbol,
    Design::Size1,
    Design::Size2,
    Design::Size3,
];

/// Where Debian's fonts-katex puts its TrueType files.
const DIR: &str = "/usr/share/fonts/truetype/katex";

/// First code point of the private-use plane used to mark designed characters.
const BASE: u32 = 0xF0000;

impl Design {
    fn index(self) -> u32 {
        DESIGNS.iter().position(|d| *d == self).unwrap() as u32
    }
    fn file(self) -> &'static str {
        match self {
            Design::Calligraphic => "KaTeX_Caligraphic-Regular.ttf",
            Design::Blackboard => "KaTeX_AMS-Regular.ttf",
            Design::Fraktur => "KaTeX_Fraktur-Regular.ttf",
            Design::TextItalic => "KaTeX_Main-Italic.ttf",
            Design::OldStyle => "KaTeX_Math-Italic.ttf",
            Design::Extension => "KaTeX_Size4-Regular.ttf",
            Design::Symbol => "KaTeX_Main-Regular.ttf",
            Design::Size1 => "KaTeX_Size1-Regular.ttf",
            Design::Size2 => "KaTeX_Size2-Regular.ttf",
            Design::Size3 => "KaTeX_Size3-Regular.ttf",
        }
    }
    /// Which characters LaTeX's font for this design has.
    fn covers(self, c: char) -> bool {
        match self {
            Design::Calligraphic | Design::Blackboard => c.is_ascii_uppercase(),
            Design::Fraktur => c.is_ascii_alphanumeric(),
            Design::TextItalic => c.is_ascii_alphanumeric() || ('Α'..='Ω').contains(&c),
            Design::OldStyle => c.is_ascii_digit(),
            Design::Extension | Design::Symbol | Design::Size1 | Design::Size2 | Design::Size3 => {
                false
            }
        }
    }
    /// Latin Modern Math's nearest design, when the KaTeX font is missing.
    fn fallback(self, c: char) -> char {
        match self {
            Design::Calligraphic => map_alphabet(c, Alpha::Script),
            Design::Blackboard => map_alphabet(c, Alpha::Blackboard),
            Design::Fraktur => map_alphabet(c, Alpha::Fraktur),
            Design::TextItalic => map_alphabet(c, Alpha::Italic),
            Design::OldStyle
            | Design::Extension
            | Design::Symbol
            | Design::Size1
            | Design::Size2
            | Design::Size3 => c,
        }
    }
}

/// The marked character for `c` in `design`, or None if LaTeX's font has no such glyph.
pub fn mark(c: char, design: Design) -> Option<char> {
    if !design.covers(c) {
        return None;
    }
    char::from_u32(BASE + design.index() * 0x1000 + c as u32)
}

/// cmti10's italic corrections (em; from its TFM), which the KaTeX font does not carry. TeX adds
/// one after the last letter of a run in a text font (`\mathit`), not between its letters
/// (Appendix G, rule 17 with `math_text_char`).
const CMTI_ITALIC: &[(char, f64)] = &[
    ('Γ', 0.1331),
    ('Θ', 0.094),
    ('Ξ', 0.1529),
    ('Π', 0.1639),
    ('Σ', 0.1203),
    ('Υ', 0.1111),
    ('Φ', 0.0599),
    ('Ψ', 0.1111),
    ('Ω', 0.1026),
    ('0', 0.1356),
    ('1', 0.1356),
    ('2', 0.1356),
    ('3', 0.1356),
    ('4', 0.1356),
    ('5', 0.1356),
    ('6', 0.1356),
    ('7', 0.1356),
    ('8', 0.1356),
    ('9', 0.1356),
    ('B', 0.1026),
    ('C', 0.1453),
    ('D', 0.094),
    ('E', 0.1203),
    ('F', 0.1331),
    ('G', 0.0872),
    ('H', 0.1639),
    ('I', 0.1581),
    ('J', 0.1403),
    ('K', 0.1453),
    ('M', 0.1639),
    ('N', 0.1639),
    ('O', 0.094),
    ('P', 0.1026),
    ('Q', 0.094),
    ('R', 0.0387),
    ('S', 0.1197),
    ('T', 0.1331),
    ('U', 0.1639),
    ('V', 0.1836),
    ('W', 0.1836),
    ('X', 0.1581),
    ('Y', 0.1938),
    ('Z', 0.1453),
    ('a', 0.0767),
    ('b', 0.0631),
    ('c', 0.0565),
    ('d', 0.1033),
    ('e', 0.0751),
    ('f', 0.2119),
    ('g', 0.0885),
    ('h', 0.0767),
    ('i', 0.1019),
    ('j', 0.1447),
    ('k', 0.1076),
    ('l', 0.1033),
    ('m', 0.0767),
    ('n', 0.0767),
    ('o', 0.0631),
    ('p', 0.0631),
    ('q', 0.0885),
    ('r', 0.1076),
    ('s', 0.0821),
    ('t', 0.0949),
    ('u', 0.0767),
    ('v', 0.1076),
    ('w', 0.1076),
    ('x', 0.1204),
    ('y', 0.0885),
    ('z', 0.1229),
];

/// The italic correction of a character marked in `Design::TextItalic`, else None.
pub fn text_italic_correction(ch: char) -> Option<f64> {
    let cp = ch as u32;
    let base = BASE + Design::TextItalic.index() * 0x1000;
    if !(base..base + 0x1000).contains(&cp) {
        return None;
    }
    let orig = char::from_u32(cp - base)?;
    Some(
        CMTI_ITALIC
            .iter()
            .find(|(c, _)| *c == orig)
            .map_or(0.0, |e| e.1),
    )
}

/// What a character resolves to: a glyph in a KaTeX font, or a (possibly new) character of the
/// math font.
pub enum Resolved {
    Design(Design, &'static Font, u32),
    Char(char),
}

/// msam/msbm symbols that Unicode lacks, at the private code points the KaTeX AMS font uses,
/// with the nearest Unicode symbol for when that font is missing.
const AMS_PRIVATE: &[(char, char)] = &[
    ('\u{E006}', '∤'),
    ('\u{E007}', '∦'),
    ('\u{E00C}', '≨'),
    ('\u{E00D}', '≩'),
    ('\u{E00E}', '≱'),
    ('\u{E00F}', '≱'),
    ('\u{E010}', '≰'),
    ('\u{E011}', '≰'),
    ('\u{E016}', '⊈'),
    ('\u{E017}', '⫋'),
    ('\u{E018}', '⊉'),
    ('\u{E019}', '⫌'),
    ('\u{E01A}', '⊊'),
    ('\u{E01B}', '⊋'),
];

/// Symbols whose Latin Modern Math design differs visibly from cmsy's (and so from pdfLaTeX's):
/// ± and ∓ sit on the baseline in cmsy, ÷'s dots are further apart, ∘ is larger (and 0.5 em
/// wide), ≃ ≅ ¬ have other proportions. These come from the KaTeX font, which is cmsy's design.
/// `\longmapsto`, `\hookleftarrow` and `\hookrightarrow` are LaTeX's joined pieces there, as
/// wide as LaTeX builds them (Latin Modern Math's glyphs are 0.13–0.2 em shorter).
const CMSY_SYMBOLS: &[char] = &['±', '∓', '÷', '∘', '≃', '≅', '¬', '⟼', '↩', '↪'];

pub fn resolve(ch: char) -> Resolved {
    if CMSY_SYMBOLS.contains(&ch) {
        let d = Design::Symbol;
        if let Some((f, g)) = font(d).and_then(|f| f.glyph_for(ch).map(|g| (f, g))) {
            return Resolved::Design(d, f, g);
        }
        return Resolved::Char(ch);
    }
    if let Some(&(_, near)) = AMS_PRIVATE.iter().find(|(c, _)| *c == ch) {
        let d = Design::Blackboard;
        return match font(d).and_then(|f| f.glyph_for(ch).map(|g| (f, g))) {
            Some((f, g)) => Resolved::Design(d, f, g),
            None => Resolved::Char(near),
        };
    }
    let cp = ch as u32;
    if !(BASE..BASE + 0x1000 * DESIGNS.len() as u32).contains(&cp) {
        return Resolved::Char(ch);
    }
    let design = DESIGNS[((cp - BASE) / 0x1000) as usize];
    let orig = char::from_u32((cp - BASE) % 0x1000).unwrap_or('?');
    if let Some(f) = font(design) {
        if let Some(g) = f.glyph_for(orig) {
            return Resolved::Design(design, f, g);
        }
    }
    Resolved::Char(design.fallback(orig))
}

/// cmex's brace pieces in the KaTeX fonts: ╭ ╮ ╰ ╯ and the bar (plain TeX's \braceld,
/// \bracerd, \bracelu, \braceru and the rule that joins them), or None without fonts-katex.
pub fn brace_pieces() -> Option<(&'static Font, [u32; 5])> {
    let f = font(Design::Extension)?;
    let mut g = [0; 5];
    for (i, c) in ['\u{E150}', '\u{E151}', '\u{E152}', '\u{E153}', '\u{E154}']
        .into_iter()
        .enumerate()
    {
        g[i] = f.glyph_for(c)?;
    }
    Some((f, g))
}

/// The KaTeX font of a design, loaded once; None (with one note on stderr) if not installed.
pub fn font(design: Design) -> Option<&'static Font> {
    static FONTS: [OnceLock<Option<Font>>; 10] = [const { OnceLock::new() }; 10];
    FONTS[design.index() as usize]
        .get_or_init(|| {
            let path = std::path::Path::new(DIR).join(design.file());
            let f = std::fs::read(&path)
                .ok()
                .and_then(|b| Font::from_bytes(Box::leak(b.into_boxed_slice())));
            if f.is_none() {
                static NOTE: std::sync::Once = std::sync::Once::new();
                NOTE.call_once(|| {
                    eprintln!(
                        "note: {} not found (Debian package fonts-katex): \\mathcal, \\mathbb, \\mathfrak and \\mathit use Latin Modern Math's designs, which differ from LaTeX's",
                        path.display()
                    )
                });
            }
            f
        })
        .as_ref()
}
