//! Manim's ApplyMatrix as an effect: every point slides straight to its image under a linear
//! map about a point, so the frame at any instant is a pure function of its progress.

use super::effects::Effect;
use crate::geom::Vec3;
use crate::scene::Mobject;

#[derive(Debug)]
pub struct ApplyMatrix {
    /// Rows of a 3 × 3 matrix (a 2 × 2 one padded with the identity, as Manim pads it).
    pub rows: [[f64; 3]; 3],
    pub about: Vec3,
}

impl ApplyMatrix {
    pub fn map(&self, p: Vec3) -> Vec3 {
        let d = p - self.about;
        let r = |k: usize| self.rows[k][0] * d.x + self.rows[k][1] * d.y + self.rows[k][2] * d.z;
        Vec3::new(r(0), r(1), r(2)) + self.about
    }
}

impl Effect for ApplyMatrix {
    fn apply(&self, m: &mut Mobject, a: f64) {
        m.apply_map(&|p| p + (self.map(p) - p) * a);
    }
    fn lasting(&self) -> bool {
        true
    }
}

/// Changes nothing while it runs; carries what happens at the end of a matching transform
/// (the source leaves the screen, the target takes its place).
#[derive(Debug)]
pub struct Handover;

impl Effect for Handover {
    fn apply(&self, _: &mut Mobject, _: f64) {}
}
