//! `transcripts/<id>.ron` and `transcripts/<id>.txt`: a transcript's record (the model
//! [`Transcript`] in an envelope with its text's size and fingerprint) and its text,
//! byte for byte. Written at import and by a correction; never by a coder's workbench.

use super::envelope::{Envelope, Field, Sealed, Val};
use super::load::{check_file_is, envelope_field, envelope_get, parse_sealed, read_text};
use super::{TRANSCRIPTS, create_private_dir, fast, text_hash, write_atomic, write_ron};
use crate::model::{FORMAT_VERSION, Project, Transcript};
use crate::{Error, Result};
use std::path::Path;

/// A transcript's record, `transcripts/<id>.ron`.
pub fn transcript_record_path(dir: &Path, id: crate::model::TranscriptId) -> std::path::PathBuf {
    dir.join(TRANSCRIPTS).join(format!("{id}.ron"))
}

/// Writes a transcript's text and its `.ron`. The text goes first, so a crash between
/// the two leaves a text with no record, which loading ignores.
pub fn save_transcript(dir: &Path, t: &Transcript) -> Result<()> {
    let tdir = dir.join(TRANSCRIPTS);
    create_private_dir(&tdir)?;
    write_atomic(&tdir.join(format!("{}.txt", t.id)), t.text.as_bytes())?;
    let hash = text_hash(&t.text);
    let file = Sealed {
        body: t,
        fields: vec![
            Field::first("format_version", Val::Num(FORMAT_VERSION.into())),
            Field::before("turns", "text_bytes", Val::Num(t.text.len() as u64)),
            Field::before("turns", "text_hash", Val::MaybeText(Some(&hash))),
        ],
    };
    write_ron(&transcript_record_path(dir, t.id), &file, Some(2))
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

/// What a transcript record says of its text besides the transcript itself: the fields
/// of its envelope.
#[derive(Debug, PartialEq)]
pub(super) struct TextSeal {
    pub format_version: u32,
    /// Length of the text file in bytes, to notice a damaged or edited text.
    pub text_bytes: usize,
    /// A fingerprint of the text, to notice any change to it: `xxh64:<hex>` (format 3),
    /// `fnv1a64:<hex>` (format 2), none in format 1.
    pub text_hash: Option<String>,
}

impl TextSeal {
    fn from_envelope(path: &Path, envelope: &Envelope) -> Result<Self> {
        Ok(TextSeal {
            format_version: envelope_field(path, envelope, "format_version")?,
            text_bytes: envelope_field(path, envelope, "text_bytes")?,
            text_hash: envelope_get::<Option<String>>(path, envelope, "text_hash")?.flatten(),
        })
    }
}

/// Parses a transcript record (`transcripts/<id>.ron`) with RON; the text stays empty.
pub(super) fn parse_transcript(path: &Path, record: &str) -> Result<(Transcript, TextSeal)> {
    let (transcript, envelope) =
        parse_sealed::<Transcript>(path, record, &["format_version", "text_bytes", "text_hash"])?;
    Ok((transcript, TextSeal::from_envelope(path, &envelope)?))
}

pub(super) fn load_transcript(path: &Path) -> Result<Transcript> {
    let record = read_text(path)?;
    let (mut transcript, seal) = match fast::read_transcript(&record) {
        Some(read) => read,
        None => parse_transcript(path, &record)?,
    };
    let text_path = path.with_extension("txt");
    let text = read_text(&text_path)?;
    let invalid = |message: String| Error::Invalid {
        path: path.to_path_buf(),
        message,
    };
    if text.len() != seal.text_bytes {
        return Err(Error::Invalid {
            path: text_path.clone(),
            message: format!(
                "the text is {} bytes but its record says {}; it was changed or damaged \
                 after import",
                text.len(),
                seal.text_bytes
            ),
        });
    }
    match seal
        .text_hash
        .as_deref()
        .map(|h| (h, super::fingerprint::matches(h, &text)))
    {
        Some((_, Some(false))) => {
            return Err(Error::Invalid {
                path: text_path.clone(),
                message: "the text was changed after import (its hash differs from the \
                          record); restore the original text"
                    .into(),
            });
        }
        Some((h, None)) => {
            return Err(invalid(format!(
                "text_hash {h:?} is not a fingerprint this kondens knows"
            )));
        }
        None if seal.format_version >= 2 => {
            return Err(invalid("text_hash is missing".into()));
        }
        _ => {}
    }
    // Each record is named after its transcript's id: a copied pair keeps the id inside,
    // and two transcripts with one id would make every unit's place ambiguous.
    check_file_is(path, &transcript.id, "transcript")?;
    transcript.turns.shrink_to_fit();
    crate::model::share_labels(&mut transcript.turns);
    transcript.text = text;
    transcript.check_turns().map_err(invalid)?;
    Ok(transcript)
}
