//! Analyst corrections: split a wrong merge, merge a missed one, verdicts.

use truce_incidents::{Correction, Status, Verdict, VerdictKind, apply_corrections};
use truce_model::EventType;

use crate::{AM_MOD, AZ_MOD, Ev, build, firing_reported_twice_denied_once, holding};

#[test]
fn a_split_and_a_merge_are_applied_on_top_of_the_grouping() {
    let mut evs = firing_reported_twice_denied_once();
    // A report of the same night in another document, placed too far off
    // (Kalbajar) to be merged automatically.
    evs.push(
        Ev::new(
            4,
            "news-4.txt",
            "News",
            EventType::Firing,
            "2023-05-10",
            &["Kalbajar"],
        )
        .asserted("the outlet")
        .done(),
    );
    let auto = build(&evs);
    assert_eq!(auto.len(), 2);
    let corrections = vec![
        // The denial was about another occurrence: split it off.
        Correction::Split {
            incident: 1,
            events: vec![3],
        },
        // The Kalbajar report is the same night: merge it in.
        Correction::Merge { a: 1, b: 4 },
    ];
    let out = apply_corrections(auto.clone(), &corrections);
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    assert_eq!(out.incidents.len(), 2);
    let merged = holding(&out.incidents, 1);
    assert_eq!(merged.event_ids(), [1, 2, 4]);
    assert_eq!(merged.status, Status::Corroborated);
    assert_eq!(merged.sources, [AZ_MOD, "News"]);
    assert!(
        merged
            .links
            .iter()
            .any(|l| (l.a, l.b) == (1, 4) && l.why().starts_with("analyst correction"))
    );
    assert_eq!(merged.corrections.len(), 2);
    let split = holding(&out.incidents, 3);
    assert_eq!(split.event_ids(), [3]);
    assert_eq!(split.status, Status::Disputed);
    assert_eq!(split.deniers, [AM_MOD]);
    // No claim was lost: 3 + 1 claims in, 3 + 1 out.
    let n: usize = out.incidents.iter().map(|i| i.claims.len()).sum();
    assert_eq!(n, 4);
    // Re-deriving from the same events and corrections gives the same result.
    assert_eq!(apply_corrections(build(&evs), &corrections), out);
}

#[test]
fn corrections_that_no_longer_apply_are_reported_not_fatal() {
    let auto = build(&firing_reported_twice_denied_once());
    let out = apply_corrections(
        auto,
        &[
            Correction::Split {
                incident: 99,
                events: vec![1],
            },
            Correction::Split {
                incident: 1,
                events: vec![1, 2, 3],
            },
            Correction::Merge { a: 1, b: 2 },
            Correction::Split {
                incident: 2,
                events: vec![7],
            },
        ],
    );
    assert_eq!(out.incidents.len(), 1);
    let problems: Vec<String> = out.problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert!(problems[0].contains("no incident holds event 99"));
    assert!(problems[1].contains("empty"));
    assert!(problems[2].contains("already in one incident"));
    assert!(problems[3].contains("event 7 is not in incident 1"));
}

#[test]
fn a_verdict_changes_the_display_never_the_claims() {
    let auto = build(&firing_reported_twice_denied_once());
    let verdict = Verdict {
        kind: VerdictKind::Unverifiable,
        reviewer: "A. Analyst".into(),
        note: String::new(),
        date: None,
    };
    let out = apply_corrections(
        auto.clone(),
        &[Correction::Verdict {
            incident: 2,
            verdict,
        }],
    );
    let inc = &out.incidents[0];
    assert_eq!(inc.status, Status::Disputed);
    assert_eq!(inc.claims, auto[0].claims);
    assert_eq!(
        inc.display_status(),
        "unverifiable (reviewer: A. Analyst); computed: disputed"
    );
    // Corrections are data: they round-trip through JSON.
    let c = Correction::Split {
        incident: 1,
        events: vec![3],
    };
    let json = serde_json::to_string(&c).unwrap();
    assert_eq!(json, r#"{"op":"split","incident":1,"events":[3]}"#);
    assert_eq!(serde_json::from_str::<Correction>(&json).unwrap(), c);
}
