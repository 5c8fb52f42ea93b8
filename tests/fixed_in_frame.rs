//! Objects fixed in the frame (Manim's `add_fixed_in_frame_mobjects`): probed by pixels, a
//! fixed text stays where it is on screen while the 3D camera turns and zooms, and a text that
//! is not fixed moves with the scene.

mod common;

use valley::render::render;

const W: u32 = 480;
const H: u32 = 270;

/// Bounding box (x0, y0, x1, y1) of the pixels close to `rgb`, if any.
fn bbox_of(pm: &tiny_skia::Pixmap, rgb: [u8; 3]) -> Option<(u32, u32, u32, u32)> {
    let mut b: Option<(u32, u32, u32, u32)> = None;
    for y in 0..pm.height() {
        for x in 0..pm.width() {
            let c = pm.pixel(x, y).unwrap();
            let d = (c.red() as i32 - rgb[0] as i32).abs()
                + (c.green() as i32 - rgb[1] as i32).abs()
                + (c.blue() as i32 - rgb[2] as i32).abs();
            if d < 60 {
                b = Some(match b {
                    None => (x, y, x, y),
                    Some((a, b0, c0, d0)) => (a.min(x), b0.min(y), c0.max(x), d0.max(y)),
                });
            }
        }
    }
    b
}

fn frames(src: &str, times: &[f64]) -> Vec<tiny_skia::Pixmap> {
    let tl = common::compile_src(src).unwrap_or_else(|e| panic!("{e}"));
    times
        .iter()
        .map(|&t| render(&tl.state_at(t).unwrap(), W, H))
        .collect()
}

const YELLOW: [u8; 3] = [0xFF, 0xFF, 0x00];
const RED: [u8; 3] = [0xFF, 0x00, 0x00];

#[test]
fn a_fixed_text_stays_put_while_the_camera_turns_and_a_normal_one_moves() {
    let src = r##"
scene S {
    set_camera_orientation(phi: 60 * DEGREES, theta: -90 * DEGREES)
    let fixed = text("FIXED", color: "#FFFF00").to_corner(UL)
    add_fixed_in_frame_mobjects(fixed)
    let loose = text("LOOSE", color: "#FF0000").shift(2 * RIGHT + UP)
    add(loose)
    play(move_camera(phi: 20 * DEGREES, theta: 10 * DEGREES, zoom: 1.6, run_time: 2))
}
"##;
    let f = frames(src, &[0.0, 1.0, 2.0]);
    let fixed: Vec<_> = f
        .iter()
        .map(|p| bbox_of(p, YELLOW).expect("fixed text drawn"))
        .collect();
    let loose: Vec<_> = f
        .iter()
        .map(|p| bbox_of(p, RED).expect("loose text drawn"))
        .collect();
    for b in &fixed[1..] {
        let d = (b.0 as i32 - fixed[0].0 as i32).abs()
            + (b.1 as i32 - fixed[0].1 as i32).abs()
            + (b.2 as i32 - fixed[0].2 as i32).abs()
            + (b.3 as i32 - fixed[0].3 as i32).abs();
        assert!(d <= 2, "the fixed text moved: {fixed:?}");
    }
    // In the upper-left corner, where `to_corner(UL)` puts it in a 2D scene (buff 0.5 of 14.22
    // units: 17 px at 480 wide), and the right way up (wider than tall).
    let (x0, y0, x1, y1) = fixed[0];
    assert!(
        (14..=20).contains(&x0) && (14..=20).contains(&y0),
        "{fixed:?}"
    );
    assert!(x1 - x0 > 2 * (y1 - y0), "{fixed:?}");
    // The text that is not fixed moves, turns and changes size with the camera.
    let (a, b) = (loose[0], loose[2]);
    let moved = (a.0 as i32 - b.0 as i32).abs() + (a.1 as i32 - b.1 as i32).abs();
    let resized = ((b.2 - b.0) as i32 - (a.2 - a.0) as i32).abs()
        + ((b.3 - b.1) as i32 - (a.3 - a.1) as i32).abs();
    assert!(moved > 20 && resized > 10, "{loose:?}");
}

#[test]
fn a_fixed_object_is_drawn_over_the_3d_scene() {
    // A square fixed in the frame at the centre, with an opaque sphere between it and the eye
    // in 3D terms (the sphere is nearer than the square's plane): the square still shows.
    let src = r##"
scene S {
    set_camera_orientation(phi: 0, theta: -90 * DEGREES)
    let ball = sphere([0, 0, 2], radius: 1.5, color: BLUE)
    let sq = square(side: 1, color: "#FFFF00", fill_opacity: 1)
    add(ball)
    add_fixed_in_frame_mobjects(sq)
    wait(1)
}
"##;
    let f = frames(src, &[0.5]);
    let c = f[0].pixel(W / 2, H / 2).unwrap();
    assert_eq!((c.red(), c.green(), c.blue()), (255, 255, 0));
    // Around the square, the ball.
    let c = f[0].pixel(W / 2 + 40, H / 2).unwrap();
    assert!(c.blue() > c.red() && c.blue() > 100, "{c:?}");
}

#[test]
fn fix_in_frame_works_in_a_tracker_driven_definition_and_in_2d() {
    // A counter rebuilt from a tracker, fixed in its definition; the 2D camera zooms in and
    // moves, the counter stays.
    let src = r##"
scene S {
    let t = tracker(0)
    let n = decimal_number(t, color: "#FFFF00").to_corner(UR).fix_in_frame()
    add(n, circle(color: "#FF0000"))
    play(t.to(5), camera.animate.scale(0.5).move_to([1, 1]), run_time: 2)
}
"##;
    let f = frames(src, &[0.0, 2.0]);
    let (a, b) = (
        bbox_of(&f[0], YELLOW).unwrap(),
        bbox_of(&f[1], YELLOW).unwrap(),
    );
    assert!(
        (a.2 as i32 - b.2 as i32).abs() <= 1 && (a.1 as i32 - b.1 as i32).abs() <= 1,
        "{a:?} {b:?}"
    );
    let (a, b) = (bbox_of(&f[0], RED).unwrap(), bbox_of(&f[1], RED).unwrap());
    assert!(
        (b.2 - b.0) > (a.2 - a.0) + 50,
        "the circle should grow: {a:?} {b:?}"
    );
}

#[test]
fn fixing_a_tracker_driven_object_from_outside_says_how() {
    let src = r##"
scene S {
    let t = tracker(0)
    let n = decimal_number(t)
    add_fixed_in_frame_mobjects(n)
}
"##;
    let Err(e) = common::compile_src(src) else {
        panic!("fixing a tracker-driven object from outside should fail");
    };
    assert!(
        e.contains("rebuilt every frame") && e.contains(".fix_in_frame()"),
        "{e}"
    );
    assert!(e.contains("5:"), "names the line: {e}");
}

#[test]
fn remove_fixed_in_frame_mobjects_makes_it_follow_the_camera_again() {
    let src = r##"
scene S {
    set_camera_orientation(phi: 60 * DEGREES, theta: -90 * DEGREES)
    let s = text("FIXED", color: "#FFFF00").to_corner(UL)
    add_fixed_in_frame_mobjects(s)
    remove_fixed_in_frame_mobjects(s)
    play(move_camera(theta: 0, run_time: 1))
}
"##;
    let f = frames(src, &[0.0, 1.0]);
    let (a, b) = (
        bbox_of(&f[0], YELLOW).unwrap(),
        bbox_of(&f[1], YELLOW).unwrap(),
    );
    assert!(a != b, "it should move now: {a:?} {b:?}");
}
