//! One coder's work in the STC steps around the coding: the preconceptions memo and
//! total impression (steps 0–1), the preliminary themes (step 1), the condensates and
//! golden quotes (step 3), and the analytic texts, result headings and validation
//! records (step 4). Code groups and subgroups are the top two levels of the code tree;
//! the work on them is keyed by their code id.

use super::time::Stamp;
use super::{CodeId, ThemeId, TranscriptId, UnitId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything one coder has written about the analysis, apart from the meaning units.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Analysis {
    #[serde(default)]
    pub preconceptions: Preconceptions,
    #[serde(default)]
    pub total_impression: String,
    /// Preliminary themes, in the coder's order.
    #[serde(default)]
    pub themes: Vec<Theme>,
    /// Per code group (a top-level node of the code tree).
    #[serde(default)]
    pub code_groups: BTreeMap<CodeId, GroupWork>,
    /// Per subgroup (a child of a code group).
    #[serde(default)]
    pub subgroups: BTreeMap<CodeId, SubgroupWork>,
}

/// The preconceptions memo: written before reading, then locked; what is added after
/// locking is kept as dated addenda and the original stays as it was.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preconceptions {
    #[serde(default)]
    pub text: String,
    /// When it was locked.
    #[serde(default)]
    pub locked: Option<Stamp>,
    #[serde(default)]
    pub addenda: Vec<Addendum>,
}

/// Something added to a locked preconceptions memo.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Addendum {
    pub written: Stamp,
    pub text: String,
}

/// A preliminary theme from the total impression.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub id: ThemeId,
    pub name: String,
    #[serde(default)]
    pub note: String,
    /// The code group this theme seeded, if any.
    #[serde(default)]
    pub code_group: Option<CodeId>,
}

/// The step-4 work on a code group.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupWork {
    /// The informative heading used in the article.
    #[serde(default)]
    pub result_heading: String,
    #[serde(default)]
    pub validation: Validation,
}

/// How the synthesis of a code group was checked against the transcripts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Validation {
    /// Transcripts re-read against the synthesis.
    #[serde(default)]
    pub reread: Vec<TranscriptId>,
    #[serde(default)]
    pub note: String,
    /// When the record last changed.
    #[serde(default)]
    pub date: Option<Stamp>,
    /// Meaning units that contradict or nuance the synthesis.
    #[serde(default)]
    pub contradicting: Vec<UnitId>,
}

impl Validation {
    /// True when nothing has been recorded.
    pub fn is_empty(&self) -> bool {
        self.reread.is_empty() && self.note.is_empty() && self.contradicting.is_empty()
    }
}

/// The step-3 and step-4 work on a subgroup.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubgroupWork {
    /// The artificial quotation, in the first person.
    #[serde(default)]
    pub condensate: String,
    /// One of the subgroup's own units, quoted verbatim.
    #[serde(default)]
    pub golden_quote: Option<UnitId>,
    /// The researcher's description, in the third person.
    #[serde(default)]
    pub analytic_text: String,
    /// More of the subgroup's units to quote in the results, after the golden quote.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more_quotes: Vec<UnitId>,
}

/// A piece of text a coder writes, wherever it lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextField {
    Preconceptions,
    /// An addendum to the locked preconceptions, by position.
    Addendum(usize),
    TotalImpression,
    ThemeNote(ThemeId),
    Condensate(CodeId),
    AnalyticText(CodeId),
    ResultHeading(CodeId),
    ValidationNote(CodeId),
}

impl TextField {
    /// What to call it in messages.
    pub fn label(self) -> &'static str {
        match self {
            TextField::Preconceptions => "preconceptions",
            TextField::Addendum(_) => "addendum to the preconceptions",
            TextField::TotalImpression => "total impression",
            TextField::ThemeNote(_) => "theme note",
            TextField::Condensate(_) => "condensate",
            TextField::AnalyticText(_) => "analytic text",
            TextField::ResultHeading(_) => "result heading",
            TextField::ValidationNote(_) => "validation note",
        }
    }

    /// True for fields of one line.
    pub fn single_line(self) -> bool {
        matches!(self, TextField::ResultHeading(_))
    }
}

impl Analysis {
    /// The text of a field ("" when it has none yet).
    pub fn text(&self, field: TextField) -> &str {
        match field {
            TextField::Preconceptions => &self.preconceptions.text,
            TextField::Addendum(i) => self
                .preconceptions
                .addenda
                .get(i)
                .map_or("", |a| a.text.as_str()),
            TextField::TotalImpression => &self.total_impression,
            TextField::ThemeNote(id) => self.theme(id).map_or("", |t| t.note.as_str()),
            TextField::Condensate(id) => self.subgroups.get(&id).map_or("", |s| &s.condensate),
            TextField::AnalyticText(id) => self.subgroups.get(&id).map_or("", |s| &s.analytic_text),
            TextField::ResultHeading(id) => {
                self.code_groups.get(&id).map_or("", |g| &g.result_heading)
            }
            TextField::ValidationNote(id) => {
                self.code_groups.get(&id).map_or("", |g| &g.validation.note)
            }
        }
    }

    /// Sets a field's text. Returns false when the field has nowhere to go (a theme or
    /// addendum that is gone).
    pub fn set_text(&mut self, field: TextField, text: String) -> bool {
        match field {
            TextField::Preconceptions => self.preconceptions.text = text,
            TextField::Addendum(i) => match self.preconceptions.addenda.get_mut(i) {
                Some(a) => a.text = text,
                None => return false,
            },
            TextField::TotalImpression => self.total_impression = text,
            TextField::ThemeNote(id) => match self.themes.iter_mut().find(|t| t.id == id) {
                Some(t) => t.note = text,
                None => return false,
            },
            TextField::Condensate(id) => self.subgroups.entry(id).or_default().condensate = text,
            TextField::AnalyticText(id) => {
                self.subgroups.entry(id).or_default().analytic_text = text
            }
            TextField::ResultHeading(id) => {
                self.code_groups.entry(id).or_default().result_heading = text
            }
            TextField::ValidationNote(id) => {
                let v = &mut self.code_groups.entry(id).or_default().validation;
                v.note = text;
                v.date = Some(Stamp::now());
            }
        }
        true
    }

    /// The theme with this id.
    pub fn theme(&self, id: ThemeId) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id == id)
    }

    /// The work on a subgroup, if any.
    pub fn subgroup(&self, id: CodeId) -> Option<&SubgroupWork> {
        self.subgroups.get(&id)
    }

    /// The work on a code group, if any.
    pub fn group(&self, id: CodeId) -> Option<&GroupWork> {
        self.code_groups.get(&id)
    }

    /// Drops entries that hold nothing, so files stay small and diffs stay quiet.
    pub fn tidy(&mut self) {
        self.subgroups.retain(|_, s| *s != SubgroupWork::default());
        self.code_groups.retain(|_, g| *g != GroupWork::default());
    }
}
