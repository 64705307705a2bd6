//! The server over PostgreSQL: the demo ingested into a schema of its own
//! (created and dropped here) on the server named by `TRUCE_TEST_PG` (default
//! `postgres://postgres@127.0.0.1:5432/test`). An unreachable server fails
//! the test with what to set; nothing is skipped.

use axum::body::{Body, to_bytes};
use axum::http::{Method, Request, StatusCode, header};
use serde_json::{Value, json};
use tower::ServiceExt;
use truce_server::AppState;
use truce_store::UserRole;

use crate::{VIEWER, demo, ingest_demo};

fn pg_url() -> String {
    std::env::var("TRUCE_TEST_PG").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// Drops the schema when the test ends, however it ends.
struct Schema {
    url: String,
    name: String,
}

impl Drop for Schema {
    fn drop(&mut self) {
        if let Ok(mut client) = postgres::Client::connect(&self.url, postgres::NoTls) {
            let _ = client.batch_execute(&format!("DROP SCHEMA IF EXISTS \"{}\" CASCADE", self.name));
        }
    }
}

async fn get(app: &axum::Router, uri: &str, cookie: &str) -> Value {
    let req =
        Request::builder().method(Method::GET).uri(uri).header(header::COOKIE, cookie).body(Body::empty()).unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{uri}");
    serde_json::from_slice(&to_bytes(res.into_body(), usize::MAX).await.unwrap()).unwrap()
}

async fn login(app: &axum::Router) -> String {
    let body = json!({ "name": VIEWER.0, "password": VIEWER.1 }).to_string();
    let req = Request::builder()
        .method(Method::POST)
        .uri("/api/login")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body))
        .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.headers()[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_owned()
}

#[test]
fn incidents_are_the_same_on_postgres_and_the_server_stops_cleanly() {
    let url = pg_url();
    let schema = Schema { url: url.clone(), name: format!("truce_server_it_{}", std::process::id()) };
    let factory = truce_server::store_factory(&url, Some(&schema.name));
    let mut store = factory().unwrap_or_else(|e| {
        panic!("PostgreSQL at {url} cannot be used ({e}): start it, or set TRUCE_TEST_PG to a database truce may use")
    });
    ingest_demo(store.as_mut());
    truce_server::users::add_user(store.as_mut(), VIEWER.0, UserRole::Viewer, Some(VIEWER.1)).unwrap();
    drop(store);

    let sqlite = demo();
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    runtime.block_on(async {
        let pg_app = truce_server::router(AppState::new(factory.clone()).unwrap());
        let sqlite_app = truce_server::router(sqlite.state.clone());
        let (pg_cookie, sqlite_cookie) = (login(&pg_app).await, login(&sqlite_app).await);
        let summary = |v: &Value| -> Vec<(Value, Value, Value)> {
            v["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| (i["type"].clone(), i["status"].clone(), i["provisions"].clone()))
                .collect()
        };
        let on_pg = get(&pg_app, "/api/incidents?limit=500", &pg_cookie).await;
        let on_sqlite = get(&sqlite_app, "/api/incidents?limit=500", &sqlite_cookie).await;
        assert_eq!(on_pg["total"], on_sqlite["total"]);
        assert_eq!(summary(&on_pg), summary(&on_sqlite));
        let counts = get(&pg_app, "/api/counts", &pg_cookie).await;
        assert_eq!(counts, get(&sqlite_app, "/api/counts", &sqlite_cookie).await);
        // The router, its state and its pooled PostgreSQL connections are
        // dropped here, on a thread driving tokio: this must not abort.
        drop(pg_app);
    });
}
