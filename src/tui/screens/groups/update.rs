//! Views 3 (Condensation) and 4 (Synthesis): the code-group list, the meaning units
//! lifted out of context, the golden quote, the heading and validation form, and
//! showing a unit in its transcript and coming back.

use crate::derived::stc::{self, GroupRow};
use crate::model::{MeaningUnit, TextField, UnitId};
use crate::ops;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effects::{Effect, Place};
use crate::tui::keymap::Scope;
use crate::tui::overlays::{PickTarget, PromptKind};
use crate::tui::screens::View;
use crate::tui::screens::groups::FormRow;
use crate::tui::widgets::list::list_motion;
use crate::tui::widgets::text_pane;

/// The actions the code-group list of views 3 and 4 acts on.
pub const GROUPS_HANDLES: &[Action] = &[
    Action::EditText,
    Action::NewCode,
    Action::RenameCode,
    Action::Search,
    Action::SearchNext,
    Action::SearchPrev,
];

/// The actions the lifted-out units of views 3 and 4 act on.
pub const LIFTED_HANDLES: &[Action] = &[
    Action::GoldenQuote,
    Action::MoreQuote,
    Action::Contradicts,
    Action::ShowUnit,
    Action::EditText,
    Action::FilterByCode,
    Action::MoveToSubgroup,
    Action::Code,
    Action::Search,
    Action::SearchNext,
    Action::SearchPrev,
];

/// The actions view 4's heading and validation form acts on.
pub const VALIDATION_HANDLES: &[Action] = &[
    Action::ToggleReread,
    Action::EditText,
    Action::Search,
    Action::SearchNext,
    Action::SearchPrev,
];

/// The actions a text pane (memo, condensate, analytic text) acts on, in views 1, 3 and 4.
pub const MEMO_HANDLES: &[Action] = &[
    Action::Down,
    Action::Up,
    Action::Top,
    Action::Bottom,
    Action::EditText,
    Action::LockPreconceptions,
    Action::Search,
    Action::SearchNext,
    Action::SearchPrev,
];

impl App {
    /// The selected row of the code-group list (the first when the selection is gone).
    pub fn selected_row(&self) -> Option<GroupRow> {
        let rows = stc::group_rows(self.session.project());
        self.groups
            .group_sel
            .and_then(|id| rows.iter().find(|r| r.id == id).copied())
            .or_else(|| rows.first().copied())
    }

    /// True when a code group (not a subgroup) is selected.
    pub fn group_selected(&self) -> bool {
        self.selected_row().is_some_and(|r| r.depth == 0)
    }

    /// The units the middle pane lists (see [`App::refresh_lifted`]).
    pub fn lifted_units(&mut self) -> Vec<&MeaningUnit> {
        self.refresh_lifted();
        let units = self.session.project().units_of(self.whose());
        self.lifted().iter().filter_map(|&p| units.get(p)).collect()
    }

    fn lifted_unit(&mut self) -> Option<UnitId> {
        self.refresh_lifted();
        let list = self.lifted();
        let pos = *list.get(self.groups.lifted_sel.min(list.len().saturating_sub(1)))?;
        self.session
            .project()
            .units_of(self.whose())
            .get(pos)
            .map(|u| u.id)
    }

    /// The rows of the view-4 form for a code group.
    pub fn form_rows(&self) -> Vec<FormRow> {
        let mut rows = vec![FormRow::Heading, FormRow::Note];
        rows.extend((0..self.session.project().transcripts.len()).map(FormRow::Transcript));
        rows
    }

    pub(in crate::tui) fn condense_action(&mut self, action: Action) {
        match self.scope() {
            Scope::Groups => self.groups_action(action),
            Scope::Lifted => self.lifted_action(action),
            Scope::Validation => self.form_action(action),
            _ if action == Action::EditText => self.edit_selected(),
            _ => {
                text_pane::scroll(&mut self.groups.scroll, action);
            }
        }
    }

    /// `e` on a row: the condensate (view 3) or analytic text (view 4) of a subgroup,
    /// the result heading of a code group (view 4).
    fn edit_selected(&mut self) {
        let Some(row) = self.selected_row() else {
            return self.complain("No code groups yet: make them in view 2 or from a theme");
        };
        let field = match (self.view, row.depth) {
            (View::Condensation, 1) => TextField::Condensate(row.id),
            (View::Synthesis, 1) => TextField::AnalyticText(row.id),
            (View::Synthesis, _) => TextField::ResultHeading(row.id),
            _ => {
                return self
                    .complain("Condensates are written per subgroup: choose a subgroup (j/k)");
            }
        };
        self.begin_edit(field);
    }

    /// Selects a row of the code-group list; the middle pane starts again at its top,
    /// unfiltered.
    pub(in crate::tui) fn select_group_row(&mut self, id: crate::model::CodeId) {
        let g = &mut self.groups;
        g.group_sel = Some(id);
        g.lifted_sel = 0;
        g.lifted_top = 0;
        g.form_sel = 0;
        g.scroll = 0;
        g.code_filter = None;
    }

    /// The codes below the selected row that the units of the middle pane carry, in
    /// tree order.
    pub fn codes_below_row(&mut self) -> Vec<crate::model::CodeId> {
        let Some(row) = self.selected_row() else {
            return Vec::new();
        };
        let saved = self.groups.code_filter.take();
        self.refresh_lifted();
        let project = self.session.project();
        let units = project.units_of(self.whose());
        let used: std::collections::HashSet<crate::model::CodeId> = self
            .lifted()
            .iter()
            .filter_map(|&p| units.get(p))
            .flat_map(|u| u.codes.iter().copied())
            .collect();
        let out = project
            .codebook
            .get(row.id)
            .map(|n| project.codebook.subtree_ids(n))
            .unwrap_or_default()
            .into_iter()
            .filter(|c| *c != row.id && used.contains(c))
            .collect();
        self.groups.code_filter = saved;
        out
    }

    /// `f`: shows only the units with the next code below the row, then all again.
    fn cycle_code_filter(&mut self) {
        let codes = self.codes_below_row();
        if codes.is_empty() {
            return self.complain("No codes below this row to filter by");
        }
        let next = match self.groups.code_filter {
            None => Some(codes[0]),
            Some(c) => codes
                .iter()
                .position(|x| *x == c)
                .and_then(|i| codes.get(i + 1))
                .copied(),
        };
        self.groups.code_filter = next;
        self.groups.lifted_sel = 0;
        self.groups.lifted_top = 0;
        match next {
            Some(c) => {
                let name = self.session.project().codebook.path_label(c);
                self.say(format!("Only the units coded {name} (f: the next code)"));
            }
            None => self.say("All the units again"),
        }
    }

    fn groups_action(&mut self, action: Action) {
        let rows = stc::group_rows(self.session.project());
        let i = self
            .selected_row()
            .and_then(|r| rows.iter().position(|x| x.id == r.id))
            .unwrap_or(0);
        if let Some(to) = list_motion(action, i, rows.len(), self.groups.list_heights.0.max(1)) {
            if let Some(r) = rows.get(to.min(rows.len().saturating_sub(1))) {
                self.select_group_row(r.id);
            }
            return;
        }
        match action {
            Action::EditText => self.edit_selected(),
            Action::NewCode if self.tree_writable() => {
                let parent = rows.get(i).map(|r| r.group);
                self.prompt(PromptKind::NewCode { parent }, "");
            }
            Action::RenameCode if self.tree_writable() => {
                if let Some(r) = rows.get(i)
                    && let Some(n) = self.session.project().codebook.get(r.id)
                {
                    let name = n.name.clone();
                    self.prompt(PromptKind::RenameCode(r.id), &name);
                }
            }
            _ => {}
        }
    }

    fn lifted_action(&mut self, action: Action) {
        self.refresh_lifted();
        let len = self.lifted().len();
        let i = self.groups.lifted_sel.min(len.saturating_sub(1));
        if let Some(to) = list_motion(action, i, len, self.groups.list_heights.1.max(1)) {
            self.groups.lifted_sel = to.min(len.saturating_sub(1));
            return;
        }
        if action == Action::EditText {
            return self.edit_selected();
        }
        if action == Action::FilterByCode {
            return self.cycle_code_filter();
        }
        let Some(unit) = self.lifted_unit() else {
            return self.complain("No meaning unit selected");
        };
        let Some(row) = self.selected_row() else {
            return;
        };
        let edit = match action {
            Action::ShowUnit => {
                let coder = self.whose().to_string();
                return self.queue(Effect::Show(Place::Unit { coder, id: unit }));
            }
            Action::MoveToSubgroup => {
                return self.open_picker(PickTarget::Move {
                    unit,
                    from: row.id,
                    group: row.group,
                });
            }
            Action::Code => return self.open_picker(PickTarget::Unit(unit)),
            Action::GoldenQuote if self.view == View::Condensation && row.depth == 1 => {
                ops::toggle_golden_quote(self.session.project(), self.session.coder(), row.id, unit)
            }
            Action::MoreQuote if self.view == View::Condensation && row.depth == 1 => {
                ops::toggle_more_quote(self.session.project(), self.session.coder(), row.id, unit)
            }
            Action::MoreQuote => {
                return self.complain(
                    "Quotes belong to a subgroup: choose one in view 3 (j/k on the left)",
                );
            }
            Action::GoldenQuote => {
                return self.complain(
                    "A golden quote belongs to a subgroup: choose one in view 3 (j/k on the left)",
                );
            }
            Action::Contradicts if self.view == View::Synthesis => ops::toggle_contradicting(
                self.session.project(),
                self.session.coder(),
                row.group,
                unit,
            ),
            Action::Contradicts => {
                return self.complain(
                    "Flagging units that contradict the synthesis is part of validation: \
                     press 4, choose the code group",
                );
            }
            _ => return,
        };
        match edit {
            Ok(e) => {
                self.perform(e);
            }
            Err(e) => self.complain(e.to_string()),
        }
    }

    fn form_action(&mut self, action: Action) {
        let rows = self.form_rows();
        let i = self.groups.form_sel.min(rows.len().saturating_sub(1));
        if let Some(to) = list_motion(action, i, rows.len(), 10) {
            self.groups.form_sel = to.min(rows.len().saturating_sub(1));
            return;
        }
        let Some(row) = self.selected_row() else {
            return;
        };
        let edit = match (rows.get(i), action) {
            (Some(FormRow::Heading), Action::EditText) => {
                return self.begin_edit(TextField::ResultHeading(row.group));
            }
            (Some(FormRow::Note), Action::EditText) => {
                return self.begin_edit(TextField::ValidationNote(row.group));
            }
            (Some(FormRow::Transcript(t)), Action::EditText | Action::ToggleReread) => {
                let Some(id) = self.session.project().transcripts.get(*t).map(|t| t.id) else {
                    return;
                };
                ops::toggle_reread(self.session.project(), self.session.coder(), row.group, id)
            }
            _ => return,
        };
        match edit {
            Ok(e) => {
                self.perform(e);
            }
            Err(e) => self.complain(e.to_string()),
        }
    }
}
