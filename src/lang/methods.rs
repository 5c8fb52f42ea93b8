//! Methods on values: object methods (dispatched to the standard library's table), trackers,
//! the camera, and `.animate` chains.

use std::sync::Arc;

use super::args::Args;
use super::interp::{Interp, R};
use super::syntax::ast::Span;
use super::value::*;

pub fn call(it: &mut Interp, recv: Value, name: &str, args: Vec<ArgVal>, sp: Span) -> R<Value> {
    match recv {
        Value::Obj(r) => obj_method(it, r, name, args, sp),
        Value::Tracker(id) => {
            let a = Args::new(name, args, sp.clone());
            match name {
                "get_value" => {
                    a.check(it, 0, &[])?;
                    Ok(Value::Num(it.num(&Value::Tracker(id), sp)?))
                }
                "to" | "set_value" => {
                    a.check(it, 1, &["value", "run_time", "rate_func", "rate"])?;
                    let v = a.req_num(it, 0, "value")?;
                    tracker_anim(it, id, v, &a)
                }
                _ => Err(unknown_method(
                    it,
                    "a tracker",
                    name,
                    &["get_value", "to", "set_value", "animate"],
                    sp,
                )),
            }
        }
        Value::Camera if name == "follow" || name == "unfollow" => {
            let a = Args::new(name, args, sp.clone());
            it.refuse_in_frame(
                "the camera cannot be changed inside a tracker-driven definition",
                sp.clone(),
            )?;
            // Stopping (or switching) a follow leaves the camera where the followed object is
            // now, as Manim's frame stays put when its updater is removed.
            let followed = it.camera_live_mut().iter().find_map(|l| match l {
                super::interp::CameraLive::Follow(r) => Some(r.clone()),
                _ => None,
            });
            if let Some(r) = followed {
                it.camera_mut().center = it.materialize(&r, sp.clone())?.center();
            }
            it.camera_live_mut()
                .retain(|l| !matches!(l, super::interp::CameraLive::Follow(_)));
            if name == "follow" {
                a.check(it, 1, &[])?;
                let r = a.obj(it, 0, "object")?;
                it.camera_live_mut()
                    .push(super::interp::CameraLive::Follow(r));
            } else {
                a.check(it, 0, &[])?;
            }
            Ok(Value::Camera)
        }
        Value::Camera => {
            let a = Args::new(name, args, sp.clone());
            let mut cam = it.camera().clone();
            camera_method(it, &mut cam, name, &a)?;
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

fn tracker_anim(it: &mut Interp, id: usize, to: f64, a: &Args) -> R<Value> {
    let (run_time, rate, _) = a.timing(it)?;
    Ok(Value::Anim(Arc::new(AnimSpec {
        kind: AnimSpecKind::Tracker(id, to),
        run_time,
        rate,
        lag_ratio: None,
        delay: a.delay(it)?,
        span: a.span.clone(),
    })))
}

fn camera_method(it: &mut Interp, cam: &mut crate::scene::Camera, name: &str, a: &Args) -> R<()> {
    match name {
        "set_width" => {
            a.check(it, 1, &[])?;
            cam.frame_width = a.req_num(it, 0, "width")?;
        }
        "set_height" => {
            a.check(it, 1, &[])?;
            cam.frame_width = a.req_num(it, 0, "height")? * crate::scene::FRAME_WIDTH
                / crate::scene::FRAME_HEIGHT;
        }
        "scale" => {
            a.check(it, 1, &[])?;
            cam.frame_width *= a.req_num(it, 0, "factor")?;
        }
        "move_to" => {
            a.check(it, 1, &[])?;
            cam.center = a.req_point(it, 0, "point")?;
        }
        "shift" => {
            a.check(it, 1, &[])?;
            cam.center += a.req_point(it, 0, "vector")?;
        }
        _ => {
            return Err(unknown_method(
                it,
                "the camera",
                name,
                &[
                    "set_width",
                    "set_height",
                    "scale",
                    "move_to",
                    "shift",
                    "animate",
                    "follow",
                    "unfollow",
                ],
                a.span.clone(),
            ))
        }
    }
    if cam.frame_width <= 0.0 || !cam.frame_width.is_finite() {
        return Err(it.err("the camera's frame width must be positive", a.span.clone()));
    }
    Ok(())
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

/// An object method: a `Method` entry of the standard library's table.
fn obj_method(it: &mut Interp, r: ObjRef, name: &str, args: Vec<ArgVal>, sp: Span) -> R<Value> {
    let a = Args::new(name, args, sp.clone());
    match super::stdlib::method(name) {
        Some(e) => super::stdlib::call_method(it, e, r, a),
        None => Err(unknown_method(
            it,
            "an object",
            name,
            &super::stdlib::with_methods(&["animate"]),
            sp,
        )),
    }
}

/// Turns `.animate` chains into an animation: the methods run on a copy, which becomes the
/// Transform target (Manim's `.animate`).
pub fn animate_to_spec(it: &mut Interp, chain: &Animate, sp: Span) -> R<AnimSpec> {
    match &chain.target {
        AnimTarget::Camera => {
            let mut cam = it.camera().clone();
            for (name, args, csp) in &chain.calls {
                let a = Args::new(name, args.clone(), csp.clone());
                camera_method(it, &mut cam, name, &a)?;
            }
            Ok(AnimSpec {
                kind: AnimSpecKind::Camera(cam),
                run_time: None,
                rate: None,
                lag_ratio: None,
                delay: 0.0,
                span: sp,
            })
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
            Ok(AnimSpec {
                kind: AnimSpecKind::Tracker(*id, v),
                run_time: None,
                rate: None,
                lag_ratio: None,
                delay: 0.0,
                span: sp,
            })
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
                return Err(it.err(
                    "this object follows a tracker and is rebuilt every frame, so `.animate` cannot change it: change it in its `let` definition instead (for instance, let its colour depend on a tracker)",
                    sp,
                ));
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
                    .map(|(obj, target)| AnimSpec {
                        kind: AnimSpecKind::Transform {
                            obj,
                            target: Arc::new(target),
                            replace: None,
                            path_arc: 0.0,
                            spiral: false,
                        },
                        run_time: None,
                        rate: None,
                        lag_ratio: None,
                        delay: 0.0,
                        span: sp.clone(),
                    })
                    .collect();
                return Ok(AnimSpec {
                    kind: AnimSpecKind::Group(specs, 0.0),
                    run_time: None,
                    rate: None,
                    lag_ratio: None,
                    delay: 0.0,
                    span: sp,
                });
            }
            if it.is_live(&ids[0]) {
                return Err(it.err(
                    "this object follows a tracker and is rebuilt every frame, so `.animate` cannot change it: change it in its `let` definition instead (for instance, let its colour depend on a tracker)",
                    sp,
                ));
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
            Ok(AnimSpec {
                kind: AnimSpecKind::Transform {
                    obj: ids[0].clone(),
                    target,
                    replace: None,
                    path_arc: 0.0,
                    spiral: false,
                },
                run_time: None,
                rate: None,
                lag_ratio: None,
                delay: 0.0,
                span: sp,
            })
        }
    }
}
