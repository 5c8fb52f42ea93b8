//! Parser for LaTeX math as Manim users write it (MathTex wraps it in `align*`). Produces a tree
//! of math nodes; every glyph-making node remembers which *part* (argument of `tex(…)`) and
//! which `\color` it came from, so parts stay addressable after typesetting.

use std::ops::Range;

use super::symbols::{self, Class};

mod commands;
mod macros;
mod text_mode;

#[derive(Clone, Debug, PartialEq)]
pub struct TexError {
    pub message: String,
    /// Byte range in the formula (all parts joined by one space, as Manim joins them).
    pub span: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Meta {
    pub part: usize,
    pub color: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StyleKind {
    Display,
    Text,
    Script,
    ScriptScript,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// One glyph (already mapped to the math alphabet it should use).
    Char {
        ch: char,
        class: Class,
        meta: Meta,
    },
    /// Upright text (`\text{…}`), laid out with the font's advances and no math spacing.
    Text {
        text: String,
        meta: Meta,
    },
    /// `{…}`: an Ord atom made of a sub-list.
    Group(Vec<Node>),
    Scripts {
        base: Box<Node>,
        sup: Option<Vec<Node>>,
        sub: Option<Vec<Node>>,
    },
    Frac {
        num: Vec<Node>,
        den: Vec<Node>,
        style: Option<StyleKind>,
        rule: bool,
        /// Bar thickness in em (`\genfrac`), None for the font's.
        thickness: Option<f64>,
        /// Delimiters of `\binom`, `\choose`, `\genfrac` (TeX's rule 15e sizes them).
        delims: (Option<char>, Option<char>),
        meta: Meta,
    },
    Sqrt {
        index: Option<Vec<Node>>,
        body: Vec<Node>,
        meta: Meta,
    },
    LeftRight {
        left: Option<char>,
        right: Option<char>,
        body: Vec<Node>,
        lmeta: Meta,
        rmeta: Meta,
    },
    /// `\big(` and friends: size 1–4.
    Big {
        delim: Option<char>,
        size: usize,
        class: Class,
        meta: Meta,
    },
    /// Operators: a word (`\sin`, `\operatorname{…}`) or a big symbol (`\sum`).
    Op {
        word: Option<String>,
        symbol: Option<char>,
        /// `\mathop{…}` and `\operatorname{…}`: a sub-list as the nucleus.
        body: Option<Vec<Node>>,
        limits: Option<bool>,
        meta: Meta,
    },
    /// Explicit space in em (`\quad`) — `mu` spaces are converted with 18 mu = 1 em.
    Space(f64),
    /// An accent over its argument; `wide` ones (`\widehat`) stretch to the argument's width.
    Accent {
        accent: char,
        wide: bool,
        body: Vec<Node>,
        meta: Meta,
    },
    Overline {
        body: Vec<Node>,
        meta: Meta,
    },
    Underline {
        body: Vec<Node>,
        meta: Meta,
    },
    /// Matrices and cases: cells, column alignment ('l','c','r'), surrounding delimiters.
    Array {
        rows: Vec<Vec<Vec<Node>>>,
        /// 'c'/'l' matrix-like, 'y' array, 'u' subarray, 's' smallmatrix, 'a' aligned,
        /// 'A' alignedat, 'g' gathered.
        align: char,
        /// Column alignments of `array`/`subarray` ('l', 'c', 'r', '|' for a rule).
        spec: Vec<char>,
        left: Option<char>,
        right: Option<char>,
        meta: Meta,
        col_sep: f64,
    },
    StyleSwitch(StyleKind),
    /// `\mathrel{…}` and friends: a sub-list spaced as the given class.
    Class {
        class: Class,
        body: Vec<Node>,
    },
    /// An absolute kern in em of the text size (`\kern`, `\hspace`): not scaled by the style.
    Kern(f64),
    /// `\boxed`, `\fbox`, `\colorbox`, `\fcolorbox`: a frame and/or a filled background.
    Boxed {
        body: Vec<Node>,
        frame: Option<String>,
        fill: Option<String>,
        meta: Meta,
    },
    /// Material set over and/or under a nucleus (`\overset`, `\underbrace`, `\overrightarrow`,
    /// `\xrightarrow`), with a stretched decoration.
    OverUnder {
        body: Vec<Node>,
        over: Option<Vec<Node>>,
        under: Option<Vec<Node>>,
        deco: Deco,
        meta: Meta,
    },
    /// `\phantom` and kin (ink hidden) and `\smash` (ink kept): which dimensions are kept.
    Phantom {
        body: Vec<Node>,
        ink: bool,
        w: bool,
        h: bool,
        d: bool,
    },
    /// `\llap`/`\rlap`: no width, ink to the left or right.
    Lap {
        body: Vec<Node>,
        left: bool,
    },
    /// `\rule[raise]{w}{h}`, in em.
    Rule {
        w: f64,
        h: f64,
        raise: f64,
        meta: Meta,
    },
    /// `\raisebox{dy}{…}` (em).
    Raise {
        body: Vec<Node>,
        dy: f64,
    },
    /// `\vcenter{…}`: centred on the math axis.
    VCenter(Vec<Node>),
    /// `\mathchoice{D}{T}{S}{SS}`.
    Choice(Box<[Vec<Node>; 4]>),
    /// `\middle` inside `\left…\right`, sized like them.
    Middle {
        delim: Option<char>,
        meta: Meta,
    },
    /// `\pmb`: poor man's bold, offset copies.
    Pmb(Vec<Node>),
    /// A text-size change (`\tiny` … `\Huge`): the rest of the group scaled.
    Scaled {
        factor: f64,
        body: Vec<Node>,
    },
    /// The TeX (false) and LaTeX (true) logos.
    Logo {
        latex: bool,
        meta: Meta,
    },
    /// `\not`: a slash over the next atom.
    Not {
        body: Box<Node>,
        meta: Meta,
    },
    /// `\hline` at the start of an `array` row: a rule above it.
    HLine(Meta),
}

/// `{…}` as TeX ends a math group: a lone ordinary character (no scripts) becomes that character
/// again (TeXbook §1186), so `{f}_2` tucks its subscript like `f_2`.
pub(crate) fn group(list: Vec<Node>) -> Node {
    if let [Node::Char {
        class: Class::Ord, ..
    }] = list.as_slice()
    {
        return list.into_iter().next().unwrap();
    }
    Node::Group(list)
}

fn is_char(n: &Node) -> bool {
    matches!(n, Node::Char { .. })
}

/// Constructs LaTeX and amsmath build with \mathpalette: `\overrightarrow` and kin, phantoms,
/// `\smash`.
fn built_by_mathpalette(n: &Node) -> bool {
    matches!(
        n,
        Node::OverUnder {
            deco: Deco::Arrow { .. },
            ..
        } | Node::Phantom { .. }
    )
}

/// What decorates an over/under construct.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Deco {
    /// Nothing: `\overset`, `\underset`, `\stackrel`.
    None,
    /// A horizontal brace (over or under the nucleus, whichever side has no script given).
    Brace { over: bool },
    /// A stretched arrow over (`\overrightarrow`) or under the nucleus.
    Arrow { ch: char, over: bool },
    /// An extensible arrow (`\xrightarrow`) as the nucleus, scripts over and under.
    XArrow(char),
}

/// A parsed formula: rows of cells (align* semantics: `&` separates cells, `\\` rows).
#[derive(Clone, Debug, PartialEq)]
pub struct Formula {
    pub rows: Vec<Vec<Vec<Node>>>,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Cmd(String),
    Char(char),
    Open,
    Close,
    Sup,
    Sub,
    Amp,
    Prime,
}

struct Lexed {
    tok: Tok,
    span: Range<usize>,
}

fn lex(src: &str) -> Vec<Lexed> {
    let mut out = Vec::new();
    let b: Vec<(usize, char)> = src.char_indices().collect();
    let mut i = 0;
    while i < b.len() {
        let (pos, c) = b[i];
        match c {
            '\\' => {
                let mut j = i + 1;
                if j < b.len() && b[j].1.is_ascii_alphabetic() {
                    while j < b.len() && b[j].1.is_ascii_alphabetic() {
                        j += 1;
                    }
                    let end = if j < b.len() { b[j].0 } else { src.len() };
                    out.push(Lexed {
                        // Plain TeX's \sp and \sb are ^ and _.
                        tok: match &src[pos + 1..end] {
                            "sp" => Tok::Sup,
                            "sb" => Tok::Sub,
                            name => Tok::Cmd(name.to_string()),
                        },
                        span: pos..end,
                    });
                    // TeX skips spaces after a control word.
                    while j < b.len() && b[j].1.is_whitespace() {
                        j += 1;
                    }
                    i = j;
                    continue;
                } else if j < b.len() {
                    let end = if j + 1 < b.len() {
                        b[j + 1].0
                    } else {
                        src.len()
                    };
                    out.push(Lexed {
                        tok: Tok::Cmd(b[j].1.to_string()),
                        span: pos..end,
                    });
                    i = j + 1;
                    continue;
                } else {
                    out.push(Lexed {
                        tok: Tok::Cmd(String::new()),
                        span: pos..src.len(),
                    });
                }
            }
            '{' => out.push(Lexed {
                tok: Tok::Open,
                span: pos..pos + 1,
            }),
            '}' => out.push(Lexed {
                tok: Tok::Close,
                span: pos..pos + 1,
            }),
            '^' => out.push(Lexed {
                tok: Tok::Sup,
                span: pos..pos + 1,
            }),
            '_' => out.push(Lexed {
                tok: Tok::Sub,
                span: pos..pos + 1,
            }),
            '&' => out.push(Lexed {
                tok: Tok::Amp,
                span: pos..pos + 1,
            }),
            '\'' => out.push(Lexed {
                tok: Tok::Prime,
                span: pos..pos + 1,
            }),
            '%' => {
                while i < b.len() && b[i].1 != '\n' {
                    i += 1;
                }
                continue;
            }
            c => out.push(Lexed {
                tok: Tok::Char(c),
                span: pos..pos + c.len_utf8(),
            }),
        }
        i += 1;
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Alphabet {
    Italic,
    Roman,
    Bold,
    BoldItalic,
    Blackboard,
    Calligraphic,
    /// `\mathscr`: Latin Modern Math's script (close to rsfs).
    Script,
    /// `\mathit`: text italic.
    TextItalic,
    /// `\mathnormal`: math italic with old-style digits.
    Normal,
    SansSerif,
    Monospace,
    Fraktur,
}

/// The alphabet a text-mode command selects.
fn text_alphabet(name: &str) -> Option<Alphabet> {
    Some(match name {
        "textbf" | "bf" | "bfseries" => Alphabet::Bold,
        "textit" | "it" | "emph" | "itshape" | "textsl" | "sl" => Alphabet::TextItalic,
        "textsf" | "sf" | "sffamily" => Alphabet::SansSerif,
        "texttt" | "tt" | "ttfamily" => Alphabet::Monospace,
        "textrm" | "rm" | "textnormal" | "normalfont" | "textup" | "upshape" | "rmfamily"
        | "text" | "mbox" | "hbox" | "fbox" | "textmd" | "mdseries" => Alphabet::Roman,
        _ => return None,
    })
}

struct Parser<'a> {
    src: &'a str,
    toks: Vec<Lexed>,
    pos: usize,
    part_starts: Vec<usize>,
    color: Option<String>,
    alphabet: Alphabet,
    /// Inside `$…$` within `\text{…}`: a `$` ends the list.
    in_text_math: bool,
    /// Directly inside an `array` (where `\hline` is allowed).
    in_array: bool,
    /// User macros (`\def`, `\newcommand`) and how many expansions so far.
    macros: std::collections::HashMap<String, macros::Macro>,
    expansions: usize,
    /// Inside `\operatorname{…}`: `-` and `*` are text characters, as amsmath makes them.
    operator_font: bool,
    /// How many atoms are being parsed inside one another (braces, arguments, \left, environments).
    depth: usize,
    /// Where the pending run of text-mode characters began: the run belongs to that part.
    run_start: usize,
}

/// Deepest nesting of groups and arguments accepted. TeX's own limit is 255 grouping levels; valley
/// stops earlier so that parsing and layout (both recursive) stay far from the stack's end, even on
/// a 2 MB worker-thread stack.
pub const MAX_DEPTH: usize = 200;

/// What ended a list: used to check that groups and environments are balanced.
#[derive(Debug, PartialEq)]
enum Stop {
    Eof,
    Close,
    Right,
    End(String),
    Amp,
    /// `\\` or `\newline`, with the extra space of `\\[len]` (em).
    Row,
    Bracket,
    /// The closing `$` of math inside `\text{…}`.
    Dollar,
}

/// Parses the parts of a formula (joined with single spaces, as Manim does).
pub fn parse(parts: &[&str]) -> Result<(Formula, String), TexError> {
    let src = parts.join(" ");
    let mut p = Parser::new(&src, parts, Alphabet::Italic);
    let rows = p.parse_rows(None)?;
    Ok((Formula { rows }, src.clone()))
}

/// Parses LaTeX text (Manim's `Tex`: text with `$…$` math inside, `\\` between lines) into
/// lines of nodes.
pub fn parse_text(parts: &[&str]) -> Result<Vec<Vec<Node>>, TexError> {
    let src = parts.join(" ");
    let mut p = Parser::new(&src, parts, Alphabet::Roman);
    p.text_lines()
}

impl<'a> Parser<'a> {
    fn new(src: &'a str, parts: &[&str], alphabet: Alphabet) -> Parser<'a> {
        let mut part_starts = Vec::new();
        let mut off = 0;
        for p in parts {
            part_starts.push(off);
            off += p.len() + 1;
        }
        Parser {
            src,
            toks: lex(src),
            pos: 0,
            part_starts,
            color: None,
            alphabet,
            in_text_math: false,
            operator_font: false,
            in_array: false,
            macros: Default::default(),
            expansions: 0,
            depth: 0,
            run_start: 0,
        }
    }

    fn err<T>(&self, message: impl Into<String>, span: Range<usize>) -> Result<T, TexError> {
        Err(TexError {
            message: message.into(),
            span,
        })
    }

    fn part_of(&self, offset: usize) -> usize {
        self.part_starts
            .iter()
            .rposition(|&s| s <= offset)
            .unwrap_or(0)
    }

    fn meta(&self, span: &Range<usize>) -> Meta {
        Meta {
            part: self.part_of(span.start),
            color: self.color.clone(),
        }
    }

    fn peek(&self) -> Option<&Lexed> {
        self.toks.get(self.pos)
    }

    fn here(&self) -> Range<usize> {
        self.peek()
            .map(|t| t.span.clone())
            .unwrap_or(self.src.len()..self.src.len())
    }

    /// Rows and cells until `\end{env}` (or the end of input when `env` is None).
    fn parse_rows(&mut self, env: Option<&str>) -> Result<Vec<Vec<Vec<Node>>>, TexError> {
        let mut rows = Vec::new();
        let mut row = Vec::new();
        loop {
            let (list, stop) = self.parse_list()?;
            row.push(list);
            match stop {
                Stop::Amp => continue,
                Stop::Row => {
                    rows.push(std::mem::take(&mut row));
                }
                Stop::Eof => {
                    if let Some(e) = env {
                        return self.err(
                            format!("\\begin{{{e}}} is never closed by \\end{{{e}}}"),
                            self.src.len()..self.src.len(),
                        );
                    }
                    break;
                }
                Stop::End(name) => {
                    if env != Some(name.as_str()) {
                        let sp = self.toks[self.pos - 1].span.clone();
                        return self.err(format!("\\end{{{name}}} does not match any \\begin"), sp);
                    }
                    break;
                }
                Stop::Close => {
                    let sp = self.toks[self.pos - 1].span.clone();
                    return self.err("unbalanced '}': no '{' opens it", sp);
                }
                Stop::Right => {
                    let sp = self.toks[self.pos - 1].span.clone();
                    return self.err("\\right without a matching \\left", sp);
                }
                Stop::Bracket | Stop::Dollar => unreachable!(),
            }
        }
        // A trailing `\\` makes an empty last row: drop it, as LaTeX does.
        if !(row.len() == 1 && row[0].is_empty()) || rows.is_empty() {
            rows.push(row);
        }
        Ok(rows)
    }

    /// Rows and cells up to the `}` closing a group (`\substack{a \\ b}`).
    fn parse_rows_until_close(
        &mut self,
        open: &Range<usize>,
    ) -> Result<Vec<Vec<Vec<Node>>>, TexError> {
        let mut rows = Vec::new();
        let mut row = Vec::new();
        loop {
            let (list, stop) = self.parse_list()?;
            row.push(list);
            match stop {
                Stop::Amp => continue,
                Stop::Row => rows.push(std::mem::take(&mut row)),
                Stop::Close => break,
                _ => return self.err("unbalanced '{': this group is never closed", open.clone()),
            }
        }
        if !(row.len() == 1 && row[0].is_empty()) || rows.is_empty() {
            rows.push(row);
        }
        Ok(rows)
    }

    /// A math list up to a stop token. Braces, `\left…\right` and environments nest.
    fn parse_list(&mut self) -> Result<(Vec<Node>, Stop), TexError> {
        self.parse_list_until(false)
    }

    /// Skips spaces and expands user macros, so the next token is a real one.
    fn skip_spaces(&mut self) {
        loop {
            while matches!(self.peek().map(|t| &t.tok), Some(Tok::Char(c)) if c.is_whitespace()) {
                self.pos += 1;
            }
            if !self.expand_macro() {
                break;
            }
        }
    }

    /// True (and consumed) if the next non-space token is the character `c`.
    fn eat_char(&mut self, c: char) -> bool {
        self.skip_spaces();
        if self.peek().map(|t| &t.tok) == Some(&Tok::Char(c)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn parse_list_until(&mut self, bracket: bool) -> Result<(Vec<Node>, Stop), TexError> {
        let mut list: Vec<Node> = Vec::new();
        let saved_color = self.color.clone();
        let saved_alpha = self.alphabet;
        // `a \over b`: the list so far becomes the numerator (one infix per group, as in TeX).
        let mut infix: Option<(String, Vec<Node>, Range<usize>, Meta)> = None;
        let result = loop {
            // Spaces separate nothing in math; skipped here so the loop sees what follows them.
            self.skip_spaces();
            let Some(t) = self.peek() else {
                break Stop::Eof;
            };
            let span = t.span.clone();
            match t.tok.clone() {
                Tok::Char('$') if self.in_text_math => {
                    self.pos += 1;
                    break Stop::Dollar;
                }
                Tok::Cmd(name)
                    if matches!(
                        name.as_str(),
                        "over" | "atop" | "choose" | "brack" | "brace" | "above"
                    ) =>
                {
                    self.pos += 1;
                    if infix.is_some() {
                        return self.err(
                            format!("ambiguous: a second \\{name} in the same group (use braces)"),
                            span,
                        );
                    }
                    let meta = self.meta(&span);
                    let name = if name == "above" {
                        let t = self.dimen_tokens(&span)?;
                        format!("above:{t}")
                    } else {
                        name
                    };
                    infix = Some((name, std::mem::take(&mut list), span, meta));
                }
                Tok::Cmd(name) if name == "hline" => {
                    self.pos += 1;
                    if !self.in_array || !list.is_empty() {
                        return self
                            .err("\\hline works only at the start of a row of an array", span);
                    }
                    let meta = self.meta(&span);
                    list.push(Node::HLine(meta));
                }
                Tok::Cmd(name) if name == "newline" => {
                    // In align* (Manim's wrapper) LaTeX's \newline inside math breaks nothing.
                    self.pos += 1;
                }
                Tok::Close => {
                    self.pos += 1;
                    break Stop::Close;
                }
                Tok::Amp => {
                    self.pos += 1;
                    break Stop::Amp;
                }
                Tok::Char(']') if bracket => {
                    self.pos += 1;
                    break Stop::Bracket;
                }
                Tok::Sup | Tok::Sub | Tok::Prime => {
                    self.attach_script(&mut list)?;
                }
                Tok::Cmd(name) if name == "\\" || name == "cr" => {
                    self.pos += 1;
                    // `\\[4pt]`: extra space below the row, as a strut of that much more depth.
                    // amsmath's `\\` looks for `[` without skipping spaces.
                    let at = self.here();
                    let bracket = matches!(self.peek().map(|t| &t.tok), Some(Tok::Char('[')));
                    if let Some(d) = if bracket { self.optional_word()? } else { None } {
                        let Some(em) = dimen(&d) else {
                            return self
                                .err(format!("'{d}' is not a length such as 4pt or 0.5em"), at);
                        };
                        list.push(Node::Rule {
                            w: 0.0,
                            h: 0.0,
                            raise: -(0.36 + em),
                            meta: Meta::default(),
                        });
                    }
                    break Stop::Row;
                }
                Tok::Cmd(name) if name == "right" => {
                    self.pos += 1;
                    break Stop::Right;
                }
                Tok::Cmd(name) if name == "end" => {
                    self.pos += 1;
                    let env = self.env_name()?;
                    break Stop::End(env);
                }
                Tok::Cmd(name) if name == "color" => {
                    self.pos += 1;
                    let c = self.color_arg("\\color")?;
                    self.color = Some(c);
                }
                Tok::Cmd(name)
                    if matches!(
                        name.as_str(),
                        "displaystyle" | "textstyle" | "scriptstyle" | "scriptscriptstyle"
                    ) =>
                {
                    self.pos += 1;
                    list.push(Node::StyleSwitch(match name.as_str() {
                        "displaystyle" => StyleKind::Display,
                        "textstyle" => StyleKind::Text,
                        "scriptstyle" => StyleKind::Script,
                        _ => StyleKind::ScriptScript,
                    }));
                }
                Tok::Cmd(name) if name == "displaylimits" => {
                    // The default placement: limits in display style only.
                    self.pos += 1;
                    match list.last_mut() {
                        Some(Node::Op { limits, .. }) => *limits = None,
                        Some(Node::Scripts { base, .. }) => {
                            if let Node::Op { limits, .. } = &mut **base {
                                *limits = None;
                            }
                        }
                        _ => {
                            return self
                                .err("\\displaylimits is allowed only after an operator", span)
                        }
                    }
                }
                Tok::Cmd(name) if name == "limits" || name == "nolimits" => {
                    self.pos += 1;
                    let last = match list.last_mut() {
                        Some(Node::Scripts { base, .. }) => Some(&mut **base),
                        other => other,
                    };
                    match last {
                        // amsmath's unstarred \operatorname swallows a following \limits.
                        Some(Node::Op {
                            body: Some(_),
                            limits: Some(false),
                            word: None,
                            symbol: None,
                            ..
                        }) => {}
                        Some(Node::Op { limits, .. }) => *limits = Some(name == "limits"),
                        _ => {
                            return self
                                .err(format!("\\{name} is allowed only after an operator"), span)
                        }
                    }
                }
                _ => {
                    let atom = self.parse_atom()?;
                    if let Some(a) = atom {
                        list.push(a);
                    }
                }
            }
        };
        self.color = saved_color;
        self.alphabet = saved_alpha;
        if let Some((name, num, span, meta)) = infix {
            let den = list;
            let (rule, thickness, delims) = match name.as_str() {
                "over" => (true, None, (None, None)),
                "atop" => (false, None, (None, None)),
                "choose" => (false, None, (Some('('), Some(')'))),
                "brack" => (false, None, (Some('['), Some(']'))),
                "brace" => (false, None, (Some('{'), Some('}'))),
                other => {
                    let t: f64 = other.trim_start_matches("above:").parse().unwrap_or(0.0);
                    if !(0.0..=1.0).contains(&t) {
                        return self.err("the rule of \\above must be between 0 and 1em", span);
                    }
                    (t > 0.0, Some(t), (None, None))
                }
            };
            list = vec![Node::Frac {
                num,
                den,
                style: None,
                rule,
                thickness,
                delims,
                meta,
            }];
        }
        Ok((list, result))
    }

    /// A length written after a primitive (`\kern-1.5em`, `\mkern 3mu`), in em (mu as 1/18 em).
    fn dimen_tokens(&mut self, at: &Range<usize>) -> Result<f64, TexError> {
        Ok(self.dimen_tokens_mu(at)?.0)
    }

    /// As `dimen_tokens`, and whether the unit was `mu` (scaled with the style).
    fn dimen_tokens_mu(&mut self, at: &Range<usize>) -> Result<(f64, bool), TexError> {
        self.skip_spaces();
        let mut text = String::new();
        while let Some(Tok::Char(c)) = self.peek().map(|t| t.tok.clone()) {
            if c.is_ascii_digit() || c == '.' || c == '-' || c == '+' || c == ',' {
                text.push(c);
                self.pos += 1;
            } else if c == ' ' && text.is_empty() {
                self.pos += 1;
            } else {
                break;
            }
        }
        self.skip_spaces();
        for _ in 0..2 {
            match self.peek().map(|t| t.tok.clone()) {
                Some(Tok::Char(c)) if c.is_ascii_alphabetic() => {
                    text.push(c);
                    self.pos += 1;
                }
                _ => break,
            }
        }
        match dimen(&text) {
            Some(v) => Ok((v, text.ends_with("mu"))),
            None => self.err(
                format!("'{text}' is not a length such as 1em, -3mu or 2pt"),
                at.start..self.here().start.max(at.end),
            ),
        }
    }

    fn attach_script(&mut self, list: &mut Vec<Node>) -> Result<(), TexError> {
        let t = &self.toks[self.pos];
        let span = t.span.clone();
        let tok = t.tok.clone();
        self.pos += 1;
        let base = match list.pop() {
            // Built with \mathpalette (a \mathchoice, not an atom) in LaTeX: scripts after it
            // go on an empty atom of their own.
            Some(n) if built_by_mathpalette(&n) => {
                list.push(n);
                Node::Group(vec![])
            }
            Some(n) => n,
            None => Node::Group(vec![]),
        };
        let (mut b, mut sup, mut sub) = match base {
            Node::Scripts { base, sup, sub } => (*base, sup, sub),
            other => (other, None, None),
        };
        match tok {
            Tok::Prime => {
                let meta = self.meta(&span);
                let mut primes = vec![Node::Char {
                    ch: '\u{2032}',
                    class: Class::Ord,
                    meta: meta.clone(),
                }];
                while matches!(self.peek().map(|t| &t.tok), Some(Tok::Prime)) {
                    self.pos += 1;
                    primes.push(Node::Char {
                        ch: '\u{2032}',
                        class: Class::Ord,
                        meta: meta.clone(),
                    });
                }
                if let Some(s) = &mut sup {
                    primes.append(s);
                }
                sup = Some(primes);
            }
            Tok::Sup => {
                if sup.is_some() {
                    return self.err("double superscript: use braces, e.g. x^{ab}", span);
                }
                sup = Some(self.script_arg(&span)?);
            }
            _ => {
                if sub.is_some() {
                    return self.err("double subscript: use braces, e.g. x_{ab}", span);
                }
                sub = Some(self.script_arg(&span)?);
            }
        }
        // `x'^2`: a superscript after primes joins them.
        self.skip_spaces();
        if matches!(self.peek().map(|t| &t.tok), Some(Tok::Sup))
            && sup.as_ref().is_some_and(|s| {
                s.iter()
                    .all(|n| matches!(n, Node::Char { ch: '\u{2032}', .. }))
            })
        {
            let sp = self.here();
            self.pos += 1;
            let mut more = self.script_arg(&sp)?;
            sup.as_mut().unwrap().append(&mut more);
        }
        if let Node::Op { .. } = b {
        } else if matches!(b, Node::Scripts { .. }) {
            b = Node::Group(vec![b]);
        }
        list.push(Node::Scripts {
            base: Box::new(b),
            sup,
            sub,
        });
        Ok(())
    }

    fn script_arg(&mut self, at: &Range<usize>) -> Result<Vec<Node>, TexError> {
        match self.parse_atom()? {
            Some(Node::Group(v)) => Ok(v),
            Some(n) => Ok(vec![n]),
            None => self.err("missing script after '^' or '_'", at.clone()),
        }
    }

    /// A required argument: a braced group or a single token.
    fn arg(&mut self, what: &str) -> Result<Vec<Node>, TexError> {
        self.skip_spaces();
        let sp = self.here();
        match self.peek().map(|t| t.tok.clone()) {
            None => self.err(format!("{what} needs an argument"), sp),
            Some(Tok::Close) => self.err(format!("{what} needs an argument"), sp),
            _ => match self.parse_atom()? {
                Some(Node::Group(v)) => Ok(v),
                Some(n) => Ok(vec![n]),
                None => Ok(vec![]),
            },
        }
    }

    /// A braced argument read as plain text (colour names, environment names, \text).
    fn word_arg(&mut self, what: &str) -> Result<String, TexError> {
        self.skip_spaces();
        let sp = self.here();
        if !matches!(self.peek().map(|t| &t.tok), Some(Tok::Open)) {
            // A single character argument.
            if let Some(Tok::Char(c)) = self.peek().map(|t| t.tok.clone()) {
                self.pos += 1;
                return Ok(c.to_string());
            }
            return self.err(format!("{what} needs a braced argument"), sp);
        }
        let start = sp.end;
        let mut depth = 0;
        while let Some(t) = self.peek() {
            match t.tok {
                Tok::Open => depth += 1,
                Tok::Close => {
                    depth -= 1;
                    if depth == 0 {
                        let end = t.span.start;
                        self.pos += 1;
                        return Ok(self.src[start..end].to_string());
                    }
                }
                _ => {}
            }
            self.pos += 1;
        }
        self.err(
            format!("unbalanced '{{': the argument of {what} is never closed"),
            sp,
        )
    }

    /// An optional `[…]` argument read as plain text.
    fn optional_word(&mut self) -> Result<Option<String>, TexError> {
        self.skip_spaces();
        if !matches!(self.peek().map(|t| &t.tok), Some(Tok::Char('['))) {
            return Ok(None);
        }
        let open = self.here();
        self.pos += 1;
        while let Some(t) = self.peek() {
            if t.tok == Tok::Char(']') {
                let end = t.span.start;
                self.pos += 1;
                return Ok(Some(self.src[open.end..end].to_string()));
            }
            self.pos += 1;
        }
        self.err("this '[' is never closed by ']'", open)
    }

    /// `[model]{spec}` of `\color` and `\textcolor`, resolved to `#RRGGBB` as xcolor would.
    fn color_arg(&mut self, what: &str) -> Result<String, TexError> {
        let start = self.here().start;
        let model = self.optional_word()?;
        let spec = self.word_arg(what)?;
        let end = self.toks[self.pos - 1].span.end;
        super::xcolor::resolve(model.as_deref(), &spec).map_or_else(
            || {
                self.err(
                    format!("unknown colour '{spec}' for {what} (xcolor's names such as red, blue!50, [HTML]{{FF8000}}, or #rrggbb)"),
                    start..end,
                )
            },
            Ok,
        )
    }

    fn env_name(&mut self) -> Result<String, TexError> {
        Ok(self.word_arg("\\begin/\\end")?.trim().to_string())
    }

    fn delimiter(&mut self, after: &str) -> Result<(Option<char>, Meta), TexError> {
        self.skip_spaces();
        let Some(t) = self.peek() else {
            return self.err(
                format!("{after} needs a delimiter such as ( [ \\{{ | or ."),
                self.src.len()..self.src.len(),
            );
        };
        let span = t.span.clone();
        let meta = self.meta(&span);
        let d = match &t.tok {
            Tok::Char('.') => None,
            Tok::Char(c) if "()[]|/".contains(*c) => Some(*c),
            Tok::Cmd(n) if n == "{" || n == "}" => Some(if n == "{" { '{' } else { '}' }),
            Tok::Char('<') => Some('\u{27E8}'),
            Tok::Char('>') => Some('\u{27E9}'),
            Tok::Cmd(n) => match symbols::delimiter(n) {
                Some(c) => Some(c),
                None => return self.err(format!("\\{n} is not a delimiter"), span),
            },
            _ => {
                return self.err(
                    format!("{after} needs a delimiter such as ( [ \\{{ | or ."),
                    span,
                )
            }
        };
        self.pos += 1;
        Ok((d, meta))
    }

    fn styled_char(&self, c: char) -> char {
        symbols::map_alphabet(
            c,
            match self.alphabet {
                Alphabet::Italic => symbols::Alpha::Italic,
                Alphabet::Roman => symbols::Alpha::Roman,
                Alphabet::Bold => symbols::Alpha::Bold,
                Alphabet::BoldItalic => symbols::Alpha::BoldItalic,
                Alphabet::Blackboard => symbols::Alpha::Design(super::designs::Design::Blackboard),
                Alphabet::Calligraphic => {
                    symbols::Alpha::Design(super::designs::Design::Calligraphic)
                }
                Alphabet::Script => symbols::Alpha::Script,
                Alphabet::TextItalic => symbols::Alpha::Design(super::designs::Design::TextItalic),
                Alphabet::Normal if c.is_ascii_digit() => {
                    symbols::Alpha::Design(super::designs::Design::OldStyle)
                }
                Alphabet::Normal => symbols::Alpha::Italic,
                Alphabet::SansSerif => symbols::Alpha::Sans,
                Alphabet::Monospace => symbols::Alpha::Mono,
                Alphabet::Fraktur => symbols::Alpha::Design(super::designs::Design::Fraktur),
            },
        )
    }

    /// One atom (or nothing for tokens that only change state).
    fn parse_atom(&mut self) -> Result<Option<Node>, TexError> {
        if self.depth >= MAX_DEPTH {
            return self.err(
                format!("formula nested too deeply (more than {MAX_DEPTH} groups or arguments inside one another)"),
                self.here(),
            );
        }
        self.depth += 1;
        let r = self.parse_atom_inner();
        self.depth -= 1;
        r
    }

    fn parse_atom_inner(&mut self) -> Result<Option<Node>, TexError> {
        self.skip_spaces();
        let Some(t) = self.peek() else {
            return Ok(None);
        };
        let span = t.span.clone();
        let tok = t.tok.clone();
        let meta = self.meta(&span);
        self.pos += 1;
        match tok {
            Tok::Open => {
                let (list, stop) = self.parse_list()?;
                if stop != Stop::Close {
                    return match stop {
                        Stop::Eof => self.err("unbalanced '{': this group is never closed", span),
                        Stop::Right => self.err(
                            "\\right without a matching \\left inside this group",
                            self.toks[self.pos - 1].span.clone(),
                        ),
                        _ => self.err(
                            "'&' or '\\\\' inside a group",
                            self.toks[self.pos - 1].span.clone(),
                        ),
                    };
                }
                Ok(Some(group(list)))
            }
            Tok::Close => self.err("unbalanced '}': no '{' opens it", span),
            Tok::Char(c) if c.is_whitespace() || c == '~' => Ok(if c == '~' {
                Some(Node::Kern(1.0 / 3.0))
            } else {
                None
            }),
            Tok::Char(c @ ('-' | '*')) if self.operator_font => Ok(Some(Node::Char {
                ch: c,
                class: Class::Ord,
                meta,
            })),
            Tok::Char(c) => {
                let (ch, class) = symbols::char_class(c);
                let ch = if c.is_ascii_alphanumeric() {
                    self.styled_char(c)
                } else {
                    ch
                };
                if !super::layout::glyph_available(ch) {
                    return self.err(
                        format!("the character '{c}' is in none of valley's fonts"),
                        span,
                    );
                }
                Ok(Some(Node::Char { ch, class, meta }))
            }
            Tok::Cmd(name) => self.command(&name, span, meta).map(Some),
            Tok::Sup | Tok::Sub | Tok::Prime | Tok::Amp => {
                self.pos -= 1;
                Ok(None)
            }
        }
    }

    fn command(&mut self, name: &str, span: Range<usize>, meta: Meta) -> Result<Node, TexError> {
        if let Some((em, mu)) = symbols::space(name) {
            return Ok(if mu { Node::Space(em) } else { Node::Kern(em) });
        }
        if let Some(n) = commands::vertical_dots(name, &meta) {
            return Ok(n);
        }
        if let Some((ch, class)) = symbols::symbol(name) {
            // Capital Greek letters follow \mathit, \mathbf and \mathnormal (cmmi's italic
            // capitals), as in LaTeX (they are \mathalpha).
            let ch = match self.alphabet {
                Alphabet::TextItalic | Alphabet::Bold | Alphabet::Normal
                    if ('Α'..='Ω').contains(&ch) =>
                {
                    match self.alphabet {
                        Alphabet::Bold => {
                            char::from_u32(0x1D6A8 + (ch as u32 - 'Α' as u32)).unwrap_or(ch)
                        }
                        Alphabet::Normal => symbols::map_alphabet(ch, symbols::Alpha::Italic),
                        _ => super::designs::mark(ch, super::designs::Design::TextItalic)
                            .unwrap_or(ch),
                    }
                }
                _ => ch,
            };
            if !super::layout::glyph_available(ch) {
                return self.err(
                    format!("\\{name} ({ch}) is in none of valley's fonts"),
                    span,
                );
            }
            return Ok(Node::Char { ch, class, meta });
        }
        if let Some((word, limits)) = symbols::word_operator(name) {
            return Ok(Node::Op {
                word: Some(word.to_string()),
                symbol: None,
                body: None,
                limits: if limits { None } else { Some(false) },
                meta,
            });
        }
        if let Some(ch) = symbols::big_operator(name) {
            let integral = matches!(ch, '\u{222B}' | '\u{222C}' | '\u{222D}' | '\u{222E}');
            return Ok(Node::Op {
                word: None,
                symbol: Some(ch),
                body: None,
                limits: if integral { Some(false) } else { None },
                meta,
            });
        }
        if let Some(accent) = symbols::accent(name) {
            let body = self.arg(&format!("\\{name}"))?;
            let wide = name.starts_with("wide");
            return Ok(Node::Accent {
                accent,
                wide,
                body,
                meta,
            });
        }
        if let Some((size, class)) = symbols::big(name) {
            let (delim, meta) = self.delimiter(&format!("\\{name}"))?;
            return Ok(Node::Big {
                delim,
                size,
                class,
                meta,
            });
        }
        match name {
            "frac" | "dfrac" | "tfrac" | "binom" | "dbinom" | "tbinom" => {
                let num = self.arg(&format!("\\{name}"))?;
                let den = self.arg(&format!("\\{name}"))?;
                let style = match name.chars().next() {
                    Some('d') => Some(StyleKind::Display),
                    Some('t') => Some(StyleKind::Text),
                    _ => None,
                };
                let binom = name.ends_with("binom");
                Ok(Node::Frac {
                    num,
                    den,
                    style,
                    rule: !binom,
                    thickness: None,
                    delims: if binom {
                        (Some('('), Some(')'))
                    } else {
                        (None, None)
                    },
                    meta,
                })
            }
            "sqrt" => {
                let index = if self.eat_char('[') {
                    let (l, stop) = self.parse_list_until(true)?;
                    if stop != Stop::Bracket {
                        return self.err("the index of \\sqrt[…] is never closed by ']'", span);
                    }
                    Some(l)
                } else {
                    None
                };
                let body = self.arg("\\sqrt")?;
                Ok(Node::Sqrt { index, body, meta })
            }
            "left" => {
                let (left, lmeta) = self.delimiter("\\left")?;
                let (body, stop) = self.parse_list()?;
                if stop != Stop::Right {
                    return self.err("\\left without a matching \\right", span);
                }
                let (right, rmeta) = self.delimiter("\\right")?;
                Ok(Node::LeftRight {
                    left,
                    right,
                    body,
                    lmeta,
                    rmeta,
                })
            }
            "operatorname" | "mathop" => {
                // amsmath: \operatorname*{…} takes limits; \mathop{…} is any math as an operator.
                let star = name == "operatorname" && self.eat_char('*');
                let saved = (self.alphabet, self.operator_font);
                if name == "operatorname" {
                    self.alphabet = Alphabet::Roman;
                    self.operator_font = true;
                }
                let body = self.arg(&format!("\\{name}"));
                (self.alphabet, self.operator_font) = saved;
                Ok(Node::Op {
                    word: None,
                    symbol: None,
                    body: Some(body?),
                    limits: if name == "mathop" || star {
                        None
                    } else {
                        Some(false)
                    },
                    meta,
                })
            }
            "text" | "textrm" | "mbox" | "hbox" | "textnormal" | "textup" | "fbox" | "textbf"
            | "textit" | "textsf" | "texttt" | "emph" | "textmd" => {
                let saved = self.alphabet;
                self.alphabet = text_alphabet(name).unwrap_or(Alphabet::Roman);
                let body = self.text_arg(&format!("\\{name}"));
                self.alphabet = saved;
                let body = body?;
                if name == "fbox" {
                    return Ok(Node::Boxed {
                        body,
                        frame: Some(self.color.clone().unwrap_or_default()),
                        fill: None,
                        meta,
                    });
                }
                Ok(Node::Group(body))
            }
            "mathrm" | "mathbf" | "mathit" | "mathbb" | "mathcal" | "mathscr" | "mathsf"
            | "mathtt" | "boldsymbol" | "bm" | "mathnormal" | "mathfrak" => {
                let saved = self.alphabet;
                self.alphabet = match name {
                    "mathrm" => Alphabet::Roman,
                    "mathfrak" => Alphabet::Fraktur,
                    "mathbf" => Alphabet::Bold,
                    "boldsymbol" | "bm" => Alphabet::BoldItalic,
                    "mathbb" => Alphabet::Blackboard,
                    "mathcal" => Alphabet::Calligraphic,
                    "mathscr" => Alphabet::Script,
                    "mathit" => Alphabet::TextItalic,
                    "mathnormal" => Alphabet::Normal,
                    "mathsf" => Alphabet::SansSerif,
                    "mathtt" => Alphabet::Monospace,
                    _ => Alphabet::Italic,
                };
                let body = self.arg(&format!("\\{name}"));
                self.alphabet = saved;
                let body = body?;
                // amsbsy's \boldsymbol keeps the class of a lone symbol (`\boldsymbol{+}` is a Bin).
                if matches!(name, "boldsymbol" | "bm") && body.len() == 1 && is_char(&body[0]) {
                    return Ok(body.into_iter().next().unwrap());
                }
                Ok(group(body))
            }
            "textcolor" => {
                let c = self.color_arg("\\textcolor")?;
                let saved = self.color.replace(c);
                let body = self.arg("\\textcolor");
                self.color = saved;
                Ok(Node::Group(body?))
            }
            "overline" => Ok(Node::Overline {
                body: self.arg("\\overline")?,
                meta,
            }),
            "underline" => Ok(Node::Underline {
                body: self.arg("\\underline")?,
                meta,
            }),
            "begin" => {
                let env = self.env_name()?;
                // Column specs of `array` and `subarray`; `alignedat`'s column-pair count.
                let mut spec = Vec::new();
                if env == "array" || env == "subarray" || env == "alignedat" {
                    let at = self.here();
                    let sp = self.word_arg(&format!("\\begin{{{env}}}"))?;
                    if env == "alignedat" {
                        if sp.trim().parse::<usize>().is_err() {
                            return self
                                .err("\\begin{alignedat} needs a number of column pairs", at);
                        }
                    } else {
                        for ch in sp.chars().filter(|c| !c.is_whitespace()) {
                            if !"lcr|".contains(ch) {
                                return self.err(
                                    format!(
                                        "column type '{ch}' is not supported (use l, c, r and |)"
                                    ),
                                    at,
                                );
                            }
                            spec.push(ch);
                        }
                    }
                }
                let (left, right, align, col_sep) = match env.as_str() {
                    "array" => (None, None, 'y', 1.0),
                    "subarray" => (None, None, 'u', 0.0),
                    "smallmatrix" => (None, None, 's', 5.0 / 18.0),
                    "gathered" | "gather" | "gather*" => (None, None, 'g', 0.0),
                    "alignedat" | "alignat" | "alignat*" => (None, None, 'A', 0.0),
                    "matrix" => (None, None, 'c', 1.0),
                    "pmatrix" => (Some('('), Some(')'), 'c', 1.0),
                    "bmatrix" => (Some('['), Some(']'), 'c', 1.0),
                    "Bmatrix" => (Some('{'), Some('}'), 'c', 1.0),
                    "vmatrix" => (Some('|'), Some('|'), 'c', 1.0),
                    "Vmatrix" => (Some('\u{2016}'), Some('\u{2016}'), 'c', 1.0),
                    "cases" => (Some('{'), None, 'l', 1.0),
                    "aligned" | "split" | "align" | "align*" => (None, None, 'a', 0.0),
                    other => return self.err(format!("unknown environment '{other}' (valley knows matrix, pmatrix, bmatrix, Bmatrix, vmatrix, Vmatrix, smallmatrix, array, subarray, cases, aligned, alignedat, gathered, split)"), span),
                };
                let saved = std::mem::replace(&mut self.in_array, align == 'y');
                let rows = self.parse_rows(Some(&env));
                self.in_array = saved;
                let rows = rows?;
                Ok(Node::Array {
                    rows,
                    align,
                    spec,
                    left,
                    right,
                    meta,
                    col_sep,
                })
            }
            "def" | "gdef" | "newcommand" | "renewcommand" | "providecommand" => {
                self.define(name, &span)?;
                Ok(Node::Kern(0.0))
            }
            _ if self.is_macro(name) => self.err(
                format!("\\{name} expands too often or lacks its arguments (does it call itself?)"),
                span,
            ),
            "" => self.err("a lone backslash", span),
            other => {
                if let Some(n) = self.more_command(other, &span, &meta)? {
                    return Ok(n);
                }
                let suggestion = symbols::closest(other)
                    .map(|s| format!(" (did you mean \\{s}?)"))
                    .unwrap_or_default();
                self.err(format!("unknown command \\{other}{suggestion}"), span)
            }
        }
    }
}

/// A TeX length in em of a 10 pt font (`mu` counted as 1/18 em): `1em`, `-0.5ex`, `3pt`, `2mu`.
pub fn dimen(text: &str) -> Option<f64> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let split = t.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let num = num.replace(',', ".");
    let v: f64 = match num.as_str() {
        "" | "+" => 1.0,
        "-" => -1.0,
        n => n.parse().ok()?,
    };
    let per = match unit {
        "em" => 1.0,
        "ex" => 0.430555,
        "pt" => 0.1,
        "bp" => 0.1 * 72.27 / 72.0,
        "pc" => 1.2,
        "mm" => 0.1 * 72.27 / 25.4,
        "cm" => 0.1 * 72.27 / 2.54,
        "in" => 7.227,
        "mu" => 1.0 / 18.0,
        _ => return None,
    };
    let em = v * per;
    (em.is_finite() && em.abs() <= 100.0).then_some(em)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_cells() {
        let (f, _) = parse(&["x &= 1 \\\\ y &= 2"]).unwrap();
        assert_eq!(f.rows.len(), 2);
        assert_eq!(f.rows[0].len(), 2);
    }

    #[test]
    fn parts_are_tracked() {
        let (f, _) = parse(&["f(x)", "=", "x^2"]).unwrap();
        let parts: Vec<usize> = f.rows[0][0]
            .iter()
            .filter_map(|n| match n {
                Node::Char { meta, .. } => Some(meta.part),
                Node::Scripts { .. } => Some(2),
                _ => None,
            })
            .collect();
        assert_eq!(parts, vec![0, 0, 0, 0, 1, 2]);
    }

    #[test]
    fn errors_point_into_the_formula() {
        let e = parse(&["\\frac{a}{b"]).unwrap_err();
        assert!(e.message.contains("never closed"), "{e:?}");
        let e = parse(&["\\left( x"]).unwrap_err();
        assert!(e.message.contains("\\left without"), "{e:?}");
        let e = parse(&["\\alpah"]).unwrap_err();
        assert!(e.message.contains("did you mean \\alpha"), "{e:?}");
        assert_eq!(e.span, 0..6);
    }
}
