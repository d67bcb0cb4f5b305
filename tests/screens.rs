//! Whole-screen snapshots of the workbench, driven by key sequences, at the smallest
//! supported size (80×24) and a large one (200×50).

mod common;

use common::*;

fn snap(name: &str, keys: &str) {
    for (w, h) in [(80u16, 24u16), (200, 50)] {
        let (_tmp, dir) = demo_project();
        let mut app = app(&dir, "demo");
        draw(&mut app, w, h);
        press(&mut app, keys);
        let term = draw(&mut app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), term.backend());
    }
}

#[test]
fn transcript_pane_on_opening() {
    snap("transcript", "");
}

#[test]
fn transcript_pane_with_a_turn_selected() {
    snap("transcript_selection", "} } } V");
}

#[test]
fn transcript_pane_after_search() {
    snap("transcript_search", "/ p e e r <space> w o r k e r enter n");
}

#[test]
fn units_pane_focused_with_a_unit_selected() {
    snap("units", "tab j");
}

#[test]
fn code_tree_pane_focused() {
    snap("tree", "tab tab j j");
}

#[test]
fn code_picker_over_a_selection() {
    snap("picker", "} } } V a");
}

#[test]
fn code_picker_filtering() {
    snap("picker_filter", "} } } V a s u p");
}

#[test]
fn help_for_the_transcript_pane() {
    snap("help_transcript", "?");
}

#[test]
fn help_for_the_code_tree() {
    snap("help_tree", "tab tab ?");
}

#[test]
fn delete_question_for_a_code_with_units() {
    snap("tree_delete_question", "tab tab j d");
}

#[test]
fn views_not_built_yet_say_so() {
    snap("view_themes", "1");
    snap("view_condensation", "3");
    snap("view_synthesis", "4");
}
