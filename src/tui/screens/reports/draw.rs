//! Drawing view 7: a table whose cells carry a bar and a count (bars are characters, so
//! they read without colour), the selected cell in reverse video, and the opened cell's
//! meaning units below. Only the rows and columns in sight are drawn.

use super::update::kind_name;
use super::{Data, Pane, TOTAL_WIDTH};
use crate::derived::report::{Coverage, Report};
use crate::tui::app::App;
use crate::tui::widgets::list::{ellipsize, empty_pane, inner};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Draws view 7 in the areas the layout step set.
pub fn draw(f: &mut Frame, app: &App, _body: Rect) {
    let s = &app.reports;
    let [table, units] = s.areas;
    let focused = s.focus == Pane::Table;
    let whose = match s.data() {
        Some(Data::Table(r)) => whose(&r.coders),
        Some(Data::Coverage(c)) => whose(&c.coders),
        None => String::new(),
    };
    let title = format!("7 Reports: {} · {whose}", kind_name(s.kind()));
    let block = Block::bordered()
        .title(format!(
            " {} ",
            ellipsize(&title, table.width.saturating_sub(4) as usize)
        ))
        .border_style(app.theme.border(focused));
    f.render_widget(block, table);
    let area = inner(table);
    match s.data() {
        Some(Data::Table(r)) if r.rows.is_empty() => empty_pane(
            f,
            app,
            "The code tree is empty: reports count meaning units per code. Make codes in \
             view 2 (code tree: n) and code some passages.",
            area,
        ),
        Some(Data::Table(r)) => draw_table(f, app, r, area),
        Some(Data::Coverage(c)) => draw_coverage(f, app, c, area),
        None => {}
    }
    if s.opened.is_some() {
        draw_units(f, app, units);
    }
}

fn whose(coders: &[String]) -> String {
    match coders {
        [] => "no meaning units yet".into(),
        [one] => format!("{one}'s units"),
        many => format!("everyone's units ({})", many.join(", ")),
    }
}

/// A cell, exactly `width` cells: a bar in proportion to the largest cell, and the
/// count (`·` for none).
fn cell_text(units: usize, max: usize, width: usize) -> String {
    let digits = max.max(1).to_string().len();
    let bar_room = width.saturating_sub(digits + 2);
    let filled = if max == 0 {
        0
    } else {
        (units * bar_room).div_ceil(max).min(bar_room)
    };
    let bar = "█".repeat(filled) + &" ".repeat(bar_room - filled);
    let count = if units == 0 {
        "·".to_string()
    } else {
        units.to_string()
    };
    format!(" {bar} {count:>digits$}")
}

fn pad(s: &str, width: usize) -> String {
    let s = ellipsize(s, width);
    let gap = width.saturating_sub(crate::text::width(&s));
    s + &" ".repeat(gap)
}

fn draw_table(f: &mut Frame, app: &App, r: &Report, area: Rect) {
    let s = &app.reports;
    let focused = s.focus == Pane::Table;
    let co = r.by == "cooccurrence";
    let max = r.max_units();
    let cols = s.col_left..(s.col_left + s.cols_shown).min(r.columns.len());
    // Which columns are in sight, so that more to the side is never a surprise.
    let sight = if cols.len() < r.columns.len() {
        format!(
            "{}columns {}–{} of {}{} (h/l) · ",
            if s.col_left > 0 { "← " } else { "" },
            cols.start + 1,
            cols.end,
            r.columns.len(),
            if cols.end < r.columns.len() {
                " →"
            } else {
                ""
            }
        )
    } else {
        String::new()
    };
    let mut lines: Vec<Line> = vec![Line::styled(
        ellipsize(
            &format!(
                "{sight}cells: meaning units; a unit counts in each column a speaker of it \
                 belongs to"
            ),
            area.width as usize,
        ),
        app.theme.muted(),
    )];
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut head = vec![Span::styled(pad("Code", s.label_width), bold)];
    for c in cols.clone() {
        let name = if co {
            format!("#{}", c + 1)
        } else {
            r.columns[c].clone()
        };
        let style = if c == s.col {
            bold.add_modifier(Modifier::UNDERLINED)
        } else {
            bold
        };
        let w = s.cell_width;
        let text = ellipsize(&name, w - 1);
        let gap = w.saturating_sub(crate::text::width(&text));
        head.push(Span::styled(format!("{}{text}", " ".repeat(gap)), style));
    }
    head.push(Span::styled(format!("{:>TOTAL_WIDTH$}", "total"), bold));
    lines.push(Line::from(head));
    let end = (s.row_top + s.rows_shown).min(r.rows.len());
    for (i, row) in r.rows.iter().enumerate().take(end).skip(s.row_top) {
        let number = if co {
            format!("#{} ", i + 1)
        } else {
            String::new()
        };
        let indent = (2 * row.depth).min(s.label_width / 2);
        let label = format!("{number}{}", row.name);
        let mut spans = vec![Span::styled(
            " ".repeat(indent) + &pad(&label, s.label_width - indent),
            if i == s.row { bold } else { Style::new() },
        )];
        for c in cols.clone() {
            let units = row.cells[c].units;
            let style = if i == s.row && c == s.col {
                app.theme.list_cursor(focused)
            } else if units == 0 {
                app.theme.muted()
            } else {
                app.theme.accent()
            };
            spans.push(Span::styled(cell_text(units, max, s.cell_width), style));
        }
        spans.push(Span::raw(format!(
            "{:>TOTAL_WIDTH$}",
            row.total.units.to_string()
        )));
        lines.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(lines), area);
    // The selected cell in words, on the pane's lower border.
    if let Some(row) = r.rows.get(s.row) {
        let c = row.cells.get(s.col).copied().unwrap_or_default();
        let column = r.columns.get(s.col).cloned().unwrap_or_default();
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let text = format!(
            " {} × {column}: {} unit{}, {} participant{}, {} words ",
            row.name,
            c.units,
            plural(c.units),
            c.participants,
            plural(c.participants),
            c.words
        );
        let at = Rect {
            y: area.y + area.height,
            height: 1,
            ..area
        };
        f.render_widget(
            Paragraph::new(ellipsize(&text, at.width as usize)).style(app.theme.muted()),
            at,
        );
    }
}

fn draw_coverage(f: &mut Frame, app: &App, c: &Coverage, area: Rect) {
    let s = &app.reports;
    let focused = s.focus == Pane::Table;
    let mut lines = vec![
        Line::styled(
            ellipsize(
                "share of the speaker turns' characters that meaning units cover",
                area.width as usize,
            ),
            app.theme.muted(),
        ),
        Line::styled(
            format!("{}coverage", pad("Transcript", s.label_width)),
            Style::new().add_modifier(Modifier::BOLD),
        ),
    ];
    // The figures after the bar take about 34 cells.
    let bar_room = (area.width as usize)
        .saturating_sub(s.label_width + 34)
        .clamp(5, 40);
    let end = (s.row_top + s.rows_shown).min(c.transcripts.len());
    for (i, row) in c.transcripts.iter().enumerate().take(end).skip(s.row_top) {
        let filled = ((row.share * bar_room as f64).round() as usize).min(bar_room);
        let bar = "█".repeat(filled) + &"·".repeat(bar_room - filled);
        let style = if i == s.row {
            app.theme.list_cursor(focused)
        } else {
            app.theme.accent()
        };
        let mut spans = vec![
            Span::raw(pad(&row.transcript, s.label_width.saturating_sub(1)) + " "),
            Span::styled(bar, style),
            Span::raw(format!(
                " {:>5.1} %  {} of {} characters",
                row.share * 100.0,
                row.coded,
                row.characters
            )),
        ];
        for (coder, share) in &row.by_coder {
            spans.push(Span::styled(
                format!("  {coder} {:.0} %", share * 100.0),
                app.theme.muted(),
            ));
        }
        lines.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(lines), area);
}

fn draw_units(f: &mut Frame, app: &App, area: Rect) {
    let s = &app.reports;
    let Some(list) = &s.opened else { return };
    let focused = s.focus == Pane::Units;
    let block = Block::bordered()
        .title(format!(" The cell's meaning units ({}) ", list.len()))
        .border_style(app.theme.border(focused));
    f.render_widget(block, area);
    let inside = inner(area);
    let project = app.session.project();
    let width = inside.width as usize;
    let end = (s.unit_top + s.units_shown).min(list.len());
    let mut lines = Vec::new();
    for (i, (coder, id)) in list.iter().enumerate().take(end).skip(s.unit_top) {
        let Some(u) = project.unit(coder, *id) else {
            lines.push(Line::styled("(no longer there)", app.theme.muted()));
            continue;
        };
        let t = project
            .transcript(u.transcript)
            .map_or("", |t| t.name.as_str());
        let who = project.participant_names_of(u).join(", ");
        let text = format!("{coder} · {t} · {who} · “{}”", project.quote(u));
        let style = if i == s.unit_sel {
            app.theme.list_cursor(focused)
        } else {
            Style::new()
        };
        lines.push(Line::styled(ellipsize(&text, width), style));
    }
    f.render_widget(Paragraph::new(lines), inside);
}
