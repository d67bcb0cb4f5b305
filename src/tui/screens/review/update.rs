//! View 5's keys: moving through the threads, replying, resolving, going to the thing.

use crate::model::Target;
use crate::ops;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effects::{Effect, Place};
use crate::tui::screens::View;
use crate::tui::widgets::list::list_motion;

/// The actions view 5 acts on (besides the list motions).
pub const REVIEW_HANDLES: &[Action] = &[
    Action::Reply,
    Action::Resolve,
    Action::ShowUnit,
    Action::FilterThreads,
    Action::SpotChecks,
    Action::Agree,
    Action::Disagree,
    Action::Unsure,
];

impl App {
    pub(in crate::tui) fn review_action(&mut self, action: Action) {
        if action == Action::SpotChecks {
            if !self.review.spotting && self.my_spotcheck().is_none() {
                return self.say(
                    "No spot-check of yours yet: kondens spotcheck DIR --of CODER --sample N \
                     draws one",
                );
            }
            self.review.spotting = !self.review.spotting;
            return;
        }
        if self.review.spotting {
            return self.spot_action(action);
        }
        let count = self.review_threads().len();
        if let Some(to) = list_motion(action, self.review.sel, count, 10) {
            self.review.sel = to.min(count.saturating_sub(1));
            return;
        }
        let selected = self
            .review_threads()
            .get(self.review.sel)
            .map(|t| (t.id, t.target.clone(), t.resolved));
        match action {
            Action::FilterThreads => {
                let me = self.session.coder();
                let mut others: Vec<String> = self
                    .session
                    .project()
                    .threads()
                    .iter()
                    .flat_map(|t| t.comments.iter().map(|(a, _)| a.to_string()))
                    .filter(|a| a != me)
                    .collect();
                others.sort();
                others.dedup();
                self.review.filter = self.review.filter.next(&others);
                self.review.sel = 0;
                let what = self.review.filter.label();
                self.say(format!("Showing {what}"));
            }
            _ if selected.is_none() => self.say("No thread here yet: C on something starts one"),
            Action::Reply => {
                if let Some((id, target, _)) = selected {
                    let about = format!("the thread on the {}", target.kind());
                    self.open_comment(target, Some(id), about);
                }
            }
            Action::Resolve => {
                if let Some((id, _, resolved)) = selected {
                    let me = self.session.coder().to_string();
                    match ops::resolve_thread(self.session.project(), &me, id, !resolved) {
                        Ok(edit) => {
                            self.perform(edit);
                        }
                        Err(e) => self.complain(e.to_string()),
                    }
                }
            }
            Action::ShowUnit => {
                if let Some((_, target, _)) = selected {
                    self.go_to_target(&target);
                }
            }
            _ => {}
        }
    }

    /// A key while working through a spot-check.
    fn spot_action(&mut self, action: Action) {
        let Some(s) = self.my_spotcheck() else {
            self.review.spotting = false;
            return;
        };
        let (id, of, sample) = (s.id, s.of.clone(), s.sample.clone());
        if let Some(to) = list_motion(action, self.review.spot_sel, sample.len(), 10) {
            self.review.spot_sel = to.min(sample.len().saturating_sub(1));
            return;
        }
        let Some(&unit) = sample.get(self.review.spot_sel) else {
            return;
        };
        let verdict = match action {
            Action::Agree => crate::model::Verdict::Agree,
            Action::Disagree => crate::model::Verdict::Disagree,
            Action::Unsure => crate::model::Verdict::Unsure,
            Action::ShowUnit => {
                return self.queue(Effect::Show(Place::Unit {
                    coder: of,
                    id: unit,
                }));
            }
            _ => return,
        };
        let me = self.session.coder().to_string();
        match ops::judge(self.session.project(), &me, id, unit, verdict) {
            Ok(edit) => {
                self.perform(edit);
            }
            Err(e) => return self.complain(e.to_string()),
        }
        if verdict == crate::model::Verdict::Disagree {
            // Why: a comment on the unit, which the coder sees in their threads.
            self.open_comment(
                Target::Unit {
                    owner: of,
                    id: unit,
                },
                None,
                "why you disagree with this coding".into(),
            );
            if let Some(d) = self.editor.as_mut().and_then(|e| e.comment.as_mut()) {
                d.stance = crate::model::Stance::Disagree;
            }
        }
        self.review.spot_sel = (self.review.spot_sel + 1).min(sample.len().saturating_sub(1));
    }

    /// Shows what a thread is about in its own view (`Ctrl-o` comes back).
    fn go_to_target(&mut self, target: &Target) {
        let me = self.session.coder().to_string();
        let mine = target.owner().is_none_or(|o| o == me);
        if let Target::Unit { owner, id } = target {
            return self.queue(Effect::Show(Place::Unit {
                coder: owner.clone(),
                id: *id,
            }));
        }
        if !mine {
            return self.say(format!(
                "That is {}'s {}: the thread shows it",
                target.owner().unwrap_or("someone else"),
                target.kind()
            ));
        }
        let place = match target {
            Target::Code(id) => Place::Code(*id),
            Target::Passage {
                transcript, start, ..
            } => Place::Passage {
                transcript: *transcript,
                start: *start,
                everyone: false,
            },
            Target::Condensate { subgroup, .. } => Place::Group {
                view: View::Condensation,
                id: *subgroup,
            },
            Target::AnalyticText { subgroup, .. } => Place::Group {
                view: View::Synthesis,
                id: *subgroup,
            },
            Target::ResultHeading { group, .. } => Place::Group {
                view: View::Synthesis,
                id: *group,
            },
            Target::Theme { .. } | Target::Preconceptions { .. } | Target::Unit { .. } => {
                Place::View(View::Themes)
            }
        };
        self.queue(Effect::Show(place));
        let back = self
            .keymap
            .keys_for(crate::tui::keymap::Scope::Global, Action::Back);
        self.say(format!("There it is: {back} goes back to the thread"));
    }
}
