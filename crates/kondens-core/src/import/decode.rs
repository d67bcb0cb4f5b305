//! Bytes to text: size and binary checks; UTF-8 with or without BOM, UTF-16 LE/BE with
//! BOM, and Windows-1252 for bytes that are not UTF-8 (older Norwegian files: `blåbær`
//! saved by Notepad); line endings normalised to `\n`. The text is otherwise kept as given.

/// Files larger than this are refused: a three-hour focus group is well under 1 MiB.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// Decoded text and the encoding it came from.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// Stray NUL characters replaced by U+FFFD (as WebVTT's rules say).
    pub nul_replaced: usize,
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
    let text: String;
    let encoding: &'static str;
    match bytes {
        [0xFF, 0xFE, rest @ ..] => {
            text = utf16(rest, u16::from_le_bytes)?;
            encoding = "UTF-16 LE";
        }
        [0xFE, 0xFF, rest @ ..] => {
            text = utf16(rest, u16::from_be_bytes)?;
            encoding = "UTF-16 BE";
        }
        _ => {
            let (body, with_bom) = match bytes {
                [0xEF, 0xBB, 0xBF, rest @ ..] => (rest, true),
                _ => (bytes, false),
            };
            if looks_binary(body) {
                return Err("the file holds binary data, not text".into());
            }
            match std::str::from_utf8(body) {
                Ok(t) => {
                    text = t.to_string();
                    encoding = if with_bom { "UTF-8 with BOM" } else { "UTF-8" };
                }
                Err(_) if with_bom => {
                    return Err("the file says it is UTF-8 (it has a BOM) but is not".into());
                }
                Err(_) => {
                    text = windows_1252(body);
                    encoding = "Windows-1252";
                }
            }
        }
    }
    if text.trim().is_empty() {
        return Err("the file is empty".into());
    }
    let nul_replaced = text.matches('\0').count();
    let text = if nul_replaced > 0 {
        text.replace('\0', "\u{FFFD}")
    } else {
        text
    };
    Ok(Decoded {
        text: normalise_newlines(&text),
        encoding,
        nul_replaced,
    })
}

/// More than a stray NUL byte (one in a thousand), or many control characters, mean
/// this is not a text file.
fn looks_binary(body: &[u8]) -> bool {
    let nuls = body.iter().filter(|b| **b == 0).count();
    if nuls > 0 && nuls * 1000 > body.len() {
        return true;
    }
    let sample = &body[..body.len().min(8192)];
    let controls = sample
        .iter()
        .filter(|b| **b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    controls * 50 > sample.len().max(1)
}

fn utf16(body: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, String> {
    if !body.len().is_multiple_of(2) {
        return Err("the file is UTF-16 text cut off in the middle of a character".into());
    }
    let units = body.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    char::decode_utf16(units)
        .enumerate()
        .map(|(i, c)| c.map_err(|_| format!("the UTF-16 text is damaged at character {}", i + 1)))
        .collect()
}

/// Windows-1252: Latin-1 with printable characters in 0x80–0x9F.
fn windows_1252(body: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    body.iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[(b - 0x80) as usize],
            _ => char::from(b),
        })
        .collect()
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
        // A stray NUL in a long text is replaced, not a reason to refuse the file.
        let mut long = b"WEBVTT\n\n00:01.000 --> 00:02.000\nHei\x00 der.\n".to_vec();
        long.extend(std::iter::repeat_n(b'x', 2000));
        let d = decode(&long).unwrap();
        assert_eq!(d.nul_replaced, 1);
        assert!(d.text.contains("Hei\u{FFFD} der."));
        assert!(
            decode(b"\x01\x02\x03\x04\x05\x06 abc")
                .unwrap_err()
                .contains("binary")
        );
        assert!(decode(b"\xFF\xFEP\x001").unwrap_err().contains("cut off"));
        assert!(
            decode(b"\xEF\xBB\xBFP1: bl\xe5")
                .unwrap_err()
                .contains("BOM")
        );
    }

    #[test]
    fn utf16_and_windows_1252() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("P1: blåbær\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let d = decode(&le).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("P1: blåbær\n", "UTF-16 LE"));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("K: Å".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).unwrap().text, "K: Å");
        let d = decode(b"P1: bl\xe5b\xe6r p\xe5 \xf8l \x96 \x93sitat\x94").unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("P1: blåbær på øl – “sitat”", "Windows-1252")
        );
    }
}
