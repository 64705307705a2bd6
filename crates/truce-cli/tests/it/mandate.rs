//! Incidents across reports, assessments against the 10 November 2020
//! statement, and bulletins, from reports ingested as a user would.

use crate::{path_str, stderr, stdout, truce};

fn write(dir: &std::path::Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write report");
}

/// Two outlets report the same fire from the same ministry; the other side's ministry denies it.
fn corpus(dir: &std::path::Path) {
    write(dir, "a.txt", "On 14 May 2023, units of the Armenian armed formations opened fire on Azerbaijani positions near Khojavend, the Ministry of Defense of Azerbaijan said.\n");
    write(dir, "b.txt", "Azerbaijani positions near Khojavend came under fire from Armenian units on 14 May 2023, according to the Azerbaijani Ministry of Defense.\n");
    write(dir, "c.txt", "The Ministry of Defense of Armenia denied that its units opened fire near Khojavend on 14 May 2023.\n");
    write(
        dir,
        "manifest.csv",
        "file,outlet,published,language,url\na.txt,Caspian Wire,2023-05-15,en,\nb.txt,Baku Daily,2023-05-15,en,\nc.txt,Yerevan Bulletin,2023-05-15,en,\n",
    );
}

#[test]
fn one_occurrence_two_outlets_one_denial_is_one_disputed_incident_with_three_claims() {
    let dir = tempfile::tempdir().expect("tempdir");
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).expect("mkdir");
    corpus(&reports);
    let db = dir.path().join("t.db");
    let ingested = truce(&["ingest", path_str(&reports), "--db", path_str(&db)]);
    assert!(ingested.status.success(), "{}", stderr(&ingested));

    let out = truce(&["incidents", "--db", path_str(&db), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let incidents: Vec<serde_json::Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).expect("json")).collect();
    let fire: Vec<&serde_json::Value> = incidents.iter().filter(|i| i["event_type"] == "firing").collect();
    assert_eq!(fire.len(), 1, "one incident, not one per report: {incidents:#?}");
    let fire = fire[0];
    assert_eq!(fire["status"], "disputed", "{fire:#}");
    assert_eq!(fire["claims"].as_array().unwrap().len(), 3, "{fire:#}");
    // Two outlets quoting the same ministry are one source.
    assert_eq!(fire["sources"], serde_json::json!(["Ministry of Defense of Azerbaijan"]), "{fire:#}");

    let assess = stdout(&truce(&["assess", "--db", path_str(&db)]));
    assert!(assess.contains("if so, this would"), "{assess}");
    assert!(assess.contains("disputed by Ministry of Defense of Armenia"), "{assess}");
    for word in ["breached", "violated the", "was a violation"] {
        assert!(!assess.contains(word), "truce must not assert a breach: {assess}");
    }
}

#[test]
fn bulletins_render_in_markdown_and_escape_hostile_text_in_html() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    assert!(truce(&["demo", "--no-serve", "--db", path_str(&db)]).status.success());
    let md = truce(&["report", "--db", path_str(&db), "--from", "2022-12-01", "--to", "2022-12-31"]);
    assert!(md.status.success(), "{}", stderr(&md));
    let md = stdout(&md);
    assert!(md.starts_with("# Ceasefire bulletin, 2022-12-01 to 2022-12-31"), "{md}");
    assert!(md.contains("## By type") && md.contains("## Claims"), "{md}");
    let html = stdout(&truce(&["report", "--db", path_str(&db), "--from", "2022-12-01", "--to", "2022-12-31", "--format", "html"]));
    assert!(html.contains("<html") || html.contains("<!DOCTYPE html>"), "{html}");
    assert!(!html.contains("<script>alert(1)</script>"), "hostile text must be escaped");
    let bad = truce(&["report", "--db", path_str(&db), "--from", "2022-12-01", "--to", "2022-12-31", "--format", "pdf"]);
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn incidents_know_the_zones_they_fell_in_on_their_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).expect("mkdir");
    // Hadrut lies outside the illustrative zone of responsibility until 12 December 2020, inside after.
    write(&reports, "early.txt", "On 5 December 2020 shots were fired near Hadrut, the outlet said.\n");
    write(&reports, "late.txt", "On 20 December 2020 shots were fired near Hadrut, the outlet said.\n");
    write(&reports, "manifest.csv", "file,outlet,published,language,url\nearly.txt,Wire A,2020-12-06,en,\nlate.txt,Wire B,2020-12-21,en,\n");
    let db = dir.path().join("t.db");
    assert!(truce(&["ingest", path_str(&reports), "--db", path_str(&db)]).status.success());
    let out = stdout(&truce(&["incidents", "--db", path_str(&db), "--json"]));
    let inside = |day: &str| -> bool {
        let i: serde_json::Value = out
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json"))
            .find(|i| i["first_day"] == day)
            .unwrap_or_else(|| panic!("no incident on {day}: {out}"));
        i["zones"].as_array().unwrap().iter().any(|z| z["zone"] == "peacekeeping-zone" && z["inside"] == true)
    };
    assert!(!inside("2020-12-05"), "{out}");
    assert!(inside("2020-12-20"), "{out}");
}
