//! The scene language's syntax tree.

use std::ops::Range;

pub use super::lexer::StrMap;

pub type Span = Range<usize>;

#[derive(Clone, Debug)]
pub enum Expr {
    Num(f64, Span),
    /// A string literal and where each byte of its value is in the source.
    Str(String, std::sync::Arc<StrMap>, Span),
    FStr(Vec<FPart>, Span),
    Hex(String, Span),
    Bool(bool, Span),
    Name(String, Span),
    List(Vec<Expr>, Span),
    Unary(&'static str, Box<Expr>, Span),
    Binary(&'static str, Box<Expr>, Box<Expr>, Span),
    /// `a..b` (a range of integers, end excluded).
    Range(Box<Expr>, Box<Expr>, Span),
    Call(Box<Expr>, Vec<Arg>, Span),
    /// `obj.name` (a method when followed by a call, else a property).
    Field(Box<Expr>, String, Span),
    Index(Box<Expr>, Box<Expr>, Span),
    If(Box<Expr>, Box<Expr>, Box<Expr>, Span),
    /// `[body for var in iter]`
    Comprehension(Box<Expr>, String, Box<Expr>, Span),
}

#[derive(Clone, Debug)]
pub enum FPart {
    Lit(String, StrMap),
    Hole(Expr),
}

#[derive(Clone, Debug)]
pub struct Arg {
    pub name: Option<(String, Span)>,
    pub value: Expr,
}

impl Expr {
    pub fn span(&self) -> Span {
        match self {
            Expr::Num(_, s)
            | Expr::Str(_, _, s)
            | Expr::FStr(_, s)
            | Expr::Hex(_, s)
            | Expr::Bool(_, s)
            | Expr::Name(_, s)
            | Expr::List(_, s)
            | Expr::Unary(_, _, s)
            | Expr::Binary(_, _, _, s)
            | Expr::Range(_, _, s)
            | Expr::Call(_, _, s)
            | Expr::Field(_, _, s)
            | Expr::Index(_, _, s)
            | Expr::If(_, _, _, s)
            | Expr::Comprehension(_, _, _, s) => s.clone(),
        }
    }
}

#[derive(Clone, Debug)]
pub enum Stmt {
    Let(String, Span, Expr),
    Assign(String, Span, Expr),
    Fn(String, Span, Vec<String>, Expr),
    For(String, Span, Expr, Vec<Stmt>),
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    Expr(Expr),
}

#[derive(Clone, Debug)]
pub struct SceneDef {
    pub name: String,
    pub span: Span,
    pub body: Vec<Stmt>,
}

#[derive(Clone, Debug, Default)]
pub struct File {
    pub uses: Vec<(String, Span)>,
    /// Top-level statements (definitions shared by every scene of the file).
    pub prelude: Vec<Stmt>,
    pub scenes: Vec<SceneDef>,
}
