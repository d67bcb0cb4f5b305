use super::*;
use crate::import::{Format, from_bytes};
use crate::model::{CodeId, Project};
use proptest::prelude::*;

const OLD: &str = "Moderator: Welcome, all. Tell us about the peer workers.\n\n\
Kari: We hired one in 2023. She bridges the gap between staff and users.\n\n\
Ola: I am not so sure. It took time. Some colleagues were sceptical.\n\n\
Kari: Now nobody wants to be without her.\n";

fn transcript(text: &str) -> Transcript {
    from_bytes(text.as_bytes(), "fg.txt", "fg", Format::Txt)
        .expect("imports")
        .0
}

fn unit(t: &Transcript, words: &str, n: u128) -> MeaningUnit {
    let start = t.text.find(words).expect("words in the text");
    MeaningUnit {
        id: UnitId(uuid::Uuid::from_u128(n)),
        transcript: t.id,
        start,
        end: start + words.len(),
        codes: vec![CodeId(uuid::Uuid::from_u128(99))],
        note: String::new(),
        created: Stamp(0),
        changed: Stamp(0),
    }
}

fn project(units: &[(&str, &str)]) -> Project {
    let t = transcript(OLD);
    let mut p = Project::new("t", "q");
    for (i, (coder, words)) in units.iter().enumerate() {
        let u = unit(&t, words, i as u128 + 1);
        p.units.entry(coder.to_string()).or_default().push(u);
    }
    p.transcripts.push(t);
    p
}

fn quotes(c: &Correction) -> Vec<(String, Fate, String)> {
    c.outcomes
        .iter()
        .map(|o| (o.coder.clone(), o.fate, o.after.clone()))
        .collect()
}

fn correct(p: &Project, new: &str) -> Correction {
    plan(
        p,
        p.transcripts[0].id,
        &transcript(new),
        Stamp(1_800_000_000),
    )
    .expect("plans")
}

#[test]
fn units_follow_edits_before_inside_across_and_after_them() {
    let p = project(&[
        ("anna", "She bridges the gap between staff and users."),
        ("anna", "It took time."),
        ("bjorn", "Some colleagues were sceptical."),
        ("bjorn", "Now nobody wants to be without her."),
    ]);
    let new = OLD
        .replace("Welcome, all.", "Welcome, everyone, and thank you.") // before
        .replace("between staff and users", "between the staff and the users") // inside
        .replace("It took time. Some", "It took a long time. Some") // across the edge
        .replace("without her.", "without her. [laughter]"); // after
    let c = correct(&p, &new);
    assert_eq!(
        quotes(&c),
        vec![
            (
                "anna".into(),
                Fate::Changed,
                "She bridges the gap between the staff and the users.".into()
            ),
            ("anna".into(), Fate::Changed, "It took a long time.".into()),
            (
                "bjorn".into(),
                Fate::Kept,
                "Some colleagues were sceptical.".into()
            ),
            (
                "bjorn".into(),
                Fate::Kept,
                "Now nobody wants to be without her.".into()
            ),
        ]
    );
    // Every unit's span fits the new text and reads what the outcome says.
    for (coder, list) in &c.units {
        for u in list {
            let o = c.outcomes.iter().find(|o| o.unit == u.id).expect("listed");
            assert_eq!(&o.coder, coder);
            assert_eq!(&c.transcript.text[u.span()], o.after);
        }
    }
    assert_eq!(c.tally()["bjorn"], [0, 2, 0, 0]);
}

#[test]
fn a_deleted_sentence_leaves_its_unit_as_an_orphan_with_its_words_in_the_note() {
    let p = project(&[("anna", "Some colleagues were sceptical.")]);
    let new = OLD.replace(" Some colleagues were sceptical.", "");
    let c = correct(&p, &new);
    assert_eq!(c.outcomes[0].fate, Fate::Orphaned);
    let u = &c.units["anna"][0];
    assert!(u.start < u.end, "an orphan still has words to stand on");
    assert!(
        u.note.contains("\"Some colleagues were sceptical.\""),
        "{}",
        u.note
    );
    assert!(
        u.note
            .starts_with("[orphaned by a correction of the transcript on 2027-01-15")
    );
    assert_eq!(u.codes, p.units["anna"][0].codes, "its codes are kept");
    // It stays in Ola's turn, on his words, not on the next speaker's label.
    assert_eq!(&c.transcript.text[u.span()], "time.");
    assert_eq!(c.transcript.speakers_in(u.span()), ["Ola"]);
}

#[test]
fn a_relabelled_speaker_is_reported_and_applied() {
    let p = project(&[("anna", "I am not so sure.")]);
    let new = OLD.replace("Ola: I am", "Per: I am");
    let c = correct(&p, &new);
    assert_eq!(
        c.speakers,
        vec![SpeakerChange {
            turn: 3,
            before: Some("Ola".into()),
            after: Some("Per".into())
        }]
    );
    assert_eq!(c.transcript.turns[2].speaker.as_deref(), Some("Per"));
    assert_eq!(c.outcomes[0].fate, Fate::Kept);
    assert!(c.outcomes[0].moved.eq(&false));
}

#[test]
fn the_same_text_changes_nothing() {
    let p = project(&[("anna", "It took time.")]);
    let c = correct(&p, OLD);
    assert!(c.is_empty());
    assert_eq!(c.units, p.units);
}

#[test]
fn an_empty_correction_is_refused() {
    let p = project(&[]);
    let t = Transcript {
        text: " \n".into(),
        ..transcript(OLD)
    };
    assert!(plan(&p, p.transcripts[0].id, &t, Stamp(0)).is_err());
}

#[test]
fn a_transcript_is_found_by_name_or_id() {
    let p = project(&[]);
    let id = p.transcripts[0].id;
    assert_eq!(find_transcript(&p, "fg").ok(), Some(id));
    assert_eq!(find_transcript(&p, &id.to_string()).ok(), Some(id));
    let e = find_transcript(&p, "nope").unwrap_err().to_string();
    assert!(e.contains("\"fg\""), "{e}");
}

/// A random edit: replace `len` characters at `at` (scaled into the text) with `with`.
fn edit(text: &str, at: f64, len: usize, with: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let a = ((chars.len() as f64) * at) as usize;
    let b = (a + len).min(chars.len());
    let mut out: String = chars[..a].iter().collect();
    out.push_str(with);
    out.extend(&chars[b..]);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn random_edits_never_lose_a_unit(
        spans in proptest::collection::vec((0.0f64..1.0, 1usize..40), 1..8),
        edits in proptest::collection::vec((0.0f64..1.0, 0usize..30, "[a-zæøå ]{0,12}"), 1..6),
    ) {
        let t = transcript(OLD);
        let mut p = Project::new("t", "q");
        let chars: Vec<(usize, char)> = t.text.char_indices().collect();
        for (i, (at, len)) in spans.iter().enumerate() {
            let a = ((chars.len() as f64) * at) as usize;
            let b = (a + len).min(chars.len());
            let start = chars[a.min(chars.len() - 1)].0;
            let end = chars.get(b).map_or(t.text.len(), |c| c.0);
            prop_assume!(start < end);
            let mut u = unit(&t, "Kari", i as u128 + 1);
            u.start = start;
            u.end = end;
            p.units.entry("anna".into()).or_default().push(u);
        }
        p.transcripts.push(t.clone());
        let mut new = t.text.clone();
        for (at, len, with) in &edits {
            new = edit(&new, *at, *len, with);
        }
        prop_assume!(!new.trim().is_empty());
        let c = plan(&p, t.id, &transcript(&new), Stamp(0)).expect("plans");
        // Every unit is still there, once, on words of the new text, and listed.
        prop_assert_eq!(c.units["anna"].len(), p.units["anna"].len());
        prop_assert_eq!(c.outcomes.len(), p.units["anna"].len());
        for u in &c.units["anna"] {
            prop_assert!(u.start < u.end);
            prop_assert!(c.transcript.text.get(u.span()).is_some());
            let o = c.outcomes.iter().find(|o| o.unit == u.id).expect("listed");
            let was = p.units["anna"].iter().find(|w| w.id == u.id).expect("was there");
            if o.fate == Fate::Kept {
                prop_assert_eq!(&c.transcript.text[u.span()], &t.text[was.span()]);
            }
        }
    }
}
