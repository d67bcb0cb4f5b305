//! The terminal: entering and leaving the workbench's modes, and a panic hook that puts
//! the terminal back (raw mode, alternate screen, mouse, bracketed paste) before anything
//! else, writes a crash report to the state directory and says where it is.

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use std::io::Write;

/// Leaves every mode the workbench entered. Safe to call twice.
pub fn restore() {
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste
    );
    ratatui::restore();
}

/// Enters the workbench's modes and installs the panic hook.
pub fn enter() -> ratatui::DefaultTerminal {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        match write_crash_report(info) {
            Some(path) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "kondens crashed. Your work up to the last save (at most a second before) \
                     is on disk.\nA crash report is in {}",
                    path.display()
                );
            }
            None => default_hook(info),
        }
    }));
    let terminal = ratatui::init();
    let _ = execute!(std::io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    terminal
}

fn write_crash_report(info: &std::panic::PanicHookInfo) -> Option<std::path::PathBuf> {
    let dir = crate::paths::state_dir()?;
    crate::store::create_private_dir(&dir).ok()?;
    let stamp = crate::model::time::now().replace(':', "-");
    let path = dir.join(format!("crash-{stamp}.txt"));
    let report = format!(
        "kondens {} crashed at {}\n\n{info}\n\nbacktrace:\n{}\n",
        env!("CARGO_PKG_VERSION"),
        crate::model::time::now(),
        std::backtrace::Backtrace::force_capture()
    );
    crate::store::write_atomic(&path, report.as_bytes()).ok()?;
    crate::log::line(format!("crashed; report in {}", path.display()));
    Some(path)
}
