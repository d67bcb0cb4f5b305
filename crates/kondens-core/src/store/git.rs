//! What git needs to hold a project: `.gitignore` keeps out what is not data (the locks,
//! which are per machine; half-written temporary files; backups, which git's history
//! already is), and `.gitattributes` keeps every file byte for byte (a transcript's text
//! is the coordinate system of the coding: a line-ending conversion would move every
//! unit) while git still shows them as text in diffs.

use super::write_atomic;
use crate::Result;
use std::path::Path;

/// The project's `.gitignore`.
pub const GITIGNORE: &str = "\
# Written by kondens: what is not part of the analysis.
# Locks say who has the project open on this machine.
*.lock
# Half-written files (kondens removes them itself).
.*.tmp
# Copies kept by migrations and corrections; git's history keeps the old files.
backups/
";

/// The project's `.gitattributes`.
pub const GITATTRIBUTES: &str = "\
# Written by kondens: keep every file byte for byte (no line-ending conversion: a
# transcript's text is what the meaning units point into), but diff them as text.
* -text
*.ron diff
*.txt diff
";

/// Writes `.gitignore` and `.gitattributes` where they are missing (an existing one is
/// the team's and is left as it is). Returns the names written.
pub fn write_git_files(dir: &Path) -> Result<Vec<&'static str>> {
    let mut written = Vec::new();
    for (name, text) in [(".gitignore", GITIGNORE), (".gitattributes", GITATTRIBUTES)] {
        let path = dir.join(name);
        if std::fs::symlink_metadata(&path).is_err() {
            write_atomic(&path, text.as_bytes())?;
            written.push(name);
        }
    }
    Ok(written)
}
