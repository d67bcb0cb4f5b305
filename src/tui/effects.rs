//! Follow-up effects. An update does its own work (a change to the project, its own
//! screen's selection) and asks for the rest — a line in the status bar, a save, a
//! place shown in another view, a selection in another screen — by queueing an
//! [`Effect`]. The router carries the queue out, in order, once the key, click or tick
//! is handled ([`App::settle`]), so no screen reaches into another screen's state and
//! every follow-up happens in one place.

use super::app::{App, Tone};
use super::screens::View;
use crate::model::{CodeId, TranscriptId, UnitId};
use std::time::Instant;

/// What an update asks to happen once it is done.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// A line in the status bar: of several, the last one shows.
    Status(String, Tone),
    /// The project changed: a save is due within a second.
    SaveDue,
    /// Show a place in the view it belongs to; `Back` returns.
    Show(Place),
    /// A code was made: the code tree and the code-group lists select it.
    SelectCode(CodeId),
    /// A theme was made at this place in the list: view 1 selects it.
    SelectTheme(usize),
    /// A passage or unit was coded with `code`: it heads the recent codes of view 2's
    /// picker, and a coded passage's selection ends.
    Coded { code: CodeId, passage: bool },
}

/// A place to show in another view.
#[derive(Clone, Debug, PartialEq)]
pub enum Place {
    /// Someone's meaning unit in its transcript (view 2).
    Unit { coder: String, id: UnitId },
    /// A passage in its transcript (view 2); `everyone` marks every person's units.
    Passage {
        transcript: TranscriptId,
        start: usize,
        everyone: bool,
    },
    /// A code in the code tree (view 2).
    Code(CodeId),
    /// A code group or subgroup in view 3 or 4.
    Group { view: View, id: CodeId },
    /// A view as it is.
    View(View),
}

impl App {
    /// Asks for `effect` once the current key, click or tick is handled.
    pub(in crate::tui) fn queue(&mut self, effect: Effect) {
        self.effects.push_back(effect);
    }

    /// Carries out the queued effects in order, and those they queue in turn.
    pub fn settle(&mut self) {
        while let Some(effect) = self.effects.pop_front() {
            self.carry_out(effect);
        }
    }

    fn carry_out(&mut self, effect: Effect) {
        match effect {
            Effect::Status(text, tone) => self.message = Some((text, tone)),
            Effect::SaveDue => {
                self.pending_since.get_or_insert_with(Instant::now);
            }
            Effect::Show(place) => self.show(place),
            Effect::SelectCode(id) => {
                self.coding.tree_sel = Some(id);
                self.groups.group_sel = Some(id);
            }
            Effect::SelectTheme(i) => self.themes.sel = i,
            Effect::Coded { code, passage } => self.coding.coded_with(code, passage),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn effects_wait_for_settle_and_are_carried_out_in_order() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("demo");
        crate::demo::create(&dir).unwrap();
        let session = crate::session::Session::open(&dir, "ana").unwrap();
        let mut app = App::new(session, &crate::config::defaults(), Vec::new());
        app.message = None;
        app.say("first");
        app.complain("second");
        assert_eq!(
            app.message, None,
            "nothing happens before the key is handled"
        );
        app.settle();
        assert_eq!(app.message, Some(("second".into(), Tone::Error)));
        assert!(app.effects.is_empty());
        // A shown place comes back with Back.
        app.queue(Effect::Show(Place::View(View::Synthesis)));
        app.settle();
        assert_eq!(app.view, View::Synthesis);
        assert_eq!(app.back, Some(View::Coding));
    }
}
