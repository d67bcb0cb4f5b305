//! Any bytes as WebVTT and as SRT: no panic, and accepted turns lie inside the text, in
//! order, on character boundaries.
#![no_main]

use kondens_core::import::{Format, from_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for format in [Format::Vtt, Format::Srt] {
        if let Ok((t, summary)) = from_bytes(data, "fuzz", "fuzz", format) {
            assert_eq!(t.check_turns(), Ok(()));
            assert_eq!(summary.turns, t.turns.len());
        }
    }
});
