//! Symbolic differentiation of expression trees, with light simplification so derivatives of
//! scene functions stay small and fast to evaluate.

use super::{BinOp, Builtin, Expr};

fn num(v: f64) -> Expr {
    Expr::Num(v)
}

fn is(e: &Expr, v: f64) -> bool {
    matches!(e, Expr::Num(x) if *x == v)
}

pub fn add(a: Expr, b: Expr) -> Expr {
    match (&a, &b) {
        (Expr::Num(x), Expr::Num(y)) => num(x + y),
        _ if is(&a, 0.0) => b,
        _ if is(&b, 0.0) => a,
        _ => Expr::Bin(BinOp::Add, Box::new(a), Box::new(b)),
    }
}

pub fn sub(a: Expr, b: Expr) -> Expr {
    match (&a, &b) {
        (Expr::Num(x), Expr::Num(y)) => num(x - y),
        _ if is(&b, 0.0) => a,
        _ if is(&a, 0.0) => neg(b),
        _ => Expr::Bin(BinOp::Sub, Box::new(a), Box::new(b)),
    }
}

pub fn mul(a: Expr, b: Expr) -> Expr {
    match (&a, &b) {
        (Expr::Num(x), Expr::Num(y)) => num(x * y),
        _ if is(&a, 0.0) || is(&b, 0.0) => num(0.0),
        _ if is(&a, 1.0) => b,
        _ if is(&b, 1.0) => a,
        _ => Expr::Bin(BinOp::Mul, Box::new(a), Box::new(b)),
    }
}

pub fn div(a: Expr, b: Expr) -> Expr {
    match (&a, &b) {
        _ if is(&a, 0.0) => num(0.0),
        _ if is(&b, 1.0) => a,
        _ => Expr::Bin(BinOp::Div, Box::new(a), Box::new(b)),
    }
}

fn pow(a: Expr, b: Expr) -> Expr {
    match (&a, &b) {
        _ if is(&b, 1.0) => a,
        _ if is(&b, 0.0) => num(1.0),
        _ => Expr::Bin(BinOp::Pow, Box::new(a), Box::new(b)),
    }
}

fn neg(a: Expr) -> Expr {
    match a {
        Expr::Num(x) => num(-x),
        Expr::Neg(inner) => *inner,
        other => Expr::Neg(Box::new(other)),
    }
}

fn call(f: Builtin, a: Expr) -> Expr {
    Expr::Call(f, vec![a])
}

impl Expr {
    /// ∂self/∂x_var, or the name of the first function that has no derivative here.
    pub fn derivative(&self, var: usize) -> Result<Expr, &'static str> {
        Ok(match self {
            Expr::Num(_) => num(0.0),
            Expr::Var(i) => num(if *i == var { 1.0 } else { 0.0 }),
            Expr::Neg(a) => neg(a.derivative(var)?),
            Expr::Select(c, a, b) => Expr::Select(
                c.clone(),
                Box::new(a.derivative(var)?),
                Box::new(b.derivative(var)?),
            ),
            // Comparisons and logic are piecewise constant.
            Expr::Bin(
                BinOp::Lt
                | BinOp::Le
                | BinOp::Gt
                | BinOp::Ge
                | BinOp::Eq
                | BinOp::Ne
                | BinOp::And
                | BinOp::Or,
                _,
                _,
            ) => num(0.0),
            Expr::Bin(op, a, b) => {
                let (da, db) = (a.derivative(var)?, b.derivative(var)?);
                let (a, b) = ((**a).clone(), (**b).clone());
                match op {
                    BinOp::Add => add(da, db),
                    BinOp::Sub => sub(da, db),
                    BinOp::Mul => add(mul(da, b), mul(a, db)),
                    BinOp::Div => div(sub(mul(da, b.clone()), mul(a, db)), pow(b, num(2.0))),
                    BinOp::Pow => {
                        if let Expr::Num(n) = b {
                            // d(u^n) = n·u^(n−1)·u′
                            mul(mul(num(n), pow(a, num(n - 1.0))), da)
                        } else {
                            // d(u^v) = u^v·(v′·ln u + v·u′/u)
                            let uv = pow(a.clone(), b.clone());
                            mul(
                                uv,
                                add(mul(db, call(Builtin::Ln, a.clone())), div(mul(b, da), a)),
                            )
                        }
                    }
                    BinOp::Rem => da,
                    _ => unreachable!("comparisons are handled above"),
                }
            }
            Expr::Call(f, args) => {
                if args.len() != 1 {
                    return Err(match f {
                        Builtin::Pow => "pow (write x^y instead)",
                        Builtin::Min => "min",
                        Builtin::Max => "max",
                        Builtin::Atan2 => "atan2",
                        Builtin::Clamp => "clamp",
                        Builtin::Hypot => "hypot",
                        _ => "log with a base (write ln(x)/ln(b))",
                    });
                }
                let u = args[0].clone();
                let du = u.derivative(var)?;
                let outer = match f {
                    Builtin::Sin => call(Builtin::Cos, u),
                    Builtin::Cos => neg(call(Builtin::Sin, u)),
                    Builtin::Tan => div(num(1.0), pow(call(Builtin::Cos, u), num(2.0))),
                    Builtin::Asin => div(
                        num(1.0),
                        call(Builtin::Sqrt, sub(num(1.0), pow(u, num(2.0)))),
                    ),
                    Builtin::Acos => neg(div(
                        num(1.0),
                        call(Builtin::Sqrt, sub(num(1.0), pow(u, num(2.0)))),
                    )),
                    Builtin::Atan => div(num(1.0), add(num(1.0), pow(u, num(2.0)))),
                    Builtin::Sinh => call(Builtin::Cosh, u),
                    Builtin::Cosh => call(Builtin::Sinh, u),
                    Builtin::Tanh => sub(num(1.0), pow(call(Builtin::Tanh, u), num(2.0))),
                    Builtin::Exp => call(Builtin::Exp, u),
                    Builtin::Ln | Builtin::Log => div(num(1.0), u),
                    Builtin::Log10 => div(num(1.0), mul(u, num(std::f64::consts::LN_10))),
                    Builtin::Log2 => div(num(1.0), mul(u, num(std::f64::consts::LN_2))),
                    Builtin::Sqrt => div(num(0.5), call(Builtin::Sqrt, u)),
                    Builtin::Abs => call(Builtin::Sign, u),
                    Builtin::Sigmoid => {
                        let s = call(Builtin::Sigmoid, u);
                        mul(s.clone(), sub(num(1.0), s))
                    }
                    Builtin::Floor | Builtin::Ceil | Builtin::Round | Builtin::Sign => num(0.0),
                    Builtin::Pow
                    | Builtin::Min
                    | Builtin::Max
                    | Builtin::Atan2
                    | Builtin::Clamp
                    | Builtin::Hypot => unreachable!(),
                };
                mul(outer, du)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::Function;
    use super::*;
    use std::sync::Arc;

    fn x() -> Box<Expr> {
        Box::new(Expr::Var(0))
    }
    fn y() -> Box<Expr> {
        Box::new(Expr::Var(1))
    }

    /// Central finite difference.
    fn fd(e: &Expr, p: [f64; 2], var: usize) -> f64 {
        let h = 1e-6;
        let mut a = p;
        let mut b = p;
        a[var] += h;
        b[var] -= h;
        (e.eval(&a).unwrap() - e.eval(&b).unwrap()) / (2.0 * h)
    }

    #[test]
    fn matches_finite_differences() {
        // x·y·exp(x)·sin(10xy) + cos(10y)/(1 + x²) + x^y
        let e = Expr::Bin(
            BinOp::Add,
            Box::new(Expr::Bin(
                BinOp::Add,
                Box::new(Expr::Bin(
                    BinOp::Mul,
                    Box::new(Expr::Bin(
                        BinOp::Mul,
                        Box::new(Expr::Bin(BinOp::Mul, x(), y())),
                        Box::new(Expr::Call(Builtin::Exp, vec![Expr::Var(0)])),
                    )),
                    Box::new(Expr::Call(
                        Builtin::Sin,
                        vec![Expr::Bin(
                            BinOp::Mul,
                            Box::new(Expr::Num(10.0)),
                            Box::new(Expr::Bin(BinOp::Mul, x(), y())),
                        )],
                    )),
                )),
                Box::new(Expr::Bin(
                    BinOp::Div,
                    Box::new(Expr::Call(
                        Builtin::Cos,
                        vec![Expr::Bin(BinOp::Mul, Box::new(Expr::Num(10.0)), y())],
                    )),
                    Box::new(Expr::Bin(
                        BinOp::Add,
                        Box::new(Expr::Num(1.0)),
                        Box::new(Expr::Bin(BinOp::Pow, x(), Box::new(Expr::Num(2.0)))),
                    )),
                )),
            )),
            Box::new(Expr::Bin(BinOp::Pow, x(), y())),
        );
        for p in [[0.3, 0.7], [1.2, -0.4], [0.61, 0.57]] {
            for var in 0..2 {
                let d = e.derivative(var).unwrap().eval(&p).unwrap();
                let f = fd(&e, p, var);
                assert!(
                    (d - f).abs() < 1e-5 * (1.0 + f.abs()),
                    "var {var} at {p:?}: {d} vs {f}"
                );
            }
        }
        let _ = Function {
            params: vec![],
            body: Arc::new(e),
        };
    }

    #[test]
    fn simplifies_constants() {
        let e = Expr::Bin(BinOp::Mul, Box::new(Expr::Num(3.0)), x());
        assert_eq!(e.derivative(0).unwrap(), Expr::Num(3.0));
        assert_eq!(e.derivative(1).unwrap(), Expr::Num(0.0));
    }
}
