//! Frame sinks: PNG frames, and MP4/WebM/MOV/GIF through FFmpeg. Knows only pixels.

mod atomic;
#[cfg(feature = "ffmpeg")]
mod join;
mod png;
mod rate;
#[cfg(feature = "ffmpeg")]
mod video;
#[cfg(feature = "ffmpeg")]
mod yuv;

pub use atomic::{not_replaceable, parent_dir, remove_partials, sweep_stale, AtomicFile, FrameDir};
#[cfg(feature = "ffmpeg")]
pub use join::join;
pub use png::{write_png, write_png_atomic};
pub use rate::FrameRate;
#[cfg(feature = "ffmpeg")]
pub use video::{x264_defaults, Converter, Picture, VideoConfig, VideoFormat, VideoSink};
