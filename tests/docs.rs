//! Every ```scene block of docs/scene-language.md compiles and renders — except blocks
//! followed by prose that says they contain a deliberate mistake, which must fail.

mod common;

use valley::lang::Program;
use valley::pipeline::render_at;

#[test]
fn every_documented_scene_renders() {
    let doc = std::fs::read_to_string(common::root().join("docs/scene-language.md")).unwrap();
    let mut blocks = Vec::new();
    let mut rest = doc.as_str();
    while let Some(i) = rest.find("```scene\n") {
        let body = &rest[i + 9..];
        let end = body.find("```").unwrap();
        let after = &body[end + 3..];
        // The prose right after a block says whether it is a deliberate mistake.
        let next_para: String = after
            .trim_start()
            .lines()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");
        blocks.push((
            body[..end].to_string(),
            next_para.contains("is not a method"),
        ));
        rest = after;
    }
    assert!(
        blocks.len() >= 6,
        "found only {} scene blocks",
        blocks.len()
    );
    // The README's example too (its first code block that defines a scene).
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let start = readme
        .find("fn f(x) = x^2\n\nscene Slide")
        .expect("README example");
    let end = start + readme[start..].find("```").unwrap();
    blocks.push((readme[start..end].to_string(), false));
    for (i, (src, broken)) in blocks.iter().enumerate() {
        let r = Program::from_source(&format!("docs block {i}"), src.clone())
            .and_then(|p| p.compile(None));
        match (r, broken) {
            (Ok(tl), false) => {
                for t in [0.0, tl.duration() / 2.0, tl.duration()] {
                    render_at(&tl, t, 320, 180).unwrap_or_else(|e| panic!("block {i} at {t}: {e}"));
                }
            }
            (Err(d), true) => assert!(
                d.to_string().contains("has no method `to_edge_free`"),
                "block {i}: {d}"
            ),
            (Ok(_), true) => panic!("block {i} should fail"),
            (Err(d), false) => panic!("block {i} fails:\n{d}\n{src}"),
        }
    }
}

/// The reference names every built-in function and method (the name tables and the docs kept
/// in step), and every listed name is implemented.
#[test]
fn every_builtin_and_method_is_documented_and_implemented() {
    let doc = std::fs::read_to_string(common::root().join("docs/scene-language.md")).unwrap();
    let (funcs, methods) = valley::lang::vocabulary();
    let missing: Vec<_> = funcs
        .iter()
        .chain(&methods)
        .filter(|n| {
            !doc.contains(&format!("`{n}"))
                && !doc.contains(&format!(" {n}("))
                && !doc.contains(&format!("{n}("))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "not in docs/scene-language.md: {missing:?}"
    );
    for f in funcs {
        let src = format!("scene S {{\n    let x = {f}()\n}}\n");
        let e = Program::from_source("t.scene", src)
            .and_then(|p| p.compile(None))
            .err()
            .map(|d| d.to_string())
            .unwrap_or_default();
        assert!(!e.contains("is not implemented"), "{f}: {e}");
    }
}
