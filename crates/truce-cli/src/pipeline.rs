//! Files in, documents and events out: the glue the `extract`, `ingest` and
//! `demo` commands share. Reads files and manifests, reports each bad input as
//! one line naming the file, and keeps going with the rest.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use truce_gazetteer::Gazetteer;
use truce_model::{DocMeta, Document, EventRecord};
use truce_text::{InputError, LoadOptions, Manifest};

/// One document read (and extracted, unless the caller leaves that to a worker).
pub struct Processed {
    pub path: PathBuf,
    pub raw: Vec<u8>,
    pub doc: Document,
    pub events: Vec<EventRecord>,
}

/// Where each input's metadata comes from.
pub enum ManifestChoice {
    /// `--manifest FILE`: one manifest for every input.
    Explicit(PathBuf),
    /// `manifest.csv` beside each file, when there is one.
    Beside,
}

/// Reads and extracts every report under `paths`, calling `sink` for each
/// document in input order. Bad inputs are printed to stderr as they are met;
/// the number of failures is returned (the caller turns it into the exit code).
pub fn run(
    paths: &[PathBuf],
    manifest: &ManifestChoice,
    opts: &LoadOptions,
    sink: impl FnMut(Processed) -> anyhow::Result<()>,
) -> anyhow::Result<usize> {
    walk(paths, manifest, opts, true, sink)
}

/// Like [`run`], but when `extract` is false only reads and checks the
/// documents (their events are left for a worker to make).
pub fn walk(
    paths: &[PathBuf],
    manifest: &ManifestChoice,
    opts: &LoadOptions,
    extract: bool,
    mut sink: impl FnMut(Processed) -> anyhow::Result<()>,
) -> anyhow::Result<usize> {
    let gaz = Gazetteer::builtin();
    let (files, input_errors) = truce_text::collect_inputs(paths);
    let mut failures = 0;
    for e in &input_errors {
        report(e);
        failures += 1;
    }
    let mut manifests: HashMap<PathBuf, Option<Manifest>> = HashMap::new();
    let bar = progress(files.len() as u64);
    for file in &files {
        bar.inc(1);
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let manifest_path = match manifest {
            ManifestChoice::Explicit(p) => Some(p.clone()),
            ManifestChoice::Beside => truce_text::manifest_beside(file),
        };
        let loaded = manifest_path.as_ref().and_then(|mp| {
            manifests
                .entry(mp.clone())
                .or_insert_with(|| match Manifest::load(mp) {
                    Ok((m, row_errors)) => {
                        for e in &row_errors {
                            bar.suspend(|| report(e));
                        }
                        failures += row_errors.len();
                        Some(m)
                    }
                    Err(e) => {
                        bar.suspend(|| report(&e));
                        failures += 1;
                        None
                    }
                })
                .as_ref()
        });
        if let Some(m) = loaded
            && m.is_broken(&name) {
                bar.suspend(|| eprintln!("error: {}: skipped: its row in {} is malformed", file.display(), m.path().display()));
                failures += 1;
                continue;
            }
        let meta = loaded.and_then(|m| m.meta_for(&name)).unwrap_or_else(|| DocMeta { id: name.clone(), ..DocMeta::default() });
        let (raw, doc) = match truce_text::read_document(file, meta, opts) {
            Ok(x) => x,
            Err(e) => {
                bar.suspend(|| report(&e));
                failures += 1;
                continue;
            }
        };
        let events = if extract { truce_extract::extract(&doc, gaz).events } else { Vec::new() };
        if let Err(e) = sink(Processed { path: file.clone(), raw, doc, events }) {
            bar.suspend(|| eprintln!("error: {}: {e:#}", file.display()));
            failures += 1;
        }
    }
    bar.finish_and_clear();
    Ok(failures)
}

fn report(e: &InputError) {
    eprintln!("error: {e}");
}

fn progress(len: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() || len < 2 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} documents {elapsed}") {
        bar.set_style(style);
    }
    bar
}

/// The demo corpus: `corpus/demo` under the working directory, else the one
/// this binary was built from.
pub fn demo_corpus() -> PathBuf {
    let here = Path::new("corpus/demo");
    if here.is_dir() {
        return here.to_path_buf();
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/demo")
}
