//! View 4 (Synthesis)'s own panes: a subgroup's condensate and golden quote
//! (read-only) and its analytic text; a code group's result heading and validation.

use super::draw::{condensate_of, located, wrapped};
use crate::derived::{guidance, stc};
use crate::model::TextField;
use crate::tui::app::App;
use crate::tui::screens::groups::FormRow;
use crate::tui::widgets::list::ellipsize;
use crate::tui::widgets::text_pane::{self, TextPane, plain};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// The analytic-text pane of a subgroup, with its note when it reads as first person.
pub(super) fn analytic_pane(
    app: &App,
    subgroup: crate::model::CodeId,
    focused: bool,
) -> TextPane<'static> {
    let field = TextField::AnalyticText(subgroup);
    let text = app
        .session
        .project()
        .analysis_of(app.whose())
        .text(field)
        .to_string();
    let notes = guidance::analytic_note(&text).into_iter().collect();
    TextPane {
        title: " Analytic text (third person) ".into(),
        field: Some(field),
        body: plain(&text),
        placeholder: "Describe, in your own voice and the third person, what this \
                          subgroup tells about the research question (\"Most \
                          participants described …\").\n\ne writes here.",
        notes,
        focused,
    }
}

fn golden_lines(app: &App, subgroup: crate::model::CodeId) -> Vec<Line<'static>> {
    let a = app.session.project().analysis_of(app.whose());
    match (
        a.subgroup(subgroup).and_then(|s| s.golden_quote),
        stc::golden_quote(app.session.project(), app.whose(), subgroup),
    ) {
        (_, Some(u)) => vec![
            Line::from(Span::styled(
                format!("★ Golden quote · {}", located(app, u)),
                app.theme.accent(),
            )),
            Line::from(format!("«{}»", app.session.project().quote(u).trim())),
        ],
        (Some(_), None) => vec![Line::from(Span::styled(
            app.advice(
                "★ The golden quote is no longer one of this subgroup's units: choose another \
                 (*).",
                "★ The golden quote is no longer one of this subgroup's units.",
            ),
            app.theme.error(),
        ))],
        (None, None) => vec![Line::from(Span::styled(
            app.advice(
                "No golden quote yet: * on one of the units in view 3 chooses it.",
                "No golden quote yet.",
            ),
            app.theme.muted(),
        ))],
    }
}

pub(super) fn draw_condensate_read_only(
    f: &mut Frame,
    app: &App,
    area: Rect,
    subgroup: crate::model::CodeId,
    focused: bool,
) {
    let text = condensate_of(app, subgroup);
    let mut body = if text.trim().is_empty() {
        Text::from(Line::from(Span::styled(
            app.advice(
                "No condensate yet: write it in view 3.",
                "No condensate yet.",
            ),
            app.theme.muted(),
        )))
    } else {
        plain(&text)
    };
    body.lines.push(Line::default());
    body.lines.extend(golden_lines(app, subgroup));
    let block = Block::bordered()
        .title(" Condensate and golden quote (read-only) ")
        .border_style(app.theme.border(focused));
    f.render_widget(
        Paragraph::new(body).block(block).wrap(Wrap { trim: false }),
        area,
    );
}

pub(super) fn draw_form(
    f: &mut Frame,
    app: &App,
    area: Rect,
    group: crate::model::CodeId,
    focused: bool,
) {
    let [heading_area, rest] =
        Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
    let work = app
        .session
        .project()
        .analysis_of(app.whose())
        .group(group)
        .cloned()
        .unwrap_or_default();
    let rows = app.form_rows();
    let sel = app.groups.form_sel.min(rows.len().saturating_sub(1));
    let cursor = |r: FormRow, app: &App| {
        if focused && rows.get(sel) == Some(&r) {
            app.theme.list_cursor(true)
        } else {
            Style::new()
        }
    };
    // The heading: one line, edited in place.
    let heading_field = TextField::ResultHeading(group);
    if app
        .editor
        .as_ref()
        .is_some_and(|e| e.field == Some(heading_field))
    {
        text_pane::draw(
            f,
            app,
            heading_area,
            TextPane {
                title: " Result heading ".into(),
                field: Some(heading_field),
                body: Text::default(),
                placeholder: "",
                notes: Vec::new(),
                focused: true,
            },
            0,
        );
    } else {
        let shown = if work.result_heading.is_empty() {
            Span::styled(
                "(none yet: the informative heading for the article)",
                app.theme.muted(),
            )
        } else {
            Span::raw(work.result_heading.clone())
        };
        let block = Block::bordered()
            .title(" Result heading ")
            .border_style(app.theme.border(focused && sel == 0));
        f.render_widget(
            Paragraph::new(Line::from(shown))
                .style(cursor(FormRow::Heading, app))
                .block(block),
            heading_area,
        );
    }
    let v = &work.validation;
    let note_field = TextField::ValidationNote(group);
    let title = match v.date {
        Some(d) => format!(" Validation · {} ", d.to_string().get(..10).unwrap_or("")),
        None => " Validation: not yet ".into(),
    };
    if app
        .editor
        .as_ref()
        .is_some_and(|e| e.field == Some(note_field))
    {
        text_pane::draw(
            f,
            app,
            rest,
            TextPane {
                title,
                field: Some(note_field),
                body: Text::default(),
                placeholder: "",
                notes: Vec::new(),
                focused: true,
            },
            0,
        );
        return;
    }
    // One screen row per line (the note shows its first three rows), so the selected
    // row can be kept in sight when the transcripts run past the pane.
    let width = rest.width.saturating_sub(2) as usize;
    let note = if v.note.is_empty() {
        "(e: what re-reading showed; how the results hold against the data)".to_string()
    } else {
        v.note.clone()
    };
    let mut lines = vec![Line::from(Span::styled("Note", app.theme.muted()))];
    let mut selected_line = 0;
    for l in wrapped(&note, width, 3) {
        if sel == 1 && selected_line == 0 {
            selected_line = lines.len();
        }
        lines.push(Line::from(Span::styled(l, cursor(FormRow::Note, app))));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        ellipsize(
            "Transcripts re-read against the synthesis (Space ticks)",
            width,
        ),
        app.theme.muted(),
    )));
    for (i, t) in app.session.project().transcripts.iter().enumerate() {
        let tick = if v.reread.contains(&t.id) {
            "[x]"
        } else {
            "[ ]"
        };
        if rows.get(sel) == Some(&FormRow::Transcript(i)) {
            selected_line = lines.len();
        }
        lines.push(Line::from(Span::styled(
            ellipsize(&format!("{tick} {}", t.name), width),
            cursor(FormRow::Transcript(i), app),
        )));
    }
    lines.push(Line::default());
    let n = v.contradicting.len();
    lines.push(Line::from(Span::styled(
        ellipsize(
            &format!(
                "⚑ {n} unit{} flagged as contradicting (x in the units list)",
                if n == 1 { "" } else { "s" }
            ),
            width,
        ),
        app.theme.muted(),
    )));
    let height = rest.height.saturating_sub(2) as usize;
    let offset = (selected_line + 1).saturating_sub(height) as u16;
    let block = Block::bordered()
        .title(title)
        .border_style(app.theme.border(focused && sel > 0));
    f.render_widget(
        Paragraph::new(Text::from(lines))
            .block(block)
            .scroll((offset, 0)),
        rest,
    );
}
