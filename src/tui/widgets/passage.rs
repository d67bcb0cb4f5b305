//! A passage drawn in its turns with people's spans marked (mine as in view 2, other
//! people's as they are there, both where they overlap), and a little of the words
//! around it. Only the rows that fit are laid out, so a passage in a 20,000-word turn
//! costs the pane, not the turn. View 6 shows where two people differ with it, view 5
//! what a thread on a unit or passage is about.

use crate::model::{Transcript, UnitId};
use crate::text;
use crate::tui::theme::Theme;
use crate::tui::widgets::marked::{Marks, styled_row};
use ratatui::text::{Line, Span};
use std::ops::Range;

/// How many bytes of the words around the passage are shown, before and after.
const CONTEXT: usize = 160;

/// The speaker column's widest label.
const GUTTER_MAX: usize = 12;

/// The passage `span` of `t`, with `mine` (my units) and `theirs` (others' spans)
/// marked, at most `rows` rows of `width` cells.
pub fn lines<'a>(
    t: &'a Transcript,
    span: Range<usize>,
    mine: &[(Range<usize>, UnitId)],
    theirs: &[Range<usize>],
    theme: &Theme,
    (width, rows): (usize, usize),
) -> Vec<Line<'a>> {
    let marks = Marks {
        units: mine,
        theirs,
        active: &None,
        selection: &None,
        matches: &[],
        cursor: None,
    };
    let Some(last_byte) = span.end.checked_sub(1) else {
        return Vec::new();
    };
    if t.turns.is_empty() || t.text.get(span.clone()).is_none() {
        return Vec::new();
    }
    let (first, last) = (t.turn_at(span.start), t.turn_at(last_byte));
    let gutter = t.turns[first..=last.min(t.turns.len().saturating_sub(1))]
        .iter()
        .filter_map(|turn| turn.speaker.as_deref().map(text::width))
        .max()
        .unwrap_or(1)
        .min(GUTTER_MAX);
    // Room for the label column, a space, and "… " / " …" where the words are cut.
    let wrap_width = width.saturating_sub(gutter + 3).max(8);
    let mut out: Vec<Line> = Vec::new();
    for (i, turn) in t.turns.iter().enumerate().take(last + 1).skip(first) {
        if out.len() >= rows {
            break;
        }
        if i > first {
            out.push(Line::from(""));
        }
        let mut from = turn.start;
        if i == first && span.start > turn.start + CONTEXT {
            from = word_after(&t.text, span.start - CONTEXT).min(span.start);
        }
        let mut to = turn.end;
        if i == last && span.end + CONTEXT < turn.end {
            to = word_before(&t.text, span.end + CONTEXT).max(span.end);
        }
        // No more words than the rows left could show.
        let room = (rows - out.len()) * wrap_width * 4;
        let to_shown = if to - from > room {
            text::floor_boundary(&t.text, from + room)
        } else {
            to
        };
        let Some(words) = t.text.get(from..to_shown) else {
            continue;
        };
        let wrapped = text::wrap(words, wrap_width);
        let n = wrapped.len();
        for (k, r) in wrapped.into_iter().enumerate() {
            if out.len() >= rows {
                break;
            }
            let label = match (&turn.speaker, k) {
                (Some(s), 0) => (text::ellipsize(s, gutter), theme.speaker(s)),
                (None, 0) => ("?".to_string(), theme.muted()),
                _ => (String::new(), Default::default()),
            };
            let pad = gutter.saturating_sub(text::width(&label.0)) + 1;
            let mut line = vec![Span::styled(label.0, label.1), Span::raw(" ".repeat(pad))];
            if k == 0 && from > turn.start {
                line.push(Span::styled("… ", theme.muted()));
            }
            let r = from + r.start..from + r.end;
            line.extend(styled_row(&t.text, r, &marks, theme));
            if k + 1 == n && to < turn.end {
                line.push(Span::styled(" …", theme.muted()));
            }
            out.push(Line::from(line));
        }
    }
    out
}

/// The start of the first word at or after byte `i`.
fn word_after(text: &str, i: usize) -> usize {
    let i = text::ceil_boundary(text, i);
    match text[i..].find(char::is_whitespace) {
        Some(k) => {
            let j = i + k;
            j + text[j..]
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(text.len() - j)
        }
        None => i,
    }
}

/// The end of the last word that ends at or before byte `i`.
fn word_before(text: &str, i: usize) -> usize {
    let i = text::floor_boundary(text, i);
    match text[..i].rfind(char::is_whitespace) {
        Some(k) => text[..k].trim_end().len(),
        None => i,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CodeId, MeaningUnit, Project, TranscriptId, time::Stamp};

    #[test]
    fn a_passage_in_a_long_turn_shows_the_words_around_it_cut_at_words() {
        let words: Vec<String> = (0..400).map(|i| format!("w{i}")).collect();
        let text = words.join(" ");
        let t = TranscriptId::new();
        let mut p = Project::new("t", "");
        p.transcripts
            .push(Transcript::one_turn(t, "t", text.clone()));
        let start = text.find("w200").unwrap();
        let end = text.find("w203").unwrap() + 4;
        let u = MeaningUnit {
            id: UnitId::new(),
            transcript: t,
            start,
            end,
            codes: vec![CodeId::new()],
            note: String::new(),
            created: Stamp(0),
            changed: Stamp(0),
        };
        let mine = [(u.span(), u.id)];
        p.insert_unit("a", u);
        let (theme, _) = Theme::from_config(&crate::config::defaults(), true);
        let show = |rows| {
            lines(
                &p.transcripts[0],
                start..end,
                &mine,
                &[],
                &theme,
                (60, rows),
            )
        };
        let out = show(20);
        let rows: Vec<String> = out.iter().map(|l| l.to_string()).collect();
        let all = rows.join("\n");
        assert!(rows[0].contains("… w"), "{all}");
        assert!(rows.last().unwrap().ends_with(" …"), "{all}");
        assert!(all.contains("w200 ") && all.contains("w203 "), "{all}");
        // Cut at words, about CONTEXT bytes either side, not the whole turn.
        assert!(!all.contains("w150 ") && !all.contains("w260"), "{all}");
        assert!(all.contains("w180") && all.contains("w225"), "{all}");
        assert!(
            rows.iter().all(|r| text::width(r.trim_end()) <= 60),
            "{all}"
        );
        // Fewer rows than the passage needs: no more than asked.
        assert_eq!(show(2).len(), 2);
    }
}
