//! GeoJSON import and export: round trip, validation, all-or-nothing.

use truce_zones::{
    FeatureProblem, VersionMeta, ZoneError, ZoneSet, import_geojson, import_zones_geojson,
};

use crate::{at_place, d, inside, shipped};

fn meta(from: &str, to: Option<&str>) -> VersionMeta {
    VersionMeta {
        from: d(from),
        to: to.map(d),
        source: "Russian MoD website map".into(),
        note: "test map".into(),
    }
}

/// A square around Khankendi, as GeoJSON ring positions.
const SQUARE: &str = "[[46.70,39.78],[46.80,39.78],[46.80,39.86],[46.70,39.86],[46.70,39.78]]";

fn feature(geometry: &str) -> String {
    format!(r#"{{"type":"Feature","properties":{{}},"geometry":{geometry}}}"#)
}

fn polygon(ring: &str) -> String {
    format!(r#"{{"type":"Polygon","coordinates":[{ring}]}}"#)
}

/// A FeatureCollection whose feature 0 is good and feature 1 is `bad`.
fn collection_with_bad_second(bad: &str) -> String {
    format!(
        r#"{{"type":"FeatureCollection","features":[{},{}]}}"#,
        feature(&polygon(SQUARE)),
        feature(bad)
    )
}

/// A set with one real map in it, to check bad imports leave it as it was.
fn base_set() -> ZoneSet {
    let mut set = ZoneSet::new();
    set.import_geojson(
        "ok.geojson",
        &polygon(SQUARE),
        "ru-mod-zone",
        meta("2022-03-24", Some("2022-03-28")),
    )
    .unwrap();
    set
}

#[test]
fn imported_map_places_points_on_its_dates() {
    let set = base_set();
    let v = &set.get("ru-mod-zone").unwrap().versions()[0];
    assert!(!v.constructed && !v.is_illustrative());
    assert_eq!(v.source, "Russian MoD website map");
    assert!(inside(
        &set,
        "ru-mod-zone",
        &at_place("khankendi"),
        "2022-03-24"
    ));
    assert!(inside(
        &set,
        "ru-mod-zone",
        &at_place("khankendi"),
        "2022-03-28"
    ));
    assert!(!inside(
        &set,
        "ru-mod-zone",
        &at_place("khankendi"),
        "2022-03-29"
    ));
    assert!(!inside(
        &set,
        "ru-mod-zone",
        &at_place("farrukh"),
        "2022-03-25"
    ));
}

#[test]
fn export_then_import_gives_the_same_zones() {
    let original = shipped();
    let text = original.export_all().to_string();
    let mut back = ZoneSet::new();
    back.import_zones_geojson("export.geojson", &text).unwrap();
    assert_eq!(
        back, original,
        "names, periods, sources, notes, flags and geometry survive"
    );
    assert!(
        back.zones()
            .all(|z| z.versions().iter().all(|v| v.constructed))
    );

    // One zone, then one feature of it as a plain map.
    let one = original.export_zone("lachin-corridor").unwrap();
    assert_eq!(one.features.len(), 2);
    let first = one.features[0].to_string();
    let v = import_geojson(
        "one.geojson",
        &first,
        meta("2020-11-10", Some("2022-08-25")),
    )
    .unwrap();
    assert_eq!(
        v.geometry,
        original.get("lachin-corridor").unwrap().versions()[0].geometry
    );
    assert!(
        !v.constructed,
        "a plain import is whatever map the caller says it is"
    );

    // The export of a day has the properties the CLI shows.
    let fc = original.export_at(d("2022-09-01"));
    let props = fc.features[0].properties.as_ref().unwrap();
    assert_eq!(props["name"], "lachin-corridor");
    assert_eq!(props["from"], "2022-08-26");
    assert!(props["to"].is_null());
    assert_eq!(props["illustrative"], true);
    assert!(props["area_km2"].as_f64().unwrap() > 0.0);
}

#[test]
fn an_illustrative_flag_survives_a_reimport_without_constructed() {
    let text = format!(
        r#"{{"type":"Feature","properties":{{"name":"z","from":"2021-01-01","illustrative":true}},"geometry":{}}}"#,
        polygon(SQUARE)
    );
    let items = import_zones_geojson("f.geojson", &text).unwrap();
    assert!(items[0].1.constructed);
}

fn assert_refused(text: &str, expected: ZoneError, message: &str) {
    let mut set = base_set();
    let before = set.clone();
    let err = set
        .import_geojson(
            "bad.geojson",
            text,
            "ru-mod-zone-2",
            meta("2022-03-29", None),
        )
        .unwrap_err();
    assert_eq!(err, expected);
    assert_eq!(err.to_string(), message);
    assert_eq!(set, before, "a refused import changes nothing");
}

fn bad_feature(feature: usize, problem: FeatureProblem) -> ZoneError {
    ZoneError::Feature {
        file: "bad.geojson".into(),
        feature,
        problem,
    }
}

#[test]
fn malformed_geojson_is_refused() {
    let mut set = base_set();
    let before = set.clone();
    for text in [
        "{\"type\": \"FeatureCollection\", \"features\": [",
        "not json",
        "{\"type\":\"Banana\"}",
    ] {
        let err = set
            .import_geojson("bad.geojson", text, "x", meta("2022-03-29", None))
            .unwrap_err();
        assert!(matches!(err, ZoneError::Malformed { .. }), "{err:?}");
        assert!(
            err.to_string()
                .starts_with("bad.geojson: malformed GeoJSON: "),
            "{err}"
        );
    }
    let err = set
        .import_geojson(
            "bad.geojson",
            r#"{"type":"FeatureCollection","features":[]}"#,
            "x",
            meta("2022-03-29", None),
        )
        .unwrap_err();
    assert_eq!(err.to_string(), "bad.geojson: no features");
    assert_eq!(set, before);
}

#[test]
fn a_non_polygon_feature_is_refused() {
    assert_refused(
        &collection_with_bad_second(
            r#"{"type":"LineString","coordinates":[[46.7,39.8],[46.8,39.9]]}"#,
        ),
        bad_feature(
            1,
            FeatureProblem::NotPolygon {
                found: "LineString".into(),
            },
        ),
        "bad.geojson: feature 1: geometry is a LineString, not a Polygon or MultiPolygon",
    );
    assert_refused(
        &collection_with_bad_second("null"),
        bad_feature(1, FeatureProblem::NoGeometry),
        "bad.geojson: feature 1: has no geometry",
    );
}

#[test]
fn an_unclosed_ring_is_refused() {
    let open = "[[46.70,39.78],[46.80,39.78],[46.80,39.86],[46.70,39.86],[46.71,39.79]]";
    assert_refused(
        &collection_with_bad_second(&polygon(open)),
        bad_feature(
            1,
            FeatureProblem::UnclosedRing {
                polygon: 0,
                ring: 0,
            },
        ),
        "bad.geojson: feature 1: polygon 0 ring 0 is not closed (its last position differs from its first)",
    );
    let short = "[[46.70,39.78],[46.80,39.78],[46.70,39.78]]";
    assert_refused(
        &polygon(short),
        bad_feature(
            0,
            FeatureProblem::TooFewPositions {
                polygon: 0,
                ring: 0,
                count: 3,
            },
        ),
        "bad.geojson: feature 0: polygon 0 ring 0 has 3 positions; a ring needs at least 4",
    );
}

#[test]
fn a_self_intersecting_polygon_is_refused() {
    // A bow tie: the ring crosses itself.
    let bow_tie = "[[46.70,39.78],[46.80,39.86],[46.80,39.78],[46.70,39.86],[46.70,39.78]]";
    let multi = format!(r#"{{"type":"MultiPolygon","coordinates":[[{SQUARE}],[{bow_tie}]]}}"#);
    let mut set = base_set();
    let before = set.clone();
    let err = set
        .import_geojson(
            "bad.geojson",
            &collection_with_bad_second(&multi),
            "x",
            meta("2022-03-29", None),
        )
        .unwrap_err();
    match &err {
        ZoneError::Feature {
            file,
            feature: 1,
            problem: FeatureProblem::SelfIntersection { polygon: 1, .. },
        } => {
            assert_eq!(file, "bad.geojson")
        }
        other => panic!("{other:?}"),
    }
    assert!(
        err.to_string()
            .starts_with("bad.geojson: feature 1: polygon 1 is self-intersecting: "),
        "{err}"
    );
    assert_eq!(set, before);
}

#[test]
fn coordinates_out_of_range_are_refused() {
    let lat_95 = "[[46.70,39.78],[46.80,95.0],[46.80,39.86],[46.70,39.78]]";
    assert_refused(
        &collection_with_bad_second(&polygon(lat_95)),
        bad_feature(
            1,
            FeatureProblem::OutOfRange {
                polygon: 0,
                ring: 0,
                position: 1,
                lon: 46.8,
                lat: 95.0,
            },
        ),
        "bad.geojson: feature 1: polygon 0 ring 0 position 1 is out of range: lon 46.8, lat 95 \
         (lon must be in [-180, 180], lat in [-90, 90], as [lon, lat])",
    );
    let lon_200 = "[[200.0,39.78],[46.80,39.78],[46.80,39.86],[200.0,39.78]]";
    assert_refused(
        &polygon(lon_200),
        bad_feature(
            0,
            FeatureProblem::OutOfRange {
                polygon: 0,
                ring: 0,
                position: 0,
                lon: 200.0,
                lat: 39.78,
            },
        ),
        "bad.geojson: feature 0: polygon 0 ring 0 position 0 is out of range: lon 200, lat 39.78 \
         (lon must be in [-180, 180], lat in [-90, 90], as [lon, lat])",
    );
}

#[test]
fn overlapping_versions_are_refused() {
    // base_set has 2022-03-24..2022-03-28.
    let mut set = base_set();
    let before = set.clone();
    let err = set
        .import_geojson(
            "later.geojson",
            &polygon(SQUARE),
            "ru-mod-zone",
            meta("2022-03-28", None),
        )
        .unwrap_err();
    assert_eq!(
        err,
        ZoneError::Overlap {
            file: "later.geojson".into(),
            zone: "ru-mod-zone".into(),
            new: "2022-03-28..".into(),
            existing: "2022-03-24..2022-03-28".into(),
        }
    );
    assert_eq!(
        err.to_string(),
        "later.geojson: zone `ru-mod-zone`: version 2022-03-28.. overlaps version 2022-03-24..2022-03-28"
    );
    assert_eq!(set, before);
    // The next day is fine, and then the zone has two versions.
    set.import_geojson(
        "later.geojson",
        &polygon(SQUARE),
        "ru-mod-zone",
        meta("2022-03-29", None),
    )
    .unwrap();
    assert_eq!(set.get("ru-mod-zone").unwrap().versions().len(), 2);

    // Two overlapping versions in one batch: neither goes in.
    let mut fresh = ZoneSet::new();
    let mut text = shipped().export_all();
    let dup = text.features[0].clone();
    text.features.push(dup);
    let err = fresh
        .import_zones_geojson("dup.geojson", &text.to_string())
        .unwrap_err();
    assert!(
        matches!(err, ZoneError::Overlap { ref zone, .. } if zone == "lachin-corridor"),
        "{err:?}"
    );
    assert!(fresh.is_empty());
}

#[test]
fn bad_periods_and_properties_are_refused() {
    let mut set = base_set();
    let before = set.clone();
    let err = set
        .import_geojson("p.geojson", &polygon(SQUARE), "z", meta("2022-03", None))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "p.geojson: zone `z`: bad period: `from` 2022-03 is not a full date (YYYY-MM-DD)"
    );
    let err = set
        .import_geojson(
            "p.geojson",
            &polygon(SQUARE),
            "z",
            meta("2022-03-05", Some("2022-03-01")),
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "p.geojson: zone `z`: bad period: `to` 2022-03-01 is before `from` 2022-03-05"
    );
    assert_eq!(set, before);

    let no_from = format!(
        r#"{{"type":"Feature","properties":{{"name":"z"}},"geometry":{}}}"#,
        polygon(SQUARE)
    );
    let err = import_zones_geojson("e.geojson", &no_from).unwrap_err();
    assert_eq!(
        err.to_string(),
        "e.geojson: feature 0: property `from`: missing"
    );
}

#[test]
fn versions_added_in_code_get_the_same_checks() {
    use truce_zones::ZoneVersion;
    use truce_zones::geo::{MultiPolygon, polygon};

    let good = ZoneVersion::new(
        MultiPolygon::new(vec![
            polygon![(x: 46.7, y: 39.8), (x: 46.8, y: 39.8), (x: 46.8, y: 39.9)],
        ]),
        meta("2021-01-01", None),
        false,
    );
    let bow_tie = ZoneVersion::new(
        MultiPolygon::new(vec![polygon![
            (x: 46.7, y: 39.8), (x: 46.8, y: 39.9), (x: 46.8, y: 39.8), (x: 46.7, y: 39.9)
        ]]),
        meta("2021-01-01", None),
        false,
    );
    let empty = ZoneVersion::new(MultiPolygon::new(vec![]), meta("2021-01-01", None), false);
    let mut set = base_set();
    let before = set.clone();
    let err = set
        .insert_all(
            "code",
            vec![("a".into(), good.clone()), ("b".into(), bow_tie)],
        )
        .unwrap_err();
    assert!(
        matches!(
            err,
            ZoneError::Feature {
                feature: 1,
                problem: FeatureProblem::SelfIntersection { .. },
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        set.insert("code", "c", empty).unwrap_err().to_string(),
        "code: zone `c`: the area is empty"
    );
    assert_eq!(
        set.insert("code", " ", good.clone())
            .unwrap_err()
            .to_string(),
        "code: bad zone name \" \": empty"
    );
    assert_eq!(set, before);
    set.insert("code", "a", good).unwrap();
    assert_eq!(set.len(), 2);
}
