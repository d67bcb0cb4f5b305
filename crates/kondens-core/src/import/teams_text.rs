//! The legacy Teams transcript layout, in a `.docx` or copied into a text file: a
//! timings line (`0:0:0.0 --> 0:0:3.750`), the speaker's name on the next line, then the
//! words until the next timings line.

use super::cue::parse_timings;
use super::turns::Segment;

/// True when at least two lines are timings lines followed by a name line.
pub fn looks_like(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    lines
        .windows(2)
        .filter(|w| {
            parse_timings(w[0]).is_some() && !w[1].is_empty() && parse_timings(w[1]).is_none()
        })
        .count()
        >= 2
}

/// Parses the layout into segments.
pub fn parse(text: &str) -> (Vec<Segment>, Vec<String>) {
    let lines: Vec<&str> = text.lines().collect();
    let mut segments: Vec<Segment> = Vec::new();
    let mut i = 0;
    let mut preamble: Vec<&str> = Vec::new();
    while i < lines.len() {
        let Some((start, _)) = parse_timings(lines[i]) else {
            if segments.is_empty() && !lines[i].trim().is_empty() {
                preamble.push(lines[i].trim());
            }
            i += 1;
            continue;
        };
        let name = lines
            .get(i + 1)
            .map(|l| l.trim())
            .filter(|l| !l.is_empty() && parse_timings(l).is_none());
        let mut j = i + 1 + usize::from(name.is_some());
        let mut words: Vec<&str> = Vec::new();
        let mut after: Vec<&str> = Vec::new();
        while j < lines.len() && parse_timings(lines[j]).is_none() {
            let line = lines[j].trim();
            // Table rows (cells joined by tabs) are the export's metadata, not speech:
            // kept, but not as this speaker's words.
            if line.contains('\t') {
                after.push(line);
            } else if !line.is_empty() {
                words.push(line);
            }
            j += 1;
        }
        segments.push(Segment {
            speaker: name.map(str::to_string),
            start_ms: Some(start),
            text: words.join(" "),
            line: i + 1,
        });
        if !after.is_empty() {
            segments.push(Segment {
                speaker: None,
                start_ms: None,
                text: after.join("\n"),
                line: j,
            });
        }
        i = j;
    }
    if !preamble.is_empty() {
        segments.insert(
            0,
            Segment {
                speaker: None,
                start_ms: None,
                text: preamble.join("\n"),
                line: 1,
            },
        );
    }
    (segments, Vec::new())
}
