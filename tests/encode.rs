//! Encoded output decodes to what was asked: codec, size, rate, frame count; and frames do not
//! depend on the number of threads.

mod common;

use std::sync::atomic::AtomicBool;

use ffmpeg_next as ff;
use valley::encode::{VideoFormat, VideoSink};
use valley::pipeline::{self, Job};

/// Decodes a file: (codec name, width, height, frame rate, decoded frames).
fn probe(path: &std::path::Path) -> (String, u32, u32, f64, usize) {
    ff::init().unwrap();
    let mut ictx = ff::format::input(path).unwrap();
    let st = ictx.streams().best(ff::media::Type::Video).unwrap();
    let idx = st.index();
    let rate = st.avg_frame_rate();
    let ctx = ff::codec::context::Context::from_parameters(st.parameters()).unwrap();
    let mut dec = ctx.decoder().video().unwrap();
    let name = dec
        .codec()
        .map(|c| c.name().to_string())
        .unwrap_or_default();
    let (w, h) = (dec.width(), dec.height());
    let mut n = 0;
    let mut f = ff::frame::Video::empty();
    for (s, pkt) in ictx.packets() {
        if s.index() == idx {
            dec.send_packet(&pkt).unwrap();
            while dec.receive_frame(&mut f).is_ok() {
                n += 1;
            }
        }
    }
    dec.send_eof().unwrap();
    while dec.receive_frame(&mut f).is_ok() {
        n += 1;
    }
    (name, w, h, rate.0 as f64 / rate.1.max(1) as f64, n)
}

fn encode(
    file: &str,
    scene: &str,
    fmt: VideoFormat,
    w: u32,
    h: u32,
    fps: u32,
    out: &std::path::Path,
) -> usize {
    let tl = common::compile_file(file, Some(scene));
    let n = tl.frame_count(fps as f64);
    let job = Job {
        timeline: &tl,
        width: w,
        height: h,
        fps: fps as f64,
        frames: 0..n,
        threads: 2,
    };
    let mut sink = VideoSink::create(out, fmt, w, h, fps).unwrap();
    pipeline::run_into(&job, &AtomicBool::new(false), &mut sink, |_| {}).unwrap();
    sink.finish().unwrap();
    n
}

#[test]
fn mp4_round_trip() {
    let d = common::tmpdir("mp4");
    let out = d.join("fg.mp4");
    let n = encode(
        "scenes/gradient_descent/first_graph.scene",
        "FirstGraph",
        VideoFormat::Mp4,
        854,
        480,
        15,
        &out,
    );
    let (codec, w, h, fps, frames) = probe(&out);
    assert_eq!(codec, "h264");
    assert_eq!((w, h), (854, 480));
    assert!((fps - 15.0).abs() < 1e-6, "{fps}");
    assert_eq!(frames, n);
    // duration × fps, rounded up: 8.311 s × 15.
    assert_eq!(n, (8.311f64 * 15.0).ceil() as usize);
    // Nothing left behind but the video.
    let names: Vec<_> = std::fs::read_dir(&d)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn gif_decodes_with_size_and_frame_count() {
    let d = common::tmpdir("gif");
    let out = d.join("od.gif");
    let n = encode(
        "scenes/gradient_descent/one_dimensional_gd.scene",
        "OneDimensionalGradientDescent",
        VideoFormat::Gif,
        854,
        480,
        15,
        &out,
    );
    let (codec, w, h, _, frames) = probe(&out);
    assert_eq!(codec, "gif");
    assert_eq!((w, h), (854, 480));
    assert_eq!(frames, n);
    let size = std::fs::metadata(&out).unwrap().len();
    assert!(size < 3 * 1024 * 1024, "{size} bytes");
}

#[test]
fn frames_are_identical_whatever_the_thread_count() {
    let tl = common::compile_file(
        "scenes/gradient_descent/one_dimensional_gd.scene",
        Some("OneDimensionalGradientDescent"),
    );
    let grab = |threads: usize| {
        let mut v = Vec::new();
        let job = Job {
            timeline: &tl,
            width: 427,
            height: 240,
            fps: 15.0,
            frames: 60..90,
            threads,
        };
        pipeline::run(
            &job,
            &AtomicBool::new(false),
            |i, pm| {
                v.push((i, pm.data().to_vec()));
                Ok(())
            },
            |_| {},
        )
        .unwrap();
        v
    };
    let (a, b) = (grab(1), grab(2));
    assert_eq!(a.len(), 30);
    assert!(a.iter().map(|x| x.0).eq(60..90), "frames arrive in order");
    assert!(a == b, "-j 1 and -j 2 differ");
}
