//! Otter.ai `.txt` exports: a header line `Name  0:07` (the name, two or more spaces, the
//! time) starts each turn — or just the time when names were not exported — and the lines
//! up to the next header are its words. `Unknown Speaker` is speech Otter could not
//! attribute. The footer `Transcribed by https://otter.ai` is dropped.

use super::cue::parse_time;
use super::turns::Segment;

/// A header line: the speaker (if named) and the time.
fn header(line: &str) -> Option<(Option<&str>, u64)> {
    let t = line.trim_end();
    let (name, time) = match t.rfind("  ") {
        Some(i) => (Some(t[..i].trim()).filter(|n| !n.is_empty()), t[i..].trim()),
        None => (None, t.trim()),
    };
    let shaped = time.len() >= 4
        && time.contains(':')
        && time.bytes().all(|b| b.is_ascii_digit() || b == b':');
    if !shaped {
        return None;
    }
    Some((name, parse_time(time)?))
}

/// Lines meeting software writes about the meeting, not speech (Teams: "Kari started
/// transcription"). They are kept, as unattributed lines, never as someone's words.
/// True for a meeting's system line (`Kari Nordmann started transcription`): the
/// English and Norwegian ones, and those the user's config adds (`extra`).
fn is_system_line(line: &str, extra: &[String]) -> bool {
    const PHRASES: &[&str] = &[
        "started transcription",
        "stopped transcription",
        "joined the meeting",
        "left the meeting",
        "startet transkripsjonen",
        "stoppet transkripsjonen",
        "ble med i møtet",
        "forlot møtet",
    ];
    let l = line.trim().to_lowercase();
    PHRASES.iter().any(|p| l.ends_with(p))
        || extra
            .iter()
            .map(|p| p.trim().to_lowercase())
            .any(|p| !p.is_empty() && l.ends_with(&p))
}

fn is_footer(line: &str) -> bool {
    let l = line.trim().to_ascii_lowercase();
    l.starts_with("transcribed by http") && l.contains("otter.ai")
}

/// True when the text looks like an Otter export: two named headers, or the footer.
pub fn looks_like_otter(text: &str) -> bool {
    text.lines().any(is_footer)
        || text
            .lines()
            .filter(|l| header(l).is_some_and(|(n, _)| n.is_some()))
            .count()
            >= 2
}

/// Parses an Otter `.txt` export into segments.
pub fn parse(text: &str, extra: &[String]) -> (Vec<Segment>, Vec<String>) {
    let mut segments: Vec<Segment> = Vec::new();
    let mut current: Option<Segment> = None;
    for (i, line) in text.lines().enumerate() {
        if is_footer(line) {
            continue;
        }
        if let Some((name, ms)) = header(line) {
            segments.extend(current.take());
            let speaker = name.filter(|n| !n.eq_ignore_ascii_case("unknown speaker"));
            current = Some(Segment {
                speaker: speaker.map(str::to_string),
                start_ms: Some(ms),
                text: String::new(),
                line: i + 1,
            });
            continue;
        }
        let words = line.trim();
        if is_system_line(words, extra) {
            segments.extend(current.take());
            segments.push(Segment {
                speaker: None,
                start_ms: None,
                text: words.to_string(),
                line: i + 1,
            });
            continue;
        }
        let seg = current.get_or_insert_with(|| Segment {
            speaker: None,
            start_ms: None,
            text: String::new(),
            line: i + 1,
        });
        if !words.is_empty() {
            if !seg.text.is_empty() {
                seg.text.push('\n');
            }
            seg.text.push_str(words);
        }
    }
    segments.extend(current);
    (segments, Vec::new())
}
