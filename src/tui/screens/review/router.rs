//! View 5 as the router sees it.

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Scope;
use crate::tui::screens::{Hints, Screen, View};

/// View 5 in the screen table.
pub const SCREEN: Screen = Screen {
    help: &[Scope::Review, Scope::Editor],
    view: View::Review,
    tab: "5 Review",
    team: true,
    switch: Action::ViewReview,
    enter: |_| {},
    layout: |_, _| {},
    draw: super::draw,
    update: |app, action| app.review_action(action),
    scope: |_: &App| Scope::Review,
    hints: |app: &App| -> Hints {
        if app.review.spotting {
            return (
                Scope::Review,
                &[
                    (Action::Agree, "agree"),
                    (Action::Disagree, "disagree"),
                    (Action::Unsure, "unsure"),
                    (Action::ShowUnit, "in transcript"),
                    (Action::SpotChecks, "threads"),
                ],
            );
        }
        (
            Scope::Review,
            &[
                (Action::Reply, "reply"),
                (Action::Resolve, "resolve/reopen"),
                (Action::ShowUnit, "go to it"),
                (Action::FilterThreads, "filter"),
                (Action::SpotChecks, "spot-check"),
            ],
        )
    },
};
