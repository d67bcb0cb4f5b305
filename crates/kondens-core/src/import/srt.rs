//! SubRip (`.srt`), read tolerantly as Subtitle Edit does: anchored on timecode lines, so
//! missing or out-of-order numbers, missing or extra blank lines, `.` for `,`, arrows like
//! `->`, and coordinates after the end time all read. Markup (`<i>`, `{\an8}`) is
//! dropped; a speaker written as `Name: words` is recognised as in Zoom files.

use super::cue::{join_lines, name_prefix, parse_timings, speaker_prefixes, strip_markup};
use super::turns::Segment;

/// True when the text looks like SRT: a number line, then a timings line with an arrow.
pub fn looks_like_srt(text: &str) -> bool {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("");
    let second = lines.next().unwrap_or("");
    (first.bytes().all(|b| b.is_ascii_digit()) && parse_timings(second).is_some())
        || (first.contains("-->") && first.contains(',') && parse_timings(first).is_some())
}

/// Parses SRT text into segments, with warnings.
pub fn parse(text: &str) -> (Vec<Segment>, Vec<String>) {
    let lines: Vec<&str> = text.lines().collect();
    let timecodes: Vec<(usize, u64)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| parse_timings(l).map(|(start, _)| (i, start)))
        .collect();
    let mut warnings = Vec::new();
    if timecodes.is_empty() {
        warnings.push("no timecode lines (00:00:01,000 --> 00:00:02,000) were found".to_string());
    }
    let mut cues: Vec<(usize, u64, String)> = Vec::new();
    for (k, (i, start)) in timecodes.iter().enumerate() {
        let end = timecodes.get(k + 1).map_or(lines.len(), |(j, _)| *j);
        let mut body: Vec<&str> = lines[i + 1..end].iter().map(|l| l.trim()).collect();
        while body.last().is_some_and(|l| l.is_empty()) {
            body.pop();
        }
        // The next cue's number sits just before its timecode line.
        if k + 1 < timecodes.len()
            && body
                .last()
                .is_some_and(|l| l.bytes().all(|b| b.is_ascii_digit()))
        {
            body.pop();
        }
        let text = join_lines(&strip_markup(&body.join("\n")));
        if !text.is_empty() {
            cues.push((i + 1, *start, text));
        }
    }
    if cues.windows(2).any(|w| w[1].1 < w[0].1) {
        warnings.push("cues are out of time order; they were put in order".to_string());
        cues.sort_by_key(|c| c.1);
    }
    let is_speaker = speaker_prefixes(cues.iter().map(|c| c.2.as_str()));
    let segments = cues
        .iter()
        .map(|(line, start, text)| {
            let (speaker, words) = match name_prefix(text) {
                Some((name, words)) if is_speaker(name) => {
                    (Some(name.to_string()), words.to_string())
                }
                _ => (None, text.clone()),
            };
            Segment {
                speaker,
                start_ms: Some(*start),
                text: words,
                line: *line,
            }
        })
        .collect();
    (segments, warnings)
}
