//! The `bourgade` binary: with no subcommand it opens the desktop window;
//! with one, it runs headless (see `bourgade --help` and docs/CLI.md).

mod cli;

fn main() {
    std::process::exit(cli::main());
}
