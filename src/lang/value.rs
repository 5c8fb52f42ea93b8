//! Runtime values of the scene language.

use std::sync::Arc;

use super::syntax::ast::{Expr, Span};
use crate::diag::Source;
use crate::geom::Vec3;
use crate::scene::{Color, Mobject};
use crate::timeline::Rate;

/// A reference to an object (or to a part of it, by child indices).
#[derive(Clone, Debug, PartialEq)]
pub struct ObjRef {
    pub id: usize,
    pub path: Arc<Vec<usize>>,
}

#[derive(Clone)]
pub struct UserFn {
    pub name: String,
    pub params: Vec<String>,
    pub body: Expr,
    pub env: Env,
    pub src: Arc<Source>,
}

/// A pending `.animate` chain: methods recorded, applied to a copy when played.
#[derive(Clone)]
pub struct Animate {
    pub target: AnimTarget,
    pub calls: Vec<(String, Vec<ArgVal>, Span)>,
    /// `x.animate(run_time: 2, rate_func: …, delay: …)`: timing of its own.
    pub timing: Option<Arc<AnimSpec>>,
}

#[derive(Clone)]
pub enum AnimTarget {
    Obj(ObjRef),
    Camera,
    Tracker(usize),
}

#[derive(Clone)]
pub struct ArgVal {
    pub name: Option<String>,
    /// Where the argument's name is written (for "no such argument" errors).
    pub name_span: Option<Span>,
    pub value: Value,
    pub span: Span,
    /// For a string written in place (literal or f-string): where each byte came from.
    pub str_map: Option<Arc<super::syntax::ast::StrMap>>,
}

/// An animation value, before `play` schedules it.
#[derive(Clone)]
pub struct AnimSpec {
    pub kind: AnimSpecKind,
    pub run_time: Option<f64>,
    pub rate: Option<Rate>,
    pub lag_ratio: Option<f64>,
    /// Seconds (before any stretching) to wait before starting, within its group.
    pub delay: f64,
    pub span: Span,
}

impl AnimSpec {
    /// An animation with no settings of its own (the play's, or its group's, apply).
    pub fn new(kind: AnimSpecKind, span: Span) -> AnimSpec {
        AnimSpec {
            kind,
            run_time: None,
            rate: None,
            lag_ratio: None,
            delay: 0.0,
            span,
        }
    }
}

#[derive(Clone)]
pub enum AnimSpecKind {
    Create(Vec<ObjRef>),
    Uncreate(Vec<ObjRef>),
    Write(Vec<ObjRef>),
    Unwrite(Vec<ObjRef>),
    FadeIn(Vec<ObjRef>, Vec3, f64),
    FadeOut(Vec<ObjRef>, Vec3, f64),
    /// Object becomes `target`; with `replace`, `replace` takes its place on screen.
    Transform {
        obj: ObjRef,
        target: Arc<Mobject>,
        replace: Option<ObjRef>,
        path_arc: f64,
        spiral: bool,
    },
    MoveAlong(ObjRef, Arc<crate::geom::Path>),
    Tracker(usize, f64),
    Camera(crate::scene::Camera),
    /// An `.animate` chain, resolved when scheduled: it then starts from the state left by the
    /// animations scheduled before it in the same `play` (a succession of moves chains).
    Animate(Arc<Animate>),
    /// Members start `lag` × (previous member's length) after one another.
    Group(Vec<AnimSpec>, f64),
    Wait,
    /// An effect (stdlib animations); `replace` takes the objects' place on screen at the end.
    /// Style methods animated on an object rebuilt every frame (`label.animate.set_color(RED)`).
    Restyle {
        obj: ObjRef,
        restyle: super::interp::Restyle,
    },
    Effect {
        objs: Vec<ObjRef>,
        effect: Arc<dyn crate::timeline::effects::Effect>,
        hide: bool,
        replace: Option<ObjRef>,
        /// The easing it ran with (set when scheduled), so its end state is the rate's end.
        end_rate: Option<Rate>,
        /// Manim's length for it (Wiggle 2 s, …), used when neither it nor its `play` sets one.
        natural: f64,
    },
}

#[derive(Clone)]
pub enum Value {
    None,
    Num(f64),
    Bool(bool),
    Str(Arc<str>),
    List(Arc<Vec<Value>>),
    Vec(Vec3),
    Color(Color),
    Fn(Arc<UserFn>),
    /// A compiled numeric function (a derivative, for instance).
    MathFn(Arc<crate::expr::Function>),
    Builtin(&'static str),
    Obj(ObjRef),
    Tracker(usize),
    Anim(Arc<AnimSpec>),
    Camera,
    Animate(Arc<Animate>),
    Rate(Rate),
    /// `value.method` before the call.
    Method(Box<Value>, String),
}

impl Value {
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::None => "nothing",
            Value::Num(_) => "a number",
            Value::Bool(_) => "a boolean",
            Value::Str(_) => "a string",
            Value::List(_) => "a list",
            Value::Vec(_) => "a point",
            Value::Color(_) => "a colour",
            Value::Fn(_) | Value::MathFn(_) => "a function",
            Value::Builtin(_) => "a built-in function",
            Value::Obj(_) => "an object",
            Value::Tracker(_) => "a tracker",
            Value::Anim(_) => "an animation",
            Value::Camera => "the camera",
            Value::Animate(_) => "an .animate chain",
            Value::Rate(_) => "a rate function",
            Value::Method(..) => "a method",
        }
    }
}

/// Variables: a persistent list, cheap to capture in closures and share between threads.
#[derive(Clone, Default)]
pub struct Env(Option<Arc<EnvNode>>);

pub struct EnvNode {
    name: String,
    value: Value,
    next: Env,
}

impl Env {
    pub fn with(&self, name: &str, value: Value) -> Env {
        Env(Some(Arc::new(EnvNode {
            name: name.to_string(),
            value,
            next: self.clone(),
        })))
    }
    /// The same bindings with `name`'s nearest binding holding `value` (or a new binding if
    /// there is none). The chain keeps its length, so a loop assigning a variable a million
    /// times does not grow it.
    pub fn replaced(&self, name: &str, value: Value) -> Env {
        let mut front = Vec::new();
        let mut cur = self;
        while let Some(n) = &cur.0 {
            if n.name == name {
                let mut env = n.next.with(name, value);
                for f in front.into_iter().rev() {
                    let f: &EnvNode = f;
                    env = env.with(&f.name, f.value.clone());
                }
                return env;
            }
            front.push(n.as_ref());
            cur = &n.next;
        }
        self.with(name, value)
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        let mut cur = &self.0;
        while let Some(n) = cur {
            if n.name == name {
                return Some(&n.value);
            }
            cur = &n.next.0;
        }
        None
    }
    pub fn names(&self) -> Vec<String> {
        let mut v = Vec::new();
        let mut cur = &self.0;
        while let Some(n) = cur {
            v.push(n.name.clone());
            cur = &n.next.0;
        }
        v
    }
}
