//! Views 3 (Condensation) and 4 (Synthesis): their layout, the code groups on the left
//! and the meaning units lifted out of context in the middle; view 3's condensate and
//! notes on the right. View 4's own panes are in `synthesis.rs`.

use super::synthesis;
use crate::derived::{guidance, stc};
use crate::model::time::clock;
use crate::model::{MeaningUnit, TextField};
use crate::text;
use crate::tui::app::App;
use crate::tui::screens::Side;
use crate::tui::screens::View;
use crate::tui::widgets::list::ellipsize;
use crate::tui::widgets::text_pane::{self, TextPane, plain};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// The three panes of views 3 and 4 in `body`.
pub fn pane_areas(body: Rect) -> [Rect; 3] {
    Layout::horizontal([
        Constraint::Percentage(30),
        Constraint::Percentage(36),
        Constraint::Percentage(34),
    ])
    .areas(body)
}

/// The text pane on the right of view 3, or of view 4 on a subgroup, as it stands.
pub(in crate::tui) fn right_text_pane(app: &App) -> Option<TextPane<'static>> {
    let r = app.selected_row()?;
    let focused = app.groups.side == Side::Right;
    Some(match (app.view, r.depth) {
        (View::Condensation, 1) => condensate_pane(app, r.id, focused),
        (View::Condensation, _) => group_notes_pane(app, r.id, focused),
        (_, 1) => synthesis::analytic_pane(app, r.id, focused),
        _ => return None,
    })
}

/// Draws view 3 or 4 in the areas the layout step set.
pub fn draw(f: &mut Frame, app: &App, _area: Rect) {
    let [left, middle, right] = app.groups.areas;
    draw_groups(f, app, left);
    let row = app.selected_row();
    let side = app.groups.side;
    match (app.view, row) {
        (_, None) => {
            let msg = "No code groups yet.\n\nCode groups are the top level of the code tree, \
                       subgroups the level below. Make them in view 2 (code tree: n), or \
                       from a preliminary theme in view 1 (c).";
            let block = Block::bordered().border_style(app.theme.border(false));
            f.render_widget(
                Paragraph::new(msg)
                    .style(app.theme.muted())
                    .wrap(Wrap { trim: false })
                    .block(block),
                middle.union(right),
            );
        }
        (View::Condensation, Some(r)) => {
            draw_lifted(f, app, middle, side == Side::Middle);
            let pane = right_text_pane(app).unwrap_or_else(|| group_notes_pane(app, r.id, false));
            text_pane::draw(f, app, right, pane, app.groups.scroll);
        }
        (_, Some(r)) if r.depth == 1 => {
            synthesis::draw_condensate_read_only(f, app, middle, r.id, side == Side::Middle);
            let pane = synthesis::analytic_pane(app, r.id, side == Side::Right);
            text_pane::draw(f, app, right, pane, app.groups.scroll);
        }
        (_, Some(r)) => {
            draw_lifted(f, app, middle, side == Side::Middle);
            synthesis::draw_form(f, app, right, r.id, side == Side::Right);
        }
    }
}

fn draw_groups(f: &mut Frame, app: &App, area: Rect) {
    let focused = app.groups.side == Side::Left;
    let rows = stc::group_rows(app.session.project());
    let block = Block::bordered()
        .title(" Code groups ")
        .border_style(app.theme.border(focused));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let height = app.groups.list_heights.0;
    if rows.is_empty() {
        return;
    }
    let sel_id = app.selected_row().map(|r| r.id);
    let sel = rows.iter().position(|r| Some(r.id) == sel_id).unwrap_or(0);
    let top = sel.saturating_sub(height.saturating_sub(1));
    let width = inner.width as usize;
    let a = app.session.project().analysis_of(app.whose());
    let mut lines = Vec::new();
    for (i, r) in rows.iter().enumerate().skip(top).take(height) {
        let Some(node) = app.session.project().codebook.get(r.id) else {
            continue;
        };
        let count = app
            .code_counts()
            .and_then(|c| c.get(&r.id))
            .map_or(0, |c| c.1);
        let marks = if r.depth == 1 {
            let work = a.subgroup(r.id);
            let text = match app.view {
                View::Condensation => work.map_or("", |w| w.condensate.as_str()),
                _ => work.map_or("", |w| w.analytic_text.as_str()),
            };
            let written = if text.trim().is_empty() { "·" } else { "✎" };
            let golden = if work.is_some_and(|w| w.golden_quote.is_some()) {
                "★"
            } else {
                "·"
            };
            format!(" {count} {written}{golden}")
        } else {
            format!(" {count}")
        };
        let indent = if r.depth == 0 { "" } else { "  " };
        let name_width = width.saturating_sub(indent.len() + text::width(&marks));
        let name = ellipsize(&node.name, name_width);
        let pad = name_width.saturating_sub(text::width(&name));
        let mut style = Style::new();
        if i == sel {
            style = app.theme.list_cursor(focused);
        }
        if r.depth == 0 {
            style = style.add_modifier(Modifier::BOLD);
        }
        lines.push(Line::from(vec![
            Span::styled(format!("{indent}{name}{}", " ".repeat(pad)), style),
            Span::styled(marks, app.theme.muted().patch(style)),
        ]));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// The unit's codes below the selected row, as ` · ‹code›` (nothing when none): codes
/// at a third level would otherwise vanish in views 3 and 4.
fn codes_below(app: &App, u: &MeaningUnit, row: Option<crate::model::CodeId>) -> String {
    let Some(row) = row else {
        return String::new();
    };
    let book = &app.session.project().codebook;
    let names: Vec<String> = u
        .codes
        .iter()
        .filter(|c| **c != row && book.is_within(**c, row))
        .filter_map(|c| book.get(*c).map(|n| format!("‹{}›", n.name)))
        .collect();
    if names.is_empty() {
        String::new()
    } else {
        format!(" · {}", names.join(" "))
    }
}

/// Where a unit was said: `P3 · focus group 2 · 00:12:34`.
pub(super) fn located(app: &App, u: &MeaningUnit) -> String {
    let speakers = app.session.project().participant_names_of(u);
    let mut parts = vec![if speakers.is_empty() {
        "(unattributed)".to_string()
    } else {
        speakers.join(", ")
    }];
    if let Some(t) = app.session.project().transcript(u.transcript) {
        parts.push(t.name.clone());
        if let Some(ms) = t
            .turns
            .get(t.turn_at(u.start))
            .and_then(|turn| turn.start_ms)
        {
            parts.push(clock(ms));
        }
    }
    parts.join(" · ")
}

/// Up to `max` wrapped lines of `s` in `width` cells, the last cut with `…`.
pub(super) fn wrapped(s: &str, width: usize, max: usize) -> Vec<String> {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let rows = text::wrap(&flat, width.max(1));
    let mut out: Vec<String> = rows
        .iter()
        .take(max)
        .map(|r| flat.get(r.clone()).unwrap_or("").trim_end().to_string())
        .collect();
    if rows.len() > max
        && let Some(last) = out.last_mut()
    {
        *last = ellipsize(&format!("{last} …"), width);
    }
    out
}

fn draw_lifted(f: &mut Frame, app: &App, area: Rect, focused: bool) {
    let row = app.selected_row();
    let (title, empty) = match (app.view, row) {
        (View::Condensation, Some(r)) if r.depth == 1 => (
            "Meaning units",
            "No meaning units in this subgroup yet: code passages with it (or a code below it) in view 2.",
        ),
        (View::Condensation, _) => (
            "Not yet in a subgroup",
            "Every unit of this code group is in a subgroup.",
        ),
        _ => ("Units of the group", "No meaning units in this code group."),
    };
    let count = app.lifted().len();
    let only = app
        .groups
        .code_filter
        .and_then(|c| app.session.project().codebook.get(c))
        .map_or(String::new(), |n| format!("· only {} ", n.name));
    let block = Block::bordered()
        .title(format!(" {title} ({count}) {only}"))
        .title_bottom(if app.view == View::Synthesis && focused {
            " x: contradicts the synthesis ⚑ "
        } else {
            ""
        })
        .border_style(app.theme.border(focused));
    let inner = block.inner(area);
    f.render_widget(block, area);
    if count == 0 {
        f.render_widget(
            Paragraph::new(empty)
                .style(app.theme.muted())
                .wrap(Wrap { trim: false }),
            inner,
        );
        return;
    }
    let width = inner.width as usize;
    let height = inner.height as usize;
    let quote_lines = if height >= 16 { 3 } else { 2 };
    let per_page = app.groups.list_heights.1;
    let sel = app.groups.lifted_sel.min(count - 1);
    let a = app.session.project().analysis_of(app.whose());
    let golden = row
        .and_then(|r| a.subgroup(r.id))
        .and_then(|s| s.golden_quote);
    let more: &[crate::model::UnitId] = row
        .and_then(|r| a.subgroup(r.id))
        .map_or(&[], |s| s.more_quotes.as_slice());
    let flagged: &[crate::model::UnitId] = row
        .and_then(|r| a.group(r.group))
        .map_or(&[], |g| g.validation.contradicting.as_slice());
    // Only the rows in sight are looked at, each by its position.
    let all = app.session.project().units_of(app.whose());
    let visible = app
        .lifted()
        .iter()
        .enumerate()
        .skip(app.groups.lifted_top)
        .take(per_page)
        .filter_map(|(i, &p)| all.get(p).map(|u| (i, u)));
    let mut lines: Vec<Line> = Vec::new();
    for (i, u) in visible {
        let mut style = Style::new();
        if i == sel {
            style = app.theme.list_cursor(focused);
        }
        let mark = match (golden == Some(u.id), flagged.contains(&u.id)) {
            (true, _) => "★ ",
            (_, true) => "⚑ ",
            _ if more.contains(&u.id) => "❝ ",
            _ => "",
        };
        let below = codes_below(app, u, row.map(|r| r.id));
        let head = ellipsize(&format!("{mark}{}{below}", located(app, u)), width);
        let pad = width.saturating_sub(text::width(&head));
        lines.push(Line::from(Span::styled(
            format!("{head}{}", " ".repeat(pad)),
            app.theme.accent().patch(style),
        )));
        for l in wrapped(
            app.session.project().quote(u),
            width.saturating_sub(2),
            quote_lines,
        ) {
            let pad = width.saturating_sub(text::width(&l) + 2);
            lines.push(Line::from(Span::styled(
                format!("  {l}{}", " ".repeat(pad)),
                style,
            )));
        }
        lines.push(Line::default());
    }
    f.render_widget(Paragraph::new(Text::from(lines)), inner);
}

/// The coder's condensate of a subgroup ("" when none is written).
pub(super) fn condensate_of(app: &App, subgroup: crate::model::CodeId) -> String {
    app.session
        .project()
        .analysis_of(app.whose())
        .text(TextField::Condensate(subgroup))
        .to_string()
}

/// View 3's condensate pane of a subgroup, with its notes.
fn condensate_pane(app: &App, subgroup: crate::model::CodeId, focused: bool) -> TextPane<'static> {
    let text = condensate_of(app, subgroup);
    // In view 3 on a subgroup, the middle pane lists exactly its units.
    let units = app.lifted().len();
    let mut notes: Vec<String> = guidance::condensate_note(&text).into_iter().collect();
    notes.extend(guidance::missing_condensate_note(units, &text));
    if let Some(g) = stc::group_of(app.session.project(), subgroup) {
        let n = app
            .session
            .project()
            .codebook
            .get(g)
            .map_or(0, |n| n.children.len());
        notes.extend(guidance::subgroup_count_note(n));
    }
    TextPane {
        title: " Condensate (first person) ".into(),
        field: Some(TextField::Condensate(subgroup)),
        body: plain(&text),
        placeholder: "An artificial quotation: the meaning of this subgroup's units, \
                          told in the first person as if by one participant, in their words \
                          as far as possible.\n\ne writes here.",
        notes,
        focused,
    }
}

/// View 3's right pane on a code group: how to condense it, and its notes.
fn group_notes_pane(app: &App, group: crate::model::CodeId, focused: bool) -> TextPane<'static> {
    let n = app
        .session
        .project()
        .codebook
        .get(group)
        .map_or(0, |n| n.children.len());
    // In view 3 on a code group, the middle pane lists its units in no subgroup.
    let unsorted = app.lifted().len();
    let mut notes: Vec<String> = guidance::subgroup_count_note(n).into_iter().collect();
    if unsorted > 0 {
        notes.push(format!(
            "{unsorted} unit{} of this group {} in no subgroup yet.",
            if unsorted == 1 { "" } else { "s" },
            if unsorted == 1 { "is" } else { "are" }
        ));
    }
    let doubles = app.lifted_in_several();
    if doubles > 0 {
        notes.push(format!(
            "{doubles} unit{} in more than one subgroup of this group; STC sorts a unit \
             into one subgroup per code group.",
            if doubles == 1 { " is" } else { "s are" }
        ));
    }
    let body = plain(&format!(
        "A code group is condensed one subgroup at a time: choose a subgroup on the left \
         (j/k) to write its condensate. This group has {n} subgroup{}.",
        if n == 1 { "" } else { "s" }
    ));
    TextPane {
        title: " Condensate ".into(),
        field: None,
        body,
        placeholder: "",
        notes,
        focused,
    }
}
