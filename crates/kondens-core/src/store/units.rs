//! `units/<coder>.ron`: one coder's meaning units (the model's [`MeaningUnit`] in an
//! envelope with the labels of its speakers, for whoever reads the file). Written by
//! that coder's workbench only.

use super::envelope::{Field, Sealed, Val};
use super::files::HasVersion;
use super::load::{parse_versioned, read_text};
use super::{UNITS, check_coder_name, create_private_dir, fast, write_ron};
use crate::model::{FORMAT_VERSION, MeaningUnit, Project};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// `units/<coder>.ron`: `U` is a unit as written ([`WrittenUnit`]) or as read
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

impl<U> HasVersion for UnitsFile<U> {
    fn format_version(&self) -> u32 {
        self.format_version
    }
}

/// The file that holds a coder's units.
pub fn units_path(dir: &Path, coder: &str) -> PathBuf {
    dir.join(UNITS).join(format!("{coder}.ron"))
}

/// A meaning unit as written: in its envelope, with the labels of its speakers.
pub(crate) type WrittenUnit<'a> = Sealed<'a, crate::model::MeaningUnit>;

/// Writes `units/<coder>.ron`.
pub fn save_units(dir: &Path, project: &Project, coder: &str) -> Result<()> {
    check_coder_name(coder)?;
    create_private_dir(&dir.join(UNITS))?;
    let units = project
        .units_of(coder)
        .iter()
        .map(|u| Sealed {
            body: u,
            fields: vec![Field::before(
                "created",
                "speakers",
                Val::Texts(project.speakers_of(u)),
            )],
        })
        .collect();
    let file: UnitsFile<WrittenUnit> = UnitsFile {
        format_version: FORMAT_VERSION,
        coder: coder.to_string(),
        units,
    };
    write_ron(&units_path(dir, coder), &file, Some(3))
}

/// Reads a units file: its coder and the units, without the speakers it records.
pub(super) fn read_units(path: &Path) -> Result<(String, Vec<MeaningUnit>)> {
    let text = read_text(path)?;
    if let Some(read) = fast::read_units(&text) {
        return Ok(read);
    }
    let file: UnitsFile<ReadUnit> = parse_versioned(path, &text)?;
    let mut units: Vec<MeaningUnit> = file.units.into_iter().map(|u| u.0).collect();
    units.shrink_to_fit();
    Ok((file.coder, units))
}

pub(super) fn check_units(path: &Path, project: &Project, units: &[MeaningUnit]) -> Result<()> {
    // Looked up once per file, not once per unit: a large project has hundreds of
    // transcripts and hundreds of thousands of units.
    let transcripts: std::collections::HashMap<_, _> =
        project.transcripts.iter().map(|t| (t.id, t)).collect();
    check_units_against(path, &transcripts, units)
}

/// [`check_units`] against the transcripts by id.
pub(super) fn check_units_against(
    path: &Path,
    transcripts: &std::collections::HashMap<crate::model::TranscriptId, &crate::model::Transcript>,
    units: &[MeaningUnit],
) -> Result<()> {
    // A code that is not in the tree (another person deleted it while this coder still
    // saw it) is kept and reported (derived::problems), never fatal. An id twice is
    // found by the caller, which sees every coder's ids.
    for u in units {
        let invalid = |message: String| Error::Invalid {
            path: path.to_path_buf(),
            message: format!("meaning unit {}: {message}", u.id),
        };
        let Some(t) = transcripts.get(&u.transcript) else {
            return Err(invalid(format!(
                "transcript {} is not in the project",
                u.transcript
            )));
        };
        if u.start >= u.end || t.text.get(u.span()).is_none() {
            return Err(invalid(format!(
                "span {}..{} does not fit transcript {}",
                u.start, u.end, t.name
            )));
        }
    }
    Ok(())
}
