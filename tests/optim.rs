//! Gradients and optimizer paths on the video's "funky" function, against video-spec.md §2.
//! Exercises the scene language end to end (fn → exact derivative → optimizer).

mod common;

fn eval(src: &str) -> valley::timeline::Timeline {
    common::compile_src(src).unwrap_or_else(|e| panic!("{e}"))
}

const FUNKY: &str = r#"
fn funky(u, v) = 0.3 * (
    5 * u * v * (1 - u) * (1 - v) * cos(10 * v) * sin(10 * u * v) * exp(u)
    + exp(-((v - 0.4)^2 + (u - 0.2)^2) / 0.03)
    + 0.6 * exp(-(v - 0.4)^2 / 0.03) * sin(25 * u) * (1 - u)^2
    + 1.4 * exp(-(v - 0.6)^2 / 0.02) * (exp(-(u - 0.7)^2 / 0.02) - exp(-(u - 0.4)^2 / 0.02)))
"#;

/// Runs `expr` in a scene and reads the numbers it shows back from a `tex` of fmt(…) values.
fn numbers(expr: &str) -> Vec<f64> {
    // Encode the values as the width of rectangles (exact, no typesetting involved).
    let src = format!("{FUNKY}\nscene S {{\n    let xs = {expr}\n    for x in xs {{ add(rectangle(width: x + 1000, height: 1)) }}\n}}\n");
    let tl = eval(&src);
    tl.state_at(0.0)
        .unwrap()
        .objects
        .iter()
        .map(|m| m.width() - 1000.0)
        .collect()
}

#[test]
fn funky_gradients_match_the_spec_table() {
    // (u, v, ∂f/∂u, ∂f/∂v) from video-spec §2.2.
    let table = [
        (0.1, 0.45, -1.65707, -0.80093),
        (0.27, 0.41, 0.18658, -0.17691),
        (0.61, 0.57, 2.34382, -0.42699),
        (0.5, 0.5, 2.68405, -0.54601),
        (0.4, 0.6, -0.85959, -0.34547),
    ];
    for (u, v, du, dv) in table {
        let g = numbers(&format!("gradient(funky, [{u}, {v}])"));
        assert!(
            (g[0] - du).abs() < 1e-4 && (g[1] - dv).abs() < 1e-4,
            "∇f({u}, {v}) = {g:?}, spec ({du}, {dv})"
        );
    }
}

#[test]
fn path_lengths_match_the_spec() {
    // Plain GD from (0.27, 0.41), step 0.01, stop below |∇f₀|/8: 67 points (§3.6).
    let n = numbers(
        r#"[len(optimize(funky, start: [0.27, 0.41], step: 0.01, steps: 71, stop_ratio: 0.125))]"#,
    );
    assert_eq!(n[0].round() as usize, 67);
    // Momentum 0.85: 110 points; 0.9: 152 points (§3.6, §3.7).
    let n = numbers(
        r#"[len(optimize(funky, start: [0.27, 0.41], method: "momentum", momentum: 0.85, step: 0.01, steps: 300, stop_ratio: 0.125))]"#,
    );
    assert_eq!(n[0].round() as usize, 110);
    let n = numbers(
        r#"[len(optimize(funky, start: [0.27, 0.41], method: "momentum", momentum: 0.9, step: 0.01, steps: 300, stop_ratio: 0.125))]"#,
    );
    assert_eq!(n[0].round() as usize, 152);
}

#[test]
fn normalized_path_matches_the_spec_points() {
    // MultiplePaths' path (§2.7): ends at ≈ (0.4129, 0.6216).
    let p = numbers(
        r#"optimize(funky, start: [0.1, 0.45], method: "normalized", step: 0.07, decay: 0.9, steps: 10)[10]"#,
    );
    assert!(
        (p[0] - 0.4129).abs() < 2e-4 && (p[1] - 0.6216).abs() < 2e-4,
        "{p:?}"
    );
}

#[test]
fn direction_helpers_match_the_spec() {
    // §3.4: at P = (0.61, 0.57) the steepest-descent direction is ≈ (−0.381, −0.922, 0.069).
    let d = numbers("[steepest_descent(funky, [0.61, 0.57]).x, steepest_descent(funky, [0.61, 0.57]).y, steepest_descent(funky, [0.61, 0.57]).z]");
    assert!(
        (d[0] + 0.381).abs() < 2e-3 && (d[1] + 0.922).abs() < 2e-3 && (d[2] - 0.069).abs() < 2e-3,
        "{d:?}"
    );
    // §3.5: the tangent at θ* ≈ 3.069 rad is ≈ (−0.380, −0.922, 0.071).
    let t = numbers("[tangent_direction(funky, [0.61, 0.57], 3.069).x, tangent_direction(funky, [0.61, 0.57], 3.069).y, tangent_direction(funky, [0.61, 0.57], 3.069).z]");
    assert!(
        (t[0] + 0.380).abs() < 3e-3 && (t[1] + 0.922).abs() < 3e-3 && (t[2] - 0.071).abs() < 3e-3,
        "{t:?}"
    );
    // The directional derivative along ∇f is |∇f| (2.3824 here).
    let g = numbers("[directional_derivative(funky, [0.61, 0.57], [2.34382, -0.42699])]");
    assert!((g[0] - 2.34382f64.hypot(0.42699)).abs() < 1e-3, "{g:?}");
    // Black-box methods: finite differences track exact GD; annealing is seeded.
    let a = numbers(
        r#"optimize(funky, start: [0.27, 0.41], method: "finite_difference", step: 0.01, steps: 20)[20]"#,
    );
    let b = numbers(r#"optimize(funky, start: [0.27, 0.41], step: 0.01, steps: 20)[20]"#);
    assert!((a[0] - b[0]).abs() < 1e-6 && (a[1] - b[1]).abs() < 1e-6);
    let s1 = numbers(
        r#"optimize(funky, start: [0.27, 0.41], method: "annealing", step: 0.05, steps: 200, seed: 3)[5]"#,
    );
    let s2 = numbers(
        r#"optimize(funky, start: [0.27, 0.41], method: "annealing", step: 0.05, steps: 200, seed: 3)[5]"#,
    );
    assert_eq!(s1, s2);
}

/// f at the start and at the end of an optimizer's path, computed by the scene language.
fn start_and_end(f: &str, opt: &str) -> (f64, f64) {
    let src = format!(
        "{FUNKY}\nfn bowl(u, v) = (u - 1)^2 + 2 * (v + 0.5)^2 + 0.3\nscene S {{\n    let p = {opt}\n    let q = p[len(p) - 1]\n    add(rectangle(width: {f}(p[0][0], p[0][1]) + 1000, height: 1))\n    add(rectangle(width: {f}(q[0], q[1]) + 1000, height: 1))\n}}\n"
    );
    let tl = eval(&src);
    let w: Vec<f64> = tl
        .state_at(0.0)
        .unwrap()
        .objects
        .iter()
        .map(|m| m.width() - 1000.0)
        .collect();
    (w[0], w[1])
}

#[test]
fn annealing_lowers_f() {
    // On a bowl, from far away, every seed ends near the minimum value 0.3 (from 8.8).
    for seed in 1..=5 {
        let (a, b) = start_and_end(
            "bowl",
            &format!(
                r#"optimize(bowl, start: [-1, 1], method: "annealing", step: 0.2, steps: 400, seed: {seed})"#
            ),
        );
        assert!((a - 8.8).abs() < 1e-6, "start f = {a}");
        assert!(b < 0.5, "seed {seed}: annealing ended at f = {b}, from {a}");
    }
    // On the funky function, each seed ends lower than it started.
    for seed in 1..=5 {
        let (a, b) = start_and_end(
            "funky",
            &format!(
                r#"optimize(funky, start: [0.27, 0.41], method: "annealing", step: 0.05, steps: 300, seed: {seed})"#
            ),
        );
        assert!(b < a - 0.05, "seed {seed}: f went from {a} to {b}");
    }
}
