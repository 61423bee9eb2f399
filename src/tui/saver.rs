//! The agenda's saver: a thread that owns the agenda store, so that a save (which may wait for
//! another lineup's lock, or a slow disk) and an export never block a key. It also looks for
//! another copy's changes every few seconds and retries saves that failed. It answers with
//! [`Action`]s for `update`.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use super::action::Action;
use super::said::Said;
use crate::agenda::Op;
use crate::agenda::Planner;
use crate::error::Result;
use crate::model::Schedule;
use crate::workspace::Store;
use crate::workspace::exports;
use crate::workspace::paths::expand_home;

/// How often the saver re-reads the agenda for another copy's changes.
const REFRESH_EVERY: Duration = Duration::from_secs(3);

/// Work for the saver.
#[derive(Debug)]
pub(super) enum Job {
    Save(Op),
    Export {
        path: String,
        replace: bool,
        /// Only the picks the plan keeps.
        plan: bool,
    },
    /// The schedule shown changed (a refresh): exports use this one from now on.
    Schedule(Arc<Schedule>),
    /// Remember these rooms as hidden, in this file.
    Rooms {
        path: PathBuf,
        hidden: std::collections::BTreeSet<String>,
    },
}

/// The running saver: send it jobs, read its answers, and [`Saver::finish`] it on the way out.
pub(super) struct Saver {
    jobs: Option<Sender<Job>>,
    pub answers: Receiver<Action>,
    thread: Option<JoinHandle<Option<String>>>,
}

impl Saver {
    /// Starts the saver with the store and what an export needs: the schedule, and the schedule
    /// file in use (never written over).
    pub(super) fn start(
        mut store: Store,
        schedule: Arc<Schedule>,
        schedule_path: Option<PathBuf>,
        walking: Arc<crate::agenda::walking::Walking>,
    ) -> Saver {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (answer_tx, answers) = mpsc::channel::<Action>();
        let notice = answer_tx.clone();
        store.on_lock_wait(Box::new(move |lock| {
            let _ = notice.send(Action::Status(Said::WaitingForLock {
                lock: lock.to_path_buf(),
            }));
        }));
        let thread = std::thread::spawn(move || {
            let mut worker = Worker {
                store,
                schedule,
                schedule_path,
                walking,
                answers: answer_tx,
            };
            worker.run(&job_rx)
        });
        Saver {
            jobs: Some(jobs),
            answers,
            thread: Some(thread),
        }
    }

    pub(super) fn send(&self, job: Job) {
        if let Some(j) = &self.jobs {
            // A saver that stopped has said why through `finish`.
            let _ = j.send(job);
        }
    }

    /// Stops the saver after its last save; returns what to tell the person if changes could
    /// not be saved.
    pub(super) fn finish(mut self) -> Option<String> {
        self.jobs = None;
        match self.thread.take().map(JoinHandle::join) {
            Some(Ok(unsaved)) => unsaved,
            Some(Err(_)) => Some(
                "the agenda saver stopped unexpectedly; run `lineup agenda` to check your picks"
                    .into(),
            ),
            None => None,
        }
    }
}

struct Worker {
    store: Store,
    schedule: Arc<Schedule>,
    schedule_path: Option<PathBuf>,
    /// How walking goes between rooms, for the plan an export keeps.
    walking: Arc<crate::agenda::walking::Walking>,
    answers: Sender<Action>,
}

impl Worker {
    /// Serves jobs until the TUI hangs up, then saves what is pending one last time.
    fn run(&mut self, jobs: &Receiver<Job>) -> Option<String> {
        loop {
            match jobs.recv_timeout(REFRESH_EVERY) {
                Ok(Job::Save(op)) => {
                    let result = self.store.apply(op).map(|_| ());
                    self.report(result);
                }
                Ok(Job::Export {
                    path,
                    replace,
                    plan,
                }) => {
                    let said = match self.export(&path, replace, plan) {
                        Ok(Some(said)) => Action::Status(said),
                        Ok(None) => Action::AskReplace(path),
                        Err(e) => Action::ExportFailed {
                            path,
                            reason: e.to_string(),
                        },
                    };
                    let _ = self.answers.send(said);
                }
                Ok(Job::Schedule(schedule)) => self.schedule = schedule,
                Ok(Job::Rooms { path, hidden }) => {
                    if let Err(e) = crate::workspace::views::save(&path, &hidden) {
                        let _ = self.answers.send(Action::Status(Said::RoomsNotRemembered {
                            reason: Some(e.to_string()),
                        }));
                    }
                }
                Err(RecvTimeoutError::Timeout) => self.refresh(),
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        self.store
            .save()
            .err()
            .map(|e| format!("your last changes could not be saved: {e}"))
    }

    /// Retries a failed save and looks for another copy's changes; says something only when
    /// there is something new.
    fn refresh(&mut self) {
        let retried = self.store.has_pending();
        match self.store.save().and_then(|()| self.store.refresh()) {
            Ok(changed) if changed || retried => {
                let _ = self
                    .answers
                    .send(Action::AgendaSaved(self.store.agenda().clone()));
            }
            Ok(_) => {}
            Err(e) => {
                let _ = self.answers.send(Action::Status(Said::NotSavedYet {
                    reason: e.to_string(),
                }));
            }
        }
    }

    /// Tells the TUI the agenda as saved, or why it was not (it will retry).
    fn report(&self, result: Result<()>) {
        let answer = match result {
            Ok(()) => Action::AgendaSaved(self.store.agenda().clone()),
            Err(e) => Action::Status(Said::NotSavedYet {
                reason: e.to_string(),
            }),
        };
        let _ = self.answers.send(answer);
    }

    /// Exports the picks to `path` (format from its extension). `Ok(None)`: the file exists and
    /// `replace` was not given.
    fn export(&mut self, path: &str, replace: bool, plan: bool) -> Result<Option<Said>> {
        let path = expand_home(path);
        let format = exports::format_of(&path)?;
        exports::refuse_files_in_use(
            &path,
            Some(self.store.path()),
            self.schedule_path.as_deref(),
        )?;
        if !replace && crate::workspace::files::exists(&path) {
            return Ok(None);
        }
        // The picks as the one planner works them out (the plan's alone, for a plan export).
        let settings = crate::agenda::plan::Settings {
            min_gap: None,
            walking: Arc::clone(&self.walking),
            ..crate::tui::app::plan_settings()
        };
        let mut planner = Planner::new(
            Arc::clone(&self.schedule),
            self.store.agenda().clone(),
            settings.clone(),
        );
        if plan {
            planner = Planner::new(Arc::clone(&self.schedule), planner.kept(), settings);
        }
        let set = exports::picks(&planner, None);
        let n = set.items.len();
        exports::to_path(&path, &set, format, Some(&mut self.store))?;
        let _ = self
            .answers
            .send(Action::AgendaSaved(self.store.agenda().clone()));
        Ok(Some(Said::Exported {
            count: n,
            plan,
            path,
        }))
    }
}
