//! The shapes of the project files on disk. Each carries `format_version`.

use crate::model::time::Stamp;
use crate::model::{
    CodeId, CodeNode, GroupWork, Preconceptions, SubgroupWork, Theme, TranscriptId, Turn, UnitId,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `codebook.ron`
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodebookFile {
    pub format_version: u32,
    pub codes: Vec<CodeNode>,
}

/// `units/<coder>.ron`
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitsFile {
    pub format_version: u32,
    pub coder: String,
    pub units: Vec<UnitRecord>,
}

/// A meaning unit as written: with the labels of its speakers, for whoever reads the
/// file. kondens itself works them out from the transcript, so they are not read back.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitRecord {
    pub id: UnitId,
    pub transcript: TranscriptId,
    pub start: usize,
    pub end: usize,
    pub codes: Vec<CodeId>,
    #[serde(default)]
    pub note: String,
    #[serde(default, deserialize_with = "read_and_drop")]
    pub speakers: Vec<String>,
    pub created: Stamp,
    pub changed: Stamp,
}

/// A unit as read: the speakers it records are for other readers of the file; kondens
/// works them out from the transcript.
impl From<UnitRecord> for crate::model::MeaningUnit {
    fn from(r: UnitRecord) -> Self {
        crate::model::MeaningUnit {
            id: r.id,
            transcript: r.transcript,
            start: r.start,
            end: r.end,
            codes: r.codes,
            note: r.note,
            created: r.created,
            changed: r.changed,
        }
    }
}

/// `analysis/<coder>.ron`: one coder's memos, themes, condensates and analytic texts.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalysisFile {
    pub format_version: u32,
    pub coder: String,
    #[serde(default)]
    pub preconceptions: Preconceptions,
    #[serde(default)]
    pub total_impression: String,
    #[serde(default)]
    pub themes: Vec<Theme>,
    #[serde(default)]
    pub code_groups: BTreeMap<CodeId, GroupWork>,
    #[serde(default)]
    pub subgroups: BTreeMap<CodeId, SubgroupWork>,
}

/// `reviews/<person>.ron`: one person's comments, replies and resolutions.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewFile {
    pub format_version: u32,
    pub person: String,
    #[serde(default)]
    pub comments: Vec<crate::model::Comment>,
    #[serde(default)]
    pub resolutions: Vec<crate::model::Resolution>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spotchecks: Vec<crate::model::SpotCheck>,
}

/// `participants.ron`: the participants someone has edited.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParticipantsFile {
    pub format_version: u32,
    pub participants: Vec<crate::model::Participant>,
}

/// `transcripts/<id>.ron`; the text itself is in `transcripts/<id>.txt`.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranscriptFile {
    pub format_version: u32,
    pub id: TranscriptId,
    pub name: String,
    pub source_file: String,
    pub imported: String,
    pub format: String,
    pub encoding: String,
    /// Length of the text file in bytes, to notice a damaged or edited text.
    pub text_bytes: usize,
    /// A fingerprint of the text, to notice any change to it: `xxh64:<hex>` (format 3),
    /// `fnv1a64:<hex>` (format 2).
    #[serde(default)]
    pub text_hash: Option<String>,
    pub turns: Vec<Turn>,
}

/// Only the version: read when a file does not parse, so a newer file is reported as
/// such rather than as a shape error.
#[derive(Deserialize)]
pub struct Versioned {
    pub format_version: u32,
}

/// A project file that records the format version it was written in.
pub trait HasVersion {
    fn format_version(&self) -> u32;
}

macro_rules! has_version {
    ($($t:ty),*) => {$(
        impl HasVersion for $t {
            fn format_version(&self) -> u32 {
                self.format_version
            }
        }
    )*};
}

has_version!(
    CodebookFile,
    UnitsFile,
    AnalysisFile,
    ParticipantsFile,
    ReviewFile,
    TranscriptFile,
    super::correct::CorrectionsFile,
    crate::model::Manifest,
    crate::model::records::CodeRecord,
    crate::model::records::ParticipantRecord
);

/// Reads a value of any shape and keeps nothing of it.
fn read_and_drop<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    serde::de::IgnoredAny::deserialize(d)?;
    Ok(Vec::new())
}
