//! Zones, their versions and the set that holds them.

use std::collections::BTreeMap;

use geo::{GeodesicArea, MultiPolygon};
use truce_model::PartialDate;

use crate::error::ZoneError;
use crate::geojson_io::check_multipolygon;

/// The `source` of every zone built from a definition.
pub const CONSTRUCTED_SOURCE: &str = "truce illustrative construction";

/// Who published a version and what it says; the metadata of one version
/// apart from its geometry.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionMeta {
    /// First day the version is valid (a full date).
    pub from: PartialDate,
    /// Last day it is valid, inclusive; `None` while it still holds.
    pub to: Option<PartialDate>,
    /// Who published that map ("Russian MoD website, map of 2022-03-24").
    pub source: String,
    pub note: String,
}

/// One version of a zone: its area during a period, and who drew it.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoneVersion {
    /// WGS84, x = longitude, y = latitude.
    pub geometry: MultiPolygon<f64>,
    /// First day valid (a full date).
    pub from: PartialDate,
    /// Last day valid, inclusive; `None` for open-ended.
    pub to: Option<PartialDate>,
    pub source: String,
    pub note: String,
    /// Built by truce from a definition, not published by anyone: every
    /// output that shows it must say "illustrative".
    pub constructed: bool,
}

impl ZoneVersion {
    pub fn new(geometry: MultiPolygon<f64>, meta: VersionMeta, constructed: bool) -> Self {
        ZoneVersion {
            geometry,
            from: meta.from,
            to: meta.to,
            source: meta.source,
            note: meta.note,
            constructed,
        }
    }

    /// Whether the version must be labelled illustrative (it is constructed).
    pub fn is_illustrative(&self) -> bool {
        self.constructed
    }

    /// Whether the version is valid on any day of `date`'s period: on that
    /// day for a full date, on some day of the month for `2020-12`. A date
    /// without a year (`--12-13`) matches nothing.
    pub fn is_valid_on(&self, date: PartialDate) -> bool {
        let (Some(first), Some(last)) = (day_number(date.first_day()), day_number(date.last_day()))
        else {
            return false;
        };
        let Some(from) = day_number(Some(self.from)) else {
            return false;
        };
        let to = self
            .to
            .and_then(|t| day_number(Some(t)))
            .unwrap_or(i64::MAX);
        from <= last && first <= to
    }

    /// The period as text: `2020-11-10..2022-08-25`, `2022-08-26..` when open.
    pub fn period(&self) -> String {
        match self.to {
            Some(to) => format!("{}..{}", self.from, to),
            None => format!("{}..", self.from),
        }
    }

    /// Geodesic area on the WGS84 ellipsoid, km².
    pub fn area_km2(&self) -> f64 {
        self.geometry.geodesic_area_unsigned() / 1e6
    }

    fn overlaps(&self, other: &ZoneVersion) -> bool {
        let a_to = self
            .to
            .and_then(|t| day_number(Some(t)))
            .unwrap_or(i64::MAX);
        let b_to = other
            .to
            .and_then(|t| day_number(Some(t)))
            .unwrap_or(i64::MAX);
        let (Some(a_from), Some(b_from)) =
            (day_number(Some(self.from)), day_number(Some(other.from)))
        else {
            return false;
        };
        a_from <= b_to && b_from <= a_to
    }
}

fn day_number(d: Option<PartialDate>) -> Option<i64> {
    d.filter(PartialDate::is_full)?.days_from_epoch()
}

/// A named area and its versions, in date order; no two versions overlap.
#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    name: String,
    versions: Vec<ZoneVersion>,
}

impl Zone {
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The versions, earliest first.
    pub fn versions(&self) -> &[ZoneVersion] {
        &self.versions
    }

    /// The versions valid on any day of `date` (one for a full date).
    pub fn versions_on(&self, date: PartialDate) -> impl Iterator<Item = &ZoneVersion> {
        self.versions.iter().filter(move |v| v.is_valid_on(date))
    }

    /// The version valid on a full date, if any.
    pub fn version_on(&self, date: PartialDate) -> Option<&ZoneVersion> {
        if !date.is_full() {
            return None;
        }
        self.versions_on(date).next()
    }

    /// Whether any version is constructed.
    pub fn is_illustrative(&self) -> bool {
        self.versions.iter().any(|v| v.constructed)
    }
}

/// Zones by name. Every lookup takes a date; adding is all-or-nothing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ZoneSet {
    zones: BTreeMap<String, Zone>,
}

impl ZoneSet {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.zones.len()
    }

    pub fn is_empty(&self) -> bool {
        self.zones.is_empty()
    }

    /// The zones, by name.
    pub fn zones(&self) -> impl Iterator<Item = &Zone> {
        self.zones.values()
    }

    pub fn get(&self, name: &str) -> Option<&Zone> {
        self.zones.get(name)
    }

    /// Adds one version of zone `name` (created if new). `origin` names the
    /// file it came from, for errors.
    pub fn insert(
        &mut self,
        origin: &str,
        name: &str,
        version: ZoneVersion,
    ) -> Result<(), ZoneError> {
        self.insert_all(origin, vec![(name.to_string(), version)])
    }

    /// Adds every `(zone name, version)`, or none when one is refused: a bad
    /// name, a bad period, an invalid geometry, or a period overlapping
    /// another version of the same zone (in the set or in `items`).
    pub fn insert_all(
        &mut self,
        origin: &str,
        items: Vec<(String, ZoneVersion)>,
    ) -> Result<(), ZoneError> {
        // Check against a copy of the affected zones; commit only at the end.
        let mut staged: BTreeMap<String, Vec<ZoneVersion>> = BTreeMap::new();
        for (i, (name, version)) in items.into_iter().enumerate() {
            check_name(origin, &name)?;
            check_period(origin, &name, &version)?;
            check_geometry(origin, i, &name, &version.geometry)?;
            let existing = staged.entry(name.clone()).or_insert_with(|| {
                self.zones
                    .get(&name)
                    .map(|z| z.versions.clone())
                    .unwrap_or_default()
            });
            if let Some(other) = existing.iter().find(|o| o.overlaps(&version)) {
                return Err(ZoneError::Overlap {
                    file: origin.to_string(),
                    zone: name,
                    new: version.period(),
                    existing: other.period(),
                });
            }
            existing.push(version);
        }
        for (name, mut versions) in staged {
            versions.sort_by_key(|v| day_number(Some(v.from)));
            self.zones.insert(name.clone(), Zone { name, versions });
        }
        Ok(())
    }

    /// Removes a zone with all its versions; returns it.
    pub fn remove(&mut self, name: &str) -> Option<Zone> {
        self.zones.remove(name)
    }

    /// Every version valid on `date` (for a partial date, every version
    /// valid on some day of it: a zone changed that month yields both), by
    /// zone name then date.
    pub fn at(&self, date: PartialDate) -> Vec<(&Zone, &ZoneVersion)> {
        self.zones
            .values()
            .flat_map(|z| z.versions_on(date).map(move |v| (z, v)))
            .collect()
    }
}

fn check_name(origin: &str, name: &str) -> Result<(), ZoneError> {
    let detail = if name.trim().is_empty() {
        "empty"
    } else if name.chars().any(char::is_control) {
        "has control characters"
    } else if name.trim() != name {
        "has leading or trailing spaces"
    } else {
        return Ok(());
    };
    Err(ZoneError::Name {
        file: origin.to_string(),
        zone: name.to_string(),
        detail: detail.to_string(),
    })
}

fn check_period(origin: &str, name: &str, v: &ZoneVersion) -> Result<(), ZoneError> {
    let err = |detail: String| ZoneError::Period {
        file: origin.to_string(),
        zone: name.to_string(),
        detail,
    };
    if !v.from.is_full() {
        return Err(err(format!(
            "`from` {} is not a full date (YYYY-MM-DD)",
            v.from
        )));
    }
    if let Some(to) = v.to {
        if !to.is_full() {
            return Err(err(format!("`to` {to} is not a full date (YYYY-MM-DD)")));
        }
        if day_number(Some(to)) < day_number(Some(v.from)) {
            return Err(err(format!("`to` {to} is before `from` {}", v.from)));
        }
    }
    Ok(())
}

/// A version added in code (not parsed from GeoJSON) gets the same checks
/// as an import, reported as feature `index` (its place in the batch).
fn check_geometry(
    origin: &str,
    index: usize,
    name: &str,
    geometry: &MultiPolygon<f64>,
) -> Result<(), ZoneError> {
    if geometry.0.is_empty() {
        return Err(ZoneError::EmptyArea {
            file: origin.to_string(),
            zone: name.to_string(),
        });
    }
    check_multipolygon(geometry).map_err(|p| ZoneError::feature(origin, index, p))
}
