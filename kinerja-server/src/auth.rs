//! Bearer-token check of every `/v1/` call (when the server has a token).

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use subtle::ConstantTimeEq;

use crate::problem::{Kind, Problem};
use crate::state::AppState;

/// True when `presented` equals `expected`, compared in constant time for equal lengths.
pub fn token_matches(presented: &[u8], expected: &[u8]) -> bool {
    presented.ct_eq(expected).into()
}

/// Lets the request through when no token is configured or `Authorization: Bearer <token>`
/// carries it; otherwise 401 with `WWW-Authenticate: Bearer`.
pub async fn require_token(
    State(st): State<AppState>,
    req: Request,
    next: Next,
) -> Result<Response, Problem> {
    let Some(expected) = st.config.token.as_deref() else {
        return Ok(next.run(req).await);
    };
    let presented =
        req.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(bearer_token);
    match presented {
        Some(t) if token_matches(t.as_bytes(), expected.as_bytes()) => Ok(next.run(req).await),
        Some(_) => Err(Problem::new(Kind::Unauthorized, "the bearer token is not the server's token")),
        None => Err(Problem::new(
            Kind::Unauthorized,
            "this server requires a token: send `Authorization: Bearer <token>`",
        )),
    }
}

/// The token of an `Authorization` value of the Bearer scheme, whose name is case-insensitive
/// (RFC 9110 §11.1): `Bearer t`, `bearer t`, `BEARER t`.
fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim_start().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

#[cfg(test)]
mod tests {
    use super::{bearer_token, token_matches};

    #[test]
    fn the_scheme_name_is_case_insensitive() {
        for v in ["Bearer t1", "bearer t1", "BEARER t1", "BeArEr   t1 "] {
            assert_eq!(bearer_token(v), Some("t1"), "{v}");
        }
        assert_eq!(bearer_token("Basic t1"), None);
        assert_eq!(bearer_token("Bearert1"), None);
    }

    #[test]
    fn tokens() {
        assert!(token_matches(b"s3cret", b"s3cret"));
        assert!(!token_matches(b"s3cres", b"s3cret"));
        assert!(!token_matches(b"s3cre", b"s3cret"));
        assert!(!token_matches(b"", b"s3cret"));
    }
}
