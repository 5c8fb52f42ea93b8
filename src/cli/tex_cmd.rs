//! `valley tex`: one formula to a PNG, for users and for the fidelity measure.

use std::path::Path;

use crate::encode::write_png_atomic;
use crate::geom::Vec3;
use crate::render::{render, Frame};
use crate::scene::text::resolve_tex_color;
use crate::scene::{Camera, Color, Mobject, Style};
use crate::tex;

/// Largest em size and image side: checked before any pixmap is allocated.
const MAX_SIZE: f64 = 2000.0;
const MAX_SIDE: f64 = 8192.0;

pub fn run(
    latex: &str,
    out: &Path,
    size: f64,
    color: &str,
    background: &str,
) -> Result<(), String> {
    if !(1.0..=MAX_SIZE).contains(&size) {
        return Err(format!(
            "--size {size} is out of range (1 to {MAX_SIZE} pixels per em)"
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
    let (wf, hf) = ((hi.x - lo.x) + 2.0 * margin, (hi.y - lo.y) + 2.0 * margin);
    if !(wf <= MAX_SIDE && hf <= MAX_SIDE) {
        return Err(format!(
            "the formula at --size {size} would be {wf:.0}×{hf:.0} pixels (at most {MAX_SIDE} a side); use a smaller --size"
        ));
    }
    let w = wf.ceil().max(1.0) as u32;
    let h = hf.ceil().max(1.0) as u32;
    let camera = Camera {
        center: (lo + hi) / 2.0,
        frame_width: w as f64,
        ..Default::default()
    };
    let frame = Frame {
        objects: vec![m],
        camera,
        background: Some(bg),
    };
    let pm = render(&frame, w, h);
    let _: Color = bg;
    write_png_atomic(out, &pm).map_err(|e| format!("cannot write {}: {e}", out.display()))
}
