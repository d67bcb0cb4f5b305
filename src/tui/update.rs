//! What each action does in each pane and overlay.

use super::action::Action;
use super::app::{App, Pane, Search};
use super::overlay::{Overlay, PickTarget, Picker, PromptKind, Question, text_field};
use crate::model::{CodeId, UnitId};
use crate::ops::{self, Move};
use crate::text;
use crossterm::event::KeyEvent;

/// Where a list motion takes the selection from row `i` of `len` (`page` rows shown),
/// or `None` when the action is not a motion.
fn list_motion(action: Action, i: usize, len: usize, page: usize) -> Option<usize> {
    Some(match action {
        Action::Down => i + 1,
        Action::Up => i.saturating_sub(1),
        Action::Top => 0,
        Action::Bottom => len.saturating_sub(1),
        Action::HalfPageDown => i + page / 2,
        Action::HalfPageUp => i.saturating_sub(page / 2),
        Action::PageDown => i + page,
        Action::PageUp => i.saturating_sub(page),
        _ => return None,
    })
}

/// How many codes the picker offers by number.
const RECENT: usize = 9;

impl App {
    pub(super) fn transcript_action(&mut self, action: Action) {
        let Some(t) = self.project.transcripts.get(self.tv.idx) else {
            if matches!(action, Action::Code | Action::Select | Action::SelectTurn) {
                self.complain("No transcript yet: add one with `kondens import DIR FILE`");
            }
            return;
        };
        let tv = &mut self.tv;
        let half = (tv.height / 2).max(1) as isize;
        let page = tv.height.saturating_sub(2).max(1) as isize;
        match action {
            Action::Down => tv.move_rows(t, 1),
            Action::Up => tv.move_rows(t, -1),
            Action::Left => tv.move_char(t, false),
            Action::Right => tv.move_char(t, true),
            Action::WordNext => tv.move_word(t, true),
            Action::WordPrev => tv.move_word(t, false),
            Action::WordEnd => tv.move_word_end(t),
            Action::TurnNext => tv.move_turn(t, true),
            Action::TurnPrev => tv.move_turn(t, false),
            Action::Top => tv.move_end(t, false),
            Action::Bottom => tv.move_end(t, true),
            Action::HalfPageDown => tv.move_rows(t, half),
            Action::HalfPageUp => tv.move_rows(t, -half),
            Action::PageDown => tv.move_rows(t, page),
            Action::PageUp => tv.move_rows(t, -page),
            Action::TranscriptNext | Action::TranscriptPrev => {
                let n = self.project.transcripts.len();
                let next = if action == Action::TranscriptNext {
                    (self.tv.idx + 1) % n
                } else {
                    (self.tv.idx + n - 1) % n
                };
                self.show_transcript(next);
                let name = self.project.transcripts[next].name.clone();
                self.say(format!("Transcript {}/{n}: {name}", next + 1));
            }
            // `v` with a selection ends it (the guard takes the anchor away).
            Action::Select if tv.anchor.take().is_none() => {
                tv.anchor = Some(tv.cursor);
                self.say("Selecting: move to extend, then a or Enter to code it");
            }
            Action::SelectTurn => tv.select_turn(t),
            Action::Code => match tv.selection(t) {
                Some(span) => {
                    let target = PickTarget::Passage {
                        transcript: t.id,
                        span,
                    };
                    self.open_picker(target);
                }
                None => self
                    .complain("Select a passage first: v starts a selection, V selects the turn"),
            },
            Action::Search => self.prompt(PromptKind::SearchTranscript, ""),
            Action::SearchNext => self.next_match(true),
            Action::SearchPrev => self.next_match(false),
            _ => {}
        }
    }

    /// Shows transcript `idx` where it was left.
    pub fn show_transcript(&mut self, idx: usize) {
        if let Some(t) = self.project.transcripts.get(idx)
            && idx != self.tv.idx
        {
            self.tv.switch_to(idx, t);
        }
    }

    /// Shows a unit in its transcript (switching transcript when needed).
    pub fn reveal_unit(&mut self, id: UnitId) {
        let Some(u) = self.project.unit(&self.coder, id).cloned() else {
            return;
        };
        if let Some(idx) = self.project.transcript_index(u.transcript) {
            self.show_transcript(idx);
            let t = &self.project.transcripts[idx];
            self.tv.anchor = None;
            self.tv.jump(t, u.start);
        }
    }

    fn next_match(&mut self, forward: bool) {
        let Some(s) = self.search.clone() else {
            self.complain("No search: press / to search");
            return;
        };
        if s.matches.is_empty() {
            self.complain(format!("No matches for {:?}", s.query));
            return;
        }
        if s.transcript != self.tv.idx {
            self.show_transcript(s.transcript);
        }
        let cursor = self.tv.cursor;
        let n = s.matches.len();
        let i = if forward {
            s.matches.iter().position(|m| m.start > cursor).unwrap_or(0)
        } else {
            s.matches
                .iter()
                .rposition(|m| m.start < cursor)
                .unwrap_or(n - 1)
        };
        let start = s.matches[i].start;
        let q = s.query.clone();
        if let Some(t) = self.project.transcripts.get(self.tv.idx) {
            self.tv.jump(t, start);
        }
        self.say(format!("Match {}/{n} for {q:?}", i + 1));
    }

    fn run_search(&mut self, query: &str) {
        let Some(t) = self.transcript() else {
            return;
        };
        if query.is_empty() {
            self.search = None;
            return;
        }
        let matches: Vec<_> = text::find_all(&t.text, query)
            .into_iter()
            .filter(|m| {
                t.turns
                    .get(t.turn_at(m.start))
                    .is_some_and(|turn| m.start >= turn.start && m.end <= turn.end)
            })
            .collect();
        self.search = Some(Search {
            query: query.to_string(),
            transcript: self.tv.idx,
            matches,
        });
        // Start from just before the cursor so a match under it counts.
        self.tv.cursor = self.tv.cursor.saturating_sub(1);
        self.next_match(true);
    }

    fn select_unit_at(&mut self, index: usize) {
        let list = self.unit_list();
        if let Some(id) = list.get(index.min(list.len().saturating_sub(1))).copied() {
            self.unit_sel = Some(id);
            self.reveal_unit(id);
        }
    }

    /// Index of the selected unit in the units list.
    pub fn unit_index(&mut self) -> usize {
        let sel = self.unit_sel;
        let list = self.unit_list();
        sel.and_then(|s| list.iter().position(|u| *u == s))
            .unwrap_or(0)
    }

    pub(super) fn units_action(&mut self, action: Action) {
        let len = self.unit_list().len();
        let i = self.unit_index();
        let page = self.list_heights.0.max(1);
        let target = list_motion(action, i, len, page);
        if let Some(to) = target {
            self.select_unit_at(to);
            return;
        }
        let selected = self.unit_list().get(i).copied();
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
                self.focus = Pane::Transcript;
            }
            Action::Code => self.open_picker(PickTarget::Unit(id)),
            Action::DeleteUnit => match ops::delete_unit(&self.project, &self.coder, id) {
                Ok(e) => {
                    if self.perform(e) {
                        self.select_unit_at(i);
                    }
                }
                Err(e) => self.complain(e.to_string()),
            },
            Action::EditNote => {
                let note = self
                    .project
                    .unit(&self.coder, id)
                    .map(|u| u.note.clone())
                    .unwrap_or_default();
                self.prompt(PromptKind::UnitNote(id), &note);
            }
            Action::Search => self.prompt(PromptKind::SearchUnits, &self.units_query.clone()),
            Action::SearchNext => self.next_unit_match(true),
            Action::SearchPrev => self.next_unit_match(false),
            _ => {}
        }
    }

    fn unit_matches(&self, id: UnitId, q: &str) -> bool {
        let Some(u) = self.project.unit(&self.coder, id) else {
            return false;
        };
        let q = q.to_lowercase();
        self.project.quote(u).to_lowercase().contains(&q)
            || u.note.to_lowercase().contains(&q)
            || u.speakers.iter().any(|s| s.to_lowercase().contains(&q))
            || u.codes.iter().any(|c| {
                self.project
                    .codebook
                    .get(*c)
                    .is_some_and(|n| n.name.to_lowercase().contains(&q))
            })
    }

    fn next_unit_match(&mut self, forward: bool) {
        let q = self.units_query.clone();
        if q.is_empty() {
            self.complain("No search: press / to search");
            return;
        }
        let i = self.unit_index();
        let list = self.unit_list().to_vec();
        let n = list.len();
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

    /// Index of the selected code among the tree rows.
    pub fn tree_index(&self, rows: &[(usize, CodeId)]) -> usize {
        self.tree_sel
            .and_then(|s| rows.iter().position(|(_, id)| *id == s))
            .unwrap_or(0)
    }

    pub(super) fn tree_action(&mut self, action: Action) {
        let rows = self.tree_rows();
        let i = self.tree_index(&rows);
        let page = self.list_heights.1.max(1);
        let target = list_motion(action, i, rows.len(), page);
        if let Some(to) = target {
            if let Some((_, id)) = rows.get(to.min(rows.len().saturating_sub(1))) {
                self.tree_sel = Some(*id);
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
            (Action::FilterTree, _) => {
                let f = self.tree_filter.clone();
                self.prompt(PromptKind::FilterTree, &f);
            }
            (_, None) => self.complain("The code tree is empty: n makes a code"),
            (Action::RenameCode, Some(id)) => {
                let name = self
                    .project
                    .codebook
                    .get(id)
                    .map(|n| n.name.clone())
                    .unwrap_or_default();
                self.prompt(PromptKind::RenameCode(id), &name);
            }
            (Action::DeleteCode, Some(id)) => {
                let n = ops::units_within(&self.project, &self.coder, id);
                if n == 0 {
                    self.delete_code(id, i);
                } else {
                    let name = self.project.codebook.path_label(id);
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
                match ops::move_code(&self.project, id, how) {
                    Ok(Some(e)) => {
                        self.perform(e);
                    }
                    Ok(None) => self.say("It cannot move that way"),
                    Err(e) => self.complain(e.to_string()),
                }
            }
            (Action::Filter, Some(id)) => {
                if self.unit_filter == Some(id) {
                    self.unit_filter = None;
                    self.say("Filter cleared: the units of this transcript");
                } else {
                    self.unit_filter = Some(id);
                    self.unit_sel = None;
                    let name = self.project.codebook.path_label(id);
                    self.say(format!(
                        "Units pane: the units coded {name} (Enter again clears)"
                    ));
                }
            }
            _ => {}
        }
    }

    fn delete_code(&mut self, id: CodeId, index: usize) {
        // Other coders may have used the code since the project was opened.
        if let Err(e) = crate::store::reload_others(&self.dir, &mut self.project, &self.coder) {
            self.complain(format!("Cannot check the other coders' units: {e}"));
            return;
        }
        match ops::delete_code(&self.project, &self.coder, id) {
            Ok(e) => {
                if self.perform(e) {
                    if self
                        .unit_filter
                        .is_some_and(|f| self.project.codebook.get(f).is_none())
                    {
                        self.unit_filter = None;
                    }
                    let rows = self.tree_rows();
                    self.tree_sel = rows
                        .get(index.min(rows.len().saturating_sub(1)))
                        .map(|(_, id)| *id);
                }
            }
            Err(e) => self.complain(e.to_string()),
        }
    }

    fn open_picker(&mut self, target: PickTarget) {
        self.recent
            .retain(|c| self.project.codebook.get(*c).is_some());
        let has = match &target {
            PickTarget::Unit(id) => self
                .project
                .unit(&self.coder, *id)
                .map(|u| u.codes.clone())
                .unwrap_or_default(),
            PickTarget::Passage { .. } => Vec::new(),
        };
        let mut picker = Picker {
            target,
            input: text_field(""),
            items: Vec::new(),
            selected: 0,
            recent: self.recent.clone(),
            has,
        };
        picker.refilter(&self.project.codebook);
        self.overlay = Some(Overlay::Picker(picker));
    }

    pub(super) fn close_overlay(&mut self) {
        if let Some(Overlay::Prompt(p)) = &self.overlay
            && p.kind == PromptKind::FilterTree
        {
            self.tree_filter.clear();
        }
        self.overlay = None;
    }

    pub(super) fn overlay_action(&mut self, action: Action) {
        match self.overlay.as_mut() {
            Some(Overlay::Help { scroll }) => match action {
                Action::Down => *scroll += 1,
                Action::Up => *scroll = scroll.saturating_sub(1),
                Action::PageDown => *scroll += 10,
                Action::PageUp => *scroll = scroll.saturating_sub(10),
                _ => {}
            },
            Some(Overlay::Picker(p)) => match action {
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
            Some(Overlay::Confirm { question, .. }) => {
                let q = question.clone();
                self.overlay = None;
                match (action, q) {
                    (Action::Yes, Question::DeleteCode(id)) => {
                        let rows = self.tree_rows();
                        let i = self.tree_index(&rows);
                        self.delete_code(id, i);
                    }
                    _ => self.say("Nothing deleted"),
                }
            }
            _ => {}
        }
    }

    pub(super) fn overlay_text(&mut self, ev: KeyEvent) {
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
                p.refilter(&self.project.codebook);
            }
            Some(Overlay::Prompt(p)) => {
                p.input.input(ev);
                if p.kind == PromptKind::FilterTree {
                    self.tree_filter = p.input.lines().join(" ");
                    let rows = self.tree_rows();
                    if !rows.iter().any(|(_, id)| Some(*id) == self.tree_sel) {
                        self.tree_sel = rows.first().map(|(_, id)| *id);
                    }
                }
            }
            _ => {}
        }
    }

    /// Applies the picker's choice; with no choice, makes a code named `name` first.
    fn pick(&mut self, choice: Option<CodeId>, name: &str) {
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
            None => {
                if !self.tree_writable() {
                    self.overlay = Some(Overlay::Picker(p));
                    return;
                }
                let parent = self
                    .tree_sel
                    .filter(|id| self.project.codebook.get(*id).is_some());
                match ops::new_code(&self.project, parent, name) {
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
            PickTarget::Passage { transcript, span } => {
                ops::code_passage(&self.project, &self.coder, *transcript, span.clone(), code)
            }
            PickTarget::Unit(id) => ops::toggle_unit_code(&self.project, &self.coder, *id, code),
        };
        let ok = match edit {
            Ok(e) => {
                let label = e.label.clone();
                let done = self.perform(e);
                if done && created {
                    let label = format!("{label} (new code)");
                    self.history.merge_last_two(label.clone());
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
            let _ = self.history.undo(&mut self.project, &self.coder);
            self.rev += 1;
        }
        if ok {
            self.recent.retain(|c| *c != code);
            self.recent.insert(0, code);
            self.recent.truncate(RECENT);
            if let PickTarget::Passage { .. } = p.target {
                self.tv.anchor = None;
            }
        }
    }

    fn submit_prompt(&mut self, kind: PromptKind, value: &str) {
        let result = match kind {
            PromptKind::NewCode { parent } => {
                ops::new_code(&self.project, parent, value).map(|(e, id)| {
                    if self.perform(e) {
                        self.tree_sel = Some(id);
                    }
                })
            }
            PromptKind::RenameCode(id) => ops::rename_code(&self.project, id, value).map(|e| {
                self.perform(e);
            }),
            PromptKind::UnitNote(id) => ops::set_unit_note(&self.project, &self.coder, id, value)
                .map(|e| {
                    self.perform(e);
                }),
            PromptKind::SearchTranscript => {
                self.run_search(value);
                Ok(())
            }
            PromptKind::SearchUnits => {
                self.units_query = value.trim().to_string();
                if !self.units_query.is_empty() {
                    let i = self.unit_index();
                    let list = self.unit_list().to_vec();
                    let hit = list
                        .get(i)
                        .is_some_and(|id| self.unit_matches(*id, value.trim()));
                    if !hit {
                        self.next_unit_match(true);
                    }
                }
                Ok(())
            }
            PromptKind::FilterTree => Ok(()),
        };
        if let Err(e) = result {
            self.complain(e.to_string());
        }
    }
}
