//! Inputs found by fuzzing (fuzz/, cargo-fuzz) that once crashed valley. Each must now end in
//! a result or a diagnostic — never a panic.

mod common;

use valley::lang::Program;

/// Parses and, when that succeeds, compiles every scene and renders its first, middle and last
/// frame at a tiny size: what the `scene` fuzz target does.
fn survives(src: &str) {
    let Ok(p) = Program::from_source("fuzz.scene", src.to_string()) else {
        return;
    };
    for name in p.scene_names() {
        if let Ok(tl) = p.compile(Some(&name)) {
            let d = tl.duration();
            for t in [0.0, d * 0.37, d] {
                if let Ok(f) = tl.state_at(t) {
                    let _ = valley::render::render(&f, 32, 18);
                }
            }
        }
    }
}

#[test]
fn nested_f_string_in_a_hole_after_multibyte_text() {
    // Hole ranges of an f-string inside a hole were relative to the hole, not the file.
    survives("// a — b\nscene A { let s = f\"{f\"{1}\"}\" add(text(s)) }\n");
    let tl =
        common::compile_src("scene A {\n    let s = f\"<{f\"{1 + 1}\"}>\"\n    add(text(s))\n}\n");
    assert!(tl.is_ok(), "{:?}", tl.err());
}
