//! The zone of responsibility "suddenly lengthened to the south by tens of
//! kilometers" on 12–13 December 2020.

use truce_zones::{Locus, ZoneError};

use crate::{at_place, d, gaz, inside, shipped};

#[test]
fn hadrut_is_outside_on_12_december_and_inside_on_14_december() {
    let set = shipped();
    for id in ["hadrut", "chaylaggala", "kohne-taghlar"] {
        let here = at_place(id);
        assert!(
            !inside(&set, "peacekeeping-zone", &here, "2020-12-12"),
            "{id} on 12 Dec"
        );
        assert!(
            inside(&set, "peacekeeping-zone", &here, "2020-12-14"),
            "{id} on 14 Dec"
        );
        // Outside: the distance to the nearest edge is given too.
        let ps = set.placements(&here, d("2020-12-12"));
        let p = ps
            .iter()
            .find(|p| p.zone.name() == "peacekeeping-zone")
            .unwrap();
        assert!(
            !p.inside && p.distance_to_edge_km > 1.0,
            "{id}: {}",
            p.distance_to_edge_km
        );
    }
    // The core settlements are inside both versions; Shusha and Aghdam neither.
    for id in [
        "khankendi",
        "khojaly",
        "farrukh",
        "khojavend",
        "taghavard",
        "janyatag",
    ] {
        assert!(
            inside(&set, "peacekeeping-zone", &at_place(id), "2020-12-12"),
            "{id}"
        );
        assert!(
            inside(&set, "peacekeeping-zone", &at_place(id), "2020-12-14"),
            "{id}"
        );
    }
    for id in ["shusha", "aghdam", "fuzuli"] {
        assert!(
            !inside(&set, "peacekeeping-zone", &at_place(id), "2020-12-14"),
            "{id}"
        );
    }
}

#[test]
fn before_the_ceasefire_there_is_no_zone() {
    let set = shipped();
    assert!(set.at(d("2020-11-09")).is_empty());
    assert!(
        set.zones_containing(&at_place("khankendi"), d("2020-11-09"))
            .is_empty()
    );
    let on = set.at(d("2021-01-01"));
    let names: Vec<&str> = on.iter().map(|(z, _)| z.name()).collect();
    assert_eq!(names, ["lachin-corridor", "peacekeeping-zone"]);
}

#[test]
fn a_month_matches_both_versions_of_a_zone_that_changed_in_it() {
    let set = shipped();
    let pk: Vec<String> = set
        .at(d("2020-12"))
        .iter()
        .filter(|(z, _)| z.name() == "peacekeeping-zone")
        .map(|(_, v)| v.period())
        .collect();
    assert_eq!(pk, ["2020-11-10..2020-12-12", "2020-12-13.."]);
    // Hadrut in December 2020: outside one version, inside the other.
    let ps = set.placements(&at_place("hadrut"), d("2020-12"));
    let sides: Vec<bool> = ps
        .iter()
        .filter(|p| p.zone.name() == "peacekeeping-zone")
        .map(|p| p.inside)
        .collect();
    assert_eq!(sides.len(), 2);
    assert!(sides.contains(&true) && sides.contains(&false));
}

#[test]
fn a_line_into_the_extension_intersects_only_after_the_change() {
    let set = shipped();
    let (f, h) = (gaz().get("fuzuli").unwrap(), gaz().get("hadrut").unwrap());
    let line = Locus::line_lat_lon(&[
        (f.lat.unwrap(), f.lon.unwrap()),
        (h.lat.unwrap(), h.lon.unwrap()),
    ])
    .unwrap();
    assert!(!inside(&set, "peacekeeping-zone", &line, "2020-12-12"));
    assert!(inside(&set, "peacekeeping-zone", &line, "2020-12-14"));
    let ps = set.placements(&line, d("2020-12-14"));
    let p = ps
        .iter()
        .find(|p| p.zone.name() == "peacekeeping-zone")
        .unwrap();
    assert_eq!(p.distance_to_edge_km, 0.0);
}

#[test]
fn diff_reports_the_added_area_and_the_places_that_changed_side() {
    let set = shipped();
    let diff = set
        .diff("peacekeeping-zone", d("2020-12-12"), d("2020-12-13"), gaz())
        .unwrap();
    assert!(diff.illustrative);
    assert!(diff.added_km2 > 100.0, "added {} km²", diff.added_km2);
    assert!(diff.removed_km2 < 0.01, "removed {} km²", diff.removed_km2);
    for id in ["hadrut", "chaylaggala", "kohne-taghlar"] {
        let c = diff
            .places_changed_side
            .iter()
            .find(|c| c.place_id == id)
            .unwrap_or_else(|| panic!("{id} not in {:?}", diff.places_changed_side));
        assert!(!c.was_inside && c.now_inside);
    }
    assert!(
        diff.places_changed_side
            .iter()
            .all(|c| !c.was_inside && c.now_inside)
    );
    // Added is the same area as the growth of the zone.
    let z = set.get("peacekeeping-zone").unwrap();
    let grown = z.versions()[1].area_km2() - z.versions()[0].area_km2();
    assert!(
        (grown - diff.added_km2).abs() < 0.5,
        "{grown} vs {}",
        diff.added_km2
    );

    // The same day twice: nothing changes. Before the zone existed: all added.
    let same = set
        .diff("peacekeeping-zone", d("2021-01-01"), d("2021-02-01"), gaz())
        .unwrap();
    assert_eq!((same.added_km2, same.removed_km2), (0.0, 0.0));
    assert!(same.places_changed_side.is_empty());
    let born = set
        .diff("peacekeeping-zone", d("2020-11-01"), d("2020-11-10"), gaz())
        .unwrap();
    assert!((born.added_km2 - z.versions()[0].area_km2()).abs() < 0.5);
    assert!(
        born.places_changed_side
            .iter()
            .any(|c| c.place_id == "khankendi" && c.now_inside)
    );

    assert_eq!(
        set.diff("no-such-zone", d("2020-12-12"), d("2020-12-13"), gaz())
            .unwrap_err(),
        ZoneError::UnknownZone("no-such-zone".into())
    );
    assert!(matches!(
        set.diff("peacekeeping-zone", d("2020-12"), d("2020-12-13"), gaz()),
        Err(ZoneError::NeedFullDate(_))
    ));
}
