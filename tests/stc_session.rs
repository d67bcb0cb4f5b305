//! The whole STC loop as a new coder does it, by keys: preconceptions and themes (view
//! 1), code groups and subgroups, coding, condensates and golden quotes (view 3),
//! analytic texts, result heading and validation (view 4); then reopened from disk and
//! exported.

mod common;

use common::*;
use kondens::export::{self, Export, ExportFormat};
use kondens::model::TextField;
use kondens::tui::App;

/// A fresh project holding the English sample, and a workbench on it as `ana`.
fn fresh() -> (tempfile::TempDir, std::path::PathBuf, App) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    kondens::store::create(&dir, "Peer work", "How do professionals see peer workers?").unwrap();
    let sample = tmp.path().join("focus-group-professionals.txt");
    std::fs::write(&sample, kondens::demo::SAMPLES[1].1).unwrap();
    import(&dir, &sample);
    let mut app = app(&dir, "ana");
    draw(&mut app, 120, 40);
    (tmp, dir, app)
}

fn text(app: &App, field: TextField) -> String {
    app.session
        .project()
        .analysis_of("ana")
        .text(field)
        .to_string()
}

/// Codes the next speaker turn with the code whose name is typed in the picker.
fn code_next_turn(app: &mut App, code: &str) {
    press(app, "} V a");
    type_text(app, code);
    press(app, "enter");
}

#[test]
fn the_whole_loop_by_keys_reopened_and_exported() {
    let (_tmp, dir, mut app) = fresh();

    // View 1: preconceptions, locked, then an addendum; the total impression; themes.
    press(&mut app, "1 e");
    type_text(&mut app, "I expect peer workers to be bridge builders.");
    press(&mut app, "esc L y e");
    type_text(&mut app, "Less conflict than I expected.");
    press(&mut app, "esc");
    let pre = &app.session.project().analysis_of("ana").preconceptions;
    assert_eq!(pre.text, "I expect peer workers to be bridge builders.");
    assert!(pre.locked.is_some());
    assert_eq!(pre.addenda.len(), 1);
    assert_eq!(pre.addenda[0].text, "Less conflict than I expected.");
    press(&mut app, "tab e");
    type_text(&mut app, "Warm words, unclear roles.");
    press(&mut app, "esc tab n");
    type_text(&mut app, "Bridge building");
    press(&mut app, "enter e");
    type_text(&mut app, "Reaching those nobody reaches.");
    press(&mut app, "esc n");
    type_text(&mut app, "Role without a frame");
    press(&mut app, "enter k c j c");
    let a = app.session.project().analysis_of("ana");
    assert_eq!(a.total_impression, "Warm words, unclear roles.");
    assert_eq!(a.themes.len(), 2);
    assert_eq!(a.themes[0].note, "Reaching those nobody reaches.");
    let groups: Vec<String> = app
        .session
        .project()
        .codebook
        .roots
        .iter()
        .map(|n| n.name.clone())
        .collect();
    assert_eq!(groups, ["Bridge building", "Role without a frame"]);
    assert_eq!(
        a.themes[0].code_group,
        Some(app.session.project().codebook.roots[0].id)
    );

    // View 3: two subgroups under each code group, made from the group list.
    press(&mut app, "3 g n");
    type_text(&mut app, "Opening doors");
    press(&mut app, "enter n");
    type_text(&mut app, "Speaking up");
    press(&mut app, "enter G n");
    type_text(&mut app, "No job description");
    press(&mut app, "enter n");
    type_text(&mut app, "Boundaries");
    press(&mut app, "enter");
    let cb = &app.session.project().codebook;
    assert_eq!(cb.roots[0].children.len(), 2);
    assert_eq!(cb.roots[1].children[1].name, "Boundaries");

    // View 2: code eight turns, two per subgroup.
    press(&mut app, "2");
    for code in [
        "Opening doors",
        "Speaking up",
        "No job description",
        "Boundaries",
    ]
    .iter()
    .cycle()
    .take(8)
    {
        code_next_turn(&mut app, code);
    }
    assert_eq!(app.session.project().units_of("ana").len(), 8);

    // View 3: golden quote and condensate for each subgroup; recontextualise and back.
    press(&mut app, "3 g");
    for sub in 0..4 {
        press(&mut app, "j");
        if sub == 2 {
            press(&mut app, "j"); // over the second code group's row
        }
        press(&mut app, "tab j *");
        // Enter shows the unit in its transcript; Ctrl-o comes back to the same place.
        press(&mut app, "enter");
        assert_eq!(app.view, kondens::tui::screens::View::Coding);
        press(&mut app, "ctrl-o");
        assert_eq!(app.view, kondens::tui::screens::View::Condensation);
        press(&mut app, "tab e");
        type_text(&mut app, &format!("I said thing {sub}."));
        press(&mut app, "esc backtab backtab");
    }
    let subgroups: Vec<_> = app
        .session
        .project()
        .codebook
        .roots
        .iter()
        .flat_map(|g| g.children.iter().map(|s| s.id))
        .collect();
    for (i, s) in subgroups.iter().enumerate() {
        let work = app
            .session
            .project()
            .analysis_of("ana")
            .subgroup(*s)
            .cloned()
            .unwrap();
        assert_eq!(work.condensate, format!("I said thing {i}."));
        let golden = work.golden_quote.expect("a golden quote");
        // The second of the subgroup's own units.
        let own = kondens::derived::stc::units_under(app.session.project(), "ana", *s);
        assert_eq!(own[1].id, golden);
    }

    // View 4: analytic texts, result heading, validation.
    press(&mut app, "4 g j e");
    type_text(
        &mut app,
        "Most participants described coffee without an agenda.",
    );
    press(&mut app, "esc k tab tab e");
    type_text(&mut app, "Peer workers opened doors");
    press(&mut app, "enter j e");
    type_text(&mut app, "Re-read the transcript; holds.");
    press(&mut app, "esc j <space>");
    press(&mut app, "backtab j x");
    let first = app.session.project().codebook.roots[0].id;
    let work = app
        .session
        .project()
        .analysis_of("ana")
        .group(first)
        .cloned()
        .unwrap();
    assert_eq!(work.result_heading, "Peer workers opened doors");
    assert_eq!(work.validation.note, "Re-read the transcript; holds.");
    assert_eq!(
        work.validation.reread,
        [app.session.project().transcripts[0].id]
    );
    assert_eq!(work.validation.contradicting.len(), 1);
    assert!(work.validation.date.is_some());

    // Quit: everything is on disk and reads back the same.
    press(&mut app, "q");
    assert!(app.quit);
    app.save_now();
    let reopened = kondens::store::load(&dir).unwrap();
    assert_eq!(reopened.analyses, app.session.project().analyses);
    assert_eq!(reopened.codebook, app.session.project().codebook);

    // The export: STC order, verbatim located quotes; RON parses back; a second export
    // is byte-identical; the Markdown reads as a results section.
    let ron_text = export::render(&reopened, ExportFormat::Ron).unwrap();
    let parsed: Export = ron::from_str(&ron_text).unwrap();
    assert_eq!(parsed, export::build(&reopened));
    assert_eq!(
        ron_text,
        export::render(&reopened, ExportFormat::Ron).unwrap()
    );
    let names: Vec<Vec<&str>> = parsed
        .condensation
        .iter()
        .map(|g| g.subgroups.iter().map(|s| s.name.as_str()).collect())
        .collect();
    assert_eq!(
        names,
        [
            vec!["Opening doors", "Speaking up"],
            vec!["No job description", "Boundaries"]
        ]
    );
    let t = &reopened.transcripts[0];
    for g in &parsed.condensation {
        for s in &g.subgroups {
            let q = s.golden_quote.as_ref().expect("golden quote exported");
            assert!(t.text.contains(q.text.as_ref()), "verbatim: {q:?}");
            assert_eq!(q.transcript, t.name);
            assert!(!q.speakers.is_empty(), "attributed: {q:?}");
            assert!(s.meaning_units.iter().any(|u| u.unit == q.unit));
        }
    }
    assert_eq!(
        parsed.condensation[0].result_heading,
        "Peer workers opened doors"
    );
    let kinds: Vec<&str> = parsed.memos.iter().map(|m| m.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "preconceptions",
            "addendum",
            "total_impression",
            "theme",
            "theme"
        ]
    );
    let md = export::render(&reopened, ExportFormat::Markdown).unwrap();
    assert!(
        md.contains("| Peer workers opened doors | Opening doors; Speaking up |"),
        "{md}"
    );
    assert!(md.contains("### Peer workers opened doors\n"), "{md}");
    assert!(md.contains("Most participants described coffee without an agenda.\n\n> «"));
}

#[test]
fn one_editing_visit_is_one_undo_step_and_is_saved_while_typing() {
    let (_tmp, dir, mut app) = fresh();
    press(&mut app, "1 e");
    type_text(&mut app, "First");
    // Still in the editor: the text is in the project and waiting to be saved.
    assert!(app.editor.is_some());
    assert_eq!(text(&app, TextField::Preconceptions), "First");
    assert!(app.has_pending());
    app.save_now();
    let on_disk = kondens::store::load(&dir).unwrap();
    assert_eq!(on_disk.analysis_of("ana").preconceptions.text, "First");
    press(&mut app, "esc e");
    type_text(&mut app, " and second");
    press(&mut app, "esc");
    assert_eq!(text(&app, TextField::Preconceptions), "First and second");
    press(&mut app, "u");
    assert_eq!(text(&app, TextField::Preconceptions), "First");
    press(&mut app, "u");
    assert_eq!(text(&app, TextField::Preconceptions), "");
    press(&mut app, "ctrl-r ctrl-r");
    assert_eq!(text(&app, TextField::Preconceptions), "First and second");
    // A visit that changes nothing is no step.
    press(&mut app, "e esc u");
    assert_eq!(text(&app, TextField::Preconceptions), "First");
}

#[test]
fn golden_quotes_come_from_the_subgroup_and_guidance_is_soft() {
    let (_tmp, _dir, mut app) = fresh();
    press(&mut app, "3 n");
    type_text(&mut app, "Group");
    press(&mut app, "enter n");
    type_text(&mut app, "Sub A");
    press(&mut app, "enter n");
    type_text(&mut app, "Sub B");
    press(&mut app, "enter 2");
    code_next_turn(&mut app, "Sub A");
    code_next_turn(&mut app, "Sub B");
    code_next_turn(&mut app, "Group");
    let unit_b = app.session.project().units_of("ana")[1].id;
    let sub_a = app.session.project().codebook.roots[0].children[0].id;
    // The core refuses a golden quote from another subgroup.
    let refused = kondens::ops::toggle_golden_quote(app.session.project(), "ana", sub_a, unit_b);
    assert!(refused.unwrap_err().to_string().contains("Sub A"));
    // The group row lists the one unit in no subgroup; * there explains itself.
    press(&mut app, "3 g");
    assert_eq!(app.lifted_units().len(), 1);
    press(&mut app, "tab *");
    let shown = screen(&mut app, 120, 40);
    assert!(
        shown.contains("A golden quote belongs to a subgroup"),
        "{shown}"
    );
    // A condensate with no first-person pronoun gets a note, and is kept.
    press(&mut app, "backtab j e");
    type_text(&mut app, "The peer worker helped.");
    press(&mut app, "esc");
    let shown = screen(&mut app, 120, 40);
    assert!(shown.contains("No first-person pronoun"), "{shown}");
    assert_eq!(
        text(&app, TextField::Condensate(sub_a)),
        "The peer worker helped."
    );
    // Two subgroups: no note on their number; with one more unit each, no "no
    // condensate" note for Sub A, one for Sub B.
    assert!(!shown.contains("subgroups: STC studies"));
    press(&mut app, "j");
    let shown = screen(&mut app, 120, 40);
    assert!(
        shown.contains("1 meaning unit but no condensate yet"),
        "{shown}"
    );
}

mod random_keys {
    use super::*;
    use proptest::prelude::*;

    const KEYS: &[&str] = &[
        "1", "2", "3", "4", "tab", "backtab", "j", "k", "g", "G", "e", "esc", "*", "x", "<space>",
        "enter", "ctrl-o", "n", "r", "d", "c", "J", "K", "L", "u", "ctrl-r", "a", "}", "V",
        "ctrl-d",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        /// Whatever is pressed in whatever view at whatever size: no panic, golden quotes
        /// stay the subgroup's own units, and what is saved reads back as it was.
        #[test]
        fn any_keys_in_any_view_keep_the_analysis_sound(
            keys in proptest::collection::vec(0..KEYS.len(), 1..150),
            w in 20u16..160,
            h in 6u16..50,
        ) {
            let (_tmp, dir) = demo_project();
            let mut app = app(&dir, "demo");
            draw(&mut app, w, h);
            for k in keys {
                press(&mut app, KEYS[k]);
                draw(&mut app, w, h);
            }
            // A golden quote that has left its subgroup (uncoded, deleted) is kept in the
            // file but never exported as one.
            for g in export::build(app.session.project()).condensation {
                for sub in g.subgroups {
                    if let Some(q) = sub.golden_quote {
                        prop_assert!(sub.meaning_units.contains(&q), "{q:?} of {}", sub.name);
                    }
                }
            }
            app.leave_editor();
            app.save_now();
            prop_assert!(app.save_error.is_none());
            let back = kondens::store::load(&dir).unwrap();
            prop_assert_eq!(&back.analyses, &app.session.project().analyses);
            prop_assert_eq!(&back.codebook, &app.session.project().codebook);
        }
    }
}

#[test]
fn long_texts_scroll_in_their_pane() {
    let (_tmp, _dir, mut app) = fresh();
    press(&mut app, "1 e");
    for i in 1..=40 {
        type_text(&mut app, &format!("Line {i} of what I expect."));
        press(&mut app, "enter");
    }
    press(&mut app, "esc g");
    let top = screen(&mut app, 100, 30);
    assert!(
        top.contains("Line 1 of") && !top.contains("Line 30 of"),
        "{top}"
    );
    press(&mut app, "G");
    let bottom = screen(&mut app, 100, 30);
    assert!(
        bottom.contains("Line 40 of") && !bottom.contains("Line 1 of"),
        "{bottom}"
    );
    press(&mut app, "k k g");
    assert!(screen(&mut app, 100, 30).contains("Line 1 of"));
}

#[test]
fn the_validation_form_keeps_the_chosen_transcript_in_sight() {
    let (_tmp, dir) = demo_project();
    let mut app = app(&dir, "demo");
    // A short terminal: the form cannot show all four transcripts at once.
    press(&mut app, "4 tab tab G");
    let shown = screen(&mut app, 90, 14);
    assert!(shown.contains("[ ] zoom-fokusgruppe"), "{shown}");
    press(&mut app, "<space>");
    let shown = screen(&mut app, 90, 14);
    assert!(shown.contains("[x] zoom-fokusgruppe"), "{shown}");
}

/// The demo, as the core's export streams it, reads back as the document it builds.
#[test]
fn the_streamed_export_reads_back_as_the_built_document() {
    let tmp = tempfile::tempdir().unwrap();
    let project = kondens::demo::create(&tmp.path().join("demo")).unwrap();
    let built = export::build(&project);
    assert_eq!(built.meaning_units.len(), 14);
    let ron_text = export::render(&project, ExportFormat::Ron).unwrap();
    let from_ron: Export = ron::from_str(&ron_text).unwrap();
    assert_eq!(from_ron, built);
    let json_text = export::render(&project, ExportFormat::Json).unwrap();
    let from_json: Export = serde_json::from_str(&json_text).unwrap();
    assert_eq!(from_json, built);
    assert!(ron_text.ends_with(")\n") && json_text.ends_with("}\n"));
}

/// The STC shape of the demo's code tree: groups, subgroups, their units.
#[test]
fn the_demo_groups_its_units_as_the_tree_says() {
    use kondens::derived::stc::*;
    let tmp = tempfile::tempdir().unwrap();
    let p = kondens::demo::create(&tmp.path().join("d")).unwrap();
    let rows = group_rows(&p);
    assert_eq!(rows.len(), 9);
    assert_eq!(
        (rows[0].depth, rows[1].depth, rows[1].group),
        (0, 1, rows[0].id)
    );
    let bridge = p.codebook.roots[0].id;
    let opening = p.codebook.roots[0].children[0].id;
    assert_eq!(units_under(&p, "demo", opening).len(), 4);
    // Six units (the tree counts seven codings): one is in both subgroups.
    assert_eq!(units_under(&p, "demo", bridge).len(), 6);
    let several = in_several(&p, bridge);
    assert_eq!(p.units_of("demo").iter().filter(|u| several(u)).count(), 1);
    assert!(unsorted_units(&p, "demo", bridge).is_empty());
    assert_eq!(group_of(&p, opening), Some(bridge));
    let golden = golden_quote(&p, "demo", opening).unwrap();
    assert_eq!(
        p.quote(golden),
        "I can say it's possible, but he is the evidence."
    );
    assert!(units_under(&p, "nobody", opening).is_empty());
}

/// Issue 13, bug 5: `/` searches the focused list or text of views 1, 3, 4 and 7, and
/// what is typed after it goes into the search, never runs as commands.
#[test]
fn slash_searches_the_lists_and_texts_of_the_other_views() {
    let (_tmp, dir) = common::demo_project();
    let mut app = common::app(&dir, "demo");
    common::draw(&mut app, 120, 40);
    let before = app.session.project().analysis_of("demo").clone();
    // View 1, the themes list: `/` then a word that holds `r` (rename) and `d` (delete).
    common::press(&mut app, "1 tab tab");
    common::press(&mut app, "/");
    common::type_text(&mut app, "role built");
    common::press(&mut app, "enter");
    assert_eq!(app.themes.sel, 1, "{:?}", app.message);
    assert_eq!(
        app.session.project().analysis_of("demo"),
        &before,
        "nothing ran"
    );
    assert!(app.overlay.is_none());
    // View 3, the code groups: Ctrl-n finds the next match of the same words.
    common::press(&mut app, "3 / R e c o g n i t i o n enter");
    assert_eq!(app.selected_row().map(|r| r.depth), Some(0));
    let name = |app: &App| {
        let id = app.selected_row().expect("row").id;
        app.session
            .project()
            .codebook
            .get(id)
            .expect("code")
            .name
            .clone()
    };
    assert_eq!(name(&app), "Recognition");
    common::press(&mut app, "/");
    common::type_text(&mut app, "o");
    common::press(&mut app, "enter");
    let first = name(&app);
    common::press(&mut app, "ctrl-n");
    assert_ne!(name(&app), first, "the next match");
    // View 3, the units of a subgroup.
    common::press(&mut app, "g j tab / c o f f e e enter");
    common::draw(&mut app, 120, 40);
    let sel = app.groups.lifted_sel;
    let unit = app.lifted_units()[sel].clone();
    let quote = app.session.project().quote(&unit).to_string();
    assert!(quote.to_lowercase().contains("coffee"), "{quote}");
    // View 1, the preconceptions memo scrolls to the row that holds the words.
    common::press(&mut app, "1 tab");
    common::draw(&mut app, 80, 24);
    let memo = app
        .session
        .project()
        .analysis_of("demo")
        .preconceptions
        .text
        .clone();
    let last_word = memo.split_whitespace().last().expect("a word").to_string();
    common::press(&mut app, "/");
    common::type_text(&mut app, &last_word);
    common::press(&mut app, "enter");
    assert!(app.themes.scroll > 0, "{:?}", app.message);
    // Nothing to match says so.
    common::press(&mut app, "/");
    common::type_text(&mut app, "zzzz");
    common::press(&mut app, "enter");
    assert!(
        app.message
            .as_ref()
            .is_some_and(|(m, _)| m.contains("No matches"))
    );
}

/// Issue 13, bug 2: deleting the unit that is a golden quote asks first, clears the
/// golden quote in the same step, and one undo brings both back.
#[test]
fn deleting_a_golden_quote_asks_and_undoes_as_one() {
    let (_tmp, dir) = common::demo_project();
    let mut app = common::app(&dir, "demo");
    common::draw(&mut app, 160, 40);
    // View 3: the first subgroup; its golden quote shown in its transcript.
    common::press(&mut app, "3 j");
    let sub = app.selected_row().expect("a subgroup").id;
    let golden = app
        .session
        .project()
        .analysis_of("demo")
        .subgroup(sub)
        .and_then(|s| s.golden_quote)
        .expect("the demo has a golden quote here");
    let units = app.lifted_units();
    let at = units.iter().position(|u| u.id == golden).expect("listed");
    common::press(&mut app, "tab");
    for _ in 0..at {
        common::press(&mut app, "j");
    }
    common::press(&mut app, "enter tab d");
    let shown = common::screen(&mut app, 160, 40);
    assert!(shown.contains("golden quote ★ of"), "{shown}");
    assert!(
        !shown.contains("then   "),
        "the question reads as one sentence: {shown}"
    );
    common::press(&mut app, "y");
    let p = app.session.project();
    assert!(p.unit("demo", golden).is_none());
    assert_eq!(
        p.analysis_of("demo")
            .subgroup(sub)
            .and_then(|s| s.golden_quote),
        None
    );
    common::press(&mut app, "u");
    let p = app.session.project();
    assert!(
        p.unit("demo", golden).is_some(),
        "one undo brings the unit back"
    );
    assert_eq!(
        p.analysis_of("demo")
            .subgroup(sub)
            .and_then(|s| s.golden_quote),
        Some(golden),
        "and its place as the golden quote"
    );
    // Saying no deletes nothing.
    common::press(&mut app, "d n");
    assert!(app.session.project().unit("demo", golden).is_some());
}

/// Issue 13, item 15: locking the preconceptions asks first; the help lists the
/// editor's own keys as they are.
#[test]
fn locking_asks_first_and_the_help_tells_the_editor_keys() {
    let (_tmp, _dir, mut app) = fresh();
    press(&mut app, "1 e");
    type_text(&mut app, "Before reading.");
    press(&mut app, "esc L");
    assert!(common::screen(&mut app, 120, 30).contains("Lock the preconceptions memo?"));
    press(&mut app, "n");
    assert!(
        app.session
            .project()
            .analysis_of("ana")
            .preconceptions
            .locked
            .is_none()
    );
    press(&mut app, "e ?");
    assert!(app.editor.is_some(), "? is typed in the editor");
    press(&mut app, "esc ?");
    let help = common::screen(&mut app, 120, 140);
    assert!(
        help.contains("undo / redo inside this editing visit"),
        "{help}"
    );
    assert!(!help.contains("Ctrl-z"), "{help}");
}

/// Issue 13, items 9 and 10: in view 3 a unit is sorted into another subgroup with two
/// keys (undoable), codes below a subgroup are shown with each unit, and `f` filters the
/// units by them.
#[test]
fn units_are_sorted_and_filtered_where_they_are_condensed() {
    let (_tmp, dir) = common::demo_project();
    // A third level: a code under the first subgroup, on one of its units.
    let (third, unit) = {
        let mut s = kondens::session::Session::open(&dir, "demo").expect("opens");
        let sub = s.project().codebook.roots[0].children[0].id;
        let (e, third) =
            kondens::ops::new_code(s.project(), Some(sub), "Coffee first").expect("code");
        s.perform(e).expect("done");
        let p = s.project();
        let unit = p
            .units_of("demo")
            .iter()
            .find(|u| u.codes.contains(&sub))
            .expect("a unit of the subgroup")
            .id;
        let e = kondens::ops::toggle_unit_code(p, "demo", unit, third).expect("code");
        s.perform(e).expect("done");
        s.save().expect("saved");
        (third, unit)
    };
    let mut app = common::app(&dir, "demo");
    common::draw(&mut app, 160, 40);
    common::press(&mut app, "3 j tab");
    let shown = common::screen(&mut app, 160, 40);
    assert!(shown.contains("‹Coffee first›"), "{shown}");
    let all = app.lifted_units().len();
    common::press(&mut app, "f");
    common::draw(&mut app, 160, 40);
    assert_eq!(
        app.lifted_units().len(),
        1,
        "only the unit with the third-level code"
    );
    assert_eq!(app.lifted_units()[0].id, unit);
    common::press(&mut app, "f");
    common::draw(&mut app, 160, 40);
    assert_eq!(app.lifted_units().len(), all, "f again: all of them");
    // `s 2`: the selected unit moves to the group's second subgroup.
    let moving = app.lifted_units()[0].id;
    let second = app.session.project().codebook.roots[0].children[1].id;
    let first = app.session.project().codebook.roots[0].children[0].id;
    common::press(&mut app, "s 2");
    let u = app
        .session
        .project()
        .unit("demo", moving)
        .expect("unit")
        .clone();
    assert!(u.codes.contains(&second), "{:?}", app.message);
    assert!(!u.codes.contains(&first) && !u.codes.contains(&third));
    common::draw(&mut app, 160, 40);
    assert_eq!(app.lifted_units().len(), all - 1, "it left this subgroup");
    common::press(&mut app, "u");
    let u = app.session.project().unit("demo", moving).expect("unit");
    assert!(
        u.codes.contains(&first) && !u.codes.contains(&second),
        "one undo puts it back"
    );
    // `+`: quoted in the results too, marked ❝ (it is not the golden quote).
    let golden = app
        .session
        .project()
        .analysis_of("demo")
        .subgroup(first)
        .and_then(|w| w.golden_quote);
    let k = app
        .lifted_units()
        .iter()
        .position(|u| Some(u.id) != golden)
        .expect("a unit");
    common::press(&mut app, "g");
    for _ in 0..k {
        common::press(&mut app, "j");
    }
    common::press(&mut app, "+");
    let more = &app
        .session
        .project()
        .analysis_of("demo")
        .subgroup(first)
        .expect("work")
        .more_quotes;
    assert_eq!(more.len(), 1, "{:?}", app.message);
    assert!(common::screen(&mut app, 160, 40).contains("❝ "));
    // `a`: into a second subgroup as well (several), through the picker.
    common::press(&mut app, "a");
    assert!(app.overlay.is_some());
}

/// Issue 13, item 11: a theme becomes a subgroup of an existing code group, or is
/// linked to an existing group or subgroup, not only a new code group.
#[test]
fn a_theme_becomes_a_subgroup_or_is_linked() {
    let (_tmp, dir) = common::demo_project();
    let mut app = common::app(&dir, "demo");
    common::draw(&mut app, 160, 40);
    common::press(&mut app, "1 tab tab G");
    let theme = app
        .session
        .project()
        .analysis_of("demo")
        .themes
        .last()
        .expect("theme")
        .clone();
    let group = app.session.project().codebook.roots[0].clone();
    common::press(&mut app, "s 1");
    let p = app.session.project();
    let g = p.codebook.get(group.id).expect("group");
    let made = g.children.last().expect("a new subgroup");
    assert_eq!(made.name, theme.name, "{:?}", app.message);
    let linked = p
        .analysis_of("demo")
        .themes
        .last()
        .expect("theme")
        .code_group;
    assert_eq!(linked, Some(made.id));
    common::press(&mut app, "u");
    assert_eq!(app.session.project().codebook.get(group.id), Some(&group));
    // Linked to the group's first subgroup: the list offers groups and subgroups.
    common::press(&mut app, "l 2");
    let linked = app
        .session
        .project()
        .analysis_of("demo")
        .themes
        .last()
        .expect("theme")
        .code_group;
    assert_eq!(linked, Some(group.children[0].id), "{:?}", app.message);
    assert_eq!(
        app.session.project().codebook.get(group.id),
        Some(&group),
        "no code made"
    );
}

fn markdown(p: &kondens::model::Project, coder: Option<&str>, lang: Option<&str>) -> String {
    let options = kondens::export::markdown::Options {
        coder: coder.map(str::to_string),
        language: lang.map(|l| kondens::export::markdown::Language::parse(l).expect("language")),
    };
    let mut out = Vec::new();
    kondens::export::write_with(
        p,
        kondens::export::ExportFormat::Markdown,
        &options,
        &mut out,
    )
    .expect("writes");
    String::from_utf8(out).expect("UTF-8")
}

/// Issue 13, item 13: the Markdown reads as a results section — in the project's
/// language, quotes attributed as the participants were set up, partial quotes marked
/// […], more than one quote per subgroup, empty subgroups left out, validation in an
/// appendix, and one person's analysis alone with --coder.
#[test]
fn the_results_document_reads_as_a_results_section() {
    let (_tmp, dir) = common::demo_project();
    let mut s = kondens::session::Session::open(&dir, "demo").expect("opens");
    let p = s.project();
    let md = markdown(p, None, None);
    assert!(
        md.contains("## Results\n"),
        "the demo is written in English"
    );
    assert!(md.contains("(P2, professionals)"), "name and group: {md}");
    assert!(
        !md.contains("#### Pay and career"),
        "an empty subgroup is left out"
    );
    assert!(!md.contains("No analytic text yet"));
    let appendix = md.find("## Appendix: validation").expect("an appendix");
    assert!(md[appendix..].contains("re-read against the synthesis"));
    assert!(
        !md[..appendix].contains("*Validation"),
        "validation only in the appendix"
    );
    // In Norwegian.
    let nb = markdown(p, None, Some("nb"));
    assert!(nb.contains("## Resultater") && nb.contains("| Tema | Undertema |"));
    assert!(nb.contains("## Vedlegg: validering"));
    // A second quote, cut mid-sentence: after the golden quote, marked […].
    let sub = p.codebook.roots[0].children[0].id;
    let golden = p
        .analysis_of("demo")
        .subgroup(sub)
        .and_then(|w| w.golden_quote);
    let other = kondens::derived::stc::units_under(p, "demo", sub)
        .into_iter()
        .find(|u| Some(u.id) != golden)
        .expect("another unit")
        .clone();
    let t = p.transcript(other.transcript).expect("transcript").clone();
    let mid = other.start
        + t.text[other.span()]
            .char_indices()
            .find(|(_, c)| *c == ' ')
            .map_or(0, |(i, _)| i + 1);
    let e = kondens::ops::set_unit_span(p, "demo", other.id, t.id, mid..other.end).expect("span");
    s.perform(e).expect("done");
    let e = kondens::ops::toggle_more_quote(s.project(), "demo", sub, other.id).expect("quote");
    s.perform(e).expect("done");
    let md = markdown(s.project(), None, None);
    let first = md
        .find("«I can say it's possible")
        .expect("the golden quote");
    let second = md
        .find("«[…] ")
        .expect("the second quote, marked as starting mid-sentence");
    assert!(first < second, "the golden quote comes first");
    // A second person: --coder exports one alone, and both are named without it.
    let mut theirs = s.project().units_of("demo")[0].clone();
    theirs.id = kondens::model::UnitId::new();
    s.perform(kondens::ops::Edit {
        change: kondens::ops::Change::InsertUnit {
            coder: "bo".into(),
            unit: theirs,
        },
        label: "bo".into(),
    })
    .expect("done");
    let e = kondens::ops::set_text(
        s.project(),
        "bo",
        kondens::model::TextField::AnalyticText(sub),
        "Bo's own reading.".into(),
    )
    .expect("text");
    s.perform(e).expect("done");
    let both = markdown(s.project(), None, None);
    assert!(both.contains("*Analysis by bo.*") && both.contains("*Analysis by demo.*"));
    let mine = markdown(s.project(), Some("demo"), None);
    assert!(!mine.contains("Bo's own reading") && !mine.contains("Analysis by"));
}
