//! View 1, Themes: preconceptions and total impression on the left, the preliminary
//! themes and the selected theme's note on the right.

use crate::model::TextField;
use crate::tui::app::App;
use crate::tui::screens::Side;
use crate::tui::widgets::list::ellipsize;
use crate::tui::widgets::text_pane::{self, TextPane, plain};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph};

/// Where view 1's panes go in `body` as `app` stands (the focused one alone when
/// zoomed; the themes list keeps its note below it).
pub fn pane_rects_for(app: &App, body: Rect) -> [Rect; 4] {
    if !app.zoom {
        return pane_rects(body);
    }
    match app.themes.side {
        Side::Left => crate::tui::widgets::zoom(pane_rects(body), 0, body),
        Side::Middle => crate::tui::widgets::zoom(pane_rects(body), 1, body),
        Side::Right => {
            let [list, note] =
                Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)])
                    .areas(body);
            [Rect::default(), Rect::default(), list, note]
        }
    }
}

/// Where view 1's panes go in `body`: preconceptions, total impression, themes list,
/// theme note.
pub fn pane_rects(body: Rect) -> [Rect; 4] {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body);
    let [pre, imp] =
        Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(left);
    let [list, note] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(right);
    [pre, imp, list, note]
}

/// The preconceptions pane: the memo, then its dated addenda.
fn preconceptions_pane(app: &App) -> TextPane<'static> {
    let a = app.session.project().analysis_of(app.whose());
    let p = &a.preconceptions;
    let mut body = plain(&p.text);
    for ad in &p.addenda {
        body.lines.push(Line::default());
        body.lines.push(Line::from(Span::styled(
            format!("── Addendum, {} ──", stamp(&ad.written.to_string())),
            app.theme.muted(),
        )));
        body.lines.extend(plain(&ad.text).lines);
    }
    let title = match p.locked {
        Some(d) => format!(" Preconceptions · locked {} ", stamp(&d.to_string())),
        None => " Preconceptions (step 0) ".to_string(),
    };
    let notes = if p.locked.is_none() && !p.text.trim().is_empty() {
        vec!["Lock it (L) before reading: later thoughts are then kept as dated addenda.".into()]
    } else {
        Vec::new()
    };
    TextPane {
        title,
        field: Some(TextField::Preconceptions),
        body,
        placeholder: "What do you expect to find, and why? Your position, experience and \
                      theories, written before you read the transcripts.\n\ne writes here.",
        notes,
        focused: app.themes.side == Side::Left,
    }
}

fn impression_pane(app: &App) -> TextPane<'static> {
    let a = app.session.project().analysis_of(app.whose());
    TextPane {
        title: " Total impression (step 1) ".into(),
        field: Some(TextField::TotalImpression),
        body: plain(&a.total_impression),
        placeholder: "Your bird's-eye impression after reading all transcripts, with \
                      your preconceptions set aside.\n\ne writes here.",
        notes: Vec::new(),
        focused: app.themes.side == Side::Middle,
    }
}

fn note_pane(app: &App) -> TextPane<'static> {
    let a = app.session.project().analysis_of(app.whose());
    let sel = app.selected_theme();
    let theme = sel.and_then(|id| a.theme(id));
    TextPane {
        title: match theme {
            Some(t) => format!(" Note · {} ", ellipsize(&t.name, 30)),
            None => " Note ".into(),
        },
        field: sel.map(TextField::ThemeNote),
        body: plain(theme.map_or("", |t| t.note.as_str())),
        placeholder: if theme.is_some() {
            "What this theme is about. e writes here."
        } else {
            ""
        },
        notes: Vec::new(),
        focused: app.themes.side == Side::Right,
    }
}

/// The focused text pane and where it is, for the layout step's scroll limit.
pub(in crate::tui) fn focused_text_pane(app: &App, body: Rect) -> (Rect, TextPane<'static>) {
    let [pre, imp, _, note] = pane_rects_for(app, body);
    match app.themes.side {
        Side::Left => (pre, preconceptions_pane(app)),
        Side::Middle => (imp, impression_pane(app)),
        Side::Right => (note, note_pane(app)),
    }
}

/// Draws view 1.
pub fn draw(f: &mut Frame, app: &App, body: Rect) {
    let [pre, imp, list, note] = pane_rects_for(app, body);
    let scroll = app.themes.scroll;
    text_pane::draw(f, app, pre, preconceptions_pane(app), scroll);
    text_pane::draw(f, app, imp, impression_pane(app), scroll);
    draw_list(f, app, list, app.themes.side == Side::Right);
    text_pane::draw(f, app, note, note_pane(app), scroll);
}

/// `2026-11-27T10:12:00Z` as `2026-11-27 10:12`.
fn stamp(s: &str) -> String {
    s.get(..16).unwrap_or(s).replace('T', " ")
}

fn draw_list(f: &mut Frame, app: &App, area: Rect, focused: bool) {
    let themes = app
        .session
        .project()
        .analysis_of(app.whose())
        .themes
        .clone();
    let advice = match themes.len() {
        0 => " ".to_string(),
        n if (4..=8).contains(&n) => format!(" ({n}) "),
        n => format!(" ({n}; 4–8 is usual) "),
    };
    let block = Block::bordered()
        .title(format!(" Preliminary themes{advice}"))
        .border_style(app.theme.border(focused));
    let inner = block.inner(area);
    f.render_widget(block, area);
    if themes.is_empty() {
        let empty = app.advice(
            "No themes yet. Name the four to eight preliminary themes your total impression \
             suggests: n adds one; c later makes a code group from it.",
            "No themes yet.",
        );
        f.render_widget(
            Paragraph::new(empty)
                .style(app.theme.muted())
                .wrap(ratatui::widgets::Wrap { trim: false }),
            inner,
        );
        return;
    }
    let height = inner.height as usize;
    let sel = app.themes.sel.min(themes.len() - 1);
    let top = sel.saturating_sub(height.saturating_sub(1));
    let width = inner.width as usize;
    let mut lines = Vec::new();
    for (i, t) in themes.iter().enumerate().skip(top).take(height) {
        let link = match t.code_group {
            Some(g) => match app.session.project().codebook.get(g) {
                Some(n) => format!("→ code group {}", n.name),
                None => "→ (its code group was deleted)".into(),
            },
            None => String::new(),
        };
        let mut style = Style::new();
        if i == sel {
            style = app.theme.list_cursor(focused);
        }
        let name = ellipsize(&format!("{}. {}", i + 1, t.name), width);
        let room = width.saturating_sub(crate::text::width(&name) + 2);
        let rest = if link.is_empty() || room < 3 {
            String::new()
        } else {
            format!("  {}", ellipsize(&link, room))
        };
        let pad = width.saturating_sub(crate::text::width(&name) + crate::text::width(&rest));
        lines.push(Line::from(vec![
            Span::styled(name, style.add_modifier(Modifier::BOLD)),
            Span::styled(rest, app.theme.muted().patch(style)),
            Span::styled(" ".repeat(pad), style),
        ]));
    }
    f.render_widget(Paragraph::new(Text::from(lines)), inner);
}
