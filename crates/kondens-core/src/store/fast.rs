//! Fast readers for the two kinds of file a large project has most of, units files and
//! transcript records, in exactly the layout kondens writes them: one field (or turn) a
//! line, plain strings. A large project holds hundreds of thousands of units and turns,
//! and the general RON parser reads them at a tenth of the speed. The first line that differs in
//! any way (a hand edit, a note over several lines, a raw string, a newer version, other
//! spacing) makes it give up, and the RON parser reads the file instead, with its error
//! messages: so this reader only ever agrees with RON, it never judges a file.

use super::transcripts::TextSeal;
use crate::model::time::Stamp;
use crate::model::{CodeId, FORMAT_VERSION, MeaningUnit, Transcript, TranscriptId, Turn, UnitId};

/// The `format_version` line, if it names a version this kondens reads.
fn version(line: &str) -> Option<u32> {
    let version: u32 = number(field(line, "  format_version: ")?)?;
    (1..=FORMAT_VERSION).contains(&version).then_some(version)
}

/// Nothing but the final newline after the closing `)`.
fn end<'a>(mut line: impl FnMut() -> Option<&'a str>) -> Option<()> {
    expect(line()?, ")")?;
    match (line(), line()) {
        (Some(""), None) | (None, _) => Some(()),
        _ => None,
    }
}

/// A transcript record (`transcripts/<id>.ron`), its text still empty, or `None` when
/// it is not in kondens's own layout.
pub fn read_transcript(text: &str) -> Option<(Transcript, TextSeal)> {
    let mut lines = text.split('\n');
    let mut line = || lines.next();
    expect(line()?, "(")?;
    let format_version = version(line()?)?;
    let id = TranscriptId(uuid(string(field(line()?, "  id: ")?)?)?);
    let name = string(field(line()?, "  name: ")?)?.to_string();
    let source_file = string(field(line()?, "  source_file: ")?)?.to_string();
    let imported = string(field(line()?, "  imported: ")?)?.to_string();
    let format = string(field(line()?, "  format: ")?)?.to_string();
    let encoding = string(field(line()?, "  encoding: ")?)?.to_string();
    let text_bytes = number(field(line()?, "  text_bytes: ")?)?;
    let hash = field(line()?, "  text_hash: ")?;
    let text_hash = match hash {
        "None" => None,
        _ => Some(string(hash.strip_prefix("Some(")?.strip_suffix(')')?)?.to_string()),
    };
    let mut turns = Vec::new();
    match line()? {
        "  turns: [" => loop {
            match line()? {
                "  ]," => break,
                l => turns.push(turn(l)?),
            }
        },
        "  turns: []," => {}
        _ => return None,
    }
    end(line)?;
    let transcript = Transcript {
        id,
        name,
        source_file,
        imported,
        format,
        encoding,
        text: String::new(),
        turns,
    };
    let seal = TextSeal {
        format_version,
        text_bytes,
        text_hash,
    };
    Some((transcript, seal))
}

/// `    (speaker: Some("P1"), start_ms: Some(1200), start: 0, end: 10),`
fn turn(line: &str) -> Option<Turn> {
    let rest = line.strip_prefix("    (speaker: ")?.strip_suffix("),")?;
    let (speaker, rest) = rest.split_once(", start_ms: ")?;
    let speaker = match speaker {
        "None" => None,
        s => Some(string(s.strip_prefix("Some(")?.strip_suffix(')')?)?.into()),
    };
    let (start_ms, rest) = rest.split_once(", start: ")?;
    let start_ms = match start_ms {
        "None" => None,
        s => Some(number(s.strip_prefix("Some(")?.strip_suffix(')')?)?),
    };
    let (start, end) = rest.split_once(", end: ")?;
    Some(Turn {
        speaker,
        start_ms,
        start: number(start)?,
        end: number(end)?,
    })
}

/// The coder and units of a units file, or `None` when it is not in kondens's own layout.
pub fn read_units(text: &str) -> Option<(String, Vec<MeaningUnit>)> {
    let mut lines = text.split('\n');
    let mut line = || lines.next();
    expect(line()?, "(")?;
    version(line()?)?;
    let coder = string(field(line()?, "  coder: ")?)?.to_string();
    let mut units = Vec::new();
    match line()? {
        "  units: [" => loop {
            match line()? {
                "    (" => units.push(unit(&mut line)?),
                "  ]," => break,
                _ => return None,
            }
        },
        "  units: []," => {}
        _ => return None,
    }
    end(line)?;
    Some((coder, units))
}

fn unit<'a>(line: &mut impl FnMut() -> Option<&'a str>) -> Option<MeaningUnit> {
    let id = UnitId(uuid(string(field(line()?, "      id: ")?)?)?);
    let transcript = TranscriptId(uuid(string(field(line()?, "      transcript: ")?)?)?);
    let start = number(field(line()?, "      start: ")?)?;
    let end = number(field(line()?, "      end: ")?)?;
    let codes = list(field(line()?, "      codes: ")?)?
        .into_iter()
        .map(|s| uuid(s).map(CodeId))
        .collect::<Option<Vec<_>>>()?;
    let note = string(field(line()?, "      note: ")?)?.to_string();
    // The speakers are written for readers of the file; kondens does not read them back.
    list(field(line()?, "      speakers: ")?)?;
    let created = Stamp::parse(string(field(line()?, "      created: ")?)?)?;
    let changed = Stamp::parse(string(field(line()?, "      changed: ")?)?)?;
    expect(line()?, "    ),")?;
    Some(MeaningUnit {
        id,
        transcript,
        start,
        end,
        codes,
        note,
        created,
        changed,
    })
}

fn expect(line: &str, want: &str) -> Option<()> {
    (line == want).then_some(())
}

/// The value of a `name: value,` line.
fn field<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    line.strip_prefix(name)?.strip_suffix(',')
}

/// Digits only: what kondens writes (RON would also take `1_000` or `+1`; those go to it).
fn number<T: std::str::FromStr>(s: &str) -> Option<T> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A plain `"…"` string: no quote, backslash or control character inside (those are
/// written as raw strings, or would need RON's own judgement).
fn string(s: &str) -> Option<&str> {
    let inner = s.strip_prefix('"')?.strip_suffix('"')?;
    inner
        .chars()
        .all(|c| c != '"' && c != '\\' && !c.is_control())
        .then_some(inner)
}

/// A one-line list of plain strings: `[]` or `["a", "b"]`.
fn list(s: &str) -> Option<Vec<&str>> {
    let inner = s.strip_prefix('[')?.strip_suffix(']')?;
    if inner.is_empty() {
        return Some(Vec::new());
    }
    inner.split(", ").map(string).collect()
}

fn uuid(s: &str) -> Option<uuid::Uuid> {
    // Only the hyphenated form kondens writes; RON judges any other.
    (s.len() == 36).then(|| uuid::Uuid::parse_str(s).ok())?
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Project;

    fn units_file(units: Vec<MeaningUnit>) -> String {
        let mut p = Project::new("t", "q");
        p.units.insert("ana".into(), units);
        let file = crate::store::units::UnitsFile {
            format_version: FORMAT_VERSION,
            coder: "ana".into(),
            units: p
                .units_of("ana")
                .iter()
                .map(|u| crate::store::envelope::Sealed {
                    body: u,
                    fields: vec![crate::store::envelope::Field::before(
                        "created",
                        "speakers",
                        crate::store::envelope::Val::Texts(vec!["P1".into(), "Kari N.".into()]),
                    )],
                })
                .collect(),
        };
        crate::store::to_ron(&file, Some(3)).unwrap()
    }

    fn unit(note: &str, codes: usize) -> MeaningUnit {
        MeaningUnit {
            id: UnitId::new(),
            transcript: TranscriptId::new(),
            start: 3,
            end: 40,
            codes: (0..codes).map(|_| CodeId::new()).collect(),
            note: note.into(),
            created: Stamp(1_700_000_000),
            changed: Stamp(1_800_000_000),
        }
    }

    fn by_ron(text: &str) -> Option<(String, Vec<MeaningUnit>)> {
        let file: crate::store::units::UnitsFile<crate::store::units::ReadUnit> =
            ron::from_str(text).ok()?;
        let units = file.units.into_iter().map(|u| u.0).collect();
        Some((file.coder, units))
    }

    #[test]
    fn what_kondens_writes_is_read_fast_and_as_ron_reads_it() {
        for units in [
            vec![],
            vec![unit("", 1)],
            vec![unit("a note, with «quotes» and ø", 3), unit("", 0)],
        ] {
            let text = units_file(units.clone());
            let fast = read_units(&text).expect("kondens's own layout");
            assert_eq!(fast, ("ana".to_string(), units));
            assert_eq!(Some(fast), by_ron(&text));
        }
    }

    proptest::proptest! {
        /// Whatever a note holds, and however the file is changed by hand, the fast
        /// reader either gives up or reads what RON reads.
        #[test]
        fn it_agrees_with_ron_or_gives_up(note in "\\PC{0,20}|[\"\\\\\n\t]{0,3}", cut in 0usize..2000, insert in "[ ,\n\"()\\[\\]a-z0-9_:-]{0,3}") {
            let text = units_file(vec![unit(&note, 2), unit("", 1)]);
            if let Some(fast) = read_units(&text) {
                proptest::prop_assert_eq!(Some(fast), by_ron(&text));
            }
            let mut at = cut.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let edited = format!("{}{insert}{}", &text[..at], &text[at..]);
            if let Some(fast) = read_units(&edited) {
                proptest::prop_assert_eq!(Some(fast), by_ron(&edited));
            }
        }
    }
}

#[cfg(test)]
mod transcript_tests {
    use super::*;
    use crate::model::Transcript;

    fn record(name: &str, labels: &[Option<&str>], times: bool) -> String {
        let t = Transcript {
            id: TranscriptId::new(),
            name: name.into(),
            source_file: format!("{name}.vtt"),
            imported: "2026-01-02T03:04:05Z".into(),
            format: "vtt".into(),
            encoding: "UTF-8".into(),
            text: "x".repeat(100),
            turns: labels
                .iter()
                .enumerate()
                .map(|(i, l)| Turn {
                    speaker: l.map(Into::into),
                    start_ms: times.then_some(i as u64 * 1500),
                    start: i * 10,
                    end: i * 10 + 5,
                })
                .collect(),
        };
        let tmp = tempfile::tempdir().unwrap();
        crate::store::save_transcript(tmp.path(), &t).unwrap();
        std::fs::read_to_string(tmp.path().join("transcripts").join(format!("{}.ron", t.id)))
            .unwrap()
    }

    fn by_ron(text: &str) -> Option<(Transcript, TextSeal)> {
        crate::store::transcripts::parse_transcript(std::path::Path::new("t.ron"), text).ok()
    }

    #[test]
    fn what_kondens_writes_is_read_fast_and_as_ron_reads_it() {
        for text in [
            record("fg1", &[], false),
            record(
                "Fokusgruppe «ledere»",
                &[None, Some("P1"), Some("Kari N.")],
                true,
            ),
            record("fg3", &[Some("M")], false),
        ] {
            let fast = read_transcript(&text).expect("kondens's own layout");
            assert_eq!(Some(&fast), by_ron(&text).as_ref());
        }
    }

    proptest::proptest! {
        #[test]
        fn it_agrees_with_ron_or_gives_up(label in "\\PC{0,12}|[\"\\\\()]{0,3}", cut in 0usize..900, insert in "[ ,\n\"()a-zS0-9_:-]{0,3}") {
            let text = record("fg", &[Some(&label), None], true);
            if let Some(fast) = read_transcript(&text) {
                proptest::prop_assert_eq!(Some(fast), by_ron(&text));
            }
            let mut at = cut.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let edited = format!("{}{insert}{}", &text[..at], &text[at..]);
            if let Some(fast) = read_transcript(&edited) {
                proptest::prop_assert_eq!(Some(fast), by_ron(&edited));
            }
        }
    }
}
