//! Status from claims, sources, field-level disputes and casualty ranges.

use truce_incidents::Status;
use truce_model::{EventType, Role, Stance};

use crate::{AM_MOD, AZ_MOD, Ev, build, firing_reported_twice_denied_once};

#[test]
fn reported_by_two_outlets_denied_by_a_third_is_one_disputed_incident_with_three_claims() {
    let incidents = build(&firing_reported_twice_denied_once());
    assert_eq!(incidents.len(), 1, "{incidents:#?}");
    let inc = &incidents[0];
    assert_eq!(inc.id, 1);
    assert_eq!(inc.status, Status::Disputed);
    assert_eq!(inc.claims.len(), 3);
    // Every claim keeps its sentence and document.
    let docs: Vec<&str> = inc.claims.iter().map(|c| c.doc.as_str()).collect();
    assert_eq!(docs, ["apa-7.txt", "armenpress-3.txt", "trend-1.txt"]);
    let denial = inc
        .claims
        .iter()
        .find(|c| c.stance == Stance::Denied)
        .unwrap();
    assert_eq!(denial.claimant, AM_MOD);
    assert_eq!(
        denial.text,
        "The Armenian MoD called the report of fire near Khalfali untrue."
    );
    // Two outlets quoting the same ministry are one source.
    assert_eq!(inc.sources, [AZ_MOD]);
    assert_eq!(inc.deniers, [AM_MOD]);
    assert_eq!(inc.date.unwrap().to_string(), "2023-05-10");
    // Why: every pair was linked, with reasons.
    assert_eq!(inc.links.len(), 3);
    let why = inc.links[0].why();
    assert!(why.contains("same type firing"), "{why}");
    assert!(why.contains("dates overlap 2023-05-10"), "{why}");
    assert!(why.contains("same place Khalfali"), "{why}");
}

#[test]
fn two_outlets_quoting_one_ministry_are_a_single_source() {
    let mut evs = firing_reported_twice_denied_once();
    evs.pop();
    let incidents = build(&evs);
    assert_eq!(incidents.len(), 1);
    assert_eq!(incidents[0].status, Status::SingleSource);
    assert_eq!(incidents[0].sources, [AZ_MOD]);
    assert_eq!(incidents[0].claims.len(), 2);
}

#[test]
fn two_independent_sources_corroborate() {
    let evs = vec![
        Ev::new(
            1,
            "trend-1.txt",
            "Trend",
            EventType::Firing,
            "2023-05-10",
            &["Khalfali"],
        )
        .actor("Armenian armed formations", Role::Perpetrator)
        .asserted(AZ_MOD)
        .done(),
        // An outlet on its own authority: its correspondent heard the fire.
        Ev::new(
            2,
            "wire-2.txt",
            "Wire",
            EventType::ArmedClash,
            "2023-05-11",
            &["Khankendi"],
        )
        .asserted("the outlet")
        .done(),
    ];
    let incidents = build(&evs);
    assert_eq!(incidents.len(), 1, "{incidents:#?}");
    let inc = &incidents[0];
    assert_eq!(inc.status, Status::Corroborated);
    assert_eq!(inc.sources, [AZ_MOD, "Wire"]);
    let why = inc.links[0].why();
    assert!(
        why.contains("compatible types firing ~ armed_clash"),
        "{why}"
    );
    assert!(
        why.contains("dates within 1 day(s): 2023-05-10 / 2023-05-11"),
        "{why}"
    );
    assert!(
        why.contains("Khalfali") && why.contains("km from Khankendi"),
        "{why}"
    );
    // The two dates are a field-level dispute, each with its source.
    let date = inc
        .disputes
        .iter()
        .find(|d| d.field == "date")
        .expect("date dispute");
    assert_eq!(
        date.display(),
        format!("date: 2023-05-10 ({AZ_MOD}); 2023-05-11 (Wire)")
    );
    assert_eq!(inc.types, [EventType::Firing, EventType::ArmedClash]);
}

#[test]
fn casualty_ranges_keep_every_figure_with_its_claimant() {
    let evs = vec![
        Ev::new(
            1,
            "a.txt",
            "A",
            EventType::Attack,
            "2022-06-01",
            &["Shusha"],
        )
        .asserted(AZ_MOD)
        .killed(1)
        .injured(2)
        .done(),
        Ev::new(
            2,
            "b.txt",
            "B",
            EventType::Attack,
            "2022-06-01",
            &["Shusha"],
        )
        .asserted("Karabakh Armenian authorities")
        .killed(3)
        .done(),
        Ev::new(
            3,
            "c.txt",
            "C",
            EventType::Attack,
            "2022-06-01",
            &["Shusha"],
        )
        .asserted("the outlet")
        .killed(3)
        .injured(4)
        .done(),
        Ev::new(
            4,
            "d.txt",
            "D",
            EventType::Attack,
            "2022-06-01",
            &["Shusha"],
        )
        .asserted("Human rights defender")
        .killed(5)
        .done(),
    ];
    let incidents = build(&evs);
    assert_eq!(incidents.len(), 1);
    let inc = &incidents[0];
    let k = inc.killed.as_ref().unwrap();
    // low = min, high = max, best = the figure most independent sources state.
    assert_eq!((k.low, k.best, k.high), (1, 3, 5));
    assert_eq!(k.values.len(), 3);
    assert_eq!(k.values[1].count, 3);
    assert_eq!(k.values[1].sources, ["C", "Karabakh Armenian authorities"]);
    assert_eq!(k.display(), "1–5 (best 3)");
    // A tie between two figures: the lower median.
    let i = inc.injured.as_ref().unwrap();
    assert_eq!((i.low, i.best, i.high), (2, 2, 4));
    let killed = inc.disputes.iter().find(|d| d.field == "killed").unwrap();
    assert_eq!(killed.values.len(), 3);
    assert!(inc.disputes.iter().any(|d| d.field == "injured"));
    // The same figure from everyone is no dispute.
    let same = build(&evs[1..3]);
    assert!(!same[0].killed.as_ref().unwrap().is_disputed());
    assert!(same[0].disputes.iter().all(|d| d.field != "killed"));
}

#[test]
fn mutual_accusations_are_one_incident_with_the_perpetrator_disputed() {
    let evs = vec![
        Ev::new(
            1,
            "az.txt",
            "",
            EventType::Firing,
            "2022-02-06",
            &["Shusha"],
        )
        .actor("Armed Forces of Armenia", Role::Perpetrator)
        .actor("Armed Forces of Azerbaijan", Role::Target)
        .asserted(AZ_MOD)
        .done(),
        Ev::new(
            2,
            "am.txt",
            "",
            EventType::Firing,
            "2022-02-06",
            &["Shusha"],
        )
        .actor("Armed Forces of Azerbaijan", Role::Perpetrator)
        .actor("Armed Forces of Armenia", Role::Target)
        .asserted(AM_MOD)
        .denied(AZ_MOD)
        .done(),
    ];
    let incidents = build(&evs);
    assert_eq!(incidents.len(), 1);
    let inc = &incidents[0];
    assert_eq!(inc.status, Status::Disputed);
    let p = inc
        .disputes
        .iter()
        .find(|d| d.field == "perpetrator")
        .unwrap();
    assert_eq!(p.values.len(), 2);
    assert_eq!(
        inc.sources_naming("Armed Forces of Armenia", Role::Perpetrator),
        [AZ_MOD]
    );
}
