//! Output written to a temporary beside the target and renamed when complete: an error, Ctrl-C
//! or SIGTERM never leaves a half-written video, and only regular files are ever replaced (a
//! device node, a symlink or a FIFO at the output path is an error, not something to clobber).
//!
//! Temporaries are named `.NAME.PID.partial[.EXT]` and registered while they exist, so a signal
//! handler can remove them ([`remove_partials`]); those of processes that died without cleaning up
//! (SIGKILL, an abort) are swept the next time anything is written to that folder.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporaries of this process that exist right now.
static PARTIALS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn register(p: &Path) {
    if let Ok(mut v) = PARTIALS.lock() {
        v.push(p.to_path_buf());
    }
}

fn unregister(p: &Path) {
    if let Ok(mut v) = PARTIALS.lock() {
        v.retain(|q| q != p);
    }
}

/// Removes every temporary this process has open (for a signal handler about to exit).
pub fn remove_partials() {
    let list = match PARTIALS.lock() {
        Ok(mut v) => std::mem::take(&mut *v),
        Err(_) => return,
    };
    for p in list {
        if p.is_dir() {
            let _ = std::fs::remove_dir_all(&p);
        } else {
            let _ = std::fs::remove_file(&p);
        }
    }
}

/// Whether process `pid` is still running (unknown platforms: assume it is, never sweep).
fn pid_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(p) = i32::try_from(pid) else {
            return false;
        };
        // Signal 0 checks existence; EPERM means it exists but belongs to someone else.
        // SAFETY: kill with signal 0 sends nothing.
        let r = unsafe { libc::kill(p, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// The PID in a temporary's name `.NAME.PID.partial[.EXT]`, if it is one.
fn partial_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?;
    let i = rest.find(".partial")?;
    let after = &rest[i + ".partial".len()..];
    if !(after.is_empty() || after.starts_with('.')) {
        return None;
    }
    let (_, pid) = rest[..i].rsplit_once('.')?;
    pid.parse().ok()
}

/// Removes the temporaries of dead processes in `dir` (ours and live ones' are left alone).
pub fn sweep_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name.to_str().and_then(partial_pid) else {
            continue;
        };
        if pid == std::process::id() || pid_alive(pid) {
            continue;
        }
        let p = e.path();
        match e.file_type() {
            Ok(t) if t.is_dir() => {
                let _ = std::fs::remove_dir_all(&p);
            }
            Ok(t) if t.is_file() => {
                let _ = std::fs::remove_file(&p);
            }
            _ => {}
        }
    }
}

/// What is at `p`, when it is something valley must not replace (None: nothing, or a regular
/// file). Symlinks are not followed: a link is refused, not written through.
pub fn not_replaceable(p: &Path) -> Option<&'static str> {
    let md = std::fs::symlink_metadata(p).ok()?;
    let t = md.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_symlink() {
        return Some("a symbolic link");
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

fn refuse(p: &Path, what: &str) -> std::io::Error {
    std::io::Error::other(format!(
        "{} is {what}; valley only replaces regular files",
        p.display()
    ))
}

/// The folder a path lives in ("." for a bare name).
pub fn parent_dir(target: &Path) -> &Path {
    target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

pub struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    committed: bool,
}

impl AtomicFile {
    /// Reserves a temporary name in the target's folder (created if missing). The temporary
    /// keeps the target's extension so tools that infer formats from names still work.
    pub fn new(target: &Path) -> std::io::Result<AtomicFile> {
        if let Some(what) = not_replaceable(target) {
            return Err(refuse(target, what));
        }
        let dir = parent_dir(target);
        std::fs::create_dir_all(dir)?;
        sweep_stale(dir);
        let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("out");
        let ext = target.extension().and_then(|e| e.to_str()).unwrap_or("tmp");
        let temp = dir.join(format!(".{name}.{}.partial.{ext}", std::process::id()));
        // Fail early (before any rendering) when the folder is not writable.
        std::fs::File::create(&temp)?;
        register(&temp);
        Ok(AtomicFile {
            target: target.to_path_buf(),
            temp,
            committed: false,
        })
    }
    /// A temporary for part `k` of `target` (a chunk encoded in parallel), named
    /// `.NAME.PID.partial.k.EXT`: registered and removed like any temporary, and never
    /// committed — the parts are joined into `target`'s own temporary.
    pub fn part(target: &Path, k: usize) -> std::io::Result<AtomicFile> {
        let dir = parent_dir(target);
        let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("out");
        let ext = target.extension().and_then(|e| e.to_str()).unwrap_or("tmp");
        let temp = dir.join(format!(".{name}.{}.partial.{k}.{ext}", std::process::id()));
        std::fs::File::create(&temp)?;
        register(&temp);
        Ok(AtomicFile {
            target: target.to_path_buf(),
            temp,
            committed: false,
        })
    }
    pub fn temp_path(&self) -> &Path {
        &self.temp
    }
    pub fn target(&self) -> &Path {
        &self.target
    }
    pub fn commit(mut self) -> std::io::Result<()> {
        // Checked again: something may have appeared at the path while rendering.
        if let Some(what) = not_replaceable(&self.target) {
            return Err(refuse(&self.target, what));
        }
        std::fs::rename(&self.temp, &self.target)?;
        unregister(&self.temp);
        self.committed = true;
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.temp);
            unregister(&self.temp);
        }
    }
}

/// A frame sequence (`NAME_00000.png`, …) written into a fresh temporary folder and moved into
/// place when complete: the target folder never mixes new frames with stale ones of an earlier
/// render, and an interrupted render leaves it as it was.
pub struct FrameDir {
    target: PathBuf,
    temp: PathBuf,
    prefix: String,
    committed: bool,
}

impl FrameDir {
    /// Frames named `{prefix}_NNNNN.png` will go to `target` (a folder, created if missing).
    pub fn new(target: &Path, prefix: &str) -> std::io::Result<FrameDir> {
        match std::fs::symlink_metadata(target) {
            Ok(md) if !md.file_type().is_dir() => {
                return Err(std::io::Error::other(format!(
                    "{} exists and is not a folder (frames go in a folder of that name)",
                    target.display()
                )))
            }
            _ => {}
        }
        let parent = parent_dir(target);
        std::fs::create_dir_all(parent)?;
        sweep_stale(parent);
        let name = target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("frames");
        let temp = parent.join(format!(".{name}.{}.partial", std::process::id()));
        let _ = std::fs::remove_dir_all(&temp);
        std::fs::create_dir(&temp)?;
        register(&temp);
        Ok(FrameDir {
            target: target.to_path_buf(),
            temp,
            prefix: prefix.to_string(),
            committed: false,
        })
    }

    /// Where frame `i` is written while rendering.
    pub fn frame_path(&self, i: usize) -> PathBuf {
        self.temp.join(format!("{}_{i:05}.png", self.prefix))
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Whether `name` is a frame of this sequence (`{prefix}_` + digits + `.png`).
    fn is_frame(&self, name: &str) -> bool {
        name.strip_prefix(&self.prefix)
            .and_then(|r| r.strip_prefix('_'))
            .and_then(|r| r.strip_suffix(".png"))
            .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
    }

    /// Moves the frames into place: a new folder is renamed whole; an existing one first loses
    /// its old frames of this sequence (other files in it are left alone).
    pub fn commit(mut self) -> std::io::Result<()> {
        if !self.target.exists() {
            std::fs::rename(&self.temp, &self.target)?;
        } else {
            for e in std::fs::read_dir(&self.target)?.flatten() {
                let keep = e.file_name().to_str().is_none_or(|n| !self.is_frame(n));
                if !keep && e.file_type().is_ok_and(|t| t.is_file()) {
                    std::fs::remove_file(e.path())?;
                }
            }
            for e in std::fs::read_dir(&self.temp)?.flatten() {
                std::fs::rename(e.path(), self.target.join(e.file_name()))?;
            }
            std::fs::remove_dir(&self.temp)?;
        }
        unregister(&self.temp);
        self.committed = true;
        Ok(())
    }
}

impl Drop for FrameDir {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.temp);
            unregister(&self.temp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::partial_pid;

    #[test]
    fn partial_names() {
        assert_eq!(partial_pid(".A.mp4.123.partial.mp4"), Some(123));
        assert_eq!(partial_pid(".frames.77.partial"), Some(77));
        assert_eq!(partial_pid(".A.mp4.123.partial.2.mp4"), Some(123));
        assert_eq!(partial_pid("A.mp4"), None);
        assert_eq!(partial_pid(".A.partial.mp4"), None);
        assert_eq!(partial_pid(".A.12.partialx"), None);
    }
}
