//! View 5, Review: every comment thread on the project (open ones first), the selected
//! one with what it is about and its comments; `r` replies, `R` resolves or reopens,
//! `f` narrows the list (all, on my work, by me, by each other person), `Enter` goes to
//! the thing itself.

mod draw;
mod router;
mod update;

pub use draw::draw;
pub use router::SCREEN;
pub use update::REVIEW_HANDLES;

/// Which threads the list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Filter {
    #[default]
    All,
    /// Threads about my own work.
    OnMine,
    /// Threads I started or wrote in.
    ByMe,
    /// Threads this other person started or wrote in.
    By(String),
}

impl Filter {
    /// The next one: all, on my work, by me, then by each of `others` (the other people
    /// who have written in a thread, in name order), then all again.
    pub fn next(&self, others: &[String]) -> Filter {
        let after = |i: usize| others.get(i).cloned().map_or(Filter::All, Filter::By);
        match self {
            Filter::All => Filter::OnMine,
            Filter::OnMine => Filter::ByMe,
            Filter::ByMe => after(0),
            Filter::By(p) => match others.iter().position(|o| o == p) {
                Some(i) => after(i + 1),
                None => Filter::All,
            },
        }
    }

    pub fn label(&self) -> String {
        match self {
            Filter::All => "all threads".into(),
            Filter::OnMine => "on my work".into(),
            Filter::ByMe => "by me".into(),
            Filter::By(person) => format!("by {person}"),
        }
    }
}

/// View 5's state.
#[derive(Debug, Default)]
pub struct ReviewState {
    /// The selected thread, by position in the filtered list.
    pub sel: usize,
    pub filter: Filter,
    /// Working through my latest spot-check instead of the threads (`S`).
    pub spotting: bool,
    /// The selected unit of the spot-check's sample.
    pub spot_sel: usize,
}

use crate::model::{SpotCheck, Thread};
use crate::tui::app::App;

impl App {
    /// My latest spot-check, if I have drawn one.
    pub fn my_spotcheck(&self) -> Option<&SpotCheck> {
        self.session
            .project()
            .reviews
            .get(self.session.coder())
            .and_then(|r| r.spotchecks.last())
    }

    /// The threads the list shows, in its order.
    pub fn review_threads(&self) -> Vec<Thread<'_>> {
        let me = self.session.coder();
        let filter = &self.review.filter;
        let wrote_in = |t: &Thread<'_>, who: &str| t.comments.iter().any(|(a, _)| *a == who);
        self.session
            .project()
            .threads()
            .into_iter()
            .filter(|t| match filter {
                Filter::All => true,
                Filter::OnMine => t.target.owner() == Some(me),
                Filter::ByMe => wrote_in(t, me),
                Filter::By(person) => wrote_in(t, person),
            })
            .collect()
    }
}
