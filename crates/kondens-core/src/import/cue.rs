//! What WebVTT and SRT share: timestamps, HTML character references, markup to drop,
//! and the rule for a speaker written in the text (`Kari Nordmann: words`, as Zoom and
//! transcription services write it).

use std::collections::HashMap;

/// A cue timestamp in milliseconds. Accepts the WebVTT form (`[hh:]mm:ss.ttt`), SRT's
/// comma, and the unpadded legacy Teams form (`0:0:6.90`), whose fraction is whole
/// milliseconds (`6.90` is 6.090 s: read as tenths, legacy cues would end before they
/// start). A leading `-` (a negative offset) counts as 0.
pub fn parse_time(s: &str) -> Option<u64> {
    let s = s.trim();
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (clock, fraction) = match s.rfind(['.', ',', ';']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let parts: Vec<&str> = clock.split(':').collect();
    if !(2..=3).contains(&parts.len())
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let num = |p: &str| p.parse::<u64>().ok();
    let (h, m, sec) = match parts.as_slice() {
        [m, sec] => (0, num(m)?, num(sec)?),
        [h, m, sec] => (num(h)?, num(m)?, num(sec)?),
        _ => return None,
    };
    if m > 59 || sec > 59 {
        return None;
    }
    let ms = match fraction {
        None => 0,
        Some(f) if f.is_empty() || f.len() > 3 || !f.bytes().all(|b| b.is_ascii_digit()) => {
            return None;
        }
        Some(f) => f.parse::<u64>().ok()?,
    };
    if negative {
        return Some(0);
    }
    // Checked: a file may claim any number of hours.
    h.checked_mul(3_600_000)?
        .checked_add((m * 60 + sec) * 1000 + ms)
}

/// Splits a timings line (`start --> end [settings]`) into its two times. Tolerates
/// `->` and `—>` arrows, as SRT files in the wild have them.
pub fn parse_timings(line: &str) -> Option<(u64, u64)> {
    let (left, right) = ["-->", "—>", "->"]
        .iter()
        .find_map(|arrow| line.split_once(arrow))?;
    let end = right.split_whitespace().next()?;
    Some((parse_time(left)?, parse_time(end)?))
}

/// Decodes HTML character references (`&amp;`, `&#229;`, `&#xE5;`, common named ones);
/// an `&` that starts none is kept as it is.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(';').map(|j| j + 1).filter(|j| *j <= 12);
        let decoded = end.and_then(|j| entity(&rest[1..j]).map(|c| (c, j)));
        match decoded {
            Some((c, j)) => {
                out.push(c);
                rest = &rest[j + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "lrm" => '\u{200e}',
        "rlm" => '\u{200f}',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "laquo" => '«',
        "raquo" => '»',
        "aring" => 'å',
        "Aring" => 'Å',
        "aelig" => 'æ',
        "AElig" => 'Æ',
        "oslash" => 'ø',
        "Oslash" => 'Ø',
        _ => return None,
    })
}

/// Takes out `<…>` markup and `{\…}` overrides, keeping the text between them.
pub fn strip_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        // A ruby annotation (`<rt>kan</rt>`) is a reading aid, not words: dropped whole.
        let rt = s[i..].starts_with("<rt")
            && matches!(s.as_bytes().get(i + 3), Some(b'>' | b'.' | b' '));
        if rt && let Some(end) = s[i..].find("</rt>") {
            while chars
                .peek()
                .is_some_and(|(j, _)| *j < i + end + "</rt>".len())
            {
                chars.next();
            }
            continue;
        }
        let close = match c {
            '<' => '>',
            '{' if s[i + 1..].starts_with('\\') => '}',
            _ => {
                out.push(c);
                continue;
            }
        };
        match s[i..].find(close) {
            Some(len) => {
                while chars.peek().is_some_and(|(j, _)| *j <= i + len) {
                    chars.next();
                }
            }
            None => out.push(c),
        }
    }
    out
}

/// Joins a cue's display lines into running text.
pub fn join_lines(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A `Name: words` prefix of a cue: the name and the words, if the text starts with
/// something shaped like a speaker (the first `": "` within 63 characters, not a URL, no
/// sentence punctuation).
pub fn name_prefix(text: &str) -> Option<(&str, &str)> {
    let i = text.find(": ")?;
    let name = text[..i].trim();
    if name.is_empty()
        || name.chars().count() > 63
        || name.contains(['.', '?', '!'])
        || name.to_ascii_lowercase().starts_with("http")
    {
        return None;
    }
    Some((name, text[i + 2..].trim_start()))
}

/// A display name as meeting software shows it: a few words, starting with a capital,
/// perhaps with a device or role in brackets (`Deltaker 3 (iPhone)`), and not a note word.
fn looks_like_display_name(name: &str) -> bool {
    let words = name.split_whitespace().count();
    (1..=5).contains(&words)
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !super::plain::is_note_label(name)
}

/// Decides which `Name:` prefixes in a file are speakers: one used in two or more cues
/// is; one used once is if it looks like a display name rather than a note (`Tid: to år`).
pub fn speaker_prefixes<'a>(texts: impl Iterator<Item = &'a str>) -> impl Fn(&str) -> bool {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for t in texts {
        if let Some((name, _)) = name_prefix(t) {
            *counts.entry(name.to_string()).or_default() += 1;
        }
    }
    move |name: &str| counts.get(name).is_some_and(|n| *n >= 2) || looks_like_display_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_in_every_dialect() {
        assert_eq!(parse_time("00:01.000"), Some(1_000));
        assert_eq!(parse_time("01:02:03.004"), Some(3_723_004));
        assert_eq!(parse_time("100:00:00.000"), Some(360_000_000));
        assert_eq!(parse_time("00:00:05,320"), Some(5_320));
        assert_eq!(
            parse_time("0:0:6.90"),
            Some(6_090),
            "legacy Teams: whole milliseconds"
        );
        assert_eq!(parse_time("-0:0:1.5"), Some(0));
        assert_eq!(parse_time("00:61.000"), None);
        assert_eq!(parse_time("99999999999999999999:00:00.000"), None);
        assert_eq!(
            parse_time("9999999999999999:00:00.000"),
            None,
            "too many hours for u64 ms"
        );
        assert_eq!(parse_time("ab:cd"), None);
        assert_eq!(
            parse_timings("00:00:12,100 --> 00:00:15,930 X1:100 X2:200"),
            Some((12_100, 15_930))
        );
        assert_eq!(
            parse_timings("00:01.000 --> 00:04.000 align:left size:50%"),
            Some((1_000, 4_000))
        );
        assert_eq!(
            parse_timings("00:00:01,000 -> 00:00:02,000"),
            Some((1_000, 2_000))
        );
    }

    #[test]
    fn entities_and_markup() {
        assert_eq!(
            decode_entities("R&amp;D &#229;&#xE5; &mdash; & co &bogus;"),
            "R&D åå — & co &bogus;"
        );
        assert_eq!(
            strip_markup("<i>Ørjan:</i> {\\an8}Takk <font color=\"red\">ja</font>"),
            "Ørjan: Takk ja"
        );
        assert_eq!(strip_markup("a < b"), "a < b");
    }

    #[test]
    fn name_prefixes() {
        assert_eq!(
            name_prefix("Deltaker 3 (iPhone): Hei! Tid: to år."),
            Some(("Deltaker 3 (iPhone)", "Hei! Tid: to år."))
        );
        assert_eq!(name_prefix("mm, og jeg har vært der"), None);
        assert_eq!(name_prefix("Se https://x.no: her"), None);
        let is = speaker_prefixes(["Kari: a", "Kari: b", "Tid: to år"].into_iter());
        assert!(is("Kari") && !is("Tid"));
    }
}
