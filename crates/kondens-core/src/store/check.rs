//! `kondens check`: is the project whole? Unlike loading, which stops at the first
//! problem, this reads every file on its own and lists every problem it finds, each with
//! its file (and line and column where there is one): a merge conflict left by git,
//! a damaged or foreign file, a transcript whose text changed, a unit pointing at a code
//! that is no longer in the tree.

use super::files::{CodebookFile, ParticipantsFile};
use super::load::read_text;
use super::transcripts::load_transcript;
use super::units::read_units;
use super::{
    ANALYSIS, CODEBOOK, MANIFEST, REVIEWS, TRANSCRIPTS, UNITS, is_project, read_ron, ron_files,
};
use crate::Error;
use crate::model::{CodeId, Manifest};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Every problem with the project in `dir`, in file order; empty when it is whole.
pub fn check(dir: &Path) -> Vec<String> {
    if !is_project(dir) {
        return vec![
            Error::NotAProject {
                path: dir.to_path_buf(),
            }
            .to_string(),
        ];
    }
    let mut out = Vec::new();
    let listed = |sub: &str, out: &mut Vec<String>| match ron_files(&dir.join(sub)) {
        Ok(files) => files,
        Err(e) => {
            out.push(e.to_string());
            Vec::new()
        }
    };
    let transcripts = listed(TRANSCRIPTS, &mut out);
    let units = listed(UNITS, &mut out);
    let analyses = listed(ANALYSIS, &mut out);
    let corrections = listed("corrections", &mut out);
    let reviews = listed(REVIEWS, &mut out);
    let participants = dir.join("participants.ron");
    let codebook = dir.join(CODEBOOK);
    let code_files = listed(super::CODES, &mut out);
    let people_files = listed(super::PARTICIPANTS, &mut out);

    // A file git left half-merged is named with its conflicts, and not parsed as well
    // (its parse error would only say the same less clearly).
    let mut files: Vec<PathBuf> = vec![dir.join(MANIFEST), codebook.clone(), participants.clone()];
    files.extend(
        transcripts
            .iter()
            .flat_map(|p| [p.clone(), p.with_extension("txt")]),
    );
    files.extend(units.iter().cloned());
    files.extend(analyses.iter().cloned());
    files.extend(corrections.iter().cloned());
    files.extend(reviews.iter().cloned());
    let mut conflicted: HashSet<PathBuf> = HashSet::new();
    // In the shared files, a conflict is said in words: both sides and who did what.
    // (A damaged file stops that reading; its own reading below names it, once.)
    if (!code_files.is_empty() || !people_files.is_empty())
        && let Ok(found) = super::conflict::find(dir)
    {
        for c in found {
            conflicted.insert(c.path.clone());
            out.push(c.report());
        }
    }
    for path in files.iter().filter(|p| p.exists()) {
        if let Ok(text) = read_text(path) {
            let found = conflicts(path, &text);
            if !found.is_empty() {
                conflicted.insert(path.clone());
                out.extend(found);
            }
        }
    }
    let mut each = |path: &Path, read: &dyn Fn(&Path) -> crate::Result<()>| {
        if path.exists()
            && !conflicted.contains(path)
            && !conflicted.contains(&path.with_extension("txt"))
            && let Err(e) = read(path)
        {
            out.push(e.to_string());
        }
    };
    each(&dir.join(MANIFEST), &|p| read_ron::<Manifest>(p).map(drop));
    each(&codebook, &|p| read_ron::<CodebookFile>(p).map(drop));
    each(&participants, &|p| {
        read_ron::<ParticipantsFile>(p).map(drop)
    });
    for p in &code_files {
        each(p, &|p| {
            read_ron::<crate::model::records::CodeRecord>(p).map(drop)
        });
    }
    for p in &people_files {
        each(p, &|p| {
            read_ron::<crate::model::records::ParticipantRecord>(p).map(drop)
        });
    }
    for p in &transcripts {
        each(p, &|p| load_transcript(p).map(drop));
    }
    for p in &units {
        each(p, &|p| read_units(p).map(drop));
    }
    for p in &analyses {
        each(p, &|p| super::analysis::read_analysis(p).map(drop));
    }
    for p in &corrections {
        each(p, &|p| read_ron::<super::CorrectionsFile>(p).map(drop));
    }
    for p in &reviews {
        each(p, &|p| super::review::read_review(p).map(drop));
    }
    if !out.is_empty() {
        return out;
    }
    // Every file reads on its own: now how they fit together.
    match super::load(dir) {
        Err(e) => out.push(e.to_string()),
        Ok(project) => {
            let codes: HashSet<CodeId> = project
                .codebook
                .flatten()
                .iter()
                .map(|f| f.node.id)
                .collect();
            for (coder, list) in &project.units {
                let path = super::units_path(dir, coder);
                let text = read_text(&path).unwrap_or_default();
                for u in list {
                    for c in u.codes.iter().filter(|c| !codes.contains(c)) {
                        let line = line_of(&text, &u.id.to_string());
                        let gone = match project.records.codes.get(c) {
                            Some(r) => format!(
                                "code '{}', which {} deleted{}; restore it in the \
                                 workbench (kondens open offers to) or",
                                r.name.value,
                                r.deleted.as_ref().map_or("someone", |m| m.by.as_str()),
                                r.deleted
                                    .as_ref()
                                    .map(|m| format!(" on {}", m.at))
                                    .unwrap_or_default()
                            ),
                            None => format!(
                                "code {c}, which is not in the code tree (lost in a \
                                 merge); the unit is kept:"
                            ),
                        };
                        out.push(format!(
                            "{}:{line}: meaning unit {} of {coder} carries {gone} code it \
                             again or delete it",
                            path.display(),
                            u.id
                        ));
                    }
                }
            }
        }
    }
    out
}

/// The 1-based line on which `needle` first appears (1 when it does not).
fn line_of(text: &str, needle: &str) -> usize {
    text.find(needle)
        .map_or(1, |at| text[..at].matches('\n').count() + 1)
}

/// The merge conflicts git left in a file: one problem per `<<<<<<<` … `>>>>>>>` block,
/// with its lines.
fn conflicts(path: &Path, text: &str) -> Vec<String> {
    super::conflict::unreadable(path, text)
        .iter()
        .map(super::Conflict::report)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_conflict_block_is_named_with_its_lines() {
        let text = "(\n<<<<<<< HEAD\n  name: \"A\",\n=======\n  name: \"B\",\n>>>>>>> x\n)\n";
        let found = conflicts(Path::new("codebook.ron"), text);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with("codebook.ron:2: a git merge conflict"),
            "{}",
            found[0]
        );
        assert!(found[0].contains("lines 2–6"));
    }

    #[test]
    fn a_whole_project_has_no_problems_and_a_damaged_one_lists_them_all() {
        let dir = tempfile::tempdir().expect("temp");
        let p = dir.path().join("p");
        super::super::create(&p, "t", "").expect("create");
        assert_eq!(check(&p), Vec::<String>::new());
        std::fs::write(p.join("codebook.ron"), "(format_version: 2, codes: [").expect("write");
        std::fs::create_dir_all(p.join("analysis")).expect("dir");
        std::fs::write(
            p.join("analysis/anna.ron"),
            "<<<<<<< a\n=======\n>>>>>>> b\n",
        )
        .expect("write");
        // A damaged code file is named once (the conflict reading stops at it too).
        let code = p.join("codes/1f0c8f1e-6a43-4c55-9f4e-2b1d7c3a9e10.ron");
        std::fs::write(&code, "(format_version: 3, id: ").expect("write");
        let found = check(&p);
        assert_eq!(found.len(), 3, "{found:?}");
        let named = found
            .iter()
            .filter(|f| f.contains("1f0c8f1e-6a43-4c55-9f4e-2b1d7c3a9e10.ron"))
            .count();
        assert_eq!(named, 1, "{found:?}");
        assert!(
            found[0].contains("analysis/anna.ron:1: a git merge conflict"),
            "{found:?}"
        );
        assert!(found[1].contains("codebook.ron:1:"), "{found:?}");
    }
}
