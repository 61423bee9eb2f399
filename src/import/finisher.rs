//! The structured readers (XML, JSON) hand each event's draft to a [`Finisher`], which turns
//! drafts into sessions. For JSON it does so on a thread of its own while the reader reads on:
//! parsing and finishing (times, texts, HTML) share the machine's cores (100,000 events: 0.90 s
//! to 0.83 s). For XML, whose parser is the slower half, handing drafts over cost more than it
//! saved (0.53 s to 0.62 s), so there it finishes each draft in place. Either way sessions and
//! warnings come back in the order the drafts went in, and the first draft that fails is the
//! error, as if one thread had done both.

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use chrono_tz::Tz;

use super::Warning;
use super::draft::Draft;
use crate::error::Error;
use crate::model::Session;

/// A draft, the zone to read its times in, and where it is in the file (for the error).
type Job = (Draft, Option<Tz>, u64);

/// How many drafts travel together (fewer hand-overs between the threads).
const BATCH: usize = 128;

/// What the finisher made: the sessions, the warnings, and the first failure with where its
/// draft was.
#[derive(Debug, Default)]
pub(super) struct Finished {
    pub sessions: Vec<Session>,
    pub warnings: Vec<Warning>,
    pub failed: Option<(u64, Error)>,
}

pub(super) struct Finisher {
    batch: Vec<Job>,
    tx: Option<SyncSender<Vec<Job>>>,
    worker: Option<JoinHandle<Finished>>,
    /// When no thread could be started: finished here, as the drafts come.
    here: Finished,
    origin: String,
}

impl Finisher {
    /// A finisher that finishes each draft as it comes, on the reader's thread: for readers
    /// whose drafts are cheap to finish next to what handing them over costs.
    pub(super) fn inline(origin: &str) -> Self {
        Finisher {
            batch: Vec::new(),
            tx: None,
            worker: None,
            here: Finished::default(),
            origin: origin.to_string(),
        }
    }

    /// A finisher with a thread of its own.
    pub(super) fn new(origin: &str) -> Self {
        let (tx, rx) = sync_channel::<Vec<Job>>(64);
        let name = origin.to_string();
        let worker = std::thread::Builder::new()
            .name("import".into())
            .spawn(move || work(&rx, &name))
            .ok();
        Finisher {
            batch: Vec::with_capacity(BATCH),
            tx: worker.is_some().then_some(tx),
            worker,
            here: Finished::default(),
            origin: origin.to_string(),
        }
    }

    /// Hands over a draft (at byte `pos` of the file) to be finished with zone `tz`.
    pub(super) fn push(&mut self, draft: Draft, tz: Option<Tz>, pos: u64) {
        let Some(tx) = &self.tx else {
            finish_one(&mut self.here, (draft, tz, pos), &self.origin);
            return;
        };
        self.batch.push((draft, tz, pos));
        if self.batch.len() == BATCH {
            let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
            // A worker that stopped (after a failure) takes nothing more; its failure is kept.
            let _ = tx.send(batch);
        }
    }

    /// Waits for every draft handed over, and gives what was made.
    pub(super) fn done(mut self) -> Finished {
        if let Some(tx) = self.tx.take() {
            let _ = tx.send(std::mem::take(&mut self.batch));
        }
        match self.worker.take().map(JoinHandle::join) {
            Some(Ok(made)) => made,
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            None => self.here,
        }
    }
}

/// The worker: finishes drafts until the reader is done or a draft fails.
fn work(rx: &Receiver<Vec<Job>>, origin: &str) -> Finished {
    let mut made = Finished::default();
    while let Ok(batch) = rx.recv() {
        for job in batch {
            finish_one(&mut made, job, origin);
            if made.failed.is_some() {
                return made;
            }
        }
    }
    made
}

fn finish_one(made: &mut Finished, (draft, tz, pos): Job, origin: &str) {
    if made.failed.is_some() {
        return;
    }
    match draft.finish(origin, tz, &mut made.warnings) {
        Ok(s) => made.sessions.push(s),
        Err(e) => made.failed = Some((pos, e)),
    }
}
