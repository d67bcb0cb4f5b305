//! The edits a coder makes to meaning units — coding a passage, recoding, sorting into
//! subgroups, new boundaries, notes, deleting — turned into [`Change`]s with a label for
//! the status line and the undo message. They check the project but do not change it.
//! Code-tree edits are in `tree.rs`.

use super::Change;
use crate::model::time::Stamp;
use crate::model::{CodeId, MeaningUnit, Project, TranscriptId, UnitId};
use crate::{Error, Result};
use std::ops::Range;

/// A change ready to perform, with what to call it.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub change: Change,
    pub label: String,
}

pub(super) fn edit(change: Change, label: String) -> Edit {
    Edit { change, label }
}

pub(super) fn code_name(project: &Project, id: CodeId) -> Result<&str> {
    project
        .codebook
        .get(id)
        .map(|n| n.name.as_str())
        .ok_or_else(|| Error::Refused("that code is gone".into()))
}

/// Codes a passage. When the coder already has a unit with exactly this span, the code
/// is added to it; otherwise a new meaning unit is made.
pub fn code_passage(
    project: &Project,
    coder: &str,
    transcript: TranscriptId,
    span: Range<usize>,
    code: CodeId,
) -> Result<Edit> {
    let name = code_name(project, code)?;
    let t = project
        .transcript(transcript)
        .ok_or_else(|| Error::Refused("that transcript is not in the project".into()))?;
    let span = trim_span(&t.text, span);
    if span.is_empty() {
        return Err(Error::Refused("the selection holds no text".into()));
    }
    if let Some(existing) = project
        .units_of(coder)
        .iter()
        .find(|u| u.transcript == transcript && u.span() == span)
    {
        if existing.codes.contains(&code) {
            return Err(Error::Refused(format!(
                "that passage is coded as {name} already"
            )));
        }
        let mut unit = existing.clone();
        unit.codes.push(code);
        unit.changed = Stamp::now();
        return Ok(edit(
            Change::ReplaceUnit {
                coder: coder.to_string(),
                unit,
            },
            format!("Coded 1 unit as {name}"),
        ));
    }
    let now = Stamp::now();
    let unit = MeaningUnit {
        id: UnitId::new(),
        transcript,
        start: span.start,
        end: span.end,
        codes: vec![code],
        note: String::new(),
        created: now,
        changed: now,
    };
    Ok(edit(
        Change::InsertUnit {
            coder: coder.to_string(),
            unit,
        },
        format!("Coded 1 unit as {name}"),
    ))
}

/// Narrows a span to leave out whitespace at its ends, and keeps it on char boundaries.
pub fn trim_span(text: &str, span: Range<usize>) -> Range<usize> {
    let end = span.end.min(text.len());
    let start = span.start.min(end);
    let (Some(slice), true) = (text.get(start..end), text.is_char_boundary(start)) else {
        return start..start;
    };
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    (start + lead)..(start + lead + trimmed.len())
}

/// Adds the code to the unit, or takes it off when the unit has it.
pub fn toggle_unit_code(
    project: &Project,
    coder: &str,
    unit: UnitId,
    code: CodeId,
) -> Result<Edit> {
    let name = code_name(project, code)?.to_string();
    let mut u = find_unit(project, coder, unit)?.clone();
    let label = if let Some(pos) = u.codes.iter().position(|c| *c == code) {
        u.codes.remove(pos);
        format!("Removed {name} from 1 unit")
    } else {
        u.codes.push(code);
        format!("Coded 1 unit as {name}")
    };
    u.changed = Stamp::now();
    Ok(edit(
        Change::ReplaceUnit {
            coder: coder.to_string(),
            unit: u,
        },
        label,
    ))
}

/// Moves a unit from `from` (a subgroup, or the code group itself for a unit in no
/// subgroup yet) to the subgroup `to`: the codes it carries at or below `from` give way
/// to `to`, its other codes stay. Sorting units in view 3.
pub fn move_to_subgroup(
    project: &Project,
    coder: &str,
    unit: UnitId,
    from: CodeId,
    to: CodeId,
) -> Result<Edit> {
    let to_name = code_name(project, to)?.to_string();
    let from_node = project
        .codebook
        .get(from)
        .ok_or_else(|| Error::Refused("that subgroup is gone".into()))?;
    if from == to {
        return Err(Error::Refused(format!("the unit is in {to_name} already")));
    }
    // A code group's own code gives way alone: its subgroups are other units' homes.
    let leaving: Vec<CodeId> = if project.codebook.roots.iter().any(|r| r.id == from) {
        vec![from]
    } else {
        project.codebook.subtree_ids(from_node)
    };
    let mut u = find_unit(project, coder, unit)?.clone();
    let before = u.codes.len();
    u.codes.retain(|c| !leaving.contains(c));
    let left = before - u.codes.len();
    if !u.codes.contains(&to) {
        u.codes.push(to);
    }
    u.changed = Stamp::now();
    let label = if left == 0 {
        format!("Put 1 unit in {to_name}")
    } else {
        format!("Moved 1 unit from {} to {to_name}", from_node.name)
    };
    Ok(edit(
        Change::ReplaceUnit {
            coder: coder.to_string(),
            unit: u,
        },
        label,
    ))
}

/// Gives a unit new boundaries in its transcript (its codes and note stay).
pub fn set_unit_span(
    project: &Project,
    coder: &str,
    unit: UnitId,
    transcript: TranscriptId,
    span: Range<usize>,
) -> Result<Edit> {
    let mut u = find_unit(project, coder, unit)?.clone();
    if u.transcript != transcript {
        return Err(Error::Refused(
            "a unit stays in its transcript: choose its new boundaries there".into(),
        ));
    }
    let t = project
        .transcript(transcript)
        .ok_or_else(|| Error::Refused("that transcript is not in the project".into()))?;
    let span = trim_span(&t.text, span);
    if span.is_empty() {
        return Err(Error::Refused("the selection holds no text".into()));
    }
    if span == u.span() {
        return Err(Error::Refused("the boundaries are as they were".into()));
    }
    u.start = span.start;
    u.end = span.end;
    u.changed = Stamp::now();
    Ok(edit(
        Change::ReplaceUnit {
            coder: coder.to_string(),
            unit: u,
        },
        "Changed the boundaries of 1 unit".into(),
    ))
}

fn find_unit<'a>(project: &'a Project, coder: &str, id: UnitId) -> Result<&'a MeaningUnit> {
    project
        .unit(coder, id)
        .ok_or_else(|| Error::Refused("that meaning unit is gone".into()))
}

/// Deletes a meaning unit. A unit that is a subgroup's golden quote stops being it in
/// the same step (one undo brings both back), so no analysis keeps a quote that is gone.
pub fn delete_unit(project: &Project, coder: &str, unit: UnitId) -> Result<Edit> {
    find_unit(project, coder, unit)?;
    let remove = Change::RemoveUnit {
        coder: coder.to_string(),
        id: unit,
    };
    let golden = golden_quote_of(project, coder, unit);
    let quoted = project
        .analysis_of(coder)
        .subgroups
        .values()
        .any(|s| s.more_quotes.contains(&unit));
    if golden.is_empty() && !quoted {
        return Ok(edit(remove, "Deleted 1 meaning unit".into()));
    }
    let names: Vec<&str> = golden
        .iter()
        .filter_map(|id| project.codebook.get(*id).map(|n| n.name.as_str()))
        .collect();
    let mut a = project.analysis_of(coder).clone();
    for id in &golden {
        if let Some(s) = a.subgroups.get_mut(id) {
            s.golden_quote = None;
        }
    }
    for s in a.subgroups.values_mut() {
        s.more_quotes.retain(|u| *u != unit);
    }
    if golden.is_empty() {
        return Ok(edit(
            Change::Batch(vec![
                Change::SetAnalysis {
                    coder: coder.to_string(),
                    analysis: Box::new(a),
                },
                remove,
            ]),
            "Deleted 1 meaning unit (a quote of the results)".into(),
        ));
    }
    let clear = Change::SetAnalysis {
        coder: coder.to_string(),
        analysis: Box::new(a),
    };
    Ok(edit(
        Change::Batch(vec![clear, remove]),
        format!(
            "Deleted 1 meaning unit, the golden quote of {}",
            names.join(", ")
        ),
    ))
}

/// The subgroups whose golden quote (in `coder`'s analysis) is `unit`.
pub fn golden_quote_of(project: &Project, coder: &str, unit: UnitId) -> Vec<CodeId> {
    project
        .analysis_of(coder)
        .subgroups
        .iter()
        .filter(|(_, s)| s.golden_quote == Some(unit))
        .map(|(id, _)| *id)
        .collect()
}

/// Sets a unit's note.
pub fn set_unit_note(project: &Project, coder: &str, unit: UnitId, note: &str) -> Result<Edit> {
    let mut u = find_unit(project, coder, unit)?.clone();
    u.note = note.trim_end().to_string();
    u.changed = Stamp::now();
    Ok(edit(
        Change::ReplaceUnit {
            coder: coder.to_string(),
            unit: u,
        },
        "Changed the note of 1 unit".into(),
    ))
}
