//! Output formats and paths, checked before anything renders: the extension agrees with
//! `--format` (or picks it), `-o` names a file in a folder that exists and is writable, and
//! whatever is at the path is a regular file (or nothing) — never a device, link, FIFO or
//! folder.

use std::path::{Path, PathBuf};

use crate::encode::{not_replaceable, parent_dir};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutFormat {
    Mp4,
    Mov,
    Webm,
    Gif,
    /// PNG: one frame (`-s`) or a frame sequence in a folder.
    Png,
}

/// Names, as `--format` and file extensions spell them.
const NAMES: [(&str, OutFormat); 5] = [
    ("mp4", OutFormat::Mp4),
    ("mov", OutFormat::Mov),
    ("webm", OutFormat::Webm),
    ("gif", OutFormat::Gif),
    ("png", OutFormat::Png),
];

impl OutFormat {
    pub fn from_name(s: &str) -> Option<OutFormat> {
        let s = s.to_ascii_lowercase();
        NAMES.iter().find(|(n, _)| *n == s).map(|(_, f)| *f)
    }
    pub fn extension(self) -> &'static str {
        NAMES.iter().find(|(_, f)| *f == self).unwrap().0
    }
    pub fn is_video(self) -> bool {
        self != OutFormat::Png
    }
    /// Formats whose encoders need even sizes (4:2:0 chroma).
    pub fn needs_even_size(self) -> bool {
        matches!(self, OutFormat::Mp4 | OutFormat::Mov | OutFormat::Webm)
    }
}

fn ext_of(p: &Path) -> Option<String> {
    p.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
}

/// The output format from `--format`, `-o`'s extension and `-s`. A mismatch is an error.
pub fn choose(
    format: Option<&str>,
    output: Option<&Path>,
    last_frame: bool,
) -> Result<OutFormat, String> {
    let named = match format {
        Some(f) => Some(
            OutFormat::from_name(f)
                .ok_or_else(|| format!("unknown format '{f}' (mp4, webm, mov, gif or png)"))?,
        ),
        None => None,
    };
    let by_ext = match output.and_then(ext_of) {
        Some(e) => Some(OutFormat::from_name(&e).ok_or_else(|| {
            format!(
                "-o {}: valley writes .mp4, .webm, .mov, .gif or .png, not .{e}",
                output.unwrap().display()
            )
        })?),
        None => None,
    };
    if let (Some(n), Some(e)) = (named, by_ext) {
        if n != e {
            return Err(format!(
                "-o {} has the extension .{} but --format is {}; make them agree",
                output.unwrap().display(),
                e.extension(),
                n.extension()
            ));
        }
    }
    // Without FFmpeg the default is what this build can write: PNG frames.
    let fmt = named
        .or(by_ext)
        .unwrap_or(if last_frame || !cfg!(feature = "ffmpeg") {
            OutFormat::Png
        } else {
            OutFormat::Mp4
        });
    if last_frame && fmt != OutFormat::Png {
        return Err(format!(
            "-s saves the last frame as PNG, not {}",
            fmt.extension()
        ));
    }
    Ok(fmt)
}

/// What this build can write: video needs the `ffmpeg` feature; the video encoders take whole
/// frame rates and opaque frames for now.
pub fn check_supported(fmt: OutFormat, transparent: bool) -> Result<(), String> {
    if !fmt.is_video() {
        return Ok(());
    }
    if !cfg!(feature = "ffmpeg") {
        return Err(format!(
            "this valley was built without FFmpeg (the `ffmpeg` feature), so it cannot write {}; \
             use --format png (frames) or -s",
            fmt.extension()
        ));
    }
    if transparent && fmt == OutFormat::Mp4 {
        return Err(
            "-t: MP4 (H.264) cannot carry transparency; use --format mov (ProRes 4444), \
             --format webm (VP9 with alpha), --format gif or --format png"
                .into(),
        );
    }
    Ok(())
}

/// `-o` as given, made into the file to write: a trailing `/` or an existing folder is an error;
/// a name without an extension gets the format's.
pub fn explicit_target(o: &Path, fmt: OutFormat) -> Result<PathBuf, String> {
    let s = o.as_os_str().to_string_lossy();
    if s.ends_with('/') || s.ends_with(std::path::MAIN_SEPARATOR) || o.is_dir() {
        return Err(format!(
            "-o {} names a folder; give a file name such as {}",
            o.display(),
            o.join(format!("out.{}", fmt.extension())).display()
        ));
    }
    // A name without an extension gets the format's, unless something is at that very path
    // (`-o /dev/null` must be refused, not turned into /dev/null.mp4).
    let p = if ext_of(o).is_none() && std::fs::symlink_metadata(o).is_err() {
        let mut p = o.as_os_str().to_owned();
        p.push(".");
        p.push(fmt.extension());
        PathBuf::from(p)
    } else {
        o.to_path_buf()
    };
    let dir = parent_dir(&p);
    if !dir.is_dir() {
        return Err(format!(
            "cannot write {}: the folder {} does not exist",
            p.display(),
            dir.display()
        ));
    }
    Ok(p)
}

/// Checks one output before rendering: its folder (created if `create`) is writable and nothing
/// but a regular file is at the path. For a PNG sequence, `target` is the frames' folder.
pub fn check_target(target: &Path, frames: bool, create: bool) -> Result<(), String> {
    let dir = parent_dir(target);
    if create {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create the folder {}: {e}", dir.display()))?;
    }
    if !dir.is_dir() {
        return Err(format!(
            "cannot write {}: the folder {} does not exist",
            target.display(),
            dir.display()
        ));
    }
    // Writable: create (and remove) a probe file, named as a temporary so a crash leaves
    // nothing the next run would not sweep.
    let probe = dir.join(format!(".valley-probe.{}.partial", std::process::id()));
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    let _ = std::fs::remove_file(&probe);
    if frames {
        if let Ok(md) = std::fs::symlink_metadata(target) {
            if !md.file_type().is_dir() {
                return Err(format!(
                    "cannot write frames into {}: it exists and is not a folder",
                    target.display()
                ));
            }
        }
    } else if let Some(what) = not_replaceable(target) {
        return Err(format!(
            "cannot write {}: it is {what}; valley only replaces regular files",
            target.display()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_agree_or_pick() {
        let p = Path::new;
        #[cfg(feature = "ffmpeg")]
        assert_eq!(choose(None, None, false), Ok(OutFormat::Mp4));
        assert_eq!(choose(None, Some(p("a.GIF")), false), Ok(OutFormat::Gif));
        assert_eq!(
            choose(Some("gif"), Some(p("a.gif")), false),
            Ok(OutFormat::Gif)
        );
        assert!(choose(Some("mp4"), Some(p("a.gif")), false).is_err());
        assert!(choose(None, Some(p("a.avi")), false).is_err());
        assert!(choose(None, Some(p("a.mp4")), true).is_err());
        assert_eq!(choose(None, None, true), Ok(OutFormat::Png));
    }
}
