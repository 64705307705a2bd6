//! `truce place` and `truce zones`: the gazetteer and the time-versioned zones,
//! as an analyst asks about them.
//!
//! The zones shown are the shipped illustrative constructions
//! (`ZoneSet::builtin_illustrative`) plus every version imported into the
//! store with `truce zones import` (a published map: not illustrative).
//! Constructed zones are always labelled illustrative: truce never presents
//! one as an official map. An import is checked with `truce-zones` (GeoJSON,
//! polygons, coordinates, and no period overlapping another version of the
//! zone, shipped or stored) before anything is stored; errors name the file.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, anyhow, bail};
use truce_gazetteer::Gazetteer;
use truce_model::PartialDate;
use truce_store::{Store, ZoneVersionRow};
use truce_zones::geo::BoundingRect;
use truce_zones::{VersionMeta, ZoneSet, ZoneVersion};

/// Prints every place a name may mean, with its spellings and coordinates.
/// Returns false when the name is unknown.
pub fn place(out: &mut impl Write, name: &str) -> anyhow::Result<bool> {
    let gaz = Gazetteer::builtin();
    let found = gaz.lookup(name);
    if found.is_empty() {
        return Ok(false);
    }
    if found.len() > 1 {
        writeln!(out, "{name:?} is ambiguous: {} places", found.len())?;
    }
    for p in found {
        writeln!(out, "\n{} [{}] · {}", p.name, p.id, p.kind)?;
        match (p.lat, p.lon) {
            (Some(lat), Some(lon)) => writeln!(out, "  coordinates: {lat:.4} N, {lon:.4} E{}", if p.is_approximate() { " (approximate)" } else { "" })?,
            _ => writeln!(out, "  coordinates: unknown")?,
        }
        let chain: Vec<String> = gaz.parent_chain(&p.id).iter().skip(1).map(|a| a.name.clone()).collect();
        if !chain.is_empty() {
            writeln!(out, "  in: {}", chain.join(" › "))?;
        }
        if let Some(c) = &p.country {
            writeln!(out, "  country: {c}")?;
        }
        if !p.route.is_empty() {
            let names: Vec<String> = p.route.iter().map(|id| gaz.get(id).map_or_else(|| id.clone(), |r| r.name.clone())).collect();
            writeln!(out, "  route: {}", names.join(" – "))?;
        }
        if p.active_from.is_some() || p.active_to.is_some() {
            writeln!(out, "  active: {} .. {}", p.active_from.as_deref().unwrap_or("?"), p.active_to.as_deref().unwrap_or(""))?;
        }
        writeln!(out, "  source: {}", p.source)?;
        writeln!(out, "  spellings ({}):", p.variants.len())?;
        for v in &p.variants {
            let tags: Vec<&str> = [v.lang.as_deref(), v.script.as_deref(), v.usage.as_deref()].into_iter().flatten().collect();
            writeln!(out, "    {}{}", v.name, if tags.is_empty() { String::new() } else { format!("  [{}]", tags.join(", ")) })?;
        }
    }
    Ok(true)
}

/// The shipped zones plus the versions imported into `store`.
pub fn zone_set(store: &dyn Store) -> anyhow::Result<ZoneSet> {
    let mut set = ZoneSet::builtin_illustrative().context("building the shipped zone definitions")?;
    let origin = "the stored zone imports";
    let mut items = Vec::new();
    for (name, row) in store.zone_versions().context("reading the stored zone imports")? {
        items.push((name.clone(), from_row(origin, &name, &row)?));
    }
    // Checked again as one batch: a stored version overlapping a shipped one
    // (shipped definitions that grew since the import) is an error, not a guess.
    set.insert_all(origin, items)?;
    Ok(set)
}

/// A stored version back into a zone version: its geometry is read (and
/// checked) as the GeoJSON it was stored as.
fn from_row(origin: &str, name: &str, row: &ZoneVersionRow) -> anyhow::Result<ZoneVersion> {
    let meta = VersionMeta { from: row.valid_from, to: row.valid_to, source: row.source.clone(), note: row.note.clone() };
    let mut version = truce_zones::import_geojson(&format!("{origin} (zone {name}, {})", row.period()), &row.geometry, meta)?;
    version.constructed = row.constructed;
    Ok(version)
}

/// A zone version as the store keeps it.
fn to_row(version: &ZoneVersion) -> anyhow::Result<ZoneVersionRow> {
    let rect = version.geometry.bounding_rect().ok_or_else(|| anyhow!("the area is empty"))?;
    Ok(ZoneVersionRow {
        valid_from: version.from,
        valid_to: version.to,
        source: version.source.clone(),
        note: version.note.clone(),
        constructed: version.constructed,
        geometry: truce_zones::geojson::Geometry::from(&version.geometry).to_string(),
        bbox: [rect.min().x, rect.min().y, rect.max().x, rect.max().y],
    })
}

/// Whether a feature of the GeoJSON says it is truce's illustrative
/// construction (a `truce zones export` being imported back): it then stays
/// constructed, so it is never shown as a published map.
fn marked_illustrative(text: &str) -> bool {
    use truce_zones::geojson::{GeoJson, JsonValue};
    let flagged = |props: &Option<truce_zones::geojson::JsonObject>| {
        props.as_ref().is_some_and(|p| {
            ["constructed", "illustrative"].iter().any(|k| p.get(*k) == Some(&JsonValue::Bool(true)))
        })
    };
    match text.parse::<GeoJson>() {
        Ok(GeoJson::Feature(f)) => flagged(&f.properties),
        Ok(GeoJson::FeatureCollection(fc)) => fc.features.iter().any(|f| flagged(&f.properties)),
        _ => false,
    }
}

/// `truce zones import`: reads a published map as one version of zone
/// `name`, checks it against every zone shipped and stored, and stores the
/// file with it. Any problem is one error naming the file, and nothing is stored.
pub fn import(out: &mut impl Write, store: &mut dyn Store, path: &Path, name: &str, meta: VersionMeta, user: &str) -> anyhow::Result<()> {
    let file = path.display().to_string();
    let raw = std::fs::read(path).with_context(|| format!("{file}: cannot be read"))?;
    let text = std::str::from_utf8(&raw).map_err(|e| anyhow!("{file}: not UTF-8 text: {e}"))?;
    let mut version = truce_zones::import_geojson(&file, text, meta)?;
    version.constructed = marked_illustrative(text);
    // The same checks the zones get when shown, so a stored import always shows.
    let mut set = zone_set(store)?;
    set.insert_all(&file, vec![(name.to_string(), version.clone())])?;
    let row = to_row(&version).with_context(|| format!("{file}: zone `{name}`"))?;
    // The file's own name: where it sat on one analyst's disk says nothing later.
    let stored_as = path.file_name().map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned());
    let import_id = store
        .put_zone_import(user, &stored_as, &raw, &[(name.to_string(), row)])
        .map_err(|e| anyhow!("{file}: {e}"))?;
    writeln!(
        out,
        "imported {file} as zone {name}, version {} ({:.1} km², source: {}){}; import {import_id}",
        version.period(),
        version.area_km2(),
        version.source,
        label(version.is_illustrative())
    )?;
    Ok(())
}

fn label(illustrative: bool) -> &'static str {
    if illustrative { "  ILLUSTRATIVE (constructed by truce, not an official map)" } else { "" }
}

pub fn list(out: &mut impl Write, store: &dyn Store) -> anyhow::Result<()> {
    let set = zone_set(store)?;
    for z in set.zones() {
        writeln!(out, "{}", z.name())?;
        for v in z.versions() {
            writeln!(out, "  {:<24} {:>8.1} km²  source: {}{}", v.period(), v.area_km2(), v.source, label(v.is_illustrative()))?;
        }
    }
    Ok(())
}

pub fn at(out: &mut impl Write, store: &dyn Store, date: PartialDate) -> anyhow::Result<()> {
    let set = zone_set(store)?;
    let valid = set.at(date);
    if valid.is_empty() {
        writeln!(out, "no zone version is valid on {date}")?;
    }
    for (z, v) in valid {
        // A published map says whose it is; a construction says it is one.
        let whose = if v.is_illustrative() { String::new() } else { format!("  source: {}", v.source) };
        writeln!(out, "{:<20} {:<24} {:>8.1} km²{whose}{}", z.name(), v.period(), v.area_km2(), label(v.is_illustrative()))?;
    }
    Ok(())
}

pub fn export(out: &mut impl Write, store: &dyn Store, name: Option<&str>, date: Option<PartialDate>) -> anyhow::Result<()> {
    let set = zone_set(store)?;
    let fc = match (name, date) {
        (Some(n), None) => set.export_zone(n)?,
        (None, Some(d)) => set.export_at(d),
        (None, None) => set.export_all(),
        (Some(_), Some(_)) => bail!("give a zone name or --at DATE, not both"),
    };
    writeln!(out, "{fc}")?;
    Ok(())
}

pub fn diff(out: &mut impl Write, store: &dyn Store, name: &str, d1: PartialDate, d2: PartialDate) -> anyhow::Result<()> {
    let set = zone_set(store)?;
    let d = set.diff(name, d1, d2, Gazetteer::builtin())?;
    writeln!(out, "{name}: {d1} → {d2}{}", label(d.illustrative))?;
    writeln!(out, "  area added:   {:>8.1} km²", d.added_km2)?;
    writeln!(out, "  area removed: {:>8.1} km²", d.removed_km2)?;
    if d.places_changed_side.is_empty() {
        writeln!(out, "  no settlement changed side")?;
    }
    for c in &d.places_changed_side {
        let (from, to) = (if c.was_inside { "inside" } else { "outside" }, if c.now_inside { "inside" } else { "outside" });
        writeln!(out, "  {} [{}]: {from} → {to}", c.name, c.place_id)?;
    }
    Ok(())
}
