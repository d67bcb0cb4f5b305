use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Output into a closed pipe (`kondens participants DIR | head -1`) ends the program
    // quietly, as it does any other command-line tool, instead of a panic.
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to its default, before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = kondens::cli::Cli::parse();
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
