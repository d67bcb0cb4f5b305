//! Word `.docx`: the text of `word/document.xml` only (nothing else in the package is
//! needed, so stripped-down Teams exports read too), in document order. Paragraphs are
//! split at line breaks (Teams puts time, name and words in one paragraph separated by
//! breaks); runs are joined (words are often split across runs); tracked deletions,
//! field codes and `mc:Fallback` copies (of what `mc:Choice` holds) are skipped; the
//! text of a text box becomes lines of its own, before the paragraph it is anchored in;
//! images (Teams' avatars) hold no text and leave none; a table row becomes one line
//! with its cells separated by tabs.

use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::{Cursor, Read};

/// The largest `document.xml` read; a transcript's is a few MiB at most.
const MAX_XML: u64 = 128 * 1024 * 1024;

/// Elements whose content is not transcript text.
const SKIPPED: &[&str] = &[
    "w:del",
    "w:delText",
    "w:instrText",
    "mc:Fallback",
    "w:footnoteReference",
    "w:commentReference",
];

/// The document's text as lines, or why it cannot be read.
pub fn text(bytes: &[u8]) -> Result<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("the Word file is damaged (its zip container cannot be read: {e})"))?;
    let mut part = archive.by_name("word/document.xml").map_err(|_| {
        "the file is a zip archive but not a Word document (no word/document.xml)".to_string()
    })?;
    let too_large = || {
        format!(
            "the Word document's text part is larger than {} MiB unpacked; a focus-group \
             transcript is far smaller (is it a zip bomb?)",
            MAX_XML / (1024 * 1024)
        )
    };
    if part.size() > MAX_XML {
        return Err(too_large());
    }
    // Read no more than the limit, whatever size the container claims.
    let mut xml = String::new();
    part.by_ref()
        .take(MAX_XML + 1)
        .read_to_string(&mut xml)
        .map_err(|e| format!("the Word document's text cannot be read: {e}"))?;
    if xml.len() as u64 > MAX_XML {
        return Err(too_large());
    }
    let text = extract(&xml)?;
    // The limit for transcripts holds for the text, whatever the container.
    if text.len() > super::decode::MAX_BYTES {
        return Err(format!(
            "the Word document holds {} MiB of text; transcripts larger than {} MiB are refused",
            text.len() / (1024 * 1024),
            super::decode::MAX_BYTES / (1024 * 1024)
        ));
    }
    Ok(text)
}

/// Extracts the lines from `document.xml`.
pub fn extract(xml: &str) -> Result<String, String> {
    let mut reader = Reader::from_str(xml);
    let mut lines: Vec<String> = Vec::new();
    let mut para = String::new();
    // The paragraphs a text box's paragraphs sit inside, to go back to.
    let mut outer: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut row: Vec<String> = Vec::new();
    let mut table_depth = 0usize;
    let mut skip_depth = 0usize;
    let mut in_text = false;
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "the Word document's text is damaged near byte {}: {e}",
                reader.buffer_position()
            )
        })?;
        match event {
            Event::Start(e) => {
                let name = e.name();
                let name = name.as_ref();
                if skip_depth > 0 || SKIPPED.contains(&name) {
                    skip_depth += 1;
                    continue;
                }
                match name {
                    "w:t" => in_text = true,
                    "w:p" => outer.push(std::mem::take(&mut para)),
                    "w:tbl" => table_depth += 1,
                    "w:tr" if table_depth == 1 => row.clear(),
                    _ => {}
                }
            }
            Event::End(e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                match e.name().as_ref() {
                    "w:t" => in_text = false,
                    "w:p" => {
                        let text = std::mem::replace(&mut para, outer.pop().unwrap_or_default());
                        if table_depth > 0 {
                            if !cell.is_empty() && !text.is_empty() {
                                cell.push(' ');
                            }
                            cell.push_str(&text.replace('\n', " "));
                        } else {
                            lines.extend(text.split('\n').map(str::to_string));
                        }
                    }
                    "w:tc" if table_depth == 1 => {
                        row.push(std::mem::take(&mut cell).trim().to_string())
                    }
                    "w:tr" if table_depth == 1 => {
                        let line = row.join("\t");
                        if !line.trim().is_empty() {
                            lines.push(line);
                        }
                    }
                    "w:tbl" => table_depth = table_depth.saturating_sub(1),
                    _ => {}
                }
            }
            Event::Empty(e) if skip_depth == 0 => match e.name().as_ref() {
                "w:tab" => para.push('\t'),
                "w:br" | "w:cr" => para.push('\n'),
                "w:noBreakHyphen" => para.push('-'),
                _ => {}
            },
            Event::Text(t) if in_text && skip_depth == 0 => para.push_str(&t.xml10_content()),
            Event::CData(t) if in_text && skip_depth == 0 => para.push_str(&t.into_inner()),
            Event::GeneralRef(r) if in_text && skip_depth == 0 => match r.resolve_char_ref() {
                Ok(Some(c)) => para.push(c),
                _ => para.push_str(&super::cue::decode_entities(&format!(
                    "&{};",
                    r.into_inner()
                ))),
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(inner: &str) -> String {
        format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="x" xmlns:mc="y"><w:body>{inner}</w:body></w:document>"#
        )
    }

    #[test]
    fn runs_breaks_tabs_entities_and_tracked_changes() {
        let xml = body(concat!(
            r#"<w:p><w:r><w:t>Kari Nordmann</w:t></w:r><w:r><w:t xml:space="preserve">   </w:t></w:r>"#,
            r#"<w:r><w:t>0:03</w:t></w:r><w:r><w:br/><w:t xml:space="preserve">Ja, </w:t></w:r>"#,
            r#"<w:r><w:rPr><w:b/></w:rPr><w:t>jeg</w:t></w:r><w:ins><w:r><w:t xml:space="preserve"> kan</w:t></w:r></w:ins>"#,
            r#"<w:del><w:r><w:delText> ikke</w:delText></w:r></w:del><w:r><w:t xml:space="preserve"> R&amp;D &#229;</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>P1:</w:t></w:r><w:r><w:tab/><w:t>Hei.</w:t></w:r>"#,
            r#"<w:r><w:fldChar/><w:instrText>PAGE</w:instrText></w:r>"#,
            r#"<mc:AlternateContent><mc:Choice><w:t>valgt</w:t></mc:Choice><mc:Fallback><w:t>kopi</w:t></mc:Fallback></mc:AlternateContent></w:p>"#,
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>00:01</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>M</w:t></w:r></w:p></w:tc>"#,
            r#"<w:tc><w:p><w:r><w:t>Velkommen.</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
        ));
        assert_eq!(
            extract(&xml).unwrap(),
            "Kari Nordmann   0:03\nJa, jeg kan R&D å\nP1:\tHei.valgt\n00:01\tM\tVelkommen."
        );
    }

    #[test]
    fn text_boxes_are_read_once_and_images_leave_nothing() {
        let xml = body(concat!(
            r#"<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="avatar" descr="Kari"/>"#,
            r#"</wp:inline></w:drawing></w:r><w:r><w:t>Kari Nordmann 0:03</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>Før boksen.</w:t></w:r><w:r><mc:AlternateContent><mc:Choice>"#,
            r#"<w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Tekst i boks</w:t></w:r></w:p>"#,
            r#"</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>"#,
            r#"<w:txbxContent><w:p><w:r><w:t>Tekst i boks</w:t></w:r></w:p></w:txbxContent>"#,
            r#"</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#,
            r#"<w:r><w:t xml:space="preserve"> Etter.</w:t></w:r></w:p>"#,
        ));
        assert_eq!(
            extract(&xml).unwrap(),
            "Kari Nordmann 0:03\nTekst i boks\nFør boksen. Etter."
        );
    }

    #[test]
    fn damage_is_reported_not_panicked() {
        let _ = extract("<w:p><w:t>a</w:p>"); // mismatched tags: an error or text, never a panic
        assert!(
            text(b"PK\x03\x04not really")
                .unwrap_err()
                .contains("damaged")
        );
    }
}
