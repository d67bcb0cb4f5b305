//! What the shared files say of each code and participant beyond the tree itself: who
//! made it and who last changed each of its parts, and where it sits among its siblings
//! (an order key). Kept beside the model so that saving writes only what changed and
//! records who changed it; it never takes part in comparing two projects.

use super::time::Stamp;
use super::{CodeId, ParticipantId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Who did something, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    pub by: String,
    pub at: Stamp,
}

impl Mark {
    /// `by`, now.
    pub fn now(by: &str) -> Mark {
        Mark {
            by: by.to_string(),
            at: Stamp::now(),
        }
    }

    /// `by`, now — or nobody, when `by` is empty (a migration writes what was there
    /// before anyone was recorded).
    pub fn of(by: &str) -> Option<Mark> {
        (!by.is_empty()).then(|| Mark::now(by))
    }
}

/// One part of a shared object as last written: its value, what it was before the
/// change, and who changed it (`None` for what was there before kondens recorded it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field<T> {
    pub value: T,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub was: Option<T>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed: Option<Mark>,
}

impl<T: PartialEq + Clone> Field<T> {
    /// A field nobody is recorded as having written (read from an older format).
    pub fn unrecorded(value: T) -> Self {
        Field {
            value,
            was: None,
            changed: None,
        }
    }

    /// This field with `value`: itself when the value is the same, else changed by `by`.
    pub fn set(&self, value: &T, by: &str) -> Self {
        if self.value == *value {
            return self.clone();
        }
        Field {
            value: value.clone(),
            was: Some(self.value.clone()),
            changed: Mark::of(by),
        }
    }

    /// A new field, written by `by`.
    pub fn new(value: T, by: &str) -> Self {
        Field {
            value,
            was: None,
            changed: Mark::of(by),
        }
    }
}

/// A code's place: its parent (`None` at the top) and its order key among its siblings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub parent: Option<CodeId>,
    pub order: String,
}

/// What a code's file says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeRecord {
    pub made: Option<Mark>,
    pub place: Field<Place>,
    pub name: Field<String>,
    pub description: Field<String>,
    pub colour: Field<String>,
    /// Set when the code was deleted (its file stays, so that a change someone else
    /// made to it meanwhile merges instead of conflicting, and the deletion is known).
    pub deleted: Option<Mark>,
}

/// What a participant's file says, part by part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParticipantRecord {
    pub made: Option<Mark>,
    pub name: Field<String>,
    pub role: Field<String>,
    pub group: Field<String>,
    pub focus_group: Field<String>,
    pub attributes: BTreeMap<String, Field<String>>,
    pub labels: Field<Vec<super::SpeakerRef>>,
}

/// The shared files as last read or written.
#[derive(Clone, Debug, Default)]
pub struct Records {
    pub codes: BTreeMap<CodeId, CodeRecord>,
    pub participants: BTreeMap<ParticipantId, ParticipantRecord>,
}

/// Records describe files, not the analysis: two projects with the same work are equal
/// whatever their files recorded.
impl PartialEq for Records {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
