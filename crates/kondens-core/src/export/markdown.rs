//! The results document: Markdown in the shape of the results section of a qualitative
//! article, in the project's language. A table of themes and subthemes, then per code
//! group its result heading and per subgroup the analytic text followed by its quotes —
//! the golden quote first — each attributed as the researcher set the participant
//! ("Kari, leder"), a quote that starts or ends mid-sentence marked […]. Subgroups with
//! nothing written or quoted are left out; the validation record is an appendix.

use super::stc;
use crate::model::{MeaningUnit, Project, UnitId};
use std::io::{self, Write};

/// The language of the document's own words (headings, labels).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    English,
    /// Norwegian (bokmål).
    Norwegian,
}

impl Language {
    /// Reads `en` / `english`, `nb` / `no` / `norwegian` / `norsk`.
    pub fn parse(s: &str) -> crate::Result<Language> {
        match s.to_lowercase().as_str() {
            "en" | "english" => Ok(Language::English),
            "nb" | "no" | "nn" | "norwegian" | "norsk" => Ok(Language::Norwegian),
            other => Err(crate::Error::Refused(format!(
                "--language {other:?}: use en (English) or nb (Norwegian)"
            ))),
        }
    }

    /// The language the analysis is written in, going by its most common small words:
    /// what the researcher wrote decides the document's headings.
    pub fn of(project: &Project) -> Language {
        const NB: &[&str] = &[
            "og", "ikke", "det", "som", "er", "på", "med", "av", "har", "jeg", "vi", "de", "hun",
            "han", "var", "til", "å", "en", "et",
        ];
        const EN: &[&str] = &[
            "the", "and", "not", "that", "is", "of", "to", "with", "they", "was", "a", "in", "he",
            "she", "as", "were",
        ];
        let (mut nb, mut en) = (0usize, 0usize);
        for a in project.analyses.values() {
            let texts = a
                .subgroups
                .values()
                .flat_map(|s| [s.analytic_text.as_str(), s.condensate.as_str()])
                .chain(a.code_groups.values().map(|g| g.result_heading.as_str()));
            for word in texts.flat_map(str::split_whitespace) {
                let w = word
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                nb += usize::from(NB.contains(&w.as_str()));
                en += usize::from(EN.contains(&w.as_str()));
            }
        }
        if nb > en {
            Language::Norwegian
        } else {
            Language::English
        }
    }

    fn words(self) -> &'static Words {
        match self {
            Language::English => &EN_WORDS,
            Language::Norwegian => &NB_WORDS,
        }
    }
}

/// The document's own words in one language.
struct Words {
    question: &'static str,
    results: &'static str,
    analysis_by: &'static str,
    theme: &'static str,
    subthemes: &'static str,
    nothing: &'static str,
    appendix: &'static str,
    reread: &'static str,
    none_reread: &'static str,
    flagged: &'static str,
    no_validation: &'static str,
}

const EN_WORDS: Words = Words {
    question: "Research question",
    results: "Results",
    analysis_by: "Analysis by",
    theme: "Theme",
    subthemes: "Subthemes",
    nothing: "No code group has an analytic text or a quote yet.",
    appendix: "Appendix: validation",
    reread: "re-read against the synthesis",
    none_reread: "no transcript marked as re-read",
    flagged: "meaning unit(s) flagged as contradicting the synthesis",
    no_validation: "not yet validated",
};

const NB_WORDS: Words = Words {
    question: "Forskningsspørsmål",
    results: "Resultater",
    analysis_by: "Analyse ved",
    theme: "Tema",
    subthemes: "Undertema",
    nothing: "Ingen kodegruppe har analysetekst eller sitat ennå.",
    appendix: "Vedlegg: validering",
    reread: "lest på nytt mot syntesen",
    none_reread: "ingen transkripsjon markert som lest på nytt",
    flagged: "meningsbærende enhet(er) markert som i strid med syntesen",
    no_validation: "ikke validert ennå",
};

/// What to write.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// One person's analysis alone (`None`: each person's, one after the other).
    pub coder: Option<String>,
    /// The document's language (`None`: the language the analysis is written in).
    pub language: Option<Language>,
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text on one line, safe inside a table cell.
fn cell(s: &str) -> String {
    one_line(s).replace('|', "\\|")
}

/// Writes the document, ending in exactly one newline.
pub fn write(project: &Project, out: &mut dyn Write) -> io::Result<()> {
    write_with(project, &Options::default(), out)
}

/// [`write()`] with options.
pub fn write_with(project: &Project, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    let mut doc = Vec::new();
    document(project, options, &mut doc)?;
    while doc.ends_with(b"\n") {
        doc.pop();
    }
    doc.push(b'\n');
    out.write_all(&doc)
}

/// A subgroup as the document shows it: its heading, text and quotes.
struct Section<'a> {
    name: String,
    text: String,
    quotes: Vec<&'a MeaningUnit>,
}

/// A code group as the document shows it.
struct Part<'a> {
    heading: String,
    sections: Vec<Section<'a>>,
    validation: Option<String>,
}

fn parts<'a>(project: &'a Project, coder: &str, w: &Words) -> Vec<Part<'a>> {
    let a = project.analysis_of(coder);
    let mine = project.units_of(coder);
    let unit = |id: UnitId| mine.iter().find(|u| u.id == id);
    let mut out = Vec::new();
    for g in stc::condensation_iter(project).filter(|g| g.coder == coder) {
        let Some(node) = project
            .codebook
            .roots
            .iter()
            .find(|n| n.id.to_string() == g.code_group)
        else {
            continue;
        };
        let mut sections = Vec::new();
        for s in &node.children {
            let work = a.subgroup(s.id);
            let text = work.map_or("", |w| w.analytic_text.trim()).to_string();
            // The golden quote first, if it is still one of the subgroup's units.
            let own = crate::derived::stc::units_under(project, coder, s.id);
            let in_sub = |id: &UnitId| own.iter().any(|u| u.id == *id);
            let quotes: Vec<&MeaningUnit> = work
                .into_iter()
                .flat_map(|w| w.golden_quote.iter().chain(w.more_quotes.iter()))
                .filter(|id| in_sub(id))
                .filter_map(|id| unit(*id))
                .collect();
            if text.is_empty() && quotes.is_empty() {
                continue;
            }
            sections.push(Section {
                name: s.name.clone(),
                text,
                quotes,
            });
        }
        if sections.is_empty() {
            continue;
        }
        let heading = if g.result_heading.trim().is_empty() {
            g.name.clone()
        } else {
            g.result_heading.trim().to_string()
        };
        let v = &g.validation;
        let validation = v.date.as_ref().map(|d| {
            let mut line = format!("{} ({}): ", one_line(&heading), d.get(..10).unwrap_or(d));
            if v.transcripts_reread.is_empty() {
                line.push_str(w.none_reread);
            } else {
                line.push_str(&format!(
                    "{}: {}",
                    w.reread,
                    v.transcripts_reread.join(", ")
                ));
            }
            line.push('.');
            if !v.note.trim().is_empty() {
                line.push_str(&format!(" {}", one_line(&v.note)));
            }
            if !v.contradicting_units.is_empty() {
                line.push_str(&format!(" {} {}.", v.contradicting_units.len(), w.flagged));
            }
            line
        });
        out.push(Part {
            heading,
            sections,
            validation,
        });
    }
    out
}

fn document(project: &Project, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    let lang = options.language.unwrap_or_else(|| Language::of(project));
    let w = lang.words();
    let m = &project.manifest;
    writeln!(out, "# {}", one_line(&m.title))?;
    writeln!(out)?;
    if !m.research_question.trim().is_empty() {
        writeln!(out, "*{}:* {}", w.question, one_line(&m.research_question))?;
        writeln!(out)?;
    }
    writeln!(out, "## {}", w.results)?;
    writeln!(out)?;
    let mut coders = project.people();
    if let Some(only) = &options.coder {
        coders.retain(|c| *c == only);
    }
    let all: Vec<(&String, Vec<Part>)> = coders
        .into_iter()
        .map(|c| (c, parts(project, c, w)))
        .filter(|(_, p)| !p.is_empty())
        .collect();
    if all.is_empty() {
        writeln!(out, "{}", w.nothing)?;
        return Ok(());
    }
    let several = all.len() > 1;
    for (coder, parts) in &all {
        if several {
            writeln!(out, "*{} {coder}.*", w.analysis_by)?;
            writeln!(out)?;
        }
        writeln!(out, "| {} | {} |", w.theme, w.subthemes)?;
        writeln!(out, "|---|---|")?;
        for p in parts {
            let subs: Vec<String> = p.sections.iter().map(|s| cell(&s.name)).collect();
            writeln!(out, "| {} | {} |", cell(&p.heading), subs.join("; "))?;
        }
        writeln!(out)?;
        for p in parts {
            writeln!(out, "### {}", one_line(&p.heading))?;
            writeln!(out)?;
            for s in &p.sections {
                writeln!(out, "#### {}", one_line(&s.name))?;
                writeln!(out)?;
                if !s.text.is_empty() {
                    // Paragraphs stay paragraphs; lines inside one are joined.
                    let paragraphs: Vec<String> = s.text.split("\n\n").map(one_line).collect();
                    writeln!(out, "{}", paragraphs.join("\n\n"))?;
                    writeln!(out)?;
                }
                for u in &s.quotes {
                    writeln!(out, "> {}", quote(project, u))?;
                    writeln!(out)?;
                }
            }
        }
    }
    // The validation record, for the reader who checks the method.
    let records: Vec<(&String, &String)> = all
        .iter()
        .flat_map(|(c, parts)| {
            parts
                .iter()
                .filter_map(move |p| p.validation.as_ref().map(|v| (*c, v)))
        })
        .collect();
    writeln!(out, "## {}", w.appendix)?;
    writeln!(out)?;
    if records.is_empty() {
        writeln!(out, "*{}.*", w.no_validation)?;
    }
    for (coder, line) in records {
        if several {
            writeln!(out, "- {line} ({coder})")?;
        } else {
            writeln!(out, "- {line}")?;
        }
    }
    Ok(())
}

/// A quote in guillemets with […] where it starts or ends mid-sentence, then who said
/// it as the researcher set the participant: `«[…] words.» (Kari, leder)`.
fn quote(project: &Project, u: &MeaningUnit) -> String {
    let text = one_line(project.quote(u));
    let (starts, ends) = sentence_edges(project, u);
    let mut q = String::new();
    if !starts {
        q.push_str("[…] ");
    }
    q.push_str(&text);
    if !ends {
        q.push_str(" […]");
    }
    format!("«{q}» ({})", attribution(project, u))
}

/// Whether a unit starts at the start of a sentence (or its turn) and ends at the end
/// of one.
fn sentence_edges(project: &Project, u: &MeaningUnit) -> (bool, bool) {
    let Some(t) = project.transcript(u.transcript) else {
        return (true, true);
    };
    let turn = t.turns.get(t.turn_at(u.start));
    let turn_start = turn.map_or(0, |turn| turn.start);
    let before = t.text.get(turn_start.min(u.start)..u.start).unwrap_or("");
    let starts = before
        .trim_end()
        .chars()
        .last()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | '…' | ':' | '»' | '"' | ')'));
    let quote = project.quote(u).trim_end();
    let ends = quote
        .chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | '…' | '»' | '"' | ')'));
    (starts, ends)
}

/// Who said it, as the researcher set the participants: name (or pseudonym) and group
/// (else focus group), `Kari, leder; Ola, fagarbeider`.
fn attribution(project: &Project, u: &MeaningUnit) -> String {
    let mut seen: Vec<String> = Vec::new();
    for label in project.speakers_of(u) {
        let Some(p) = project.participant_for(u.transcript, &label) else {
            continue;
        };
        let context = if p.group.trim().is_empty() {
            p.focus_group.trim().to_string()
        } else {
            p.group.trim().to_string()
        };
        let who = if context.is_empty() {
            p.name.clone()
        } else {
            format!("{}, {context}", p.name)
        };
        if !seen.contains(&who) {
            seen.push(who);
        }
    }
    if seen.is_empty() {
        project
            .transcript(u.transcript)
            .map_or(String::new(), |t| t.name.clone())
    } else {
        seen.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_read_from_what_the_researcher_wrote() {
        let mut p = Project::new("t", "q");
        assert_eq!(Language::of(&p), Language::English);
        let a = p.analyses.entry("ana".into()).or_default();
        a.subgroups
            .entry(crate::model::CodeId::new())
            .or_default()
            .analytic_text =
            "Lederne beskrev at det ikke var en plan, og de var usikre på rollen.".into();
        assert_eq!(Language::of(&p), Language::Norwegian);
        assert_eq!(Language::parse("nb").ok(), Some(Language::Norwegian));
        assert!(Language::parse("de").is_err());
    }
}
