//! The text editor of views 1, 3 and 4: one editing visit of one field (the state
//! here, the keys in `update.rs`).

use crate::model::{Analysis, CommentId, Stance, Target, TextField};
use ratatui_textarea::{CursorMove, TextArea};
use std::cell::Cell;

mod layout;
mod update;

pub use layout::Laid;

pub use update::HANDLES;

/// An open text editor: one editing visit of one field. The text goes into the
/// project as it is typed (and so to disk within a second); leaving the editor records
/// the whole visit as one undoable step.
pub struct Editor {
    /// The analysis text being edited; `None` for a comment.
    pub field: Option<TextField>,
    /// What a comment editor posts to (`None` for an analysis text).
    pub comment: Option<Draft>,
    pub area: TextArea<'static>,
    /// The coder's analysis when the visit began: what undo returns to.
    pub before: Analysis,
    /// Where the editor was last drawn: what the up/down keys move through, and the
    /// scroll the next frame starts from.
    pub drawn: Cell<Drawn>,
}

/// A comment being written: on what, in reply to which thread, with which stance.
#[derive(Clone, Debug)]
pub struct Draft {
    pub target: Target,
    pub thread: Option<CommentId>,
    pub stance: Stance,
    /// What it is about, in words, for the editor's title.
    pub about: String,
}

/// The size and scroll an editor was last drawn at.
#[derive(Clone, Copy, Debug, Default)]
pub struct Drawn {
    pub width: usize,
    pub height: usize,
    pub top: usize,
}

impl Editor {
    /// An editor on `text`, cursor at the end.
    pub fn new(field: TextField, text: &str, before: Analysis) -> Editor {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.split('\n').map(str::to_string).collect()
        };
        let mut area = TextArea::new(lines);
        // The text area keeps the text, the cursor and the keys; kondens draws it and
        // moves between rows itself (`layout.rs`), so it wraps as the transcript does.
        area.set_cursor_line_style(ratatui::style::Style::new());
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        Editor {
            field: Some(field),
            comment: None,
            area,
            before,
            drawn: Cell::default(),
        }
    }

    /// An empty comment editor.
    pub fn comment(draft: Draft) -> Editor {
        Editor {
            field: None,
            comment: Some(draft),
            ..Editor::new(TextField::TotalImpression, "", Analysis::default())
        }
    }

    /// Moves the cursor `delta` rows as drawn (a page is the drawn height), extending
    /// the selection when `extend`.
    pub fn move_rows(&mut self, delta: isize, extend: bool) {
        let drawn = self.drawn.get();
        if drawn.width == 0 {
            // Not drawn yet: move by lines.
            let m = if delta < 0 {
                CursorMove::Up
            } else {
                CursorMove::Down
            };
            return self.area.move_cursor(m);
        }
        let (line, col) = Laid::of(self, drawn.width).moved(delta);
        if extend && self.area.selection_range().is_none() {
            self.area.start_selection();
        } else if !extend {
            self.area.cancel_selection();
        }
        let to = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        self.area.move_cursor(CursorMove::Jump(to(line), to(col)));
    }

    /// The text as typed so far.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }
}
