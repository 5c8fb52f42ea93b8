//! Strict pixel comparison of rendered frames with stored goldens (shared by tests/golden.rs
//! and tests/manim_gallery.rs). A pixel differs when any channel is off by more than 8/255; a
//! frame passes with at most a few dozen differing pixels (anti-aliasing noise), so a changed
//! formula or digit fails. On failure a diff image (expected | mask | actual) is written under
//! the target folder and the message says where the difference is.

use std::path::PathBuf;

use tiny_skia::Pixmap;

pub const W: u32 = 854;
pub const H: u32 = 480;
/// A channel difference above this is a differing pixel.
pub const THRESHOLD: u8 = 8;
/// Differing pixels a frame may have.
pub const ALLOWED: usize = 40;
/// Content probe: differing pixels allowed in any one TILE×TILE square. Anti-aliasing noise is
/// scattered; a changed glyph (one digit of a readout) is a dense cluster even when it is small.
pub const TILE: u32 = 24;
pub const TILE_ALLOWED: usize = 6;

/// The densest tile of differing pixels: (count, x, y of the tile's corner).
pub fn densest_tile(diff: &[(u32, u32)], w: u32) -> (usize, u32, u32) {
    let cols = w.div_ceil(TILE);
    let mut counts = std::collections::HashMap::new();
    for &(x, y) in diff {
        *counts.entry((y / TILE) * cols + x / TILE).or_insert(0usize) += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(k, n)| (n, std::cmp::Reverse(k)))
        .map(|(k, n)| (n, (k % cols) * TILE, (k / cols) * TILE))
        .unwrap_or((0, 0, 0))
}

/// Pixels of `a` and `b` (same size) that differ by more than THRESHOLD in some channel.
pub fn differing(a: &Pixmap, b: &Pixmap) -> Vec<(u32, u32)> {
    differing_by(a, b, THRESHOLD)
}

/// Pixels of `a` and `b` (same size) that differ by more than `threshold` in some channel
/// (0: any difference at all).
pub fn differing_by(a: &Pixmap, b: &Pixmap, threshold: u8) -> Vec<(u32, u32)> {
    let w = a.width();
    a.pixels()
        .iter()
        .zip(b.pixels())
        .enumerate()
        .filter(|(_, (p, q))| {
            let d = |x: u8, y: u8| x.abs_diff(y) > threshold;
            d(p.red(), q.red())
                || d(p.green(), q.green())
                || d(p.blue(), q.blue())
                || d(p.alpha(), q.alpha())
        })
        .map(|(i, _)| (i as u32 % w, i as u32 / w))
        .collect()
}

/// expected | mask (differing pixels red over a dimmed expected frame) | actual.
pub fn diff_image(expected: &Pixmap, actual: &Pixmap, diff: &[(u32, u32)]) -> Pixmap {
    let (w, h) = (expected.width(), expected.height());
    let mut out = Pixmap::new(3 * w, h).unwrap();
    let opaque = |p: tiny_skia::PremultipliedColorU8, k: u8| {
        tiny_skia::PremultipliedColorU8::from_rgba(p.red() / k, p.green() / k, p.blue() / k, 255)
            .unwrap()
    };
    let src_e = expected.pixels();
    let src_a = actual.pixels();
    let dst = out.pixels_mut();
    for y in 0..h {
        for x in 0..w {
            let i = (y * w + x) as usize;
            let row = (y * 3 * w) as usize;
            dst[row + x as usize] = opaque(src_e[i], 1);
            dst[row + (w + x) as usize] = opaque(src_e[i], 4);
            dst[row + (2 * w + x) as usize] = opaque(src_a[i], 1);
        }
    }
    for &(x, y) in diff {
        dst[(y * 3 * w + w + x) as usize] =
            tiny_skia::PremultipliedColorU8::from_rgba(255, 0, 0, 255).unwrap();
    }
    out
}

/// Where the differing pixels are: their bounding box, in pixels and as a part of the frame.
pub fn where_(diff: &[(u32, u32)], w: u32, h: u32) -> String {
    let x0 = diff.iter().map(|p| p.0).min().unwrap_or(0);
    let x1 = diff.iter().map(|p| p.0).max().unwrap_or(0);
    let y0 = diff.iter().map(|p| p.1).min().unwrap_or(0);
    let y1 = diff.iter().map(|p| p.1).max().unwrap_or(0);
    let part = |v: u32, n: u32, names: [&'static str; 3]| names[(v * 3 / n).min(2) as usize];
    let (cx, cy) = ((x0 + x1) / 2, (y0 + y1) / 2);
    format!(
        "x {x0}..={x1}, y {y0}..={y1} ({} {} of the frame)",
        part(cy, h, ["top", "middle", "bottom"]),
        part(cx, w, ["left", "centre", "right"])
    )
}

/// Compares a rendered frame with its golden `tests/{folder}/{name}.png`; on failure writes the
/// diff image and panics with the count and the place. With VALLEY_BLESS set it stores the frame
/// as the golden instead.
pub fn compare_in(folder: &str, name: &str, actual: &Pixmap) {
    let path = super::root().join(format!("tests/{folder}/{name}.png"));
    if std::env::var_os("VALLEY_BLESS").is_some() {
        actual.save_png(&path).unwrap();
        return;
    }
    let golden = Pixmap::load_png(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (bless with VALLEY_BLESS=1)", path.display()));
    assert_eq!(
        (golden.width(), golden.height()),
        (actual.width(), actual.height()),
        "{name}: size"
    );
    let diff = differing(&golden, actual);
    let (dense, tx, ty) = densest_tile(&diff, actual.width());
    if diff.len() > ALLOWED || dense > TILE_ALLOWED {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{folder}-diff"));
        std::fs::create_dir_all(&dir).unwrap();
        let out = dir.join(format!("{name}.png"));
        diff_image(&golden, actual, &diff).save_png(&out).unwrap();
        panic!(
            "{name}: {} pixels differ by more than {THRESHOLD}/255 (at most {ALLOWED} may) at {}; \
             {dense} of them in the {TILE}×{TILE} square at ({tx}, {ty}) (at most {TILE_ALLOWED} may); \
             diff image (expected | mask | actual): {}",
            diff.len(),
            where_(&diff, actual.width(), actual.height()),
            out.display()
        );
    }
}
