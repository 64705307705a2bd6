//! `truce zones import`: a published map stored with its file, then shown by
//! `zones list|at|export|diff` beside the shipped illustrative zones; bad
//! files and overlapping periods refused, naming the file, with nothing stored.

use std::path::Path;

use crate::{path_str, stderr, stdout, truce};

/// A small square east of Khankendi, inside Karabakh.
const SQUARE: &str = r#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":
    [[[46.70,39.80],[46.78,39.80],[46.78,39.86],[46.70,39.86],[46.70,39.80]]]}}"#;

/// The same corners in the wrong order: a bow tie, crossing itself.
const BOW_TIE: &str = r#"{"type":"Polygon","coordinates":
    [[[46.70,39.80],[46.78,39.86],[46.78,39.80],[46.70,39.86],[46.70,39.80]]]}"#;

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write GeoJSON");
    path_str(&path).to_owned()
}

fn import(file: &str, db: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["zones", "import", file, "--name", "monitor-square", "--source", "Test ministry map", "--db", db];
    args.extend_from_slice(extra);
    truce(&args)
}

/// The line of `zones at` naming the imported zone.
fn square_line(listing: &str) -> Option<&str> {
    listing.lines().find(|l| l.starts_with("monitor-square"))
}

#[test]
fn an_imported_map_is_shown_beside_the_shipped_zones_and_is_not_illustrative() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("zones.db");
    let db = path_str(&db);
    let file = write(dir.path(), "square.geojson", SQUARE);

    let shipped = stdout(&truce(&["zones", "list", "--db", db]));
    assert!(shipped.contains("lachin-corridor") && !shipped.contains("monitor-square"), "{shipped}");
    assert!(!Path::new(db).exists(), "a lookup must not create the database");

    let out = import(&file, db, &["--from", "2023-01-01", "--user", "ana"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("monitor-square, version 2023-01-01.."), "{}", stdout(&out));

    let at = stdout(&truce(&["zones", "at", "2023-06-01", "--db", db]));
    let line = square_line(&at).unwrap_or_else(|| panic!("imported zone missing on 2023-06-01:\n{at}"));
    assert!(line.contains("2023-01-01..") && line.contains("Test ministry map"), "{line}");
    assert!(!line.contains("ILLUSTRATIVE"), "a published map is not illustrative: {line}");
    assert!(at.lines().any(|l| l.starts_with("lachin-corridor") && l.contains("ILLUSTRATIVE")), "shipped zones keep their label:\n{at}");
    let before = stdout(&truce(&["zones", "at", "2022-12-31", "--db", db]));
    assert!(square_line(&before).is_none(), "not valid before its first day:\n{before}");

    let list = stdout(&truce(&["zones", "list", "--db", db]));
    assert!(list.contains("monitor-square\n  2023-01-01.."), "{list}");

    let geojson: serde_json::Value =
        serde_json::from_str(&stdout(&truce(&["zones", "export", "monitor-square", "--db", db]))).expect("GeoJSON");
    let props = &geojson["features"][0]["properties"];
    assert_eq!((props["illustrative"].as_bool(), props["from"].as_str()), (Some(false), Some("2023-01-01")), "{props}");
    let first = &geojson["features"][0]["geometry"]["coordinates"][0][0][0];
    assert_eq!(first, &serde_json::json!([46.70, 39.80]), "coordinates come back exactly");

    let diff = stdout(&truce(&["zones", "diff", "monitor-square", "2022-12-31", "2023-01-01", "--db", db]));
    assert!(diff.contains("area removed:      0.0 km²") && !diff.contains("ILLUSTRATIVE"), "{diff}");
}

#[test]
fn a_bad_file_or_an_overlapping_period_is_refused_naming_the_file_and_nothing_is_stored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("zones.db");
    let db = path_str(&db);
    let square = write(dir.path(), "square.geojson", SQUARE);
    assert!(import(&square, db, &["--from", "2023-01-01", "--to", "2023-12-31"]).status.success());
    let listed = || stdout(&truce(&["zones", "list", "--db", db]));
    let before = listed();

    let bow_tie = write(dir.path(), "bow-tie.geojson", BOW_TIE);
    let out_of_range = write(dir.path(), "swapped.geojson", &SQUARE.replace("46.70,39.80", "39.80,246.70"));
    let malformed = write(dir.path(), "cut.geojson", &SQUARE[..40]);
    let second = write(dir.path(), "second.geojson", SQUARE);
    for (file, from, says) in [
        (&bow_tie, "2024-01-01", "feature 0: polygon 0 is self-intersecting"),
        (&out_of_range, "2024-01-01", "feature 0: polygon 0 ring 0 position 0 is out of range"),
        (&malformed, "2024-01-01", "malformed GeoJSON"),
        (&second, "2023-12-31", "overlaps version 2023-01-01..2023-12-31"),
    ] {
        let out = import(file, db, &["--from", from]);
        assert_eq!(out.status.code(), Some(1), "{file}: {}", stderr(&out));
        let err = stderr(&out);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 1, "one error line: {err}");
        assert!(lines[0].starts_with("error: ") && lines[0].contains(file.as_str()) && lines[0].contains(says), "{err}");
        assert_eq!(listed(), before, "{file}: nothing stored");
    }
    // The day after it ends is free.
    let out = import(&second, db, &["--from", "2024-01-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(listed().contains("2024-01-01.."));
}
