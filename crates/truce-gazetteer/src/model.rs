//! The gazetteer's record types.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What sort of place a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    Settlement,
    District,
    Region,
    Country,
    Road,
    Bridge,
    Checkpoint,
    Mountain,
    River,
    Base,
    Mine,
    Monastery,
    Height,
    Other,
}

impl PlaceKind {
    pub const ALL: [PlaceKind; 14] = [
        PlaceKind::Settlement,
        PlaceKind::District,
        PlaceKind::Region,
        PlaceKind::Country,
        PlaceKind::Road,
        PlaceKind::Bridge,
        PlaceKind::Checkpoint,
        PlaceKind::Mountain,
        PlaceKind::River,
        PlaceKind::Base,
        PlaceKind::Mine,
        PlaceKind::Monastery,
        PlaceKind::Height,
        PlaceKind::Other,
    ];

    /// The code used in `places.csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Settlement => "settlement",
            PlaceKind::District => "district",
            PlaceKind::Region => "region",
            PlaceKind::Country => "country",
            PlaceKind::Road => "road",
            PlaceKind::Bridge => "bridge",
            PlaceKind::Checkpoint => "checkpoint",
            PlaceKind::Mountain => "mountain",
            PlaceKind::River => "river",
            PlaceKind::Base => "base",
            PlaceKind::Mine => "mine",
            PlaceKind::Monastery => "monastery",
            PlaceKind::Height => "height",
            PlaceKind::Other => "other",
        }
    }

    /// Which reading of an ambiguous bare name wins, lower first: "Nakhchivan"
    /// is the region before the city, "Lachin" the town before the district.
    pub(crate) fn preference(self) -> u8 {
        match self {
            PlaceKind::Country => 0,
            PlaceKind::Region => 1,
            PlaceKind::Settlement => 2,
            PlaceKind::District => 3,
            PlaceKind::Road => 4,
            PlaceKind::Checkpoint => 5,
            PlaceKind::Bridge => 6,
            PlaceKind::Base => 7,
            PlaceKind::Monastery => 8,
            PlaceKind::Height => 9,
            PlaceKind::Mountain => 10,
            PlaceKind::River => 11,
            PlaceKind::Mine => 12,
            PlaceKind::Other => 13,
        }
    }
}

impl fmt::Display for PlaceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing an unknown kind code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown place kind `{0}`")]
pub struct UnknownKind(pub String);

impl FromStr for PlaceKind {
    type Err = UnknownKind;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PlaceKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownKind(s.to_string()))
    }
}

/// One spelling of a place's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    pub name: String,
    /// Language of the spelling (`en`, `az`, `hy`, `ru`), when known.
    pub lang: Option<String>,
    /// ISO 15924 script: `Latn`, `Cyrl` or `Armn`.
    pub script: Option<String>,
    /// Whose name it is: `az`, `hy`, `ru` or `intl` (Stepanakert is `hy`,
    /// Khankendi `az`), when known.
    pub usage: Option<String>,
}

/// A place: a settlement, district, region, country, road, bridge,
/// checkpoint, height...
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Stable slug: `khankendi`, `lachin-corridor`, `hakari-bridge`.
    pub id: String,
    /// Canonical English name, the one event records carry.
    pub name: String,
    pub kind: PlaceKind,
    /// WGS84 representative point (a road's midpoint).
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Id of the district or region containing it.
    pub parent: Option<String>,
    /// ISO 3166-1 alpha-2 code.
    pub country: Option<String>,
    /// For roads: ids of the places it runs through, in order.
    pub route: Vec<String>,
    /// ISO date from which it exists (a checkpoint's opening), if known.
    pub active_from: Option<String>,
    pub active_to: Option<String>,
    /// Every spelling, the canonical name included.
    pub variants: Vec<Variant>,
    /// Where the record comes from: `geonames:<id>`, `curated`, or several of
    /// these and `approx` joined by `;` (`curated;geonames:146970`,
    /// `curated;approx`).
    pub source: String,
}

impl Place {
    /// Whether the record was hand-curated (it then wins ambiguous names over
    /// GeoNames-only places).
    pub fn is_curated(&self) -> bool {
        self.source.split(';').any(|s| s == "curated")
    }

    /// The GeoNames id its coordinates come from, if any.
    pub fn geonameid(&self) -> Option<u64> {
        self.source
            .split(';')
            .find_map(|s| s.strip_prefix("geonames:")?.parse().ok())
    }

    /// Whether the coordinates are a curated approximation.
    pub fn is_approximate(&self) -> bool {
        self.source.split(';').any(|s| s == "approx")
    }

    /// Whether the place exists on `date` (ISO `YYYY-MM-DD`, compared as text).
    pub fn is_active_on(&self, date: &str) -> bool {
        self.active_from.as_deref().is_none_or(|f| f <= date)
            && self.active_to.as_deref().is_none_or(|t| date <= t)
    }
}

/// One place name found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceMention {
    /// Byte offsets into the original text: `&text[start..end] == surface`.
    pub start: usize,
    pub end: usize,
    pub place_id: String,
    /// The text as written.
    pub surface: String,
}
