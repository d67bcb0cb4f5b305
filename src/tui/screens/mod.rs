//! The screens: one folder each, with its own state, its actions and its drawing. The
//! [`App`](super::app::App) routes keys to the screen in view and owns the session.
//!
//! Adding a view: a folder here (state in `mod.rs`, `update.rs`, `draw.rs`, and its
//! `layout` step), then one line each in [`TABS`], in `App::update`'s router, in the
//! keymap's scopes (`keymap.rs` and `assets/config.ron`) and in the help (`action.rs`).

pub mod coding;
pub mod groups;
pub mod themes;

/// The STC steps, one view each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum View {
    Themes,
    Coding,
    Condensation,
    Synthesis,
}

/// The views in tab order, with their tab labels.
pub const TABS: [(View, &str); 4] = [
    (View::Themes, "1 Themes"),
    (View::Coding, "2 Coding"),
    (View::Condensation, "3 Condensation"),
    (View::Synthesis, "4 Synthesis"),
];

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
