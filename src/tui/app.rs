//! The application state and key routing: key → [`Action`] → update. Drawing reads
//! this state (see `ui`); saving is asked for here and done by the event loop.

use super::action::Action;
use super::derived::Derived;
use super::editor::Editor;
use super::effects::Effect;
use super::keymap::{Chord, Keymap, Scope};
use super::overlays::{Overlay, PromptKind};
use super::screens::coding::CodingState;
use super::screens::compare::CompareState;
use super::screens::groups::GroupsState;
use super::screens::reports::ReportsState;
use super::screens::review::ReviewState;
use super::screens::themes::ThemesState;
use super::screens::{SCREENS, View, screen};
use super::theme::Theme;
use crate::config::Config;
use crate::session::Session;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::Instant;

/// The actions the router acts on in every view (the global scope), besides the switch
/// to each view, which the screen table states.
pub const GLOBAL_HANDLES: &[Action] = &[
    Action::Quit,
    Action::Help,
    Action::Undo,
    Action::Redo,
    Action::FocusNext,
    Action::FocusPrev,
    Action::Comment,
    Action::CycleMarks,
    Action::Cancel,
    Action::Back,
    Action::Participants,
    Action::Zoom,
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
    /// View 7.
    pub reports: ReportsState,
    /// View 5.
    pub review: ReviewState,
    /// View 6.
    pub compare: CompareState,
    /// Whose analysis views 1, 3 and 4 show when it is not mine (read only; `O` cycles).
    pub viewing: Option<String>,
    /// Figures several screens show, cached per project revision.
    pub derived: Derived,
    /// The open text editor, if any (it takes every key but `Esc` and `Ctrl-c`).
    pub editor: Option<Editor>,
    pub overlay: Option<Overlay>,
    /// The view to go back to after showing a unit in its transcript.
    pub back: Option<View>,
    /// The last search in the panes of views 1, 3, 4 and 7 (`/`, then `n`/`N`).
    pub pane_query: String,
    /// The focused pane has the whole screen (`z`): for small terminals.
    pub zoom: bool,
    pub message: Option<(String, Tone)>,
    pub quit: bool,
    /// Since when changes have waited to be written.
    pub pending_since: Option<Instant>,
    pub save_error: Option<String>,
    /// What the update in hand asked to follow it (see `effects`).
    pub(in crate::tui) effects: std::collections::VecDeque<super::effects::Effect>,
}

impl App {
    /// A workbench on a loaded project. Config problems are shown in the status line.
    pub fn new(session: Session, config: &Config, notes: Vec<crate::notice::Notice>) -> App {
        let (keymap, mut problems) = Keymap::from_config(config);
        let mono = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let (theme, colour_problems) = Theme::from_config(config, mono);
        problems.extend(colour_problems);
        let problems = problems.into_iter().map(|p| crate::notice::Notice {
            text: format!("config: {p}"),
            problem: true,
        });
        // Notes from before the screen opened (a migration, a bad config file) come
        // first; problems with the keys or colours after them.
        let all: Vec<crate::notice::Notice> = notes.into_iter().chain(problems).collect();
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
            reports: ReportsState::default(),
            review: ReviewState::default(),
            compare: CompareState::default(),
            viewing: None,
            derived: Derived::default(),
            editor: None,
            overlay: None,
            back: None,
            pane_query: String::new(),
            zoom: false,
            message,
            quit: false,
            pending_since: None,
            save_error: None,
            effects: Default::default(),
        }
    }

    /// Shows a message in the status line once the key is handled.
    pub fn say(&mut self, text: impl Into<String>) {
        self.queue(Effect::Status(text.into(), Tone::Info));
    }

    /// Shows an error in the status line once the key is handled.
    pub fn complain(&mut self, text: impl Into<String>) {
        self.queue(Effect::Status(text.into(), Tone::Error));
    }

    /// Handles one key press, then what it asked to follow.
    pub fn handle_key(&mut self, ev: KeyEvent) {
        self.message = None;
        self.key(ev);
        self.settle();
    }

    fn key(&mut self, ev: KeyEvent) {
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
    pub(in crate::tui) fn overlay_scope(&self) -> Option<Scope> {
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
            a if scope.acts_on(a) => self.overlay_action(a),
            _ => {}
        }
    }

    /// Does `action` as if its key had been pressed: in the overlay or editor in front,
    /// else in the focused pane (then globally). What the tests press besides keys.
    pub fn act(&mut self, action: Action) {
        self.message = None;
        self.act_on(action);
        self.settle();
    }

    fn act_on(&mut self, action: Action) {
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
        if self.scope().acts_on(action) || Scope::Global.acts_on(action) {
            self.update(action);
        }
    }

    /// Acts on an action of the view in front: the global ones here, the rest in the
    /// screen (see [`SCREENS`]).
    pub fn update(&mut self, action: Action) {
        let switch = SCREENS.iter().find(|s| s.switch == action);
        if switch.is_some() || matches!(action, Action::FocusNext | Action::FocusPrev) {
            // Another pane or view: its text starts at the top.
            self.themes.scroll = 0;
            self.groups.scroll = 0;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Back => self.go_back(),
            Action::Zoom => {
                self.zoom = !self.zoom;
                let z = self.keymap.keys_for(Scope::Global, Action::Zoom);
                self.say(if self.zoom {
                    format!("This pane has the whole screen ({z}: back to all panes)")
                } else {
                    "All panes again".to_string()
                });
            }
            Action::Comment => self.begin_comment(),
            Action::CycleMarks if self.view == View::Coding => self.cycle_marks(),
            Action::CycleMarks => self.cycle_viewing(),
            Action::Participants => {
                self.overlay = Some(Overlay::Participants {
                    sel: 0,
                    merging: None,
                })
            }
            // View 2 searches its own way; the others share one search (search.rs).
            Action::Search | Action::SearchNext | Action::SearchPrev
                if self.view != View::Coding =>
            {
                self.pane_search(action)
            }
            _ => match switch {
                Some(s) => {
                    self.view = s.view;
                    (s.enter)(self);
                }
                None if self.read_only_here(action) => {
                    let who = self.whose().to_string();
                    let o = self.keymap.keys_for(Scope::Global, Action::CycleMarks);
                    self.complain(format!(
                        "This is {who}'s work, shown read only ({o}: back to yours); C comments on it"
                    ));
                }
                None => (screen(self.view).update)(self, action),
            },
        }
    }

    /// The person whose analysis views 1, 3 and 4 show: me, or whom `O` chose.
    pub fn whose(&self) -> &str {
        self.viewing.as_deref().unwrap_or(self.session.coder())
    }

    /// What an empty place says: `for_writer` advises its writer what to do; while
    /// someone else's analysis is shown read only, `for_reader` just says what is not
    /// there.
    pub fn advice<'a>(&self, for_writer: &'a str, for_reader: &'a str) -> &'a str {
        match self.viewing {
            Some(_) => for_reader,
            None => for_writer,
        }
    }

    /// The people other than me who have coded, in name order (view 2's marks and
    /// view 6 go through them).
    pub fn other_coders(&self) -> Vec<String> {
        let me = self.session.coder();
        self.session
            .project()
            .units
            .keys()
            .filter(|p| *p != me)
            .cloned()
            .collect()
    }

    /// True when `action` would change someone else's work shown read only.
    fn read_only_here(&self, action: Action) -> bool {
        let theirs = self.viewing.is_some()
            && matches!(
                self.view,
                View::Themes | View::Condensation | View::Synthesis
            );
        let reading = crate::tui::widgets::list::LIST_MOTIONS.contains(&action)
            || matches!(
                action,
                Action::ShowUnit
                    | Action::Search
                    | Action::SearchNext
                    | Action::SearchPrev
                    | Action::FilterByCode
            );
        theirs && !reading
    }

    /// `O` in views 1, 3 and 4: my analysis → each other person's (read only) → mine.
    fn cycle_viewing(&mut self) {
        let me = self.session.coder().to_string();
        let p = self.session.project();
        let mut people: Vec<String> = p
            .analyses
            .keys()
            .chain(p.units.keys())
            .filter(|x| **x != me)
            .cloned()
            .collect();
        people.sort();
        people.dedup();
        if people.is_empty() {
            self.viewing = None;
            return self.say("Only your work: nobody else has an analysis in this project");
        }
        self.viewing = match &self.viewing {
            None => Some(people[0].clone()),
            Some(v) => people
                .iter()
                .position(|x| x == v)
                .and_then(|i| people.get(i + 1))
                .cloned(),
        };
        self.groups.group_sel = None;
        self.groups.lifted_sel = 0;
        self.themes.sel = 0;
        let said = match &self.viewing {
            Some(v) => format!("{v}'s analysis, read only: C comments on what is selected"),
            None => "Your own analysis again".to_string(),
        };
        self.say(said);
    }

    /// The keymap scope of the focused pane.
    pub fn scope(&self) -> Scope {
        (screen(self.view).scope)(self)
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

    /// Opens a prompt. A name, search or filter it offers is selected, so typing
    /// replaces it (an arrow key keeps it to edit); a note is offered to go on with.
    pub fn prompt(&mut self, kind: PromptKind, value: &str) {
        let mut input = super::overlays::text_field(value);
        if !value.is_empty() && !matches!(kind, PromptKind::UnitNote(_)) {
            input.select_all();
        }
        self.overlay = Some(Overlay::Prompt(super::overlays::Prompt { kind, input }));
    }
}
