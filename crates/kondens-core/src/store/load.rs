//! Reading a project: every file checked on the way in (its shape, its version, where
//! it links to, that it fits the others), on every core for a large project.

use super::envelope::{Envelope, Open};
use super::files::{CodebookFile, HasVersion, Versioned};
use super::transcripts::load_transcript;
use super::units::{check_units, read_units};
use super::{CODEBOOK, MANIFEST, TRANSCRIPTS, UNITS, is_project, parse_ron};
use crate::model::{Codebook, FORMAT_VERSION, Manifest, MeaningUnit, Project, Transcript};
use crate::{Error, Result};
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

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

pub(super) fn read_text(path: &Path) -> Result<String> {
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
pub(super) fn read_ron<T: DeserializeOwned + HasVersion>(path: &Path) -> Result<T> {
    parse_versioned(path, &read_text(path)?)
}

/// Parses the text of a versioned RON file (see [`read_ron`]).
pub(super) fn parse_versioned<T: DeserializeOwned + HasVersion>(
    path: &Path,
    text: &str,
) -> Result<T> {
    match parse_ron::<T>(path, text) {
        Ok(value) => match newer_than_me(path, value.format_version()) {
            Some(e) => Err(e),
            None => Ok(value),
        },
        Err(e) => Err(newer(path, text).unwrap_or(e)),
    }
}

/// When a file does not parse: the error to give if it was written by a newer kondens.
fn newer(path: &Path, text: &str) -> Option<Error> {
    let found = ron::from_str::<Versioned>(text).ok()?.format_version;
    newer_than_me(path, found)
}

/// The error for a file of format version `found`, if this kondens does not read it.
fn newer_than_me(path: &Path, found: u32) -> Option<Error> {
    (found > FORMAT_VERSION).then(|| Error::NewerFormat {
        path: path.to_path_buf(),
        found,
        supported: FORMAT_VERSION,
    })
}

/// Parses the text of a file that is a model value `T` in an envelope whose fields are
/// `names` (one of them `format_version`), as [`parse_versioned`] does.
pub(super) fn parse_sealed<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    names: &'static [&'static str],
) -> Result<(T, Envelope)> {
    let read = ron::Options::default()
        .with_recursion_limit(512)
        .from_str_seed(text, Open::<T>::new(names))
        .map_err(|e| super::parse_error(path, e));
    let (body, envelope) = match read {
        Ok(read) => read,
        Err(e) => return Err(newer(path, text).unwrap_or(e)),
    };
    match newer_than_me(path, envelope_field(path, &envelope, "format_version")?) {
        Some(e) => Err(e),
        None => Ok((body, envelope)),
    }
}

/// The envelope field `name`, if the file has it.
pub(super) fn envelope_get<V: DeserializeOwned>(
    path: &Path,
    envelope: &Envelope,
    name: &str,
) -> Result<Option<V>> {
    envelope.get(name).map_err(|message| Error::Invalid {
        path: path.to_path_buf(),
        message,
    })
}

/// The envelope field `name`, which the file must have.
pub(super) fn envelope_field<V: DeserializeOwned>(
    path: &Path,
    envelope: &Envelope,
    name: &str,
) -> Result<V> {
    envelope_get(path, envelope, name)?.ok_or_else(|| Error::Invalid {
        path: path.to_path_buf(),
        message: format!("{name} is missing"),
    })
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

pub(super) fn ron_files(dir: &Path) -> Result<Vec<PathBuf>> {
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

/// What one loading job read.
enum Loaded {
    Units(Result<(String, Vec<MeaningUnit>)>),
    Transcript(Result<Transcript>),
}

/// Loads the project in `dir`, checking that every file fits with the others.
pub fn load(dir: &Path) -> Result<Project> {
    let manifest = read_manifest(dir)?;
    let mut records = crate::model::records::Records::default();
    let mut conflicts = Vec::new();
    let codebook = if manifest.format_version >= 3 {
        let tree = super::codes::read_tree(dir)?;
        records.codes = tree.records;
        conflicts = tree.conflicts;
        tree.codebook
    } else {
        // Format 2 and before: one shared file (read as it is by stats and export;
        // open migrates it).
        let codebook_path = dir.join(CODEBOOK);
        let codebook = if codebook_path.exists() {
            let file: CodebookFile = read_ron(&codebook_path)?;
            Codebook { roots: file.codes }
        } else {
            Codebook::default()
        };
        check_codebook(&codebook_path, &codebook)?;
        codebook
    };

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
        reviews: Default::default(),
        records,
    };
    project.sort_transcripts();
    // A unit id belongs to one coder: a copied unit would be two places at once. (Sized
    // at once: growing it rehashed 200,000 ids several times, 7 % of loading 10M words.)
    let total: usize = read_units_files
        .iter()
        .map(|r| r.as_ref().map_or(0, |(_, u)| u.len()))
        .sum();
    let mut unit_owner: std::collections::HashMap<crate::model::UnitId, &Path> =
        std::collections::HashMap::with_capacity(total);
    for (path, read) in unit_paths.iter().zip(read_units_files) {
        let (coder, units) = read?;
        check_named_for(path, &coder, "units")?;
        check_units(path, &project, &units)?;
        for u in &units {
            if let Some(other) = unit_owner.insert(u.id, path) {
                if other == path.as_path() {
                    return Err(Error::Invalid {
                        path: path.to_path_buf(),
                        message: format!("meaning unit {}: its id appears twice", u.id),
                    });
                }
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
    if project.manifest.format_version >= 3 {
        let people = super::participants::read_participants(dir)?;
        project.participants = people.participants;
        project.records.participants = people.records;
        conflicts.extend(people.conflicts);
        // A merge that leaves a conflict is never loaded as if whole.
        if !conflicts.is_empty() {
            return Err(Error::Conflicts(conflicts));
        }
        super::participants::check_people(dir, &project)?;
    } else {
        super::participants::load_into(dir, &mut project)?;
    }
    super::analysis::load_into(dir, &mut project)?;
    super::review::load_into(dir, &mut project)?;
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

/// Refuses a file named after an id (`transcripts/<id>.ron`, `codes/<id>.ron`,
/// `participants/<id>.ron`) that holds another: a copy keeps the id inside, and two
/// things with one id would make everything that points at it ambiguous.
pub(super) fn check_file_is(path: &Path, id: &dyn std::fmt::Display, what: &str) -> Result<()> {
    let id = id.to_string();
    if path.file_stem().and_then(|s| s.to_str()) == Some(id.as_str()) {
        return Ok(());
    }
    Err(Error::Invalid {
        path: path.to_path_buf(),
        message: format!(
            "holds {what} {id}, not the one its file name says (a copy of another {what}'s \
             file?); remove the copy"
        ),
    })
}

/// Refuses a coder's file (`units/<coder>.ron`, `analysis/<coder>.ron`) that holds
/// another coder's `what`.
pub(super) fn check_named_for(path: &Path, coder: &str, what: &str) -> Result<()> {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    if stem.as_deref() == Some(coder) {
        return Ok(());
    }
    Err(Error::Invalid {
        path: path.to_path_buf(),
        message: format!("holds the {what} of coder {coder:?}, not of its file name"),
    })
}
