//! Casualty counts: "a serviceman was killed", "killing four servicemen and a
//! civilian", "50 civilians have died ... and 286 people have been injured",
//! "at least three servicemen were injured".

use std::sync::OnceLock;

use truce_pattern::{Pattern, cached};

use crate::number;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Casualties {
    pub killed: Option<u32>,
    pub injured: Option<u32>,
}

const PERSON: &str = r"(?:servicem[ae]n|soldiers?|troops|civilians?|people|persons?|residents?|deminers?|sappers?|policem[ae]n|officers?|border guards?|guards?|peacekeepers?|children|child|boys?|girls?|teenagers?|youths?|pensioners?|students?|women|woman|men|man|farmers?|shepherds?|workers?|journalists?|villagers?|officials?|engineers?|doctors?|nurses?|teachers?|volunteers?|builders?|miners?|locals|inhabitants|herders?|fishermen|relatives?|rescuers?|medics?|paramedics?|militants?|fighters?|members?|employees?|citizens?|military personnel|personnel|others|drivers?|passengers?|военнослужащ\w+|мирн\w+ жител\w+|человек\w*)";

fn group_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| {
        Pattern::new(&format!(
            r"(?i)\b(?:(?:at least|more than|over|some|about|around|up to|another|a total of) )?(?P<n>{}) (?:more )?(?:[\w-]+ ){{0,3}}?{PERSON}\b",
            number::NUMBER_PATTERN
        ))
        .expect("casualty group regex")
    })
}

/// "and one was injured": a number standing for people named just before.
fn ellipsis_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| {
        Pattern::new(&format!(r"(?i)\b(?:and|all|the|all the) (?P<n>{}) (?:other |more )?(?:(?:was|were|has been|have been)\b|(?:wounded|injured|killed|hurt)\b)", number::NUMBER_PATTERN))
            .expect("casualty ellipsis regex")
    })
}

fn more_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| Pattern::new(&format!(r"(?i)\b(?P<n>{}) (?:more|others)\b", number::NUMBER_PATTERN)).expect("casualty more regex"))
}

fn the_one_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    cached(&RE, r"(?i)\b(?:the|its|his|her|their) (?:driver|passenger|shepherd|soldier|serviceman|farmer|civilian|resident|woman|man|boy|girl|deminer|sapper|guard|border guard|tractor driver)\b|\b(?:a|the) (?:second|third|fourth|fifth)\b(?: (?:one|person|man|woman|soldier|serviceman|deminer|civilian)\b)?|(?-i:\p{Lu})\p{Ll}+(?: (?-i:\p{Lu})[\p{Ll}.]*)?, (?:aged )?\d{1,2},|\b(?:(?:junior|senior) )?(?:sergeant|private|corporal|lieutenant|captain|major|soldier|serviceman|conscript)\s+\p{Lu}\w+(?:\s+\p{Lu}\w+)?")
}

fn verb_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    cached(&RE, r"(?i)\b(?P<k>killed|died|dead|lost (?:their|his|her) li(?:ves|fe)|killing|murdered|shot dead|погиб\w*|убит\w*)|\b(?P<i>wounded|injured|hurt|wounding|injuring|injuries|received (?:a |an )?(?:[\w-]+ )?(?:wounds?|injury|injuries)|ранен\w*|пострадал\w*)\b")
}

/// One person named by role, in the nominative: "военнослужащий", "водитель", "житель".
const RU_ONE_PERSON: &str = r"(?:военнослужащий|солдат|водитель|пассажир|тракторист|житель|жительница|мужчина|женщина|ребёнок|ребенок|подросток|пастух|чабан|фермер|рабочий|сапёр|сапер|пограничник|миротворец|охранник|контрактник|срочник|офицер)";

fn ru_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| {
        Pattern::new(&format!(
            r"(?i)(?:погиб\w*|убит\w*) (?:(?:почти|около|более|не менее|свыше|до|ещё|еще) )?(?P<kn>{n})|(?P<in>{n}) (?:\w+ )?(?:получил\w* ранени\w*|ранен\w*)|(?:ранен[аоы]?|получил[аи]? ранени[яе]) (?:(?:почти|около|более|не менее|свыше|ещё|еще) )?(?P<in2>{n})|(?i:погиб|убит)[а-яё]* (?:[а-яё]+ ){{0,2}}?(?P<k1>{one})|(?i:ранен)[аоы]? (?:[а-яё]+ ){{0,3}}?(?P<i3>{one})|(?P<i1>{one}) (?:[а-яё]+ ){{0,3}}?(?:получил\w* ранени\w*|(?:был |была )?ранен[а-яё]*)|(?P<k2>{one}) (?:[а-яё]+ ){{0,3}}?(?:погиб[а-яё]*|(?:был |была )?убит[а-яё]*)",
            n = number::NUMBER_PATTERN,
            one = RU_ONE_PERSON
        ))
            .expect("Russian casualty regex")
    })
}

fn none_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    cached(&RE, r"(?i)\b(?:no (?:other |further )?(?:casualties|losses|injuries|one was (?:hurt|injured|killed|wounded))|without (?:casualties|losses)|there were no (?:casualties|losses|injuries)|nobody was (?:hurt|injured|killed)|no-one was (?:hurt|injured|killed)|(?:was|were) not (?:hurt|injured|wounded)|escaped unhurt|(?:was|were|escaped|remained) unharmed)\b|пострадавших (?:[а-яё]+ ){0,3}?нет|без потерь|потерь (?:[а-яё]+ ){0,3}?нет|жертв нет|не пострадал[аио]?|никто не пострадал|обошлось без (?:жертв|пострадавших|потерь)")
}

impl Casualties {
    pub fn zero() -> Self {
        Casualties { killed: Some(0), injured: Some(0) }
    }
}

/// Words without which a sentence states no casualty count: a cheap test that
/// spares most sentences the regular expressions below.
fn mentions_casualties(sentence: &str) -> bool {
    static AC: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    let ac = AC.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([
                "kill", "dead", "died", "death", "wound", "injur", "hurt", "casualt", "loss", "lives", "life", "unharm",
                // Cyrillic is not folded by the ASCII-insensitive matcher: both cases are listed.
                "погиб", "убит", "ранен", "ранени", "пострадав", "пострадал", "потер", "жертв", "Погиб", "Убит", "Ранен", "Пострадав", "Пострадал", "Потер", "Жертв",
            ])
            .expect("casualty stems")
    });
    ac.is_match(sentence)
}

/// Counts stated in `sentence`. Groups before a verb ("four servicemen were
/// killed") count for it, and so do groups listed right after an active verb
/// ("killing four servicemen and a civilian").
pub fn find(sentence: &str) -> Casualties {
    if !mentions_casualties(sentence) {
        return Casualties::default();
    }
    let mut groups: Vec<(usize, usize, u32)> = group_re()
        .captures_iter(sentence)
        .filter_map(|c| {
            let m = c.get(0)?;
            let n = number::parse(c.name("n")?.as_str())?;
            Some((m.start(), m.end(), n))
        })
        .collect();
    // "the driver was killed": one person, named by role.
    for m in the_one_re().find_iter(sentence) {
        if !groups.iter().any(|g| g.0 <= m.start() && m.start() < g.1) {
            groups.push((m.start(), m.end(), 1));
        }
    }
    // "killed 48 of our citizens and wounded 211 more": a count whose people were named before.
    for c in more_re().captures_iter(sentence) {
        let n = c.name("n").expect("n");
        if let Some(v) = number::parse(n.as_str())
            && !groups.iter().any(|g| g.0 <= n.start() && n.start() < g.1) {
                groups.push((n.start(), c.get(0).expect("match").end(), v));
            }
    }
    for c in ellipsis_re().captures_iter(sentence) {
        let n = c.name("n").expect("n");
        if let Some(v) = number::parse(n.as_str())
            && !groups.iter().any(|g| g.0 <= n.start() && n.start() < g.1) {
                groups.push((n.start(), n.end(), v));
            }
    }
    groups.sort_by_key(|g| g.0);
    let mut out = Casualties::default();
    // Russian puts the verb first: "погибли двое военнослужащих, ещё 14 получили ранения".
    for c in ru_re().captures_iter(sentence) {
        if let Some(n) = c.name("kn").and_then(|m| number::parse(m.as_str())) {
            out.killed = Some(out.killed.unwrap_or(0) + n);
        }
        if let Some(n) = c.name("in").or(c.name("in2")).and_then(|m| number::parse(m.as_str())) {
            out.injured = Some(out.injured.unwrap_or(0) + n);
        }
        // "погиб военнослужащий", "водитель получил ранения": one person named by role.
        if c.name("k1").is_some() || c.name("k2").is_some() {
            out.killed = Some(out.killed.unwrap_or(0) + 1);
        }
        if c.name("i1").is_some() || c.name("i3").is_some() {
            out.injured = Some(out.injured.unwrap_or(0) + 1);
        }
    }
    if out != Casualties::default() {
        return out;
    }
    if none_re().is_match(sentence) {
        // "No casualties" states a count: zero.
        out = Casualties { killed: Some(0), injured: Some(0) };
    }
    let mut used = vec![false; groups.len()];
    for v in verb_re().captures_iter(sentence) {
        let m = v.get(0).expect("match");
        // "was not hurt" counts nobody (the zero comes from the no-casualty phrases).
        let before = sentence[..m.start()].trim_end().to_lowercase();
        if before.ends_with(" not") || before.ends_with("n't") || before.ends_with(" no") {
            continue;
        }
        let killed = v.name("k").is_some();
        let verb = m.as_str().to_lowercase();
        // "killing one serviceman", and also "a sniper wounded a contract serviceman".
        let object_follows = groups.iter().any(|g| g.0 >= m.end() && sentence[m.end()..g.0].trim().is_empty());
        let active = verb.ends_with("ing") || (object_follows && !verb.starts_with("received"));
        let mut total = 0;
        let mut any = false;
        if active {
            // Groups listed after the verb, joined by commas or "and".
            let mut pos = m.end();
            for (gi, g) in groups.iter().enumerate() {
                if g.0 < pos || used[gi] {
                    continue;
                }
                let gap = sentence[pos..g.0].trim();
                if !(gap.is_empty() || gap == "," || gap == "and" || gap == ", and") {
                    break;
                }
                total += g.2;
                any = true;
                used[gi] = true;
                pos = g.1;
            }
        } else {
            // Groups before the verb in the same clause, nearest first, joined by "and".
            let clause_start = sentence[..m.start()].rfind([';', ':']).map_or(0, |p| p + 1);
            let mut pos = m.start();
            for gi in (0..groups.len()).rev() {
                let g = groups[gi];
                if g.1 > pos || g.0 < clause_start || used[gi] {
                    continue;
                }
                let gap = &sentence[g.1..pos];
                let first = !any;
                // The nearest group may be separated from its verb by a few words
                // ("a serviceman of the Azerbaijani army was killed").
                let words = gap.split_whitespace().count();
                // An apposition may sit between ("a serviceman, soldier E. G., was wounded"), and a
                // qualifier between two groups ("Two servicemen of the army and a civilian").
                let ok = if first {
                    words <= 12 && gap.matches(',').count() <= 2 || gap.trim().is_empty()
                } else {
                    matches!(gap.trim(), "and" | "," | ", and") || (gap.trim_end().ends_with(" and") && words <= 6 && !gap.contains(','))
                };
                if !ok {
                    break;
                }
                // "Sergeant H. M., a serviceman of the army, received a wound": one person, named twice.
                let apposition = !first && gap.trim() == "," && {
                    let later = sentence[pos..].to_lowercase();
                    later.starts_with("a ") || later.starts_with("an ")
                };
                if apposition {
                    used[gi] = true;
                    pos = g.0;
                    continue;
                }
                total += g.2;
                any = true;
                used[gi] = true;
                pos = g.0;
            }
        }
        if any {
            let slot = if killed { &mut out.killed } else { &mut out.injured };
            *slot = Some(slot.unwrap_or(0) + total);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kc(s: &str) -> (Option<u32>, Option<u32>) {
        let c = find(s);
        (c.killed, c.injured)
    }

    #[test]
    fn passive_and_active_forms() {
        assert_eq!(kc("a serviceman of the Azerbaijani army was killed, and a civilian was wounded."), (Some(1), Some(1)));
        assert_eq!(kc("carried out three separate attacks killing four servicemen and a civilian in December"), (Some(5), None));
        assert_eq!(kc("50 Azerbaijani civilians have died from mine explosions, and 286 people have been injured."), (Some(50), Some(286)));
        assert_eq!(kc("At least three Azerbaijani servicemen were injured in the attack."), (None, Some(3)));
        assert_eq!(kc("two deminers were killed and one was injured"), (Some(2), Some(1)));
        assert_eq!(kc("three Armenian servicemen were killed and six wounded."), (Some(3), Some(6)));
        assert_eq!(kc("Two servicemen of the Azerbaijani Army and a civilian were injured yesterday"), (None, Some(3)));
        assert_eq!(kc("As a result, a serviceman of the Azerbaijani Army, soldier Elvin Gasimov, was wounded."), (None, Some(1)));
        assert_eq!(kc("The tractor was damaged; the driver was not hurt."), (Some(0), Some(0)));
        assert_eq!(kc("late on Thursday, killing one serviceman and wounding two others."), (Some(1), Some(2)));
        assert_eq!(kc("an Azerbaijani sniper wounded a contract serviceman at a position"), (None, Some(1)));
        assert_eq!(kc("Junior sergeant Hayk Melkonyan, a serviceman of the Armed Forces of Armenia, received a shrapnel wound."), (None, Some(1)));
        assert_eq!(kc("Fire was opened on positions near Sotk."), (None, None));
        assert_eq!(kc("Two ceasefire violations were recorded; no casualties."), (Some(0), Some(0)));
        assert_eq!(kc("Since November 2020, mines laid by Armenia have killed 48 of our citizens and wounded 211 more."), (Some(48), Some(211)));
        assert_eq!(kc("On 9 January, a 14-year-old boy was injured by an unexploded submunition."), (None, Some(1)));
        assert_eq!(kc("Two servicemen were killed and a third was wounded when the detachments fired mortars."), (Some(2), Some(1)));
        assert_eq!(kc("On 30 July, Sevda A., 42, was wounded by a bullet in her garden."), (None, Some(1)));
        assert_eq!(kc("Since the end of the war, 31 civilians and 14 servicemen have been killed and 118 people injured by mines."), (Some(45), Some(118)));
        assert_eq!(kc("В результате обстрела погиб военнослужащий армии Армении."), (Some(1), None));
        assert_eq!(kc("На мине подорвался грузовик, водитель получил ранения."), (None, Some(1)));
        assert_eq!(kc("в результате ударов погибли двое военнослужащих, ещё 14 получили ранения."), (Some(2), Some(14)));
        assert_eq!(kc("за два дня погибли почти триста военнослужащих с обеих сторон."), (Some(300), None));
        assert_eq!(kc("Военнослужащий армянской армии погиб утром во вторник."), (Some(1), None));
        assert_eq!(kc("Водитель погиб, пассажир получил ранения."), (Some(1), Some(1)));
        assert_eq!(kc("под Мартуни был ранен военнослужащий карабахской армии."), (None, Some(1)));
        assert_eq!(kc("погибли трое и были ранены шестнадцать человек."), (Some(3), Some(16)));
        assert_eq!(kc("Пострадавших среди мирного населения нет."), (Some(0), Some(0)));
        assert_eq!(kc("Тракторист не пострадал."), (Some(0), Some(0)));
    }
}
