//! Colours and text styles. With `NO_COLOR` every meaning is carried by bold, italic,
//! underline or reverse video instead, so nothing depends on colour alone.

use crate::config::Config;
use ratatui::style::{Color, Modifier, Style};

/// The styles the screens use.
#[derive(Clone, Debug)]
pub struct Theme {
    pub mono: bool,
    accent: Color,
    border: Color,
    border_focused: Color,
    muted: Color,
    coded: Color,
    overlap: Color,
    active_unit: Color,
    matched: Color,
    error: Color,
    ok: Color,
}

const SPEAKER_COLOURS: [Color; 6] = [
    Color::LightBlue,
    Color::LightGreen,
    Color::LightMagenta,
    Color::LightYellow,
    Color::LightCyan,
    Color::LightRed,
];

/// Parses a colour name or `#rrggbb`.
pub fn parse_colour(s: &str) -> Option<Color> {
    if let Some(hex) = s.strip_prefix('#') {
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let v = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        return Some(Color::Rgb(v(0)?, v(2)?, v(4)?));
    }
    Some(match s.to_ascii_lowercase().as_str() {
        "default" | "reset" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        _ => return None,
    })
}

impl Theme {
    /// The theme from the config; `mono` when `NO_COLOR` is set. Unknown colours are
    /// reported and replaced by the terminal default.
    pub fn from_config(config: &Config, mono: bool) -> (Theme, Vec<String>) {
        let mut problems = Vec::new();
        let mut get = |key: &str| {
            let value = config
                .colours
                .get(key)
                .map(String::as_str)
                .unwrap_or("default");
            parse_colour(value).unwrap_or_else(|| {
                problems.push(format!(
                    "{}: unknown colour {value:?} for {key}",
                    config.locate(&format!("\"{value}\""))
                ));
                Color::Reset
            })
        };
        let theme = Theme {
            mono,
            accent: get("accent"),
            border: get("border"),
            border_focused: get("border_focused"),
            muted: get("muted"),
            coded: get("coded"),
            overlap: get("overlap"),
            active_unit: get("active_unit"),
            matched: get("match"),
            error: get("error"),
            ok: get("ok"),
        };
        (theme, problems)
    }

    fn fg(&self, c: Color) -> Style {
        if self.mono {
            Style::new()
        } else {
            Style::new().fg(c)
        }
    }

    pub fn accent(&self) -> Style {
        self.fg(self.accent).add_modifier(Modifier::BOLD)
    }

    pub fn muted(&self) -> Style {
        if self.mono {
            Style::new().add_modifier(Modifier::DIM)
        } else {
            self.fg(self.muted)
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.mono) {
            (true, true) => Style::new().add_modifier(Modifier::BOLD),
            (true, false) => self.fg(self.border_focused),
            (false, _) => self.fg(self.border),
        }
    }

    pub fn error(&self) -> Style {
        self.fg(self.error).add_modifier(Modifier::BOLD)
    }

    pub fn ok(&self) -> Style {
        self.fg(self.ok)
    }

    /// A speaker label: a stable colour per label.
    pub fn speaker(&self, label: &str) -> Style {
        let h = label
            .bytes()
            .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
        self.fg(SPEAKER_COLOURS[h as usize % SPEAKER_COLOURS.len()])
            .add_modifier(Modifier::BOLD)
    }

    /// A code's own colour (for its swatch in lists).
    pub fn code(&self, hex: &str) -> Style {
        self.fg(parse_colour(hex).unwrap_or(Color::Reset))
    }

    /// Text inside one meaning unit.
    pub fn coded(&self) -> Style {
        if self.mono {
            Style::new().add_modifier(Modifier::UNDERLINED)
        } else {
            Style::new().bg(self.coded)
        }
    }

    /// Text in another person's meaning unit: underlined (italic without colour,
    /// where one's own are underlined), so it reads without colour.
    pub fn others(&self) -> Style {
        if self.mono {
            Style::new().add_modifier(Modifier::ITALIC)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    /// Text inside two or more meaning units.
    pub fn overlap(&self) -> Style {
        if self.mono {
            Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        } else {
            Style::new().bg(self.overlap)
        }
    }

    /// Text of the unit selected in the units pane.
    pub fn active_unit(&self) -> Style {
        if self.mono {
            Style::new().add_modifier(Modifier::UNDERLINED | Modifier::ITALIC)
        } else {
            Style::new().bg(self.active_unit)
        }
    }

    /// A search match.
    pub fn matched(&self) -> Style {
        if self.mono {
            Style::new().add_modifier(Modifier::BOLD | Modifier::ITALIC)
        } else {
            Style::new().bg(self.matched).fg(Color::Black)
        }
    }

    /// The selection and the cursor.
    pub fn selection(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// The highlighted row of a list.
    pub fn list_cursor(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }
}
