//! valley: scene files in, explainer videos out.
//!
//! Data flows one way: `lang` (scene text) → `timeline` (objects and animations over time) →
//! `render` (pixels) → `encode` (MP4/GIF/PNG); `pipeline` schedules frames in parallel.

pub mod cli;
pub mod diag;
pub mod encode;
pub mod expr;
pub mod geom;
pub mod lang;
pub mod optim;
pub mod palette;
pub mod pipeline;
pub mod render;
pub mod scene;
pub mod tex;
pub mod timeline;
