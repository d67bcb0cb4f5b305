//! kondens: a workbench for Systematic Text Condensation (Malterud) of focus-group
//! transcripts.
//!
//! This crate is the front ends: the command line ([`cli`]) and the terminal workbench
//! ([`tui`]), with what only they need — the user's [`config`], the [`paths`] of the
//! config, data and state directories, the [`log`], the [`demo`] project and the
//! [`synthetic`] projects for benchmarks. Everything they share is the core,
//! [`kondens_core`], which has no terminal and no command line in it; its modules are
//! re-exported here so that front-end code reads `crate::model`, `crate::store`, ….

pub use kondens_core::{
    Error, Result, correct, derived, error, exchange, export, import, model, ops, session, store,
    text,
};

pub mod cli;
pub mod config;
pub mod demo;
pub mod log;
pub mod notice;
pub mod paths;
pub mod synthetic;
pub mod tui;
