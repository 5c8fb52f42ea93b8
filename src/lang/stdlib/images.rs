//! Images made from numbers (Manim's `ImageMobject(np.array)`): a list of rows of pixels, or a
//! function of the pixel's column and row.

use std::sync::Arc;

use super::{n, p, Call, Def, Entry, Kind, Ty};
use crate::geom::Vec3;
use crate::lang::interp::{Interp, R};
use crate::lang::value::{ArgVal, Value};
use crate::scene::{Mobject, Picture};

macro_rules! params {
    ($($x:expr),* $(,)?) => { &[$($x),*] };
}

/// At most this many pixels (a 4K frame).
const MAX_PIXELS: usize = 3840 * 2160;

pub const ENTRIES: &[Entry] = &[Entry {
    name: "image_from",
    kind: Kind::Function,
    params: params![
        p("pixels", Ty::Any, Def::Req),
        p("width", Ty::Num, Def::Opt),
        p("height", Ty::Num, Def::Opt),
        n("scale_to_resolution", Ty::Num, Def::Num(1080.0)),
    ],
    doc: "an image from a list of rows of pixels, or from `fn px(x, y)` over `width` × `height` pixels (x the column, y the row from the top); a pixel is a grey level 0–255, [r, g, b] or [r, g, b, a] in 0–255, or a colour; H pixels tall show as H / 1080 · 8 units (Manim's ImageMobject from an array)",
    run: image_from,
}];

fn image_from(it: &mut Interp, c: &Call) -> R<Value> {
    let src = c.value("pixels").unwrap_or(Value::None);
    let (w, h, px) = match &src {
        Value::List(rows) => {
            if c.has("width") || c.has("height") {
                return Err(c.err(
                    it,
                    "width",
                    "a list of rows gives its own size: leave out `width` and `height`",
                ));
            }
            let h = rows.len();
            let w = match rows.first() {
                Some(Value::List(r)) => r.len(),
                _ => 0,
            };
            if w == 0 || h == 0 {
                return Err(c.err(
                    it,
                    "pixels",
                    "`pixels` is a list of rows, each a list of pixels",
                ));
            }
            check_size(it, c, w, h)?;
            let mut px = Vec::with_capacity(w * h * 4);
            for (y, row) in rows.iter().enumerate() {
                match row {
                    Value::List(r) if r.len() == w => {
                        for v in r.iter() {
                            px.extend(pixel(it, c, v)?);
                        }
                    }
                    _ => {
                        return Err(c.err(
                            it,
                            "pixels",
                            format!("row {y} is not a list of {w} pixels like row 0"),
                        ))
                    }
                }
            }
            (w, h, px)
        }
        Value::Fn(_) => {
            let (Some(wf), Some(hf)) = (c.opt_num("width"), c.opt_num("height")) else {
                return Err(c.err(
                    it,
                    "pixels",
                    "a pixel function needs the `width` and `height` in pixels",
                ));
            };
            if !(wf >= 1.0 && hf >= 1.0) || wf.fract() != 0.0 || hf.fract() != 0.0 {
                return Err(c.err(
                    it,
                    "width",
                    "`width` and `height` are whole numbers of pixels (at least 1)",
                ));
            }
            let (w, h) = (wf as usize, hf as usize);
            check_size(it, c, w, h)?;
            let sp = c.span_of("pixels");
            let mut px = Vec::with_capacity(w * h * 4);
            for y in 0..h {
                for x in 0..w {
                    let arg = |v: usize| ArgVal {
                        name: None,
                        name_span: None,
                        value: Value::Num(v as f64),
                        span: sp.clone(),
                        str_map: None,
                    };
                    let v = it.call(src.clone(), vec![arg(x), arg(y)], sp.clone(), sp.clone())?;
                    px.extend(pixel(it, c, &v)?);
                }
            }
            (w, h, px)
        }
        other => {
            return Err(c.err(
                it,
                "pixels",
                format!(
                    "`pixels` is a list of rows or a function `fn px(x, y)`, found {}",
                    other.type_name()
                ),
            ))
        }
    };
    let res = c.num("scale_to_resolution");
    if res.is_nan() || res <= 0.0 {
        return Err(c.err(
            it,
            "scale_to_resolution",
            "`scale_to_resolution` must be positive",
        ));
    }
    let height = h as f64 / res * crate::scene::FRAME_HEIGHT;
    let width = height * w as f64 / h as f64;
    let pic = Picture {
        width: w as u32,
        height: h as u32,
        pixels: Arc::new(px),
        corners: [
            Vec3::xy(-width / 2.0, height / 2.0),
            Vec3::xy(width / 2.0, height / 2.0),
            Vec3::xy(-width / 2.0, -height / 2.0),
        ],
        opacity: 1.0,
    };
    Ok(it.new_obj(Mobject {
        picture: Some(pic),
        ..Default::default()
    }))
}

fn check_size(it: &Interp, c: &Call, w: usize, h: usize) -> R<()> {
    if w.saturating_mul(h) > MAX_PIXELS {
        return Err(c.err(
            it,
            "pixels",
            format!("a {w} × {h} image is too large (at most {MAX_PIXELS} pixels)"),
        ));
    }
    Ok(())
}

/// One pixel, premultiplied RGBA8.
fn pixel(it: &mut Interp, c: &Call, v: &Value) -> R<[u8; 4]> {
    let sp = c.span_of("pixels");
    let byte = |it: &mut Interp, x: &Value| -> R<f64> {
        let k = it.num(x, sp.clone())?;
        if !k.is_finite() {
            return Err(it.err("a pixel value must be a finite number", sp.clone()));
        }
        // As numpy's uint8 does to a float: the whole part, kept in 0–255.
        Ok(k.trunc().clamp(0.0, 255.0))
    };
    let (r, g, b, a) = match v {
        Value::Num(_) | Value::Tracker(_) => {
            let k = byte(it, v)?;
            (k, k, k, 255.0)
        }
        Value::List(l) if l.len() == 3 || l.len() == 4 => {
            let r = byte(it, &l[0])?;
            let g = byte(it, &l[1])?;
            let b = byte(it, &l[2])?;
            let a = if l.len() == 4 {
                byte(it, &l[3])?
            } else {
                255.0
            };
            (r, g, b, a)
        }
        Value::Color(_) | Value::Str(_) => {
            let col = crate::lang::args::to_color(it, v, sp.clone())?;
            let hex = col.to_hex();
            let h = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0) as f64;
            (h(1), h(3), h(5), 255.0)
        }
        other => {
            return Err(it.err(
                format!(
                    "a pixel is a grey level, [r, g, b], [r, g, b, a] or a colour, found {}",
                    other.type_name()
                ),
                sp,
            ))
        }
    };
    let pm = |x: f64| (x * a / 255.0).round() as u8;
    Ok([pm(r), pm(g), pm(b), a as u8])
}
