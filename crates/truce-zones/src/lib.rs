//! Time-versioned zones: which zone a place was in *on that day*.
//!
//! Ceasefire claims are about zones whose maps were redrawn: the
//! peacekeepers' zone of responsibility grew south on 12–13 December 2020,
//! the 5-km Lachin corridor moved to a new road in August 2022. So a
//! [`Zone`] is a name with [`ZoneVersion`]s, each an area
//! (`geo::MultiPolygon`, WGS84 lon/lat) valid over a period (`from` a full
//! date, `to` inclusive or open), with the source that published that map.
//!
//! - [`ZoneSet`] holds zones. [`ZoneSet::at`] gives the versions valid on a
//!   day; [`ZoneSet::placements`] / [`ZoneSet::zones_containing`] place a
//!   [`Locus`] (a point or a line) on a day, with the distance to the
//!   zone's edge in km; [`ZoneSet::diff`] gives the area added and removed
//!   between two days and the settlements that changed side.
//! - [`import_geojson`] reads a published map (Polygon / MultiPolygon /
//!   FeatureCollection, unioned); [`export_versions`] and
//!   [`ZoneSet::export_at`] write FeatureCollections that
//!   [`import_zones_geojson`] reads back.
//! - [`evaluate_definitions`] / [`ZoneSet::from_definitions`] build zones
//!   from a TOML definition (buffer a route of gazetteer places by a width in
//!   km, circles, unions, differences); the shipped ones are
//!   `data/zones/definitions.toml` ([`ZoneSet::builtin_illustrative`]).
//! - [`checkpoint_active`], [`acled_geo_precision`], [`ucdp_where_prec`]:
//!   checkpoint opening dates and the anchors' location precision codes.
//!
//! Invariants:
//! - **Every lookup takes a date.** There is no "current" zone; nothing
//!   reads the clock. A partial date (`2020-12`) matches every version valid
//!   on some day of it, so a zone that changed that month shows both.
//! - **Constructed zones are illustrative.** A version built from a
//!   definition has `constructed == true`, source
//!   [`CONSTRUCTED_SOURCE`] and a note opening "Illustrative"; exports carry
//!   `"illustrative": true`, and a re-import keeps it. truce never presents
//!   one as an official map.
//! - **All or nothing.** An import or a definitions file that fails any
//!   check (malformed GeoJSON, a non-polygon, an unclosed ring, a
//!   self-intersecting polygon, coordinates out of range, a period
//!   overlapping another version of the zone) adds nothing; the error names
//!   the file and the feature.
//! - Lengths are km measured on a local equirectangular plane (see
//!   `plane`); areas are geodesic (WGS84 ellipsoid). No IO, no panics on
//!   bad input.

mod define;
mod diff;
mod error;
mod geojson_io;
mod locate;
mod place;
mod plane;
mod precision;
mod zone;

pub use define::{
    BUILTIN_DEFINITIONS, BUILTIN_DEFINITIONS_FILE, ILLUSTRATIVE_NOTE, evaluate_definitions,
};
pub use diff::{SideChange, ZoneDiff};
pub use error::{FeatureProblem, ZoneError};
pub use geojson_io::{export_versions, import_geojson, import_zones_geojson};
pub use locate::{EventLocation, Toponym, locate_event};
pub use place::{Locus, Placement};
pub use precision::{Named, acled_geo_precision, checkpoint_active, ucdp_where_prec};
pub use zone::{CONSTRUCTED_SOURCE, VersionMeta, Zone, ZoneSet, ZoneVersion};

/// Re-exported so callers name the same geometry types.
pub use geo;
pub use geojson;
