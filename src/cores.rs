//! How work is shared out on every core.

/// The most files, notes or diagnostics one core takes on at a time. Rayon otherwise cuts a
/// list into a few long runs, and a core that finishes its runs early waits for another's last
/// one; runs this short let it take over part of that.
pub const BATCH: usize = 16;
