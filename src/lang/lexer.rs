//! Tokens of the scene language.

use std::ops::Range;

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Ident(String),
    Num(f64),
    /// A plain string: raw text (backslashes are literal, so LaTeX needs no escaping);
    /// only `\"` is special.
    Str(String),
    /// An f-string `f"…{expr}…"`: literal pieces and the source ranges of the holes.
    FStr(Vec<FPiece>),
    Hex(String),
    Sym(&'static str),
    Newline,
    Eof,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FPiece {
    Lit(String),
    Hole(Range<usize>),
}

#[derive(Clone, Debug)]
pub struct Token {
    pub tok: Tok,
    pub span: Range<usize>,
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
                let (body, end) = string_body(src, i + 1)?;
                let pieces = fstring(src, i + 2, &body)?;
                out.push(Token {
                    tok: Tok::FStr(pieces),
                    span: s..end,
                });
                i = end;
            }
            b'"' => {
                let s = i;
                let (body, end) = string_body(src, i)?;
                out.push(Token {
                    tok: Tok::Str(body),
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

/// Reads a string starting at the quote at `start`; returns its text and the end offset.
fn string_body(src: &str, start: usize) -> Result<(String, usize), LexError> {
    let bytes = src.as_bytes();
    let mut i = start + 1;
    let mut s = String::new();
    let mut lit_start = i;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                s.push_str(&src[lit_start..i]);
                return Ok((s, i + 1));
            }
            // `\\` stays two backslashes (a LaTeX line break), so "a\\" ends the string.
            b'\\' if bytes.get(i + 1) == Some(&b'\\') => i += 2,
            b'\\' if bytes.get(i + 1) == Some(&b'"') => {
                s.push_str(&src[lit_start..i]);
                s.push('"');
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

/// Splits an f-string body (starting at source offset `off`) into literal text and holes.
fn fstring(src: &str, off: usize, body: &str) -> Result<Vec<FPiece>, LexError> {
    let b = body.as_bytes();
    let mut pieces = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'{' if b.get(i + 1) == Some(&b'{') => {
                lit.push('{');
                i += 2;
            }
            b'}' if b.get(i + 1) == Some(&b'}') => {
                lit.push('}');
                i += 2;
            }
            b'{' => {
                let mut depth = 1;
                let s = i + 1;
                let mut j = s;
                while j < b.len() && depth > 0 {
                    match b[j] {
                        b'{' => depth += 1,
                        b'}' => depth -= 1,
                        _ => {}
                    }
                    j += 1;
                }
                if depth != 0 {
                    return Err(LexError {
                        message:
                            "'{' in an f-string is never closed (write {{ for a literal brace)"
                                .into(),
                        span: off + i..off + i + 1,
                    });
                }
                if !lit.is_empty() {
                    pieces.push(FPiece::Lit(std::mem::take(&mut lit)));
                }
                pieces.push(FPiece::Hole(off + s..off + j - 1));
                i = j;
            }
            _ => {
                let ch = body[i..].chars().next().unwrap();
                lit.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    if !lit.is_empty() {
        pieces.push(FPiece::Lit(lit));
    }
    let _ = src;
    Ok(pieces)
}
