//! Putting what a REFI-QDA file holds into a project: its codes merged into the code
//! tree (by id, else by path), its cases matched to speakers, and the whole written in
//! an order that leaves the project whole at every step.

use super::import::{Plan, Report, guid_key};
use super::tree::Element;
use crate::model::{CodeId, CodeNode, Codebook, Participant, ParticipantId, Project, Transcript};
use crate::model::{Location, MAX_DEPTH, SpeakerRef};
use crate::{Result, store};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

/// A code as read from the file.
#[derive(Debug)]
pub struct CodeIn {
    pub guid: String,
    pub name: String,
    pub description: String,
    pub colour: Option<String>,
    pub children: Vec<CodeIn>,
}

/// How the file's codes met the tree.
#[derive(Debug, Default, Clone)]
pub struct CodeTally {
    pub read: usize,
    pub new: usize,
    pub by_id: usize,
    pub by_path: usize,
    /// The codes taken for one of the tree's by name and place (the first few).
    pub by_path_names: Vec<String>,
    /// Codes deeper than kondens's tree goes, put at its deepest level.
    pub lifted: usize,
}

impl fmt::Display for CodeTally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} read: {} new", self.read, self.new)?;
        if self.by_id > 0 {
            write!(f, ", {} already in the tree (same id)", self.by_id)?;
        }
        if self.by_path > 0 {
            let more = if self.by_path > self.by_path_names.len() {
                ", …"
            } else {
                ""
            };
            write!(
                f,
                ", {} already in the tree (same name and place: {}{more})",
                self.by_path,
                self.by_path_names.join(", ")
            )?;
        }
        if self.lifted > 0 {
            write!(
                f,
                ", {} deeper than {MAX_DEPTH} levels put at level {MAX_DEPTH}",
                self.lifted
            )?;
        }
        Ok(())
    }
}

/// `#RGB` or `#RRGGBB` as `#rrggbb`.
fn colour(c: &str) -> Option<String> {
    let hex = c.trim().strip_prefix('#')?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    match hex.len() {
        6 => Some(format!("#{}", hex.to_lowercase())),
        3 => Some(
            hex.chars()
                .flat_map(|c| [c, c])
                .fold("#".to_string(), |mut s, c| {
                    s.push(c.to_ascii_lowercase());
                    s
                }),
        ),
        _ => None,
    }
}

fn children(book: &Codebook, parent: Option<CodeId>) -> &[CodeNode] {
    match parent {
        None => &book.roots,
        Some(p) => book.get(p).map_or(&[], |n| &n.children),
    }
}

/// Merges `codes` into `book`; returns each file guid's code in the tree.
pub fn merge_codes(
    book: &mut Codebook,
    codes: &[CodeIn],
    tally: &mut CodeTally,
) -> HashMap<String, CodeId> {
    let mut ids = HashMap::new();
    merge_level(book, None, 1, codes, tally, &mut ids);
    ids
}

fn merge_level(
    book: &mut Codebook,
    parent: Option<CodeId>,
    depth: usize,
    codes: &[CodeIn],
    tally: &mut CodeTally,
    ids: &mut HashMap<String, CodeId>,
) {
    for c in codes {
        tally.read += 1;
        let own = uuid::Uuid::parse_str(&c.guid).ok().map(CodeId);
        let here = if let Some(id) = own.filter(|id| book.get(*id).is_some()) {
            tally.by_id += 1;
            id
        } else if let Some(n) = children(book, parent).iter().find(|n| n.name == c.name) {
            tally.by_path += 1;
            if tally.by_path_names.len() < 10 {
                tally.by_path_names.push(book.path_label(n.id));
            }
            n.id
        } else {
            tally.new += 1;
            let id = own.unwrap_or_default();
            let node = CodeNode {
                id,
                name: c.name.clone(),
                description: c.description.clone(),
                colour: c
                    .colour
                    .as_deref()
                    .and_then(colour)
                    .unwrap_or_else(|| book.next_colour()),
                children: Vec::new(),
            };
            let index = book.child_count(parent);
            match book.insert(Location { parent, index }, node) {
                Ok(()) => id,
                Err(mut node) => {
                    // Its id is taken elsewhere in the tree: a fresh one.
                    node.id = CodeId::new();
                    let id = node.id;
                    let _ = book.insert(Location { parent, index }, node);
                    id
                }
            }
        };
        if !c.guid.is_empty() {
            ids.insert(c.guid.clone(), here);
        }
        if depth >= MAX_DEPTH {
            tally.lifted += count(&c.children);
            merge_level(book, parent, depth, &c.children, tally, ids);
        } else {
            merge_level(book, Some(here), depth + 1, &c.children, tally, ids);
        }
    }
}

fn count(codes: &[CodeIn]) -> usize {
    codes.iter().map(|c| 1 + count(&c.children)).sum()
}

/// Cases whose name is a speaker label of a new transcript (one of their sources, when
/// they name any) become that speaker's participant, with the case's variables.
pub fn participants(root: &Element, new: &[Transcript], report: &mut Report) -> Vec<Participant> {
    let vars: HashMap<String, String> = root
        .child("Variables")
        .iter()
        .flat_map(|v| v.all("Variable"))
        .map(|v| {
            (
                guid_key(v.attr("guid").unwrap_or_default()),
                v.attr("name").unwrap_or_default().to_string(),
            )
        })
        .collect();
    let mut out = Vec::new();
    let mut unmatched = 0usize;
    let mut claimed = std::collections::HashSet::new();
    for case in root.child("Cases").iter().flat_map(|c| c.all("Case")) {
        let name = case.attr("name").unwrap_or_default().trim().to_string();
        let sources: Vec<String> = case
            .all("SourceRef")
            .filter_map(|s| s.attr("targetGUID").map(guid_key))
            .collect();
        let labels: Vec<SpeakerRef> = new
            .iter()
            .filter(|t| sources.is_empty() || sources.contains(&t.id.to_string()))
            .filter(|t| {
                t.turns
                    .iter()
                    .any(|u| u.speaker.as_deref() == Some(name.as_str()))
            })
            .map(|t| SpeakerRef {
                transcript: t.id,
                label: name.clone(),
            })
            .filter(|r| claimed.insert(r.clone()))
            .collect();
        if name.is_empty() || labels.is_empty() {
            unmatched += 1;
            continue;
        }
        let mut p = Participant {
            id: uuid::Uuid::parse_str(&guid_key(case.attr("guid").unwrap_or_default()))
                .map(ParticipantId)
                .unwrap_or_default(),
            name,
            role: String::new(),
            group: String::new(),
            focus_group: String::new(),
            attributes: BTreeMap::new(),
            labels,
        };
        for v in case.all("VariableValue") {
            let Some(var) = v
                .child("VariableRef")
                .and_then(|r| r.attr("targetGUID"))
                .and_then(|g| vars.get(&guid_key(g)))
            else {
                continue;
            };
            let value = v
                .children
                .iter()
                .find(|c| c.name.ends_with("Value"))
                .map_or(String::new(), |c| c.text.trim().to_string());
            match var.to_lowercase().as_str() {
                "role" => p.role = value,
                "group" => p.group = value,
                "focus group" | "focus_group" => p.focus_group = value,
                _ => {
                    p.attributes.insert(var.clone(), value);
                }
            }
        }
        out.push(p);
    }
    report.participants = out.len();
    if unmatched > 0 {
        report.skipped.push(format!(
            "{unmatched} case(s) that match no speaker of a new transcript"
        ));
    }
    out
}

/// Writes `plan` into the project in `dir`, as `me`: the new transcripts first, then the
/// code tree (with the new codes), then each person's units, then the participants —
/// so that at every step what is on disk refers only to what is there. The caller holds
/// every person's lock ([`Session::import_exchange`](crate::session::Session::import_exchange)
/// does).
pub(crate) fn apply(dir: &Path, project: &mut Project, plan: Plan, me: &str) -> Result<()> {
    store::add_transcripts(dir, project, plan.transcripts)?;
    project.codebook = plan.codebook;
    store::save_codebook(dir, project, me)?;
    for (person, units) in plan.units {
        store::check_coder_name(&person)?;
        for u in units {
            project.insert_unit(&person, u);
        }
        store::save_units(dir, project, &person)?;
    }
    for (person, analysis) in plan.analyses {
        project.analyses.insert(person.clone(), analysis);
        store::save_analysis(dir, project, &person)?;
    }
    for (person, review) in plan.reviews {
        store::check_coder_name(&person)?;
        project.reviews.insert(person.clone(), review);
        store::save_review(dir, project, &person)?;
    }
    if !plan.participants.is_empty() {
        project.participants.extend(plan.participants);
        project.sort_participants();
        store::save_participants(dir, project, me)?;
    }
    Ok(())
}
