//! Finding report files: expanding the paths a user gives into files.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::manifest::MANIFEST_FILE_NAME;
use crate::{Format, InputError, Problem};

/// Expands files and folders (recursively, sorted by path) into report files
/// with a supported extension. Skips `manifest.csv` and hidden files and
/// folders. A path that does not exist, a file named directly with an
/// unsupported extension, or an entry that cannot be read is an `InputError`;
/// files of other kinds inside folders are passed over silently.
pub fn collect_inputs(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if !path.exists() {
            errors.push(InputError::new(path, Problem::NotFound));
        } else if path.is_dir() {
            collect_folder(path, &mut files, &mut errors);
        } else if is_manifest(path) {
            // Named with the reports by a shell glob: it is metadata, not a report.
        } else if Format::from_path(path).is_some() {
            files.push(path.clone());
        } else {
            let ext = path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
            errors.push(InputError::new(path, Problem::UnsupportedExtension(ext)));
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

fn collect_folder(root: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        // The root itself may be hidden (`.`, `./.corpus`): it was asked for.
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                if entry.file_type().is_file() && !is_manifest(path) && Format::from_path(path).is_some() {
                    files.push(path.to_path_buf());
                }
            }
            Err(e) => {
                let path = e.path().unwrap_or(root).to_path_buf();
                let message = e.io_error().map_or_else(|| e.to_string(), ToString::to_string);
                errors.push(InputError::new(path, Problem::Unreadable(message)));
            }
        }
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn is_manifest(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == MANIFEST_FILE_NAME)
}

/// The `manifest.csv` for a report file (beside it) or a folder (inside it),
/// if there is one.
pub fn manifest_beside(path: &Path) -> Option<PathBuf> {
    let folder = if path.is_dir() { path } else { path.parent()? };
    // `Path::parent` of a bare file name is "", which means the current folder.
    let candidate = folder.join(MANIFEST_FILE_NAME);
    candidate.is_file().then_some(candidate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn folders_expand_sorted_skipping_hidden_manifest_and_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("sub")).unwrap();
        fs::create_dir_all(root.join(".git")).unwrap();
        for name in
            ["b.txt", "a.html", "manifest.csv", ".hidden.txt", "notes.pdf", "sub/c.md", ".git/d.txt", "sub/e.HTM"]
        {
            fs::write(root.join(name), "x").unwrap();
        }
        let (files, errors) = collect_inputs(&[root.to_path_buf()]);
        assert!(errors.is_empty(), "{errors:?}");
        let names: Vec<_> =
            files.iter().map(|f| f.strip_prefix(root).unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["a.html", "b.txt", "sub/c.md", "sub/e.HTM"]);
        assert_eq!(manifest_beside(&root.join("b.txt")), Some(root.join("manifest.csv")));
        assert_eq!(manifest_beside(root), Some(root.join("manifest.csv")));
        assert_eq!(manifest_beside(&root.join("sub/c.md")), None);
    }

    #[test]
    fn missing_paths_and_unsupported_files_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("report.pdf");
        fs::write(&pdf, "x").unwrap();
        let missing = dir.path().join("missing.txt");
        let (files, errors) = collect_inputs(&[missing.clone(), pdf.clone()]);
        assert!(files.is_empty());
        assert_eq!(
            errors,
            [
                InputError::new(&missing, Problem::NotFound),
                InputError::new(&pdf, Problem::UnsupportedExtension("pdf".into()))
            ]
        );
    }
}
