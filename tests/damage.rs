//! Drawing only the rows that changed (`render::render_over`) gives the same pixels as drawing
//! the frame afresh, on every scene of the repository, 2D and 3D, whatever frame the pixmap
//! showed before: the one just before (one render thread), a few before (a pool of buffers), or
//! a later one.

mod common;

use valley::lang::Program;
use valley::render::{changed_rows, render, render_over, Cache, Clip, Frame, Shown};

const W: u32 = 960;
const H: u32 = 540;
/// Frames a second sampled (every scene's whole length).
const FPS: f64 = 6.0;
/// 3D scenes, drawn with 16 samples a pixel, at a quarter of the size and fewer frames.
const W3: u32 = 480;
const H3: u32 = 270;
const FPS3: f64 = 3.0;

/// Draws `order`'s frames over each other into one pixmap and compares each with a fresh
/// render; returns how many frames were drawn partly (so that the test shows it tested
/// something) and the first difference found.
fn check(
    frames: &[Frame],
    order: &[usize],
    cache: &Cache,
    (w, h): (u32, u32),
) -> (usize, Option<String>) {
    let mut pm = tiny_skia::Pixmap::new(w, h).unwrap();
    let mut clip = Clip::default();
    let mut shown: Option<(usize, Shown)> = None;
    let mut partial = 0;
    for &i in order {
        let before = shown.as_ref().map(|s| &s.1);
        let drawn = render_over(&frames[i], &mut pm, before, &mut clip, cache);
        if drawn.rows.is_some() {
            partial += 1;
        }
        let over = shown.as_ref().map(|s| s.0);
        shown = drawn.shows.map(|s| (i, s));
        let alone = render(&frames[i], w, h);
        let differ = common::pixels::differing_by(&pm, &alone, 0);
        if !differ.is_empty() {
            return (
                partial,
                Some(format!(
                    "frame {i} drawn over frame {over:?}: {} pixels differ, at {}",
                    differ.len(),
                    common::pixels::where_(&differ, w, h)
                )),
            );
        }
    }
    (partial, None)
}

#[test]
fn frames_drawn_over_others_equal_frames_drawn_alone() {
    let mut failures = Vec::new();
    let (mut partial, mut total) = (0, 0);
    let (mut partial_3d, mut total_3d) = (0, 0);
    for file in common::scene_files() {
        let prog = Program::load(&file).unwrap_or_else(|d| panic!("{d}"));
        for name in prog.scene_names() {
            let tl = prog.compile(Some(&name)).unwrap_or_else(|d| panic!("{d}"));
            let three_d = tl.state_at(0.0).unwrap().camera.perspective;
            let (fps, size) = if three_d {
                (FPS3, (W3, H3))
            } else {
                (FPS, (W, H))
            };
            let n = tl.frame_count(fps);
            let frames: Vec<Frame> = (0..n)
                .map(|i| tl.state_at(i as f64 / fps).unwrap())
                .collect();
            let cache = Cache::default();
            let forwards: Vec<usize> = (0..n).collect();
            // As a pool of four buffers cycles: each frame drawn over the one four before.
            let pooled: Vec<usize> = (0..4).flat_map(|k| (k..n).step_by(4)).collect();
            let backwards: Vec<usize> = (0..n).rev().collect();
            for (how, order) in [
                ("forwards", forwards),
                ("every fourth", pooled),
                ("backwards", backwards),
            ] {
                let (p, fail) = check(&frames, &order, &cache, size);
                if three_d {
                    partial_3d += p;
                    total_3d += order.len();
                } else {
                    partial += p;
                    total += order.len();
                }
                if let Some(f) = fail {
                    failures.push(format!("{} {name} ({how}): {f}", file.display()));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The mechanism has to be exercised: most frames of these explainers change in a part.
    assert!(
        partial * 3 > total,
        "only {partial} of {total} 2D frames were drawn partly"
    );
    assert!(
        partial_3d * 4 > total_3d,
        "only {partial_3d} of {total_3d} 3D frames were drawn partly"
    );
    println!(
        "2D: {partial} of {total} frames drawn partly; 3D: {partial_3d} of {total_3d}; all equal to fresh renders"
    );
}

/// A dot moving over a still grid: only the rows the dot leaves and reaches are drawn again,
/// and a change of background redraws everything.
#[test]
fn only_the_rows_a_moving_dot_covers_change() {
    let tl = common::compile_src(
        r#"
scene S {
    let e = tracker(0)
    let d = dot([-4 + 8 * e, 0, 0], radius: 0.2, color: RED)
    add(number_plane(), d)
    play(e.to(1), run_time: 1, rate_func: linear)
}
"#,
    )
    .unwrap();
    let (a, b) = (tl.state_at(0.2).unwrap(), tl.state_at(0.3).unwrap());
    let bands = changed_rows(&a, &b, W, H).expect("a partial redraw");
    assert_eq!(bands.len(), 1, "{bands:?}");
    let rows = bands[0].end - bands[0].start;
    // The dot is 0.4 units = 27 px across (960 px for the frame's 14.2 units), and it moved
    // sideways: its rows and a few of margin, not the plane's.
    assert!((27..40).contains(&rows), "{bands:?}");
    let mut blue = b.clone();
    blue.background = Some(valley::scene::Color::from_hex("#0000FF").unwrap());
    assert_eq!(changed_rows(&a, &blue, W, H), None);
    // Nothing changed: nothing to draw.
    assert_eq!(changed_rows(&b, &b.clone(), W, H), Some(vec![]));
}

/// Through the pipeline, as videos are made: pooled pictures remember the frame they show (a
/// held frame, a worker's own pixmap, the pool's order), and every picture handed to the
/// encoder equals a fresh render converted whole, at one thread and at two.
#[test]
fn the_pipeline_hands_the_encoder_what_fresh_renders_give() {
    use std::sync::atomic::AtomicBool;
    use valley::encode::{FrameRate, VideoConfig, VideoFormat, VideoSink};
    use valley::pipeline::{run_pictures, Job};
    let (w, h, fps) = (640, 360, 15.0);
    let out = common::tmpdir("damage-pipeline").join("x.mp4");
    for (file, from) in [
        ("scenes/gradient_descent/one_dimensional_gd.scene", 0),
        ("scenes/examples/manim/moving_frame_box.scene", 0),
        // 3D, under a still camera: frames drawn over the cache's layer.
        ("scenes/gradient_descent/converging_execution.scene", 0),
    ] {
        let tl = common::compile_file(file, None);
        let n = tl.frame_count(fps);
        for threads in [1, 2] {
            let job = Job {
                timeline: &tl,
                width: w,
                height: h,
                fps,
                frames: from..n,
                threads,
            };
            let cfg = VideoConfig::new(VideoFormat::Mp4, w, h, FrameRate::new(15, 1).unwrap());
            let conv = VideoSink::create(&out, &cfg).unwrap().converter();
            let mut bad = Vec::new();
            let stats = run_pictures(&job, &AtomicBool::new(false), conv, |i, pic| {
                let fresh = render(&tl.state_at(i as f64 / fps).unwrap(), w, h);
                let mut want = conv.alloc();
                conv.convert(&fresh, &mut want);
                if pic.planes() != want.planes() {
                    bad.push(i);
                }
                Ok(())
            })
            .unwrap();
            assert!(
                bad.is_empty(),
                "{file}, {threads} thread(s): {} frames differ from fresh renders, the first {:?}",
                bad.len(),
                &bad[..bad.len().min(10)]
            );
            assert_eq!(stats.frames, n - from);
        }
    }
}

/// Objects whose rows lie far beyond any integer (a circle of radius 5·10⁷ fading in, a
/// plane under a camera a ten-millionth of a unit wide): the whole frame is drawn again, never
/// nothing.
#[test]
fn huge_objects_redraw_the_whole_frame() {
    for src in [
        r#"scene S {
    add(number_plane())
    play(fade_in(circle(radius: 5e7, color: BLUE, fill_opacity: 1)))
}"#,
        r#"scene S {
    let sq = square(color: RED, fill_opacity: 1)
    add(number_plane(), sq)
    camera.set_width(1e-7)
    play(sq.animate.set_color(GREEN))
}"#,
    ] {
        let tl = common::compile_src(src).unwrap();
        let n = tl.frame_count(FPS);
        let frames: Vec<Frame> = (0..n)
            .map(|i| tl.state_at(i as f64 / FPS).unwrap())
            .collect();
        let order: Vec<usize> = (0..n).collect();
        let (_, fail) = check(&frames, &order, &Cache::default(), (W, H));
        assert!(fail.is_none(), "{src}: {}", fail.unwrap());
    }
}

/// A 3D frame with an object fixed in the frame (drawn flat over the 3D pass) shows more than
/// the cache's layer and its own rectangles: the frames after it are drawn whole, those before
/// it partly, and all equal fresh renders.
#[test]
fn a_label_fixed_in_the_frame_over_a_3d_layer() {
    let tl = common::compile_src(
        r#"
scene S {
    set_camera_orientation(phi: 60 * DEGREES, theta: -40 * DEGREES)
    let e = tracker(0)
    let ax = axes3d()
    let d = dot(ax.c2p(-3 + 6 * e, 0, 0), color: RED)
    add(ax, d)
    play(e.to(0.5), run_time: 1, rate_func: linear)
    add_fixed_in_frame_mobjects(text("label").to_corner(UL))
    play(e.to(1), run_time: 1, rate_func: linear)
}
"#,
    )
    .unwrap();
    let n = tl.frame_count(FPS);
    let frames: Vec<Frame> = (0..n)
        .map(|i| tl.state_at(i as f64 / FPS).unwrap())
        .collect();
    let order: Vec<usize> = (0..n).chain((0..n).rev()).collect();
    let (partial, fail) = check(&frames, &order, &Cache::default(), (W3, H3));
    assert!(fail.is_none(), "{}", fail.unwrap());
    assert!(partial > 0, "no frame was drawn partly");
}
