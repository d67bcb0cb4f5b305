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
        })
    }

    /// Reads other people's work again where their files changed on disk — their
    /// meaning units, analyses and comments, the code tree and the participants (also
    /// when I am their writer and a `git pull` changed them), and transcripts imported
    /// meanwhile — so what they do while this project is open shows within a moment. True when something changed (transcripts keep
    /// their order, by import, so a new one may come before one already shown). My own files (and my undo history) are untouched.
    pub fn refresh_others(&mut self) -> bool {
        let o = store::others_changed(
            &self.dir,
            &self.me,
            &self.project.transcripts,
            &mut self.seen,
        );
        let me = self.me.clone();
        let mut changed = false;
        fn swap<T: PartialEq>(
            map: &mut std::collections::BTreeMap<String, T>,
            me: &str,
            new: std::collections::BTreeMap<String, T>,
        ) -> bool {
            let mine = map.remove(me);
            let before = std::mem::replace(map, new);
            map.remove(me);
            if let Some(m) = mine {
                map.insert(me.to_string(), m);
            }
            before
                .iter()
                .filter(|(k, _)| k.as_str() != me)
                .ne(map.iter().filter(|(k, _)| k.as_str() != me))
        }
        // New transcripts first, so the units others made in them have their text.
        if !o.transcripts.is_empty() {
            self.project.transcripts.extend(o.transcripts);
            self.project.sort_transcripts();
            changed = true;
        }
        if let (Some(codebook), Some(records)) = (o.codebook, o.code_records) {
            changed |= self.take_tree(codebook, records);
        }
        if let Some((people, records)) = o.participants {
            changed |= self.take_people(people, records);
        }
        if let Some(mut units) = o.units {
            units.retain(|_, v| !v.is_empty());
            changed |= swap(&mut self.project.units, &me, units);
            let others: Vec<String> = self
                .project
                .units
                .keys()
                .filter(|k| **k != me)
                .cloned()
                .collect();
            for k in others {
                self.project.sort_units(&k);
            }
        }
        if let Some(analyses) = o.analyses {
            changed |= swap(&mut self.project.analyses, &me, analyses);
        }
        if let Some(reviews) = o.reviews {
            changed |= swap(&mut self.project.reviews, &me, reviews);
        }
        if changed {
            self.rev += 1;
        }
        changed
    }

    /// Whether a shared part (the code tree, the participants) as read from disk is to
    /// be taken in. Someone else's is taken as it is. When I am its writer, what is on
    /// disk is normally what I saved (`same_as_mine`); when it is not (a `git pull`
    /// while the project is open brought others' changes), it is taken too — else their
    /// new codes would be missing here, and my next save of a code they changed would
    /// undo their change — but only once my own changes to it are written: until then
    /// it is read again each time.
    fn take_shared(&mut self, same_as_mine: bool, file: FileRef, folder: &str) -> bool {
        if self.tree_held_by().is_some() {
            return true;
        }
        if same_as_mine {
            return false;
        }
        if self.dirty.contains(&file) {
            self.seen.remove(&self.dir.join(folder));
            return false;
        }
        true
    }

    /// Takes in the code tree as read from disk (see [`Session::take_shared`]); true
    /// when the tree shown changed.
    fn take_tree(
        &mut self,
        codebook: crate::model::Codebook,
        records: BTreeMap<crate::model::CodeId, crate::model::records::CodeRecord>,
    ) -> bool {
        let same = records == self.project.records.codes;
        if !self.take_shared(same, FileRef::Codebook, store::CODES) {
            return false;
        }
        self.project.records.codes = records;
        if codebook == self.project.codebook {
            return false;
        }
        self.project.codebook = codebook;
        true
    }

    /// Takes in the participants as read from disk (see [`Session::take_shared`]); true
    /// when they changed.
    fn take_people(
        &mut self,
        people: Vec<crate::model::Participant>,
        records: BTreeMap<crate::model::ParticipantId, crate::model::records::ParticipantRecord>,
    ) -> bool {
        let same = records == self.project.records.participants;
        if !self.take_shared(same, FileRef::Participants, store::PARTICIPANTS) {
            return false;
        }
        self.project.records.participants = records;
        if people == self.project.participants {
            return false;
        }
        self.project.participants = people;
        true
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

#[cfg(test)]
mod tests;
mod whole;
