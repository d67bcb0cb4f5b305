//! Where kondens keeps its own files: the config directory, the data directory (for the
//! demo project) and the state directory (log and crash reports). `KONDENS_CONFIG_DIR`,
//! `KONDENS_DATA_DIR` and `KONDENS_STATE_DIR` override them, so tests and locked-down
//! servers can point them anywhere.

use std::path::PathBuf;

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "kondens")
}

/// The folder that holds `config.ron`.
pub fn config_dir() -> Option<PathBuf> {
    std::env::var_os("KONDENS_CONFIG_DIR")
        .map(PathBuf::from)
        .or_else(|| project_dirs().map(|d| d.config_dir().to_path_buf()))
}

/// The folder that holds the demo project.
pub fn data_dir() -> Option<PathBuf> {
    std::env::var_os("KONDENS_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| project_dirs().map(|d| d.data_dir().to_path_buf()))
}

/// The config file's path.
pub fn config_file() -> Option<PathBuf> {
    config_dir().map(|d| d.join("config.ron"))
}

/// The folder for the log file and crash reports.
pub fn state_dir() -> Option<PathBuf> {
    std::env::var_os("KONDENS_STATE_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            project_dirs().map(|d| {
                d.state_dir()
                    .unwrap_or_else(|| d.data_local_dir())
                    .to_path_buf()
            })
        })
}
