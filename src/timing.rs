//! Phase timings for profiling, printed to stderr when `CROSSINGS_TIMINGS` is set.

use std::time::Instant;

/// Run `f`, and report how long it took as `name` when timings are on.
pub fn phase<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if std::env::var_os("CROSSINGS_TIMINGS").is_none() {
        return f();
    }
    let start = Instant::now();
    let value = f();
    eprintln!("timing: {name:<12} {:>8.1} ms", start.elapsed().as_secs_f64() * 1000.0);
    value
}

/// Print `what` beside the timings, when timings are on.
pub fn note(what: impl FnOnce() -> String) {
    if std::env::var_os("CROSSINGS_TIMINGS").is_some() {
        eprintln!("timing: {}", what());
    }
}
