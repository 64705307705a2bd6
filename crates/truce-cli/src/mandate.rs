//! `truce incidents`, `truce assess`, `truce report`: stored events merged
//! into incidents across reports, checked against the provisions of the
//! agreement in force, and summed up in a bulletin. All derived on demand
//! from the store's current events (an analyst's corrections applied, rejected
//! events left out): nothing here is stored.

use std::collections::HashMap;
use std::io::Write;

use truce_gazetteer::Gazetteer;
use truce_incidents::{EventInput, Incident, MergeOptions, build_incidents, counts_by_claimant};
use truce_model::PartialDate;
use truce_rules::{Agreement, Assessment};
use truce_store::{EventFilter, ReviewAction, Store};
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

/// Incidents from every current event (merging needs the neighbours beyond any period).
pub fn incidents(store: &dyn Store) -> anyhow::Result<Vec<Incident>> {
    Ok(build_incidents(&current_events(store)?, Gazetteer::builtin(), &MergeOptions::default()))
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
        for i in &shown {
            serde_json::to_writer(&mut *out, i)?;
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

fn assessments(store: &dyn Store, from: Option<PartialDate>, to: Option<PartialDate>) -> anyhow::Result<(Vec<Incident>, Vec<Assessment>, ZoneSet)> {
    let all = incidents(store)?;
    let zones = ZoneSet::builtin_illustrative()?;
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
