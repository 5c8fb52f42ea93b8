//! Colours, with Manim CE's named palette so scenes written for Manim look the same.

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Color {
    pub r: f32,
    pub g: f32,
    pub b: f32,
}

impl Color {
    pub const WHITE: Color = Color::rgb8(255, 255, 255);
    pub const BLACK: Color = Color::rgb8(0, 0, 0);

    pub const fn rgb8(r: u8, g: u8, b: u8) -> Color {
        Color {
            r: r as f32 / 255.0,
            g: g as f32 / 255.0,
            b: b as f32 / 255.0,
        }
    }

    /// Parses `#rrggbb` or `#rgb`.
    pub fn from_hex(s: &str) -> Option<Color> {
        let [r, g, b] = crate::palette::parse_hex(s)?;
        Some(Color::rgb8(r, g, b))
    }

    pub fn to_hex(self) -> String {
        let c = |x: f32| (x.clamp(0.0, 1.0) * 255.0).round() as u8;
        format!("#{:02X}{:02X}{:02X}", c(self.r), c(self.g), c(self.b))
    }

    pub fn lerp(self, o: Color, t: f32) -> Color {
        Color {
            r: self.r + (o.r - self.r) * t,
            g: self.g + (o.g - self.g) * t,
            b: self.b + (o.b - self.b) * t,
        }
    }

    /// Looks up one of Manim's colour constants (`BLUE`, `BLUE_E`, `GREY_B`, …).
    pub fn named(name: &str) -> Option<Color> {
        crate::palette::manim(name).and_then(Color::from_hex)
    }

    pub fn names() -> impl Iterator<Item = &'static str> {
        crate::palette::MANIM.iter().map(|(n, _)| *n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manim_values() {
        assert_eq!(Color::named("BLUE").unwrap().to_hex(), "#58C4DD");
        assert_eq!(Color::named("BLUE_E").unwrap().to_hex(), "#236B8E");
        assert_eq!(Color::named("RED").unwrap().to_hex(), "#FC6255");
        assert_eq!(Color::from_hex("#fff").unwrap(), Color::WHITE);
        assert!(Color::named("BLUISH").is_none());
        // Not hex digits (multi-byte characters, signs): None, no panic.
        for bad in ["#aéaaa", "#ééé", "#+1+1+1", "#é", "#"] {
            assert!(Color::from_hex(bad).is_none(), "{bad}");
        }
    }
}
