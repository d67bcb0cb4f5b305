//! Coverage: how much of each transcript's speech meaning units cover.

use crate::model::{Project, Transcript};
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Range;

/// One transcript's coverage.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CoverageRow {
    pub transcript: String,
    /// Characters (code points) of the words of its speaker turns.
    pub characters: usize,
    /// Of those, the characters at least one counted unit covers.
    pub coded: usize,
    /// `coded / characters` (0 when there are none).
    pub share: f64,
    /// Each person's own share, when the report is of more than one.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub by_coder: BTreeMap<String, f64>,
}

/// Coverage per transcript.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Coverage {
    pub coder: Option<String>,
    pub coders: Vec<String>,
    pub transcripts: Vec<CoverageRow>,
}

/// The coverage of `coder`'s units (everyone's together when `None`).
pub fn coverage(project: &Project, coder: Option<&str>) -> Coverage {
    let coders: Vec<String> = match coder {
        Some(c) => vec![c.to_string()],
        None => project.units.keys().cloned().collect(),
    };
    let rows = project
        .transcripts
        .iter()
        .map(|t| {
            let spans_of = |people: &[String]| -> Vec<Range<usize>> {
                people
                    .iter()
                    .flat_map(|c| project.units_of(c))
                    .filter(|u| u.transcript == t.id)
                    .map(|u| u.span())
                    .collect()
            };
            let characters = turn_characters(t);
            let coded = covered(t, spans_of(&coders));
            let share = |n: usize| {
                if characters == 0 {
                    0.0
                } else {
                    n as f64 / characters as f64
                }
            };
            let by_coder = if coders.len() > 1 {
                coders
                    .iter()
                    .map(|c| {
                        let n = covered(t, spans_of(std::slice::from_ref(c)));
                        (c.clone(), share(n))
                    })
                    .collect()
            } else {
                BTreeMap::new()
            };
            CoverageRow {
                transcript: t.name.clone(),
                characters,
                coded,
                share: share(coded),
                by_coder,
            }
        })
        .collect();
    Coverage {
        coder: coder.map(str::to_string),
        coders,
        transcripts: rows,
    }
}

fn turn_characters(t: &Transcript) -> usize {
    t.turns
        .iter()
        .map(|turn| t.text.get(turn.span()).map_or(0, |s| s.chars().count()))
        .sum()
}

/// Characters of the turns' words inside the union of `spans`.
fn covered(t: &Transcript, mut spans: Vec<Range<usize>>) -> usize {
    spans.sort_by_key(|s| (s.start, s.end));
    let mut union: Vec<Range<usize>> = Vec::new();
    for s in spans {
        match union.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => union.push(s),
        }
    }
    let mut n = 0;
    for u in &union {
        let first = t.turns.partition_point(|turn| turn.end <= u.start);
        for turn in &t.turns[first..] {
            if turn.start >= u.end {
                break;
            }
            let span = turn.start.max(u.start)..turn.end.min(u.end);
            n += t.text.get(span).map_or(0, |s| s.chars().count());
        }
    }
    n
}
