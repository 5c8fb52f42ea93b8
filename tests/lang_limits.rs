//! Issue #8 for the scene language: bad and extreme input ends in a clean diagnostic
//! (file:line:col and a caret), never a panic, a hang or unbounded memory.

mod common;
use common::compile_src;

fn err(src: &str) -> String {
    compile_src(src).expect_err("should fail")
}

/// The `--> file:line:col` of a diagnostic.
fn at(e: &str) -> &str {
    e.lines()
        .find_map(|l| l.trim_start().strip_prefix("--> "))
        .unwrap_or_else(|| panic!("no location in:\n{e}"))
}

#[test]
fn escaped_quote_before_a_multibyte_character_in_an_f_string() {
    // The hole's range is a source range even after `\"` (was a panic slicing inside `é`).
    let e = err("scene S {\n  add(text(f\"\\\"{é}\"))\n}\n");
    assert!(e.contains("unexpected character 'é'"), "{e}");
    assert_eq!(at(&e), "test.scene:2:17");
}

#[test]
fn tex_error_after_an_escaped_quote_points_at_the_command() {
    let e = err("scene S {\n  let t = tex(\"\\\"é\\alpah\")\n}\n");
    assert!(e.contains("unknown command \\alpah"), "{e}");
    // Column of `\alpah` in the source: after `tex("` + `\"` + `é`.
    assert_eq!(at(&e), "test.scene:2:19");
    assert!(e.contains("\n  |                   ^^^^^^"), "{e}");
}

#[test]
fn tex_error_inside_an_f_string_points_at_the_literal_text() {
    let e = err("scene S {\n  let n = 2\n  let t = tex(f\"{n} + \\alpah\")\n}\n");
    assert!(e.contains("unknown command \\alpah"), "{e}");
    assert_eq!(at(&e), "test.scene:3:23");
}

#[test]
fn tex_error_in_a_string_variable_points_at_the_argument() {
    let e = err("scene S {\n  let s = \"\\alpah\"\n  let t = tex(s)\n}\n");
    assert_eq!(at(&e), "test.scene:3:15");
}

#[test]
fn f_string_holes_may_hold_strings_and_if_else() {
    let tl = compile_src(
        "scene S {\n  let x = -1\n  let t = text(f\"{if x > 0 {\"+\"} else {\"-\"}}{fmt(x, 1)} {{ok}}\")\n  add(t)\n}\n",
    );
    assert!(tl.is_ok(), "{}", tl.err().unwrap());
}

#[test]
fn a_hex_colour_with_a_multibyte_character_is_an_error() {
    let e = err("scene S {\n  add(dot(color: \"#aéaaa\"))\n}\n");
    assert!(e.contains("test.scene:2:"), "{e}");
}

#[test]
fn a_utf8_byte_order_mark_is_accepted() {
    let tl = compile_src("\u{feff}scene S {\n  wait(1)\n}\n").unwrap();
    assert_eq!(tl.duration(), 1.0);
    let e = err("\u{feff}scene S {\n  wait(x)\n}\n");
    assert_eq!(at(&e), "test.scene:2:8");
}
