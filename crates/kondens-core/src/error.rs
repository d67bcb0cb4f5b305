//! One error type for the core, so every message can name the file (and the line and
//! column where there is one) the way the interface contract promises.

use std::path::PathBuf;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A RON file that is not valid RON or has the wrong shape.
    #[error("{}:{line}:{col}: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
    /// A file that parses but says something impossible (a dangling id, a span outside
    /// its transcript).
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
    /// A file written by a newer kondens than this one.
    #[error(
        "{}: format version {found} is newer than this kondens understands (up to {supported}); \
         update kondens to open this project",
        path.display()
    )]
    NewerFormat {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    /// A folder that is not a kondens project.
    #[error("{}: not a kondens project (no kondens.ron); create one with `kondens new`", path.display())]
    NotAProject { path: PathBuf },
    /// A file that cannot be imported as a transcript.
    #[error("{}: {message}", path.display())]
    Import { path: PathBuf, message: String },
    /// Turning data into RON or JSON failed (what was being written, and why).
    #[error("cannot write {what}: {source}")]
    Encode {
        what: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// An operation that does not fit the project as it is (moving a code under itself,
    /// deleting a code another coder uses).
    #[error("{0}")]
    Refused(String),
    /// True conflicts a git merge left in the shared files: the project is not loaded
    /// as if whole until they are resolved.
    #[error("{}", conflicts_text(.0))]
    Conflicts(Vec<crate::store::Conflict>),
}

fn conflicts_text(list: &[crate::store::Conflict]) -> String {
    let mut s = format!(
        "the project has {} conflict{} left by a git merge; resolve {} first \
         (kondens open offers to, or kondens check lists them):",
        list.len(),
        if list.len() == 1 { "" } else { "s" },
        if list.len() == 1 { "it" } else { "them" }
    );
    for c in list {
        s.push_str("\n  ");
        s.push_str(&c.report());
    }
    s
}

/// Result with the core [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Encoding `what` failed with `source`.
    pub fn encode(
        what: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        Error::Encode {
            what: what.into(),
            source: Box::new(source),
        }
    }

    /// An I/O error about `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
