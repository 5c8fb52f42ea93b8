//! Frame sinks: PNG frames, and MP4/WebM/MOV/GIF through FFmpeg. Knows only pixels.

mod atomic;
mod png;
#[cfg(feature = "ffmpeg")]
mod video;

pub use atomic::{not_replaceable, parent_dir, remove_partials, sweep_stale, AtomicFile, FrameDir};
pub use png::{write_png, write_png_atomic};
#[cfg(feature = "ffmpeg")]
pub use video::{VideoFormat, VideoSink};
