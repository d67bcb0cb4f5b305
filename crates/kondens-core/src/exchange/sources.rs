//! One text source of a REFI-QDA project on its way in: its text read from the
//! archive and imported as a transcript, its selections placed on the same words and
//! made into each person's meaning units.

use super::archive::{self, Archive};
use super::import::{Plan, Report, Selection, guid_key, selection};
use super::positions;
use super::tree::Element;
use crate::correct::diff::PositionMap;
use crate::import::{self, Options};
use crate::model::time::Stamp;
use crate::model::{CodeId, MeaningUnit, Project, UnitId};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What a project import has read so far.
pub(super) struct Reading<'p> {
    pub project: &'p Project,
    pub options: &'p Options,
    /// User GUIDs to coder names.
    pub users: HashMap<String, String>,
    /// Code GUIDs to the codes in the merged tree.
    pub code_ids: HashMap<String, CodeId>,
    pub plan: Plan,
    pub report: Report,
    pub names: BTreeSet<String>,
    pub used_units: BTreeSet<UnitId>,
    pub other_sources: BTreeMap<&'static str, usize>,
    /// (a selection's guid, a note's guid) for the notes selections refer to.
    pub links: Vec<(String, String)>,
    pub no_code: usize,
    pub unplaced: usize,
    pub already: usize,
    pub total_text: usize,
    /// Sources seen, for naming one without a name.
    pub n: usize,
}

impl<'p> Reading<'p> {
    pub fn new(project: &'p Project, options: &'p Options, report: Report) -> Reading<'p> {
        Reading {
            project,
            options,
            users: HashMap::new(),
            code_ids: HashMap::new(),
            plan: Plan::default(),
            report,
            names: project.transcripts.iter().map(|t| t.name.clone()).collect(),
            used_units: project.units.values().flatten().map(|u| u.id).collect(),
            other_sources: BTreeMap::new(),
            links: Vec::new(),
            no_code: 0,
            unplaced: 0,
            already: 0,
            total_text: 0,
            n: 0,
        }
    }

    /// Reads one source element.
    pub fn source<S: std::io::Read + std::io::Seek>(
        &mut self,
        src: &Element,
        zip: &mut Archive<S>,
    ) -> Result<(), String> {
        self.n += 1;
        if src.name != "TextSource" {
            *self.other_sources.entry(kind_of(&src.name)).or_default() += 1;
            return Ok(());
        }
        for sel in src.all("PlainTextSelection") {
            let own = sel.attr("guid").map(guid_key).unwrap_or_default();
            let mut refs = Vec::new();
            super::notes_in::refs(sel, &mut refs);
            self.links
                .extend(refs.into_iter().map(|(_, n)| (own.clone(), n)));
        }
        let label = src
            .attr("name")
            .filter(|s| !s.trim().is_empty())
            .or_else(|| src.attr("plainTextPath"))
            .map_or(format!("source {}", self.n), import::sanitise_name);
        let selections: Vec<Selection> = src
            .all("PlainTextSelection")
            .map(|e| selection(e, &self.users))
            .collect();
        for s in &selections {
            let who = s
                .user
                .clone()
                .or_else(|| s.codings.iter().find_map(|(u, _)| u.clone()))
                .unwrap_or_else(|| "unknown".into());
            *self.report.selections.entry(who).or_default() += 1;
        }
        let bytes = if let Some(inline) = src.child("PlainTextContent") {
            inline.text.clone().into_bytes()
        } else {
            let Some(p) = src.attr("plainTextPath") else {
                self.report.skipped.push(format!(
                    "{label}: no plain text in the file (only {}); its {} selection(s) skipped",
                    src.attr("richTextPath").unwrap_or("nothing"),
                    selections.len()
                ));
                return Ok(());
            };
            let Some(entry) = archive::entry_for(p)? else {
                self.report.skipped.push(format!(
                    "{label}: kept outside the archive ({p}); its {} selection(s) skipped",
                    selections.len()
                ));
                return Ok(());
            };
            let limit = import::MAX_BYTES as u64;
            match zip.read(&entry, limit)? {
                Some(b) => b,
                None => {
                    self.report.skipped.push(format!(
                        "{label}: its text file {p} is missing from the archive; its {} \
                     selection(s) skipped",
                        selections.len()
                    ));
                    return Ok(());
                }
            }
        };
        self.total_text += bytes.len();
        if self.total_text > 4 * import::MAX_BYTES {
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
            self.report.skipped.push(format!(
                "{label}: its text is empty; its {} selection(s) skipped",
                selections.len()
            ));
            return Ok(());
        }
        let raw = text.trim_start_matches('\u{feff}');
        let spans: Vec<(u64, u64)> = selections.iter().map(|s| (s.start, s.end)).collect();
        let chosen = positions::choose(raw, &spans, &self.report.origin);
        let placed = chosen.spans.iter().flatten().count();
        self.report.clean.0 += chosen.clean;
        self.report.clean.1 += placed;
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
        let existing = self.project.transcripts.iter().find(|t| t.text == plain);
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
                        ..self.options.clone()
                    },
                )
                .map_err(|m| format!("{label}: {m}"))?;
                // The source's GUID stays the transcript's id where it is free.
                if let Some(id) =
                    uuid::Uuid::parse_str(&guid_key(src.attr("guid").unwrap_or_default()))
                        .ok()
                        .map(crate::model::TranscriptId)
                        .filter(|id| {
                            self.project.transcript(*id).is_none()
                                && !self.plan.transcripts.iter().any(|t| t.id == *id)
                        })
                {
                    t.id = id;
                }
                let base = t.name.clone();
                let mut k = 1;
                while !self.names.insert(t.name.clone()) {
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
                self.unplaced += 1;
                continue;
            };
            let (start, end) = (at(span.start, false), at(span.end, true));
            if start >= end {
                self.unplaced += 1;
                continue;
            }
            let mut per_person: BTreeMap<String, Vec<crate::model::CodeId>> = BTreeMap::new();
            for (user, code) in &s.codings {
                let Some(&id) = self.code_ids.get(code) else {
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
                self.no_code += 1;
                continue;
            }
            for (person, codes) in per_person {
                let own = uuid::Uuid::parse_str(&s.guid).ok().map(UnitId);
                if own.is_some_and(|id| self.project.unit(&person, id).is_some()) {
                    self.already += 1;
                    continue;
                }
                let id = own
                    .filter(|id| !self.used_units.contains(id))
                    .unwrap_or_default();
                self.used_units.insert(id);
                let when = s.created.unwrap_or_else(Stamp::now);
                *self.report.units.entry(person.clone()).or_default() += 1;
                made += 1;
                self.plan
                    .units
                    .entry(person)
                    .or_default()
                    .push(MeaningUnit {
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
        self.report.sources.push(line);
        if existing.is_none() {
            self.plan.transcripts.push(transcript);
        }
        Ok(())
    }
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
