//! Source listings (Manim's `Code`), highlighted by syntect in Manim's default "vim" colours.

use super::{n, p, Call, Def, Entry, Kind, Ty};
use crate::lang::interp::{Interp, R};
use crate::lang::value::Value;
use crate::scene::code as sc;

macro_rules! params {
    ($($x:expr),* $(,)?) => { &[$($x),*] };
}

pub const ENTRIES: &[Entry] = &[Entry {
    name: "code",
    kind: Kind::Function,
    params: params![
        p("code", Ty::Any, Def::Opt),
        n("path", Ty::Str, Def::Opt),
        n("language", Ty::Str, Def::Opt),
        n("formatter_style", Ty::Str, Def::Str("vim")),
        n("tab_width", Ty::Num, Def::Num(4.0)),
        n("add_line_numbers", Ty::Bool, Def::Bool(true)),
        n("line_numbers_from", Ty::Num, Def::Num(1.0)),
        n("background", Ty::Str, Def::Str("rectangle")),
        n("font_size", Ty::Num, Def::Num(24.0)),
        n("line_spacing", Ty::Num, Def::Num(0.5)),
        n("buff", Ty::Num, Def::Num(0.3)),
        n("corner_radius", Ty::Num, Def::Num(0.2)),
        n("fill_color", Ty::Color, Def::Opt),
        n("stroke_color", Ty::Color, Def::Color("WHITE")),
        n("stroke_width", Ty::Num, Def::Num(1.0)),
    ],
    doc: "a highlighted source listing from a list of lines (or a string, or `path:` a file beside the scene): line numbers, a #222222 rounded background (`background: \"window\"` adds Manim's three buttons, `\"none\"` leaves it out); parts `c[0]` background, `c[1]` numbers, `c[2][i]` line i, `c[2][i][k]` its k-th visible character (Manim's Code)",
    run: code,
}];

fn code(it: &mut Interp, c: &Call) -> R<Value> {
    let (source, guess) = match (c.value("code"), c.has("path")) {
        (Some(_), true) => return Err(c.err(it, "path", "give the code or a `path:`, not both")),
        (Some(v), false) => (source_text(it, c, &v)?, None),
        (None, true) => {
            let (rel, text) = super::data::data_file(it, c)?;
            let ext = std::path::Path::new(&rel)
                .extension()
                .map(|e| e.to_string_lossy().to_string());
            (text, ext)
        }
        (None, false) => {
            return Err(it.err(
                "`code` needs the code (a list of lines or a string) or a `path:`",
                c.span.clone(),
            ))
        }
    };
    let Some(language) = c.opt_str("language").or(guess) else {
        return Err(c.err(
            it,
            "language",
            "`code` needs a `language:` (\"python\", \"rust\", \"cpp\", …) unless it reads a file whose extension names one",
        ));
    };
    let Some(syntax) = sc::find_language(&language) else {
        let all = sc::some_languages();
        let d = c.err(
            it,
            "language",
            format!("no grammar for the language \"{language}\""),
        );
        return Err(
            match crate::lang::interp::suggest(&language.to_lowercase(), &all) {
                Some(s) => d.with_note(format!("help: did you mean \"{s}\"?")),
                None => d.with_note(format!(
                    "known languages include: {}",
                    all[..all.len().min(24)].join(", ")
                )),
            },
        );
    };
    let style = c.str("formatter_style");
    if !sc::STYLES.contains(&style.as_str()) {
        return Err(c.err(
            it,
            "formatter_style",
            format!(
                "the formatter style \"{style}\" is not available (only \"vim\", Manim's default)"
            ),
        ));
    }
    let tab = c.num("tab_width");
    if !(1.0..=16.0).contains(&tab) || tab.fract() != 0.0 {
        return Err(c.err(
            it,
            "tab_width",
            "`tab_width` must be a whole number from 1 to 16",
        ));
    }
    let fs = c.num("font_size");
    if !(fs > 0.0 && fs <= 1000.0) {
        return Err(c.err(
            it,
            "font_size",
            "`font_size` must be positive (at most 1000)",
        ));
    }
    let lines = source.lines().count();
    if lines > 2000 || source.len() > 200_000 {
        return Err(it.err(
            format!("a listing of {lines} lines is too long (at most 2000 lines, 200 kB)"),
            c.span.clone(),
        ));
    }
    let background = match c.str("background").as_str() {
        "rectangle" => sc::Background::Rectangle,
        "window" => sc::Background::Window,
        "none" => sc::Background::None,
        other => {
            return Err(c.err(
                it,
                "background",
                format!("`background` is \"rectangle\", \"window\" or \"none\", not \"{other}\""),
            ))
        }
    };
    let runs = sc::highlight(&source, syntax, tab as usize)
        .map_err(|e| it.err(format!("cannot highlight this code: {e}"), c.span.clone()))?;
    let mut st = sc::CodeStyle {
        font_size: fs,
        line_spacing: c.num("line_spacing"),
        tab_width: tab as usize,
        line_numbers: c.bool("add_line_numbers"),
        line_numbers_from: c.num("line_numbers_from").round() as i64,
        background,
        buff: c.num("buff"),
        corner_radius: c.num("corner_radius"),
        stroke: c.color("stroke_color"),
        stroke_width: c.num("stroke_width"),
        ..sc::CodeStyle::default()
    };
    if let Some(f) = c.opt_color("fill_color") {
        st.fill = f;
    }
    Ok(it.new_obj(sc::code(&runs, &st)))
}

/// The source: a string, or a list of strings (one per line; scene strings have no `\n`).
fn source_text(it: &Interp, c: &Call, v: &Value) -> R<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        Value::List(l) => {
            let mut out = Vec::with_capacity(l.len());
            for x in l.iter() {
                match x {
                    Value::Str(s) => out.push(s.to_string()),
                    other => {
                        return Err(c.err(
                            it,
                            "code",
                            format!(
                                "each line of the code must be a string, found {}",
                                other.type_name()
                            ),
                        ))
                    }
                }
            }
            Ok(out.join("\n"))
        }
        other => Err(c.err(
            it,
            "code",
            format!(
                "the code must be a list of lines or a string, found {}",
                other.type_name()
            ),
        )),
    }
}
