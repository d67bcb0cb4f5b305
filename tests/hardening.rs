//! The attack run's findings, end to end against the real binary: no ordinary action
//! makes a project unopenable, no write escapes the project or goes through a planted
//! link, and every refusal leaves the project exactly as it was.

mod common;

use common::{err, ok, run_kondens as kondens, snapshot};
use std::path::{Path, PathBuf};

const TRANSCRIPT: &str = "M: Hva tenker dere?\n\nP1: Jeg synes det er bra.\n\nP2: Tja.\n";

/// A project with one imported transcript; its folder.
fn project(home: &Path) -> PathBuf {
    let dir = home.join("proj");
    let d = dir.to_str().unwrap();
    ok(&kondens(home, &["new", d]));
    let t = home.join("fg1.txt");
    std::fs::write(&t, TRANSCRIPT).unwrap();
    ok(&kondens(home, &["import", d, t.to_str().unwrap()]));
    dir
}

#[test]
fn export_out_inside_a_project_is_refused_and_nothing_changes() {
    let home = tempfile::tempdir().unwrap();
    let dir = project(home.path());
    let d = dir.to_str().unwrap();
    let before = snapshot(&dir);
    let transcript = std::fs::read_dir(dir.join("transcripts"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    for target in [
        dir.join("codes").join("new-code.ron"),
        dir.join("kondens.ron"),
        transcript,
        dir.join("new-file.ron"),
        dir.join("transcripts").join("export.json"),
    ] {
        let out = kondens(
            home.path(),
            &[
                "export",
                d,
                "--format",
                "json",
                "--out",
                target.to_str().unwrap(),
            ],
        );
        let e = err(&out);
        assert!(e.contains("inside the project folder"), "{e}");
        assert_eq!(snapshot(&dir), before, "{}", target.display());
    }
    // Beside the project is fine.
    let beside = home.path().join("export.json");
    ok(&kondens(
        home.path(),
        &[
            "export",
            d,
            "--format",
            "json",
            "--out",
            beside.to_str().unwrap(),
        ],
    ));
    assert!(beside.is_file());
    ok(&kondens(home.path(), &["stats", d]));
}

#[cfg(unix)]
#[test]
fn a_planted_link_as_a_lock_file_is_refused_and_its_target_untouched() {
    let home = tempfile::tempdir().unwrap();
    let dir = project(home.path());
    let d = dir.to_str().unwrap();
    let target = home.path().join("precious.txt");
    std::fs::write(&target, "do not truncate me").unwrap();
    std::fs::create_dir_all(dir.join("units")).unwrap();
    std::os::unix::fs::symlink(&target, dir.join("units").join(".ana.lock")).unwrap();
    let out = kondens(
        home.path(),
        &[
            "--coder",
            "ana",
            "participants",
            d,
            "set",
            "P1",
            "--name",
            "Kari",
        ],
    );
    err(&out);
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "do not truncate me"
    );
}

#[test]
fn a_coder_name_too_long_for_a_file_name_is_refused_before_anything_is_written() {
    let home = tempfile::tempdir().unwrap();
    let dir = project(home.path());
    let d = dir.to_str().unwrap();
    let before = snapshot(&dir);
    // 61 characters, but 244 bytes: the file system counts bytes.
    let name = "𝔞".repeat(61);
    let out = kondens(
        home.path(),
        &[
            "--coder",
            &name,
            "participants",
            d,
            "set",
            "P1",
            "--name",
            "Kari",
        ],
    );
    let e = err(&out);
    assert!(e.contains("too long for a file name: 244 bytes"), "{e}");
    assert_eq!(snapshot(&dir), before);
}

#[cfg(unix)]
#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    let home = tempfile::tempdir().unwrap();
    let dir = project(home.path());
    // More lines than a pipe holds, so the writer meets the closed end.
    let many: String = (0..4500)
        .map(|i| format!("P{}: hei og hopp\n\n", i % 1500))
        .collect();
    let t = home.path().join("many.txt");
    std::fs::write(&t, many).unwrap();
    ok(&kondens(
        home.path(),
        &["import", dir.to_str().unwrap(), t.to_str().unwrap()],
    ));
    let bin = env!("CARGO_BIN_EXE_kondens");
    let out = std::process::Command::new("sh")
        .args([
            "-c",
            &format!(
                "{bin} participants '{}' | head -c 1 >/dev/null",
                dir.display()
            ),
        ])
        .env("KONDENS_CONFIG_DIR", home.path().join("config"))
        .env("KONDENS_STATE_DIR", home.path().join("state"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        !home.path().join("state").exists() || !stderr.contains("crash"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn new_in_an_existing_open_folder_makes_it_the_owners_alone() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("shared");
    std::fs::create_dir(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    ok(&kondens(home.path(), &["new", dir.to_str().unwrap()]));
    let mode = std::fs::metadata(&dir).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700);
}

#[test]
fn a_copied_transcript_or_units_file_is_named_not_loaded_twice() {
    let home = tempfile::tempdir().unwrap();
    let dir = project(home.path());
    let d = dir.to_str().unwrap();
    // A transcript's pair of files copied under another id.
    let tdir = dir.join("transcripts");
    let ron = std::fs::read_dir(&tdir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "ron"))
        .unwrap();
    let copy = tdir.join("00000000-0000-0000-0000-00000000000c.ron");
    std::fs::copy(&ron, &copy).unwrap();
    std::fs::copy(ron.with_extension("txt"), copy.with_extension("txt")).unwrap();
    let e = err(&kondens(home.path(), &["stats", d]));
    assert!(
        e.contains("00000000-0000-0000-0000-00000000000c.ron") && e.contains("a copy"),
        "{e}"
    );
    std::fs::remove_file(&copy).unwrap();
    std::fs::remove_file(copy.with_extension("txt")).unwrap();

    // One coder's units copied as another's.
    let units = "(\n  format_version: 2,\n  coder: \"ana\",\n  units: [\n    (\n      \
        id: \"11111111-2222-4333-8444-555555555555\",\n      transcript: \"T\",\n      \
        start: 0,\n      end: 1,\n      codes: [],\n      note: \"\",\n      speakers: [],\n      \
        created: \"2026-01-01T00:00:00Z\",\n      changed: \"2026-01-01T00:00:00Z\",\n    ),\n  ],\n)\n";
    let tid = ron.file_stem().unwrap().to_str().unwrap();
    std::fs::create_dir_all(dir.join("units")).unwrap();
    std::fs::write(
        dir.join("units/ana.ron"),
        units.replace("\"T\"", &format!("\"{tid}\"")),
    )
    .unwrap();
    ok(&kondens(home.path(), &["stats", d]));
    std::fs::write(
        dir.join("units/bo.ron"),
        units
            .replace("\"T\"", &format!("\"{tid}\""))
            .replace("\"ana\"", "\"bo\""),
    )
    .unwrap();
    let e = err(&kondens(home.path(), &["stats", d]));
    assert!(e.contains("bo.ron") && e.contains("is also in"), "{e}");

    // One unit twice in one coder's file.
    std::fs::remove_file(dir.join("units/bo.ron")).unwrap();
    let one = units.replace("\"T\"", &format!("\"{tid}\""));
    let (head, rest) = one.split_once("    (\n").unwrap();
    let (unit, tail) = rest.split_once("    ),\n").unwrap();
    let twice = format!("{head}    (\n{unit}    ),\n    (\n{unit}    ),\n{tail}");
    std::fs::write(dir.join("units/ana.ron"), twice).unwrap();
    let e = err(&kondens(home.path(), &["stats", d]));
    assert!(
        e.contains("ana.ron") && e.contains("its id appears twice"),
        "{e}"
    );
}

/// Bytes no output of kondens may carry to a terminal: ESC, BEL, CSI (U+009B) and the
/// right-to-left override.
fn assert_no_escape_codes(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for (bad, name) in [
        ("\u{1b}", "ESC"),
        ("\u{7}", "BEL"),
        ("\u{9b}", "CSI"),
        ("\u{202e}", "RLO"),
    ] {
        assert!(!text.contains(bad), "{what} writes {name}:\n{text}");
    }
}

#[test]
fn no_escape_code_from_a_transcript_or_a_name_reaches_standard_output() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("proj");
    let d = dir.to_str().unwrap();
    let out = kondens(
        home.path(),
        &[
            "new",
            d,
            "--title",
            "Study\u{1b}[2J\u{202e}",
            "--question",
            "Why\u{7}?",
        ],
    );
    assert_no_escape_codes("new", &out.stdout);
    let files = [
        (
            "hostile.txt",
            format!(
                "P1\u{1b}[2J: Hei \u{1b}]52;c;aGFjaw==\u{7} og \u{1b}c ja.\n\nP2: Nei \u{1b}#8.\n\n{}",
                "P1: Vi snakket lenge om hvordan det var å begynne i jobben.\n\n\
                 P2: Ja, det tok tid før noen forsto hva rollen var til for.\n\n"
                    .repeat(6)
            )
            .into_bytes(),
        ),
        (
            "hostile.vtt",
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Kari\u{1b}[31m>Hei \u{9b}31m der</v>\n\n\
             00:00:03.000 --> 00:00:04.000\n<v Ola>Ja \u{202e}nei</v>\n"
                .as_bytes()
                .to_vec(),
        ),
        (
            "hostile.srt",
            "1\n00:00:01,000 --> 00:00:02,000\nKari: Hei \u{1b}[2J der\n\n2\n00:00:03,000 --> 00:00:04,000\nOla: Ja\n"
                .as_bytes()
                .to_vec(),
        ),
    ];
    let mut paths = Vec::new();
    for (name, bytes) in files {
        let p = home.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        paths.push(p.to_str().unwrap().to_string());
    }
    paths.push(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import/hostile.docx")
            .to_str()
            .unwrap()
            .to_string(),
    );
    let mut args = vec!["import", d];
    args.extend(paths.iter().map(String::as_str));
    let imported = kondens(home.path(), &args);
    let summary = ok(&imported);
    assert_no_escape_codes("import", &imported.stdout);
    assert!(summary.contains("control character(s)"), "{summary}");
    ok(&kondens(
        home.path(),
        &["participants", d, "set", "P2", "--name", "Bo\u{1b}[2J"],
    ));
    for args in [
        vec!["participants", d],
        vec!["participants", d, "--json"],
        vec!["stats", d],
        vec!["stats", d, "--json"],
        vec!["export", d],
        vec!["export", d, "--format", "json"],
        vec!["export", d, "--format", "markdown"],
    ] {
        let out = kondens(home.path(), &args);
        ok(&out);
        assert_no_escape_codes(&args.join(" "), &out.stdout);
        assert_no_escape_codes(&args.join(" "), &out.stderr);
    }
    // The names read as the researcher would want them shown: visibly odd, not hidden.
    let listed = ok(&kondens(home.path(), &["participants", d]));
    assert!(
        listed.contains("<U+202E>") || listed.contains('\u{FFFD}'),
        "{listed}"
    );
}

#[test]
fn a_word_file_that_unpacks_to_more_than_a_transcript_holds_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let dir = project(home.path());
    let before = snapshot(&dir);
    // 240 KiB that unpacks to 199 MiB of document.xml.
    let bomb = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/bomb.docx");
    let e = err(&kondens(
        home.path(),
        &["import", dir.to_str().unwrap(), bomb.to_str().unwrap()],
    ));
    assert!(e.contains("larger than 128 MiB unpacked"), "{e}");
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn emoji_sequences_never_reach_the_screen_as_sequences_terminals_measure_differently() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("p");
    kondens::store::create(&dir, "Emoji", "").unwrap();
    let file = home.path().join("fg.txt");
    let family = "👨\u{200D}👩\u{200D}👧";
    std::fs::write(
        &file,
        format!(
            "P1: Hele {family} var med, og ❤\u{FE0F} for det.\n\nP2: Ja 👋\u{1F3FD} hei.\n\n\
             P1: Vi {family} {family} {family} {family} {family} {family} {family} ble glade.\n\n\
             P2: Godt.\n"
        ),
    )
    .unwrap();
    common::import(&dir, &file);
    let mut app = common::app(&dir, "ana");
    common::draw(&mut app, 80, 24);
    common::press(&mut app, "V a");
    common::type_text(&mut app, &format!("Familie {family}"));
    common::press(&mut app, "enter");
    let mut frames = Vec::new();
    for keys in ["", "3", "4", "1", "2 V a"] {
        common::press(&mut app, keys);
        for (w, h) in [(80, 24), (200, 50), (41, 12)] {
            frames.push((keys, w, h, common::draw(&mut app, w, h)));
        }
    }
    for (keys, w, h, term) in frames {
        for cell in term.backend().buffer().content() {
            assert!(
                !cell
                    .symbol()
                    .chars()
                    .any(|c| matches!(c, '\u{200D}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}')),
                "after {keys:?} at {w}x{h}: {:?} drawn as it is",
                cell.symbol()
            );
        }
    }
    common::press(&mut app, "esc");
    let shown = common::screen(&mut app, 80, 24);
    assert!(shown.contains("Hele 👨"), "{shown}");
}

#[cfg(unix)]
#[test]
fn a_project_file_that_links_outside_the_project_is_refused_and_left_alone() {
    let home = tempfile::tempdir().unwrap();
    let dir = project(home.path());
    let outside = home.path().join("elsewhere.ron");
    let record = std::fs::read_dir(dir.join("transcripts"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "ron"))
        .unwrap();
    std::fs::rename(&record, &outside).unwrap();
    std::os::unix::fs::symlink(&outside, &record).unwrap();
    let before = std::fs::read(&outside).unwrap();
    let e = err(&kondens(home.path(), &["stats", dir.to_str().unwrap()]));
    assert!(e.contains("is a link to outside the project folder"), "{e}");
    assert_eq!(std::fs::read(&outside).unwrap(), before);
}

#[test]
fn stats_beside_a_coder_who_makes_uses_and_deletes_codes_never_fails() {
    use kondens::{ops, session::Session};
    let home = tempfile::tempdir().unwrap();
    let dir = project(home.path());
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        let coder = scope.spawn(|| {
            let mut s = Session::open(&dir, "ana").unwrap();
            let t = s.project().transcripts[0].id;
            let mut i = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let (e, code) = ops::new_code(s.project(), None, &format!("c{i}")).unwrap();
                s.perform(e).unwrap();
                let e = ops::code_passage(s.project(), "ana", t, 0..5, code).unwrap();
                s.perform(e).unwrap();
                s.save().unwrap();
                let e = ops::delete_code(s.project(), "ana", code).unwrap();
                s.perform(e).unwrap();
                s.save().unwrap();
                i += 1;
            }
            i
        });
        for _ in 0..40 {
            ok(&kondens(home.path(), &["stats", dir.to_str().unwrap()]));
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        assert!(coder.join().unwrap() > 0);
    });
}

#[test]
fn open_without_a_terminal_says_so_instead_of_crashing() {
    let home = tempfile::tempdir().unwrap();
    let dir = project(home.path());
    let before = snapshot(&dir);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kondens"))
        .args(["open", dir.to_str().unwrap()])
        .env("KONDENS_CONFIG_DIR", home.path().join("config"))
        .env("KONDENS_STATE_DIR", home.path().join("state"))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "a plain failure, not a panic (101)"
    );
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(
        e.contains("needs a terminal") && e.contains("ssh -t"),
        "{e}"
    );
    assert!(!e.contains("panicked"), "{e}");
    assert!(out.stdout.is_empty(), "no escape codes written");
    assert_eq!(snapshot(&dir), before);
}
