//! What merges and what stays apart; determinism.

use truce_gazetteer::Gazetteer;
use truce_incidents::{MergeOptions, build_incidents};
use truce_model::{EventType, Role};

use crate::{AM_MOD, AZ_MOD, Ev, build, firing_reported_twice_denied_once, holding};

#[test]
fn records_of_one_document_stay_apart_unless_asked() {
    let evs = vec![
        Ev::new(1, "a.txt", "", EventType::Firing, "2023-01-02", &["Shusha"])
            .asserted(AZ_MOD)
            .done(),
        Ev::new(2, "a.txt", "", EventType::Firing, "2023-01-02", &["Shusha"])
            .asserted(AM_MOD)
            .done(),
    ];
    assert_eq!(build(&evs).len(), 2);
    let opts = MergeOptions {
        merge_within_document: true,
        ..MergeOptions::default()
    };
    assert_eq!(build_incidents(&evs, Gazetteer::builtin(), &opts).len(), 1);
}

#[test]
fn dates_places_types_and_sides_must_all_fit() {
    let base = || {
        Ev::new(1, "a.txt", "", EventType::Firing, "2023-01-02", &["Shusha"])
            .asserted(AZ_MOD)
            .done()
    };
    let other = |ev: Ev| vec![base(), ev.asserted(AM_MOD).done()];
    // Two days apart: apart.
    assert_eq!(
        build(&other(Ev::new(
            2,
            "b.txt",
            "",
            EventType::Firing,
            "2023-01-04",
            &["Shusha"]
        )))
        .len(),
        2
    );
    // A month-precise date containing the day: together.
    assert_eq!(
        build(&other(Ev::new(
            2,
            "b.txt",
            "",
            EventType::Firing,
            "2023-01",
            &["Shusha"]
        )))
        .len(),
        1
    );
    // An incompatible type: apart.
    assert_eq!(
        build(&other(Ev::new(
            2,
            "b.txt",
            "",
            EventType::Protest,
            "2023-01-02",
            &["Shusha"]
        )))
        .len(),
        2
    );
    // Far away (Kalbajar): apart. The district around it: together.
    assert_eq!(
        build(&other(Ev::new(
            2,
            "b.txt",
            "",
            EventType::Firing,
            "2023-01-02",
            &["Kalbajar"]
        )))
        .len(),
        2
    );
    let within = build(&other(Ev::new(
        2,
        "b.txt",
        "",
        EventType::Firing,
        "2023-01-02",
        &["Shusha district"],
    )));
    assert_eq!(within.len(), 1);
    assert!(
        within[0].links[0].why().contains("Shusha within Shusha"),
        "{}",
        within[0].links[0].why()
    );
    // Only a region in common ("Karabakh"): apart.
    assert_eq!(
        build(&other(Ev::new(
            2,
            "b.txt",
            "",
            EventType::Firing,
            "2023-01-02",
            &["Karabakh"]
        )))
        .len(),
        2
    );
    // No place, or no date: apart.
    assert_eq!(
        build(&other(Ev::new(
            2,
            "b.txt",
            "",
            EventType::Firing,
            "2023-01-02",
            &[]
        )))
        .len(),
        2
    );
    assert_eq!(
        build(&other(Ev::new(
            2,
            "b.txt",
            "",
            EventType::Firing,
            "",
            &["Shusha"]
        )))
        .len(),
        2
    );
    // A place on the road's route: together.
    let road = build(&other(Ev::new(
        2,
        "b.txt",
        "",
        EventType::Firing,
        "2023-01-02",
        &["Lachin corridor"],
    )));
    assert_eq!(road.len(), 1);
    assert!(road[0].links[0].why().contains("Shusha on Lachin corridor"));
}

#[test]
fn actors_of_other_parties_stay_apart() {
    let evs = vec![
        Ev::new(
            1,
            "a.txt",
            "",
            EventType::Transit,
            "2022-11-24",
            &["Lachin corridor"],
        )
        .actor("Iranian citizens", Role::Participant)
        .asserted("the outlet")
        .done(),
        Ev::new(
            2,
            "b.txt",
            "",
            EventType::MilitaryMovement,
            "2022-11-24",
            &["Lachin corridor"],
        )
        .actor("Armed Forces of Armenia", Role::Perpetrator)
        .asserted(AZ_MOD)
        .done(),
    ];
    assert_eq!(build(&evs).len(), 2);
}

#[test]
fn long_running_claims_are_never_merged() {
    let evs = vec![
        Ev::new(1, "a.txt", "", EventType::Firing, "2020-12", &["Shusha"])
            .end("2022-12-13")
            .asserted(AZ_MOD)
            .done(),
        Ev::new(2, "b.txt", "", EventType::Firing, "2021-05-02", &["Shusha"])
            .asserted(AZ_MOD)
            .done(),
    ];
    let incidents = build(&evs);
    assert_eq!(incidents.len(), 2);
    assert_eq!(incidents[0].span_days(), Some(743));
}

#[test]
fn complete_linkage_never_chains_unrelated_events() {
    // 1 and 2 are a day apart, 2 and 3 a day apart, 1 and 3 two days apart.
    let evs = vec![
        Ev::new(1, "a.txt", "", EventType::Firing, "2023-01-01", &["Shusha"])
            .asserted(AZ_MOD)
            .done(),
        Ev::new(2, "b.txt", "", EventType::Firing, "2023-01-02", &["Shusha"])
            .asserted(AM_MOD)
            .done(),
        Ev::new(3, "c.txt", "", EventType::Firing, "2023-01-03", &["Shusha"])
            .asserted("the outlet")
            .done(),
    ];
    let incidents = build(&evs);
    assert_eq!(incidents.len(), 2);
    assert_eq!(holding(&incidents, 1).event_ids(), [1, 2]);
    assert_eq!(holding(&incidents, 3).event_ids(), [3]);
}

#[test]
fn output_does_not_depend_on_input_order() {
    let mut evs = firing_reported_twice_denied_once();
    evs.push(
        Ev::new(
            9,
            "z.txt",
            "",
            EventType::Protest,
            "2022-12-12",
            &["Shusha"],
        )
        .asserted("the outlet")
        .done(),
    );
    evs.push(
        Ev::new(8, "y.txt", "", EventType::Firing, "", &[])
            .asserted(AZ_MOD)
            .done(),
    );
    let a = build(&evs);
    evs.reverse();
    let b = build(&evs);
    assert_eq!(a, b);
    let ids: Vec<i64> = a.iter().map(|i| i.id).collect();
    // Sorted by first day, undated last.
    assert_eq!(ids, [9, 1, 8]);
}

#[test]
fn mentions_of_one_named_episode_are_one_incident_without_places() {
    let episode = |mut e: Ev| {
        e.input.record.rule.push("date:episode:statement-2020-11-10".into());
        e
    };
    let other = |mut e: Ev| {
        e.input.record.rule.push("date:episode:statement-2021-01-11".into());
        e
    };
    let events = vec![
        episode(Ev::new(1, "a.txt", "Wire A", EventType::Agreement, "2020-11-10", &[]).asserted("Wire A")).input,
        episode(Ev::new(2, "b.txt", "Wire B", EventType::Agreement, "2020-11-10", &[]).asserted("Wire B")).input,
        other(Ev::new(3, "c.txt", "Wire C", EventType::Agreement, "2020-11-10", &[]).asserted("Wire C")).input,
    ];
    let incidents = build(&events);
    assert_eq!(holding(&incidents, 1).id, holding(&incidents, 2).id, "{incidents:#?}");
    assert!(holding(&incidents, 1).links.iter().any(|l| l.reasons.iter().any(|r| r.to_string().contains("statement-2020-11-10"))));
    assert_ne!(holding(&incidents, 1).id, holding(&incidents, 3).id, "another episode stays apart");
}
