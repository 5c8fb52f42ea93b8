//! The camera: which part of the scene fills the frame, and from where. In 2D (the default) it
//! is Manim's MovingCamera: a frame centre and width. In 3D it is Manim's ThreeDCamera: points
//! are turned by θ (about OUT), φ (about RIGHT) and γ, then seen in perspective from
//! `focal_distance` in front of the frame plane, and `zoom` magnifies the result.

use crate::geom::Vec3;

/// Manim's default frame: 14.222… × 8 units at 16:9.
pub const FRAME_WIDTH: f64 = 8.0 * 16.0 / 9.0;
pub const FRAME_HEIGHT: f64 = 8.0;

#[derive(Clone, Debug, PartialEq)]
pub struct Camera {
    pub center: Vec3,
    /// Width of the visible region of the frame plane, in scene units, before zoom.
    pub frame_width: f64,
    /// Polar angle φ (0: looking straight down −z), radians.
    pub phi: f64,
    /// Azimuth θ (Manim's default −90°), radians.
    pub theta: f64,
    pub gamma: f64,
    pub zoom: f64,
    pub focal_distance: f64,
    /// Manim's exponential projection: s(z) = e^{z/f} for z ≥ 0 instead of f/(f − z), so that
    /// geometry reaching the eye does not blow up.
    pub exponential: bool,
    /// Whether perspective applies (3D scenes); 2D scenes project orthographically.
    pub perspective: bool,
    /// Ambient rotation: θ grows by this many radians per second (Manim's
    /// begin_ambient_camera_rotation).
    pub theta_rate: f64,
    /// Where the light that shades 3D surfaces sits (Manim's `light_source`), in scene units.
    pub light: Vec3,
}

/// Manim's ThreeDCamera light source.
pub const DEFAULT_LIGHT: Vec3 = Vec3::new(-7.0, -9.0, 10.0);

impl Default for Camera {
    fn default() -> Self {
        Camera {
            center: Vec3::ZERO,
            frame_width: FRAME_WIDTH,
            phi: 0.0,
            theta: -std::f64::consts::FRAC_PI_2,
            gamma: 0.0,
            zoom: 1.0,
            focal_distance: 20.0,
            exponential: false,
            perspective: false,
            theta_rate: 0.0,
            light: DEFAULT_LIGHT,
        }
    }
}

impl Camera {
    pub fn lerp(&self, o: &Camera, t: f64) -> Camera {
        let l = |a: f64, b: f64| a + (b - a) * t;
        Camera {
            center: self.center.lerp(o.center, t),
            frame_width: l(self.frame_width, o.frame_width),
            phi: l(self.phi, o.phi),
            theta: l(self.theta, o.theta),
            gamma: l(self.gamma, o.gamma),
            zoom: l(self.zoom, o.zoom),
            focal_distance: l(self.focal_distance, o.focal_distance),
            exponential: if t < 0.5 {
                self.exponential
            } else {
                o.exponential
            },
            perspective: self.perspective || o.perspective,
            theta_rate: if t < 0.5 {
                self.theta_rate
            } else {
                o.theta_rate
            },
            light: self.light.lerp(o.light, t),
        }
    }

    /// Rotates a point into camera space (x right, y up, z toward the viewer).
    #[inline]
    pub fn to_view(&self, p: Vec3) -> Vec3 {
        let q = p - self.center;
        if self.phi == 0.0
            && self.gamma == 0.0
            && (self.theta + std::f64::consts::FRAC_PI_2).abs() < 1e-12
        {
            return q;
        }
        // Manim: rotate about z by −θ − 90°, then about x by −φ, then about z by γ.
        let q = q.rotate(-self.theta - std::f64::consts::FRAC_PI_2, Vec3::OUT);
        let q = q.rotate(-self.phi, Vec3::RIGHT);
        q.rotate(self.gamma, Vec3::OUT)
    }

    /// Undoes `to_view`'s rotation (for a direction, or a point relative to an anchor).
    pub fn from_view_dir(&self, v: Vec3) -> Vec3 {
        let v = v.rotate(-self.gamma, Vec3::OUT);
        let v = v.rotate(self.phi, Vec3::RIGHT);
        v.rotate(self.theta + std::f64::consts::FRAC_PI_2, Vec3::OUT)
    }

    /// Projects a point to frame-plane coordinates (relative to the centre) plus its depth.
    #[inline]
    pub fn project(&self, p: Vec3) -> (f64, f64, f64) {
        let v = self.to_view(p);
        if !self.perspective {
            return (v.x * self.zoom, v.y * self.zoom, v.z);
        }
        let f = self.focal_distance;
        let s = if self.exponential && v.z >= 0.0 {
            (v.z / f).exp()
        } else {
            f / (f - v.z.min(f - 1e-3))
        };
        (v.x * s * self.zoom, v.y * s * self.zoom, v.z)
    }

    /// `project` with the view rotation computed once: for renderers projecting many points.
    pub fn projector(&self) -> Projector {
        let cols = [Vec3::RIGHT, Vec3::UP, Vec3::OUT].map(|e| self.to_view(self.center + e));
        Projector {
            rows: [
                Vec3::new(cols[0].x, cols[1].x, cols[2].x),
                Vec3::new(cols[0].y, cols[1].y, cols[2].y),
                Vec3::new(cols[0].z, cols[1].z, cols[2].z),
            ],
            camera: self.clone(),
        }
    }

    /// The direction from a point toward the eye (for shading and facing tests).
    pub fn eye(&self) -> Vec3 {
        // The eye sits focal_distance along the view's +z, turned back into world space.
        let mut e = Vec3::new(0.0, 0.0, self.focal_distance);
        e = e.rotate(-self.gamma, Vec3::OUT);
        e = e.rotate(self.phi, Vec3::RIGHT);
        e = e.rotate(self.theta + std::f64::consts::FRAC_PI_2, Vec3::OUT);
        self.center + e
    }
}

/// A camera with its view rotation as a matrix.
pub struct Projector {
    rows: [Vec3; 3],
    camera: Camera,
}

impl Projector {
    #[inline]
    pub fn to_view(&self, p: Vec3) -> Vec3 {
        let q = p - self.camera.center;
        Vec3::new(
            self.rows[0].dot(q),
            self.rows[1].dot(q),
            self.rows[2].dot(q),
        )
    }
    /// Same as `Camera::project`.
    #[inline]
    pub fn project(&self, p: Vec3) -> (f64, f64, f64) {
        let v = self.to_view(p);
        let c = &self.camera;
        if !c.perspective {
            return (v.x * c.zoom, v.y * c.zoom, v.z);
        }
        let f = c.focal_distance;
        let s = if c.exponential && v.z >= 0.0 {
            (v.z / f).exp()
        } else {
            f / (f - v.z.min(f - 1e-3))
        };
        (v.x * s * c.zoom, v.y * s * c.zoom, v.z)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_3d_view_is_manims() {
        // φ = 0, θ = −90°: x right, y up; perspective 20/(20 − z).
        let c = Camera {
            perspective: true,
            ..Default::default()
        };
        let (x, y, z) = c.project(Vec3::new(1.0, 2.0, 10.0));
        assert!((x - 2.0).abs() < 1e-12 && (y - 4.0).abs() < 1e-12 && (z - 10.0).abs() < 1e-12);
        // Looking from φ = 90°, θ = −90° the y axis points away and z up.
        let c = Camera {
            phi: std::f64::consts::FRAC_PI_2,
            ..Default::default()
        };
        let (x, y, _) = c.project(Vec3::new(0.0, 0.0, 1.0));
        assert!(x.abs() < 1e-12 && (y - 1.0).abs() < 1e-12, "{x} {y}");
        // The matrix form agrees with the rotations.
        let c = Camera {
            phi: 1.1,
            theta: -0.7,
            gamma: 0.3,
            perspective: true,
            exponential: true,
            center: Vec3::new(0.5, -1.0, 0.2),
            ..Default::default()
        };
        let p = Vec3::new(1.3, -2.0, 0.7);
        let (a, b) = (c.project(p), c.projector().project(p));
        assert!((a.0 - b.0).abs() + (a.1 - b.1).abs() + (a.2 - b.2).abs() < 1e-12);
    }
}
