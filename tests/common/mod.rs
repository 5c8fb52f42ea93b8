#![allow(dead_code)]
use std::path::{Path, PathBuf};

use valley::lang::Program;
use valley::timeline::Timeline;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn compile_file(rel: &str, scene: Option<&str>) -> Timeline {
    let p = Program::load(&root().join(rel)).unwrap_or_else(|d| panic!("{d}"));
    p.compile(scene).unwrap_or_else(|d| panic!("{d}"))
}

/// Compiles source text; returns the error text if any.
pub fn compile_src(src: &str) -> Result<Timeline, String> {
    let p = Program::from_source("test.scene", src.to_string()).map_err(|d| d.to_string())?;
    p.compile(None).map_err(|d| d.to_string())
}

pub fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("valley-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

pub fn exists(p: &Path) -> bool {
    p.exists()
}
