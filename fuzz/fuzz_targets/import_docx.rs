//! Any bytes as a Word file, and any text as its `document.xml`: no panic, and accepted
//! turns lie inside the text.
#![no_main]

use kondens_core::import::{Format, docx, from_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(xml) = std::str::from_utf8(data) {
        let _ = docx::extract(xml);
    }
    if let Ok((t, _)) = from_bytes(data, "fuzz.docx", "fuzz", Format::Docx) {
        assert_eq!(t.check_turns(), Ok(()));
    }
});
