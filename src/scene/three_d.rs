//! 3D objects: axes with three axis lines, parametric surfaces made of checkerboard faces, and
//! spheres. Faces are ordinary leaves (closed quads) marked for shading; the renderer sorts
//! them by depth together with everything else.

use std::f64::consts::{PI, TAU};

use super::shapes::{line, tip_across};
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
        // Ticks and tip lie in the plane Manim's ThreeDAxes gives each axis: x's in the xy
        // plane (across y), y's across x, and z's across x (its number line is turned −90°
        // about UP, then by the angle of z_normal = DOWN about OUT), so they foreshorten
        // as the camera turns.
        let across = if k == 0 { Vec3::UP } else { Vec3::RIGHT };
        if spec.ticks && step > 0.0 {
            let n = across * 0.1;
            for v in super::axes::tick_values(lo, hi, step, spec.tips) {
                let c = at(k, v);
                parts.push(line(c - n, c + n, spec.color, spec.stroke_width));
            }
        }
        if spec.tips {
            parts.push(tip_across(b, dir, across, 0.35, 0.35, spec.color));
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
    // Tangents per grid step (central differences, one-sided at the border). Each face side is
    // a cubic whose handles follow them, as Manim's Surface gets by applying the function to
    // its handles: faces curve with the surface instead of creasing at every grid line.
    let du = |i: usize, j: usize| {
        (g((i + 1).min(nu), j) - g(i.saturating_sub(1), j))
            / (((i + 1).min(nu) - i.saturating_sub(1)) as f64)
    };
    let dv = |i: usize, j: usize| {
        (g(i, (j + 1).min(nv)) - g(i, j.saturating_sub(1)))
            / (((j + 1).min(nv) - j.saturating_sub(1)) as f64)
    };
    let mut faces = Vec::with_capacity(nu * nv);
    for i in 0..nu {
        for j in 0..nv {
            let (a, b, c, d) = (g(i, j), g(i + 1, j), g(i + 1, j + 1), g(i, j + 1));
            let mut p = Path::new();
            p.move_to(a);
            p.cubic_to(a + du(i, j) / 3.0, b - du(i + 1, j) / 3.0, b);
            p.cubic_to(b + dv(i + 1, j) / 3.0, c - dv(i + 1, j + 1) / 3.0, c);
            p.cubic_to(c - du(i + 1, j + 1) / 3.0, d + du(i, j + 1) / 3.0, d);
            p.cubic_to(d - dv(i, j + 1) / 3.0, a + dv(i, j) / 3.0, a);
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
                joint: Default::default(),
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

/// A 3×3 rotation, row-major.
pub type Rot = [[f64; 3]; 3];

pub const IDENTITY: Rot = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];

fn rot_apply(m: &Rot, v: Vec3) -> Vec3 {
    Vec3::new(
        m[0][0] * v.x + m[0][1] * v.y + m[0][2] * v.z,
        m[1][0] * v.x + m[1][1] * v.y + m[1][2] * v.z,
        m[2][0] * v.x + m[2][1] * v.y + m[2][2] * v.z,
    )
}

fn rot_mul(a: &Rot, b: &Rot) -> Rot {
    let mut r = [[0.0; 3]; 3];
    for (i, row) in r.iter_mut().enumerate() {
        for (j, cell) in row.iter_mut().enumerate() {
            *cell = (0..3).map(|k| a[i][k] * b[k][j]).sum();
        }
    }
    r
}

/// Rotation by `angle` about `axis` (Rodrigues, as a matrix).
pub fn rot_axis(axis: Vec3, angle: f64) -> Rot {
    let k = axis.normalize();
    let (s, c) = angle.sin_cos();
    let t = 1.0 - c;
    [
        [
            c + k.x * k.x * t,
            k.x * k.y * t - k.z * s,
            k.x * k.z * t + k.y * s,
        ],
        [
            k.y * k.x * t + k.z * s,
            c + k.y * k.y * t,
            k.y * k.z * t - k.x * s,
        ],
        [
            k.z * k.x * t - k.y * s,
            k.z * k.y * t + k.x * s,
            c + k.z * k.z * t,
        ],
    ]
}

/// Where a ball of radius `r` rolling without slipping along `points` (contact points, with
/// surface normals `normals`) is at fraction `t` of the path, and how it has turned: each step Δ
/// turns it by |Δ|/r about n × Δ. `t` counts steps, not length (as Manim moves its ball from
/// one optimizer point to the next in equal times, and as a trail drawn with `progress` grows):
/// the ball goes slowly where the optimizer's steps are short and fast where they are long.
/// Pure in `t`: the rotation is integrated from the start every time, so any frame can be
/// rendered alone.
pub fn roll(points: &[Vec3], normals: &[Vec3], r: f64, t: f64) -> (Vec3, Vec3, Rot) {
    if points.len() < 2 {
        let p = points.first().copied().unwrap_or(Vec3::ZERO);
        return (p, normals.first().copied().unwrap_or(Vec3::OUT), IDENTITY);
    }
    let steps = points.len() - 1;
    let target = t.clamp(0.0, 1.0) * steps as f64;
    let mut rot = IDENTITY;
    for i in 0..steps {
        let n = normals.get(i).copied().unwrap_or(Vec3::OUT).normalize();
        let f = (target - i as f64).clamp(0.0, 1.0);
        if f <= 0.0 {
            return (points[i], n, rot);
        }
        let d = points[i + 1] - points[i];
        let axis = n.cross(d);
        if axis.length() > 1e-12 {
            rot = rot_mul(&rot_axis(axis, d.length() * f / r), &rot);
        }
        if f < 1.0 {
            let n2 = normals.get(i + 1).copied().unwrap_or(n).normalize();
            return (
                points[i].lerp(points[i + 1], f),
                n.lerp(n2, f).normalize(),
                rot,
            );
        }
    }
    let last = *points.last().unwrap();
    (
        last,
        normals.last().copied().unwrap_or(Vec3::OUT).normalize(),
        rot,
    )
}

/// A sphere resting on a surface point (its centre `radius` along the normal), turned by `rot`.
pub fn rolled_sphere(
    contact: Vec3,
    normal: Vec3,
    radius: f64,
    rot: &Rot,
    resolution: (usize, usize),
    colors: (Color, Color),
) -> Mobject {
    let center = contact + normal.normalize() * radius;
    let mut s = sphere(Vec3::ZERO, radius, resolution, colors);
    s.apply_map(&|p| center + rot_apply(rot, p));
    s
}

#[cfg(test)]
mod roll_tests {
    use super::*;

    #[test]
    fn rolling_a_full_turn_on_a_plane() {
        // Rolling 2πr along +x on the plane z = 0 turns the ball once about +y.
        let r = 0.5;
        let pts: Vec<Vec3> = (0..=100)
            .map(|i| Vec3::new(TAU * r * i as f64 / 100.0, 0.0, 0.0))
            .collect();
        let ns = vec![Vec3::OUT; 101];
        let (p, _, rot) = roll(&pts, &ns, r, 0.25);
        assert!((p.x - TAU * r / 4.0).abs() < 1e-9);
        // A quarter turn about +y takes the top (0, 0, 1) to (1, 0, 0): the top rolls forward.
        let top = rot_apply(&rot, Vec3::OUT);
        assert!((top - Vec3::RIGHT).length() < 1e-6, "{top:?}");
        let (p0, _, r0) = roll(&pts, &ns, r, 0.0);
        assert!(p0.length() < 1e-12 && r0 == IDENTITY, "t = 0 is the start");
        let (_, _, rot) = roll(&pts, &ns, r, 1.0);
        assert!((rot_apply(&rot, Vec3::OUT) - Vec3::OUT).length() < 1e-6);
    }

    #[test]
    fn the_ball_takes_equal_times_per_step() {
        // Steps of 0.1 then 0.9: halfway in time is the end of the first step.
        let pts = [
            Vec3::ZERO,
            Vec3::new(0.1, 0.0, 0.0),
            Vec3::new(1.0, 0.0, 0.0),
        ];
        let ns = [Vec3::OUT; 3];
        let (p, _, _) = roll(&pts, &ns, 0.5, 0.5);
        assert!((p.x - 0.1).abs() < 1e-12, "{p:?}");
        let (p, _, _) = roll(&pts, &ns, 0.5, 0.75);
        assert!((p.x - 0.55).abs() < 1e-12, "{p:?}");
    }
}
