//! What can go wrong, each error naming the file (or the caller's label for
//! in-memory input) and, for GeoJSON, the feature.

use std::fmt;

/// A problem with one feature of a GeoJSON file. `polygon` counts the
/// polygons of the feature's geometry (0 for a Polygon), `ring` the rings of
/// that polygon (0 is the exterior), `position` the positions of that ring.
#[derive(Debug, Clone, PartialEq)]
pub enum FeatureProblem {
    /// A feature with `"geometry": null`.
    NoGeometry,
    /// A Point, LineString, GeometryCollection...: zones are areas.
    NotPolygon { found: String },
    /// A polygon with no rings at all.
    NoRings { polygon: usize },
    /// A ring with fewer than 4 positions (3 corners and the closing one).
    TooFewPositions {
        polygon: usize,
        ring: usize,
        count: usize,
    },
    /// A ring whose last position is not its first.
    UnclosedRing { polygon: usize, ring: usize },
    /// A coordinate outside lon [-180, 180], lat [-90, 90] (or not finite).
    OutOfRange {
        polygon: usize,
        ring: usize,
        position: usize,
        lon: f64,
        lat: f64,
    },
    /// A ring that crosses or touches itself.
    SelfIntersection { polygon: usize, detail: String },
    /// Any other invalid polygon geo reports (holes outside the shell,
    /// crossing rings...).
    InvalidPolygon { polygon: usize, detail: String },
    /// A property of truce's own export format that is missing or wrong.
    BadProperty { property: String, detail: String },
}

impl fmt::Display for FeatureProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeatureProblem::NoGeometry => write!(f, "has no geometry"),
            FeatureProblem::NotPolygon { found } => {
                write!(f, "geometry is a {found}, not a Polygon or MultiPolygon")
            }
            FeatureProblem::NoRings { polygon } => write!(f, "polygon {polygon} has no rings"),
            FeatureProblem::TooFewPositions {
                polygon,
                ring,
                count,
            } => write!(
                f,
                "polygon {polygon} ring {ring} has {count} positions; a ring needs at least 4"
            ),
            FeatureProblem::UnclosedRing { polygon, ring } => write!(
                f,
                "polygon {polygon} ring {ring} is not closed (its last position differs from its first)"
            ),
            FeatureProblem::OutOfRange {
                polygon,
                ring,
                position,
                lon,
                lat,
            } => write!(
                f,
                "polygon {polygon} ring {ring} position {position} is out of range: \
                 lon {lon}, lat {lat} (lon must be in [-180, 180], lat in [-90, 90], as [lon, lat])"
            ),
            FeatureProblem::SelfIntersection { polygon, detail } => {
                write!(f, "polygon {polygon} is self-intersecting: {detail}")
            }
            FeatureProblem::InvalidPolygon { polygon, detail } => {
                write!(f, "polygon {polygon} is invalid: {detail}")
            }
            FeatureProblem::BadProperty { property, detail } => {
                write!(f, "property `{property}`: {detail}")
            }
        }
    }
}

/// Every error of this crate. Nothing is added to a [`crate::ZoneSet`] when
/// one is returned.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ZoneError {
    /// Not JSON, or JSON that is not GeoJSON.
    #[error("{file}: malformed GeoJSON: {detail}")]
    Malformed { file: String, detail: String },
    /// One feature is unusable. A bare geometry or a single Feature is
    /// feature 0.
    #[error("{file}: feature {feature}: {problem}")]
    Feature {
        file: String,
        feature: usize,
        problem: FeatureProblem,
    },
    /// A FeatureCollection with no features.
    #[error("{file}: no features")]
    Empty { file: String },
    /// A version whose geometry has no polygon at all.
    #[error("{file}: zone `{zone}`: the area is empty")]
    EmptyArea { file: String, zone: String },
    /// A validity period that is not a full date, or ends before it starts.
    #[error("{file}: zone `{zone}`: bad period: {detail}")]
    Period {
        file: String,
        zone: String,
        detail: String,
    },
    /// A zone name that is empty or has control characters.
    #[error("{file}: bad zone name {zone:?}: {detail}")]
    Name {
        file: String,
        zone: String,
        detail: String,
    },
    /// A version whose period overlaps another version of the same zone.
    #[error("{file}: zone `{zone}`: version {new} overlaps version {existing}")]
    Overlap {
        file: String,
        zone: String,
        new: String,
        existing: String,
    },
    /// A problem in a definitions file; `at` says where (`zone `x` version 2`).
    #[error("{file}: {at}: {detail}")]
    Definition {
        file: String,
        at: String,
        detail: String,
    },
    /// A zone name unknown to the set.
    #[error("no zone named `{0}`")]
    UnknownZone(String),
    /// An operation that needs a full date (`YYYY-MM-DD`) got a partial one.
    #[error("`{0}` is not a full date (YYYY-MM-DD)")]
    NeedFullDate(String),
}

impl ZoneError {
    pub(crate) fn feature(file: &str, feature: usize, problem: FeatureProblem) -> Self {
        ZoneError::Feature {
            file: file.to_string(),
            feature,
            problem,
        }
    }
}
