//! `kondens spotcheck DIR --of CODER --sample N [--seed S] [--by transcript|code]` draws
//! a sample for the reviewer to work through in view 5; `--report [--json]` sums up
//! every spot-check.

use super::say;
use crate::derived::spotcheck::{self, By, Summary};
use crate::session::Session;
use crate::{Error, Result, ops, store};
use std::fmt::Write as _;
use std::path::Path;

/// Draws a spot-check as `me` and saves it in `me`'s review file.
pub fn draw(
    dir: &Path,
    me: &str,
    of: Option<&str>,
    n: Option<usize>,
    seed: Option<u64>,
    by: &str,
) -> Result<()> {
    let (Some(of), Some(n)) = (of, n) else {
        return Err(Error::Refused(
            "say whose units and how many: --of CODER --sample N (or --report)".into(),
        ));
    };
    let by = By::parse(by)?;
    let seed = seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64 % 1_000_000)
    });
    if let Some(backup) = store::migrate(dir)? {
        println!("{}", super::migrated_note(&backup));
    }
    let mut session = Session::open(dir, me)?;
    let (edit, _) = ops::start_spotcheck(session.project(), me, of, n, seed, by)?;
    let label = session.perform(edit)?;
    session.save()?;
    say(&format!(
        "{label} (seed {seed}{}): the same seed draws the same units.\n\
         Work through them in the workbench: kondens open {} --coder {me}, then 5 and S \
         (y agree, n disagree and say why, s unsure).\n",
        if by == By::None {
            String::new()
        } else {
            format!(", by {}", by.name())
        },
        dir.display()
    ));
    Ok(())
}

/// Prints every spot-check's summary.
pub fn report(dir: &Path, json: bool) -> Result<()> {
    let project = store::load(dir)?;
    super::warn(&project);
    let all = spotcheck::report(&project);
    if json {
        let text = serde_json::to_string_pretty(&all)
            .map_err(|e| Error::encode("the spot-check report", e))?;
        println!("{text}");
        return Ok(());
    }
    if all.is_empty() {
        say("No spot-checks yet: kondens spotcheck DIR --of CODER --sample N\n");
        return Ok(());
    }
    for s in &all {
        say(&render(s));
    }
    Ok(())
}

fn rate(c: &spotcheck::Counts) -> String {
    match (c.rate, c.ci95) {
        (Some(r), Some((lo, hi))) => format!(
            "{:.0} % agreed (95 % CI {:.0}–{:.0} %)",
            r * 100.0,
            lo * 100.0,
            hi * 100.0
        ),
        _ => "no agreement or disagreement yet".into(),
    }
}

fn render(s: &Summary) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} checked {}'s coding ({}; seed {}{}): {} of {} units answered",
        s.reviewer,
        s.coder,
        s.created,
        s.seed,
        if s.by == "none" {
            String::new()
        } else {
            format!(", by {}", s.by)
        },
        s.answered,
        s.sample_size
    );
    let c = &s.counts;
    let _ = writeln!(
        out,
        "  agreed {}, disagreed {}, unsure {}: {}",
        c.agreed,
        c.disagreed,
        c.unsure,
        rate(c)
    );
    for (code, c) in &s.per_code {
        let _ = writeln!(
            out,
            "  {code}: agreed {}, disagreed {}, unsure {}",
            c.agreed, c.disagreed, c.unsure
        );
    }
    for d in &s.disagreements {
        let _ = writeln!(out, "  disagreed: “{}” ({})", d.quote, d.codes.join(", "));
        for c in &d.comments {
            let _ = writeln!(out, "    {c}");
        }
    }
    out
}
