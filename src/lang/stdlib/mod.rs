//! The standard library as data: every builtin is one [`Entry`] of a declarative table — its
//! name, typed parameters with Manim's defaults, a one-line doc, and the function. The table
//! alone drives dispatch, argument checking (unknown, missing, repeated and wrongly typed
//! arguments, each with a caret and "did you mean"), the names offered as suggestions, and the
//! reference table in docs/scene-language.md (see [`reference_markdown`]; a test keeps the doc
//! in step).
//!
//! Each area has its own file with its own `ENTRIES` table (`core`, `timeline`, `objects`,
//! `placement`, `plotting`, `three_d`, `calculus`, `receivers` (tracker and camera methods),
//! `shapes`, `layout`, `annotate`, `numbers`, `axes`, `anims`, `data`, `frame`, and the
//! vocabulary added after them); [`TABLES`] lists them. There is no other list of names: a new
//! builtin is one entry (parameters as a `&[Param]` with Manim's defaults, a doc line, and a
//! `fn(&mut Interp, &Call) -> R<Value>` reading its arguments with `c.num("radius")`,
//! `c.color("color")`, … already converted and checked). [`call_builtin`], [`constant`],
//! [`all_names`] and `methods::obj_method` find it, and the reference table lists it.
//! The maths functions (`sin`, `max`, …) are `expr`'s own table.

mod anims;
mod annotate;
mod axes;
mod axis_parts;
mod calculus;
mod code;
mod core;
mod data;
mod fields;
mod frame;
mod images;
mod layout;
mod numbers;
mod objects;
mod placement;
mod plotting;
mod receivers;
mod shapes;
mod strokes;
mod three_d;
pub(crate) mod timeline;
mod transforms;
mod zoom;

use std::sync::Arc;

use super::args::{to_color, to_point, Args};
use super::ast::Span;
use super::interp::{Interp, R};
use super::value::{AnimSpec, AnimSpecKind, ArgVal, ObjRef, Value};
use crate::expr::Builtin as MathFn;
use crate::geom::Vec3;
use crate::scene::{Color, Mobject};
use crate::timeline::Rate;

/// The type a parameter accepts; arguments are converted (and checked) before the function runs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Ty {
    Num,
    Bool,
    Str,
    /// `[x, y]`, `[x, y, z]`, `2 * UP`, or an object (its centre).
    Point,
    Color,
    Obj,
    /// Objects, or lists of them (flattened; groups stay whole).
    Objs,
    /// A list of points.
    Points,
    /// A list of numbers.
    Nums,
    /// Anything (the function checks it itself).
    Any,
}

impl Ty {
    fn describe(self) -> &'static str {
        match self {
            Ty::Num => "a number",
            Ty::Bool => "true or false",
            Ty::Str => "a string",
            Ty::Point => "a point like [x, y] or 2*UP",
            Ty::Color => "a colour",
            Ty::Obj => "an object",
            Ty::Objs => "objects",
            Ty::Points => "a list of points",
            Ty::Nums => "a list of numbers",
            Ty::Any => "a value",
        }
    }
}

/// A parameter's default: required, optional with no value, or a value (Manim's default).
#[derive(Clone, Copy, Debug)]
pub enum Def {
    Req,
    Opt,
    Num(f64),
    Bool(bool),
    /// A colour by Manim name (`"BLUE"`).
    Color(&'static str),
    Point(f64, f64),
    Str(&'static str),
}

#[derive(Clone, Copy, Debug)]
pub struct Param {
    pub name: &'static str,
    pub ty: Ty,
    pub def: Def,
    /// Takes every remaining positional argument (`polygon(p1, p2, …)`).
    pub rest: bool,
    /// May be given by position (otherwise only by name, like Manim's keyword arguments).
    pub positional: bool,
}

/// A positional parameter.
pub const fn p(name: &'static str, ty: Ty, def: Def) -> Param {
    Param {
        name,
        ty,
        def,
        rest: false,
        positional: true,
    }
}
/// A named-only parameter.
pub const fn n(name: &'static str, ty: Ty, def: Def) -> Param {
    Param {
        name,
        ty,
        def,
        rest: false,
        positional: false,
    }
}
/// A parameter taking all remaining positional arguments.
pub const fn rest(name: &'static str, ty: Ty) -> Param {
    Param {
        name,
        ty,
        def: Def::Opt,
        rest: true,
        positional: true,
    }
}

/// What an entry is called on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// `name(…)`: builds an object or computes a value.
    Function,
    /// `obj.name(…)` on any object.
    Method,
    /// `name(…)` returning an animation; also takes `run_time:`, `rate_func:` and `lag_ratio:`.
    Animation,
    /// `t.name(…)` on a tracker.
    TrackerMethod,
    /// `camera.name(…)`: changes the camera (a statement, or a step of `camera.animate`).
    CameraMethod,
}

impl Kind {
    fn is_method(self) -> bool {
        matches!(
            self,
            Kind::Method | Kind::TrackerMethod | Kind::CameraMethod
        )
    }
}

pub struct Entry {
    pub name: &'static str,
    pub kind: Kind,
    pub params: &'static [Param],
    pub doc: &'static str,
    pub run: fn(&mut Interp, &Call) -> R<Value>,
}

/// Every table, in the order the reference lists them.
pub const TABLES: &[(&str, &[Entry])] = &[
    ("Values", core::ENTRIES),
    ("Timeline", timeline::STATEMENTS),
    ("Basic objects", objects::ENTRIES),
    (
        "Placement, style and measures (methods)",
        placement::ENTRIES,
    ),
    ("Creating, fading and transforming", timeline::ANIMATIONS),
    ("Axes methods", plotting::ENTRIES),
    ("3D", three_d::ENTRIES),
    ("Calculus and vectors", calculus::ENTRIES),
    ("Trackers (methods)", receivers::TRACKER),
    ("Camera (methods)", receivers::CAMERA),
    ("Shapes", shapes::ENTRIES),
    ("Boolean operations", shapes::BOOLEAN),
    ("Layout (methods)", layout::ENTRIES),
    ("Annotation", annotate::ENTRIES),
    ("Numbers, matrices, tables", numbers::ENTRIES),
    ("Axes and charts", axes::ENTRIES),
    ("Animations", anims::ENTRIES),
    ("Data", data::ENTRIES),
    ("Fixed in the frame", frame::ENTRIES),
    ("Code listings", code::ENTRIES),
    ("Vector fields", fields::ENTRIES),
    ("Matrices, targets, matching", transforms::ENTRIES),
    ("Images from numbers", images::ENTRIES),
    ("Strokes", strokes::ENTRIES),
    ("Axis parts", axis_parts::ENTRIES),
    ("Zoomed insets", zoom::ENTRIES),
];

fn entries() -> impl Iterator<Item = &'static Entry> {
    TABLES.iter().flat_map(|(_, t)| t.iter())
}

/// A function or animation by name.
pub fn function(name: &str) -> Option<&'static Entry> {
    entries().find(|e| e.name == name && !e.kind.is_method())
}

/// A method of trackers or of the camera by name.
pub fn method_of(kind: Kind, name: &str) -> Option<&'static Entry> {
    entries().find(|e| e.name == name && e.kind == kind)
}

/// The names of the methods of one kind (for "did you mean").
pub fn names_of(kind: Kind) -> Vec<&'static str> {
    entries()
        .filter(|e| e.kind == kind)
        .map(|e| e.name)
        .collect()
}

/// An object method by name.
pub fn method(name: &str) -> Option<&'static Entry> {
    entries().find(|e| e.name == name && e.kind == Kind::Method)
}

/// Names for "did you mean" on unknown names (functions and animations).
pub fn names() -> Vec<&'static str> {
    entries()
        .filter(|e| !e.kind.is_method())
        .map(|e| e.name)
        .collect()
}

/// Every function name and every method name of the table.
pub fn vocabulary() -> (Vec<&'static str>, Vec<&'static str>) {
    let methods = entries()
        .filter(|e| e.kind.is_method())
        .map(|e| e.name)
        .collect();
    (names(), methods)
}

/// `known` plus the table's method names (for "did you mean" on unknown methods).
pub fn with_methods(known: &[&'static str]) -> Vec<&'static str> {
    let mut v = known.to_vec();
    v.extend(entries().filter(|e| e.kind == Kind::Method).map(|e| e.name));
    v
}

/// Calls the built-in function `name` (a table entry or a maths function of `expr`).
pub fn call_builtin(it: &mut Interp, name: &str, args: Vec<ArgVal>, sp: Span) -> R<Value> {
    let a = Args::new(name, args, sp);
    if let Some(e) = function(name) {
        return call(it, e, a);
    }
    match MathFn::by_name(name) {
        Some((f, arity)) => math(it, name, f, arity, a),
        None => Err(it.err(format!("`{name}` is not implemented"), a.span)),
    }
}

/// The arguments of a call to function entry `name`, checked and converted (for the few
/// builtins the interpreter runs itself, such as `traced_path`).
pub fn bind_function(it: &mut Interp, name: &str, args: Vec<ArgVal>, sp: Span) -> R<Call> {
    let e = function(name).expect("a table entry");
    Call::bind(it, e, Args::new(name, args, sp), None)
}

/// Runs a function entry.
pub fn call(it: &mut Interp, e: &'static Entry, a: Args) -> R<Value> {
    let c = Call::bind(it, e, a, None)?;
    (e.run)(it, &c)
}

/// `sin(x)`, `max(a, b, …)`, …: the maths functions of `expr` (lists are spread).
fn math(it: &mut Interp, name: &str, f: MathFn, arity: Option<usize>, a: Args) -> R<Value> {
    a.check(it, usize::MAX, &[])?;
    let sp = a.span.clone();
    if let Some(n) = arity {
        if a.pos.len() != n {
            return Err(it.err(
                format!(
                    "`{name}` takes {n} argument{}, given {}",
                    if n == 1 { "" } else { "s" },
                    a.pos.len()
                ),
                sp,
            ));
        }
    } else if a.pos.is_empty() {
        return Err(it.err(format!("`{name}` needs at least one argument"), sp));
    }
    let mut xs = Vec::new();
    for p in &a.pos {
        if let Value::List(l) = &p.value {
            for x in l.iter() {
                xs.push(it.num(x, p.span.clone())?);
            }
        } else {
            xs.push(it.num(&p.value, p.span.clone())?);
        }
    }
    Ok(Value::Num(f.apply(&xs)))
}

/// The value of a built-in name: a constant, colour, rate function, maths function or entry.
pub fn constant(n: &str) -> Option<Value> {
    let v = |x, y| Some(Value::Vec(Vec3::xy(x, y)));
    match n {
        "UP" => return v(0.0, 1.0),
        "DOWN" => return v(0.0, -1.0),
        "LEFT" => return v(-1.0, 0.0),
        "RIGHT" => return v(1.0, 0.0),
        "UL" => return v(-1.0, 1.0),
        "UR" => return v(1.0, 1.0),
        "DL" => return v(-1.0, -1.0),
        "DR" => return v(1.0, -1.0),
        "ORIGIN" => return v(0.0, 0.0),
        "OUT" => return Some(Value::Vec(Vec3::OUT)),
        "IN" => return Some(Value::Vec(Vec3::IN)),
        "PI" => return Some(Value::Num(std::f64::consts::PI)),
        "TAU" => return Some(Value::Num(std::f64::consts::TAU)),
        "DEGREES" => return Some(Value::Num(std::f64::consts::PI / 180.0)),
        "E" => return Some(Value::Num(std::f64::consts::E)),
        "camera" => return Some(Value::Camera),
        _ => {}
    }
    if let Some(c) = Color::named(n) {
        return Some(Value::Color(c));
    }
    if let Some(r) = Rate::by_name(n) {
        return Some(Value::Rate(r));
    }
    if let Some((k, _, _)) = MathFn::ALL.iter().find(|(k, _, _)| *k == n) {
        return Some(Value::Builtin(k));
    }
    function(n).map(|e| Value::Builtin(e.name))
}

/// Every built-in name (for "did you mean" on unknown names).
pub fn all_names() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = MathFn::ALL.iter().map(|(n, _, _)| *n).collect();
    v.extend([
        "UP", "DOWN", "LEFT", "RIGHT", "ORIGIN", "OUT", "IN", "UL", "UR", "DL", "DR", "PI", "TAU",
        "DEGREES", "E", "camera",
    ]);
    v.extend(Color::names());
    v.extend(Rate::ALL.iter().map(|(n, _)| *n));
    v.extend(names());
    v
}

/// The timing arguments `x.animate(…)` takes.
pub const ANIM_ARGS: &[&str] = TIMING;

/// Runs a tracker or camera method on `target`.
pub fn call_on(it: &mut Interp, e: &'static Entry, target: Value, a: Args) -> R<Value> {
    let mut c = Call::bind(it, e, a, None)?;
    c.target = Some(target);
    (e.run)(it, &c)
}

/// The hook for object methods.
pub fn call_method(it: &mut Interp, e: &'static Entry, recv: ObjRef, a: Args) -> R<Value> {
    let c = Call::bind(it, e, a, Some(recv))?;
    (e.run)(it, &c)
}

/// A converted argument.
#[derive(Clone)]
pub enum Arg {
    Num(f64),
    Bool(bool),
    Str(Arc<str>),
    Point(Vec3),
    Color(Color),
    Obj(ObjRef),
    Objs(Vec<ObjRef>),
    Points(Vec<Vec3>),
    Nums(Vec<f64>),
    /// Kept as written (read with `Call::value`).
    Any,
}

/// A call bound to an entry's parameters: every argument converted to its parameter's type.
pub struct Call {
    pub entry: &'static Entry,
    vals: Vec<Option<(Arg, ArgVal)>>,
    pub span: Span,
    pub recv: Option<ObjRef>,
    /// The tracker a tracker method is called on.
    pub target: Option<Value>,
    rest_raw: Vec<(&'static str, Vec<ArgVal>)>,
    /// `run_time:`, `rate_func:`/`rate:` and `lag_ratio:` of an animation.
    pub timing: (Option<f64>, Option<Rate>, Option<f64>),
    /// `delay:` of an animation: seconds before it starts within its `play` or group.
    pub delay: f64,
}

const TIMING: &[&str] = &["run_time", "rate_func", "rate", "lag_ratio", "delay"];

impl Call {
    fn bind(it: &mut Interp, e: &'static Entry, a: Args, recv: Option<ObjRef>) -> R<Call> {
        let what = match e.kind {
            Kind::Method | Kind::TrackerMethod => format!(".{}", e.name),
            Kind::CameraMethod => format!("camera.{}", e.name),
            _ => e.name.to_string(),
        };
        let mut slots: Vec<Option<ArgVal>> = vec![None; e.params.len()];
        let mut rest_vals: Vec<ArgVal> = Vec::new();
        // Positional arguments fill the positional parameters in order.
        let positional: Vec<usize> = (0..e.params.len())
            .filter(|&i| e.params[i].positional)
            .collect();
        for (k, av) in a.pos.iter().enumerate() {
            match positional.get(k) {
                Some(&i) if e.params[i].rest => {
                    rest_vals.extend(a.pos[k..].iter().cloned());
                    break;
                }
                Some(&i) => slots[i] = Some(av.clone()),
                None => {
                    let np = positional.len();
                    return Err(it
                        .err(
                            format!(
                                "`{what}` takes {} positional argument{}, given {}",
                                np,
                                if np == 1 { "" } else { "s" },
                                a.pos.len()
                            ),
                            av.span.clone(),
                        )
                        .with_note(format!("usage: {}", signature(e))));
                }
            }
        }
        let anim = e.kind == Kind::Animation;
        for av in &a.named {
            let nm = av.name.as_deref().unwrap_or("");
            if anim && TIMING.contains(&nm) {
                continue;
            }
            let at = av.name_span.clone().unwrap_or(av.span.clone());
            match e.params.iter().position(|p| p.name == nm) {
                Some(i) if e.params[i].rest => {
                    return Err(it.err(
                        format!("`{nm}` of `{what}` is given by position, not by name"),
                        at,
                    ))
                }
                Some(i) => {
                    if slots[i].is_some() {
                        return Err(it.err(
                            format!(
                                "`{what}` got its `{nm}` argument twice (by position and by name)"
                            ),
                            at,
                        ));
                    }
                    slots[i] = Some(av.clone());
                }
                None => {
                    let mut known: Vec<String> =
                        e.params.iter().map(|p| p.name.to_string()).collect();
                    if anim {
                        known.extend(TIMING.iter().map(|s| s.to_string()));
                    }
                    let d = it.err(format!("`{what}` has no argument `{nm}`"), at);
                    return Err(match super::interp::suggest(nm, &known) {
                        Some(s) => d.with_note(format!("help: did you mean `{s}`?")),
                        None => d.with_note(format!("usage: {}", signature(e))),
                    });
                }
            }
        }
        let mut vals = Vec::with_capacity(e.params.len());
        let mut rest_raw = Vec::new();
        for (i, prm) in e.params.iter().enumerate() {
            if prm.rest {
                let items = std::mem::take(&mut rest_vals);
                rest_raw.push((prm.name, items.clone()));
                let span = match (items.first(), items.last()) {
                    (Some(f), Some(l)) => f.span.start..l.span.end,
                    _ => a.span.clone(),
                };
                let arg = convert_rest(it, &what, prm, &items, span.clone())?;
                let raw = ArgVal {
                    name: None,
                    name_span: None,
                    value: Value::List(Arc::new(items.into_iter().map(|x| x.value).collect())),
                    span,
                    str_map: None,
                };
                vals.push(Some((arg, raw)));
                continue;
            }
            match slots[i].take() {
                Some(av) => {
                    let arg = convert(it, &what, prm, &av)?;
                    vals.push(Some((arg, av)));
                }
                None => {
                    if matches!(prm.def, Def::Req) {
                        return Err(it
                            .err(
                                format!("`{what}` needs its `{}` argument", prm.name),
                                a.span.clone(),
                            )
                            .with_note(format!("usage: {}", signature(e))));
                    }
                    vals.push(None);
                }
            }
        }
        let (timing, delay) = if anim {
            (a.timing(it)?, a.delay(it)?)
        } else {
            ((None, None, None), 0.0)
        };
        Ok(Call {
            entry: e,
            vals,
            span: a.span,
            recv,
            target: None,
            rest_raw,
            timing,
            delay,
        })
    }

    fn slot(&self, name: &str) -> (usize, Option<&(Arg, ArgVal)>) {
        let i = self
            .entry
            .params
            .iter()
            .position(|p| p.name == name)
            .unwrap_or_else(|| panic!("`{}` has no parameter `{name}`", self.entry.name));
        (i, self.vals[i].as_ref())
    }

    fn default(&self, name: &str) -> Def {
        self.entry.params[self.slot(name).0].def
    }

    /// Whether the argument was given.
    pub fn has(&self, name: &str) -> bool {
        self.slot(name).1.is_some()
    }
    /// The argument as written (value and span), if given.
    pub fn raw(&self, name: &str) -> Option<&ArgVal> {
        self.slot(name).1.map(|(_, r)| r)
    }
    /// Where the argument is written (the call when it was not given).
    pub fn span_of(&self, name: &str) -> Span {
        self.raw(name)
            .map(|r| r.span.clone())
            .unwrap_or(self.span.clone())
    }

    pub fn opt_num(&self, name: &str) -> Option<f64> {
        match self.slot(name).1 {
            Some((Arg::Num(x), _)) => Some(*x),
            Some(_) => unreachable!("{name} is not a number parameter"),
            None => match self.default(name) {
                Def::Num(x) => Some(x),
                _ => None,
            },
        }
    }
    pub fn num(&self, name: &str) -> f64 {
        self.opt_num(name)
            .unwrap_or_else(|| panic!("`{name}` has no default"))
    }
    pub fn bool(&self, name: &str) -> bool {
        match (self.slot(name).1, self.default(name)) {
            (Some((Arg::Bool(b), _)), _) => *b,
            (None, Def::Bool(b)) => b,
            _ => false,
        }
    }
    pub fn opt_str(&self, name: &str) -> Option<String> {
        match (self.slot(name).1, self.default(name)) {
            (Some((Arg::Str(s), _)), _) => Some(s.to_string()),
            (None, Def::Str(s)) => Some(s.to_string()),
            _ => None,
        }
    }
    pub fn str(&self, name: &str) -> String {
        self.opt_str(name).unwrap_or_default()
    }
    pub fn opt_point(&self, name: &str) -> Option<Vec3> {
        match (self.slot(name).1, self.default(name)) {
            (Some((Arg::Point(p), _)), _) => Some(*p),
            (None, Def::Point(x, y)) => Some(Vec3::xy(x, y)),
            _ => None,
        }
    }
    pub fn point(&self, name: &str) -> Vec3 {
        self.opt_point(name).unwrap_or(Vec3::ZERO)
    }
    pub fn opt_color(&self, name: &str) -> Option<Color> {
        match (self.slot(name).1, self.default(name)) {
            (Some((Arg::Color(c), _)), _) => Some(*c),
            (None, Def::Color(n)) => Color::named(n),
            _ => None,
        }
    }
    pub fn color(&self, name: &str) -> Color {
        self.opt_color(name).unwrap_or(Color::WHITE)
    }
    pub fn opt_obj(&self, name: &str) -> Option<ObjRef> {
        match self.slot(name).1 {
            Some((Arg::Obj(r), _)) => Some(r.clone()),
            _ => None,
        }
    }
    pub fn obj(&self, name: &str) -> ObjRef {
        self.opt_obj(name)
            .unwrap_or_else(|| panic!("`{name}` is not a given object"))
    }
    pub fn objs(&self, name: &str) -> Vec<ObjRef> {
        match self.slot(name).1 {
            Some((Arg::Objs(v), _)) => v.clone(),
            Some((Arg::Obj(r), _)) => vec![r.clone()],
            _ => Vec::new(),
        }
    }
    pub fn points(&self, name: &str) -> Vec<Vec3> {
        match self.slot(name).1 {
            Some((Arg::Points(v), _)) => v.clone(),
            _ => Vec::new(),
        }
    }
    pub fn opt_nums(&self, name: &str) -> Option<Vec<f64>> {
        match self.slot(name).1 {
            Some((Arg::Nums(v), _)) => Some(v.clone()),
            _ => None,
        }
    }
    pub fn value(&self, name: &str) -> Option<Value> {
        self.raw(name).map(|r| r.value.clone())
    }

    /// The receiver of a method.
    pub fn this(&self) -> ObjRef {
        self.recv.clone().expect("a method has a receiver")
    }

    /// An animation with this call's timing, or Manim's default easing. Its length stays unset
    /// unless the call gives one, so that `play(…, run_time: T)` sets it as in Manim; without
    /// either it is the animation's natural length (an effect's `natural`, else 1 s).
    pub fn anim(&self, kind: AnimSpecKind, rate: Rate) -> Value {
        Value::Anim(Arc::new(AnimSpec {
            kind,
            run_time: self.timing.0,
            rate: Some(self.timing.1.clone().unwrap_or(rate)),
            lag_ratio: self.timing.2,
            delay: self.delay,
            span: self.span.clone(),
        }))
    }

    /// An animation with this call's timing as given: no easing of its own unless the call
    /// gives one (a group's members keep theirs; `play` decides the rest).
    pub fn spec(&self, kind: AnimSpecKind) -> Value {
        Value::Anim(Arc::new(AnimSpec {
            kind,
            run_time: self.timing.0,
            rate: self.timing.1.clone(),
            lag_ratio: self.timing.2,
            delay: self.delay,
            span: self.span.clone(),
        }))
    }

    /// The given arguments, by name, for the shared readers of [`Args`] (`range`,
    /// `tick_range`, `timing`).
    pub fn args(&self) -> Args {
        let named = self
            .entry
            .params
            .iter()
            .zip(&self.vals)
            .filter_map(|(p, v)| {
                let (_, raw) = v.as_ref()?;
                let mut raw = raw.clone();
                raw.name = Some(p.name.to_string());
                Some(raw)
            })
            .collect();
        Args {
            what: self.entry.name.to_string(),
            pos: Vec::new(),
            named,
            span: self.span.clone(),
        }
    }

    /// The positional items a `rest` parameter took, each with its own span.
    pub fn rest_items(&self, name: &str) -> Vec<ArgVal> {
        self.rest_raw
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// An error pointing at argument `name` (or at the call).
    pub fn err(&self, it: &Interp, name: &str, msg: impl Into<String>) -> crate::diag::Diagnostic {
        it.err(msg, self.span_of(name))
    }
}

fn type_err(it: &Interp, what: &str, prm: &Param, v: &Value, sp: Span) -> crate::diag::Diagnostic {
    it.err(
        format!(
            "`{}` of `{what}` must be {}, found {}",
            prm.name,
            prm.ty.describe(),
            v.type_name()
        ),
        sp,
    )
}

fn convert(it: &mut Interp, what: &str, prm: &Param, av: &ArgVal) -> R<Arg> {
    let sp = av.span.clone();
    let v = &av.value;
    Ok(match prm.ty {
        Ty::Num => match v {
            Value::Num(_) | Value::Tracker(_) => {
                let x = it.num(v, sp.clone())?;
                if !x.is_finite() {
                    return Err(it.err(
                        format!("`{}` must be a finite number, found {x}", prm.name),
                        sp,
                    ));
                }
                Arg::Num(x)
            }
            _ => return Err(type_err(it, what, prm, v, sp)),
        },
        Ty::Bool => match v {
            Value::Bool(b) => Arg::Bool(*b),
            _ => return Err(type_err(it, what, prm, v, sp)),
        },
        Ty::Str => match v {
            Value::Str(s) => Arg::Str(s.clone()),
            _ => return Err(type_err(it, what, prm, v, sp)),
        },
        Ty::Point => match v {
            Value::Vec(_) | Value::List(_) | Value::Obj(_) => {
                let q = to_point(it, v, sp.clone())?;
                if !(q.x.is_finite() && q.y.is_finite() && q.z.is_finite()) {
                    return Err(it.err(
                        format!(
                            "`{}` must be a point of finite numbers, found [{}, {}, {}]",
                            prm.name, q.x, q.y, q.z
                        ),
                        sp,
                    ));
                }
                Arg::Point(q)
            }
            _ => return Err(type_err(it, what, prm, v, sp)),
        },
        Ty::Color => match v {
            Value::Color(_) | Value::Str(_) => Arg::Color(to_color(it, v, sp)?),
            _ => return Err(type_err(it, what, prm, v, sp)),
        },
        Ty::Obj => match v {
            Value::Obj(r) => Arg::Obj(r.clone()),
            _ => return Err(type_err(it, what, prm, v, sp)),
        },
        Ty::Objs => {
            let mut out = Vec::new();
            collect_objs(it, what, prm, v, &sp, &mut out)?;
            Arg::Objs(out)
        }
        Ty::Points => match v {
            Value::List(l) => {
                let mut out = Vec::with_capacity(l.len());
                for x in l.iter() {
                    out.push(to_point(it, x, sp.clone())?);
                }
                Arg::Points(out)
            }
            _ => return Err(type_err(it, what, prm, v, sp)),
        },
        Ty::Nums => match v {
            Value::List(l) => {
                let mut out = Vec::with_capacity(l.len());
                for x in l.iter() {
                    out.push(it.num(x, sp.clone())?);
                }
                Arg::Nums(out)
            }
            _ => return Err(type_err(it, what, prm, v, sp)),
        },
        Ty::Any => Arg::Any,
    })
}

fn collect_objs(
    it: &Interp,
    what: &str,
    prm: &Param,
    v: &Value,
    sp: &Span,
    out: &mut Vec<ObjRef>,
) -> R<()> {
    match v {
        Value::Obj(r) => out.push(r.clone()),
        Value::List(l) => {
            for x in l.iter() {
                collect_objs(it, what, prm, x, sp, out)?;
            }
        }
        _ => return Err(type_err(it, what, prm, v, sp.clone())),
    }
    Ok(())
}

fn convert_rest(it: &mut Interp, what: &str, prm: &Param, items: &[ArgVal], span: Span) -> R<Arg> {
    Ok(match prm.ty {
        Ty::Objs | Ty::Obj => {
            let mut out = Vec::new();
            for a in items {
                collect_objs(it, what, prm, &a.value, &a.span, &mut out)?;
            }
            Arg::Objs(out)
        }
        Ty::Points | Ty::Point => {
            let mut out = Vec::new();
            // One list of points counts as the points themselves.
            if let [one] = items {
                if let Value::List(l) = &one.value {
                    if matches!(l.first(), Some(Value::List(_) | Value::Vec(_))) {
                        for x in l.iter() {
                            out.push(to_point(it, x, one.span.clone())?);
                        }
                        return Ok(Arg::Points(out));
                    }
                }
            }
            for a in items {
                out.push(to_point(it, &a.value, a.span.clone())?);
            }
            Arg::Points(out)
        }
        Ty::Nums | Ty::Num => {
            let mut out = Vec::new();
            for a in items {
                out.push(it.num(&a.value, a.span.clone())?);
            }
            Arg::Nums(out)
        }
        _ => {
            let _ = span;
            Arg::Any
        }
    })
}

/// `name(a, b: 1, …)` as the reference shows it.
pub fn signature(e: &Entry) -> String {
    let ps: Vec<String> = e
        .params
        .iter()
        .map(|p| {
            if p.rest {
                return format!("{}…", p.name);
            }
            match p.def {
                Def::Req => p.name.to_string(),
                Def::Opt => format!("{}: …", p.name),
                Def::Num(x) => format!("{}: {}", p.name, fmt_num(x)),
                Def::Bool(b) => format!("{}: {b}", p.name),
                Def::Color(c) => format!("{}: {c}", p.name),
                Def::Point(x, y) => format!("{}: {}", p.name, fmt_point(x, y)),
                Def::Str(s) => format!("{}: \"{s}\"", p.name),
            }
        })
        .collect();
    let prefix = match e.kind {
        Kind::Method => ".",
        Kind::TrackerMethod => "t.",
        Kind::CameraMethod => "camera.",
        _ => "",
    };
    format!("{prefix}{}({})", e.name, ps.join(", "))
}

fn fmt_num(x: f64) -> String {
    let pi = std::f64::consts::PI;
    for (k, s) in [(1.0, "PI"), (0.5, "PI/2"), (2.0, "TAU"), (0.25, "PI/4")] {
        if (x - pi * k).abs() < 1e-12 {
            return s.to_string();
        }
    }
    format!("{x}")
}

fn fmt_point(x: f64, y: f64) -> String {
    match (x, y) {
        (0.0, 0.0) => "ORIGIN".into(),
        (0.0, 1.0) => "UP".into(),
        (0.0, -1.0) => "DOWN".into(),
        (1.0, 0.0) => "RIGHT".into(),
        (-1.0, 0.0) => "LEFT".into(),
        _ => format!("[{}, {}]", fmt_num(x), fmt_num(y)),
    }
}

/// The method Manim's attribute form `name` stands for (`ax.x_axis` is `ax.get_x_axis()`).
pub(crate) fn attribute_method(name: &str) -> Option<&'static str> {
    axis_parts::ATTRIBUTES
        .iter()
        .find(|(a, _)| *a == name)
        .map(|(_, m)| *m)
}

/// The vocabulary reference: one Markdown table per area, generated from the tables.
pub fn reference_markdown() -> String {
    let mut s = String::new();
    for (title, table) in TABLES {
        s.push_str(&format!(
            "#### {title}\n\n| call | what it is |\n|---|---|\n"
        ));
        for e in table.iter() {
            let extra = if e.kind == Kind::Animation {
                " (+ `run_time`, `rate_func`, `lag_ratio`)"
            } else {
                ""
            };
            s.push_str(&format!(
                "| `{}`{extra} | {} |\n",
                signature(e),
                e.doc.replace('|', "\\|")
            ));
        }
        s.push('\n');
    }
    s
}

/// Applies the common style parameters (`color`, `fill_opacity`, `stroke_width`, and
/// `fill_color`/`stroke_color` where the entry has them) to a fresh object.
pub(crate) fn style(c: &Call, m: &mut Mobject) {
    let has = |n: &str| c.entry.params.iter().any(|p| p.name == n);
    if has("color") {
        if let Some(col) = c.opt_color("color") {
            m.set_color(col);
        }
    }
    if has("fill_color") {
        if let Some(col) = c.opt_color("fill_color") {
            m.set_fill(Some(col), None);
        }
    }
    if has("stroke_color") {
        if let Some(col) = c.opt_color("stroke_color") {
            m.set_stroke(Some(col), None, None);
        }
    }
    if has("fill_opacity") {
        if let Some(o) = c.opt_num("fill_opacity") {
            m.set_fill(None, Some(o as f32));
        }
    }
    if has("stroke_width") {
        if let Some(w) = c.opt_num("stroke_width") {
            m.set_stroke(None, Some(w), None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_entry_is_shadowed_by_a_constant_or_maths_function() {
        let all = all_names();
        // A rate function's name may also be an animation (`wiggle`): the rate is the value,
        // the call is the animation (see interp's call), so neither shadows the other.
        let rates: Vec<&str> = crate::timeline::Rate::ALL.iter().map(|(n, _)| *n).collect();
        for name in names() {
            let n = all
                .iter()
                .filter(|x| **x == name && !rates.contains(x))
                .count()
                + usize::from(rates.contains(&name));
            assert_eq!(
                n, 1,
                "`{name}` is also a constant or maths function, which would shadow it"
            );
        }
    }

    #[test]
    fn names_are_unique_and_defaults_match_types() {
        let mut seen = std::collections::HashSet::new();
        for e in entries() {
            assert!(
                seen.insert((e.name, format!("{:?}", e.kind))),
                "{} twice",
                e.name
            );
            assert!(!e.doc.is_empty(), "{} has no doc", e.name);
            for p in e.params {
                let ok = match p.def {
                    Def::Req | Def::Opt => true,
                    Def::Num(_) => p.ty == Ty::Num,
                    Def::Bool(_) => p.ty == Ty::Bool,
                    Def::Color(c) => p.ty == Ty::Color && Color::named(c).is_some(),
                    Def::Point(..) => p.ty == Ty::Point,
                    Def::Str(_) => p.ty == Ty::Str,
                };
                assert!(
                    ok,
                    "{}: default of `{}` does not fit its type",
                    e.name, p.name
                );
                let rests = e.params.iter().filter(|p| p.rest).count();
                assert!(rests <= 1, "{}", e.name);
            }
        }
    }
}

/// The state an effect leaves behind (called by the recorder when its `play` ends): lasting
/// effects are applied at their end, removers hide their objects, and a replacement takes the
/// objects' place.
pub(crate) fn finish_effect(it: &mut Interp, k: AnimSpecKind) {
    let AnimSpecKind::Effect {
        objs,
        effect,
        hide,
        replace,
        end_rate,
        ..
    } = k
    else {
        return;
    };
    // A rate that returns to the start (there_and_back) leaves the object as it was.
    let end = end_rate.map(|r| r.apply(1.0)).unwrap_or(1.0);
    if effect.lasting() && end != 0.0 {
        for r in &objs {
            let _ = it.modify(r, 0..0, &mut |m| effect.apply(m, end));
        }
    }
    if hide || replace.is_some() {
        it.hide(&objs);
    }
    if let Some(new) = replace {
        it.show(&[new]);
    }
}

/// An effect animation on `objs` with Manim's default length and easing (unless the call
/// gives its own).
pub(crate) fn effect(
    c: &Call,
    objs: Vec<ObjRef>,
    e: impl crate::timeline::effects::Effect + 'static,
    run_time: f64,
    rate: Rate,
) -> Value {
    c.anim(
        AnimSpecKind::Effect {
            objs,
            effect: Arc::new(e),
            hide: false,
            replace: None,
            end_rate: None,
            natural: run_time,
        },
        rate,
    )
}

/// The first and last point of an object's outline (a line's ends, for `angle`, `brace`, …).
pub(crate) fn ends(it: &mut Interp, r: &ObjRef, sp: Span) -> R<(Vec3, Vec3)> {
    let m = it.materialize(r, sp.clone())?;
    let leaves = m.leaves();
    let first = leaves.iter().find(|l| !l.path.is_empty());
    match first {
        Some(l) => {
            let s = l.path.subpaths[0].start;
            let e = l.path.subpaths.last().map(|x| x.end()).unwrap_or(s);
            Ok((s, e))
        }
        None => Err(it.err("this object has no outline (a line or curve is needed)", sp)),
    }
}

/// An object's bounding box (a point for an empty object).
pub(crate) fn bbox(it: &mut Interp, r: &ObjRef, sp: Span) -> R<(Vec3, Vec3)> {
    let m = it.materialize(r, sp)?;
    let c = m.center();
    Ok(m.bounds().unwrap_or((c, c)))
}

#[cfg(test)]
mod doc_sync {
    const BEGIN: &str = "<!-- vocabulary table: generated from src/lang/stdlib, do not edit -->\n";
    const END: &str = "<!-- end of vocabulary table -->";

    /// docs/scene-language.md lists exactly the table's entries. `VALLEY_BLESS=1 cargo test
    /// --lib doc_sync` rewrites the doc's table from the code.
    #[test]
    fn the_reference_table_in_the_docs_is_the_code_table() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/scene-language.md");
        let doc = std::fs::read_to_string(&path).unwrap();
        let (a, b) = (
            doc.find(BEGIN).expect("begin marker") + BEGIN.len(),
            doc.find(END).expect("end marker"),
        );
        let want = super::reference_markdown();
        if doc[a..b] != want {
            if std::env::var_os("VALLEY_BLESS").is_some() {
                std::fs::write(&path, format!("{}{want}{}", &doc[..a], &doc[b..])).unwrap();
            } else {
                panic!("docs/scene-language.md's vocabulary table is out of date: run VALLEY_BLESS=1 cargo test --lib doc_sync");
            }
        }
    }
}
