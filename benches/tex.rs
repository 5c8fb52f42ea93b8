//! Typesetting speed on the LaTeX corpus (tests/reference/tex-corpus): every formula parsed and
//! laid out, single-threaded, several rounds; then the same with the glyph outlines built (what a
//! `tex(…)` object needs before rendering). `cargo bench --bench tex`.

use std::time::Instant;

fn main() {
    let tsv = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/reference/tex-corpus/formulas.tsv"
    );
    let text = std::fs::read_to_string(tsv).expect("the corpus list");
    let formulas: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once('\t').map(|(_, f)| f))
        .collect();
    // Warm-up: fonts parsed, glyph caches filled.
    for f in &formulas {
        let _ = valley::tex::typeset_parts(&[f]);
    }
    let refused = formulas
        .iter()
        .filter(|f| valley::tex::typeset_parts(&[f]).is_err())
        .count();
    let rounds = 50;
    let t = Instant::now();
    let mut items = 0usize;
    for _ in 0..rounds {
        for f in &formulas {
            items += valley::tex::typeset_parts(&[f]).map_or(0, |t| t.items.len());
        }
    }
    let per = t.elapsed().as_secs_f64() / (rounds * formulas.len()) as f64;
    println!(
        "tex typeset: {} formulas ({refused} refused) x {rounds} rounds, {:.1} µs per formula ({} items per round)",
        formulas.len(),
        per * 1e6,
        items / rounds
    );
    let t = Instant::now();
    let mut segs = 0usize;
    for _ in 0..rounds {
        for f in &formulas {
            if let Ok(ts) = valley::tex::typeset_parts(&[f]) {
                for it in &ts.items {
                    segs += usize::from(!valley::tex::item_path(it).is_empty());
                }
            }
        }
    }
    let per = t.elapsed().as_secs_f64() / (rounds * formulas.len()) as f64;
    println!(
        "tex typeset + outlines: {:.1} µs per formula ({} non-empty outlines per round)",
        per * 1e6,
        segs / rounds
    );
}
