//! Stroke properties Manim sets per object: the joint type.

use super::{p, Def, Entry, Kind, Ty};
use crate::lang::value::Value;
use crate::scene::Joint;

macro_rules! params {
    ($($x:expr),* $(,)?) => { &[$($x),*] };
}

pub const ENTRIES: &[Entry] = &[Entry {
    name: "set_joint_type",
    kind: Kind::Method,
    params: params![p("joint_type", Ty::Str, Def::Req)],
    doc: "how stroke segments meet at corners: \"round\", \"bevel\", \"miter\" (limit 10, as Cairo) or \"auto\" (the default: mitred, as Manim's Cairo renderer draws it) (Manim's `joint_type=LineJointType.…`)",
    run: |it, c| {
        let name = c.str("joint_type");
        let Some(j) = Joint::by_name(&name) else {
            return Err(c.err(
                it,
                "joint_type",
                format!("the joint type is \"round\", \"bevel\", \"miter\" or \"auto\", not \"{name}\""),
            ));
        };
        let r = c.this();
        it.modify(&r, c.span.clone(), &mut |m| {
            m.for_each_node_mut(&mut |n| n.style.joint = j)
        })?;
        Ok(Value::Obj(r))
    },
}];
