//! The object model: shapes, axes, graphs, text and math, images, groups, styles, transforms.

pub mod annotations;
pub mod axes;
pub mod axis_annotation;
pub mod boolean;
mod camera;
pub mod code;
mod color;
pub mod fields;
mod mobject;
pub mod numbers;
pub mod polygons;
pub mod shapes;
pub mod svg;
pub mod text;
pub mod three_d;

pub use camera::{Camera, Projector, DEFAULT_LIGHT, FRAME_HEIGHT, FRAME_WIDTH};
pub use color::Color;
pub use mobject::{box_point, CoordFrame, Joint, Mobject, Picture, Style, ZoomRole};
