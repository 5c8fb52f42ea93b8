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
    /// Lanes encoding at once (`--chunks`); `None` follows [`chunk_count`]'s rule.
    pub chunks: Option<usize>,
}

/// Threads from which a video is encoded in lanes at once when `--chunks` is not given: one
/// x264 uses about 8 threads well at 1080p (frame threads wait on each other's reference rows
/// beyond that), so each lane gets at least 8.
#[cfg_attr(not(feature = "ffmpeg"), allow(dead_code))]
pub const AUTO_CHUNK_THREADS: usize = 16;
/// Shortest part the automatic rule starts a lane with (frames): a part costs a key frame and
/// its own lookahead ramp, worth it only over a few seconds of video. (A lane that finishes
/// early later splits off parts down to `pipeline::MIN_PART_SECONDS`.)
#[cfg_attr(not(feature = "ffmpeg"), allow(dead_code))]
pub const AUTO_CHUNK_FRAMES: usize = 240;

/// How many lanes to encode in at once: as asked (`--chunks K`), else `threads / 8` from
/// [`AUTO_CHUNK_THREADS`] threads on, with no first part shorter than [`AUTO_CHUNK_FRAMES`];
/// below that (a 2- or 8-core machine) one encoder, as before.
#[cfg_attr(not(feature = "ffmpeg"), allow(dead_code))]
pub fn chunk_count(asked: Option<usize>, threads: usize, frames: usize) -> usize {
    match asked {
        Some(k) => k.max(1),
        None if threads >= AUTO_CHUNK_THREADS => {
            (threads / 8).min(frames / AUTO_CHUNK_FRAMES).max(1)
        }
        None => 1,
    }
}

/// `--chunks` applies to MP4, MOV and WebM only (a GIF's palette spans the clip, PNG frames are
/// already written in parallel).
pub fn check_chunks(asked: Option<usize>, fmt: OutFormat) -> Result<(), String> {
    match (asked, fmt) {
        (Some(k), OutFormat::Gif | OutFormat::Png) if k > 1 => Err(format!(
            "--chunks {k} applies to mp4, mov and webm, not to {}",
            fmt.extension()
        )),
        _ => Ok(()),
    }
}

impl Encoding {
    pub fn from_shared(s: &Shared) -> Encoding {
        Encoding {
            crf: s.crf,
            preset: s.preset.clone(),
            threads: s.threads.unwrap_or(0),
            vfr: s.vfr,
            chunks: s.chunks.map(|k| k as usize),
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
    use crate::pipeline::Lanes;

    fn video_format(f: OutFormat) -> VideoFormat {
        match f {
            OutFormat::Mp4 => VideoFormat::Mp4,
            OutFormat::Mov => VideoFormat::Mov,
            OutFormat::Webm => VideoFormat::Webm,
            OutFormat::Gif | OutFormat::Png => VideoFormat::Gif,
        }
    }

    /// An open video file; it appears at its path only after `finish`. Encoded in lanes at once,
    /// each job (a scene of the full cut) is encoded in parts, and `finish` joins all the parts.
    pub struct Video {
        to: To,
        chunks: Option<usize>,
        threads: usize,
    }

    /// One encoder, or lanes of them.
    enum To {
        One(VideoSink),
        Lanes(Lanes),
    }

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
            let chunked = fmt != OutFormat::Gif
                && (enc.chunks.is_some_and(|k| k > 1)
                    || (enc.chunks.is_none() && enc.threads >= AUTO_CHUNK_THREADS));
            // A video in lanes opens its encoders when each job is known.
            let to = if chunked {
                To::Lanes(Lanes::new(out, &cfg))
            } else {
                To::One(VideoSink::create(out, &cfg)?)
            };
            Ok(Video {
                to,
                chunks: enc.chunks,
                threads: enc.threads,
            })
        }

        /// Renders the job's frames into the video (both passes of a GIF).
        pub fn render(
            &mut self,
            job: &Job,
            cancel: &AtomicBool,
            progress: impl FnMut(usize),
        ) -> Result<(), String> {
            let k = chunk_count(self.chunks, self.threads, job.frames.len());
            match &mut self.to {
                To::One(sink) => crate::pipeline::run_into(job, cancel, sink, progress),
                To::Lanes(lanes) => lanes.render(job, k, cancel, progress),
            }
            .map(|_| ())
        }

        pub fn finish(self) -> Result<(), String> {
            match self.to {
                To::One(sink) => sink.finish(),
                To::Lanes(lanes) => lanes.finish().map(|_| ()),
            }
        }
    }

    /// Whether finished videos of this format can be joined by stream copy (a GIF's palette
    /// spans its clip; PNG frames are files).
    pub fn joinable(fmt: OutFormat) -> bool {
        matches!(fmt, OutFormat::Mp4 | OutFormat::Mov | OutFormat::Webm)
    }

    /// Writes `out` from finished videos of the same settings, each with the frame at which it
    /// starts, by stream copy: `--save_sections` encodes the sections and joins them into the
    /// whole video instead of rendering every frame twice.
    pub fn join(
        parts: &[(&Path, i64)],
        fps: FrameRate,
        fmt: OutFormat,
        out: &Path,
    ) -> Result<(), String> {
        crate::encode::join(parts, fps, video_format(fmt), out)
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

    pub fn joinable(_fmt: OutFormat) -> bool {
        false
    }

    pub fn join(
        _parts: &[(&Path, i64)],
        _fps: FrameRate,
        _fmt: OutFormat,
        _out: &Path,
    ) -> Result<(), String> {
        Err("built without FFmpeg".into())
    }
}

pub use imp::{join, joinable, Video};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_encoder_below_sixteen_threads_unless_asked() {
        assert_eq!(chunk_count(None, 2, 100_000), 1);
        assert_eq!(chunk_count(None, 8, 100_000), 1);
        assert_eq!(chunk_count(None, 16, 100_000), 2);
        assert_eq!(chunk_count(None, 64, 100_000), 8);
        // No automatic part under 240 frames.
        assert_eq!(chunk_count(None, 64, 600), 2);
        assert_eq!(chunk_count(None, 64, 100), 1);
        assert_eq!(chunk_count(Some(3), 2, 10), 3);
        assert!(check_chunks(Some(2), OutFormat::Gif).is_err());
        assert!(check_chunks(Some(1), OutFormat::Gif).is_ok());
        assert!(check_chunks(Some(4), OutFormat::Webm).is_ok());
    }
}
