use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = kondens::cli::Cli::parse();
    kondens::log::init();
    match kondens::cli::run(cli, kondens::tui::open) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kondens: {e}");
            ExitCode::FAILURE
        }
    }
}
