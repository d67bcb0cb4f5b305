//! What an import reports for each file.

/// What an import found in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub file: String,
    pub format: &'static str,
    pub encoding: &'static str,
    pub turns: usize,
    /// Speaker labels with their number of turns, in order of first appearance.
    pub speakers: Vec<(String, usize)>,
    pub unattributed: usize,
    /// With a pseudonym mapping: how many names were replaced, and the speaker labels
    /// left as they were (to check that no real name is among them).
    pub pseudonymised: Option<(usize, Vec<String>)>,
    pub warnings: Vec<String>,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{}", self.file)?;
        writeln!(f, "  format:    {}", self.format)?;
        writeln!(f, "  encoding:  {}", self.encoding)?;
        writeln!(f, "  turns:     {}", self.turns)?;
        // A file with hundreds of labels is listed in part: it is a mistake to look into,
        // not a list to read.
        const SHOWN: usize = 40;
        let mut speakers: Vec<String> = self
            .speakers
            .iter()
            .take(SHOWN)
            .map(|(s, n)| format!("{s} ({n})"))
            .collect();
        if self.speakers.len() > SHOWN {
            speakers.push(format!(
                "… and {} more ({} in all)",
                self.speakers.len() - SHOWN,
                self.speakers.len()
            ));
        }
        writeln!(
            f,
            "  speakers:  {}",
            if speakers.is_empty() {
                "none found".into()
            } else {
                speakers.join(", ")
            }
        )?;
        writeln!(f, "  unattributed turns: {}", self.unattributed)?;
        if let Some((n, kept)) = &self.pseudonymised {
            writeln!(f, "  pseudonymised: {n} name(s) replaced")?;
            if !kept.is_empty() {
                writeln!(f, "  labels not in the mapping (kept): {}", kept.join(", "))?;
            }
        }
        for w in &self.warnings {
            writeln!(f, "  warning: {w}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hundreds_of_speakers_are_listed_in_part() {
        let s = Summary {
            file: "many.txt".into(),
            format: "txt",
            encoding: "UTF-8",
            turns: 2000,
            speakers: (0..1000).map(|i| (format!("S{i}"), 2)).collect(),
            unattributed: 0,
            pseudonymised: None,
            warnings: Vec::new(),
        };
        let text = s.to_string();
        assert!(
            text.contains("S39 (2), … and 960 more (1000 in all)"),
            "{text}"
        );
        assert!(!text.contains("S40 (2)"));
    }
}
