//! Any bytes as a pseudonym mapping, applied to any text: no panic; with no name found
//! the text comes back unchanged; replacing is applied to a transcript import too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (mapping, body) = text.split_once("\n\n").unwrap_or((&text, &text));
    let Ok(p) = kondens_core::import::Pseudonyms::parse(mapping) else {
        return;
    };
    let (out, n) = p.apply(body);
    if n == 0 {
        assert_eq!(out, body);
    }
    let _ = p.apply_to_name(body);
    let options = kondens_core::import::Options {
        pseudonyms: Some(p),
        ..Default::default()
    };
    if let Ok((t, _)) = kondens_core::import::from_bytes_with(body.as_bytes(), "f.txt", "f", &options) {
        assert_eq!(t.check_turns(), Ok(()));
    }
});
