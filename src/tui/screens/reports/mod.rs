//! View 7, Reports: code × focus group (group, role, participant, transcript), code
//! co-occurrence and coverage per transcript, as tables with bars; `Enter` on a cell
//! lists the meaning units behind it, `Enter` on one of them shows it in its transcript.

mod draw;
mod router;
mod update;

pub use draw::draw;
pub use router::SCREEN;
pub use update::{REPORT_HANDLES, REPORT_UNITS_HANDLES};

use crate::derived::report::{self, By, Coverage, Report};
use crate::model::UnitId;
use crate::tui::app::App;
use crate::tui::widgets::list::{inner, window};
use ratatui::layout::{Constraint, Layout, Rect};

/// The tables `b` cycles through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    By(By),
    Cooccurrence,
    Coverage,
}

/// Every table, in the order `b` shows them.
pub const KINDS: [Kind; 7] = [
    Kind::By(By::FocusGroup),
    Kind::By(By::Group),
    Kind::By(By::Role),
    Kind::By(By::Participant),
    Kind::By(By::Transcript),
    Kind::Cooccurrence,
    Kind::Coverage,
];

/// A table worked out for one revision of the project.
#[derive(Debug)]
pub enum Data {
    Table(Report),
    Coverage(Coverage),
}

impl Data {
    /// Rows and columns of cells.
    pub fn shape(&self) -> (usize, usize) {
        match self {
            Data::Table(r) => (r.rows.len(), r.columns.len()),
            Data::Coverage(c) => (c.transcripts.len(), 1),
        }
    }
}

/// Which pane of view 7 has focus.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Pane {
    #[default]
    Table,
    Units,
}

/// Where view 7 stands.
#[derive(Debug, Default)]
pub struct ReportsState {
    /// The table shown (into [`KINDS`]).
    pub kind: usize,
    pub row: usize,
    pub col: usize,
    pub row_top: usize,
    pub col_left: usize,
    pub focus: Pane,
    /// The units behind the opened cell (coder, unit), when one is open.
    pub opened: Option<Vec<(String, UnitId)>>,
    pub unit_sel: usize,
    pub unit_top: usize,
    /// The table's and the units' panes (the layout step sets them).
    pub areas: [Rect; 2],
    /// Rows and cell columns in sight, the label column's and a cell's width.
    pub rows_shown: usize,
    pub cols_shown: usize,
    pub label_width: usize,
    pub cell_width: usize,
    pub units_shown: usize,
    pub(crate) cache: Option<((u64, usize), Data)>,
}

impl ReportsState {
    /// The table as last worked out.
    pub fn data(&self) -> Option<&Data> {
        self.cache.as_ref().map(|(_, d)| d)
    }

    /// The table's kind.
    pub fn kind(&self) -> Kind {
        KINDS[self.kind % KINDS.len()]
    }
}

/// Width of the total column.
pub(super) const TOTAL_WIDTH: usize = 7;

impl App {
    /// Works the table out again when the project or the kind changed: reports are
    /// derived, never stored.
    pub(super) fn refresh_report(&mut self) {
        let key = (self.session.rev(), self.reports.kind);
        if self.reports.cache.as_ref().is_some_and(|(k, _)| *k == key) {
            return;
        }
        let project = self.session.project();
        let data = match self.reports.kind() {
            Kind::By(by) => Data::Table(report::matrix(project, by, None)),
            Kind::Cooccurrence => Data::Table(report::cooccurrence(project, None)),
            Kind::Coverage => Data::Coverage(report::coverage(project, None)),
        };
        self.reports.cache = Some((key, data));
    }

    /// Lays view 7 out in `body`: the table (and the opened cell's units below it), the
    /// rows and columns in sight.
    pub(in crate::tui) fn layout_reports(&mut self, body: Rect) {
        self.refresh_report();
        let [table, units] = if self.reports.opened.is_some() {
            Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(body)
        } else {
            [body, Rect::default()]
        };
        self.reports.areas = [table, units];
        let inside = inner(table);
        let (rows, cols) = self.reports.data().map_or((0, 0), Data::shape);
        let s = &mut self.reports;
        s.row = s.row.min(rows.saturating_sub(1));
        s.col = s.col.min(cols.saturating_sub(1));
        // Two lines above the rows: what the table is, and the column headings.
        s.rows_shown = (inside.height as usize).saturating_sub(2).max(1);
        s.row_top = window(s.row_top, s.row, s.rows_shown);
        let width = inside.width as usize;
        let (label, cell) = match self.reports.cache.as_ref().map(|(_, d)| d) {
            Some(Data::Table(r)) => widths(r, width),
            Some(Data::Coverage(c)) => {
                let longest = c
                    .transcripts
                    .iter()
                    .map(|t| crate::text::width(&t.transcript) + 2)
                    .max()
                    .unwrap_or(10);
                (longest.clamp(10, (width / 3).max(10)), 1)
            }
            None => (10, 1),
        };
        let s = &mut self.reports;
        s.label_width = label;
        s.cell_width = cell;
        s.cols_shown = (width.saturating_sub(label + TOTAL_WIDTH) / cell.max(1)).max(1);
        s.col_left = window(s.col_left, s.col, s.cols_shown);
        s.units_shown = (inner(units).height as usize).max(1);
        if let Some(list) = &s.opened {
            s.unit_sel = s.unit_sel.min(list.len().saturating_sub(1));
            s.unit_top = window(s.unit_top, s.unit_sel, s.units_shown);
        }
    }
}

/// The widths of the label column and of a cell for a table `width` cells wide.
fn widths(r: &Report, width: usize) -> (usize, usize) {
    let longest = r
        .rows
        .iter()
        .map(|row| crate::text::width(&row.name) + 2 * row.depth + 1)
        // Co-occurrence rows carry their column's number (`#12 `).
        .map(|w| if r.by == "cooccurrence" { w + 5 } else { w })
        .max()
        .unwrap_or(10);
    let label = longest.clamp(10, (width * 2 / 5).max(10));
    let cell = if r.by == "cooccurrence" {
        7
    } else {
        r.columns
            .iter()
            .map(|c| crate::text::width(c) + 1)
            .max()
            .unwrap_or(8)
            .clamp(8, 16)
    };
    (label, cell)
}
