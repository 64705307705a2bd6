//! Which provisions an incident may engage, if it happened as claimed.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use truce_gazetteer::{Gazetteer, Place, PlaceKind};
use truce_incidents::{ClaimRef, Incident, Status, actor_kind, actor_side};
use truce_model::{ActorRole, EventType, PartialDate};
use truce_zones::{Locus, ZoneSet};

use crate::agreement::{
    Agreement, Bearing, Condition, ContextEntry, Interpretation, Provision, Unplaced,
};

/// At most this many context entries (the latest up to the incident) go
/// with an assessment.
pub const MAX_CONTEXT: usize = 3;

/// A zone an incident's place lay in on the incident's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneHit {
    pub zone: String,
    pub place: String,
    /// The zone version's period (`2022-08-26..`).
    pub version: String,
    /// Built by truce, not a published map: say "illustrative".
    pub illustrative: bool,
}

impl ZoneHit {
    pub fn display(&self) -> String {
        let ill = if self.illustrative {
            ", illustrative zone"
        } else {
            ""
        };
        format!(
            "{} in {} (version {}{ill})",
            self.place, self.zone, self.version
        )
    }
}

/// One provision an incident may engage (or bear on), by whom, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Engagement {
    pub provision: String,
    pub title: String,
    pub condition: String,
    pub describes: String,
    pub bearing: Bearing,
    /// The party the actors act for, by id and name; `None` when the
    /// condition names no actor.
    pub party: Option<String>,
    pub party_name: Option<String>,
    /// The actors (with their roles) the engagement rests on.
    pub actors: Vec<ActorRole>,
    /// The sources whose claims name those actors in those roles (or, with
    /// no actors, every asserting source).
    pub named_by: Vec<String>,
    /// The reading of the provision the condition rests on, if any.
    pub reading: Option<Interpretation>,
    /// The competing readings: the provision's other readings on the same
    /// question (empty when the condition rests on no reading).
    pub other_readings: Vec<Interpretation>,
    /// What matched, in words.
    pub matched: Vec<String>,
    /// What could not be checked.
    pub caveats: Vec<String>,
    pub zones: Vec<ZoneHit>,
    /// One conditional sentence; never says that anything happened.
    pub wording: String,
}

/// An incident against an agreement: the provisions it may engage, with
/// the claims it rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub incident: i64,
    pub agreement: String,
    pub agreement_version: String,
    pub event_type: EventType,
    pub date: String,
    pub places: Vec<String>,
    pub status: Status,
    /// The status as shown (a reviewer's verdict when there is one).
    pub shown_status: String,
    pub engagements: Vec<Engagement>,
    /// Every claim the assessment rests on, with its sentence.
    pub claims: Vec<ClaimRef>,
    /// Dated context for the engaged provisions: the latest
    /// [`MAX_CONTEXT`] entries up to the incident's last day.
    pub context: Vec<ContextEntry>,
    /// The engagements' wording, one sentence each, then the context.
    pub wording: String,
}

enum Check {
    Yes(String),
    No,
    Unknown(String),
}

/// Whether the period `date..end` overlaps `[from, to]` (open bounds when
/// `None`; with a bound, a date with no year never does).
pub(crate) fn period_overlaps(
    date: PartialDate,
    end: Option<PartialDate>,
    from: Option<PartialDate>,
    to: Option<PartialDate>,
) -> bool {
    let (Some(first), Some(last)) = (
        date.first_day().and_then(|d| d.days_from_epoch()),
        end.unwrap_or(date)
            .last_day()
            .and_then(|d| d.days_from_epoch()),
    ) else {
        return from.is_none() && to.is_none();
    };
    let lo = from
        .and_then(|d| d.first_day())
        .and_then(|d| d.days_from_epoch())
        .unwrap_or(i64::MIN);
    let hi = to
        .and_then(|d| d.last_day())
        .and_then(|d| d.days_from_epoch())
        .unwrap_or(i64::MAX);
    first <= hi && lo <= last
}

fn day(d: Option<PartialDate>) -> Option<i64> {
    d?.days_from_epoch()
}

fn text_day(n: i64) -> String {
    PartialDate::from_days_from_epoch(n).to_string()
}

/// The incident's days against when the condition applies.
fn check_time(inc: &Incident, agreement: &Agreement, prov: &Provision, cond: &Condition) -> Check {
    let first = day(inc.first_day);
    let mut start = day(agreement.in_force_from.first_day()).unwrap_or(i64::MIN);
    let mut why = format!("on or after {} (in force)", text_day(start));
    let mut bump = |d: i64, w: String| {
        if d > start {
            start = d;
            why = w;
        }
    };
    if let Some(d) = prov.from.and_then(|d| day(d.first_day())) {
        bump(
            d,
            format!("on or after {} (provision in force)", text_day(d)),
        );
    }
    if let Some(d) = cond.after.and_then(|d| day(d.last_day())) {
        bump(d + 1, format!("after {}", text_day(d)));
    }
    if let Some(n) = cond.after_entry_days {
        let d = day(agreement.in_force_from.first_day()).unwrap_or(0) + n;
        bump(
            d,
            format!("{n} days or more after entry into force ({})", text_day(d)),
        );
    }
    if let Some(id) = &cond.after_deadline
        && let Some(dl) = prov.deadline_on(id, first, agreement.signed)
        && let Some(d) = day(Some(dl.date))
    {
        bump(
            d + 1,
            format!("after the deadline of {} ({})", dl.date, dl.what),
        );
    }
    let end = [cond.until, prov.to, agreement.in_force_to]
        .into_iter()
        .flatten()
        .filter_map(|d| day(d.last_day()))
        .min()
        .unwrap_or(i64::MAX);
    let (Some(first), Some(last)) = (first, day(inc.last_day)) else {
        return Check::Unknown(
            "undated: whether it falls while the provision applies cannot be checked".to_string(),
        );
    };
    if last < start || first > end {
        return Check::No;
    }
    // A period stated to end on the day the provision takes effect ("from
    // September to 10 November") ends as the provision begins.
    if first < start && last == start && inc.date_end.is_some() {
        return Check::No;
    }
    if first >= start && last <= end {
        return Check::Yes(why);
    }
    if first < start {
        Check::Unknown(format!(
            "the claimed period {}..{} begins before {}: only part of it may fall while the provision applies",
            text_day(first),
            text_day(last),
            text_day(start)
        ))
    } else {
        Check::Unknown(format!("the claimed period runs past {}", text_day(end)))
    }
}

fn resolved<'g>(inc: &Incident, gaz: &'g Gazetteer) -> Vec<(&'g Place, String)> {
    inc.places
        .iter()
        .filter_map(|name| gaz.resolve(name).map(|p| (p, name.clone())))
        .collect()
}

fn check_places_within(inc: &Incident, gaz: &Gazetteer, cond: &Condition) -> Check {
    if cond.places_within.is_empty() {
        return Check::Yes(String::new());
    }
    let places = resolved(inc, gaz);
    for (p, _) in &places {
        // A road is within an area when a place on its route is.
        let ids: Vec<&str> = if p.kind == PlaceKind::Road && !p.route.is_empty() {
            p.route.iter().map(String::as_str).collect()
        } else {
            vec![p.id.as_str()]
        };
        for target in &cond.places_within {
            if ids.iter().any(|id| gaz.is_within(id, target)) {
                let t = gaz.get(target).map_or(target.as_str(), |t| t.name.as_str());
                return Check::Yes(format!("{} within {t}", p.name));
            }
        }
    }
    if places.is_empty() && cond.unplaced == Unplaced::Caveat {
        return Check::Unknown(
            "no place the gazetteer knows is named: whether it is in the area cannot be checked"
                .to_string(),
        );
    }
    Check::No
}

/// The zones each resolved place lies in on the incident's date. A road
/// with a route counts as in a zone when more than half of the places on
/// its route with coordinates are (an event "on the Lachin road" is not in
/// every zone the 60 km road touches); countries and regions never count
/// (their point stands for a whole area); other places by their point.
fn zone_hits(inc: &Incident, gaz: &Gazetteer, zones: &ZoneSet) -> Option<Vec<ZoneHit>> {
    let date = inc.date.filter(|d| d.year().is_some()).or(inc.first_day)?;
    let mut hits: Vec<ZoneHit> = Vec::new();
    let mut push = |zone: &str, place: &str, version: String, illustrative: bool| {
        if !hits
            .iter()
            .any(|h| h.zone == zone && h.place == place && h.version == version)
        {
            hits.push(ZoneHit {
                zone: zone.to_string(),
                place: place.to_string(),
                version,
                illustrative,
            });
        }
    };
    for (p, _) in resolved(inc, gaz) {
        if matches!(p.kind, PlaceKind::Country | PlaceKind::Region) {
            continue;
        }
        if p.kind == PlaceKind::Road && !p.route.is_empty() {
            let points: Vec<Locus> = p
                .route
                .iter()
                .filter_map(|id| gaz.get(id))
                .filter_map(|q| Locus::lat_lon(q.lat?, q.lon?))
                .collect();
            let mut n: BTreeMap<(String, String), (usize, bool)> = BTreeMap::new();
            for l in &points {
                for pl in zones.zones_containing(l, date) {
                    let e = n
                        .entry((pl.zone.name().to_string(), pl.version.period()))
                        .or_insert((0, pl.is_illustrative()));
                    e.0 += 1;
                }
            }
            for ((zone, version), (k, ill)) in n {
                if 2 * k > points.len() {
                    push(&zone, &p.name, version, ill);
                }
            }
            continue;
        }
        let Some(locus) = Locus::from_place(gaz, p) else {
            continue;
        };
        for pl in zones.zones_containing(&locus, date) {
            push(
                pl.zone.name(),
                &p.name,
                pl.version.period(),
                pl.is_illustrative(),
            );
        }
    }
    Some(hits)
}

fn phrase(t: EventType) -> &'static str {
    match t {
        EventType::Firing => "firing",
        EventType::ArmedClash => "an armed clash",
        EventType::Attack => "an attack",
        EventType::MineIncident => "a mine incident",
        EventType::MineLaying => "mine laying",
        EventType::MilitaryMovement => "a military movement",
        EventType::Infiltration => "an infiltration",
        EventType::Arrest => "a detention",
        EventType::Deployment => "a deployment",
        EventType::Transit => "a transit",
        EventType::ResourceExploitation => "resource extraction",
        EventType::Looting => "looting or destruction of property",
        EventType::Protest => "a protest",
        EventType::Obstruction => "an obstruction",
        EventType::Agreement => "an agreement",
        EventType::Restriction => "a restriction",
    }
}

fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

fn date_phrase(inc: &Incident) -> String {
    match (inc.date, inc.date_end) {
        (Some(d), Some(e)) => format!("between {d} and {e}"),
        (Some(d), None) if d.is_full() => format!("on {d}"),
        (Some(d), None) => format!("in {d}"),
        _ => "at an unstated date".to_string(),
    }
}

/// The status in words, for the end of a wording sentence.
fn status_phrase(inc: &Incident) -> String {
    let mut s = match inc.status {
        Status::Disputed => format!("disputed by {}", join_names(&inc.deniers)),
        Status::Corroborated => format!("asserted by {} independent sources", inc.sources.len()),
        Status::SingleSource => "single source, not corroborated".to_string(),
    };
    if let Some(v) = &inc.verdict {
        s.push_str(&format!(
            "; reviewer {} marks it {}",
            v.reviewer,
            v.kind.code()
        ));
    }
    for d in &inc.disputes {
        s.push_str(&format!("; the claims differ on {}", d.display()));
    }
    s
}

#[allow(clippy::too_many_arguments)]
fn wording(
    inc: &Incident,
    agreement: &Agreement,
    prov: &Provision,
    cond: &Condition,
    party_name: Option<&str>,
    actors: &[ActorRole],
    named_by: &[String],
    reading: Option<&Interpretation>,
    others: &[Interpretation],
    caveats: &[String],
) -> String {
    let who = if named_by.is_empty() {
        "A report".to_string()
    } else {
        join_names(named_by)
    };
    let verb = if named_by.len() > 1 {
        "claim"
    } else {
        "claims"
    };
    let what: Vec<&str> = inc
        .types
        .iter()
        .filter(|t| cond.types.is_empty() || cond.types.contains(t))
        .map(|t| phrase(*t))
        .collect();
    let what = if what.is_empty() {
        phrase(inc.event_type).to_string()
    } else {
        what.join(" / ")
    };
    let place = if inc.places.is_empty() {
        String::new()
    } else {
        format!(" at {}", inc.places.join(", "))
    };
    let naming = if actors.is_empty() {
        String::new()
    } else {
        let mut roles: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for a in actors {
            roles.entry(a.role.code()).or_default().push(a.name.clone());
        }
        let by_role: Vec<String> = roles
            .iter()
            .map(|(r, names)| format!("{} as {r}", join_names(names)))
            .collect();
        format!(", naming {}", join_names(&by_role))
    };
    let under = match reading {
        Some(r) => format!(
            " under the reading held by {} ({})",
            join_names(&r.held_by),
            r.id
        ),
        None => String::new(),
    };
    let actor_names: Vec<String> = actors
        .iter()
        .map(|a| a.name.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let on_part = match party_name {
        Some(p) => format!(" on the part of {p} (as {})", join_names(&actor_names)),
        None => String::new(),
    };
    let effect = match cond.bearing {
        Bearing::Engages => format!(
            "if so,{under} this would engage provision {} ({}) of {}{on_part}",
            prov.id, prov.title, agreement.short
        ),
        Bearing::Implements => format!(
            "if so,{under} this would bear on carrying out provision {} ({}) of {}{}",
            prov.id,
            prov.title,
            agreement.short,
            party_name
                .map(|p| format!(", concerning {p} (as {})", join_names(&actor_names)))
                .unwrap_or_default()
        ),
    };
    let mut s = format!(
        "{who} {verb} {what} {}{place}{naming}; {effect}; {}.",
        date_phrase(inc),
        status_phrase(inc)
    );
    if reading.is_some() && !others.is_empty() {
        let o: Vec<String> = others
            .iter()
            .map(|r| format!("{} ({})", join_names(&r.held_by), r.id))
            .collect();
        s.push_str(&format!(
            " A competing reading is held by {}.",
            join_names(&o)
        ));
    } else if reading.is_none() && !prov.interpretations.is_empty() {
        s.push_str(" This rests on the paraphrased text, not on a contested reading.");
    }
    for c in caveats {
        s.push_str(&format!(" Not checked: {c}."));
    }
    s
}

fn evaluate(
    inc: &Incident,
    agreement: &Agreement,
    prov: &Provision,
    cond: &Condition,
    zones: &ZoneSet,
    gaz: &Gazetteer,
) -> Vec<Engagement> {
    let mut matched = Vec::new();
    let mut caveats = Vec::new();
    // Type.
    if !cond.types.is_empty() {
        let hit: Vec<&str> = inc
            .types
            .iter()
            .filter(|t| cond.types.contains(t))
            .map(|t| t.code())
            .collect();
        if hit.is_empty() {
            return Vec::new();
        }
        matched.push(format!("type {}", hit.join(", ")));
    }
    // Time.
    match check_time(inc, agreement, prov, cond) {
        Check::Yes(w) => matched.push(w),
        Check::Unknown(w) => caveats.push(w),
        Check::No => return Vec::new(),
    }
    // Places.
    match check_places_within(inc, gaz, cond) {
        Check::Yes(w) if !w.is_empty() => matched.push(w),
        Check::Yes(_) => {}
        Check::Unknown(w) => caveats.push(w),
        Check::No => return Vec::new(),
    }
    // Zones on the date.
    let mut hits_kept = Vec::new();
    if !cond.zones.is_empty() || !cond.outside_zones.is_empty() {
        let hits = zone_hits(inc, gaz, zones);
        if !cond.zones.is_empty() {
            let Some(hits) = &hits else { return Vec::new() };
            let inside: Vec<ZoneHit> = hits
                .iter()
                .filter(|h| cond.zones.contains(&h.zone))
                .cloned()
                .collect();
            if inside.is_empty() {
                return Vec::new();
            }
            matched.extend(inside.iter().map(ZoneHit::display));
            hits_kept = inside;
        }
        if !cond.outside_zones.is_empty() {
            match &hits {
                Some(hits) => {
                    if hits.iter().any(|h| cond.outside_zones.contains(&h.zone)) {
                        return Vec::new();
                    }
                    matched.push(format!("outside {}", cond.outside_zones.join(", ")));
                }
                None => caveats.push(format!(
                    "undated: whether it lies outside {} cannot be checked",
                    cond.outside_zones.join(", ")
                )),
            }
        }
    }
    // Readings.
    let reading = cond
        .reading
        .as_deref()
        .and_then(|r| prov.interpretation(r))
        .cloned();
    let others: Vec<Interpretation> = match &reading {
        Some(r) => prov
            .interpretations
            .iter()
            .filter(|i| i.topic == r.topic && i.id != r.id)
            .cloned()
            .collect(),
        None => Vec::new(),
    };

    let make = |party: Option<(&str, &str)>,
                actors: Vec<ActorRole>,
                named_by: Vec<String>,
                matched: Vec<String>| {
        let wording = wording(
            inc,
            agreement,
            prov,
            cond,
            party.map(|p| p.1),
            &actors,
            &named_by,
            reading.as_ref(),
            &others,
            &caveats,
        );
        Engagement {
            provision: prov.id.clone(),
            title: prov.title.clone(),
            condition: cond.id.clone(),
            describes: cond.describes.clone(),
            bearing: cond.bearing,
            party: party.map(|p| p.0.to_string()),
            party_name: party.map(|p| p.1.to_string()),
            actors,
            named_by,
            reading: reading.clone(),
            other_readings: others.clone(),
            matched,
            caveats: caveats.clone(),
            zones: hits_kept.clone(),
            wording,
        }
    };

    if cond.roles.is_empty() {
        return vec![make(None, Vec::new(), inc.sources.clone(), matched)];
    }
    // Actors by the party they act for.
    let mut by_party: BTreeMap<&str, Vec<&ActorRole>> = BTreeMap::new();
    for a in inc.actors.iter().filter(|a| cond.roles.contains(&a.role)) {
        let Some(side) = actor_side(&a.name) else {
            continue;
        };
        if !cond.sides.is_empty() && !cond.sides.contains(&side) {
            continue;
        }
        if !cond.kinds.is_empty() && !actor_kind(&a.name).is_some_and(|k| cond.kinds.contains(&k)) {
            continue;
        }
        let Some(party) = agreement
            .parties
            .iter()
            .find(|p| p.sides.contains(&side) && prov.binds.contains(&p.id))
        else {
            continue;
        };
        by_party.entry(party.id.as_str()).or_default().push(a);
    }
    by_party
        .into_iter()
        .map(|(pid, actors)| {
            let party = agreement
                .party(pid)
                .map_or((pid, pid), |p| (p.id.as_str(), p.name.as_str()));
            let named_by: Vec<String> = actors
                .iter()
                .flat_map(|a| inc.sources_naming(&a.name, a.role))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let mut m = matched.clone();
            let roles: Vec<String> = actors
                .iter()
                .map(|a| format!("{} ({})", a.name, a.role.code()))
                .collect();
            m.push(format!("{} acting for {}", roles.join(", "), party.1));
            make(
                Some(party),
                actors.into_iter().cloned().collect(),
                named_by,
                m,
            )
        })
        .collect()
}

/// Assesses each incident overlapping `[from, to]` (open bounds when
/// `None`) against every condition of every provision of `agreement`.
/// Returns one [`Assessment`] per incident that may engage (or bear on) at
/// least one provision, in the incidents' order; incidents that engage
/// nothing are left out.
///
/// Conditions: every field a condition sets must hold — type; time (the
/// incident's period against entry into force, the provision's period,
/// `after`, `after_deadline` in its version in force then,
/// `after_entry_days`, `until`); places within gazetteer areas; zones on
/// the incident's date (`zones`, `outside_zones`, with truce-zones'
/// time-versioned zones); an actor in one of `roles`, of one of `sides` and
/// `kinds`, acting for a party the provision binds. A period that straddles
/// a start date, or a missing date or place where the condition allows it,
/// is a caveat named in the wording, not a match.
///
/// The wording is conditional and attributed: "X claims ...; if so, this
/// would engage provision N (...) on the part of P; disputed by Y." truce
/// never states that a provision was engaged, only that a claim, if true,
/// would engage it.
pub fn assess(
    incidents: &[Incident],
    agreement: &Agreement,
    zones: &ZoneSet,
    gaz: &Gazetteer,
    from: Option<PartialDate>,
    to: Option<PartialDate>,
) -> Vec<Assessment> {
    let mut out = Vec::new();
    for inc in incidents.iter().filter(|i| i.overlaps(from, to)) {
        let mut engagements = Vec::new();
        for prov in &agreement.provisions {
            for cond in &prov.conditions {
                engagements.extend(evaluate(inc, agreement, prov, cond, zones, gaz));
            }
        }
        if engagements.is_empty() {
            continue;
        }
        let engaged: BTreeSet<&str> = engagements.iter().map(|e| e.provision.as_str()).collect();
        let last = day(inc.last_day);
        let mut context: Vec<ContextEntry> = agreement
            .context
            .iter()
            .filter(|c| c.provisions.iter().any(|p| engaged.contains(p.as_str())))
            .filter(|c| match (day(c.date.first_day()), last) {
                (Some(cd), Some(l)) => cd <= l,
                _ => false,
            })
            .cloned()
            .collect();
        context.sort();
        let keep = context.len().saturating_sub(MAX_CONTEXT);
        context.drain(..keep);
        let mut wording: Vec<String> = engagements.iter().map(|e| e.wording.clone()).collect();
        for c in &context {
            wording.push(format!("Context ({}): {}", c.date, c.text));
        }
        out.push(Assessment {
            incident: inc.id,
            agreement: agreement.id.clone(),
            agreement_version: agreement.version.clone(),
            event_type: inc.event_type,
            date: inc.date_text(),
            places: inc.places.clone(),
            status: inc.status,
            shown_status: inc.display_status(),
            engagements,
            claims: inc.claims.clone(),
            context,
            wording: wording.join("\n"),
        });
    }
    out
}
