//! Edits of participants: names, roles, groups, focus groups, free attributes, and
//! merging two into one person. Each replaces the stored list as one undoable change;
//! a participant nobody had edited yet is stored from then on.

use super::{Change, Edit};
use crate::model::{Participant, ParticipantId, Project};
use crate::{Error, Result};

/// What of a participant to set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParticipantField {
    Name,
    Role,
    Group,
    FocusGroup,
    /// A free attribute; an empty value removes it.
    Attribute(String),
}

impl ParticipantField {
    /// What to call it in messages.
    pub fn label(&self) -> String {
        match self {
            ParticipantField::Name => "name".into(),
            ParticipantField::Role => "role".into(),
            ParticipantField::Group => "group".into(),
            ParticipantField::FocusGroup => "focus group".into(),
            ParticipantField::Attribute(k) => format!("attribute {k:?}"),
        }
    }

    /// The participant's current value of it.
    pub fn value(&self, p: &Participant) -> String {
        match self {
            ParticipantField::Name => p.name.clone(),
            ParticipantField::Role => p.role.clone(),
            ParticipantField::Group => p.group.clone(),
            ParticipantField::FocusGroup => p.focus_group.clone(),
            ParticipantField::Attribute(k) => p.attributes.get(k).cloned().unwrap_or_default(),
        }
    }
}

fn find(project: &Project, id: ParticipantId) -> Result<Participant> {
    project
        .all_participants()
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| Error::Refused("that participant is gone".into()))
}

/// The stored list with `p` in it (replacing its old self, or added at the end).
fn with(project: &Project, p: Participant) -> Vec<Participant> {
    let mut list = project.participants.clone();
    match list.iter_mut().find(|x| x.id == p.id) {
        Some(slot) => *slot = p,
        None => list.push(p),
    }
    // In id order, as they load (see `Project::sort_participants`).
    list.sort_by_key(|x| x.id);
    list
}

/// Sets one field of a participant.
pub fn set_participant(
    project: &Project,
    id: ParticipantId,
    field: &ParticipantField,
    value: &str,
) -> Result<Edit> {
    let mut p = find(project, id)?;
    let value = crate::text::escape::replace_controls(value.trim())
        .0
        .into_owned();
    match field {
        ParticipantField::Name if value.is_empty() => {
            return Err(Error::Refused("a participant needs a name".into()));
        }
        ParticipantField::Name => p.name = value.clone(),
        ParticipantField::Role => p.role = value.clone(),
        ParticipantField::Group => p.group = value.clone(),
        ParticipantField::FocusGroup => p.focus_group = value.clone(),
        ParticipantField::Attribute(k) if k.trim().is_empty() => {
            return Err(Error::Refused(
                "an attribute needs a name (key=value)".into(),
            ));
        }
        ParticipantField::Attribute(k) if value.is_empty() => {
            p.attributes.remove(k.trim());
        }
        ParticipantField::Attribute(k) => {
            p.attributes.insert(k.trim().to_string(), value.clone());
        }
    }
    let label = format!("{}: {} set to {value:?}", p.name, field.label());
    Ok(Edit {
        change: Change::SetParticipants(Box::new(with(project, p))),
        label,
    })
}

/// Makes `absorb` part of `keep`: its labels become `keep`'s, its attributes fill in
/// what `keep` lacks, and `absorb` is no more.
pub fn merge_participants(
    project: &Project,
    keep: ParticipantId,
    absorb: ParticipantId,
) -> Result<Edit> {
    if keep == absorb {
        return Err(Error::Refused(
            "a participant cannot be merged with itself".into(),
        ));
    }
    let mut k = find(project, keep)?;
    let a = find(project, absorb)?;
    for r in &a.labels {
        if !k.labels.contains(r) {
            k.labels.push(r.clone());
        }
    }
    for (key, v) in &a.attributes {
        k.attributes.entry(key.clone()).or_insert_with(|| v.clone());
    }
    for (mine, theirs) in [
        (&mut k.role, &a.role),
        (&mut k.group, &a.group),
        (&mut k.focus_group, &a.focus_group),
    ] {
        if mine.is_empty() {
            mine.clone_from(theirs);
        }
    }
    let label = format!("Merged {} into {}", a.name, k.name);
    let mut list = with(project, k);
    list.retain(|p| p.id != absorb);
    Ok(Edit {
        change: Change::SetParticipants(Box::new(list)),
        label,
    })
}

/// Finds a participant by id (or an unambiguous start of it, at least 4 characters), by
/// name, or as `TRANSCRIPT:LABEL` (the transcript's name). Ambiguity is an error that
/// lists the candidates.
pub fn find_participant(project: &Project, query: &str) -> Result<Participant> {
    let all = project.all_participants();
    let q = query.trim();
    let by_id: Vec<&Participant> = all
        .iter()
        .filter(|p| q.len() >= 4 && p.id.to_string().starts_with(&q.to_lowercase()))
        .collect();
    let by_name: Vec<&Participant> = all.iter().filter(|p| p.name == q).collect();
    let by_label: Vec<&Participant> = all
        .iter()
        .filter(|p| {
            p.labels.iter().any(|r| {
                project
                    .transcript(r.transcript)
                    .is_some_and(|t| format!("{}:{}", t.name, r.label) == q)
            })
        })
        .collect();
    let found = [by_id, by_label, by_name]
        .into_iter()
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    match found.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(Error::Refused(format!(
            "no participant {q:?}; give an id, a name, or TRANSCRIPT:LABEL (see `kondens participants DIR`)"
        ))),
        many => Err(Error::Refused(format!(
            "{q:?} could be {} participants: {}; give the id instead",
            many.len(),
            many.iter()
                .map(|p| format!("{} ({})", &p.id.to_string()[..8], p.focus_group))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::History;

    fn project() -> Project {
        let mut p = Project::new("t", "q");
        let (t, _) = crate::import::from_bytes(
            "Moderator: Welcome.\n\nKari N.: Hello.\n\nKari: Me again.\n\nP2: Hi.\n\n\
             Moderator: Thanks.\n\nKari N.: Yes.\n\nKari: And.\n\nP2: Bye.\n"
                .as_bytes(),
            "fg1.txt",
            "fg1",
            crate::import::Format::Txt,
        )
        .unwrap();
        p.transcripts.push(t);
        p
    }

    #[test]
    fn two_labels_merge_into_one_person_and_undo_splits_them() {
        let mut p = project();
        let all = p.all_participants();
        let names: Vec<&str> = all.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["Moderator", "Kari N.", "Kari", "P2"]);
        assert_eq!(all[0].role, "moderator");
        assert_eq!(all[1].role, "participant");
        assert_eq!(all[1].focus_group, "fg1");
        // Ids of unedited participants are stable.
        assert_eq!(p.all_participants()[1].id, all[1].id);
        let mut h = History::default();
        let e = merge_participants(&p, all[1].id, all[2].id).unwrap();
        h.perform(&mut p, e.change, e.label).unwrap();
        let e = set_participant(&p, all[1].id, &ParticipantField::Name, "Anne").unwrap();
        h.perform(&mut p, e.change, e.label).unwrap();
        let e = set_participant(
            &p,
            all[1].id,
            &ParticipantField::Attribute("age".into()),
            "40-49",
        )
        .unwrap();
        h.perform(&mut p, e.change, e.label).unwrap();
        let now = p.all_participants();
        assert_eq!(now.len(), 3);
        // Edited, it stays where it first spoke.
        assert_eq!(now[1].name, "Anne");
        assert_eq!(now[1].labels.len(), 2);
        assert_eq!(now[1].attributes["age"], "40-49");
        let t = p.transcripts[0].id;
        assert_eq!(p.participant_for(t, "Kari").unwrap().name, "Anne");
        assert_eq!(find_participant(&p, "fg1:Kari").unwrap().id, all[1].id);
        assert_eq!(find_participant(&p, "Anne").unwrap().id, all[1].id);
        assert!(find_participant(&p, "Nobody").is_err());
        for _ in 0..3 {
            h.undo(&mut p).unwrap().unwrap();
        }
        assert_eq!(p.all_participants(), all);
    }
}
