//! The scene language's syntax: tokens (with maps from string values back to source bytes),
//! the parser (nesting-limited, recovering after errors) and the syntax tree. Knows nothing of
//! evaluation.

pub mod ast;
pub mod lexer;
pub mod parser;
