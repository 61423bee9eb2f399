//! Work the edge does beside the event loop, so no key waits for it: the search index of the
//! schedule shown, built on its own thread and handed to `update` as an action when done.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use super::action::Action;
use super::app::App;
use crate::model::Schedule;
use crate::model::search::Index;

pub(super) struct Background {
    tx: Sender<Action>,
    /// What the work has to say, for the event loop to hand to `update`.
    pub(super) answers: Receiver<Action>,
    /// The schedule an index is being built for.
    indexing: Option<Arc<Schedule>>,
}

impl Background {
    pub(super) fn new() -> Self {
        let (tx, answers) = channel();
        Background {
            tx,
            answers,
            indexing: None,
        }
    }

    /// Starts building the search index of the schedule shown, unless it has one or one is on
    /// the way. Until it comes, search reads the sessions (slower on a big schedule, as right);
    /// when no thread can be started, it stays so.
    pub(super) fn keep_up(&mut self, app: &App) {
        let building = self
            .indexing
            .as_ref()
            .is_some_and(|s| Arc::ptr_eq(s, &app.schedule));
        if app.search_index.is_some() || building {
            return;
        }
        let schedule = Arc::clone(&app.schedule);
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
