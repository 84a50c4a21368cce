//! Write authorisation: a bearer token compared in constant time.

use axum::http::{HeaderMap, header};
use subtle::ConstantTimeEq;

use super::{AppError, HttpConfig};

/// Lets a write through when the service takes open writes or the request carries the
/// configured bearer token.
pub fn authorize_write(config: &HttpConfig, headers: &HeaderMap) -> Result<(), AppError> {
    if config.open_writes {
        return Ok(());
    }
    let Some(expected) = &config.token else {
        return Err(AppError::Unauthorized(
            "this service is read-only: it was started without a write token".to_owned(),
        ));
    };
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| {
            let (scheme, token) = value.split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
        });
    match presented {
        Some(token) if bool::from(token.as_bytes().ct_eq(expected.as_bytes())) => Ok(()),
        Some(_) => Err(AppError::Unauthorized(
            "the bearer token is not valid".to_owned(),
        )),
        None => Err(AppError::Unauthorized(
            "writes need an Authorization: Bearer <token> header".to_owned(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn config(token: Option<&str>, open_writes: bool) -> HttpConfig {
        HttpConfig {
            token: token.map(str::to_owned),
            open_writes,
            ..HttpConfig::default()
        }
    }

    fn bearer(token: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(&format!("Bearer {token}")).expect("valid header"),
        );
        headers
    }

    #[test]
    fn the_right_token_is_let_through_and_others_are_not() {
        let config = config(Some("s3cret"), false);
        assert!(authorize_write(&config, &bearer("s3cret")).is_ok());
        assert!(authorize_write(&config, &bearer("s3cre")).is_err());
        assert!(authorize_write(&config, &bearer("s3cret-and-more")).is_err());
        assert!(authorize_write(&config, &HeaderMap::new()).is_err());
    }

    #[test]
    fn without_a_token_the_service_is_read_only_unless_opened() {
        assert!(authorize_write(&config(None, false), &bearer("anything")).is_err());
        assert!(authorize_write(&config(None, true), &HeaderMap::new()).is_ok());
    }
}
