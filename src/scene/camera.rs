//! The 2D camera: which part of the scene plane fills the frame. Like Manim's MovingCamera,
//! its frame width and centre can be set and animated; resolution never changes the layout.

use crate::geom::Vec3;

/// Manim's default frame: 14.222… × 8 units at 16:9.
pub const FRAME_WIDTH: f64 = 8.0 * 16.0 / 9.0;
pub const FRAME_HEIGHT: f64 = 8.0;

#[derive(Clone, Debug, PartialEq)]
pub struct Camera {
    pub center: Vec3,
    /// Width of the visible region in scene units (height follows the output's aspect).
    pub frame_width: f64,
}

impl Default for Camera {
    fn default() -> Self {
        Camera {
            center: Vec3::ZERO,
            frame_width: FRAME_WIDTH,
        }
    }
}

impl Camera {
    pub fn lerp(&self, o: &Camera, t: f64) -> Camera {
        Camera {
            center: self.center.lerp(o.center, t),
            frame_width: self.frame_width + (o.frame_width - self.frame_width) * t,
        }
    }
}
