//! Runs a scene script once, building objects and recording the timeline. Objects live in an
//! arena; a `let` whose value read a tracker (or a live object), and any `always_redraw(…)`,
//! becomes a *dynamic* object: its expression is kept with its environment and re-evaluated for
//! every frame from the tracker values and the frame's state of the objects it read. Style
//! methods called on it later are recorded and run again after each rebuild.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::arena::Arena;
use super::syntax::ast::{Expr, FPart, Span, Stmt, StrMap};
use super::value::*;
use crate::diag::{Diagnostic, Source};
use crate::geom::Vec3;
use crate::scene::{Camera, Color, Mobject};
use crate::timeline::{Anim, AnimKind, Builder, Content, Rate, Segment, Target, Timeline};

pub type R<T> = Result<T, Diagnostic>;

#[derive(Clone)]
pub enum Entry {
    Static(Arc<Mobject>),
    /// Rebuilt per frame from its `let` expression (a tracker-driven definition, or
    /// `always_redraw(…)`), from the current state of the objects it reads.
    Dynamic {
        expr: Arc<Expr>,
        env: Env,
        src: Arc<Source>,
        /// Objects made before it that the definition read (their animated state is used).
        deps: Arc<Vec<usize>>,
        /// Where it is defined (for the caret of an error about its order).
        span: Span,
        /// Style changes made to it since (`label.set_color(RED)`), run again after every
        /// rebuild, in order.
        styles: Arc<Vec<Restyle>>,
    },
    Group(Vec<ObjRef>),
    /// `rotating(obj, rate:, about_point:)`: `base` turned by rate × (time − start).
    Rotating {
        base: ObjRef,
        rate: f64,
        about: Option<Vec3>,
        start: f64,
    },
    /// `traced_path(point)`: the path the point draws from `start` on.
    Traced {
        expr: Arc<Expr>,
        env: Env,
        src: Arc<Source>,
        start: f64,
        dissipating: Option<f64>,
        style: crate::scene::Style,
        /// The object traced, when the point is one (its animated centre is used).
        object: Option<ObjRef>,
    },
}

/// What an evaluation read: it is live when it read a tracker (the clock too) or a live object.
#[derive(Clone, Default)]
pub struct Reads {
    pub trackers: BTreeSet<usize>,
    /// Objects read (their ids): a live definition uses their current, animated state.
    pub objects: BTreeSet<usize>,
    /// Whether an object rebuilt every frame was read.
    pub live: bool,
}

impl Reads {
    pub fn is_live(&self) -> bool {
        !self.trackers.is_empty() || self.live
    }
}

/// Style methods called on a live object (`label.set_color(RED)`, or `.animate`d): run again
/// after every rebuild, on the part at `path`; `alpha` below 1 leaves the change part-way (an
/// animation whose rate function ended there).
#[derive(Clone)]
pub struct Restyle {
    pub path: Arc<Vec<usize>>,
    pub calls: Arc<Vec<(String, Vec<ArgVal>, Span)>>,
    pub src: Arc<Source>,
    pub alpha: f64,
}

impl Restyle {
    /// The whole change `calls` on the part `m` of a live object, in `src`.
    pub fn new(m: &ObjRef, calls: Vec<(String, Vec<ArgVal>, Span)>, src: Arc<Source>) -> Restyle {
        Restyle {
            path: m.path.clone(),
            calls: Arc::new(calls),
            src,
            alpha: 1.0,
        }
    }
}

/// The methods that may change a live object after its definition: they restyle it, and are
/// run again after each rebuild (Manim keeps a colour set on an object whose updater moves it).
pub const STYLE_METHODS: &[&str] = &[
    "set_color",
    "set_fill",
    "set_stroke",
    "set_opacity",
    "set_color_by_gradient",
    "set_z_index",
    "set_joint_type",
];

/// Interpreter state. At compile time it also records the timeline; when rebuilding a
/// dynamic object for a frame (`frame_mode`), timeline statements are refused.
#[derive(Clone)]
pub struct Interp {
    src: Arc<Source>,
    arena: Arena,
    trackers: Vec<f64>,
    reads: Option<Reads>,
    frame_mode: bool,
    /// Depth of definitions being evaluated (`let`, a comprehension's item, `always_redraw`):
    /// objects built inside one are rebuilt with it, not on their own.
    defining: u32,
    // Timeline being recorded.
    display: Vec<usize>,
    /// Slot → the object or part it shows.
    slots: Vec<ObjRef>,
    segments: Vec<Segment>,
    time: f64,
    camera: Camera,
    background: Option<Color>,
    /// Stack address where this evaluation began: recursion is bounded by the stack it uses.
    stack_base: usize,
    /// User functions being called, innermost last (to say which one recursed too deeply).
    calls: Vec<String>,
    limits: Limits,
    /// Evaluation steps taken so far.
    steps: u64,
    /// The folder the scene may read files from (see `lang::sandboxed`).
    root: Arc<std::path::PathBuf>,
    /// While a `play` is scheduled: where its animations so far leave objects.
    pending: Vec<(ObjRef, Arc<Mobject>)>,
    warnings: Vec<Diagnostic>,
    /// `section("name")` calls, in order, with the scene time they were made at.
    sections: Vec<crate::timeline::Section>,
    /// An `add`/`remove` that changed what is on screen since the last `play`/`wait`: if the
    /// scene ends there, no frame ever shows the change (warned about, never silent).
    unshown_change: Option<(Arc<Source>, Span)>,
    /// Where the name of the method being called is written (for "no method" errors).
    method_span: Option<Span>,
    /// While a live camera statement runs at frame time (it may change the camera).
    live_camera: bool,
    /// The tracker holding the scene time, once `time()` (or something using it) was called.
    clock: Option<usize>,
    /// Live camera behaviours from now on (`camera.follow(obj)`, illusion rotation).
    camera_live: Vec<CameraLive>,
    /// The camera kept by `camera.save_state()` for `camera.restore()`.
    saved_camera: Option<Camera>,
}

/// Why a live object's shape or place cannot be changed after its definition.
pub const LIVE_FIXED: &str = "this object follows a tracker (or other objects) and is rebuilt every frame: change its shape or place in its `let` definition instead (only style methods such as set_color, set_fill, set_stroke and set_opacity change it afterwards)";

/// Why a camera change is refused while an object is rebuilt from trackers.
pub const CAMERA_FROZEN: &str = "the camera cannot be changed inside a tracker-driven definition";

/// What a scene may ask for, checked before anything is allocated. A scene that legitimately
/// needs more raises a limit with `limits(duration: …, objects: …, ticks: …, items: …)`.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Seconds of video.
    pub duration: f64,
    /// Objects created (shapes, texts, groups…).
    pub objects: usize,
    /// Tick marks per axis.
    pub ticks: f64,
    /// Items in one range or list comprehension.
    pub items: f64,
    /// Full turns of one arc.
    pub turns: f64,
    /// Evaluation steps while compiling (nested loops can otherwise run for ever).
    pub steps: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            duration: 3600.0,
            objects: 100_000,
            ticks: 1000.0,
            items: 100_000.0,
            turns: 1000.0,
            steps: 200_000_000,
        }
    }
}

/// Stack an evaluation may use (below the 2 MiB of a worker thread, whatever the frame sizes).
pub const STACK_BUDGET: usize = 768 * 1024;

/// An address on the current stack (stacks grow downwards on every supported platform).
#[inline(always)]
pub fn stack_addr() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// The context API the standard library and the other parts of the language use: the
/// interpreter's state stays private to this module, and builtins ask for what they need
/// (read the limits, make a tracker, move the camera, show objects, report a warning, …).
impl Interp {
    /// Whether a tracker-driven definition is being rebuilt for a frame (statements that
    /// change the timeline are refused then).
    pub fn in_frame(&self) -> bool {
        self.frame_mode
    }
    /// An error at `sp` when called while a frame is being rebuilt.
    pub fn refuse_in_frame(&self, msg: &str, sp: Span) -> R<()> {
        if self.frame_mode {
            return Err(self.err(msg, sp));
        }
        Ok(())
    }
    /// The scene's safety limits.
    pub fn limits(&self) -> Limits {
        self.limits
    }
    pub fn set_limits(&mut self, l: Limits) {
        self.limits = l;
    }
    /// The scene time where the next statement records.
    pub fn now(&self) -> f64 {
        self.time
    }
    /// A new tracker holding `v`.
    pub fn new_tracker(&mut self, v: f64) -> Value {
        self.trackers.push(v);
        Value::Tracker(self.trackers.len() - 1)
    }
    pub fn set_background(&mut self, c: Color) {
        self.background = Some(c);
    }
    /// The camera as the statements so far leave it.
    pub fn camera(&self) -> &Camera {
        &self.camera
    }
    pub fn camera_mut(&mut self) -> &mut Camera {
        &mut self.camera
    }
    /// Sets the camera from a camera method; refused while a frame is rebuilt unless a live
    /// camera statement is running.
    pub fn set_camera(&mut self, cam: Camera, sp: Span) -> R<()> {
        if self.frame_mode && !self.live_camera {
            return Err(self.err(CAMERA_FROZEN, sp));
        }
        self.camera = cam;
        Ok(())
    }
    /// Keeps the camera as it is now (Manim's `self.camera.frame.save_state()`).
    pub fn save_camera(&mut self) {
        self.saved_camera = Some(self.camera.clone());
    }
    /// The camera kept by `save_camera`, if any.
    pub fn saved_camera(&self) -> Option<&Camera> {
        self.saved_camera.as_ref()
    }
    /// Live camera behaviours from now on (`follow`, the illusion rotation).
    pub fn camera_live_mut(&mut self) -> &mut Vec<CameraLive> {
        &mut self.camera_live
    }
    /// Starts a section named `name` now.
    pub fn add_section(&mut self, name: String) {
        let start = self.time;
        self.sections.push(crate::timeline::Section { name, start });
    }
    /// Shows (or hides) objects from now on, remembering a change no frame shows yet.
    pub fn show_or_hide(&mut self, ids: &[ObjRef], show: bool, sp: Span) {
        let before = self.display.clone();
        if show {
            self.show(ids);
        } else {
            self.hide(ids);
        }
        if self.display != before {
            self.unshown_change = Some((self.src.clone(), sp));
        }
    }
    /// `base` turning `rate` radians a second from now on (a live object reading the clock).
    pub fn new_rotating(&mut self, base: ObjRef, rate: f64, about: Option<Vec3>) -> Value {
        self.clock_id();
        let start = self.time;
        self.arena.push(Entry::Rotating {
            base,
            rate,
            about,
            start,
        });
        Value::Obj(ObjRef {
            id: self.arena.len() - 1,
            path: Arc::new(vec![]),
        })
    }
    /// The members of a group made with `group(…)` (not of a part), if `r` is one.
    pub fn group_members(&self, r: &ObjRef) -> Option<Vec<ObjRef>> {
        match &self.arena[r.id] {
            Entry::Group(ms) if r.path.is_empty() => Some(ms.clone()),
            _ => None,
        }
    }
    /// The source file being run.
    pub fn source(&self) -> &Arc<Source> {
        &self.src
    }
    /// Runs what follows as code of `src` (a `use`d file, a function defined there); returns
    /// the source to restore.
    pub fn swap_source(&mut self, src: Arc<Source>) -> Arc<Source> {
        std::mem::replace(&mut self.src, src)
    }
    /// The folder the scene may read files from.
    pub fn root(&self) -> &std::path::Path {
        &self.root
    }
    pub fn set_root(&mut self, root: std::path::PathBuf) {
        self.root = Arc::new(root);
    }
    /// The user functions being called, innermost last.
    pub fn calls_mut(&mut self) -> &mut Vec<String> {
        &mut self.calls
    }
    /// Where the name of the method being called is written, if known (for carets).
    pub fn method_span(&self) -> Option<Span> {
        self.method_span.clone()
    }
    /// A warning shown after a successful run.
    pub fn warn(&mut self, d: Diagnostic) {
        self.warnings.push(d);
    }
}

impl Interp {
    pub fn new(src: Arc<Source>) -> Interp {
        Interp {
            src,
            arena: Arena::default(),
            trackers: Vec::new(),
            reads: None,
            frame_mode: false,
            defining: 0,
            display: Vec::new(),
            slots: Vec::new(),
            segments: Vec::new(),
            time: 0.0,
            camera: Camera::default(),
            background: None,
            stack_base: stack_addr(),
            calls: Vec::new(),
            limits: Limits::default(),
            steps: 0,
            root: Arc::new(std::path::PathBuf::from(".")),
            pending: Vec::new(),
            warnings: Vec::new(),
            sections: Vec::new(),
            unshown_change: None,
            method_span: None,
            live_camera: false,
            clock: None,
            camera_live: Vec::new(),
            saved_camera: None,
        }
    }

    pub fn err(&self, msg: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic::new(msg, &self.src, span)
    }

    // ---- statements ------------------------------------------------------------------

    /// Runs top-level statements and goes on after one fails (rustc-style): its diagnostic
    /// joins `errors`, and the names it would have bound or changed join `failed`, so that a
    /// later statement reading one of them is skipped rather than reporting the same mistake
    /// again. Stops once `MAX_ERRORS` are found.
    pub fn exec_recovering(
        &mut self,
        stmts: &[Stmt],
        mut env: Env,
        errors: &mut Vec<Diagnostic>,
        failed: &mut BTreeSet<String>,
    ) -> Env {
        for s in stmts {
            if errors.len() >= MAX_ERRORS {
                break;
            }
            if !failed.is_empty() && stmt_reads(s, failed) {
                bound_names(s, failed);
                continue;
            }
            match self.exec(s, env.clone()) {
                Ok(e) => {
                    env = e;
                    // A name bound again is good again.
                    if let Stmt::Let(n, ..) | Stmt::Assign(n, ..) | Stmt::Fn(n, ..) = s {
                        failed.remove(n);
                    }
                }
                Err(d) => {
                    errors.push(d);
                    bound_names(s, failed);
                    // Leave no half-run state behind for the next statement.
                    self.pending.clear();
                    self.reads = None;
                    self.frame_mode = false;
                    self.live_camera = false;
                    self.calls.clear();
                    self.method_span = None;
                }
            }
        }
        env
    }

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
                let (v, reads, before) = self.defining_eval(e, &env);
                let v = self.make_live(v?, e, &env, &reads, before);
                // Only in the scene's own body: a `fn` that reads a tracker is re-run whole by the
                // live object that calls it.
                if reads.is_live()
                    && !self.frame_mode
                    && self.calls.is_empty()
                    && is_plain_value(&v)
                {
                    self.frozen_value_warning(name, e.span());
                }
                Ok(match s {
                    // Assignment changes the binding where it lives (loops and branches
                    // hand it back out, see `propagate`).
                    Stmt::Assign(..) => env.replaced(name, v),
                    _ => env.with(name, v),
                })
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
                let names = assigned_names(body);
                let mut env = env;
                for item in items {
                    let inner = self.exec_block(body, env.with(var, item))?;
                    env = propagate(&names, Some(var), env, &inner);
                }
                Ok(env)
            }
            Stmt::If(c, a, b) => {
                let cond = self.truthy(c, &env)?;
                let branch = if cond { a } else { b };
                let inner = self.exec_block(branch, env.clone())?;
                Ok(propagate(&assigned_names(branch), None, env, &inner))
            }
            Stmt::Expr(e) => {
                let (v, reads, _) = self.tracked_eval(e, &env);
                if matches!(v, Ok(Value::Anim(_) | Value::Animate(_))) && !self.frame_mode {
                    // An animation made and dropped: nothing would happen, silently.
                    let d = Diagnostic::warning(
                        "this animation is never played, so it does nothing",
                        &self.src,
                        e.span(),
                    )
                    .with_note("help: play it: `play(…)`, or put it in a `play` with others");
                    self.warnings.push(d);
                }
                v?;
                if let Expr::Call(f, _, sp) = e {
                    if let Expr::Field(recv, name, _) = f.as_ref() {
                        let camera = matches!(recv.as_ref(), Expr::Name(n, _) if n == "camera" && env.get("camera").is_none());
                        if camera && !self.frame_mode && name != "animate" {
                            // A camera statement replaces live ones of the same method; one
                            // that reads a tracker (or the clock) is itself live.
                            self.camera_live.retain(|l| {
                                !matches!(l, CameraLive::Statement { method, .. } if method == name)
                            });
                            if reads.is_live() {
                                self.camera_live.push(CameraLive::Statement {
                                    method: name.clone(),
                                    call: Arc::new(e.clone()),
                                    env: env.clone(),
                                    src: self.src.clone(),
                                });
                            }
                        } else if reads.is_live() && !self.frame_mode && name != "set_value" {
                            self.read_once_warning(recv, name, sp.clone());
                        }
                    }
                }
                Ok(env)
            }
        }
    }

    /// A `let` (or assignment) of a number, point or other plain value computed from a
    /// tracker: the value is the tracker's now, and objects built from the name later will not
    /// follow it, which is rarely what was meant.
    fn frozen_value_warning(&mut self, name: &str, sp: Span) {
        let d = Diagnostic::warning(
            format!("`{name}` takes the tracker's value now, once: objects built from `{name}` later will not follow the tracker"),
            &self.src,
            sp,
        )
        .with_note(format!(
            "help: to keep it live, write a function (`fn {name}() = …`, then `{name}()` where an object reads it), or use the tracker in the object's own `let`; to read it once on purpose, use `.get_value()`"
        ));
        self.warnings.push(d);
    }

    /// Reads a tracker's value without making the reader depend on it (`t.get_value()`).
    pub fn num_once(&mut self, v: &Value, sp: Span) -> R<f64> {
        let saved = self.reads.take();
        let r = self.num(v, sp);
        self.reads = saved;
        r
    }

    /// A statement that changes something once from a tracker's current value: it will not
    /// follow the tracker, which is rarely what was meant.
    fn read_once_warning(&mut self, recv: &Expr, name: &str, sp: Span) {
        let camera = matches!(recv, Expr::Name(n, _) if n == "camera");
        let help = if camera {
            "help: to move the camera with the tracker, write the camera statement with the tracker: it is then live"
        } else {
            "help: to follow the tracker, build the object with `let` from the tracker (it is then rebuilt every frame)"
        };
        let d = Diagnostic::warning(
            format!(
                "`.{name}(…)` reads a tracker's value once, here; it will not follow the tracker"
            ),
            &self.src,
            sp,
        )
        .with_note(help);
        self.warnings.push(d);
    }

    /// An object built in place that reads a tracker but holds objects made before it
    /// (`add(group(sq).shift(e * UP))`): rebuilt, it would show copies of them, so it is not
    /// rebuilt and reads the tracker once, which is rarely what was meant.
    fn held_members_warning(&mut self, sp: Span) {
        let d = Diagnostic::warning(
            "this object reads a tracker's value once, here: it holds objects made before it, so it is not rebuilt every frame",
            &self.src,
            sp,
        )
        .with_note("help: build the parts that follow the tracker from it in place (`group(sq, dot([e, 0, 0]))`), or move it with an animation");
        self.warnings.push(d);
    }

    /// Evaluates `e` recording which trackers and objects it reads (and where the arena stood
    /// before).
    fn tracked_eval(&mut self, e: &Expr, env: &Env) -> (R<Value>, Reads, usize) {
        let outer = self.reads.take();
        self.reads = Some(Reads::default());
        let before = self.arena.len();
        let v = self.eval(e, env);
        let reads = self.reads.take().unwrap_or_default();
        // Reads propagate outward (a let inside a dynamic expression).
        self.reads = outer.map(|mut o| {
            o.trackers.extend(reads.trackers.iter().copied());
            o.objects.extend(reads.objects.iter().copied());
            o.live |= reads.live;
            o
        });
        (v, reads, before)
    }

    /// Whether object `id` has as a member (a group's, a `rotating`'s base) an object made
    /// before arena length `before`: one that exists apart from it.
    fn holds_older(&self, id: usize, before: usize) -> bool {
        let refs: Vec<usize> = match &self.arena[id] {
            Entry::Group(members) => members.iter().map(|m| m.id).collect(),
            Entry::Rotating { base, .. } => vec![base.id],
            _ => Vec::new(),
        };
        refs.into_iter()
            .any(|i| i < before || (i != id && self.holds_older(i, before)))
    }

    /// `tracked_eval` of a definition: objects built inside it are not made live on their own.
    fn defining_eval(&mut self, e: &Expr, env: &Env) -> (R<Value>, Reads, usize) {
        self.defining += 1;
        let r = self.tracked_eval(e, env);
        self.defining -= 1;
        r
    }

    /// The one liveness rule: an object whose expression read a tracker is rebuilt from that
    /// expression every frame, wherever it is built (`let`, comprehension, `fn`, loop body,
    /// in place in a call).
    fn make_live(&mut self, v: Value, e: &Expr, env: &Env, reads: &Reads, before: usize) -> Value {
        match v {
            Value::Obj(r) if reads.is_live() && !self.frame_mode => {
                self.new_dynamic(r, e, env, reads, before)
            }
            other => other,
        }
    }

    /// Makes `r` (the value of `e`, evaluated with `reads` from arena length `before`) an
    /// object rebuilt from `e` every frame.
    fn new_dynamic(
        &mut self,
        r: ObjRef,
        e: &Expr,
        env: &Env,
        reads: &Reads,
        before: usize,
    ) -> Value {
        // Objects made by the expression itself are made again by every rebuild.
        let deps = reads
            .objects
            .iter()
            .copied()
            .filter(|&i| i < before)
            .collect();
        let dynamic = Entry::Dynamic {
            expr: Arc::new(e.clone()),
            env: env.clone(),
            src: self.src.clone(),
            deps: Arc::new(deps),
            span: e.span(),
            styles: Arc::new(Vec::new()),
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
        if self.stack_used() > STACK_BUDGET {
            return Err(self.too_deep(e.span()));
        }
        self.steps += 1;
        if self.steps > self.limits.steps {
            return Err(self
                .err(
                    format!(
                        "this scene takes more than {} evaluation steps to compile",
                        self.limits.steps
                    ),
                    e.span(),
                )
                .with_note("help: raise the limit with `limits(steps: …)` if you mean it"));
        }
        self.eval_inner(e, env)
    }

    pub fn stack_used(&self) -> usize {
        self.stack_base.saturating_sub(stack_addr())
    }

    /// The error for evaluation that went too deep, blaming a function only if one recursed.
    pub fn too_deep(&self, sp: Span) -> Diagnostic {
        let recursing = self
            .calls
            .iter()
            .enumerate()
            .find(|(i, n)| self.calls[i + 1..].contains(n))
            .map(|(_, n)| n.clone());
        match recursing {
            Some(f) => self.err(
                format!(
                    "`{f}` calls itself too deeply ({} nested calls): does it reach a case that stops?",
                    self.calls.iter().filter(|n| **n == f).count()
                ),
                sp,
            ),
            None => self.err("this is nested too deeply to evaluate", sp),
        }
    }

    fn eval_inner(&mut self, e: &Expr, env: &Env) -> R<Value> {
        Ok(match e {
            Expr::Num(v, _) => Value::Num(*v),
            Expr::Bool(b, _) => Value::Bool(*b),
            Expr::Str(s, _, _) => Value::Str(s.as_str().into()),
            Expr::Hex(h, sp) => Value::Color(
                Color::from_hex(h).ok_or_else(|| self.err("not a colour", sp.clone()))?,
            ),
            Expr::FStr(parts, _) => Value::Str(self.fstring(parts, env)?.0.into()),
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
            Expr::Binary(op, a, b, sp) if *op != "&&" && *op != "||" => {
                // A chain `a + b + c + …` nests to the left: walk it in a loop, not recursively.
                let mut spine = vec![(*op, b.as_ref(), sp)];
                let mut first = a.as_ref();
                while let Expr::Binary(op2, a2, b2, sp2) = first {
                    if *op2 == "&&" || *op2 == "||" {
                        break;
                    }
                    spine.push((*op2, b2.as_ref(), sp2));
                    first = a2.as_ref();
                }
                let mut l = self.eval(first, env)?;
                let mut ls = first.span();
                for (op, b, sp) in spine.into_iter().rev() {
                    let r = self.eval(b, env)?;
                    l = self.binary(op, l, r, ls, b.span(), sp.clone())?;
                    ls = sp.clone();
                }
                l
            }
            // `&&` and `||` (short-circuit).
            Expr::Binary(op, a, b, _) => {
                let l = self.truthy(a, env)?;
                if (*op == "&&" && !l) || (*op == "||" && l) {
                    return Ok(Value::Bool(l));
                }
                Value::Bool(self.truthy(b, env)?)
            }
            Expr::Range(a, b, _) => {
                let (x, y) = (self.eval(a, env)?, self.eval(b, env)?);
                let (x, y) = (self.num(&x, a.span())?, self.num(&y, b.span())?);
                for (v, s) in [(x, a.span()), (y, b.span())] {
                    if !v.is_finite() {
                        return Err(self.err(
                            format!("a range bound must be a finite number, found {v}"),
                            s,
                        ));
                    }
                }
                let (x, y) = (x.round(), y.round());
                // Checked in floating point before anything is allocated.
                if y - x > self.limits.items {
                    return Err(self
                        .err(
                            format!(
                                "this range has {} items, more than the limit of {}",
                                y - x,
                                self.limits.items
                            ),
                            e.span(),
                        )
                        .with_note("help: raise it with `limits(items: …)` if you mean it"));
                }
                let n = (y - x).max(0.0) as usize;
                Value::List(Arc::new((0..n).map(|i| Value::Num(x + i as f64)).collect()))
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
                    let env_i = env.with(var, item.clone());
                    let (v, reads, before) = self.defining_eval(body, &env_i);
                    out.push(self.make_live(v?, body, &env_i, &reads, before));
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
                if matches!(fv, Value::Builtin("always_redraw")) {
                    return self.always_redraw(args, sp.clone(), env);
                }
                let groups_anims = matches!(fv, Value::Builtin("succession" | "lagged" | "play"));
                for a in args {
                    // A string written in place keeps its map to the source (for carets).
                    let (value, str_map) = match &a.value {
                        // `traced_path(point, …)`: the point's expression is kept, to sample its past.
                        _ if matches!(fv, Value::Builtin("traced_path"))
                            && a.name.is_none()
                            && av.is_empty() =>
                        {
                            (Value::Str("".into()), None)
                        }
                        // `wait(t)` among animations is a pause of t seconds (Manim's Wait).
                        Expr::Call(w, wargs, wsp)
                            if groups_anims
                                && matches!(w.as_ref(), Expr::Name(n, _) if n == "wait" && env.get("wait").is_none()) =>
                        {
                            (self.wait_anim(wargs, wsp.clone(), env)?, None)
                        }
                        Expr::Str(s, map, _) => (Value::Str(s.as_str().into()), Some(map.clone())),
                        Expr::FStr(parts, _) => {
                            let (s, map) = self.fstring(parts, env)?;
                            (Value::Str(s.into()), Some(Arc::new(map)))
                        }
                        // An object built in place from a tracker is live as it would be
                        // under a `let` (`add(dot([e, 0, 0]))`, `play(create(…))`). Inside a
                        // definition the enclosing one is rebuilt whole instead. One that also
                        // reads named objects is left as it is: rebuilt, `group(sq, dot(e))`
                        // would show a copy of `sq`, not `sq`; its own tracker-built parts are
                        // live already, built in place in its call. (In `add(group(dot(e)))`
                        // the dot is made live and then the group, whose rebuilds make their
                        // own dots: the first one is left unused, never drawn or rebuilt.)
                        e if self.defining == 0 && !self.frame_mode => {
                            let (v, reads, before) = self.tracked_eval(e, env);
                            let v = v?;
                            let fresh =
                                matches!(&v, Value::Obj(r) if r.id >= before && r.path.is_empty());
                            let holds = fresh
                                && matches!(&v, Value::Obj(r) if self.holds_older(r.id, before));
                            let built_here = fresh && !holds;
                            if fresh && holds && reads.is_live() {
                                self.held_members_warning(e.span());
                            }
                            if built_here {
                                (self.make_live(v, e, env, &reads, before), None)
                            } else {
                                (v, None)
                            }
                        }
                        e => (self.eval(e, env)?, None),
                    };
                    av.push(ArgVal {
                        name: a.name.as_ref().map(|n| n.0.clone()),
                        name_span: a.name.as_ref().map(|n| n.1.clone()),
                        value,
                        span: a.value.span(),
                        str_map,
                    });
                }
                if matches!(fv, Value::Builtin("traced_path")) {
                    return self.traced_path(args, av, sp.clone(), env);
                }
                self.call(fv, av, sp.clone(), f.span())?
            }
        })
    }

    /// `traced_path(point, dissipating_time:, color:, stroke_width:)`: the path the point
    /// (an expression giving a point or an object) draws from now on.
    fn traced_path(
        &mut self,
        args: &[super::syntax::ast::Arg],
        av: Vec<ArgVal>,
        sp: Span,
        env: &Env,
    ) -> R<Value> {
        // Checked against the table entry's parameters, as any builtin.
        let c = super::stdlib::bind_function(self, "traced_path", av, sp.clone())?;
        let Some(point) = args.iter().find(|x| x.name.is_none()) else {
            return Err(self.err("`traced_path` needs the point to trace", sp));
        };
        let dissipating = c.opt_num("dissipating_time");
        if dissipating.is_some_and(|d| d <= 0.0) {
            return Err(c.err(
                self,
                "dissipating_time",
                "`dissipating_time` must be more than 0 seconds",
            ));
        }
        let (color, width) = (c.color("color"), c.num("stroke_width"));
        self.refuse_in_frame(
            "`traced_path` cannot be made inside a tracker-driven definition",
            sp,
        )?;
        let mut style = crate::scene::Style::stroked(color, width);
        style.fill_opacity = 0.0;
        // Whether the point is an object (then its animated centre is traced); looking does not
        // count as reading trackers, so the path itself does not become tracker-driven.
        let saved_reads = self.reads.take();
        let looked = self.eval(&point.value, env);
        self.reads = saved_reads;
        let object = match looked? {
            Value::Obj(r) => Some(r),
            _ => None,
        };
        self.arena.push(Entry::Traced {
            expr: Arc::new(point.value.clone()),
            env: env.clone(),
            src: self.src.clone(),
            start: self.time,
            dissipating,
            style,
            object,
        });
        Ok(Value::Obj(ObjRef {
            id: self.arena.len() - 1,
            path: Arc::new(vec![]),
        }))
    }

    /// `always_redraw(object)`: the object, written in place, rebuilt every frame from the
    /// state the frame shows of every object (and tracker) it reads (Manim's always_redraw and
    /// add_updater).
    fn always_redraw(&mut self, args: &[super::syntax::ast::Arg], sp: Span, env: &Env) -> R<Value> {
        let [a] = args else {
            return Err(self
                .err("`always_redraw` takes one object, written in place", sp)
                .with_note("help: for instance `always_redraw(dot().next_to(sq, RIGHT))`"));
        };
        if let Some((_, nsp)) = &a.name {
            return Err(self.err(
                "`always_redraw` takes the object without a name",
                nsp.clone(),
            ));
        }
        if self.frame_mode {
            // Inside a rebuild the object is simply made again.
            return self.eval(&a.value, env);
        }
        let (v, reads, before) = self.defining_eval(&a.value, env);
        match v? {
            Value::Obj(r) => Ok(self.new_dynamic(r, &a.value, env, &reads, before)),
            other => Err(self.err(
                format!(
                    "`always_redraw` needs an object, found {}",
                    other.type_name()
                ),
                a.value.span(),
            )),
        }
    }

    /// `wait(t)` written among the animations of `succession`, `lagged` or `play`.
    fn wait_anim(&mut self, args: &[super::syntax::ast::Arg], sp: Span, env: &Env) -> R<Value> {
        let mut av = Vec::new();
        for a in args {
            av.push(ArgVal {
                name: a.name.as_ref().map(|n| n.0.clone()),
                name_span: a.name.as_ref().map(|n| n.1.clone()),
                value: self.eval(&a.value, env)?,
                span: a.value.span(),
                str_map: None,
            });
        }
        let a = super::args::Args::new("wait", av, sp.clone());
        a.check(self, 1, &["duration"])?;
        let t = a.num(self, 0, "duration", 1.0)?;
        if t < 0.0 {
            return Err(self.err("`wait` needs a duration of 0 seconds or more", sp));
        }
        Ok(Value::Anim(Arc::new(AnimSpec {
            run_time: Some(t),
            ..AnimSpec::new(AnimSpecKind::Wait, sp)
        })))
    }

    /// An f-string's text, and where each byte of it comes from (holes map to their source).
    fn fstring(&mut self, parts: &[FPart], env: &Env) -> R<(String, StrMap)> {
        let mut s = String::new();
        let mut map = StrMap::default();
        for p in parts {
            match p {
                FPart::Lit(l, m) => {
                    s.push_str(l);
                    map.append(m);
                }
                FPart::Hole(h) => {
                    let v = self.eval(h, env)?;
                    let piece = self.display_value(&v, h.span())?;
                    map.push_whole(piece.len(), h.span());
                    s.push_str(&piece);
                }
            }
        }
        Ok((s, map))
    }

    fn lookup(&mut self, n: &str, sp: &Span, env: &Env) -> R<Value> {
        if let Some(v) = env.get(n) {
            return Ok(v.clone());
        }
        if let Some(v) = super::stdlib::constant(n) {
            return Ok(v);
        }
        let mut names = env.names();
        names.extend(super::stdlib::all_names().iter().map(|s| s.to_string()));
        let mut d = self.err(format!("unknown name `{n}`"), sp.clone());
        if let Some(h) = python_hint(n) {
            d = d.with_note(h);
        } else if let Some(h) = suggest(n, &names) {
            d = d.with_note(format!("help: did you mean `{h}`?"));
        } else if let Some(h) = suggest(&snake_case(n), &names) {
            d = d.with_note(format!(
                "help: valley's names are lowercase: did you mean `{h}`?"
            ));
        }
        Err(d)
    }

    /// Numeric value of `v`; reading a tracker records the dependency.
    pub fn num(&mut self, v: &Value, sp: Span) -> R<f64> {
        match v {
            Value::Num(x) => Ok(*x),
            Value::Tracker(id) => {
                if let Some(r) = &mut self.reads {
                    r.trackers.insert(*id);
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
            ("==" | "!=", _, _) => match self.equal(&l, &r) {
                Some(eq) => Bool(eq == (op == "==")),
                Option::None => {
                    return Err(self.err(
                        format!(
                            "`{op}` cannot compare {} with {} (only numbers, strings, booleans, points, colours and lists of them)",
                            l.type_name(),
                            r.type_name()
                        ),
                        sp,
                    ))
                }
            },
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

    /// `a == b` for plain data (lists element by element, as Python compares them); values of
    /// two different plain kinds are unequal; `None` when either cannot be compared at all (an
    /// object, a function, an animation), which is an error rather than a silent `false`.
    fn equal(&mut self, a: &Value, b: &Value) -> Option<bool> {
        let plain = |v: &Value| {
            matches!(
                v,
                Value::None
                    | Value::Num(_)
                    | Value::Tracker(_)
                    | Value::Bool(_)
                    | Value::Str(_)
                    | Value::List(_)
                    | Value::Vec(_)
                    | Value::Color(_)
            )
        };
        if !plain(a) || !plain(b) {
            return None;
        }
        Some(match (a, b) {
            (Value::None, Value::None) => true,
            (Value::Str(x), Value::Str(y)) => x == y,
            (Value::Bool(x), Value::Bool(y)) => x == y,
            (Value::Vec(x), Value::Vec(y)) => x == y,
            (Value::Color(x), Value::Color(y)) => x == y,
            (Value::List(x), Value::List(y)) => {
                if x.len() != y.len() {
                    return Some(false);
                }
                for (p, q) in x.iter().zip(y.iter()) {
                    if !self.equal(p, q)? {
                        return Some(false);
                    }
                }
                true
            }
            // A point next to a list of 2–3 numbers compares as points (as in arithmetic).
            (Value::Vec(p), Value::List(_)) | (Value::List(_), Value::Vec(p)) => {
                let other = if matches!(a, Value::Vec(_)) { b } else { a };
                match super::args::to_point(self, other, 0..0) {
                    Ok(q) => *p == q,
                    Err(_) => false,
                }
            }
            _ => match (self.num(a, 0..0), self.num(b, 0..0)) {
                (Ok(x), Ok(y)) => x == y,
                _ => false,
            },
        })
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
            // Lists print as written: `[1, 2, 3]`, strings inside quoted.
            Value::List(l) => {
                let mut parts = Vec::with_capacity(l.len());
                for x in l.iter() {
                    parts.push(match x {
                        Value::Str(s) => format!("{s:?}"),
                        _ => self.display_value(x, sp.clone())?,
                    });
                }
                format!("[{}]", parts.join(", "))
            }
            other => {
                return Err(self.err(
                    format!("cannot put {} into a string", other.type_name()),
                    sp,
                ))
            }
        })
    }

    fn index(&mut self, v: Value, i: f64, sp: Span) -> R<Value> {
        if !i.is_finite() {
            return Err(self.err(format!("an index must be a finite number, found {i}"), sp));
        }
        let idx = |n: usize| -> Option<usize> {
            let k = i.round() as i64;
            let k = if k < 0 { n as i64 + k } else { k };
            (k >= 0 && (k as usize) < n).then_some(k as usize)
        };
        match v {
            // Points index like [x, y, z].
            Value::Vec(p) => idx(3)
                .map(|k| Value::Num([p.x, p.y, p.z][k]))
                .ok_or_else(|| {
                    self.err(
                        format!("index {i} is out of range (a point has 3 coordinates)"),
                        sp,
                    )
                }),
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
        // Manim's attribute forms (`ax.x_axis`, `axis.numbers`) are the method's call.
        if let (Value::Obj(_), Some(m)) = (&v, super::stdlib::attribute_method(name)) {
            self.check_objects(sp.clone())?;
            return super::methods::call(self, v, m, vec![], sp);
        }
        match (&v, name) {
            (Value::Obj(r), "animate") => Ok(Value::Animate(Arc::new(Animate {
                target: AnimTarget::Obj(r.clone()),
                calls: vec![],
                timing: None,
            }))),
            (Value::Camera, "animate") => Ok(Value::Animate(Arc::new(Animate {
                target: AnimTarget::Camera,
                calls: vec![],
                timing: None,
            }))),
            (Value::Tracker(id), "animate") => Ok(Value::Animate(Arc::new(Animate {
                target: AnimTarget::Tracker(*id),
                calls: vec![],
                timing: None,
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
            Value::Builtin(name) => {
                self.check_objects(sp.clone())?;
                super::stdlib::call_builtin(self, name, args, sp)
            }
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
            Value::Method(recv, name) => {
                self.check_objects(sp.clone())?;
                let name_start = fsp.end.saturating_sub(name.len());
                self.method_span = Some(name_start..fsp.end);
                let r = super::methods::call(self, *recv, &name, args, sp);
                self.method_span = None;
                r
            }
            // `x.animate(run_time: 2, rate_func: …, delay: …)`: timing for this chain alone.
            Value::Animate(chain) if chain.calls.is_empty() => {
                let a = super::args::Args::new("animate", args, sp.clone());
                a.check(self, 0, super::stdlib::ANIM_ARGS)?;
                let (run_time, rate, lag_ratio) = a.timing(self)?;
                let delay = a.delay(self)?;
                let mut c = (*chain).clone();
                c.timing = Some(Arc::new(AnimSpec {
                    kind: AnimSpecKind::Wait,
                    run_time,
                    rate,
                    lag_ratio,
                    delay,
                    span: sp,
                }));
                Ok(Value::Animate(Arc::new(c)))
            }
            // Manim has `wiggle` both as a rate function and as an animation (Wiggle): the
            // name is the rate as a value and the animation when called.
            Value::Rate(r) if animation_named_like(&r).is_some() => {
                let name = animation_named_like(&r).unwrap_or_default();
                self.call(Value::Builtin(name), args, sp, fsp)
            }
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
        self.calls.push(uf.name.clone());
        let r = self.eval(&uf.body, &env);
        self.calls.pop();
        self.src = saved;
        r
    }

    // ---- objects ---------------------------------------------------------------------

    /// Refuses a new object past the limit (before building more).
    pub fn check_objects(&self, sp: Span) -> R<()> {
        if self.arena.len() > self.limits.objects {
            return Err(self
                .err(
                    format!(
                        "this scene creates more than {} objects",
                        self.limits.objects
                    ),
                    sp,
                )
                .with_note("help: raise the limit with `limits(objects: …)` if you mean it"));
        }
        Ok(())
    }

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
        if let Some(reads) = &mut self.reads {
            // A live definition reading this object follows its animations.
            reads.objects.insert(r.id);
        }
        let whole = match self.arena[r.id].clone() {
            Entry::Static(m) => (*m).clone(),
            Entry::Group(members) => {
                let mut kids = Vec::new();
                for m in members {
                    kids.push(self.materialize(&m, sp.clone())?);
                }
                Mobject::group(kids)
            }
            Entry::Dynamic {
                expr,
                env,
                src,
                styles,
                ..
            } => {
                if let Some(reads) = &mut self.reads {
                    // Depending on a live object makes live.
                    reads.live = true;
                }
                let saved = std::mem::replace(&mut self.src, src);
                let saved_reads = self.reads.take();
                let v = self.eval(&expr, &env);
                self.reads = saved_reads;
                self.src = saved;
                let built = match v? {
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
                };
                let saved_reads = self.reads.take();
                let m = self.restyled(built, &styles);
                self.reads = saved_reads;
                m?
            }
            Entry::Rotating {
                base,
                rate,
                about,
                start,
            } => {
                let clock = self.clock_id();
                let now = self.num(&Value::Tracker(clock), sp.clone())?;
                let mut m = self.materialize(&base, sp.clone())?;
                let about = about.unwrap_or_else(|| m.center());
                m.rotate(rate * (now - start), Vec3::OUT, Some(about));
                m
            }
            // Its shape needs the timeline's history; at compile time it is empty.
            Entry::Traced { .. } => Mobject::default(),
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

    /// `m` with the style changes recorded on a live object applied, in order.
    fn restyled(&mut self, mut m: Mobject, styles: &[Restyle]) -> R<Mobject> {
        for s in styles {
            m = self.restyle_once(&m, s, s.alpha)?;
        }
        Ok(m)
    }

    /// `m` with one recorded style change made to fraction `alpha`.
    pub fn restyle_once(&mut self, m: &Mobject, s: &Restyle, alpha: f64) -> R<Mobject> {
        let Value::Obj(tmp) = self.new_obj(m.clone()) else {
            unreachable!()
        };
        let part = ObjRef {
            id: tmp.id,
            path: s.path.clone(),
        };
        let saved = std::mem::replace(&mut self.src, s.src.clone());
        let mut r = Ok(());
        for (name, args, sp) in s.calls.iter() {
            if let Err(d) =
                super::methods::call_obj(self, part.clone(), name, args.clone(), sp.clone())
            {
                r = Err(d);
                break;
            }
        }
        self.src = saved;
        r?;
        let styled = self.materialize(&tmp, 0..0)?;
        if alpha >= 1.0 {
            return Ok(styled);
        }
        let mut out = m.clone();
        crate::timeline::effects::blend_styles(&mut out, &styled, alpha);
        Ok(out)
    }

    /// Whether `r` is an object rebuilt from its definition (whose style may still change).
    pub fn is_restylable(&self, r: &ObjRef) -> bool {
        matches!(self.arena[r.id], Entry::Dynamic { .. })
    }

    /// Records style changes on the live object `r` (or its part), checked by building it once.
    pub fn record_restyle(&mut self, r: &ObjRef, restyle: Restyle, sp: Span) -> R<()> {
        let alpha = restyle.alpha;
        let whole = ObjRef {
            id: r.id,
            path: Arc::new(vec![]),
        };
        let saved_reads = self.reads.take();
        let before = self.materialize(&whole, sp.clone());
        let checked = before.and_then(|m| self.restyle_once(&m, &restyle, alpha));
        self.reads = saved_reads;
        checked?;
        if let Entry::Dynamic { styles, .. } = &mut self.arena[r.id] {
            Arc::make_mut(styles).push(restyle);
        }
        Ok(())
    }

    /// The function a style animation of a live object runs at frame time: the object as the
    /// recorded change leaves it, fully made.
    pub fn restyle_fn(&mut self, restyle: Restyle) -> crate::timeline::effects::StyleFn {
        let snap = self.arena.snapshot();
        let base = self.clone_light();
        Arc::new(move |m: &Mobject| {
            let mut it = base.clone();
            it.stack_base = stack_addr();
            it.arena = snap.clone();
            it.restyle_once(m, &restyle, 1.0).map_err(|d| d.to_string())
        })
    }

    /// Applies `f` to the object (or the addressed part). Groups apply it to each member.
    pub fn modify(&mut self, r: &ObjRef, sp: Span, f: &mut dyn FnMut(&mut Mobject)) -> R<()> {
        match &mut self.arena[r.id] {
            Entry::Static(m) => {
                let m = Arc::make_mut(m);
                match crate::timeline::subtree_mut(m, &r.path) {
                    Some(node) => {
                        f(node);
                        Ok(())
                    }
                    None => Err(Diagnostic::new(
                        "this part no longer exists: the object was transformed into one with fewer parts since it was taken",
                        &self.src,
                        sp,
                    )),
                }
            }
            Entry::Group(members) => {
                let members = members.clone();
                for m in members {
                    self.modify(&m, sp.clone(), f)?;
                }
                Ok(())
            }
            Entry::Dynamic { .. } | Entry::Rotating { .. } | Entry::Traced { .. } => {
                Err(self.err(LIVE_FIXED, sp))
            }
        }
    }

    /// Whether `r` is a group (of objects, not a part of one).
    pub fn is_group(&self, r: &ObjRef) -> bool {
        r.path.is_empty() && matches!(self.arena[r.id], Entry::Group(_))
    }

    /// A group assembled from where the current `play` leaves each member.
    pub fn group_start_state(&mut self, r: &ObjRef, sp: Span) -> R<Mobject> {
        match &self.arena[r.id] {
            Entry::Group(ms) if r.path.is_empty() => {
                let ms = ms.clone();
                let mut kids = Vec::with_capacity(ms.len());
                for m in &ms {
                    kids.push(self.group_start_state(m, sp.clone())?);
                }
                Ok(Mobject::group(kids))
            }
            _ => self.start_state(r, sp),
        }
    }

    /// Pairs each member of group `r` with its part of `m` (built by `group_start_state`).
    pub fn split_by_members(&self, r: &ObjRef, m: Mobject, out: &mut Vec<(ObjRef, Mobject)>) {
        match &self.arena[r.id] {
            Entry::Group(ms) if r.path.is_empty() => {
                for (member, part) in ms.iter().zip(m.children) {
                    self.split_by_members(member, part, out);
                }
            }
            _ => out.push((r.clone(), m)),
        }
    }

    /// Whether `r` is rebuilt from trackers every frame.
    pub fn is_live(&self, r: &ObjRef) -> bool {
        matches!(
            self.arena[r.id],
            Entry::Dynamic { .. } | Entry::Rotating { .. } | Entry::Traced { .. }
        )
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

    fn content(&self, slot: usize, snapshot: &Arena) -> Content {
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
            Entry::Traced {
                expr,
                env,
                src,
                start,
                dissipating,
                style,
                object,
            } => Content::Traced(Arc::new(crate::timeline::Traced {
                point: self.point_fn(
                    PointSource::Expr(expr.clone(), env.clone(), src.clone()),
                    snapshot,
                ),
                object: object.as_ref().and_then(|r| self.shown_target(r)),
                start: *start,
                dissipating: *dissipating,
                style: style.clone(),
            })),
            Entry::Dynamic { .. } | Entry::Rotating { .. } => {
                let (ids, reads) = self.shown_reads(r.id);
                let cycle = match &self.arena[r.id] {
                    Entry::Dynamic { src, span, .. } => Diagnostic::new(
                        "this object follows itself through the objects it reads",
                        src,
                        span.clone(),
                    )
                    .to_string(),
                    _ => String::new(),
                };
                let snap = snapshot.clone();
                let base = self.clone_light();
                let build: Builder = Arc::new(move |vals: &[f64], states: &[Option<&Mobject>]| {
                    let mut it = base.clone();
                    it.stack_base = stack_addr();
                    it.arena = snap.clone();
                    it.trackers = vals.to_vec();
                    // What it reads, as the frame shows it (animations applied).
                    for ((id, path), m) in ids.iter().zip(states) {
                        let Some(m) = m else { continue };
                        if path.is_empty() {
                            it.arena[*id] = Entry::Static(Arc::new((*m).clone()));
                        } else if let Entry::Static(whole) = &mut it.arena[*id] {
                            if let Some(node) =
                                crate::timeline::subtree_mut(Arc::make_mut(whole), path)
                            {
                                *node = (*m).clone();
                            }
                        }
                    }
                    it.materialize(&r, 0..0).map_err(|d| d.to_string())
                });
                Content::Dynamic(crate::timeline::Live {
                    build,
                    reads,
                    cycle: cycle.into(),
                })
            }
        }
    }

    /// The objects on screen that the live object `id` reads, directly or through the objects
    /// it reads that are not on screen: their ids and parts shown, and where they are shown.
    fn shown_reads(&self, id: usize) -> (Vec<ShownPart>, Vec<Target>) {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<usize> = match &self.arena[id] {
            Entry::Dynamic { deps, .. } => deps.as_ref().clone(),
            _ => Vec::new(),
        };
        let (mut ids, mut targets) = (Vec::new(), Vec::new());
        while let Some(d) = todo.pop() {
            if d == id || !seen.insert(d) {
                continue;
            }
            match &self.arena[d] {
                Entry::Group(ms) => todo.extend(ms.iter().map(|m| m.id)),
                // A traced path is drawn from the past of what it traces, not read.
                Entry::Traced { .. } => {}
                entry => {
                    // Shown whole, or as parts (`add(z[1])`).
                    let shown: Vec<usize> = self
                        .display
                        .iter()
                        .copied()
                        .filter(|&s| self.slots[s].id == d)
                        .collect();
                    for &s in &shown {
                        ids.push((d, self.slots[s].path.clone()));
                        targets.push(Target::whole(s));
                    }
                    // Not on screen: rebuilt from its own definition, which may read objects
                    // that are.
                    if shown.is_empty() {
                        if let Entry::Dynamic { deps, .. } = entry {
                            todo.extend(deps.iter().copied());
                        }
                    }
                }
            }
        }
        (ids, targets)
    }

    /// A point computed at frame time from tracker values: an expression's value (a point, or
    /// an object's centre) or an object's centre.
    fn point_fn(&self, what: PointSource, snapshot: &Arena) -> crate::timeline::PointFn {
        let snap = snapshot.clone();
        let base = self.clone_light();
        Arc::new(move |vals: &[f64]| {
            let mut it = base.clone();
            it.stack_base = stack_addr();
            it.arena = snap.clone();
            it.trackers = vals.to_vec();
            let v = match &what {
                PointSource::Expr(e, env, src) => {
                    it.src = src.clone();
                    it.eval(e, env).map_err(|d| d.to_string())?
                }
                PointSource::Obj(r) => Value::Obj(r.clone()),
            };
            let sp = match &what {
                PointSource::Expr(e, ..) => e.span(),
                PointSource::Obj(_) => 0..0,
            };
            super::args::to_point(&mut it, &v, sp).map_err(|d| d.to_string())
        })
    }

    /// Where `r` is on screen now (its displayed slot and the path inside it), if it is.
    fn shown_target(&self, r: &ObjRef) -> Option<Target> {
        let s = self.displayed_ancestor(r)?;
        let depth = self.slots[s].path.len();
        Some(Target {
            slot: s,
            path: r.path[depth..].to_vec(),
        })
    }

    /// The live camera behaviours as frame-time functions.
    fn camera_updates(&mut self) -> Vec<crate::timeline::Follow> {
        let mut out = Vec::new();
        for l in &self.camera_live.clone() {
            let object = match l {
                CameraLive::Follow(r) => self.shown_target(r),
                _ => None,
            };
            let f: crate::timeline::CameraUpdate = match l.clone() {
                CameraLive::Follow(r) => {
                    let snapshot = self.arena.snapshot();
                    let p = self.point_fn(PointSource::Obj(r), &snapshot);
                    Arc::new(move |vals: &[f64], cam: &mut Camera| {
                        cam.center = p(vals)?;
                        Ok(())
                    })
                }
                CameraLive::Statement { call, env, src, .. } => {
                    let snap = self.arena.snapshot();
                    let base = self.clone_light();
                    Arc::new(move |vals: &[f64], cam: &mut Camera| {
                        let mut it = base.clone();
                        it.stack_base = stack_addr();
                        it.arena = snap.clone();
                        it.trackers = vals.to_vec();
                        it.src = src.clone();
                        it.camera = cam.clone();
                        it.live_camera = true;
                        it.eval(&call, &env).map_err(|d| d.to_string())?;
                        *cam = it.camera;
                        Ok(())
                    })
                }
                CameraLive::Illusion {
                    rate,
                    theta,
                    phi,
                    start,
                    clock,
                } => Arc::new(move |vals: &[f64], cam: &mut Camera| {
                    let tau = vals.get(clock).copied().unwrap_or(start) - start;
                    cam.theta = theta + 0.2 * (rate * tau).sin();
                    cam.phi = phi + 0.1 * (rate * tau).cos() - 0.1;
                    Ok(())
                }),
            };
            out.push(crate::timeline::Follow(f, object));
        }
        out
    }

    /// The tracker holding the scene time (made on first use).
    pub fn clock_id(&mut self) -> usize {
        match self.clock {
            Some(c) => c,
            None => {
                self.trackers.push(self.time);
                let c = self.trackers.len() - 1;
                self.clock = Some(c);
                c
            }
        }
    }

    fn shown_now(&mut self) -> Vec<(usize, Content)> {
        let snapshot = self.arena.snapshot();
        self.display
            .iter()
            .map(|&s| (s, self.content(s, &snapshot)))
            .collect()
    }

    /// A copy without the recorded timeline (what a frame-time rebuild needs).
    fn clone_light(&self) -> Interp {
        Interp {
            src: self.src.clone(),
            arena: Arena::default(),
            trackers: Vec::new(),
            reads: None,
            frame_mode: true,
            defining: 0,
            display: Vec::new(),
            slots: Vec::new(),
            segments: Vec::new(),
            time: 0.0,
            camera: self.camera.clone(),
            background: None,
            stack_base: stack_addr(),
            calls: Vec::new(),
            limits: self.limits,
            steps: 0,
            root: self.root.clone(),
            pending: Vec::new(),
            warnings: Vec::new(),
            sections: Vec::new(),
            unshown_change: None,
            method_span: None,
            live_camera: false,
            clock: self.clock,
            camera_live: Vec::new(),
            saved_camera: None,
        }
    }

    /// Refuses a segment that would make the scene longer than its limit.
    pub fn check_duration(&self, duration: f64, sp: Span) -> R<()> {
        let end = self.time + duration;
        if end.is_nan() || end > self.limits.duration {
            return Err(self
                .err(
                    format!(
                        "this makes the scene {} s long, more than the limit of {} s",
                        self.time + duration,
                        self.limits.duration
                    ),
                    sp,
                )
                .with_note("help: raise the limit with `limits(duration: …)` if you mean it"));
        }
        Ok(())
    }

    pub fn push_segment(&mut self, duration: f64, anims: Vec<Anim>) {
        self.unshown_change = None;
        let shown = self.shown_now();
        let follow = self.camera_updates();
        self.segments.push(Segment {
            start: self.time,
            duration,
            shown,
            trackers: self.trackers.clone(),
            camera: self.camera.clone(),
            anims,
            follow,
            order: Default::default(),
        });
        self.time += duration;
        if let Some(c) = self.clock {
            self.trackers[c] = self.time;
        }
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

    /// Warns when the scene ends on an `add`/`remove` that no frame shows (Manim shows it only in
    /// the saved last frame; valley's last frame is the state when the last animation ends).
    fn unshown_warning(&self) -> Option<Diagnostic> {
        let (src, sp) = self.unshown_change.clone()?;
        if self.segments.is_empty() {
            return None; // a scene without play/wait is one still frame showing everything
        }
        Some(
            Diagnostic::warning(
                "this changes what is on screen after the last `play`/`wait`: no frame shows it",
                &src,
                sp,
            )
            .with_note("help: add `wait()` after it to show it"),
        )
    }

    pub fn timeline(&mut self, name: &str) -> Timeline {
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
                follow: self.camera_updates(),
                order: Default::default(),
            });
        }
        Timeline {
            name: name.to_string(),
            segments,
            background: self.background,
            sections: self.sections.clone(),
            warnings: self
                .warnings
                .iter()
                .chain(self.unshown_warning().as_ref())
                .map(|w| w.to_string())
                .collect(),
            clock: self.clock,
            transparent: false,
        }
    }

    /// Schedules `specs` (a `play`) into one segment and applies their end states.
    /// As in Manim, `run_time` is the length of each animation of the play that does not set
    /// its own (a `succession` given it is stretched to fit); `rate` applies to every one.
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
        let specs = specs
            .into_iter()
            .map(|mut s| {
                if s.run_time.is_none() {
                    s.run_time = run_time;
                }
                s
            })
            .collect();
        let group = AnimSpec::new(AnimSpecKind::Group(specs, lag), sp.clone());
        let duration = self.natural(&group)?;
        if !duration.is_finite() || duration < 0.0 {
            return Err(self.err("an animation's run_time must be a positive number", sp));
        }
        self.check_duration(duration, sp.clone())?;
        // Scheduling runs each animation's end state into trackers, camera and `pending`, so
        // the next one in a succession starts where it ends; the segment starts from the saved.
        let (trackers, camera) = (self.trackers.clone(), self.camera.clone());
        let mut anims = Vec::new();
        let mut ends = Vec::new();
        let r = self.schedule(&group, 0.0, 1.0, rate, &mut anims, &mut ends);
        self.pending.clear();
        self.trackers = trackers;
        self.camera = camera;
        r?;
        // Objects appear when their animation begins.
        for a in &anims {
            for t in &a.targets {
                self.show_slot(t.slot);
            }
        }
        self.push_segment(duration, anims);
        for (e, rate) in ends {
            self.finish(e, &rate);
        }
        Ok(())
    }

    /// Natural length of an animation (before any run_time stretching), its delay included.
    fn natural(&mut self, s: &AnimSpec) -> R<f64> {
        Ok(s.delay + self.natural_body(s)?)
    }

    fn natural_body(&mut self, s: &AnimSpec) -> R<f64> {
        if let AnimSpecKind::Group(items, lag) = &s.kind {
            if let Some(t) = s.run_time {
                return Ok(t);
            }
            return self.group_length(items, *lag);
        }
        if let Some(t) = s.run_time {
            return Ok(t);
        }
        Ok(match &s.kind {
            AnimSpecKind::Effect { natural, .. } => *natural,
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

    /// Length of items started `lag` × (previous item's length) after one another.
    fn group_length(&mut self, items: &[AnimSpec], lag: f64) -> R<f64> {
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
        Ok(end)
    }

    fn leaf_count(&mut self, refs: &[ObjRef], sp: Span) -> R<usize> {
        let mut n = 0;
        for r in refs {
            n += self.materialize(r, sp.clone())?.leaf_count();
        }
        Ok(n)
    }

    /// The state an `.animate` chain on `r` starts from: where an earlier animation of the same
    /// `play` leaves it, else its current state.
    pub fn start_state(&mut self, r: &ObjRef, sp: Span) -> R<Mobject> {
        match self.pending.iter().rev().find(|(p, _)| p == r) {
            Some((_, m)) => Ok((**m).clone()),
            None => self.materialize(r, sp),
        }
    }

    fn schedule(
        &mut self,
        s: &AnimSpec,
        start: f64,
        scale: f64,
        rate: Option<Rate>,
        out: &mut Vec<Anim>,
        ends: &mut Vec<(AnimSpecKind, Rate)>,
    ) -> R<()> {
        if let AnimSpecKind::Animate(chain) = &s.kind {
            let mut resolved = super::methods::animate_to_spec(self, chain, s.span.clone())?;
            resolved.run_time = s.run_time;
            resolved.rate = s.rate.clone();
            resolved.lag_ratio = s.lag_ratio;
            resolved.delay = s.delay;
            return self.schedule(&resolved, start, scale, rate, out, ends);
        }
        let start = start + s.delay * scale;
        let rate = rate.or(s.rate.clone());
        if let AnimSpecKind::Group(items, lag) = &s.kind {
            let natural = self.group_length(items, *lag)?;
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
                self.schedule(it, st, inner, rate.clone(), out, ends)?;
            }
            return Ok(());
        }
        let dur = self.natural_body(s)? * scale;
        // Targets resolve against what is on screen when the play starts.
        let targets_of = |it: &mut Self, refs: &[ObjRef]| -> Vec<Target> {
            refs.iter().flat_map(|r| it.targets_for(r)).collect()
        };
        let def_rate = match s.kind {
            AnimSpecKind::Write(_) | AnimSpecKind::Unwrite(_) => Rate::Linear,
            _ => Rate::Smooth,
        };
        let eff = rate.unwrap_or(def_rate);
        let r1 = eff.apply(1.0);
        let mk = |kind: AnimKind, targets: Vec<Target>, lag: f64| Anim {
            kind,
            targets,
            start,
            duration: dur,
            rate: eff.clone(),
            lag_ratio: s.lag_ratio.unwrap_or(lag),
        };
        match &s.kind {
            AnimSpecKind::Create(ids) => out.push(mk(
                AnimKind::Create { reverse: false },
                targets_of(self, ids),
                1.0,
            )),
            AnimSpecKind::Uncreate(ids) => out.push(mk(
                AnimKind::Create { reverse: true },
                targets_of(self, ids),
                1.0,
            )),
            AnimSpecKind::Write(ids) | AnimSpecKind::Unwrite(ids) => {
                let n = self.leaf_count(ids, s.span.clone())?.max(1);
                let reverse = matches!(s.kind, AnimSpecKind::Unwrite(_));
                out.push(mk(
                    AnimKind::Write { reverse },
                    targets_of(self, ids),
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
                0.0,
            )),
            AnimSpecKind::FadeOut(ids, shift, k) => out.push(mk(
                AnimKind::Fade {
                    fade_in: false,
                    shift: *shift,
                    scale: *k,
                },
                targets_of(self, ids),
                0.0,
            )),
            AnimSpecKind::Transform {
                obj,
                target,
                path_arc,
                spiral,
                replace,
            } => {
                out.push(mk(
                    AnimKind::Transform {
                        target: target.clone(),
                        path_arc: *path_arc,
                        spiral: *spiral,
                    },
                    targets_of(self, std::slice::from_ref(obj)),
                    0.0,
                ));
                if replace.is_none() {
                    let from = self.start_state(obj, s.span.clone())?;
                    let end = end_state(&from, target, r1);
                    self.pending.push((obj.clone(), Arc::new(end)));
                }
            }
            AnimSpecKind::MoveAlong(r, path) => out.push(mk(
                AnimKind::MoveAlong { path: path.clone() },
                targets_of(self, std::slice::from_ref(r)),
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
                    0.0,
                ));
                self.trackers[*id] = from + (to - from) * r1;
            }
            AnimSpecKind::Camera(to) => {
                let from = self.camera.clone();
                out.push(mk(
                    AnimKind::Camera {
                        from: from.clone(),
                        to: to.clone(),
                    },
                    vec![],
                    0.0,
                ));
                self.camera = from.lerp(to, r1);
            }
            AnimSpecKind::Effect { objs, effect, .. } => out.push(mk(
                AnimKind::Effect(effect.clone()),
                targets_of(self, objs),
                0.0,
            )),
            AnimSpecKind::Restyle { obj, restyle } => {
                // Checked now, on the object as it is, so a mistake has its caret.
                let whole = ObjRef {
                    id: obj.id,
                    path: Arc::new(vec![]),
                };
                let m = self.materialize(&whole, s.span.clone())?;
                self.restyle_once(&m, restyle, 1.0)?;
                let effect = crate::timeline::effects::Restyle {
                    styled: self.restyle_fn(restyle.clone()),
                };
                out.push(mk(
                    AnimKind::Effect(Arc::new(effect)),
                    targets_of(self, std::slice::from_ref(&whole)),
                    0.0,
                ))
            }
            AnimSpecKind::Wait => {}
            AnimSpecKind::Group(..) | AnimSpecKind::Animate(_) => unreachable!(),
        }
        let mut end = s.kind.clone();
        if let AnimSpecKind::Effect { end_rate, .. } = &mut end {
            *end_rate = Some(eff.clone());
        }
        ends.push((end, eff));
        Ok(())
    }

    /// The state an animation leaves behind: where its rate function ends (a `there_and_back`
    /// ends where it started).
    fn finish(&mut self, k: AnimSpecKind, rate: &Rate) {
        let r1 = rate.apply(1.0);
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
                    let _ = self.modify(&obj, 0..0, &mut |m| *m = end_state(m, &target, r1));
                }
            },
            AnimSpecKind::MoveAlong(r, path) => {
                if let Some(end) = path.point_at_proportion(r1.clamp(0.0, 1.0)) {
                    if let Ok(m) = self.materialize(&r, 0..0) {
                        let d = end - m.center();
                        let _ = self.modify(&r, 0..0, &mut |m| m.shift(d));
                    }
                }
            }
            AnimSpecKind::Tracker(id, to) => {
                let from = self.trackers[id];
                self.trackers[id] = from + (to - from) * r1;
            }
            AnimSpecKind::Camera(to) => self.camera = self.camera.lerp(&to, r1),
            AnimSpecKind::Effect { .. } => super::stdlib::finish_effect(self, k),
            // The change stays, as far as the rate function left it, after every rebuild.
            AnimSpecKind::Restyle { obj, mut restyle } if r1.abs() > 1e-9 => {
                restyle.alpha = r1;
                let _ = self.record_restyle(&obj, restyle, 0..0);
            }
            _ => {}
        }
    }
}

/// Where a transform from `from` to `target` ends when its rate function ends at `r1`.
fn end_state(from: &Mobject, target: &Mobject, r1: f64) -> Mobject {
    if (r1 - 1.0).abs() < 1e-9 {
        target.clone()
    } else if r1.abs() < 1e-9 {
        from.clone()
    } else {
        crate::timeline::interpolate(from, target, r1, 0.0, false)
    }
}

/// A camera behaviour over time.
#[derive(Clone)]
pub enum CameraLive {
    /// Keep this object's centre in the middle of the frame.
    Follow(ObjRef),
    /// A camera statement that reads trackers (`camera.move_to(ax.c2p(t, f(t)))`): run again
    /// for every frame from the tracker values, like any tracker-driven definition.
    Statement {
        method: String,
        call: Arc<Expr>,
        env: Env,
        src: Arc<Source>,
    },
    /// Manim's begin_3dillusion_camera_rotation: θ = θ₀ + 0.2·sin(rate·τ),
    /// φ = φ₀ + 0.1·cos(rate·τ) − 0.1, τ the time since it began.
    Illusion {
        rate: f64,
        theta: f64,
        phi: f64,
        start: f64,
        clock: usize,
    },
}

/// An object read by a live one, as shown on screen: its id and the part shown (empty: whole).
type ShownPart = (usize, Arc<Vec<usize>>);

/// What a frame-time point is computed from.
enum PointSource {
    Expr(Arc<Expr>, Env, Arc<Source>),
    Obj(ObjRef),
}

/// Names a block assigns (`x = …`) that belong to an enclosing scope: not declared by a `let`
/// at the block's own level, nor a nested loop's variable.
pub fn assigned_names(stmts: &[Stmt]) -> Vec<String> {
    let mut lets = Vec::new();
    let mut out: Vec<String> = Vec::new();
    let add = |n: &String, lets: &Vec<String>, out: &mut Vec<String>| {
        if !lets.contains(n) && !out.contains(n) {
            out.push(n.clone());
        }
    };
    for s in stmts {
        match s {
            Stmt::Let(n, _, _) | Stmt::Fn(n, _, _, _) => lets.push(n.clone()),
            Stmt::Assign(n, _, _) => add(n, &lets, &mut out),
            Stmt::For(var, _, _, body) => {
                for n in assigned_names(body) {
                    if n != *var {
                        add(&n, &lets, &mut out);
                    }
                }
            }
            Stmt::If(_, a, b) => {
                for n in assigned_names(a).into_iter().chain(assigned_names(b)) {
                    add(&n, &lets, &mut out);
                }
            }
            Stmt::Expr(_) => {}
        }
    }
    out
}

/// Hands the values of `names` assigned inside a block (`inner`) back to the enclosing `env`.
fn propagate(names: &[String], loop_var: Option<&str>, env: Env, inner: &Env) -> Env {
    let mut env = env;
    for n in names {
        if Some(n.as_str()) == loop_var || env.get(n).is_none() {
            continue;
        }
        if let Some(v) = inner.get(n) {
            env = env.replaced(n, v.clone());
        }
    }
    env
}

/// Hints for habits from Manim's Python that have a different valley form.
fn python_hint(n: &str) -> Option<String> {
    let to = |v: &str| Some(format!("help: valley writes this `{v}`"));
    match n {
        "self" => Some("help: there is no `self` in scenes: write `play(…)`, `add(…)`, `wait(…)` directly".into()),
        "np" | "numpy" | "math" => Some("help: the maths is built in: write `sin(x)`, `sqrt(x)`, `PI`, … without a module prefix".into()),
        "lambda" | "def" => Some("help: define a function with `fn name(x) = …`".into()),
        "None" => Some("help: there is no None; leave the argument out".into()),
        "True" | "False" => Some(format!("help: booleans are lowercase: `{}`", n.to_lowercase())),
        "ValueTracker" => to("tracker(v)"),
        "MathTex" | "Tex" => to("tex(\"…\")"),
        "VGroup" | "Group" => to("group(…)"),
        "LaggedStart" => to("lagged(…)"),
        "ReplacementTransform" => to("replace(a, b)"),
        "MoveAlongPath" => to("move_along(obj, path)"),
        "Wait" => to("wait(t)"),
                "add_updater" => Some("help: no updaters: write the object as `always_redraw(…)` (it then follows what it reads), or define it from a tracker or from `time()` (see \"Coming from Manim\" in the docs)".into()),
        _ => None,
    }
}

/// `FadeIn` → `fade_in` (Manim's class names as valley's function names).
fn snake_case(n: &str) -> String {
    let mut s = String::new();
    for (i, c) in n.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                s.push('_');
            }
            s.extend(c.to_lowercase());
        } else {
            s.push(c);
        }
    }
    s
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

/// The stdlib function that shares a rate function's name (`wiggle`), if any.
fn animation_named_like(r: &Rate) -> Option<&'static str> {
    let (name, _) = Rate::ALL.iter().find(|(_, x)| x == r)?;
    super::stdlib::function(name).map(|e| e.name)
}

/// The most errors one run reports (as the parser).
pub const MAX_ERRORS: usize = 50;

/// Whether statement `s` reads any of `names` (shadowing ignored: at worst a statement is
/// skipped that would have run, and the run fails anyway).
fn stmt_reads(s: &Stmt, names: &BTreeSet<String>) -> bool {
    match s {
        Stmt::Let(_, _, e) | Stmt::Expr(e) | Stmt::Fn(_, _, _, e) => expr_reads(e, names),
        Stmt::Assign(n, _, e) => names.contains(n) || expr_reads(e, names),
        Stmt::For(_, _, e, body) => {
            expr_reads(e, names) || body.iter().any(|s| stmt_reads(s, names))
        }
        Stmt::If(c, a, b) => {
            expr_reads(c, names) || a.iter().chain(b).any(|s| stmt_reads(s, names))
        }
    }
}

fn expr_reads(e: &Expr, names: &BTreeSet<String>) -> bool {
    let r = |x: &Expr| expr_reads(x, names);
    match e {
        Expr::Name(n, _) => names.contains(n),
        Expr::Num(..) | Expr::Str(..) | Expr::Hex(..) | Expr::Bool(..) => false,
        Expr::FStr(parts, _) => parts.iter().any(|p| matches!(p, FPart::Hole(h) if r(h))),
        Expr::List(xs, _) => xs.iter().any(r),
        Expr::Unary(_, a, _) | Expr::Field(a, _, _) => r(a),
        Expr::Binary(_, a, b, _) | Expr::Range(a, b, _) | Expr::Index(a, b, _) => r(a) || r(b),
        Expr::Comprehension(a, _, b, _) => r(a) || r(b),
        Expr::Call(f, args, _) => r(f) || args.iter().any(|a| r(&a.value)),
        Expr::If(c, a, b, _) => r(c) || r(a) || r(b),
    }
}

/// The names statement `s` binds or changes at its level (and assigns in nested blocks).
fn bound_names(s: &Stmt, out: &mut BTreeSet<String>) {
    match s {
        Stmt::Let(n, ..) | Stmt::Assign(n, ..) | Stmt::Fn(n, ..) => {
            out.insert(n.clone());
        }
        Stmt::For(_, _, _, body) => body.iter().for_each(|s| assigned(s, out)),
        Stmt::If(_, a, b) => a.iter().chain(b).for_each(|s| assigned(s, out)),
        Stmt::Expr(_) => {}
    }
}

fn assigned(s: &Stmt, out: &mut BTreeSet<String>) {
    match s {
        Stmt::Assign(n, ..) => {
            out.insert(n.clone());
        }
        Stmt::For(_, _, _, body) => body.iter().for_each(|s| assigned(s, out)),
        Stmt::If(_, a, b) => a.iter().chain(b).for_each(|s| assigned(s, out)),
        _ => {}
    }
}

/// A value that does not follow trackers by itself: numbers, points, strings, booleans and
/// lists of them (objects, trackers and functions are live or stay callable).
fn is_plain_value(v: &Value) -> bool {
    match v {
        Value::Num(_) | Value::Bool(_) | Value::Str(_) | Value::Vec(_) | Value::Color(_) => true,
        Value::List(l) => !l.is_empty() && l.iter().all(is_plain_value),
        _ => false,
    }
}
