//! Participants: one per speaker label until the researcher says more. Edited and
//! merged in the workbench (by keys) and from the command line (the real binary).

mod common;

use common::*;
use std::path::Path;
use std::process::Output;

fn kondens(home: &Path, args: &[&str]) -> Output {
    common::run_kondens(home, args)
}

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn rename_set_attributes_merge_and_undo_in_the_workbench() {
    let (_tmp, dir) = demo_project();
    let mut app = app(&dir, "demo");
    draw(&mut app, 120, 40);
    let before = app.session.project().all_participants();
    // The professionals' group comes first: Moderator, P1, P2 …
    assert_eq!(before[1].name, "P1");
    assert_eq!(before[0].role, "moderator");
    press(&mut app, "P j r");
    for _ in 0..2 {
        press(&mut app, "backspace");
    }
    type_text(&mut app, "Leader Anne");
    // The demo has put P1 in the professionals' group: that value is in the prompt.
    press(&mut app, "enter s");
    for _ in 0.."professionals".len() {
        press(&mut app, "backspace");
    }
    type_text(&mut app, "managers");
    press(&mut app, "enter t");
    type_text(&mut app, "service=housing");
    press(&mut app, "enter");
    let anne = app.session.project().all_participants()[1].clone();
    assert_eq!(
        (
            anne.name.as_str(),
            anne.group.as_str(),
            anne.attributes["service"].as_str()
        ),
        ("Leader Anne", "managers", "housing")
    );
    // Merge P2 into her: mark P2 (m), back to Anne, m again.
    press(&mut app, "j m k m");
    let after = app.session.project().all_participants();
    assert_eq!(after.len(), before.len() - 1);
    assert_eq!(after[1].labels.len(), 2);
    let t = app.session.project().transcripts[0].id;
    assert_eq!(
        app.session
            .project()
            .participant_for(t, "P2")
            .map(|p| p.name),
        Some("Leader Anne".to_string())
    );
    // The list is still open; u undoes the merge there.
    press(&mut app, "u");
    assert_eq!(app.session.project().all_participants().len(), before.len());
    press(&mut app, "ctrl-r esc");
    app.save_now();
    let back = kondens::store::load(&dir).unwrap();
    assert_eq!(
        back.all_participants(),
        app.session.project().all_participants()
    );
    // Quotes in the export name the person, once, however many labels.
    let doc = kondens::export::build(&back);
    assert!(
        doc.participants
            .iter()
            .any(|p| p.name == "Leader Anne" && p.labels.len() == 2)
    );
}

#[test]
fn participants_from_the_command_line() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("demo");
    kondens::demo::create(&dir).unwrap();
    let d = dir.to_str().unwrap();
    let list = stdout(&kondens(home.path(), &["participants", d]));
    assert!(
        list.contains("L1  [participant]  group: managers  focus group: fokusgruppe-ledere"),
        "{list}"
    );
    let set = stdout(&kondens(
        home.path(),
        &[
            "participants",
            d,
            "set",
            "fokusgruppe-ledere:L1",
            "--name",
            "Leader Anne",
            "--group",
            "managers",
            "--attr",
            "region=north",
        ],
    ));
    assert!(
        set.contains("Leader Anne: group set to \"managers\""),
        "{set}"
    );
    stdout(&kondens(
        home.path(),
        &[
            "participants",
            d,
            "merge",
            "Leader Anne",
            "fokusgruppe-ledere:L2",
        ],
    ));
    let json = stdout(&kondens(home.path(), &["participants", d, "--json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let anne = v
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Leader Anne")
        .unwrap();
    assert_eq!(anne["labels"].as_array().unwrap().len(), 2);
    assert_eq!(anne["attributes"]["region"], "north");

    // Ambiguous and unknown names are explained; nothing changes.
    let people = |dir: &Path| -> Vec<(String, Vec<u8>)> {
        let mut s = common::snapshot(dir);
        s.retain(|(p, _)| p.contains("/participants/"));
        s.sort();
        s
    };
    let file = people(&dir);
    assert!(!file.is_empty());
    let o = kondens(
        home.path(),
        &["participants", d, "set", "Moderator", "--role", "x"],
    );
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("could be 2 participants"));
    let o = kondens(
        home.path(),
        &["participants", d, "set", "Nobody", "--role", "x"],
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("no participant \"Nobody\""));
    assert_eq!(people(&dir), file);

    // While a workbench holds the project's shared files, the command line says so.
    let _held = kondens::store::lock_codebook(&dir, "ingrid").unwrap();
    assert_eq!(_held.holder(), None);
    let o = kondens(
        home.path(),
        &["participants", d, "set", "Leader Anne", "--role", "x"],
    );
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(e.contains("ingrid's workbench has the project open"), "{e}");
    assert_eq!(people(&dir), file);
}
