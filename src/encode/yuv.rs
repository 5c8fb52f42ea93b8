//! Pixel conversion from the renderer's premultiplied RGBA to what the encoders take, written
//! as plain row loops over fixed-point BT.709 coefficients so that the compiler vectorizes them.
//! It runs in the render workers (not on the encoding thread), one frame per call, into
//! buffers that are reused frame after frame.

/// What an encoder takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// 8-bit 4:2:0, limited range (H.264, VP9).
    Yuv420,
    /// 8-bit 4:2:0 with a full-resolution alpha plane (VP9 with alpha).
    Yuva420,
    /// 10-bit 4:4:4 with alpha, little-endian 16-bit words (ProRes 4444).
    Yuva444p10,
    /// Opaque RGBA: the picture over black, alpha 255 (the GIF filter graph).
    Rgba,
    /// Straight (not premultiplied) RGBA (the GIF filter graph, keeping transparency).
    RgbaAlpha,
}

/// Fixed-point (×32768, so that they fit the 16-bit lanes of a multiply-add) BT.709
/// limited-range coefficients for 8-bit RGB: rows Y, Cb, Cr. Each chroma row sums to 0 so that
/// greys have no colour.
const K8: [[i32; 3]; 3] = [
    [5983, 20127, 2032],
    [-3298, -11094, 14392],
    [14392, -13072, -1320],
];
/// Luma: + 16 and rounding, then >> 15. Chroma of a 2×2 sum: + 128 and rounding, then >> 17.
const Y_OFF: i32 = (16 << 15) + (1 << 14);
const C_OFF: i32 = (128 << 17) + (1 << 16);
/// The same for 10-bit output (Y 64–940, C 64–960).
const K10: [[i32; 3]; 3] = [
    [47864, 161017, 16255],
    [-26383, -88755, 115138],
    [115138, -104581, -10557],
];

/// 65536·255 / a: un-premultiplies a channel with one multiply.
fn unpremul_table() -> &'static [u32; 256] {
    static T: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut t = [0u32; 256];
        for (a, v) in t.iter_mut().enumerate().skip(1) {
            *v = ((255u32 << 16) + a as u32 / 2) / a as u32;
        }
        t
    })
}

/// Premultiplied → straight RGBA, one row.
fn unpremultiply(src: &[u8], dst: &mut [u8]) {
    let t = unpremul_table();
    for (d, s) in dst.chunks_exact_mut(4).zip(src.chunks_exact(4)) {
        let a = s[3];
        let k = t[a as usize];
        for c in 0..3 {
            d[c] = ((s[c] as u32 * k + 32768) >> 16).min(255) as u8;
        }
        d[3] = a;
    }
}

#[inline(always)]
fn luma8(p: &[u8]) -> u8 {
    let k = &K8[0];
    ((k[0] * p[0] as i32 + k[1] * p[1] as i32 + k[2] * p[2] as i32 + Y_OFF) >> 15) as u8
}

fn luma_row(src: &[u8], dst: &mut [u8]) {
    for (d, p) in dst.iter_mut().zip(src.chunks_exact(4)) {
        *d = luma8(p);
    }
}

/// Cb and Cr of 2×2 blocks from two rows (the second may be the first again at an odd edge).
fn chroma_row(r0: &[u8], r1: &[u8], width: usize, u: &mut [u8], v: &mut [u8]) {
    let cw = width.div_ceil(2);
    for x in 0..cw {
        let a = x * 8;
        let b = if 2 * x + 1 < width { a + 4 } else { a };
        let mut s = [0i32; 3];
        for (c, sc) in s.iter_mut().enumerate() {
            *sc = r0[a + c] as i32 + r0[b + c] as i32 + r1[a + c] as i32 + r1[b + c] as i32;
        }
        // The sums are 4× the average: shift by 17 instead of 15.
        let cb = K8[1][0] * s[0] + K8[1][1] * s[1] + K8[1][2] * s[2];
        let cr = K8[2][0] * s[0] + K8[2][1] * s[1] + K8[2][2] * s[2];
        u[x] = ((cb + C_OFF) >> 17).clamp(0, 255) as u8;
        v[x] = ((cr + C_OFF) >> 17).clamp(0, 255) as u8;
    }
}

/// 16 pixels of two rows: their lumas and the 8 chromas of their 2×2 blocks. Fixed sizes and
/// no branches, so that the compiler turns it into vector code.
#[inline(always)]
fn block16(r0: &[u8], r1: &[u8], y0: &mut [u8], y1: &mut [u8], u: &mut [u8], v: &mut [u8]) {
    let rows = [&r0[..64], &r1[..64]];
    let (y0, y1, u, v) = (&mut y0[..16], &mut y1[..16], &mut u[..8], &mut v[..8]);
    // Whole pixels as words, then channels by shifts and masks: no byte shuffles.
    let mut c = [[[0i32; 16]; 3]; 2];
    for (row, src) in rows.iter().enumerate() {
        let mut px = [0u32; 16];
        for (i, p) in px.iter_mut().enumerate() {
            *p = u32::from_le_bytes([src[4 * i], src[4 * i + 1], src[4 * i + 2], src[4 * i + 3]]);
        }
        for i in 0..16 {
            c[row][0][i] = (px[i] & 0xff) as i32;
            c[row][1][i] = ((px[i] >> 8) & 0xff) as i32;
            c[row][2][i] = ((px[i] >> 16) & 0xff) as i32;
        }
    }
    let k = &K8;
    for (row, yd) in [y0, y1].into_iter().enumerate() {
        let [r, g, b] = &c[row];
        for i in 0..16 {
            yd[i] = ((k[0][0] * r[i] + k[0][1] * g[i] + k[0][2] * b[i] + Y_OFF) >> 15) as u8;
        }
    }
    // Vertical sums first (contiguous), then pairs.
    let mut vs = [[0i32; 16]; 3];
    for ch in 0..3 {
        for i in 0..16 {
            vs[ch][i] = c[0][ch][i] + c[1][ch][i];
        }
    }
    for j in 0..8 {
        let s = |ch: usize| vs[ch][2 * j] + vs[ch][2 * j + 1];
        let (sr, sg, sb) = (s(0), s(1), s(2));
        // The sums are 4× the average: shift by 17 instead of 15. In range for any input.
        u[j] = ((k[1][0] * sr + k[1][1] * sg + k[1][2] * sb + C_OFF) >> 17) as u8;
        v[j] = ((k[2][0] * sr + k[2][1] * sg + k[2][2] * sb + C_OFF) >> 17) as u8;
    }
}

/// Two rows of RGBA (the second may repeat the first at an odd bottom edge) into two luma rows
/// and one row of each chroma.
#[inline(always)]
fn rows420_generic(r0: &[u8], r1: &[u8], y0: &mut [u8], y1: &mut [u8], u: &mut [u8], v: &mut [u8]) {
    let width = y0.len();
    let blocks = width / 16;
    for bi in 0..blocks {
        let (p, x) = (bi * 64, bi * 16);
        block16(
            &r0[p..],
            &r1[p..],
            &mut y0[x..],
            &mut y1[x..],
            &mut u[x / 2..],
            &mut v[x / 2..],
        );
    }
    let x = blocks * 16;
    if x < width {
        luma_row(&r0[x * 4..], &mut y0[x..]);
        luma_row(&r1[x * 4..], &mut y1[x..]);
        chroma_row(
            &r0[x * 4..],
            &r1[x * 4..],
            width - x,
            &mut u[x / 2..],
            &mut v[x / 2..],
        );
    }
}

/// The same with AVX2 multiply-adds, 16 pixels of two rows a step: a pixel word is split into
/// (R, B) and (G, A) 16-bit pairs by masks, so that one `madd` gives R·kr + B·kb and another G·kg.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn rows420_avx2(
    r0: &[u8],
    r1: &[u8],
    y0: &mut [u8],
    y1: &mut [u8],
    u: &mut [u8],
    v: &mut [u8],
) {
    use std::arch::x86_64::*;
    let width = y0.len();
    let blocks = width / 16;
    let pair = |lo: i32, hi: i32| _mm256_set1_epi32((lo & 0xffff) | (hi << 16));
    let mask = _mm256_set1_epi32(0x00ff_00ff);
    let (k_rb, k_g) = (pair(K8[0][0], K8[0][2]), pair(K8[0][1], 0));
    let (cb_rb, cb_g) = (pair(K8[1][0], K8[1][2]), pair(K8[1][1], 0));
    let (cr_rb, cr_g) = (pair(K8[2][0], K8[2][2]), pair(K8[2][1], 0));
    let (y_off, c_off) = (_mm256_set1_epi32(Y_OFF), _mm256_set1_epi32(C_OFF));
    let order = _mm256_setr_epi32(0, 1, 4, 5, 2, 3, 6, 7);
    // 8 pixels → 8 lumas (i32).
    let luma = |p: __m256i| {
        let rb = _mm256_and_si256(p, mask);
        let ga = _mm256_and_si256(_mm256_srli_epi32(p, 8), mask);
        let y = _mm256_add_epi32(_mm256_madd_epi16(rb, k_rb), _mm256_madd_epi16(ga, k_g));
        _mm256_srai_epi32(_mm256_add_epi32(y, y_off), 15)
    };
    // 16 i32 lumas → 16 bytes.
    let store16 = |a: __m256i, b: __m256i, dst: *mut u8| {
        let w = _mm256_permute4x64_epi64(_mm256_packs_epi32(a, b), 0b11_01_10_00);
        let bytes = _mm_packus_epi16(_mm256_castsi256_si128(w), _mm256_extracti128_si256(w, 1));
        _mm_storeu_si128(dst as *mut __m128i, bytes);
    };
    for bi in 0..blocks {
        let (p, x) = (bi * 64, bi * 16);
        // SAFETY: 64 bytes of each row from `p` and 16 of each luma row from `x` are in bounds
        // (bi < width / 16), and the chroma rows hold width / 2 ≥ x / 2 + 8 bytes.
        let ld =
            |row: &[u8], off: usize| _mm256_loadu_si256(row.as_ptr().add(off) as *const __m256i);
        let (a0, a1, b0, b1) = (ld(r0, p), ld(r0, p + 32), ld(r1, p), ld(r1, p + 32));
        store16(luma(a0), luma(a1), y0.as_mut_ptr().add(x));
        store16(luma(b0), luma(b1), y1.as_mut_ptr().add(x));
        // Vertical sums of the (R, B) and (G, A) pairs (≤ 510 each), then horizontal pairs:
        // adding 32-bit words adds both 16-bit halves, which cannot carry (≤ 1020).
        let vs = |a: __m256i, b: __m256i, shift: bool| {
            let (a, b) = if shift {
                (_mm256_srli_epi32(a, 8), _mm256_srli_epi32(b, 8))
            } else {
                (a, b)
            };
            _mm256_add_epi16(_mm256_and_si256(a, mask), _mm256_and_si256(b, mask))
        };
        let rb = _mm256_hadd_epi32(vs(a0, b0, false), vs(a1, b1, false));
        let ga = _mm256_hadd_epi32(vs(a0, b0, true), vs(a1, b1, true));
        let chroma = |k_rb: __m256i, k_g: __m256i| {
            let c = _mm256_add_epi32(_mm256_madd_epi16(rb, k_rb), _mm256_madd_epi16(ga, k_g));
            // hadd left the 8 values in the order 0 1 4 5 2 3 6 7.
            _mm256_permutevar8x32_epi32(_mm256_srai_epi32(_mm256_add_epi32(c, c_off), 17), order)
        };
        let (cb, cr) = (chroma(cb_rb, cb_g), chroma(cr_rb, cr_g));
        let mut both = [0u8; 16];
        store16(cb, cr, both.as_mut_ptr());
        u[x / 2..x / 2 + 8].copy_from_slice(&both[..8]);
        v[x / 2..x / 2 + 8].copy_from_slice(&both[8..]);
    }
    let x = blocks * 16;
    if x < width {
        luma_row(&r0[x * 4..], &mut y0[x..]);
        luma_row(&r1[x * 4..], &mut y1[x..]);
        chroma_row(
            &r0[x * 4..],
            &r1[x * 4..],
            width - x,
            &mut u[x / 2..],
            &mut v[x / 2..],
        );
    }
}

fn rows420(r0: &[u8], r1: &[u8], y0: &mut [u8], y1: &mut [u8], u: &mut [u8], v: &mut [u8]) {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2 (checked just above).
        return unsafe { rows420_avx2(r0, r1, y0, y1, u, v) };
    }
    rows420_generic(r0, r1, y0, y1, u, v)
}

/// One converted picture: planes and their strides (a view into the encoder's frame).
pub struct Planes<'a> {
    pub data: Vec<&'a mut [u8]>,
    pub stride: Vec<usize>,
}

/// Converts `rows` of a premultiplied RGBA picture (`width`·4 bytes a row) into `out`'s
/// planes, leaving the rest of them as they are. For 4:2:0 layouts the rows start on an even
/// row and end on one or at the bottom, so that no chroma row is shared with rows outside.
/// The layout says whether transparency is kept (straight colour + alpha plane); without it
/// the picture is taken as composited over black, which is what premultiplied RGBA already is.
pub fn convert_rows(
    src: &[u8],
    width: usize,
    height: usize,
    layout: Layout,
    out: Planes,
    rows: std::ops::Range<usize>,
) {
    let rows = rows.start.min(height)..rows.end.min(height);
    let row = width * 4;
    let mut scratch = vec![0u8; if layout == Layout::Yuv420 { 0 } else { row * 2 }];
    let Planes { mut data, stride } = out;
    match layout {
        Layout::Yuv420 | Layout::Yuva420 => {
            let keep_alpha = layout == Layout::Yuva420;
            debug_assert!(rows.start % 2 == 0 && (rows.end % 2 == 0 || rows.end == height));
            for cy in rows.start / 2..rows.end.div_ceil(2) {
                let y0 = 2 * cy;
                let y1 = (y0 + 1).min(height - 1);
                let (mut r0, mut r1) = (&src[y0 * row..][..row], &src[y1 * row..][..row]);
                if keep_alpha {
                    let (s0, s1) = scratch.split_at_mut(row);
                    unpremultiply(r0, s0);
                    unpremultiply(r1, s1);
                    for (y, r) in [(y0, &src[y0 * row..][..row]), (y1, &src[y1 * row..][..row])] {
                        let a = &mut data[3][y * stride[3]..][..width];
                        for (d, p) in a.iter_mut().zip(r.chunks_exact(4)) {
                            *d = p[3];
                        }
                    }
                    r0 = s0;
                    r1 = s1;
                }
                let cw = width.div_ceil(2);
                let (yp, rest) = data.split_at_mut(1);
                let (up, rest) = rest.split_at_mut(1);
                let (u, v) = (
                    &mut up[0][cy * stride[1]..][..cw],
                    &mut rest[0][cy * stride[2]..][..cw],
                );
                if y1 != y0 {
                    let (top, bottom) = yp[0].split_at_mut(y1 * stride[0]);
                    rows420(
                        r0,
                        r1,
                        &mut top[y0 * stride[0]..][..width],
                        &mut bottom[..width],
                        u,
                        v,
                    );
                } else {
                    let mut spare = vec![0u8; width];
                    rows420(
                        r0,
                        r1,
                        &mut yp[0][y0 * stride[0]..][..width],
                        &mut spare,
                        u,
                        v,
                    );
                }
            }
        }
        Layout::Yuva444p10 => {
            let (s0, _) = scratch.split_at_mut(row);
            for y in rows.clone() {
                let r = &src[y * row..][..row];
                unpremultiply(r, s0);
                let (first, rest) = data.split_at_mut(1);
                let yp = &mut first[0][y * stride[0]..][..width * 2];
                let (u_rest, rest2) = rest.split_at_mut(1);
                let up = &mut u_rest[0][y * stride[1]..][..width * 2];
                let (v_rest, a_rest) = rest2.split_at_mut(1);
                let vp = &mut v_rest[0][y * stride[2]..][..width * 2];
                let ap = &mut a_rest[0][y * stride[3]..][..width * 2];
                for x in 0..width {
                    let p = &s0[x * 4..x * 4 + 4];
                    let (rr, gg, bb) = (p[0] as i32, p[1] as i32, p[2] as i32);
                    let dot = |k: &[i32; 3]| k[0] * rr + k[1] * gg + k[2] * bb;
                    let yy = ((dot(&K10[0]) + (64 << 16) + 32768) >> 16) as u16;
                    let cb = ((dot(&K10[1]) + (512 << 16) + 32768) >> 16).clamp(0, 1023) as u16;
                    let cr = ((dot(&K10[2]) + (512 << 16) + 32768) >> 16).clamp(0, 1023) as u16;
                    let a = ((p[3] as u32 * 1023 + 127) / 255) as u16;
                    yp[x * 2..x * 2 + 2].copy_from_slice(&yy.to_le_bytes());
                    up[x * 2..x * 2 + 2].copy_from_slice(&cb.to_le_bytes());
                    vp[x * 2..x * 2 + 2].copy_from_slice(&cr.to_le_bytes());
                    ap[x * 2..x * 2 + 2].copy_from_slice(&a.to_le_bytes());
                }
            }
        }
        Layout::Rgba => {
            for y in rows.clone() {
                let r = &src[y * row..][..row];
                let d = &mut data[0][y * stride[0]..][..row];
                d.copy_from_slice(r);
                for p in d.chunks_exact_mut(4) {
                    p[3] = 255;
                }
            }
        }
        Layout::RgbaAlpha => {
            for y in rows.clone() {
                let r = &src[y * row..][..row];
                let d = &mut data[0][y * stride[0]..][..row];
                unpremultiply(r, d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert(src: &[u8], width: usize, height: usize, layout: Layout, out: Planes) {
        convert_rows(src, width, height, layout, out, 0..height)
    }

    #[test]
    fn rows_converted_alone_match_the_whole_picture_and_leave_the_rest() {
        let (w, h): (usize, usize) = (37, 12);
        let src: Vec<u8> = (0..w * h * 4)
            .map(|i| ((i * 7919) % 251) as u8)
            .map(|v| v & 0x7f)
            .collect();
        let cw = w.div_ceil(2);
        let sizes = [w * h, cw * h / 2, cw * h / 2];
        let strides = vec![w, cw, cw];
        let mut whole: Vec<Vec<u8>> = sizes.iter().map(|&n| vec![0u8; n]).collect();
        convert(
            &src,
            w,
            h,
            Layout::Yuv420,
            Planes {
                data: whole.iter_mut().map(|b| b.as_mut_slice()).collect(),
                stride: strides.clone(),
            },
        );
        let mut part: Vec<Vec<u8>> = sizes.iter().map(|&n| vec![9u8; n]).collect();
        for r in [2..6, 10..12] {
            convert_rows(
                &src,
                w,
                h,
                Layout::Yuv420,
                Planes {
                    data: part.iter_mut().map(|b| b.as_mut_slice()).collect(),
                    stride: strides.clone(),
                },
                r,
            );
        }
        for y in 0..h {
            let inside = (2..6).contains(&y) || (10..12).contains(&y);
            let (a, b) = (&whole[0][y * w..][..w], &part[0][y * w..][..w]);
            if inside {
                assert_eq!(a, b, "luma row {y}");
            } else {
                assert!(b.iter().all(|&v| v == 9), "luma row {y} was written");
            }
        }
        for cy in 0..h / 2 {
            let inside = (1..3).contains(&cy) || cy == 5;
            for p in 1..3 {
                let (a, b) = (&whole[p][cy * cw..][..cw], &part[p][cy * cw..][..cw]);
                if inside {
                    assert_eq!(a, b, "chroma {p} row {cy}");
                } else {
                    assert!(b.iter().all(|&v| v == 9), "chroma {p} row {cy} was written");
                }
            }
        }
    }

    fn run(px: [u8; 4], layout: Layout, planes: usize, bpp: usize) -> Vec<Vec<u8>> {
        let (w, h) = (4, 2);
        let src: Vec<u8> = std::iter::repeat_n(px, w * h).flatten().collect();
        let mut bufs: Vec<Vec<u8>> = (0..planes).map(|_| vec![0u8; w * h * bpp * 4]).collect();
        let stride = vec![w * bpp * 4; planes];
        convert(
            &src,
            w,
            h,
            layout,
            Planes {
                data: bufs.iter_mut().map(|b| b.as_mut_slice()).collect(),
                stride,
            },
        );
        bufs
    }

    #[test]
    fn black_white_and_grey_are_limited_range_without_colour() {
        for (v, y) in [(0u8, 16u8), (255, 235), (128, 126)] {
            let p = run([v, v, v, 255], Layout::Yuv420, 3, 1);
            assert_eq!(p[0][0], y, "luma of {v}");
            assert_eq!((p[1][0], p[2][0]), (128, 128), "chroma of {v}");
        }
    }

    #[test]
    fn primaries_match_bt709() {
        // BT.709 limited range: red (63, 102, 240), blue (32, 240, 118).
        let p = run([255, 0, 0, 255], Layout::Yuv420, 3, 1);
        assert_eq!((p[0][0], p[1][0], p[2][0]), (63, 102, 240));
        let p = run([0, 0, 255, 255], Layout::Yuv420, 3, 1);
        assert_eq!((p[0][0], p[1][0], p[2][0]), (32, 240, 118));
    }

    #[test]
    fn alpha_is_kept_and_colour_unpremultiplied() {
        // Half-transparent white, premultiplied: (128, 128, 128, 128).
        let p = run([128, 128, 128, 128], Layout::Yuva420, 4, 1);
        assert_eq!(p[0][0], 235);
        assert_eq!(p[3][0], 128);
        let p = run([128, 128, 128, 128], Layout::Yuva444p10, 4, 2);
        assert_eq!(u16::from_le_bytes([p[0][0], p[0][1]]), 940);
        assert_eq!(u16::from_le_bytes([p[3][0], p[3][1]]), 514);
        let p = run([0, 0, 0, 0], Layout::RgbaAlpha, 1, 1);
        assert_eq!(&p[0][..4], &[0, 0, 0, 0]);
        let p = run([64, 0, 0, 128], Layout::RgbaAlpha, 1, 1);
        assert_eq!(&p[0][..4], &[128, 0, 0, 128]);
    }

    #[test]
    fn vector_blocks_agree_with_the_pixel_by_pixel_formula() {
        // 37×5: blocks of 16, a tail, an odd last column and an odd last row.
        let (w, h) = (37usize, 5usize);
        let mut seed = 12345u32;
        let src: Vec<u8> = (0..w * h * 4)
            .map(|i| {
                seed = seed.wrapping_mul(1103515245).wrapping_add(12345);
                if i % 4 == 3 {
                    255
                } else {
                    (seed >> 16) as u8
                }
            })
            .collect();
        let cw = w.div_ceil(2);
        let mut planes = [vec![0u8; w * h], vec![0u8; cw * 3], vec![0u8; cw * 3]];
        let [a, b, c] = &mut planes;
        convert(
            &src,
            w,
            h,
            Layout::Yuv420,
            Planes {
                data: vec![a.as_mut_slice(), b.as_mut_slice(), c.as_mut_slice()],
                stride: vec![w, cw, cw],
            },
        );
        for y in 0..h {
            for x in 0..w {
                assert_eq!(
                    planes[0][y * w + x],
                    luma8(&src[(y * w + x) * 4..]),
                    "Y at {x},{y}"
                );
            }
        }
        for cy in 0..h.div_ceil(2) {
            let r0 = &src[2 * cy * w * 4..][..w * 4];
            let r1 = &src[(2 * cy + 1).min(h - 1) * w * 4..][..w * 4];
            let (mut u, mut v) = (vec![0u8; cw], vec![0u8; cw]);
            chroma_row(r0, r1, w, &mut u, &mut v);
            assert_eq!(&planes[1][cy * cw..][..cw], &u[..], "U row {cy}");
            assert_eq!(&planes[2][cy * cw..][..cw], &v[..], "V row {cy}");
        }
    }

    #[test]
    fn portable_blocks_agree_with_the_dispatched_ones() {
        let w = 53;
        let mut seed = 7u32;
        let mut row = || -> Vec<u8> {
            (0..w * 4)
                .map(|_| {
                    seed = seed.wrapping_mul(1103515245).wrapping_add(12345);
                    (seed >> 16) as u8
                })
                .collect()
        };
        let (r0, r1) = (row(), row());
        let mut a = [vec![0u8; w], vec![0u8; w], vec![0u8; 27], vec![0u8; 27]];
        let mut b = a.clone();
        let [y0, y1, u, v] = &mut a;
        rows420(&r0, &r1, y0, y1, u, v);
        let [y0, y1, u, v] = &mut b;
        rows420_generic(&r0, &r1, y0, y1, u, v);
        assert_eq!(a, b);
    }
}
