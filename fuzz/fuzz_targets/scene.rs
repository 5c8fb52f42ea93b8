//! Parse, compile and render a few frames of arbitrary scene text at a tiny size: every stage
//! must answer with a diagnostic, never a panic, a hang or unbounded memory.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let prog = match valley::lang::Program::from_source("fuzz.scene", text.to_string()) {
        Ok(p) => p,
        Err(d) => {
            let _ = d.to_string();
            return;
        }
    };
    for name in prog.scene_names().into_iter().take(2) {
        match prog.compile(Some(&name)) {
            Ok(tl) => {
                let d = tl.duration();
                for t in [0.0, d * 0.37, d] {
                    if let Ok(frame) = tl.state_at(t) {
                        let _ = valley::render::render(&frame, 32, 18);
                    }
                }
            }
            Err(d) => {
                let _ = d.to_string();
            }
        }
    }
});
