//! Golden frames of the showcase scenes, compared as pixels with a tolerance (never as bytes).
//! Regenerate after an intended visual change with `VALLEY_BLESS=1 cargo test --test golden`.

mod common;

use valley::pipeline::render_at;

const W: u32 = 854;
const H: u32 = 480;

fn check(file: &str, scene: &str, times: &[f64]) {
    let tl = common::compile_file(file, Some(scene));
    for &t in times {
        let pm = render_at(&tl, t, W, H).unwrap();
        let path = common::root().join(format!("tests/golden/{scene}_{t:.2}.png"));
        if std::env::var_os("VALLEY_BLESS").is_some() {
            pm.save_png(&path).unwrap();
            continue;
        }
        let golden = tiny_skia::Pixmap::load_png(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (bless with VALLEY_BLESS=1)", path.display()));
        assert_eq!((golden.width(), golden.height()), (W, H));
        let (a, b) = (pm.data(), golden.data());
        let mut sum = 0u64;
        let mut big = 0usize;
        for (x, y) in a.iter().zip(b.iter()) {
            let d = (*x as i32 - *y as i32).unsigned_abs();
            sum += d as u64;
            if d > 64 {
                big += 1;
            }
        }
        let mean = sum as f64 / a.len() as f64;
        let big_frac = big as f64 / a.len() as f64;
        assert!(
            mean < 0.5 && big_frac < 0.002,
            "{scene} at {t}: mean diff {mean:.3}, {:.3}% of channels off by > 64",
            big_frac * 100.0
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
