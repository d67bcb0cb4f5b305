//! The core of kondens, a workbench for Systematic Text Condensation (Malterud) of
//! focus-group transcripts: everything but the terminal and the command line.
//!
//! - [`model`]: the domain — a project's transcripts, code tree, meaning units,
//!   analyses and participants;
//! - [`ops`]: every change as data with its inverse, naming the file it writes;
//! - [`session`]: a project opened for work — locks, load, perform/undo/redo, save;
//! - [`store`]: the project folder — RON files, atomic writes, locks, migration;
//! - [`import`]: transcripts from bytes (pure: bytes → segments → turns);
//! - [`export`]: the export document and its renderings;
//! - [`derived`]: what is worked out from a project and never stored — stats, the STC
//!   shape of the work, guidance, agreement, comparisons, reports, spot-check samples;
//!   [`text`]: layout helpers.
//!
//! Layers point one way: `model` ← `ops` ← `session` → `store`; `import`, `export` and
//! `derived` read the model. ("Analysis" is one thing: a coder's own written analysis,
//! [`model::Analysis`].) Nothing here prints, logs or draws.

pub mod correct;
pub mod derived;
pub mod error;
pub mod exchange;
pub mod export;
pub mod import;
pub mod model;
pub mod ops;
pub mod parallel;
pub mod session;
pub mod store;
pub mod text;

pub use error::{Error, Result};
