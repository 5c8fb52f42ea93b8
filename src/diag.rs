//! Diagnostics for people: `error: message`, then `--> file:line:col`, the source line and a
//! caret under the offending text, as rustc prints them.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// A source file as the user wrote it.
#[derive(Debug)]
pub struct Source {
    pub name: String,
    pub text: String,
}

/// A mistake in the user's input, with where it is.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub message: String,
    pub source: Option<Arc<Source>>,
    pub span: Range<usize>,
    /// Extra lines shown after the caret (`help: did you mean …`).
    pub notes: Vec<String>,
    /// A warning: the program runs, but probably not as meant.
    pub warning: bool,
    /// Further mistakes found in the same file (the parser goes on after an error).
    pub more: Vec<Diagnostic>,
}

impl Diagnostic {
    pub fn new(message: impl Into<String>, source: &Arc<Source>, span: Range<usize>) -> Self {
        Diagnostic {
            message: message.into(),
            source: Some(source.clone()),
            span,
            notes: Vec::new(),
            warning: false,
            more: Vec::new(),
        }
    }
    /// A mistake with no place in a file (a missing file, an unwritable output path).
    pub fn plain(message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            source: None,
            span: 0..0,
            notes: Vec::new(),
            warning: false,
            more: Vec::new(),
        }
    }
    pub fn warning(message: impl Into<String>, source: &Arc<Source>, span: Range<usize>) -> Self {
        Diagnostic {
            warning: true,
            ..Diagnostic::new(message, source, span)
        }
    }
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
    /// 1-based line and column (in characters) of the span's start.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        let src = self.source.as_ref()?;
        Some(line_col(&src.text, self.span.start))
    }
}

/// The largest character boundary at or before `i` (spans from elsewhere may land inside a
/// character or past the end: printing must never slice there).
pub fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_boundary(text, offset);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

fn caret_block(
    f: &mut fmt::Formatter<'_>,
    name: &str,
    text: &str,
    span: &Range<usize>,
) -> fmt::Result {
    let start = floor_boundary(text, span.start);
    let (line, col) = line_col(text, start);
    let line_start = text[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line_end = text[start..]
        .find('\n')
        .map(|i| start + i)
        .unwrap_or(text.len());
    let src_line = &text[line_start..line_end];
    // Tabs print as one space so the caret's column (in characters) lines up.
    let end = floor_boundary(text, span.end.clamp(start, line_end));
    let width = text[start..end].chars().count().max(1);
    let gutter = line.to_string().len();
    writeln!(f, "{:>g$}--> {name}:{line}:{col}", "", g = gutter)?;
    writeln!(f, "{:>g$} |", "", g = gutter)?;
    writeln!(f, "{line} | {}", src_line.replace('\t', " "))?;
    write!(
        f,
        "{:>g$} | {}{}",
        "",
        " ".repeat(col - 1),
        "^".repeat(width),
        g = gutter
    )
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.warning { "warning" } else { "error" };
        writeln!(f, "{kind}: {}", self.message)?;
        if let Some(src) = &self.source {
            caret_block(f, &src.name, &src.text, &self.span)?;
            writeln!(f)?;
        }
        for n in &self.notes {
            writeln!(f, "  = {n}")?;
        }
        for d in &self.more {
            writeln!(f)?;
            write!(f, "{d}")?;
        }
        if !self.more.is_empty() {
            writeln!(f, "\n{} errors in this file", self.more.len() + 1)?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// A one-off diagnostic for text that is not a file (a formula on the command line).
pub fn render_inline(name: &str, text: &str, message: &str, span: Range<usize>) -> String {
    let src = Arc::new(Source {
        name: name.to_string(),
        text: text.to_string(),
    });
    Diagnostic::new(message, &src, span).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_under_the_span() {
        let src = Arc::new(Source {
            name: "a.scene".into(),
            text: "let x = 1\nlet y = foo(2)\n".into(),
        });
        let d = Diagnostic::new("unknown name `foo`", &src, 18..21);
        let s = d.to_string();
        assert!(s.contains("--> a.scene:2:9"), "{s}");
        assert!(s.contains("2 | let y = foo(2)\n  |         ^^^"), "{s}");
    }

    #[test]
    fn any_span_on_any_text_prints_without_panicking() {
        // Deterministic pseudo-random texts mixing ASCII, multi-byte characters and newlines.
        let alphabet = ["a", "é", "\n", "\t", "€", "𝔸", "\"", " ", "\r\n"];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let n = (next() % 12) as usize;
            let text: String = (0..n)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let src = Arc::new(Source {
                name: "f".into(),
                text: text.clone(),
            });
            let a = (next() % (text.len() as u64 + 3)) as usize;
            let b = (next() % (text.len() as u64 + 3)) as usize;
            let _ = Diagnostic::new("m", &src, a..b).to_string();
            let _ = Diagnostic::new("m", &src, b..a).to_string();
        }
    }
}
