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
        let speakers: Vec<String> = self
            .speakers
            .iter()
            .map(|(s, n)| format!("{s} ({n})"))
            .collect();
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
