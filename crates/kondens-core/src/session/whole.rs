//! Changes to everyone's files at once — a transcript correction, a REFI-QDA import.
//! They are not undo steps (the correction keeps a backup; an import can be left out by
//! not saving the project it made), and they are done while nobody else has the project
//! open: the session takes every person's lock and needs the shared files' lock.

use super::Session;
use crate::correct::Correction;
use crate::exchange::import::Plan;
use crate::model::time::Stamp;
use crate::{Error, Result, store};
use std::path::PathBuf;

impl Session {
    /// Takes every other person's lock; refused, naming who and saying `why`, while
    /// someone else has the project open or another holds the code tree.
    fn take_everyone(&mut self, why: &str) -> Result<()> {
        if let Some(holder) = self.tree.holder() {
            return Err(Error::Refused(format!(
                "{holder} has the project open; {why}, so it is done while nobody has it open"
            )));
        }
        for name in store::everyone(&self.dir, &self.project) {
            if name == self.me || self.others.contains_key(&name) {
                continue;
            }
            let lock = store::lock_coder(&self.dir, &name).map_err(|_| {
                Error::Refused(format!(
                    "{name} has the project open; {why}, so it is done while nobody has it \
                     open (ask {name} to quit kondens)"
                ))
            })?;
            self.others.insert(name, lock);
        }
        Ok(())
    }

    /// Refuses a whole-project change while changes wait to be saved: they were made
    /// against the project before it.
    fn nothing_pending(&self) -> Result<()> {
        if self.is_dirty() {
            return Err(Error::Refused(
                "changes are waiting to be saved; save them first".into(),
            ));
        }
        Ok(())
    }

    /// A whole-project change was written: the undo history no longer fits it.
    fn rewritten(&mut self) {
        self.history = Default::default();
        self.rev += 1;
        self.own_files_read_again();
    }

    /// Replaces a coded transcript's text with its correction (made by
    /// [`crate::correct::plan`] from this session's project), moving every person's
    /// units with their words. Returns the backup folder of the old text and units.
    pub fn correct(
        &mut self,
        correction: Correction,
        from_file: &str,
        when: Stamp,
    ) -> Result<PathBuf> {
        self.nothing_pending()?;
        self.take_everyone("a correction moves everyone's meaning units")?;
        let backup = store::apply_correction(
            &self.dir,
            &mut self.project,
            correction,
            &self.me,
            from_file,
            when,
        );
        self.rewritten();
        backup
    }

    /// Writes a REFI-QDA import (read by [`crate::exchange::import::read`] against this
    /// session's project): its transcripts, codes, everyone's units, analyses, comments
    /// and participants.
    pub fn import_exchange(&mut self, plan: Plan) -> Result<()> {
        self.nothing_pending()?;
        self.take_everyone("a REFI-QDA import adds to everyone's meaning units and the code tree")?;
        let me = self.me.clone();
        let result = crate::exchange::merge::apply(&self.dir, &mut self.project, plan, &me);
        self.rewritten();
        result
    }
}
