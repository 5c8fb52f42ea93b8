//! Tokens of the scene language.

use std::ops::Range;

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Ident(String),
    Num(f64),
    /// A plain string: raw text (backslashes are literal, so LaTeX needs no escaping);
    /// only `\"` is special.
    Str(String, StrMap),
    /// An f-string `f"…{expr}…"`: literal pieces and the source ranges of the holes.
    FStr(Vec<FPiece>),
    Hex(String),
    Sym(&'static str),
    Newline,
    Eof,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FPiece {
    Lit(String, StrMap),
    Hole(Range<usize>),
}

#[derive(Clone, Debug)]
pub struct Token {
    pub tok: Tok,
    pub span: Range<usize>,
}

impl Token {
    /// Moves every source offset the token holds (its span, string maps, f-string holes) by
    /// `by`: for text lexed out of a larger file (an f-string hole, which may hold f-strings).
    pub fn shift(&mut self, by: usize) {
        self.span = self.span.start + by..self.span.end + by;
        match &mut self.tok {
            Tok::Str(_, map) => map.shift(by),
            Tok::FStr(pieces) => {
                for p in pieces {
                    match p {
                        FPiece::Lit(_, map) => map.shift(by),
                        FPiece::Hole(r) => *r = r.start + by..r.end + by,
                    }
                }
            }
            _ => {}
        }
    }
}

pub struct LexError {
    pub message: String,
    pub span: Range<usize>,
}

const SYMS: &[&str] = &[
    "..", "==", "!=", "<=", ">=", "&&", "||", "(", ")", "{", "}", "[", "]", ",", ".", ":", "=",
    "+", "-", "*", "/", "^", "%", "<", ">", "!", ";",
];

pub fn lex(src: &str) -> Result<Vec<Token>, LexError> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b' ' | b'\t' | b'\r' => i += 1,
            b'\n' => {
                out.push(Token {
                    tok: Tok::Newline,
                    span: i..i + 1,
                });
                i += 1;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'#' if bytes.get(i + 1).is_some_and(|b| b.is_ascii_hexdigit()) => {
                let s = i;
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_hexdigit() {
                    i += 1;
                }
                let len = i - s - 1;
                if len != 6 && len != 3 {
                    return Err(LexError {
                        message: "a colour is written #rrggbb or #rgb".into(),
                        span: s..i,
                    });
                }
                out.push(Token {
                    tok: Tok::Hex(src[s..i].to_string()),
                    span: s..i,
                });
            }
            b'0'..=b'9' => {
                let s = i;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                // A fraction, but not the `..` of a range.
                if i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
                    i += 1;
                    while i < bytes.len() && bytes[i].is_ascii_digit() {
                        i += 1;
                    }
                }
                if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
                    let mut j = i + 1;
                    if j < bytes.len() && (bytes[j] == b'-' || bytes[j] == b'+') {
                        j += 1;
                    }
                    if j < bytes.len() && bytes[j].is_ascii_digit() {
                        i = j;
                        while i < bytes.len() && bytes[i].is_ascii_digit() {
                            i += 1;
                        }
                    }
                }
                let v: f64 = src[s..i].parse().map_err(|_| LexError {
                    message: "malformed number".into(),
                    span: s..i,
                })?;
                out.push(Token {
                    tok: Tok::Num(v),
                    span: s..i,
                });
            }
            b'f' if bytes.get(i + 1) == Some(&b'"') => {
                let s = i;
                let (pieces, end) = fstring(src, i + 1)?;
                out.push(Token {
                    tok: Tok::FStr(pieces),
                    span: s..end,
                });
                i = end;
            }
            b'"' => {
                let s = i;
                let (body, map, end) = string_body(src, i)?;
                out.push(Token {
                    tok: Tok::Str(body, map),
                    span: s..end,
                });
                i = end;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let s = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                out.push(Token {
                    tok: Tok::Ident(src[s..i].to_string()),
                    span: s..i,
                });
            }
            _ => {
                let rest = &src[i..];
                match SYMS.iter().find(|s| rest.starts_with(**s)) {
                    Some(s) => {
                        out.push(Token {
                            tok: Tok::Sym(s),
                            span: i..i + s.len(),
                        });
                        i += s.len();
                    }
                    None => {
                        let ch = rest.chars().next().unwrap();
                        return Err(LexError {
                            message: format!("unexpected character '{ch}'"),
                            span: i..i + ch.len_utf8(),
                        });
                    }
                }
            }
        }
    }
    out.push(Token {
        tok: Tok::Eof,
        span: src.len()..src.len(),
    });
    Ok(out)
}

/// Where each byte of a string's value came from in the source, so that an error found inside
/// the value (a TeX mistake, say) gets a caret under the right source text even after `\"`
/// unescaping or f-string holes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StrMap {
    segs: Vec<Seg>,
}

/// `out` bytes of the value came from `src` bytes of the file; `exact` when byte for byte.
#[derive(Clone, Debug, PartialEq)]
struct Seg {
    out: Range<usize>,
    src: Range<usize>,
    exact: bool,
}

impl StrMap {
    fn len(&self) -> usize {
        self.segs.last().map(|s| s.out.end).unwrap_or(0)
    }
    /// Value bytes `src` copied verbatim from the file.
    pub fn push_exact(&mut self, src: Range<usize>) {
        let o = self.len();
        self.segs.push(Seg {
            out: o..o + src.len(),
            src,
            exact: true,
        });
    }
    /// `n` value bytes produced by the source text `src` as a whole (an escape, a hole).
    pub fn push_whole(&mut self, n: usize, src: Range<usize>) {
        let o = self.len();
        self.segs.push(Seg {
            out: o..o + n,
            src,
            exact: false,
        });
    }
    fn shift(&mut self, by: usize) {
        for s in &mut self.segs {
            s.src = s.src.start + by..s.src.end + by;
        }
    }
    /// Appends another map (a literal piece of an f-string).
    pub fn append(&mut self, other: &StrMap) {
        let o = self.len();
        for s in &other.segs {
            self.segs.push(Seg {
                out: s.out.start + o..s.out.end + o,
                src: s.src.clone(),
                exact: s.exact,
            });
        }
    }
    /// The source bytes behind value bytes `r` (None for an empty value).
    pub fn to_source(&self, r: Range<usize>) -> Option<Range<usize>> {
        let last = self.segs.last()?;
        let at = |off: usize, end: bool| -> usize {
            for s in &self.segs {
                let inside = if end {
                    off > s.out.start && off <= s.out.end
                } else {
                    off >= s.out.start && off < s.out.end
                };
                if inside {
                    return if s.exact {
                        s.src.start + (off - s.out.start)
                    } else if end {
                        s.src.end
                    } else {
                        s.src.start
                    };
                }
            }
            if end || off >= last.out.end {
                last.src.end
            } else {
                self.segs[0].src.start
            }
        };
        let a = at(r.start, false);
        let b = at(r.end.max(r.start), true).max(a);
        Some(a..b)
    }
}

/// Reads a string starting at the quote at `start`; returns its text, its map and the end offset.
fn string_body(src: &str, start: usize) -> Result<(String, StrMap, usize), LexError> {
    let bytes = src.as_bytes();
    let mut i = start + 1;
    let mut s = String::new();
    let mut map = StrMap::default();
    let mut lit_start = i;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                s.push_str(&src[lit_start..i]);
                map.push_exact(lit_start..i);
                return Ok((s, map, i + 1));
            }
            // `\\` stays two backslashes (a LaTeX line break), so "a\\" ends the string.
            b'\\' if bytes.get(i + 1) == Some(&b'\\') => i += 2,
            b'\\' if bytes.get(i + 1) == Some(&b'"') => {
                s.push_str(&src[lit_start..i]);
                map.push_exact(lit_start..i);
                s.push('"');
                map.push_whole(1, i..i + 2);
                i += 2;
                lit_start = i;
            }
            b'\n' => break,
            _ => i += 1,
        }
    }
    Err(LexError {
        message: "this string is never closed (strings end on the same line)".into(),
        span: start..start + 1,
    })
}

/// Reads an f-string whose opening quote is at `start`, straight from the source (so hole
/// ranges are source ranges): literal pieces with their maps, and holes. A hole may hold
/// strings and braces (`{fmt(x, "a")}`, `{if x > 0 {"+"} else {"-"}}`).
fn fstring(src: &str, start: usize) -> Result<(Vec<FPiece>, usize), LexError> {
    let b = src.as_bytes();
    let mut pieces = Vec::new();
    let mut lit = String::new();
    let mut map = StrMap::default();
    let mut i = start + 1;
    let flush = |lit: &mut String, map: &mut StrMap, pieces: &mut Vec<FPiece>| {
        if !lit.is_empty() {
            pieces.push(FPiece::Lit(std::mem::take(lit), std::mem::take(map)));
        }
    };
    while i < b.len() {
        match b[i] {
            b'"' => {
                flush(&mut lit, &mut map, &mut pieces);
                return Ok((pieces, i + 1));
            }
            b'\n' => break,
            b'\\' if b.get(i + 1) == Some(&b'\\') => {
                lit.push_str("\\\\");
                map.push_exact(i..i + 2);
                i += 2;
            }
            b'\\' if b.get(i + 1) == Some(&b'"') => {
                lit.push('"');
                map.push_whole(1, i..i + 2);
                i += 2;
            }
            b'{' if b.get(i + 1) == Some(&b'{') => {
                lit.push('{');
                map.push_whole(1, i..i + 2);
                i += 2;
            }
            b'}' if b.get(i + 1) == Some(&b'}') => {
                lit.push('}');
                map.push_whole(1, i..i + 2);
                i += 2;
            }
            b'}' => {
                return Err(LexError {
                    message: "unmatched '}' in an f-string (write }} for a literal brace)".into(),
                    span: i..i + 1,
                })
            }
            b'{' => {
                let open = i;
                let mut depth = 1;
                let mut j = i + 1;
                while j < b.len() && depth > 0 {
                    match b[j] {
                        b'{' => depth += 1,
                        b'}' => depth -= 1,
                        b'\n' => break,
                        // A string inside the hole: skip it whole (its quotes and braces).
                        b'"' => {
                            j += 1;
                            while j < b.len() && b[j] != b'"' && b[j] != b'\n' {
                                j += if b[j] == b'\\' && j + 1 < b.len() && b[j + 1] != b'\n' {
                                    2
                                } else {
                                    1
                                };
                            }
                            if j >= b.len() || b[j] == b'\n' {
                                return Err(LexError {
                                    message: "a string inside this f-string hole is never closed"
                                        .into(),
                                    span: open..open + 1,
                                });
                            }
                        }
                        _ => {}
                    }
                    if depth > 0 {
                        j += 1;
                    }
                }
                if depth != 0 {
                    return Err(LexError {
                        message:
                            "'{' in an f-string is never closed (write {{ for a literal brace)"
                                .into(),
                        span: open..open + 1,
                    });
                }
                flush(&mut lit, &mut map, &mut pieces);
                pieces.push(FPiece::Hole(open + 1..j));
                i = j + 1;
            }
            _ => {
                let ch = src[i..].chars().next().unwrap_or(' ');
                lit.push(ch);
                map.push_exact(i..i + ch.len_utf8());
                i += ch.len_utf8();
            }
        }
    }
    Err(LexError {
        message: "this string is never closed (strings end on the same line)".into(),
        span: start..start + 1,
    })
}
