//! The participants overlay: moving through the list, editing a participant's name,
//! role, group, focus group and attributes, and merging two into one person.

use crate::model::ParticipantId;
use crate::ops::{self, ParticipantField};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::overlays::{Overlay, PromptKind};
use crate::tui::widgets::list::list_motion;

/// The actions the participants overlay acts on.
pub const HANDLES: &[Action] = &[
    Action::RenameParticipant,
    Action::SetRole,
    Action::SetGroup,
    Action::SetFocusGroup,
    Action::SetAttribute,
    Action::MergeParticipant,
];

impl App {
    /// The participant selected in the overlay (or last selected there).
    fn participant_at(&mut self, sel: usize) -> Option<ParticipantId> {
        let all = self.participants();
        all.get(sel.min(all.len().saturating_sub(1))).map(|p| p.id)
    }

    pub(in crate::tui) fn participants_action(&mut self, action: Action) {
        let Some(Overlay::Participants { sel, merging }) = self.overlay.as_ref() else {
            return;
        };
        let (sel, merging) = (*sel, *merging);
        let len = self.participants().len();
        if let Some(to) = list_motion(action, sel, len, 10) {
            self.reopen_participants(to.min(len.saturating_sub(1)), merging);
            return;
        }
        let Some(id) = self.participant_at(sel) else {
            return self.complain("No participants yet: import transcripts with speaker labels");
        };
        let field = match action {
            Action::RenameParticipant => ParticipantField::Name,
            Action::SetRole => ParticipantField::Role,
            Action::SetGroup => ParticipantField::Group,
            Action::SetFocusGroup => ParticipantField::FocusGroup,
            Action::SetAttribute => {
                if self.tree_writable() {
                    self.prompt(PromptKind::ParticipantAttribute(id), "");
                }
                return;
            }
            Action::MergeParticipant => return self.merge_step(sel, merging, id),
            _ => return,
        };
        if !self.tree_writable() {
            return;
        }
        let value = self
            .participants()
            .iter()
            .find(|p| p.id == id)
            .map(|p| field.value(p))
            .unwrap_or_default();
        self.prompt(PromptKind::Participant(id, field), &value);
    }

    fn merge_step(&mut self, sel: usize, merging: Option<ParticipantId>, id: ParticipantId) {
        match merging {
            None => {
                self.reopen_participants(sel, Some(id));
                self.say("Marked to merge: move to the participant this is, and press m there");
            }
            Some(marked) if marked == id => {
                self.reopen_participants(sel, None);
                self.say("Merge cancelled");
            }
            Some(marked) => {
                if !self.tree_writable() {
                    return;
                }
                match ops::merge_participants(self.session.project(), id, marked) {
                    Ok(e) => {
                        self.perform(e);
                    }
                    Err(e) => self.complain(e.to_string()),
                }
                self.back_to_participant(id);
            }
        }
    }

    pub(in crate::tui) fn reopen_participants(
        &mut self,
        sel: usize,
        merging: Option<ParticipantId>,
    ) {
        self.overlay = Some(Overlay::Participants { sel, merging });
    }

    /// A participant prompt was answered: make the change and go back to the list.
    pub(in crate::tui) fn submit_participant(&mut self, kind: PromptKind, value: &str) {
        let id = match &kind {
            PromptKind::Participant(id, _) | PromptKind::ParticipantAttribute(id) => *id,
            _ => return,
        };
        let edit = match kind {
            PromptKind::Participant(id, field) => {
                ops::set_participant(self.session.project(), id, &field, value)
            }
            PromptKind::ParticipantAttribute(id) => match value.split_once('=') {
                Some((k, v)) => ops::set_participant(
                    self.session.project(),
                    id,
                    &ParticipantField::Attribute(k.trim().to_string()),
                    v,
                ),
                None => Err(crate::Error::Refused(
                    "write an attribute as key=value (key= removes it)".into(),
                )),
            },
            _ => return,
        };
        match edit {
            Ok(e) => {
                self.perform(e);
            }
            Err(e) => self.complain(e.to_string()),
        }
        self.back_to_participant(id);
    }

    /// Reopens the participants list on the participant a prompt was about.
    pub(in crate::tui) fn back_to_participant(&mut self, id: ParticipantId) {
        let at = self
            .participants()
            .iter()
            .position(|p| p.id == id)
            .unwrap_or(0);
        self.reopen_participants(at, None);
    }
}
