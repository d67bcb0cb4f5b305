//! Atomic, owner-only file writes: a temp file in the same folder, fsync, rename, fsync
//! of the folder. A crash leaves either the old file or the new one, never half of one.

use crate::{Error, Result};
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::Path;

/// Creates a folder (and its parents) readable by the owner only.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|e| Error::io(dir, e))
}

/// Options that create a file readable and writable by its owner only, and that refuse
/// to open a symbolic link (so a link planted in the project is never written through).
pub fn private_file() -> OpenOptions {
    let mut opts = OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    opts
}

/// Replaces `path` with `bytes` atomically; the file is readable by the owner only.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes).map_err(|e| Error::io(path, e)))
}

/// Replaces `path` atomically with what `fill` writes (streamed, never held whole in
/// memory); the file is readable by the owner only. If `fill` fails, `path` is untouched.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A name nobody can guess, made here and nowhere else (create_new: a file or link
    // already there is refused, not written through).
    let random = uuid::Uuid::new_v4().simple().to_string();
    let tmp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        &random[..12]
    ));
    let io = |e: std::io::Error| Error::io(path, e);
    let mut made = false;
    let result = (|| {
        let f = private_file()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(io)?;
        made = true;
        let mut w = std::io::BufWriter::new(f);
        fill(&mut w)?;
        let f = w.into_inner().map_err(|e| io(e.into_error()))?;
        f.sync_all().map_err(io)?;
        fs::rename(&tmp, path).map_err(io)?;
        // The rename is durable only once the folder entry is on disk.
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() && made {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Removes temp files left by a writer that was killed mid-write (their names carry the
/// writer's process id, and that process is gone). Files of live writers are left alone.
pub fn remove_stale_temp_files(dir: &Path) {
    for sub in [
        dir.to_path_buf(),
        dir.join("transcripts"),
        dir.join("units"),
        dir.join("analysis"),
    ] {
        let Ok(entries) = fs::read_dir(&sub) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let Some(pid) = temp_file_pid(&name) else {
                continue;
            };
            if !process_alive(pid) {
                let _ = fs::remove_file(e.path());
            }
        }
    }
}

/// How old a transcript text with no record must be before it counts as left by a killed
/// import (an import writes the text, then the record, within moments).
const ORPHAN_AGE: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes transcript texts (`transcripts/<id>.txt`) that have no record beside them and
/// are older than an hour: what an import killed between its two writes leaves. Loading
/// ignores them; this keeps them from piling up.
pub fn remove_orphan_texts(dir: &Path) {
    let tdir = dir.join("transcripts");
    let Ok(entries) = fs::read_dir(&tdir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.extension().is_none_or(|x| x != "txt") || path.with_extension("ron").exists() {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > ORPHAN_AGE);
        if old {
            let _ = fs::remove_file(&path);
        }
    }
}

/// The writer's process id in a temp file name `.<name>.<pid>.<random>.tmp` (or
/// `.<name>.<pid>.tmp`, as kondens named them before).
fn temp_file_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let mut parts = rest.rsplit('.');
    let last = parts.next()?;
    match last.parse() {
        Ok(pid) => Some(pid),
        Err(_) => parts.next()?.parse().ok(),
    }
}

fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    // Where /proc is missing, assume alive: leaving a file is safer than removing one.
    !Path::new("/proc/self").exists() || Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_temp_files_of_dead_writers_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dir.path().join(".codebook.ron.4194304999.tmp");
        let mine = dir
            .path()
            .join(format!(".units.ron.{}.tmp", std::process::id()));
        let other = dir.path().join("notes.tmp");
        fs::create_dir(dir.path().join("analysis")).unwrap();
        let dead_new = dir
            .path()
            .join("analysis")
            .join(".ana.ron.4194304999.3f2a9c1b7d0e.tmp");
        let mine_new = dir.path().join(format!(
            ".units.ron.{}.3f2a9c1b7d0e.tmp",
            std::process::id()
        ));
        for p in [&dead, &mine, &other, &dead_new, &mine_new] {
            fs::write(p, b"x").unwrap();
        }
        remove_stale_temp_files(dir.path());
        assert!(!dead.exists() && !dead_new.exists());
        assert!(mine.exists() && other.exists() && mine_new.exists());
    }

    #[test]
    fn an_old_text_without_its_record_is_removed_a_new_one_or_a_whole_pair_kept() {
        let dir = tempfile::tempdir().unwrap();
        let t = dir.path().join("transcripts");
        fs::create_dir(&t).unwrap();
        for name in ["orphan.txt", "fresh.txt", "whole.txt", "whole.ron"] {
            fs::write(t.join(name), b"x").unwrap();
        }
        let long_ago = std::time::SystemTime::now() - 2 * ORPHAN_AGE;
        for name in ["orphan.txt", "whole.txt"] {
            File::options()
                .write(true)
                .open(t.join(name))
                .unwrap()
                .set_modified(long_ago)
                .unwrap();
        }
        remove_orphan_texts(dir.path());
        assert!(!t.join("orphan.txt").exists());
        assert!(t.join("fresh.txt").exists() && t.join("whole.txt").exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_link_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside.txt");
        fs::write(&outside, b"keep me").unwrap();
        let link = dir.path().join("file.ron");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        // Opening the link itself is refused...
        assert!(private_file().write(true).open(&link).is_err());
        // ...and replacing it replaces the link, never its target.
        write_atomic(&link, b"new").unwrap();
        assert_eq!(fs::read(&outside).unwrap(), b"keep me");
        assert!(
            !fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn writes_replace_and_leave_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
