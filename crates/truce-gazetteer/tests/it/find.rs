//! find_in on the built-in gazetteer.

use truce_gazetteer::{Gazetteer, PlaceMention};

fn found(text: &str) -> Vec<PlaceMention> {
    let m = Gazetteer::builtin().find_in(text);
    for x in &m {
        assert_eq!(&text[x.start..x.end], x.surface, "offsets of {x:?}");
    }
    m
}

fn ids(text: &str) -> Vec<String> {
    found(text).into_iter().map(|m| m.place_id).collect()
}

fn surfaces(text: &str) -> Vec<String> {
    found(text).into_iter().map(|m| m.surface).collect()
}

#[test]
fn every_spelling_of_khankendi_is_one_place() {
    let text = "Khankandi, Stepanakert, Xankəndi, Степанакерт and Ստեփանակերտ are one city; Khankendi too.";
    assert_eq!(ids(text), ["khankendi"; 6]);
    assert_eq!(
        surfaces(text),
        [
            "Khankandi",
            "Stepanakert",
            "Xankəndi",
            "Степанакерт",
            "Ստեփանակերտ",
            "Khankendi"
        ]
    );
}

#[test]
fn alternative_names_resolve() {
    for (text, id) in [
        ("Convoys entered Berdzor at night.", "lachin"),
        ("Shelling near Martuni was reported.", "khojavend"),
        ("Fighting near Mardakert resumed.", "tartar"),
        ("Fighting near Aghdara resumed.", "tartar"),
        ("Troops moved towards Parukh village.", "farrukh"),
        ("Troops moved towards Furukh village.", "farrukh"),
        ("Units stationed in Karvachar left.", "kalbajar"),
        (
            "Protesters marched to the Khakari bridge on Friday.",
            "hakari-bridge",
        ),
        (
            "Protesters marched to the Khakari Bridge on Friday.",
            "hakari-bridge",
        ),
        (
            "Activists blocked the Lachin-Shusha-Khankendi road yesterday.",
            "lachin-corridor",
        ),
        (
            "Activists blocked the Lachin–Khankendi road yesterday.",
            "lachin-corridor",
        ),
        ("Trucks used the new Lachin road.", "lachin-corridor"),
        (
            "Cars waited at the Lachin border checkpoint.",
            "lachin-checkpoint",
        ),
        (
            "Weapons left the 102nd Russian military base in Gyumri.",
            "russian-102nd-base",
        ),
        ("The monastery of Dadivank was visited.", "khudavang"),
        ("In Nagorno-Karabakh the situation was tense.", "karabakh"),
        ("In Nagorno Karabakh the situation was tense.", "karabakh"),
    ] {
        assert_eq!(ids(text).first().map(String::as_str), Some(id), "{text}");
    }
    assert_eq!(
        ids("Weapons left the 102nd Russian military base in Gyumri."),
        ["russian-102nd-base", "gyumri"]
    );
}

#[test]
fn hyphenated_chains_are_several_places() {
    let text = "the movement of a convoy along the dirt road Khankandi-Khalfali-Turshsu was once again detected";
    assert_eq!(ids(text), ["khankendi", "khalfali", "turshsu"]);
    assert_eq!(surfaces(text), ["Khankandi", "Khalfali", "Turshsu"]);
    assert_eq!(
        ids("on the Khankendi-Khalfali-Turshsu land road"),
        ["khankendi", "khalfali", "turshsu"]
    );
    // a road variant wins over its parts
    assert_eq!(ids("the Aghdam-Khankendi road"), ["aghdam-khankendi-road"]);
    // but a longer spelling that fails the boundary falls back to the shorter one
    assert_eq!(
        surfaces("the Lachin-Khankendi roadside"),
        ["Lachin", "Khankendi"]
    );
}

#[test]
fn possessives_and_punctuation() {
    let text = "Azerbaijan's army, Azerbaijan’s Karabakh region, (Armenia) and “Russia”.";
    assert_eq!(
        ids(text),
        ["azerbaijan", "azerbaijan", "karabakh", "armenia", "russia"]
    );
    assert_eq!(
        surfaces(text),
        [
            "Azerbaijan",
            "Azerbaijan",
            "Karabakh region",
            "Armenia",
            "Russia"
        ]
    );
}

#[test]
fn plain_prose_yields_nothing() {
    for text in [
        "The Ministry of Defense said on Monday that the border was calm",
        "Azerbaijani and Armenian officials met; the Azerbaijani-Armenian border was calm.",
        "Russian peacekeepers, Iranian visitors and Turkish drones were mentioned.",
        "Mr Brown and Ms Karin Sabir said the bank was gay and the bard sang. Sus.",
        "Lenin, Kirov and Pushkin streets; Narek and Vahan were born in Shahumyan.",
        "the border, the road, the bridge, the checkpoint, the height, the village",
        "We dig, he digs; sus is slang.",
        "tartar sauce, turkey sandwich, georgia peach",
        "Sri Lanka and Kos are islands; Tex Avery drew cartoons.",
        "Тех, кто был на Кубе, встретили. Куба далеко, Казак и Есаул тоже.",
        "",
        "   ",
    ] {
        assert_eq!(ids(text), Vec::<String>::new(), "{text:?}");
    }
}

#[test]
fn russian_and_armenian_text() {
    assert_eq!(
        ids("Колонна прошла через Лачинский коридор в Степанакерт."),
        ["lachin-corridor", "khankendi"]
    );
    assert_eq!(ids("Обстрел у села Тех."), ["tegh"]);
    assert_eq!(ids("Ռուսաստան և Ադրբեջան"), ["russia", "azerbaijan"]);
    // case forms
    assert_eq!(
        ids("В Нагорном Карабахе, в Мардакертском районе и у Лачинского коридора."),
        ["karabakh", "tartar", "lachin-corridor"]
    );
    assert_eq!(
        ids("Кельбаджарского района Азербайджана"),
        ["kalbajar-district", "azerbaijan"]
    );
    assert_eq!(ids("Ստեփանակերտում և Շուշիից"), ["khankendi", "shusha"]);
    // A case form that transliterates like a Latin spelling ("Шуше", "Shushe") still matches.
    assert_eq!(ids("Бои в Шуше."), ["shusha"]);
    assert_eq!(ids("На Кубе. Тех, кто ушёл, нет."), Vec::<String>::new());
}

#[test]
fn short_names_need_exact_case_and_mid_sentence() {
    assert_eq!(
        ids("Azerbaijan took Sus and Zabukh in August."),
        ["azerbaijan", "sus", "zabukh"]
    );
    assert_eq!(ids("Sus was handed over."), Vec::<String>::new());
    assert_eq!(
        ids("The village of SUS was handed over."),
        Vec::<String>::new()
    );
    assert_eq!(ids("Fire was opened from Dığ and Zod."), ["tegh", "sotk"]);
    assert_eq!(ids("Fire was opened from Dig."), Vec::<String>::new());
    assert_eq!(ids("Fire was opened from Nerkin Sus."), ["sus"]);
    // "Tegh" is long enough in Latin script though "Տեղ" is short in Armenian
    assert_eq!(ids("Totals:\nTegh-Lachin section: 4"), ["tegh", "lachin"]);
}

#[test]
fn capitalization_is_required_for_names() {
    assert_eq!(
        ids("the lachin corridor and khankendi"),
        Vec::<String>::new()
    );
    assert_eq!(ids("THE LACHIN CORRIDOR"), ["lachin-corridor"]);
}

#[test]
fn offsets_are_bytes_of_the_original_text() {
    let text = "«Şuşa» — Ստեփանակերտ; Xankəndi’s streets";
    let m = found(text);
    assert_eq!(
        m.iter().map(|m| m.place_id.as_str()).collect::<Vec<_>>(),
        ["shusha", "khankendi", "khankendi"]
    );
    assert_eq!(m[0].start, "«".len());
    assert_eq!(m[2].surface, "Xankəndi");
    assert!(text.is_char_boundary(m[1].end));
}

#[test]
fn mentions_are_in_order_and_disjoint() {
    let text =
        std::fs::read_to_string(crate::shared("corpus/seeds/003_7307909e540cd7b0.txt")).unwrap();
    let m = found(&text);
    assert!(m.len() > 20);
    for w in m.windows(2) {
        assert!(w[0].end <= w[1].start, "{w:?}");
    }
}

#[test]
fn a_long_text_yields_every_repeat_of_its_places() {
    // Speed is measured by `cargo run --release -p truce-extract --example throughput`
    // and `truce bench`, not here; this checks that matching a long text loses nothing.
    let base =
        std::fs::read_to_string(crate::shared("corpus/seeds/003_7307909e540cd7b0.txt")).unwrap();
    let once = Gazetteer::builtin().find_in(&format!("{base}\n")).len();
    let repeats = (128 << 10) / base.len() + 1;
    let text = format!("{base}\n").repeat(repeats);
    assert!(once > 10);
    assert_eq!(Gazetteer::builtin().find_in(&text).len(), once * repeats);
}
