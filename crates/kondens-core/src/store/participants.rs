//! `participants.ron`: the participants someone has edited (the others follow from the
//! transcripts). Shared, like the code tree, with one writer at a time.

use super::files::ParticipantsFile;
use super::{read_ron, write_ron};
use crate::model::{FORMAT_VERSION, Project};
use crate::{Error, Result};
use std::path::Path;

const PARTICIPANTS: &str = "participants.ron";

/// Writes `participants.ron` (the participants someone has edited). Like the code
/// tree, it has one writer at a time: the holder of the code-tree lock.
pub fn save_participants(dir: &Path, project: &Project) -> Result<()> {
    let file = ParticipantsFile {
        format_version: FORMAT_VERSION,
        participants: project.participants.clone(),
    };
    write_ron(&dir.join(PARTICIPANTS), &file, None)
}

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
