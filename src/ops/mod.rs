//! Every change to a project, as data. Applying a [`Change`] returns its inverse, which
//! is what makes every edit undoable ([`History`]) and lets the store know which files
//! to write ([`Touched`]).

mod edits;
mod history;
mod participants;
mod stc;

pub use edits::*;
pub use history::{History, Step};
pub use participants::*;
pub use stc::*;

use crate::model::{
    Analysis, CodeId, CodeNode, Location, MeaningUnit, Participant, Project, UnitId,
};
use crate::{Error, Result};

/// One change to the project. `Batch` groups changes that undo as one step.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    InsertUnit(MeaningUnit),
    RemoveUnit(UnitId),
    /// Replaces the unit with the same id.
    ReplaceUnit(MeaningUnit),
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
    /// Replaces the acting coder's analysis (memos, themes, condensates, analytic
    /// texts) as a whole: it is small, and one value makes every edit of it undoable.
    SetAnalysis(Box<Analysis>),
    /// Replaces the stored participants as a whole.
    SetParticipants(Box<Vec<Participant>>),
    Batch(Vec<Change>),
}

/// Which project files a change writes to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Touched {
    pub codebook: bool,
    pub units: bool,
    pub analysis: bool,
    pub participants: bool,
}

impl Touched {
    const NONE: Touched = Touched {
        codebook: false,
        units: false,
        analysis: false,
        participants: false,
    };
    /// `codebook.ron`.
    pub const CODEBOOK: Touched = Touched {
        codebook: true,
        ..Touched::NONE
    };
    /// The acting coder's units file.
    pub const UNITS: Touched = Touched {
        units: true,
        ..Touched::NONE
    };
    /// The acting coder's analysis file.
    pub const ANALYSIS: Touched = Touched {
        analysis: true,
        ..Touched::NONE
    };
    /// `participants.ron`.
    pub const PARTICIPANTS: Touched = Touched {
        participants: true,
        ..Touched::NONE
    };

    /// The union of two sets of files.
    pub fn with(self, other: Touched) -> Touched {
        Touched {
            codebook: self.codebook || other.codebook,
            units: self.units || other.units,
            analysis: self.analysis || other.analysis,
            participants: self.participants || other.participants,
        }
    }
}

impl Change {
    /// The files this change writes to (units means the acting coder's file).
    pub fn touched(&self) -> Touched {
        match self {
            Change::InsertUnit(_) | Change::RemoveUnit(_) | Change::ReplaceUnit(_) => {
                Touched::UNITS
            }
            Change::SetAnalysis(_) => Touched::ANALYSIS,
            Change::SetParticipants(_) => Touched::PARTICIPANTS,
            Change::Batch(all) => all
                .iter()
                .fold(Touched::default(), |acc, c| acc.with(c.touched())),
            _ => Touched::CODEBOOK,
        }
    }
}

/// Applies `change` to the project as `coder` and returns the change that undoes it.
/// On error nothing has changed.
pub fn apply(project: &mut Project, coder: &str, change: Change) -> Result<Change> {
    match change {
        Change::InsertUnit(unit) => {
            if project.transcript(unit.transcript).is_none() {
                return Err(Error::Refused(
                    "that transcript is not in the project".into(),
                ));
            }
            let id = unit.id;
            if project.units_of(coder).iter().any(|u| u.id == id) {
                return Err(Error::Refused("that meaning unit exists already".into()));
            }
            project.insert_unit(coder, unit);
            Ok(Change::RemoveUnit(id))
        }
        Change::RemoveUnit(id) => {
            let units = project.units.entry(coder.to_string()).or_default();
            let pos = units
                .iter()
                .position(|u| u.id == id)
                .ok_or_else(|| Error::Refused("that meaning unit is gone".into()))?;
            Ok(Change::InsertUnit(units.remove(pos)))
        }
        Change::ReplaceUnit(unit) => {
            let units = project.units.entry(coder.to_string()).or_default();
            let pos = units
                .iter()
                .position(|u| u.id == unit.id)
                .ok_or_else(|| Error::Refused("that meaning unit is gone".into()))?;
            if units[pos].transcript == unit.transcript && units[pos].span() == unit.span() {
                // Same place in the file order: replace where it stands.
                Ok(Change::ReplaceUnit(std::mem::replace(
                    &mut units[pos],
                    unit,
                )))
            } else {
                let old = units.remove(pos);
                project.insert_unit(coder, unit);
                Ok(Change::ReplaceUnit(old))
            }
        }
        Change::InsertCode { at, node } => {
            let id = node.id;
            project
                .codebook
                .insert(at, node)
                .map_err(|_| Error::Refused("the code cannot go there".into()))?;
            Ok(Change::RemoveCode(id))
        }
        Change::RemoveCode(id) => {
            let (at, node) = project
                .codebook
                .remove(id)
                .ok_or_else(|| Error::Refused("that code is gone".into()))?;
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
                .ok_or_else(|| Error::Refused("that code is gone".into()))?;
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
                return Err(Error::Refused("a code cannot move under itself".into()));
            }
            let (from, node) = project
                .codebook
                .remove(id)
                .ok_or_else(|| Error::Refused("that code is gone".into()))?;
            match project.codebook.insert(to, node) {
                Ok(()) => Ok(Change::MoveCode { id, to: from }),
                Err(node) => {
                    // Put it back where it was; the tree is as before.
                    let _ = project.codebook.insert(from, node);
                    Err(Error::Refused("the code cannot go there".into()))
                }
            }
        }
        Change::SetAnalysis(analysis) => {
            let old = project.analyses.insert(coder.to_string(), *analysis);
            Ok(Change::SetAnalysis(Box::new(old.unwrap_or_default())))
        }
        Change::SetParticipants(list) => Ok(Change::SetParticipants(Box::new(std::mem::replace(
            &mut project.participants,
            *list,
        )))),
        Change::Batch(changes) => {
            let mut inverses = Vec::with_capacity(changes.len());
            for c in changes {
                match apply(project, coder, c) {
                    Ok(inv) => inverses.push(inv),
                    Err(e) => {
                        for inv in inverses.into_iter().rev() {
                            let _ = apply(project, coder, inv);
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
            undo.push(apply(&mut p, "c", Change::InsertUnit(unit(ids[t], start))).unwrap());
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
        undo.push(apply(&mut p, "c", Change::ReplaceUnit(moved)).unwrap());
        assert!(sorted(&p));
        for inv in undo.into_iter().rev() {
            apply(&mut p, "c", inv).unwrap();
            assert!(sorted(&p));
        }
        assert!(p.units_of("c").is_empty());
    }
}
