//! Ctrl-C and termination signals: remove the temporary files of writes in progress, then end
//! the process as the signal would have. Without this, an interrupted export leaves
//! `.name.XXXXXX.tmp` files behind, since a process killed by a signal runs no destructors.
//!
//! The main thread does the watching while the work runs on its own thread, so watching costs
//! no thread of its own (a thread costs its stack and, with glibc, an allocator arena).

/// Watches SIGINT, SIGTERM and SIGHUP until [`Done`] says the work has finished.
pub struct Watcher {
    #[cfg(unix)]
    signals: Option<signal_hook::iterator::Signals>,
}

/// Ends the watch when dropped: when the work returns, and also when it panics.
pub struct Done {
    #[cfg(unix)]
    handle: Option<signal_hook::iterator::Handle>,
}

impl Drop for Done {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(handle) = &self.handle {
            handle.close();
        }
    }
}

impl Watcher {
    /// Starts catching the signals. If that cannot be done, they keep their default behaviour:
    /// the run still works, and only an interruption may leave a temporary file.
    pub fn new() -> (Watcher, Done) {
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            let signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]).ok();
            let handle = signals.as_ref().map(signal_hook::iterator::Signals::handle);
            (Watcher { signals }, Done { handle })
        }
        #[cfg(not(unix))]
        {
            (Watcher {}, Done {})
        }
    }

    /// Blocks until the work is done; on a signal first, removes the pending temporary files
    /// and ends the process with the signal's own status (130 for Ctrl-C in a shell).
    pub fn wait(self) {
        #[cfg(unix)]
        if let Some(mut signals) = self.signals
            && let Some(signal) = signals.forever().next()
        {
            crate::output::remove_pending();
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal);
        }
    }
}
