use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::PartialDate;

/// The taxonomy of `events.md`. The serialized code is the contract's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    Firing,
    ArmedClash,
    Attack,
    MineIncident,
    MineLaying,
    MilitaryMovement,
    Infiltration,
    Arrest,
    Deployment,
    Transit,
    ResourceExploitation,
    Looting,
    Protest,
    Obstruction,
    Agreement,
    Restriction,
}

impl EventType {
    pub const ALL: [EventType; 16] = [
        Self::Firing,
        Self::ArmedClash,
        Self::Attack,
        Self::MineIncident,
        Self::MineLaying,
        Self::MilitaryMovement,
        Self::Infiltration,
        Self::Arrest,
        Self::Deployment,
        Self::Transit,
        Self::ResourceExploitation,
        Self::Looting,
        Self::Protest,
        Self::Obstruction,
        Self::Agreement,
        Self::Restriction,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Firing => "firing",
            Self::ArmedClash => "armed_clash",
            Self::Attack => "attack",
            Self::MineIncident => "mine_incident",
            Self::MineLaying => "mine_laying",
            Self::MilitaryMovement => "military_movement",
            Self::Infiltration => "infiltration",
            Self::Arrest => "arrest",
            Self::Deployment => "deployment",
            Self::Transit => "transit",
            Self::ResourceExploitation => "resource_exploitation",
            Self::Looting => "looting",
            Self::Protest => "protest",
            Self::Obstruction => "obstruction",
            Self::Agreement => "agreement",
            Self::Restriction => "restriction",
        }
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownEventType(pub String);

impl fmt::Display for UnknownEventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let codes: Vec<&str> = EventType::ALL.iter().map(|t| t.code()).collect();
        write!(f, "unknown event type {:?}; expected one of {}", self.0, codes.join(", "))
    }
}

impl std::error::Error for UnknownEventType {}

impl FromStr for EventType {
    type Err = UnknownEventType;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|t| t.code() == s).ok_or_else(|| UnknownEventType(s.to_string()))
    }
}

/// What part an actor played in an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Perpetrator,
    Target,
    Escort,
    Observer,
    Participant,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Self::Perpetrator => "perpetrator",
            Self::Target => "target",
            Self::Escort => "escort",
            Self::Observer => "observer",
            Self::Participant => "participant",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ActorRole {
    /// Canonical actor name (`Ministry of Defense of Azerbaijan`).
    pub name: String,
    pub role: Role,
}

/// Whether a claimant says the event happened or says it did not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Asserted,
    Denied,
}

impl Stance {
    pub fn code(self) -> &'static str {
        match self {
            Self::Asserted => "asserted",
            Self::Denied => "denied",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Claim {
    /// Canonical name of who says it: a ministry, an official, an outlet.
    pub claimant: String,
    pub stance: Stance,
}

/// One event record, field for field the `events.md` contract, plus the
/// explanation fields the contract allows (`rule`, `confidence`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    pub doc: String,
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub date: Option<PartialDate>,
    pub date_end: Option<PartialDate>,
    pub places: Vec<String>,
    pub actors: Vec<ActorRole>,
    pub claims: Vec<Claim>,
    pub killed: Option<u32>,
    pub injured: Option<u32>,
    pub evidence: Option<String>,
    /// The source sentence(s), exactly as they stand in the clean text.
    pub text: String,
    /// Character (Unicode scalar) offsets of `text` in the document's clean text.
    pub span: [usize; 2],
    /// Which extraction rules produced this record, for explanation and debugging.
    #[serde(default)]
    pub rule: Vec<String>,
    /// The extractor's confidence in this record, 0 to 1.
    #[serde(default)]
    pub confidence: f32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_field_names_and_codes() {
        let rec = EventRecord {
            doc: "a.txt".into(),
            event_type: EventType::MilitaryMovement,
            date: Some("2023-03-24".parse().unwrap()),
            date_end: None,
            places: vec!["Khankendi".into()],
            actors: vec![ActorRole { name: "Russian peacekeeping contingent".into(), role: Role::Escort }],
            claims: vec![Claim { claimant: "Ministry of Defense of Azerbaijan".into(), stance: Stance::Asserted }],
            killed: None,
            injured: Some(3),
            evidence: None,
            text: "t".into(),
            span: [0, 1],
            rule: vec!["trigger".into()],
            confidence: 0.5,
        };
        let v = serde_json::to_value(&rec).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        for k in ["doc", "type", "date", "date_end", "places", "actors", "claims", "killed", "injured", "evidence", "text", "span"] {
            assert!(keys.contains(&k), "missing contract field {k}");
        }
        assert_eq!(v["type"], "military_movement");
        assert_eq!(v["date"], "2023-03-24");
        assert_eq!(v["date_end"], serde_json::Value::Null);
        assert_eq!(v["actors"][0]["role"], "escort");
        assert_eq!(v["claims"][0]["stance"], "asserted");
        let back: EventRecord = serde_json::from_value(v).unwrap();
        assert_eq!(back, rec);
    }

    #[test]
    fn every_type_code_parses_back() {
        for t in EventType::ALL {
            assert_eq!(t.code().parse::<EventType>().unwrap(), t);
        }
        assert!("shelling".parse::<EventType>().is_err());
    }
}
