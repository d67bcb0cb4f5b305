//! The text editor of views 1, 3 and 4: opening an editing visit, typing into it (the
//! text goes into the project at once, so autosave keeps it), and leaving it, which
//! records the visit as one undoable step.

use crate::model::{Addendum, TextField};
use crate::ops::Change;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::editor::Editor;
use crate::tui::keymap::{Chord, Scope};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The actions the editor acts on (every other key types).
pub const HANDLES: &[Action] = &[Action::LeaveEditor];

impl App {
    /// Opens the editor on a field. On locked preconceptions it opens a new, dated
    /// addendum instead.
    pub(in crate::tui) fn begin_edit(&mut self, field: TextField) {
        let before = self
            .session
            .project()
            .analysis_of(self.session.coder())
            .clone();
        let mut field = field;
        if field == TextField::Preconceptions && before.preconceptions.locked.is_some() {
            let mut a = before.clone();
            a.preconceptions.addenda.push(Addendum {
                written: crate::model::time::Stamp::now(),
                text: String::new(),
            });
            field = TextField::Addendum(a.preconceptions.addenda.len() - 1);
            if let Err(e) = self.set_my_analysis(a) {
                return self.complain(e.to_string());
            }
            self.say("The preconceptions are locked: this is a new, dated addendum");
        }
        let text = self
            .session
            .project()
            .analysis_of(self.session.coder())
            .text(field)
            .to_string();
        self.editor = Some(Editor::new(field, &text, before));
    }

    pub(in crate::tui) fn editor_key(&mut self, ev: KeyEvent, chord: Chord) {
        let action = self.keymap.lookup(Scope::Editor, chord).or_else(|| {
            self.keymap
                .lookup(Scope::Global, chord)
                .filter(|a| *a == Action::Quit && chord.mods.contains(KeyModifiers::CONTROL))
        });
        let single = self
            .editor
            .as_ref()
            .is_some_and(|e| e.field.is_some_and(|f| f.single_line()));
        match action {
            Some(Action::LeaveEditor) => return self.leave_editor(),
            Some(Action::Quit) => {
                self.leave_editor();
                self.quit = true;
                return;
            }
            _ if single && ev.code == KeyCode::Enter => return self.leave_editor(),
            _ => {}
        }
        let Some(ed) = self.editor.as_mut() else {
            return;
        };
        // Up and down go through the rows as drawn (the text area knows only lines).
        let extend = ev.modifiers == KeyModifiers::SHIFT;
        if extend || ev.modifiers.is_empty() {
            let page = ed.drawn.get().height.max(1) as isize;
            let delta = match ev.code {
                KeyCode::Up => Some(-1),
                KeyCode::Down => Some(1),
                KeyCode::PageUp => Some(-page),
                KeyCode::PageDown => Some(page),
                _ => None,
            };
            if let Some(delta) = delta {
                return ed.move_rows(delta, extend);
            }
        }
        if let Some(draft) = ed.comment.as_mut() {
            // A comment is posted when the editor closes; Tab chooses its stance.
            if ev.code == KeyCode::Tab && ev.modifiers.is_empty() {
                draft.stance = draft.stance.next();
            } else {
                ed.area.input(ev);
            }
            return;
        }
        if ed.area.input(ev) {
            let Some(field) = ed.field else {
                return;
            };
            let text = ed.text();
            if self
                .session
                .project()
                .analysis_of(self.session.coder())
                .text(field)
                == text
            {
                return;
            }
            let change = Change::SetText {
                coder: self.session.coder().to_string(),
                field,
                text,
            };
            match self.session.apply_unrecorded(change) {
                Ok(()) => self.changed(),
                Err(e) => self.complain(e.to_string()),
            }
        }
    }

    /// Replaces my analysis without recording a step (part of an editing visit).
    fn set_my_analysis(&mut self, analysis: crate::model::Analysis) -> crate::Result<()> {
        let change = Change::SetAnalysis {
            coder: self.session.coder().to_string(),
            analysis: Box::new(analysis),
        };
        self.session.apply_unrecorded(change)?;
        self.changed();
        Ok(())
    }

    /// Closes the editor, keeping the text; the visit becomes one undo step.
    pub fn leave_editor(&mut self) {
        let Some(ed) = self.editor.take() else {
            return;
        };
        let text = ed.text();
        if let Some(draft) = ed.comment {
            return self.post_comment(draft, &text);
        }
        let Some(field) = ed.field else {
            return;
        };
        if let TextField::Addendum(i) = field
            && ed.text().trim().is_empty()
        {
            // An empty addendum is no addendum.
            let mut a = self
                .session
                .project()
                .analysis_of(self.session.coder())
                .clone();
            if i < a.preconceptions.addenda.len() {
                a.preconceptions.addenda.remove(i);
            }
            match self.set_my_analysis(a) {
                Ok(()) => self.say("Nothing added to the preconceptions"),
                Err(e) => self.complain(e.to_string()),
            }
            return;
        }
        if *self.session.project().analysis_of(self.session.coder()) == ed.before {
            self.say(format!("The {} is unchanged", field.label()));
            return;
        }
        let label = format!("Edited the {}", field.label());
        self.session.record(
            label.clone(),
            Change::SetAnalysis {
                coder: self.session.coder().to_string(),
                analysis: Box::new(ed.before),
            },
        );
        let undo = self.keymap.keys_for(Scope::Global, Action::Undo);
        self.say(format!("{label} (saved; {undo} undoes this visit)"));
    }
}
