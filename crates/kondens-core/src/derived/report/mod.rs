//! Reports across focus groups (`kondens report`, view 7): who said what.
//!
//! - **Code × column** ([`By`]): a cell counts the meaning units that carry the row's
//!   node or one below it and in which a participant with the column's value speaks; a
//!   unit with several such participants counts once for each value. With it: how many
//!   distinct participants of that value speak in those units, and how many of the
//!   units' words they speak. The row's total counts each unit once (all the words of
//!   its turns; speaker labels between turns are not words of anyone's).
//! - **Co-occurrence**: code × code, the units that carry both (each with its subtree).
//! - **Coverage**: per transcript, the share of the turns' characters that units cover.
//!
//! Every figure is derived from the project; nothing here is stored. docs/REPORTS.md
//! has a worked example.

mod coverage;
mod render;

pub use coverage::{Coverage, CoverageRow, coverage};
pub use render::{Format, write_coverage, write_report};

use crate::model::{CodeId, MeaningUnit, Participant, Project, Transcript, TranscriptId};
use crate::text::count_words;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// What the columns of a code matrix are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum By {
    FocusGroup,
    Group,
    Role,
    Participant,
    Transcript,
}

impl By {
    /// Every kind, in the order `b` cycles through them.
    pub const ALL: [By; 5] = [
        By::FocusGroup,
        By::Group,
        By::Role,
        By::Participant,
        By::Transcript,
    ];

    /// The name on the command line and in the JSON.
    pub fn name(self) -> &'static str {
        match self {
            By::FocusGroup => "focus-group",
            By::Group => "group",
            By::Role => "role",
            By::Participant => "participant",
            By::Transcript => "transcript",
        }
    }

    /// Reads a name as [`By::name`] writes it.
    pub fn parse(s: &str) -> crate::Result<By> {
        By::ALL
            .into_iter()
            .find(|b| b.name() == s || b.name().replace('-', "_") == s)
            .ok_or_else(|| {
                crate::Error::Refused(format!(
                    "--by {s:?}: use one of {}",
                    By::ALL.map(By::name).join(", ")
                ))
            })
    }

    /// A participant's value for this kind (`None` for [`By::Transcript`]).
    fn value(self, p: &Participant) -> Option<&str> {
        match self {
            By::FocusGroup => Some(&p.focus_group),
            By::Group => Some(&p.group),
            By::Role => Some(&p.role),
            By::Participant | By::Transcript => None,
        }
    }
}

/// The column of a participant whose value is not set.
pub const NOT_SET: &str = "(not set)";

/// Units, distinct participants and words of one cell.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub units: usize,
    pub participants: usize,
    pub words: usize,
}

/// One row: a node of the code tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub id: CodeId,
    pub name: String,
    /// `Group › Subgroup › Code`.
    pub path: String,
    pub depth: usize,
    /// One per column, in the columns' order.
    pub cells: Vec<Cell>,
    pub total: Cell,
    /// Units per person, when the report is of more than one.
    pub by_coder: BTreeMap<String, usize>,
    /// The units behind each cell (the coder's place in [`Report::coders`] and the
    /// unit), for drilling in.
    pub units: Vec<Vec<(usize, crate::model::UnitId)>>,
}

/// A table of code-tree nodes against columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// `focus-group`, …, or `cooccurrence`.
    pub by: String,
    /// The person whose units are counted, or everyone's (`None`).
    pub coder: Option<String>,
    /// The people whose units are counted.
    pub coders: Vec<String>,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

impl Report {
    /// The largest count of units in any cell (for bars).
    pub fn max_units(&self) -> usize {
        self.rows
            .iter()
            .flat_map(|r| r.cells.iter().map(|c| c.units))
            .max()
            .unwrap_or(0)
    }
}

/// The units a report counts: one person's or everyone's, with whose they are.
fn units_of<'a>(
    project: &'a Project,
    coder: Option<&'a str>,
) -> (Vec<String>, Vec<(usize, &'a MeaningUnit)>) {
    let coders: Vec<String> = match coder {
        Some(c) => vec![c.to_string()],
        None => project.units.keys().cloned().collect(),
    };
    let units = coders
        .iter()
        .enumerate()
        .flat_map(|(i, c)| project.units_of(c).iter().map(move |u| (i, u)))
        .collect();
    (coders, units)
}

/// The code tree's nodes in order, each with its path, and each node's parent.
struct Tree {
    rows: Vec<Row>,
    index: HashMap<CodeId, usize>,
    parent: HashMap<CodeId, CodeId>,
}

fn tree(project: &Project, columns: usize) -> Tree {
    let mut rows = Vec::new();
    let mut parent = HashMap::new();
    let mut path: Vec<&str> = Vec::new();
    fn walk<'a>(
        nodes: &'a [crate::model::CodeNode],
        depth: usize,
        up: Option<CodeId>,
        path: &mut Vec<&'a str>,
        columns: usize,
        rows: &mut Vec<Row>,
        parent: &mut HashMap<CodeId, CodeId>,
    ) {
        for n in nodes {
            path.push(&n.name);
            if let Some(p) = up {
                parent.insert(n.id, p);
            }
            rows.push(Row {
                id: n.id,
                name: n.name.clone(),
                path: path.join(" › "),
                depth,
                cells: vec![Cell::default(); columns],
                total: Cell::default(),
                by_coder: BTreeMap::new(),
                units: vec![Vec::new(); columns],
            });
            walk(
                &n.children,
                depth + 1,
                Some(n.id),
                path,
                columns,
                rows,
                parent,
            );
            path.pop();
        }
    }
    walk(
        &project.codebook.roots,
        0,
        None,
        &mut path,
        columns,
        &mut rows,
        &mut parent,
    );
    let index = rows.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    Tree {
        rows,
        index,
        parent,
    }
}

impl Tree {
    /// The rows a unit counts for: its codes and every node above them, once each.
    fn rows_of(&self, u: &MeaningUnit, out: &mut Vec<usize>) {
        out.clear();
        for c in &u.codes {
            let mut at = Some(*c);
            while let Some(id) = at {
                match self.index.get(&id) {
                    Some(&i) if !out.contains(&i) => out.push(i),
                    Some(_) => break,
                    None => {}
                }
                at = self.parent.get(&id).copied();
            }
        }
    }
}

/// Who speaks in each transcript: (transcript, label) → participant index.
struct Speakers {
    people: Vec<Participant>,
    of_label: HashMap<(TranscriptId, String), usize>,
}

impl Speakers {
    fn new(project: &Project) -> Speakers {
        let people = project.all_participants();
        let mut of_label = HashMap::new();
        for (i, p) in people.iter().enumerate() {
            for r in &p.labels {
                of_label.insert((r.transcript, r.label.clone()), i);
            }
        }
        Speakers { people, of_label }
    }

    /// The participants who speak in a unit, with the words each speaks in it, and the
    /// words of the unit's turns (not the speaker labels between them).
    fn in_unit(&self, t: &Transcript, u: &MeaningUnit) -> (Vec<(usize, usize)>, usize) {
        let mut out: Vec<(usize, usize)> = Vec::new();
        let mut all = 0;
        let first = t.turns.partition_point(|turn| turn.end <= u.start);
        for turn in &t.turns[first..] {
            if turn.start >= u.end {
                break;
            }
            let span = turn.start.max(u.start)..turn.end.min(u.end);
            let words = t.text.get(span).map_or(0, count_words);
            all += words;
            let Some(label) = turn.speaker.as_deref() else {
                continue;
            };
            let Some(&p) = self.of_label.get(&(t.id, label.to_string())) else {
                continue;
            };
            match out.iter_mut().find(|(q, _)| *q == p) {
                Some(entry) => entry.1 += words,
                None => out.push((p, words)),
            }
        }
        (out, all)
    }
}

/// The code × `by` matrix of `coder`'s units (everyone's when `None`).
pub fn matrix(project: &Project, by: By, coder: Option<&str>) -> Report {
    let speakers = Speakers::new(project);
    // The columns, in order of first appearance, and each participant's column.
    let mut columns: Vec<String> = Vec::new();
    let mut column_of: Vec<usize> = Vec::with_capacity(speakers.people.len());
    let mut transcript_column: HashMap<TranscriptId, usize> = HashMap::new();
    if by == By::Transcript {
        for t in &project.transcripts {
            transcript_column.insert(t.id, columns.len());
            columns.push(t.name.clone());
        }
    } else if by == By::Participant {
        let mut names: HashMap<String, usize> = HashMap::new();
        for p in &speakers.people {
            *names.entry(p.name.clone()).or_default() += 1;
        }
        for p in &speakers.people {
            let mut label = if names[&p.name] > 1 {
                format!("{} ({})", p.name, p.focus_group)
            } else {
                p.name.clone()
            };
            while columns.contains(&label) {
                label.push('\'');
            }
            column_of.push(columns.len());
            columns.push(label);
        }
    }
    if matches!(by, By::FocusGroup | By::Group | By::Role) {
        for p in &speakers.people {
            let v = by.value(p).map(str::trim).unwrap_or_default();
            let v = if v.is_empty() { NOT_SET } else { v };
            let i = columns.iter().position(|c| c == v).unwrap_or_else(|| {
                columns.push(v.to_string());
                columns.len() - 1
            });
            column_of.push(i);
        }
    }
    let (coders, units) = units_of(project, coder);
    let mut tree = tree(project, columns.len());
    let transcripts: HashMap<TranscriptId, &Transcript> =
        project.transcripts.iter().map(|t| (t.id, t)).collect();
    // Distinct participants per cell and per row.
    let mut people: HashMap<(usize, usize), HashSet<usize>> = HashMap::new();
    let mut row_people: HashMap<usize, HashSet<usize>> = HashMap::new();
    let mut rows = Vec::new();
    for (coder, u) in units {
        let Some(t) = transcripts.get(&u.transcript) else {
            continue;
        };
        tree.rows_of(u, &mut rows);
        if rows.is_empty() {
            continue;
        }
        let (spoken, words) = speakers.in_unit(t, u);
        // Column → (participants, words) for this unit.
        let mut per_column: Vec<(usize, Vec<usize>, usize)> = Vec::new();
        if by == By::Transcript {
            let col = transcript_column[&t.id];
            per_column.push((col, spoken.iter().map(|s| s.0).collect(), words));
        } else {
            for &(p, w) in &spoken {
                let col = column_of[p];
                match per_column.iter_mut().find(|c| c.0 == col) {
                    Some(c) => {
                        c.1.push(p);
                        c.2 += w;
                    }
                    None => per_column.push((col, vec![p], w)),
                }
            }
        }
        for &r in &rows {
            let row = &mut tree.rows[r];
            row.total.units += 1;
            row.total.words += words;
            *row.by_coder.entry(coders[coder].clone()).or_default() += 1;
            row_people
                .entry(r)
                .or_default()
                .extend(spoken.iter().map(|s| s.0));
            for (col, ps, w) in &per_column {
                let cell = &mut row.cells[*col];
                cell.units += 1;
                cell.words += w;
                row.units[*col].push((coder, u.id));
                people.entry((r, *col)).or_default().extend(ps);
            }
        }
    }
    for ((r, c), set) in people {
        tree.rows[r].cells[c].participants = set.len();
    }
    for (r, set) in row_people {
        tree.rows[r].total.participants = set.len();
    }
    if coders.len() < 2 {
        for row in &mut tree.rows {
            row.by_coder.clear();
        }
    }
    Report {
        by: by.name().to_string(),
        coder: coder.map(str::to_string),
        coders,
        columns,
        rows: tree.rows,
    }
}

/// Code × code: the units that carry both (each with the nodes below it).
pub fn cooccurrence(project: &Project, coder: Option<&str>) -> Report {
    let speakers = Speakers::new(project);
    let mut tree = tree(project, 0);
    let n = tree.rows.len();
    let columns: Vec<String> = tree.rows.iter().map(|r| r.path.clone()).collect();
    for row in &mut tree.rows {
        row.cells = vec![Cell::default(); n];
        row.units = vec![Vec::new(); n];
    }
    let (coders, units) = units_of(project, coder);
    let transcripts: HashMap<TranscriptId, &Transcript> =
        project.transcripts.iter().map(|t| (t.id, t)).collect();
    let mut people: HashMap<(usize, usize), HashSet<usize>> = HashMap::new();
    let mut rows = Vec::new();
    for (coder, u) in units {
        let Some(t) = transcripts.get(&u.transcript) else {
            continue;
        };
        tree.rows_of(u, &mut rows);
        let (spoken, words) = speakers.in_unit(t, u);
        let spoken: Vec<usize> = spoken.iter().map(|s| s.0).collect();
        for &a in &rows {
            let row = &mut tree.rows[a];
            row.total.units += 1;
            row.total.words += words;
            for &b in &rows {
                row.cells[b].units += 1;
                row.cells[b].words += words;
                row.units[b].push((coder, u.id));
                people.entry((a, b)).or_default().extend(&spoken);
            }
        }
    }
    for ((a, b), set) in people {
        tree.rows[a].cells[b].participants = set.len();
        if a == b {
            tree.rows[a].total.participants = set.len();
        }
    }
    Report {
        by: "cooccurrence".into(),
        coder: coder.map(str::to_string),
        coders,
        columns,
        rows: tree.rows,
    }
}

#[cfg(test)]
mod tests;
