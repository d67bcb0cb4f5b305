//! A project written in format 1 (a fixture made by kondens 0.1 with format 1) opens,
//! is migrated to the current format with a backup of the old files, and nothing in it
//! changes meaning.

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
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v1");
    copy_dir(Path::new("tests/fixtures/format-v1"), &dir);
    (tmp, dir)
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
    let (_tmp, dir) = fixture();
    let before = kondens::store::load(&dir).unwrap();
    let backup = kondens::store::migrate(&dir)
        .unwrap()
        .expect("format 1 is migrated");
    // The backup holds the old files byte for byte.
    for rel in ["kondens.ron", "codebook.ron", "units/ingrid.ron"] {
        assert_eq!(
            std::fs::read(backup.join(rel)).unwrap(),
            std::fs::read(Path::new("tests/fixtures/format-v1").join(rel)).unwrap(),
            "{rel}"
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
        ron.contains("format_version: 2") && ron.contains("text_hash: Some(\"fnv1a64:"),
        "{ron}"
    );
    assert!(
        kondens::store::migrate(&dir).unwrap().is_none(),
        "a current project is left alone"
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
        stdout.contains("updated to format 2") && stdout.contains("backups/format-v1-"),
        "{stdout}"
    );
    let p = kondens::store::load(&dir).unwrap();
    assert_eq!(p.transcripts.len(), 2);
    assert_eq!(p.manifest.format_version, 2);
}
