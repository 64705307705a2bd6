//! `truce incidents`, `truce assess`, `truce report`: stored events merged
//! into incidents across reports, checked against the provisions of the
//! agreement in force, and summed up in a bulletin. All derived on demand
//! from the store's current events (an analyst's reviews applied, rejected
//! events left out) and the stored incident corrections (split, merge,
//! verdict), applied oldest first: nothing derived is stored.
//!
//! `truce incidents split|merge|verdict` append a correction, after checking
//! it applies to the incidents as they now stand (an incident is named by any
//! of its event ids); one that does not is an error and nothing is stored.
//! A stored correction that no longer applies (its events re-extracted away)
//! is a warning on stderr wherever incidents are built, never a failure.

use std::collections::HashMap;
use std::io::Write;

use anyhow::{Context, bail};
use truce_gazetteer::Gazetteer;
use truce_incidents::{Correction, EventInput, Incident, MergeOptions, apply_corrections, build_incidents, counts_by_claimant};
use truce_model::PartialDate;
use truce_rules::{Agreement, Assessment};
use truce_store::{EventFilter, IncidentCorrectionRow, ReviewAction, Store};
use truce_zones::ZoneSet;

/// The events as they now stand: corrected by the latest review, rejected ones left out.
fn current_events(store: &dyn Store) -> anyhow::Result<Vec<EventInput>> {
    let docs: HashMap<i64, (Option<String>, Option<PartialDate>)> =
        store.documents()?.into_iter().map(|d| (d.doc_id, (d.outlet, d.published))).collect();
    let reviews: HashMap<i64, truce_store::Correction> = store.reviews()?.into_iter().map(|c| (c.event_id, c)).collect();
    let mut out = Vec::new();
    for se in store.events(&EventFilter::default())? {
        let record = match reviews.get(&se.event_id) {
            Some(c) if c.action == ReviewAction::Reject => continue,
            Some(c) => c.after.apply_to(&se.record),
            None => se.record,
        };
        let (outlet, published) = docs.get(&se.doc_id).cloned().unwrap_or((None, None));
        out.push(EventInput { event_id: se.event_id, doc: record.doc.clone(), outlet, published, record });
    }
    Ok(out)
}

/// Incidents from every current event (merging needs the neighbours beyond
/// any period) with the stored corrections applied, then `extra` if given.
/// Returns the incidents, a warning per stored correction that did not
/// apply, and what stops `extra` from applying, if anything.
fn derive(store: &dyn Store, extra: Option<&Correction>) -> anyhow::Result<(Vec<Incident>, Vec<String>, Option<String>)> {
    // By correction id, so they read in the order the corrections apply.
    let mut warnings: Vec<(i64, String)> = Vec::new();
    let mut rows: Vec<IncidentCorrectionRow> = Vec::new();
    let mut corrections = Vec::new();
    for row in store.incident_corrections().context("reading the incident corrections")? {
        match serde_json::from_str::<Correction>(&row.json) {
            Ok(c) => {
                corrections.push(c);
                rows.push(row);
            }
            // Written by a newer truce, say: skipped, and said so.
            Err(e) => warnings.push((row.id, format!("incident correction {} by {} ({}): unreadable, not applied: {e}", row.id, row.user, row.created_at))),
        }
    }
    let n_stored = corrections.len();
    corrections.extend(extra.cloned());
    let automatic = build_incidents(&current_events(store)?, Gazetteer::builtin(), &MergeOptions::default());
    let corrected = apply_corrections(automatic, &corrections);
    let mut refused = None;
    for p in corrected.problems {
        match rows.get(p.index) {
            Some(row) => warnings.push((
                row.id,
                format!("incident correction {} by {} ({}): {}: {}; not applied", row.id, row.user, row.created_at, p.correction, p.problem),
            )),
            None if p.index == n_stored => refused = Some(p.problem),
            None => {}
        }
    }
    warnings.sort_by_key(|(id, _)| *id);
    Ok((corrected.incidents, warnings.into_iter().map(|(_, w)| w).collect(), refused))
}

/// Incidents from every current event with the stored corrections applied;
/// a correction that did not apply is a warning on stderr.
pub fn incidents(store: &dyn Store) -> anyhow::Result<Vec<Incident>> {
    let (incidents, warnings, _) = derive(store, None)?;
    for w in warnings {
        eprintln!("warning: {w}");
    }
    Ok(incidents)
}

/// `truce incidents split|merge|verdict`: stores `correction` by `user` once
/// it applies to the incidents as they now stand, and shows the incidents it
/// shaped. One that does not apply is an error, and nothing is stored.
pub fn correct(out: &mut impl Write, store: &mut dyn Store, user: &str, correction: Correction) -> anyhow::Result<()> {
    let (incidents, warnings, refused) = derive(store, Some(&correction))?;
    for w in warnings {
        eprintln!("warning: {w}");
    }
    if let Some(problem) = refused {
        bail!("cannot {correction}: {problem}; nothing stored");
    }
    let json = serde_json::to_string(&correction)?;
    let id = store.add_incident_correction(user, &json)?;
    writeln!(out, "recorded incident correction {id} by {user}: {correction}")?;
    // The incidents now holding the events it names.
    let named: Vec<i64> = match &correction {
        Correction::Split { incident, events } => [*incident].into_iter().chain(events.first().copied()).collect(),
        Correction::Merge { a, .. } => vec![*a],
        Correction::Verdict { incident, .. } => vec![*incident],
    };
    for event in named {
        if let Some(i) = incidents.iter().find(|i| i.event_ids().contains(&event)) {
            let ids: Vec<String> = i.event_ids().iter().map(ToString::to_string).collect();
            writeln!(out, "  incident {}: events {}; {}", i.id, ids.join(", "), i.display_status())?;
        }
    }
    Ok(())
}

fn period(i: &Incident) -> String {
    match (i.date, i.date_end) {
        (Some(d), Some(e)) => format!("{d}..{e}"),
        (Some(d), None) => d.to_string(),
        _ => "-".into(),
    }
}

pub fn write_incidents(out: &mut impl Write, store: &dyn Store, from: Option<PartialDate>, to: Option<PartialDate>, json: bool) -> anyhow::Result<()> {
    let all = incidents(store)?;
    let shown: Vec<&Incident> = all.iter().filter(|i| i.overlaps(from, to)).collect();
    if json {
        let zones = crate::geo_cmd::zone_set(store)?;
        for i in &shown {
            // With how it is shown: a reviewer's verdict, else the computed status.
            let mut value = serde_json::to_value(i)?;
            value["display_status"] = i.display_status().into();
            value["zones"] = zones_of(i, &zones).into();
            serde_json::to_writer(&mut *out, &value)?;
            out.write_all(b"\n")?;
        }
        return Ok(());
    }
    writeln!(out, "{:>5}  {:<21}  {:<22}  {:<26}  {:<14}  sources / deniers", "id", "type", "date", "places", "status")?;
    for i in &shown {
        let places = i.places.join(", ");
        let places = if places.chars().count() > 26 { format!("{}…", places.chars().take(25).collect::<String>()) } else { places };
        let deniers = if i.deniers.is_empty() { String::new() } else { format!(" / denied by {}", i.deniers.join("; ")) };
        writeln!(out, "{:>5}  {:<21}  {:<22}  {:<26}  {:<14}  {}{deniers}", i.id, i.event_type.to_string(), period(i), places, i.display_status(), i.sources.join("; "))?;
    }
    writeln!(out, "{} incidents", shown.len())?;
    writeln!(out, "\nas each source reports (incidents asserted / denied):")?;
    for c in counts_by_claimant(&all, from, to) {
        writeln!(out, "  {:<48} {:>4} / {}", c.claimant, c.asserted, c.denied)?;
    }
    Ok(())
}

/// The zones each of an incident's places lay in on the incident's own (first) day,
/// with the distance to the zone's edge: inside, or how far outside "near the line" claims are.
fn zones_of(i: &Incident, zones: &ZoneSet) -> Vec<serde_json::Value> {
    let gaz = Gazetteer::builtin();
    let Some(day) = i.first_day else { return Vec::new() };
    let mut out = Vec::new();
    for name in &i.places {
        let Some(place) = gaz.lookup(name).into_iter().find(|p| p.name == *name) else { continue };
        let Some(locus) = truce_zones::Locus::from_place(gaz, place) else { continue };
        for p in zones.placements(&locus, day) {
            out.push(serde_json::json!({
                "place": name,
                "zone": p.zone.name(),
                "version": p.version.period(),
                "inside": p.inside,
                "distance_to_edge_km": (p.distance_to_edge_km * 10.0).round() / 10.0,
                "illustrative": p.is_illustrative(),
            }));
        }
    }
    out
}

fn assessments(store: &dyn Store, from: Option<PartialDate>, to: Option<PartialDate>) -> anyhow::Result<(Vec<Incident>, Vec<Assessment>, ZoneSet)> {
    let all = incidents(store)?;
    // Imported maps count as much as the shipped constructions.
    let zones = crate::geo_cmd::zone_set(store)?;
    let assessed = truce_rules::assess(&all, &Agreement::trilateral_2020_11_10(), &zones, Gazetteer::builtin(), from, to);
    Ok((all, assessed, zones))
}

pub fn write_assessments(out: &mut impl Write, store: &dyn Store, from: Option<PartialDate>, to: Option<PartialDate>, json: bool) -> anyhow::Result<()> {
    let (_, assessed, _) = assessments(store, from, to)?;
    for a in &assessed {
        if json {
            serde_json::to_writer(&mut *out, a)?;
            out.write_all(b"\n")?;
        } else {
            writeln!(out, "incident {} · {} · {} · {}", a.incident, a.event_type, a.date, a.shown_status)?;
            writeln!(out, "  {}", a.wording)?;
            for c in &a.claims {
                writeln!(out, "    [{}] {}", c.doc, c.text)?;
            }
        }
    }
    if !json {
        writeln!(out, "{} incidents may engage a provision; truce asserts none of this, it says who claims what.", assessed.len())?;
    }
    Ok(())
}

pub fn write_report(out: &mut impl Write, store: &dyn Store, from: PartialDate, to: PartialDate, format: truce_rules::Format) -> anyhow::Result<()> {
    let (all, assessed, zones) = assessments(store, Some(from), Some(to))?;
    let text = truce_rules::bulletin(&all, &assessed, &zones, Gazetteer::builtin(), from, to, format);
    out.write_all(text.as_bytes())?;
    Ok(())
}
