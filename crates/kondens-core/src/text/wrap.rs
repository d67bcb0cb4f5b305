//! Word wrapping into rows of byte ranges, so the transcript pane can draw only the rows
//! it shows and map screen cells back to offsets.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// True for the characters that make terminals disagree on a grapheme's width: the zero
/// width joiner of emoji sequences, variation selectors, skin-tone modifiers.
fn unsettling(c: char) -> bool {
    matches!(
        c,
        '\u{200D}' | '\u{FE0E}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}'
    )
}

/// What kondens draws for a grapheme: itself, or — for a sequence terminals draw at
/// different widths (👨‍👩‍👧 is one cell pair in one terminal, three in another) — its
/// first character, whose width every terminal agrees on.
pub fn drawn(g: &str) -> &str {
    let mut chars = g.chars();
    match chars.next() {
        Some(first) if g.len() > first.len_utf8() && g.chars().any(unsettling) => {
            &g[..first.len_utf8()]
        }
        _ => g,
    }
}

/// `s` as kondens draws it (see [`drawn`]).
pub fn for_display(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(unsettling) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.graphemes(true).map(drawn).collect())
}

/// Display width of one grapheme, as drawn.
fn grapheme_width(g: &str) -> usize {
    drawn(g).width()
}

/// Display width of a string in terminal cells, as drawn.
pub fn width(s: &str) -> usize {
    if !s.chars().any(unsettling) {
        return s.width();
    }
    s.graphemes(true).map(grapheme_width).sum()
}

/// Wraps `text` into rows at most `width` cells wide (trailing spaces of a row may
/// stick out; they are never drawn). `\n` always ends a row. Rows are byte ranges that,
/// with the newlines between them, cover the text; an empty text is one empty row.
///
/// ```
/// let text = "Jeg synes den er bra";
/// let rows: Vec<&str> = kondens_core::text::wrap(text, 10).into_iter().map(|r| &text[r]).collect();
/// assert_eq!(rows, ["Jeg synes ", "den er bra"]);
/// ```
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        wrap_line(line, line_start, width, &mut rows);
        line_start += line.len() + 1;
    }
    rows
}

fn wrap_line(line: &str, base: usize, width: usize, rows: &mut Vec<Range<usize>>) {
    let mut row_start = 0;
    let mut row_width = 0;
    // The byte where the current row may break (after a space) and the row width there.
    let mut brk: Option<(usize, usize)> = None;
    let mut prev_space = false;
    for (i, g) in line.grapheme_indices(true) {
        let is_space = g.chars().all(char::is_whitespace);
        if !is_space && prev_space && i > row_start {
            brk = Some((i, row_width));
        }
        prev_space = is_space;
        let w = if g == "\t" { 1 } else { grapheme_width(g) };
        if !is_space && row_width + w > width && i > row_start {
            if let Some((b, bw)) = brk.take().filter(|(b, _)| *b > row_start) {
                rows.push(base + row_start..base + b);
                row_start = b;
                row_width -= bw;
            }
            // A word longer than the row is cut where it overflows.
            if row_width + w > width && i > row_start {
                rows.push(base + row_start..base + i);
                row_start = i;
                row_width = 0;
            }
        }
        row_width += w;
    }
    rows.push(base + row_start..base + line.len());
}

/// The display column of byte `offset` within `row` of `text`.
pub fn col_of(text: &str, row: Range<usize>, offset: usize) -> usize {
    let end = offset.clamp(row.start, row.end);
    text.get(row.start..end).map_or(0, width)
}

/// The byte offset in `row` at display column `col` (the grapheme that covers it, or
/// the row's last grapheme when the row is shorter).
pub fn offset_at_col(text: &str, row: Range<usize>, col: usize) -> usize {
    let Some(slice) = text.get(row.clone()) else {
        return row.start;
    };
    let mut acc = 0;
    let mut last = row.start;
    for (i, g) in slice.grapheme_indices(true) {
        let w = grapheme_width(g);
        last = row.start + i;
        if acc + w > col {
            return last;
        }
        acc += w;
    }
    if slice.is_empty() { row.start } else { last }
}

/// Cuts `s` to `width` cells, with `…` when cut; newlines become spaces; sequences
/// terminals draw at different widths as their first character ([`drawn`]).
pub fn ellipsize(s: &str, cells: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let flat = for_display(&flat).into_owned();
    if width(&flat) <= cells {
        return flat;
    }
    let mut out = String::new();
    let mut w = 0;
    for g in flat.graphemes(true) {
        let gw = width(g);
        if w + gw + 1 > cells {
            break;
        }
        out.push_str(g);
        w += gw;
    }
    out + "…"
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rows(t: &str, w: usize) -> Vec<&str> {
        wrap(t, w).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn wraps_at_spaces_and_newlines() {
        assert_eq!(
            rows("Jeg synes den er bra", 10),
            ["Jeg synes ", "den er bra"]
        );
        assert_eq!(rows("a\n\nb", 10), ["a", "", "b"]);
        assert_eq!(rows("", 5), [""]);
        assert_eq!(rows("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn wide_characters_count_double() {
        assert_eq!(rows("日本語です", 4), ["日本", "語で", "す"]);
        assert_eq!(col_of("ab日本", 0..8, 5), 4);
        assert_eq!(offset_at_col("ab日本", 0..8, 3), 2);
    }

    proptest! {
        #[test]
        fn rows_cover_the_text_and_fit(s in "[a-zæøå日 \\n]{0,300}", w in 1usize..40) {
            let rs = wrap(&s, w);
            // Rows are in order, on char boundaries, and only newlines lie between them.
            let mut pos = 0;
            for r in &rs {
                prop_assert!(r.start <= r.end && s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
                prop_assert!(s[pos..r.start].chars().all(|c| c == '\n'));
                pos = r.end;
                let visible = s[r.clone()].trim_end();
                prop_assert!(width(visible) <= w || visible.chars().count() == 1);
            }
            prop_assert_eq!(pos, s.len());
            prop_assert!(rs.len() > s.matches('\n').count());
        }
    }
}

#[cfg(test)]
mod display_tests {
    use super::*;

    #[test]
    fn sequences_terminals_disagree_on_are_drawn_and_measured_as_their_first_character() {
        let family = "👨\u{200D}👩\u{200D}👧";
        let heart = "❤\u{FE0F}";
        let wave = "👋\u{1F3FD}";
        let text = format!("Vi {family} og {heart} {wave} ja");
        assert_eq!(for_display(&text), "Vi 👨 og ❤ 👋 ja");
        assert_eq!(width(&text), width(&for_display(&text)));
        assert_eq!(width(family), 2);
        // Plain text is measured and drawn as before.
        assert_eq!(for_display("blåbær «ja»"), "blåbær «ja»");
        assert_eq!(width("blåbær"), 6);
        // The rows of a wrapped text are as wide as what is drawn of them.
        for row in wrap(&text.repeat(5), 11) {
            assert!(width(&text.repeat(5)[row]) <= 12);
        }
    }
}
