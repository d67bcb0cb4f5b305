//! Comments and threads: what a peer co-researcher or a supervisor says about someone's
//! work (a meaning unit, a code, a theme, a condensate, an analytic text, a result
//! heading, the preconceptions, a passage of a transcript), with a stance, and the
//! replies to it. Each person's comments and resolutions are theirs alone ([`Review`],
//! one file each), so several people can comment at once and git merges their work; a
//! thread is put together from everyone's files.

use super::time::Stamp;
use super::{CodeId, CommentId, Project, ThemeId, TranscriptId, UnitId};
use serde::{Deserialize, Serialize};

/// What a thread is about. Work that belongs to a person names its owner.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Target {
    Unit {
        owner: String,
        id: UnitId,
    },
    Code(CodeId),
    Theme {
        owner: String,
        id: ThemeId,
    },
    Condensate {
        owner: String,
        subgroup: CodeId,
    },
    AnalyticText {
        owner: String,
        subgroup: CodeId,
    },
    ResultHeading {
        owner: String,
        group: CodeId,
    },
    Preconceptions {
        owner: String,
    },
    /// Words of a transcript (byte offsets into its text).
    Passage {
        transcript: TranscriptId,
        start: usize,
        end: usize,
    },
}

impl Target {
    /// The person whose work this is (`None` for the shared code tree and transcripts).
    pub fn owner(&self) -> Option<&str> {
        match self {
            Target::Unit { owner, .. }
            | Target::Theme { owner, .. }
            | Target::Condensate { owner, .. }
            | Target::AnalyticText { owner, .. }
            | Target::ResultHeading { owner, .. }
            | Target::Preconceptions { owner } => Some(owner),
            Target::Code(_) | Target::Passage { .. } => None,
        }
    }

    /// What kind of thing it is, in words.
    pub fn kind(&self) -> &'static str {
        match self {
            Target::Unit { .. } => "meaning unit",
            Target::Code(_) => "code",
            Target::Theme { .. } => "theme",
            Target::Condensate { .. } => "condensate",
            Target::AnalyticText { .. } => "analytic text",
            Target::ResultHeading { .. } => "result heading",
            Target::Preconceptions { .. } => "preconceptions",
            Target::Passage { .. } => "passage",
        }
    }
}

/// Where a comment stands.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Stance {
    #[default]
    Comment,
    Agree,
    Question,
    Disagree,
}

impl Stance {
    /// The next stance, for cycling through them.
    pub fn next(self) -> Stance {
        match self {
            Stance::Comment => Stance::Agree,
            Stance::Agree => Stance::Question,
            Stance::Question => Stance::Disagree,
            Stance::Disagree => Stance::Comment,
        }
    }

    /// In words (and readable without colour).
    pub fn label(self) -> &'static str {
        match self {
            Stance::Comment => "comment",
            Stance::Agree => "agree",
            Stance::Question => "question",
            Stance::Disagree => "disagree",
        }
    }
}

/// One comment: the first of a thread (`thread == id`) or a reply in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    pub id: CommentId,
    pub thread: CommentId,
    pub target: Target,
    pub written: Stamp,
    #[serde(default)]
    pub stance: Stance,
    pub text: String,
}

/// A thread resolved, or reopened, by someone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    pub thread: CommentId,
    pub resolved: bool,
    pub when: Stamp,
}

/// One person's comments, resolutions and spot-checks (`reviews/<person>.ron`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    #[serde(default)]
    pub comments: Vec<Comment>,
    #[serde(default)]
    pub resolutions: Vec<Resolution>,
    /// Written only once there is one, as before spot-checks existed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spotchecks: Vec<SpotCheck>,
}

/// What a reviewer says of one sampled unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Verdict {
    Agree,
    Disagree,
    Unsure,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Agree => "agree",
            Verdict::Disagree => "disagree",
            Verdict::Unsure => "unsure",
        }
    }
}

/// A spot-check: a reproducible random sample of one coder's units, and what the
/// reviewer (the file's owner) said of each.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpotCheck {
    pub id: CommentId,
    /// Whose units.
    pub of: String,
    pub created: Stamp,
    pub seed: u64,
    /// `none`, `transcript` or `code`: how the sample was stratified.
    pub by: String,
    /// The sampled units, in the order they are worked through.
    pub sample: Vec<UnitId>,
    /// What was said, by unit (a disagreement's reasons are in its comment thread).
    #[serde(default)]
    pub verdicts: std::collections::BTreeMap<UnitId, Verdict>,
}

/// A thread as everyone's files make it.
#[derive(Clone, Debug)]
pub struct Thread<'a> {
    pub id: CommentId,
    pub target: &'a Target,
    /// Its comments, oldest first, each with its author.
    pub comments: Vec<(&'a str, &'a Comment)>,
    /// The latest resolution decides; a reply after it reopens nothing by itself.
    pub resolved: bool,
    /// When anything last happened in it.
    pub last: Stamp,
}

impl Thread<'_> {
    /// Who started it.
    pub fn author(&self) -> &str {
        self.comments.first().map_or("", |(a, _)| a)
    }
}

impl Project {
    /// Every thread: open ones first, then the most recent first.
    pub fn threads(&self) -> Vec<Thread<'_>> {
        let mut by_id: std::collections::BTreeMap<CommentId, Thread<'_>> = Default::default();
        for (person, review) in &self.reviews {
            for c in &review.comments {
                let t = by_id.entry(c.thread).or_insert_with(|| Thread {
                    id: c.thread,
                    target: &c.target,
                    comments: Vec::new(),
                    resolved: false,
                    last: c.written,
                });
                if c.id == c.thread {
                    t.target = &c.target;
                }
                t.comments.push((person.as_str(), c));
                t.last = t.last.max(c.written);
            }
        }
        let mut decided: std::collections::BTreeMap<CommentId, (Stamp, bool)> = Default::default();
        for review in self.reviews.values() {
            for r in &review.resolutions {
                let e = decided.entry(r.thread).or_insert((r.when, r.resolved));
                if r.when >= e.0 {
                    *e = (r.when, r.resolved);
                }
            }
        }
        let mut out: Vec<Thread<'_>> = by_id
            .into_values()
            .map(|mut t| {
                t.comments
                    .sort_by_key(|(a, c)| (c.written, c.id != c.thread, *a, c.id));
                if let Some(&(when, resolved)) = decided.get(&t.id) {
                    t.resolved = resolved;
                    t.last = t.last.max(when);
                }
                t
            })
            .collect();
        out.sort_by(|a, b| {
            a.resolved
                .cmp(&b.resolved)
                .then(b.last.cmp(&a.last))
                .then(a.id.cmp(&b.id))
        });
        out
    }

    /// How many open threads each thing has (things without any are left out).
    pub fn open_thread_counts(&self) -> std::collections::HashMap<Target, usize> {
        let mut out = std::collections::HashMap::new();
        for t in self.threads().iter().filter(|t| !t.resolved) {
            *out.entry(t.target.clone()).or_default() += 1;
        }
        out
    }

    /// How many open threads are about `target`.
    pub fn open_threads_on(&self, target: &Target) -> usize {
        self.open_thread_counts().get(target).copied().unwrap_or(0)
    }

    /// A person's review (empty when they have written none).
    pub fn review_of(&self, person: &str) -> Review {
        self.reviews.get(person).cloned().unwrap_or_default()
    }
}
