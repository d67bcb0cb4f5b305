//! True conflicts in the shared files, found and put in words: two people changed the
//! same part of one code or participant (git leaves its conflict markers), a code whose
//! parent is gone or that is in a loop of parents, a speaker label two participants
//! claim. Each says both sides and who did what, and can be resolved by picking one side
//! or keeping both; the resolution writes a clean file.

//!
//! Rooms: `markers.rs` reads a file git left half-merged, both sides; `words.rs` says
//! what each side did; `resolve.rs` writes the clean file a choice makes.

mod markers;
mod resolve;
mod words;

pub(super) use markers::{Sides, read_sides, unreadable};
pub use resolve::resolve;

use crate::Result;
use crate::model::records::{CodeRecord, ParticipantRecord};
use crate::model::{CodeId, ParticipantId};
use crate::store::codes::code_path;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use words::{code_words, people_words, who};

/// One conflict: where it is, what it is, and the same in words.
#[derive(Clone, Debug)]
pub struct Conflict {
    pub path: PathBuf,
    /// The first line of the conflict in the file (1 when it is not about lines).
    pub line: usize,
    pub what: What,
    /// Both sides in words, with who did what.
    pub words: String,
}

/// The kinds of conflict.
#[derive(Clone, Debug)]
pub enum What {
    /// Both changed the same part of one code: the file as here (`ours`) and as pulled.
    Code {
        ours: Box<CodeRecord>,
        theirs: Box<CodeRecord>,
    },
    /// Both changed the same part of one participant.
    Participant {
        ours: Box<ParticipantRecord>,
        theirs: Box<ParticipantRecord>,
    },
    /// Conflict markers in a file whose sides cannot be read: only editing helps.
    Unreadable,
    /// A code whose parent is deleted (restore it) or missing, or in a loop of parents.
    Unplaced { code: CodeId, parent_deleted: bool },
    /// A code someone deleted while someone else's meaning units still carry it (the
    /// units are kept; restoring the code puts them back in the tree).
    DeletedInUse { code: CodeId },
    /// Two participants claim one speaker label.
    LabelTwice {
        a: ParticipantId,
        b: ParticipantId,
        label: crate::model::SpeakerRef,
    },
}

/// How to resolve a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Keep this side (here) — for a label: give it to the first participant.
    Ours,
    /// Keep the other side (pulled) — for a label: give it to the second.
    Theirs,
    /// Keep both: names and texts joined, the rest as here.
    Both,
    /// Put the code at the top level of the tree.
    TopLevel,
    /// Restore the deleted parent.
    Restore,
}

impl Choice {
    /// The key and words the workbench offers it with.
    pub fn label(self) -> &'static str {
        match self {
            Choice::Ours => "keep mine (this copy's)",
            Choice::Theirs => "keep the pulled one",
            Choice::Both => "keep both (names and texts joined)",
            Choice::TopLevel => "move the code to the top level",
            Choice::Restore => "restore the deleted parent",
        }
    }
}

impl Conflict {
    /// The choices that resolve it (none: edit the file by hand).
    pub fn choices(&self) -> Vec<Choice> {
        match &self.what {
            What::Code { .. } | What::Participant { .. } => {
                vec![Choice::Ours, Choice::Theirs, Choice::Both]
            }
            What::Unreadable => Vec::new(),
            What::Unplaced {
                parent_deleted: true,
                ..
            } => vec![Choice::Restore, Choice::TopLevel],
            What::Unplaced { .. } => vec![Choice::TopLevel],
            What::DeletedInUse { .. } => vec![Choice::Restore],
            What::LabelTwice { .. } => vec![Choice::Ours, Choice::Theirs],
        }
    }

    /// The line `kondens check` prints: file, line, both sides, how to resolve.
    pub fn report(&self) -> String {
        let how = if self.choices().is_empty() {
            "edit the file: keep one side, delete the lines <<<<<<<, ======= and >>>>>>>"
        } else {
            "open the project in the workbench (kondens open) to pick a side or keep both, \
             or edit the file"
        };
        format!(
            "{}:{}: {}; to resolve, {how}",
            self.path.display(),
            self.line,
            self.words
        )
    }

    pub(in crate::store) fn code(
        path: &Path,
        line: usize,
        ours: CodeRecord,
        theirs: CodeRecord,
    ) -> Conflict {
        Conflict {
            path: path.to_path_buf(),
            line,
            words: String::new(),
            what: What::Code {
                ours: Box::new(ours),
                theirs: Box::new(theirs),
            },
        }
    }

    pub(in crate::store) fn participant(
        path: &Path,
        line: usize,
        ours: ParticipantRecord,
        theirs: ParticipantRecord,
    ) -> Conflict {
        let words = people_words(&ours, &theirs);
        Conflict {
            path: path.to_path_buf(),
            line,
            words,
            what: What::Participant {
                ours: Box::new(ours),
                theirs: Box::new(theirs),
            },
        }
    }

    pub(in crate::store) fn unplaced(
        path: PathBuf,
        id: CodeId,
        r: &CodeRecord,
        records: &BTreeMap<CodeId, CodeRecord>,
    ) -> Conflict {
        let parent = r.place.value.parent.and_then(|p| records.get(&p));
        let (words, parent_deleted) = match parent {
            Some(p) if p.deleted.is_some() => (
                format!(
                    "{} put '{}' under '{}', which {} deleted",
                    who(&r.place),
                    r.name.value,
                    p.name.value,
                    p.deleted.as_ref().map_or("someone", |m| m.by.as_str())
                ),
                true,
            ),
            Some(_) => (
                format!(
                    "'{}' is in a loop of codes that are each other's parents (two people \
                     moved codes under each other)",
                    r.name.value
                ),
                false,
            ),
            None => (
                format!(
                    "'{}' is under a code that is not in the project",
                    r.name.value
                ),
                false,
            ),
        };
        Conflict {
            path,
            line: 1,
            words,
            what: What::Unplaced {
                code: id,
                parent_deleted,
            },
        }
    }

    /// Puts a code conflict in words, now that every code's name is known.
    pub(in crate::store) fn name_codes(&mut self, records: &BTreeMap<CodeId, CodeRecord>) {
        if let What::Code { ours, theirs } = &self.what {
            self.words = code_words(ours, theirs, records);
        }
    }
}

/// Every conflict in the shared files of the project in `dir`.
pub fn find(dir: &Path) -> Result<Vec<Conflict>> {
    let mut out = crate::store::codes::read_tree(dir)?.conflicts;
    out.extend(crate::store::participants::read_participants(dir)?.conflicts);
    Ok(out)
}

/// The codes someone deleted that meaning units still carry, one conflict per code,
/// saying who deleted it and whose units use it.
pub fn deleted_in_use(dir: &Path, project: &crate::model::Project) -> Vec<Conflict> {
    // Looked up in a set made once: this runs at every open, over every unit.
    let live: std::collections::HashSet<CodeId> = project
        .codebook
        .flatten()
        .iter()
        .map(|f| f.node.id)
        .collect();
    let mut uses: BTreeMap<CodeId, BTreeMap<&str, usize>> = BTreeMap::new();
    for (coder, list) in &project.units {
        for u in list {
            for c in &u.codes {
                if !live.contains(c) {
                    *uses.entry(*c).or_default().entry(coder).or_default() += 1;
                }
            }
        }
    }
    uses.into_iter()
        .filter_map(|(code, by)| {
            let r = project.records.codes.get(&code)?;
            let deleted = r.deleted.as_ref()?;
            let whose: Vec<String> = by
                .iter()
                .map(|(c, n)| format!("{n} of {c}'s meaning units"))
                .collect();
            Some(Conflict {
                path: code_path(dir, code),
                line: 1,
                words: format!(
                    "{} deleted '{}' on {}, but {} still carry it",
                    deleted.by,
                    r.name.value,
                    deleted.at,
                    whose.join(" and ")
                ),
                what: What::DeletedInUse { code },
            })
        })
        .collect()
}
