//! PNG frames. A pixmap with a transparent background keeps its alpha (tiny-skia writes
//! straight, non-premultiplied RGBA).

use std::path::Path;

use tiny_skia::Pixmap;

use super::atomic::AtomicFile;

/// Writes a PNG through a temporary file renamed into place, so a failure leaves nothing.
pub fn write_png_atomic(path: &Path, pm: &Pixmap) -> std::io::Result<()> {
    let data = pm
        .encode_png()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let f = AtomicFile::new(path)?;
    std::fs::write(f.temp_path(), data)?;
    f.commit()
}

/// Writes a PNG straight to `path` (a file inside a folder that is itself moved into place).
pub fn write_png(path: &Path, pm: &Pixmap) -> std::io::Result<()> {
    let data = pm
        .encode_png()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    std::fs::write(path, data)
}
