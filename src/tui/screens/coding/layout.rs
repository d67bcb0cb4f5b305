//! View 2's layout step, before drawing: where the panes go, which transcript rows are
//! in sight (the cursor kept among them), the list windows and the cached lists.

use super::{Areas, DrawnRow};
use crate::tui::app::App;
use crate::tui::widgets::list::{inner, window};
use ratatui::layout::{Constraint, Layout, Rect};

/// The three panes of view 2 in `body`.
pub fn pane_areas(body: Rect) -> Areas {
    let [transcript, units, tree] = Layout::horizontal([
        Constraint::Percentage(52),
        Constraint::Percentage(24),
        Constraint::Percentage(24),
    ])
    .areas(body);
    Areas {
        transcript,
        units,
        tree,
    }
}

impl App {
    /// Lays view 2 out in `body`.
    pub(in crate::tui) fn layout_coding(&mut self, body: Rect) {
        let mut areas = pane_areas(body);
        if self.zoom {
            let focused = match self.coding.focus {
                super::Pane::Transcript => 0,
                super::Pane::Units => 1,
                super::Pane::Tree => 2,
            };
            let [transcript, units, tree] = crate::tui::widgets::zoom(
                [areas.transcript, areas.units, areas.tree],
                focused,
                body,
            );
            areas = Areas {
                transcript,
                units,
                tree,
            };
        }
        self.coding.areas = areas;
        self.layout_transcript(inner(self.coding.areas.transcript));
        self.layout_units(inner(self.coding.areas.units));
        self.layout_tree(inner(self.coding.areas.tree));
    }

    /// Keeps the cursor in sight and works out the rows the transcript pane shows:
    /// only as many as fit, however long the transcript.
    fn layout_transcript(&mut self, inner: Rect) {
        self.coding.drawn_rows.clear();
        let idx = self.coding.tv.idx;
        let Some(t) = self.session.project().transcripts.get(idx) else {
            return;
        };
        if t.turns.is_empty() || inner.height == 0 {
            return;
        }
        let tv = &mut self.coding.tv;
        tv.set_geometry(t, inner.width as usize, inner.height as usize);
        if tv.top.turn >= t.turns.len() {
            tv.top = Default::default();
        }
        tv.ensure_visible(t);
        let x = inner.x + tv.gutter as u16 + 1;
        let mut p = tv.top;
        for y in 0..inner.height {
            let bytes = tv.rows(t, p.turn).get(p.row).cloned();
            self.coding.drawn_rows.push(DrawnRow {
                y: inner.y + y,
                x,
                turn: p.turn,
                row: p.row,
                bytes,
            });
            match tv.next_pos(t, p) {
                Some(q) => p = q,
                None => break,
            }
        }
    }

    fn layout_units(&mut self, inner: Rect) {
        let per_page = (inner.height as usize / 2).max(1);
        self.coding.list_heights.0 = per_page;
        self.refresh_shown_units();
        let count = self.shown_units().len();
        if count > 0 {
            let sel = self.unit_index();
            self.coding.unit_top =
                window(self.coding.unit_top, sel, per_page).min(count.saturating_sub(1));
        }
    }

    fn layout_tree(&mut self, inner: Rect) {
        let height = (inner.height as usize).max(1);
        self.coding.list_heights.1 = height;
        let me = self.session.coder().to_string();
        self.refresh_code_counts(&me);
        self.refresh_open_threads();
        let rows = self.tree_rows();
        if !rows.is_empty() {
            let sel = self.tree_index(&rows);
            self.coding.tree_top =
                window(self.coding.tree_top, sel, height).min(rows.len().saturating_sub(1));
        }
    }
}
