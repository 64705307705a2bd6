//! Assessments on the seed gold and on synthetic incidents.

use truce_incidents::Status;
use truce_model::{EventType, Role, Stance};
use truce_rules::{Assessment, Bearing, assess};

use crate::{agreement, d, gaz, incidents_of, says_breach, seed_events, synthetic, zones};

fn seed_assessments() -> Vec<Assessment> {
    let incidents = incidents_of(&seed_events());
    assess(&incidents, &agreement(), &zones(), gaz(), None, None)
}

fn provisions(a: &Assessment) -> Vec<&str> {
    a.engagements.iter().map(|e| e.provision.as_str()).collect()
}

fn find<'a>(all: &'a [Assessment], t: EventType, date: &str) -> Vec<&'a Assessment> {
    all.iter()
        .filter(|a| a.event_type == t && a.date == date)
        .collect()
}

#[test]
fn the_march_2023_convoys_engage_the_withdrawal_and_corridor_provisions() {
    let all = seed_assessments();
    for date in ["2023-03-24", "2023-03-07"] {
        let found = find(&all, EventType::MilitaryMovement, date);
        assert_eq!(found.len(), 1, "{date}: {all:#?}");
        let a = found[0];
        assert!(a.places.iter().any(|p| p == "Turshsu"), "{:?}", a.places);
        assert!(provisions(a).contains(&"4"), "{date}: {}", a.wording);
        assert!(provisions(a).contains(&"6"), "{date}: {}", a.wording);
        // The withdrawal provision, on the part of Armenia, under the reading
        // that counts Armenian armed formations, which is named with its holder.
        let e4 = a.engagements.iter().find(|e| e.condition == "4b").unwrap();
        assert_eq!(e4.party.as_deref(), Some("am"));
        assert_eq!(e4.reading.as_ref().unwrap().id, "4-all-armenian-formations");
        assert!(
            e4.wording.contains(
                "under the reading held by Government of Azerbaijan (4-all-armenian-formations)"
            ),
            "{}",
            e4.wording
        );
        assert!(
            e4.wording
                .contains("A competing reading is held by Karabakh Armenian authorities"),
            "{}",
            e4.wording
        );
        assert!(e4.zones.iter().all(|z| z.illustrative));
        assert!(
            e4.wording
                .starts_with("Ministry of Defense of Azerbaijan claims a military movement"),
            "{}",
            e4.wording
        );
        assert!(e4.wording.contains("if so,"), "{}", e4.wording);
        // The evidence chain: every claim of the incident, with its sentence.
        assert!(!a.claims.is_empty());
        assert!(a.claims.iter().all(|c| !c.text.is_empty()));
    }
    // The 7 March convoy is denied by the Armenian MoD, and says so.
    let a = find(&all, EventType::MilitaryMovement, "2023-03-07")[0];
    assert_eq!(a.status, Status::Disputed);
    assert!(
        a.wording
            .contains("disputed by Ministry of Defense of Armenia"),
        "{}",
        a.wording
    );
    // It names the Armenian army too: the plain-text condition 4a.
    assert!(
        a.engagements
            .iter()
            .any(|e| e.condition == "4a" && e.reading.is_none())
    );
}

#[test]
fn the_december_2020_attacks_engage_the_ceasefire() {
    let all = seed_assessments();
    let found = find(&all, EventType::Attack, "2020-12");
    assert_eq!(found.len(), 2, "{all:#?}");
    for a in found {
        let e = a
            .engagements
            .iter()
            .find(|e| e.provision == "1")
            .unwrap_or_else(|| panic!("{}", a.wording));
        assert_eq!(e.bearing, Bearing::Engages);
        assert_eq!(e.party.as_deref(), Some("am"));
        assert!(
            e.wording.contains("provision 1 (Ceasefire)"),
            "{}",
            e.wording
        );
        assert!(
            e.wording.contains("on the part of Armenia"),
            "{}",
            e.wording
        );
    }
    // The one with no place says the place was not checked.
    let unplaced = find(&all, EventType::Attack, "2020-12")
        .into_iter()
        .find(|a| a.places.is_empty())
        .unwrap();
    assert!(
        unplaced.wording.contains("Not checked: no place"),
        "{}",
        unplaced.wording
    );
    // The 44-day war itself ended as the ceasefire began: it engages nothing.
    assert!(find(&all, EventType::ArmedClash, "2020-09..2020-11-10").is_empty());
}

#[test]
fn the_december_2022_protests_on_the_lachin_road_engage_the_corridor_provision() {
    let all = seed_assessments();
    let found = find(&all, EventType::Protest, "2022-12-12..2022-12-13");
    assert_eq!(found.len(), 1, "{all:#?}");
    let e = found[0]
        .engagements
        .iter()
        .find(|e| e.provision == "6")
        .unwrap_or_else(|| panic!("{}", found[0].wording));
    assert_eq!(e.condition, "6c");
    assert_eq!(e.party.as_deref(), Some("az"));
    assert!(
        e.zones
            .iter()
            .any(|z| z.zone == "lachin-corridor" && z.illustrative)
    );
    assert!(e.wording.starts_with("Caliber.az claims a protest between 2022-12-12 and 2022-12-13 at Lachin corridor, Shusha"), "{}", e.wording);
    // Dated context up to the incident: the road moved in August 2022.
    assert!(
        found[0]
            .context
            .iter()
            .any(|c| c.date.to_string() == "2022-08-26")
    );
    assert!(found[0].wording.contains("Context (2022-12-12)"));
}

#[test]
fn the_april_2023_checkpoint_names_the_reading_used_and_the_competing_one() {
    let all = seed_assessments();
    let a = find(&all, EventType::Deployment, "2023-04-23")[0];
    let e = a.engagements.iter().find(|e| e.condition == "6e").unwrap();
    assert_eq!(
        e.reading.as_ref().unwrap().held_by,
        ["Government of Armenia", "Karabakh Armenian authorities"]
    );
    assert!(
        e.other_readings
            .iter()
            .any(|r| r.id == "6-checkpoint-border")
    );
    assert!(
        e.wording.contains("A competing reading is held by"),
        "{}",
        e.wording
    );
}

#[test]
fn no_wording_states_a_breach_as_fact() {
    let all = seed_assessments();
    assert!(all.len() >= 8, "{}", all.len());
    for a in &all {
        // The claims' own sentences may say anything; truce's wording may not.
        assert_eq!(says_breach(&a.wording), None, "{}", a.wording);
        for e in &a.engagements {
            assert_eq!(says_breach(&e.wording), None, "{}", e.wording);
            assert!(e.wording.contains("if so,"), "{}", e.wording);
            assert!(e.wording.contains(" claim"), "{}", e.wording);
        }
    }
}

#[test]
fn periods_that_straddle_entry_into_force_are_caveats() {
    let all = seed_assessments();
    let a = find(&all, EventType::Infiltration, "2020-11")[0];
    let e = a.engagements.first().unwrap();
    assert!(
        e.caveats
            .iter()
            .any(|c| c.contains("begins before 2020-11-10")),
        "{:?}",
        e.caveats
    );
    assert!(
        e.wording.contains(
            "Not checked: the claimed period 2020-11-01..2020-11-30 begins before 2020-11-10"
        ),
        "{}",
        e.wording
    );
}

#[test]
fn deadlines_apply_in_the_version_in_force() {
    let a = agreement();
    let ev = |id: i64, date: &str| {
        synthetic(
            id,
            &format!("k{id}.txt"),
            EventType::MilitaryMovement,
            date,
            &["Kalbajar"],
            &[("Armenian armed formations", Role::Perpetrator)],
            &[("Ministry of Defense of Azerbaijan", Stance::Asserted)],
            "Synthetic: a column was seen near Kalbajar.",
        )
    };
    // 20 November: after the first deadline (15th), but it had been moved to the 25th.
    let early = incidents_of(&[ev(1, "2020-11-20")]);
    let out = assess(&early, &a, &zones(), gaz(), None, None);
    assert!(
        out.iter()
            .all(|x| x.engagements.iter().all(|e| e.condition != "6a")),
        "{out:#?}"
    );
    let late = incidents_of(&[ev(2, "2020-11-27")]);
    let out = assess(&late, &a, &zones(), gaz(), None, None);
    let e = out[0]
        .engagements
        .iter()
        .find(|e| e.condition == "6a")
        .unwrap();
    assert!(
        e.matched
            .iter()
            .any(|m| m.contains("after the deadline of 2020-11-25")),
        "{:?}",
        e.matched
    );
}

#[test]
fn the_zone_on_the_incident_s_date_decides() {
    let a = agreement();
    let ev = |id: i64, date: &str| {
        synthetic(
            id,
            &format!("l{id}.txt"),
            EventType::Deployment,
            date,
            &["Lachin"],
            &[("Armed Forces of Armenia", Role::Participant)],
            &[("Ministry of Defense of Azerbaijan", Stance::Asserted)],
            "Synthetic: troops were seen in Lachin.",
        )
    };
    // In 2021 the town of Lachin lay in the (illustrative) corridor: the
    // withdrawal provision applies, the Lachin district hand-over does not.
    let out = assess(
        &incidents_of(&[ev(1, "2021-06-01")]),
        &a,
        &zones(),
        gaz(),
        None,
        None,
    );
    let conds: Vec<&str> = out[0]
        .engagements
        .iter()
        .map(|e| e.condition.as_str())
        .collect();
    assert!(conds.contains(&"4a") && !conds.contains(&"6b"), "{conds:?}");
    // After the road moved (26 August 2022) the town is outside the corridor.
    let out = assess(
        &incidents_of(&[ev(2, "2022-09-10")]),
        &a,
        &zones(),
        gaz(),
        None,
        None,
    );
    let conds: Vec<&str> = out[0]
        .engagements
        .iter()
        .map(|e| e.condition.as_str())
        .collect();
    assert!(conds.contains(&"6b") && !conds.contains(&"4a"), "{conds:?}");
}

#[test]
fn period_bounds_select_incidents() {
    let incidents = incidents_of(&seed_events());
    let out = assess(
        &incidents,
        &agreement(),
        &zones(),
        gaz(),
        Some(d("2023-03-01")),
        Some(d("2023-03-31")),
    );
    assert!(!out.is_empty());
    for a in &out {
        assert!(
            a.date.starts_with("2023-03") || a.date.contains(".."),
            "{}",
            a.date
        );
    }
}
