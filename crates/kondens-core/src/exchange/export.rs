//! Writing REFI-QDA: the project as `project.qde` in a `.qdpx` zip with the transcripts
//! as `Sources/<id>.txt`, and the code tree alone as a `.qdc` codebook (the STC texts
//! and threads as notes are `notes_out.rs`). What maps to what is in
//! `docs/EXCHANGE.md`; kondens's ids are the GUIDs, and the GUIDs of what has no id of
//! its own (people, codings, notes) are derived from what they belong to, so the same
//! project always exports to the same bytes.

use super::notes_out::{Note, On, note_refs, notes};
use super::xml::Xml;
use super::{ORIGIN, Summary, derived};
use crate::model::time::Stamp;
use crate::model::{CodeNode, Project};
use crate::text::CharIndex;
use crate::{Error, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

const PROJECT_NS: &str = "urn:QDA-XML:project:1.0";
const PROJECT_XSD: &str =
    "urn:QDA-XML:project:1.0 http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd";
const CODEBOOK_NS: &str = "urn:QDA-XML:codebook:1.0";
const CODEBOOK_XSD: &str =
    "urn:QDA-XML:codebook:1.0 http://schema.qdasoftware.org/versions/Codebook/v1.0/Codebook.xsd";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// The guid of a person.
pub(super) fn user_guid(name: &str) -> String {
    derived(&["user", name])
}

/// A selection's name: its first words, as ATLAS.ti writes them.
fn selection_name(quote: &str) -> String {
    let flat: String = quote.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(100) {
        Some((i, _)) => format!("{}…", &flat[..i]),
        None => flat,
    }
}

fn codes(x: &mut Xml, nodes: &[CodeNode], notes: Option<&[Note]>, summary: &mut Summary) {
    for n in nodes {
        summary.codes += 1;
        let guid = n.id.to_string();
        let mut attrs = vec![
            ("guid", guid.as_str()),
            ("name", n.name.as_str()),
            ("isCodable", "true"),
        ];
        let colour_ok = n.colour.len() == 7
            && n.colour.starts_with('#')
            && n.colour[1..].bytes().all(|b| b.is_ascii_hexdigit());
        if colour_ok {
            attrs.push(("color", n.colour.as_str()));
        }
        let refs = notes.is_some_and(|ns| ns.iter().any(|m| m.on == On::Code(n.id)));
        if n.description.is_empty() && n.children.is_empty() && !refs {
            x.empty("Code", &attrs);
            continue;
        }
        x.open("Code", &attrs);
        if !n.description.is_empty() {
            x.text("Description", &n.description);
        }
        if let Some(ns) = notes {
            note_refs(x, ns, On::Code(n.id));
        }
        codes(x, &n.children, notes, summary);
        x.close("Code");
    }
}

/// The code tree as a REFI-QDA codebook (`.qdc`).
pub fn codebook(project: &Project) -> (String, Summary) {
    let mut summary = Summary::default();
    let mut x = Xml::new();
    x.open(
        "CodeBook",
        &[
            ("xmlns", CODEBOOK_NS),
            ("xmlns:xsi", XSI),
            ("xsi:schemaLocation", CODEBOOK_XSD),
            ("origin", ORIGIN),
        ],
    );
    if project.codebook.roots.is_empty() {
        summary
            .not_carried
            .push("the code tree is empty; a codebook needs at least one code".into());
    } else {
        x.open("Codes", &[]);
        codes(&mut x, &project.codebook.roots, None, &mut summary);
        x.close("Codes");
    }
    x.close("CodeBook");
    (x.finish().unwrap_or_default(), summary)
}

/// Participants as cases, their role, group, focus group and attributes as variables.
fn cases(x: &mut Xml, project: &Project, summary: &mut Summary) {
    let people = project.all_participants();
    if people.is_empty() {
        return;
    }
    let mut names: BTreeSet<String> = ["role", "group", "focus group"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for p in &people {
        names.extend(p.attributes.keys().cloned());
    }
    x.open("Variables", &[]);
    for n in &names {
        let guid = derived(&["variable", n]);
        x.empty(
            "Variable",
            &[("guid", &guid), ("name", n), ("typeOfVariable", "Text")],
        );
    }
    x.close("Variables");
    summary.variables = names.len();
    x.open("Cases", &[]);
    for p in &people {
        summary.cases += 1;
        let guid = p.id.0.to_string();
        x.open("Case", &[("guid", &guid), ("name", &p.name)]);
        let labels: Vec<String> = project
            .label_places(p)
            .map(|(t, label)| format!("{label} in {t}"))
            .collect();
        x.text(
            "Description",
            &format!("Speaker labels: {}", labels.join("; ")),
        );
        let mut values: BTreeMap<&str, &str> = BTreeMap::new();
        values.insert("role", &p.role);
        values.insert("group", &p.group);
        values.insert("focus group", &p.focus_group);
        for (k, v) in &p.attributes {
            values.insert(k, v);
        }
        for (k, v) in values.into_iter().filter(|(_, v)| !v.is_empty()) {
            x.open("VariableValue", &[]);
            x.empty("VariableRef", &[("targetGUID", &derived(&["variable", k]))]);
            x.text("TextValue", v);
            x.close("VariableValue");
        }
        let sources: BTreeSet<String> = p.labels.iter().map(|r| r.transcript.to_string()).collect();
        for s in sources {
            x.empty("SourceRef", &[("targetGUID", &s)]);
        }
        x.close("Case");
    }
    x.close("Cases");
}

/// The transcripts as text sources, every person's meaning units as selections on them.
fn sources(x: &mut Xml, project: &Project, notes: &[Note], summary: &mut Summary) {
    if project.transcripts.is_empty() {
        return;
    }
    let mut by_transcript: BTreeMap<_, Vec<(&str, &crate::model::MeaningUnit)>> = BTreeMap::new();
    for person in project.people() {
        for u in project.units_of(person) {
            by_transcript
                .entry(u.transcript)
                .or_default()
                .push((person, u));
        }
    }
    x.open("Sources", &[]);
    for t in &project.transcripts {
        summary.sources += 1;
        let guid = t.id.to_string();
        let path = format!("internal://{guid}.txt");
        let mut attrs = vec![
            ("guid", guid.as_str()),
            ("name", t.name.as_str()),
            ("plainTextPath", path.as_str()),
        ];
        let imported = Stamp::parse(&t.imported).map(|s| s.to_string());
        if let Some(when) = &imported {
            attrs.push(("creationDateTime", when));
        }
        x.open("TextSource", &attrs);
        let chars = CharIndex::new(&t.text);
        let mut units = by_transcript.remove(&t.id).unwrap_or_default();
        units.sort_by_key(|(p, u)| (u.start, u.end, *p, u.id));
        for (person, u) in units {
            *summary.selections.entry(person.to_string()).or_default() += 1;
            let (guid, user) = (u.id.to_string(), user_guid(person));
            let (start, end) = (
                chars.char_of(u.start).to_string(),
                chars.char_of(u.end).to_string(),
            );
            let (created, name) = (u.created.to_string(), selection_name(project.quote(u)));
            x.open(
                "PlainTextSelection",
                &[
                    ("guid", &guid),
                    ("name", &name),
                    ("startPosition", &start),
                    ("endPosition", &end),
                    ("creatingUser", &user),
                    ("creationDateTime", &created),
                ],
            );
            if !u.note.is_empty() {
                x.text("Description", &u.note);
            }
            for c in &u.codes {
                if project.codebook.get(*c).is_none() {
                    continue;
                }
                summary.codings += 1;
                let coding = derived(&["coding", &guid, &c.to_string()]);
                x.open(
                    "Coding",
                    &[
                        ("guid", &coding),
                        ("creatingUser", &user),
                        ("creationDateTime", &created),
                    ],
                );
                x.empty("CodeRef", &[("targetGUID", &c.to_string())]);
                x.close("Coding");
            }
            note_refs(x, notes, On::Selection(u.id));
            x.close("PlainTextSelection");
        }
        x.close("TextSource");
    }
    x.close("Sources");
}

/// The project as `project.qde`, and what was written.
pub fn project_xml(project: &Project) -> (String, Summary) {
    let mut x = Xml::new();
    let summary = project_into(&mut x, project);
    (x.finish().unwrap_or_default(), summary)
}

/// The project as `project.qde`, streamed into `out`.
pub fn write_project_xml(project: &Project, out: &mut dyn Write) -> std::io::Result<Summary> {
    let mut x = Xml::to(out);
    let summary = project_into(&mut x, project);
    x.finish()?;
    Ok(summary)
}

fn project_into(x: &mut Xml<'_>, project: &Project) -> Summary {
    let mut summary = Summary::default();
    let notes = notes(project, &mut summary);
    let mut attrs = vec![
        ("xmlns", PROJECT_NS),
        ("xmlns:xsi", XSI),
        ("xsi:schemaLocation", PROJECT_XSD),
        ("name", project.manifest.title.as_str()),
        ("origin", ORIGIN),
    ];
    let created = Stamp::parse(&project.manifest.created).map(|s| s.to_string());
    if let Some(c) = &created {
        attrs.push(("creationDateTime", c));
    }
    x.open("Project", &attrs);
    let people = project.people();
    if !people.is_empty() {
        x.open("Users", &[]);
        for p in &people {
            x.empty("User", &[("guid", &user_guid(p)), ("name", p)]);
        }
        x.close("Users");
    }
    summary.users = people.len();
    if !project.codebook.roots.is_empty() {
        x.open("CodeBook", &[]);
        x.open("Codes", &[]);
        codes(x, &project.codebook.roots, Some(&notes), &mut summary);
        x.close("Codes");
        x.close("CodeBook");
    }
    cases(x, project, &mut summary);
    sources(x, project, &notes, &mut summary);
    if !notes.is_empty() {
        x.open("Notes", &[]);
        for n in &notes {
            x.open("Note", &[("guid", &n.guid), ("name", &n.name)]);
            x.text("PlainTextContent", &n.text);
            x.close("Note");
        }
        x.close("Notes");
    }
    if !project.manifest.research_question.trim().is_empty() {
        x.text(
            "Description",
            &format!("Research question: {}", project.manifest.research_question),
        );
    }
    note_refs(x, &notes, On::Project);
    x.close("Project");
    summary.not_carried.extend(not_carried(project));
    summary
}

/// What the standard has no place for, said plainly.
fn not_carried(project: &Project) -> Vec<String> {
    let mut out = Vec::new();
    let timed = project
        .transcripts
        .iter()
        .filter(|t| t.turns.iter().any(|u| u.start_ms.is_some()))
        .count();
    if timed > 0 {
        out.push(format!(
            "the turns' timestamps of {timed} transcript(s) (REFI-QDA text sources have none; \
             the speaker labels stay in the text)"
        ));
    }
    out.push(
        "condensates, analytic texts, golden quotes, themes, validation and comment threads \
         go as notes linked to their codes and selections: other programs show them as \
         memos, not as STC steps or threads (kondens's own export keeps them whole)"
            .into(),
    );
    out
}

/// The project as a `.qdpx` archive, streamed into `out` (never held whole).
pub fn qdpx(project: &Project, out: &mut dyn Write) -> Result<Summary> {
    use zip::write::SimpleFileOptions;
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o600);
    let zerr = |e: zip::result::ZipError| Error::encode("the .qdpx archive", e);
    let mut zip = zip::ZipWriter::new_stream(out);
    zip.start_file("project.qde", options).map_err(zerr)?;
    let summary = write_project_xml(project, &mut zip).map_err(|e| Error::io("project.qde", e))?;
    for t in &project.transcripts {
        zip.start_file(format!("Sources/{}.txt", t.id), options)
            .map_err(zerr)?;
        zip.write_all(t.text.as_bytes())
            .map_err(|e| Error::io(t.name.as_str(), e))?;
    }
    zip.finish().map_err(zerr)?;
    Ok(summary)
}
