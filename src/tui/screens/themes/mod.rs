//! View 1, Themes (STC steps 0–1): the preconceptions memo, the total impression and
//! the preliminary themes.

mod draw;
mod update;

pub use draw::draw;

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
