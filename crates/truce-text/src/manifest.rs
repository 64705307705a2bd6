//! `manifest.csv`: the metadata of the documents in a corpus folder.
//!
//! Columns `file,outlet,published,language,url` (the header is required; its
//! order is free; extra columns are ignored). A malformed row is reported and
//! skipped, but its file is remembered as broken, so that a caller does not go
//! on to process that file as if it simply had no metadata.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use truce_model::{DocMeta, PartialDate};

use crate::{InputError, Problem};

/// The manifest's file name, beside the documents it describes.
pub const MANIFEST_FILE_NAME: &str = "manifest.csv";

/// The metadata rows of one `manifest.csv`.
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    path: PathBuf,
    rows: HashMap<String, DocMeta>,
    broken: HashSet<String>,
}

const COLUMNS: [&str; 5] = ["file", "outlet", "published", "language", "url"];

/// Where each known column sits in a row.
struct Header {
    width: usize,
    file: usize,
    outlet: Option<usize>,
    published: Option<usize>,
    language: Option<usize>,
    url: Option<usize>,
}

impl Header {
    fn parse(record: &csv::ByteRecord) -> Option<Self> {
        let names: Vec<String> = record
            .iter()
            .map(|f| String::from_utf8_lossy(f).trim().trim_start_matches('\u{FEFF}').to_ascii_lowercase())
            .collect();
        let find = |name: &str| names.iter().position(|n| n == name);
        Some(Self {
            width: names.len(),
            file: find("file")?,
            outlet: find("outlet"),
            published: find("published"),
            language: find("language"),
            url: find("url"),
        })
    }
}

impl Manifest {
    /// Reads a manifest. A file that cannot be read, or has no header with a
    /// `file` column, is an `Err`; each malformed row is one `InputError`
    /// naming the manifest and the row's line, and is skipped.
    pub fn load(path: &Path) -> Result<(Manifest, Vec<InputError>), InputError> {
        let bytes = std::fs::read(path).map_err(|e| InputError::new(path, crate::io_problem(&e)))?;
        Self::parse(path, &bytes)
    }

    /// [`Manifest::load`] on bytes already read; `path` is used in errors.
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<(Manifest, Vec<InputError>), InputError> {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
        let mut records = reader.byte_records();
        let header = match records.next() {
            Some(Ok(record)) => Header::parse(&record),
            Some(Err(e)) => return Err(InputError::new(path, Problem::MalformedManifest(e.to_string()))),
            None => None,
        };
        let Some(header) = header else {
            let problem = Problem::MalformedManifest(format!("no header row naming the columns {}", COLUMNS.join(",")));
            return Err(InputError::new(path, problem));
        };

        let mut manifest = Manifest { path: path.to_path_buf(), ..Manifest::default() };
        let mut errors = Vec::new();
        let mut first_line: HashMap<String, usize> = HashMap::new();
        for record in records {
            let record = match record {
                Ok(record) => record,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line() as usize);
                    errors.push(InputError::at_line(path, line, Problem::MalformedManifest(e.to_string())));
                    continue;
                }
            };
            let line = record.position().map_or(0, |p| p.line() as usize);
            if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                continue;
            }
            match row_meta(&header, &record) {
                Ok(meta) => {
                    if let Some(first) = first_line.get(&meta.id) {
                        let problem =
                            Problem::MalformedManifest(format!("second row for {:?} (first on line {first})", meta.id));
                        errors.push(InputError::at_line(path, line, problem));
                        continue;
                    }
                    first_line.insert(meta.id.clone(), line);
                    manifest.rows.insert(meta.id.clone(), meta);
                }
                Err(RowError { file, problem }) => {
                    if let Some(file) = file {
                        manifest.broken.insert(file);
                    }
                    errors.push(InputError::at_line(path, line, Problem::MalformedManifest(problem)));
                }
            }
        }
        Ok((manifest, errors))
    }

    /// The metadata for a document, by file name, with `id` set to it.
    pub fn meta_for(&self, file_name: &str) -> Option<DocMeta> {
        self.rows.get(file_name).cloned()
    }

    /// The row for this file was malformed: callers must not process the file
    /// with missing metadata.
    pub fn is_broken(&self, file_name: &str) -> bool {
        self.broken.contains(file_name)
    }

    /// The manifest file this was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Number of well-formed rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

struct RowError {
    /// The row's file name, when it could be read.
    file: Option<String>,
    problem: String,
}

fn row_meta(header: &Header, record: &csv::ByteRecord) -> Result<DocMeta, RowError> {
    let field = |idx: usize| record.get(idx).map(|f| std::str::from_utf8(f).map(str::trim));
    let file = match field(header.file) {
        Some(Ok(name)) if !name.is_empty() => Some(name.to_string()),
        _ => None,
    };
    let fail = |problem: String| RowError { file: file.clone(), problem };
    if record.len() != header.width {
        return Err(fail(format!("{} columns, expected {} as in the header", record.len(), header.width)));
    }
    let Some(id) = file.clone() else {
        return Err(fail("empty or unreadable file name".to_string()));
    };
    let text = |idx: Option<usize>, column: &str| -> Result<Option<String>, RowError> {
        let Some(idx) = idx else { return Ok(None) };
        match field(idx) {
            Some(Ok(value)) => Ok((!value.is_empty()).then(|| value.to_string())),
            _ => Err(fail(format!("{column} is not valid UTF-8"))),
        }
    };
    let published = match text(header.published, "published")? {
        None => None,
        Some(value) => match value.parse::<PartialDate>() {
            Ok(date) => Some(date),
            Err(e) => return Err(fail(format!("bad published date: {e}"))),
        },
    };
    Ok(DocMeta {
        id,
        outlet: text(header.outlet, "outlet")?,
        published,
        language: text(header.language, "language")?.map(|l| l.to_ascii_lowercase()),
        url: text(header.url, "url")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_rows_load_and_bad_rows_name_their_line() {
        let csv = "file,outlet,published,language,url,notes\n\
                   a.txt,Outlet A,2023-03,en,https://example.org/a,x\n\
                   b.txt,Outlet B,2023-02-30,en,,y\n\
                   c.txt,Outlet C\n\
                   ,Outlet D,2023,en,,z\n\
                   e.txt,,,,,\n";
        let (manifest, errors) = Manifest::parse(Path::new("m/manifest.csv"), csv.as_bytes()).unwrap();
        let meta = manifest.meta_for("a.txt").unwrap();
        assert_eq!(meta.id, "a.txt");
        assert_eq!(meta.outlet.as_deref(), Some("Outlet A"));
        assert_eq!(meta.published, Some("2023-03".parse().unwrap()));
        assert_eq!(meta.url.as_deref(), Some("https://example.org/a"));
        let empty = manifest.meta_for("e.txt").unwrap();
        assert_eq!((empty.outlet, empty.published, empty.language), (None, None, None));

        let lines: Vec<_> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [Some(3), Some(4), Some(5)]);
        assert!(errors[0].to_string().starts_with("m/manifest.csv: line 3: malformed manifest: bad published date"));
        assert!(errors[1].to_string().contains("2 columns, expected 6"));
        assert!(manifest.is_broken("b.txt") && manifest.is_broken("c.txt"));
        assert!(!manifest.is_broken("a.txt"));
        assert_eq!(manifest.meta_for("b.txt"), None);
        assert_eq!(manifest.len(), 2);
    }

    #[test]
    fn header_is_required() {
        let err = Manifest::parse(Path::new("manifest.csv"), b"a.txt,Outlet,2023,en,\n").unwrap_err();
        assert!(matches!(err.problem, Problem::MalformedManifest(_)));
        let err = Manifest::parse(Path::new("manifest.csv"), b"").unwrap_err();
        assert!(matches!(err.problem, Problem::MalformedManifest(_)));
    }

    #[test]
    fn duplicate_rows_keep_the_first() {
        let csv = "file,outlet,published,language,url\na.txt,First,,,\na.txt,Second,,,\n";
        let (manifest, errors) = Manifest::parse(Path::new("manifest.csv"), csv.as_bytes()).unwrap();
        assert_eq!(manifest.meta_for("a.txt").unwrap().outlet.as_deref(), Some("First"));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(3));
    }
}
