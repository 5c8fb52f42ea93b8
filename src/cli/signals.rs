//! Ctrl-C, SIGTERM and SIGHUP. While frames render, the first signal asks the pipeline to stop
//! (the unfinished output is then dropped and removed); at any other moment — compiling a
//! scene, typesetting — or on a second signal, the process removes its temporaries and exits
//! at once with status 130.

use std::sync::atomic::{AtomicBool, Ordering};

static CANCEL: AtomicBool = AtomicBool::new(false);
static RENDERING: AtomicBool = AtomicBool::new(false);

/// Installs the handler (once, at start-up).
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        if CANCEL.swap(true, Ordering::SeqCst) || !RENDERING.load(Ordering::SeqCst) {
            crate::encode::remove_partials();
            eprintln!("interrupted");
            std::process::exit(130);
        }
    });
}

/// The flag the pipeline polls between chunks of frames.
pub fn cancel_flag() -> &'static AtomicBool {
    &CANCEL
}

/// Whether a signal asked to stop.
pub fn interrupted() -> bool {
    CANCEL.load(Ordering::SeqCst)
}

/// Marks the stretch during which a signal stops rendering cooperatively instead of exiting.
pub fn set_rendering(on: bool) {
    RENDERING.store(on, Ordering::SeqCst);
    // A signal that came while switching is honoured now.
    if !on && CANCEL.load(Ordering::SeqCst) {
        crate::encode::remove_partials();
    }
}
