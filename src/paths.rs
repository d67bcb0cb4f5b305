//! Where kondens keeps its own files: the config directory and the data directory (for
//! the demo project). `KONDENS_CONFIG_DIR` and `KONDENS_DATA_DIR` override them, so tests
//! and locked-down servers can point them anywhere.

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
