//! Shared state of the handlers.

use std::sync::Arc;

use crate::config::Config;
use crate::pool::CpuPool;

/// What every handler can reach: the settings, the CPU pool and the pages built at start.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The settings.
    pub config: Arc<Config>,
    /// The bounded CPU pool.
    pub pool: CpuPool,
    /// The OpenAPI document, built once.
    pub openapi: Arc<serde_json::Value>,
    /// The web page with the default language filled in.
    pub index_html: Arc<str>,
}

impl AppState {
    /// Builds the state for `config`.
    pub fn new(config: Config) -> Self {
        let pool = CpuPool::new(config.workers, config.queue);
        let openapi = Arc::new(crate::openapi::document());
        let index_html = crate::pages::index_html(config.lang).into();
        AppState { config: Arc::new(config), pool, openapi, index_html }
    }
}
