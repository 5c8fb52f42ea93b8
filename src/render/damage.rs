//! Drawing only what changed. In a typical 2D explainer most of the picture (axes, a curve,
//! labels) stays put while a dot or a number moves, yet clearing, drawing and converting a whole
//! 1080p frame touches 11 MB. Given the frame a pixmap already shows, [`changed_rows`] finds
//! the bands of rows where the new frame can differ, and [`render_over`] clears and draws only
//! those, clipped to them by a mask.
//!
//! The result is the same, pixel for pixel, as drawing the frame afresh (tested on every 2D
//! scene of the repository, and the whole video came out byte for byte the same). Why: objects are compared in add order, and an object that differs
//! marks the rows its old and its new drawing can reach. Outside those rows every pixel is
//! covered by the same objects, drawn in the same order, so it is unchanged. Inside them the
//! background is painted again and every object reaching them is drawn again in order, through
//! a mask of 255 there (tiny-skia's mask stage scales colour by 255/255, which is exact; see
//! `as_unmasked` for the blend mode).
//! Whatever this cannot bound (zoomed insets, which draw other objects again, a change of
//! camera or background) makes it draw the whole frame.
//!
//! A 3D frame drawn over a layer of the 3D renderer's cache (a still camera) differs from the
//! layer's pixels only in the rectangles its moving objects reach; a pixmap that shows such a
//! frame is made to show another over the same layer by putting the layer's pixels back in the
//! old rectangles and drawing the new ones ([`Shown`] remembers which).

use std::ops::Range;
use std::sync::Arc;

use tiny_skia::{Mask, Pixmap};

use super::depth::{self, Over};
use super::{
    background, draw_leaf_masked, leaves_in_order, overlay, stroke_for, Cache, Frame, View,
};
use crate::scene::{Color, Joint, Mobject};

/// Above this share of the rows a full redraw is as cheap (and needs no mask).
const MAX_SHARE: f64 = 0.6;

/// Rows closer than this are drawn as one band (fewer passes over the leaves).
const JOIN_GAP: u32 = 16;

/// Pixels of margin around a leaf's bounds: anti-aliasing reaches 1 pixel out, and image
/// filtering (bicubic) 2; the rest is slack against rounding.
const MARGIN: f64 = 3.0;

/// What [`render_over`] keeps between frames: the clipping mask (as large as the frame) and
/// the rows it lets through now (cleared again before the next frame's are set).
#[derive(Default)]
pub struct Clip {
    mask: Option<Mask>,
    open: Vec<Range<u32>>,
}

/// Whether a later frame can be drawn over this one in part by comparing the two:
/// [`changed_rows`] bounds flat frames only (3D frames go through the cache's layer instead).
fn can_draw_over(frame: &Frame) -> bool {
    !frame.camera.perspective
}

/// What a pixmap (or a picture converted from one) shows, as far as drawing another frame over
/// it goes: a flat frame, or a 3D frame drawn over a layer of the cache.
#[derive(Clone)]
pub struct Shown(Kind);

#[derive(Clone)]
enum Kind {
    Flat(Frame),
    Layered(Over),
}

impl Shown {
    /// The rows (bands, top to bottom, even-aligned) where what `next` shows can differ from
    /// this, at `width` × `height`; `None` when that is unknown or most of the frame.
    pub fn rows_to(&self, next: &Shown, width: u32, height: u32) -> Option<Vec<Range<u32>>> {
        match (&self.0, &next.0) {
            (Kind::Flat(a), Kind::Flat(b)) => changed_rows(a, b, width, height),
            (Kind::Layered(a), Kind::Layered(b)) => layered_rows(a, b, height),
            _ => None,
        }
    }

    /// Whether the two show the same: then [`Shown::rows_to`] from either to a third is the same.
    pub fn same(&self, other: &Shown) -> bool {
        match (&self.0, &other.0) {
            (Kind::Flat(a), Kind::Flat(b)) => same_frame(a, b),
            (Kind::Layered(a), Kind::Layered(b)) => a == b,
            _ => false,
        }
    }
}

/// The rows where two frames drawn over layers can differ: those their rectangles cover, if
/// the layer is the same.
fn layered_rows(a: &Over, b: &Over, height: u32) -> Option<Vec<Range<u32>>> {
    if a.layer != b.layer {
        return None;
    }
    let spans = (a.rects.iter().chain(&b.rects))
        .map(|r| (r.y as f64, (r.y + r.h) as f64 - 1.0))
        .collect();
    within_share(to_bands(spans, height), height)
}

/// `bands`, or None where they cover so much of the frame that doing all of it costs as much.
fn within_share(bands: Vec<Range<u32>>, height: u32) -> Option<Vec<Range<u32>>> {
    let rows: u32 = bands.iter().map(|r| r.end - r.start).sum();
    (rows as f64 <= MAX_SHARE * height as f64).then_some(bands)
}

/// The rows (bands, top to bottom, even-aligned for 4:2:0 chroma) where `new` can differ from
/// `old`, both drawn at `width` × `height`; `None` when that cannot be bounded or covers
/// most of the frame (draw and convert everything).
pub fn changed_rows(old: &Frame, new: &Frame, width: u32, height: u32) -> Option<Vec<Range<u32>>> {
    if !can_draw_over(old)
        || !can_draw_over(new)
        || old.camera != new.camera
        || old.background != new.background
        || old.transparent != new.transparent
    {
        return None;
    }
    let view = View::new(&new.camera, width, height);
    let fixed = overlay::frame_view(width, height);
    let mut spans: Vec<(f64, f64)> = Vec::new();
    let n = old.objects.len().max(new.objects.len());
    for i in 0..n {
        let (a, b) = (old.objects.get(i), new.objects.get(i));
        if let (Some(a), Some(b)) = (a, b) {
            if Arc::ptr_eq(a, b) || a == b {
                continue;
            }
        }
        for m in [a, b].into_iter().flatten() {
            for leaf in m.leaves() {
                let v = if leaf.fixed_in_frame { &fixed } else { &view };
                spans.push(leaf_rows(leaf, v)?);
            }
        }
    }
    // A zoomed inset draws other objects again into its display: not bounded here.
    fn zoomed(m: &Mobject) -> bool {
        (m.has_points() && m.zoom.is_some()) || m.children.iter().any(zoomed)
    }
    let inset = |f: &Frame| f.objects.iter().any(|m| zoomed(m));
    if !spans.is_empty() && (inset(old) || inset(new)) {
        return None;
    }
    within_share(to_bands(spans, height), height)
}

/// The rows a leaf's drawing can reach, conservatively: the projected control points (a
/// Bézier lies in their hull, and a flat camera is affine), widened by the stroke (a mitred
/// corner reaches `miter_limit` half-widths out) and a margin.
fn leaf_rows(leaf: &Mobject, view: &View) -> Option<(f64, f64)> {
    if leaf.billboard.is_some() {
        return None;
    }
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    let mut add = |y: f32| {
        lo = lo.min(y as f64);
        hi = hi.max(y as f64);
    };
    leaf.path.for_each_point(|p| add(view.to_px(p).1));
    if let Some(pic) = &leaf.picture {
        let [a, b, c] = [pic.corners[0], pic.corners[1], pic.corners[2]];
        for p in [a, b, c, b + c - a] {
            add(view.to_px(p).1);
        }
    }
    if lo > hi {
        // Nothing drawn.
        return Some((0.0, -1.0));
    }
    if !(lo.is_finite() && hi.is_finite()) {
        return None;
    }
    let st = &leaf.style;
    let reach = if st.stroke_width > 0.0 && st.stroke_opacity > 0.0 {
        let half = stroke_for(st, view).width as f64 / 2.0;
        match st.joint {
            Joint::Round | Joint::Bevel => half,
            Joint::Auto | Joint::Miter => half * 10.0,
        }
    } else {
        0.0
    };
    Some((lo - reach - MARGIN, hi + reach + MARGIN))
}

/// Spans of rows (fractional, unclamped) → sorted, merged, even-aligned bands within the frame.
fn to_bands(mut spans: Vec<(f64, f64)>, height: u32) -> Vec<Range<u32>> {
    spans.retain(|s| s.0 <= s.1 && s.1 >= 0.0 && s.0 < height as f64);
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Clamped before the casts: a huge object's rows lie far beyond `u32`.
    let row = |y: f64| y.clamp(0.0, height as f64);
    let even_down = |y: f64| (row(y).floor() as u32) & !1;
    let even_up = |y: f64| ((row(y).ceil() as u32 + 1) & !1).min(height);
    let mut bands: Vec<Range<u32>> = Vec::new();
    for (lo, hi) in spans {
        let r = even_down(lo)..even_up(hi + 1.0);
        match bands.last_mut() {
            Some(last) if r.start <= last.end + JOIN_GAP => last.end = last.end.max(r.end),
            _ => bands.push(r),
        }
    }
    bands
}

/// Whether two frames show the same objects (the same `Arc`s, in order) the same way: then
/// [`changed_rows`] from either to a third frame is the same.
fn same_frame(a: &Frame, b: &Frame) -> bool {
    a.camera == b.camera
        && a.background == b.background
        && a.transparent == b.transparent
        && a.objects.len() == b.objects.len()
        && a.objects
            .iter()
            .zip(&b.objects)
            .all(|(x, y)| Arc::ptr_eq(x, y))
}

/// What [`render_over`] did.
pub struct Drawn {
    /// What the pixmap shows now, if a later frame can be drawn over it in part.
    pub shows: Option<Shown>,
    /// The rows where the pixmap changed (`Shown::rows_to` from what it showed before), `None`
    /// for all of them.
    pub rows: Option<Vec<Range<u32>>>,
}

/// Draws `frame` into `pm`, which already shows `shown` (or anything, when `None`): only the
/// rows where they differ are painted again. The pixels come out as `render_into_cached` gives.
pub fn render_over(
    frame: &Frame,
    pm: &mut Pixmap,
    shown: Option<&Shown>,
    clip: &mut Clip,
    cache: &Cache,
) -> Drawn {
    if frame.camera.perspective {
        return render_over_3d(frame, pm, shown, cache);
    }
    let now = Shown(Kind::Flat(frame.clone()));
    let bands = shown.and_then(|s| s.rows_to(&now, pm.width(), pm.height()));
    let Some(bands) = bands else {
        super::render_into_cached(frame, pm, cache);
        return Drawn {
            shows: Some(now),
            rows: None,
        };
    };
    let drawn = Drawn {
        shows: Some(now),
        rows: Some(bands),
    };
    let Some(bands) = drawn.rows.as_deref().filter(|b| !b.is_empty()) else {
        return drawn;
    };
    let (w, h) = (pm.width(), pm.height());
    let mask = match &mut clip.mask {
        Some(m) if m.width() == w && m.height() == h => m,
        slot => {
            clip.open.clear();
            slot.insert(Mask::new(w, h).expect("frame size was checked"))
        }
    };
    let rows = |r: &Range<u32>| (r.start * w) as usize..(r.end * w) as usize;
    let data = mask.data_mut();
    for r in clip.open.drain(..) {
        data[rows(&r)].fill(0);
    }
    for r in bands {
        data[rows(r)].fill(255);
    }
    clip.open.extend(bands.iter().cloned());
    // The bytes `Pixmap::fill` writes.
    let px = background(frame).premultiply().to_color_u8();
    for r in bands {
        pm.pixels_mut()[rows(r)].fill(px);
    }
    let view = View::new(&frame.camera, w, h);
    let fixed = overlay::frame_view(w, h);
    for leaf in leaves_in_order(frame) {
        let v = if leaf.fixed_in_frame { &fixed } else { &view };
        let reaches = match leaf_rows(leaf, v) {
            Some((lo, hi)) => bands
                .iter()
                .any(|r| hi >= r.start as f64 && lo < r.end as f64),
            None => true,
        };
        if reaches {
            draw_leaf_masked(leaf, v, pm, Some(mask));
        }
    }
    drawn
}

/// `render_over` for a 3D frame: over the pixels of the same layer of the cache, only the
/// rectangles where the frame before or this one differ from them are drawn. Objects fixed in
/// the frame are drawn flat over the 3D pass, so a frame with them shows more than the layer
/// and the rectangles: the next is drawn whole.
fn render_over_3d(frame: &Frame, pm: &mut Pixmap, shown: Option<&Shown>, cache: &Cache) -> Drawn {
    let before = shown.and_then(|s| match &s.0 {
        Kind::Layered(o) => Some(o),
        Kind::Flat(_) => None,
    });
    let (scene, fixed) = overlay::split(&frame.objects);
    let bg = frame.background.unwrap_or(Color::BLACK);
    let view = View::new(&frame.camera, pm.width(), pm.height());
    let over = depth::draw_3d_over(&scene, &view, bg, pm, cache, before);
    overlay::draw(&fixed, pm);
    let over = over.filter(|_| fixed.is_empty());
    let rows = before
        .zip(over.as_ref())
        .and_then(|(b, n)| layered_rows(b, n, pm.height()));
    Drawn {
        shows: over.map(|o| Shown(Kind::Layered(o))),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_merge_into_even_bands_within_the_frame() {
        let b = to_bands(
            vec![(10.5, 12.0), (-5.0, 3.0), (100.0, 101.0), (20.0, 30.0)],
            108,
        );
        assert_eq!(b, vec![0..32, 100..102]);
        assert!(to_bands(vec![(200.0, 300.0)], 108).is_empty());
        assert_eq!(to_bands(vec![(100.0, 300.0)], 108), vec![100..108]);
        // Far beyond a u32 of rows: the whole frame from there, not nothing.
        assert_eq!(to_bands(vec![(-1e12, 1e12)], 108), vec![0..108]);
        assert_eq!(
            to_bands(vec![(50.0, 60.0), (-1e12, 1e12)], 108),
            vec![0..108]
        );
    }
}
