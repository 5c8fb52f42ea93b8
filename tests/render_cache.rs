//! The 3D renderer's cache (what stays the same from frame to frame is drawn once) changes no
//! pixel: frames drawn with it, in order or not, equal frames drawn alone.

mod common;

use valley::render::{render, render_into_cached, Cache};
use valley::timeline::Timeline;

/// A surface with a ball rolling on it and its trail, a translucent plane over it, a dot
/// moving in front that is added before everything (so it draws before the surface in ties),
/// two squares in one plane (one moving, one still), an overlay on a higher z_index that moves,
/// and a label added half-way (the objects' places change).
const SCENE: &str = r#"
fn f(x, y) = 0.6 * sin(1.5 * x) * cos(1.2 * y) + 0.1 * (x^2 + y^2)
fn flat(x, y) = 1.2
scene Cached {
    set_camera_orientation(phi: 60 * DEGREES, theta: -50 * DEGREES, zoom: 0.8)
    let e = tracker(0)
    let ax = axes3d(x_range: [-3, 3], y_range: [-3, 3], z_range: [-1, 3], x_length: 8, y_length: 8, z_length: 4)
    // An outline-less dot: its cut tiles once drew one sample of the glass over it 1/255 off
    // (a triangle's colour was stepped from where the cut started; now from the frame column).
    let mover = dot(ax.c2p(-2 + 4 * e, -2, 2), radius: 0.3, color: RED)
    let slide = square(side: 1.5, color: GREEN, fill_opacity: 1).shift([-2 + 2 * e, -3, 0])
    let still = square(side: 1.5, color: ORANGE, fill_opacity: 1).shift([-1, -3, 0])
    let surf = ax.plot_surface(f, u_range: [-3, 3], v_range: [-3, 3], resolution: 16, colors: [BLUE_D, BLUE_E])
    let glass = ax.plot_surface(flat, u_range: [-2, 2], v_range: [-2, 2], resolution: 4, colors: [WHITE, GREY], fill_opacity: 0.4, stroke_width: 0)
    let path = optimize(f, start: [2.5, 2.2], method: "momentum", momentum: 0.8, step: 0.05, steps: 40)
    let pts = [ax.c2p(p[0], p[1], f(p[0], p[1])) for p in path]
    let ball = rolling_ball(pts, [OUT for p in pts], e, radius: 0.25, colors: [RED, YELLOW])
    let trail = curve(pts, progress: e, color: RED)
    let badge = circle(radius: 0.5, color: YELLOW, fill_opacity: 1).shift([2 * e, 2, 1]).set_z_index(3)
    add(mover, slide, ax, still, surf, glass, ball, trail, badge)
    play(e.to(0.5), run_time: 0.5, rate_func: linear)
    add(square(side: 0.5, color: PINK, fill_opacity: 0.7).shift([3, 3, 0]))
    play(e.to(1), run_time: 0.5, rate_func: linear)
}
"#;

fn frames(tl: &Timeline, fps: f64) -> Vec<f64> {
    (0..tl.frame_count(fps)).map(|i| i as f64 / fps).collect()
}

/// Draws the frame at `t` into `pm` with `cache`, and checks that it equals the frame drawn
/// alone.
fn draw_checked(tl: &Timeline, t: f64, pm: &mut tiny_skia::Pixmap, cache: &Cache) {
    let frame = tl.state_at(t).unwrap();
    render_into_cached(&frame, pm, cache);
    let alone = render(&frame, pm.width(), pm.height());
    let differ = common::pixels::differing_by(pm, &alone, 0).len();
    assert_eq!(
        differ,
        0,
        "frame at {t} s: {differ} pixels differ ({}x{})",
        pm.width(),
        pm.height()
    );
}

fn same_frames(w: u32, h: u32, fps: f64, order: &[usize]) -> usize {
    let tl = common::compile_src(SCENE).unwrap();
    let times = frames(&tl, fps);
    let cache = Cache::default();
    let mut pm = tiny_skia::Pixmap::new(w, h).unwrap();
    for &i in order {
        draw_checked(&tl, times[i % times.len()], &mut pm, &cache);
    }
    cache.hits()
}

#[test]
fn cached_frames_equal_frames_drawn_alone() {
    // 16 samples per pixel, frames in order.
    let hits = same_frames(320, 180, 20.0, &(0..20).collect::<Vec<_>>());
    assert!(hits >= 10, "the cache drew only {hits} frames");
}

#[test]
fn cached_frames_equal_frames_drawn_alone_out_of_order_at_1080p() {
    // 4 samples per pixel; frames out of order, some twice.
    let order = [0, 1, 2, 3, 9, 8, 4, 5, 19, 6, 10, 11, 12, 3, 2];
    let hits = same_frames(1920, 1080, 20.0, &order);
    assert!(hits >= 5, "the cache drew only {hits} frames");
}

/// With one thread (every frame drawn on the caller's thread, between the sink's calls) and
/// with two, in order, every frame once, each equal to the frame drawn alone.
#[test]
fn frames_of_a_one_and_a_two_thread_render_equal_frames_drawn_alone() {
    use valley::pipeline::{self, Job};
    let tl = common::compile_src(SCENE).unwrap();
    let (w, h, fps) = (480, 270, 30.0);
    let n = tl.frame_count(fps);
    for threads in [1, 2] {
        let job = Job {
            timeline: &tl,
            width: w,
            height: h,
            fps,
            frames: 0..n,
            threads,
        };
        let never = std::sync::atomic::AtomicBool::new(false);
        let mut seen = 0;
        pipeline::run(
            &job,
            &never,
            |i, pm| {
                assert_eq!(i, seen, "frames out of order ({threads} threads)");
                let alone = pipeline::render_at(&tl, pipeline::frame_time(i, fps), w, h)?;
                assert!(
                    pm.data() == alone.data(),
                    "frame {i} differs ({threads} threads)"
                );
                seen += 1;
                Ok(())
            },
            |_| {},
        )
        .unwrap();
        assert_eq!(seen, n);
    }
}

/// A ball rolls the whole time; a surface fades in under it and then stays. Once the surface
/// has stopped changing, the layer (made of the axes while the surface faded in) grows to hold
/// it: it is most of the frame, and drawing it again in every frame is what the cache is for.
/// Every frame still equals the frame drawn alone. A dot added later is too small a part of the
/// frame to be worth a new layer.
#[test]
fn the_layer_grows_by_objects_that_stop_changing() {
    let src = r#"
fn f(x, y) = 0.5 * sin(x) * cos(y)
scene Grows {
    set_camera_orientation(phi: 60 * DEGREES, theta: -40 * DEGREES, zoom: 0.8)
    let e = tracker(0)
    let ax = axes3d(x_range: [-3, 3], y_range: [-3, 3], z_range: [-1, 1], x_length: 6, y_length: 6, z_length: 2)
    let ball = sphere(ax.c2p(-2 + 4 * e, 0, 1.2), radius: 0.3, color: RED)
    let surf = ax.plot_surface(f, u_range: [-3, 3], v_range: [-3, 3], resolution: 16, colors: [BLUE_D, BLUE_E])
    add(ax, ball)
    play(e.to(0.3), fade_in(surf), run_time: 0.5, rate_func: linear)
    play(e.to(0.6), run_time: 0.5, rate_func: linear)
    add(dot(ax.c2p(2, 2, 0), color: YELLOW))
    play(e.to(1), run_time: 0.5, rate_func: linear)
}
"#;
    let tl = common::compile_src(src).unwrap();
    let (w, h, fps) = (320, 180, 20.0);
    let cache = Cache::default();
    let mut pm = tiny_skia::Pixmap::new(w, h).unwrap();
    let mut layered_at_end_of_second_play = Vec::new();
    for (i, t) in frames(&tl, fps).into_iter().enumerate() {
        draw_checked(&tl, t, &mut pm, &cache);
        if i == 19 {
            layered_at_end_of_second_play = cache.layered();
        }
    }
    // Objects in add order: the axes (0), the ball (1), the surface (2), the dot (3).
    assert_eq!(
        layered_at_end_of_second_play,
        vec![0, 2],
        "the layer should hold the axes and the finished surface"
    );
    assert_eq!(
        cache.layered(),
        vec![0, 2],
        "a dot is not worth a new layer"
    );
    assert!(
        cache.hits() >= 15,
        "the cache drew only {} frames",
        cache.hits()
    );
}

/// A square under a z-indexed surface moves for a while, then stops. While it moves, what is
/// left of the layer cannot make one (the square lies in a lower z-index layer than the rest),
/// so that layer is given up; once the square has stopped, a new layer holds it and the frames
/// are drawn over it again (a review found the stale layer kept, and every later frame drawn
/// whole).
#[test]
fn a_layer_that_no_longer_fits_is_given_up() {
    let src = r#"
fn f(x, y) = 0.5 * sin(x) * cos(y)
scene Stale {
    set_camera_orientation(phi: 60 * DEGREES, theta: -40 * DEGREES, zoom: 0.8)
    let e = tracker(0)
    let g = tracker(0)
    let ax = axes3d(x_range: [-3, 3], y_range: [-3, 3], z_range: [-1, 1], x_length: 6, y_length: 6, z_length: 2).set_z_index(1)
    let surf = ax.plot_surface(f, u_range: [-3, 3], v_range: [-3, 3], resolution: 16, colors: [BLUE_D, BLUE_E]).set_z_index(1)
    let sq = square(side: 1, color: GREEN, fill_opacity: 1).shift([-2 + 4 * e, -3, 0])
    let ball = dot(ax.c2p(-2 + 4 * g, 2, 0), color: YELLOW).set_z_index(1)
    add(ax, surf, sq, ball)
    play(g.to(0.2), run_time: 0.5, rate_func: linear)
    play(e.to(1), run_time: 0.5, rate_func: linear)
    play(g.to(1), run_time: 2, rate_func: linear)
}
"#;
    let tl = common::compile_src(src).unwrap();
    let (w, h, fps) = (320, 180, 20.0);
    let cache = Cache::default();
    let mut pm = tiny_skia::Pixmap::new(w, h).unwrap();
    let times = frames(&tl, fps);
    let mut late_hits = 0;
    for t in times {
        let before = cache.hits();
        draw_checked(&tl, t, &mut pm, &cache);
        // The last second: the square has long stopped.
        if t >= 2.0 && cache.hits() > before {
            late_hits += 1;
        }
    }
    assert!(
        late_hits >= 15,
        "only {late_hits} of the last 20 frames were drawn over a layer"
    );
    assert_eq!(
        cache.layered(),
        vec![0, 1, 2],
        "axes, surface and the stopped square"
    );
}
