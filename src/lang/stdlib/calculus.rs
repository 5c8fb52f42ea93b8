//! Calculus and optimization on `fn`s (through their exact lowered form), and vector algebra.

use std::sync::Arc;

use super::{n, p, Call, Def, Entry, Kind, Ty};
use crate::expr::Function;
use crate::geom::Vec3;
use crate::lang::interp::{Interp, R};
use crate::lang::lower::lower_fn;
use crate::lang::value::{ArgVal, Value};
use crate::optim::{self, Method};

macro_rules! params {
    ($($x:expr),* $(,)?) => { &[$($x),*] };
}

pub const ENTRIES: &[Entry] = &[
    Entry {
        name: "derivative",
        kind: Kind::Function,
        params: params![p("function", Ty::Any, Def::Req), p("var", Ty::Num, Def::Num(0.0))],
        doc: "the exact derivative of a function in its variable `var` (a function itself)",
        run: derivative,
    },
    Entry {
        name: "gradient",
        kind: Kind::Function,
        params: params![p("function", Ty::Any, Def::Req), p("point", Ty::Point, Def::Req)],
        doc: "[∂f/∂x, ∂f/∂y] of `fn f(x, y)` at a point",
        run: |it, c| {
            let (fa, f) = lowered(it, c, 2)?;
            let p = c.point("point");
            let g = grad(it, c, &fa, &f, p)?;
            Ok(Value::List(Arc::new(vec![Value::Num(g[0]), Value::Num(g[1])])))
        },
    },
    Entry {
        name: "directional_derivative",
        kind: Kind::Function,
        params: params![p("function", Ty::Any, Def::Req), p("point", Ty::Point, Def::Req), p("direction", Ty::Point, Def::Req)],
        doc: "∇f · û at a point, for a direction of any length in the (x, y) plane",
        run: |it, c| {
            let (fa, f) = lowered(it, c, 2)?;
            let g = grad(it, c, &fa, &f, c.point("point"))?;
            let u = c.point("direction");
            let l = u.x.hypot(u.y);
            if l == 0.0 {
                return Err(it.err("the direction must not be zero", c.span.clone()));
            }
            Ok(Value::Num((g[0] * u.x + g[1] * u.y) / l))
        },
    },
    Entry {
        name: "steepest_descent",
        kind: Kind::Function,
        params: params![p("function", Ty::Any, Def::Req), p("point", Ty::Point, Def::Req)],
        doc: "the unit vector of steepest descent on the graph of `fn f(x, y)`, in (x, f, y) order",
        run: |it, c| {
            let (fa, f) = lowered(it, c, 2)?;
            let g = grad(it, c, &fa, &f, c.point("point"))?;
            // video-spec §2.10: one horizontal unit along −∇f/|∇f| drops f by |∇f|.
            let gn = g[0].hypot(g[1]);
            if gn == 0.0 {
                return Err(it.err("the gradient is zero here: no direction is steepest", c.span.clone()));
            }
            Ok(Value::Vec(Vec3::new(-g[0] / gn, -gn, -g[1] / gn).normalize()))
        },
    },
    Entry {
        name: "tangent_direction",
        kind: Kind::Function,
        params: params![p("function", Ty::Any, Def::Req), p("point", Ty::Point, Def::Req), p("angle", Ty::Num, Def::Req)],
        doc: "the unit tangent of the graph at `angle` from +x toward +y, in (x, f, y) order",
        run: |it, c| {
            let (fa, f) = lowered(it, c, 2)?;
            let g = grad(it, c, &fa, &f, c.point("point"))?;
            // video-spec §2.9.
            let th = c.num("angle");
            let ta = Vec3::new(1.0, 0.0, g[0]).normalize();
            let tc = Vec3::new(0.0, 1.0, g[1]).normalize();
            let cos = ta.dot(tc);
            let tb = (tc - ta * cos) / (1.0 - cos * cos).sqrt();
            let t = ta * th.cos() + tb * th.sin();
            Ok(Value::Vec(Vec3::new(t.x, t.z, t.y).normalize()))
        },
    },
    Entry {
        name: "minimize",
        kind: Kind::Function,
        params: params![p("function", Ty::Any, Def::Req), p("a", Ty::Num, Def::Req), p("b", Ty::Num, Def::Req)],
        doc: "the x in [a, b] where a function of one variable is smallest",
        run: |it, c| {
            let (_, f) = lowered(it, c, 1)?;
            let (lo, hi) = (c.num("a"), c.num("b"));
            if hi <= lo {
                return Err(it.err(format!("bad range for `minimize`: {hi} must be greater than {lo}"), c.span.clone()));
            }
            let x = crate::expr::argmin(&f, lo, hi).map_err(|_| it.err("division by zero while minimizing", c.span.clone()))?;
            Ok(Value::Num(x))
        },
    },
    Entry {
        name: "optimize",
        kind: Kind::Function,
        params: params![
            p("function", Ty::Any, Def::Req),
            n("start", Ty::Point, Def::Req),
            n("method", Ty::Str, Def::Str("gd")),
            n("step", Ty::Num, Def::Num(0.01)),
            n("steps", Ty::Num, Def::Num(10.0)),
            n("decay", Ty::Num, Def::Num(1.0)),
            n("momentum", Ty::Num, Def::Num(0.9)),
            n("stop_ratio", Ty::Num, Def::Opt),
            n("rho", Ty::Num, Def::Num(0.9)),
            n("beta1", Ty::Num, Def::Num(0.9)),
            n("beta2", Ty::Num, Def::Num(0.999)),
            n("h", Ty::Num, Def::Num(1e-4)),
            n("temperature", Ty::Num, Def::Num(1.0)),
            n("cooling", Ty::Num, Def::Num(0.99)),
            n("seed", Ty::Num, Def::Num(1.0)),
            n("output", Ty::Str, Def::Str("points")),
        ],
        doc: "the path of an optimizer on `fn f(x, y)` from `start`: gd, normalized, momentum, nesterov, adagrad, rmsprop, adam, finite_difference, annealing; `output:` points, gradients or velocities",
        run: optimize,
    },
    Entry {
        name: "dot_product",
        kind: Kind::Function,
        params: params![p("a", Ty::Point, Def::Req), p("b", Ty::Point, Def::Req)],
        doc: "a · b",
        run: |_, c| Ok(Value::Num(c.point("a").dot(c.point("b")))),
    },
    Entry {
        name: "cross",
        kind: Kind::Function,
        params: params![p("a", Ty::Point, Def::Req), p("b", Ty::Point, Def::Req)],
        doc: "a × b",
        run: |_, c| Ok(Value::Vec(c.point("a").cross(c.point("b")))),
    },
    Entry {
        name: "normalize",
        kind: Kind::Function,
        params: params![p("v", Ty::Point, Def::Req)],
        doc: "the vector scaled to length 1",
        run: |_, c| Ok(Value::Vec(c.point("v").normalize())),
    },
    Entry {
        name: "norm",
        kind: Kind::Function,
        params: params![p("v", Ty::Point, Def::Req)],
        doc: "the length of a vector",
        run: |_, c| Ok(Value::Num(c.point("v").length())),
    },
];

/// The `function` argument lowered to an exact expression of `arity` variables.
fn lowered(it: &mut Interp, c: &Call, arity: usize) -> R<(ArgVal, Function)> {
    let fa = c.raw("function").cloned().expect("required");
    let f = lower_fn(it, fa.clone(), arity)?;
    Ok((fa, f))
}

/// ∇f at p, from the function's own formula.
fn grad(it: &Interp, c: &Call, fa: &ArgVal, f: &Function, p: Vec3) -> R<[f64; 2]> {
    let mut g = [0.0; 2];
    for (var, slot) in g.iter_mut().enumerate() {
        let d = f
            .body
            .derivative(var)
            .map_err(|w| it.err(format!("cannot differentiate {w}"), fa.span.clone()))?;
        *slot = d
            .eval(&[p.x, p.y])
            .map_err(|_| it.err("division by zero in the gradient", c.span.clone()))?;
    }
    Ok(g)
}

fn derivative(it: &mut Interp, c: &Call) -> R<Value> {
    let fa = c.raw("function").cloned().expect("required");
    let arity = match &fa.value {
        Value::Fn(uf) => uf.params.len(),
        Value::MathFn(mf) => mf.params.len(),
        other => {
            return Err(it.err(
                format!("`derivative` needs a function, found {}", other.type_name()),
                fa.span,
            ))
        }
    };
    let f = lower_fn(it, fa.clone(), arity)?;
    let var = c.num("var") as usize;
    if var >= arity {
        return Err(it.err(
            format!(
                "the function has {arity} variable(s); var must be 0 to {}",
                arity.saturating_sub(1)
            ),
            c.span.clone(),
        ));
    }
    let d = f
        .body
        .derivative(var)
        .map_err(|what| it.err(format!("cannot differentiate {what}"), fa.span.clone()))?;
    Ok(Value::MathFn(Arc::new(Function {
        params: f.params.clone(),
        body: Arc::new(d),
    })))
}

fn optimize(it: &mut Interp, c: &Call) -> R<Value> {
    let sp = c.span.clone();
    let (fa, f) = lowered(it, c, 2)?;
    let start = c.point("start");
    let mu = c.num("momentum");
    let method = match c.str("method").as_str() {
        "gd" => Method::Plain,
        "normalized" => Method::Normalized { decay: c.num("decay") },
        "momentum" => Method::Momentum { mu },
        "nesterov" => Method::Nesterov { mu },
        "adagrad" => Method::AdaGrad,
        "rmsprop" => Method::RmsProp { rho: c.num("rho") },
        "adam" => Method::Adam { beta1: c.num("beta1"), beta2: c.num("beta2") },
        "finite_difference" => Method::FiniteDifference { h: c.num("h") },
        "annealing" => Method::Annealing {
            t0: c.num("temperature"),
            cooling: c.num("cooling"),
            seed: c.num("seed") as u64,
        },
        other => {
            return Err(it.err(
                format!("unknown method \"{other}\" (gd, normalized, momentum, nesterov, adagrad, rmsprop, adam, finite_difference, annealing)"),
                c.span_of("method"),
            ))
        }
    };
    let steps = c.num("steps");
    if !(0.0..=100_000.0).contains(&steps) {
        return Err(it.err("steps must be between 0 and 100000", sp));
    }
    let spec = optim::Spec {
        start: [start.x, start.y],
        step: c.num("step"),
        steps: steps as usize,
        method,
        stop_ratio: c.opt_num("stop_ratio"),
    };
    let run = if matches!(
        method,
        Method::FiniteDifference { .. } | Method::Annealing { .. }
    ) {
        optim::run_black_box(&f, &spec)
    } else {
        // Exact gradients from the function's own formula.
        let deriv = |var| {
            f.body.derivative(var).map(|d| Function {
                params: f.params.clone(),
                body: Arc::new(d),
            })
        };
        let (fx, fy) = match (deriv(0), deriv(1)) {
            (Ok(x), Ok(y)) => (x, y),
            (Err(w), _) | (_, Err(w)) => {
                return Err(it.err(
                    format!(
                    "cannot differentiate {w} (method \"finite_difference\" needs no derivative)"
                ),
                    fa.span,
                ))
            }
        };
        optim::run(&fx, &fy, &spec)
    }
    .map_err(|_| it.err("division by zero while optimizing", sp.clone()))?;
    // What to return for each step: the points, the gradients there, or the velocity (the
    // momentum methods' inertia).
    let rows = match c.str("output").as_str() {
        "points" => &run.points,
        "gradients" => &run.gradients,
        "velocities" => &run.velocities,
        other => {
            return Err(it.err(
                format!("unknown output \"{other}\" (points, gradients, velocities)"),
                c.span_of("output"),
            ))
        }
    };
    let list = rows
        .iter()
        .map(|p| Value::List(Arc::new(vec![Value::Num(p[0]), Value::Num(p[1])])))
        .collect();
    Ok(Value::List(Arc::new(list)))
}
