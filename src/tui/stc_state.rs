//! What views 1, 3 and 4 remember: which pane has focus, what is selected, the open
//! text editor, and where to go back to after showing a unit in its transcript.

use super::app::View;
use crate::model::{Analysis, CodeId, TextField};
use ratatui_textarea::{TextArea, WrapMode};

/// The three panes of views 1, 3 and 4, left to right.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Side {
    #[default]
    Left,
    Middle,
    Right,
}

impl Side {
    /// The next pane to the right (wrapping), or to the left when `back`.
    pub fn step(self, back: bool) -> Side {
        let order = [Side::Left, Side::Middle, Side::Right];
        let i = order.iter().position(|s| *s == self).unwrap_or(0);
        order[if back { i + 2 } else { i + 1 } % 3]
    }
}

/// A row of the view-4 form for a code group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormRow {
    Heading,
    Note,
    /// A transcript, by position, to tick as re-read.
    Transcript(usize),
}

/// Where views 1, 3 and 4 stand.
#[derive(Debug, Default)]
pub struct StcState {
    /// View 1: preconceptions (left), total impression (middle), themes (right).
    pub themes_side: Side,
    pub theme_sel: usize,
    /// Views 3 and 4: code groups (left), units or condensate (middle), text (right).
    pub side: Side,
    pub group_sel: Option<CodeId>,
    pub lifted_sel: usize,
    pub lifted_top: usize,
    /// View 4, a code group selected: the row of the heading and validation form.
    pub form_sel: usize,
    /// The view to go back to after showing a unit in its transcript.
    pub back: Option<View>,
    /// How far the focused text pane is scrolled (rows).
    pub scroll: u16,
    /// Where the left, middle and right panes were last drawn, for the mouse.
    pub areas: [ratatui::layout::Rect; 3],
}

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
