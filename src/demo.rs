//! The demo project: made on first run from the bundled sample transcripts, with some
//! example coding so a newcomer sees at once what coded text looks like.

use crate::model::{CodeId, Project};
use crate::ops::{self, History};
use crate::{Error, Result, import, store};
use std::path::Path;

/// The bundled samples: file name and text.
pub const SAMPLES: &[(&str, &str)] = &[
    (
        "fokusgruppe-ledere.txt",
        include_str!("../sample_transcripts/fokusgruppe-ledere.txt"),
    ),
    (
        "focus-group-professionals.txt",
        include_str!("../sample_transcripts/focus-group-professionals.txt"),
    ),
    (
        "zoom-fokusgruppe-erfaringskonsulenter.vtt",
        include_str!("../sample_transcripts/zoom-fokusgruppe-erfaringskonsulenter.vtt"),
    ),
    (
        "teams-focus-group-supervisors.vtt",
        include_str!("../sample_transcripts/teams-focus-group-supervisors.vtt"),
    ),
];

/// The example coding: code path (`Group/Subgroup`) and a passage to find in a sample.
const CODING: &str = include_str!("../assets/demo-coding.ron");

#[derive(serde::Deserialize)]
struct DemoCoding {
    title: String,
    research_question: String,
    coder: String,
    codes: Vec<(String, Vec<String>)>,
    units: Vec<(String, String, Vec<String>)>,
}

/// The demo coder's name.
pub fn demo_coder() -> String {
    ron::from_str::<DemoCoding>(CODING)
        .map(|d| d.coder)
        .unwrap_or_else(|_| "demo".into())
}

/// Makes the demo project in `dir` (which must not hold a project yet).
pub fn create(dir: &Path) -> Result<Project> {
    let demo: DemoCoding = ron::from_str(CODING)
        .map_err(|e| Error::Refused(format!("the bundled demo coding is damaged: {e}")))?;
    store::create(dir, &demo.title, &demo.research_question)?;
    let mut project = store::load(dir)?;
    for (file, text) in SAMPLES {
        let stem = file.rsplit_once('.').map_or(*file, |(stem, _)| stem);
        let (t, _) = import::from_bytes(text.as_bytes(), file, stem, import::Format::Auto)
            .map_err(|m| Error::Refused(format!("bundled sample {file}: {m}")))?;
        store::save_transcript(dir, &t)?;
        project.transcripts.push(t);
    }
    project.sort_transcripts();
    let coder = demo.coder.as_str();
    let mut history = History::default();
    let mut ids: Vec<(String, CodeId)> = Vec::new();
    for (group, subgroups) in &demo.codes {
        let (e, gid) = ops::new_code(&project, None, group)?;
        history.perform(&mut project, coder, e.change, e.label)?;
        ids.push((group.clone(), gid));
        for sub in subgroups {
            let (e, sid) = ops::new_code(&project, Some(gid), sub)?;
            history.perform(&mut project, coder, e.change, e.label)?;
            ids.push((format!("{group}/{sub}"), sid));
        }
    }
    for (file, quote, codes) in &demo.units {
        let t = project
            .transcripts
            .iter()
            .find(|t| &t.source_file == file)
            .ok_or_else(|| Error::Refused(format!("demo coding names unknown file {file}")))?;
        let start = t
            .text
            .find(quote.as_str())
            .ok_or_else(|| Error::Refused(format!("demo quote not found: {quote}")))?;
        let tid = t.id;
        for code in codes {
            let id = ids
                .iter()
                .find(|(p, _)| p == code)
                .map(|(_, id)| *id)
                .ok_or_else(|| Error::Refused(format!("demo code not found: {code}")))?;
            let e = ops::code_passage(&project, coder, tid, start..start + quote.len(), id)?;
            history.perform(&mut project, coder, e.change, e.label)?;
        }
    }
    store::save_codebook(dir, &project)?;
    store::save_units(dir, &project, coder)?;
    Ok(project)
}
