//! Frame sinks: PNG frames, and MP4/WebM/MOV/GIF through FFmpeg. Knows only pixels.

mod atomic;
mod png;
mod video;

pub use atomic::AtomicFile;
pub use png::write_png_atomic;
pub use video::{VideoFormat, VideoSink};
