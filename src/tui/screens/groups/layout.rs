//! The layout step of views 3 and 4, before drawing: where the panes go, the list
//! windows, the middle pane's units, and how far the text pane on the right can scroll.

use super::draw::{pane_areas, right_text_pane};
use crate::tui::app::App;
use crate::tui::widgets::list::{inner, window};
use crate::tui::widgets::text_pane;
use ratatui::layout::Rect;

impl App {
    /// Lays view 3 or 4 out in `body`.
    pub(in crate::tui) fn layout_groups(&mut self, body: Rect) {
        let [left, middle, right] = pane_areas(body);
        self.groups.areas = [left, middle, right];
        self.refresh_code_counts();
        self.refresh_lifted();
        self.groups.list_heights.0 = (inner(left).height as usize).max(1);
        // Each unit takes its quote's lines and two more (who, and a blank).
        let height = inner(middle).height as usize;
        let quote_lines = if height >= 16 { 3 } else { 2 };
        let per_page = (height / (quote_lines + 2)).max(1);
        self.groups.list_heights.1 = per_page;
        let count = self.lifted().len();
        if count > 0 {
            let sel = self.groups.lifted_sel.min(count - 1);
            self.groups.lifted_top = window(self.groups.lifted_top, sel, per_page);
        }
        if let Some(pane) = right_text_pane(self).filter(|p| p.focused) {
            self.groups.scroll = self.groups.scroll.min(text_pane::max_scroll(right, &pane));
        }
    }
}
