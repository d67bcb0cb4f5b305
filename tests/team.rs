//! Working as a team on one project: comments and threads, live refresh, spot-checks,
//! comparing coders and their agreement. (Working through git is tests/git.rs.)

mod common;
#[path = "team/while_open.rs"]
mod while_open;

use common::{err, ok, run_kondens};
use kondens::ops;
use kondens::session::Session;
use std::path::Path;

/// Issue 10, item 6: `kondens agreement` on two people's coding of the demo.
#[test]
fn agreement_of_two_people_in_words_and_json() {
    let (tmp, dir) = common::demo_project();
    let home = tmp.path();
    {
        // Bo codes the same passages as the demo's coder in one transcript, one of them
        // with another code, and one passage nobody else coded.
        let mut s = Session::open(&dir, "bo").expect("opens");
        let p = s.project().clone();
        let t = p
            .transcripts
            .iter()
            .find(|t| t.name == "fokusgruppe-ledere")
            .expect("transcript");
        let theirs: Vec<_> = p
            .units_of("demo")
            .iter()
            .filter(|u| u.transcript == t.id)
            .collect();
        let other_code = p.codebook.roots[2].id;
        for (i, u) in theirs.iter().enumerate() {
            let code = if i == 0 { other_code } else { u.codes[0] };
            let e = ops::code_passage(&p, "bo", t.id, u.span(), code).expect("codes");
            s.perform(e).expect("done");
        }
        let e = ops::code_passage(s.project(), "bo", t.id, t.turns[1].span(), other_code)
            .expect("codes");
        s.perform(e).expect("done");
        s.save().expect("saved");
    }
    let d = dir.to_str().expect("path");
    let out = ok(&run_kondens(
        home,
        &["agreement", d, "--coders", "demo", "bo"],
    ));
    assert!(out.starts_with("Agreement of demo and bo, character by character, over 1 transcript(s): fokusgruppe-ledere"), "{out}");
    assert!(
        out.contains("Overall (the leaf codes pooled): agreement"),
        "{out}"
    );
    let json = ok(&run_kondens(
        home,
        &["agreement", d, "--coders", "demo", "bo", "--json"],
    ));
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["coders"], serde_json::json!(["demo", "bo"]));
    assert_eq!(v["level"], "character");
    assert!(v["characters"].as_u64().expect("count") > 1000);
    let alpha = v["overall"]["krippendorff_alpha"]
        .as_f64()
        .expect("defined");
    assert!(alpha > 0.0 && alpha < 1.0, "{alpha}");
    assert!(
        v["codes"]
            .as_array()
            .expect("codes")
            .iter()
            .all(|c| c["path"].is_string())
    );
    assert!(v["segments"]["a_matched"].as_u64().expect("matched") >= 1);
    let e = err(&run_kondens(
        home,
        &["agreement", d, "--coders", "demo", "nobody"],
    ));
    assert!(e.contains("nobody has no meaning units"), "{e}");
}

/// A peer comments, the coder answers and resolves: through the workbench, as two
/// people on one project, each writing only their own review file.
#[test]
fn people_comment_reply_and_resolve_in_their_own_files() {
    let (_tmp, dir) = common::demo_project();
    // The coder asks about one of their own units.
    let mut phd = common::app(&dir, "demo");
    common::press(&mut phd, "2 tab j C");
    common::type_text(&mut phd, "Is this bridge building?");
    common::press(&mut phd, "tab tab esc");
    phd.save_now();
    assert!(dir.join("reviews/demo.ron").exists());
    let unit = phd.coding.unit_sel.expect("a unit");
    drop(phd);

    // A peer co-researcher sees the thread in view 5 and answers, disagreeing.
    let mut peer = common::app(&dir, "peer");
    common::press(&mut peer, "5");
    let shown = common::screen(&mut peer, 120, 30);
    assert!(
        shown.contains("1 open of 1") && shown.contains("Is this bridge building?"),
        "{shown}"
    );
    // What the thread is about: whose unit and where, then the unit in its turn (with the
    // turn's speaker and the words around it), then the comments.
    let p = peer.session.project();
    let u = p.unit("demo", unit).expect("unit");
    let t = p.transcript(u.transcript).expect("transcript");
    let turn = &t.turns[t.turn_at(u.start)];
    assert!(
        shown.contains(&format!("demo's unit in {}", t.name)),
        "{shown}"
    );
    let speaker = turn.speaker.clone().expect("a speaker");
    let first_word = t.text[u.span()].split_whitespace().next().expect("words");
    assert!(
        shown.lines().any(|l| l.contains(&format!("││{speaker} "))),
        "the turn's first row, with its speaker: {shown}"
    );
    assert!(shown.contains(first_word), "{shown}");
    // Enter shows what the thread is about: demo's unit, in its transcript; Ctrl-o
    // comes back to the thread.
    common::press(&mut peer, "enter");
    assert_eq!(peer.view, kondens::tui::screens::View::Coding);
    let (said, _) = peer.message.clone().expect("a message");
    assert!(
        said.starts_with("demo's unit starts at the cursor"),
        "{said}"
    );
    let start = peer
        .session
        .project()
        .unit("demo", unit)
        .expect("unit")
        .start;
    assert_eq!(peer.coding.tv.cursor, start);
    common::press(&mut peer, "ctrl-o");
    assert_eq!(peer.view, kondens::tui::screens::View::Review);
    common::press(&mut peer, "r");
    common::type_text(&mut peer, "No: it is follow-up.");
    common::press(&mut peer, "tab tab tab esc");
    // Resolving is for the unit's coder (who also started it).
    common::press(&mut peer, "R");
    assert!(common::screen(&mut peer, 120, 30).contains("only demo"));
    peer.save_now();
    drop(peer);
    let p = kondens::store::load(&dir).unwrap();
    assert_eq!(p.reviews.len(), 2, "each person in their own file");
    let threads = p.threads();
    let t = &threads[0];
    assert_eq!(
        t.target,
        &kondens::model::Target::Unit {
            owner: "demo".into(),
            id: unit
        }
    );
    let said: Vec<(&str, &str, &str)> = t
        .comments
        .iter()
        .map(|(a, c)| (*a, c.stance.label(), c.text.as_str()))
        .collect();
    assert_eq!(
        said,
        [
            ("demo", "question", "Is this bridge building?"),
            ("peer", "disagree", "No: it is follow-up.")
        ]
    );

    // The coder resolves it; undo reopens it; it is all in the export.
    let mut phd = common::app(&dir, "demo");
    common::press(&mut phd, "5 R");
    assert!(phd.session.project().threads()[0].resolved);
    common::press(&mut phd, "u");
    assert!(!phd.session.project().threads()[0].resolved);
    common::press(&mut phd, "ctrl-r");
    phd.save_now();
    drop(phd);
    let p = kondens::store::load(&dir).unwrap();
    assert!(p.threads()[0].resolved, "resolved, on disk");
    let json = kondens::export::render(&p, kondens::export::ExportFormat::Json).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let thread = &doc["threads"][0];
    assert_eq!(thread["target_kind"], "unit");
    assert_eq!(thread["resolved"], true);
    assert_eq!(thread["comments"][1]["stance"], "disagree");
    assert_eq!(kondens::store::check(&dir), Vec::<String>::new());
}

/// `O` in the transcript: my units, everyone's (theirs underlined), each other person's.
#[test]
fn the_transcript_marks_mine_everyones_or_one_other_persons_units() {
    let (_tmp, dir) = common::demo_project();
    peer_codes_a_turn(&dir);
    let mut app = common::app(&dir, "demo");
    let underlined = |app: &mut kondens::tui::App| {
        let term = common::draw(app, 200, 50);
        let buf = term.backend().buffer();
        (0..buf.area.height)
            .flat_map(|y| (0..100).map(move |x| (x, y)))
            .filter(|&(x, y)| {
                buf[(x, y)]
                    .style()
                    .add_modifier
                    .contains(ratatui::style::Modifier::UNDERLINED)
            })
            .count()
    };
    common::press(&mut app, "2");
    assert_eq!(
        underlined(&mut app),
        0,
        "mine only: the peer's unit is not marked"
    );
    common::press(&mut app, "O");
    assert!(common::screen(&mut app, 200, 50).contains("marks: everyone's"));
    assert!(underlined(&mut app) > 20, "the peer's unit is underlined");
    common::press(&mut app, "O");
    assert!(common::screen(&mut app, 200, 50).contains("marks: peer's"));
    common::press(&mut app, "O");
    assert!(!common::screen(&mut app, 200, 50).contains("marks:"));
}

/// A supervisor draws a spot-check from the command line, works through it in view 5
/// and gets the report: the same seed draws the same units.
#[test]
fn a_supervisor_spot_checks_a_coders_units() {
    let (tmp, dir) = common::demo_project();
    let home = tmp.path();
    let d = dir.to_str().unwrap();
    let draw = |dir: &str| {
        let args = [
            "spotcheck",
            dir,
            "--of",
            "demo",
            "--sample",
            "4",
            "--seed",
            "7",
        ];
        ok(&run_kondens(
            home,
            &[&args[..], &["--by", "transcript", "--coder", "sup"]].concat(),
        ))
    };
    let said = draw(d);
    assert!(
        said.contains("Drew 4 of demo's units") && said.contains("seed 7"),
        "{said}"
    );
    // The units drawn, by their words (each demo project has ids of its own).
    let drawn = |dir: &Path| -> Vec<String> {
        let p = kondens::store::load(dir).unwrap();
        p.reviews["sup"].spotchecks[0]
            .sample
            .iter()
            .map(|id| p.quote(p.unit("demo", *id).unwrap()).to_string())
            .collect()
    };
    let first = drawn(&dir);
    // The same seed on a copy of the project draws the same units.
    let (_tmp2, other) = common::demo_project();
    draw(other.to_str().unwrap());
    assert_eq!(drawn(&other), first);
    assert_eq!(first.len(), 4);
    assert!(
        err(&run_kondens(
            home,
            &[
                "spotcheck",
                d,
                "--of",
                "nobody",
                "--sample",
                "3",
                "--coder",
                "sup"
            ]
        ))
        .contains("no meaning units")
    );

    // Worked through in view 5: agree, disagree (with why), unsure, agree.
    let mut app = common::app(&dir, "sup");
    common::press(&mut app, "5 S y n");
    common::type_text(&mut app, "This is about support, not bridging.");
    common::press(&mut app, "esc s y");
    app.save_now();
    drop(app);
    let out = ok(&run_kondens(home, &["spotcheck", d, "--report", "--json"]));
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    let r = &r[0];
    assert_eq!(
        (
            r["agreed"].as_u64(),
            r["disagreed"].as_u64(),
            r["unsure"].as_u64()
        ),
        (Some(2), Some(1), Some(1))
    );
    // statsmodels proportion_confint(2, 3, method="wilson") = (0.2076596, 0.9385081)
    let (lo, hi) = (
        r["ci95"][0].as_f64().unwrap(),
        r["ci95"][1].as_f64().unwrap(),
    );
    assert!(
        (lo - 0.2076596).abs() < 1e-6 && (hi - 0.9385081).abs() < 1e-6,
        "{lo} {hi}"
    );
    assert_eq!(
        r["disagreements"][0]["comments"][0],
        "sup: This is about support, not bridging."
    );
    let text = ok(&run_kondens(home, &["spotcheck", d, "--report"]));
    assert!(
        text.contains("sup checked demo's coding")
            && text.contains("67 % agreed (95 % CI 21–94 %)"),
        "{text}"
    );
    let json = ok(&run_kondens(home, &["export", d, "--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["spotchecks"][0]["units"].as_array().unwrap().len(), 4);
    assert_eq!(doc["spotchecks"][0]["units"][1]["verdict"], "disagree");
}

/// View 6: where my coding and a peer's differ, and adopting theirs (undoable).
#[test]
fn two_codings_are_compared_and_one_passage_adopted() {
    let (_tmp, dir) = common::demo_project();
    let mut s = Session::open(&dir, "peer").unwrap();
    let p = s.project();
    // The peer codes the first unit's passage of demo's with another code.
    let u = p.units_of("demo")[0].clone();
    let other = p
        .codebook
        .flatten()
        .iter()
        .map(|f| f.node.id)
        .find(|c| !u.codes.contains(c))
        .unwrap();
    let edit = ops::code_passage(p, "peer", u.transcript, u.span(), other).unwrap();
    s.perform(edit).unwrap();
    s.save().unwrap();
    drop(s);
    let mut app = common::app(&dir, "demo");
    common::press(&mut app, "6");
    let shown = common::screen(&mut app, 160, 40);
    assert!(
        shown.contains("demo and peer: 6 passages differ"),
        "{shown}"
    );
    assert!(shown.contains("different codes"), "{shown}");
    // The figures of the codes the selected passage is about, below the overall ones.
    let name = app
        .session
        .project()
        .codebook
        .get(other)
        .unwrap()
        .name
        .clone();
    assert!(shown.contains(&format!("· {name}: ")), "{shown}");
    assert!(
        shown.contains("agreement") && shown.contains("κ"),
        "{shown}"
    );
    let before = app.session.project().units_of("demo").len();
    let d = app.compare.diffs[app.compare.sel].clone();
    assert_eq!(d.kind, kondens::derived::compare::Kind::DifferentCodes);
    // Enter shows the passage in its transcript with everyone's units marked.
    common::press(&mut app, "enter");
    assert_eq!(app.view, kondens::tui::screens::View::Coding);
    assert_eq!(
        app.coding.marks,
        kondens::tui::screens::coding::Marks::Everyone
    );
    assert_eq!(app.coding.tv.cursor, d.span.start);
    common::press(&mut app, "ctrl-o");
    assert_eq!(app.view, kondens::tui::screens::View::Compare);
    common::press(&mut app, "A");
    let p = app.session.project();
    let mine: Vec<_> = p
        .units_of("demo")
        .iter()
        .filter(|x| x.span() == u.span())
        .collect();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].codes, vec![other], "the peer's code, now mine");
    assert_eq!(p.units_of("demo").len(), before);
    let shown = common::screen(&mut app, 160, 40);
    assert!(
        !app.compare.diffs.iter().any(|x| x.span == d.span),
        "no longer differs"
    );
    assert!(
        shown.contains("demo and peer: 5 passages differ"),
        "{shown}"
    );
    common::press(&mut app, "u");
    assert!(
        app.session.project().unit("demo", u.id).is_some(),
        "undo brings mine back"
    );
    // Adopting the others one by one, down to the last difference.
    for _ in 0..10 {
        if common::screen(&mut app, 160, 40).contains("demo and peer: 1 passage differs") {
            return;
        }
        common::press(&mut app, "A");
    }
    panic!("{}", common::screen(&mut app, 160, 40));
}

/// While another person holds the code tree, the picker promises no new code.
#[test]
fn a_read_only_tree_offers_no_new_code_in_the_picker() {
    let (_tmp, dir) = common::demo_project();
    let _first = common::app(&dir, "demo");
    let mut peer = common::app(&dir, "peer");
    common::press(&mut peer, "2 V a");
    common::type_text(&mut peer, "Zzz no such code");
    let shown = common::screen(&mut peer, 160, 40);
    assert!(shown.contains("read-only while demo has"), "{shown}");
    assert!(!shown.contains("Enter: new code"), "{shown}");
}

/// A peer reads the coder's condensates in view 3 (read only) and comments on one.
#[test]
fn a_peer_reads_anothers_analysis_read_only_and_comments_on_a_condensate() {
    let (_tmp, dir) = common::demo_project();
    let mut peer = common::app(&dir, "peer");
    common::press(&mut peer, "3");
    assert!(!common::screen(&mut peer, 160, 40).contains("viewing demo's"));
    common::press(&mut peer, "O j");
    let shown = common::screen(&mut peer, 160, 40);
    assert!(shown.contains("viewing demo's (read only)"), "{shown}");
    let row = peer.selected_row().expect("a subgroup");
    let condensate = peer
        .session
        .project()
        .analysis_of("demo")
        .subgroup(row.id)
        .map(|w| w.condensate.clone())
        .unwrap_or_default();
    assert!(!condensate.is_empty(), "the demo has a condensate here");
    // The counts are the coder's too, not the peer's (who has coded nothing).
    let root = peer.session.project().codebook.roots[0].id;
    assert!(
        peer.code_counts()
            .and_then(|c| c.get(&root))
            .is_some_and(|c| c.1 > 0)
    );
    let first_words: String = condensate.chars().take(20).collect();
    assert!(
        shown.contains(&first_words),
        "demo's condensate is shown: {shown}"
    );
    // Editing it is refused, and says how to comment instead.
    common::press(&mut peer, "e");
    assert!(peer.editor.is_none());
    assert!(common::screen(&mut peer, 160, 40).contains("demo's work, shown read only"));
    common::press(&mut peer, "C");
    common::type_text(&mut peer, "Could this be said more plainly?");
    common::press(&mut peer, "esc");
    peer.save_now();
    let t = &peer.session.project().threads()[0];
    assert_eq!(
        t.target,
        &kondens::model::Target::Condensate {
            owner: "demo".into(),
            subgroup: row.id
        }
    );
    // O again: back to one's own (empty) analysis.
    common::press(&mut peer, "O");
    assert!(!common::screen(&mut peer, 160, 40).contains("viewing demo's"));
}

/// `C` in view 2's units or code tree, before any move, comments on the row the list
/// shows selected (the first), as every other key there does; it used to say "Nothing
/// here to comment on".
#[test]
fn c_before_any_move_comments_on_the_first_unit_or_code() {
    let (_tmp, dir) = common::demo_project();
    let mut app = common::app(&dir, "demo");
    common::press(&mut app, "2 tab C");
    assert!(app.editor.is_some(), "{:?}", app.message);
    common::type_text(&mut app, "First unit?");
    common::press(&mut app, "esc tab C");
    assert!(app.editor.is_some(), "{:?}", app.message);
    common::type_text(&mut app, "First code?");
    common::press(&mut app, "esc");
    app.save_now();
    let p = kondens::store::load(&dir).unwrap();
    let first_unit = app.shown_unit_id(0).expect("a unit");
    let first_code = p.codebook.roots[0].id;
    let mut about: Vec<(String, kondens::model::Target)> = p
        .threads()
        .iter()
        .map(|t| (t.comments[0].1.text.clone(), t.target.clone()))
        .collect();
    about.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        about,
        [
            (
                "First code?".to_string(),
                kondens::model::Target::Code(first_code)
            ),
            (
                "First unit?".to_string(),
                kondens::model::Target::Unit {
                    owner: "demo".into(),
                    id: first_unit
                }
            ),
        ]
    );
}

/// Another person's analysis with nothing written yet reads as empty, not as the
/// prompts that tell its writer what to write ("e writes here", "n adds one").
#[test]
fn anothers_empty_analysis_reads_as_empty_not_as_prompts() {
    let (_tmp, dir) = common::demo_project();
    peer_codes_a_turn(&dir);
    let mut app = common::app(&dir, "demo");
    common::press(&mut app, "1 O");
    let shown = common::screen(&mut app, 160, 40);
    assert!(shown.contains("viewing peer's"), "{shown}");
    assert!(shown.contains("Nothing written here yet."), "{shown}");
    assert!(shown.contains("No themes yet."), "{shown}");
    assert!(!shown.contains("e writes here"), "{shown}");
    assert!(!shown.contains("n adds one"), "{shown}");
    common::press(&mut app, "4 j");
    let shown = common::screen(&mut app, 160, 40);
    assert!(shown.contains("No condensate yet."), "{shown}");
    assert!(shown.contains("No golden quote yet."), "{shown}");
    assert!(!shown.contains("write it in view 3"), "{shown}");
    assert!(!shown.contains("chooses it"), "{shown}");
}

/// View 5's `f`: all threads, those on my work, by me, then by each other person who
/// wrote in one, then all again.
#[test]
fn view_5_filters_threads_by_each_person() {
    let (_tmp, dir) = common::demo_project();
    let code =
        |s: &Session, i: usize| kondens::model::Target::Code(s.project().codebook.roots[i].id);
    for (who, i, text) in [("bo", 0, "Bo asks"), ("peer", 1, "Peer asks")] {
        let mut s = Session::open(&dir, who).unwrap();
        let target = code(&s, i);
        let e = ops::post_comment(
            s.project(),
            who,
            target,
            None,
            kondens::model::Stance::Question,
            text,
        )
        .unwrap();
        s.perform(e).unwrap();
        s.save().unwrap();
    }
    let mut app = common::app(&dir, "demo");
    common::press(&mut app, "5");
    let mut seen = Vec::new();
    for _ in 0..6 {
        let shown = common::screen(&mut app, 160, 30);
        let title = shown.lines().nth(1).unwrap_or_default();
        let label = title
            .split("Threads: ")
            .nth(1)
            .and_then(|t| t.split(" · ").next())
            .unwrap_or_default()
            .to_string();
        let mut threads: Vec<String> = app
            .review_threads()
            .iter()
            .map(|t| t.comments[0].1.text.clone())
            .collect();
        threads.sort();
        seen.push((label, threads));
        common::press(&mut app, "f");
    }
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        seen,
        [
            ("all threads".to_string(), s(&["Bo asks", "Peer asks"])),
            ("on my work".to_string(), s(&[])),
            ("by me".to_string(), s(&[])),
            ("by bo".to_string(), s(&["Bo asks"])),
            ("by peer".to_string(), s(&["Peer asks"])),
            ("all threads".to_string(), s(&["Bo asks", "Peer asks"])),
        ]
    );
}

/// "peer" codes the first participant's turn of the first transcript with the first
/// code, and saves.
pub(crate) fn peer_codes_a_turn(dir: &Path) {
    let mut peer = Session::open(dir, "peer").unwrap();
    let p = peer.project();
    let t = &p.transcripts[0];
    let turn = t.turns.iter().find(|u| u.speaker.is_some()).unwrap().span();
    let edit = ops::code_passage(p, "peer", t.id, turn, p.codebook.roots[0].id).unwrap();
    peer.perform(edit).unwrap();
    peer.save().unwrap();
}

/// Each view's help lists its own panes' keys, and no other view's: views 5 to 7 used to
/// show the keys of views 3 and 4 as well.
#[test]
fn each_views_help_tells_its_own_keys() {
    let (_tmp, dir) = common::demo_project();
    let mut app = common::app(&dir, "demo");
    let help = |app: &kondens::tui::App| -> String {
        kondens::tui::overlays::help_lines(app)
            .iter()
            .map(|l| l.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    for (key, own, not) in [
        ("5", "Review: comment threads", "Code groups and subgroups"),
        (
            "6",
            "Compare: where two people's coding differs",
            "Code groups and subgroups",
        ),
        (
            "7",
            "Reports: the meaning units behind a cell",
            "Preliminary themes",
        ),
        ("3", "Code groups and subgroups", "Reports: the table"),
        (
            "4",
            "Result heading and validation",
            "Review: comment threads",
        ),
        (
            "1",
            "Preliminary themes",
            "Meaning units lifted out of context",
        ),
    ] {
        common::press(&mut app, key);
        let shown = help(&app);
        assert!(shown.contains(own), "view {key}: {shown}");
        assert!(!shown.contains(not), "view {key}: {shown}");
        assert!(shown.contains("Everywhere"), "view {key}: {shown}");
    }
}
