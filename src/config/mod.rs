//! The user's config file (`config.ron` in the config directory): the coder's name and
//! partial overrides of the keymap and colours, merged over the defaults embedded from
//! `assets/config.ron`. A bad file never stops kondens: it reports file, line and column,
//! and the defaults are used.

use crate::{Error, store};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The defaults, as shipped.
pub const DEFAULTS: &str = include_str!("../../assets/config.ron");

/// Key bindings: scope → action name → key chords (`"j"`, `"ctrl-r"`, `"shift-tab"`).
pub type Keys = BTreeMap<String, BTreeMap<String, Vec<String>>>;

/// The config as written in a file; every part may be left out.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ConfigFile {
    pub coder: Option<String>,
    pub keys: Keys,
    pub colours: BTreeMap<String, String>,
    pub system_lines: Vec<String>,
}

/// The config in force, with where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub coder: Option<String>,
    pub keys: Keys,
    pub colours: BTreeMap<String, String>,
    /// Endings of meeting system lines in other languages (`… ha iniciado la
    /// transcripción`), for import.
    pub system_lines: Vec<String>,
    /// The user file that was read, if any.
    pub source: Option<PathBuf>,
    /// The user file's text, to point at lines in later messages.
    pub source_text: String,
}

fn parse(path: &Path, text: &str) -> crate::Result<ConfigFile> {
    let opts =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    opts.from_str(text).map_err(|e| Error::Parse {
        path: path.to_path_buf(),
        line: e.span.start.line,
        col: e.span.start.col,
        message: e.code.to_string(),
    })
}

/// The shipped defaults.
pub fn defaults() -> Config {
    let file = parse(Path::new("assets/config.ron"), DEFAULTS).unwrap_or_default();
    Config {
        coder: None,
        keys: file.keys,
        colours: file.colours,
        system_lines: file.system_lines,
        source: None,
        source_text: String::new(),
    }
}

/// Loads the config from `path` over the defaults. Problems come back as messages;
/// the config returned is always usable.
pub fn load(path: Option<&Path>) -> (Config, Vec<String>) {
    let mut config = defaults();
    let Some(path) = path else {
        return (config, Vec::new());
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (config, Vec::new()),
        Err(e) => {
            return (
                config,
                vec![format!("{}: {e}; using the defaults", path.display())],
            );
        }
    };
    match parse(path, &text) {
        Ok(user) => {
            config.coder = user.coder;
            for (scope, actions) in user.keys {
                let slot = config.keys.entry(scope).or_default();
                for (action, chords) in actions {
                    slot.insert(action, chords);
                }
            }
            config.colours.extend(user.colours);
            config.system_lines.extend(user.system_lines);
            config.source = Some(path.to_path_buf());
            config.source_text = text;
            (config, Vec::new())
        }
        Err(e) => (config, vec![format!("{e}; using the defaults")]),
    }
}

impl Config {
    /// Where `needle` first appears in the user file, as `file:line`, for messages
    /// about a value that parsed but means nothing (an unknown action or key).
    pub fn locate(&self, needle: &str) -> String {
        let Some(path) = &self.source else {
            return "assets/config.ron".into();
        };
        match self.source_text.lines().position(|l| l.contains(needle)) {
            Some(i) => format!("{}:{}", path.display(), i + 1),
            None => path.display().to_string(),
        }
    }

    /// The coder's name: the command line's, else the config's, else `$USER`.
    pub fn coder(&self, from_cli: Option<&str>) -> crate::Result<String> {
        let name = from_cli
            .map(str::to_string)
            .or_else(|| self.coder.clone())
            .or_else(|| std::env::var("USER").ok().filter(|s| !s.is_empty()))
            .or_else(|| std::env::var("USERNAME").ok().filter(|s| !s.is_empty()))
            .unwrap_or_else(|| "coder".to_string());
        store::check_coder_name(&name)?;
        Ok(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse_and_have_keys() {
        parse(Path::new("assets/config.ron"), DEFAULTS).expect("shipped defaults parse");
        let c = defaults();
        assert!(c.keys.contains_key("global"));
        assert!(c.colours.contains_key("accent"));
    }

    #[test]
    fn partial_override_merges_and_bad_file_falls_back() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("config.ron");
        std::fs::write(
            &p,
            "(coder: \"ingrid\", keys: {\"global\": {\"Quit\": [\"x\"]}})",
        )
        .unwrap();
        let (c, warnings) = load(Some(&p));
        assert!(warnings.is_empty());
        assert_eq!(c.coder.as_deref(), Some("ingrid"));
        assert_eq!(c.keys["global"]["Quit"], vec!["x".to_string()]);
        assert!(c.keys["global"].contains_key("Help"), "other defaults stay");

        std::fs::write(&p, "(\n  coder: \"x\",\n  colours: 5,\n)").unwrap();
        let (c, warnings) = load(Some(&p));
        assert_eq!(c, defaults());
        assert!(warnings[0].contains("config.ron:3:"), "{warnings:?}");
    }
}
