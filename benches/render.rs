//! Benchmark: OneDimensionalGradientDescent at 1080p60 — rendering alone with 1 and 2 threads,
//! the full MP4 encode, peak RSS; and typesetting the video's largest formula.
//! Run with `cargo bench --bench render` (prints figures; not a pass/fail test).

use std::sync::atomic::AtomicBool;
use std::time::Instant;

use valley::encode::{FrameRate, VideoConfig, VideoFormat, VideoSink};
use valley::lang::Program;
use valley::pipeline::{self, Job};
use valley::timeline::Timeline;

fn peak_rss_mb() -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

/// User + system CPU seconds this process has used so far (all its threads).
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage writes into the struct it is given.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    tv(u.ru_utime) + tv(u.ru_stime)
}

fn main() {
    // As valley's own main does (src/main.rs): big buffers from mmap, returned when freed.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: an allocator setting, before any thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
    // `VALLEY_BENCH=3d` runs only the 3D case (for before/after runs of the 3D renderer).
    if std::env::var("VALLEY_BENCH").as_deref() == Ok("3d") {
        bench_3d();
        return;
    }
    // `VALLEY_BENCH=vocab` runs only the vocabulary case (code, SVG, vector field).
    if std::env::var("VALLEY_BENCH").as_deref() == Ok("vocab") {
        bench_vocab();
        return;
    }
    let root = env!("CARGO_MANIFEST_DIR");
    let prog = Program::load(std::path::Path::new(&format!(
        "{root}/scenes/gradient_descent/one_dimensional_gd.scene"
    )))
    .unwrap();
    let tl = prog.compile(None).unwrap();
    // `cargo bench --bench render -- floor` runs only the encoder-floor case.
    if std::env::args().any(|a| a == "floor") {
        bench_encode_floor(&tl);
        println!("peak RSS: {:.0} MB", peak_rss_mb());
        return;
    }
    let (w, h, fps) = (1920, 1080, 60.0);
    let n = tl.frame_count(fps);
    println!(
        "OneDimensionalGradientDescent: {:.2} s, {n} frames at {w}x{h}@{fps}",
        tl.duration()
    );
    for threads in [1, 2] {
        let job = Job {
            timeline: &tl,
            width: w,
            height: h,
            fps,
            frames: 0..n,
            threads,
        };
        let t = Instant::now();
        pipeline::run(&job, &AtomicBool::new(false), |_, _| Ok(()), |_| {}).unwrap();
        let s = t.elapsed().as_secs_f64();
        println!(
            "render only, {threads} thread(s): {s:.2} s wall, {:.1} frames/s",
            n as f64 / s
        );
    }
    let out = std::env::temp_dir().join("valley-bench.mp4");
    let job = Job {
        timeline: &tl,
        width: w,
        height: h,
        fps,
        frames: 0..n,
        threads: 2,
    };
    let t = Instant::now();
    let cfg = VideoConfig::new(VideoFormat::Mp4, w, h, FrameRate::new(60, 1).unwrap());
    let mut sink = VideoSink::create(&out, &cfg).unwrap();
    pipeline::run_into(&job, &AtomicBool::new(false), &mut sink, |_| {}).unwrap();
    sink.finish().unwrap();
    let s = t.elapsed().as_secs_f64();
    println!(
        "render + H.264 encode, 2 threads: {s:.2} s wall, {:.1} frames/s",
        n as f64 / s
    );
    let _ = std::fs::remove_file(&out);

    // Typesetting the largest formula of the video (cold, then warm glyph cache).
    let funky = r"f(x, y) &= 0.3 \Biggl[5xy(1 - x)(1 - y)\cos(10y)\sin(10xy)e^x\\ &+ \exp{-\frac{(y - 0.4)^2 + (x - 0.2)^2}{0.03}} \\&+ 0.6 \exp{-\frac{(v - 0.4)^2}{0.03}} \sin(25 x) (1 - x)^2 \\&+ 1.4 \exp{-\frac{(y - 0.6)^2}{0.02}} \Bigl(\exp{-\frac{(x - 0.7)^2}{0.02}} - \exp{-\frac{(x - 0.4)^2}{0.02}}\Bigr)\Biggr]";
    let t = Instant::now();
    valley::scene::text::math(&[funky], 30.0, valley::scene::Color::WHITE).unwrap();
    let cold = t.elapsed().as_secs_f64() * 1000.0;
    let reps = 200;
    let t = Instant::now();
    for _ in 0..reps {
        valley::scene::text::math(&[funky], 30.0, valley::scene::Color::WHITE).unwrap();
    }
    let warm = t.elapsed().as_secs_f64() * 1000.0 / reps as f64;
    println!("typeset 'funky' (parse + layout + outlines): {cold:.2} ms cold, {warm:.3} ms warm");
    bench_3d();
    bench_groups();
    bench_vocab();
    bench_encode_floor(&tl);
    println!("peak RSS: {:.0} MB", peak_rss_mb());
}

/// The 3D case: a 100 × 100 surface with a rolling ball, depth-sorted, at 1080p; under a still
/// camera (the cache draws the surface once) and a turning one (every frame drawn whole: the
/// rasteriser's own speed).
fn bench_3d() {
    let n = 60;
    for (name, turning) in [("still camera", false), ("turning camera", true)] {
        let tl = rolling_scene_with(2.0, turning);
        println!(
            "3D: 100x100 surface (10,000 faces) + rolling ball, 1920x1080, {n} frames, {name}"
        );
        render_3d(&tl, n);
    }
}

fn render_3d(tl: &Timeline, n: usize) {
    for threads in [1, 2] {
        let job = Job {
            timeline: tl,
            width: 1920,
            height: 1080,
            fps: 30.0,
            frames: 0..n,
            threads,
        };
        let t = Instant::now();
        pipeline::run(&job, &AtomicBool::new(false), |_, _| Ok(()), |_| {}).unwrap();
        let s = t.elapsed().as_secs_f64();
        println!(
            "3D render only, {threads} thread(s): {:.1} ms/frame",
            s * 1000.0 / n as f64
        );
    }
}

/// Group animations: CatDog's network is built by writing up to 49 lines at once (frames 0–27,
/// 1.8 s at 15 fps), rendered at 1080p.
fn bench_groups() {
    let root = env!("CARGO_MANIFEST_DIR");
    let tl = Program::load(std::path::Path::new(&format!(
        "{root}/scenes/gradient_descent/cat_dog.scene"
    )))
    .unwrap()
    .compile(None)
    .unwrap();
    let job = Job {
        timeline: &tl,
        width: 1920,
        height: 1080,
        fps: 15.0,
        frames: 0..27,
        threads: 2,
    };
    let t = Instant::now();
    pipeline::run(&job, &AtomicBool::new(false), |_, _| Ok(()), |_| {}).unwrap();
    println!(
        "group writes (CatDog frames 0..27, 1080p, 2 threads): {:.1} ms/frame",
        t.elapsed().as_secs_f64() * 1000.0 / 27.0
    );
}

/// The 3D scene of the benches: a 100 × 100 surface under a ball rolling along a momentum path
/// for `run_time` seconds (Bench3D: 2 s; the encoder-floor bench: 10 s).
fn rolling_scene(run_time: f64) -> Timeline {
    rolling_scene_with(run_time, false)
}

/// `rolling_scene`, with the camera turning about the vertical axis if `turning`.
fn rolling_scene_with(run_time: f64, turning: bool) -> Timeline {
    let turn = if turning {
        "begin_ambient_camera_rotation(rate: 0.2)"
    } else {
        ""
    };
    let src = format!(
        r#"
fn f(x, y) = 0.6 * sin(1.5 * x) * cos(1.2 * y) + 0.1 * (x^2 + y^2)
scene Rolling {{
    set_camera_orientation(phi: 60 * DEGREES, theta: -50 * DEGREES, zoom: 0.8)
    let ax = axes3d(x_range: [-3, 3], y_range: [-3, 3], z_range: [-1, 3], x_length: 8, y_length: 8, z_length: 4)
    let surf = ax.plot_surface(f, u_range: [-3, 3], v_range: [-3, 3], resolution: 100, colors: [BLUE_D, BLUE_E])
    let path = optimize(f, start: [2.5, 2.2], method: "momentum", momentum: 0.8, step: 0.05, steps: 80)
    let pts = [ax.c2p(p[0], p[1], f(p[0], p[1])) for p in path]
    let ns = [OUT for p in path]
    let e = tracker(0)
    let ball = rolling_ball(pts, ns, e, radius: 0.25, colors: [RED, YELLOW])
    let trail = curve(pts, progress: e, color: RED)
    add(ax, surf, ball, trail)
    {turn}
    play(e.to(1), run_time: {run_time}, rate_func: linear)
}}
"#
    );
    Program::from_source("rolling.scene", src)
        .unwrap()
        .compile(None)
        .unwrap()
}

/// valley's render + encode of 600 frames at 1920×1080 60 fps against x264 encoding the same
/// frames alone (same settings, frames already converted and in memory), for a 2D and a 3D
/// case, at 1 and 2 threads (render workers and x264 threads alike).
fn bench_encode_floor(two_d: &Timeline) {
    let three_d = rolling_scene(10.0);
    let (w, h) = (1920, 1080);
    let out = std::env::temp_dir().join("valley-bench-floor.mp4");
    println!("encoder floor: 600 frames, {w}x{h} @ 60 fps, H.264 (valley's default settings)");
    {
        let cfg = VideoConfig::new(VideoFormat::Mp4, w, h, FrameRate::new(60, 1).unwrap());
        let conv = VideoSink::create(&out, &cfg).unwrap().converter();
        let pm = pipeline::render_at(two_d, 5.0, w, h).unwrap();
        let mut pic = conv.alloc();
        let reps = 200;
        let t = Instant::now();
        for _ in 0..reps {
            conv.convert(&pm, &mut pic);
        }
        println!(
            "  RGBA -> YUV 4:2:0 conversion: {:.2} ms/frame",
            t.elapsed().as_secs_f64() * 1000.0 / reps as f64
        );
    }
    // What building the scene state costs per frame (the deep clones of static objects, the
    // rebuilds of live ones), apart from drawing and encoding.
    for (name, tl) in [("2D", two_d), ("3D", &three_d)] {
        let t = Instant::now();
        for i in 0..600 {
            std::hint::black_box(tl.state_at(i as f64 / 60.0).unwrap());
        }
        println!(
            "  {name} state_at alone: {:.2} ms/frame",
            t.elapsed().as_secs_f64() * 1000.0 / 600.0
        );
    }
    // Wall times vary by 10–20 % from run to run here (the encoder alone too), so each case
    // runs `VALLEY_FLOOR_REPS` times (default 3), render+encode and encode alone in turn at 1
    // and 2 threads, and the medians are compared. `VALLEY_FLOOR_CASE=2d` or `3d` runs one
    // case only.
    let reps: usize = std::env::var("VALLEY_FLOOR_REPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .max(1);
    let only = std::env::var("VALLEY_FLOOR_CASE").unwrap_or_default();
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    for (name, tl) in [
        ("2D OneDimensionalGD", two_d),
        ("3D rolling ball", &three_d),
    ] {
        if !only.is_empty() && !name.to_lowercase().starts_with(&only.to_lowercase()) {
            continue;
        }
        let job = |threads| Job {
            timeline: tl,
            width: w,
            height: h,
            fps: 60.0,
            frames: 0..600,
            threads,
        };
        let cfg = |threads| VideoConfig {
            threads,
            ..VideoConfig::new(VideoFormat::Mp4, w, h, FrameRate::new(60, 1).unwrap())
        };
        // The frames the encoder alone is given: the same pictures at any thread count.
        let never = AtomicBool::new(false);
        let mut pics = Vec::with_capacity(600);
        let conv = VideoSink::create(&out, &cfg(1)).unwrap().converter();
        pipeline::run_pictures(&job(1), &never, conv, |_, p| {
            pics.push(p.clone());
            Ok(())
        })
        .unwrap();
        // 1 and 2 threads take turns within each repetition, so that the speed-up of 2 threads
        // over 1 is a ratio of runs made side by side, not of runs a minute apart (this
        // machine's speed drifts by 5–10 % over minutes).
        let mut fulls = [Vec::new(), Vec::new()];
        let mut alones = [Vec::new(), Vec::new()];
        let mut ratios = [Vec::new(), Vec::new()];
        let (mut speedups, mut alone_speedups) = (Vec::new(), Vec::new());
        // 3D only: the 2 threads in two lanes (`--chunks 2`), each with one render thread and
        // one x264 thread, beside the same pair: what two independent encoders make of the two
        // cores (not the default on 2 cores: a second x264 costs about 90 MB at 1080p, and each
        // part its own key frame).
        let lanes = name.starts_with("3D");
        let (mut parts, mut part_speedups) = (Vec::new(), Vec::new());
        for rep in 1..=reps {
            for threads in [1, 2] {
                let (t, cpu0) = (Instant::now(), cpu_seconds());
                let mut sink = VideoSink::create(&out, &cfg(threads)).unwrap();
                let stats = pipeline::run_into(&job(threads), &never, &mut sink, |_| {}).unwrap();
                sink.finish().unwrap();
                let full = t.elapsed().as_secs_f64();
                let cpu = cpu_seconds() - cpu0;
                let (t, cpu0) = (Instant::now(), cpu_seconds());
                let mut sink = VideoSink::create(&out, &cfg(threads)).unwrap();
                for p in &mut pics {
                    sink.push_picture(p).unwrap();
                }
                sink.finish().unwrap();
                let alone = t.elapsed().as_secs_f64();
                let cpu_alone = cpu_seconds() - cpu0;
                // CPU time over wall time: how many cores each run kept busy (a "1 thread"
                // run that shows more than 1 ran something beside its one thread).
                println!(
                    "  {name}, {threads} thread(s), run {rep}: render+encode {full:.2} s ({cpu:.2} s CPU, {:.2} cores), encode alone {alone:.2} s ({cpu_alone:.2} s CPU, {:.2} cores), ratio {:.2} ({} held frames)",
                    cpu / full,
                    cpu_alone / alone,
                    full / alone,
                    stats.held
                );
                fulls[threads - 1].push(full);
                alones[threads - 1].push(alone);
                ratios[threads - 1].push(full / alone);
            }
            speedups.push(fulls[0][rep - 1] / fulls[1][rep - 1]);
            alone_speedups.push(alones[0][rep - 1] / alones[1][rep - 1]);
            if lanes {
                let t = Instant::now();
                pipeline::run_chunked(&job(2), &never, &cfg(2), &out, 2, |_| {}).unwrap();
                let s = t.elapsed().as_secs_f64();
                println!("  {name}, 2 threads in 2 lanes, run {rep}: render+encode {s:.2} s");
                parts.push(s);
                part_speedups.push(fulls[0][rep - 1] / s);
            }
        }
        for threads in [1, 2] {
            let i = threads - 1;
            let (full, alone, ratio) = (
                median(&mut fulls[i]),
                median(&mut alones[i]),
                median(&mut ratios[i]),
            );
            println!(
                "  {name}, {threads} thread(s), median of {reps}: render+encode {full:.2} s, encode alone {alone:.2} s, ratio {ratio:.2}"
            );
        }
        println!(
            "  {name}, render+encode: 2 threads {:.2}x faster than 1 (median of {reps} side-by-side pairs)",
            median(&mut speedups)
        );
        // What one x264 makes of a second thread on the same frames: render+encode can beat
        // it only by the part of the drawing that two threads hide in x264's idle time.
        println!(
            "  {name}, encode alone: 2 threads {:.2}x faster than 1 (median of {reps} side-by-side pairs)",
            median(&mut alone_speedups)
        );
        if lanes {
            println!(
                "  {name}, render+encode in 2 lanes: median {:.2} s, 2 threads {:.2}x faster than 1 (median of {reps} side-by-side pairs)",
                median(&mut parts),
                median(&mut part_speedups)
            );
        }
    }
    let _ = std::fs::remove_file(&out);
}

/// Manim's vocabulary at 1080p60 on 2 threads: a highlighted Code listing, an SVG and a
/// vector field with flowing stream lines (benches/vocab.scene). Says whether rendering keeps
/// up with real time.
fn bench_vocab() {
    let root = env!("CARGO_MANIFEST_DIR");
    let t = Instant::now();
    let prog = Program::load(std::path::Path::new(&format!("{root}/benches/vocab.scene"))).unwrap();
    let tl = prog.compile(None).unwrap();
    let compile = t.elapsed().as_secs_f64();
    let (w, h, fps) = (1920, 1080, 60.0);
    let n = tl.frame_count(fps);
    let job = Job {
        timeline: &tl,
        width: w,
        height: h,
        fps,
        frames: 0..n,
        threads: 2,
    };
    let t = Instant::now();
    pipeline::run(&job, &AtomicBool::new(false), |_, _| Ok(()), |_| {}).unwrap();
    let s = t.elapsed().as_secs_f64();
    let speed = tl.duration() / s;
    println!(
        "vocabulary (code + SVG + vector field), {n} frames at {w}x{h}@{fps}, 2 threads: compile {compile:.2} s, render {s:.2} s wall, {:.1} frames/s, {speed:.2}x real time ({})",
        n as f64 / s,
        if speed >= 1.0 { "faster than real time" } else { "SLOWER than real time" }
    );
}
