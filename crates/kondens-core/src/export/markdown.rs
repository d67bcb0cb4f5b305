//! The results document: Markdown in the shape of the results section of a qualitative
//! article. A table of themes and subthemes, then per code group its result heading and
//! per subgroup the analytic text followed by the golden quote and who said it.

use super::{ExportCodeGroup, ExportQuote, stc};
use crate::model::Project;
use crate::model::time::clock;
use std::io::{self, Write};

/// The heading a code group goes under: its result heading, else its name.
fn heading<'g>(g: &'g ExportCodeGroup<'_>) -> &'g str {
    if g.result_heading.trim().is_empty() {
        &g.name
    } else {
        g.result_heading.trim()
    }
}

/// Text on one line, safe inside a table cell.
fn cell(s: &str) -> String {
    one_line(s).replace('|', "\\|")
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Who said a quote, and where: `(P3, focus group 2, 00:12:34)`.
fn attribution(q: &ExportQuote<'_>) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !q.speakers.is_empty() {
        parts.push(q.speakers.join(", "));
    }
    parts.push(q.transcript.clone());
    if let Some(ms) = q.start_ms {
        parts.push(clock(ms));
    }
    format!("({})", parts.join(", "))
}

/// Writes the document, ending in exactly one newline.
pub fn write(project: &Project, out: &mut dyn Write) -> io::Result<()> {
    let mut doc = Vec::new();
    document(project, &mut doc)?;
    while doc.ends_with(b"\n") {
        doc.pop();
    }
    doc.push(b'\n');
    out.write_all(&doc)
}

fn document(project: &Project, out: &mut dyn Write) -> io::Result<()> {
    let m = &project.manifest;
    writeln!(out, "# {}", one_line(&m.title))?;
    writeln!(out)?;
    if !m.research_question.trim().is_empty() {
        writeln!(
            out,
            "*Research question:* {}",
            one_line(&m.research_question)
        )?;
        writeln!(out)?;
    }
    writeln!(out, "## Results")?;
    writeln!(out)?;
    // The table first, then the sections: two passes over the groups, one group's
    // quotes in memory at a time.
    let mut table: Vec<(String, String, Vec<String>)> = Vec::new();
    for g in stc::condensation_iter(project) {
        let subs = g.subgroups.iter().map(|s| cell(&s.name)).collect();
        table.push((g.coder.clone(), cell(heading(&g)), subs));
    }
    if table.is_empty() {
        writeln!(out, "No code groups hold meaning units yet.")?;
        return Ok(());
    }
    let mut coders: Vec<&str> = table.iter().map(|(c, _, _)| c.as_str()).collect();
    coders.dedup();
    for coder in coders {
        writeln!(out, "*Analysis by {coder}.*")?;
        writeln!(out)?;
        writeln!(out, "| Theme | Subthemes |")?;
        writeln!(out, "|---|---|")?;
        for (_, heading, subs) in table.iter().filter(|(c, _, _)| c == coder) {
            writeln!(out, "| {heading} | {} |", subs.join("; "))?;
        }
        writeln!(out)?;
        for g in stc::condensation_iter(project).filter(|g| g.coder == coder) {
            write_group(out, &g)?;
        }
    }
    Ok(())
}

fn write_group(out: &mut dyn Write, g: &ExportCodeGroup<'_>) -> io::Result<()> {
    writeln!(out, "### {}", one_line(heading(g)))?;
    writeln!(out)?;
    for s in &g.subgroups {
        writeln!(out, "#### {}", one_line(&s.name))?;
        writeln!(out)?;
        let text = s.analytic_text_third_person.trim();
        if text.is_empty() {
            writeln!(out, "*(No analytic text yet.)*")?;
        } else {
            // Paragraphs stay paragraphs; lines inside one are joined.
            let paragraphs: Vec<String> = text.split("\n\n").map(one_line).collect();
            writeln!(out, "{}", paragraphs.join("\n\n"))?;
        }
        writeln!(out)?;
        if let Some(q) = &s.golden_quote {
            writeln!(out, "> «{}» {}", one_line(&q.text), attribution(q))?;
            writeln!(out)?;
        }
    }
    let v = &g.validation;
    if v.date.is_some() {
        let mut line = String::from("*Validation");
        if let Some(d) = &v.date {
            line.push_str(&format!(" ({})", d.get(..10).unwrap_or(d)));
        }
        line.push_str(":* ");
        if v.transcripts_reread.is_empty() {
            line.push_str("no transcript marked as re-read.");
        } else {
            line.push_str(&format!("re-read {}.", v.transcripts_reread.join(", ")));
        }
        if !v.note.trim().is_empty() {
            line.push_str(&format!(" {}", one_line(&v.note)));
        }
        let n = v.contradicting_units.len();
        if n > 0 {
            line.push_str(&format!(
                " {n} meaning unit{} flagged as contradicting.",
                if n == 1 { "" } else { "s" }
            ));
        }
        writeln!(out, "{line}")?;
        writeln!(out)?;
    }
    Ok(())
}
