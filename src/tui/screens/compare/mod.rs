//! View 6, Compare: where my coding and another person's differ — passages only one of
//! us coded, coded with different codes, or with different boundaries — each with both
//! sides' units and codes, and the agreement figures; `c` chooses the other person, `A`
//! adopts their coding of the passage into mine (undoable), `Enter` shows it in view 2.

mod draw;
mod router;
mod update;

pub use draw::draw;
pub use router::SCREEN;
pub use update::COMPARE_HANDLES;

use crate::derived::agreement::Agreement;
use crate::derived::compare::Difference;

/// View 6's state; what it shows is worked out in the layout step, once per project
/// revision and other person.
#[derive(Debug, Default)]
pub struct CompareState {
    /// The person compared with (the first other coder until `c` chooses).
    pub other: Option<String>,
    pub sel: usize,
    /// (revision, other person) the lists below were worked out for.
    pub key: Option<(u64, String)>,
    pub diffs: Vec<Difference>,
    pub figures: Option<Agreement>,
}

use crate::tui::app::App;

impl App {
    /// Works out the differences and figures when the project or the other person changed.
    pub(in crate::tui) fn layout_compare(&mut self) {
        let others = self.other_coders();
        let other = match &self.compare.other {
            Some(o) if others.contains(o) => Some(o.clone()),
            _ => others.first().cloned(),
        };
        self.compare.other = other.clone();
        let Some(other) = other else {
            self.compare.diffs.clear();
            self.compare.figures = None;
            self.compare.key = None;
            return;
        };
        let key = (self.session.rev(), other.clone());
        if self.compare.key.as_ref() == Some(&key) {
            return;
        }
        let (p, me) = (self.session.project(), self.session.coder());
        self.compare.diffs = crate::derived::compare::differences(p, me, &other);
        self.compare.figures = crate::derived::agreement::agreement(p, me, &other, &[], 0.9).ok();
        self.compare.key = Some(key);
        self.compare.sel = self
            .compare
            .sel
            .min(self.compare.diffs.len().saturating_sub(1));
    }
}
