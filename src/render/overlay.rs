//! Objects fixed in the frame (Manim's `add_fixed_in_frame_mobjects`): titles, formulas and
//! counters that stay flat to the screen whatever the camera does.
//!
//! Manim's ThreeDCamera leaves their points unprojected (no turn, no perspective, no zoom) and,
//! as they are not shaded in 3D, paints them after every 3D object. valley does the same: the
//! 3D pass (`depth`) never sees them, and they are drawn afterwards as a plain 2D pass with
//! tiny-skia, through Manim's default frame (14.22 × 8 units, origin at the centre), in drawing
//! order with `z_index` in front. In a 2D scene they likewise ignore the moving camera.

use std::borrow::Cow;
use std::sync::Arc;

use tiny_skia::Pixmap;

use super::{draw_leaf, View};
use crate::scene::{Camera, Mobject};

/// The view of the frame itself: Manim's default camera, whatever the scene's camera is.
pub(crate) fn frame_view(width: u32, height: u32) -> View {
    View::new(&Camera::default(), width, height)
}

fn any_fixed(m: &Mobject) -> bool {
    m.fixed_in_frame || m.children.iter().any(any_fixed)
}

/// Splits a 3D scene's objects into what the camera sees (with every fixed part taken out) and
/// the leaves fixed in the frame, in drawing order. Without fixed objects nothing is copied.
pub(crate) fn split(objects: &[Arc<Mobject>]) -> (Cow<'_, [Arc<Mobject>]>, Vec<Mobject>) {
    if !objects.iter().any(|m| any_fixed(m)) {
        return (Cow::Borrowed(objects), Vec::new());
    }
    let mut fixed = Vec::new();
    let scene = objects
        .iter()
        .filter_map(|m| {
            if any_fixed(m) {
                without_fixed(m, &mut fixed).map(Arc::new)
            } else {
                Some(m.clone())
            }
        })
        .collect();
    (Cow::Owned(scene), fixed)
}

/// `m` without its fixed parts (None if it is fixed as a whole); the fixed leaves go to `out`.
fn without_fixed(m: &Mobject, out: &mut Vec<Mobject>) -> Option<Mobject> {
    if m.fixed_in_frame {
        out.extend(m.leaves().into_iter().cloned());
        return None;
    }
    if !any_fixed(m) {
        return Some(m.clone());
    }
    // What drawing reads, without a deep copy of the children.
    Some(Mobject {
        path: m.path.clone(),
        style: m.style.clone(),
        picture: m.picture.clone(),
        z_index: m.z_index,
        billboard: m.billboard,
        children: m
            .children
            .iter()
            .filter_map(|c| without_fixed(c, out))
            .collect(),
        ..Default::default()
    })
}

/// Draws the fixed leaves over what is already in `pm`.
pub(crate) fn draw(fixed: &[Mobject], pm: &mut Pixmap) {
    if fixed.is_empty() {
        return;
    }
    let view = frame_view(pm.width(), pm.height());
    let mut leaves: Vec<&Mobject> = fixed.iter().collect();
    leaves.sort_by_key(|m| m.z_index);
    for leaf in leaves {
        if leaf.billboard.is_some() {
            // Already flat to the screen: no turning toward the camera.
            let mut flat = leaf.clone();
            flat.billboard = None;
            draw_leaf(&flat, &view, pm);
        } else {
            draw_leaf(leaf, &view, pm);
        }
    }
}
