//! What the units pane, the code tree and the middle pane of views 3 and 4 list, worked
//! out from the project and cached until it changes (the project's revision is part of
//! every cache key), so drawing a frame only reads.

use super::app::{App, CodeCounts, Lifted, View};
use crate::analysis::stc;
use crate::model::{CodeId, UnitId};
use std::collections::HashMap;

impl App {
    /// Units per code for this coder: (on the code itself, on it and below).
    pub fn refresh_code_counts(&mut self) {
        if self
            .counts_cache
            .as_ref()
            .is_none_or(|(rev, _)| *rev != self.session.rev())
        {
            let mut direct: HashMap<CodeId, usize> = HashMap::new();
            for u in self.session.project().units_of(self.session.coder()) {
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
            self.counts_cache = Some((self.session.rev(), out));
        }
    }

    /// Units per code as of the last [`App::refresh_code_counts`]: (with the code
    /// itself, with it or a code below it).
    pub fn code_counts(&self) -> Option<&CodeCounts> {
        self.counts_cache.as_ref().map(|(_, c)| c)
    }

    /// Brings the units pane's list up to date: the filter code's units (across
    /// transcripts), or the current transcript's. Kept as positions in this coder's
    /// units, which stay valid until the project changes (the revision is in the key).
    pub fn refresh_shown_units(&mut self) {
        let key = (self.session.rev(), self.tv.idx, self.unit_filter);
        if self.units_cache.as_ref().is_some_and(|(k, _)| *k == key) {
            return;
        }
        let tid = self.transcript().map(|t| t.id);
        let within: Option<Vec<CodeId>> = self.unit_filter.and_then(|f| {
            self.session
                .project()
                .codebook
                .get(f)
                .map(|n| self.session.project().codebook.subtree_ids(n))
        });
        let list = self
            .session
            .project()
            .units_of(self.session.coder())
            .iter()
            .enumerate()
            .filter(|(_, u)| match &within {
                Some(ids) => u.codes.iter().any(|c| ids.contains(c)),
                None => Some(u.transcript) == tid,
            })
            .map(|(i, _)| i)
            .collect();
        self.units_cache = Some((key, list));
    }

    /// Positions, in this coder's units, of the units the units pane shows, as of the
    /// last [`App::refresh_shown_units`].
    pub fn shown_units(&self) -> &[usize] {
        self.units_cache
            .as_ref()
            .map_or(&[], |(_, list)| list.as_slice())
    }

    /// How many units the units pane shows.
    pub fn shown_count(&mut self) -> usize {
        self.refresh_shown_units();
        self.shown_units().len()
    }

    /// The id of the `k`-th unit the units pane shows.
    pub fn shown_unit_id(&mut self, k: usize) -> Option<UnitId> {
        self.refresh_shown_units();
        let pos = *self.shown_units().get(k)?;
        self.session
            .project()
            .units_of(self.session.coder())
            .get(pos)
            .map(|u| u.id)
    }

    /// Brings the middle pane of views 3 and 4 up to date: in view 3 the selected
    /// subgroup's units (for a code group, those in none of its subgroups, and how many
    /// sit in more than one); in view 4 a code group's units. Positions in this coder's
    /// units, recomputed only when the project, view or selected row changes.
    pub fn refresh_lifted(&mut self) {
        let row = self.selected_row();
        let key = (self.session.rev(), self.view, row.map(|r| r.id));
        if self.lifted_cache.as_ref().is_some_and(|(k, _)| *k == key) {
            return;
        }
        let p = self.session.project();
        let keep: Box<dyn Fn(&crate::model::MeaningUnit) -> bool> = match (self.view, row) {
            (View::Condensation, Some(r)) if r.depth == 1 => Box::new(stc::under(p, r.id)),
            (View::Condensation, Some(r)) => Box::new(stc::unsorted(p, r.id)),
            (View::Synthesis, Some(r)) if r.depth == 0 => Box::new(stc::under(p, r.id)),
            _ => Box::new(|_| false),
        };
        let units = p.units_of(self.session.coder());
        let positions = units
            .iter()
            .enumerate()
            .filter(|(_, u)| keep(u))
            .map(|(i, _)| i)
            .collect();
        let in_several = match (self.view, row) {
            (View::Condensation, Some(r)) if r.depth == 0 => {
                let several = stc::in_several(p, r.id);
                units.iter().filter(|u| several(u)).count()
            }
            _ => 0,
        };
        self.lifted_cache = Some((
            key,
            Lifted {
                positions,
                in_several,
            },
        ));
    }

    /// Positions of the units the middle pane lists, as of the last
    /// [`App::refresh_lifted`].
    pub fn lifted(&self) -> &[usize] {
        self.lifted_cache
            .as_ref()
            .map_or(&[], |(_, l)| l.positions.as_slice())
    }

    /// In view 3 on a code group: how many of its units are in more than one subgroup.
    pub fn lifted_in_several(&self) -> usize {
        self.lifted_cache.as_ref().map_or(0, |(_, l)| l.in_several)
    }

    /// Brings the list of every participant up to date (see
    /// [`crate::model::Project::all_participants`]): worked out from all turns once per
    /// project revision, not per frame or key.
    pub fn refresh_participants(&mut self) {
        if self
            .participants_cache
            .as_ref()
            .is_none_or(|(rev, _)| *rev != self.session.rev())
        {
            self.participants_cache = Some((
                self.session.rev(),
                self.session.project().all_participants(),
            ));
        }
    }

    /// Every participant, as of the last [`App::refresh_participants`].
    pub fn participants_list(&self) -> &[crate::model::Participant] {
        self.participants_cache
            .as_ref()
            .map_or(&[], |(_, list)| list.as_slice())
    }

    /// Every participant, up to date.
    pub fn participants(&mut self) -> &[crate::model::Participant] {
        self.refresh_participants();
        self.participants_list()
    }

    /// The code-tree rows shown: all nodes, or those matching the tree filter with their
    /// ancestors.
    pub fn tree_rows(&self) -> Vec<(usize, CodeId)> {
        let flat = self.session.project().codebook.flatten();
        let q = self.tree_filter.to_lowercase();
        if q.is_empty() {
            return flat.iter().map(|f| (f.depth, f.node.id)).collect();
        }
        let cb = &self.session.project().codebook;
        flat.iter()
            .filter(|f| {
                cb.subtree_ids(f.node).iter().any(|id| {
                    cb.get(*id)
                        .is_some_and(|n| n.name.to_lowercase().contains(&q))
                })
            })
            .map(|f| (f.depth, f.node.id))
            .collect()
    }
}
