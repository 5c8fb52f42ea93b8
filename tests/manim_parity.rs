//! Behaviours checked against Manim CE's source: how Uncreate erases a group, and how far
//! `ax.plot` draws without an `x_range`, the default joint (mitred) and a dot (no outline).

mod common;

fn x_span(m: &valley::scene::Mobject) -> Option<(f64, f64)> {
    m.path.bounds().map(|(lo, hi)| (lo.x, hi.x))
}

#[test]
fn uncreate_erases_the_first_part_first_each_from_its_end() {
    // Manim's Uncreate is Create with each part's rate played backwards (reverse_rate_function):
    // with lag_ratio 1, part 0 goes in the first half, part 1 in the second, each shrinking
    // toward its start.
    let tl = common::compile_src(
        r#"
scene S {
    let g = group(line([-3, 0], [-1, 0]), line([1, 0], [3, 0]))
    add(g)
    play(uncreate(g), run_time: 2, rate_func: linear)
}
"#,
    )
    .unwrap();
    let at = |t: f64| {
        let s = tl.state_at(t).unwrap();
        let l: Vec<_> = s
            .objects
            .iter()
            .flat_map(|o| o.leaves())
            .map(x_span)
            .collect();
        l
    };
    let near = |a: Option<(f64, f64)>, lo: f64, hi: f64| {
        a.is_some_and(|(x0, x1)| (x0 - lo).abs() < 1e-6 && (x1 - hi).abs() < 1e-6)
    };
    let q = at(0.5);
    assert!(near(q[0], -3.0, -2.0) && near(q[1], 1.0, 3.0), "{q:?}");
    let q = at(1.5);
    // The first part is gone (an empty outline is no longer a leaf).
    assert!(q.len() == 1 && near(q[0], 1.0, 2.0), "{q:?}");
    // Create is the same in forward time: the first part drawn first, from its start.
    let tl = common::compile_src(
        r#"
scene S {
    let g = group(line([-3, 0], [-1, 0]), line([1, 0], [3, 0]))
    play(create(g), run_time: 2, rate_func: linear)
}
"#,
    )
    .unwrap();
    let s = tl.state_at(0.5).unwrap();
    let l: Vec<_> = s
        .objects
        .iter()
        .flat_map(|o| o.leaves())
        .map(x_span)
        .collect();
    assert!(l.len() == 1 && near(l[0], -3.0, -2.0), "{l:?}");
}

#[test]
fn plot_without_x_range_reaches_the_axis_end() {
    // Manim's ax.plot(f) samples up to x_max itself (ParametricFunction appends t_max), not
    // to the last whole step: with x_range [-10, 10.3, 1] the curve ends at 10.3, tip or not,
    // and on turned axes too.
    for axes in [
        "axes(x_range: [-10, 10.3, 1], y_range: [-1, 1], tips: false)",
        "axes(x_range: [-10, 10.3, 1], y_range: [-1, 1])",
        "axes(x_range: [-10, 10.3, 1], y_range: [-1, 1], tips: false).rotate(PI / 6)",
    ] {
        let src = format!(
            "fn f(x) = 0.05 * x\nscene S {{\n    let ax = {axes}\n    let g = ax.plot(f)\n    let a = dot(ax.c2p(-10, f(-10)))\n    let b = dot(ax.c2p(10.3, f(10.3)))\n    add(ax, g, a, b)\n}}\n"
        );
        let tl = common::compile_src(&src).unwrap_or_else(|e| panic!("{e}"));
        let o = tl.state_at(0.0).unwrap().objects;
        let sp = &o[1].leaves()[0].path.subpaths;
        let (start, end) = (sp[0].start, sp.last().unwrap().end());
        let (a, b) = (o[2].center(), o[3].center());
        assert!(
            (start - a).length() < 1e-6 && (end - b).length() < 1e-6,
            "{axes}: plot runs {start:?} → {end:?}, axis {a:?} → {b:?}"
        );
    }
}

#[test]
fn three_d_axes_ticks_and_tips_lie_in_manims_planes() {
    // ThreeDAxes turns the z number line −90° about UP, then by angle_of_vector(DOWN) about
    // OUT: its ticks and tip lie across x. The x axis' lie across y, the y axis' across x.
    let tl = common::compile_src("scene S {\n    add(axes3d())\n}\n").unwrap();
    let o = tl.state_at(0.0).unwrap().objects;
    for (k, across) in [
        (0, [0.0, 1.0, 0.0]),
        (1, [1.0, 0.0, 0.0]),
        (2, [1.0, 0.0, 0.0]),
    ] {
        let leaves = o[0].children[k].leaves();
        let tick = &leaves[1].path.subpaths[0];
        let d = (tick.end() - tick.start).normalize();
        let tipb = &leaves.last().unwrap().path.subpaths[0];
        let w = (tipb.segments[1].to - tipb.segments[0].to).normalize();
        for v in [d, w] {
            assert!(
                (v.x.abs() - across[0]).abs() < 1e-9
                    && (v.y.abs() - across[1]).abs() < 1e-9
                    && v.z.abs() < 1e-9,
                "axis {k}: {v:?}"
            );
        }
    }
}

/// Whether the pixel at scene point (x, y) of a 640 × 360 frame (45 px a unit) is lit.
fn lit_at(src: &str, x: f64, y: f64) -> bool {
    let tl = common::compile_src(src).unwrap_or_else(|e| panic!("{e}"));
    let pm = valley::pipeline::render_at(&tl, 0.0, 640, 360).unwrap();
    let (px, py) = ((320.0 + x * 45.0) as u32, (180.0 - y * 45.0) as u32);
    pm.pixel(px, py).unwrap().red() > 127
}

#[test]
fn the_default_joint_is_mitred_as_cairo_draws_it() {
    // Manim's Cairo renderer maps LineJointType.AUTO to a miter join. A width-40 stroke is 0.2
    // units each side: the miter fills the square's corner out to (1.2, 1.2); a round join leaves
    // (1.167, 1.167), 0.236 from the corner, dark.
    let sq = |j: &str| {
        format!("scene S {{\n    add(square(){j})\n}}").replace("()", "(stroke_width: 40)")
    };
    let at = |j: &str| lit_at(&sq(j), 1.167, 1.167);
    assert!(at(""), "the default corner is not mitred");
    assert!(at(".set_joint_type(\"miter\")"));
    assert!(!at(".set_joint_type(\"round\")"));
    // Cairo's miter limit is 10 (tiny-skia's default is 4): a 19° tip (miter ratio 6.1) keeps its
    // point, reaching 0.61 beyond the vertex at stroke width 20.
    let tip = "scene S {\n    add(polygon([-3, -0.5], [-3, 0.5], [0, 0], color: WHITE, stroke_width: 20))\n}";
    assert!(
        lit_at(tip, 0.45, 0.0),
        "a 19° corner is cut at a miter limit below 6.1"
    );
    assert!(!lit_at(tip, 0.7, 0.0));
    // The same in a 3D scene (the depth renderer draws strokes itself), seen from above.
    let from_above = |j: &str| {
        let src = format!(
            "scene S {{\n    set_camera_orientation(phi: 0, theta: -90 * DEGREES)\n    add(square(stroke_width: 40){j})\n    add(polygon([-3, -3.5], [-3, -2.5], [0, -3], color: WHITE, stroke_width: 20))\n}}"
        );
        (lit_at(&src, 1.167, 1.167), lit_at(&src, 0.45, -3.0))
    };
    assert_eq!(from_above(""), (true, true), "3D corners are not mitred");
    assert_eq!(from_above(".set_joint_type(\"round\")"), (false, true));
}

#[test]
fn a_dot_has_no_outline() {
    // Manim's Dot is stroke_width=0: a dot of radius 1 is exactly 2 units across (180 px at
    // 90 px a unit); a width-4 outline would add 0.04 units (3.6 px).
    let tl = common::compile_src("scene S {\n    add(dot(radius: 1))\n}").unwrap();
    let o = tl.state_at(0.0).unwrap().objects;
    assert_eq!(o[0].style.stroke_width, 0.0);
    let pm = valley::pipeline::render_at(&tl, 0.0, 1280, 720).unwrap();
    let row = (0..1280)
        .filter(|&x| pm.pixel(x, 360).unwrap().red() > 127)
        .count();
    assert!((179..=181).contains(&row), "{row} px across");
}
