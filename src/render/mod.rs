//! Scene state → pixels, with tiny-skia. The renderer sees only shapes, styles and a camera:
//! no syntax, no timeline.

mod clip;
mod damage;
mod depth;
mod inset;
mod overlay;
mod zbuf;

use std::sync::Arc;

use tiny_skia::{
    BlendMode, FillRule, LineCap, LineJoin, Mask, Paint, PathBuilder, Pixmap, Shader, Stroke,
    Transform,
};

use crate::geom::{Path, Vec3};
use crate::scene::{Camera, Color, Mobject};

/// Everything visible at one instant.
#[derive(Clone, Debug, Default)]
pub struct Frame {
    /// Shared with the timeline where nothing changes them (a still surface is not copied per
    /// frame), and with the 3D cache's layer.
    pub objects: Vec<Arc<Mobject>>,
    pub camera: Camera,
    pub background: Option<Color>,
    /// Leave the background unpainted (`-t`): pixels are premultiplied RGBA over nothing, which
    /// the PNG writer and the alpha-capable encoders keep.
    pub transparent: bool,
}

/// Scene units → pixels for a camera and an output size.
#[derive(Clone, Debug)]
pub struct View {
    pub camera: Camera,
    pub scale: f64,
    pub w: f64,
    pub h: f64,
}

impl View {
    pub fn new(camera: &Camera, width: u32, height: u32) -> View {
        View {
            camera: camera.clone(),
            scale: width as f64 / camera.frame_width,
            w: width as f64,
            h: height as f64,
        }
    }
    #[inline]
    pub fn to_px(&self, p: Vec3) -> (f32, f32) {
        let (x, y, _) = self.camera.project(p);
        (
            (x * self.scale + self.w / 2.0) as f32,
            (self.h / 2.0 - y * self.scale) as f32,
        )
    }
    /// Pixels per unit of stroke width × 100. Widths follow the frame's width (a 2D camera
    /// zoomed out draws thinner lines, as Manim's MovingCamera does) but not the 3D `zoom`,
    /// which Manim's ThreeDCamera applies to points only.
    pub(crate) fn unit_px(&self) -> f64 {
        self.scale
    }
}

pub(crate) fn sk_color(c: Color, alpha: f32) -> tiny_skia::Color {
    tiny_skia::Color::from_rgba(
        c.r.clamp(0.0, 1.0),
        c.g.clamp(0.0, 1.0),
        c.b.clamp(0.0, 1.0),
        alpha.clamp(0.0, 1.0),
    )
    .unwrap_or(tiny_skia::Color::TRANSPARENT)
}

pub(crate) fn to_sk_path(path: &Path, view: &View) -> Option<tiny_skia::Path> {
    let mut pb = PathBuilder::new();
    for sp in &path.subpaths {
        if sp.segments.is_empty() {
            continue;
        }
        let (x, y) = view.to_px(sp.start);
        pb.move_to(x, y);
        for c in &sp.segments {
            let (a, b) = view.to_px(c.c1);
            let (d, e) = view.to_px(c.c2);
            let (f, g) = view.to_px(c.to);
            pb.cubic_to(a, b, d, e, f, g);
        }
        if sp.closed {
            pb.close();
        }
    }
    pb.finish()
}

/// Renders one frame into a new pixmap.
pub fn render(frame: &Frame, width: u32, height: u32) -> Pixmap {
    let mut pm = Pixmap::new(width.max(1), height.max(1)).expect("non-zero size");
    render_into(frame, &mut pm);
    pm
}

/// Renders into an existing pixmap (reused across frames by the pipeline).
pub fn render_into(frame: &Frame, pm: &mut Pixmap) {
    draw_frame(frame, pm, None);
}

pub use damage::{changed_rows, render_over, Clip, Drawn, Shown};
/// What the frames of one render share to draw faster (see `depth::Cache`): `render_into`
/// with it gives the same pixels.
pub use depth::Cache;

/// `render_into` with a cache shared by the frames of one render.
pub fn render_into_cached(frame: &Frame, pm: &mut Pixmap, cache: &Cache) {
    draw_frame(frame, pm, Some(cache));
}

fn draw_frame(frame: &Frame, pm: &mut Pixmap, cache: Option<&Cache>) {
    let bg = frame.background.unwrap_or(Color::BLACK);
    let view = View::new(&frame.camera, pm.width(), pm.height());
    if frame.camera.perspective {
        // The depth buffer paints every pixel itself; objects fixed in the frame are drawn
        // after the 3D pass, flat over it.
        let (scene, fixed) = overlay::split(&frame.objects);
        match cache {
            Some(c) => depth::draw_3d_cached(&scene, &view, bg, pm, c),
            None => depth::draw_3d(&scene, &view, bg, pm),
        }
        overlay::draw(&fixed, pm);
        return;
    }
    pm.fill(background(frame));
    let leaves = leaves_in_order(frame);
    let fixed_view = overlay::frame_view(pm.width(), pm.height());
    for leaf in &leaves {
        let v = if leaf.fixed_in_frame {
            &fixed_view
        } else {
            &view
        };
        draw_leaf(leaf, v, pm);
        if leaf.zoom.is_some() {
            inset::draw(leaf, &leaves, &view, pm);
        }
    }
}

/// What a flat frame's pixels start as.
fn background(frame: &Frame) -> tiny_skia::Color {
    if frame.transparent {
        tiny_skia::Color::TRANSPARENT
    } else {
        sk_color(frame.background.unwrap_or(Color::BLACK), 1.0)
    }
}

/// A flat frame's leaves in drawing order: add order, with z-index in front (a stable sort
/// keeps equal ones in order).
fn leaves_in_order(frame: &Frame) -> Vec<&Mobject> {
    let mut leaves: Vec<&Mobject> = frame.objects.iter().flat_map(|m| m.leaves()).collect();
    leaves.sort_by_key(|m| m.z_index);
    leaves
}

/// The stroke of a style at this view. Manim stroke widths: 1 unit of width = 0.01 scene units.
pub(crate) fn stroke_for(st: &crate::scene::Style, view: &View) -> Stroke {
    let width = (st.stroke_width * 0.01 * view.unit_px()) as f32;
    Stroke {
        width: width.clamp(0.01, clip::max_stroke_px(view)),
        line_cap: LineCap::Round,
        // Manim's Cairo renderer draws `auto` joints mitred (its LINE_JOIN_MAP), with Cairo's
        // miter limit of 10 (tiny-skia's own default is 4).
        line_join: match st.joint {
            crate::scene::Joint::Round => LineJoin::Round,
            crate::scene::Joint::Bevel => LineJoin::Bevel,
            crate::scene::Joint::Auto | crate::scene::Joint::Miter => LineJoin::Miter,
        },
        miter_limit: 10.0,
        ..Default::default()
    }
}

pub(crate) fn draw_leaf(m: &Mobject, view: &View, pm: &mut Pixmap) {
    draw_leaf_masked(m, view, pm, None)
}

/// `draw_leaf` through a mask (pixels where it is 0 are left as they are).
pub(crate) fn draw_leaf_masked(m: &Mobject, view: &View, pm: &mut Pixmap, mask: Option<&Mask>) {
    if let Some(anchor) = m.billboard {
        // Turn the leaf (drawn in the xy plane) to face the camera about its anchor.
        let mut turned = m.clone();
        turned.billboard = None;
        let cam = &view.camera;
        turned.path = m.path.map(&|p| anchor + cam.from_view_dir(p - anchor));
        return draw_leaf_masked(&turned, view, pm, mask);
    }
    if let Some(pic) = &m.picture {
        draw_picture(pic, view, pm, mask);
    }
    if m.path.is_empty() {
        return;
    }
    let st = &m.style;
    let Some(path) = to_sk_path(&m.path, view) else {
        return;
    };
    // Beyond the rasterizer's range: clipped copies for the fill and the stroke.
    let huge = clip::oversize_px(&path, view);
    let (clipped_fill, clipped_stroke);
    let (fill_path, stroke_path) = if huge {
        let margin = stroke_for(st, view).width / 2.0 + 2.0;
        clipped_fill = clip::clipped(&m.path, view, 2.0, true);
        clipped_stroke = clip::clipped(&m.path, view, margin, false);
        (clipped_fill.as_ref(), clipped_stroke.as_ref())
    } else {
        (Some(&path), Some(&path))
    };
    if let (true, Some(path)) = (st.fill_opacity > 0.0, fill_path) {
        let mut paint = Paint::default();
        paint.set_color(sk_color(st.fill, st.fill_opacity));
        paint.anti_alias = true;
        as_unmasked(&mut paint, mask, None);
        pm.fill_path(path, &paint, FillRule::Winding, Transform::identity(), mask);
    }
    if let (true, Some(path)) = (
        st.stroke_width > 0.0 && st.stroke_opacity > 0.0,
        stroke_path,
    ) {
        let stroke = stroke_for(st, view);
        match &st.stroke_gradient {
            Some(colors) if colors.len() > 1 && !huge => {
                draw_gradient_stroke(m, colors, path, &stroke, view, pm, mask)
            }
            _ => {
                let mut paint = Paint::default();
                paint.set_color(sk_color(st.stroke, st.stroke_opacity));
                paint.anti_alias = true;
                as_unmasked(&mut paint, mask, Some(&stroke));
                pm.stroke_path(path, &paint, &stroke, Transform::identity(), mask);
            }
        }
    }
}

/// Makes a draw through a mask of whole rows (0 or 255 across each row, as partial redraws use)
/// compute exactly what it computes without one. Unmasked, tiny-skia draws an opaque paint in
/// `Source` mode (it strength-reduces `SourceOver`), whose rounding differs from `SourceOver`
/// by a level here and there; with a mask it keeps `SourceOver`. Asking for `Source` again
/// gives the same arithmetic: the mask stage multiplies by 255/255 in a masked row, and skips
/// the row's pixels altogether where the mask is 0 (tiny-skia's pipelines run a few pixels of
/// one row at a time, 16 or 8, so a run never mixes the two). A stroke under a pixel wide is drawn as a hairline
/// whose paint tiny-skia first makes translucent (by the width), so it stays `SourceOver`.
fn as_unmasked(paint: &mut Paint, mask: Option<&Mask>, stroke: Option<&Stroke>) {
    // tiny-skia's `treat_as_hairline` and its coverage-to-alpha rounding, at an identity
    // transform.
    let hairline_alpha = match stroke.map(|s| s.width) {
        Some(w) if w > 0.0 && w <= 1.0 => (255 * ((w * 256.0) as i32)) >> 8,
        _ => 255,
    };
    if mask.is_some()
        && hairline_alpha == 255
        && paint.shader.is_opaque()
        && paint.blend_mode == BlendMode::SourceOver
    {
        paint.blend_mode = BlendMode::Source;
    }
}

/// Where Manim's `set_color_by_gradient` puts its colours: a linear gradient across the
/// object's bounding box along its sheen direction (UL), the first colour at the lower-right
/// corner and the last at the upper-left, stops evenly spaced. (So a rising curve coloured
/// RED…PURPLE runs purple on the left to red on the right, as in the video.)
pub(crate) fn gradient_axis(path: &Path) -> Option<(Vec3, Vec3)> {
    let (lo, hi) = path.bounds()?;
    Some((Vec3::new(hi.x, lo.y, lo.z), Vec3::new(lo.x, hi.y, hi.z)))
}

/// The gradient's colour at parameter `t` (0 at the first colour, 1 at the last).
pub(crate) fn gradient_at(colors: &[Color], t: f64) -> Color {
    let u = t.clamp(0.0, 1.0) * (colors.len() - 1) as f64;
    let k = (u.floor() as usize).min(colors.len() - 2);
    colors[k].lerp(colors[k + 1], (u - k as f64) as f32)
}

/// A stroke coloured by a Manim gradient (see `gradient_axis`), with tiny-skia's linear
/// gradient shader.
fn draw_gradient_stroke(
    m: &Mobject,
    colors: &[Color],
    sk: &tiny_skia::Path,
    stroke: &Stroke,
    view: &View,
    pm: &mut Pixmap,
    mask: Option<&Mask>,
) {
    let Some((a, b)) = gradient_axis(&m.path) else {
        return;
    };
    let opacity = m.style.stroke_opacity;
    let ((x0, y0), (x1, y1)) = (view.to_px(a), view.to_px(b));
    let n = (colors.len() - 1) as f32;
    let stops = colors
        .iter()
        .enumerate()
        .map(|(i, &c)| tiny_skia::GradientStop::new(i as f32 / n, sk_color(c, opacity)))
        .collect();
    let shader = tiny_skia::LinearGradient::new(
        tiny_skia::Point::from_xy(x0, y0),
        tiny_skia::Point::from_xy(x1, y1),
        stops,
        tiny_skia::SpreadMode::Pad,
        Transform::identity(),
    )
    .unwrap_or(Shader::SolidColor(sk_color(colors[0], opacity)));
    let mut paint = Paint {
        anti_alias: true,
        shader,
        ..Default::default()
    };
    as_unmasked(&mut paint, mask, Some(stroke));
    pm.stroke_path(sk, &paint, stroke, Transform::identity(), mask);
}

pub(crate) fn draw_picture(
    pic: &crate::scene::Picture,
    view: &View,
    pm: &mut Pixmap,
    mask: Option<&Mask>,
) {
    if pic.opacity <= 0.0 {
        return;
    }
    let Some(size) = tiny_skia::IntSize::from_wh(pic.width, pic.height) else {
        return;
    };
    let Some(src) = tiny_skia::PixmapRef::from_bytes(&pic.pixels, size.width(), size.height())
    else {
        return;
    };
    let (x0, y0) = view.to_px(pic.corners[0]);
    let (x1, y1) = view.to_px(pic.corners[1]);
    let (x2, y2) = view.to_px(pic.corners[2]);
    let (w, h) = (pic.width as f32, pic.height as f32);
    // Image pixel (u, v) → screen: top-left + u·(right edge)/w + v·(down edge)/h.
    let ts = Transform::from_row(
        (x1 - x0) / w,
        (y1 - y0) / w,
        (x2 - x0) / h,
        (y2 - y0) / h,
        x0,
        y0,
    );
    let paint = tiny_skia::PixmapPaint {
        opacity: pic.opacity.clamp(0.0, 1.0),
        quality: tiny_skia::FilterQuality::Bicubic,
        ..Default::default()
    };
    pm.draw_pixmap(0, 0, src, &paint, ts, mask);
}
