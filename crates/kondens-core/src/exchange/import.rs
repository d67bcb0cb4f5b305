//! Reading REFI-QDA: a `.qdpx` project or a `.qdc` codebook into a plan of what to add
//! to a kondens project (nothing is written here; that is [`super::merge::apply`]).
//! Each text source becomes a transcript through the same importer as any transcript
//! file (turns, pseudonyms); each person's codings become their meaning units on the
//! same words, whatever the writer counted positions in (`positions.rs`).

use super::archive::{self, Archive};
use super::merge::{self, CodeIn};
use super::positions;
use super::tree::{self, Element};
use crate::correct::diff::PositionMap;
use crate::import::{self, Options};
use crate::model::time::Stamp;
use crate::model::{Codebook, MeaningUnit, Project, Transcript, UnitId};
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
struct Selection {
    guid: String,
    start: u64,
    end: u64,
    user: Option<String>,
    note: String,
    created: Option<Stamp>,
    /// (the coding's user, the code's guid)
    codings: Vec<(Option<String>, String)>,
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

fn selection(e: &Element, users: &HashMap<String, String>) -> Selection {
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
        return from_archive(&name, file, project, options).map_err(fail);
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
        from_archive(name, std::io::Cursor::new(bytes), project, options)
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
    reader: R,
    project: &Project,
    options: &Options,
) -> std::result::Result<Plan, String> {
    let report = Report {
        file: name.to_string(),
        ..Report::default()
    };
    let mut zip = Archive::open(reader)?;
    let qde = zip
        .project_name()
        .ok_or_else(|| "is a zip archive without a project.qde: not a .qdpx".to_string())?;
    let bytes = zip.read(&qde, archive::MAX_QDE)?.unwrap_or_default();
    let xml = String::from_utf8(bytes).map_err(|_| format!("its {qde} is not UTF-8 text"))?;
    let root =
        tree::parse(xml.trim_start_matches('\u{feff}')).map_err(|m| format!("{qde}: {m}"))?;
    drop(xml);
    if root.name != "Project" {
        return Err(format!(
            "{qde} is not a REFI-QDA project (its root element is <{}>)",
            root.name
        ));
    }
    plan_project(&root, &mut zip, project, options, report)
}

fn plan_project<R: std::io::Read + std::io::Seek>(
    root: &Element,
    zip: &mut Archive<R>,
    project: &Project,
    options: &Options,
    mut report: Report,
) -> std::result::Result<Plan, String> {
    report.origin = root.attr("origin").unwrap_or_default().to_string();
    let mut users: HashMap<String, String> = HashMap::new();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for u in root.child("Users").iter().flat_map(|u| u.all("User")) {
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
    let codes = root
        .child("CodeBook")
        .and_then(|c| c.child("Codes"))
        .map(codes_of)
        .unwrap_or_default();
    let mut codebook = project.codebook.clone();
    let code_ids = merge::merge_codes(&mut codebook, &codes, &mut report.codes);

    let mut plan = Plan::default();
    let mut other_sources: BTreeMap<&str, usize> = BTreeMap::new();
    let mut names: BTreeSet<String> = project.transcripts.iter().map(|t| t.name.clone()).collect();
    let mut used_units: BTreeSet<UnitId> = project.units.values().flatten().map(|u| u.id).collect();
    let (mut no_code, mut unplaced, mut total_text) = (0usize, 0usize, 0usize);
    let mut already = 0usize;
    let sources = root.child("Sources");
    for (n, src) in sources.iter().flat_map(|s| s.children.iter()).enumerate() {
        if src.name != "TextSource" {
            *other_sources.entry(kind_of(&src.name)).or_default() += 1;
            continue;
        }
        let label = src
            .attr("name")
            .filter(|s| !s.trim().is_empty())
            .or_else(|| src.attr("plainTextPath"))
            .map_or(format!("source {}", n + 1), import::sanitise_name);
        let selections: Vec<Selection> = src
            .all("PlainTextSelection")
            .map(|e| selection(e, &users))
            .collect();
        for s in &selections {
            let who = s
                .user
                .clone()
                .or_else(|| s.codings.iter().find_map(|(u, _)| u.clone()))
                .unwrap_or_else(|| "unknown".into());
            *report.selections.entry(who).or_default() += 1;
        }
        let bytes = if let Some(inline) = src.child("PlainTextContent") {
            inline.text.clone().into_bytes()
        } else {
            let Some(p) = src.attr("plainTextPath") else {
                report.skipped.push(format!(
                    "{label}: no plain text in the file (only {}); its {} selection(s) skipped",
                    src.attr("richTextPath").unwrap_or("nothing"),
                    selections.len()
                ));
                continue;
            };
            let Some(entry) = archive::entry_for(p)? else {
                report.skipped.push(format!(
                    "{label}: kept outside the archive ({p}); its {} selection(s) skipped",
                    selections.len()
                ));
                continue;
            };
            let limit = import::MAX_BYTES as u64;
            match zip.read(&entry, limit)? {
                Some(b) => b,
                None => {
                    report.skipped.push(format!(
                        "{label}: its text file {p} is missing from the archive; its {} \
                         selection(s) skipped",
                        selections.len()
                    ));
                    continue;
                }
            }
        };
        total_text += bytes.len();
        if total_text > 4 * import::MAX_BYTES {
            return Err("its text sources together are too large to import at once".into());
        }
        // Positions count in the text as it is, line breaks and all: UTF-8 is read as
        // it is; other encodings through the importer's decoding.
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let text = match std::str::from_utf8(body) {
            Ok(t) if !t.trim().is_empty() => t.to_string(),
            _ if bytes.iter().all(u8::is_ascii_whitespace) => String::new(),
            _ => {
                import::decode(&bytes)
                    .map_err(|m| format!("{label}: {m}"))?
                    .text
            }
        };
        drop(bytes);
        if text.trim().is_empty() {
            report.skipped.push(format!(
                "{label}: its text is empty; its {} selection(s) skipped",
                selections.len()
            ));
            continue;
        }
        let raw = text.trim_start_matches('\u{feff}');
        let spans: Vec<(u64, u64)> = selections.iter().map(|s| (s.start, s.end)).collect();
        let chosen = positions::choose(raw, &spans, &report.origin);
        let placed = chosen.spans.iter().flatten().count();
        report.clean.0 += chosen.clean;
        report.clean.1 += placed;
        // The importer reads line breaks as \n: drop the CRs, moving the spans with them.
        let crs: Vec<usize> = raw.match_indices('\r').map(|(i, _)| i).collect();
        let plain = raw.replace("\r\n", "\n").replace('\r', "\n");
        let lf = |at: usize| {
            let before = crs.partition_point(|&c| c < at);
            // A lone CR became an LF (kept); a CR of a CR LF went.
            let dropped = crs[..before]
                .iter()
                .filter(|&&c| raw.as_bytes().get(c + 1) == Some(&b'\n'))
                .count();
            at - dropped
        };
        let existing = project.transcripts.iter().find(|t| t.text == plain);
        let (transcript, mut line) = match existing {
            Some(t) => (
                t.clone(),
                format!("{label}: already in the project as {}", t.name),
            ),
            None => {
                let file = format!("{label}.txt");
                let (mut t, summary) = import::from_bytes_with(
                    plain.as_bytes(),
                    &file,
                    &label,
                    &Options {
                        dry_run: false,
                        ..options.clone()
                    },
                )
                .map_err(|m| format!("{label}: {m}"))?;
                // The source's GUID stays the transcript's id where it is free.
                if let Some(id) =
                    uuid::Uuid::parse_str(&guid_key(src.attr("guid").unwrap_or_default()))
                        .ok()
                        .map(crate::model::TranscriptId)
                        .filter(|id| {
                            project.transcript(*id).is_none()
                                && !plan.transcripts.iter().any(|t| t.id == *id)
                        })
                {
                    t.id = id;
                }
                let base = t.name.clone();
                let mut k = 1;
                while !names.insert(t.name.clone()) {
                    k += 1;
                    t.name = format!("{base} ({k})");
                }
                let line = format!(
                    "{}: {} turn(s), {} speaker label(s)",
                    t.name,
                    summary.turns,
                    summary.speakers.len()
                );
                (t, line)
            }
        };
        let map = (transcript.text != plain).then(|| PositionMap::new(&plain, &transcript.text));
        let at = |pos: usize, end: bool| {
            let pos = lf(pos);
            map.as_ref().map_or(pos, |m| m.map(pos, end))
        };
        let mut made = 0usize;
        for (s, span) in selections.iter().zip(&chosen.spans) {
            let Some(span) = span else {
                unplaced += 1;
                continue;
            };
            let (start, end) = (at(span.start, false), at(span.end, true));
            if start >= end {
                unplaced += 1;
                continue;
            }
            let mut per_person: BTreeMap<String, Vec<crate::model::CodeId>> = BTreeMap::new();
            for (user, code) in &s.codings {
                let Some(&id) = code_ids.get(code) else {
                    continue;
                };
                let who = user
                    .clone()
                    .or_else(|| s.user.clone())
                    .unwrap_or_else(|| "unknown".into());
                let codes = per_person.entry(who).or_default();
                if !codes.contains(&id) {
                    codes.push(id);
                }
            }
            if per_person.is_empty() {
                no_code += 1;
                continue;
            }
            for (person, codes) in per_person {
                let own = uuid::Uuid::parse_str(&s.guid).ok().map(UnitId);
                if own.is_some_and(|id| project.unit(&person, id).is_some()) {
                    already += 1;
                    continue;
                }
                let id = own
                    .filter(|id| !used_units.contains(id))
                    .unwrap_or_default();
                used_units.insert(id);
                let when = s.created.unwrap_or_else(Stamp::now);
                *report.units.entry(person.clone()).or_default() += 1;
                made += 1;
                plan.units.entry(person).or_default().push(MeaningUnit {
                    id,
                    transcript: transcript.id,
                    start,
                    end,
                    codes,
                    note: s.note.clone(),
                    created: when,
                    changed: when,
                });
            }
        }
        line.push_str(&format!(
            "; {made} meaning unit(s); positions read as {}",
            chosen.convention
        ));
        report.sources.push(line);
        if existing.is_none() {
            plan.transcripts.push(transcript);
        }
    }
    if no_code > 0 {
        report.skipped.push(format!(
            "{no_code} selection(s) without a code (annotations; a meaning unit needs a code)"
        ));
    }
    if already > 0 {
        report.skipped.push(format!(
            "{already} selection(s) already in the project as meaning units (same id)"
        ));
    }
    if unplaced > 0 {
        report.skipped.push(format!(
            "{unplaced} selection(s) whose positions fall outside their text"
        ));
    }
    for (kind, n) in other_sources {
        report.skipped.push(format!(
            "{n} {kind} source(s) and their selections (kondens holds text only)"
        ));
    }
    super::notes::read(root, project, &code_ids, &codebook, &mut plan, &mut report);
    plan.participants = super::merge::participants(root, &plan.transcripts, &mut report);
    plan.codebook = codebook;
    plan.report = report;
    Ok(plan)
}

fn kind_of(element: &str) -> &'static str {
    match element {
        "PictureSource" => "picture",
        "PDFSource" => "PDF",
        "AudioSource" => "audio",
        "VideoSource" => "video",
        _ => "other",
    }
}
