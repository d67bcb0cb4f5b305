//! What changes on disk while a session is open: other people's work (read in), and —
//! only by a `git pull` in another terminal — my own files and the transcripts, which
//! this session then will not overwrite.

use super::Session;
use crate::model::Project;
use crate::ops::FileRef;
use crate::{Error, Result, store};

impl Session {
    /// Reads other people's work again where their files changed on disk — their
    /// meaning units, analyses and comments, the code tree and the participants (also
    /// when I am their writer and a `git pull` changed them), and transcripts imported
    /// meanwhile — so what they do while this project is open shows within a moment.
    /// My own files and my undo history are left as they are; when my files or a
    /// transcript changed on disk, nothing more is saved here (see
    /// [`Session::changed_under_me`]). True when something changed (transcripts keep
    /// their order, by import, so a new one may come before one already shown).
    pub fn refresh_others(&mut self) -> bool {
        let under_me = self.check_own_files();
        let o = store::others_changed(
            &self.dir,
            &self.me,
            &self.project.transcripts,
            &mut self.seen,
        );
        let me = self.me.clone();
        let mut changed = under_me;
        for (kind, problem) in &o.problems {
            let before = match problem {
                Some(p) => self.unreadable.insert(kind, p.clone()),
                None => self.unreadable.remove(kind),
            };
            changed |= before.as_ref() != problem.as_ref();
        }
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
            for t in &o.transcripts {
                store::note_time(
                    &mut self.own,
                    store::transcript_record_path(&self.dir, t.id),
                );
            }
            self.project.transcripts.extend(o.transcripts);
            self.project.sort_transcripts();
            changed = true;
        }
        if let (Some(codebook), Some(records)) = (o.codebook, o.code_records) {
            changed |= self.take_part((codebook, records), FileRef::Codebook, store::CODES, |p| {
                (&mut p.codebook, &mut p.records.codes)
            });
        }
        if let Some(people) = o.participants {
            changed |= self.take_part(people, FileRef::Participants, store::PARTICIPANTS, |p| {
                (&mut p.participants, &mut p.records.participants)
            });
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

    /// Takes in a shared part as read from disk — what it is, and what its files say —
    /// into the place `part` finds in the project (see [`Session::take_shared`]); true
    /// when what is shown changed.
    fn take_part<V: PartialEq, R: PartialEq>(
        &mut self,
        (value, records): (V, R),
        file: FileRef,
        folder: &str,
        part: fn(&mut Project) -> (&mut V, &mut R),
    ) -> bool {
        let same = records == *part(&mut self.project).1;
        if !self.take_shared(same, file, folder) {
            return false;
        }
        let (shown, mine) = part(&mut self.project);
        *mine = records;
        if value == *shown {
            return false;
        }
        *shown = value;
        true
    }

    /// The problems that keep others' files from being read in (the first of each kind,
    /// with its file and line: a damaged file, a conflict a pull left). What was read
    /// before stays; each kind is read again when its files change.
    pub fn unreadable(&self) -> Vec<&str> {
        self.unreadable.values().map(String::as_str).collect()
    }

    /// Why nothing more is saved or changed here, when my own files or a transcript
    /// changed on disk while the project was open (a `git pull` in another terminal):
    /// saving would write over what the pull brought (a correction's moved units, my
    /// work from another machine). Quitting and opening again reads it.
    pub fn changed_under_me(&self) -> Option<&str> {
        self.changed_under.as_deref()
    }

    pub(super) fn not_changed_under_me(&self) -> Result<()> {
        match &self.changed_under {
            Some(why) => Err(Error::Refused(why.clone())),
            None => Ok(()),
        }
    }

    /// Looks whether my own files or the transcripts changed on disk since they were
    /// read or written here; true when that is found (once).
    fn check_own_files(&mut self) -> bool {
        if self.changed_under.is_some() {
            return false;
        }
        let moved = store::changed_since(&self.dir, &self.own);
        if moved.is_empty() {
            return false;
        }
        let unsaved = if self.is_dirty() {
            " The last changes made here are not saved."
        } else {
            ""
        };
        // What to do comes first: a narrow status line shows only the start.
        self.changed_under = Some(format!(
            "Quit (q) and open the project again: {} changed on disk while it was open \
             here (a git pull?). Nothing more is saved or changed here, so as not to write \
             over it.{unsaved}",
            moved.join(", ")
        ));
        true
    }

    /// Notes the time of a file this session just wrote: one of my own, so that a later
    /// change to it is known for someone else's; the code tree or the participants, so
    /// that the refresh does not read back what was just written (were a pull to land in
    /// the moment between, it is read with the next change there).
    pub(super) fn wrote(&mut self, f: &FileRef) {
        let path = match f {
            FileRef::Units(c) if *c == self.me => store::units_path(&self.dir, c),
            FileRef::Analysis(c) if *c == self.me => store::analysis_path(&self.dir, c),
            FileRef::Review(c) if *c == self.me => store::review_path(&self.dir, c),
            FileRef::Codebook => {
                return store::note_seen(&mut self.seen, self.dir.join(store::CODES));
            }
            FileRef::Participants => {
                return store::note_seen(&mut self.seen, self.dir.join(store::PARTICIPANTS));
            }
            _ => return,
        };
        store::note_time(&mut self.own, path);
    }

    /// After a change to everyone's files made here: what is on disk is what this
    /// session wrote.
    pub(super) fn own_files_read_again(&mut self) {
        self.own = store::own_times(&self.dir, &self.me);
    }
}
