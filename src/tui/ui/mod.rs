//! Drawing: a pure function of the application state (it only records where things
//! were drawn, and scroll positions, for the next key or click).

mod lists;
mod overlays;
mod transcript;

pub use lists::ellipsize;

use super::action::Action;
use super::app::{App, Pane, Tone, View};
use super::keymap::Scope;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// Draws the whole screen.
pub fn draw(f: &mut Frame, app: &mut App) {
    let [top, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(f.area());
    draw_tabs(f, app, top);
    match app.view {
        View::Coding => {
            let [t, u, c] = Layout::horizontal([
                Constraint::Percentage(52),
                Constraint::Percentage(24),
                Constraint::Percentage(24),
            ])
            .areas(body);
            app.areas = super::app::Areas {
                transcript: t,
                units: u,
                tree: c,
            };
            transcript::draw(f, app, t);
            lists::draw_units(f, app, u);
            lists::draw_tree(f, app, c);
        }
        other => draw_placeholder(f, app, other, body),
    }
    draw_status(f, app, status);
    overlays::draw(f, app, body);
}

fn draw_tabs(f: &mut Frame, app: &App, area: Rect) {
    let tabs = [
        (View::Themes, "1 Themes"),
        (View::Coding, "2 Coding"),
        (View::Condensation, "3 Condensation"),
        (View::Synthesis, "4 Synthesis"),
    ];
    let mut spans = vec![Span::raw(" ")];
    for (view, label) in tabs {
        let style = if view == app.view {
            app.theme.accent().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        spans.push(Span::styled(format!(" {label} "), style));
        spans.push(Span::raw(" "));
    }
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let right = format!("{} · coder {} ", app.project.manifest.title, app.coder);
    let room = (area.width as usize).saturating_sub(used);
    let right = ellipsize(&right, room);
    let pad = room.saturating_sub(crate::text::width(&right));
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(right, app.theme.muted()));
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_placeholder(f: &mut Frame, app: &App, view: View, area: Rect) {
    let (title, what) = match view {
        View::Themes => (
            " 1 Themes (STC steps 0–1) ",
            "This view will hold your preconceptions memo (written before reading, lockable, \
             with dated addenda), your total-impression notes and the list of preliminary \
             themes, each of which can become a code group.",
        ),
        View::Condensation => (
            " 3 Condensation (STC step 3) ",
            "This view will hold the code groups and their subgroups, each subgroup's meaning \
             units lifted out of context, the golden quote, and the subgroup's condensate: an \
             artificial quotation in the first person.",
        ),
        _ => (
            " 4 Synthesis (STC step 4) ",
            "This view will hold, per subgroup, the condensate and golden quote beside your \
             analytic text in the third person, and per code group its result heading and \
             its validation against the transcripts.",
        ),
    };
    let text = format!(
        "{what}\n\nIt is not built yet in this version of kondens. Your coding (view 2) is \
         what it will work from, so nothing you do now is wasted.\n\nPress 2 to go back to coding."
    );
    let block = Block::bordered()
        .title(title)
        .border_style(app.theme.border(true));
    f.render_widget(
        Paragraph::new(text).block(block).wrap(Wrap { trim: false }),
        area,
    );
}

/// The short hints for the focused pane, from the keymap in force.
fn hints(app: &App) -> Vec<(String, &'static str)> {
    let (scope, actions): (Scope, &[(Action, &str)]) = match (app.view, app.focus) {
        (View::Coding, Pane::Transcript) if app.tv.anchor.is_some() => (
            Scope::Transcript,
            &[(Action::Code, "code"), (Action::Select, "end selection")],
        ),
        (View::Coding, Pane::Transcript) => (
            Scope::Transcript,
            &[
                (Action::Select, "select"),
                (Action::SelectTurn, "turn"),
                (Action::Search, "search"),
            ],
        ),
        (View::Coding, Pane::Units) => (
            Scope::Units,
            &[
                (Action::ShowUnit, "show"),
                (Action::Code, "code"),
                (Action::EditNote, "note"),
                (Action::DeleteUnit, "delete"),
            ],
        ),
        (View::Coding, Pane::Tree) => (
            Scope::Tree,
            &[
                (Action::NewCode, "new"),
                (Action::RenameCode, "rename"),
                (Action::Filter, "filter"),
                (Action::DeleteCode, "delete"),
            ],
        ),
        _ => (Scope::Global, &[(Action::ViewCoding, "coding")]),
    };
    let mut out: Vec<(String, &'static str)> = actions
        .iter()
        .map(|(a, label)| (app.keymap.keys_for(scope, *a), *label))
        .filter(|(k, _)| !k.is_empty())
        .collect();
    out.push((app.keymap.keys_for(Scope::Global, Action::Help), "help"));
    out
}

fn draw_status(f: &mut Frame, app: &App, area: Rect) {
    let mut spans: Vec<Span> = Vec::new();
    if let Some(t) = app.transcript() {
        let turn = t.turn_at(app.tv.cursor) + 1;
        spans.push(Span::raw(format!(
            " {} · turn {turn}/{} · {}% ",
            ellipsize(&t.name, 24),
            t.turns.len(),
            app.tv.percent(t)
        )));
    }
    if app.tv.anchor.is_some() {
        spans.push(Span::styled(
            " SELECT ",
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        ));
        spans.push(Span::raw(" "));
    }
    match (&app.save_error, app.has_pending()) {
        (Some(_), _) => spans.push(Span::styled("✗ not saved ", app.theme.error())),
        (None, true) => spans.push(Span::styled("… saving ", app.theme.muted())),
        (None, false) => spans.push(Span::styled("✓ saved ", app.theme.ok())),
    }
    spans.push(Span::raw("│ "));
    match (&app.message, &app.save_error) {
        (_, Some(e)) => spans.push(Span::styled(format!("Cannot save: {e}"), app.theme.error())),
        (Some((m, Tone::Error)), _) => spans.push(Span::styled(m.clone(), app.theme.error())),
        (Some((m, Tone::Info)), _) => spans.push(Span::raw(m.clone())),
        (None, _) => {
            for (keys, label) in hints(app) {
                spans.push(Span::styled(keys, app.theme.accent()));
                spans.push(Span::raw(format!(" {label}  ")));
            }
        }
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}
