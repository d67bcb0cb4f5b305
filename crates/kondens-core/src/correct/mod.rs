//! Correcting a transcript that is already coded (`kondens correct`): the corrected text
//! replaces the old one and every person's meaning units move with their words, mapped
//! through a character diff ([`diff::PositionMap`]). Nothing is dropped: a unit whose
//! words changed is kept on what replaced them, one whose words are gone is kept as an
//! orphan on the nearest word, with a note that quotes its old words. Pure: the plan is
//! written by [`crate::store::apply_correction`].

pub mod diff;

use crate::model::time::Stamp;
use crate::model::{MeaningUnit, Project, Transcript, TranscriptId, UnitId};
use crate::{Error, Result};
use diff::PositionMap;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// What became of one meaning unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fate {
    /// Its words are the same (they may stand elsewhere in the text).
    Kept,
    /// Some of its words were corrected; it now covers what replaced them.
    Changed,
    /// All its words were deleted; it is kept on the nearest word, with a note.
    Orphaned,
}

/// One unit's outcome, with its words before and after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitOutcome {
    pub coder: String,
    pub unit: UnitId,
    pub fate: Fate,
    /// Whether it stands at another place in the text than before.
    pub moved: bool,
    pub before: String,
    pub after: String,
}

/// A turn whose speaker the corrected text names differently.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeakerChange {
    /// The turn's number in the corrected transcript (1-based).
    pub turn: usize,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A correction worked out, not yet written.
#[derive(Clone, Debug)]
pub struct Correction {
    /// The transcript as it will be: same id, name and source, the corrected words.
    pub transcript: Transcript,
    /// Every person's units in the project after the correction (only those of this
    /// transcript differ).
    pub units: BTreeMap<String, Vec<MeaningUnit>>,
    pub outcomes: Vec<UnitOutcome>,
    pub speakers: Vec<SpeakerChange>,
    /// Bytes of text deleted and inserted.
    pub deleted: usize,
    pub inserted: usize,
}

/// Counts per person: (kept in place, moved, changed, orphaned).
pub type Tally = BTreeMap<String, [usize; 4]>;

impl Correction {
    /// The counts per person: kept in place, moved, changed, orphaned.
    pub fn tally(&self) -> Tally {
        let mut out: Tally = BTreeMap::new();
        for o in &self.outcomes {
            let row = out.entry(o.coder.clone()).or_default();
            let i = match (o.fate, o.moved) {
                (Fate::Kept, false) => 0,
                (Fate::Kept, true) => 1,
                (Fate::Changed, _) => 2,
                (Fate::Orphaned, _) => 3,
            };
            row[i] += 1;
        }
        out
    }

    /// Whether the text is the same as before (nothing to do).
    pub fn is_empty(&self) -> bool {
        self.deleted == 0 && self.inserted == 0 && self.speakers.is_empty()
    }
}

/// Finds a transcript by its name, its source file's name or its id.
pub fn find_transcript(project: &Project, name: &str) -> Result<TranscriptId> {
    let hits: Vec<&Transcript> = project
        .transcripts
        .iter()
        .filter(|t| t.name == name || t.id.to_string() == name)
        .collect();
    let hits = if hits.is_empty() {
        project
            .transcripts
            .iter()
            .filter(|t| t.source_file == name)
            .collect()
    } else {
        hits
    };
    match hits.as_slice() {
        [one] => Ok(one.id),
        [] => Err(Error::Refused(format!(
            "no transcript is called {name:?}; the transcripts are: {}",
            project
                .transcripts
                .iter()
                .map(|t| format!("{:?}", t.name))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
        _ => Err(Error::Refused(format!(
            "more than one transcript is called {name:?}; name it by its id"
        ))),
    }
}

/// Works out the correction of transcript `id` to the words and turns of `corrected`
/// (read from a file by the importer), made by `coder` at `when`.
pub fn plan(
    project: &Project,
    id: TranscriptId,
    corrected: &Transcript,
    when: Stamp,
) -> Result<Correction> {
    let old = project
        .transcript(id)
        .ok_or_else(|| Error::Refused(format!("transcript {id} is not in the project")))?;
    if corrected.text.trim().is_empty() {
        return Err(Error::Refused(
            "the corrected text is empty; nothing was changed".into(),
        ));
    }
    let map = PositionMap::new(&old.text, &corrected.text);
    let mut transcript = corrected.clone();
    transcript.id = old.id;
    transcript.name = old.name.clone();
    transcript.source_file = old.source_file.clone();
    transcript.imported = old.imported.clone();
    transcript.format = old.format.clone();
    transcript.encoding = old.encoding.clone();
    carry_times(old, &mut transcript, &map);
    let speakers = speaker_changes(old, &transcript, &map);

    let mut units = project.units.clone();
    let mut outcomes = Vec::new();
    for (coder, list) in units.iter_mut() {
        for u in list.iter_mut().filter(|u| u.transcript == id) {
            let outcome = move_unit(old, &transcript, &map, u, when);
            outcomes.push(UnitOutcome {
                coder: coder.clone(),
                ..outcome
            });
        }
    }
    let (mut deleted, mut inserted) = (0, 0);
    for s in map.segments().iter().filter(|s| !s.equal) {
        deleted += s.old.len();
        inserted += s.new.len();
    }
    // The units keep their file order (transcript, start, end, id).
    let order: HashMap<TranscriptId, usize> = project
        .transcripts
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id, i))
        .collect();
    for list in units.values_mut() {
        list.sort_unstable_by_key(|u| {
            (
                order.get(&u.transcript).copied().unwrap_or(usize::MAX),
                u.start,
                u.end,
                u.id,
            )
        });
    }
    let out = Correction {
        transcript,
        units,
        outcomes,
        speakers,
        deleted,
        inserted,
    };
    Ok(out)
}

/// Moves one unit through the map and says what became of it.
fn move_unit(
    old: &Transcript,
    new: &Transcript,
    map: &PositionMap,
    u: &mut MeaningUnit,
    when: Stamp,
) -> UnitOutcome {
    let before = old.text.get(u.span()).unwrap_or("").to_string();
    let (start, end) = (map.map(u.start, false), map.map(u.end, true));
    // A unit keeps its place while any of its words do (a space left over is no word).
    let words_left = start < end && !new.text[start..end].trim().is_empty();
    let (fate, span) = if words_left && map.kept_bytes(u.span()) > 0 {
        let fate = if map.unchanged(u.span()) {
            Fate::Kept
        } else {
            Fate::Changed
        };
        (fate, start..end)
    } else {
        (Fate::Orphaned, orphan_place(new, start.min(new.text.len())))
    };
    let moved = span != u.span();
    u.start = span.start;
    u.end = span.end;
    if fate != Fate::Kept {
        u.changed = when;
    }
    if fate == Fate::Orphaned {
        let old_note = std::mem::take(&mut u.note);
        u.note = format!(
            "[orphaned by a correction of the transcript on {}: its words were \"{}\"]{}{}",
            &when.to_string()[..10],
            before,
            if old_note.is_empty() { "" } else { " " },
            old_note
        );
    }
    UnitOutcome {
        coder: String::new(),
        unit: u.id,
        fate,
        moved,
        before,
        after: new.text.get(span).unwrap_or("").to_string(),
    }
}

/// Where an orphan is kept: the word at or after `at` in the turn there (else the one
/// before it), so that it stays with the speaker whose words it was on and never lands
/// on the next speaker's label.
fn orphan_place(t: &Transcript, at: usize) -> std::ops::Range<usize> {
    let turn = t
        .turns
        .iter()
        .find(|turn| turn.start <= at && at <= turn.end);
    match turn {
        Some(turn) if !t.text[turn.span()].trim().is_empty() => {
            let inside = &t.text[turn.span()];
            let w = word_at(inside, at - turn.start);
            turn.start + w.start..turn.start + w.end
        }
        _ => word_at(&t.text, at),
    }
}

/// The word at or after byte `at` (else the one before).
fn word_at(text: &str, at: usize) -> std::ops::Range<usize> {
    let is_word = |c: char| !c.is_whitespace();
    let after = text[at..]
        .char_indices()
        .find(|(_, c)| is_word(*c))
        .map(|(i, _)| at + i);
    let start = match after {
        Some(s) => s,
        None => {
            // Back to the start of the last word before `at`.
            let Some((i, c)) = text[..at].char_indices().rev().find(|(_, c)| is_word(*c)) else {
                return 0..text.chars().next().map_or(0, char::len_utf8);
            };
            text[..i + c.len_utf8()]
                .char_indices()
                .rev()
                .find(|(_, c)| !is_word(*c))
                .map_or(0, |(j, c)| j + c.len_utf8())
        }
    };
    let end = text[start..]
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(text.len(), |(i, _)| start + i);
    start..end
}

/// Keeps the recorded start times of turns the corrected text still has where the
/// corrected file has none (a plain-text copy of a subtitle transcript).
fn carry_times(old: &Transcript, new: &mut Transcript, map: &PositionMap) {
    let times: HashMap<usize, u64> = old
        .turns
        .iter()
        .filter_map(|t| Some((map.map(t.start, false), t.start_ms?)))
        .collect();
    for t in &mut new.turns {
        if t.start_ms.is_none() {
            t.start_ms = times.get(&t.start).copied();
        }
    }
}

/// The turns whose speaker differs between the old and the corrected text.
fn speaker_changes(old: &Transcript, new: &Transcript, map: &PositionMap) -> Vec<SpeakerChange> {
    let mut out = Vec::new();
    for t in &old.turns {
        if map.kept_bytes(t.span()) * 2 < t.span().len() {
            continue; // The turn is mostly gone; its speaker did not change.
        }
        let at = map.map(t.start, false);
        let i = new.turn_at(at);
        let Some(n) = new.turns.get(i) else { continue };
        if n.start <= at && at < n.end.max(n.start + 1) && n.speaker != t.speaker {
            out.push(SpeakerChange {
                turn: i + 1,
                before: t.speaker.as_deref().map(str::to_string),
                after: n.speaker.as_deref().map(str::to_string),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
