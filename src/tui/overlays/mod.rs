//! Overlays drawn over the panes and given keys first: the code picker, one-line
//! prompts, yes/no questions and the help screen.

mod draw;
mod draw_participants;
mod participants;
mod update;

pub use draw::{draw, help_lines};
pub use participants::HANDLES as PARTICIPANTS_HANDLES;
pub use update::{CONFIRM_HANDLES, HELP_HANDLES, INPUT_HANDLES, PICKER_HANDLES};

use crate::tui::app::App;
use ratatui::layout::Rect;

impl App {
    /// The layout step of the overlay over `body`: the help's scroll limit, the
    /// participants list brought up to date.
    pub(in crate::tui) fn layout_overlay(&mut self, body: Rect) {
        match &self.overlay {
            Some(Overlay::Help { .. }) => {
                let max = draw::help_max_scroll(self, body);
                if let Some(Overlay::Help { scroll }) = &mut self.overlay {
                    *scroll = (*scroll).min(max);
                }
            }
            Some(Overlay::Participants { .. }) => self.refresh_participants(),
            _ => {}
        }
    }
}

use crate::model::{CodeId, Codebook, ParticipantId, ThemeId, TranscriptId, UnitId};
use crate::ops::ParticipantField;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use ratatui_textarea::TextArea;
use std::ops::Range;

/// What the code picker will code.
#[derive(Clone, Debug, PartialEq)]
pub enum PickTarget {
    /// A passage of a transcript (becomes a meaning unit).
    Passage {
        transcript: TranscriptId,
        span: Range<usize>,
    },
    /// An existing unit (the chosen code is added or taken off).
    Unit(UnitId),
    /// A unit of view 3 moved from `from` (its subgroup, or the group for a unit in no
    /// subgroup yet) to another subgroup of `group`.
    Move {
        unit: UnitId,
        from: CodeId,
        group: CodeId,
    },
    /// A preliminary theme made a subgroup of the chosen code group.
    ThemeSubgroup(crate::model::ThemeId),
    /// A preliminary theme linked to the chosen code group or subgroup.
    ThemeLink(crate::model::ThemeId),
}

/// The code picker.
pub struct Picker {
    pub target: PickTarget,
    pub input: TextArea<'static>,
    /// Matching codes, best first.
    pub items: Vec<CodeId>,
    pub selected: usize,
    /// Recent codes shown with their number when the filter is empty.
    pub recent: Vec<CodeId>,
    /// Codes the target unit has already (marked ✓).
    pub has: Vec<CodeId>,
    /// Only these codes are offered (a code group's subgroups, numbered 1–9).
    pub only: Option<Vec<CodeId>>,
    /// Where a code typed here that does not exist yet is made: under this node, or at
    /// the top (`None`). Shown in the picker; `Tab` switches.
    pub new_parent: Option<CodeId>,
    /// The node `Tab` switches to and from the top.
    pub place: Option<CodeId>,
}

impl Picker {
    /// The typed filter.
    pub fn query(&self) -> String {
        self.input.lines().join(" ")
    }

    /// Re-filters the codes for the current query: fuzzy on the code's path.
    pub fn refilter(&mut self, codebook: &Codebook) {
        let query = self.query();
        let mut flat = codebook.flatten();
        if let Some(only) = &self.only {
            flat.retain(|f| only.contains(&f.node.id));
        }
        if query.trim().is_empty() {
            let mut items: Vec<CodeId> = self.recent.clone();
            items.extend(
                flat.iter()
                    .map(|f| f.node.id)
                    .filter(|id| !self.recent.contains(id)),
            );
            self.items = items;
        } else {
            let pattern = Pattern::parse(&query, CaseMatching::Smart, Normalization::Smart);
            let mut matcher = Matcher::new(Config::DEFAULT);
            let mut buf = Vec::new();
            let mut scored: Vec<(u32, usize, CodeId)> = flat
                .iter()
                .enumerate()
                .filter_map(|(i, f)| {
                    let label = codebook.path_label(f.node.id);
                    let hay = Utf32Str::new(&label, &mut buf);
                    pattern.score(hay, &mut matcher).map(|s| (s, i, f.node.id))
                })
                .collect();
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            self.items = scored.into_iter().map(|(_, _, id)| id).collect();
        }
        self.selected = self.selected.min(self.items.len().saturating_sub(1));
    }
}

/// What a one-line prompt is for.
#[derive(Clone, Debug, PartialEq)]
pub enum PromptKind {
    NewCode {
        parent: Option<CodeId>,
    },
    RenameCode(CodeId),
    UnitNote(UnitId),
    SearchTranscript,
    SearchUnits,
    /// A list or text pane of views 1, 3, 4 and 7.
    SearchPane,
    FilterTree,
    NewTheme {
        at: usize,
    },
    RenameTheme(ThemeId),
    Participant(ParticipantId, ParticipantField),
    /// A free attribute, typed as `key=value`.
    ParticipantAttribute(ParticipantId),
}

impl PromptKind {
    /// The prompt's title.
    pub fn title(&self) -> &'static str {
        match self {
            PromptKind::NewCode { parent: None } => "New code at the top",
            PromptKind::NewCode { .. } => "New code",
            PromptKind::RenameCode(_) => "Rename code",
            PromptKind::UnitNote(_) => "Note on the meaning unit",
            PromptKind::SearchTranscript => "Search the transcript",
            PromptKind::SearchUnits => "Search the meaning units",
            PromptKind::SearchPane => "Search this pane",
            PromptKind::FilterTree => "Filter the code tree",
            PromptKind::NewTheme { .. } => "New preliminary theme",
            PromptKind::RenameTheme(_) => "Rename the theme",
            PromptKind::Participant(_, ParticipantField::Name) => "Participant's name",
            PromptKind::Participant(_, ParticipantField::Role) => {
                "Role (moderator, participant, …)"
            }
            PromptKind::Participant(_, ParticipantField::Group) => "Group (such as managers)",
            PromptKind::Participant(_, ParticipantField::FocusGroup) => "Focus group",
            PromptKind::Participant(_, ParticipantField::Attribute(_))
            | PromptKind::ParticipantAttribute(_) => "Attribute: key=value (key= removes it)",
        }
    }
}

/// A one-line text prompt.
pub struct Prompt {
    pub kind: PromptKind,
    pub input: TextArea<'static>,
}

/// A yes/no question.
#[derive(Clone, Debug, PartialEq)]
pub enum Question {
    DeleteCode(CodeId),
    /// Deleting a unit that is a subgroup's golden quote.
    DeleteUnit(UnitId),
    /// Locking the preconceptions memo.
    LockPreconceptions,
    /// Merging the first code into the second.
    MergeCodes(CodeId, CodeId),
}

/// The overlay on top, if any.
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Picker(Picker),
    Prompt(Prompt),
    Confirm {
        question: Question,
        text: String,
    },
    /// The participants list; `merging` is the one marked to merge into another.
    Participants {
        sel: usize,
        merging: Option<ParticipantId>,
    },
}

/// A text field with a value in it.
pub fn text_field(value: &str) -> TextArea<'static> {
    let mut t = TextArea::new(vec![value.to_string()]);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t.set_cursor_line_style(ratatui::style::Style::new());
    // Reversed reads as selected with colours and without (NO_COLOR).
    t.set_selection_style(
        ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::REVERSED),
    );
    t
}
