//! The export document. Field names are the public schema: change them only with
//! [`super::EXPORT_VERSION`] and `docs/EXPORT.md`.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The whole export. Texts are borrowed from the project while exporting (so the
/// export costs no copy of the transcripts) and owned when an export is read back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Export<'a> {
    /// Always `"kondens"`.
    pub format: String,
    pub version: u32,
    pub project: ExportProject,
    pub transcripts: Vec<ExportTranscript<'a>>,
    pub codebook: Vec<ExportCode>,
    pub meaning_units: Vec<ExportUnit<'a>>,
    pub condensation: Vec<ExportCodeGroup>,
    pub memos: Vec<ExportMemo>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportProject {
    pub title: String,
    pub research_question: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportTranscript<'a> {
    pub id: String,
    pub name: String,
    pub source_file: String,
    pub turns: Vec<ExportTurn<'a>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportTurn<'a> {
    /// 1-based position of the turn in its transcript.
    pub index: usize,
    pub speaker: Option<Cow<'a, str>>,
    pub start_ms: Option<u64>,
    pub text: Cow<'a, str>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportCode {
    pub id: String,
    pub name: String,
    pub description: String,
    pub children: Vec<ExportCode>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportUnit<'a> {
    pub id: String,
    pub coder: String,
    /// The transcript's id.
    pub transcript: String,
    /// Offset of the first character, counted in Unicode scalar values (code points)
    /// from the start of the transcript text.
    pub start: usize,
    /// Offset one past the last character, in code points (end-exclusive).
    pub end: usize,
    /// The verbatim quote.
    pub text: Cow<'a, str>,
    pub speakers: Vec<String>,
    /// Codebook ids.
    pub codes: Vec<String>,
    pub note: String,
}

/// A code group's condensation (filled by the condensation step).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportCodeGroup {
    pub code_group: String,
    pub name: String,
    pub result_heading: String,
    pub subgroups: Vec<ExportSubgroup>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportSubgroup {
    pub subgroup: String,
    pub name: String,
    pub meaning_units: Vec<String>,
    pub golden_quote: Option<String>,
    pub condensate_first_person: String,
    pub analytic_text_third_person: String,
}

/// A memo (filled by the themes step).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportMemo {
    pub id: String,
    pub coder: String,
    pub kind: String,
    pub text: String,
}
