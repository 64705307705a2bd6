//! Case forms of Russian and Armenian spellings, so that running text in
//! those languages matches: "в Нагорном Карабахе", "Кельбаджарского района",
//! "Ստեփանակերտում". The data holds base forms only; these are derived when
//! the matcher is built and are used for matching, not for `lookup`.

/// The six Russian cases, in order: nominative, genitive, dative,
/// accusative, instrumental, prepositional.
type Cases = [String; 6];

fn is_cyrillic_letter(c: char) -> bool {
    matches!(c, 'А'..='я' | 'Ё' | 'ё')
}

fn cases_of_word(w: &str) -> Option<Cases> {
    if !w.chars().any(is_cyrillic_letter) || w.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return None; // abbreviations: КПП, США
    }
    let lower = w.to_lowercase();
    let ends = |s: &str| lower.ends_with(s);
    let cut = |n: usize| -> String {
        let mut cs: Vec<char> = w.chars().collect();
        cs.truncate(cs.len() - n);
        cs.into_iter().collect()
    };
    let make =
        |stem: String, endings: [&str; 6]| -> Cases { endings.map(|e| format!("{stem}{e}")) };
    let before_last2 = lower.chars().rev().nth(2);
    Some(
        if ends("ий") && matches!(before_last2, Some('к' | 'г' | 'х')) {
            make(cut(2), ["ий", "ого", "ому", "ий", "им", "ом"])
        } else if ends("ий") {
            make(cut(2), ["ий", "его", "ему", "ий", "им", "ем"])
        } else if ends("ый") {
            make(cut(2), ["ый", "ого", "ому", "ый", "ым", "ом"])
        } else if ends("ой") {
            make(cut(2), ["ой", "ого", "ому", "ой", "ым", "ом"])
        } else if ends("ая") {
            make(cut(2), ["ая", "ой", "ой", "ую", "ой", "ой"])
        } else if ends("яя") {
            make(cut(2), ["яя", "ей", "ей", "юю", "ей", "ей"])
        } else if ends("ое") {
            make(cut(2), ["ое", "ого", "ому", "ое", "ым", "ом"])
        } else if ends("ия") {
            make(cut(2), ["ия", "ии", "ии", "ию", "ией", "ии"])
        } else if ends("ние") {
            // Neuter nouns: направление, направлении.
            make(cut(1), ["е", "я", "ю", "е", "ем", "и"])
        } else if ends("я") {
            make(cut(1), ["я", "и", "е", "ю", "ей", "е"])
        } else if ends("а") {
            let prev = lower.chars().rev().nth(1);
            let genitive = if matches!(prev, Some('г' | 'к' | 'х' | 'ж' | 'ш' | 'щ' | 'ч')) {
                "и"
            } else {
                "ы"
            };
            make(cut(1), ["а", genitive, "е", "у", "ой", "е"])
        } else if ends("ль") {
            // Masculine, as place names in -ль are: Брюссель, Брюсселе.
            make(cut(1), ["ь", "я", "ю", "ь", "ем", "е"])
        } else if ends("ь") {
            make(cut(1), ["ь", "и", "и", "ь", "ью", "и"])
        } else if ends("й") {
            make(cut(1), ["й", "я", "ю", "й", "ем", "е"])
        } else if lower
            .chars()
            .last()
            .is_some_and(|c| "оеиуыэю".contains(c) || !is_cyrillic_letter(c))
        {
            return None; // indeclinable: Ханкенди, Баку, Гюмри
        } else {
            make(w.to_string(), ["", "а", "у", "", "ом", "е"])
        },
    )
}

/// The other case forms of a Russian spelling (each word in the same case);
/// empty when it has no Cyrillic word that declines.
pub(crate) fn russian_forms(spelling: &str) -> Vec<String> {
    let words: Vec<&str> = spelling.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty()
        || spelling
            .chars()
            .any(|c| matches!(c, '«' | '»' | '"' | '(' | ')'))
    {
        return Vec::new();
    }
    let cases: Vec<Option<Cases>> = words.iter().map(|w| cases_of_word(w)).collect();
    if cases.iter().all(Option::is_none) {
        return Vec::new();
    }
    let mut out: Vec<String> = (1..6)
        .map(|i| {
            words
                .iter()
                .zip(&cases)
                .map(|(w, c)| c.as_ref().map_or(*w, |c| c[i].as_str()))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|f| f != spelling)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Armenian case endings and the definite article on the last word:
/// Ստեփանակերտ → Ստեփանակերտի, Ստեփանակերտում, Ստեփանակերտից...
pub(crate) fn armenian_forms(spelling: &str) -> Vec<String> {
    let Some(last) = spelling.chars().last() else {
        return Vec::new();
    };
    if !matches!(last, '\u{561}'..='\u{587}') {
        return Vec::new();
    }
    let vowel_end = matches!(last, 'ա' | 'ո' | 'օ');
    let endings: &[&str] = if vowel_end {
        &["յի", "յում", "յից", "յով", "ն", "յին"]
    } else {
        &["ի", "ում", "ից", "ով", "ը", "ն", "ին"]
    };
    endings.iter().map(|e| format!("{spelling}{e}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_cases() {
        let f = russian_forms("Нагорный Карабах");
        assert!(f.contains(&"Нагорного Карабаха".to_string()), "{f:?}");
        assert!(f.contains(&"Нагорном Карабахе".to_string()), "{f:?}");
        let f = russian_forms("Кельбаджарский район");
        assert!(f.contains(&"Кельбаджарского района".to_string()), "{f:?}");
        assert!(f.contains(&"Кельбаджарском районе".to_string()), "{f:?}");
        assert!(russian_forms("Шуша").contains(&"Шуши".to_string()));
        assert!(russian_forms("Москва").contains(&"Москвы".to_string()));
        assert!(russian_forms("Брюссель").contains(&"Брюсселе".to_string()));
        assert!(russian_forms("Лачинское направление").contains(&"Лачинском направлении".to_string()));
        assert!(russian_forms("Армения").contains(&"Армении".to_string()));
        assert!(russian_forms("Сюникская область").contains(&"Сюникской области".to_string()));
        assert!(russian_forms("Ханкенди").is_empty());
        assert!(russian_forms("США").is_empty());
        assert!(russian_forms("КПП Лачин").contains(&"КПП Лачина".to_string()));
    }

    #[test]
    fn armenian_cases() {
        assert!(armenian_forms("Ստեփանակերտ").contains(&"Ստեփանակերտում".to_string()));
        assert!(armenian_forms("Շուշի").contains(&"Շուշիում".to_string()));
        assert!(armenian_forms("Ակնա").contains(&"Ակնայում".to_string()));
        assert!(armenian_forms("Stepanakert").is_empty());
    }
}
