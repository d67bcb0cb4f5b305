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
    pub participants: Vec<ExportParticipant>,
    pub codebook: Vec<ExportCode>,
    pub meaning_units: Vec<ExportUnit<'a>>,
    pub condensation: Vec<ExportCodeGroup<'a>>,
    pub memos: Vec<ExportMemo>,
    /// Comment threads (since version 3).
    #[serde(default)]
    pub threads: Vec<ExportThread>,
    /// Spot-checks (since version 3).
    #[serde(default)]
    pub spotchecks: Vec<ExportSpotCheck>,
}

/// A spot-check: who checked whose coding, the sample, and what was said of each unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportSpotCheck {
    pub reviewer: String,
    pub coder: String,
    pub created: String,
    pub seed: u64,
    /// `none`, `transcript` or `code`.
    pub by: String,
    pub sample_size: usize,
    pub agreed: usize,
    pub disagreed: usize,
    pub unsure: usize,
    /// agreed / (agreed + disagreed), or `null` before any.
    pub rate: Option<f64>,
    pub ci95_low: Option<f64>,
    pub ci95_high: Option<f64>,
    /// Every sampled unit with its verdict (`agree`, `disagree`, `unsure`, or `null`).
    pub units: Vec<ExportVerdict>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportVerdict {
    pub unit: String,
    pub verdict: Option<String>,
}

/// A comment thread: what it is about, and its comments oldest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportThread {
    pub id: String,
    /// `unit`, `code`, `theme`, `condensate`, `analytic_text`, `result_heading`,
    /// `preconceptions` or `passage`.
    pub target_kind: String,
    /// The unit, code, theme or transcript id; for a condensate, analytic text or
    /// result heading the subgroup's or group's code id; empty for preconceptions.
    pub target_id: String,
    /// Whose work it is about (empty for the code tree and passages).
    pub target_owner: String,
    /// For a passage: where its words are, in characters like the units' offsets.
    pub target_start: Option<usize>,
    pub target_end: Option<usize>,
    pub author: String,
    pub started: String,
    pub resolved: bool,
    pub comments: Vec<ExportComment>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportComment {
    pub id: String,
    pub author: String,
    pub written: String,
    /// `comment`, `agree`, `question` or `disagree`.
    pub stance: String,
    pub text: String,
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
    /// Where the turn's words are in the transcript text, in characters (Unicode code
    /// points, end-exclusive), like the units' `start` and `end`: enough to recompute
    /// agreement or coverage in R or Python.
    #[serde(default)]
    pub start: usize,
    #[serde(default)]
    pub end: usize,
    pub text: Cow<'a, str>,
}

/// A participant: a person behind one or more speaker labels.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportParticipant {
    pub id: String,
    pub name: String,
    pub role: String,
    pub group: String,
    pub focus_group: String,
    pub attributes: std::collections::BTreeMap<String, String>,
    pub labels: Vec<ExportLabel>,
}

/// A speaker label in a transcript.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportLabel {
    /// The transcript's id.
    pub transcript: String,
    pub label: String,
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
    /// Ids of the participants who speak in it (merged labels once).
    pub participants: Vec<String>,
    /// Codebook ids.
    pub codes: Vec<String>,
    pub note: String,
}

/// One coder's steps 3 and 4 for one code group, in STC order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportCodeGroup<'a> {
    pub coder: String,
    /// The code group's codebook id.
    pub code_group: String,
    pub name: String,
    /// The informative heading used in the article ("" until written).
    pub result_heading: String,
    pub subgroups: Vec<ExportSubgroup<'a>>,
    /// Units coded with the group itself and with none of its subgroups.
    pub unsorted_units: Vec<ExportQuote<'a>>,
    pub validation: ExportValidation<'a>,
}

/// A subgroup with its condensate, golden quote and analytic text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportSubgroup<'a> {
    /// The subgroup's codebook id.
    pub subgroup: String,
    pub name: String,
    pub meaning_units: Vec<ExportQuote<'a>>,
    /// One of `meaning_units`, or `None` when none is chosen.
    pub golden_quote: Option<ExportQuote<'a>>,
    /// More of `meaning_units` chosen to quote in the results, after the golden quote.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more_quotes: Vec<ExportQuote<'a>>,
    pub condensate_first_person: String,
    pub analytic_text_third_person: String,
}

/// A meaning unit quoted verbatim, with where it was said.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportQuote<'a> {
    /// The unit's id (its offsets are in `meaning_units`).
    pub unit: String,
    /// The transcript's display name.
    pub transcript: String,
    /// The names of the participants who speak in it.
    pub speakers: Vec<String>,
    /// When the turn the quote starts in began, in milliseconds, where known.
    pub start_ms: Option<u64>,
    /// Borrowed from the transcript while exporting: a quote costs no copy of its words.
    pub text: Cow<'a, str>,
}

/// How a code group's synthesis was checked against the transcripts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportValidation<'a> {
    /// Names of the transcripts re-read against the synthesis.
    pub transcripts_reread: Vec<String>,
    pub note: String,
    /// When the record last changed (RFC 3339 UTC), or `None` when nothing is recorded.
    pub date: Option<String>,
    pub contradicting_units: Vec<ExportQuote<'a>>,
}

/// A memo: the preconceptions, an addendum to them, the total impression, or a
/// preliminary theme with its note.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportMemo {
    pub coder: String,
    /// `preconceptions`, `addendum`, `total_impression` or `theme`.
    pub kind: String,
    /// The theme's name ("" for the other kinds).
    pub name: String,
    pub text: String,
    /// When the preconceptions were locked or the addendum was written.
    pub date: Option<String>,
    /// The code group a theme seeded, by codebook id.
    pub code_group: Option<String>,
}
