//! A small XML writer for the REFI-QDA files: elements, attributes and text, escaped,
//! with the characters XML 1.0 cannot carry replaced by U+FFFD (kondens's texts have
//! none, but a name typed before that rule may).

use std::fmt::Write;

/// An XML document being written, indented two spaces a level: into a string, or
/// streamed into a writer a piece at a time (a large project is never held whole).
pub struct Xml<'w> {
    out: String,
    depth: usize,
    sink: Option<&'w mut dyn std::io::Write>,
    failed: Option<std::io::Error>,
}

/// Escapes `s` for an attribute value (where line ends and tabs must be written as
/// references, or a reader folds them into spaces).
pub fn escape(s: &str) -> String {
    escaped(s, true)
}

/// Escapes element text: line ends stay line ends.
fn escape_text(s: &str) -> String {
    escaped(s, false)
}

fn escaped(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            c if c == '\n' || c == '\t' || allowed(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// XML 1.0's `Char` production.
fn allowed(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

impl Xml<'static> {
    /// A document with the XML declaration, kept in memory.
    pub fn new() -> Xml<'static> {
        Xml {
            out: String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"),
            depth: 0,
            sink: None,
            failed: None,
        }
    }
}

impl<'w> Xml<'w> {
    /// A document with the XML declaration, streamed into `sink`.
    pub fn to(sink: &'w mut dyn std::io::Write) -> Xml<'w> {
        Xml {
            sink: Some(sink),
            ..Xml::new()
        }
    }

    /// Passes what is written on to the sink, in pieces of 64 KiB.
    fn spill(&mut self, at_least: usize) {
        if self.out.len() < at_least || self.failed.is_some() {
            return;
        }
        if let Some(sink) = self.sink.as_mut() {
            if let Err(e) = sink.write_all(self.out.as_bytes()) {
                self.failed = Some(e);
            }
            self.out.clear();
        }
    }

    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            let _ = write!(self.out, " {k}=\"{}\"", escape(v));
        }
    }

    /// Opens an element; [`Xml::close`] ends it.
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start(name, attrs);
        self.out.push_str(">\n");
        self.depth += 1;
        self.spill(1 << 16);
    }

    /// Ends the element `name`.
    pub fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        let _ = writeln!(self.out, "</{name}>");
        self.spill(1 << 16);
    }

    /// An element with attributes only.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start(name, attrs);
        self.out.push_str("/>\n");
        self.spill(1 << 16);
    }

    /// An element holding text (kept as it is: no indentation inside).
    pub fn text(&mut self, name: &str, text: &str) {
        self.start(name, &[]);
        let _ = writeln!(self.out, ">{}</{name}>", escape_text(text));
        self.spill(1 << 16);
    }

    /// The document (what is not yet streamed), or the sink's error.
    pub fn finish(mut self) -> std::io::Result<String> {
        self.spill(0);
        match self.failed {
            Some(e) => Err(e),
            None => Ok(self.out),
        }
    }
}
