//! Motion over time without updaters: the scene clock, rotating objects, traced paths and a
//! live camera — all pure functions of time (a frame never depends on the frames before it).

mod common;
use common::compile_src;

fn pts(p: &valley::geom::Path) -> Vec<valley::geom::Vec3> {
    let mut v = Vec::new();
    for sp in &p.subpaths {
        v.push(sp.start);
        v.extend(sp.segments.iter().map(|c| c.to));
    }
    v
}

#[test]
fn clock_rotating_traced_path_and_following_camera() {
    let tl = compile_src(
        r#"scene Motion {
    wait(1)
    let d = dot([2 * cos(time() - 1), 2 * sin(time() - 1)], color: YELLOW)
    let trail = traced_path(d, color: YELLOW)
    let short = traced_path(d.get_center(), dissipating_time: 0.5)
    let sq = rotating(rectangle(width: 2, height: 1), rate: PI / 2)
    add(sq, d, trail, short)
    camera.follow(d)
    wait(2)
}"#,
    )
    .unwrap();
    let f = tl.state_at(2.0).unwrap();
    let p = f.objects[1].center();
    assert!((p.x - 2.0 * 1f64.cos()).abs() < 1e-6 && (p.y - 2.0 * 1f64.sin()).abs() < 1e-6);
    assert!(
        (f.camera.center - p).length() < 1e-9,
        "the camera follows the dot"
    );
    // The square has turned a quarter turn per second since it was made (at t = 1).
    let corner = |t: f64| {
        let f = tl.state_at(t).unwrap();
        let pts = pts(&f.objects[0].path);
        pts[0]
    };
    let (a, b) = (corner(1.0), corner(2.0));
    // Made at t = 1, it starts unturned then (a 2 × 1 rectangle: corners at (±1, ±0.5)).
    assert!(
        (a.x.abs() - 1.0).abs() < 1e-6 && (a.y.abs() - 0.5).abs() < 1e-6,
        "{a:?}"
    );
    assert!((a.rotate(std::f64::consts::FRAC_PI_2, valley::geom::Vec3::OUT) - b).length() < 1e-6);
    // The trail starts where the dot was at t = 1 and ends where it is.
    let trail = &f.objects[2].path;
    let tp = pts(trail);
    assert!(
        (tp[0] - valley::geom::Vec3::xy(2.0, 0.0)).length() < 1e-6,
        "{:?}",
        tp[0]
    );
    assert!((*tp.last().unwrap() - p).length() < 1e-6);
    // The dissipating one only covers the last half second: shorter.
    // Half a second at 1 rad/s on a circle of radius 2: every point within a chord of 1 (and
    // the ribbon's width) of the dot, while the whole trail reaches back to (2, 0).
    let far = f.objects[3]
        .leaves()
        .iter()
        .flat_map(|l| pts(&l.path))
        .map(|q| (q - p).length())
        .fold(0.0, f64::max);
    assert!(far < 1.05 && far > 0.9, "{far}");
    assert!((tp[0] - p).length() > 1.5);
}

/// A dissipating trace fades out along its length (Manim's TracedPath with
/// dissipating_time): full at the point, nearly gone at its oldest end, and the same whether
/// the frame is drawn alone or after others.
#[test]
fn a_dissipating_trace_fades_along_its_length() {
    let src = "scene S {\n    let d = dot([time(), 0])\n    let tr = traced_path(d, dissipating_time: 1)\n    add(d, tr)\n    wait(3)\n}\n";
    let tl = compile_src(src).unwrap();
    let f = tl.state_at(2.0).unwrap();
    let bands = f.objects[1].leaves();
    assert!(bands.len() > 4, "{}", bands.len());
    let op: Vec<f32> = bands.iter().map(|l| l.style.stroke_opacity).collect();
    assert!(op.windows(2).all(|w| w[0] <= w[1]), "{op:?}");
    assert!(op[0] < 0.1 && *op.last().unwrap() > 0.9, "{op:?}");
    // It covers the last second: x from 1 to 2, bands meeting end to end.
    let (lo, hi) = f.objects[1].bounds().unwrap();
    assert!(
        (lo.x - 1.0).abs() < 1e-6 && (hi.x - 2.0).abs() < 1e-6,
        "{lo:?} {hi:?}"
    );
    // A pure function of time: a fresh compile drawn at 2 s alone gives the same trail.
    let again = compile_src(src).unwrap().state_at(2.0).unwrap();
    let op2: Vec<f32> = again.objects[1]
        .leaves()
        .iter()
        .map(|l| l.style.stroke_opacity)
        .collect();
    assert_eq!(op, op2);
}

#[test]
fn illusion_rotation_sways_the_camera() {
    let tl = compile_src(
        "scene S {\n    set_camera_orientation(phi: 60 * DEGREES, theta: -45 * DEGREES)\n    add(axes3d())\n    begin_3dillusion_camera_rotation(rate: 2)\n    wait(3)\n}\n",
    )
    .unwrap();
    let cam = |t: f64| tl.state_at(t).unwrap().camera;
    let th0 = -45f64.to_radians();
    assert!((cam(0.0).theta - th0).abs() < 1e-9);
    assert!((cam(1.0).theta - (th0 + 0.2 * 2f64.sin())).abs() < 1e-9);
    assert!((cam(1.0).phi - (60f64.to_radians() + 0.1 * 2f64.cos() - 0.1)).abs() < 1e-9);
}

/// A small xorshift for generated scenes.
fn rng(seed: u64) -> impl FnMut() -> u64 {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    }
}

#[test]
fn any_frame_alone_equals_that_frame_of_a_full_run() {
    // Generated scenes mixing trackers, the clock, rotating objects, traced paths and a
    // following camera: state at frame N computed alone (fresh timeline) equals state at frame N
    // after computing every frame before it in order.
    for seed in 0..200u64 {
        let mut r = rng(seed + 1);
        let mut src = String::from("scene G {\n    let t = tracker(0)\n");
        src += &format!(
            "    let d = dot([{} * cos(time()) + t, sin({} * time())])\n",
            1 + r() % 3,
            1 + r() % 3
        );
        src += "    let tr = traced_path(d";
        if r().is_multiple_of(2) {
            src += &format!(", dissipating_time: {}", 1 + r() % 2);
        }
        src += ")\n";
        src += &format!("    let s = rotating(square(side: 1), rate: {})\n", r() % 4);
        src += "    let c = circle(radius: 0.5)\n    add(d, tr, s, c)\n";
        if r().is_multiple_of(2) {
            src += "    camera.follow(d)\n";
        }
        for _ in 0..(1 + r() % 3) {
            match r() % 3 {
                0 => src += &format!("    play(t.to({}), rate_func: there_and_back)\n", r() % 3),
                1 => {
                    src += &format!(
                        "    play(c.animate.shift(RIGHT), run_time: {})\n",
                        1 + r() % 2
                    )
                }
                _ => src += "    wait(0.5)\n",
            }
        }
        src += "}\n";
        let full = compile_src(&src).unwrap_or_else(|e| panic!("{e}\n{src}"));
        let fps = 10.0;
        let n = full.frame_count(fps);
        let k = (r() as usize) % n;
        let mut seq = None;
        for i in 0..=k {
            seq = Some(full.state_at(i as f64 / fps).unwrap());
        }
        let alone = compile_src(&src).unwrap().state_at(k as f64 / fps).unwrap();
        let seq = seq.unwrap();
        assert_eq!(
            format!("{:?}", seq.camera),
            format!("{:?}", alone.camera),
            "seed {seed}"
        );
        assert_eq!(seq.objects.len(), alone.objects.len());
        for (a, b) in seq.objects.iter().zip(&alone.objects) {
            assert_eq!(
                format!("{:?}", a.path),
                format!("{:?}", b.path),
                "seed {seed} frame {k}\n{src}"
            );
        }
        // And the pixels: frame k rendered alone equals frame k rendered after all before it.
        if seed % 20 == 0 {
            let mut last = None;
            for i in 0..=k {
                last = Some(valley::pipeline::render_at(&full, i as f64 / fps, 160, 90).unwrap());
            }
            let fresh = compile_src(&src).unwrap();
            let alone_px = valley::pipeline::render_at(&fresh, k as f64 / fps, 160, 90).unwrap();
            assert!(
                last.unwrap() == alone_px,
                "seed {seed}: pixels differ at frame {k}"
            );
        }
    }
}

#[test]
fn points_index_groups_animate_as_a_whole_and_empty_groups_are_valid() {
    let tl = compile_src(
        r#"scene S {
    let p = [1, 2]
    let q = (UP + RIGHT)
    let d = dot([3, 4])
    wait(q[0] + d.get_center()[1] + d.get_x() + d.get_y() - 11)
    let a = square().shift(LEFT)
    let b = circle().shift(RIGHT)
    let g = group(a, b)
    add(g)
    play(g.animate.scale(2))
    let e = group([])
    add(e)
    wait(1)
}"#,
    )
    .unwrap();
    assert!((tl.duration() - 3.0).abs() < 1e-9, "{}", tl.duration());
    // Scaled about the group's centre: the members move apart.
    let f = tl.state_at(tl.duration()).unwrap();
    assert!(
        (f.objects[0].center().x + 2.0).abs() < 1e-6,
        "{:?}",
        f.objects[0].center()
    );
    assert!((f.objects[1].center().x - 2.0).abs() < 1e-6);
    let e = compile_src("scene S {\n    let p = [1, 2]\n    wait(ORIGIN[3])\n}\n").unwrap_err();
    assert!(e.contains("a point has 3 coordinates"), "{e}");
}

#[test]
fn a_traced_path_of_something_that_is_not_a_point_fails_at_compile_time() {
    let e =
        compile_src("scene S {\n    let tr = traced_path(\"no\")\n    add(tr)\n    wait(1)\n}\n")
            .unwrap_err();
    assert!(e.contains("expected a point"), "{e}");
    assert!(e.contains("test.scene:2:26"), "{e}");
}
