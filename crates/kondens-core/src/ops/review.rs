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

/// A new spot-check of `of`'s units by `person`: the sample drawn and kept in
/// `person`'s review file, so the same units are worked through on any machine.
pub fn start_spotcheck(
    project: &Project,
    person: &str,
    of: &str,
    n: usize,
    seed: u64,
    by: crate::derived::spotcheck::By,
) -> Result<(Edit, CommentId)> {
    if of == person {
        return Err(Error::Refused(
            "a spot-check is of someone else's coding: --of names them".into(),
        ));
    }
    let sample = crate::derived::spotcheck::sample(project, of, n, seed, by)?;
    let id = CommentId::new();
    let mut review = project.review_of(person);
    let size = sample.len();
    review.spotchecks.push(crate::model::SpotCheck {
        id,
        of: of.to_string(),
        created: Stamp::now(),
        seed,
        by: by.name().to_string(),
        sample,
        verdicts: Default::default(),
    });
    Ok((
        Edit {
            change: Change::SetReview {
                person: person.to_string(),
                review: Box::new(review),
            },
            label: format!("Drew {size} of {of}'s units to spot-check"),
        },
        id,
    ))
}

/// Records what `person` says of one unit of their spot-check.
pub fn judge(
    project: &Project,
    person: &str,
    spotcheck: CommentId,
    unit: crate::model::UnitId,
    verdict: crate::model::Verdict,
) -> Result<Edit> {
    let mut review = project.review_of(person);
    let s = review
        .spotchecks
        .iter_mut()
        .find(|s| s.id == spotcheck)
        .ok_or_else(|| Error::Refused("that spot-check is no longer there".into()))?;
    if !s.sample.contains(&unit) {
        return Err(Error::Refused("that unit is not in the sample".into()));
    }
    s.verdicts.insert(unit, verdict);
    Ok(Edit {
        change: Change::SetReview {
            person: person.to_string(),
            review: Box::new(review),
        },
        label: format!("Spot-check: {}", verdict.label()),
    })
}

#[cfg(test)]
mod spot_tests {
    use super::*;
    use crate::derived::spotcheck::{By, report, sample};
    use crate::model::{MeaningUnit, Transcript, TranscriptId, Verdict};
    use crate::ops::apply;

    fn project_with_units(n: usize) -> Project {
        let mut p = Project::new("t", "");
        for k in 0..3 {
            let text = "ord ".repeat(400);
            let id = TranscriptId(uuid::Uuid::from_u128(k + 1));
            p.transcripts
                .push(Transcript::one_turn(id, &format!("t{k}"), text));
        }
        let code = crate::model::CodeId::new();
        for i in 0..n {
            let t = p.transcripts[i % 3].id;
            p.insert_unit(
                "phd",
                MeaningUnit {
                    id: crate::model::UnitId(uuid::Uuid::from_u128(1000 + i as u128)),
                    transcript: t,
                    start: (i / 3) * 4,
                    end: (i / 3) * 4 + 3,
                    codes: vec![code],
                    note: String::new(),
                    created: Stamp(0),
                    changed: Stamp(0),
                },
            );
        }
        p
    }

    #[test]
    fn the_same_seed_draws_the_same_units_and_strata_get_their_share() {
        let p = project_with_units(60);
        let a = sample(&p, "phd", 10, 7, By::Transcript).unwrap();
        assert_eq!(a, sample(&p, "phd", 10, 7, By::Transcript).unwrap());
        assert_ne!(a, sample(&p, "phd", 10, 8, By::Transcript).unwrap());
        assert_eq!(a.len(), 10);
        // 60 units in 3 transcripts: 3 or 4 from each.
        for t in &p.transcripts {
            let k = a
                .iter()
                .filter(|id| p.unit("phd", **id).unwrap().transcript == t.id)
                .count();
            assert!((3..=4).contains(&k), "{k}");
        }
        assert_eq!(sample(&p, "phd", 500, 1, By::None).unwrap().len(), 60);
        assert!(sample(&p, "nobody", 5, 1, By::None).is_err());
    }

    #[test]
    fn a_spot_check_is_drawn_judged_and_summed_up() {
        let mut p = project_with_units(30);
        let (e, id) = start_spotcheck(&p, "sup", "phd", 10, 3, By::None).unwrap();
        apply(&mut p, e.change).unwrap();
        let units = p.review_of("sup").spotchecks[0].sample.clone();
        for (i, u) in units.iter().enumerate() {
            let v = match i {
                0 | 1 => Verdict::Disagree,
                2 => Verdict::Unsure,
                _ => Verdict::Agree,
            };
            let e = judge(&p, "sup", id, *u, v).unwrap();
            apply(&mut p, e.change).unwrap();
        }
        let why = post_comment(
            &p,
            "sup",
            Target::Unit {
                owner: "phd".into(),
                id: units[0],
            },
            None,
            Stance::Disagree,
            "This is not about the role.",
        )
        .unwrap();
        apply(&mut p, why.change).unwrap();
        let r = &report(&p)[0];
        assert_eq!(
            (r.counts.agreed, r.counts.disagreed, r.counts.unsure),
            (7, 2, 1)
        );
        assert_eq!(r.sample_size, 10);
        let rate = r.counts.rate.unwrap();
        assert!((rate - 7.0 / 9.0).abs() < 1e-12);
        // statsmodels proportion_confint(7, 9, method="wilson") = (0.4525890, 0.9367749)
        let (lo, hi) = r.counts.ci95.unwrap();
        assert!(
            (lo - 0.4525890).abs() < 1e-6 && (hi - 0.9367749).abs() < 1e-6,
            "{lo} {hi}"
        );
        assert_eq!(r.disagreements.len(), 2);
        assert_eq!(
            r.disagreements[0].comments,
            ["sup: This is not about the role."]
        );
        assert!(start_spotcheck(&p, "phd", "phd", 3, 1, By::None).is_err());
    }
}

/// Takes `other`'s coding of a passage where we differ into mine: my units there go,
/// copies of theirs (new ids, mine) come, as one undoable step.
pub fn adopt(
    project: &Project,
    me: &str,
    other: &str,
    d: &crate::derived::compare::Difference,
) -> Result<Edit> {
    let mut changes = Vec::new();
    for id in &d.a_units {
        changes.push(Change::RemoveUnit {
            coder: me.to_string(),
            id: *id,
        });
    }
    for id in &d.b_units {
        let u = project
            .unit(other, *id)
            .ok_or_else(|| Error::Refused(format!("{other}'s unit there is gone")))?;
        let mut mine = u.clone();
        mine.id = crate::model::UnitId::new();
        mine.created = Stamp::now();
        mine.changed = mine.created;
        changes.push(Change::InsertUnit {
            coder: me.to_string(),
            unit: mine,
        });
    }
    if changes.is_empty() {
        return Err(Error::Refused("nothing to adopt here".into()));
    }
    Ok(Edit {
        change: Change::Batch(changes),
        label: if d.b_units.is_empty() {
            format!("Let go of my coding of the passage, as {other} has none")
        } else {
            format!("Adopted {other}'s coding of the passage")
        },
    })
}
