//! Word wrapping into rows of byte ranges, so the transcript pane can draw only the rows
//! it shows and map screen cells back to offsets.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Display width of a string in terminal cells.
pub fn width(s: &str) -> usize {
    s.width()
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
        let w = if g == "\t" { 1 } else { g.width() };
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
    text.get(row.start..end).map_or(0, |s| s.width())
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
        let w = g.width();
        last = row.start + i;
        if acc + w > col {
            return last;
        }
        acc += w;
    }
    if slice.is_empty() { row.start } else { last }
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
