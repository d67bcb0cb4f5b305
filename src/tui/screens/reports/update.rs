//! What view 7's keys do: move through the table, change the table, open a cell's
//! units, go to one of them.

use super::{Data, KINDS, Kind, Pane};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effects::{Effect, Place};
use crate::tui::widgets::list::list_motion;

/// What the table acts on besides the list motions.
pub const REPORT_HANDLES: &[Action] = &[
    Action::ColumnLeft,
    Action::ColumnRight,
    Action::CycleReport,
    Action::CellUnits,
    Action::Search,
    Action::SearchNext,
    Action::SearchPrev,
];

/// What the list of a cell's units acts on besides the list motions.
pub const REPORT_UNITS_HANDLES: &[Action] = &[
    Action::ShowUnit,
    Action::Search,
    Action::SearchNext,
    Action::SearchPrev,
];

/// The name of a table, as the status line says it.
pub fn kind_name(kind: Kind) -> String {
    match kind {
        Kind::By(by) => format!("code × {}", by.name().replace('-', " ")),
        Kind::Cooccurrence => "code co-occurrence".into(),
        Kind::Coverage => "coverage per transcript".into(),
    }
}

impl App {
    /// Acts on an action of view 7.
    pub(in crate::tui) fn reports_action(&mut self, action: Action) {
        // The keys act on the table as it is now, drawn or not.
        self.refresh_report();
        let s = &mut self.reports;
        match (s.focus, action) {
            (_, Action::FocusNext | Action::FocusPrev) => {
                if s.opened.is_some() {
                    s.focus = match s.focus {
                        Pane::Table => Pane::Units,
                        Pane::Units => Pane::Table,
                    };
                }
            }
            (_, Action::Cancel) => {
                s.opened = None;
                s.focus = Pane::Table;
            }
            (Pane::Table, Action::CycleReport) => {
                s.kind = (s.kind + 1) % KINDS.len();
                s.row = 0;
                s.col = 0;
                s.row_top = 0;
                s.col_left = 0;
                s.opened = None;
                let name = kind_name(s.kind());
                self.say(format!("Reports: {name}"));
            }
            (Pane::Table, Action::ColumnLeft) => s.col = s.col.saturating_sub(1),
            (Pane::Table, Action::ColumnRight) => s.col += 1,
            (Pane::Table, Action::CellUnits) => self.open_cell(),
            (Pane::Table, a) => {
                let rows = s.data().map_or(0, |d| d.shape().0);
                if let Some(i) = list_motion(a, s.row, rows, s.rows_shown) {
                    s.row = i.min(rows.saturating_sub(1));
                }
            }
            (Pane::Units, Action::ShowUnit) => {
                let Some((coder, id)) = s.opened.as_ref().and_then(|l| l.get(s.unit_sel)).cloned()
                else {
                    return;
                };
                self.queue(Effect::Show(Place::Unit { coder, id }));
            }
            (Pane::Units, a) => {
                let len = s.opened.as_ref().map_or(0, Vec::len);
                if let Some(i) = list_motion(a, s.unit_sel, len, s.units_shown) {
                    s.unit_sel = i.min(len.saturating_sub(1));
                }
            }
        }
    }

    /// Lists the meaning units behind the selected cell below the table.
    fn open_cell(&mut self) {
        let s = &self.reports;
        let units: Vec<(String, crate::model::UnitId)> = match s.data() {
            Some(Data::Table(r)) => r
                .rows
                .get(s.row)
                .and_then(|row| row.units.get(s.col))
                .map(|list| {
                    list.iter()
                        .map(|(c, id)| (r.coders[*c].clone(), *id))
                        .collect()
                })
                .unwrap_or_default(),
            Some(Data::Coverage(c)) => {
                let project = self.session.project();
                let t = project.transcripts.get(s.row).map(|t| t.id);
                c.coders
                    .iter()
                    .flat_map(|coder| {
                        project
                            .units_of(coder)
                            .iter()
                            .filter(|u| Some(u.transcript) == t)
                            .map(|u| (coder.clone(), u.id))
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        if units.is_empty() {
            return self.complain("No meaning units in this cell");
        }
        let n = units.len();
        let s = &mut self.reports;
        s.opened = Some(units);
        s.focus = Pane::Units;
        s.unit_sel = 0;
        s.unit_top = 0;
        self.say(format!(
            "{n} meaning unit{} behind the cell: Enter shows one in its transcript, Esc closes",
            if n == 1 { "" } else { "s" }
        ));
    }
}
