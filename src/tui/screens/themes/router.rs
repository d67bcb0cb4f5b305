//! View 1 as the router sees it: its tab, its keys' scope, its hints, and where its
//! actions go.

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Scope;
use crate::tui::screens::{Hints, Screen, Side, View};

/// View 1 in the screen table.
pub const SCREEN: Screen = Screen {
    help: &[Scope::Memo, Scope::Themes, Scope::Editor],
    view: View::Themes,
    tab: "1 Themes",
    team: false,
    switch: Action::ViewThemes,
    enter: |_| {},
    layout: |app, body| app.layout_themes(body),
    draw: super::draw,
    update,
    scope,
    hints,
};

fn update(app: &mut App, action: Action) {
    match action {
        Action::FocusNext | Action::FocusPrev => {
            app.themes.side = app.themes.side.step(action == Action::FocusPrev);
        }
        Action::Cancel => {}
        _ => app.themes_action(action),
    }
}

fn scope(app: &App) -> Scope {
    match app.themes.side {
        Side::Right => Scope::Themes,
        _ => Scope::Memo,
    }
}

fn hints(app: &App) -> Hints {
    match app.themes.side {
        Side::Left => (
            Scope::Memo,
            &[
                (Action::EditText, "write"),
                (Action::LockPreconceptions, "lock"),
            ],
        ),
        Side::Middle => (Scope::Memo, &[(Action::EditText, "write")]),
        Side::Right => (
            Scope::Themes,
            &[
                (Action::NewTheme, "new"),
                (Action::EditText, "note"),
                (Action::ThemeToGroup, "make code group"),
                (Action::ThemeToSubgroup, "make subgroup"),
                (Action::LinkTheme, "link"),
                (Action::RenameTheme, "rename"),
            ],
        ),
    }
}
