//! The command line: `kondens [open|new|import|export|participants|report|correct|agreement|spotcheck|check|stats]`. Every command reports
//! errors on stderr naming the file, exits non-zero, and leaves the disk as it was.

pub use crate::notice::Notice;
use crate::{Error, Result, config, demo, derived, export, import, paths, store};
use clap::{Parser, Subcommand};

mod agreement;
mod correct;
mod exchange;
use exchange::exchange_out;
use export::ExportFormat;
mod participants;
mod report;
mod spotcheck;
use crate::text::escape::for_terminal;
pub use participants::ParticipantsCmd;
use std::io::Write;
use std::path::{Path, PathBuf};

/// kondens — Systematic Text Condensation of focus-group transcripts, in the terminal.
///
/// Without a command, opens the demo project (made on first run in the data directory).
#[derive(Debug, Parser)]
#[command(name = "kondens", version, after_help = after_help())]
pub struct Cli {
    /// Who is coding: names your file of meaning units. Default: the config file's
    /// `coder`, else $USER.
    #[arg(long, global = true, value_name = "NAME")]
    pub coder: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

fn after_help() -> String {
    let cfg = paths::config_file()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "(no config directory on this system)".into());
    format!(
        "Config file: {cfg}\n(KONDENS_CONFIG_DIR and KONDENS_DATA_DIR override the config \
         and data directories.)"
    )
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open a project in the terminal workbench.
    Open {
        /// The project folder.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Create a new, empty project.
    New {
        /// The folder to create it in (made if missing).
        dir: PathBuf,
        #[arg(long, default_value = "")]
        title: String,
        #[arg(long, default_value = "")]
        question: String,
    },
    /// Add transcripts to a project; prints what was found in each.
    Import {
        dir: PathBuf,
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// auto (detected from the file), txt, vtt, srt, otter or docx.
        #[arg(long, default_value = "auto")]
        format: String,
        /// Show what would be imported without changing the project.
        #[arg(long)]
        dry_run: bool,
        /// A mapping file of `Real name = Pseudonym` lines: names in the words and the
        /// speaker labels are replaced before the text is stored, so the project never
        /// holds them. Keep the mapping outside the project folder.
        #[arg(long, value_name = "FILE")]
        pseudonyms: Option<PathBuf>,
    },
    /// Export the whole analysis (RON by default, to stdout unless --out).
    Export {
        dir: PathBuf,
        /// ron or json (the whole analysis, read back by tools), or markdown (a results
        /// document in the shape of an article's results section).
        #[arg(long, default_value = "ron")]
        format: String,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The results document's language: en or nb (default: the language the
        /// analysis is written in).
        #[arg(long)]
        language: Option<String>,
    },
    /// List the participants (one per speaker label until merged), or change them.
    Participants {
        /// The project folder.
        dir: PathBuf,
        /// As JSON (when listing).
        #[arg(long)]
        json: bool,
        #[command(subcommand)]
        action: Option<ParticipantsCmd>,
    },
    /// Replace a coded transcript's text with a corrected version: every person's
    /// meaning units move with their words; units whose words changed or vanished are
    /// kept and listed. The old text and units are kept in backups/.
    Correct {
        dir: PathBuf,
        /// The transcript to correct: its name (as `stats` lists it) or id.
        transcript: String,
        /// The corrected text: the transcript's own .txt (from transcripts/), edited, or
        /// the source file corrected and read again in its format.
        file: PathBuf,
        /// auto (detected from the file), txt, vtt, srt, otter or docx.
        #[arg(long, default_value = "auto")]
        format: String,
        /// A mapping file of `Real name = Pseudonym` lines, as for import.
        #[arg(long, value_name = "FILE")]
        pseudonyms: Option<PathBuf>,
        /// Show what would move, change and be orphaned without changing the project.
        #[arg(long)]
        dry_run: bool,
    },
    /// Tables across focus groups: code × focus group, group, role, participant or
    /// transcript; code co-occurrence; coverage per transcript. Counts everyone's units
    /// unless --coder is given.
    Report {
        dir: PathBuf,
        /// The columns: focus-group, group, role, participant or transcript.
        #[arg(long, default_value = "focus-group")]
        by: String,
        /// Code × code: the units that carry both.
        #[arg(long)]
        cooccurrence: bool,
        /// The share of each transcript's speech that is coded.
        #[arg(long)]
        coverage: bool,
        /// table, csv, json or markdown.
        #[arg(long, default_value = "table")]
        format: String,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Is the project whole? Reads every file and lists every problem (a merge
    /// conflict git left, a damaged file, a changed transcript text, a unit whose code
    /// is gone), each with its file and line. Exit 0 when there is none.
    Check { dir: PathBuf },
    /// Intercoder agreement of two people, character by character: per code percent
    /// agreement, Cohen's κ and Krippendorff's α, overall, and MAXQDA's segment view.
    Agreement {
        dir: PathBuf,
        /// The two people to compare.
        #[arg(long, num_args = 2, required = true, value_names = ["A", "B"])]
        coders: Vec<String>,
        /// Compare these transcripts (repeatable; default: those both have coded in).
        #[arg(long = "transcript", value_name = "NAME")]
        transcripts: Vec<String>,
        /// As JSON.
        #[arg(long)]
        json: bool,
        /// The least overlap, in percent of the two units together, for a segment match.
        #[arg(long, default_value_t = 90.0)]
        overlap: f64,
    },
    /// Draw a spot-check of someone's coding (worked through in view 5), or report on
    /// the spot-checks made.
    Spotcheck {
        dir: PathBuf,
        /// Whose meaning units to check.
        #[arg(long, value_name = "CODER")]
        of: Option<String>,
        /// How many units to draw.
        #[arg(long, value_name = "N")]
        sample: Option<usize>,
        /// The same seed draws the same units (default: a new one, printed).
        #[arg(long)]
        seed: Option<u64>,
        /// Stratify the sample: transcript or code.
        #[arg(long, default_value = "none")]
        by: String,
        /// Report on every spot-check instead.
        #[arg(long)]
        report: bool,
        /// The report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show how far the analysis has come.
    Stats {
        dir: PathBuf,
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Opens the terminal workbench; supplied by the front end.
pub type OpenFn =
    fn(dir: &Path, coder: &str, config: config::Config, notes: Vec<Notice>) -> Result<()>;

/// Runs a parsed command line. `open` is called for the commands that open the TUI.
pub fn run(cli: Cli, open: OpenFn) -> Result<()> {
    let (cfg, problems) = config::load(paths::config_file().as_deref());
    let notes: Vec<Notice> = problems
        .into_iter()
        .map(|text| Notice {
            text,
            problem: true,
        })
        .collect();
    match cli.command {
        None => {
            let dir = demo_dir()?;
            let coder = cli.coder.clone().unwrap_or_else(demo::demo_coder);
            store::check_coder_name(&coder)?;
            let notes = migrate_for_writing(&dir, notes)?;
            open(&dir, &coder, cfg, notes)
        }
        Some(Command::Open { dir }) => {
            let coder = cfg.coder(cli.coder.as_deref())?;
            // Reports a bad project before the screen changes, and brings an old one up
            // to date (with a backup).
            let notes = migrate_for_writing(&dir, notes)?;
            open(&dir, &coder, cfg, notes)
        }
        Some(Command::New {
            dir,
            title,
            question,
        }) => {
            let title = if title.trim().is_empty() {
                dir.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "Untitled project".into())
            } else {
                title
            };
            store::create(&dir, &title, &question)?;
            say(&format!("Created project {title:?} in {}\n", dir.display()));
            say(&format!(
                "Next: kondens import {} TRANSCRIPT.txt\n",
                dir.display()
            ));
            Ok(())
        }
        Some(Command::Import {
            dir,
            files,
            format,
            dry_run,
            pseudonyms,
        }) => {
            let options = import_options(&format, pseudonyms.as_deref(), &cfg, dry_run)?;
            if files.iter().any(|f| exchange::is_exchange_file(f)) {
                let coder = cfg.coder(cli.coder.as_deref())?;
                return exchange::import(&dir, &files, &options, &coder);
            }
            if !dry_run && let Some(backup) = store::migrate(&dir)? {
                println!("{}", migrated_note(&backup));
            }
            let mut project = store::load(&dir)?;
            let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
            let read = import::read_files(&project, &refs, &options).map_err(|e| match e {
                Error::Import { path, message } if files.len() > 1 => Error::Import {
                    path,
                    message: format!("{message}\nnothing was imported (all files or none)"),
                },
                other => other,
            })?;
            let (transcripts, summaries): (Vec<_>, Vec<_>) = read.into_iter().unzip();
            if !dry_run {
                store::add_transcripts(&dir, &mut project, transcripts)?;
            }
            for s in &summaries {
                say(&s.to_string());
            }
            if dry_run {
                println!("dry run: the project was not changed");
            } else {
                println!(
                    "imported {} transcript(s) into {}",
                    summaries.len(),
                    dir.display()
                );
            }
            Ok(())
        }
        Some(Command::Export {
            dir,
            format,
            out,
            language,
        }) => {
            let format = ExportFormat::parse(&format)?;
            let options = export::markdown::Options {
                coder: cli.coder.clone(),
                language: language
                    .as_deref()
                    .map(export::markdown::Language::parse)
                    .transpose()?,
            };
            if let Some(path) = &out {
                refuse_inside_a_project(path)?;
            }
            let mut project = store::load(&dir)?;
            warn(&project);
            // --coder: that person's work alone, in every format.
            if let Some(c) = &cli.coder {
                if !project.units.contains_key(c) && !project.analyses.contains_key(c) {
                    return Err(Error::Refused(format!(
                        "{c} has no meaning units or analysis in this project"
                    )));
                }
                project.units.retain(|k, _| k == c);
                project.analyses.retain(|k, _| k == c);
            }
            if matches!(format, ExportFormat::Qdpx | ExportFormat::Qdc) {
                return exchange_out(&project, format, out.as_deref());
            }
            match out {
                Some(path) => store::write_atomic_with(&path, |w| {
                    export::write_with(&project, format, &options, w)
                }),
                None => {
                    let mut w = std::io::BufWriter::new(std::io::stdout().lock());
                    export::write_with(&project, format, &options, &mut w)?;
                    w.flush().map_err(|e| Error::io("stdout", e))
                }
            }
        }
        Some(Command::Participants { dir, json, action }) => match action {
            None => {
                let project = store::load(&dir)?;
                warn(&project);
                participants::list(&project, json)
            }
            Some(cmd) => {
                let coder = cfg.coder(cli.coder.as_deref())?;
                if let Some(backup) = store::migrate(&dir)? {
                    println!("{}", migrated_note(&backup));
                }
                participants::change(&dir, &coder, cmd)
            }
        },
        Some(Command::Correct {
            dir,
            transcript,
            file,
            format,
            pseudonyms,
            dry_run,
        }) => {
            let coder = cfg.coder(cli.coder.as_deref())?;
            let options = import_options(&format, pseudonyms.as_deref(), &cfg, dry_run)?;
            correct::run(correct::Request {
                dir: &dir,
                transcript: &transcript,
                file: &file,
                options,
                coder: &coder,
                dry_run,
            })
        }
        Some(Command::Report {
            dir,
            by,
            cooccurrence,
            coverage,
            format,
            out,
        }) => report::run(report::Request {
            dir: &dir,
            by: &by,
            cooccurrence,
            coverage,
            coder: cli.coder.as_deref(),
            format: &format,
            out,
        }),
        Some(Command::Agreement {
            dir,
            coders,
            transcripts,
            json,
            overlap,
        }) => agreement::run(&dir, &coders, &transcripts, json, overlap),
        Some(Command::Spotcheck {
            dir,
            of,
            sample,
            seed,
            by,
            report,
            json,
        }) => {
            if report {
                return spotcheck::report(&dir, json);
            }
            let coder = cfg.coder(cli.coder.as_deref())?;
            spotcheck::draw(&dir, &coder, of.as_deref(), sample, seed, &by)
        }
        Some(Command::Check { dir }) => {
            let problems = store::check(&dir);
            if problems.is_empty() {
                say(&format!("{}: the project is whole\n", dir.display()));
                return Ok(());
            }
            for p in &problems {
                say(&format!("{p}\n"));
            }
            Err(Error::Refused(format!(
                "{} problem{} in {}",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" },
                dir.display()
            )))
        }
        Some(Command::Stats { dir, json }) => {
            let project = store::load(&dir)?;
            warn(&project);
            let s = derived::stats(&project);
            if json {
                let text =
                    serde_json::to_string_pretty(&s).map_err(|e| Error::encode("JSON", e))?;
                say(&format!("{text}\n"));
            } else {
                say(&s.to_string());
            }
            Ok(())
        }
    }
}

/// Opens the project in `dir` for work as `me`, refusing when it is no longer
/// `planned_on` (someone changed it between planning a change and writing it).
fn session_on(
    dir: &Path,
    me: &str,
    planned_on: Option<&crate::model::Project>,
) -> Result<crate::session::Session> {
    let session = crate::session::Session::open(dir, me)?;
    if planned_on.is_some_and(|p| p != session.project()) {
        return Err(Error::Refused(
            "the project changed while this was being prepared; run the command again".into(),
        ));
    }
    Ok(session)
}

/// How to read transcript files, as `import` and `correct` are asked.
fn import_options(
    format: &str,
    pseudonyms: Option<&Path>,
    cfg: &config::Config,
    dry_run: bool,
) -> Result<import::Options> {
    Ok(import::Options {
        format: import::Format::parse(format)?,
        pseudonyms: pseudonyms.map(import::Pseudonyms::read).transpose()?,
        system_lines: cfg.system_lines.clone(),
        dry_run,
    })
}

/// Prints text for people: control characters and bidi controls from transcripts,
/// labels, names or titles are shown escaped, never sent to the terminal as they are.
pub(crate) fn say(text: &str) {
    print!("{}", for_terminal(text));
}

/// Tells on standard error what is wrong in a project that loads (derived::problems).
pub(crate) fn warn(project: &crate::model::Project) {
    for p in derived::problems(project) {
        eprintln!("kondens: warning: {}", for_terminal(&p));
    }
}

/// Refuses an output file inside a project folder: it could replace one of the
/// project's own files, and a file kondens does not know would make the project
/// unreadable.
pub(crate) fn refuse_inside_a_project(out: &Path) -> Result<()> {
    let absolute = std::path::absolute(out).map_err(|e| Error::io(out, e))?;
    // The folder it would go in, with links resolved as far as the path exists.
    let mut at = absolute.parent().map(Path::to_path_buf);
    while let Some(dir) = at {
        let real = dir.canonicalize().unwrap_or_else(|_| dir.clone());
        if store::is_project(&real) || store::is_project(&dir) {
            return Err(Error::Refused(format!(
                "{}: that is inside the project folder {}; write the export outside it \
                 (it could replace the project's own files, or make it unreadable)",
                out.display(),
                real.display()
            )));
        }
        at = dir.parent().map(Path::to_path_buf);
    }
    Ok(())
}

/// Migrates an older project before a command that writes to it, adding a notice.
fn migrate_for_writing(dir: &Path, mut notes: Vec<Notice>) -> Result<Vec<Notice>> {
    if let Some(backup) = store::migrate(dir)? {
        let text = migrated_note(&backup);
        notes.insert(
            0,
            Notice {
                text,
                problem: false,
            },
        );
    }
    Ok(notes)
}

pub(crate) fn migrated_note(backup: &Path) -> String {
    crate::log::line(format!(
        "migrated to format {}; backup in {}",
        crate::model::FORMAT_VERSION,
        backup.display()
    ));
    format!(
        "The project was written by an older kondens and has been updated to format {}; \
         the old files are kept in {}",
        crate::model::FORMAT_VERSION,
        backup.display()
    )
}

/// The demo project's folder, made from the bundled samples on first use.
pub fn demo_dir() -> Result<PathBuf> {
    let base = paths::data_dir().ok_or_else(|| {
        Error::Refused("no data directory on this system; set KONDENS_DATA_DIR".into())
    })?;
    let dir = base.join("demo");
    if !store::is_project(&dir) {
        store::create_private_dir(&base)?;
        demo::create(&dir)?;
    }
    Ok(dir)
}
