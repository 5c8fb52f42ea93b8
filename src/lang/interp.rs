//! Runs a scene script once, building objects and recording the timeline. Objects live in an
//! arena; a `let` whose value read a tracker becomes a *dynamic* object: its expression is kept
//! with its environment and re-evaluated for every frame from the tracker values.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::ast::{Expr, FPart, Span, Stmt};
use super::value::*;
use crate::diag::{Diagnostic, Source};
use crate::geom::Vec3;
use crate::scene::{Camera, Color, Mobject};
use crate::timeline::{Anim, AnimKind, Builder, Content, Rate, Segment, Target, Timeline};

pub type R<T> = Result<T, Diagnostic>;

#[derive(Clone)]
pub enum Entry {
    Static(Arc<Mobject>),
    /// Rebuilt per frame from its `let` expression (shared, since the arena is cloned per rebuild).
    Dynamic {
        expr: Arc<Expr>,
        env: Env,
        src: Arc<Source>,
    },
    Group(Vec<ObjRef>),
}

/// Interpreter state. At compile time it also records the timeline; when rebuilding a
/// dynamic object for a frame (`frame_mode`), timeline statements are refused.
#[derive(Clone)]
pub struct Interp {
    pub src: Arc<Source>,
    pub arena: Vec<Entry>,
    pub trackers: Vec<f64>,
    pub reads: Option<BTreeSet<usize>>,
    pub frame_mode: bool,
    // Timeline being recorded.
    pub display: Vec<usize>,
    /// Slot → the object or part it shows.
    pub slots: Vec<ObjRef>,
    pub segments: Vec<Segment>,
    pub time: f64,
    pub camera: Camera,
    pub background: Option<Color>,
    pub depth: usize,
}

impl Interp {
    pub fn new(src: Arc<Source>) -> Interp {
        Interp {
            src,
            arena: Vec::new(),
            trackers: Vec::new(),
            reads: None,
            frame_mode: false,
            display: Vec::new(),
            slots: Vec::new(),
            segments: Vec::new(),
            time: 0.0,
            camera: Camera::default(),
            background: None,
            depth: 0,
        }
    }

    pub fn err(&self, msg: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic::new(msg, &self.src, span)
    }

    // ---- statements ------------------------------------------------------------------

    pub fn exec_block(&mut self, stmts: &[Stmt], mut env: Env) -> R<Env> {
        for s in stmts {
            env = self.exec(s, env)?;
        }
        Ok(env)
    }

    fn exec(&mut self, s: &Stmt, env: Env) -> R<Env> {
        match s {
            Stmt::Let(name, _, e) | Stmt::Assign(name, _, e) => {
                if let Stmt::Assign(_, sp, _) = s {
                    if env.get(name).is_none() {
                        return Err(self.err(
                            format!("`{name}` is not defined yet: use `let {name} = …` first"),
                            sp.clone(),
                        ));
                    }
                }
                let outer = self.reads.take();
                self.reads = Some(BTreeSet::new());
                let before = self.arena.len();
                let v = self.eval(e, &env);
                let reads = self.reads.take().unwrap_or_default();
                // Reads propagate outward (a let inside a dynamic expression).
                self.reads = outer.map(|mut o| {
                    o.extend(reads.iter().copied());
                    o
                });
                let v = v?;
                let v = match v {
                    Value::Obj(r) if !reads.is_empty() && !self.frame_mode => {
                        let dynamic = Entry::Dynamic {
                            expr: Arc::new(e.clone()),
                            env: env.clone(),
                            src: self.src.clone(),
                        };
                        if r.id >= before && r.path.is_empty() {
                            self.arena[r.id] = dynamic;
                            Value::Obj(r)
                        } else {
                            // The expression returned an older object: keep that one as it is.
                            self.arena.push(dynamic);
                            Value::Obj(ObjRef {
                                id: self.arena.len() - 1,
                                path: Arc::new(vec![]),
                            })
                        }
                    }
                    other => other,
                };
                Ok(env.with(name, v))
            }
            Stmt::Fn(name, _, params, body) => {
                // Recursive functions see themselves: bind after creation through the env chain.
                let f = UserFn {
                    name: name.clone(),
                    params: params.clone(),
                    body: body.clone(),
                    env: env.clone(),
                    src: self.src.clone(),
                };
                Ok(env.with(name, Value::Fn(Arc::new(f))))
            }
            Stmt::For(var, _, it, body) => {
                let items = match self.eval(it, &env)? {
                    Value::List(l) => l.as_ref().clone(),
                    other => {
                        return Err(self.err(
                            format!("`for` needs a list or a range, found {}", other.type_name()),
                            it.span(),
                        ))
                    }
                };
                for item in items {
                    self.exec_block(body, env.with(var, item))?;
                }
                Ok(env)
            }
            Stmt::If(c, a, b) => {
                let cond = self.truthy(c, &env)?;
                self.exec_block(if cond { a } else { b }, env.clone())?;
                Ok(env)
            }
            Stmt::Expr(e) => {
                self.eval(e, &env)?;
                Ok(env)
            }
        }
    }

    fn truthy(&mut self, e: &Expr, env: &Env) -> R<bool> {
        match self.eval(e, env)? {
            Value::Bool(b) => Ok(b),
            other => Err(self.err(
                format!(
                    "a condition must be true or false, found {}",
                    other.type_name()
                ),
                e.span(),
            )),
        }
    }

    // ---- expressions -----------------------------------------------------------------

    pub fn eval(&mut self, e: &Expr, env: &Env) -> R<Value> {
        self.depth += 1;
        if self.depth > 200 {
            self.depth = 0;
            return Err(self.err("too deep: is a function calling itself forever?", e.span()));
        }
        let r = self.eval_inner(e, env);
        self.depth -= 1;
        r
    }

    fn eval_inner(&mut self, e: &Expr, env: &Env) -> R<Value> {
        Ok(match e {
            Expr::Num(v, _) => Value::Num(*v),
            Expr::Bool(b, _) => Value::Bool(*b),
            Expr::Str(s, _) => Value::Str(s.as_str().into()),
            Expr::Hex(h, sp) => Value::Color(
                Color::from_hex(h).ok_or_else(|| self.err("not a colour", sp.clone()))?,
            ),
            Expr::FStr(parts, _) => {
                let mut s = String::new();
                for p in parts {
                    match p {
                        FPart::Lit(l) => s.push_str(l),
                        FPart::Hole(h) => {
                            let v = self.eval(h, env)?;
                            s.push_str(&self.display_value(&v, h.span())?);
                        }
                    }
                }
                Value::Str(s.into())
            }
            Expr::Name(n, sp) => self.lookup(n, sp, env)?,
            Expr::List(items, _) => {
                let mut v = Vec::with_capacity(items.len());
                for i in items {
                    v.push(self.eval(i, env)?);
                }
                Value::List(Arc::new(v))
            }
            Expr::Unary(op, a, sp) => {
                let v = self.eval(a, env)?;
                match (*op, v) {
                    ("-", Value::Vec(p)) => Value::Vec(-p),
                    ("!", Value::Bool(b)) => Value::Bool(!b),
                    ("-", v) => Value::Num(-self.num(&v, a.span())?),
                    (_, v) => {
                        return Err(self.err(
                            format!("'!' needs true or false, found {}", v.type_name()),
                            sp.clone(),
                        ))
                    }
                }
            }
            Expr::Binary(op, a, b, sp) => {
                if *op == "&&" || *op == "||" {
                    let l = self.truthy(a, env)?;
                    if (*op == "&&" && !l) || (*op == "||" && l) {
                        return Ok(Value::Bool(l));
                    }
                    return Ok(Value::Bool(self.truthy(b, env)?));
                }
                let l = self.eval(a, env)?;
                let r = self.eval(b, env)?;
                self.binary(op, l, r, a.span(), b.span(), sp.clone())?
            }
            Expr::Range(a, b, _) => {
                let (x, y) = (self.eval(a, env)?, self.eval(b, env)?);
                let (x, y) = (self.num(&x, a.span())?, self.num(&y, b.span())?);
                let (x, y) = (x.round() as i64, y.round() as i64);
                if y - x > 100_000 {
                    return Err(
                        self.err("this range is too long (more than 100000 items)", e.span())
                    );
                }
                Value::List(Arc::new((x..y).map(|i| Value::Num(i as f64)).collect()))
            }
            Expr::Comprehension(body, var, iter, _) => {
                let items = match self.eval(iter, env)? {
                    Value::List(l) => l,
                    other => {
                        return Err(self.err(
                            format!("`for` needs a list or a range, found {}", other.type_name()),
                            iter.span(),
                        ))
                    }
                };
                let mut out = Vec::with_capacity(items.len());
                for item in items.iter() {
                    out.push(self.eval(body, &env.with(var, item.clone()))?);
                }
                Value::List(Arc::new(out))
            }
            Expr::If(c, a, b, _) => {
                if self.truthy(c, env)? {
                    self.eval(a, env)?
                } else {
                    self.eval(b, env)?
                }
            }
            Expr::Field(obj, name, sp) => {
                let v = self.eval(obj, env)?;
                self.field(v, name, sp.clone())?
            }
            Expr::Index(obj, idx, sp) => {
                let v = self.eval(obj, env)?;
                let i = self.eval(idx, env)?;
                let i = self.num(&i, idx.span())?;
                self.index(v, i, sp.clone())?
            }
            Expr::Call(f, args, sp) => {
                let fv = self.eval(f, env)?;
                let mut av = Vec::with_capacity(args.len());
                for a in args {
                    let value = self.eval(&a.value, env)?;
                    av.push(ArgVal {
                        name: a.name.as_ref().map(|n| n.0.clone()),
                        name_span: a.name.as_ref().map(|n| n.1.clone()),
                        value,
                        span: a.value.span(),
                    });
                }
                self.call(fv, av, sp.clone(), f.span())?
            }
        })
    }

    fn lookup(&mut self, n: &str, sp: &Span, env: &Env) -> R<Value> {
        if let Some(v) = env.get(n) {
            return Ok(v.clone());
        }
        if let Some(v) = super::builtins::constant(n) {
            return Ok(v);
        }
        let mut names = env.names();
        names.extend(super::builtins::all_names().iter().map(|s| s.to_string()));
        let hint = suggest(n, &names);
        let mut d = self.err(format!("unknown name `{n}`"), sp.clone());
        if let Some(h) = hint {
            d = d.with_note(format!("help: did you mean `{h}`?"));
        }
        Err(d)
    }

    /// Numeric value of `v`; reading a tracker records the dependency.
    pub fn num(&mut self, v: &Value, sp: Span) -> R<f64> {
        match v {
            Value::Num(x) => Ok(*x),
            Value::Tracker(id) => {
                if let Some(r) = &mut self.reads {
                    r.insert(*id);
                }
                Ok(self.trackers[*id])
            }
            other => Err(self.err(
                format!("expected a number, found {}", other.type_name()),
                sp,
            )),
        }
    }

    fn binary(&mut self, op: &str, l: Value, r: Value, ls: Span, rs: Span, sp: Span) -> R<Value> {
        use Value::*;
        // A list of 2–3 numbers next to a point is a point: `p + [1, 2]`.
        let as_vec = |it: &mut Self, v: &Value, s: Span| -> R<Option<Value>> {
            match v {
                List(x)
                    if (x.len() == 2 || x.len() == 3)
                        && x.iter().all(|e| matches!(e, Num(_) | Tracker(_))) =>
                {
                    Ok(Some(Vec(super::args::to_point(it, v, s)?)))
                }
                _ => Ok(Option::None),
            }
        };
        let (l, r) = match (&l, &r) {
            (Vec(_), List(_)) => {
                let r2 = as_vec(self, &r, rs.clone())?.unwrap_or(r);
                (l, r2)
            }
            (List(_), Vec(_)) => {
                let l2 = as_vec(self, &l, ls.clone())?.unwrap_or(l);
                (l2, r)
            }
            _ => (l, r),
        };
        Ok(match (op, &l, &r) {
            ("+", Vec(a), Vec(b)) => Vec(*a + *b),
            ("-", Vec(a), Vec(b)) => Vec(*a - *b),
            ("+", Str(a), _) => Str(format!("{a}{}", self.display_value(&r, rs)?).into()),
            // Lists add like numpy arrays (points are lists): element by element.
            ("+" | "-", List(a), List(b)) => {
                if a.len() != b.len() {
                    return Err(self.err(format!("cannot {} lists of different lengths ({} and {}); use concat(a, b) to join lists", if op == "+" { "add" } else { "subtract" }, a.len(), b.len()), sp));
                }
                let mut v = std::vec::Vec::with_capacity(a.len());
                for (x, y) in a.iter().zip(b.iter()) {
                    v.push(self.binary(
                        op,
                        x.clone(),
                        y.clone(),
                        ls.clone(),
                        rs.clone(),
                        sp.clone(),
                    )?);
                }
                List(Arc::new(v))
            }
            // Numeric lists scale like numpy arrays.
            ("*", List(a), Num(_) | Tracker(_)) | ("/", List(a), Num(_) | Tracker(_)) => {
                let mut v = std::vec::Vec::with_capacity(a.len());
                for x in a.iter() {
                    v.push(self.binary(
                        op,
                        x.clone(),
                        r.clone(),
                        ls.clone(),
                        rs.clone(),
                        sp.clone(),
                    )?);
                }
                List(Arc::new(v))
            }
            ("*", Num(_) | Tracker(_), List(b)) => {
                let mut v = std::vec::Vec::with_capacity(b.len());
                for x in b.iter() {
                    v.push(self.binary(
                        op,
                        l.clone(),
                        x.clone(),
                        ls.clone(),
                        rs.clone(),
                        sp.clone(),
                    )?);
                }
                List(Arc::new(v))
            }
            ("*", Vec(a), _) => Vec(*a * self.num(&r, rs)?),
            ("*", _, Vec(b)) => Vec(*b * self.num(&l, ls)?),
            ("/", Vec(a), _) => Vec(*a / self.num(&r, rs)?),
            ("==", _, _) => Bool(self.equal(&l, &r)),
            ("!=", _, _) => Bool(!self.equal(&l, &r)),
            _ => {
                let (a, b) = (self.num(&l, ls)?, self.num(&r, rs)?);
                match op {
                    "+" => Num(a + b),
                    "-" => Num(a - b),
                    "*" => Num(a * b),
                    "/" => {
                        if b == 0.0 {
                            return Err(self.err("division by zero", sp));
                        }
                        Num(a / b)
                    }
                    "%" => {
                        if b == 0.0 {
                            return Err(self.err("division by zero (in %)", sp));
                        }
                        Num(a.rem_euclid(b))
                    }
                    "^" => Num(a.powf(b)),
                    "<" => Bool(a < b),
                    "<=" => Bool(a <= b),
                    ">" => Bool(a > b),
                    ">=" => Bool(a >= b),
                    _ => {
                        return Err(self.err(
                            format!(
                                "'{op}' does not apply to {} and {}",
                                l.type_name(),
                                r.type_name()
                            ),
                            sp,
                        ))
                    }
                }
            }
        })
    }

    fn equal(&mut self, a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Str(x), Value::Str(y)) => x == y,
            (Value::Bool(x), Value::Bool(y)) => x == y,
            (Value::Vec(x), Value::Vec(y)) => x == y,
            _ => match (self.num(a, 0..0), self.num(b, 0..0)) {
                (Ok(x), Ok(y)) => x == y,
                _ => false,
            },
        }
    }

    pub fn display_value(&mut self, v: &Value, sp: Span) -> R<String> {
        Ok(match v {
            Value::Str(s) => s.to_string(),
            Value::Num(_) | Value::Tracker(_) => {
                let x = self.num(v, sp)?;
                if x.fract() == 0.0 && x.abs() < 1e15 {
                    format!("{}", x as i64)
                } else {
                    format!("{x}")
                }
            }
            Value::Bool(b) => b.to_string(),
            Value::Vec(p) => format!("[{}, {}, {}]", p.x, p.y, p.z),
            Value::Color(c) => c.to_hex(),
            other => {
                return Err(self.err(
                    format!("cannot put {} into a string", other.type_name()),
                    sp,
                ))
            }
        })
    }

    fn index(&mut self, v: Value, i: f64, sp: Span) -> R<Value> {
        let idx = |n: usize| -> Option<usize> {
            let k = i.round() as i64;
            let k = if k < 0 { n as i64 + k } else { k };
            (k >= 0 && (k as usize) < n).then_some(k as usize)
        };
        match v {
            Value::List(l) => idx(l.len()).map(|k| l[k].clone()).ok_or_else(|| {
                self.err(
                    format!("index {i} is out of range (the list has {} items)", l.len()),
                    sp,
                )
            }),
            Value::Obj(r) => {
                if let Entry::Group(members) = &self.arena[r.id] {
                    if r.path.is_empty() {
                        let n = members.len();
                        return idx(n)
                            .map(|k| Value::Obj(members[k].clone()))
                            .ok_or_else(|| {
                                self.err(
                                    format!(
                                        "index {i} is out of range (the group has {n} members)"
                                    ),
                                    sp,
                                )
                            });
                    }
                }
                let m = self.materialize(&r, sp.clone())?;
                let n = m.children.len();
                let k = idx(n).ok_or_else(|| {
                    self.err(
                        format!("index {i} is out of range (this object has {n} parts)"),
                        sp.clone(),
                    )
                })?;
                let mut path = r.path.as_ref().clone();
                path.push(k);
                Ok(Value::Obj(ObjRef {
                    id: r.id,
                    path: Arc::new(path),
                }))
            }
            other => Err(self.err(format!("cannot index {}", other.type_name()), sp)),
        }
    }

    fn field(&mut self, v: Value, name: &str, sp: Span) -> R<Value> {
        match (&v, name) {
            (Value::Obj(r), "animate") => Ok(Value::Animate(Arc::new(Animate {
                target: AnimTarget::Obj(r.clone()),
                calls: vec![],
            }))),
            (Value::Camera, "animate") => Ok(Value::Animate(Arc::new(Animate {
                target: AnimTarget::Camera,
                calls: vec![],
            }))),
            (Value::Tracker(id), "animate") => Ok(Value::Animate(Arc::new(Animate {
                target: AnimTarget::Tracker(*id),
                calls: vec![],
            }))),
            (Value::Tracker(_), "value") => Ok(Value::Num(self.num(&v, sp)?)),
            (Value::Vec(p), "x") => Ok(Value::Num(p.x)),
            (Value::Vec(p), "y") => Ok(Value::Num(p.y)),
            (Value::Vec(p), "z") => Ok(Value::Num(p.z)),
            (Value::List(l), "len") => Ok(Value::Num(l.len() as f64)),
            _ => Ok(Value::Method(Box::new(v), name.to_string())),
        }
    }

    pub fn call(&mut self, f: Value, args: Vec<ArgVal>, sp: Span, fsp: Span) -> R<Value> {
        match f {
            Value::Builtin(name) => super::builtins::call(self, name, args, sp),
            Value::Fn(uf) => self.call_user(&uf, args, sp),
            Value::MathFn(mf) => {
                if args.len() != mf.params.len() {
                    return Err(self.err(
                        format!(
                            "this function takes {} arguments, given {}",
                            mf.params.len(),
                            args.len()
                        ),
                        sp,
                    ));
                }
                let mut xs = Vec::with_capacity(args.len());
                for a in &args {
                    xs.push(self.num(&a.value, a.span.clone())?);
                }
                let v = mf
                    .call(&xs)
                    .map_err(|_| self.err("division by zero", sp.clone()))?;
                Ok(Value::Num(v))
            }
            Value::Method(recv, name) => super::methods::call(self, *recv, &name, args, sp),
            other => Err(self.err(format!("{} cannot be called", other.type_name()), fsp)),
        }
    }

    pub fn call_user(&mut self, uf: &UserFn, args: Vec<ArgVal>, sp: Span) -> R<Value> {
        if args.len() != uf.params.len() || args.iter().any(|a| a.name.is_some()) {
            return Err(self.err(
                format!(
                    "`{}` takes {} argument{} ({}), given {}",
                    uf.name,
                    uf.params.len(),
                    if uf.params.len() == 1 { "" } else { "s" },
                    uf.params.join(", "),
                    args.len()
                ),
                sp,
            ));
        }
        let mut env = uf.env.with(&uf.name, Value::Fn(Arc::new(uf.clone())));
        for (p, a) in uf.params.iter().zip(args) {
            env = env.with(p, a.value);
        }
        let saved = std::mem::replace(&mut self.src, uf.src.clone());
        let r = self.eval(&uf.body, &env);
        self.src = saved;
        r
    }

    // ---- objects ---------------------------------------------------------------------

    pub fn new_obj(&mut self, m: Mobject) -> Value {
        self.arena.push(Entry::Static(Arc::new(m)));
        Value::Obj(ObjRef {
            id: self.arena.len() - 1,
            path: Arc::new(vec![]),
        })
    }

    pub fn new_group(&mut self, members: Vec<ObjRef>) -> Value {
        self.arena.push(Entry::Group(members));
        Value::Obj(ObjRef {
            id: self.arena.len() - 1,
            path: Arc::new(vec![]),
        })
    }

    /// The object's current shape (dynamic objects are built with the current tracker values).
    pub fn materialize(&mut self, r: &ObjRef, sp: Span) -> R<Mobject> {
        let whole = match self.arena[r.id].clone() {
            Entry::Static(m) => (*m).clone(),
            Entry::Group(members) => {
                let mut kids = Vec::new();
                for m in members {
                    kids.push(self.materialize(&m, sp.clone())?);
                }
                Mobject::group(kids)
            }
            Entry::Dynamic { expr, env, src } => {
                if let Some(reads) = &mut self.reads {
                    // Depending on a dynamic object is depending on its trackers.
                    reads.extend(0..self.trackers.len());
                }
                let saved = std::mem::replace(&mut self.src, src);
                let saved_reads = self.reads.take();
                let v = self.eval(&expr, &env);
                self.reads = saved_reads;
                self.src = saved;
                match v? {
                    Value::Obj(inner) if inner.id != r.id || !inner.path.is_empty() => {
                        self.materialize(&inner, sp.clone())?
                    }
                    Value::Obj(inner) => match &self.arena[inner.id] {
                        Entry::Static(m) => (**m).clone(),
                        _ => {
                            return Err(self.err(
                                "a tracker-driven object cannot be defined in terms of itself",
                                sp,
                            ))
                        }
                    },
                    other => {
                        return Err(self.err(
                            format!("expected an object, found {}", other.type_name()),
                            sp,
                        ))
                    }
                }
            }
        };
        let mut m = whole;
        for &k in r.path.iter() {
            m = m
                .children
                .get(k)
                .cloned()
                .ok_or_else(|| self.err("this part no longer exists", sp.clone()))?;
        }
        Ok(m)
    }

    /// Applies `f` to the object (or the addressed part). Groups apply it to each member.
    pub fn modify(&mut self, r: &ObjRef, sp: Span, f: &mut dyn FnMut(&mut Mobject)) -> R<()> {
        match &mut self.arena[r.id] {
            Entry::Static(m) => {
                let m = Arc::make_mut(m);
                let mut node = m;
                for &k in r.path.iter() {
                    node = &mut node.children[k];
                }
                f(node);
                Ok(())
            }
            Entry::Group(members) => {
                let members = members.clone();
                for m in members {
                    self.modify(&m, sp.clone(), f)?;
                }
                Ok(())
            }
            Entry::Dynamic { .. } => Err(self.err("this object follows a tracker and is rebuilt every frame: change it in its `let` definition instead", sp)),
        }
    }

    /// The objects (or parts) that `r` stands for on screen: groups flatten to their members.
    pub fn members(&self, r: &ObjRef) -> Vec<ObjRef> {
        match &self.arena[r.id] {
            Entry::Group(ms) if r.path.is_empty() => {
                ms.iter().flat_map(|m| self.members(m)).collect()
            }
            _ => vec![r.clone()],
        }
    }

    // ---- timeline --------------------------------------------------------------------
    //
    // What is on screen is a list of *slots*: whole objects or parts of them (Manim lets a
    // part of a formula be written on its own; the rest of the formula is then not shown).

    fn slot_for(&mut self, r: &ObjRef) -> usize {
        if let Some(i) = self.slots.iter().position(|s| s == r) {
            return i;
        }
        self.slots.push(r.clone());
        self.slots.len() - 1
    }

    /// The displayed slot that contains `r` (the slot of `r` itself or of an ancestor part).
    fn displayed_ancestor(&self, r: &ObjRef) -> Option<usize> {
        self.display.iter().copied().find(|&s| {
            let sr = &self.slots[s];
            sr.id == r.id && r.path.starts_with(&sr.path)
        })
    }

    /// Where an animation of `r` acts: inside the displayed slot that holds it, or on a new
    /// slot of its own (shown when the animation starts).
    fn target_for(&mut self, r: &ObjRef) -> Target {
        match self.displayed_ancestor(r) {
            Some(s) => {
                let depth = self.slots[s].path.len();
                Target {
                    slot: s,
                    path: r.path[depth..].to_vec(),
                }
            }
            None => Target::whole(self.slot_for(r)),
        }
    }

    /// Displayed slots that show parts of `r` (after `r` was split by removing a part of it).
    fn displayed_descendants(&self, r: &ObjRef) -> Vec<usize> {
        self.display
            .iter()
            .copied()
            .filter(|&s| {
                let sr = &self.slots[s];
                sr.id == r.id && sr.path.len() > r.path.len() && sr.path.starts_with(&r.path)
            })
            .collect()
    }

    /// Where animations of `r` act: one target, or — when `r` itself is not on screen but some
    /// of its parts are (it was split) — those parts, so what was removed stays removed.
    fn targets_for(&mut self, r: &ObjRef) -> Vec<Target> {
        if self.displayed_ancestor(r).is_none() {
            let parts = self.displayed_descendants(r);
            if !parts.is_empty() {
                return parts.into_iter().map(Target::whole).collect();
            }
        }
        vec![self.target_for(r)]
    }

    fn content(&self, slot: usize, snapshot: &Arc<Vec<Entry>>) -> Content {
        let r = self.slots[slot].clone();
        match &self.arena[r.id] {
            Entry::Static(m) if r.path.is_empty() => Content::Static(m.clone()),
            Entry::Static(m) => {
                let mut node: &Mobject = m;
                for &k in r.path.iter() {
                    match node.children.get(k) {
                        Some(c) => node = c,
                        None => return Content::Static(Arc::new(Mobject::default())),
                    }
                }
                Content::Static(Arc::new(node.clone()))
            }
            Entry::Group(_) => Content::Static(Arc::new(Mobject::default())),
            Entry::Dynamic { .. } => {
                let snap = snapshot.clone();
                let base = self.clone_light();
                let builder: Builder = Arc::new(move |vals: &[f64]| {
                    let mut it = base.clone();
                    it.arena = snap.as_ref().clone();
                    it.trackers = vals.to_vec();
                    it.materialize(&r, 0..0).map_err(|d| d.to_string())
                });
                Content::Dynamic(builder)
            }
        }
    }

    fn shown_now(&self) -> Vec<(usize, Content)> {
        let snapshot = Arc::new(self.arena.clone());
        self.display
            .iter()
            .map(|&s| (s, self.content(s, &snapshot)))
            .collect()
    }

    /// A copy without the recorded timeline (what a frame-time rebuild needs).
    fn clone_light(&self) -> Interp {
        Interp {
            src: self.src.clone(),
            arena: Vec::new(),
            trackers: Vec::new(),
            reads: None,
            frame_mode: true,
            display: Vec::new(),
            slots: Vec::new(),
            segments: Vec::new(),
            time: 0.0,
            camera: self.camera.clone(),
            background: None,
            depth: 0,
        }
    }

    pub fn push_segment(&mut self, duration: f64, anims: Vec<Anim>) {
        let shown = self.shown_now();
        self.segments.push(Segment {
            start: self.time,
            duration,
            shown,
            trackers: self.trackers.clone(),
            camera: self.camera.clone(),
            anims,
        });
        self.time += duration;
        // The camera keeps turning through the segment (ambient rotation).
        self.camera.theta += self.camera.theta_rate * duration;
    }

    /// Puts objects (or parts) on screen, after what is already there.
    pub fn show(&mut self, refs: &[ObjRef]) {
        for r in refs {
            if self.displayed_ancestor(r).is_some() {
                continue;
            }
            let slot = self.slot_for(r);
            self.show_slot(slot);
        }
    }

    fn show_slot(&mut self, slot: usize) {
        if self.display.contains(&slot) {
            return;
        }
        // A whole that covers parts already shown takes the place of the first of them.
        let r = self.slots[slot].clone();
        let covered: Vec<usize> = self
            .display
            .iter()
            .copied()
            .filter(|&s| self.slots[s].id == r.id && self.slots[s].path.starts_with(&r.path))
            .collect();
        match covered
            .first()
            .and_then(|c| self.display.iter().position(|s| s == c))
        {
            Some(pos) => {
                self.display.retain(|s| !covered.contains(s));
                self.display.insert(pos.min(self.display.len()), slot);
            }
            None => self.display.push(slot),
        }
    }

    /// Takes objects (or parts) off screen. Removing a part of a shown whole splits the whole
    /// into its remaining parts, as Manim's `remove` does.
    pub fn hide(&mut self, refs: &[ObjRef]) {
        for r in refs {
            // A split whole: take off the parts of it that are still shown.
            if self.displayed_ancestor(r).is_none() {
                let parts = self.displayed_descendants(r);
                self.display.retain(|s| !parts.contains(s));
            }
            while let Some(s) = self.displayed_ancestor(r) {
                let sr = self.slots[s].clone();
                let pos = self.display.iter().position(|&x| x == s).unwrap();
                self.display.remove(pos);
                if sr.path.len() >= r.path.len() {
                    break;
                }
                // Split: show the children of the removed whole in its place; the loop then
                // removes the child on the way to `r` (splitting further if needed).
                let n = self
                    .materialize(&sr, 0..0)
                    .map(|m| m.children.len())
                    .unwrap_or(0);
                for k in 0..n {
                    let mut p = sr.path.as_ref().clone();
                    p.push(k);
                    let slot = self.slot_for(&ObjRef {
                        id: sr.id,
                        path: Arc::new(p),
                    });
                    self.display.insert(pos + k, slot);
                }
            }
        }
    }

    pub fn timeline(&self, name: &str) -> Timeline {
        let mut segments = self.segments.clone();
        if segments.is_empty() {
            // A scene with no play/wait is one still frame.
            segments.push(Segment {
                start: 0.0,
                duration: 0.0,
                shown: self.shown_now(),
                trackers: self.trackers.clone(),
                camera: self.camera.clone(),
                anims: vec![],
            });
        }
        Timeline {
            name: name.to_string(),
            segments,
            background: self.background,
        }
    }

    /// Schedules `specs` (a `play`) into one segment and applies their end states.
    pub fn play(
        &mut self,
        specs: Vec<AnimSpec>,
        run_time: Option<f64>,
        rate: Option<Rate>,
        lag: f64,
        sp: Span,
    ) -> R<()> {
        if self.frame_mode {
            return Err(self.err("`play` cannot run inside a tracker-driven definition", sp));
        }
        let group = AnimSpec {
            kind: AnimSpecKind::Group(specs, lag),
            run_time,
            rate: None,
            lag_ratio: None,
            span: sp.clone(),
        };
        let mut anims = Vec::new();
        let total = self.natural(&group)?;
        let scale = match run_time {
            Some(t) if total > 0.0 => t / total,
            _ => 1.0,
        };
        let mut ends = Vec::new();
        self.schedule(&group, 0.0, scale, rate, &mut anims, &mut ends)?;
        let duration = total * scale;
        if !duration.is_finite() || duration < 0.0 {
            return Err(self.err("an animation's run_time must be a positive number", sp));
        }
        // Objects appear when their animation begins.
        for a in &anims {
            for t in &a.targets {
                self.show_slot(t.slot);
            }
        }
        self.push_segment(duration, anims);
        for e in ends {
            self.finish(e);
        }
        Ok(())
    }

    /// Natural length of an animation (before any run_time stretching).
    fn natural(&mut self, s: &AnimSpec) -> R<f64> {
        if let AnimSpecKind::Group(items, lag) = &s.kind {
            let mut start = 0.0f64;
            let mut end = 0.0f64;
            let mut prev = 0.0;
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    start += lag * prev;
                }
                let d = self.natural(it)?;
                end = end.max(start + d);
                prev = d;
            }
            return Ok(s.run_time.unwrap_or(end));
        }
        if let Some(t) = s.run_time {
            return Ok(t);
        }
        Ok(match &s.kind {
            AnimSpecKind::Write(ids) | AnimSpecKind::Unwrite(ids) => {
                let n = self.leaf_count(ids, s.span.clone())?;
                if n < 15 {
                    1.0
                } else {
                    2.0
                }
            }
            _ => 1.0,
        })
    }

    fn leaf_count(&mut self, refs: &[ObjRef], sp: Span) -> R<usize> {
        let mut n = 0;
        for r in refs {
            n += self.materialize(r, sp.clone())?.leaves().len();
        }
        Ok(n)
    }

    fn schedule(
        &mut self,
        s: &AnimSpec,
        start: f64,
        scale: f64,
        rate: Option<Rate>,
        out: &mut Vec<Anim>,
        ends: &mut Vec<AnimSpecKind>,
    ) -> R<()> {
        let rate = rate.or(s.rate);
        if let AnimSpecKind::Group(items, lag) = &s.kind {
            let natural: f64 = {
                let mut st = 0.0f64;
                let mut end = 0.0f64;
                let mut prev = 0.0;
                for (i, it) in items.iter().enumerate() {
                    if i > 0 {
                        st += lag * prev;
                    }
                    let d = self.natural(it)?;
                    end = end.max(st + d);
                    prev = d;
                }
                end
            };
            let inner = match s.run_time {
                Some(t) if natural > 0.0 => scale * t / natural,
                _ => scale,
            };
            let mut st = start;
            let mut prev = 0.0;
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    st += lag * prev * inner;
                }
                prev = self.natural(it)?;
                self.schedule(it, st, inner, rate, out, ends)?;
            }
            return Ok(());
        }
        let dur = self.natural(s)? * scale;
        // Targets resolve against what is on screen when the play starts.
        let targets_of = |it: &mut Self, refs: &[ObjRef]| -> Vec<Target> {
            refs.iter().flat_map(|r| it.targets_for(r)).collect()
        };
        let mk = |kind: AnimKind, targets: Vec<Target>, def_rate: Rate, lag: f64| Anim {
            kind,
            targets,
            start,
            duration: dur,
            rate: rate.unwrap_or(def_rate),
            lag_ratio: s.lag_ratio.unwrap_or(lag),
        };
        match &s.kind {
            AnimSpecKind::Create(ids) => out.push(mk(
                AnimKind::Create { reverse: false },
                targets_of(self, ids),
                Rate::Smooth,
                1.0,
            )),
            AnimSpecKind::Uncreate(ids) => out.push(mk(
                AnimKind::Create { reverse: true },
                targets_of(self, ids),
                Rate::Smooth,
                1.0,
            )),
            AnimSpecKind::Write(ids) | AnimSpecKind::Unwrite(ids) => {
                let n = self.leaf_count(ids, s.span.clone())?.max(1);
                let reverse = matches!(s.kind, AnimSpecKind::Unwrite(_));
                out.push(mk(
                    AnimKind::Write { reverse },
                    targets_of(self, ids),
                    Rate::Linear,
                    (4.0 / n as f64).min(0.2),
                ));
            }
            AnimSpecKind::FadeIn(ids, shift, k) => out.push(mk(
                AnimKind::Fade {
                    fade_in: true,
                    shift: *shift,
                    scale: *k,
                },
                targets_of(self, ids),
                Rate::Smooth,
                0.0,
            )),
            AnimSpecKind::FadeOut(ids, shift, k) => out.push(mk(
                AnimKind::Fade {
                    fade_in: false,
                    shift: *shift,
                    scale: *k,
                },
                targets_of(self, ids),
                Rate::Smooth,
                0.0,
            )),
            AnimSpecKind::Transform {
                obj,
                target,
                path_arc,
                spiral,
                ..
            } => out.push(mk(
                AnimKind::Transform {
                    target: target.clone(),
                    path_arc: *path_arc,
                    spiral: *spiral,
                },
                targets_of(self, std::slice::from_ref(obj)),
                Rate::Smooth,
                0.0,
            )),
            AnimSpecKind::MoveAlong(r, path) => out.push(mk(
                AnimKind::MoveAlong { path: path.clone() },
                targets_of(self, std::slice::from_ref(r)),
                Rate::Smooth,
                0.0,
            )),
            AnimSpecKind::Tracker(id, to) => {
                let from = self.trackers[*id];
                out.push(mk(
                    AnimKind::Tracker {
                        id: *id,
                        from,
                        to: *to,
                    },
                    vec![],
                    Rate::Smooth,
                    0.0,
                ))
            }
            AnimSpecKind::Camera(to) => out.push(mk(
                AnimKind::Camera {
                    from: self.camera.clone(),
                    to: to.clone(),
                },
                vec![],
                Rate::Smooth,
                0.0,
            )),
            AnimSpecKind::Effect { objs, effect, .. } => out.push(mk(
                AnimKind::Effect(effect.clone()),
                targets_of(self, objs),
                Rate::Smooth,
                0.0,
            )),
            AnimSpecKind::Wait => {}
            AnimSpecKind::Group(..) => unreachable!(),
        }
        let mut end = s.kind.clone();
        if let AnimSpecKind::Effect { end_rate, .. } = &mut end {
            *end_rate = rate;
        }
        ends.push(end);
        Ok(())
    }

    /// The state an animation leaves behind.
    fn finish(&mut self, k: AnimSpecKind) {
        match k {
            AnimSpecKind::Uncreate(refs)
            | AnimSpecKind::Unwrite(refs)
            | AnimSpecKind::FadeOut(refs, _, _) => self.hide(&refs),
            AnimSpecKind::Transform {
                obj,
                target,
                replace,
                ..
            } => match replace {
                Some(new) => {
                    // `new` takes the place of `obj` on screen.
                    let pos = self
                        .displayed_ancestor(&obj)
                        .and_then(|s| self.display.iter().position(|&x| x == s));
                    self.hide(std::slice::from_ref(&obj));
                    let slot = self.slot_for(&new);
                    self.display.retain(|&x| x != slot);
                    match pos {
                        Some(p) => self.display.insert(p.min(self.display.len()), slot),
                        None => self.display.push(slot),
                    }
                }
                None => {
                    let t = (*target).clone();
                    let _ = self.modify(&obj, 0..0, &mut |m| *m = t.clone());
                }
            },
            AnimSpecKind::MoveAlong(r, path) => {
                if let Some(end) = path.point_at_proportion(1.0) {
                    if let Ok(m) = self.materialize(&r, 0..0) {
                        let d = end - m.center();
                        let _ = self.modify(&r, 0..0, &mut |m| m.shift(d));
                    }
                }
            }
            AnimSpecKind::Tracker(id, to) => self.trackers[id] = to,
            AnimSpecKind::Camera(to) => self.camera = to,
            AnimSpecKind::Effect { .. } => super::stdlib::finish_effect(self, k),
            _ => {}
        }
    }
}

/// The closest name by edit distance, if it is a plausible typo.
pub fn suggest(name: &str, candidates: &[String]) -> Option<String> {
    let mut best: Option<(usize, &String)> = None;
    for c in candidates {
        let d = crate::tex::symbols::edit_distance(name, c);
        // One edit for short names; two (a swapped pair) from four letters on.
        let limit = if name.len() <= 3 {
            1
        } else {
            (name.len() / 3).clamp(2, 3)
        };
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c.clone())
}

pub fn _unused(_: Vec3) {}
