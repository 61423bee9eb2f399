//! The clock: the one place lineup asks the machine what time it is (picks are stamped with
//! it, exports dated, and the TUI's "now" follows it).

use chrono::{DateTime, FixedOffset, Utc};

/// Now, in UTC.
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// Now with the machine's local offset (a floating schedule's "now" is the local wall time).
pub fn local_now() -> DateTime<FixedOffset> {
    chrono::Local::now().fixed_offset()
}
