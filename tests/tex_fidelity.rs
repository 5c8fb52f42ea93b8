//! Native math against LaTeX. Each formula is rendered with `valley tex --size 200` and scored against
//! a pdfLaTeX render (tests/reference/, see its README) by the metric of the shared `texcompare.py`,
//! reimplemented in `tex_fidelity/compare.rs`: a formula passes when the aspect of its ink box is
//! within 3 % of LaTeX's and its ncc is at least 0.80.

mod common;
#[path = "tex_fidelity/compare.rs"]
mod compare;

use std::path::{Path, PathBuf};
use std::process::Command;

/// What became of one formula.
enum Outcome {
    Scored { aspect: f64, ncc: f64 },
    Refused(String),
    Blank,
}

struct Report {
    rows: Vec<(String, Outcome)>,
}

impl Report {
    fn scored(&self) -> impl Iterator<Item = (&str, f64, f64)> {
        self.rows.iter().filter_map(|(id, o)| match o {
            Outcome::Scored { aspect, ncc } => Some((id.as_str(), *aspect, *ncc)),
            _ => None,
        })
    }
    fn passes(&self, (_, aspect, ncc): (&str, f64, f64)) -> bool {
        (aspect - 1.0).abs() <= 0.03 && ncc >= 0.80
    }
    fn pass_count(&self) -> usize {
        self.scored().filter(|&s| self.passes(s)).count()
    }
    fn mean(&self) -> f64 {
        let v: Vec<f64> = self.scored().map(|s| s.2).collect();
        v.iter().sum::<f64>() / v.len().max(1) as f64
    }
    fn min(&self) -> f64 {
        self.scored().map(|s| s.2).fold(1.0, f64::min)
    }
    fn refusals(&self) -> Vec<&str> {
        self.rows
            .iter()
            .filter(|(_, o)| !matches!(o, Outcome::Scored { .. }))
            .map(|(id, _)| id.as_str())
            .collect()
    }
    fn print(&self, title: &str) {
        println!("== {title}");
        for (id, o) in &self.rows {
            match o {
                Outcome::Scored { aspect, ncc } => {
                    let mark = if self.passes((id, *aspect, *ncc)) {
                        ""
                    } else {
                        "\tOFF"
                    };
                    println!("{id}\taspect={aspect:.3}\tncc={ncc:.3}{mark}");
                }
                Outcome::Refused(e) => {
                    println!("{id}\trefused\t{}", e.lines().next().unwrap_or(""))
                }
                Outcome::Blank => println!("{id}\tblank"),
            }
        }
        println!(
            "{title}: {} formulas, {} pass, {} refused or blank, mean ncc {:.3}, min {:.3}",
            self.rows.len(),
            self.pass_count(),
            self.refusals().len(),
            self.mean(),
            self.min()
        );
    }
}

/// Renders every formula of `dir/formulas.tsv` (two at a time) and scores it against `dir/ID.png`.
fn run(set: &str) -> Report {
    let dir = common::root().join("tests/reference").join(set);
    let text = std::fs::read_to_string(dir.join("formulas.tsv")).unwrap();
    let list: Vec<(String, String)> = text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (id, latex) = l.split_once('\t').unwrap();
            (id.to_string(), latex.to_string())
        })
        .collect();
    let out = common::tmpdir(set);
    println!("renders in {}", out.display());
    let one = |(id, latex): &(String, String)| -> (String, Outcome) {
        let png = out.join(format!("{id}.png"));
        let r = Command::new(env!("CARGO_BIN_EXE_valley"))
            .args(["tex", latex, "-o", png.to_str().unwrap(), "--size", "200"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&r.stderr).to_string();
        assert!(
            r.status.code().is_some_and(|c| c == 0 || c == 1 || c == 2),
            "{id}: valley tex crashed ({:?}): {stderr}",
            r.status
        );
        if !r.status.success() {
            return (id.clone(), Outcome::Refused(stderr));
        }
        let o = match compare::compare(&png, &dir.join(format!("{id}.png"))) {
            Some((aspect, ncc)) => Outcome::Scored { aspect, ncc },
            None => Outcome::Blank,
        };
        (id.clone(), o)
    };
    let half = list.len().div_ceil(2);
    let rows = std::thread::scope(|s| {
        let parts: Vec<_> = list
            .chunks(half.max(1))
            .map(|c| s.spawn(move || c.iter().map(one).collect::<Vec<_>>()))
            .collect();
        parts.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    Report { rows }
}

#[test]
fn video_formulas_match_latex() {
    let r = run("tex");
    r.print("video formulas");
    assert!(r.refusals().is_empty(), "refused: {:?}", r.refusals());
    assert_eq!(r.pass_count(), r.rows.len(), "every formula must pass");
    assert!(r.mean() >= 0.98, "mean ncc {:.3} < 0.98", r.mean());
    assert!(r.min() >= 0.94, "min ncc {:.3} < 0.94", r.min());
}

/// The bars the corpus is held to (issue 11): at least 160 of 170 pass, mean ncc at least 0.93;
/// no formula may be refused.
const CORPUS_MIN_PASS: usize = 160;
const CORPUS_MIN_MEAN: f64 = 0.93;

#[test]
fn corpus_matches_latex() {
    let r = run("tex-corpus");
    r.print("corpus");
    assert!(
        r.pass_count() >= CORPUS_MIN_PASS,
        "{} pass < {CORPUS_MIN_PASS}",
        r.pass_count()
    );
    assert!(r.mean() >= CORPUS_MIN_MEAN, "mean ncc {:.3}", r.mean());
    assert!(r.refusals().is_empty(), "refused: {:?}", r.refusals());
}

/// The metric itself: identical images score 1, an unrelated one scores low.
#[test]
fn metric_separates_same_from_different() {
    let dir: PathBuf = common::root().join("tests/reference/tex");
    let a: &Path = &dir.join("basic.png");
    let (aspect, ncc) = compare::compare(a, a).unwrap();
    assert!((aspect - 1.0).abs() < 1e-9 && ncc > 0.999, "{aspect} {ncc}");
    let (_, other) = compare::compare(a, &dir.join("alpha_eq.png")).unwrap();
    assert!(other < 0.6, "unrelated formulas scored {other}");
}
