//! Request bodies: the JSON media-type check (415), the size limit (413) for JSON and raw
//! bodies, and parsing with a nesting limit, located syntax errors (line, column) and located shape errors (JSON path).
//!
//! The extractor only collects the bytes; parsing is CPU work and runs in the worker pool
//! ([`crate::pool::CpuPool`]) through [`parse`].

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use serde::de::DeserializeOwned;

use crate::problem::{Kind, Problem};
use crate::state::AppState;

/// The raw body of a JSON request, checked for media type and size.
#[derive(Debug, Clone)]
pub struct JsonBytes(pub Bytes);

pub(crate) fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
}

impl FromRequest<AppState> for JsonBytes {
    type Rejection = Problem;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Problem> {
        let ct = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        if !is_json(ct) {
            let shown = if ct.is_empty() { "none".to_string() } else { format!("`{ct}`") };
            return Err(Problem::new(
                Kind::UnsupportedMediaType,
                format!(
                    "content type {shown} is not accepted here; send the body as `Content-Type: application/json`"
                ),
            ));
        }
        limited(req, state).await.map(JsonBytes)
    }
}

/// The body's bytes, refused with 413 past `--max-body` (by its `Content-Length` at once).
pub async fn limited(req: Request, state: &AppState) -> Result<Bytes, Problem> {
    let limit = state.config.max_body;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large(limit));
    }
    match Bytes::from_request(req, state).await {
        Ok(b) => Ok(b),
        Err(r) if r.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => Err(too_large(limit)),
        Err(r) => Err(Problem::new(Kind::Other(r.status()), r.body_text())),
    }
}

fn too_large(limit: usize) -> Problem {
    Problem::new(
        Kind::TooLarge,
        format!(
            "the body is larger than this server's limit of {limit} bytes (option --max-body); send fewer plans or rows per request"
        ),
    )
}

/// Line and column (1-based) of byte offset `at` in `text`.
fn line_col(text: &[u8], at: usize) -> (usize, usize) {
    let before = text.get(..at).unwrap_or(text);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    (line, col)
}

/// Checks that arrays and objects nest at most `max` levels deep (strings are skipped), so a
/// hostile body cannot exhaust the parser's stack. Returns the byte offset of the first
/// bracket past the limit.
fn too_deep(text: &[u8], max: usize) -> Option<usize> {
    let (mut depth, mut in_str, mut escaped) = (0usize, false, false);
    for (i, &b) in text.iter().enumerate() {
        if in_str {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_str = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > max {
                    return Some(i);
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// [`parse`] for a body of inputs (a plan, a ruleset): first, every number must be read
/// exactly ([`kinerja_core::document_numbers`]); one that a float would change is a 400 `invalid-body`
/// problem with its `line` and `column`. (JSON rows for `/v1/score` keep each number's text
/// and use [`parse`].)
pub fn parse_exact<T: DeserializeOwned>(text: &[u8], max_depth: usize) -> Result<T, Problem> {
    // a request is one object: an array is not read as the object's members in order (serde
    // would, and then name a member `[0]`)
    if text.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
        let msg =
            "the body is a JSON array; send one JSON object ({...}) with the members this path describes";
        return Err(Problem::new(Kind::InvalidBody, msg));
    }
    if let Ok(s) = std::str::from_utf8(text) {
        if let Err(e) = kinerja_core::document_numbers::json(s) {
            let mut p = Problem::new(Kind::InvalidBody, e.reason());
            (p.line, p.column) = (Some(e.line), Some(e.column));
            return Err(p);
        }
    }
    parse(text, max_depth)
}

/// Parses a JSON body into `T`: nesting limited to `max_depth`; a syntax error is a 400
/// `malformed-json` problem with `line` and `column`; a value of the wrong shape (unknown
/// field, wrong type, bad enum value) is a 400 `invalid-body` problem naming the JSON path in
/// `field`, with `line` and `column`.
pub fn parse<T: DeserializeOwned>(text: &[u8], max_depth: usize) -> Result<T, Problem> {
    if let Some(at) = too_deep(text, max_depth) {
        let (line, column) = line_col(text, at);
        let mut p = Problem::new(
            Kind::TooDeep,
            format!(
                "arrays and objects nest more than {max_depth} levels deep at line {line}, column {column}"
            ),
        );
        p.line = Some(line);
        p.column = Some(column);
        return Err(p);
    }
    let mut de = serde_json::Deserializer::from_slice(text);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        json_problem(e.into_inner(), Some(path))
    })?;
    de.end().map_err(|e| json_problem(e, None))?;
    Ok(value)
}

fn json_problem(inner: serde_json::Error, path: Option<String>) -> Problem {
    let (line, column) = (inner.line(), inner.column());
    let mut p = match (inner.classify(), path) {
        (serde_json::error::Category::Data, Some(path)) => {
            let mut p = Problem::new(Kind::InvalidBody, format!("{path}: {inner}"));
            if path != "." {
                p.field = Some(path);
            }
            p
        }
        _ => Problem::new(Kind::MalformedJson, format!("malformed JSON: {inner}")),
    };
    if line > 0 {
        p.line = Some(line);
        p.column = Some(column);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Req {
        name: String,
        items: Vec<u8>,
    }

    #[test]
    fn syntax_errors_are_located() {
        let p = parse::<Req>(b"{\n  \"name\": \"x\",\n  \"items\": [1,, 2]\n}", 8).unwrap_err();
        assert_eq!(p.status, 400);
        assert_eq!(p.kind, "urn:kinerja:problem:malformed-json");
        assert_eq!((p.line, p.column), (Some(3), Some(15)));
    }

    /// An array for a request object is refused as such (serde would read it as the members
    /// in order and name the first element as a wrong member).
    #[test]
    fn an_array_is_no_request() {
        let p = parse_exact::<Req>(b" \n[\"x\", [1]]", 8).unwrap_err();
        assert_eq!((p.status, p.kind.as_str()), (400, "urn:kinerja:problem:invalid-body"));
        assert!(p.detail.starts_with("the body is a JSON array"), "{}", p.detail);
        assert!(parse_exact::<Req>(br#"{"name": "x", "items": [1]}"#, 8).is_ok());
    }

    #[test]
    fn shape_errors_name_the_path() {
        let p = parse::<Req>(br#"{"name": "x", "items": [1, 300]}"#, 8).unwrap_err();
        assert_eq!(p.kind, "urn:kinerja:problem:invalid-body");
        assert_eq!(p.field.as_deref(), Some("items[1]"));
        assert_eq!(p.line, Some(1));
    }

    #[test]
    fn trailing_data_is_malformed() {
        let p = parse::<Req>(br#"{"name": "x", "items": []} x"#, 8).unwrap_err();
        assert_eq!(p.kind, "urn:kinerja:problem:malformed-json");
    }

    #[test]
    fn nesting_is_limited_but_brackets_in_strings_do_not_count() {
        assert!(too_deep(b"[[[]]]", 3).is_none());
        assert_eq!(too_deep(b"[[[[]]]]", 3), Some(3));
        assert!(too_deep(br#"["[[[[\"[[[["]"#, 1).is_none());
        let p = parse::<serde_json::Value>(b"\n[[[[1]]]]", 2).unwrap_err();
        assert_eq!(p.kind, "urn:kinerja:problem:json-too-deep");
        assert_eq!((p.line, p.column), (Some(2), Some(3)));
    }

    #[test]
    fn media_types() {
        assert!(is_json("application/json"));
        assert!(is_json("application/json; charset=utf-8"));
        assert!(is_json("application/problem+json"));
        assert!(!is_json("text/csv"));
        assert!(!is_json(""));
    }
}
