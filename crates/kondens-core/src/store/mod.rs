//! The project folder: plain RON files, one writer per file, written atomically.
//!
//! ```text
//! kondens.ron              manifest: format version, title, research question
//! codebook.ron             the code tree
//! participants.ron         participants with attributes and merged labels
//! transcripts/<id>.ron     a transcript's name, source and speaker turns
//! transcripts/<id>.txt     its text, verbatim, the coordinate system of the units
//! units/<coder>.ron        one coder's meaning units; only that coder writes it
//! analysis/<coder>.ron     one coder's memos, themes, condensates, analytic texts
//! ```
//!
//! The format is documented in `docs/FORMAT.md`.

mod analysis;
mod atomic;
mod fast;
mod files;
mod lock;
mod migrate;
mod participants;

pub use analysis::{analysis_path, save_analysis};
pub use atomic::{
    create_private_dir, private_file, remove_orphan_texts, remove_stale_temp_files, write_atomic,
    write_atomic_with,
};
pub use lock::{Lock, WriterLock, WritingSession, lock_codebook, lock_coder, open_for_writing};
pub use migrate::migrate;
pub use participants::save_participants;

use crate::model::{Codebook, FORMAT_VERSION, Manifest, MeaningUnit, Project, Transcript};
use crate::{Error, Result};
use files::{CodebookFile, HasVersion, TranscriptFile, UnitRecord, UnitsFile, Versioned};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// The manifest's file name; its presence makes a folder a project.
pub const MANIFEST: &str = "kondens.ron";
const CODEBOOK: &str = "codebook.ron";
const TRANSCRIPTS: &str = "transcripts";
pub(crate) const UNITS: &str = "units";
pub(crate) const ANALYSIS: &str = "analysis";

/// A fingerprint of a transcript's text (64-bit FNV-1a): enough to notice any accidental
/// change, which is all it is for.
pub fn text_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("fnv1a64:{h:016x}")
}

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
    let project = Project::new(&title, &question);
    save_manifest(dir, &project)?;
    save_codebook(dir, &project)?;
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
        .map_err(|e| Error::Parse {
            path: path.to_path_buf(),
            line: e.span.start.line,
            col: e.span.start.col,
            message: e.code.to_string(),
        })
}

/// Refuses a project file that is a symbolic link to somewhere outside the project (a
/// link inside it is fine): kondens reads only what is in the project folder.
fn check_link(path: &Path) -> Result<()> {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(());
    }
    // The project folder: the nearest folder above that holds the manifest.
    let root = path
        .ancestors()
        .skip(1)
        .find(|d| d.join(MANIFEST).is_file() && !d.join(MANIFEST).is_symlink())
        .and_then(|d| d.canonicalize().ok());
    let target = path.canonicalize().ok();
    match (root, target) {
        (Some(root), Some(target)) if target.starts_with(&root) => Ok(()),
        _ => Err(Error::Invalid {
            path: path.to_path_buf(),
            message: "is a link to outside the project folder; kondens reads and writes \
                      only files inside it (replace the link with the file)"
                .into(),
        }),
    }
}

fn read_text(path: &Path) -> Result<String> {
    check_link(path)?;
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| Error::Invalid {
        path: path.to_path_buf(),
        message: format!(
            "not UTF-8 text (bad byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })
}

/// Reads a versioned RON file. It is parsed once; only when that fails is its version
/// looked at, so a file from a newer kondens is reported as such rather than as a shape
/// error. (A file whose shape fits but whose version is newer is caught by its version
/// field after parsing.)
fn read_ron<T: DeserializeOwned + HasVersion>(path: &Path) -> Result<T> {
    parse_versioned(path, &read_text(path)?)
}

/// Parses the text of a versioned RON file (see [`read_ron`]).
fn parse_versioned<T: DeserializeOwned + HasVersion>(path: &Path, text: &str) -> Result<T> {
    let newer = |text: &str| {
        ron::from_str::<Versioned>(text)
            .ok()
            .filter(|v| v.format_version > FORMAT_VERSION)
            .map(|v| Error::NewerFormat {
                path: path.to_path_buf(),
                found: v.format_version,
                supported: FORMAT_VERSION,
            })
    };
    match parse_ron::<T>(path, text) {
        Ok(value) if value.format_version() > FORMAT_VERSION => Err(Error::NewerFormat {
            path: path.to_path_buf(),
            found: value.format_version(),
            supported: FORMAT_VERSION,
        }),
        Ok(value) => Ok(value),
        Err(e) => Err(newer(text).unwrap_or(e)),
    }
}

/// Reads only the manifest of the project in `dir`.
pub fn read_manifest(dir: &Path) -> Result<Manifest> {
    if !is_project(dir) {
        return Err(Error::NotAProject {
            path: dir.to_path_buf(),
        });
    }
    read_ron(&dir.join(MANIFEST))
}

/// Writes `kondens.ron`.
pub fn save_manifest(dir: &Path, project: &Project) -> Result<()> {
    write_ron(&dir.join(MANIFEST), &project.manifest, None)
}

/// Writes `codebook.ron`.
pub fn save_codebook(dir: &Path, project: &Project) -> Result<()> {
    let file = CodebookFile {
        format_version: FORMAT_VERSION,
        codes: project.codebook.roots.clone(),
    };
    write_ron(&dir.join(CODEBOOK), &file, None)
}

/// The file that holds a coder's units.
pub fn units_path(dir: &Path, coder: &str) -> PathBuf {
    dir.join(UNITS).join(format!("{coder}.ron"))
}

/// Writes `units/<coder>.ron`.
pub fn save_units(dir: &Path, project: &Project, coder: &str) -> Result<()> {
    check_coder_name(coder)?;
    create_private_dir(&dir.join(UNITS))?;
    let units = project
        .units_of(coder)
        .iter()
        .map(|u| UnitRecord {
            id: u.id,
            transcript: u.transcript,
            start: u.start,
            end: u.end,
            codes: u.codes.clone(),
            note: u.note.clone(),
            speakers: project.speakers_of(u),
            created: u.created,
            changed: u.changed,
        })
        .collect();
    let file = UnitsFile {
        format_version: FORMAT_VERSION,
        coder: coder.to_string(),
        units,
    };
    write_ron(&units_path(dir, coder), &file, Some(3))
}

/// Writes a transcript's text and its `.ron`. The text goes first, so a crash between
/// the two leaves a text with no record, which loading ignores.
pub fn save_transcript(dir: &Path, t: &Transcript) -> Result<()> {
    let tdir = dir.join(TRANSCRIPTS);
    create_private_dir(&tdir)?;
    write_atomic(&tdir.join(format!("{}.txt", t.id)), t.text.as_bytes())?;
    let file = TranscriptFile {
        format_version: FORMAT_VERSION,
        id: t.id,
        name: t.name.clone(),
        source_file: t.source_file.clone(),
        imported: t.imported.clone(),
        format: t.format.clone(),
        encoding: t.encoding.clone(),
        text_bytes: t.text.len(),
        text_hash: Some(text_hash(&t.text)),
        turns: t.turns.clone(),
    };
    write_ron(&tdir.join(format!("{}.ron", t.id)), &file, Some(2))
}

fn ron_files(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "ron")
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    out.sort();
    Ok(out)
}

fn load_transcript(path: &Path) -> Result<Transcript> {
    let record = read_text(path)?;
    let file: TranscriptFile = match fast::read_transcript(&record) {
        Some(file) => file,
        None => parse_versioned(path, &record)?,
    };
    let text_path = path.with_extension("txt");
    let text = read_text(&text_path)?;
    let invalid = |message: String| Error::Invalid {
        path: path.to_path_buf(),
        message,
    };
    if text.len() != file.text_bytes {
        return Err(Error::Invalid {
            path: text_path.clone(),
            message: format!(
                "the text is {} bytes but its record says {}; it was changed or damaged \
                 after import",
                text.len(),
                file.text_bytes
            ),
        });
    }
    let hash = text_hash(&text);
    match &file.text_hash {
        Some(h) if *h != hash => {
            return Err(Error::Invalid {
                path: text_path.clone(),
                message: "the text was changed after import (its hash differs from the \
                          record); restore the original text"
                    .into(),
            });
        }
        None if file.format_version >= 2 => {
            return Err(invalid("text_hash is missing".into()));
        }
        _ => {}
    }
    // Each record is named after its transcript's id: a copied pair keeps the id inside,
    // and two transcripts with one id would make every unit's place ambiguous.
    if path.file_stem().and_then(|s| s.to_str()) != Some(file.id.to_string().as_str()) {
        return Err(invalid(format!(
            "holds transcript {}, not the one its file name says (a copy of another \
             transcript's files?); remove the copy",
            file.id
        )));
    }
    let mut turns = file.turns;
    turns.shrink_to_fit();
    crate::model::share_labels(&mut turns);
    let transcript = Transcript {
        id: file.id,
        name: file.name,
        source_file: file.source_file,
        imported: file.imported,
        format: file.format,
        encoding: file.encoding,
        text,
        turns,
    };
    transcript.check_turns().map_err(invalid)?;
    Ok(transcript)
}

/// What one loading job read.
enum Loaded {
    Units(Result<(String, Vec<MeaningUnit>)>),
    Transcript(Result<Transcript>),
}

/// Loads the project in `dir`, checking that every file fits with the others.
pub fn load(dir: &Path) -> Result<Project> {
    let manifest = read_manifest(dir)?;
    let codebook_path = dir.join(CODEBOOK);
    let codebook = if codebook_path.exists() {
        let file: CodebookFile = read_ron(&codebook_path)?;
        Codebook { roots: file.codes }
    } else {
        Codebook::default()
    };
    check_codebook(&codebook_path, &codebook)?;

    // The units files (few and large) and the transcripts (many) are read and parsed on
    // every core at once; they are checked against each other afterwards.
    let unit_paths = ron_files(&dir.join(UNITS))?;
    let transcript_paths = ron_files(&dir.join(TRANSCRIPTS))?;
    let jobs: Vec<(bool, &PathBuf)> = unit_paths
        .iter()
        .map(|p| (true, p))
        .chain(transcript_paths.iter().map(|p| (false, p)))
        .collect();
    let mut read_units_files = Vec::new();
    let mut transcripts = Vec::with_capacity(transcript_paths.len());
    for done in crate::parallel::map(&jobs, |(units, path)| {
        if *units {
            Loaded::Units(read_units(path))
        } else {
            Loaded::Transcript(load_transcript(path))
        }
    }) {
        match done {
            Loaded::Units(u) => read_units_files.push(u),
            Loaded::Transcript(t) => transcripts.push(t),
        }
    }
    // The first problem in file order, transcripts first, as when read one by one.
    let transcripts = transcripts.into_iter().collect::<Result<Vec<_>>>()?;
    let mut project = Project {
        manifest,
        transcripts,
        codebook,
        units: Default::default(),
        analyses: Default::default(),
        participants: Vec::new(),
    };
    project.sort_transcripts();
    // A unit id belongs to one coder: a copied unit would be two places at once.
    let mut unit_owner: std::collections::HashMap<crate::model::UnitId, &Path> =
        std::collections::HashMap::new();
    for (path, read) in unit_paths.iter().zip(read_units_files) {
        let (coder, units) = read?;
        check_named_for(path, &coder, "units")?;
        check_units(path, &project, &units)?;
        for u in &units {
            if let Some(other) = unit_owner.insert(u.id, path) {
                return Err(Error::Invalid {
                    path: path.to_path_buf(),
                    message: format!(
                        "meaning unit {} is also in {}: a unit belongs to one coder \
                         (was a units file copied?)",
                        u.id,
                        other.display()
                    ),
                });
            }
        }
        // In memory a coder without units has no list (ops keeps it so).
        if !units.is_empty() {
            project.units.insert(coder.clone(), units);
            project.sort_units(&coder);
        }
    }
    participants::load_into(dir, &mut project)?;
    analysis::load_into(dir, &mut project)?;
    Ok(project)
}

/// Reads the units of every coder but `me` again from disk, so decisions that depend on
/// them (deleting a code) see what other coders did since the project was opened.
pub fn reload_others(dir: &Path, project: &mut Project, me: &str) -> Result<()> {
    for path in ron_files(&dir.join(UNITS))? {
        let (coder, units) = read_units(&path)?;
        if coder != me && !units.is_empty() {
            project.units.insert(coder.clone(), units);
            project.sort_units(&coder);
        }
    }
    Ok(())
}

fn check_codebook(path: &Path, codebook: &Codebook) -> Result<()> {
    let flat = codebook.flatten();
    let mut seen = std::collections::HashSet::new();
    for f in &flat {
        if !seen.insert(f.node.id) {
            return Err(Error::Invalid {
                path: path.to_path_buf(),
                message: format!("the id {} is used by more than one code", f.node.id),
            });
        }
    }
    Ok(())
}

/// Refuses a coder's file (`units/<coder>.ron`, `analysis/<coder>.ron`) that holds
/// another coder's `what`.
fn check_named_for(path: &Path, coder: &str, what: &str) -> Result<()> {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    if stem.as_deref() == Some(coder) {
        return Ok(());
    }
    Err(Error::Invalid {
        path: path.to_path_buf(),
        message: format!("holds the {what} of coder {coder:?}, not of its file name"),
    })
}

/// Reads a units file: its coder and the units, without the speakers it records.
fn read_units(path: &Path) -> Result<(String, Vec<MeaningUnit>)> {
    let text = read_text(path)?;
    if let Some(read) = fast::read_units(&text) {
        return Ok(read);
    }
    let file: UnitsFile = parse_versioned(path, &text)?;
    let mut units: Vec<MeaningUnit> = file.units.into_iter().map(MeaningUnit::from).collect();
    units.shrink_to_fit();
    Ok((file.coder, units))
}

fn check_units(path: &Path, project: &Project, units: &[MeaningUnit]) -> Result<()> {
    // Looked up once per file, not once per unit: a large project has hundreds of
    // transcripts and hundreds of thousands of units.
    let transcripts: std::collections::HashMap<_, _> =
        project.transcripts.iter().map(|t| (t.id, t)).collect();
    // A code that is not in the tree (another person deleted it while this coder still
    // saw it) is kept and reported (analysis::problems), never fatal.
    let mut seen = std::collections::HashSet::with_capacity(units.len());
    for u in units {
        let invalid = |message: String| Error::Invalid {
            path: path.to_path_buf(),
            message: format!("meaning unit {}: {message}", u.id),
        };
        if !seen.insert(u.id) {
            return Err(invalid("its id appears twice".into()));
        }
        let Some(t) = transcripts.get(&u.transcript) else {
            return Err(invalid(format!(
                "transcript {} is not in the project",
                u.transcript
            )));
        };
        if u.start >= u.end || t.text.get(u.span()).is_none() {
            return Err(invalid(format!(
                "span {}..{} does not fit transcript {}",
                u.start, u.end, t.name
            )));
        }
    }
    Ok(())
}

/// Writes new transcripts into the project in `dir` and adds them to `project`: all of
/// them, or (on any error) none, with the files of those already written removed again.
pub fn add_transcripts(dir: &Path, project: &mut Project, new: Vec<Transcript>) -> Result<()> {
    let mut written = Vec::new();
    for t in &new {
        if let Err(e) = save_transcript(dir, t) {
            for id in written {
                remove_transcript_files(dir, id);
            }
            remove_transcript_files(dir, t.id);
            return Err(e);
        }
        written.push(t.id);
    }
    project.transcripts.extend(new);
    project.sort_transcripts();
    Ok(())
}

/// Removes a transcript's files; used to undo a half-finished import.
pub fn remove_transcript_files(dir: &Path, id: crate::model::TranscriptId) {
    let tdir = dir.join(TRANSCRIPTS);
    let _ = std::fs::remove_file(tdir.join(format!("{id}.ron")));
    let _ = std::fs::remove_file(tdir.join(format!("{id}.txt")));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_project_file_linked_to_outside_is_refused_one_linked_inside_is_read() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("p");
        create(&dir, "t", "q").unwrap();
        let outside = tmp.path().join("codebook.ron");
        std::fs::rename(dir.join(CODEBOOK), &outside).unwrap();
        std::os::unix::fs::symlink(&outside, dir.join(CODEBOOK)).unwrap();
        let err = load(&dir).unwrap_err().to_string();
        assert!(
            err.contains("codebook.ron: is a link to outside the project"),
            "{err}"
        );
        std::fs::remove_file(dir.join(CODEBOOK)).unwrap();
        std::fs::rename(&outside, dir.join("kept.ron")).unwrap();
        std::os::unix::fs::symlink(dir.join("kept.ron"), dir.join(CODEBOOK)).unwrap();
        load(&dir).expect("a link inside the project is read");
    }

    #[test]
    fn a_file_from_a_newer_kondens_is_named_as_such_whatever_its_shape() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("p");
        create(&dir, "t", "q").unwrap();
        let newer = FORMAT_VERSION + 1;
        for text in [
            format!("(format_version: {newer}, codes: [])"),
            format!("(format_version: {newer}, codes: [], colours: {{}})"),
        ] {
            std::fs::write(dir.join(CODEBOOK), text).unwrap();
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
