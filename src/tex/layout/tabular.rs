//! Tables other than the matrices and `aligned` of the core layout: LaTeX's `array` (column
//! types l c r and | rules, 5 pt \arraycolsep each side of each column, struts), amsmath's
//! `subarray`/`\substack` and `smallmatrix` (script style, tight baselines) and `gathered`
//! (centred display-style rows with \jot). All are centred on the math axis, like \vcenter.

use super::{c, list, HBox, Item, ItemKind, Style, K};
use crate::tex::parse::{Meta, Node, StyleKind};

/// How rows are stacked: every row gets at least the strut; baselines are `baselineskip` apart
/// unless that would leave less than `limit` between rows, then `lineskip` separates them.
struct Rows {
    strut: (f64, f64),
    baselineskip: f64,
    lineskip: f64,
    limit: f64,
}

pub(super) fn table(
    rows: &[Vec<Vec<Node>>],
    kind: char,
    spec: &[char],
    meta: &Meta,
    style: Style,
) -> HBox {
    let s = style.size();
    let script = Style {
        kind: if style.kind == StyleKind::ScriptScript {
            StyleKind::ScriptScript
        } else {
            StyleKind::Script
        },
        cramped: false,
        mag: style.mag,
    };
    let text = Style {
        kind: if style.is_script() {
            style.kind
        } else {
            StyleKind::Text
        },
        cramped: false,
        mag: style.mag,
    };
    // amsmath's \ex@ is 0.2326 ex; 1 ex = 0.4306 em.
    let ex_at = 0.2326 * 0.430555;
    let (cell_style, rowspec, col_gap, edge, default_align) = match kind {
        'y' => (
            text,
            Rows {
                strut: (0.84 * s, 0.36 * s),
                baselineskip: 0.0,
                lineskip: 0.0,
                limit: 0.0,
            },
            0.0,
            0.0,
            'c',
        ),
        'u' => (
            script,
            Rows {
                strut: (0.0, 0.0),
                baselineskip: (0.443731 + 0.344841) * 0.7 * s + 0.0,
                lineskip: 3.0 * 0.04 * 0.7 * s,
                limit: 3.0 * 0.04 * 0.7 * s,
            },
            0.0,
            0.0,
            'c',
        ),
        's' => (
            script,
            Rows {
                strut: (0.0, 0.0),
                baselineskip: 6.0 * ex_at,
                lineskip: 1.5 * ex_at,
                limit: 1.5 * ex_at,
            },
            5.0 / 18.0 * s,
            3.0 / 18.0 * s,
            'c',
        ),
        _ => (
            // gathered: display style, \strut@ and \jot as in `aligned`.
            Style {
                kind: StyleKind::Display,
                cramped: false,
                mag: style.mag,
            },
            Rows {
                strut: (0.84 * s, 0.36 * s),
                baselineskip: 1.5 * s,
                lineskip: 0.4 * s,
                limit: 0.3 * s,
            },
            0.0,
            0.0,
            'c',
        ),
    };
    let boxes: Vec<Vec<HBox>> = rows
        .iter()
        .map(|r| r.iter().map(|cell| list(cell, cell_style)).collect())
        .collect();
    let ncols = boxes.iter().map(|r| r.len()).max().unwrap_or(0);
    let mut widths = vec![0.0f64; ncols];
    for r in &boxes {
        for (j, b) in r.iter().enumerate() {
            widths[j] = widths[j].max(b.w);
        }
    }
    // Column alignments and where rules go (before column j; index ncols is after the last).
    let mut aligns = Vec::new();
    let mut rules_before = vec![0usize; ncols + 1];
    for &ch in spec {
        if ch == '|' {
            let j = aligns.len().min(ncols);
            rules_before[j] += 1;
        } else {
            aligns.push(ch);
        }
    }
    let colsep = if kind == 'y' { 0.5 } else { 0.0 };
    let rule_w = 0.04;
    // x of each column and of each rule.
    let mut col_x = Vec::new();
    let mut rule_x = Vec::new();
    let mut x = edge;
    for j in 0..=ncols {
        for _ in 0..rules_before[j] {
            rule_x.push(x);
            x += rule_w;
        }
        if j == ncols {
            break;
        }
        if j > 0 {
            x += col_gap;
        }
        x += colsep;
        col_x.push(x);
        x += widths[j] + colsep;
    }
    let total_w = x + edge;
    // Rows, with \hline rules (0.4 pt, 2 pt apart) before a row or after the last one.
    let hlines: Vec<Vec<Meta>> = rows
        .iter()
        .map(|r| {
            r.first()
                .map(|c| {
                    c.iter()
                        .map_while(|n| match n {
                            Node::HLine(m) => Some(m.clone()),
                            _ => None,
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect();
    let only_rules = |i: usize| {
        rows[i].len() == 1
            && !rows[i][0].is_empty()
            && rows[i][0].iter().all(|n| matches!(n, Node::HLine(_)))
    };
    let sep = 0.2;
    let mut out = HBox::default();
    let mut hrules: Vec<(f64, Meta)> = Vec::new();
    // `edge` is the y of the bottom of what is placed so far (None before the first row).
    let mut edge: Option<f64> = None;
    let mut top = 0.0;
    let mut y = 0.0;
    let mut prev_d: Option<f64> = None;
    for (i, r) in boxes.into_iter().enumerate() {
        let rules = &hlines[i];
        let place_rules = |from: f64, hrules: &mut Vec<(f64, Meta)>| -> f64 {
            let mut yy = from;
            for (k, m) in rules.iter().enumerate() {
                if k > 0 {
                    yy -= sep;
                }
                yy -= rule_w;
                hrules.push((yy, m.clone()));
            }
            yy
        };
        if only_rules(i) {
            let from = edge.unwrap_or(0.0);
            let below = place_rules(from, &mut hrules);
            edge = Some(below);
            prev_d = prev_d.map(|d| d + (from - below));
            continue;
        }
        let h = r.iter().map(|b| b.h).fold(rowspec.strut.0, f64::max);
        let d = r.iter().map(|b| b.d).fold(rowspec.strut.1, f64::max);
        if !rules.is_empty() {
            let from = edge.unwrap_or(0.0);
            let below = place_rules(from, &mut hrules);
            if edge.is_none() {
                top = 0.0;
            }
            // Rows after rules are stacked with no interline glue, as in LaTeX's arrays.
            y = below - h;
        } else {
            match prev_d {
                None => match edge {
                    None => {
                        top = h;
                        y = 0.0;
                    }
                    Some(e) => y = e - h,
                },
                Some(pd) => {
                    let gap = rowspec.baselineskip - pd - h;
                    y -= if gap >= rowspec.limit {
                        rowspec.baselineskip
                    } else {
                        pd + h + rowspec.lineskip
                    };
                }
            }
        }
        for (j, b) in r.into_iter().enumerate() {
            let a = aligns.get(j).copied().unwrap_or(default_align);
            let dx = match a {
                'l' => 0.0,
                'r' => widths[j] - b.w,
                _ => (widths[j] - b.w) / 2.0,
            };
            out.append_at(b, col_x[j] + dx, y);
        }
        prev_d = Some(d);
        edge = Some(y - d);
    }
    let bottom = edge.unwrap_or(0.0);
    for (ry, m) in hrules {
        out.items.push(Item {
            kind: ItemKind::Rule {
                w: total_w,
                h: rule_w,
            },
            x: 0.0,
            y: ry,
            part: m.part,
            color: m.color.clone(),
        });
    }
    for rx in rule_x {
        out.items.push(Item {
            kind: ItemKind::Rule {
                w: rule_w,
                h: top - bottom,
            },
            x: rx,
            y: bottom,
            part: meta.part,
            color: meta.color.clone(),
        });
    }
    out.w = total_w;
    out.h = top;
    out.d = -bottom;
    // \vcenter: centre on the axis.
    let axis = c(K::AxisHeight) * s;
    let dy = axis - (top + bottom) / 2.0;
    for it in &mut out.items {
        it.y += dy;
    }
    out.h += dy;
    out.d -= dy;
    out
}
