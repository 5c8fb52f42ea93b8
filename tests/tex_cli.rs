//! `valley tex` with bad input: clean errors, no panic, nothing written.

mod common;

use std::process::Command;

fn tex(args: &[&str]) -> (i32, String, std::path::PathBuf) {
    let dir = common::tmpdir(&format!("texcli-{}", args.join("_").len()));
    let out = dir.join("f.png");
    let r = Command::new(env!("CARGO_BIN_EXE_valley"))
        .arg("tex")
        .args(args)
        .args(["-o", out.to_str().unwrap()])
        .output()
        .unwrap();
    (
        r.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&r.stderr).to_string(),
        out,
    )
}

#[test]
fn size_limits_are_checked_before_allocating() {
    for (size, says) in [
        ("0", "out of range"),
        ("-3", "out of range"),
        ("NaN", "out of range"),
        ("inf", "out of range"),
        ("1e12", "out of range"),
        ("1e5", "out of range"),
        ("9000", "megapixels"),
    ] {
        let size_arg = format!("--size={}", size.trim_start_matches('='));
        let (code, err, out) = tex(&[r"\sum_{i=1}^n i = \frac{n(n+1)}{2}", &size_arg]);
        assert_eq!(code, 1, "--size {size}: {err}");
        assert!(err.contains(says), "--size {size}: {err}");
        assert!(!out.exists(), "--size {size} wrote a file");
    }
    let (code, err, out) = tex(&["x", "--size", "20"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.exists());
}

#[test]
fn bad_colours_are_clean_errors() {
    for args in [
        &["x", "--color", "#aéaaa"][..],
        &["x", "--background", "#ééé"],
        &[r"\color{#aéaaa} x"],
        &[r"\textcolor{#aé}{x}"],
    ] {
        let (code, err, out) = tex(args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains("colour"), "{args:?}: {err}");
        assert!(!out.exists());
    }
}

#[test]
fn deep_formulas_are_clean_errors() {
    let deep = "{".repeat(12_000) + "x" + &"}".repeat(12_000);
    let (code, err, _) = tex(&[&deep]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("nested too deeply"), "{err}");
    let lr = r"\left(".repeat(24) + "x" + &r"\right)".repeat(24);
    let t = std::time::Instant::now();
    let (code, err, out) = tex(&[&lr, "--size", "20"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.exists());
    assert!(t.elapsed().as_secs() < 10, "{:?}", t.elapsed());
}
