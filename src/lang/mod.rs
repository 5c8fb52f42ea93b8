//! The scene language: parse, check, and run a scene script into a `Timeline`.
//!
//! The parts, along the data flow:
//! - `syntax`: lexer, parser and AST (no evaluation).
//! - `interp`: the evaluator and the timeline recorder. Its state is private; everything else
//!   reaches it through a narrow context API (`impl Interp` "context API" block): evaluate an
//!   argument (`num`, `call`), build and look at objects (`new_obj`, `new_group`,
//!   `materialize`, `modify`, `members`), read or change the scene's state (`limits`,
//!   `camera`/`set_camera`, `new_tracker`, `now`, `add_section`, `show_or_hide`), refuse
//!   timeline statements while a frame is rebuilt (`refuse_in_frame`), and report (`err`,
//!   `warn`).
//! - `stdlib`: every builtin function, animation and object method as one declarative table
//!   entry (name, typed parameters with defaults, doc line, function); it drives dispatch,
//!   argument checks, "did you mean" and the docs' reference table. `args` holds the shared
//!   argument readers.
//! - `methods`: method calls on values, dispatched by receiver to the table's object, tracker
//!   and camera methods, and `.animate` chains turned into animations.
//! - `arena`: the objects made so far, shared (not cloned) by the interpreters that rebuild live
//!   objects for each frame.
//! - `lower`: the exact lowering of `fn`s to `expr` for plotting, derivatives and optimizers.

mod arena;
mod args;
mod interp;
pub mod lower;
mod methods;
mod stdlib;
pub mod syntax;
mod value;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, Source};
use crate::timeline::Timeline;

pub use syntax::ast;

/// Every built-in function name and every object method name (for the docs check and tools).
pub fn vocabulary() -> (Vec<&'static str>, Vec<&'static str>) {
    stdlib::vocabulary()
}
/// The vocabulary reference (Markdown), generated from the standard library's table.
pub use stdlib::reference_markdown;
pub use syntax::parser::parse_file;

/// A parsed scene file with the files it `use`s.
pub struct Program {
    pub source: Arc<Source>,
    pub file: ast::File,
    /// Parsed `use`d files, in order (their top-level definitions run first).
    pub uses: Vec<(Arc<Source>, ast::File)>,
    /// The folder whose files the scene may read (`use`, `image`): a scene file is untrusted
    /// input and reads nothing outside it.
    pub root: PathBuf,
}

impl Program {
    /// Loads a scene file; it may read files under its own folder only.
    pub fn load(path: &Path) -> Result<Program, Diagnostic> {
        let root = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Program::load_in(path, root)
    }

    /// Loads a scene file that may read files under `root` only (a caller serving several
    /// folders of scenes passes their common root).
    pub fn load_in(path: &Path, root: &Path) -> Result<Program, Diagnostic> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Diagnostic::plain(format!("cannot read {}: {e}", path.display())))?;
        Program::from_source_in(&path.display().to_string(), text, root)
    }

    /// Parses source text named `name`; it may read files under the folder of `name`.
    pub fn from_source(name: &str, text: String) -> Result<Program, Diagnostic> {
        let root = Path::new(name)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        Program::from_source_in(name, text, &root)
    }

    pub fn from_source_in(name: &str, text: String, root: &Path) -> Result<Program, Diagnostic> {
        // Editors on Windows may start a UTF-8 file with a byte-order mark: not part of the text.
        let text = match text.strip_prefix('\u{feff}') {
            Some(t) => t.to_string(),
            None => text,
        };
        let source = Arc::new(Source {
            name: name.to_string(),
            text,
        });
        let file = parse_file(&source)?;
        let mut uses = Vec::new();
        let mut seen = vec![source.name.clone()];
        let root = root.to_path_buf();
        load_uses(&source, &file, &root, &mut uses, &mut seen)?;
        Ok(Program {
            source,
            file,
            uses,
            root,
        })
    }

    /// Checks that each top-level `fn` means the same in the interpreter and in its lowered form
    /// (used for plotting, derivatives and optimizers) at the given argument lists.
    pub fn compare_lowering(
        &self,
        inputs: &[Vec<f64>],
    ) -> Result<Vec<lower::LoweringCheck>, Diagnostic> {
        let mut it = interp::Interp::new(self.source.clone());
        it.set_root(self.root.clone());
        let mut env = value::Env::default();
        let mut names = Vec::new();
        for (src, f) in self
            .uses
            .iter()
            .map(|(s, f)| (s, f))
            .chain([(&self.source, &self.file)])
        {
            it.swap_source(src.clone());
            env = it.exec_block(&f.prelude, env)?;
            names.extend(f.prelude.iter().filter_map(|s| match s {
                ast::Stmt::Fn(n, ..) => Some(n.clone()),
                _ => None,
            }));
        }
        Ok(lower::compare(&mut it, &env, &names, inputs))
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
        it.set_root(self.root.clone());
        // Every error of the run is reported, not only the first (see `exec_recovering`).
        let mut env = value::Env::default();
        let (mut errors, mut failed) = (Vec::new(), Default::default());
        for (src, f) in &self.uses {
            it.swap_source(src.clone());
            env = it.exec_recovering(&f.prelude, env, &mut errors, &mut failed);
        }
        it.swap_source(self.source.clone());
        env = it.exec_recovering(&self.file.prelude, env, &mut errors, &mut failed);
        it.exec_recovering(&scene.body, env, &mut errors, &mut failed);
        if !errors.is_empty() {
            let mut first = errors.remove(0);
            if errors.len() + 1 >= interp::MAX_ERRORS {
                first
                    .notes
                    .push(format!("note: stopped after {} errors", interp::MAX_ERRORS));
            }
            first.more.extend(errors);
            return Err(first);
        }
        let tl = it.timeline(&scene.name);
        // Build every tracker-driven object once now, so mistakes show before rendering.
        for seg in &tl.segments {
            Timeline::build_order(seg).map_err(worded)?;
            for (_, c) in &seg.shown {
                match c {
                    crate::timeline::Content::Dynamic(l) => {
                        (l.build)(&seg.trackers, &[]).map_err(worded)?;
                    }
                    crate::timeline::Content::Traced(t) => {
                        (t.point)(&seg.trackers).map_err(worded)?;
                    }
                    crate::timeline::Content::Static(_) => {}
                }
            }
        }
        Ok(tl)
    }
}

/// A frame-time error (already worded, with its location) as a diagnostic.
fn worded(msg: String) -> Diagnostic {
    let msg = msg.strip_prefix("error: ").unwrap_or(&msg);
    Diagnostic::plain(msg.trim_end())
}

fn load_uses(
    src: &Arc<Source>,
    file: &ast::File,
    root: &Path,
    out: &mut Vec<(Arc<Source>, ast::File)>,
    seen: &mut Vec<String>,
) -> Result<(), Diagnostic> {
    for (rel, sp) in &file.uses {
        if !rel.ends_with(".scene") {
            return Err(Diagnostic::new(
                format!("`use` takes a .scene file, not '{rel}'"),
                src,
                sp.clone(),
            ));
        }
        let path =
            sandboxed(root, &src.name, rel).map_err(|m| Diagnostic::new(m, src, sp.clone()))?;
        let name = path.display().to_string();
        if seen.contains(&name) {
            continue;
        }
        seen.push(name.clone());
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Diagnostic::new(
                format!("cannot read used file '{rel}': {e}"),
                src,
                sp.clone(),
            )
        })?;
        let text = match text.strip_prefix('\u{feff}') {
            Some(t) => t.to_string(),
            None => text,
        };
        let s = Arc::new(Source { name, text });
        let f = parse_file(&s)?;
        load_uses(&s, &f, root, out, seen)?;
        out.push((s, f));
    }
    Ok(())
}

/// The file `rel` names (relative to the folder of the file `from`), if it lies under `root`
/// once links are resolved; else a message saying why it may not be read.
pub fn sandboxed(root: &Path, from: &str, rel: &str) -> Result<PathBuf, String> {
    let base = Path::new(from)
        .parent()
        .map(|p| p.to_path_buf())
        .unwrap_or_default();
    let path = base.join(rel);
    let real = path
        .canonicalize()
        .map_err(|e| format!("cannot read '{rel}': {e}"))?;
    let root_real = root
        .canonicalize()
        .map_err(|e| format!("cannot read the scene's folder {}: {e}", root.display()))?;
    if !real.starts_with(&root_real) {
        return Err(format!(
            "'{rel}' is outside the scene's folder: a scene file may only read files under {}",
            root_real.display()
        ));
    }
    if !real.is_file() {
        return Err(format!("'{rel}' is not a file"));
    }
    Ok(real)
}
