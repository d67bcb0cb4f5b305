//! Where an editor's text sits on screen: its rows wrapped the way the transcript's are
//! (shared by drawing and by the up/down keys, so the cursor moves through the rows the
//! coder sees), and the scroll that keeps the cursor in sight.

use super::Editor;
use kondens_core::text::{col_of, offset_at_col, wrap};
use std::ops::Range;

/// An editor's text laid out at one width.
pub struct Laid {
    /// The lines joined by `\n`.
    pub text: String,
    /// The rows, as byte ranges of `text`.
    pub rows: Vec<Range<usize>>,
    /// The cursor's byte offset in `text`.
    pub cursor: usize,
    /// The row that shows the cursor.
    pub cursor_row: usize,
}

/// The byte offset in the joined text of a (line, character) position.
fn byte_of(lines: &[String], (line, col): (usize, usize)) -> usize {
    let before: usize = lines.iter().take(line).map(|l| l.len() + 1).sum();
    let text = lines.get(line).map_or("", String::as_str);
    before + text.char_indices().nth(col).map_or(text.len(), |(i, _)| i)
}

/// The (line, character) position of a byte offset in the joined text.
fn position_of(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count())
}

impl Laid {
    /// Lays `ed` out at `width` cells.
    pub fn of(ed: &Editor, width: usize) -> Laid {
        let lines = ed.area.lines();
        let text = lines.join("\n");
        let rows = wrap(&text, width);
        let c = ed.area.cursor();
        let cursor = byte_of(lines, (c.0, c.1));
        // At a break the position belongs to the row it starts.
        let cursor_row = rows.iter().rposition(|r| r.start <= cursor).unwrap_or(0);
        Laid {
            text,
            rows,
            cursor,
            cursor_row,
        }
    }

    /// The selection as a byte range of the text, if there is one.
    pub fn selection(ed: &Editor) -> Option<Range<usize>> {
        let lines = ed.area.lines();
        ed.area
            .selection_range()
            .map(|(a, b)| byte_of(lines, a)..byte_of(lines, b))
    }

    /// The first row to draw in `height` rows, given the last one drawn: it moves only
    /// as far as the cursor needs.
    pub fn top(&self, last_top: usize, height: usize) -> usize {
        let top = last_top.min(self.cursor_row);
        if self.cursor_row >= top + height.max(1) {
            self.cursor_row + 1 - height.max(1)
        } else {
            top
        }
    }

    /// The (line, character) position `delta` rows from the cursor, at the same column.
    pub fn moved(&self, delta: isize) -> (usize, usize) {
        let last = self.rows.len().saturating_sub(1);
        let target = self.cursor_row.saturating_add_signed(delta).min(last);
        let here = &self.rows[self.cursor_row];
        let col = col_of(&self.text, here.clone(), self.cursor);
        let row = self.rows[target].clone();
        let ends_line = self.text[row.end..].starts_with('\n') || row.end == self.text.len();
        let at = if ends_line && col >= col_of(&self.text, row.clone(), row.end) {
            row.end
        } else {
            offset_at_col(&self.text, row, col)
        };
        position_of(&self.text, at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Analysis, TextField};
    use crate::tui::editor::Drawn;
    use ratatui_textarea::CursorMove;

    fn editor(text: &str, width: usize) -> Editor {
        let ed = Editor::new(TextField::TotalImpression, text, Analysis::default());
        ed.drawn.set(Drawn {
            width,
            height: 3,
            top: 0,
        });
        ed
    }

    fn at(ed: &Editor) -> (usize, usize) {
        let c = ed.area.cursor();
        (c.0, c.1)
    }

    fn rows(ed: &Editor, width: usize) -> Vec<String> {
        let laid = Laid::of(ed, width);
        laid.rows
            .iter()
            .map(|r| laid.text[r.clone()].to_string())
            .collect()
    }

    #[test]
    fn no_row_starts_with_the_space_it_broke_at() {
        // "We meet" ends exactly at the edge: the space after it hangs.
        let ed = editor("We meet weekly now", 7);
        assert_eq!(rows(&ed, 7), ["We meet ", "weekly ", "now"]);
    }

    #[test]
    fn up_and_down_move_through_the_rows_as_drawn() {
        let mut ed = editor("one two three four\nfive", 9);
        assert_eq!(rows(&ed, 9), ["one two ", "three ", "four", "five"]);
        // The cursor starts at the end: line 1, after "five".
        ed.move_rows(-1, false);
        assert_eq!(at(&ed), (0, 18), "end of 'four'");
        ed.move_rows(-1, false);
        assert_eq!(at(&ed), (0, 12), "in 'three', same column");
        ed.move_rows(-5, false);
        assert_eq!(at(&ed), (0, 4), "clamped to the first row");
        ed.move_rows(1, true);
        assert_eq!(ed.area.selection_range(), Some(((0, 4), (0, 12))));
        ed.move_rows(9, false);
        assert_eq!(ed.area.selection_range(), None);
        assert_eq!(at(&ed), (1, 4), "last row, its end");
        ed.area.move_cursor(CursorMove::Head);
        ed.move_rows(-1, false);
        assert_eq!(at(&ed), (0, 14), "start of 'four'");
    }

    #[test]
    fn the_scroll_moves_only_as_far_as_the_cursor_needs() {
        let ed = editor("a\nb\nc\nd\ne\nf", 10);
        let laid = Laid::of(&ed, 10);
        assert_eq!(laid.cursor_row, 5);
        assert_eq!(laid.top(0, 3), 3);
        assert_eq!(laid.top(4, 3), 4, "kept when the cursor is in sight");
        assert_eq!(laid.top(5, 3), 5);
    }
}
