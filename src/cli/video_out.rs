//! The one place the CLI meets the video encoders, so a build without FFmpeg (no `ffmpeg`
//! feature) compiles everything else unchanged.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use super::output::OutFormat;
use super::render_cmd::Shared;
use crate::encode::FrameRate;
use crate::pipeline::Job;

/// Encoder settings from the command line (`--crf`, `--preset`, `-j`); `None` takes the
/// encoder's per-format default.
#[derive(Clone, Debug, Default)]
#[cfg_attr(not(feature = "ffmpeg"), allow(dead_code))]
pub struct Encoding {
    pub crf: Option<u32>,
    pub preset: Option<String>,
    /// Encoder threads (0: all cores).
    pub threads: usize,
    /// Variable frame rate (`--vfr`).
    pub vfr: bool,
}

impl Encoding {
    pub fn from_shared(s: &Shared) -> Encoding {
        Encoding {
            crf: s.crf,
            preset: s.preset.clone(),
            threads: s.threads.unwrap_or(0),
            vfr: s.vfr,
        }
    }
}

/// Codec names for the sections index.
pub fn codec_name(fmt: OutFormat) -> &'static str {
    match fmt {
        OutFormat::Mp4 | OutFormat::Mov => "h264",
        OutFormat::Webm => "vp9",
        OutFormat::Gif => "gif",
        OutFormat::Png => "png",
    }
}

#[cfg(feature = "ffmpeg")]
mod imp {
    use super::*;
    use crate::encode::{VideoConfig, VideoFormat, VideoSink};

    fn video_format(f: OutFormat) -> VideoFormat {
        match f {
            OutFormat::Mp4 => VideoFormat::Mp4,
            OutFormat::Mov => VideoFormat::Mov,
            OutFormat::Webm => VideoFormat::Webm,
            OutFormat::Gif | OutFormat::Png => VideoFormat::Gif,
        }
    }

    /// An open video file; it appears at its path only after `finish`.
    pub struct Video(VideoSink);

    impl Video {
        pub fn create(
            out: &Path,
            fmt: OutFormat,
            w: u32,
            h: u32,
            fps: FrameRate,
            enc: &Encoding,
            alpha: bool,
        ) -> Result<Video, String> {
            let cfg = VideoConfig {
                alpha,
                crf: enc.crf,
                preset: enc.preset.clone(),
                threads: enc.threads,
                vfr: enc.vfr,
                ..VideoConfig::new(video_format(fmt), w, h, fps)
            };
            VideoSink::create(out, &cfg).map(Video)
        }

        /// Renders the job's frames into the video (both passes of a GIF).
        pub fn render(
            &mut self,
            job: &Job,
            cancel: &AtomicBool,
            progress: impl FnMut(usize),
        ) -> Result<(), String> {
            crate::pipeline::run_into(job, cancel, &mut self.0, progress).map(|_| ())
        }

        pub fn finish(self) -> Result<(), String> {
            self.0.finish()
        }
    }
}

#[cfg(not(feature = "ffmpeg"))]
mod imp {
    use super::*;

    /// Without FFmpeg there is no video; output::check_supported says so before rendering.
    pub struct Video;

    impl Video {
        pub fn create(
            out: &Path,
            fmt: OutFormat,
            _w: u32,
            _h: u32,
            _fps: FrameRate,
            _enc: &Encoding,
            _alpha: bool,
        ) -> Result<Video, String> {
            Err(format!(
                "cannot write {}: this valley was built without FFmpeg, so it has no {} encoder",
                out.display(),
                fmt.extension()
            ))
        }
        pub fn render(
            &mut self,
            _job: &Job,
            _cancel: &AtomicBool,
            _progress: impl FnMut(usize),
        ) -> Result<(), String> {
            Err("built without FFmpeg".into())
        }
        pub fn finish(self) -> Result<(), String> {
            Err("built without FFmpeg".into())
        }
    }
}

pub use imp::Video;
