//! Views 3 Condensation and 4 Synthesis (STC steps 3–4): the code groups and subgroups
//! on the left, the units lifted out of context in the middle, the condensate (view 3)
//! or the analytic text, result heading and validation (view 4) on the right.

mod draw;
mod layout;
mod lists;
mod router;
mod synthesis;
mod update;

pub use draw::draw;
pub(in crate::tui) use draw::right_text_pane;
pub use router::{CONDENSATION, SYNTHESIS};
pub use update::{GROUPS_HANDLES, LIFTED_HANDLES, MEMO_HANDLES, VALIDATION_HANDLES};

use super::{Side, View};
use crate::model::CodeId;
use ratatui::layout::Rect;

/// A row of the view-4 form for a code group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormRow {
    Heading,
    Note,
    /// A transcript, by position, to tick as re-read.
    Transcript(usize),
}

/// What the middle pane depends on: project revision, view, row.
/// What the middle pane depends on: project revision, view, row, code filter.
pub(crate) type LiftedKey = (u64, View, Option<CodeId>, Option<CodeId>);

/// What the middle pane lists, cached (see `lists.rs`).
#[derive(Debug, Default)]
pub struct Lifted {
    /// Positions in this coder's units.
    pub positions: Vec<usize>,
    /// View 3 on a code group: its units in more than one subgroup.
    pub in_several: usize,
}

/// Where views 3 and 4 stand (they share it: the same group stays selected).
#[derive(Debug, Default)]
pub struct GroupsState {
    /// Code groups (left), units or condensate (middle), text (right).
    pub side: Side,
    pub group_sel: Option<CodeId>,
    pub lifted_sel: usize,
    /// The middle pane shows only the units with this code (one below the selected
    /// row), when set; `f` cycles through them.
    pub code_filter: Option<CodeId>,
    pub lifted_top: usize,
    /// View 4, a code group selected: the row of the heading and validation form.
    pub form_sel: usize,
    /// How far the focused text pane is scrolled (rows).
    pub scroll: u16,
    /// Where the three panes are (the layout step sets it), for drawing and the mouse.
    pub areas: [Rect; 3],
    /// Rows per page of the code-group list and the middle pane's units.
    pub list_heights: (usize, usize),
    pub(crate) lifted_cache: Option<(LiftedKey, Lifted)>,
}
