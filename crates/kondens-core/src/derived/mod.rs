//! Reading the analysis: how far it has come (`kondens stats`), the shape of the STC
//! steps in the code tree ([`stc`]) and soft guidance on the texts ([`guidance`]).

pub mod agreement;
pub mod compare;
pub mod guidance;
pub mod report;
pub mod spotcheck;
pub mod stc;

use crate::model::Project;
use serde::Serialize;

/// What is wrong in a project that loads, in words for the person who opens it: meaning
/// units whose code is no longer in the code tree (another person deleted it while this
/// coder still saw it). They are kept as they are, so nothing is lost.
pub fn problems(project: &Project) -> Vec<String> {
    // Looked up in a set made once: this runs at every open, stats and export.
    let codes: std::collections::HashSet<crate::model::CodeId> = project
        .codebook
        .flatten()
        .iter()
        .map(|f| f.node.id)
        .collect();
    let mut out = Vec::new();
    for (coder, units) in &project.units {
        let dangling = units
            .iter()
            .filter(|u| u.codes.iter().any(|c| !codes.contains(c)))
            .count();
        if dangling > 0 {
            out.push(format!(
                "units/{coder}.ron: {dangling} meaning unit{} of {coder} carr{} a code that is \
                 no longer in the code tree (deleted by someone else?); kept as they are: \
                 code them again or delete them",
                if dangling == 1 { "" } else { "s" },
                if dangling == 1 { "ies" } else { "y" }
            ));
        }
    }
    out
}

/// Counts for one coder.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct CoderStats {
    pub coder: String,
    pub meaning_units: usize,
    pub coded_units: usize,
    /// Transcripts in which this coder has marked at least one unit.
    pub transcripts_touched: usize,
    /// Steps 0–1, 3 and 4.
    pub stc: StcProgress,
}

/// How far one coder has come with the STC steps around the coding.
#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct StcProgress {
    pub preconceptions_locked: bool,
    pub themes: usize,
    pub subgroups: usize,
    pub condensates: usize,
    pub golden_quotes: usize,
    pub analytic_texts: usize,
    pub code_groups: usize,
    pub result_headings: usize,
    pub validated_groups: usize,
}

/// One coder's STC progress over the code groups and subgroups of the tree.
pub fn stc_progress(project: &Project, coder: &str) -> StcProgress {
    let a = project.analysis_of(coder);
    let mut p = StcProgress {
        preconceptions_locked: a.preconceptions.locked.is_some(),
        themes: a.themes.len(),
        code_groups: project.codebook.roots.len(),
        ..StcProgress::default()
    };
    for g in &project.codebook.roots {
        if let Some(w) = a.group(g.id) {
            p.result_headings += usize::from(!w.result_heading.trim().is_empty());
            p.validated_groups += usize::from(w.validation.date.is_some());
        }
        for s in &g.children {
            p.subgroups += 1;
            if let Some(w) = a.subgroup(s.id) {
                p.condensates += usize::from(!w.condensate.trim().is_empty());
                p.analytic_texts += usize::from(!w.analytic_text.trim().is_empty());
                p.golden_quotes += usize::from(stc::golden_quote(project, coder, s.id).is_some());
            }
        }
    }
    p
}

/// Counts for one code.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct CodeStats {
    pub path: String,
    pub depth: usize,
    pub units: usize,
}

/// The whole report.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Stats {
    pub title: String,
    pub transcripts: usize,
    pub turns: usize,
    pub words: usize,
    pub speakers: usize,
    pub codes: usize,
    pub coders: Vec<CoderStats>,
    pub code_use: Vec<CodeStats>,
}

/// Every coder with units or an analysis, by name, with their units.
fn coders(project: &Project) -> Vec<(&String, &[crate::model::MeaningUnit])> {
    project
        .people()
        .into_iter()
        .map(|c| (c, project.units_of(c)))
        .collect()
}

/// Units per code, the rule the workbench shows too: a unit counts for a code when it
/// carries that code or one below it, once however many of them it carries.
pub fn units_within(project: &Project) -> std::collections::HashMap<crate::model::CodeId, usize> {
    use crate::model::CodeId;
    use std::collections::{HashMap, HashSet};
    let mut parent: HashMap<CodeId, CodeId> = HashMap::new();
    for f in project.codebook.flatten() {
        for c in &f.node.children {
            parent.insert(c.id, f.node.id);
        }
    }
    let mut counts: HashMap<CodeId, usize> = HashMap::new();
    let mut seen: HashSet<CodeId> = HashSet::new();
    for units in project.units.values() {
        for u in units {
            seen.clear();
            for c in &u.codes {
                let mut at = Some(*c);
                while let Some(id) = at {
                    if !seen.insert(id) {
                        break;
                    }
                    *counts.entry(id).or_default() += 1;
                    at = parent.get(&id).copied();
                }
            }
        }
    }
    counts
}

/// Computes the report.
pub fn stats(project: &Project) -> Stats {
    let mut speakers = std::collections::BTreeSet::new();
    for t in &project.transcripts {
        for turn in &t.turns {
            if let Some(s) = &turn.speaker {
                speakers.insert((t.id, &**s));
            }
        }
    }
    let counts = units_within(project);
    Stats {
        title: project.manifest.title.clone(),
        transcripts: project.transcripts.len(),
        turns: project.transcripts.iter().map(|t| t.turns.len()).sum(),
        words: crate::parallel::map(&project.transcripts, |t| t.word_count())
            .into_iter()
            .sum(),
        speakers: speakers.len(),
        codes: project.codebook.len(),
        coders: coders(project)
            .into_iter()
            .map(|(coder, units)| CoderStats {
                stc: stc_progress(project, coder),
                coder: coder.clone(),
                meaning_units: units.len(),
                coded_units: units.iter().filter(|u| !u.codes.is_empty()).count(),
                transcripts_touched: units
                    .iter()
                    .map(|u| u.transcript)
                    .collect::<std::collections::BTreeSet<_>>()
                    .len(),
            })
            .collect(),
        code_use: project
            .codebook
            .flatten()
            .iter()
            .map(|f| CodeStats {
                path: project.codebook.path_label(f.node.id),
                depth: f.depth,
                units: counts.get(&f.node.id).copied().unwrap_or(0),
            })
            .collect(),
    }
}

impl std::fmt::Display for Stats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{}", self.title)?;
        writeln!(
            f,
            "transcripts: {}   turns: {}   words: {}   speakers: {}   codes: {}",
            self.transcripts, self.turns, self.words, self.speakers, self.codes
        )?;
        if self.coders.is_empty() {
            writeln!(f, "no meaning units yet")?;
        }
        for c in &self.coders {
            writeln!(
                f,
                "coder {}: {} meaning units ({} coded) in {} of {} transcripts",
                c.coder, c.meaning_units, c.coded_units, c.transcripts_touched, self.transcripts
            )?;
            let p = &c.stc;
            writeln!(
                f,
                "  preconceptions {}; {} preliminary themes; of {} subgroups: {} condensates, \
                 {} golden quotes, {} analytic texts; of {} code groups: {} result headings, \
                 {} validated",
                if p.preconceptions_locked {
                    "locked"
                } else {
                    "not locked"
                },
                p.themes,
                p.subgroups,
                p.condensates,
                p.golden_quotes,
                p.analytic_texts,
                p.code_groups,
                p.result_headings,
                p.validated_groups
            )?;
        }
        if !self.code_use.is_empty() {
            writeln!(f, "code tree (units with the code or one below it):")?;
        }
        for c in &self.code_use {
            let name = c.path.rsplit(" › ").next().unwrap_or(&c.path);
            writeln!(f, "  {}{name}  {}", "  ".repeat(c.depth), c.units)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CodeNode, Location, MeaningUnit, Transcript, TranscriptId, UnitId};

    #[test]
    fn a_unit_counts_for_its_codes_and_every_code_above_them_once() {
        let mut p = Project::new("t", "q");
        let t = TranscriptId::new();
        p.transcripts.push(Transcript {
            id: t,
            name: "t".into(),
            source_file: String::new(),
            imported: String::new(),
            format: "txt".into(),
            encoding: "UTF-8".into(),
            text: "x".repeat(50),
            turns: vec![],
        });
        let node = |name: &str| CodeNode {
            id: crate::model::CodeId::new(),
            name: name.into(),
            description: String::new(),
            colour: String::new(),
            children: vec![],
        };
        let (group, sub, leaf) = (node("group"), node("sub"), node("leaf"));
        let (g, s, l) = (group.id, sub.id, leaf.id);
        let at = |parent, index| Location { parent, index };
        p.codebook.insert(at(None, 0), group).unwrap();
        p.codebook.insert(at(Some(g), 0), sub).unwrap();
        p.codebook.insert(at(Some(s), 0), leaf).unwrap();
        let unit = |codes: Vec<crate::model::CodeId>, start| MeaningUnit {
            id: UnitId::new(),
            transcript: t,
            start,
            end: start + 1,
            codes,
            note: String::new(),
            created: crate::model::time::Stamp(0),
            changed: crate::model::time::Stamp(0),
        };
        p.units.insert(
            "ana".into(),
            vec![unit(vec![l], 0), unit(vec![g, l], 2), unit(vec![s], 4)],
        );
        p.units.insert("bo".into(), vec![unit(vec![g], 6)]);
        let n = units_within(&p);
        assert_eq!((n[&g], n[&s], n[&l]), (4, 3, 2));
        let report = stats(&p);
        let group_row = report.code_use.iter().find(|c| c.path == "group").unwrap();
        assert_eq!(group_row.units, 4, "groups are not 0 any more");
    }
}
