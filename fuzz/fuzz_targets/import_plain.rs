//! Any bytes as a plain-text transcript: no panic, and an accepted file gives turns that
//! lie inside the text, in order, on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok((t, summary)) =
        kondens::import::from_bytes(data, "fuzz.txt", "fuzz", kondens::import::Format::Txt)
    {
        let mut prev = 0;
        for turn in &t.turns {
            assert!(turn.start >= prev && turn.start <= turn.end);
            assert!(t.text.get(turn.span()).is_some());
            prev = turn.end;
        }
        assert_eq!(summary.turns, t.turns.len());
    }
});
