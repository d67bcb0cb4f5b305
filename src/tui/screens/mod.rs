//! The screens: one folder each, with its own state, its actions and its drawing. The
//! [`App`] routes keys to the screen in view and owns the session.
//!
//! Adding a view: a folder here with its state, layout, draw, update and a `router.rs`
//! that describes it as a [`Screen`]; then one line in [`SCREENS`] (and its variant of
//! [`View`] and its state in `App`), a line per pane in the keymap's `SCOPES` (and keys
//! in `assets/config.ron`), and the action that switches to it in the help's vocabulary
//! (`action.rs`). docs/ARCHITECTURE.md has the list.

pub mod coding;
pub mod compare;
pub mod groups;
pub mod reports;
pub mod review;
pub mod themes;

use super::action::Action;
use super::app::App;
use super::keymap::Scope;
use ratatui::Frame;
use ratatui::layout::Rect;

/// The status line's hints: the scope whose keys to show, and the actions with what
/// to call them.
pub type Hints = (Scope, &'static [(Action, &'static str)]);

/// What the router needs to know of a screen.
pub struct Screen {
    pub view: View,
    /// Its tab on the top line.
    pub tab: &'static str,
    /// A view of the team's work (5–7): set apart from the STC steps on the top line.
    pub team: bool,
    /// The action that brings it to the front.
    pub switch: Action,
    /// Called when it comes to the front.
    pub enter: fn(&mut App),
    /// The layout step before drawing, with the body's area.
    pub layout: fn(&mut App, Rect),
    /// Draws it in the body's area, from the state alone.
    pub draw: fn(&mut Frame, &App, Rect),
    /// Acts on an action its focused pane's scope (or the global scope) bound.
    pub update: fn(&mut App, Action),
    /// The keymap scope of its focused pane.
    pub scope: fn(&App) -> Scope,
    /// The scopes of its other panes and overlays, whose keys its help shows too (after
    /// the focused pane's, the global ones and the participants list's).
    pub help: &'static [Scope],
    /// The status line's hints for its focused pane.
    pub hints: fn(&App) -> Hints,
}

/// Every screen, in tab order: the router's table.
pub const SCREENS: &[Screen] = &[
    themes::SCREEN,
    coding::SCREEN,
    groups::CONDENSATION,
    groups::SYNTHESIS,
    review::SCREEN,
    compare::SCREEN,
    reports::SCREEN,
];

/// The screen of a view.
pub fn screen(view: View) -> &'static Screen {
    SCREENS
        .iter()
        .find(|s| s.view == view)
        .unwrap_or(&SCREENS[0])
}

/// The STC steps, one view each, and the team's views.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum View {
    Themes,
    Coding,
    Condensation,
    Synthesis,
    Review,
    Compare,
    Reports,
}

/// The three panes of views 1, 3 and 4, left to right.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Side {
    #[default]
    Left,
    Middle,
    Right,
}

impl Side {
    /// The next pane to the right (wrapping), or to the left when `back`.
    pub fn step(self, back: bool) -> Side {
        let order = [Side::Left, Side::Middle, Side::Right];
        let i = order.iter().position(|s| *s == self).unwrap_or(0);
        order[if back { i + 2 } else { i + 1 } % 3]
    }
}
