//! What the shared files say of each code and participant: the file's own shape (each
//! record *is* its file, `codes/<id>.ron` or `participants/<id>.ron`), with who made it
//! and who last changed each of its parts, and where a code sits among its siblings (an
//! order key). Kept beside the model so that saving writes only what changed and records
//! who changed it; it never takes part in comparing two projects.

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

/// A code's file, `codes/<id>.ron`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeRecord {
    pub format_version: u32,
    pub id: CodeId,
    #[serde(default)]
    pub made: Option<Mark>,
    pub place: Field<Place>,
    pub name: Field<String>,
    #[serde(default = "empty_field")]
    pub description: Field<String>,
    pub colour: Field<String>,
    /// Set when the code was deleted (its file stays, so that a change someone else
    /// made to it meanwhile merges instead of conflicting, and the deletion is known).
    #[serde(default)]
    pub deleted: Option<Mark>,
}

fn empty_field() -> Field<String> {
    Field::unrecorded(String::new())
}

impl CodeRecord {
    /// Who made the code and who changed it last, in words: "made by anna 2026-12-01 ·
    /// renamed by bjorn 2026-12-03". Empty when nothing is recorded (made before format 3).
    pub fn provenance(&self) -> String {
        let day = |m: &Mark| m.at.to_string().chars().take(10).collect::<String>();
        let mut out = Vec::new();
        if let Some(m) = &self.made {
            out.push(format!("made by {} {}", m.by, day(m)));
        }
        let last = [
            ("renamed", &self.name.changed),
            ("moved", &self.place.changed),
            ("described", &self.description.changed),
            ("recoloured", &self.colour.changed),
        ]
        .into_iter()
        .filter_map(|(what, m)| m.as_ref().map(|m| (what, m)))
        .filter(|(_, m)| self.made.as_ref() != Some(*m))
        .max_by_key(|(_, m)| m.at);
        if let Some((what, m)) = last {
            out.push(format!("{what} by {} {}", m.by, day(m)));
        }
        out.join(" · ")
    }
}

/// A participant's file, `participants/<id>.ron`, part by part.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParticipantRecord {
    pub format_version: u32,
    pub id: ParticipantId,
    #[serde(default)]
    pub made: Option<Mark>,
    pub name: Field<String>,
    pub role: Field<String>,
    pub group: Field<String>,
    pub focus_group: Field<String>,
    #[serde(default)]
    pub attributes: BTreeMap<String, Field<String>>,
    pub labels: Field<Vec<super::SpeakerRef>>,
}

impl ParticipantRecord {
    /// The participant it records.
    pub fn participant(&self) -> super::Participant {
        super::Participant {
            id: self.id,
            name: self.name.value.clone(),
            role: self.role.value.clone(),
            group: self.group.value.clone(),
            focus_group: self.focus_group.value.clone(),
            attributes: self
                .attributes
                .iter()
                .map(|(k, v)| (k.clone(), v.value.clone()))
                .collect(),
            labels: self.labels.value.clone(),
        }
    }
}

/// The shared files as last read or written.
#[derive(Clone, Debug, Default)]
pub struct Records {
    pub codes: BTreeMap<CodeId, CodeRecord>,
    pub participants: BTreeMap<ParticipantId, ParticipantRecord>,
    /// Codes moved since the last save: they get new order keys, and their neighbours
    /// keep theirs (from the order alone, "X moved up" and "Y moved down" look the same).
    pub moved: std::collections::BTreeSet<CodeId>,
}

/// Records describe files, not the analysis: two projects with the same work are equal
/// whatever their files recorded.
impl PartialEq for Records {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_says_who_made_it_and_who_changed_it_last() {
        let mark = |by: &str, at: u64| Mark {
            by: by.into(),
            at: Stamp(at),
        };
        let field = |v: &str, m: Mark| Field {
            value: v.to_string(),
            was: None,
            changed: Some(m),
        };
        let made = mark("anna", 86_400);
        let mut r = CodeRecord {
            format_version: 3,
            id: CodeId::new(),
            made: Some(made.clone()),
            place: Field {
                value: Place::default(),
                was: None,
                changed: Some(made.clone()),
            },
            name: field("Tid", made.clone()),
            description: field("", made.clone()),
            colour: field("#4e79a7", made.clone()),
            deleted: None,
        };
        assert_eq!(r.provenance(), "made by anna 1970-01-02");
        r.name = r.name.set(&"Tidspress".to_string(), "bjorn");
        let p = r.provenance();
        assert!(
            p.starts_with("made by anna 1970-01-02 · renamed by bjorn 20"),
            "{p}"
        );
        assert_eq!(r.name.was.as_deref(), Some("Tid"));
        // Nothing recorded (made before format 3): nothing said.
        let old = CodeRecord {
            format_version: 3,
            id: CodeId::new(),
            made: None,
            place: Field::unrecorded(Place::default()),
            name: Field::unrecorded("Tid".into()),
            description: Field::unrecorded(String::new()),
            colour: Field::unrecorded("#4e79a7".into()),
            deleted: None,
        };
        assert_eq!(old.provenance(), "");
    }
}
