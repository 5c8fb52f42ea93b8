//! Parts of a job encoded at the same time (`--chunks`): the frames start cut into one range
//! per lane, and a lane that finishes early takes the second half of what the busiest lane has
//! not yet handed out. So the lanes end together even when one range costs far more than
//! another (a hold is cheap to encode, a turning camera is not), at the price of a key frame
//! per extra part.

use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// The frames of one part, handed out in order, one at a time, to whoever draws them. Another
/// thread may cut off the second half of what is not yet handed out ([`Claim::split_off`]).
/// What has been handed out is never taken back.
#[derive(Debug)]
pub struct Claim(Mutex<Range<usize>>);

impl Claim {
    pub fn new(frames: Range<usize>) -> Claim {
        Claim(Mutex::new(frames))
    }

    fn range(&self) -> MutexGuard<'_, Range<usize>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The next frame, or `None` when every frame has been handed out.
    #[allow(clippy::should_implement_trait)] // shared by threads: not an `Iterator` (`&mut`)
    pub fn next(&self) -> Option<usize> {
        let mut r = self.range();
        let i = r.start;
        (i < r.end).then(|| {
            r.start += 1;
            i
        })
    }

    /// One past the part's last frame. It only moves down, and a split leaves at least one
    /// frame not yet handed out: the end stays at least two past any frame handed out, so a
    /// frame seen as the last one (`i + 1 == end`) stays the last.
    pub fn end(&self) -> usize {
        self.range().end
    }

    /// Frames not yet handed out.
    pub fn left(&self) -> usize {
        self.range().len()
    }

    /// Takes the second half of the frames not yet handed out, if each half keeps at least
    /// `min` frames (at least one: the part keeps a frame not yet handed out, see `end`).
    pub fn split_off(&self, min: usize) -> Option<Range<usize>> {
        let mut r = self.range();
        if r.len() < 2 * min.max(1) {
            return None;
        }
        let mid = r.start + r.len() / 2;
        let tail = mid..r.end;
        r.end = mid;
        Some(tail)
    }
}

/// `frames` cut into `k` contiguous ranges whose lengths differ by at most one (fewer when
/// there are fewer frames than `k`).
pub fn chunk_ranges(frames: Range<usize>, k: usize) -> Vec<Range<usize>> {
    let n = frames.len();
    let k = k.clamp(1, n.max(1));
    (0..k)
        .map(|i| frames.start + i * n / k..frames.start + (i + 1) * n / k)
        .collect()
}

/// The shortest part split off for an idle lane, in seconds of video. Every part starts with
/// a key frame, so a split costs file size; it saves the time the other lanes would run alone.
pub const MIN_PART_SECONDS: f64 = 0.5;

/// [`MIN_PART_SECONDS`] in frames at `fps` (at least 2).
pub fn min_part_frames(fps: f64) -> usize {
    (fps * MIN_PART_SECONDS).ceil().max(2.0) as usize
}

/// Runs `ranges` at the same time, one lane (thread) each. `work(n, start, claim)` does part
/// number `n`, whose frames begin at `start` and are handed out by `claim`. A lane whose part is
/// done splits off the busiest part's unclaimed second half (if both halves keep `min` frames)
/// as a new part, numbered from `ranges.len()` on, until none is left to split.
///
/// A failing or panicking part sets `stop` (which `work` should heed) and ends its lane; so
/// does `stop` set from outside. Returns every part in frame order with what `work` gave for it, or the first
/// failure in lane order other than "interrupted" (the failures it caused), or "interrupted"
/// when `stop` left frames undone.
#[cfg_attr(not(feature = "ffmpeg"), allow(dead_code))]
pub fn share_parts<T: Send>(
    ranges: Vec<Range<usize>>,
    min: usize,
    stop: &AtomicBool,
    work: impl Fn(usize, usize, &Claim) -> Result<T, String> + Sync,
) -> Result<Vec<(Range<usize>, T)>, String> {
    let whole = ranges.first().map_or(0, |r| r.start)..ranges.last().map_or(0, |r| r.end);
    let claims: Vec<Arc<Claim>> = ranges
        .iter()
        .map(|r| Arc::new(Claim::new(r.clone())))
        .collect();
    let numbered = AtomicUsize::new(ranges.len());
    let registry = Mutex::new(claims.clone());
    let lane = |(mut n, mut start, mut claim): (usize, usize, Arc<Claim>)| {
        let mut done = Vec::new();
        loop {
            // A panic stops the other lanes at once, as an error does (they would otherwise
            // go on, and split off the frames the crashed part left, until it is joined).
            let r = catch_unwind(AssertUnwindSafe(|| work(n, start, &claim)))
                .unwrap_or_else(|p| Err(format!("a lane crashed: {}", super::panic_text(&*p))));
            match r {
                Ok(t) => done.push((start..claim.end(), t)),
                Err(e) => {
                    stop.store(true, Ordering::Relaxed);
                    return Err(e);
                }
            }
            if stop.load(Ordering::Relaxed) {
                return Ok(done);
            }
            // Registered under the same lock as the split, before another idle lane looks.
            let stolen = {
                let mut all = registry.lock().unwrap_or_else(|e| e.into_inner());
                let tail = all
                    .iter()
                    .max_by_key(|c| c.left())
                    .and_then(|c| c.split_off(min));
                tail.map(|r| {
                    let c = Arc::new(Claim::new(r.clone()));
                    all.push(c.clone());
                    (r.start, c)
                })
            };
            let Some((s, c)) = stolen else {
                return Ok(done);
            };
            (n, start, claim) = (numbered.fetch_add(1, Ordering::Relaxed), s, c);
        }
    };
    let results: Vec<Result<Vec<_>, String>> = std::thread::scope(|s| {
        let handles: Vec<_> = claims
            .into_iter()
            .zip(&ranges)
            .enumerate()
            .map(|(n, (c, r))| {
                let lane = &lane;
                s.spawn(move || lane((n, r.start, c)))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|p| {
                    stop.store(true, Ordering::Relaxed);
                    Err(format!("a lane crashed: {}", super::panic_text(&*p)))
                })
            })
            .collect()
    });
    let mut parts = Vec::new();
    let mut failure: Option<String> = None;
    for r in results {
        match r {
            Ok(p) => parts.extend(p),
            Err(e) if failure.as_deref().is_none_or(|f| f == "interrupted") => failure = Some(e),
            Err(_) => {}
        }
    }
    if let Some(e) = failure {
        return Err(e);
    }
    parts.sort_by_key(|p| p.0.start);
    // The parts must tile the frames exactly: anything else would be a wrong video.
    let mut at = whole.start;
    for (r, _) in &parts {
        if r.start != at || r.end < r.start {
            let got: Vec<_> = parts.iter().map(|p| p.0.clone()).collect();
            return Err(format!(
                "internal error: parts {got:?} do not cover frames {whole:?}"
            ));
        }
        at = r.end;
    }
    if at != whole.end {
        if stop.load(Ordering::Relaxed) {
            return Err("interrupted".into());
        }
        return Err(format!(
            "internal error: the parts end at frame {at}, not {}",
            whole.end
        ));
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_claim_hands_out_each_frame_once_and_splits_only_what_is_left() {
        let c = Claim::new(10..30);
        assert_eq!(c.next(), Some(10));
        assert_eq!(c.next(), Some(11));
        // 18 left: halves of 9 each.
        assert_eq!(c.split_off(9), Some(21..30));
        assert_eq!(c.end(), 21);
        assert_eq!(c.left(), 9);
        // 9 left cannot give two halves of 5.
        assert_eq!(c.split_off(5), None);
        // 9 left give 4 kept and 5 taken.
        assert_eq!(c.split_off(4), Some(16..21));
        let rest: Vec<_> = std::iter::from_fn(|| c.next()).collect();
        assert_eq!(rest, (12..16).collect::<Vec<_>>());
        assert_eq!(c.split_off(0), None);
        // A minimum of 0 counts as 1: a part always keeps a frame not yet handed out.
        let c = Claim::new(0..1);
        assert_eq!(c.split_off(0), None);
        assert_eq!(Claim::new(0..2).split_off(0), Some(1..2));
        assert_eq!(Claim::new(0..3).split_off(2), None);
    }

    #[test]
    fn frames_handed_out_by_racing_threads_come_out_once_each() {
        let c = Claim::new(0..20_000);
        let got: Vec<Vec<usize>> = std::thread::scope(|s| {
            let hs: Vec<_> = (0..4)
                .map(|_| s.spawn(|| std::iter::from_fn(|| c.next()).collect()))
                .collect();
            hs.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let mut all: Vec<usize> = got.concat();
        all.sort_unstable();
        assert_eq!(all, (0..20_000).collect::<Vec<_>>());
    }

    #[test]
    fn min_part_is_half_a_second_and_at_least_two_frames() {
        assert_eq!(min_part_frames(60.0), 30);
        assert_eq!(min_part_frames(15.0), 8);
        assert_eq!(min_part_frames(1.0), 2);
    }

    /// Each part's frames, as `work` saw them: handed out in order from the part's start.
    fn record(start: usize, claim: &Claim, cost: impl Fn(usize) -> u64) -> Vec<usize> {
        let mut seen = Vec::new();
        while let Some(i) = claim.next() {
            assert_eq!(i, start + seen.len(), "frames out of order");
            std::thread::sleep(Duration::from_millis(cost(i)));
            seen.push(i);
        }
        seen
    }

    /// The first lane's frames cost nothing, the second's 4 ms each: the first lane must take
    /// over half of the second's work, and the parts must still tile the frames exactly, each
    /// with exactly the frames its range names.
    #[test]
    fn an_idle_lane_takes_half_of_the_busiest_lanes_frames() {
        let stop = AtomicBool::new(false);
        let parts = share_parts(vec![0..100, 100..200], 5, &stop, |_, start, c| {
            Ok(record(start, c, |i| if i < 100 { 0 } else { 4 }))
        })
        .unwrap();
        let ranges: Vec<_> = parts.iter().map(|p| p.0.clone()).collect();
        assert!(ranges.len() > 2, "no part was split off: {ranges:?}");
        assert!(
            ranges[1].end < 175,
            "the second lane kept too much: {ranges:?}"
        );
        for (r, seen) in &parts {
            assert_eq!(*seen, r.clone().collect::<Vec<_>>());
        }
        assert!(ranges.iter().all(|r| r.len() >= 5), "{ranges:?}");
    }

    #[test]
    fn a_failing_part_stops_the_others_and_its_error_comes_out() {
        let stop = AtomicBool::new(false);
        let r = share_parts(vec![0..50, 50..100, 100..150], 5, &stop, |n, start, c| {
            if n == 1 {
                return Err("part 1 failed".to_string());
            }
            while let Some(_i) = c.next() {
                if stop.load(Ordering::Relaxed) {
                    return Err("interrupted".to_string());
                }
                std::thread::sleep(Duration::from_millis(2));
            }
            Ok(start)
        });
        assert_eq!(r.unwrap_err(), "part 1 failed");
        assert!(stop.load(Ordering::Relaxed));
    }

    /// A panicking part stops the other lanes at once, not when its lane is joined: the
    /// first lane must not go on splitting off the crashed part's frames.
    #[test]
    fn a_panicking_part_stops_the_others_at_once() {
        let stop = AtomicBool::new(false);
        let parts = AtomicUsize::new(0);
        let r = share_parts(vec![0..100, 100..200], 2, &stop, |n, _, c| {
            parts.fetch_add(1, Ordering::Relaxed);
            while let Some(i) = c.next() {
                if stop.load(Ordering::Relaxed) {
                    return Err("interrupted".to_string());
                }
                if n == 1 && i == 110 {
                    panic!("part 1 broke");
                }
                std::thread::sleep(Duration::from_millis(if n == 1 { 2 } else { 20 }));
            }
            Ok(())
        });
        let e = r.unwrap_err();
        assert!(e.contains("a lane crashed: part 1 broke"), "{e}");
        assert_eq!(
            parts.load(Ordering::Relaxed),
            2,
            "a part was split off after the crash"
        );
    }

    #[test]
    fn equal_ranges_differ_by_at_most_one_frame() {
        assert_eq!(chunk_ranges(40..85, 3), vec![40..55, 55..70, 70..85]);
        assert_eq!(chunk_ranges(0..7, 2), vec![0..3, 3..7]);
        assert_eq!(chunk_ranges(0..2, 5), vec![0..1, 1..2]);
        assert_eq!(chunk_ranges(0..0, 3), vec![0..0]);
    }
}
