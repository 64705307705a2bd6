//! Reading back what was stored: `events` filters and formats, `show`, `explain`, `demo`.

use crate::{path_str, shared, stderr, stdout, truce};

fn demo_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    let out = truce(&["demo", "--no-serve", "--db", path_str(&db)]);
    assert!(out.status.success(), "demo failed: {}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("events by type:"), "{text}");
    assert!(text.contains("sample events"), "{text}");
    (dir, db)
}

fn jsonl(args: &[&str]) -> Vec<serde_json::Value> {
    let out = truce(args);
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out).lines().map(|l| serde_json::from_str(l).expect("json")).collect()
}

#[test]
fn demo_then_filters() {
    let (_dir, db) = demo_db();
    let db = path_str(&db);
    let all = jsonl(&["events", "--db", db, "--format", "jsonl"]);
    assert!(all.len() >= 20, "the demo corpus yields events: {}", all.len());
    assert!(all.iter().any(|r| r["claims"].as_array().unwrap().iter().any(|c| c["stance"] == "denied")), "the demo has disputed events");

    let firing = jsonl(&["events", "--db", db, "--type", "firing", "--format", "jsonl"]);
    assert!(!firing.is_empty() && firing.len() < all.len());
    assert!(firing.iter().all(|r| r["type"] == "firing"));

    // A place asked for by another of its names.
    let martuni = jsonl(&["events", "--db", db, "--place", "Martuni", "--format", "jsonl"]);
    assert!(!martuni.is_empty());
    assert!(martuni.iter().all(|r| r["places"].as_array().unwrap().iter().any(|p| p == "Khojavend")), "{martuni:?}");

    let dated = jsonl(&["events", "--db", db, "--from", "2022-01-01", "--to", "2022-12-31", "--format", "jsonl"]);
    assert!(!dated.is_empty());
    for r in &dated {
        let d = r["date"].as_str().expect("dated");
        let end = r["date_end"].as_str().unwrap_or(d);
        assert!(end >= "2022" && d <= "2022-12-31", "{d}..{end} outside 2022");
    }

    let csv = truce(&["events", "--db", db, "--format", "csv"]);
    assert!(stdout(&csv).starts_with("event_id,doc,type,date,date_end,places"), "{}", stdout(&csv));

    // Running the demo again stores nothing twice.
    let again = truce(&["demo", "--no-serve", "--db", db]);
    assert!(stderr(&again).contains("ingested 0 new documents"), "{}", stderr(&again));
    assert_eq!(jsonl(&["events", "--db", db, "--format", "jsonl"]).len(), all.len());
}

#[test]
fn show_prints_clean_text_and_events() {
    let (_dir, db) = demo_db();
    let out = truce(&["show", "05_news-site-martuni-farmer.html", "--db", path_str(&db)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("outlet: Highland Courier"), "{text}");
    assert!(text.contains("Taghavard"), "{text}");
    assert!(!text.contains("<script"), "markup never reaches clean text: {text}");
    assert!(text.contains("source ["), "{text}");
    let missing = truce(&["show", "nope.txt", "--db", path_str(&db)]);
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn explain_says_why() {
    let seed = shared().join("corpus/seeds/001_5a259469ce8bbc15.txt");
    let out = truce(&["explain", path_str(&seed)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("removed as boilerplate: \"Leave a review\""), "{text}");
    assert!(text.contains("decisions: military_movement"), "{text}");
    assert!(text.contains("speakers: Ministry of Defense of Azerbaijan"), "{text}");
}

#[test]
fn place_lists_spellings_and_candidates() {
    let out = truce(&["place", "Stepanakert"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Khankendi [khankendi]"), "{text}");
    assert!(text.contains("Xankəndi"), "{text}");
    assert!(text.contains("coordinates: 39."), "{text}");
    let ambiguous = stdout(&truce(&["place", "Martuni"]));
    assert!(ambiguous.contains("ambiguous"), "{ambiguous}");
    let missing = truce(&["place", "Nowhereville"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("Nowhereville"));
}

#[test]
fn zones_change_with_the_date_and_say_they_are_illustrative() {
    let before = stdout(&truce(&["zones", "at", "2020-12-12"]));
    let after = stdout(&truce(&["zones", "at", "2020-12-14"]));
    assert!(before.contains("2020-11-10..2020-12-12") && after.contains("2020-12-13.."), "{before}\n{after}");
    assert!(after.contains("ILLUSTRATIVE"), "{after}");
    let diff = stdout(&truce(&["zones", "diff", "peacekeeping-zone", "2020-12-12", "2020-12-14"]));
    assert!(diff.contains("Hadrut [hadrut]: outside → inside"), "{diff}");
    let geojson: serde_json::Value = serde_json::from_str(&stdout(&truce(&["zones", "export", "--at", "2021-01-01"]))).expect("GeoJSON");
    assert_eq!(geojson["type"], "FeatureCollection");
    assert!(geojson["features"].as_array().unwrap().iter().all(|f| f["properties"]["illustrative"] == true));
}

#[test]
fn extracted_events_carry_a_location_with_precision_and_toponyms() {
    let seed = shared().join("corpus/seeds/000_304fdd65a8348845.txt");
    let out = truce(&["extract", path_str(&seed)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let convoy: serde_json::Value = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json"))
        .find(|r| r["date"] == "2023-03-24")
        .expect("the March 24 convoy");
    let loc = &convoy["location"];
    assert_eq!(loc["geometry"]["type"], "LineString", "{loc}");
    assert_eq!(loc["acled_geo_precision"], 2);
    let written: Vec<&str> = loc["toponyms"].as_array().unwrap().iter().filter_map(|t| t["written"].as_str()).collect();
    assert!(written.contains(&"Khankandi"), "the source's own spelling is kept: {written:?}");
}

#[test]
fn demo_creates_an_admin_once_and_user_add_prints_a_password() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    let first = stdout(&truce(&["demo", "--no-serve", "--db", path_str(&db)]));
    assert!(first.contains("web UI login: admin / "), "{first}");
    let second = stdout(&truce(&["demo", "--no-serve", "--db", path_str(&db)]));
    assert!(!second.contains("web UI login"), "the admin password is shown once: {second}");
    let added = truce(&["user", "add", "ana", "--role", "viewer", "--db", path_str(&db)]);
    assert!(added.status.success(), "{}", stderr(&added));
    assert!(stdout(&added).contains("password for ana (shown once): "));
    let again = truce(&["user", "add", "ana", "--role", "viewer", "--db", path_str(&db)]);
    assert_eq!(again.status.code(), Some(1), "a taken name is refused");
    let bad_role = truce(&["user", "add", "bo", "--role", "owner", "--db", path_str(&db)]);
    assert_eq!(bad_role.status.code(), Some(1));
}
