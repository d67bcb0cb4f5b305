//! The application state and key routing: key → [`Action`] → update. Drawing reads
//! this state (see `ui`); saving is asked for here and done by the event loop.

use super::action::Action;
use super::keymap::{Chord, Keymap, Scope};
use super::overlay::{Overlay, PromptKind};
use super::stc_state::{Editor, Side, StcState};
use super::theme::Theme;
use super::transcript_view::TranscriptView;
use crate::config::Config;
use crate::model::{CodeId, UnitId};
use crate::session::Session;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use std::collections::HashMap;
use std::ops::Range;
use std::time::Instant;

/// The four STC steps, one view each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Themes,
    Coding,
    Condensation,
    Synthesis,
}

/// The panes of the coding view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Transcript,
    Units,
    Tree,
}

impl Pane {
    /// The keymap scope of the pane.
    pub fn scope(self) -> Scope {
        match self {
            Pane::Transcript => Scope::Transcript,
            Pane::Units => Scope::Units,
            Pane::Tree => Scope::Tree,
        }
    }
}

/// How a status message reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Info,
    Error,
}

/// An active search in the transcript.
#[derive(Clone, Debug, Default)]
pub struct Search {
    pub query: String,
    pub transcript: usize,
    pub matches: Vec<Range<usize>>,
}

/// Where the panes were last drawn, for the mouse.
#[derive(Clone, Copy, Debug, Default)]
pub struct Areas {
    pub transcript: Rect,
    pub units: Rect,
    pub tree: Rect,
}

/// One drawn transcript row: its screen line, where its text starts, and its bytes.
#[derive(Clone, Debug)]
pub struct DrawnRow {
    pub y: u16,
    pub x: u16,
    pub bytes: Option<Range<usize>>,
}

/// Units per code: (coded with the code itself, with it or a code below it).
pub type CodeCounts = HashMap<CodeId, (usize, usize)>;

/// What the units list depends on: project revision, transcript, filter code.
pub(super) type UnitListKey = (u64, usize, Option<CodeId>);

/// What the middle pane of views 3 and 4 depends on: project revision, view, row.
pub(super) type LiftedKey = (u64, View, Option<CodeId>);

/// What the middle pane of views 3 and 4 lists, cached (see `lists.rs`).
#[derive(Debug, Default)]
pub struct Lifted {
    /// Positions in this coder's units.
    pub positions: Vec<usize>,
    /// View 3 on a code group: its units in more than one subgroup.
    pub in_several: usize,
}

/// Everything the workbench knows.
pub struct App {
    /// The project opened for work: every change, undo and save goes through it.
    pub session: Session,
    pub keymap: Keymap,
    pub theme: Theme,
    pub view: View,
    pub focus: Pane,
    pub tv: TranscriptView,
    pub unit_sel: Option<UnitId>,
    pub unit_top: usize,
    pub unit_filter: Option<CodeId>,
    pub units_query: String,
    pub tree_sel: Option<CodeId>,
    pub tree_top: usize,
    pub tree_filter: String,
    /// Views 1, 3 and 4.
    pub stc: StcState,
    /// The open text editor, if any (it takes every key but `Esc` and `Ctrl-c`).
    pub editor: Option<Editor>,
    pub overlay: Option<Overlay>,
    pub message: Option<(String, Tone)>,
    pub search: Option<Search>,
    pub recent: Vec<CodeId>,
    pub quit: bool,
    /// Since when changes have waited to be written.
    pub pending_since: Option<Instant>,
    pub save_error: Option<String>,
    pub areas: Areas,
    pub drawn_rows: Vec<DrawnRow>,
    pub list_heights: (usize, usize),
    pub(super) counts_cache: Option<(u64, CodeCounts)>,
    pub(super) units_cache: Option<(UnitListKey, Vec<usize>)>,
    pub(super) lifted_cache: Option<(LiftedKey, Lifted)>,
    pub(super) participants_cache: Option<(u64, Vec<crate::model::Participant>)>,
    mouse_anchor: Option<usize>,
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
        let project = session.project();
        let mut tv = TranscriptView::default();
        if let Some(t) = project.transcripts.first() {
            tv.switch_to(0, t);
        }
        let tree_sel = project.codebook.roots.first().map(|n| n.id);
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
            session,
            keymap,
            theme,
            view: View::Coding,
            focus: Pane::Transcript,
            tv,
            unit_sel: None,
            unit_top: 0,
            unit_filter: None,
            units_query: String::new(),
            tree_sel,
            tree_top: 0,
            tree_filter: String::new(),
            stc: StcState::default(),
            editor: None,
            overlay: None,
            message,
            search: None,
            recent: Vec::new(),
            quit: false,
            pending_since: None,
            save_error: None,
            areas: Areas::default(),
            drawn_rows: Vec::new(),
            list_heights: (10, 10),
            counts_cache: None,
            units_cache: None,
            lifted_cache: None,
            participants_cache: None,
            mouse_anchor: None,
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

    fn overlay_key(&mut self, ev: KeyEvent, chord: Chord) {
        let plain_char = matches!(ev.code, KeyCode::Char(_))
            && !ev
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let scope = match self.overlay {
            Some(Overlay::Help { .. }) => Scope::Help,
            Some(Overlay::Picker(_)) => Scope::Picker,
            Some(Overlay::Prompt(_)) => Scope::Input,
            Some(Overlay::Confirm { .. }) => Scope::Confirm,
            Some(Overlay::Participants { .. }) => Scope::Participants,
            None => return,
        };
        let takes_text = matches!(scope, Scope::Picker | Scope::Input);
        let action = self.keymap.lookup(scope, chord).or_else(|| {
            if takes_text && plain_char {
                None
            } else {
                self.keymap.lookup(Scope::Global, chord).filter(|a| {
                    matches!(a, Action::Cancel | Action::Quit | Action::Help)
                        || scope == Scope::Participants && matches!(a, Action::Undo | Action::Redo)
                })
            }
        });
        match action {
            Some(Action::Quit) => self.quit = true,
            Some(Action::Cancel) => self.close_overlay(),
            Some(Action::Help) if scope == Scope::Help => self.overlay = None,
            Some(Action::Help) if scope == Scope::Participants => {
                self.overlay = Some(Overlay::Help { scroll: 0 })
            }
            Some(Action::Undo) => self.undo(),
            Some(Action::Redo) => self.redo(),
            Some(a) => self.overlay_action(a),
            None if takes_text => self.overlay_text(ev),
            None => {}
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
            self.stc.scroll = 0;
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
                self.stc.side = Side::Left;
                self.stc.back = None;
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
                let i = order.iter().position(|p| *p == self.focus).unwrap_or(0);
                let n = if action == Action::FocusNext {
                    i + 1
                } else {
                    i + 2
                };
                self.focus = order[n % 3];
            }
            Action::FocusNext | Action::FocusPrev if self.view == View::Themes => {
                self.stc.themes_side = self.stc.themes_side.step(action == Action::FocusPrev);
            }
            Action::FocusNext | Action::FocusPrev => {
                self.stc.side = self.stc.side.step(action == Action::FocusPrev);
            }
            Action::Cancel if self.view != View::Coding => {}
            Action::Cancel => self.cancel(),
            _ if self.view == View::Themes => self.themes_action(action),
            _ if self.view != View::Coding => self.condense_action(action),
            _ => match self.focus {
                Pane::Transcript => self.transcript_action(action),
                Pane::Units => self.units_action(action),
                Pane::Tree => self.tree_action(action),
            },
        }
    }

    fn cancel(&mut self) {
        if self.tv.anchor.take().is_some() {
            self.say("Selection ended");
        } else if self.search.take().is_some() {
            self.say("Search cleared");
        } else if self.unit_filter.take().is_some() {
            self.say("Filter cleared: the units of this transcript");
        } else if !self.tree_filter.is_empty() {
            self.tree_filter.clear();
            self.say("Tree filter cleared");
        }
    }

    /// The keymap scope of the focused pane.
    pub fn scope(&self) -> Scope {
        match self.view {
            View::Coding => self.focus.scope(),
            View::Themes => match self.stc.themes_side {
                Side::Right => Scope::Themes,
                _ => Scope::Memo,
            },
            View::Condensation | View::Synthesis => match self.stc.side {
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
        self.session.project().transcripts.get(self.tv.idx)
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
        self.overlay = Some(Overlay::Prompt(super::overlay::Prompt {
            kind,
            input: super::overlay::text_field(value),
        }));
    }

    /// Sets the mouse drag anchor.
    pub fn set_mouse_anchor(&mut self, at: Option<usize>) {
        self.mouse_anchor = at;
    }

    /// The mouse drag anchor.
    pub fn mouse_anchor(&self) -> Option<usize> {
        self.mouse_anchor
    }
}
