//! Text layout and motion on byte offsets: wrapping a turn into rows, moving by word and
//! grapheme, converting byte offsets to character offsets. Pure functions, no terminal.

pub mod escape;
mod words;
mod wrap;

pub use words::count_words;
pub use wrap::{col_of, drawn, ellipsize, for_display, offset_at_col, width, wrap};

use unicode_segmentation::UnicodeSegmentation;

/// Converts byte offsets into character (Unicode scalar) offsets without rescanning the
/// whole text for each: a checkpoint every 4 KiB.
pub struct CharIndex<'a> {
    text: &'a str,
    checkpoints: Vec<usize>,
}

const STEP: usize = 4096;

impl<'a> CharIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        let mut checkpoints = vec![0];
        let mut next = STEP;
        for (chars, (i, _)) in text.char_indices().enumerate() {
            while i >= next {
                checkpoints.push(chars);
                next += STEP;
            }
        }
        CharIndex { text, checkpoints }
    }

    /// The character offset of byte offset `byte` (clamped to the text).
    pub fn char_of(&self, byte: usize) -> usize {
        let byte = floor_boundary(self.text, byte);
        let block = (byte / STEP).min(self.checkpoints.len() - 1);
        // Checkpoint k counts the chars that start before byte k * STEP.
        let from = ceil_boundary(self.text, block * STEP).min(byte);
        self.checkpoints[block] + self.text[from..byte].chars().count()
    }
}

/// The largest char boundary at or before `i`.
pub fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary at or after `i`.
pub fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The start of the grapheme after the one at `i` (or the end of the text).
pub fn next_grapheme(text: &str, i: usize) -> usize {
    let i = floor_boundary(text, i);
    text[i..]
        .grapheme_indices(true)
        .nth(1)
        .map_or(text.len(), |(j, _)| i + j)
}

/// The start of the grapheme before `i` (or 0).
pub fn prev_grapheme(text: &str, i: usize) -> usize {
    let i = floor_boundary(text, i);
    text[..i]
        .grapheme_indices(true)
        .next_back()
        .map_or(0, |(j, _)| j)
}

/// Every match of `query` in `text`, as byte ranges. Smart case: a query with no
/// capital letters matches any case.
pub fn find_all(text: &str, query: &str) -> Vec<std::ops::Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    let fold = !query.chars().any(char::is_uppercase);
    let norm = |c: char| {
        if fold {
            c.to_lowercase().next().unwrap_or(c)
        } else {
            c
        }
    };
    let q: Vec<char> = query.chars().map(norm).collect();
    let mut out = Vec::new();
    let mut from = 0;
    while from < text.len() {
        let mut it = text[from..].char_indices();
        let mut matched = 0;
        let mut end = from;
        for (j, c) in it.by_ref() {
            if matched == q.len() || norm(c) != q[matched] {
                break;
            }
            matched += 1;
            end = from + j + c.len_utf8();
        }
        if matched == q.len() {
            out.push(from..end);
            from = end;
        } else {
            from = next_char(text, from);
        }
    }
    out
}

fn next_char(text: &str, i: usize) -> usize {
    text[i..]
        .chars()
        .next()
        .map_or(text.len(), |c| i + c.len_utf8())
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Class {
    Space,
    Word,
    Punct,
}

fn class(c: char) -> Class {
    if c.is_whitespace() {
        Class::Space
    } else if c.is_alphanumeric() || c == '_' || c == '\'' || c == '’' {
        Class::Word
    } else {
        Class::Punct
    }
}

/// The start of the next word after `i`, as vim's `w` (or the end of the text).
pub fn next_word(text: &str, i: usize) -> usize {
    let i = floor_boundary(text, i);
    let mut chars = text[i..].char_indices().peekable();
    let Some((_, first)) = chars.next() else {
        return text.len();
    };
    let start_class = class(first);
    let mut seen_space = start_class == Class::Space;
    for (j, c) in chars {
        let k = class(c);
        if k == Class::Space {
            seen_space = true;
        } else if seen_space || k != start_class {
            return i + j;
        }
    }
    text.len()
}

/// The last character of the word at or after the one after `i`, as vim's `e`.
pub fn word_end(text: &str, i: usize) -> usize {
    let i = floor_boundary(text, i);
    let mut it = text[i..]
        .char_indices()
        .skip(1)
        .skip_while(|(_, c)| c.is_whitespace())
        .peekable();
    let Some((mut last, c)) = it.next() else {
        return i;
    };
    let k = class(c);
    for (j, c) in it {
        if class(c) != k {
            break;
        }
        last = j;
    }
    i + last
}

/// The start of the word before `i`, as vim's `b` (or 0).
pub fn prev_word(text: &str, i: usize) -> usize {
    let i = floor_boundary(text, i);
    let mut it = text[..i]
        .char_indices()
        .rev()
        .skip_while(|(_, c)| c.is_whitespace());
    let Some((mut start, c)) = it.next() else {
        return 0;
    };
    let k = class(c);
    for (j, c) in it {
        if class(c) != k {
            break;
        }
        start = j;
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn words_forward_and_back() {
        let t = "Jeg synes, altså… det er bra.";
        let mut stops = vec![];
        let mut i = 0;
        while i < t.len() {
            stops.push(&t[i..]);
            i = next_word(t, i);
        }
        assert_eq!(stops.len(), 9);
        assert_eq!(stops[1], "synes, altså… det er bra.");
        assert_eq!(stops[2], ", altså… det er bra.");
        assert_eq!(&t[prev_word(t, t.len())..], ".");
        assert_eq!(&t[prev_word(t, t.len() - 1)..], "bra.");
    }

    #[test]
    fn word_end_lands_on_the_last_letter() {
        let t = "Jeg synes, altså";
        assert_eq!(&t[word_end(t, 0)..], "g synes, altså");
        assert_eq!(&t[word_end(t, 2)..], "s, altså");
        assert_eq!(&t[word_end(t, 8)..], ", altså");
        assert_eq!(&t[word_end(t, 9)..], "å");
        assert_eq!(
            word_end(t, t.len() - 2),
            t.len() - 2,
            "stays on the last letter"
        );
    }

    #[test]
    fn search_is_smart_case() {
        let t = "Brobygger og brobyggere. BRO";
        assert_eq!(find_all(t, "bro").len(), 3);
        assert_eq!(find_all(t, "Bro"), vec![0..3]);
        assert_eq!(find_all("æøå ÆØÅ", "æø").len(), 2);
        assert!(find_all(t, "").is_empty());
    }

    #[test]
    fn graphemes_keep_combining_marks() {
        let t = "e\u{301}x";
        assert_eq!(next_grapheme(t, 0), 3);
        assert_eq!(prev_grapheme(t, 3), 0);
    }

    proptest! {
        #[test]
        fn char_index_agrees_with_counting(s in "\\PC{0,3000}", cut in 0usize..10_000) {
            let idx = CharIndex::new(&s);
            let b = floor_boundary(&s, cut);
            prop_assert_eq!(idx.char_of(b), s[..b].chars().count());
        }

        #[test]
        fn word_motions_stay_on_boundaries_and_progress(s in "\\PC{0,200}", at in 0usize..400) {
            let i = floor_boundary(&s, at);
            let n = next_word(&s, i);
            prop_assert!(s.is_char_boundary(n));
            prop_assert!(n > i || i == s.len());
            let p = prev_word(&s, i);
            prop_assert!(s.is_char_boundary(p));
            prop_assert!(p < i || i == 0 || s[..i].trim().is_empty());
        }
    }
}
