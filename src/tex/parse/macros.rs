//! User macros, as LaTeX users write them inside a formula: `\def\name#1#2{…}`,
//! `\newcommand{\name}[2]{…}` (and `\renewcommand`, `\providecommand`, `\gdef`). A use is expanded
//! in the token list before parsing goes on, so macros can hold anything a formula can. Definitions
//! hold to the end of the formula (TeX would end them with their group). Expansion is bounded, so a
//! macro that calls itself is an error, not a hang.

use std::ops::Range;

use super::{Lexed, Parser, TexError, Tok};

/// At most this many expansions, and this many tokens, per formula.
const MAX_EXPANSIONS: usize = 10_000;
const MAX_TOKENS: usize = 200_000;

#[derive(Clone, Debug, Default)]
pub(super) struct Macro {
    params: usize,
    body: Vec<Lexed>,
}

impl Clone for Lexed {
    fn clone(&self) -> Lexed {
        Lexed {
            tok: self.tok.clone(),
            span: self.span.clone(),
        }
    }
}

impl std::fmt::Debug for Lexed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.tok)
    }
}

impl Parser<'_> {
    /// Expands the macro at the current token, if it is one; false if nothing was expanded.
    pub(super) fn expand_macro(&mut self) -> bool {
        let Some(Tok::Cmd(name)) = self.peek().map(|t| t.tok.clone()) else {
            return false;
        };
        let Some(m) = self.macros.get(&name).cloned() else {
            return false;
        };
        if self.expansions >= MAX_EXPANSIONS || self.toks.len() > MAX_TOKENS {
            return false;
        }
        self.expansions += 1;
        let start = self.pos;
        self.pos += 1;
        let mut args: Vec<Vec<Lexed>> = Vec::new();
        for _ in 0..m.params {
            self.skip_blank();
            match self.peek().map(|t| t.tok.clone()) {
                Some(Tok::Open) => {
                    let mut depth = 0;
                    let mut arg = Vec::new();
                    while let Some(t) = self.toks.get(self.pos) {
                        match t.tok {
                            Tok::Open => depth += 1,
                            Tok::Close => depth -= 1,
                            _ => {}
                        }
                        self.pos += 1;
                        if depth == 0 {
                            break;
                        }
                        arg.push(t.clone());
                    }
                    if depth != 0 {
                        self.pos = start;
                        return false;
                    }
                    // Drop the opening brace kept above.
                    arg.remove(0);
                    args.push(arg);
                }
                Some(_) => {
                    args.push(vec![self.toks[self.pos].clone()]);
                    self.pos += 1;
                }
                None => {
                    self.pos = start;
                    return false;
                }
            }
        }
        let mut out = Vec::with_capacity(m.body.len());
        let mut i = 0;
        while i < m.body.len() {
            let t = &m.body[i];
            if t.tok == Tok::Char('#') {
                if let Some(Tok::Char(d)) = m.body.get(i + 1).map(|t| &t.tok) {
                    if let Some(k) = d.to_digit(10).filter(|k| (1..=9).contains(k)) {
                        if let Some(a) = args.get(k as usize - 1) {
                            out.extend(a.iter().cloned());
                            i += 2;
                            continue;
                        }
                    }
                }
            }
            out.push(t.clone());
            i += 1;
        }
        self.toks.splice(start..self.pos, out);
        self.pos = start;
        true
    }

    fn skip_blank(&mut self) {
        while matches!(self.peek().map(|t| &t.tok), Some(Tok::Char(c)) if c.is_whitespace()) {
            self.pos += 1;
        }
    }

    /// `\def`, `\gdef`, `\newcommand`, `\renewcommand`, `\providecommand`: reads a definition.
    pub(super) fn define(&mut self, cmd: &str, at: &Range<usize>) -> Result<(), TexError> {
        self.skip_blank();
        let braced =
            cmd != "def" && cmd != "gdef" && self.peek().map(|t| &t.tok) == Some(&Tok::Open);
        if braced {
            self.pos += 1;
            self.skip_blank();
        }
        let Some(Tok::Cmd(name)) = self.peek().map(|t| t.tok.clone()) else {
            return self.err(
                format!("\\{cmd} needs a command name to define"),
                at.clone(),
            );
        };
        self.pos += 1;
        if braced {
            self.skip_blank();
            if self.peek().map(|t| &t.tok) != Some(&Tok::Close) {
                return self.err(format!("\\{cmd}{{\\{name}}}: expected '}}'"), at.clone());
            }
            self.pos += 1;
        }
        let mut params = 0;
        if cmd == "def" || cmd == "gdef" {
            // Parameter text: #1#2… up to the body's brace.
            while let Some(Tok::Char('#')) = self.peek().map(|t| t.tok.clone()) {
                self.pos += 1;
                match self.peek().map(|t| t.tok.clone()) {
                    Some(Tok::Char(d)) if d.to_digit(10) == Some(params as u32 + 1) => {
                        params += 1;
                        self.pos += 1;
                    }
                    _ => {
                        return self.err(
                            format!("\\{cmd}\\{name}: parameters must be #1, #2, … in order"),
                            at.clone(),
                        )
                    }
                }
            }
        } else if let Some(n) = self.optional_word()? {
            match n.trim().parse::<usize>() {
                Ok(k) if k <= 9 => params = k,
                _ => {
                    return self.err(
                        format!("\\{cmd}{{\\{name}}}[{n}]: give 0 to 9 arguments"),
                        at.clone(),
                    )
                }
            }
            self.skip_blank();
            if self.peek().map(|t| &t.tok) == Some(&Tok::Char('[')) {
                return self.err(
                    "optional arguments with defaults are not supported",
                    at.clone(),
                );
            }
        }
        self.skip_blank();
        if self.peek().map(|t| &t.tok) != Some(&Tok::Open) {
            return self.err(
                format!("\\{cmd}\\{name} needs its body in braces"),
                at.clone(),
            );
        }
        let mut depth = 0;
        let mut body = Vec::new();
        while let Some(t) = self.toks.get(self.pos) {
            match t.tok {
                Tok::Open => depth += 1,
                Tok::Close => depth -= 1,
                _ => {}
            }
            self.pos += 1;
            if depth == 0 {
                break;
            }
            body.push(t.clone());
        }
        if depth != 0 {
            return self.err(format!("the body of \\{name} is never closed"), at.clone());
        }
        body.remove(0);
        if cmd == "providecommand" && self.macros.contains_key(&name) {
            return Ok(());
        }
        self.macros.insert(name, Macro { params, body });
        Ok(())
    }

    /// Whether `name` is a user macro (that could no longer be expanded).
    pub(super) fn is_macro(&self, name: &str) -> bool {
        self.macros.contains_key(name)
    }
}
