//! Commenting: posting a comment or a reply, resolving and reopening a thread. Each is a
//! change to the acting person's own review file, so it is undoable like any edit.

use super::{Change, Edit};
use crate::model::time::Stamp;
use crate::model::{Comment, CommentId, Project, Resolution, Stance, Target};
use crate::{Error, Result};

/// A new thread on `target` by `person` (`thread: None`), or a reply in `thread`.
/// An empty comment is refused (the editor drops it before it comes here).
pub fn post_comment(
    project: &Project,
    person: &str,
    target: Target,
    thread: Option<CommentId>,
    stance: Stance,
    text: &str,
) -> Result<Edit> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::Refused("an empty comment is not posted".into()));
    }
    let id = CommentId::new();
    let (thread, target) = match thread {
        None => (id, target),
        Some(t) => {
            let threads = project.threads();
            let found = threads
                .iter()
                .find(|x| x.id == t)
                .ok_or_else(|| Error::Refused("that thread is no longer there".into()))?;
            (t, found.target.clone())
        }
    };
    let label = match (id == thread, stance) {
        (true, Stance::Comment) => format!("Commented on the {}", target.kind()),
        (true, s) => format!("Commented on the {} ({})", target.kind(), s.label()),
        (false, _) => "Replied in the thread".to_string(),
    };
    let mut review = project.review_of(person);
    review.comments.push(Comment {
        id,
        thread,
        target,
        written: Stamp::now(),
        stance,
        text: text.to_string(),
    });
    Ok(Edit {
        change: Change::SetReview {
            person: person.to_string(),
            review: Box::new(review),
        },
        label,
    })
}

/// Resolves (or reopens) a thread. Its author and the owner of the work it is about may;
/// on shared things (a code, a passage) anyone may.
pub fn resolve_thread(
    project: &Project,
    person: &str,
    thread: CommentId,
    resolved: bool,
) -> Result<Edit> {
    let threads = project.threads();
    let t = threads
        .iter()
        .find(|x| x.id == thread)
        .ok_or_else(|| Error::Refused("that thread is no longer there".into()))?;
    let owner = t.target.owner();
    if t.author() != person && owner.is_some_and(|o| o != person) {
        let owner = owner.unwrap_or_default();
        let who = if owner == t.author() {
            format!(
                "{owner} (whose {} it is, and who started the thread)",
                t.target.kind()
            )
        } else {
            format!(
                "{owner} (whose {} it is) or {} (who started the thread)",
                t.target.kind(),
                t.author()
            )
        };
        return Err(Error::Refused(format!(
            "only {who} can {} it",
            if resolved { "resolve" } else { "reopen" }
        )));
    }
    if t.resolved == resolved {
        return Err(Error::Refused(format!(
            "the thread is {} already",
            if resolved { "resolved" } else { "open" }
        )));
    }
    let mut review = project.review_of(person);
    review.resolutions.push(Resolution {
        thread,
        resolved,
        when: Stamp::now(),
    });
    Ok(Edit {
        change: Change::SetReview {
            person: person.to_string(),
            review: Box::new(review),
        },
        label: if resolved {
            "Resolved the thread".into()
        } else {
            "Reopened the thread".into()
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::UnitId;
    use crate::ops::apply;

    #[test]
    fn a_thread_is_started_answered_resolved_and_undone() {
        let mut p = Project::new("t", "");
        let target = Target::Unit {
            owner: "phd".into(),
            id: UnitId::new(),
        };
        let c = post_comment(
            &p,
            "peer",
            target.clone(),
            None,
            Stance::Disagree,
            "  Not so.  ",
        )
        .unwrap();
        apply(&mut p, c.change).unwrap();
        let thread = p.threads()[0].id;
        assert_eq!(p.open_threads_on(&target), 1);
        assert_eq!(p.threads()[0].comments[0].1.text, "Not so.");
        let r = post_comment(
            &p,
            "phd",
            Target::Code(crate::model::CodeId::new()),
            Some(thread),
            Stance::Comment,
            "It is.",
        )
        .unwrap();
        apply(&mut p, r.change).unwrap();
        let t = &p.threads()[0];
        assert_eq!(t.comments.len(), 2);
        assert_eq!(t.target, &target, "a reply is on the thread's target");
        assert_eq!(t.author(), "peer");
        // A third person may not resolve someone else's work's thread.
        assert!(resolve_thread(&p, "other", thread, true).is_err());
        let done = resolve_thread(&p, "phd", thread, true).unwrap();
        let undo = apply(&mut p, done.change).unwrap();
        assert!(p.threads()[0].resolved);
        assert_eq!(p.open_threads_on(&target), 0);
        assert!(
            resolve_thread(&p, "phd", thread, true).is_err(),
            "resolved already"
        );
        apply(&mut p, undo).unwrap();
        assert!(!p.threads()[0].resolved);
        assert!(post_comment(&p, "peer", target, None, Stance::Agree, " ").is_err());
    }
}
