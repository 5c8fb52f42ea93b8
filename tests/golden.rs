//! Golden frames of the showcase scenes, compared as pixels with a tolerance (never as bytes).
//! A pixel differs when any channel is off by more than 8/255; a frame passes with at most a few
//! dozen differing pixels (anti-aliasing noise), so a changed formula or digit fails. On failure a
//! diff image (expected | mask | actual) is written under the target folder and the message says
//! where the difference is. Regenerate after an intended visual change with
//! `VALLEY_BLESS=1 cargo test --test golden`.

mod common;

use tiny_skia::Pixmap;
use valley::pipeline::render_at;

use common::pixels::{densest_tile, diff_image, differing, where_, ALLOWED, H, TILE_ALLOWED, W};

/// Compares a rendered frame with its golden in tests/golden/.
pub fn compare(name: &str, actual: &Pixmap) {
    common::pixels::compare_in("golden", name, actual);
}

fn check(file: &str, scene: &str, times: &[f64]) {
    let tl = common::compile_file(file, Some(scene));
    for &t in times {
        let pm = render_at(&tl, t, W, H).unwrap();
        compare(&format!("{scene}_{t:.2}"), &pm);
    }
}

/// The comparison itself can fail: a frame with a changed digit is caught and located, and a
/// last digit changed in a small readout is caught by the content probe.
#[test]
fn a_changed_digit_fails_and_says_where() {
    let small = |d: &str| {
        let src =
            format!("scene A {{\n    add(tex(\"x: 1.2{d}\", font_size: 30).to_corner(DR))\n}}\n");
        render_at(&common::compile_src(&src).unwrap(), 0.0, W, H).unwrap()
    };
    let diff = differing(&small("5"), &small("6"));
    assert!(
        densest_tile(&diff, W).0 > TILE_ALLOWED,
        "{} pixels",
        diff.len()
    );
    let src = |d: &str| {
        format!("scene A {{\n    add(tex(\"f(x) = {d}.25\").scale(0.6).to_corner(UL))\n}}\n")
    };
    let render = |d: &str| {
        let tl = common::compile_src(&src(d)).unwrap();
        render_at(&tl, 0.0, W, H).unwrap()
    };
    let (a, b) = (render("2"), render("3"));
    let diff = differing(&a, &b);
    assert!(diff.len() > ALLOWED, "{} pixels", diff.len());
    assert!(
        where_(&diff, W, H).contains("top left"),
        "{}",
        where_(&diff, W, H)
    );
    assert!(
        differing(&a, &render("2")).is_empty(),
        "rendering is deterministic"
    );
    let img = diff_image(&a, &b, &diff);
    assert_eq!((img.width(), img.height()), (3 * W, H));
}

/// Every scene of every scene file in the repository compiles and renders: a frame in the
/// middle and the last one, at a small size (files with no scene are `use`d by others and are
/// compiled through them).
#[test]
fn every_scene_file_compiles_and_renders() {
    let mut rendered = Vec::new();
    for f in common::scene_files() {
        let prog = valley::lang::Program::load(&f).unwrap_or_else(|d| panic!("{d}"));
        for name in prog.scene_names() {
            let tl = prog
                .compile(Some(&name))
                .unwrap_or_else(|d| panic!("{}: {d}", f.display()));
            assert!(tl.duration() >= 0.0);
            // Something is drawn (not every pixel is the background's) in the middle or at the
            // end: a scene may rightly end on an empty frame after fading everything out.
            let mut drawn = false;
            for t in [tl.duration() / 2.0, tl.duration()] {
                let pm =
                    render_at(&tl, t, 160, 90).unwrap_or_else(|e| panic!("{name} at {t}: {e}"));
                let first = pm.pixels()[0];
                drawn |= pm.pixels().iter().any(|p| *p != first);
            }
            assert!(drawn, "{name}: blank in the middle and at the end");
            rendered.push(name);
        }
    }
    for must in [
        "WithMomentum",
        "FinishingTouch",
        "OneDimensional",
        "DogDrawing",
        "OptimizerRace",
        "FirstGraph",
        "PartialDerivatives",
    ] {
        assert!(
            rendered.iter().any(|n| n == must),
            "{must} not rendered: {rendered:?}"
        );
    }
}

#[test]
fn first_graph() {
    check(
        "scenes/gradient_descent/first_graph.scene",
        "FirstGraph",
        &[1.0, 2.5, 6.4, 8.31],
    );
}

#[test]
fn one_dimensional_gd() {
    check(
        "scenes/gradient_descent/one_dimensional_gd.scene",
        "OneDimensionalGradientDescent",
        &[1.2, 5.9, 8.0, 22.6],
    );
}

#[test]
fn multiple_graphs() {
    check(
        "scenes/gradient_descent/multiple_graphs.scene",
        "MultipleGraphs",
        &[2.5, 9.5, 15.24],
    );
}

/// The frame is where the spec says things are: a probe of the ball's colour at its end position.
#[test]
fn first_graph_ball_ends_at_the_minimum() {
    let tl = common::compile_file(
        "scenes/gradient_descent/first_graph.scene",
        Some("FirstGraph"),
    );
    let frame = tl.state_at(tl.duration()).unwrap();
    // Data origin → world (0, −2.415) (video-spec §3.1).
    let ball = frame
        .objects
        .iter()
        .find(|m| m.leaves().len() == 1 && (m.width() - 0.4).abs() < 1e-6)
        .expect("ball");
    let c = ball.center();
    assert!(c.x.abs() < 0.01 && (c.y + 2.415).abs() < 0.01, "{c:?}");
}

#[test]
fn multiple_paths() {
    check(
        "scenes/gradient_descent/multiple_paths.scene",
        "MultiplePaths",
        &[1.0, 7.5, 16.0, 22.1],
    );
}

/// The red path ends where the spec says: screen ≈ (0.46, −1.15), start ≈ (−2.06, 0.54).
#[test]
fn multiple_paths_geometry() {
    let tl = common::compile_file(
        "scenes/gradient_descent/multiple_paths.scene",
        Some("MultiplePaths"),
    );
    let f = tl.state_at(tl.duration()).unwrap();
    let cam = &f.camera;
    // The yellow start sphere's centre, projected.
    let sphere = f
        .objects
        .iter()
        .find(|m| m.leaves().len() == 25)
        .expect("start sphere (5 × 5 faces)");
    let (x, y, _) = cam.project(sphere.center());
    assert!(
        (x + 2.06).abs() < 0.05 && (y - 0.54).abs() < 0.05,
        "start at ({x:.3}, {y:.3})"
    );
}

#[test]
fn which_way() {
    check(
        "scenes/gradient_descent/which_way.scene",
        "WhichWay",
        &[1.0, 7.7, 19.71],
    );
}

#[test]
fn rolling_ball() {
    check(
        "scenes/gradient_descent/rolling_ball.scene",
        "RollingBall",
        &[8.5, 13.0, 30.0],
    );
}

#[test]
fn gigantic_function() {
    check(
        "scenes/gradient_descent/gigantic_function.scene",
        "GiganticFunction",
        &[0.5, 3.0, 13.4],
    );
}

#[test]
fn cat_dog() {
    check(
        "scenes/gradient_descent/cat_dog.scene",
        "CatDog",
        &[1.1, 9.3],
    );
}

#[test]
fn gradients_and_basic_derivatives() {
    check(
        "scenes/gradient_descent/gradients.scene",
        "Gradients",
        &[10.5, 18.0],
    );
    check(
        "scenes/gradient_descent/basic_derivatives.scene",
        "BasicDerivatives",
        &[10.7, 27.9],
    );
}

#[test]
fn execution_family() {
    check(
        "scenes/gradient_descent/execution.scene",
        "Execution",
        &[11.1, 33.0, 44.51],
    );
    check(
        "scenes/gradient_descent/converging_execution.scene",
        "ConvergingExecution",
        &[6.0, 11.41],
    );
}

#[test]
fn step_size() {
    check(
        "scenes/gradient_descent/step_size.scene",
        "StepSize",
        &[13.3, 33.9],
    );
}

#[test]
fn gradient_formulas() {
    check(
        "scenes/gradient_descent/gradient_formulas.scene",
        "GradientFormulas",
        &[5.0, 14.62],
    );
}

#[test]
fn conclusion() {
    check(
        "scenes/gradient_descent/conclusion.scene",
        "Conclusion",
        &[12.0, 22.0],
    );
}

#[test]
fn partial_derivatives() {
    check(
        "scenes/gradient_descent/partial_derivatives.scene",
        "PartialDerivatives",
        &[7.0, 16.3, 32.5, 65.05],
    );
}
