//! lineup: a terminal agenda planner for conferences.
//!
//! The schedule [`model`] is filled by [`import`]ers, browsed in the TUI, and the person's picks
//! are kept in an agenda file.

pub mod agenda;
pub mod cli;
pub mod error;
pub mod export;
pub mod import;
pub mod message;
pub mod model;
pub mod presentation;
pub mod text;
pub mod tui;

pub use error::{Error, Result};
/// lineup's own schedule files, and the built-in PyCon US 2012.
pub use import::native;
pub mod workspace;
