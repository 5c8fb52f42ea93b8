//! `valley tex`: one formula to a PNG, for users and for the fidelity measure.

use std::path::Path;

use crate::encode::write_png_atomic;
use crate::geom::Vec3;
use crate::render::{render, Frame};
use crate::scene::text::resolve_tex_color;
use crate::scene::{Camera, Color, Mobject, Style};
use crate::tex;

/// Largest em size accepted, in pixels: far above any use (a 4K-wide formula needs a few hundred).
pub const MAX_SIZE: f64 = 10_000.0;
/// Largest image side and area: checked before anything is allocated.
pub const MAX_SIDE: f64 = 16_384.0;
pub const MAX_PIXELS: f64 = 64.0 * 1024.0 * 1024.0;

pub fn run(
    latex: &str,
    out: &Path,
    size: f64,
    color: &str,
    background: &str,
) -> Result<(), String> {
    if !(size.is_finite() && (1.0..=MAX_SIZE).contains(&size)) {
        return Err(format!(
            "--size {size} is out of range: give the size of one em in pixels, from 1 to {MAX_SIZE}"
        ));
    }
    if let Some(what) = crate::encode::not_replaceable(out) {
        return Err(format!(
            "cannot write {}: it is {what}; valley only replaces regular files",
            out.display()
        ));
    }
    let ink = resolve_tex_color(color).ok_or_else(|| format!("unknown colour '{color}'"))?;
    let bg =
        resolve_tex_color(background).ok_or_else(|| format!("unknown colour '{background}'"))?;
    let ts = tex::typeset_parts(&[latex])
        .map_err(|e| crate::diag::render_inline("formula", latex, &e.message, e.span.clone()))?;
    // Work in pixels: 1 em = `size` px; margin of a quarter em.
    let margin = size * 0.25;
    let mut leaves = Vec::new();
    for it in &ts.items {
        let p = tex::item_path(it).map(&|p| Vec3::xy(p.x * size, p.y * size));
        let c = it
            .color
            .as_deref()
            .and_then(resolve_tex_color)
            .unwrap_or(ink);
        let mut leaf = Mobject::leaf(p, Style::filled(c));
        leaf.style.stroke_width = 0.0;
        leaves.push(leaf);
    }
    let m = Mobject::group(leaves);
    let (lo, hi) = m.bounds().unwrap_or((Vec3::ZERO, Vec3::xy(1.0, 1.0)));
    let (wf, hf) = (
        ((hi.x - lo.x) + 2.0 * margin).ceil().max(1.0),
        ((hi.y - lo.y) + 2.0 * margin).ceil().max(1.0),
    );
    if wf > MAX_SIDE || hf > MAX_SIDE || wf * hf > MAX_PIXELS {
        return Err(format!(
            "the image would be {wf}×{hf} pixels, more than valley writes (at most {MAX_SIDE} a side and {} megapixels): use a smaller --size",
            MAX_PIXELS / 1048576.0
        ));
    }
    let (w, h) = (wf as u32, hf as u32);
    let camera = Camera {
        center: (lo + hi) / 2.0,
        frame_width: w as f64,
        ..Default::default()
    };
    let frame = Frame {
        objects: vec![std::sync::Arc::new(m)],
        camera,
        background: Some(bg),
        transparent: false,
    };
    let pm = render(&frame, w, h);
    let _: Color = bg;
    write_png_atomic(out, &pm).map_err(|e| format!("cannot write {}: {e}", out.display()))
}
