//! Incidents: one occurrence as several reports tell it.
//!
//! The extractor gives one [`truce_model::EventRecord`] per occurrence per
//! document. Three outlets reporting the same night's firing give three
//! records; [`build_incidents`] groups them into one [`Incident`] that keeps
//! every claim with the sentence it rests on ([`ClaimRef`]: document, span,
//! text) and records why its events were put together ([`MergeLink`]s of
//! [`MergeReason`]s: "same type firing", "dates overlap 2023-03-24", "same
//! place Khankendi", "Khalfali within Khojaly"...).
//!
//! Main types and functions:
//! - [`EventInput`]: a stored record with its event id, document, outlet and
//!   publication date (no dependency on the store crates).
//! - [`build_incidents`] with [`MergeOptions`]: complete-linkage grouping of
//!   records from different documents; see its doc for the rules and
//!   [`COMPATIBLE_TYPES`] for which types may describe one occurrence.
//! - [`Incident`]: derived fields (type, dates, places, actors, claims,
//!   [`Status`], casualty [`CountRange`]s, [`FieldDispute`]s) plus an
//!   optional reviewer [`Verdict`].
//! - [`Correction`] / [`apply_corrections`]: analysts split a wrong merge,
//!   merge a missed one, record a verdict.
//! - [`counts_by_claimant`]: each source's counts side by side.
//! - [`actor_side`], [`actor_kind`]: an actor's side and kind from the actor
//!   lexicon (`data/lexicon/actors.tsv`, embedded).
//!
//! Invariants:
//! - **truce asserts nothing.** An incident has no "true" field; what it
//!   says is what its claims say, each attributed.
//! - **Status is computed from claims**, never set: `disputed` when any
//!   claim denies, else `corroborated` with two or more independent
//!   asserting sources, else `single_source`. The source of a claim is its
//!   claimant; an outlet is a source only when it asserts on its own
//!   authority ([`claim_source`]), so two outlets quoting one ministry are
//!   one source. A reviewer's verdict changes what is shown
//!   ([`Incident::display_status`]), never the claims or the status.
//! - **Nothing is lost in a merge**: every claim of every event stays, and
//!   a field the claims disagree on keeps every value with who states it;
//!   casualty figures become low/best/high ranges (see [`CountRange`] for
//!   how `best` is chosen).
//! - **Corrections are ground state, incidents derived**: corrections are
//!   appended and re-applied on every derivation, in order; incidents are
//!   recomputed from events and corrections, never edited by hand.
//! - Deterministic: the output does not depend on the input order. No IO,
//!   no clock.

mod build;
mod correct;
mod counts;
mod incident;
mod side;

pub use build::{
    COMPATIBLE_TYPES, MergeOptions, build_incidents, compatible_types, haversine_km, sort_incidents,
};
pub use correct::{Corrected, Correction, CorrectionProblem, apply_corrections};
pub use counts::{ClaimantCount, counts_by_claimant};
pub use incident::{
    ClaimRef, ClaimedCount, ClaimedValue, CountRange, EventInput, FieldDispute, Incident,
    MergeLink, MergeReason, Status, Verdict, VerdictKind, claim_source,
};
pub use side::{actor_kind, actor_side, parse_actor_sides, side_label};
