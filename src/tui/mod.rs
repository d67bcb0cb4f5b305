//! The terminal workbench: key → action → update state → draw from state.
//!
//! [`App`] holds the state and turns keys into actions; `ui` draws it; this module owns
//! the terminal and the event loop, which also saves changes within a second.

pub mod action;
pub mod app;
mod changes;
mod comments;
pub mod conflicts;
pub use comments::draw_editor as draw_comment_editor;
pub mod derived;
pub mod editor;
pub mod effects;
mod jump;
pub mod keymap;
mod mouse;
pub mod overlays;
pub mod screens;
mod search;
mod terminal;
pub mod theme;
pub mod ui;
pub mod widgets;

pub use app::App;

use crate::config::Config;
use crate::notice::Notice;
use crate::session::Session;
use crate::tui::theme::Theme;
use crate::{Error, Result};
use crossterm::event::{self, Event};
use crossterm::execute;
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use std::path::Path;
use std::time::{Duration, Instant};

/// Changes are written when no key has come for this long...
const IDLE_SAVE: Duration = Duration::from_millis(250);
/// ...and never later than this after the change.
const MAX_SAVE_DELAY: Duration = Duration::from_millis(800);

/// Opens the project in `dir` in the terminal and runs until the user quits.
pub fn open(dir: &Path, coder: &str, config: Config, notes: Vec<Notice>) -> Result<()> {
    // Without a terminal (`ssh host kondens open` without -t, or input from a pipe) there
    // is nothing to draw on: say so before anything is locked or changed.
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        // What is wrong with the project comes first, found without writing anything:
        // it loads, and this coder is not in it already (their lock file is tried only
        // where it exists).
        crate::store::load(dir)?;
        crate::store::refuse_if_open(dir, coder)?;
        return Err(Error::Refused(format!(
            "the workbench needs a terminal, and {} is not one; run it in a terminal \
             (over SSH: ssh -t HOST kondens open …). stats, export and participants work \
             without one",
            if std::io::stdin().is_terminal() {
                "standard output"
            } else {
                "standard input"
            }
        )));
    }
    // A merge left in conflict is resolved first, or the project is not opened.
    let mono = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme = Theme::from_config(&config, mono).0;
    if let Some(screen) = conflicts::Screen::blocking(dir, coder)?
        && !resolve_conflicts(screen, &theme)?
    {
        return Err(Error::Refused(
            "the project was not opened: conflicts are left (kondens check lists them)".into(),
        ));
    }
    let mut session = Session::open(dir, coder)?;
    // A code deleted while someone's units carry it can be restored (by the tree's
    // writer; the session is opened again to read it back).
    if session.tree_held_by().is_none()
        && let Some(screen) = conflicts::Screen::deleted(dir, coder, session.project())
    {
        drop(session);
        resolve_conflicts(screen, &theme)?;
        session = Session::open(dir, coder)?;
    }
    let mut notes = notes;
    notes.extend(
        crate::derived::problems(session.project())
            .into_iter()
            .map(|text| Notice {
                text,
                problem: true,
            }),
    );
    let mut app = App::new(session, &config, notes);
    if let Some(holder) = app.session.tree_held_by().map(str::to_string) {
        // The tree's title says read-only too, so a problem to report goes first.
        if app.message.is_none() {
            app.say(format!(
                "{holder} is editing the code tree: it is read-only here; you can code with its codes"
            ));
        }
    }

    crate::log::line(format!("open {} as {coder}", dir.display()));
    let mut terminal = terminal::enter();
    let result = run(&mut terminal, &mut app);
    terminal::restore();
    if app.has_pending() {
        app.save_now();
    }
    crate::log::line(format!("closed {}", dir.display()));
    if let Some(e) = app.save_error {
        crate::log::line(format!("last changes not saved: {e}"));
        return Err(Error::Refused(format!(
            "the last changes could not be saved: {e}"
        )));
    }
    result.map_err(|e| Error::io("terminal", e))
}

/// Puts each conflict of `screen` to the person; true when the project may open.
fn resolve_conflicts(mut screen: conflicts::Screen, theme: &Theme) -> Result<bool> {
    let mut terminal = terminal::enter();
    let result = (|| -> std::io::Result<bool> {
        loop {
            terminal.draw(|f| screen.draw(f, theme))?;
            if let Event::Key(k) = event::read()?
                && k.is_press()
            {
                match screen.handle(k) {
                    conflicts::Flow::Stay => {}
                    conflicts::Flow::Open => return Ok(true),
                    conflicts::Flow::Quit => return Ok(false),
                }
            }
        }
    })();
    terminal::restore();
    result.map_err(|e| Error::io("terminal", e))
}

fn run(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> std::io::Result<()> {
    let mut dirty = true;
    let mut last_input = Instant::now();
    let mut quit_asked = false;
    let mut last_refresh = Instant::now();
    loop {
        // What the last event, tick or save asked to follow it.
        app.settle();
        if dirty {
            execute!(std::io::stdout(), BeginSynchronizedUpdate)?;
            terminal.draw(|f| ui::render(f, app))?;
            // Lets the end-to-end tests check the crash path; absent from release builds.
            #[cfg(debug_assertions)]
            if std::env::var_os("KONDENS_DEBUG_PANIC").is_some() {
                panic!("crash requested by KONDENS_DEBUG_PANIC");
            }
            execute!(std::io::stdout(), EndSynchronizedUpdate)?;
            dirty = false;
        }
        // Awake once a second at least, to show what others write meanwhile.
        let timeout = if app.has_pending() {
            Duration::from_millis(50)
        } else {
            Duration::from_secs(1)
        };
        if event::poll(timeout)? {
            match event::read()? {
                Event::Key(k) if k.is_press() => {
                    app.handle_key(k);
                    last_input = Instant::now();
                    dirty = true;
                }
                Event::Mouse(m) => {
                    app.handle_mouse(m);
                    dirty = true;
                }
                Event::Paste(text) => {
                    // Typed text only matters in inputs; feed it there character by character.
                    for c in text.chars().filter(|c| !c.is_control()) {
                        if app.overlay.is_some() {
                            app.handle_key(event::KeyEvent::from(event::KeyCode::Char(c)));
                        }
                    }
                    dirty = true;
                }
                Event::Resize(..) => dirty = true,
                _ => {}
            }
        }
        if last_refresh.elapsed() >= Duration::from_secs(1) {
            last_refresh = Instant::now();
            if app.refresh_others() {
                dirty = true;
            }
        }
        let due = app.pending_since.is_some_and(|since| {
            since.elapsed() >= MAX_SAVE_DELAY || last_input.elapsed() >= IDLE_SAVE
        });
        if app.has_pending() && due {
            let failed_before = app.save_error.is_some();
            app.save_now();
            dirty = true;
            if let Some(e) = &app.save_error {
                if !failed_before {
                    crate::log::line(format!("save failed: {e}"));
                }
                // Keep trying, about once a second, not in a tight loop.
                app.pending_since = Some(Instant::now());
            }
        }
        if app.quit {
            if app.has_pending() {
                app.save_now();
            }
            if app.save_error.is_none() || quit_asked {
                return Ok(());
            }
            quit_asked = true;
            app.quit = false;
            app.complain("Cannot save (see above). Fix it and wait, or press q again to quit and lose the last changes.");
            dirty = true;
        }
    }
}
