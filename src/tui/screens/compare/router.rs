//! View 6 as the router sees it.

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Scope;
use crate::tui::screens::{Hints, Screen, View};

/// View 6 in the screen table.
pub const SCREEN: Screen = Screen {
    help: &[Scope::Editor],
    view: View::Compare,
    tab: "6 Compare",
    team: true,
    switch: Action::ViewCompare,
    enter: |_| {},
    layout: |app, _| app.layout_compare(),
    draw: super::draw,
    update: |app, action| app.compare_action(action),
    scope: |_: &App| Scope::Compare,
    hints: |_: &App| -> Hints {
        (
            Scope::Compare,
            &[
                (Action::Adopt, "adopt theirs"),
                (Action::OtherCoder, "other person"),
                (Action::ShowUnit, "in transcript"),
            ],
        )
    },
};
