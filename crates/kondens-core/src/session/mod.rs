//! A project opened for work by one person: the locks that make them the one writer of
//! their files, the project in memory, every change performed through [`ops`] and
//! recorded for undo, and the files those changes made dirty, written by [`Session::save`].
//!
//! This is the one way the front ends change a project: the workbench and every command
//! that writes (`participants set`, …) open a session, perform edits and save.

use crate::model::Project;
use crate::ops::{self, Change, Edit, FileRef, History, Touched};
use crate::store::{self, WriterLock};
use crate::{Error, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A project opened for writing by one person.
#[derive(Debug)]
pub struct Session {
    dir: PathBuf,
    project: Project,
    me: String,
    history: History,
    dirty: Touched,
    /// Set when a change removed codes since the last save: the units that no longer
    /// use them are then written before the code tree, so no reader ever sees a unit
    /// pointing at a code that is gone.
    codes_removed: bool,
    rev: u64,
    _own_lock: WriterLock,
    /// The shared files' writer lock, or who holds it.
    tree: store::Lock,
    /// Other people's locks taken for a change to their files (kept until closing).
    others: BTreeMap<String, WriterLock>,
    /// Other people's files as last read (for [`Session::refresh_others`]).
    seen: store::Seen,
    /// My own files and the transcripts as last read or written: nobody else changes
    /// them while I have the project open, but a `git pull` may.
    own: store::Times,
    /// What changed on disk under this session (see [`Session::changed_under_me`]).
    changed_under: Option<String>,
    /// Others' files that could not be read when they last changed, by kind (see
    /// [`Session::unreadable`]).
    unreadable: BTreeMap<&'static str, String>,
}

impl Session {
    /// Takes `coder`'s lock (refused when that coder has the project open elsewhere),
    /// tries the shared files' lock (read-only tree when another holds it), loads the
    /// project and clears temporary files a crash may have left.
    pub fn open(dir: &Path, coder: &str) -> Result<Session> {
        let store::WritingSession {
            project,
            units_lock,
            tree_lock,
        } = store::open_for_writing(dir, coder)?;
        store::remove_stale_temp_files(dir);
        store::remove_orphan_texts(dir);
        Ok(Session {
            dir: dir.to_path_buf(),
            project,
            me: coder.to_string(),
            history: History::default(),
            dirty: Touched::new(),
            codes_removed: false,
            rev: 0,
            _own_lock: units_lock,
            tree: tree_lock,
            others: BTreeMap::new(),
            seen: store::others_times(dir, coder),
            own: store::own_times(dir, coder),
            changed_under: None,
            unreadable: BTreeMap::new(),
        })
    }

    /// The project as it is in memory (with changes not yet saved).
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// Who is working.
    pub fn coder(&self) -> &str {
        &self.me
    }

    /// The project folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Who holds the shared files (code tree, participants) when it is not this session.
    pub fn tree_held_by(&self) -> Option<&str> {
        self.tree.holder()
    }

    /// Counts every change to the project in memory (performed, undone, redone, typed,
    /// reloaded): what front ends key their caches on.
    pub fn rev(&self) -> u64 {
        self.rev
    }

    /// True when changes wait to be written.
    pub fn is_dirty(&self) -> bool {
        !self.dirty.is_empty()
    }

    /// The files waiting to be written.
    pub fn dirty(&self) -> &Touched {
        &self.dirty
    }

    /// Checks that this session may write every file in `files`, taking other people's
    /// locks where a change reaches their files.
    fn may_write(&mut self, files: &Touched) -> Result<()> {
        self.not_changed_under_me()?;
        for f in files {
            match f.owner() {
                None => {
                    if let Some(holder) = self.tree.holder() {
                        return Err(Error::Refused(format!(
                            "{holder} is editing the code tree and participants: they are \
                             read-only here"
                        )));
                    }
                }
                Some(owner) if owner == self.me || self.others.contains_key(owner) => {}
                Some(owner) => {
                    let lock = store::lock_coder(&self.dir, owner).map_err(|_| {
                        Error::Refused(format!(
                            "{owner} has the project open: their work cannot be changed now"
                        ))
                    })?;
                    self.others.insert(owner.to_string(), lock);
                }
            }
        }
        Ok(())
    }

    fn note_change(&mut self, change_files: Touched, removed_codes: bool) {
        self.rev += 1;
        self.codes_removed |= removed_codes;
        self.dirty.extend(change_files);
    }

    /// Performs an edit and records it for undo. Returns its label.
    pub fn perform(&mut self, edit: Edit) -> Result<String> {
        let files = edit.change.touched();
        self.may_write(&files)?;
        let removes = removes_codes(&edit.change);
        self.history
            .perform(&mut self.project, edit.change, edit.label.clone())?;
        self.note_change(files, removes);
        Ok(edit.label)
    }

    /// Applies a change without recording it: an editing visit, applied as it is typed
    /// so that autosave keeps it, and recorded as one step at the end ([`Self::record`]).
    pub fn apply_unrecorded(&mut self, change: Change) -> Result<()> {
        let files = change.touched();
        self.may_write(&files)?;
        let removes = removes_codes(&change);
        ops::apply(&mut self.project, change)?;
        self.note_change(files, removes);
        Ok(())
    }

    /// Records a step whose change was already made; `inverse` takes it back.
    pub fn record(&mut self, label: impl Into<String>, inverse: Change) {
        self.history.record(label, inverse);
    }

    /// Joins the last two undo steps into one.
    pub fn merge_last_two(&mut self, label: impl Into<String>) {
        self.history.merge_last_two(label);
    }

    /// Undoes the last step: its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Option<Result<String>> {
        self.step(true)
    }

    /// Redoes the last undone step.
    pub fn redo(&mut self) -> Option<Result<String>> {
        self.step(false)
    }

    fn step(&mut self, back: bool) -> Option<Result<String>> {
        let next = if back {
            self.history.next_undo()
        } else {
            self.history.next_redo()
        }?;
        let files = next.touched();
        let removes = removes_codes(next);
        if let Err(e) = self.may_write(&files) {
            return Some(Err(e));
        }
        if removes && let Err(e) = self.reload_others() {
            // Deciding whether a code may go needs what the others did since.
            return Some(Err(e));
        }
        let result = if back {
            self.history.undo(&mut self.project)
        } else {
            self.history.redo(&mut self.project)
        }?;
        Some(result.map(|(label, touched)| {
            self.note_change(touched, removes);
            label
        }))
    }

    /// Reads every other person's units again from disk, so decisions that depend on
    /// them (deleting a code) see what they did since the project was opened.
    pub fn reload_others(&mut self) -> Result<()> {
        store::reload_others(&self.dir, &mut self.project, &self.me)?;
        self.rev += 1;
        Ok(())
    }

    /// Writes the dirty files. On failure the rest stay dirty (nothing on disk is
    /// half-written) and the error says which file.
    pub fn save(&mut self) -> Result<()> {
        self.not_changed_under_me()?;
        let mut order: Vec<FileRef> = self.dirty.iter().cloned().collect();
        // Shared files first (a new code is on disk before a unit uses it), unless codes
        // were removed: then the units that let go of them go first.
        let shared_first = !self.codes_removed;
        order.sort_by_key(|f| (f.owner().is_some() == shared_first, f.clone()));
        for f in order {
            match &f {
                FileRef::Codebook => store::save_codebook(&self.dir, &mut self.project, &self.me)?,
                FileRef::Participants => {
                    store::save_participants(&self.dir, &mut self.project, &self.me)?
                }
                FileRef::Units(c) => store::save_units(&self.dir, &self.project, c)?,
                FileRef::Analysis(c) => store::save_analysis(&self.dir, &self.project, c)?,
                FileRef::Review(c) => store::save_review(&self.dir, &self.project, c)?,
            }
            self.wrote(&f);
            self.dirty.remove(&f);
        }
        self.codes_removed = false;
        Ok(())
    }
}

fn removes_codes(change: &Change) -> bool {
    match change {
        Change::RemoveCode(_) => true,
        Change::Batch(all) => all.iter().any(removes_codes),
        _ => false,
    }
}

mod refresh;
#[cfg(test)]
mod tests;
mod whole;
