//! Zones built from definitions (a TOML file, format in
//! `data/zones/README.md`): buffers of routes through gazetteer places,
//! circles, unions and differences, each version with its own period.
//!
//! Lengths are km on a local plane ([`crate::plane`]); unions and
//! differences run on lon/lat directly, which is the same as running them on
//! that plane because the projection is affine. Every result is
//! `constructed`, with source [`CONSTRUCTED_SOURCE`] and a note that opens
//! with "Illustrative" and ends with how it was built.

use std::collections::HashMap;

use geo::algorithm::buffer::{BufferStyle, LineCap, LineJoin};
use geo::{BooleanOps, Buffer, Coord, LineString, MultiPolygon, Point};
use serde::Deserialize;
use truce_gazetteer::Gazetteer;
use truce_model::PartialDate;

use crate::error::ZoneError;
use crate::plane::Plane;
use crate::zone::{CONSTRUCTED_SOURCE, VersionMeta, ZoneSet, ZoneVersion};

/// The project's shipped definitions (`data/zones/definitions.toml`).
pub const BUILTIN_DEFINITIONS: &str = include_str!("../../../data/zones/definitions.toml");
/// The name errors give the shipped definitions.
pub const BUILTIN_DEFINITIONS_FILE: &str = "data/zones/definitions.toml";

/// Opens the note of every constructed version.
pub const ILLUSTRATIVE_NOTE: &str = "Illustrative construction by truce, not an official map.";

/// Arc step of round caps, joins and circles, radians (about 126 segments a
/// circle: the chord sags 0.03 % of the radius).
const ARC_STEP: f64 = 0.05;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DefFile {
    #[serde(default)]
    zone: Vec<ZoneDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ZoneDef {
    name: String,
    #[serde(default)]
    note: String,
    #[serde(default, rename = "version")]
    versions: Vec<VersionDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VersionDef {
    from: String,
    to: Option<String>,
    #[serde(default)]
    note: String,
    geometry: Expr,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase", deny_unknown_fields)]
enum Expr {
    /// The area within `width_km / 2` of the line through `route`.
    Buffer {
        route: Vec<PointRef>,
        width_km: f64,
    },
    Circle {
        center: PointRef,
        radius_km: f64,
    },
    Union {
        of: Vec<Expr>,
    },
    Difference {
        base: Box<Expr>,
        minus: Vec<Expr>,
    },
    /// Another zone of the same file, as it stood `on` a date (default: the
    /// referring version's `from`).
    Zone {
        zone: String,
        on: Option<String>,
    },
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum PointRef {
    /// A gazetteer id (`hakari-bridge`) or name (`Berdzor`).
    Place(String),
    /// A hand-placed point; `label` says what it stands for.
    Coord { lat: f64, lon: f64, label: String },
}

/// Evaluates a definitions file into `(zone name, version)` pairs, every one
/// constructed. `file` names the input in errors.
pub fn evaluate_definitions(
    file: &str,
    text: &str,
    gazetteer: &Gazetteer,
) -> Result<Vec<(String, ZoneVersion)>, ZoneError> {
    let defs: DefFile = toml::from_str(text).map_err(|e| ZoneError::Definition {
        file: file.to_string(),
        at: "TOML".to_string(),
        detail: e.to_string().trim_end().to_string(),
    })?;
    let mut ev = Evaluator::new(file, &defs, gazetteer)?;
    let mut out = Vec::new();
    for (zi, z) in defs.zone.iter().enumerate() {
        for (vi, v) in z.versions.iter().enumerate() {
            let (geometry, recipe) = ev.version(zi, vi)?;
            let (from, to) = ev.periods[zi][vi];
            let note = [
                ILLUSTRATIVE_NOTE,
                z.note.trim(),
                v.note.trim(),
                &format!("Built as: {recipe}."),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
            let meta = VersionMeta {
                from,
                to,
                source: CONSTRUCTED_SOURCE.to_string(),
                note,
            };
            out.push((z.name.clone(), ZoneVersion::new(geometry, meta, true)));
        }
    }
    Ok(out)
}

impl ZoneSet {
    /// A set of the zones a definitions file builds.
    pub fn from_definitions(
        file: &str,
        text: &str,
        gazetteer: &Gazetteer,
    ) -> Result<ZoneSet, ZoneError> {
        let mut set = ZoneSet::new();
        set.add_definitions(file, text, gazetteer)?;
        Ok(set)
    }

    /// Adds the zones a definitions file builds: all or nothing.
    pub fn add_definitions(
        &mut self,
        file: &str,
        text: &str,
        gazetteer: &Gazetteer,
    ) -> Result<(), ZoneError> {
        let items = evaluate_definitions(file, text, gazetteer)?;
        self.insert_all(file, items)
    }

    /// The shipped illustrative zones, built from
    /// `data/zones/definitions.toml` with the built-in gazetteer.
    pub fn builtin_illustrative() -> Result<ZoneSet, ZoneError> {
        ZoneSet::from_definitions(
            BUILTIN_DEFINITIONS_FILE,
            BUILTIN_DEFINITIONS,
            Gazetteer::builtin(),
        )
    }
}

type Period = (PartialDate, Option<PartialDate>);

struct Evaluator<'a> {
    file: &'a str,
    defs: &'a DefFile,
    gazetteer: &'a Gazetteer,
    periods: Vec<Vec<Period>>,
    by_name: HashMap<&'a str, usize>,
    done: HashMap<(usize, usize), (MultiPolygon<f64>, String)>,
    /// Versions being evaluated, to catch a zone that refers to itself.
    stack: Vec<(usize, usize)>,
}

impl<'a> Evaluator<'a> {
    fn new(file: &'a str, defs: &'a DefFile, gazetteer: &'a Gazetteer) -> Result<Self, ZoneError> {
        let mut by_name = HashMap::new();
        let mut periods = Vec::new();
        for (zi, z) in defs.zone.iter().enumerate() {
            let at_zone = format!("zone {zi} `{}`", z.name);
            let err = |at: String, detail: String| ZoneError::Definition {
                file: file.to_string(),
                at,
                detail,
            };
            if by_name.insert(z.name.as_str(), zi).is_some() {
                return Err(err(at_zone, "defined twice".into()));
            }
            if z.versions.is_empty() {
                return Err(err(at_zone, "has no [[zone.version]]".into()));
            }
            let mut ps = Vec::new();
            for (vi, v) in z.versions.iter().enumerate() {
                let at = format!("zone `{}` version {vi}", z.name);
                let from = full_date(&v.from).ok_or_else(|| {
                    err(
                        at.clone(),
                        format!("`from` {:?} is not a full date (YYYY-MM-DD)", v.from),
                    )
                })?;
                let to = match &v.to {
                    None => None,
                    Some(t) => Some(full_date(t).ok_or_else(|| {
                        err(
                            at.clone(),
                            format!("`to` {t:?} is not a full date (YYYY-MM-DD)"),
                        )
                    })?),
                };
                ps.push((from, to));
            }
            periods.push(ps);
        }
        Ok(Evaluator {
            file,
            defs,
            gazetteer,
            periods,
            by_name,
            done: HashMap::new(),
            stack: Vec::new(),
        })
    }

    fn err(&self, detail: String) -> ZoneError {
        let at = match self.stack.last() {
            Some(&(zi, vi)) => format!("zone `{}` version {vi}", self.defs.zone[zi].name),
            None => "definitions".to_string(),
        };
        ZoneError::Definition {
            file: self.file.to_string(),
            at,
            detail,
        }
    }

    fn version(&mut self, zi: usize, vi: usize) -> Result<(MultiPolygon<f64>, String), ZoneError> {
        if let Some(done) = self.done.get(&(zi, vi)) {
            return Ok(done.clone());
        }
        if self.stack.contains(&(zi, vi)) {
            let cycle: Vec<String> = self
                .stack
                .iter()
                .map(|&(z, v)| format!("{} version {v}", self.defs.zone[z].name))
                .collect();
            return Err(self.err(format!(
                "zones refer to each other in a cycle: {}",
                cycle.join(" → ")
            )));
        }
        self.stack.push((zi, vi));
        let defs = self.defs;
        let result = self.expr(&defs.zone[zi].versions[vi].geometry, self.periods[zi][vi].0);
        let result = result.and_then(|(g, recipe)| {
            if g.0.is_empty() {
                Err(self.err("evaluates to an empty area".into()))
            } else {
                Ok((g, recipe))
            }
        });
        let out = result?;
        self.stack.pop();
        self.done.insert((zi, vi), out.clone());
        Ok(out)
    }

    fn expr(
        &mut self,
        e: &Expr,
        from: PartialDate,
    ) -> Result<(MultiPolygon<f64>, String), ZoneError> {
        match e {
            Expr::Buffer { route, width_km } => {
                let width = positive(*width_km).ok_or_else(|| {
                    self.err(format!(
                        "`width_km` must be a positive number, not {width_km}"
                    ))
                })?;
                if route.len() < 2 {
                    return Err(self.err("a buffer `route` needs at least 2 points".into()));
                }
                let mut coords = Vec::with_capacity(route.len());
                let mut names = Vec::with_capacity(route.len());
                for p in route {
                    let (c, name) = self.point(p)?;
                    coords.push(c);
                    names.push(name);
                }
                let plane = Plane::around(coords.iter().copied());
                let line: LineString<f64> = coords.iter().map(|&c| plane.project(c)).collect();
                // "5 km wide" is the whole width: half of it each side of the road.
                let style = BufferStyle::new(width / 2.0)
                    .line_join(LineJoin::Round(ARC_STEP))
                    .line_cap(LineCap::Round(ARC_STEP));
                let area = plane.area_lonlat(&line.buffer_with_style(style));
                Ok((
                    area,
                    format!("a {width} km wide buffer along {}", names.join(" → ")),
                ))
            }
            Expr::Circle { center, radius_km } => {
                let r = positive(*radius_km).ok_or_else(|| {
                    self.err(format!(
                        "`radius_km` must be a positive number, not {radius_km}"
                    ))
                })?;
                let (c, name) = self.point(center)?;
                let plane = Plane::new(c);
                let style = BufferStyle::new(r).line_cap(LineCap::Round(ARC_STEP));
                let area = plane.area_lonlat(&Point(plane.project(c)).buffer_with_style(style));
                Ok((area, format!("a circle of radius {r} km around {name}")))
            }
            Expr::Union { of } => {
                if of.is_empty() {
                    return Err(self.err("`union` needs at least one item in `of`".into()));
                }
                let mut acc = MultiPolygon::new(Vec::new());
                let mut parts = Vec::with_capacity(of.len());
                for item in of {
                    let (g, r) = self.expr(item, from)?;
                    acc = if acc.0.is_empty() { g } else { acc.union(&g) };
                    parts.push(r);
                }
                Ok((acc, format!("the union of ({})", parts.join("), ("))))
            }
            Expr::Difference { base, minus } => {
                let (mut acc, base_r) = self.expr(base, from)?;
                let mut parts = Vec::with_capacity(minus.len());
                for item in minus {
                    let (g, r) = self.expr(item, from)?;
                    acc = acc.difference(&g);
                    parts.push(r);
                }
                Ok((acc, format!("({base_r}) minus ({})", parts.join("), ("))))
            }
            Expr::Zone { zone, on } => {
                let date = match on {
                    None => from,
                    Some(s) => full_date(s).ok_or_else(|| {
                        self.err(format!("`on` {s:?} is not a full date (YYYY-MM-DD)"))
                    })?,
                };
                let zi = *self.by_name.get(zone.as_str()).ok_or_else(|| {
                    self.err(format!(
                        "refers to zone `{zone}`, which this file does not define"
                    ))
                })?;
                let day = date.days_from_epoch();
                let vi = self.periods[zi]
                    .iter()
                    .position(|(f, t)| {
                        f.days_from_epoch() <= day && t.is_none_or(|t| day <= t.days_from_epoch())
                    })
                    .ok_or_else(|| {
                        self.err(format!("zone `{zone}` has no version valid on {date}"))
                    })?;
                let (g, _) = self.version(zi, vi)?;
                Ok((g, format!("zone {zone} as of {date}")))
            }
        }
    }

    /// A route point's coordinates and how the recipe names it.
    fn point(&self, p: &PointRef) -> Result<(Coord<f64>, String), ZoneError> {
        match p {
            PointRef::Coord { lat, lon, label } => {
                let ok =
                    lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0;
                if !ok {
                    return Err(self.err(format!(
                        "point `{label}` is out of range: lat {lat}, lon {lon}"
                    )));
                }
                Ok((
                    Coord { x: *lon, y: *lat },
                    format!("{label} ({lat}, {lon})"),
                ))
            }
            PointRef::Place(name) => {
                // An id first, then a name (its preferred reading).
                let place = self
                    .gazetteer
                    .get(name)
                    .or_else(|| self.gazetteer.lookup(name).into_iter().next())
                    .ok_or_else(|| {
                        self.err(format!(
                            "unknown place `{name}` (not a gazetteer id or name)"
                        ))
                    })?;
                match (place.lat, place.lon) {
                    (Some(lat), Some(lon)) => Ok((Coord { x: lon, y: lat }, place.name.clone())),
                    _ => Err(self.err(format!("place `{name}` ({}) has no coordinates", place.id))),
                }
            }
        }
    }
}

fn full_date(s: &str) -> Option<PartialDate> {
    s.parse::<PartialDate>().ok().filter(PartialDate::is_full)
}

fn positive(x: f64) -> Option<f64> {
    (x.is_finite() && x > 0.0).then_some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLACES: &str = "\
id,name,kind,lat,lon,parent,country,route,active_from,active_to,source
a,Alpha,settlement,39.5,46.5,,AZ,,,,curated
b,Beta,settlement,39.6,46.6,,AZ,,,,curated
n,Nowhere,settlement,,,,AZ,,,,curated
";
    const VARIANTS: &str = "place_id,variant,lang,script,usage\n";

    fn gaz() -> Gazetteer {
        Gazetteer::from_csv_with_stop_list(PLACES, VARIANTS, "").unwrap()
    }

    fn eval(text: &str) -> Result<Vec<(String, ZoneVersion)>, ZoneError> {
        evaluate_definitions("defs.toml", text, &gaz())
    }

    #[test]
    fn buffer_circle_union_difference_and_refs() {
        let v = eval(
            r#"
[[zone]]
name = "road"
[[zone.version]]
from = "2021-01-01"
to = "2021-06-30"
geometry = { op = "buffer", route = ["a", "Beta"], width_km = 4 }
[[zone.version]]
from = "2021-07-01"
[zone.version.geometry]
op = "difference"
base = { op = "union", of = [{ op = "zone", zone = "road", on = "2021-01-01" }, { op = "circle", center = { lat = 39.5, lon = 46.5, label = "x" }, radius_km = 5 }] }
minus = [{ op = "circle", center = "b", radius_km = 1 }]
"#,
        )
        .unwrap();
        assert_eq!(v.len(), 2);
        assert!(
            v.iter()
                .all(|(_, v)| v.constructed && v.source == CONSTRUCTED_SOURCE)
        );
        assert!(v[0].1.note.starts_with("Illustrative"));
        assert!(
            v[1].1.note.contains("zone road as of 2021-01-01"),
            "{}",
            v[1].1.note
        );
        let holes: usize = v[1].1.geometry.0.iter().map(|p| p.interiors().len()).sum();
        assert_eq!(
            holes, 1,
            "the circle around Beta is cut out of the road's end"
        );
        assert!(v[1].1.area_km2() > v[0].1.area_km2());
    }

    #[test]
    fn errors_name_file_zone_and_version() {
        let e = eval(
            "[[zone]]\nname = \"z\"\n[[zone.version]]\nfrom = \"2021-01-01\"\ngeometry = { op = \"circle\", center = \"Gamma\", radius_km = 1 }\n",
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "defs.toml: zone `z` version 0: unknown place `Gamma` (not a gazetteer id or name)"
        );
        let e = eval(
            "[[zone]]\nname = \"z\"\n[[zone.version]]\nfrom = \"2021-01-01\"\ngeometry = { op = \"circle\", center = \"n\", radius_km = 1 }\n",
        )
        .unwrap_err();
        assert!(e.to_string().contains("has no coordinates"), "{e}");
        let e = eval(
            "[[zone]]\nname = \"z\"\n[[zone.version]]\nfrom = \"2021-01-01\"\ngeometry = { op = \"zone\", zone = \"z\" }\n",
        )
        .unwrap_err();
        assert!(e.to_string().contains("cycle"), "{e}");
        let e = eval(
            "[[zone]]\nname = \"z\"\n[[zone.version]]\nfrom = \"2021-01\"\ngeometry = { op = \"circle\", center = \"a\", radius_km = 1 }\n",
        )
        .unwrap_err();
        assert!(e.to_string().contains("not a full date"), "{e}");
        let e = eval(
            "[[zone]]\nname = \"z\"\n[[zone.version]]\nfrom = \"2021-01-01\"\ngeometry = { op = \"circle\", center = \"a\", radius = 1 }\n",
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("defs.toml: TOML:"), "{e}");
        let e = eval(
            "[[zone]]\nname = \"z\"\n[[zone.version]]\nfrom = \"2021-01-01\"\ngeometry = { op = \"buffer\", route = [\"a\", \"b\"], width_km = -5 }\n",
        )
        .unwrap_err();
        assert!(e.to_string().contains("positive"), "{e}");
    }
}
