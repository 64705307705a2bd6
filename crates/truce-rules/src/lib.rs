//! Agreements as data, incidents assessed against them, and bulletins.
//!
//! An [`Agreement`] is a versioned document of [`Provision`]s loaded from
//! TOML (`data/agreements/*.toml`, format in `data/agreements/README.md`):
//! each provision has truce's own paraphrase of the text (never the
//! agreement's wording), the parties it binds, its period in force,
//! [`Deadline`]s (with versions: a deadline moved later supersedes the
//! earlier from the day it was set), machine-checkable [`Condition`]s over
//! incidents (event types, zones on the incident's date, places, actor
//! roles, sides and kinds, time after entry into force or after a
//! deadline), and competing [`Interpretation`]s with who holds them.
//! Dated [`ContextEntry`]s record later facts that change the picture (a
//! new road, a checkpoint). The 10 November 2020 trilateral statement ships
//! embedded: [`Agreement::trilateral_2020_11_10`].
//!
//! - [`assess`]: per incident, the provisions it MAY engage (or bear on),
//!   by which party (from the actors' roles and sides), with the evidence
//!   chain (its claims, its computed status), the reading used, caveats
//!   for what could not be checked, and conditional wording.
//! - [`bulletin`]: an OSCE-style periodic bulletin in Markdown or HTML
//!   ([`Format`]), every figure linked to the claims behind it.
//!
//! Invariants:
//! - **truce asserts nothing.** No text this crate writes says that a
//!   provision was breached or that anything happened: an assessment says
//!   "X claims ...; if so, this would engage provision N (...) on the part
//!   of P; disputed by Y", and lists every claim it rests on.
//! - **Status comes from claims** (truce-incidents); a reviewer's verdict
//!   is shown beside it, never replaces it.
//! - **A contested provision keeps every reading**: an engagement names the
//!   reading its condition rests on and the competing ones.
//! - **Zones are looked up on the incident's date**, and illustrative
//!   (constructed) zones are labelled so wherever they are shown.
//! - **Reports are hostile input**: all source text is escaped in HTML and
//!   Markdown output.
//! - No IO (the agreement file is embedded or handed in as text), no clock.

mod agreement;
mod assess;
mod bulletin;
mod render;

pub use agreement::{
    Agreement, Bearing, Condition, ContextEntry, Deadline, Interpretation, Party, Provision,
    TRILATERAL_2020_11_10, TRILATERAL_2020_11_10_FILE, Term, Unplaced,
};
pub use assess::{Assessment, Engagement, MAX_CONTEXT, ZoneHit, assess};
pub use bulletin::{CHART_MAX_SPAN_DAYS, DAILY_CHART_MAX_DAYS, LONG_RUNNING_DAYS, bulletin};
pub use render::{Format, escape_html, escape_md};

/// Errors loading an agreement; each names the file.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("{file}: {detail}")]
    Parse { file: String, detail: String },
    #[error("{file}: {detail}")]
    Invalid { file: String, detail: String },
}
