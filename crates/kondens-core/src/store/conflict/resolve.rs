//! Resolving a conflict: the choice made, written as a clean file.

use super::{Choice, Conflict, What};
use crate::model::CodeId;
use crate::model::records::{CodeRecord, Field, ParticipantRecord, Place};
use crate::store::codes::write_code;
use crate::store::order;
use crate::store::participants::write_participant;
use crate::{Error, Result};
use std::path::Path;

/// Resolves `c` as `choice`, by `by`: writes the clean file(s).
pub fn resolve(dir: &Path, c: &Conflict, choice: Choice, by: &str) -> Result<()> {
    if !c.choices().contains(&choice) {
        return Err(Error::Refused(format!(
            "{}: cannot be resolved that way",
            c.path.display()
        )));
    }
    match (&c.what, choice) {
        (What::Code { ours, theirs }, _) => write_code(
            dir,
            &pick(choice, ours, theirs, || both_codes(ours, theirs, by)),
        ),
        (What::Participant { ours, theirs }, _) => write_participant(
            dir,
            &pick(choice, ours, theirs, || both_people(ours, theirs, by)),
        ),
        (What::Unplaced { code, .. }, Choice::Restore) => restore(dir, *code, false),
        (What::DeletedInUse { code }, _) => restore(dir, *code, true),
        (What::Unplaced { code, .. }, _) => {
            let tree = crate::store::codes::read_tree(dir)?;
            let last = tree
                .codebook
                .roots
                .last()
                .and_then(|n| tree.records.get(&n.id));
            let key = order::between(last.map(|r| r.place.value.order.as_str()), None);
            let Some(r) = tree.records.get(code) else {
                return Ok(());
            };
            let mut file = r.clone();
            file.place = r.place.set(
                &Place {
                    parent: None,
                    order: key,
                },
                by,
            );
            write_code(dir, &file)
        }
        (What::LabelTwice { a, b, label }, _) => {
            // The label stays with the chosen one and leaves the other.
            let lose = if choice == Choice::Ours { *b } else { *a };
            let people = crate::store::participants::read_participants(dir)?;
            let Some(file) = people.records.get(&lose) else {
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
            write_participant(dir, &file)
        }
        (What::Unreadable, _) => Ok(()),
    }
}

/// Restores the deleted codes above `code` (and `code` itself, when `itself`): their
/// files lose the deletion mark.
fn restore(dir: &Path, code: CodeId, itself: bool) -> Result<()> {
    let tree = crate::store::codes::read_tree(dir)?;
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
            let mut file = r.clone();
            file.deleted = None;
            write_code(dir, &file)?;
        }
        next = r.place.value.parent;
        steps += 1;
        if steps > 64 {
            break;
        }
    }
    Ok(())
}

/// Mine, the pulled one, or both as `both` makes them.
fn pick<T: Clone>(choice: Choice, ours: &T, theirs: &T, both: impl FnOnce() -> T) -> T {
    match choice {
        Choice::Ours => ours.clone(),
        Choice::Theirs => theirs.clone(),
        _ => both(),
    }
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

fn both_codes(ours: &CodeRecord, theirs: &CodeRecord, by: &str) -> CodeRecord {
    let mut f = ours.clone();
    f.name = joined(&ours.name, &theirs.name, " / ", by);
    f.description = joined(&ours.description, &theirs.description, "\n\n", by);
    // Kept unless both deleted it.
    f.deleted = ours.deleted.clone().and(theirs.deleted.clone());
    f
}

fn both_people(
    ours: &ParticipantRecord,
    theirs: &ParticipantRecord,
    by: &str,
) -> ParticipantRecord {
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
