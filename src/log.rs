//! A plain log file in the state directory (`kondens.log`): what was opened, saved,
//! refused. Never written to the screen. Transcript text is never logged.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;

static LOG: Mutex<Option<PathBuf>> = Mutex::new(None);

/// The log file's path, once [`init`] has found a state directory.
pub fn path() -> Option<PathBuf> {
    LOG.lock().ok().and_then(|g| g.clone())
}

/// Starts logging to `kondens.log` in the state directory; without one, logging is off.
pub fn init() {
    let Some(dir) = crate::paths::state_dir() else {
        return;
    };
    if crate::store::create_private_dir(&dir).is_err() {
        return;
    }
    if let Ok(mut g) = LOG.lock() {
        *g = Some(dir.join("kondens.log"));
    }
}

/// Appends a line to the log. Failures to log are ignored: logging must never stop work.
pub fn line(message: impl AsRef<str>) {
    let Some(path) = path() else {
        return;
    };
    if let Ok(mut f) = crate::store::private_file()
        .create(true)
        .append(true)
        .open(path)
    {
        let _ = writeln!(f, "{} {}", crate::model::time::now(), message.as_ref());
    }
}
