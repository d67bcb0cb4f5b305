//! Reports as text: a table for the terminal, CSV for R and spreadsheets, JSON for
//! scripts, Markdown for a document.

use super::{Cell, Coverage, Report};
use serde_json::{Map, Value, json};
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

/// How a report is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
    Markdown,
}

impl Format {
    /// Reads `table`, `csv`, `json` or `markdown` (`md`).
    pub fn parse(s: &str) -> crate::Result<Format> {
        match s {
            "table" => Ok(Format::Table),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            "markdown" | "md" => Ok(Format::Markdown),
            other => Err(crate::Error::Refused(format!(
                "--format {other:?}: use table, csv, json or markdown"
            ))),
        }
    }
}

/// What a report's columns are, in words.
/// Whose units a report counts, in words.
fn whose(coder: Option<&String>, coders: &[String]) -> String {
    match coder {
        Some(c) => format!("{c}'s meaning units"),
        None if coders.is_empty() => "no meaning units yet".into(),
        None => format!("everyone's meaning units ({})", coders.join(", ")),
    }
}

fn heading(r: &Report) -> String {
    let whose = whose(r.coder.as_ref(), &r.coders);
    let what = if r.by == "cooccurrence" {
        "Code co-occurrence (units that carry both)".to_string()
    } else {
        format!("Code × {}", r.by.replace('-', " "))
    };
    format!("{what}, {whose}")
}

/// Writes a code report.
pub fn write_report(r: &Report, format: Format) -> String {
    match format {
        Format::Table => table(r),
        Format::Csv => csv(r),
        Format::Json => {
            let mut text = serde_json::to_string_pretty(&report_json(r)).unwrap_or_default();
            text.push('\n');
            text
        }
        Format::Markdown => markdown(r),
    }
}

/// The JSON of a report: `by`, `columns`, `rows[]` with `cells` from column to counts.
pub fn report_json(r: &Report) -> Value {
    let cell =
        |c: &Cell| json!({"units": c.units, "participants": c.participants, "words": c.words});
    let rows: Vec<Value> = r
        .rows
        .iter()
        .map(|row| {
            let mut cells = Map::new();
            for (name, c) in r.columns.iter().zip(&row.cells) {
                cells.insert(name.clone(), cell(c));
            }
            let mut v = json!({
                "id": row.id.to_string(),
                "name": row.name,
                "path": row.path,
                "depth": row.depth,
                "cells": cells,
                "total": cell(&row.total),
            });
            if !row.by_coder.is_empty() {
                v["by_coder"] = json!(row.by_coder);
            }
            v
        })
        .collect();
    json!({
        "by": r.by,
        "coder": r.coder,
        "coders": r.coders,
        "columns": r.columns,
        "rows": rows,
    })
}

/// A cell of CSV, quoted when it must be (RFC 4180).
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv(r: &Report) -> String {
    let mut out = String::new();
    let mut header: Vec<String> = ["code_id", "path", "code", "level"]
        .map(String::from)
        .to_vec();
    for c in r
        .columns
        .iter()
        .chain(std::iter::once(&"total".to_string()))
    {
        for what in ["units", "participants", "words"] {
            header.push(format!("{c}: {what}"));
        }
    }
    for coder in &r.coders {
        if r.coders.len() > 1 {
            header.push(format!("units of {coder}"));
        }
    }
    out.push_str(
        &header
            .iter()
            .map(|h| field(h))
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push_str("\r\n");
    for row in &r.rows {
        let mut line = vec![
            row.id.to_string(),
            field(&row.path),
            field(&row.name),
            (row.depth + 1).to_string(),
        ];
        for c in row.cells.iter().chain(std::iter::once(&row.total)) {
            line.extend([c.units, c.participants, c.words].map(|n| n.to_string()));
        }
        if r.coders.len() > 1 {
            for coder in &r.coders {
                line.push(row.by_coder.get(coder).copied().unwrap_or(0).to_string());
            }
        }
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Pads to a display width (left-aligned, or right when `right`).
fn pad(s: &str, width: usize, right: bool) -> String {
    let gap = " ".repeat(width.saturating_sub(s.width()));
    if right {
        format!("{gap}{s}")
    } else {
        format!("{s}{gap}")
    }
}

/// The short names of co-occurrence columns: their row numbers.
fn column_names(r: &Report) -> Vec<String> {
    if r.by == "cooccurrence" {
        (1..=r.columns.len()).map(|i| format!("#{i}")).collect()
    } else {
        r.columns.clone()
    }
}

fn row_label(r: &Report, i: usize) -> String {
    let row = &r.rows[i];
    let number = if r.by == "cooccurrence" {
        format!("#{} ", i + 1)
    } else {
        String::new()
    };
    format!("{}{number}{}", "  ".repeat(row.depth), row.name)
}

fn table(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", heading(r));
    let _ = writeln!(
        out,
        "Cells: meaning units (a unit counts once in each column a speaker of it belongs \
         to; the total counts it once). Participants and words: --format json or csv."
    );
    if r.rows.is_empty() {
        let _ = writeln!(out, "The code tree is empty.");
        return out;
    }
    let names = column_names(r);
    let label_w = (0..r.rows.len())
        .map(|i| row_label(r, i).width())
        .max()
        .unwrap_or(0)
        .clamp(4, 48);
    let widths: Vec<usize> = names.iter().map(|n| n.width().max(3)).collect();
    let mut head = pad("Code", label_w, false);
    for (n, w) in names.iter().zip(&widths) {
        head.push_str("  ");
        head.push_str(&pad(n, *w, true));
    }
    head.push_str("  total  people  words");
    // Everyone's units: each person's share of the row, where it matters.
    let several = r.coders.len() > 1;
    if several {
        for c in &r.coders {
            head.push_str("  ");
            head.push_str(c);
        }
    }
    let _ = writeln!(out, "{}", head.trim_end());
    for (i, row) in r.rows.iter().enumerate() {
        let indent = " ".repeat((row.depth * 2).min(label_w.saturating_sub(1)));
        let label = indent.clone()
            + &crate::text::ellipsize(row_label(r, i).trim_start(), label_w - indent.len());
        let mut line = pad(&label, label_w, false);
        for (c, w) in row.cells.iter().zip(&widths) {
            line.push_str("  ");
            line.push_str(&pad(&c.units.to_string(), *w, true));
        }
        let _ = write!(
            line,
            "  {}  {}  {}",
            pad(&row.total.units.to_string(), 5, true),
            pad(&row.total.participants.to_string(), 6, true),
            pad(&row.total.words.to_string(), 5, true)
        );
        if several {
            for c in &r.coders {
                let n = row.by_coder.get(c).copied().unwrap_or(0).to_string();
                line.push_str("  ");
                line.push_str(&pad(&n, crate::text::width(c), true));
            }
        }
        let _ = writeln!(out, "{line}");
    }
    if r.by == "cooccurrence" {
        for (i, c) in r.columns.iter().enumerate() {
            let _ = writeln!(out, "  #{}: {c}", i + 1);
        }
    }
    out
}

/// Escapes what Markdown table cells cannot hold as it is.
fn md(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|")
}

fn markdown(r: &Report) -> String {
    let mut out = format!("### {}\n\n", md(&heading(r)));
    if r.rows.is_empty() {
        out.push_str("The code tree is empty.\n");
        return out;
    }
    let names = column_names(r);
    let _ = write!(out, "| Code |");
    for n in &names {
        let _ = write!(out, " {} |", md(n));
    }
    out.push_str(" Total | Participants | Words |\n|---|");
    out.push_str(&"---:|".repeat(names.len() + 3));
    out.push('\n');
    for (i, row) in r.rows.iter().enumerate() {
        let indent = "&nbsp;&nbsp;".repeat(row.depth);
        let label = row_label(r, i);
        let _ = write!(out, "| {indent}{} |", md(label.trim_start()));
        for c in &row.cells {
            let _ = write!(out, " {} |", c.units);
        }
        let _ = writeln!(
            out,
            " {} | {} | {} |",
            row.total.units, row.total.participants, row.total.words
        );
    }
    out.push_str(
        "\nCells count meaning units; a unit counts once in each column a speaker of it \
         belongs to, and once in the total.\n",
    );
    if r.by == "cooccurrence" {
        out.push('\n');
        for (i, c) in r.columns.iter().enumerate() {
            let _ = writeln!(out, "- #{}: {}", i + 1, md(c));
        }
    }
    out
}

/// Writes coverage per transcript.
pub fn write_coverage(c: &Coverage, format: Format) -> String {
    let percent = |x: f64| format!("{:.1}", x * 100.0);
    match format {
        Format::Json => {
            let mut text = serde_json::to_string_pretty(c).unwrap_or_default();
            text.push('\n');
            text
        }
        Format::Csv => {
            let mut out = String::from("transcript,characters,coded,share");
            let several = c.coders.len() > 1;
            if several {
                for coder in &c.coders {
                    out.push(',');
                    out.push_str(&field(&format!("share of {coder}")));
                }
            }
            out.push_str("\r\n");
            for row in &c.transcripts {
                let _ = write!(
                    out,
                    "{},{},{},{:.4}",
                    field(&row.transcript),
                    row.characters,
                    row.coded,
                    row.share
                );
                if several {
                    for coder in &c.coders {
                        let _ = write!(out, ",{:.4}", row.by_coder.get(coder).unwrap_or(&0.0));
                    }
                }
                out.push_str("\r\n");
            }
            out
        }
        Format::Table | Format::Markdown => {
            let md_out = format == Format::Markdown;
            let mut out = String::new();
            let whose = whose(c.coder.as_ref(), &c.coders);
            let title = format!("Coverage: share of the turns' characters coded, {whose}");
            if md_out {
                let _ = writeln!(out, "### {}\n", md(&title));
                out.push_str("| Transcript | Characters | Coded | Share |\n|---|---:|---:|---:|\n");
            } else {
                let _ = writeln!(out, "{title}");
            }
            let w = c
                .transcripts
                .iter()
                .map(|r| r.transcript.width())
                .max()
                .unwrap_or(10)
                .clamp(10, 40);
            for row in &c.transcripts {
                if md_out {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} | {} % |",
                        md(&row.transcript),
                        row.characters,
                        row.coded,
                        percent(row.share)
                    );
                    continue;
                }
                let filled = (row.share * 20.0).round() as usize;
                let _ = write!(
                    out,
                    "{}  {}{}  {:>5} %  ({} of {} characters)",
                    pad(&crate::text::ellipsize(&row.transcript, w), w, false),
                    "█".repeat(filled.min(20)),
                    "·".repeat(20 - filled.min(20)),
                    percent(row.share),
                    row.coded,
                    row.characters
                );
                for (coder, share) in &row.by_coder {
                    let _ = write!(out, "  {coder} {} %", percent(*share));
                }
                out.push('\n');
            }
            out
        }
    }
}
