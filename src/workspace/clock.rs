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

/// Where times are shown: the venue's zone (as the schedule gives them), this computer's zone,
/// or a named IANA zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DisplayZone {
    #[default]
    Venue,
    Local,
    Zone(chrono_tz::Tz),
}

impl DisplayZone {
    /// `venue`, `local` or an IANA zone name (any case).
    pub fn parse(text: &str) -> Option<DisplayZone> {
        match text.trim().to_ascii_lowercase().as_str() {
            "venue" => Some(DisplayZone::Venue),
            "local" => Some(DisplayZone::Local),
            _ => chrono_tz::TZ_VARIANTS
                .iter()
                .find(|z| z.name().eq_ignore_ascii_case(text.trim()))
                .map(|z| DisplayZone::Zone(*z)),
        }
    }

    /// The zone to convert to: `None` for the venue's own; this computer's zone (from the
    /// system, through iana-time-zone) for local, `None` when the system cannot say.
    pub fn resolve(self) -> Option<chrono_tz::Tz> {
        match self {
            DisplayZone::Venue => None,
            DisplayZone::Local => local_zone(),
            DisplayZone::Zone(tz) => Some(tz),
        }
    }
}

/// This computer's IANA zone (`TZ`, else the system's setting), if it names one chrono-tz knows.
pub fn local_zone() -> Option<chrono_tz::Tz> {
    let from_env = std::env::var("TZ")
        .ok()
        .map(|t| t.trim_start_matches(':').to_string())
        .filter(|t| !t.is_empty());
    let name = from_env.or_else(|| iana_time_zone::get_timezone().ok())?;
    name.parse().ok()
}
