//! The `valley` command line: a thin layer over the library.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

mod render_cmd;
mod tex_cmd;

#[derive(Parser)]
#[command(
    name = "valley",
    version,
    about = "Explainer videos from scene files (a Manim-style renderer)"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Render scenes of a file (or of every .scene file in a folder) to video or images.
    Render(render_cmd::RenderOpts),
    /// Render the scenes listed in an order file back to back into one MP4 (the full cut).
    Cut {
        /// The order file (lines "file.scene SceneName"), e.g. scenes/gradient_descent/cut.txt
        order: PathBuf,
        #[command(flatten)]
        shared: render_cmd::Shared,
        /// Output file (default media/<folder>/<quality>/full_cut.mp4)
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Compile scene files without rendering and report errors.
    Check {
        /// The .scene file, or a folder of them
        file: PathBuf,
    },
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
        Cmd::Render(opts) => render_cmd::run(opts),
        Cmd::Check { file } => render_cmd::check(&file),
        Cmd::Cut {
            order,
            shared,
            output,
        } => render_cmd::cut(&order, &shared, output),
        Cmd::Tex {
            latex,
            output,
            size,
            color,
            background,
        } => tex_cmd::run(&latex, &output, size, &color, &background),
    };
    match r {
        Ok(()) => 0,
        Err(msg) => {
            eprint!("{msg}");
            if !msg.ends_with('\n') {
                eprintln!();
            }
            1
        }
    }
}
