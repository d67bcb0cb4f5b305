//! The overlays: help, the code picker, prompts and questions.

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Scope;
use crate::tui::overlays::{Overlay, PickTarget, PromptKind};
use crate::tui::widgets::list::ellipsize;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

pub(super) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Draws the overlay on top, if any.
pub fn draw(f: &mut Frame, app: &App, area: Rect) {
    match &app.overlay {
        Some(Overlay::Help { .. }) => help(f, app, area),
        Some(Overlay::Picker(_)) => picker(f, app, area),
        Some(Overlay::Prompt(p)) => {
            let r = centered(area, 60, 3);
            f.render_widget(Clear, r);
            let block = Block::bordered()
                .title(format!(" {} ", p.kind.title()))
                .title_bottom(if matches!(p.kind, PromptKind::UnitNote(_)) {
                    " Enter or Esc keeps the note "
                } else if p.input.is_selecting() {
                    // The offered text is selected (App::prompt): say what typing does.
                    " type to replace · ←/→ edit · Enter accept · Esc cancel "
                } else {
                    " Enter accept · Esc cancel "
                })
                .border_style(app.theme.border(true));
            let inner = block.inner(r);
            f.render_widget(block, r);
            f.render_widget(&p.input, inner);
        }
        Some(Overlay::Confirm { text, .. }) => {
            let r = centered(area, 60, 6);
            f.render_widget(Clear, r);
            let yes = app.keymap.keys_for(Scope::Confirm, Action::Yes);
            let no = app.keymap.keys_for(Scope::Confirm, Action::No);
            let block = Block::bordered()
                .title(" Are you sure? ")
                .title_bottom(format!(" {yes} yes · {no}/Esc no "))
                .border_style(app.theme.error());
            f.render_widget(
                Paragraph::new(text.as_str())
                    .block(block)
                    .wrap(Wrap { trim: true }),
                r,
            );
        }
        Some(Overlay::Participants { sel, merging }) => {
            super::draw_participants::draw(f, app, area, *sel, *merging)
        }
        None => {}
    }
}

/// The help lines for the scopes in force, from the keymap in force.
/// The text editor's own keys (those of ratatui-textarea, which kondens keeps): they are
/// not in the keymap, so the help lists them here.
const EDITOR_KEYS: &[(&str, &str)] = &[
    ("← → ↑ ↓", "move (Ctrl-b Ctrl-f Ctrl-p Ctrl-n too)"),
    ("Ctrl-← Ctrl-→", "previous / next word (Alt-b Alt-f too)"),
    ("Home End", "start / end of the line (Ctrl-a Ctrl-e too)"),
    ("PgUp PgDn", "a page up / down"),
    (
        "Backspace Del",
        "delete the character before / under the cursor",
    ),
    ("Ctrl-w Alt-d", "delete the word before / after the cursor"),
    ("Ctrl-k", "delete to the end of the line"),
    ("Ctrl-x Ctrl-y", "cut the selection / paste what was cut"),
    ("Ctrl-u Ctrl-r", "undo / redo inside this editing visit"),
];

pub fn help_lines(app: &App) -> Vec<Line<'static>> {
    let mut scopes = Vec::new();
    if app.editor.is_some() {
        scopes.push(Scope::Editor);
    }
    scopes.push(app.scope());
    scopes.push(Scope::Global);
    scopes.push(Scope::Participants);
    scopes.extend(crate::tui::screens::screen(app.view).help);
    let mut seen = Vec::new();
    scopes.retain(|s| {
        let new = !seen.contains(s);
        seen.push(*s);
        new
    });
    let mut lines = Vec::new();
    for scope in scopes {
        lines.push(Line::from(Span::styled(
            scope.title().to_string(),
            app.theme.accent().add_modifier(Modifier::UNDERLINED),
        )));
        for (action, chords) in app.keymap.bindings(scope) {
            if chords.is_empty() {
                continue;
            }
            let keys = chords
                .iter()
                .map(|c| c.display())
                .collect::<Vec<_>>()
                .join(" ");
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {keys:<18}"),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Span::raw(action.describe().to_string()),
            ]));
        }
        if scope == Scope::Editor {
            for (keys, what) in EDITOR_KEYS {
                lines.push(Line::from(vec![
                    Span::styled(
                        format!("  {keys:<18}"),
                        Style::new().add_modifier(Modifier::BOLD),
                    ),
                    Span::raw(*what),
                ]));
            }
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::from(Span::styled(
        "Working as a team",
        app.theme.accent().add_modifier(Modifier::UNDERLINED),
    )));
    for text in TEAM {
        lines.push(Line::from(format!("  {text}")));
    }
    lines
}

/// What the help says of locks and git, which no key shows.
const TEAM: &[&str] = &[
    "Your units, analysis and comments are files only you write; share them with git",
    "(git pull, kondens open, git commit, git pull, git push; README: Working as a team).",
    "The code-tree lock is per machine: on one shared server, the first workbench open",
    "writes the code tree and the participants, the others see them read-only. On clones",
    "each person writes them and git merges; a true conflict is put to you at opening.",
];

/// Where the help goes over `area`: wide enough for the longest description where the
/// terminal allows.
fn help_area(area: Rect) -> Rect {
    centered(area, 100, area.height.saturating_sub(2).max(10))
}

/// How far the help can scroll over `area`.
pub(super) fn help_max_scroll(app: &App, area: Rect) -> usize {
    let inner_h = help_area(area).height.saturating_sub(2) as usize;
    help_lines(app).len().saturating_sub(inner_h)
}

fn help(f: &mut Frame, app: &App, area: Rect) {
    let r = help_area(area);
    f.render_widget(Clear, r);
    let lines = help_lines(app);
    let inner_h = r.height.saturating_sub(2) as usize;
    let max_scroll = lines.len().saturating_sub(inner_h);
    let scroll = match &app.overlay {
        Some(Overlay::Help { scroll }) => (*scroll).min(max_scroll),
        _ => 0,
    };
    let more = if scroll < max_scroll {
        " j/k scroll · "
    } else {
        " "
    };
    let block = Block::bordered()
        .title(" Help — the keys in force ")
        .title_bottom(format!("{more}Esc or ? closes "))
        .border_style(app.theme.border(true));
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(inner_h).collect();
    f.render_widget(Paragraph::new(visible).block(block), r);
}

fn picker(f: &mut Frame, app: &App, area: Rect) {
    let Some(Overlay::Picker(p)) = &app.overlay else {
        return;
    };
    // Wide enough for a code's whole path where the window allows.
    let width = (area.width.saturating_mul(7) / 10).clamp(64, 120);
    let r = centered(area, width, area.height.saturating_sub(2).clamp(8, 20));
    f.render_widget(Clear, r);
    let what = match &p.target {
        PickTarget::Passage { transcript, span } => {
            let quote = app
                .session
                .project()
                .transcript(*transcript)
                .and_then(|t| t.text.get(span.clone()))
                .unwrap_or("");
            format!(" Code “{}” ", ellipsize(quote, 40))
        }
        PickTarget::Unit(_) => " Add or remove a code on the unit ".to_string(),
        PickTarget::Move { .. } => " Move the unit to the subgroup (1–9, or type) ".to_string(),
        PickTarget::ThemeSubgroup(_) => " Make the theme a subgroup of the code group ".to_string(),
        PickTarget::ThemeLink(_) => " Link the theme to the code group or subgroup ".to_string(),
    };
    let block = Block::bordered()
        .title(what)
        .title_bottom(" type to filter · ↓↑ choose · Enter assign · Esc cancel ")
        .border_style(app.theme.border(true));
    let inner = block.inner(r);
    f.render_widget(block, r);
    let [input, list, place] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    // Where a new name would become a code, always in sight, and how to change it.
    let under = p
        .new_parent
        .and_then(|id| app.session.project().codebook.get(id))
        .map(|n| format!("under {}", n.name))
        .unwrap_or_else(|| "at the top of the tree".into());
    let switch = app
        .keymap
        .keys_for(crate::tui::keymap::Scope::Picker, Action::NewCodePlace);
    let other = if p.new_parent.is_some() {
        "at the top".to_string()
    } else {
        p.place
            .and_then(|id| app.session.project().codebook.get(id))
            .map_or(String::new(), |n| format!("under {}", n.name))
    };
    let place_text = if other.is_empty() || switch.is_empty() {
        format!("A new name becomes a code {under}")
    } else {
        format!("A new name becomes a code {under} ({switch}: {other})")
    };
    f.render_widget(
        Paragraph::new(ellipsize(&place_text, place.width as usize)).style(app.theme.muted()),
        place,
    );
    let [prompt, field] = Layout::horizontal([Constraint::Length(2), Constraint::Min(1)])
        .areas(Rect { height: 1, ..input });
    f.render_widget(Paragraph::new("> ").style(app.theme.accent()), prompt);
    f.render_widget(&p.input, field);
    let query = p.query();
    let mut lines = Vec::new();
    if p.items.is_empty() {
        let msg = match (app.session.tree_held_by(), query.trim().is_empty()) {
            // The tree is another's to change just now: no promise of a new code.
            (Some(holder), _) => format!(
                "No code matches; the code tree is read-only while {holder} has the \
                 project open, so no new code can be made here now."
            ),
            (None, true) => "No codes yet: type a name and press Enter to make one.".to_string(),
            (None, false) => format!("Enter: new code “{}” {under}", query.trim()),
        };
        lines.push(Line::styled(msg, app.theme.muted()));
    }
    let height = list.height as usize;
    let top = p.selected.saturating_sub(height.saturating_sub(1));
    for (i, id) in p.items.iter().enumerate().skip(top).take(height) {
        let number = if query.is_empty() && i < p.recent.len() {
            format!("{} ", i + 1)
        } else {
            "  ".into()
        };
        let check = if p.has.contains(id) { "✓ " } else { "  " };
        let label = app.session.project().codebook.path_label(*id);
        let style = if i == p.selected {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let colour = app
            .session
            .project()
            .codebook
            .get(*id)
            .map(|n| n.colour.clone())
            .unwrap_or_default();
        lines.push(Line::from(vec![
            Span::styled(number, app.theme.accent()),
            Span::styled(check, style),
            Span::styled("● ", app.theme.code(&colour).patch(style)),
            Span::styled(
                ellipsize(&label, (list.width as usize).saturating_sub(6)),
                style,
            ),
        ]));
    }
    f.render_widget(Paragraph::new(lines), list);
}
