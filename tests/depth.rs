//! Depth is right in 3D: the depth test scene, probed pixel by pixel. A red arrow runs behind a
//! hill: its middle is hidden by the hill, its ends show. A blue arrow and a ball in front are
//! whole. (Manim's renderer draws every arrow over every surface; valley must not.)

mod common;

use valley::geom::Vec3;
use valley::render::{render, View};

#[test]
fn arrow_behind_a_hill_is_hidden_only_where_the_hill_is_in_front() {
    let tl = common::compile_file("scenes/examples/depth_test.scene", None);
    let frame = tl.state_at(0.0).unwrap();
    let (w, h) = (854, 480);
    let pm = render(&frame, w, h);
    let view = View::new(&frame.camera, w, h);
    // The axes are centred: data (x, y, z) is scene (x, y, z − 1) (z range −1…3).
    let c2p = |x: f64, y: f64, z: f64| Vec3::new(x, y, z - 1.0);
    let px = |p: Vec3| {
        let (x, y) = view.to_px(p);
        let c = pm.pixel(x.round() as u32, y.round() as u32).unwrap();
        (c.red(), c.green(), c.blue())
    };
    let is = |c: (u8, u8, u8), hex: &str| {
        let t = valley::scene::Color::from_hex(hex).unwrap();
        let d = (c.0 as f32 - t.r * 255.0).abs()
            + (c.1 as f32 - t.g * 255.0).abs()
            + (c.2 as f32 - t.b * 255.0).abs();
        d < 40.0
    };
    let greenish = |c: (u8, u8, u8)| c.1 > c.0 + 20 && c.1 > c.2 + 20;
    // Red arrow: hidden behind the peak, visible at both ends.
    let mid = px(c2p(0.0, 2.5, 1.0));
    assert!(
        !is(mid, "#FC6255") && greenish(mid),
        "middle of the far arrow should be hidden: {mid:?}"
    );
    for x in [-3.0, 2.6] {
        let end = px(c2p(x, 2.5, 1.0));
        assert!(
            is(end, "#FC6255"),
            "far arrow at x = {x} should show: {end:?}"
        );
    }
    // Blue arrow in front: visible in the middle, where the hill is behind it.
    let front = px(c2p(0.0, -3.0, 0.3));
    assert!(is(front, "#58C4DD"), "front arrow: {front:?}");
    // The ball in the valley, in front of the hill: yellow at its centre.
    let ball = px(c2p(0.0, -2.2, 0.7));
    // Yellow, lit or not: strong red and green, clearly less blue.
    assert!(
        ball.0 > 200 && ball.1 > 180 && (ball.2 as u16) + 60 < ball.0 as u16,
        "ball: {ball:?}"
    );
    // The peak itself is drawn (green), above where the arrow is hidden.
    assert!(greenish(px(c2p(0.0, 0.0, 2.4))));
}

fn compile(src: &str) -> valley::timeline::Timeline {
    valley::lang::Program::from_source("probe.scene", src.to_string())
        .unwrap_or_else(|d| panic!("{d}"))
        .compile(None)
        .unwrap_or_else(|d| panic!("{d}"))
}

fn rgb(pm: &tiny_skia::Pixmap, x: f32, y: f32) -> [i32; 3] {
    let c = pm
        .pixel(
            (x.round().max(0.0) as u32).min(pm.width() - 1),
            (y.round().max(0.0) as u32).min(pm.height() - 1),
        )
        .unwrap();
    [c.red() as i32, c.green() as i32, c.blue() as i32]
}

fn dist(a: [i32; 3], b: valley::scene::Color) -> i32 {
    (a[0] - (b.r * 255.0) as i32).abs()
        + (a[1] - (b.g * 255.0) as i32).abs()
        + (a[2] - (b.b * 255.0) as i32).abs()
}

#[test]
fn every_arrow_of_multiple_paths_shows_where_its_surface_faces_the_camera() {
    let tl = common::compile_file("scenes/gradient_descent/multiple_paths.scene", None);
    let frame = tl.state_at(tl.duration()).unwrap();
    let (w, h) = (854, 480);
    let pm = render(&frame, w, h);
    let view = View::new(&frame.camera, w, h);
    let leaves: Vec<&valley::scene::Mobject> =
        frame.objects.iter().flat_map(|m| m.leaves()).collect();
    let faces: Vec<(Vec3, Vec3)> = leaves
        .iter()
        .filter(|l| l.style.shade && l.path.subpaths.len() == 1)
        .map(|l| {
            let sp = &l.path.subpaths[0];
            let p: Vec<Vec3> = sp.segments.iter().map(|s| s.to).collect();
            let c = p.iter().fold(Vec3::ZERO, |a, &b| a + b) / p.len() as f64;
            let n = (p[2] - p[0]).cross(p[3] - p[1]).normalize();
            (c, n)
        })
        .collect();
    assert!(faces.len() >= 400, "the surface: {} faces", faces.len());
    let eye = frame.camera.eye();
    // The start sphere covers the arrows' first points: those are not the surface's doing.
    let ball: Vec<&&valley::scene::Mobject> = leaves
        .iter()
        .filter(|l| l.style.shade && Some(l.style.fill) == valley::scene::Color::named("YELLOW"))
        .collect();
    assert!(!ball.is_empty(), "the start sphere");
    let (mut lo, mut hi) = (Vec3::new(1e9, 1e9, 1e9), Vec3::new(-1e9, -1e9, -1e9));
    for b in &ball {
        let (a, c) = b.path.bounds().unwrap();
        lo = lo.min(a);
        hi = hi.max(c);
    }
    let (ball_c, ball_r) = ((lo + hi) / 2.0, (hi - lo).length() / 2.0 + 0.05);
    let names = ["RED", "YELLOW", "GREEN"];
    let colors = names.map(|n| valley::scene::Color::named(n).unwrap());
    let mut arrows = 0;
    for l in &leaves {
        let st = &l.style;
        let Some(&name) = names
            .iter()
            .find(|n| valley::scene::Color::named(n) == Some(st.stroke))
        else {
            continue;
        };
        if st.fill_opacity > 0.0 || st.stroke_width <= 0.0 || l.path.length() < 0.05 {
            continue;
        }
        arrows += 1;
        let color = valley::scene::Color::named(name).unwrap();
        let (mut shown, mut facing) = (0, 0);
        let mut missing = Vec::new();
        for i in 0..=40 {
            let p = l.path.point_at_proportion(i as f64 / 40.0).unwrap();
            if (p - ball_c).length() < ball_r {
                continue;
            }
            // The face under the point: the nearest face centre.
            let (_, n) = faces
                .iter()
                .min_by(|a, b| (a.0 - p).length().total_cmp(&(b.0 - p).length()))
                .unwrap();
            let toward = (eye - p).normalize();
            if n.dot(toward).abs() < 0.05 {
                continue;
            }
            // Faces toward the camera: the side of the surface the arrow lies on is the lit,
            // visible side when the normal (either way round) points at the eye from above.
            if n.dot(toward) * n.dot(Vec3::new(0.0, 0.0, 1.0)).signum() <= 0.0 {
                continue;
            }
            facing += 1;
            let (x, y) = view.to_px(p);
            let near = (-1..=1)
                .flat_map(|dx| (-1..=1).map(move |dy| (dx as f32, dy as f32)))
                .any(|(dx, dy)| {
                    let c = rgb(&pm, x + dx, y + dy);
                    // Its own colour, or another arrow drawn over it where paths cross.
                    dist(c, color) < 90 || colors.iter().any(|&o| dist(c, o) < 60)
                });
            if near {
                shown += 1;
            } else {
                missing.push((i, rgb(&pm, x, y)));
            }
        }
        assert!(
            facing == 0 || shown as f64 >= 0.95 * facing as f64,
            "{name} arrow {arrows} ({:?}): {shown} of {facing} points shown; missing {missing:?}",
            view.to_px(l.path.subpaths[0].start)
        );
    }
    // Three paths of ten arrows (the last, shortest ones have almost no shaft).
    assert!(arrows >= 25, "{arrows} arrows probed");
}

/// A scene looking down at a flat surface at height 0.5 (opacity `op`), with a red line at
/// height −1 under it and the axes.
fn under_a_plane(op: f64, line: bool, axes: bool) -> (tiny_skia::Pixmap, View, Vec3) {
    let src = format!(
        "fn flat(x, y) = 0.5\nscene P {{\n set_camera_orientation(phi: 50 * DEGREES, theta: -60 * DEGREES)\n let ax = axes3d(x_range: [-3, 3], y_range: [-3, 3], z_range: [-2, 2], x_length: 6, y_length: 6, z_length: 4)\n let s = ax.plot_surface(flat, u_range: [-2, 2], v_range: [-2, 2], resolution: 8, colors: [BLUE_D, BLUE_D], fill_opacity: {op}, stroke_width: 0)\n add(s)\n {}\n {}\n wait(0.1)\n}}",
        if axes { "add(ax)" } else { "" },
        if line {
            "add(line(ax.c2p(-1.5, 0.3, -1), ax.c2p(1.5, 0.3, -1), color: RED, stroke_width: 6))"
        } else {
            ""
        }
    );
    let tl = compile(&src);
    let frame = tl.state_at(0.0).unwrap();
    let pm = render(&frame, 854, 480);
    let view = View::new(&frame.camera, 854, 480);
    // The axes are centred: data (x, y, z) is scene (x, y, z).
    (pm, view, Vec3::ZERO)
}

#[test]
fn an_axis_behind_an_opaque_surface_is_hidden() {
    let (pm, view, _) = under_a_plane(1.0, false, true);
    let (bare, _, _) = under_a_plane(1.0, false, false);
    // The z axis below the plane is behind it; above the plane it shows (white).
    let white = valley::scene::Color::WHITE;
    // The whitest pixel near the axis point (the line is thinner than the probe's rounding),
    // with the axes and without.
    let whitest = |pm: &tiny_skia::Pixmap, z: f64| {
        let (x, y) = view.to_px(Vec3::new(0.0, 0.0, z));
        (-1..=1)
            .flat_map(|dx| (-1..=1).map(move |dy| (dx as f32, dy as f32)))
            .map(|(dx, dy)| dist(rgb(pm, x + dx, y + dy), white))
            .min()
            .unwrap()
    };
    // Below the plane the axis changes nothing; above it, it whitens the pixels a lot.
    for z in [-1.5, -1.0, -0.5, 0.0] {
        let (d, e) = (whitest(&pm, z), whitest(&bare, z));
        assert!(
            (d - e).abs() < 12,
            "z axis at {z} shows through: {d} vs {e} from white"
        );
    }
    for z in [1.0, 1.5] {
        let (d, e) = (whitest(&pm, z), whitest(&bare, z));
        assert!(
            d + 60 < e,
            "z axis at {z} above the plane: {d} vs {e} from white"
        );
    }
}

#[test]
fn a_path_behind_a_translucent_surface_is_whole_and_dimmed() {
    let (with, view, _) = under_a_plane(0.8, true, false);
    let (without, _, _) = under_a_plane(0.8, false, false);
    let (open, _, _) = under_a_plane(0.0, true, false);
    let (a, b) = (Vec3::new(-1.4, 0.3, -1.0), Vec3::new(1.4, 0.3, -1.0));
    let (mut lo, mut hi) = (i32::MAX, 0);
    for i in 0..=200 {
        let (x, y) = view.to_px(a.lerp(b, i as f64 / 200.0));
        let (c, s, o) = (rgb(&with, x, y), rgb(&without, x, y), rgb(&open, x, y));
        if s[0] + s[1] + s[2] < 100 {
            continue; // beyond the surface's edge on screen
        }
        // The line adds red everywhere along it (no gaps), but much less than unobstructed.
        let added = c[0] - s[0];
        lo = lo.min(added);
        hi = hi.max(added);
        assert!(
            added > 15,
            "gap in the dimmed path at {i}: {c:?} over {s:?}"
        );
        assert!(c[0] < o[0] - 60, "not dimmed at {i}: {c:?} vs open {o:?}");
    }
    assert!(lo * 2 > hi, "uneven (ghosted) path: red added {lo}..{hi}");
}

#[test]
fn a_3d_axis_line_at_480p_has_no_gaps_or_beads() {
    let tl = compile(
        "scene P {\n set_camera_orientation(phi: 70 * DEGREES, theta: -30 * DEGREES)\n add(axes3d(ticks: false))\n wait(0.1)\n}",
    );
    let frame = tl.state_at(0.0).unwrap();
    let pm = render(&frame, 854, 480);
    let view = View::new(&frame.camera, 854, 480);
    let o = view.to_px(Vec3::ZERO);
    // Each axis from its start to before its tip (Manim's ThreeDAxes ranges and lengths).
    for (a, b) in [
        (Vec3::new(-5.0, 0.0, 0.0), Vec3::new(4.5, 0.0, 0.0)),
        (Vec3::new(0.0, -5.0, 0.0), Vec3::new(0.0, 4.5, 0.0)),
        (Vec3::new(0.0, 0.0, -3.0), Vec3::new(0.0, 0.0, 2.5)),
    ] {
        let ((x0, y0), (x1, y1)) = (view.to_px(a), view.to_px(b));
        let steep = (y1 - y0).abs() > (x1 - x0).abs();
        let n = if steep {
            (y1 - y0).abs()
        } else {
            (x1 - x0).abs()
        } as usize;
        let (mut lo, mut hi) = (i32::MAX, 0);
        // Every pixel row (or column, for a shallow line): the line's ink across it.
        for i in 2..n.saturating_sub(2) {
            let t = i as f32 / n as f32;
            let (x, y) = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
            if (x - o.0).hypot(y - o.1) < 12.0 {
                continue; // where the other axes cross
            }
            let best: i32 = (-3..=3)
                .map(|d| {
                    let (px, py) = if steep {
                        (x + d as f32, y)
                    } else {
                        (x, y + d as f32)
                    };
                    let c = rgb(&pm, px, py);
                    c[0] + c[1] + c[2]
                })
                .sum();
            lo = lo.min(best);
            hi = hi.max(best);
        }
        // A white line 1.2 px wide carries about 900 of ink per row.
        assert!(lo > 500, "gap along the axis {a:?}: least ink {lo}");
        assert!(lo * 10 > hi * 7, "beaded axis {a:?}: ink {lo}..{hi}");
    }
}
