//! Encoded output decodes to what was asked: codec, size, rate, frame count; and frames do not
//! depend on the number of threads.

mod common;

use std::sync::atomic::AtomicBool;

use ffmpeg_next as ff;
use valley::encode::{FrameRate, VideoConfig, VideoFormat, VideoSink};
use valley::pipeline::{self, Job};

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
    let cfg = VideoConfig::new(fmt, w, h, FrameRate::new(fps as i32, 1).unwrap());
    let mut sink = VideoSink::create(out, &cfg).unwrap();
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
    let (codec, w, h, fps, frames) = common::probe(&out);
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
    let (codec, w, h, _, frames) = common::probe(&out);
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

/// Runs the valley binary with extra environment; returns (success, stderr).
fn valley(args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_valley"));
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    let o = c.output().unwrap();
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

const MOVING: &str = "scene Moving {\n    let d = dot([-3, 0], radius: 0.5, color: YELLOW)\n    add(d)\n    play(d.animate.shift(6 * RIGHT), run_time: 10, rate_func: linear)\n}\n";

/// A sink that panics (an encoder's crash) ends a render of several threads: the workers stop
/// instead of waiting for a buffer for ever, and the panic comes out of `run`. Before, the
/// render hung.
#[test]
fn a_panicking_sink_ends_a_render_on_several_threads() {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let tl = common::compile_src(MOVING).unwrap();
        let job = Job {
            timeline: &tl,
            width: 64,
            height: 36,
            fps: 10.0,
            frames: 0..60,
            threads: 2,
        };
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let no = AtomicBool::new(false);
            pipeline::run(
                &job,
                &no,
                |i, _| {
                    assert!(i < 5, "the sink breaks at frame 5");
                    Ok(())
                },
                |_| {},
            )
        }));
        let _ = tx.send(r.is_err());
    });
    let panicked = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the render hung after its sink panicked");
    assert!(panicked, "the sink's panic did not come out of run");
}

#[test]
fn a_panicking_worker_is_an_error_naming_the_frame_and_leaves_the_old_file() {
    let d = common::tmpdir("panic");
    let scene = d.join("moving.scene");
    std::fs::write(&scene, MOVING).unwrap();
    let out = d.join("out.mp4");
    std::fs::write(&out, b"an earlier video").unwrap();
    let (ok, err) = valley(
        &[
            "render",
            scene.to_str().unwrap(),
            "-r",
            "64x36",
            "--fps",
            "5",
            "-o",
            out.to_str().unwrap(),
        ],
        &[(valley::pipeline::PANIC_ENV, "7")],
    );
    assert!(!ok, "a crash must not exit 0: {err}");
    assert!(
        err.contains("error: frame 7 at 1.400 s: the renderer crashed"),
        "{err}"
    );
    assert!(!err.contains("error: error"), "{err}");
    assert_eq!(std::fs::read(&out).unwrap(), b"an earlier video");
    // Nothing else left behind: no partial file.
    let names: Vec<_> = std::fs::read_dir(&d)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    // Without a file there, none appears.
    std::fs::remove_file(&out).unwrap();
    let (ok, _) = valley(
        &[
            "render",
            scene.to_str().unwrap(),
            "-r",
            "64x36",
            "--fps",
            "5",
            "--format",
            "gif",
            "-o",
            out.with_extension("gif").to_str().unwrap(),
        ],
        &[(valley::pipeline::PANIC_ENV, "3")],
    );
    assert!(!ok);
    assert!(!out.with_extension("gif").exists());
}

/// (frame rate as stored, duration in seconds, frames) of a video file.
fn timing(path: &std::path::Path) -> ((i32, i32), f64, usize) {
    ff::init().unwrap();
    let ictx = ff::format::input(path).unwrap();
    let st = ictx.streams().best(ff::media::Type::Video).unwrap();
    let r = st.avg_frame_rate();
    let tb = st.time_base();
    let dur = st.duration() as f64 * tb.0 as f64 / tb.1 as f64;
    let (_, _, _, _, n) = common::probe(path);
    ((r.0, r.1), dur, n)
}

#[test]
fn fractional_and_rational_frame_rates_keep_the_duration() {
    let d = common::tmpdir("fps");
    let scene = d.join("moving.scene");
    std::fs::write(&scene, MOVING).unwrap();
    for (fps, rate, frames) in [
        ("0.6", (3, 5), 6),
        ("0.3", (3, 10), 3),
        ("1.4", (7, 5), 14),
        ("29.97", (30000, 1001), 300),
        ("30000/1001", (30000, 1001), 300),
    ] {
        let out = d.join(format!("m{}.mp4", fps.replace('/', "_")));
        let (ok, err) = valley(
            &[
                "render",
                scene.to_str().unwrap(),
                "-r",
                "64x36",
                "--fps",
                fps,
                "-o",
                out.to_str().unwrap(),
            ],
            &[],
        );
        assert!(ok, "--fps {fps}: {err}");
        let (r, dur, n) = timing(&out);
        assert_eq!(r, rate, "--fps {fps}");
        assert_eq!(n, frames, "--fps {fps}");
        assert!((dur - 10.0).abs() < 0.05, "--fps {fps}: {dur} s");
    }
    let (ok, err) = valley(&["render", scene.to_str().unwrap(), "--fps", "0"], &[]);
    assert!(!ok && err.contains("frame rate"), "{err}");
}

/// The delays (centiseconds) of every frame of a GIF, read from its graphic control extensions.
fn gif_delays(path: &std::path::Path) -> Vec<u16> {
    let b = std::fs::read(path).unwrap();
    let mut v = Vec::new();
    let mut i = 0;
    while i + 5 < b.len() {
        if b[i] == 0x21 && b[i + 1] == 0xF9 && b[i + 2] == 4 {
            v.push(u16::from_le_bytes([b[i + 4], b[i + 5]]));
            i += 8;
        } else {
            i += 1;
        }
    }
    v
}

#[test]
fn gif_delays_are_ones_players_honour_and_add_up_to_the_duration() {
    let d = common::tmpdir("gifdelay");
    let scene = d.join("moving.scene");
    std::fs::write(&scene, MOVING).unwrap();
    for fps in ["60", "50", "15", "29.97"] {
        let out = d.join(format!("m{fps}.gif"));
        let (ok, err) = valley(
            &[
                "render",
                scene.to_str().unwrap(),
                "-r",
                "32x18",
                "--fps",
                fps,
                "--format",
                "gif",
                "-o",
                out.to_str().unwrap(),
            ],
            &[],
        );
        assert!(ok, "{err}");
        let delays = gif_delays(&out);
        assert!(delays.len() > 100, "--fps {fps}: {} frames", delays.len());
        assert!(
            delays.iter().all(|&d| d >= 2),
            "--fps {fps}: delays under 2 cs play as 10 cs: {delays:?}"
        );
        let total: u32 = delays.iter().map(|&d| d as u32).sum();
        assert!((total as i32 - 1000).abs() <= 2, "--fps {fps}: {total} cs");
    }
}

#[test]
fn held_frames_are_pushed_again_not_drawn_and_match_a_drawn_frame() {
    let src = "scene Held {\n    let d = dot([-3, 0], radius: 0.5, color: YELLOW)\n    add(d)\n    play(d.animate.shift(6 * RIGHT), run_time: 1, rate_func: linear)\n    wait(2)\n    play(d.animate.shift(2 * LEFT), run_time: 1)\n}\n";
    let tl = common::compile_src(src).unwrap();
    let n = tl.frame_count(10.0);
    let job = Job {
        timeline: &tl,
        width: 64,
        height: 36,
        fps: 10.0,
        frames: 0..n,
        threads: 2,
    };
    let mut got = Vec::new();
    let stats = pipeline::run(
        &job,
        &AtomicBool::new(false),
        |i, pm| {
            got.push((i, pm.data().to_vec()));
            Ok(())
        },
        |_| {},
    )
    .unwrap();
    assert_eq!(got.len(), n);
    // Frames 11..30 lie inside the wait and follow a frame of the same wait.
    assert_eq!(stats.held, 19, "{stats:?}");
    for (i, data) in &got {
        let t = pipeline::frame_time(*i, 10.0);
        let drawn = pipeline::render_at(&tl, t, 64, 36).unwrap();
        assert!(
            drawn.data() == &data[..],
            "frame {i} differs from a fresh drawing"
        );
    }
}

#[test]
fn a_huge_wait_allocates_nothing_up_front() {
    // 1e9 s at 60 fps is 6e10 frames: a list of frame numbers would need 480 GB.
    let tl = common::compile_src(
        "scene Long {\n    limits(duration: 1e9)\n    add(dot([0, 0]))\n    wait(1e9)\n}\n",
    )
    .unwrap();
    let n = tl.frame_count(60.0);
    assert!(n > 50_000_000_000, "{n}");
    let cancel = AtomicBool::new(false);
    let job = Job {
        timeline: &tl,
        width: 32,
        height: 18,
        fps: 60.0,
        frames: 0..n,
        threads: 2,
    };
    let mut seen = 0;
    let r = pipeline::run(
        &job,
        &cancel,
        |_, _| {
            seen += 1;
            if seen == 200 {
                cancel.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            Ok(())
        },
        |_| {},
    );
    assert_eq!(r.unwrap_err(), "interrupted");
    assert!(seen >= 200);
}

/// A 64×32 picture: left quarter transparent, next quarter half-transparent white,
/// right half opaque red (premultiplied, as the renderer makes them).
fn alpha_picture() -> tiny_skia::Pixmap {
    let mut pm = tiny_skia::Pixmap::new(64, 32).unwrap();
    for (i, px) in pm.data_mut().chunks_exact_mut(4).enumerate() {
        let x = i % 64;
        let v: [u8; 4] = if x < 16 {
            [0, 0, 0, 0]
        } else if x < 32 {
            [128, 128, 128, 128]
        } else {
            [255, 0, 0, 255]
        };
        px.copy_from_slice(&v);
    }
    pm
}

/// Decodes the first frame of `path` with `decoder` (by name, or the default one) and returns
/// the alpha (0–255) at x = 8, 24 and 48 on row 16.
fn alpha_probe(path: &std::path::Path, decoder: Option<&str>) -> [u8; 3] {
    ff::init().unwrap();
    let mut ictx = ff::format::input(path).unwrap();
    let st = ictx.streams().best(ff::media::Type::Video).unwrap();
    let idx = st.index();
    let ctx = ff::codec::context::Context::from_parameters(st.parameters()).unwrap();
    let mut dec = match decoder {
        Some(n) => ctx
            .decoder()
            .open_as(ff::decoder::find_by_name(n).unwrap())
            .unwrap()
            .video()
            .unwrap(),
        None => ctx.decoder().video().unwrap(),
    };
    let mut f = ff::frame::Video::empty();
    let mut got = false;
    for (s, pkt) in ictx.packets() {
        if s.index() == idx {
            dec.send_packet(&pkt).unwrap();
            if dec.receive_frame(&mut f).is_ok() {
                got = true;
                break;
            }
        }
    }
    if !got {
        dec.send_eof().unwrap();
        dec.receive_frame(&mut f).unwrap();
    }
    let y = 16;
    let at = |x: usize| -> u8 {
        use ff::format::Pixel;
        match f.format() {
            Pixel::YUVA420P => f.data(3)[y * f.stride(3) + x],
            Pixel::YUVA444P10LE => {
                let p = &f.data(3)[y * f.stride(3) + 2 * x..];
                (u16::from_le_bytes([p[0], p[1]]) as u32 * 255 / 1023) as u8
            }
            Pixel::YUVA444P12LE => {
                let p = &f.data(3)[y * f.stride(3) + 2 * x..];
                (u16::from_le_bytes([p[0], p[1]]) as u32 * 255 / 4095) as u8
            }
            Pixel::BGRA | Pixel::RGBA | Pixel::ARGB | Pixel::ABGR => {
                let p = &f.data(0)[y * f.stride(0) + 4 * x..][..4];
                match f.format() {
                    Pixel::ARGB | Pixel::ABGR => p[0],
                    _ => p[3],
                }
            }
            Pixel::PAL8 => {
                let i = f.data(0)[y * f.stride(0) + x] as usize;
                f.data(1)[4 * i + 3]
            }
            other => panic!("{}: no alpha in {other:?}", path.display()),
        }
    };
    [at(8), at(24), at(48)]
}

#[test]
fn transparent_video_keeps_alpha_in_mov_webm_and_gif() {
    let d = common::tmpdir("alpha");
    let pm = alpha_picture();
    for (fmt, name, decoder, codec) in [
        (VideoFormat::Mov, "a.mov", None, "prores"),
        (VideoFormat::Webm, "a.webm", Some("libvpx-vp9"), "vp9"),
        (VideoFormat::Gif, "a.gif", None, "gif"),
    ] {
        let out = d.join(name);
        let cfg = VideoConfig {
            alpha: true,
            ..VideoConfig::new(fmt, 64, 32, FrameRate::new(10, 1).unwrap())
        };
        let mut sink = VideoSink::create(&out, &cfg).unwrap();
        for pass in 0..sink.passes() {
            if pass > 0 {
                sink.next_pass().unwrap();
            }
            for _ in 0..10 {
                sink.push(&pm).unwrap();
            }
        }
        sink.finish().unwrap();
        let (c, w, h, _, n) = common::probe(&out);
        assert!(c.contains(codec), "{name}: {c}");
        assert_eq!((w, h, n), (64, 32, 10), "{name}");
        let [clear, half, solid] = alpha_probe(&out, decoder);
        assert!(clear <= 2, "{name}: transparent pixel has alpha {clear}");
        assert!(solid >= 253, "{name}: opaque pixel has alpha {solid}");
        if fmt == VideoFormat::Gif {
            // One transparent index: half transparency is rounded to opaque.
            assert_eq!(half, 255, "{name}");
        } else {
            assert!(
                (half as i32 - 128).abs() <= 4,
                "{name}: half alpha is {half}"
            );
        }
    }
    // H.264 has no alpha: refused before anything is written.
    let cfg = VideoConfig {
        alpha: true,
        ..VideoConfig::new(VideoFormat::Mp4, 64, 32, FrameRate::new(10, 1).unwrap())
    };
    let err = VideoSink::create(&d.join("a.mp4"), &cfg).err().unwrap();
    assert!(err.contains("cannot keep transparency"), "{err}");
    assert!(!d.join("a.mp4").exists());
}

#[test]
fn variable_frame_rate_skips_held_frames_and_keeps_the_duration() {
    let d = common::tmpdir("vfr");
    let scene = d.join("held.scene");
    std::fs::write(
        &scene,
        "scene Held {\n    let d = dot([-3, 0], radius: 0.5, color: YELLOW)\n    add(d)\n    play(d.animate.shift(6 * RIGHT), run_time: 1, rate_func: linear)\n    wait(5)\n}\n",
    )
    .unwrap();
    let mut frames = Vec::new();
    for (flag, name) in [
        (None, "cfr.mp4"),
        (Some("--vfr"), "vfr.mp4"),
        (Some("--vfr"), "vfr.gif"),
    ] {
        let out = d.join(name);
        let mut args = vec![
            "render",
            scene.to_str().unwrap(),
            "-r",
            "64x36",
            "--fps",
            "10",
            "-o",
            out.to_str().unwrap(),
        ];
        args.extend(flag);
        if name.ends_with("gif") {
            args.extend(["--format", "gif"]);
        }
        let (ok, err) = valley(&args, &[]);
        assert!(ok, "{name}: {err}");
        let (_, dur, n) = timing(&out);
        if name.ends_with("gif") {
            let total: u32 = gif_delays(&out).iter().map(|&d| d as u32).sum();
            assert_eq!(total, 600, "{name}");
        } else {
            assert!((dur - 6.0).abs() < 0.05, "{name}: {dur} s");
        }
        frames.push(n);
    }
    assert_eq!(frames[0], 60);
    // Frames 0..=10 are drawn (frame 10 starts the wait), 11..59 held, frame 59 kept as the end.
    assert_eq!(frames[1], 12, "{frames:?}");
    assert_eq!(frames[2], 12, "{frames:?}");
}

#[test]
fn an_error_at_frame_time_names_the_frame_and_writes_nothing() {
    let d = common::tmpdir("frameerr");
    let scene = d.join("idx.scene");
    // The index is in range when the scene compiles (s = 0) and leaves it at s ≥ 2/3.
    std::fs::write(
        &scene,
        "scene Idx {\n    let s = tracker(0)\n    let l = [1, 2]\n    let d = dot([l[floor(s * 3)], 0])\n    add(d)\n    play(s.to(1), run_time: 1, rate_func: linear)\n}\n",
    )
    .unwrap();
    let out = d.join("idx.mp4");
    let (ok, err) = valley(
        &[
            "render",
            scene.to_str().unwrap(),
            "-r",
            "64x36",
            "--fps",
            "10",
            "-o",
            out.to_str().unwrap(),
        ],
        &[],
    );
    assert!(!ok);
    assert!(
        err.starts_with("error: frame 7 at 0.700 s: index 2 is out of range"),
        "{err}"
    );
    assert!(err.contains("idx.scene:4:18"), "{err}");
    assert!(!out.exists());
}

/// A render that fails in one part removes every part and leaves no output.
#[test]
fn a_failing_chunk_leaves_no_output_and_no_parts() {
    let d = common::tmpdir("chunkfail");
    let scene = d.join("moving.scene");
    std::fs::write(&scene, MOVING).unwrap();
    let out = d.join("out.mp4");
    let args = [
        "render",
        scene.to_str().unwrap(),
        "-r",
        "64x36",
        "--fps",
        "5",
        "--chunks",
        "3",
        "-o",
        out.to_str().unwrap(),
    ];
    let (ok, err) = valley(&args, &[(valley::pipeline::PANIC_ENV, "40")]);
    assert!(!ok, "{err}");
    assert!(err.contains("frame 40 at 8.000 s"), "{err}");
    assert!(!out.exists());
    common::assert_no_partials(&d);
    let (ok, err) = valley(&args, &[]);
    assert!(ok, "{err}");
    assert_eq!(timing(&out).2, 50);
    common::assert_no_partials(&d);
    let gif = d.join("out.gif");
    let (ok, err) = valley(
        &[
            "render",
            scene.to_str().unwrap(),
            "-r",
            "64x36",
            "--chunks",
            "2",
            "-o",
            gif.to_str().unwrap(),
        ],
        &[],
    );
    assert!(
        !ok && err.contains("--chunks 2 applies to mp4, mov and webm"),
        "{err}"
    );
}
