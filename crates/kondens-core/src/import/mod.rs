//! Transcript import. Each format turns a file into [`turns::Segment`]s; one turn
//! builder makes the transcript text and speaker turns from them. Importing several
//! files is all or nothing: one bad file and the project stays as it was.

mod cue;
mod decode;
pub mod docx;
pub mod otter;
pub mod plain;
pub mod pseudonyms;
pub mod srt;
mod summary;
pub mod table;
pub mod teams_text;
pub mod turns;
pub mod vtt;

pub use decode::{MAX_BYTES, decode};
pub use pseudonyms::Pseudonyms;
pub use summary::Summary;

use crate::model::{Project, Transcript, TranscriptId, time};
use crate::{Error, Result};
use std::collections::BTreeMap;
use std::path::Path;

/// The transcript formats kondens reads. `Auto` picks one from the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Auto,
    /// Plain text with `Label: words` paragraphs.
    Txt,
    /// WebVTT (Zoom, Teams and others).
    Vtt,
    /// SubRip subtitles.
    Srt,
    /// Otter.ai text export.
    Otter,
    /// Word document.
    Docx,
}

impl Format {
    /// Parses a `--format` value.
    pub fn parse(s: &str) -> Result<Format> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Ok(Format::Auto),
            "txt" | "text" | "plain" => Ok(Format::Txt),
            "vtt" | "webvtt" => Ok(Format::Vtt),
            "srt" => Ok(Format::Srt),
            "otter" => Ok(Format::Otter),
            "docx" | "word" => Ok(Format::Docx),
            _ => Err(Error::Refused(format!(
                "unknown format {s:?}; use auto, txt, vtt, srt, otter or docx"
            ))),
        }
    }

    /// The name written in the project and the summary.
    pub fn name(self) -> &'static str {
        match self {
            Format::Auto | Format::Txt => "txt",
            Format::Vtt => "vtt",
            Format::Srt => "srt",
            Format::Otter => "otter",
            Format::Docx => "docx",
        }
    }

    /// The format of a decoded text, for `Auto`.
    pub fn detect(text: &str) -> Format {
        if vtt::is_vtt(text) {
            Format::Vtt
        } else if srt::looks_like_srt(text) {
            Format::Srt
        } else if otter::looks_like_otter(text) {
            Format::Otter
        } else {
            Format::Txt
        }
    }
}

/// How to import.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub format: Format,
    /// Names to replace before the text is fixed.
    pub pseudonyms: Option<Pseudonyms>,
    /// Line endings that mark a meeting's system lines (`… started transcription`) in
    /// languages kondens does not know (the config's `system_lines`).
    pub system_lines: Vec<String>,
    /// Show what would be imported, change nothing.
    pub dry_run: bool,
}

/// Reads one transcript file into a [`Transcript`] (not yet part of any project).
pub fn read_file(path: &Path, format: Format) -> Result<(Transcript, Summary)> {
    read_file_with(
        path,
        &Options {
            format,
            ..Options::default()
        },
    )
}

/// [`read_file`] with options: names replaced by their pseudonyms first, more system
/// lines known.
pub fn read_file_with(path: &Path, options: &Options) -> Result<(Transcript, Summary)> {
    // Refused before it is read: a file of many gigabytes must not fill the memory.
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if size > MAX_BYTES as u64 {
        return Err(Error::Import {
            path: path.to_path_buf(),
            message: format!(
                "the file is {} MiB; files over {} MiB are refused (is it a transcript?)",
                size / (1024 * 1024),
                MAX_BYTES / (1024 * 1024)
            ),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let file_name = path
        .file_name()
        .map(|n| sanitise_name(&n.to_string_lossy()))
        .unwrap_or_else(|| "transcript".into());
    let stem = path
        .file_stem()
        .map(|n| sanitise_name(&n.to_string_lossy()))
        .unwrap_or_else(|| file_name.clone());
    from_bytes_with(&bytes, &file_name, &stem, options).map_err(|message| Error::Import {
        path: path.to_path_buf(),
        message,
    })
}

/// Keeps a name from an imported file printable and free of path separators.
pub fn sanitise_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| {
            if c.is_control() || c == '/' || c == '\\' {
                '_'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim().to_string();
    if clean.is_empty() {
        "transcript".into()
    } else {
        clean
    }
}

/// Lines of text (a text file, or a Word document's paragraphs) into segments: by Otter's
/// or Teams' header lines or table rows (time | speaker | words) when the text has
/// them, else by `Label:` paragraphs.
fn lines_to_segments(
    text: &str,
    system_lines: &[String],
) -> (Vec<turns::Segment>, Vec<String>, &'static str) {
    if otter::looks_like_otter(text) {
        let (s, w) = otter::parse(text, system_lines);
        (s, w, "\n")
    } else if teams_text::looks_like(text) {
        let (s, w) = teams_text::parse(text);
        (s, w, " ")
    } else if table::looks_like(text) {
        (table::parse(text), Vec::new(), "\n")
    } else {
        (plain::parse(text), Vec::new(), "\n")
    }
}

/// Reads a transcript from bytes; errors are plain sentences for the user.
pub fn from_bytes(
    bytes: &[u8],
    file_name: &str,
    name: &str,
    format: Format,
) -> std::result::Result<(Transcript, Summary), String> {
    from_bytes_with(
        bytes,
        file_name,
        name,
        &Options {
            format,
            ..Options::default()
        },
    )
}

/// [`from_bytes`], replacing names (in the words, the labels, and the file and
/// transcript names) by their pseudonyms before the turns are built.
pub fn from_bytes_with(
    bytes: &[u8],
    file_name: &str,
    name: &str,
    options: &Options,
) -> std::result::Result<(Transcript, Summary), String> {
    let (format, pseudonyms) = (options.format, options.pseudonyms.as_ref());
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(
            "this is an old Word .doc file or a password-protected document, which \
                    cannot be read; save it as an unprotected .docx or as plain text"
                .into(),
        );
    }
    let mut nul_note: Option<String> = None;
    let zipped = bytes.starts_with(b"PK\x03\x04");
    let (text, encoding, format) = match (zipped, format) {
        (true, Format::Auto | Format::Docx) => {
            if bytes.len() > MAX_BYTES {
                return Err(format!(
                    "the file is over {} MiB and is refused",
                    MAX_BYTES / (1024 * 1024)
                ));
            }
            (docx::text(bytes)?, "UTF-8 (Word)", Format::Docx)
        }
        (true, other) => {
            return Err(format!(
                "this is a zip archive (a Word file?), not {}; try --format docx",
                other.name()
            ));
        }
        (false, Format::Docx) => {
            return Err("this is not a Word .docx file (it is not a zip archive)".into());
        }
        (false, chosen) => {
            let decoded = decode(bytes)?;
            let format = match chosen {
                Format::Auto => Format::detect(&decoded.text),
                chosen => chosen,
            };
            if decoded.nul_replaced > 0 {
                nul_note = Some(format!(
                    "{} NUL character(s) in the file were replaced by U+FFFD (�)",
                    decoded.nul_replaced
                ));
            }
            (decoded.text, decoded.encoding, format)
        }
    };
    let (segments, mut warnings, joiner) = match format {
        Format::Auto | Format::Txt | Format::Docx => {
            lines_to_segments(&text, &options.system_lines)
        }
        Format::Vtt => {
            let (s, w) = vtt::parse(&text);
            (s, w, " ")
        }
        Format::Srt => {
            let (s, w) = srt::parse(&text);
            (s, w, " ")
        }
        Format::Otter => {
            let (s, w) = otter::parse(&text, &options.system_lines);
            (s, w, "\n")
        }
    };
    let mut segments = segments;
    // Control characters (a terminal escape sequence, from any format, `&#27;` in Word
    // too) become U+FFFD before the text is the coordinate system; the summary says so.
    let mut controls = 0;
    for seg in &mut segments {
        let (clean, n) = crate::text::escape::replace_controls(&seg.text);
        if n > 0 {
            seg.text = clean.into_owned();
            controls += n;
        }
        if let Some(label) = &seg.speaker {
            let (clean, n) = crate::text::escape::replace_controls(label);
            if n > 0 {
                seg.speaker = Some(clean.into_owned());
                controls += n;
            }
        }
    }
    let (clean_file, n1) = crate::text::escape::replace_controls(file_name);
    let (clean_name, n2) = crate::text::escape::replace_controls(name);
    let (file_name, name) = (clean_file.into_owned(), clean_name.into_owned());
    let (file_name, name) = (file_name.as_str(), name.as_str());
    controls += n1 + n2;
    if controls > 0 {
        warnings.push(format!(
            "{controls} control character(s) (terminal escape codes and the like) were \
             replaced by U+FFFD (�)"
        ));
    }
    let mut replaced = 0;
    let (file_name, name) = match pseudonyms {
        Some(p) => {
            for seg in &mut segments {
                let (text, n) = p.apply(&seg.text);
                seg.text = text;
                replaced += n;
                if let Some(label) = &seg.speaker {
                    let (label, n) = p.apply(label);
                    seg.speaker = Some(label);
                    replaced += n;
                }
            }
            (p.apply_to_name(file_name), p.apply_to_name(name))
        }
        None => (file_name.to_string(), name.to_string()),
    };
    let (file_name, name) = (file_name.as_str(), name.as_str());
    warnings.extend(nul_note.take());
    let speakers_found = segments.iter().any(|s| s.speaker.is_some());
    if !speakers_found {
        warnings.push(
            "no speakers found (expected `P1: words` lines, or voice tags in subtitles); \
             the text is imported as unattributed turns"
                .to_string(),
        );
    }
    let built = turns::build(segments, joiner);
    if built.turns.is_empty() {
        return Err(format!(
            "no speech was found in the file read as {}; if it is another format, say which \
             with --format",
            format.name()
        ));
    }
    // In order of first appearance; a map finds each label's place, so a file with a
    // hundred thousand speakers costs no more per turn than one with five.
    let mut speakers: Vec<(String, usize)> = Vec::new();
    let mut place: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for t in &built.turns {
        if let Some(s) = &t.speaker {
            let i = *place.entry(s).or_insert_with(|| {
                speakers.push((s.to_string(), 0));
                speakers.len() - 1
            });
            speakers[i].1 += 1;
        }
    }
    let summary = Summary {
        file: file_name.to_string(),
        format: format.name(),
        encoding,
        turns: built.turns.len(),
        unattributed: built.turns.iter().filter(|t| t.speaker.is_none()).count(),
        pseudonymised: pseudonyms.map(|p| {
            let kept = speakers
                .iter()
                .map(|(s, _)| s.clone())
                .filter(|s| !p.is_pseudonym(s))
                .collect();
            (replaced, kept)
        }),
        speakers,
        warnings,
    };
    let transcript = Transcript {
        id: TranscriptId::new(),
        name: name.to_string(),
        source_file: file_name.to_string(),
        imported: time::now(),
        format: format.name().to_string(),
        encoding: encoding.to_string(),
        text: built.text,
        turns: built.turns,
    };
    Ok((transcript, summary))
}

/// Reads files for import into `project`: all of them, or (on any error) none. Nothing
/// is written (that is [`crate::store::add_transcripts`]); names that are taken get a
/// number, and a text that is in the project already is refused.
pub fn read_files(
    project: &Project,
    files: &[&Path],
    options: &Options,
) -> Result<Vec<(Transcript, Summary)>> {
    let mut read: Vec<(Transcript, Summary)> = Vec::new();
    let mut names: BTreeMap<String, usize> = project
        .transcripts
        .iter()
        .map(|t| (t.name.clone(), 1))
        .collect();
    for path in files {
        let (mut t, summary) = read_file_with(path, options)?;
        if let Some(existing) = project
            .transcripts
            .iter()
            .chain(read.iter().map(|(t, _)| t))
            .find(|e| e.text == t.text)
        {
            return Err(Error::Import {
                path: path.to_path_buf(),
                message: format!(
                    "this transcript is in the project already, as {:?}",
                    existing.name
                ),
            });
        }
        let n = names.entry(t.name.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            t.name = format!("{} ({n})", t.name);
        }
        read.push((t, summary));
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_bytes_import_or_are_refused_without_panic(
            bytes in proptest::collection::vec(any::<u8>(), 0..2000),
            format in proptest::sample::select(vec![Format::Auto, Format::Txt, Format::Vtt, Format::Srt, Format::Otter, Format::Docx]),
        ) {
            if let Ok((t, s)) = from_bytes(&bytes, "x", "x", format) {
                prop_assert_eq!(t.check_turns(), Ok(()));
                prop_assert_eq!(s.turns, t.turns.len());
            }
        }

        #[test]
        fn subtitle_like_text_never_panics(lines in proptest::collection::vec(
            "(WEBVTT|NOTE x|[0-9]{1,3}|[0-9:.,]{4,12} --> [0-9:.,]{4,12}( align:left)?|<v [A-Za-z &;]{0,8}>[a-z <>/&;#0-9]{0,20}|[A-Za-z]{1,6}: [a-z ]{0,10}|)",
            0..30,
        )) {
            let text = lines.join("\n");
            for format in [Format::Vtt, Format::Srt, Format::Auto] {
                let _ = from_bytes(text.as_bytes(), "x", "x", format);
            }
        }

        #[test]
        fn label_like_text_keeps_every_word(lines in proptest::collection::vec("[A-Za-z0-9 :.]{0,30}", 1..40)) {
            let text = lines.join("\n");
            if let Ok((t, _)) = from_bytes(text.as_bytes(), "x.txt", "x", Format::Txt) {
                // Nothing is dropped: every word of the source is in the transcript text,
                // but for a label alone on its line (a turn with no words is no turn).
                let words = |s: &str| s.split(|c: char| c.is_whitespace() || c == ':').filter(|w| !w.is_empty()).count();
                let label_only: usize = lines
                    .iter()
                    .filter(|l| l.trim_end().ends_with(':'))
                    .map(|l| words(l))
                    .sum();
                let (kept, source) = (words(&t.text), words(&text));
                prop_assert!(kept <= source && kept + label_only >= source, "{} of {}", kept, source);
            }
        }
    }
}
