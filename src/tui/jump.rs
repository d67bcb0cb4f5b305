//! Showing a place in another view (the [`Effect::Show`](super::effects::Effect) a
//! screen queues), and going back.

use super::action::Action;
use super::app::App;
use super::effects::Place;
use super::keymap::Scope;
use super::screens::View;
use super::screens::coding::{Marks, Pane};
use crate::model::UnitId;

impl App {
    /// Shows `place` in its view, remembering this view for `Back`.
    pub(super) fn show(&mut self, place: Place) {
        let (transcript, start, everyone) = match place {
            Place::Unit { coder, id } => return self.show_unit(&coder, id),
            Place::Passage {
                transcript,
                start,
                everyone,
            } => (transcript, start, everyone),
            Place::Code(id) => {
                self.back = Some(self.view);
                self.view = View::Coding;
                self.coding.focus = Pane::Tree;
                self.coding.tree_sel = Some(id);
                return;
            }
            Place::Group { view, id } => {
                self.back = Some(self.view);
                self.view = view;
                self.groups.group_sel = Some(id);
                return;
            }
            Place::View(view) => {
                self.back = Some(self.view);
                self.view = view;
                return;
            }
        };
        self.back = Some(self.view);
        self.view = View::Coding;
        self.coding.focus = Pane::Transcript;
        if everyone {
            self.coding.marks = Marks::Everyone;
        }
        self.reveal_passage(transcript, start);
    }

    /// Shows `coder`'s unit in its transcript (view 2). Another person's unit is shown
    /// by its place: view 2 marks only one's own.
    fn show_unit(&mut self, coder: &str, unit: UnitId) {
        let project = self.session.project();
        let Some(u) = project.unit(coder, unit).cloned() else {
            return self.complain("That meaning unit is no longer there");
        };
        if project.transcript_index(u.transcript).is_none() {
            return;
        }
        self.back = Some(self.view);
        self.view = View::Coding;
        self.coding.focus = Pane::Transcript;
        self.coding.unit_filter = None;
        let back = self.keymap.keys_for(Scope::Global, Action::Back);
        if coder == self.session.coder() {
            self.coding.unit_sel = Some(unit);
            self.reveal_unit(unit);
            self.say(format!("The unit in its transcript: {back} goes back"));
        } else {
            self.reveal_passage(u.transcript, u.start);
            self.say(format!(
                "{coder}'s unit starts at the cursor (view 2 marks your own units): {back} goes back"
            ));
        }
    }

    /// Goes back to the view a place was shown from.
    pub(in crate::tui) fn go_back(&mut self) {
        match self.back.take() {
            Some(view) => {
                self.view = view;
                self.say("Back");
            }
            None => self.complain("Nothing to go back to"),
        }
    }
}
