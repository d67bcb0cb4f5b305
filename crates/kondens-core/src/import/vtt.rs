//! WebVTT, as the W3C rules read it, with what Zoom, Teams and the Graph API actually
//! write: `NOTE`/`STYLE`/`REGION` blocks skipped, cue ids of any shape, timings with and
//! without hours and with settings, voice spans (`<v Name>`, several per cue, unclosed,
//! with classes), other tags dropped, character references decoded, a `-->` line ending
//! a cue that has no blank line after it, Zoom's `Name: words` payloads, and unpadded
//! legacy timings, and Graph `metadataContent` cues whose payload is JSON
//! (`speakerName`, `spokenText`). A cue whose timings cannot be read is dropped with a warning naming
//! its line; the rest imports.

use super::cue::{decode_entities, join_lines, name_prefix, parse_timings, speaker_prefixes};
use super::turns::Segment;

/// True when the text starts with the WebVTT signature.
pub fn is_vtt(text: &str) -> bool {
    let first = text.lines().next().unwrap_or("");
    first.starts_with("WEBVTT")
        && first[6..]
            .chars()
            .next()
            .is_none_or(|c| c == ' ' || c == '\t')
}

struct Cue {
    line: usize,
    start_ms: u64,
    payload: String,
}

/// Parses WebVTT text into segments, with warnings. Without the signature it parses
/// anyway (the caller asked for VTT) and says so.
pub fn parse(text: &str) -> (Vec<Segment>, Vec<String>) {
    let mut warnings = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut cues = Vec::new();
    // Skip the header: the signature line and what follows it up to a blank line.
    let mut i = if is_vtt(text) {
        lines
            .iter()
            .position(|l| l.trim().is_empty())
            .unwrap_or(lines.len())
    } else {
        warnings.push("line 1: no WEBVTT signature; read as WebVTT anyway".to_string());
        0
    };
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        // A block runs to the next blank line, or to a line with `-->` that is not this
        // block's own timings line.
        let start = i;
        let timing_at = if lines[i].contains("-->") {
            Some(i)
        } else if lines.get(i + 1).is_some_and(|l| l.contains("-->")) {
            Some(i + 1)
        } else {
            None
        };
        let mut end = i + 1;
        while end < lines.len()
            && !lines[end].trim().is_empty()
            && !(lines[end].contains("-->") && Some(end) != timing_at)
        {
            end += 1;
        }
        i = end;
        let first = lines[start].trim_start();
        let is_comment = ["NOTE", "STYLE", "REGION"].iter().any(|k| {
            first
                .strip_prefix(k)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
        });
        let Some(t) = timing_at.filter(|_| !is_comment) else {
            if !is_comment {
                let text = lines[start..end].join(" ");
                warnings.push(if end >= lines.len() {
                    format!(
                        "line {}: the file ends in the middle of a cue ({:?}): was it cut \
                         off? That part was left out",
                        start + 1,
                        text.trim()
                    )
                } else {
                    format!(
                        "line {}: {:?} is not a cue (no `-->` timings line); it was left out",
                        start + 1,
                        text.trim()
                    )
                });
            }
            continue;
        };
        match parse_timings(lines[t]) {
            Some((start_ms, _)) => cues.push(Cue {
                line: t + 1,
                start_ms,
                payload: lines[t + 1..end].join("\n"),
            }),
            None => warnings.push(format!(
                "line {}: cue timings {:?} cannot be read; the cue was left out",
                t + 1,
                lines[t].trim()
            )),
        }
    }
    if cues.windows(2).any(|w| w[1].start_ms < w[0].start_ms) {
        warnings.push("cues are out of time order; they were put in order".to_string());
        cues.sort_by_key(|c| c.start_ms);
    }
    let meta: Vec<Option<(Option<String>, String)>> =
        cues.iter().map(|c| metadata_cue(&c.payload)).collect();
    let any_voice = cues.iter().any(|c| c.payload.contains("<v"));
    let plain: Vec<String> = if any_voice {
        Vec::new()
    } else {
        cues.iter()
            .zip(&meta)
            .map(|(c, m)| match m {
                Some(_) => String::new(),
                None => join_lines(&decode_entities(&super::cue::strip_markup(&c.payload))),
            })
            .collect()
    };
    let is_speaker = speaker_prefixes(plain.iter().map(String::as_str));
    let mut segments = Vec::new();
    for (k, cue) in cues.iter().enumerate() {
        if let Some((speaker, words)) = meta[k].clone() {
            segments.push(Segment {
                speaker,
                start_ms: Some(cue.start_ms),
                text: words,
                line: cue.line,
            });
        } else if any_voice {
            for (speaker, words) in voices(&cue.payload) {
                segments.push(Segment {
                    speaker,
                    start_ms: Some(cue.start_ms),
                    text: words,
                    line: cue.line,
                });
            }
        } else {
            // Zoom: `Name: words`, or no name when Zoom could not tell who spoke.
            let text = &plain[k];
            let (speaker, words) = match name_prefix(text) {
                Some((name, words)) if is_speaker(name) => {
                    (Some(name.to_string()), words.to_string())
                }
                _ => (None, text.clone()),
            };
            segments.push(Segment {
                speaker,
                start_ms: Some(cue.start_ms),
                text: words,
                line: cue.line,
            });
        }
    }
    (segments, warnings)
}

/// A Microsoft Graph `metadataContent` cue: a JSON object with `speakerName` and
/// `spokenText` instead of words.
fn metadata_cue(payload: &str) -> Option<(Option<String>, String)> {
    let p = payload.trim();
    if !p.starts_with('{') {
        return None;
    }
    let v: serde_json::Value = serde_json::from_str(p).ok()?;
    let text = v.get("spokenText")?.as_str()?.to_string();
    let speaker = v
        .get("speakerName")
        .and_then(|s| s.as_str())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    Some((speaker, text))
}

/// Splits a payload at its voice spans: each `<v Name>` starts that speaker's words;
/// `</v>` (or the next `<v>`) ends them; words outside any span have no speaker.
fn voices(payload: &str) -> Vec<(Option<String>, String)> {
    let mut out: Vec<(Option<String>, String)> = Vec::new();
    let mut speaker: Option<String> = None;
    let mut words = String::new();
    let flush =
        |speaker: &Option<String>, words: &mut String, out: &mut Vec<(Option<String>, String)>| {
            let text = join_lines(&decode_entities(words));
            if !text.is_empty() {
                out.push((speaker.clone(), text));
            }
            words.clear();
        };
    let mut rest = payload;
    while let Some(open) = rest.find('<') {
        words.push_str(&rest[..open]);
        let Some(len) = rest[open..].find('>') else {
            words.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let tag = &rest[open + 1..open + len];
        rest = &rest[open + len + 1..];
        let name: String = tag
            .chars()
            .take_while(|c| !matches!(c, '.' | ' ' | '\t'))
            .collect();
        match name.as_str() {
            "v" => {
                flush(&speaker, &mut words, &mut out);
                let annotation = tag.split_once([' ', '\t']).map_or("", |(_, a)| a);
                let who = join_lines(&decode_entities(annotation));
                speaker = (!who.is_empty()).then_some(who);
            }
            "/v" => {
                flush(&speaker, &mut words, &mut out);
                speaker = None;
            }
            // A ruby reading (`<rt>kan</rt>`) is an aid, not words: dropped whole.
            "rt" => rest = rest.find("</rt>").map_or(rest, |end| &rest[end + 5..]),
            _ => {} // other markup: dropped, its text kept
        }
    }
    words.push_str(rest);
    flush(&speaker, &mut words, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voices_split_a_cue() {
        assert_eq!(
            voices("<v P1>Enig.</v>\n<v P2>Ikke jeg.</v>"),
            vec![
                (Some("P1".into()), "Enig.".into()),
                (Some("P2".into()), "Ikke jeg.".into())
            ]
        );
        assert_eq!(
            voices("<v.first.loud Esme>No <i>way</i>!"),
            vec![(Some("Esme".into()), "No way!".into())]
        );
        assert_eq!(
            voices("<v R&amp;D-teamet>Ja &lt;3</v> [latter]"),
            vec![
                (Some("R&D-teamet".into()), "Ja <3".into()),
                (None, "[latter]".into()),
            ]
        );
        assert_eq!(voices("<v>Hvem?</v>"), vec![(None, "Hvem?".into())]);
    }

    #[test]
    fn signature() {
        assert!(is_vtt("WEBVTT\n\n") && is_vtt("WEBVTT - fg 2\n") && is_vtt("WEBVTT"));
        assert!(!is_vtt("webvtt\n") && !is_vtt("WEBVTT:\n") && !is_vtt("P1: hei"));
        let (segs, warnings) = parse("1\n00:01.000 --> 00:02.000\nKari: hei\n");
        assert_eq!(segs.len(), 1);
        assert!(warnings[0].contains("no WEBVTT signature"));
    }
}

#[cfg(test)]
mod cut_off_tests {
    use super::*;

    #[test]
    fn a_file_cut_off_in_a_cue_says_so_and_keeps_the_fragment_out_of_the_last_turn() {
        for cut in ["3\n00:04:4", "00:04:4"] {
            let text = format!(
                "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nKari: Hei.\n\n\
                 2\n00:00:03.000 --> 00:00:04.000\nOla: Takk.\n\n{cut}"
            );
            let (segs, warnings) = parse(&text);
            assert_eq!(segs.last().map(|s| s.text.as_str()), Some("Takk."));
            assert!(
                warnings
                    .iter()
                    .any(|w| w.contains("ends in the middle of a cue") && w.contains("00:04:4")),
                "{warnings:?}"
            );
        }
    }
}
