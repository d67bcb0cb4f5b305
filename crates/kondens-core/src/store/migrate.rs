//! Bringing a project written by an older kondens up to the current format. The old
//! files are copied to `backups/format-v<N>-<time>/` first; then every file is written
//! again at the current version, the manifest last, so a migration cut short is simply
//! done again next time.

use super::{
    MANIFEST, create_private_dir, load, read_manifest, save_codebook, save_manifest,
    save_transcript, save_units, write_atomic,
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
        return Ok(None);
    }
    let mut project = load(dir)?;
    let stamp = crate::model::time::now().replace(':', "-");
    let backup = dir.join("backups").join(format!("format-v{found}-{stamp}"));
    copy_project_files(dir, &backup)?;
    for t in &project.transcripts {
        save_transcript(dir, t)?;
    }
    save_codebook(dir, &project)?;
    let coders: Vec<String> = project.units.keys().cloned().collect();
    for coder in coders {
        save_units(dir, &project, &coder)?;
    }
    project.manifest.format_version = FORMAT_VERSION;
    save_manifest(dir, &project)?;
    Ok(Some(backup))
}

/// Copies the project's own files (not backups, not lock or temp files) into `to`.
fn copy_project_files(dir: &Path, to: &Path) -> Result<()> {
    let mut files = vec![PathBuf::from(MANIFEST), PathBuf::from("codebook.ron")];
    for sub in ["transcripts", "units"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.starts_with('.') && e.path().is_file() {
                files.push(Path::new(sub).join(name));
            }
        }
    }
    for rel in files {
        let from = dir.join(&rel);
        if !from.exists() {
            continue;
        }
        let bytes = std::fs::read(&from).map_err(|e| Error::io(&from, e))?;
        let target = to.join(&rel);
        if let Some(parent) = target.parent() {
            create_private_dir(parent)?;
        }
        write_atomic(&target, &bytes)?;
    }
    Ok(())
}
