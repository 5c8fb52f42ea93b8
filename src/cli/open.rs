//! `-p` (open the result when done) and `-f` (show it in the file manager), as Manim does.

use std::path::Path;
use std::process::{Command, Stdio};

/// The system's opener for a path.
fn opener() -> &'static str {
    if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    }
}

/// Whether a graphical session is there to open anything in (always, off X11/Wayland systems).
fn has_display() -> bool {
    if cfg!(any(target_os = "macos", windows)) {
        return true;
    }
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
}

/// Opens `path` (or, with `folder`, the folder holding it). Never fails the render: without a
/// display or an opener, it says so and carries on.
pub fn open(path: &Path, folder: bool) {
    let target = if folder {
        crate::encode::parent_dir(path)
    } else {
        path
    };
    if !has_display() {
        println!(
            "not opening {}: no display (DISPLAY and WAYLAND_DISPLAY are unset)",
            target.display()
        );
        return;
    }
    let cmd = opener();
    match Command::new(cmd)
        .arg(target)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(_) => println!("opening {}", target.display()),
        Err(e) => eprintln!("warning: cannot open {} with {cmd}: {e}", target.display()),
    }
}
