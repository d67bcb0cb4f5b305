use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = kondens::cli::Cli::parse();
    // Output into a closed pipe (`kondens participants DIR | head -1`) ends a command
    // quietly, as it does any other command-line tool, instead of a panic. Not the
    // workbench: it must get to save its last changes whatever happens to its output.
    let workbench = matches!(cli.command, None | Some(kondens::cli::Command::Open { .. }));
    #[cfg(unix)]
    if !workbench {
        // SAFETY: setting a signal's disposition to its default, before any thread starts.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    kondens::log::init();
    match kondens::cli::run(cli, kondens::tui::open) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "kondens: {}",
                kondens::text::escape::for_terminal(&e.to_string())
            );
            ExitCode::FAILURE
        }
    }
}
