//! The code-tree pane: moving, making, renaming, deleting, moving codes, filtering.

use crate::model::CodeId;
use crate::ops::{self, Move};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::overlays::{Overlay, PromptKind, Question};
use crate::tui::widgets::list::list_motion;

/// The actions the code tree acts on.
pub const HANDLES: &[Action] = &[
    Action::NewCode,
    Action::RenameCode,
    Action::DeleteCode,
    Action::MoveCodeDown,
    Action::MoveCodeUp,
    Action::Outdent,
    Action::Indent,
    Action::Filter,
    Action::FilterTree,
    Action::MergeCode,
    Action::Fold,
];

impl App {
    /// Index of the selected code among the tree rows.
    pub fn tree_index(&self, rows: &[(usize, CodeId)]) -> usize {
        self.coding
            .tree_sel
            .and_then(|s| rows.iter().position(|(_, id)| *id == s))
            .unwrap_or(0)
    }

    /// `m`: marks a code to merge; `m` on another asks to merge the marked one into it.
    fn merge_key(&mut self, id: CodeId) {
        let Some(from) = self.coding.merge_mark else {
            self.coding.merge_mark = Some(id);
            let keys = self
                .keymap
                .keys_for(crate::tui::keymap::Scope::Tree, Action::MergeCode);
            return self.say(format!(
                "Marked to merge: {keys} on the code it becomes (Esc forgets the mark)"
            ));
        };
        if from == id {
            self.coding.merge_mark = None;
            return self.say("Not merging");
        }
        if !self.tree_writable() {
            return;
        }
        let project = self.session.project();
        if let Err(e) = ops::merge_codes(project, from, id) {
            return self.complain(e.to_string());
        }
        let name = |c: CodeId| project.codebook.path_label(c);
        let uses = ops::uses_by_person(project, from);
        let whose = if uses.is_empty() {
            "no meaning units carry it".to_string()
        } else {
            uses.iter()
                .map(|(c, n)| format!("{c}: {n} unit{}", if *n == 1 { "" } else { "s" }))
                .collect::<Vec<_>>()
                .join(", ")
        };
        self.overlay = Some(Overlay::Confirm {
            question: Question::MergeCodes(from, id),
            text: format!(
                "Merge {} into {}? Every person's units follow ({whose}); its codes below \
                 move with it. (u undoes)",
                name(from),
                name(id)
            ),
        });
    }

    /// The merge was confirmed.
    pub(in crate::tui) fn merge_codes(&mut self, from: CodeId, into: CodeId) {
        self.coding.merge_mark = None;
        match ops::merge_codes(self.session.project(), from, into) {
            Ok(e) => {
                if self.perform(e) {
                    self.coding.tree_sel = Some(into);
                    if self.coding.unit_filter == Some(from) {
                        self.coding.unit_filter = Some(into);
                    }
                }
            }
            Err(e) => self.complain(e.to_string()),
        }
    }

    pub(in crate::tui) fn tree_action(&mut self, action: Action) {
        let rows = self.tree_rows();
        let i = self.tree_index(&rows);
        let page = self.coding.list_heights.1.max(1);
        let target = list_motion(action, i, rows.len(), page);
        if let Some(to) = target {
            if let Some((_, id)) = rows.get(to.min(rows.len().saturating_sub(1))) {
                self.coding.tree_sel = Some(*id);
            }
            return;
        }
        let selected = rows.get(i).map(|(_, id)| *id);
        let edits_tree = matches!(
            action,
            Action::NewCode
                | Action::RenameCode
                | Action::DeleteCode
                | Action::MoveCodeDown
                | Action::MoveCodeUp
                | Action::Indent
                | Action::Outdent
        );
        if edits_tree && !self.tree_writable() {
            return;
        }
        match (action, selected) {
            (Action::NewCode, parent) => self.prompt(PromptKind::NewCode { parent }, ""),
            (Action::Fold, Some(id)) if !self.coding.folded.remove(&id) => {
                self.coding.folded.insert(id);
            }
            (Action::Fold, Some(_)) => {}
            (Action::MergeCode, Some(id)) => self.merge_key(id),
            (Action::FilterTree, _) => {
                let f = self.coding.tree_filter.clone();
                self.prompt(PromptKind::FilterTree, &f);
            }
            (_, None) => self.complain("The code tree is empty: n makes a code"),
            (Action::RenameCode, Some(id)) => {
                let name = self
                    .session
                    .project()
                    .codebook
                    .get(id)
                    .map(|n| n.name.clone())
                    .unwrap_or_default();
                self.prompt(PromptKind::RenameCode(id), &name);
            }
            (Action::DeleteCode, Some(id)) => {
                // Others' work as it is on disk now, so the question is true.
                if let Err(e) = self.session.reload_others() {
                    return self.complain(e.to_string());
                }
                let me = self.session.coder().to_string();
                let others: Vec<String> = ops::uses_by_person(self.session.project(), id)
                    .into_iter()
                    .filter(|(c, _)| *c != me)
                    .map(|(c, n)| format!("{c} ({n} unit{})", if n == 1 { "" } else { "s" }))
                    .collect();
                if !others.is_empty() {
                    let name = self.session.project().codebook.path_label(id);
                    let merge = self
                        .keymap
                        .keys_for(crate::tui::keymap::Scope::Tree, Action::MergeCode);
                    return self.complain(format!(
                        "{name} is used by {}: it cannot be deleted under their units. They can \
                         take it off, or merge it into another code ({merge} … {merge}), which \
                         every person's units follow",
                        others.join(", ")
                    ));
                }
                let n = ops::units_within(self.session.project(), self.session.coder(), id);
                if n == 0 {
                    self.delete_code(id, i);
                } else {
                    let name = self.session.project().codebook.path_label(id);
                    self.overlay = Some(Overlay::Confirm {
                        question: Question::DeleteCode(id),
                        text: format!(
                            "Delete {name} and everything under it? {n} meaning unit(s) lose \
                             the code; the units stay. (u undoes)"
                        ),
                    });
                }
            }
            (
                Action::MoveCodeDown | Action::MoveCodeUp | Action::Indent | Action::Outdent,
                Some(id),
            ) => {
                let how = match action {
                    Action::MoveCodeDown => Move::Down,
                    Action::MoveCodeUp => Move::Up,
                    Action::Indent => Move::Indent,
                    _ => Move::Outdent,
                };
                match ops::move_code(self.session.project(), id, how) {
                    Ok(Some(e)) => {
                        self.perform(e);
                    }
                    Ok(None) => self.say("It cannot move that way"),
                    Err(e) => self.complain(e.to_string()),
                }
            }
            (Action::Filter, Some(id)) => {
                if self.coding.unit_filter == Some(id) {
                    self.coding.unit_filter = None;
                    self.say("Filter cleared: the units of this transcript");
                } else {
                    self.coding.unit_filter = Some(id);
                    self.coding.unit_sel = None;
                    let name = self.session.project().codebook.path_label(id);
                    self.say(format!(
                        "Units pane: the units coded {name} (Enter again clears)"
                    ));
                }
            }
            _ => {}
        }
    }

    pub(in crate::tui) fn delete_code(&mut self, id: CodeId, index: usize) {
        // Other coders may have used the code since the project was opened.
        if let Err(e) = self.session.reload_others() {
            self.complain(format!("Cannot check the other coders' units: {e}"));
            return;
        }
        match ops::delete_code(self.session.project(), self.session.coder(), id) {
            Ok(e) => {
                if self.perform(e) {
                    if self
                        .coding
                        .unit_filter
                        .is_some_and(|f| self.session.project().codebook.get(f).is_none())
                    {
                        self.coding.unit_filter = None;
                    }
                    let rows = self.tree_rows();
                    self.coding.tree_sel = rows
                        .get(index.min(rows.len().saturating_sub(1)))
                        .map(|(_, id)| *id);
                }
            }
            Err(e) => self.complain(e.to_string()),
        }
    }
}
