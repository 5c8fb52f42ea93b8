//! Output written to a temporary file beside the target and renamed when complete: an error
//! or Ctrl-C never leaves a half-written video.

use std::path::{Path, PathBuf};

pub struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    committed: bool,
}

impl AtomicFile {
    /// Reserves a temporary name in the target's folder (created if missing). The temporary
    /// keeps the target's extension so tools that infer formats from names still work.
    pub fn new(target: &Path) -> std::io::Result<AtomicFile> {
        let dir = target
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("out");
        let ext = target.extension().and_then(|e| e.to_str()).unwrap_or("tmp");
        let temp = dir.join(format!(".{name}.{}.partial.{ext}", std::process::id()));
        // Fail early (before any rendering) when the folder is not writable.
        std::fs::write(&temp, b"")?;
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
        std::fs::rename(&self.temp, &self.target)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}
