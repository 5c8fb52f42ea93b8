//! The scheduler. Render workers (one per thread) take the next frame number, draw it into a
//! pixmap they keep, convert it into a buffer from a bounded pool (the encoder's pixel format,
//! for a video), and hand it over; this thread puts frames back in order and gives them to the
//! sink, which therefore does nothing but encode. No barrier waits for the slowest frame of a
//! batch, memory is bounded by the pool (about two frames per thread), and frames the timeline
//! knows are unchanged (a `wait` over a still scene) are not drawn again but pushed again.
//! Every buffer remembers what it shows (`render::Shown`: a 2D frame, or a 3D frame drawn over
//! the cache's layer), so a frame is drawn and converted only where it differs from that one
//! (`render::render_over`, `Converter::convert_rows`).
//! With one thread there are no workers: each frame is drawn and encoded in turn on the
//! caller's thread, so `-j 1` keeps one core busy, not two.
//! The workers share one `render::Cache`: in 3D, what stays the same from frame to frame under a
//! still camera (a surface, its axes) is drawn once and the moving objects over it (the frames
//! come out the same as drawn alone, so a frame is still a pure function of its time).
//!
//! Every failure is an error that names the frame and its time — a panic in a worker included.

use std::collections::BTreeMap;
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{channel, RecvTimeoutError};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tiny_skia::Pixmap;

mod parts;
#[cfg(feature = "ffmpeg")]
use parts::share_parts;
use parts::Claim;
pub use parts::{chunk_ranges, min_part_frames, MIN_PART_SECONDS};

#[cfg(feature = "ffmpeg")]
use crate::encode::{AtomicFile, Converter, Picture, VideoSink};
use crate::render::{render, render_over, Cache, Clip, Frame, Shown};
use crate::timeline::Timeline;

pub struct Job<'a> {
    pub timeline: &'a Timeline,
    pub width: u32,
    pub height: u32,
    pub fps: f64,
    pub frames: Range<usize>,
    pub threads: usize,
}

#[derive(Debug, Clone)]
pub struct Stats {
    pub frames: usize,
    pub seconds: f64,
    /// Frames pushed again because the timeline said nothing had changed.
    pub held: usize,
}

/// Time of frame `i` (frame 0 at t = 0).
pub fn frame_time(i: usize, fps: f64) -> f64 {
    i as f64 / fps
}

/// Renders one frame at time `t`.
pub fn render_at(tl: &Timeline, t: f64, width: u32, height: u32) -> Result<Pixmap, String> {
    Ok(render(&tl.state_at(t)?, width, height))
}

/// Test hook: a worker panics when it draws this frame (set by tests of the failure path).
#[doc(hidden)]
pub const PANIC_ENV: &str = "VALLEY_TEST_PANIC_AT_FRAME";
/// Test hook: from this frame on, drawing a frame takes 40 ms longer (set by tests that need
/// one part of a video to cost more than another).
#[doc(hidden)]
pub const SLOW_ENV: &str = "VALLEY_TEST_SLOW_FROM_FRAME";

/// The test hooks, read once per render.
#[derive(Clone, Copy, Default)]
struct Hooks {
    panic_at: Option<usize>,
    slow_from: Option<usize>,
}

impl Hooks {
    fn from_env() -> Hooks {
        let frame = |name| std::env::var(name).ok().and_then(|v| v.parse().ok());
        Hooks {
            panic_at: frame(PANIC_ENV),
            slow_from: frame(SLOW_ENV),
        }
    }
}

/// What the workers fill for the sink: pixmaps, or pictures in an encoder's format.
trait Prepare: Sync {
    type Buf: Send;
    fn alloc(&self, w: u32, h: u32) -> Self::Buf;
    /// Makes `buf`, which shows `shown` (`None`: unknown), show `frame`, and returns what it
    /// shows then. Only what differs is drawn and converted again (see `render::Shown`).
    fn fill(
        &self,
        frame: &Frame,
        cache: &Cache,
        scratch: &mut Scratch,
        buf: &mut Self::Buf,
        shown: Option<&Shown>,
    ) -> Option<Shown>;
}

/// A buffer and what it shows (`None` while that is unknown: new, or being written).
struct Tagged<B> {
    buf: B,
    shows: Option<Shown>,
}

impl<B> Tagged<B> {
    fn new(buf: B) -> Tagged<B> {
        Tagged { buf, shows: None }
    }
}

/// What a worker keeps from one frame to the next: the pixmap it draws in before converting
/// (with the frame it shows) and the clipping mask of partial redraws.
#[derive(Default)]
struct Scratch {
    /// Used by the converting workers of a video (no pixmap of their own otherwise).
    #[cfg_attr(not(feature = "ffmpeg"), allow(dead_code))]
    canvas: Option<(Pixmap, Option<Shown>)>,
    clip: Clip,
}

struct Pixmaps;

impl Prepare for Pixmaps {
    type Buf = Pixmap;
    fn alloc(&self, w: u32, h: u32) -> Pixmap {
        Pixmap::new(w.max(1), h.max(1)).expect("frame size was checked")
    }
    fn fill(
        &self,
        frame: &Frame,
        cache: &Cache,
        scratch: &mut Scratch,
        buf: &mut Pixmap,
        shown: Option<&Shown>,
    ) -> Option<Shown> {
        render_over(frame, buf, shown, &mut scratch.clip, cache).shows
    }
}

#[cfg(feature = "ffmpeg")]
impl Prepare for Converter {
    type Buf = Picture;
    fn alloc(&self, _: u32, _: u32) -> Picture {
        Converter::alloc(self)
    }
    fn fill(
        &self,
        frame: &Frame,
        cache: &Cache,
        scratch: &mut Scratch,
        buf: &mut Picture,
        shown: Option<&Shown>,
    ) -> Option<Shown> {
        let (w, h) = self.size();
        let (pm, pm_shows) = scratch
            .canvas
            .get_or_insert_with(|| (Pixmaps.alloc(w, h), None));
        let before = pm_shows.take();
        let drawn = render_over(frame, pm, before.as_ref(), &mut scratch.clip, cache);
        // The picture usually shows what the pixmap showed (always on one thread): the rows
        // just drawn are then the rows to convert.
        let bands = match (shown, &before, &drawn.shows) {
            (Some(s), Some(b), _) if s.same(b) => drawn.rows,
            (Some(s), _, Some(now)) => s.rows_to(now, w, h),
            _ => None,
        };
        self.convert_rows(pm, buf, bands.as_deref());
        pm_shows.clone_from(&drawn.shows);
        drawn.shows
    }
}

/// A finished frame: freshly drawn, or the same picture as the frame before.
enum Slot<B> {
    Fresh(Tagged<B>),
    Held,
}

/// "frame 12 at 0.800 s: …", without a second "error:" (the caller adds one).
fn frame_error(i: usize, t: f64, msg: &str) -> String {
    let msg = msg.strip_prefix("error: ").unwrap_or(msg);
    format!("frame {i} at {t:.3} s: {msg}")
}

fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown cause".into())
}

/// Render workers' names: their panics are reported as frame errors, so the default hook's
/// message and backtrace are not printed for them.
const WORKER: &str = "valley-render";

thread_local! {
    /// Set while a frame is drawn on the caller's own thread (one thread, see `engine_inline`):
    /// its panics are reported as frame errors too.
    static DRAWING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn quiet_worker_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(WORKER) && !DRAWING.with(|d| d.get()) {
                previous(info);
            }
        }));
    });
}

/// Draws frame `i` into `buf`, a panic included in the error.
fn draw_frame<P: Prepare>(
    job: &Job,
    prep: &P,
    cache: &Cache,
    scratch: &mut Scratch,
    buf: &mut Tagged<P::Buf>,
    i: usize,
    hooks: Hooks,
) -> Result<(), String> {
    let t = frame_time(i, job.fps);
    // Unknown until the frame is complete.
    let shown = buf.shows.take();
    let drawn = catch_unwind(AssertUnwindSafe(|| -> Result<Option<Shown>, String> {
        let frame = job.timeline.state_at(t)?;
        if hooks.panic_at == Some(i) {
            panic!("test hook {PANIC_ENV}={i}");
        }
        if hooks.slow_from.is_some_and(|s| i >= s) {
            std::thread::sleep(Duration::from_millis(40));
        }
        let shows = prep.fill(&frame, cache, scratch, &mut buf.buf, shown.as_ref());
        Ok(shows)
    }));
    match drawn {
        Ok(Ok(shows)) => {
            buf.shows = shows;
            Ok(())
        }
        Ok(Err(e)) => Err(frame_error(i, t, &e)),
        Err(p) => {
            // The scratch pixmap may be half-drawn by the panicking code: start afresh.
            *scratch = Scratch::default();
            Err(frame_error(
                i,
                t,
                &format!("the renderer crashed ({})", panic_text(&*p)),
            ))
        }
    }
}

/// Whether frame `i` shows what the frame before it showed (the timeline knows nothing moves
/// between them), so the picture before it is pushed again instead of drawing it. The job's
/// first frame is always drawn.
fn is_held(job: &Job, i: usize) -> bool {
    i > job.frames.start
        && job
            .timeline
            .is_still(frame_time(i - 1, job.fps), frame_time(i, job.fps))
}

/// One thread: each frame drawn, converted and handed to the sink on the caller's thread, one
/// after the other, so `-j 1` uses one core (a render thread beside the encoding one would use
/// two, and a comparison of 1 and 2 threads would measure nothing).
fn engine_inline<P: Prepare>(
    job: &Job,
    claim: &Claim,
    cancel: &AtomicBool,
    prep: &P,
    mut sink: impl FnMut(usize, &mut P::Buf, bool) -> Result<(), String>,
    mut progress: impl FnMut(usize),
) -> Result<Stats, String> {
    let started = Instant::now();
    let hooks = Hooks::from_env();
    let cache = Cache::default();
    let mut scratch = Scratch::default();
    let mut buf: Option<Tagged<P::Buf>> = None;
    let (mut done, mut held) = (0, 0);
    quiet_worker_panics();
    while let Some(i) = claim.next() {
        if cancel.load(Ordering::Relaxed) {
            return Err("interrupted".into());
        }
        let still = is_held(job, i);
        let b = buf.get_or_insert_with(|| Tagged::new(prep.alloc(job.width, job.height)));
        if still {
            sink(i, &mut b.buf, true)?;
            held += 1;
        } else {
            DRAWING.with(|d| d.set(true));
            let r = draw_frame(job, prep, &cache, &mut scratch, b, i, hooks);
            DRAWING.with(|d| d.set(false));
            r?;
            sink(i, &mut b.buf, false)?;
        }
        done += 1;
        progress(done);
    }
    Ok(Stats {
        frames: done,
        seconds: started.elapsed().as_secs_f64(),
        held,
    })
}

/// Sets its flag when dropped, by a return or by a panic.
struct Halt<'a>(&'a AtomicBool);

impl Drop for Halt<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Draws the frames `claim` hands out (`job.frames`, unless it is cut short meanwhile) and
/// gives them to `sink` in order.
fn engine<P: Prepare>(
    job: &Job,
    claim: &Claim,
    cancel: &AtomicBool,
    prep: &P,
    mut sink: impl FnMut(usize, &mut P::Buf, bool) -> Result<(), String>,
    mut progress: impl FnMut(usize),
) -> Result<Stats, String> {
    let threads = job.threads.max(1);
    if threads == 1 {
        return engine_inline(job, claim, cancel, prep, sink, progress);
    }
    let started = Instant::now();
    let start = job.frames.start;
    // Buffers in existence: one per worker being drawn, one finished frame waiting to be put in
    // order, and the last frame pushed (a held frame pushes it again). A worker ahead of the
    // others by more waits for a buffer, while the encoder keeps the cores busy; each buffer is
    // 3 MB at 1080p and 12 MB at 2160p.
    let in_flight = threads + 2;
    let hooks = Hooks::from_env();
    let (pool_tx, pool_rx) = channel::<Tagged<P::Buf>>();
    let pool_rx = Mutex::new(pool_rx);
    let created = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (tx, rx) = channel::<(usize, Result<Slot<P::Buf>, String>)>();
    // What stays the same from frame to frame, drawn once for all workers.
    let cache = Cache::default();
    let halted = || stop.load(Ordering::Relaxed) || cancel.load(Ordering::Relaxed);
    // A free buffer, or None when rendering stops.
    let acquire = || -> Option<Tagged<P::Buf>> {
        loop {
            let rx = pool_rx.lock().unwrap_or_else(|e| e.into_inner());
            if let Ok(b) = rx.try_recv() {
                return Some(b);
            }
            if created.fetch_add(1, Ordering::Relaxed) < in_flight {
                return Some(Tagged::new(prep.alloc(job.width, job.height)));
            }
            created.fetch_sub(1, Ordering::Relaxed);
            match rx.recv_timeout(Duration::from_millis(20)) {
                Ok(b) => return Some(b),
                Err(RecvTimeoutError::Timeout) if !halted() => continue,
                Err(_) => return None,
            }
        }
    };
    let worker = || {
        let mut scratch = Scratch::default();
        while !halted() {
            let Some(mut buf) = acquire() else { return };
            let Some(i) = claim.next() else { return };
            if is_held(job, i) {
                let _ = pool_tx.send(buf);
                if tx.send((i, Ok(Slot::Held))).is_err() {
                    return;
                }
                continue;
            }
            let msg = draw_frame(job, prep, &cache, &mut scratch, &mut buf, i, hooks)
                .map(|()| Slot::Fresh(buf));
            if msg.is_err() {
                stop.store(true, Ordering::Relaxed);
            }
            if tx.send((i, msg)).is_err() {
                return;
            }
        }
    };
    let mut done = 0;
    let mut held = 0;
    quiet_worker_panics();
    let result = std::thread::scope(|s| -> Result<(), String> {
        // Stops the workers however this closure ends, a panicking sink included: a worker
        // waiting for a buffer would otherwise wait for ever, and the scope with it.
        let _halt = Halt(&stop);
        let mut workers = Vec::new();
        for _ in 0..threads {
            let w = std::thread::Builder::new()
                .name(WORKER.into())
                .spawn_scoped(s, worker)
                .map_err(|e| {
                    stop.store(true, Ordering::Relaxed);
                    format!("cannot start a render thread: {e}")
                })?;
            workers.push(w);
        }
        let mut pending: BTreeMap<usize, Result<Slot<P::Buf>, String>> = BTreeMap::new();
        let mut last: Option<Tagged<P::Buf>> = None;
        let mut want = start;
        let mut consume = || -> Result<(), String> {
            while want < claim.end() {
                while let Some(msg) = pending.remove(&want) {
                    match msg? {
                        Slot::Fresh(mut buf) => {
                            sink(want, &mut buf.buf, false)?;
                            if let Some(old) = last.replace(buf) {
                                let _ = pool_tx.send(old);
                            }
                        }
                        Slot::Held => {
                            let buf = last.as_mut().ok_or("a held frame came first")?;
                            sink(want, &mut buf.buf, true)?;
                            held += 1;
                        }
                    }
                    want += 1;
                    done += 1;
                    progress(done);
                }
                if want == claim.end() {
                    break;
                }
                if cancel.load(Ordering::Relaxed) {
                    return Err("interrupted".into());
                }
                match rx.recv_timeout(Duration::from_millis(50)) {
                    Ok((i, msg)) => {
                        pending.insert(i, msg);
                    }
                    Err(RecvTimeoutError::Timeout) => {}
                    // Every worker has stopped: a failure stopped them (it is in `pending`,
                    // reported in order above), or a worker died outside the guarded code.
                    Err(RecvTimeoutError::Disconnected) => {
                        if let Some(e) = pending.values().find_map(|m| m.as_ref().err()) {
                            return Err(e.clone());
                        }
                        if cancel.load(Ordering::Relaxed) {
                            return Err("interrupted".into());
                        }
                        return Err(format!(
                            "frame {want} at {:.3} s: a render worker stopped without it",
                            frame_time(want, job.fps)
                        ));
                    }
                }
            }
            Ok(())
        };
        let r = consume();
        stop.store(true, Ordering::Relaxed);
        drop(rx);
        let mut crashed = None;
        for w in workers {
            if let Err(p) = w.join() {
                crashed = Some(format!("a render worker crashed: {}", panic_text(&*p)));
            }
        }
        match (r, crashed) {
            (Err(e), _) => Err(e),
            (Ok(()), Some(e)) => Err(e),
            (Ok(()), None) => Ok(()),
        }
    });
    result?;
    if cancel.load(Ordering::Relaxed) && done < claim.end() - start {
        return Err("interrupted".into());
    }
    Ok(Stats {
        frames: done,
        seconds: started.elapsed().as_secs_f64(),
        held,
    })
}

/// Renders `job.frames`, calling `sink(index, pixmap)` in order, and `progress(done)`.
pub fn run(
    job: &Job,
    cancel: &AtomicBool,
    mut sink: impl FnMut(usize, &Pixmap) -> Result<(), String>,
    progress: impl FnMut(usize),
) -> Result<Stats, String> {
    let claim = Claim::new(job.frames.clone());
    engine(
        job,
        &claim,
        cancel,
        &Pixmaps,
        |i, pm, _| sink(i, pm),
        progress,
    )
}

#[cfg(feature = "ffmpeg")]
/// Renders `job.frames` into a video sink, as many times as the sink needs passes (a GIF's palette
/// pass, then its pixel pass; frames are pure in t, so rendering twice costs time, not memory).
/// Does not finish the sink: several jobs can go into one video (the full cut).
pub fn run_into(
    job: &Job,
    cancel: &AtomicBool,
    sink: &mut VideoSink,
    mut progress: impl FnMut(usize),
) -> Result<Stats, String> {
    let mut stats = Stats {
        frames: 0,
        seconds: 0.0,
        held: 0,
    };
    for pass in 0..sink.passes() {
        if pass > 0 {
            sink.next_pass()?;
        }
        let s = encode(
            job,
            &Claim::new(job.frames.clone()),
            cancel,
            sink,
            &mut progress,
        )?;
        stats.frames = s.frames;
        stats.held = s.held;
        stats.seconds += s.seconds;
    }
    Ok(stats)
}

#[cfg(feature = "ffmpeg")]
/// One pass of the frames `claim` hands out into `sink`.
fn encode(
    job: &Job,
    claim: &Claim,
    cancel: &AtomicBool,
    sink: &mut VideoSink,
    progress: impl FnMut(usize),
) -> Result<Stats, String> {
    let conv = sink.converter();
    engine(
        job,
        claim,
        cancel,
        &conv,
        |i, pic, held| {
            if held {
                // Settled here: a split leaves a frame not yet handed out, so it never makes
                // `i` the last frame after this.
                sink.push_held(pic, i + 1 == claim.end())
            } else {
                sink.push_picture(pic)
            }
        },
        progress,
    )
}

/// Renders `job.frames` converted into `conv`'s pixel format, calling `sink(index, picture)` in
/// order (the bench keeps them to time the encoder alone).
#[cfg(feature = "ffmpeg")]
pub fn run_pictures(
    job: &Job,
    cancel: &AtomicBool,
    conv: Converter,
    mut sink: impl FnMut(usize, &Picture) -> Result<(), String>,
) -> Result<Stats, String> {
    let claim = Claim::new(job.frames.clone());
    engine(job, &claim, cancel, &conv, |i, p, _| sink(i, p), |_| {})
}

#[cfg(feature = "ffmpeg")]
/// Renders `job.frames` into the video `out` in contiguous parts, `chunks` of them encoded at
/// the same time, each by its own encoder (so each starts with a key frame that refers to
/// nothing before it), then joins the parts by stream copy (see [`Lanes`]). The parts are
/// temporaries beside `out`, removed however this ends; `out` appears only when complete.
/// One chunk is the ordinary one-pass encode.
pub fn run_chunked(
    job: &Job,
    cancel: &AtomicBool,
    cfg: &crate::encode::VideoConfig,
    out: &std::path::Path,
    chunks: usize,
    progress: impl FnMut(usize),
) -> Result<Chunked, String> {
    let started = Instant::now();
    let mut lanes = Lanes::new(out, cfg);
    let stats = lanes.render(job, chunks, cancel, progress)?;
    let at = job.frames.start;
    Ok(Chunked {
        stats: Stats {
            seconds: started.elapsed().as_secs_f64(),
            ..stats
        },
        parts: lanes
            .finish()?
            .into_iter()
            .map(|r| r.start + at..r.end + at)
            .collect(),
    })
}

#[cfg(feature = "ffmpeg")]
/// A video encoded in lanes, made of one job or several (the scenes of the full cut), each in
/// as many lanes as asked. A job in several lanes is encoded in parts ([`encode_parts`]); jobs
/// of one lane go one after the other into one running part, as into one encoder, so there is
/// no key frame between them. `finish` joins every part by stream copy, or, when there is only
/// one, puts it in place as the video.
pub struct Lanes {
    out: std::path::PathBuf,
    cfg: crate::encode::VideoConfig,
    /// The finished parts, each with the frames of the video it covers.
    parts: Vec<(Range<usize>, AtomicFile)>,
    /// Frames of the video so far.
    frames: usize,
    /// The running part and the frame of the video at which it starts.
    running: Option<(usize, VideoSink)>,
    /// Parts numbered so far (their temporaries' names).
    numbered: usize,
}

#[cfg(feature = "ffmpeg")]
impl Lanes {
    pub fn new(out: &std::path::Path, cfg: &crate::encode::VideoConfig) -> Lanes {
        Lanes {
            out: out.to_path_buf(),
            cfg: cfg.clone(),
            parts: Vec::new(),
            frames: 0,
            running: None,
            numbered: 0,
        }
    }

    /// Renders the job's frames into the video in `chunks` lanes (fewer for fewer frames).
    pub fn render(
        &mut self,
        job: &Job,
        chunks: usize,
        cancel: &AtomicBool,
        progress: impl FnMut(usize),
    ) -> Result<Stats, String> {
        if chunk_ranges(job.frames.clone(), chunks).len() == 1 {
            if self.running.is_none() {
                let sink = VideoSink::create_part(&self.out, self.numbered, &self.cfg)?;
                self.numbered += 1;
                self.running = Some((self.frames, sink));
            }
            let (_, sink) = self.running.as_mut().expect("just opened");
            let stats = run_into(job, cancel, sink, progress)?;
            self.frames += job.frames.len();
            return Ok(stats);
        }
        self.close_running()?;
        let p = encode_parts(
            job,
            cancel,
            &self.cfg,
            &self.out,
            chunks,
            self.numbered,
            progress,
        )?;
        self.numbered += p.parts.len();
        for (r, file) in p.parts {
            let at = self.frames + (r.start - job.frames.start);
            self.parts.push((at..at + r.len(), file));
        }
        self.frames += job.frames.len();
        Ok(p.stats)
    }

    fn close_running(&mut self) -> Result<(), String> {
        if let Some((at, sink)) = self.running.take() {
            self.parts.push((at..self.frames, sink.finish_part()?));
        }
        Ok(())
    }

    /// Writes the video; returns the frames of each part.
    pub fn finish(mut self) -> Result<Vec<Range<usize>>, String> {
        self.close_running()?;
        let ranges = self.parts.iter().map(|p| p.0.clone()).collect();
        if self.parts.len() == 1 {
            // One part is the whole video, as one encoder would have written it.
            let (_, file) = self.parts.pop().expect("one part");
            file.commit()
                .map_err(|e| format!("cannot write {}: {e}", self.out.display()))?;
        } else {
            let list: Vec<(&std::path::Path, i64)> = self
                .parts
                .iter()
                .map(|(r, f)| (f.temp_path(), r.start as i64))
                .collect();
            crate::encode::join(&list, self.cfg.fps, self.cfg.format, &self.out)?;
        }
        Ok(ranges)
    }
}

#[cfg(feature = "ffmpeg")]
/// A job encoded in parts: what the render did, and each part in frame order with its finished
/// temporary (removed when dropped).
struct Parts {
    stats: Stats,
    parts: Vec<(Range<usize>, AtomicFile)>,
}

#[cfg(feature = "ffmpeg")]
/// Renders `job.frames` in contiguous parts, `chunks` lanes at the same time, each part by its
/// own encoder into a temporary beside `out` numbered from `first` (so that the parts of
/// several jobs for one video have names of their own). How the frames are shared out between
/// the lanes, and re-shared when one finishes early, is [`share_parts`]'s. The threads are
/// shared out too: each lane gets a `chunks`-th of `job.threads` render threads and of the
/// encoder's threads (`VideoConfig::encoder_threads`).
fn encode_parts(
    job: &Job,
    cancel: &AtomicBool,
    cfg: &crate::encode::VideoConfig,
    out: &std::path::Path,
    chunks: usize,
    first: usize,
    mut progress: impl FnMut(usize),
) -> Result<Parts, String> {
    let started = Instant::now();
    let ranges = chunk_ranges(job.frames.clone(), chunks);
    let k = ranges.len();
    let part_cfg = crate::encode::VideoConfig {
        threads: (cfg.encoder_threads() / k).max(1),
        ..cfg.clone()
    };
    // Every lane's first encoder is opened before the first frame is drawn: a bad setting
    // costs no render.
    let opened: Vec<Mutex<Option<VideoSink>>> = (0..k)
        .map(|i| VideoSink::create_part(out, first + i, &part_cfg).map(|s| Mutex::new(Some(s))))
        .collect::<Result<_, _>>()?;
    let stop = AtomicBool::new(false);
    let done = AtomicUsize::new(0);
    // One part: its frames drawn and encoded into a temporary of its own.
    let part = |n: usize, start: usize, claim: &Claim| -> Result<(Stats, AtomicFile), String> {
        let taken = opened.get(n).and_then(|m| m.lock().ok()?.take());
        let mut sink = match taken {
            Some(sink) => sink,
            None => VideoSink::create_part(out, first + n, &part_cfg)?,
        };
        let piece = Job {
            frames: start..claim.end(),
            threads: (job.threads / k).max(1),
            ..*job
        };
        let mut counted = 0;
        let st = encode(&piece, claim, &stop, &mut sink, |d| {
            done.fetch_add(d - counted, Ordering::Relaxed);
            counted = d;
        })?;
        Ok((st, sink.finish_part()?))
    };
    let shared = std::thread::scope(|s| {
        let lanes = s.spawn(|| share_parts(ranges, min_part_frames(job.fps), &stop, part));
        while !lanes.is_finished() {
            if cancel.load(Ordering::Relaxed) {
                stop.store(true, Ordering::Relaxed);
            }
            progress(done.load(Ordering::Relaxed));
            std::thread::sleep(Duration::from_millis(50));
        }
        lanes
            .join()
            .unwrap_or_else(|p| Err(format!("an encoder thread crashed: {}", panic_text(&*p))))
    });
    if cancel.load(Ordering::Relaxed) {
        return Err("interrupted".into());
    }
    let parts = shared?;
    let frames: usize = parts.iter().map(|p| p.1 .0.frames).sum();
    if frames != job.frames.len() {
        return Err(format!(
            "internal error: the parts encoded {frames} frames, not {}",
            job.frames.len()
        ));
    }
    progress(job.frames.len());
    Ok(Parts {
        stats: Stats {
            frames,
            seconds: started.elapsed().as_secs_f64(),
            held: parts.iter().map(|p| p.1 .0.held).sum(),
        },
        parts: parts.into_iter().map(|(r, (_, f))| (r, f)).collect(),
    })
}

/// A video encoded in parts: what the render did, and the frames of each part in order.
#[derive(Debug)]
pub struct Chunked {
    pub stats: Stats,
    pub parts: Vec<Range<usize>>,
}
