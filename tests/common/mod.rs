//! Shared helpers: a project made from the bundled samples in a temp folder, and a way
//! to press keys by their config names.
#![allow(dead_code)]

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use kondens::tui::App;
use kondens::tui::keymap::Chord;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A fresh demo project (samples + example coding) in a temp folder.
pub fn demo_project() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("demo");
    kondens::demo::create(&dir).expect("demo project");
    (tmp, dir)
}

/// Imports a transcript file into the project in `dir`, as `kondens import` does.
pub fn import(dir: &Path, file: &Path) {
    let mut project = kondens::store::load(dir).expect("project loads");
    let read = kondens::import::read_files(&project, &[file], &Default::default())
        .expect("the file imports");
    kondens::store::add_transcripts(
        dir,
        &mut project,
        read.into_iter().map(|(t, _)| t).collect(),
    )
    .expect("the transcript is written");
}

/// A workbench on the project in `dir`, as `coder`, with the default config.
pub fn app(dir: &Path, coder: &str) -> App {
    let session = kondens::session::Session::open(dir, coder).expect("project opens");
    App::new(session, &kondens::config::defaults(), Vec::new())
}

/// Presses keys given as space-separated chords (`"j j V a"`, `"ctrl-r"`); `"<space>"`
/// is a space.
pub fn press(app: &mut App, keys: &str) {
    for k in keys.split(' ').filter(|k| !k.is_empty()) {
        let k = if k == "<space>" { "space" } else { k };
        let chord = Chord::parse(k).unwrap_or_else(|| panic!("bad key {k:?}"));
        app.handle_key(KeyEvent {
            code: chord.code,
            modifiers: chord.mods,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        });
    }
}

/// Types text into whatever has focus (an overlay's input).
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

/// Draws the screen at a size and returns the terminal for assertions.
pub fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    term.draw(|f| kondens::tui::ui::render(f, app))
        .expect("draw");
    term
}

/// The screen as text, one line per row.
pub fn screen(app: &mut App, w: u16, h: u16) -> String {
    let term = draw(app, w, h);
    let buf = term.backend().buffer();
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A command that runs `kondens ARGS` in a pseudo-terminal of `cols`×`rows` (util-linux
/// `script`), its config, data and state directories under `home`, and `env`
/// (`NAME=value …`, may be empty) set for kondens alone. Standard input is piped.
pub fn terminal_command(home: &Path, (cols, rows): (u16, u16), env: &str, args: &str) -> Command {
    let bin = env!("CARGO_BIN_EXE_kondens");
    let mut c = Command::new("script");
    c.args([
        "-qec",
        &format!("stty rows {rows} cols {cols}; {env} {bin} {args}"),
        "/dev/null",
    ])
    .env("KONDENS_CONFIG_DIR", home.join("config"))
    .env("KONDENS_DATA_DIR", home.join("data"))
    .env("KONDENS_STATE_DIR", home.join("state"))
    .env("TERM", "xterm-256color")
    .stdin(Stdio::piped());
    c
}

/// Runs the real `kondens` with its config and data directories under `home` (so
/// nothing touches the user's) and returns what it printed.
pub fn run_kondens(home: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kondens"))
        .args(args)
        .env("KONDENS_CONFIG_DIR", home.join("config"))
        .env("KONDENS_DATA_DIR", home.join("data"))
        .env("USER", "tester")
        .env_remove("NO_COLOR")
        .output()
        .expect("kondens runs")
}

/// Does actions, as the keys bound to them would (see `App::act`).
pub fn act(app: &mut App, actions: &[kondens::tui::action::Action]) {
    for a in actions {
        app.act(*a);
    }
}

/// Standard output of a command that must have succeeded.
pub fn ok(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Standard error of a command that must have failed.
pub fn err(out: &std::process::Output) -> String {
    assert!(
        !out.status.success(),
        "should fail: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file under `dir` with its bytes, to prove a failed command changed nothing.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.display().to_string(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// The text of every code file of the project in `dir` (`codes/<id>.ron`), one after
/// the other: what the code tree says on disk.
pub fn code_files(dir: &Path) -> String {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir.join("codes"))
        .map(|r| r.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_default())
        .collect()
}
