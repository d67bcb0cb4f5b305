//! The older formats' code book and participants files, and what every versioned file
//! shares (`format_version`). The current files are their model types in an envelope
//! (see `envelope`), or their own modules' shapes (`units`, `codes`, `participants`).

use crate::model::CodeNode;
use serde::{Deserialize, Serialize};

/// `codebook.ron`
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodebookFile {
    pub format_version: u32,
    pub codes: Vec<CodeNode>,
}

/// `participants.ron`: the participants someone has edited.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParticipantsFile {
    pub format_version: u32,
    pub participants: Vec<crate::model::Participant>,
}

/// Only the version: read when a file does not parse, so a newer file is reported as
/// such rather than as a shape error.
#[derive(Deserialize)]
pub struct Versioned {
    pub format_version: u32,
}

/// A project file that records the format version it was written in.
pub trait HasVersion {
    fn format_version(&self) -> u32;
}

macro_rules! has_version {
    ($($t:ty),*) => {$(
        impl HasVersion for $t {
            fn format_version(&self) -> u32 {
                self.format_version
            }
        }
    )*};
}

has_version!(
    CodebookFile,
    ParticipantsFile,
    super::correct::CorrectionsFile,
    crate::model::Manifest,
    crate::model::records::CodeRecord,
    crate::model::records::ParticipantRecord
);
