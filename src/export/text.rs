//! The `.txt` export: the printed agenda of the picks, or the whole schedule by day, 80 columns
//! wide (the text itself is presentation's).

use std::io::{self, Write};

use super::ExportSet;
use crate::presentation::printed;

/// Writes the text export of a set, at most `width` columns wide, as it goes.
pub fn write(set: &ExportSet, width: usize, out: &mut dyn Write) -> io::Result<()> {
    match &set.plan {
        Some(plan) => printed::write_agenda(out, set.schedule, (plan, &set.events), width),
        None => printed::write_schedule(
            out,
            set.schedule,
            set.items.iter().map(|i| &*i.session),
            width,
        ),
    }
}
