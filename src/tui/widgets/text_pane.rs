//! A pane that shows a piece of writing (memo, condensate, analytic text) or, while it
//! is being edited, the editor on it; with soft-guidance notes underneath.

use crate::model::TextField;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// What a text pane shows.
pub struct TextPane<'a> {
    pub title: String,
    /// The field edited here, when `e` has opened it.
    pub field: Option<TextField>,
    pub body: Text<'a>,
    /// Shown in muted text when the body is empty.
    pub placeholder: &'a str,
    pub notes: Vec<String>,
    pub focused: bool,
}

/// Draws a text pane.
pub fn draw(f: &mut Frame, app: &mut App, area: Rect, pane: TextPane<'_>) {
    let editing = pane.field.is_some() && app.editor.as_ref().map(|e| e.field) == pane.field
        || matches!(
            (pane.field, app.editor.as_ref().map(|e| e.field)),
            (
                Some(TextField::Preconceptions),
                Some(TextField::Addendum(_))
            )
        );
    let title = if editing {
        format!("{}· editing (Esc leaves, keeping the text) ", pane.title)
    } else {
        pane.title
    };
    let block = Block::bordered()
        .title(title)
        .border_style(app.theme.border(pane.focused || editing));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let notes: Vec<Line> = pane
        .notes
        .iter()
        .map(|n| {
            Line::from(vec![
                Span::styled("ℹ ", app.theme.accent()),
                Span::styled(n.clone(), app.theme.muted().add_modifier(Modifier::ITALIC)),
            ])
        })
        .collect();
    let notes_height = if notes.is_empty() || inner.height < 6 {
        0
    } else {
        let w = inner.width.max(1) as usize;
        let rows: usize = pane
            .notes
            .iter()
            .map(|n| crate::text::wrap(&format!("ℹ {n}"), w).len())
            .sum();
        (rows as u16).min(inner.height / 2)
    };
    let [body, foot] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(notes_height)]).areas(inner);
    if editing {
        if let Some(ed) = app.editor.as_mut() {
            f.render_widget(&ed.area, body);
        }
    } else if pane.body.lines.iter().all(|l| l.width() == 0) {
        f.render_widget(
            Paragraph::new(pane.placeholder)
                .style(app.theme.muted())
                .wrap(Wrap { trim: false }),
            body,
        );
    } else {
        // The focused pane scrolls (j/k); how far it can is counted from the wrapped rows.
        let width = body.width.max(1) as usize;
        let rows: usize = pane
            .body
            .lines
            .iter()
            .map(|l| {
                let t: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                crate::text::wrap(&t, width).len().max(1)
            })
            .sum();
        let max = rows.saturating_sub(body.height as usize) as u16;
        let scroll = if pane.focused {
            let s = if app.view == crate::tui::screens::View::Themes {
                &mut app.themes.scroll
            } else {
                &mut app.groups.scroll
            };
            *s = (*s).min(max);
            *s
        } else {
            0
        };
        f.render_widget(
            Paragraph::new(pane.body)
                .wrap(Wrap { trim: false })
                .scroll((scroll, 0)),
            body,
        );
    }
    if notes_height > 0 {
        f.render_widget(Paragraph::new(notes).wrap(Wrap { trim: false }), foot);
    }
}

/// A body of plain text, line by line.
pub fn plain(text: &str) -> Text<'static> {
    Text::from(
        text.split('\n')
            .map(|l| Line::from(l.to_string()))
            .collect::<Vec<_>>(),
    )
}
