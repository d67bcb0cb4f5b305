//! Undo and redo over [`Change`]s.

use super::{Change, Touched, apply};
use crate::Result;
use crate::model::Project;

/// One undoable step: what it was called and the change that reverses it.
#[derive(Clone, Debug)]
pub struct Step {
    pub label: String,
    pub inverse: Change,
}

/// The undo and redo stacks of one editing session.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// Applies a change and records it for undo. Returns the files it touched.
    pub fn perform(
        &mut self,
        project: &mut Project,
        change: Change,
        label: impl Into<String>,
    ) -> Result<Touched> {
        let touched = change.touched();
        let inverse = apply(project, change)?;
        self.undo.push(Step {
            label: label.into(),
            inverse,
        });
        self.redo.clear();
        Ok(touched)
    }

    /// Undoes the last step. Returns its label and the files touched, or `None` when
    /// there is nothing to undo.
    pub fn undo(&mut self, project: &mut Project) -> Option<Result<(String, Touched)>> {
        Self::swap(&mut self.undo, &mut self.redo, project)
    }

    /// Redoes the last undone step.
    pub fn redo(&mut self, project: &mut Project) -> Option<Result<(String, Touched)>> {
        Self::swap(&mut self.redo, &mut self.undo, project)
    }

    fn swap(
        from: &mut Vec<Step>,
        to: &mut Vec<Step>,
        project: &mut Project,
    ) -> Option<Result<(String, Touched)>> {
        let step = from.pop()?;
        let touched = step.inverse.touched();
        Some(match apply(project, step.inverse.clone()) {
            Ok(inverse) => {
                let label = step.label.clone();
                to.push(Step {
                    label: step.label,
                    inverse,
                });
                Ok((label, touched))
            }
            Err(e) => {
                from.push(step);
                Err(e)
            }
        })
    }

    /// Records a step whose change was already made (an editing visit, applied as the
    /// user typed); `inverse` takes it back.
    pub fn record(&mut self, label: impl Into<String>, inverse: Change) {
        self.undo.push(Step {
            label: label.into(),
            inverse,
        });
        self.redo.clear();
    }

    /// The change the next undo would apply, if any.
    pub fn next_undo(&self) -> Option<&Change> {
        self.undo.last().map(|s| &s.inverse)
    }

    /// The change the next redo would apply, if any.
    pub fn next_redo(&self) -> Option<&Change> {
        self.redo.last().map(|s| &s.inverse)
    }

    /// Joins the last two steps into one, so one undo takes back both (making a code
    /// and coding with it).
    pub fn merge_last_two(&mut self, label: impl Into<String>) {
        if self.undo.len() < 2 {
            return;
        }
        let second = self.undo.pop().expect("checked length");
        let first = self.undo.pop().expect("checked length");
        self.undo.push(Step {
            label: label.into(),
            inverse: Change::Batch(vec![second.inverse, first.inverse]),
        });
    }
}
