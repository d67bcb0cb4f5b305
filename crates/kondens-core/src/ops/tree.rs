//! Changes to the code tree: make, rename, delete, merge and move codes (every
//! person's units follow a merge; a delete is refused under another person's units).

use super::Change;
use super::edits::{Edit, code_name, edit};
use crate::model::time::Stamp;
use crate::model::{CodeId, CodeNode, Location, MAX_DEPTH, MeaningUnit, Project};
use crate::{Error, Result};

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
