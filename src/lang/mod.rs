//! The scene language: parse, check, and run a scene script into a `Timeline`.

mod args;
pub mod ast;
mod builtins;
mod builtins3d;
mod interp;
mod lexer;
mod methods;
mod parser;
mod stdlib;
mod value;

use std::path::Path;
use std::sync::Arc;

use crate::diag::{Diagnostic, Source};
use crate::timeline::Timeline;

pub use parser::parse_file;
/// The vocabulary reference (Markdown), generated from the standard library's table.
pub use stdlib::reference_markdown;

/// A parsed scene file with the files it `use`s.
pub struct Program {
    pub source: Arc<Source>,
    pub file: ast::File,
    /// Parsed `use`d files, in order (their top-level definitions run first).
    pub uses: Vec<(Arc<Source>, ast::File)>,
}

impl Program {
    pub fn load(path: &Path) -> Result<Program, Diagnostic> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Diagnostic::plain(format!("cannot read {}: {e}", path.display())))?;
        Program::from_source(&path.display().to_string(), text)
    }

    pub fn from_source(name: &str, text: String) -> Result<Program, Diagnostic> {
        let source = Arc::new(Source {
            name: name.to_string(),
            text,
        });
        let file = parse_file(&source)?;
        let mut uses = Vec::new();
        let mut seen = vec![source.name.clone()];
        load_uses(&source, &file, &mut uses, &mut seen)?;
        Ok(Program { source, file, uses })
    }

    pub fn scene_names(&self) -> Vec<String> {
        self.file.scenes.iter().map(|s| s.name.clone()).collect()
    }

    /// Runs scene `name` (or the only scene) into a timeline.
    pub fn compile(&self, name: Option<&str>) -> Result<Timeline, Diagnostic> {
        let scene = match name {
            Some(n) => self
                .file
                .scenes
                .iter()
                .find(|s| s.name == n)
                .ok_or_else(|| {
                    let names = self.scene_names();
                    let mut d = Diagnostic::plain(format!(
                        "no scene named `{n}` in {} (it has: {})",
                        self.source.name,
                        if names.is_empty() {
                            "none".into()
                        } else {
                            names.join(", ")
                        }
                    ));
                    if let Some(s) = interp::suggest(n, &names) {
                        d = d.with_note(format!("help: did you mean `{s}`?"));
                    }
                    d
                })?,
            None => match self.file.scenes.as_slice() {
                [one] => one,
                [] => {
                    return Err(Diagnostic::plain(format!(
                        "{} defines no scene (write `scene Name {{ … }}`)",
                        self.source.name
                    )))
                }
                many => {
                    return Err(Diagnostic::plain(format!(
                        "{} has {} scenes; name one ({}) or pass --all",
                        self.source.name,
                        many.len(),
                        many.iter()
                            .map(|s| s.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )))
                }
            },
        };
        let mut it = interp::Interp::new(self.source.clone());
        let mut env = value::Env::default();
        for (src, f) in &self.uses {
            it.src = src.clone();
            env = it.exec_block(&f.prelude, env)?;
        }
        it.src = self.source.clone();
        env = it.exec_block(&self.file.prelude, env)?;
        it.exec_block(&scene.body, env)?;
        let tl = it.timeline(&scene.name);
        // Build every tracker-driven object once now, so mistakes show before rendering.
        for seg in &tl.segments {
            for (_, c) in &seg.shown {
                if let crate::timeline::Content::Dynamic(b) = c {
                    b(&seg.trackers).map_err(Diagnostic::plain)?;
                }
            }
        }
        Ok(tl)
    }
}

fn load_uses(
    src: &Arc<Source>,
    file: &ast::File,
    out: &mut Vec<(Arc<Source>, ast::File)>,
    seen: &mut Vec<String>,
) -> Result<(), Diagnostic> {
    for (rel, sp) in &file.uses {
        let base = Path::new(&src.name)
            .parent()
            .map(|p| p.to_path_buf())
            .unwrap_or_default();
        let path = base.join(rel);
        let name = path.display().to_string();
        if seen.contains(&name) {
            continue;
        }
        seen.push(name.clone());
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Diagnostic::new(
                format!("cannot read used file '{}': {e}", path.display()),
                src,
                sp.clone(),
            )
        })?;
        let s = Arc::new(Source { name, text });
        let f = parse_file(&s)?;
        load_uses(&s, &f, out, seen)?;
        out.push((s, f));
    }
    Ok(())
}
