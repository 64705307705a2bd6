//! Location precision codes of the anchors (ACLED `geo_precision`, UCDP
//! `where_prec`) from a gazetteer place kind and how the text named it, and
//! whether a checkpoint was open on a day.
//!
//! The codes, as `shared/research/anchors-mission.md` §1.3 and §2 quote them:
//!
//! - ACLED `geo_precision`: 1 a named town with coordinates; 2 a small part
//!   of a region, a general area, or "near" a town; 3 only a larger region
//!   named (coded to a natural feature or the provincial capital).
//! - UCDP `where_prec`: 1 exact location; 2 within about 25 km of a named
//!   place; 3 a second-order unit (ADM2); 4 a first-order unit (ADM1);
//!   5 larger than ADM1 but not the country, a point between two named
//!   places, or a vague/relative location; 6 the country; 7 over water or
//!   in international airspace.
//!
//! Mapping (place kind, [`Named::Exactly`]):
//!
//! | kind | ACLED | UCDP | why |
//! | --- | --- | --- | --- |
//! | settlement, checkpoint, bridge, base, mine, monastery, height | 1 | 1 | a point with coordinates |
//! | other (a reservoir...) | 2 | 2 | a general area round a point |
//! | district | 2 | 3 | Azerbaijani rayons are GADM level 2 (ADM2) |
//! | road | 2 | 5 | an event "on the road" lies between two named places |
//! | region | 3 | 4 | Armenian provinces, Nakhchivan AR, Azerbaijan's economic regions: first-order units |
//! | mountain, river | 3 | 5 | a natural feature tens of km long |
//! | country | 3 | 6 | |
//!
//! [`Named::Near`] ("near Shusha", "outskirts of") lowers a point to ACLED 2
//! and UCDP 2 and leaves coarser kinds as they are. [`Named::AreaOnly`]
//! (the text named only an area, and the place stands in for it) gives
//! ACLED 3 and at least UCDP 5. UCDP 7 is never produced: the gazetteer has
//! no bodies of water to code to.

use truce_gazetteer::{Gazetteer, PlaceKind};
use truce_model::PartialDate;

/// How the text pointed at the place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Named {
    /// The text named this place itself.
    Exactly,
    /// "Near X", "on the outskirts of X", "X direction".
    Near,
    /// The text named only a wider area; the place stands in for it.
    AreaOnly,
}

fn is_point_kind(kind: PlaceKind) -> bool {
    matches!(
        kind,
        PlaceKind::Settlement
            | PlaceKind::Checkpoint
            | PlaceKind::Bridge
            | PlaceKind::Base
            | PlaceKind::Mine
            | PlaceKind::Monastery
            | PlaceKind::Height
    )
}

/// ACLED `geo_precision` (1–3).
pub fn acled_geo_precision(kind: PlaceKind, named: Named) -> u8 {
    let base = match kind {
        k if is_point_kind(k) => 1,
        PlaceKind::Other | PlaceKind::District | PlaceKind::Road => 2,
        _ => 3, // region, country, mountain, river
    };
    match named {
        Named::Exactly => base,
        Named::Near => base.max(2),
        Named::AreaOnly => 3,
    }
}

/// UCDP GED `where_prec` (1–7; 7 is never returned).
pub fn ucdp_where_prec(kind: PlaceKind, named: Named) -> u8 {
    let base = match kind {
        k if is_point_kind(k) => 1,
        PlaceKind::Other => 2,
        PlaceKind::District => 3,
        PlaceKind::Region => 4,
        PlaceKind::Road | PlaceKind::Mountain | PlaceKind::River => 5,
        _ => 6, // country
    };
    match named {
        Named::Exactly => base,
        Named::Near => base.max(2),
        Named::AreaOnly => base.max(5),
    }
}

/// Whether checkpoint `place_id` was open on `date`, from its gazetteer
/// `active_from`/`active_to`. `None` when unknown: no such place, not a
/// checkpoint, no dates recorded, or a partial date that straddles an
/// opening or closing (`2023-04` for one opened on 2023-04-23).
pub fn checkpoint_active(gazetteer: &Gazetteer, place_id: &str, date: PartialDate) -> Option<bool> {
    let place = gazetteer.get(place_id)?;
    if place.kind != PlaceKind::Checkpoint
        || (place.active_from.is_none() && place.active_to.is_none())
    {
        return None;
    }
    let first = place.is_active_on(&date.first_day()?.to_string());
    let last = place.is_active_on(&date.last_day()?.to_string());
    (first == last).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_stay_in_range() {
        for k in PlaceKind::ALL {
            for n in [Named::Exactly, Named::Near, Named::AreaOnly] {
                assert!((1..=3).contains(&acled_geo_precision(k, n)));
                assert!((1..=6).contains(&ucdp_where_prec(k, n)));
                // Naming less precisely never gives a finer code.
                assert!(acled_geo_precision(k, n) >= acled_geo_precision(k, Named::Exactly));
                assert!(ucdp_where_prec(k, n) >= ucdp_where_prec(k, Named::Exactly));
            }
        }
        assert_eq!(
            acled_geo_precision(PlaceKind::Settlement, Named::Exactly),
            1
        );
        assert_eq!(acled_geo_precision(PlaceKind::Settlement, Named::Near), 2);
        assert_eq!(
            acled_geo_precision(PlaceKind::Settlement, Named::AreaOnly),
            3
        );
        assert_eq!(ucdp_where_prec(PlaceKind::Settlement, Named::Near), 2);
        assert_eq!(ucdp_where_prec(PlaceKind::District, Named::Exactly), 3);
        assert_eq!(ucdp_where_prec(PlaceKind::Region, Named::Exactly), 4);
        assert_eq!(ucdp_where_prec(PlaceKind::Country, Named::Exactly), 6);
        assert_eq!(ucdp_where_prec(PlaceKind::Settlement, Named::AreaOnly), 5);
    }
}
