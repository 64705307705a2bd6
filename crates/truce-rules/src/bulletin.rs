//! An OSCE-style periodic bulletin: what each side reports over a period,
//! every figure linked to the claims behind it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use truce_gazetteer::{Gazetteer, PlaceKind};
use truce_incidents::{ClaimRef, Incident, Status, counts_by_claimant, side_label};
use truce_model::{EventType, PartialDate};
use truce_zones::ZoneSet;

use crate::assess::Assessment;
use crate::render::{Block, Format, Inline, bar_chart, render, t};

/// Incidents spanning more than this many days are long-running claims or
/// aggregates ("since November 2020"): listed apart, not counted.
pub const LONG_RUNNING_DAYS: i64 = 31;

/// Incidents spanning up to this many days are charted on their first day;
/// longer or coarser ones (a month, a year) are counted in a note.
pub const CHART_MAX_SPAN_DAYS: i64 = 7;

/// Periods longer than this many days are charted per month, not per day.
pub const DAILY_CHART_MAX_DAYS: i64 = 93;

fn dn(d: Option<PartialDate>) -> Option<i64> {
    d?.days_from_epoch()
}

fn in_bounds(d: PartialDate, lo: i64, hi: i64) -> bool {
    dn(Some(d)).is_some_and(|x| lo <= x && x <= hi)
}

struct ClaimIndex {
    numbers: HashMap<ClaimRef, usize>,
    list: Vec<(usize, String, String)>,
}

impl ClaimIndex {
    fn new(incidents: &[&Incident]) -> Self {
        let mut numbers = HashMap::new();
        let mut list = Vec::new();
        for inc in incidents {
            for c in &inc.claims {
                if numbers.contains_key(c) {
                    continue;
                }
                let n = list.len() + 1;
                numbers.insert(c.clone(), n);
                let outlet = c
                    .outlet
                    .as_deref()
                    .map(|o| format!(", outlet {o}"))
                    .unwrap_or_default();
                let evidence = c
                    .evidence
                    .as_deref()
                    .map(|e| format!(", evidence: {e}"))
                    .unwrap_or_default();
                let label = format!(
                    "incident {}: {} ({}) in {} [{}..{}]{outlet}{evidence}, event {}:",
                    inc.id,
                    c.claimant,
                    c.stance.code(),
                    c.doc,
                    c.span[0],
                    c.span[1],
                    c.event_id
                );
                list.push((n, label, c.text.clone()));
            }
        }
        ClaimIndex { numbers, list }
    }

    fn refs<'a>(&self, claims: impl IntoIterator<Item = &'a ClaimRef>) -> Vec<Inline> {
        let ns: BTreeSet<usize> = claims
            .into_iter()
            .filter_map(|c| self.numbers.get(c).copied())
            .collect();
        ns.into_iter().map(Inline::Claim).collect()
    }
}

fn status_counts(incs: &[&Incident]) -> (usize, usize, usize) {
    let n = |s: Status| incs.iter().filter(|i| i.status == s).count();
    (
        n(Status::SingleSource),
        n(Status::Corroborated),
        n(Status::Disputed),
    )
}

fn inc_label(i: &Incident) -> String {
    let places = if i.places.is_empty() {
        "no place named".to_string()
    } else {
        i.places.join(", ")
    };
    format!("{}, {}, {}", i.event_type, i.date_text(), places)
}

/// Renders a bulletin for `[from, to]` (each bound's whole period: `to =
/// 2022-12` runs to 31 December) as Markdown or a standalone HTML page.
///
/// Sections: summary; incidents per day (inline SVG bar chart, per month
/// for periods over [`DAILY_CHART_MAX_DAYS`] days); counts by type, by
/// place and as each source reports them, side by side; casualties as
/// low/best/high ranges; disputed items; zone versions that begin in the
/// period (with the area added and removed and the settlements that changed
/// side, illustrative zones labelled so); checkpoints opened or closed in
/// the period (gazetteer places of kind checkpoint); provisions the
/// incidents may engage (from `assessments`) with dated context; the
/// incidents; and the claims, each with its document, span and sentence.
/// Every figure carries references to its claims (footnotes `[^cN]` in
/// Markdown, links to `#cN` in HTML). All text from reports is escaped.
/// Incidents spanning more than [`LONG_RUNNING_DAYS`] days are listed
/// apart and not counted.
pub fn bulletin(
    incidents: &[Incident],
    assessments: &[Assessment],
    zones: &ZoneSet,
    gaz: &Gazetteer,
    from: PartialDate,
    to: PartialDate,
    format: Format,
) -> String {
    let lo = dn(from.first_day()).unwrap_or(i64::MIN);
    let hi = dn(to.last_day()).unwrap_or(i64::MAX);
    let (from_s, to_s) = (
        from.first_day().map_or(from.to_string(), |d| d.to_string()),
        to.last_day().map_or(to.to_string(), |d| d.to_string()),
    );
    let in_period: Vec<&Incident> = incidents
        .iter()
        .filter(|i| i.overlaps(Some(from), Some(to)))
        .collect();
    let (counted, long): (Vec<&Incident>, Vec<&Incident>) = in_period
        .iter()
        .partition(|i| i.span_days().is_some_and(|d| d <= LONG_RUNNING_DAYS));
    let claims = ClaimIndex::new(&in_period);
    let title = format!("Ceasefire bulletin, {from_s} to {to_s}");
    let mut b: Vec<Block> = Vec::new();

    b.push(Block::Heading(1, title.clone(), None));
    b.push(Block::Para(vec![t(
        "truce asserts nothing. Every figure below counts claims, each attributed to who makes it; \
         the references after a figure lead to the claims behind it, with the sentence each rests on. \
         A source is the claimant, or an outlet only when it reports on its own authority.",
    )]));

    // Summary.
    let (single, corr, disp) = status_counts(&counted);
    let docs: BTreeSet<&str> = in_period
        .iter()
        .flat_map(|i| i.claims.iter().map(|c| c.doc.as_str()))
        .collect();
    let verdicts = in_period.iter().filter(|i| i.verdict.is_some()).count();
    b.push(Block::Heading(2, "Summary".into(), None));
    let mut summary = vec![
        vec![t(format!(
            "Incidents dated within the period: {} (single source: {single}, corroborated: {corr}, disputed: {disp}).",
            counted.len()
        ))],
        vec![t(format!(
            "Claims: {}, in {} document(s), counting those behind the long-running items.",
            claims.list.len(),
            docs.len()
        ))],
        vec![t(format!(
            "Long-running or aggregate claims overlapping the period (spanning more than {LONG_RUNNING_DAYS} days), listed apart and not counted: {}.",
            long.len()
        ))],
    ];
    if verdicts > 0 {
        summary.push(vec![t(format!(
            "Incidents with a reviewer verdict: {verdicts}."
        ))]);
    }
    b.push(Block::List(summary));

    // Chart.
    b.push(Block::Heading(2, "Incidents per day".into(), None));
    // An incident is charted on its first day when it spans at most
    // CHART_MAX_SPAN_DAYS days; coarser ones are counted in a note.
    let day_of: Vec<(i64, &Incident)> = counted
        .iter()
        .filter(|i| i.span_days().is_some_and(|n| n <= CHART_MAX_SPAN_DAYS))
        .filter_map(|i| {
            dn(i.first_day)
                .filter(|d| lo <= *d && *d <= hi)
                .map(|d| (d, *i))
        })
        .collect();
    if hi - lo < DAILY_CHART_MAX_DAYS && hi >= lo {
        let bars: Vec<(String, String, usize)> = (lo..=hi)
            .map(|d| {
                let n = day_of.iter().filter(|(x, _)| *x == d).count();
                let date = PartialDate::from_days_from_epoch(d);
                let label = date
                    .day()
                    .filter(|dd| *dd == 1 || dd % 5 == 0)
                    .map(|dd| dd.to_string())
                    .unwrap_or_default();
                (label, format!("{date}: {n} incident(s)"), n)
            })
            .collect();
        b.push(Block::Svg(bar_chart(
            &format!("Incidents per day, {from_s} to {to_s}"),
            &bars,
        )));
    } else {
        let mut months: BTreeMap<(i32, u8), usize> = BTreeMap::new();
        let mut d = lo;
        while d <= hi {
            let p = PartialDate::from_days_from_epoch(d);
            months
                .entry((p.year().unwrap_or(0), p.month().unwrap_or(0)))
                .or_default();
            d += 1;
        }
        for (x, _) in &day_of {
            let p = PartialDate::from_days_from_epoch(*x);
            *months
                .entry((p.year().unwrap_or(0), p.month().unwrap_or(0)))
                .or_default() += 1;
        }
        let bars: Vec<(String, String, usize)> = months
            .iter()
            .map(|((y, m), n)| (format!("{m}"), format!("{y}-{m:02}: {n} incident(s)"), *n))
            .collect();
        b.push(Block::Svg(bar_chart(
            &format!("Incidents per month, {from_s} to {to_s}"),
            &bars,
        )));
    }
    let mut day_rows: BTreeMap<i64, Vec<&Incident>> = BTreeMap::new();
    for (d, i) in &day_of {
        day_rows.entry(*d).or_default().push(i);
    }
    if !day_rows.is_empty() {
        b.push(Block::Table(
            vec!["day".into(), "incidents".into(), "claims".into()],
            day_rows
                .iter()
                .map(|(d, incs)| {
                    vec![
                        vec![t(PartialDate::from_days_from_epoch(*d).to_string())],
                        vec![t(incs.len().to_string())],
                        claims.refs(incs.iter().flat_map(|i| &i.claims)),
                    ]
                })
                .collect(),
        ));
    }
    let coarse = counted.len() - day_of.len();
    if coarse > 0 {
        b.push(Block::Para(vec![t(format!(
            "{coarse} incident(s) dated only to a month or a year, spanning more than {CHART_MAX_SPAN_DAYS} days, or beginning before the period are not in the chart; incidents spanning a few days are charted on their first day."
        ))]));
    }

    // By type.
    b.push(Block::Heading(2, "By type".into(), None));
    let mut by_type: BTreeMap<EventType, Vec<&Incident>> = BTreeMap::new();
    for i in &counted {
        by_type.entry(i.event_type).or_default().push(i);
    }
    if by_type.is_empty() {
        b.push(Block::Para(vec![t(
            "No incidents dated within the period.",
        )]));
    } else {
        b.push(Block::Table(
            [
                "type",
                "incidents",
                "single source",
                "corroborated",
                "disputed",
                "claims",
            ]
            .map(String::from)
            .to_vec(),
            by_type
                .iter()
                .map(|(ty, incs)| {
                    let (s, c, d) = status_counts(incs);
                    vec![
                        vec![t(ty.code())],
                        vec![t(incs.len().to_string())],
                        vec![t(s.to_string())],
                        vec![t(c.to_string())],
                        vec![t(d.to_string())],
                        claims.refs(incs.iter().flat_map(|i| &i.claims)),
                    ]
                })
                .collect(),
        ));
    }

    // By place.
    b.push(Block::Heading(2, "By place".into(), None));
    let mut by_place: BTreeMap<String, Vec<&Incident>> = BTreeMap::new();
    for i in &counted {
        if i.places.is_empty() {
            by_place
                .entry("(no place named)".into())
                .or_default()
                .push(i);
        }
        for p in &i.places {
            by_place.entry(p.clone()).or_default().push(i);
        }
    }
    if !by_place.is_empty() {
        b.push(Block::Para(vec![t(
            "An incident naming several places counts under each.",
        )]));
        b.push(Block::Table(
            vec!["place".into(), "incidents".into(), "claims".into()],
            by_place
                .iter()
                .map(|(p, incs)| {
                    vec![
                        vec![t(p.clone())],
                        vec![t(incs.len().to_string())],
                        claims.refs(incs.iter().flat_map(|i| &i.claims)),
                    ]
                })
                .collect(),
        ));
    }

    // As each side reports.
    b.push(Block::Heading(2, "As each source reports".into(), None));
    let owned: Vec<Incident> = counted.iter().map(|i| (*i).clone()).collect();
    let counts = counts_by_claimant(&owned, Some(from), Some(to));
    if counts.is_empty() {
        b.push(Block::Para(vec![t("No claims in the period.")]));
    } else {
        b.push(Block::Para(vec![t(
            "Counts side by side, each as its source gives it: incidents a source asserts, incidents it denies, \
             the types its own reports give, and whom its reports name as perpetrator (by side).",
        )]));
        b.push(Block::Table(
            [
                "source",
                "side",
                "asserts",
                "denies",
                "by type",
                "perpetrator named (side)",
                "claims",
            ]
            .map(String::from)
            .to_vec(),
            counts
                .iter()
                .map(|c| {
                    let types: Vec<String> = c
                        .by_type
                        .iter()
                        .map(|(ty, n)| format!("{ty} {n}"))
                        .collect();
                    let perps: Vec<String> = c
                        .perpetrator_sides
                        .iter()
                        .map(|(s, n)| format!("{} {n}", side_label(s)))
                        .collect();
                    let theirs = counted
                        .iter()
                        .flat_map(|i| i.claims.iter())
                        .filter(|cl| cl.source == c.claimant);
                    vec![
                        vec![t(c.claimant.clone())],
                        vec![t(c
                            .side
                            .as_deref()
                            .map_or("unknown", side_label)
                            .to_string())],
                        vec![t(c.asserted.to_string())],
                        vec![t(c.denied.to_string())],
                        vec![t(types.join(", "))],
                        vec![t(perps.join(", "))],
                        claims.refs(theirs),
                    ]
                })
                .collect(),
        ));
    }

    // Casualties.
    b.push(Block::Heading(2, "Casualties".into(), None));
    let with_figures: Vec<&Incident> = counted
        .iter()
        .copied()
        .filter(|i| i.killed.is_some() || i.injured.is_some())
        .collect();
    if with_figures.is_empty() {
        b.push(Block::Para(vec![t(
            "No casualty figures are claimed for incidents in the period.",
        )]));
    } else {
        b.push(Block::Para(vec![t(
            "Ranges as UCDP gives them: low = the smallest figure claimed, high = the largest, best = the figure \
             the most independent sources give (ties: the lower median).",
        )]));
        let fig = |r: &Option<truce_incidents::CountRange>| {
            r.as_ref().map_or("not stated".to_string(), |r| {
                format!("low {} / best {} / high {}", r.low, r.best, r.high)
            })
        };
        b.push(Block::Table(
            [
                "incident",
                "killed",
                "injured",
                "figures as claimed",
                "claims",
            ]
            .map(String::from)
            .to_vec(),
            with_figures
                .iter()
                .map(|i| {
                    let mut as_claimed = Vec::new();
                    for (f, r) in [("killed", &i.killed), ("injured", &i.injured)] {
                        if let Some(r) = r {
                            for v in &r.values {
                                as_claimed.push(format!(
                                    "{f} {} ({})",
                                    v.count,
                                    v.sources.join(", ")
                                ));
                            }
                        }
                    }
                    vec![
                        vec![Inline::Incident(i.id), t(format!(": {}", inc_label(i)))],
                        vec![t(fig(&i.killed))],
                        vec![t(fig(&i.injured))],
                        vec![t(as_claimed.join("; "))],
                        claims.refs(&i.claims),
                    ]
                })
                .collect(),
        ));
        let sum = |f: fn(&Incident) -> Option<&truce_incidents::CountRange>| {
            with_figures
                .iter()
                .filter_map(|i| f(i))
                .fold((0u32, 0u32, 0u32), |a, r| {
                    (a.0 + r.low, a.1 + r.best, a.2 + r.high)
                })
        };
        let (kl, kb, kh) = sum(|i| i.killed.as_ref());
        let (il, ib, ih) = sum(|i| i.injured.as_ref());
        b.push(Block::Para(vec![t(format!(
            "Summed over these incidents, as claimed: killed low {kl} / best {kb} / high {kh}; injured low {il} / best {ib} / high {ih}."
        ))]));
    }

    // Disputed items.
    b.push(Block::Heading(2, "Disputed items".into(), None));
    let disputed: Vec<&Incident> = in_period
        .iter()
        .copied()
        .filter(|i| i.status == Status::Disputed || !i.disputes.is_empty())
        .collect();
    if disputed.is_empty() {
        b.push(Block::Para(vec![t(
            "No claim in the period is denied, and no field is contested.",
        )]));
    } else {
        b.push(Block::List(
            disputed
                .iter()
                .map(|i| {
                    let mut parts =
                        vec![Inline::Incident(i.id), t(format!(" ({}): ", inc_label(i)))];
                    let asserted: Vec<&str> = i.sources.iter().map(String::as_str).collect();
                    parts.push(t(format!(
                        "asserted by {}",
                        if asserted.is_empty() {
                            "no one".to_string()
                        } else {
                            asserted.join(", ")
                        }
                    )));
                    if !i.deniers.is_empty() {
                        parts.push(t(format!("; denied by {}", i.deniers.join(", "))));
                    }
                    for d in &i.disputes {
                        parts.push(t(format!("; the claims differ on {}", d.display())));
                    }
                    parts.push(t(". "));
                    parts.extend(claims.refs(&i.claims));
                    parts
                })
                .collect(),
        ));
    }

    // Zone changes.
    b.push(Block::Heading(2, "Zone changes in the period".into(), None));
    let mut zone_items = Vec::new();
    for z in zones.zones() {
        for v in z.versions() {
            if !in_bounds(v.from, lo, hi) {
                continue;
            }
            let label = if v.is_illustrative() {
                "illustrative construction by truce, not an official map".to_string()
            } else {
                format!("source: {}", v.source)
            };
            let mut text = format!("Zone {}: version {} begins ({label})", z.name(), v.period());
            if let Some(prev) = v.from.add_days(-1)
                && let Ok(diff) = zones.diff(z.name(), prev, v.from, gaz)
            {
                text.push_str(&format!(
                    "; area added {:.0} km², removed {:.0} km² against {prev}",
                    diff.added_km2, diff.removed_km2
                ));
                let now_in: Vec<&str> = diff
                    .places_changed_side
                    .iter()
                    .filter(|c| c.now_inside)
                    .map(|c| c.name.as_str())
                    .collect();
                let now_out: Vec<&str> = diff
                    .places_changed_side
                    .iter()
                    .filter(|c| !c.now_inside)
                    .map(|c| c.name.as_str())
                    .collect();
                if !now_in.is_empty() {
                    text.push_str(&format!("; settlements now inside: {}", now_in.join(", ")));
                }
                if !now_out.is_empty() {
                    text.push_str(&format!(
                        "; settlements now outside: {}",
                        now_out.join(", ")
                    ));
                }
            }
            text.push('.');
            zone_items.push(vec![t(text)]);
        }
    }
    if zone_items.is_empty() {
        b.push(Block::Para(vec![t(
            "No zone version begins in the period.",
        )]));
    } else {
        b.push(Block::List(zone_items));
    }

    // Checkpoints.
    b.push(Block::Heading(
        2,
        "Checkpoints opened or closed in the period".into(),
        None,
    ));
    let mut cps = Vec::new();
    for p in gaz.places().filter(|p| p.kind == PlaceKind::Checkpoint) {
        for (what, d) in [("opened", &p.active_from), ("closed", &p.active_to)] {
            if let Some(d) = d.as_deref().and_then(|d| d.parse::<PartialDate>().ok())
                && in_bounds(d, lo, hi)
            {
                let approx = if p.is_approximate() {
                    ", coordinates approximate"
                } else {
                    ""
                };
                cps.push(vec![t(format!(
                    "{} ({}): {what} {d} (gazetteer{approx}).",
                    p.name, p.id
                ))]);
            }
        }
    }
    if cps.is_empty() {
        b.push(Block::Para(vec![t(
            "No checkpoint in the gazetteer opens or closes in the period.",
        )]));
    } else {
        b.push(Block::List(cps));
    }

    // Provisions.
    b.push(Block::Heading(
        2,
        "Provisions the claims may engage".into(),
        None,
    ));
    let ids: BTreeSet<i64> = in_period.iter().map(|i| i.id).collect();
    let relevant: Vec<&Assessment> = assessments
        .iter()
        .filter(|a| ids.contains(&a.incident))
        .collect();
    if relevant.is_empty() {
        b.push(Block::Para(vec![t(
            "No incident in the period matches a condition of the agreement.",
        )]));
    } else {
        b.push(Block::Para(vec![t(
            "Each line reads: who claims what; if so, which provision it would engage and on whose part, under \
             which reading; and whether it is disputed. None of this says that anything happened.",
        )]));
        let mut by_prov: BTreeMap<(usize, String), Vec<(&Assessment, &crate::assess::Engagement)>> =
            BTreeMap::new();
        for a in &relevant {
            for e in &a.engagements {
                by_prov
                    .entry((e.provision.len(), e.provision.clone()))
                    .or_default()
                    .push((a, e));
            }
        }
        for ((_, pid), list) in &by_prov {
            let title = list.first().map_or("", |(_, e)| e.title.as_str());
            b.push(Block::Heading(3, format!("Provision {pid}: {title}"), None));
            b.push(Block::List(
                list.iter()
                    .map(|(a, e)| {
                        let mut parts = vec![
                            Inline::Incident(a.incident),
                            t(format!(" ({}): {} ", e.condition, e.wording)),
                        ];
                        parts.extend(claims.refs(&a.claims));
                        parts
                    })
                    .collect(),
            ));
        }
        let mut ctx: Vec<&crate::agreement::ContextEntry> = relevant
            .iter()
            .flat_map(|a| &a.context)
            .filter(|c| crate::assess::period_overlaps(c.date, None, Some(from), Some(to)))
            .collect();
        ctx.sort();
        ctx.dedup();
        if !ctx.is_empty() {
            b.push(Block::Heading(
                3,
                "Context dated in the period".into(),
                None,
            ));
            b.push(Block::List(
                ctx.iter()
                    .map(|c| {
                        vec![t(format!(
                            "{} (provision {}): {}",
                            c.date,
                            c.provisions.join(", "),
                            c.text
                        ))]
                    })
                    .collect(),
            ));
        }
    }

    // Incidents.
    b.push(Block::Heading(2, "Incidents".into(), None));
    for (group, list) in [
        ("Dated within the period", &counted),
        ("Long-running or aggregate claims", &long),
    ] {
        if list.is_empty() {
            continue;
        }
        b.push(Block::Para(vec![Inline::Strong(group.to_string())]));
        for i in list.iter() {
            b.push(Block::Heading(
                3,
                format!("Incident {}", i.id),
                Some(format!("incident-{}", i.id)),
            ));
            let types: Vec<&str> = i.types.iter().map(|t| t.code()).collect();
            let actors: Vec<String> = i
                .actors
                .iter()
                .map(|a| format!("{} ({})", a.name, a.role.code()))
                .collect();
            let mut items = vec![
                vec![t(format!("type: {}", types.join(", ")))],
                vec![t(format!("date: {}", i.date_text()))],
                vec![t(format!(
                    "places: {}",
                    if i.places.is_empty() {
                        "none named".into()
                    } else {
                        i.places.join(", ")
                    }
                ))],
                vec![t(format!(
                    "actors: {}",
                    if actors.is_empty() {
                        "none named".into()
                    } else {
                        actors.join(", ")
                    }
                ))],
                vec![t(format!("status: {}", i.display_status()))],
                vec![t(format!(
                    "asserted by: {}; denied by: {}",
                    if i.sources.is_empty() {
                        "no one".into()
                    } else {
                        i.sources.join(", ")
                    },
                    if i.deniers.is_empty() {
                        "no one".into()
                    } else {
                        i.deniers.join(", ")
                    }
                ))],
            ];
            if let Some(k) = &i.killed {
                items.push(vec![t(format!("killed, as claimed: {}", k.display()))]);
            }
            if let Some(k) = &i.injured {
                items.push(vec![t(format!("injured, as claimed: {}", k.display()))]);
            }
            for d in &i.disputes {
                items.push(vec![t(format!("the claims differ on {}", d.display()))]);
            }
            for l in &i.links {
                items.push(vec![t(format!(
                    "events {} and {} merged: {}",
                    l.a,
                    l.b,
                    l.why()
                ))]);
            }
            for c in &i.corrections {
                items.push(vec![t(c.clone())]);
            }
            let mut cl = vec![t("claims: ")];
            cl.extend(claims.refs(&i.claims));
            items.push(cl);
            b.push(Block::List(items));
        }
    }

    // Claims.
    b.push(Block::Heading(2, "Claims".into(), Some("claims".into())));
    if claims.list.is_empty() {
        b.push(Block::Para(vec![t("None.")]));
    } else {
        b.push(Block::Para(vec![t(
            "Each claim: the incident, who claims it and whether they assert or deny it, the document with the \
             character span of the sentence, and the sentence as it stands in the document.",
        )]));
        b.push(Block::Claims(claims.list.clone()));
    }
    render(&b, format, &title)
}
