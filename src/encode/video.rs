//! Video sinks through FFmpeg (ffmpeg-next): H.264 in MP4/MOV, VP9 in WebM, and GIF through
//! libavfilter's palettegen/paletteuse with one palette for the whole clip. A GIF takes two
//! passes over the frames (palette, then pixels), so that no pass holds the clip in memory:
//! frames are a pure function of time and are simply rendered twice.

use std::path::Path;

use ff::format::Pixel;
use ff::software::scaling;
use ff::{codec, encoder, filter, format, frame, Dictionary, Packet, Rational};
use ffmpeg_next as ff;
use tiny_skia::Pixmap;

use super::atomic::AtomicFile;

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

fn fferr(e: ff::Error) -> String {
    e.to_string()
}

/// Encodes frames pushed in order; the file appears only after `finish`.
pub struct VideoSink {
    file: Option<AtomicFile>,
    octx: format::context::Output,
    enc: encoder::Video,
    scaler: Option<scaling::Context>,
    gif: Option<Gif>,
    fps: i32,
    stream_tb: Rational,
    next_pts: i64,
    width: u32,
    height: u32,
    rgba: frame::Video,
}

impl VideoSink {
    pub fn create(
        path: &Path,
        fmt: VideoFormat,
        width: u32,
        height: u32,
        fps: u32,
    ) -> Result<VideoSink, String> {
        ff::init().map_err(fferr)?;
        ff::util::log::set_level(ff::util::log::Level::Error);
        let file =
            AtomicFile::new(path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        let fmt_name = match fmt {
            VideoFormat::Mp4 => "mp4",
            VideoFormat::Mov => "mov",
            VideoFormat::Webm => "webm",
            VideoFormat::Gif => "gif",
        };
        let mut octx = format::output_as(file.temp_path(), fmt_name).map_err(fferr)?;
        let (codec_name, pix) = match fmt {
            VideoFormat::Mp4 | VideoFormat::Mov => ("libx264", Pixel::YUV420P),
            VideoFormat::Webm => ("libvpx-vp9", Pixel::YUV420P),
            VideoFormat::Gif => ("gif", Pixel::PAL8),
        };
        let codec = encoder::find_by_name(codec_name)
            .ok_or_else(|| format!("FFmpeg has no {codec_name} encoder on this machine"))?;
        let global = octx.format().flags().contains(format::Flags::GLOBAL_HEADER);
        let fps = fps as i32;
        let tb = Rational::new(1, fps);
        let mut ost = octx.add_stream(codec).map_err(fferr)?;
        let mut enc = codec::context::Context::new_with_codec(codec)
            .encoder()
            .video()
            .map_err(fferr)?;
        enc.set_width(width);
        enc.set_height(height);
        enc.set_format(pix);
        enc.set_time_base(tb);
        enc.set_frame_rate(Some(Rational::new(fps, 1)));
        if global {
            enc.set_flags(codec::Flags::GLOBAL_HEADER);
        }
        let mut opts = Dictionary::new();
        match fmt {
            VideoFormat::Mp4 | VideoFormat::Mov => {
                opts.set("preset", "medium");
                opts.set("crf", "18");
                // x264's default 40-frame lookahead costs ~450 MB at 1080p; 20 keeps RSS flat and
                // low with no visible change for this kind of content.
                opts.set("rc-lookahead", "10");
                opts.set("threads", "2");
            }
            VideoFormat::Webm => {
                opts.set("crf", "32");
                opts.set("b", "0");
                opts.set("row-mt", "1");
                opts.set("deadline", "good");
                opts.set("cpu-used", "4");
            }
            VideoFormat::Gif => {}
        }
        let enc = enc.open_as_with(codec, opts).map_err(fferr)?;
        ost.set_parameters(&enc);
        ost.set_time_base(tb);
        let mut hopts = Dictionary::new();
        if matches!(fmt, VideoFormat::Mp4 | VideoFormat::Mov) {
            hopts.set("movflags", "+faststart");
        }
        octx.write_header_with(hopts).map_err(fferr)?;
        let stream_tb = octx.stream(0).map(|s| s.time_base()).unwrap_or(tb);
        let (scaler, gif) = if fmt == VideoFormat::Gif {
            (None, Some(Gif::Palette(palette_graph(width, height, fps)?)))
        } else {
            let s = scaling::Context::get(
                Pixel::RGBA,
                width,
                height,
                pix,
                width,
                height,
                scaling::Flags::BILINEAR,
            )
            .map_err(fferr)?;
            (Some(s), None)
        };
        Ok(VideoSink {
            file: Some(file),
            octx,
            enc,
            scaler,
            gif,
            fps,
            stream_tb,
            next_pts: 0,
            width,
            height,
            rgba: frame::Video::new(Pixel::RGBA, width, height),
        })
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
        let mut pixels = pixels_graph(self.width, self.height, self.fps, &palette)?;
        pixels
            .get("pal")
            .unwrap()
            .source()
            .add(&palette)
            .map_err(fferr)?;
        pixels.get("pal").unwrap().source().flush().map_err(fferr)?;
        self.gif = Some(Gif::Pixels(pixels));
        self.next_pts = 0;
        Ok(())
    }

    /// Adds the next frame (frames must arrive in order).
    pub fn push(&mut self, pm: &Pixmap) -> Result<(), String> {
        if self.gif.is_some() {
            // buffersrc takes the frame's buffers, so each GIF frame needs a fresh one.
            self.rgba = frame::Video::new(Pixel::RGBA, self.width, self.height);
        }
        // The background is opaque, so premultiplied RGBA is plain RGBA.
        let stride = self.rgba.stride(0);
        let row = self.width as usize * 4;
        let data = pm.data();
        let dst = self.rgba.data_mut(0);
        for y in 0..self.height as usize {
            dst[y * stride..y * stride + row].copy_from_slice(&data[y * row..(y + 1) * row]);
        }
        self.rgba.set_pts(Some(self.next_pts));
        self.next_pts += 1;
        match &mut self.gif {
            Some(Gif::Palette(g)) => {
                g.get("in")
                    .unwrap()
                    .source()
                    .add(&self.rgba)
                    .map_err(fferr)?;
                // The graph is pull-driven: ask for output so palettegen takes the frame in now
                // (it answers "not yet" until the end) instead of the source queueing the clip.
                let mut none = frame::Video::empty();
                let _ = g.get("out").unwrap().sink().frame(&mut none);
                return Ok(());
            }
            Some(Gif::Pixels(g)) => {
                g.get("in")
                    .unwrap()
                    .source()
                    .add(&self.rgba)
                    .map_err(fferr)?;
                return self.drain_gif();
            }
            None => {}
        }
        let mut out = frame::Video::empty();
        self.scaler
            .as_mut()
            .unwrap()
            .run(&self.rgba, &mut out)
            .map_err(fferr)?;
        out.set_pts(self.rgba.pts());
        self.enc.send_frame(&out).map_err(fferr)?;
        self.drain()
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
            pkt.rescale_ts(Rational::new(1, self.fps), self.stream_tb);
            pkt.write_interleaved(&mut self.octx).map_err(fferr)?;
        }
        Ok(())
    }

    /// Flushes the encoder, writes the trailer and moves the file into place.
    pub fn finish(mut self) -> Result<(), String> {
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
        self.octx.write_trailer().map_err(fferr)?;
        let file = self.file.take().unwrap();
        let target = file.target().display().to_string();
        file.commit()
            .map_err(|e| format!("cannot move the finished video to {target}: {e}"))
    }
}

/// The two stages of a GIF.
enum Gif {
    /// First pass: every frame goes to palettegen, which keeps only colour statistics.
    Palette(filter::Graph),
    /// Second pass: frames are mapped onto the palette and encoded as they come.
    Pixels(filter::Graph),
}

fn source_args(w: u32, h: u32, fps: i32, fmt: &str) -> String {
    format!("video_size={w}x{h}:pix_fmt={fmt}:time_base=1/{fps}:pixel_aspect=1/1")
}

/// A graph with a frame source "in" (RGBA frames of the video) and a sink "out".
fn io_graph(w: u32, h: u32, fps: i32) -> Result<filter::Graph, String> {
    let mut g = filter::Graph::new();
    let buffer = filter::find("buffer").ok_or("FFmpeg lacks the buffer filter")?;
    g.add(&buffer, "in", &source_args(w, h, fps, "rgba"))
        .map_err(fferr)?;
    let sink = filter::find("buffersink").ok_or("FFmpeg lacks the buffersink filter")?;
    g.add(&sink, "out", "").map_err(fferr)?;
    Ok(g)
}

/// buffer → palettegen (one palette for the whole clip) → buffersink.
fn palette_graph(w: u32, h: u32, fps: i32) -> Result<filter::Graph, String> {
    let mut g = io_graph(w, h, fps)?;
    g.output("in", 0)
        .map_err(fferr)?
        .input("out", 0)
        .map_err(fferr)?
        .parse("palettegen=stats_mode=full:max_colors=256")
        .map_err(fferr)?;
    g.validate().map_err(fferr)?;
    Ok(g)
}

/// buffer (frames) + buffer (the palette) → paletteuse → buffersink (PAL8).
fn pixels_graph(w: u32, h: u32, fps: i32, palette: &frame::Video) -> Result<filter::Graph, String> {
    let mut g = io_graph(w, h, fps)?;
    let buffer = filter::find("buffer").ok_or("FFmpeg lacks the buffer filter")?;
    let pal_fmt = palette
        .format()
        .descriptor()
        .map(|d| d.name())
        .unwrap_or("bgra");
    g.add(
        &buffer,
        "pal",
        &source_args(palette.width(), palette.height(), fps, pal_fmt),
    )
    .map_err(fferr)?;
    g.get("out").unwrap().set_pixel_format(Pixel::PAL8);
    g.output("in", 0)
        .map_err(fferr)?
        .output("pal", 0)
        .map_err(fferr)?
        .input("out", 0)
        .map_err(fferr)?
        .parse("[in][pal]paletteuse=dither=bayer:bayer_scale=4[out]")
        .map_err(fferr)?;
    g.validate().map_err(fferr)?;
    Ok(g)
}
