//! Commands beyond the core (fractions, radicals, delimiters, alphabets): class changes, boxes,
//! over/under constructs, phantoms and laps, rules and kerns, `\genfrac`, `mod`, `\not`,
//! `\middle`, `\pmb`, old font switches and the logos. Each builds a node; the layout rules
//! live in `layout/`.

use std::ops::Range;

use super::{dimen, text_alphabet, Alphabet, Deco, Meta, Node, Parser, StyleKind, TexError};
use crate::tex::symbols::{self, Class};

/// Relations that `\not` turns into a precomposed negated glyph (as unicode-math does).
const NEGATED: &[(char, char)] = &[
    ('=', '≠'),
    ('<', '≮'),
    ('>', '≯'),
    ('≤', '≰'),
    ('≥', '≱'),
    ('∈', '∉'),
    ('∋', '∌'),
    ('⊂', '⊄'),
    ('⊃', '⊅'),
    ('⊆', '⊈'),
    ('⊇', '⊉'),
    ('∼', '≁'),
    ('≃', '≄'),
    ('≅', '≇'),
    ('≈', '≉'),
    ('≡', '≢'),
    ('∣', '∤'),
    ('∥', '∦'),
    ('≺', '⊀'),
    ('≻', '⊁'),
];

/// Text sizes relative to \normalsize (10 pt): \tiny is 5 pt, …, \Huge 24.88 pt.
fn text_size(name: &str) -> Option<f64> {
    Some(match name {
        "tiny" => 0.5,
        "scriptsize" => 0.7,
        "footnotesize" => 0.8,
        "small" => 0.9,
        "normalsize" => 1.0,
        "large" => 1.2,
        "Large" => 1.44,
        "LARGE" => 1.728,
        "huge" => 2.074,
        "Huge" => 2.488,
        _ => return None,
    })
}

pub(super) fn is_text_size(name: &str) -> Option<f64> {
    text_size(name)
}

/// LaTeX's `\vdots` and `\ddots`, built as LaTeX builds them from text periods (Latin Modern
/// Math's ⋮ and ⋱ are smaller glyphs): `\vdots` stacks three dots 4 pt apart under a 6 pt kern
/// (a box 0.278 em wide, 1.506 em tall); `\ddots` raises them 7, 4 and 1 pt, 2 mu apart, with
/// 1 mu on each side, in an Inner atom.
pub(super) fn vertical_dots(name: &str, meta: &Meta) -> Option<Node> {
    let dot = || Node::Char {
        ch: '.',
        class: Class::Ord,
        meta: meta.clone(),
    };
    // The 6 pt (or 7 pt) kern above the top dot, as a strut: it counts for the height only.
    let strut = |h: f64| Node::Rule {
        w: 0.0,
        h,
        raise: 0.0,
        meta: meta.clone(),
    };
    const PERIOD_W: f64 = 0.2778;
    const PERIOD_H: f64 = 0.1056;
    match name {
        "vdots" => Some(Node::Class {
            class: Class::Ord,
            body: vec![
                strut(0.8 + 0.6 + PERIOD_H),
                Node::Raise {
                    body: vec![dot()],
                    dy: 0.8,
                },
                Node::Kern(-PERIOD_W),
                Node::Raise {
                    body: vec![dot()],
                    dy: 0.4,
                },
                Node::Kern(-PERIOD_W),
                dot(),
            ],
        }),
        "ddots" => Some(Node::Class {
            class: Class::Inner,
            body: vec![
                Node::Space(1.0 / 18.0),
                Node::Raise {
                    body: vec![strut(0.7 + PERIOD_H), dot()],
                    dy: 0.7,
                },
                Node::Space(2.0 / 18.0),
                Node::Raise {
                    body: vec![dot()],
                    dy: 0.4,
                },
                Node::Space(2.0 / 18.0),
                Node::Raise {
                    body: vec![dot()],
                    dy: 0.1,
                },
                Node::Space(1.0 / 18.0),
            ],
        }),
        _ => None,
    }
}

impl Parser<'_> {
    fn math_word(&self, w: &str, meta: &Meta) -> Node {
        Node::Op {
            word: Some(w.to_string()),
            symbol: None,
            body: None,
            limits: Some(false),
            meta: meta.clone(),
        }
    }

    /// A braced length argument (`\hspace{1em}`), in em.
    fn dimen_arg(&mut self, what: &str) -> Result<f64, TexError> {
        self.skip_spaces();
        let at = self.here();
        let t = self.word_arg(what)?;
        match dimen(&t) {
            Some(v) => Ok(v),
            None => self.err(
                format!("'{t}' is not a length such as 1em, 0.5ex or 2pt"),
                at.start..self.toks[self.pos - 1].span.end,
            ),
        }
    }

    fn delim_word(&self, w: &str, at: &Range<usize>) -> Result<Option<char>, TexError> {
        let w = w.trim();
        Ok(match w {
            "" | "." => None,
            _ if w.chars().count() == 1 && "()[]|/".contains(w) => w.chars().next(),
            "\\{" | "\\lbrace" => Some('{'),
            "\\}" | "\\rbrace" => Some('}'),
            _ => match w.strip_prefix('\\').and_then(symbols::delimiter) {
                Some(c) => Some(c),
                None => return self.err(format!("'{w}' is not a delimiter"), at.clone()),
            },
        })
    }

    /// amsmath's \dots: centred before a binary operator, a relation or a big operator.
    fn next_wants_cdots(&mut self) -> bool {
        self.skip_spaces();
        match self.peek().map(|t| t.tok.clone()) {
            Some(super::Tok::Char(c)) => {
                matches!(symbols::char_class(c).1, Class::Bin | Class::Rel)
            }
            Some(super::Tok::Cmd(n)) => {
                symbols::big_operator(&n).is_some()
                    || matches!(symbols::symbol(&n), Some((_, Class::Bin | Class::Rel)))
            }
            _ => false,
        }
    }

    /// The `plus …` and `minus …` parts of glue, read and dropped.
    fn glue_tail(&mut self, at: &Range<usize>) -> Result<(), TexError> {
        for word in ["plus", "minus"] {
            self.skip_spaces();
            let save = self.pos;
            let mut ok = true;
            for ch in word.chars() {
                if self.peek().map(|t| &t.tok) == Some(&super::Tok::Char(ch)) {
                    self.pos += 1;
                } else {
                    ok = false;
                    break;
                }
            }
            if !ok {
                self.pos = save;
                continue;
            }
            self.skip_spaces();
            let start = self.here();
            let mut text = String::new();
            while let Some(super::Tok::Char(c)) = self.peek().map(|t| t.tok.clone()) {
                if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                    text.push(c);
                    self.pos += 1;
                } else {
                    break;
                }
            }
            let fil = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '-');
            if dimen(&text).is_none() && !matches!(fil, "fil" | "fill" | "filll") {
                return self.err(
                    format!("'{word} {text}' is not glue such as plus 1fil or minus 2pt"),
                    at.start..start.end.max(at.end),
                );
            }
        }
        Ok(())
    }

    /// Commands not handled by `command`; None if unknown.
    pub(super) fn more_command(
        &mut self,
        name: &str,
        span: &Range<usize>,
        meta: &Meta,
    ) -> Result<Option<Node>, TexError> {
        let meta = meta.clone();
        let what = format!("\\{name}");
        let class_of = |n: &str| -> Option<Class> {
            Some(match n {
                "mathrel" => Class::Rel,
                "mathbin" => Class::Bin,
                "mathord" => Class::Ord,
                "mathopen" => Class::Open,
                "mathclose" => Class::Close,
                "mathpunct" => Class::Punct,
                "mathinner" => Class::Inner,
                _ => return None,
            })
        };
        if let Some(class) = class_of(name) {
            let body = self.arg(&what)?;
            return Ok(Some(Node::Class { class, body }));
        }
        if let Some(a) = text_alphabet(name) {
            // Old font switches (`\rm`, `\bf`, `\it`, …) in math: the rest of the group.
            self.alphabet = match a {
                Alphabet::Italic if name == "it" => Alphabet::Italic,
                other => other,
            };
            return Ok(Some(Node::Kern(0.0)));
        }
        if text_size(name).is_some() {
            return self.err(
                format!("{what} changes the text size: use it inside \\text{{…}}"),
                span.clone(),
            );
        }
        let node = match name {
            "cal" => {
                self.alphabet = Alphabet::Calligraphic;
                Node::Kern(0.0)
            }
            "mit" => {
                self.alphabet = Alphabet::Italic;
                Node::Kern(0.0)
            }
            "nobreak" | "allowbreak" | "relax" | "nonumber" | "notag" => Node::Kern(0.0),
            "nobreakspace" => Node::Kern(1.0 / 3.0),
            "boxed" => {
                let mut body = vec![Node::StyleSwitch(StyleKind::Display)];
                body.extend(self.arg(&what)?);
                Node::Boxed {
                    body,
                    frame: Some(self.color.clone().unwrap_or_default()),
                    fill: None,
                    meta,
                }
            }
            "colorbox" | "fcolorbox" => {
                let frame = if name == "fcolorbox" {
                    Some(self.color_arg(&what)?)
                } else {
                    None
                };
                let fill = Some(self.color_arg(&what)?);
                let saved = self.alphabet;
                self.alphabet = Alphabet::Roman;
                let body = self.text_arg(&what);
                self.alphabet = saved;
                Node::Boxed {
                    body: body?,
                    frame,
                    fill,
                    meta,
                }
            }
            "overset" | "underset" | "stackrel" => {
                let script = self.arg(&what)?;
                let body = self.arg(&what)?;
                let (over, under) = if name == "underset" {
                    (None, Some(script))
                } else {
                    (Some(script), None)
                };
                let n = Node::OverUnder {
                    body,
                    over,
                    under,
                    deco: Deco::None,
                    meta,
                };
                if name == "stackrel" {
                    Node::Class {
                        class: Class::Rel,
                        body: vec![n],
                    }
                } else {
                    n
                }
            }
            "overbrace" | "underbrace" => Node::OverUnder {
                body: self.arg(&what)?,
                over: None,
                under: None,
                deco: Deco::Brace {
                    over: name == "overbrace",
                },
                meta,
            },
            "overrightarrow"
            | "overleftarrow"
            | "overleftrightarrow"
            | "underrightarrow"
            | "underleftarrow"
            | "underleftrightarrow" => {
                let ch = if name.ends_with("leftrightarrow") {
                    '↔'
                } else if name.ends_with("leftarrow") {
                    '←'
                } else {
                    '→'
                };
                Node::OverUnder {
                    body: self.arg(&what)?,
                    over: None,
                    under: None,
                    deco: Deco::Arrow {
                        ch,
                        over: name.starts_with("over"),
                    },
                    meta,
                }
            }
            "xrightarrow" | "xleftarrow" | "xleftrightarrow" | "xmapsto" | "xlongequal"
            | "xhookrightarrow" | "xhookleftarrow" => {
                let under = if self.eat_char('[') {
                    let (l, stop) = self.parse_list_until(true)?;
                    if stop != super::Stop::Bracket {
                        return self.err(
                            format!("the '[' after {what} is never closed"),
                            span.clone(),
                        );
                    }
                    Some(l)
                } else {
                    None
                };
                let over = self.arg(&what)?;
                let ch = match name {
                    "xleftarrow" => '←',
                    "xleftrightarrow" => '↔',
                    "xmapsto" => '↦',
                    "xlongequal" => '=',
                    "xhookrightarrow" => '↪',
                    "xhookleftarrow" => '↩',
                    _ => '→',
                };
                Node::OverUnder {
                    body: vec![],
                    over: Some(over),
                    under,
                    deco: Deco::XArrow(ch),
                    meta,
                }
            }
            "phantom" | "hphantom" | "vphantom" => Node::Phantom {
                body: self.arg(&what)?,
                ink: false,
                w: name != "vphantom",
                h: name != "hphantom",
                d: name != "hphantom",
            },
            "mathstrut" => Node::Phantom {
                body: vec![Node::Char {
                    ch: '(',
                    class: Class::Open,
                    meta,
                }],
                ink: false,
                w: false,
                h: true,
                d: true,
            },
            "smash" => {
                let at = self.here();
                let opt = self.optional_word()?;
                let (h, d) = match opt.as_deref().map(str::trim) {
                    None => (false, false),
                    Some("t") => (false, true),
                    Some("b") => (true, false),
                    Some("tb") | Some("bt") => (false, false),
                    Some(o) => return self.err(format!("\\smash[{o}]: use [t] or [b]"), at),
                };
                Node::Phantom {
                    body: self.arg(&what)?,
                    ink: true,
                    w: true,
                    h,
                    d,
                }
            }
            "llap" | "rlap" | "clap" => {
                let saved = self.alphabet;
                self.alphabet = Alphabet::Roman;
                let body = self.text_arg(&what);
                self.alphabet = saved;
                Node::Lap {
                    body: body?,
                    left: name == "llap",
                }
            }
            "mathllap" | "mathrlap" => Node::Lap {
                body: self.arg(&what)?,
                left: name == "mathllap",
            },
            "rule" => {
                let at = self.here();
                let raise = match self.optional_word()? {
                    Some(r) => match dimen(&r) {
                        Some(v) => v,
                        None => return self.err(format!("'{r}' is not a length"), at),
                    },
                    None => 0.0,
                };
                let w = self.dimen_arg(&what)?;
                let h = self.dimen_arg(&what)?;
                Node::Rule { w, h, raise, meta }
            }
            "raisebox" => {
                let dy = self.dimen_arg(&what)?;
                let saved = self.alphabet;
                self.alphabet = Alphabet::Roman;
                let body = self.text_arg(&what);
                self.alphabet = saved;
                Node::Raise { body: body?, dy }
            }
            "kern" | "mkern" | "mskip" | "hskip" => {
                let (v, mu) = self.dimen_tokens_mu(span)?;
                if name.ends_with("skip") {
                    // Glue's stretch and shrink (`plus 1fil`, `minus 2mu`): nothing stretches in a
                    // formula set at its natural width, so they are read and have no effect.
                    self.glue_tail(span)?;
                }
                if mu {
                    Node::Space(v)
                } else {
                    Node::Kern(v)
                }
            }
            "hspace" | "mspace" => {
                self.eat_char('*');
                let v = self.dimen_arg(&what)?;
                if name == "mspace" {
                    Node::Space(v)
                } else {
                    Node::Kern(v)
                }
            }
            "genfrac" => {
                let at = self.here();
                let l = self.word_arg(&what)?;
                let r = self.word_arg(&what)?;
                let left = self.delim_word(&l, &at)?;
                let right = self.delim_word(&r, &at)?;
                let t = self.word_arg(&what)?;
                let thickness = if t.trim().is_empty() {
                    None
                } else {
                    match dimen(&t) {
                        Some(v) => Some(v),
                        None => return self.err(format!("'{t}' is not a length"), at),
                    }
                };
                let st = self.word_arg(&what)?;
                let style = match st.trim() {
                    "" => None,
                    "0" => Some(StyleKind::Display),
                    "1" => Some(StyleKind::Text),
                    "2" => Some(StyleKind::Script),
                    "3" => Some(StyleKind::ScriptScript),
                    o => {
                        return self.err(
                            format!("genfrac style '{o}': use 0, 1, 2, 3 or nothing"),
                            at,
                        )
                    }
                };
                let num = self.arg(&what)?;
                let den = self.arg(&what)?;
                Node::Frac {
                    num,
                    den,
                    style,
                    rule: thickness != Some(0.0),
                    thickness,
                    delims: (left, right),
                    meta,
                }
            }
            "cfrac" => {
                let at = self.here();
                if let Some(o) = self.optional_word()? {
                    if o.trim() != "c" {
                        return self.err("\\cfrac[l] and [r] are not supported", at);
                    }
                }
                // amsmath: display-style parts, a strut in the numerator.
                let mut num = vec![Node::Rule {
                    w: 0.0,
                    h: 1.2,
                    raise: -0.36,
                    meta: Meta::default(),
                }];
                num.extend(self.arg(&what)?);
                let den = self.arg(&what)?;
                Node::Frac {
                    num,
                    den,
                    style: Some(StyleKind::Display),
                    rule: true,
                    thickness: None,
                    delims: (None, None),
                    meta,
                }
            }
            // amsmath: `\nonscript\mskip-\medmuskip\mkern5mu\mathbin{mod}…\mkern5mu
            // \nonscript\mskip-\medmuskip`: 5 mu either side in every style.
            "bmod" => Node::Class {
                class: Class::Ord,
                body: vec![
                    Node::Space(5.0 / 18.0),
                    self.math_word("mod", &meta),
                    Node::Space(5.0 / 18.0),
                ],
            },
            "pmod" | "pod" | "mod" => {
                let arg = self.arg(&what)?;
                let mut body = vec![Node::Space(1.0)];
                if name != "mod" {
                    body.push(Node::Char {
                        ch: '(',
                        class: Class::Open,
                        meta: meta.clone(),
                    });
                }
                if name != "pod" {
                    // `{\operator@font mod}`: an Ord, not an operator.
                    body.push(Node::Class {
                        class: Class::Ord,
                        body: vec![self.math_word("mod", &meta)],
                    });
                    body.push(Node::Space(6.0 / 18.0));
                }
                body.push(Node::Group(arg));
                if name != "mod" {
                    body.push(Node::Char {
                        ch: ')',
                        class: Class::Close,
                        meta,
                    });
                }
                Node::Class {
                    class: Class::Ord,
                    body,
                }
            }
            "not" => {
                let Some(next) = self.parse_atom()? else {
                    return self.err("\\not needs a relation after it", span.clone());
                };
                match next {
                    Node::Char { ch, class, meta } => {
                        match NEGATED.iter().find(|(a, _)| *a == ch) {
                            Some(&(_, n)) => Node::Char { ch: n, class, meta },
                            None => Node::Not {
                                body: Box::new(Node::Char { ch, class, meta }),
                                meta: Meta::default(),
                            },
                        }
                    }
                    other => Node::Not {
                        body: Box::new(other),
                        meta,
                    },
                }
            }
            "middle" => {
                let (delim, meta) = self.delimiter("\\middle")?;
                Node::Middle { delim, meta }
            }
            "pmb" => Node::Pmb(self.arg(&what)?),
            "ensuremath" => super::group(self.arg(&what)?),
            "strut" => Node::Rule {
                w: 0.0,
                h: 1.2,
                raise: -0.36,
                meta,
            },
            "char" => {
                // \char"41, \char'101, \char65: a character by code.
                self.skip_spaces();
                let (radix, skip) = match self.peek().map(|t| t.tok.clone()) {
                    Some(super::Tok::Char('"')) => (16, 1),
                    Some(super::Tok::Prime) => (8, 1),
                    _ => (10, 0),
                };
                self.pos += skip;
                let mut digits = String::new();
                while let Some(super::Tok::Char(c)) = self.peek().map(|t| t.tok.clone()) {
                    if c.is_digit(radix) && digits.len() < 8 {
                        digits.push(c);
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
                let ch = u32::from_str_radix(&digits, radix)
                    .ok()
                    .filter(|&v| v < 256)
                    .and_then(char::from_u32);
                let Some(ch) = ch else {
                    return self.err("\\char needs a character code from 0 to 255", span.clone());
                };
                let (ch, class) = symbols::char_class(ch);
                if !crate::tex::layout::glyph_available(ch) {
                    return self.err("\\char: no glyph for this code", span.clone());
                }
                Node::Char { ch, class, meta }
            }
            "ldots" | "cdots" | "dots" | "dotsc" | "dotsb" | "dotsm" | "dotsi" | "dotso"
            | "mathellipsis" => {
                // Three \ldotp or \cdotp (punctuation) in an Inner atom, as amsmath builds them;
                // \dots picks low or centred dots from what follows, as amsmath does.
                let centred = match name {
                    "cdots" | "dotsb" | "dotsm" | "dotsi" => true,
                    "dots" => self.next_wants_cdots(),
                    _ => false,
                };
                let ch = if centred { '⋅' } else { '.' };
                let dot = Node::Char {
                    ch,
                    class: Class::Punct,
                    meta,
                };
                let mut body = vec![dot.clone(), dot.clone(), dot];
                if name == "dotsi" {
                    body.insert(0, Node::Space(-3.0 / 18.0));
                }
                Node::Class {
                    class: Class::Inner,
                    body,
                }
            }
            "substack" => {
                // amsmath: \substack{…} is \begin{subarray}{c}…\end{subarray}.
                self.skip_spaces();
                if !matches!(self.peek().map(|t| &t.tok), Some(super::Tok::Open)) {
                    return self.err("\\substack needs a braced argument", span.clone());
                }
                self.pos += 1;
                let rows = self.parse_rows_until_close(span)?;
                Node::Array {
                    rows,
                    align: 'u',
                    spec: vec!['c'],
                    left: None,
                    right: None,
                    meta,
                    col_sep: 0.0,
                }
            }
            "mathchoice" => {
                let d = self.arg(&what)?;
                let t = self.arg(&what)?;
                let s = self.arg(&what)?;
                let ss = self.arg(&what)?;
                Node::Choice(Box::new([d, t, s, ss]))
            }
            "vcenter" => {
                // \vcenter takes vertical material: letters there start a paragraph of text.
                let saved = self.alphabet;
                self.alphabet = Alphabet::Roman;
                let body = self.text_arg(&what);
                self.alphabet = saved;
                Node::VCenter(body?)
            }
            "LaTeX" | "TeX" => Node::Logo {
                latex: name == "LaTeX",
                meta,
            },
            "implies" | "impliedby" | "iff" => {
                let ch = match name {
                    "implies" => '⟹',
                    "impliedby" => '⟸',
                    _ => '⟺',
                };
                Node::Class {
                    class: Class::Rel,
                    body: vec![
                        Node::Space(5.0 / 18.0),
                        Node::Char {
                            ch,
                            class: Class::Rel,
                            meta,
                        },
                        Node::Space(5.0 / 18.0),
                    ],
                }
            }
            "underbar" => Node::Underline {
                body: self.arg(&what)?,
                meta,
            },
            _ => {
                if let Some(t) = name.strip_prefix("var") {
                    if let Some((ch, _)) = symbols::symbol(t).filter(|(c, _)| c.is_uppercase()) {
                        return Ok(Some(Node::Char {
                            ch: symbols::map_alphabet(ch, symbols::Alpha::Italic),
                            class: Class::Ord,
                            meta,
                        }));
                    }
                }
                return Ok(None);
            }
        };
        Ok(Some(node))
    }
}
