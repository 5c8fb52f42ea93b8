//! Zoomed insets (Manim's ZoomedScene): the objects inside a camera frame are drawn again,
//! mapped onto the display's box and clipped to it. Strokes scale with the zoom, as they do
//! under Manim's zoomed camera (stroke widths are in scene units). As in Manim's MultiCamera,
//! the zoomed camera sees everything but its own display (area and border): its own frame
//! too, whose stroke shows, magnified, along the display's edges.

use tiny_skia::{FillRule, Mask, Pixmap, PixmapPaint, Transform};

use super::{draw_leaf, to_sk_path, View};
use crate::geom::{Path, Vec3};
use crate::scene::{Mobject, ZoomRole};

/// The box of the camera frame of inset `id` (the first such frame).
fn frame_box(leaves: &[&Mobject], id: u32) -> Option<(Vec3, Vec3)> {
    leaves
        .iter()
        .find(|l| l.zoom == Some((ZoomRole::Frame, id)))
        .and_then(|l| l.bounds())
}

/// Draws what the frame of `display`'s inset covers into `display`'s box.
pub(crate) fn draw(display: &Mobject, leaves: &[&Mobject], view: &View, pm: &mut Pixmap) {
    let Some((ZoomRole::Display, id)) = display.zoom else {
        return;
    };
    let (Some((flo, fhi)), Some((dlo, dhi))) = (frame_box(leaves, id), display.bounds()) else {
        return;
    };
    let (fw, fh) = (fhi.x - flo.x, fhi.y - flo.y);
    if fw <= 1e-9 || fh <= 1e-9 || dhi.x - dlo.x <= 1e-9 || dhi.y - dlo.y <= 1e-9 {
        return;
    }
    let (sx, sy) = ((dhi.x - dlo.x) / fw, (dhi.y - dlo.y) / fh);
    let map = |p: Vec3| Vec3::new(dlo.x + (p.x - flo.x) * sx, dlo.y + (p.y - flo.y) * sy, p.z);
    let Some(mut layer) = Pixmap::new(pm.width(), pm.height()) else {
        return;
    };
    let own_display =
        |l: &Mobject| matches!(l.zoom, Some((ZoomRole::Display | ZoomRole::Border, i)) if i == id);
    for l in leaves.iter().filter(|l| !own_display(l)) {
        let mut m = Mobject {
            children: Vec::new(),
            ..(*l).clone()
        };
        m.apply_map(&map);
        m.style.stroke_width *= (sx * sy).sqrt();
        draw_leaf(&m, view, &mut layer);
    }
    let clip = Path::polyline(&[
        dlo,
        Vec3::new(dhi.x, dlo.y, 0.0),
        Vec3::new(dhi.x, dhi.y, 0.0),
        Vec3::new(dlo.x, dhi.y, 0.0),
        dlo,
    ]);
    let (Some(clip), Some(mut mask)) =
        (to_sk_path(&clip, view), Mask::new(pm.width(), pm.height()))
    else {
        return;
    };
    mask.fill_path(&clip, FillRule::Winding, true, Transform::identity());
    pm.draw_pixmap(
        0,
        0,
        layer.as_ref(),
        &PixmapPaint::default(),
        Transform::identity(),
        Some(&mask),
    );
}
