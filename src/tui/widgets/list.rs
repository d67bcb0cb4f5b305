//! Lists that show only the rows that fit: motions through them, the window that keeps
//! the selection in sight, and cutting a row to its width.

use crate::tui::action::Action;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

pub use crate::text::ellipsize;

/// The quiet message a pane shows when it has nothing to list.
pub fn empty_pane(f: &mut Frame, app: &App, msg: &str, area: Rect) {
    let text = Paragraph::new(msg)
        .style(app.theme.muted())
        .wrap(ratatui::widgets::Wrap { trim: false });
    f.render_widget(text, area);
}

/// The inside of a bordered pane at `area` (where its rows go).
pub fn inner(area: Rect) -> Rect {
    ratatui::widgets::Block::bordered().inner(area)
}

/// Keeps `selected` inside a window of `height` rows starting at `top`.
pub fn window(top: usize, selected: usize, height: usize) -> usize {
    if selected < top {
        selected
    } else if selected >= top + height {
        selected + 1 - height
    } else {
        top
    }
}

/// The motions through a list (`list_motion` takes each of them).
pub const LIST_MOTIONS: &[Action] = &[
    Action::Down,
    Action::Up,
    Action::Top,
    Action::Bottom,
    Action::HalfPageDown,
    Action::HalfPageUp,
    Action::PageDown,
    Action::PageUp,
];

/// Where a list motion takes the selection from row `i` of `len` (`page` rows shown),
/// or `None` when the action is not a motion.
pub fn list_motion(action: Action, i: usize, len: usize, page: usize) -> Option<usize> {
    Some(match action {
        Action::Down => i + 1,
        Action::Up => i.saturating_sub(1),
        Action::Top => 0,
        Action::Bottom => len.saturating_sub(1),
        Action::HalfPageDown => i + page / 2,
        Action::HalfPageUp => i.saturating_sub(page / 2),
        Action::PageDown => i + page,
        Action::PageUp => i.saturating_sub(page),
        _ => return None,
    })
}
