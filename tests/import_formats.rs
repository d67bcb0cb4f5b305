//! Real-world transcript layouts import into the turns a researcher would expect. Each
//! test compares the whole turn list: speaker, start time, words. The fixtures are
//! written for kondens after the layouts described in the transcript-formats reference.

use kondens::import::{Format, from_bytes};

type Turn = (Option<&'static str>, Option<u64>, &'static str);

/// A turn as imported: speaker, start time, words.
type Got = (Option<String>, Option<u64>, String);

fn import(file: &str, format: Format) -> (Vec<Got>, kondens::import::Summary) {
    let bytes = std::fs::read(format!("tests/fixtures/import/{file}")).unwrap();
    let (t, summary) =
        from_bytes(&bytes, file, file, format).unwrap_or_else(|e| panic!("{file}: {e}"));
    let turns = t
        .turns
        .iter()
        .enumerate()
        .map(|(i, turn)| {
            (
                turn.speaker.as_deref().map(str::to_string),
                turn.start_ms,
                t.turn_text(i).to_string(),
            )
        })
        .collect();
    (turns, summary)
}

fn assert_turns(file: &str, expected: &[Turn]) -> kondens::import::Summary {
    let (got, summary) = import(file, Format::Auto);
    let want: Vec<Got> = expected
        .iter()
        .map(|(s, t, w)| (s.map(str::to_string), *t, w.to_string()))
        .collect();
    assert_eq!(got, want, "{file}");
    summary
}

#[test]
fn webvtt_by_the_spec() {
    let s = assert_turns(
        "spec-example.vtt",
        &[
            (
                Some("Moderator"),
                Some(1_000),
                "Hva tenker dere om hjemmetjenesten?",
            ),
            (Some("P1"), Some(4_500), "Jeg synes den er bra."),
            (None, Some(4_500), "[latter]"),
            (
                Some("P2"),
                Some(6_000),
                "Tja — det kommer an på, hvem man får.",
            ),
            (Some("P1"), Some(3_723_004), "Enig."),
            (Some("P2"), Some(3_723_004), "Ikke jeg."),
        ],
    );
    assert_eq!(s.format, "vtt");
    assert_eq!(s.unattributed, 1);
}

#[test]
fn zoom_names_in_the_text_and_unattributed_cues() {
    let s = assert_turns(
        "zoom.vtt",
        &[
            (
                Some("Kari Nordmann"),
                Some(2_310),
                "Velkommen, alle sammen. Fint at dere kunne komme i dag. Vi starter med en kort runde rundt bordet.",
            ),
            (
                Some("Ørjan Ås"),
                Some(12_100),
                "Ja, jeg kan begynne. Jeg heter Ørjan og jobber på sykehjemmet.",
            ),
            (None, Some(16_000), "mm, og jeg har vært der i tre år."),
            (
                Some("Deltaker 3 (iPhone)"),
                Some(19_400),
                "Hei! Jeg er Åse. Tid: to år.",
            ),
            (None, Some(24_000), "Tid: to år, sa du?"),
        ],
    );
    assert_eq!(
        s.speakers,
        vec![
            ("Kari Nordmann".into(), 1),
            ("Ørjan Ås".into(), 1),
            ("Deltaker 3 (iPhone)".into(), 1)
        ]
    );
    assert_eq!(s.unattributed, 2);
}

#[test]
fn teams_voice_spans_guid_ids_and_entities() {
    assert_turns(
        "teams.vtt",
        &[
            (
                Some("Kari Nordmann"),
                Some(3_128),
                "Velkommen til fokusgruppen. Vi tar opp samtalen, er det greit for alle? Fint.",
            ),
            (
                Some("Ørjan Åsheim (Helse Vest)"),
                Some(10_115),
                "Ja, det er greit. Vi bruker R&D-midler på dette.",
            ),
        ],
    );
}

#[test]
fn graph_cues_without_blank_lines_and_legacy_timings() {
    assert_turns(
        "graph-legacy.vtt",
        &[
            (Some("MOD Administrator"), Some(0), "Hei, alle. Oh."),
            (Some("Deltaker"), Some(7_000), "Hei."),
        ],
    );
}

#[test]
fn a_broken_cue_is_dropped_with_its_line_and_the_rest_imports() {
    let s = assert_turns(
        "broken.vtt",
        &[
            (Some("P1"), Some(1_000), "Første."),
            (Some("P2"), Some(4_000), "Tredje."),
        ],
    );
    assert_eq!(s.warnings.len(), 1);
    assert!(
        s.warnings[0].starts_with("line 8: cue timings"),
        "{:?}",
        s.warnings
    );
}

#[test]
fn srt_tolerantly() {
    let s = assert_turns(
        "example.srt",
        &[
            (
                Some("Kari Nordmann"),
                Some(2_310),
                "Velkommen, alle sammen.",
            ),
            (Some("Ørjan"), Some(7_020), "Takk. Jeg kan begynne."),
            (None, Some(12_100), "- Ja. - Nei!"),
            (
                Some("Kari Nordmann"),
                Some(16_000),
                "Uten nummer og med punktum.",
            ),
            (Some("Ørjan"), Some(19_000), "Rar pil, ingen tom linje."),
        ],
    );
    assert_eq!(s.format, "srt");
}

#[test]
fn encodings_are_detected_and_named() {
    let text = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Åse>Blåbær på tur.</v>\n";
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let (t, s) = from_bytes(&utf16, "a.vtt", "a", Format::Auto).unwrap();
    assert_eq!((s.encoding, s.format), ("UTF-16 LE", "vtt"));
    assert_eq!(t.turn_text(0), "Blåbær på tur.");
    let cp1252 = b"M: Hva synes dere?\r\nP1: Bl\xe5b\xe6r og \xf8l \x96 greit.\r\nM: Takk.\r\n";
    let (t, s) = from_bytes(cp1252, "b.txt", "b", Format::Auto).unwrap();
    assert_eq!(s.encoding, "Windows-1252");
    assert_eq!(t.turn_text(1), "Blåbær og øl – greit.");
}

#[test]
fn the_format_can_be_forced() {
    // A VTT without its signature: refused as VTT by the spec, read when asked for.
    let bytes = b"00:01.000 --> 00:02.000\n<v P1>Hei.</v>\n";
    let (_, s) = from_bytes(bytes, "x", "x", Format::Auto).unwrap();
    assert_ne!(s.format, "vtt");
    let (t, s) = from_bytes(bytes, "x", "x", Format::Vtt).unwrap();
    assert_eq!((s.format, t.turns.len()), ("vtt", 1));
    assert!(s.warnings[0].contains("no WEBVTT signature"));
}

#[test]
fn otter_headers_unknown_speakers_and_the_footer() {
    let s = assert_turns(
        "otter.txt",
        &[
            (
                Some("Kari Nordmann"),
                Some(0),
                "Velkommen, alle sammen. Fint at dere kunne komme.",
            ),
            (
                Some("Speaker 2"),
                Some(7_000),
                "Takk. Skal jeg begynne? Jeg heter Ørjan og jobber i hjemmetjenesten.\nJeg har vært der i tre år.",
            ),
            (None, Some(15_000), "mm"),
            (Some("Kari Nordmann"), Some(3_616_000), "Ja, bare begynn."),
        ],
    );
    assert_eq!(s.format, "otter");
}

#[test]
fn plain_text_with_times_tabs_and_f4_marks() {
    let s = assert_turns(
        "timestamped.txt",
        &[
            (None, None, "Intervju 4 (oppdiktet), transkribert med f4"),
            (Some("I"), Some(5_000), "Velkommen. Kan du fortelle litt?"),
            (
                Some("B"),
                Some(9_000),
                "Ja. Jeg begynte for to år siden.\nTid: to år, altså.",
            ),
            (Some("I"), Some(31_200), "Og hvordan var starten?"),
            (Some("B"), None, "Tøff. (ler)"),
        ],
    );
    assert_eq!(s.format, "txt");
}

#[test]
fn inputs_the_fuzzer_found_are_refused_or_read_without_a_panic() {
    // An hour count so large that milliseconds overflowed (found by `import_subtitles`).
    let bytes = std::fs::read("tests/fixtures/import/fuzz-crash-overflow.vtt").unwrap();
    for format in [
        Format::Auto,
        Format::Vtt,
        Format::Srt,
        Format::Txt,
        Format::Otter,
    ] {
        let _ = from_bytes(&bytes, "x", "x", format);
    }
    let _ = from_bytes(
        b"WEBVTT\n\n99999999999999:00:00.000 --> 1:00.000\n<v A>x\n",
        "x",
        "x",
        Format::Vtt,
    );
    let _ = from_bytes(
        b"I: a #9999999999999999:00:00-9#\nB: b\nI: c\n",
        "x",
        "x",
        Format::Txt,
    );
}

#[test]
fn word_documents_from_teams_now_and_then_and_from_a_transcription_service() {
    let s = assert_turns(
        "teams-current.docx",
        &[
            (
                None,
                None,
                "Fokusgruppe 5 (oppdiktet)\n27. november 2026, 10:02\nTranskripsjon",
            ),
            (None, None, "Kari Nordmann startet transkripsjonen"),
            (
                Some("Kari Nordmann"),
                Some(3_000),
                "Velkommen, alle sammen.",
            ),
            (
                Some("Ørjan Ås"),
                Some(9_000),
                "Takk. Jeg kan begynne.\nJeg jobber i hjemmetjenesten.",
            ),
            (
                Some("Kari Nordmann"),
                Some(3_727_000),
                "Fint. R&D-midler, sa du?",
            ),
        ],
    );
    assert_eq!((s.format, s.encoding), ("docx", "UTF-8 (Word)"));
    assert_turns(
        "teams-legacy.docx",
        &[
            (Some("Kari Nordmann"), Some(0), "Velkommen, alle sammen."),
            (Some("Ørjan Ås"), Some(4_090), "Takk."),
            (None, None, "saved-by\tKari Nordmann"),
        ],
    );
    assert_turns(
        "service.docx",
        &[
            (None, None, "Intervju 7 – transkribert av byrå (oppdiktet)"),
            (Some("I"), None, "Hvordan begynte det?"),
            (Some("B"), None, "Det var helt tilfeldig. (ler)"),
            (Some("I"), None, "Takk."),
            (Some("B"), None, "Bare hyggelig."),
        ],
    );
}

#[test]
fn word_files_that_cannot_be_read_say_why() {
    let e = from_bytes(
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest",
        "old.doc",
        "old",
        Format::Auto,
    )
    .unwrap_err();
    assert!(
        e.contains("old Word .doc") && e.contains("password-protected"),
        "{e}"
    );
    let e = from_bytes(b"PK\x03\x04garbage", "bad.docx", "bad", Format::Auto).unwrap_err();
    assert!(e.contains("damaged"), "{e}");
    let e = from_bytes(b"P1: hei\nP2: ja\nP1: nei\n", "x.docx", "x", Format::Docx).unwrap_err();
    assert!(e.contains("not a Word .docx"), "{e}");
}

#[test]
fn the_legacy_teams_layout_copied_into_a_text_file() {
    let text = "0:0:0.0 --> 0:0:3.750\nKari Nordmann\nVelkommen.\n0:0:4.90 --> 0:0:6.500\nØrjan Ås\nTakk.\n";
    let (t, s) = from_bytes(text.as_bytes(), "x.txt", "x", Format::Auto).unwrap();
    assert_eq!(
        s.speakers,
        vec![("Kari Nordmann".into(), 1), ("Ørjan Ås".into(), 1)]
    );
    assert_eq!(t.turns[1].start_ms, Some(4_090));
}

#[test]
fn graph_metadata_cues_carry_their_speaker_in_json() {
    assert_turns(
        "graph-metadata.vtt",
        &[
            (
                Some("MOD Administrator"),
                Some(0),
                "Velkommen, alle sammen.",
            ),
            (Some("Deltaker"), Some(4_000), "Takk \"for\" sist."),
            (None, Some(6_000), "(ukjent taler)"),
        ],
    );
}

#[test]
fn tags_are_dropped_and_text_outside_voices_is_its_own_turn() {
    // Checklist 12 and 13: bold, lang, class, ruby (its reading dropped), timestamp and
    // unknown tags; text outside voice spans; a nameless voice; two voices in one cue.
    let s = assert_turns(
        "tags.vtt",
        &[
            (
                Some("Moderator"),
                Some(0),
                "Velkommen til focus group nummer tre.",
            ),
            (Some("P1"), Some(3_000), "Jeg heter 漢 på japansk, sier de."),
            (None, Some(6_000), "[latter]"),
            (Some("P2"), Some(6_000), "Ja virkelig."),
            (None, Some(6_000), "(mumling)"),
            (None, Some(8_000), "Hvem sa det?"),
            (Some("P1"), Some(9_000), "Meg."),
            (Some("P2"), Some(9_000), "Og meg."),
        ],
    );
    assert_eq!(s.unattributed, 3);
}

#[test]
fn zoom_display_names_of_every_shape_and_a_name_change() {
    // Checklist 17: brackets, digits, hyphens and diacritics in names; `: ` inside the
    // words; a cue with no name; a display name changed mid-meeting (two labels, which
    // the researcher can merge into one participant).
    let s = assert_turns(
        "zoom-names.vtt",
        &[
            (Some("Kari (iPhone)"), Some(1_000), "Hei, hører dere meg?"),
            (
                Some("Ørjan Ås-Berg 2"),
                Some(3_500),
                "Ja. Klokka er 10: vi starter.",
            ),
            (None, Some(6_000), "mm, ja"),
            (
                Some("Kari Nordmann"),
                Some(8_000),
                "Nå har jeg byttet navn i Zoom: det er meg.",
            ),
            (Some("Ørjan Ås-Berg 2"), Some(11_000), "Flott."),
        ],
    );
    assert_eq!(s.speakers.len(), 3);
}

#[test]
fn label_variants_are_distinct_speakers_until_merged() {
    // Checklist 20: `K:`, `Kari:`, `KARI:` are told apart; `Kari :` is `Kari:`.
    let s = assert_turns(
        "label-variants.txt",
        &[
            (Some("K"), None, "Hei, jeg heter K i denne samtalen."),
            (Some("Kari"), None, "Og jeg er Kari."),
            (Some("KARI"), None, "Store bokstaver nå."),
            (Some("Kari"), None, "Med mellomrom før kolon."),
            (Some("K"), None, "Tilbake til K."),
            (Some("Kari"), None, "Og Kari igjen."),
        ],
    );
    assert_eq!(
        s.speakers,
        vec![("K".into(), 2), ("Kari".into(), 3), ("KARI".into(), 1)]
    );
    // Merged as participants, the three labels are one person.
    let bytes = std::fs::read("tests/fixtures/import/label-variants.txt").unwrap();
    let (t, _) = from_bytes(&bytes, "v.txt", "v", Format::Auto).unwrap();
    let mut p = kondens::model::Project::new("t", "q");
    p.transcripts.push(t);
    let all = p.all_participants();
    let mut history = kondens::ops::History::default();
    for other in [&all[0], &all[2]] {
        let e = kondens::ops::merge_participants(&p, all[1].id, other.id).unwrap();
        history.perform(&mut p, e.change, e.label).unwrap();
    }
    let merged = p.all_participants();
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].labels.len(), 3);
}

#[test]
fn a_word_table_of_time_speaker_and_words() {
    // Checklist 24: a table as the layout, a header row, a metadata table at the end,
    // no section properties and no package relationships.
    assert_turns(
        "table.docx",
        &[
            (None, None, "Fokusgruppe 6 – sykepleiere (oppdiktet)"),
            (None, None, "Tid Taler Tekst"),
            (
                Some("Moderator"),
                Some(4_000),
                "Velkommen til fokusgruppen.",
            ),
            (
                Some("Deltaker 1"),
                Some(11_000),
                "Takk. Jeg heter Deltaker 1 i denne sammenhengen.\nOg jeg jobber natt.",
            ),
            (
                Some("Deltaker 2"),
                Some(62_000),
                "Jeg har jobbet i tolv år.",
            ),
            (None, None, "saved-by Moderator"),
        ],
    );
}

#[test]
fn teams_avatars_text_boxes_system_lines_and_date_headers() {
    // Checklist 25 and 26: avatar images leave no text; a text box is read once (its
    // Fallback copy skipped); localised system lines stay unattributed turns, never a
    // speaker's words; the date header stays in the preamble.
    let s = assert_turns(
        "teams-avatars.docx",
        &[
            (
                None,
                None,
                "Konfidensielt – kun for forskergruppen\nFokusgruppe 7 (oppdiktet)\nfredag 27. november 2026, 13:00\nTranskripsjon",
            ),
            (None, None, "Mona Moderator startet transkripsjonen"),
            (Some("Mona Moderator"), Some(2_000), "Hei, og velkommen."),
            (Some("Deltaker A"), Some(7_000), "Hei."),
            (None, None, "Deltaker B ble med i møtet"),
            (Some("Deltaker B"), Some(15_000), "Beklager, jeg er sen."),
            (None, None, "Mona Moderator stoppet transkripsjonen"),
        ],
    );
    assert_eq!(s.unattributed, 4);
}

#[test]
fn system_lines_in_other_languages_come_from_the_config() {
    let text = "Ana García   0:02\nHola a todos.\nAna García ha iniciado la transcripción\nLuis   0:09\nGracias.\n";
    let opts = |extra: Vec<String>| kondens::import::Options {
        system_lines: extra,
        ..Default::default()
    };
    let words = |extra| {
        let (t, _) =
            kondens::import::from_bytes_with(text.as_bytes(), "t.txt", "t", &opts(extra)).unwrap();
        (0..t.turns.len())
            .map(|i| {
                (
                    t.turns[i].speaker.as_deref().map(str::to_string),
                    t.turn_text(i).to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    // Unknown, the system line would be Ana's words.
    assert_eq!(
        words(vec![])[0].1,
        "Hola a todos.\nAna García ha iniciado la transcripción"
    );
    let known = words(vec!["ha iniciado la transcripción".into()]);
    assert_eq!(
        known[0],
        (Some("Ana García".into()), "Hola a todos.".into())
    );
    assert_eq!(
        known[1],
        (None, "Ana García ha iniciado la transcripción".into())
    );
}
