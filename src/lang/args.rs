//! Argument checking for built-ins: positional and named arguments with clear errors.

use std::sync::Arc;

use super::interp::{Interp, R};
use super::syntax::ast::Span;
use super::value::{ArgVal, Value};
use crate::geom::Vec3;
use crate::scene::Color;

pub struct Args {
    pub what: String,
    pub pos: Vec<ArgVal>,
    pub named: Vec<ArgVal>,
    pub span: Span,
}

impl Args {
    pub fn new(what: &str, args: Vec<ArgVal>, span: Span) -> Args {
        let (named, pos): (Vec<_>, Vec<_>) = args.into_iter().partition(|a| a.name.is_some());
        Args {
            what: what.to_string(),
            pos,
            named,
            span,
        }
    }

    /// Fails on named arguments other than `allowed`, or more positionals than `max_pos`.
    pub fn check(&self, it: &Interp, max_pos: usize, allowed: &[&str]) -> R<()> {
        if self.pos.len() > max_pos {
            let extra = &self.pos[max_pos];
            return Err(it.err(
                format!(
                    "`{}` takes at most {max_pos} positional argument{}, given {}",
                    self.what,
                    if max_pos == 1 { "" } else { "s" },
                    self.pos.len()
                ),
                extra.span.clone(),
            ));
        }
        for a in &self.named {
            let n = a.name.as_deref().unwrap();
            if !allowed.contains(&n) {
                let names: Vec<String> = allowed.iter().map(|s| s.to_string()).collect();
                let mut d = it.err(
                    format!("`{}` has no argument `{n}`", self.what),
                    a.name_span.clone().unwrap_or(a.span.clone()),
                );
                d = match super::interp::suggest(n, &names) {
                    Some(s) => d.with_note(format!("help: did you mean `{s}`?")),
                    None => d.with_note(format!(
                        "`{}` takes: {}",
                        self.what,
                        if allowed.is_empty() {
                            "no named arguments".to_string()
                        } else {
                            allowed.join(", ")
                        }
                    )),
                };
                return Err(d);
            }
        }
        Ok(())
    }

    pub fn get(&self, i: usize, name: &str) -> Option<&ArgVal> {
        self.named
            .iter()
            .find(|a| a.name.as_deref() == Some(name))
            .or_else(|| self.pos.get(i))
    }
    pub fn named(&self, name: &str) -> Option<&ArgVal> {
        self.named.iter().find(|a| a.name.as_deref() == Some(name))
    }
    pub fn require(&self, it: &Interp, i: usize, name: &str) -> R<&ArgVal> {
        self.get(i, name).ok_or_else(|| {
            it.err(
                format!("`{}` needs its `{name}` argument", self.what),
                self.span.clone(),
            )
        })
    }

    /// A finite number (sizes, positions, times: NaN or infinity is a mistake, never a default).
    pub fn num(&self, it: &mut Interp, i: usize, name: &str, default: f64) -> R<f64> {
        match self.get(i, name) {
            Some(a) => {
                let x = it.num(&a.value, a.span.clone())?;
                finite(it, x, name, a.span.clone())
            }
            None => Ok(default),
        }
    }
    pub fn req_num(&self, it: &mut Interp, i: usize, name: &str) -> R<f64> {
        let a = self.require(it, i, name)?.clone();
        it.num(&a.value, a.span)
    }
    pub fn bool(&self, it: &Interp, i: usize, name: &str, default: bool) -> R<bool> {
        match self.get(i, name) {
            Some(ArgVal {
                value: Value::Bool(b),
                ..
            }) => Ok(*b),
            Some(a) => Err(it.err(
                format!(
                    "`{name}` must be true or false, found {}",
                    a.value.type_name()
                ),
                a.span.clone(),
            )),
            None => Ok(default),
        }
    }
    pub fn color(&self, it: &Interp, i: usize, name: &str, default: Color) -> R<Color> {
        match self.get(i, name) {
            Some(a) => to_color(it, &a.value, a.span.clone()),
            None => Ok(default),
        }
    }
    /// An axis range `[min, max]` or `[min, max, step]` (step 1 by default) whose ticks stay
    /// within the limit, checked before any tick is made.
    pub fn tick_range(
        &self,
        it: &mut Interp,
        name: &str,
        ticks: bool,
    ) -> R<Option<(f64, f64, f64)>> {
        let Some((lo, hi, st)) = self.range(it, 99, name)? else {
            return Ok(None);
        };
        let step = st.unwrap_or(1.0);
        let span = self
            .named(name)
            .map(|a| a.span.clone())
            .unwrap_or(self.span.clone());
        for v in [lo, hi, step] {
            finite(it, v, name, span.clone())?;
        }
        let count = (hi - lo) / step;
        // A step below the precision of the numbers would never advance.
        let stuck = lo + step == lo || hi - step == hi;
        if ticks && (count > it.limits().ticks || stuck) {
            return Err(it
                .err(
                    format!(
                        "`{name}` would make {count:.0} ticks (step {step}), more than the limit of {}",
                        it.limits().ticks
                    ),
                    span,
                )
                .with_note(format!(
                    "help: give a larger step as the third number, e.g. [{lo}, {hi}, {}], or `ticks: false`",
                    nice_step((hi - lo) / 10.0)
                )));
        }
        Ok(Some((lo, hi, step)))
    }
    /// A `[min, max]` or `[min, max, step]` list.
    pub fn range(
        &self,
        it: &mut Interp,
        i: usize,
        name: &str,
    ) -> R<Option<(f64, f64, Option<f64>)>> {
        let Some(a) = self.get(i, name).cloned() else {
            return Ok(None);
        };
        let Value::List(l) = &a.value else {
            return Err(it.err(
                format!(
                    "`{name}` must be a list like [min, max] or [min, max, step], found {}",
                    a.value.type_name()
                ),
                a.span,
            ));
        };
        if l.len() < 2 || l.len() > 3 {
            return Err(it.err(
                format!(
                    "`{name}` must have 2 or 3 numbers ([min, max] or [min, max, step]), found {}",
                    l.len()
                ),
                a.span,
            ));
        }
        let lo = it.num(&l[0], a.span.clone())?;
        let hi = it.num(&l[1], a.span.clone())?;
        let step = if l.len() == 3 {
            Some(it.num(&l[2], a.span.clone())?)
        } else {
            None
        };
        if hi <= lo || hi.is_nan() || lo.is_nan() {
            return Err(it.err(format!("bad range for `{name}`: the maximum ({hi}) must be greater than the minimum ({lo})"), a.span));
        }
        if step.is_some_and(|s| s <= 0.0) {
            return Err(it.err(
                format!("bad range for `{name}`: the step must be positive"),
                a.span,
            ));
        }
        Ok(Some((lo, hi, step)))
    }
    /// The timing arguments every animation takes: `run_time:`, `rate_func:` (or `rate:`) and
    /// `lag_ratio:`.
    pub fn timing(
        &self,
        it: &mut Interp,
    ) -> R<(Option<f64>, Option<crate::timeline::Rate>, Option<f64>)> {
        let run_time = match self.named("run_time").cloned() {
            Some(v) => {
                let t = it.num(&v.value, v.span.clone())?;
                if t < 0.0 || !t.is_finite() {
                    return Err(it.err("run_time must be a positive number of seconds", v.span));
                }
                Some(t)
            }
            None => None,
        };
        let rate = match self.named("rate_func").or(self.named("rate")) {
            Some(ArgVal {
                value: Value::Rate(r),
                ..
            }) => Some(r.clone()),
            Some(
                v @ ArgVal {
                    value: Value::Fn(_) | Value::MathFn(_),
                    ..
                },
            ) => {
                // A user function of t in [0, 1] (Manim's `lambda t: …`).
                let f = super::lower::lower_fn(it, v.clone(), 1)?;
                Some(crate::timeline::Rate::Custom(crate::timeline::CustomRate(
                    Arc::new(move |t| f.call1(t).unwrap_or(f64::NAN)),
                )))
            }
            Some(v) => {
                return Err(it.err(
                    format!(
                        "expected a rate function such as smooth or linear, found {}",
                        v.value.type_name()
                    ),
                    v.span.clone(),
                ))
            }
            None => None,
        };
        let lag_ratio = match self.named("lag_ratio").cloned() {
            Some(v) => Some(it.num(&v.value, v.span)?),
            None => None,
        };
        Ok((run_time, rate, lag_ratio))
    }

    /// `delay:` — seconds before the animation starts within its `play` or group.
    pub fn delay(&self, it: &mut Interp) -> R<f64> {
        match self.named("delay").cloned() {
            Some(v) => {
                let d = it.num(&v.value, v.span.clone())?;
                if !(d >= 0.0 && d.is_finite()) {
                    return Err(it.err("delay must be 0 or more seconds", v.span));
                }
                Ok(d)
            }
            None => Ok(0.0),
        }
    }
}

fn finite(it: &Interp, x: f64, name: &str, sp: Span) -> R<f64> {
    if x.is_finite() {
        Ok(x)
    } else {
        Err(it.err(format!("`{name}` must be a finite number, found {x}"), sp))
    }
}

/// A round step (1, 2 or 5 times a power of ten) close to `x`.
fn nice_step(x: f64) -> f64 {
    if !(x.is_finite() && x > 0.0) {
        return 1.0;
    }
    let p = 10f64.powf(x.log10().floor());
    let m = x / p;
    p * if m < 1.5 {
        1.0
    } else if m < 3.5 {
        2.0
    } else if m < 7.5 {
        5.0
    } else {
        10.0
    }
}

pub fn to_color(it: &Interp, v: &Value, sp: Span) -> R<Color> {
    match v {
        Value::Color(c) => Ok(*c),
        Value::Str(s) => Color::from_hex(s)
            .or_else(|| Color::named(&s.to_ascii_uppercase()))
            .ok_or_else(|| it.err(format!("unknown colour \"{s}\""), sp)),
        other => Err(it.err(
            format!(
                "expected a colour (like BLUE or #58C4DD), found {}",
                other.type_name()
            ),
            sp,
        )),
    }
}

/// Points are written `[x, y]`, `[x, y, z]`, or built from UP, LEFT… arithmetic.
pub fn to_point(it: &mut Interp, v: &Value, sp: Span) -> R<Vec3> {
    match v {
        Value::Vec(p) => Ok(*p),
        Value::List(l) if l.len() == 2 || l.len() == 3 => {
            let x = it.num(&l[0], sp.clone())?;
            let y = it.num(&l[1], sp.clone())?;
            let z = if l.len() == 3 {
                it.num(&l[2], sp.clone())?
            } else {
                0.0
            };
            Ok(Vec3::new(x, y, z))
        }
        Value::Obj(r) => {
            let r = r.clone();
            Ok(it.materialize(&r, sp)?.center())
        }
        other => Err(it.err(
            format!(
                "expected a point like [x, y] or 2*UP, found {}",
                other.type_name()
            ),
            sp,
        )),
    }
}
