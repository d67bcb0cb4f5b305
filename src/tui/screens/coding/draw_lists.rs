//! The meaning-units pane and the code-tree pane: windowed lists that draw only the
//! rows that fit.

use crate::text;
use crate::tui::app::App;
use crate::tui::screens::coding::Pane;
use crate::tui::widgets::list::{ellipsize, empty_pane};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Draws the meaning-units pane.
pub fn draw_units(f: &mut Frame, app: &App, area: Rect) {
    let focused = app.coding.focus == Pane::Units;
    let count = app.shown_units().len();
    let title = match app
        .coding
        .unit_filter
        .and_then(|id| app.session.project().codebook.get(id))
    {
        Some(n) => format!(" Units ({count}) · {} ", n.name),
        None => format!(" Units ({count}) "),
    };
    let block = Block::bordered()
        .title(title)
        .border_style(app.theme.border(focused));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let per_page = app.coding.list_heights.0;
    if count == 0 {
        let msg = if app.coding.unit_filter.is_some() {
            "No units carry this code yet."
        } else {
            "No meaning units here yet.\n\nIn the transcript: v selects, a codes."
        };
        empty_pane(f, app, msg, inner);
        return;
    }
    let sel = app.shown_unit_index();
    let width = inner.width as usize;
    let mut lines = Vec::new();
    // Only the visible rows are looked at, each by its position: no search.
    let units = app.session.project().units_of(app.session.coder());
    for (i, &pos) in app
        .shown_units()
        .iter()
        .enumerate()
        .skip(app.coding.unit_top)
        .take(per_page)
    {
        let Some(u) = units.get(pos) else {
            continue;
        };
        let codes: Vec<&str> = u
            .codes
            .iter()
            .filter_map(|c| {
                app.session
                    .project()
                    .codebook
                    .get(*c)
                    .map(|n| n.name.as_str())
            })
            .collect();
        let speakers = app.session.project().speakers_of(u);
        let who = if speakers.is_empty() {
            "·".to_string()
        } else {
            speakers.join(", ")
        };
        let note = if u.note.is_empty() { "" } else { " ✎" };
        let codes = if codes.is_empty() {
            "(no code)".to_string()
        } else {
            codes.join(", ")
        };
        // Open comment threads first, so a narrow pane keeps the mark.
        let mark = app.thread_mark(&crate::model::Target::Unit {
            owner: app.session.coder().to_string(),
            id: u.id,
        });
        let mark = if mark.is_empty() {
            mark
        } else {
            format!("{mark} ")
        };
        let head = ellipsize(&format!("{mark}{who} · {codes}{note}"), width);
        let quote = ellipsize(app.session.project().quote(u), width);
        let mut style = Style::new();
        if i == sel {
            style = app.theme.list_cursor(focused);
        }
        let who_style = app.theme.accent().patch(style);
        lines.push(Line::from(Span::styled(
            format!("{head:<width$}"),
            who_style,
        )));
        lines.push(Line::from(Span::styled(format!("{quote:<width$}"), style)));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// Draws the code-tree pane.
pub fn draw_tree(f: &mut Frame, app: &App, area: Rect) {
    let focused = app.coding.focus == Pane::Tree;
    let rows = app.tree_rows();
    let read_only = if app.session.tree_held_by().is_some() {
        " · read-only"
    } else {
        ""
    };
    let title = if app.coding.tree_filter.is_empty() {
        format!(
            " Code tree ({}){read_only} ",
            app.session.project().codebook.len()
        )
    } else {
        format!(" Codes matching {:?} ", app.coding.tree_filter)
    };
    let mut block = Block::bordered()
        .title(title)
        .border_style(app.theme.border(focused));
    // Who made the selected code and who changed it last (as its file records).
    if focused
        && let Some(r) = app
            .coding
            .tree_sel
            .and_then(|id| app.session.project().records.codes.get(&id))
    {
        let who = r.provenance();
        if !who.is_empty() {
            let room = area.width.saturating_sub(4) as usize;
            block = block.title_bottom(format!(" {} ", crate::text::ellipsize(&who, room)));
        }
    }
    let inner = block.inner(area);
    f.render_widget(block, area);
    let height = app.coding.list_heights.1;
    if rows.is_empty() {
        let msg = if app.coding.tree_filter.is_empty() {
            "No codes yet.\n\nn makes one here, or type a new name in the code picker."
        } else {
            "No code matches."
        };
        empty_pane(f, app, msg, inner);
        return;
    }
    let sel = app.tree_index(&rows);
    let width = inner.width as usize;
    let mut lines = Vec::new();
    for (i, (depth, id)) in rows
        .iter()
        .enumerate()
        .skip(app.coding.tree_top)
        .take(height)
    {
        let Some(node) = app.session.project().codebook.get(*id) else {
            continue;
        };
        // Units coded here or anywhere below.
        let count = app
            .code_counts()
            .and_then(|c| c.get(id))
            .map_or(0, |c| c.1)
            .to_string();
        // Without colour these still read: merging, filtering, folded.
        let marker = if app.coding.merge_mark == Some(*id) {
            "»"
        } else if app.coding.unit_filter == Some(*id) {
            "▶"
        } else if app.coding.folded.contains(id) && !node.children.is_empty() {
            "▸"
        } else {
            "●"
        };
        let indent = "  ".repeat(*depth);
        let threads = app.thread_mark(&crate::model::Target::Code(*id));
        let count = if threads.is_empty() {
            count
        } else {
            format!("{threads} {count}")
        };
        let name_width = width.saturating_sub(indent.len() + 2 + text::width(&count) + 1);
        let name = ellipsize(&node.name, name_width);
        let pad = name_width.saturating_sub(text::width(&name));
        let mut style = Style::new();
        if i == sel {
            style = app.theme.list_cursor(focused);
        }
        if *depth == 0 {
            style = style.add_modifier(Modifier::BOLD);
        }
        lines.push(Line::from(vec![
            Span::styled(indent, style),
            Span::styled(
                format!("{marker} "),
                app.theme.code(&node.colour).patch(style),
            ),
            Span::styled(format!("{name}{} ", " ".repeat(pad)), style),
            Span::styled(count, app.theme.muted().patch(style)),
        ]));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
