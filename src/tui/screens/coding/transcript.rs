//! The transcript pane: motions, selection, coding, search.

use crate::model::UnitId;
use crate::text;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::overlays::{PickTarget, PromptKind};
use crate::tui::screens::coding::Search;

/// The actions the transcript pane acts on.
pub const HANDLES: &[Action] = &[
    Action::Left,
    Action::Right,
    Action::WordNext,
    Action::WordPrev,
    Action::WordEnd,
    Action::TurnNext,
    Action::TurnPrev,
    Action::TranscriptNext,
    Action::TranscriptPrev,
    Action::Select,
    Action::SelectTurn,
    Action::Code,
    Action::Search,
    Action::SearchNext,
    Action::SearchPrev,
];

impl App {
    /// `O`: the transcript marks my units → mine and everyone's → each other person's.
    pub(in crate::tui) fn cycle_marks(&mut self) {
        use super::Marks;
        let others = self.other_coders();
        if others.is_empty() {
            self.coding.marks = Marks::Mine;
            return self.say("Only your units: nobody else has coded in this project");
        }
        self.coding.marks = match &self.coding.marks {
            Marks::Mine => Marks::Everyone,
            Marks::Everyone => Marks::Person(others[0].clone()),
            Marks::Person(p) => match others.iter().position(|o| o == p) {
                Some(i) if i + 1 < others.len() => Marks::Person(others[i + 1].clone()),
                _ => Marks::Mine,
            },
        };
        let said = match &self.coding.marks {
            Marks::Mine => "The transcript marks your units".to_string(),
            Marks::Everyone => {
                "The transcript marks your units and everyone's (theirs underlined)".to_string()
            }
            Marks::Person(p) => format!("The transcript marks {p}'s units (read only)"),
        };
        self.say(said);
    }

    pub(in crate::tui) fn transcript_action(&mut self, action: Action) {
        let Some(t) = self.session.project().transcripts.get(self.coding.tv.idx) else {
            if matches!(action, Action::Code | Action::Select | Action::SelectTurn) {
                self.complain("No transcript yet: add one with `kondens import DIR FILE`");
            }
            return;
        };
        let tv = &mut self.coding.tv;
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
                let n = self.session.project().transcripts.len();
                let next = if action == Action::TranscriptNext {
                    (self.coding.tv.idx + 1) % n
                } else {
                    (self.coding.tv.idx + n - 1) % n
                };
                self.show_transcript(next);
                let name = self.session.project().transcripts[next].name.clone();
                self.say(format!("Transcript {}/{n}: {name}", next + 1));
            }
            // `v` with a selection ends it (the guard takes the anchor away).
            Action::Select if tv.anchor.take().is_none() => {
                tv.anchor = Some(tv.cursor);
                self.say("Selecting: move to extend, then a or Enter to code it");
            }
            Action::SelectTurn => tv.select_turn(t),
            Action::Code if self.coding.reshaping.is_some() => {
                let Some(span) = tv.selection(t) else { return };
                let (tid, coder) = (t.id, self.session.coder().to_string());
                let Some(id) = self.coding.reshaping.take() else {
                    return;
                };
                match crate::ops::set_unit_span(self.session.project(), &coder, id, tid, span) {
                    Ok(e) => {
                        if self.perform(e) {
                            self.coding.tv.anchor = None;
                            self.coding.unit_sel = Some(id);
                        }
                    }
                    Err(e) => {
                        self.coding.reshaping = Some(id);
                        self.complain(e.to_string());
                    }
                }
            }
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
        if let Some(t) = self.session.project().transcripts.get(idx)
            && idx != self.coding.tv.idx
        {
            self.coding.tv.switch_to(idx, t);
        }
    }

    /// Shows a unit in its transcript (switching transcript when needed).
    pub fn reveal_unit(&mut self, id: UnitId) {
        let Some(u) = self.session.project().unit(self.session.coder(), id) else {
            return;
        };
        let (transcript, start) = (u.transcript, u.start);
        self.reveal_passage(transcript, start);
    }

    /// Shows byte `at` of a transcript, the cursor there, no selection.
    pub fn reveal_passage(&mut self, transcript: crate::model::TranscriptId, at: usize) {
        if let Some(idx) = self.session.project().transcript_index(transcript) {
            self.show_transcript(idx);
            let t = &self.session.project().transcripts[idx];
            self.coding.tv.anchor = None;
            self.coding.tv.jump(t, at);
        }
    }

    pub(in crate::tui) fn next_match(&mut self, forward: bool) {
        let Some(s) = self.coding.search.clone() else {
            self.complain("No search: press / to search");
            return;
        };
        if s.matches.is_empty() {
            self.complain(format!("No matches for {:?}", s.query));
            return;
        }
        if s.transcript != self.coding.tv.idx {
            self.show_transcript(s.transcript);
        }
        let cursor = self.coding.tv.cursor;
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
        if let Some(t) = self.session.project().transcripts.get(self.coding.tv.idx) {
            self.coding.tv.jump(t, start);
        }
        self.say(format!("Match {}/{n} for {q:?}", i + 1));
    }

    pub(in crate::tui) fn run_search(&mut self, query: &str) {
        let Some(t) = self.transcript() else {
            return;
        };
        if query.is_empty() {
            self.coding.search = None;
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
        self.coding.search = Some(Search {
            query: query.to_string(),
            transcript: self.coding.tv.idx,
            matches,
        });
        // Start from just before the cursor so a match under it counts.
        self.coding.tv.cursor = self.coding.tv.cursor.saturating_sub(1);
        self.next_match(true);
    }
}
