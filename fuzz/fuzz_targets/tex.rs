//! The TeX parser and layout on arbitrary formulas, and the outlines of what they yield.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Manim joins MathTex parts; split on a byte that rarely appears so both paths get exercised.
    let parts: Vec<&str> = text.split('\u{1}').collect();
    match valley::tex::typeset_parts(&parts) {
        Ok(ts) => {
            for it in &ts.items {
                let _ = valley::tex::item_path(it);
            }
        }
        Err(e) => {
            let _ = format!("{e:?}");
        }
    }
});
