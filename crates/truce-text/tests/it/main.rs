//! truce-text's integration tests: one binary, modules by feature.
//!
//! - `seeds`: the shared seed reports (read from `/work/shared`, never copied
//!   into the repository): boilerplate out, body in, datelines.
//! - `files`: reading files: encodings, empty, binary, broken, too large.
//! - `manifest`: `manifest.csv` rows, good and malformed; finding inputs.
//! - `html`: a page written here: only the article's paragraphs come out.

mod files;
mod html;
mod manifest;
mod seeds;

use std::path::{Path, PathBuf};

use truce_model::DocMeta;

/// The shared read-only material (`/work/shared`).
pub fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

pub fn seeds_dir() -> PathBuf {
    shared().join("corpus/seeds")
}

pub fn meta(id: &str) -> DocMeta {
    DocMeta { id: id.to_string(), ..DocMeta::default() }
}

/// The paragraphs of a clean text.
pub fn paragraphs(clean_text: &str) -> Vec<&str> {
    clean_text.split("\n\n").collect()
}
