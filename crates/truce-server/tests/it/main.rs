//! Integration tests of `truce-server`: the API in process (tower's
//! `oneshot`, no network), and the UI end to end in real headless Chromium
//! driven by playwright-core against a server on 127.0.0.1. Both run on a
//! SQLite database ingested from `corpus/demo` with the real reader and
//! extractor, with three users: `admin`, `ana` (analyst), `vera` (viewer).

mod api;
mod browser;
mod postgres;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tempfile::TempDir;
use truce_server::{AppState, StoreFactory};
use truce_store::{Store, UserRole};
use truce_store_sqlite::SqliteStore;

pub const ADMIN: (&str, &str) = ("admin", "admin-password-1");
pub const ANALYST: (&str, &str) = ("ana", "analyst-password-1");
pub const VIEWER: (&str, &str) = ("vera", "viewer-password-1");

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The demo corpus ingested once, with the three users, as a database file
/// that each test copies (the connections are closed, so the file is whole).
fn template() -> &'static Path {
    static TEMPLATE: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    &TEMPLATE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("demo.db");
            let mut store = SqliteStore::open(&path).unwrap();
            ingest_demo(&mut store);
            for ((name, password), role) in
                [ADMIN, ANALYST, VIEWER].into_iter().zip([UserRole::Admin, UserRole::Analyst, UserRole::Viewer])
            {
                truce_server::users::add_user(&mut store, name, role, Some(password)).unwrap();
            }
            drop(store);
            (dir, path)
        })
        .1
}

/// Reads every report of `corpus/demo` with its manifest row, extracts, stores.
pub fn ingest_demo(store: &mut dyn Store) {
    let corpus = repo().join("corpus/demo");
    let (manifest, problems) = truce_text::Manifest::load(&corpus.join("manifest.csv")).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "manifest.csv"))
        .collect();
    files.sort();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let meta = manifest.meta_for(&name).unwrap_or_default();
        let (raw, doc) = truce_text::read_document(&path, meta, &truce_text::LoadOptions::default()).unwrap();
        let extraction = truce_extract::extract(&doc, truce_gazetteer::Gazetteer::builtin());
        store.put_document(&raw, &doc, &extraction.events).unwrap();
    }
}

/// A fresh copy of the demo database and a server state over it.
pub struct Demo {
    pub state: AppState,
    pub path: PathBuf,
    _dir: TempDir,
}

pub fn demo() -> Demo {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("truce.db");
    std::fs::copy(template(), &path).unwrap();
    let factory: StoreFactory = truce_server::store_factory(path.to_str().unwrap(), None);
    let state = AppState::new(factory).unwrap();
    Demo { state, path, _dir: dir }
}
