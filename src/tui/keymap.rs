//! Key chords and the keymap in force: the defaults from `assets/config.ron` with the
//! user's overrides merged in. Lookups go overlay → focused pane → global.

use super::action::Action;
use crate::config::Config;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeMap;

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Global,
    Transcript,
    Units,
    Tree,
    Memo,
    Themes,
    Groups,
    Lifted,
    Validation,
    Report,
    ReportUnits,
    Review,
    Compare,
    Editor,
    Participants,
    Picker,
    Input,
    Confirm,
    Help,
}

/// What the keymap knows of a scope: one line of [`SCOPES`] each.
pub struct ScopeDef {
    pub scope: Scope,
    /// The name used in the config file.
    pub name: &'static str,
    /// The heading in the help screen.
    pub title: &'static str,
    /// A list, so the list motions act in it too.
    pub list: bool,
    /// The actions its code acts on besides the list motions, as the screen or overlay
    /// that owns it states them.
    pub handles: &'static [Action],
}

const fn def(
    scope: Scope,
    name: &'static str,
    title: &'static str,
    list: bool,
    handles: &'static [Action],
) -> ScopeDef {
    ScopeDef {
        scope,
        name,
        title,
        list,
        handles,
    }
}

use super::screens::{coding, compare, groups, reports, review, themes};
use super::{editor, overlays};

/// Every scope, in help order. A new scope is its variant of [`Scope`] and a line here.
#[rustfmt::skip]
pub const SCOPES: &[ScopeDef] = &[
    def(Scope::Global, "global", "Everywhere", false, super::app::GLOBAL_HANDLES),
    def(Scope::Transcript, "transcript", "Transcript", true, coding::TRANSCRIPT_HANDLES),
    def(Scope::Units, "units", "Meaning units", true, coding::UNITS_HANDLES),
    def(Scope::Tree, "tree", "Code tree", true, coding::TREE_HANDLES),
    def(Scope::Memo, "memo", "Text panes (memos, condensate, analytic text)", false, groups::MEMO_HANDLES),
    def(Scope::Themes, "themes", "Preliminary themes", true, themes::THEMES_HANDLES),
    def(Scope::Groups, "groups", "Code groups and subgroups", true, groups::GROUPS_HANDLES),
    def(Scope::Lifted, "lifted", "Meaning units lifted out of context", true, groups::LIFTED_HANDLES),
    def(Scope::Validation, "validation", "Result heading and validation", true, groups::VALIDATION_HANDLES),
    def(Scope::Report, "report", "Reports: the table", true, reports::REPORT_HANDLES),
    def(Scope::ReportUnits, "report_units", "Reports: the meaning units behind a cell", true, reports::REPORT_UNITS_HANDLES),
    def(Scope::Review, "review", "Review: comment threads and spot-checks", true, review::REVIEW_HANDLES),
    def(Scope::Compare, "compare", "Compare: where two people's coding differs", true, compare::COMPARE_HANDLES),
    def(Scope::Editor, "editor", "Text editor (what you type goes into the text; Esc leaves it)", false, editor::HANDLES),
    def(Scope::Participants, "participants", "Participants", true, overlays::PARTICIPANTS_HANDLES),
    def(Scope::Picker, "picker", "Code picker (type to filter; 1–9 pick a recent code)", false, overlays::PICKER_HANDLES),
    def(Scope::Input, "input", "Text input", false, overlays::INPUT_HANDLES),
    def(Scope::Confirm, "confirm", "Questions", false, overlays::CONFIRM_HANDLES),
    def(Scope::Help, "help", "Help", false, overlays::HELP_HANDLES),
];

impl Scope {
    /// Every scope, in help order.
    pub fn all() -> impl Iterator<Item = Scope> {
        SCOPES.iter().map(|d| d.scope)
    }

    /// Its line in [`SCOPES`].
    pub fn def(self) -> &'static ScopeDef {
        SCOPES
            .iter()
            .find(|d| d.scope == self)
            .unwrap_or(&SCOPES[0])
    }

    /// The name used in the config file.
    pub fn name(self) -> &'static str {
        self.def().name
    }

    /// The heading in the help screen.
    pub fn title(self) -> &'static str {
        self.def().title
    }

    /// The actions this scope's code acts on besides the list motions, as the screen
    /// that owns it states them.
    pub fn handles(self) -> &'static [Action] {
        self.def().handles
    }

    /// True when this scope's code acts on `action`: the actions its screen states, the
    /// list motions where it is a list, and (globally) the switch to each view in the
    /// screen table. A key bound to any other action here would do nothing, so the keymap
    /// refuses it.
    pub fn acts_on(self, action: Action) -> bool {
        let d = self.def();
        d.handles.contains(&action)
            || d.list && super::widgets::list::LIST_MOTIONS.contains(&action)
            || self == Scope::Global && super::screens::SCREENS.iter().any(|s| s.switch == action)
    }
}

/// A key with its modifiers, normalised so that `J` and `shift-j` are the same chord.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Chord {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Chord {
    /// The chord of a key event.
    pub fn from_event(ev: &KeyEvent) -> Chord {
        Chord::new(ev.code, ev.modifiers)
    }

    fn new(code: KeyCode, mods: KeyModifiers) -> Chord {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Char(c) => {
                // The character already says whether shift was held.
                mods.remove(KeyModifiers::SHIFT);
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Chord { code, mods }
    }

    /// Parses `"j"`, `"J"`, `"ctrl-r"`, `"shift-tab"`, `"pagedown"`.
    pub fn parse(s: &str) -> Option<Chord> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = &rest[5..];
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                mods |= KeyModifiers::ALT;
                rest = &rest[4..];
            } else if rest.chars().count() > 1 && lower.starts_with("shift-") {
                mods |= KeyModifiers::SHIFT;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if mods.contains(KeyModifiers::SHIFT) && c.is_alphabetic() {
                    KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
                } else {
                    KeyCode::Char(c)
                }
            }
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                _ => return None,
            },
        };
        Some(Chord::new(code, mods))
    }

    /// How the help screen shows the chord.
    pub fn display(&self) -> String {
        let key = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            other => format!("{other:?}"),
        };
        let mut out = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            out.push_str("Ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out.push_str("Alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            out.push_str("Shift-");
        }
        out + &key
    }
}

/// The bindings in force, per scope, in config order.
#[derive(Clone, Debug, Default)]
pub struct Keymap {
    scopes: BTreeMap<Scope, Vec<(Action, Vec<Chord>)>>,
}

impl Keymap {
    /// Builds the keymap from the config; unknown scopes, actions and keys are reported
    /// with the config line that holds them and otherwise skipped.
    pub fn from_config(config: &Config) -> (Keymap, Vec<String>) {
        let mut problems = Vec::new();
        let mut scopes: BTreeMap<Scope, Vec<(Action, Vec<Chord>)>> = BTreeMap::new();
        for (scope_name, actions) in &config.keys {
            let Some(scope) = Scope::all().find(|s| s.name() == scope_name) else {
                problems.push(format!(
                    "{}: unknown key scope {scope_name:?} (scopes: {})",
                    config.locate(&format!("\"{scope_name}\"")),
                    Scope::all().map(Scope::name).collect::<Vec<_>>().join(", ")
                ));
                continue;
            };
            let mut list: Vec<(Action, Vec<Chord>)> = Vec::new();
            for (action_name, chords) in actions {
                let Some(action) = Action::from_name(action_name) else {
                    problems.push(format!(
                        "{}: unknown action {action_name:?}",
                        config.locate(&format!("\"{action_name}\""))
                    ));
                    continue;
                };
                if !scope.acts_on(action) {
                    // Bound there it would do nothing: say so instead.
                    let elsewhere: Vec<&str> = Scope::all()
                        .filter(|s| s.acts_on(action))
                        .map(|s| s.name())
                        .collect();
                    problems.push(format!(
                        "{}: {action_name} does nothing in {scope_name:?} (it works in: {})",
                        config.locate(&format!("\"{action_name}\"")),
                        elsewhere.join(", ")
                    ));
                    continue;
                }
                let mut parsed = Vec::new();
                for c in chords {
                    match Chord::parse(c) {
                        Some(ch) => parsed.push(ch),
                        None => problems.push(format!(
                            "{}: unknown key {c:?} for {action_name}",
                            config.locate(&format!("\"{c}\""))
                        )),
                    }
                }
                list.push((action, parsed));
            }
            list.sort_by_key(|(a, _)| Action::ALL.iter().position(|x| x == a));
            scopes.insert(scope, list);
        }
        (Keymap { scopes }, problems)
    }

    /// The action bound to this chord in this scope.
    pub fn lookup(&self, scope: Scope, chord: Chord) -> Option<Action> {
        self.scopes
            .get(&scope)?
            .iter()
            .find(|(_, chords)| chords.contains(&chord))
            .map(|(a, _)| *a)
    }

    /// The bindings of a scope, for help and hints.
    pub fn bindings(&self, scope: Scope) -> &[(Action, Vec<Chord>)] {
        self.scopes.get(&scope).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The keys of an action in a scope, joined for display (`"a/Enter"`).
    pub fn keys_for(&self, scope: Scope, action: Action) -> String {
        self.bindings(scope)
            .iter()
            .find(|(a, _)| *a == action)
            .map(|(_, c)| c.iter().map(Chord::display).collect::<Vec<_>>().join("/"))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_scope_has_one_line_in_the_table() {
        let mut names: Vec<&str> = SCOPES.iter().map(|d| d.name).collect();
        for d in SCOPES {
            assert_eq!(d.scope.def().scope, d.scope, "{} is there twice", d.name);
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), SCOPES.len(), "a config name is used twice");
        // The switch to each view acts globally without being listed there.
        assert!(Scope::Global.acts_on(Action::ViewReports));
        assert!(!Scope::Transcript.acts_on(Action::ViewReports));
    }

    #[test]
    fn chords_parse_and_normalise() {
        let j = Chord::parse("J").unwrap();
        assert_eq!(j, Chord::parse("shift-j").unwrap());
        assert_eq!(
            j,
            Chord::from_event(&KeyEvent::new(KeyCode::Char('J'), KeyModifiers::SHIFT))
        );
        assert_eq!(Chord::parse("ctrl-r").unwrap().display(), "Ctrl-r");
        assert_eq!(Chord::parse("shift-tab"), Chord::parse("backtab"));
        assert_eq!(Chord::parse("<").unwrap().code, KeyCode::Char('<'));
        assert!(Chord::parse("hyper-x").is_none());
    }

    #[test]
    fn defaults_have_no_conflicts_within_a_scope() {
        let (km, problems) = Keymap::from_config(&crate::config::defaults());
        assert!(problems.is_empty(), "{problems:?}");
        for scope in Scope::all() {
            let mut seen = std::collections::HashMap::new();
            for (action, chords) in km.bindings(scope) {
                for c in chords {
                    if let Some(other) = seen.insert(*c, *action) {
                        panic!(
                            "{scope:?}: {} bound to {other:?} and {action:?}",
                            c.display()
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_action_is_handled_somewhere_and_a_binding_in_the_wrong_scope_is_reported() {
        for a in Action::ALL {
            assert!(
                Scope::all().any(|s| s.acts_on(*a)),
                "{a:?} is handled by no scope"
            );
        }
        let mut cfg = crate::config::defaults();
        cfg.keys
            .entry("transcript".into())
            .or_default()
            .insert("DeleteCode".into(), vec!["x".into()]);
        cfg.source = Some("config.ron".into());
        cfg.source_text = "(\n keys: {\"transcript\": {\"DeleteCode\": [\"x\"]}}\n)".into();
        let (km, problems) = Keymap::from_config(&cfg);
        assert_eq!(
            problems,
            ["config.ron:2: DeleteCode does nothing in \"transcript\" (it works in: tree)"]
        );
        let x = Chord::parse("x").unwrap();
        assert_eq!(km.lookup(Scope::Transcript, x), None);
    }

    #[test]
    fn user_overrides_are_reported_with_their_line() {
        let mut cfg = crate::config::defaults();
        cfg.keys
            .entry("global".into())
            .or_default()
            .insert("Teleport".into(), vec!["t".into()]);
        cfg.source = Some("config.ron".into());
        cfg.source_text = "(\n keys: {\"global\": {\"Teleport\": [\"t\"]}}\n)".into();
        let (_, problems) = Keymap::from_config(&cfg);
        assert_eq!(problems, ["config.ron:2: unknown action \"Teleport\""]);
    }
}
