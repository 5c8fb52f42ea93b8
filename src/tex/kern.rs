//! Pair kerning for prose, from the font's GPOS `kern` feature (pair adjustment, formats 1 and
//! 2, extension lookups included). Read once into a table; lookups are then a hash probe.

use std::collections::HashMap;

use skrifa::raw::tables::gpos::{PairPos, PositionSubtables};
use skrifa::raw::types::Tag;
use skrifa::raw::TableProvider;
use skrifa::{FontRef, GlyphId};

/// Kerning of a font: explicit pairs, then class pairs.
#[derive(Default)]
pub struct KernTable {
    pairs: HashMap<(u32, u32), i16>,
    /// Format-2 subtables: (covered first glyphs, class of first, class of second, values).
    classes: Vec<ClassKern>,
}

struct ClassKern {
    first: HashMap<u32, u32>,
    second: HashMap<u32, u32>,
    class2_count: usize,
    values: Vec<i16>,
}

impl KernTable {
    /// Horizontal adjustment between `left` and `right`, in font units.
    pub fn get(&self, left: u32, right: u32) -> i16 {
        if let Some(v) = self.pairs.get(&(left, right)) {
            return *v;
        }
        for c in &self.classes {
            if let Some(&c1) = c.first.get(&left) {
                let c2 = c.second.get(&right).copied().unwrap_or(0) as usize;
                let v = c
                    .values
                    .get(c1 as usize * c.class2_count + c2)
                    .copied()
                    .unwrap_or(0);
                if v != 0 {
                    return v;
                }
            }
        }
        0
    }

    pub fn read(f: &FontRef) -> KernTable {
        let mut t = KernTable::default();
        let Ok(gpos) = f.gpos() else { return t };
        let (Ok(features), Ok(lookups)) = (gpos.feature_list(), gpos.lookup_list()) else {
            return t;
        };
        let num_glyphs = f.maxp().map(|m| m.num_glyphs() as u32).unwrap_or(0);
        let mut seen = Vec::new();
        for rec in features.feature_records() {
            if rec.feature_tag() != Tag::new(b"kern") {
                continue;
            }
            let Ok(feature) = rec.feature(features.offset_data()) else {
                continue;
            };
            for idx in feature.lookup_list_indices() {
                let i = idx.get() as usize;
                if seen.contains(&i) {
                    continue;
                }
                seen.push(i);
                let Ok(lookup) = lookups.lookups().get(i) else {
                    continue;
                };
                let Ok(PositionSubtables::Pair(subs)) = lookup.subtables() else {
                    continue;
                };
                for sub in subs.iter().flatten() {
                    match sub {
                        PairPos::Format1(p) => {
                            let Ok(cov) = p.coverage() else { continue };
                            for (g, set) in cov.iter().zip(p.pair_sets().iter()) {
                                let Ok(set) = set else { continue };
                                for r in set.pair_value_records().iter().flatten() {
                                    if let Some(x) = r.value_record1().x_advance() {
                                        t.pairs
                                            .entry((g.to_u32(), r.second_glyph().to_u32()))
                                            .or_insert(x);
                                    }
                                }
                            }
                        }
                        PairPos::Format2(p) => {
                            let (Ok(cov), Ok(cd1), Ok(cd2)) =
                                (p.coverage(), p.class_def1(), p.class_def2())
                            else {
                                continue;
                            };
                            let mut first = HashMap::new();
                            for g in cov.iter() {
                                first.insert(g.to_u32(), cd1.get(g));
                            }
                            let mut second = HashMap::new();
                            for g in 0..num_glyphs {
                                let c = cd2.get(GlyphId::new(g));
                                if c != 0 {
                                    second.insert(g, c);
                                }
                            }
                            let class2_count = p.class2_count() as usize;
                            let mut values = Vec::new();
                            for c1 in p.class1_records().iter() {
                                let Ok(c1) = c1 else { break };
                                for c2 in c1.class2_records().iter() {
                                    values.push(
                                        c2.ok()
                                            .and_then(|r| r.value_record1().x_advance())
                                            .unwrap_or(0),
                                    );
                                }
                            }
                            t.classes.push(ClassKern {
                                first,
                                second,
                                class2_count,
                                values,
                            });
                        }
                        // Formats 3 and 4 (24-bit glyph ids, "beyond 64k") do not occur in the
                        // shipped fonts.
                        _ => {}
                    }
                }
            }
        }
        t
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn class_kerning_is_read() {
        let f = crate::tex::font::text_font();
        let (a, v) = (f.glyph_for('A').unwrap(), f.glyph_for('V').unwrap());
        // DejaVu Sans kerns "AV" by −131 units (its GPOS class pair; the legacy table agrees).
        assert_eq!(super::KernTable::read(&f.font_ref()).get(a, v), -131);
    }
}
