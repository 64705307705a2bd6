//! Integration tests for truce-zones (one test binary).

mod builtin;
mod checkpoints;
mod corridor;
mod geojson;
mod zone_change;

use truce_gazetteer::Gazetteer;
use truce_model::PartialDate;
use truce_zones::{Locus, ZoneSet};

pub fn d(s: &str) -> PartialDate {
    s.parse().unwrap()
}

pub fn gaz() -> &'static Gazetteer {
    Gazetteer::builtin()
}

/// The shipped illustrative zones.
pub fn shipped() -> ZoneSet {
    ZoneSet::builtin_illustrative().unwrap()
}

/// A gazetteer place's point.
pub fn at_place(id: &str) -> Locus {
    let p = gaz().get(id).unwrap_or_else(|| panic!("no place {id}"));
    Locus::lat_lon(p.lat.unwrap(), p.lon.unwrap()).unwrap()
}

/// Whether `locus` is inside zone `name` on `date`.
pub fn inside(set: &ZoneSet, name: &str, locus: &Locus, date: &str) -> bool {
    set.zones_containing(locus, d(date))
        .iter()
        .any(|p| p.zone.name() == name)
}
