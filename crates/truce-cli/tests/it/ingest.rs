//! `truce ingest`: documents stored once, bad input named and skipped, nothing partial.

use std::path::Path;

use crate::{path_str, stderr, stdout, truce};

const GOOD: &str = "On 14 May 2023 the Ministry of Defense of Azerbaijan said that units of the Armenian armed forces opened fire on Azerbaijani positions near Lachin. The Armenian Defense Ministry called this information disinformation.\n";
const GOOD_MD: &str = "# Bulletin\n\nOn 2 June 2023, two ceasefire violations were recorded near Sotk, according to the Ministry of Defense of Armenia.\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).expect("write fixture");
}

fn count_docs(db: &Path) -> usize {
    let out = truce(&["events", "--db", path_str(db), "--format", "jsonl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut docs: Vec<String> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json")["doc"].as_str().expect("doc").to_string())
        .collect();
    docs.sort();
    docs.dedup();
    docs.len()
}

#[test]
fn bad_inputs_are_named_skipped_and_leave_the_rest_stored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    write(&corpus, "good.txt", GOOD.as_bytes());
    write(&corpus, "good2.md", GOOD_MD.as_bytes());
    write(&corpus, "badrow.txt", GOOD_MD.replace("Sotk", "Tegh").as_bytes());
    write(&corpus, "empty.txt", b"");
    write(&corpus, "binary.txt", &[0x7f, b'E', b'L', b'F', 0, 0, 1, 2, 0, 0, 0, 0, 3, 0, 0x3e, 0, 0, 0, 0, 0]);
    // Clearly UTF-8 (a valid "ə"), then broken sequences throughout.
    let mut broken = "Xankəndi: ".as_bytes().to_vec();
    for _ in 0..40 {
        broken.extend_from_slice(b"text \xc3\x28 more \xe2\x82 ");
    }
    write(&corpus, "broken.txt", &broken);
    write(&corpus, "big.txt", "Fire was opened near Tegh on 3 May 2023. ".repeat(200).as_bytes());
    write(&corpus, "manifest.csv", b"file,outlet,published,language,url\ngood.txt,Test Wire,2023-05-15,en,\nbadrow.txt,Test Wire,15/05/2023x,en,\n");
    let db = dir.path().join("t.db");

    let out = truce(&["ingest", path_str(&corpus), "--db", path_str(&db), "--max-bytes", "4000"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "some inputs failed, so the exit code is 1: {err}");
    for name in ["empty.txt", "binary.txt", "broken.txt", "big.txt", "badrow.txt", "manifest.csv"] {
        let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("error:") && l.contains(name)).collect();
        assert!(!lines.is_empty(), "no error line names {name}: {err}");
    }
    assert!(err.contains("manifest.csv: line 3"), "the malformed row is named by line: {err}");
    assert!(err.contains("ingested 2 new documents"), "{err}");
    assert_eq!(count_docs(&db), 2, "only the two good documents have events stored");

    // Running again stores nothing twice.
    let again = truce(&["ingest", path_str(&corpus), "--db", path_str(&db), "--max-bytes", "4000"]);
    assert!(stderr(&again).contains("ingested 0 new documents with 0 events; 2 already stored"), "{}", stderr(&again));
    assert_eq!(count_docs(&db), 2);
}

#[test]
fn manifest_metadata_reaches_the_records() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "good.txt", GOOD.as_bytes());
    write(dir.path(), "manifest.csv", b"file,outlet,published,language,url\ngood.txt,Test Wire,2023-05-15,en,https://example.org/a\n");
    let out = truce(&["extract", path_str(&dir.path().join("good.txt"))]);
    assert!(out.status.success(), "{}", stderr(&out));
    let records: Vec<serde_json::Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).expect("json")).collect();
    let firing = records.iter().find(|r| r["type"] == "firing").expect("a firing event");
    assert_eq!(firing["doc"], "good.txt");
    assert_eq!(firing["date"], "2023-05-14");
    assert_eq!(firing["places"], serde_json::json!(["Lachin"]));
    let claims = firing["claims"].as_array().expect("claims");
    assert!(claims.iter().any(|c| c["claimant"] == "Ministry of Defense of Azerbaijan" && c["stance"] == "asserted"), "{claims:?}");
    assert!(claims.iter().any(|c| c["claimant"] == "Ministry of Defense of Armenia" && c["stance"] == "denied"), "{claims:?}");
}

#[test]
fn a_missing_path_is_an_error_naming_it() {
    let out = truce(&["extract", "no/such/folder"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no/such/folder"), "{}", stderr(&out));
}
