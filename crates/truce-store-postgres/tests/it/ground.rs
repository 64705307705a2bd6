//! Zone imports and incident corrections beyond the conformance suite: what
//! only PostgreSQL has to guard, several connections importing at once, and
//! rows written past the store's API.

use std::sync::{Arc, Barrier};

use truce_store::{Store, StoreError, ZoneVersionRow};

use crate::TestSchema;

fn square(from: &str, to: Option<&str>) -> ZoneVersionRow {
    ZoneVersionRow {
        valid_from: from.parse().unwrap(),
        valid_to: to.map(|t| t.parse().unwrap()),
        source: "test map".into(),
        note: String::new(),
        constructed: false,
        geometry: r#"{"type":"Polygon","coordinates":[[[46.7,39.8],[46.8,39.8],[46.8,39.9],[46.7,39.9],[46.7,39.8]]]}"#
            .into(),
        bbox: [46.7, 39.8, 46.8, 39.9],
    }
}

/// Connections importing overlapping versions of one zone at the same
/// moment: exactly one import is stored, every other is a conflict.
#[test]
fn concurrent_overlapping_imports_store_one() {
    let schema = TestSchema::new();
    drop(schema.store());
    let workers = 6;
    let barrier = Arc::new(Barrier::new(workers));
    let results: Vec<Result<i64, StoreError>> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..workers)
            .map(|t| {
                let (barrier, schema) = (barrier.clone(), &schema);
                scope.spawn(move || {
                    let mut store = schema.store();
                    // Different periods, all sharing 2023-06-01.
                    let from = format!("2023-0{}-01", 1 + t % 5);
                    let versions = vec![("corridor".to_owned(), square(&from, Some("2023-06-01")))];
                    barrier.wait();
                    store.put_zone_import("ana", &format!("t{t}.geojson"), b"raw", &versions)
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    });
    let stored = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(stored, 1, "{results:?}");
    assert!(results.iter().all(|r| matches!(r, Ok(_) | Err(StoreError::Conflict(_)))), "{results:?}");
    let store = schema.store();
    assert_eq!((store.zone_versions().unwrap().len(), store.zone_imports().unwrap().len()), (1, 1));
}

/// The schema itself refuses an overlapping version written past the store.
#[test]
fn the_trigger_refuses_overlaps_written_past_the_store() {
    let schema = TestSchema::new();
    let mut store = schema.store();
    let id = store.put_zone_import("ana", "a.geojson", b"a", &[("z".to_owned(), square("2023-01-01", None))]).unwrap();
    let mut client = schema.client();
    let insert = |from: &str| {
        format!(
            "INSERT INTO zone_versions (import_id, zone_name, valid_from, source, note, constructed, geometry, \
                                        min_lon, min_lat, max_lon, max_lat) \
             VALUES ({id}, 'z', '{from}', 's', '', false, '{{}}', 0, 0, 0, 0)"
        )
    };
    let refused = client.batch_execute(&insert("2030-01-01")).unwrap_err();
    assert!(format!("{refused:?}").contains("overlaps"), "{refused:?}");
    assert_eq!(store.zone_versions().unwrap().len(), 1);
    // Not JSON is refused by the table too.
    let bad =
        client.batch_execute("INSERT INTO incident_corrections (user_name, correction_json) VALUES ('x', 'merge')");
    assert!(bad.is_err());
    assert!(store.incident_corrections().unwrap().is_empty());
}

/// Text PostgreSQL cannot hold is refused with nothing stored.
#[test]
fn nul_characters_in_an_import_are_refused() {
    let schema = TestSchema::new();
    let mut store = schema.store();
    let mut row = square("2023-01-01", None);
    row.note = "a\0b".into();
    let result = store.put_zone_import("ana", "nul.geojson", b"r\0w", &[("z".to_owned(), row)]);
    assert!(
        matches!(&result, Err(StoreError::Backend(m)) if m.contains("nul.geojson") && m.contains("NUL")),
        "{result:?}"
    );
    assert!(store.zone_imports().unwrap().is_empty());
    // Raw bytes are BYTEA: NUL is fine there.
    store.put_zone_import("ana", "nul.geojson", b"r\0w", &[("z".to_owned(), square("2023-01-01", None))]).unwrap();
    assert_eq!(store.zone_imports().unwrap()[0].raw, b"r\0w");
}
