//! Joins videos encoded in parallel, chunk by chunk, into one file by stream copy: packets are
//! read from each part and written again with their times moved to where the part starts. Nothing
//! is decoded or encoded again, so the joined file decodes to exactly the pictures of its parts.
//!
//! Each part comes from its own encoder and so starts with a key frame that refers to nothing
//! before it (a closed GOP): the parts can be cut and placed side by side. They must share their
//! stream headers (size, codec, the H.264 parameter sets), which the same settings guarantee; a
//! mismatch is an error, never a file that plays wrongly.

use std::path::Path;

use ff::{codec, encoder, format, Dictionary, Rational};
use ffmpeg_next as ff;

use super::atomic::AtomicFile;
use super::rate::FrameRate;
use super::video::VideoFormat;

fn fferr(e: ff::Error) -> String {
    e.to_string()
}

/// A time in `tb` units as a whole number of frames at `fps` (every time valley writes is on
/// the frame grid; rounding undoes a container's coarser clock, WebM's milliseconds).
fn to_frames(ts: i64, tb: Rational, fps: FrameRate) -> i64 {
    let num = ts as i128 * tb.numerator() as i128 * fps.num as i128;
    let den = tb.denominator() as i128 * fps.den as i128;
    (num + num.signum() * den / 2).checked_div(den).unwrap_or(0) as i64
}

/// `frames` frames at `fps` in `tb` units, rounded to the nearest.
fn from_frames(frames: i64, tb: Rational, fps: FrameRate) -> i64 {
    let num = frames as i128 * fps.den as i128 * tb.denominator() as i128;
    let den = fps.num as i128 * tb.numerator() as i128;
    (num + num.signum() * den / 2).checked_div(den).unwrap_or(0) as i64
}

/// The stream header bytes (H.264: SPS and PPS) of a stream's parameters.
fn extradata(p: &codec::Parameters) -> Vec<u8> {
    // SAFETY: the parameters are valid; extradata is `extradata_size` bytes or null.
    unsafe {
        let p = p.as_ptr();
        if (*p).extradata.is_null() || (*p).extradata_size <= 0 {
            return Vec::new();
        }
        std::slice::from_raw_parts((*p).extradata, (*p).extradata_size as usize).to_vec()
    }
}

/// Writes `out` (atomically) from `parts`: each a finished video of one stream and the frame at
/// which it starts in the joined video.
pub fn join(
    parts: &[(&Path, i64)],
    fps: FrameRate,
    format: VideoFormat,
    out: &Path,
) -> Result<(), String> {
    if format == VideoFormat::Gif {
        return Err("a GIF cannot be joined from parts".into());
    }
    ff::init().map_err(fferr)?;
    let file = AtomicFile::new(out).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    let mut octx = format::output_as(file.temp_path(), format.extension()).map_err(fferr)?;
    let mut header: Option<(codec::Parameters, Vec<u8>)> = None;
    for (k, &(path, start)) in parts.iter().enumerate() {
        let mut ictx = format::input(&path)
            .map_err(|e| format!("cannot read part {k} ({}): {e}", path.display()))?;
        let ist = ictx
            .streams()
            .best(ff::media::Type::Video)
            .ok_or_else(|| format!("part {k} ({}) has no video", path.display()))?;
        let (idx, itb) = (ist.index(), ist.time_base());
        let meta = ist.metadata().to_owned();
        let par = ist.parameters().clone();
        let extra = extradata(&par);
        match &header {
            None => {
                let mut ost = octx
                    .add_stream(encoder::find(codec::Id::None))
                    .map_err(fferr)?;
                ost.set_parameters(par.clone());
                ost.set_metadata(meta);
                ost.set_time_base(Rational::new(fps.den, fps.num));
                // SAFETY: fields of a stream of `octx`, set before its header is written: the
                // rates of the one-pass sink. The codec tag is kept (the parts are of the same
                // container): ProRes 4444 is told from ProRes HQ by it.
                unsafe {
                    let st = ost.as_mut_ptr();
                    (*st).avg_frame_rate = Rational::new(fps.num, fps.den).into();
                    (*st).r_frame_rate = Rational::new(fps.num, fps.den).into();
                }
                let mut hopts = Dictionary::new();
                if matches!(format, VideoFormat::Mp4 | VideoFormat::Mov) {
                    hopts.set("movflags", "+faststart");
                }
                octx.write_header_with(hopts).map_err(fferr)?;
                header = Some((par, extra));
            }
            Some((first, first_extra)) => {
                // SAFETY: both parameter sets are valid for reading.
                let same = unsafe {
                    let (a, b) = (first.as_ptr(), par.as_ptr());
                    (*a).codec_id == (*b).codec_id
                        && (*a).width == (*b).width
                        && (*a).height == (*b).height
                        && (*a).format == (*b).format
                } && *first_extra == extra;
                if !same {
                    return Err(format!(
                        "part {k} was encoded with other stream headers than part 0; \
                         the parts cannot be joined without re-encoding"
                    ));
                }
            }
        }
        let otb = octx.stream(0).map(|s| s.time_base()).ok_or("no stream")?;
        for (s, mut pkt) in ictx.packets() {
            if s.index() != idx {
                continue;
            }
            let shift = |ts: i64| from_frames(to_frames(ts, itb, fps) + start, otb, fps);
            pkt.set_pts(pkt.pts().map(shift));
            pkt.set_dts(pkt.dts().map(shift));
            let d = to_frames(pkt.duration(), itb, fps);
            pkt.set_duration(from_frames(d.max(1), otb, fps));
            pkt.set_position(-1);
            pkt.set_stream(0);
            pkt.write_interleaved(&mut octx).map_err(fferr)?;
        }
    }
    if header.is_none() {
        return Err("no parts to join".into());
    }
    octx.write_trailer().map_err(fferr)?;
    drop(octx);
    let target = file.target().display().to_string();
    file.commit()
        .map_err(|e| format!("cannot move the finished video to {target}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_round_to_the_frame_grid() {
        let fps = FrameRate { num: 60, den: 1 };
        let ms = Rational::new(1, 1000);
        // WebM stores frame 7 at 60 fps as 117 ms (116.67 rounded).
        assert_eq!(to_frames(117, ms, fps), 7);
        assert_eq!(to_frames(-33, ms, fps), -2);
        assert_eq!(from_frames(7, ms, fps), 117);
        let ntsc = FrameRate {
            num: 30000,
            den: 1001,
        };
        let tb = Rational::new(1, 30000);
        assert_eq!(from_frames(3, tb, ntsc), 3003);
        assert_eq!(to_frames(3003, tb, ntsc), 3);
    }
}
