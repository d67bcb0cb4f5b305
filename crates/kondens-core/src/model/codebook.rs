//! The code tree: code groups, their subgroups and codes, to any depth. Order among
//! siblings is the order of the `children` list.

use super::CodeId;
use serde::{Deserialize, Serialize};

/// One node of the code tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeNode {
    pub id: CodeId,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// A colour as `#rrggbb`.
    pub colour: String,
    #[serde(default)]
    pub children: Vec<CodeNode>,
}

/// Where a node sits: its parent (`None` at the top) and its index among its siblings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    pub parent: Option<CodeId>,
    pub index: usize,
}

/// A node as a row of the flattened tree.
#[derive(Clone, Copy, Debug)]
pub struct FlatCode<'a> {
    pub depth: usize,
    pub node: &'a CodeNode,
}

/// How deep the code tree may go. STC uses two or three levels; the limit keeps every
/// tree kondens writes well inside what its reader takes.
pub const MAX_DEPTH: usize = 16;

/// The whole code tree.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Codebook {
    pub roots: Vec<CodeNode>,
}

/// Colours given to new codes in turn; readable on dark and light terminals.
pub const PALETTE: [&str; 10] = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac",
];

impl Codebook {
    /// The node with this id.
    pub fn get(&self, id: CodeId) -> Option<&CodeNode> {
        fn find(nodes: &[CodeNode], id: CodeId) -> Option<&CodeNode> {
            nodes.iter().find_map(|n| {
                if n.id == id {
                    Some(n)
                } else {
                    find(&n.children, id)
                }
            })
        }
        find(&self.roots, id)
    }

    fn get_mut(&mut self, id: CodeId) -> Option<&mut CodeNode> {
        fn find(nodes: &mut [CodeNode], id: CodeId) -> Option<&mut CodeNode> {
            for n in nodes {
                if n.id == id {
                    return Some(n);
                }
                if let Some(found) = find(&mut n.children, id) {
                    return Some(found);
                }
            }
            None
        }
        find(&mut self.roots, id)
    }

    /// Mutable access to a node's own fields (not its place in the tree).
    pub fn node_mut(&mut self, id: CodeId) -> Option<&mut CodeNode> {
        self.get_mut(id)
    }

    fn siblings(&self, parent: Option<CodeId>) -> Option<&Vec<CodeNode>> {
        match parent {
            None => Some(&self.roots),
            Some(p) => self.get(p).map(|n| &n.children),
        }
    }

    fn siblings_mut(&mut self, parent: Option<CodeId>) -> Option<&mut Vec<CodeNode>> {
        match parent {
            None => Some(&mut self.roots),
            Some(p) => self.get_mut(p).map(|n| &mut n.children),
        }
    }

    /// Where the node with this id sits.
    pub fn locate(&self, id: CodeId) -> Option<Location> {
        fn walk(nodes: &[CodeNode], parent: Option<CodeId>, id: CodeId) -> Option<Location> {
            for (index, n) in nodes.iter().enumerate() {
                if n.id == id {
                    return Some(Location { parent, index });
                }
                if let Some(l) = walk(&n.children, Some(n.id), id) {
                    return Some(l);
                }
            }
            None
        }
        walk(&self.roots, None, id)
    }

    /// Number of siblings under `parent`.
    pub fn child_count(&self, parent: Option<CodeId>) -> usize {
        self.siblings(parent).map_or(0, Vec::len)
    }

    /// The id of the sibling at `index` under `parent`.
    pub fn child_at(&self, parent: Option<CodeId>, index: usize) -> Option<CodeId> {
        self.siblings(parent)?.get(index).map(|n| n.id)
    }

    /// Takes the node (with its subtree) out of the tree.
    pub fn remove(&mut self, id: CodeId) -> Option<(Location, CodeNode)> {
        let loc = self.locate(id)?;
        let node = self.siblings_mut(loc.parent)?.remove(loc.index);
        Some((loc, node))
    }

    /// Puts a node (with its subtree) at `loc`. Fails when the parent does not exist,
    /// the index is past the end, or an id in the subtree is already in the tree.
    pub fn insert(&mut self, loc: Location, node: CodeNode) -> Result<(), CodeNode> {
        if self
            .subtree_ids(&node)
            .iter()
            .any(|id| self.get(*id).is_some())
        {
            return Err(node);
        }
        match self.siblings_mut(loc.parent) {
            Some(sibs) if loc.index <= sibs.len() => {
                sibs.insert(loc.index, node);
                Ok(())
            }
            _ => Err(node),
        }
    }

    /// How many levels a node at `loc` with `node`'s subtree would reach (a top-level
    /// code alone is 1).
    pub fn depth_at(&self, loc: Location, node: &CodeNode) -> usize {
        fn height(n: &CodeNode) -> usize {
            1 + n.children.iter().map(height).max().unwrap_or(0)
        }
        let mut above = 0;
        let mut at = loc.parent;
        while let Some(p) = at {
            above += 1;
            at = self.locate(p).and_then(|l| l.parent);
        }
        above + height(node)
    }

    /// True when `id` is `ancestor` or lies below it.
    pub fn is_within(&self, id: CodeId, ancestor: CodeId) -> bool {
        self.get(ancestor)
            .is_some_and(|a| self.subtree_ids(a).contains(&id))
    }

    /// Ids of a node and everything below it.
    pub fn subtree_ids(&self, node: &CodeNode) -> Vec<CodeId> {
        let mut out = vec![node.id];
        for c in &node.children {
            out.extend(self.subtree_ids(c));
        }
        out
    }

    /// The names from the top of the tree down to this node.
    pub fn path(&self, id: CodeId) -> Vec<&str> {
        fn walk<'a>(nodes: &'a [CodeNode], id: CodeId, out: &mut Vec<&'a str>) -> bool {
            for n in nodes {
                out.push(&n.name);
                if n.id == id || walk(&n.children, id, out) {
                    return true;
                }
                out.pop();
            }
            false
        }
        let mut out = Vec::new();
        walk(&self.roots, id, &mut out);
        out
    }

    /// The path joined for display: `Group › Subgroup › Code`.
    pub fn path_label(&self, id: CodeId) -> String {
        self.path(id).join(" › ")
    }

    /// All nodes, depth first, in tree order.
    pub fn flatten(&self) -> Vec<FlatCode<'_>> {
        fn walk<'a>(nodes: &'a [CodeNode], depth: usize, out: &mut Vec<FlatCode<'a>>) {
            for node in nodes {
                out.push(FlatCode { depth, node });
                walk(&node.children, depth + 1, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.roots, 0, &mut out);
        out
    }

    /// Number of nodes in the tree.
    pub fn len(&self) -> usize {
        self.flatten().len()
    }

    /// True when the tree has no nodes.
    pub fn is_empty(&self) -> bool {
        self.roots.is_empty()
    }

    /// The colour for the next new code: the palette colour used least so far.
    pub fn next_colour(&self) -> String {
        let flat = self.flatten();
        PALETTE
            .iter()
            .min_by_key(|c| flat.iter().filter(|f| f.node.colour == **c).count())
            .map(|c| c.to_string())
            .unwrap_or_else(|| PALETTE[0].to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(name: &str) -> CodeNode {
        CodeNode {
            id: CodeId::new(),
            name: name.into(),
            description: String::new(),
            colour: PALETTE[0].into(),
            children: vec![],
        }
    }

    #[test]
    fn insert_locate_remove_round_trip() {
        let mut cb = Codebook::default();
        let g = node("Group");
        let gid = g.id;
        cb.insert(
            Location {
                parent: None,
                index: 0,
            },
            g,
        )
        .unwrap();
        let s = node("Sub");
        let sid = s.id;
        cb.insert(
            Location {
                parent: Some(gid),
                index: 0,
            },
            s,
        )
        .unwrap();
        assert_eq!(cb.path_label(sid), "Group › Sub");
        assert_eq!(
            cb.locate(sid),
            Some(Location {
                parent: Some(gid),
                index: 0
            })
        );
        assert!(cb.is_within(sid, gid));
        assert!(!cb.is_within(gid, sid));
        let (loc, n) = cb.remove(gid).unwrap();
        assert!(cb.is_empty());
        cb.insert(loc, n).unwrap();
        assert_eq!(cb.len(), 2);
    }

    #[test]
    fn insert_refuses_duplicates_and_bad_places() {
        let mut cb = Codebook::default();
        let g = node("Group");
        cb.insert(
            Location {
                parent: None,
                index: 0,
            },
            g.clone(),
        )
        .unwrap();
        assert!(
            cb.insert(
                Location {
                    parent: None,
                    index: 1
                },
                g
            )
            .is_err()
        );
        assert!(
            cb.insert(
                Location {
                    parent: None,
                    index: 5
                },
                node("x")
            )
            .is_err()
        );
        let orphan = Location {
            parent: Some(CodeId::new()),
            index: 0,
        };
        assert!(cb.insert(orphan, node("y")).is_err());
    }
}
