//! The `valley` command line: a thin layer over the library.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

mod tex_cmd;

#[derive(Parser)]
#[command(name = "valley", version, about = "Explainer videos from scene files (a Manim-style renderer)")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Typeset one LaTeX formula (align* semantics) to a PNG cropped to its ink.
    Tex {
        /// The formula, e.g. 'f(x) = x^2'
        #[arg(allow_hyphen_values = true)]
        latex: String,
        /// Output PNG path
        #[arg(short, long)]
        output: PathBuf,
        /// Font size in pixels (the size of one em)
        #[arg(long, default_value_t = 100.0)]
        size: f64,
        /// Ink colour (Manim name or #rrggbb)
        #[arg(long, default_value = "WHITE")]
        color: String,
        /// Background colour (Manim name or #rrggbb)
        #[arg(long, default_value = "BLACK")]
        background: String,
    },
}

pub fn main() -> i32 {
    let cli = Cli::parse();
    let r = match cli.cmd {
        Cmd::Tex { latex, output, size, color, background } => tex_cmd::run(&latex, &output, size, &color, &background),
    };
    match r {
        Ok(()) => 0,
        Err(msg) => {
            eprintln!("{msg}");
            1
        }
    }
}
