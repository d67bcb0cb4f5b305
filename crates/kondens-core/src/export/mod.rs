//! The export: the whole analysis as one JSON or RON document (schema in
//! `docs/EXPORT.md`). The same project always exports to the same bytes.

pub mod markdown;
mod schema;
pub mod stc;

pub use schema::*;

use crate::model::{CodeNode, Project, Transcript, TranscriptId};
use crate::text::CharIndex;
use crate::{Error, Result};
use serde::Serialize;
use std::borrow::Cow;

/// Export version; bump on any change of the schema.
///
/// - 1: the first export (condensation and memos always empty).
/// - 2: condensation and memos filled; quotes located and verbatim.
/// - 3: comment threads (`threads`).
pub const EXPORT_VERSION: u32 = 3;

/// The formats `kondens export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Ron,
    Json,
    /// A results document in the shape of a qualitative article (not read back).
    Markdown,
    /// A REFI-QDA project (a zip archive) for NVivo, MAXQDA, ATLAS.ti and QualCoder.
    Qdpx,
    /// A REFI-QDA codebook: the code tree alone.
    Qdc,
}

impl ExportFormat {
    /// Parses a `--format` value.
    pub fn parse(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "ron" => Ok(ExportFormat::Ron),
            "json" => Ok(ExportFormat::Json),
            "markdown" | "md" => Ok(ExportFormat::Markdown),
            "qdpx" | "refi" | "refi-qda" => Ok(ExportFormat::Qdpx),
            "qdc" => Ok(ExportFormat::Qdc),
            _ => Err(Error::Refused(format!(
                "unknown export format {s:?}; use ron, json, markdown, qdpx or qdc"
            ))),
        }
    }
}

fn codebook(nodes: &[CodeNode]) -> Vec<ExportCode> {
    nodes
        .iter()
        .map(|n| ExportCode {
            id: n.id.to_string(),
            name: n.name.clone(),
            description: n.description.clone(),
            children: codebook(&n.children),
        })
        .collect()
}

/// One transcript's turns, as exported.
fn turns(t: &Transcript) -> impl Iterator<Item = ExportTurn<'_>> {
    // Turns come in text order: characters are counted once, as they go.
    let (mut byte, mut chars) = (0usize, 0usize);
    t.turns.iter().enumerate().map(move |(i, turn)| {
        let count = |r: std::ops::Range<usize>| t.text.get(r).map_or(0, |s| s.chars().count());
        chars += count(byte.min(turn.start)..turn.start);
        let start = chars;
        chars += count(turn.span());
        byte = turn.end.max(byte);
        ExportTurn {
            index: i + 1,
            speaker: turn.speaker.as_deref().map(Cow::Borrowed),
            start_ms: turn.start_ms,
            start,
            end: chars,
            text: Cow::Borrowed(t.turn_text(i)),
        }
    })
}

/// Every coder's units, as exported, in file order. Character offsets come from one
/// index per transcript, made when the units move on to the next transcript.
fn units(project: &Project) -> impl Iterator<Item = ExportUnit<'_>> {
    let mut index: Option<(TranscriptId, CharIndex<'_>)> = None;
    project
        .units
        .iter()
        .flat_map(|(coder, list)| list.iter().map(move |u| (coder, u)))
        .filter_map(move |(coder, u)| {
            let t = project.transcript(u.transcript)?;
            if index.as_ref().is_none_or(|(id, _)| *id != t.id) {
                index = Some((t.id, CharIndex::new(&t.text)));
            }
            let (_, chars) = index.as_ref()?;
            Some(ExportUnit {
                id: u.id.to_string(),
                coder: coder.clone(),
                transcript: t.id.to_string(),
                start: chars.char_of(u.start),
                end: chars.char_of(u.end),
                text: Cow::Borrowed(t.text.get(u.span()).unwrap_or("")),
                participants: {
                    let mut ids: Vec<String> = Vec::new();
                    for label in t.speakers_in(u.span()) {
                        if let Some(p) = project.participant_for(t.id, &label) {
                            let id = p.id.to_string();
                            if !ids.contains(&id) {
                                ids.push(id);
                            }
                        }
                    }
                    ids
                },
                speakers: t.speakers_in(u.span()),
                codes: u.codes.iter().map(|c| c.to_string()).collect(),
                note: u.note.clone(),
            })
        })
}

/// Every participant (edited ones first, then one per unclaimed label).
pub fn participants(project: &Project) -> Vec<ExportParticipant> {
    project
        .all_participants()
        .into_iter()
        .map(|p| ExportParticipant {
            id: p.id.to_string(),
            name: p.name,
            role: p.role,
            group: p.group,
            focus_group: p.focus_group,
            attributes: p.attributes,
            labels: p
                .labels
                .into_iter()
                .map(|r| ExportLabel {
                    transcript: r.transcript.to_string(),
                    label: r.label,
                })
                .collect(),
        })
        .collect()
}

fn header(project: &Project) -> ExportProject {
    ExportProject {
        title: project.manifest.title.clone(),
        research_question: project.manifest.research_question.clone(),
    }
}

/// Builds the whole export document in memory, borrowing the project's texts. (Writing
/// an export does not: see [`write()`].)
pub fn build(project: &Project) -> Export<'_> {
    Export {
        format: "kondens".into(),
        version: EXPORT_VERSION,
        project: header(project),
        transcripts: project
            .transcripts
            .iter()
            .map(|t| ExportTranscript {
                id: t.id.to_string(),
                name: t.name.clone(),
                source_file: t.source_file.clone(),
                turns: turns(t).collect(),
            })
            .collect(),
        participants: participants(project),
        codebook: codebook(&project.codebook.roots),
        meaning_units: units(project).collect(),
        condensation: stc::condensation(project),
        memos: stc::memos(project),
        threads: threads(project),
        spotchecks: spotchecks(project),
    }
}

/// Every spot-check, by reviewer, with its figures and each unit's verdict.
pub fn spotchecks(project: &Project) -> Vec<ExportSpotCheck> {
    let summaries = crate::derived::spotcheck::report(project);
    let checks = project.reviews.values().flat_map(|r| r.spotchecks.iter());
    summaries
        .into_iter()
        .zip(checks)
        .map(|(s, c)| ExportSpotCheck {
            reviewer: s.reviewer,
            coder: s.coder,
            created: s.created,
            seed: s.seed,
            by: s.by,
            sample_size: s.sample_size,
            agreed: s.counts.agreed,
            disagreed: s.counts.disagreed,
            unsure: s.counts.unsure,
            rate: s.counts.rate,
            ci95_low: s.counts.ci95.map(|c| c.0),
            ci95_high: s.counts.ci95.map(|c| c.1),
            units: c
                .sample
                .iter()
                .map(|u| ExportVerdict {
                    unit: u.to_string(),
                    verdict: c.verdicts.get(u).map(|v| v.label().to_string()),
                })
                .collect(),
        })
        .collect()
}

/// Every comment thread, open ones first.
pub fn threads(project: &Project) -> Vec<ExportThread> {
    use crate::model::Target;
    project
        .threads()
        .iter()
        .map(|t| {
            let (kind, id, owner, span) = match t.target {
                Target::Unit { owner, id } => ("unit", id.to_string(), owner.clone(), None),
                Target::Code(id) => ("code", id.to_string(), String::new(), None),
                Target::Theme { owner, id } => ("theme", id.to_string(), owner.clone(), None),
                Target::Condensate { owner, subgroup } => {
                    ("condensate", subgroup.to_string(), owner.clone(), None)
                }
                Target::AnalyticText { owner, subgroup } => {
                    ("analytic_text", subgroup.to_string(), owner.clone(), None)
                }
                Target::ResultHeading { owner, group } => {
                    ("result_heading", group.to_string(), owner.clone(), None)
                }
                Target::Preconceptions { owner } => {
                    ("preconceptions", String::new(), owner.clone(), None)
                }
                Target::Passage {
                    transcript,
                    start,
                    end,
                } => {
                    let chars = project.transcript(*transcript).map(|tr| {
                        let index = CharIndex::new(&tr.text);
                        (index.char_of(*start), index.char_of(*end))
                    });
                    ("passage", transcript.to_string(), String::new(), chars)
                }
            };
            ExportThread {
                id: t.id.to_string(),
                target_kind: kind.into(),
                target_id: id,
                target_owner: owner,
                target_start: span.map(|s| s.0),
                target_end: span.map(|s| s.1),
                author: t.author().to_string(),
                started: t
                    .comments
                    .first()
                    .map(|(_, c)| c.written.to_string())
                    .unwrap_or_default(),
                resolved: t.resolved,
                comments: t
                    .comments
                    .iter()
                    .map(|(a, c)| ExportComment {
                        id: c.id.to_string(),
                        author: a.to_string(),
                        written: c.written.to_string(),
                        stance: c.stance.label().into(),
                        text: c.text.clone(),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// A list serialised item by item from an iterator, never held whole.
struct Stream<I>(std::cell::RefCell<Option<I>>);

impl<I> Stream<I> {
    fn new(items: I) -> Self {
        Stream(std::cell::RefCell::new(Some(items)))
    }
}

impl<I: Iterator<Item = T>, T: Serialize> Serialize for Stream<I> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self.0.borrow_mut().take() {
            Some(items) => s.collect_seq(items),
            None => Err(serde::ser::Error::custom(
                "an export list can be written once",
            )),
        }
    }
}

/// The export as it is written: the same fields, in the same order, as [`Export`], with
/// the long lists streamed.
#[derive(Serialize)]
#[serde(bound(serialize = "Stream<T>: Serialize, Stream<U>: Serialize, Stream<C>: Serialize"))]
struct ExportOut<'a, T, U, C> {
    format: &'static str,
    version: u32,
    project: ExportProject,
    transcripts: Stream<T>,
    participants: Vec<ExportParticipant>,
    codebook: Vec<ExportCode>,
    meaning_units: Stream<U>,
    condensation: Stream<C>,
    memos: Vec<ExportMemo>,
    threads: Vec<ExportThread>,
    spotchecks: Vec<ExportSpotCheck>,
    #[serde(skip)]
    _project: std::marker::PhantomData<&'a Project>,
}

#[derive(Serialize)]
#[serde(bound(serialize = "Stream<I>: Serialize"))]
struct TranscriptOut<'a, I> {
    id: String,
    name: &'a str,
    source_file: &'a str,
    turns: Stream<I>,
}

/// Writes the export in the chosen format, ending in a newline, straight into `out`
/// (no copy of the whole document in memory).
pub fn write(project: &Project, format: ExportFormat, out: &mut dyn std::io::Write) -> Result<()> {
    write_with(project, format, &markdown::Options::default(), out)
}

/// [`write()`], with the results document's options (its language; one person alone).
pub fn write_with(
    project: &Project,
    format: ExportFormat,
    options: &markdown::Options,
    out: &mut dyn std::io::Write,
) -> Result<()> {
    match format {
        ExportFormat::Qdpx => return crate::exchange::export::qdpx(project, out).map(drop),
        ExportFormat::Qdc => {
            let (xml, _) = crate::exchange::export::codebook(project);
            return out
                .write_all(xml.as_bytes())
                .map_err(|e| Error::io("the codebook", e));
        }
        _ => {}
    }
    let doc = ExportOut {
        format: "kondens",
        version: EXPORT_VERSION,
        project: header(project),
        transcripts: Stream::new(project.transcripts.iter().map(|t| TranscriptOut {
            id: t.id.to_string(),
            name: &t.name,
            source_file: &t.source_file,
            turns: Stream::new(turns(t)),
        })),
        participants: participants(project),
        codebook: codebook(&project.codebook.roots),
        meaning_units: Stream::new(units(project)),
        condensation: Stream::new(stc::condensation_iter(project)),
        memos: stc::memos(project),
        threads: threads(project),
        spotchecks: spotchecks(project),
        _project: std::marker::PhantomData,
    };
    // No control character reaches a terminal or a reader as it is: JSON and RON escape
    // them (and the bidi controls) in their own notation, the Markdown shows them.
    use crate::text::escape::{Escape, EscapingWriter};
    use std::io::Write as _;
    fn failed(e: impl std::error::Error + Send + Sync + 'static) -> Error {
        Error::encode("the export", e)
    }
    match format {
        // Buffered before escaping, so the escaping sees large pieces, not each token.
        ExportFormat::Json => {
            let mut w = std::io::BufWriter::with_capacity(
                1 << 16,
                EscapingWriter::new(&mut *out, Escape::Json),
            );
            serde_json::to_writer_pretty(&mut w, &doc).map_err(failed)?;
            w.write_all(b"\n").map_err(failed)?;
            w.flush().map_err(failed)
        }
        // The document ends in its own newline.
        ExportFormat::Markdown => {
            let mut w = std::io::BufWriter::with_capacity(
                1 << 16,
                EscapingWriter::new(&mut *out, Escape::Text),
            );
            markdown::write_with(project, options, &mut w).map_err(failed)?;
            w.flush().map_err(failed)
        }
        ExportFormat::Ron => {
            let config = crate::store::pretty(None).escape_strings(true);
            ron::Options::default()
                .to_io_writer_pretty(&mut *out, &doc, config)
                .map_err(failed)?;
            out.write_all(b"\n").map_err(failed)
        }
        ExportFormat::Qdpx | ExportFormat::Qdc => Ok(()),
    }
}

/// The export as a string (for tests and small projects).
pub fn render(project: &Project, format: ExportFormat) -> Result<String> {
    let mut out = Vec::new();
    write(project, format, &mut out)?;
    String::from_utf8(out).map_err(|e| Error::encode("the export", e))
}
