//! `valley render`, `valley check` and `valley cut`.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::config::{self, Config};
use super::open;
use super::output::{self, OutFormat};
use super::sections::{self, Entry, Part};
use super::signals;
use super::video_out::{self, Encoding, Video};
use crate::encode::{write_png, write_png_atomic, AtomicFile, FrameDir, FrameRate};
use crate::lang::Program;
use crate::pipeline::{self, frame_time, render_at, Job};
use crate::timeline::Timeline;

/// Options every rendering command takes: quality preset and threads.
#[derive(clap::Args, Debug, Default)]
pub struct Shared {
    /// Quality: -ql 480p15, -qm 720p30, -qh 1080p60 (default), -qp 1440p60, -qk 2160p60
    #[arg(short = 'q', long = "quality", value_parser = ["l", "m", "h", "p", "k"])]
    pub quality: Option<String>,
    /// Render and encode threads (default: all cores)
    #[arg(short = 'j', long)]
    pub threads: Option<usize>,
    /// Quality of H.264 (0 lossless … 51; default 18 from 1080p up, 23 below) or VP9 (0 … 63; 32)
    #[arg(long)]
    pub crf: Option<u32>,
    /// x264 preset: ultrafast … veryslow (default medium from 1080p up, veryfast below)
    #[arg(long)]
    pub preset: Option<String>,
    /// Variable frame rate: held frames (a wait over a still scene) are not encoded again
    #[arg(long)]
    pub vfr: bool,
    /// Encode in K lanes at once (one that finishes early takes over half of another's frames), joined without re-encoding (default: threads / 8 from 16 threads on, else 1)
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=64))]
    pub chunks: Option<u8>,
}

/// `valley render`'s options (Manim's names where Manim has the option).
#[derive(clap::Args, Debug, Default)]
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
    /// Frames per second: 30, 29.97 or 30000/1001 (overrides the preset's)
    #[arg(long, visible_alias = "frame_rate")]
    pub fps: Option<String>,
    /// mp4, webm, mov, gif or png (frames); -o's extension picks it when not given
    #[arg(long)]
    pub format: Option<String>,
    /// Output file (its folder must exist)
    #[arg(short, long, visible_alias = "output_file")]
    pub output: Option<PathBuf>,
    /// Save only the last frame, as PNG
    #[arg(short = 's', long = "save_last_frame", conflicts_with_all = ["frames", "from_animation_number", "save_sections"])]
    pub last_frame: bool,
    /// Only frames A..B (end excluded)
    #[arg(long, conflicts_with = "from_animation_number")]
    pub frames: Option<String>,
    /// Only animations A..B (each play and wait counts, from 0; both ends included): -n 3 or -n 3,6
    #[arg(short = 'n', long = "from_animation_number")]
    pub from_animation_number: Option<String>,
    /// Every scene of the file
    #[arg(short = 'a', long = "write_all", visible_alias = "all")]
    pub all: bool,
    /// Open the result when done
    #[arg(short = 'p', long)]
    pub preview: bool,
    /// Show the result in the file manager when done
    #[arg(short = 'f', long = "show_in_file_browser")]
    pub show_in_file_browser: bool,
    /// Transparent background (PNG frames and -s keep alpha)
    #[arg(short = 't', long)]
    pub transparent: bool,
    /// Also write one file per section and a JSON index (in a `sections` folder)
    #[arg(long = "save_sections", conflicts_with_all = ["frames", "from_animation_number"])]
    pub save_sections: bool,
    /// Where default outputs go (default: media)
    #[arg(long = "media_dir")]
    pub media_dir: Option<PathBuf>,
    /// A valley.toml to read defaults from (default: valley.toml beside the scene, or here)
    #[arg(short = 'c', long = "config_file")]
    pub config_file: Option<PathBuf>,
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

/// Manim's quality presets: (folder name, width, height, fps).
pub fn preset(q: &str) -> Option<(&'static str, u32, u32, u32)> {
    Some(match q {
        "l" => ("480p15", 854, 480, 15),
        "m" => ("720p30", 1280, 720, 30),
        "h" => ("1080p60", 1920, 1080, 60),
        "p" => ("1440p60", 2560, 1440, 60),
        "k" => ("2160p60", 3840, 2160, 60),
        _ => return None,
    })
}

/// Largest side and pixel count of a frame: checked before any pixmap is allocated (a frame
/// costs 4 bytes a pixel, and about three per thread are alive at once).
const MAX_SIDE: u32 = 8192;
const MAX_PIXELS: u64 = 8192 * 4608;

fn parse_resolution(r: &str) -> Result<(u32, u32), String> {
    let (a, b) = r
        .split_once(['x', 'X', ','])
        .ok_or_else(|| format!("resolution '{r}' must look like 1920x1080"))?;
    let w: u32 = a
        .trim()
        .parse()
        .map_err(|_| format!("bad width in resolution '{r}'"))?;
    let h: u32 = b
        .trim()
        .parse()
        .map_err(|_| format!("bad height in resolution '{r}'"))?;
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE || w as u64 * h as u64 > MAX_PIXELS {
        return Err(format!(
            "resolution '{r}' is out of range (sides 1 to {MAX_SIDE}, at most {MAX_PIXELS} pixels)"
        ));
    }
    Ok((w, h))
}

/// A render's settings: the command line over the config file over the defaults.
#[derive(Debug)]
struct Settings {
    qname: &'static str,
    w: u32,
    h: u32,
    fps: FrameRate,
    fmt: OutFormat,
    media_dir: PathBuf,
    transparent: bool,
    preview: bool,
    reveal: bool,
    save_sections: bool,
    threads: usize,
    encoding: Encoding,
}

fn settings(o: &RenderOpts, c: &Config) -> Result<Settings, String> {
    let from_file = |what: &str, e: String| match &c.path {
        Some(p) => format!("{e} (from {what} in {})", p.display()),
        None => e,
    };
    let q = o
        .shared
        .quality
        .as_deref()
        .or(c.quality.as_deref().and_then(config::quality_letter))
        .unwrap_or("h");
    let (qname, mut w, mut h, pfps) =
        preset(q).ok_or("quality must be one of -ql, -qm, -qh, -qp, -qk")?;
    if let Some(r) = &o.resolution {
        (w, h) = parse_resolution(r)?;
    } else if let Some(r) = &c.resolution {
        (w, h) = parse_resolution(r).map_err(|e| from_file("resolution", e))?;
    }
    let fps = if let Some(f) = &o.fps {
        f.parse::<FrameRate>()?
    } else if let Some(f) = &c.frame_rate {
        f.text()
            .parse::<FrameRate>()
            .map_err(|e| from_file("frame_rate", e))?
    } else {
        FrameRate::whole(pfps)
    };
    // -o's extension is part of the command line, so it outranks the file's format.
    let o_has_ext = o.output.as_deref().is_some_and(|p| p.extension().is_some());
    let format = o
        .format
        .as_deref()
        .or(if o_has_ext { None } else { c.format.as_deref() });
    let fmt = output::choose(format, o.output.as_deref(), o.last_frame)?;
    video_out::check_chunks(o.shared.chunks.map(|k| k as usize), fmt)?;
    if fmt.needs_even_size() {
        w += w % 2;
        h += h % 2;
    }
    Ok(Settings {
        qname,
        w,
        h,
        fps,
        fmt,
        media_dir: o
            .media_dir
            .clone()
            .or(c.media_dir.clone())
            .unwrap_or_else(|| PathBuf::from("media")),
        transparent: o.transparent || c.transparent.unwrap_or(false),
        preview: o.preview || c.preview.unwrap_or(false),
        reveal: o.show_in_file_browser || c.show_in_file_browser.unwrap_or(false),
        save_sections: o.save_sections || c.save_sections.unwrap_or(false),
        threads: thread_count(o.shared.threads.or(c.threads)),
        encoding: Encoding {
            threads: thread_count(o.shared.threads.or(c.threads)),
            ..Encoding::from_shared(&o.shared)
        },
    })
}

fn scene_files(path: &Path) -> Result<Vec<PathBuf>, String> {
    if path.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| format!("cannot read folder {}: {e}", path.display()))?
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
    if files.is_empty() {
        return Err(format!("no .scene files in {}", file.display()));
    }
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
                    "{} defines no scene (write `scene Name {{ … }}`)",
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

/// One scene to render and where its output goes.
struct Task {
    tl: Timeline,
    /// The file written (for a PNG sequence: the folder of frames).
    out: PathBuf,
    frames: Range<usize>,
    /// With --save_sections: the scene's parts and their outputs.
    parts: Vec<(Part, PathBuf)>,
}

/// The file (or frames folder) a scene's output goes to.
fn default_out(s: &Settings, file: &Path, scene: &str, last_frame: bool) -> PathBuf {
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("scene");
    s.media_dir
        .join(stem)
        .join(s.qname)
        .join(format!("{scene}.{}", s.fmt.extension()))
        .with_extension(if s.fmt == OutFormat::Png && !last_frame {
            ""
        } else {
            s.fmt.extension()
        })
}

pub fn run(o: RenderOpts) -> Result<(), String> {
    let cfg = config::find(o.config_file.as_deref(), &o.file)?;
    let s = settings(&o, &cfg)?;
    output::check_supported(s.fmt, s.transparent)?;
    let frames_out = s.fmt == OutFormat::Png && !o.last_frame;
    // An explicit -o is checked before anything is compiled.
    let explicit = match &o.output {
        Some(p) => {
            let t = output::explicit_target(p, s.fmt)?;
            let t = if frames_out { t.with_extension("") } else { t };
            output::check_target(&t, frames_out, false)?;
            Some(t)
        }
        None => None,
    };
    // Compile everything first, so that a mistake anywhere stops before any rendering.
    let files = scene_files(&o.file)?;
    if files.is_empty() {
        return Err(format!("no .scene files in {}", o.file.display()));
    }
    let fps = s.fps.as_f64();
    let mut tasks: Vec<Task> = Vec::new();
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
            let mut tl = prog.compile(n.as_deref()).map_err(|d| d.to_string())?;
            if s.transparent && tl.segments.iter().any(|g| g.camera.perspective) {
                // The 3D depth-buffer renderer composites over an opaque background.
                return Err(format!(
                    "-t: scene `{}` is 3D, and transparent backgrounds are not supported in 3D \
                     scenes yet (2D scenes only)",
                    tl.name
                ));
            }
            tl.transparent = s.transparent;
            for w in &tl.warnings {
                eprint!("{w}");
            }
            let total = tl.frame_count(fps);
            let frames = match (&o.frames, &o.from_animation_number) {
                (Some(spec), _) => parse_frames(spec, total)?,
                (None, Some(spec)) => sections::animation_frames(&tl, spec, fps)?,
                (None, None) => 0..total,
            };
            let out = explicit
                .clone()
                .unwrap_or_else(|| default_out(&s, f, &tl.name, o.last_frame));
            tasks.push(Task {
                tl,
                out,
                frames,
                parts: Vec::new(),
            });
        }
    }
    if explicit.is_some() && tasks.len() > 1 {
        return Err("-o names one file, but several scenes are selected".into());
    }
    // Every output (and section output) is checked before the first frame renders.
    for t in &mut tasks {
        output::check_target(&t.out, frames_out, explicit.is_none())?;
        if s.save_sections && !o.last_frame {
            let dir = crate::encode::parent_dir(&t.out).join("sections");
            for (k, p) in sections::parts(&t.tl, fps).into_iter().enumerate() {
                let name = format!("{}_{k:04}", t.tl.name);
                let out = if frames_out {
                    dir.join(name)
                } else {
                    dir.join(format!("{name}.{}", s.fmt.extension()))
                };
                output::check_target(&out, frames_out, true)?;
                t.parts.push((p, out));
            }
        }
    }
    let total_frames: usize = tasks
        .iter()
        .map(|t| {
            if o.last_frame {
                1
            } else if !t.parts.is_empty() && video_out::joinable(s.fmt) {
                // The sections are encoded once and joined into the whole video.
                t.parts.iter().map(|p| p.0.frames.len()).sum::<usize>()
            } else {
                t.frames.len() + t.parts.iter().map(|p| p.0.frames.len()).sum::<usize>()
            }
        })
        .sum();
    let bar = progress_bar(total_frames as u64, "");
    let mut done_before = 0usize;
    let mut summary = Vec::new();
    signals::set_rendering(true);
    let r = (|| -> Result<(), String> {
        for t in &tasks {
            let started = Instant::now();
            bar.set_message(t.tl.name.clone());
            let r = Renderer {
                s: &s,
                tl: &t.tl,
                frames_out,
            };
            if o.last_frame {
                r.last_frame(&t.out)?;
                done_before += 1;
            } else {
                let join = !t.parts.is_empty() && video_out::joinable(s.fmt);
                if !join {
                    let offset = done_before;
                    r.render(&t.out, t.frames.clone(), |d| {
                        bar.set_position((offset + d) as u64)
                    })?;
                    done_before += t.frames.len();
                }
                if !t.parts.is_empty() {
                    let mut entries = Vec::new();
                    for (p, out) in &t.parts {
                        let offset = done_before;
                        r.render(out, p.frames.clone(), |d| {
                            bar.set_position((offset + d) as u64)
                        })?;
                        done_before += p.frames.len();
                        let file = out.file_name().and_then(|n| n.to_str()).unwrap_or("");
                        let codec = video_out::codec_name(s.fmt);
                        entries.push(Entry::new(p, file, codec, s.w, s.h, s.fps));
                    }
                    if join {
                        // The parts tile the whole frame range, so the video is their join.
                        let starts: Vec<(&Path, i64)> = t
                            .parts
                            .iter()
                            .map(|(p, out)| {
                                (out.as_path(), (p.frames.start - t.frames.start) as i64)
                            })
                            .collect();
                        video_out::join(&starts, s.fps, s.fmt, &t.out)?;
                    }
                    let index = crate::encode::parent_dir(&t.parts[0].1)
                        .join(format!("{}.json", t.tl.name));
                    let f = AtomicFile::new(&index)
                        .map_err(|e| format!("cannot write {}: {e}", index.display()))?;
                    std::fs::write(f.temp_path(), sections::index_json(&entries))
                        .and_then(|_| f.commit())
                        .map_err(|e| format!("cannot write {}: {e}", index.display()))?;
                }
            }
            summary.push(format!(
                "{:<32} {:>7.2} s {:>6} frames {:>8.1} s wall  {}",
                t.tl.name,
                t.tl.duration(),
                if o.last_frame { 1 } else { t.frames.len() },
                started.elapsed().as_secs_f64(),
                t.out.display()
            ));
        }
        Ok(())
    })();
    signals::set_rendering(false);
    bar.finish_and_clear();
    r?;
    for l in summary {
        println!("{l}");
    }
    if let Some(last) = tasks.last() {
        if s.preview {
            open::open(&last.out, false);
        }
        if s.reveal {
            open::open(&last.out, true);
        }
    }
    Ok(())
}

/// Renders one scene's frames to one output, in the chosen format.
struct Renderer<'a> {
    s: &'a Settings,
    tl: &'a Timeline,
    frames_out: bool,
}

impl Renderer<'_> {
    fn last_frame(&self, out: &Path) -> Result<(), String> {
        let t = self.tl.duration();
        let (w, h) = (self.s.w, self.s.h);
        let pm = render_at(self.tl, t, w, h).map_err(|e| at_frame(e, self.tl, None, t))?;
        write_png_atomic(out, &pm).map_err(|e| format!("cannot write {}: {e}", out.display()))
    }

    fn render(
        &self,
        out: &Path,
        frames: Range<usize>,
        mut progress: impl FnMut(usize),
    ) -> Result<(), String> {
        let s = self.s;
        let job = Job {
            timeline: self.tl,
            width: s.w,
            height: s.h,
            fps: s.fps.as_f64(),
            frames: frames.clone(),
            threads: s.threads,
        };
        let cancel = signals::cancel_flag();
        let mut done = 0usize;
        let progress = |d: usize| {
            done = d;
            progress(d)
        };
        let r = if self.frames_out {
            let dir = FrameDir::new(out, &self.tl.name)
                .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
            pipeline::run(
                &job,
                cancel,
                |i, pm| {
                    let path = dir.frame_path(i);
                    write_png(&path, pm)
                        .map_err(|e| format!("cannot write frame {i} to {}: {e}", path.display()))
                },
                progress,
            )
            .and_then(|_| {
                dir.commit()
                    .map_err(|e| format!("cannot move the frames into {}: {e}", out.display()))
            })
        } else {
            Video::create(out, s.fmt, s.w, s.h, s.fps, &s.encoding, s.transparent).and_then(
                |mut v| {
                    v.render(&job, cancel, progress)?;
                    v.finish()
                },
            )
        };
        r.map_err(|e| locate(e, self.tl, &frames, job.fps, done))
    }
}

/// Adds where in the scene a frame-time error happened: the first frame at or after the last
/// one delivered whose state cannot be computed (the pipeline reports only the message).
fn locate(e: String, tl: &Timeline, frames: &Range<usize>, fps: f64, done: usize) -> String {
    if signals::interrupted() {
        return "interrupted".into();
    }
    let from = frames.start + done;
    for i in (from..frames.end).take(4096) {
        let t = frame_time(i, fps);
        if tl.state_at(t).is_err() {
            return at_frame(e, tl, Some(i), t);
        }
    }
    e
}

fn at_frame(e: String, tl: &Timeline, frame: Option<usize>, t: f64) -> String {
    let e = e.trim_end();
    let at = match frame {
        Some(i) => format!("frame {i}, t = {t:.3} s"),
        None => format!("t = {t:.3} s"),
    };
    format!("{e}\n  = note: while rendering scene `{}` at {at}", tl.name)
}

fn parse_frames(spec: &str, total: usize) -> Result<Range<usize>, String> {
    let (a, b) = spec
        .split_once("..")
        .ok_or_else(|| format!("--frames '{spec}' must look like 10..20"))?;
    let a: usize = if a.is_empty() {
        0
    } else {
        a.parse()
            .map_err(|_| format!("bad start in --frames '{spec}'"))?
    };
    let b: usize = if b.is_empty() {
        total
    } else {
        b.parse()
            .map_err(|_| format!("bad end in --frames '{spec}'"))?
    };
    if a >= b || b > total {
        return Err(format!(
            "bad range --frames {spec}: the scene has frames 0..{total}"
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
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{msg:>24} [{bar:30}] {pos}/{len} frames  {per_sec}  ETA {eta}",
    ) {
        b.set_style(style.progress_chars("=> "));
    }
    b.set_message(name.to_string());
    b
}

/// `valley cut ORDER`: every scene listed in the order file (lines "file.scene SceneName",
/// paths relative to the order file, `#` comments) rendered back to back into one video. One
/// encoder runs through all of them, so the joins are ordinary frames: nothing is re-encoded
/// and nothing can show a seam. In lanes (`--chunks`, or from 16 threads on) each scene is
/// encoded in parts and every part is joined by stream copy: the joins are then key frames.
pub fn cut(order: &Path, shared: &Shared, output: Option<PathBuf>) -> Result<(), String> {
    let (qname, w, h, pfps) = preset(shared.quality.as_deref().unwrap_or("h"))
        .ok_or("quality must be one of -ql, -qm, -qh, -qp, -qk")?;
    let fps = FrameRate::whole(pfps);
    let fmt = output::choose(Some("mp4"), output.as_deref(), false)?;
    output::check_supported(fmt, false)?;
    let explicit = match &output {
        Some(p) => {
            let t = output::explicit_target(p, fmt)?;
            output::check_target(&t, false, false)?;
            Some(t)
        }
        None => None,
    };
    let text = std::fs::read_to_string(order)
        .map_err(|e| format!("cannot read {}: {e}", order.display()))?;
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
        let prog = Program::load(&path)
            .map_err(|d| format!("{d}\n  = note: listed at {}:{}", order.display(), n + 1))?;
        let frames = prog
            .compile(scene)
            .map_err(|d| d.to_string())?
            .frame_count(fps.as_f64());
        scenes.push((prog, scene.map(|s| s.to_string()), frames));
    }
    if scenes.is_empty() {
        return Err(format!("{} lists no scenes", order.display()));
    }
    let stem = order
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|s| s.to_str())
        .unwrap_or("cut");
    let out = explicit.unwrap_or_else(|| {
        PathBuf::from("media")
            .join(stem)
            .join(qname)
            .join("full_cut.mp4")
    });
    output::check_target(&out, false, true)?;
    let threads = thread_count(shared.threads);
    let total: usize = scenes.iter().map(|s| s.2).sum();
    let bar = progress_bar(total as u64, "full cut");
    signals::set_rendering(true);
    let started = Instant::now();
    let mut done = 0usize;
    let mut seconds = 0.0;
    let r = (|| -> Result<(), String> {
        let enc = Encoding {
            threads,
            ..Encoding::from_shared(shared)
        };
        let mut video = Video::create(&out, fmt, w, h, fps, &enc, false)?;
        for (prog, scene, n) in &scenes {
            let n = *n;
            let tl = &prog.compile(scene.as_deref()).map_err(|d| d.to_string())?;
            let job = Job {
                timeline: tl,
                width: w,
                height: h,
                fps: fps.as_f64(),
                frames: 0..n,
                threads,
            };
            let offset = done;
            let mut got = 0;
            video
                .render(&job, signals::cancel_flag(), |d| {
                    got = d;
                    bar.set_position((offset + d) as u64)
                })
                .map_err(|e| locate(e, tl, &(0..n), fps.as_f64(), got))?;
            done += n;
            seconds += n as f64 / fps.as_f64();
            bar.suspend(|| {
                println!(
                    "{:<32} {:>7.2} s  starts at {:>7.2} s",
                    tl.name,
                    tl.duration(),
                    seconds - n as f64 / fps.as_f64()
                )
            });
        }
        video.finish()
    })();
    signals::set_rendering(false);
    bar.finish_and_clear();
    r?;
    println!(
        "full cut: {} scenes, {done} frames, {seconds:.2} s, {:.1} s wall  {}",
        scenes.len(),
        started.elapsed().as_secs_f64(),
        out.display()
    );
    Ok(())
}
