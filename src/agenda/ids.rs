//! Where a schedule's sessions are by id, for the planner: a pick's session is looked for
//! where the pick says it starts, and the index of every id is made only when that fails.

use std::collections::HashMap;

use super::Pick;
use crate::model::{Days, Schedule, Str};

/// The sessions of a schedule by id. Those of picks are found where the pick says they start
/// ([`Ids::note`]); the index of every id is made the first time another is looked up. At
/// 100,000 sessions that index took a third of opening a cached schedule with picks (about
/// 20 ms on the VM this was measured on), though most picks are where they were picked.
#[derive(Debug, Clone, Default)]
pub(super) struct Ids {
    /// Picks' sessions, found at their start. Ids are unique in a schedule (`normalize`), so
    /// the one found there is the one the index would give.
    pub(super) noted: HashMap<String, usize, foldhash::fast::RandomState>,
    pub(super) all: std::sync::OnceLock<HashMap<Str, usize, foldhash::fast::RandomState>>,
}

impl Ids {
    pub(super) fn of(&self, schedule: &Schedule, id: &str) -> Option<usize> {
        if let Some(&i) = self.noted.get(id) {
            return Some(i);
        }
        self.all
            .get_or_init(|| {
                let mut ids = HashMap::with_capacity_and_hasher(
                    schedule.sessions.len(),
                    foldhash::fast::RandomState::default(),
                );
                for (i, s) in schedule.sessions.iter().enumerate() {
                    ids.insert(s.id.clone(), i);
                }
                ids
            })
            .get(id)
            .copied()
    }

    /// Looks for `pick`'s session among the sessions starting when the pick says it does
    /// (`days`: each day's sessions by start, with the one ending last), and remembers it. A
    /// session that moved is not found here, and is left to the index.
    pub(super) fn note(&mut self, schedule: &Schedule, days: &Days, pick: &Pick) {
        if self.noted.contains_key(&pick.id) {
            return;
        }
        let ss = &schedule.sessions;
        let at = pick.start.timestamp();
        let found = days
            .sessions()
            .iter()
            .zip(days.ending_last())
            .find_map(|((_, day), &last)| {
                // Only a day whose sessions start by then and end after it can hold it.
                let first = ss[*day.first()?].start;
                if first > pick.start || at > ss.get(last)?.end.timestamp() {
                    return None;
                }
                let from = day.partition_point(|&i| ss[i].start < pick.start);
                day[from..]
                    .iter()
                    .take_while(|&&i| ss[i].start == pick.start)
                    // A large conference starts dozens of talks at once: their ends and the
                    // lengths of their ids are at hand, their ids' texts are not.
                    .find(|&&i| ss[i].end == pick.end && ss[i].id.is(&pick.id))
                    .copied()
            });
        if let Some(i) = found {
            self.noted.insert(pick.id.clone(), i);
        }
    }
}
