//! kondens: a workbench for Systematic Text Condensation (Malterud) of focus-group
//! transcripts.
//!
//! The library is the core: the domain [`model`], undoable [`ops`], the project folder
//! [`store`], transcript [`import`], [`export`], [`analysis`], text layout helpers in
//! [`text`] and the user [`config`]. None of it depends on a terminal. The terminal front
//! end lives in [`tui`], behind the default `tui` feature, and the command line in [`cli`].

pub mod analysis;
pub mod cli;
pub mod config;
pub mod demo;
pub mod error;
pub mod export;
pub mod import;
pub mod log;
pub mod model;
pub mod ops;
pub mod paths;
pub mod store;
pub mod synthetic;
pub mod text;
#[cfg(feature = "tui")]
pub mod tui;

pub use error::{Error, Result};
