//! Geometry: vectors, Bézier paths, measuring and cutting them. Depends on nothing of ours.

pub mod contour;
mod path;
mod vec3;

pub use path::{cubic_point, cubic_sub, Cubic, Path, SubPath};
pub use vec3::Vec3;
