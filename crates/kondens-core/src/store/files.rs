//! The shapes of the project files whose model is not one value: a coder's list of
//! units, and the older formats' code book and participants. The others are their
//! model type in an envelope (see `envelope`). Each carries `format_version`.

use crate::model::CodeNode;
use serde::{Deserialize, Serialize};

/// `codebook.ron`
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodebookFile {
    pub format_version: u32,
    pub codes: Vec<CodeNode>,
}

/// `units/<coder>.ron`: `U` is a unit as written ([`super::WrittenUnit`]) or as read
/// ([`ReadUnit`]); both are the model's [`MeaningUnit`](crate::model::MeaningUnit) in
/// its envelope.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitsFile<U> {
    pub format_version: u32,
    pub coder: String,
    pub units: Vec<U>,
}

/// A unit as read. The file also records the labels of its speakers, for whoever reads
/// it; kondens works them out from the transcript, so they are not read back.
pub struct ReadUnit(pub crate::model::MeaningUnit);

impl<'de> Deserialize<'de> for ReadUnit {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::DeserializeSeed;
        let (unit, _speakers) = super::envelope::Open::new(&["speakers"]).deserialize(d)?;
        Ok(ReadUnit(unit))
    }
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

impl<U> HasVersion for UnitsFile<U> {
    fn format_version(&self) -> u32 {
        self.format_version
    }
}

has_version!(
    CodebookFile,
    ParticipantsFile,
    super::correct::CorrectionsFile,
    crate::model::Manifest,
    crate::model::records::CodeRecord,
    crate::model::records::ParticipantRecord
);
