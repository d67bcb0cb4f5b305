//! One row of transcript text with its marks (meaning units, other people's units, the
//! selected unit, the selection, search matches, the cursor) as styled spans; the
//! transcript pane of view 2 and the passage of view 6 draw their rows with it.

use crate::model::UnitId;
use crate::text;
use crate::tui::theme::Theme;
use ratatui::style::Style;
use ratatui::text::Span;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// What is marked in the rows drawn.
pub struct Marks<'a> {
    pub units: &'a [(Range<usize>, UnitId)],
    /// Other people's units, when the transcript shows everyone's.
    pub theirs: &'a [Range<usize>],
    pub active: &'a Option<Range<usize>>,
    pub selection: &'a Option<Range<usize>>,
    pub matches: &'a [Range<usize>],
    pub cursor: Option<usize>,
}

fn style_at(i: usize, m: &Marks, theme: &Theme) -> Style {
    let coverage = m.units.iter().filter(|(r, _)| r.contains(&i)).count();
    let mut style = match coverage {
        0 => Style::new(),
        1 => theme.coded(),
        _ => theme.overlap(),
    };
    if m.theirs.iter().any(|r| r.contains(&i)) {
        style = style.patch(theme.others());
    }
    if m.active.as_ref().is_some_and(|r| r.contains(&i)) {
        style = style.patch(theme.active_unit());
    }
    let k = m.matches.partition_point(|r| r.end <= i);
    if m.matches.get(k).is_some_and(|r| r.contains(&i)) {
        style = style.patch(theme.matched());
    }
    if m.selection.as_ref().is_some_and(|r| r.contains(&i)) || m.cursor == Some(i) {
        style = style.patch(theme.selection());
    }
    style
}

/// One row's words, split into spans of equal style.
pub fn styled_row<'a>(text: &'a str, row: Range<usize>, m: &Marks, theme: &Theme) -> Vec<Span<'a>> {
    let slice = &text[row.clone()];
    let mut out: Vec<Span> = Vec::new();
    let mut run_start = 0;
    let mut run_style: Option<Style> = None;
    for (i, g) in slice.grapheme_indices(true) {
        let style = style_at(row.start + i, m, theme);
        if run_style != Some(style) {
            if let Some(s) = run_style {
                out.push(Span::styled(clean(&slice[run_start..i]), s));
            }
            run_start = i;
            run_style = Some(style);
        }
        let _ = g;
    }
    if let Some(s) = run_style {
        out.push(Span::styled(clean(&slice[run_start..]), s));
    }
    if slice.is_empty() && m.cursor == Some(row.start) {
        out.push(Span::styled(" ", theme.selection()));
    }
    out
}

/// Tabs and other control characters would upset the layout: show them as spaces; a
/// sequence terminals draw at different widths is drawn as its first character (the
/// rows were measured that way).
fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    let s = text::for_display(s);
    if s.chars().any(char::is_control) {
        s.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
            .into()
    } else {
        s
    }
}
