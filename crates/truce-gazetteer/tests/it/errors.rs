//! from_csv rejects bad input, naming the file, line and problem.

use truce_gazetteer::{CsvFile, Gazetteer, GazetteerError, Problem};

const HEADER: &str = "id,name,kind,lat,lon,parent,country,route,active_from,active_to,source\n";
const VHEADER: &str = "place_id,variant,lang,script,usage\n";
const OK_ROW: &str = "az,Azerbaijan,country,40.3,47.7,,AZ,,,,curated\n";

fn places_err(rows: &str) -> GazetteerError {
    Gazetteer::from_csv(&format!("{HEADER}{OK_ROW}{rows}"), VHEADER).expect_err("should fail")
}

fn check(e: GazetteerError, file: CsvFile, line: u64, problem: Problem) {
    assert_eq!((e.file, e.line, &e.problem), (file, line, &problem), "{e}");
    let shown = e.to_string();
    assert!(
        shown.starts_with(&format!("{file} line {line}: ")),
        "{shown}"
    );
}

#[test]
fn good_input_parses() {
    let g = Gazetteer::from_csv(
        &format!("{HEADER}{OK_ROW}baku,Baku,settlement,40.4,49.9,az,AZ,,,,geonames:587084\n"),
        &format!("{VHEADER}baku,Bakı,az,Latn,az\n"),
    )
    .unwrap();
    assert_eq!(g.len(), 2);
    assert_eq!(g.resolve("Baki").unwrap().id, "baku");
    assert_eq!(g.find_in("Flights from Bakı to Baku.").len(), 2);
}

#[test]
fn unknown_parent() {
    let e = places_err("baku,Baku,settlement,40.4,49.9,azr,AZ,,,,curated\n");
    check(e, CsvFile::Places, 3, Problem::UnknownParent("azr".into()));
}

#[test]
fn bad_coordinates() {
    let e = places_err("baku,Baku,settlement,40.4,east,az,AZ,,,,curated\n");
    check(
        e,
        CsvFile::Places,
        3,
        Problem::BadCoordinate {
            axis: "lon",
            value: "east".into(),
        },
    );
    let e = places_err("\nbaku,Baku,settlement,91,49.9,az,AZ,,,,curated\n");
    check(
        e,
        CsvFile::Places,
        4,
        Problem::BadCoordinate {
            axis: "lat",
            value: "91".into(),
        },
    );
    let e = places_err("baku,Baku,settlement,40.4,,az,AZ,,,,curated\n");
    check(e, CsvFile::Places, 3, Problem::HalfCoordinate);
}

#[test]
fn duplicate_id() {
    let e = places_err("az,Azerbaijan again,country,40,47,,AZ,,,,curated\n");
    check(e, CsvFile::Places, 3, Problem::DuplicateId("az".into()));
}

#[test]
fn variant_for_unknown_place() {
    let e = Gazetteer::from_csv(
        &format!("{HEADER}{OK_ROW}"),
        &format!("{VHEADER}az,Azərbaycan,az,Latn,az\nbaku,Bakı,az,Latn,az\n"),
    )
    .expect_err("should fail");
    check(
        e,
        CsvFile::Variants,
        3,
        Problem::UnknownPlace("baku".into()),
    );
}

#[test]
fn other_problems() {
    check(
        places_err("baku,Baku,town,40.4,49.9,az,AZ,,,,curated\n"),
        CsvFile::Places,
        3,
        Problem::UnknownKind("town".into()),
    );
    check(
        places_err("Baku,Baku,settlement,40.4,49.9,az,AZ,,,,curated\n"),
        CsvFile::Places,
        3,
        Problem::BadId("Baku".into()),
    );
    check(
        places_err("baku,,settlement,40.4,49.9,az,AZ,,,,curated\n"),
        CsvFile::Places,
        3,
        Problem::Empty("name"),
    );
    check(
        places_err("road,Road,road,40.4,49.9,az,AZ,az;nowhere,,,curated\n"),
        CsvFile::Places,
        3,
        Problem::UnknownRouteId("nowhere".into()),
    );
    check(
        places_err("cp,Checkpoint,checkpoint,40.4,49.9,az,AZ,,23.04.2023,,curated\n"),
        CsvFile::Places,
        3,
        Problem::BadDate("23.04.2023".into()),
    );
    check(
        places_err("a,A,region,1,1,b,AZ,,,,curated\nb,B,region,1,1,a,AZ,,,,curated\n"),
        CsvFile::Places,
        3,
        Problem::ParentCycle("a".into()),
    );
    let e = Gazetteer::from_csv(
        "id,name,kind,lat,lon,parent,country,route,active_from,active_to\n",
        VHEADER,
    )
    .expect_err("should fail");
    check(e, CsvFile::Places, 1, Problem::MissingColumn("source"));
    let e = Gazetteer::from_csv(&format!("{HEADER}{OK_ROW}"), "place_id,variant\n")
        .expect_err("should fail");
    check(e, CsvFile::Variants, 1, Problem::MissingColumn("lang"));
    let e = Gazetteer::from_csv(
        &format!("{HEADER}{OK_ROW}x,\"unclosed,settlement\n"),
        VHEADER,
    );
    assert!(e.is_err());
}
