//! Who said what: `kondens report` and `kondens correct`, run as the real binary on the
//! demo project.

mod common;

use common::{demo_project, err, ok, run_kondens, snapshot};
use kondens::model::Project;
use std::path::Path;

fn ledere(p: &Project) -> &kondens::model::Transcript {
    p.transcripts
        .iter()
        .find(|t| t.name == "fokusgruppe-ledere")
        .expect("the managers' focus group")
}

/// The demo's managers' transcript as its own .txt, corrected: a typo fixed before any
/// unit, a word added inside one, a sentence that is a whole unit deleted, a speaker
/// relabelled, a laugh added after the last unit.
fn corrected(p: &Project) -> String {
    ledere(p)
        .text
        .replacen("Vi har hatt én erfaringskonsulent", "Vi har hatt en erfaringskonsulent", 1)
        .replacen("erfaringen er verdifull", "erfaringen er svært verdifull", 1)
        .replacen(
            " Språket i personalgruppen ble annerledes. Vi sier ikke lenger «de dårlige» på pauserommet.",
            "",
            1,
        )
        .replacen("L2: Den kjenner jeg igjen.", "L3: Den kjenner jeg igjen.", 1)
        + "\n\nM: Takk for i dag. [latter]\n"
}

fn quotes(p: &Project) -> Vec<(String, String)> {
    let t = ledere(p);
    p.units_of("demo")
        .iter()
        .filter(|u| u.transcript == t.id)
        .map(|u| (u.id.to_string(), p.quote(u).to_string()))
        .collect()
}

#[test]
fn a_corrected_transcript_keeps_every_unit_on_its_words() {
    let (tmp, dir) = demo_project();
    let before = kondens::store::load(&dir).expect("loads");
    let file = tmp.path().join("ledere-rettet.txt");
    std::fs::write(&file, corrected(&before)).expect("write");
    let d = dir.to_str().expect("path");
    let f = file.to_str().expect("path");

    // A dry run says what would happen and changes nothing.
    let files = snapshot(&dir);
    let out = ok(&run_kondens(
        tmp.path(),
        &["correct", d, "fokusgruppe-ledere", f, "--dry-run"],
    ));
    // The typo fix before them moves the six untouched units by a byte.
    assert!(
        out.contains("demo: 0 unit(s) in place, 6 moved with their words, 1 changed, 1 orphaned"),
        "{out}"
    );
    assert!(out.contains("speaker of turn 13: L2 → L3"), "{out}");
    assert!(
        out.contains("→ \"Vi sier at erfaringen er svært verdifull"),
        "{out}"
    );
    assert!(
        out.contains("dry run: the project was not changed"),
        "{out}"
    );
    assert_eq!(snapshot(&dir), files);

    let out = ok(&run_kondens(
        tmp.path(),
        &["correct", d, "fokusgruppe-ledere", f],
    ));
    assert!(out.contains("1 changed, 1 orphaned"), "{out}");
    let after = kondens::store::load(&dir).expect("the corrected project loads");
    assert_eq!(after.units_of("demo").len(), before.units_of("demo").len());
    let (old, new) = (quotes(&before), quotes(&after));
    assert_eq!(old.len(), new.len(), "no unit lost");
    for ((id, was), (id2, is)) in old.iter().zip(&new) {
        assert_eq!(id, id2);
        if was.starts_with("Vi sier at erfaringen") {
            assert_eq!(
                is,
                "Vi sier at erfaringen er svært verdifull, men vi betaler som om den ikke er det."
            );
        } else if was.starts_with("Språket") {
            let u = after
                .units_of("demo")
                .iter()
                .find(|u| u.id.to_string() == *id)
                .expect("the orphan is kept");
            assert!(
                u.note.contains(&format!("its words were \"{was}\"")),
                "{}",
                u.note
            );
            assert!(!u.codes.is_empty(), "and keeps its codes");
        } else {
            assert_eq!(
                is, was,
                "a unit whose words were not touched reads the same"
            );
        }
    }
    // The relabelled turn's unit is now L3's.
    let u = after
        .units_of("demo")
        .iter()
        .find(|u| {
            after
                .quote(u)
                .starts_with("Vi hadde ingen stillingsbeskrivelse")
        })
        .expect("unit");
    assert_eq!(after.speakers_of(u), ["L3"]);
    // The old text and units are kept, and the history says what moved.
    let backups: Vec<_> = std::fs::read_dir(dir.join("backups"))
        .expect("backups")
        .flatten()
        .collect();
    assert_eq!(backups.len(), 1);
    assert!(backups[0].path().join("units/demo.ron").is_file());
    let history = kondens::store::read_corrections(&dir, ledere(&after).id).expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].by, "tester");
    assert_eq!(history[0].from_file, "ledere-rettet.txt");
    assert_eq!(
        history[0].text_hash_after,
        kondens::store::text_hash(&ledere(&after).text)
    );
    // Reports and exports read the corrected project.
    ok(&run_kondens(tmp.path(), &["report", d]));
    ok(&run_kondens(tmp.path(), &["export", d, "--format", "json"]));
}

#[test]
fn a_correction_is_refused_while_someone_has_the_project_open_or_the_file_is_bad() {
    let (tmp, dir) = demo_project();
    let p = kondens::store::load(&dir).expect("loads");
    let file = tmp.path().join("rettet.txt");
    std::fs::write(&file, corrected(&p)).expect("write");
    let d = dir.to_str().expect("path");
    let files = snapshot(&dir);
    {
        let _open = kondens::session::Session::open(&dir, "bjorn").expect("opens");
        let e = err(&run_kondens(
            tmp.path(),
            &[
                "correct",
                d,
                "fokusgruppe-ledere",
                file.to_str().expect("path"),
            ],
        ));
        assert!(e.contains("bjorn has the project open"), "{e}");
    }
    let junk = tmp.path().join("junk.txt");
    std::fs::write(&junk, [0u8, 159, 146, 150, 0, 0, 1, 2]).expect("write");
    let e = err(&run_kondens(
        tmp.path(),
        &[
            "correct",
            d,
            "fokusgruppe-ledere",
            junk.to_str().expect("path"),
        ],
    ));
    assert!(e.contains("junk.txt"), "{e}");
    let e = err(&run_kondens(
        tmp.path(),
        &["correct", d, "no-such", file.to_str().expect("path")],
    ));
    assert!(e.contains("no transcript is called \"no-such\""), "{e}");
    // Only the lock files the open session made are new.
    let now: Vec<_> = snapshot(&dir)
        .into_iter()
        .filter(|(p, _)| !p.ends_with(".lock"))
        .collect();
    let was: Vec<_> = files
        .into_iter()
        .filter(|(p, _)| !p.ends_with(".lock"))
        .collect();
    assert_eq!(now, was);
}

fn report(home: &Path, dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["report", dir.to_str().expect("path")];
    all.extend(args);
    ok(&run_kondens(home, &all))
}

#[test]
fn report_formats_agree_and_refuse_what_they_cannot_do() {
    let (tmp, dir) = demo_project();
    let table = report(tmp.path(), &dir, &[]);
    assert!(table.starts_with("Code × focus group, everyone's meaning units (demo)"));
    let json: serde_json::Value = serde_json::from_str(&report(
        tmp.path(),
        &dir,
        &["--format", "json", "--by", "role"],
    ))
    .expect("JSON");
    assert_eq!(json["by"], "role");
    assert_eq!(
        json["columns"],
        serde_json::json!(["moderator", "participant"])
    );
    let bridge = &json["rows"][0];
    assert_eq!(bridge["name"], "Bridge builders");
    assert_eq!(bridge["cells"]["participant"]["units"], 6);
    assert_eq!(bridge["total"]["units"], 6);
    let csv = report(tmp.path(), &dir, &["--format", "csv", "--by", "transcript"]);
    assert!(csv.starts_with("code_id,path,code,level,focus-group-professionals: units,"));
    let co = report(tmp.path(), &dir, &["--cooccurrence", "--format", "json"]);
    let co: serde_json::Value = serde_json::from_str(&co).expect("JSON");
    assert_eq!(co["by"], "cooccurrence");
    let cov = report(tmp.path(), &dir, &["--coverage"]);
    assert!(cov.contains("fokusgruppe-ledere                     ███·················   16.4 %  (762 of 4633 characters)"), "{cov}");
    let md = report(
        tmp.path(),
        &dir,
        &["--format", "markdown", "--coder", "demo"],
    );
    assert!(
        md.starts_with("### Code × focus group, demo's meaning units"),
        "{md}"
    );
    // --out writes the file, never into the project.
    let out = tmp.path().join("r.csv");
    report(
        tmp.path(),
        &dir,
        &["--format", "csv", "--out", out.to_str().expect("path")],
    );
    assert!(
        std::fs::read_to_string(&out)
            .expect("written")
            .starts_with("code_id,")
    );
    let d = dir.to_str().expect("path");
    let inside = dir.join("r.csv");
    let e = err(&run_kondens(
        tmp.path(),
        &["report", d, "--out", inside.to_str().expect("path")],
    ));
    assert!(e.contains("inside the project folder"), "{e}");
    let e = err(&run_kondens(tmp.path(), &["report", d, "--by", "colour"]));
    assert!(
        e.contains("focus-group, group, role, participant, transcript"),
        "{e}"
    );
    let e = err(&run_kondens(tmp.path(), &["report", d, "--format", "xlsx"]));
    assert!(e.contains("table, csv, json or markdown"), "{e}");
}

#[test]
fn a_subtitle_transcript_is_corrected_by_reading_the_corrected_source_again() {
    let home = tempfile::tempdir().expect("temp");
    let dir = home.path().join("p");
    let d = dir.to_str().expect("path");
    ok(&run_kondens(home.path(), &["new", d]));
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_transcripts/zoom-fokusgruppe-erfaringskonsulenter.vtt");
    let vtt = home.path().join("zoom.vtt");
    std::fs::copy(&source, &vtt).expect("copy");
    ok(&run_kondens(
        home.path(),
        &["import", d, vtt.to_str().expect("path")],
    ));
    // A unit on A's second turn.
    let mut s = kondens::session::Session::open(&dir, "anna").expect("opens");
    let (edit, code) = kondens::ops::new_code(s.project(), None, "Oppsøkende").expect("code");
    s.perform(edit).expect("done");
    let p = s.project();
    let t = &p.transcripts[0];
    let words = "Og så er jeg den som ringer";
    let at = t.text.find(words).expect("words");
    let span = at..at + words.len();
    let edit = kondens::ops::code_passage(p, "anna", t.id, span, code).expect("codes");
    s.perform(edit).expect("done");
    s.save().expect("saved");
    drop(s);
    let before = kondens::store::load(&dir).expect("loads");
    // The misheard word is fixed in the source, and the source read again.
    let fixed = std::fs::read_to_string(&source)
        .expect("read")
        .replace("oppsøkende team", "oppsøkende behandlingsteam");
    let fixed_path = home.path().join("zoom-rettet.vtt");
    std::fs::write(&fixed_path, fixed).expect("write");
    let out = ok(&run_kondens(
        home.path(),
        &["correct", d, "zoom", fixed_path.to_str().expect("path")],
    ));
    assert!(
        out.contains("anna: 0 unit(s) in place, 1 moved with their words"),
        "{out}"
    );
    let after = kondens::store::load(&dir).expect("loads");
    let u = &after.units_of("anna")[0];
    assert_eq!(after.quote(u), "Og så er jeg den som ringer");
    let (old, new) = (&before.transcripts[0], &after.transcripts[0]);
    assert_eq!(old.turns.len(), new.turns.len());
    assert_eq!(
        old.turns.iter().map(|t| t.start_ms).collect::<Vec<_>>(),
        new.turns.iter().map(|t| t.start_ms).collect::<Vec<_>>(),
        "the cue times are kept"
    );
    assert_eq!((&new.name, &new.format), (&old.name, &old.format));
}

/// Issue 10, item 7: the export's turns say where they are in characters, like the
/// units, so a unit's place among the turns can be recomputed outside kondens.
#[test]
fn exported_turns_carry_character_offsets_that_fit_the_units() {
    let (tmp, dir) = demo_project();
    let json = ok(&run_kondens(
        tmp.path(),
        &["export", dir.to_str().expect("path"), "--format", "json"],
    ));
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let transcripts = v["transcripts"].as_array().expect("transcripts");
    let mut checked = 0;
    for t in transcripts {
        let mut last_end = 0;
        for turn in t["turns"].as_array().expect("turns") {
            let (s, e) = (
                turn["start"].as_u64().expect("start"),
                turn["end"].as_u64().expect("end"),
            );
            let text = turn["text"].as_str().expect("text");
            assert_eq!((e - s) as usize, text.chars().count());
            assert!(s >= last_end, "in order, not overlapping");
            last_end = e;
        }
        // Every unit of this transcript starts inside one of its turns.
        for u in v["meaning_units"].as_array().expect("units") {
            if u["transcript"] != t["id"] {
                continue;
            }
            let start = u["start"].as_u64().expect("unit start");
            assert!(
                t["turns"].as_array().expect("turns").iter().any(|turn| {
                    turn["start"].as_u64() <= Some(start) && Some(start) < turn["end"].as_u64()
                }),
                "unit {} starts in a turn",
                u["id"]
            );
            checked += 1;
        }
    }
    assert!(checked > 0);
}
