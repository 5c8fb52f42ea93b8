//! Lowering of `fn` bodies to numeric expressions (`expr::Expr`) for plotting, derivatives,
//! contours and optimizers. It is total over the numeric part of the language and exact: the
//! lowered form gives the interpreter's value wherever the interpreter gives a number
//! (comparisons and logic become 1/0, `if` selects without evaluating the other branch), and
//! refuses the rest with the interpreter's own wording.

use std::sync::Arc;

use super::interp::{Interp, R, STACK_BUDGET};
use super::syntax::ast::Expr;
use super::value::*;
use crate::expr::{BinOp, Builtin as MathFn, Expr as MExpr, Function};

/// Most nodes a lowered function may have (calls are expanded inline, so size can explode).
const MAX_LOWERED_NODES: usize = 1_000_000;

/// What a lowered expression stands for: a number, or a boolean held as 1/0.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Num,
    Bool,
}

type Bound = Vec<(String, MExpr, Kind)>;

/// Lowers a user function (`fn f(x) = …`) of `arity` numbers into a numeric expression.
pub fn lower_fn(it: &mut Interp, arg: ArgVal, arity: usize) -> R<Function> {
    if let Value::MathFn(mf) = &arg.value {
        if mf.params.len() != arity {
            return Err(it.err(
                format!(
                    "this function must take {arity} parameter(s), it takes {}",
                    mf.params.len()
                ),
                arg.span,
            ));
        }
        return Ok((**mf).clone());
    }
    let Value::Fn(uf) = &arg.value else {
        return Err(it.err(
            format!(
                "expected a function (define one with `fn f(x) = …`), found {}",
                arg.value.type_name()
            ),
            arg.span,
        ));
    };
    if uf.params.len() != arity {
        return Err(it.err(
            format!(
                "`{}` must take {arity} parameter{}, it takes {}",
                uf.name,
                if arity == 1 { "" } else { "s" },
                uf.params.len()
            ),
            arg.span,
        ));
    }
    let body = lower_user(it, uf)?;
    Ok(Function {
        params: uf.params.clone(),
        body: Arc::new(body),
    })
}

/// The lowered body of `uf`, its parameters numbered in order.
pub fn lower_user(it: &mut Interp, uf: &UserFn) -> R<MExpr> {
    let saved = it.swap_source(uf.src.clone());
    let params: Bound = uf
        .params
        .iter()
        .enumerate()
        .map(|(i, p)| (p.clone(), MExpr::Var(i), Kind::Num))
        .collect();
    let mut budget = MAX_LOWERED_NODES;
    // Only the functions being inlined count as calls here (to spot recursion).
    let outer = std::mem::replace(it.calls_mut(), vec![uf.name.clone()]);
    let env = uf.env.with(&uf.name, Value::Fn(Arc::new(uf.clone())));
    let body = lower(it, &uf.body, &params, &env, &mut budget);
    *it.calls_mut() = outer;
    it.swap_source(saved);
    let (e, kind) = body?;
    if kind != Kind::Num {
        return Err(it.err(
            format!("`{}` gives true or false, not a number", uf.name),
            uf.body.span(),
        ));
    }
    Ok(e)
}

fn need(it: &Interp, k: Kind, want: Kind, sp: super::syntax::ast::Span) -> R<()> {
    if k == want {
        return Ok(());
    }
    Err(it.err(
        match want {
            Kind::Num => "expected a number, found a boolean".to_string(),
            Kind::Bool => "a condition must be true or false, found a number".to_string(),
        },
        sp,
    ))
}

fn bool_of(c: bool) -> MExpr {
    MExpr::Num(if c { 1.0 } else { 0.0 })
}

fn lower(
    it: &mut Interp,
    e: &Expr,
    bound: &Bound,
    env: &Env,
    budget: &mut usize,
) -> R<(MExpr, Kind)> {
    if it.stack_used() > STACK_BUDGET {
        return Err(it.too_deep(e.span()));
    }
    if *budget == 0 {
        return Err(it.err(
            format!("this function is too large once its calls are expanded (more than {MAX_LOWERED_NODES} operations)"),
            e.span(),
        ));
    }
    *budget -= 1;
    Ok(match e {
        Expr::Num(v, _) => (MExpr::Num(*v), Kind::Num),
        Expr::Bool(b, _) => (bool_of(*b), Kind::Bool),
        Expr::Name(n, sp) => {
            if let Some((_, x, k)) = bound.iter().rev().find(|(name, _, _)| name == n) {
                return Ok((x.clone(), *k));
            }
            let v = match env.get(n) {
                Some(v) => v.clone(),
                None => super::stdlib::constant(n)
                    .ok_or_else(|| it.err(format!("unknown name `{n}`"), sp.clone()))?,
            };
            match v {
                Value::Bool(b) => (bool_of(b), Kind::Bool),
                v => (MExpr::Num(it.num(&v, sp.clone())?), Kind::Num),
            }
        }
        Expr::Unary(op, a, _) => {
            let (x, k) = lower(it, a, bound, env, budget)?;
            if *op == "!" {
                need(it, k, Kind::Bool, a.span())?;
                (
                    MExpr::Bin(BinOp::Eq, Box::new(x), Box::new(MExpr::Num(0.0))),
                    Kind::Bool,
                )
            } else {
                need(it, k, Kind::Num, a.span())?;
                (MExpr::Neg(Box::new(x)), Kind::Num)
            }
        }
        Expr::Binary(..) => {
            // Walk a left-nested chain in a loop (a long flat sum is not deep).
            let mut spine = Vec::new();
            let mut first = e;
            while let Expr::Binary(op, a, b, sp) = first {
                spine.push((*op, b.as_ref(), sp));
                first = a.as_ref();
            }
            let (mut x, mut kx) = lower(it, first, bound, env, budget)?;
            let mut left = first.span();
            for (op, b, sp) in spine.into_iter().rev() {
                let (y, ky) = lower(it, b, bound, env, budget)?;
                let arith = |o| Ok::<_, crate::diag::Diagnostic>((o, Kind::Num));
                let (bop, kind) = match op {
                    "+" => arith(BinOp::Add)?,
                    "-" => arith(BinOp::Sub)?,
                    "*" => arith(BinOp::Mul)?,
                    "/" => arith(BinOp::Div)?,
                    "^" => arith(BinOp::Pow)?,
                    "%" => arith(BinOp::Rem)?,
                    "<" => (BinOp::Lt, Kind::Bool),
                    "<=" => (BinOp::Le, Kind::Bool),
                    ">" => (BinOp::Gt, Kind::Bool),
                    ">=" => (BinOp::Ge, Kind::Bool),
                    "==" => (BinOp::Eq, Kind::Bool),
                    "!=" => (BinOp::Ne, Kind::Bool),
                    "&&" => (BinOp::And, Kind::Bool),
                    "||" => (BinOp::Or, Kind::Bool),
                    _ => {
                        return Err(it.err(
                            format!("'{op}' cannot be used in a plotted function"),
                            sp.clone(),
                        ))
                    }
                };
                match op {
                    "==" | "!=" if kx != ky => {
                        // A number never equals a boolean (as in the interpreter).
                        x = bool_of(op == "!=");
                    }
                    "==" | "!=" => x = MExpr::Bin(bop, Box::new(x), Box::new(y)),
                    "&&" | "||" => {
                        need(it, kx, Kind::Bool, left.clone())?;
                        need(it, ky, Kind::Bool, b.span())?;
                        x = MExpr::Bin(bop, Box::new(x), Box::new(y));
                    }
                    _ => {
                        need(it, kx, Kind::Num, left.clone())?;
                        need(it, ky, Kind::Num, b.span())?;
                        x = MExpr::Bin(bop, Box::new(x), Box::new(y));
                    }
                }
                kx = kind;
                left = sp.clone();
            }
            (x, kx)
        }
        Expr::If(c, a, b, sp) => {
            let (c2, kc) = lower(it, c, bound, env, budget)?;
            need(it, kc, Kind::Bool, c.span())?;
            let (a2, ka) = lower(it, a, bound, env, budget)?;
            let (b2, kb) = lower(it, b, bound, env, budget)?;
            if ka != kb {
                return Err(it.err(
                    "in a plotted function both branches of an `if` must give numbers (or both true/false)",
                    sp.clone(),
                ));
            }
            // Select takes the first branch where the condition (1 or 0) is positive.
            (MExpr::Select(Box::new(c2), Box::new(a2), Box::new(b2)), ka)
        }
        Expr::Call(f, args, sp) => {
            let Expr::Name(fname, fsp) = f.as_ref() else {
                return Err(it.err(
                    "only named functions can be called in a plotted function",
                    sp.clone(),
                ));
            };
            if let Some(a) = args.iter().find(|a| a.name.is_some()) {
                return Err(it.err(
                    "named arguments cannot be used in a plotted function",
                    a.value.span(),
                ));
            }
            let mut lowered = Vec::new();
            for a in args {
                lowered.push(lower(it, &a.value, bound, env, budget)?);
            }
            let callee = bound
                .iter()
                .rev()
                .find(|(n, _, _)| n == fname)
                .map(|_| None)
                .unwrap_or_else(|| env.get(fname).cloned());
            if let Some(Value::Fn(uf)) = callee {
                if uf.params.len() != lowered.len() {
                    return Err(it.err(
                        format!(
                            "`{fname}` takes {} arguments, given {}",
                            uf.params.len(),
                            lowered.len()
                        ),
                        sp.clone(),
                    ));
                }
                if it.calls_mut().iter().any(|c| *c == uf.name) {
                    return Err(it.err(
                        format!("`{fname}` calls itself: a recursive function cannot be plotted, differentiated or optimized"),
                        fsp.clone(),
                    ));
                }
                let inner: Bound = uf
                    .params
                    .iter()
                    .cloned()
                    .zip(lowered)
                    .map(|(p, (x, k))| (p, x, k))
                    .collect();
                let env2 = uf.env.with(&uf.name, Value::Fn(uf.clone()));
                let saved = it.swap_source(uf.src.clone());
                it.calls_mut().push(uf.name.clone());
                let r = lower(it, &uf.body, &inner, &env2, budget);
                it.calls_mut().pop();
                it.swap_source(saved);
                return r;
            }
            match MathFn::by_name(fname) {
                Some((b, arity)) => {
                    if arity.is_some_and(|n| n != lowered.len()) {
                        return Err(it.err(
                            format!(
                                "`{fname}` takes {} argument(s), given {}",
                                arity.unwrap_or(0),
                                lowered.len()
                            ),
                            sp.clone(),
                        ));
                    }
                    let mut xs = Vec::with_capacity(lowered.len());
                    for ((x, k), a) in lowered.into_iter().zip(args) {
                        need(it, k, Kind::Num, a.value.span())?;
                        xs.push(x);
                    }
                    (MExpr::Call(b, xs), Kind::Num)
                }
                None => return Err(it.err(format!("`{fname}` cannot be used in a plotted function (only math functions and your own fn)"), fsp.clone())),
            }
        }
        other => return Err(it.err("this cannot be used in a plotted function", other.span())),
    })
}

/// One `fn` checked against its lowered form.
#[derive(Debug)]
pub struct LoweringCheck {
    pub name: String,
    /// Inputs at which both gave the same value (or both refused).
    pub agreed: usize,
    /// The first input where they differ: (inputs, interpreter, lowered).
    pub disagreement: Option<(Vec<f64>, String, String)>,
}

/// Runs every function `names` of `env` through the interpreter and through its lowered form at
/// each of `inputs` (one argument list per entry); functions that cannot be lowered (they build
/// objects, say) are skipped.
pub fn compare(
    it: &mut Interp,
    env: &Env,
    names: &[String],
    inputs: &[Vec<f64>],
) -> Vec<LoweringCheck> {
    let mut out = Vec::new();
    for name in names {
        let Some(Value::Fn(uf)) = env.get(name).cloned() else {
            continue;
        };
        let Ok(lowered) = lower_user(it, &uf) else {
            continue;
        };
        let mut check = LoweringCheck {
            name: name.clone(),
            agreed: 0,
            disagreement: None,
        };
        for xs in inputs {
            let xs = &xs[..uf.params.len().min(xs.len())];
            if xs.len() != uf.params.len() {
                continue;
            }
            let args = xs
                .iter()
                .map(|x| ArgVal {
                    name: None,
                    name_span: None,
                    value: Value::Num(*x),
                    span: 0..0,
                    str_map: None,
                })
                .collect();
            let a = match it.call_user(&uf, args, 0..0) {
                Ok(Value::Num(v)) => Ok(v),
                Ok(other) => Err(format!("gave {}", other.type_name())),
                Err(d) => Err(d.message),
            };
            let b = lowered.eval(xs).map_err(|e| format!("{e:?}"));
            let same = match (&a, &b) {
                (Ok(x), Ok(y)) => x == y || (x.is_nan() && y.is_nan()),
                (Err(_), Err(_)) => true,
                _ => false,
            };
            if same {
                check.agreed += 1;
            } else if check.disagreement.is_none() {
                check.disagreement = Some((xs.to_vec(), format!("{a:?}"), format!("{b:?}")));
            }
        }
        out.push(check);
    }
    out
}
