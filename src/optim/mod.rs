//! Optimizers that make paths over f(x, y): each step is deterministic, and a run records the
//! points, the gradients there and the velocity (the video's inertia arrow).

use crate::expr::{EvalError, Function};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Method {
    /// p ← p − η·∇f
    Plain,
    /// p ← p − η_k·∇f/|∇f|, with η_{k+1} = decay·η_k (MultiplePaths' path).
    Normalized {
        decay: f64,
    },
    /// The video's momentum: m ← μ·m + (1 − μ)·∇f, p ← p − η·m (an exponential average).
    Momentum {
        mu: f64,
    },
    /// Nesterov: the gradient is taken at the look-ahead point p − η·μ·m.
    Nesterov {
        mu: f64,
    },
    AdaGrad,
    RmsProp {
        rho: f64,
    },
    Adam {
        beta1: f64,
        beta2: f64,
    },
    /// Gradient descent on a black box: the gradient by central differences of step `h`.
    FiniteDifference {
        h: f64,
    },
    /// Simulated annealing: Gaussian proposals of size `step`, accepted by the Metropolis rule
    /// at temperature t₀·cooling^k; deterministic for a given `seed`. Records accepted points.
    Annealing {
        t0: f64,
        cooling: f64,
        seed: u64,
    },
}

#[derive(Clone, Debug)]
pub struct Spec {
    pub start: [f64; 2],
    pub step: f64,
    pub steps: usize,
    pub method: Method,
    /// Stop when |∇f| falls below |∇f₀| · ratio (the video uses 1/8).
    pub stop_ratio: Option<f64>,
}

#[derive(Clone, Debug, Default)]
pub struct Run {
    pub points: Vec<[f64; 2]>,
    pub gradients: Vec<[f64; 2]>,
    pub velocities: Vec<[f64; 2]>,
}

/// A small deterministic generator (SplitMix64), so annealing runs are the same everywhere.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// A standard normal sample (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u = self.uniform().max(1e-300);
        let v = self.uniform();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// Runs a method that needs only f's values (finite differences, annealing).
pub fn run_black_box(f: &Function, spec: &Spec) -> Result<Run, EvalError> {
    let mut out = Run::default();
    let mut p = spec.start;
    match spec.method {
        Method::FiniteDifference { h } => {
            // Plain descent, with the gradient by central differences.
            let grad = |p: [f64; 2]| -> Result<[f64; 2], EvalError> {
                Ok([
                    (f.call(&[p[0] + h, p[1]])? - f.call(&[p[0] - h, p[1]])?) / (2.0 * h),
                    (f.call(&[p[0], p[1] + h])? - f.call(&[p[0], p[1] - h])?) / (2.0 * h),
                ])
            };
            return descend(
                grad,
                &Spec {
                    method: Method::Plain,
                    ..spec.clone()
                },
            );
        }
        Method::Annealing { t0, cooling, seed } => {
            let mut rng = Rng(seed);
            let mut fp = f.call(&p)?;
            out.points.push(p);
            let mut temp = t0;
            for _ in 0..spec.steps {
                let q = [
                    p[0] + spec.step * rng.normal(),
                    p[1] + spec.step * rng.normal(),
                ];
                let fq = f.call(&q)?;
                let accept = fq <= fp || rng.uniform() < ((fp - fq) / temp.max(1e-12)).exp();
                if accept {
                    p = q;
                    fp = fq;
                    out.points.push(p);
                }
                temp *= cooling;
            }
            out.gradients = vec![[0.0, 0.0]; out.points.len()];
            out.velocities = vec![[0.0, 0.0]; out.points.len()];
        }
        _ => unreachable!("gradient methods use run()"),
    }
    Ok(out)
}

/// Runs an optimizer on f with gradient (fx, fy).
pub fn run(fx: &Function, fy: &Function, spec: &Spec) -> Result<Run, EvalError> {
    descend(
        |p: [f64; 2]| -> Result<[f64; 2], EvalError> { Ok([fx.call(&p)?, fy.call(&p)?]) },
        spec,
    )
}

/// The gradient methods, given any way to get the gradient at a point.
fn descend(
    grad: impl Fn([f64; 2]) -> Result<[f64; 2], EvalError>,
    spec: &Spec,
) -> Result<Run, EvalError> {
    let mut p = spec.start;
    let mut m = [0.0; 2];
    let mut s = [0.0; 2]; // second moments / accumulated squares
    let mut eta = spec.step;
    let mut out = Run::default();
    let mut g0 = None;
    const EPS: f64 = 1e-8;
    for k in 0..spec.steps {
        let g = grad(p)?;
        let norm = (g[0] * g[0] + g[1] * g[1]).sqrt();
        let first = *g0.get_or_insert(norm);
        if k > 0 && spec.stop_ratio.is_some_and(|r| norm < first * r) {
            break;
        }
        out.points.push(p);
        out.gradients.push(g);
        match spec.method {
            Method::Plain => {
                p = [p[0] - eta * g[0], p[1] - eta * g[1]];
            }
            Method::Normalized { decay } => {
                if norm > 0.0 {
                    p = [p[0] - eta * g[0] / norm, p[1] - eta * g[1] / norm];
                }
                eta *= decay;
            }
            Method::Momentum { mu } => {
                m = [mu * m[0] + (1.0 - mu) * g[0], mu * m[1] + (1.0 - mu) * g[1]];
                p = [p[0] - eta * m[0], p[1] - eta * m[1]];
            }
            Method::Nesterov { mu } => {
                let ahead = [p[0] - eta * mu * m[0], p[1] - eta * mu * m[1]];
                let ga = grad(ahead)?;
                m = [mu * m[0] + ga[0], mu * m[1] + ga[1]];
                p = [p[0] - eta * m[0], p[1] - eta * m[1]];
            }
            Method::AdaGrad => {
                s = [s[0] + g[0] * g[0], s[1] + g[1] * g[1]];
                p = [
                    p[0] - eta * g[0] / (s[0].sqrt() + EPS),
                    p[1] - eta * g[1] / (s[1].sqrt() + EPS),
                ];
            }
            Method::RmsProp { rho } => {
                s = [
                    rho * s[0] + (1.0 - rho) * g[0] * g[0],
                    rho * s[1] + (1.0 - rho) * g[1] * g[1],
                ];
                p = [
                    p[0] - eta * g[0] / (s[0].sqrt() + EPS),
                    p[1] - eta * g[1] / (s[1].sqrt() + EPS),
                ];
            }
            Method::Adam { beta1, beta2 } => {
                let t = (k + 1) as i32;
                m = [
                    beta1 * m[0] + (1.0 - beta1) * g[0],
                    beta1 * m[1] + (1.0 - beta1) * g[1],
                ];
                s = [
                    beta2 * s[0] + (1.0 - beta2) * g[0] * g[0],
                    beta2 * s[1] + (1.0 - beta2) * g[1] * g[1],
                ];
                let (c1, c2) = (1.0 - beta1.powi(t), 1.0 - beta2.powi(t));
                p = [
                    p[0] - eta * (m[0] / c1) / ((s[0] / c2).sqrt() + EPS),
                    p[1] - eta * (m[1] / c1) / ((s[1] / c2).sqrt() + EPS),
                ];
            }
            Method::FiniteDifference { .. } | Method::Annealing { .. } => {
                unreachable!("black-box methods use run_black_box()")
            }
        }
        out.velocities.push(m);
    }
    out.points.push(p);
    out.gradients.push(grad(p)?);
    out.velocities.push(m);
    Ok(out)
}

#[cfg(test)]
mod black_box_tests {
    use super::*;
    use crate::expr::{BinOp, Expr};
    use std::sync::Arc;

    fn bowl() -> Function {
        // x² + 3y²
        let sq = |v| {
            Box::new(Expr::Bin(
                BinOp::Pow,
                Box::new(Expr::Var(v)),
                Box::new(Expr::Num(2.0)),
            ))
        };
        Function {
            params: vec!["x".into(), "y".into()],
            body: Arc::new(Expr::Bin(
                BinOp::Add,
                sq(0),
                Box::new(Expr::Bin(BinOp::Mul, Box::new(Expr::Num(3.0)), sq(1))),
            )),
        }
    }

    #[test]
    fn finite_differences_follow_the_true_gradient() {
        let spec = Spec {
            start: [1.0, 1.0],
            step: 0.1,
            steps: 1,
            method: Method::FiniteDifference { h: 1e-5 },
            stop_ratio: None,
        };
        let r = run_black_box(&bowl(), &spec).unwrap();
        assert!((r.points[1][0] - 0.8).abs() < 1e-8 && (r.points[1][1] - 0.4).abs() < 1e-8);
    }

    #[test]
    fn annealing_is_deterministic_and_goes_downhill() {
        let spec = Spec {
            start: [2.0, 2.0],
            step: 0.3,
            steps: 400,
            method: Method::Annealing {
                t0: 1.0,
                cooling: 0.98,
                seed: 7,
            },
            stop_ratio: None,
        };
        let a = run_black_box(&bowl(), &spec).unwrap();
        let b = run_black_box(&bowl(), &spec).unwrap();
        assert_eq!(a.points, b.points);
        let last = a.points.last().unwrap();
        assert!(last[0].abs() < 0.5 && last[1].abs() < 0.5, "{last:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::{BinOp, Expr};
    use std::sync::Arc;

    fn f(e: Expr) -> Function {
        Function {
            params: vec!["x".into(), "y".into()],
            body: Arc::new(e),
        }
    }

    #[test]
    fn first_steps_by_hand() {
        // f = x² + 3y²: ∇f = (2x, 6y). From (1, 1), η = 0.1:
        let fx = f(Expr::Bin(
            BinOp::Mul,
            Box::new(Expr::Num(2.0)),
            Box::new(Expr::Var(0)),
        ));
        let fy = f(Expr::Bin(
            BinOp::Mul,
            Box::new(Expr::Num(6.0)),
            Box::new(Expr::Var(1)),
        ));
        let spec = |method| Spec {
            start: [1.0, 1.0],
            step: 0.1,
            steps: 2,
            method,
            stop_ratio: None,
        };
        // plain: (1 − 0.2, 1 − 0.6) = (0.8, 0.4); then (0.64, 0.16).
        let r = run(&fx, &fy, &spec(Method::Plain)).unwrap();
        assert!((r.points[1][0] - 0.8).abs() < 1e-12 && (r.points[1][1] - 0.4).abs() < 1e-12);
        assert!((r.points[2][0] - 0.64).abs() < 1e-12 && (r.points[2][1] - 0.16).abs() < 1e-12);
        // normalised: step 0.1 along −(2, 6)/√40.
        let r = run(&fx, &fy, &spec(Method::Normalized { decay: 0.9 })).unwrap();
        let n = 40f64.sqrt();
        assert!(
            (r.points[1][0] - (1.0 - 0.2 / n)).abs() < 1e-12
                && (r.points[1][1] - (1.0 - 0.6 / n)).abs() < 1e-12
        );
        // momentum μ = 0.5: m = 0.5·(2, 6) = (1, 3) → p = (0.9, 0.7).
        let r = run(&fx, &fy, &spec(Method::Momentum { mu: 0.5 })).unwrap();
        assert!((r.points[1][0] - 0.9).abs() < 1e-12 && (r.points[1][1] - 0.7).abs() < 1e-12);
        // Adam's first step moves each coordinate by η (bias-corrected m/√v = sign(g)).
        let r = run(
            &fx,
            &fy,
            &spec(Method::Adam {
                beta1: 0.9,
                beta2: 0.999,
            }),
        )
        .unwrap();
        assert!((r.points[1][0] - 0.9).abs() < 1e-6 && (r.points[1][1] - 0.9).abs() < 1e-6);
        // AdaGrad's first step too.
        let r = run(&fx, &fy, &spec(Method::AdaGrad)).unwrap();
        assert!((r.points[1][0] - 0.9).abs() < 1e-6);
    }
}
