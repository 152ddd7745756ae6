//! Peak resident memory of this process, from `/proc/self/status` (Linux); resettable so one
//! process can measure several runs.

/// Peak resident set size in bytes (`VmHWM`), if the platform reports it.
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Resets the peak to the current size (Linux `clear_refs` 5); best effort.
pub fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}
