//! Manim's `Code`: a highlighted source listing. syntect parses the source with Sublime Text
//! grammars; the colours are Pygments' "vim" style (Manim's default `formatter_style`) written
//! as a table of TextMate scope selectors, so a listing looks like Manim's without Pygments.
//! Glyphs come from DejaVu Sans Mono, embedded like the other fonts.
//!
//! The object is `[background, line_numbers, code_lines]` as in Manim: `c[2][i]` is line `i`,
//! `c[2][i][k]` its `k`-th visible character (spaces have no part, as in Manim's Text).

use std::str::FromStr;
use std::sync::OnceLock;

use syntect::highlighting::{
    Color as SynColor, HighlightIterator, HighlightState, Highlighter, ScopeSelectors,
    StyleModifier, Theme, ThemeItem, ThemeSettings,
};
use syntect::parsing::{ParseState, ScopeStack, SyntaxReference, SyntaxSet};

use super::polygons::rounded_rectangle;
use super::text::text_em_for_font_size;
use super::{Color, Mobject, Style};
use crate::geom::Vec3;
use crate::tex::font::Font;

static MONO_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSansMono.ttf");

/// The monospace font, loaded once.
fn mono() -> &'static Font {
    static F: OnceLock<Font> = OnceLock::new();
    F.get_or_init(|| Font::from_bytes(MONO_BYTES).expect("the embedded monospace font loads"))
}

fn syntaxes() -> &'static SyntaxSet {
    static S: OnceLock<SyntaxSet> = OnceLock::new();
    S.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Pygments' "vim" style as scope selectors → colours (Pygments token in the comment).
const VIM: &[(&str, &str)] = &[
    ("comment", "#00cdcd"),                          // Comment
    ("keyword, storage, constant.language", "#cdcd00"), // Keyword, Keyword.Constant
    ("storage.type", "#00cd00"),                     // Keyword.Type
    ("storage.type.function, storage.type.class, storage.type.function.python, storage.type.class.python", "#cdcd00"), // `def`, `class`, `fn`: Keyword
    ("keyword.operator", "#3399cc"),                 // Operator
    ("keyword.operator.logical.python, keyword.operator.word", "#cdcd00"), // Operator.Word
    ("entity.name.class, entity.name.type.class", "#cd00cd"), // Name.Class
    ("support.function, support.type, variable.language", "#cd00cd"), // Name.Builtin
    ("variable.other.readwrite.shell, variable.other.php", "#00cdcd"), // Name.Variable
    ("string", "#cd0000"),                           // String
    ("constant.numeric", "#cd00cd"),                 // Number
];

/// Pygments' default text colour in the "vim" style.
const VIM_TEXT: &str = "#cccccc";

fn syn(c: &str) -> SynColor {
    let c = Color::from_hex(c).unwrap_or(Color::WHITE);
    let h = c.to_hex();
    let byte = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).unwrap_or(255);
    SynColor {
        r: byte(1),
        g: byte(3),
        b: byte(5),
        a: 255,
    }
}

fn vim_theme() -> &'static Theme {
    static T: OnceLock<Theme> = OnceLock::new();
    T.get_or_init(|| Theme {
        name: Some("vim".into()),
        author: None,
        settings: ThemeSettings {
            foreground: Some(syn(VIM_TEXT)),
            ..ThemeSettings::default()
        },
        scopes: VIM
            .iter()
            .map(|(sel, col)| ThemeItem {
                scope: ScopeSelectors::from_str(sel).expect("a valid scope selector"),
                style: StyleModifier {
                    foreground: Some(syn(col)),
                    background: None,
                    font_style: None,
                },
            })
            .collect(),
    })
}

/// The styles a listing may use (Manim's `formatter_style`); only "vim", Manim's default, for now.
pub const STYLES: &[&str] = &["vim"];

/// Manim's `background`: a rounded rectangle, or a window with three buttons; valley adds none.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Background {
    Rectangle,
    Window,
    None,
}

/// How a listing looks; `Default` is Manim's.
#[derive(Clone, Debug)]
pub struct CodeStyle {
    pub font_size: f64,
    /// Extra space between lines, in font sizes (Manim's `paragraph_config["line_spacing"]`).
    pub line_spacing: f64,
    pub tab_width: usize,
    pub line_numbers: bool,
    pub line_numbers_from: i64,
    pub background: Background,
    pub buff: f64,
    pub corner_radius: f64,
    pub fill: Color,
    pub fill_opacity: f32,
    pub stroke: Color,
    pub stroke_width: f64,
}

impl Default for CodeStyle {
    fn default() -> Self {
        CodeStyle {
            font_size: 24.0,
            line_spacing: 0.5,
            tab_width: 4,
            line_numbers: true,
            line_numbers_from: 1,
            background: Background::Rectangle,
            buff: 0.3,
            corner_radius: 0.2,
            fill: Color::rgb8(0x22, 0x22, 0x22),
            fill_opacity: 1.0,
            stroke: Color::WHITE,
            stroke_width: 1.0,
        }
    }
}

/// The grammar for `language` (a name like "python" or an extension like "rs").
pub fn find_language(language: &str) -> Option<&'static SyntaxReference> {
    let ss = syntaxes();
    ss.find_syntax_by_token(language)
        .or_else(|| ss.find_syntax_by_extension(language))
}

/// A few language names, for error messages.
pub fn some_languages() -> Vec<String> {
    let mut v: Vec<String> = syntaxes()
        .syntaxes()
        .iter()
        .filter(|s| !s.hidden)
        .map(|s| s.name.to_lowercase())
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Each line of `source` as runs of (text, colour).
pub fn highlight(
    source: &str,
    syntax: &SyntaxReference,
    tab_width: usize,
) -> Result<Vec<Vec<(String, Color)>>, String> {
    let ss = syntaxes();
    let theme = vim_theme();
    let hl = Highlighter::new(theme);
    let mut parse = ParseState::new(syntax);
    let mut state = HighlightState::new(&hl, ScopeStack::new());
    let spaces = " ".repeat(tab_width.max(1));
    let mut out = Vec::new();
    for line in source.trim_end_matches('\n').split('\n') {
        let line = format!("{}\n", line.trim_end_matches('\r').replace('\t', &spaces));
        let ops = parse.parse_line(&line, ss).map_err(|e| e.to_string())?;
        let runs: Vec<(String, Color)> = HighlightIterator::new(&mut state, &ops, &line, &hl)
            .map(|(st, s)| {
                let f = st.foreground;
                (
                    s.trim_end_matches('\n').to_string(),
                    Color::rgb8(f.r, f.g, f.b),
                )
            })
            .filter(|(s, _)| !s.is_empty())
            .collect();
        out.push(runs);
    }
    Ok(out)
}

/// One line of glyphs, baseline at `y`, starting at `x0`: a group with a leaf per visible
/// character, in `color` unless a run says otherwise.
fn glyph_line(runs: &[(String, Color)], x0: f64, y: f64, em: f64) -> Mobject {
    let f = mono();
    let mut x = x0;
    let mut kids = Vec::new();
    for (text, col) in runs {
        for ch in text.chars() {
            let Some(gid) = f.glyph_for(ch).or_else(|| f.glyph_for('?')) else {
                continue;
            };
            let g = f.glyph(gid);
            if !g.path.is_empty() {
                let path = g.path.map(&|p| Vec3::xy(x + p.x * em, y + p.y * em));
                let mut leaf = Mobject::leaf(path, Style::filled(*col));
                leaf.style.stroke_width = 0.0;
                kids.push(leaf);
            }
            x += g.advance * em;
        }
    }
    Mobject::group(kids)
}

/// Builds the listing, centred on the origin: `[background, line_numbers, code_lines]`
/// (a missing background or numbers column is an empty group, so the indices stay Manim's).
pub fn code(lines: &[Vec<(String, Color)>], st: &CodeStyle) -> Mobject {
    // Glyphs at Manim's Text size; baselines (1 + line_spacing) × font_size / 96 apart, as
    // Manim CE 0.19's Paragraph sets them (measured: 0.375 units at font size 24, spacing 0.5).
    let em = text_em_for_font_size(st.font_size);
    let pitch = st.font_size / 96.0 * (1.0 + st.line_spacing);
    let code_lines: Vec<Mobject> = lines
        .iter()
        .enumerate()
        .map(|(i, runs)| glyph_line(runs, 0.0, -(i as f64) * pitch, em))
        .collect();
    let code = Mobject::group(code_lines);
    // Manim places the numbers column right-aligned, `next_to(code, LEFT)` (buff 0.25).
    let numbers = if st.line_numbers {
        let advance = mono()
            .glyph_for('0')
            .map(|g| mono().glyph(g).advance)
            .unwrap_or(0.6)
            * em;
        let right = code.bounds().map(|(lo, _)| lo.x).unwrap_or(0.0) - 0.25;
        let rows = (0..lines.len())
            .map(|i| {
                let s = (st.line_numbers_from + i as i64).to_string();
                let x0 = right - advance * s.chars().count() as f64;
                glyph_line(&[(s, Color::WHITE)], x0, -(i as f64) * pitch, em)
            })
            .collect();
        Mobject::group(rows)
    } else {
        Mobject::group(vec![])
    };
    let mut body = Mobject::group(vec![numbers, code]);
    let bg = match (st.background, body.bounds()) {
        (Background::None, _) | (_, None) => Mobject::group(vec![]),
        (kind, Some((lo, hi))) => {
            // Manim's window: three dots 0.1 above the text, from its left edge less 0.1; the
            // rectangle surrounds text and dots, then the dots move up and left by 0.1.
            let mut buttons = Vec::new();
            let (mut lo, mut hi) = (lo, hi);
            if kind == Background::Window {
                for (k, col) in ["#ff5f56", "#ffbd2e", "#27c93f"].iter().enumerate() {
                    let c = Color::from_hex(col).unwrap_or(Color::WHITE);
                    let x = lo.x + k as f64 * 0.3;
                    buttons.push(super::shapes::dot(Vec3::xy(x, hi.y + 0.2), 0.1, c));
                }
                hi.y += 0.3;
                hi.x = hi.x.max(lo.x + 0.7);
                lo.x -= 0.1;
            }
            let (w, h) = (hi.x - lo.x + 2.0 * st.buff, hi.y - lo.y + 2.0 * st.buff);
            let mut r = rounded_rectangle(w, h, st.corner_radius, st.stroke);
            r.style.fill = st.fill;
            r.style.fill_opacity = st.fill_opacity;
            r.style.stroke_width = st.stroke_width;
            r.shift((lo + hi) / 2.0);
            if buttons.is_empty() {
                r
            } else {
                for b in &mut buttons {
                    b.shift(Vec3::xy(-0.1, 0.1));
                }
                buttons.insert(0, r);
                Mobject::group(buttons)
            }
        }
    };
    let mut kids = std::mem::take(&mut body.children);
    kids.insert(0, bg);
    let mut m = Mobject::group(kids);
    let c = m.center();
    m.shift(-c);
    m
}
