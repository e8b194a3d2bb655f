//! `kinerja-server`: the kinerja HTTP API and web page. See `kinerja-server --help`.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::process::ExitCode;

use kinerja_server::cli::{Command, HELP, parse};
use kinerja_server::{AppState, Config, serve, shutdown_signal};

fn run(cfg: Config) -> std::io::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(cfg.bind).await?;
        let addr = listener.local_addr()?;
        let shutdown = shutdown_signal()?;
        if !addr.ip().is_loopback() && cfg.token.is_none() {
            eprintln!(
                "warning: listening on {addr}, reachable from other machines, without a token; use --token-file"
            );
        }
        let mut out = std::io::stdout();
        writeln!(out, "kinerja-server listening on http://{addr}")?;
        out.flush()?;
        serve(listener, AppState::new(cfg), shutdown).await
    })
}

fn main() -> ExitCode {
    match parse(std::env::args().skip(1)) {
        Ok(Command::Help) => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        Ok(Command::Version) => {
            println!("kinerja-server {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Ok(Command::Serve(cfg)) => match run(cfg) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("kinerja-server: {e}");
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            eprintln!("kinerja-server: {e}");
            ExitCode::from(2)
        }
    }
}
