//! Contour lines of a sampled scalar field (marching squares), chained into polylines.

use std::collections::HashMap;

/// A field sampled on an (nx + 1) × (ny + 1) grid over [x0, x1] × [y0, y1], row-major in y.
pub struct Grid {
    pub nx: usize,
    pub ny: usize,
    pub x: (f64, f64),
    pub y: (f64, f64),
    pub values: Vec<f64>,
}

impl Grid {
    pub fn sample(
        nx: usize,
        ny: usize,
        x: (f64, f64),
        y: (f64, f64),
        mut f: impl FnMut(f64, f64) -> f64,
    ) -> Grid {
        let mut values = Vec::with_capacity((nx + 1) * (ny + 1));
        for j in 0..=ny {
            for i in 0..=nx {
                values.push(f(
                    x.0 + (x.1 - x.0) * i as f64 / nx as f64,
                    y.0 + (y.1 - y.0) * j as f64 / ny as f64,
                ));
            }
        }
        Grid {
            nx,
            ny,
            x,
            y,
            values,
        }
    }
    pub fn at(&self, i: usize, j: usize) -> f64 {
        self.values[j * (self.nx + 1) + i]
    }
    fn xy(&self, i: f64, j: f64) -> (f64, f64) {
        (
            self.x.0 + (self.x.1 - self.x.0) * i / self.nx as f64,
            self.y.0 + (self.y.1 - self.y.0) * j / self.ny as f64,
        )
    }
    pub fn min_max(&self) -> (f64, f64) {
        self.values
            .iter()
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                (a.min(v), b.max(v))
            })
    }

    /// The lines where the field equals `level`, as polylines of (x, y) points.
    pub fn contour(&self, level: f64) -> Vec<Vec<(f64, f64)>> {
        // An edge of the grid: (i, j, 0) runs from (i, j) to (i+1, j); (i, j, 1) to (i, j+1).
        type Edge = (usize, usize, u8);
        let mut segs: Vec<(Edge, Edge)> = Vec::new();
        for j in 0..self.ny {
            for i in 0..self.nx {
                let v = [
                    self.at(i, j),
                    self.at(i + 1, j),
                    self.at(i + 1, j + 1),
                    self.at(i, j + 1),
                ];
                if v.iter().any(|x| !x.is_finite()) {
                    continue;
                }
                let case = v
                    .iter()
                    .enumerate()
                    .fold(0, |c, (k, &x)| c | (((x > level) as u8) << k));
                // Cell edges: 0 bottom, 1 right, 2 top, 3 left.
                let e = [(i, j, 0u8), (i + 1, j, 1u8), (i, j + 1, 0u8), (i, j, 1u8)];
                let center_above = (v[0] + v[1] + v[2] + v[3]) / 4.0 > level;
                let pairs: &[(usize, usize)] = match case {
                    0 | 15 => &[],
                    1 | 14 => &[(3, 0)],
                    2 | 13 => &[(0, 1)],
                    3 | 12 => &[(3, 1)],
                    4 | 11 => &[(1, 2)],
                    6 | 9 => &[(0, 2)],
                    7 | 8 => &[(3, 2)],
                    5 => {
                        if center_above {
                            &[(3, 2), (0, 1)]
                        } else {
                            &[(3, 0), (1, 2)]
                        }
                    }
                    10 => {
                        if center_above {
                            &[(3, 0), (1, 2)]
                        } else {
                            &[(3, 2), (0, 1)]
                        }
                    }
                    _ => &[],
                };
                for &(a, b) in pairs {
                    segs.push((e[a], e[b]));
                }
            }
        }
        let point = |e: Edge| -> (f64, f64) {
            let (i, j, d) = e;
            let (a, b) = if d == 0 {
                (self.at(i, j), self.at(i + 1, j))
            } else {
                (self.at(i, j), self.at(i, j + 1))
            };
            let t = if (b - a).abs() < 1e-300 {
                0.5
            } else {
                ((level - a) / (b - a)).clamp(0.0, 1.0)
            };
            if d == 0 {
                self.xy(i as f64 + t, j as f64)
            } else {
                self.xy(i as f64, j as f64 + t)
            }
        };
        // Chain segments that share an edge.
        let mut by_edge: HashMap<Edge, Vec<usize>> = HashMap::new();
        for (k, (a, b)) in segs.iter().enumerate() {
            by_edge.entry(*a).or_default().push(k);
            by_edge.entry(*b).or_default().push(k);
        }
        let mut used = vec![false; segs.len()];
        let mut lines = Vec::new();
        for start in 0..segs.len() {
            if used[start] {
                continue;
            }
            used[start] = true;
            let mut chain = vec![segs[start].0, segs[start].1];
            // Extend forwards from the end, then backwards from the start.
            for dir in 0..2 {
                loop {
                    let tail = if dir == 0 {
                        *chain.last().unwrap()
                    } else {
                        chain[0]
                    };
                    let next = by_edge
                        .get(&tail)
                        .and_then(|v| v.iter().copied().find(|&k| !used[k]));
                    let Some(k) = next else { break };
                    used[k] = true;
                    let other = if segs[k].0 == tail {
                        segs[k].1
                    } else {
                        segs[k].0
                    };
                    if dir == 0 {
                        chain.push(other);
                    } else {
                        chain.insert(0, other);
                    }
                }
            }
            lines.push(chain.into_iter().map(point).collect());
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circle_contour_is_one_closed_ring_at_the_right_radius() {
        let g = Grid::sample(60, 60, (-2.0, 2.0), (-2.0, 2.0), |x, y| x * x + y * y);
        let lines = g.contour(1.0);
        assert_eq!(lines.len(), 1);
        let l = &lines[0];
        assert_eq!(l.first(), l.last(), "closed");
        for &(x, y) in l {
            assert!(((x * x + y * y).sqrt() - 1.0).abs() < 0.01);
        }
    }
}
