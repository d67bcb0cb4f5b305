//! The text editor of views 1, 3 and 4: one editing visit of one field (the state
//! here, the keys in `update.rs`).

use crate::model::{Analysis, TextField};
use ratatui_textarea::{TextArea, WrapMode};

mod update;

pub use update::HANDLES;

/// An open text editor: one editing visit of one field. The text goes into the
/// project as it is typed (and so to disk within a second); leaving the editor records
/// the whole visit as one undoable step.
pub struct Editor {
    pub field: TextField,
    pub area: TextArea<'static>,
    /// The coder's analysis when the visit began: what undo returns to.
    pub before: Analysis,
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
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_cursor_line_style(ratatui::style::Style::new());
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        Editor {
            field,
            area,
            before,
        }
    }

    /// The text as typed so far.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }
}
