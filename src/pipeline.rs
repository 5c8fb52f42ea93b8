//! The scheduler: frames are rendered in parallel (rayon), in chunks of one per thread, while the previous chunk is handed to the sink in order on this thread. Memory
//! stays bounded whatever the video's length, and every frame depends only on its time.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::sync_channel;
use std::time::Instant;

use rayon::prelude::*;
use tiny_skia::Pixmap;

#[cfg(feature = "ffmpeg")]
use crate::encode::VideoSink;
use crate::render::render;
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
}

/// Time of frame `i` (frame 0 at t = 0).
pub fn frame_time(i: usize, fps: f64) -> f64 {
    i as f64 / fps
}

/// Renders one frame at time `t`.
pub fn render_at(tl: &Timeline, t: f64, width: u32, height: u32) -> Result<Pixmap, String> {
    Ok(render(&tl.state_at(t)?, width, height))
}

/// Renders `job.frames`, calling `sink(index, pixmap)` in order, and `progress(done)`.
pub fn run(
    job: &Job,
    cancel: &AtomicBool,
    mut sink: impl FnMut(usize, &Pixmap) -> Result<(), String>,
    mut progress: impl FnMut(usize),
) -> Result<Stats, String> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(job.threads.max(1))
        .build()
        .map_err(|e| e.to_string())?;
    // One frame per thread per chunk: with one chunk queued and one being encoded, about
    // three frames per thread are alive at once.
    let chunk = job.threads.max(1);
    let indices: Vec<usize> = job.frames.clone().collect();
    let (tx, rx) = sync_channel::<Result<Vec<(usize, Pixmap)>, String>>(1);
    let mut done = 0;
    std::thread::scope(|s| -> Result<(), String> {
        let producer = s.spawn(|| {
            for c in indices.chunks(chunk) {
                if cancel.load(Ordering::Relaxed) {
                    break;
                }
                let rendered: Result<Vec<(usize, Pixmap)>, String> = pool.install(|| {
                    c.par_iter()
                        .map(|&i| {
                            render_at(job.timeline, frame_time(i, job.fps), job.width, job.height)
                                .map(|p| (i, p))
                        })
                        .collect()
                });
                let failed = rendered.is_err();
                if tx.send(rendered).is_err() || failed {
                    break;
                }
            }
            drop(tx);
        });
        let mut result = Ok(());
        for batch in rx.iter() {
            if cancel.load(Ordering::Relaxed) {
                result = Err("interrupted".to_string());
                break;
            }
            match batch {
                Ok(frames) => {
                    for (i, pm) in &frames {
                        if let Err(e) = sink(*i, pm) {
                            result = Err(e);
                            break;
                        }
                        done += 1;
                        progress(done);
                    }
                }
                Err(e) => result = Err(e),
            }
            if result.is_err() {
                break;
            }
        }
        drop(rx);
        let _ = producer.join();
        if result.is_ok() && cancel.load(Ordering::Relaxed) {
            result = Err("interrupted".to_string());
        }
        result
    })?;
    Ok(Stats {
        frames: done,
        seconds: started.elapsed().as_secs_f64(),
    })
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
    };
    for pass in 0..sink.passes() {
        if pass > 0 {
            sink.next_pass()?;
        }
        let s = run(job, cancel, |_, pm| sink.push(pm), &mut progress)?;
        stats.frames = s.frames;
        stats.seconds += s.seconds;
    }
    Ok(stats)
}
