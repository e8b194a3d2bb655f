//! The web page at `/` and the API page at `/docs`: self-contained HTML, CSS and JavaScript
//! embedded in the binary (no CDN; these servers are often offline).

use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse};
use kinerja_core::explain::Lang;

use crate::meta::lang_code;
use crate::state::AppState;

const INDEX: &str = include_str!("../web/index.html");
const DOCS: &str = include_str!("../web/docs.html");

/// The web page with the server's default language filled in.
pub fn index_html(lang: Lang) -> String {
    INDEX.replace("{{DEFAULT_LANG}}", lang_code(lang))
}

/// `GET /`: the web page for HR staff.
pub async fn index(State(st): State<AppState>) -> Html<String> {
    Html(st.index_html.to_string())
}

/// `GET /docs`: the API page, rendered in the browser from `/openapi.json`.
pub async fn docs() -> Html<&'static str> {
    Html(DOCS)
}

/// `GET /openapi.json`: the OpenAPI 3.1 document.
pub async fn openapi(State(st): State<AppState>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], axum::Json(st.openapi.as_ref().clone()))
}
