//! The server's settings (from the command line, see [`crate::cli`]).

use std::net::SocketAddr;
use std::time::Duration;

use kinerja_core::explain::Lang;

/// 64 MiB, the default body limit.
pub const DEFAULT_MAX_BODY: usize = 64 * 1024 * 1024;

/// Everything the server can be told.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on; loopback unless told otherwise.
    pub bind: SocketAddr,
    /// Bearer token every `/v1/` call must carry, when set.
    pub token: Option<String>,
    /// Largest accepted request body in bytes.
    pub max_body: usize,
    /// CPU-bound requests computed at once.
    pub workers: usize,
    /// CPU-bound requests that may wait for a worker; more are refused with 503.
    pub queue: usize,
    /// Time limit of one request (408 past it).
    pub timeout: Duration,
    /// Deepest nesting of arrays and objects accepted in a JSON body.
    pub max_depth: usize,
    /// Language of explanations when a request names none, and first language of the page.
    pub lang: Lang,
}

impl Default for Config {
    fn default() -> Self {
        let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        Config {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            token: None,
            max_body: DEFAULT_MAX_BODY,
            workers,
            queue: 4 * workers,
            timeout: Duration::from_secs(60),
            max_depth: 64,
            lang: Lang::Id,
        }
    }
}
