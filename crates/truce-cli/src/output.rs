//! How the CLI prints things: JSON lines (the `events.md` contract), CSV, a
//! table for people, documents, explanations and the demo summary.

use std::io::Write;
use std::path::Path;

use truce_extract::Extraction;
use truce_model::{Document, EventRecord, Stance};
use truce_store::{EventFilter, Store, StoredDocument, StoredEvent};

/// The contract's JSON lines, each with the event's `location` (derived from
/// its places: geometry, ACLED/UCDP precision, toponyms as written).
pub fn write_jsonl<'a>(out: &mut impl Write, events: impl Iterator<Item = &'a EventRecord>) -> anyhow::Result<()> {
    let gaz = truce_gazetteer::Gazetteer::builtin();
    for e in events {
        let mut v = serde_json::to_value(e)?;
        if let (Some(obj), Some(loc)) = (v.as_object_mut(), truce_zones::locate_event(e, gaz)) {
            obj.insert("location".into(), serde_json::to_value(loc)?);
        }
        serde_json::to_writer(&mut *out, &v)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn claims_line(e: &EventRecord) -> String {
    e.claims
        .iter()
        .map(|c| match c.stance {
            Stance::Asserted => c.claimant.clone(),
            Stance::Denied => format!("{} (denies)", c.claimant),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn date_range(e: &EventRecord) -> String {
    match (e.date, e.date_end) {
        (Some(d), Some(end)) => format!("{d}..{end}"),
        (Some(d), None) => d.to_string(),
        _ => "-".into(),
    }
}

pub fn write_csv(out: &mut impl Write, events: &[StoredEvent]) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "event_id", "doc", "type", "date", "date_end", "places", "actors", "claims", "killed", "injured", "evidence", "latitude", "longitude",
        "geo_precision", "where_prec", "text",
    ])?;
    let gaz = truce_gazetteer::Gazetteer::builtin();
    for se in events {
        let e = &se.record;
        let loc = truce_zones::locate_event(e, gaz);
        // A line is given by its first point; the JSON carries the whole geometry.
        let point = loc.as_ref().and_then(|l| {
            let c = &l.geometry["coordinates"];
            let first = if l.geometry["type"] == "Point" { c } else { &c[0] };
            Some((first[1].as_f64()?, first[0].as_f64()?))
        });
        let actors: Vec<String> = e.actors.iter().map(|a| format!("{} ({})", a.name, a.role.code())).collect();
        w.write_record([
            se.event_id.to_string(),
            e.doc.clone(),
            e.event_type.to_string(),
            e.date.map(|d| d.to_string()).unwrap_or_default(),
            e.date_end.map(|d| d.to_string()).unwrap_or_default(),
            e.places.join("; "),
            actors.join("; "),
            claims_line(e),
            e.killed.map(|k| k.to_string()).unwrap_or_default(),
            e.injured.map(|k| k.to_string()).unwrap_or_default(),
            e.evidence.clone().unwrap_or_default(),
            point.map(|p| format!("{:.5}", p.0)).unwrap_or_default(),
            point.map(|p| format!("{:.5}", p.1)).unwrap_or_default(),
            loc.as_ref().map(|l| l.acled_geo_precision.to_string()).unwrap_or_default(),
            loc.as_ref().map(|l| l.ucdp_where_prec.to_string()).unwrap_or_default(),
            e.text.clone(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
    t.push('…');
    t
}

pub fn write_table(out: &mut impl Write, events: &[StoredEvent]) -> anyhow::Result<()> {
    writeln!(out, "{:>5}  {:<21}  {:<22}  {:<28}  claims", "id", "type", "date", "places")?;
    for se in events {
        let e = &se.record;
        writeln!(out, "{:>5}  {:<21}  {:<22}  {:<28}  {}", se.event_id, e.event_type.to_string(), date_range(e), clip(&e.places.join(", "), 28), claims_line(e))?;
    }
    writeln!(out, "{} events", events.len())?;
    Ok(())
}

pub fn write_document(out: &mut impl Write, d: &StoredDocument) -> anyhow::Result<()> {
    let s = &d.summary;
    writeln!(out, "document {} · {}", s.doc_id, s.name)?;
    writeln!(out, "outlet: {}", s.outlet.as_deref().unwrap_or("-"))?;
    writeln!(out, "published: {}", s.published.map(|p| p.to_string()).unwrap_or_else(|| "-".into()))?;
    writeln!(out, "language: {}", s.language.as_deref().unwrap_or("-"))?;
    if let Some(u) = &s.url {
        writeln!(out, "url: {u}")?;
    }
    writeln!(out, "sha256: {}", s.content_hash)?;
    writeln!(out, "\n{}\n", d.clean_text)?;
    writeln!(out, "{} events", d.events.len())?;
    for se in &d.events {
        let e = &se.record;
        writeln!(out, "\n[{}] {} {} at {}", se.event_id, e.event_type, date_range(e), if e.places.is_empty() { "-".into() } else { e.places.join(", ") })?;
        writeln!(out, "    claims: {}", claims_line(e))?;
        if !e.actors.is_empty() {
            let a: Vec<String> = e.actors.iter().map(|a| format!("{} ({})", a.name, a.role.code())).collect();
            writeln!(out, "    actors: {}", a.join("; "))?;
        }
        if e.killed.is_some() || e.injured.is_some() {
            writeln!(out, "    killed: {}  injured: {}", e.killed.map_or("-".into(), |k| k.to_string()), e.injured.map_or("-".into(), |k| k.to_string()))?;
        }
        writeln!(out, "    source [{}..{}]: {}", e.span[0], e.span[1], e.text)?;
    }
    Ok(())
}

pub fn write_explanation(out: &mut impl Write, doc: &Document, ex: &Extraction) -> anyhow::Result<()> {
    writeln!(out, "{} · outlet {} · published {}", doc.meta.id, doc.meta.outlet.as_deref().unwrap_or("-"), doc.meta.published.map(|p| p.to_string()).unwrap_or_else(|| "-".into()))?;
    for line in &doc.removed {
        writeln!(out, "  removed as boilerplate: {line:?}")?;
    }
    for (i, s) in ex.trace.iter().enumerate() {
        writeln!(out, "\n#{i} [{}..{}] {}", s.span[0], s.span[1], s.text)?;
        let rows: [(&str, &Vec<String>); 6] = [
            ("places", &s.places),
            ("actors", &s.actors),
            ("dates", &s.dates),
            ("triggers", &s.triggers),
            ("speakers", &s.speakers),
            ("decisions", &s.decisions),
        ];
        for (label, items) in rows {
            if !items.is_empty() {
                writeln!(out, "  {label}: {}", items.join(" | "))?;
            }
        }
    }
    writeln!(out, "\n{} events:", ex.events.len())?;
    write_jsonl(out, ex.events.iter())?;
    Ok(())
}

pub fn write_demo_summary(out: &mut impl Write, store: &dyn Store, db: &Path) -> anyhow::Result<()> {
    let stats = store.stats()?;
    writeln!(out, "\ntruce demo · database {}", db.display())?;
    writeln!(out, "{} documents, {} events, {} claims ({} denials), {} places, {} actors", stats.documents, stats.events, stats.claims, stats.denied_claims, stats.places, stats.actors)?;
    writeln!(out, "\nevents by type:")?;
    for (t, n) in &stats.events_by_type {
        writeln!(out, "  {t:<22} {n}")?;
    }
    let events = store.events(&EventFilter::default())?;
    // Show disputed events first: they are what truce is for.
    let mut sample: Vec<&StoredEvent> = events.iter().filter(|e| e.record.claims.iter().any(|c| c.stance == Stance::Denied)).take(3).collect();
    sample.extend(events.iter().filter(|e| e.record.killed.is_some() || e.record.injured.is_some()).take(5 - sample.len().min(5)));
    sample.dedup_by_key(|e| e.event_id);
    writeln!(out, "\nsample events, each with the sentence it comes from:")?;
    for se in sample.iter().take(5) {
        let e = &se.record;
        writeln!(out, "\n  {} · {} · {} · {}", e.event_type, date_range(e), if e.places.is_empty() { "-".into() } else { e.places.join(", ") }, e.doc)?;
        writeln!(out, "    claims: {}", claims_line(e))?;
        writeln!(out, "    “{}”", e.text)?;
    }
    writeln!(out, "\nnext: truce events --db {} | truce show 1 --db {}", db.display(), db.display())?;
    Ok(())
}
