//! The application state and key routing: key → [`Action`] → update. Drawing reads
//! this state (see `ui`); saving is asked for here and done by the event loop.

use super::action::Action;
use super::derived::Derived;
use super::editor::Editor;
use super::keymap::{Chord, Keymap, Scope};
use super::overlays::{Overlay, PromptKind};
use super::screens::coding::{CodingState, Pane};
use super::screens::groups::GroupsState;
use super::screens::themes::ThemesState;
use super::screens::{Side, View};
use super::theme::Theme;
use crate::config::Config;
use crate::session::Session;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::Instant;

/// The actions the router acts on in every view (the global scope).
pub const GLOBAL_HANDLES: &[Action] = &[
    Action::Quit,
    Action::Help,
    Action::Undo,
    Action::Redo,
    Action::FocusNext,
    Action::FocusPrev,
    Action::ViewThemes,
    Action::ViewCoding,
    Action::ViewCondensation,
    Action::ViewSynthesis,
    Action::Cancel,
    Action::Back,
    Action::Participants,
];

/// How a status message reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Info,
    Error,
}

/// Everything the workbench knows: the session, which view is in front, each screen's
/// own state, and what is shared around them (overlay, editor, status line).
pub struct App {
    /// The project opened for work: every change, undo and save goes through it.
    pub session: Session,
    pub keymap: Keymap,
    pub theme: Theme,
    pub view: View,
    /// View 2.
    pub coding: CodingState,
    /// View 1.
    pub themes: ThemesState,
    /// Views 3 and 4.
    pub groups: GroupsState,
    /// Figures several screens show, cached per project revision.
    pub derived: Derived,
    /// The open text editor, if any (it takes every key but `Esc` and `Ctrl-c`).
    pub editor: Option<Editor>,
    pub overlay: Option<Overlay>,
    pub message: Option<(String, Tone)>,
    pub quit: bool,
    /// Since when changes have waited to be written.
    pub pending_since: Option<Instant>,
    pub save_error: Option<String>,
}

impl App {
    /// A workbench on a loaded project. Config problems are shown in the status line.
    pub fn new(session: Session, config: &Config, notes: Vec<crate::cli::Notice>) -> App {
        let (keymap, mut problems) = Keymap::from_config(config);
        let mono = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let (theme, colour_problems) = Theme::from_config(config, mono);
        problems.extend(colour_problems);
        let problems = problems.into_iter().map(|p| crate::cli::Notice {
            text: format!("config: {p}"),
            problem: true,
        });
        // Notes from before the screen opened (a migration, a bad config file) come
        // first; problems with the keys or colours after them.
        let all: Vec<crate::cli::Notice> = notes.into_iter().chain(problems).collect();
        let message = all.first().map(|n| {
            let more = if all.len() > 1 {
                format!(" (+{} more)", all.len() - 1)
            } else {
                String::new()
            };
            let tone = if n.problem { Tone::Error } else { Tone::Info };
            (format!("{}{more}", n.text), tone)
        });
        App {
            coding: CodingState::new(session.project()),
            session,
            keymap,
            theme,
            view: View::Coding,
            themes: ThemesState::default(),
            groups: GroupsState::default(),
            derived: Derived::default(),
            editor: None,
            overlay: None,
            message,
            quit: false,
            pending_since: None,
            save_error: None,
        }
    }

    /// Shows a message in the status line.
    pub fn say(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), Tone::Info));
    }

    /// Shows an error in the status line.
    pub fn complain(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), Tone::Error));
    }

    /// Handles one key press.
    pub fn handle_key(&mut self, ev: KeyEvent) {
        self.message = None;
        let chord = Chord::from_event(&ev);
        if self.overlay.is_some() {
            self.overlay_key(ev, chord);
            return;
        }
        if self.editor.is_some() {
            self.editor_key(ev, chord);
            return;
        }
        let action = self
            .keymap
            .lookup(self.scope(), chord)
            .or_else(|| self.keymap.lookup(Scope::Global, chord));
        if let Some(a) = action {
            self.update(a);
        }
    }

    /// The keymap scope of the overlay in front, if any.
    fn overlay_scope(&self) -> Option<Scope> {
        Some(match self.overlay.as_ref()? {
            Overlay::Help { .. } => Scope::Help,
            Overlay::Picker(_) => Scope::Picker,
            Overlay::Prompt(_) => Scope::Input,
            Overlay::Confirm { .. } => Scope::Confirm,
            Overlay::Participants { .. } => Scope::Participants,
        })
    }

    fn overlay_key(&mut self, ev: KeyEvent, chord: Chord) {
        let plain_char = matches!(ev.code, KeyCode::Char(_))
            && !ev
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let Some(scope) = self.overlay_scope() else {
            return;
        };
        let takes_text = matches!(scope, Scope::Picker | Scope::Input);
        let action = self.keymap.lookup(scope, chord).or_else(|| {
            if takes_text && plain_char {
                None
            } else {
                // Only these global actions reach through an overlay; any other key
                // (Backspace, say) is the overlay's own.
                self.keymap.lookup(Scope::Global, chord).filter(|a| {
                    matches!(a, Action::Cancel | Action::Quit | Action::Help)
                        || scope == Scope::Participants && matches!(a, Action::Undo | Action::Redo)
                })
            }
        });
        match action {
            Some(a) => self.overlay_act(scope, a),
            None if takes_text => self.overlay_text(ev),
            None => {}
        }
    }

    /// An action while an overlay is in front: its own, or the few global ones that
    /// reach through it.
    fn overlay_act(&mut self, scope: Scope, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Cancel => self.close_overlay(),
            Action::Help if scope == Scope::Help => self.overlay = None,
            Action::Help if scope == Scope::Participants => {
                self.overlay = Some(Overlay::Help { scroll: 0 })
            }
            Action::Undo | Action::Redo if scope == Scope::Participants => {
                if action == Action::Undo {
                    self.undo()
                } else {
                    self.redo()
                }
            }
            a if scope.handles().contains(&a) => self.overlay_action(a),
            _ => {}
        }
    }

    /// Does `action` as if its key had been pressed: in the overlay or editor in front,
    /// else in the focused pane (then globally). What the tests press besides keys.
    pub fn act(&mut self, action: Action) {
        self.message = None;
        if let Some(scope) = self.overlay_scope() {
            return self.overlay_act(scope, action);
        }
        if self.editor.is_some() {
            match action {
                Action::LeaveEditor => self.leave_editor(),
                Action::Quit => {
                    self.leave_editor();
                    self.quit = true;
                }
                _ => {}
            }
            return;
        }
        if self.scope().handles().contains(&action) || GLOBAL_HANDLES.contains(&action) {
            self.update(action);
        }
    }

    /// Takes the keys for `Undo`, `Redo` and the like, for all views.
    pub fn update(&mut self, action: Action) {
        // Another pane or view: its text starts at the top.
        if matches!(
            action,
            Action::FocusNext
                | Action::FocusPrev
                | Action::ViewThemes
                | Action::ViewCoding
                | Action::ViewCondensation
                | Action::ViewSynthesis
        ) {
            self.themes.scroll = 0;
            self.groups.scroll = 0;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::ViewThemes => self.view = View::Themes,
            Action::ViewCoding => self.view = View::Coding,
            Action::ViewCondensation | Action::ViewSynthesis => {
                self.view = if action == Action::ViewCondensation {
                    View::Condensation
                } else {
                    View::Synthesis
                };
                self.groups.side = Side::Left;
                self.groups.back = None;
            }
            Action::Back => self.go_back(),
            Action::Participants => {
                self.overlay = Some(Overlay::Participants {
                    sel: 0,
                    merging: None,
                })
            }
            Action::FocusNext | Action::FocusPrev if self.view == View::Coding => {
                let order = [Pane::Transcript, Pane::Units, Pane::Tree];
                let i = order
                    .iter()
                    .position(|p| *p == self.coding.focus)
                    .unwrap_or(0);
                let n = if action == Action::FocusNext {
                    i + 1
                } else {
                    i + 2
                };
                self.coding.focus = order[n % 3];
            }
            Action::FocusNext | Action::FocusPrev if self.view == View::Themes => {
                self.themes.side = self.themes.side.step(action == Action::FocusPrev);
            }
            Action::FocusNext | Action::FocusPrev => {
                self.groups.side = self.groups.side.step(action == Action::FocusPrev);
            }
            Action::Cancel if self.view != View::Coding => {}
            Action::Cancel => self.cancel(),
            _ if self.view == View::Themes => self.themes_action(action),
            _ if self.view != View::Coding => self.condense_action(action),
            _ => match self.coding.focus {
                Pane::Transcript => self.transcript_action(action),
                Pane::Units => self.units_action(action),
                Pane::Tree => self.tree_action(action),
            },
        }
    }

    fn cancel(&mut self) {
        if self.coding.tv.anchor.take().is_some() {
            self.say("Selection ended");
        } else if self.coding.search.take().is_some() {
            self.say("Search cleared");
        } else if self.coding.unit_filter.take().is_some() {
            self.say("Filter cleared: the units of this transcript");
        } else if !self.coding.tree_filter.is_empty() {
            self.coding.tree_filter.clear();
            self.say("Tree filter cleared");
        }
    }

    /// The keymap scope of the focused pane.
    pub fn scope(&self) -> Scope {
        match self.view {
            View::Coding => self.coding.focus.scope(),
            View::Themes => match self.themes.side {
                Side::Right => Scope::Themes,
                _ => Scope::Memo,
            },
            View::Condensation | View::Synthesis => match self.groups.side {
                Side::Left => Scope::Groups,
                Side::Middle if self.view == View::Condensation || self.group_selected() => {
                    Scope::Lifted
                }
                Side::Middle => Scope::Memo,
                Side::Right if self.view == View::Synthesis && self.group_selected() => {
                    Scope::Validation
                }
                Side::Right => Scope::Memo,
            },
        }
    }

    /// The transcript shown, if the project has any.
    pub fn transcript(&self) -> Option<&crate::model::Transcript> {
        self.session.project().transcripts.get(self.coding.tv.idx)
    }

    /// Refuses a change to the code tree when another coder is its writer.
    pub fn tree_writable(&mut self) -> bool {
        match self.session.tree_held_by().map(str::to_string) {
            None => true,
            Some(holder) => {
                self.complain(format!(
                    "The code tree and participants are read-only here: {holder} is \
                     editing them. You can code with the existing codes; reopen later to \
                     change them."
                ));
                false
            }
        }
    }

    /// Opens a prompt.
    pub fn prompt(&mut self, kind: PromptKind, value: &str) {
        self.overlay = Some(Overlay::Prompt(super::overlays::Prompt {
            kind,
            input: super::overlays::text_field(value),
        }));
    }
}
