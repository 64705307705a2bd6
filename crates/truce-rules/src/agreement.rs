//! Agreements as data: provisions, deadlines, conditions over incidents,
//! competing readings and dated context. Format: `data/agreements/README.md`.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use truce_gazetteer::Gazetteer;
use truce_model::{EventType, PartialDate, Role};
use truce_zones::ZoneSet;

use crate::RulesError;

/// The shipped trilateral statement of 10 November 2020.
pub const TRILATERAL_2020_11_10: &str =
    include_str!("../../../data/agreements/trilateral-2020-11-10.toml");
/// Its file name, for errors.
pub const TRILATERAL_2020_11_10_FILE: &str = "data/agreements/trilateral-2020-11-10.toml";

/// One agreement, at one version of its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    pub id: String,
    pub title: String,
    /// How wording names it: "the 10 November 2020 statement".
    pub short: String,
    /// Which version of the text the provisions paraphrase.
    pub version: String,
    pub signed: PartialDate,
    pub in_force_from: PartialDate,
    /// Last day in force, inclusive; `None` while it holds.
    #[serde(default)]
    pub in_force_to: Option<PartialDate>,
    /// The hour it took effect, as text.
    #[serde(default)]
    pub in_force_time: Option<String>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(rename = "party")]
    pub parties: Vec<Party>,
    #[serde(rename = "provision")]
    pub provisions: Vec<Provision>,
    #[serde(rename = "context", default)]
    pub context: Vec<ContextEntry>,
}

/// A party the agreement binds, and the actor-lexicon sides that act for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub id: String,
    pub name: String,
    /// Side codes of the actor lexicon (`az`, `am`, `ru`).
    pub sides: Vec<String>,
    #[serde(default)]
    pub role: String,
}

/// One point of the agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provision {
    pub id: String,
    pub title: String,
    /// truce's own paraphrase, never the agreement's wording.
    pub text: String,
    /// Party ids it binds.
    pub binds: Vec<String>,
    /// First day in force (default: the agreement's).
    #[serde(default)]
    pub from: Option<PartialDate>,
    #[serde(default)]
    pub to: Option<PartialDate>,
    #[serde(default)]
    pub note: String,
    /// Figures the provision states (troops, vehicles...).
    #[serde(default)]
    pub figures: BTreeMap<String, u32>,
    #[serde(default)]
    pub term: Option<Term>,
    /// Deadlines; several entries with one id are versions of it, the later
    /// `set_on` superseding the earlier from that day.
    #[serde(rename = "deadline", default)]
    pub deadlines: Vec<Deadline>,
    #[serde(rename = "interpretation", default)]
    pub interpretations: Vec<Interpretation>,
    #[serde(rename = "condition", default)]
    pub conditions: Vec<Condition>,
}

/// A term with automatic renewal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub years: u32,
    #[serde(default)]
    pub renewal_years: Option<u32>,
    #[serde(default)]
    pub notice_months: Option<u32>,
}

/// A date by which something is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    pub id: String,
    pub what: String,
    pub date: PartialDate,
    /// The day this version of the deadline was set (default: signing).
    #[serde(default)]
    pub set_on: Option<PartialDate>,
    #[serde(default)]
    pub note: String,
}

/// One reading of a provision, with who holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interpretation {
    pub id: String,
    /// The question it answers; readings with the same topic compete.
    pub topic: String,
    pub held_by: Vec<String>,
    pub text: String,
    #[serde(default)]
    pub source: String,
}

/// How an incident matching a condition bears on the provision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bearing {
    /// If it happened as claimed, it may run counter to the provision.
    Engages,
    /// If it happened as claimed, it is part of carrying the provision out.
    Implements,
}

/// What to do when a condition checks places and the incident names none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unplaced {
    /// The condition does not hold.
    #[default]
    Fail,
    /// The condition holds, with a caveat that the place was not checked.
    Caveat,
}

/// A machine-checkable condition over an incident. Every field set must
/// hold (see [`crate::assess`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub id: String,
    /// What an incident matching it is, in words.
    pub describes: String,
    pub bearing: Bearing,
    /// Any of these types (empty: any type).
    #[serde(default)]
    pub types: Vec<EventType>,
    /// An actor in one of these roles... (empty: no actor needed, no party named)
    #[serde(default)]
    pub roles: Vec<Role>,
    /// ...of one of these sides (empty: any side of a bound party)...
    #[serde(default)]
    pub sides: Vec<String>,
    /// ...and of one of these actor kinds (empty: any kind).
    #[serde(default)]
    pub kinds: Vec<String>,
    /// A place of the incident inside one of these zones on its date.
    #[serde(default)]
    pub zones: Vec<String>,
    /// No place of the incident inside any of these zones on its date.
    #[serde(default)]
    pub outside_zones: Vec<String>,
    /// A place of the incident within one of these gazetteer places (ids).
    #[serde(default)]
    pub places_within: Vec<String>,
    #[serde(default)]
    pub unplaced: Unplaced,
    /// Only after this day.
    #[serde(default)]
    pub after: Option<PartialDate>,
    /// Only after the deadline with this id (its version in force then).
    #[serde(default)]
    pub after_deadline: Option<String>,
    /// Only from this many days after entry into force.
    #[serde(default)]
    pub after_entry_days: Option<i64>,
    /// Only up to this day.
    #[serde(default)]
    pub until: Option<PartialDate>,
    /// The interpretation this condition rests on, if it rests on one.
    #[serde(default)]
    pub reading: Option<String>,
}

/// A dated fact that changes the picture (a road moved, a checkpoint set up).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextEntry {
    pub date: PartialDate,
    pub provisions: Vec<String>,
    #[serde(default)]
    pub zone: Option<String>,
    pub text: String,
    #[serde(default)]
    pub source: String,
}

impl Agreement {
    /// Parses and checks an agreement file (`file` names it in errors).
    pub fn from_toml(file: &str, text: &str) -> Result<Agreement, RulesError> {
        let a: Agreement = toml::from_str(text).map_err(|e| RulesError::Parse {
            file: file.to_string(),
            detail: e.to_string(),
        })?;
        a.check(file)?;
        Ok(a)
    }

    /// The shipped trilateral statement of 10 November 2020.
    ///
    /// # Panics
    /// Only if the embedded file is broken, which a test rules out.
    pub fn trilateral_2020_11_10() -> Agreement {
        Agreement::from_toml(TRILATERAL_2020_11_10_FILE, TRILATERAL_2020_11_10)
            .unwrap_or_else(|e| panic!("embedded agreement is broken: {e}"))
    }

    pub fn provision(&self, id: &str) -> Option<&Provision> {
        self.provisions.iter().find(|p| p.id == id)
    }

    pub fn party(&self, id: &str) -> Option<&Party> {
        self.parties.iter().find(|p| p.id == id)
    }

    /// Internal consistency: unique ids, references that resolve.
    fn check(&self, file: &str) -> Result<(), RulesError> {
        let err = |detail: String| {
            Err(RulesError::Invalid {
                file: file.to_string(),
                detail,
            })
        };
        let party_ids: BTreeSet<&str> = self.parties.iter().map(|p| p.id.as_str()).collect();
        if party_ids.len() != self.parties.len() {
            return err("two parties share an id".to_string());
        }
        let mut prov_ids = BTreeSet::new();
        for p in &self.provisions {
            if !prov_ids.insert(p.id.as_str()) {
                return err(format!("provision `{}` appears twice", p.id));
            }
            if let Some(b) = p.binds.iter().find(|b| !party_ids.contains(b.as_str())) {
                return err(format!("provision `{}` binds unknown party `{b}`", p.id));
            }
            let readings: BTreeSet<&str> =
                p.interpretations.iter().map(|i| i.id.as_str()).collect();
            if readings.len() != p.interpretations.len() {
                return err(format!(
                    "provision `{}`: two interpretations share an id",
                    p.id
                ));
            }
            let deadlines: BTreeSet<&str> = p.deadlines.iter().map(|d| d.id.as_str()).collect();
            for d in &p.deadlines {
                if !d.date.is_full() {
                    return err(format!(
                        "provision `{}` deadline `{}`: date must be YYYY-MM-DD",
                        p.id, d.id
                    ));
                }
            }
            let mut cond_ids = BTreeSet::new();
            for c in &p.conditions {
                let at = format!("provision `{}` condition `{}`", p.id, c.id);
                if !cond_ids.insert(c.id.as_str()) {
                    return err(format!("{at} appears twice"));
                }
                if let Some(r) = c.reading.as_deref().filter(|r| !readings.contains(r)) {
                    return err(format!("{at}: unknown reading `{r}`"));
                }
                if let Some(d) = c
                    .after_deadline
                    .as_deref()
                    .filter(|d| !deadlines.contains(d))
                {
                    return err(format!("{at}: unknown deadline `{d}`"));
                }
                let known_sides: BTreeSet<&str> = self
                    .parties
                    .iter()
                    .flat_map(|p| p.sides.iter().map(String::as_str))
                    .collect();
                if let Some(s) = c.sides.iter().find(|s| !known_sides.contains(s.as_str())) {
                    return err(format!("{at}: side `{s}` belongs to no party"));
                }
                if !c.sides.is_empty() && c.roles.is_empty() {
                    return err(format!("{at}: `sides` needs `roles`"));
                }
            }
        }
        for c in &self.context {
            if let Some(p) = c.provisions.iter().find(|p| !prov_ids.contains(p.as_str())) {
                return err(format!(
                    "context entry of {}: unknown provision `{p}`",
                    c.date
                ));
            }
        }
        Ok(())
    }

    /// References to the world outside the file: gazetteer place ids and
    /// zone names. Returns one line per problem; empty when all resolve.
    pub fn check_references(&self, gaz: &Gazetteer, zones: &ZoneSet) -> Vec<String> {
        let mut out = Vec::new();
        for p in &self.provisions {
            for c in &p.conditions {
                for id in &c.places_within {
                    if gaz.get(id).is_none() {
                        out.push(format!(
                            "provision `{}` condition `{}`: unknown place id `{id}`",
                            p.id, c.id
                        ));
                    }
                }
                for z in c.zones.iter().chain(&c.outside_zones) {
                    if zones.get(z).is_none() {
                        out.push(format!(
                            "provision `{}` condition `{}`: unknown zone `{z}`",
                            p.id, c.id
                        ));
                    }
                }
            }
        }
        for c in &self.context {
            if let Some(z) = c.zone.as_deref().filter(|z| zones.get(z).is_none()) {
                out.push(format!("context entry of {}: unknown zone `{z}`", c.date));
            }
        }
        out
    }

    /// Context entries dated within `[from, to]` (bounds' periods inclusive).
    pub fn context_in(
        &self,
        from: Option<PartialDate>,
        to: Option<PartialDate>,
    ) -> Vec<&ContextEntry> {
        self.context
            .iter()
            .filter(|c| crate::assess::period_overlaps(c.date, None, from, to))
            .collect()
    }
}

impl Provision {
    /// The version of deadline `id` in force on day `on` (day number since
    /// 1970-01-01): the one with the latest `set_on` on or before it, else
    /// the earliest version. `on = None` gives the latest version.
    pub fn deadline_on(&self, id: &str, on: Option<i64>, signed: PartialDate) -> Option<&Deadline> {
        let day = |d: &Deadline| {
            d.set_on
                .unwrap_or(signed)
                .days_from_epoch()
                .unwrap_or(i64::MIN)
        };
        let mut versions: Vec<&Deadline> = self.deadlines.iter().filter(|d| d.id == id).collect();
        versions.sort_by_key(|d| day(d));
        match on {
            None => versions.last().copied(),
            Some(on) => versions
                .iter()
                .rev()
                .find(|d| day(d) <= on)
                .or(versions.first())
                .copied(),
        }
    }

    pub fn interpretation(&self, id: &str) -> Option<&Interpretation> {
        self.interpretations.iter().find(|i| i.id == id)
    }
}
