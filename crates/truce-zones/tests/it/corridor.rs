//! The 5-km Lachin corridor: its width, the distance to its edge, and the
//! August 2022 move to the new road.

use truce_zones::Locus;
use truce_zones::geo::{Bearing, Destination, Distance, Geodesic, LineString, Point};

use crate::{at_place, d, gaz, inside, shipped};

fn point_of(id: &str) -> Point<f64> {
    let p = gaz().get(id).unwrap();
    Point::new(p.lon.unwrap(), p.lat.unwrap())
}

/// A point `km` off the middle of the segment `a`→`b`, perpendicular to it
/// (positive: to the right of the direction of travel), measured
/// geodesically, independently of the crate's km plane.
fn offset_from_segment(a: &str, b: &str, km: f64) -> Locus {
    let (pa, pb) = (point_of(a), point_of(b));
    let mid = Point::new((pa.x() + pb.x()) / 2.0, (pa.y() + pb.y()) / 2.0);
    let bearing = Geodesic.bearing(pa, pb);
    let (side, dist) = if km >= 0.0 { (90.0, km) } else { (-90.0, -km) };
    let p = Geodesic.destination(mid, bearing + side, dist * 1000.0);
    Locus::lat_lon(p.y(), p.x()).unwrap()
}

#[test]
fn a_point_2_km_off_the_road_is_inside_the_5_km_corridor_and_4_km_is_not() {
    let set = shipped();
    for (a, b) in [("lachin", "shusha"), ("hakari-bridge", "lachin")] {
        for side in [1.0, -1.0] {
            let near = offset_from_segment(a, b, 2.0 * side);
            let far = offset_from_segment(a, b, 4.0 * side);
            assert!(
                inside(&set, "lachin-corridor", &near, "2021-06-01"),
                "{a}-{b} 2 km side {side}"
            );
            assert!(
                !inside(&set, "lachin-corridor", &far, "2021-06-01"),
                "{a}-{b} 4 km side {side}"
            );
        }
    }
}

#[test]
fn distance_to_the_edge_in_km() {
    let set = shipped();
    let on_date = d("2021-06-01");
    let dist = |l: &Locus| {
        let ps = set.placements(l, on_date);
        let p = ps
            .iter()
            .find(|p| p.zone.name() == "lachin-corridor")
            .unwrap();
        (p.inside, p.distance_to_edge_km)
    };
    let (inside, km) = dist(&offset_from_segment("lachin", "shusha", 0.0));
    assert!(inside);
    assert!(
        (km - 2.5).abs() < 0.05,
        "centre line is {km} km from the edge"
    );
    let (inside, km) = dist(&offset_from_segment("lachin", "shusha", 2.0));
    assert!(inside && (km - 0.5).abs() < 0.05, "{km}");
    let (inside, km) = dist(&offset_from_segment("lachin", "shusha", -4.0));
    assert!(!inside && (km - 1.5).abs() < 0.05, "{km}");
}

#[test]
fn the_corridor_has_the_area_of_a_5_km_band_along_its_route() {
    let set = shipped();
    let v = set
        .get("lachin-corridor")
        .unwrap()
        .version_on(d("2021-06-01"))
        .unwrap();
    let route: LineString<f64> = [
        "goris",
        "kornidzor",
        "hakari-bridge",
        "lachin",
        "shusha",
        "khankendi",
    ]
    .iter()
    .map(|id| point_of(id).0)
    .collect();
    let len_km: f64 = route
        .lines()
        .map(|l| Geodesic.distance(l.start_point(), l.end_point()) / 1000.0)
        .sum();
    // A band 5 km wide plus the two round caps; the joins overlap a little,
    // so the band is an upper bound.
    let band = 5.0 * len_km + std::f64::consts::PI * 2.5 * 2.5;
    let area = v.area_km2();
    assert!(
        area < band && area > 0.95 * band,
        "area {area} km², band {band} km²"
    );
}

#[test]
fn the_new_road_of_august_2022_leaves_berdzor_aghavno_and_sus_outside() {
    let set = shipped();
    for id in ["lachin", "zabukh", "sus"] {
        assert!(
            inside(&set, "lachin-corridor", &at_place(id), "2022-08-25"),
            "{id} on the old road"
        );
        assert!(
            !inside(&set, "lachin-corridor", &at_place(id), "2022-08-26"),
            "{id} off the new road"
        );
    }
    for id in ["hakari-bridge", "shusha", "khankendi", "kornidzor"] {
        assert!(
            inside(&set, "lachin-corridor", &at_place(id), "2022-08-26"),
            "{id}"
        );
    }
    let diff = set
        .diff("lachin-corridor", d("2022-08-25"), d("2022-08-26"), gaz())
        .unwrap();
    assert!(diff.illustrative);
    assert!(diff.added_km2 > 10.0 && diff.removed_km2 > 10.0, "{diff:?}");
    let left: Vec<&str> = diff
        .places_changed_side
        .iter()
        .filter(|c| c.was_inside && !c.now_inside)
        .map(|c| c.place_id.as_str())
        .collect();
    for id in ["lachin", "zabukh", "sus"] {
        assert!(left.contains(&id), "{id} not in {left:?}");
    }
}

#[test]
fn a_road_is_placed_as_a_line() {
    let set = shipped();
    let road = gaz().get("lachin-corridor").unwrap();
    let locus = Locus::from_place(gaz(), road).unwrap();
    assert!(matches!(locus, Locus::Line(_)));
    let mut names: Vec<&str> = set
        .zones_containing(&locus, d("2021-06-01"))
        .iter()
        .map(|p| p.zone.name())
        .collect();
    names.sort_unstable();
    // The road runs into Khankendi, inside the zone of responsibility.
    assert_eq!(names, ["lachin-corridor", "peacekeeping-zone"]);
    let ps = set.placements(&locus, d("2021-06-01"));
    let pk = ps
        .iter()
        .find(|p| p.zone.name() == "peacekeeping-zone")
        .unwrap();
    assert_eq!(
        pk.distance_to_edge_km, 0.0,
        "a line crossing the edge is 0 km from it"
    );
    assert!(ps.iter().all(|p| p.is_illustrative()));
}
