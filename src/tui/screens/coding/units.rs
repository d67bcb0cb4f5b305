//! The meaning-units pane: moving through units, showing, coding, notes, deleting, search.

use crate::model::UnitId;
use crate::ops;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::overlays::{Overlay, PickTarget, PromptKind, Question};
use crate::tui::screens::coding::Pane;
use crate::tui::widgets::list::list_motion;

/// The actions the meaning-units pane acts on.
pub const HANDLES: &[Action] = &[
    Action::ShowUnit,
    Action::Code,
    Action::DeleteUnit,
    Action::EditNote,
    Action::Reshape,
    Action::Search,
    Action::SearchNext,
    Action::SearchPrev,
];

impl App {
    pub(in crate::tui) fn select_unit_at(&mut self, index: usize) {
        let last = self.shown_count().saturating_sub(1);
        if let Some(id) = self.shown_unit_id(index.min(last)) {
            self.coding.unit_sel = Some(id);
            self.reveal_unit(id);
        }
    }

    /// Index of the selected unit in the units list.
    pub fn unit_index(&mut self) -> usize {
        self.refresh_shown_units();
        self.shown_unit_index()
    }

    /// Index of the selected unit in the units list as last worked out (the layout step
    /// brings the list up to date before drawing).
    pub fn shown_unit_index(&self) -> usize {
        let units = self.session.project().units_of(self.session.coder());
        self.coding
            .unit_sel
            .and_then(|s| {
                self.shown_units()
                    .iter()
                    .position(|&p| units.get(p).is_some_and(|u| u.id == s))
            })
            .unwrap_or(0)
    }

    pub(in crate::tui) fn units_action(&mut self, action: Action) {
        let len = self.shown_count();
        let i = self.unit_index();
        let page = self.coding.list_heights.0.max(1);
        let target = list_motion(action, i, len, page);
        if let Some(to) = target {
            self.select_unit_at(to);
            return;
        }
        let selected = self.shown_unit_id(i);
        let Some(id) = selected else {
            if !matches!(
                action,
                Action::Search | Action::SearchNext | Action::SearchPrev
            ) {
                self.complain("No meaning unit selected");
                return;
            }
            return;
        };
        match action {
            Action::ShowUnit => {
                self.reveal_unit(id);
                self.coding.focus = Pane::Transcript;
            }
            Action::Code => self.open_picker(PickTarget::Unit(id)),
            Action::Reshape => self.begin_reshape(id),
            Action::DeleteUnit => {
                let project = self.session.project();
                let golden = ops::golden_quote_of(project, self.session.coder(), id);
                if golden.is_empty() {
                    return self.delete_unit(id);
                }
                let names: Vec<String> = golden
                    .iter()
                    .map(|g| project.codebook.path_label(*g))
                    .collect();
                self.overlay = Some(Overlay::Confirm {
                    question: Question::DeleteUnit(id),
                    text: format!(
                        "This unit is the golden quote ★ of {}. Delete it? The subgroup then \
                         has no golden quote until you choose another. (u undoes both)",
                        names.join(", ")
                    ),
                });
            }
            Action::EditNote => {
                let note = self
                    .session
                    .project()
                    .unit(self.session.coder(), id)
                    .map(|u| u.note.clone())
                    .unwrap_or_default();
                self.prompt(PromptKind::UnitNote(id), &note);
            }
            Action::Search => {
                self.prompt(PromptKind::SearchUnits, &self.coding.units_query.clone())
            }
            Action::SearchNext => self.next_unit_match(true),
            Action::SearchPrev => self.next_unit_match(false),
            _ => {}
        }
    }

    /// `b`: the unit's passage becomes the selection in its transcript; motions move its
    /// end (`o`-less: the start stays where `v` would have put it), `Enter` keeps the
    /// new boundaries, `Esc` keeps the old ones.
    fn begin_reshape(&mut self, id: UnitId) {
        let Some(u) = self
            .session
            .project()
            .unit(self.session.coder(), id)
            .cloned()
        else {
            return;
        };
        self.reveal_unit(id);
        let Some(t) = self.transcript() else { return };
        let last = crate::text::prev_grapheme(&t.text, u.end);
        self.coding.tv.anchor = Some(u.start);
        self.coding.tv.cursor = last.max(u.start);
        self.coding.reshaping = Some(id);
        self.coding.focus = Pane::Transcript;
        self.say("New boundaries: move to change the end (v then motions to start over), Enter keeps them, Esc keeps the old");
    }

    /// Deletes one of the coder's units (and, with it, its place as a golden quote) and
    /// keeps the selection where it was.
    pub(in crate::tui) fn delete_unit(&mut self, id: UnitId) {
        let i = self.unit_index();
        match ops::delete_unit(self.session.project(), self.session.coder(), id) {
            Ok(e) => {
                if self.perform(e) {
                    self.select_unit_at(i);
                }
            }
            Err(e) => self.complain(e.to_string()),
        }
    }

    pub(in crate::tui) fn unit_matches(&self, id: UnitId, q: &str) -> bool {
        let Some(u) = self.session.project().unit(self.session.coder(), id) else {
            return false;
        };
        let q = q.to_lowercase();
        self.session.project().quote(u).to_lowercase().contains(&q)
            || u.note.to_lowercase().contains(&q)
            || self
                .session
                .project()
                .speakers_of(u)
                .iter()
                .any(|s| s.to_lowercase().contains(&q))
            || u.codes.iter().any(|c| {
                self.session
                    .project()
                    .codebook
                    .get(*c)
                    .is_some_and(|n| n.name.to_lowercase().contains(&q))
            })
    }

    pub(in crate::tui) fn next_unit_match(&mut self, forward: bool) {
        let q = self.coding.units_query.clone();
        if q.is_empty() {
            self.complain("No search: press / to search");
            return;
        }
        let i = self.unit_index();
        let n = self.shown_count();
        let list: Vec<UnitId> = (0..n).filter_map(|k| self.shown_unit_id(k)).collect();
        let found = (1..=n)
            .map(|k| {
                if forward {
                    (i + k) % n
                } else {
                    (i + n * 2 - k) % n
                }
            })
            .find(|j| self.unit_matches(list[*j], &q));
        match found {
            Some(j) => {
                self.select_unit_at(j);
                self.say(format!("Unit {}/{n} matches {q:?}", j + 1));
            }
            None => self.complain(format!("No unit matches {q:?}")),
        }
    }
}
