//! `valley render` and `valley check`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use crate::encode::{write_png_atomic, VideoFormat, VideoSink};
use crate::lang::Program;
use crate::pipeline::{self, Job};
use crate::timeline::Timeline;

/// Options every rendering command takes: quality preset and threads.
#[derive(clap::Args, Debug)]
pub struct Shared {
    /// Quality: -ql 480p15, -qm 720p30, -qh 1080p60 (default), -qp 1440p60, -qk 2160p60
    #[arg(short = 'q', value_parser = ["l", "m", "h", "p", "k"])]
    pub quality: Option<String>,
    /// Rendering threads (default: all cores)
    #[arg(short = 'j', long)]
    pub threads: Option<usize>,
}

impl Shared {
    /// The preset: (folder name, width, height, fps).
    fn preset(&self) -> Result<(&'static str, u32, u32, f64), String> {
        preset(self.quality.as_deref().unwrap_or("h"))
            .ok_or_else(|| "error: quality must be one of -ql, -qm, -qh, -qp, -qk".to_string())
    }
}

/// `valley render`'s options.
#[derive(clap::Args, Debug)]
pub struct RenderOpts {
    /// The .scene file, or a folder of them
    pub file: PathBuf,
    /// Scene names (optional when the file has one scene)
    pub scenes: Vec<String>,
    #[command(flatten)]
    pub shared: Shared,
    /// Resolution WxH (overrides the preset's)
    #[arg(short = 'r', long)]
    pub resolution: Option<String>,
    /// Frames per second (overrides the preset's)
    #[arg(long)]
    pub fps: Option<f64>,
    /// mp4, webm, mov, gif or png (frames)
    #[arg(long)]
    pub format: Option<String>,
    /// Output file
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Save only the last frame, as PNG
    #[arg(short = 's', long = "save_last_frame")]
    pub last_frame: bool,
    /// Only frames A..B (end excluded)
    #[arg(long)]
    pub frames: Option<String>,
    /// Every scene of the file
    #[arg(short = 'a', long)]
    pub all: bool,
}

/// Rendering threads: as asked, or all cores.
fn thread_count(asked: Option<usize>) -> usize {
    asked
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        })
        .max(1)
}

/// A flag Ctrl-C sets: rendering stops, and the unfinished file is removed.
fn cancel_flag() -> Arc<AtomicBool> {
    let cancel = Arc::new(AtomicBool::new(false));
    let c = cancel.clone();
    let _ = ctrlc::set_handler(move || c.store(true, Ordering::SeqCst));
    cancel
}

/// Manim's quality presets: (folder name, width, height, fps).
pub fn preset(q: &str) -> Option<(&'static str, u32, u32, f64)> {
    Some(match q {
        "l" => ("480p15", 854, 480, 15.0),
        "m" => ("720p30", 1280, 720, 30.0),
        "h" => ("1080p60", 1920, 1080, 60.0),
        "p" => ("1440p60", 2560, 1440, 60.0),
        "k" => ("2160p60", 3840, 2160, 60.0),
        _ => return None,
    })
}

fn scene_files(path: &Path) -> Result<Vec<PathBuf>, String> {
    if path.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| format!("error: cannot read folder {}: {e}", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "scene"))
            .collect();
        v.sort();
        Ok(v)
    } else {
        Ok(vec![path.to_path_buf()])
    }
}

pub fn check(file: &Path) -> Result<(), String> {
    let files = scene_files(file)?;
    let mut progs = Vec::new();
    for f in &files {
        progs.push((f, Program::load(f).map_err(|d| d.to_string())?));
    }
    // A file without scenes is a mistake, unless another checked file `use`s it (a library).
    let used: Vec<std::path::PathBuf> = progs
        .iter()
        .flat_map(|(_, p)| {
            p.uses
                .iter()
                .map(|(s, _)| std::path::PathBuf::from(&s.name))
        })
        .collect();
    for (f, prog) in &progs {
        if prog.scene_names().is_empty() {
            let real = f.canonicalize().unwrap_or_else(|_| f.to_path_buf());
            if !used.contains(&real) {
                return Err(format!(
                    "error: {} defines no scene (write `scene Name {{ … }}`)",
                    f.display()
                ));
            }
            println!("{}: no scene (a library used by other files)", f.display());
        }
    }
    for (f, prog) in progs {
        for name in prog.scene_names() {
            let tl = prog.compile(Some(&name)).map_err(|d| d.to_string())?;
            for w in &tl.warnings {
                eprint!("{w}");
            }
            println!(
                "{}: scene {} ok ({:.2} s)",
                f.display(),
                name,
                tl.duration()
            );
        }
    }
    Ok(())
}

pub fn run(o: RenderOpts) -> Result<(), String> {
    let (qname, mut w, mut h, mut fps) = o.shared.preset()?;
    if let Some(r) = &o.resolution {
        let (a, b) = r
            .split_once(['x', 'X', ','])
            .ok_or_else(|| format!("error: resolution '{r}' must look like 1920x1080"))?;
        w = a
            .trim()
            .parse()
            .map_err(|_| format!("error: bad width in '{r}'"))?;
        h = b
            .trim()
            .parse()
            .map_err(|_| format!("error: bad height in '{r}'"))?;
        if w == 0 || h == 0 || w > 8192 || h > 8192 {
            return Err(format!(
                "error: resolution '{r}' is out of range (1 to 8192)"
            ));
        }
    }
    if let Some(f) = o.fps {
        if !(f > 0.0 && f <= 240.0) {
            return Err("error: --fps must be between 0 and 240".into());
        }
        fps = f;
    }
    // H.264 with 4:2:0 chroma needs even sizes.
    let fmt_name = o.format.clone().unwrap_or_else(|| {
        if o.last_frame {
            "png".into()
        } else {
            "mp4".into()
        }
    });
    let video = match fmt_name.as_str() {
        "mp4" => Some(VideoFormat::Mp4),
        "mov" => Some(VideoFormat::Mov),
        "webm" => Some(VideoFormat::Webm),
        "gif" => Some(VideoFormat::Gif),
        "png" => None,
        other => {
            return Err(format!(
                "error: unknown format '{other}' (mp4, webm, mov, gif or png)"
            ))
        }
    };
    if matches!(
        video,
        Some(VideoFormat::Mp4 | VideoFormat::Mov | VideoFormat::Webm)
    ) {
        w += w % 2;
        h += h % 2;
    }
    let threads = thread_count(o.shared.threads);
    let cancel = cancel_flag();
    // Compile everything first, so that a mistake anywhere stops before any rendering.
    let mut jobs: Vec<(PathBuf, Timeline)> = Vec::new();
    let files = scene_files(&o.file)?;
    if files.is_empty() {
        return Err(format!("error: no .scene files in {}", o.file.display()));
    }
    for f in &files {
        let prog = Program::load(f).map_err(|d| d.to_string())?;
        let names: Vec<Option<String>> = if o.all || files.len() > 1 {
            prog.scene_names().into_iter().map(Some).collect()
        } else if o.scenes.is_empty() {
            vec![None]
        } else {
            o.scenes.iter().cloned().map(Some).collect()
        };
        for n in names {
            let tl = prog.compile(n.as_deref()).map_err(|d| d.to_string())?;
            for w in &tl.warnings {
                eprint!("{w}");
            }
            jobs.push((f.clone(), tl));
        }
    }
    if o.output.is_some() && jobs.len() > 1 {
        return Err("error: -o names one file, but several scenes are selected".into());
    }
    let mut summary = Vec::new();
    // One progress display for the whole batch: frames of every selected scene.
    let total_frames: usize = if o.last_frame {
        jobs.len()
    } else {
        jobs.iter()
            .map(|(_, tl)| match &o.frames {
                Some(spec) => parse_frames(spec, tl.frame_count(fps))
                    .map(|r| r.len())
                    .unwrap_or(0),
                None => tl.frame_count(fps),
            })
            .sum()
    };
    let bar = progress_bar(total_frames as u64, "");
    let mut done_before = 0usize;
    for (file, tl) in &jobs {
        let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("scene");
        let ext = video.map(|v| v.extension()).unwrap_or("png");
        let out = o.output.clone().unwrap_or_else(|| {
            PathBuf::from("media")
                .join(stem)
                .join(qname)
                .join(format!("{}.{ext}", tl.name))
        });
        let total = tl.frame_count(fps);
        let frames = match &o.frames {
            Some(spec) => parse_frames(spec, total)?,
            None => 0..total,
        };
        let started = Instant::now();
        if o.last_frame {
            let pm = pipeline::render_at(tl, tl.duration(), w, h)?;
            write_png_atomic(&out, &pm)
                .map_err(|e| format!("error: cannot write {}: {e}", out.display()))?;
        } else {
            let job = Job {
                timeline: tl,
                width: w,
                height: h,
                fps,
                frames: frames.clone(),
                threads,
            };
            bar.set_message(tl.name.clone());
            let offset = done_before;
            match video {
                Some(vf) => {
                    let mut sink = VideoSink::create(&out, vf, w, h, fps.round() as u32)
                        .map_err(|e| format!("error: {e}"))?;
                    // A GIF renders its frames twice (palette, then pixels); the bar follows
                    // each pass.
                    pipeline::run_into(&job, &cancel, &mut sink, |d| {
                        bar.set_position((offset + d) as u64)
                    })
                    .map_err(|e| format!("error: {e}"))?;
                    sink.finish().map_err(|e| format!("error: {e}"))?;
                }
                None => {
                    let dir = out.with_extension("");
                    pipeline::run(
                        &job,
                        &cancel,
                        |i, pm| {
                            write_png_atomic(&dir.join(format!("{}_{i:05}.png", tl.name)), pm)
                                .map_err(|e| format!("cannot write frame {i}: {e}"))
                        },
                        |d| bar.set_position((offset + d) as u64),
                    )
                    .map_err(|e| format!("error: {e}"))?;
                }
            }
            done_before += frames.len();
        }
        let secs = started.elapsed().as_secs_f64();
        let shown = if o.last_frame || video.is_some() {
            out.display().to_string()
        } else {
            out.with_extension("").display().to_string()
        };
        summary.push(format!(
            "{:<32} {:>7.2} s {:>6} frames {:>8.1} s wall  {}",
            tl.name,
            tl.duration(),
            if o.last_frame { 1 } else { frames.len() },
            secs,
            shown
        ));
    }
    bar.finish_and_clear();
    for l in summary {
        println!("{l}");
    }
    Ok(())
}

fn parse_frames(spec: &str, total: usize) -> Result<std::ops::Range<usize>, String> {
    let (a, b) = spec
        .split_once("..")
        .ok_or_else(|| format!("error: --frames '{spec}' must look like 10..20"))?;
    let a: usize = if a.is_empty() {
        0
    } else {
        a.parse()
            .map_err(|_| format!("error: bad start in --frames '{spec}'"))?
    };
    let b: usize = if b.is_empty() {
        total
    } else {
        b.parse()
            .map_err(|_| format!("error: bad end in --frames '{spec}'"))?
    };
    if a >= b || b > total {
        return Err(format!(
            "error: bad range --frames {spec}: the scene has frames 0..{total}"
        ));
    }
    Ok(a..b)
}

fn progress_bar(len: u64, name: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let b = indicatif::ProgressBar::new(len);
    b.set_style(
        indicatif::ProgressStyle::with_template(
            "{msg:>24} [{bar:30}] {pos}/{len} frames  {per_sec}  ETA {eta}",
        )
        .unwrap()
        .progress_chars("=> "),
    );
    b.set_message(name.to_string());
    b
}

/// `valley cut ORDER`: every scene listed in the order file (lines "file.scene SceneName",
/// paths relative to the order file, `#` comments) rendered back to back into one video. One
/// encoder runs through all of them, so the joins are ordinary frames: nothing is re-encoded
/// and nothing can show a seam.
pub fn cut(order: &Path, shared: &Shared, output: Option<PathBuf>) -> Result<(), String> {
    let (qname, w, h, fps) = shared.preset()?;
    let text = std::fs::read_to_string(order)
        .map_err(|e| format!("error: cannot read {}: {e}", order.display()))?;
    let base = order.parent().unwrap_or(Path::new("."));
    // Every scene is compiled first, so a mistake anywhere stops before any rendering; only the
    // frame counts are kept, and each scene is compiled again just before it renders, so memory
    // holds one scene at a time, not the whole video.
    let mut scenes: Vec<(Program, Option<String>, usize)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let mut it = line.split_whitespace();
        let (Some(file), scene) = (it.next(), it.next()) else {
            continue;
        };
        let path = base.join(file);
        let prog =
            Program::load(&path).map_err(|d| format!("{}:{}: {d}", order.display(), n + 1))?;
        let frames = prog
            .compile(scene)
            .map_err(|d| d.to_string())?
            .frame_count(fps);
        scenes.push((prog, scene.map(|s| s.to_string()), frames));
    }
    if scenes.is_empty() {
        return Err(format!("error: {} lists no scenes", order.display()));
    }
    let stem = order
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|s| s.to_str())
        .unwrap_or("cut");
    let out = output.unwrap_or_else(|| {
        PathBuf::from("media")
            .join(stem)
            .join(qname)
            .join("full_cut.mp4")
    });
    let threads = thread_count(shared.threads);
    let cancel = cancel_flag();
    let total: usize = scenes.iter().map(|s| s.2).sum();
    let bar = progress_bar(total as u64, "full cut");
    let mut sink = VideoSink::create(&out, VideoFormat::Mp4, w, h, fps as u32)
        .map_err(|e| format!("error: {e}"))?;
    let started = Instant::now();
    let mut done = 0usize;
    let mut seconds = 0.0;
    for (prog, scene, n) in &scenes {
        let n = *n;
        let tl = &prog.compile(scene.as_deref()).map_err(|d| d.to_string())?;
        let job = Job {
            timeline: tl,
            width: w,
            height: h,
            fps,
            frames: 0..n,
            threads,
        };
        let offset = done;
        pipeline::run_into(&job, &cancel, &mut sink, |d| {
            bar.set_position((offset + d) as u64)
        })
        .map_err(|e| format!("error: {e}"))?;
        done += n;
        seconds += n as f64 / fps;
        println!(
            "{:<32} {:>7.2} s  starts at {:>7.2} s",
            tl.name,
            tl.duration(),
            seconds - n as f64 / fps
        );
    }
    sink.finish().map_err(|e| format!("error: {e}"))?;
    bar.finish_and_clear();
    println!(
        "full cut: {} scenes, {done} frames, {seconds:.2} s, {:.1} s wall  {}",
        scenes.len(),
        started.elapsed().as_secs_f64(),
        out.display()
    );
    Ok(())
}
