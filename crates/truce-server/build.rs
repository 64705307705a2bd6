//! Puts the built web UI (`web/dist/`, written by `scripts/build-ui.sh`) where
//! rust-embed embeds it from: `$OUT_DIR/ui`. When the UI has not been built,
//! a one-page placeholder saying how to build it is embedded instead, so the
//! workspace still builds (and `truce serve` says what is missing) without
//! Node.js; the browser tests fail on it with that message.

use std::path::{Path, PathBuf};
use std::{env, fs, io};

const PLACEHOLDER: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>truce: UI not built</title></head>\n<body><h1>UI not built</h1><p>The web UI was not built when this binary was compiled. Run <code>scripts/build-ui.sh</code> (Node.js and npm), then rebuild: <code>cargo build</code>. The JSON API under <code>/api/</code> works without it.</p></body></html>\n";

fn copy_dir(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

fn main() -> io::Result<()> {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").map_err(io::Error::other)?);
    let dist = manifest.join("../../web/dist");
    let out = PathBuf::from(env::var("OUT_DIR").map_err(io::Error::other)?).join("ui");
    // A directory: cargo scans everything under it for changes.
    println!("cargo::rerun-if-changed={}", dist.display());
    if out.exists() {
        fs::remove_dir_all(&out)?;
    }
    if dist.join("index.html").is_file() {
        copy_dir(&dist, &out)?;
    } else {
        println!("cargo::warning=web/dist/index.html not found: embedding a placeholder page; run scripts/build-ui.sh");
        fs::create_dir_all(&out)?;
        fs::write(out.join("index.html"), PLACEHOLDER)?;
        fs::write(out.join("UI-NOT-BUILT"), "")?;
    }
    Ok(())
}
