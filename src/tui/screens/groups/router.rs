//! Views 3 and 4 as the router sees them: their tabs, their keys' scopes, their hints,
//! and where their actions go.

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Scope;
use crate::tui::screens::{Hints, Screen, Side, View};

/// View 3 in the screen table.
pub const CONDENSATION: Screen = Screen {
    help: &[Scope::Groups, Scope::Lifted, Scope::Memo, Scope::Editor],
    view: View::Condensation,
    tab: "3 Condensation",
    team: false,
    switch: Action::ViewCondensation,
    enter,
    layout: |app, body| app.layout_groups(body),
    draw: super::draw,
    update,
    scope,
    hints,
};

/// View 4 in the screen table.
pub const SYNTHESIS: Screen = Screen {
    view: View::Synthesis,
    tab: "4 Synthesis",
    switch: Action::ViewSynthesis,
    help: &[
        Scope::Groups,
        Scope::Lifted,
        Scope::Memo,
        Scope::Editor,
        Scope::Validation,
    ],
    ..CONDENSATION
};

/// Coming to the front: the code groups have focus, and there is no way back to a
/// unit's transcript any more.
fn enter(app: &mut App) {
    app.groups.side = Side::Left;
    app.back = None;
}

fn update(app: &mut App, action: Action) {
    match action {
        Action::FocusNext | Action::FocusPrev => {
            app.groups.side = app.groups.side.step(action == Action::FocusPrev);
        }
        Action::Cancel => {}
        _ => app.condense_action(action),
    }
}

fn scope(app: &App) -> Scope {
    let condensation = app.view == View::Condensation;
    match app.groups.side {
        Side::Left => Scope::Groups,
        Side::Middle if condensation || app.group_selected() => Scope::Lifted,
        Side::Middle => Scope::Memo,
        Side::Right if !condensation && app.group_selected() => Scope::Validation,
        Side::Right => Scope::Memo,
    }
}

fn hints(app: &App) -> Hints {
    match scope(app) {
        Scope::Groups => (
            Scope::Groups,
            &[
                (Action::EditText, "write"),
                (Action::NewCode, "new subgroup"),
            ],
        ),
        Scope::Lifted if app.view == View::Condensation => (
            Scope::Lifted,
            &[
                (Action::MoveToSubgroup, "move to subgroup"),
                (Action::Code, "add subgroup"),
                (Action::GoldenQuote, "golden quote"),
                (Action::FilterByCode, "filter by code"),
                (Action::ShowUnit, "in transcript"),
            ],
        ),
        Scope::Lifted => (
            Scope::Lifted,
            &[
                (Action::Contradicts, "contradicts"),
                (Action::ShowUnit, "in transcript"),
            ],
        ),
        Scope::Validation => (
            Scope::Validation,
            &[
                (Action::EditText, "edit"),
                (Action::ToggleReread, "tick re-read"),
            ],
        ),
        _ => (Scope::Memo, &[(Action::EditText, "write")]),
    }
}
