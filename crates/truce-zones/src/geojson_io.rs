//! GeoJSON in and out.
//!
//! Import checks the raw positions (rings closed, at least 4 positions,
//! coordinates in range) before converting, because geo closes rings
//! silently; then geo's `Validation` catches self-intersections and holes
//! outside their shell.

use geo::{BooleanOps, Coord, LineString, MultiPolygon, Polygon, Validation};
use geojson::{
    Feature, FeatureCollection, GeoJson, GeometryValue, JsonObject, JsonValue, Position,
};
use truce_model::PartialDate;

use crate::error::{FeatureProblem, ZoneError};
use crate::zone::{VersionMeta, Zone, ZoneSet, ZoneVersion};

/// Reads a GeoJSON Polygon, MultiPolygon, a Feature holding one, or a
/// FeatureCollection of them (unioned into one area) as one zone version,
/// not constructed. `file` names the input in errors.
pub fn import_geojson(file: &str, text: &str, meta: VersionMeta) -> Result<ZoneVersion, ZoneError> {
    let features = parse(file, text)?;
    let mut area = MultiPolygon::<f64>::new(Vec::new());
    let mut parts = Vec::with_capacity(features.len());
    for (i, f) in features.iter().enumerate() {
        parts.push(feature_polygons(f).map_err(|p| ZoneError::feature(file, i, p))?);
    }
    // Union only after every feature passed: nothing half-read is returned.
    for polys in parts {
        area = if area.0.is_empty() {
            polys
        } else {
            area.union(&polys)
        };
    }
    Ok(ZoneVersion::new(area, meta, false))
}

/// Reads truce's own export (see [`export_versions`]): one version per
/// feature, its zone name and period from the feature's properties. A
/// feature marked `constructed` or `illustrative` stays constructed.
pub fn import_zones_geojson(
    file: &str,
    text: &str,
) -> Result<Vec<(String, ZoneVersion)>, ZoneError> {
    let features = parse(file, text)?;
    let mut out = Vec::with_capacity(features.len());
    for (i, f) in features.iter().enumerate() {
        let item = exported_version(f).map_err(|p| ZoneError::feature(file, i, p))?;
        out.push(item);
    }
    Ok(out)
}

impl ZoneSet {
    /// [`import_geojson`] then [`ZoneSet::insert`] as zone `name`: the set is
    /// unchanged when either fails.
    pub fn import_geojson(
        &mut self,
        file: &str,
        text: &str,
        name: &str,
        meta: VersionMeta,
    ) -> Result<(), ZoneError> {
        let version = import_geojson(file, text, meta)?;
        self.insert(file, name, version)
    }

    /// [`import_zones_geojson`] then [`ZoneSet::insert_all`]: all or nothing.
    pub fn import_zones_geojson(&mut self, file: &str, text: &str) -> Result<(), ZoneError> {
        let items = import_zones_geojson(file, text)?;
        self.insert_all(file, items)
    }

    /// Every version of zone `name`, as a FeatureCollection.
    pub fn export_zone(&self, name: &str) -> Result<FeatureCollection, ZoneError> {
        let zone = self
            .get(name)
            .ok_or_else(|| ZoneError::UnknownZone(name.to_string()))?;
        Ok(export_versions(zone.versions().iter().map(|v| (zone, v))))
    }

    /// The versions valid on `date`, as a FeatureCollection.
    pub fn export_at(&self, date: PartialDate) -> FeatureCollection {
        export_versions(self.at(date))
    }

    /// Every version of every zone.
    pub fn export_all(&self) -> FeatureCollection {
        export_versions(
            self.zones()
                .flat_map(|z| z.versions().iter().map(move |v| (z, v))),
        )
    }
}

/// A FeatureCollection, one feature per version, with properties `name`,
/// `from`, `to` (null when open), `source`, `note`, `constructed`,
/// `illustrative` (true exactly when constructed) and `area_km2`.
pub fn export_versions<'a>(
    items: impl IntoIterator<Item = (&'a Zone, &'a ZoneVersion)>,
) -> FeatureCollection {
    let features = items
        .into_iter()
        .map(|(zone, v)| {
            let mut props = JsonObject::new();
            props.insert("name".into(), zone.name().into());
            props.insert("from".into(), v.from.to_string().into());
            props.insert(
                "to".into(),
                v.to.map_or(JsonValue::Null, |t| t.to_string().into()),
            );
            props.insert("source".into(), v.source.clone().into());
            props.insert("note".into(), v.note.clone().into());
            props.insert("constructed".into(), v.constructed.into());
            props.insert("illustrative".into(), v.constructed.into());
            // Rounded: a display figure, recomputed from the geometry on import.
            props.insert(
                "area_km2".into(),
                ((v.area_km2() * 100.0).round() / 100.0).into(),
            );
            Feature {
                bbox: None,
                geometry: Some(geojson::Geometry::from(&v.geometry)),
                id: None,
                properties: Some(props),
                foreign_members: None,
            }
        })
        .collect::<Vec<_>>();
    FeatureCollection::new(features)
}

/// The features of a GeoJSON text; a bare geometry is one feature.
fn parse(file: &str, text: &str) -> Result<Vec<Feature>, ZoneError> {
    let gj: GeoJson = text
        .parse()
        .map_err(|e: geojson::Error| ZoneError::Malformed {
            file: file.to_string(),
            detail: e.to_string(),
        })?;
    let features = match gj {
        GeoJson::Geometry(g) => vec![Feature {
            bbox: None,
            geometry: Some(g),
            id: None,
            properties: None,
            foreign_members: None,
        }],
        GeoJson::Feature(f) => vec![f],
        GeoJson::FeatureCollection(fc) => fc.features,
    };
    if features.is_empty() {
        return Err(ZoneError::Empty {
            file: file.to_string(),
        });
    }
    Ok(features)
}

/// A feature's polygons, checked.
fn feature_polygons(f: &Feature) -> Result<MultiPolygon<f64>, FeatureProblem> {
    let geometry = f.geometry.as_ref().ok_or(FeatureProblem::NoGeometry)?;
    let raw: Vec<&Vec<Vec<Position>>> = match &geometry.value {
        GeometryValue::Polygon { coordinates } => vec![coordinates],
        GeometryValue::MultiPolygon { coordinates } => coordinates.iter().collect(),
        other => {
            return Err(FeatureProblem::NotPolygon {
                found: other.type_name().to_string(),
            });
        }
    };
    let mut polys = Vec::with_capacity(raw.len());
    for (pi, rings) in raw.into_iter().enumerate() {
        polys.push(polygon_from_rings(pi, rings)?);
    }
    let mp = MultiPolygon::new(polys);
    check_multipolygon(&mp)?;
    Ok(mp)
}

fn polygon_from_rings(pi: usize, rings: &[Vec<Position>]) -> Result<Polygon<f64>, FeatureProblem> {
    if rings.is_empty() {
        return Err(FeatureProblem::NoRings { polygon: pi });
    }
    let mut out = Vec::with_capacity(rings.len());
    for (ri, ring) in rings.iter().enumerate() {
        if ring.len() < 4 {
            return Err(FeatureProblem::TooFewPositions {
                polygon: pi,
                ring: ri,
                count: ring.len(),
            });
        }
        let mut coords = Vec::with_capacity(ring.len());
        for (k, p) in ring.iter().enumerate() {
            // The parser guarantees at least 2 numbers; extra ones (altitude) are ignored.
            let (lon, lat) = (p.as_slice()[0], p.as_slice()[1]);
            if !in_range(lon, lat) {
                return Err(FeatureProblem::OutOfRange {
                    polygon: pi,
                    ring: ri,
                    position: k,
                    lon,
                    lat,
                });
            }
            coords.push(Coord { x: lon, y: lat });
        }
        if coords.first() != coords.last() {
            return Err(FeatureProblem::UnclosedRing {
                polygon: pi,
                ring: ri,
            });
        }
        out.push(LineString::new(coords));
    }
    let exterior = out.remove(0);
    Ok(Polygon::new(exterior, out))
}

fn in_range(lon: f64, lat: f64) -> bool {
    lon.is_finite()
        && lat.is_finite()
        && (-180.0..=180.0).contains(&lon)
        && (-90.0..=90.0).contains(&lat)
}

/// Coordinates in range and each polygon valid by geo's rules.
pub(crate) fn check_multipolygon(mp: &MultiPolygon<f64>) -> Result<(), FeatureProblem> {
    for (pi, poly) in mp.0.iter().enumerate() {
        for (ri, ring) in std::iter::once(poly.exterior())
            .chain(poly.interiors())
            .enumerate()
        {
            for (k, c) in ring.0.iter().enumerate() {
                if !in_range(c.x, c.y) {
                    return Err(FeatureProblem::OutOfRange {
                        polygon: pi,
                        ring: ri,
                        position: k,
                        lon: c.x,
                        lat: c.y,
                    });
                }
            }
        }
        if let Some(e) = poly.validation_errors().into_iter().next() {
            let detail = e.to_string();
            return Err(match e {
                geo::algorithm::validation::InvalidPolygon::SelfIntersection(_) => {
                    FeatureProblem::SelfIntersection {
                        polygon: pi,
                        detail,
                    }
                }
                _ => FeatureProblem::InvalidPolygon {
                    polygon: pi,
                    detail,
                },
            });
        }
    }
    Ok(())
}

fn exported_version(f: &Feature) -> Result<(String, ZoneVersion), FeatureProblem> {
    let geometry = feature_polygons(f)?;
    let empty = JsonObject::new();
    let props = f.properties.as_ref().unwrap_or(&empty);
    let bad = |property: &str, detail: &str| FeatureProblem::BadProperty {
        property: property.to_string(),
        detail: detail.to_string(),
    };
    let text = |key: &str| -> Result<Option<&str>, FeatureProblem> {
        match props.get(key) {
            None | Some(JsonValue::Null) => Ok(None),
            Some(JsonValue::String(s)) => Ok(Some(s)),
            Some(_) => Err(bad(key, "must be a string")),
        }
    };
    let flag = |key: &str| -> Result<bool, FeatureProblem> {
        match props.get(key) {
            None | Some(JsonValue::Null) => Ok(false),
            Some(JsonValue::Bool(b)) => Ok(*b),
            Some(_) => Err(bad(key, "must be true or false")),
        }
    };
    let date = |key: &str, s: &str| -> Result<PartialDate, FeatureProblem> {
        s.parse::<PartialDate>()
            .ok()
            .filter(PartialDate::is_full)
            .ok_or_else(|| bad(key, &format!("{s:?} is not a full date (YYYY-MM-DD)")))
    };
    let name = text("name")?
        .ok_or_else(|| bad("name", "missing"))?
        .to_string();
    let from = date("from", text("from")?.ok_or_else(|| bad("from", "missing"))?)?;
    let to = text("to")?.map(|t| date("to", t)).transpose()?;
    let meta = VersionMeta {
        from,
        to,
        source: text("source")?.unwrap_or("").to_string(),
        note: text("note")?.unwrap_or("").to_string(),
    };
    // Either flag keeps a constructed zone illustrative after a round trip.
    let constructed = flag("constructed")? || flag("illustrative")?;
    Ok((name, ZoneVersion::new(geometry, meta, constructed)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> VersionMeta {
        VersionMeta {
            from: "2021-01-01".parse().unwrap(),
            to: None,
            source: "test".into(),
            note: String::new(),
        }
    }

    #[test]
    fn bare_polygon_and_feature_collection_union() {
        let sq = r#"{"type":"Polygon","coordinates":[[[46,39],[47,39],[47,40],[46,40],[46,39]]]}"#;
        let v = import_geojson("a.geojson", sq, meta()).unwrap();
        assert_eq!(v.geometry.0.len(), 1);
        assert!(!v.constructed);
        let fc = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[46,39],[47,39],[47,40],[46,40],[46,39]]]}},
            {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[46.5,39],[47.5,39],[47.5,40],[46.5,40],[46.5,39]]]}}
        ]}"#;
        let v = import_geojson("b.geojson", fc, meta()).unwrap();
        assert_eq!(
            v.geometry.0.len(),
            1,
            "overlapping features merge into one polygon"
        );
    }

    #[test]
    fn out_of_range_is_reported_as_lon_lat() {
        let swapped = r#"{"type":"Polygon","coordinates":[[[39,46],[39,200],[40,47],[39,46]]]}"#;
        let e = import_geojson("c.geojson", swapped, meta()).unwrap_err();
        assert!(matches!(
            e,
            ZoneError::Feature {
                feature: 0,
                problem: FeatureProblem::OutOfRange { position: 1, .. },
                ..
            }
        ));
    }
}
