//! True conflicts in the shared files, found and put in words: two people changed the
//! same part of one code or participant (git leaves its conflict markers), a code whose
//! parent is gone or that is in a loop of parents, a speaker label two participants
//! claim. Each says both sides and who did what, and can be resolved by picking one side
//! or keeping both; the resolution writes a clean file.

use super::codes::{CodeFile, code_path};
use super::people::{ParticipantFile, participant_path};
use super::{order, write_atomic};
use crate::model::records::{CodeRecord, Field, Place};
use crate::model::{CodeId, ParticipantId};
use crate::{Error, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
        ours: Box<CodeFile>,
        theirs: Box<CodeFile>,
    },
    /// Both changed the same part of one participant.
    Participant {
        ours: Box<ParticipantFile>,
        theirs: Box<ParticipantFile>,
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

    pub(super) fn code(path: &Path, text: &str, ours: CodeFile, theirs: CodeFile) -> Conflict {
        Conflict {
            path: path.to_path_buf(),
            line: first_marker(text),
            words: String::new(),
            what: What::Code {
                ours: Box::new(ours),
                theirs: Box::new(theirs),
            },
        }
    }

    pub(super) fn participant(
        path: &Path,
        text: &str,
        ours: ParticipantFile,
        theirs: ParticipantFile,
    ) -> Conflict {
        let words = people_words(&ours, &theirs);
        Conflict {
            path: path.to_path_buf(),
            line: first_marker(text),
            words,
            what: What::Participant {
                ours: Box::new(ours),
                theirs: Box::new(theirs),
            },
        }
    }

    pub(super) fn unplaced(
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
    pub(super) fn name_codes(&mut self, records: &BTreeMap<CodeId, CodeRecord>) {
        if let What::Code { ours, theirs } = &self.what {
            self.words = code_words(ours, theirs, records);
        }
    }
}

fn who<T>(f: &Field<T>) -> &str {
    f.changed.as_ref().map_or("someone", |m| m.by.as_str())
}

fn code_words(
    ours: &CodeFile,
    theirs: &CodeFile,
    records: &BTreeMap<CodeId, CodeRecord>,
) -> String {
    let name = &ours.name.value;
    let mut parts = Vec::new();
    if ours.name.value != theirs.name.value {
        let was = ours
            .name
            .was
            .as_ref()
            .or(theirs.name.was.as_ref())
            .unwrap_or(name);
        parts.push(format!(
            "{} renamed {was} to '{}', {} renamed it to '{}'",
            who(&ours.name),
            ours.name.value,
            who(&theirs.name),
            theirs.name.value
        ));
    }
    if ours.place.value != theirs.place.value {
        let under = |p: &Place| match p.parent {
            None => "the top level".to_string(),
            Some(id) => format!(
                "'{}'",
                records.get(&id).map_or("?", |r| r.name.value.as_str())
            ),
        };
        if ours.place.value.parent != theirs.place.value.parent {
            parts.push(format!(
                "{} moved '{name}' under {}, {} moved it under {}",
                who(&ours.place),
                under(&ours.place.value),
                who(&theirs.place),
                under(&theirs.place.value)
            ));
        } else {
            parts.push(format!(
                "{} and {} both moved '{name}' among its siblings",
                who(&ours.place),
                who(&theirs.place)
            ));
        }
    }
    if ours.description.value != theirs.description.value {
        parts.push(format!(
            "{} and {} both changed the description of '{name}'",
            who(&ours.description),
            who(&theirs.description)
        ));
    }
    if ours.colour.value != theirs.colour.value {
        parts.push(format!(
            "{} made '{name}' {}, {} made it {}",
            who(&ours.colour),
            ours.colour.value,
            who(&theirs.colour),
            theirs.colour.value
        ));
    }
    if ours.deleted.is_some() != theirs.deleted.is_some() {
        let (gone, kept) = if ours.deleted.is_some() {
            (&ours.deleted, "the other copy")
        } else {
            (&theirs.deleted, "this copy")
        };
        parts.push(format!(
            "{} deleted '{name}', {kept} keeps it",
            gone.as_ref().map_or("someone", |m| m.by.as_str())
        ));
    }
    if parts.is_empty() {
        parts.push(format!(
            "both changed the record of '{name}' in the same way"
        ));
    }
    parts.join("; ")
}

fn people_words(ours: &ParticipantFile, theirs: &ParticipantFile) -> String {
    let name = &ours.name.value;
    let mut parts = Vec::new();
    for (what, a, b) in [
        ("name", &ours.name, &theirs.name),
        ("role", &ours.role, &theirs.role),
        ("group", &ours.group, &theirs.group),
        ("focus group", &ours.focus_group, &theirs.focus_group),
    ] {
        if a.value != b.value {
            parts.push(format!(
                "{} set the {what} of {name} to '{}', {} set it to '{}'",
                who(a),
                a.value,
                who(b),
                b.value
            ));
        }
    }
    for (k, a) in &ours.attributes {
        if let Some(b) = theirs.attributes.get(k)
            && a.value != b.value
        {
            parts.push(format!(
                "{} set {k} of {name} to '{}', {} set it to '{}'",
                who(a),
                a.value,
                who(b),
                b.value
            ));
        }
    }
    if ours.labels.value != theirs.labels.value {
        parts.push(format!(
            "{} and {} both changed which labels are {name}",
            who(&ours.labels),
            who(&theirs.labels)
        ));
    }
    if parts.is_empty() {
        parts.push(format!(
            "both changed {name} where git cannot tell them apart"
        ));
    }
    parts.join("; ")
}

/// True when git left conflict markers in `text`.
pub fn has_markers(text: &str) -> bool {
    text.lines()
        .any(|l| l.starts_with("<<<<<<<") || l.starts_with(">>>>>>>"))
}

fn first_marker(text: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with("<<<<<<<"))
        .map_or(1, |i| i + 1)
}

/// The two sides of a file with conflict markers: each with the lines both share.
/// `None` when the markers do not pair up.
pub fn split_sides(text: &str) -> Option<(String, String)> {
    #[derive(PartialEq)]
    enum In {
        Both,
        Ours,
        Base,
        Theirs,
    }
    let mut state = In::Both;
    let (mut ours, mut theirs) = (String::new(), String::new());
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        if bare.starts_with("<<<<<<<") {
            (state == In::Both).then_some(())?;
            state = In::Ours;
        } else if bare.starts_with("|||||||") && state == In::Ours {
            state = In::Base;
        } else if bare == "=======" && matches!(state, In::Ours | In::Base) {
            state = In::Theirs;
        } else if bare.starts_with(">>>>>>>") {
            (state == In::Theirs).then_some(())?;
            state = In::Both;
        } else {
            match state {
                In::Both => {
                    ours += line;
                    theirs += line;
                }
                In::Ours => ours += line,
                In::Theirs => theirs += line,
                In::Base => {}
            }
        }
    }
    (state == In::Both).then_some((ours, theirs))
}

/// The conflicts left in a file whose sides cannot be read, one per marked block.
pub(super) fn unreadable(path: &Path, text: &str) -> Vec<Conflict> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("<<<<<<<") {
            start = Some(i + 1);
        } else if line.starts_with(">>>>>>>")
            && let Some(s) = start.take()
        {
            out.push(Conflict {
                path: path.to_path_buf(),
                line: s,
                what: What::Unreadable,
                words: format!(
                    "a git merge conflict is left in this file (lines {s}–{})",
                    i + 1
                ),
            });
        }
    }
    if let Some(s) = start {
        out.push(Conflict {
            path: path.to_path_buf(),
            line: s,
            what: What::Unreadable,
            words: "a git merge conflict starts here and never ends (no >>>>>>> line)".into(),
        });
    }
    out
}

/// Every conflict in the shared files of the project in `dir`.
pub fn find(dir: &Path) -> Result<Vec<Conflict>> {
    let mut out = super::codes::read_tree(dir)?.conflicts;
    out.extend(super::people::read_people(dir)?.conflicts);
    Ok(out)
}

/// Resolves `c` as `choice`, by `by`: writes the clean file(s).
pub fn resolve(dir: &Path, c: &Conflict, choice: Choice, by: &str) -> Result<()> {
    if !c.choices().contains(&choice) {
        return Err(Error::Refused(format!(
            "{}: cannot be resolved that way",
            c.path.display()
        )));
    }
    match (&c.what, choice) {
        (What::Code { ours, theirs }, _) => {
            let file = match choice {
                Choice::Ours => (**ours).clone(),
                Choice::Theirs => (**theirs).clone(),
                _ => both_codes(ours, theirs, by),
            };
            write_atomic(&code_path(dir, file.id), file.to_text()?.as_bytes())
        }
        (What::Participant { ours, theirs }, _) => {
            let file = match choice {
                Choice::Ours => (**ours).clone(),
                Choice::Theirs => (**theirs).clone(),
                _ => both_people(ours, theirs, by),
            };
            write_atomic(&participant_path(dir, file.id), file.to_text()?.as_bytes())
        }
        (What::Unplaced { code, .. }, Choice::Restore) => restore(dir, *code, false),
        (What::DeletedInUse { code }, _) => restore(dir, *code, true),
        (What::Unplaced { code, .. }, _) => {
            let tree = super::codes::read_tree(dir)?;
            let last = tree
                .codebook
                .roots
                .last()
                .and_then(|n| tree.records.get(&n.id));
            let key = order::between(last.map(|r| r.place.value.order.as_str()), None);
            let Some(r) = tree.records.get(code) else {
                return Ok(());
            };
            let mut file = CodeFile::of(*code, r);
            file.place = r.place.set(
                &Place {
                    parent: None,
                    order: key,
                },
                by,
            );
            write_atomic(&code_path(dir, *code), file.to_text()?.as_bytes())
        }
        (What::LabelTwice { a, b, label }, _) => {
            // The label stays with the chosen one and leaves the other.
            let lose = if choice == Choice::Ours { *b } else { *a };
            let people = super::people::read_people(dir)?;
            let Some(file) = people.files.get(&lose) else {
                return Ok(());
            };
            let mut file = file.clone();
            let kept: Vec<_> = file
                .labels
                .value
                .iter()
                .filter(|l| *l != label)
                .cloned()
                .collect();
            file.labels = file.labels.set(&kept, by);
            write_atomic(&participant_path(dir, lose), file.to_text()?.as_bytes())
        }
        (What::Unreadable, _) => Ok(()),
    }
}

/// Restores the deleted codes above `code` (and `code` itself, when `itself`): their
/// files lose the deletion mark.
fn restore(dir: &Path, code: CodeId, itself: bool) -> Result<()> {
    let tree = super::codes::read_tree(dir)?;
    let mut next = if itself {
        Some(code)
    } else {
        tree.records.get(&code).and_then(|r| r.place.value.parent)
    };
    let mut steps = 0;
    while let Some(id) = next {
        let Some(r) = tree.records.get(&id) else {
            break;
        };
        if r.deleted.is_some() {
            let mut file = CodeFile::of(id, r);
            file.deleted = None;
            write_atomic(&code_path(dir, id), file.to_text()?.as_bytes())?;
        }
        next = r.place.value.parent;
        steps += 1;
        if steps > 64 {
            break;
        }
    }
    Ok(())
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

fn joined(a: &Field<String>, b: &Field<String>, sep: &str, by: &str) -> Field<String> {
    if a.value == b.value || b.value.is_empty() {
        a.clone()
    } else if a.value.is_empty() {
        b.clone()
    } else {
        a.set(&format!("{}{sep}{}", a.value, b.value), by)
    }
}

fn both_codes(ours: &CodeFile, theirs: &CodeFile, by: &str) -> CodeFile {
    let mut f = ours.clone();
    f.name = joined(&ours.name, &theirs.name, " / ", by);
    f.description = joined(&ours.description, &theirs.description, "\n\n", by);
    // Kept unless both deleted it.
    f.deleted = ours.deleted.clone().and(theirs.deleted.clone());
    f
}

fn both_people(ours: &ParticipantFile, theirs: &ParticipantFile, by: &str) -> ParticipantFile {
    let mut f = ours.clone();
    f.name = joined(&ours.name, &theirs.name, " / ", by);
    f.role = joined(&ours.role, &theirs.role, " / ", by);
    f.group = joined(&ours.group, &theirs.group, " / ", by);
    f.focus_group = joined(&ours.focus_group, &theirs.focus_group, " / ", by);
    for (k, v) in &theirs.attributes {
        let merged = match ours.attributes.get(k) {
            Some(a) => joined(a, v, " / ", by),
            None => v.clone(),
        };
        f.attributes.insert(k.clone(), merged);
    }
    let mut labels = ours.labels.value.clone();
    for l in &theirs.labels.value {
        if !labels.contains(l) {
            labels.push(l.clone());
        }
    }
    f.labels = ours.labels.set(&labels, by);
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sides_of_a_conflict_are_read_in_either_marker_style() {
        let text = "a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> other\nd\n";
        assert_eq!(
            split_sides(text),
            Some(("a\nb\nd\n".into(), "a\nc\nd\n".into()))
        );
        let diff3 = "a\n<<<<<<< HEAD\nb\n||||||| base\nx\n=======\nc\n>>>>>>> other\nd\n";
        assert_eq!(split_sides(diff3), split_sides(text));
        assert_eq!(split_sides("a\n<<<<<<< HEAD\nb\n"), None);
    }
}
