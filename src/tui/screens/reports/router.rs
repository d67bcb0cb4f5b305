//! View 7 as the router sees it: its tab, its keys' scopes, its hints, and where its
//! actions go.

use super::Pane;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Scope;
use crate::tui::screens::{Hints, Screen, View};

/// View 7 in the screen table.
pub const SCREEN: Screen = Screen {
    help: &[Scope::Report, Scope::ReportUnits],
    view: View::Reports,
    tab: "7 Reports",
    team: true,
    switch: Action::ViewReports,
    enter: |_| {},
    layout: |app, body| app.layout_reports(body),
    draw: super::draw,
    update: |app, action| app.reports_action(action),
    scope,
    hints,
};

fn scope(app: &App) -> Scope {
    match app.reports.focus {
        Pane::Table => Scope::Report,
        Pane::Units => Scope::ReportUnits,
    }
}

fn hints(app: &App) -> Hints {
    match app.reports.focus {
        Pane::Table => (
            Scope::Report,
            &[
                (Action::CellUnits, "units of the cell"),
                (Action::CycleReport, "next table"),
            ],
        ),
        Pane::Units => (Scope::ReportUnits, &[(Action::ShowUnit, "in transcript")]),
    }
}
