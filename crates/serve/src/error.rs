//! Errors of the server: those that stop it from starting ([`ServeError`]) and those a
//! request gets back as JSON with a status ([`ApiError`]).

use std::net::SocketAddr;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// Binding beyond loopback without a token would open writes to the network.
    #[error("refusing to listen on {0} without a token: set --token (or CROSSCHECK_TOKEN) to bind beyond loopback")]
    TokenRequired(SocketAddr),
    /// A CORS origin that is not a valid header value.
    #[error("invalid CORS origin {0:?}")]
    BadOrigin(String),
    /// The address could not be bound, or serving failed.
    #[error("{addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        source: std::io::Error,
    },
    /// The store could not be opened.
    #[error(transparent)]
    Store(#[from] crosscheck_store::StoreError),
    /// The grouping state could not be loaded (the message names the store).
    #[error("{0}")]
    Pipeline(String),
}

/// An error answered to a request: a status and a JSON body `{"error": {"status", "message"}}`.
#[derive(Debug)]
pub struct ApiError {
    /// The status.
    pub status: StatusCode,
    /// What went wrong, naming the input.
    pub message: String,
}

impl ApiError {
    /// 404 with a message.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    /// 400 with a message.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    /// 500 with a message.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }

    /// Any status.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
        }
    }
}

impl From<crosscheck_store::StoreError> for ApiError {
    fn from(e: crosscheck_store::StoreError) -> Self {
        ApiError::internal(e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({"error": {"status": self.status.as_u16(), "message": self.message}});
        (self.status, Json(body)).into_response()
    }
}
