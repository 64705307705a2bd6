//! Integration tests of `truce-store-postgres`, against the real server named
//! by `TRUCE_TEST_PG` (default `postgres://postgres@127.0.0.1:5432/test`),
//! never a mock. Each test works in its own schema (`truce_test_<pid>_<n>_<random>`),
//! dropped when the test ends, passing or failing. A server that cannot be
//! reached fails the tests with a message saying how to start one.
//!
//! The backend-independent conformance suite (`truce_store::conformance`) runs
//! here as it does for SQLite; the modules test what only this crate has.

mod copy;
mod ground;
mod migrations;
mod queue;
mod store;

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};

use postgres::{Client, Config, NoTls};
use truce_store_postgres::PgStore;

/// The server the tests use.
pub fn pg_url() -> String {
    std::env::var("TRUCE_TEST_PG").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// A plain connection past the store's API; panics, saying how to start the
/// server, when it cannot be reached.
pub fn admin() -> Client {
    let url = pg_url();
    try_admin(&url).unwrap_or_else(|e| {
        let config = Config::from_str(&url).ok();
        let host = config.as_ref().and_then(|c| c.get_hosts().first().cloned()).map_or("?".to_owned(), |h| match h {
            postgres::config::Host::Tcp(name) => name,
            postgres::config::Host::Unix(path) => path.display().to_string(),
        });
        let port = config.as_ref().and_then(|c| c.get_ports().first().copied()).unwrap_or(5432);
        let db = config.as_ref().and_then(|c| c.get_dbname().map(str::to_owned)).unwrap_or_else(|| "?".to_owned());
        let mut error = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(cause) = source {
            error.push_str(&format!(": {cause}"));
            source = cause.source();
        }
        panic!(
            "PostgreSQL not reachable at {host}:{port} (database {db}): {error}; start it with \
             `pg_ctlcluster 15 main start` (or `service postgresql start`), or point TRUCE_TEST_PG at a server"
        )
    })
}

fn try_admin(url: &str) -> Result<Client, postgres::Error> {
    Client::connect(url, NoTls)
}

/// A schema of its own for one test, dropped (with everything in it) when
/// the guard is dropped, also when the test panics.
pub struct TestSchema {
    pub name: String,
}

impl TestSchema {
    /// A new, empty schema.
    #[allow(clippy::new_without_default)] // Creating a schema is no default.
    pub fn new() -> Self {
        let schema = Self::unborn();
        admin().batch_execute(&format!("CREATE SCHEMA {}", schema.name)).unwrap();
        schema
    }

    /// A fresh schema name, not created yet (the store creates it); dropped all the same.
    pub fn unborn() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let random = RandomState::new().hash_one(std::time::SystemTime::now()) & 0xff_ffff;
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        // Only lower-case ASCII, digits and '_': no quoting needed.
        Self { name: format!("truce_test_{}_{n}_{random:06x}", std::process::id()) }
    }

    /// A migrated store in this schema.
    pub fn store(&self) -> PgStore {
        PgStore::connect_with_schema(&pg_url(), &self.name).unwrap()
    }

    /// A plain connection working in this schema.
    pub fn client(&self) -> Client {
        let mut client = admin();
        client.batch_execute(&format!("SET search_path TO {}", self.name)).unwrap();
        client
    }

    /// Rows in each of the store's tables.
    pub fn row_counts(&self, client: &mut Client) -> Vec<(String, i64)> {
        TABLES
            .into_iter()
            .map(|table| {
                let n = client.query_one(&format!("SELECT COUNT(*) FROM {}.{table}", self.name), &[]).unwrap().get(0);
                (table.to_owned(), n)
            })
            .collect()
    }
}

pub const TABLES: [&str; 7] = ["documents", "events", "places", "event_places", "actors", "event_actors", "claims"];

impl Drop for TestSchema {
    fn drop(&mut self) {
        // No panic here: this may run while a failed test unwinds.
        let dropped = try_admin(&pg_url())
            .and_then(|mut client| client.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name)));
        if let Err(e) = dropped {
            eprintln!("could not drop test schema {}: {e}", self.name);
        }
    }
}

/// Makes every claim insert fail, from inside PostgreSQL.
pub const SABOTAGE_CLAIMS: &str = "
    CREATE FUNCTION sabotage() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'sabotaged claim'; END
    $$;
    CREATE TRIGGER sabotage BEFORE INSERT ON claims FOR EACH ROW EXECUTE FUNCTION sabotage();";

/// A store in a fresh schema, with a second, plain connection to break or
/// inspect it past the store's API. Fields drop in order: the schema last.
struct PgBackend {
    store: PgStore,
    sabotage: Client,
    schema: TestSchema,
}

impl PgBackend {
    fn new() -> Self {
        let schema = TestSchema::new();
        Self { store: schema.store(), sabotage: schema.client(), schema }
    }
}

impl truce_store::conformance::Backend for PgBackend {
    type Store = PgStore;

    fn store(&mut self) -> &mut PgStore {
        &mut self.store
    }

    /// The failure comes from inside PostgreSQL, midway through the put: a
    /// trigger, added over the second connection, raises on every claim insert.
    fn break_claims(&mut self) {
        self.sabotage.batch_execute(SABOTAGE_CLAIMS).unwrap();
    }

    fn repair_claims(&mut self) {
        self.sabotage.batch_execute("DROP TRIGGER sabotage ON claims").unwrap();
    }

    fn row_counts(&mut self) -> Vec<(String, i64)> {
        self.schema.row_counts(&mut self.sabotage)
    }
}

truce_store::conformance_tests!(PgBackend::new());

/// A document with only what a document requires.
pub fn small_document(name: &str, content_hash: &str) -> truce_model::Document {
    truce_model::Document {
        meta: truce_model::DocMeta { id: name.into(), ..truce_model::DocMeta::default() },
        content_hash: content_hash.into(),
        title: None,
        clean_text: "text".into(),
        removed: vec!["Menu".into(), "© footer".into()],
    }
}

/// An event of `doc` with only what a record requires.
pub fn small_event(doc: &str) -> truce_model::EventRecord {
    truce_model::EventRecord {
        doc: doc.into(),
        event_type: truce_model::EventType::Firing,
        date: Some("2023-03-24".parse().unwrap()),
        date_end: None,
        places: vec![],
        actors: vec![],
        claims: vec![],
        killed: None,
        injured: None,
        evidence: None,
        text: "t".into(),
        span: [0, 1],
        rule: vec![],
        confidence: 1.0,
    }
}
