//! `truce place` and `truce zones`: the gazetteer and the time-versioned zones,
//! as an analyst asks about them. Constructed zones are always labelled
//! illustrative: truce never presents one as an official map.

use std::io::Write;

use anyhow::{Context, bail};
use truce_gazetteer::Gazetteer;
use truce_model::PartialDate;
use truce_zones::ZoneSet;

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
            let tags: Vec<&str> = [v.lang.as_deref(), v.script.as_deref(), v.usage.as_deref().map(|u| u)].into_iter().flatten().collect();
            writeln!(out, "    {}{}", v.name, if tags.is_empty() { String::new() } else { format!("  [{}]", tags.join(", ")) })?;
        }
    }
    Ok(true)
}

fn zones() -> anyhow::Result<ZoneSet> {
    ZoneSet::builtin_illustrative().context("building the shipped zone definitions")
}

fn label(illustrative: bool) -> &'static str {
    if illustrative { "  ILLUSTRATIVE (constructed by truce, not an official map)" } else { "" }
}

pub fn list(out: &mut impl Write) -> anyhow::Result<()> {
    let set = zones()?;
    for z in set.zones() {
        writeln!(out, "{}", z.name())?;
        for v in z.versions() {
            writeln!(out, "  {:<24} {:>8.1} km²  source: {}{}", v.period(), v.area_km2(), v.source, label(v.is_illustrative()))?;
        }
    }
    Ok(())
}

pub fn at(out: &mut impl Write, date: PartialDate) -> anyhow::Result<()> {
    let set = zones()?;
    let valid = set.at(date);
    if valid.is_empty() {
        writeln!(out, "no zone version is valid on {date}")?;
    }
    for (z, v) in valid {
        writeln!(out, "{:<20} {:<24} {:>8.1} km²{}", z.name(), v.period(), v.area_km2(), label(v.is_illustrative()))?;
    }
    Ok(())
}

pub fn export(out: &mut impl Write, name: Option<&str>, date: Option<PartialDate>) -> anyhow::Result<()> {
    let set = zones()?;
    let fc = match (name, date) {
        (Some(n), None) => set.export_zone(n)?,
        (None, Some(d)) => set.export_at(d),
        (None, None) => set.export_all(),
        (Some(_), Some(_)) => bail!("give a zone name or --at DATE, not both"),
    };
    writeln!(out, "{fc}")?;
    Ok(())
}

pub fn diff(out: &mut impl Write, name: &str, d1: PartialDate, d2: PartialDate) -> anyhow::Result<()> {
    let set = zones()?;
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
