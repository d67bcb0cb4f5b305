//! Git is the team's server: a bare origin, clones, people working through the core
//! session (as the workbench does), commits and a plain `git pull`. Independent work of
//! every kind merges and loads with nothing lost; each kind of true conflict is found by
//! `kondens check` with both sides in words, refused by every command that reads the
//! project, and resolved into a clean file.

mod common;

use common::{err, ok, run_kondens};
use kondens::model::{CodeId, Stance, Target, TextField};
use kondens::ops::{self, Move, ParticipantField};
use kondens::session::Session;
use kondens::store::{self, Choice};
use std::path::{Path, PathBuf};
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The codes of the starting project, by name.
const CODES: [&str; 5] = ["Motstand", "Tillit", "Tid", "Rolle", "Ressurser"];

/// A project on a bare origin — a transcript, five codes at the top level, one edited
/// participant — and two clones of it.
fn team(home: &Path) -> (PathBuf, PathBuf) {
    let first = home.join("first");
    ok(&run_kondens(home, &["new", first.to_str().expect("path")]));
    let sample =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_transcripts/fokusgruppe-ledere.txt");
    ok(&run_kondens(
        home,
        &[
            "import",
            first.to_str().expect("path"),
            sample.to_str().expect("path"),
        ],
    ));
    let mut s = Session::open(&first, "setup").expect("opens");
    for name in CODES {
        let (edit, _) = ops::new_code(s.project(), None, name).expect("code");
        s.perform(edit).expect("done");
    }
    let p = s.project().all_participants()[0].clone();
    let edit = ops::set_participant(s.project(), p.id, &ParticipantField::Group, "ledere")
        .expect("participant");
    s.perform(edit).expect("done");
    s.save().expect("saved");
    drop(s);
    git(&first, &["init", "-q", "-b", "main"]);
    git(&first, &["add", "-A"]);
    git(&first, &["commit", "-q", "-m", "start"]);
    git(home, &["clone", "-q", "--bare", "first", "origin.git"]);
    let (a, b) = (home.join("anna"), home.join("bjorn"));
    for c in [&a, &b] {
        clone_origin(home, c);
    }
    (a, b)
}

/// Another clone of the team's origin in `home`, at `to`.
fn clone_origin(home: &Path, to: &Path) {
    let origin = home.join("origin.git");
    let (from, to) = (origin.to_str().expect("path"), to.to_str().expect("path"));
    git(home, &["clone", "-q", from, to]);
}

fn code(s: &Session, name: &str) -> CodeId {
    s.project()
        .codebook
        .flatten()
        .iter()
        .find(|f| f.node.name == name)
        .map(|f| f.node.id)
        .unwrap_or_else(|| panic!("no code {name}"))
}

/// Opens `dir` as `who`, does `work`, saves, and commits everything.
fn work(dir: &Path, who: &str, work: impl FnOnce(&mut Session)) {
    let mut s = Session::open(dir, who).expect("opens");
    work(&mut s);
    s.save().expect("saved");
    drop(s);
    // The session's lock files must not show up as work to commit.
    let status = git(dir, &["status", "--porcelain"]);
    assert!(!status.contains(".lock"), "{status}");
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", &format!("{who} works")]);
}

fn perform(s: &mut Session, edit: kondens::Result<ops::Edit>) {
    s.perform(edit.expect("edit")).expect("performed");
}

/// `who` codes the `n`-th turn with `code`.
fn code_turn(s: &mut Session, who: &str, n: usize, code_name: &str) {
    let c = code(s, code_name);
    let p = s.project();
    let t = &p.transcripts[0];
    let e = ops::code_passage(p, who, t.id, t.turns[n].span(), c);
    perform(s, e);
}

/// `b` pulls what `a` pushed: the merge's output.
fn push_and_pull(a: &Path, b: &Path) -> String {
    git(a, &["push", "-q", "origin", "main"]);
    git(b, &["pull", "--no-rebase", "origin", "main"])
}

#[test]
fn independent_work_of_every_kind_merges_with_a_plain_pull_and_nothing_is_lost() {
    let home = tempfile::tempdir().expect("temp");
    let home = home.path();
    let (a, b) = team(home);
    assert!(a.join(".gitignore").is_file() && a.join(".gitattributes").is_file());
    let people = kondens::store::load(&a).expect("loads").all_participants();
    // p0 has a file already (setup edited it); p1 and p2 get theirs now.
    let (p0, p1, p2) = (people[0].id, people[1].id, people[2].id);
    work(&a, "anna", |s| {
        // A new code after Motstand, a subcode, a rename, a move, a description.
        let (e, _) = ops::new_code(s.project(), None, "Annas kode").expect("new");
        perform(s, Ok(e));
        let (e, _) =
            ops::new_code(s.project(), Some(code(s, "Tillit")), "Under tillit").expect("new");
        perform(s, Ok(e));
        let e = ops::rename_code(s.project(), code(s, "Tid"), "Tidspress");
        perform(s, e);
        let e = ops::move_code(s.project(), code(s, "Ressurser"), Move::Up).expect("move");
        perform(s, Ok(e.expect("moves")));
        code_turn(s, "anna", 2, "Motstand");
        let e = ops::set_text(
            s.project(),
            "anna",
            TextField::TotalImpression,
            "Annas inntrykk".into(),
        );
        perform(s, e);
        let e = ops::post_comment(
            s.project(),
            "anna",
            Target::Code(code(s, "Rolle")),
            None,
            Stance::Question,
            "Hva mener vi?",
        );
        perform(s, e);
        let e = ops::set_participant(s.project(), p1, &ParticipantField::Name, "Kari");
        perform(s, e);
        let e = ops::set_participant(s.project(), p0, &ParticipantField::Name, "Nina");
        perform(s, e);
    });
    work(&b, "bjorn", |s| {
        // A new code at the same place as anna's, a different rename, a move, the
        // colour of the code anna renamed, another participant, a part of the same
        // participant anna named.
        let (e, _) = ops::new_code(s.project(), None, "Bjørns kode").expect("new");
        perform(s, Ok(e));
        let e = ops::rename_code(s.project(), code(s, "Rolle"), "Rollen");
        perform(s, e);
        let e = ops::move_code(s.project(), code(s, "Tillit"), Move::Indent).expect("move");
        perform(s, Ok(e.expect("moves")));
        code_turn(s, "bjorn", 5, "Tid");
        let e = ops::set_text(
            s.project(),
            "bjorn",
            TextField::TotalImpression,
            "Bjørns inntrykk".into(),
        );
        perform(s, e);
        let e = ops::post_comment(
            s.project(),
            "bjorn",
            Target::Code(code(s, "Tid")),
            None,
            Stance::Disagree,
            "For bredt",
        );
        perform(s, e);
        let e = ops::set_participant(s.project(), p2, &ParticipantField::Name, "Ola");
        perform(s, e);
        let e = ops::set_participant(s.project(), p0, &ParticipantField::Role, "leder");
        perform(s, e);
    });
    let pulled = push_and_pull(&a, &b);
    assert!(!pulled.contains("CONFLICT"), "{pulled}");
    let check = ok(&run_kondens(home, &["check", b.to_str().expect("path")]));
    assert!(check.contains("the project is whole"), "{check}");
    let p = kondens::store::load(&b).expect("loads after the merge");
    let names: Vec<String> = p
        .codebook
        .flatten()
        .iter()
        .map(|f| f.node.name.clone())
        .collect();
    for n in [
        "Annas kode",
        "Bjørns kode",
        "Under tillit",
        "Tidspress",
        "Rollen",
        "Motstand",
        "Ressurser",
    ] {
        assert!(names.contains(&n.to_string()), "{n} in {names:?}");
    }
    // Tillit went under Motstand (bjorn) with anna's new subcode still under it.
    assert_eq!(
        p.codebook.path_label(code_in(&p, "Under tillit")),
        "Motstand › Tillit › Under tillit"
    );
    assert_eq!(p.units_of("anna").len(), 1);
    assert_eq!(p.units_of("bjorn").len(), 1);
    assert_eq!(p.analyses["anna"].total_impression, "Annas inntrykk");
    assert_eq!(p.analyses["bjorn"].total_impression, "Bjørns inntrykk");
    assert_eq!(p.threads().len(), 2);
    let all = p.all_participants();
    assert_eq!(all.iter().find(|x| x.id == p1).expect("p1").name, "Kari");
    let nina = all.iter().find(|x| x.id == p0).expect("p0");
    assert_eq!(
        (nina.name.as_str(), nina.role.as_str(), nina.group.as_str()),
        ("Nina", "leder", "ledere")
    );
    assert_eq!(all.iter().find(|x| x.id == p2).expect("p2").name, "Ola");
    // Who did what is on record.
    let r = &p.records.codes[&code_in(&p, "Rollen")];
    assert_eq!(r.name.changed.as_ref().expect("mark").by, "bjorn");
    assert_eq!(r.made.as_ref().expect("made").by, "setup");
    // And anna gets it all back when she pulls in turn.
    git(&b, &["push", "-q", "origin", "main"]);
    let back = git(&a, &["pull", "--no-rebase", "origin", "main"]);
    assert!(!back.contains("CONFLICT"), "{back}");
    assert_eq!(
        kondens::store::load(&a).expect("loads").codebook,
        p.codebook
    );
}

fn code_in(p: &kondens::model::Project, name: &str) -> CodeId {
    p.codebook
        .flatten()
        .iter()
        .find(|f| f.node.name == name)
        .map(|f| f.node.id)
        .unwrap_or_else(|| panic!("no code {name}"))
}

/// Checks `dir`: the report must name a conflict in these words; every reading command
/// refuses; then `choice` resolves it and the project is whole.
fn resolves(home: &Path, dir: &Path, words: &[&str], choice: Choice) -> kondens::model::Project {
    let out = run_kondens(home, &["check", dir.to_str().expect("path")]);
    let e = err(&out);
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(e.contains("1 problem in"), "{e}{listed}");
    for w in words {
        assert!(listed.contains(w), "{w:?} in {listed}");
    }
    let before = common::snapshot(dir);
    for cmd in ["stats", "export"] {
        let e = err(&run_kondens(home, &[cmd, dir.to_str().expect("path")]));
        assert!(e.contains("conflict left by a git merge"), "{cmd}: {e}");
    }
    assert_eq!(
        common::snapshot(dir),
        before,
        "nothing is written meanwhile"
    );
    let found = store::find_conflicts(dir).expect("reads");
    let project = store::load(dir);
    let found = if found.is_empty() {
        store::deleted_in_use(dir, &project.expect("loads"))
    } else {
        found
    };
    assert_eq!(found.len(), 1, "{found:?}");
    store::resolve(dir, &found[0], choice, "bjorn").expect("resolves");
    let check = ok(&run_kondens(home, &["check", dir.to_str().expect("path")]));
    assert!(check.contains("the project is whole"), "{check}");
    git(dir, &["commit", "-q", "-am", "resolved"]);
    store::load(dir).expect("loads")
}

/// Someone runs `git pull` in another terminal while their workbench is open and holds
/// the code tree: the pulled codes show within a moment, and the workbench's next save
/// of a code the pull changed keeps the change (it used to write the code back as it
/// had it, undoing the other person's rename).
#[test]
fn a_pull_while_the_workbench_is_open_brings_the_codes_and_its_next_save_keeps_them() {
    let home = tempfile::tempdir().expect("temp");
    let home = home.path();
    let (a, b) = team(home);
    work(&b, "bjorn", |s| {
        let tid = code(s, "Tid");
        perform(s, ops::rename_code(s.project(), tid, "Tidspress"));
        perform(s, ops::new_code(s.project(), None, "Håp").map(|(e, _)| e));
        code_turn(s, "bjorn", 2, "Håp");
        let p = s.project().all_participants()[0].id;
        perform(
            s,
            ops::set_participant(s.project(), p, &ParticipantField::Name, "Leder A"),
        );
    });
    git(&b, &["push", "-q", "origin", "main"]);
    let mut anna = Session::open(&a, "anna").expect("opens");
    assert_eq!(
        anna.tree_held_by(),
        None,
        "anna's workbench writes the tree"
    );
    let out = git(&a, &["pull", "--no-rebase", "origin", "main"]);
    assert!(anna.refresh_others(), "the pull is read: {out}");
    let names = |p: &kondens::model::Project| -> Vec<String> {
        p.codebook
            .flatten()
            .iter()
            .map(|f| f.node.name.clone())
            .collect()
    };
    let shown = names(anna.project());
    assert!(shown.contains(&"Tidspress".to_string()), "{shown:?}");
    assert!(shown.contains(&"Håp".to_string()), "{shown:?}");
    assert!(!shown.contains(&"Tid".to_string()), "{shown:?}");
    let person = anna.project().all_participants()[0].clone();
    assert_eq!(
        person.name, "Leder A",
        "bjorn's name for the participant is read"
    );
    // anna moves the code bjorn renamed and gives the person bjorn named a role; her own
    // save is not news to her.
    let tid = code(&anna, "Tidspress");
    let edit = ops::move_code(anna.project(), tid, Move::Indent).map(|e| e.expect("moves"));
    perform(&mut anna, edit);
    let edit = ops::set_participant(anna.project(), person.id, &ParticipantField::Role, "leader");
    perform(&mut anna, edit);
    anna.save().expect("saved");
    assert!(!anna.refresh_others(), "what anna saved is what she has");
    drop(anna);
    let p = store::load(&a).expect("loads");
    let on_disk = names(&p);
    assert!(on_disk.contains(&"Tidspress".to_string()), "{on_disk:?}");
    assert!(!on_disk.contains(&"Tid".to_string()), "{on_disk:?}");
    let moved = p
        .codebook
        .flatten()
        .into_iter()
        .find(|f| f.node.id == tid)
        .expect("kept");
    assert_eq!(moved.depth, 1, "anna's move is kept too");
    assert!(
        p.units_of("bjorn")
            .iter()
            .any(|u| u.codes.contains(&code_in(&p, "Håp")))
    );
    let person = p.all_participants()[0].clone();
    assert_eq!(
        (person.name.as_str(), person.role.as_str()),
        ("Leder A", "leader")
    );
}

/// A pull that changes one's *own* files under an open workbench (work pushed from
/// another machine; a correction someone made, which moves everyone's units) is not
/// written over: the session says what changed and refuses to change or save anything
/// more, and what the pull brought is what loads.
#[test]
fn a_pull_that_changes_my_own_files_under_an_open_workbench_is_not_written_over() {
    let home = tempfile::tempdir().expect("temp");
    let home = home.path();
    let (a, _) = team(home);
    // anna's laptop: another clone of the same project.
    let laptop = home.join("laptop");
    clone_origin(home, &laptop);
    work(&laptop, "anna", |s| code_turn(s, "anna", 1, "Tillit"));
    git(&laptop, &["push", "-q", "origin", "main"]);

    let mut anna = Session::open(&a, "anna").expect("opens");
    assert!(!anna.refresh_others(), "nothing new yet");
    code_turn(&mut anna, "anna", 3, "Tid");
    let out = git(&a, &["pull", "--no-rebase", "origin", "main"]);
    assert!(
        anna.refresh_others(),
        "the change under anna is found: {out}"
    );
    let why = anna.changed_under_me().expect("said").to_string();
    assert!(why.contains("units/anna.ron changed on disk"), "{why}");
    assert!(
        why.starts_with("Quit (q) and open the project again"),
        "{why}"
    );
    assert!(
        why.contains("The last changes made here are not saved"),
        "{why}"
    );
    let refused = anna.save().expect_err("not written over").to_string();
    assert_eq!(refused, why);
    let p = anna.project();
    let edit = ops::new_code(p, None, "Håp").map(|(e, _)| e).expect("edit");
    assert!(anna.perform(edit).is_err(), "nor changed any more");
    assert!(anna.undo().is_some_and(|r| r.is_err()), "nor undone");
    drop(anna);
    let p = store::load(&a).expect("loads");
    let units = p.units_of("anna");
    assert_eq!(units.len(), 1, "the laptop's unit, as pulled");
    assert!(units[0].codes.contains(&code_in(&p, "Tillit")));
}

/// A pull that leaves a conflict in the code tree while the workbench is open: the tree
/// stays as it was there, and the workbench says why.
#[test]
fn a_conflict_pulled_while_the_workbench_is_open_is_said_and_the_tree_kept() {
    let home = tempfile::tempdir().expect("temp");
    let home = home.path();
    let (a, b) = team(home);
    both_rename_motstand(&a, &b);
    git(&a, &["push", "-q", "origin", "main"]);
    let mut bjorn = Session::open(&b, "bjorn").expect("opens");
    assert!(git(&b, &["pull", "--no-rebase", "origin", "main"]).contains("CONFLICT"));
    assert!(bjorn.refresh_others(), "the conflict is news");
    let said = bjorn.unreadable();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].starts_with("the project has 1 conflict left by a git merge; resolve it first"),
        "{said:?}"
    );
    assert!(
        bjorn
            .project()
            .codebook
            .flatten()
            .iter()
            .any(|f| f.node.name == "Skepsis")
    );
}

/// anna renames Motstand to 'Motstand mot endring', bjorn to 'Skepsis', each in their
/// own clone, committed.
fn both_rename_motstand(a: &Path, b: &Path) {
    work(a, "anna", |s| {
        let e = ops::rename_code(s.project(), code(s, "Motstand"), "Motstand mot endring");
        perform(s, e);
    });
    work(b, "bjorn", |s| {
        let e = ops::rename_code(s.project(), code(s, "Motstand"), "Skepsis");
        perform(s, e);
    });
}

#[test]
fn both_renamed_one_code_is_reported_in_words_and_resolved_by_picking_a_side() {
    let home = tempfile::tempdir().expect("temp");
    let home = home.path();
    let (a, b) = team(home);
    both_rename_motstand(&a, &b);
    assert!(push_and_pull(&a, &b).contains("CONFLICT"));
    // Ours is bjorn's clone (HEAD), theirs what anna pushed.
    let p = resolves(
        home,
        &b,
        &[
            "bjorn renamed Motstand to 'Skepsis', anna renamed it to 'Motstand mot endring'",
            "codes/",
        ],
        Choice::Theirs,
    );
    assert_eq!(p.codebook.roots[0].name, "Motstand mot endring");
}

#[test]
fn both_moved_one_code_to_different_places_is_reported_and_resolved() {
    let home = tempfile::tempdir().expect("temp");
    let home = home.path();
    let (a, b) = team(home);
    // anna puts Tid under Tillit (the one above it); bjorn moves it up to the top.
    work(&a, "anna", |s| {
        let e = ops::move_code(s.project(), code(s, "Tid"), Move::Indent).expect("move");
        perform(s, Ok(e.expect("moves")));
    });
    work(&b, "bjorn", |s| {
        for _ in 0..2 {
            let e = ops::move_code(s.project(), code(s, "Tid"), Move::Up).expect("move");
            perform(s, Ok(e.expect("moves")));
        }
    });
    assert!(push_and_pull(&a, &b).contains("CONFLICT"));
    let p = resolves(
        home,
        &b,
        &["bjorn moved 'Tid' under the top level, anna moved it under 'Tillit'"],
        Choice::Ours,
    );
    assert_eq!(p.codebook.roots[0].name, "Tid");
}

#[test]
fn a_code_deleted_while_someone_coded_with_it_is_kept_listed_and_restored() {
    let home = tempfile::tempdir().expect("temp");
    let home = home.path();
    let (a, b) = team(home);
    work(&a, "anna", |s| {
        let e = ops::delete_code(s.project(), "anna", code(s, "Ressurser"));
        perform(s, e);
    });
    work(&b, "bjorn", |s| code_turn(s, "bjorn", 3, "Ressurser"));
    // No git conflict: different files. kondens finds it.
    assert!(!push_and_pull(&a, &b).contains("CONFLICT"));
    let out = run_kondens(home, &["check", b.to_str().expect("path")]);
    let listed = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(!out.status.success());
    assert!(
        listed.contains("carries code 'Ressurser', which anna deleted on "),
        "{listed}"
    );
    // The unit is kept (stats still runs and lists it).
    let p = store::load(&b).expect("loads");
    assert_eq!(p.units_of("bjorn").len(), 1);
    let found = store::deleted_in_use(&b, &p);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].words.starts_with("anna deleted 'Ressurser' on "),
        "{}",
        found[0].words
    );
    assert!(
        found[0]
            .words
            .ends_with("but 1 of bjorn's meaning units still carry it")
    );
    store::resolve(&b, &found[0], Choice::Restore, "bjorn").expect("restores");
    let check = ok(&run_kondens(home, &["check", b.to_str().expect("path")]));
    assert!(check.contains("the project is whole"), "{check}");
}

#[test]
fn a_code_added_under_one_someone_deleted_is_reported_and_put_back_in_the_tree() {
    let home = tempfile::tempdir().expect("temp");
    let home = home.path();
    let (a, b) = team(home);
    work(&a, "anna", |s| {
        let e = ops::delete_code(s.project(), "anna", code(s, "Tid"));
        perform(s, e);
    });
    work(&b, "bjorn", |s| {
        let (e, _) = ops::new_code(s.project(), Some(code(s, "Tid")), "Ventetid").expect("new");
        perform(s, Ok(e));
    });
    assert!(!push_and_pull(&a, &b).contains("CONFLICT"));
    let p = resolves(
        home,
        &b,
        &["bjorn put 'Ventetid' under 'Tid', which anna deleted"],
        Choice::Restore,
    );
    assert_eq!(
        p.codebook.path_label(code_in(&p, "Ventetid")),
        "Tid › Ventetid"
    );
}

#[test]
fn both_named_one_participant_is_reported_and_both_names_can_be_kept() {
    let home = tempfile::tempdir().expect("temp");
    let home = home.path();
    let (a, b) = team(home);
    let id = store::load(&a).expect("loads").participants[0].id;
    for (dir, who, name) in [(&a, "anna", "Kari"), (&b, "bjorn", "Kari N.")] {
        work(dir, who, |s| {
            let e = ops::set_participant(s.project(), id, &ParticipantField::Name, name);
            perform(s, e);
        });
    }
    assert!(push_and_pull(&a, &b).contains("CONFLICT"));
    let p = resolves(
        home,
        &b,
        &[
            "bjorn set the name of Kari N. to 'Kari N.', anna set it to 'Kari'",
            "participants/",
        ],
        Choice::Both,
    );
    assert_eq!(p.participants[0].name, "Kari N. / Kari");
}

/// One person's edit, on the codes and participants of the starting project.
#[derive(Clone, Debug)]
enum Step {
    NewCode { under: Option<usize> },
    Rename { code: usize },
    Move { code: usize, how: u8 },
    CodeTurn { turn: usize, code: usize },
    Memo,
    Comment { code: usize },
    Participant { who: usize, field: u8 },
}

fn step() -> impl proptest::strategy::Strategy<Value = Step> {
    use proptest::prelude::*;
    prop_oneof![
        proptest::option::of(0usize..5).prop_map(|under| Step::NewCode { under }),
        (0usize..5).prop_map(|code| Step::Rename { code }),
        (0usize..5, 0u8..4).prop_map(|(code, how)| Step::Move { code, how }),
        (0usize..8, 0usize..5).prop_map(|(turn, code)| Step::CodeTurn { turn, code }),
        Just(Step::Memo),
        (0usize..5).prop_map(|code| Step::Comment { code }),
        (0usize..2, 0u8..3).prop_map(|(who, field)| Step::Participant { who, field }),
    ]
}

/// Does `steps` as `who` in `dir` (steps that cannot be done there are skipped), saves
/// and commits.
fn play(
    dir: &Path,
    who: &str,
    start: &[CodeId],
    people: &[kondens::model::ParticipantId],
    steps: &[Step],
) {
    work(dir, who, |s| {
        for (n, st) in steps.iter().enumerate() {
            let name = format!("{who}-{n}");
            let p = s.project();
            let edit = match st {
                Step::NewCode { under } => {
                    ops::new_code(p, under.map(|i| start[i]), &name).map(|(e, _)| Some(e))
                }
                Step::Rename { code } => ops::rename_code(p, start[*code], &name).map(Some),
                Step::Move { code, how } => {
                    let how = [Move::Up, Move::Down, Move::Indent, Move::Outdent][*how as usize];
                    ops::move_code(p, start[*code], how)
                }
                Step::CodeTurn { turn, code } => {
                    let t = &p.transcripts[0];
                    ops::code_passage(p, who, t.id, t.turns[*turn].span(), start[*code]).map(Some)
                }
                Step::Memo => ops::set_text(p, who, TextField::TotalImpression, name).map(Some),
                Step::Comment { code } => ops::post_comment(
                    p,
                    who,
                    Target::Code(start[*code]),
                    None,
                    Stance::Comment,
                    &name,
                )
                .map(Some),
                Step::Participant { who: i, field } => {
                    let field = [
                        ParticipantField::Name,
                        ParticipantField::Role,
                        ParticipantField::Group,
                    ][*field as usize]
                        .clone();
                    ops::set_participant(p, people[*i], &field, &name).map(Some)
                }
            };
            if let Ok(Some(e)) = edit {
                // A step refused (a code that is too deep) is as if not taken.
                let _ = s.perform(e);
            }
        }
    });
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 8, .. Default::default() })]

    /// Two people edit one project on their own clones; the merge loses nothing that
    /// did not truly conflict: every unit, memo, comment and new code of both is there,
    /// every code of the start is still in the tree, and a name or a participant's part
    /// that one of them changed is what that one made it (where both did, the conflict
    /// was resolved with the puller's side).
    #[test]
    fn merging_two_peoples_work_loses_nothing_that_did_not_truly_conflict(
        a_steps in proptest::collection::vec(step(), 1..7),
        b_steps in proptest::collection::vec(step(), 1..7),
    ) {
        let home = tempfile::tempdir().expect("temp");
        let home = home.path();
        let (a, b) = team(home);
        let start_project = store::load(&a).expect("loads");
        let start: Vec<CodeId> = CODES.iter().map(|n| code_in(&start_project, n)).collect();
        // Two participants with files (both edited once by setup below).
        work(&a, "setup", |s| {
            let ids: Vec<_> = s.project().all_participants().iter().take(2).map(|p| p.id).collect();
            for id in ids {
                let e = ops::set_participant(s.project(), id, &ParticipantField::FocusGroup, "fg");
                perform(s, e);
            }
        });
        git(&a, &["push", "-q", "origin", "main"]);
        git(&b, &["pull", "-q", "--no-rebase", "origin", "main"]);
        let base = store::load(&a).expect("loads");
        let people: Vec<_> = base.participants.iter().map(|p| p.id).collect();
        play(&a, "anna", &start, &people, &a_steps);
        play(&b, "bjorn", &start, &people, &b_steps);
        let (mine_a, mine_b) = (store::load(&a).expect("a"), store::load(&b).expect("b"));
        push_and_pull(&a, &b);
        // Resolve whatever truly conflicts with the puller's side (or the top level).
        for _ in 0..10 {
            let found = store::find_conflicts(&b).expect("reads");
            if found.is_empty() {
                break;
            }
            for c in &found {
                let choice = if c.choices().contains(&Choice::Ours) { Choice::Ours } else { Choice::TopLevel };
                store::resolve(&b, c, choice, "bjorn").expect("resolves");
            }
        }
        let merged = store::load(&b).expect("the merge loads");
        proptest::prop_assert!(store::check(&b).is_empty(), "{:?}", store::check(&b));
        for (who, mine) in [("anna", &mine_a), ("bjorn", &mine_b)] {
            proptest::prop_assert_eq!(merged.units_of(who), mine.units_of(who));
            proptest::prop_assert_eq!(merged.analyses.get(who), mine.analyses.get(who));
            proptest::prop_assert_eq!(merged.reviews.get(who), mine.reviews.get(who));
            for f in mine.codebook.flatten() {
                if base.codebook.get(f.node.id).is_none() {
                    let got = merged.codebook.get(f.node.id);
                    proptest::prop_assert_eq!(got.map(|n| n.name.as_str()), Some(f.node.name.as_str()));
                }
            }
        }
        for id in &start {
            let was = &base.codebook.get(*id).expect("start").name;
            let (na, nb) = (&mine_a.codebook.get(*id).expect("a").name, &mine_b.codebook.get(*id).expect("b").name);
            let want = if nb != was { nb } else { na };
            proptest::prop_assert_eq!(&merged.codebook.get(*id).expect("kept in the tree").name, want);
        }
        let part = |p: &kondens::model::Project, id| p.participants.iter().find(|x| x.id == id).cloned().expect("participant");
        for id in &people {
            let (was, pa, pb, got) = (part(&base, *id), part(&mine_a, *id), part(&mine_b, *id), part(&merged, *id));
            for f in [|p: &kondens::model::Participant| p.name.clone(), |p: &kondens::model::Participant| p.role.clone(), |p: &kondens::model::Participant| p.group.clone()] {
                let want = if f(&pb) != f(&was) { f(&pb) } else { f(&pa) };
                proptest::prop_assert_eq!(f(&got), want);
            }
        }
    }
}
