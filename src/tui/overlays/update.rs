//! The overlays: the code picker, prompts, questions and help.

use crate::model::CodeId;
use crate::ops;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effects::Effect;
use crate::tui::overlays::{Overlay, PickTarget, Picker, PromptKind, Question, text_field};
use crossterm::event::KeyEvent;

/// The actions the code picker acts on (typing filters).
pub const PICKER_HANDLES: &[Action] = &[
    Action::Confirm,
    Action::Down,
    Action::Up,
    Action::NewCodePlace,
];

/// The actions a text prompt acts on (typing edits).
pub const INPUT_HANDLES: &[Action] = &[Action::Confirm];

/// The actions a question acts on.
pub const CONFIRM_HANDLES: &[Action] = &[Action::Yes, Action::No];

/// The actions the help acts on.
pub const HELP_HANDLES: &[Action] = &[Action::Down, Action::Up, Action::PageDown, Action::PageUp];

impl App {
    pub(in crate::tui) fn open_picker(&mut self, target: PickTarget) {
        self.coding
            .recent
            .retain(|c| self.session.project().codebook.get(*c).is_some());
        let has = match &target {
            PickTarget::Unit(id) => self
                .session
                .project()
                .unit(self.session.coder(), *id)
                .map(|u| u.codes.clone())
                .unwrap_or_default(),
            PickTarget::Passage { .. }
            | PickTarget::ThemeSubgroup(_)
            | PickTarget::ThemeLink(_) => Vec::new(),
            PickTarget::Move { unit, .. } => self
                .session
                .project()
                .unit(self.session.coder(), *unit)
                .map(|u| u.codes.clone())
                .unwrap_or_default(),
        };
        // Moving a unit offers only the group's subgroups, numbered for one key.
        let only = match &target {
            PickTarget::Move { group, .. } => self
                .session
                .project()
                .codebook
                .get(*group)
                .map(|g| g.children.iter().map(|c| c.id).collect::<Vec<_>>()),
            // The code groups; for a link, their subgroups too.
            PickTarget::ThemeSubgroup(_) => Some(
                self.session
                    .project()
                    .codebook
                    .roots
                    .iter()
                    .map(|g| g.id)
                    .collect(),
            ),
            PickTarget::ThemeLink(_) => Some(
                self.session
                    .project()
                    .codebook
                    .roots
                    .iter()
                    .flat_map(|g| std::iter::once(g.id).chain(g.children.iter().map(|c| c.id)))
                    .collect(),
            ),
            _ => None,
        };
        let mut picker = Picker {
            target,
            input: text_field(""),
            items: Vec::new(),
            selected: 0,
            recent: only.clone().unwrap_or_else(|| self.coding.recent.clone()),
            has,
            only,
            new_parent: None,
            place: None,
        };
        // A new code goes under the group when moving, else under the tree's selection.
        let place = match &picker.target {
            PickTarget::Move { group, .. } => Some(*group),
            _ => self
                .coding
                .tree_sel
                .filter(|id| self.session.project().codebook.get(*id).is_some()),
        };
        picker.place = place;
        picker.new_parent = place;
        picker.refilter(&self.session.project().codebook);
        self.overlay = Some(Overlay::Picker(picker));
    }

    pub(in crate::tui) fn close_overlay(&mut self) {
        if let Some(Overlay::Prompt(p)) = &self.overlay {
            match p.kind {
                PromptKind::FilterTree => self.coding.tree_filter.clear(),
                // A note is writing, as in every other editor: Esc keeps it.
                PromptKind::UnitNote(id) => {
                    let value = p.input.lines().join(" ");
                    self.overlay = None;
                    let unchanged = self
                        .session
                        .project()
                        .unit(self.session.coder(), id)
                        .is_some_and(|u| u.note == value.trim_end());
                    if !unchanged {
                        self.submit_prompt(PromptKind::UnitNote(id), &value);
                    }
                    return;
                }
                // A participant's prompt goes back to the list.
                PromptKind::Participant(id, _) | PromptKind::ParticipantAttribute(id) => {
                    return self.back_to_participant(id);
                }
                _ => {}
            }
        }
        self.overlay = None;
    }

    pub(in crate::tui) fn overlay_action(&mut self, action: Action) {
        match self.overlay.as_mut() {
            Some(Overlay::Help { scroll }) => match action {
                Action::Down => *scroll += 1,
                Action::Up => *scroll = scroll.saturating_sub(1),
                Action::PageDown => *scroll += 10,
                Action::PageUp => *scroll = scroll.saturating_sub(10),
                _ => {}
            },
            Some(Overlay::Picker(p)) => match action {
                Action::NewCodePlace => {
                    p.new_parent = match p.new_parent {
                        Some(_) => None,
                        None => p.place,
                    }
                }
                Action::Down => p.selected = (p.selected + 1).min(p.items.len().saturating_sub(1)),
                Action::Up => p.selected = p.selected.saturating_sub(1),
                Action::Confirm => {
                    let choice = p.items.get(p.selected).copied();
                    let name = p.query().trim().to_string();
                    self.pick(choice, &name);
                }
                _ => {}
            },
            Some(Overlay::Prompt(p)) if action == Action::Confirm => {
                let kind = p.kind.clone();
                let value = p.input.lines().join(" ");
                self.overlay = None;
                self.submit_prompt(kind, &value);
            }
            Some(Overlay::Participants { .. }) => self.participants_action(action),
            Some(Overlay::Confirm { question, .. }) => {
                let q = question.clone();
                self.overlay = None;
                match (action, q) {
                    (Action::Yes, Question::DeleteCode(id)) => {
                        let rows = self.tree_rows();
                        let i = self.tree_index(&rows);
                        self.delete_code(id, i);
                    }
                    (Action::Yes, Question::DeleteUnit(id)) => self.delete_unit(id),
                    (Action::Yes, Question::LockPreconceptions) => self.lock_preconceptions(),
                    (Action::Yes, Question::MergeCodes(from, into)) => self.merge_codes(from, into),
                    (_, Question::MergeCodes(..)) => {
                        self.coding.merge_mark = None;
                        self.say("Not merged");
                    }
                    (_, Question::LockPreconceptions) => self.say("Not locked"),
                    _ => self.say("Nothing deleted"),
                }
            }
            _ => {}
        }
    }

    pub(in crate::tui) fn overlay_text(&mut self, ev: KeyEvent) {
        match self.overlay.as_mut() {
            Some(Overlay::Picker(p)) => {
                if let crossterm::event::KeyCode::Char(c @ '1'..='9') = ev.code
                    && p.query().is_empty()
                {
                    let n = c as usize - '1' as usize;
                    match p.recent.get(n).copied() {
                        Some(id) => self.pick(Some(id), ""),
                        None => self.complain(format!("No recent code number {c}")),
                    }
                    return;
                }
                p.input.input(ev);
                p.refilter(&self.session.project().codebook);
            }
            Some(Overlay::Prompt(p)) => {
                p.input.input(ev);
                if p.kind == PromptKind::FilterTree {
                    self.coding.tree_filter = p.input.lines().join(" ");
                    let rows = self.tree_rows();
                    if !rows.iter().any(|(_, id)| Some(*id) == self.coding.tree_sel) {
                        self.coding.tree_sel = rows.first().map(|(_, id)| *id);
                    }
                }
            }
            _ => {}
        }
    }

    /// Applies the picker's choice; with no choice, makes a code named `name` first.
    pub(in crate::tui) fn pick(&mut self, choice: Option<CodeId>, name: &str) {
        let Some(Overlay::Picker(p)) = self.overlay.take() else {
            return;
        };
        let (code, created) = match choice {
            Some(c) => (c, false),
            None if name.is_empty() => {
                self.complain("Type a code name, or choose one with ↓ ↑");
                self.overlay = Some(Overlay::Picker(p));
                return;
            }
            None if matches!(
                p.target,
                PickTarget::ThemeSubgroup(_) | PickTarget::ThemeLink(_)
            ) =>
            {
                self.complain("Choose one of the code groups listed (↓ ↑, or 1–9)");
                self.overlay = Some(Overlay::Picker(p));
                return;
            }
            None => {
                if !self.tree_writable() {
                    self.overlay = Some(Overlay::Picker(p));
                    return;
                }
                // Where the picker said it would go.
                let parent = p
                    .new_parent
                    .filter(|id| self.session.project().codebook.get(*id).is_some());
                match ops::new_code(self.session.project(), parent, name) {
                    Ok((e, id)) => {
                        if !self.perform(e) {
                            return;
                        }
                        (id, true)
                    }
                    Err(e) => {
                        self.complain(e.to_string());
                        return;
                    }
                }
            }
        };
        let edit = match &p.target {
            PickTarget::Passage { transcript, span } => ops::code_passage(
                self.session.project(),
                self.session.coder(),
                *transcript,
                span.clone(),
                code,
            ),
            PickTarget::Unit(id) => {
                ops::toggle_unit_code(self.session.project(), self.session.coder(), *id, code)
            }
            PickTarget::ThemeSubgroup(theme) => {
                if !self.tree_writable() {
                    return;
                }
                ops::theme_to_code(
                    self.session.project(),
                    self.session.coder(),
                    *theme,
                    Some(code),
                )
                .map(|(e, _)| e)
            }
            PickTarget::ThemeLink(theme) => {
                ops::link_theme(self.session.project(), self.session.coder(), *theme, code)
            }
            PickTarget::Move { unit, from, .. } => ops::move_to_subgroup(
                self.session.project(),
                self.session.coder(),
                *unit,
                *from,
                code,
            ),
        };
        let ok = match edit {
            Ok(e) => {
                let label = e.label.clone();
                let done = self.perform(e);
                if done && created {
                    let label = format!("{label} (new code)");
                    self.session.merge_last_two(label.clone());
                    self.say(label);
                }
                done
            }
            Err(e) => {
                self.complain(e.to_string());
                false
            }
        };
        if !ok && created {
            // Coding failed: take back the code made for it.
            let _ = self.session.undo();
        }
        if ok && matches!(p.target, PickTarget::Passage { .. } | PickTarget::Unit(_)) {
            let passage = matches!(p.target, PickTarget::Passage { .. });
            self.queue(Effect::Coded { code, passage });
        }
    }

    pub(in crate::tui) fn submit_prompt(&mut self, kind: PromptKind, value: &str) {
        let result = match kind {
            PromptKind::NewCode { parent } => ops::new_code(self.session.project(), parent, value)
                .map(|(e, id)| {
                    if self.perform(e) {
                        self.queue(Effect::SelectCode(id));
                    }
                }),
            PromptKind::NewTheme { at } => {
                ops::add_theme(self.session.project(), self.session.coder(), value, at).map(
                    |(e, _)| {
                        if self.perform(e) {
                            self.queue(Effect::SelectTheme(at));
                        }
                    },
                )
            }
            PromptKind::RenameTheme(id) => {
                ops::rename_theme(self.session.project(), self.session.coder(), id, value).map(
                    |e| {
                        self.perform(e);
                    },
                )
            }
            PromptKind::RenameCode(id) => {
                ops::rename_code(self.session.project(), id, value).map(|e| {
                    self.perform(e);
                })
            }
            PromptKind::UnitNote(id) => {
                ops::set_unit_note(self.session.project(), self.session.coder(), id, value).map(
                    |e| {
                        self.perform(e);
                    },
                )
            }
            PromptKind::SearchTranscript => {
                self.run_search(value);
                Ok(())
            }
            PromptKind::SearchPane => {
                self.pane_query_entered(value);
                Ok(())
            }
            PromptKind::SearchUnits => {
                self.coding.units_query = value.trim().to_string();
                if !self.coding.units_query.is_empty() {
                    let i = self.unit_index();
                    let hit = self
                        .shown_unit_id(i)
                        .is_some_and(|id| self.unit_matches(id, value.trim()));
                    if !hit {
                        self.next_unit_match(true);
                    }
                }
                Ok(())
            }
            PromptKind::FilterTree => Ok(()),
            kind @ (PromptKind::Participant(..) | PromptKind::ParticipantAttribute(_)) => {
                self.submit_participant(kind, value);
                Ok(())
            }
        };
        if let Err(e) = result {
            self.complain(e.to_string());
        }
    }
}
