//! `reviews/<person>.ron`: one person's comments, replies and resolutions. Written by
//! that person's workbench only, so comments by several people never touch one file.

use super::files::ReviewFile;
use super::{
    REVIEWS, check_coder_name, check_named_for, create_private_dir, read_ron, ron_files, write_ron,
};
use crate::Result;
use crate::model::{FORMAT_VERSION, Project, Review};
use std::path::{Path, PathBuf};

/// The file that holds a person's comments.
pub fn review_path(dir: &Path, person: &str) -> PathBuf {
    dir.join(REVIEWS).join(format!("{person}.ron"))
}

/// Writes `reviews/<person>.ron` (comments in the order they were written).
pub fn save_review(dir: &Path, project: &Project, person: &str) -> Result<()> {
    check_coder_name(person)?;
    create_private_dir(&dir.join(REVIEWS))?;
    let r = project.review_of(person);
    let file = ReviewFile {
        format_version: FORMAT_VERSION,
        person: person.to_string(),
        comments: r.comments,
        resolutions: r.resolutions,
        spotchecks: r.spotchecks,
    };
    write_ron(&review_path(dir, person), &file, None)
}

/// When the review files seen were last changed, by path.
pub type Seen = std::collections::HashMap<PathBuf, std::time::SystemTime>;

/// Everyone's reviews but `me`'s as they are on disk now, or `None` when no file
/// changed since `seen` (which is brought up to date). A file that cannot be read just
/// now is left for the next time (writes are atomic, so that is rare).
pub fn others_reviews(
    dir: &Path,
    me: &str,
    seen: &mut Seen,
) -> Option<std::collections::BTreeMap<String, Review>> {
    let paths = ron_files(&dir.join(REVIEWS)).ok()?;
    let mut now = Seen::new();
    for p in &paths {
        if p.file_stem().is_some_and(|s| s == me) {
            continue;
        }
        if let Ok(t) = std::fs::metadata(p).and_then(|m| m.modified()) {
            now.insert(p.clone(), t);
        }
    }
    if now == *seen {
        return None;
    }
    let mut out = std::collections::BTreeMap::new();
    for p in now.keys() {
        let file: ReviewFile = read_ron(p).ok()?;
        if check_named_for(p, &file.person, "review").is_err() {
            continue;
        }
        out.insert(
            file.person,
            Review {
                comments: file.comments,
                resolutions: file.resolutions,
                spotchecks: file.spotchecks,
            },
        );
    }
    *seen = now;
    Some(out)
}

/// Reads every person's review file into the project (there may be none: the folder
/// comes with the first comment).
pub(super) fn load_into(dir: &Path, project: &mut Project) -> Result<()> {
    if !dir.join(REVIEWS).is_dir() {
        return Ok(());
    }
    for path in ron_files(&dir.join(REVIEWS))? {
        let file: ReviewFile = read_ron(&path)?;
        check_named_for(&path, &file.person, "review")?;
        let review = Review {
            comments: file.comments,
            resolutions: file.resolutions,
            spotchecks: file.spotchecks,
        };
        if review != Review::default() {
            project.reviews.insert(file.person, review);
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
