//! View 2 as the router sees it: its tab, its keys' scope, its hints, and where its
//! actions go.

use super::Pane;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Scope;
use crate::tui::screens::{Hints, Screen, View};

/// View 2 in the screen table.
pub const SCREEN: Screen = Screen {
    help: &[Scope::Picker, Scope::Confirm],
    view: View::Coding,
    tab: "2 Coding",
    team: false,
    switch: Action::ViewCoding,
    enter: |_| {},
    layout: |app, body| app.layout_coding(body),
    draw: super::draw,
    update,
    scope: |app| app.coding.focus.scope(),
    hints,
};

fn update(app: &mut App, action: Action) {
    match action {
        Action::FocusNext | Action::FocusPrev => {
            let order = [Pane::Transcript, Pane::Units, Pane::Tree];
            let i = order
                .iter()
                .position(|p| *p == app.coding.focus)
                .unwrap_or(0);
            let n = if action == Action::FocusNext {
                i + 1
            } else {
                i + 2
            };
            app.coding.focus = order[n % 3];
        }
        Action::Cancel => cancel(app),
        _ => match app.coding.focus {
            Pane::Transcript => app.transcript_action(action),
            Pane::Units => app.units_action(action),
            Pane::Tree => app.tree_action(action),
        },
    }
}

/// Esc: ends the selection, else clears the search, else the units filter, else the
/// tree filter.
fn cancel(app: &mut App) {
    if app.coding.reshaping.take().is_some() {
        app.coding.tv.anchor = None;
        app.say("The unit keeps its boundaries");
    } else if app.coding.merge_mark.take().is_some() {
        app.say("Not merging");
    } else if app.coding.tv.anchor.take().is_some() {
        app.say("Selection ended");
    } else if app.coding.search.take().is_some() {
        app.say("Search cleared");
    } else if app.coding.unit_filter.take().is_some() {
        app.say("Filter cleared: the units of this transcript");
    } else if !app.coding.tree_filter.is_empty() {
        app.coding.tree_filter.clear();
        app.say("Tree filter cleared");
    }
}

fn hints(app: &App) -> Hints {
    match app.coding.focus {
        Pane::Transcript if app.coding.reshaping.is_some() => (
            Scope::Transcript,
            &[
                (Action::Code, "keep the new boundaries"),
                (Action::Cancel, "keep the old"),
            ],
        ),
        Pane::Transcript if app.coding.tv.anchor.is_some() => (
            Scope::Transcript,
            &[(Action::Code, "code"), (Action::Select, "end selection")],
        ),
        Pane::Transcript => (
            Scope::Transcript,
            &[
                (Action::Select, "select"),
                (Action::SelectTurn, "turn"),
                (Action::Search, "search"),
            ],
        ),
        Pane::Units => (
            Scope::Units,
            &[
                (Action::ShowUnit, "show"),
                (Action::Code, "code"),
                (Action::EditNote, "note"),
                (Action::DeleteUnit, "delete"),
            ],
        ),
        Pane::Tree => (
            Scope::Tree,
            &[
                (Action::NewCode, "new"),
                (Action::RenameCode, "rename"),
                (Action::Filter, "filter"),
                (Action::DeleteCode, "delete"),
            ],
        ),
    }
}
