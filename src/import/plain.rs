//! Plain-text transcripts: `Label: words` paragraphs as researchers type them.
//!
//! A turn starts at a line that begins with a speaker label and a colon. Lines before
//! the first speaker are a preamble (kept, unattributed). Other lines, blank ones
//! included, continue the current turn. Look-alikes such as `NB: husk` or `Tid: to år`
//! are told apart by how often and where a label is used (see [`speaker_labels`]).

use super::turns::Segment;
use std::collections::HashMap;

/// Labels that are notes, not speakers, when they appear only once.
const NOT_SPEAKERS: &[&str] = &[
    "nb",
    "ps",
    "obs",
    "merk",
    "note",
    "notat",
    "tid",
    "time",
    "dato",
    "date",
    "sted",
    "place",
    "kl",
    "kommentar",
    "comment",
    "eksempel",
    "example",
    "tema",
    "topic",
    "se",
    "see",
    "ref",
    "kilde",
    "source",
    "varighet",
    "duration",
];

/// The longest speaker label accepted, as in MAXQDA and QualCoder.
const MAX_LABEL_CHARS: usize = 63;

/// If the line starts with something shaped like a speaker label, the label and the
/// rest of the line.
pub fn label_of(line: &str) -> Option<(&str, &str)> {
    let colon = line.find(':')?;
    let label = line[..colon].trim();
    let rest = &line[colon + 1..];
    if label.is_empty()
        || label.chars().count() > MAX_LABEL_CHARS
        || !(rest.is_empty() || rest.starts_with([' ', '\t']))
        || label.split_whitespace().count() > 4
        || label.contains(['?', '!', '"', '(', ')', ',', ';'])
        || label.to_ascii_lowercase().starts_with("http")
        || !label.chars().next().is_some_and(char::is_alphanumeric)
        || label.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    Some((label, rest.trim()))
}

/// True for labels that are notes rather than people (`NB`, `Tid`, `Merk` …).
pub fn is_note_label(label: &str) -> bool {
    NOT_SPEAKERS.contains(&label.trim_end_matches('.').to_lowercase().as_str())
}

pub fn looks_like_name(label: &str) -> bool {
    label.split_whitespace().count() <= 2
        && label.split_whitespace().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
        && !is_note_label(label)
}

/// Decides which label-shaped line starts are speakers: a label used at least twice is
/// a speaker; a label used once is one only if it looks like a name and comes after the
/// dialogue has begun (so `Moderator: Kari` in a header stays in the preamble).
pub fn speaker_labels(lines: &[&str]) -> Vec<bool> {
    let labels: Vec<Option<&str>> = lines.iter().map(|l| label_of(l).map(|(l, _)| l)).collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for l in labels.iter().flatten() {
        *counts.entry(l).or_default() += 1;
    }
    let first_frequent = labels
        .iter()
        .position(|l| l.is_some_and(|l| counts[l] >= 2));
    labels
        .iter()
        .enumerate()
        .map(|(i, l)| match l {
            Some(l) if counts[l] >= 2 => true,
            Some(l) => first_frequent.is_some_and(|f| i > f) && looks_like_name(l),
            None => false,
        })
        .collect()
}

/// Splits a plain-text transcript into segments, one per labelled paragraph (the
/// preamble is one unattributed segment).
pub fn parse(text: &str) -> Vec<Segment> {
    let lines: Vec<&str> = text.lines().collect();
    let is_speaker = speaker_labels(&lines);
    let mut segments: Vec<Segment> = Vec::new();
    let mut current: Option<Segment> = None;
    let mut blank_pending = false;
    for (i, line) in lines.iter().enumerate() {
        if is_speaker[i] {
            if let Some(seg) = current.take() {
                segments.push(seg);
            }
            let (label, rest) = label_of(line).unwrap_or(("", line));
            current = Some(Segment {
                speaker: Some(label.split_whitespace().collect::<Vec<_>>().join(" ")),
                start_ms: None,
                text: rest.to_string(),
                line: i + 1,
            });
            blank_pending = false;
            continue;
        }
        let words = line.trim();
        if words.is_empty() {
            blank_pending = current.as_ref().is_some_and(|c| !c.text.is_empty());
            continue;
        }
        match current.as_mut() {
            Some(seg) => {
                if !seg.text.is_empty() {
                    seg.text.push_str(if blank_pending { "\n\n" } else { "\n" });
                }
                seg.text.push_str(words);
            }
            None => {
                current = Some(Segment {
                    speaker: None,
                    start_ms: None,
                    text: words.to_string(),
                    line: i + 1,
                })
            }
        }
        blank_pending = false;
    }
    segments.extend(current);
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turns(text: &str) -> Vec<(Option<String>, String)> {
        parse(text)
            .into_iter()
            .map(|s| (s.speaker, s.text))
            .collect()
    }

    fn t(s: Option<&str>, w: &str) -> (Option<String>, String) {
        (s.map(str::to_string), w.to_string())
    }

    #[test]
    fn preamble_continuations_and_blank_lines() {
        let text = "Fokusgruppe 2, Bergen\nModerator: Kari (K). Deltakere: P1–P5.\n\n\
                    K: Hva tenker dere?\nP1: Jeg synes den er bra\n   og så videre.\n\n\
                    Ny avsnitt i samme tur.\nK: Takk.\nP2 :\tTja.\n";
        assert_eq!(
            turns(text),
            vec![
                t(
                    None,
                    "Fokusgruppe 2, Bergen\nModerator: Kari (K). Deltakere: P1–P5."
                ),
                t(Some("K"), "Hva tenker dere?"),
                t(
                    Some("P1"),
                    "Jeg synes den er bra\nog så videre.\n\nNy avsnitt i samme tur."
                ),
                t(Some("K"), "Takk."),
                t(Some("P2"), "Tja."),
            ]
        );
    }

    #[test]
    fn look_alikes_are_not_speakers() {
        let text = "K: Når startet du?\nP1: Det var kl. 10:30 en mandag.\nTid: to år\n\
                    NB: husk dette\nK: Og så?\nP1: Se http://example.org: der.\n";
        assert_eq!(
            turns(text),
            vec![
                t(Some("K"), "Når startet du?"),
                t(
                    Some("P1"),
                    "Det var kl. 10:30 en mandag.\nTid: to år\nNB: husk dette"
                ),
                t(Some("K"), "Og så?"),
                t(Some("P1"), "Se http://example.org: der."),
            ]
        );
    }

    #[test]
    fn a_speaker_who_speaks_once_is_still_a_speaker() {
        let text = "K: Velkommen.\nP1: Takk.\nK: Noen flere?\nP5: Ja, jeg.\n";
        assert_eq!(turns(text)[3], t(Some("P5"), "Ja, jeg."));
    }
}
