//! The command line of `kinerja-server`.

use std::net::{SocketAddr, ToSocketAddrs};
use std::time::Duration;

use kinerja_core::explain::Lang;

use crate::config::Config;

/// The help text.
pub const HELP: &str = "\
kinerja-server: the kinerja HTTP API and web page

Usage: kinerja-server [OPTIONS]

Options:
  --bind ADDR         address to listen on [default: 127.0.0.1:8080]; loopback unless told
                      otherwise (use 0.0.0.0:8080 only behind a firewall, with a token)
  --token TOKEN       require `Authorization: Bearer TOKEN` on every /v1/ call
  --token-file FILE   the same, reading the token from FILE (first line; preferred: a token
                      on the command line is visible to other users of the machine)
  --max-body SIZE     largest request body, e.g. 64MiB, 512KiB, 1000000 [default: 64MiB]
  --workers N         CPU-bound requests computed at once [default: number of cores]
  --queue N           requests that may wait for a worker; more get 503 [default: 4 x workers]
  --timeout SECS      time limit of one request; past it 408 [default: 60]
  --lang id|en        language of explanations when a request names none, and first
                      language of the web page [default: id]
  -h, --help          print this help
  -V, --version       print the version
";

/// What the command line asks for.
#[derive(Debug, Clone)]
pub enum Command {
    /// Run the server.
    Serve(Config),
    /// Print the help.
    Help,
    /// Print the version.
    Version,
}

/// Reads a size such as `64MiB`, `512KiB`, `2M`, `1000`.
pub fn parse_size(text: &str) -> Result<usize, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: usize = num.parse().map_err(|_| format!("`{text}` is not a size; e.g. 64MiB, 512KiB, 1000000"))?;
    let factor: usize = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1024,
        "m" | "mb" | "mib" => 1024 * 1024,
        "g" | "gb" | "gib" => 1024 * 1024 * 1024,
        other => return Err(format!("`{other}` is not a size unit; accepted: B, KiB, MiB, GiB")),
    };
    match n.checked_mul(factor) {
        Some(0) | None => {
            Err(format!("`{text}` is not a usable size (must be between 1 byte and the memory size)"))
        }
        Some(v) => Ok(v),
    }
}

fn parse_count(text: &str, option: &str, min: usize) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if n >= min => Ok(n),
        _ => Err(format!("{option}: `{text}` is not a whole number of at least {min}")),
    }
}

fn parse_bind(text: &str) -> Result<SocketAddr, String> {
    text.to_socket_addrs()
        .map_err(|e| format!("--bind: `{text}` is not an address such as 127.0.0.1:8080 ({e})"))?
        .next()
        .ok_or_else(|| format!("--bind: `{text}` resolves to no address"))
}

fn read_token_file(path: &str) -> Result<String, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("--token-file: cannot read `{path}`: {e}"))?;
    let token = text.lines().next().unwrap_or("").trim().to_string();
    if token.is_empty() {
        return Err(format!("--token-file: `{path}` is empty; put the token on its first line"));
    }
    Ok(token)
}

/// Parses the arguments (without the program name).
pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Result<Command, String> {
    let mut cfg = Config::default();
    let mut queue_given = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        if matches!(name.as_str(), "-h" | "--help") {
            return Ok(Command::Help);
        }
        if matches!(name.as_str(), "-V" | "--version") {
            return Ok(Command::Version);
        }
        let mut value =
            || inline.clone().or_else(|| args.next()).ok_or_else(|| format!("{name} needs a value"));
        match name.as_str() {
            "--bind" => cfg.bind = parse_bind(&value()?)?,
            "--token" => {
                let t = value()?.trim().to_string();
                if t.is_empty() {
                    return Err("--token: the token is empty".into());
                }
                cfg.token = Some(t);
            }
            "--token-file" => cfg.token = Some(read_token_file(&value()?)?),
            "--max-body" => cfg.max_body = parse_size(&value()?).map_err(|e| format!("--max-body: {e}"))?,
            "--workers" => cfg.workers = parse_count(&value()?, "--workers", 1)?,
            "--queue" => {
                cfg.queue = parse_count(&value()?, "--queue", 0)?;
                queue_given = true;
            }
            "--timeout" => {
                cfg.timeout = Duration::from_secs(parse_count(&value()?, "--timeout", 1)? as u64);
            }
            "--lang" => {
                cfg.lang = value()?.parse::<Lang>().map_err(|e| format!("--lang: {e}"))?;
            }
            other => return Err(format!("unknown option `{other}`; see --help")),
        }
    }
    if !queue_given {
        cfg.queue = cfg.workers.saturating_mul(4);
    }
    Ok(Command::Serve(cfg))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serve(args: &[&str]) -> Config {
        match parse(args.iter().map(|s| s.to_string())).unwrap() {
            Command::Serve(c) => c,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn defaults_are_loopback_and_64_mib() {
        let c = serve(&[]);
        assert_eq!(c.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(c.max_body, 64 * 1024 * 1024);
        assert!(c.token.is_none());
        assert_eq!(c.queue, 4 * c.workers);
    }

    #[test]
    fn options() {
        let c = serve(&[
            "--bind",
            "127.0.0.1:0",
            "--token=abc",
            "--max-body",
            "2KiB",
            "--workers",
            "3",
            "--lang",
            "en",
        ]);
        assert_eq!(c.bind.port(), 0);
        assert_eq!(c.token.as_deref(), Some("abc"));
        assert_eq!(c.max_body, 2048);
        assert_eq!((c.workers, c.queue), (3, 12));
        assert_eq!(c.lang, Lang::En);
        assert_eq!(serve(&["--queue", "0"]).queue, 0);
    }

    #[test]
    fn bad_options_say_why() {
        let err = |a: &[&str]| parse(a.iter().map(|s| s.to_string())).unwrap_err();
        assert!(err(&["--max-body", "12XB"]).contains("size unit"));
        assert!(err(&["--workers", "0"]).contains("at least 1"));
        assert!(err(&["--lang", "fr"]).contains("--lang"));
        assert!(err(&["--frobnicate"]).contains("unknown option"));
        assert!(err(&["--bind"]).contains("needs a value"));
        assert!(err(&["--token-file", "/nonexistent/token"]).contains("cannot read"));
        assert_eq!(parse_size("1MiB").unwrap(), 1 << 20);
        assert_eq!(parse_size("1000").unwrap(), 1000);
        assert!(parse_size("0").is_err());
    }
}
