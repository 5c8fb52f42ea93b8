//! 3D objects: axes with three axis lines, parametric surfaces made of checkerboard faces, and
//! spheres. Faces are ordinary leaves (closed quads) marked for shading; the renderer sorts
//! them by depth together with everything else.

use std::f64::consts::{PI, TAU};

use super::shapes::{line, tip};
use super::{Color, CoordFrame, Mobject, Style};
use crate::geom::{Path, Vec3};

#[derive(Clone, Debug)]
pub struct Axes3dSpec {
    pub ranges: [(f64, f64, f64); 3],
    pub lengths: [f64; 3],
    pub color: Color,
    pub stroke_width: f64,
    pub ticks: bool,
    pub tips: bool,
}

impl Default for Axes3dSpec {
    /// Manim's ThreeDAxes: x −6…6, y −5…5, z −4…4; lengths 10.5, 10.5, 6.5.
    fn default() -> Self {
        Axes3dSpec {
            ranges: [(-6.0, 6.0, 1.0), (-5.0, 5.0, 1.0), (-4.0, 4.0, 1.0)],
            lengths: [10.5, 10.5, 6.5],
            color: Color::WHITE,
            stroke_width: 2.0,
            ticks: true,
            tips: true,
        }
    }
}

/// Three axes; the midpoints of the data ranges sit at the origin (the centre of the box).
pub fn axes3d(spec: &Axes3dSpec) -> Mobject {
    let unit = |k: usize| spec.lengths[k] / (spec.ranges[k].1 - spec.ranges[k].0);
    let mid = |k: usize| (spec.ranges[k].0 + spec.ranges[k].1) / 2.0;
    let origin = Vec3::new(-mid(0) * unit(0), -mid(1) * unit(1), -mid(2) * unit(2));
    let frame = CoordFrame {
        origin,
        ex: origin + Vec3::new(unit(0), 0.0, 0.0),
        ey: origin + Vec3::new(0.0, unit(1), 0.0),
        ez: origin + Vec3::new(0.0, 0.0, unit(2)),
    };
    let at = |k: usize, v: f64| {
        let mut c = [
            0f64.clamp(spec.ranges[0].0, spec.ranges[0].1),
            0f64.clamp(spec.ranges[1].0, spec.ranges[1].1),
            0f64.clamp(spec.ranges[2].0, spec.ranges[2].1),
        ];
        c[k] = v;
        frame.to_scene(c[0], c[1], c[2])
    };
    let mut axes = Vec::new();
    for k in 0..3 {
        let (lo, hi, step) = spec.ranges[k];
        let (a, b) = (at(k, lo), at(k, hi));
        let dir = (b - a).normalize();
        let end = if spec.tips { b - dir * 0.35 } else { b };
        let mut parts = vec![line(a, end, spec.color, spec.stroke_width)];
        if spec.ticks && step > 0.0 {
            // Ticks stand perpendicular to the axis, in the plane of the next axis.
            let n = if k == 1 { Vec3::RIGHT } else { Vec3::UP } * 0.1;
            let mut v = (lo / step).ceil() * step;
            while v <= hi - 0.35 / unit(k) + 1e-9 {
                if v.abs() > 1e-9 {
                    let c = at(k, v);
                    parts.push(line(c - n, c + n, spec.color, spec.stroke_width));
                }
                v += step;
            }
        }
        if spec.tips {
            parts.push(tip(b, dir, 0.35, 0.35, spec.color));
        }
        axes.push(Mobject::group(parts));
    }
    let mut m = Mobject::group(axes);
    m.coords = Some(frame);
    m
}

/// Surface options (Manim's Surface defaults: BLUE_D/BLUE_E checkerboard, opaque).
#[derive(Clone, Debug)]
pub struct SurfaceSpec {
    pub u_range: (f64, f64),
    pub v_range: (f64, f64),
    pub resolution: (usize, usize),
    pub colors: (Color, Color),
    pub fill_opacity: f32,
    pub stroke_color: Color,
    pub stroke_width: f64,
}

impl Default for SurfaceSpec {
    fn default() -> Self {
        SurfaceSpec {
            u_range: (0.0, 1.0),
            v_range: (0.0, 1.0),
            resolution: (20, 20),
            colors: (
                Color::named("BLUE_D").unwrap(),
                Color::named("BLUE_E").unwrap(),
            ),
            fill_opacity: 1.0,
            stroke_color: Color::named("LIGHT_GREY").unwrap(),
            stroke_width: 0.5,
        }
    }
}

/// A surface (u, v) ↦ point as a grid of quads, u-major (face (i, j) is the i-th along u),
/// coloured as a checkerboard: colour 1 where i + j is even.
pub fn surface<E>(
    spec: &SurfaceSpec,
    mut point: impl FnMut(f64, f64) -> Result<Vec3, E>,
) -> Result<Mobject, E> {
    let (nu, nv) = (spec.resolution.0.max(1), spec.resolution.1.max(1));
    let (u0, u1) = spec.u_range;
    let (v0, v1) = spec.v_range;
    let mut grid = vec![Vec3::ZERO; (nu + 1) * (nv + 1)];
    for i in 0..=nu {
        for j in 0..=nv {
            let u = u0 + (u1 - u0) * i as f64 / nu as f64;
            let v = v0 + (v1 - v0) * j as f64 / nv as f64;
            grid[i * (nv + 1) + j] = point(u, v)?;
        }
    }
    let g = |i: usize, j: usize| grid[i * (nv + 1) + j];
    let mut faces = Vec::with_capacity(nu * nv);
    for i in 0..nu {
        for j in 0..nv {
            let mut p = Path::polyline(&[g(i, j), g(i + 1, j), g(i + 1, j + 1), g(i, j + 1)]);
            p.close();
            let c = if (i + j) % 2 == 0 {
                spec.colors.0
            } else {
                spec.colors.1
            };
            let style = Style {
                fill: c,
                fill_opacity: spec.fill_opacity,
                stroke: spec.stroke_color,
                stroke_opacity: 1.0,
                stroke_width: spec.stroke_width,
                stroke_gradient: None,
                shade: true,
            };
            faces.push(Mobject::leaf(p, style));
        }
    }
    Ok(Mobject::group(faces))
}

/// A sphere of `(around, from pole to pole)` faces, in one colour or a checkerboard.
pub fn sphere(
    center: Vec3,
    radius: f64,
    resolution: (usize, usize),
    colors: (Color, Color),
) -> Mobject {
    let spec = SurfaceSpec {
        u_range: (0.0, TAU),
        v_range: (0.0, PI),
        resolution,
        colors,
        fill_opacity: 1.0,
        stroke_color: colors.0,
        stroke_width: 0.0,
    };
    let r: Result<Mobject, ()> = surface(&spec, |u, v| {
        Ok(center + Vec3::new(u.cos() * v.sin(), u.sin() * v.sin(), -v.cos()) * radius)
    });
    r.unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn funky_axes_match_the_spec() {
        // video-spec §2.3: data ±1 on all axes, lengths 5, 3, 5, scaled ×2, rotated +30° about UP
        // then +45° about RIGHT: one data unit along u is (2.165, 0.884, −0.884) × 2.
        let mut a = axes3d(&Axes3dSpec {
            ranges: [(-1.0, 1.0, 1.0); 3],
            lengths: [5.0, 3.0, 5.0],
            ticks: false,
            ..Default::default()
        });
        a.scale(2.0, Some(Vec3::ZERO));
        a.rotate(30f64.to_radians(), Vec3::UP, Some(Vec3::ZERO));
        a.rotate(45f64.to_radians(), Vec3::RIGHT, Some(Vec3::ZERO));
        let f = a.coords.unwrap();
        let u = f.ex - f.origin;
        let w = f.ey - f.origin;
        assert!(
            (u - Vec3::new(4.330, 1.768, -1.768)).length() < 2e-3,
            "{u:?}"
        );
        assert!((w - Vec3::new(0.0, 2.121, 2.121)).length() < 2e-3, "{w:?}");
    }

    #[test]
    fn checkerboard_faces() {
        let s = surface::<()>(
            &SurfaceSpec {
                resolution: (3, 2),
                ..Default::default()
            },
            |u, v| Ok(Vec3::new(u, v, 0.0)),
        )
        .unwrap();
        assert_eq!(s.children.len(), 6);
        assert_eq!(s.children[0].style.fill, Color::named("BLUE_D").unwrap());
        assert_eq!(s.children[1].style.fill, Color::named("BLUE_E").unwrap());
        assert!(s.children.iter().all(|f| f.style.shade));
    }
}
