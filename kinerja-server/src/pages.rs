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

#[cfg(test)]
mod tests {
    use super::*;

    /// The option the page's `number-format` select starts on: the one marked `selected`, else
    /// the first (as a browser picks it).
    fn preselected_number_format(html: &str) -> &str {
        let start = html.find(r#"<select id="number-format">"#).expect("the select");
        let select = &html[start..start + html[start..].find("</select>").expect("its end")];
        let options: Vec<&str> = select.split("<option ").skip(1).collect();
        let chosen = options.iter().find(|o| o.contains(" selected")).unwrap_or(&options[0]);
        let value = chosen.strip_prefix("value=\"").expect("value first");
        &value[..value.find('"').expect("quoted")]
    }

    #[test]
    fn the_page_starts_on_the_apis_default_number_format() {
        let api_default = kinerja_table::numbers::NumberFormat::default().as_str();
        assert_eq!(api_default, "auto");
        assert_eq!(preselected_number_format(INDEX), api_default);
    }
}
