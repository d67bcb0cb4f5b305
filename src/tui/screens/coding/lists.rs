//! What the units pane and the code tree list, worked out from the project and cached
//! until it changes (the project's revision is part of every cache key), so drawing a
//! frame only reads.

use crate::model::{CodeId, UnitId};
use crate::tui::app::App;

impl App {
    /// Brings the units pane's list up to date: the filter code's units (across
    /// transcripts), or the current transcript's. Kept as positions in this coder's
    /// units, which stay valid until the project changes (the revision is in the key).
    pub fn refresh_shown_units(&mut self) {
        let key = (
            self.session.rev(),
            self.coding.tv.idx,
            self.coding.unit_filter,
        );
        if self
            .coding
            .units_cache
            .as_ref()
            .is_some_and(|(k, _)| *k == key)
        {
            return;
        }
        let tid = self.transcript().map(|t| t.id);
        let within: Option<Vec<CodeId>> = self.coding.unit_filter.and_then(|f| {
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
        self.coding.units_cache = Some((key, list));
    }

    /// Positions, in this coder's units, of the units the units pane shows, as of the
    /// last [`App::refresh_shown_units`].
    pub fn shown_units(&self) -> &[usize] {
        self.coding
            .units_cache
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

    /// The code-tree rows shown: all nodes, or those matching the tree filter with their
    /// ancestors.
    pub fn tree_rows(&self) -> Vec<(usize, CodeId)> {
        let flat = self.session.project().codebook.flatten();
        let q = self.coding.tree_filter.to_lowercase();
        if q.is_empty() {
            // Folded nodes hide what is below them (a filter shows every match).
            let mut out = Vec::with_capacity(flat.len());
            let mut hidden_below: Option<usize> = None;
            for f in &flat {
                if let Some(d) = hidden_below {
                    if f.depth > d {
                        continue;
                    }
                    hidden_below = None;
                }
                out.push((f.depth, f.node.id));
                if self.coding.folded.contains(&f.node.id) && !f.node.children.is_empty() {
                    hidden_below = Some(f.depth);
                }
            }
            return out;
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
