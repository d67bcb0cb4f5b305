//! The export: the whole analysis as one JSON or RON document (schema in
//! `docs/EXPORT.md`). The same project always exports to the same bytes.

mod schema;

pub use schema::*;

use crate::model::{CodeNode, Project};
use crate::text::CharIndex;
use crate::{Error, Result};

/// Export version; bump on any change of the schema.
pub const EXPORT_VERSION: u32 = 1;

/// The formats `kondens export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Ron,
    Json,
}

impl ExportFormat {
    /// Parses a `--format` value.
    pub fn parse(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "ron" => Ok(ExportFormat::Ron),
            "json" => Ok(ExportFormat::Json),
            "markdown" | "md" => Err(Error::Refused(
                "the markdown export is not available yet; use ron or json".into(),
            )),
            _ => Err(Error::Refused(format!(
                "unknown export format {s:?}; use ron or json"
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

/// Builds the export document.
pub fn build(project: &Project) -> Export {
    let transcripts = project
        .transcripts
        .iter()
        .map(|t| ExportTranscript {
            id: t.id.to_string(),
            name: t.name.clone(),
            source_file: t.source_file.clone(),
            turns: t
                .turns
                .iter()
                .enumerate()
                .map(|(i, turn)| ExportTurn {
                    index: i + 1,
                    speaker: turn.speaker.clone(),
                    start_ms: turn.start_ms,
                    text: t.text[turn.span()].to_string(),
                })
                .collect(),
        })
        .collect();
    let mut meaning_units = Vec::new();
    for (coder, units) in &project.units {
        let mut index: Option<(crate::model::TranscriptId, CharIndex)> = None;
        for u in units {
            let Some(t) = project.transcript(u.transcript) else {
                continue;
            };
            if index.as_ref().is_none_or(|(id, _)| *id != t.id) {
                index = Some((t.id, CharIndex::new(&t.text)));
            }
            let Some((_, chars)) = index.as_ref() else {
                continue;
            };
            meaning_units.push(ExportUnit {
                id: u.id.to_string(),
                coder: coder.clone(),
                transcript: t.id.to_string(),
                start: chars.char_of(u.start),
                end: chars.char_of(u.end),
                text: t.text[u.span()].to_string(),
                speakers: u.speakers.clone(),
                codes: u.codes.iter().map(|c| c.to_string()).collect(),
                note: u.note.clone(),
            });
        }
    }
    Export {
        format: "kondens".into(),
        version: EXPORT_VERSION,
        project: ExportProject {
            title: project.manifest.title.clone(),
            research_question: project.manifest.research_question.clone(),
        },
        transcripts,
        codebook: codebook(&project.codebook.roots),
        meaning_units,
        condensation: Vec::new(),
        memos: Vec::new(),
    }
}

/// Renders the export in the chosen format, ending in a newline.
pub fn render(project: &Project, format: ExportFormat) -> Result<String> {
    let doc = build(project);
    let mut out = match format {
        ExportFormat::Json => serde_json::to_string_pretty(&doc)
            .map_err(|e| Error::Refused(format!("cannot write JSON: {e}")))?,
        ExportFormat::Ron => crate::store::to_ron(&doc, None)?.trim_end().to_string(),
    };
    out.push('\n');
    Ok(out)
}
