//! Phase timings for profiling, printed to stderr when `CROSSINGS_TIMINGS` is set: wall time,
//! and (on Linux) the CPU time the whole process used meanwhile, every thread counted, so a
//! phase that keeps both cores busy shows about twice its wall time, and phases that run side
//! by side each show what both used.

use std::time::Instant;

/// Run `f`, and report how long it took as `name` when timings are on.
pub fn phase<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if std::env::var_os("CROSSINGS_TIMINGS").is_none() {
        return f();
    }
    let (start, cpu_start) = (Instant::now(), process_cpu_ms());
    let value = f();
    let wall = start.elapsed().as_secs_f64() * 1000.0;
    match (cpu_start, process_cpu_ms()) {
        (Some(a), Some(b)) => eprintln!("timing: {name:<12} {wall:>8.1} ms  (process CPU {:>6} ms)", b - a),
        _ => eprintln!("timing: {name:<12} {wall:>8.1} ms"),
    }
    value
}

/// Print `what` beside the timings, when timings are on.
pub fn note(what: impl FnOnce() -> String) {
    if std::env::var_os("CROSSINGS_TIMINGS").is_some() {
        eprintln!("timing: {}", what());
    }
}

/// User and system CPU time of this process so far, in ms (from `/proc/self/stat`, in clock
/// ticks of 10 ms), where the system tells it.
fn process_cpu_ms() -> Option<u64> {
    let stat = crate::fs::read_to_string(std::path::Path::new("/proc/self/stat")).ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces): state is
    // the first, utime the 12th and stime the 13th.
    let mut fields = stat.rsplit_once(')')?.1.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some((user + system) * 10)
}
