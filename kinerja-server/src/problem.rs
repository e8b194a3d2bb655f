//! RFC 9457 problem details (`application/problem+json`): every error the server answers.
//!
//! Each problem has a stable `type` (`urn:kinerja:problem:<slug>`), a `title` fixed per type,
//! the HTTP `status`, a `detail` saying what is wrong and how to fix it, and the location
//! fields a core [`kinerja_core::Error`] carries (`row`, `unit`, `employee`, `indicator`,
//! `period`, `field`), or `line` and `column` for malformed JSON.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kinerja_core::Error;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The media type of problem responses.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// The kinds of problem, each with a stable type URI, a title and a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The body is not well-formed JSON (400).
    MalformedJson,
    /// The JSON nests deeper than the server accepts (400).
    TooDeep,
    /// The JSON is well-formed but does not have the expected shape (400).
    InvalidBody,
    /// The body is not a readable file of its format (400).
    UnreadableFile,
    /// The query string has an unknown or repeated parameter (400).
    InvalidQuery,
    /// A core error of the given family (422).
    Core(kinerja_core::ErrorFamily),
    /// No or a wrong bearer token (401).
    Unauthorized,
    /// No such resource (404).
    NotFound,
    /// The method is not allowed here (405).
    MethodNotAllowed,
    /// The request took longer than the server's time limit (408).
    Timeout,
    /// The body is larger than the server's limit (413).
    TooLarge,
    /// The body's media type is not accepted (415).
    UnsupportedMediaType,
    /// No media type of `Accept` can be answered (406).
    NotAcceptable,
    /// The feature is not built into this server (501).
    NotImplemented,
    /// Every worker is busy and the queue is full (503).
    Overloaded,
    /// Any other status without a more specific problem.
    Other(StatusCode),
    /// A fault of the server itself (500).
    Internal,
}

impl Kind {
    /// The slug of the type URI.
    pub fn slug(self) -> &'static str {
        match self {
            Kind::MalformedJson => "malformed-json",
            Kind::TooDeep => "json-too-deep",
            Kind::InvalidBody => "invalid-body",
            Kind::UnreadableFile => "unreadable-file",
            Kind::InvalidQuery => "invalid-query",
            Kind::Core(f) => f.as_str(),
            Kind::Unauthorized => "unauthorized",
            Kind::NotFound => "not-found",
            Kind::MethodNotAllowed => "method-not-allowed",
            Kind::Timeout => "timeout",
            Kind::TooLarge => "body-too-large",
            Kind::UnsupportedMediaType => "unsupported-media-type",
            Kind::NotAcceptable => "not-acceptable",
            Kind::NotImplemented => "not-implemented",
            Kind::Overloaded => "overloaded",
            Kind::Other(_) => "http",
            Kind::Internal => "internal",
        }
    }

    /// The HTTP status.
    pub fn status(self) -> StatusCode {
        match self {
            Kind::MalformedJson
            | Kind::TooDeep
            | Kind::InvalidBody
            | Kind::UnreadableFile
            | Kind::InvalidQuery => StatusCode::BAD_REQUEST,
            Kind::Core(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Kind::Unauthorized => StatusCode::UNAUTHORIZED,
            Kind::NotFound => StatusCode::NOT_FOUND,
            Kind::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Kind::Timeout => StatusCode::REQUEST_TIMEOUT,
            Kind::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Kind::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Kind::NotAcceptable => StatusCode::NOT_ACCEPTABLE,
            Kind::NotImplemented => StatusCode::NOT_IMPLEMENTED,
            Kind::Overloaded => StatusCode::SERVICE_UNAVAILABLE,
            Kind::Other(s) => s,
            Kind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The title, the same for every problem of this type.
    pub fn title(self) -> &'static str {
        use kinerja_core::ErrorFamily as F;
        match self {
            Kind::MalformedJson => "Malformed JSON",
            Kind::TooDeep => "JSON nested too deeply",
            Kind::InvalidBody => "Request body does not have the expected shape",
            Kind::UnreadableFile => "File cannot be read",
            Kind::InvalidQuery => "Query string does not have the expected shape",
            Kind::Core(F::Period) => "Invalid period",
            Kind::Core(F::Indicator) => "Indicator cannot be scored",
            Kind::Core(F::Rating) => "Rating or predicate cannot be determined",
            Kind::Core(F::Policy) => "Invalid ruleset or policy",
            Kind::Core(F::Organisation) => "Organisation structure problem",
            Kind::Core(F::Instrument) => "Instrument input problem",
            Kind::Core(F::Arithmetic) => "Arithmetic overflow",
            Kind::Core(_) => "Invalid input",
            Kind::Unauthorized => "Bearer token required",
            Kind::NotFound => "Not found",
            Kind::MethodNotAllowed => "Method not allowed",
            Kind::Timeout => "Request timed out",
            Kind::TooLarge => "Request body too large",
            Kind::UnsupportedMediaType => "Unsupported media type",
            Kind::NotAcceptable => "Not acceptable",
            Kind::NotImplemented => "Not implemented",
            Kind::Overloaded => "Server busy",
            Kind::Other(s) => s.canonical_reason().unwrap_or("HTTP error"),
            Kind::Internal => "Internal server error",
        }
    }
}

/// A problem detail (RFC 9457) with kinerja's location members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "type": "urn:kinerja:problem:indicator",
    "title": "Indicator cannot be scored",
    "status": 422,
    "detail": "employee `199001012015031001`, indicator `a`: target: target -5 is negative",
    "family": "indicator",
    "field": "target",
    "employee": "199001012015031001",
    "indicator": "a"
}))]
pub struct Problem {
    /// Stable problem type: `urn:kinerja:problem:<slug>`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Short summary, the same for every problem of the type.
    pub title: String,
    /// HTTP status code.
    pub status: u16,
    /// What is wrong here and how to fix it.
    pub detail: String,
    /// The same in Bahasa Indonesia (location, frame and reason), from kinerja's one message
    /// catalogue; a reason it does not hold (e.g. a JSON parser's) stays English, marked so.
    pub detail_id: String,
    /// The core error family (`input`, `period`, `indicator`, `rating`, `policy`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// The offending field (a JSON path such as `plan.results[0].indicators[1].target`, or the
    /// core's field name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Row, if any: the 0-based item of a list in a JSON request (`plans`, `predicates`, the
    /// rows of a table sent as JSON), or the 1-based data row of a file sent to `/v1/score`
    /// (header excluded; in a CSV file, blank lines count), as `kj.score` reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u64>,
    /// The table of a `/v1/score` request the problem is in (`indicators`, `employees`,
    /// `units`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// Organisation unit id, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Employee id (NIP), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employee: Option<String>,
    /// Indicator id, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// Period, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Line (1-based) of the body where malformed JSON was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Column (1-based) of the body where malformed JSON was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// Seconds after which a retry may succeed (also sent as the `Retry-After` header).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

impl Problem {
    /// A problem of `kind` with `detail`.
    pub fn new(kind: Kind, detail: impl Into<String>) -> Self {
        let detail = detail.into();
        Problem {
            kind: format!("urn:kinerja:problem:{}", kind.slug()),
            title: kind.title().to_string(),
            status: kind.status().as_u16(),
            detail_id: kinerja_core::error::translate(&detail, kinerja_core::lang::Lang::Id),
            detail,
            family: None,
            field: None,
            row: None,
            table: None,
            unit: None,
            employee: None,
            indicator: None,
            period: None,
            line: None,
            column: None,
            retry_after: None,
        }
    }

    /// The problem for a bare HTTP status (used for responses that carry no problem yet).
    pub fn from_status(status: StatusCode) -> Self {
        let kind = match status {
            StatusCode::UNAUTHORIZED => Kind::Unauthorized,
            StatusCode::NOT_FOUND => Kind::NotFound,
            StatusCode::METHOD_NOT_ALLOWED => Kind::MethodNotAllowed,
            StatusCode::REQUEST_TIMEOUT => Kind::Timeout,
            StatusCode::PAYLOAD_TOO_LARGE => Kind::TooLarge,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => Kind::UnsupportedMediaType,
            StatusCode::NOT_ACCEPTABLE => Kind::NotAcceptable,
            StatusCode::SERVICE_UNAVAILABLE => Kind::Overloaded,
            StatusCode::INTERNAL_SERVER_ERROR => Kind::Internal,
            other => Kind::Other(other),
        };
        let detail = match kind {
            Kind::Timeout => {
                "the request took longer than the server's time limit; retry, or send less work per request"
            }
            Kind::MethodNotAllowed => {
                "this method is not allowed on this path; see the Allow header and GET /docs"
            }
            Kind::NotFound => "no such path; the API is described at GET /docs and GET /openapi.json",
            _ => kind.title(),
        };
        Problem::new(kind, detail)
    }

    /// Sets the field when none is set yet.
    pub fn or_field(mut self, field: impl Into<String>) -> Self {
        if self.field.is_none() {
            self.field = Some(field.into());
        }
        self
    }

    /// Prefixes the field with the request member it came from (`a.policy.rating` for ruleset
    /// `a` of a comparison), or sets it to `member` when there is none.
    pub fn under(mut self, member: &str) -> Self {
        self.field = Some(match self.field.take() {
            Some(f) if !f.is_empty() => format!("{member}.{f}"),
            _ => member.to_string(),
        });
        self
    }

    /// The HTTP status as a [`StatusCode`].
    pub fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl From<Error> for Problem {
    fn from(e: Error) -> Self {
        let family = e.family();
        let mut p = Problem::new(Kind::Core(family), e.to_string());
        p.detail_id = e.message(kinerja_core::lang::Lang::Id);
        p.family = Some(family.as_str().to_string());
        p.field = e.field().map(str::to_string);
        if let Some(at) = e.location() {
            p.row = at.row;
            p.unit.clone_from(&at.unit);
            p.employee.clone_from(&at.employee);
            p.indicator.clone_from(&at.indicator);
            p.period.clone_from(&at.period);
        }
        match &e {
            Error::Period { input, .. } => p.period = Some(input.clone()),
            // The duplicate or unknown id is the location when it names an employee, an
            // indicator or a unit.
            Error::Duplicate { kind, id, .. } | Error::Unknown { kind, id, .. } => {
                let slot = match kind.as_str() {
                    "employee" => Some(&mut p.employee),
                    "indicator" => Some(&mut p.indicator),
                    "unit" => Some(&mut p.unit),
                    _ => None,
                };
                if let Some(slot) = slot.filter(|s| s.is_none()) {
                    *slot = Some(id.clone());
                }
            }
            _ => {}
        }
        p
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = self.status_code();
        let body = serde_json::to_vec(&self).unwrap_or_else(|_| b"{}".to_vec());
        let mut res = (status, body).into_response();
        let h = res.headers_mut();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        if let Some(s) = self.retry_after {
            h.insert(header::RETRY_AFTER, HeaderValue::from(s));
        }
        if status == StatusCode::UNAUTHORIZED {
            h.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"kinerja\""));
        }
        res
    }
}

/// Turns any error response that is not yet a problem (a 405 of the router, the 408 of the
/// timeout layer) into one, keeping its headers.
pub async fn problemify(res: Response) -> Response {
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(PROBLEM_JSON));
    if is_problem {
        return res;
    }
    let (parts, _) = res.into_parts();
    let mut out = Problem::from_status(status).into_response();
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut().insert(name.clone(), value.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use kinerja_core::Location;

    #[test]
    fn core_error_keeps_its_location() {
        let e = Error::Indicator {
            at: Location::employee("e1").with_indicator("a").with_row(3),
            field: "target".into(),
            reason: "target -5 is negative".into(),
        };
        let p = Problem::from(e);
        assert_eq!(p.status, 422);
        assert_eq!(p.kind, "urn:kinerja:problem:indicator");
        assert_eq!(p.employee.as_deref(), Some("e1"));
        assert_eq!(p.indicator.as_deref(), Some("a"));
        assert_eq!(p.row, Some(3));
        assert_eq!(p.field.as_deref(), Some("target"));
        assert_eq!(p.clone().under("plans").field.as_deref(), Some("plans.target"));
        assert_eq!(p.detail_id, "baris 3, pegawai `e1`, indikator `a`: `target`: target -5 negatif");
        let d = Problem::from(Error::Duplicate {
            at: Location::row(1),
            kind: "employee".into(),
            id: "e9".into(),
        });
        assert_eq!((d.row, d.employee.as_deref(), d.status), (Some(1), Some("e9"), 422));
    }

    #[test]
    fn every_problem_has_its_detail_in_indonesian() {
        let p = Problem::from_status(StatusCode::NOT_FOUND);
        assert!(p.detail.starts_with("no such path"), "{}", p.detail);
        assert_eq!(p.detail_id, "jalur tidak ada; API diuraikan di GET /docs dan GET /openapi.json");
        let j = serde_json::to_value(&p).unwrap();
        assert_eq!(j["detail_id"], serde_json::Value::String(p.detail_id.clone()));
    }

    #[test]
    fn bare_statuses_get_a_type() {
        assert_eq!(Problem::from_status(StatusCode::REQUEST_TIMEOUT).kind, "urn:kinerja:problem:timeout");
        assert_eq!(Problem::from_status(StatusCode::IM_A_TEAPOT).kind, "urn:kinerja:problem:http");
    }
}
