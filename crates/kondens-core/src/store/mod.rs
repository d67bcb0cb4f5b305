//! The project folder: plain RON files, one writer per file, written atomically.
//!
//! ```text
//! kondens.ron              manifest: format version, title, research question
//! codes/<id>.ron           the code tree, one file per code (parent, order key, parts)
//! participants/<id>.ron    participants someone edited, one file each
//! transcripts/<id>.ron     a transcript's name, source and speaker turns
//! transcripts/<id>.txt     its text, verbatim, the coordinate system of the units
//! units/<coder>.ron        one coder's meaning units; only that coder writes it
//! analysis/<coder>.ron     one coder's memos, themes, condensates, analytic texts
//! ```
//!
//! The format is documented in `docs/FORMAT.md`.

mod analysis;
mod atomic;
mod check;
mod codes;
mod conflict;
mod correct;
mod envelope;
mod fast;
mod files;
mod fingerprint;
mod git;
mod load;
mod lock;
mod migrate;
mod order;
mod participants;
mod personal;
mod refresh;
mod review;
mod transcripts;
mod units;

pub use analysis::{analysis_path, save_analysis};
pub use atomic::{
    create_private_dir, private_file, remove_orphan_texts, remove_stale_temp_files, write_atomic,
    write_atomic_with,
};
pub use check::check;
pub use codes::{CODES, code_path, code_text};
pub use conflict::{Choice, Conflict, What, deleted_in_use, find as find_conflicts, resolve};
pub(crate) use correct::apply_correction;
pub(crate) use correct::everyone;
pub use correct::{CorrectionRecord, CorrectionsFile, corrections_path, read_corrections};
pub use git::{GITATTRIBUTES, GITIGNORE, write_git_files};
pub use load::{load, read_manifest, reload_others};
pub use lock::{
    Lock, WriterLock, WritingSession, lock_codebook, lock_coder, open_for_writing, refuse_if_open,
};
pub use migrate::migrate;
pub use participants::{PARTICIPANTS, participant_path};
pub use refresh::{
    Others, Seen, Times, changed_since, note_seen, note_time, others_changed, others_times,
    own_times,
};
pub use review::{review_path, save_review};
pub use transcripts::{
    add_transcripts, remove_transcript_files, save_transcript, transcript_record_path,
};
pub use units::{save_units, units_path};

use crate::model::{FORMAT_VERSION, Project};
use crate::{Error, Result};
use load::{read_ron, ron_files};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::Path;

/// The manifest's file name; its presence makes a folder a project.
pub const MANIFEST: &str = "kondens.ron";
pub(crate) const CODEBOOK: &str = "codebook.ron";
const TRANSCRIPTS: &str = "transcripts";
pub(crate) const UNITS: &str = "units";
pub(crate) const ANALYSIS: &str = "analysis";
pub(crate) const REVIEWS: &str = "reviews";

pub use fingerprint::text_hash;

/// The longest coder name, in bytes as the file system counts them: the longest file
/// kondens names after a coder (`.<coder>.ron.<pid>.<random>.tmp`) stays well inside the
/// 255 bytes file systems allow.
pub const MAX_CODER_BYTES: usize = 128;

/// Checks that a coder name can name that coder's file: letters, digits, `-`, `_`, `.`,
/// not starting with a dot, at most 64 characters and 128 bytes.
pub fn check_coder_name(name: &str) -> Result<()> {
    if name.len() > MAX_CODER_BYTES {
        return Err(Error::Refused(format!(
            "coder name {name:?} is too long for a file name: {} bytes, at most \
             {MAX_CODER_BYTES} (letters outside A–Z take 2–4 bytes each)",
            name.len()
        )));
    }
    let ok = !name.is_empty()
        && name.chars().count() <= 64
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(Error::Refused(format!(
            "coder name {name:?} cannot be used: use letters, digits, '-', '_' or '.' \
             (at most 64, not starting with '.')"
        )))
    }
}

/// True when `dir` holds a project.
pub fn is_project(dir: &Path) -> bool {
    dir.join(MANIFEST).is_file()
}

/// Creates a new, empty project in `dir` (made if missing). Refuses a folder that holds
/// a project already.
pub fn create(dir: &Path, title: &str, research_question: &str) -> Result<Project> {
    if is_project(dir) {
        return Err(Error::Refused(format!(
            "{} holds a kondens project already",
            dir.display()
        )));
    }
    create_private_dir(dir)?;
    // A folder that was there already becomes the owner's alone, as a new one is.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| Error::io(dir, e))?;
    }
    let (title, _) = crate::text::escape::replace_controls(title);
    let (question, _) = crate::text::escape::replace_controls(research_question);
    let mut project = Project::new(&title, &question);
    save_manifest(dir, &project)?;
    save_codebook(dir, &mut project, "")?;
    write_git_files(dir)?;
    Ok(project)
}

/// The layout of every RON file kondens writes.
pub fn pretty(depth: Option<usize>) -> ron::ser::PrettyConfig {
    // Strings are written as they are (raw strings when they hold `"` or `\`), so a
    // memo's line breaks and a quote's apostrophes read and diff as text, not escapes.
    let cfg = ron::ser::PrettyConfig::new()
        .indentor("  ")
        .struct_names(false)
        .escape_strings(false);
    match depth {
        Some(d) => cfg.depth_limit(d),
        None => cfg,
    }
}

/// Serialises to pretty RON with a trailing newline.
pub fn to_ron<T: Serialize>(value: &T, depth: Option<usize>) -> Result<String> {
    let mut s =
        ron::ser::to_string_pretty(value, pretty(depth)).map_err(|e| Error::encode("RON", e))?;
    s.push('\n');
    Ok(s)
}

/// One part of a shared file: `  name: value,` on a line of its own.
pub(crate) fn part<T: Serialize>(name: &str, value: &T) -> Result<String> {
    Ok(format!("  {name}: {},\n", one_line(value)?))
}

/// One value as compact RON on one line (line breaks in text escaped): a part of a
/// shared file that git merges line by line.
pub(crate) fn one_line<T: Serialize>(value: &T) -> Result<String> {
    let cfg = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .compact_structs(true)
        .compact_maps(true)
        .compact_arrays(true);
    ron::ser::to_string_pretty(value, cfg).map_err(|e| Error::encode("RON", e))
}

fn write_ron<T: Serialize>(path: &Path, value: &T, depth: Option<usize>) -> Result<()> {
    write_atomic(path, to_ron(value, depth)?.as_bytes())
}

/// Parses RON text, turning errors into [`Error::Parse`] with file, line and column.
pub fn parse_ron<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    // Deeper than kondens writes (MAX_DEPTH levels of codes), so that trees written by
    // older versions, which had no limit, still open.
    ron::Options::default()
        .with_recursion_limit(512)
        .from_str(text)
        .map_err(|e| parse_error(path, e))
}

/// A RON error in the file at `path`, with its line and column.
fn parse_error(path: &Path, e: ron::error::SpannedError) -> Error {
    Error::Parse {
        path: path.to_path_buf(),
        line: e.span.start.line,
        col: e.span.start.col,
        message: e.code.to_string(),
    }
}

/// Writes `kondens.ron`.
pub fn save_manifest(dir: &Path, project: &Project) -> Result<()> {
    write_ron(&dir.join(MANIFEST), &project.manifest, None)
}

/// Writes the files of the codes that changed (`codes/<id>.ron`), recording `by` as
/// the one who changed them (nobody, when empty: a migration).
pub fn save_codebook(dir: &Path, project: &mut Project, by: &str) -> Result<()> {
    codes::save_tree(dir, &project.codebook, &mut project.records, by)
}

/// Writes the files of the participants that changed (`participants/<id>.ron`) and
/// removes those of participants merged into another.
pub fn save_participants(dir: &Path, project: &mut Project, by: &str) -> Result<()> {
    participants::save_participants(dir, project, by)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// A project with one code; the code's file.
    fn with_a_code(dir: &Path) -> PathBuf {
        let mut p = create(dir, "t", "q").unwrap();
        let id = crate::model::CodeId::new();
        p.codebook.roots.push(crate::model::CodeNode {
            id,
            name: "A".into(),
            description: String::new(),
            colour: "#4e79a7".into(),
            children: Vec::new(),
        });
        save_codebook(dir, &mut p, "anna").unwrap();
        code_path(dir, id)
    }

    #[cfg(unix)]
    #[test]
    fn a_project_file_linked_to_outside_is_refused_one_linked_inside_is_read() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("p");
        let code = with_a_code(&dir);
        let outside = tmp.path().join("code.ron");
        std::fs::rename(&code, &outside).unwrap();
        std::os::unix::fs::symlink(&outside, &code).unwrap();
        let err = load(&dir).unwrap_err().to_string();
        assert!(
            err.contains(".ron: is a link to outside the project"),
            "{err}"
        );
        std::fs::remove_file(&code).unwrap();
        std::fs::rename(&outside, dir.join("kept.ron")).unwrap();
        std::os::unix::fs::symlink(dir.join("kept.ron"), &code).unwrap();
        load(&dir).expect("a link inside the project is read");
    }

    #[test]
    fn a_file_from_a_newer_kondens_is_named_as_such_whatever_its_shape() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("p");
        let code = with_a_code(&dir);
        let newer = FORMAT_VERSION + 1;
        for text in [
            format!("(format_version: {newer}, id: 5)"),
            format!("(format_version: {newer}, codes: [], colours: {{}})"),
        ] {
            std::fs::write(&code, text).unwrap();
            let err = load(&dir).unwrap_err();
            assert!(
                matches!(err, Error::NewerFormat { found, .. } if found == newer),
                "{err}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_round_trips_through_the_ron_kondens_writes(text in "\\PC*", raw in proptest::collection::vec(proptest::num::u32::ANY, 0..40)) {
            let odd: String = raw.iter().filter_map(|c| char::from_u32(*c)).collect();
            for t in [text, odd, "a\"#b\"##c\r\n\t\\".to_string()] {
                let written = to_ron(&vec![t.clone()], None).unwrap();
                let back: Vec<String> = parse_ron(Path::new("x.ron"), &written).unwrap();
                proptest::prop_assert_eq!(back, vec![t]);
            }
        }
    }
}
