//! Frame sinks: PNG frames, and MP4/WebM/MOV/GIF through FFmpeg. Knows only pixels.

mod atomic;
mod png;
mod rate;
mod video;
mod yuv;

pub use atomic::AtomicFile;
pub use png::write_png_atomic;
pub use rate::FrameRate;
pub use video::{x264_defaults, Converter, Picture, VideoConfig, VideoFormat, VideoSink};
