//! Bourgade's command line, over `bourgade-core` alone. `cli/` parses the
//! arguments (clap, French help), calls the core and prints; `desktop`
//! starts the window's own binary when no subcommand is given. The binary
//! is `src/main.rs`; the man page is written from the same definitions
//! (`examples/mangen.rs`).

mod cli;
mod desktop;

pub use cli::{command, main, BAD_INPUT, FAILURE, OK};

/// What `bourgade --version` prints after the name: the version and the
/// commit the binary was built from (`build.rs`).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("BOURGADE_COMMIT"),
    ")"
);
