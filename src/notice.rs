//! Something to tell the user when the workbench opens (a migration done, a problem in
//! the config file): the command line gathers them, the workbench shows them.

/// A message for the status line at start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    /// A problem (shown as an error) rather than news.
    pub problem: bool,
}
