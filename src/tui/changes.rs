//! Changing the project from the workbench: performing an edit (recorded for undo),
//! undo and redo, and writing the changed files (the event loop asks within a second).

use super::app::App;
use crate::ops::{Edit, Touched};
use crate::store;
use std::time::Instant;

impl App {
    /// Performs an edit, records it for undo and asks for a save.
    pub fn perform(&mut self, edit: Edit) -> bool {
        match self.history.perform(
            &mut self.project,
            &self.coder,
            edit.change,
            edit.label.clone(),
        ) {
            Ok(touched) => {
                self.changed(touched);
                self.say(edit.label);
                true
            }
            Err(e) => {
                self.complain(e.to_string());
                false
            }
        }
    }

    pub(super) fn changed(&mut self, touched: Touched) {
        self.rev += 1;
        self.pending = self.pending.with(touched);
        self.pending_since.get_or_insert_with(Instant::now);
    }

    pub(super) fn undo(&mut self) {
        self.step_history(true);
    }

    pub(super) fn redo(&mut self) {
        self.step_history(false);
    }

    fn step_history(&mut self, back: bool) {
        let (result, verb) = if back {
            (self.history.undo(&mut self.project, &self.coder), "undo")
        } else {
            (self.history.redo(&mut self.project, &self.coder), "redo")
        };
        match result {
            None => self.say(format!("Nothing to {verb}")),
            Some(Ok((label, touched))) => {
                self.changed(touched);
                self.say(format!(
                    "{}: {label}",
                    if back { "Undone" } else { "Redone" }
                ));
            }
            Some(Err(e)) => self.complain(format!("Cannot {verb}: {e}")),
        }
    }

    /// True when changes wait to be written.
    pub fn has_pending(&self) -> bool {
        self.pending.codebook
            || self.pending.units
            || self.pending.analysis
            || self.pending.participants
    }

    /// Writes the changed files now. On failure the changes stay pending and the error
    /// is shown; nothing on disk is half-written.
    pub fn save_now(&mut self) {
        let mut result = Ok(());
        if self.pending.codebook {
            result = store::save_codebook(&self.dir, &self.project);
            if result.is_ok() {
                self.pending.codebook = false;
            }
        }
        if result.is_ok() && self.pending.units {
            result = store::save_units(&self.dir, &self.project, &self.coder);
            if result.is_ok() {
                self.pending.units = false;
            }
        }
        if result.is_ok() && self.pending.participants {
            result = store::save_participants(&self.dir, &self.project);
            if result.is_ok() {
                self.pending.participants = false;
            }
        }
        if result.is_ok() && self.pending.analysis {
            result = store::save_analysis(&self.dir, &self.project, &self.coder);
            if result.is_ok() {
                self.pending.analysis = false;
            }
        }
        match result {
            Ok(()) => {
                self.pending_since = None;
                self.save_error = None;
            }
            Err(e) => self.save_error = Some(e.to_string()),
        }
    }
}
