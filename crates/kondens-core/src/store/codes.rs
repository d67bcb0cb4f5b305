//! `codes/<id>.ron`: the code tree, one small file per code (format 3). A code's file
//! names its parent and an order key among its siblings, so that two people who add,
//! rename, move or delete *different* codes change different files and git merges their
//! work with no help. Each part (place, name, description, colour, deletion) is one line
//! with a blank line around it, so two changes to different parts of one code merge too;
//! each records who changed it last and what it was before. A deleted code keeps its
//! file, marked deleted, so that a change made to it elsewhere meanwhile merges, and
//! whoever finds a unit still using it can see who deleted it and restore it.

use super::conflict::{self, Conflict, Sides};
use super::{create_private_dir, order, write_atomic};
use crate::Result;
use crate::model::records::{CodeRecord, Field, Mark, Place};
use crate::model::{CodeId, CodeNode, Codebook, FORMAT_VERSION};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The folder of code files.
pub const CODES: &str = "codes";

/// The file of one code.
pub fn code_path(dir: &Path, id: CodeId) -> PathBuf {
    dir.join(CODES).join(format!("{id}.ron"))
}

/// A code's file: one part per line, a blank line between parts (git sees a change to
/// one part apart from a change to the next).
pub fn code_text(r: &CodeRecord) -> Result<String> {
    let mut s = String::from("(\n");
    s += &format!("  format_version: {},\n", r.format_version);
    s += &super::part("id", &r.id)?;
    s += &super::part("made", &r.made)?;
    s += "\n";
    s += &super::part("place", &r.place)?;
    s += "\n";
    s += &super::part("name", &r.name)?;
    s += "\n";
    s += &super::part("description", &r.description)?;
    s += "\n";
    s += &super::part("colour", &r.colour)?;
    s += "\n";
    s += &super::part("deleted", &r.deleted)?;
    s += ")\n";
    Ok(s)
}

/// Writes a code's file.
pub(super) fn write_code(dir: &Path, r: &CodeRecord) -> Result<()> {
    write_atomic(&code_path(dir, r.id), code_text(r)?.as_bytes())
}

/// The code tree read from `codes/`: the tree, what each file says, and the conflicts
/// found (git's conflict markers, a code whose parent is gone, codes that are each
/// other's parents). With conflicts the tree holds only what could be placed.
pub struct ReadTree {
    pub codebook: Codebook,
    pub records: BTreeMap<CodeId, CodeRecord>,
    pub conflicts: Vec<Conflict>,
}

/// Reads every code file in `dir/codes`.
pub fn read_tree(dir: &Path) -> Result<ReadTree> {
    let mut records = BTreeMap::new();
    let mut conflicts = Vec::new();
    let mut paths: HashMap<CodeId, PathBuf> = HashMap::new();
    // Read and parsed on every core: a large code tree is hundreds of small files.
    let files = super::load::ron_files(&dir.join(CODES))?;
    let read = crate::parallel::map(&files, |path| conflict::read_sides::<CodeRecord>(path));
    for (path, read) in files.into_iter().zip(read) {
        let record = match read? {
            Sides::One(record) => record,
            Sides::Two(ours, theirs, line) => {
                conflicts.push(Conflict::code(&path, line, ours.clone(), theirs));
                ours
            }
            Sides::Unreadable(found) => {
                conflicts.extend(found);
                continue;
            }
        };
        super::load::check_file_is(&path, &record.id, "code")?;
        paths.insert(record.id, path);
        records.insert(record.id, record);
    }
    let (codebook, placed) = build(&records);
    for (id, r) in records.iter().filter(|(_, r)| r.deleted.is_none()) {
        if placed.contains_key(id) {
            continue;
        }
        let path = paths.get(id).cloned().unwrap_or_default();
        conflicts.push(Conflict::unplaced(path, *id, r, &records));
    }
    for c in &mut conflicts {
        c.name_codes(&records);
    }
    Ok(ReadTree {
        codebook,
        records,
        conflicts,
    })
}

/// Builds the tree from the records: each live code under its live parent, siblings in
/// order of (key, id). Returns the tree and the codes placed in it (a code whose parent
/// is missing or deleted, or that is in a loop of parents, is not).
fn build(records: &BTreeMap<CodeId, CodeRecord>) -> (Codebook, HashMap<CodeId, ()>) {
    let mut children: HashMap<Option<CodeId>, Vec<(&str, CodeId)>> = HashMap::new();
    for (id, r) in records.iter().filter(|(_, r)| r.deleted.is_none()) {
        children
            .entry(r.place.value.parent)
            .or_default()
            .push((r.place.value.order.as_str(), *id));
    }
    for list in children.values_mut() {
        list.sort();
    }
    let mut placed = HashMap::new();
    fn grow(
        parent: Option<CodeId>,
        records: &BTreeMap<CodeId, CodeRecord>,
        children: &HashMap<Option<CodeId>, Vec<(&str, CodeId)>>,
        placed: &mut HashMap<CodeId, ()>,
    ) -> Vec<CodeNode> {
        let Some(list) = children.get(&parent) else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(list.len());
        for (_, id) in list {
            if placed.insert(*id, ()).is_some() {
                continue;
            }
            let r = &records[id];
            out.push(CodeNode {
                id: *id,
                name: r.name.value.clone(),
                description: r.description.value.clone(),
                colour: r.colour.value.clone(),
                children: grow(Some(*id), records, children, placed),
            });
        }
        out
    }
    let roots = grow(None, records, &children, &mut placed);
    (Codebook { roots }, placed)
}

/// Writes the code files whose code changed since they were last read or written, and
/// marks the codes no longer in the tree deleted; `records` is brought up to date. `by`
/// is recorded as the one who changed what changed.
pub fn save_tree(
    dir: &Path,
    codebook: &Codebook,
    all: &mut crate::model::records::Records,
    by: &str,
) -> Result<()> {
    create_private_dir(&dir.join(CODES))?;
    let moved = std::mem::take(&mut all.moved);
    let records = &mut all.codes;
    let mut next: Vec<(CodeId, CodeRecord)> = Vec::new();
    let mut live = std::collections::HashSet::new();
    let ctx = Siblings {
        records,
        moved: &moved,
        by,
    };
    place_siblings(&ctx, None, &codebook.roots, &mut next, &mut live);
    // Parents before children, so a reader never meets a code whose parent is not yet
    // written.
    for (id, r) in next {
        write_if_changed(dir, id, r, records)?;
    }
    // Deleted codes, children before parents.
    let depth = |mut id: CodeId| {
        let mut d = 0;
        while let Some(p) = records.get(&id).and_then(|r| r.place.value.parent) {
            d += 1;
            id = p;
            if d > 64 {
                break;
            }
        }
        d
    };
    let mut gone: Vec<(usize, CodeId)> = records
        .iter()
        .filter(|(id, r)| !live.contains(*id) && r.deleted.is_none())
        .map(|(id, _)| (depth(*id), *id))
        .collect();
    gone.sort_by(|a, b| b.cmp(a));
    for (_, id) in gone {
        let mut r = records[&id].clone();
        r.deleted = Some(Mark::now(by));
        write_if_changed(dir, id, r, records)?;
    }
    Ok(())
}

fn write_if_changed(
    dir: &Path,
    id: CodeId,
    r: CodeRecord,
    records: &mut BTreeMap<CodeId, CodeRecord>,
) -> Result<()> {
    if records.get(&id) == Some(&r) && code_path(dir, id).exists() {
        return Ok(());
    }
    write_code(dir, &r)?;
    records.insert(id, r);
    Ok(())
}

/// The records of `nodes` (siblings under `parent`) and their subtrees as they should
/// be now: keys kept where they are still in order (the longest run of them), new keys
/// between neighbours for the rest.
struct Siblings<'a> {
    records: &'a BTreeMap<CodeId, CodeRecord>,
    moved: &'a std::collections::BTreeSet<CodeId>,
    by: &'a str,
}

fn place_siblings(
    ctx: &Siblings,
    parent: Option<CodeId>,
    nodes: &[CodeNode],
    out: &mut Vec<(CodeId, CodeRecord)>,
    live: &mut std::collections::HashSet<CodeId>,
) {
    let (records, by) = (ctx.records, ctx.by);
    // A code that moved gets a new key; the others keep theirs where still in order.
    let old: Vec<Option<&str>> = nodes
        .iter()
        .map(|n| {
            records
                .get(&n.id)
                .filter(|r| r.place.value.parent == parent && order::is_key(&r.place.value.order))
                .filter(|_| !ctx.moved.contains(&n.id))
                .map(|r| r.place.value.order.as_str())
        })
        .collect();
    let keep = longest_increasing(&old);
    let mut keys: Vec<Option<String>> = old
        .iter()
        .enumerate()
        .map(|(i, k)| k.filter(|_| keep.contains(&i)).map(str::to_string))
        .collect();
    for i in 0..keys.len() {
        if keys[i].is_none() {
            let before = keys[..i].iter().rev().flatten().next().cloned();
            let after = keys[i + 1..].iter().flatten().next().cloned();
            keys[i] = Some(order::between(before.as_deref(), after.as_deref()));
        }
    }
    for (n, key) in nodes.iter().zip(keys) {
        live.insert(n.id);
        let place = Place {
            parent,
            order: key.unwrap_or_default(),
        };
        let r = match records.get(&n.id) {
            Some(r) => CodeRecord {
                format_version: FORMAT_VERSION,
                id: n.id,
                made: r.made.clone(),
                place: r.place.set(&place, by),
                name: r.name.set(&n.name, by),
                description: r.description.set(&n.description, by),
                colour: r.colour.set(&n.colour, by),
                deleted: None,
            },
            None => CodeRecord {
                format_version: FORMAT_VERSION,
                id: n.id,
                made: Mark::of(by),
                place: Field::new(place, by),
                name: Field::new(n.name.clone(), by),
                description: Field::new(n.description.clone(), by),
                colour: Field::new(n.colour.clone(), by),
                deleted: None,
            },
        };
        out.push((n.id, r));
        place_siblings(ctx, Some(n.id), &n.children, out, live);
    }
}

/// The indices of a longest strictly increasing run (not necessarily contiguous) of the
/// keys present.
fn longest_increasing(keys: &[Option<&str>]) -> std::collections::HashSet<usize> {
    // O(n²) is fine: siblings number in the tens.
    let n = keys.len();
    let mut len = vec![0usize; n];
    let mut prev = vec![usize::MAX; n];
    for i in 0..n {
        let Some(k) = keys[i] else { continue };
        len[i] = 1;
        for j in 0..i {
            if let Some(kj) = keys[j]
                && kj < k
                && len[j] + 1 > len[i]
            {
                len[i] = len[j] + 1;
                prev[i] = j;
            }
        }
    }
    let mut out = std::collections::HashSet::new();
    let Some(mut i) = (0..n).filter(|i| len[*i] > 0).max_by_key(|i| (len[*i], *i)) else {
        return out;
    };
    loop {
        out.insert(i);
        if prev[i] == usize::MAX {
            break;
        }
        i = prev[i];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(name: &str, children: Vec<CodeNode>) -> CodeNode {
        CodeNode {
            id: CodeId::new(),
            name: name.into(),
            description: String::new(),
            colour: "#4e79a7".into(),
            children,
        }
    }

    #[test]
    fn a_tree_written_and_read_back_is_the_same_and_a_move_writes_one_file() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let mut cb = Codebook {
            roots: vec![
                node("A", vec![node("A1", vec![]), node("A2", vec![])]),
                node("B", vec![]),
                node("C", vec![]),
            ],
        };
        let mut all = crate::model::records::Records::default();
        save_tree(dir, &cb, &mut all, "anna").unwrap();
        let back = read_tree(dir).unwrap();
        assert!(back.conflicts.is_empty());
        assert_eq!(back.codebook, cb);
        let before: BTreeMap<PathBuf, Vec<u8>> = super::super::load::ron_files(&dir.join(CODES))
            .unwrap()
            .into_iter()
            .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
            .collect();
        // C goes first: only C's file changes, and says who moved it.
        let c = cb.roots.remove(2);
        let c_id = c.id;
        cb.roots.insert(0, c);
        save_tree(dir, &cb, &mut all, "bjorn").unwrap();
        let changed: Vec<&PathBuf> = before
            .iter()
            .filter(|(p, b)| std::fs::read(p).unwrap() != **b)
            .map(|(p, _)| p)
            .collect();
        assert_eq!(changed, [&code_path(dir, c_id)]);
        let text = std::fs::read_to_string(code_path(dir, c_id)).unwrap();
        assert!(text.contains("by: \"bjorn\""), "{text}");
        assert_eq!(read_tree(dir).unwrap().codebook, cb);
        // Deleting keeps the file, marked.
        cb.roots.remove(0);
        save_tree(dir, &cb, &mut all, "anna").unwrap();
        let back = read_tree(dir).unwrap();
        assert_eq!(back.codebook, cb);
        assert_eq!(back.records[&c_id].deleted.as_ref().unwrap().by, "anna");
    }

    #[test]
    fn codes_under_each_other_and_unreadable_markers_are_conflicts_not_errors() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let cb = Codebook {
            roots: vec![node("A", vec![]), node("B", vec![])],
        };
        let (a, b) = (cb.roots[0].id, cb.roots[1].id);
        let mut all = crate::model::records::Records::default();
        save_tree(dir, &cb, &mut all, "anna").unwrap();
        // Two people moved each under the other: a loop.
        for (id, parent) in [(a, b), (b, a)] {
            let mut f = all.codes[&id].clone();
            f.place.value.parent = Some(parent);
            std::fs::write(code_path(dir, id), code_text(&f).unwrap()).unwrap();
        }
        let read = read_tree(dir).unwrap();
        assert!(read.codebook.roots.is_empty());
        assert_eq!(read.conflicts.len(), 2);
        assert!(
            read.conflicts[0].words.contains("a loop of codes"),
            "{}",
            read.conflicts[0].words
        );
        // Resolving one puts it at the top, and the other under it.
        super::super::resolve(dir, &read.conflicts[0], conflict::Choice::TopLevel, "bjorn")
            .unwrap();
        let read = read_tree(dir).unwrap();
        assert!(read.conflicts.is_empty());
        assert_eq!(read.codebook.len(), 2);
        // Markers around something that is not a code file: named with its lines.
        std::fs::write(
            code_path(dir, a),
            "(\n<<<<<<< HEAD\n  junk\n=======\n  more junk\n>>>>>>> x\n)\n",
        )
        .unwrap();
        let read = read_tree(dir).unwrap();
        // (The other code, if it was under this one, has lost its parent too.)
        assert!(!read.conflicts.is_empty(), "{:?}", read.conflicts);
        assert!(
            read.conflicts
                .iter()
                .any(|c| c.line == 2 && c.choices().is_empty())
        );
    }

    #[test]
    fn a_code_moved_up_is_the_one_whose_file_changes_not_its_neighbours() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let mut p = crate::model::Project::new("t", "");
        p.codebook.roots = vec![node("A", vec![]), node("B", vec![]), node("C", vec![])];
        crate::store::save_codebook(dir, &mut p, "anna").unwrap();
        for (name, times) in [("B", 1), ("C", 2)] {
            let id = p.codebook.roots.iter().find(|n| n.name == name).unwrap().id;
            let before: Vec<String> = p
                .codebook
                .roots
                .iter()
                .map(|n| std::fs::read_to_string(code_path(dir, n.id)).unwrap())
                .collect();
            for _ in 0..times {
                let e = crate::ops::move_code(&p, id, crate::ops::Move::Up)
                    .unwrap()
                    .unwrap();
                crate::ops::apply(&mut p, e.change).unwrap();
            }
            crate::store::save_codebook(dir, &mut p, "bjorn").unwrap();
            let changed: Vec<&str> = p
                .codebook
                .roots
                .iter()
                .filter(|n| {
                    !before.contains(&std::fs::read_to_string(code_path(dir, n.id)).unwrap())
                })
                .map(|n| n.name.as_str())
                .collect();
            assert_eq!(changed, [name]);
            assert_eq!(read_tree(dir).unwrap().codebook, p.codebook);
        }
    }
}
