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
