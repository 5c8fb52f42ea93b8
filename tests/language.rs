//! The scene language: good programs run, bad ones give exact diagnostics.

mod common;
use common::compile_src;

#[test]
fn a_scene_compiles_into_a_timeline_with_manim_timings() {
    let tl = compile_src(
        r#"
fn f(x) = x^2
scene S {
    let ax = axes(x_range: [-2, 2], y_range: [0, 4])
    let g = ax.plot(f, color: BLUE)
    play(create(ax), create(g))          // 1 s by default
    play(write(tex("f(x) = x^2")))      // fewer than 15 glyphs: 1 s
    wait(0.5)
    play(fade_out(g), run_time: 2)
}
"#,
    )
    .unwrap();
    assert!((tl.duration() - 4.5).abs() < 1e-9, "{}", tl.duration());
    assert_eq!(tl.frame_count(15.0), 68);
}

#[test]
fn long_formulas_write_in_two_seconds_and_lag_ratio_staggers() {
    let tl = compile_src(
        r#"scene S {
    let big = tex("f(x) &= 4x^3 - x^2 - \cos(4x)")
    play(write(big))
    let a = dot()
    let b = dot()
    play(create(a), create(b), lag_ratio: 0.5)
}"#,
    )
    .unwrap();
    // Write: 2 s (≥ 15 glyphs); lagged pair: second starts at 0.5 → ends at 1.5.
    assert!((tl.duration() - 3.5).abs() < 1e-9, "{}", tl.duration());
}

#[test]
fn trackers_rebuild_objects_every_frame() {
    let tl = compile_src(
        r#"scene S {
    let t = tracker(0)
    let d = dot([t, 0], radius: 0.1)
    add(d)
    play(t.to(2), run_time: 1, rate_func: linear)
}"#,
    )
    .unwrap();
    let at = |time: f64| tl.state_at(time).unwrap().objects[0].center().x;
    assert!(at(0.0).abs() < 1e-9);
    assert!((at(0.5) - 1.0).abs() < 1e-6);
    assert!((at(1.0) - 2.0).abs() < 1e-6);
}

#[test]
fn f_strings_format_live_numbers() {
    let tl = compile_src(
        r#"scene S {
    let t = tracker(-2)
    let label = tex(f"x: {fmt(t, 2)}")
    add(label)
    play(t.to(0), run_time: 2)
}"#,
    )
    .unwrap();
    // Glyph count changes as "−2.00" becomes "0.00": the label is rebuilt.
    let n0 = tl.state_at(0.0).unwrap().objects[0].leaves().len();
    let n1 = tl.state_at(2.0).unwrap().objects[0].leaves().len();
    assert_eq!(n0, n1 + 1);
}

fn err(src: &str) -> String {
    compile_src(src).expect_err("should fail")
}

#[test]
fn unknown_name_suggests_the_right_one() {
    let e = err("scene S {\n    let c = circel(radius: 1)\n}\n");
    assert_eq!(
        e,
        "error: unknown name `circel`\n --> test.scene:2:13\n  |\n2 |     let c = circel(radius: 1)\n  |             ^^^^^^\n  = help: did you mean `circle`?\n"
    );
}

#[test]
fn wrong_argument_type_and_count() {
    let e = err("scene S {\n    let c = circle(radius: \"big\")\n}\n");
    assert!(
        e.starts_with(
            "error: `radius` of `circle` must be a number, found a string\n --> test.scene:2:28\n"
        ),
        "{e}"
    );
    let e = err("scene S {\n    let l = line([0, 0])\n}\n");
    assert!(
        e.starts_with("error: `line` needs its `end` argument\n --> test.scene:2:13"),
        "{e}"
    );
    let e = err("fn f(x) = x\nscene S {\n    let y = f(1, 2)\n}\n");
    assert!(e.contains("`f` takes 1 argument (x), given 2"), "{e}");
}

#[test]
fn missing_brace_points_at_the_opening_one() {
    let e = err("scene S {\n    let c = circle(radius: 1)\n");
    assert!(
        e.starts_with("error: this '{' is never closed: missing '}'\n --> test.scene:1:9"),
        "{e}"
    );
    let e = err("scene S {\n    let c = circle(radius: 1\n}\n");
    assert!(e.contains("this '(' is never closed"), "{e}");
}

#[test]
fn bad_range_and_division_by_zero_in_a_plot() {
    let e = err("scene S {\n    let a = axes(x_range: [3, -3])\n}\n");
    assert!(e.starts_with("error: bad range for `x_range`: the maximum (-3) must be greater than the minimum (3)\n --> test.scene:2:27"), "{e}");
    let e = err("fn f(x) = 1 / x\nscene S {\n    let a = axes()\n    let g = a.plot(f, x_range: [-1, 1])\n}\n");
    assert!(
        e.starts_with("error: division by zero in `f` at x = 0\n --> test.scene:4:20"),
        "{e}"
    );
}

#[test]
fn tex_errors_point_into_the_formula_inside_the_file() {
    let e = err("scene S {\n    let t = tex(\"x + \\alpah\")\n}\n");
    assert!(e.starts_with("error: in formula: unknown command \\alpah (did you mean \\alpha?)\n --> test.scene:2:22"), "{e}");
    assert!(e.contains("^^^^^^"), "{e}");
}

#[test]
fn missing_image_and_unknown_named_argument() {
    let e = err("scene S {\n    let i = image(\"no-such.png\")\n}\n");
    assert!(
        e.contains("cannot read image") && e.contains("test.scene:2:19"),
        "{e}"
    );
    let e = err("scene S {\n    let d = dot(colour: RED)\n}\n");
    assert!(
        e.contains("`dot` has no argument `colour`") && e.contains("did you mean `color`?"),
        "{e}"
    );
}

#[test]
fn unknown_scene_name() {
    let p =
        valley::lang::Program::from_source("x.scene", "scene Alpha { wait(1) }\n".into()).unwrap();
    let e = p.compile(Some("Alpah")).err().unwrap().to_string();
    assert!(
        e.contains("no scene named `Alpah`") && e.contains("did you mean `Alpha`?"),
        "{e}"
    );
}

#[test]
fn parts_of_a_formula_animate_on_their_own() {
    let tl = compile_src(
        r#"scene S {
    let eq = tex("a", "=", "b + c")
    play(write(eq[0], eq[1]))     // only the first two parts appear
    play(write(eq[2]))
    play(fade_out(eq[1]))         // the formula splits; "=" leaves
    wait(1)
    add(eq)                       // the whole comes back, once
    wait(1)
}"#,
    )
    .unwrap();
    let leaves = |t: f64| {
        tl.state_at(t)
            .unwrap()
            .objects
            .iter()
            .map(|m| m.leaves().len())
            .sum::<usize>()
    };
    // "a" and "=": 2 glyphs after the first write; "b + c" adds 3.
    assert_eq!(leaves(0.999), 2);
    assert_eq!(leaves(1.999), 2 + 3);
    assert_eq!(leaves(3.5), 4);
    assert_eq!(leaves(4.5), 5);
    // Colouring a part after the fact changes only that part.
    let tl = compile_src(
        r#"scene S {
    let eq = tex("a", "=", "b")
    eq[2].set_color(RED)
    add(eq)
}"#,
    )
    .unwrap();
    let f = tl.state_at(0.0).unwrap();
    let fills: Vec<String> = f.objects[0]
        .leaves()
        .iter()
        .map(|l| l.style.fill.to_hex())
        .collect();
    assert_eq!(fills, vec!["#FFFFFF", "#FFFFFF", "#FC6255"]);
}

#[test]
fn ambient_rotation_turns_the_camera_with_time() {
    let tl = compile_src(
        r#"scene S {
    set_camera_orientation(phi: 60 * DEGREES, theta: 0)
    add(sphere())
    begin_ambient_camera_rotation(rate: 0.5)
    wait(2)
    stop_ambient_camera_rotation()
    wait(1)
}"#,
    )
    .unwrap();
    let th = |t: f64| tl.state_at(t).unwrap().camera.theta;
    assert!(th(0.0).abs() < 1e-12);
    assert!((th(1.0) - 0.5).abs() < 1e-9);
    assert!((th(2.5) - 1.0).abs() < 1e-9, "{}", th(2.5));
}

#[test]
fn strings_are_raw_and_may_end_with_a_latex_line_break() {
    let tl = compile_src("scene S {\n    add(tex(\"a &= b\\\\\", \"&= c\"))\n}\n").unwrap();
    assert_eq!(tl.state_at(0.0).unwrap().objects[0].children.len(), 2);
    let tl = compile_src("scene S {\n    add(text(\"say \\\"hi\\\"\"))\n}\n").unwrap();
    assert_eq!(tl.state_at(0.0).unwrap().objects[0].leaves().len(), 7);
}

// ---- issue #9: behaviours that used to be silently wrong ------------------------------------

fn x_of(tl: &valley::timeline::Timeline, t: f64, k: usize) -> f64 {
    tl.state_at(t).unwrap().objects[k].center().x
}

#[test]
fn there_and_back_ends_where_it_started_for_objects_and_trackers() {
    let tl = compile_src(
        r#"scene S {
    let sq = square()
    add(sq)
    play(sq.animate.shift(3 * RIGHT), rate_func: there_and_back)
    let t = tracker(0)
    let d = dot([t, 1])
    add(d)
    play(t.to(2), rate_func: there_and_back)
    play(sq.animate.shift(UP), rate_func: there_and_back_with_pause)
    wait(1)
}"#,
    )
    .unwrap();
    assert!((x_of(&tl, 0.5, 0) - 3.0).abs() < 1e-6, "half way it is out");
    assert!(x_of(&tl, 1.0, 0).abs() < 1e-6);
    assert!((x_of(&tl, 1.5, 1) - 2.0).abs() < 1e-6);
    assert!(x_of(&tl, 2.0, 1).abs() < 1e-6);
    let y = tl.state_at(4.0).unwrap().objects[0].center().y;
    assert!(y.abs() < 1e-6, "{y}");
}

#[test]
fn a_succession_of_camera_moves_makes_each_move_in_turn() {
    let tl = compile_src(
        r#"scene S {
    add(dot())
    play(succession(camera.animate.move_to(3 * RIGHT), camera.animate.move_to(3 * RIGHT + 2 * UP), camera.animate.scale(2)))
}"#,
    )
    .unwrap();
    assert!((tl.duration() - 3.0).abs() < 1e-9);
    let cam = |t: f64| tl.state_at(t).unwrap().camera;
    assert!(
        (cam(0.5).center.x - 1.5).abs() < 1e-6,
        "{:?}",
        cam(0.5).center
    );
    assert!((cam(1.0).center.x - 3.0).abs() < 1e-6 && cam(1.0).center.y.abs() < 1e-6);
    assert!(
        (cam(1.5).center.y - 1.0).abs() < 1e-6,
        "{:?}",
        cam(1.5).center
    );
    // The third move scales the frame from where the second left it.
    let w0 = cam(0.0).frame_width;
    assert!((cam(3.0).frame_width - 2.0 * w0).abs() < 1e-6);
    assert!((cam(3.0).center.y - 2.0).abs() < 1e-6);
    // Trackers and objects chain the same way.
    let tl = compile_src(
        r#"scene S {
    let t = tracker(0)
    let d = dot([t, 0])
    let sq = square()
    add(d, sq)
    play(succession(t.to(1), t.to(3)), succession(sq.animate.shift(RIGHT), sq.animate.shift(RIGHT)))
}"#,
    )
    .unwrap();
    assert!((x_of(&tl, 1.0, 0) - 1.0).abs() < 1e-6);
    assert!((x_of(&tl, 1.5, 0) - 2.0).abs() < 1e-6);
    assert!((x_of(&tl, 2.0, 0) - 3.0).abs() < 1e-6);
    assert!(
        (x_of(&tl, 2.0, 1) - 2.0).abs() < 1e-6,
        "{}",
        x_of(&tl, 2.0, 1)
    );
}

#[test]
fn assignment_in_loops_and_branches_updates_the_outer_binding() {
    let tl = compile_src(
        r#"scene S {
    let k = 0
    let ls = []
    for i in 0..3 {
        k = k + 1
        ls = concat(ls, [dot([i, 0])])
        if i == 2 {
            k = k + 10
        }
    }
    add(group(ls))
    wait(k)
}"#,
    )
    .unwrap();
    assert_eq!(tl.duration(), 13.0);
    assert_eq!(tl.state_at(0.0).unwrap().objects.len(), 3);
    // A `let` inside the loop is the loop's own.
    let tl = compile_src("scene S {\n    let k = 1\n    for i in 0..3 {\n        let k = 5\n        k = k + 1\n    }\n    wait(k)\n}\n").unwrap();
    assert_eq!(tl.duration(), 1.0);
}

#[test]
fn objects_built_in_a_comprehension_follow_trackers() {
    let tl = compile_src(
        r#"scene S {
    let s = tracker(0)
    let ls = [line([i, 0], [i, 1 + s]) for i in 0..3]
    add(group(ls))
    play(s.to(2), rate_func: linear)
}"#,
    )
    .unwrap();
    let top = |t: f64| {
        let f = tl.state_at(t).unwrap();
        let m = &f.objects[1];
        m.center().y * 2.0
    };
    assert!((top(0.0) - 1.0).abs() < 1e-6, "{}", top(0.0));
    assert!((top(1.0) - 3.0).abs() < 1e-6, "{}", top(1.0));
}

/// The liveness rule holds for an object built in place, in a call: `add(dot([e, 0, 0]))`
/// follows `e` as `let d = dot([e, 0, 0])` does (it once stayed where it was built, silently).
#[test]
fn objects_built_inside_a_call_follow_trackers() {
    let tl = compile_src(
        r#"scene S {
    let e = tracker(0)
    let sq = square()
    add(sq, dot([-4 + 8 * e, 0, 0]))
    play(create(circle().shift([0, e, 0])))
    play(e.to(1), rate_func: linear)
}"#,
    )
    .unwrap();
    let x = |t: f64| tl.state_at(t).unwrap().objects[1].center().x;
    let y = |t: f64| tl.state_at(t).unwrap().objects[2].center().y;
    assert!((x(0.0) + 4.0).abs() < 1e-6, "{}", x(0.0));
    assert!((x(1.5) - 0.0).abs() < 1e-6, "{}", x(1.5));
    assert!((x(2.0) - 4.0).abs() < 1e-6, "{}", x(2.0));
    assert!((y(2.0) - 1.0).abs() < 1e-6, "{}", y(2.0));
    // An object named in a call is that object, not a copy rebuilt from its name.
    assert!((tl.state_at(2.0).unwrap().objects[0].center().x).abs() < 1e-9);
}

/// A group built in place from a named object and a tracker-built one keeps the named object
/// itself (its animations show) while its tracker-built part follows the tracker.
#[test]
fn a_group_built_in_place_keeps_its_named_members() {
    let tl = compile_src(
        r#"scene S {
    let e = tracker(0)
    let sq = square()
    add(group(sq, dot([0, 2 + e, 0])))
    play(sq.animate.shift(3 * RIGHT), e.to(1), rate_func: linear)
}"#,
    )
    .unwrap();
    let f = tl.state_at(1.0).unwrap();
    let leaves: Vec<_> = f.objects.iter().flat_map(|m| m.leaves()).collect();
    let xs: Vec<f64> = leaves.iter().map(|l| l.center().x).collect();
    let ys: Vec<f64> = leaves.iter().map(|l| l.center().y).collect();
    // One square, moved; one dot, risen.
    assert_eq!(leaves.len(), 2, "{xs:?}");
    assert!(xs.iter().any(|x| (x - 3.0).abs() < 1e-6), "{xs:?}");
    assert!(ys.iter().any(|y| (y - 3.0).abs() < 1e-6), "{ys:?}");
    // Moving the whole group by the tracker cannot follow it (a rebuild would copy `sq`):
    // said, with a caret, not done silently.
    let tl = compile_src(
        r#"scene S {
    let e = tracker(0)
    let sq = square()
    add(group(sq).shift(e * UP))
    play(e.to(1))
}"#,
    )
    .unwrap();
    let w = &tl.warnings;
    assert!(
        w.iter()
            .any(|d| d.contains("reads a tracker's value once") && d.contains("^")),
        "{w:?}"
    );
}

#[test]
fn run_time_on_play_is_the_length_of_each_animation() {
    let tl = compile_src(
        r#"scene S {
    let e = tracker(0)
    let d = dot([e, 0])
    add(d)
    let a = [square() for i in 0..5]
    play(succession(create(a[0]), create(a[1]), create(a[2]), create(a[3]), create(a[4])), e.to(5), run_time: 15, rate_func: linear)
}"#,
    )
    .unwrap();
    assert!((tl.duration() - 15.0).abs() < 1e-9, "{}", tl.duration());
    // The tracker runs over the whole 15 s, not 3.
    assert!(
        (x_of(&tl, 3.0, 0) - 1.0).abs() < 1e-6,
        "{}",
        x_of(&tl, 3.0, 0)
    );
    assert!((x_of(&tl, 15.0, 0) - 5.0).abs() < 1e-6);
}

#[test]
fn staggered_timing_building_blocks() {
    // wait() inside a succession, delay:, a user fn as rate function, run_time on .animate.
    let tl = compile_src(
        r#"fn sixth(t) = t^6
scene S {
    let a = square()
    let b = circle()
    add(a, b)
    play(succession(a.animate(run_time: 2).shift(RIGHT), wait(1), a.animate.shift(UP)),
         b.animate.shift(LEFT).set_color(RED) , rate_func: linear)
    play(a.animate(delay: 1).shift(DOWN), rate_func: sixth)
}"#,
    )
    .unwrap();
    assert!(
        (tl.duration() - (4.0 + 2.0)).abs() < 1e-9,
        "{}",
        tl.duration()
    );
    assert!(
        (x_of(&tl, 1.0, 0) - 0.5).abs() < 1e-6,
        "{}",
        x_of(&tl, 1.0, 0)
    );
    // During the wait it holds.
    let y = |t: f64| tl.state_at(t).unwrap().objects[0].center().y;
    assert!(y(2.5).abs() < 1e-6 && (x_of(&tl, 2.5, 0) - 1.0).abs() < 1e-6);
    assert!((y(3.5) - 0.5).abs() < 1e-6, "{}", y(3.5));
    // Second play: nothing during the delay, then t^6.
    assert!((y(4.9) - 1.0).abs() < 1e-6);
    assert!((y(5.5) - (1.0 - 0.5f64.powi(6))).abs() < 1e-6, "{}", y(5.5));
    assert!(y(6.0).abs() < 1e-6);
}

#[test]
fn a_camera_statement_reading_a_tracker_is_live_and_an_object_statement_warns() {
    let tl = compile_src(
        r#"fn f(x) = x^2
scene S {
    let ax = axes()
    let t = tracker(1)
    add(ax)
    camera.move_to(ax.c2p(t, f(t)))
    play(t.to(2), rate_func: linear)
}"#,
    )
    .unwrap();
    assert!(tl.warnings.is_empty(), "{:?}", tl.warnings);
    // The camera centre is ax.c2p(t, t²) at every frame: compare with a dot built the same way.
    let probe = compile_src(
        r#"fn f(x) = x^2
scene S {
    let ax = axes()
    let t = tracker(1)
    let d = dot(ax.c2p(t, f(t)))
    add(d)
    play(t.to(2), rate_func: linear)
}"#,
    )
    .unwrap();
    for time in [0.0, 0.5, 1.0] {
        let c = tl.state_at(time).unwrap().camera.center;
        let p = probe.state_at(time).unwrap().objects[0].center();
        assert!((c - p).length() < 1e-9, "at {time}: {c:?} vs {p:?}");
    }
    let start = tl.state_at(0.0).unwrap().camera.center;
    let end = tl.state_at(1.0).unwrap().camera.center;
    assert!((start - end).length() > 0.5, "the camera moved");
    // A statement on an object reads the tracker once: a warning says so.
    let tl = compile_src(
        "scene S {\n    let t = tracker(1)\n    let d = dot()\n    add(d)\n    d.move_to([t, 0])\n    play(t.to(2))\n}\n",
    )
    .unwrap();
    assert_eq!(tl.warnings.len(), 1, "{:?}", tl.warnings);
    let w = &tl.warnings[0];
    assert!(
        w.starts_with("warning: `.move_to(…)` reads a tracker's value once"),
        "{w}"
    );
    assert!(w.contains("test.scene:5:5"), "{w}");
    let tl = compile_src("scene S {\n    camera.move_to([1, 0])\n    wait(1)\n}\n").unwrap();
    assert!(tl.warnings.is_empty());
}

#[test]
fn check_reports_every_syntax_error_of_a_file() {
    let e = err("scene S {\n    let a = circle(radius 2)\n    let b = square()\n    play(create(b), run_time=2)\n    let c = \n}\nscene T { wait(1 }\n");
    let locs: Vec<&str> = e
        .lines()
        .filter(|l| l.contains("--> test.scene:"))
        .collect();
    assert_eq!(locs.len(), 4, "{e}");
    assert!(locs[0].ends_with("test.scene:2:27"), "{e}");
    assert!(locs[1].ends_with("test.scene:4:29"), "{e}");
    assert!(e.contains("4 errors in this file"), "{e}");
}

#[test]
fn python_habits_get_hints_naming_the_valley_form() {
    let e = err("scene S {\n    let c = circle()\n    play(create(c), run_time=2)\n}\n");
    assert!(
        e.contains("named arguments use ':' in valley: write `run_time: …`"),
        "{e}"
    );
    let e = err("scene S {\n    let c = circle()\n    self.play(create(c))\n}\n");
    assert!(e.contains("there is no `self` in scenes"), "{e}");
    let e = err("scene S {\n    let c = circle()\n    play(Create(c))\n}\n");
    assert!(e.contains("did you mean `create`?"), "{e}");
    let e = err("scene S {\n    let c = circle()\n    play(FadeIn(c))\n}\n");
    assert!(e.contains("lowercase: did you mean `fade_in`?"), "{e}");
    let e = err("scene S {\n    wait(np.sin(1))\n}\n");
    assert!(e.contains("the maths is built in"), "{e}");
}

#[test]
fn unknown_methods_suggest_and_point_at_the_method_name() {
    let e = err("scene S {\n    let c = circle()\n    c.shfit(UP)\n}\n");
    assert!(
        e.contains("has no method `shfit`") && e.contains("did you mean `shift`?"),
        "{e}"
    );
    assert!(e.contains("--> test.scene:3:7\n"), "{e}");
    assert!(e.contains("3 |     c.shfit(UP)\n  |       ^^^^^\n"), "{e}");
}

/// `tex_text` is Manim's `Tex`: text mode with `$…$` math, each string a part; a mistake in it
/// is an error with a caret inside the string.
#[test]
fn tex_text_typesets_text_mode_with_math_parts() {
    let tl = common::compile_src(
        "scene T {\n    let t = tex_text(\"This is \\LaTeX: \", \"$x^2$\")\n    add(t)\n    wait()\n}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let f = tl.state_at(0.5).unwrap();
    let t = &f.objects[0];
    assert_eq!(t.children.len(), 2, "two parts");
    let (lo, hi) = t.children[0].bounds().unwrap();
    let (lo2, _) = t.children[1].bounds().unwrap();
    assert!(
        hi.x - lo.x > 2.0,
        "the words are set as text: {lo:?} {hi:?}"
    );
    assert!(lo2.x > hi.x - 1e-6, "the math part follows the text");
    let e =
        common::compile_src("scene T {\n    add(tex_text(\"a $\\frac{1}$ b\"))\n}\n").unwrap_err();
    assert!(e.contains("test.scene:2:"), "{e}");
}

/// Each string of a `tex_text` is its own part, even where text runs on across strings: colouring
/// the second string colours none of the first.
#[test]
fn tex_text_parts_do_not_bleed_into_each_other() {
    let tl = common::compile_src(
        "scene T {\n    let t = tex_text(\"ab: \", \"cd\")\n    t[1].set_color(YELLOW)\n    add(t)\n    wait()\n}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let t = &tl.state_at(0.5).unwrap().objects[0];
    let (lo0, hi0) = t.children[0].bounds().expect("part 0 has ink");
    let (lo1, _) = t.children[1].bounds().unwrap();
    // "ab:" is part 0 (three glyphs wide, not just the colon) and ends left of "cd", part 1.
    assert!(
        hi0.x < lo1.x && hi0.x - lo0.x > 0.5,
        "{lo0:?} {hi0:?} {lo1:?}"
    );
}

/// An `add` after the last `play`/`wait` shows in no frame: a warning with a caret says so
/// (and how to show it); with a `wait()` after it there is none.
#[test]
fn an_add_after_the_last_animation_is_warned_about() {
    let tl = common::compile_src("scene A {\n    play(create(circle()))\n    add(square())\n}\n")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(tl.warnings.len(), 1, "{:?}", tl.warnings);
    let w = &tl.warnings[0];
    assert!(w.contains("test.scene:3:5") && w.contains("wait()"), "{w}");
    let tl = common::compile_src(
        "scene A {\n    play(create(circle()))\n    add(square())\n    wait()\n}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(tl.warnings.is_empty(), "{:?}", tl.warnings);
    // A scene with no animation at all is one still frame: everything added shows.
    let tl = common::compile_src("scene A {\n    add(square())\n}\n").unwrap();
    assert!(tl.warnings.is_empty(), "{:?}", tl.warnings);
}

/// `==` on lists compares element by element (it was always false); comparing objects is an
/// error with a caret, not a silent `false`.
#[test]
fn equality_of_lists_and_refusal_for_objects() {
    let tl = common::compile_src(
        "scene A {\n    if [1, 2] == [1, 2] && [1, 2] != [1, 3] && [\"a\", [2]] == [\"a\", [2]] && [1] != [1, 2] {\n        add(circle())\n    }\n    wait()\n}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(tl.state_at(0.5).unwrap().objects.len(), 1);
    let e = common::compile_src("scene A {\n    let same = circle() == circle()\n}\n").unwrap_err();
    assert!(
        e.contains("cannot compare") && e.contains("test.scene:2:"),
        "{e}"
    );
}

/// A run reports every error it finds (rustc-style), each with its caret; a statement that
/// reads a name whose `let` failed is skipped, not reported again.
#[test]
fn every_runtime_error_is_reported() {
    let e = err(
        "scene S {\n    let c = circle(radius: \"big\")\n    add(c)\n    play(c.animate.shift(UP))\n    let d = dot(UP)\n    d.shfit(UP)\n    add(d)\n    wait(-1)\n}\n",
    );
    assert!(e.contains("--> test.scene:2:28\n"), "{e}");
    assert!(e.contains("has no method `shfit`"), "{e}");
    assert!(e.contains("--> test.scene:6:7\n"), "{e}");
    assert!(e.contains("--> test.scene:8:5\n"), "{e}");
    assert!(e.contains("\n3 errors in this file"), "{e}");
    // `add(c)` and the play of `c` are not reported: `c` failed already.
    assert_eq!(e.matches("error:").count(), 3, "{e}");
    assert!(e.matches('^').count() >= 3, "{e}");
}

#[test]
fn str_of_a_list_prints_it() {
    let tl = valley::lang::Program::from_source(
        "t.scene",
        "scene S {\n    let s = str([1, 2.5, \"a\", [3]])\n    add(text(s))\n    section(s)\n}\n"
            .into(),
    )
    .unwrap()
    .compile(None)
    .unwrap();
    assert_eq!(tl.sections[0].name, "[1, 2.5, \"a\", [3]]");
}

/// A number computed from a tracker in the scene's body is the tracker's value once; objects
/// built from it later do not follow the tracker. That is warned about with a caret (it was
/// silent), while `.get_value()` (a read on purpose) and a `fn` that reads the tracker (live)
/// are not.
#[test]
fn a_number_frozen_from_a_tracker_is_warned_about() {
    let tl = common::compile_src(
        "scene A {\n    let t = tracker(1)\n    let s = t * 2\n    add(dot([s, 0]))\n    play(t.to(2))\n}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(tl.warnings.len(), 1, "{:?}", tl.warnings);
    let w = &tl.warnings[0];
    assert!(w.contains("test.scene:3:13") && w.contains("fn s()"), "{w}");
    // The dot did stay where `s` was (the warning tells the truth).
    let at = |t: f64| tl.state_at(t).unwrap().objects[0].center().x;
    assert!((at(1.0) - 2.0).abs() < 1e-9);
    let quiet = [
        "scene A {\n    let t = tracker(1)\n    let s = t.get_value() * 2\n    add(dot([s, 0]))\n    play(t.to(2))\n}\n",
        "scene A {\n    let t = tracker(1)\n    fn s() = t * 2\n    let d = dot([s(), 0])\n    add(d)\n    play(t.to(2))\n}\n",
    ];
    for src in quiet {
        let tl = common::compile_src(src).unwrap_or_else(|e| panic!("{e}"));
        assert!(tl.warnings.is_empty(), "{src}: {:?}", tl.warnings);
    }
    // The fn form is live: the dot follows the tracker.
    let tl = common::compile_src(quiet[1]).unwrap();
    assert!((tl.state_at(1.0).unwrap().objects[0].center().x - 4.0).abs() < 1e-9);
}

/// An animation written as a statement (not in `play`) did nothing, silently; now a warning
/// with a caret says it is never played.
#[test]
fn an_animation_that_is_never_played_is_warned_about() {
    let tl = common::compile_src(
        "scene A {\n    let c = circle()\n    fade_in(c)\n    c.animate.shift(RIGHT)\n    play(create(c))\n}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(tl.warnings.len(), 2, "{:?}", tl.warnings);
    assert!(tl.warnings[0].contains("test.scene:3:5") && tl.warnings[0].contains("never played"));
    assert!(
        tl.warnings[1].contains("test.scene:4:5"),
        "{}",
        tl.warnings[1]
    );
}

/// `camera.save_state()` and `camera.animate.restore()` (Manim's frame.save_state() and
/// Restore(self.camera.frame)): the camera animates back to the kept frame; restoring with
/// nothing kept is an error with a caret.
#[test]
fn the_camera_restores_its_saved_state() {
    let tl = common::compile_src(
        "scene A {\n    camera.save_state()\n    play(camera.animate.scale(0.5).move_to([2, 1]))\n    play(camera.animate.restore())\n}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let cam = |t: f64| tl.state_at(t).unwrap().camera;
    assert!((cam(1.0).center.x - 2.0).abs() < 1e-9 && (cam(1.0).frame_width - 7.111).abs() < 0.01);
    let mid = cam(1.5);
    assert!(mid.center.x > 0.1 && mid.center.x < 1.9, "{:?}", mid.center);
    let end = cam(2.0);
    assert!(
        end.center.length() < 1e-9 && (end.frame_width - 14.222).abs() < 0.01,
        "{end:?}"
    );
    let e = common::compile_src("scene A {\n    play(camera.animate.restore())\n}\n").unwrap_err();
    assert!(
        e.contains("save_state") && e.contains("test.scene:2"),
        "{e}"
    );
}
