//! A video encoded in parts at once (`--chunks`), with a lane that finishes early taking over
//! half of another's frames. Its own test binary: the test hook that makes frames slow is an
//! environment variable, which would slow every test of a shared binary.

mod common;

use std::sync::atomic::AtomicBool;

use valley::encode::{FrameRate, VideoConfig, VideoFormat, VideoSink};
use valley::pipeline::{self, Job};

/// Frames 40..100 in two lanes of two render threads each, the second lane's frames (70 on)
/// made slow by a test hook: the first lane finishes early and splits off half of what the
/// second has not handed out, so the video comes in three or more parts. Joined by stream copy, it has the frames, times and duration
/// of the one-part encode, a key frame at each part's start, and decodes to exactly the
/// pictures of each part encoded alone. That last equality holds because the join copies
/// packets without decoding and x264 is deterministic for the same frames, settings and thread
/// count (its `non-deterministic` option is off); it would fail if the join dropped, reordered
/// or re-timed a packet, if a part referred to frames of another, if a frame were drawn into
/// two parts or none, or if a part were given other settings (threads included) than an
/// encode of that part alone.
#[test]
fn an_idle_lane_takes_over_frames_and_the_parts_join_into_the_frames_of_each_alone() {
    std::env::set_var(pipeline::SLOW_ENV, "70");
    let d = common::tmpdir("chunks");
    let tl = common::compile_file(
        "scenes/gradient_descent/one_dimensional_gd.scene",
        Some("OneDimensionalGradientDescent"),
    );
    let (w, h, fps) = (256, 144, 15);
    let job = |frames: std::ops::Range<usize>, threads| Job {
        timeline: &tl,
        width: w,
        height: h,
        fps: fps as f64,
        frames,
        threads,
    };
    let frames = 40..100;
    let cfg = |threads| VideoConfig {
        threads,
        ..VideoConfig::new(
            VideoFormat::Mp4,
            w,
            h,
            FrameRate::new(fps as i32, 1).unwrap(),
        )
    };
    let no = AtomicBool::new(false);
    let (one, two) = (d.join("one.mp4"), d.join("two.mp4"));
    let single = pipeline::run_chunked(&job(frames.clone(), 2), &no, &cfg(2), &one, 1, |_| {});
    assert_eq!(single.unwrap().parts, vec![frames.clone()]);
    // 2 encoder threads shared by 2 lanes: one each, as the parts encoded alone below. 4 render
    // threads: 2 per lane, so the frames a split takes are cut from under working threads.
    let ch = pipeline::run_chunked(&job(frames.clone(), 4), &no, &cfg(2), &two, 2, |_| {});
    let ch = ch.unwrap();
    assert_eq!(ch.stats.frames, 60);
    common::assert_no_partials(&d);
    let parts = ch.parts;
    assert!(parts.len() >= 3, "no part was split off: {parts:?}");
    assert_eq!(parts[0], 40..70, "the fast lane's own part");
    assert!(
        parts.windows(2).all(|p| p[0].end == p[1].start),
        "{parts:?}"
    );
    assert_eq!(parts.last().unwrap().end, 100);
    let min = pipeline::min_part_frames(fps as f64);
    assert!(parts.iter().all(|p| p.len() >= min), "{parts:?}");
    let (a, b) = (common::decode(&one, fps), common::decode(&two, fps));
    assert_eq!(a.index, (0..60).collect::<Vec<_>>());
    assert_eq!(b.index, a.index, "timestamps differ");
    assert!((a.duration - 4.0).abs() < 1e-3, "{}", a.duration);
    assert_eq!(b.duration, a.duration);
    let starts: Vec<usize> = (0..60).filter(|&i| b.key[i]).collect();
    let want: Vec<usize> = parts.iter().map(|p| p.start - 40).collect();
    assert_eq!(starts, want, "each part starts with a key frame");
    let mut alone = Vec::new();
    for (k, r) in parts.iter().enumerate() {
        let p = d.join(format!("part{k}.mp4"));
        let mut sink = VideoSink::create(&p, &cfg(1)).unwrap();
        pipeline::run_into(&job(r.clone(), 2), &no, &mut sink, |_| {}).unwrap();
        sink.finish().unwrap();
        alone.extend(common::decode(&p, fps).pictures);
    }
    assert_eq!(alone.len(), 60);
    assert!(
        b.pictures == alone,
        "the joined parts decode to other pictures"
    );
    // The parts really are different encodes from the one-part video (else the test proves
    // nothing about the join): the later parts' key frames are new pictures in the stream.
    assert!(want[1..].iter().all(|&i| !a.key[i]));

    // A frame that fails in a part split off from a slow lane: the error names it, and neither
    // the output nor any part is left behind.
    std::env::set_var(pipeline::PANIC_ENV, "95");
    let bad = d.join("bad.mp4");
    let e = pipeline::run_chunked(&job(frames.clone(), 4), &no, &cfg(2), &bad, 2, |_| {});
    std::env::remove_var(pipeline::PANIC_ENV);
    let e = e.unwrap_err();
    assert!(e.contains("frame 95 at 6.333 s"), "{e}");
    assert!(!bad.exists());
    common::assert_no_partials(&d);
}
