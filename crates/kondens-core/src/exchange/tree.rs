//! A REFI-QDA XML file read as small trees of elements (names without their namespace
//! prefix): a codebook whole, a project one part at a time — its users, code book,
//! cases, notes, and each source on its own — so a large project is never held whole.
//! With limits: no DTD (so no entity can expand), a bounded depth and element count.

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use std::io::BufRead;

/// How deep elements may nest (REFI-QDA code trees in the wild go 7 deep).
const MAX_DEPTH: usize = 256;
/// How many elements a file may have (a 1M-word project has about 100,000).
const MAX_ELEMENTS: usize = 20_000_000;

/// One element.
#[derive(Debug, Default)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Element>,
    pub text: String,
}

impl Element {
    /// The attribute `name`, if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The children named `name`.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
}

fn local(name: &str) -> String {
    match name.rsplit_once(':') {
        Some((_, l)) => l.to_string(),
        None => name.to_string(),
    }
}

fn element(e: &BytesStart<'_>) -> Result<Element, String> {
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| format!("an attribute is malformed: {err}"))?;
        let key = local(a.key.as_ref());
        let value = a
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|err| format!("the attribute {key} is malformed: {err}"))?;
        attrs.push((key, value.into_owned()));
    }
    Ok(Element {
        name: local(e.name().as_ref()),
        attrs,
        ..Element::default()
    })
}

/// A part of a project file, as it comes.
pub enum Item {
    /// A child of `<Project>` (`Users`, `CodeBook`, `Cases`, `Notes`, a `NoteRef`, …).
    Top(Element),
    /// A child of `<Sources>` (`TextSource`, `PDFSource`, …).
    Source(Element),
}

/// A REFI-QDA file read a part at a time.
pub struct Items<R: BufRead> {
    reader: Reader<R>,
    buf: Vec<u8>,
    /// 0 outside the root, 1 inside it, 2 inside `<Sources>`.
    level: usize,
    count: usize,
    /// The root element (its attributes), once read.
    pub root: Option<Element>,
}

impl<R: BufRead> Items<R> {
    /// Reads from `source`.
    pub fn new(source: R) -> Items<R> {
        Items {
            reader: Reader::from_reader(source),
            buf: Vec::new(),
            level: 0,
            count: 0,
            root: None,
        }
    }

    fn fail(&self, what: impl std::fmt::Display) -> String {
        format!("near byte {}: {what}", self.reader.buffer_position())
    }

    fn event(&mut self) -> Result<Event<'static>, String> {
        self.buf.clear();
        match self.reader.read_event_into(&mut self.buf) {
            Ok(Event::DocType(_)) => Err(self.fail(
                "the file declares a DTD (<!DOCTYPE …>), which REFI-QDA files never do; it \
                 is refused so that no entity can expand",
            )),
            Ok(e) => Ok(e.into_owned()),
            Err(e) => Err(self.fail(format!("the XML is damaged: {e}"))),
        }
    }

    fn counted(&mut self, e: &BytesStart<'_>) -> Result<Element, String> {
        self.count += 1;
        if self.count > MAX_ELEMENTS {
            return Err(self.fail(format!("more than {MAX_ELEMENTS} elements; refused")));
        }
        element(e).map_err(|m| self.fail(m))
    }

    /// Reads the rest of `top` (whose start tag was just read) and its children.
    fn subtree(&mut self, top: Element) -> Result<Element, String> {
        let mut stack = vec![top];
        loop {
            let text = |stack: &mut Vec<Element>, s: &str| {
                if let Some(e) = stack.last_mut() {
                    e.text.push_str(s);
                }
            };
            match self.event()? {
                Event::Start(e) => {
                    if stack.len() >= MAX_DEPTH {
                        return Err(self.fail(format!("the XML nests deeper than {MAX_DEPTH}")));
                    }
                    let el = self.counted(&e)?;
                    stack.push(el);
                }
                Event::Empty(e) => {
                    let el = self.counted(&e)?;
                    if let Some(parent) = stack.last_mut() {
                        parent.children.push(el);
                    }
                }
                Event::End(_) => {
                    let done = stack.pop().unwrap_or_default();
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(done),
                        None => return Ok(done),
                    }
                }
                Event::Text(t) => text(&mut stack, &t.xml10_content()),
                Event::CData(t) => text(&mut stack, &t.into_inner()),
                Event::GeneralRef(r) => {
                    let resolved = r.resolve_char_ref();
                    let name = r.into_inner().into_owned();
                    match resolved {
                        Ok(Some(c)) => text(&mut stack, c.encode_utf8(&mut [0; 4])),
                        _ => match quick_xml::escape::resolve_predefined_entity(&name) {
                            Some(s) => text(&mut stack, s),
                            None => {
                                return Err(self.fail(format!(
                                    "the entity &{name}; is not defined by XML; REFI-QDA \
                                     files use none of their own"
                                )));
                            }
                        },
                    }
                }
                Event::Eof => {
                    return Err("the XML ends before its elements are closed (a truncated \
                                file?)"
                        .into());
                }
                _ => {}
            }
        }
    }

    /// The next part, or `None` at the end of the root element.
    pub fn next_item(&mut self) -> Result<Option<Item>, String> {
        loop {
            match self.event()? {
                Event::Start(e) => {
                    let el = self.counted(&e)?;
                    match self.level {
                        0 => {
                            self.root = Some(el);
                            self.level = 1;
                        }
                        1 if el.name == "Sources" => self.level = 2,
                        1 => return self.subtree(el).map(|t| Some(Item::Top(t))),
                        _ => return self.subtree(el).map(|t| Some(Item::Source(t))),
                    }
                }
                Event::Empty(e) => {
                    let el = self.counted(&e)?;
                    match self.level {
                        0 => {
                            self.root = Some(el);
                            return Ok(None);
                        }
                        1 if el.name == "Sources" => {}
                        1 => return Ok(Some(Item::Top(el))),
                        _ => return Ok(Some(Item::Source(el))),
                    }
                }
                Event::End(_) => {
                    self.level = self.level.saturating_sub(1);
                    if self.level == 0 {
                        return Ok(None);
                    }
                }
                Event::Eof if self.root.is_none() => {
                    return Err("the file holds no XML element".into());
                }
                Event::Eof => {
                    return Err("the XML ends before its elements are closed (a truncated \
                                file?)"
                        .into());
                }
                _ => {}
            }
        }
    }
}

/// Parses a whole (small) document, such as a codebook, into its root element.
pub fn parse(xml: &str) -> Result<Element, String> {
    let mut items = Items::new(xml.as_bytes());
    let mut children = Vec::new();
    while let Some(item) = items.next_item()? {
        match item {
            Item::Top(e) => children.push(e),
            Item::Source(e) => {
                // A codebook has no sources; keep the shape if one comes.
                children.push(e);
            }
        }
    }
    let mut root = items.root.take().unwrap_or_default();
    root.children = children;
    Ok(root)
}
