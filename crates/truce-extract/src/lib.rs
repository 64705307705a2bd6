//! Document in, event records out: truce's grammar of conflict reporting.
//!
//! [`extract`] reads a [`truce_model::Document`]'s clean text and returns an
//! [`Extraction`]: the event records of the `events.md` contract and a
//! per-sentence [`SentenceTrace`] saying what was matched and why each trigger
//! did or did not become an event (`truce explain` prints it).
//!
//! The grammar is data plus rules. The data: event triggers, actors and named
//! episodes in `data/lexicon/*.tsv`, places in the gazetteer. The rules, one
//! module each: sentences ([`sentence`]), dates resolved against the
//! publication date or the reported statement's date ([`date`]), who is named
//! ([`mention`]), who says and who denies ([`claims`]), casualty counts
//! ([`casualty`]), and how mentions become records ([`grammar`]).
//!
//! Extraction never fails on text and does no IO: it reads no files (the
//! lexicons are embedded), no clock and no network.

pub mod casualty;
pub mod claims;
pub mod classify;
pub mod date;
pub mod grammar;
pub mod inflect;
pub mod lexicon;
pub mod mention;
pub mod number;
pub mod sentence;

pub use grammar::{Extraction, SentenceTrace, explain, extract};
