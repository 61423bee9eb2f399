//! Work the edge does beside the event loop, so no key waits for it: the search index of the
//! schedule shown (when it was not kept with its cache), the check of the cache opened, and
//! fetching the conference again (`r`), each on a thread of its own and handed to `update` as
//! an action when done.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use std::path::{Path, PathBuf};

use super::action::Action;
use super::app::App;
use super::said::Said;
use crate::model::Schedule;
use crate::model::search::Index;
use crate::workspace::cache::Check;
use crate::workspace::conferences::{self, Refreshed};
use crate::workspace::library::Entry;
use crate::workspace::{clock, fetch};

pub(super) struct Background {
    tx: Sender<Action>,
    /// What the work has to say, for the event loop to hand to `update`.
    pub(super) answers: Receiver<Action>,
    /// The schedule an index is being built for.
    indexing: Option<Arc<Schedule>>,
    /// The library conference shown, and the `--agenda` file given (for the change report).
    conference: Option<Entry>,
    agenda: Option<PathBuf>,
    /// The check of the cached copy shown, to run once the first frame is out.
    check: Option<Check>,
}

impl Background {
    pub(super) fn new(conference: Option<Entry>, agenda: Option<PathBuf>) -> Self {
        let (tx, answers) = channel();
        Background {
            tx,
            answers,
            indexing: None,
            conference,
            agenda,
            check: None,
        }
    }

    pub(super) fn check_later(&mut self, check: Option<Check>) {
        self.check = check;
    }

    /// Checks the cached copy shown (its checksum, read from the file); when it fails, the copy
    /// is made again from the cached source and the schedule shown replaced by it
    /// ([`Action::CacheRebuilt`]).
    fn start_check(&mut self) {
        let (Some(check), Some(entry)) = (self.check.take(), self.conference.clone()) else {
            return;
        };
        let tx = self.tx.clone();
        let _started = std::thread::Builder::new()
            .name("cache check".into())
            .spawn(move || {
                if check.passes() {
                    return;
                }
                let action = match conferences::rebuild(&entry) {
                    Ok(cached) => {
                        let schedule = Arc::new(cached.schedule);
                        let message = Said::CacheRebuilt {
                            id: entry.id.clone(),
                            reason: None,
                        };
                        let _ = tx.send(Action::CacheRebuilt {
                            schedule: Some(Arc::clone(&schedule)),
                            message,
                        });
                        index_too(&tx, schedule, cached.index);
                        return;
                    }
                    Err(e) => Action::CacheRebuilt {
                        schedule: None,
                        message: Said::CacheRebuilt {
                            id: entry.id.clone(),
                            reason: Some(e.to_string()),
                        },
                    },
                };
                let _ = tx.send(action);
            });
    }

    /// Fetches the conference again, compares, and answers with [`Action::Refreshed`]: the new
    /// schedule (read back from the cache) and the report, or why not.
    pub(super) fn refresh(&self) {
        let tx = self.tx.clone();
        let answer = |message: Said| Action::Refreshed {
            schedule: None,
            report: None,
            message,
        };
        let Some(entry) = self.conference.clone() else {
            let _ = tx.send(answer(Said::NotRefreshable));
            return;
        };
        let agenda = self.agenda.clone();
        let started = std::thread::Builder::new()
            .name("refresh".into())
            .spawn(move || {
                refreshed(&tx, &entry, agenda.as_deref());
            });
        if let Err(e) = started {
            let _ = self.tx.send(answer(Said::RefreshFailed {
                reason: format!("cannot fetch now: {e}"),
                since: None,
            }));
        }
    }

    /// Starts building the search index of the schedule shown, unless it has one or one is on
    /// the way. Until it comes, search reads the sessions (slower on a big schedule, as right);
    /// when no thread can be started, it stays so.
    pub(super) fn keep_up(&mut self, app: &App) {
        self.start_check();
        let building = self
            .indexing
            .as_ref()
            .is_some_and(|s| Arc::ptr_eq(s, app.schedule()));
        if app.search_index.is_some() || building {
            return;
        }
        let schedule = Arc::clone(app.schedule());
        self.indexing = Some(Arc::clone(&schedule));
        let tx = self.tx.clone();
        let _started = std::thread::Builder::new()
            .name("search index".into())
            .spawn(move || {
                let index = Arc::new(Index::build(&schedule));
                // The loop may have ended (lineup quit): nobody to tell, nothing to do.
                let _ = tx.send(Action::SearchReady { index, schedule });
            });
    }
}

/// Hands `update` the search index read with a new schedule (kept in its cache), so it is not
/// built again; taken only while that schedule is the one shown.
fn index_too(tx: &Sender<Action>, schedule: Arc<Schedule>, index: Option<Arc<Index>>) {
    if let Some(index) = index {
        let _ = tx.send(Action::SearchReady { index, schedule });
    }
}

/// The refresh itself, on the background thread: its answer, then the new schedule's index.
fn refreshed(tx: &Sender<Action>, entry: &Entry, agenda: Option<&Path>) {
    let answer = |schedule, report, message| Action::Refreshed {
        schedule,
        report,
        message,
    };
    let action = match conferences::refresh(entry, agenda, fetch::DEFAULT_TIMEOUT, clock::now()) {
        Ok(Refreshed::Unchanged { fetched }) => answer(
            None,
            None,
            Said::Unchanged {
                id: entry.id.clone(),
                since: fetched,
            },
        ),
        Ok(Refreshed::Changed(kept)) => match conferences::open(entry) {
            Ok(cached) => {
                let changed = kept.report.picks.len();
                let schedule = Arc::new(cached.schedule);
                let _ = tx.send(answer(
                    Some(Arc::clone(&schedule)),
                    Some(kept.report),
                    Said::Fetched {
                        id: entry.id.clone(),
                        changed,
                    },
                ));
                index_too(tx, schedule, cached.index);
                return;
            }
            Err(e) => answer(
                None,
                None,
                Said::RefreshFailed {
                    reason: e.to_string(),
                    since: None,
                },
            ),
        },
        Err(e) => answer(
            None,
            None,
            Said::RefreshFailed {
                reason: e.to_string(),
                since: conferences::has_copy(entry).then_some(entry.fetched),
            },
        ),
    };
    let _ = tx.send(action);
}
