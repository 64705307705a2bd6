//! Grouping event records from different documents into incidents.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use truce_gazetteer::{Gazetteer, Place, PlaceKind};
use truce_model::{EventType, PartialDate, Role};

use crate::incident::{EventInput, Incident, MergeLink, MergeReason};
use crate::side::actor_side;

/// How close two events must be to be one occurrence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MergeOptions {
    /// Days two day-precise dates may differ by (reports disagree on the
    /// night an exchange of fire happened). Coarser dates must overlap.
    pub day_slack: i64,
    /// Two point-like places (settlements, checkpoints, heights...) at most
    /// this many km apart count as nearby.
    pub near_km: f64,
    /// An event whose period is longer than this many days is an aggregate
    /// or a long-running state ("since November 2020"), never merged
    /// automatically.
    pub max_span_days: i64,
    /// Merge records of the same document too. Off by default: the
    /// extractor already merges one occurrence mentioned twice in a
    /// document, and keeps each side's version of it as its own record.
    pub merge_within_document: bool,
}

impl Default for MergeOptions {
    fn default() -> Self {
        MergeOptions {
            day_slack: 1,
            near_km: 10.0,
            max_span_days: 31,
            merge_within_document: false,
        }
    }
}

/// Event types that may describe one occurrence. Reports of one exchange
/// of fire call it firing, a clash or an attack; a convoy one side calls
/// military cargo the other calls a transit or a deployment; a road
/// blockade is a protest to some and a restriction to others.
pub const COMPATIBLE_TYPES: &[(EventType, EventType)] = &[
    (EventType::Firing, EventType::ArmedClash),
    (EventType::Firing, EventType::Attack),
    (EventType::ArmedClash, EventType::Attack),
    (EventType::MilitaryMovement, EventType::Transit),
    (EventType::MilitaryMovement, EventType::Deployment),
    (EventType::MilitaryMovement, EventType::Infiltration),
    (EventType::Protest, EventType::Restriction),
    (EventType::MineIncident, EventType::Attack),
];

/// Whether two types may describe one occurrence: the same, or a pair in
/// [`COMPATIBLE_TYPES`] (either order).
pub fn compatible_types(a: EventType, b: EventType) -> bool {
    a == b
        || COMPATIBLE_TYPES
            .iter()
            .any(|&(x, y)| (x == a && y == b) || (x == b && y == a))
}

struct Prepared<'a> {
    ev: &'a EventInput,
    period: Option<(i64, i64)>,
    day_precise: bool,
    places: Vec<(&'a str, Option<&'a Place>)>,
    /// Sides of actors taking part (perpetrator, target, participant).
    sides: BTreeSet<String>,
    /// Names of actors taking part that have no side.
    unsided: BTreeSet<&'a str>,
    /// The named episode the extractor recognised ("war-2020", "statement-2020-11-10"), from its rules.
    episode: Option<&'a str>,
    mergeable: bool,
}

fn prepare<'a>(ev: &'a EventInput, gaz: &'a Gazetteer, opts: &MergeOptions) -> Prepared<'a> {
    let r = &ev.record;
    let period = ev.period_days();
    let full = |d: Option<PartialDate>| d.is_none_or(|d| d.is_full());
    let day_precise = r.date.is_some_and(|d| d.is_full()) && full(r.date_end);
    let places: Vec<(&str, Option<&Place>)> = r
        .places
        .iter()
        .map(|p| (p.as_str(), gaz.resolve(p)))
        .collect();
    let mut sides = BTreeSet::new();
    let mut unsided = BTreeSet::new();
    for a in &r.actors {
        if matches!(a.role, Role::Perpetrator | Role::Target | Role::Participant) {
            match actor_side(&a.name) {
                Some(s) if s != "intl" => {
                    sides.insert(s);
                }
                _ => {
                    unsided.insert(a.name.as_str());
                }
            }
        }
    }
    let episode = r.rule.iter().find_map(|rule| rule.strip_prefix("date:episode:"));
    // A named episode is one occurrence however long it lasted and wherever reports place it.
    let mergeable = episode.is_some() || (period.is_some_and(|(a, b)| b - a < opts.max_span_days) && !places.is_empty());
    Prepared {
        ev,
        period,
        day_precise,
        places,
        sides,
        unsided,
        episode,
        mergeable,
    }
}

fn coarse(p: &Place) -> bool {
    matches!(p.kind, PlaceKind::Country | PlaceKind::Region)
}

fn point_like(p: &Place) -> bool {
    matches!(
        p.kind,
        PlaceKind::Settlement
            | PlaceKind::Checkpoint
            | PlaceKind::Bridge
            | PlaceKind::Base
            | PlaceKind::Mine
            | PlaceKind::Monastery
            | PlaceKind::Height
    )
}

/// Great-circle distance in km.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().asin()
}

fn place_reason(
    a: (&str, Option<&Place>),
    b: (&str, Option<&Place>),
    gaz: &Gazetteer,
    near_km: f64,
) -> Option<MergeReason> {
    match (a.1, b.1) {
        (Some(x), Some(y)) => {
            if x.id == y.id {
                return (!coarse(x)).then(|| MergeReason::SamePlace {
                    place: x.name.clone(),
                });
            }
            for (inner, outer) in [(x, y), (y, x)] {
                if !coarse(outer) && gaz.is_within(&inner.id, &outer.id) {
                    return Some(MergeReason::PlaceWithin {
                        place: inner.name.clone(),
                        within: outer.name.clone(),
                    });
                }
                if outer.kind == PlaceKind::Road && outer.route.iter().any(|r| r == &inner.id) {
                    return Some(MergeReason::PlaceOnRoad {
                        place: inner.name.clone(),
                        road: outer.name.clone(),
                    });
                }
            }
            if point_like(x)
                && point_like(y)
                && let (Some(la), Some(lo), Some(lb), Some(mb)) = (x.lat, x.lon, y.lat, y.lon)
            {
                let km = haversine_km(la, lo, lb, mb);
                if km <= near_km {
                    let (a, b) = if x.name <= y.name { (x, y) } else { (y, x) };
                    return Some(MergeReason::PlaceNear {
                        a: a.name.clone(),
                        b: b.name.clone(),
                        km: (km * 10.0).round() / 10.0,
                    });
                }
            }
            None
        }
        // A name the gazetteer does not know matches only itself.
        (None, None) => {
            a.0.trim()
                .eq_ignore_ascii_case(b.0.trim())
                .then(|| MergeReason::SamePlace {
                    place: a.0.to_string(),
                })
        }
        _ => None,
    }
}

fn day_text(d: i64) -> String {
    PartialDate::from_days_from_epoch(d).to_string()
}

/// Why `a` and `b` may be one occurrence, or `None` when they may not.
fn compatible(
    a: &Prepared<'_>,
    b: &Prepared<'_>,
    gaz: &Gazetteer,
    opts: &MergeOptions,
) -> Option<Vec<MergeReason>> {
    let (ta, tb) = (a.ev.record.event_type, b.ev.record.event_type);
    if !compatible_types(ta, tb) {
        return None;
    }
    let mut reasons = vec![if ta == tb {
        MergeReason::SameType { event_type: ta }
    } else {
        MergeReason::CompatibleTypes {
            a: ta.min(tb),
            b: ta.max(tb),
        }
    }];
    match (a.episode, b.episode) {
        (Some(x), Some(y)) if x == y => {
            reasons.push(MergeReason::SameEpisode { episode: x.to_string() });
            return Some(reasons);
        }
        (Some(_), Some(_)) => return None,
        _ => {}
    }

    let ((a0, a1), (b0, b1)) = (a.period?, b.period?);
    if a0 <= b1 && b0 <= a1 {
        let (lo, hi) = (a0.max(b0), a1.min(b1));
        let overlap = if lo == hi {
            day_text(lo)
        } else {
            format!("{}..{}", day_text(lo), day_text(hi))
        };
        reasons.push(MergeReason::DatesOverlap { overlap });
    } else {
        let slack = if a.day_precise && b.day_precise {
            opts.day_slack
        } else {
            0
        };
        let gap = if a1 < b0 { b0 - a1 } else { a0 - b1 };
        if gap > slack {
            return None;
        }
        reasons.push(MergeReason::DatesWithinSlack {
            a: day_text(a0.min(b0)),
            b: day_text(a0.max(b0)),
            days: gap,
        });
    }

    let mut place_reasons: Vec<MergeReason> = Vec::new();
    for &pa in &a.places {
        for &pb in &b.places {
            if let Some(r) = place_reason(pa, pb, gaz, opts.near_km)
                && !place_reasons.contains(&r)
            {
                place_reasons.push(r);
            }
        }
    }
    if place_reasons.is_empty() {
        return None;
    }
    reasons.extend(place_reasons);

    // Actors: the two must name at least one party in common when both name
    // parties; who fired on whom may differ (that is a dispute, not a
    // different occurrence).
    if !a.sides.is_empty() && !b.sides.is_empty() {
        let shared: Vec<&str> = a.sides.intersection(&b.sides).map(String::as_str).collect();
        if shared.is_empty() {
            return None;
        }
        reasons.push(MergeReason::ActorsCompatible {
            detail: format!("both name sides {}", shared.join(", ")),
        });
    } else if a.sides.is_empty()
        && b.sides.is_empty()
        && !a.unsided.is_empty()
        && !b.unsided.is_empty()
    {
        let shared: Vec<&str> = a.unsided.intersection(&b.unsided).copied().collect();
        if shared.is_empty() {
            return None;
        }
        reasons.push(MergeReason::ActorsCompatible {
            detail: format!("both name {}", shared.join(", ")),
        });
    }
    Some(reasons)
}

fn is_strong(r: &MergeReason) -> bool {
    matches!(
        r,
        MergeReason::SameType { .. }
            | MergeReason::DatesOverlap { .. }
            | MergeReason::SamePlace { .. }
            | MergeReason::SameEpisode { .. }
    )
}

struct Cluster<'a> {
    members: Vec<usize>,
    links: Vec<MergeLink>,
    docs: BTreeSet<&'a str>,
    span: (i64, i64),
}

/// Groups events into incidents. Events from different documents merge
/// when every pair in the incident is compatible (complete linkage, so a
/// chain of near-matches never joins two unrelated events): compatible
/// types ([`compatible_types`]), overlapping periods (±`day_slack` days for
/// day-precise dates), a shared place (same place, one within the other
/// below region level, a place on a road's route, or point-like places
/// within `near_km`), and actors naming a party in common when both name
/// parties. Undated, unplaced and long-running events stay on their own.
///
/// Events are taken in date order (then document, span, id) and each joins
/// the compatible incident with the strongest link (ties: the earliest);
/// the output is sorted by first day (undated last), then id, and does not
/// depend on the input order.
pub fn build_incidents(
    events: &[EventInput],
    gaz: &Gazetteer,
    opts: &MergeOptions,
) -> Vec<Incident> {
    let prepared: Vec<Prepared<'_>> = events.iter().map(|e| prepare(e, gaz, opts)).collect();
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by(|&i, &j| {
        let key = |k: usize| {
            let p = &prepared[k];
            (
                p.period.map_or(i64::MAX, |x| x.0),
                &p.ev.doc,
                p.ev.record.span,
                p.ev.event_id,
            )
        };
        key(i).cmp(&key(j))
    });

    let mut clusters: Vec<Cluster<'_>> = Vec::new();
    // Mergeable clusters that a later event may still reach: events come in
    // order of first day, so a cluster ending before the current first day
    // (less the slack) is closed for good. Kept in creation order.
    let mut active: Vec<usize> = Vec::new();
    for &i in &order {
        let p = &prepared[i];
        let mut best: Option<(usize, usize, Vec<MergeLink>)> = None;
        if let (true, Some((p0, p1))) = (p.mergeable, p.period) {
            active.retain(|&ci| clusters[ci].span.1 + opts.day_slack >= p0);
            for &ci in &active {
                let c = &clusters[ci];
                if !opts.merge_within_document && c.docs.contains(p.ev.doc.as_str()) {
                    continue;
                }
                if p0 > c.span.1 + opts.day_slack || c.span.0 > p1 + opts.day_slack {
                    continue;
                }
                let mut links = Vec::with_capacity(c.members.len());
                let mut ok = true;
                for &m in &c.members {
                    match compatible(p, &prepared[m], gaz, opts) {
                        Some(reasons) => links.push(MergeLink::new(
                            p.ev.event_id,
                            prepared[m].ev.event_id,
                            reasons,
                        )),
                        None => {
                            ok = false;
                            break;
                        }
                    }
                }
                if !ok {
                    continue;
                }
                let score = links
                    .iter()
                    .map(|l| l.reasons.iter().filter(|r| is_strong(r)).count())
                    .max()
                    .unwrap_or(0);
                if best.as_ref().is_none_or(|b| score > b.1) {
                    best = Some((ci, score, links));
                }
            }
        }
        match best {
            Some((ci, _, links)) => {
                let c = &mut clusters[ci];
                c.members.push(i);
                c.links.extend(links);
                c.docs.insert(p.ev.doc.as_str());
                if let Some((a, b)) = p.period {
                    c.span = (c.span.0.min(a), c.span.1.max(b));
                }
            }
            None => {
                if p.mergeable {
                    active.push(clusters.len());
                }
                clusters.push(Cluster {
                    members: vec![i],
                    links: Vec::new(),
                    docs: BTreeSet::from([p.ev.doc.as_str()]),
                    span: p.period.unwrap_or((i64::MAX, i64::MIN)),
                });
            }
        }
    }

    let mut incidents: Vec<Incident> = clusters
        .into_iter()
        .map(|c| {
            Incident::from_events(
                c.members.iter().map(|&i| events[i].clone()).collect(),
                c.links,
            )
        })
        .collect();
    sort_incidents(&mut incidents);
    incidents
}

/// Sorts by first day (undated last), then id.
pub fn sort_incidents(incidents: &mut [Incident]) {
    incidents.sort_by_key(|i| {
        (
            i.first_day
                .and_then(|d| d.days_from_epoch())
                .unwrap_or(i64::MAX),
            i.id,
        )
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_table_is_symmetric() {
        assert!(compatible_types(EventType::Firing, EventType::ArmedClash));
        assert!(compatible_types(EventType::ArmedClash, EventType::Firing));
        assert!(compatible_types(EventType::Protest, EventType::Protest));
        assert!(!compatible_types(EventType::Protest, EventType::Firing));
    }

    #[test]
    fn haversine_is_about_right() {
        // Khankendi to Shusha is about 10 km.
        let km = haversine_km(39.8177, 46.7528, 39.76006, 46.74989);
        assert!((5.0..8.0).contains(&km), "{km}");
    }
}
