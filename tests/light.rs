//! `set_light(position)`: Manim's light source moves, and 3D shading follows it.

mod common;

use valley::pipeline::render_at;

fn sphere_with(light: &str) -> tiny_skia::Pixmap {
    let src = format!(
        "scene L {{\n    set_camera_orientation(phi: 70 * DEGREES, theta: -90 * DEGREES)\n    {light}\n    add(sphere(radius: 2, resolution: 24, color: BLUE))\n}}\n"
    );
    let tl = common::compile_src(&src).unwrap_or_else(|e| panic!("{e}"));
    render_at(&tl, 0.0, 160, 90).unwrap()
}

/// Mean brightness of the left and right halves of the frame (the sphere sits in the middle).
fn sides(pm: &tiny_skia::Pixmap) -> (f64, f64) {
    let (w, h) = (pm.width(), pm.height());
    let mean = |x0: u32, x1: u32| {
        let mut s = 0.0;
        for y in 0..h {
            for x in x0..x1 {
                let p = pm.pixel(x, y).unwrap();
                s += p.red() as f64 + p.green() as f64 + p.blue() as f64;
            }
        }
        s / ((x1 - x0) * h) as f64
    };
    (mean(0, w / 2), mean(w / 2, w))
}

#[test]
fn moving_the_light_moves_the_highlight() {
    let (l_left, l_right) = sides(&sphere_with("set_light([-10, 0, 3])"));
    let (r_left, r_right) = sides(&sphere_with("set_light([10, 0, 3])"));
    assert!(
        l_left > l_right && r_right > r_left,
        "light on the left: {l_left:.1} | {l_right:.1}; on the right: {r_left:.1} | {r_right:.1}"
    );
}

#[test]
fn set_light_needs_a_point() {
    let e = common::compile_src("scene L {\n    set_light(3)\n}\n").unwrap_err();
    assert!(e.contains("test.scene:2:"), "{e}");
}
