//! Bytes to text: size and binary checks, UTF-8 with or without BOM, and line endings
//! normalised to `\n`. Other encodings come with the transcript-formats work.

/// Files larger than this are refused: a three-hour focus group is well under 1 MiB.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// Decoded text and the encoding it came from.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decodes a transcript file's bytes, or says in plain words why it cannot.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if bytes.len() > MAX_BYTES {
        return Err(format!(
            "the file is {} MiB; transcripts larger than {} MiB are refused",
            bytes.len() / (1024 * 1024),
            MAX_BYTES / (1024 * 1024)
        ));
    }
    let (body, encoding) = match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => (rest, "UTF-8 with BOM"),
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => {
            return Err(
                "the file is UTF-16 text, which this version cannot read yet; \
                        save it as UTF-8"
                    .into(),
            );
        }
        _ => (bytes, "UTF-8"),
    };
    if body.contains(&0) {
        return Err("the file holds binary data, not text".into());
    }
    let text = std::str::from_utf8(body).map_err(|e| {
        let line = body[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        format!("the file is not UTF-8 text (first bad byte on line {line}); save it as UTF-8")
    })?;
    if text.trim().is_empty() {
        return Err("the file is empty".into());
    }
    Ok(Decoded {
        text: normalise_newlines(text),
        encoding,
    })
}

/// `\r\n` and lone `\r` become `\n`.
pub fn normalise_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf() {
        let d = decode(b"\xEF\xBB\xBFP1: hei\r\nP2: ja\rP1: nei").unwrap();
        assert_eq!(d.text, "P1: hei\nP2: ja\nP1: nei");
        assert_eq!(d.encoding, "UTF-8 with BOM");
    }

    #[test]
    fn refusals_say_why() {
        assert!(decode(b"").unwrap_err().contains("empty"));
        assert!(decode(b" \n\n").unwrap_err().contains("empty"));
        assert!(decode(b"P1: a\x00b").unwrap_err().contains("binary"));
        assert!(
            decode(b"P1: ok\nP2: bl\xe5b\xe6r")
                .unwrap_err()
                .contains("line 2")
        );
        assert!(
            decode(b"\xFF\xFEP\x001\x00")
                .unwrap_err()
                .contains("UTF-16")
        );
    }
}
