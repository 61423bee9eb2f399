//! The `.txt` export: the printed agenda of the picks, or the whole schedule by day, 80 columns
//! wide (the text itself is presentation's).

use super::ExportSet;
use crate::presentation::printed;

/// The text export of a set, at most `width` columns wide.
pub fn render_set(set: &ExportSet, width: usize) -> String {
    match &set.plan {
        Some(plan) => printed::agenda(set.schedule, plan, width),
        None => printed::schedule(set.schedule, set.items.iter().map(|i| &i.session), width),
    }
}
