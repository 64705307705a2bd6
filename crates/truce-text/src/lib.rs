//! Bytes and metadata in, [`Document`] out.
//!
//! truce-text turns a report file into the [`Document`] extraction runs on:
//! it decodes the bytes (BOMs, UTF-8 with light repair, legacy encodings such
//! as Windows-1251 and Windows-1252), takes the main text out of HTML and
//! Markdown, removes boilerplate (menus, share widgets, copyright footers,
//! related-news lists, lines in another language), takes the dateline off the
//! top, and fills in the publication date and language when the metadata lacks
//! them. It also finds report files in folders and reads `manifest.csv`.
//!
//! Main items:
//! - [`decode_document`]: the IO-free core, raw bytes → [`Document`].
//! - [`read_document`]: one file, size checked before reading.
//! - [`collect_inputs`], [`manifest_beside`], [`Manifest`]: files and their metadata.
//! - [`clean`]: boilerplate removal on its own, for text from other sources.
//! - [`InputError`] / [`Problem`]: every input problem, naming the file.
//!
//! **Architecture invariant:** this crate stores nothing and knows no SQL or
//! HTTP. It reads the files it is pointed at and returns values; persistence
//! and fetching belong to other crates.
//!
//! **Architecture invariant:** clean text is the article as written. Lines are
//! kept whole or dropped whole (a dateline prefix is the one cut inside a
//! line), quotes and dashes are never rewritten, and every dropped line is
//! recorded in [`Document::removed`], because event records quote the clean
//! text back by character offsets.

mod boilerplate;
mod clean;
mod dateline;
mod decode;
mod error;
mod html;
mod inputs;
mod lang;
mod manifest;
mod markdown;

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};
use truce_model::{DocMeta, Document};

pub use clean::{Cleaned, clean};
pub use decode::decode_bytes;
pub use error::{InputError, Problem};
pub use inputs::{collect_inputs, manifest_beside};
pub use lang::detect_language;
pub use manifest::{MANIFEST_FILE_NAME, Manifest};

/// Limits on what is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadOptions {
    /// Files larger than this are refused without being read.
    pub max_bytes: u64,
}

impl LoadOptions {
    pub const DEFAULT_MAX_BYTES: u64 = 20 * 1024 * 1024;
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self { max_bytes: Self::DEFAULT_MAX_BYTES }
    }
}

/// How a report file is written, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// `.txt`
    Text,
    /// `.html`, `.htm`
    Html,
    /// `.md`, `.markdown`
    Markdown,
}

impl Format {
    /// The format for an extension (without the dot, any case).
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" => Some(Format::Text),
            "html" | "htm" => Some(Format::Html),
            "md" | "markdown" => Some(Format::Markdown),
            _ => None,
        }
    }

    pub fn from_path(path: &Path) -> Option<Format> {
        Format::from_extension(path.extension()?.to_str()?)
    }
}

/// Reads one file: its size is checked before reading (from metadata, so an
/// oversized file is never read), then [`decode_document`]. An empty
/// `meta.id` becomes the file name. Returns the raw bytes too, for callers
/// that keep them.
pub fn read_document(path: &Path, meta: DocMeta, opts: &LoadOptions) -> Result<(Vec<u8>, Document), InputError> {
    let fail = |problem| InputError::new(path, problem);
    let format = Format::from_path(path).ok_or_else(|| {
        let ext = path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
        fail(Problem::UnsupportedExtension(ext))
    })?;
    let size = std::fs::metadata(path).map_err(|e| fail(io_problem(&e)))?.len();
    if size > opts.max_bytes {
        return Err(fail(Problem::TooLarge { size, limit: opts.max_bytes }));
    }
    let file = std::fs::File::open(path).map_err(|e| fail(io_problem(&e)))?;
    // The file may have grown since its metadata was read: read one byte past
    // the limit at most, to notice without reading it all.
    let mut raw = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(opts.max_bytes.saturating_add(1)).read_to_end(&mut raw).map_err(|e| fail(io_problem(&e)))?;
    if raw.len() as u64 > opts.max_bytes {
        return Err(fail(Problem::TooLarge { size: raw.len() as u64, limit: opts.max_bytes }));
    }

    let mut meta = meta;
    if meta.id.is_empty() {
        meta.id = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    }
    let document = decode_document(&raw, format, meta).map_err(fail)?;
    Ok((raw, document))
}

pub(crate) fn io_problem(err: &std::io::Error) -> Problem {
    match err.kind() {
        std::io::ErrorKind::NotFound => Problem::NotFound,
        _ => Problem::Unreadable(err.to_string()),
    }
}

/// The core, IO-free: raw bytes → [`Document`].
///
/// `meta.published` is filled from the page's metadata (HTML, Markdown front
/// matter) or the text's dateline when it is `None`; `meta.language` from the
/// clean text when it is `None` and the language is reliably detected.
pub fn decode_document(raw: &[u8], format: Format, meta: DocMeta) -> Result<Document, Problem> {
    let content_hash = sha256_hex(raw);
    // A page's own charset declaration beats a guess for legacy bytes.
    let declared = (format == Format::Html).then(|| decode::html_declared_encoding(raw)).flatten();
    let text = decode::decode_with_hint(raw, declared)?;
    let (title, body, published) = match format {
        Format::Text => (None, text, None),
        Format::Html => {
            let page = html::page_text(&text);
            (page.title, page.text, page.published)
        }
        Format::Markdown => {
            let md = markdown::to_text(&text);
            (md.title, md.text, md.published)
        }
    };
    let cleaned = clean(&body, meta.language.as_deref(), meta.published);
    if decode::is_blank(&cleaned.text) {
        return Err(Problem::NoText);
    }

    let mut meta = meta;
    meta.published = meta.published.or(published).or(cleaned.dateline);
    meta.language = match meta.language.take().map(|l| l.trim().to_ascii_lowercase()) {
        Some(language) if !language.is_empty() => Some(language),
        _ => detect_language(&cleaned.text),
    };
    Ok(Document { meta, content_hash, title, clean_text: cleaned.text, removed: cleaned.removed })
}

/// Lower-case hex SHA-256.
fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    Sha256::digest(bytes).iter().fold(String::with_capacity(64), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(id: &str) -> DocMeta {
        DocMeta { id: id.into(), ..DocMeta::default() }
    }

    #[test]
    fn content_hash_is_sha256_of_the_raw_bytes() {
        // SHA-256 of "abc" is a published test vector.
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        let raw = b"The convoy crossed the bridge late on Monday evening, the ministry said.";
        let doc = decode_document(raw, Format::Text, meta("a.txt")).unwrap();
        assert_eq!(doc.content_hash, sha256_hex(raw));
        assert_eq!(doc.meta.id, "a.txt");
    }

    #[test]
    fn language_comes_from_meta_or_detection() {
        let raw = "The convoy crossed the bridge late on Monday evening, the ministry said. \
                   Observers recorded the vehicles and reported them to the command."
            .as_bytes();
        assert_eq!(decode_document(raw, Format::Text, meta("a")).unwrap().meta.language.as_deref(), Some("en"));
        let declared = DocMeta { language: Some("EN ".into()), ..meta("a") };
        assert_eq!(decode_document(raw, Format::Text, declared).unwrap().meta.language.as_deref(), Some("en"));
    }

    #[test]
    fn text_of_only_boilerplate_is_no_text() {
        assert_eq!(decode_document(b"twitter\nfacebook\nSearch\n", Format::Text, meta("a")), Err(Problem::NoText));
    }

    #[test]
    fn formats_from_extensions() {
        assert_eq!(Format::from_path(Path::new("a/b.HTM")), Some(Format::Html));
        assert_eq!(Format::from_path(Path::new("b.markdown")), Some(Format::Markdown));
        assert_eq!(Format::from_path(Path::new("b.txt")), Some(Format::Text));
        assert_eq!(Format::from_path(Path::new("b.pdf")), None);
        assert_eq!(Format::from_path(Path::new("README")), None);
    }
}
