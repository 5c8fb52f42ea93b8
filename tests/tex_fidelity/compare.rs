//! The score of `texcompare.py` (the shared LaTeX-fidelity tool) in Rust, so that the fidelity test
//! needs neither Python nor numpy. Each step follows Pillow's integer arithmetic (luma conversion,
//! BOX resampling with 22-bit fixed-point weights, Gaussian blur as three extended box blurs) so the
//! scores agree with the Python tool's to about 0.001.

use std::path::Path;

/// Ink coverage (0..1) cropped to its bounding box: (width, height, values), or None if blank.
pub struct Ink {
    w: usize,
    h: usize,
    c: Vec<f32>,
}

/// Reads a PNG as Pillow's `convert("L")` does (ITU-R 601 luma, alpha ignored) and crops it to its ink.
pub fn ink(path: &Path) -> Option<Ink> {
    let img = image::open(path).ok()?.into_rgb8();
    let (w0, h0) = (img.width() as usize, img.height() as usize);
    if w0 < 5 || h0 < 5 {
        return None;
    }
    let luma: Vec<f32> = img
        .pixels()
        .map(|p| {
            let [r, g, b] = p.0;
            let l = (r as u32 * 19595 + g as u32 * 38470 + b as u32 * 7471 + 0x8000) >> 16;
            l as f32 / 255.0
        })
        .collect();
    // Drop 2 px all round: page-edge rounding can leave a stray line at the border.
    let (w, h) = (w0 - 4, h0 - 4);
    let a = |x: usize, y: usize| luma[(y + 2) * w0 + x + 2];
    let mut border: Vec<f32> = Vec::with_capacity(2 * (w + h));
    border.extend((0..w).map(|x| a(x, 0)));
    border.extend((0..w).map(|x| a(x, h - 1)));
    border.extend((0..h).map(|y| a(0, y)));
    border.extend((0..h).map(|y| a(w - 1, y)));
    border.sort_by(f32::total_cmp);
    let n = border.len();
    let bg = if n % 2 == 1 {
        border[n / 2]
    } else {
        (border[n / 2 - 1] + border[n / 2]) / 2.0
    };
    let scale = 1e-6f32.max(bg.max(1.0 - bg));
    let cov = |x, y| ((a(x, y) - bg).abs() / scale).clamp(0.0, 1.0);
    let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
    for y in 0..h {
        for x in 0..w {
            if cov(x, y) > 0.35 {
                x0 = x0.min(x);
                x1 = x1.max(x);
                y0 = y0.min(y);
                y1 = y1.max(y);
            }
        }
    }
    if x0 == usize::MAX {
        return None;
    }
    let (cw, ch) = (x1 - x0 + 1, y1 - y0 + 1);
    let mut c = Vec::with_capacity(cw * ch);
    for y in y0..=y1 {
        for x in x0..=x1 {
            c.push(cov(x, y));
        }
    }
    Some(Ink { w: cw, h: ch, c })
}

/// A grey image in bytes, as Pillow holds an "L" image.
struct Grey {
    w: usize,
    h: usize,
    p: Vec<u8>,
}

const PRECISION_BITS: u32 = 32 - 8 - 2;

/// Pillow's `precompute_coeffs` for the BOX filter, in 8-bit fixed point: per output pixel the first
/// input index and the weights.
fn box_coeffs(in_size: usize, out_size: usize) -> Vec<(usize, Vec<i32>)> {
    let scale = in_size as f64 / out_size as f64;
    let filterscale = scale.max(1.0);
    let support = 0.5 * filterscale;
    (0..out_size)
        .map(|xx| {
            let center = (xx as f64 + 0.5) * scale;
            let ss = 1.0 / filterscale;
            let xmin = ((center - support + 0.5) as i64).max(0) as usize;
            let xmax = ((center + support + 0.5) as i64).min(in_size as i64) as usize;
            let raw: Vec<f64> = (xmin..xmax)
                .map(|x| {
                    let t = (x as f64 - center + 0.5) * ss;
                    if t > -0.5 && t <= 0.5 {
                        1.0
                    } else {
                        0.0
                    }
                })
                .collect();
            let sum: f64 = raw.iter().sum();
            let k = raw
                .iter()
                .map(|&w| {
                    let w = if sum != 0.0 { w / sum } else { w };
                    let f = w * (1u32 << PRECISION_BITS) as f64;
                    if f < 0.0 {
                        (-0.5 + f) as i32
                    } else {
                        (0.5 + f) as i32
                    }
                })
                .collect();
            (xmin, k)
        })
        .collect()
}

fn clip8(v: i64) -> u8 {
    (v >> PRECISION_BITS).clamp(0, 255) as u8
}

/// `Image.resize((w, h), Image.BOX)`: horizontal pass, then vertical.
fn resize_box(g: &Grey, w: usize, h: usize) -> Grey {
    let mut cur = Grey {
        w: g.w,
        h: g.h,
        p: g.p.clone(),
    };
    if w != cur.w {
        let k = box_coeffs(cur.w, w);
        let mut p = vec![0u8; w * cur.h];
        for y in 0..cur.h {
            for (x, (x0, ws)) in k.iter().enumerate() {
                let mut ss: i64 = 1 << (PRECISION_BITS - 1);
                for (i, &wt) in ws.iter().enumerate() {
                    ss += cur.p[y * cur.w + x0 + i] as i64 * wt as i64;
                }
                p[y * w + x] = clip8(ss);
            }
        }
        cur = Grey { w, h: cur.h, p };
    }
    if h != cur.h {
        let k = box_coeffs(cur.h, h);
        let mut p = vec![0u8; cur.w * h];
        for (y, (y0, ws)) in k.iter().enumerate() {
            for x in 0..cur.w {
                let mut ss: i64 = 1 << (PRECISION_BITS - 1);
                for (i, &wt) in ws.iter().enumerate() {
                    ss += cur.p[(y0 + i) * cur.w + x] as i64 * wt as i64;
                }
                p[y * cur.w + x] = clip8(ss);
            }
        }
        cur = Grey { w: cur.w, h, p };
    }
    cur
}

/// Pillow's box radius that makes `passes` box blurs approximate a Gaussian of std-dev `radius`.
fn gaussian_box_radius(radius: f32, passes: u32) -> f32 {
    let sigma2 = radius * radius / passes as f32;
    let big_l = (12.0 * sigma2 + 1.0).sqrt();
    let l = ((big_l - 1.0) / 2.0).floor();
    let mut a = (2.0 * l + 1.0) * (l * (l + 1.0) - 3.0 * sigma2);
    a /= 6.0 * (sigma2 - (l + 1.0) * (l + 1.0));
    l + a
}

/// One extended box blur along a line (Pillow's `ImagingLineBoxBlur8`), edges repeated.
fn box_line(line: &[u8], out: &mut [u8], radius: f32) {
    let r = radius as i64;
    let ww = ((1u32 << 24) as f32 / (radius * 2.0 + 1.0)) as u32 as u64;
    let fw = ((1u64 << 24) - (r as u64 * 2 + 1) * ww) / 2;
    let last = line.len() as i64 - 1;
    let at = |i: i64| line[i.clamp(0, last) as usize] as u64;
    for x in 0..line.len() as i64 {
        let acc: u64 = (x - r..=x + r).map(at).sum();
        let bulk = acc * ww + (at(x - r - 1) + at(x + r + 1)) * fw;
        out[x as usize] = ((bulk + (1 << 23)) >> 24) as u8;
    }
}

/// `ImageFilter.GaussianBlur(radius)`: three box blurs along rows, then three along columns.
fn gaussian_blur(g: &mut Grey, radius: f32) {
    let r = gaussian_box_radius(radius, 3);
    let mut out = vec![0u8; g.w.max(g.h)];
    for y in 0..g.h {
        for _ in 0..3 {
            let row = &mut g.p[y * g.w..(y + 1) * g.w];
            box_line(row, &mut out[..g.w], r);
            row.copy_from_slice(&out[..g.w]);
        }
    }
    let mut col = vec![0u8; g.h];
    for x in 0..g.w {
        for (y, c) in col.iter_mut().enumerate() {
            *c = g.p[y * g.w + x];
        }
        for _ in 0..3 {
            box_line(&col, &mut out[..g.h], r);
            col.copy_from_slice(&out[..g.h]);
        }
        for (y, c) in col.iter().enumerate() {
            g.p[y * g.w + x] = *c;
        }
    }
}

/// Scales ink onto a w×h box and blurs it by 1.5 px, padded by 3 px of zeros all round.
fn fit(c: &Ink, w: usize, h: usize) -> Vec<f64> {
    let g = Grey {
        w: c.w,
        h: c.h,
        p: c.c.iter().map(|&v| (v * 255.0) as u8).collect(),
    };
    let mut g = resize_box(&g, w, h);
    gaussian_blur(&mut g, 1.5);
    let (pw, ph) = (w + 6, h + 6);
    let mut out = vec![0.0; pw * ph];
    for y in 0..h {
        for x in 0..w {
            out[(y + 3) * pw + x + 3] = g.p[y * w + x] as f64 / 255.0;
        }
    }
    out
}

/// (aspect of ours ÷ reference, best ncc over shifts of ±3 px), or None if either is blank.
pub fn compare(ours: &Path, reference: &Path) -> Option<(f64, f64)> {
    let (a, r) = (ink(ours)?, ink(reference)?);
    let aspect = (a.w as f64 / a.h as f64) / (r.w as f64 / r.h as f64);
    let h = 64;
    let w = ((r.w as f64 * h as f64 / r.h as f64).round_ties_even() as usize).max(1);
    let (pa, pr) = (fit(&a, w, h), fit(&r, w, h));
    let (pw, ph) = (w + 6, h + 6);
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let (ma, mr) = (mean(&pa), mean(&pr));
    let y: Vec<f64> = pr.iter().map(|v| v - mr).collect();
    let yy: f64 = y.iter().map(|v| v * v).sum();
    let xx: f64 = pa.iter().map(|v| (v - ma) * (v - ma)).sum();
    let mut best = 0.0f64;
    for dy in -3i64..=3 {
        for dx in -3i64..=3 {
            // np.roll: the shifted image wraps round.
            let mut xy = 0.0;
            for row in 0..ph {
                let sy = (row as i64 - dy).rem_euclid(ph as i64) as usize;
                for col in 0..pw {
                    let sx = (col as i64 - dx).rem_euclid(pw as i64) as usize;
                    xy += (pa[sy * pw + sx] - ma) * y[row * pw + col];
                }
            }
            best = best.max(xy / (xx * yy).sqrt().max(1e-9));
        }
    }
    Some((aspect, best))
}
