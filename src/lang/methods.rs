//! Methods on values: object methods (dispatched to the standard library's table), trackers,
//! the camera, and `.animate` chains.

use std::sync::Arc;

use super::args::Args;
use super::interp::{Interp, Restyle, LIVE_FIXED, R, STYLE_METHODS};
use super::stdlib::{self, Kind};
use super::syntax::ast::Span;
use super::value::*;

pub fn call(it: &mut Interp, recv: Value, name: &str, args: Vec<ArgVal>, sp: Span) -> R<Value> {
    match recv {
        Value::Obj(r) => obj_method(it, r, name, args, sp),
        Value::Tracker(id) => match stdlib::method_of(Kind::TrackerMethod, name) {
            Some(e) => stdlib::call_on(it, e, Value::Tracker(id), Args::new(name, args, sp)),
            None => {
                let mut known = stdlib::names_of(Kind::TrackerMethod);
                known.push("animate");
                Err(unknown_method(it, "a tracker", name, &known, sp))
            }
        },
        Value::Camera => {
            let cam = camera_call(it, name, args, sp.clone())?;
            it.set_camera(cam, sp)?;
            Ok(Value::Camera)
        }
        Value::Animate(chain) => {
            let mut c = (*chain).clone();
            c.calls.push((name.to_string(), args, sp));
            Ok(Value::Animate(Arc::new(c)))
        }
        other => {
            let sp = it.method_span().unwrap_or(sp);
            Err(it.err(format!("{} has no method `{name}`", other.type_name()), sp))
        }
    }
}

/// Runs camera method `name` and returns the camera it leaves, the interpreter's camera left
/// as it was (the caller sets it, or animates to it).
fn camera_call(
    it: &mut Interp,
    name: &str,
    args: Vec<ArgVal>,
    sp: Span,
) -> R<crate::scene::Camera> {
    let Some(e) = stdlib::method_of(Kind::CameraMethod, name) else {
        let mut known = stdlib::names_of(Kind::CameraMethod);
        known.push("animate");
        return Err(unknown_method(it, "the camera", name, &known, sp));
    };
    let saved = it.camera().clone();
    let r = stdlib::call_on(it, e, Value::Camera, Args::new(name, args, sp));
    let cam = std::mem::replace(it.camera_mut(), saved);
    r.map(|_| cam)
}

fn unknown_method(
    it: &Interp,
    what: &str,
    name: &str,
    known: &[&str],
    sp: Span,
) -> crate::diag::Diagnostic {
    let names: Vec<String> = known.iter().map(|s| s.to_string()).collect();
    // The caret goes under the method's name when the call is written in place.
    let sp = it.method_span().unwrap_or(sp);
    let d = it.err(format!("{what} has no method `{name}`"), sp);
    match super::interp::suggest(name, &names) {
        Some(s) => d.with_note(format!("help: did you mean `{s}`?")),
        None => d.with_note(format!("{what} has: {}", known.join(", "))),
    }
}

/// An object method run on `r` (what a recorded style change of a live object runs again).
pub fn call_obj(it: &mut Interp, r: ObjRef, name: &str, args: Vec<ArgVal>, sp: Span) -> R<()> {
    obj_method(it, r, name, args, sp).map(|_| ())
}

/// An object method: a `Method` entry of the standard library's table. A style method on an
/// object rebuilt every frame is recorded and run again after each rebuild.
fn obj_method(it: &mut Interp, r: ObjRef, name: &str, args: Vec<ArgVal>, sp: Span) -> R<Value> {
    if STYLE_METHODS.contains(&name) && stdlib::method(name).is_some() {
        let members = it.members(&r);
        if members.iter().any(|m| it.is_restylable(m)) {
            for m in members {
                if it.is_restylable(&m) {
                    let call = (name.to_string(), args.clone(), sp.clone());
                    let restyle = Restyle::new(&m, vec![call], it.source().clone());
                    it.record_restyle(&m, restyle, sp.clone())?;
                } else {
                    obj_method(it, m, name, args.clone(), sp.clone())?;
                }
            }
            return Ok(Value::Obj(r));
        }
    }
    let a = Args::new(name, args, sp.clone());
    match stdlib::method(name) {
        Some(e) => stdlib::call_method(it, e, r, a),
        None => Err(unknown_method(
            it,
            "an object",
            name,
            &stdlib::with_methods(&["animate"]),
            sp,
        )),
    }
}

/// Turns `.animate` chains into an animation: the methods run on a copy, which becomes the
/// Transform target (Manim's `.animate`).
pub fn animate_to_spec(it: &mut Interp, chain: &Animate, sp: Span) -> R<AnimSpec> {
    match &chain.target {
        AnimTarget::Camera => {
            // Each step runs on the camera the previous ones leave.
            let saved = it.camera().clone();
            let mut r = Ok(());
            for (name, args, csp) in &chain.calls {
                if name == "follow" || name == "unfollow" {
                    r = Err(it.err(
                        format!("`camera.{name}` is not an animation: call it as a statement"),
                        csp.clone(),
                    ));
                    break;
                }
                match camera_call(it, name, args.clone(), csp.clone()) {
                    Ok(cam) => *it.camera_mut() = cam,
                    Err(d) => {
                        r = Err(d);
                        break;
                    }
                }
            }
            let cam = std::mem::replace(it.camera_mut(), saved);
            r?;
            Ok(AnimSpec::new(AnimSpecKind::Camera(cam), sp))
        }
        AnimTarget::Tracker(id) => {
            let Some((name, args, csp)) = chain.calls.last() else {
                return Err(it.err(
                    "`.animate` needs a method after it, e.g. t.animate.set_value(5)",
                    sp,
                ));
            };
            if name != "set_value" {
                return Err(it.err(
                    format!("a tracker animates with .set_value(…), not .{name}(…)"),
                    csp.clone(),
                ));
            }
            let a = Args::new(name, args.clone(), csp.clone());
            let v = a.req_num(it, 0, "value")?;
            Ok(AnimSpec::new(AnimSpecKind::Tracker(*id, v), sp))
        }
        AnimTarget::Obj(r) => {
            if chain.calls.is_empty() {
                return Err(it.err(
                    "`.animate` needs a method after it, e.g. x.animate.shift(UP)",
                    sp,
                ));
            }
            let ids = it.members(r);
            if ids.iter().any(|m| it.is_live(m)) {
                return restyle_anim(it, chain, &ids, sp);
            }
            if ids.len() != 1 || it.is_group(r) {
                // A group moves as a whole (Manim's VGroup): the chain runs on the assembled
                // group, then each member morphs into its part of the result.
                let m = it.group_start_state(r, sp.clone())?;
                let Value::Obj(tmp) = it.new_obj(m) else {
                    unreachable!()
                };
                for (name, args, csp) in &chain.calls {
                    obj_method(it, tmp.clone(), name, args.clone(), csp.clone())?;
                }
                let target = it.materialize(&tmp, sp.clone())?;
                let mut parts = Vec::new();
                it.split_by_members(r, target, &mut parts);
                let specs = parts
                    .into_iter()
                    .map(|(obj, target)| {
                        AnimSpec::new(
                            AnimSpecKind::Transform {
                                obj,
                                target: Arc::new(target),
                                replace: None,
                                path_arc: 0.0,
                                spiral: false,
                            },
                            sp.clone(),
                        )
                    })
                    .collect();
                return Ok(AnimSpec::new(AnimSpecKind::Group(specs, 0.0), sp));
            }
            // Run the methods on a scratch copy of where the play has it so far.
            let m = it.start_state(&ids[0], sp.clone())?;
            let Value::Obj(tmp) = it.new_obj(m) else {
                unreachable!()
            };
            for (name, args, csp) in &chain.calls {
                obj_method(it, tmp.clone(), name, args.clone(), csp.clone())?;
            }
            let target = Arc::new(it.materialize(&tmp, sp.clone())?);
            Ok(AnimSpec::new(
                AnimSpecKind::Transform {
                    obj: ids[0].clone(),
                    target,
                    replace: None,
                    path_arc: 0.0,
                    spiral: false,
                },
                sp,
            ))
        }
    }
}

/// `.animate` on objects some of which are rebuilt every frame: only style methods can change
/// those (recorded, and run again after each rebuild); the others animate as usual.
fn restyle_anim(it: &mut Interp, chain: &Animate, ids: &[ObjRef], sp: Span) -> R<AnimSpec> {
    if let Some((name, _, _)) = chain
        .calls
        .iter()
        .find(|(n, _, _)| !STYLE_METHODS.contains(&n.as_str()))
    {
        return Err(it.err(LIVE_FIXED, sp).with_note(format!(
            "help: `.{name}(…)` changes its shape or place; only {} animate on such an object",
            STYLE_METHODS.join(", ")
        )));
    }
    let mut specs = Vec::new();
    for m in ids {
        let kind = if it.is_restylable(m) {
            AnimSpecKind::Restyle {
                obj: m.clone(),
                restyle: Restyle::new(m, chain.calls.clone(), it.source().clone()),
            }
        } else if it.is_live(m) {
            return Err(it.err(
                "this object turns or traces with time and is rebuilt every frame, so `.animate` cannot change it: change it where it is made",
                sp,
            ));
        } else {
            let one = Animate {
                target: AnimTarget::Obj(m.clone()),
                calls: chain.calls.clone(),
                timing: None,
            };
            animate_to_spec(it, &one, sp.clone())?.kind
        };
        specs.push(AnimSpec::new(kind, sp.clone()));
    }
    Ok(if specs.len() == 1 {
        specs.pop().unwrap()
    } else {
        AnimSpec::new(AnimSpecKind::Group(specs, 0.0), sp)
    })
}
