//! Projects written in format 1 and format 2 (fixtures made by the kondens of those
//! formats) open, are migrated to the current format with a backup of the old files,
//! byte for byte, and nothing in them changes meaning.

use std::path::Path;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

fn fixture() -> (tempfile::TempDir, std::path::PathBuf) {
    fixture_of("format-v1")
}

fn fixture_of(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(name);
    copy_dir(&Path::new("tests/fixtures").join(name), &dir);
    (tmp, dir)
}

/// Every file under `dir`, by path relative to it, with its bytes.
fn files(dir: &Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    fn walk(
        base: &Path,
        dir: &Path,
        out: &mut std::collections::BTreeMap<std::path::PathBuf, Vec<u8>>,
    ) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            if e.path().is_dir() {
                walk(base, &e.path(), out);
            } else {
                let rel = e.path().strip_prefix(base).unwrap().to_path_buf();
                out.insert(rel, std::fs::read(e.path()).unwrap());
            }
        }
    }
    let mut out = Default::default();
    walk(dir, dir, &mut out);
    out
}

/// Migrates the fixture `name`: its backup must hold every file of the fixture byte for
/// byte, and the project must mean the same after.
fn migrates_keeping_everything(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, dir) = fixture_of(name);
    let before = kondens::store::load(&dir).unwrap();
    let backup = kondens::store::migrate(&dir)
        .unwrap()
        .expect("an older format is migrated");
    let (kept, old) = (
        files(&backup),
        files(&Path::new("tests/fixtures").join(name)),
    );
    assert_eq!(
        kept.keys().collect::<Vec<_>>(),
        old.keys().collect::<Vec<_>>(),
        "the backup holds every file of the old project"
    );
    for (path, bytes) in &old {
        assert!(
            kept[path] == *bytes,
            "{} is kept byte for byte",
            path.display()
        );
    }
    let after = kondens::store::load(&dir).unwrap();
    assert_eq!(
        after.manifest.format_version,
        kondens::model::FORMAT_VERSION
    );
    assert_eq!(after.codebook, before.codebook);
    assert_eq!(after.units, before.units);
    assert_eq!(after.transcripts, before.transcripts);
    assert_eq!(after.analyses, before.analyses);
    assert_eq!(after.reviews, before.reviews);
    let mut people = before.participants.clone();
    people.sort_by_key(|p| p.id);
    assert_eq!(after.participants, people);
    assert!(!dir.join("codebook.ron").exists() && !dir.join("participants.ron").exists());
    assert!(
        kondens::store::check(&dir).is_empty(),
        "{:?}",
        kondens::store::check(&dir)
    );
    assert!(
        kondens::store::migrate(&dir).unwrap().is_none(),
        "a current project is left alone"
    );
    (tmp, dir)
}

#[test]
fn a_format_2_project_with_codes_participants_analysis_and_comments_migrates() {
    let (_tmp, dir) = migrates_keeping_everything("format-v2");
    let p = kondens::store::load(&dir).unwrap();
    assert!(p.codebook.len() > 5 && !p.participants.is_empty() && !p.reviews.is_empty());
    // One file per code, nobody recorded as its maker.
    let code = common_code_file(&dir);
    assert!(
        code.contains("made: None") && code.contains("order: "),
        "{code}"
    );
}

fn common_code_file(dir: &Path) -> String {
    let first = std::fs::read_dir(dir.join("codes"))
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    std::fs::read_to_string(first).unwrap()
}

#[test]
fn a_format_1_project_is_read_as_it_is() {
    let (_tmp, dir) = fixture();
    let p = kondens::store::load(&dir).unwrap();
    assert_eq!(p.manifest.format_version, 1);
    assert_eq!(p.units_of("ingrid").len(), 2);
    assert_eq!(p.codebook.len(), 2);
}

#[test]
fn migration_keeps_a_backup_and_every_meaning() {
    let (_tmp, dir) = migrates_keeping_everything("format-v1");
    let after = kondens::store::load(&dir).unwrap();
    for q in after.units_of("ingrid") {
        assert!(!after.quote(q).is_empty());
    }
    let t = std::fs::read_dir(dir.join("transcripts"))
        .unwrap()
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "ron"))
        .unwrap();
    let ron = std::fs::read_to_string(t.path()).unwrap();
    assert!(
        ron.contains("format_version: 3") && ron.contains("text_hash: Some(\"xxh64:"),
        "{ron}"
    );
}

#[test]
fn a_same_length_edit_of_a_transcript_is_noticed_after_migration() {
    let (_tmp, dir) = fixture();
    kondens::store::migrate(&dir).unwrap();
    let txt = std::fs::read_dir(dir.join("transcripts"))
        .unwrap()
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .unwrap()
        .path();
    let text = std::fs::read_to_string(&txt).unwrap().replace("bra", "BRA");
    std::fs::write(&txt, text).unwrap();
    let e = kondens::store::load(&dir).unwrap_err().to_string();
    assert!(e.contains("changed after import"), "{e}");
}

#[test]
fn import_into_a_format_1_project_migrates_it_first_and_says_so() {
    let (tmp, dir) = fixture();
    let file = tmp.path().join("more.txt");
    std::fs::write(&file, "M: Hei.\nP1: Hei hei.\nM: Ja.\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kondens"))
        .args(["import", dir.to_str().unwrap(), file.to_str().unwrap()])
        .env("KONDENS_CONFIG_DIR", tmp.path().join("cfg"))
        .env("KONDENS_STATE_DIR", tmp.path().join("state"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("updated to format 3") && stdout.contains("backups/format-v1-"),
        "{stdout}"
    );
    let p = kondens::store::load(&dir).unwrap();
    assert_eq!(p.transcripts.len(), 2);
    assert_eq!(p.manifest.format_version, 3);
}
