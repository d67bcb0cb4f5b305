//! Changing the project from the workbench: every edit, undo and redo goes through the
//! core [`Session`](crate::session::Session), which records it and knows the files it
//! made dirty; the event loop asks for a save within a second.

use super::app::App;
use super::effects::Effect;
use crate::ops::Edit;

impl App {
    /// Performs an edit, records it for undo and asks for a save.
    pub fn perform(&mut self, edit: Edit) -> bool {
        match self.session.perform(edit) {
            Ok(label) => {
                self.changed();
                self.say(label);
                true
            }
            Err(e) => {
                self.complain(e.to_string());
                false
            }
        }
    }

    /// Takes in what other people changed on disk (their work, and transcripts someone
    /// imported); true when something did. View 2 keeps showing the transcript it
    /// showed, wherever a new one sorts. When my own files changed on disk (a `git
    /// pull` while open), the status line says why nothing more is saved.
    pub fn refresh_others(&mut self) -> bool {
        let before: Vec<_> = self
            .session
            .project()
            .transcripts
            .iter()
            .map(|t| t.id)
            .collect();
        if !self.session.refresh_others() {
            return false;
        }
        let project = self.session.project();
        if project.transcripts.len() != before.len() {
            self.coding
                .tv
                .renumber(|i| before.get(i).and_then(|id| project.transcript_index(*id)));
        }
        let problem = match (self.session.changed_under_me(), self.session.unreadable()) {
            (Some(why), _) => Some(why.to_string()),
            (None, unreadable) => unreadable
                .first()
                .map(|p| format!("Others' work kept as it was until this is mended: {p}")),
        };
        if let Some(problem) = problem {
            self.complain(problem);
            self.settle();
        }
        true
    }

    /// Notes that the project changed: a save is due within a second.
    pub(super) fn changed(&mut self) {
        self.queue(Effect::SaveDue);
    }

    pub(super) fn undo(&mut self) {
        self.step_history(true);
    }

    pub(super) fn redo(&mut self) {
        self.step_history(false);
    }

    fn step_history(&mut self, back: bool) {
        let (result, verb) = if back {
            (self.session.undo(), "undo")
        } else {
            (self.session.redo(), "redo")
        };
        match result {
            None => self.say(format!(
                "Nothing to {verb} (the history covers what you did since you opened the project)"
            )),
            Some(Ok(label)) => {
                self.changed();
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
        self.session.is_dirty()
    }

    /// Writes the changed files now. On failure the changes stay pending and the error
    /// is shown; nothing on disk is half-written.
    pub fn save_now(&mut self) {
        match self.session.save() {
            Ok(()) => {
                self.pending_since = None;
                self.save_error = None;
            }
            Err(e) => self.save_error = Some(e.to_string()),
        }
    }
}
