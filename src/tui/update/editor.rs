//! The text editor of views 1, 3 and 4: opening an editing visit, typing into it (the
//! text goes into the project at once, so autosave keeps it), and leaving it, which
//! records the visit as one undoable step.

use crate::model::{Addendum, TextField};
use crate::ops::{Change, Touched};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::{Chord, Scope};
use crate::tui::stc_state::Editor;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

impl App {
    /// Opens the editor on a field. On locked preconceptions it opens a new, dated
    /// addendum instead.
    pub(in crate::tui) fn begin_edit(&mut self, field: TextField) {
        let before = self.project.analysis_of(&self.coder).clone();
        let mut field = field;
        if field == TextField::Preconceptions && before.preconceptions.locked.is_some() {
            let a = self.project.analyses.entry(self.coder.clone()).or_default();
            a.preconceptions.addenda.push(Addendum {
                written: crate::model::time::Stamp::now(),
                text: String::new(),
            });
            field = TextField::Addendum(a.preconceptions.addenda.len() - 1);
            self.say("The preconceptions are locked: this is a new, dated addendum");
        }
        let text = self
            .project
            .analysis_of(&self.coder)
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
        let single = self.editor.as_ref().is_some_and(|e| e.field.single_line());
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
        if ed.area.input(ev) {
            let (field, text) = (ed.field, ed.text());
            let a = self.project.analyses.entry(self.coder.clone()).or_default();
            if a.set_text(field, text) {
                self.changed(Touched::ANALYSIS);
            }
        }
    }

    /// Closes the editor, keeping the text; the visit becomes one undo step.
    pub fn leave_editor(&mut self) {
        let Some(ed) = self.editor.take() else {
            return;
        };
        let field = ed.field;
        if let TextField::Addendum(i) = field
            && ed.text().trim().is_empty()
        {
            // An empty addendum is no addendum.
            let a = self.project.analyses.entry(self.coder.clone()).or_default();
            if i < a.preconceptions.addenda.len() {
                a.preconceptions.addenda.remove(i);
            }
            self.changed(Touched::ANALYSIS);
            self.say("Nothing added to the preconceptions");
            return;
        }
        if *self.project.analysis_of(&self.coder) == ed.before {
            self.say(format!("The {} is unchanged", field.label()));
            return;
        }
        let label = format!("Edited the {}", field.label());
        self.history
            .record(label.clone(), Change::SetAnalysis(Box::new(ed.before)));
        let undo = self.keymap.keys_for(Scope::Global, Action::Undo);
        self.say(format!("{label} (saved; {undo} undoes this visit)"));
    }
}
