//! `-t`: frames with a transparent background. The renderer paints an opaque background, so a
//! transparent frame is recovered exactly from two renders of the same instant, over black and
//! over white (difference matting): over black a pixel is its premultiplied colour C; over white
//! it is C + (1 − α). Everything the renderer draws is source-over, so this is exact up to the
//! 8-bit rounding of each render.

use tiny_skia::{Pixmap, PremultipliedColorU8};

use crate::pipeline::render_at;
use crate::scene::Color;
use crate::timeline::Timeline;

/// Copies of a timeline with a black and with a white background.
pub fn backdrops(tl: &Timeline) -> (Timeline, Timeline) {
    let mut black = tl.clone();
    black.background = Some(Color::BLACK);
    let mut white = tl.clone();
    white.background = Some(Color::WHITE);
    (black, white)
}

/// The transparent frame from the same frame over black and over white.
pub fn matte(over_black: &Pixmap, over_white: &Pixmap) -> Pixmap {
    let mut out = over_black.clone();
    let w = over_white.pixels();
    for (o, w) in out.pixels_mut().iter_mut().zip(w) {
        // 255·(1 − α) = white − black, per channel; the mean of the three is the best estimate.
        let d = (w.red() as i32 - o.red() as i32)
            + (w.green() as i32 - o.green() as i32)
            + (w.blue() as i32 - o.blue() as i32);
        let a = (255 - (d as f32 / 3.0).round() as i32).clamp(0, 255) as u8;
        *o = PremultipliedColorU8::from_rgba(o.red().min(a), o.green().min(a), o.blue().min(a), a)
            .unwrap_or(PremultipliedColorU8::TRANSPARENT);
    }
    out
}

/// One transparent frame at time `t`.
pub fn render_transparent(
    black: &Timeline,
    white: &Timeline,
    t: f64,
    width: u32,
    height: u32,
) -> Result<Pixmap, String> {
    let b = render_at(black, t, width, height)?;
    let w = render_at(white, t, width, height)?;
    Ok(matte(&b, &w))
}
