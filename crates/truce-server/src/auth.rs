//! Logins, sessions and the checks every request passes.
//!
//! - A login sets the session cookie (`truce_session`: a random 256-bit
//!   token, `HttpOnly; SameSite=Strict; Path=/`); the store keeps only its
//!   SHA-256. Every `/api` resource but login and the OpenAPI document needs
//!   a valid session (`401 unauthorized`).
//! - Writes are checked against CSRF twice: the `X-CSRF-Token` header must
//!   equal the session's token (the UI has it from the login answer, a page
//!   of another site cannot read it), and a browser's `Origin` (or
//!   `Sec-Fetch-Site`) must be this server's (`403 csrf_failed`).
//! - Roles: viewers read, analysts also review, admins also manage users
//!   (`403 forbidden`).

use axum::extract::{FromRequestParts, State};
use axum::http::header::{COOKIE, HOST, ORIGIN, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{Duration, Utc};
use sha2::{Digest, Sha256};
use truce_store::{NewSession, StoreError, User, UserRole};

use crate::api::{ApiJson, json_response};
use crate::dto::{LoginRequest, NewUserOut, NewUserRequest, SessionOut, UserOut};
use crate::error::{ApiError, ErrorBody, ErrorCode};
use crate::state::AppState;
use crate::users::{self, UserError};

pub const SESSION_COOKIE: &str = "truce_session";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// A hash of a random password, verified when the user does not exist so
/// that a wrong name takes as long as a wrong password.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| {
        let password = users::generate_password().unwrap_or_else(|_| "truce-dummy-password".to_owned());
        users::hash_password(&password).unwrap_or_default()
    })
}

/// The user of a request with a valid session.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: User,
    pub csrf_token: String,
    pub token_hash: String,
    pub expires_at: String,
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let unauthorized = || ApiError::new(ErrorCode::Unauthorized, "log in first");
        let token = session_token(&parts.headers).ok_or_else(unauthorized)?;
        let token_hash = sha256_hex(&token);
        let key = token_hash.clone();
        let session = state.store(move |s| s.session(&key)).await?.ok_or_else(unauthorized)?;
        if session.expires_at <= now_rfc3339() {
            return Err(ApiError::new(ErrorCode::Unauthorized, "the session has expired; log in again"));
        }
        Ok(CurrentUser {
            user: session.user,
            csrf_token: session.csrf_token,
            token_hash,
            expires_at: session.expires_at,
        })
    }
}

impl CurrentUser {
    /// Refuses a write without this session's CSRF token or from another
    /// origin, and one the user's role does not allow.
    pub fn check_write(&self, headers: &HeaderMap, needs: UserRole) -> Result<(), ApiError> {
        check_origin(headers)?;
        let sent = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
        if !constant_time_eq(sent.as_bytes(), self.csrf_token.as_bytes()) {
            return Err(ApiError::new(ErrorCode::CsrfFailed, format!("missing or wrong {CSRF_HEADER} header")));
        }
        if self.user.role < needs {
            return Err(ApiError::new(
                ErrorCode::Forbidden,
                format!("a {} may not do this; it needs the {} role", self.user.role, needs),
            ));
        }
        Ok(())
    }
}

/// A request a browser sent from another site is refused: its `Origin` must
/// name this host, and `Sec-Fetch-Site`, when sent, must say same-origin.
pub fn check_origin(headers: &HeaderMap) -> Result<(), ApiError> {
    let refuse = |why: String| Err(ApiError::new(ErrorCode::CsrfFailed, why));
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return refuse(format!("cross-site request refused (Sec-Fetch-Site: {site})"));
    }
    if let Some(origin) = headers.get(ORIGIN) {
        let origin = origin.to_str().unwrap_or("");
        let host = headers.get(HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
        let same = origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")) == Some(host);
        if host.is_empty() || !same {
            return refuse(format!("request from origin {origin:?} refused"));
        }
    }
    Ok(())
}

fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_owned())
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

pub(crate) fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn now_rfc3339() -> String {
    Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn cookie(state: &AppState, value: &str, max_age: i64) -> HeaderValue {
    let secure = if state.inner.options.secure_cookies { "; Secure" } else { "" };
    let text = format!("{SESSION_COOKIE}={value}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age}{secure}");
    // Only hex, digits and fixed ASCII: always a valid header value.
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("truce_session=; Max-Age=0"))
}

fn user_error(e: UserError) -> ApiError {
    match e {
        UserError::Store(e) => ApiError::from(e),
        UserError::InvalidName(_) | UserError::InvalidPassword => ApiError::invalid(e.to_string()),
        other => ApiError::internal(other.to_string()),
    }
}

/// Log in: sets the session cookie and returns the CSRF token.
#[utoipa::path(post, path = "/api/login", tag = "accounts", request_body = LoginRequest,
    responses((status = 200, body = SessionOut), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<Response, ApiError> {
    check_origin(&headers)?;
    let name = req.name.clone();
    let found = state.store(move |s| s.user(&name)).await?;
    let (hash, user) = match found {
        Some(c) => (Some(c.password_hash), Some(c.user)),
        None => (None, None),
    };
    let password = req.password;
    let ok = tokio::task::spawn_blocking(move || {
        users::verify_password(hash.as_deref().unwrap_or_else(|| dummy_hash()), &password)
    })
    .await
    .map_err(|e| ApiError::internal(e.to_string()))?;
    let user = match user {
        Some(user) if ok => user,
        _ => return Err(ApiError::new(ErrorCode::Unauthorized, "wrong user name or password")),
    };
    let token = users::random_hex(32).map_err(user_error)?;
    let csrf_token = users::random_hex(32).map_err(user_error)?;
    let hours = state.inner.options.session_hours;
    let expires_at = (Utc::now() + Duration::hours(hours)).format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let session = NewSession {
        token_hash: sha256_hex(&token),
        user_id: user.user_id,
        csrf_token: csrf_token.clone(),
        expires_at: expires_at.clone(),
    };
    state.store(move |s| s.create_session(&session)).await?;
    let mut response = json_response(&SessionOut { user: UserOut::from(&user), csrf_token, expires_at });
    response.headers_mut().insert(SET_COOKIE, cookie(&state, &token, hours * 3600));
    Ok(response)
}

/// Log out: ends the session and clears the cookie.
#[utoipa::path(post, path = "/api/logout", tag = "accounts",
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn logout(State(state): State<AppState>, me: CurrentUser, headers: HeaderMap) -> Result<Response, ApiError> {
    me.check_write(&headers, UserRole::Viewer)?;
    let key = me.token_hash.clone();
    state.store(move |s| s.delete_session(&key)).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().insert(SET_COOKIE, cookie(&state, "", 0));
    Ok(response)
}

/// The logged-in user and the session's CSRF token.
#[utoipa::path(get, path = "/api/me", tag = "accounts",
    responses((status = 200, body = SessionOut), (status = 401, body = ErrorBody)))]
pub async fn me(me: CurrentUser) -> Response {
    json_response(&SessionOut { user: UserOut::from(&me.user), csrf_token: me.csrf_token, expires_at: me.expires_at })
}

/// Every user (admins only).
#[utoipa::path(get, path = "/api/users", tag = "accounts",
    responses((status = 200, body = Vec<UserOut>), (status = 403, body = ErrorBody)))]
pub async fn list_users(State(state): State<AppState>, me: CurrentUser) -> Result<Response, ApiError> {
    if me.user.role < UserRole::Admin {
        return Err(ApiError::new(ErrorCode::Forbidden, "only an admin may list users"));
    }
    let all = state.store(|s| s.users()).await?;
    Ok(json_response(&all.iter().map(UserOut::from).collect::<Vec<_>>()))
}

/// Add a user (admins only); the password is shown in this answer only.
#[utoipa::path(post, path = "/api/users", tag = "accounts", request_body = NewUserRequest,
    responses((status = 201, body = NewUserOut), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create_user(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    ApiJson(req): ApiJson<NewUserRequest>,
) -> Result<Response, ApiError> {
    me.check_write(&headers, UserRole::Admin)?;
    let role: UserRole = req.role.parse().map_err(ApiError::invalid)?;
    let (password, user) = state
        .store(move |s| {
            let password = match users::add_user(s, &req.name, role, req.password.as_deref()) {
                Ok(p) => p,
                Err(UserError::Store(e)) => return Err(e),
                Err(e) => return Ok(Err(e)),
            };
            let user = s.user(&req.name)?.ok_or_else(|| StoreError::NotFound(format!("user {:?}", req.name)))?;
            Ok(Ok((password, user.user)))
        })
        .await?
        .map_err(user_error)?;
    let mut response = json_response(&NewUserOut { user: UserOut::from(&user), password });
    *response.status_mut() = StatusCode::CREATED;
    Ok(response)
}
