//! The domain model: a project with its transcripts, its code tree and the meaning units
//! each coder has marked. Plain data; the rules for changing it live in [`crate::ops`].

mod analysis;
mod codebook;
mod ids;
mod participants;
pub mod records;
mod review;
pub mod time;

pub use analysis::{
    Addendum, Analysis, GroupWork, Preconceptions, SubgroupWork, TextField, Theme, Validation,
};
pub use codebook::{CodeNode, Codebook, FlatCode, Location, MAX_DEPTH};
pub use ids::{CodeId, CommentId, ParticipantId, ThemeId, TranscriptId, UnitId};
pub use participants::{Participant, SpeakerRef, guess_role};
pub use review::{Comment, Resolution, Review, SpotCheck, Stance, Target, Thread, Verdict};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

/// The project format version this build writes. It reads every version from 1 up to
/// this one; `store::migrate` rewrites older projects (keeping a backup).
///
/// - 1: the first format.
/// - 2: transcripts record a hash of their text (`text_hash`), so any change to a
///   transcript's text after import is noticed, not only one that changes its length.
pub const FORMAT_VERSION: u32 = 3;

/// Title, research question and bookkeeping of a project (`kondens.ron`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format_version: u32,
    pub title: String,
    pub research_question: String,
    pub created: String,
}

/// One speaker turn: who spoke, when, and where the words are in the transcript text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Turn {
    /// The speaker's label as written in the source (`P1`, `Moderator`), or `None` for
    /// a preamble or unattributed speech. One label is shared by all of its turns.
    pub speaker: Option<Arc<str>>,
    /// Start time in milliseconds from the start of the recording, where known.
    #[serde(default)]
    pub start_ms: Option<u64>,
    /// Byte offset of the first byte of the turn's words in the transcript text.
    pub start: usize,
    /// Byte offset one past the last byte of the turn's words.
    pub end: usize,
}

/// Makes turns with the same label share one copy of it.
pub fn share_labels(turns: &mut [Turn]) {
    let mut seen: std::collections::HashSet<Arc<str>> = std::collections::HashSet::new();
    for turn in turns {
        if let Some(label) = &turn.speaker {
            match seen.get(label) {
                Some(shared) => turn.speaker = Some(shared.clone()),
                None => {
                    seen.insert(label.clone());
                }
            }
        }
    }
}

impl Turn {
    /// The turn's byte range in the transcript text.
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// An imported transcript. Its `text` never changes after import: it is the coordinate
/// system the meaning units point into. As serialized, this is the record
/// `transcripts/<id>.ron` (with the text's size and fingerprint added by the store).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transcript {
    pub id: TranscriptId,
    /// Display name, from the file name unless renamed.
    pub name: String,
    /// The file name it was imported from (no directories).
    pub source_file: String,
    pub imported: String,
    /// The detected source format (`txt`, `vtt`, …).
    pub format: String,
    /// The encoding the source was decoded from.
    pub encoding: String,
    /// Kept in a file of its own, `transcripts/<id>.txt`, byte for byte.
    #[serde(skip)]
    pub text: String,
    pub turns: Vec<Turn>,
}

impl Transcript {
    /// A transcript of one unattributed turn (the tests' fixture, in both crates).
    pub fn one_turn(id: TranscriptId, name: &str, text: String) -> Transcript {
        Transcript {
            id,
            name: name.into(),
            source_file: String::new(),
            imported: String::new(),
            format: "txt".into(),
            encoding: "UTF-8".into(),
            turns: vec![Turn {
                speaker: None,
                start_ms: None,
                start: 0,
                end: text.len(),
            }],
            text,
        }
    }
    /// The words of turn `i`.
    pub fn turn_text(&self, i: usize) -> &str {
        self.turns
            .get(i)
            .and_then(|t| self.text.get(t.span()))
            .unwrap_or("")
    }

    /// The index of the turn that contains byte `offset`, or the nearest turn before it.
    pub fn turn_at(&self, offset: usize) -> usize {
        match self.turns.binary_search_by(|t| t.start.cmp(&offset)) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        }
    }

    /// The distinct speaker labels of the turns that `span` touches, in order of first
    /// appearance.
    pub fn speakers_in(&self, span: Range<usize>) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let first = self.turns.partition_point(|t| t.end <= span.start);
        for turn in &self.turns[first..] {
            if turn.start >= span.end {
                break;
            }
            if let Some(s) = &turn.speaker
                && !out.iter().any(|o| o.as_str() == &**s)
            {
                out.push(s.to_string());
            }
        }
        out
    }

    /// Checks that the turns lie inside the text, in order, without overlapping, on
    /// character boundaries; the first turn that does not is named (1-based).
    pub fn check_turns(&self) -> Result<(), String> {
        let mut prev_end = 0;
        for (i, turn) in self.turns.iter().enumerate() {
            if turn.start > turn.end
                || turn.start < prev_end
                || self.text.get(turn.span()).is_none()
            {
                return Err(format!(
                    "turn {} has span {}..{} that does not fit the text",
                    i + 1,
                    turn.start,
                    turn.end
                ));
            }
            prev_end = turn.end;
        }
        Ok(())
    }

    /// Number of words in the text (whitespace-separated).
    pub fn word_count(&self) -> usize {
        crate::text::count_words(&self.text)
    }
}

/// A meaning unit: a passage one coder marked as carrying meaning for the research
/// question, with the codes it was sorted into. Who speaks in it is not kept here: it
/// follows from the transcript ([`Project::speakers_of`]).
///
/// As serialized, this is one entry of `units/<coder>.ron` (the store adds the labels
/// of its speakers for readers of the file).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeaningUnit {
    pub id: UnitId,
    pub transcript: TranscriptId,
    /// Byte offset where the passage starts in the transcript text.
    pub start: usize,
    /// Byte offset one past the end of the passage (end-exclusive).
    pub end: usize,
    /// Codes in the order they were assigned.
    pub codes: Vec<CodeId>,
    #[serde(default)]
    pub note: String,
    pub created: time::Stamp,
    pub changed: time::Stamp,
}

impl MeaningUnit {
    /// The unit's byte range in its transcript.
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// A whole project in memory.
#[derive(Clone, Debug, PartialEq)]
pub struct Project {
    pub manifest: Manifest,
    /// In the order they were imported.
    pub transcripts: Vec<Transcript>,
    pub codebook: Codebook,
    /// Meaning units per coder; each coder's list is kept sorted by
    /// (transcript order, start, end, id).
    pub units: BTreeMap<String, Vec<MeaningUnit>>,
    /// Each coder's themes, memos, condensates and analytic texts.
    pub analyses: BTreeMap<String, Analysis>,
    /// Participants someone has edited (attributes, merged labels); every other label
    /// is a participant of its own ([`Project::all_participants`]).
    pub participants: Vec<Participant>,
    /// Each person's comments, replies and resolutions.
    pub reviews: BTreeMap<String, Review>,
    /// What the shared files (codes, participants) say of who made and changed what;
    /// never part of comparing projects.
    pub records: records::Records,
}

impl Project {
    /// An empty project.
    pub fn new(title: &str, research_question: &str) -> Self {
        Project {
            manifest: Manifest {
                format_version: FORMAT_VERSION,
                title: title.to_string(),
                research_question: research_question.to_string(),
                created: time::now(),
            },
            transcripts: Vec::new(),
            codebook: Codebook::default(),
            units: BTreeMap::new(),
            analyses: BTreeMap::new(),
            participants: Vec::new(),
            reviews: BTreeMap::new(),
            records: Default::default(),
        }
    }

    /// Puts transcripts in their stable order: by import time, then name.
    pub fn sort_transcripts(&mut self) {
        self.transcripts
            .sort_by(|a, b| (&a.imported, &a.name, a.id).cmp(&(&b.imported, &b.name, b.id)));
    }

    /// Puts the edited participants in id order, the order they load in (their files'
    /// order), so a project in memory equals the same project read back.
    pub fn sort_participants(&mut self) {
        self.participants.sort_by_key(|p| p.id);
    }

    /// The transcript with this id.
    pub fn transcript(&self, id: TranscriptId) -> Option<&Transcript> {
        self.transcripts.iter().find(|t| t.id == id)
    }

    /// The position of the transcript with this id.
    pub fn transcript_index(&self, id: TranscriptId) -> Option<usize> {
        self.transcripts.iter().position(|t| t.id == id)
    }

    /// This coder's units (empty when the coder has none yet).
    pub fn units_of(&self, coder: &str) -> &[MeaningUnit] {
        self.units.get(coder).map(Vec::as_slice).unwrap_or(&[])
    }

    /// This coder's analysis (empty when the coder has written nothing yet).
    pub fn analysis_of(&self, coder: &str) -> &Analysis {
        static EMPTY: std::sync::OnceLock<Analysis> = std::sync::OnceLock::new();
        self.analyses
            .get(coder)
            .unwrap_or_else(|| EMPTY.get_or_init(Analysis::default))
    }

    /// Everyone with meaning units or an analysis, by name.
    pub fn people(&self) -> Vec<&String> {
        let mut names: Vec<&String> = self.units.keys().chain(self.analyses.keys()).collect();
        names.sort();
        names.dedup();
        names
    }

    /// The unit with this id among this coder's units.
    pub fn unit(&self, coder: &str, id: UnitId) -> Option<&MeaningUnit> {
        self.units_of(coder).iter().find(|u| u.id == id)
    }

    /// The labels of the speakers whose turns a unit touches, in order.
    pub fn speakers_of(&self, unit: &MeaningUnit) -> Vec<String> {
        self.transcript(unit.transcript)
            .map(|t| t.speakers_in(unit.span()))
            .unwrap_or_default()
    }

    /// The verbatim quote of a unit.
    pub fn quote(&self, unit: &MeaningUnit) -> &str {
        self.transcript(unit.transcript)
            .and_then(|t| t.text.get(unit.span()))
            .unwrap_or("")
    }

    /// Sort key that keeps unit files in a stable order.
    pub fn unit_order_key(&self, u: &MeaningUnit) -> (usize, usize, usize, UnitId) {
        (
            self.transcript_index(u.transcript).unwrap_or(usize::MAX),
            u.start,
            u.end,
            u.id,
        )
    }

    /// Puts a unit into the coder's list at its place in file order (a binary search,
    /// not a re-sort: one change costs one insertion).
    pub fn insert_unit(&mut self, coder: &str, unit: MeaningUnit) {
        let key = self.unit_order_key(&unit);
        let at = self
            .units_of(coder)
            .partition_point(|u| self.unit_order_key(u) < key);
        self.units
            .entry(coder.to_string())
            .or_default()
            .insert(at, unit);
    }

    /// Sorts one coder's units into file order.
    pub fn sort_units(&mut self, coder: &str) {
        let order: BTreeMap<TranscriptId, usize> = self
            .transcripts
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id, i))
            .collect();
        if let Some(units) = self.units.get_mut(coder) {
            // Keys are unique (the id breaks ties), so an unstable sort gives the same
            // order without a scratch buffer half the size of the list.
            units.sort_unstable_by_key(|u| {
                (
                    order.get(&u.transcript).copied().unwrap_or(usize::MAX),
                    u.start,
                    u.end,
                    u.id,
                )
            });
        }
    }
}
