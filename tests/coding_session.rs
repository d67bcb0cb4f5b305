//! A researcher's session driven by keys: code passages, make and reorganise codes,
//! undo and redo, save, reopen, export. Asserts what the researcher would see on disk
//! and in the export.

mod common;

use common::*;
use kondens::export::{self, ExportFormat};
use kondens::tui::screens::coding::Pane;

#[test]
fn twenty_passages_reorganised_undone_redone_and_reopened() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    kondens::store::create(&dir, "Study", "What helps?").unwrap();
    let sample = tmp.path().join("fg.txt");
    std::fs::write(&sample, kondens::demo::SAMPLES[0].1).unwrap();
    import(&dir, &sample);

    let mut app = app(&dir, "ingrid");
    draw(&mut app, 120, 40);
    // Twenty passages: every turn from the fourth on, coded alternately with three codes,
    // the first use of each name creating the code.
    let names = ["Brobyggere", "Veiledning", "Lonn"];
    for i in 0..20 {
        press(&mut app, "} V a");
        type_text(&mut app, names[i % 3]);
        press(&mut app, "enter");
        assert!(app.coding.tv.anchor.is_none(), "coding ends the selection");
    }
    let units = app.session.project().units_of("ingrid");
    assert_eq!(units.len(), 20);
    assert_eq!(app.session.project().codebook.len(), 3);
    // 1 in the picker is the most recent code: the last one used (Veiledning, i = 19).
    press(&mut app, "} V a 1");
    assert_eq!(app.session.project().units_of("ingrid").len(), 21);
    press(&mut app, "u");
    assert_eq!(app.session.project().units_of("ingrid").len(), 20);
    let veiledning = app.session.project().codebook.roots[1].id;
    assert_eq!(
        app.session
            .project()
            .units_of("ingrid")
            .iter()
            .filter(|u| u.codes == [veiledning])
            .count(),
        7
    );

    // Reorganise: make "Veiledning" a child of "Brobyggere", then move "Lonn" up.
    app.coding.focus = Pane::Tree;
    press(&mut app, "g j >");
    let cb = &app.session.project().codebook;
    assert_eq!(cb.roots.len(), 2);
    assert_eq!(cb.roots[0].children[0].name, "Veiledning");
    press(&mut app, "j K");
    assert_eq!(app.session.project().codebook.roots[0].name, "Lonn");

    // Undo both moves, redo one.
    press(&mut app, "u u");
    assert_eq!(app.session.project().codebook.roots.len(), 3);
    assert_eq!(app.session.project().codebook.roots[0].name, "Brobyggere");
    press(&mut app, "ctrl-r");
    assert_eq!(
        app.session.project().codebook.roots[0].children[0].name,
        "Veiledning"
    );

    // Rename through the prompt and undo the rename.
    press(&mut app, "g r");
    for _ in 0.."Brobyggere".len() {
        press(&mut app, "backspace");
    }
    type_text(&mut app, "Bridge builders");
    press(&mut app, "enter");
    assert_eq!(
        app.session.project().codebook.roots[0].name,
        "Bridge builders"
    );

    app.save_now();
    assert!(app.save_error.is_none());
    let expected = app.session.project().clone();
    drop(app);

    // Reopen: everything is there.
    let reopened = kondens::store::load(&dir).unwrap();
    assert_eq!(reopened.codebook, expected.codebook);
    assert_eq!(reopened.units, expected.units);

    // The export carries verbatim quotes, speakers and the coder.
    let doc = export::build(&reopened);
    assert_eq!(doc.meaning_units.len(), 20);
    for u in &doc.meaning_units {
        assert_eq!(u.coder, "ingrid");
        assert!(!u.speakers.is_empty());
        let t = reopened
            .transcripts
            .iter()
            .find(|t| t.id.to_string() == u.transcript)
            .unwrap();
        let chars: String = t.text.chars().skip(u.start).take(u.end - u.start).collect();
        assert_eq!(chars, u.text, "char offsets locate the verbatim quote");
        assert!(
            t.turns.iter().any(|turn| t.text[turn.span()] == u.text),
            "a whole turn, verbatim"
        );
    }
    let json = export::render(&reopened, ExportFormat::Json).unwrap();
    assert!(json.contains("\"coder\": \"ingrid\""));
    assert!(json.contains("Bridge builders"));
}

/// A rename prompt offers the name selected: typing replaces it, an arrow key keeps it
/// to edit. A unit's note is offered to go on with.
#[test]
fn typing_in_a_rename_prompt_replaces_the_offered_name() {
    let (_tmp, dir) = demo_project();
    let mut app = app(&dir, "demo");
    draw(&mut app, 100, 30);
    app.coding.focus = Pane::Tree;
    let old = app.session.project().codebook.roots[0].name.clone();
    press(&mut app, "g r");
    let shown = common::screen(&mut app, 100, 30);
    assert!(shown.contains("type to replace"), "{shown}");
    type_text(&mut app, "Tid");
    press(&mut app, "enter");
    assert_eq!(app.session.project().codebook.roots[0].name, "Tid");
    press(&mut app, "r end");
    let shown = common::screen(&mut app, 100, 30);
    assert!(!shown.contains("type to replace"), "{shown}");
    type_text(&mut app, "spress");
    press(&mut app, "enter");
    assert_eq!(app.session.project().codebook.roots[0].name, "Tidspress");
    assert_ne!(old, "Tidspress");
}

#[test]
fn deleting_a_code_that_holds_units_asks_and_undo_restores_it() {
    let (_tmp, dir) = demo_project();
    let mut app = app(&dir, "demo");
    draw(&mut app, 100, 30);
    let before = app.session.project().clone();
    app.coding.focus = Pane::Tree;
    press(&mut app, "g j d");
    assert!(app.overlay.is_some(), "asks first");
    press(&mut app, "n");
    assert_eq!(app.session.project(), &before, "n keeps everything");
    let opening_doors = before.codebook.roots[0].children[0].id;
    let holders = before
        .units_of("demo")
        .iter()
        .filter(|u| u.codes.contains(&opening_doors))
        .count();
    assert_eq!(holders, 4);
    press(&mut app, "d y");
    assert_eq!(
        app.session.project().codebook.len(),
        before.codebook.len() - 1
    );
    assert_eq!(
        app.session.project().units_of("demo").len(),
        before.units_of("demo").len(),
        "units stay"
    );
    assert!(
        app.session
            .project()
            .units_of("demo")
            .iter()
            .all(|u| !u.codes.contains(&opening_doors))
    );
    press(&mut app, "u");
    assert_eq!(app.session.project().codebook, before.codebook);
    assert_eq!(app.session.project().units, before.units);
}

#[test]
fn coding_the_same_span_twice_adds_a_code_instead_of_a_second_unit() {
    let (_tmp, dir) = demo_project();
    let mut app = app(&dir, "demo");
    draw(&mut app, 100, 30);
    let n = app.session.project().units_of("demo").len();
    press(&mut app, "} } } V a");
    type_text(&mut app, "Recognition");
    press(&mut app, "enter");
    press(&mut app, "V a");
    type_text(&mut app, "Opening doors");
    press(&mut app, "enter");
    let units = app.session.project().units_of("demo");
    assert_eq!(units.len(), n + 1);
    assert!(
        units
            .iter()
            .any(|u| u.codes.len() == 2 && app.session.project().speakers_of(u) == ["P2"])
    );
}

#[test]
fn a_selection_by_words_codes_exactly_the_selected_words() {
    let (_tmp, dir) = demo_project();
    let mut app = app(&dir, "demo");
    draw(&mut app, 100, 30);
    press(&mut app, "} v w w");
    let t = app.transcript().unwrap().clone();
    let sel = app.coding.tv.selection(&t).unwrap();
    assert_eq!(&t.text[sel.clone()], "Thanks for j");
    press(&mut app, "a");
    type_text(&mut app, "Welcome");
    press(&mut app, "enter");
    let u = app
        .session
        .project()
        .units_of("demo")
        .iter()
        .find(|u| u.start == sel.start)
        .unwrap();
    assert_eq!(app.session.project().quote(u), "Thanks for j");
    assert_eq!(app.session.project().speakers_of(u), ["Moderator"]);

    // `e` ends a selection on whole words.
    press(&mut app, "v e e e");
    let sel = app.coding.tv.selection(&t).unwrap();
    assert_eq!(&t.text[sel], "joining, everyone");
}

#[test]
fn escape_ends_a_selection_and_a_filter() {
    let (_tmp, dir) = demo_project();
    let mut app = app(&dir, "demo");
    draw(&mut app, 100, 30);
    press(&mut app, "v w");
    assert!(app.coding.tv.anchor.is_some());
    press(&mut app, "esc");
    assert!(app.coding.tv.anchor.is_none());
    press(&mut app, "tab tab j enter");
    assert!(app.coding.unit_filter.is_some());
    assert_eq!(
        app.shown_count(),
        4,
        "the units coded 'Opening doors' in both transcripts"
    );
    press(&mut app, "esc");
    assert!(app.coding.unit_filter.is_none());
}

#[test]
fn a_read_only_tree_refuses_changes_but_coding_with_its_codes_works() {
    let (_tmp, dir) = demo_project();
    // The demo coder's workbench is open, so it is the tree's writer.
    let _demo = app(&dir, "demo");
    let mut app = app(&dir, "kari");
    assert_eq!(app.session.tree_held_by(), Some("demo"));
    draw(&mut app, 100, 30);
    let tree = app.session.project().codebook.clone();
    press(&mut app, "tab tab n");
    assert!(app.overlay.is_none(), "no prompt for a new code");
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .0
            .contains("demo is editing them")
    );
    press(&mut app, "j d J >");
    assert_eq!(app.session.project().codebook, tree);
    // The picker cannot make codes either, but picks existing ones.
    press(&mut app, "tab } } } V a");
    type_text(&mut app, "Brand new");
    press(&mut app, "enter");
    assert_eq!(app.session.project().codebook, tree);
    assert!(app.session.project().units_of("kari").is_empty());
    press(&mut app, "esc V a");
    type_text(&mut app, "opening");
    press(&mut app, "enter");
    assert_eq!(app.session.project().units_of("kari").len(), 1);
}

#[test]
fn a_code_another_coder_has_just_used_is_not_deleted() {
    let (_tmp, dir) = demo_project();
    let mut ingrid = app(&dir, "ingrid");
    draw(&mut ingrid, 100, 30);
    ingrid.coding.focus = kondens::tui::screens::coding::Pane::Tree;
    press(&mut ingrid, "G n");
    type_text(&mut ingrid, "Fresh");
    press(&mut ingrid, "enter");
    ingrid.save_now();
    // Kari opens the project after that and codes a passage with the new code.
    let mut kari = app(&dir, "kari");
    draw(&mut kari, 100, 30);
    press(&mut kari, "} } } V a");
    type_text(&mut kari, "Fresh");
    press(&mut kari, "enter");
    assert_eq!(kari.session.project().units_of("kari").len(), 1);
    kari.save_now();
    // Ingrid's copy of the project predates Kari's unit; the delete must still refuse.
    let n = ingrid.session.project().codebook.len();
    press(&mut ingrid, "d");
    let (msg, _) = ingrid.message.clone().unwrap();
    assert!(msg.contains("is used by kari (1 unit)"), "{msg}");
    assert!(ingrid.overlay.is_none(), "said before asking, not after y");
    assert_eq!(ingrid.session.project().codebook.len(), n);
}

#[test]
fn actions_do_what_their_keys_do_and_an_action_out_of_scope_does_nothing() {
    use kondens::tui::action::Action;
    let (_t1, d1) = demo_project();
    let (_t2, d2) = demo_project();
    let mut by_keys = app(&d1, "ana");
    let mut by_actions = app(&d2, "ana");
    draw(&mut by_keys, 100, 30);
    draw(&mut by_actions, 100, 30);
    press(&mut by_keys, "tab tab n");
    type_text(&mut by_keys, "Trust");
    press(&mut by_keys, "enter");
    act(
        &mut by_actions,
        &[Action::FocusNext, Action::FocusNext, Action::NewCode],
    );
    type_text(&mut by_actions, "Trust");
    act(&mut by_actions, &[Action::Confirm]);
    let names = |a: &kondens::tui::App| -> Vec<String> {
        let cb = &a.session.project().codebook;
        cb.flatten().iter().map(|f| f.node.name.clone()).collect()
    };
    assert!(names(&by_actions).contains(&"Trust".to_string()));
    assert_eq!(names(&by_keys), names(&by_actions));
    // The tree does not handle GoldenQuote (view 3 does): nothing changes.
    let before = by_actions.session.project().clone();
    act(&mut by_actions, &[Action::GoldenQuote, Action::DeleteUnit]);
    assert_eq!(by_actions.session.project(), &before);
}

#[test]
fn a_unit_note_is_kept_when_the_prompt_is_left_with_esc_as_in_every_editor() {
    let (_tmp, dir) = demo_project();
    let mut app = app(&dir, "demo");
    draw(&mut app, 100, 30);
    press(&mut app, "tab");
    let first = app.unit_index();
    let unit = app.shown_unit_id(first).expect("the transcript has units");
    press(&mut app, "e");
    let before = app
        .session
        .project()
        .unit("demo", unit)
        .unwrap()
        .note
        .clone();
    type_text(&mut app, " Ask P2 about this.");
    press(&mut app, "esc");
    assert!(app.overlay.is_none());
    let note = &app.session.project().unit("demo", unit).unwrap().note;
    assert!(note.ends_with("Ask P2 about this."), "{note:?}");
    // One undo step, like any other change.
    press(&mut app, "u");
    assert_eq!(
        app.session.project().unit("demo", unit).unwrap().note,
        before
    );
    // Leaving an unchanged note records nothing.
    press(&mut app, "e esc u");
    assert_eq!(
        app.session.project().unit("demo", unit).unwrap().note,
        before
    );
}

/// Issue 13, item 12: `b` changes a unit's boundaries, `m` … `m` merges two codes
/// (every person's units follow), `Space` folds a node; each undoable with `u`.
#[test]
fn boundaries_merge_and_fold_by_keys() {
    let (_tmp, dir) = common::demo_project();
    let mut app = common::app(&dir, "demo");
    common::draw(&mut app, 160, 40);
    // The first unit of the transcript: its end moves three characters on.
    common::press(&mut app, "tab j k");
    let id = app.coding.unit_sel.expect("a unit is selected");
    let before = app
        .session
        .project()
        .unit("demo", id)
        .expect("unit")
        .clone();
    common::press(&mut app, "b l l l enter");
    let after = app
        .session
        .project()
        .unit("demo", id)
        .expect("unit")
        .clone();
    assert_eq!(after.start, before.start);
    assert!(after.end > before.end, "{:?}", app.message);
    assert_eq!(after.codes, before.codes);
    common::press(&mut app, "u");
    assert_eq!(app.session.project().unit("demo", id), Some(&before));
    // Esc keeps the old boundaries.
    common::press(&mut app, "tab b l l esc");
    assert_eq!(app.session.project().unit("demo", id), Some(&before));
    // The tree: the second subgroup merged into the first.
    let group = app.session.project().codebook.roots[0].clone();
    let (first, second) = (group.children[0].id, group.children[1].id);
    let all_before = app.session.project().clone();
    common::press(&mut app, "tab tab g j j m");
    let shown = common::screen(&mut app, 160, 40);
    assert!(
        shown.contains("» "),
        "the mark reads without colour:\n{shown}"
    );
    common::press(&mut app, "k m");
    let shown = common::screen(&mut app, 160, 40);
    assert!(shown.contains("Every person's units"), "{shown}");
    common::press(&mut app, "y");
    let p = app.session.project();
    assert!(p.codebook.get(second).is_none(), "{:?}", app.message);
    assert!(
        p.units_of("demo")
            .iter()
            .all(|u| !u.codes.contains(&second))
    );
    common::press(&mut app, "u");
    assert_eq!(
        app.session.project(),
        &all_before,
        "one undo restores the tree and the units"
    );
    // Space folds the group: its subgroups are not listed.
    common::press(&mut app, "g");
    let rows = app.tree_rows().len();
    common::press(&mut app, "space");
    assert_eq!(app.tree_rows().len(), rows - group.children.len());
    assert!(common::screen(&mut app, 160, 40).contains("▸ "));
    common::press(&mut app, "space");
    assert_eq!(app.tree_rows().len(), rows);
    let _ = first;
}

/// Issue 13, item 12: the picker says where a new code will go, Tab changes it, and the
/// code goes there.
#[test]
fn a_new_code_from_the_picker_goes_where_the_picker_says() {
    let (_tmp, dir) = common::demo_project();
    let mut app = common::app(&dir, "demo");
    common::draw(&mut app, 160, 40);
    // The tree's selection: the first subgroup.
    common::press(&mut app, "tab tab g j tab } V a");
    let sub = app.session.project().codebook.roots[0].children[0].clone();
    let shown = common::screen(&mut app, 160, 40);
    assert!(
        shown.contains(&format!("A new name becomes a code under {}", sub.name)),
        "{shown}"
    );
    common::type_text(&mut app, "Brand new");
    common::press(&mut app, "tab");
    assert!(common::screen(&mut app, 160, 40).contains("at the top of the tree"));
    common::press(&mut app, "enter");
    let p = app.session.project();
    assert!(
        p.codebook.roots.iter().any(|r| r.name == "Brand new"),
        "{:?}",
        app.message
    );
    // Without Tab: under the selected node.
    common::press(&mut app, "} V a");
    common::type_text(&mut app, "Under it");
    common::press(&mut app, "enter");
    let p = app.session.project();
    let sub_now = p.codebook.get(sub.id).expect("subgroup");
    assert!(
        sub_now.children.iter().any(|c| c.name == "Under it"),
        "{:?}",
        app.message
    );
}
