//! The diagnostic printer on arbitrary UTF-8 and arbitrary spans (character boundaries, spans
//! past the end, reversed spans): it must always print, never panic.
#![no_main]
use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use valley::diag::{Diagnostic, Source};

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let a = u16::from_le_bytes([data[0], data[1]]) as usize;
    let b = u16::from_le_bytes([data[2], data[3]]) as usize;
    let text = String::from_utf8_lossy(&data[4..]).into_owned();
    let src = Arc::new(Source {
        name: "fuzz.scene".into(),
        text,
    });
    let _ = Diagnostic::new("fuzz", &src, a..b).to_string();
    let _ = Diagnostic::new("fuzz", &src, b..a).to_string();
});
