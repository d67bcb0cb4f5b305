//! A pane that shows a piece of writing (memo, condensate, analytic text) or, while it
//! is being edited, the editor on it; with soft-guidance notes underneath.

use crate::model::TextField;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// Scrolls a text pane by `action`; false when the action is no scrolling.
pub fn scroll(scroll: &mut u16, action: crate::tui::action::Action) -> bool {
    use crate::tui::action::Action;
    match action {
        Action::Down => *scroll = scroll.saturating_add(1),
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::Top => *scroll = 0,
        // Drawing clamps it to the last row.
        Action::Bottom => *scroll = u16::MAX,
        _ => return false,
    }
    true
}

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

/// True when the editor is open on what this pane shows.
fn editing(app: &App, pane: &TextPane<'_>) -> bool {
    pane.field.is_some() && app.editor.as_ref().and_then(|e| e.field) == pane.field
        || matches!(
            (pane.field, app.editor.as_ref().and_then(|e| e.field)),
            (
                Some(TextField::Preconceptions),
                Some(TextField::Addendum(_))
            )
        )
}

/// Where the body and the notes of a pane at `area` go.
fn geometry(area: Rect, pane: &TextPane<'_>) -> (Rect, Rect, u16) {
    let inner = crate::tui::widgets::list::inner(area);
    let notes_height = if pane.notes.is_empty() || inner.height < 6 {
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
    (body, foot, notes_height)
}

/// How far the pane's body can scroll: its wrapped rows past the pane's height.
pub fn max_scroll(area: Rect, pane: &TextPane<'_>) -> u16 {
    let (body, _, _) = geometry(area, pane);
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
    rows.saturating_sub(body.height as usize) as u16
}

/// The body's rows as the pane wraps them (for searching it).
pub fn rows(area: Rect, pane: &TextPane<'_>) -> Vec<String> {
    let (body, _, _) = geometry(area, pane);
    let width = body.width.max(1) as usize;
    let mut out = Vec::new();
    for l in &pane.body.lines {
        let t: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
        let rows = crate::text::wrap(&t, width);
        if rows.is_empty() {
            out.push(String::new());
        }
        out.extend(rows.into_iter().map(|r| t.get(r).unwrap_or("").to_string()));
    }
    out
}

/// Draws a text pane; a focused one scrolled by `scroll` rows (at most to its end).
pub fn draw(f: &mut Frame, app: &App, area: Rect, pane: TextPane<'_>, scroll: u16) {
    let editing = editing(app, &pane);
    let (body, foot, notes_height) = geometry(area, &pane);
    let scroll = if pane.focused {
        scroll.min(max_scroll(area, &pane))
    } else {
        0
    };
    let title = if editing {
        format!("{}· editing (Esc leaves, keeping the text) ", pane.title)
    } else {
        pane.title
    };
    let block = Block::bordered()
        .title(title)
        .border_style(app.theme.border(pane.focused || editing));
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
    if editing {
        if let Some(ed) = app.editor.as_ref() {
            if matches!(ed.field, Some(TextField::Addendum(_))) && body.height >= 8 {
                // An addendum is written under the locked memo it adds to, in sight.
                let [memo, rule, below] = Layout::vertical([
                    Constraint::Percentage(50),
                    Constraint::Length(1),
                    Constraint::Min(3),
                ])
                .areas(body);
                f.render_widget(
                    Paragraph::new(pane.body)
                        .style(app.theme.muted())
                        .wrap(Wrap { trim: false }),
                    memo,
                );
                f.render_widget(
                    Paragraph::new(crate::text::ellipsize(
                        "── new addendum below; the memo above stays as written ──",
                        rule.width as usize,
                    ))
                    .style(app.theme.accent()),
                    rule,
                );
                super::edit_view::draw(f.buffer_mut(), below, ed, &app.theme);
            } else {
                super::edit_view::draw(f.buffer_mut(), body, ed, &app.theme);
            }
        }
    } else if pane.body.lines.iter().all(|l| l.width() == 0) {
        // The placeholders tell the writer what to write; someone else's analysis (read
        // only) just has nothing here yet.
        let placeholder = match pane.placeholder {
            "" => "",
            advice => app.advice(advice, "Nothing written here yet."),
        };
        f.render_widget(
            Paragraph::new(placeholder)
                .style(app.theme.muted())
                .wrap(Wrap { trim: false }),
            body,
        );
    } else {
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
            .map(|l| Line::from(crate::text::for_display(l).into_owned()))
            .collect::<Vec<_>>(),
    )
}
