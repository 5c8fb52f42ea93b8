//! Math expressions: the `f(x)` a user writes, lowered from the scene language into a small tree
//! that evaluates fast (graphs sample it hundreds of times per frame). Depends on nothing of ours.

use std::sync::Arc;

mod diff;

/// A built-in math function of the scene language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Atan2,
    Sinh,
    Cosh,
    Tanh,
    Exp,
    Ln,
    Log,
    Log10,
    Log2,
    Sqrt,
    Abs,
    Pow,
    Min,
    Max,
    Floor,
    Ceil,
    Round,
    Sign,
    Sigmoid,
    Clamp,
    Hypot,
}

impl Builtin {
    /// Every built-in with its name and arity (`None`: variadic ≥ 1). `log` takes 1 (natural)
    /// or 2 (value, base) arguments and is listed as variadic.
    pub const ALL: &'static [(&'static str, Builtin, Option<usize>)] = &[
        ("sin", Builtin::Sin, Some(1)),
        ("cos", Builtin::Cos, Some(1)),
        ("tan", Builtin::Tan, Some(1)),
        ("asin", Builtin::Asin, Some(1)),
        ("acos", Builtin::Acos, Some(1)),
        ("atan", Builtin::Atan, Some(1)),
        ("atan2", Builtin::Atan2, Some(2)),
        ("sinh", Builtin::Sinh, Some(1)),
        ("cosh", Builtin::Cosh, Some(1)),
        ("tanh", Builtin::Tanh, Some(1)),
        ("exp", Builtin::Exp, Some(1)),
        ("ln", Builtin::Ln, Some(1)),
        ("log", Builtin::Log, None),
        ("log10", Builtin::Log10, Some(1)),
        ("log2", Builtin::Log2, Some(1)),
        ("sqrt", Builtin::Sqrt, Some(1)),
        ("abs", Builtin::Abs, Some(1)),
        ("pow", Builtin::Pow, Some(2)),
        ("min", Builtin::Min, None),
        ("max", Builtin::Max, None),
        ("floor", Builtin::Floor, Some(1)),
        ("ceil", Builtin::Ceil, Some(1)),
        ("round", Builtin::Round, Some(1)),
        ("sign", Builtin::Sign, Some(1)),
        ("sigmoid", Builtin::Sigmoid, Some(1)),
        ("clamp", Builtin::Clamp, Some(3)),
        ("hypot", Builtin::Hypot, Some(2)),
    ];

    pub fn by_name(name: &str) -> Option<(Builtin, Option<usize>)> {
        Self::ALL
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|&(_, b, a)| (b, a))
    }

    pub fn apply(self, a: &[f64]) -> f64 {
        let x = a.first().copied().unwrap_or(f64::NAN);
        match self {
            Builtin::Sin => x.sin(),
            Builtin::Cos => x.cos(),
            Builtin::Tan => x.tan(),
            Builtin::Asin => x.asin(),
            Builtin::Acos => x.acos(),
            Builtin::Atan => x.atan(),
            Builtin::Atan2 => x.atan2(a[1]),
            Builtin::Sinh => x.sinh(),
            Builtin::Cosh => x.cosh(),
            Builtin::Tanh => x.tanh(),
            Builtin::Exp => x.exp(),
            Builtin::Ln => x.ln(),
            Builtin::Log => {
                if a.len() >= 2 {
                    x.ln() / a[1].ln()
                } else {
                    x.ln()
                }
            }
            Builtin::Log10 => x.log10(),
            Builtin::Log2 => x.log2(),
            Builtin::Sqrt => x.sqrt(),
            Builtin::Abs => x.abs(),
            Builtin::Pow => x.powf(a[1]),
            Builtin::Min => a.iter().copied().fold(f64::INFINITY, f64::min),
            Builtin::Max => a.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            Builtin::Floor => x.floor(),
            Builtin::Ceil => x.ceil(),
            Builtin::Round => x.round(),
            Builtin::Sign => {
                if x > 0.0 {
                    1.0
                } else if x < 0.0 {
                    -1.0
                } else {
                    0.0
                }
            }
            Builtin::Sigmoid => 1.0 / (1.0 + (-x).exp()),
            Builtin::Clamp => x.max(a[1]).min(a[2]),
            Builtin::Hypot => x.hypot(a[1]),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Rem,
    /// Comparisons and logic give 1 (true) or 0 (false), as the scene language's booleans
    /// lowered to numbers; `And`/`Or` skip their right side once the left decides.
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    And,
    Or,
}

impl BinOp {
    /// The value of `x op y` (division by zero is an error, as in the interpreter).
    pub fn apply(self, x: f64, y: f64) -> Result<f64, EvalError> {
        let b = |c: bool| if c { 1.0 } else { 0.0 };
        Ok(match self {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mul => x * y,
            BinOp::Div => {
                if y == 0.0 {
                    return Err(EvalError::DivisionByZero);
                }
                x / y
            }
            BinOp::Pow => x.powf(y),
            BinOp::Rem => {
                if y == 0.0 {
                    return Err(EvalError::DivisionByZero);
                }
                x.rem_euclid(y)
            }
            BinOp::Lt => b(x < y),
            BinOp::Le => b(x <= y),
            BinOp::Gt => b(x > y),
            BinOp::Ge => b(x >= y),
            BinOp::Eq => b(x == y),
            BinOp::Ne => b(x != y),
            BinOp::And => b(x != 0.0 && y != 0.0),
            BinOp::Or => b(x != 0.0 || y != 0.0),
        })
    }
    /// For `And`/`Or`: the result when the left side alone decides it.
    fn short_circuit(self, x: f64) -> Option<f64> {
        match self {
            BinOp::And if x == 0.0 => Some(0.0),
            BinOp::Or if x != 0.0 => Some(1.0),
            _ => None,
        }
    }
}

/// A numeric expression over numbered variables.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Num(f64),
    Var(usize),
    Neg(Box<Expr>),
    Bin(BinOp, Box<Expr>, Box<Expr>),
    Call(Builtin, Vec<Expr>),
    /// `if c > 0 then a else b`, from the language's `if` expression over a comparison.
    Select(Box<Expr>, Box<Expr>, Box<Expr>),
}

/// Why an evaluation produced no number (e.g. a plotted function divided by zero).
#[derive(Clone, Debug, PartialEq)]
pub enum EvalError {
    DivisionByZero,
}

impl Expr {
    pub fn eval(&self, vars: &[f64]) -> Result<f64, EvalError> {
        Ok(match self {
            Expr::Num(v) => *v,
            Expr::Var(i) => vars[*i],
            Expr::Neg(e) => -e.eval(vars)?,
            Expr::Bin(..) => {
                // A chain `a + b + c + …` nests to the left: walk it in a loop, not recursively.
                let mut spine = Vec::new();
                let mut first = self;
                while let Expr::Bin(op, a, b) = first {
                    spine.push((*op, b.as_ref()));
                    first = a.as_ref();
                }
                let mut x = first.eval(vars)?;
                for (op, b) in spine.into_iter().rev() {
                    x = match op.short_circuit(x) {
                        Some(v) => v,
                        None => op.apply(x, b.eval(vars)?)?,
                    };
                }
                x
            }
            Expr::Call(f, args) => {
                let mut v = [0.0f64; 4];
                let mut heap = Vec::new();
                let vals: &[f64] = if args.len() <= 4 {
                    for (i, a) in args.iter().enumerate() {
                        v[i] = a.eval(vars)?;
                    }
                    &v[..args.len()]
                } else {
                    for a in args {
                        heap.push(a.eval(vars)?);
                    }
                    &heap
                };
                f.apply(vals)
            }
            Expr::Select(c, a, b) => {
                if c.eval(vars)? > 0.0 {
                    a.eval(vars)?
                } else {
                    b.eval(vars)?
                }
            }
        })
    }
}

/// A function of n real variables, cheap to clone and share between threads.
#[derive(Clone, Debug)]
pub struct Function {
    pub params: Vec<String>,
    pub body: Arc<Expr>,
}

impl Function {
    pub fn call(&self, args: &[f64]) -> Result<f64, EvalError> {
        self.body.eval(args)
    }
    /// Convenience for one-variable functions.
    pub fn call1(&self, x: f64) -> Result<f64, EvalError> {
        self.body.eval(&[x])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evaluates_polynomial() {
        // x^2 + 2 sin(4x)
        let x = || Box::new(Expr::Var(0));
        let e = Expr::Bin(
            BinOp::Add,
            Box::new(Expr::Bin(BinOp::Pow, x(), Box::new(Expr::Num(2.0)))),
            Box::new(Expr::Bin(
                BinOp::Mul,
                Box::new(Expr::Num(2.0)),
                Box::new(Expr::Call(
                    Builtin::Sin,
                    vec![Expr::Bin(BinOp::Mul, Box::new(Expr::Num(4.0)), x())],
                )),
            )),
        );
        let v = e.eval(&[0.5]).unwrap();
        assert!((v - (0.25 + 2.0 * 2f64.sin())).abs() < 1e-12);
    }

    #[test]
    fn division_by_zero_is_an_error() {
        let e = Expr::Bin(BinOp::Div, Box::new(Expr::Num(1.0)), Box::new(Expr::Var(0)));
        assert_eq!(e.eval(&[0.0]), Err(EvalError::DivisionByZero));
    }
}

/// The x in [a, b] where `f` is smallest: a dense scan finds the best bracket, golden-section
/// search refines it (the global minimum on the interval, for the smooth functions of scenes).
pub fn argmin(f: &Function, a: f64, b: f64) -> Result<f64, EvalError> {
    const N: usize = 2000;
    let mut best = (f64::INFINITY, a);
    for i in 0..=N {
        let x = a + (b - a) * i as f64 / N as f64;
        let y = f.call1(x)?;
        if y < best.0 {
            best = (y, x);
        }
    }
    let h = (b - a) / N as f64;
    let (mut lo, mut hi) = ((best.1 - h).max(a), (best.1 + h).min(b));
    let g = (5f64.sqrt() - 1.0) / 2.0;
    for _ in 0..100 {
        let (x1, x2) = (hi - g * (hi - lo), lo + g * (hi - lo));
        if f.call1(x1)? < f.call1(x2)? {
            hi = x2;
        } else {
            lo = x1;
        }
    }
    Ok((lo + hi) / 2.0)
}

#[cfg(test)]
mod argmin_tests {
    use super::*;

    #[test]
    fn finds_the_global_minimum_of_a_wiggly_function() {
        // x² + sin(4x) on [−2.5, 2.5]: the spec gives x ≈ −0.3489.
        let x = || Box::new(Expr::Var(0));
        let e = Expr::Bin(
            BinOp::Add,
            Box::new(Expr::Bin(BinOp::Pow, x(), Box::new(Expr::Num(2.0)))),
            Box::new(Expr::Call(
                Builtin::Sin,
                vec![Expr::Bin(BinOp::Mul, Box::new(Expr::Num(4.0)), x())],
            )),
        );
        let f = Function {
            params: vec!["x".into()],
            body: Arc::new(e),
        };
        let m = argmin(&f, -2.5, 2.5).unwrap();
        assert!((m + 0.3489).abs() < 1e-3, "{m}");
    }
}
