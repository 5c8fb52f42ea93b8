//! `valley.toml`: defaults for `valley render`, as Manim's `manim.cfg` gives them in its `[CLI]`
//! section. Found with `-c FILE`, else beside the scene file, else in the working directory.
//! Precedence: the command line, then the file, then the built-in defaults.
//!
//! ```toml
//! [CLI]
//! quality = "l"            # or low_quality, medium_quality, high_quality, production_quality, fourk_quality
//! frame_rate = "30000/1001"
//! resolution = "1280x720"
//! format = "gif"
//! media_dir = "renders"
//! transparent = false
//! preview = false
//! show_in_file_browser = false
//! save_sections = false
//! threads = 2
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

pub const FILE_NAME: &str = "valley.toml";

#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(rename = "CLI", default)]
    cli: Config,
}

/// A number or a string (`frame_rate = 30` and `frame_rate = "30000/1001"` both read).
#[derive(Deserialize, Debug, Clone)]
#[serde(untagged)]
pub enum NumOrText {
    Int(i64),
    Float(f64),
    Text(String),
}

impl NumOrText {
    pub fn text(&self) -> String {
        match self {
            NumOrText::Int(i) => i.to_string(),
            NumOrText::Float(f) => f.to_string(),
            NumOrText::Text(s) => s.clone(),
        }
    }
}

/// The `[CLI]` table: every key optional.
#[derive(Deserialize, Default, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub quality: Option<String>,
    pub frame_rate: Option<NumOrText>,
    pub resolution: Option<String>,
    pub format: Option<String>,
    pub media_dir: Option<PathBuf>,
    pub transparent: Option<bool>,
    pub preview: Option<bool>,
    pub show_in_file_browser: Option<bool>,
    pub save_sections: Option<bool>,
    pub threads: Option<usize>,
    /// Where it came from (for messages).
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

/// Manim's quality names → valley's letters.
pub fn quality_letter(q: &str) -> Option<&'static str> {
    Some(match q {
        "l" | "low_quality" => "l",
        "m" | "medium_quality" => "m",
        "h" | "high_quality" => "h",
        "p" | "production_quality" => "p",
        "k" | "fourk_quality" => "k",
        _ => return None,
    })
}

/// Reads and checks one config file.
pub fn read(path: &Path) -> Result<Config, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read config file {}: {e}", path.display()))?;
    let f: File = toml::from_str(&text).map_err(|e| {
        format!(
            "in config file {}: {}",
            path.display(),
            e.to_string().trim()
        )
    })?;
    let mut c = f.cli;
    if let Some(q) = &c.quality {
        if quality_letter(q).is_none() {
            return Err(format!(
                "in config file {}: quality '{q}' must be l, m, h, p, k or Manim's low_quality … fourk_quality",
                path.display()
            ));
        }
    }
    c.path = Some(path.to_path_buf());
    Ok(c)
}

/// The config in force for a render of `scene` (a file or a folder): `-c FILE` if given, else
/// `valley.toml` beside the scene, else in the working directory, else none.
pub fn find(explicit: Option<&Path>, scene: &Path) -> Result<Config, String> {
    if let Some(p) = explicit {
        return read(p);
    }
    let beside = if scene.is_dir() {
        scene.to_path_buf()
    } else {
        crate::encode::parent_dir(scene).to_path_buf()
    };
    for dir in [beside, PathBuf::from(".")] {
        let p = dir.join(FILE_NAME);
        if p.is_file() {
            return read(&p);
        }
    }
    Ok(Config::default())
}
