//! The transcript pane's state: which transcript, the cursor and selection (byte
//! offsets), and the scroll position as an anchor (turn, row) so that drawing and moving
//! cost the visible rows, never the transcript's length. Wrapped rows are cached per turn
//! for the current width.

use crate::model::Transcript;
use crate::text::{self, col_of, offset_at_col};
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

/// A row of the laid-out transcript: a turn and a row inside it. Each turn has its text
/// rows, then (when it has a time and only one text row) a row for the time, then one
/// blank spacer row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub turn: usize,
    pub row: usize,
}

/// The widest speaker column.
const MAX_GUTTER: usize = 14;

/// State of the transcript pane.
#[derive(Debug, Default)]
pub struct TranscriptView {
    /// Index of the shown transcript.
    pub idx: usize,
    pub cursor: usize,
    /// Where the selection started, while one is being made.
    pub anchor: Option<usize>,
    pub top: Pos,
    goal_col: Option<usize>,
    /// Width of the text column (the pane minus the speaker column).
    pub text_width: usize,
    pub height: usize,
    pub gutter: usize,
    cache: HashMap<usize, Rc<Vec<Range<usize>>>>,
    cache_key: (usize, usize),
    /// Cursor and scroll per transcript, to come back to.
    saved: HashMap<usize, (usize, Pos)>,
}

impl TranscriptView {
    /// Sets the pane size for transcript `t`. Rows are re-wrapped only when the width
    /// or the transcript changes.
    pub fn set_geometry(&mut self, t: &Transcript, pane_width: usize, height: usize) {
        self.gutter = t
            .turns
            .iter()
            .filter_map(|turn| turn.speaker.as_deref().map(text::width))
            .max()
            .unwrap_or(0)
            .clamp(8, MAX_GUTTER);
        self.text_width = pane_width.saturating_sub(self.gutter + 1).max(4);
        self.height = height.max(1);
        if self.cache_key != (self.idx, self.text_width) {
            self.cache.clear();
            self.cache_key = (self.idx, self.text_width);
        }
    }

    /// The wrapped rows of a turn, as byte ranges of the transcript text.
    pub fn rows(&mut self, t: &Transcript, turn: usize) -> Rc<Vec<Range<usize>>> {
        if let Some(r) = self.cache.get(&turn) {
            return r.clone();
        }
        let base = t.turns.get(turn).map_or(0, |x| x.start);
        let rows: Vec<Range<usize>> = text::wrap(t.turn_text(turn), self.text_width)
            .into_iter()
            .map(|r| base + r.start..base + r.end)
            .collect();
        let rows = Rc::new(rows);
        self.cache.insert(turn, rows.clone());
        rows
    }

    /// How many screen rows a turn takes, spacer included.
    pub fn turn_height(&mut self, t: &Transcript, turn: usize) -> usize {
        let text_rows = self.rows(t, turn).len();
        let with_time = if t.turns[turn].start_ms.is_some() {
            text_rows.max(2)
        } else {
            text_rows
        };
        with_time + 1
    }

    /// The row after `p`, or `None` at the end.
    pub fn next_pos(&mut self, t: &Transcript, p: Pos) -> Option<Pos> {
        if p.row + 1 < self.turn_height(t, p.turn) {
            Some(Pos {
                turn: p.turn,
                row: p.row + 1,
            })
        } else if p.turn + 1 < t.turns.len() {
            Some(Pos {
                turn: p.turn + 1,
                row: 0,
            })
        } else {
            None
        }
    }

    /// The next (or previous) row that holds words, skipping time and spacer rows.
    fn step_text_row(&mut self, t: &Transcript, p: Pos, forward: bool) -> Option<Pos> {
        if forward {
            if p.row + 1 < self.rows(t, p.turn).len() {
                Some(Pos {
                    turn: p.turn,
                    row: p.row + 1,
                })
            } else {
                (p.turn + 1 < t.turns.len()).then_some(Pos {
                    turn: p.turn + 1,
                    row: 0,
                })
            }
        } else if p.row > 0 {
            Some(Pos {
                turn: p.turn,
                row: p.row - 1,
            })
        } else if p.turn > 0 {
            let last = self.rows(t, p.turn - 1).len() - 1;
            Some(Pos {
                turn: p.turn - 1,
                row: last,
            })
        } else {
            None
        }
    }

    /// The row before `p`, or `None` at the start.
    pub fn prev_pos(&mut self, t: &Transcript, p: Pos) -> Option<Pos> {
        if p.row > 0 {
            Some(Pos {
                turn: p.turn,
                row: p.row - 1,
            })
        } else if p.turn > 0 {
            let h = self.turn_height(t, p.turn - 1);
            Some(Pos {
                turn: p.turn - 1,
                row: h - 1,
            })
        } else {
            None
        }
    }

    /// Where the cursor is.
    pub fn cursor_pos(&mut self, t: &Transcript) -> Pos {
        if t.turns.is_empty() {
            return Pos::default();
        }
        let turn = t.turn_at(self.cursor);
        let rows = self.rows(t, turn);
        let row = rows
            .iter()
            .rposition(|r| r.start <= self.cursor)
            .unwrap_or(0);
        Pos { turn, row }
    }

    /// Scrolls so the cursor's row is on screen, moving as little as possible.
    pub fn ensure_visible(&mut self, t: &Transcript) {
        if t.turns.is_empty() {
            return;
        }
        let target = self.cursor_pos(t);
        if target < self.top {
            self.top = target;
            return;
        }
        let mut p = self.top;
        for _ in 0..self.height {
            if p == target {
                return;
            }
            match self.next_pos(t, p) {
                Some(n) => p = n,
                None => return,
            }
        }
        self.top = self.back_from(t, target, self.height.saturating_sub(1));
    }

    /// `n` rows before `p` (or the first row).
    pub fn back_from(&mut self, t: &Transcript, mut p: Pos, n: usize) -> Pos {
        for _ in 0..n {
            match self.prev_pos(t, p) {
                Some(q) => p = q,
                None => break,
            }
        }
        p
    }

    /// Scrolls the view by `delta` rows without moving the cursor, unless it would leave
    /// the screen (then it follows).
    pub fn scroll(&mut self, t: &Transcript, delta: isize) {
        if t.turns.is_empty() {
            return;
        }
        for _ in 0..delta.unsigned_abs() {
            let next = if delta > 0 {
                self.next_pos(t, self.top)
            } else {
                self.prev_pos(t, self.top)
            };
            match next {
                Some(p) => self.top = p,
                None => break,
            }
        }
        let c = self.cursor_pos(t);
        if c < self.top {
            let p = self.first_text_row_from(t, self.top, true);
            self.place_on_row(t, p);
        } else {
            let bottom = self.forward(t, self.top, self.height.saturating_sub(1));
            if c > bottom {
                let p = self.first_text_row_from(t, bottom, false);
                self.place_on_row(t, p);
            }
        }
    }

    fn forward(&mut self, t: &Transcript, mut p: Pos, n: usize) -> Pos {
        for _ in 0..n {
            match self.next_pos(t, p) {
                Some(q) => p = q,
                None => break,
            }
        }
        p
    }

    /// The nearest text row at or after (or before) `p`.
    fn first_text_row_from(&mut self, t: &Transcript, p: Pos, forward: bool) -> Pos {
        let rows = self.rows(t, p.turn).len();
        if p.row < rows {
            return p;
        }
        if forward && p.turn + 1 < t.turns.len() {
            Pos {
                turn: p.turn + 1,
                row: 0,
            }
        } else {
            Pos {
                turn: p.turn,
                row: rows - 1,
            }
        }
    }

    fn place_on_row(&mut self, t: &Transcript, p: Pos) {
        let rows = self.rows(t, p.turn);
        if let Some(r) = rows.get(p.row).cloned() {
            let col = self.goal_col.unwrap_or(0);
            self.cursor = self.clamp_in_turn(t, offset_at_col(&t.text, r, col));
        }
    }

    fn clamp_in_turn(&self, t: &Transcript, offset: usize) -> usize {
        let turn = &t.turns[t.turn_at(offset)];
        if offset >= turn.end && turn.end > turn.start {
            text::prev_grapheme(&t.text, turn.end)
        } else {
            offset.max(turn.start)
        }
    }

    /// Moves the cursor `n` text rows down (or up when negative), keeping its column.
    pub fn move_rows(&mut self, t: &Transcript, n: isize) {
        if t.turns.is_empty() {
            return;
        }
        let here = self.cursor_pos(t);
        let rows = self.rows(t, here.turn);
        let col = *self
            .goal_col
            .get_or_insert_with(|| col_of(&t.text, rows[here.row].clone(), self.cursor));
        let mut p = here;
        for _ in 0..n.unsigned_abs() {
            match self.step_text_row(t, p, n > 0) {
                Some(q) => p = q,
                None => break,
            }
        }
        let rows = self.rows(t, p.turn);
        self.cursor = self.clamp_in_turn(t, offset_at_col(&t.text, rows[p.row].clone(), col));
        self.ensure_visible(t);
    }

    /// Puts the cursor at `offset` (snapped into a turn) and scrolls to it.
    pub fn jump(&mut self, t: &Transcript, offset: usize) {
        self.goal_col = None;
        if t.turns.is_empty() {
            self.cursor = 0;
            return;
        }
        let offset = text::floor_boundary(&t.text, offset);
        let i = t.turn_at(offset);
        let turn = &t.turns[i];
        self.cursor = if offset < turn.start {
            turn.start
        } else if offset >= turn.end {
            // In the gap after a turn: go to the next turn's start, if any.
            match t.turns.get(i + 1) {
                Some(next) => next.start,
                None => self.clamp_in_turn(t, offset),
            }
        } else {
            offset
        };
        self.ensure_visible(t);
    }

    /// Character motions.
    pub fn move_char(&mut self, t: &Transcript, forward: bool) {
        if t.turns.is_empty() {
            return;
        }
        let i = t.turn_at(self.cursor);
        let turn = &t.turns[i];
        let target = if forward {
            let n = text::next_grapheme(&t.text, self.cursor);
            if n < turn.end {
                n
            } else {
                t.turns.get(i + 1).map_or(self.cursor, |x| x.start)
            }
        } else if self.cursor > turn.start {
            text::prev_grapheme(&t.text, self.cursor)
        } else if i > 0 {
            text::prev_grapheme(&t.text, t.turns[i - 1].end)
        } else {
            self.cursor
        };
        self.jump(t, target);
    }

    /// Word motions (`w`, `b`), crossing into the next or previous turn at the ends.
    pub fn move_word(&mut self, t: &Transcript, forward: bool) {
        if t.turns.is_empty() {
            return;
        }
        let i = t.turn_at(self.cursor);
        let turn = t.turns[i].clone();
        let target = if forward {
            let n = text::next_word(&t.text, self.cursor);
            if n < turn.end {
                n
            } else {
                t.turns.get(i + 1).map_or(self.cursor, |x| x.start)
            }
        } else {
            let p = text::prev_word(&t.text, self.cursor);
            if p >= turn.start || i == 0 {
                p.max(turn.start)
            } else {
                text::prev_word(&t.text, t.turns[i - 1].end).max(t.turns[i - 1].start)
            }
        };
        self.jump(t, target);
    }

    /// To the end of the word (`e`), staying inside the turn.
    pub fn move_word_end(&mut self, t: &Transcript) {
        if t.turns.is_empty() {
            return;
        }
        let turn = &t.turns[t.turn_at(self.cursor)];
        let target = text::word_end(&t.text, self.cursor);
        if target < turn.end {
            self.jump(t, target);
        }
    }

    /// Turn motions (`}`, `{`): to the start of the next or previous turn (`{` inside a
    /// turn goes to its own start first).
    pub fn move_turn(&mut self, t: &Transcript, forward: bool) {
        if t.turns.is_empty() {
            return;
        }
        let i = t.turn_at(self.cursor);
        let target = if forward {
            t.turns.get(i + 1).map_or(self.cursor, |x| x.start)
        } else if self.cursor > t.turns[i].start || i == 0 {
            t.turns[i].start
        } else {
            t.turns[i - 1].start
        };
        self.jump(t, target);
    }

    /// To the first or last row of the transcript.
    pub fn move_end(&mut self, t: &Transcript, bottom: bool) {
        if t.turns.is_empty() {
            return;
        }
        if bottom {
            let last = t.turns.len() - 1;
            let rows = self.rows(t, last);
            let start = rows.last().map_or(t.turns[last].start, |r| r.start);
            self.jump(t, start);
        } else {
            self.top = Pos::default();
            self.jump(t, t.turns[0].start);
        }
    }

    /// The selected byte range, end-exclusive, including the grapheme under the cursor.
    pub fn selection(&self, t: &Transcript) -> Option<Range<usize>> {
        let a = self.anchor?;
        let (lo, hi) = if a <= self.cursor {
            (a, self.cursor)
        } else {
            (self.cursor, a)
        };
        Some(lo..text::next_grapheme(&t.text, hi))
    }

    /// Selects the whole turn under the cursor.
    pub fn select_turn(&mut self, t: &Transcript) {
        if t.turns.is_empty() {
            return;
        }
        let turn = &t.turns[t.turn_at(self.cursor)];
        self.anchor = Some(turn.start);
        self.cursor = self.clamp_in_turn(t, turn.end);
        self.ensure_visible(t);
    }

    /// Switches to transcript `idx`, keeping where each transcript was left.
    pub fn switch_to(&mut self, idx: usize, t: &Transcript) {
        self.saved.insert(self.idx, (self.cursor, self.top));
        self.idx = idx;
        self.anchor = None;
        self.goal_col = None;
        let (cursor, top) = self
            .saved
            .get(&idx)
            .copied()
            .unwrap_or((t.turns.first().map_or(0, |x| x.start), Pos::default()));
        self.cursor = cursor;
        self.top = top;
        self.cache.clear();
        self.cache_key = (idx, self.text_width);
    }

    /// Follows the transcripts to their new places when some were added before them
    /// (`new_index` maps an old index to its new one): the same transcript stays shown,
    /// and each keeps where it was left.
    pub fn renumber(&mut self, new_index: impl Fn(usize) -> Option<usize>) {
        self.idx = new_index(self.idx).unwrap_or(0);
        self.saved = std::mem::take(&mut self.saved)
            .into_iter()
            .filter_map(|(i, at)| Some((new_index(i)?, at)))
            .collect();
        self.cache.clear();
        self.cache_key = (self.idx, self.text_width);
    }

    /// Share of the transcript above the cursor, in percent (by turn).
    pub fn percent(&self, t: &Transcript) -> usize {
        if t.turns.len() <= 1 {
            return 100;
        }
        t.turn_at(self.cursor) * 100 / (t.turns.len() - 1)
    }
}
