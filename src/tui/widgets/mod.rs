//! Pieces more than one screen draws or steps through: list windows and motions, the
//! text pane.

pub mod list;
pub mod text_pane;
