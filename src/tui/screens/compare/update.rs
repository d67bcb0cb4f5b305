//! View 6's keys.

use crate::ops;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effects::{Effect, Place};
use crate::tui::widgets::list::list_motion;

/// The actions view 6 acts on (besides the list motions).
pub const COMPARE_HANDLES: &[Action] = &[Action::Adopt, Action::OtherCoder, Action::ShowUnit];

impl App {
    pub(in crate::tui) fn compare_action(&mut self, action: Action) {
        self.layout_compare();
        let count = self.compare.diffs.len();
        if let Some(to) = list_motion(action, self.compare.sel, count, 10) {
            self.compare.sel = to.min(count.saturating_sub(1));
            return;
        }
        let others = self.other_coders();
        match action {
            Action::OtherCoder => {
                if others.is_empty() {
                    return self.say("Nobody else has coded in this project yet");
                }
                let next = match &self.compare.other {
                    Some(o) => others
                        .iter()
                        .position(|x| x == o)
                        .map_or(0, |i| (i + 1) % others.len()),
                    None => 0,
                };
                self.compare.other = Some(others[next].clone());
                self.compare.sel = 0;
                self.layout_compare();
                self.say(format!("Comparing with {}", others[next]));
            }
            Action::Adopt | Action::ShowUnit => {
                let (Some(d), Some(other)) = (
                    self.compare.diffs.get(self.compare.sel).cloned(),
                    self.compare.other.clone(),
                ) else {
                    return self.say("No difference here to act on");
                };
                if action == Action::ShowUnit {
                    return self.queue(Effect::Show(Place::Passage {
                        transcript: d.transcript,
                        start: d.span.start,
                        everyone: true,
                    }));
                }
                let me = self.session.coder().to_string();
                match ops::adopt(self.session.project(), &me, &other, &d) {
                    Ok(edit) => {
                        self.perform(edit);
                    }
                    Err(e) => self.complain(e.to_string()),
                }
            }
            _ => {}
        }
    }
}
