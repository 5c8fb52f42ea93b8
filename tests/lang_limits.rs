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
    let src = format!(
        "scene S {{\n  let x = {}1{}\n}}\n",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    let e = err(&src);
    assert!(e.contains("nested too deeply"), "{e}");
    assert!(at(&e).starts_with("test.scene:2:"), "{e}");
}

#[test]
fn deeply_nested_if_blocks_and_unclosed_chains_are_refused() {
    let src = format!(
        "scene S {{\n{}wait(1)\n{}}}\n",
        "if true {\n".repeat(5000),
        "}\n".repeat(5000)
    );
    assert!(err(&src).contains("nested too deeply"));
    let src = format!("scene S {{\n  let x = {}\n}}\n", "f(".repeat(5000));
    assert!(err(&src).contains("nested too deeply"));
    let src = format!("scene S {{\n  let x = {}1\n}}\n", "-".repeat(5000));
    assert!(err(&src).contains("nested too deeply"));
    let src = format!(
        "scene S {{\n  let x = if true {{1}} {}else {{2}}\n}}\n",
        "else if true {1} ".repeat(5000)
    );
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
    let e = err(&format!(
        "scene S {{\n  wait({})\n}}\n",
        vec!["1"; 20_000].join(" + ")
    ));
    assert!(e.contains("more than 10000 terms"), "{e}");
}

#[test]
fn only_a_function_that_calls_itself_is_blamed_for_recursing() {
    let e = err("fn f(n) = 1 + f(n + 1)\nscene S {\n  wait(f(0))\n}\n");
    assert!(e.contains("`f` calls itself too deeply"), "{e}");
    let e = err("fn f(x) = if x > 0 { f(x - 1) } else { 0 }\nscene S {\n  let a = axes()\n  add(a.plot(f))\n}\n");
    assert!(
        e.contains("`f` calls itself: a recursive function cannot be plotted"),
        "{e}"
    );
    // A legitimately recursive function of modest depth works.
    let tl = compile_src(
        "fn f(n) = if n <= 0 { 0 } else { 1 + f(n - 1) }\nscene S {\n  wait(f(100) / 100)\n}\n",
    )
    .unwrap();
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

#[test]
fn huge_ranges_are_refused_before_allocating() {
    let e = err("scene S {\n  for i in -1e19..1e19 { }\n}\n");
    assert!(e.contains("more than the limit of 100000"), "{e}");
    assert_eq!(at(&e), "test.scene:2:12");
    let e = err("scene S {\n  for i in 0..log(0) { }\n}\n");
    assert!(e.contains("finite"), "{e}");
    let e = err("scene S {\n  let l = range(0, 1e17)\n}\n");
    assert!(e.contains("more than the limit"), "{e}");
    // A step below the precision of the numbers still makes exactly the items asked for.
    let tl = compile_src("scene S {\n  let l = range(1e17, 1e17 + 64, 16)\n  wait(len(l))\n}\n")
        .unwrap();
    assert_eq!(tl.duration(), 4.0);
    // The limit can be raised.
    compile_src("scene S {\n  limits(items: 200000)\n  let l = 0..150000\n}\n").unwrap();
}

#[test]
fn axes_with_too_many_ticks_are_refused_with_a_hint() {
    let e = err("scene S {\n  let a = axes(x_range: [0, 1e9])\n}\n");
    assert!(e.contains("`x_range` would make 1000000000 ticks"), "{e}");
    assert!(e.contains("help: give a larger step"), "{e}");
    assert_eq!(at(&e), "test.scene:2:25");
    // A step below one ulp of the bounds: refused at once (it used to loop forever).
    let e = err("scene S {\n  let a = axes(y_range: [-1e17, 7])\n}\n");
    assert!(e.contains("`y_range` would make"), "{e}");
    let e = err("scene S {\n  let a = axes3d(z_range: [0, 1e9])\n}\n");
    assert!(e.contains("`z_range` would make"), "{e}");
    compile_src("scene S {\n  let a = axes(x_range: [0, 1e9, 1e8])\n  let b = axes(x_range: [0, 1e9], ticks: false)\n}\n").unwrap();
}

#[test]
fn an_arc_of_a_billion_radians_is_refused() {
    let e = err("scene S {\n  add(arc(angle: 1e9))\n}\n");
    assert!(e.contains("more than the limit of 1000"), "{e}");
    assert_eq!(at(&e), "test.scene:2:18");
}

#[test]
fn a_billion_second_wait_is_refused_and_the_limit_can_be_raised() {
    let e = err("scene S {\n  wait(1e9)\n}\n");
    assert!(e.contains("more than the limit of 3600 s"), "{e}");
    assert!(e.contains("limits(duration: …)"), "{e}");
    let e = err("scene S {\n  let d = dot()\n  play(create(d), run_time: 1e9)\n}\n");
    assert!(e.contains("more than the limit of 3600 s"), "{e}");
    let tl = compile_src("scene S {\n  limits(duration: 7200)\n  wait(5000)\n}\n").unwrap();
    assert_eq!(tl.duration(), 5000.0);
}

#[test]
fn millions_of_objects_are_refused() {
    let e = err("scene S {\n  limits(items: 1e7)\n  let l = [dot() for i in 0..10000000]\n}\n");
    assert!(e.contains("creates more than 100000 objects"), "{e}");
    assert_eq!(at(&e), "test.scene:3:12");
}

#[test]
fn nan_and_infinity_in_indices_sizes_and_positions_are_errors() {
    let e = err("scene S {\n  let l = [1, 2, 3]\n  wait(l[log(-1)])\n}\n");
    assert!(
        e.contains("an index must be a finite number, found NaN"),
        "{e}"
    );
    assert_eq!(at(&e), "test.scene:3:8");
    let e = err("scene S {\n  add(circle(radius: exp(1000)))\n}\n");
    assert!(
        e.contains("`radius` must be a finite number, found inf"),
        "{e}"
    );
    assert_eq!(at(&e), "test.scene:2:22");
    let e = err("scene S {\n  add(dot([sqrt(-1), 0]))\n}\n");
    assert!(e.contains("must be a point of finite numbers"), "{e}");
    let e = err("scene S {\n  wait(log(-1))\n}\n");
    assert!(e.contains("finite"), "{e}");
    let e = err("scene S {\n  let d = dot()\n  play(create(d), run_time: log(-1))\n}\n");
    assert!(e.contains("run_time"), "{e}");
}

#[test]
fn transforming_a_blank_text_into_a_circle_works() {
    let tl = compile_src(
        "scene S {\n  let t = text(\" \")\n  add(t)\n  play(transform(t, circle()))\n}\n",
    )
    .unwrap();
    for time in [0.0, 0.5, 1.0] {
        tl.state_at(time).unwrap();
    }
    let end = tl.state_at(1.0).unwrap();
    assert!(!end.objects[0].leaves().is_empty());
}

#[test]
fn a_part_taken_before_a_transform_is_an_error_after_it() {
    let e = err("scene S {\n  let eq = tex(\"a\", \"b\")\n  add(eq)\n  let part = eq[1]\n  play(transform(eq, tex(\"c\")))\n  part.set_color(RED)\n}\n");
    assert!(e.contains("this part no longer exists"), "{e}");
    assert_eq!(at(&e), "test.scene:6:3");
}

fn load_err(dir: &std::path::Path, text: &str) -> String {
    let f = dir.join("main.scene");
    std::fs::write(&f, text).unwrap();
    match valley::lang::Program::load(&f) {
        Err(d) => d.to_string(),
        Ok(p) => p.compile(None).expect_err("should fail").to_string(),
    }
}

#[test]
fn use_and_image_read_only_scene_files_under_the_scene_folder() {
    let dir = common::tmpdir("sandbox");
    let secret = std::env::temp_dir().join(format!("valley-secret-{}.scene", std::process::id()));
    std::fs::write(&secret, "TOP SECRET LINE\n").unwrap();
    // Not a .scene file: refused before reading, and nothing of it is shown.
    let e = load_err(&dir, "use \"/etc/passwd\"\nscene S { wait(1) }\n");
    assert!(e.contains("`use` takes a .scene file"), "{e}");
    assert!(!e.contains("root:"), "{e}");
    // A .scene file outside the folder: refused, its text never shown.
    let e = load_err(
        &dir,
        &format!("use \"{}\"\nscene S {{ wait(1) }}\n", secret.display()),
    );
    assert!(e.contains("outside the scene's folder"), "{e}");
    assert!(!e.contains("TOP SECRET"), "{e}");
    assert_eq!(at(&e), format!("{}:1:5", dir.join("main.scene").display()));
    // Through a symbolic link inside the folder: still outside once resolved.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&secret, dir.join("link.scene")).unwrap();
        let e = load_err(&dir, "use \"link.scene\"\nscene S { wait(1) }\n");
        assert!(
            e.contains("outside the scene's folder") && !e.contains("TOP SECRET"),
            "{e}"
        );
    }
    let e = load_err(&dir, "scene S {\n  add(image(\"/etc/passwd\"))\n}\n");
    assert!(
        e.contains("outside the scene's folder") && !e.contains("root:"),
        "{e}"
    );
    let e = load_err(&dir, "scene S {\n  add(image(\"../x.png\"))\n}\n");
    assert!(e.contains("cannot read image"), "{e}");
    // A library under the folder is fine.
    std::fs::write(dir.join("lib.scene"), "fn f(x) = 2 * x\n").unwrap();
    let f = dir.join("ok.scene");
    std::fs::write(&f, "use \"lib.scene\"\nscene S { wait(f(1)) }\n").unwrap();
    let tl = valley::lang::Program::load(&f)
        .unwrap()
        .compile(None)
        .unwrap();
    assert_eq!(tl.duration(), 2.0);
    let _ = std::fs::remove_file(&secret);
}

#[test]
fn valley_check_says_when_a_file_has_no_scene() {
    let dir = common::tmpdir("noscene");
    let f = dir.join("empty.scene");
    std::fs::write(&f, "let x = 1\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_valley"))
        .arg("check")
        .arg(&f)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains("defines no scene"), "{e}");
    // In a folder, a library used by another file is fine.
    std::fs::write(
        dir.join("main.scene"),
        "use \"empty.scene\"\nscene S { wait(x) }\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_valley"))
        .arg("check")
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn nested_loops_that_never_end_in_practice_are_stopped() {
    let e = err("scene S {\n  limits(steps: 100000)\n  for i in 0..100000 {\n    for j in 0..100000 { let x = i * j }\n  }\n}\n");
    assert!(e.contains("more than 100000 evaluation steps"), "{e}");
}

/// Deterministic mutations of every scene file and docs block: compiling them must end in a
/// timeline or a diagnostic, never a panic (a crash found here becomes a test above).
#[test]
fn mutated_scenes_never_panic() {
    let mut seeds: Vec<String> = Vec::new();
    for dir in ["scenes/gradient_descent", "scenes/examples"] {
        for e in std::fs::read_dir(common::root().join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "scene") {
                seeds.push(std::fs::read_to_string(p).unwrap());
            }
        }
    }
    let doc = std::fs::read_to_string(common::root().join("docs/scene-language.md")).unwrap();
    for block in doc.split("```scene\n").skip(1) {
        seeds.push(block[..block.find("```").unwrap()].to_string());
    }
    let n: usize = std::env::var("VALLEY_FUZZ_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let mut s = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    let pieces = [
        "time()",
        "traced_path(",
        "rotating(",
        "camera.follow(",
        "wait(1)",
        "succession(",
        "x = ",
        "(",
        ")",
        "{",
        "}",
        "[",
        "]",
        "\"",
        "f\"{",
        "1e19",
        "-",
        "^",
        "..",
        "\n",
        "é",
        "\\\"",
        "0/0",
        "log(-1)",
        ",",
        ":",
        "=",
        "let",
        "for i in 0..9 ",
        "if ",
        "tex(\"\\",
        "[]",
        ".",
    ];
    for k in 0..n {
        let base = &seeds[(next() as usize) % seeds.len()];
        let mut text: Vec<char> = base.chars().collect();
        for _ in 0..1 + next() % 4 {
            let at = (next() as usize) % (text.len() + 1);
            match next() % 3 {
                0 if at < text.len() => {
                    let len = ((next() % 8) as usize).min(text.len() - at);
                    text.drain(at..at + len);
                }
                1 => {
                    let p = pieces[(next() as usize) % pieces.len()];
                    for (i, c) in p.chars().enumerate() {
                        text.insert(at + i, c);
                    }
                }
                _ if at < text.len() => {
                    let len = ((next() % 16) as usize).min(text.len() - at);
                    let chunk: Vec<char> = text[at..at + len].to_vec();
                    for (i, c) in chunk.into_iter().enumerate() {
                        text.insert(at + i, c);
                    }
                }
                _ => {}
            }
        }
        let src: String = text.into_iter().collect();
        let r = std::panic::catch_unwind(|| {
            if let Ok(p) = valley::lang::Program::from_source("fuzz.scene", src.clone()) {
                for name in p.scene_names() {
                    if let Ok(tl) = p.compile(Some(&name)) {
                        let d = tl.duration();
                        for t in [0.0, d / 2.0, d] {
                            let _ = tl.state_at(t);
                        }
                    }
                }
            }
        });
        assert!(r.is_ok(), "mutant {k} panicked:\n{src}");
    }
}
