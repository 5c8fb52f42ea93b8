//! Objects that follow other objects' animations (`always_redraw`), and style changes that
//! persist on objects rebuilt every frame.

mod common;

use common::compile_src;
use valley::scene::Mobject;
use valley::timeline::Timeline;

fn obj(tl: &Timeline, t: f64, k: usize) -> Mobject {
    tl.state_at(t).unwrap().objects[k].as_ref().clone()
}

/// Manim's `there_and_back`: smooth(2t) then back.
fn there_and_back(t: f64) -> f64 {
    valley::timeline::smooth(if t < 0.5 { 2.0 * t } else { 2.0 * (1.0 - t) })
}

#[test]
fn a_dot_follows_a_square_moved_there_and_back() {
    let tl = compile_src(
        r#"scene S {
    let sq = square()
    let d = always_redraw(dot(sq.get_right() + [0.5, 0]))
    add(sq, d)
    play(sq.animate.shift(4 * DOWN), rate_func: there_and_back, run_time: 4)
    wait()
}"#,
    )
    .unwrap();
    for t in [0.0f64, 0.5, 1.0, 1.7, 2.0, 3.0, 4.0, 4.5] {
        let y = -4.0 * there_and_back((t / 4.0).min(1.0));
        let (s, d) = (obj(&tl, t, 0), obj(&tl, t, 1));
        let (sc, dc) = (s.center(), d.center());
        println!(
            "t = {t}: square at {:.4}, dot at ({:.4}, {:.4})",
            sc.y, dc.x, dc.y
        );
        assert!((sc.y - y).abs() < 1e-6, "square at {t}: {}", sc.y);
        assert!(
            (dc.y - sc.y).abs() < 1e-6,
            "dot follows at {t}: {} vs {}",
            dc.y,
            sc.y
        );
        assert!((dc.x - 1.5).abs() < 1e-6, "dot beside at {t}: {}", dc.x);
    }
}

#[test]
fn without_always_redraw_a_definition_reads_once_as_in_manim() {
    let tl = compile_src(
        r#"scene S {
    let sq = square()
    let d = dot(sq.get_right())
    add(sq, d)
    play(sq.animate.shift(4 * DOWN), run_time: 1)
}"#,
    )
    .unwrap();
    assert!(obj(&tl, 1.0, 0).center().y < -3.9);
    assert!(obj(&tl, 1.0, 1).center().y.abs() < 1e-9);
}

#[test]
fn a_chain_of_three_followers_is_built_in_order() {
    // Added in reverse order, so drawing order is not dependency order.
    let tl = compile_src(
        r#"scene S {
    let a = square(side: 1)
    let b = always_redraw(circle(radius: 0.25).next_to(a, RIGHT, buff: 0))
    let c = always_redraw(dot().next_to(b, RIGHT, buff: 0))
    add(c, b, a)
    play(a.animate.shift(2 * UP), run_time: 2, rate_func: linear)
}"#,
    )
    .unwrap();
    for t in [0.0, 0.5, 1.0, 2.0] {
        let (c, b, a) = (obj(&tl, t, 0), obj(&tl, t, 1), obj(&tl, t, 2));
        println!(
            "t = {t}: a.y {:.4}  b.y {:.4}  c.y {:.4}  b.left {:.4}  c.left {:.4}",
            a.center().y,
            b.center().y,
            c.center().y,
            b.bounds().unwrap().0.x,
            c.bounds().unwrap().0.x
        );
        assert!((a.center().y - t).abs() < 1e-6);
        assert!((b.center().y - t).abs() < 1e-6, "b follows a at {t}");
        assert!((c.center().y - t).abs() < 1e-6, "c follows b at {t}");
        assert!((b.bounds().unwrap().0.x - a.bounds().unwrap().1.x).abs() < 1e-6);
        assert!((c.bounds().unwrap().0.x - b.bounds().unwrap().1.x).abs() < 1e-6);
    }
}

#[test]
fn a_follower_of_a_tracker_driven_object_follows_its_animation_too() {
    // b reads a live object (a follows a tracker) and a static one moved by .animate.
    let tl = compile_src(
        r#"scene S {
    let t = tracker(0)
    let a = dot([t, 0])
    let sq = square(side: 1)
    let b = dot([a.get_x(), sq.get_y()])
    add(a, sq, b)
    play(t.to(2), sq.animate.shift(3 * UP), run_time: 1, rate_func: linear)
}"#,
    )
    .unwrap();
    let b = obj(&tl, 0.5, 2).center();
    println!("b at t = 0.5: ({:.4}, {:.4})", b.x, b.y);
    assert!((b.x - 1.0).abs() < 1e-6 && (b.y - 1.5).abs() < 1e-6);
}

#[test]
fn following_in_a_circle_cannot_be_written() {
    // Manim's `a.add_updater(… b …)` and `b.add_updater(… a …)`: a definition reads only names
    // bound before it, so the first follower names the second before it exists.
    let e = compile_src(
        "scene S {\n    let a = always_redraw(dot().next_to(b, RIGHT))\n    let b = always_redraw(dot().next_to(a, LEFT))\n    add(a, b)\n    wait()\n}\n",
    )
    .expect_err("a circle of followers");
    println!("{e}");
    assert!(e.contains("unknown name `b`"), "{e}");
    assert!(e.contains("test.scene:2:41"), "{e}");
    assert!(e.contains("^"), "{e}");
}

#[test]
fn always_redraw_needs_an_object_written_in_place() {
    let e = compile_src("scene S {\n    let a = always_redraw(3)\n}\n").expect_err("a number");
    assert!(
        e.contains("`always_redraw` needs an object, found a number") && e.contains("2:27"),
        "{e}"
    );
    let e = compile_src("scene S {\n    let a = always_redraw()\n}\n").expect_err("nothing");
    assert!(e.contains("takes one object") && e.contains("2:13"), "{e}");
}

fn fill_of(m: &Mobject) -> valley::scene::Color {
    m.leaves()[0].style.fill
}

#[test]
fn a_colour_set_on_a_live_object_survives_its_rebuilds() {
    let tl = compile_src(
        r#"scene S {
    let t = tracker(0)
    let label = tex(f"{fmt(t, 1)}").move_to([t, 0])
    add(label)
    play(t.to(1))
    label.set_color(RED)
    play(t.to(2))
    play(label.animate.set_color(BLUE), run_time: 2, rate_func: linear)
    play(t.to(3))
}"#,
    )
    .unwrap();
    let red = valley::scene::Color::from_hex("#FC6255").unwrap();
    let blue = valley::scene::Color::from_hex("#58C4DD").unwrap();
    let white = valley::scene::Color::from_hex("#FFFFFF").unwrap();
    // Before the statement: white. After it, while the tracker moves the label: red.
    assert_eq!(fill_of(&obj(&tl, 0.5, 0)), white);
    let m = obj(&tl, 1.5, 0);
    println!(
        "t = 1.5: label at x {:.3}, fill {:?}",
        m.center().x,
        fill_of(&m)
    );
    assert!(m.center().x > 1.0, "still follows the tracker");
    assert_eq!(fill_of(&m), red);
    // Half-way through the 2 s animation: half-way between red and blue.
    let mid = fill_of(&obj(&tl, 3.0, 0));
    let want = red.lerp(blue, 0.5);
    println!("t = 3.0: fill {mid:?}, want {want:?}");
    assert!((mid.r - want.r).abs() < 0.01 && (mid.b - want.b).abs() < 0.01);
    // After it, while the tracker moves the label again (rebuilt with new glyphs): blue.
    let m = obj(&tl, 4.5, 0);
    println!(
        "t = 4.5: label at x {:.3}, fill {:?}",
        m.center().x,
        fill_of(&m)
    );
    assert!(m.center().x > 2.0);
    for leaf in m.leaves() {
        assert_eq!(leaf.style.fill, blue);
    }
}

#[test]
fn a_style_change_on_a_live_object_is_drawn() {
    // Pixel check: the rebuilt dot is drawn in the colour set on it.
    let tl = compile_src(
        r#"scene S {
    let t = tracker(0)
    let d = dot([t, 0], radius: 0.5)
    add(d)
    d.set_color(GREEN)
    play(t.to(2), run_time: 1, rate_func: linear)
}"#,
    )
    .unwrap();
    let frame = tl.state_at(1.0).unwrap();
    let px = valley::render::render(&frame, 160, 90);
    // x = 2 is 2 / 14.22 of the width right of the centre.
    let (x, y) = ((80.0 + 2.0 / 14.222 * 160.0) as u32, 45);
    let p = px.pixel(x, y).unwrap();
    println!("pixel at ({x}, {y}): {:?}", (p.red(), p.green(), p.blue()));
    let green = valley::scene::Color::from_hex("#83C167").unwrap();
    assert!((p.green() as f32 / 255.0 - green.g).abs() < 0.02, "{p:?}");
    assert!((p.red() as f32 / 255.0 - green.r).abs() < 0.02, "{p:?}");
}

#[test]
fn shape_changes_on_a_live_object_stay_refused_with_a_caret() {
    let src = |stmt: &str| {
        format!("scene S {{\n    let t = tracker(0)\n    let label = dot([t, 0])\n    add(label)\n    {stmt}\n    play(t.to(1))\n}}\n")
    };
    let e = compile_src(&src("play(label.animate.shift(UP))")).unwrap_err();
    assert!(
        e.contains("rebuilt every frame") && e.contains("test.scene:5:10"),
        "{e}"
    );
    let e = compile_src(&src("label.shift(UP)")).unwrap_err();
    assert!(
        e.contains("rebuilt every frame") && e.contains("test.scene:5:5"),
        "{e}"
    );
}

#[test]
fn a_follower_of_a_part_shown_on_its_own_follows_its_animation() {
    // Only part 1 of the formula is on screen (as `add(zoom[1])` shows a zoomed display).
    let tl = compile_src(
        r#"scene S {
    let eq = tex("a", "b")
    let box = always_redraw(surrounding_rectangle(eq[1]))
    add(eq[1], box)
    play(eq[1].animate.shift(2 * UP), run_time: 1, rate_func: linear)
}"#,
    )
    .unwrap();
    for t in [0.0, 0.5, 1.0] {
        let (part, b) = (obj(&tl, t, 0).center(), obj(&tl, t, 1).center());
        println!("t = {t}: part at {:.4}, box at {:.4}", part.y, b.y);
        assert!((b.y - part.y).abs() < 1e-6 && (b.x - part.x).abs() < 1e-6);
    }
    assert!((obj(&tl, 1.0, 1).center().y - obj(&tl, 0.0, 1).center().y - 2.0).abs() < 1e-6);
}

#[test]
fn followers_are_a_pure_function_of_time() {
    let src = r#"scene S {
    let t = tracker(0)
    let sq = square().to_edge(UP)
    let y = always_redraw(decimal_number(sq.get_center()[1]).next_to(sq, RIGHT))
    let tag = dot(y.get_right() + [t, 0])
    add(tag, sq, y)
    play(sq.animate.to_edge(DOWN), t.to(1), rate_func: there_and_back, run_time: 2)
    play(y.animate.set_color(RED))
    play(sq.animate.shift(2 * LEFT), create(circle()))
}"#;
    let (a, b) = (compile_src(src).unwrap(), compile_src(src).unwrap());
    let times: Vec<f64> = (0..=40).map(|k| k as f64 * 0.1).collect();
    let forward: Vec<_> = times
        .iter()
        .map(|&t| valley::pipeline::render_at(&a, t, 160, 90).unwrap())
        .collect();
    for (k, &t) in times.iter().enumerate().rev() {
        let alone = valley::pipeline::render_at(&b, t, 160, 90).unwrap();
        assert!(alone.data() == forward[k].data(), "frame at {t} differs");
    }
}

#[test]
fn a_style_animation_that_returns_to_the_start_leaves_no_change() {
    let tl = compile_src(
        r#"scene S {
    let t = tracker(0)
    let d = dot([t, 0])
    let s = square()
    add(d, s)
    play(group(d, s).animate.set_color(RED), rate_func: there_and_back, run_time: 2)
    play(t.to(1))
}"#,
    )
    .unwrap();
    let red = valley::scene::Color::from_hex("#FC6255").unwrap();
    let white = valley::scene::Color::from_hex("#FFFFFF").unwrap();
    // At the turn both are red (the live dot and the static square alike), then white again.
    let (d, s) = (obj(&tl, 1.0, 0), obj(&tl, 1.0, 1));
    println!(
        "t = 1: dot {:?}, square {:?}",
        fill_of(&d),
        s.leaves()[0].style.stroke
    );
    assert_eq!(fill_of(&d), red);
    assert_eq!(s.leaves()[0].style.stroke, red);
    let d = obj(&tl, 2.5, 0);
    assert!(d.center().x > 0.1, "the dot follows the tracker");
    assert_eq!(fill_of(&d), white);
    assert_eq!(obj(&tl, 2.5, 1).leaves()[0].style.stroke, white);
}
