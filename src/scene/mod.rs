//! The object model: shapes, axes, graphs, text and math, images, groups, styles, transforms.

pub mod axes;
mod color;
mod mobject;
pub mod shapes;
mod camera;
pub mod text;

pub use color::Color;
pub use camera::{Camera, FRAME_HEIGHT, FRAME_WIDTH};
pub use mobject::{CoordFrame, Mobject, Picture, Style};
