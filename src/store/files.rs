//! The shapes of the project files on disk. Each carries `format_version`.

use crate::model::{CodeNode, MeaningUnit, TranscriptId, Turn};
use serde::{Deserialize, Serialize};

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
    pub units: Vec<MeaningUnit>,
}

/// `transcripts/<id>.ron`; the text itself is in `transcripts/<id>.txt`.
#[derive(Serialize, Deserialize)]
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
    /// `fnv1a64:<hex>` of the text (from format 2 on), to notice any change to it.
    #[serde(default)]
    pub text_hash: Option<String>,
    pub turns: Vec<Turn>,
}

/// Only the version, read first so a newer file is reported as such rather than as
/// a shape error.
#[derive(Deserialize)]
pub struct Versioned {
    pub format_version: u32,
}
