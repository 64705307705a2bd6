//! `truce serve`: the JSON API and the web UI, from one binary.
//!
//! - [`router`] builds the axum application over an [`AppState`]; [`serve`]
//!   runs it on an address until a shutdown future resolves.
//! - [`AppState`] is built from a [`StoreFactory`] (each call opens a new
//!   connection); [`store_factory`] makes one from `--db` (a SQLite path or a
//!   `postgres://` URL). Store calls run on blocking threads, a few
//!   connections pooled.
//! - [`users`]: adding users (argon2 hashes) for `truce user add`, and the
//!   demo's first admin ([`users::ensure_admin`]).
//!
//! The API lives under `/api/` (the OpenAPI document, generated from the
//! code, at `/api/openapi.json`); everything else is the UI, embedded from
//! `web/dist/` at build time (`scripts/build-ui.sh` builds it; without it a
//! placeholder page says so, see [`ui_built`]).
//!
//! **Safety invariants.** Source texts are hostile: the API answers JSON
//! only (with `<`, `>`, `&` escaped), every response carries a strict
//! Content-Security-Policy (`default-src 'self'`, no inline script; the HTML
//! bulletin a stricter one of its own: no script at all, its one style block
//! allowed by hash), and the
//! UI writes source text with `textContent` only. Every data resource needs
//! a session; every write needs the session's CSRF token and a same-origin
//! request; reviews need the analyst role. Reviews never change or delete an
//! extracted record: they are appended to the store's correction trail.
//!
//! Incidents (`/api/incidents`), their assessments against the 10 November
//! 2020 statement (`/api/assessments`), counts by claimant (`/api/counts`)
//! and the bulletin (`/api/report`) are derived state: built with the events
//! in the same cached view, rebuilt when the store's revision moves. Their
//! wording is conditional: truce never says that a provision was breached.
//! Analysts split, merge and give verdicts on incidents
//! (`/api/incidents/{id}/split`, `/api/incidents/merge`,
//! `/api/incidents/{id}/verdict`): each is checked against the incidents as
//! they stand, then appended to the store's incident corrections with the
//! user; `/api/incidents/{id}/history` replays the ones that concern an
//! incident, with its membership before and after each.

mod api;
mod auth;
mod corrections;
mod dto;
mod error;
mod incidents;
mod openapi;
mod state;
mod ui;
pub mod users;
mod view;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::routing::{any, get, post};
use tower_http::limit::RequestBodyLimitLayer;
use truce_store::Store;

pub use api::{DEFAULT_PAGE, MAX_BODY, MAX_PAGE};
pub use auth::{CSRF_HEADER, SESSION_COOKIE};
pub use error::{ApiError, ErrorCode};
pub use state::{AppState, Options, StartError, StoreFactory};
pub use ui::ui_built;

/// The application: every `/api` route, then the UI's files.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/api/login", post(auth::login))
        .route("/api/logout", post(auth::logout))
        .route("/api/me", get(auth::me))
        .route("/api/users", get(auth::list_users).post(auth::create_user))
        .route("/api/stats", get(api::stats))
        .route("/api/facets", get(api::facets))
        .route("/api/documents", get(api::documents))
        .route("/api/documents/{key}", get(api::document))
        .route("/api/events", get(api::events))
        .route("/api/events/daily", get(api::events_daily))
        .route("/api/events/{id}", get(api::event))
        .route("/api/events/{id}/history", get(api::history))
        .route("/api/events/{id}/review", post(api::review))
        .route("/api/incidents", get(incidents::incidents))
        .route("/api/incidents/daily", get(incidents::incidents_daily))
        .route("/api/incidents/merge", post(corrections::merge))
        .route("/api/incidents/{id}", get(incidents::incident))
        .route("/api/incidents/{id}/split", post(corrections::split))
        .route("/api/incidents/{id}/verdict", post(corrections::verdict))
        .route("/api/incidents/{id}/history", get(corrections::history))
        .route("/api/assessments", get(incidents::assessments))
        .route("/api/counts", get(incidents::counts))
        .route("/api/report", get(incidents::report))
        .route("/api/claims", get(api::claims))
        .route("/api/places", get(api::places))
        .route("/api/map/roads", get(api::roads))
        .route("/api/zones", get(api::zones))
        .route("/api/search", get(api::search))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/{*rest}", any(api::api_not_found))
        .fallback(ui::serve_asset)
        .with_state(state)
        .layer(RequestBodyLimitLayer::new(MAX_BODY))
        .layer(axum::middleware::from_fn(api::finish))
}

/// Serves [`router`] on `addr` until `shutdown` resolves.
pub async fn serve(
    state: AppState,
    addr: SocketAddr,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    serve_on(state, listener, shutdown).await
}

/// For `truce serve`: serves the store `factory` opens (see [`store_factory`])
/// on `addr` until Ctrl-C, on a runtime of its own, and calls `ready` with the
/// bound address once it is listening. Blocks.
pub fn serve_blocking(
    factory: StoreFactory,
    addr: SocketAddr,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let state = AppState::new(factory)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        ready(listener.local_addr()?);
        serve_on(state, listener, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
    })?;
    Ok(())
}

/// Why [`serve_blocking`] stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Start(#[from] StartError),
    #[error("serving: {0}")]
    Io(#[from] std::io::Error),
}

/// Serves [`router`] on a listener already bound (port 0 in tests).
pub async fn serve_on(
    state: AppState,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state)).with_graceful_shutdown(shutdown).await
}

/// The store factory for `--db`: a `postgres://` (or `postgresql://`) URL
/// opens PostgreSQL (in `pg_schema` when given), anything else is a SQLite file path.
pub fn store_factory(db: &str, pg_schema: Option<&str>) -> StoreFactory {
    let db = db.to_owned();
    let schema = pg_schema.map(str::to_owned);
    if db.starts_with("postgres://") || db.starts_with("postgresql://") {
        Arc::new(move || {
            let store = match &schema {
                Some(s) => truce_store_postgres::PgStore::connect_with_schema(&db, s)?,
                None => truce_store_postgres::PgStore::connect(&db)?,
            };
            Ok(Box::new(store) as Box<dyn Store + Send>)
        })
    } else {
        let path = PathBuf::from(db);
        Arc::new(move || Ok(Box::new(truce_store_sqlite::SqliteStore::open(&path)?) as Box<dyn Store + Send>))
    }
}
