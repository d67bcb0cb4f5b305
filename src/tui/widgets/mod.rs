//! Pieces more than one screen draws or steps through: list windows and motions, the
//! text pane, marked transcript rows and a passage in its turns.

pub mod edit_view;
pub mod list;
pub mod marked;
pub mod passage;
pub mod text_pane;

/// The panes of a view when one is zoomed: that one takes `body`, the others nothing.
pub fn zoom<const N: usize>(
    areas: [ratatui::layout::Rect; N],
    focused: usize,
    body: ratatui::layout::Rect,
) -> [ratatui::layout::Rect; N] {
    let mut out = [ratatui::layout::Rect::default(); N];
    if let Some(a) = out.get_mut(focused) {
        *a = body;
    } else {
        return areas;
    }
    out
}
