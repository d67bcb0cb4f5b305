//! Expected values computed once with the reference implementations, PyPI
//! `krippendorff` 0.9.0 (`alpha(..., level_of_measurement='nominal')`) and `irrCAC`
//! 0.4.4 (`CAC(df).conger()`, Cohen's κ for two raters, printed to 5 decimals), on the
//! 0/1 vectors of the characters written out below; TV2 and TV3 are the test vectors of
//! shared/reference/AGREEMENT.md §5.

use super::*;
use crate::model::{CodeNode, Turn, UnitId};

fn close(got: Option<f64>, want: f64, tol: f64) {
    let got = got.expect("defined");
    assert!((got - want).abs() < tol, "{got} != {want}");
}

fn table(a: &[u8], b: &[u8]) -> Table {
    let mut t = Table::default();
    for (x, y) in a.iter().zip(b) {
        match (x, y) {
            (1, 1) => t.both += 1,
            (1, 0) => t.a_only += 1,
            (0, 1) => t.b_only += 1,
            _ => t.neither += 1,
        }
    }
    t
}

#[test]
fn the_reference_vectors_of_agreement_md() {
    // TV2: the ATLAS.ti manual's example.
    let c = table(
        &[1, 1, 0, 0, 0, 0, 0, 0, 0, 0],
        &[0, 1, 1, 0, 0, 1, 0, 1, 0, 0],
    )
    .coefficients();
    close(c.percent_agreement, 0.6, 1e-12);
    close(c.cohen_kappa, 0.090909, 1e-6);
    close(c.krippendorff_alpha, 0.095238, 1e-6);
    // TV3: A codes [2,10), B codes [4,12) of 20 characters.
    let a: Vec<u8> = (0..20).map(|i| u8::from((2..10).contains(&i))).collect();
    let b: Vec<u8> = (0..20).map(|i| u8::from((4..12).contains(&i))).collect();
    let c = table(&a, &b).coefficients();
    close(c.percent_agreement, 0.8, 1e-12);
    close(c.cohen_kappa, 0.583333, 1e-6);
    close(c.krippendorff_alpha, 0.59375, 1e-12);
}

#[test]
fn complete_agreement_and_no_variation() {
    let c = table(&[1, 1, 0, 0], &[1, 1, 0, 0]).coefficients();
    assert_eq!(
        (c.cohen_kappa, c.krippendorff_alpha),
        (Some(1.0), Some(1.0))
    );
    // Both code every character: chance agreement is 1, κ and α say nothing.
    let c = table(&[1, 1, 1], &[1, 1, 1]).coefficients();
    assert_eq!(c.percent_agreement, Some(1.0));
    assert_eq!((c.cohen_kappa, c.krippendorff_alpha), (None, None));
    assert!(c.undefined.is_some_and(|r| r.contains("no variation")));
}

fn code(n: u128, name: &str, children: Vec<CodeNode>) -> CodeNode {
    CodeNode {
        id: CodeId(uuid::Uuid::from_u128(n)),
        name: name.into(),
        description: String::new(),
        colour: String::new(),
        children,
    }
}

/// Two turns of ten characters; the label between them is no unit of analysis. G has
/// the subgroups S1 and S2; H is a group of its own.
fn fixture() -> Project {
    let mut p = Project::new("t", "q");
    let text = "A: xxxxxxxxxx\n\nB: yyyyyyyyyy\n".to_string();
    let t = Transcript {
        id: TranscriptId(uuid::Uuid::from_u128(7)),
        name: "fg".into(),
        source_file: "fg.txt".into(),
        imported: String::new(),
        format: "txt".into(),
        encoding: "UTF-8".into(),
        turns: vec![
            Turn {
                speaker: Some("A".into()),
                start_ms: None,
                start: 3,
                end: 13,
            },
            Turn {
                speaker: Some("B".into()),
                start_ms: None,
                start: 18,
                end: 28,
            },
        ],
        text,
    };
    p.codebook.roots = vec![
        code(1, "G", vec![code(2, "S1", vec![]), code(3, "S2", vec![])]),
        code(4, "H", vec![]),
    ];
    let unit = |n: u128, span: Range<usize>, c: u128| MeaningUnit {
        id: UnitId(uuid::Uuid::from_u128(n)),
        transcript: t.id,
        start: span.start,
        end: span.end,
        codes: vec![CodeId(uuid::Uuid::from_u128(c))],
        note: String::new(),
        created: crate::model::time::Stamp(0),
        changed: crate::model::time::Stamp(0),
    };
    // a: S1 across the two turns (the label between is not counted), H in the second.
    p.units
        .insert("a".into(), vec![unit(10, 5..20, 2), unit(11, 22..26, 4)]);
    // b: S1 at the start, S2 on the whole second turn.
    p.units
        .insert("b".into(), vec![unit(20, 3..10, 2), unit(21, 18..28, 3)]);
    p.transcripts.push(t);
    p
}

#[test]
fn nested_codes_units_spanning_turns_and_one_coder_silent_match_the_references() {
    let r = agreement(&fixture(), "a", "b", &[], 0.9).expect("report");
    assert_eq!(r.characters, 20);
    assert_eq!(r.transcripts, ["fg"]);
    let code = |name: &str| r.codes.iter().find(|c| c.name == name).expect("code");
    // S1: a = characters 2..12, b = 0..7.
    let s1 = code("S1");
    assert_eq!(
        (s1.a_characters, s1.b_characters, s1.both_characters),
        (10, 7, 5)
    );
    close(s1.coefficients.percent_agreement, 0.65, 1e-12);
    close(s1.coefficients.cohen_kappa, 0.3, 1e-5);
    close(
        s1.coefficients.krippendorff_alpha,
        0.30179028132992325,
        1e-12,
    );
    // S2: only b codes it.
    let s2 = code("S2");
    close(s2.coefficients.cohen_kappa, 0.0, 1e-12);
    close(
        s2.coefficients.krippendorff_alpha,
        -0.30000000000000004,
        1e-12,
    );
    // G: a unit counts for its code and the group above it.
    let g = code("G");
    close(g.coefficients.percent_agreement, 0.35, 1e-12);
    close(g.coefficients.cohen_kappa, -0.3, 1e-5);
    close(
        g.coefficients.krippendorff_alpha,
        -0.4444444444444444,
        1e-12,
    );
    // H: only a codes it.
    let h = code("H");
    close(h.coefficients.percent_agreement, 0.8, 1e-12);
    close(
        h.coefficients.krippendorff_alpha,
        -0.08333333333333326,
        1e-12,
    );
    // Overall: the pooled decisions of the leaves S1, S2 and H (60).
    close(r.overall.percent_agreement, 0.65, 1e-12);
    close(r.overall.cohen_kappa, 0.0896, 1e-4);
    close(r.overall.krippendorff_alpha, 0.09423704240666908, 1e-12);
    // Segments: no unit of one is matched by a unit of the other at 90 %.
    assert_eq!((r.segments.a_units, r.segments.a_matched), (2, 0));
    assert_eq!((r.segments.b_units, r.segments.b_matched), (2, 0));
}

#[test]
fn segments_match_at_the_overlap_asked_for() {
    let mut p = fixture();
    // b's first unit now covers a's second exactly, with the same code.
    let h = CodeId(uuid::Uuid::from_u128(4));
    if let Some(u) = p.units.get_mut("b").and_then(|l| l.first_mut()) {
        u.start = 22;
        u.end = 26;
        u.codes = vec![h];
    }
    let r = agreement(&p, "a", "b", &[], 0.9).expect("report");
    assert_eq!((r.segments.a_matched, r.segments.b_matched), (1, 1));
    let r = agreement(&p, "a", "b", &["fg".into()], 0.9).expect("by name");
    assert_eq!(r.transcripts, ["fg"]);
    assert!(agreement(&p, "a", "b", &["nope".into()], 0.9).is_err());
}

/// A difference of a few characters in thousands still reads as one.
#[test]
fn a_share_never_rounds_to_all_or_nothing() {
    assert_eq!(percent(1.0), "100 %");
    assert_eq!(percent(0.0), "0 %");
    assert_eq!(percent(0.9987), "99.9 %");
    assert_eq!(percent(0.99996), "99.9 %");
    assert_eq!(percent(0.00004), "0.1 %");
    assert_eq!(percent(0.8567), "85.7 %");
}
