//! The layout step of views 3 and 4, before drawing: where the panes go, the list
//! windows, the middle pane's units, and how far the text pane on the right can scroll.

use super::draw::{pane_areas, right_text_pane, wrapped};
use crate::tui::app::App;
use crate::tui::widgets::list::inner;
use crate::tui::widgets::text_pane;
use ratatui::layout::Rect;

impl App {
    /// Lays view 3 or 4 out in `body`.
    pub(in crate::tui) fn layout_groups(&mut self, body: Rect) {
        let mut areas = pane_areas(body);
        if self.zoom {
            let focused = match self.groups.side {
                crate::tui::screens::Side::Left => 0,
                crate::tui::screens::Side::Middle => 1,
                crate::tui::screens::Side::Right => 2,
            };
            areas = crate::tui::widgets::zoom(areas, focused, body);
        }
        let [left, middle, right] = areas;
        self.groups.areas = [left, middle, right];
        let whose = self.whose().to_string();
        self.refresh_code_counts(&whose);
        self.refresh_lifted();
        self.groups.list_heights.0 = (inner(left).height as usize).max(1);
        // Each unit takes its quote's lines (up to three) and two more (who, and a
        // blank): the window is measured in rows, so short quotes leave no pane half
        // empty and long ones never push the selection out of sight.
        let inside = inner(middle);
        let (height, width) = (inside.height as usize, inside.width as usize);
        let quote_lines = if height >= 16 { 3 } else { 2 };
        let project = self.session.project();
        let all = project.units_of(self.whose());
        let rows_of = |p: usize| {
            let quote = all.get(p).map_or("", |u| project.quote(u));
            wrapped(quote, width.saturating_sub(2), quote_lines).len() + 2
        };
        let positions = self.lifted();
        let count = positions.len();
        let mut top = self.groups.lifted_top.min(count.saturating_sub(1));
        let mut per_page = 1;
        if count > 0 {
            let sel = self.groups.lifted_sel.min(count - 1);
            top = top.min(sel);
            // The first unit from which the selection still fits: back from the
            // selection, so the cost is the rows in sight, not the length of the list.
            let mut used = rows_of(positions[sel]);
            let mut first = sel;
            while first > top && used + rows_of(positions[first - 1]) <= height {
                first -= 1;
                used += rows_of(positions[first]);
            }
            top = first;
            let mut used = 0;
            per_page = positions[top..]
                .iter()
                .take_while(|&&p| {
                    used += rows_of(p);
                    used <= height
                })
                .count()
                .max(1);
        }
        (self.groups.lifted_top, self.groups.list_heights.1) = (top, per_page);
        if let Some(pane) = right_text_pane(self).filter(|p| p.focused) {
            self.groups.scroll = self.groups.scroll.min(text_pane::max_scroll(right, &pane));
        }
    }
}
