//! Control characters: what they become when text comes in, and how they are shown when
//! text goes out. A control character in a transcript, a speaker label, a file name or
//! a code name is never written to a terminal as it is: an escape sequence could clear
//! the screen, rewrite the clipboard (OSC 52) or hide text, and a bidi control could
//! make a name read backwards.

use std::borrow::Cow;
use std::io::{self, Write};

/// True for the characters kondens replaces when text comes in: every control character
/// (C0, DEL, C1) but the line break and the tab.
pub fn is_unwanted_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// True for the invisible characters that change the direction of the text around them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every unwanted control character replaced by U+FFFD, and how many were.
pub fn replace_controls(text: &str) -> (Cow<'_, str>, usize) {
    if !text.chars().any(is_unwanted_control) {
        return (Cow::Borrowed(text), 0);
    }
    let mut n = 0;
    let out = text
        .chars()
        .map(|c| {
            if is_unwanted_control(c) {
                n += 1;
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect();
    (Cow::Owned(out), n)
}

/// `text` as a terminal may show it: control characters as `\u{1b}`, bidi controls as
/// `<U+202E>`, everything else (line breaks and tabs too) as it is.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| is_unwanted_control(c) || is_bidi_control(c))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        push_for_terminal(&mut out, c);
    }
    Cow::Owned(out)
}

fn push_for_terminal(out: &mut String, c: char) {
    use std::fmt::Write as _;
    if is_unwanted_control(c) {
        let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
    } else if is_bidi_control(c) {
        let _ = write!(out, "<U+{:04X}>", u32::from(c));
    } else {
        out.push(c);
    }
}

/// How an [`EscapingWriter`] writes what it escapes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Escape {
    /// For people: as [`for_terminal`] shows it.
    Text,
    /// Inside JSON strings (the only place such characters can be in JSON that serde
    /// writes): `\u009b`, which reads back as the same character.
    Json,
}

/// A writer that escapes control and bidi characters on their way through, whatever
/// the pieces the text comes in (a character split between two writes waits for the
/// rest of it).
pub struct EscapingWriter<W: Write> {
    inner: W,
    how: Escape,
    pending: Vec<u8>,
}

impl<W: Write> EscapingWriter<W> {
    /// Escapes for people or for JSON.
    pub fn new(inner: W, how: Escape) -> Self {
        EscapingWriter {
            inner,
            how,
            pending: Vec::new(),
        }
    }

    fn escape<'s>(&self, s: &'s str) -> Cow<'s, str> {
        match self.how {
            Escape::Text => for_terminal(s),
            Escape::Json => {
                let odd = |c: char| {
                    // serde_json has escaped the C0 controls already; what is left is DEL,
                    // the C1 controls and the bidi controls, all inside strings.
                    (c.is_control() && !c.is_ascii_control()) || c == '\u{7f}' || is_bidi_control(c)
                };
                if !s.chars().any(odd) {
                    return Cow::Borrowed(s);
                }
                let mut out = String::with_capacity(s.len() + 16);
                for c in s.chars() {
                    if odd(c) {
                        use std::fmt::Write as _;
                        let _ = write!(out, "\\u{:04x}", u32::from(c));
                    } else {
                        out.push(c);
                    }
                }
                Cow::Owned(out)
            }
        }
    }

    fn pass(&mut self, s: &str) -> io::Result<()> {
        match self.escape(s) {
            Cow::Borrowed(b) => self.inner.write_all(b.as_bytes()),
            Cow::Owned(o) => self.inner.write_all(o.as_bytes()),
        }
    }
}

impl<W: Write> Write for EscapingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // The common case: whole characters, nothing waiting.
        if self.pending.is_empty()
            && let Ok(s) = std::str::from_utf8(buf)
        {
            self.pass(s)?;
            return Ok(buf.len());
        }
        self.pending.extend_from_slice(buf);
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(s) => s.len(),
            // An incomplete character at the end waits; anything else is not text and
            // goes through replaced.
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => {
                let lossy = String::from_utf8_lossy(&self.pending).into_owned();
                self.pending.clear();
                self.pass(&lossy)?;
                return Ok(buf.len());
            }
        };
        let rest = self.pending.split_off(valid);
        let text = String::from_utf8(std::mem::replace(&mut self.pending, rest))
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        self.pass(&text)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let lossy = String::from_utf8_lossy(&self.pending).into_owned();
            self.pending.clear();
            self.pass(&lossy)?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_shown_never_sent() {
        let hostile = "Kari\u{1b}[2J\u{1b}]52;c;aGk=\u{7}\u{9b}31m \u{202e}dlrow\n\tok";
        let shown = for_terminal(hostile);
        assert!(!shown.chars().any(is_unwanted_control), "{shown}");
        assert!(!shown.chars().any(is_bidi_control), "{shown}");
        assert_eq!(
            shown,
            "Kari\\u{1b}[2J\\u{1b}]52;c;aGk=\\u{7}\\u{9b}31m <U+202E>dlrow\n\tok"
        );
        assert_eq!(for_terminal("blåbær «ja»"), "blåbær «ja»");
        let (clean, n) = replace_controls(hostile);
        assert_eq!(n, 4);
        assert!(clean.contains("Kari\u{FFFD}[2J") && clean.ends_with("\n\tok"));
    }

    proptest::proptest! {
        /// Whatever the text and however it is cut into writes, no control character but
        /// the line break and tab comes out, and JSON reads back as the same text.
        #[test]
        fn a_writer_escapes_across_any_cut(text in "\\PC{0,12}|[\\x00-\\x1f\\x7f-\\u{9f}\\u{202e}aø]{0,12}", cut in 0usize..40) {
            let bytes = text.as_bytes();
            let at = cut.min(bytes.len());
            let mut w = EscapingWriter::new(Vec::new(), Escape::Text);
            w.write_all(&bytes[..at]).unwrap();
            w.write_all(&bytes[at..]).unwrap();
            w.flush().unwrap();
            let out = String::from_utf8(w.inner).unwrap();
            proptest::prop_assert!(!out.chars().any(|c| is_unwanted_control(c) || is_bidi_control(c)));
            proptest::prop_assert_eq!(&out, &for_terminal(&text).into_owned());

            let json = serde_json::to_string(&text).unwrap();
            let mut w = EscapingWriter::new(Vec::new(), Escape::Json);
            w.write_all(&json.as_bytes()[..cut.min(json.len())]).unwrap();
            w.write_all(&json.as_bytes()[cut.min(json.len())..]).unwrap();
            w.flush().unwrap();
            let out = String::from_utf8(w.inner).unwrap();
            proptest::prop_assert!(!out.chars().any(|c| c.is_control() || is_bidi_control(c)));
            let back: String = serde_json::from_str(&out).unwrap();
            proptest::prop_assert_eq!(back, text);
        }
    }
}
