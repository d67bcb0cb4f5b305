//! `participants/<id>.ron`: one file per participant someone has edited (format 3), each
//! part on a line of its own with who changed it last, so that two people editing
//! different participants — or different parts of one — merge with a plain `git pull`.
//! The participants nobody edited follow from the transcripts and have no file.

use super::conflict::{self, Conflict, What};
use super::load::read_text;
use super::{create_private_dir, write_atomic};
use crate::model::records::{Field, Mark, ParticipantRecord};
use crate::model::{FORMAT_VERSION, Participant, ParticipantId, Project, SpeakerRef};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The folder of participant files.
pub const PARTICIPANTS: &str = "participants";

/// The file of one participant.
pub fn participant_path(dir: &Path, id: ParticipantId) -> PathBuf {
    dir.join(PARTICIPANTS).join(format!("{id}.ron"))
}

/// A participant's file as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParticipantFile {
    pub format_version: u32,
    pub id: ParticipantId,
    #[serde(default)]
    pub made: Option<Mark>,
    pub name: Field<String>,
    pub role: Field<String>,
    pub group: Field<String>,
    pub focus_group: Field<String>,
    #[serde(default)]
    pub attributes: BTreeMap<String, Field<String>>,
    pub labels: Field<Vec<SpeakerRef>>,
}

impl super::files::HasVersion for ParticipantFile {
    fn format_version(&self) -> u32 {
        self.format_version
    }
}

impl ParticipantFile {
    fn of(id: ParticipantId, r: &ParticipantRecord) -> Self {
        ParticipantFile {
            format_version: FORMAT_VERSION,
            id,
            made: r.made.clone(),
            name: r.name.clone(),
            role: r.role.clone(),
            group: r.group.clone(),
            focus_group: r.focus_group.clone(),
            attributes: r.attributes.clone(),
            labels: r.labels.clone(),
        }
    }

    fn record(&self) -> ParticipantRecord {
        ParticipantRecord {
            made: self.made.clone(),
            name: self.name.clone(),
            role: self.role.clone(),
            group: self.group.clone(),
            focus_group: self.focus_group.clone(),
            attributes: self.attributes.clone(),
            labels: self.labels.clone(),
        }
    }

    fn participant(&self) -> Participant {
        Participant {
            id: self.id,
            name: self.name.value.clone(),
            role: self.role.value.clone(),
            group: self.group.value.clone(),
            focus_group: self.focus_group.value.clone(),
            attributes: self
                .attributes
                .iter()
                .map(|(k, v)| (k.clone(), v.value.clone()))
                .collect(),
            labels: self.labels.value.clone(),
        }
    }

    /// The file's text: one part per line, blank lines between (see the module).
    pub fn to_text(&self) -> Result<String> {
        let mut s = String::from("(\n");
        s += &format!("  format_version: {},\n", self.format_version);
        s += &format!("  id: {},\n", super::one_line(&self.id)?);
        s += &format!("  made: {},\n\n", super::one_line(&self.made)?);
        s += &format!("  name: {},\n\n", super::one_line(&self.name)?);
        s += &format!("  role: {},\n\n", super::one_line(&self.role)?);
        s += &format!("  group: {},\n\n", super::one_line(&self.group)?);
        s += &format!(
            "  focus_group: {},\n\n",
            super::one_line(&self.focus_group)?
        );
        s += "  attributes: {\n\n";
        for (k, v) in &self.attributes {
            s += &format!("    {}: {},\n\n", super::one_line(k)?, super::one_line(v)?);
        }
        s += "  },\n\n";
        s += &format!("  labels: {},\n", super::one_line(&self.labels)?);
        s += ")\n";
        Ok(s)
    }
}

/// The participant files as read.
pub struct ReadPeople {
    /// In id order.
    pub participants: Vec<Participant>,
    pub records: BTreeMap<ParticipantId, ParticipantRecord>,
    pub files: BTreeMap<ParticipantId, ParticipantFile>,
    pub conflicts: Vec<Conflict>,
}

/// Reads every participant file.
pub fn read_people(dir: &Path) -> Result<ReadPeople> {
    let mut out = ReadPeople {
        participants: Vec::new(),
        records: BTreeMap::new(),
        files: BTreeMap::new(),
        conflicts: Vec::new(),
    };
    let mut paths = BTreeMap::new();
    for path in super::load::ron_files(&dir.join(PARTICIPANTS))? {
        let text = read_text(&path)?;
        let file: ParticipantFile = if conflict::has_markers(&text) {
            let sides = conflict::split_sides(&text).and_then(|(ours, theirs)| {
                let ours: ParticipantFile = super::load::parse_versioned(&path, &ours).ok()?;
                let theirs: ParticipantFile = super::load::parse_versioned(&path, &theirs).ok()?;
                Some((ours, theirs))
            });
            match sides {
                Some((ours, theirs)) => {
                    out.conflicts
                        .push(Conflict::participant(&path, &text, ours.clone(), theirs));
                    ours
                }
                None => {
                    out.conflicts.extend(conflict::unreadable(&path, &text));
                    continue;
                }
            }
        } else {
            super::load::parse_versioned(&path, &text)?
        };
        if path.file_stem().and_then(|s| s.to_str()) != Some(file.id.to_string().as_str()) {
            return Err(Error::Invalid {
                path,
                message: format!(
                    "holds participant {}, not the one its file name says; remove the copy",
                    file.id
                ),
            });
        }
        paths.insert(file.id, path);
        out.participants.push(file.participant());
        out.records.insert(file.id, file.record());
        out.files.insert(file.id, file);
    }
    // A label two participants claim (each gave it to their own after two merges).
    let mut owner: BTreeMap<&SpeakerRef, ParticipantId> = BTreeMap::new();
    for p in &out.participants {
        for l in &p.labels {
            if let Some(a) = owner.insert(l, p.id)
                && a != p.id
            {
                let name = |id: ParticipantId| {
                    out.files
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
pub fn save_people(dir: &Path, project: &mut Project, by: &str) -> Result<()> {
    create_private_dir(&dir.join(PARTICIPANTS))?;
    let mut live = std::collections::HashSet::new();
    for p in &project.participants {
        live.insert(p.id);
        let old = project.records.participants.get(&p.id);
        let r = match old {
            Some(r) => ParticipantRecord {
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
            write_atomic(&path, ParticipantFile::of(p.id, &r).to_text()?.as_bytes())?;
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
