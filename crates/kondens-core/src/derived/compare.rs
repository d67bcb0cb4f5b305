//! Where two coders' codings of the same transcripts differ: passages coded by only one
//! of them, coded by both with different codes, or overlapping with different
//! boundaries. Units that overlap (across both coders) form one passage.

use crate::model::{CodeId, MeaningUnit, Project, TranscriptId, UnitId};
use std::collections::BTreeSet;
use std::ops::Range;

/// How a passage differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    OnlyA,
    OnlyB,
    DifferentCodes,
    DifferentBoundaries,
}

impl Kind {
    /// In words, with whose it is.
    pub fn describe(self, a: &str, b: &str) -> String {
        match self {
            Kind::OnlyA => format!("only {a}"),
            Kind::OnlyB => format!("only {b}"),
            Kind::DifferentCodes => "different codes".into(),
            Kind::DifferentBoundaries => "different boundaries".into(),
        }
    }
}

/// One passage where the two differ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    pub transcript: TranscriptId,
    /// From the first unit's start to the last unit's end (bytes).
    pub span: Range<usize>,
    pub kind: Kind,
    pub a_units: Vec<UnitId>,
    pub b_units: Vec<UnitId>,
}

/// Every passage where `a` and `b` differ, in transcript order, in the transcripts
/// both have coded in.
pub fn differences(project: &Project, a: &str, b: &str) -> Vec<Difference> {
    let mut out = Vec::new();
    for t in &project.transcripts {
        let mine: Vec<&MeaningUnit> = project
            .units_of(a)
            .iter()
            .filter(|u| u.transcript == t.id)
            .collect();
        let theirs: Vec<&MeaningUnit> = project
            .units_of(b)
            .iter()
            .filter(|u| u.transcript == t.id)
            .collect();
        if mine.is_empty() || theirs.is_empty() {
            continue;
        }
        let mut all: Vec<(bool, &MeaningUnit)> = mine
            .iter()
            .map(|u| (true, *u))
            .chain(theirs.iter().map(|u| (false, *u)))
            .collect();
        all.sort_by_key(|(_, u)| (u.start, u.end, u.id));
        let mut i = 0;
        while i < all.len() {
            let mut end = all[i].1.end;
            let mut j = i + 1;
            while j < all.len() && all[j].1.start < end {
                end = end.max(all[j].1.end);
                j += 1;
            }
            let group = &all[i..j];
            if let Some(kind) = kind_of(group) {
                out.push(Difference {
                    transcript: t.id,
                    span: group[0].1.start..end,
                    kind,
                    a_units: group
                        .iter()
                        .filter(|(m, _)| *m)
                        .map(|(_, u)| u.id)
                        .collect(),
                    b_units: group
                        .iter()
                        .filter(|(m, _)| !*m)
                        .map(|(_, u)| u.id)
                        .collect(),
                });
            }
            i = j;
        }
    }
    out
}

fn kind_of(group: &[(bool, &MeaningUnit)]) -> Option<Kind> {
    let side = |a: bool| -> BTreeSet<(usize, usize, BTreeSet<CodeId>)> {
        group
            .iter()
            .filter(|(m, _)| *m == a)
            .map(|(_, u)| (u.start, u.end, u.codes.iter().copied().collect()))
            .collect()
    };
    let (x, y) = (side(true), side(false));
    if y.is_empty() {
        return Some(Kind::OnlyA);
    }
    if x.is_empty() {
        return Some(Kind::OnlyB);
    }
    if x == y {
        return None;
    }
    let spans = |s: &BTreeSet<(usize, usize, BTreeSet<CodeId>)>| -> BTreeSet<(usize, usize)> {
        s.iter().map(|(a, b, _)| (*a, *b)).collect()
    };
    Some(if spans(&x) == spans(&y) {
        Kind::DifferentCodes
    } else {
        Kind::DifferentBoundaries
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Transcript;
    use crate::model::time::Stamp;

    fn unit(t: TranscriptId, span: Range<usize>, code: CodeId) -> MeaningUnit {
        MeaningUnit {
            id: UnitId::new(),
            transcript: t,
            start: span.start,
            end: span.end,
            codes: vec![code],
            note: String::new(),
            created: Stamp(0),
            changed: Stamp(0),
        }
    }

    #[test]
    fn passages_are_classed_by_how_they_differ() {
        let mut p = Project::new("t", "");
        let text = "x".repeat(200);
        let t = TranscriptId::new();
        p.transcripts.push(Transcript::one_turn(t, "t", text));
        let (c1, c2) = (CodeId::new(), CodeId::new());
        for u in [
            unit(t, 0..10, c1),
            unit(t, 20..30, c1),
            unit(t, 40..50, c1),
            unit(t, 60..70, c1),
        ] {
            p.insert_unit("a", u);
        }
        // same; different code; different boundaries; (60..70 only a); 90..95 only b.
        for u in [
            unit(t, 0..10, c1),
            unit(t, 20..30, c2),
            unit(t, 42..50, c1),
            unit(t, 90..95, c2),
        ] {
            p.insert_unit("b", u);
        }
        let kinds: Vec<(Range<usize>, Kind)> = differences(&p, "a", "b")
            .into_iter()
            .map(|d| (d.span, d.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                (20..30, Kind::DifferentCodes),
                (40..50, Kind::DifferentBoundaries),
                (60..70, Kind::OnlyA),
                (90..95, Kind::OnlyB),
            ]
        );
    }
}
