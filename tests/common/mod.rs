#![allow(dead_code)]
pub mod pixels;

use std::path::{Path, PathBuf};
use std::process::Command;

use valley::lang::Program;
use valley::timeline::Timeline;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn compile_file(rel: &str, scene: Option<&str>) -> Timeline {
    let p = Program::load(&root().join(rel)).unwrap_or_else(|d| panic!("{d}"));
    p.compile(scene).unwrap_or_else(|d| panic!("{d}"))
}

/// Compiles source text; returns the error text if any.
pub fn compile_src(src: &str) -> Result<Timeline, String> {
    let p = Program::from_source("test.scene", src.to_string()).map_err(|d| d.to_string())?;
    p.compile(None).map_err(|d| d.to_string())
}

pub fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("valley-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

pub fn exists(p: &Path) -> bool {
    p.exists()
}

/// Every `.scene` file under `scenes/`, sorted.
pub fn scene_files() -> Vec<PathBuf> {
    fn walk(d: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "scene") {
                out.push(p);
            }
        }
    }
    let mut v = Vec::new();
    walk(&root().join("scenes"), &mut v);
    v.sort();
    v
}

/// The valley binary (for integration tests of the command line).
pub fn valley() -> Command {
    Command::new(env!("CARGO_BIN_EXE_valley"))
}

/// Names of the entries of a folder, sorted.
pub fn listing(d: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(d)
        .map(|r| {
            r.flatten()
                .map(|e| e.file_name().to_string_lossy().to_string())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Decodes a video: (codec name, width, height, frame rate, decoded frames).
#[cfg(feature = "ffmpeg")]
pub fn probe(path: &Path) -> (String, u32, u32, f64, usize) {
    use ffmpeg_next as ff;
    ff::init().unwrap();
    let mut ictx = ff::format::input(path).unwrap();
    let st = ictx.streams().best(ff::media::Type::Video).unwrap();
    let idx = st.index();
    let rate = st.avg_frame_rate();
    let ctx = ff::codec::context::Context::from_parameters(st.parameters()).unwrap();
    let mut dec = ctx.decoder().video().unwrap();
    let name = dec
        .codec()
        .map(|c| c.name().to_string())
        .unwrap_or_default();
    let (w, h) = (dec.width(), dec.height());
    let mut n = 0;
    let mut f = ff::frame::Video::empty();
    for (s, pkt) in ictx.packets() {
        if s.index() == idx {
            dec.send_packet(&pkt).unwrap();
            while dec.receive_frame(&mut f).is_ok() {
                n += 1;
            }
        }
    }
    dec.send_eof().unwrap();
    while dec.receive_frame(&mut f).is_ok() {
        n += 1;
    }
    (name, w, h, rate.0 as f64 / rate.1.max(1) as f64, n)
}

/// A decoded video: each picture's frame index (its time on the frame grid at `fps`), whether
/// it is a key frame, its planes' bytes; and the container's duration in seconds.
pub struct Decoded {
    pub index: Vec<i64>,
    pub key: Vec<bool>,
    pub pictures: Vec<Vec<u8>>,
    pub duration: f64,
}

pub fn decode(path: &std::path::Path, fps: i64) -> Decoded {
    use ffmpeg_next as ff;
    ff::init().unwrap();
    let mut ictx = ff::format::input(path).unwrap();
    let duration = ictx.duration() as f64 / 1e6;
    let st = ictx.streams().best(ff::media::Type::Video).unwrap();
    let (idx, tb) = (st.index(), st.time_base());
    let ctx = ff::codec::context::Context::from_parameters(st.parameters()).unwrap();
    let mut dec = ctx.decoder().video().unwrap();
    let mut d = Decoded {
        index: Vec::new(),
        key: Vec::new(),
        pictures: Vec::new(),
        duration,
    };
    let take = |dec: &mut ff::decoder::Video, d: &mut Decoded| {
        let mut f = ff::frame::Video::empty();
        while dec.receive_frame(&mut f).is_ok() {
            let pts = f.pts().unwrap() as f64 * tb.0 as f64 / tb.1 as f64;
            d.index.push((pts * fps as f64).round() as i64);
            d.key.push(f.is_key());
            d.pictures
                .push((0..f.planes()).flat_map(|i| f.data(i).to_vec()).collect());
        }
    };
    for (s, pkt) in ictx.packets() {
        if s.index() == idx {
            dec.send_packet(&pkt).unwrap();
            take(&mut dec, &mut d);
        }
    }
    dec.send_eof().unwrap();
    take(&mut dec, &mut d);
    d
}

/// Which decoded frames of a video are key frames (in presentation order).
pub fn key_frames(path: &Path) -> Vec<usize> {
    let d = decode(path, 1);
    (0..d.key.len()).filter(|&i| d.key[i]).collect()
}

/// Fails when `dir` holds a file whose name marks it as a temporary (`.NAME.PID.partial…`).
#[track_caller]
pub fn assert_no_partials(dir: &std::path::Path) {
    let left: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".partial"))
        .collect();
    assert!(left.is_empty(), "temporaries left: {left:?}");
}
