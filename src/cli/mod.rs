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
    Render {
        /// The .scene file, or a folder of them
        file: PathBuf,
        /// Scene names (optional when the file has one scene)
        scenes: Vec<String>,
        /// Quality: -ql 480p15, -qm 720p30, -qh 1080p60 (default), -qp 1440p60, -qk 2160p60
        #[arg(short = 'q', value_parser = ["l", "m", "h", "p", "k"])]
        quality: Option<String>,
        /// Resolution WxH (overrides the preset's)
        #[arg(short = 'r', long)]
        resolution: Option<String>,
        /// Frames per second (overrides the preset's)
        #[arg(long)]
        fps: Option<f64>,
        /// mp4, webm, mov, gif or png (frames)
        #[arg(long)]
        format: Option<String>,
        /// Output file
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Save only the last frame, as PNG
        #[arg(short = 's', long = "save_last_frame")]
        last_frame: bool,
        /// Only frames A..B (end excluded)
        #[arg(long)]
        frames: Option<String>,
        /// Every scene of the file
        #[arg(short = 'a', long)]
        all: bool,
        /// Rendering threads (default: all cores)
        #[arg(short = 'j', long)]
        threads: Option<usize>,
    },
    /// Render the scenes listed in an order file back to back into one MP4 (the full cut).
    Cut {
        /// The order file (lines "file.scene SceneName"), e.g. scenes/gradient_descent/cut.txt
        order: PathBuf,
        /// Quality: -ql, -qm, -qh (default), -qp, -qk
        #[arg(short = 'q', value_parser = ["l", "m", "h", "p", "k"])]
        quality: Option<String>,
        /// Output file (default media/<folder>/<quality>/full_cut.mp4)
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Rendering threads (default: all cores)
        #[arg(short = 'j', long)]
        threads: Option<usize>,
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
        Cmd::Render {
            file,
            scenes,
            quality,
            resolution,
            fps,
            format,
            output,
            last_frame,
            frames,
            all,
            threads,
        } => render_cmd::run(render_cmd::RenderOpts {
            file,
            scenes,
            quality,
            resolution,
            fps,
            format,
            output,
            last_frame,
            frames,
            all,
            threads,
        }),
        Cmd::Check { file } => render_cmd::check(&file),
        Cmd::Cut {
            order,
            quality,
            output,
            threads,
        } => render_cmd::cut(&order, quality, output, threads),
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
