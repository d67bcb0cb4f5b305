//! Pseudonymisation on import: a mapping file replaces real names in the words and the
//! speaker labels before the text becomes the coordinate system, so the project (and
//! every export) only ever holds the pseudonyms. The mapping itself is never copied
//! into the project.
//!
//! The file has one mapping per line, `Real name = Pseudonym`; blank lines and lines
//! starting with `#` are skipped. Names match as whole words, case and all; the longest
//! name wins where names overlap (`Kari Nordmann` before `Kari`).

use super::decode;

/// A parsed mapping.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pseudonyms {
    /// (real, pseudonym), longest real name first.
    pairs: Vec<(String, String)>,
}

impl Pseudonyms {
    /// Parses a mapping file's text; a bad line is named by its number.
    pub fn parse(text: &str) -> Result<Pseudonyms, String> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let n = i + 1;
            let Some((real, pseudo)) = line.split_once('=') else {
                return Err(format!("line {n}: write it as `Real name = Pseudonym`"));
            };
            let (real, pseudo) = (real.trim(), pseudo.trim());
            if real.is_empty() || pseudo.is_empty() {
                return Err(format!("line {n}: a name is missing on one side of `=`"));
            }
            if pairs.iter().any(|(r, _)| r == real) {
                return Err(format!("line {n}: {real:?} is mapped twice"));
            }
            pairs.push((real.to_string(), pseudo.to_string()));
        }
        if pairs.is_empty() {
            return Err("the mapping holds no `Real name = Pseudonym` lines".into());
        }
        pairs.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        Ok(Pseudonyms { pairs })
    }

    /// Reads a mapping file (any encoding kondens reads transcripts in).
    pub fn read(path: &std::path::Path) -> crate::Result<Pseudonyms> {
        let fail = |message: String| crate::Error::Import {
            path: path.to_path_buf(),
            message,
        };
        let bytes = std::fs::read(path).map_err(|e| crate::Error::io(path, e))?;
        let text = decode(&bytes).map_err(fail)?.text;
        Pseudonyms::parse(&text).map_err(fail)
    }

    /// True when `s` is one of the pseudonyms (a label that needs no mapping).
    pub fn is_pseudonym(&self, s: &str) -> bool {
        self.pairs.iter().any(|(_, p)| p == s)
    }

    /// `s` with every mapped name replaced, and how many replacements were made.
    pub fn apply(&self, s: &str) -> (String, usize) {
        self.apply_with(s, |a, b| a == b)
    }

    /// For file and transcript names: as [`Pseudonyms::apply`], but ignoring case and
    /// taking space, `-`, `_` and `.` as the same (`kari-nordmann.txt`).
    pub fn apply_to_name(&self, s: &str) -> String {
        let sep = |c: char| matches!(c, ' ' | '-' | '_' | '.');
        self.apply_with(s, |a, b| {
            (sep(a) && sep(b)) || a == b || a.to_lowercase().eq(b.to_lowercase())
        })
        .0
    }

    fn apply_with(&self, s: &str, same: impl Fn(char, char) -> bool) -> (String, usize) {
        // The length in `s` of `real` matched at the start of `rest`, if it matches.
        let matched = |rest: &str, real: &str| -> Option<usize> {
            let mut len = 0;
            let mut it = rest.chars();
            for r in real.chars() {
                let c = it.next()?;
                if !same(c, r) {
                    return None;
                }
                len += c.len_utf8();
            }
            let whole = !rest[len..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            whole.then_some(len)
        };
        let mut out = String::with_capacity(s.len());
        let mut count = 0;
        let mut i = 0;
        let mut prev_is_word = false;
        while i < s.len() {
            let rest = &s[i..];
            if !prev_is_word
                && let Some((len, pseudo)) = self
                    .pairs
                    .iter()
                    .find_map(|(real, pseudo)| matched(rest, real).map(|len| (len, pseudo)))
            {
                out.push_str(pseudo);
                count += 1;
                prev_is_word = rest[..len]
                    .chars()
                    .last()
                    .is_some_and(char::is_alphanumeric);
                i += len;
                continue;
            }
            let Some(c) = rest.chars().next() else {
                break;
            };
            out.push(c);
            prev_is_word = c.is_alphanumeric();
            i += c.len_utf8();
        }
        (out, count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_replaced_as_whole_words_longest_first() {
        let p = Pseudonyms::parse(
            "# who is who\nKari Nordmann = Anne\nKari = Anne\n\nOla = Per\nØystein = Pål\n",
        )
        .unwrap();
        let (s, n) =
            p.apply("Kari Nordmann said Kari's idea; Karine and Olav stayed. Ola, Øystein!");
        assert_eq!(
            s,
            "Anne said Anne's idea; Karine and Olav stayed. Per, Pål!"
        );
        assert_eq!(n, 4);
        assert_eq!(p.apply("no names"), ("no names".to_string(), 0));
        assert_eq!(p.apply("kari nordmann"), ("kari nordmann".to_string(), 0));
        assert_eq!(p.apply_to_name("fg2-kari-nordmann.txt"), "fg2-Anne.txt");
        assert_eq!(p.apply_to_name("OLA_interview"), "Per_interview");
    }

    proptest::proptest! {
        #[test]
        fn any_text_and_names_never_panic(
            text in "\\PC{0,80}",
            names in proptest::collection::vec(("\\PC{1,6}", "[A-Z][0-9]"), 1..5),
        ) {
            let mapping: String = names
                .iter()
                .map(|(r, p)| format!("{} = {p}\n", r.replace(['=', '\n', '\r', '#'], "x")))
                .collect();
            if let Ok(p) = Pseudonyms::parse(&mapping) {
                let (out, n) = p.apply(&text);
                let _ = p.apply_to_name(&text);
                if n == 0 {
                    proptest::prop_assert_eq!(out, text);
                }
            }
        }
    }

    #[test]
    fn bad_mapping_lines_are_named() {
        assert_eq!(
            Pseudonyms::parse("Kari = Anne\nOla Per\n").unwrap_err(),
            "line 2: write it as `Real name = Pseudonym`"
        );
        assert!(
            Pseudonyms::parse("Kari = \n")
                .unwrap_err()
                .starts_with("line 1")
        );
        assert!(
            Pseudonyms::parse("A = B\nA = C\n")
                .unwrap_err()
                .contains("mapped twice")
        );
        assert!(Pseudonyms::parse("# nothing\n").is_err());
    }
}
