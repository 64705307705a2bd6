//! Which side an actor or a claimant belongs to, from the actor lexicon.
//!
//! The codes are the lexicon's (`data/lexicon/actors.tsv`, column `side`):
//! `az`, `am`, `ru`, `ir`, `tr`, `ge`, `intl`. `none` (civilians of no
//! stated side, companies) is returned as `None`, as is a name the lexicon
//! does not know and the fallback below cannot place.

use std::collections::HashMap;
use std::sync::OnceLock;

const ACTORS_TSV: &str = include_str!("../../../data/lexicon/actors.tsv");

fn table() -> &'static HashMap<String, String> {
    static TABLE: OnceLock<HashMap<String, String>> = OnceLock::new();
    TABLE.get_or_init(|| parse_actor_sides(ACTORS_TSV))
}

fn kinds() -> &'static HashMap<String, String> {
    static KINDS: OnceLock<HashMap<String, String>> = OnceLock::new();
    KINDS.get_or_init(|| {
        ACTORS_TSV
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .filter_map(|l| {
                let mut cols = l.split('\t');
                let name = cols.next()?.trim();
                let kind = cols.nth(1)?.trim();
                (!name.is_empty() && !kind.is_empty())
                    .then(|| (name.to_lowercase(), kind.to_string()))
            })
            .collect()
    })
}

/// The kind of an actor by canonical name, from the actor lexicon
/// (`ministry`, `military`, `armed_group`, `government`, `leader`,
/// `peacekeepers`, `security`, `civilians`, `media`, `monitor`, `company`,
/// `group`); `None` for a name the lexicon does not know.
pub fn actor_kind(name: &str) -> Option<String> {
    kinds().get(&name.trim().to_lowercase()).cloned()
}

/// Canonical actor name (lower-cased) → side code, from lexicon text in the
/// `actors.tsv` layout (`canonical<TAB>side<TAB>...`, `#` comments). Rows
/// with side `none` are left out; malformed rows are skipped.
pub fn parse_actor_sides(tsv: &str) -> HashMap<String, String> {
    tsv.lines()
        .filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let name = cols.next()?.trim();
            let side = cols.next()?.trim();
            (!name.is_empty() && !side.is_empty() && side != "none")
                .then(|| (name.to_lowercase(), side.to_string()))
        })
        .collect()
}

/// The side of an actor or claimant by canonical name: the lexicon's side,
/// else a country named in the name (`...of Azerbaijan` → `az`; Armenian
/// and Karabakh Armenian names → `am`), else `None`.
pub fn actor_side(name: &str) -> Option<String> {
    let key = name.trim().to_lowercase();
    if let Some(side) = table().get(&key) {
        return Some(side.clone());
    }
    let found = if key.contains("azerbaijan") {
        "az"
    } else if key.contains("armenia") || key.contains("artsakh") || key.contains("karabakh") {
        "am"
    } else if key.contains("russia") {
        "ru"
    } else if key.contains("iran") {
        "ir"
    } else if key.contains("turk") {
        "tr"
    } else if key.contains("georgia") {
        "ge"
    } else {
        return None;
    };
    Some(found.to_string())
}

/// A side code in words, for reports (`az` → `Azerbaijani`).
pub fn side_label(code: &str) -> &str {
    match code {
        "az" => "Azerbaijani",
        "am" => "Armenian",
        "ru" => "Russian",
        "ir" => "Iranian",
        "tr" => "Turkish",
        "ge" => "Georgian",
        "intl" => "international",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_sides_and_fallback() {
        assert_eq!(
            actor_side("Ministry of Defense of Azerbaijan").as_deref(),
            Some("az")
        );
        assert_eq!(
            actor_side("Armenian armed formations").as_deref(),
            Some("am")
        );
        assert_eq!(
            actor_side("Russian peacekeeping contingent").as_deref(),
            Some("ru")
        );
        assert_eq!(actor_side("civilians"), None);
        assert_eq!(actor_side("Base Metals"), None);
        assert_eq!(actor_side("OSCE Minsk Group").as_deref(), Some("intl"));
        assert_eq!(
            actor_side("Prosecutor General of Azerbaijan").as_deref(),
            Some("az")
        );
        assert_eq!(actor_side("Caliber.az"), None);
        assert_eq!(
            actor_kind("Armenian armed formations").as_deref(),
            Some("armed_group")
        );
        assert_eq!(
            actor_kind("State Border Service of Azerbaijan").as_deref(),
            Some("security")
        );
        assert_eq!(actor_kind("Nobody"), None);
    }

    #[test]
    fn parses_rows_and_skips_comments() {
        let t = parse_actor_sides("# c\nA\taz\tx\tA|B\nB\tnone\tc\tB\n\nbroken\n");
        assert_eq!(t.len(), 1);
        assert_eq!(t["a"], "az");
    }
}
