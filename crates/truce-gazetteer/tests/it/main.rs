//! Integration tests for truce-gazetteer (one test binary).

mod builtin_data;
mod errors;
mod find;
mod seeds;

use std::path::PathBuf;

/// `shared/` beside the repository (read-only project material).
pub fn shared(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel)
}
