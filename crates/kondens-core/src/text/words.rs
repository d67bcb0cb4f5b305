//! Counting words as `split_whitespace` does, fast enough for ten million of them.

/// 1 for the ASCII bytes `char::is_whitespace` takes for space, 0 for the rest.
const ASCII_SPACE: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = matches!(b as u8, b' ' | b'\t'..=b'\r') as u8;
        b += 1;
    }
    t
};

/// The number of words `split_whitespace` finds, in one pass over the bytes. Runs of
/// 64 ASCII bytes (nearly all of a transcript) are counted without branches; elsewhere
/// a character of several bytes is decoded only when its first byte can begin a Unicode
/// space (U+0085, U+00A0, U+1680, U+2000–U+3000).
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut prev_space, mut char_space) = (0usize, 1u8, false);
    let mut at = 0;
    for chunk in bytes.chunks(64) {
        if chunk.is_ascii() {
            for &b in chunk {
                let space = ASCII_SPACE[usize::from(b & 0x7f)];
                words += usize::from(prev_space & (space ^ 1));
                prev_space = space;
            }
            at += chunk.len();
            continue;
        }
        for &b in chunk {
            let space = match b {
                0..=0x7f => ASCII_SPACE[usize::from(b)] == 1,
                // A continuation byte belongs to the character its lead byte began.
                0x80..=0xbf => char_space,
                0xc2 | 0xe1 | 0xe2 | 0xe3 => {
                    char_space = text
                        .get(at..)
                        .and_then(|rest| rest.chars().next())
                        .is_some_and(char::is_whitespace);
                    char_space
                }
                _ => {
                    char_space = false;
                    false
                }
            };
            words += usize::from(prev_space == 1 && !space);
            prev_space = u8::from(space);
            at += 1;
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Transcript, TranscriptId};

    proptest::proptest! {
        /// The fast count is the count of `split_whitespace`, whatever the text.
        #[test]
        fn words_are_counted_as_split_whitespace_counts_them(text in "(\\PC|[ \t\n\r\u{b}\u{c}\u{1c}\u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}\u{202f}\u{205f}\u{3000}éø«])*") {
            let t = Transcript {
                id: TranscriptId::new(),
                name: String::new(),
                source_file: String::new(),
                imported: String::new(),
                format: String::new(),
                encoding: String::new(),
                text: text.clone(),
                turns: Vec::new(),
            };
            proptest::prop_assert_eq!(t.word_count(), text.split_whitespace().count());
        }

        /// Mostly ASCII, as transcripts are, with Unicode spaces and letters across the
        /// edges of the 64-byte runs counted without branches.
        #[test]
        fn long_ascii_runs_are_counted_as_split_whitespace_counts_them(
            parts in proptest::collection::vec("[a-z .,\n\t]{0,90}|[\u{a0}\u{85}\u{2003}\u{3000}øé–]", 0..12)
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(count_words(&text), text.split_whitespace().count());
        }
    }
}
