//! The STC part of the export: per coder and code group (in tree order) the subgroups
//! with their condensates, golden quotes and analytic texts, and the memos.

use super::{ExportCodeGroup, ExportMemo, ExportQuote, ExportSubgroup, ExportValidation};
use crate::derived::stc;
use crate::model::{Analysis, CodeNode, MeaningUnit, Project, UnitId};

/// A unit as a located, verbatim quote.
pub fn quote<'a>(project: &'a Project, u: &MeaningUnit) -> ExportQuote<'a> {
    let t = project.transcript(u.transcript);
    ExportQuote {
        unit: u.id.to_string(),
        transcript: t.map(|t| t.name.clone()).unwrap_or_default(),
        speakers: project.participant_names_of(u),
        start_ms: t.and_then(|t| {
            t.turns
                .get(t.turn_at(u.start))
                .and_then(|turn| turn.start_ms)
        }),
        text: std::borrow::Cow::Borrowed(project.quote(u)),
    }
}

fn quotes<'a>(project: &'a Project, units: &[&MeaningUnit]) -> Vec<ExportQuote<'a>> {
    units.iter().map(|u| quote(project, u)).collect()
}

/// True when the coder has done any STC work on this code group.
fn worked_on(project: &Project, coder: &str, a: &Analysis, g: &CodeNode) -> bool {
    a.code_groups.contains_key(&g.id)
        || g.children.iter().any(|s| a.subgroups.contains_key(&s.id))
        || project
            .units_of(coder)
            .iter()
            .any(stc::under(project, g.id))
}

/// Per coder (by name) and code group (in tree order): the condensation. A coder
/// appears for the groups they have units in or have written about.
pub fn condensation(project: &Project) -> Vec<ExportCodeGroup<'_>> {
    condensation_iter(project).collect()
}

/// [`condensation`], one code group at a time (the export streams it, so at most one
/// group's quotes are in memory).
pub fn condensation_iter(project: &Project) -> impl Iterator<Item = ExportCodeGroup<'_>> {
    project.people().into_iter().flat_map(move |coder| {
        let a = project.analysis_of(coder);
        project
            .codebook
            .roots
            .iter()
            .filter(move |g| worked_on(project, coder, a, g))
            .map(move |g| group(project, coder, a, g))
    })
}

fn group<'a>(project: &'a Project, coder: &str, a: &Analysis, g: &CodeNode) -> ExportCodeGroup<'a> {
    let work = a.group(g.id).cloned().unwrap_or_default();
    let v = &work.validation;
    let contradicting: Vec<&MeaningUnit> = v
        .contradicting
        .iter()
        .filter_map(|id| project.unit(coder, *id))
        .collect();
    ExportCodeGroup {
        coder: coder.to_string(),
        code_group: g.id.to_string(),
        name: g.name.clone(),
        result_heading: work.result_heading.clone(),
        subgroups: g
            .children
            .iter()
            .map(|s| subgroup(project, coder, a, s))
            .collect(),
        unsorted_units: quotes(project, &stc::unsorted_units(project, coder, g.id)),
        validation: ExportValidation {
            transcripts_reread: v
                .reread
                .iter()
                .filter_map(|id| project.transcript(*id).map(|t| t.name.clone()))
                .collect(),
            note: v.note.clone(),
            date: v.date.map(|d| d.to_string()),
            contradicting_units: quotes(project, &contradicting),
        },
    }
}

fn subgroup<'a>(
    project: &'a Project,
    coder: &str,
    a: &Analysis,
    s: &CodeNode,
) -> ExportSubgroup<'a> {
    let work = a.subgroup(s.id).cloned().unwrap_or_default();
    let units = stc::units_under(project, coder, s.id);
    let golden: Option<UnitId> = work.golden_quote;
    ExportSubgroup {
        subgroup: s.id.to_string(),
        name: s.name.clone(),
        golden_quote: golden
            .and_then(|id| units.iter().find(|u| u.id == id))
            .map(|u| quote(project, u)),
        more_quotes: work
            .more_quotes
            .iter()
            .filter_map(|id| units.iter().find(|u| u.id == *id))
            .map(|u| quote(project, u))
            .collect(),
        meaning_units: quotes(project, &units),
        condensate_first_person: work.condensate,
        analytic_text_third_person: work.analytic_text,
    }
}

/// Every coder's memos: preconceptions, addenda, total impression, then the themes in
/// the coder's order. Empty memos are left out.
pub fn memos(project: &Project) -> Vec<ExportMemo> {
    let mut out = Vec::new();
    for (coder, a) in &project.analyses {
        let memo = |kind: &str, name: &str, text: &str, date: Option<String>| ExportMemo {
            coder: coder.clone(),
            kind: kind.into(),
            name: name.into(),
            text: text.into(),
            date,
            code_group: None,
        };
        let p = &a.preconceptions;
        if !p.text.is_empty() || p.locked.is_some() {
            out.push(memo(
                "preconceptions",
                "",
                &p.text,
                p.locked.map(|d| d.to_string()),
            ));
        }
        for ad in &p.addenda {
            out.push(memo("addendum", "", &ad.text, Some(ad.written.to_string())));
        }
        if !a.total_impression.is_empty() {
            out.push(memo("total_impression", "", &a.total_impression, None));
        }
        for t in &a.themes {
            let mut m = memo("theme", &t.name, &t.note, None);
            m.code_group = t.code_group.map(|g| g.to_string());
            out.push(m);
        }
    }
    out
}
