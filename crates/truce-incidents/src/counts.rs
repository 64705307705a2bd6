//! Counts as each source reports them, side by side.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use truce_model::{EventType, PartialDate, Role, Stance};

use crate::incident::Incident;
use crate::side::actor_side;

/// What one source reports over a period: "the Azerbaijani MoD reports 12
/// firing incidents this week, the Armenian MoD 3".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimantCount {
    /// The independent source (a claimant, or an outlet on its own authority).
    pub claimant: String,
    /// Its side in the actor lexicon, when known.
    pub side: Option<String>,
    /// Incidents it asserts.
    pub asserted: usize,
    /// Incidents it denies.
    pub denied: usize,
    /// Asserted incidents by the type its own records give, in taxonomy order.
    pub by_type: Vec<(EventType, usize)>,
    /// Asserted incidents by the side its own records name as perpetrator
    /// (`unnamed` when they name none or one of no known side).
    pub perpetrator_sides: Vec<(String, usize)>,
    /// The incidents it asserts, by id.
    pub asserted_incidents: Vec<i64>,
    /// The incidents it denies, by id.
    pub denied_incidents: Vec<i64>,
}

#[derive(Default)]
struct Tally {
    asserted: BTreeSet<i64>,
    denied: BTreeSet<i64>,
    by_type: BTreeMap<EventType, BTreeSet<i64>>,
    perps: BTreeMap<String, BTreeSet<i64>>,
}

/// Per source, what it asserts and denies among the incidents overlapping
/// `[from, to]` (either bound open when `None`; see [`Incident::overlaps`]).
/// An incident counts once per source however many of its records the
/// source backs. Sorted by incidents asserted (most first), then name.
pub fn counts_by_claimant(
    incidents: &[Incident],
    from: Option<PartialDate>,
    to: Option<PartialDate>,
) -> Vec<ClaimantCount> {
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for inc in incidents.iter().filter(|i| i.overlaps(from, to)) {
        for ev in &inc.events {
            for c in &ev.record.claims {
                let source = crate::claim_source(&c.claimant, ev.outlet.as_deref(), &ev.doc);
                let t = tallies.entry(source).or_default();
                match c.stance {
                    Stance::Denied => {
                        t.denied.insert(inc.id);
                    }
                    Stance::Asserted => {
                        t.asserted.insert(inc.id);
                        t.by_type
                            .entry(ev.record.event_type)
                            .or_default()
                            .insert(inc.id);
                        let sides: BTreeSet<String> = ev
                            .record
                            .actors
                            .iter()
                            .filter(|a| a.role == Role::Perpetrator)
                            .map(|a| actor_side(&a.name).unwrap_or_else(|| "unnamed".to_string()))
                            .collect();
                        if sides.is_empty() {
                            t.perps
                                .entry("unnamed".to_string())
                                .or_default()
                                .insert(inc.id);
                        }
                        for s in sides {
                            t.perps.entry(s).or_default().insert(inc.id);
                        }
                    }
                }
            }
        }
    }
    let mut out: Vec<ClaimantCount> = tallies
        .into_iter()
        .map(|(claimant, t)| ClaimantCount {
            side: actor_side(&claimant),
            asserted: t.asserted.len(),
            denied: t.denied.len(),
            by_type: t.by_type.into_iter().map(|(k, v)| (k, v.len())).collect(),
            perpetrator_sides: t.perps.into_iter().map(|(k, v)| (k, v.len())).collect(),
            asserted_incidents: t.asserted.into_iter().collect(),
            denied_incidents: t.denied.into_iter().collect(),
            claimant,
        })
        .collect();
    out.sort_by(|a, b| {
        b.asserted
            .cmp(&a.asserted)
            .then(b.denied.cmp(&a.denied))
            .then(a.claimant.cmp(&b.claimant))
    });
    out
}
