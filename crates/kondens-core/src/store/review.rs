//! `reviews/<person>.ron`: one person's comments, replies and resolutions. Written by
//! that person's workbench only, so comments by several people never touch one file.

use super::envelope::{Field, Sealed, Val};
use super::load::{envelope_field, parse_sealed, read_text};
use super::{REVIEWS, check_coder_name, check_named_for, create_private_dir, ron_files, write_ron};
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
    let file = Sealed {
        body: &r,
        fields: vec![
            Field::first("format_version", Val::Num(FORMAT_VERSION.into())),
            Field::first("person", Val::Text(person)),
        ],
    };
    write_ron(&review_path(dir, person), &file, None)
}

/// Reads one review file: whose it is, and what they wrote.
pub(super) fn read_review(path: &Path) -> Result<(String, Review)> {
    let (review, envelope) = parse_sealed(path, &read_text(path)?, &["format_version", "person"])?;
    let person: String = envelope_field(path, &envelope, "person")?;
    check_named_for(path, &person, "review")?;
    Ok((person, review))
}

/// Reads every person's review file into the project (there may be none: the folder
/// comes with the first comment).
pub(super) fn load_into(dir: &Path, project: &mut Project) -> Result<()> {
    if !dir.join(REVIEWS).is_dir() {
        return Ok(());
    }
    for path in ron_files(&dir.join(REVIEWS))? {
        let (person, review) = read_review(&path)?;
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
