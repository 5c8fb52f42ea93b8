//! Numbers, matrices and tables laid out as Manim lays them out.

use super::shapes::line;
use super::{Color, Mobject, Style};
use crate::geom::{Path, Vec3};

/// Manim's DecimalNumber text: `places` decimals, thousands grouped with commas, a `+` when
/// `sign` is asked for, never "-0.00". Returned as TeX.
pub fn decimal_tex(x: f64, places: usize, sign: bool, commas: bool) -> String {
    let s = format!("{:.*}", places, x.abs());
    let zero = s.chars().all(|c| c == '0' || c == '.');
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let mut grouped = String::new();
    for (k, ch) in int.chars().enumerate() {
        if commas && k > 0 && (int.len() - k) % 3 == 0 {
            grouped.push_str("{,}");
        }
        grouped.push(ch);
    }
    let mut out = String::new();
    if x < 0.0 && !zero {
        out.push('-');
    } else if sign {
        out.push('+');
    }
    out.push_str(&grouped);
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    out
}

/// A square bracket of height `h` opening to the right (mirrored for the right one).
fn bracket(h: f64, right: bool, color: Color) -> Mobject {
    let w = 0.12;
    let s = if right { -1.0 } else { 1.0 };
    let p = Path::polyline(&[
        Vec3::xy(s * w, h / 2.0),
        Vec3::xy(0.0, h / 2.0),
        Vec3::xy(0.0, -h / 2.0),
        Vec3::xy(s * w, -h / 2.0),
    ]);
    Mobject::leaf(p, Style::stroked(color, 3.0))
}

/// Manim's Matrix: entry (i, j) centred at (j·h_buff, −i·v_buff), brackets `bracket_buff` beside
/// the entries and as tall as them plus `bracket_buff` above and below; centred at the origin.
/// Children: the entries (row by row), the left bracket, the right bracket.
pub fn matrix(rows: Vec<Vec<Mobject>>, v_buff: f64, h_buff: f64, color: Color) -> Mobject {
    let mut entries = Vec::new();
    for (i, row) in rows.into_iter().enumerate() {
        for (j, mut m) in row.into_iter().enumerate() {
            let c = m.center();
            m.shift(Vec3::xy(j as f64 * h_buff, -(i as f64) * v_buff) - c);
            entries.push(m);
        }
    }
    let body = Mobject::group(entries);
    let (lo, hi) = body.bounds().unwrap_or((Vec3::ZERO, Vec3::ZERO));
    const BUFF: f64 = 0.25;
    let h = hi.y - lo.y + 2.0 * BUFF;
    let mid = (lo.y + hi.y) / 2.0;
    let mut l = bracket(h, false, color);
    l.shift(Vec3::xy(lo.x - BUFF, mid));
    let mut r = bracket(h, true, color);
    r.shift(Vec3::xy(hi.x + BUFF, mid));
    let mut m = Mobject::group(vec![body, l, r]);
    let c = m.center();
    m.shift(-c);
    m
}

/// Manim's Table: cells in a grid (columns as wide as their widest cell, `h_buff` between
/// columns, `v_buff` between rows), lines halfway across the gaps; centred at the origin.
/// Children: the cells (row by row), the lines.
pub fn table(
    cells: Vec<Vec<Mobject>>,
    v_buff: f64,
    h_buff: f64,
    outer: bool,
    color: Color,
) -> Mobject {
    let rows = cells.len();
    let cols = cells.iter().map(|r| r.len()).max().unwrap_or(0);
    let mut col_w = vec![0.0f64; cols];
    let mut row_h = vec![0.0f64; rows];
    for (i, r) in cells.iter().enumerate() {
        for (j, m) in r.iter().enumerate() {
            col_w[j] = col_w[j].max(m.width());
            row_h[i] = row_h[i].max(m.height());
        }
    }
    let xs: Vec<f64> = (0..cols)
        .map(|j| col_w[..j].iter().sum::<f64>() + h_buff * j as f64 + col_w[j] / 2.0)
        .collect();
    let ys: Vec<f64> = (0..rows)
        .map(|i| -(row_h[..i].iter().sum::<f64>() + v_buff * i as f64 + row_h[i] / 2.0))
        .collect();
    let total_w = col_w.iter().sum::<f64>() + h_buff * cols.saturating_sub(1) as f64;
    let total_h = row_h.iter().sum::<f64>() + v_buff * rows.saturating_sub(1) as f64;
    let mut out = Vec::new();
    for (i, r) in cells.into_iter().enumerate() {
        for (j, mut m) in r.into_iter().enumerate() {
            let c = m.center();
            m.shift(Vec3::xy(xs[j], ys[i]) - c);
            out.push(m);
        }
    }
    let (x0, x1) = (-h_buff / 2.0, total_w + h_buff / 2.0);
    let (y0, y1) = (v_buff / 2.0, -total_h - v_buff / 2.0);
    let mut lines = Vec::new();
    for i in 1..rows {
        let y = -(row_h[..i].iter().sum::<f64>() + v_buff * (i as f64 - 0.5));
        lines.push(line(Vec3::xy(x0, y), Vec3::xy(x1, y), color, 3.0));
    }
    for j in 1..cols {
        let x = col_w[..j].iter().sum::<f64>() + h_buff * (j as f64 - 0.5);
        lines.push(line(Vec3::xy(x, y0), Vec3::xy(x, y1), color, 3.0));
    }
    if outer {
        for y in [y0, y1] {
            lines.push(line(Vec3::xy(x0, y), Vec3::xy(x1, y), color, 3.0));
        }
        for x in [x0, x1] {
            lines.push(line(Vec3::xy(x, y0), Vec3::xy(x, y1), color, 3.0));
        }
    }
    let mut m = Mobject::group(vec![Mobject::group(out), Mobject::group(lines)]);
    let c = m.center();
    m.shift(-c);
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_like_manim() {
        assert_eq!(decimal_tex(1.23456, 2, false, true), "1.23");
        assert_eq!(decimal_tex(-0.001, 2, false, true), "0.00");
        assert_eq!(decimal_tex(1234567.5, 1, true, true), "+1{,}234{,}567.5");
        assert_eq!(decimal_tex(-42.0, 0, false, true), "-42");
    }

    #[test]
    fn matrix_entries_on_manims_grid() {
        let e = |x: f64| super::super::shapes::dot(Vec3::xy(x, 0.0), 0.1, Color::WHITE);
        let m = matrix(
            vec![vec![e(5.0), e(5.0)], vec![e(5.0), e(5.0)]],
            0.8,
            1.3,
            Color::WHITE,
        );
        let c: Vec<Vec3> = m.children[0].children.iter().map(|x| x.center()).collect();
        assert!((c[1].x - c[0].x - 1.3).abs() < 1e-9 && (c[0].y - c[2].y - 0.8).abs() < 1e-9);
        assert!(m.center().length() < 1e-9);
    }
}
