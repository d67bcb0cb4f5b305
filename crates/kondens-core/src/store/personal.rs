//! The files one person writes, each named after them — `analysis/<coder>.ron`,
//! `reviews/<person>.ron`: a model value in an envelope of `format_version` and whose
//! file it is. Only that person's workbench writes one, so several people never touch
//! the same file.

use super::envelope::{Envelope, Field, Sealed, Val};
use super::load::{check_named_for, envelope_field, parse_sealed, read_text, ron_files};
use super::{check_coder_name, create_private_dir, write_ron};
use crate::Result;
use crate::model::FORMAT_VERSION;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// One kind of personal file.
pub(super) struct Personal {
    /// The folder of the project it is in.
    pub folder: &'static str,
    /// The envelope: `format_version`, then the field that names the person.
    pub envelope: &'static [&'static str; 2],
    /// What it holds, for the refusal of a file that holds someone else's.
    pub what: &'static str,
}

impl Personal {
    /// The file of `person`.
    pub fn path(&self, dir: &Path, person: &str) -> PathBuf {
        dir.join(self.folder).join(format!("{person}.ron"))
    }

    /// Writes `person`'s file.
    pub fn write<T: Serialize>(&self, dir: &Path, person: &str, value: &T) -> Result<()> {
        check_coder_name(person)?;
        create_private_dir(&dir.join(self.folder))?;
        let [version, owner] = *self.envelope;
        let file = Sealed {
            body: value,
            fields: vec![
                Field::first(version, Val::Num(FORMAT_VERSION.into())),
                Field::first(owner, Val::Text(person)),
            ],
        };
        write_ron(&self.path(dir, person), &file, None)
    }

    /// Reads one file: whose it is, and what it holds.
    pub fn read<T: DeserializeOwned>(&self, path: &Path) -> Result<(String, T)> {
        let (value, envelope): (T, Envelope) =
            parse_sealed(path, &read_text(path)?, self.envelope)?;
        let person: String = envelope_field(path, &envelope, self.envelope[1])?;
        check_named_for(path, &person, self.what)?;
        Ok((person, value))
    }

    /// Reads every person's file (none when the folder is not there yet).
    pub fn read_all<T: DeserializeOwned>(&self, dir: &Path) -> Result<Vec<(String, T)>> {
        ron_files(&dir.join(self.folder))?
            .iter()
            .map(|path| self.read(path))
            .collect()
    }
}
