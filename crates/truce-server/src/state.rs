//! Shared server state: the store factory with a small pool of connections,
//! the cached view of events and incidents, the zones and the agreement.
//!
//! The `Store` trait is synchronous, so every store call runs on tokio's
//! blocking threads (`spawn_blocking`) with a connection taken from the pool
//! (or opened by the factory) and put back afterwards. A semaphore bounds the
//! number of connections in use at once.

use std::sync::{Arc, Mutex};

use tokio::sync::Semaphore;
use truce_rules::Agreement;
use truce_store::{Store, StoreError};
use truce_zones::ZoneSet;

use crate::error::ApiError;
use crate::view::View;

/// Opens a new connection to the store (each call a new one).
pub type StoreFactory = Arc<dyn Fn() -> Result<Box<dyn Store + Send>, StoreError> + Send + Sync>;

/// How the server behaves; [`Options::default`] suits `truce serve` on localhost.
#[derive(Debug, Clone)]
pub struct Options {
    /// Connections in use at once (and kept idle) at most.
    pub max_connections: usize,
    /// How long a login lasts.
    pub session_hours: i64,
    /// Mark the session cookie `Secure` (behind an HTTPS proxy).
    pub secure_cookies: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { max_connections: 4, session_hours: 12, secure_cookies: false }
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("building the illustrative zones: {0}")]
    Zones(String),
}

/// What every request handler shares. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    factory: StoreFactory,
    idle: Mutex<Vec<Box<dyn Store + Send>>>,
    permits: Semaphore,
    view: Mutex<Option<Arc<View>>>,
    /// The zones truce ships (the view adds those imported into the store).
    pub(crate) zones: ZoneSet,
    /// The agreement incidents are assessed against.
    pub(crate) agreement: Agreement,
    pub(crate) options: Options,
}

impl Drop for Inner {
    /// The synchronous PostgreSQL client blocks on a runtime of its own when
    /// it is closed, which panics (and aborts the process, in a destructor) on
    /// a thread that drives tokio, as the one ending `serve` does: the pooled
    /// connections are closed on a plain thread.
    fn drop(&mut self) {
        let idle = std::mem::take(self.idle.get_mut().unwrap_or_else(|e| e.into_inner()));
        if !idle.is_empty() && tokio::runtime::Handle::try_current().is_ok() {
            let _ = std::thread::spawn(move || drop(idle)).join();
        }
    }
}

impl AppState {
    /// State over the store `factory` opens, with default options. Opens one
    /// connection at once, so a database that cannot be opened or migrated
    /// fails here rather than on the first request.
    pub fn new(factory: StoreFactory) -> Result<AppState, StartError> {
        Self::with_options(factory, Options::default())
    }

    pub fn with_options(factory: StoreFactory, options: Options) -> Result<AppState, StartError> {
        // Called from async code, the synchronous PostgreSQL client must not
        // block on its own runtime on this thread: connect on a plain one.
        let first = if tokio::runtime::Handle::try_current().is_ok() {
            std::thread::scope(|s| s.spawn(|| factory()).join())
                .map_err(|_| StoreError::Backend("opening the store panicked".into()))??
        } else {
            factory()?
        };
        let zones = ZoneSet::builtin_illustrative().map_err(|e| StartError::Zones(e.to_string()))?;
        Ok(AppState {
            inner: Arc::new(Inner {
                factory,
                idle: Mutex::new(vec![first]),
                permits: Semaphore::new(options.max_connections.max(1)),
                view: Mutex::new(None),
                zones,
                agreement: Agreement::trilateral_2020_11_10(),
                options,
            }),
        })
    }

    /// Runs `f` with a store connection on a blocking thread.
    pub(crate) async fn store<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn Store) -> Result<T, StoreError> + Send + 'static,
    {
        let _permit =
            self.inner.permits.acquire().await.map_err(|_| ApiError::internal("the server is shutting down"))?;
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let pooled = inner.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
            let mut store = match pooled {
                Some(store) => store,
                None => (inner.factory)()?,
            };
            let result = f(store.as_mut());
            // A connection that failed may be broken: open a fresh one next time.
            if !matches!(result, Err(StoreError::Backend(_))) {
                inner.idle.lock().unwrap_or_else(|e| e.into_inner()).push(store);
            }
            result.map_err(ApiError::from)
        })
        .await
        .map_err(|e| ApiError::internal(format!("a store task failed: {e}")))?
    }

    /// The events with corrections applied, places resolved and zones found,
    /// rebuilt only when the store's revision has moved.
    pub(crate) async fn view(&self) -> Result<Arc<View>, ApiError> {
        let cached = self.inner.view.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let inner = self.inner.clone();
        let view = self
            .store(move |store| {
                let revision = store.revision()?;
                match cached {
                    Some(view) if view.revision == revision => Ok(view),
                    _ => Ok(Arc::new(View::build(store, revision, &inner.zones, &inner.agreement)?)),
                }
            })
            .await?;
        *self.inner.view.lock().unwrap_or_else(|e| e.into_inner()) = Some(view.clone());
        Ok(view)
    }
}
