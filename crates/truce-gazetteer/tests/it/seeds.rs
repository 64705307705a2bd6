//! The gold places of the seed corpus are all found in their documents.

use std::collections::{BTreeSet, HashMap};

use truce_gazetteer::Gazetteer;

/// `"key": "value"` of a one-line JSON object (enough for gold.jsonl).
fn string_field<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let at = line.find(&format!("\"{key}\": \""))? + key.len() + 5;
    Some(&line[at..at + line[at..].find('"')?])
}

/// `"places": ["A", "B"]`.
fn places_field(line: &str) -> Vec<String> {
    let Some(at) = line.find("\"places\": [") else {
        return Vec::new();
    };
    let rest = &line[at + 11..];
    rest[..rest.find(']').unwrap()]
        .split(',')
        .map(|s| s.trim().trim_matches('"').to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[test]
fn gold_places_are_found_in_each_seed_document() {
    let gold = std::fs::read_to_string(crate::shared("eval/gold/seeds.jsonl")).unwrap();
    let mut want: HashMap<String, BTreeSet<String>> = HashMap::new();
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let doc = string_field(line, "doc").expect("doc field").to_string();
        want.entry(doc).or_default().extend(places_field(line));
    }
    assert!(want.len() >= 5);
    let g = Gazetteer::builtin();
    for (doc, places) in want {
        let text = std::fs::read_to_string(crate::shared(&format!("corpus/seeds/{doc}"))).unwrap();
        let got: BTreeSet<String> = g
            .find_in(&text)
            .iter()
            .map(|m| g.get(&m.place_id).unwrap().name.clone())
            .collect();
        let missing: Vec<&String> = places.iter().filter(|p| !got.contains(*p)).collect();
        assert!(
            missing.is_empty(),
            "{doc}: gold places {missing:?} not found (found {got:?})"
        );
    }
}
