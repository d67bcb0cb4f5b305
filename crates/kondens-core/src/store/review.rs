//! `reviews/<person>.ron`: one person's comments, replies and resolutions. Written by
//! that person's workbench only, so comments by several people never touch one file.

use super::REVIEWS;
use super::personal::Personal;
use crate::Result;
use crate::model::{Project, Review};
use std::path::{Path, PathBuf};

const FILES: Personal = Personal {
    folder: REVIEWS,
    envelope: &["format_version", "person"],
    what: "review",
};

/// The file that holds a person's comments.
pub fn review_path(dir: &Path, person: &str) -> PathBuf {
    FILES.path(dir, person)
}

/// Writes `reviews/<person>.ron` (comments in the order they were written).
pub fn save_review(dir: &Path, project: &Project, person: &str) -> Result<()> {
    FILES.write(dir, person, &project.review_of(person))
}

/// Reads one review file: whose it is, and what they wrote.
pub(super) fn read_review(path: &Path) -> Result<(String, Review)> {
    FILES.read(path)
}

/// Reads every person's review file into the project (there may be none: the folder
/// comes with the first comment).
pub(super) fn load_into(dir: &Path, project: &mut Project) -> Result<()> {
    for (person, review) in FILES.read_all::<Review>(dir)? {
        if review != Review::default() {
            project.reviews.insert(person, review);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::time::Stamp;
    use crate::model::{Comment, CommentId, Stance, Target};
    use crate::store::{create, load};

    #[test]
    fn comments_round_trip_and_a_damaged_file_is_named() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("p");
        let mut project = create(&dir, "t", "q").unwrap();
        let id = CommentId::new();
        project
            .reviews
            .entry("peer".into())
            .or_default()
            .comments
            .push(Comment {
                id,
                thread: id,
                target: Target::Preconceptions {
                    owner: "phd".into(),
                },
                written: Stamp(1_800_000_000),
                stance: Stance::Question,
                text: "Why \"this\"?\nAnd that.".into(),
            });
        save_review(&dir, &project, "peer").unwrap();
        let back = load(&dir).unwrap();
        assert_eq!(back.reviews, project.reviews);
        let path = review_path(&dir, "peer");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("stance:", "stanse:")).unwrap();
        let e = load(&dir).unwrap_err().to_string();
        assert!(e.contains("peer.ron") && e.contains(':'), "{e}");
    }
}
