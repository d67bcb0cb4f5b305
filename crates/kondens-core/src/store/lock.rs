//! Writer locks: one writer per file. A coder's units file is written only by the one
//! workbench that holds that coder's lock; the shared code tree only by the workbench
//! that holds the code-tree lock. The locks are the operating system's (`flock`), so a
//! crashed process never leaves one behind.

use super::{UNITS, check_coder_name, create_private_dir};
use crate::{Error, Result};
use std::fs::File;
use std::io::{Read, Seek, Write};
use std::path::Path;

/// Proof that this process is the one writer of some files; dropping it lets go.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

/// The outcome of trying a lock that another process may hold.
#[derive(Debug)]
pub enum Lock {
    /// This process holds it now.
    Taken(WriterLock),
    /// Another process does: who (as that process wrote it into the lock file).
    HeldBy(String),
}

impl Lock {
    /// Who holds the lock when it is not this process.
    pub fn holder(&self) -> Option<&str> {
        match self {
            Lock::Taken(_) => None,
            Lock::HeldBy(who) => Some(who),
        }
    }
}

fn open_lock(dir: &Path, name: &str) -> Result<File> {
    let units = dir.join(UNITS);
    create_private_dir(&units)?;
    let path = units.join(name);
    // Never truncate here: the file names the holder, which a refused opener reads.
    super::private_file()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(&path, e))
}

/// Tries the lock: taken, or who holds it.
fn try_take(mut file: File, me: &str) -> Result<Lock> {
    match file.try_lock() {
        Ok(()) => {
            // Say who holds it, for whoever is refused.
            let _ = file.set_len(0);
            let _ = file.rewind();
            let _ = file.write_all(me.as_bytes());
            Ok(Lock::Taken(WriterLock { _file: file }))
        }
        Err(std::fs::TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = holder.trim().to_string();
            Ok(Lock::HeldBy(if holder.is_empty() {
                "another coder".into()
            } else {
                holder
            }))
        }
        Err(std::fs::TryLockError::Error(e)) => Err(Error::io("lock file", e)),
    }
}

/// The name of a coder's lock file in `units/`.
fn coder_lock_name(coder: &str) -> String {
    format!(".{coder}.lock")
}

/// The name of the shared files' lock file in `units/`.
const TREE_LOCK: &str = ".codebook.lock";

/// Refuses, as [`lock_coder`] would, when `coder` has the project open elsewhere; writes
/// nothing (a lock file is tried only where one exists).
pub fn refuse_if_open(dir: &Path, coder: &str) -> Result<()> {
    check_coder_name(coder)?;
    if dir.join(UNITS).join(coder_lock_name(coder)).exists() {
        drop(lock_coder(dir, coder)?);
    }
    Ok(())
}

/// Takes the writer's lock for `coder`'s units, or refuses with an explanation.
pub fn lock_coder(dir: &Path, coder: &str) -> Result<WriterLock> {
    check_coder_name(coder)?;
    let file = open_lock(dir, &coder_lock_name(coder))?;
    match try_take(file, coder)? {
        Lock::Taken(lock) => Ok(lock),
        Lock::HeldBy(_) => Err(Error::Refused(format!(
            "{} is already open for coder {coder} in another kondens; close that one first \
             (another coder can open it with --coder NAME)",
            dir.display()
        ))),
    }
}

/// Takes the shared files' (code tree, participants) writer's lock for `coder`, or
/// learns who holds it (the tree is then read-only here).
pub fn lock_codebook(dir: &Path, coder: &str) -> Result<Lock> {
    let file = open_lock(dir, TREE_LOCK)?;
    try_take(file, coder)
}

/// A project opened for writing by one coder: the project, that coder's units lock, and
/// the code-tree lock (or who holds it).
#[derive(Debug)]
pub struct WritingSession {
    pub project: crate::model::Project,
    pub units_lock: WriterLock,
    pub tree_lock: Lock,
}

/// Takes `coder`'s locks and loads the project. If it cannot be loaded, the lock files
/// (and the `units` folder) this call made are removed again: a command that fails
/// leaves the disk as it was.
pub fn open_for_writing(dir: &Path, coder: &str) -> Result<WritingSession> {
    let units_dir = dir.join(UNITS);
    let made_units_dir = !units_dir.exists();
    let lock_files = [
        units_dir.join(coder_lock_name(coder)),
        units_dir.join(TREE_LOCK),
    ];
    let new_files: Vec<&std::path::PathBuf> = lock_files.iter().filter(|p| !p.exists()).collect();
    let taken = (|| {
        let units_lock = lock_coder(dir, coder)?;
        let tree_lock = lock_codebook(dir, coder)?;
        let project = super::load(dir)?;
        Ok(WritingSession {
            project,
            units_lock,
            tree_lock,
        })
    })();
    if taken.is_err() {
        for p in new_files {
            let _ = std::fs::remove_file(p);
        }
        if made_units_dir {
            let _ = std::fs::remove_dir(&units_dir);
        }
    }
    taken
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_writer_per_coder() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("p");
        crate::store::create(&dir, "t", "q").unwrap();
        let first = lock_coder(&dir, "ingrid").unwrap();
        let second = lock_coder(&dir, "ingrid").unwrap_err();
        assert!(
            second.to_string().contains("already open for coder ingrid"),
            "{second}"
        );
        lock_coder(&dir, "kari").expect("another coder is free to open it");
        drop(first);
        lock_coder(&dir, "ingrid").expect("free again once the first lets go");
    }

    #[test]
    fn one_writer_of_the_code_tree_and_others_learn_who() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("p");
        crate::store::create(&dir, "t", "q").unwrap();
        let ingrid = lock_codebook(&dir, "ingrid").unwrap();
        assert_eq!(ingrid.holder(), None);
        assert_eq!(
            lock_codebook(&dir, "kari").unwrap().holder(),
            Some("ingrid")
        );
        drop(ingrid);
        assert_eq!(
            lock_codebook(&dir, "kari").unwrap().holder(),
            None,
            "free again"
        );
    }
}
