//! Manim CE's named colours and `#rgb` parsing, as plain data. A leaf shared by `scene` (object
//! colours) and `tex` (xcolor accepts Manim's constants), so neither room reaches into the other.

/// Manim CE 0.18+ colour constants. YELLOW follows Manim 0.19+ (#F7D96F, the pale yellow the
/// reference frames show); PURE_YELLOW is the saturated one.
pub const MANIM: &[(&str, &str)] = &[
    ("WHITE", "#FFFFFF"),
    ("BLACK", "#000000"),
    ("GRAY_A", "#DDDDDD"),
    ("GREY_A", "#DDDDDD"),
    ("GRAY_B", "#BBBBBB"),
    ("GREY_B", "#BBBBBB"),
    ("GRAY_C", "#888888"),
    ("GREY_C", "#888888"),
    ("GRAY_D", "#444444"),
    ("GREY_D", "#444444"),
    ("GRAY_E", "#222222"),
    ("GREY_E", "#222222"),
    ("GRAY", "#888888"),
    ("GREY", "#888888"),
    ("LIGHT_GRAY", "#BBBBBB"),
    ("LIGHT_GREY", "#BBBBBB"),
    ("DARK_GRAY", "#444444"),
    ("DARK_GREY", "#444444"),
    ("DARKER_GRAY", "#222222"),
    ("DARKER_GREY", "#222222"),
    ("LIGHTER_GRAY", "#DDDDDD"),
    ("LIGHTER_GREY", "#DDDDDD"),
    ("BLUE_A", "#C7E9F1"),
    ("BLUE_B", "#9CDCEB"),
    ("BLUE_C", "#58C4DD"),
    ("BLUE_D", "#29ABCA"),
    ("BLUE_E", "#236B8E"),
    ("BLUE", "#58C4DD"),
    ("TEAL_A", "#ACEAD7"),
    ("TEAL_B", "#76DDC0"),
    ("TEAL_C", "#5CD0B3"),
    ("TEAL_D", "#55C1A7"),
    ("TEAL_E", "#49A88F"),
    ("TEAL", "#5CD0B3"),
    ("GREEN_A", "#C9E2AE"),
    ("GREEN_B", "#A6CF8C"),
    ("GREEN_C", "#83C167"),
    ("GREEN_D", "#77B05D"),
    ("GREEN_E", "#699C52"),
    ("GREEN", "#83C167"),
    ("YELLOW_A", "#FFF1B6"),
    ("YELLOW_B", "#FFEA94"),
    ("YELLOW_C", "#F7D96F"),
    ("YELLOW_D", "#F4D345"),
    ("YELLOW_E", "#E8C11C"),
    ("YELLOW", "#F7D96F"),
    ("GOLD_A", "#F7C797"),
    ("GOLD_B", "#F9B775"),
    ("GOLD_C", "#F0AC5F"),
    ("GOLD_D", "#E1A158"),
    ("GOLD_E", "#C78D46"),
    ("GOLD", "#F0AC5F"),
    ("RED_A", "#F7A1A3"),
    ("RED_B", "#FF8080"),
    ("RED_C", "#FC6255"),
    ("RED_D", "#E65A4C"),
    ("RED_E", "#CF5044"),
    ("RED", "#FC6255"),
    ("MAROON_A", "#ECABC1"),
    ("MAROON_B", "#EC92AB"),
    ("MAROON_C", "#C55F73"),
    ("MAROON_D", "#A24D61"),
    ("MAROON_E", "#94424F"),
    ("MAROON", "#C55F73"),
    ("PURPLE_A", "#CAA3E8"),
    ("PURPLE_B", "#B189C6"),
    ("PURPLE_C", "#9A72AC"),
    ("PURPLE_D", "#715582"),
    ("PURPLE_E", "#644172"),
    ("PURPLE", "#9A72AC"),
    ("PINK", "#D147BD"),
    ("LIGHT_PINK", "#DC75CD"),
    ("ORANGE", "#FF862F"),
    ("LIGHT_BROWN", "#CD853F"),
    ("DARK_BROWN", "#8B4513"),
    ("GRAY_BROWN", "#736357"),
    ("GREY_BROWN", "#736357"),
    ("PURE_RED", "#FF0000"),
    ("PURE_GREEN", "#00FF00"),
    ("PURE_BLUE", "#0000FF"),
    ("PURE_YELLOW", "#FFFF00"),
    ("DARK_BLUE", "#236B8E"),
];

/// The `#RRGGBB` of one of Manim's colour constants (`BLUE`, `BLUE_E`, `GREY_B`, …).
pub fn manim(name: &str) -> Option<&'static str> {
    MANIM.iter().find(|(n, _)| *n == name).map(|(_, h)| *h)
}

/// Parses `#rrggbb` or `#rgb` into bytes.
pub fn parse_hex(s: &str) -> Option<[u8; 3]> {
    let h = s.strip_prefix('#')?;
    // Checked first: slicing by bytes below needs ASCII, and from_str_radix accepts a '+'.
    if !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let v = |i: usize, n: usize| u8::from_str_radix(&h[i..i + n], 16).ok();
    match h.len() {
        6 => Some([v(0, 2)?, v(2, 2)?, v(4, 2)?]),
        3 => Some([v(0, 1)? * 17, v(1, 1)? * 17, v(2, 1)? * 17]),
        _ => None,
    }
}
