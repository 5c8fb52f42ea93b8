//! The `valley` command line: a thin layer over the library. `render` is the default
//! subcommand, so Manim's `valley -pql file.scene Scene` works as `manim -pql …` does.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand};

mod config;
mod open;
mod output;
mod render_cmd;
mod sections;
mod signals;
mod tex_cmd;
mod video_out;

#[derive(Parser)]
#[command(
    name = "valley",
    version,
    about = "Explainer videos from scene files (a Manim-style renderer)",
    after_help = "`render` is the default: `valley -pql file.scene Scene` is `valley render -pql file.scene Scene`."
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
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) to standard output.
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff) to standard output: `valley man > valley.1`.
    Man,
}

/// The clap definition (for completions, the man page and tests).
pub fn command() -> clap::Command {
    Cli::command()
}

/// Puts `render` in front when the first argument is not a subcommand or a top-level flag.
pub fn with_default_subcommand(mut args: Vec<OsString>) -> Vec<OsString> {
    let names: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .chain(["help".to_string()])
        .collect();
    if let Some(first) = args.get(1).and_then(|a| a.to_str()) {
        let top = ["-h", "--help", "-V", "--version"].contains(&first);
        if !top && !names.iter().any(|n| n == first) {
            args.insert(1, "render".into());
        }
    }
    args
}

/// The one place errors are printed: diagnostics as they are (they start with `error`), other
/// messages after `error: `.
fn report(msg: &str) {
    let msg = msg.trim_end();
    if msg.starts_with("error") {
        eprintln!("{msg}");
    } else {
        eprintln!("error: {msg}");
    }
}

pub fn main() -> i32 {
    signals::install();
    let cli = Cli::parse_from(with_default_subcommand(std::env::args_os().collect()));
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
        Cmd::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "valley", &mut std::io::stdout());
            Ok(())
        }
        Cmd::Man => clap_mangen::Man::new(Cli::command())
            .render(&mut std::io::stdout())
            .map_err(|e| format!("cannot write the manual page: {e}")),
    };
    match r {
        Ok(()) => 0,
        Err(_) if signals::interrupted() => {
            report("interrupted");
            130
        }
        Err(msg) => {
            report(&msg);
            1
        }
    }
}
