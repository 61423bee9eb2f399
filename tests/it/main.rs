//! lineup's integration tests, one crate (as ripgrep does): each module drives the library or
//! the real binary the way a person or a script would.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod agenda;
mod alloc;
mod cli;
mod e2e;
mod events;
mod export;
mod favourites;
mod finding;
mod friends;
mod import;
mod layers;
mod library;
mod missed;
mod plan;
mod readme;
mod regression;
mod remind;
mod screen;
mod seeds;
mod server;
mod settings;
mod shell;
mod tui;
mod util;
mod watch;
