//! Comments from the workbench: `C` on what is selected opens a comment editor on it
//! (Tab chooses the stance, Esc posts), and the marks that say how many open threads a
//! thing has. The threads themselves are read in view 5 (screens/review).

use super::app::App;
use super::editor::{Draft, Editor};
use super::screens::coding::Pane;
use super::screens::{Side, View};
use crate::model::{CommentId, Stance, Target};
use crate::ops;
use crate::text::ellipsize;

impl App {
    /// What `C` would comment on here, with its name in words.
    pub fn comment_target(&mut self) -> Option<(Target, String)> {
        let me = self.session.coder().to_string();
        // In views 1, 3 and 4 the work shown may be someone else's.
        let owner = self.whose().to_string();
        let p = self.session.project();
        match self.view {
            View::Coding => match self.coding.focus {
                Pane::Transcript => {
                    let t = self.transcript()?;
                    let span = self.coding.tv.selection(t)?;
                    let about = format!("“{}”", ellipsize(&t.text[span.clone()], 40));
                    Some((
                        Target::Passage {
                            transcript: t.id,
                            start: span.start,
                            end: span.end,
                        },
                        about,
                    ))
                }
                // The row the list shows selected (the first, before any move), as
                // every other key in these panes takes it.
                Pane::Units => {
                    let i = self.unit_index();
                    let id = self.shown_unit_id(i)?;
                    let p = self.session.project();
                    let u = p.unit(&me, id)?;
                    let about = format!("“{}”", ellipsize(p.quote(u), 40));
                    Some((Target::Unit { owner: me, id }, about))
                }
                Pane::Tree => {
                    let rows = self.tree_rows();
                    let (_, id) = *rows.get(self.tree_index(&rows))?;
                    Some((Target::Code(id), p.codebook.path_label(id)))
                }
            },
            View::Themes => match self.themes.side {
                Side::Left => Some((
                    Target::Preconceptions {
                        owner: owner.clone(),
                    },
                    format!("{owner}'s preconceptions"),
                )),
                Side::Right => {
                    let id = self.selected_theme()?;
                    let name = p.analysis_of(&owner).theme(id)?.name.clone();
                    Some((Target::Theme { owner, id }, name))
                }
                Side::Middle => None,
            },
            View::Condensation | View::Synthesis => {
                let row = self.selected_row()?;
                let name = p.codebook.path_label(row.id);
                let target = match (self.view, row.depth) {
                    (_, 0) => Target::ResultHeading {
                        owner,
                        group: row.id,
                    },
                    (View::Condensation, _) => Target::Condensate {
                        owner,
                        subgroup: row.id,
                    },
                    _ => Target::AnalyticText {
                        owner,
                        subgroup: row.id,
                    },
                };
                Some((target, name))
            }
            _ => None,
        }
    }

    /// `C`: a comment editor on what is selected.
    pub(in crate::tui) fn begin_comment(&mut self) {
        match self.comment_target() {
            Some((target, about)) => {
                let about = format!("the {} {about}", target.kind());
                self.open_comment(target, None, about);
            }
            None => self.complain(
                "Nothing here to comment on: select a meaning unit, a code, a passage, a \
                 theme, the preconceptions or a subgroup",
            ),
        }
    }

    /// Opens the comment editor: a new thread on `target`, or a reply in `thread`.
    pub(in crate::tui) fn open_comment(
        &mut self,
        target: Target,
        thread: Option<CommentId>,
        about: String,
    ) {
        self.editor = Some(Editor::comment(Draft {
            target,
            thread,
            stance: Stance::Comment,
            about,
        }));
    }

    /// Posts what the comment editor holds (an empty comment is dropped).
    pub(in crate::tui) fn post_comment(&mut self, draft: Draft, text: &str) {
        if text.trim().is_empty() {
            return self.say("Nothing posted: the comment was empty");
        }
        let me = self.session.coder().to_string();
        match ops::post_comment(
            self.session.project(),
            &me,
            draft.target,
            draft.thread,
            draft.stance,
            text,
        ) {
            Ok(edit) => {
                self.perform(edit);
            }
            Err(e) => self.complain(e.to_string()),
        }
    }

    /// The mark of a thing with open threads (`✉2`), or nothing (from the counts the
    /// layout step brought up to date).
    pub fn thread_mark(&self, target: &Target) -> String {
        match self.open_threads(target) {
            0 => String::new(),
            n => format!("✉{n}"),
        }
    }
}

/// Draws an open comment editor as a box over the body: what it is about, the stance,
/// and the text being written.
pub fn draw_editor(f: &mut ratatui::Frame, app: &App, body: ratatui::layout::Rect) {
    use ratatui::layout::Rect;
    use ratatui::widgets::{Block, Clear};
    let Some(ed) = app.editor.as_ref() else {
        return;
    };
    let Some(draft) = ed.comment.as_ref() else {
        return;
    };
    let width = body.width.saturating_sub(4).min(76);
    let height = body.height.saturating_sub(2).min(10);
    let r = Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y + (body.height - height) / 2,
        width,
        height,
    };
    f.render_widget(Clear, r);
    let verb = if draft.thread.is_some() {
        "Reply"
    } else {
        "Comment"
    };
    let title = format!(
        " {} ",
        ellipsize(&format!("{verb} on {}", draft.about), width as usize - 6)
    );
    let block = Block::bordered()
        .title(title)
        .title_bottom(format!(
            " stance: {} (Tab changes) · Esc posts · empty is dropped ",
            draft.stance.label()
        ))
        .border_style(app.theme.border(true));
    let inner = block.inner(r);
    f.render_widget(block, r);
    super::widgets::edit_view::draw(f.buffer_mut(), inner, ed, &app.theme);
}
