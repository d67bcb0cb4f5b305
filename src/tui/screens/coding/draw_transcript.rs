//! The transcript pane: speaker column, wrapped words, coded spans, the selection and
//! search matches. Only the visible rows are laid out.

use crate::model::{UnitId, time};
use crate::text;
use crate::tui::app::App;
use crate::tui::screens::coding::{Marks as Whose, Pane};
use crate::tui::widgets::marked::{Marks, styled_row};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use std::ops::Range;

/// Draws the transcript pane.
pub fn draw(f: &mut Frame, app: &App, area: Rect) {
    let focused = app.coding.focus == Pane::Transcript;
    let n = app.session.project().transcripts.len();
    let whose = match &app.coding.marks {
        Whose::Mine => String::new(),
        Whose::Everyone => " · marks: everyone's".into(),
        Whose::Person(p) => format!(" · marks: {p}'s"),
    };
    let title = match app.session.project().transcripts.get(app.coding.tv.idx) {
        Some(t) => format!(" {} ({}/{n}){whose} ", t.name, app.coding.tv.idx + 1),
        None => " Transcript ".into(),
    };
    let block = Block::bordered()
        .title(title)
        .border_style(app.theme.border(focused));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let Some(t) = app.session.project().transcripts.get(app.coding.tv.idx) else {
        let msg = "No transcripts yet.\n\nAdd one from the shell:\n  kondens import DIR FILE.txt";
        f.render_widget(Paragraph::new(msg).style(app.theme.muted()), inner);
        return;
    };
    // The layout step worked out the rows in sight.
    let rows = &app.coding.drawn_rows;
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return;
    };
    let tv = &app.coding.tv;

    // The units that can show on screen: this transcript's, starting before the end of
    // the visible text. Units are kept sorted by transcript order, then start.
    let vis_start = t.turns[first.turn].start;
    let vis_end = t.turns[last.turn].end;
    let me = app.session.coder();
    let whose: Vec<&str> = match &app.coding.marks {
        Whose::Mine => vec![me],
        Whose::Everyone => app
            .session
            .project()
            .units
            .keys()
            .map(String::as_str)
            .collect(),
        Whose::Person(p) => vec![p.as_str()],
    };
    let order = |u: &crate::model::MeaningUnit| {
        app.session
            .project()
            .transcript_index(u.transcript)
            .unwrap_or(usize::MAX)
    };
    let mut units: Vec<(Range<usize>, UnitId)> = Vec::new();
    let mut theirs: Vec<Range<usize>> = Vec::new();
    for person in whose {
        let all = app.session.project().units_of(person);
        let lo = all.partition_point(|u| order(u) < tv.idx);
        let hi = lo + all[lo..].partition_point(|u| order(u) == tv.idx && u.start < vis_end);
        for u in all[lo..hi].iter().filter(|u| u.end > vis_start) {
            // In view of one other person alone, theirs are marked as one's own are.
            if person == me || matches!(app.coding.marks, Whose::Person(_)) {
                units.push((u.span(), u.id));
            } else {
                theirs.push(u.span());
            }
        }
    }
    let active: Option<Range<usize>> = app
        .coding
        .unit_sel
        .and_then(|id| units.iter().find(|(_, u)| *u == id).map(|(r, _)| r.clone()));
    let selection = tv.selection(t);
    let matches: &[Range<usize>] = match &app.coding.search {
        Some(s) if s.transcript == tv.idx => &s.matches,
        _ => &[],
    };
    let theme = &app.theme;
    let cursor = (focused && app.overlay.is_none()).then_some(tv.cursor);
    let gutter = tv.gutter;

    let mut lines: Vec<Line> = Vec::with_capacity(rows.len());
    for drawn in rows {
        let turn = &t.turns[drawn.turn];
        let mut spans: Vec<Span> = Vec::new();
        let label = match (drawn.row, &turn.speaker, turn.start_ms) {
            (0, Some(s), _) => Some((text::ellipsize(s, gutter), theme.speaker(s))),
            (0, None, _) => Some(("?".to_string(), theme.muted())),
            (1, _, Some(ms)) => Some((time::clock(ms), theme.muted())),
            _ => None,
        };
        let (label, style) = label.unwrap_or_default();
        let pad = gutter.saturating_sub(text::width(&label));
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" ".repeat(pad + 1)));
        if let Some(r) = &drawn.bytes {
            let ctx = Marks {
                units: &units,
                theirs: &theirs,
                active: &active,
                selection: &selection,
                matches,
                cursor,
            };
            spans.extend(styled_row(&t.text, r.clone(), &ctx, theme));
        }
        lines.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
