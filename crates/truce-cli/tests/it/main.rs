//! End-to-end tests of the `truce` binary, run as a user runs it.
//!
//! - `seeds`: extraction scored against the public seed gold;
//! - `ingest`: storing, idempotence, bad input and the database left whole;
//! - `queries`: events, show and explain over a stored corpus;
//! - `zones`: imported maps stored and shown beside the shipped zones;
//! - `incident_corrections`: split, merge and verdict stored and applied;
//! - `model`: the sentence classifier trained, refused when broken, judged by the rules.

mod incident_corrections;
mod ingest;
mod mandate;
mod model;
mod queries;
mod seeds;
mod team;
mod zones;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repo root")
}

/// The shared folder beside the repository (seeds, gold, scorer).
pub fn shared() -> PathBuf {
    repo().join("../shared")
}

pub fn truce(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(args)
        .current_dir(repo())
        .env_remove("TRUCE_DB")
        .output()
        .expect("run truce")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}
