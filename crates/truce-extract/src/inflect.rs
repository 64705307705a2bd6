//! English verb forms for the trigger lexicon, and Russian case forms of the actor lexicon's
//! noun phrases.
//!
//! Reports tell the same act in every tense: a wire writes "troops captured six soldiers",
//! a chronology "27 May – six soldiers are captured", a headline "Azerbaijan hands over ten
//! prisoners". A lexicon pattern names the verb once, `<capture>`, and matches all its forms;
//! `<be>` stands for the auxiliaries of a passive ("were", "are", "have been").

/// Verbs whose past forms do not follow the rules: base, past, past participle.
const IRREGULAR: &[(&str, &str, &str)] = &[
    ("beat", "beat", "beaten"),
    ("begin", "began", "begun"),
    ("blow", "blew", "blown"),
    ("break", "broke", "broken"),
    ("bring", "brought", "brought"),
    ("build", "built", "built"),
    ("catch", "caught", "caught"),
    ("come", "came", "come"),
    ("cut", "cut", "cut"),
    ("dig", "dug", "dug"),
    ("drive", "drove", "driven"),
    ("fall", "fell", "fallen"),
    ("fight", "fought", "fought"),
    ("find", "found", "found"),
    ("get", "got", "got"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("hear", "heard", "heard"),
    ("hit", "hit", "hit"),
    ("hold", "held", "held"),
    ("hurt", "hurt", "hurt"),
    ("keep", "kept", "kept"),
    ("lay", "laid", "laid"),
    ("lead", "led", "led"),
    ("leave", "left", "left"),
    ("lose", "lost", "lost"),
    ("meet", "met", "met"),
    ("put", "put", "put"),
    ("ride", "rode", "ridden"),
    ("sit", "sat", "sat"),
    ("run", "ran", "run"),
    ("see", "saw", "seen"),
    ("send", "sent", "sent"),
    ("set", "set", "set"),
    ("shoot", "shot", "shot"),
    ("shut", "shut", "shut"),
    ("sign", "signed", "signed"),
    ("spread", "spread", "spread"),
    ("stand", "stood", "stood"),
    ("steal", "stole", "stolen"),
    ("strike", "struck", "struck"),
    ("take", "took", "taken"),
    ("throw", "threw", "thrown"),
    ("tread", "trod", "trodden"),
    ("withdraw", "withdrew", "withdrawn"),
];

/// Verbs stressed on a last syllable that doubles its consonant: transfer, transferred.
const DOUBLE_STRESSED: &[&str] = &[
    "transfer", "admit", "commit", "control", "patrol", "permit", "omit", "occur", "refer", "equip", "compel", "repel", "regret", "expel",
    "submit", "deter", "incur", "confer", "prefer", "kidnap", "rebel",
];

/// Verbs British English doubles and American English does not: travelled, traveled.
const DOUBLE_BRITISH: &[&str] = &["travel", "cancel", "label", "signal", "level", "model", "fuel", "channel", "tunnel", "total", "quarrel", "shovel", "worship"];

const VOWELS: &[u8] = b"aeiou";

/// A one-syllable verb ending consonant-vowel-consonant doubles its last letter: step, stepped.
fn doubles(verb: &str) -> bool {
    if DOUBLE_STRESSED.contains(&verb) || DOUBLE_BRITISH.contains(&verb) {
        return true;
    }
    let b = verb.as_bytes();
    let groups = b.iter().zip(std::iter::once(&b'x').chain(b.iter())).filter(|(c, prev)| VOWELS.contains(c) && !VOWELS.contains(prev)).count();
    let n = b.len();
    n >= 3 && groups == 1 && !VOWELS.contains(&b[n - 1]) && !b"wxy".contains(&b[n - 1]) && VOWELS.contains(&b[n - 2]) && !VOWELS.contains(&b[n - 3])
}

/// The base forms a pattern's verb groups name: `<hit|step on>` gives "hit" and "step".
pub fn lemmas(pattern: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>').map(|c| c + open) else { break };
        let inner = &rest[open + 1..close];
        if inner != "be" && !rest[..open].ends_with("(?P") && !rest[..open].ends_with("(?") {
            out.extend(inner.split('|').filter_map(|p| p.trim_start_matches('!').split(' ').next()).map(str::to_string));
        }
        rest = &rest[close + 1..];
    }
    out
}

/// Every form of one English verb: base, third person, past, participle, gerund.
pub fn forms(verb: &str) -> Vec<String> {
    let b = verb.as_bytes();
    let last = b.last().copied().unwrap_or(b'x');
    let before_last = if b.len() >= 2 { b[b.len() - 2] } else { b'x' };
    let consonant_y = last == b'y' && !VOWELS.contains(&before_last);
    let third = if consonant_y {
        format!("{}ies", &verb[..verb.len() - 1])
    } else if verb.ends_with('s') || verb.ends_with('x') || verb.ends_with('z') || verb.ends_with("ch") || verb.ends_with("sh") || verb.ends_with('o') {
        format!("{verb}es")
    } else {
        format!("{verb}s")
    };
    let stem_doubled = if doubles(verb) { format!("{verb}{}", last as char) } else { verb.to_string() };
    let gerund = if last == b'e' && !verb.ends_with("ee") && verb != "be" {
        format!("{}ing", &verb[..verb.len() - 1])
    } else {
        format!("{stem_doubled}ing")
    };
    let mut out = vec![verb.to_string(), third, gerund];
    match IRREGULAR.iter().find(|(base, _, _)| *base == verb) {
        Some((_, past, participle)) => {
            out.push(past.to_string());
            out.push(participle.to_string());
        }
        None if last == b'e' => out.push(format!("{verb}d")),
        None if consonant_y => out.push(format!("{}ied", &verb[..verb.len() - 1])),
        None => out.push(format!("{stem_doubled}ed")),
    }
    if DOUBLE_BRITISH.contains(&verb) {
        out.push(format!("{verb}ed"));
        out.push(format!("{verb}ing"));
    }
    out.sort();
    out.dedup();
    // Longest first: the regex takes the first alternative that matches.
    out.sort_by_key(|f| std::cmp::Reverse(f.len()));
    out
}

/// The auxiliaries before a passive participle.
/// Not "be": "are meant to be prevented" tells no act.
const PASSIVE: &str = "(?:is|are|was|were|been|being|gets|got|has been|have been|had been)";

/// Replace each `<verb|verb particle|...>` in a pattern by a group of all the forms; a
/// phrasal verb inflects its first word ("<step on>": "steps on", "stepped on"). A verb
/// written `!escort` leaves out its base form, which is also a noun ("the escort of cars").
pub fn expand(pattern: &str) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut rest = pattern;
    while let Some(open) = rest.find('<') {
        // `(?P<name>` and `(?<name>` are regex syntax, not verbs.
        if rest[..open].ends_with("(?P") || rest[..open].ends_with("(?") {
            out.push_str(&rest[..=open]);
            rest = &rest[open + 1..];
            continue;
        }
        let close = rest[open..].find('>').ok_or_else(|| format!("unclosed verb group in {pattern:?}"))? + open;
        out.push_str(&rest[..open]);
        let inner = &rest[open + 1..close];
        if inner == "be" {
            out.push_str(PASSIVE);
        } else {
            let mut alts: Vec<String> = Vec::new();
            for phrase in inner.split('|') {
                let (phrase, with_base) = match phrase.strip_prefix('!') {
                    Some(p) => (p, false),
                    None => (phrase, true),
                };
                let mut words = phrase.split(' ');
                let verb = words.next().filter(|v| !v.is_empty() && v.bytes().all(|c| c.is_ascii_lowercase())).ok_or_else(|| format!("bad verb {phrase:?} in {pattern:?}"))?;
                let tail: Vec<&str> = words.collect();
                for f in forms(verb).into_iter().filter(|f| with_base || f != verb) {
                    alts.push(if tail.is_empty() { f } else { format!("{f} {}", tail.join(" ")) });
                }
            }
            out.push_str(&format!("(?:{})", alts.join("|")));
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Case forms of one Russian word (nominative, genitive, dative, accusative, instrumental,
/// prepositional), each with its alternatives; None for a word that does not decline here.
fn russian_word_cases(w: &str) -> Option<[Vec<String>; 6]> {
    if w.chars().count() > 1 && w.chars().all(|c| c.is_uppercase()) {
        return None; // abbreviations: ВС, МИД
    }
    let lower = w.to_lowercase();
    let n = w.chars().count();
    let stem = |k: usize| -> String { w.chars().take(n.saturating_sub(k)).collect() };
    let make = |k: usize, endings: [&[&str]; 6]| -> [Vec<String>; 6] { endings.map(|alts| alts.iter().map(|e| format!("{}{e}", stem(k))).collect()) };
    let prev = lower.chars().rev().nth(2);
    Some(if lower.ends_with("ые") {
        make(2, [&["ые"], &["ых"], &["ым"], &["ые", "ых"], &["ыми"], &["ых"]])
    } else if lower.ends_with("ие") {
        make(2, [&["ие"], &["их"], &["им"], &["ие", "их"], &["ими"], &["их"]])
    } else if lower.ends_with("ния") {
        // Plural neuter nouns: формирования, подразделения.
        make(1, [&["я"], &["й"], &["ям"], &["я"], &["ями"], &["ях"]])
    } else if lower.ends_with("цы") {
        make(1, [&["ы"], &["ев"], &["ам"], &["ев"], &["ами"], &["ах"]])
    } else if lower.ends_with("ки") || lower.ends_with("ги") || lower.ends_with("хи") {
        make(1, [&["и"], &["ов"], &["ам"], &["ов", "и"], &["ами"], &["ах"]])
    } else if lower.ends_with('ы') {
        make(1, [&["ы"], &["", "ов"], &["ам"], &["ы", "", "ов"], &["ами"], &["ах"]])
    } else if lower.ends_with("ая") {
        make(2, [&["ая"], &["ой"], &["ой"], &["ую"], &["ой"], &["ой"]])
    } else if lower.ends_with("ый") {
        make(2, [&["ый"], &["ого"], &["ому"], &["ый", "ого"], &["ым"], &["ом"]])
    } else if lower.ends_with("ий") {
        let g = if matches!(prev, Some('к' | 'г' | 'х')) { ["ого", "ому", "ом"] } else { ["его", "ему", "ем"] };
        make(2, [&["ий"], &[g[0]], &[g[1]], &["ий", g[0]], &["им"], &[g[2]]])
    } else if lower.ends_with("ия") {
        make(2, [&["ия"], &["ии"], &["ии"], &["ию"], &["ией"], &["ии"]])
    } else if lower.ends_with("ство") || lower.ends_with("ение") || lower.ends_with("ание") {
        // Neuter nouns: министерство, ведомство, правительство; командование.
        let last = if lower.ends_with('о') { "о" } else { "е" };
        let prep = if last == "о" { "е" } else { "и" };
        make(1, [&[last], &["а"], &["у"], &[last], &["ом", "ем"], &[prep]])
    } else if lower.ends_with('а') {
        let g = if matches!(lower.chars().rev().nth(1), Some('г' | 'к' | 'х' | 'ж' | 'ш' | 'щ' | 'ч')) { "и" } else { "ы" };
        make(1, [&["а"], &[g], &["е"], &["у"], &["ой"], &["е"]])
    } else if lower.chars().last().is_some_and(|c| matches!(c, 'б'..='д' | 'ж' | 'з' | 'к'..='н' | 'п'..='т' | 'ф'..='щ')) && lower.chars().all(|c| matches!(c, 'а'..='я' | 'ё' | '-')) {
        make(0, [&[""], &["а"], &["у"], &["", "а"], &["ом"], &["е"]])
    } else {
        return None;
    })
}

fn is_russian_adjective(w: &str) -> bool {
    let lower = w.to_lowercase();
    ["ые", "ие", "ый", "ий", "ой", "ая", "яя", "ое", "ее"].iter().any(|e| lower.ends_with(e)) && w.chars().count() > 3
}

/// The other case forms of a Russian noun phrase in the nominative: its leading adjectives
/// and head noun decline, what follows them (a genitive: "подразделения азербайджанской
/// армии") stays. "Азербайджанские подразделения" gives "азербайджанских подразделений",
/// "азербайджанскими подразделениями"...; each also with its first letter in the other case,
/// since a phrase may open a sentence.
pub fn russian_phrase_forms(phrase: &str) -> Vec<String> {
    let words: Vec<&str> = phrase.split(' ').collect();
    if !phrase.chars().any(|c| matches!(c, 'а'..='я' | 'А'..='Я')) || words.is_empty() {
        return Vec::new();
    }
    // The declining part: adjectives up to the first noun, which declines too.
    let head = words.iter().position(|w| !is_russian_adjective(w)).unwrap_or(words.len() - 1);
    let declined: Option<Vec<[Vec<String>; 6]>> = words[..=head].iter().map(|w| russian_word_cases(w)).collect();
    let Some(declined) = declined else { return Vec::new() };
    let rest = words[head + 1..].join(" ");
    let mut out: Vec<String> = Vec::new();
    for case in 0..6 {
        let mut forms: Vec<String> = vec![String::new()];
        for word in &declined {
            forms = forms.iter().flat_map(|f| word[case].iter().map(move |alt| if f.is_empty() { alt.clone() } else { format!("{f} {alt}") })).collect();
        }
        for f in forms {
            let full = if rest.is_empty() { f } else { format!("{f} {rest}") };
            let mut cs = full.chars();
            let first = cs.next().map(|c| if c.is_lowercase() { c.to_uppercase().collect::<String>() } else { c.to_lowercase().collect() }).unwrap_or_default();
            out.push(format!("{first}{}", cs.as_str()));
            out.push(full);
        }
    }
    out.retain(|f| f != phrase);
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(verb: &str, form: &str) -> bool {
        forms(verb).iter().any(|f| f == form)
    }

    #[test]
    fn regular_and_irregular_forms() {
        for (verb, form) in [
            ("capture", "captured"), ("capture", "captures"), ("capture", "capturing"), ("step", "stepped"), ("step", "steps"),
            ("open", "opened"), ("carry", "carried"), ("carry", "carries"), ("deploy", "deployed"), ("detonate", "detonates"),
            ("hit", "hits"), ("hit", "hitting"), ("strike", "struck"), ("run", "ran"), ("fight", "fought"), ("take", "taken"),
            ("lay", "laid"), ("approach", "approaches"), ("seize", "seizing"), ("shell", "shelled"), ("plan", "planned"),
            ("transfer", "transferred"), ("patrol", "patrolling"), ("travel", "travelled"), ("travel", "traveled"),
        ] {
            assert!(has(verb, form), "{verb} lacks {form}: {:?}", forms(verb));
        }
        assert!(!has("open", "openned"));
        assert!(!has("hit", "hited"));
        assert!(!has("transfer", "transfered"));
    }

    #[test]
    fn russian_noun_phrases_decline_up_to_their_head() {
        let f = russian_phrase_forms("азербайджанские подразделения");
        for form in ["азербайджанских подразделений", "азербайджанскими подразделениями", "Азербайджанские подразделения", "азербайджанским подразделениям"] {
            assert!(f.contains(&form.to_string()), "{form}: {f:?}");
        }
        let f = russian_phrase_forms("подразделения азербайджанской армии");
        assert!(f.contains(&"подразделениями азербайджанской армии".to_string()), "{f:?}");
        assert!(russian_phrase_forms("российские миротворцы").contains(&"российскими миротворцами".to_string()));
        assert!(russian_phrase_forms("вооруженные силы Азербайджана").contains(&"вооруженных сил Азербайджана".to_string()));
        assert!(russian_phrase_forms("Армия обороны Нагорного Карабаха").contains(&"Армии обороны Нагорного Карабаха".to_string()));
        assert!(russian_phrase_forms("азербайджанские пограничники").contains(&"азербайджанскими пограничниками".to_string()));
        assert!(russian_phrase_forms("ВС Азербайджана").is_empty());
        assert!(russian_phrase_forms("Министерство обороны Армении").contains(&"Министерства обороны Армении".to_string()));
        assert!(russian_phrase_forms("Министерство обороны Армении").contains(&"Министерством обороны Армении".to_string()));
        assert!(russian_phrase_forms("Armed Forces").is_empty());
    }

    #[test]
    fn groups_expand_and_other_syntax_stays() {
        let p = expand("<step on|hit> (?:a )?mine").unwrap();
        let re = regex::Regex::new(&format!("^(?:{p})$")).unwrap();
        for s in ["stepped on a mine", "steps on mine", "hits a mine", "hit a mine"] {
            assert!(re.is_match(s), "{s}");
        }
        assert!(!re.is_match("stepped a mine"));
        let passive = regex::Regex::new(&format!("^{}$", expand("<be> <capture>").unwrap())).unwrap();
        assert!(passive.is_match("are captured") && passive.is_match("had been captured"));
        assert!(!passive.is_match("be captured"));
        assert_eq!(expand(r"(?P<d>\d+) x").unwrap(), r"(?P<d>\d+) x");
        assert!(expand("<Hit> x").is_err());
        let noun_too = regex::Regex::new(&format!("^{}$", expand("<!escort>").unwrap())).unwrap();
        assert!(noun_too.is_match("escorted") && !noun_too.is_match("escort"));
        assert!(expand("<hit x").is_err());
    }
}
