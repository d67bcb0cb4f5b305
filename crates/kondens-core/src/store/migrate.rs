//! Bringing a project written by an older kondens up to the current format. The old
//! files are copied to `backups/format-v<N>-<time>/` first; then every file is written
//! again at the current version, the manifest last, so a migration cut short is simply
//! done again next time. Format 3 splits the shared `codebook.ron` and
//! `participants.ron` into a file per code and per participant (`codes/`,
//! `participants/`); the old files go once the manifest says 3.

use super::{
    create_private_dir, load, read_manifest, save_codebook, save_manifest, save_transcript,
    save_units, write_atomic,
};
use crate::model::FORMAT_VERSION;
use crate::{Error, Result};
use std::path::{Path, PathBuf};

/// Migrates the project in `dir` if it is older than this kondens writes. Returns the
/// backup folder when it did, `None` when the project was current already.
pub fn migrate(dir: &Path) -> Result<Option<PathBuf>> {
    // The manifest is written last by a migration, so its version is the project's:
    // reading it alone is enough to know, without loading a large project twice.
    let found = read_manifest(dir)?.format_version;
    // Projects made before kondens wrote them get what git needs (nothing to back up:
    // only files that were not there are written).
    super::write_git_files(dir)?;
    if found >= FORMAT_VERSION {
        if found == FORMAT_VERSION && dir.join(super::CODES).is_dir() {
            remove_format_2_files(dir)?;
        }
        return Ok(None);
    }
    let mut project = load(dir)?;
    let stamp = crate::model::time::now().replace(':', "-");
    let backup = dir.join("backups").join(format!("format-v{found}-{stamp}"));
    copy_project_files(dir, &backup)?;
    for t in &project.transcripts {
        save_transcript(dir, t)?;
    }
    // Nobody is recorded as having made what was there before format 3.
    save_codebook(dir, &mut project, "")?;
    if !project.participants.is_empty() {
        super::save_participants(dir, &mut project, "")?;
    }
    let coders: Vec<String> = project.units.keys().cloned().collect();
    for coder in coders {
        save_units(dir, &project, &coder)?;
    }
    project.manifest.format_version = FORMAT_VERSION;
    save_manifest(dir, &project)?;
    remove_format_2_files(dir)?;
    Ok(Some(backup))
}

/// The shared files format 3 replaced (kept in the backup).
const FORMAT_2_FILES: [&str; 2] = ["codebook.ron", "participants.ron"];

/// Removes the shared files of format 2 once the manifest says 3 (also those a
/// migration cut short before removing them left).
fn remove_format_2_files(dir: &Path) -> Result<()> {
    for name in FORMAT_2_FILES {
        let path = dir.join(name);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&path, e)),
        }
    }
    Ok(())
}

/// Copies the project's own files (not backups, not hidden lock or temp files, not
/// `.git`) into `to`, byte for byte, keeping their folders.
fn copy_project_files(dir: &Path, to: &Path) -> Result<()> {
    fn walk(dir: &Path, rel: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
        let here = dir.join(rel);
        let entries = std::fs::read_dir(&here).map_err(|e| Error::io(&here, e))?;
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || (rel.as_os_str().is_empty() && name == "backups") {
                continue;
            }
            let Ok(kind) = e.file_type() else { continue };
            if kind.is_dir() {
                walk(dir, &rel.join(&name), out)?;
            } else if kind.is_file() {
                out.push(rel.join(name));
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(dir, Path::new(""), &mut files)?;
    for rel in files {
        let from = dir.join(&rel);
        let bytes = std::fs::read(&from).map_err(|e| Error::io(&from, e))?;
        let target = to.join(&rel);
        if let Some(parent) = target.parent() {
            create_private_dir(parent)?;
        }
        write_atomic(&target, &bytes)?;
    }
    Ok(())
}
