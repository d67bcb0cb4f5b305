//! Intercoder agreement of two people (`kondens agreement`), at the level of
//! characters: every character (Unicode code point) of the words of the speaker turns
//! of the transcripts compared is a unit of analysis, and a person codes it with a node
//! of the code tree when one of their units covers it and carries that node or one below
//! it. Per node: percent agreement, Cohen's κ and Krippendorff's α (nominal, two coders,
//! no missing values); overall, the same over the pooled decisions of every leaf code;
//! and MAXQDA's segment view. Worked with interval arithmetic, never character by
//! character. docs/AGREEMENT.md has the definitions and a worked example.

use crate::model::{CodeId, MeaningUnit, Project, Transcript, TranscriptId};
use crate::text::CharIndex;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// The four counts of a node's decisions over the characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// Both coded.
    pub both: usize,
    /// Only the first person coded.
    pub a_only: usize,
    /// Only the second person coded.
    pub b_only: usize,
    /// Neither coded.
    pub neither: usize,
}

/// The three coefficients of a table; `None` where undefined, with the reason.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Coefficients {
    pub percent_agreement: Option<f64>,
    pub cohen_kappa: Option<f64>,
    pub krippendorff_alpha: Option<f64>,
    /// Why a coefficient is `null`, when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undefined: Option<String>,
}

/// A share as people read it: one decimal, and `100 %` or `0 %` only when it is all or
/// nothing, so a difference never rounds away (a share of 0.9996 is `99.9 %`).
pub fn percent(share: f64) -> String {
    if share >= 1.0 {
        return "100 %".into();
    }
    if share <= 0.0 {
        return "0 %".into();
    }
    let tenths = (share * 1000.0).round().clamp(1.0, 999.0);
    format!("{:.1} %", tenths / 10.0)
}

impl Table {
    fn n(&self) -> usize {
        self.both + self.a_only + self.b_only + self.neither
    }

    fn add(&mut self, o: Table) {
        self.both += o.both;
        self.a_only += o.a_only;
        self.b_only += o.b_only;
        self.neither += o.neither;
    }

    /// Percent agreement, Cohen's κ and Krippendorff's α (nominal) of the table.
    pub fn coefficients(&self) -> Coefficients {
        let n = self.n() as f64;
        if self.n() == 0 {
            return Coefficients {
                percent_agreement: None,
                cohen_kappa: None,
                krippendorff_alpha: None,
                undefined: Some("no characters to compare".into()),
            };
        }
        let (n11, n10, n01, n00) = (
            self.both as f64,
            self.a_only as f64,
            self.b_only as f64,
            self.neither as f64,
        );
        let po = (n11 + n00) / n;
        let (pa, pb) = ((n11 + n10) / n, (n11 + n01) / n);
        let pe = pa * pb + (1.0 - pa) * (1.0 - pb);
        // Coincidences: each character gives the pairs (a, b) and (b, a).
        let total = 2.0 * n;
        let n1 = 2.0 * n11 + n10 + n01;
        let n0 = 2.0 * n00 + n10 + n01;
        let expected = n0 * (n0 - 1.0) + n1 * (n1 - 1.0);
        let observed = 2.0 * (n00 + n11);
        let denominator = total * (total - 1.0) - expected;
        let no_variation = (pe - 1.0).abs() < 1e-12;
        Coefficients {
            percent_agreement: Some(po),
            cohen_kappa: (!no_variation).then(|| (po - pe) / (1.0 - pe)),
            krippendorff_alpha: (denominator.abs() > 1e-12)
                .then(|| ((total - 1.0) * observed - expected) / denominator),
            undefined: no_variation.then(|| {
                "no variation: every character has the same value for both people, so chance \
                 agreement is 1 and κ and α are undefined"
                    .into()
            }),
        }
    }
}

/// One node of the code tree in the report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CodeAgreement {
    pub id: String,
    pub name: String,
    pub path: String,
    pub a_characters: usize,
    pub b_characters: usize,
    pub both_characters: usize,
    #[serde(flatten)]
    pub coefficients: Coefficients,
}

/// MAXQDA's segment view: how many of each person's units the other matched.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Segments {
    /// The least overlap (intersection over union of the two units) that counts.
    pub overlap: f64,
    pub a_units: usize,
    pub a_matched: usize,
    pub b_units: usize,
    pub b_matched: usize,
}

/// The whole report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Agreement {
    pub coders: [String; 2],
    pub level: &'static str,
    pub transcripts: Vec<String>,
    pub characters: usize,
    pub overall: Coefficients,
    pub codes: Vec<CodeAgreement>,
    pub segments: Segments,
}

/// A sorted list of disjoint character ranges.
type Ranges = Vec<Range<usize>>;

/// One transcript's characters of speech, and per node what each person coded.
type Coded = (usize, HashMap<CodeId, (Ranges, Ranges)>);

fn union(mut v: Ranges) -> Ranges {
    v.sort_by_key(|r| (r.start, r.end));
    let mut out: Ranges = Vec::with_capacity(v.len());
    for r in v.into_iter().filter(|r| r.start < r.end) {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

fn length(v: &[Range<usize>]) -> usize {
    v.iter().map(|r| r.end - r.start).sum()
}

/// The length of the intersection of two sorted disjoint lists.
fn overlap(a: &[Range<usize>], b: &[Range<usize>]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let lo = a[i].start.max(b[j].start);
        let hi = a[i].end.min(b[j].end);
        n += hi.saturating_sub(lo);
        if a[i].end < b[j].end {
            i += 1;
        } else {
            j += 1;
        }
    }
    n
}

/// The ranges of `v` inside `within` (both sorted and disjoint).
fn clip(v: &[Range<usize>], within: &[Range<usize>]) -> Ranges {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < v.len() && j < within.len() {
        let lo = v[i].start.max(within[j].start);
        let hi = v[i].end.min(within[j].end);
        if lo < hi {
            out.push(lo..hi);
        }
        if v[i].end < within[j].end {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// One transcript in character coordinates: its turns and a way to convert.
struct Place<'a> {
    turns: Ranges,
    index: CharIndex<'a>,
}

impl<'a> Place<'a> {
    fn new(t: &'a Transcript) -> Place<'a> {
        let index = CharIndex::new(&t.text);
        let turns = union(
            t.turns
                .iter()
                .map(|turn| index.char_of(turn.start)..index.char_of(turn.end))
                .collect(),
        );
        Place { turns, index }
    }

    fn span(&self, u: &MeaningUnit) -> Range<usize> {
        self.index.char_of(u.start)..self.index.char_of(u.end)
    }
}

/// The agreement of `a` and `b` over the named transcripts (default: those in which
/// both have at least one unit); segments match at `min_overlap` (0–1).
pub fn agreement(
    project: &Project,
    a: &str,
    b: &str,
    transcripts: &[String],
    min_overlap: f64,
) -> crate::Result<Agreement> {
    let has =
        |coder: &str, id: TranscriptId| project.units_of(coder).iter().any(|u| u.transcript == id);
    let chosen: Vec<&Transcript> = if transcripts.is_empty() {
        project
            .transcripts
            .iter()
            .filter(|t| has(a, t.id) && has(b, t.id))
            .collect()
    } else {
        transcripts
            .iter()
            .map(|name| {
                project
                    .transcripts
                    .iter()
                    .find(|t| &t.name == name)
                    .ok_or_else(|| {
                        crate::Error::Refused(format!("no transcript is called {name:?}"))
                    })
            })
            .collect::<crate::Result<_>>()?
    };
    // Each node's parent, to count a unit for its codes and every node above them.
    let mut parent: HashMap<CodeId, CodeId> = HashMap::new();
    let flat = project.codebook.flatten();
    for f in &flat {
        for c in &f.node.children {
            parent.insert(c.id, f.node.id);
        }
    }
    let nodes_of = |u: &MeaningUnit| {
        let mut out: Vec<CodeId> = Vec::new();
        for c in &u.codes {
            let mut at = Some(*c);
            while let Some(id) = at {
                if out.contains(&id) {
                    break;
                }
                out.push(id);
                at = parent.get(&id).copied();
            }
        }
        out
    };
    let mut characters = 0;
    // Per node, per coder: its coded characters; per leaf, the pooled table.
    let mut tables: BTreeMap<CodeId, Table> = BTreeMap::new();
    let mut leaf_tables = Table::default();
    let mut used_a: std::collections::HashSet<CodeId> = Default::default();
    let mut used_b: std::collections::HashSet<CodeId> = Default::default();
    let mut seg = Segments {
        overlap: min_overlap,
        a_units: 0,
        a_matched: 0,
        b_units: 0,
        b_matched: 0,
    };
    let leaves: std::collections::HashSet<CodeId> = flat
        .iter()
        .filter(|f| f.node.children.is_empty())
        .map(|f| f.node.id)
        .collect();
    let mut per_transcript: Vec<Coded> = Vec::new();
    for t in &chosen {
        let place = Place::new(t);
        let n = length(&place.turns);
        characters += n;
        let mut spans: HashMap<CodeId, (Ranges, Ranges)> = HashMap::new();
        let units = |c: &str| {
            project
                .units_of(c)
                .iter()
                .filter(|u| u.transcript == t.id)
                .collect::<Vec<_>>()
        };
        let (ua, ub) = (units(a), units(b));
        for (side, list) in [(0, &ua), (1, &ub)] {
            for u in list.iter() {
                let span = place.span(u);
                for node in nodes_of(u) {
                    let e = spans.entry(node).or_default();
                    if side == 0 {
                        e.0.push(span.clone());
                        used_a.insert(node);
                    } else {
                        e.1.push(span.clone());
                        used_b.insert(node);
                    }
                }
            }
        }
        // MAXQDA's segments: a unit is matched by one of the other's with a code in
        // common that covers enough of the two together.
        // Each unit's span once (a conversion costs a scan), theirs sorted by start so
        // only those that can overlap are looked at.
        fn spanned<'u>(
            place: &Place<'_>,
            list: &[&'u MeaningUnit],
        ) -> Vec<(Range<usize>, &'u MeaningUnit)> {
            let mut v: Vec<(Range<usize>, &MeaningUnit)> =
                list.iter().map(|u| (place.span(u), *u)).collect();
            v.sort_by_key(|(r, _)| (r.start, r.end));
            v
        }
        let (sa, sb) = (spanned(&place, &ua), spanned(&place, &ub));
        let matched = |mine: &[(Range<usize>, &MeaningUnit)],
                       theirs: &[(Range<usize>, &MeaningUnit)]| {
            mine.iter()
                .filter(|(s, u)| {
                    // (At an overlap of 0 any unit with a code in common matches.)
                    let upto = if min_overlap > 0.0 {
                        theirs.partition_point(|(r, _)| r.start < s.end)
                    } else {
                        theirs.len()
                    };
                    theirs[..upto].iter().any(|(r, v)| {
                        let inter = s.end.min(r.end).saturating_sub(s.start.max(r.start));
                        let uni = s.end.max(r.end) - s.start.min(r.start);
                        uni > 0
                            && inter as f64 / uni as f64 >= min_overlap
                            && u.codes.iter().any(|c| v.codes.contains(c))
                    })
                })
                .count()
        };
        seg.a_units += ua.len();
        seg.b_units += ub.len();
        seg.a_matched += matched(&sa, &sb);
        seg.b_matched += matched(&sb, &sa);
        let clipped = spans
            .into_iter()
            .map(|(node, (sa, sb))| {
                let sa = clip(&union(sa), &place.turns);
                let sb = clip(&union(sb), &place.turns);
                (node, (sa, sb))
            })
            .collect();
        per_transcript.push((n, clipped));
    }
    for f in &flat {
        let id = f.node.id;
        if !used_a.contains(&id) && !used_b.contains(&id) {
            continue;
        }
        let mut table = Table::default();
        for (n, spans) in &per_transcript {
            let (sa, sb) = spans.get(&id).map_or((&[][..], &[][..]), |(x, y)| (x, y));
            let both = overlap(sa, sb);
            let (la, lb) = (length(sa), length(sb));
            table.add(Table {
                both,
                a_only: la - both,
                b_only: lb - both,
                neither: n + both - la - lb,
            });
        }
        if leaves.contains(&id) {
            leaf_tables.add(table);
        }
        tables.insert(id, table);
    }
    let codes = flat
        .iter()
        .filter_map(|f| {
            let t = tables.get(&f.node.id)?;
            Some(CodeAgreement {
                id: f.node.id.to_string(),
                name: f.node.name.clone(),
                path: project.codebook.path_label(f.node.id),
                a_characters: t.both + t.a_only,
                b_characters: t.both + t.b_only,
                both_characters: t.both,
                coefficients: t.coefficients(),
            })
        })
        .collect();
    Ok(Agreement {
        coders: [a.to_string(), b.to_string()],
        level: "character",
        transcripts: chosen.iter().map(|t| t.name.clone()).collect(),
        characters,
        overall: leaf_tables.coefficients(),
        codes,
        segments: seg,
    })
}

#[cfg(test)]
mod tests;
