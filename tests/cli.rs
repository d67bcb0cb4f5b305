//! End-to-end: the real `kondens` binary, every command, with its own config and data
//! folders so nothing touches the user's.

mod common;

use common::{code_files, err, ok, snapshot};
use std::path::Path;
use std::process::Output;

fn kondens(home: &Path, args: &[&str]) -> Output {
    common::run_kondens(home, args)
}

const TRANSCRIPT: &str = "\u{feff}Fokusgruppe 9 (oppdiktet)\r\nM: Hva tenker dere?\r\nP1: Jeg synes det er bra.\r\n   Og så videre.\r\n\r\nP2: Tja.\r\nM: Takk.\r\nP1: Ja!\r\n";

#[test]
fn new_import_stats_export() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("proj");
    let d = dir.to_str().unwrap();
    let out = ok(&kondens(
        home.path(),
        &["new", d, "--title", "Test study", "--question", "Why?"],
    ));
    assert!(out.contains("Created project \"Test study\""), "{out}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&dir).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "project folder is owner-only");
    }
    let err_text = err(&kondens(home.path(), &["new", d]));
    assert!(
        err_text.contains("holds a kondens project already"),
        "{err_text}"
    );

    let file = home.path().join("fg9.txt");
    std::fs::write(&file, TRANSCRIPT).unwrap();
    let f = file.to_str().unwrap();
    let dry = ok(&kondens(home.path(), &["import", d, f, "--dry-run"]));
    assert!(dry.contains("dry run"), "{dry}");
    assert!(ok(&kondens(home.path(), &["stats", d])).contains("transcripts: 0"));

    let out = ok(&kondens(home.path(), &["import", d, f]));
    assert!(out.contains("format:    txt"), "{out}");
    assert!(out.contains("encoding:  UTF-8 with BOM"), "{out}");
    assert!(out.contains("turns:     6"), "{out}");
    assert!(out.contains("speakers:  M (2), P1 (2), P2 (1)"), "{out}");
    assert!(out.contains("unattributed turns: 1"), "{out}");

    let stats = ok(&kondens(home.path(), &["stats", d]));
    assert!(stats.contains("transcripts: 1   turns: 6"), "{stats}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(&kondens(home.path(), &["stats", d, "--json"]))).unwrap();
    assert_eq!(json["turns"], 6);

    let export = ok(&kondens(home.path(), &["export", d, "--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&export).unwrap();
    assert_eq!(doc["format"], "kondens");
    assert_eq!(doc["project"]["title"], "Test study");
    let turns = &doc["transcripts"][0]["turns"];
    assert_eq!(turns[2]["speaker"], "P1");
    assert_eq!(turns[2]["text"], "Jeg synes det er bra.\nOg så videre.");
    assert!(doc["condensation"].as_array().unwrap().is_empty());

    let ron_out = home.path().join("out.ron");
    ok(&kondens(
        home.path(),
        &["export", d, "--out", ron_out.to_str().unwrap()],
    ));
    let first = std::fs::read(&ron_out).unwrap();
    let parsed: kondens::export::Export =
        ron::from_str(std::str::from_utf8(&first).unwrap()).unwrap();
    assert_eq!(parsed.transcripts[0].turns.len(), 6);
    ok(&kondens(
        home.path(),
        &["export", d, "--out", ron_out.to_str().unwrap()],
    ));
    assert_eq!(
        std::fs::read(&ron_out).unwrap(),
        first,
        "a second export is byte-identical"
    );
}

#[test]
fn bad_imports_are_refused_and_change_nothing() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("proj");
    let d = dir.to_str().unwrap();
    ok(&kondens(home.path(), &["new", d]));
    let good = home.path().join("good.txt");
    std::fs::write(&good, TRANSCRIPT).unwrap();
    let before = snapshot(&dir);
    let cases: &[(&str, &[u8], &str)] = &[
        ("empty.txt", b"", "empty"),
        ("junk.txt", b"\x00\x01\x02binary", "binary"),
        ("cut.txt", b"\xFF\xFEP\x001", "cut off"),
        ("doc.docx", b"PK\x03\x04rest", "Word"),
    ];
    for (name, bytes, why) in cases {
        let bad = home.path().join(name);
        std::fs::write(&bad, bytes).unwrap();
        let e = err(&kondens(
            home.path(),
            &["import", d, good.to_str().unwrap(), bad.to_str().unwrap()],
        ));
        assert!(e.contains(name) && e.contains(why), "{name}: {e}");
        assert!(e.contains("nothing was imported"), "{e}");
        assert_eq!(snapshot(&dir), before, "{name} left the project as it was");
    }
    // A Windows-1252 file is read, and the summary says which encoding was used.
    let latin = home.path().join("latin.txt");
    std::fs::write(
        &latin,
        b"M: Hva tenker dere?\r\nP1: Bl\xe5b\xe6r.\r\nM: Takk.\r\n",
    )
    .unwrap();
    let dry = ok(&kondens(
        home.path(),
        &["import", d, latin.to_str().unwrap(), "--dry-run"],
    ));
    assert!(
        dry.contains("encoding:  Windows-1252") && dry.contains("P1 (1)"),
        "{dry}"
    );
    let e = err(&kondens(home.path(), &["import", d, "/nonexistent/x.txt"]));
    assert!(e.contains("/nonexistent/x.txt"), "{e}");
    let e = err(&kondens(
        home.path(),
        &["import", d, good.to_str().unwrap(), "--format", "vtt"],
    ));
    assert!(
        e.contains("no speech was found in the file read as vtt"),
        "{e}"
    );
    let e = err(&kondens(
        home.path(),
        &["import", d, good.to_str().unwrap(), "--format", "docx"],
    ));
    assert!(e.contains("not a Word .docx file"), "{e}");
    let e = err(&kondens(
        home.path(),
        &["import", d, good.to_str().unwrap(), "--format", "pdf"],
    ));
    assert!(e.contains("unknown format"), "{e}");
    ok(&kondens(
        home.path(),
        &["import", d, good.to_str().unwrap()],
    ));
    let e = err(&kondens(
        home.path(),
        &["import", d, good.to_str().unwrap()],
    ));
    assert!(e.contains("in the project already"), "{e}");
}

#[test]
fn damaged_project_files_are_named_with_line_and_column() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("proj");
    let d = dir.to_str().unwrap();
    ok(&kondens(home.path(), &["new", d]));
    let code = dir.join("codes/1f0c8f1e-6a43-4c55-9f4e-2b1d7c3a9e10.ron");
    std::fs::write(&code, "(\n  format_version: 3,\n  id: 5 ],\n)\n").unwrap();
    let before = snapshot(&dir);
    for cmd in [vec!["stats", d], vec!["export", d], vec!["open", d]] {
        let e = err(&kondens(home.path(), &cmd));
        assert!(
            e.contains("1f0c8f1e-6a43-4c55-9f4e-2b1d7c3a9e10.ron:3:"),
            "{cmd:?}: {e}"
        );
    }
    assert_eq!(
        snapshot(&dir),
        before,
        "the damaged file is never rewritten"
    );

    std::fs::write(&code, "(format_version: 99, id: 5)\n").unwrap();
    let e = err(&kondens(home.path(), &["stats", d]));
    assert!(e.contains("format version 99 is newer"), "{e}");

    let e = err(&kondens(
        home.path(),
        &["stats", home.path().to_str().unwrap()],
    ));
    assert!(e.contains("not a kondens project"), "{e}");
}

#[test]
fn the_demo_project_is_made_on_first_run() {
    let home = tempfile::tempdir().unwrap();
    // No terminal here, so opening fails after the demo is made.
    let _ = kondens(home.path(), &[]);
    let demo = home.path().join("data").join("demo");
    let stats = ok(&kondens(home.path(), &["stats", demo.to_str().unwrap()]));
    assert!(stats.contains("transcripts: 4"), "{stats}");
    assert!(stats.contains("coder demo: 14 meaning units"), "{stats}");
}

#[test]
fn a_bad_coder_name_and_bad_config_are_explained() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("proj");
    let d = dir.to_str().unwrap();
    ok(&kondens(home.path(), &["new", d]));
    let e = err(&kondens(home.path(), &["open", d, "--coder", "../evil"]));
    assert!(e.contains("coder name"), "{e}");
    let e = err(&kondens(home.path(), &["export", d, "--format", "pdf"]));
    assert!(e.contains("unknown export format"), "{e}");
    let help = ok(&kondens(home.path(), &["--help"]));
    assert!(help.contains("Config file:"), "{help}");
}

/// Runs `kondens ARGS` in a pseudo-terminal (util-linux `script`), typing `keys` after
/// a moment; returns once it exits.
fn in_terminal(home: &Path, args: &str, keys: &str, wait_ms: u64) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = common::terminal_command(home, (80, 24), "", args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("`script` (util-linux) runs kondens in a terminal");
    std::thread::sleep(std::time::Duration::from_millis(wait_ms));
    let mut stdin = child.stdin.take().expect("stdin");
    for b in keys.bytes() {
        stdin.write_all(&[b]).expect("type");
        stdin.flush().expect("flush");
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
    drop(stdin);
    child.wait_with_output().expect("kondens exits")
}

#[test]
fn open_in_a_terminal_edit_quit_and_find_it_on_disk() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("proj");
    ok(&kondens(home.path(), &["new", dir.to_str().unwrap()]));
    // Tab Tab to the code tree, n for a new code, its name, Enter, then q.
    let out = in_terminal(
        home.path(),
        &format!("open {} --coder ingrid", dir.display()),
        "\t\tnRolle\rq",
        800,
    );
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{screen}");
    assert!(
        screen.contains("Coding") && screen.contains("coder ingrid"),
        "{screen}"
    );
    assert!(
        screen.contains("\u{1b}[?1049l"),
        "the alternate screen is left on exit"
    );
    let codebook = code_files(&dir);
    assert!(codebook.contains("value: \"Rolle\""), "{codebook}");
}

/// Makes a project in `dir` and opens it in a terminal as coder ingrid, who quits after
/// `hold_ms`; returns once her workbench is up.
fn ingrid_has_it_open(
    home: &Path,
    dir: &Path,
    hold_ms: u64,
) -> (String, std::thread::JoinHandle<Output>) {
    let d = dir.to_str().unwrap().to_string();
    ok(&kondens(home, &["new", &d]));
    let first = {
        let home = home.to_path_buf();
        let d = d.clone();
        std::thread::spawn(move || {
            in_terminal(&home, &format!("open {d} --coder ingrid"), "q", hold_ms)
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(800));
    (d, first)
}

#[test]
fn the_same_coder_cannot_open_a_project_twice() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("proj");
    let (d, first) = ingrid_has_it_open(home.path(), &dir, 2500);
    let e = err(&kondens(home.path(), &["open", &d, "--coder", "ingrid"]));
    assert!(e.contains("already open for coder ingrid"), "{e}");
    // Read-only commands work meanwhile.
    ok(&kondens(home.path(), &["stats", &d]));
    let _ = first.join();
}

#[test]
fn two_coders_at_once_one_writes_the_tree_the_other_reads_it() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("proj");
    let (d, first) = ingrid_has_it_open(home.path(), &dir, 3000);
    let out = in_terminal(
        home.path(),
        &format!("open {d} --coder kari"),
        "\t\tnKari's code\rq",
        800,
    );
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{screen}");
    assert!(screen.contains("read-only"), "{screen}");
    let _ = first.join();
    let codebook = code_files(&dir);
    assert!(!codebook.contains("Kari's code"), "{codebook}");
}

/// The crash trigger (`KONDENS_DEBUG_PANIC`) exists only in debug builds, as `cargo test`
/// builds them.
#[cfg(debug_assertions)]
#[test]
fn a_crash_restores_the_terminal_and_leaves_a_report() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("proj");
    ok(&kondens(home.path(), &["new", dir.to_str().unwrap()]));
    let state = home.path().join("state");
    let args = format!("open {} --coder ingrid", dir.display());
    let out = common::terminal_command(home.path(), (80, 24), "KONDENS_DEBUG_PANIC=1", &args)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let screen = String::from_utf8_lossy(&out.stdout);
    for (mode, off) in [
        ("alternate screen", "\u{1b}[?1049l"),
        ("mouse", "\u{1b}[?1000l"),
        ("paste", "\u{1b}[?2004l"),
    ] {
        assert!(
            screen.contains(off),
            "{mode} is switched off after the crash: {screen:?}"
        );
    }
    assert!(screen.contains("A crash report is in"), "{screen}");
    let reports: Vec<_> = std::fs::read_dir(&state)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("crash-"))
        .collect();
    assert_eq!(reports.len(), 1);
    let report = std::fs::read_to_string(reports[0].path()).unwrap();
    assert!(
        report.contains("crash requested by KONDENS_DEBUG_PANIC"),
        "{report}"
    );
    let log = std::fs::read_to_string(state.join("kondens.log")).unwrap();
    assert!(
        log.contains("open ") && log.contains("crashed; report in"),
        "{log}"
    );
}

#[test]
fn the_three_export_formats_of_a_whole_analysis() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("demo");
    kondens::demo::create(&dir).unwrap();
    let d = dir.to_str().unwrap();
    let ron_text = ok(&kondens(home.path(), &["export", d]));
    let json_text = ok(&kondens(home.path(), &["export", d, "--format", "json"]));
    let from_ron: kondens::export::Export = ron::from_str(&ron_text).unwrap();
    let from_json: kondens::export::Export = serde_json::from_str(&json_text).unwrap();
    assert_eq!(from_ron, from_json, "RON and JSON carry the same data");
    let project = kondens::store::load(&dir).unwrap();
    assert_eq!(from_ron, kondens::export::build(&project), "RON reads back");
    let groups: Vec<&str> = from_ron
        .condensation
        .iter()
        .map(|g| g.result_heading.as_str())
        .collect();
    assert_eq!(
        groups,
        [
            "Peer workers opened doors that had stayed closed to the services",
            "A role each peer worker had to invent alone",
            ""
        ]
    );
    let golden = from_ron.condensation[0].subgroups[0]
        .golden_quote
        .as_ref()
        .unwrap();
    assert_eq!(
        golden.text,
        "I can say it's possible, but he is the evidence."
    );
    assert_eq!(golden.speakers, ["P2"]);
    assert!(from_ron.memos.iter().any(|m| m.kind == "preconceptions"));

    let out = home.path().join("results.md");
    let o = out.to_str().unwrap();
    ok(&kondens(
        home.path(),
        &["export", d, "--format", "markdown", "--out", o],
    ));
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.starts_with("# Peer workers in mental-health services (demo)\n"));
    assert!(md.contains(
        "| A role each peer worker had to invent alone | No job description; Supervision and boundaries |"
    ));
    assert!(
        md.contains("> «I can say it's possible, but he is the evidence.» (P2, professionals)")
    );
    assert!(md.ends_with("\n") && !md.ends_with("\n\n"));
    // Owner-only, like every file kondens writes.
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o600
    );
    ok(&kondens(
        home.path(),
        &["export", d, "--format", "md", "--out", o],
    ));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), md, "byte-identical");
    assert_eq!(ok(&kondens(home.path(), &["export", d])), ron_text);
}

#[test]
fn pseudonyms_replace_names_before_the_text_is_stored() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("p");
    let d = dir.to_str().unwrap();
    ok(&kondens(home.path(), &["new", d]));
    // Synthetic names, made up for this test.
    let transcript = home.path().join("fg-kari-nordmann.txt");
    std::fs::write(
        &transcript,
        "Moderator: Welcome, Kari Nordmann and Ola.\n\n\
         Kari Nordmann: Thanks. Ola and I work together.\n\n\
         Ola: Kari's right.\n\n\
         Moderator: And Karine?\n",
    )
    .unwrap();
    let mapping = home.path().join("names.txt");
    std::fs::write(
        &mapping,
        "# real = pseudonym\nKari Nordmann = P1\nKari = P1\nOla = P2\n",
    )
    .unwrap();
    let t = transcript.to_str().unwrap();
    let m = mapping.to_str().unwrap();

    // A bad mapping is refused with its line; nothing is imported.
    let bad = home.path().join("bad.txt");
    std::fs::write(&bad, "Kari Nordmann = P1\nOla P2\n").unwrap();
    let before = snapshot(&dir);
    let e = err(&kondens(
        home.path(),
        &["import", d, t, "--pseudonyms", bad.to_str().unwrap()],
    ));
    assert!(e.contains("bad.txt") && e.contains("line 2"), "{e}");
    assert_eq!(snapshot(&dir), before);

    let out = ok(&kondens(home.path(), &["import", d, t, "--pseudonyms", m]));
    assert!(out.contains("pseudonymised: 6 name(s) replaced"), "{out}");
    assert!(
        out.contains("labels not in the mapping (kept): Moderator"),
        "{out}"
    );
    assert!(out.contains("fg-P1.txt"), "the file name too: {out}");
    let project = kondens::store::load(&dir).unwrap();
    let text = &project.transcripts[0].text;
    assert!(text.contains("Welcome, P1 and P2."), "{text}");
    assert!(
        text.contains("P1's right") && text.contains("Karine"),
        "{text}"
    );
    // No real name anywhere in the project folder or the export.
    for (path, bytes) in snapshot(&dir) {
        let s = String::from_utf8_lossy(&bytes);
        assert!(
            !s.contains("Nordmann") && !s.contains("Ola"),
            "{path} holds a real name"
        );
    }
    let export = ok(&kondens(home.path(), &["export", d]));
    assert!(!export.contains("Nordmann") && !export.contains("Ola"));
    let labels: Vec<String> = project
        .all_participants()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(labels, ["Moderator", "P1", "P2"]);
}

#[test]
fn a_huge_file_is_refused_before_it_is_read_and_nothing_is_imported() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("p");
    let d = dir.to_str().unwrap();
    ok(&kondens(home.path(), &["new", d]));
    let good = home.path().join("good.txt");
    std::fs::write(&good, "P1: Hei.\n\nP2: Hallo.\n\nP1: Ja.\n").unwrap();
    // Sparse: 10 GiB on paper, nothing on disk.
    let huge = home.path().join("huge.txt");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(10 * 1024 * 1024 * 1024)
        .unwrap();
    let before = snapshot(&dir);
    let e = err(&kondens(
        home.path(),
        &["import", d, good.to_str().unwrap(), huge.to_str().unwrap()],
    ));
    assert!(
        e.contains("huge.txt") && e.contains("10240 MiB") && e.contains("over 64 MiB"),
        "{e}"
    );
    assert!(e.contains("nothing was imported"), "{e}");
    assert_eq!(snapshot(&dir), before);
}
