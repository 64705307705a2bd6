//! `truce incidents split|merge|verdict`: analysts' corrections stored, then
//! applied wherever incidents are built; one naming no incident is refused
//! with nothing stored.

use serde_json::Value;

use crate::{path_str, stderr, stdout, truce};

/// Two occurrences the automatic grouping keeps apart: a firing near
/// Khojavend in May, a protest near Lachin in June.
fn two_incidents(dir: &std::path::Path) -> String {
    let reports = dir.join("reports");
    std::fs::create_dir(&reports).expect("mkdir");
    let write = |name: &str, text: &str| std::fs::write(reports.join(name), text).expect("write report");
    write("a.txt", "On 14 May 2023, units of the Armenian armed formations opened fire on Azerbaijani positions near Khojavend, the Ministry of Defense of Azerbaijan said.\n");
    write("b.txt", "On 20 June 2023, residents held a protest near Lachin, Armenpress reported.\n");
    write("manifest.csv", "file,outlet,published,language,url\na.txt,Caspian Wire,2023-05-15,en,\nb.txt,Yerevan Bulletin,2023-06-21,en,\n");
    let db = path_str(&dir.join("t.db")).to_owned();
    let out = truce(&["ingest", path_str(&reports), "--db", &db]);
    assert!(out.status.success(), "{}", stderr(&out));
    db
}

fn incidents(db: &str) -> Vec<Value> {
    let out = truce(&["incidents", "--db", db, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out).lines().map(|l| serde_json::from_str(l).expect("json")).collect()
}

fn event_ids(incident: &Value) -> Vec<i64> {
    let mut ids: Vec<i64> = incident["events"].as_array().unwrap().iter().map(|e| e["event_id"].as_i64().unwrap()).collect();
    ids.sort_unstable();
    ids
}

fn of_type<'a>(all: &'a [Value], event_type: &str) -> &'a Value {
    all.iter().find(|i| i["event_type"] == event_type).unwrap_or_else(|| panic!("no {event_type} incident: {all:#?}"))
}

#[test]
fn merge_then_split_then_verdict() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = two_incidents(dir.path());
    let before = incidents(&db);
    let (fire, protest) = (of_type(&before, "firing"), of_type(&before, "protest"));
    let (fire_id, protest_id) = (fire["id"].as_i64().unwrap(), protest["id"].as_i64().unwrap());
    let protest_events = event_ids(protest);

    // An incident no event of which exists: refused, nothing stored.
    let unknown = truce(&["incidents", "merge", &fire_id.to_string(), "9999", "--db", &db]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(stderr(&unknown).contains("no incident holds event 9999") && stderr(&unknown).contains("nothing stored"), "{}", stderr(&unknown));
    assert_eq!(incidents(&db), before);

    let merged = truce(&["incidents", "merge", &fire_id.to_string(), &protest_events[0].to_string(), "--user", "ana", "--db", &db]);
    assert!(merged.status.success(), "{}", stderr(&merged));
    let after = incidents(&db);
    assert_eq!(after.len(), before.len() - 1, "two incidents became one: {after:#?}");
    let joined = of_type(&after, "firing");
    let mut all_ids = event_ids(fire);
    all_ids.extend(&protest_events);
    all_ids.sort_unstable();
    assert_eq!(event_ids(joined), all_ids);
    assert!(joined["corrections"][0].as_str().unwrap().contains("merge"), "{joined:#}");

    // Taking the protest's events back out undoes it.
    let events = protest_events.iter().map(ToString::to_string).collect::<Vec<_>>().join(",");
    let split = truce(&["incidents", "split", &fire_id.to_string(), "--events", &events, "--user", "bob", "--db", &db]);
    assert!(split.status.success(), "{}", stderr(&split));
    let again = incidents(&db);
    assert_eq!(again.len(), before.len());
    assert_eq!(event_ids(of_type(&again, "firing")), event_ids(fire));
    assert_eq!(event_ids(of_type(&again, "protest")), protest_events);

    // A verdict is shown, beside the computed status, which stays.
    let verdict = truce(&["incidents", "verdict", &protest_id.to_string(), "--status", "credible", "--note", "seen on video", "--user", "ana", "--db", &db]);
    assert!(verdict.status.success(), "{}", stderr(&verdict));
    let shown = incidents(&db);
    let protest = of_type(&shown, "protest");
    assert_eq!(protest["display_status"], "credible (reviewer: ana); computed: single_source", "{protest:#}");
    assert_eq!(protest["status"], "single_source");
    assert_eq!(protest["verdict"]["note"], "seen on video");
    let table = stdout(&truce(&["incidents", "list", "--db", &db]));
    assert!(table.contains("credible (reviewer: ana); computed: single_source"), "{table}");

    let bad = truce(&["incidents", "verdict", &protest_id.to_string(), "--status", "true", "--note", "x", "--db", &db]);
    assert_eq!(bad.status.code(), Some(2), "not a verdict: a usage error");
    assert!(stderr(&bad).contains("not_credible"), "{}", stderr(&bad));
    assert_eq!(incidents(&db), shown, "nothing stored by refused corrections");
}
