//! Every change to a project, as data. Applying a [`Change`] returns its inverse, which
//! is what makes every edit undoable ([`History`]) and lets the store know which files
//! to write ([`Touched`], a set of [`FileRef`]s).

mod edits;
mod history;
mod participants;
mod review;
mod stc;
mod tree;

pub use edits::*;
pub use history::{History, Step};
pub use participants::*;
pub use review::*;
pub use stc::*;
pub use tree::*;

use crate::model::{
    Analysis, CodeId, CodeNode, Location, MAX_DEPTH, MeaningUnit, Participant, Project, Review,
    TextField, UnitId,
};
use crate::{Error, Result};

/// One change to the project. Each names whose file it writes (a unit change carries
/// the coder whose units it changes), so a change to another person's file can be said
/// and the session knows exactly which files to write. `Batch` groups changes that undo
/// as one step.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    InsertUnit {
        coder: String,
        unit: MeaningUnit,
    },
    RemoveUnit {
        coder: String,
        id: UnitId,
    },
    /// Replaces the unit with the same id.
    ReplaceUnit {
        coder: String,
        unit: MeaningUnit,
    },
    InsertCode {
        at: Location,
        node: CodeNode,
    },
    RemoveCode(CodeId),
    /// Sets a node's own fields; its children and place stay.
    EditCode {
        id: CodeId,
        name: String,
        description: String,
        colour: String,
    },
    /// Moves a node (with its subtree). `to.index` counts siblings without the node.
    MoveCode {
        id: CodeId,
        to: Location,
    },
    /// Replaces a coder's analysis (memos, themes, condensates, analytic texts) as a
    /// whole: it is small, and one value makes every edit of it undoable.
    SetAnalysis {
        coder: String,
        analysis: Box<Analysis>,
    },
    /// Sets one text of a coder's analysis: what the editor applies as it is typed
    /// (cheap at every keystroke; the visit is recorded as one `SetAnalysis` step).
    SetText {
        coder: String,
        field: TextField,
        text: String,
    },
    /// Replaces the stored participants as a whole.
    SetParticipants(Box<Vec<Participant>>),
    /// Replaces a person's comments and resolutions as a whole.
    SetReview {
        person: String,
        review: Box<Review>,
    },
    Batch(Vec<Change>),
}

/// One file of the project that a change writes.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileRef {
    /// `codebook.ron`, the shared code tree.
    Codebook,
    /// `participants.ron`.
    Participants,
    /// `units/<coder>.ron`.
    Units(String),
    /// `analysis/<coder>.ron`.
    Analysis(String),
    /// `reviews/<person>.ron`.
    Review(String),
}

impl FileRef {
    /// The person whose own file this is; `None` for the shared files.
    pub fn owner(&self) -> Option<&str> {
        match self {
            FileRef::Units(c) | FileRef::Analysis(c) | FileRef::Review(c) => Some(c),
            FileRef::Codebook | FileRef::Participants => None,
        }
    }
}

/// The set of files some changes write.
pub type Touched = std::collections::BTreeSet<FileRef>;

impl Change {
    /// The files this change writes.
    pub fn touched(&self) -> Touched {
        let mut out = Touched::new();
        self.touched_into(&mut out);
        out
    }

    fn touched_into(&self, out: &mut Touched) {
        match self {
            Change::InsertUnit { coder, .. }
            | Change::RemoveUnit { coder, .. }
            | Change::ReplaceUnit { coder, .. } => {
                out.insert(FileRef::Units(coder.clone()));
            }
            Change::SetAnalysis { coder, .. } | Change::SetText { coder, .. } => {
                out.insert(FileRef::Analysis(coder.clone()));
            }
            Change::SetParticipants(_) => {
                out.insert(FileRef::Participants);
            }
            Change::SetReview { person, .. } => {
                out.insert(FileRef::Review(person.clone()));
            }
            Change::Batch(all) => all.iter().for_each(|c| c.touched_into(out)),
            Change::InsertCode { .. }
            | Change::RemoveCode(_)
            | Change::EditCode { .. }
            | Change::MoveCode { .. } => {
                out.insert(FileRef::Codebook);
            }
        }
    }
}

fn refused(message: &str) -> Error {
    Error::Refused(message.into())
}

/// Applies `change` to the project and returns the change that undoes it. On error
/// nothing has changed.
pub fn apply(project: &mut Project, change: Change) -> Result<Change> {
    match change {
        Change::InsertUnit { coder, unit } => {
            if project.transcript(unit.transcript).is_none() {
                return Err(refused("that transcript is not in the project"));
            }
            let id = unit.id;
            if project.units_of(&coder).iter().any(|u| u.id == id) {
                return Err(refused("that meaning unit exists already"));
            }
            missing_code(&project.codebook, &unit.codes, &[])?;
            project.insert_unit(&coder, unit);
            Ok(Change::RemoveUnit { coder, id })
        }
        Change::RemoveUnit { coder, id } => {
            let (units, pos) = unit_slot(&mut project.units, &coder, id)?;
            let unit = units.remove(pos);
            if units.is_empty() {
                // No units and no list are one state (as after loading).
                project.units.remove(&coder);
            }
            Ok(Change::InsertUnit { coder, unit })
        }
        Change::ReplaceUnit { coder, unit } => {
            let codebook = &project.codebook;
            let (units, pos) = unit_slot(&mut project.units, &coder, unit.id)?;
            // A code it carried already may have vanished (kept, reported); a code it
            // gains must be in the tree.
            missing_code(codebook, &unit.codes, &units[pos].codes)?;
            let old =
                if units[pos].transcript == unit.transcript && units[pos].span() == unit.span() {
                    // Same place in the file order: replace where it stands.
                    std::mem::replace(&mut units[pos], unit)
                } else {
                    let old = units.remove(pos);
                    project.insert_unit(&coder, unit);
                    old
                };
            Ok(Change::ReplaceUnit { coder, unit: old })
        }
        Change::InsertCode { at, node } => {
            too_deep(project, at, &node)?;
            let id = node.id;
            project
                .codebook
                .insert(at, node)
                .map_err(|_| refused("the code cannot go there"))?;
            Ok(Change::RemoveCode(id))
        }
        Change::RemoveCode(id) => {
            // Nothing may point at a code that is gone: that would make the project
            // unreadable for everyone.
            if let Some(coder) = users_of_subtree(project, id) {
                return Err(Error::Refused(format!(
                    "{coder} has meaning units coded with that code or one below it"
                )));
            }
            let (at, node) = project
                .codebook
                .remove(id)
                .ok_or_else(|| refused("that code is gone"))?;
            Ok(Change::InsertCode { at, node })
        }
        Change::EditCode {
            id,
            name,
            description,
            colour,
        } => {
            let node = project
                .codebook
                .node_mut(id)
                .ok_or_else(|| refused("that code is gone"))?;
            let old = Change::EditCode {
                id,
                name: std::mem::replace(&mut node.name, name),
                description: std::mem::replace(&mut node.description, description),
                colour: std::mem::replace(&mut node.colour, colour),
            };
            Ok(old)
        }
        Change::MoveCode { id, to } => {
            if let Some(p) = to.parent
                && project.codebook.is_within(p, id)
            {
                return Err(refused("a code cannot move under itself"));
            }
            let (from, node) = project
                .codebook
                .remove(id)
                .ok_or_else(|| refused("that code is gone"))?;
            if let Err(e) = too_deep(project, to, &node) {
                let _ = project.codebook.insert(from, node);
                return Err(e);
            }
            match project.codebook.insert(to, node) {
                Ok(()) => {
                    project.records.moved.insert(id);
                    Ok(Change::MoveCode { id, to: from })
                }
                Err(node) => {
                    // Put it back where it was; the tree is as before.
                    let _ = project.codebook.insert(from, node);
                    Err(refused("the code cannot go there"))
                }
            }
        }
        Change::SetAnalysis { coder, analysis } => {
            let old = set_analysis(project, &coder, *analysis);
            Ok(Change::SetAnalysis {
                coder,
                analysis: Box::new(old.unwrap_or_default()),
            })
        }
        Change::SetText { coder, field, text } => {
            // Every keystroke in the editor: the one text is set in place (no copy or
            // tidying of the whole analysis; saving and loading tidy).
            if !project.analyses.contains_key(&coder) {
                project.analyses.insert(coder.clone(), Analysis::default());
            }
            let a = project
                .analyses
                .get_mut(&coder)
                .ok_or_else(|| refused("that text's place is gone"))?;
            let old = a.text(field).to_string();
            let placed = a.set_text(field, text);
            if *a == Analysis::default() {
                project.analyses.remove(&coder);
            }
            if !placed {
                return Err(refused("that text's place is gone"));
            }
            Ok(Change::SetText {
                coder,
                field,
                text: old,
            })
        }
        Change::SetParticipants(list) => Ok(Change::SetParticipants(Box::new(std::mem::replace(
            &mut project.participants,
            *list,
        )))),
        Change::SetReview { person, review } => {
            let old = if *review == Review::default() {
                project.reviews.remove(&person)
            } else {
                project.reviews.insert(person.clone(), *review)
            };
            Ok(Change::SetReview {
                person,
                review: Box::new(old.unwrap_or_default()),
            })
        }
        Change::Batch(changes) => {
            let mut inverses = Vec::with_capacity(changes.len());
            for c in changes {
                match apply(project, c) {
                    Ok(inv) => inverses.push(inv),
                    Err(e) => {
                        for inv in inverses.into_iter().rev() {
                            let _ = apply(project, inv);
                        }
                        return Err(e);
                    }
                }
            }
            inverses.reverse();
            Ok(Change::Batch(inverses))
        }
    }
}

/// A coder's unit list and the unit's place in it.
fn unit_slot<'a>(
    units: &'a mut std::collections::BTreeMap<String, Vec<MeaningUnit>>,
    coder: &str,
    id: UnitId,
) -> Result<(&'a mut Vec<MeaningUnit>, usize)> {
    let list = units
        .get_mut(coder)
        .ok_or_else(|| refused("that meaning unit is gone"))?;
    let pos = list
        .iter()
        .position(|u| u.id == id)
        .ok_or_else(|| refused("that meaning unit is gone"))?;
    Ok((list, pos))
}

/// Refuses codes a unit gains (those not in `had`) that are not in the tree.
fn missing_code(codebook: &crate::model::Codebook, codes: &[CodeId], had: &[CodeId]) -> Result<()> {
    match codes
        .iter()
        .find(|c| !had.contains(c) && codebook.get(**c).is_none())
    {
        Some(c) => Err(Error::Refused(format!(
            "code {c} is not in the code tree (deleted by someone else?)"
        ))),
        None => Ok(()),
    }
}

/// Refuses a place where the tree would grow deeper than [`MAX_DEPTH`] levels.
fn too_deep(project: &Project, at: Location, node: &CodeNode) -> Result<()> {
    if project.codebook.depth_at(at, node) > MAX_DEPTH {
        return Err(Error::Refused(format!(
            "the code tree can be at most {MAX_DEPTH} levels deep"
        )));
    }
    Ok(())
}

/// Sets a coder's analysis; an empty one is no entry at all (as after loading).
fn set_analysis(project: &mut Project, coder: &str, mut analysis: Analysis) -> Option<Analysis> {
    analysis.tidy();
    if analysis == Analysis::default() {
        project.analyses.remove(coder)
    } else {
        project.analyses.insert(coder.to_string(), analysis)
    }
}

/// A coder whose units carry `id` or a code below it, if any.
fn users_of_subtree(project: &Project, id: CodeId) -> Option<String> {
    let node = project.codebook.get(id)?;
    let mut ids = std::collections::HashSet::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        ids.insert(n.id);
        stack.extend(n.children.iter());
    }
    project
        .units
        .iter()
        .find(|(_, units)| {
            units
                .iter()
                .any(|u| u.codes.iter().any(|c| ids.contains(c)))
        })
        .map(|(coder, _)| coder.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Transcript, TranscriptId, UnitId, time::Stamp};

    fn unit(t: TranscriptId, start: usize) -> MeaningUnit {
        MeaningUnit {
            id: UnitId::new(),
            transcript: t,
            start,
            end: start + 1,
            codes: vec![],
            note: String::new(),
            created: Stamp(0),
            changed: Stamp(0),
        }
    }

    #[test]
    fn units_stay_in_file_order_through_inserts_moves_and_undo() {
        let mut p = Project::new("t", "q");
        let ids: Vec<TranscriptId> = (0..2).map(|_| TranscriptId::new()).collect();
        for (i, id) in ids.iter().enumerate() {
            p.transcripts.push(Transcript {
                id: *id,
                name: format!("t{i}"),
                source_file: String::new(),
                imported: format!("2026-01-0{}T00:00:00Z", i + 1),
                format: "txt".into(),
                encoding: "UTF-8".into(),
                text: "x".repeat(100),
                turns: vec![],
            });
        }
        let mut undo = Vec::new();
        for (t, start) in [(1, 5), (0, 50), (0, 7), (1, 1), (0, 7)] {
            undo.push(
                apply(
                    &mut p,
                    Change::InsertUnit {
                        coder: "c".into(),
                        unit: unit(ids[t], start),
                    },
                )
                .unwrap(),
            );
        }
        let sorted = |p: &Project| {
            let keys: Vec<_> = p
                .units_of("c")
                .iter()
                .map(|u| p.unit_order_key(u))
                .collect();
            keys.windows(2).all(|w| w[0] <= w[1])
        };
        assert!(sorted(&p));
        // Moving a unit's span re-places it; undo puts everything back.
        let mut moved = p.units_of("c")[0].clone();
        moved.start = 90;
        moved.end = 95;
        undo.push(
            apply(
                &mut p,
                Change::ReplaceUnit {
                    coder: "c".into(),
                    unit: moved,
                },
            )
            .unwrap(),
        );
        assert!(sorted(&p));
        for inv in undo.into_iter().rev() {
            apply(&mut p, inv).unwrap();
            assert!(sorted(&p));
        }
        assert!(p.units_of("c").is_empty());
    }
}
