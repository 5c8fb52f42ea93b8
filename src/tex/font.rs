//! A font with the metrics math layout needs: advances, ink boxes, italic corrections, accent
//! attachment, and the OpenType MATH table (constants, size variants, glyph assemblies), all
//! read through skrifa/read-fonts. Outlines are converted once per glyph and cached.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};

use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::raw::tables::math::{Math, MathConstant, StretchAxis};
use skrifa::raw::TableProvider;
use skrifa::{FontRef, GlyphId, MetadataProvider};

use crate::geom::{Path, Vec3};

static MATH_FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/latinmodern-math.otf");
static TEXT_FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// A glyph's outline (in em units, y up, origin on the baseline) and its boxes.
#[derive(Debug)]
pub struct GlyphData {
    pub path: Path,
    pub advance: f64,
    /// Ink box: (x_min, y_min, x_max, y_max) in em. Zero box for blank glyphs.
    pub ink: (f64, f64, f64, f64),
}

pub struct Font {
    bytes: &'static [u8],
    kern: OnceLock<super::kern::KernTable>,
    /// `ssty` alternates: glyph → (script, scriptscript) forms.
    ssty: OnceLock<HashMap<u32, [u32; 2]>>,
    upem: f64,
    cache: RwLock<HashMap<u32, Arc<GlyphData>>>,
    cmap: RwLock<HashMap<char, Option<u32>>>,
}

/// The math font (Latin Modern Math), loaded once.
pub fn math_font() -> &'static Font {
    static F: OnceLock<Font> = OnceLock::new();
    F.get_or_init(|| Font::new(MATH_FONT_BYTES))
}

/// The prose font (DejaVu Sans), loaded once.
pub fn text_font() -> &'static Font {
    static F: OnceLock<Font> = OnceLock::new();
    F.get_or_init(|| Font::new(TEXT_FONT_BYTES))
}

struct PathPen {
    path: Path,
    scale: f64,
}

impl OutlinePen for PathPen {
    fn move_to(&mut self, x: f32, y: f32) {
        self.path.move_to(self.p(x, y));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.path.line_to(self.p(x, y));
    }
    fn quad_to(&mut self, cx: f32, cy: f32, x: f32, y: f32) {
        let (c, p) = (self.p(cx, cy), self.p(x, y));
        self.path.quad_to(c, p);
    }
    fn curve_to(&mut self, a: f32, b: f32, c: f32, d: f32, x: f32, y: f32) {
        let (c1, c2, p) = (self.p(a, b), self.p(c, d), self.p(x, y));
        self.path.cubic_to(c1, c2, p);
    }
    fn close(&mut self) {
        self.path.close();
    }
}

impl PathPen {
    fn p(&self, x: f32, y: f32) -> Vec3 {
        Vec3::xy(x as f64 * self.scale, y as f64 * self.scale)
    }
}

/// Tight bounds of a path: on-curve points plus sampled curve interiors.
fn ink_box(path: &Path) -> (f64, f64, f64, f64) {
    let mut b = (
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    );
    let mut add = |p: Vec3| {
        b.0 = b.0.min(p.x);
        b.1 = b.1.min(p.y);
        b.2 = b.2.max(p.x);
        b.3 = b.3.max(p.y);
    };
    for sp in &path.subpaths {
        add(sp.start);
        for (i, c) in sp.segments.iter().enumerate() {
            let p0 = sp.seg_start(i);
            for k in 1..=8 {
                add(crate::geom::cubic_point(p0, c, k as f64 / 8.0));
            }
        }
    }
    if b.0.is_finite() {
        b
    } else {
        (0.0, 0.0, 0.0, 0.0)
    }
}

impl Font {
    fn new(bytes: &'static [u8]) -> Font {
        let f = FontRef::new(bytes).expect("embedded font parses");
        let upem = f.head().map(|h| h.units_per_em() as f64).unwrap_or(1000.0);
        Font {
            bytes,
            upem,
            ssty: OnceLock::new(),
            kern: OnceLock::new(),
            cache: RwLock::new(HashMap::new()),
            cmap: RwLock::new(HashMap::new()),
        }
    }

    /// A font read at run time (the KaTeX designs); None if the bytes are not a font.
    pub fn from_bytes(bytes: &'static [u8]) -> Option<Font> {
        FontRef::new(bytes).ok()?;
        Some(Font::new(bytes))
    }

    pub fn font_ref(&self) -> FontRef<'static> {
        FontRef::new(self.bytes).expect("embedded font parses")
    }

    pub fn upem(&self) -> f64 {
        self.upem
    }

    pub fn glyph_for(&self, ch: char) -> Option<u32> {
        if let Some(g) = self.cmap.read().unwrap().get(&ch) {
            return *g;
        }
        let g = self
            .font_ref()
            .charmap()
            .map(ch)
            .map(|g| g.to_u32())
            .filter(|&g| g != 0);
        self.cmap.write().unwrap().insert(ch, g);
        g
    }

    pub fn glyph(&self, gid: u32) -> Arc<GlyphData> {
        if let Some(g) = self.cache.read().unwrap().get(&gid) {
            return g.clone();
        }
        let f = self.font_ref();
        let id = GlyphId::new(gid);
        let mut pen = PathPen {
            path: Path::new(),
            scale: 1.0 / self.upem,
        };
        if let Some(g) = f.outline_glyphs().get(id) {
            let _ = g.draw(
                DrawSettings::unhinted(Size::unscaled(), LocationRef::default()),
                &mut pen,
            );
        }
        let advance = f
            .glyph_metrics(Size::unscaled(), LocationRef::default())
            .advance_width(id)
            .unwrap_or(0.0) as f64
            / self.upem;
        let ink = ink_box(&pen.path);
        let data = Arc::new(GlyphData {
            path: pen.path,
            advance,
            ink,
        });
        self.cache.write().unwrap().insert(gid, data.clone());
        data
    }

    /// The script-style form of a glyph (`level` 1: script, 2: scriptscript), from the font's
    /// `ssty` feature: slightly wider, bolder designs, as TeX's 7 pt and 5 pt fonts are.
    pub fn script_variant(&self, gid: u32, level: usize) -> u32 {
        if level == 0 {
            return gid;
        }
        let map = self
            .ssty
            .get_or_init(|| read_ssty(&self.font_ref()).unwrap_or_default());
        map.get(&gid).map(|v| v[(level - 1).min(1)]).unwrap_or(gid)
    }

    /// Pair kerning between two glyphs (GPOS `kern`), in em.
    pub fn kerning(&self, left: u32, right: u32) -> f64 {
        let t = self
            .kern
            .get_or_init(|| super::kern::KernTable::read(&self.font_ref()));
        t.get(left, right) as f64 / self.upem
    }

    fn math(&self) -> Option<Math<'static>> {
        FontRef::new(self.bytes).ok()?.math().ok()
    }

    /// A MATH constant in em (percentages are returned as plain numbers).
    pub fn constant(&self, c: MathConstant) -> f64 {
        let Some(m) = self.math() else { return 0.0 };
        let Ok(k) = m.math_constants() else {
            return 0.0;
        };
        let v = k.constant(c) as f64;
        match c {
            MathConstant::ScriptPercentScaleDown
            | MathConstant::ScriptScriptPercentScaleDown
            | MathConstant::RadicalDegreeBottomRaisePercent => v,
            _ => v / self.upem,
        }
    }

    pub fn italic_correction(&self, gid: u32) -> f64 {
        self.math()
            .and_then(|m| m.math_glyph_info().ok())
            .and_then(|gi| gi.math_italics_correction_info())
            .and_then(|r| r.ok())
            .and_then(|ic| ic.correction(GlyphId::new(gid)))
            .map(|v| v as f64 / self.upem)
            .unwrap_or(0.0)
    }

    /// Horizontal position where a top accent attaches, or `None` (then: half the advance).
    pub fn top_accent(&self, gid: u32) -> Option<f64> {
        self.math()
            .and_then(|m| m.math_glyph_info().ok())
            .and_then(|gi| gi.math_top_accent_attachment())
            .and_then(|r| r.ok())
            .and_then(|a| a.attachment(GlyphId::new(gid)))
            .map(|v| v as f64 / self.upem)
    }

    /// Size variants of a glyph along `axis` (the glyph itself first), with their advance
    /// along that axis in em.
    pub fn variants(&self, gid: u32, vertical: bool) -> Vec<(u32, f64)> {
        let axis = if vertical {
            StretchAxis::Vertical
        } else {
            StretchAxis::Horizontal
        };
        let mut out = Vec::new();
        if let Some(c) = self
            .math()
            .and_then(|m| m.math_variants().ok())
            .and_then(|v| v.glyph_construction(GlyphId::new(gid), axis))
        {
            for r in c.math_glyph_variant_records() {
                out.push((
                    r.variant_glyph().to_u32(),
                    r.advance_measurement().to_u16() as f64 / self.upem,
                ));
            }
        }
        if out.is_empty() {
            let g = self.glyph(gid);
            let size = if vertical {
                g.ink.3 - g.ink.1
            } else {
                g.advance
            };
            out.push((gid, size));
        }
        out
    }

    /// The glyph assembly for arbitrarily large sizes: parts (glyph, start connector, end
    /// connector, full advance, is-extender) bottom to top (or left to right).
    pub fn assembly(&self, gid: u32, vertical: bool) -> Option<(Vec<AssemblyPart>, f64)> {
        let axis = if vertical {
            StretchAxis::Vertical
        } else {
            StretchAxis::Horizontal
        };
        let m = self.math()?;
        let v = m.math_variants().ok()?;
        let overlap = v.min_connector_overlap().to_u16() as f64 / self.upem;
        let c = v.glyph_construction(GlyphId::new(gid), axis)?;
        let a = c.glyph_assembly()?.ok()?;
        let parts = a
            .part_records()
            .iter()
            .map(|p| AssemblyPart {
                glyph: p.glyph_id().to_u32(),
                start: p.start_connector_length().to_u16() as f64 / self.upem,
                end: p.end_connector_length().to_u16() as f64 / self.upem,
                full: p.full_advance().to_u16() as f64 / self.upem,
                extender: p.part_flags().bits() & 1 == 1,
            })
            .collect();
        Some((parts, overlap))
    }
}

#[derive(Clone, Debug)]
pub struct AssemblyPart {
    pub glyph: u32,
    pub start: f64,
    pub end: f64,
    pub full: f64,
    pub extender: bool,
}

/// Reads the `ssty` GSUB feature (single and alternate substitutions).
fn read_ssty(f: &FontRef) -> Option<HashMap<u32, [u32; 2]>> {
    use skrifa::raw::tables::gsub::{AlternateSubst, SingleSubst, SubstitutionLookup};
    use skrifa::raw::types::Tag;
    let gsub = f.gsub().ok()?;
    let features = gsub.feature_list().ok()?;
    let lookups = gsub.lookup_list().ok()?;
    let mut map: HashMap<u32, [u32; 2]> = HashMap::new();
    for rec in features.feature_records() {
        if rec.feature_tag() != Tag::new(b"ssty") {
            continue;
        }
        let Ok(feature) = rec.feature(features.offset_data()) else {
            continue;
        };
        for idx in feature.lookup_list_indices() {
            let Ok(lookup) = lookups.lookups().get(idx.get() as usize) else {
                continue;
            };
            match lookup {
                SubstitutionLookup::Alternate(l) => {
                    for sub in l.subtables().iter().flatten() {
                        let AlternateSubst::Format1(sub) = sub else {
                            continue;
                        };
                        let Ok(cov) = sub.coverage() else { continue };
                        for (g, set) in cov.iter().zip(sub.alternate_sets().iter()) {
                            let Ok(set) = set else { continue };
                            let alts = set.alternate_glyph_ids();
                            if let Some(first) = alts.first() {
                                let a = first.get().to_u32();
                                let b = alts.get(1).map(|x| x.get().to_u32()).unwrap_or(a);
                                map.entry(g.to_u32()).or_insert([a, b]);
                            }
                        }
                    }
                }
                SubstitutionLookup::Single(l) => {
                    for sub in l.subtables().iter().flatten() {
                        match sub {
                            SingleSubst::Format1(t) => {
                                let Ok(cov) = t.coverage() else { continue };
                                for g in cov.iter() {
                                    let to = (g.to_u32() as i64 + t.delta_glyph_id() as i64) as u32;
                                    map.entry(g.to_u32()).or_insert([to, to]);
                                }
                            }
                            SingleSubst::Format2(t) => {
                                let Ok(cov) = t.coverage() else { continue };
                                for (g, to) in cov.iter().zip(t.substitute_glyph_ids()) {
                                    let to = to.get().to_u32();
                                    map.entry(g.to_u32()).or_insert([to, to]);
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
    }
    Some(map)
}
