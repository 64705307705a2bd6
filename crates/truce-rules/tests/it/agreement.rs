//! The shipped agreement and the format's checks.

use truce_rules::{Agreement, Bearing, TRILATERAL_2020_11_10};

use crate::{agreement, d, gaz, says_breach, zones};

#[test]
fn the_trilateral_statement_has_nine_points_and_resolving_references() {
    let a = agreement();
    assert_eq!(a.id, "trilateral-2020-11-10");
    let ids: Vec<&str> = a.provisions.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    assert_eq!(a.in_force_from.to_string(), "2020-11-10");
    assert!(
        a.in_force_time
            .as_deref()
            .unwrap()
            .contains("00:00 Moscow time")
    );
    assert_eq!(a.check_references(gaz(), &zones()), Vec::<String>::new());
    // Point 3's figures, point 4's term.
    let p3 = a.provision("3").unwrap();
    assert_eq!(p3.figures["troops"], 1960);
    assert_eq!(p3.figures["armoured_personnel_carriers"], 90);
    assert_eq!(p3.figures["vehicles_and_special_equipment"], 380);
    let term = a.provision("4").unwrap().term.as_ref().unwrap();
    assert_eq!(
        (term.years, term.renewal_years, term.notice_months),
        (5, Some(5), Some(6))
    );
    // Point 9 is read two ways, each with who holds it.
    let p9 = a.provision("9").unwrap();
    let holders: Vec<&str> = p9
        .interpretations
        .iter()
        .flat_map(|i| i.held_by.iter().map(String::as_str))
        .collect();
    assert_eq!(
        holders,
        ["Government of Azerbaijan", "Government of Armenia"]
    );
    // Dated context: the new road, the checkpoint.
    let ctx: Vec<String> = a.context.iter().map(|c| c.date.to_string()).collect();
    assert!(
        ctx.contains(&"2022-08-26".to_string()) && ctx.contains(&"2023-04-23".to_string()),
        "{ctx:?}"
    );
    // Provisions with no machine-checkable condition say so.
    for id in ["5", "7"] {
        let p = a.provision(id).unwrap();
        assert!(
            p.conditions.is_empty() && !p.note.is_empty(),
            "provision {id}"
        );
    }
    assert!(
        a.provisions
            .iter()
            .flat_map(|p| &p.conditions)
            .any(|c| c.bearing == Bearing::Implements)
    );
}

#[test]
fn truce_s_own_texts_state_no_breach() {
    let a = agreement();
    let mut texts: Vec<&str> = vec![&a.note];
    for p in &a.provisions {
        texts.extend([p.text.as_str(), p.title.as_str(), p.note.as_str()]);
        texts.extend(p.conditions.iter().map(|c| c.describes.as_str()));
        texts.extend(p.interpretations.iter().map(|i| i.text.as_str()));
    }
    texts.extend(a.context.iter().map(|c| c.text.as_str()));
    for t in texts {
        assert_eq!(says_breach(t), None, "{t}");
    }
}

#[test]
fn the_kalbajar_deadline_has_two_versions() {
    let a = agreement();
    let p6 = a.provision("6").unwrap();
    let on = |s: &str| d(s).days_from_epoch();
    assert_eq!(
        p6.deadline_on("kalbajar", on("2020-11-12"), a.signed)
            .unwrap()
            .date
            .to_string(),
        "2020-11-15"
    );
    assert_eq!(
        p6.deadline_on("kalbajar", on("2020-11-16"), a.signed)
            .unwrap()
            .date
            .to_string(),
        "2020-11-25"
    );
    assert_eq!(
        p6.deadline_on("kalbajar", None, a.signed)
            .unwrap()
            .date
            .to_string(),
        "2020-11-25"
    );
    assert_eq!(
        p6.deadline_on("lachin", on("2020-11-16"), a.signed)
            .unwrap()
            .date
            .to_string(),
        "2020-12-01"
    );
}

#[test]
fn bad_files_are_refused_with_the_file_named() {
    let bad =
        TRILATERAL_2020_11_10.replacen("binds = [\"az\", \"am\"]", "binds = [\"az\", \"xx\"]", 1);
    let e = Agreement::from_toml("bad.toml", &bad)
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("bad.toml:") && e.contains("unknown party `xx`"),
        "{e}"
    );
    let bad = TRILATERAL_2020_11_10.replacen(
        "reading = \"4-all-armenian-formations\"",
        "reading = \"nope\"",
        1,
    );
    let e = Agreement::from_toml("bad.toml", &bad)
        .unwrap_err()
        .to_string();
    assert!(e.contains("unknown reading `nope`"), "{e}");
    let bad = TRILATERAL_2020_11_10.replacen(
        "bearing = \"engages\"",
        "bearing = \"engages\"\ntypo = 1",
        1,
    );
    let e = Agreement::from_toml("bad.toml", &bad)
        .unwrap_err()
        .to_string();
    assert!(e.contains("typo"), "{e}");
    let bad = TRILATERAL_2020_11_10.replacen("types = [\"firing\"", "types = [\"shelling\"", 1);
    assert!(Agreement::from_toml("bad.toml", &bad).is_err());
    let bad = TRILATERAL_2020_11_10.replacen(
        "zones = [\"peacekeeping-zone\"]",
        "zones = [\"no-such-zone\"]",
        1,
    );
    let a = Agreement::from_toml("ok.toml", &bad).unwrap();
    let problems = a.check_references(gaz(), &zones());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("unknown zone `no-such-zone`"));
}
