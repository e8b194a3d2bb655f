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
    let presented = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim);
    match presented {
        Some(t) if token_matches(t.as_bytes(), expected.as_bytes()) => Ok(next.run(req).await),
        Some(_) => Err(Problem::new(Kind::Unauthorized, "the bearer token is not the server's token")),
        None => Err(Problem::new(
            Kind::Unauthorized,
            "this server requires a token: send `Authorization: Bearer <token>`",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::token_matches;

    #[test]
    fn tokens() {
        assert!(token_matches(b"s3cret", b"s3cret"));
        assert!(!token_matches(b"s3cres", b"s3cret"));
        assert!(!token_matches(b"s3cre", b"s3cret"));
        assert!(!token_matches(b"", b"s3cret"));
    }
}
