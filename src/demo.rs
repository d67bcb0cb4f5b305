//! The demo project: made on first run from the bundled sample transcripts, with some
//! example coding so a newcomer sees at once what coded text looks like, and the whole
//! STC loop (preconceptions, themes, condensates, golden quotes, analytic texts) done for
//! two of its code groups.

use crate::model::time::Stamp;
use crate::model::{
    Addendum, Analysis, CodeId, Preconceptions, Project, SubgroupWork, Theme, ThemeId,
};
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
    #[serde(default)]
    participant_groups: Vec<(String, String)>,
    #[serde(default)]
    analysis: DemoAnalysis,
}

/// The demo coder's steps 0, 1, 3 and 4. Codes are named by path, units by quote,
/// transcripts by file name.
#[derive(serde::Deserialize, Default)]
struct DemoAnalysis {
    preconceptions: String,
    addenda: Vec<String>,
    total_impression: String,
    /// Name, note, the code group it seeded.
    themes: Vec<(String, String, Option<String>)>,
    /// Group, result heading, validation note, transcripts re-read.
    code_groups: Vec<(String, String, String, Vec<String>)>,
    /// Subgroup path, condensate, golden quote, analytic text.
    subgroups: Vec<(String, String, String, String)>,
}

/// The demo coder's name.
pub fn demo_coder() -> String {
    ron::from_str::<DemoCoding>(CODING)
        .map(|d| d.coder)
        .unwrap_or_else(|_| "demo".into())
}

/// Makes the demo project in `dir` (which must not hold a project yet).
pub fn create(dir: &Path) -> Result<Project> {
    // A parse error keeps its line and column in the bundled file.
    let demo: DemoCoding = store::parse_ron(Path::new("assets/demo-coding.ron"), CODING)?;
    store::create(dir, &demo.title, &demo.research_question)?;
    let mut project = store::load(dir)?;
    // One import time for all, so the samples are in name order however long this takes
    // (a second ticking over between two of them would reorder them).
    let imported = crate::model::time::now();
    for (file, text) in SAMPLES {
        let stem = file.rsplit_once('.').map_or(*file, |(stem, _)| stem);
        let (mut t, _) = import::from_bytes(text.as_bytes(), file, stem, import::Format::Auto)
            .map_err(|message| Error::Import {
                path: Path::new("sample_transcripts").join(file),
                message,
            })?;
        t.imported.clone_from(&imported);
        store::save_transcript(dir, &t)?;
        project.transcripts.push(t);
    }
    project.sort_transcripts();
    let coder = demo.coder.as_str();
    let mut history = History::default();
    let mut ids: Vec<(String, CodeId)> = Vec::new();
    for (group, subgroups) in &demo.codes {
        let (e, gid) = ops::new_code(&project, None, group)?;
        history.perform(&mut project, e.change, e.label)?;
        ids.push((group.clone(), gid));
        for sub in subgroups {
            let (e, sid) = ops::new_code(&project, Some(gid), sub)?;
            history.perform(&mut project, e.change, e.label)?;
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
            history.perform(&mut project, e.change, e.label)?;
        }
    }
    project.analyses.insert(
        coder.to_string(),
        analysis(&project, coder, &ids, demo.analysis)?,
    );
    for (file, group) in &demo.participant_groups {
        let members: Vec<_> = project
            .all_participants()
            .into_iter()
            .filter(|p| p.role != "moderator")
            .filter(|p| {
                p.labels.iter().any(|r| {
                    project
                        .transcript(r.transcript)
                        .is_some_and(|t| &t.source_file == file)
                })
            })
            .collect();
        for p in members {
            let e = ops::set_participant(&project, p.id, &ops::ParticipantField::Group, group)?;
            history.perform(&mut project, e.change, e.label)?;
        }
    }
    store::save_codebook(dir, &mut project, coder)?;
    store::save_units(dir, &project, coder)?;
    store::save_analysis(dir, &project, coder)?;
    store::save_participants(dir, &mut project, coder)?;
    Ok(project)
}

fn analysis(
    project: &Project,
    coder: &str,
    ids: &[(String, CodeId)],
    demo: DemoAnalysis,
) -> Result<Analysis> {
    let code = |path: &str| {
        ids.iter()
            .find(|(p, _)| p == path)
            .map(|(_, id)| *id)
            .ok_or_else(|| Error::Refused(format!("demo code not found: {path}")))
    };
    let now = Stamp::now();
    let mut a = Analysis {
        preconceptions: Preconceptions {
            text: demo.preconceptions,
            locked: Some(now),
            addenda: demo
                .addenda
                .into_iter()
                .map(|text| Addendum { written: now, text })
                .collect(),
        },
        total_impression: demo.total_impression,
        ..Analysis::default()
    };
    for (name, note, group) in demo.themes {
        a.themes.push(Theme {
            id: ThemeId::new(),
            name,
            note,
            code_group: group.as_deref().map(code).transpose()?,
        });
    }
    for (group, heading, note, reread) in demo.code_groups {
        let work = a.code_groups.entry(code(&group)?).or_default();
        work.result_heading = heading;
        work.validation.note = note;
        for file in reread {
            let t = project
                .transcripts
                .iter()
                .find(|t| t.source_file == file)
                .ok_or_else(|| Error::Refused(format!("demo names unknown file {file}")))?;
            work.validation.reread.push(t.id);
            work.validation.date = Some(now);
        }
    }
    for (path, condensate, golden, analytic) in demo.subgroups {
        let id = code(&path)?;
        let unit = project
            .units_of(coder)
            .iter()
            .find(|u| project.quote(u) == golden)
            .ok_or_else(|| Error::Refused(format!("demo golden quote not coded: {golden}")))?;
        a.subgroups.insert(
            id,
            SubgroupWork {
                more_quotes: Vec::new(),
                condensate,
                golden_quote: Some(unit.id),
                analytic_text: analytic,
            },
        );
    }
    Ok(a)
}
