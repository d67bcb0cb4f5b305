//! Whole-screen snapshots of the workbench, driven by key sequences, at the smallest
//! supported size (80×24) and a large one (200×50).

mod common;

use common::*;
use ratatui::style::{Color, Modifier};

fn snap(name: &str, keys: &str) {
    for (w, h) in [(80u16, 24u16), (200, 50)] {
        let (_tmp, dir) = demo_project();
        let mut app = app(&dir, "demo");
        draw(&mut app, w, h);
        press(&mut app, keys);
        let term = draw(&mut app, w, h);
        let shown = mask_dates(&term.backend().to_string());
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), shown);
    }
}

/// The demo's memos are dated when it is made: dates and times become `#`, so the
/// snapshots hold on any day.
fn mask_dates(s: &str) -> String {
    let mut out: Vec<char> = s.chars().collect();
    let shape: Vec<char> = "dddd-dd-dd".chars().collect();
    let time: Vec<char> = " dd:dd".chars().collect();
    let fits = |at: usize, pat: &[char], out: &[char]| {
        out.len() >= at + pat.len()
            && pat.iter().zip(&out[at..]).all(|(p, c)| match p {
                'd' => c.is_ascii_digit(),
                p => p == c,
            })
    };
    let mut i = 0;
    while i < out.len() {
        if fits(i, &shape, &out) {
            let mut end = i + shape.len();
            if fits(end, &time, &out) {
                end += time.len();
            }
            for c in &mut out[i..end] {
                if c.is_ascii_digit() {
                    *c = '#';
                }
            }
            i = end;
        } else {
            i += 1;
        }
    }
    out.into_iter().collect()
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
fn view_1_themes() {
    snap("view_themes", "1");
    snap("view_themes_list", "1 tab tab j");
    snap("view_themes_help", "1 tab tab ?");
}

#[test]
fn view_1_editors() {
    // The total impression in its editor; a new addendum to the locked preconceptions.
    snap("view_themes_editor", "1 tab e");
    snap("view_themes_addendum", "1 e");
}

#[test]
fn view_3_condensation() {
    snap("view_condensation", "3");
    snap("view_condensation_subgroup", "3 j tab");
    snap("view_condensation_unsorted", "3 G k k");
}

#[test]
fn view_3_condensate_editor() {
    snap("view_condensation_editor", "3 j e");
}

#[test]
fn view_4_synthesis() {
    snap("view_synthesis", "4 tab tab j j");
    snap("view_synthesis_subgroup", "4 j");
}

#[test]
fn view_4_editors() {
    snap("view_synthesis_editor", "4 j e");
    snap("view_synthesis_heading_editor", "4 tab tab e");
}

/// Finds `needle` in the transcript pane (the left 100 columns at 200×50) and returns
/// the style of its first cell.
fn style_of(
    term: &ratatui::Terminal<ratatui::backend::TestBackend>,
    needle: &str,
) -> ratatui::style::Style {
    let buf = term.backend().buffer();
    let area = buf.area;
    for y in 0..area.height {
        let line: String = (0..area.width / 2)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        if let Some(byte) = line.find(needle) {
            let x = line[..byte].chars().count() as u16;
            return buf[(x, y)].style();
        }
    }
    panic!("{needle:?} is not on screen");
}

#[test]
fn coded_passages_are_marked_in_colour_and_without_it() {
    use ratatui::style::{Color, Modifier};
    let (_tmp, dir) = demo_project();
    let mut app = app(&dir, "demo");
    draw(&mut app, 200, 50);
    press(&mut app, "} } } } } } } } } }");
    let term = draw(&mut app, 200, 50);
    // "Our peer worker just went and had coffee…" is a demo unit; "There's one that
    // stands out" in the same turn is not coded.
    assert_eq!(
        style_of(&term, "had coffee").bg,
        Some(Color::Rgb(0x2e, 0x3a, 0x4f))
    );
    assert_ne!(
        style_of(&term, "stands out").bg,
        Some(Color::Rgb(0x2e, 0x3a, 0x4f))
    );

    app.theme = kondens::tui::theme::Theme::from_config(&kondens::config::defaults(), true).0;
    let term = draw(&mut app, 200, 50);
    let coded = style_of(&term, "had coffee");
    assert!(coded.add_modifier.contains(Modifier::UNDERLINED));
    assert!(
        matches!(coded.bg, None | Some(Color::Reset)),
        "no colour without colour"
    );
    assert!(
        !style_of(&term, "stands out")
            .add_modifier
            .contains(Modifier::UNDERLINED)
    );
}

#[test]
fn the_selection_is_shown_in_reverse_video() {
    use ratatui::style::Modifier;
    let (_tmp, dir) = demo_project();
    let mut app = app(&dir, "demo");
    draw(&mut app, 200, 50);
    press(&mut app, "} v w w");
    let term = draw(&mut app, 200, 50);
    assert!(
        style_of(&term, "Thanks for j")
            .add_modifier
            .contains(Modifier::REVERSED)
    );
    assert!(
        !style_of(&term, "oining")
            .add_modifier
            .contains(Modifier::REVERSED)
    );
}

#[test]
fn tiny_terminals_never_panic() {
    let (_tmp, dir) = demo_project();
    for (w, h) in [(1u16, 1u16), (2, 2), (10, 3), (30, 8), (80, 5), (200, 4)] {
        for keys in [
            "",
            "} V a",
            "?",
            "tab tab j d",
            "tab j",
            "3",
            "1 e",
            "1 tab tab",
            "3 j tab",
            "3 j e",
            "4 tab tab",
            "4 j e",
            "/ x",
            "G V a s",
        ] {
            let mut app = app(&dir, "demo");
            draw(&mut app, w, h);
            press(&mut app, keys);
            draw(&mut app, w, h);
            press(&mut app, "j k G g");
            draw(&mut app, w, h);
        }
    }
}

#[test]
fn participants_overlay() {
    snap("participants", "P j j");
    snap("participants_merging", "P j j m k");
}

#[test]
fn view_7_reports() {
    snap("reports", "7");
    // A cell opened: its units listed below the table.
    snap("reports_cell", "7 j l enter j");
    snap("reports_cooccurrence", "7 b b b b b");
    snap("reports_coverage", "7 b b b b b b");
}

/// Without colour: the bars are characters and the selected cell is in reverse video,
/// shown here as a mask under the screen (`^` where a cell is reversed).
#[test]
fn view_7_reports_without_colour() {
    for (w, h) in [(80u16, 24u16), (200, 50)] {
        let (_tmp, dir) = demo_project();
        let mut app = app(&dir, "demo");
        app.theme = kondens::tui::theme::Theme::from_config(&kondens::config::defaults(), true).0;
        press(&mut app, "7 j j l");
        let term = draw(&mut app, w, h);
        let buf = term.backend().buffer();
        let mut shown = mask_dates(&term.backend().to_string());
        for y in 0..h {
            let row: String = (0..w)
                .map(|x| {
                    let reversed = buf[(x, y)]
                        .modifier
                        .contains(ratatui::style::Modifier::REVERSED);
                    if reversed { '^' } else { ' ' }
                })
                .collect();
            if row.trim().is_empty() {
                continue;
            }
            shown.push_str(&format!("{y:>2} {}\n", row.trim_end()));
        }
        insta::assert_snapshot!(format!("reports_mono_{w}x{h}"), shown);
    }
}

#[test]
fn view_7_drills_into_a_unit_and_comes_back() {
    let (_tmp, dir) = demo_project();
    let mut app = app(&dir, "demo");
    press(&mut app, "7 j l enter");
    assert!(app.reports.opened.as_ref().is_some_and(|l| !l.is_empty()));
    press(&mut app, "enter");
    assert_eq!(app.view, kondens::tui::screens::View::Coding);
    let shown = screen(&mut app, 120, 30);
    assert!(shown.contains("The unit in its transcript"), "{shown}");
    press(&mut app, "ctrl-o");
    assert_eq!(app.view, kondens::tui::screens::View::Reports);
    assert!(
        app.reports.opened.is_some(),
        "the opened cell is still there"
    );
    press(&mut app, "esc");
    assert!(app.reports.opened.is_none());
}

/// Issue 13, bug 3: a code group's units in view 4 fill the pane (13 short units at
/// 200×50 all show), and the window follows the selection row by row.
#[test]
fn view_4_shows_as_many_units_as_fit() {
    let (_tmp, dir) = demo_project();
    {
        let mut s = kondens::session::Session::open(&dir, "demo").expect("opens");
        let p = s.project();
        let t = p
            .transcripts
            .iter()
            .find(|t| t.name == "teams-focus-group-supervisors")
            .expect("an uncoded transcript");
        let code = p.codebook.roots[0].children[0].id;
        let edits: Vec<_> = t
            .turns
            .iter()
            .filter(|turn| turn.speaker.is_some())
            .take(13)
            .map(|turn| {
                let end = t.text[turn.span()]
                    .char_indices()
                    .nth(12)
                    .map_or(turn.end, |(i, _)| turn.start + i);
                kondens::ops::code_passage(p, "demo", t.id, turn.start..end, code).expect("codes")
            })
            .collect();
        for e in edits {
            s.perform(e).expect("done");
        }
        s.save().expect("saved");
    }
    let mut app = app(&dir, "demo");
    draw(&mut app, 200, 50);
    press(&mut app, "4 tab");
    let shown = screen(&mut app, 200, 50);
    assert!(shown.contains("Units of the group (19)"), "{shown}");
    let heads = shown.matches(" · teams-focus-group-supervisors").count()
        + shown.matches(" · focus-group-professionals").count()
        + shown.matches(" · fokusgruppe-ledere").count();
    assert!(heads >= 13, "only {heads} units drawn:\n{shown}");
    // The last one is reached and the pane stays full.
    press(&mut app, "G");
    let shown = screen(&mut app, 200, 50);
    let last_rows: Vec<&str> = shown.lines().skip(40).take(8).collect();
    assert!(
        last_rows.iter().any(|l| l.contains(" · ")),
        "the bottom of the pane is not empty:\n{shown}"
    );
}

/// Issue 13, bug 8: the status line speaks of what is in front — an overlay's keys, not
/// the pane's beneath; a view-2 selection is not announced in other views; no promise
/// of `?` help where `?` is typed.
#[test]
fn the_status_line_speaks_of_what_is_in_front() {
    let (_tmp, dir) = demo_project();
    let mut app = app(&dir, "demo");
    draw(&mut app, 120, 30);
    let status = |app: &mut kondens::tui::App| {
        screen(app, 200, 30)
            .lines()
            .last()
            .unwrap_or("")
            .to_string()
    };
    press(&mut app, "P");
    let s = status(&mut app);
    assert!(s.contains("r name") && s.contains("Esc close"), "{s}");
    assert!(!s.contains("V turn"), "{s}");
    press(&mut app, "esc v l l");
    assert!(status(&mut app).contains("SELECT"));
    press(&mut app, "3");
    assert!(!status(&mut app).contains("SELECT"));
    press(&mut app, "j tab tab e");
    let s = status(&mut app);
    assert!(s.contains("EDIT") && !s.contains("? help"), "{s}");
}

/// Issue 13, item 14: at 80×24 `z` gives the focused pane the whole screen (names are
/// no longer cut to ten characters), in every view; `z` again brings the panes back.
#[test]
fn zoom_gives_the_focused_pane_the_screen() {
    let (_tmp, dir) = demo_project();
    let mut app = app(&dir, "demo");
    draw(&mut app, 80, 24);
    press(&mut app, "tab tab");
    let before = screen(&mut app, 80, 24);
    assert!(
        !before.contains("Speaking up for service users"),
        "cut at 80×24"
    );
    press(&mut app, "z");
    let zoomed = screen(&mut app, 80, 24);
    assert!(zoomed.contains("Speaking up for service users"), "{zoomed}");
    assert!(
        !zoomed.contains("Transcript") && !zoomed.contains("Units ("),
        "{zoomed}"
    );
    for keys in ["1", "1 tab tab", "3", "3 tab", "4 tab tab", "7"] {
        press(&mut app, keys);
        let shown = screen(&mut app, 80, 24);
        assert!(shown.lines().count() == 24, "{keys}");
    }
    press(&mut app, "2 z");
    assert!(screen(&mut app, 80, 24).contains("Units ("));
}

/// [`snap`] for steps that are more than keys (typing into an editor).
fn snap_steps(name: &str, steps: &dyn Fn(&mut kondens::tui::App)) {
    snap_as("demo", name, steps)
}

/// [`snap_steps`] as another person.
fn snap_as(coder: &str, name: &str, steps: &dyn Fn(&mut kondens::tui::App)) {
    for (w, h) in [(80u16, 24u16), (200, 50)] {
        let (_tmp, dir) = demo_project();
        let mut app = app(&dir, coder);
        draw(&mut app, w, h);
        steps(&mut app);
        let term = draw(&mut app, w, h);
        let shown = mask_dates(&term.backend().to_string());
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), shown);
    }
}

#[test]
fn comments_and_view_5_review() {
    let comment = |app: &mut kondens::tui::App| {
        press(app, "2 tab j C");
        type_text(app, "Is this bridge building, or plain follow-up?");
        press(app, "tab tab");
    };
    snap_steps("comment_editor", &comment);
    snap_steps("view_review", &|app| {
        comment(app);
        press(app, "esc 2");
        // The unit now carries the mark of one open thread.
        let shown = screen(app, 80, 24);
        assert!(shown.contains("✉1"), "{shown}");
        press(app, "5");
    });
    snap("view_review_empty", "5");
    // The unit and the code carry the mark of their open threads.
    snap_steps("view_coding_thread_marks", &|app| {
        comment(app);
        press(app, "esc tab C");
        type_text(app, "Should this code be split?");
        press(app, "esc");
    });
}

#[test]
fn view_5_spot_check() {
    snap_as("sup", "view_review_spotcheck", &|app| {
        let project = app.session.project();
        let by = kondens::derived::spotcheck::By::None;
        let (edit, _) = kondens::ops::start_spotcheck(project, "sup", "demo", 5, 11, by).unwrap();
        app.perform(edit);
        press(app, "5 S y j s");
    });
}

#[test]
fn view_6_compare() {
    for (w, h) in [(80u16, 24u16), (200, 50)] {
        let (_tmp, dir) = demo_project();
        // A peer codes the passages of demo's first two units, one the same, one not.
        let mut s = kondens::session::Session::open(&dir, "peer").unwrap();
        for (k, same) in [(0, true), (1, false)] {
            let p = s.project();
            let u = p.units_of("demo")[k].clone();
            let code = if same {
                u.codes[0]
            } else {
                p.codebook
                    .flatten()
                    .iter()
                    .map(|f| f.node.id)
                    .find(|c| !u.codes.contains(c))
                    .unwrap()
            };
            let edit = kondens::ops::code_passage(p, "peer", u.transcript, u.span(), code).unwrap();
            s.perform(edit).unwrap();
        }
        s.save().unwrap();
        drop(s);
        let mut app = app(&dir, "demo");
        draw(&mut app, w, h);
        press(&mut app, "6");
        let term = draw(&mut app, w, h);
        if w == 200 {
            // The passage is drawn in its turn with both spans marked: the words both
            // coded are marked as mine (background) and as theirs (underlined); the
            // words of the turn around them are not.
            let buf = term.backend().buffer();
            let cell_of = |word: &str| {
                (0..h)
                    .find_map(|y| {
                        let row: String = (84..w).map(|x| buf[(x, y)].symbol()).collect();
                        row.find(word).map(|x| &buf[(84 + x as u16, y)])
                    })
                    .unwrap_or_else(|| panic!("{word} is not in the passage pane"))
            };
            let both = cell_of("I can say it's");
            assert!(both.modifier.contains(Modifier::UNDERLINED), "{both:?}");
            assert_ne!(both.bg, Color::Reset, "{both:?}");
            let around = cell_of("something I can");
            assert!(!around.modifier.contains(Modifier::UNDERLINED));
            assert_eq!(around.bg, Color::Reset);
        }
        insta::assert_snapshot!(
            format!("view_compare_{w}x{h}"),
            mask_dates(&term.backend().to_string())
        );
    }
}

/// Writes into the code file of the demo's first code what git leaves when two people
/// renamed it: the two sides of its name line between conflict markers.
fn rename_conflict(dir: &std::path::Path) -> std::path::PathBuf {
    use kondens::model::records::{Field, Mark};
    use kondens::model::time::Stamp;
    let p = kondens::store::load(dir).unwrap();
    let path = kondens::store::code_path(dir, p.codebook.roots[0].id);
    let file = p.records.codes[&p.codebook.roots[0].id].clone();
    let side = |name: &str, by: &str| {
        let mut f = file.clone();
        f.name = Field {
            value: name.into(),
            was: Some(file.name.value.clone()),
            changed: Some(Mark {
                by: by.into(),
                at: Stamp(1_764_000_000),
            }),
        };
        kondens::store::code_text(&f).unwrap()
    };
    let (ours, theirs) = (side("Brobyggere", "bjorn"), side("Døråpnere", "anna"));
    let mut text = String::new();
    for (a, b) in ours.lines().zip(theirs.lines()) {
        if a == b {
            text += &format!("{a}\n");
        } else {
            text += &format!("<<<<<<< HEAD\n{a}\n=======\n{b}\n>>>>>>> origin/main\n");
        }
    }
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_conflict_left_by_git_is_put_in_words_and_resolved_with_a_key() {
    let (_tmp, dir) = demo_project();
    let path = rename_conflict(&dir);
    let mut screen = kondens::tui::conflicts::Screen::blocking(&dir, "bjorn")
        .unwrap()
        .expect("a conflict");
    let (theme, _) = kondens::tui::theme::Theme::from_config(&kondens::config::defaults(), true);
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    term.draw(|f| screen.draw(f, &theme)).unwrap();
    let shown = term.backend().to_string();
    assert!(
        shown.contains("bjorn renamed Bridge builders to 'Brobyggere', anna renamed it"),
        "{shown}"
    );
    let id = path.file_stem().unwrap().to_str().unwrap();
    insta::assert_snapshot!(
        "conflict_screen_80x24",
        mask_dates(&shown.replace(id, "<code id>"))
    );
    // Nothing opens while it is there.
    assert!(kondens::session::Session::open(&dir, "bjorn").is_err());
    // 2: keep the pulled one.
    let key = |c| crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(c));
    assert_eq!(screen.handle(key('2')), kondens::tui::conflicts::Flow::Open);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        !text.contains("<<<<<<<") && text.contains("Døråpnere"),
        "{text}"
    );
    let p = kondens::store::load(&dir).unwrap();
    assert_eq!(p.codebook.roots[0].name, "Døråpnere");
}
