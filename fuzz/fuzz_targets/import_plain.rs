//! Any bytes as a plain-text transcript, an Otter export, and with the format detected:
//! no panic, and an accepted file gives turns that lie inside the text, in order, on
//! character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    use kondens_core::import::Format;
    for format in [Format::Txt, Format::Otter, Format::Auto] {
        let Ok((t, summary)) = kondens_core::import::from_bytes(data, "fuzz.txt", "fuzz", format) else {
            continue;
        };
        assert_eq!(t.check_turns(), Ok(()));
        assert_eq!(summary.turns, t.turns.len());
    }
});
