//! Writing a transcript correction ([`crate::correct`]): every person's units move, so
//! nobody may have the project open; the old text, its record and every units file are
//! copied to `backups/` first, and what was done is kept in
//! `corrections/<transcript-id>.ron`.

use super::{
    FORMAT_VERSION, TRANSCRIPTS, UNITS, create_private_dir, read_ron, save_transcript, save_units,
    write_atomic, write_ron,
};
use crate::correct::{Correction, SpeakerChange, UnitOutcome};
use crate::model::time::Stamp;
use crate::model::{Project, TranscriptId};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const CORRECTIONS: &str = "corrections";

/// `corrections/<transcript-id>.ron`: the transcript's correction history.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectionsFile {
    pub format_version: u32,
    pub transcript: TranscriptId,
    pub corrections: Vec<CorrectionRecord>,
}

/// One correction: when, by whom, from which file, where the old files are kept, and
/// what became of every unit and speaker.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectionRecord {
    pub when: Stamp,
    pub by: String,
    /// The file the corrected text was read from (its name only).
    pub from_file: String,
    /// The backup folder, relative to the project.
    pub backup: String,
    pub text_hash_before: String,
    pub text_hash_after: String,
    pub deleted_bytes: usize,
    pub inserted_bytes: usize,
    pub units: Vec<UnitOutcome>,
    pub speakers: Vec<SpeakerChange>,
}

/// The path of a transcript's correction history.
pub fn corrections_path(dir: &Path, id: TranscriptId) -> PathBuf {
    dir.join(CORRECTIONS).join(format!("{id}.ron"))
}

/// Reads a transcript's correction history (empty when it was never corrected).
pub fn read_corrections(dir: &Path, id: TranscriptId) -> Result<Vec<CorrectionRecord>> {
    let path = corrections_path(dir, id);
    if !path.exists() {
        return Ok(Vec::new());
    }
    let file: CorrectionsFile = read_ron(&path)?;
    Ok(file.corrections)
}

/// Writes `correction` into the project in `dir` (loaded as `project`), made by `by`
/// from the file named `from_file`. The caller holds every person's lock
/// ([`Session::correct`](crate::session::Session::correct) does). Returns the backup
/// folder.
pub(crate) fn apply_correction(
    dir: &Path,
    project: &mut Project,
    correction: Correction,
    by: &str,
    from_file: &str,
    when: Stamp,
) -> Result<PathBuf> {
    let id = correction.transcript.id;
    let old = project
        .transcript(id)
        .ok_or_else(|| Error::Refused(format!("transcript {id} is not in the project")))?;
    let text_hash_before = super::text_hash(&old.text);
    let mut history = read_corrections(dir, id)?;

    let stamp = when.to_string().replace(':', "-");
    let backup = dir
        .join("backups")
        .join(format!("correction-{}-{stamp}", old.name.replace('/', "_")));
    let mut files = vec![
        Path::new(TRANSCRIPTS).join(format!("{id}.txt")),
        Path::new(TRANSCRIPTS).join(format!("{id}.ron")),
    ];
    let coders: Vec<String> = correction
        .outcomes
        .iter()
        .map(|o| o.coder.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    for c in &coders {
        files.push(Path::new(UNITS).join(format!("{c}.ron")));
    }
    for rel in &files {
        let from = dir.join(rel);
        if !from.exists() {
            continue;
        }
        let bytes = std::fs::read(&from).map_err(|e| Error::io(&from, e))?;
        let to = backup.join(rel);
        if let Some(parent) = to.parent() {
            create_private_dir(parent)?;
        }
        write_atomic(&to, &bytes)?;
    }

    // Everything the correction replaces is in the backup now: a crash from here on is
    // mended by copying it back (docs/FORMAT.md, "Corrections").
    let text_hash_after = super::text_hash(&correction.transcript.text);
    let rel_backup = backup
        .strip_prefix(dir)
        .unwrap_or(&backup)
        .to_string_lossy()
        .into_owned();
    history.push(CorrectionRecord {
        when,
        by: by.to_string(),
        from_file: from_file.to_string(),
        backup: rel_backup,
        text_hash_before,
        text_hash_after,
        deleted_bytes: correction.deleted,
        inserted_bytes: correction.inserted,
        // The units that stayed where they were are not worth a line each.
        units: correction
            .outcomes
            .iter()
            .filter(|o| o.moved || o.fate != crate::correct::Fate::Kept)
            .cloned()
            .collect(),
        speakers: correction.speakers.clone(),
    });
    project.units = correction.units;
    for c in &coders {
        save_units(dir, project, c)?;
    }
    save_transcript(dir, &correction.transcript)?;
    if let Some(t) = project.transcripts.iter_mut().find(|t| t.id == id) {
        *t = correction.transcript;
    }
    create_private_dir(&dir.join(CORRECTIONS))?;
    write_ron(
        &corrections_path(dir, id),
        &CorrectionsFile {
            format_version: FORMAT_VERSION,
            transcript: id,
            corrections: history,
        },
        Some(3),
    )?;
    Ok(backup)
}

/// Everyone who has (or may have) files of their own in the project: the coders of
/// units, and whoever has a lock file in `units/` (someone who has it open and has
/// not coded yet). A change to everyone's files needs every one of their locks.
pub(crate) fn everyone(dir: &Path, project: &Project) -> Vec<String> {
    let mut names: std::collections::BTreeSet<String> = project.units.keys().cloned().collect();
    if let Ok(entries) = std::fs::read_dir(dir.join(UNITS)) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some(coder) = name
                .strip_prefix('.')
                .and_then(|n| n.strip_suffix(".lock"))
                .filter(|c| *c != "codebook")
            {
                names.insert(coder.to_string());
            }
        }
    }
    names
        .into_iter()
        .filter(|n| super::check_coder_name(n).is_ok())
        .collect()
}
