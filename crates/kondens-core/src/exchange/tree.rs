//! A REFI-QDA XML file read into a small tree of elements (names without their
//! namespace prefix), with limits: no DTD (so no entity can expand), a bounded depth and
//! a bounded number of elements.

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

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

/// Parses `xml` into its root element, or says (with the line) what is wrong.
pub fn parse(xml: &str) -> Result<Element, String> {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut count = 0usize;
    let line_at = |pos: u64| {
        let pos = usize::try_from(pos).unwrap_or(usize::MAX).min(xml.len());
        xml.as_bytes()[..pos]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    };
    loop {
        let pos = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| format!("line {}: the XML is damaged: {e}", line_at(pos)))?;
        let push_text = |stack: &mut Vec<Element>, s: &str| {
            if let Some(top) = stack.last_mut() {
                top.text.push_str(s);
            }
        };
        match event {
            Event::DocType(_) => {
                return Err(format!(
                    "line {}: the file declares a DTD (<!DOCTYPE …>), which REFI-QDA files \
                     never do; it is refused so that no entity can expand",
                    line_at(pos)
                ));
            }
            Event::Start(e) => {
                count += 1;
                if stack.len() >= MAX_DEPTH || count > MAX_ELEMENTS {
                    return Err(format!(
                        "line {}: the XML nests deeper than {MAX_DEPTH} or has more than \
                         {MAX_ELEMENTS} elements; refused",
                        line_at(pos)
                    ));
                }
                stack.push(element(&e).map_err(|m| format!("line {}: {m}", line_at(pos)))?);
            }
            Event::Empty(e) => {
                count += 1;
                let done = element(&e).map_err(|m| format!("line {}: {m}", line_at(pos)))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => root = Some(done),
                }
            }
            Event::End(_) => {
                let Some(done) = stack.pop() else {
                    return Err(format!("line {}: an end tag without a start", line_at(pos)));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => root = Some(done),
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, &t.into_inner()),
            Event::GeneralRef(r) => {
                let resolved = r.resolve_char_ref();
                let name = r.into_inner().into_owned();
                match resolved {
                    Ok(Some(c)) => push_text(&mut stack, c.encode_utf8(&mut [0; 4])),
                    _ => match quick_xml::escape::resolve_predefined_entity(&name) {
                        Some(s) => push_text(&mut stack, s),
                        None => {
                            return Err(format!(
                                "line {}: the entity &{name}; is not defined by XML; \
                                 REFI-QDA files use none of their own",
                                line_at(pos)
                            ));
                        }
                    },
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err("the XML ends before its elements are closed (a truncated file?)".into());
    }
    root.ok_or_else(|| "the file holds no XML element".to_string())
}
