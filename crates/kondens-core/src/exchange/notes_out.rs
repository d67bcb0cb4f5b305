//! The STC texts and comment threads as REFI-QDA notes, and what each is attached to:
//! the project, a code, or a selection (a meaning unit). Read back by `notes_in.rs`.

use super::xml::Xml;
use super::{Summary, derived};
use crate::model::{Analysis, CodeId, Project, UnitId};

/// What a note is attached to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum On {
    Project,
    Code(CodeId),
    Selection(UnitId),
}

/// An STC text written as a REFI-QDA note.
pub(super) struct Note {
    pub guid: String,
    pub name: String,
    pub text: String,
    pub on: On,
}

/// Every STC text of every person, as notes.
pub(super) fn notes(project: &Project, summary: &mut Summary) -> Vec<Note> {
    let mut out = Vec::new();
    for person in project.people() {
        let a = project.analysis_of(person);
        person_notes(project, person, a, &mut out);
    }
    thread_notes(project, &mut out);
    for n in &out {
        let kind = n.name.split(" — ").next().unwrap_or("note").to_string();
        *summary.notes.entry(kind).or_default() += 1;
    }
    out
}

/// Each comment thread as one note on what it is about, its comments in order.
fn thread_notes(project: &Project, out: &mut Vec<Note>) {
    use crate::model::Target;
    for t in project.threads() {
        let on = match t.target {
            Target::Unit { id, .. } => On::Selection(*id),
            Target::Code(id)
            | Target::Condensate { subgroup: id, .. }
            | Target::AnalyticText { subgroup: id, .. }
            | Target::ResultHeading { group: id, .. } => On::Code(*id),
            _ => On::Project,
        };
        let mut text: Vec<String> = t
            .comments
            .iter()
            .map(|(who, c)| format!("{who} ({}, {}): {}", c.stance.label(), c.written, c.text))
            .collect();
        if t.resolved {
            text.push("(resolved)".into());
        }
        out.push(Note {
            guid: derived(&["thread", &t.id.to_string()]),
            name: format!(
                "Comment thread — on the {} — {}",
                t.target.kind(),
                t.author()
            ),
            text: text.join("\n\n"),
            on,
        });
    }
}

fn person_notes(project: &Project, person: &str, a: &Analysis, out: &mut Vec<Note>) {
    let path = |id: CodeId| project.codebook.path_label(id);
    let mut note = |kind: &str, about: String, id: String, text: String, on: On| {
        if text.trim().is_empty() {
            return;
        }
        out.push(Note {
            guid: derived(&["note", person, kind, &id]),
            name: if about.is_empty() {
                format!("{kind} — {person}")
            } else {
                format!("{kind} — {about} — {person}")
            },
            text,
            on,
        });
    };
    let mut pre = a.preconceptions.text.clone();
    if let Some(locked) = a.preconceptions.locked {
        pre.push_str(&format!("\n\n(Locked {locked}.)"));
    }
    for add in &a.preconceptions.addenda {
        pre.push_str(&format!("\n\nAddendum {}: {}", add.written, add.text));
    }
    if a.preconceptions.text.trim().is_empty() && a.preconceptions.addenda.is_empty() {
        pre.clear();
    }
    note(
        "Preconceptions",
        String::new(),
        String::new(),
        pre,
        On::Project,
    );
    note(
        "Total impression",
        String::new(),
        String::new(),
        a.total_impression.clone(),
        On::Project,
    );
    for t in &a.themes {
        let on = t.code_group.map_or(On::Project, On::Code);
        let text = if t.note.trim().is_empty() {
            t.name.clone()
        } else {
            format!("{}\n\n{}", t.name, t.note)
        };
        note(
            "Preliminary theme",
            t.name.clone(),
            t.id.to_string(),
            text,
            on,
        );
    }
    for (&g, w) in &a.code_groups {
        let id = g.to_string();
        note(
            "Result heading",
            path(g),
            id.clone(),
            w.result_heading.clone(),
            On::Code(g),
        );
        let v = &w.validation;
        let mut text = v.note.clone();
        if !v.reread.is_empty() {
            let names: Vec<&str> = v
                .reread
                .iter()
                .filter_map(|t| project.transcript(*t).map(|t| t.name.as_str()))
                .collect();
            text.push_str(&format!(
                "\n\nRe-read against the synthesis: {}.",
                names.join(", ")
            ));
        }
        if let Some(date) = v.date {
            text.push_str(&format!("\nValidated {date}."));
        }
        if !v.contradicting.is_empty() {
            text.push_str(&format!(
                "\nMeaning units flagged as contradicting: {}.",
                v.contradicting.len()
            ));
        }
        note(
            "Validation",
            path(g),
            id,
            text.trim().to_string(),
            On::Code(g),
        );
    }
    for (&s, w) in &a.subgroups {
        let id = s.to_string();
        note(
            "Condensate",
            path(s),
            id.clone(),
            w.condensate.clone(),
            On::Code(s),
        );
        note(
            "Analytic text",
            path(s),
            id.clone(),
            w.analytic_text.clone(),
            On::Code(s),
        );
        let quotes = w.golden_quote.iter().map(|u| ("Golden quote", u));
        for (kind, u) in quotes.chain(w.more_quotes.iter().map(|u| ("Quote in the results", u))) {
            if let Some(unit) = project.unit(person, *u) {
                note(
                    kind,
                    path(s),
                    format!("{id}/{u}"),
                    project.quote(unit).to_string(),
                    On::Selection(*u),
                );
            }
        }
    }
}

pub(super) fn note_refs(x: &mut Xml, notes: &[Note], on: On) {
    for n in notes.iter().filter(|n| n.on == on) {
        x.empty("NoteRef", &[("targetGUID", &n.guid)]);
    }
}
