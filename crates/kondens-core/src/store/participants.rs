//! `participants.ron`, the participants file of format 2 and before (read as it is by
//! `stats` and `export`; opening migrates it to `participants/`), and the checks every
//! format's participants must pass.

use super::files::ParticipantsFile;
use super::read_ron;
use crate::model::Project;
use crate::{Error, Result};
use std::path::Path;

const PARTICIPANTS: &str = "participants.ron";

fn check(path: &Path, project: &Project) -> Result<()> {
    let mut ids = std::collections::HashSet::new();
    let mut labels = std::collections::HashSet::new();
    for p in &project.participants {
        let invalid = |message: String| Error::Invalid {
            path: path.to_path_buf(),
            message: format!("participant {} ({}): {message}", p.id, p.name),
        };
        if !ids.insert(p.id) {
            return Err(invalid("its id appears twice".into()));
        }
        for r in &p.labels {
            if project.transcript(r.transcript).is_none() {
                return Err(invalid(format!(
                    "transcript {} is not in the project",
                    r.transcript
                )));
            }
            if !labels.insert((r.transcript, r.label.clone())) {
                return Err(invalid(format!(
                    "the label {:?} belongs to more than one participant",
                    r.label
                )));
            }
        }
    }
    Ok(())
}

/// Checks the participants read from `participants/` against the transcripts.
pub(super) fn check_people(dir: &Path, project: &Project) -> Result<()> {
    check(&dir.join(super::people::PARTICIPANTS), project)
}

/// Reads `participants.ron`, if there is one, into the project and checks it against the
/// transcripts.
pub(super) fn load_into(dir: &Path, project: &mut Project) -> Result<()> {
    let path = dir.join(PARTICIPANTS);
    if path.exists() {
        let file: ParticipantsFile = read_ron(&path)?;
        project.participants = file.participants;
        check(&path, project)?;
    }
    Ok(())
}
