//! Stable identifiers. Every object gets a random UUID at creation and keeps it for
//! life, so renames and moves are small diffs and REFI-QDA exchange (which needs GUIDs)
//! can use them as they are.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub uuid::Uuid);

        impl $name {
            /// A fresh random id.
            pub fn new() -> Self {
                Self(uuid::Uuid::new_v4())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }
    };
}

id_type!(
    /// Identifies a transcript.
    TranscriptId
);
id_type!(
    /// Identifies a node of the code tree (code group, subgroup or code).
    CodeId
);
id_type!(
    /// Identifies a meaning unit.
    UnitId
);
id_type!(
    /// Identifies a preliminary theme.
    ThemeId
);
id_type!(
    /// Identifies a participant (a person who speaks in the transcripts).
    ParticipantId
);
id_type!(
    /// Identifies a comment; a thread is known by its first comment's id.
    CommentId
);
