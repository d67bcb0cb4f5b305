//! REFI-QDA notes on the way in (`notes_out.rs` writes them). The STC texts a kondens
//! export wrote as notes ("Condensate — Group › Subgroup — ingrid") go back to their
//! places in that person's analysis, where those are still empty; a note on a code
//! becomes a comment thread on it, by the note's writer; a note on a selection becomes
//! part of that meaning unit's note. Notes on sources or the whole project are counted
//! in the report: kondens has no free memos yet.

use super::import::{Plan, Report, guid_key};
use super::tree::Element;
use crate::model::time::Stamp;
use crate::model::{
    Analysis, CodeId, Codebook, Comment, CommentId, Stance, Target, Theme, ThemeId, UnitId,
};
use std::collections::{BTreeMap, HashMap};

/// The notes each object refers to: (the object's guid, the note's guid).
pub(super) fn refs(e: &Element, out: &mut Vec<(String, String)>) {
    let own = e.attr("guid").map(guid_key).unwrap_or_default();
    for c in &e.children {
        if c.name == "NoteRef" {
            if let Some(t) = c.attr("targetGUID") {
                out.push((own.clone(), guid_key(t)));
            }
        } else {
            refs(c, out);
        }
    }
}

/// The STC kinds a kondens export writes, by the first part of a note's name.
const KINDS: &[&str] = &[
    "Preconceptions",
    "Total impression",
    "Preliminary theme",
    "Result heading",
    "Validation",
    "Condensate",
    "Analytic text",
    "Golden quote",
    "Quote in the results",
];

pub fn read(
    root: &Element,
    r: &super::sources::Reading<'_>,
    codebook: &Codebook,
    plan: &mut Plan,
    report: &mut Report,
) {
    let (selection_links, project, code_ids) = (&r.links, r.project, &r.code_ids);
    // guid → (name, text, author, written)
    type NoteIn<'a> = (&'a str, &'a str, Option<String>, Option<Stamp>);
    let notes: HashMap<String, NoteIn<'_>> = root
        .child("Notes")
        .iter()
        .flat_map(|n| n.all("Note"))
        .map(|n| {
            let author = n
                .attr("creatingUser")
                .and_then(|g| r.users.get(&guid_key(g)).cloned());
            let written = n
                .attr("creationDateTime")
                .and_then(|s| Stamp::parse(&format!("{}Z", s.get(..19)?)));
            (
                guid_key(n.attr("guid").unwrap_or_default()),
                (
                    n.attr("name").unwrap_or_default(),
                    n.child("PlainTextContent").map_or("", |c| c.text.as_str()),
                    author,
                    written,
                ),
            )
        })
        .collect();
    if notes.is_empty() {
        return;
    }
    let mut links = Vec::new();
    refs(root, &mut links);
    links.extend(selection_links.iter().cloned());
    let project_guid = String::new();
    let threads = project.threads();
    let mut used = 0usize;
    let mut analyses: BTreeMap<String, Analysis> = BTreeMap::new();
    for (owner, note) in &links {
        let Some((name, text, author, written)) = notes.get(note) else {
            continue;
        };
        let (name, text) = (*name, *text);
        let parts: Vec<&str> = name.split(" — ").collect();
        let kind = parts[0];
        let person = parts.last().copied().unwrap_or_default().to_string();
        let about = if parts.len() == 3 { parts[1] } else { "" };
        let on_code = code_ids.get(owner).copied();
        let unit = uuid::Uuid::parse_str(owner).ok().map(UnitId);
        if parts.len() >= 2
            && KINDS.contains(&kind)
            && crate::store::check_coder_name(&person).is_ok()
        {
            let a = analyses
                .entry(person.clone())
                .or_insert_with(|| project.analysis_of(&person).clone());
            if restore(
                a,
                kind,
                about,
                text,
                on_code,
                unit,
                owner == &project_guid,
                codebook,
            ) {
                used += 1;
                report.restored += 1;
            }
            continue;
        }
        // A note on a code: a comment on it, by the note's writer.
        if let Some(code) = on_code {
            // A thread kondens exported from this very project is here already.
            let here = threads.iter().any(|t| {
                *t.target == Target::Code(code)
                    && t.comments
                        .first()
                        .is_some_and(|(_, c)| text.contains(&c.text))
            });
            if here {
                used += 1;
                continue;
            }
            let who = author.clone().unwrap_or_else(|| "imported".into());
            let id = CommentId::new();
            plan.reviews
                .entry(who.clone())
                .or_insert_with(|| project.review_of(&who))
                .comments
                .push(Comment {
                    id,
                    thread: id,
                    target: Target::Code(code),
                    written: written.unwrap_or_else(Stamp::now),
                    stance: Stance::Comment,
                    text: format!("{name}: {}", text.trim()),
                });
            used += 1;
            report.comments += 1;
            continue;
        }
        // A note on a selection: a memo on the units made from it.
        let mut attached = false;
        for units in plan.units.values_mut() {
            for u in units.iter_mut().filter(|u| Some(u.id) == unit) {
                if !u.note.is_empty() {
                    u.note.push_str("\n\n");
                }
                u.note.push_str(&format!("{name}: {}", text.trim()));
                attached = true;
            }
        }
        if attached {
            used += 1;
        }
    }
    plan.analyses = analyses;
    let left = notes.len().saturating_sub(used);
    if left > 0 {
        report.skipped.push(format!(
            "{left} note(s) (memos) on sources or the whole project: kondens has no free \
             memos yet"
        ));
    }
}

/// Puts one kondens STC note back, if its place is empty. True when it was used.
#[allow(clippy::too_many_arguments)]
fn restore(
    a: &mut Analysis,
    kind: &str,
    about: &str,
    text: &str,
    code: Option<CodeId>,
    unit: Option<UnitId>,
    on_project: bool,
    codebook: &Codebook,
) -> bool {
    let set = |field: &mut String, value: &str| {
        if field.trim().is_empty() {
            *field = value.to_string();
        }
        true
    };
    let by_path = |label: &str| {
        codebook
            .flatten()
            .into_iter()
            .map(|f| f.node.id)
            .find(|id| codebook.path_label(*id) == label)
    };
    match (kind, code) {
        ("Preconceptions", _) if on_project => {
            // The lock date was written as words; the text itself comes back.
            let body = text.split("\n\n(Locked ").next().unwrap_or(text);
            set(&mut a.preconceptions.text, body)
        }
        ("Total impression", _) if on_project => set(&mut a.total_impression, text),
        ("Preliminary theme", _) => {
            if a.themes.iter().any(|t| t.name == about) {
                return true;
            }
            let note = text.split_once("\n\n").map_or("", |(_, n)| n).to_string();
            a.themes.push(Theme {
                id: ThemeId::new(),
                name: about.to_string(),
                note,
                code_group: code,
            });
            true
        }
        ("Result heading", Some(g)) => set(
            &mut a.code_groups.entry(g).or_default().result_heading,
            text,
        ),
        ("Validation", Some(g)) => set(
            &mut a.code_groups.entry(g).or_default().validation.note,
            text,
        ),
        ("Condensate", Some(s)) => set(&mut a.subgroups.entry(s).or_default().condensate, text),
        ("Analytic text", Some(s)) => {
            set(&mut a.subgroups.entry(s).or_default().analytic_text, text)
        }
        ("Golden quote" | "Quote in the results", None) => {
            let (Some(u), Some(s)) = (unit, by_path(about)) else {
                return false;
            };
            let work = a.subgroups.entry(s).or_default();
            if kind == "Golden quote" {
                if work.golden_quote.is_none() {
                    work.golden_quote = Some(u);
                }
            } else if !work.more_quotes.contains(&u) {
                work.more_quotes.push(u);
            }
            true
        }
        _ => false,
    }
}
