//! Colour names and hex codes as users type them.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = valley::scene::Color::from_hex(s);
        let _ = valley::scene::Color::named(s);
    }
});
