//! The shipped definitions evaluate to valid, illustrative zones.

use truce_zones::geo::Validation;
use truce_zones::{BUILTIN_DEFINITIONS, CONSTRUCTED_SOURCE, ZoneSet, evaluate_definitions};

use crate::{d, gaz, shipped};

#[test]
fn shipped_definitions_evaluate_to_valid_illustrative_polygons() {
    let set = shipped();
    let names: Vec<&str> = set.zones().map(|z| z.name()).collect();
    assert_eq!(names, ["lachin-corridor", "peacekeeping-zone"]);
    for z in set.zones() {
        assert_eq!(z.versions().len(), 2, "{}", z.name());
        assert!(z.is_illustrative());
        for v in z.versions() {
            let what = format!("{} {}", z.name(), v.period());
            assert!(v.constructed && v.is_illustrative(), "{what}");
            assert_eq!(v.source, CONSTRUCTED_SOURCE, "{what}");
            assert!(v.note.starts_with("Illustrative"), "{what}: {}", v.note);
            assert!(v.note.contains("Built as:"), "{what}: {}", v.note);
            assert!(!v.geometry.0.is_empty(), "{what}");
            if let Err(e) = v.geometry.check_validation() {
                panic!("{what}: invalid geometry: {e}");
            }
            // The whole area lies in the South Caucasus.
            for p in &v.geometry.0 {
                for c in &p.exterior().0 {
                    assert!(
                        (46.0..47.5).contains(&c.x) && (39.3..40.4).contains(&c.y),
                        "{what}: {c:?}"
                    );
                }
            }
            let a = v.area_km2();
            assert!((50.0..3000.0).contains(&a), "{what}: {a} km²");
        }
    }
}

#[test]
fn shipped_zones_export_as_illustrative() {
    let fc = shipped().export_at(d("2021-06-01"));
    assert_eq!(fc.features.len(), 2);
    for f in &fc.features {
        let props = f.properties.as_ref().unwrap();
        assert_eq!(props["illustrative"], true);
        assert_eq!(props["constructed"], true);
        assert_eq!(props["source"], CONSTRUCTED_SOURCE);
    }
}

#[test]
fn builtin_is_the_data_file() {
    let items =
        evaluate_definitions("data/zones/definitions.toml", BUILTIN_DEFINITIONS, gaz()).unwrap();
    assert_eq!(items.len(), 4);
    let mut set = ZoneSet::new();
    set.insert_all("x", items).unwrap();
    assert_eq!(set, shipped());
}
