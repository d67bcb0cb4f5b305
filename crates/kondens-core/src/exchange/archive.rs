//! Reading a `.qdpx` archive safely: `project.qde` and the text sources by name, looked
//! up without regard to case (`Sources/` or `sources/`, `project.qde` or `Project.qde`),
//! never unpacked to disk, and never read past a limit whatever the archive claims.

use std::collections::HashMap;
use std::io::{Read, Seek};

/// The largest `project.qde` read (a 1M-word project's is about 30 MiB).
pub const MAX_QDE: u64 = 512 * 1024 * 1024;

/// An open `.qdpx` (a file, or bytes in memory).
pub struct Archive<R: Read + Seek> {
    zip: zip::ZipArchive<R>,
    /// Lower-cased entry names to their index.
    names: HashMap<String, usize>,
}

impl<R: Read + Seek> Archive<R> {
    /// Opens `reader` as a zip archive.
    pub fn open(reader: R) -> Result<Archive<R>, String> {
        let zip = zip::ZipArchive::new(reader)
            .map_err(|e| format!("is not a readable .qdpx (its zip container is damaged: {e})"))?;
        let mut names = HashMap::new();
        for i in 0..zip.len() {
            if let Some(Ok(name)) = zip.name_for_index(i) {
                names.insert(name.to_lowercase(), i);
            }
        }
        Ok(Archive { zip, names })
    }

    /// Reads the entry `name` (any case), at most `limit` bytes; `Ok(None)` when absent.
    pub fn read(&mut self, name: &str, limit: u64) -> Result<Option<Vec<u8>>, String> {
        let Some(&i) = self.names.get(&name.to_lowercase()) else {
            return Ok(None);
        };
        let mut entry = self
            .zip
            .by_index(i)
            .map_err(|e| format!("its entry {name} cannot be read: {e}"))?;
        let too_large = || {
            format!(
                "its entry {name} is larger than {} MiB unpacked and is refused (a zip bomb?)",
                limit / (1024 * 1024)
            )
        };
        if entry.size() > limit {
            return Err(too_large());
        }
        let mut bytes = Vec::new();
        entry
            .by_ref()
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("its entry {name} cannot be unpacked: {e}"))?;
        if bytes.len() as u64 > limit {
            return Err(too_large());
        }
        Ok(Some(bytes))
    }

    /// The entry `name` (any case) as a stream that fails once more than `limit` bytes
    /// come out of it, whatever the archive claims; `Ok(None)` when absent.
    pub fn stream(
        &mut self,
        name: &str,
        limit: u64,
    ) -> Result<Option<std::io::BufReader<Limited<zip::read::ZipFile<'_, R>>>>, String> {
        let Some(&i) = self.names.get(&name.to_lowercase()) else {
            return Ok(None);
        };
        let entry = self
            .zip
            .by_index(i)
            .map_err(|e| format!("its entry {name} cannot be read: {e}"))?;
        if entry.size() > limit {
            return Err(format!(
                "its entry {name} is larger than {} MiB unpacked and is refused (a zip bomb?)",
                limit / (1024 * 1024)
            ));
        }
        Ok(Some(std::io::BufReader::with_capacity(
            1 << 16,
            Limited {
                inner: entry,
                left: limit,
            },
        )))
    }

    /// The project file: `project.qde` at the top, else the one `.qde` there.
    pub fn project_name(&self) -> Option<String> {
        if self.names.contains_key("project.qde") {
            return Some("project.qde".into());
        }
        let mut qde: Vec<&String> = self
            .names
            .keys()
            .filter(|n| n.ends_with(".qde") && !n.contains('/'))
            .collect();
        qde.sort();
        qde.first().map(|n| n.to_string())
    }
}

/// A reader that fails once more than its limit comes out (a zip bomb's claims of size
/// are not believed).
pub struct Limited<R: Read> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(std::io::Error::other(
                    "larger unpacked than a project file may be (a zip bomb?)",
                )),
            };
        }
        let n = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let got = self.inner.read(&mut buf[..n])?;
        self.left -= got as u64;
        Ok(got)
    }
}

/// The archive entry a source path names: `internal://X` (and a bare `X`, as qc
/// writes) is `Sources/X`. `Err` for a path that climbs out (`..`) or is absolute;
/// `Ok(None)` for a source kept outside the archive (`relative://`, `absolute://`).
pub fn entry_for(path: &str) -> Result<Option<String>, String> {
    let rest = if let Some(rest) = path.strip_prefix("internal://") {
        rest
    } else if path.contains("://") {
        return Ok(None);
    } else {
        path
    };
    let rest = rest.replace('\\', "/");
    if rest.starts_with('/') || rest.split('/').any(|part| part == "..") || rest.contains(':') {
        return Err(format!(
            "the source path {path:?} leads outside the archive; the file is refused"
        ));
    }
    let rest = rest.trim_start_matches("./");
    let rest = rest
        .strip_prefix("Sources/")
        .or_else(|| rest.strip_prefix("sources/"))
        .unwrap_or(rest);
    Ok(Some(format!("sources/{rest}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_paths() {
        assert_eq!(
            entry_for("internal://a.txt").unwrap().unwrap(),
            "sources/a.txt"
        );
        assert_eq!(
            entry_for("board.txt").unwrap().unwrap(),
            "sources/board.txt"
        );
        assert_eq!(entry_for("relative://media/a.mp4").unwrap(), None);
        assert!(entry_for("internal://../../etc/passwd").is_err());
        assert!(entry_for("internal:///etc/passwd").is_err());
        assert!(entry_for("..\\x.txt").is_err());
    }
}
