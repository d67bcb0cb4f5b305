//! View 1, Themes (STC steps 0–1): the preconceptions memo, the total impression and
//! the preliminary themes.

mod draw;
mod router;
mod update;

use crate::tui::app::App;
use crate::tui::widgets::text_pane;

pub use draw::draw;
pub(in crate::tui) use draw::focused_text_pane;
pub use router::SCREEN;
pub use update::THEMES_HANDLES;

use super::Side;
use ratatui::layout::Rect;

/// Where view 1 stands.
#[derive(Debug, Default)]
pub struct ThemesState {
    /// Preconceptions (left), total impression (middle), themes (right).
    pub side: Side,
    pub sel: usize,
    /// How far the focused text pane is scrolled (rows).
    pub scroll: u16,
    /// Where the three panes are (the layout step sets it), for drawing and the mouse.
    pub areas: [Rect; 3],
}

impl App {
    /// Lays view 1 out in `body`: the panes' places and how far the focused text pane
    /// can scroll.
    pub(in crate::tui) fn layout_themes(&mut self, body: Rect) {
        let [pre, imp, list, note] = draw::pane_rects_for(self, body);
        self.themes.areas = [pre, imp, list.union(note)];
        let (area, pane) = draw::focused_text_pane(self, body);
        self.themes.scroll = self.themes.scroll.min(text_pane::max_scroll(area, &pane));
    }
}
