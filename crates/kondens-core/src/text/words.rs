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

/// Which of eight ASCII bytes (little-endian in `w`) are spaces as `ASCII_SPACE` says:
/// bit i for byte i. Eight bytes at a step, with no branch and no table.
fn ascii_spaces(w: u64) -> u32 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // 0x80 in each byte equal to a space (exact: no carry crosses a byte).
    let x = w ^ (ONES * 0x20);
    let blank = !(((x & LOW7) + LOW7) | x) & HIGH;
    // 0x80 in each byte from 0x09 (tab) to 0x0d (carriage return): bytes below 0x80
    // plus 0x77 reach 0x80 from 0x09 on, plus 0x72 from 0x0e on.
    let from_tab = (w + ONES * 0x77) & HIGH;
    let from_0e = (w + ONES * 0x72) & HIGH;
    let control = from_tab & !from_0e;
    // Gather the eight flags into one byte: byte i's bit lands at bit 56 + i.
    (((blank | control) >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32
}

/// The number of words `split_whitespace` finds, in one pass over the bytes. Runs of
/// eight ASCII bytes (nearly all of a transcript) are counted at one step, with no branch; elsewhere
/// a character of several bytes is decoded only when its first byte can begin a Unicode
/// space (U+0085, U+00A0, U+1680, U+2000–U+3000).
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut prev_space, mut char_space) = (0usize, 1u8, false);
    let mut at = 0;
    while at < bytes.len() {
        if let Some(eight) = bytes.get(at..at + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(eight);
            let w = u64::from_le_bytes(w);
            // Eight ASCII bytes (most of any transcript, also in languages with letters
            // outside ASCII): no continuation byte of a character before them is here.
            if w & 0x8080_8080_8080_8080 == 0 {
                let spaces = ascii_spaces(w);
                // A word starts at a byte that is not a space after one that is.
                let after_space = (spaces << 1 | u32::from(prev_space)) & 0xff;
                words += (!spaces & after_space & 0xff).count_ones() as usize;
                prev_space = (spaces >> 7) as u8 & 1;
                at += 8;
                continue;
            }
        }
        let end = (at + 8).min(bytes.len());
        while at < end {
            let b = bytes[at];
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

    #[test]
    fn eight_bytes_at_a_step_find_the_spaces_the_table_finds() {
        for b in 0..128u8 {
            for pos in 0..8 {
                let mut bytes = [b'a'; 8];
                bytes[pos] = b;
                let got = ascii_spaces(u64::from_le_bytes(bytes));
                let want = u32::from(ASCII_SPACE[usize::from(b)]) << pos;
                assert_eq!(got, want, "byte {b:#04x} at {pos}");
            }
        }
        assert_eq!(
            ascii_spaces(u64::from_le_bytes(*b" \t\n\x0b\x0c\rab")),
            0b0011_1111
        );
    }

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
