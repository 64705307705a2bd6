//! How a zone changed between two days.

use geo::{BooleanOps, BoundingRect, GeodesicArea, Intersects, MultiPolygon, Point};
use rstar::{AABB, RTree, primitives::GeomWithData};
use truce_gazetteer::{Gazetteer, PlaceKind};
use truce_model::PartialDate;

use crate::error::ZoneError;
use crate::zone::ZoneSet;

/// A settlement on the other side of the zone's edge on the second day.
#[derive(Debug, Clone, PartialEq)]
pub struct SideChange {
    pub place_id: String,
    pub name: String,
    pub was_inside: bool,
    pub now_inside: bool,
}

/// What changed in a zone between `d1` and `d2`.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoneDiff {
    /// Geodesic area inside on `d2` but not on `d1`, km².
    pub added_km2: f64,
    /// Geodesic area inside on `d1` but not on `d2`, km².
    pub removed_km2: f64,
    /// Gazetteer settlements with coordinates that changed side, by id.
    pub places_changed_side: Vec<SideChange>,
    /// Whether either day's version is constructed (show as illustrative).
    pub illustrative: bool,
}

impl ZoneSet {
    /// The change of zone `name` from full date `d1` to full date `d2`. A day
    /// with no valid version counts as an empty zone (it did not exist yet).
    pub fn diff(
        &self,
        name: &str,
        d1: PartialDate,
        d2: PartialDate,
        gazetteer: &Gazetteer,
    ) -> Result<ZoneDiff, ZoneError> {
        let zone = self
            .get(name)
            .ok_or_else(|| ZoneError::UnknownZone(name.to_string()))?;
        for d in [d1, d2] {
            if !d.is_full() {
                return Err(ZoneError::NeedFullDate(d.to_string()));
            }
        }
        let (v1, v2) = (zone.version_on(d1), zone.version_on(d2));
        let empty = MultiPolygon::new(Vec::new());
        let a = v1.map_or(&empty, |v| &v.geometry);
        let b = v2.map_or(&empty, |v| &v.geometry);
        let km2 = |m: MultiPolygon<f64>| m.geodesic_area_unsigned() / 1e6;
        let added_km2 = km2(b.difference(a));
        let removed_km2 = km2(a.difference(b));

        // Only settlements within either version's bounding box can change side.
        let tree = RTree::bulk_load(
            gazetteer
                .places()
                .filter(|p| p.kind == PlaceKind::Settlement)
                .filter_map(|p| Some(GeomWithData::new([p.lon?, p.lat?], p)))
                .collect(),
        );
        let mut changed = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for rect in [a.bounding_rect(), b.bounding_rect()].into_iter().flatten() {
            let env =
                AABB::from_corners([rect.min().x, rect.min().y], [rect.max().x, rect.max().y]);
            for hit in tree.locate_in_envelope(&env) {
                let place = hit.data;
                if !seen.insert(place.id.as_str()) {
                    continue;
                }
                let pt = Point::new(hit.geom()[0], hit.geom()[1]);
                let (was, now) = (a.intersects(&pt), b.intersects(&pt));
                if was != now {
                    changed.push(SideChange {
                        place_id: place.id.clone(),
                        name: place.name.clone(),
                        was_inside: was,
                        now_inside: now,
                    });
                }
            }
        }
        changed.sort_by(|x, y| x.place_id.cmp(&y.place_id));
        Ok(ZoneDiff {
            added_km2,
            removed_km2,
            places_changed_side: changed,
            illustrative: v1.is_some_and(|v| v.constructed) || v2.is_some_and(|v| v.constructed),
        })
    }
}
