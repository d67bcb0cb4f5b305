//! `kondens correct DIR TRANSCRIPT FILE [--dry-run]`: replace a coded transcript's text
//! with a corrected one; every person's units move with their words.

use super::say;
use crate::correct::{Correction, Fate};
use crate::model::time::Stamp;
use crate::{Result, correct, import, store};
use std::fmt::Write as _;
use std::path::Path;

/// What the command was asked.
pub struct Request<'a> {
    pub dir: &'a Path,
    pub transcript: &'a str,
    pub file: &'a Path,
    pub options: import::Options,
    pub coder: &'a str,
    pub dry_run: bool,
}

/// Runs it: prints what moved, changed and was orphaned, then writes (unless a dry run).
pub fn run(r: Request<'_>) -> Result<()> {
    if !r.dry_run
        && let Some(backup) = store::migrate(r.dir)?
    {
        println!("{}", super::migrated_note(&backup));
    }
    // Planned on the project as it is, taking no lock, so a file that is refused
    // leaves the project exactly as it was; the session that writes it checks that
    // nothing changed meanwhile.
    let project = &store::load(r.dir)?;
    super::warn(project);
    let id = correct::find_transcript(project, r.transcript)?;
    let (corrected, _) = import::read_file_with(r.file, &r.options)?;
    let when = Stamp::now();
    let plan = correct::plan(project, id, &corrected, when)?;
    let name = project
        .transcript(id)
        .map_or(String::new(), |t| t.name.clone());
    say(&summary(&name, r.file, &plan));
    if plan.is_empty() {
        println!("the corrected text is the same as the transcript's; nothing to change");
        return Ok(());
    }
    if r.dry_run {
        println!("dry run: the project was not changed");
        return Ok(());
    }
    let mut session = super::session_on(r.dir, r.coder, Some(project))?;
    let from = r
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let backup = session.correct(plan, &from, when)?;
    say(&format!(
        "corrected {name:?}; the old text and units are kept in {}\n",
        backup.display()
    ));
    Ok(())
}

/// The summary a person reads before and after: counts per person, speakers, and each
/// unit whose words changed or vanished, with its words before and after.
pub fn summary(name: &str, file: &Path, c: &Correction) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Correction of {name:?} from {}", file.display());
    let _ = writeln!(
        s,
        "  text: {} byte(s) deleted, {} inserted",
        c.deleted, c.inserted
    );
    for sp in &c.speakers {
        let label = |l: &Option<String>| l.clone().unwrap_or_else(|| "(no speaker)".into());
        let _ = writeln!(
            s,
            "  speaker of turn {}: {} → {}",
            sp.turn,
            label(&sp.before),
            label(&sp.after)
        );
    }
    let tally = c.tally();
    if tally.is_empty() {
        let _ = writeln!(s, "  nobody has meaning units in this transcript");
    }
    for (coder, [same, moved, changed, orphaned]) in &tally {
        let _ = writeln!(
            s,
            "  {coder}: {same} unit(s) in place, {moved} moved with their words, {changed} \
             changed, {orphaned} orphaned"
        );
    }
    for (fate, heading) in [
        (
            Fate::Changed,
            "Units whose words were corrected (kept on what replaced them):",
        ),
        (
            Fate::Orphaned,
            "Units whose words are gone (kept as orphans on the nearest word, with a note \
             quoting their words; recode or delete them):",
        ),
    ] {
        let list: Vec<_> = c.outcomes.iter().filter(|o| o.fate == fate).collect();
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(s, "{heading}");
        for o in list {
            let id = o.unit.to_string();
            let _ = write!(s, "  {} {}: {:?}", o.coder, &id[..8], short(&o.before));
            if fate == Fate::Changed {
                let _ = write!(s, " → {:?}", short(&o.after));
            }
            s.push('\n');
        }
    }
    s
}

/// A quote cut to a line's worth.
fn short(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= 70 {
        flat
    } else {
        let head: String = flat.chars().take(69).collect();
        format!("{head}…")
    }
}
