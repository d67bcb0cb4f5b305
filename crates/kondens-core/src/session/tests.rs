use super::*;
use crate::model::{CodeId, TextField};
use crate::ops::Move;
use proptest::prelude::*;

const TEXT: &str = "Moderator: How did the first week go?\n\nP1: Hard, to be honest. \
Nobody knew what a peer worker was for.\n\nP2: For me it was the opposite; they \
asked me everything.\n\nModerator: And the managers?\n\nP1: They talked about values, \
not about pay.\n";

/// A project on disk with one transcript, opened as `ana`.
fn fresh() -> (tempfile::TempDir, Session) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    store::create(&dir, "t", "q").unwrap();
    let mut project = store::load(&dir).unwrap();
    let (t, _) = crate::import::from_bytes(
        TEXT.as_bytes(),
        "fg1.txt",
        "fg1",
        crate::import::Format::Txt,
    )
    .unwrap();
    store::add_transcripts(&dir, &mut project, vec![t]).unwrap();
    let session = Session::open(&dir, "ana").unwrap();
    (tmp, session)
}

/// One random edit, chosen against the project as it is.
fn edit_from(s: &Session, kind: u8, a: u8, b: u8, n: u16) -> Option<Edit> {
    let p = s.project();
    let me = s.coder();
    let codes: Vec<CodeId> = p.codebook.flatten().iter().map(|f| f.node.id).collect();
    let pick = |x: u8| (!codes.is_empty()).then(|| codes[x as usize % codes.len()]);
    let t = &p.transcripts[0];
    let units = p.units_of(me);
    let unit = |x: u8| (!units.is_empty()).then(|| units[x as usize % units.len()].id);
    let name = format!("code {n}");
    match kind % 15 {
        0 => ops::new_code(p, if a.is_multiple_of(3) { None } else { pick(b) }, &name)
            .ok()
            .map(|(e, _)| e),
        1 => ops::rename_code(p, pick(a)?, &name).ok(),
        2 => {
            let how = [Move::Up, Move::Down, Move::Outdent, Move::Indent][b as usize % 4];
            ops::move_code(p, pick(a)?, how).ok().flatten()
        }
        3 => ops::delete_code(p, me, pick(a)?).ok(),
        4 | 5 => {
            let len = t.text.len();
            let start = (n as usize * 7) % len;
            let mut end = (start + 1 + b as usize).min(len);
            while !t.text.is_char_boundary(end) {
                end -= 1;
            }
            ops::code_passage(p, me, t.id, start..end, pick(a)?).ok()
        }
        6 => ops::delete_unit(p, me, unit(a)?).ok(),
        7 => ops::set_unit_note(p, me, unit(a)?, &name).ok(),
        8 => ops::toggle_unit_code(p, me, unit(a)?, pick(b)?).ok(),
        9 => ops::add_theme(p, me, &name, 0).ok().map(|(e, _)| e),
        10 => ops::set_text(p, me, TextField::TotalImpression, name).ok(),
        12 => ops::merge_codes(p, pick(a)?, pick(b)?).ok(),
        13 => ops::move_to_subgroup(p, me, unit(a)?, pick(b)?, pick(n as u8)?).ok(),
        14 => {
            let u = p.unit(me, unit(a)?)?;
            let len = t.text.len();
            let mut end = (u.end + b as usize % 9).min(len);
            while !t.text.is_char_boundary(end) {
                end -= 1;
            }
            ops::set_unit_span(p, me, u.id, t.id, u.start..end).ok()
        }
        11 => {
            let people = p.all_participants();
            let person = |x: u8| people.get(x as usize % people.len().max(1)).map(|p| p.id);
            if n.is_multiple_of(4) {
                ops::merge_participants(p, person(a)?, person(b)?).ok()
            } else {
                let field = [ops::ParticipantField::Name, ops::ParticipantField::Group]
                    [n as usize % 2]
                    .clone();
                ops::set_participant(p, person(a)?, &field, &name).ok()
            }
        }
        _ => {
            let sub = pick(a)?;
            ops::set_text(p, me, TextField::Condensate(sub), name).ok()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Every change undoes to exactly the project before it and redoes to exactly the
    /// project after it; what is saved loads back as the project in memory.
    #[test]
    fn changes_invert_and_what_is_saved_loads_back(
        steps in proptest::collection::vec((any::<u8>(), any::<u8>(), any::<u8>(), any::<u16>()), 1..40)
    ) {
        let (_tmp, mut s) = fresh();
        for (kind, a, b, n) in steps {
            let Some(edit) = edit_from(&s, kind, a, b, n) else { continue };
            let before = s.project().clone();
            if s.perform(edit).is_err() {
                prop_assert_eq!(s.project(), &before, "a refused change changes nothing");
                continue;
            }
            let after = s.project().clone();
            s.undo().unwrap().unwrap();
            prop_assert_eq!(s.project(), &before);
            s.redo().unwrap().unwrap();
            prop_assert_eq!(s.project(), &after);
        }
        s.save().unwrap();
        prop_assert!(!s.is_dirty());
        // The tree and the participants are read back after my own save (to notice a
        // `git pull`): what I wrote is no news, and leaves the project as it was.
        let saved = s.project().clone();
        prop_assert!(!s.refresh_others(), "my own save is not news");
        prop_assert_eq!(s.project(), &saved);
        let back = store::load(s.dir()).unwrap();
        prop_assert_eq!(&back, s.project());
    }
}

#[test]
fn a_change_names_the_files_it_writes_and_save_writes_only_those() {
    let (_tmp, mut s) = fresh();
    let (e, code) = ops::new_code(s.project(), None, "Roles").unwrap();
    s.perform(e).unwrap();
    assert_eq!(s.dirty().iter().collect::<Vec<_>>(), [&FileRef::Codebook]);
    let t = s.project().transcripts[0].id;
    let e = ops::code_passage(s.project(), "ana", t, 0..9, code).unwrap();
    s.perform(e).unwrap();
    assert!(s.dirty().contains(&FileRef::Units("ana".into())));
    s.save().unwrap();
    assert!(!s.is_dirty());
    assert!(store::units_path(s.dir(), "ana").is_file());
    assert!(
        !store::analysis_path(s.dir(), "ana").exists(),
        "nothing asked for it"
    );
}

#[test]
fn a_change_to_another_persons_file_is_said_and_written_when_they_are_away() {
    let (_tmp, mut s) = fresh();
    let (e, code) = ops::new_code(s.project(), None, "Roles").unwrap();
    s.perform(e).unwrap();
    let t = s.project().transcripts[0].id;
    // A unit of bjorn's, made through ops as bjorn would.
    let e = ops::code_passage(s.project(), "bjorn", t, 0..9, code).unwrap();
    assert_eq!(
        e.change.touched().into_iter().collect::<Vec<_>>(),
        [FileRef::Units("bjorn".into())]
    );
    s.perform(e).unwrap();
    s.save().unwrap();
    assert_eq!(store::load(s.dir()).unwrap().units_of("bjorn").len(), 1);
}

#[test]
fn a_change_to_a_person_who_has_the_project_open_is_refused() {
    let (_tmp, mut s) = fresh();
    let bjorn = Session::open(s.dir(), "bjorn").unwrap();
    let (e, code) = ops::new_code(s.project(), None, "Roles").unwrap();
    s.perform(e).unwrap();
    let t = s.project().transcripts[0].id;
    let e = ops::code_passage(s.project(), "bjorn", t, 0..9, code).unwrap();
    let err = s.perform(e).unwrap_err().to_string();
    assert!(err.contains("bjorn has the project open"), "{err}");
    drop(bjorn);
}

#[test]
fn a_read_only_tree_refuses_tree_changes_in_the_core_too() {
    let (_tmp, first) = fresh();
    let mut second = Session::open(first.dir(), "bjorn").unwrap();
    assert_eq!(second.tree_held_by(), Some("ana"));
    let (e, _) = ops::new_code(second.project(), None, "Mine").unwrap();
    let err = second.perform(e).unwrap_err().to_string();
    assert!(err.contains("ana is editing the code tree"), "{err}");
    assert!(!second.is_dirty());
}

#[test]
fn undoing_a_new_code_another_coder_has_used_since_is_refused() {
    let (_tmp, mut ana) = fresh();
    let (e, code) = ops::new_code(ana.project(), None, "Fresh").unwrap();
    ana.perform(e).unwrap();
    ana.save().unwrap();
    {
        // Bjorn opens after that and codes with it.
        let mut bjorn = Session::open(ana.dir(), "bjorn").unwrap();
        let t = bjorn.project().transcripts[0].id;
        let e = ops::code_passage(bjorn.project(), "bjorn", t, 0..9, code).unwrap();
        bjorn.perform(e).unwrap();
        bjorn.save().unwrap();
    }
    let err = ana.undo().unwrap().unwrap_err().to_string();
    assert!(err.contains("bjorn has meaning units coded"), "{err}");
    assert!(ana.project().codebook.get(code).is_some());
    store::load(ana.dir()).expect("the project still opens");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Nothing kondens writes can be refused by its own reader: three coders work at
    /// once (the first writes the tree, the others see it as it was when they opened),
    /// edit, undo, save and reopen in any order, and the project on disk always loads.
    #[test]
    fn whatever_several_coders_do_the_project_still_opens(
        steps in proptest::collection::vec((0u8..3, any::<u8>(), any::<u8>(), any::<u8>(), any::<u16>()), 1..60)
    ) {
        let (_tmp, first) = fresh();
        let dir = first.dir().to_path_buf();
        let names = ["ana", "bo", "cy"];
        let mut sessions: Vec<Option<Session>> = vec![Some(first), None, None];
        for (who, kind, a, b, n) in steps {
            let w = who as usize;
            if sessions[w].is_none() {
                sessions[w] = Some(Session::open(&dir, names[w]).unwrap());
            }
            let s = sessions[w].as_mut().unwrap();
            match kind % 16 {
                12 => {
                    let _ = s.undo();
                }
                13 => s.save().unwrap(),
                14 => {
                    // Closing (saving first) and opening again later sees the others' work.
                    s.save().unwrap();
                    sessions[w] = None;
                }
                _ => {
                    if let Some(edit) = edit_from(s, kind, a, b, n) {
                        let _ = s.perform(edit);
                    }
                }
            }
            if kind % 4 == 0 {
                store::load(&dir).map_err(|e| TestCaseError::fail(e.to_string()))?;
            }
        }
        for s in sessions.iter_mut().flatten() {
            s.save().unwrap();
        }
        store::load(&dir).map_err(|e| TestCaseError::fail(e.to_string()))?;
    }
}

#[test]
fn a_code_deleted_while_another_coder_still_sees_it_leaves_a_project_that_opens() {
    let (_tmp, mut ana) = fresh();
    let (e, code) = ops::new_code(ana.project(), None, "Doomed").unwrap();
    ana.perform(e).unwrap();
    ana.save().unwrap();
    let mut bo = Session::open(ana.dir(), "bo").unwrap();
    // Ana deletes the code; Bo's tree still shows it, and Bo codes with it.
    let e = ops::delete_code(ana.project(), "ana", code).unwrap();
    ana.perform(e).unwrap();
    ana.save().unwrap();
    let t = bo.project().transcripts[0].id;
    let e = ops::code_passage(bo.project(), "bo", t, 0..9, code).unwrap();
    bo.perform(e).unwrap();
    bo.save().unwrap();
    let p = store::load(ana.dir()).expect("the project still opens");
    assert_eq!(p.units_of("bo").len(), 1, "Bo's unit is kept");
    let problems = crate::derived::problems(&p);
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].contains("units/bo.ron: 1 meaning unit of bo"),
        "{problems:?}"
    );
}

#[test]
fn the_tree_grows_no_deeper_than_its_reader_reads() {
    let (_tmp, mut s) = fresh();
    let mut parent = None;
    for level in 1..=crate::model::MAX_DEPTH {
        let (e, id) = ops::new_code(s.project(), parent, &format!("level {level}")).unwrap();
        s.perform(e).unwrap();
        parent = Some(id);
    }
    let (e, _) = ops::new_code(s.project(), parent, "one too deep").unwrap();
    let err = s.perform(e).unwrap_err().to_string();
    assert!(err.contains("at most 16 levels"), "{err}");
    s.save().unwrap();
    store::load(s.dir()).expect("the deepest tree kondens writes loads");
}

#[test]
fn a_reader_never_sees_a_half_written_change() {
    // One coder makes, uses and deletes a code over and over, saving each time; another
    // process's reader loads the project meanwhile. Every load must succeed.
    let (_tmp, mut ana) = fresh();
    let dir = ana.dir().to_path_buf();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let loads = std::thread::scope(|scope| {
        let reader = scope.spawn(|| {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                store::load(&dir).unwrap_or_else(|e| panic!("load {n} failed: {e}"));
                n += 1;
            }
            n
        });
        let t = ana.project().transcripts[0].id;
        for i in 0..60 {
            let (e, code) = ops::new_code(ana.project(), None, &format!("c{i}")).unwrap();
            ana.perform(e).unwrap();
            let e = ops::code_passage(ana.project(), "ana", t, 0..9, code).unwrap();
            ana.perform(e).unwrap();
            ana.save().unwrap();
            let e = ops::delete_code(ana.project(), "ana", code).unwrap();
            ana.perform(e).unwrap();
            ana.save().unwrap();
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        reader.join().unwrap()
    });
    assert!(loads > 0);
}

#[test]
fn merging_a_code_moves_every_persons_units_and_its_children_and_undoes_as_one() {
    let (_tmp, mut s) = fresh();
    let (e, a) = ops::new_code(s.project(), None, "Skepsis").unwrap();
    s.perform(e).unwrap();
    let (e, child) = ops::new_code(s.project(), Some(a), "Tvil").unwrap();
    s.perform(e).unwrap();
    let (e, b) = ops::new_code(s.project(), None, "Motstand").unwrap();
    s.perform(e).unwrap();
    let t = s.project().transcripts[0].clone();
    let e = ops::code_passage(s.project(), "ana", t.id, t.turns[1].span(), a).unwrap();
    s.perform(e).unwrap();
    // Another person's unit with both codes: it keeps one.
    let mut other = s.project().units_of("ana")[0].clone();
    other.id = crate::model::UnitId::new();
    other.codes = vec![a, b];
    s.perform(Edit {
        change: Change::InsertUnit {
            coder: "bo".into(),
            unit: other.clone(),
        },
        label: "bo codes".into(),
    })
    .unwrap();
    assert_eq!(
        ops::uses_by_person(s.project(), a),
        [("ana".into(), 1), ("bo".into(), 1)]
    );
    let before = s.project().clone();
    let label = s
        .perform(ops::merge_codes(s.project(), a, b).unwrap())
        .unwrap();
    assert_eq!(label, "Merged Skepsis into Motstand (2 units of 2 people)");
    let p = s.project();
    assert!(p.codebook.get(a).is_none());
    assert_eq!(p.codebook.get(b).unwrap().children[0].id, child);
    assert_eq!(p.units_of("ana")[0].codes, [b]);
    assert_eq!(p.unit("bo", other.id).unwrap().codes, [b]);
    s.undo().unwrap().unwrap();
    assert_eq!(s.project(), &before);
    assert!(
        ops::merge_codes(s.project(), a, child).is_err(),
        "not into its own child"
    );
}

#[test]
fn a_correction_waits_for_pending_changes_and_for_everyone_to_close_the_project() {
    let (_tmp, mut s) = fresh();
    let t = s.project().transcripts[0].clone();
    let (corrected, _) = crate::import::from_bytes(
        TEXT.replace("Hard, to be", "Hard, I have to be").as_bytes(),
        "fg1.txt",
        "fg1",
        crate::import::Format::Txt,
    )
    .unwrap();
    let when = crate::model::time::Stamp(1_800_000_000);
    let plan = |s: &Session| crate::correct::plan(s.project(), t.id, &corrected, when).unwrap();
    // A change waiting to be saved was made on the old text.
    let (e, code) = ops::new_code(s.project(), None, "Roles").unwrap();
    s.perform(e).unwrap();
    let e = ops::code_passage(s.project(), "ana", t.id, 50..70, code).unwrap();
    s.perform(e).unwrap();
    let p = plan(&s);
    let err = s.correct(p, "fg1.txt", when).unwrap_err().to_string();
    assert!(err.contains("waiting to be saved"), "{err}");
    s.save().unwrap();
    // Someone else with the project open holds their units: refused, naming them.
    let bjorn = Session::open(s.dir(), "bjorn").unwrap();
    let p = plan(&s);
    let err = s.correct(p, "fg1.txt", when).unwrap_err().to_string();
    assert!(err.contains("bjorn has the project open"), "{err}");
    drop(bjorn);
    // Then it goes through: my unit moved with its words, and undo has nothing to undo
    // across the correction.
    let before = s.project().units_of("ana")[0].clone();
    let p = plan(&s);
    s.correct(p, "fg1.txt", when).unwrap();
    let after = &s.project().units_of("ana")[0];
    let new_text = &s.project().transcripts[0].text;
    assert_eq!(
        &new_text[after.span()],
        &t.text[before.span()],
        "the unit keeps its words"
    );
    assert!(s.undo().is_none());
    let reloaded = store::load(s.dir()).unwrap();
    assert_eq!(
        &reloaded,
        s.project(),
        "what is in memory is what is on disk"
    );
}
