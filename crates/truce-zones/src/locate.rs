//! Where an event is, as the anchors code it: a point or a line from its
//! places, the ACLED and UCDP precision codes, and each place's toponym as
//! the source wrote it beside the canonical name. Derived from the record
//! and the gazetteer, so it is recomputed, never stored.

use geo::{Coord, LineString};
use serde::Serialize;
use truce_gazetteer::{Gazetteer, Place, PlaceKind};
use truce_model::EventRecord;

use crate::place::Locus;
use crate::precision::{Named, acled_geo_precision, ucdp_where_prec};

/// A place of the event, as written and as the gazetteer names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Toponym {
    pub place_id: String,
    /// Canonical name (the one in the record's `places`).
    pub place: String,
    /// The source's own spelling, when the sentence names it.
    pub written: Option<String>,
}

/// An event's location.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventLocation {
    /// GeoJSON geometry: a `Point`, or a `LineString` for a road or a route between named places.
    pub geometry: serde_json::Value,
    /// ACLED `geo_precision` (1–3).
    pub acled_geo_precision: u8,
    /// UCDP `where_prec` (1–7).
    pub ucdp_where_prec: u8,
    pub toponyms: Vec<Toponym>,
}

/// Types whose events run along a route: several places make a line.
fn runs_along(record: &EventRecord) -> bool {
    use truce_model::EventType::*;
    matches!(record.event_type, MilitaryMovement | Transit | ResourceExploitation | Infiltration)
}

fn is_point(p: &Place) -> bool {
    !matches!(p.kind, PlaceKind::Country | PlaceKind::Region | PlaceKind::District | PlaceKind::Road | PlaceKind::River | PlaceKind::Mountain)
}

/// The event's location, or `None` when none of its places has coordinates.
pub fn locate_event(record: &EventRecord, gaz: &Gazetteer) -> Option<EventLocation> {
    let places: Vec<&Place> = record.places.iter().filter_map(|n| gaz.lookup(n).into_iter().find(|p| p.name == *n)).collect();
    let mentions = gaz.find_in(&record.text);
    let toponyms = places
        .iter()
        .map(|p| Toponym {
            place_id: p.id.clone(),
            place: p.name.clone(),
            written: mentions.iter().find(|m| m.place_id == p.id).map(|m| m.surface.clone()),
        })
        .collect();
    let lower = record.text.to_lowercase();
    let named_near = |p: &Place| {
        mentions.iter().filter(|m| m.place_id == p.id).any(|m| {
            let before = &lower[..floor(&lower, m.start.min(lower.len()))];
            ["near ", "outskirts of ", "direction of ", "vicinity of ", "around "].iter().any(|w| before.trim_end().ends_with(w.trim_end()))
        })
    };
    // A route (a road, or a movement between named places) is a line; otherwise the most precise point.
    let located: Vec<(&Place, Locus)> = places.iter().filter_map(|p| Some((*p, Locus::from_place(gaz, p)?))).collect();
    let (locus, anchor): (Locus, &Place) = if let Some((p, l)) = located.iter().find(|(p, _)| p.kind == PlaceKind::Road) {
        (l.clone(), *p)
    } else if runs_along(record) && located.iter().filter(|(p, _)| is_point(p)).count() >= 2 {
        let pts: Vec<Coord<f64>> = located
            .iter()
            .filter(|(p, _)| is_point(p))
            .filter_map(|(_, l)| match l {
                Locus::Point(pt) => Some(pt.0),
                Locus::Line(_) => None,
            })
            .collect();
        let first = located.iter().find(|(p, _)| is_point(p)).map(|(p, _)| *p)?;
        (Locus::Line(LineString::from(pts)), first)
    } else {
        let (p, l) = located.iter().find(|(p, _)| is_point(p)).or_else(|| located.first())?;
        (l.clone(), *p)
    };
    let named = if named_near(anchor) { Named::Near } else { Named::Exactly };
    let geometry = match &locus {
        Locus::Point(p) => serde_json::json!({ "type": "Point", "coordinates": [p.x(), p.y()] }),
        Locus::Line(l) => serde_json::json!({ "type": "LineString", "coordinates": l.0.iter().map(|c| [c.x, c.y]).collect::<Vec<_>>() }),
    };
    let kind = if matches!(locus, Locus::Line(_)) && anchor.kind != PlaceKind::Road { PlaceKind::Road } else { anchor.kind };
    Some(EventLocation { geometry, acled_geo_precision: acled_geo_precision(kind, named), ucdp_where_prec: ucdp_where_prec(kind, named), toponyms })
}

fn floor(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use truce_model::{EventType, PartialDate};

    fn record(event_type: EventType, places: &[&str], text: &str) -> EventRecord {
        EventRecord {
            doc: "t.txt".into(),
            event_type,
            date: Some("2023-03-24".parse::<PartialDate>().unwrap()),
            date_end: None,
            places: places.iter().map(|s| s.to_string()).collect(),
            actors: vec![],
            claims: vec![],
            killed: None,
            injured: None,
            evidence: None,
            text: text.into(),
            span: [0, text.chars().count()],
            rule: vec![],
            confidence: 0.5,
        }
    }

    #[test]
    fn a_settlement_is_a_precise_point_with_its_written_name() {
        let gaz = Gazetteer::builtin();
        let loc = locate_event(&record(EventType::Firing, &["Khankendi"], "Shots were fired in Stepanakert."), gaz).unwrap();
        assert_eq!(loc.geometry["type"], "Point");
        assert_eq!((loc.acled_geo_precision, loc.ucdp_where_prec), (1, 1));
        assert_eq!(loc.toponyms[0].place, "Khankendi");
        assert_eq!(loc.toponyms[0].written.as_deref(), Some("Stepanakert"));
    }

    #[test]
    fn near_lowers_precision_and_a_movement_between_places_is_a_line() {
        let gaz = Gazetteer::builtin();
        let near = locate_event(&record(EventType::Firing, &["Shusha"], "Fire was opened near Shusha."), gaz).unwrap();
        assert_eq!((near.acled_geo_precision, near.ucdp_where_prec), (2, 2));
        let convoy = record(EventType::MilitaryMovement, &["Khankendi", "Khalfali", "Turshsu"], "A convoy moved on the Khankandi-Khalfali-Turshsu road.");
        let loc = locate_event(&convoy, gaz).unwrap();
        assert_eq!(loc.geometry["type"], "LineString");
        assert_eq!(loc.geometry["coordinates"].as_array().unwrap().len(), 3);
        assert_eq!(loc.toponyms[0].written.as_deref(), Some("Khankandi"));
    }

    #[test]
    fn no_coordinates_no_location() {
        let gaz = Gazetteer::builtin();
        assert!(locate_event(&record(EventType::Firing, &[], "Fire was opened."), gaz).is_none());
    }
}
