//! Figures several screens show, worked out from the project once per revision (not per
//! frame or key): units per code, and every participant.

use crate::model::{CodeId, Participant};
use crate::tui::app::App;
use std::collections::HashMap;

/// Units per code: (coded with the code itself, with it or a code below it).
pub type CodeCounts = HashMap<CodeId, (usize, usize)>;

/// The cached figures, each with the project revision it was worked out at.
#[derive(Debug, Default)]
pub struct Derived {
    /// (revision, whose units, the counts).
    pub(crate) counts: Option<(u64, String, CodeCounts)>,
    pub(crate) participants: Option<(u64, Vec<Participant>)>,
    /// Open comment threads per thing, for the marks in the lists.
    pub(crate) open_threads: Option<(u64, HashMap<crate::model::Target, usize>)>,
}

impl App {
    /// Units per code of `person`'s: (on the code itself, on it and below).
    pub fn refresh_code_counts(&mut self, person: &str) {
        if self
            .derived
            .counts
            .as_ref()
            .is_none_or(|(rev, who, _)| *rev != self.session.rev() || who != person)
        {
            let mut direct: HashMap<CodeId, usize> = HashMap::new();
            for u in self.session.project().units_of(person) {
                for c in &u.codes {
                    *direct.entry(*c).or_default() += 1;
                }
            }
            let mut out = HashMap::new();
            fn walk(
                nodes: &[crate::model::CodeNode],
                direct: &HashMap<CodeId, usize>,
                out: &mut HashMap<CodeId, (usize, usize)>,
            ) -> usize {
                let mut sum = 0;
                for n in nodes {
                    let own = direct.get(&n.id).copied().unwrap_or(0);
                    let total = own + walk(&n.children, direct, out);
                    out.insert(n.id, (own, total));
                    sum += total;
                }
                sum
            }
            walk(&self.session.project().codebook.roots, &direct, &mut out);
            self.derived.counts = Some((self.session.rev(), person.to_string(), out));
        }
    }

    /// Units per code as of the last [`App::refresh_code_counts`]: (with the code
    /// itself, with it or a code below it).
    pub fn code_counts(&self) -> Option<&CodeCounts> {
        self.derived.counts.as_ref().map(|(_, _, c)| c)
    }

    /// Brings the open-thread counts up to date (once per revision: the marks are drawn
    /// for every row in sight, and counting means putting every thread together).
    pub fn refresh_open_threads(&mut self) {
        if self
            .derived
            .open_threads
            .as_ref()
            .is_none_or(|(rev, _)| *rev != self.session.rev())
        {
            let counts = self.session.project().open_thread_counts();
            self.derived.open_threads = Some((self.session.rev(), counts));
        }
    }

    /// Open threads about `target`, as of the last [`App::refresh_open_threads`].
    pub fn open_threads(&self, target: &crate::model::Target) -> usize {
        self.derived
            .open_threads
            .as_ref()
            .and_then(|(_, c)| c.get(target).copied())
            .unwrap_or(0)
    }

    /// Brings the list of every participant up to date (see
    /// [`crate::model::Project::all_participants`]): worked out from all turns once per
    /// project revision, not per frame or key.
    pub fn refresh_participants(&mut self) {
        if self
            .derived
            .participants
            .as_ref()
            .is_none_or(|(rev, _)| *rev != self.session.rev())
        {
            self.derived.participants = Some((
                self.session.rev(),
                self.session.project().all_participants(),
            ));
        }
    }

    /// Every participant, as of the last [`App::refresh_participants`].
    pub fn participants_list(&self) -> &[crate::model::Participant] {
        self.derived
            .participants
            .as_ref()
            .map_or(&[], |(_, list)| list.as_slice())
    }

    /// Every participant, up to date.
    pub fn participants(&mut self) -> &[crate::model::Participant] {
        self.refresh_participants();
        self.participants_list()
    }
}
