//! `kondens report`: code × focus group (or group, role, participant, transcript),
//! code co-occurrence, and coverage per transcript.

use crate::derived::report::{self, By, Format};
use crate::{Error, Result, store};
use std::path::{Path, PathBuf};

/// What the command was asked.
pub struct Request<'a> {
    pub dir: &'a Path,
    pub by: &'a str,
    pub cooccurrence: bool,
    pub coverage: bool,
    pub coder: Option<&'a str>,
    pub format: &'a str,
    pub out: Option<PathBuf>,
}

/// Computes the report and prints it (or writes it to `--out`).
pub fn run(r: Request<'_>) -> Result<()> {
    let format = Format::parse(r.format)?;
    let by = By::parse(r.by)?;
    if r.cooccurrence && r.coverage {
        return Err(Error::Refused(
            "--cooccurrence and --coverage are two reports; ask for one at a time".into(),
        ));
    }
    if let Some(path) = &r.out {
        super::refuse_inside_a_project(path)?;
    }
    let project = store::load(r.dir)?;
    super::warn(&project);
    if let Some(c) = r.coder
        && project.units_of(c).is_empty()
    {
        let known: Vec<&str> = project.units.keys().map(String::as_str).collect();
        eprintln!(
            "kondens: warning: {c} has no meaning units in this project (those who have: {})",
            if known.is_empty() {
                "nobody yet".to_string()
            } else {
                known.join(", ")
            }
        );
    }
    let text = if r.coverage {
        report::write_coverage(&report::coverage(&project, r.coder), format)
    } else if r.cooccurrence {
        report::write_report(&report::cooccurrence(&project, r.coder), format)
    } else {
        report::write_report(&report::matrix(&project, by, r.coder), format)
    };
    match r.out {
        Some(path) => store::write_atomic(&path, text.as_bytes()),
        None => {
            super::say(&text);
            Ok(())
        }
    }
}
