//! The built-in data: coverage, hierarchy, kinds, the eval alias file.

use truce_gazetteer::{Gazetteer, PlaceKind};

fn g() -> &'static Gazetteer {
    Gazetteer::builtin()
}

#[test]
fn builtin_parses_and_every_place_has_coordinates() {
    let g = g();
    assert!(g.len() > 950, "only {} places", g.len());
    for p in g.places() {
        assert!(
            p.lat.is_some() && p.lon.is_some(),
            "{} has no coordinates",
            p.id
        );
        assert!(!p.variants.is_empty(), "{} has no variants", p.id);
        assert!(!p.source.is_empty(), "{} has no source", p.id);
    }
}

/// Every name in shared/eval/place_aliases.csv resolves to a place whose
/// canonical name is the first on its line, with coordinates.
#[test]
fn every_eval_alias_resolves_to_its_canonical_name() {
    let path = crate::shared("eval/place_aliases.csv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = 0;
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        lines += 1;
        let names: Vec<&str> = line.split(',').map(str::trim).collect();
        let canonical = names[0];
        for name in &names {
            let found = g().lookup(name);
            let first = found
                .first()
                .unwrap_or_else(|| panic!("`{name}` (line `{line}`) not found"));
            assert_eq!(
                first.name, canonical,
                "`{name}` resolves to {} ({})",
                first.name, first.id
            );
            assert!(first.lat.is_some(), "{} has no coordinates", first.id);
            assert_eq!(g().resolve(name).map(|p| &p.id), Some(&first.id));
        }
    }
    assert!(lines >= 60, "read only {lines} alias lines");
}

/// The same alias names found in running text (mid-sentence, as written)
/// resolve to the same canonical name.
#[test]
fn every_eval_alias_is_found_in_a_sentence() {
    let text = std::fs::read_to_string(crate::shared("eval/place_aliases.csv")).unwrap();
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let names: Vec<&str> = line.split(',').map(str::trim).collect();
        for name in &names {
            let sentence = format!("Reports from {name} came on Monday.");
            let found = g().find_in(&sentence);
            assert_eq!(found.len(), 1, "`{sentence}` gave {found:?}");
            let place = g().get(&found[0].place_id).unwrap();
            assert_eq!(place.name, names[0], "`{sentence}` gave {}", place.id);
            assert_eq!(found[0].surface, *name);
        }
    }
}

#[test]
fn required_places_exist_with_kinds() {
    let g = g();
    let expect = [
        ("khankendi", PlaceKind::Settlement),
        ("lachin-corridor", PlaceKind::Road),
        ("aghdam-khankendi-road", PlaceKind::Road),
        ("hakari-bridge", PlaceKind::Bridge),
        ("lachin-checkpoint", PlaceKind::Checkpoint),
        ("russian-102nd-base", PlaceKind::Base),
        ("khudavang", PlaceKind::Monastery),
        ("girkhgiz-height", PlaceKind::Height),
        ("saribaba", PlaceKind::Height),
        ("karabakh", PlaceKind::Region),
        ("nakhchivan", PlaceKind::Region),
        ("azerbaijan", PlaceKind::Country),
        ("armenia", PlaceKind::Country),
        ("tartar", PlaceKind::District),
        ("hadrut", PlaceKind::Settlement),
    ];
    for (id, kind) in expect {
        let p = g.get(id).unwrap_or_else(|| panic!("no place `{id}`"));
        assert_eq!(p.kind, kind, "{id}");
    }
    for d in [
        "Aghdam",
        "Fuzuli",
        "Jabrayil",
        "Zangilan",
        "Qubadli",
        "Lachin",
        "Kalbajar",
        "Khojaly",
        "Khojavend",
        "Shusha",
        "Aghjabadi",
        "Barda",
        "Gazakh",
        "Tovuz",
        "Gadabay",
        "Dashkasan",
    ] {
        let found = g.lookup(&format!("{d} district"));
        assert_eq!(
            found.first().map(|p| p.kind),
            Some(PlaceKind::District),
            "{d} district"
        );
        assert_eq!(found[0].name, d);
    }
    assert_eq!(g.resolve("Tartar district").unwrap().id, "tartar");
    for prov in [
        "Syunik",
        "Vayots Dzor",
        "Gegharkunik",
        "Tavush",
        "Shirak",
        "Lori",
        "Ararat",
        "Armavir",
        "Kotayk",
        "Aragatsotn",
    ] {
        let p = g
            .resolve(&format!("{prov} province"))
            .unwrap_or_else(|| panic!("{prov}"));
        assert_eq!(
            (p.kind, p.name.as_str(), p.parent.as_deref()),
            (PlaceKind::Region, prov, Some("armenia"))
        );
    }
    for name in [
        "Goris",
        "Kapan",
        "Jermuk",
        "Sotk",
        "Vardenis",
        "Tegh",
        "Kornidzor",
        "Gyumri",
        "Baku",
        "Yerevan",
        "Moscow",
        "Brussels",
        "Turkey",
        "Georgia",
        "Syria",
        "Iran",
        "Russia",
        "Aghavno",
        "Dadivank",
        "Askeran",
        "Martakert",
    ] {
        assert!(g.resolve(name).is_some(), "{name}");
    }
    assert!(
        g.len() > 900
            && g.places()
                .filter(|p| p.source.contains("geonames:"))
                .count()
                > 850
    );
}

#[test]
fn hierarchy_and_roads() {
    let g = g();
    let chain: Vec<&str> = g
        .parent_chain("hadrut")
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(
        chain,
        ["hadrut", "khojavend-district", "karabakh", "azerbaijan"]
    );
    assert!(g.is_within("khankendi", "karabakh"));
    assert!(g.is_within("lachin-checkpoint", "azerbaijan"));
    assert!(g.is_within("goris", "syunik"));
    assert!(g.is_within("russian-102nd-base", "armenia"));
    assert!(!g.is_within("goris", "azerbaijan"));
    assert!(!g.is_within("nowhere", "azerbaijan"));

    let corridor = g.get("lachin-corridor").unwrap();
    assert_eq!(corridor.route.first().map(String::as_str), Some("goris"));
    assert_eq!(corridor.route.last().map(String::as_str), Some("khankendi"));
    assert!(corridor.route.iter().all(|id| g.get(id).is_some()));

    let checkpoint = g.get("lachin-checkpoint").unwrap();
    assert_eq!(checkpoint.active_from.as_deref(), Some("2023-04-23"));
    assert!(checkpoint.is_active_on("2023-05-01") && !checkpoint.is_active_on("2022-12-12"));

    // variants carry script and usage
    let khankendi = g.get("khankendi").unwrap();
    let v = |name: &str| khankendi.variants.iter().find(|v| v.name == name).unwrap();
    assert_eq!(
        (
            v("Stepanakert").usage.as_deref(),
            v("Stepanakert").script.as_deref()
        ),
        (Some("hy"), Some("Latn"))
    );
    assert_eq!(v("Khankendi").usage.as_deref(), Some("az"));
    assert_eq!(v("Степанакерт").script.as_deref(), Some("Cyrl"));
    assert_eq!(v("Ստեփանակերտ").script.as_deref(), Some("Armn"));
    assert_eq!(khankendi.geonameid(), Some(146970));
    assert!(g.get("hadrut").unwrap().is_approximate());
}

#[test]
fn ambiguous_names_list_every_reading_preferred_first() {
    let ids = |n: &str| -> Vec<String> { g().lookup(n).iter().map(|p| p.id.clone()).collect() };
    let martuni = ids("Martuni");
    assert_eq!(martuni[0], "khojavend");
    assert!(martuni.len() >= 3, "{martuni:?}"); // and the two Armenian Martunis
    assert_eq!(ids("Lachin")[..2], ["lachin", "lachin-district"]);
    assert_eq!(ids("Nakhchivan")[0], "nakhchivan");
    assert_eq!(ids("Nakhchivan city")[0], "nakhchivan-city");
}
