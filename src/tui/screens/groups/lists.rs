//! What the middle pane of views 3 and 4 lists, worked out from the project and cached
//! until the project, view or selected row changes, so drawing a frame only reads.

use super::Lifted;
use crate::derived::stc;
use crate::tui::app::App;
use crate::tui::screens::View;

impl App {
    /// Brings the middle pane of views 3 and 4 up to date: in view 3 the selected
    /// subgroup's units (for a code group, those in none of its subgroups, and how many
    /// sit in more than one); in view 4 a code group's units. Positions in this coder's
    /// units, recomputed only when the project, view or selected row changes.
    pub fn refresh_lifted(&mut self) {
        let row = self.selected_row();
        let filter = self.groups.code_filter;
        let key = (self.session.rev(), self.view, row.map(|r| r.id), filter);
        if self
            .groups
            .lifted_cache
            .as_ref()
            .is_some_and(|(k, _)| *k == key)
        {
            return;
        }
        let p = self.session.project();
        let keep: Box<dyn Fn(&crate::model::MeaningUnit) -> bool> = match (self.view, row) {
            (View::Condensation, Some(r)) if r.depth == 1 => Box::new(stc::under(p, r.id)),
            (View::Condensation, Some(r)) => Box::new(stc::unsorted(p, r.id)),
            (View::Synthesis, Some(r)) if r.depth == 0 => Box::new(stc::under(p, r.id)),
            _ => Box::new(|_| false),
        };
        let units = p.units_of(self.whose());
        // A code below the row: only the units with it (or a code below it).
        let within: Option<std::collections::HashSet<crate::model::CodeId>> = filter
            .and_then(|c| p.codebook.get(c))
            .map(|n| p.codebook.subtree_ids(n).into_iter().collect());
        let positions = units
            .iter()
            .enumerate()
            .filter(|(_, u)| keep(u))
            .filter(|(_, u)| {
                within
                    .as_ref()
                    .is_none_or(|set| u.codes.iter().any(|c| set.contains(c)))
            })
            .map(|(i, _)| i)
            .collect();
        let in_several = match (self.view, row) {
            (View::Condensation, Some(r)) if r.depth == 0 => {
                let several = stc::in_several(p, r.id);
                units.iter().filter(|u| several(u)).count()
            }
            _ => 0,
        };
        self.groups.lifted_cache = Some((
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
        self.groups
            .lifted_cache
            .as_ref()
            .map_or(&[], |(_, l)| l.positions.as_slice())
    }

    /// In view 3 on a code group: how many of its units are in more than one subgroup.
    pub fn lifted_in_several(&self) -> usize {
        self.groups
            .lifted_cache
            .as_ref()
            .map_or(0, |(_, l)| l.in_several)
    }
}
