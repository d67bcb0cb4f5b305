//! Drawing: the layout step first (`App::layout`: where each pane goes, what is in
//! sight, the caches), then a pure function of `&App`.

use super::action::Action;
use super::app::{App, Tone};
use super::keymap::Scope;
use super::screens::{Hints, SCREENS, Screen, View, screen};
use super::widgets::list::ellipsize;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The top line, the body and the status line of a screen of `size`.
pub fn frame_areas(size: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(size)
}

/// Lays out a frame of `size`, then draws it: what the event loop and the tests call.
pub fn render(f: &mut Frame, app: &mut App) {
    app.layout(f.area());
    draw(f, app);
}

/// Draws the whole screen from the state, as the layout step (`App::layout`) left it.
pub fn draw(f: &mut Frame, app: &App) {
    let [top, body, status] = frame_areas(f.area());
    draw_tabs(f, app, top);
    (screen(app.view).draw)(f, app, body);
    draw_status(f, app, status);
    super::overlays::draw(f, app, body);
    super::draw_comment_editor(f, app, body);
    settle_widths(f);
}

/// A grapheme that terminals draw at different widths (an emoji joined with U+200D, with
/// a variation selector or a skin tone) is drawn as its first character, whatever pane
/// it is in: otherwise one terminal's borders would shift and leave stray cells.
fn settle_widths(f: &mut Frame) {
    for cell in f.buffer_mut().content.iter_mut() {
        let shown = crate::text::drawn(cell.symbol());
        if shown.len() != cell.symbol().len() {
            let shown = shown.to_string();
            cell.set_symbol(&shown);
        }
    }
}

fn draw_tabs(f: &mut Frame, app: &App, area: Rect) {
    // Who is working comes first: at 80 columns the title is cut, never the coder.
    let viewing = match (&app.viewing, app.view) {
        (Some(v), View::Themes | View::Condensation | View::Synthesis) => {
            format!(" · viewing {v}'s (read only)")
        }
        _ => String::new(),
    };
    let right = format!(
        "coder {}{viewing} · {} ",
        app.session.coder(),
        app.session.project().manifest.title
    );
    let tabs = |compact: bool| {
        let mut spans = vec![Span::raw(" ")];
        let mut team_shown = false;
        for Screen {
            view,
            tab: label,
            team,
            ..
        } in SCREENS
        {
            if *team && !team_shown {
                team_shown = true;
                spans.push(Span::styled("│ ", app.theme.muted()));
            }
            let style = if *view == app.view {
                app.theme.accent().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            };
            // Narrow: the other views by their number only (the keys that switch).
            let label = match label.split_once(' ') {
                Some((number, _)) if compact && *view != app.view => number,
                _ => label,
            };
            spans.push(Span::styled(format!(" {label} "), style));
            spans.push(Span::raw(" "));
        }
        spans
    };
    let width = |spans: &[Span]| spans.iter().map(|s| s.width()).sum::<usize>();
    let mut spans = tabs(false);
    let coder_room = crate::text::width(&right).min(28);
    if width(&spans) + coder_room > area.width as usize {
        spans = tabs(true);
    }
    let room = (area.width as usize).saturating_sub(width(&spans));
    let right = ellipsize(&right, room);
    let pad = room.saturating_sub(crate::text::width(&right));
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(right, app.theme.muted()));
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The hints of an overlay in front.
fn overlay_hints(scope: Scope) -> Hints {
    let actions: &'static [(Action, &'static str)] = match scope {
        Scope::Participants => &[
            (Action::RenameParticipant, "name"),
            (Action::SetRole, "role"),
            (Action::SetGroup, "group"),
            (Action::SetFocusGroup, "focus group"),
            (Action::SetAttribute, "attribute"),
            (Action::MergeParticipant, "merge"),
        ],
        Scope::Picker => &[(Action::Confirm, "assign"), (Action::Down, "next")],
        Scope::Input => &[(Action::Confirm, "accept")],
        Scope::Confirm => &[(Action::Yes, "yes"), (Action::No, "no")],
        _ => &[(Action::Down, "scroll")],
    };
    (scope, actions)
}

/// The short hints for what is in front (overlay, editor, or the focused pane), from
/// the keymap in force. Where typing goes into text, `?` types a `?`, so help is not
/// promised there.
fn hints(app: &App) -> Vec<(String, &'static str)> {
    let overlay = app.overlay_scope();
    let (scope, actions): Hints = if let Some(scope) = overlay {
        overlay_hints(scope)
    } else if app.editor.as_ref().is_some_and(|e| e.comment.is_some()) {
        (Scope::Editor, &[(Action::LeaveEditor, "post the comment")])
    } else if app.editor.is_some() {
        (
            Scope::Editor,
            &[(Action::LeaveEditor, "leave the editor (text kept)")],
        )
    } else {
        (screen(app.view).hints)(app)
    };
    let mut out: Vec<(String, &'static str)> = actions
        .iter()
        .map(|(a, label)| (app.keymap.keys_for(scope, *a), *label))
        .filter(|(k, _)| !k.is_empty())
        .collect();
    if overlay.is_some() {
        out.push((app.keymap.keys_for(Scope::Global, Action::Cancel), "close"));
    }
    if overlay.is_none() && app.editor.as_ref().is_some_and(|e| e.comment.is_some()) {
        out.push(("Tab".into(), "stance"));
    }
    // `?` opens help from a pane or the participants list; elsewhere it is typed, or
    // does nothing.
    if app.editor.is_none() && matches!(overlay, None | Some(Scope::Participants)) {
        out.push((app.keymap.keys_for(Scope::Global, Action::Help), "help"));
    }
    out
}

fn draw_status(f: &mut Frame, app: &App, area: Rect) {
    let badge = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
    let mut spans: Vec<Span> = Vec::new();
    if app.editor.is_some() {
        spans.push(Span::styled(" EDIT ", badge));
        spans.push(Span::raw(" "));
    }
    // A selection belongs to view 2's transcript: only there is it shown as a mode.
    if app.coding.tv.anchor.is_some() && app.view == View::Coding && app.editor.is_none() {
        spans.push(Span::styled(" SELECT ", badge));
        spans.push(Span::raw(" "));
    }
    match (&app.save_error, app.has_pending()) {
        _ if app.session.changed_under_me().is_some() => {
            spans.push(Span::styled("✗ not saving ", app.theme.error()))
        }
        (Some(_), _) => spans.push(Span::styled("✗ not saved ", app.theme.error())),
        (None, true) => spans.push(Span::styled("… saving ", app.theme.muted())),
        (None, false) => spans.push(Span::styled("✓ saved ", app.theme.ok())),
    }
    spans.push(Span::raw("│ "));
    // Where the cursor is in view 2: before the hints, after a message (a message is
    // what matters most when there is one, so it is never the part that is cut).
    let place = app
        .transcript()
        .filter(|_| app.view == View::Coding && app.editor.is_none())
        .map(|t| {
            let turn = t.turn_at(app.coding.tv.cursor) + 1;
            format!(
                "{} · turn {turn}/{} · {}% ",
                ellipsize(&t.name, 24),
                t.turns.len(),
                app.coding.tv.percent(t)
            )
        });
    let message = match (&app.message, &app.save_error) {
        (_, Some(e)) => Some((format!("Cannot save: {e}"), app.theme.error())),
        (Some((m, Tone::Error)), _) => Some((m.clone(), app.theme.error())),
        (Some((m, Tone::Info)), _) => Some((m.clone(), Style::new())),
        (None, _) => None,
    };
    match message {
        Some((m, style)) => {
            let used: usize = spans.iter().map(|s| s.width()).sum();
            let room = (area.width as usize).saturating_sub(used);
            let m = crate::text::for_display(&m).into_owned();
            let m_width = crate::text::width(&m);
            spans.push(Span::styled(m, style));
            if let Some(place) = place
                && m_width + 2 + crate::text::width(&place) <= room
            {
                let gap = room - m_width - crate::text::width(&place);
                spans.push(Span::raw(" ".repeat(gap)));
                spans.push(Span::styled(place, app.theme.muted()));
            }
        }
        None => {
            if let Some(place) = place {
                spans.push(Span::raw(place));
                spans.push(Span::raw("│ "));
            }
            for (keys, label) in hints(app) {
                spans.push(Span::styled(keys, app.theme.accent()));
                spans.push(Span::raw(format!(" {label}  ")));
            }
        }
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

impl App {
    /// The layout step before a frame of `size`: each screen works out where its panes
    /// go, what is in sight and what it lists, so that drawing only reads.
    pub fn layout(&mut self, size: Rect) {
        let [_, body, _] = frame_areas(size);
        (screen(self.view).layout)(self, body);
        self.layout_overlay(body);
    }
}
