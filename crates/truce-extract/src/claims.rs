//! Attribution: who says what a sentence says, and who denies it.
//!
//! The grammar of reporting is small and regular: "according to X", "X said
//! (that)", "..., X said", "X told Y that", "X issued a statement saying",
//! quoted speech whose speaker is named in the same paragraph; and denial:
//! "X denied", "X called this information disinformation", "does not
//! correspond to reality". A sentence nobody is said to speak is the outlet's own voice.

use std::sync::OnceLock;

use truce_pattern::{Pattern, cached};

use crate::lexicon::ActorKind;
use crate::mention::Mention;

/// Who speaks a sentence, and how that was decided.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    pub name: String,
    pub side: String,
    pub how: &'static str,
    /// Byte range of the mention in the text (to keep it out of the event's actors).
    pub span: (usize, usize),
}

fn reporting_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    cached(&RE, r"(?i)\b(?:said|says|stated|stressed|stresses|noted|notes|added|adds|reported|reports|informed|informs|told|tells|claimed|claims|claim|announced|announces|declared|declares|confirmed|confirms|revealed|reveals|alleged|alleges|accused|accuses|emphasi[sz]ed|emphasi[sz]es|pointed out|insisted|asserted|wrote|writes|published|issued a statement|said in a statement|informed|spoke|delivered (?:a |an )?(?:[\w-]+ )?(?:address|speech)|posted|tweeted|replied|replies|recalled|recalls|argued|argues|explained|explains|answered|responded|responds|recounted|recounts|complained|complains|acknowledged|acknowledges|admitted|admits|conceded|сообщил[аои]?|заявил[аои]?|отметил[аои]?|сообщает|сообщается|подчеркнул[аои]?|утверждает|утверждал[аои]?|заявляет|настаивает|подтвердил[аои]?|подтверждает|напомнил[аои]?|рассказал[аои]?|пояснил[аои]?|уточнил[аои]?|добавил[аои]?|сказал[аои]?|признал[аои]?|признаёт|признает|говорит|рассказывает|вспоминает|отвечает|ответил[аои]?|объясняет|объяснил[аои]?|пишет|написал[аои]?|считает)\b")
}

fn according_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    cached(&RE, r"(?i)\b(?:according to|citing|as reported by|по данным|по словам|по информации|по версии|по утверждению|по утверждениям|по сообщению|по сведениям|со слов|как сообщает)\b")
}

/// A capital named as the place a statement came from, with its verb: "в Степанакерте
/// заявили", "заявили в Ереване", "Stepanakert says".
fn capital_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    cached(&RE, r"(?:\b[Вв] (?P<city>Баку|Ереване|Степанакерте|Ханкенди|Москве),? (?:[а-яё]+ )?(?:сообщили|заявили|отметили|утверждают|заявляют|сообщают|считают|назвали|отвергли|опровергли|настаивают|говорят|признали|подтвердили|обвинили|обвиняют)\b)|(?:\b(?:сообщили|заявили|утверждают|заявляют|сообщают|считают|настаивают|говорят|подтвердили) в (?P<city2>Баку|Ереване|Степанакерте|Ханкенди|Москве)\b)|\b(?P<city_ru>Степанакерт)(?: и (?:Ереван|Баку))?,? (?:[а-яё]+ )?(?:называ|заявля|сообща|утвержда|настаива|счита|обвиня|отверга|опроверга)[а-яё]*|\b(?P<city_en>Stepanakert|Khankendi) (?:says|said|claims|claimed|insists|insisted|reports|reported|denies|denied|accuses|accused|confirmed|confirms)\b")
}

fn alleging_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    cached(&RE, r"(?i)\b(?:alleging|claiming|asserting|accusing|saying)\b")
}

fn ru_impersonal_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    cached(&RE, r"(?i)(?:сообщили|заявили|отметили|уточнили|подчеркнули|утверждают|заявляют|сообщают|рассказали|пояснили|добавили|напомнили|считают|назвали|отвергли|опровергли|говорят|рассказывают|пишут|признают)")
}

fn report_of_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    cached(&RE, r"(?i)(?:\b(?:claims?|allegations?|reports?|information|statements?|accusations?|data|version|bulletins?|summary|summaries)\b(?: [\w-]+){0,2}? (?:by|of|from)|\b(?:reported|claimed|confirmed|alleged|announced|stated) by|\bas reported by)\s+(?:the\s+)?(?:two |both )?$|(?i:утверждени|заявлени|сообщени|обвинени|информаци|версии|верси|бюллетен|сводк|доклад|отч[её]т|канал)[а-яё]*\s+$")
}

fn report_noun_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    cached(&RE, r"(?i)^['’]s (?:\w+ )?(?:claims?|allegations?|reports?|statements?|accusations?|version)\b")
}

fn denial_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    cached(&RE, r#"(?i)\b(?:denied|denies|deny|refuted|refutes|rejected|rejects|dismissed|dismisses|disproved|disputed|disputes|did not confirm|does not confirm|has not confirmed)\b|\b(?:does|do|did) not correspond to (?:the )?reality|\bbears? no relation to (?:the )?reality|\bhas nothing to do with (?:the )?reality|\b(?:is|are|was) (?:another|yet another) (?:provocation|lie|fabrication)|\b(?:is|are|was|were) (?:a |an |all a |pure |outright )?(?:lie|lies|fabrication|disinformation|fake|false|untrue|groundless|baseless)\b|\b(?:had|have|has|did) not violated\b|дезинформаци\w*|не соответству\w+ действительности|опроверг\w*|отверг\w*"#)
}

/// "its units had not fired a single shot": a denial of fire in particular.
fn fire_denial_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    cached(&RE, r"(?i)\b(?:had|have|has|did) not (?:fired|opened fire|shelled)\b|not fired a single shot|\bне открывал\w* огонь|\bне обстреливал\w*")
}

/// "X called this information disinformation", "X called the statement of Y a provocation":
/// a verb of labelling, then (within the clause) a word calling it untrue.
fn labelling_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    cached(&RE, r"(?i)\b(?:call(?:ed|s)?|describ(?:ed|es)|brand(?:ed|s)|term(?:ed|s)|label(?:l)?(?:ed|s)) (?:(?:this|the|these|that|such|those|it|them|his|her|their|its)\b)?|назвал\w*")
}

fn untrue_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    cached(&RE, r"(?i)\b(?:disinformation|misinformation|false|fake|a lie|lies|a provocation|provocative|groundless|baseless|untrue|fabricat\w*|slander\w*|absurd|nonsense|fiction|invented|an invention|propaganda)\b|не соответствующ\w+ действительности|дезинформаци\w*|ложн\w+|провокаци\w+|фейк\w*|выдумк\w*|вымысл\w*")
}

/// How far after the labelling verb the word calling it untrue may come, in bytes (a Cyrillic letter takes two).
const LABEL_REACH: usize = 200;

/// The first denial wording in `sentence`, as a byte range.
fn find_denial(sentence: &str) -> Option<(usize, usize)> {
    // A denial of fire in particular ("had not fired a single shot") is a denial too.
    let plain = [denial_re().find(sentence), fire_denial_re().find(sentence)].into_iter().flatten().map(|m| (m.start(), m.end())).min();
    // Two small automata and a bounded window, not one with an 80-character gap in it.
    let labelled = labelling_re().find_iter(sentence).find_map(|l| {
        let window_end = crate::lexicon::floor_char(sentence, (l.end() + LABEL_REACH).min(sentence.len()));
        let clause_end = sentence[l.end()..window_end].find(['.', ';']).map_or(window_end, |i| l.end() + i);
        let window = &sentence[l.end()..clause_end];
        // "called on", "called for": a demand, not a label.
        if window.starts_with("on ") || window.starts_with("for ") || window.starts_with("upon ") {
            return None;
        }
        untrue_re().find(window).map(|u| (l.start(), l.end() + u.end()))
    });
    match (plain, labelled) {
        (Some(p), Some(l)) => Some(if l.0 < p.0 { l } else { p }),
        (p, l) => p.or(l),
    }
}

/// Denials phrased as a predicate of the report itself, not an act of a subject.
const PREDICATIVE: [&str; 6] = ["is ", "are ", "was ", "were ", "does not", "do not"];

/// The speakers of one sentence, for the outlet-voice default to apply when empty.
pub struct Attribution {
    pub speakers: Vec<Speaker>,
    /// Whoever this sentence says denies something, when it is a denial.
    pub denier: Option<Speaker>,
    /// The denial wording found, for explanations.
    pub denial_text: Option<String>,
    /// Byte offset where the denial wording starts.
    pub denial_at: Option<usize>,
    /// The denial says no fire was opened: it denies fire, whatever else the sentence tells.
    pub denies_fire: bool,
}

/// Mentions that may speak (institutions, officials, outlets, people), in `[from, to)`.
fn speaking(mentions: &[Mention], from: usize, to: usize) -> impl DoubleEndedIterator<Item = &Mention> + Clone {
    mentions.iter().filter(move |m| m.start >= from && m.end <= to && m.kind.speaks())
}

fn speaker_of(m: &Mention, how: &'static str) -> Speaker {
    Speaker { name: m.name.clone(), side: m.side.clone(), how, span: (m.start, m.end) }
}

/// Asides between a subject and its verb.
const PARENTHETICALS: [&str; 8] = [", for its part,", ", for their part,", ", in turn,", ", in its turn,", ", however,", ", meanwhile,", ", in its statement,", ", в свою очередь,"];

/// A subject of the verb's own at the end of the stretch before it.
fn own_subject_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    cached(&RE, r"(?i)(?:^|[,;|]\s*|\band )(?:both|all|each|they|we|neither|none|it|he|she)(?: (?:of them|sides|have|has|had|was|is|were|since|also|then|later|again|both)){0,3}\s*$")
}

/// The subject(s) of a verb at `verb`: the nearest speaking mention before it in
/// the same clause, with any mentions coordinated to it ("X and Y claim").
fn subjects_before(text: &str, mentions: &[Mention], sent_start: usize, verb: usize) -> Vec<Speaker> {
    let mut out: Vec<Speaker> = Vec::new();
    let mut cursor = verb;
    for m in speaking(mentions, sent_start, verb).rev() {
        // "The Armenian ministry, for its part, said": a parenthetical is no clause of its own.
        let gap_owned = PARENTHETICALS.iter().fold(text[m.end..cursor].to_string(), |g, p| g.replace(p, " | "));
        let gap = gap_owned.as_str();
        // "... met X, and both have since said": a subject of its own stands between.
        if out.is_empty() && own_subject_re().is_match(gap) {
            break;
        }
        let ok = if out.is_empty() {
            // Up to a short apposition: "Agil Abbas, a member of the committee, told".
            let apposition = [", a ", ", an ", ", the ", ", who ", ", whose "].iter().any(|p| gap.starts_with(p));
            let max_commas = if apposition { 4 } else { 1 };
            gap.len() <= 130 && !gap.contains(['.', ';', '?', '!', '“', '"']) && !gap.contains(" that ") && gap.matches(',').count() <= max_commas
        } else {
            matches!(gap.trim(), "and" | "," | ", and" | "and the" | ", the" | "as well as" | "as well as the")
        };
        if !ok {
            break;
        }
        if !out.iter().any(|s| s.name == m.name) {
            out.push(speaker_of(m, "subject"));
        }
        cursor = m.start;
    }
    out.reverse();
    out
}

/// A speaker named right after the verb: "..., said Vahid Ahmadov", "..., he added".
fn subject_after(text: &str, mentions: &[Mention], verb_end: usize, sent_end: usize) -> Option<Speaker> {
    let m = speaking(mentions, verb_end, sent_end).next()?;
    (text[verb_end..m.start].trim().len() <= 4).then(|| speaker_of(m, "inverted"))
}

/// Speaker of the sentence `[start, end)`.
pub fn attribute(text: &str, mentions: &[Mention], start: usize, end: usize, country_sides: &dyn Fn(usize, usize) -> Option<(String, String)>) -> Attribution {
    let sentence = &text[start..end];
    let mut speakers: Vec<Speaker> = Vec::new();

    for m in according_re().find_iter(sentence) {
        let from = start + m.end();
        if let Some(x) = speaking(mentions, from, end).next().filter(|x| x.start - from <= 16) {
            speakers.push(speaker_of(x, "according_to"));
        }
    }
    // "сообщили в Минобороны России", "как отметили в министерстве", "В МИД Армении заявили":
    // Russian names the body a statement came from with "в" and an impersonal plural verb.
    for x in speaking(mentions, start, end) {
        let lead = text[crate::lexicon::floor_char(text, x.start.saturating_sub(40).max(start))..x.start].to_lowercase();
        let after = &text[x.end..crate::lexicon::floor_char(text, (x.end + 40).min(end))];
        let in_body = lead.ends_with("в ") || lead.ends_with("во ");
        let verb_before = ru_impersonal_re().find_iter(&lead).last().is_some_and(|v| lead[v.end()..].trim() == "в" || lead[v.end()..].trim() == "во");
        let verb_after = ru_impersonal_re().find(after).is_some_and(|v| after[..v.start()].trim_matches([' ', ',']).is_empty() || after[..v.start()].trim_matches([' ', ',']).split_whitespace().count() <= 2);
        if in_body && (verb_before || verb_after) && !speakers.iter().any(|s| s.name == x.name) {
            speakers.push(speaker_of(x, "subject"));
        }
    }
    // "В Степанакерте назвали это выдумкой", "Stepanakert says": a capital speaks for the
    // authorities seated there (Baku and Yerevan are in the lexicon as governments already).
    // Most sentences name no capital: skip the (Unicode, slower) pattern for them.
    let capitals = if capital_re().may_match(sentence) { capital_re().captures_iter(sentence).collect() } else { Vec::new() };
    for c in capitals {
        let m = c.get(0).expect("match");
        let city = c.name("city").or_else(|| c.name("city2")).or_else(|| c.name("city_ru")).or_else(|| c.name("city_en")).expect("city").as_str();
        let (name, side) = match city {
            "Баку" => ("Government of Azerbaijan", "az"),
            "Ереване" => ("Government of Armenia", "am"),
            "Москве" => ("Government of Russia", "ru"),
            _ => ("Karabakh Armenian authorities", "am"),
        };
        if !speakers.iter().any(|s| s.name == name) {
            speakers.push(Speaker { name: name.to_string(), side: side.to_string(), how: "capital", span: (start + m.start(), start + m.end()) });
        }
    }
    // "the information spread by X", "Claims by X that", "the report of X", "X's allegation".
    for x in speaking(mentions, start, end) {
        let lead = &text[crate::lexicon::floor_char(text, x.start.saturating_sub(45).max(start))..x.start];
        let after = &text[x.end..end];
        let possessive = (after.starts_with("'s ") || after.starts_with("’s ")) && report_noun_re().is_match(after);
        // "the statement signed by the presidents" names the parties, not a speaker.
        let signed = lead.to_lowercase().contains("signed by") || lead.to_lowercase().contains("adopted by") || lead.to_lowercase().contains("mediated by");
        if (report_of_re().is_match(lead) || possessive) && !signed && !speakers.iter().any(|s| s.name == x.name) {
            speakers.push(speaker_of(x, "reported"));
        }
    }
    // "the report ..., alleging that": whoever alleges asserts, and never denies in the same breath.
    for v in alleging_re().find_iter(sentence) {
        for s in subjects_before(text, mentions, start, start + v.start()) {
            if !speakers.iter().any(|x| x.name == s.name) {
                speakers.push(Speaker { how: "reported", ..s });
            }
        }
    }
    for v in reporting_re().find_iter(sentence) {
        let (vs, ve) = (start + v.start(), start + v.end());
        // "Armenia said": a country right before the verb speaks through whoever speaks for it.
        let mut subj: Vec<Speaker> = country_sides(start, vs).map(|(name, side)| Speaker { name, side, how: "country", span: (vs, vs) }).into_iter().collect();
        // "..., сообщили в Минобороны России": the body after "в" speaks, not what comes before.
        let after_verb = sentence[v.end()..].trim_start().to_lowercase();
        let body_after = (after_verb.starts_with("в ") || after_verb.starts_with("во ")) && speaking(mentions, ve, end).next().is_some_and(|m| m.start - ve <= 5);
        if subj.is_empty() && !body_after {
            subj = subjects_before(text, mentions, start, vs);
        }
        // "..., which Russia said was inside its zone": the relative clause's speaker, not the sentence's.
        if let Some(first) = subj.first() {
            let lead = text[start..first.span.0.min(vs)].trim_end().to_lowercase();
            if lead.ends_with(", which") || lead.ends_with(", who") || lead.ends_with(" which") {
                subj.clear();
            }
        }
        if subj.is_empty() {
            let before = sentence[..v.start()].trim_end();
            if before.ends_with(',') || before.ends_with('”') || before.ends_with('"') || before.ends_with("”,") {
                subj.extend(subject_after(text, mentions, ve, end));
            }
        }
        for s in subj {
            if !speakers.iter().any(|x| x.name == s.name) {
                speakers.push(s);
            }
        }
    }

    let mut denier = None;
    let mut denial_text = None;
    let mut denial_at = None;
    let mut denies_fire = false;
    if let Some((d_start, d_end)) = find_denial(sentence) {
        let d_text = &sentence[d_start..d_end];
        denies_fire = fire_denial_re().is_match(d_text);
        denial_text = Some(d_text.to_string());
        denial_at = Some(start + d_start);
        let ds = start + d_start;
        // "X denied", "X called it disinformation": X denies. "... is disinformation":
        // whoever speaks the sentence denies (the outlet when nobody is named).
        let predicative = PREDICATIVE.iter().any(|p| d_text.to_lowercase().starts_with(p));
        // "denied by the Karabakh authorities": the agent after "by" denies.
        let by_agent = d_text.to_lowercase().starts_with("denied") && sentence[d_end..].trim_start().starts_with("by ");
        let agent = by_agent.then(|| speaking(mentions, start + d_end, end).next().filter(|m| m.start - (start + d_end) <= 10)).flatten();
        denier = if let Some(a) = agent {
            Some(speaker_of(a, "subject"))
        } else if predicative {
            None
        } else {
            // "Armenia denied": a country denies through whoever speaks for it.
            country_sides(start, ds)
                .map(|(name, side)| Speaker { name, side, how: "country", span: (ds, ds) })
                .or_else(|| subjects_before(text, mentions, start, ds).into_iter().next())
        };
        if denier.is_none() {
            // Speakers whose report is the thing denied assert it; the denier is someone else.
            denier = speakers.iter().find(|s| s.how != "reported" && (s.span.1 <= ds || predicative)).cloned();
        }
        // Whoever the denier answers stays an asserting speaker; the denier does not assert.
        if let Some(dn) = &denier {
            speakers.retain(|s| s.name != dn.name);
        }
    }
    Attribution { speakers, denier, denial_text, denial_at, denies_fire }
}

/// Whether the sentence `[start, end)` opens inside a quotation, given the text before it in its paragraph.
pub fn opens_in_quote(text: &str, paragraph_start: usize, start: usize) -> bool {
    let before = &text[paragraph_start..start];
    let opens = before.matches('“').count() + before.matches('«').count();
    let closes = before.matches('”').count() + before.matches('»').count();
    let straight = before.matches('"').count();
    opens > closes || straight % 2 == 1 || text[start..].starts_with(['“', '"', '«'])
}

/// Whether this kind of actor reports facts in its own name (not a bystander).
pub fn is_institutional(kind: ActorKind) -> bool {
    matches!(kind, ActorKind::Ministry | ActorKind::Government | ActorKind::Security | ActorKind::Peacekeepers | ActorKind::Monitor | ActorKind::Media)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::mention::{self, Outlet};

    fn denier_of(sentence: &str) -> Option<String> {
        let outlet = Outlet { name: "the outlet".into(), known: false, actor: None };
        let mentions = mention::find(sentence, Lexicon::builtin(), &outlet);
        attribute(sentence, &mentions, 0, sentence.len(), &|_, _| None).denier.map(|d| d.name)
    }

    fn speakers_of(text: &str) -> Vec<String> {
        let outlet = Outlet { name: "the outlet".into(), known: false, actor: None };
        let mentions = mention::find(text, Lexicon::builtin(), &outlet);
        // The last sentence of `text`: earlier ones only name what "the ministry" points back at.
        let start = text.rfind(". ").map_or(0, |i| i + 2);
        attribute(text, &mentions, start, text.len(), &|_, _| None).speakers.into_iter().map(|s| s.name).collect()
    }

    #[test]
    fn russian_names_the_body_a_statement_came_from_with_v() {
        assert_eq!(speakers_of("Российские миротворцы сопроводили колонну, сообщили в Минобороны России."), vec!["Ministry of Defense of Russia"]);
        assert_eq!(speakers_of("В МИД Армении заявили, что огонь открыли азербайджанские военные."), vec!["Ministry of Foreign Affairs of Armenia"]);
        assert_eq!(
            speakers_of("Минобороны России опубликовало бюллетень. Как отметили в министерстве, пост выставлен у Гюлятага."),
            vec!["Ministry of Defense of Russia"]
        );
        // "в" with a place, not a body: no speaker.
        assert!(speakers_of("В Шуше прошла акция.").is_empty());
    }

    #[test]
    fn whoever_calls_a_report_untrue_denies_it_not_the_one_reported() {
        assert_eq!(
            denier_of("The Armenian Ministry of Defense called the statement of the Russian Ministry of Defense disinformation.").as_deref(),
            Some("Ministry of Defense of Armenia")
        );
        assert_eq!(
            denier_of("Министерство обороны Азербайджана назвало заявление российского ведомства односторонним и не соответствующим действительности.").as_deref(),
            Some("Ministry of Defense of Azerbaijan")
        );
        assert_eq!(denier_of("Азербайджанская сторона также отвергла сообщения об ударах беспилотников.").as_deref(), Some("Government of Azerbaijan"));
        assert_eq!(denier_of("The Armenian Ministry of Defense described the report as a provocation.").as_deref(), Some("Ministry of Defense of Armenia"));
        assert_eq!(denier_of("The Armenian Ministry of Defense called these reports absurd.").as_deref(), Some("Ministry of Defense of Armenia"));
        // A demand is no label.
        assert_eq!(denier_of("The Armenian Ministry of Defense called for an investigation into the fake news sites."), None);
    }
}
