//! Sections (`section("name")` in a scene) and Manim's `-n A,B`: parts of a timeline as frame
//! ranges. `--save_sections` writes one file per section and a JSON index beside them, with the
//! fields Manim writes (name, type, video, codec_name, width, height, avg_frame_rate, duration,
//! nb_frames) plus start and end times.

use std::ops::Range;

use serde::Serialize;

use crate::encode::FrameRate;
use crate::timeline::Timeline;

/// The frames whose times fall in [a, b).
pub fn frames_between(a: f64, b: f64, fps: f64) -> Range<usize> {
    let f = |t: f64| ((t * fps - 1e-9).ceil().max(0.0)) as usize;
    f(a)..f(b)
}

/// One part of a scene to render on its own.
#[derive(Debug, Clone)]
pub struct Part {
    pub name: String,
    pub start: f64,
    pub end: f64,
    pub frames: Range<usize>,
}

/// The scene cut at its sections. Before the first named section is Manim's "autocreated" one;
/// parts with no frames (a section right before another) are dropped, as Manim drops them.
pub fn parts(tl: &Timeline, fps: f64) -> Vec<Part> {
    let end = tl.duration();
    let mut marks: Vec<(String, f64)> = Vec::new();
    if tl.sections.first().is_none_or(|s| s.start > 0.0) {
        marks.push(("autocreated".into(), 0.0));
    }
    for s in &tl.sections {
        marks.push((s.name.clone(), s.start.clamp(0.0, end)));
    }
    let total = tl.frame_count(fps);
    (0..marks.len())
        .map(|k| {
            let b = marks.get(k + 1).map(|m| m.1).unwrap_or(end);
            let (name, a) = marks[k].clone();
            let mut frames = frames_between(a, b, fps);
            if k + 1 == marks.len() {
                frames.end = total;
            }
            Part {
                name,
                start: a,
                end: b,
                frames,
            }
        })
        .filter(|p| !p.frames.is_empty())
        .collect()
}

/// Manim's `-n A` / `-n A,B`: animations (each `play` and each `wait`, counted from 0) A to B,
/// both included.
pub fn animation_frames(tl: &Timeline, spec: &str, fps: f64) -> Result<Range<usize>, String> {
    let n = tl.segments.len();
    let bad = || format!("-n '{spec}' must look like 3 or 3,6 (animation numbers from 0)");
    let num = |s: &str| s.trim().parse::<usize>().map_err(|_| bad());
    let (a, b) = match spec.split_once(',') {
        Some((a, b)) => (num(a)?, num(b)?),
        None => (num(spec)?, n.saturating_sub(1)),
    };
    if a > b || b >= n {
        return Err(format!(
            "-n {spec}: the scene `{}` has animations 0 to {}",
            tl.name,
            n.saturating_sub(1)
        ));
    }
    let (sa, sb) = (&tl.segments[a], &tl.segments[b]);
    let mut r = frames_between(sa.start, sb.start + sb.duration, fps);
    if b + 1 == n {
        r.end = tl.frame_count(fps);
    }
    if r.is_empty() {
        // Zero-length animations still show one frame.
        r = r.start..(r.start + 1).min(tl.frame_count(fps));
    }
    Ok(r)
}

/// One entry of the index.
#[derive(Serialize)]
pub struct Entry {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub video: String,
    pub codec_name: String,
    pub width: u32,
    pub height: u32,
    pub avg_frame_rate: String,
    pub duration: String,
    pub nb_frames: String,
    pub start: f64,
    pub end: f64,
}

impl Entry {
    pub fn new(p: &Part, file: &str, codec: &str, w: u32, h: u32, fps: FrameRate) -> Entry {
        let n = p.frames.len();
        Entry {
            name: p.name.clone(),
            kind: "default.normal".into(),
            video: file.into(),
            codec_name: codec.into(),
            width: w,
            height: h,
            avg_frame_rate: format!("{}/{}", fps.num, fps.den),
            duration: format!("{:.6}", n as f64 / fps.as_f64()),
            nb_frames: n.to_string(),
            start: p.start,
            end: p.end,
        }
    }
}

pub fn index_json(entries: &[Entry]) -> String {
    serde_json::to_string_pretty(entries).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::{Section, Segment};

    fn tl(durations: &[f64], sections: &[(&str, f64)]) -> Timeline {
        let mut t = 0.0;
        let segments = durations
            .iter()
            .map(|&d| {
                let s = Segment {
                    start: t,
                    duration: d,
                    shown: vec![],
                    trackers: vec![],
                    camera: Default::default(),
                    anims: vec![],
                    follow: vec![],
                    order: Default::default(),
                };
                t += d;
                s
            })
            .collect();
        Timeline {
            name: "S".into(),
            segments,
            background: None,
            sections: sections
                .iter()
                .map(|(n, s)| Section {
                    name: n.to_string(),
                    start: *s,
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn parts_cover_the_scene() {
        let t = tl(
            &[1.0, 1.0, 2.0],
            &[("intro", 0.0), ("middle", 1.0), ("end", 2.0)],
        );
        let p = parts(&t, 10.0);
        let names: Vec<_> = p.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["intro", "middle", "end"]);
        assert_eq!(p[0].frames, 0..10);
        assert_eq!(p[1].frames, 10..20);
        assert_eq!(p[2].frames, 20..40);
        let t = tl(&[1.0, 1.0], &[("second", 1.0)]);
        let p = parts(&t, 10.0);
        assert_eq!(p[0].name, "autocreated");
        assert_eq!(p[1].frames, 10..20);
    }

    #[test]
    fn animation_numbers() {
        let t = tl(&[1.0, 0.5, 2.0], &[]);
        assert_eq!(animation_frames(&t, "1", 10.0).unwrap(), 10..35);
        assert_eq!(animation_frames(&t, "0,1", 10.0).unwrap(), 0..15);
        assert_eq!(animation_frames(&t, "1,1", 10.0).unwrap(), 10..15);
        assert!(animation_frames(&t, "2,1", 10.0).is_err());
        assert!(animation_frames(&t, "3", 10.0).is_err());
        assert!(animation_frames(&t, "x", 10.0).is_err());
    }
}
