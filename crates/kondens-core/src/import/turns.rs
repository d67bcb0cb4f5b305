//! The one turn builder every format feeds: consecutive segments of the same speaker
//! become one turn; unattributed segments stay turns of their own. It also lays out the
//! transcript text that meaning units point into.

use crate::model::Turn;
use std::sync::Arc;

/// A piece of speech as a parser found it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub speaker: Option<String>,
    pub start_ms: Option<u64>,
    pub text: String,
    /// 1-based line in the source where the segment starts, for warnings.
    pub line: usize,
}

/// The built transcript text and its turns.
#[derive(Debug, PartialEq, Eq)]
pub struct Built {
    pub text: String,
    pub turns: Vec<Turn>,
}

/// A speaker label as one key for the same person however the source wrote it:
/// Unicode NFC (`A` + combining ring is `Å`), zero-width characters removed, every run of
/// white space (no-break spaces too) one space. Only labels are normalised, never words.
pub fn speaker_key(label: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let visible: String = label
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
            )
        })
        .collect();
    visible
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .nfc()
        .collect()
}

/// Builds turns from segments. `joiner` goes between merged segments of one speaker:
/// `"\n"` where segments were authored paragraphs, `" "` for subtitle cues.
///
/// The text is each turn as `Label: words` (or just the words when unattributed),
/// turns separated by a blank line; a turn's span covers its words only.
pub fn build(segments: Vec<Segment>, joiner: &str) -> Built {
    let mut merged: Vec<Segment> = Vec::new();
    for mut seg in segments {
        seg.speaker = seg
            .speaker
            .as_deref()
            .map(speaker_key)
            .filter(|k| !k.is_empty());
        let words = seg.text.trim();
        if words.is_empty() {
            continue;
        }
        match merged.last_mut() {
            Some(prev) if prev.speaker.is_some() && prev.speaker == seg.speaker => {
                prev.text.push_str(joiner);
                prev.text.push_str(words);
            }
            _ => merged.push(Segment {
                text: words.to_string(),
                ..seg
            }),
        }
    }
    // Sized once: a text grown by doubling holds up to twice its length.
    let size: usize = merged
        .iter()
        .map(|s| s.text.len() + s.speaker.as_ref().map_or(0, |l| l.len() + 2) + 2)
        .sum();
    let mut text = String::with_capacity(size + 1);
    let mut turns = Vec::with_capacity(merged.len());
    for seg in merged {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        if let Some(label) = &seg.speaker {
            text.push_str(label);
            text.push_str(": ");
        }
        let start = text.len();
        text.push_str(&seg.text);
        turns.push(Turn {
            speaker: seg.speaker.map(Arc::from),
            start_ms: seg.start_ms,
            start,
            end: text.len(),
        });
    }
    text.push('\n');
    crate::model::share_labels(&mut turns);
    Built { text, turns }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(speaker: Option<&str>, text: &str) -> Segment {
        Segment {
            speaker: speaker.map(str::to_string),
            start_ms: None,
            text: text.into(),
            line: 1,
        }
    }

    #[test]
    fn one_person_one_label_however_written() {
        let b = build(
            vec![
                seg(Some("A\u{30a}se"), "en"),
                seg(Some("Åse\u{200b}"), "to"),
                seg(Some("Kari\u{a0}N."), "tre"),
                seg(Some(" Kari  N. "), "fire"),
            ],
            " ",
        );
        let speakers: Vec<&str> = b
            .turns
            .iter()
            .filter_map(|t| t.speaker.as_deref())
            .collect();
        assert_eq!(speakers, ["Åse", "Kari N."]);
        assert_eq!(
            &b.text[b.turns[0].span()],
            "en to",
            "words are kept as written"
        );
    }

    #[test]
    fn merges_same_speaker_and_keeps_unattributed_apart() {
        let b = build(
            vec![
                seg(None, "Header"),
                seg(None, "More header"),
                seg(Some("P1"), "one"),
                seg(Some("P1"), "two"),
                seg(Some("P2"), "three"),
            ],
            "\n",
        );
        assert_eq!(
            b.text,
            "Header\n\nMore header\n\nP1: one\ntwo\n\nP2: three\n"
        );
        let words: Vec<&str> = b.turns.iter().map(|t| &b.text[t.span()]).collect();
        assert_eq!(words, ["Header", "More header", "one\ntwo", "three"]);
    }
}
