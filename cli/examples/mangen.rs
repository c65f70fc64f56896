//! Writes the man page of `bourgade` (section 1) from the clap definitions:
//! `cargo run -p bourgade-cli --example mangen -- OUT.1`. Called by
//! scripts/package.sh, which gzips it into /usr/share/man/man1.

fn main() -> std::io::Result<()> {
    let Some(out) = std::env::args_os().nth(1) else {
        eprintln!("usage : mangen FICHIER.1");
        std::process::exit(2);
    };
    let mut page = Vec::new();
    clap_mangen::Man::new(bourgade_cli::command())
        .manual("Commandes de Bourgade")
        .source(format!("Bourgade {}", bourgade_cli::VERSION))
        .render(&mut page)?;
    std::fs::write(out, page)
}
