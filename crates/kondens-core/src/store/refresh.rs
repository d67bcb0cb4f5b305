//! Other people's work while a project is open: which of their files changed on disk
//! since they were last read (by modification time), and what those files hold now —
//! their meaning units, analyses and comments, the code tree when someone else is its
//! writer, and transcripts imported since. The session swaps them in; one's own files
//! are never read back.

use super::{PARTICIPANTS, REVIEWS, TRANSCRIPTS, ron_files};
use crate::model::records::ParticipantRecord;
use crate::model::{Participant, ParticipantId, Review, Transcript};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// When the files seen were last changed, by path.
pub type Seen = std::collections::HashMap<PathBuf, std::time::SystemTime>;

/// What other people changed on disk since it was last read.
#[derive(Debug, Default)]
pub struct Others {
    pub units: Option<std::collections::BTreeMap<String, Vec<crate::model::MeaningUnit>>>,
    pub analyses: Option<std::collections::BTreeMap<String, crate::model::Analysis>>,
    pub reviews: Option<std::collections::BTreeMap<String, Review>>,
    pub codebook: Option<crate::model::Codebook>,
    /// What the code files say, with `codebook`.
    pub code_records:
        Option<std::collections::BTreeMap<crate::model::CodeId, crate::model::records::CodeRecord>>,
    /// Transcripts imported since (those not among the ones passed in), whole and checked.
    pub transcripts: Vec<Transcript>,
    /// The participants someone edited, and what their files say, when those changed.
    pub participants: Option<(Vec<Participant>, BTreeMap<ParticipantId, ParticipantRecord>)>,
    /// For each kind of file looked at (`units`, `analysis`, `reviews`, `codes`,
    /// `participants`, `transcripts`): the first problem that kept it from being read,
    /// with its file and line, or `None` when it was read whole. Kinds not looked at
    /// (nothing changed) are not in it.
    pub problems: BTreeMap<&'static str, Option<String>>,
}

/// The times of the files in `sub` that are not `me`'s.
fn times(dir: &Path, sub: &str, me: &str) -> Seen {
    let mut now = Seen::new();
    for p in ron_files(&dir.join(sub)).unwrap_or_default() {
        if p.file_stem().is_some_and(|s| s == me) {
            continue;
        }
        if let Some(t) = time_of(&p) {
            now.insert(p, t);
        }
    }
    now
}

/// The times of other people's files (and the code tree's) now, without reading them:
/// what [`others_changed`] starts from when the project has just been loaded.
pub fn others_times(dir: &Path, me: &str) -> Seen {
    let mut seen = Seen::new();
    for sub in [super::UNITS, super::ANALYSIS, REVIEWS] {
        seen.extend(times(dir, sub, me));
    }
    // Each code file, participant file and imported transcript is written by renaming a
    // new file into its folder, which changes the folder's time.
    for sub in [super::CODES, PARTICIPANTS, TRANSCRIPTS] {
        let path = dir.join(sub);
        if let Some(t) = time_of(&path) {
            seen.insert(path, t);
        }
    }
    seen
}

/// Other people's units, analyses and reviews, the code tree and the participants, as
/// they are on disk now, for each kind whose files changed since `seen`, and the
/// transcripts on disk that are not among `known`. A kind with a file that cannot be
/// read is said in `problems` and kept as it was: others' own files are read again once
/// one of them changes, the code tree, the participants and a new transcript each time
/// until they read whole. (The code tree and the participants change on disk by
/// their writer's saves too: the session tells those from someone else's.)
pub fn others_changed(dir: &Path, me: &str, known: &[Transcript], seen: &mut Seen) -> Others {
    let mut out = Others::default();
    let changed = |sub: &str, seen: &mut Seen| -> Option<Vec<PathBuf>> {
        let now = times(dir, sub, me);
        let old: Seen = seen
            .iter()
            .filter(|(p, _)| p.parent().is_some_and(|d| d.ends_with(sub)))
            .map(|(p, t)| (p.clone(), *t))
            .collect();
        if now == old {
            return None;
        }
        seen.retain(|p, _| !p.parent().is_some_and(|d| d.ends_with(sub)));
        let paths: Vec<PathBuf> = now.keys().cloned().collect();
        seen.extend(now);
        Some(paths)
    };
    // New transcripts first: others' units may be in them.
    let (transcripts, problem) = new_transcripts(dir, known, seen);
    out.transcripts = transcripts;
    if let Some(problem) = problem {
        out.problems.insert(TRANSCRIPTS, problem);
    }
    // A kind whose files cannot all be read is reported and kept as it was, until one
    // of its files changes again (a file caught while it is being written changes its
    // time again when it is done, and is read again then).
    if let Some(paths) = changed(super::UNITS, seen) {
        // Checked as loading checks them: each unit in a transcript, within its text.
        let texts: std::collections::HashMap<_, _> = known
            .iter()
            .chain(&out.transcripts)
            .map(|t| (t.id, t))
            .collect();
        let read = paths
            .iter()
            .map(|p| {
                let (coder, units) = super::units::read_units(p)?;
                super::units::check_units_against(p, &texts, &units)?;
                Ok((coder, units))
            })
            .collect();
        out.units = out.note(dir, super::UNITS, read);
    }
    if let Some(paths) = changed(super::ANALYSIS, seen) {
        let read = paths
            .iter()
            .map(|p| {
                super::analysis::read_analysis(p).map(|(who, mut a)| {
                    a.tidy();
                    (who, a)
                })
            })
            .collect::<crate::Result<BTreeMap<_, _>>>()
            .map(|mut m| {
                // As when loading: an empty analysis is no entry.
                m.retain(|_, a| *a != crate::model::Analysis::default());
                m
            });
        out.analyses = out.note(dir, super::ANALYSIS, read);
    }
    if let Some(paths) = changed(REVIEWS, seen) {
        let read = paths
            .iter()
            .map(|p| super::review::read_review(p))
            .collect::<crate::Result<BTreeMap<_, _>>>()
            .map(|mut m| {
                m.retain(|_, r| *r != Review::default());
                m
            });
        out.reviews = out.note(dir, REVIEWS, read);
    }
    let path = dir.join(super::CODES);
    if let Some(t) = time_of(&path)
        && seen.get(&path) != Some(&t)
    {
        let read = super::codes::read_tree(dir).and_then(|mut tree| {
            if tree.conflicts.is_empty() {
                Ok(tree)
            } else {
                Err(crate::Error::Conflicts(std::mem::take(&mut tree.conflicts)))
            }
        });
        // Until it reads whole, the tree is read each time: a conflict may be resolved
        // in place, which leaves the folder's time as it was.
        if let Some(tree) = out.note(dir, super::CODES, read) {
            seen.insert(path, t);
            out.codebook = Some(tree.codebook);
            out.code_records = Some(tree.records);
        }
    }
    if let Some(read) = people(dir, known, &out.transcripts, seen) {
        out.participants = out.note(dir, PARTICIPANTS, read);
    }
    out
}

impl Others {
    /// Notes how reading a kind of file went: what was read, or the problem (its first
    /// line, with files named within the project).
    fn note<T>(&mut self, dir: &Path, kind: &'static str, read: crate::Result<T>) -> Option<T> {
        match read {
            Ok(value) => {
                self.problems.insert(kind, None);
                Some(value)
            }
            Err(e) => {
                self.problems.insert(kind, Some(said(dir, &e.to_string())));
                None
            }
        }
    }
}

/// A problem's first line (a list of conflicts follows it), with the project's folder
/// left out of the files it names.
fn said(dir: &Path, problem: &str) -> String {
    let first = problem.lines().next().unwrap_or_default();
    first.replace(
        &format!("{}{}", dir.display(), std::path::MAIN_SEPARATOR),
        "",
    )
}

/// The participants' files, when the folder changed since `seen`, read and checked
/// against the transcripts (those `known` and those just read). A half-merged or
/// damaged file is read again next time.
type People = (Vec<Participant>, BTreeMap<ParticipantId, ParticipantRecord>);

fn people(
    dir: &Path,
    known: &[Transcript],
    new: &[Transcript],
    seen: &mut Seen,
) -> Option<crate::Result<People>> {
    let path = dir.join(PARTICIPANTS);
    let time = time_of(&path)?;
    if seen.get(&path) == Some(&time) {
        return None;
    }
    let ids: std::collections::HashSet<_> = known.iter().chain(new).map(|t| t.id).collect();
    let read = super::participants::read_participants(dir).and_then(|read| {
        if !read.conflicts.is_empty() {
            return Err(crate::Error::Conflicts(read.conflicts));
        }
        super::participants::check_list(&path, &read.participants, |id| ids.contains(&id))?;
        Ok((read.participants, read.records))
    });
    // As the tree: read each time until it reads whole.
    if read.is_ok() {
        seen.insert(path, time);
    }
    Some(read)
}

/// The transcripts imported since the folder was last looked at. Only new ones: a
/// transcript's text changes only by `kondens correct`, which waits until nobody has the
/// project open. One that cannot be read yet (or is damaged) is tried again next time;
/// those read are known from then on.
fn new_transcripts(
    dir: &Path,
    known: &[Transcript],
    seen: &mut Seen,
) -> (Vec<Transcript>, Option<Option<String>>) {
    let path = dir.join(TRANSCRIPTS);
    let Some(time) = time_of(&path) else {
        return (Vec::new(), None);
    };
    if seen.get(&path) == Some(&time) {
        return (Vec::new(), None);
    }
    let known: std::collections::HashSet<String> = known.iter().map(|t| t.id.to_string()).collect();
    let mut new = Vec::new();
    let mut problem = None;
    for record in ron_files(&path).unwrap_or_default() {
        let stem = record.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if known.contains(stem) {
            continue;
        }
        match super::transcripts::load_transcript(&record) {
            Ok(t) => new.push(t),
            Err(e) => problem = problem.or(Some(said(dir, &e.to_string()))),
        }
    }
    if problem.is_none() {
        seen.insert(path, time);
    }
    (new, Some(problem))
}

/// When each of a set of files was last changed (`None`: it was not there).
pub type Times = std::collections::HashMap<PathBuf, Option<std::time::SystemTime>>;

fn time_of(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The files nobody but `me` changes while `me` has the project open — my units,
/// analysis and comments, and the transcripts (a correction waits until nobody has the
/// project open) — with their times now. Only a `git pull` in another terminal changes
/// them under an open workbench.
pub fn own_times(dir: &Path, me: &str) -> Times {
    let mut paths = vec![
        super::units_path(dir, me),
        super::analysis_path(dir, me),
        super::review_path(dir, me),
    ];
    paths.extend(ron_files(&dir.join(TRANSCRIPTS)).unwrap_or_default());
    paths
        .into_iter()
        .map(|p| {
            let t = time_of(&p);
            (p, t)
        })
        .collect()
}

/// Notes a folder's time now in `seen` (after this process wrote into it).
pub fn note_seen(seen: &mut Seen, path: PathBuf) {
    if let Some(t) = time_of(&path) {
        seen.insert(path, t);
    }
}

/// Notes a file's time now (after this process wrote it, or read it in).
pub fn note_time(times: &mut Times, path: PathBuf) {
    let t = time_of(&path);
    times.insert(path, t);
}

/// Those of `then` that changed on disk since, named within the project (`units/ana.ron`),
/// in order.
pub fn changed_since(dir: &Path, then: &Times) -> Vec<String> {
    let mut out: Vec<String> = then
        .iter()
        .filter(|(p, t)| time_of(p) != **t)
        .map(|(p, _)| {
            p.strip_prefix(dir)
                .unwrap_or(p)
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    out.sort();
    out
}
