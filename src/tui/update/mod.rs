//! What each action does: one file per pane, one for the overlays.

mod condense;
mod editor;
mod overlays;
mod participants;
mod themes;
mod transcript;
mod tree;
mod units;

use crate::tui::action::Action;

/// Where a list motion takes the selection from row `i` of `len` (`page` rows shown),
/// or `None` when the action is not a motion.
pub(in crate::tui) fn list_motion(
    action: Action,
    i: usize,
    len: usize,
    page: usize,
) -> Option<usize> {
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

/// How many codes the picker offers by number.
pub(in crate::tui) const RECENT: usize = 9;
