//! Video sinks through FFmpeg (ffmpeg-next): H.264 in MP4/MOV, VP9 in WebM, ProRes 4444 in MOV
//! and VP9 with alpha in WebM for transparent video, and GIF through libavfilter's
//! palettegen/paletteuse with one palette for the whole clip. A GIF takes two passes over the
//! frames (palette, then pixels), so that no pass holds the clip in memory: frames are a pure
//! function of time and are simply rendered twice.
//!
//! Pixel conversion is not done here but by a [`Converter`] that the render workers run in
//! parallel; the sink's own thread only encodes and writes.

use std::ops::Range;
use std::path::Path;

use ff::format::Pixel;
use ff::{codec, encoder, filter, format, frame, Dictionary, Packet, Rational};
use ffmpeg_next as ff;
use tiny_skia::Pixmap;

use super::atomic::AtomicFile;
use super::rate::FrameRate;
use super::yuv::{self, Layout};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VideoFormat {
    Mp4,
    Mov,
    Webm,
    Gif,
}

impl VideoFormat {
    pub fn extension(self) -> &'static str {
        match self {
            VideoFormat::Mp4 => "mp4",
            VideoFormat::Mov => "mov",
            VideoFormat::Webm => "webm",
            VideoFormat::Gif => "gif",
        }
    }
}

/// Everything a video sink is asked for. `VideoConfig::new` gives the defaults.
#[derive(Clone, Debug)]
pub struct VideoConfig {
    pub format: VideoFormat,
    pub width: u32,
    pub height: u32,
    pub fps: FrameRate,
    /// Constant rate factor (H.264: 0–51, VP9: 0–63); `None` takes the format's default.
    pub crf: Option<u32>,
    /// x264 preset (ultrafast … veryslow); `None` takes the default.
    pub preset: Option<String>,
    /// Encoder threads (0: all cores).
    pub threads: usize,
    /// Keep transparency: MOV becomes ProRes 4444, WebM VP9 with alpha, GIF gets a transparent
    /// index. MP4 (H.264) cannot carry alpha and is refused.
    pub alpha: bool,
    /// Variable frame rate: a held frame (one the timeline knows is unchanged) is not encoded
    /// again; the picture before it lasts longer. Constant rate (the default) suits editors.
    pub vfr: bool,
}

/// H.264 defaults by picture height, chosen by measurement (SSIM against lossless frames, size,
/// time; docs/scene-language.md, "Encoding"): full quality from 1080 lines up, quick previews
/// below. x264 always gets `tune=animation`, which scored higher SSIM at the same crf for flat
/// shapes and text.
pub fn x264_defaults(height: u32) -> (u32, &'static str) {
    if height >= 1080 {
        (18, "medium")
    } else {
        (23, "veryfast")
    }
}
/// Above this height x264 runs its lookahead on the encoding thread (see `open`), which keeps
/// the peak memory of a 2160p render under 1.2 GB.
const SYNC_LOOKAHEAD_MAX_HEIGHT: u32 = 1080;
/// The reference frames of each x264 preset (x264's `--fullhelp`), in `X264_PRESETS` order.
const X264_PRESET_REFS: [u32; 10] = [1, 1, 1, 2, 2, 3, 5, 8, 16, 16];

fn x264_preset_refs(preset: &str) -> u32 {
    X264_PRESETS
        .iter()
        .position(|p| *p == preset)
        .map_or(3, |i| X264_PRESET_REFS[i])
}

const X264_PRESETS: [&str; 10] = [
    "ultrafast",
    "superfast",
    "veryfast",
    "faster",
    "fast",
    "medium",
    "slow",
    "slower",
    "veryslow",
    "placebo",
];

impl VideoConfig {
    pub fn new(format: VideoFormat, width: u32, height: u32, fps: FrameRate) -> VideoConfig {
        VideoConfig {
            format,
            width,
            height,
            fps,
            crf: None,
            preset: None,
            threads: 0,
            alpha: false,
            vfr: false,
        }
    }

    /// The encoder's threads: as set, or every core for 0.
    pub fn encoder_threads(&self) -> usize {
        match self.threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        }
    }

    /// Codec, its pixel format and the converter's layout for this format and alpha.
    fn codec(&self) -> Result<(&'static str, Pixel, Layout), String> {
        Ok(match (self.format, self.alpha) {
            (VideoFormat::Mp4, true) => {
                return Err(
                    "MP4 (H.264) cannot keep transparency: use --format mov (ProRes 4444), \
                     webm (VP9) or gif"
                        .into(),
                )
            }
            (VideoFormat::Mp4 | VideoFormat::Mov, false) => {
                ("libx264", Pixel::YUV420P, Layout::Yuv420)
            }
            (VideoFormat::Mov, true) => ("prores_ks", Pixel::YUVA444P10LE, Layout::Yuva444p10),
            (VideoFormat::Webm, false) => ("libvpx-vp9", Pixel::YUV420P, Layout::Yuv420),
            (VideoFormat::Webm, true) => ("libvpx-vp9", Pixel::YUVA420P, Layout::Yuva420),
            (VideoFormat::Gif, false) => ("gif", Pixel::PAL8, Layout::Rgba),
            (VideoFormat::Gif, true) => ("gif", Pixel::PAL8, Layout::RgbaAlpha),
        })
    }
}

fn fferr(e: ff::Error) -> String {
    e.to_string()
}

/// A frame in the encoder's pixel format, reused from a pool (see [`Converter`]).
#[derive(Clone)]
pub struct Picture(frame::Video);

impl Picture {
    /// The bytes of each plane, row after row without the padding at the rows' ends (to
    /// compare pictures).
    pub fn planes(&self) -> Vec<Vec<u8>> {
        let f = &self.0;
        (0..f.planes())
            .map(|i| {
                let (stride, rows) = (f.stride(i), f.plane_height(i) as usize);
                // Bytes a sample in the formats a converter writes.
                let size = match f.format() {
                    Pixel::RGBA => 4,
                    Pixel::YUVA444P10LE => 2,
                    _ => 1,
                };
                let row = f.plane_width(i) as usize * size;
                (0..rows)
                    .flat_map(|y| f.data(i)[y * stride..][..row].iter().copied())
                    .collect()
            })
            .collect()
    }
}

/// Converts rendered pixmaps into the sink's pixel format. It is `Copy` and thread-safe: each
/// render worker converts its own frames.
#[derive(Clone, Copy, Debug)]
pub struct Converter {
    layout: Layout,
    pix: Pixel,
    width: u32,
    height: u32,
}

impl Converter {
    pub fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    pub fn alloc(&self) -> Picture {
        let pix = if matches!(self.layout, Layout::Rgba | Layout::RgbaAlpha) {
            Pixel::RGBA
        } else {
            self.pix
        };
        Picture(frame::Video::new(pix, self.width, self.height))
    }

    /// Fills `pic` from `pm` (same size), reallocating it only if an encoder or filter still
    /// holds a reference to its buffers.
    pub fn convert(&self, pm: &Pixmap, pic: &mut Picture) {
        self.convert_rows(pm, pic, None)
    }

    /// [`Converter::convert`] for the bands of rows given (as `render::changed_rows` gives
    /// them: even-aligned), the rest of `pic` kept; `None` converts all of it. A picture that
    /// had to be reallocated is converted whole.
    pub fn convert_rows(&self, pm: &Pixmap, pic: &mut Picture, bands: Option<&[Range<u32>]>) {
        assert_eq!(
            (pm.width(), pm.height()),
            (self.width, self.height),
            "pixmap size differs from the video's"
        );
        // SAFETY: the frame is a valid AVFrame owned by `pic`.
        let writable = unsafe { ff::ffi::av_frame_is_writable(pic.0.as_mut_ptr()) } > 0;
        let mut bands = bands;
        if !writable || pic.0.planes() == 0 {
            *pic = self.alloc();
            bands = None;
        }
        let f = &mut pic.0;
        let n = f.planes();
        let stride: Vec<usize> = (0..n).map(|i| f.stride(i)).collect();
        // SAFETY: the frame is owned by `pic`.
        let ptr = unsafe { f.as_mut_ptr() };
        // SAFETY: the planes are disjoint buffers of this frame, each `stride · plane height`
        // bytes long; slices of them are handed out once each.
        let data: Vec<&mut [u8]> = (0..n)
            .map(|i| unsafe {
                let len = stride[i] * f.plane_height(i) as usize;
                std::slice::from_raw_parts_mut((*ptr).data[i], len)
            })
            .collect();
        let (w, h) = (self.width as usize, self.height as usize);
        let whole = 0..self.height;
        let bands = bands.unwrap_or(std::slice::from_ref(&whole));
        let mut planes = yuv::Planes { data, stride };
        for r in bands {
            let p = yuv::Planes {
                data: planes.data.iter_mut().map(|d| &mut **d).collect(),
                stride: planes.stride.clone(),
            };
            yuv::convert_rows(
                pm.data(),
                w,
                h,
                self.layout,
                p,
                r.start as usize..r.end as usize,
            );
        }
    }
}

/// Encodes frames pushed in order; the file appears only after `finish`.
pub struct VideoSink {
    file: Option<AtomicFile>,
    octx: format::context::Output,
    enc: encoder::Video,
    conv: Converter,
    gif: Option<Gif>,
    fps: FrameRate,
    /// The encoder's time base: 1/fps, or 1/100 s for a GIF (its delays are centiseconds).
    tb: Rational,
    stream_tb: Rational,
    /// Frames pushed in this pass.
    index: i64,
    /// Centisecond time of the last GIF frame kept.
    gif_last: Option<i64>,
    /// Used by `push` (a pixmap converted on this thread).
    scratch: Option<Picture>,
    vfr: bool,
}

impl VideoSink {
    pub fn create(path: &Path, cfg: &VideoConfig) -> Result<VideoSink, String> {
        VideoSink::open(path, None, cfg)
    }

    /// A sink for part `k` of the video at `path` (a chunk encoded in parallel with the others):
    /// it writes a registered temporary beside `path` and [`VideoSink::finish_part`] hands it
    /// over for [`super::join`]. Only MP4, MOV and WebM can be joined.
    pub fn create_part(path: &Path, k: usize, cfg: &VideoConfig) -> Result<VideoSink, String> {
        if cfg.format == VideoFormat::Gif {
            return Err(
                "a GIF cannot be encoded in parts: its palette covers the whole clip".into(),
            );
        }
        VideoSink::open(path, Some(k), cfg)
    }

    fn open(path: &Path, part: Option<usize>, cfg: &VideoConfig) -> Result<VideoSink, String> {
        ff::init().map_err(fferr)?;
        ff::util::log::set_level(ff::util::log::Level::Error);
        let (codec_name, pix, layout) = cfg.codec()?;
        let (width, height) = (cfg.width, cfg.height);
        if pix != Pixel::PAL8 && pix != Pixel::YUVA444P10LE && (width % 2 == 1 || height % 2 == 1) {
            return Err(format!(
                "{codec_name} needs an even width and height, not {width}x{height}"
            ));
        }
        if let Some(p) = &cfg.preset {
            if codec_name != "libx264" {
                return Err(format!(
                    "--preset {p} applies to H.264 only, not to {codec_name}"
                ));
            }
            if !X264_PRESETS.contains(&p.as_str()) {
                return Err(format!(
                    "unknown preset '{p}' (one of {})",
                    X264_PRESETS.join(", ")
                ));
            }
        }
        let max_crf = if codec_name == "libvpx-vp9" { 63 } else { 51 };
        if let (Some(c), "prores_ks" | "gif") = (cfg.crf, codec_name) {
            return Err(format!("--crf {c} does not apply to {codec_name}"));
        }
        if let Some(c) = cfg.crf {
            if c > max_crf {
                return Err(format!("--crf {c} is out of range (0 to {max_crf})"));
            }
        }
        let file = match part {
            None => AtomicFile::new(path),
            Some(k) => AtomicFile::part(path, k),
        }
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        let mut octx =
            format::output_as(file.temp_path(), cfg.format.extension()).map_err(fferr)?;
        let codec = encoder::find_by_name(codec_name)
            .ok_or_else(|| format!("FFmpeg has no {codec_name} encoder on this machine"))?;
        let global = octx.format().flags().contains(format::Flags::GLOBAL_HEADER);
        let fps = cfg.fps;
        let is_gif = cfg.format == VideoFormat::Gif;
        let tb = if is_gif {
            Rational::new(1, 100)
        } else {
            Rational::new(fps.den, fps.num)
        };
        let mut ost = octx.add_stream(codec).map_err(fferr)?;
        let mut enc = codec::context::Context::new_with_codec(codec)
            .encoder()
            .video()
            .map_err(fferr)?;
        enc.set_width(width);
        enc.set_height(height);
        enc.set_format(pix);
        enc.set_time_base(tb);
        enc.set_frame_rate(Some(Rational::new(fps.num, fps.den)));
        if matches!(pix, Pixel::YUV420P | Pixel::YUVA420P | Pixel::YUVA444P10LE) {
            // The converter writes BT.709, limited range: say so, so players do not guess.
            enc.set_colorspace(ff::color::Space::BT709);
            enc.set_color_range(ff::color::Range::MPEG);
            // SAFETY: plain fields of the codec context, set before it is opened.
            unsafe {
                let p = enc.as_mut_ptr();
                (*p).color_primaries = ff::ffi::AVColorPrimaries::AVCOL_PRI_BT709;
                (*p).color_trc = ff::ffi::AVColorTransferCharacteristic::AVCOL_TRC_BT709;
            }
        }
        if global {
            enc.set_flags(codec::Flags::GLOBAL_HEADER);
        }
        let threads = cfg.encoder_threads();
        let mut opts = Dictionary::new();
        match codec_name {
            "libx264" => {
                let (crf, preset) = x264_defaults(height);
                opts.set("preset", cfg.preset.as_deref().unwrap_or(preset));
                opts.set("tune", "animation");
                opts.set("crf", &cfg.crf.unwrap_or(crf).to_string());
                // x264's default 40-frame lookahead costs ~450 MB at 1080p; 10 keeps RSS flat
                // and low with no visible change for this kind of content.
                opts.set("rc-lookahead", "10");
                let preset = cfg.preset.as_deref().unwrap_or(preset);
                // tune=animation doubles the preset's reference frames; the preset's own count
                // gives the same stream quality and size on these scenes (Conclusion at -qh:
                // SSIM 0.999553 against 0.999555 to a lossless render, 719,559 against 719,338
                // bytes, same time) and keeps ~22 MB less at 1080p. Below 1080p memory is no
                // concern and the doubled count stays.
                let mut params = Vec::new();
                if height >= 1080 {
                    params.push(format!("ref={}", x264_preset_refs(preset)));
                }
                if height > SYNC_LOOKAHEAD_MAX_HEIGHT {
                    // x264's lookahead thread keeps its own queue of frames: about 180 MB at
                    // 2160p. Without it the same stream comes out (the lookahead runs on the
                    // encoding thread instead), a little slower.
                    params.push("sync-lookahead=0".to_string());
                }
                if !params.is_empty() {
                    opts.set("x264-params", &params.join(":"));
                }
                opts.set("threads", &threads.to_string());
                if cfg.vfr {
                    // With B-frames x264's decode times trail the presentation times by whole
                    // frames, not by the gaps, and an MP4 whose last frames are held would end
                    // early: without them, decode time is presentation time.
                    opts.set("bf", "0");
                }
            }
            "libvpx-vp9" => {
                opts.set("crf", &cfg.crf.unwrap_or(32).to_string());
                opts.set("b", "0");
                opts.set("row-mt", "1");
                opts.set("deadline", "good");
                opts.set("cpu-used", "4");
                opts.set("threads", &threads.to_string());
            }
            "prores_ks" => {
                opts.set("profile", "4444");
                opts.set("threads", &threads.to_string());
            }
            _ => {}
        }
        let enc = enc.open_as_with(codec, opts).map_err(fferr)?;
        ost.set_parameters(&enc);
        ost.set_time_base(tb);
        // SAFETY: the stream belongs to `octx`; setting its rates before the header is written
        // makes the container carry the exact rational rate (30000/1001, 3/5, …).
        unsafe {
            let st = ost.as_mut_ptr();
            (*st).avg_frame_rate = Rational::new(fps.num, fps.den).into();
            (*st).r_frame_rate = Rational::new(fps.num, fps.den).into();
        }
        let mut hopts = Dictionary::new();
        if matches!(cfg.format, VideoFormat::Mp4 | VideoFormat::Mov) {
            hopts.set("movflags", "+faststart");
        }
        octx.write_header_with(hopts).map_err(fferr)?;
        let stream_tb = octx.stream(0).map(|s| s.time_base()).unwrap_or(tb);
        let gif = if is_gif {
            Some(Gif::Palette(palette_graph(width, height, cfg.alpha)?))
        } else {
            None
        };
        Ok(VideoSink {
            file: Some(file),
            octx,
            enc,
            conv: Converter {
                layout,
                pix,
                width,
                height,
            },
            gif,
            fps,
            tb,
            stream_tb,
            index: 0,
            gif_last: None,
            scratch: None,
            vfr: cfg.vfr,
        })
    }

    /// The converter the render workers use to prepare this sink's frames.
    pub fn converter(&self) -> Converter {
        self.conv
    }

    /// How many times the frames must be pushed (GIF: 2, everything else: 1).
    pub fn passes(&self) -> usize {
        if self.gif.is_some() {
            2
        } else {
            1
        }
    }

    /// Ends the palette pass of a GIF: the palette is computed and the frames can come again.
    pub fn next_pass(&mut self) -> Result<(), String> {
        let Some(Gif::Palette(mut g)) = self.gif.take() else {
            return Err("next_pass: this sink has no palette pass".into());
        };
        g.get("in").unwrap().source().flush().map_err(fferr)?;
        let mut palette = frame::Video::empty();
        g.get("out")
            .unwrap()
            .sink()
            .frame(&mut palette)
            .map_err(|e| format!("no palette came out of palettegen: {e}"))?;
        let (w, h) = (self.conv.width, self.conv.height);
        let alpha = self.conv.layout == Layout::RgbaAlpha;
        let mut pixels = pixels_graph(w, h, &palette, alpha)?;
        pixels
            .get("pal")
            .unwrap()
            .source()
            .add(&palette)
            .map_err(fferr)?;
        pixels.get("pal").unwrap().source().flush().map_err(fferr)?;
        self.gif = Some(Gif::Pixels(pixels));
        self.index = 0;
        self.gif_last = None;
        Ok(())
    }

    /// Adds the next frame, converting it on this thread (the pipeline converts in its workers
    /// and calls `push_picture`).
    pub fn push(&mut self, pm: &Pixmap) -> Result<(), String> {
        let mut pic = self.scratch.take().unwrap_or_else(|| self.conv.alloc());
        self.conv.convert(pm, &mut pic);
        let r = self.push_picture(&mut pic);
        self.scratch = Some(pic);
        r
    }

    /// Adds the next frame, already converted (frames must arrive in order). The same picture
    /// may be pushed again for a held frame.
    pub fn push_picture(&mut self, pic: &mut Picture) -> Result<(), String> {
        let i = self.index;
        self.index += 1;
        let f = &mut pic.0;
        let cs = self.cs(i);
        if let Some(g) = &mut self.gif {
            // GIF delays are whole centiseconds and players treat delays under 2 cs as 10 cs:
            // keep a frame only when it starts at least 2 cs after the last one kept, so the
            // clip plays at its real speed whatever the frame rate.
            if self.gif_last.is_some_and(|last| cs < last + 2) {
                return Ok(());
            }
            self.gif_last = Some(cs);
            f.set_pts(Some(cs));
            let ctx = match g {
                Gif::Palette(g) | Gif::Pixels(g) => g,
            };
            let mut src = ctx.get("in").unwrap();
            // SAFETY: both pointers are valid; KEEP_REF makes the graph take a new reference,
            // so the picture stays usable (a held frame is pushed again).
            let r = unsafe {
                ff::ffi::av_buffersrc_add_frame_flags(
                    src.as_mut_ptr(),
                    f.as_mut_ptr(),
                    ff::ffi::AV_BUFFERSRC_FLAG_KEEP_REF as i32,
                )
            };
            if r < 0 {
                return Err(fferr(ff::Error::from(r)));
            }
            if let Gif::Palette(g) = g {
                // The graph is pull-driven: ask for output so palettegen takes the frame in now
                // (it answers "not yet" until the end) instead of the source queueing the clip.
                let mut none = frame::Video::empty();
                let _ = g.get("out").unwrap().sink().frame(&mut none);
                return Ok(());
            }
            return self.drain_gif();
        }
        f.set_pts(Some(i));
        self.enc.send_frame(f).map_err(fferr)?;
        self.drain()
    }

    /// Start of frame `i` in centiseconds (a GIF's unit of time).
    fn cs(&self, i: i64) -> i64 {
        (i as i128 * 100 * self.fps.den as i128 / self.fps.num as i128) as i64
    }

    /// Adds a frame the timeline knows is the same as the one before. At a constant rate it is
    /// encoded again; at a variable rate it is skipped, except the `last` frame of a job, which
    /// is encoded so that the video lasts to its end.
    pub fn push_held(&mut self, pic: &mut Picture, last: bool) -> Result<(), String> {
        if self.vfr && !last {
            self.index += 1;
            return Ok(());
        }
        self.push_picture(pic)
    }

    /// Encodes the paletted frames paletteuse has ready.
    fn drain_gif(&mut self) -> Result<(), String> {
        let mut f = frame::Video::empty();
        loop {
            let got = match &mut self.gif {
                Some(Gif::Pixels(g)) => g.get("out").unwrap().sink().frame(&mut f).is_ok(),
                _ => false,
            };
            if !got {
                return Ok(());
            }
            self.enc.send_frame(&f).map_err(fferr)?;
            self.drain()?;
        }
    }

    fn drain(&mut self) -> Result<(), String> {
        let mut pkt = Packet::empty();
        while self.enc.receive_packet(&mut pkt).is_ok() {
            pkt.set_stream(0);
            // A packet without a duration makes the MP4 edit list drop the last frame.
            if pkt.duration() == 0 {
                pkt.set_duration(1);
            }
            pkt.rescale_ts(self.tb, self.stream_tb);
            pkt.write_interleaved(&mut self.octx).map_err(fferr)?;
        }
        Ok(())
    }

    /// Flushes the encoder, writes the trailer and moves the file into place.
    pub fn finish(mut self) -> Result<(), String> {
        self.close()?;
        let file = self.file.take().unwrap();
        let target = file.target().display().to_string();
        file.commit()
            .map_err(|e| format!("cannot move the finished video to {target}: {e}"))
    }

    /// Flushes the encoder and writes the trailer of a part (see [`VideoSink::create_part`]);
    /// the temporary is removed when the returned file is dropped.
    pub fn finish_part(mut self) -> Result<AtomicFile, String> {
        self.close()?;
        Ok(self.file.take().unwrap())
    }

    fn close(&mut self) -> Result<(), String> {
        match &mut self.gif {
            Some(Gif::Pixels(g)) => {
                g.get("in").unwrap().source().flush().map_err(fferr)?;
                self.drain_gif()?;
            }
            Some(Gif::Palette(_)) => {
                return Err("a GIF needs its second pass (see passes())".into())
            }
            None => {}
        }
        self.enc.send_eof().map_err(fferr)?;
        self.drain()?;
        if let Some(last) = self.gif_last {
            // The GIF muxer gives the last frame the delay of the one before unless told: it
            // lasts until the video's end.
            let end = self.cs(self.index);
            let delay = (end - last).max(2);
            // SAFETY: the gif muxer's private context has an int option "final_delay" (cs).
            let r = unsafe {
                let name = std::ffi::CString::new("final_delay").unwrap();
                ff::ffi::av_opt_set_int(
                    (*self.octx.as_mut_ptr()).priv_data,
                    name.as_ptr(),
                    delay,
                    0,
                )
            };
            if r < 0 {
                return Err(fferr(ff::Error::from(r)));
            }
        }
        self.octx.write_trailer().map_err(fferr)
    }
}

/// The two stages of a GIF.
enum Gif {
    /// First pass: every frame goes to palettegen, which keeps only colour statistics.
    Palette(filter::Graph),
    /// Second pass: frames are mapped onto the palette and encoded as they come.
    Pixels(filter::Graph),
}

fn source_args(w: u32, h: u32, fmt: &str) -> String {
    format!("video_size={w}x{h}:pix_fmt={fmt}:time_base=1/100:pixel_aspect=1/1")
}

/// A graph with a frame source "in" (RGBA frames of the video) and a sink "out".
fn io_graph(w: u32, h: u32) -> Result<filter::Graph, String> {
    let mut g = filter::Graph::new();
    let buffer = filter::find("buffer").ok_or("FFmpeg lacks the buffer filter")?;
    g.add(&buffer, "in", &source_args(w, h, "rgba"))
        .map_err(fferr)?;
    let sink = filter::find("buffersink").ok_or("FFmpeg lacks the buffersink filter")?;
    g.add(&sink, "out", "").map_err(fferr)?;
    Ok(g)
}

/// buffer → palettegen (one palette for the whole clip) → buffersink. With alpha, one entry
/// is kept for transparency.
fn palette_graph(w: u32, h: u32, alpha: bool) -> Result<filter::Graph, String> {
    let mut g = io_graph(w, h)?;
    let spec = format!(
        "palettegen=stats_mode=full:max_colors=256:reserve_transparent={}",
        alpha as u8
    );
    g.output("in", 0)
        .map_err(fferr)?
        .input("out", 0)
        .map_err(fferr)?
        .parse(&spec)
        .map_err(fferr)?;
    g.validate().map_err(fferr)?;
    Ok(g)
}

/// buffer (frames) + buffer (the palette) → paletteuse → buffersink (PAL8).
fn pixels_graph(
    w: u32,
    h: u32,
    palette: &frame::Video,
    alpha: bool,
) -> Result<filter::Graph, String> {
    let mut g = io_graph(w, h)?;
    let buffer = filter::find("buffer").ok_or("FFmpeg lacks the buffer filter")?;
    let pal_fmt = palette
        .format()
        .descriptor()
        .map(|d| d.name())
        .unwrap_or("bgra");
    g.add(
        &buffer,
        "pal",
        &source_args(palette.width(), palette.height(), pal_fmt),
    )
    .map_err(fferr)?;
    g.get("out").unwrap().set_pixel_format(Pixel::PAL8);
    let spec = format!(
        "[in][pal]paletteuse=dither=bayer:bayer_scale=4:alpha_threshold={}[out]",
        if alpha { 128 } else { 0 }
    );
    g.output("in", 0)
        .map_err(fferr)?
        .output("pal", 0)
        .map_err(fferr)?
        .input("out", 0)
        .map_err(fferr)?
        .parse(&spec)
        .map_err(fferr)?;
    g.validate().map_err(fferr)?;
    Ok(g)
}
