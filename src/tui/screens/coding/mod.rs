//! View 2, Coding (STC step 2): the transcript, its meaning units and the code tree.

mod draw_lists;
mod draw_transcript;
mod layout;
mod lists;
mod router;
mod transcript;
pub mod transcript_view;
mod tree;
mod units;

pub use draw_lists::{draw_tree, draw_units};
pub use draw_transcript::draw as draw_transcript;
pub use layout::pane_areas;
pub use router::SCREEN;
pub use transcript::HANDLES as TRANSCRIPT_HANDLES;
pub use tree::HANDLES as TREE_HANDLES;
pub use units::HANDLES as UNITS_HANDLES;

use crate::model::CodeId;
use crate::model::UnitId;
use crate::tui::keymap::Scope;
use ratatui::layout::Rect;
use std::ops::Range;
use transcript_view::TranscriptView;

/// How many codes the picker offers by number.
pub(crate) const RECENT: usize = 9;

/// The panes of the coding view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Transcript,
    Units,
    Tree,
}

impl Pane {
    /// The keymap scope of the pane.
    pub fn scope(self) -> Scope {
        match self {
            Pane::Transcript => Scope::Transcript,
            Pane::Units => Scope::Units,
            Pane::Tree => Scope::Tree,
        }
    }
}

/// An active search in the transcript.
#[derive(Clone, Debug, Default)]
pub struct Search {
    pub query: String,
    pub transcript: usize,
    pub matches: Vec<Range<usize>>,
}

/// Where the panes are (the layout step sets it), for drawing and the mouse.
#[derive(Clone, Copy, Debug, Default)]
pub struct Areas {
    pub transcript: Rect,
    pub units: Rect,
    pub tree: Rect,
}

/// One transcript row in sight: its screen line, where its text starts, which turn
/// and which of the turn's rows it is, and its bytes (`None` for the blank row after a
/// turn).
#[derive(Clone, Debug)]
pub struct DrawnRow {
    pub y: u16,
    pub x: u16,
    pub turn: usize,
    pub row: usize,
    pub bytes: Option<Range<usize>>,
}

/// What the units list depends on: project revision, transcript, filter code.
pub(crate) type UnitListKey = (u64, usize, Option<CodeId>);

/// Where view 2 stands.
#[derive(Debug)]
pub struct CodingState {
    pub focus: Pane,
    pub tv: TranscriptView,
    pub unit_sel: Option<UnitId>,
    pub unit_top: usize,
    pub unit_filter: Option<CodeId>,
    pub units_query: String,
    pub tree_sel: Option<CodeId>,
    pub tree_top: usize,
    pub tree_filter: String,
    pub search: Option<Search>,
    /// Codes used last, newest first (the picker offers them by number).
    pub recent: Vec<CodeId>,
    pub areas: Areas,
    /// The transcript rows in sight, worked out by the layout step.
    pub drawn_rows: Vec<DrawnRow>,
    /// Rows per page of the units list and the tree, for page motions.
    pub list_heights: (usize, usize),
    pub(crate) units_cache: Option<(UnitListKey, Vec<usize>)>,
    /// Where a mouse drag started (a byte offset in the transcript).
    pub mouse_anchor: Option<usize>,
    /// Tree nodes folded with `Space` (their codes below are not listed).
    pub folded: std::collections::HashSet<CodeId>,
    /// The code marked with `m`, to be merged into the next one `m` is pressed on.
    pub merge_mark: Option<CodeId>,
    /// A unit whose boundaries are being changed (`b`): the selection is its passage.
    pub reshaping: Option<UnitId>,
    /// Whose units the transcript marks (`O` cycles).
    pub marks: Marks,
}

/// Whose meaning units the transcript marks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Marks {
    /// Mine only.
    #[default]
    Mine,
    /// Mine, and everyone else's (theirs underlined).
    Everyone,
    /// One other person's alone.
    Person(String),
}

impl CodingState {
    /// Opens on the first transcript and the first code.
    pub fn new(project: &crate::model::Project) -> CodingState {
        let mut tv = TranscriptView::default();
        if let Some(t) = project.transcripts.first() {
            tv.switch_to(0, t);
        }
        CodingState {
            focus: Pane::Transcript,
            tv,
            unit_sel: None,
            unit_top: 0,
            unit_filter: None,
            units_query: String::new(),
            tree_sel: project.codebook.roots.first().map(|n| n.id),
            tree_top: 0,
            tree_filter: String::new(),
            search: None,
            recent: Vec::new(),
            areas: Areas::default(),
            drawn_rows: Vec::new(),
            list_heights: (10, 10),
            units_cache: None,
            mouse_anchor: None,
            folded: Default::default(),
            merge_mark: None,
            reshaping: None,
            marks: Marks::Mine,
        }
    }

    /// A passage or unit was coded with `code`: it heads the picker's recent codes, and
    /// a coded passage's selection ends.
    pub fn coded_with(&mut self, code: CodeId, passage: bool) {
        self.recent.retain(|c| *c != code);
        self.recent.insert(0, code);
        self.recent.truncate(RECENT);
        if passage {
            self.tv.anchor = None;
        }
    }
}

/// Draws view 2 in the panes the layout step placed.
pub fn draw(f: &mut ratatui::Frame, app: &crate::tui::app::App, _body: Rect) {
    let a = app.coding.areas;
    draw_transcript(f, app, a.transcript);
    draw_units(f, app, a.units);
    draw_tree(f, app, a.tree);
}
