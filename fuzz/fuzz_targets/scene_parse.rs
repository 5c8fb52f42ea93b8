//! The scene parser (and the `use` loader) on arbitrary text: errors are fine, panics are not.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(d) = valley::lang::Program::from_source("fuzz.scene", text.to_string()) {
            let _ = d.to_string();
        }
    }
});
