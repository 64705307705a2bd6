//! Integration tests for truce-rules (one test binary).
//!
//! The seed gold (`../shared/eval/gold/seeds.jsonl`) is read from the shared
//! folder next to the repository, never copied into it.

mod agreement;
mod assess;
mod bulletin;

use std::path::{Path, PathBuf};

use truce_gazetteer::Gazetteer;
use truce_incidents::{EventInput, Incident, MergeOptions, build_incidents};
use truce_model::{ActorRole, Claim, EventRecord, EventType, PartialDate, Role, Stance};
use truce_rules::Agreement;
use truce_zones::ZoneSet;

pub fn d(s: &str) -> PartialDate {
    s.parse().unwrap()
}

pub fn gaz() -> &'static Gazetteer {
    Gazetteer::builtin()
}

pub fn zones() -> ZoneSet {
    ZoneSet::builtin_illustrative().unwrap()
}

pub fn agreement() -> Agreement {
    Agreement::trilateral_2020_11_10()
}

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// The seed gold as event inputs: one per non-optional gold record, ids in
/// file order from 1, outlet and publication date from the seeds' manifest.
pub fn seed_events() -> Vec<EventInput> {
    let manifest = std::fs::read_to_string(shared().join("corpus/seeds/manifest.csv"))
        .expect("seeds manifest");
    let meta: Vec<(String, Option<String>, Option<PartialDate>)> = manifest
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split(',').collect();
            let outlet = cols.get(1).filter(|o| !o.is_empty()).map(|o| o.to_string());
            let published = cols.get(2).and_then(|p| p.parse().ok());
            (cols[0].to_string(), outlet, published)
        })
        .collect();
    let gold = std::fs::read_to_string(shared().join("eval/gold/seeds.jsonl")).expect("seed gold");
    gold.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .filter_map(|(i, l)| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            if v.get("optional").and_then(serde_json::Value::as_bool) == Some(true) {
                return None;
            }
            let record: EventRecord = serde_json::from_value(v).unwrap();
            let (outlet, published) = meta
                .iter()
                .find(|m| m.0 == record.doc)
                .map(|m| (m.1.clone(), m.2))
                .unwrap_or((None, None));
            Some(EventInput {
                event_id: i as i64 + 1,
                doc: record.doc.clone(),
                outlet,
                published,
                record,
            })
        })
        .collect()
}

pub fn incidents_of(events: &[EventInput]) -> Vec<Incident> {
    build_incidents(events, gaz(), &MergeOptions::default())
}

/// A synthetic event (not from any report).
#[allow(clippy::too_many_arguments)]
pub fn synthetic(
    id: i64,
    doc: &str,
    t: EventType,
    date: &str,
    places: &[&str],
    actors: &[(&str, Role)],
    claims: &[(&str, Stance)],
    text: &str,
) -> EventInput {
    EventInput {
        event_id: id,
        doc: doc.to_string(),
        outlet: None,
        published: None,
        record: EventRecord {
            doc: doc.to_string(),
            event_type: t,
            date: (!date.is_empty()).then(|| d(date)),
            date_end: None,
            places: places.iter().map(|p| p.to_string()).collect(),
            actors: actors
                .iter()
                .map(|(n, r)| ActorRole {
                    name: n.to_string(),
                    role: *r,
                })
                .collect(),
            claims: claims
                .iter()
                .map(|(c, s)| Claim {
                    claimant: c.to_string(),
                    stance: *s,
                })
                .collect(),
            killed: None,
            injured: None,
            evidence: None,
            text: text.to_string(),
            span: [0, text.chars().count()],
            rule: Vec::new(),
            confidence: 1.0,
        },
    }
}

/// Whether `text` states a breach or violation as truce's own word.
pub fn says_breach(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    ["breach", "violat", "infring", "contraven"]
        .iter()
        .find(|w| lower.contains(*w))
        .map(|w| w.to_string())
}
