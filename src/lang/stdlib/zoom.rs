//! Zoomed insets (Manim's ZoomedScene): a camera frame and a display that shows, enlarged and
//! clipped, whatever the frame covers. Both are parts of one object, so they move, scale and
//! animate like any parts; the renderer pairs them.

use std::sync::atomic::{AtomicU32, Ordering};

use super::{effect, n, Call, Def, Entry, Kind, Ty};
use crate::geom::Vec3;
use crate::lang::interp::{Interp, R};
use crate::lang::value::{ObjRef, Value};
use crate::scene::shapes::rectangle;
use crate::scene::{Color, Mobject, ZoomRole, FRAME_HEIGHT, FRAME_WIDTH};
use crate::timeline::effects::Effect;
use crate::timeline::Rate;

macro_rules! params {
    ($($x:expr),* $(,)?) => { &[$($x),*] };
}

pub const ENTRIES: &[Entry] = &[
    Entry {
        name: "zoomed_scene",
        kind: Kind::Function,
        params: params![
            n("zoom_factor", Ty::Num, Def::Num(0.15)),
            n("zoomed_display_width", Ty::Num, Def::Num(3.0)),
            n("zoomed_display_height", Ty::Num, Def::Num(3.0)),
            n("zoomed_display_center", Ty::Point, Def::Opt),
            n("zoomed_display_corner", Ty::Point, Def::Point(1.0, 1.0)),
            n("zoomed_display_corner_buff", Ty::Num, Def::Num(0.5)),
            n("zoomed_camera_frame_starting_position", Ty::Point, Def::Point(0.0, 0.0)),
            n("frame_stroke_width", Ty::Num, Def::Num(2.0)),
            n("image_frame_stroke_width", Ty::Num, Def::Opt),
        ],
        doc: "a zoomed inset: `z[0]` the camera frame (display size × `zoom_factor`, at the origin), `z[1]` the display (3 × 3 in the UR corner, 0.5 in) showing what the frame covers, clipped; `z[1][1]` its border, width 3 (Manim's ZoomedScene: `zoomed_camera.frame`, `zoomed_display`, `display_frame`); `image_frame_stroke_width` is accepted but, as in Manim CE, changes nothing (a warning says so)",
        run: zoomed_scene,
    },
    Entry {
        name: "zoomed_display_pop_out",
        kind: Kind::Animation,
        params: params![
            super::p("zoom", Ty::Obj, Def::Req),
            n("reverse", Ty::Bool, Def::Bool(false)),
        ],
        doc: "the display grows out of the camera frame into its place (`reverse: true`: back onto the frame); 1 s, smooth (Manim's `get_zoomed_display_pop_out_animation()`)",
        run: pop_out,
    },
];

/// The width of the display's border (Manim's ImageMobjectFromCamera `default_display_frame_config`).
const DISPLAY_FRAME_STROKE_WIDTH: f64 = 3.0;

/// Tells insets apart so the renderer pairs each display with its own frame.
static NEXT_ID: AtomicU32 = AtomicU32::new(1);

fn zoomed_scene(it: &mut Interp, c: &Call) -> R<Value> {
    let (w, h, k) = (
        c.num("zoomed_display_width"),
        c.num("zoomed_display_height"),
        c.num("zoom_factor"),
    );
    if !(w > 0.0 && h > 0.0 && k > 0.0) {
        return Err(c.err(
            it,
            "zoom_factor",
            "the zoom factor and the display's width and height must be positive",
        ));
    }
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let mut frame = rectangle(w * k, h * k, Color::WHITE);
    frame.style.stroke_width = c.num("frame_stroke_width");
    frame.shift(c.point("zoomed_camera_frame_starting_position"));
    frame.zoom = Some((ZoomRole::Frame, id));
    // The display: an opaque black area (the zoomed camera's background) and a border.
    let mut area = rectangle(w, h, Color::BLACK);
    area.style.fill_opacity = 1.0;
    area.style.stroke_width = 0.0;
    area.zoom = Some((ZoomRole::Display, id));
    // ImageMobjectFromCamera's display frame: width 3 (`default_display_frame_config`). Manim
    // CE stores ZoomedScene's `image_frame_stroke_width` and never reads it.
    let mut border = rectangle(w, h, Color::WHITE);
    border.style.stroke_width = DISPLAY_FRAME_STROKE_WIDTH;
    border.zoom = Some((ZoomRole::Border, id));
    if c.has("image_frame_stroke_width") {
        let d = crate::diag::Diagnostic::warning(
            "`image_frame_stroke_width` changes nothing: Manim CE's ZoomedScene keeps it but never uses it, and its display's border is 3 wide",
            it.source(),
            c.span_of("image_frame_stroke_width"),
        )
        .with_note("help: to set the border's width, `z[1][1].set_stroke(width: …)` (Manim's `zoomed_display.display_frame.set_stroke(width=…)`)");
        it.warn(d);
    }
    let mut display = Mobject::group(vec![area, border]);
    match c.opt_point("zoomed_display_center") {
        Some(p) => display.shift(p),
        None => {
            // Manim's to_corner: the display's corner `buff` in from the frame's corner.
            let d = c.point("zoomed_display_corner");
            let b = c.num("zoomed_display_corner_buff");
            let target = Vec3::xy(
                d.x.signum() * (FRAME_WIDTH / 2.0 - b),
                d.y.signum() * (FRAME_HEIGHT / 2.0 - b),
            );
            display.move_to(target, d);
        }
    }
    Ok(it.new_obj(Mobject::group(vec![frame, display])))
}

/// Manim's pop-out: the display stretched onto the frame's box, restored over the animation.
#[derive(Debug)]
struct PopOut {
    from: (Vec3, Vec3),
    reverse: bool,
}

impl Effect for PopOut {
    fn apply(&self, m: &mut Mobject, a: f64) {
        let a = if self.reverse { 1.0 - a } else { a };
        let Some((lo, hi)) = m.bounds() else { return };
        let (flo, fhi) = self.from;
        let (clo, chi) = (flo.lerp(lo, a), fhi.lerp(hi, a));
        let s = |k: f64, a0: f64, a1: f64, b0: f64, b1: f64| {
            if (a1 - a0).abs() < 1e-12 {
                b0
            } else {
                b0 + (k - a0) * (b1 - b0) / (a1 - a0)
            }
        };
        m.apply_map(&|p| {
            Vec3::new(
                s(p.x, lo.x, hi.x, clo.x, chi.x),
                s(p.y, lo.y, hi.y, clo.y, chi.y),
                p.z,
            )
        });
    }
    fn lasting(&self) -> bool {
        // A reversed pop-out leaves the display on the frame.
        self.reverse
    }
}

fn pop_out(it: &mut Interp, c: &Call) -> R<Value> {
    let z = c.obj("zoom");
    let whole = it.materialize(&z, c.span_of("zoom"))?;
    let is_inset = whole.children.len() == 2
        && whole.children[0].zoom.map(|(r, _)| r) == Some(ZoomRole::Frame);
    if !is_inset {
        return Err(c.err(
            it,
            "zoom",
            "`zoomed_display_pop_out` needs the object made by `zoomed_scene`",
        ));
    }
    let Some(from) = whole.children[0].bounds() else {
        return Err(c.err(it, "zoom", "the camera frame is empty"));
    };
    let mut path = z.path.as_ref().clone();
    path.push(1);
    let display = ObjRef {
        id: z.id,
        path: std::sync::Arc::new(path),
    };
    Ok(effect(
        c,
        vec![display],
        PopOut {
            from,
            reverse: c.bool("reverse"),
        },
        1.0,
        Rate::Smooth,
    ))
}
