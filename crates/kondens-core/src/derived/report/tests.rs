//! A fixture counted by hand: two focus groups, a participant (Kari) merged across both,
//! units spanning two speakers, codes three levels deep, two coders.

use super::*;
use crate::model::time::Stamp;
use crate::model::{CodeNode, Participant, SpeakerRef, UnitId};

const A: &str = "M: Welcome all.\n\nKari: We hired one.\n\nOla: It took time.\n";
const B: &str = "Per: Peers matter here.\n\nKari: Yes indeed.\n";

/// A transcript of `Label: words` paragraphs, one turn each (the label is no turn's).
fn transcript(text: &str, name: &str) -> Transcript {
    let mut turns = Vec::new();
    let mut at = 0;
    for para in text.split("\n\n") {
        let colon = para.find(": ").expect("label");
        turns.push(crate::model::Turn {
            speaker: Some(para[..colon].into()),
            start_ms: None,
            start: at + colon + 2,
            end: at + para.trim_end().len(),
        });
        at += para.len() + 2;
    }
    Transcript {
        id: TranscriptId(uuid::Uuid::from_u128(
            name.len() as u128 + name.as_bytes()[3] as u128,
        )),
        name: name.into(),
        source_file: format!("{name}.txt"),
        imported: String::new(),
        format: "txt".into(),
        encoding: "UTF-8".into(),
        text: text.into(),
        turns,
    }
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

fn id(n: u128) -> CodeId {
    CodeId(uuid::Uuid::from_u128(n))
}

fn fixture() -> Project {
    let mut p = Project::new("t", "q");
    for (text, name) in [(A, "fg-a"), (B, "fg-b")] {
        p.transcripts.push(transcript(text, name));
    }
    let (a, b) = (p.transcripts[0].id, p.transcripts[1].id);
    // G › S › C, and H.
    p.codebook.roots = vec![
        code(1, "G", vec![code(2, "S", vec![code(3, "C", vec![])])]),
        code(4, "H", vec![]),
    ];
    let person =
        |n: u128, name: &str, group: &str, labels: Vec<(TranscriptId, &str)>| Participant {
            id: crate::model::ParticipantId(uuid::Uuid::from_u128(100 + n)),
            name: name.into(),
            role: "participant".into(),
            group: group.into(),
            focus_group: String::new(),
            attributes: Default::default(),
            labels: labels
                .into_iter()
                .map(|(transcript, label)| SpeakerRef {
                    transcript,
                    label: label.into(),
                })
                .collect(),
        };
    p.participants = vec![
        person(1, "Kari", "managers", vec![(a, "Kari"), (b, "Kari")]),
        person(2, "Ola", "peers", vec![(a, "Ola")]),
        person(3, "Per", "peers", vec![(b, "Per")]),
    ];
    let unit = |n: u128, t: usize, from: &str, to: &str, codes: &[u128]| {
        let text = if t == 0 { A } else { B };
        let start = text.find(from).expect("from");
        let end = text.find(to).expect("to") + to.len();
        MeaningUnit {
            id: UnitId(uuid::Uuid::from_u128(n)),
            transcript: if t == 0 { a } else { b },
            start,
            end,
            codes: codes.iter().map(|c| id(*c)).collect(),
            note: String::new(),
            created: Stamp(0),
            changed: Stamp(0),
        }
    };
    p.units.insert(
        "anna".into(),
        vec![
            unit(1, 0, "We hired", "one.", &[3]),   // Kari, 3 words, C
            unit(2, 0, "one.", "It took", &[2, 4]), // Kari 1 + Ola 2, S and H
            unit(3, 1, "Peers", "matter", &[3]),    // Per 2, C
            unit(4, 1, "here.", "Yes", &[4]),       // Per 1 + Kari 1, H
        ],
    );
    p.units.insert(
        "bjorn".into(),
        vec![unit(5, 0, "It took", "time.", &[1])], // Ola 3, G
    );
    p
}

fn cell(units: usize, participants: usize, words: usize) -> Cell {
    Cell {
        units,
        participants,
        words,
    }
}

fn row<'a>(r: &'a Report, name: &str) -> &'a Row {
    r.rows.iter().find(|x| x.name == name).expect("row")
}

#[test]
fn code_by_group_counts_units_participants_and_words_as_counted_by_hand() {
    let r = matrix(&fixture(), By::Group, None);
    assert_eq!(r.columns, ["(not set)", "managers", "peers"]);
    // The moderator never speaks in a unit: every "(not set)" cell is empty.
    let g = row(&r, "G");
    assert_eq!(g.cells, [cell(0, 0, 0), cell(2, 1, 4), cell(3, 2, 7)]);
    assert_eq!(g.total, cell(4, 3, 11));
    assert_eq!(g.by_coder["anna"], 3);
    assert_eq!(g.by_coder["bjorn"], 1);
    assert_eq!(
        row(&r, "S").cells,
        [cell(0, 0, 0), cell(2, 1, 4), cell(2, 2, 4)]
    );
    assert_eq!(
        row(&r, "C").cells,
        [cell(0, 0, 0), cell(1, 1, 3), cell(1, 1, 2)]
    );
    // Kari speaks in H's units in both groups, and is one participant (merged).
    let h = row(&r, "H");
    assert_eq!(h.cells, [cell(0, 0, 0), cell(2, 1, 2), cell(2, 2, 3)]);
    assert_eq!(h.total, cell(2, 3, 5));
    assert_eq!(h.path, "H");
    assert_eq!(row(&r, "C").path, "G › S › C");
}

#[test]
fn code_by_transcript_and_by_participant() {
    let p = fixture();
    let r = matrix(&p, By::Transcript, None);
    assert_eq!(r.columns, ["fg-a", "fg-b"]);
    assert_eq!(row(&r, "G").cells, [cell(3, 2, 9), cell(1, 1, 2)]);
    let r = matrix(&p, By::Participant, Some("anna"));
    assert_eq!(r.columns, ["M", "Kari", "Ola", "Per"]);
    assert_eq!(
        row(&r, "H").cells,
        [cell(0, 0, 0), cell(2, 1, 2), cell(1, 1, 2), cell(1, 1, 1)]
    );
    assert!(
        row(&r, "H").by_coder.is_empty(),
        "one coder: no column per coder"
    );
    assert_eq!(r.coders, ["anna"]);
}

#[test]
fn the_units_behind_a_cell_are_known() {
    let r = matrix(&fixture(), By::Group, None);
    let peers_of_g = &row(&r, "G").units[2];
    let ids: Vec<u128> = peers_of_g.iter().map(|(_, u)| u.0.as_u128()).collect();
    assert_eq!(ids, [2, 3, 5]);
    assert_eq!(r.coders[peers_of_g[2].0], "bjorn");
}

#[test]
fn cooccurrence_is_symmetric_and_counts_units_carrying_both() {
    let r = cooccurrence(&fixture(), None);
    let n = r.rows.len();
    for a in 0..n {
        for b in 0..n {
            assert_eq!(r.rows[a].cells[b], r.rows[b].cells[a], "{a} {b}");
        }
        assert_eq!(r.rows[a].cells[a].units, r.rows[a].total.units);
    }
    let (s, h) = (1, 3);
    assert_eq!(r.rows[s].cells[h].units, 1, "unit 2 carries S and H");
    assert_eq!(r.rows[2].cells[h].units, 0, "C and H never meet");
}

#[test]
fn coverage_is_the_share_of_the_turns_characters_coded() {
    let c = coverage(&fixture(), Some("anna"));
    let a = &c.transcripts[0];
    // Turns of A: "Welcome all." 12 + "We hired one." 13 + "It took time." 13.
    assert_eq!(a.characters, 38);
    // Anna covers "We hired one." (13) and "It took" (7); the label between is no turn.
    assert_eq!(a.coded, 20);
    assert!((a.share - 20.0 / 38.0).abs() < 1e-12);
    let all = coverage(&fixture(), None);
    assert_eq!(all.transcripts[0].coded, 26, "bjorn adds \" time.\"");
    assert_eq!(all.transcripts[0].by_coder.len(), 2);
}

/// A CSV reader for the test (RFC 4180: quotes, doubled quotes, CRLF).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    rows
}

#[test]
fn csv_reads_back_with_a_header_per_column_and_measure() {
    let mut p = fixture();
    p.codebook.roots[1].name = "H, \"quoted\"".into();
    let r = matrix(&p, By::Group, None);
    let rows = parse_csv(&write_report(&r, Format::Csv));
    assert_eq!(
        rows[0][..8],
        [
            "code_id",
            "path",
            "code",
            "level",
            "(not set): units",
            "(not set): participants",
            "(not set): words",
            "managers: units"
        ]
    );
    assert_eq!(rows[0].last().map(String::as_str), Some("units of bjorn"));
    let h = rows.iter().find(|r| r[2] == "H, \"quoted\"").expect("row");
    assert_eq!(h[3], "1");
    assert_eq!(h[7..13], ["2", "1", "2", "2", "2", "3"]);
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|r| r.len() == rows[0].len()));
}

#[test]
fn json_has_by_columns_and_rows_with_cells_by_column() {
    let r = matrix(&fixture(), By::Group, None);
    let v: serde_json::Value = serde_json::from_str(&write_report(&r, Format::Json)).expect("JSON");
    assert_eq!(v["by"], "group");
    assert_eq!(v["columns"][2], "peers");
    let g = &v["rows"][0];
    assert_eq!(g["name"], "G");
    assert_eq!(g["cells"]["peers"]["units"], 3);
    assert_eq!(g["cells"]["peers"]["participants"], 2);
    assert_eq!(g["total"]["words"], 11);
}

#[test]
fn the_table_and_markdown_name_what_they_count() {
    let r = matrix(&fixture(), By::FocusGroup, None);
    let t = write_report(&r, Format::Table);
    assert!(t.starts_with("Code × focus group, everyone's meaning units (anna, bjorn)"));
    assert!(t.contains("    C"), "{t}");
    let m = write_report(&r, Format::Markdown);
    assert!(m.contains("| Code |"), "{m}");
    assert!(m.contains("&nbsp;&nbsp;&nbsp;&nbsp;C |"), "{m}");
}

#[test]
fn the_table_has_a_column_per_person_when_it_counts_several() {
    let r = matrix(&fixture(), By::Group, None);
    let t = write_report(&r, Format::Table);
    let head = t.lines().nth(2).expect("header");
    assert!(head.ends_with("total  people  words  anna  bjorn"), "{t}");
    let g = t.lines().nth(3).expect("row G");
    assert!(g.ends_with("4       3     11     3      1"), "{t}");
    let one = write_report(&matrix(&fixture(), By::Group, Some("anna")), Format::Table);
    assert!(
        one.lines().nth(2).expect("header").ends_with("words"),
        "{one}"
    );
}
