//! What a REFI-QDA file's `startPosition`/`endPosition` count. The standard says code
//! points; NVivo writes UTF-16 code units (a CR LF is two, the BOM left out), ATLAS.ti
//! counts a CR LF as one. kondens tries each on a source's selections and keeps the one
//! that puts the most selections on word boundaries (a wrong one cuts words), with the
//! writer's habit deciding a tie.

use std::fmt;
use std::ops::Range;

/// One way of counting positions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Convention {
    /// UTF-16 code units rather than code points.
    pub utf16: bool,
    /// A CR LF counts as one.
    pub crlf_as_one: bool,
}

impl fmt::Display for Convention {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.utf16 {
            "UTF-16 code units"
        } else {
            "Unicode code points (the standard)"
        })?;
        if self.crlf_as_one {
            f.write_str(", a line break counted as one")?;
        }
        Ok(())
    }
}

const CODE_POINTS: Convention = Convention {
    utf16: false,
    crlf_as_one: false,
};
const UTF16: Convention = Convention {
    utf16: true,
    crlf_as_one: false,
};
const CODE_POINTS_CRLF1: Convention = Convention {
    utf16: false,
    crlf_as_one: true,
};
const UTF16_CRLF1: Convention = Convention {
    utf16: true,
    crlf_as_one: true,
};

/// The conventions to try, the writer's own first (it wins a tie).
fn candidates(origin: &str) -> [Convention; 4] {
    let o = origin.to_lowercase();
    if o.contains("nvivo") || o.contains("maxqda") {
        [UTF16, CODE_POINTS, UTF16_CRLF1, CODE_POINTS_CRLF1]
    } else if o.contains("atlas") {
        [CODE_POINTS_CRLF1, UTF16_CRLF1, CODE_POINTS, UTF16]
    } else {
        [CODE_POINTS, UTF16, CODE_POINTS_CRLF1, UTF16_CRLF1]
    }
}

/// The byte offsets in `text` of `positions` counted by `conv`: `None` for a position
/// outside the text or inside a character.
pub fn to_bytes(text: &str, positions: &[u64], conv: Convention) -> Vec<Option<usize>> {
    let mut order: Vec<usize> = (0..positions.len()).collect();
    order.sort_by_key(|&i| positions[i]);
    let mut out = vec![None; positions.len()];
    let mut next = order.into_iter().peekable();
    let mut count: u64 = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        while let Some(&i) = next.peek() {
            if positions[i] > count {
                break;
            }
            if positions[i] == count {
                out[i] = Some(at);
            }
            next.next();
        }
        if next.peek().is_none() {
            return out;
        }
        let cr_of_crlf = c == '\r' && chars.peek().is_some_and(|(_, n)| *n == '\n');
        count += match (conv, cr_of_crlf) {
            (
                Convention {
                    crlf_as_one: true, ..
                },
                true,
            ) => 0,
            (Convention { utf16: true, .. }, _) => c.len_utf16() as u64,
            _ => 1,
        };
    }
    for i in next {
        if positions[i] == count {
            out[i] = Some(text.len());
        }
    }
    out
}

/// True when `span` cuts no word at either end and is not blank.
pub fn clean(text: &str, span: &Range<usize>) -> bool {
    let Some(inner) = text.get(span.clone()) else {
        return false;
    };
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let cuts_start = word(text[..span.start].chars().next_back()) && word(inner.chars().next());
    let cuts_end = word(inner.chars().next_back()) && word(text[span.end..].chars().next());
    !(inner.trim().is_empty() || cuts_start || cuts_end)
}

/// True when `span` also has no space at its edges (a tighter test, to tell two
/// conventions apart that both keep words whole).
fn tight(text: &str, span: &Range<usize>) -> bool {
    let edge = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace());
    clean(text, span)
        && text
            .get(span.clone())
            .is_some_and(|s| edge(s.chars().next()) && edge(s.chars().next_back()))
}

/// What choosing a convention found.
pub struct Chosen {
    pub convention: Convention,
    /// Each selection's byte range, or `None` where it falls outside the text.
    pub spans: Vec<Option<Range<usize>>>,
    /// How many of them start and end on word boundaries.
    pub clean: usize,
}

/// Chooses how `selections` (start, end) count over `text`, written by `origin`.
pub fn choose(text: &str, selections: &[(u64, u64)], origin: &str) -> Chosen {
    let flat: Vec<u64> = selections.iter().flat_map(|&(s, e)| [s, e]).collect();
    let mut best: Option<((usize, usize, usize), Chosen)> = None;
    for conv in candidates(origin) {
        let bytes = to_bytes(text, &flat, conv);
        let spans: Vec<Option<Range<usize>>> = bytes
            .chunks(2)
            .map(|p| match (p[0], p[1]) {
                (Some(s), Some(e)) if s < e => Some(s..e),
                _ => None,
            })
            .collect();
        let clean = spans
            .iter()
            .flatten()
            .filter(|s| self::clean(text, s))
            .count();
        let tight = spans.iter().flatten().filter(|s| tight(text, s)).count();
        let placed = spans.iter().flatten().count();
        let score = (clean, tight, placed);
        if best.as_ref().is_none_or(|(b, _)| score > *b) {
            best = Some((
                score,
                Chosen {
                    convention: conv,
                    spans,
                    clean,
                },
            ));
        }
    }
    best.map_or(
        Chosen {
            convention: CODE_POINTS,
            spans: Vec::new(),
            clean: 0,
        },
        |(_, c)| c,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_counts_an_emoji_as_two_and_code_points_as_one() {
        let text = "a😀 bc";
        assert_eq!(to_bytes(text, &[3, 4], UTF16), [Some(5), Some(6)]);
        assert_eq!(to_bytes(text, &[3, 4], CODE_POINTS), [Some(6), Some(7)]);
        assert_eq!(
            to_bytes(text, &[2], UTF16),
            [None],
            "inside the surrogate pair"
        );
    }

    #[test]
    fn a_crlf_can_count_as_one() {
        let text = "ab\r\ncd";
        assert_eq!(
            to_bytes(text, &[3, 5], CODE_POINTS_CRLF1),
            [Some(4), Some(6)]
        );
        assert_eq!(to_bytes(text, &[4, 6], CODE_POINTS), [Some(4), Some(6)]);
    }

    #[test]
    fn the_convention_that_keeps_words_whole_wins() {
        // "Kari 😀 sier ja" — the selection "sier" in UTF-16 units is 8..12.
        let text = "Kari 😀 sier ja";
        let chosen = choose(text, &[(8, 12)], "");
        assert_eq!(chosen.convention, UTF16);
        assert_eq!(&text[chosen.spans[0].clone().unwrap()], "sier");
        // In code points the same words are 7..11.
        let chosen = choose(text, &[(7, 11)], "NVivo 12");
        assert_eq!(chosen.convention, CODE_POINTS);
        // A tie goes to the writer's habit.
        assert_eq!(choose("ab cd", &[(0, 2)], "NVivo").convention, UTF16);
        assert_eq!(choose("ab cd", &[(0, 2)], "qc").convention, CODE_POINTS);
    }
}
