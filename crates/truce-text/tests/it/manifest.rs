//! `manifest.csv` files and the walk from user paths to documents.

use std::fs;

use truce_model::PartialDate;
use truce_text::{LoadOptions, Manifest, Problem, collect_inputs, manifest_beside, read_document};

const BODY: &str = "The monitors reached the village before noon and spoke with the residents.\n";

#[test]
fn malformed_rows_are_reported_by_line_and_good_rows_load() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("manifest.csv");
    fs::write(
        &path,
        "file,outlet,published,language,url\n\
         good.txt,Outlet One,2023-03-24,en,https://example.org/good\n\
         short.txt,Outlet Two,2023-03-24\n\
         baddate.txt,Outlet Three,24/03/2023,en,\n\
         ,Outlet Four,2023,en,\n\
         \"quoted, name.txt\",\"Outlet, Five\",2022,,\n",
    )
    .unwrap();
    let (manifest, errors) = Manifest::load(&path).unwrap();

    let good = manifest.meta_for("good.txt").unwrap();
    assert_eq!(good.outlet.as_deref(), Some("Outlet One"));
    assert_eq!(good.published, PartialDate::ymd(2023, 3, 24));
    assert_eq!(good.language.as_deref(), Some("en"));
    let quoted = manifest.meta_for("quoted, name.txt").unwrap();
    assert_eq!(quoted.outlet.as_deref(), Some("Outlet, Five"));
    assert_eq!(quoted.language, None);

    assert_eq!(errors.len(), 3, "{errors:?}");
    for (err, line) in errors.iter().zip([3, 4, 5]) {
        assert_eq!(err.path, path);
        assert_eq!(err.line, Some(line));
        assert!(matches!(err.problem, Problem::MalformedManifest(_)));
        assert!(err.to_string().starts_with(&format!("{}: line {line}: ", path.display())), "{err}");
    }
    assert!(errors[0].to_string().contains("columns"), "{}", errors[0]);
    assert!(errors[1].to_string().contains("published"), "{}", errors[1]);

    // The files of malformed rows are known as broken, not as unlisted.
    assert!(manifest.is_broken("short.txt") && manifest.is_broken("baddate.txt"));
    assert!(!manifest.is_broken("good.txt") && !manifest.is_broken("unlisted.txt"));
    assert_eq!(manifest.meta_for("short.txt"), None);
}

#[test]
fn manifest_without_header_or_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("manifest.csv");
    fs::write(&path, "good.txt,Outlet One,2023-03-24,en,\n").unwrap();
    let err = Manifest::load(&path).unwrap_err();
    assert_eq!(err.path, path);
    assert!(matches!(err.problem, Problem::MalformedManifest(_)));

    let missing = dir.path().join("nowhere/manifest.csv");
    assert_eq!(Manifest::load(&missing).unwrap_err().problem, Problem::NotFound);
}

#[test]
fn from_a_folder_to_documents_skipping_broken_rows() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("manifest.csv"),
        "file,outlet,published,language,url\na.txt,Outlet,2021-06,en,\nb.txt,Outlet,June 2021,en,\n",
    )
    .unwrap();
    fs::write(root.join("a.txt"), BODY).unwrap();
    fs::write(root.join("b.txt"), BODY).unwrap();
    fs::write(root.join(".draft.txt"), BODY).unwrap();

    let (files, errors) = collect_inputs(&[root.to_path_buf(), root.join("gone.txt")]);
    assert_eq!(files, [root.join("a.txt"), root.join("b.txt")]);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].problem, Problem::NotFound);

    let (manifest, row_errors) = Manifest::load(&manifest_beside(&files[0]).unwrap()).unwrap();
    assert_eq!(row_errors.len(), 1);
    let mut loaded = Vec::new();
    for file in &files {
        let name = file.file_name().unwrap().to_str().unwrap();
        if manifest.is_broken(name) {
            continue;
        }
        let meta = manifest.meta_for(name).unwrap_or_default();
        loaded.push(read_document(file, meta, &LoadOptions::default()).unwrap().1);
    }
    assert_eq!(loaded.len(), 1);
    assert_eq!(loaded[0].meta.id, "a.txt");
    assert_eq!(loaded[0].meta.published, "2021-06".parse().ok());
}
