//! Plain-text transcripts: `Label: words` paragraphs as researchers type them.
//!
//! A turn starts at a line that begins with a speaker label: `P1:`, also written `@P1:`,
//! `#P1:`, `**P1:**`, `[P1]` or `{P1}`, with a time before or after it where the
//! transcriber wrote one (`[00:12:34] P1:`, `P1: [00:12:34]`, `00:12:34 P1:`). Lines
//! before the first speaker are a preamble (kept, unattributed). Other lines, blank ones
//! included, continue the current turn. Look-alikes such as `NB: husk` or `Tid: to år`
//! are told apart by how often and where a label is used (see [`speaker_labels`]). An f4
//! time mark at the end of a turn (`#00:01:23-4#`) becomes the next turn's start time.

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

/// The head of a line that starts a turn: the label, the words after it, and a time
/// written beside the label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Head<'a> {
    pub label: &'a str,
    pub rest: &'a str,
    pub ms: Option<u64>,
}

/// Whether text between a line start and a colon (or in brackets) is shaped like a label.
/// A note in parentheses at its end is part of it, as Zoom writes them (`Kari (Host)`,
/// `P2 (iPhone)`).
fn label_shape_ok(label: &str) -> bool {
    let core = label
        .strip_suffix(')')
        .and_then(|l| l.rsplit_once(" ("))
        .filter(|(name, note)| !name.trim().is_empty() && !note.contains(['(', ')']))
        .map_or(label, |(name, _)| name);
    !(label.chars().count() > MAX_LABEL_CHARS || core.split_whitespace().count() > 4)
        && shape_ok(core)
}

fn shape_ok(label: &str) -> bool {
    !(label.is_empty()
        || label.chars().count() > MAX_LABEL_CHARS
        || label.split_whitespace().count() > 4
        || label.contains(['?', '!', '"', '(', ')', ',', ';', '[', ']', '{', '}', '*'])
        || label.to_ascii_lowercase().starts_with("http")
        || !label.chars().next().is_some_and(char::is_alphanumeric)
        || label.chars().all(|c| c.is_ascii_digit()))
}

/// A time at the start of `s`: `[00:12:34]`, `(00:12:34)` or `00:12:34 ` (hours
/// optional, a fraction allowed), and what follows it.
fn leading_time(s: &str) -> Option<(u64, &str)> {
    let s = s.trim_start();
    let (inner, rest) = if let Some(r) = s.strip_prefix('[') {
        let end = r.find(']')?;
        (&r[..end], &r[end + 1..])
    } else if let Some(r) = s.strip_prefix('(') {
        let end = r.find(')')?;
        (&r[..end], &r[end + 1..])
    } else {
        let end = s.find(char::is_whitespace)?;
        (&s[..end], &s[end..])
    };
    if !inner.contains(':')
        || !inner
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | ','))
    {
        return None;
    }
    Some((super::cue::parse_time(inner)?, rest))
}

/// `Label: rest`, also as `@Label:`, `#Label:`, `**Label:**` or `**Label**:`.
fn colon_label(s: &str) -> Option<(&str, &str)> {
    let s = s.strip_prefix(['@', '#']).unwrap_or(s);
    let (bold, s) = match s.strip_prefix("**") {
        Some(r) => (true, r),
        None => (false, s),
    };
    let colon = s.find(':')?;
    let mut label = s[..colon].trim();
    let mut rest = &s[colon + 1..];
    if bold {
        label = label.strip_suffix("**").unwrap_or(label).trim();
        rest = rest.strip_prefix("**").unwrap_or(rest);
    }
    if !(rest.is_empty() || rest.starts_with([' ', '\t', '\u{a0}'])) || !label_shape_ok(label) {
        return None;
    }
    Some((label, rest))
}

/// `[Label] rest` or `{Label} rest`; the label must start with a capital or a digit, so
/// Jefferson overlap brackets (`[samtidig]`) and times are not taken for names.
fn bracket_label(s: &str) -> Option<(&str, &str)> {
    let (open, close) = match s.chars().next()? {
        '[' => ('[', ']'),
        '{' => ('{', '}'),
        _ => return None,
    };
    let inner_end = s.find(close)?;
    let label = s[open.len_utf8()..inner_end].trim();
    let rest = &s[inner_end + 1..];
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    let starts_right = label
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if !starts_right
        || label.contains(':')
        || !(rest.is_empty() || rest.starts_with([' ', '\t']))
        || !label_shape_ok(label)
    {
        return None;
    }
    Some((label, rest))
}

/// If the line starts like a turn, its head.
pub fn head_of(line: &str) -> Option<Head<'_>> {
    let mut s = line.trim_start();
    let mut ms = None;
    if let Some((t, rest)) = leading_time(s) {
        ms = Some(t);
        s = rest.trim_start();
    }
    let (label, mut rest) = bracket_label(s).or_else(|| colon_label(s))?;
    if ms.is_none()
        && let Some((t, r)) = leading_time(rest)
    {
        ms = Some(t);
        rest = r;
    }
    Some(Head {
        label,
        rest: rest.trim(),
        ms,
    })
}

/// If the line starts with something shaped like a speaker label, the label and the
/// rest of the line.
pub fn label_of(line: &str) -> Option<(&str, &str)> {
    head_of(line).map(|h| (h.label, h.rest))
}

/// An f4/f5 time mark (`#00:01:23-4#`, tenths after the dash) at the end of `text`:
/// the time, and the text without it.
fn trailing_f4_mark(text: &str) -> Option<(u64, &str)> {
    let body = text.trim_end().strip_suffix('#')?;
    let start = body.rfind('#')?;
    let mark = &body[start + 1..];
    let (clock, tenths) = mark.split_once('-')?;
    let tenths: u64 = if tenths.len() == 1 {
        tenths.parse().ok()?
    } else {
        return None;
    };
    let ms = super::cue::parse_time(clock)?.checked_add(tenths * 100)?;
    Some((ms, body[..start].trim_end()))
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
            let head = head_of(line).unwrap_or(Head {
                label: "",
                rest: line,
                ms: None,
            });
            current = Some(Segment {
                speaker: Some(head.label.split_whitespace().collect::<Vec<_>>().join(" ")),
                start_ms: head.ms,
                text: head.rest.to_string(),
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
    // An f4 mark closing a turn is the time the next one starts.
    for k in 0..segments.len() {
        if let Some((ms, words)) = trailing_f4_mark(&segments[k].text) {
            segments[k].text = words.to_string();
            if let Some(next) = segments.get_mut(k + 1) {
                next.start_ms.get_or_insert(ms);
            }
        }
    }
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

    fn timed(text: &str) -> Vec<(Option<String>, Option<u64>, String)> {
        parse(text)
            .into_iter()
            .map(|s| (s.speaker, s.start_ms, s.text))
            .collect()
    }

    #[test]
    fn a_note_in_parentheses_belongs_to_the_label() {
        assert_eq!(label_of("Kari (Host): hei"), Some(("Kari (Host)", "hei")));
        assert_eq!(
            label_of("Erfaringskonsulent B (iPhone): ja"),
            Some(("Erfaringskonsulent B (iPhone)", "ja"))
        );
        // Prose with brackets inside stays prose.
        assert_eq!(label_of("Vi (altså jeg) sa: nei"), None);
        assert_eq!(label_of("(Latter): ja"), None);
    }

    #[test]
    fn times_beside_labels_and_label_variants() {
        let text = "[00:00:05] M: Velkommen.\nP1: [00:00:09] Takk.\n00:00:12 @P2: Hei.\n\
                    **M:** Flott.\n[P1] Ja.\n{P2}\tNei.\n#M: Ok.\n[samtidig] ja\n";
        assert_eq!(
            timed(text),
            vec![
                (Some("M".into()), Some(5_000), "Velkommen.".into()),
                (Some("P1".into()), Some(9_000), "Takk.".into()),
                (Some("P2".into()), Some(12_000), "Hei.".into()),
                (Some("M".into()), None, "Flott.".into()),
                (Some("P1".into()), None, "Ja.".into()),
                (Some("P2".into()), None, "Nei.".into()),
                (Some("M".into()), None, "Ok.\n[samtidig] ja".into()),
            ]
        );
    }

    #[test]
    fn f4_marks_time_the_next_turn() {
        let text = "I: Hvordan var det? #00:00:07-3#\nB: Det var fint. #00:01:02-0#\nI: Takk.\n";
        assert_eq!(
            timed(text),
            vec![
                (Some("I".into()), None, "Hvordan var det?".into()),
                (Some("B".into()), Some(7_300), "Det var fint.".into()),
                (Some("I".into()), Some(62_000), "Takk.".into()),
            ]
        );
    }

    #[test]
    fn a_speaker_who_speaks_once_is_still_a_speaker() {
        let text = "K: Velkommen.\nP1: Takk.\nK: Noen flere?\nP5: Ja, jeg.\n";
        assert_eq!(turns(text)[3], t(Some("P5"), "Ja, jeg."));
    }
}
