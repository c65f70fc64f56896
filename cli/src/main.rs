//! The `bourgade` command: with a subcommand it runs headless (see
//! `bourgade --help` and docs/CLI.md); with none it starts the desktop
//! binary installed beside it. A console program on every system.

fn main() {
    std::process::exit(bourgade_cli::main());
}
