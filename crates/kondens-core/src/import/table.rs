//! Transcripts laid out as a table, one row per turn: time | speaker | words (or
//! speaker | time | words), as transcription services and some Word templates write
//! them. A Word table reaches here as lines with tab-separated cells; a text file can
//! have the same shape. A header row (`Tid | Taler | Tekst`) and rows that do not fit
//! are kept as unattributed text, never dropped.

use super::cue::parse_time;
use super::turns::Segment;

/// A time cell: `00:12:34`, `12:34`, `[00:12:34]`, `(00:12)`.
fn time_cell(cell: &str) -> Option<u64> {
    let c = cell
        .trim()
        .trim_start_matches(['[', '('])
        .trim_end_matches([']', ')']);
    parse_time(c)
}

/// The row's (time, speaker, words), when it has the table shape.
fn row(line: &str) -> Option<(u64, &str, String)> {
    let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
    if cells.len() < 3 {
        return None;
    }
    let words = cells[2..].join(" ").trim().to_string();
    let (time, speaker) = match (time_cell(cells[0]), time_cell(cells[1])) {
        (Some(t), None) => (t, cells[1]),
        (None, Some(t)) => (t, cells[0]),
        _ => return None,
    };
    let short = !speaker.is_empty() && speaker.chars().count() <= 40;
    short.then_some((time, speaker.trim_end_matches(':').trim(), words))
}

/// True when most non-empty lines are table rows (at least two).
pub fn looks_like(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let rows = lines.iter().filter(|l| row(l).is_some()).count();
    rows >= 2 && rows * 2 >= lines.len()
}

/// Parses the rows into segments; other lines become unattributed segments.
pub fn parse(text: &str) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let seg = match row(line) {
            Some((time, speaker, words)) => Segment {
                speaker: Some(speaker.to_string()),
                start_ms: Some(time),
                text: words,
                line: i + 1,
            },
            None => Segment {
                speaker: None,
                start_ms: None,
                text: line.replace('\t', " ").trim().to_string(),
                line: i + 1,
            },
        };
        out.push(seg);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_with_the_time_first_or_second() {
        let text = "Tid\tTaler\tTekst\n00:00:05\tKari\tHei.\n[00:01:10]\tP2:\tJa,\tnettopp.\nOla\t01:02\tNei.\n";
        assert!(looks_like(text));
        let segs = parse(text);
        let got: Vec<(Option<&str>, Option<u64>, &str)> = segs
            .iter()
            .map(|s| (s.speaker.as_deref(), s.start_ms, s.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (None, None, "Tid Taler Tekst"),
                (Some("Kari"), Some(5_000), "Hei."),
                (Some("P2"), Some(70_000), "Ja, nettopp."),
                (Some("Ola"), Some(62_000), "Nei."),
            ]
        );
        assert!(!looks_like("P1:\tHei.\nP2:\tJa.\n"));
    }
}
