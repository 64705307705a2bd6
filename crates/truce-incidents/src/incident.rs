//! The incident: one occurrence as several reports tell it, and everything
//! derived from its claims (status, ranges, field-level disputes).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};
use truce_model::{ActorRole, EventRecord, EventType, PartialDate, Role, Stance};

use crate::side::actor_side;

/// One stored event record as the incident builder needs it: the record,
/// the id the store gave it, and its document's outlet and publication date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventInput {
    pub event_id: i64,
    /// The document's id (file name or URL), as in `record.doc`.
    pub doc: String,
    pub outlet: Option<String>,
    pub published: Option<PartialDate>,
    pub record: EventRecord,
}

impl EventInput {
    /// The event's period as day numbers since 1970-01-01 (first and last
    /// day inclusive): `date`'s first day to `date_end`'s (or `date`'s) last
    /// day. `None` without a dated year.
    pub fn period_days(&self) -> Option<(i64, i64)> {
        period_days(self.record.date, self.record.date_end)
    }

    /// The independent sources asserting this record (see [`claim_source`]);
    /// when none asserts, every claimant's source; when there are no claims,
    /// the outlet or the document.
    pub fn asserting_sources(&self) -> Vec<String> {
        let of = |stance: Option<Stance>| -> BTreeSet<String> {
            self.record
                .claims
                .iter()
                .filter(|c| stance.is_none_or(|s| c.stance == s))
                .map(|c| claim_source(&c.claimant, self.outlet.as_deref(), &self.doc))
                .collect()
        };
        let mut s = of(Some(Stance::Asserted));
        if s.is_empty() {
            s = of(None);
        }
        if s.is_empty() {
            s.insert(self.outlet.clone().unwrap_or_else(|| self.doc.clone()));
        }
        s.into_iter().collect()
    }
}

pub(crate) fn period_days(
    date: Option<PartialDate>,
    end: Option<PartialDate>,
) -> Option<(i64, i64)> {
    let date = date?;
    let first = date.first_day()?.days_from_epoch()?;
    let last_of = |d: PartialDate| d.last_day().and_then(|d| d.days_from_epoch());
    let last = end.and_then(last_of).or_else(|| last_of(date))?;
    Some((first, last.max(first)))
}

/// Who a claim's source is: the claimant, except that an outlet asserting
/// on its own authority (claimant `the outlet`, or the outlet's own name)
/// is the outlet (or, with no outlet known, the document). Two outlets
/// quoting the same ministry therefore give ONE source: the ministry.
pub fn claim_source(claimant: &str, outlet: Option<&str>, doc: &str) -> String {
    let c = claimant.trim();
    let is_outlet = c.eq_ignore_ascii_case("the outlet")
        || outlet.is_some_and(|o| o.trim().eq_ignore_ascii_case(c));
    if is_outlet {
        match outlet.map(str::trim).filter(|o| !o.is_empty()) {
            Some(o) => o.to_string(),
            None => format!("outlet of {doc}"),
        }
    } else {
        c.to_string()
    }
}

/// One claim in an incident, with the sentence it rests on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ClaimRef {
    pub doc: String,
    pub span: [usize; 2],
    pub event_id: i64,
    /// Who says it, as the record names them.
    pub claimant: String,
    /// The independent source this claim counts for ([`claim_source`]).
    pub source: String,
    pub stance: Stance,
    pub outlet: Option<String>,
    pub evidence: Option<String>,
    /// The source sentence(s), as they stand in the document's clean text.
    pub text: String,
}

/// Computed from the claims: never set by hand (see [`Verdict`] for that).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// One independent source asserts it, nobody denies it.
    SingleSource,
    /// Two or more independent sources assert it, nobody denies it.
    Corroborated,
    /// At least one claim denies it.
    Disputed,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::SingleSource => "single_source",
            Status::Corroborated => "corroborated",
            Status::Disputed => "disputed",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A reviewer's call on an incident. It changes how the incident is shown,
/// never its claims or its computed [`Status`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerdictKind {
    /// The reviewer finds the claims credible.
    Credible,
    /// The reviewer could not check the claims either way.
    Unverifiable,
    /// The reviewer finds the claims not credible.
    NotCredible,
    /// The reviewer keeps it open pending more reports.
    Pending,
}

impl VerdictKind {
    pub fn code(self) -> &'static str {
        match self {
            VerdictKind::Credible => "credible",
            VerdictKind::Unverifiable => "unverifiable",
            VerdictKind::NotCredible => "not_credible",
            VerdictKind::Pending => "pending",
        }
    }
}

/// A reviewer verdict, attributed to the reviewer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub kind: VerdictKind,
    pub reviewer: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub date: Option<PartialDate>,
}

/// Why two events were put in one incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MergeReason {
    SameType {
        event_type: EventType,
    },
    CompatibleTypes {
        a: EventType,
        b: EventType,
    },
    /// The periods share these days (`2023-03-24`, `2023-03-24..2023-03-25`).
    DatesOverlap {
        overlap: String,
    },
    /// Day-precise dates no more than `days` apart.
    DatesWithinSlack {
        a: String,
        b: String,
        days: i64,
    },
    SamePlace {
        place: String,
    },
    PlaceWithin {
        place: String,
        within: String,
    },
    PlaceOnRoad {
        place: String,
        road: String,
    },
    PlaceNear {
        a: String,
        b: String,
        km: f64,
    },
    ActorsCompatible {
        detail: String,
    },
    /// Both name the same well-known episode ("the 44-day war", "the trilateral statement").
    SameEpisode {
        episode: String,
    },
    /// An analyst's correction put them together.
    Analyst {
        note: String,
    },
}

impl fmt::Display for MergeReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MergeReason::SameType { event_type } => write!(f, "same type {event_type}"),
            MergeReason::CompatibleTypes { a, b } => write!(f, "compatible types {a} ~ {b}"),
            MergeReason::DatesOverlap { overlap } => write!(f, "dates overlap {overlap}"),
            MergeReason::DatesWithinSlack { a, b, days } => {
                write!(f, "dates within {days} day(s): {a} / {b}")
            }
            MergeReason::SamePlace { place } => write!(f, "same place {place}"),
            MergeReason::PlaceWithin { place, within } => write!(f, "{place} within {within}"),
            MergeReason::PlaceOnRoad { place, road } => write!(f, "{place} on {road}"),
            MergeReason::PlaceNear { a, b, km } => write!(f, "{a} {km:.1} km from {b}"),
            MergeReason::ActorsCompatible { detail } => write!(f, "actors compatible: {detail}"),
            MergeReason::SameEpisode { episode } => write!(f, "the same named episode ({episode})"),
            MergeReason::Analyst { note } => write!(f, "analyst correction: {note}"),
        }
    }
}

/// Why event `a` and event `b` (`a < b`) are in one incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergeLink {
    pub a: i64,
    pub b: i64,
    pub reasons: Vec<MergeReason>,
}

impl MergeLink {
    pub fn new(x: i64, y: i64, reasons: Vec<MergeReason>) -> Self {
        MergeLink {
            a: x.min(y),
            b: x.max(y),
            reasons,
        }
    }

    /// The reasons as text, `; `-joined.
    pub fn why(&self) -> String {
        self.reasons
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// A count as one source states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimedCount {
    pub count: u32,
    /// The independent sources stating this figure.
    pub sources: Vec<String>,
    pub events: Vec<i64>,
}

/// A casualty figure as a range over what the claims state, as UCDP does.
///
/// `low` is the smallest figure stated, `high` the largest. `best` is the
/// figure stated by the most independent sources; when several figures tie
/// for that, the lower median of the tied figures (the lower of the two
/// middle ones for an even number), so a tie leans to the conservative side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountRange {
    pub low: u32,
    pub best: u32,
    pub high: u32,
    /// Every figure stated, with who states it, smallest first.
    pub values: Vec<ClaimedCount>,
}

impl CountRange {
    /// The range over `(figure, sources, event)` statements; `None` when empty.
    pub fn from_statements(statements: &[(u32, Vec<String>, i64)]) -> Option<CountRange> {
        let mut by: BTreeMap<u32, (BTreeSet<String>, BTreeSet<i64>)> = BTreeMap::new();
        for (n, sources, ev) in statements {
            let e = by.entry(*n).or_default();
            e.0.extend(sources.iter().cloned());
            e.1.insert(*ev);
        }
        let values: Vec<ClaimedCount> = by
            .into_iter()
            .map(|(count, (s, e))| ClaimedCount {
                count,
                sources: s.into_iter().collect(),
                events: e.into_iter().collect(),
            })
            .collect();
        let low = values.first()?.count;
        let high = values.last()?.count;
        let most = values.iter().map(|v| v.sources.len()).max()?;
        let tied: Vec<u32> = values
            .iter()
            .filter(|v| v.sources.len() == most)
            .map(|v| v.count)
            .collect();
        let best = tied[(tied.len() - 1) / 2];
        Some(CountRange {
            low,
            best,
            high,
            values,
        })
    }

    /// Whether the claims state more than one figure.
    pub fn is_disputed(&self) -> bool {
        self.values.len() > 1
    }

    /// `3` or `1–3 (best 2)`.
    pub fn display(&self) -> String {
        if self.low == self.high {
            self.low.to_string()
        } else {
            format!("{}–{} (best {})", self.low, self.high, self.best)
        }
    }
}

/// A value of a field as some sources state it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimedValue {
    pub value: String,
    pub sources: Vec<String>,
    pub events: Vec<i64>,
}

/// A field on which the claims disagree: every value is kept with who
/// states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldDispute {
    /// `date`, `type`, `perpetrator`, `killed` or `injured`.
    pub field: String,
    pub values: Vec<ClaimedValue>,
}

impl FieldDispute {
    /// `killed: 1 (A); 3 (B, C)`.
    pub fn display(&self) -> String {
        let vals: Vec<String> = self
            .values
            .iter()
            .map(|v| format!("{} ({})", v.value, v.sources.join(", ")))
            .collect();
        format!("{}: {}", self.field, vals.join("; "))
    }
}

/// One occurrence as one or more reports tell it. Everything but `events`,
/// `links`, `verdict` and `corrections` is derived from the events' claims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    /// The smallest event id among its events: stable while its events are.
    pub id: i64,
    /// The type most events give (ties: taxonomy order).
    pub event_type: EventType,
    /// Every type its events give, in taxonomy order.
    pub types: Vec<EventType>,
    /// The date most events give (ties: the more precise, then the earlier).
    pub date: Option<PartialDate>,
    pub date_end: Option<PartialDate>,
    /// The first and last day any of its events' periods covers.
    pub first_day: Option<PartialDate>,
    pub last_day: Option<PartialDate>,
    /// Every place named, in the order the events name them.
    pub places: Vec<String>,
    /// Every actor with a role named by any event, sorted.
    pub actors: Vec<ActorRole>,
    /// The event records, sorted by document, span, id.
    pub events: Vec<EventInput>,
    /// Every claim of every event, with its sentence, sorted.
    pub claims: Vec<ClaimRef>,
    /// Independent sources asserting it, sorted.
    pub sources: Vec<String>,
    /// Sources denying it, sorted.
    pub deniers: Vec<String>,
    pub status: Status,
    pub killed: Option<CountRange>,
    pub injured: Option<CountRange>,
    /// Fields the claims disagree on.
    pub disputes: Vec<FieldDispute>,
    /// Why its events were put together.
    pub links: Vec<MergeLink>,
    /// A reviewer's verdict, if any: shown instead of the status, never
    /// replacing the claims.
    pub verdict: Option<Verdict>,
    /// Analyst corrections that shaped it, as text.
    pub corrections: Vec<String>,
}

impl Incident {
    /// Derives an incident from its events and the reasons they were merged.
    ///
    /// # Panics
    /// If `events` is empty.
    pub fn from_events(mut events: Vec<EventInput>, mut links: Vec<MergeLink>) -> Incident {
        assert!(!events.is_empty(), "an incident needs at least one event");
        events.sort_by(|x, y| {
            (&x.doc, x.record.span, x.event_id).cmp(&(&y.doc, y.record.span, y.event_id))
        });
        links.sort_by_key(|l| (l.a, l.b));
        let id = events.iter().map(|e| e.event_id).min().unwrap_or_default();

        // Types.
        let mut type_n: BTreeMap<EventType, usize> = BTreeMap::new();
        for e in &events {
            *type_n.entry(e.record.event_type).or_default() += 1;
        }
        let most = type_n.values().copied().max().unwrap_or(0);
        let event_type = type_n
            .iter()
            .find(|(_, n)| **n == most)
            .map_or(events[0].record.event_type, |(t, _)| *t);
        let types: Vec<EventType> = type_n.keys().copied().collect();

        // Dates.
        let mut date_n: BTreeMap<(Option<PartialDate>, Option<PartialDate>), usize> =
            BTreeMap::new();
        for e in events.iter().filter(|e| e.record.date.is_some()) {
            *date_n
                .entry((e.record.date, e.record.date_end))
                .or_default() += 1;
        }
        let precision = |d: Option<PartialDate>| {
            d.map_or(0, |d| {
                usize::from(d.year().is_some())
                    + usize::from(d.month().is_some())
                    + usize::from(d.day().is_some())
            })
        };
        let (date, date_end) = date_n
            .iter()
            .max_by(|(ka, na), (kb, nb)| {
                na.cmp(nb)
                    .then(precision(ka.0).cmp(&precision(kb.0)))
                    .then(kb.cmp(ka)) // earlier wins
            })
            .map_or((None, None), |(k, _)| *k);
        let periods: Vec<(i64, i64)> = events.iter().filter_map(EventInput::period_days).collect();
        let first_day = periods
            .iter()
            .map(|p| p.0)
            .min()
            .map(PartialDate::from_days_from_epoch);
        let last_day = periods
            .iter()
            .map(|p| p.1)
            .max()
            .map(PartialDate::from_days_from_epoch);

        // Places and actors.
        let mut places: Vec<String> = Vec::new();
        for e in &events {
            for p in &e.record.places {
                if !places.iter().any(|q| q.eq_ignore_ascii_case(p)) {
                    places.push(p.clone());
                }
            }
        }
        let actors: Vec<ActorRole> = events
            .iter()
            .flat_map(|e| e.record.actors.iter().cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();

        // Claims and status.
        let mut claims: Vec<ClaimRef> = events
            .iter()
            .flat_map(|e| {
                e.record.claims.iter().map(move |c| ClaimRef {
                    doc: e.doc.clone(),
                    span: e.record.span,
                    event_id: e.event_id,
                    claimant: c.claimant.clone(),
                    source: claim_source(&c.claimant, e.outlet.as_deref(), &e.doc),
                    stance: c.stance,
                    outlet: e.outlet.clone(),
                    evidence: e.record.evidence.clone(),
                    text: e.record.text.clone(),
                })
            })
            .collect();
        claims.sort();
        claims.dedup();
        let sources: Vec<String> = claims
            .iter()
            .filter(|c| c.stance == Stance::Asserted)
            .map(|c| c.source.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let deniers: Vec<String> = claims
            .iter()
            .filter(|c| c.stance == Stance::Denied)
            .map(|c| c.source.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let status = if !deniers.is_empty() {
            Status::Disputed
        } else if sources.len() >= 2 {
            Status::Corroborated
        } else {
            Status::SingleSource
        };

        // Figures and field-level disputes.
        let statements = |f: fn(&EventRecord) -> Option<u32>| -> Vec<(u32, Vec<String>, i64)> {
            events
                .iter()
                .filter_map(|e| Some((f(&e.record)?, e.asserting_sources(), e.event_id)))
                .collect()
        };
        let killed = CountRange::from_statements(&statements(|r| r.killed));
        let injured = CountRange::from_statements(&statements(|r| r.injured));
        let mut disputes = Vec::new();
        for (field, range) in [("killed", &killed), ("injured", &injured)] {
            if let Some(r) = range.as_ref().filter(|r| r.is_disputed()) {
                disputes.push(FieldDispute {
                    field: field.to_string(),
                    values: r
                        .values
                        .iter()
                        .map(|v| ClaimedValue {
                            value: v.count.to_string(),
                            sources: v.sources.clone(),
                            events: v.events.clone(),
                        })
                        .collect(),
                });
            }
        }
        if let Some(d) = date_dispute(&events) {
            disputes.push(d);
        }
        if types.len() > 1 {
            disputes.push(value_dispute("type", &events, |e| {
                Some(e.record.event_type.code().to_string())
            }));
        }
        if let Some(d) = perpetrator_dispute(&events) {
            disputes.push(d);
        }

        Incident {
            id,
            event_type,
            types,
            date,
            date_end,
            first_day,
            last_day,
            places,
            actors,
            events,
            claims,
            sources,
            deniers,
            status,
            killed,
            injured,
            disputes,
            links,
            verdict: None,
            corrections: Vec::new(),
        }
    }

    /// The event ids, sorted.
    pub fn event_ids(&self) -> Vec<i64> {
        let mut ids: Vec<i64> = self.events.iter().map(|e| e.event_id).collect();
        ids.sort_unstable();
        ids
    }

    /// Whether the incident's days overlap `[from, to]` (each bound's
    /// period: `to = 2022-12` runs to 31 December). With no bound at all
    /// every incident matches; with a bound an undated incident never does.
    pub fn overlaps(&self, from: Option<PartialDate>, to: Option<PartialDate>) -> bool {
        if from.is_none() && to.is_none() {
            return true;
        }
        let (Some(first), Some(last)) = (
            self.first_day.and_then(|d| d.days_from_epoch()),
            self.last_day.and_then(|d| d.days_from_epoch()),
        ) else {
            return false;
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

    /// Number of days its events' periods cover, first to last; `None` undated.
    pub fn span_days(&self) -> Option<i64> {
        Some(self.last_day?.days_from_epoch()? - self.first_day?.days_from_epoch()? + 1)
    }

    /// The single day it happened on, when every dated event gives that day.
    pub fn single_day(&self) -> Option<PartialDate> {
        (self.span_days()? == 1).then_some(self.first_day?)
    }

    /// The status as shown: the reviewer's verdict when there is one
    /// (`credible (reviewer: A. Analyst); computed: disputed`), else the
    /// computed status.
    pub fn display_status(&self) -> String {
        match &self.verdict {
            Some(v) => format!(
                "{} (reviewer: {}); computed: {}",
                v.kind.code(),
                v.reviewer,
                self.status
            ),
            None => self.status.to_string(),
        }
    }

    /// The date as text: `2023-03-24`, `2022-12-12..2022-12-13`, `undated`.
    pub fn date_text(&self) -> String {
        match (self.date, self.date_end) {
            (Some(d), Some(e)) => format!("{d}..{e}"),
            (Some(d), None) => d.to_string(),
            _ => "undated".to_string(),
        }
    }

    /// The independent sources whose events name `actor` in `role`.
    pub fn sources_naming(&self, actor: &str, role: Role) -> Vec<String> {
        self.events
            .iter()
            .filter(|e| {
                e.record
                    .actors
                    .iter()
                    .any(|a| a.name == actor && a.role == role)
            })
            .flat_map(EventInput::asserting_sources)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    }
}

fn value_dispute(
    field: &str,
    events: &[EventInput],
    f: impl Fn(&EventInput) -> Option<String>,
) -> FieldDispute {
    let mut by: BTreeMap<String, (BTreeSet<String>, BTreeSet<i64>)> = BTreeMap::new();
    for e in events {
        if let Some(v) = f(e) {
            let entry = by.entry(v).or_default();
            entry.0.extend(e.asserting_sources());
            entry.1.insert(e.event_id);
        }
    }
    FieldDispute {
        field: field.to_string(),
        values: by
            .into_iter()
            .map(|(value, (s, ev))| ClaimedValue {
                value,
                sources: s.into_iter().collect(),
                events: ev.into_iter().collect(),
            })
            .collect(),
    }
}

/// Dates disagree when two events give periods neither of which contains
/// the other (`2023-03-24` against `2023-03-25`); a coarser date that
/// contains a finer one (`2023-03` and `2023-03-24`) is no disagreement.
fn date_dispute(events: &[EventInput]) -> Option<FieldDispute> {
    let dated: Vec<(i64, i64)> = events.iter().filter_map(EventInput::period_days).collect();
    let nested =
        |a: (i64, i64), b: (i64, i64)| (a.0 <= b.0 && b.1 <= a.1) || (b.0 <= a.0 && a.1 <= b.1);
    let disagree = dated
        .iter()
        .enumerate()
        .any(|(i, a)| dated[i + 1..].iter().any(|b| !nested(*a, *b)));
    disagree.then(|| {
        value_dispute("date", events, |e| {
            let d = e.record.date?;
            Some(match e.record.date_end {
                Some(end) => format!("{d}..{end}"),
                None => d.to_string(),
            })
        })
    })
}

/// The perpetrator is disputed when two events name perpetrators of
/// different sides (or, with no side known, different perpetrators).
fn perpetrator_dispute(events: &[EventInput]) -> Option<FieldDispute> {
    let perps = |e: &EventInput| -> BTreeSet<String> {
        e.record
            .actors
            .iter()
            .filter(|a| a.role == Role::Perpetrator)
            .map(|a| actor_side(&a.name).unwrap_or_else(|| a.name.clone()))
            .collect()
    };
    let sets: BTreeSet<BTreeSet<String>> =
        events.iter().map(perps).filter(|s| !s.is_empty()).collect();
    (sets.len() > 1).then(|| {
        value_dispute("perpetrator", events, |e| {
            let names: Vec<&str> = e
                .record
                .actors
                .iter()
                .filter(|a| a.role == Role::Perpetrator)
                .map(|a| a.name.as_str())
                .collect();
            (!names.is_empty()).then(|| names.join(", "))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_is_most_cited_then_lower_median() {
        let s =
            |n: u32, src: &[&str], ev: i64| (n, src.iter().map(|s| s.to_string()).collect(), ev);
        let r =
            CountRange::from_statements(&[s(1, &["A"], 1), s(3, &["B", "C"], 2), s(5, &["D"], 3)])
                .unwrap();
        assert_eq!((r.low, r.best, r.high), (1, 3, 5));
        let r = CountRange::from_statements(&[s(1, &["A"], 1), s(3, &["B"], 2), s(5, &["D"], 3)])
            .unwrap();
        assert_eq!((r.low, r.best, r.high), (1, 3, 5));
        let r = CountRange::from_statements(&[s(2, &["A"], 1), s(4, &["B"], 2)]).unwrap();
        assert_eq!((r.low, r.best, r.high), (2, 2, 4));
        assert_eq!(r.display(), "2–4 (best 2)");
        assert!(CountRange::from_statements(&[]).is_none());
    }

    #[test]
    fn outlet_on_own_authority_is_the_outlet() {
        assert_eq!(claim_source("the outlet", Some("Trend"), "d"), "Trend");
        assert_eq!(claim_source("Trend", Some("Trend"), "d"), "Trend");
        assert_eq!(claim_source("the outlet", None, "d.txt"), "outlet of d.txt");
        assert_eq!(
            claim_source("Ministry of Defense of Azerbaijan", Some("Trend"), "d"),
            "Ministry of Defense of Azerbaijan"
        );
    }
}
