//! The shape of steps 3 and 4, read from the code tree: code groups are its top-level
//! nodes, subgroups their children; a subgroup's meaning units are the coder's units
//! coded with it or with any code below it.

use crate::model::{CodeId, CodeNode, MeaningUnit, Project, UnitId};
use std::collections::HashSet;

/// A row of the code-group list: a code group (depth 0) or one of its subgroups (1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GroupRow {
    pub id: CodeId,
    pub group: CodeId,
    pub depth: usize,
}

/// Code groups and their subgroups, in tree order.
pub fn group_rows(project: &Project) -> Vec<GroupRow> {
    let mut rows = Vec::new();
    for g in &project.codebook.roots {
        rows.push(GroupRow {
            id: g.id,
            group: g.id,
            depth: 0,
        });
        for s in &g.children {
            rows.push(GroupRow {
                id: s.id,
                group: g.id,
                depth: 1,
            });
        }
    }
    rows
}

fn subtree(project: &Project, node: &CodeNode) -> HashSet<CodeId> {
    project.codebook.subtree_ids(node).into_iter().collect()
}

/// A test for "coded with `node` or anything below it" (never true for a node that is
/// gone). Built once, asked per unit.
pub fn under(project: &Project, node: CodeId) -> impl Fn(&MeaningUnit) -> bool + use<> {
    let ids = project
        .codebook
        .get(node)
        .map(|n| subtree(project, n))
        .unwrap_or_default();
    move |u| u.codes.iter().any(|c| ids.contains(c))
}

/// A test for "coded with the group itself and with none of its subgroups": a unit that
/// waits to be sorted.
pub fn unsorted(project: &Project, group: CodeId) -> impl Fn(&MeaningUnit) -> bool + use<> {
    let in_subgroups: HashSet<CodeId> = project
        .codebook
        .get(group)
        .map(|g| {
            g.children
                .iter()
                .flat_map(|c| project.codebook.subtree_ids(c))
                .collect()
        })
        .unwrap_or_default();
    move |u| u.codes.contains(&group) && !u.codes.iter().any(|c| in_subgroups.contains(c))
}

/// A test for "in more than one subgroup of the group" (STC sorts a unit into at most
/// one subgroup per code group; this is only noted).
pub fn in_several(project: &Project, group: CodeId) -> impl Fn(&MeaningUnit) -> bool + use<> {
    let subtrees: Vec<HashSet<CodeId>> = project
        .codebook
        .get(group)
        .map(|g| g.children.iter().map(|c| subtree(project, c)).collect())
        .unwrap_or_default();
    move |u| {
        subtrees
            .iter()
            .filter(|ids| u.codes.iter().any(|c| ids.contains(c)))
            .count()
            > 1
    }
}

/// The coder's units coded with `node` or anything below it, in file order.
pub fn units_under<'p>(project: &'p Project, coder: &str, node: CodeId) -> Vec<&'p MeaningUnit> {
    let keep = under(project, node);
    project.units_of(coder).iter().filter(|u| keep(u)).collect()
}

/// The coder's units in a code group that are in none of its subgroups.
pub fn unsorted_units<'p>(
    project: &'p Project,
    coder: &str,
    group: CodeId,
) -> Vec<&'p MeaningUnit> {
    let keep = unsorted(project, group);
    project.units_of(coder).iter().filter(|u| keep(u)).collect()
}

/// A subgroup's golden quote, when it is still one of the subgroup's own units.
pub fn golden_quote<'p>(
    project: &'p Project,
    coder: &str,
    subgroup: CodeId,
) -> Option<&'p MeaningUnit> {
    let id = project
        .analysis_of(coder)
        .subgroup(subgroup)?
        .golden_quote?;
    project
        .unit(coder, id)
        .filter(|u| under(project, subgroup)(u))
}

/// True when the unit is one of the subgroup's own units.
pub fn is_in_subgroup(project: &Project, coder: &str, subgroup: CodeId, unit: UnitId) -> bool {
    project
        .unit(coder, unit)
        .is_some_and(|u| under(project, subgroup)(u))
}

/// The code group a node belongs to (itself at the top level).
pub fn group_of(project: &Project, node: CodeId) -> Option<CodeId> {
    project
        .codebook
        .roots
        .iter()
        .find(|r| project.codebook.is_within(node, r.id))
        .map(|r| r.id)
}
