//! While the project is open: what other people do shows within a second — their
//! comments, units, codes, transcripts someone imports — a file of theirs that cannot
//! be read is said, and my own files changed under the workbench are not written over.

use super::{common, peer_codes_a_turn};
use kondens::ops;
use kondens::session::Session;
use std::path::Path;

/// What another person comments while the project is open shows without reopening.
#[test]
fn another_persons_comment_shows_while_the_project_is_open() {
    let (_tmp, dir) = common::demo_project();
    let mut phd = common::app(&dir, "demo");
    assert!(!phd.session.refresh_others(), "nothing new yet");
    let mut peer = Session::open(&dir, "peer").unwrap();
    let code = peer.project().codebook.roots[0].id;
    let e = ops::post_comment(
        peer.project(),
        "peer",
        kondens::model::Target::Code(code),
        None,
        kondens::model::Stance::Question,
        "Should these two merge?",
    )
    .unwrap();
    peer.perform(e).unwrap();
    peer.save().unwrap();
    assert!(phd.session.refresh_others(), "the peer's file changed");
    common::press(&mut phd, "5");
    let shown = common::screen(&mut phd, 120, 30);
    assert!(shown.contains("Should these two merge?"), "{shown}");
    assert!(!phd.session.refresh_others(), "read once");
    // In view 2 the code carries the mark.
    common::press(&mut phd, "2");
    assert!(common::screen(&mut phd, 120, 30).contains("✉1"));
}

/// What another person codes, and the code tree its writer changes, show without
/// reopening the project.
#[test]
fn anothers_units_and_the_tree_show_while_the_project_is_open() {
    let (_tmp, dir) = common::demo_project();
    let mut demo = Session::open(&dir, "demo").unwrap(); // the tree's writer
    let mut peer = common::app(&dir, "peer");
    assert!(!peer.session.refresh_others(), "nothing new yet");
    // demo makes a code and codes with it.
    let (edit, code) = ops::new_code(demo.project(), None, "Hope").unwrap();
    demo.perform(edit).unwrap();
    let t = demo.project().transcripts[0].clone();
    let span = t.turns.iter().find(|u| u.speaker.is_some()).unwrap().span();
    let edit = ops::code_passage(demo.project(), "demo", t.id, span, code).unwrap();
    demo.perform(edit).unwrap();
    demo.save().unwrap();
    assert!(peer.session.refresh_others());
    let p = peer.session.project();
    assert!(
        p.codebook.get(code).is_some(),
        "the new code is in the peer's tree"
    );
    assert!(p.units_of("demo").iter().any(|u| u.codes.contains(&code)));
    assert!(!peer.session.refresh_others(), "read once");
    common::press(&mut peer, "2");
    assert!(common::screen(&mut peer, 160, 40).contains("Hope"));
}

/// A transcript someone imports while the project is open (on a shared server) shows
/// within a moment, with the units another coder made in it; the transcript on screen
/// stays on screen, where it was, even when the new one sorts before it.
#[test]
fn a_transcript_imported_while_the_project_is_open_shows_and_the_shown_one_stays() {
    let (_tmp, dir) = common::demo_project();
    let mut app = common::app(&dir, "demo");
    common::press(&mut app, "2 ] j j j");
    let shown = app.session.project().transcripts[1].name.clone();
    let before = common::screen(&mut app, 120, 30);
    assert!(before.contains(&format!("{shown} (2/4)")), "{before}");
    let turn = |screen: &str| {
        let at = screen
            .find(" · turn ")
            .expect("the status line shows the turn");
        screen[at..]
            .split_whitespace()
            .nth(2)
            .unwrap_or("")
            .to_string()
    };
    let turn_before = turn(&before);

    // The PI imports a fifth group dated before the others (as one pulled from git may
    // be), and a peer codes in it.
    let mut project = kondens::store::load(&dir).unwrap();
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_transcripts/teams-peer-workers.docx");
    let mut read =
        kondens::import::read_files(&project, &[file.as_path()], &Default::default()).unwrap();
    read[0].0.name = "group-five".into();
    read[0].0.imported = "2000-01-01T00:00:00Z".into();
    let new: Vec<_> = read.into_iter().map(|(t, _)| t).collect();
    kondens::store::add_transcripts(&dir, &mut project, new).unwrap();
    let mut peer = Session::open(&dir, "peer").unwrap();
    let t = peer.project().transcripts[0].clone();
    assert_eq!(t.name, "group-five");
    let span = t.turns.iter().find(|u| u.speaker.is_some()).unwrap().span();
    let code = peer.project().codebook.roots[0].id;
    let edit = ops::code_passage(peer.project(), "peer", t.id, span, code).unwrap();
    peer.perform(edit).unwrap();
    peer.save().unwrap();
    drop(peer);

    assert!(
        app.refresh_others(),
        "the new transcript and the peer's unit are read"
    );
    assert!(!app.refresh_others(), "read once");
    let after = common::screen(&mut app, 120, 30);
    assert!(after.contains(&format!("{shown} (3/5)")), "{after}");
    assert_eq!(turn(&after), turn_before, "the cursor stays where it was");
    common::press(&mut app, "[ [");
    let first = common::screen(&mut app, 120, 30);
    assert!(first.contains("group-five (1/5)"), "{first}");
    // In view 7 the new group is a column, with the peer's unit in it.
    common::press(&mut app, "7 O");
    let report = common::screen(&mut app, 160, 30);
    let row: Vec<&str> = report
        .lines()
        .find(|l| l.starts_with("│Bridge builders"))
        .expect("the group's row")
        .split_whitespace()
        .filter(|w| w.parse::<u32>().is_ok())
        .collect();
    assert!(report.contains("group-five focus-group-pr…"), "{report}");
    assert_eq!(row.first(), Some(&"1"), "the peer's unit counts: {report}");
    // And what is in memory is what a fresh load reads.
    assert_eq!(
        app.session.project().transcripts,
        kondens::store::load(&dir).unwrap().transcripts
    );
}

/// When a pull in another terminal changes my own files under the open workbench, the
/// status line says so and what to do, and nothing more is changed or saved here.
#[test]
fn the_workbench_says_so_when_my_own_files_change_under_it() {
    let (_tmp, dir) = common::demo_project();
    let mut app = common::app(&dir, "demo");
    assert!(!app.refresh_others());
    let file = dir.join("units/demo.ron");
    let text = std::fs::read(&file).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&file, text).unwrap();
    assert!(app.refresh_others());
    let shown = common::screen(&mut app, 200, 30);
    assert!(
        shown.contains("✗ not saving │ Quit (q) and open the project again: units/demo.ron changed on disk while it was open here"),
        "{shown}"
    );
    // Coding a turn is refused with the same words.
    let units = app.session.project().units_of("demo").len();
    common::press(&mut app, "2 j j j j j j V a");
    let shown = common::screen(&mut app, 200, 30);
    assert!(
        !shown.contains("changed on disk"),
        "the picker is open: {shown}"
    );
    common::press(&mut app, "enter");
    let shown = common::screen(&mut app, 200, 30);
    assert!(
        shown.contains("Nothing more is saved or changed"),
        "{shown}"
    );
    assert_eq!(app.session.project().units_of("demo").len(), units);
    assert!(!app.session.is_dirty());
}

/// Someone else's file that cannot be read while the project is open (damaged, or a
/// conflict a pull left) is said with its file and line, what was read before stays,
/// and once it is mended it is read in.
#[test]
fn anothers_file_that_cannot_be_read_while_open_is_said_and_read_once_mended() {
    let (_tmp, dir) = common::demo_project();
    peer_codes_a_turn(&dir);
    let mut app = common::app(&dir, "demo");
    assert_eq!(app.session.project().units_of("peer").len(), 1);
    let file = dir.join("units/peer.ron");
    let good = std::fs::read_to_string(&file).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&file, good.replace("codes: [", "codes: [[")).unwrap();
    assert!(app.refresh_others(), "the problem is news");
    let shown = common::screen(&mut app, 200, 30);
    assert!(
        shown.contains("Others' work kept as it was until this is mended: units/peer.ron:"),
        "{shown}"
    );
    assert_eq!(app.session.project().units_of("peer").len(), 1, "kept");
    assert!(!app.refresh_others(), "said once");
    assert_eq!(app.session.unreadable().len(), 1);
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&file, &good).unwrap();
    assert!(app.refresh_others(), "mended");
    assert!(app.session.unreadable().is_empty());
    assert_eq!(app.session.project().units_of("peer").len(), 1);
    // A unit outside its transcript's text is checked as loading checks it.
    let end = app.session.project().units_of("peer")[0].end;
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(
        &file,
        good.replace(&format!("end: {end},"), "end: 99999999,"),
    )
    .unwrap();
    assert!(app.refresh_others());
    let said = app.session.unreadable();
    assert!(said[0].contains("does not fit transcript"), "{said:?}");
    assert_eq!(app.session.project().units_of("peer")[0].end, end, "kept");
}
