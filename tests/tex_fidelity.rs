//! Native math against LaTeX: every formula of the video rendered with `valley tex --size 200`
//! and scored by ../shared/tools/texcompare.py (aspect within 3 %, ncc ≥ 0.80, mean ≥ 0.90).

mod common;

use std::process::Command;

#[test]
fn formulas_match_latex() {
    let shared = common::root().join("../shared");
    let tsv = shared.join("reference/tex/formulas.tsv");
    let text = std::fs::read_to_string(&tsv)
        .expect("../shared/reference/tex/formulas.tsv (the shared folder beside the checkout)");
    let out = common::tmpdir("tex");
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let (id, latex) = line.split_once('\t').unwrap();
        let png = out.join(format!("{id}.png"));
        let r = Command::new(env!("CARGO_BIN_EXE_valley"))
            .args(["tex", latex, "-o", png.to_str().unwrap(), "--size", "200"])
            .output()
            .unwrap();
        assert!(
            r.status.success(),
            "{id}: {}",
            String::from_utf8_lossy(&r.stderr)
        );
    }
    let r = Command::new("python3")
        .arg(shared.join("tools/texcompare.py"))
        .args([
            "--tsv",
            tsv.to_str().unwrap(),
            "--ours",
            out.to_str().unwrap(),
            "--ref",
            shared.join("reference/tex").to_str().unwrap(),
        ])
        .output()
        .expect("python3 with numpy and Pillow (installed by .ci/run)");
    let table = String::from_utf8_lossy(&r.stdout);
    println!("{table}");
    assert!(
        r.status.success(),
        "fidelity below the bar:\n{table}{}",
        String::from_utf8_lossy(&r.stderr)
    );
}
