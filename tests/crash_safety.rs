//! kill -9 at random moments — during an import, an export, and while the workbench is
//! coding and moving codes — must leave a project that loads, with nothing that was on
//! disk before lost. And a change made in the workbench is on disk within a second.

mod common;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A small deterministic random sequence; the seed is printed so a failure can be rerun.
struct Rng(u64);
impl Rng {
    fn from_clock() -> Rng {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(7)
            | 1;
        eprintln!("crash-safety seed: {seed}");
        Rng(seed)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_kondens")
}

fn kondens(home: &Path) -> Command {
    let mut c = Command::new(bin());
    c.env("KONDENS_CONFIG_DIR", home.join("config"))
        .env("KONDENS_DATA_DIR", home.join("data"))
        .env("KONDENS_STATE_DIR", home.join("state"))
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn kill9(pid: u32) {
    let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
}

fn kill_after(mut child: Child, delay: Duration) {
    std::thread::sleep(delay);
    kill9(child.id());
    let _ = child.wait();
}

fn transcript(i: usize, turns: usize) -> String {
    let mut s = format!("Gruppe {i} (oppdiktet)\n");
    for t in 0..turns {
        s.push_str(&format!(
            "P{}: Tur {t} i gruppe {i}, med noen ord om erfaring og tillit.\n",
            t % 5
        ));
    }
    s
}

#[test]
fn killed_imports_and_exports_leave_a_loadable_project() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("proj");
    kondens::demo::create(&dir).unwrap();
    let before = kondens::store::load(&dir).unwrap();
    let files: Vec<PathBuf> = (0..6)
        .map(|i| {
            let p = home.path().join(format!("g{i}.txt"));
            std::fs::write(&p, transcript(i, 4000)).unwrap();
            p
        })
        .collect();
    let texts: BTreeSet<String> = files
        .iter()
        .map(|p| {
            kondens::import::read_file(p, Default::default())
                .unwrap()
                .0
                .text
        })
        .collect();
    let out = home.path().join("export.ron");
    let mut rng = Rng::from_clock();
    for round in 0..25 {
        // Import, killed somewhere along the way.
        let child = kondens(home.path())
            .arg("import")
            .arg(&dir)
            .args(&files)
            .spawn()
            .unwrap();
        kill_after(child, Duration::from_millis(rng.below(60)));
        let p = kondens::store::load(&dir).unwrap_or_else(|e| panic!("round {round}: {e}"));
        for t in &before.transcripts {
            assert!(
                p.transcript(t.id).is_some(),
                "round {round}: a transcript was lost"
            );
        }
        assert_eq!(p.units, before.units, "round {round}: units changed");
        assert_eq!(
            p.codebook, before.codebook,
            "round {round}: code tree changed"
        );
        for t in &p.transcripts {
            assert!(
                before.transcript(t.id).is_some() || texts.contains(&t.text),
                "round {round}: a partial transcript"
            );
        }
        // Drop what a completed import added, so every round imports again.
        for t in p
            .transcripts
            .iter()
            .filter(|t| before.transcript(t.id).is_none())
        {
            kondens::store::remove_transcript_files(&dir, t.id);
        }

        // Export to a file, killed: the file is the previous export or the new one, whole.
        let child = kondens(home.path())
            .arg("export")
            .arg(&dir)
            .arg("--out")
            .arg(&out)
            .spawn()
            .unwrap();
        kill_after(child, Duration::from_millis(rng.below(15)));
        if out.exists() {
            let text = std::fs::read_to_string(&out).unwrap();
            ron::from_str::<kondens::export::Export>(&text)
                .unwrap_or_else(|e| panic!("round {round}: a torn export: {e}"));
        }
    }
}

/// The pid of the `kondens open` running on `dir`, started under `script`.
fn find_workbench(dir: &Path) -> Option<u32> {
    let needle = dir.to_string_lossy().to_string();
    for entry in std::fs::read_dir("/proc").ok()? {
        let entry = entry.ok()?;
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(cmd) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        let args: Vec<String> = cmd
            .split(|b| *b == 0)
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        if args.first().is_some_and(|a| a == bin()) && args.iter().any(|a| a == &needle) {
            return Some(pid);
        }
    }
    None
}

fn workbench(home: &Path, dir: &Path) -> (Child, u32) {
    let args = format!("open {} --coder demo", dir.display());
    let mut child = common::terminal_command(home, (100, 30), "", &args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("`script` (util-linux) runs the workbench in a terminal");
    let start = Instant::now();
    loop {
        if let Some(pid) = find_workbench(dir) {
            std::thread::sleep(Duration::from_millis(300));
            return (child, pid);
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the workbench did not start"
        );
        if let Ok(Some(_)) = child.try_wait() {
            panic!("the workbench exited at once");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn type_keys(child: &mut Child, keys: &str, gap: Duration) {
    let stdin = child.stdin.as_mut().expect("stdin");
    for b in keys.bytes() {
        if stdin.write_all(&[b]).and_then(|_| stdin.flush()).is_err() {
            return;
        }
        std::thread::sleep(gap);
    }
}

#[test]
fn a_killed_workbench_loses_nothing_that_was_saved() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("proj");
    kondens::demo::create(&dir).unwrap();
    let mut rng = Rng::from_clock();
    // Coding passages (a new code, then the recent one by number), moving codes about,
    // undo and redo (Ctrl-r). No escape sequences: typed slowly, they would read as Esc.
    let session = "}}}VaFirst\r}Va1}Va1\t\tgJJK>j<\t}}Va1u\x12}Va1\t\tj>u}Va1}Va1";
    let mut rounds_that_saved = 0;
    for round in 0..8 {
        let before = kondens::store::load(&dir).unwrap();
        let (mut child, pid) = workbench(home.path(), &dir);
        let killer = std::thread::spawn({
            let delay = Duration::from_millis(100 + rng.below(3000));
            move || {
                std::thread::sleep(delay);
                kill9(pid);
            }
        });
        type_keys(&mut child, &session.repeat(3), Duration::from_millis(25));
        let _ = killer.join();
        kill9(child.id());
        let _ = child.wait();
        let after = kondens::store::load(&dir).unwrap_or_else(|e| panic!("round {round}: {e}"));
        let ids = |p: &kondens::model::Project| -> BTreeSet<String> {
            p.units_of("demo")
                .iter()
                .map(|u| u.id.to_string())
                .collect()
        };
        let codes = |p: &kondens::model::Project| -> BTreeSet<String> {
            p.codebook
                .flatten()
                .iter()
                .map(|f| f.node.id.to_string())
                .collect()
        };
        assert!(
            ids(&before).is_subset(&ids(&after)),
            "round {round}: saved units were lost"
        );
        assert!(
            codes(&before).is_subset(&codes(&after)),
            "round {round}: saved codes were lost"
        );
        if ids(&after).len() > ids(&before).len() {
            rounds_that_saved += 1;
        }
    }
    // The sessions did change the project before they were killed (else this tests nothing).
    assert!(
        rounds_that_saved >= 1,
        "no round saved anything before it was killed"
    );
}

/// Types `keys` into a workbench on `dir`, kills it with SIGKILL a second later, and
/// loads what is on disk.
fn type_and_kill_after_a_second(home: &Path, dir: &Path, keys: &str) -> kondens::model::Project {
    let (mut child, pid) = workbench(home, dir);
    type_keys(&mut child, keys, Duration::from_millis(10));
    std::thread::sleep(Duration::from_millis(1000));
    kill9(pid);
    kill9(child.id());
    let _ = child.wait();
    kondens::store::load(dir).unwrap()
}

#[test]
fn a_change_is_on_disk_within_a_second() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("proj");
    kondens::store::create(&dir, "t", "q").unwrap();
    let p = type_and_kill_after_a_second(home.path(), &dir, "\t\tnWithin a second\r");
    assert_eq!(
        p.codebook.roots.first().map(|n| n.name.as_str()),
        Some("Within a second")
    );
}

#[test]
fn text_in_an_open_editor_is_on_disk_within_a_second() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("proj");
    kondens::demo::create(&dir).unwrap();
    // View 3, the first subgroup, its condensate editor; the editor is still open when
    // the workbench is killed.
    let p = type_and_kill_after_a_second(home.path(), &dir, "3je I also said this.");
    let first_subgroup = p.codebook.roots[0].children[0].id;
    let condensate = &p.analysis_of("demo").subgroups[&first_subgroup].condensate;
    assert!(
        condensate.ends_with("is possible. I also said this."),
        "{condensate:?}"
    );
}
