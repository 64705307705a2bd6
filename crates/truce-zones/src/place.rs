//! Placing a point or a line in the zones of a day.

use geo::{Centroid, Coord, Distance, Euclidean, Intersects, LineString, MultiPolygon, Point};
use truce_gazetteer::{Gazetteer, Place, PlaceKind};
use truce_model::PartialDate;

use crate::plane::Plane;
use crate::zone::{Zone, ZoneSet, ZoneVersion};

/// Where an event is: a point, or a line (a road, a stretch between two
/// places). WGS84, x = longitude, y = latitude.
#[derive(Debug, Clone, PartialEq)]
pub enum Locus {
    Point(Point<f64>),
    Line(LineString<f64>),
}

impl Locus {
    /// A point; `None` for coordinates out of range.
    pub fn lat_lon(lat: f64, lon: f64) -> Option<Locus> {
        in_range(lon, lat).then(|| Locus::Point(Point::new(lon, lat)))
    }

    /// A line through `(lat, lon)` pairs; `None` with fewer than 2 or any
    /// out of range.
    pub fn line_lat_lon(points: &[(f64, f64)]) -> Option<Locus> {
        if points.len() < 2 || points.iter().any(|&(lat, lon)| !in_range(lon, lat)) {
            return None;
        }
        Some(Locus::Line(
            points
                .iter()
                .map(|&(lat, lon)| Coord { x: lon, y: lat })
                .collect(),
        ))
    }

    /// A gazetteer place as a locus: a road with a route is the line through
    /// its route's places that have coordinates; anything else its point.
    /// `None` when it has no coordinates.
    pub fn from_place(gazetteer: &Gazetteer, place: &Place) -> Option<Locus> {
        if place.kind == PlaceKind::Road && !place.route.is_empty() {
            let pts: Vec<(f64, f64)> = place
                .route
                .iter()
                .filter_map(|id| gazetteer.get(id))
                .filter_map(|p| Some((p.lat?, p.lon?)))
                .collect();
            if let Some(line) = Locus::line_lat_lon(&pts) {
                return Some(line);
            }
        }
        Locus::lat_lon(place.lat?, place.lon?)
    }

    fn anchor(&self) -> Coord<f64> {
        match self {
            Locus::Point(p) => p.0,
            Locus::Line(l) => l.centroid().map_or_else(|| l.0[0], |c| c.0),
        }
    }
}

fn in_range(lon: f64, lat: f64) -> bool {
    lon.is_finite()
        && lat.is_finite()
        && (-180.0..=180.0).contains(&lon)
        && (-90.0..=90.0).contains(&lat)
}

/// One zone version valid on the day, and where the locus lies relative to it.
#[derive(Debug, Clone, Copy)]
pub struct Placement<'a> {
    pub zone: &'a Zone,
    pub version: &'a ZoneVersion,
    /// A point inside or on the boundary; a line that touches the area.
    pub inside: bool,
    /// Shortest distance from the locus to the zone's boundary, km: how deep
    /// inside, or how far outside. 0 for a line that crosses the boundary.
    pub distance_to_edge_km: f64,
}

impl Placement<'_> {
    /// Whether the version is constructed, so must be shown as illustrative.
    pub fn is_illustrative(&self) -> bool {
        self.version.constructed
    }
}

impl ZoneSet {
    /// The locus against every zone version valid on `date` (both versions
    /// of a zone changed within a partial date), inside ones first, then by
    /// distance to the edge.
    pub fn placements(&self, locus: &Locus, date: PartialDate) -> Vec<Placement<'_>> {
        let mut out: Vec<Placement<'_>> = self
            .at(date)
            .into_iter()
            .map(|(zone, version)| {
                let (inside, d) = relate(locus, &version.geometry);
                Placement {
                    zone,
                    version,
                    inside,
                    distance_to_edge_km: d,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            b.inside
                .cmp(&a.inside)
                .then(a.distance_to_edge_km.total_cmp(&b.distance_to_edge_km))
                .then(a.zone.name().cmp(b.zone.name()))
        });
        out
    }

    /// The placements of [`ZoneSet::placements`] that are inside.
    pub fn zones_containing(&self, locus: &Locus, date: PartialDate) -> Vec<Placement<'_>> {
        let mut all = self.placements(locus, date);
        all.retain(|p| p.inside);
        all
    }
}

/// Whether `locus` is in `area`, and its distance to the boundary in km,
/// measured on a km plane centred on the locus.
pub(crate) fn relate(locus: &Locus, area: &MultiPolygon<f64>) -> (bool, f64) {
    let plane = Plane::new(locus.anchor());
    let inside = match locus {
        Locus::Point(p) => area.intersects(p),
        Locus::Line(l) => area.intersects(l),
    };
    let km = plane.area_km(area);
    let rings =
        km.0.iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()));
    let d = match locus {
        Locus::Point(p) => {
            let p = plane.point_km(*p);
            rings
                .map(|r| Euclidean.distance(&p, r))
                .fold(f64::INFINITY, f64::min)
        }
        Locus::Line(l) => {
            let l = plane.line_km(l);
            rings
                .map(|r| Euclidean.distance(&l, r))
                .fold(f64::INFINITY, f64::min)
        }
    };
    (inside, if d.is_finite() { d } else { 0.0 })
}
