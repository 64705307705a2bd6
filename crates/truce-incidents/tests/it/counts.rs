//! Each source's counts side by side.

use truce_incidents::counts_by_claimant;
use truce_model::{EventType, Role};

use crate::{AM_MOD, AZ_MOD, Ev, build, d};

#[test]
fn each_side_reports_its_own_count() {
    let mut evs = Vec::new();
    // The Azerbaijani MoD reports three firings by Armenian forces in a week,
    // the Armenian MoD one by Azerbaijani forces and denies one of the three.
    for (i, day) in ["2022-03-01", "2022-03-03", "2022-03-05"]
        .iter()
        .enumerate()
    {
        let id = i as i64 + 1;
        evs.push(
            Ev::new(
                id,
                &format!("az-{id}.txt"),
                "Trend",
                EventType::Firing,
                day,
                &["Shusha"],
            )
            .actor("Armed Forces of Armenia", Role::Perpetrator)
            .asserted(AZ_MOD)
            .done(),
        );
    }
    evs.push(
        Ev::new(
            4,
            "am-4.txt",
            "Armenpress",
            EventType::Firing,
            "2022-03-02",
            &["Khojavend"],
        )
        .actor("Armed Forces of Azerbaijan", Role::Perpetrator)
        .asserted(AM_MOD)
        .done(),
    );
    evs.push(
        Ev::new(
            5,
            "am-5.txt",
            "Armenpress",
            EventType::Firing,
            "2022-03-05",
            &["Shusha"],
        )
        .denied(AM_MOD)
        .done(),
    );
    // Outside the week.
    evs.push(
        Ev::new(
            6,
            "az-6.txt",
            "Trend",
            EventType::Firing,
            "2022-04-01",
            &["Shusha"],
        )
        .asserted(AZ_MOD)
        .done(),
    );
    let incidents = build(&evs);
    let counts = counts_by_claimant(&incidents, Some(d("2022-03-01")), Some(d("2022-03-07")));
    assert_eq!(counts.len(), 2);
    assert_eq!(counts[0].claimant, AZ_MOD);
    assert_eq!(counts[0].side.as_deref(), Some("az"));
    assert_eq!(counts[0].asserted, 3);
    assert_eq!(counts[0].by_type, [(EventType::Firing, 3)]);
    assert_eq!(counts[0].perpetrator_sides, [("am".to_string(), 3)]);
    assert_eq!(counts[1].claimant, AM_MOD);
    assert_eq!((counts[1].asserted, counts[1].denied), (1, 1));
    assert_eq!(counts[1].perpetrator_sides, [("az".to_string(), 1)]);
    // Whole range: the April report counts too.
    let all = counts_by_claimant(&incidents, None, None);
    assert_eq!(all[0].asserted, 4);
}
