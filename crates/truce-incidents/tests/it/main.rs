//! Integration tests for truce-incidents (one test binary).
//!
//! The corpus is synthetic: short event records written for these tests,
//! not taken from any report.

mod claims;
mod corrections;
mod counts;
mod merging;

use truce_gazetteer::Gazetteer;
use truce_incidents::{EventInput, Incident, MergeOptions, build_incidents};
use truce_model::{ActorRole, Claim, EventRecord, EventType, PartialDate, Role, Stance};

pub fn d(s: &str) -> PartialDate {
    s.parse().unwrap()
}

/// A synthetic event record builder.
pub struct Ev {
    pub input: EventInput,
}

impl Ev {
    pub fn new(id: i64, doc: &str, outlet: &str, t: EventType, date: &str, places: &[&str]) -> Ev {
        let record = EventRecord {
            doc: doc.to_string(),
            event_type: t,
            date: (!date.is_empty()).then(|| d(date)),
            date_end: None,
            places: places.iter().map(|p| p.to_string()).collect(),
            actors: Vec::new(),
            claims: Vec::new(),
            killed: None,
            injured: None,
            evidence: None,
            text: format!("Sentence of event {id} in {doc}."),
            span: [10 * id as usize, 10 * id as usize + 30],
            rule: Vec::new(),
            confidence: 1.0,
        };
        Ev {
            input: EventInput {
                event_id: id,
                doc: doc.to_string(),
                outlet: (!outlet.is_empty()).then(|| outlet.to_string()),
                published: None,
                record,
            },
        }
    }
    pub fn end(mut self, date: &str) -> Ev {
        self.input.record.date_end = Some(d(date));
        self
    }
    pub fn actor(mut self, name: &str, role: Role) -> Ev {
        self.input.record.actors.push(ActorRole {
            name: name.to_string(),
            role,
        });
        self
    }
    pub fn asserted(mut self, who: &str) -> Ev {
        self.input.record.claims.push(Claim {
            claimant: who.to_string(),
            stance: Stance::Asserted,
        });
        self
    }
    pub fn denied(mut self, who: &str) -> Ev {
        self.input.record.claims.push(Claim {
            claimant: who.to_string(),
            stance: Stance::Denied,
        });
        self
    }
    pub fn killed(mut self, n: u32) -> Ev {
        self.input.record.killed = Some(n);
        self
    }
    pub fn injured(mut self, n: u32) -> Ev {
        self.input.record.injured = Some(n);
        self
    }
    pub fn text(mut self, t: &str) -> Ev {
        self.input.record.text = t.to_string();
        self
    }
    pub fn done(self) -> EventInput {
        self.input
    }
}

pub const AZ_MOD: &str = "Ministry of Defense of Azerbaijan";
pub const AM_MOD: &str = "Ministry of Defense of Armenia";

pub fn build(events: &[EventInput]) -> Vec<Incident> {
    build_incidents(events, Gazetteer::builtin(), &MergeOptions::default())
}

/// The incident holding event `id`.
pub fn holding(incidents: &[Incident], id: i64) -> &Incident {
    incidents
        .iter()
        .find(|i| i.events.iter().any(|e| e.event_id == id))
        .unwrap_or_else(|| panic!("no incident holds event {id}"))
}

/// One night's firing near Khalfali as three outlets tell it: two quote the
/// Azerbaijani MoD, the third carries the Armenian MoD's denial.
pub fn firing_reported_twice_denied_once() -> Vec<EventInput> {
    vec![
        Ev::new(
            1,
            "trend-1.txt",
            "Trend",
            EventType::Firing,
            "2023-05-10",
            &["Khalfali"],
        )
        .actor("Armenian armed formations", Role::Perpetrator)
        .actor("Armed Forces of Azerbaijan", Role::Target)
        .asserted(AZ_MOD)
        .text(
            "According to the Azerbaijani MoD, positions near Khalfali came under fire on 10 May.",
        )
        .done(),
        Ev::new(
            2,
            "apa-7.txt",
            "APA",
            EventType::Firing,
            "2023-05-10",
            &["Khalfali"],
        )
        .actor("Armed Forces of Armenia", Role::Perpetrator)
        .asserted(AZ_MOD)
        .text("The ministry said Armenian units fired at its posts in the Khalfali area.")
        .done(),
        Ev::new(
            3,
            "armenpress-3.txt",
            "Armenpress",
            EventType::Firing,
            "2023-05-10",
            &["Khalfali"],
        )
        .actor("Armed Forces of Armenia", Role::Perpetrator)
        .denied(AM_MOD)
        .text("The Armenian MoD called the report of fire near Khalfali untrue.")
        .done(),
    ]
}
