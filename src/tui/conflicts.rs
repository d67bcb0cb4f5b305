//! Before the workbench opens a project a git merge left in conflict: each conflict in
//! words (both sides, who did what), resolved with a key — keep mine, keep the pulled
//! one, keep both, put the code at the top, restore what was deleted — into a clean
//! file. The project opens once nothing that blocks it is left; a code deleted while
//! someone's units still carry it can also be left as it is (the units stay listed).

use crate::store::{self, Choice, Conflict, What};
use crate::tui::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use std::path::{Path, PathBuf};

/// What comes after a key.
#[derive(Debug, PartialEq, Eq)]
pub enum Flow {
    Stay,
    /// Everything that blocks opening is resolved.
    Open,
    /// The person left with conflicts unresolved.
    Quit,
}

/// The conflicts screen's state.
pub struct Screen {
    dir: PathBuf,
    by: String,
    list: Vec<Conflict>,
    at: usize,
    resolved: usize,
    message: Option<String>,
}

/// True when the conflict keeps the project from loading.
fn blocks(c: &Conflict) -> bool {
    !matches!(c.what, What::DeletedInUse { .. })
}

impl Screen {
    /// The conflicts that keep the project in `dir` from loading, put to `by`; `None`
    /// when there are none.
    pub fn blocking(dir: &Path, by: &str) -> crate::Result<Option<Screen>> {
        Ok(Screen::with(dir, by, store::find_conflicts(dir)?))
    }

    /// The codes someone deleted while units in `project` still carry them.
    pub fn deleted(dir: &Path, by: &str, project: &crate::model::Project) -> Option<Screen> {
        Screen::with(dir, by, store::deleted_in_use(dir, project))
    }

    fn with(dir: &Path, by: &str, list: Vec<Conflict>) -> Option<Screen> {
        (!list.is_empty()).then(|| Screen {
            dir: dir.to_path_buf(),
            by: by.to_string(),
            list,
            at: 0,
            resolved: 0,
            message: None,
        })
    }

    /// The choices for the conflict shown, with their keys.
    fn choices(&self) -> Vec<(char, Choice)> {
        self.list
            .get(self.at)
            .map(|c| c.choices())
            .unwrap_or_default()
            .into_iter()
            .zip('1'..='9')
            .map(|(c, k)| (k, c))
            .collect()
    }

    /// Acts on a key.
    pub fn handle(&mut self, key: KeyEvent) -> Flow {
        let Some(c) = self.list.get(self.at).cloned() else {
            return Flow::Open;
        };
        match key.code {
            KeyCode::Char('q') | KeyCode::Esc => return Flow::Quit,
            KeyCode::Char('s') if !blocks(&c) => {
                self.message = Some("Left as it is: the units stay listed".into());
                return self.next();
            }
            KeyCode::Char(k) => {
                if let Some((_, choice)) = self.choices().into_iter().find(|(key, _)| *key == k) {
                    match store::resolve(&self.dir, &c, choice, &self.by) {
                        Ok(()) => {
                            self.resolved += 1;
                            self.message = Some(format!(
                                "Resolved ({}): {} is clean",
                                choice.label(),
                                short(&self.dir, &c.path)
                            ));
                            return self.next();
                        }
                        Err(e) => self.message = Some(e.to_string()),
                    }
                }
            }
            _ => {}
        }
        Flow::Stay
    }

    fn next(&mut self) -> Flow {
        self.at += 1;
        if self.at < self.list.len() {
            return Flow::Stay;
        }
        // Resolving one conflict can show another (a code restored under a parent that
        // is gone too): look again.
        match Screen::blocking(&self.dir, &self.by) {
            Ok(Some(again)) => {
                self.list = again.list;
                self.at = 0;
                Flow::Stay
            }
            _ => Flow::Open,
        }
    }

    /// Draws the conflict shown.
    pub fn draw(&self, f: &mut Frame, theme: &Theme) {
        let area = f.area();
        let [body, foot] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
        let title = format!(
            " A git merge left {} conflict{} — {} of {} ",
            self.list.len(),
            if self.list.len() == 1 { "" } else { "s" },
            (self.at + 1).min(self.list.len()),
            self.list.len()
        );
        let block = Block::bordered()
            .title(title)
            .border_style(theme.border(true));
        let inner = block.inner(body);
        f.render_widget(block, body);
        let mut lines: Vec<Line> = Vec::new();
        if let Some(c) = self.list.get(self.at) {
            lines.push(Line::from(Span::styled(
                format!("{}:{}", short(&self.dir, &c.path), c.line),
                theme.muted(),
            )));
            lines.push(Line::from(""));
            lines.push(Line::from(c.words.clone()));
            lines.push(Line::from(""));
            let choices = self.choices();
            if choices.is_empty() {
                lines.push(Line::from(
                    "kondens cannot tell the sides apart here: edit the file, keep one side, \
                     delete the lines <<<<<<<, ======= and >>>>>>>, and open the project again.",
                ));
            }
            for (k, choice) in choices {
                lines.push(Line::from(vec![
                    Span::styled(
                        format!("  {k}  "),
                        Style::new().add_modifier(Modifier::BOLD),
                    ),
                    Span::raw(choice.label()),
                ]));
            }
            if !blocks(c) {
                lines.push(Line::from(vec![
                    Span::styled("  s  ", Style::new().add_modifier(Modifier::BOLD)),
                    Span::raw("leave it (the units keep the code and stay listed)"),
                ]));
            }
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(
                "Mine is this copy's side; the pulled one is what git merged in. The \
                 resolution is written as a clean file: commit it with the merge.",
                theme.muted(),
            )));
        }
        f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        let status = match &self.message {
            Some(m) => m.clone(),
            None => "q quit without opening (nothing is written)".into(),
        };
        f.render_widget(Paragraph::new(status).style(theme.muted()), foot);
    }
}

fn short(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir).unwrap_or(path).display().to_string()
}
