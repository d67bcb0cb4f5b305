//! The edits a coder makes, turned into [`Change`]s with a label for the status line
//! and the undo message. They check the project but do not change it.

use super::Change;
use crate::model::time::Stamp;
use crate::model::{
    CodeId, CodeNode, Location, MAX_DEPTH, MeaningUnit, Project, TranscriptId, UnitId,
};
use crate::{Error, Result};
use std::ops::Range;

/// A change ready to perform, with what to call it.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub change: Change,
    pub label: String,
}

fn edit(change: Change, label: String) -> Edit {
    Edit { change, label }
}

fn code_name(project: &Project, id: CodeId) -> Result<&str> {
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

fn clean_name(name: &str) -> Result<String> {
    let (name, _) = crate::text::escape::replace_controls(name);
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Error::Refused("a code needs a name".into()));
    }
    Ok(name)
}

/// Makes a new code as the last child of `parent` (or at the top).
pub fn new_code(project: &Project, parent: Option<CodeId>, name: &str) -> Result<(Edit, CodeId)> {
    let name = clean_name(name)?;
    if let Some(p) = parent {
        code_name(project, p)?;
    }
    let node = CodeNode {
        id: CodeId::new(),
        name: name.clone(),
        description: String::new(),
        colour: project.codebook.next_colour(),
        children: Vec::new(),
    };
    let id = node.id;
    let at = Location {
        parent,
        index: project.codebook.child_count(parent),
    };
    Ok((
        edit(Change::InsertCode { at, node }, format!("New code {name}")),
        id,
    ))
}

/// Renames a code.
pub fn rename_code(project: &Project, id: CodeId, name: &str) -> Result<Edit> {
    let name = clean_name(name)?;
    let node = project
        .codebook
        .get(id)
        .ok_or_else(|| Error::Refused("that code is gone".into()))?;
    let label = format!("Renamed {} to {name}", node.name);
    Ok(edit(
        Change::EditCode {
            id,
            name,
            description: node.description.clone(),
            colour: node.colour.clone(),
        },
        label,
    ))
}

/// How many of this coder's units carry the code or a code below it.
pub fn units_within(project: &Project, coder: &str, id: CodeId) -> usize {
    let Some(node) = project.codebook.get(id) else {
        return 0;
    };
    let ids = project.codebook.subtree_ids(node);
    project
        .units_of(coder)
        .iter()
        .filter(|u| u.codes.iter().any(|c| ids.contains(c)))
        .count()
}

/// Deletes a code and everything below it, taking those codes off the coder's units
/// (the units stay). Refused when another coder's units use one of the codes, because
/// their file is theirs to change.
pub fn delete_code(project: &Project, coder: &str, id: CodeId) -> Result<Edit> {
    let node = project
        .codebook
        .get(id)
        .ok_or_else(|| Error::Refused("that code is gone".into()))?;
    let ids = project.codebook.subtree_ids(node);
    let uses = |u: &MeaningUnit| u.codes.iter().any(|c| ids.contains(c));
    for (other, units) in project.units.iter().filter(|(c, _)| c.as_str() != coder) {
        let n = units.iter().filter(|u| uses(u)).count();
        if n > 0 {
            return Err(Error::Refused(format!(
                "{} is used by {n} units of coder {other}; they must remove it first",
                node.name
            )));
        }
    }
    let now = Stamp::now();
    let mut changes: Vec<Change> = project
        .units_of(coder)
        .iter()
        .filter(|u| uses(u))
        .map(|u| {
            let mut u = u.clone();
            u.codes.retain(|c| !ids.contains(c));
            u.changed = now;
            Change::ReplaceUnit {
                coder: coder.to_string(),
                unit: u,
            }
        })
        .collect();
    changes.push(Change::RemoveCode(id));
    Ok(edit(
        Change::Batch(changes),
        format!("Deleted code {}", node.name),
    ))
}

/// How many units of each person carry `id` or a code below it.
pub fn uses_by_person(project: &Project, id: CodeId) -> Vec<(String, usize)> {
    let Some(node) = project.codebook.get(id) else {
        return Vec::new();
    };
    let ids = project.codebook.subtree_ids(node);
    project
        .units
        .iter()
        .map(|(coder, units)| {
            let n = units
                .iter()
                .filter(|u| u.codes.iter().any(|c| ids.contains(c)))
                .count();
            (coder.clone(), n)
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// Merges the code `from` into `into`: every person's units that carry `from` carry
/// `into` instead (once), `from`'s children become `into`'s last children, and `from`
/// is gone. One step, undone as one.
pub fn merge_codes(project: &Project, from: CodeId, into: CodeId) -> Result<Edit> {
    let book = &project.codebook;
    let (Some(src), Some(dst)) = (book.get(from), book.get(into)) else {
        return Err(Error::Refused("that code is gone".into()));
    };
    if from == into {
        return Err(Error::Refused("a code cannot be merged into itself".into()));
    }
    if book.is_within(into, from) {
        return Err(Error::Refused(format!(
            "{} lies below {}: merge it the other way round, or move it out first",
            dst.name, src.name
        )));
    }
    let mut changes = Vec::new();
    let base = book.child_count(Some(into));
    for (k, child) in src.children.iter().enumerate() {
        let to = Location {
            parent: Some(into),
            index: base + k,
        };
        if book.depth_at(to, child) > MAX_DEPTH {
            return Err(Error::Refused(format!(
                "the codes under {} would be more than {MAX_DEPTH} levels deep under {}",
                src.name, dst.name
            )));
        }
        changes.push(Change::MoveCode { id: child.id, to });
    }
    let now = Stamp::now();
    let mut units = 0;
    let mut people = 0;
    for (coder, list) in &project.units {
        let before = units;
        for u in list.iter().filter(|u| u.codes.contains(&from)) {
            let mut u = u.clone();
            let at = u.codes.iter().position(|c| *c == from).unwrap_or(0);
            u.codes.retain(|c| *c != from);
            if !u.codes.contains(&into) {
                u.codes.insert(at.min(u.codes.len()), into);
            }
            u.changed = now;
            changes.push(Change::ReplaceUnit {
                coder: coder.clone(),
                unit: u,
            });
            units += 1;
        }
        people += usize::from(units > before);
    }
    changes.push(Change::RemoveCode(from));
    Ok(edit(
        Change::Batch(changes),
        format!(
            "Merged {} into {} ({units} unit{} of {people} {})",
            src.name,
            dst.name,
            if units == 1 { "" } else { "s" },
            if people == 1 { "person" } else { "people" }
        ),
    ))
}

/// The ways a code can move in the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    /// Becomes the last child of the sibling above it.
    Indent,
    /// Becomes the sibling right after its parent.
    Outdent,
}

/// Moves a code; `Ok(None)` when it cannot move that way (already first, last, at the top).
pub fn move_code(project: &Project, id: CodeId, how: Move) -> Result<Option<Edit>> {
    let cb = &project.codebook;
    let name = code_name(project, id)?;
    let Some(loc) = cb.locate(id) else {
        return Ok(None);
    };
    let to = match how {
        Move::Up if loc.index > 0 => Location {
            parent: loc.parent,
            index: loc.index - 1,
        },
        Move::Down if loc.index + 1 < cb.child_count(loc.parent) => Location {
            parent: loc.parent,
            index: loc.index + 1,
        },
        Move::Indent if loc.index > 0 => {
            let Some(new_parent) = cb.child_at(loc.parent, loc.index - 1) else {
                return Ok(None);
            };
            Location {
                parent: Some(new_parent),
                index: cb.child_count(Some(new_parent)),
            }
        }
        Move::Outdent => {
            let Some(parent) = loc.parent else {
                return Ok(None);
            };
            let Some(ploc) = cb.locate(parent) else {
                return Ok(None);
            };
            Location {
                parent: ploc.parent,
                index: ploc.index + 1,
            }
        }
        _ => return Ok(None),
    };
    let verb = match how {
        Move::Up => "up",
        Move::Down => "down",
        Move::Indent => "in",
        Move::Outdent => "out",
    };
    Ok(Some(edit(
        Change::MoveCode { id, to },
        format!("Moved {name} {verb}"),
    )))
}
