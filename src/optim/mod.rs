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

/// Runs an optimizer on f with gradient (fx, fy).
pub fn run(fx: &Function, fy: &Function, spec: &Spec) -> Result<Run, EvalError> {
    let grad = |p: [f64; 2]| -> Result<[f64; 2], EvalError> { Ok([fx.call(&p)?, fy.call(&p)?]) };
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
        }
        out.velocities.push(m);
    }
    out.points.push(p);
    out.gradients.push(grad(p)?);
    out.velocities.push(m);
    Ok(out)
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
