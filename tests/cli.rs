//! The command line on bad input: a diagnostic with file:line:col and a caret, a non-zero exit,
//! no panic, and no output file.

mod common;

use std::process::Command;

fn valley() -> Command {
    Command::new(env!("CARGO_BIN_EXE_valley"))
}

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
        "expected a number",
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
    assert!(String::from_utf8_lossy(&r.stderr).contains("cannot write"));
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
