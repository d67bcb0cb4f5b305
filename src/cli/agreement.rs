//! `kondens agreement DIR --coders A B [--transcript NAME…] [--json] [--overlap P]`.

use crate::derived::agreement::{self, Agreement, Coefficients};
use crate::{Error, Result, store};
use std::fmt::Write as _;
use std::path::Path;

/// Computes and prints the agreement of two people.
pub fn run(
    dir: &Path,
    coders: &[String],
    transcripts: &[String],
    json: bool,
    overlap: f64,
) -> Result<()> {
    let [a, b] = coders else {
        return Err(Error::Refused("--coders takes two names".into()));
    };
    if a == b {
        return Err(Error::Refused(
            "--coders: two different people, please".into(),
        ));
    }
    if !(0.0..=100.0).contains(&overlap) {
        return Err(Error::Refused("--overlap is a percentage, 0 to 100".into()));
    }
    let project = store::load(dir)?;
    super::warn(&project);
    for c in [a, b] {
        if project.units_of(c).is_empty() {
            return Err(Error::Refused(format!(
                "{c} has no meaning units in this project (those who have: {})",
                project.units.keys().cloned().collect::<Vec<_>>().join(", ")
            )));
        }
    }
    let r = agreement::agreement(&project, a, b, transcripts, overlap / 100.0)?;
    if r.transcripts.is_empty() {
        return Err(Error::Refused(format!(
            "{a} and {b} have no transcript in which both have coded; name some with --transcript"
        )));
    }
    if json {
        let text = serde_json::to_string_pretty(&r).map_err(|e| Error::encode("JSON", e))?;
        super::say(&format!("{text}\n"));
    } else {
        super::say(&table(&r));
    }
    Ok(())
}

fn num(x: Option<f64>) -> String {
    x.map_or("–".into(), |v| format!("{v:.2}"))
}

fn pct(x: Option<f64>) -> String {
    x.map_or("–".into(), crate::derived::agreement::percent)
}

fn line(c: &Coefficients) -> String {
    format!(
        "agreement {}   Cohen's κ {}   Krippendorff's α {}",
        pct(c.percent_agreement),
        num(c.cohen_kappa),
        num(c.krippendorff_alpha)
    )
}

/// The report for people.
fn table(r: &Agreement) -> String {
    let [a, b] = &r.coders;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Agreement of {a} and {b}, character by character, over {} transcript(s): {} ({} characters of speech)",
        r.transcripts.len(),
        r.transcripts.join(", "),
        r.characters
    );
    let _ = writeln!(s, "Overall (the leaf codes pooled): {}", line(&r.overall));
    if let Some(why) = &r.overall.undefined {
        let _ = writeln!(s, "  ({why})");
    }
    let w = r
        .codes
        .iter()
        .map(|c| c.path.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 48);
    let _ = writeln!(
        s,
        "\n{:<w$}  {:>8}  {:>8}  {:>8}  {:>8}  {:>6}  {:>6}",
        "Code",
        ellipsize(a, 8),
        ellipsize(b, 8),
        "both",
        "agree",
        "κ",
        "α"
    );
    for c in &r.codes {
        let _ = writeln!(
            s,
            "{:<w$}  {:>8}  {:>8}  {:>8}  {:>8}  {:>6}  {:>6}",
            ellipsize(&c.path, w),
            c.a_characters,
            c.b_characters,
            c.both_characters,
            pct(c.coefficients.percent_agreement),
            num(c.coefficients.cohen_kappa),
            num(c.coefficients.krippendorff_alpha)
        );
    }
    let g = &r.segments;
    let share = |m: usize, n: usize| {
        if n == 0 {
            0.0
        } else {
            m as f64 * 100.0 / n as f64
        }
    };
    let _ = writeln!(
        s,
        "\nSegments (MAXQDA: a unit matched by one of the other's with a code in common, \
         overlapping ≥ {:.0} % of the two together): {a} {} of {} ({:.0} %), {b} {} of {} ({:.0} %)",
        g.overlap * 100.0,
        g.a_matched,
        g.a_units,
        share(g.a_matched, g.a_units),
        g.b_matched,
        g.b_units,
        share(g.b_matched, g.b_units)
    );
    let _ = writeln!(
        s,
        "Counts are characters; – where a coefficient is undefined (no variation). \
         Definitions: docs/AGREEMENT.md. The passages you differ on matter more than the number."
    );
    s
}

fn ellipsize(s: &str, w: usize) -> String {
    crate::text::ellipsize(s, w)
}
