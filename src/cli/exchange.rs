//! `kondens export --format qdpx|qdc` and `kondens import DIR FILE.qdpx|FILE.qdc`:
//! REFI-QDA exchange, with a plain summary of what went and what could not.

use super::say;
use crate::export::ExportFormat;
use crate::model::Project;
use crate::{Error, Result, exchange, store};
use std::io::Write;
use std::path::Path;

/// Writes a `.qdpx` (to a file only: it is a zip archive) or a `.qdc`, then says what
/// was written and what the standard could not carry, on standard error so the codebook
/// can go to standard output.
pub fn exchange_out(project: &Project, format: ExportFormat, out: Option<&Path>) -> Result<()> {
    let summary = match (format, out) {
        (ExportFormat::Qdpx, None) => {
            return Err(Error::Refused(
                "a .qdpx is a zip archive and is not written to the terminal: \
                 give --out FILE.qdpx"
                    .into(),
            ));
        }
        (ExportFormat::Qdpx, Some(path)) => {
            let mut summary = None;
            store::write_atomic_with(path, |w| {
                summary = Some(exchange::export::qdpx(project, w)?);
                Ok(())
            })?;
            summary.unwrap_or_default()
        }
        (_, out) => {
            let (xml, summary) = exchange::export::codebook(project);
            match out {
                Some(path) => store::write_atomic(path, xml.as_bytes())?,
                None => {
                    let mut w = std::io::stdout().lock();
                    w.write_all(xml.as_bytes())
                        .and_then(|()| w.flush())
                        .map_err(|e| Error::io("stdout", e))?;
                }
            }
            summary
        }
    };
    let what = if format == ExportFormat::Qdpx {
        "REFI-QDA project"
    } else {
        "REFI-QDA codebook"
    };
    let place = out.map_or("standard output".to_string(), |p| p.display().to_string());
    let text = format!("wrote a {what} to {place}:\n{summary}");
    if out.is_some() {
        say(&text);
    } else {
        eprint!("{}", crate::text::escape::for_terminal(&text));
    }
    Ok(())
}

/// True for a file named `.qdpx` or `.qdc`.
pub fn is_exchange_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("qdpx") || e.eq_ignore_ascii_case("qdc"))
}

/// `kondens import DIR FILE.qdpx|FILE.qdc`: into the project in `dir`, or a new one
/// made there. All or nothing: on any error the project is as it was (a project made
/// for the import is removed again).
pub fn import(
    dir: &Path,
    files: &[std::path::PathBuf],
    options: &crate::import::Options,
    me: &str,
) -> Result<()> {
    let [file] = files else {
        return Err(Error::Refused(
            "import one .qdpx or .qdc at a time, and transcript files in a call of their own"
                .into(),
        ));
    };
    let new = !store::is_project(dir);
    if !new
        && !options.dry_run
        && let Some(backup) = store::migrate(dir)?
    {
        println!("{}", super::migrated_note(&backup));
    }
    // Planned on the project as it is, taking no lock, so a file that is refused
    // leaves the project exactly as it was; the session that writes it checks that
    // nothing changed meanwhile.
    let project = if new {
        let title = dir.file_name().map_or("Imported project".into(), |n| {
            n.to_string_lossy().into_owned()
        });
        Project::new(&title, "")
    } else {
        store::load(dir)?
    };
    let title = project.manifest.title.clone();
    let plan = exchange::import::read(file, &project, options)?;
    say(&plan.report.to_string());
    if options.dry_run {
        println!("dry run: the project was not changed");
        return Ok(());
    }
    if new {
        if dir.exists() && std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some()) {
            return Err(Error::Refused(format!(
                "{} is a folder with files in it but not a kondens project; import into \
                 a project, or a new folder",
                dir.display()
            )));
        }
        store::create(dir, &title, "")?;
    }
    let mut session = match super::session_on(dir, me, (!new).then_some(&project)) {
        Ok(s) => s,
        Err(e) => {
            if new {
                let _ = std::fs::remove_dir_all(dir);
            }
            return Err(e);
        }
    };
    let made = plan.transcripts.len();
    let units: usize = plan.units.values().map(Vec::len).sum();
    if let Err(e) = session.import_exchange(plan) {
        // A project made for the import goes again (its locks first).
        drop(session);
        if new {
            let _ = std::fs::remove_dir_all(dir);
        }
        return Err(e);
    }
    println!(
        "imported {made} transcript(s) and {units} meaning unit(s) into {}",
        dir.display()
    );
    Ok(())
}
