//! A file git left half-merged: finding its conflict markers and reading both sides.

use super::{Conflict, What};
use crate::Result;
use std::path::Path;

/// A shared file (a code's or a participant's) as read.
pub(in crate::store) enum Sides<T> {
    One(T),
    /// Git's conflict markers, both sides readable: this copy's, the pulled one, and the
    /// line of the first marker.
    Two(T, T, usize),
    /// Markers whose sides do not read as such a file: to be mended by hand.
    Unreadable(Vec<Conflict>),
}

/// Reads a shared file, with both sides when git left conflict markers in it.
pub(in crate::store) fn read_sides<T>(path: &Path) -> Result<Sides<T>>
where
    T: serde::de::DeserializeOwned + crate::store::files::HasVersion,
{
    let text = crate::store::load::read_text(path)?;
    if !has_markers(&text) {
        return Ok(Sides::One(crate::store::load::parse_versioned(
            path, &text,
        )?));
    }
    let sides = split_sides(&text).and_then(|(ours, theirs)| {
        let ours: T = crate::store::load::parse_versioned(path, &ours).ok()?;
        let theirs: T = crate::store::load::parse_versioned(path, &theirs).ok()?;
        Some((ours, theirs))
    });
    Ok(match sides {
        Some((ours, theirs)) => Sides::Two(ours, theirs, first_marker(&text)),
        None => Sides::Unreadable(unreadable(path, &text)),
    })
}

/// True when git left conflict markers in `text`.
pub(super) fn has_markers(text: &str) -> bool {
    text.lines()
        .any(|l| l.starts_with("<<<<<<<") || l.starts_with(">>>>>>>"))
}

pub(super) fn first_marker(text: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with("<<<<<<<"))
        .map_or(1, |i| i + 1)
}

/// The two sides of a file with conflict markers: each with the lines both share.
/// `None` when the markers do not pair up.
pub(super) fn split_sides(text: &str) -> Option<(String, String)> {
    #[derive(PartialEq)]
    enum In {
        Both,
        Ours,
        Base,
        Theirs,
    }
    let mut state = In::Both;
    let (mut ours, mut theirs) = (String::new(), String::new());
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        if bare.starts_with("<<<<<<<") {
            (state == In::Both).then_some(())?;
            state = In::Ours;
        } else if bare.starts_with("|||||||") && state == In::Ours {
            state = In::Base;
        } else if bare == "=======" && matches!(state, In::Ours | In::Base) {
            state = In::Theirs;
        } else if bare.starts_with(">>>>>>>") {
            (state == In::Theirs).then_some(())?;
            state = In::Both;
        } else {
            match state {
                In::Both => {
                    ours += line;
                    theirs += line;
                }
                In::Ours => ours += line,
                In::Theirs => theirs += line,
                In::Base => {}
            }
        }
    }
    (state == In::Both).then_some((ours, theirs))
}

/// The conflicts left in a file whose sides cannot be read, one per marked block.
pub(in crate::store) fn unreadable(path: &Path, text: &str) -> Vec<Conflict> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("<<<<<<<") {
            start = Some(i + 1);
        } else if line.starts_with(">>>>>>>")
            && let Some(s) = start.take()
        {
            out.push(Conflict {
                path: path.to_path_buf(),
                line: s,
                what: What::Unreadable,
                words: format!(
                    "a git merge conflict is left in this file (lines {s}–{})",
                    i + 1
                ),
            });
        }
    }
    if let Some(s) = start {
        out.push(Conflict {
            path: path.to_path_buf(),
            line: s,
            what: What::Unreadable,
            words: "a git merge conflict starts here and never ends (no >>>>>>> line)".into(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sides_of_a_conflict_are_read_in_either_marker_style() {
        let text = "a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> other\nd\n";
        assert_eq!(
            split_sides(text),
            Some(("a\nb\nd\n".into(), "a\nc\nd\n".into()))
        );
        let diff3 = "a\n<<<<<<< HEAD\nb\n||||||| base\nx\n=======\nc\n>>>>>>> other\nd\n";
        assert_eq!(split_sides(diff3), split_sides(text));
        assert_eq!(split_sides("a\n<<<<<<< HEAD\nb\n"), None);
    }
}
