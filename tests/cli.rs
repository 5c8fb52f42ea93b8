//! The command line: on bad input a diagnostic with file:line:col and a caret, a non-zero exit,
//! no panic and no output file; outputs checked before rendering and never left half-written;
//! Manim's flags (`-pql` bundles, -p -f -t -n -c, --media_dir, --save_sections), config files,
//! rational frame rates, completions and the man page.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{listing, valley};

fn bad(name: &str, src: &str, expect: &str) {
    let d = common::tmpdir(name);
    let f = d.join(format!("{name}.scene"));
    std::fs::write(&f, src).unwrap();
    let out = d.join("out.mp4");
    let r = valley()
        .args([
            "render",
            f.to_str().unwrap(),
            "-ql",
            "-o",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{name}: {err}");
    assert!(err.contains(expect), "{name}: {err}");
    assert!(
        err.contains(&format!("{name}.scene:")) && err.contains('^'),
        "{name}: no location/caret: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    let left: Vec<_> = std::fs::read_dir(&d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| !n.ends_with(".scene"))
        .collect();
    assert!(left.is_empty(), "{name}: left files {left:?}");
}

#[test]
fn bad_inputs_fail_cleanly() {
    bad(
        "unknown",
        "scene A {\n    let c = circel(radius: 1)\n}\n",
        "did you mean `circle`?",
    );
    bad(
        "badtype",
        "scene A {\n    let c = circle(radius: \"big\")\n}\n",
        "must be a number, found a string",
    );
    bad("brace", "scene A {\n    wait(1)\n", "never closed");
    bad(
        "range",
        "scene A {\n    let a = axes(y_range: [1, 1])\n}\n",
        "bad range",
    );
    bad(
        "divzero",
        "fn f(x) = 2 / x\nscene A {\n    let g = axes().plot(f, x_range: [-1, 1])\n}\n",
        "division by zero",
    );
    bad(
        "image",
        "scene A {\n    let i = image(\"missing.png\")\n}\n",
        "cannot read image",
    );
    bad(
        "formula",
        "scene A {\n    let t = tex(\"\\left( x\")\n}\n",
        "\\left without a matching \\right",
    );
}

#[test]
fn unknown_scene_and_unwritable_output() {
    let d = common::tmpdir("cli-ok");
    let f = d.join("ok.scene");
    std::fs::write(&f, "scene A {\n    add(circle())\n    wait(0.2)\n}\n").unwrap();
    let r = valley()
        .args(["render", f.to_str().unwrap(), "B", "-ql"])
        .current_dir(&d)
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("no scene named `B`"));
    let r = valley()
        .args([
            "render",
            f.to_str().unwrap(),
            "-ql",
            "-o",
            "/proc/no/such/dir/x.mp4",
        ])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("cannot write") && err.contains("does not exist"),
        "{err}"
    );
    // And the good path writes exactly the one file.
    let out = d.join("A.mp4");
    let r = valley()
        .args([
            "render",
            f.to_str().unwrap(),
            "-ql",
            "-o",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(out.exists());
}

#[test]
fn last_frame_png() {
    let d = common::tmpdir("cli-s");
    let out = d.join("last.png");
    let f = common::root().join("scenes/gradient_descent/first_graph.scene");
    let r = valley()
        .args([
            "render",
            f.to_str().unwrap(),
            "-s",
            "-ql",
            "-o",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let pm = tiny_skia::Pixmap::load_png(&out).unwrap();
    assert_eq!((pm.width(), pm.height()), (854, 480));
}

// ---------------------------------------------------------------------------------------------
// Helpers

/// Writes a scene file `name.scene` into `d`.
fn scene(d: &Path, name: &str, src: &str) -> PathBuf {
    let f = d.join(format!("{name}.scene"));
    std::fs::write(&f, src).unwrap();
    f
}

/// A scene of 1.5 s: a 1 s play then a 0.5 s wait (two animations), with a filled square in the
/// middle of the frame.
const SMALL: &str = "scene A {\n    add(square(side: 4, fill_opacity: 1, color: RED))\n    play(create(circle()), run_time: 1)\n    wait(0.5)\n}\n";

/// A scene too long to render within the tests' patience (100 s at 15 fps).
const LONG: &str = "scene A {\n    add(circle())\n    play(create(square()), run_time: 100)\n}\n";

fn run_in(d: &Path, args: &[&str]) -> Output {
    valley()
        .args(args)
        .current_dir(d)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Runs and expects failure (exit 1) with `expect` in stderr, within a few seconds.
fn fails(d: &Path, args: &[&str], expect: &str) {
    let t = Instant::now();
    let r = run_in(d, args);
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{args:?}: {}", text(&r));
    assert!(err.contains(expect), "{args:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.starts_with("error"), "one reporter, one prefix: {err}");
    assert!(!err.contains("error: error"), "{err}");
    assert!(
        t.elapsed() < Duration::from_secs(20),
        "{args:?} took {:?}: checked only after rendering?",
        t.elapsed()
    );
}

fn ok(d: &Path, args: &[&str]) -> String {
    let r = run_in(d, args);
    assert!(r.status.success(), "{args:?}: {}", text(&r));
    text(&r)
}

fn png_frames(d: &Path) -> Vec<String> {
    listing(d)
        .into_iter()
        .filter(|n| n.ends_with(".png"))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Output safety (issue #8)

#[test]
fn output_paths_are_checked_before_rendering() {
    let d = common::tmpdir("cli-paths");
    let f = scene(&d, "long", LONG);
    let f = f.to_str().unwrap();
    std::fs::create_dir(d.join("folder")).unwrap();
    fails(&d, &[f, "-ql", "-o", "folder"], "names a folder");
    fails(&d, &[f, "-ql", "-o", "new/"], "names a folder");
    fails(&d, &[f, "-ql", "-o", "missing/x.mp4"], "does not exist");
    fails(
        &d,
        &[f, "-ql", "-o", "/proc/x.mp4"],
        "cannot write /proc/x.mp4",
    );
    fails(&d, &[f, "-ql", "-o", "x.avi"], "not .avi");
    fails(
        &d,
        &[f, "-ql", "-o", "x.gif", "--format", "mp4"],
        "make them agree",
    );
    fails(
        &d,
        &[f, "-ql", "-s", "-o", "x.mp4"],
        "-s saves the last frame as PNG",
    );
    fails(&d, &[f, "-ql", "--format", "avi"], "unknown format 'avi'");
    // Options that cannot apply together are refused, not ignored.
    let r = run_in(&d, &[f, "-s", "--save_sections"]);
    assert_eq!(r.status.code(), Some(2), "{}", text(&r));
    assert!(text(&r).contains("cannot be used with"), "{}", text(&r));
    let r = run_in(&d, &[f, "-s", "-n", "1"]);
    assert_eq!(r.status.code(), Some(2), "{}", text(&r));
    // Nothing was written by any of these.
    assert_eq!(listing(&d), ["folder", "long.scene"]);
}

#[test]
fn the_extension_picks_the_format() {
    let d = common::tmpdir("cli-ext");
    let f = scene(&d, "small", SMALL);
    ok(&d, &[f.to_str().unwrap(), "-r", "64x36", "-o", "x.gif"]);
    let bytes = std::fs::read(d.join("x.gif")).unwrap();
    assert_eq!(&bytes[..4], b"GIF8");
    // No extension: the format's is added (as Manim does).
    ok(
        &d,
        &[
            f.to_str().unwrap(),
            "-r",
            "64x36",
            "--format",
            "webm",
            "-o",
            "y",
        ],
    );
    let bytes = std::fs::read(d.join("y.webm")).unwrap();
    assert_eq!(
        &bytes[..4],
        &[0x1a, 0x45, 0xdf, 0xa3],
        "an EBML (WebM) header"
    );
}

#[test]
fn only_regular_files_are_replaced() {
    let d = common::tmpdir("cli-regular");
    let f = scene(&d, "small", SMALL);
    let f = f.to_str().unwrap();
    // A device: refused (as root, /dev/null used to be replaced by an MP4).
    fails(&d, &[f, "-r", "64x36", "-o", "/dev/null"], "it is a device");
    fails(
        &d,
        &[f, "-r", "64x36", "-o", "/dev/null", "-s"],
        "it is a device",
    );
    {
        use std::os::unix::fs::FileTypeExt;
        let md = std::fs::metadata("/dev/null").unwrap();
        assert!(md.file_type().is_char_device(), "/dev/null was replaced");
    }
    fails(
        &d,
        &["tex", "x", "-o", "/dev/null"],
        "valley only replaces regular files",
    );
    // A symbolic link: refused, and neither it nor its target is touched.
    std::fs::write(d.join("target.mp4"), b"keep").unwrap();
    std::os::unix::fs::symlink(d.join("target.mp4"), d.join("link.mp4")).unwrap();
    fails(&d, &[f, "-r", "64x36", "-o", "link.mp4"], "symbolic link");
    assert_eq!(std::fs::read(d.join("target.mp4")).unwrap(), b"keep");
    assert!(std::fs::symlink_metadata(d.join("link.mp4"))
        .unwrap()
        .file_type()
        .is_symlink());
    // A FIFO: refused (opening it would block or write into a pipe).
    let fifo = d.join("fifo.mp4");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    fails(&d, &[f, "-r", "64x36", "-o", "fifo.mp4"], "it is a FIFO");
    // A regular file is replaced.
    std::fs::write(d.join("old.mp4"), b"old").unwrap();
    ok(&d, &[f, "-r", "64x36", "-o", "old.mp4"]);
    assert!(std::fs::metadata(d.join("old.mp4")).unwrap().len() > 100);
}

/// Starts a render that takes long, waits until its partial output exists, sends `sig`, and
/// returns the exit status and the folder's listing afterwards.
fn interrupt(d: &Path, args: &[&str], sig: i32, wait_for: impl Fn() -> bool) -> Option<i32> {
    let mut child = valley()
        .args(args)
        .current_dir(d)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let t = Instant::now();
    while !wait_for() {
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "render never started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    unsafe { libc::kill(child.id() as i32, sig) };
    let t = Instant::now();
    loop {
        if let Some(s) = child.try_wait().unwrap() {
            return s.code();
        }
        assert!(t.elapsed() < Duration::from_secs(20), "did not stop");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn has_partial(d: &Path) -> bool {
    listing(d).iter().any(|n| n.contains(".partial"))
}

#[test]
fn signals_remove_partial_files() {
    for (sig, name) in [(libc::SIGTERM, "term"), (libc::SIGINT, "int")] {
        let d = common::tmpdir(&format!("cli-sig-{name}"));
        let f = scene(&d, "long", LONG);
        std::fs::write(d.join("out.mp4"), b"previous").unwrap();
        let code = interrupt(
            &d,
            &[f.to_str().unwrap(), "-ql", "-j", "1", "-o", "out.mp4"],
            sig,
            || has_partial(&d),
        );
        assert_eq!(code, Some(130), "{name}");
        assert_eq!(listing(&d), ["long.scene", "out.mp4"], "{name}");
        assert_eq!(std::fs::read(d.join("out.mp4")).unwrap(), b"previous");
    }
    // A frame sequence: the partial folder goes, the earlier frames stay as they were.
    let d = common::tmpdir("cli-sig-png");
    let f = scene(&d, "long", LONG);
    let frames = d.join("out");
    std::fs::create_dir(&frames).unwrap();
    std::fs::write(frames.join("A_00000.png"), b"old").unwrap();
    let code = interrupt(
        &d,
        &[
            f.to_str().unwrap(),
            "-r",
            "64x36",
            "-j",
            "1",
            "--format",
            "png",
            "-o",
            "out.png",
        ],
        libc::SIGTERM,
        || {
            listing(&d)
                .iter()
                .find(|n| n.contains(".partial"))
                .is_some_and(|p| listing(&d.join(p)).len() > 2)
        },
    );
    assert_eq!(code, Some(130));
    assert_eq!(listing(&d), ["long.scene", "out"]);
    assert_eq!(listing(&frames), ["A_00000.png"]);
    assert_eq!(std::fs::read(frames.join("A_00000.png")).unwrap(), b"old");
}

#[test]
fn a_signal_while_compiling_stops_at_once() {
    let d = common::tmpdir("cli-sig-compile");
    // About ten million loop steps: seconds of compiling.
    let f = scene(
        &d,
        "slow",
        "scene A {\n    let n = 0\n    for i in 0..100000 {\n        for j in 0..100 {\n            for k in 0..10 {\n                n = n + k\n            }\n        }\n    }\n    wait(1)\n}\n",
    );
    let started = Instant::now();
    let code = interrupt(&d, &[f.to_str().unwrap(), "-ql"], libc::SIGINT, || {
        started.elapsed() > Duration::from_millis(500)
    });
    assert_eq!(code, Some(130));
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(!d.join("media").exists());
}

#[test]
fn stale_partials_of_dead_processes_are_swept() {
    let d = common::tmpdir("cli-sweep");
    let f = scene(&d, "small", SMALL);
    // A process that has exited: its PID is free (or reused by an unrelated process, in which
    // case the file is rightly kept; the test then only checks the live one).
    let mut c = Command::new("true").spawn().unwrap();
    let dead = c.id();
    c.wait().unwrap();
    let live = std::process::id();
    let stale = [
        format!(".A.mp4.{dead}.partial.mp4"),
        format!(".frames.{dead}.partial"),
    ];
    std::fs::write(d.join(&stale[0]), b"x").unwrap();
    std::fs::create_dir(d.join(&stale[1])).unwrap();
    std::fs::write(d.join(&stale[1]).join("A_00000.png"), b"x").unwrap();
    let keep = format!(".B.mp4.{live}.partial.mp4");
    std::fs::write(d.join(&keep), b"x").unwrap();
    ok(&d, &[f.to_str().unwrap(), "-r", "64x36", "-o", "A.mp4"]);
    let left = listing(&d);
    assert!(left.contains(&keep), "{left:?}");
    assert!(left.contains(&"A.mp4".to_string()), "{left:?}");
    if unsafe { libc::kill(dead as i32, 0) } != 0 {
        for s in &stale {
            assert!(!left.contains(s), "{s} not swept: {left:?}");
        }
    }
}

#[test]
fn png_frames_never_mix_with_stale_ones() {
    let d = common::tmpdir("cli-fresh");
    let f = scene(&d, "small", SMALL);
    let out = d.join("media/small/480p15/A");
    std::fs::create_dir_all(&out).unwrap();
    for i in 0..40 {
        std::fs::write(out.join(format!("A_{i:05}.png")), b"stale").unwrap();
    }
    std::fs::write(out.join("notes.txt"), b"mine").unwrap();
    std::fs::write(out.join("B_00000.png"), b"another scene").unwrap();
    ok(
        &d,
        &[f.to_str().unwrap(), "-ql", "--format", "png", "--fps", "4"],
    );
    // 1.5 s at 4 fps: frames 0..6, all new; other files untouched.
    let names = listing(&out);
    let expect: Vec<String> = (0..6)
        .map(|i| format!("A_{i:05}.png"))
        .chain(["B_00000.png".into(), "notes.txt".into()])
        .collect();
    assert_eq!(names, expect);
    for i in 0..6 {
        tiny_skia::Pixmap::load_png(out.join(format!("A_{i:05}.png"))).unwrap();
    }
    assert!(!has_partial(out.parent().unwrap()));
}

#[test]
fn sizes_are_checked_before_allocating() {
    let d = common::tmpdir("cli-limits");
    let f = scene(&d, "small", SMALL);
    let f = f.to_str().unwrap();
    fails(&d, &[f, "-r", "100000x100000"], "out of range");
    fails(&d, &[f, "-r", "8192x8192"], "out of range");
    fails(&d, &[f, "-r", "0x10"], "out of range");
    fails(
        &d,
        &["tex", "x", "-o", "t.png", "--size", "1e5"],
        "out of range",
    );
    fails(
        &d,
        &["tex", "x", "-o", "t.png", "--size", "1e12"],
        "out of range",
    );
    fails(
        &d,
        &["tex", "x", "-o", "t.png", "--size", "0"],
        "out of range",
    );
    fails(
        &d,
        &[
            "tex",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "-o",
            "t.png",
            "--size",
            "2000",
        ],
        "use a smaller --size",
    );
    assert_eq!(listing(&d), ["small.scene"]);
}

#[test]
fn frame_time_errors_name_the_frame_and_time() {
    let d = common::tmpdir("cli-frame-err");
    let f = scene(
        &d,
        "z",
        "scene A {\n    let s = tracker(1)\n    let d = dot([1 / (s - 0.5), 0, 0])\n    add(d)\n    play(s.to(0), run_time: 1)\n}\n",
    );
    fails(
        &d,
        &[
            f.to_str().unwrap(),
            "-r",
            "64x36",
            "--fps",
            "10",
            "-o",
            "z.mp4",
        ],
        "division by zero",
    );
    let r = run_in(
        &d,
        &[
            f.to_str().unwrap(),
            "-r",
            "64x36",
            "--fps",
            "10",
            "-o",
            "z.mp4",
        ],
    );
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("z.scene:3:18") && err.contains('^'), "{err}");
    assert!(err.contains("frame 5, t = 0.500 s"), "{err}");
    assert_eq!(listing(&d), ["z.scene"]);
}

// ---------------------------------------------------------------------------------------------
// Commands and Manim's flags (issue #14)

#[test]
fn render_is_the_default_subcommand_and_bundles_parse() {
    let d = common::tmpdir("cli-default");
    let f = scene(&d, "small", SMALL);
    let f = f.to_str().unwrap();
    // Manim's `-pql`: preview, quality low.
    let out = ok(&d, &["-pql", f, "A"]);
    assert!(out.contains("not opening"), "{out}");
    assert!(d.join("media/small/480p15/A.mp4").is_file());
    // `-sqm`: last frame at 720p.
    ok(&d, &["-sqm", f]);
    let pm = tiny_skia::Pixmap::load_png(d.join("media/small/720p30/A.png")).unwrap();
    assert_eq!((pm.width(), pm.height()), (1280, 720));
    // Subcommands and help still work.
    let help = ok(&d, &["--help"]);
    assert!(help.contains("render") && help.contains("completions"));
    ok(&d, &["check", f]);
}

/// A fake opener on PATH that records what it was asked to open.
fn fake_opener(d: &Path) -> PathBuf {
    let bin = d.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let script = bin.join("xdg-open");
    std::fs::write(
        &script,
        format!("#!/bin/sh\necho \"$1\" >> {}/opened\n", d.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

#[test]
fn preview_and_show_in_file_browser() {
    let d = common::tmpdir("cli-open");
    let f = scene(&d, "small", SMALL);
    let bin = fake_opener(&d);
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let r = valley()
        .args([
            f.to_str().unwrap(),
            "-p",
            "-f",
            "-r",
            "64x36",
            "-o",
            "x.mp4",
        ])
        .current_dir(&d)
        .env("PATH", path)
        .env("DISPLAY", ":99")
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", text(&r));
    let t = Instant::now();
    let opened = loop {
        let s = std::fs::read_to_string(d.join("opened")).unwrap_or_default();
        if s.lines().count() >= 2 || t.elapsed() > Duration::from_secs(10) {
            break s;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut lines: Vec<&str> = opened.lines().collect();
    lines.sort();
    assert_eq!(lines, [".", "x.mp4"], "{opened}");
    // Without a display: said, not attempted, and not an error.
    let out = ok(
        &d,
        &[f.to_str().unwrap(), "-f", "-r", "64x36", "-o", "x.mp4"],
    );
    assert!(out.contains("not opening .: no display"), "{out}");
}

fn alpha_at(pm: &tiny_skia::Pixmap, x: u32, y: u32) -> u8 {
    pm.pixel(x, y).unwrap().alpha()
}

#[test]
fn transparent_png_keeps_alpha() {
    let d = common::tmpdir("cli-alpha");
    let f = scene(&d, "small", SMALL);
    let f = f.to_str().unwrap();
    ok(&d, &[f, "-s", "-t", "-r", "160x90", "-o", "t.png"]);
    let pm = tiny_skia::Pixmap::load_png(d.join("t.png")).unwrap();
    assert_eq!(alpha_at(&pm, 2, 2), 0, "background is transparent");
    let c = pm.pixel(80, 45).unwrap();
    assert_eq!(c.alpha(), 255, "the filled square is opaque");
    assert!(c.red() > 200 && c.green() < 100, "and red: {c:?}");
    // Frames too.
    ok(
        &d,
        &[
            f, "-t", "-r", "160x90", "--format", "png", "--fps", "2", "-o", "fr.png",
        ],
    );
    let frames = png_frames(&d.join("fr"));
    assert_eq!(frames.len(), 3);
    for n in frames {
        let pm = tiny_skia::Pixmap::load_png(d.join("fr").join(n)).unwrap();
        assert_eq!(alpha_at(&pm, 2, 2), 0);
        assert_eq!(alpha_at(&pm, 80, 45), 255);
    }
    // Without -t the background is opaque.
    ok(&d, &[f, "-s", "-r", "160x90", "-o", "o.png"]);
    let pm = tiny_skia::Pixmap::load_png(d.join("o.png")).unwrap();
    assert_eq!(alpha_at(&pm, 2, 2), 255);
    // Video with alpha (tests/encode.rs decodes each and probes the alpha); MP4 cannot carry
    // it: an explicit error before anything renders, not opaque output.
    ok(&d, &[f, "-t", "-r", "160x90", "-o", "t.mov"]);
    ok(&d, &[f, "-t", "-r", "160x90", "-o", "t.webm"]);
    assert!(d.join("t.mov").is_file() && d.join("t.webm").is_file());
    fails(
        &d,
        &[f, "-t", "-r", "160x90", "-o", "t.mp4"],
        "cannot carry transparency",
    );
    // The 3D renderer composites over an opaque background: refused, not an opaque picture.
    let f3 = scene(
        &d,
        "three_d",
        "scene B {\n    set_camera_orientation(phi: 60 * DEGREES)\n    add(sphere())\n}\n",
    );
    fails(
        &d,
        &[
            f3.to_str().unwrap(),
            "-s",
            "-t",
            "-r",
            "160x90",
            "-o",
            "b.png",
        ],
        "not supported in 3D",
    );
}

#[test]
fn animation_numbers_select_frames() {
    let d = common::tmpdir("cli-n");
    // Animations: 0 = play 1 s, 1 = wait 0.5 s, 2 = play 1 s.
    let f = scene(
        &d,
        "three",
        "scene A {\n    play(create(circle()), run_time: 1)\n    wait(0.5)\n    play(create(square()), run_time: 1)\n}\n",
    );
    let f = f.to_str().unwrap();
    let frames = |n: &str| {
        let _ = std::fs::remove_dir_all(d.join("fr"));
        ok(
            &d,
            &[
                f, "-r", "64x36", "--fps", "10", "--format", "png", "-n", n, "-o", "fr.png",
            ],
        );
        let v = png_frames(&d.join("fr"));
        (v.first().cloned().unwrap(), v.len())
    };
    assert_eq!(frames("1"), ("A_00010.png".into(), 15));
    assert_eq!(frames("0,1"), ("A_00000.png".into(), 15));
    assert_eq!(frames("1,1"), ("A_00010.png".into(), 5));
    assert_eq!(frames("2"), ("A_00015.png".into(), 10));
    fails(&d, &[f, "-r", "64x36", "-n", "3"], "has animations 0 to 2");
    fails(
        &d,
        &[f, "-r", "64x36", "-n", "2,1"],
        "has animations 0 to 2",
    );
}

#[test]
fn frames_option_renders_exactly_those_frames() {
    let d = common::tmpdir("cli-frames");
    let f = scene(&d, "small", SMALL);
    let f = f.to_str().unwrap();
    ok(
        &d,
        &[
            f, "-ql", "-r", "64x36", "--format", "png", "--frames", "2..5", "-o", "fr.png",
        ],
    );
    assert_eq!(
        png_frames(&d.join("fr")),
        ["A_00002.png", "A_00003.png", "A_00004.png"]
    );
    fails(&d, &[f, "-ql", "--frames", "5..2"], "bad range");
    fails(
        &d,
        &[f, "-ql", "--frames", "0..99"],
        "the scene has frames 0..23",
    );
}

#[test]
fn media_dir_moves_default_outputs() {
    let d = common::tmpdir("cli-media");
    let f = scene(&d, "small", SMALL);
    ok(
        &d,
        &[
            f.to_str().unwrap(),
            "-ql",
            "-r",
            "64x36",
            "--media_dir",
            "out",
        ],
    );
    assert!(d.join("out/small/480p15/A.mp4").is_file());
    assert!(!d.join("media").exists());
}

#[test]
fn rational_frame_rates_keep_the_duration() {
    let d = common::tmpdir("cli-fps");
    let f = scene(&d, "small", SMALL);
    let f = f.to_str().unwrap();
    let count = |fps: &str| {
        let _ = std::fs::remove_dir_all(d.join("fr"));
        ok(
            &d,
            &[
                f, "-r", "32x18", "--fps", fps, "--format", "png", "-o", "fr.png",
            ],
        );
        png_frames(&d.join("fr")).len()
    };
    // 1.5 s: ⌈1.5 × 30000/1001⌉ = 45, ⌈1.5 × 0.6⌉ = 1, ⌈1.5 × 1.4⌉ = 3, ⌈1.5 × 29.97⌉ = 45.
    assert_eq!(count("30000/1001"), 45);
    assert_eq!(count("29.97"), 45);
    assert_eq!(count("0.6"), 1);
    assert_eq!(count("1.4"), 3);
    assert_eq!(count("4/2"), 3);
    fails(&d, &[f, "--fps", "0.0001"], "out of range");
    fails(&d, &[f, "--fps", "1/0"], "must be a positive fraction");
    fails(&d, &[f, "--fps", "abc"], "is not a frame rate");
    // Video takes fractional rates too (tests/encode.rs checks the container's tag).
    ok(
        &d,
        &[f, "-r", "32x18", "--fps", "30000/1001", "-o", "ntsc.mp4"],
    );
    assert!(d.join("ntsc.mp4").is_file());
}

#[test]
fn config_file_precedence() {
    let d = common::tmpdir("cli-config");
    let sub = d.join("sub");
    std::fs::create_dir(&sub).unwrap();
    let f = scene(&sub, "small", SMALL);
    let f = f.to_str().unwrap();
    let frames = |dir: &str| png_frames(&d.join(dir)).len();
    // Defaults only: -ql is 15 fps → 23 frames of 1.5 s (as MP4, the default format).
    ok(&d, &[f, "-ql", "-r", "32x18"]);
    assert!(d.join("media/small/480p15/A.mp4").is_file());
    // valley.toml beside the scene: its format, rate and media_dir apply.
    std::fs::write(
        sub.join("valley.toml"),
        "[CLI]\nquality = \"low_quality\"\nframe_rate = 10\nformat = \"png\"\nmedia_dir = \"cfg\"\nresolution = \"32x18\"\n",
    )
    .unwrap();
    ok(&d, &[f]);
    assert_eq!(frames("cfg/small/480p15/A"), 15);
    // The command line wins over the file.
    ok(&d, &[f, "--fps", "4", "--media_dir", "cli"]);
    assert_eq!(frames("cli/small/480p15/A"), 6);
    ok(&d, &[f, "-o", "v.gif"]);
    assert_eq!(&std::fs::read(d.join("v.gif")).unwrap()[..4], b"GIF8");
    // -c picks another file, which replaces (not merges with) the one beside the scene.
    std::fs::write(
        d.join("other.toml"),
        "[CLI]\nframe_rate = \"2/1\"\nformat = \"png\"\nresolution = \"32x18\"\n",
    )
    .unwrap();
    ok(&d, &[f, "-c", "other.toml"]);
    assert_eq!(frames("media/small/1080p60/A"), 3);
    // In the working directory when there is none beside the scene.
    std::fs::remove_file(sub.join("valley.toml")).unwrap();
    std::fs::write(d.join("valley.toml"), "[CLI]\nformat = \"png\"\nframe_rate = \"2\"\nresolution = \"32x18\"\nmedia_dir = \"cwd\"\n").unwrap();
    ok(&d, &[f]);
    assert_eq!(frames("cwd/small/1080p60/A"), 3);
    // Mistakes in the file are named.
    std::fs::write(d.join("bad.toml"), "[CLI]\nqualty = \"l\"\n").unwrap();
    fails(&d, &[f, "-c", "bad.toml"], "bad.toml");
    std::fs::write(d.join("bad.toml"), "[CLI]\nframe_rate = \"fast\"\n").unwrap();
    fails(&d, &[f, "-c", "bad.toml"], "from frame_rate in bad.toml");
    fails(
        &d,
        &[f, "-c", "none.toml"],
        "cannot read config file none.toml",
    );
}

#[test]
fn save_sections_writes_parts_and_an_index() {
    let d = common::tmpdir("cli-sections");
    let f = scene(&d, "small", SMALL);
    ok(
        &d,
        &[f.to_str().unwrap(), "-ql", "-r", "64x36", "--save_sections"],
    );
    let dir = d.join("media/small/480p15/sections");
    assert_eq!(listing(&dir), ["A.json", "A_0000.mp4"]);
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("A.json")).unwrap()).unwrap();
    let e = &index[0];
    assert_eq!(e["name"], "autocreated");
    assert_eq!(e["video"], "A_0000.mp4");
    assert_eq!(e["codec_name"], "h264");
    assert_eq!(e["nb_frames"], "23");
    assert_eq!(e["avg_frame_rate"], "15/1");
    assert_eq!(e["start"], 0.0);
    assert_eq!(e["end"], 1.5);
    #[cfg(feature = "ffmpeg")]
    assert_eq!(common::probe(&dir.join("A_0000.mp4")).4, 23);
    assert!(d.join("media/small/480p15/A.mp4").is_file());
}

/// `section("name")` in a scene (Manim's `next_section`) cuts `--save_sections`' parts.
#[test]
fn sections_named_in_the_scene() {
    let d = common::tmpdir("cli-sections-named");
    let f = scene(
        &d,
        "parts",
        "scene P {\n    section(\"intro\")\n    play(create(circle()), run_time: 1)\n    section(\"main\")\n    wait(2)\n}\n",
    );
    ok(
        &d,
        &[
            f.to_str().unwrap(),
            "-r",
            "64x36",
            "--fps",
            "10",
            "--format",
            "png",
            "--save_sections",
        ],
    );
    let dir = d.join("media/parts/1080p60/sections");
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("P.json")).unwrap()).unwrap();
    let names: Vec<&str> = index
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["intro", "main"], "{index}");
    assert_eq!(index[1]["start"], 1.0);
    assert_eq!(png_frames(&dir.join("P_0000")).len(), 10);
    assert_eq!(png_frames(&dir.join("P_0001")).len(), 20);
}

/// With sections in an MP4, the whole video is the sections joined by stream copy (each frame
/// is rendered once): it has every frame, at the scene's rate, as the sections have theirs.
#[cfg(feature = "ffmpeg")]
#[test]
fn whole_video_is_joined_from_the_sections() {
    let d = common::tmpdir("cli-sections-join");
    let f = scene(
        &d,
        "joined",
        "scene J {\n    play(create(circle()), run_time: 1)\n    section(\"main\")\n    play(create(square()), run_time: 1.5)\n    wait(0.5)\n}\n",
    );
    ok(
        &d,
        &[f.to_str().unwrap(), "-ql", "-r", "64x36", "--save_sections"],
    );
    let dir = d.join("media/joined/480p15");
    assert_eq!(
        listing(&dir.join("sections")),
        ["J.json", "J_0000.mp4", "J_0001.mp4"]
    );
    let (a, b) = (
        common::probe(&dir.join("sections/J_0000.mp4")),
        common::probe(&dir.join("sections/J_0001.mp4")),
    );
    assert_eq!((a.4, b.4), (15, 30));
    let whole = common::probe(&dir.join("J.mp4"));
    assert_eq!(whole.0, "h264");
    assert_eq!(whole.4, 45, "every frame of both sections, once");
    assert!((whole.3 - 15.0).abs() < 1e-9, "{}", whole.3);
}

#[test]
fn completions_and_man_page() {
    let d = common::tmpdir("cli-complete");
    let bash = ok(&d, &["completions", "bash"]);
    assert!(
        bash.contains("_valley") && bash.contains("--save_sections"),
        "{bash}"
    );
    let zsh = ok(&d, &["completions", "zsh"]);
    assert!(zsh.contains("#compdef valley"));
    let man = ok(&d, &["man"]);
    assert!(
        man.contains(".TH valley") && man.contains("render"),
        "{man}"
    );
    assert!(!run_in(&d, &["completions", "tcsh"]).status.success());
}

// ---------------------------------------------------------------------------------------------
// check, cut

#[test]
fn check_a_folder() {
    let d = common::tmpdir("cli-check");
    let out = ok(
        &d,
        &[
            "check",
            common::root()
                .join("scenes/gradient_descent")
                .to_str()
                .unwrap(),
        ],
    );
    for s in [
        "FirstGraph",
        "WithMomentum",
        "FinishingTouch",
        "OneDimensional ok",
    ] {
        assert!(out.contains(&format!("scene {s}")), "{s}: {out}");
    }
    assert!(out.contains("surface_base.scene: no scene"), "{out}");
    // One bad file in a folder fails the check with its diagnostic.
    scene(&d, "good", SMALL);
    scene(&d, "worse", "scene B {\n    wait(\n}\n");
    fails(&d, &["check", d.to_str().unwrap()], "worse.scene:");
    fails(&d, &["check", d.join("empty").to_str().unwrap()], "");
}

#[test]
fn cut_joins_scenes_into_one_video() {
    let d = common::tmpdir("cli-cut");
    scene(
        &d,
        "one",
        "scene One {\n    play(create(circle()), run_time: 1)\n}\n",
    );
    scene(
        &d,
        "two",
        "scene Two {\n    add(square())\n    wait(0.6)\n}\nscene Other {\n    wait(5)\n}\n",
    );
    std::fs::write(
        d.join("cut.txt"),
        "# the cut\none.scene One\ntwo.scene Two  # 0.6 s\n",
    )
    .unwrap();
    let out = ok(&d, &["cut", "cut.txt", "-ql", "-o", "full.mp4"]);
    assert!(out.contains("full cut: 2 scenes, 24 frames"), "{out}");
    #[cfg(feature = "ffmpeg")]
    {
        let (codec, w, h, fps, n) = common::probe(&d.join("full.mp4"));
        assert_eq!((codec.as_str(), w, h, n), ("h264", 854, 480, 24));
        assert!((fps - 15.0).abs() < 1e-6);
        assert_eq!(common::key_frames(&d.join("full.mp4")), vec![0]);
        // In lanes: each scene in two parts (15 frames: 0..7 and 7..15; 9 frames: 0..4 and
        // 4..9), all four joined into one video of the same frames, a key frame at each part.
        let out = ok(
            &d,
            &["cut", "cut.txt", "-ql", "--chunks", "2", "-o", "lanes.mp4"],
        );
        assert!(out.contains("full cut: 2 scenes, 24 frames"), "{out}");
        let (codec, w, h, fps, n) = common::probe(&d.join("lanes.mp4"));
        assert_eq!((codec.as_str(), w, h, n), ("h264", 854, 480, 24));
        assert!((fps - 15.0).abs() < 1e-6);
        assert_eq!(common::key_frames(&d.join("lanes.mp4")), vec![0, 7, 15, 19]);
        common::assert_no_partials(&d);
        // From 16 threads on a video goes in lanes, but scenes too short for two (under 480
        // frames) go into one encoder one after the other: one part, which is the video.
        let out = ok(
            &d,
            &["cut", "cut.txt", "-ql", "-j", "16", "-o", "short.mp4"],
        );
        assert!(out.contains("full cut: 2 scenes, 24 frames"), "{out}");
        assert_eq!(common::key_frames(&d.join("short.mp4")), vec![0]);
        common::assert_no_partials(&d);
    }
    std::fs::write(d.join("bad.txt"), "one.scene One\nmissing.scene X\n").unwrap();
    fails(&d, &["cut", "bad.txt", "-ql", "-o", "bad.mp4"], "bad.txt:2");
    fails(
        &d,
        &["cut", "cut.txt", "-ql", "-o", "x.gif"],
        "make them agree",
    );
    assert!(!d.join("bad.mp4").exists());
}

/// docs/scene-language.md's command-line section lists every flag of `valley render`.
#[test]
fn every_render_flag_is_documented() {
    let doc = std::fs::read_to_string(common::root().join("docs/scene-language.md")).unwrap();
    let section = &doc[doc.find("### The command line").unwrap()..];
    let cmd = valley::cli::command();
    let render = cmd.find_subcommand("render").unwrap();
    let mut n = 0;
    for a in render.get_arguments() {
        if a.is_positional() {
            continue;
        }
        if let Some(l) = a.get_long() {
            assert!(
                section.contains(&format!("--{l}")),
                "--{l} is not documented"
            );
            n += 1;
        }
        for l in a.get_visible_aliases().unwrap_or_default() {
            assert!(
                section.contains(&format!("--{l}")),
                "--{l} is not documented"
            );
        }
        if let Some(s) = a.get_short() {
            assert!(
                section.contains(&format!("`-{s}")),
                "-{s} is not documented"
            );
        }
    }
    assert!(n >= 16, "{n} flags");
    for sub in ["completions", "man", "check", "cut", "tex"] {
        assert!(section.contains(&format!("valley {sub}")), "{sub}");
    }
}

/// `check` and `render` report every runtime error of a scene (each with its caret), exit
/// with 1 and write nothing.
#[test]
fn every_runtime_error_is_reported() {
    let src = "scene A {\n    let c = circle(radius: \"big\")\n    let d = dot(UP)\n    d.shfit(UP)\n    add(d)\n}\n";
    // render: the second error (after the first) is reported, and no file is left.
    bad("two", src, "has no method `shfit`");
    let d = common::tmpdir("two-check");
    let f = d.join("two.scene");
    std::fs::write(&f, src).unwrap();
    let r = valley()
        .args(["check", f.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{err}");
    assert!(err.contains("two.scene:2:28"), "{err}");
    assert!(err.contains("two.scene:4:7"), "{err}");
    assert!(err.contains("2 errors in this file"), "{err}");
}
