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

/// The coder's units coded with `node` or anything below it, in file order.
pub fn units_under<'p>(project: &'p Project, coder: &str, node: CodeId) -> Vec<&'p MeaningUnit> {
    let Some(n) = project.codebook.get(node) else {
        return Vec::new();
    };
    let ids = subtree(project, n);
    project
        .units_of(coder)
        .iter()
        .filter(|u| u.codes.iter().any(|c| ids.contains(c)))
        .collect()
}

/// The coder's units in a code group that are in none of its subgroups: coded with
/// the group itself only. They wait to be sorted.
pub fn unsorted_units<'p>(
    project: &'p Project,
    coder: &str,
    group: CodeId,
) -> Vec<&'p MeaningUnit> {
    let Some(g) = project.codebook.get(group) else {
        return Vec::new();
    };
    let in_subgroups: HashSet<CodeId> = g
        .children
        .iter()
        .flat_map(|c| project.codebook.subtree_ids(c))
        .collect();
    project
        .units_of(coder)
        .iter()
        .filter(|u| u.codes.contains(&group) && !u.codes.iter().any(|c| in_subgroups.contains(c)))
        .collect()
}

/// How many of the coder's units are in more than one subgroup of a code group (STC
/// sorts a unit into at most one subgroup per code group; this is only noted).
pub fn units_in_several_subgroups(project: &Project, coder: &str, group: CodeId) -> usize {
    let Some(g) = project.codebook.get(group) else {
        return 0;
    };
    let subtrees: Vec<HashSet<CodeId>> = g.children.iter().map(|c| subtree(project, c)).collect();
    project
        .units_of(coder)
        .iter()
        .filter(|u| {
            subtrees
                .iter()
                .filter(|ids| u.codes.iter().any(|c| ids.contains(c)))
                .count()
                > 1
        })
        .count()
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
    units_under(project, coder, subgroup)
        .into_iter()
        .find(|u| u.id == id)
}

/// True when the unit is one of the subgroup's own units.
pub fn is_in_subgroup(project: &Project, coder: &str, subgroup: CodeId, unit: UnitId) -> bool {
    units_under(project, coder, subgroup)
        .iter()
        .any(|u| u.id == unit)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_groups_its_units_as_the_tree_says() {
        let tmp = tempfile::tempdir().unwrap();
        let p = crate::demo::create(&tmp.path().join("d")).unwrap();
        let rows = group_rows(&p);
        assert_eq!(rows.len(), 9);
        assert_eq!(
            (rows[0].depth, rows[1].depth, rows[1].group),
            (0, 1, rows[0].id)
        );
        let bridge = p.codebook.roots[0].id;
        let opening = p.codebook.roots[0].children[0].id;
        assert_eq!(units_under(&p, "demo", opening).len(), 4);
        // Six units (the tree counts seven codings): one is in both subgroups.
        assert_eq!(units_under(&p, "demo", bridge).len(), 6);
        assert_eq!(units_in_several_subgroups(&p, "demo", bridge), 1);
        assert!(unsorted_units(&p, "demo", bridge).is_empty());
        assert_eq!(group_of(&p, opening), Some(bridge));
        let golden = golden_quote(&p, "demo", opening).unwrap();
        assert_eq!(
            p.quote(golden),
            "I can say it's possible, but he is the evidence."
        );
        assert!(units_under(&p, "nobody", opening).is_empty());
    }
}
