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

#[test]
fn ten_thousand_nested_parentheses_are_refused_with_a_caret() {
    let src = format!("scene S {{\n  let x = {}1{}\n}}\n", "(".repeat(10_000), ")".repeat(10_000));
    let e = err(&src);
    assert!(e.contains("nested too deeply"), "{e}");
    assert!(at(&e).starts_with("test.scene:2:"), "{e}");
}

#[test]
fn deeply_nested_if_blocks_and_unclosed_chains_are_refused() {
    let src = format!("scene S {{\n{}wait(1)\n{}}}\n", "if true {\n".repeat(5000), "}\n".repeat(5000));
    assert!(err(&src).contains("nested too deeply"));
    let src = format!("scene S {{\n  let x = {}\n}}\n", "f(".repeat(5000));
    assert!(err(&src).contains("nested too deeply"));
    let src = format!("scene S {{\n  let x = {}1\n}}\n", "-".repeat(5000));
    assert!(err(&src).contains("nested too deeply"));
    let src = format!("scene S {{\n  let x = if true {{1}} {}else {{2}}\n}}\n", "else if true {1} ".repeat(5000));
    assert!(err(&src).contains("nested too deeply"));
    let src = format!("scene S {{\n  let x = 1{}\n}}\n", "^1".repeat(5000));
    assert!(err(&src).contains("nested too deeply"));
}

#[test]
fn a_flat_sum_of_thousands_of_terms_is_not_too_deep() {
    let terms = vec!["1"; 5000].join(" + ");
    let tl = compile_src(&format!("scene S {{\n  wait({terms} - 4999)\n}}\n")).unwrap();
    assert_eq!(tl.duration(), 1.0);
    // Also inside a plotted function (lowered to a numeric expression).
    let tl = compile_src(&format!(
        "fn f(x) = x + {terms}\nscene S {{\n  let a = axes()\n  add(a.plot(f, x_range: [-1, 1]))\n}}\n"
    ));
    assert!(tl.is_ok(), "{}", tl.err().unwrap());
    let e = err(&format!("scene S {{\n  wait({})\n}}\n", vec!["1"; 20_000].join(" + ")));
    assert!(e.contains("more than 10000 terms"), "{e}");
}

#[test]
fn only_a_function_that_calls_itself_is_blamed_for_recursing() {
    let e = err("fn f(n) = 1 + f(n + 1)\nscene S {\n  wait(f(0))\n}\n");
    assert!(e.contains("`f` calls itself too deeply"), "{e}");
    let e = err("fn f(x) = if x > 0 { f(x - 1) } else { 0 }\nscene S {\n  let a = axes()\n  add(a.plot(f))\n}\n");
    assert!(e.contains("`f` calls itself: a recursive function cannot be plotted"), "{e}");
    // A legitimately recursive function of modest depth works.
    let tl = compile_src("fn f(n) = if n <= 0 { 0 } else { 1 + f(n - 1) }\nscene S {\n  wait(f(100) / 100)\n}\n").unwrap();
    assert_eq!(tl.duration(), 1.0);
}

#[test]
fn doubling_definitions_cannot_blow_up_a_plotted_function() {
    let mut src = String::from("fn f0(x) = x\n");
    for i in 1..40 {
        src += &format!("fn f{i}(x) = f{}(x) + f{}(x)\n", i - 1, i - 1);
    }
    src += "scene S {\n  let a = axes()\n  add(a.plot(f39))\n}\n";
    let e = err(&src);
    assert!(e.contains("too large once its calls are expanded"), "{e}");
}
