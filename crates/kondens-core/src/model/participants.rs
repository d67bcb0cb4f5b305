//! Participants: the people behind the speaker labels. A label in a transcript
//! (`P1`, `Kari N.`) is a participant of its own until the researcher says more: gives
//! attributes (role, group, focus group, free ones) or merges two labels into one person
//! (`Kari N.` and `Kari`). Only participants someone has edited are stored
//! (`participants.ron`); the others follow from the transcripts, so importing never has
//! to write the shared file.

use super::{ParticipantId, Project, Transcript, TranscriptId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A speaker label in one transcript.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeakerRef {
    pub transcript: TranscriptId,
    pub label: String,
}

/// A person who speaks in the transcripts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub id: ParticipantId,
    /// What to call them (a pseudonym, or the label).
    pub name: String,
    /// `moderator`, `participant`, or anything the study uses.
    #[serde(default)]
    pub role: String,
    /// A group such as "managers".
    #[serde(default)]
    pub group: String,
    /// The focus group (meeting) they took part in.
    #[serde(default)]
    pub focus_group: String,
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    /// The labels that are this person, in the transcripts they speak in.
    pub labels: Vec<SpeakerRef>,
}

/// Labels that name the one who leads the conversation.
const MODERATOR_WORDS: &[&str] = &[
    "moderator",
    "medmoderator",
    "co-moderator",
    "comoderator",
    "interviewer",
    "intervjuer",
    "facilitator",
    "fasilitator",
    "host",
    "researcher",
    "forsker",
];

/// The role a label suggests: `moderator` for the likes of `Moderator (Host)`,
/// `Intervjuer`, `M` or `MM` (medmoderator), else `participant`.
pub fn guess_role(label: &str) -> &'static str {
    let lower = label.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let leads = words.iter().any(|w| MODERATOR_WORDS.contains(w))
        || matches!(lower.trim(), "m" | "i" | "mod" | "mm");
    if leads { "moderator" } else { "participant" }
}

/// A stable id for a label nobody has edited yet: the same label in the same transcript
/// always gets the same id, so exports are the same from run to run.
fn implicit_id(r: &SpeakerRef) -> ParticipantId {
    let hash = |seed: u64| {
        let mut h = seed;
        for b in r.transcript.0.as_bytes().iter().chain(r.label.as_bytes()) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // splitmix64's finaliser, so near-equal labels get unlike ids.
        h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        h ^ (h >> 31)
    };
    let (a, b) = (hash(0xcbf2_9ce4_8422_2325), hash(0x8422_2325_cbf2_9ce4));
    // Marked as a version-4-shaped UUID so every tool reads it as one.
    ParticipantId(
        uuid::Builder::from_u128((u128::from(a) << 64) | u128::from(b))
            .with_version(uuid::Version::Random)
            .into_uuid(),
    )
}

/// The participant a label is when nobody has said otherwise.
pub fn implicit(t: &Transcript, label: &str) -> Participant {
    let r = SpeakerRef {
        transcript: t.id,
        label: label.to_string(),
    };
    Participant {
        id: implicit_id(&r),
        name: label.to_string(),
        role: guess_role(label).to_string(),
        group: String::new(),
        focus_group: t.name.clone(),
        attributes: BTreeMap::new(),
        labels: vec![r],
    }
}

impl Project {
    /// Each of a participant's speaker labels with the name of its transcript.
    pub fn label_places<'a>(
        &'a self,
        p: &'a Participant,
    ) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        p.labels.iter().map(|r| {
            let t = self
                .transcript(r.transcript)
                .map_or("?", |t| t.name.as_str());
            (t, r.label.as_str())
        })
    }

    /// Every participant, in order of first appearance (by transcript, then turn): an
    /// edited participant where its first label first speaks, every unclaimed label as
    /// a participant of its own. Editing never moves a participant in this order.
    pub fn all_participants(&self) -> Vec<Participant> {
        let claimed: std::collections::HashMap<(TranscriptId, &str), usize> = self
            .participants
            .iter()
            .enumerate()
            .flat_map(|(i, p)| {
                p.labels
                    .iter()
                    .map(move |r| ((r.transcript, r.label.as_str()), i))
            })
            .collect();
        let mut emitted = vec![false; self.participants.len()];
        let mut out = Vec::new();
        for t in &self.transcripts {
            let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
            for turn in &t.turns {
                let Some(label) = turn.speaker.as_deref() else {
                    continue;
                };
                if !seen.insert(label) {
                    continue;
                }
                match claimed.get(&(t.id, label)) {
                    Some(&i) if !emitted[i] => {
                        emitted[i] = true;
                        out.push(self.participants[i].clone());
                    }
                    Some(_) => {}
                    None => out.push(implicit(t, label)),
                }
            }
        }
        // Edited participants whose labels speak nowhere (kept, never dropped).
        for (i, p) in self.participants.iter().enumerate() {
            if !emitted[i] {
                out.push(p.clone());
            }
        }
        out
    }

    /// The participant behind a label in a transcript (`None` only when the transcript
    /// is not in the project).
    pub fn participant_for(&self, transcript: TranscriptId, label: &str) -> Option<Participant> {
        if let Some(p) = self.participants.iter().find(|p| {
            p.labels
                .iter()
                .any(|r| r.transcript == transcript && r.label == label)
        }) {
            return Some(p.clone());
        }
        // Labels come from the turns, so this does not look for the label again.
        self.transcript(transcript).map(|t| implicit(t, label))
    }

    /// The names of the participants who speak in a unit, merged labels once, in order.
    pub fn participant_names_of(&self, unit: &super::MeaningUnit) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for label in self.speakers_of(unit) {
            let name = self
                .participant_for(unit.transcript, &label)
                .map_or(label, |p| p.name);
            if !out.contains(&name) {
                out.push(name);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_guessed_from_labels() {
        for m in [
            "Moderator",
            "Moderator (Host)",
            "Medmoderator",
            "Intervjuer",
            "M",
            "I",
        ] {
            assert_eq!(guess_role(m), "moderator", "{m}");
        }
        for p in ["P1", "Kari N.", "Mona", "Hostess Anne", "L3"] {
            assert_eq!(guess_role(p), "participant", "{p}");
        }
    }
}
