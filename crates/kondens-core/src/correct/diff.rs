//! Where a position in the old text is in the corrected one: a diff of the two texts'
//! characters, aligned on words — lines first, then the words, spaces and punctuation of
//! the lines that differ, so a long transcript with a few corrections costs little, and a
//! deleted word is deleted whole rather than matched letter by letter with the next one.
//! Kept as segments that are equal in both or changed, in byte offsets.

use similar::{Algorithm, DiffTag};
use std::ops::Range;
use std::time::{Duration, Instant};

/// A stretch of the old text and what stands for it in the new one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub old: Range<usize>,
    pub new: Range<usize>,
    /// The same characters in both.
    pub equal: bool,
}

/// The old text mapped onto the new one: segments that cover both texts, in order.
#[derive(Clone, Debug)]
pub struct PositionMap {
    segments: Vec<Segment>,
}

/// How long a character diff may search before it settles for a coarser answer (still
/// correct, only less fine): a text rewritten throughout must not hang the command.
const DEADLINE: Duration = Duration::from_secs(2);

impl PositionMap {
    /// The map from `old` to `new`.
    pub fn new(old: &str, new: &str) -> PositionMap {
        let deadline = Some(Instant::now() + DEADLINE);
        let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
        let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
        let mut segments = Vec::new();
        let (mut o, mut n) = (0usize, 0usize);
        let ops = similar::capture_diff_slices_deadline(
            Algorithm::Myers,
            &old_lines,
            &new_lines,
            deadline,
        );
        // Changed stretches that only blank lines keep apart are diffed as one: lines
        // that were joined, split or moved a little then still find their words.
        let mut blocks: Vec<(bool, usize, usize)> = Vec::new();
        for op in ops {
            let (tag, old_r, new_r) = op.as_tag_tuple();
            let old_bytes: usize = old_lines[old_r.clone()].iter().map(|l| l.len()).sum();
            let new_bytes: usize = new_lines[new_r].iter().map(|l| l.len()).sum();
            let blank = old_lines[old_r].iter().all(|l| l.trim().is_empty());
            let equal = tag == DiffTag::Equal;
            match blocks.last_mut() {
                Some(last) if !last.0 && (!equal || blank) => {
                    last.1 += old_bytes;
                    last.2 += new_bytes;
                }
                _ => blocks.push((equal, old_bytes, new_bytes)),
            }
        }
        for (equal, old_bytes, new_bytes) in blocks {
            let (old_span, new_span) = (o..o + old_bytes, n..n + new_bytes);
            if equal {
                push(&mut segments, old_span, new_span, true);
            } else if old_span.is_empty() || new_span.is_empty() {
                push(&mut segments, old_span, new_span, false);
            } else {
                chars(
                    &mut segments,
                    &old[old_span.clone()],
                    &new[new_span.clone()],
                    (o, n),
                    deadline,
                );
            }
            o += old_bytes;
            n += new_bytes;
        }
        PositionMap { segments }
    }

    /// The segments, in order.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Where old byte `pos` is in the new text. A position inside a changed stretch
    /// goes to that stretch's start in the new text, or its end when `at_end` (so a
    /// span keeps what replaced its edges).
    pub fn map(&self, pos: usize, at_end: bool) -> usize {
        // The segment holding pos: for an end, the one that ends at or after it.
        let i = if at_end {
            self.segments.partition_point(|s| s.old.end < pos)
        } else {
            self.segments.partition_point(|s| s.old.end <= pos)
        };
        let Some(s) = self.segments.get(i) else {
            return self.segments.last().map_or(pos, |s| s.new.end);
        };
        if s.equal {
            s.new.start + (pos - s.old.start).min(s.new.len())
        } else if at_end {
            s.new.end
        } else {
            s.new.start
        }
    }

    /// Whether the old span `span` reads the same after the correction: no change
    /// inside it (an insertion exactly at its edges does not count).
    pub fn unchanged(&self, span: Range<usize>) -> bool {
        // Segments ending at span.start are before it (an insertion there is outside).
        let first = self.segments.partition_point(|s| s.old.end <= span.start);
        !self.segments[first..]
            .iter()
            .take_while(|s| s.old.start < span.end)
            .any(|s| !s.equal && (s.old.start > span.start || !s.old.is_empty()))
    }

    /// How many bytes of the old span survive unchanged in the new text.
    pub fn kept_bytes(&self, span: Range<usize>) -> usize {
        let first = self.segments.partition_point(|s| s.old.end <= span.start);
        self.segments[first..]
            .iter()
            .take_while(|s| s.old.start < span.end)
            .filter(|s| s.equal)
            .map(|s| s.old.end.min(span.end) - s.old.start.max(span.start))
            .sum()
    }
}

/// Adds a segment, joining it to the one before when both are of a kind.
fn push(segments: &mut Vec<Segment>, old: Range<usize>, new: Range<usize>, equal: bool) {
    if old.is_empty() && new.is_empty() {
        return;
    }
    if let Some(last) = segments.last_mut()
        && last.equal == equal
        && last.old.end == old.start
        && last.new.end == new.start
    {
        last.old.end = old.end;
        last.new.end = new.end;
        return;
    }
    segments.push(Segment { old, new, equal });
}

/// Diffs the words of two changed stretches (at byte `base` in each text).
fn chars(
    segments: &mut Vec<Segment>,
    old: &str,
    new: &str,
    base: (usize, usize),
    deadline: Option<Instant>,
) {
    let (old_chars, old_at) = tokens(old);
    let (new_chars, new_at) = tokens(new);
    let ops =
        similar::capture_diff_slices_deadline(Algorithm::Myers, &old_chars, &new_chars, deadline);
    for op in ops {
        let (tag, o, n) = op.as_tag_tuple();
        push(
            segments,
            base.0 + old_at[o.start]..base.0 + old_at[o.end],
            base.1 + new_at[n.start]..base.1 + new_at[n.end],
            tag == DiffTag::Equal,
        );
    }
}

/// The tokens of a text — a word (letters and digits), a run of spaces, or one other
/// character — and the byte offset of each (with the length at the end).
fn tokens(text: &str) -> (Vec<&str>, Vec<usize>) {
    #[derive(PartialEq)]
    enum Kind {
        Word,
        Space,
        Other,
    }
    let kind = |c: char| {
        if c.is_alphanumeric() {
            Kind::Word
        } else if c.is_whitespace() {
            Kind::Space
        } else {
            Kind::Other
        }
    };
    let mut out = Vec::new();
    let mut at = Vec::new();
    let mut start = 0;
    let mut last: Option<Kind> = None;
    for (i, c) in text.char_indices() {
        let k = kind(c);
        let joins = last.as_ref().is_some_and(|l| *l == k && k != Kind::Other);
        if !joins && i > 0 {
            out.push(&text[start..i]);
            at.push(start);
            start = i;
        }
        last = Some(k);
    }
    if !text.is_empty() {
        out.push(&text[start..]);
        at.push(start);
    }
    at.push(text.len());
    (out, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_move_with_their_words() {
        let old = "A: hei du\nB: her er Oslo\n";
        let new = "A: hei deg\nB: her er Bergen\n";
        let m = PositionMap::new(old, new);
        let at = old.find("her er").unwrap();
        assert_eq!(&new[m.map(at, false)..m.map(at + 6, true)], "her er");
        let oslo = old.find("Oslo").unwrap();
        assert_eq!(&new[m.map(oslo, false)..m.map(oslo + 4, true)], "Bergen");
        assert!(m.unchanged(at..at + 6));
        assert!(!m.unchanged(oslo..oslo + 4));
    }

    #[test]
    fn an_insertion_at_an_edge_leaves_a_span_unchanged() {
        let old = "abc def ghi";
        let new = "abc XX def YY ghi";
        let m = PositionMap::new(old, new);
        let span = 4..7;
        assert!(m.unchanged(span.clone()));
        assert_eq!(&new[m.map(4, false)..m.map(7, true)], "def");
        assert_eq!(m.kept_bytes(span), 3);
    }

    #[test]
    fn a_deleted_span_collapses() {
        let old = "one two three";
        let new = "one three";
        let m = PositionMap::new(old, new);
        // Which space goes with "two" is the diff's choice; no letter of it is left.
        assert_eq!(new[m.map(4, false)..m.map(8, true)].trim(), "");
        assert!(m.kept_bytes(4..8) <= 1);
        // A word is deleted whole, not matched letter by letter with the next one.
        let m = PositionMap::new("one two three", "one tree");
        assert_eq!(m.map(8, false), 4);
    }
}
