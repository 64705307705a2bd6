//! Analyst corrections: ground state applied on top of the automatic grouping.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::build::sort_incidents;
use crate::incident::{Incident, MergeLink, MergeReason, Verdict};

/// One analyst correction. Corrections are kept (appended, never edited)
/// and applied in order each time incidents are derived, so they survive
/// re-extraction. An incident is named by ANY of its event ids (its own id
/// is its smallest), so a correction keeps meaning the same events when
/// the automatic grouping changes around them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Correction {
    /// Take `events` out of the incident holding event `incident` into an
    /// incident of their own (a wrong merge).
    Split { incident: i64, events: Vec<i64> },
    /// Put the incidents holding events `a` and `b` together (a missed merge).
    Merge { a: i64, b: i64 },
    /// Record a reviewer's verdict on the incident holding event `incident`.
    Verdict { incident: i64, verdict: Verdict },
}

impl fmt::Display for Correction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Correction::Split { incident, events } => {
                let ids: Vec<String> = events.iter().map(ToString::to_string).collect();
                write!(
                    f,
                    "split events {} out of incident {incident}",
                    ids.join(", ")
                )
            }
            Correction::Merge { a, b } => write!(f, "merge the incidents of events {a} and {b}"),
            Correction::Verdict { incident, verdict } => {
                write!(
                    f,
                    "verdict {} by {} on incident {incident}",
                    verdict.kind.code(),
                    verdict.reviewer
                )
            }
        }
    }
}

/// A correction that could not be applied (it names an event no incident
/// holds, or no longer applies); the others are applied all the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionProblem {
    /// Position in the corrections list.
    pub index: usize,
    pub correction: Correction,
    pub problem: String,
}

impl fmt::Display for CorrectionProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "correction #{} ({}): {}",
            self.index, self.correction, self.problem
        )
    }
}

/// Incidents after corrections, with the corrections that did not apply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Corrected {
    pub incidents: Vec<Incident>,
    pub problems: Vec<CorrectionProblem>,
}

fn holder(incidents: &[Incident], event: i64) -> Option<usize> {
    incidents
        .iter()
        .position(|i| i.events.iter().any(|e| e.event_id == event))
}

/// Applies `corrections` in order to automatically built incidents. Every
/// claim stays: a split moves events (and their claims) into a new
/// incident; a merge joins two incidents' events; a verdict is shown
/// instead of the computed status. Derived fields are recomputed; merge
/// links between events that end up apart are dropped.
pub fn apply_corrections(incidents: Vec<Incident>, corrections: &[Correction]) -> Corrected {
    let mut incidents = incidents;
    let mut problems = Vec::new();
    for (index, c) in corrections.iter().enumerate() {
        let problem = |p: String| CorrectionProblem {
            index,
            correction: c.clone(),
            problem: p,
        };
        match c {
            Correction::Split { incident, events } => {
                let Some(h) = holder(&incidents, *incident) else {
                    problems.push(problem(format!("no incident holds event {incident}")));
                    continue;
                };
                let moving: BTreeSet<i64> = events.iter().copied().collect();
                let ids: BTreeSet<i64> = incidents[h].event_ids().into_iter().collect();
                if moving.is_empty() {
                    problems.push(problem("no events to split off".to_string()));
                    continue;
                }
                if let Some(x) = moving.iter().find(|x| !ids.contains(x)) {
                    problems.push(problem(format!(
                        "event {x} is not in incident {}",
                        incidents[h].id
                    )));
                    continue;
                }
                if moving.len() == ids.len() {
                    problems.push(problem(
                        "the split would leave the incident empty".to_string(),
                    ));
                    continue;
                }
                let old = incidents.swap_remove(h);
                let note = format!("correction #{index}: {c}");
                let (gone, kept): (Vec<_>, Vec<_>) = old
                    .events
                    .into_iter()
                    .partition(|e| moving.contains(&e.event_id));
                let links_of = |side: &BTreeSet<i64>| -> Vec<MergeLink> {
                    old.links
                        .iter()
                        .filter(|l| side.contains(&l.a) && side.contains(&l.b))
                        .cloned()
                        .collect()
                };
                let kept_ids: BTreeSet<i64> = kept.iter().map(|e| e.event_id).collect();
                let mut a = Incident::from_events(kept, links_of(&kept_ids));
                a.verdict = old.verdict;
                a.corrections = old.corrections.clone();
                a.corrections.push(note.clone());
                let mut b = Incident::from_events(gone, links_of(&moving));
                b.corrections = old.corrections;
                b.corrections.push(note);
                incidents.push(a);
                incidents.push(b);
            }
            Correction::Merge { a, b } => {
                let (Some(ha), Some(hb)) = (holder(&incidents, *a), holder(&incidents, *b)) else {
                    let missing = if holder(&incidents, *a).is_none() {
                        a
                    } else {
                        b
                    };
                    problems.push(problem(format!("no incident holds event {missing}")));
                    continue;
                };
                if ha == hb {
                    problems.push(problem(format!(
                        "events {a} and {b} are already in one incident"
                    )));
                    continue;
                }
                let (hi, lo) = (ha.max(hb), ha.min(hb));
                let x = incidents.swap_remove(hi);
                let y = incidents.swap_remove(lo);
                let note = format!("correction #{index}: {c}");
                let mut links = x.links;
                links.extend(y.links);
                links.push(MergeLink::new(
                    *a,
                    *b,
                    vec![MergeReason::Analyst { note: note.clone() }],
                ));
                let mut events = x.events;
                events.extend(y.events);
                let mut m = Incident::from_events(events, links);
                m.verdict = x.verdict.or(y.verdict);
                m.corrections = x.corrections;
                m.corrections.extend(y.corrections);
                m.corrections.push(note);
                incidents.push(m);
            }
            Correction::Verdict { incident, verdict } => {
                let Some(h) = holder(&incidents, *incident) else {
                    problems.push(problem(format!("no incident holds event {incident}")));
                    continue;
                };
                incidents[h].verdict = Some(verdict.clone());
                incidents[h]
                    .corrections
                    .push(format!("correction #{index}: {c}"));
            }
        }
    }
    sort_incidents(&mut incidents);
    Corrected {
        incidents,
        problems,
    }
}
