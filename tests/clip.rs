//! Geometry the rasterizer cannot take is clipped before it gets there (issue #8): no size,
//! camera or zoom makes rendering panic. Each case renders through the library.

use valley::lang::Program;
use valley::pipeline::render_at;

fn renders(src: &str) {
    let tl = Program::from_source("clip.scene", src.to_string())
        .unwrap_or_else(|d| panic!("{d}"))
        .compile(None)
        .unwrap_or_else(|d| panic!("{d}"));
    for t in [0.0, tl.duration() / 2.0, tl.duration()] {
        let pm = render_at(&tl, t, 320, 180).unwrap();
        assert_eq!((pm.width(), pm.height()), (320, 180));
    }
}

#[test]
fn huge_filled_circle() {
    renders("scene A {\n add(circle(radius: 5e7, fill_opacity: 1))\n wait(0.1)\n}");
}

#[test]
fn camera_narrower_than_a_hair() {
    renders("scene A {\n add(circle(fill_opacity: 1), square())\n camera.set_width(1e-7)\n wait(0.1)\n}");
}

#[test]
fn huge_polygon() {
    renders(
        "scene A {\n add(polygon([-1e12, -1e12], [1e12, -1e9], [3e11, 1e12], fill_opacity: 1))\n wait(0.1)\n}",
    );
}

#[test]
fn huge_circle_still_fills_the_frame() {
    let tl = Program::from_source(
        "clip.scene",
        "scene A {\n add(circle(radius: 5e7, color: RED, fill_opacity: 1))\n wait(0.1)\n}".into(),
    )
    .unwrap()
    .compile(None)
    .unwrap();
    let pm = render_at(&tl, 0.0, 320, 180).unwrap();
    for (x, y) in [(0, 0), (160, 90), (319, 179)] {
        let c = pm.pixel(x, y).unwrap();
        assert!(c.red() > 200 && c.green() < 150, "({x}, {y}): {c:?}");
    }
}

#[test]
fn camera_zoomed_into_a_3d_scene() {
    for zoom in ["1e9", "1e-9", "4000"] {
        renders(&format!(
            "fn f(x, y) = x^2 + y^2\nscene A {{\n set_camera_orientation(phi: 60 * DEGREES, theta: -45 * DEGREES, zoom: {zoom})\n let ax = axes3d()\n add(ax, ax.plot_surface(f, u_range: [-2, 2], v_range: [-2, 2]), sphere(ORIGIN, radius: 1e8), tex(\"x^2\"))\n wait(0.1)\n}}"
        ));
    }
}
