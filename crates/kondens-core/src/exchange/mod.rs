//! REFI-QDA exchange with NVivo, MAXQDA, ATLAS.ti and QualCoder: `.qdpx` projects and
//! `.qdc` codebooks, written (`export`) and read (`import`). The mapping, both ways, and
//! what is lost where, is in `docs/EXCHANGE.md`.

mod archive;
pub mod export;
pub mod import;
pub mod merge;
mod notes_in;
mod notes_out;
mod positions;
mod sources;
mod tree;
mod xml;

use std::collections::BTreeMap;
use std::fmt;

/// What kondens writes as the `origin` of its files.
pub const ORIGIN: &str = concat!("kondens ", env!("CARGO_PKG_VERSION"));

/// The namespace of the GUIDs kondens derives (for people, codings, notes, variables).
const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6b6f_6e64_656e_7300_8000_0000_5245_4649);

/// A GUID derived from `parts`: the same parts give the same GUID in every export.
fn derived(parts: &[&str]) -> String {
    uuid::Uuid::new_v5(&NAMESPACE, parts.join("\u{1f}").as_bytes()).to_string()
}

/// What an export wrote, for the person who asked for it.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    pub users: usize,
    pub sources: usize,
    pub codes: usize,
    pub codings: usize,
    /// Selections (meaning units) per person.
    pub selections: BTreeMap<String, usize>,
    pub cases: usize,
    pub variables: usize,
    /// Notes by kind ("Condensate", "Golden quote", …).
    pub notes: BTreeMap<String, usize>,
    /// What the standard cannot carry.
    pub not_carried: Vec<String>,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "  people (users):    {}", self.users)?;
        writeln!(f, "  transcripts:       {}", self.sources)?;
        writeln!(f, "  codes:             {}", self.codes)?;
        let units: usize = self.selections.values().sum();
        let each: Vec<String> = self
            .selections
            .iter()
            .map(|(p, n)| format!("{p} {n}"))
            .collect();
        if units > 0 {
            writeln!(
                f,
                "  meaning units:     {units} ({}), {} coding(s)",
                each.join(", "),
                self.codings
            )?;
        }
        if self.cases > 0 {
            writeln!(
                f,
                "  participants:      {} as cases, {} variable(s)",
                self.cases, self.variables
            )?;
        }
        if !self.notes.is_empty() {
            let kinds: Vec<String> = self.notes.iter().map(|(k, n)| format!("{k} {n}")).collect();
            writeln!(f, "  notes:             {}", kinds.join(", "))?;
        }
        for n in &self.not_carried {
            writeln!(f, "  not carried: {n}")?;
        }
        Ok(())
    }
}
