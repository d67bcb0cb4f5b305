//! Participants on disk. `participants/<id>.ron`: one file per participant someone has
//! edited (format 3), each
//! part on a line of its own with who changed it last, so that two people editing
//! different participants — or different parts of one — merge with a plain `git pull`.
//! The participants nobody edited follow from the transcripts and have no file.

use super::conflict::{self, Conflict, Sides, What};
use super::files::ParticipantsFile;
use super::read_ron;
use super::{create_private_dir, write_atomic};
use crate::model::records::{Field, Mark, ParticipantRecord};
use crate::model::{FORMAT_VERSION, Participant, ParticipantId, Project, SpeakerRef};
use crate::{Error, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The folder of participant files.
pub const PARTICIPANTS: &str = "participants";

/// The file of one participant.
pub fn participant_path(dir: &Path, id: ParticipantId) -> PathBuf {
    dir.join(PARTICIPANTS).join(format!("{id}.ron"))
}

/// A participant's file: one part per line, blank lines between (see the module).
fn participant_text(r: &ParticipantRecord) -> Result<String> {
    let mut s = String::from("(\n");
    s += &format!("  format_version: {},\n", r.format_version);
    s += &super::part("id", &r.id)?;
    s += &super::part("made", &r.made)?;
    for (name, field) in [
        ("name", &r.name),
        ("role", &r.role),
        ("group", &r.group),
        ("focus_group", &r.focus_group),
    ] {
        s += "\n";
        s += &super::part(name, field)?;
    }
    s += "\n  attributes: {\n\n";
    for (k, v) in &r.attributes {
        s += &format!("    {}: {},\n\n", super::one_line(k)?, super::one_line(v)?);
    }
    s += "  },\n\n";
    s += &super::part("labels", &r.labels)?;
    s += ")\n";
    Ok(s)
}

/// Writes a participant's file.
pub(super) fn write_participant(dir: &Path, r: &ParticipantRecord) -> Result<()> {
    write_atomic(
        &participant_path(dir, r.id),
        participant_text(r)?.as_bytes(),
    )
}

/// The participant files as read.
pub struct ReadParticipants {
    /// In id order.
    pub participants: Vec<Participant>,
    pub records: BTreeMap<ParticipantId, ParticipantRecord>,
    pub conflicts: Vec<Conflict>,
}

/// Reads every participant file.
pub fn read_participants(dir: &Path) -> Result<ReadParticipants> {
    let mut out = ReadParticipants {
        participants: Vec::new(),
        records: BTreeMap::new(),
        conflicts: Vec::new(),
    };
    let mut paths = BTreeMap::new();
    for path in super::load::ron_files(&dir.join(PARTICIPANTS))? {
        let record = match conflict::read_sides::<ParticipantRecord>(&path)? {
            Sides::One(record) => record,
            Sides::Two(ours, theirs, line) => {
                out.conflicts
                    .push(Conflict::participant(&path, line, ours.clone(), theirs));
                ours
            }
            Sides::Unreadable(found) => {
                out.conflicts.extend(found);
                continue;
            }
        };
        super::load::check_file_is(&path, &record.id, "participant")?;
        paths.insert(record.id, path);
        out.participants.push(record.participant());
        out.records.insert(record.id, record);
    }
    // A label two participants claim (each gave it to their own after two merges).
    let mut owner: BTreeMap<&SpeakerRef, ParticipantId> = BTreeMap::new();
    for p in &out.participants {
        for l in &p.labels {
            if let Some(a) = owner.insert(l, p.id)
                && a != p.id
            {
                let name = |id: ParticipantId| {
                    out.records
                        .get(&id)
                        .map_or(String::from("?"), |f| f.name.value.clone())
                };
                out.conflicts.push(Conflict {
                    path: paths.get(&p.id).cloned().unwrap_or_default(),
                    line: 1,
                    words: format!(
                        "the speaker label {:?} is both {}'s and {}'s (each was merged \
                         separately)",
                        l.label,
                        name(a),
                        name(p.id)
                    ),
                    what: What::LabelTwice {
                        a,
                        b: p.id,
                        label: l.clone(),
                    },
                });
            }
        }
    }
    Ok(out)
}

/// Writes the participant files whose participant changed since they were last read or
/// written, and removes the files of participants no longer edited (merged into
/// another); `project.records` is brought up to date.
pub fn save_participants(dir: &Path, project: &mut Project, by: &str) -> Result<()> {
    create_private_dir(&dir.join(PARTICIPANTS))?;
    let mut live = std::collections::HashSet::new();
    for p in &project.participants {
        live.insert(p.id);
        let old = project.records.participants.get(&p.id);
        let r = match old {
            Some(r) => ParticipantRecord {
                format_version: FORMAT_VERSION,
                id: p.id,
                made: r.made.clone(),
                name: r.name.set(&p.name, by),
                role: r.role.set(&p.role, by),
                group: r.group.set(&p.group, by),
                focus_group: r.focus_group.set(&p.focus_group, by),
                attributes: p
                    .attributes
                    .iter()
                    .map(|(k, v)| {
                        let f = match r.attributes.get(k) {
                            Some(f) => f.set(v, by),
                            None => Field::new(v.clone(), by),
                        };
                        (k.clone(), f)
                    })
                    .collect(),
                labels: r.labels.set(&p.labels, by),
            },
            None => ParticipantRecord {
                format_version: FORMAT_VERSION,
                id: p.id,
                made: Mark::of(by),
                name: Field::new(p.name.clone(), by),
                role: Field::new(p.role.clone(), by),
                group: Field::new(p.group.clone(), by),
                focus_group: Field::new(p.focus_group.clone(), by),
                attributes: p
                    .attributes
                    .iter()
                    .map(|(k, v)| (k.clone(), Field::new(v.clone(), by)))
                    .collect(),
                labels: Field::new(p.labels.clone(), by),
            },
        };
        let path = participant_path(dir, p.id);
        if old != Some(&r) || !path.exists() {
            write_participant(dir, &r)?;
            project.records.participants.insert(p.id, r);
        }
    }
    let gone: Vec<ParticipantId> = project
        .records
        .participants
        .keys()
        .filter(|id| !live.contains(*id))
        .copied()
        .collect();
    for id in gone {
        let path = participant_path(dir, id);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&path, e)),
        }
        project.records.participants.remove(&id);
    }
    Ok(())
}

// Format 2 and before: one shared `participants.ron` (read as it is by `stats` and
// `export`; opening migrates it to `participants/`), and the checks every format's
// participants must pass.

/// The single participants file of format 2 and before.
const FORMAT_2_FILE: &str = "participants.ron";

fn check(path: &Path, project: &Project) -> Result<()> {
    check_list(path, &project.participants, |id| {
        project.transcript(id).is_some()
    })
}

/// Checks participants against the transcripts (`known` says whether one is in the
/// project): each id once, each speaker label of a known transcript and of one person.
pub(super) fn check_list(
    path: &Path,
    participants: &[Participant],
    known: impl Fn(crate::model::TranscriptId) -> bool,
) -> Result<()> {
    let mut ids = std::collections::HashSet::new();
    let mut labels = std::collections::HashSet::new();
    for p in participants {
        let invalid = |message: String| Error::Invalid {
            path: path.to_path_buf(),
            message: format!("participant {} ({}): {message}", p.id, p.name),
        };
        if !ids.insert(p.id) {
            return Err(invalid("its id appears twice".into()));
        }
        for r in &p.labels {
            if !known(r.transcript) {
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
    check(&dir.join(PARTICIPANTS), project)
}

/// Reads `participants.ron`, if there is one, into the project and checks it against the
/// transcripts.
pub(super) fn load_into(dir: &Path, project: &mut Project) -> Result<()> {
    let path = dir.join(FORMAT_2_FILE);
    if path.exists() {
        let file: ParticipantsFile = read_ron(&path)?;
        project.participants = file.participants;
        check(&path, project)?;
    }
    Ok(())
}
