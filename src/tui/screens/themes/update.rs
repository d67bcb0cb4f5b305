//! View 1, Themes: the preconceptions memo, the total impression and the preliminary
//! themes.

use crate::model::TextField;
use crate::ops;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effects::Effect;
use crate::tui::overlays::{Overlay, PromptKind, Question};
use crate::tui::screens::Side;
use crate::tui::widgets::list::list_motion;

/// The actions the list of preliminary themes acts on.
pub const THEMES_HANDLES: &[Action] = &[
    Action::NewTheme,
    Action::RenameTheme,
    Action::DeleteTheme,
    Action::MoveThemeDown,
    Action::MoveThemeUp,
    Action::EditText,
    Action::ThemeToGroup,
    Action::ThemeToSubgroup,
    Action::LinkTheme,
    Action::Search,
    Action::SearchNext,
    Action::SearchPrev,
];

impl App {
    /// The selected theme's id, if there are themes.
    pub fn selected_theme(&self) -> Option<crate::model::ThemeId> {
        let themes = &self.session.project().analysis_of(self.whose()).themes;
        themes
            .get(self.themes.sel.min(themes.len().saturating_sub(1)))
            .map(|t| t.id)
    }

    pub(in crate::tui) fn themes_action(&mut self, action: Action) {
        match self.themes.side {
            Side::Left | Side::Middle => self.memo_action(action),
            Side::Right => self.theme_list_action(action),
        }
    }

    fn memo_action(&mut self, action: Action) {
        let field = if self.themes.side == Side::Left {
            TextField::Preconceptions
        } else {
            TextField::TotalImpression
        };
        if crate::tui::widgets::text_pane::scroll(&mut self.themes.scroll, action) {
            return;
        }
        match action {
            Action::EditText => self.begin_edit(field),
            Action::LockPreconceptions if field == TextField::Preconceptions => {
                let a = self.session.project().analysis_of(self.whose());
                if a.preconceptions.locked.is_some() {
                    return self.complain("The preconceptions memo is locked already");
                }
                self.overlay = Some(Overlay::Confirm {
                    question: Question::LockPreconceptions,
                    text: "Lock the preconceptions memo? It stays as written; what you add \
                           later is kept as dated addenda. (u undoes)"
                        .into(),
                });
            }
            Action::LockPreconceptions => {
                self.complain("Only the preconceptions memo can be locked (Tab to it)")
            }
            _ => {}
        }
    }

    /// Locks the preconceptions memo (the question was answered yes).
    pub(in crate::tui) fn lock_preconceptions(&mut self) {
        match ops::lock_preconceptions(self.session.project(), self.session.coder()) {
            Ok(e) => {
                self.perform(e);
            }
            Err(e) => self.complain(e.to_string()),
        }
    }

    fn theme_list_action(&mut self, action: Action) {
        let len = self
            .session
            .project()
            .analysis_of(self.whose())
            .themes
            .len();
        let i = self.themes.sel.min(len.saturating_sub(1));
        if let Some(to) = list_motion(action, i, len, 10) {
            self.themes.sel = to.min(len.saturating_sub(1));
            return;
        }
        if action == Action::NewTheme {
            let at = if len == 0 { 0 } else { i + 1 };
            self.prompt(PromptKind::NewTheme { at }, "");
            return;
        }
        let Some(id) = self.selected_theme() else {
            if action != Action::Cancel {
                let n = self
                    .keymap
                    .keys_for(crate::tui::keymap::Scope::Themes, Action::NewTheme);
                self.complain(format!("No themes yet: {n} adds one"));
            }
            return;
        };
        let result = match action {
            Action::EditText => {
                self.begin_edit(TextField::ThemeNote(id));
                return;
            }
            Action::RenameTheme => {
                let name = self
                    .session
                    .project()
                    .analysis_of(self.whose())
                    .theme(id)
                    .map(|t| t.name.clone())
                    .unwrap_or_default();
                self.prompt(PromptKind::RenameTheme(id), &name);
                return;
            }
            Action::DeleteTheme => {
                ops::delete_theme(self.session.project(), self.session.coder(), id)
            }
            Action::MoveThemeDown | Action::MoveThemeUp => {
                let down = action == Action::MoveThemeDown;
                let r = ops::move_theme(self.session.project(), self.session.coder(), id, down);
                if r.is_ok() {
                    self.themes.sel = if down { i + 1 } else { i.saturating_sub(1) };
                }
                r
            }
            Action::ThemeToGroup => {
                if !self.tree_writable() {
                    return;
                }
                ops::theme_to_code_group(self.session.project(), self.session.coder(), id).map(
                    |(e, g)| {
                        self.queue(Effect::SelectCode(g));
                        e
                    },
                )
            }
            Action::ThemeToSubgroup if self.session.project().codebook.roots.is_empty() => {
                return self.complain("No code groups yet: c makes one from a theme");
            }
            Action::ThemeToSubgroup => {
                return self.open_picker(crate::tui::overlays::PickTarget::ThemeSubgroup(id));
            }
            Action::LinkTheme if self.session.project().codebook.roots.is_empty() => {
                return self.complain("No code groups yet to link to: c makes one from a theme");
            }
            Action::LinkTheme => {
                return self.open_picker(crate::tui::overlays::PickTarget::ThemeLink(id));
            }
            _ => return,
        };
        match result {
            Ok(e) => {
                if self.perform(e) && action == Action::DeleteTheme {
                    let len = self
                        .session
                        .project()
                        .analysis_of(self.whose())
                        .themes
                        .len();
                    self.themes.sel = self.themes.sel.min(len.saturating_sub(1));
                }
            }
            Err(e) => self.complain(e.to_string()),
        }
    }
}
