//! Bulletins: counts, ranges, zones, checkpoints, provisions, escaping.

use truce_incidents::{EventInput, Incident};
use truce_model::{EventType, Role, Stance};
use truce_rules::{Format, assess, bulletin};

use crate::{agreement, d, gaz, incidents_of, says_breach, seed_events, synthetic, zones};

const SCRIPT: &str = "<script>alert(1)</script>";

/// The seed gold plus one hostile synthetic report in December 2022.
fn events_with_hostile_text() -> Vec<EventInput> {
    let mut evs = seed_events();
    let mut hostile = synthetic(
        1000,
        "hostile.txt",
        EventType::Protest,
        "2022-12-20",
        &["Khankendi"],
        &[("Karabakh Armenian residents", Role::Participant)],
        &[("the outlet", Stance::Asserted)],
        &format!("Residents gathered {SCRIPT} in Khankendi | *bold* [link](http://x)."),
    );
    hostile.outlet = Some("Evil <img src=x onerror=alert(2)>".to_string());
    evs.push(hostile);
    evs
}

fn render(incidents: &[Incident], from: &str, to: &str, format: Format) -> String {
    let a = assess(
        incidents,
        &agreement(),
        &zones(),
        gaz(),
        Some(d(from)),
        Some(d(to)),
    );
    bulletin(incidents, &a, &zones(), gaz(), d(from), d(to), format)
}

#[test]
fn december_2022_renders_in_markdown_with_counts_and_references() {
    let incidents = incidents_of(&events_with_hostile_text());
    let md = render(&incidents, "2022-12-01", "2022-12-31", Format::Md);
    assert!(
        md.starts_with("# Ceasefire bulletin, 2022-12-01 to 2022-12-31"),
        "{md}"
    );
    // Seven seed incidents dated in December 2022 plus the synthetic one; the
    // three claims running since 2020 are listed apart.
    assert!(
        md.contains(
            "Incidents dated within the period: 8 (single source: 8, corroborated: 0, disputed: 0)."
        ),
        "{md}"
    );
    assert!(md.contains("listed apart and not counted: 3."), "{md}");
    assert!(md.contains("| protest | 2 | 2 | 0 | 0 |"), "{md}");
    assert!(md.contains("| obstruction | 2 | 2 | 0 | 0 |"), "{md}");
    assert!(md.contains("| Caliber.az | unknown | 7 | 0 |"), "{md}");
    // Every figure carries footnote references, and every reference is defined.
    for n in 1..=10 {
        if md.contains(&format!("[^c{n}]")) {
            assert!(md.contains(&format!("\n[^c{n}]: ")), "c{n} undefined");
        }
    }
    assert!(md.contains("| 2022-12-12 | 3 |"), "{md}");
    assert!(md.contains("| 2022-12-20 | 1 |"), "{md}");
    assert!(md.contains("1 incident(s) dated only to a month"), "{md}");
    assert!(
        md.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{md}"
    );
    assert_eq!(md.matches("<rect ").count(), 31);
    assert!(
        md.contains("### Provision 6: Kalbajar and Lachin districts; the Lachin corridor"),
        "{md}"
    );
    assert!(md.contains("Context dated in the period"), "{md}");
    assert!(md.contains("No zone version begins in the period."));
    // The hostile text is shown as text, not markup.
    assert!(
        !md.contains(SCRIPT) && !md.contains("<img"),
        "raw markup in Markdown"
    );
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(md.contains("\\| \\*bold\\* \\[link\\](http://x)"));
    // truce's own text (everything before the quoted claims) states no breach.
    let own = md.split("## Claims").next().unwrap();
    assert_eq!(says_breach(own), None);
}

#[test]
fn december_2022_renders_in_html_with_source_text_escaped() {
    let incidents = incidents_of(&events_with_hostile_text());
    let html = render(&incidents, "2022-12-01", "2022-12-31", Format::Html);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<title>Ceasefire bulletin, 2022-12-01 to 2022-12-31</title>"));
    assert!(html.contains("Incidents dated within the period: 8"));
    assert!(html.contains("<td>protest</td><td>2</td>"), "{html}");
    // The script renders as text.
    assert!(!html.contains(SCRIPT), "unescaped script in HTML");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<img"), "unescaped outlet in HTML");
    assert!(html.contains("Evil &lt;img src=x onerror=alert(2)&gt;"));
    assert_eq!(html.matches("<script").count(), 0);
    // Figures link to the claims section, which lists doc and sentence.
    assert!(html.contains("<sup><a href=\"#c1\">[c1]</a></sup>"));
    assert!(html.contains("<li id=\"c1\" value=\"1\">"));
    assert!(html.contains("003_7307909e540cd7b0.txt"));
    assert!(html.contains("<h3 id=\"incident-1000\">"));
    assert!(html.contains("<figure><svg"));
}

#[test]
fn zone_changes_and_checkpoints_of_the_period_are_listed() {
    let incidents = incidents_of(&seed_events());
    let md = render(&incidents, "2022-08-01", "2022-08-31", Format::Md);
    assert!(
        md.contains("Zone lachin-corridor: version 2022-08-26.. begins (illustrative construction by truce, not an official map); area added"),
        "{md}"
    );
    assert!(
        md.contains("settlements now outside: ") && md.contains("Lachin"),
        "{md}"
    );
    assert!(md.contains("No checkpoint in the gazetteer opens or closes in the period."));
    let md = render(&incidents, "2023-04-01", "2023-04-30", Format::Md);
    assert!(md.contains("Lachin checkpoint (lachin-checkpoint): opened 2023-04-23 (gazetteer, coordinates approximate)."), "{md}");
    assert!(md.contains("No zone version begins in the period."));
    // The checkpoint incident engages provision 6 under a named reading.
    assert!(md.contains("6-checkpoint-contrary"), "{md}");
}

#[test]
fn counts_side_by_side_ranges_and_disputes() {
    let ev = |id: i64,
              doc: &str,
              date: &str,
              perp: &str,
              claims: &[(&str, Stance)],
              killed: Option<u32>| {
        let target = if perp.contains("Armenia") {
            "Armed Forces of Azerbaijan"
        } else {
            "Armed Forces of Armenia"
        };
        let mut e = synthetic(
            id,
            doc,
            EventType::Firing,
            date,
            &["Shusha"],
            &[(perp, Role::Perpetrator), (target, Role::Target)],
            claims,
            "Synthetic sentence about firing near Shusha.",
        );
        e.record.killed = killed;
        e
    };
    let az = "Ministry of Defense of Azerbaijan";
    let am = "Ministry of Defense of Armenia";
    let evs = vec![
        ev(
            1,
            "a1.txt",
            "2022-03-01",
            "Armed Forces of Armenia",
            &[(az, Stance::Asserted)],
            Some(1),
        ),
        ev(
            2,
            "b1.txt",
            "2022-03-01",
            "Armed Forces of Azerbaijan",
            &[(am, Stance::Asserted), (az, Stance::Denied)],
            Some(3),
        ),
        ev(
            3,
            "a2.txt",
            "2022-03-04",
            "Armed Forces of Armenia",
            &[(az, Stance::Asserted)],
            None,
        ),
    ];
    let incidents = incidents_of(&evs);
    assert_eq!(incidents.len(), 2);
    let md = render(&incidents, "2022-03-01", "2022-03-07", Format::Md);
    assert!(
        md.contains(
            "| Ministry of Defense of Azerbaijan | Azerbaijani | 2 | 1 | firing 2 | Armenian 2 |"
        ),
        "{md}"
    );
    assert!(
        md.contains(
            "| Ministry of Defense of Armenia | Armenian | 1 | 0 | firing 1 | Azerbaijani 1 |"
        ),
        "{md}"
    );
    assert!(md.contains("low 1 / best 1 / high 3"), "{md}");
    assert!(md.contains("killed 1 (Ministry of Defense of Azerbaijan); killed 3 (Ministry of Defense of Armenia)"), "{md}");
    assert!(
        md.contains("denied by Ministry of Defense of Azerbaijan"),
        "{md}"
    );
    assert!(md.contains("the claims differ on perpetrator"), "{md}");
}

#[test]
fn long_periods_are_charted_per_month() {
    let incidents = incidents_of(&seed_events());
    let md = render(&incidents, "2020-11-01", "2023-12-31", Format::Md);
    assert!(md.contains("Incidents per month, 2020-11-01 to 2023-12-31"));
    assert_eq!(md.matches("<rect ").count(), 38);
}
