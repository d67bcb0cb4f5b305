//! Reading REFI-QDA: a `.qdpx` project or a `.qdc` codebook into a plan of what to add
//! to a kondens project (nothing is written here; that is [`super::merge::apply`]).
//! Each text source becomes a transcript through the same importer as any transcript
//! file (turns, pseudonyms); each person's codings become their meaning units on the
//! same words, whatever the writer counted positions in (`positions.rs`).

use super::archive::{self, Archive};
use super::merge::{self, CodeIn};
use super::sources::Reading;
use super::tree::{self, Element, Item, Items};
use crate::import::Options;
use crate::model::time::Stamp;
use crate::model::{Codebook, MeaningUnit, Project, Transcript};
use crate::{Error, Result};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::Path;

/// What an import adds, and what it says about it.
#[derive(Debug, Default)]
pub struct Plan {
    /// New transcripts.
    pub transcripts: Vec<Transcript>,
    /// The code tree with the file's codes merged in.
    pub codebook: Codebook,
    /// New meaning units per person.
    pub units: BTreeMap<String, Vec<MeaningUnit>>,
    /// Participants matched from the file's cases.
    pub participants: Vec<crate::model::Participant>,
    /// People's analyses with the STC texts a kondens file carried as notes put back.
    pub analyses: BTreeMap<String, crate::model::Analysis>,
    /// People's reviews with the notes on codes made comments.
    pub reviews: BTreeMap<String, crate::model::Review>,
    pub report: Report,
}

/// What was read, matched and left out.
#[derive(Debug, Default)]
pub struct Report {
    pub file: String,
    pub origin: String,
    /// One line per text source.
    pub sources: Vec<String>,
    pub codes: merge::CodeTally,
    /// Selections per user (their `creatingUser`, else their coding's).
    pub selections: BTreeMap<String, usize>,
    /// Meaning units made, per person.
    pub units: BTreeMap<String, usize>,
    /// Selections that start and end on word boundaries, of those placed.
    pub clean: (usize, usize),
    pub participants: usize,
    /// STC texts of a kondens file put back in their places.
    pub restored: usize,
    /// Notes on codes made comments on them.
    pub comments: usize,
    /// What was not imported, each with its count and why.
    pub skipped: Vec<String>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.file)?;
        if !self.origin.is_empty() {
            writeln!(f, "  written by:  {}", self.origin)?;
        }
        for s in &self.sources {
            writeln!(f, "  transcript:  {s}")?;
        }
        writeln!(f, "  codes:       {}", self.codes)?;
        let list = |m: &BTreeMap<String, usize>| {
            m.iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !self.selections.is_empty() {
            let n: usize = self.selections.values().sum();
            writeln!(f, "  selections:  {n} ({})", list(&self.selections))?;
            let (clean, placed) = self.clean;
            if placed > 0 {
                writeln!(
                    f,
                    "  boundaries:  {clean} of {placed} start and end on word boundaries ({:.1} %)",
                    100.0 * clean as f64 / placed as f64
                )?;
            }
        }
        if !self.units.is_empty() {
            writeln!(f, "  meaning units made: {}", list(&self.units))?;
        }
        if self.restored > 0 {
            writeln!(
                f,
                "  STC texts put back (condensates, analytic texts, quotes, …): {}",
                self.restored
            )?;
        }
        if self.comments > 0 {
            writeln!(
                f,
                "  notes on codes made comments (view 5): {}",
                self.comments
            )?;
        }
        if self.participants > 0 {
            writeln!(f, "  participants from cases: {}", self.participants)?;
        }
        for s in &self.skipped {
            writeln!(f, "  not imported: {s}")?;
        }
        Ok(())
    }
}

/// A selection as read, before it is placed.
pub(super) struct Selection {
    pub guid: String,
    pub start: u64,
    pub end: u64,
    pub user: Option<String>,
    pub note: String,
    pub created: Option<Stamp>,
    /// (the coding's user, the code's guid)
    pub codings: Vec<(Option<String>, String)>,
}

/// A GUID as kondens keeps it: lower case, no braces.
pub(super) fn guid_key(s: &str) -> String {
    s.trim()
        .trim_start_matches('{')
        .trim_end_matches('}')
        .to_lowercase()
}

/// A person's name as a kondens coder name (letters, digits, `-`, `_`, `.`).
fn coder_name(name: &str, guid: &str) -> String {
    let mut out: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .take(64)
        .collect();
    out = out.trim_start_matches('.').to_string();
    while out.len() > 128 {
        out.pop();
    }
    if out.trim_matches('-').is_empty() {
        let short: String = guid_key(guid)
            .chars()
            .filter(|c| *c != '-')
            .take(8)
            .collect();
        out = format!("user-{short}");
    }
    out
}

fn codes_of(parent: &Element) -> Vec<CodeIn> {
    parent
        .all("Code")
        .map(|c| CodeIn {
            guid: guid_key(c.attr("guid").unwrap_or_default()),
            name: c.attr("name").unwrap_or("(no name)").trim().to_string(),
            description: c
                .child("Description")
                .map_or(String::new(), |d| d.text.clone()),
            colour: c.attr("color").map(str::to_string),
            children: codes_of(c),
        })
        .collect()
}

pub(super) fn selection(e: &Element, users: &HashMap<String, String>) -> Selection {
    let user_of = |e: &Element| {
        e.attr("creatingUser").map(|g| {
            users
                .get(&guid_key(g))
                .cloned()
                .unwrap_or_else(|| coder_name("", g))
        })
    };
    Selection {
        guid: guid_key(e.attr("guid").unwrap_or_default()),
        start: e
            .attr("startPosition")
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(u64::MAX),
        end: e
            .attr("endPosition")
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(u64::MAX),
        user: user_of(e),
        note: e
            .child("Description")
            .map_or(String::new(), |d| d.text.trim().to_string()),
        created: e
            .attr("creationDateTime")
            .and_then(|s| Stamp::parse(s.get(..19).map(|d| format!("{d}Z")).as_deref()?)),
        codings: e
            .all("Coding")
            .filter_map(|c| {
                let code = c.child("CodeRef")?.attr("targetGUID")?;
                Some((user_of(c), guid_key(code)))
            })
            .collect(),
    }
}

/// Reads `path` (a `.qdpx` or a `.qdc`) into a plan against `project`.
pub fn read(path: &Path, project: &Project, options: &Options) -> Result<Plan> {
    let fail = |message: String| Error::Import {
        path: path.to_path_buf(),
        message,
    };
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut head = [0u8; 2];
    let zipped = {
        use std::io::{Read, Seek};
        let n = file.read(&mut head).map_err(|e| Error::io(path, e))?;
        file.rewind().map_err(|e| Error::io(path, e))?;
        n == 2 && head == *b"PK"
    };
    let name = path.display().to_string();
    if zipped {
        drop(file);
        let open = || std::fs::File::open(path).map_err(|e| format!("cannot be read: {e}"));
        return from_archive(&name, &open, project, options).map_err(fail);
    }
    let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
    if size > archive::MAX_QDE {
        return Err(fail("is far too large to be a codebook (refused)".into()));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    codebook_from(&name, &bytes, project).map_err(fail)
}

/// [`read`] from bytes (a `.qdpx` or a `.qdc`), named `name` in the report.
pub fn read_bytes(
    name: &str,
    bytes: &[u8],
    project: &Project,
    options: &Options,
) -> std::result::Result<Plan, String> {
    if bytes.starts_with(b"PK") {
        from_archive(name, &|| Ok(std::io::Cursor::new(bytes)), project, options)
    } else {
        codebook_from(name, bytes, project)
    }
}

fn codebook_from(name: &str, bytes: &[u8], project: &Project) -> std::result::Result<Plan, String> {
    let mut report = Report {
        file: name.to_string(),
        ..Report::default()
    };
    let xml = std::str::from_utf8(bytes).map_err(|_| {
        "is not a REFI-QDA file: neither a zip archive (.qdpx) nor UTF-8 XML (.qdc)".to_string()
    })?;
    let root = tree::parse(xml.trim_start_matches('\u{feff}'))?;
    if root.name != "CodeBook" {
        return Err(format!(
            "is not a REFI-QDA codebook (its root element is <{}>, not <CodeBook>)",
            root.name
        ));
    }
    report.origin = root.attr("origin").unwrap_or_default().to_string();
    let codes = root.child("Codes").map(codes_of).unwrap_or_default();
    let mut codebook = project.codebook.clone();
    merge::merge_codes(&mut codebook, &codes, &mut report.codes);
    if let Some(sets) = root.child("Sets") {
        report.skipped.push(format!(
            "{} set(s) of codes (kondens has no sets; the codes themselves came in)",
            sets.all("Set").count()
        ));
    }
    Ok(Plan {
        codebook,
        report,
        ..Plan::default()
    })
}

fn from_archive<R: std::io::Read + std::io::Seek>(
    name: &str,
    open: &dyn Fn() -> std::result::Result<R, String>,
    project: &Project,
    options: &Options,
) -> std::result::Result<Plan, String> {
    let report = Report {
        file: name.to_string(),
        ..Report::default()
    };
    // One reader streams project.qde, the other fetches the texts it names.
    let mut meta = Archive::open(open()?)?;
    let mut texts = Archive::open(open()?)?;
    let qde = meta
        .project_name()
        .ok_or_else(|| "is a zip archive without a project.qde: not a .qdpx".to_string())?;
    let stream = meta
        .stream(&qde, archive::MAX_QDE)?
        .ok_or_else(|| format!("its {qde} cannot be read"))?;
    let mut items = Items::new(stream);
    let mut reading = Reading::new(project, options, report);
    let mut codebook = project.codebook.clone();
    // What is read at the end: variables, cases, notes, the code book's note links.
    let mut kept = Element::default();
    let mut rest: BTreeMap<String, usize> = BTreeMap::new();
    let mut checked = false;
    let check = |items: &Items<_>, reading: &mut Reading<'_>| match items.root.as_ref() {
        Some(r) if r.name == "Project" => {
            reading.report.origin = r.attr("origin").unwrap_or_default().to_string();
            Ok(())
        }
        Some(r) => Err(format!(
            "{qde} is not a REFI-QDA project (its root element is <{}>)",
            r.name
        )),
        None => Err(format!("{qde} holds no XML element")),
    };
    while let Some(item) = items.next_item().map_err(|m| format!("{qde}: {m}"))? {
        if !checked {
            check(&items, &mut reading)?;
            checked = true;
        }
        match item {
            Item::Top(e) => match e.name.as_str() {
                "Users" => reading.users = users_of(&e),
                "CodeBook" => {
                    let codes = e.child("Codes").map(codes_of).unwrap_or_default();
                    reading.code_ids =
                        merge::merge_codes(&mut codebook, &codes, &mut reading.report.codes);
                    kept.children.push(e);
                }
                "Variables" | "Cases" | "Notes" | "NoteRef" => kept.children.push(e),
                "Sets" | "Links" | "Graphs" => {
                    *rest.entry(e.name.to_lowercase()).or_default() += e.children.len();
                }
                _ => {}
            },
            Item::Source(src) => reading.source(&src, &mut texts)?,
        }
    }
    if !checked {
        check(&items, &mut reading)?;
    }
    for (what, n) in rest {
        reading.report.skipped.push(format!(
            "{n} {what} (kondens has no {what}; the codes and units came in)"
        ));
    }
    Ok(finish(reading, &kept, codebook))
}

/// The users, with coder names that are unique.
fn users_of(e: &Element) -> HashMap<String, String> {
    let mut users = HashMap::new();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for u in e.all("User") {
        let guid = guid_key(u.attr("guid").unwrap_or_default());
        let mut name = coder_name(u.attr("name").unwrap_or_default(), &guid);
        let base = name.clone();
        let mut n = 1;
        while !taken.insert(name.clone()) {
            n += 1;
            name = format!("{base}-{n}");
        }
        users.insert(guid, name);
    }
    users
}

/// The report's tallies, the notes and the cases, once every source is read.
fn finish(mut r: Reading<'_>, kept: &Element, codebook: crate::model::Codebook) -> Plan {
    let mut say = |n: usize, what: &str| {
        if n > 0 {
            r.report.skipped.push(format!("{n} {what}"));
        }
    };
    say(
        r.no_code,
        "selection(s) without a code (annotations; a meaning unit needs a code)",
    );
    say(
        r.already,
        "selection(s) already in the project as meaning units (same id)",
    );
    say(
        r.unplaced,
        "selection(s) whose positions fall outside their text",
    );
    for (kind, n) in std::mem::take(&mut r.other_sources) {
        r.report.skipped.push(format!(
            "{n} {kind} source(s) and their selections (kondens holds text only)"
        ));
    }
    let mut plan = std::mem::take(&mut r.plan);
    // Grown a unit at a time; kept at their size from here on.
    for units in plan.units.values_mut() {
        units.shrink_to_fit();
        for u in units.iter_mut() {
            u.codes.shrink_to_fit();
        }
    }
    let mut report = std::mem::take(&mut r.report);
    super::notes_in::read(kept, &r, &codebook, &mut plan, &mut report);
    plan.participants = super::merge::participants(kept, &plan.transcripts, &mut report);
    plan.codebook = codebook;
    plan.report = report;
    plan
}
