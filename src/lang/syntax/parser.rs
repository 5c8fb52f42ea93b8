//! Recursive-descent parser with precedence climbing. Statements end at a newline or `;`;
//! a newline inside brackets or after an operator does not end a statement.

use std::sync::Arc;

use super::ast::*;
use super::lexer::{lex, FPiece, Tok, Token};
use crate::diag::{Diagnostic, Source};

pub struct Parser<'a> {
    toks: Vec<Token>,
    pos: usize,
    src: &'a Arc<Source>,
    /// Nesting of ( and [: newlines inside them are insignificant.
    depth: usize,
    /// How deeply expressions and blocks nest right now (bounded: the parser recurses).
    nest: usize,
    /// Mistakes found so far: after one, the parser skips to the next statement and goes on,
    /// so a check reports every syntax error of a file at once.
    errors: Vec<Diagnostic>,
}

/// Most syntax errors reported for one file.
const MAX_ERRORS: usize = 50;

/// Deepest nesting of brackets, operators and blocks the parser accepts. A flat chain such as
/// `1 + 1 + … + 1` does not nest (it is parsed in a loop), whatever its length.
pub const MAX_NESTING: usize = 200;
/// Most operands in one operator chain or postfix chain (`a.b.c…`, `a + b + …`).
pub const MAX_CHAIN: usize = 10_000;

type PResult<T> = Result<T, Diagnostic>;

pub fn parse_file(src: &Arc<Source>) -> PResult<File> {
    let toks = lex(&src.text).map_err(|e| Diagnostic::new(e.message, src, e.span))?;
    let mut p = Parser {
        toks,
        pos: 0,
        src,
        depth: 0,
        nest: 0,
        errors: Vec::new(),
    };
    let f = p.file();
    let mut errors = p.errors;
    let f = match f {
        Ok(f) => f,
        Err(d) => {
            errors.push(d);
            File::default()
        }
    };
    if errors.is_empty() {
        return Ok(f);
    }
    let mut first = errors.remove(0);
    first.more = errors;
    Err(first)
}

/// Parses a lone expression found at `range` of the source (an f-string hole).
fn parse_hole(src: &Arc<Source>, range: std::ops::Range<usize>) -> PResult<Expr> {
    let text = &src.text[range.clone()];
    let mut toks = lex(text).map_err(|e| {
        Diagnostic::new(
            e.message,
            src,
            e.span.start + range.start..e.span.end + range.start,
        )
    })?;
    for t in &mut toks {
        t.shift(range.start);
    }
    let mut p = Parser {
        toks,
        pos: 0,
        src,
        depth: 1,
        nest: 0,
        errors: Vec::new(),
    };
    let e = p.expr()?;
    if !matches!(p.peek(), Tok::Eof) {
        return Err(p.error_here("unexpected text in this f-string hole"));
    }
    Ok(e)
}

impl<'a> Parser<'a> {
    fn peek(&self) -> &Tok {
        &self.toks[self.pos].tok
    }
    fn span(&self) -> Span {
        self.toks[self.pos].span.clone()
    }
    fn prev_end(&self) -> usize {
        if self.pos == 0 {
            0
        } else {
            self.toks[self.pos - 1].span.end
        }
    }
    fn bump(&mut self) -> Token {
        let t = self.toks[self.pos].clone();
        if self.pos + 1 < self.toks.len() {
            self.pos += 1;
        }
        t
    }
    fn error_here(&self, msg: impl Into<String>) -> Diagnostic {
        Diagnostic::new(msg, self.src, self.span())
    }
    /// Enters one more level of nesting, or refuses past `MAX_NESTING`.
    fn enter(&mut self) -> PResult<()> {
        self.nest += 1;
        if self.nest > MAX_NESTING {
            return Err(self.error_here(format!(
                "nested too deeply (more than {MAX_NESTING} levels of brackets, operators or blocks)"
            )));
        }
        Ok(())
    }

    fn skip_newlines(&mut self) {
        while matches!(self.peek(), Tok::Newline) || self.is_sym(";") {
            self.bump();
        }
    }
    /// In brackets, newlines are just white space.
    fn skip_nl_in_brackets(&mut self) {
        if self.depth > 0 {
            while matches!(self.peek(), Tok::Newline) {
                self.bump();
            }
        }
    }
    fn is_sym(&self, s: &str) -> bool {
        matches!(self.peek(), Tok::Sym(x) if *x == s)
    }
    fn is_ident(&self, s: &str) -> bool {
        matches!(self.peek(), Tok::Ident(x) if x == s)
    }
    fn expect_sym(&mut self, s: &str, what: &str) -> PResult<Span> {
        self.skip_nl_in_brackets();
        if self.is_sym(s) {
            Ok(self.bump().span)
        } else {
            Err(self.error_here(format!(
                "expected '{s}' {what}, found {}",
                describe(self.peek())
            )))
        }
    }
    fn ident(&mut self, what: &str) -> PResult<(String, Span)> {
        match self.peek().clone() {
            Tok::Ident(n) => {
                let sp = self.bump().span;
                Ok((n, sp))
            }
            t => Err(self.error_here(format!("expected {what}, found {}", describe(&t)))),
        }
    }

    fn file(&mut self) -> PResult<File> {
        let mut f = File::default();
        loop {
            self.skip_newlines();
            match self.peek().clone() {
                Tok::Eof => break,
                Tok::Ident(k) if k == "use" => {
                    self.bump();
                    match self.peek().clone() {
                        Tok::Str(s, _) => {
                            let sp = self.bump().span;
                            f.uses.push((s, sp));
                        }
                        t => {
                            return Err(self.error_here(format!(
                                "expected a file name in quotes after 'use', found {}",
                                describe(&t)
                            )))
                        }
                    }
                }
                Tok::Ident(k) if k == "scene" => {
                    self.bump();
                    let (name, span) = self.ident("a scene name")?;
                    let body = self.block()?;
                    f.scenes.push(SceneDef { name, span, body });
                }
                _ => {
                    if let Some(s) = self.stmt_or_recover()? {
                        f.prelude.push(s);
                    }
                }
            }
        }
        Ok(f)
    }

    fn block(&mut self) -> PResult<Vec<Stmt>> {
        self.enter()?;
        let r = self.block_inner();
        self.nest -= 1;
        r
    }

    fn block_inner(&mut self) -> PResult<Vec<Stmt>> {
        let open = self.span();
        if !self.is_sym("{") {
            return Err(self.error_here(format!(
                "expected '{{' to start a block, found {}",
                describe(self.peek())
            )));
        }
        self.bump();
        let mut body = Vec::new();
        loop {
            self.skip_newlines();
            if self.is_sym("}") {
                self.bump();
                return Ok(body);
            }
            if matches!(self.peek(), Tok::Eof) {
                return Err(Diagnostic::new(
                    "this '{' is never closed: missing '}'",
                    self.src,
                    open,
                ));
            }
            if let Some(s) = self.stmt_or_recover()? {
                body.push(s);
            }
        }
    }

    /// A statement; on a mistake, records it and skips to the next statement (None), unless
    /// there are too many to go on.
    fn stmt_or_recover(&mut self) -> PResult<Option<Stmt>> {
        let (depth, nest) = (self.depth, self.nest);
        match self.stmt() {
            Ok(s) => Ok(Some(s)),
            Err(d) => {
                if self.errors.len() + 1 >= MAX_ERRORS || matches!(self.peek(), Tok::Eof) {
                    return Err(d);
                }
                self.errors.push(d);
                self.depth = depth;
                self.nest = nest;
                self.recover();
                Ok(None)
            }
        }
    }

    /// Skips the rest of a broken statement: to the end of its line (outside brackets opened
    /// since), or to the `}` that closes the block it is in.
    fn recover(&mut self) {
        let mut balance: i64 = 0;
        loop {
            match self.peek() {
                Tok::Eof => return,
                Tok::Sym("(" | "[" | "{") => balance += 1,
                Tok::Sym(")" | "]") => balance -= 1,
                Tok::Sym("}") if balance <= 0 => return,
                Tok::Sym("}") => balance -= 1,
                Tok::Newline | Tok::Sym(";") if balance <= 0 => return,
                _ => {}
            }
            self.bump();
        }
    }

    fn end_of_stmt(&mut self) -> PResult<()> {
        match self.peek() {
            Tok::Newline | Tok::Eof => Ok(()),
            Tok::Sym(";") | Tok::Sym("}") => Ok(()),
            t => Err(self.error_here(format!(
                "expected the end of the statement, found {}",
                describe(t)
            ))),
        }
    }

    fn stmt(&mut self) -> PResult<Stmt> {
        self.enter()?;
        let r = self.stmt_inner();
        self.nest -= 1;
        r
    }

    fn stmt_inner(&mut self) -> PResult<Stmt> {
        let s = match self.peek().clone() {
            Tok::Ident(k) if k == "let" => {
                self.bump();
                let (name, sp) = self.ident("a name after 'let'")?;
                self.expect_sym("=", "after the name in 'let'")?;
                let e = self.expr()?;
                Stmt::Let(name, sp, e)
            }
            Tok::Ident(k) if k == "fn" => {
                self.bump();
                let (name, sp) = self.ident("a function name after 'fn'")?;
                self.expect_sym("(", "to start the parameters")?;
                let mut params = Vec::new();
                while !self.is_sym(")") {
                    let (p, _) = self.ident("a parameter name")?;
                    params.push(p);
                    if self.is_sym(",") {
                        self.bump();
                    } else {
                        break;
                    }
                }
                self.expect_sym(")", "to close the parameters")?;
                self.expect_sym("=", "before the function body (fn f(x) = …)")?;
                let body = self.expr()?;
                Stmt::Fn(name, sp, params, body)
            }
            Tok::Ident(k) if k == "for" => {
                self.bump();
                let (var, sp) = self.ident("a loop variable after 'for'")?;
                if !self.is_ident("in") {
                    return Err(self.error_here("expected 'in' after the loop variable"));
                }
                self.bump();
                let it = self.expr()?;
                let body = self.block()?;
                return Ok(Stmt::For(var, sp, it, body));
            }
            Tok::Ident(k) if k == "if" => {
                self.bump();
                let c = self.expr()?;
                let then = self.block()?;
                let mut els = Vec::new();
                let save = self.pos;
                self.skip_newlines();
                if self.is_ident("else") {
                    self.bump();
                    if self.is_ident("if") {
                        els.push(self.stmt()?);
                    } else {
                        els = self.block()?;
                    }
                } else {
                    self.pos = save;
                }
                return Ok(Stmt::If(c, then, els));
            }
            Tok::Ident(name)
                if matches!(
                    self.toks.get(self.pos + 1).map(|t| &t.tok),
                    Some(Tok::Sym("="))
                ) =>
            {
                let sp = self.bump().span;
                self.bump();
                let e = self.expr()?;
                Stmt::Assign(name, sp, e)
            }
            _ => Stmt::Expr(self.expr()?),
        };
        self.end_of_stmt()?;
        Ok(s)
    }

    pub fn expr(&mut self) -> PResult<Expr> {
        self.binary(0)
    }

    fn binary(&mut self, min_prec: u8) -> PResult<Expr> {
        self.enter()?;
        let r = self.binary_inner(min_prec);
        self.nest -= 1;
        r
    }

    fn binary_inner(&mut self, min_prec: u8) -> PResult<Expr> {
        let mut lhs = self.unary()?;
        let mut terms = 1;
        loop {
            self.skip_nl_in_brackets();
            let Tok::Sym(op) = *self.peek() else { break };
            let (prec, right_assoc) = match op {
                "||" => (1, false),
                "&&" => (2, false),
                "==" | "!=" => (3, false),
                "<" | "<=" | ">" | ">=" => (4, false),
                ".." => (5, false),
                "+" | "-" => (6, false),
                "*" | "/" | "%" => (7, false),
                "^" => (9, true),
                _ => break,
            };
            if prec < min_prec {
                break;
            }
            terms += 1;
            if terms > MAX_CHAIN {
                return Err(self.error_here(format!(
                    "this expression has more than {MAX_CHAIN} terms: split it with `let`"
                )));
            }
            self.bump();
            // An operator at the end of a line continues the expression on the next.
            while matches!(self.peek(), Tok::Newline) {
                self.bump();
            }
            let rhs = self.binary(if right_assoc { prec } else { prec + 1 })?;
            let span = lhs.span().start..rhs.span().end;
            lhs = if op == ".." {
                Expr::Range(Box::new(lhs), Box::new(rhs), span)
            } else {
                Expr::Binary(op, Box::new(lhs), Box::new(rhs), span)
            };
        }
        Ok(lhs)
    }

    fn unary(&mut self) -> PResult<Expr> {
        self.skip_nl_in_brackets();
        if self.is_sym("-") || self.is_sym("!") {
            let t = self.bump();
            let Tok::Sym(op) = t.tok else { unreachable!() };
            // -x^2 is -(x^2), as in mathematics.
            let e = self.binary(8)?;
            let span = t.span.start..e.span().end;
            return Ok(Expr::Unary(op, Box::new(e), span));
        }
        self.postfix()
    }

    fn postfix(&mut self) -> PResult<Expr> {
        let mut e = self.primary()?;
        let mut links = 0;
        loop {
            links += 1;
            if links > MAX_CHAIN {
                return Err(self.error_here(format!(
                    "this chain has more than {MAX_CHAIN} calls, fields or indices: split it with `let`"
                )));
            }
            if self.is_sym("(") {
                let args = self.args()?;
                let span = e.span().start..self.prev_end();
                e = Expr::Call(Box::new(e), args, span);
            } else if self.is_sym(".")
                || (matches!(self.peek(), Tok::Newline) && self.next_line_starts_with_dot())
            {
                while matches!(self.peek(), Tok::Newline) {
                    self.bump();
                }
                self.bump();
                let (name, sp) = self.ident("a method or property name after '.'")?;
                let span = e.span().start..sp.end;
                e = Expr::Field(Box::new(e), name, span);
            } else if self.is_sym("[") {
                self.bump();
                self.depth += 1;
                let i = self.expr()?;
                let close = self.expect_sym("]", "to close the index");
                self.depth -= 1;
                close?;
                let span = e.span().start..self.prev_end();
                e = Expr::Index(Box::new(e), Box::new(i), span);
            } else {
                break;
            }
        }
        Ok(e)
    }

    /// Method chains may continue on the next line when it starts with '.'.
    fn next_line_starts_with_dot(&self) -> bool {
        let mut i = self.pos;
        while matches!(self.toks[i].tok, Tok::Newline) {
            i += 1;
        }
        matches!(self.toks[i].tok, Tok::Sym("."))
    }

    fn args(&mut self) -> PResult<Vec<Arg>> {
        let open = self.bump().span;
        self.depth += 1;
        let mut args = Vec::new();
        loop {
            self.skip_nl_in_brackets();
            if self.is_sym(")") {
                break;
            }
            if matches!(self.peek(), Tok::Eof) {
                self.depth -= 1;
                return Err(Diagnostic::new(
                    "this '(' is never closed: missing ')'",
                    self.src,
                    open,
                ));
            }
            let named = matches!(self.peek(), Tok::Ident(_))
                && matches!(
                    self.toks.get(self.pos + 1).map(|t| &t.tok),
                    Some(Tok::Sym(":"))
                );
            let name = if named {
                let (n, sp) = self.ident("an argument name")?;
                self.bump();
                Some((n, sp))
            } else {
                None
            };
            let value = self.expr()?;
            args.push(Arg { name, value });
            self.skip_nl_in_brackets();
            if matches!(self.peek(), Tok::Eof) {
                self.depth -= 1;
                return Err(Diagnostic::new(
                    "this '(' is never closed: missing ')'",
                    self.src,
                    open,
                ));
            }
            if self.is_sym(",") {
                self.bump();
            } else if self.is_sym("}") || self.is_sym("]") {
                // A closing bracket of another kind: the '(' was never closed.
                self.depth -= 1;
                return Err(Diagnostic::new(
                    "this '(' is never closed: missing ')'",
                    self.src,
                    open,
                ));
            } else if !self.is_sym(")") {
                let mut e = self.error_here(format!(
                    "expected ',' or ')' in the argument list, found {}",
                    describe(self.peek())
                ));
                if self.is_sym("=") {
                    if let Some(Arg {
                        value: Expr::Name(n, _),
                        name: None,
                    }) = args.last()
                    {
                        e = e.with_note(format!(
                            "help: named arguments use ':' in valley: write `{n}: …`"
                        ));
                    }
                }
                self.depth -= 1;
                return Err(e);
            }
        }
        self.depth -= 1;
        self.bump();
        Ok(args)
    }

    fn primary(&mut self) -> PResult<Expr> {
        self.skip_nl_in_brackets();
        let t = self.bump();
        Ok(match t.tok {
            Tok::Num(v) => Expr::Num(v, t.span),
            Tok::Str(s, map) => Expr::Str(s, Arc::new(map), t.span),
            Tok::Hex(h) => Expr::Hex(h, t.span),
            Tok::FStr(pieces) => {
                let mut parts = Vec::new();
                for p in pieces {
                    parts.push(match p {
                        FPiece::Lit(s, map) => FPart::Lit(s, map),
                        FPiece::Hole(r) => FPart::Hole(parse_hole(self.src, r)?),
                    });
                }
                Expr::FStr(parts, t.span)
            }
            Tok::Ident(n) if n == "true" => Expr::Bool(true, t.span),
            Tok::Ident(n) if n == "false" => Expr::Bool(false, t.span),
            Tok::Ident(n) if n == "if" => {
                let c = self.expr()?;
                let a = self.brace_expr()?;
                self.skip_newlines();
                if !self.is_ident("else") {
                    return Err(self.error_here("an 'if' used as a value needs an 'else' branch"));
                }
                self.bump();
                let b = if self.is_ident("if") {
                    self.enter()?;
                    let b = self.primary();
                    self.nest -= 1;
                    b?
                } else {
                    self.brace_expr()?
                };
                let span = t.span.start..self.prev_end();
                Expr::If(Box::new(c), Box::new(a), Box::new(b), span)
            }
            Tok::Ident(n) => Expr::Name(n, t.span),
            Tok::Sym("(") => {
                self.depth += 1;
                let e = self.expr();
                let close = self.expect_sym(")", "to close the parenthesis");
                self.depth -= 1;
                let e = e?;
                close?;
                e
            }
            Tok::Sym("[") => {
                self.depth += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_nl_in_brackets();
                    if self.is_sym("]") {
                        break;
                    }
                    items.push(self.expr()?);
                    self.skip_nl_in_brackets();
                    if items.len() == 1 && self.is_ident("for") {
                        // A comprehension: [expr for x in list]
                        self.bump();
                        let (var, _) = self.ident("a loop variable after 'for'")?;
                        if !self.is_ident("in") {
                            self.depth -= 1;
                            return Err(self.error_here("expected 'in' after the loop variable"));
                        }
                        self.bump();
                        let iter = self.expr()?;
                        self.skip_nl_in_brackets();
                        let close = self.expect_sym("]", "to close the list");
                        self.depth -= 1;
                        close?;
                        let span = t.span.start..self.prev_end();
                        let body = items.pop().unwrap();
                        return Ok(Expr::Comprehension(
                            Box::new(body),
                            var,
                            Box::new(iter),
                            span,
                        ));
                    }
                    if self.is_sym(",") {
                        self.bump();
                    } else if !self.is_sym("]") {
                        let e = self.error_here(format!(
                            "expected ',' or ']' in the list, found {}",
                            describe(self.peek())
                        ));
                        self.depth -= 1;
                        return Err(e);
                    }
                }
                self.depth -= 1;
                let end = self.bump().span.end;
                Expr::List(items, t.span.start..end)
            }
            other => {
                return Err(Diagnostic::new(
                    format!("expected a value, found {}", describe(&other)),
                    self.src,
                    t.span,
                ))
            }
        })
    }

    fn brace_expr(&mut self) -> PResult<Expr> {
        self.expect_sym("{", "to start the branch")?;
        self.skip_newlines();
        let e = self.expr()?;
        self.skip_newlines();
        self.expect_sym("}", "to close the branch")?;
        Ok(e)
    }
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Ident(n) => format!("'{n}'"),
        Tok::Num(v) => format!("the number {v}"),
        Tok::Str(..) | Tok::FStr(_) => "a string".into(),
        Tok::Hex(h) => format!("the colour {h}"),
        Tok::Sym(s) => format!("'{s}'"),
        Tok::Newline => "the end of the line".into(),
        Tok::Eof => "the end of the file".into(),
    }
}
