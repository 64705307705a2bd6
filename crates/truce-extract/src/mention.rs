//! Who is named in a document: lexicon actors, named people, news outlets,
//! and the short forms that point back at them ("the ministry", "the deputy").
//!
//! Every mention resolves to a canonical name with a side and a kind, so that
//! claims and actors come out the same however a report spells them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use truce_pattern::{Pattern, cached};

use crate::lexicon::{ActorKind, Lexicon, at_word_boundaries};

#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub name: String,
    pub side: String,
    pub kind: ActorKind,
    /// How it was found: `lexicon`, `person`, `media`, `outlet`, `coref:…`.
    pub how: &'static str,
    /// For people: the words of their title ("member", "MP", "commentator").
    pub title: Option<String>,
}

/// The publication itself: its canonical name and how to spot it in its own text.
#[derive(Debug, Clone)]
pub struct Outlet {
    pub name: String,
    /// Whether the manifest named it; otherwise it is "the outlet".
    pub known: bool,
    /// The lexicon's entry when the outlet is an actor publishing its own statement
    /// (a ministry, a service): its side and kind then say whose "our units" these are.
    pub actor: Option<usize>,
}

const TITLE_WORDS: &str = r"MP|[Dd]eputy|[Ss]pokes(?:man|woman|person)|[Cc]ommentator|[Ee]xpert|[Aa]nalyst|General|Gen\.|Colonel|Col\.|Major|Captain|Lieutenant|Minister|[Oo]mbudsman|[Aa]dvis[eo]r|[Cc]itizen|[Rr]esident|[Jj]ournalist|[Ss]cientist|[Ll]awmaker|[Cc]hairman|[Cc]ommander|[Oo]fficer|[Dd]irector|[Aa]mbassador|[Pp]rofessor|Dr\.|Mr\.|Ms\.|Mrs\.";

/// Capitalized words that start many sentences or name institutions, never a person.
const NOT_NAME_WORDS: &[&str] = &[
    "The", "A", "An", "According", "However", "Moreover", "Meanwhile", "Although", "After", "Before", "During",
    "Following", "Firstly", "Secondly", "Thirdly", "Fourth", "Later", "Then", "This", "That", "These", "Those",
    "On", "In", "At", "By", "From", "Since", "Under", "As", "But", "And", "Or", "If", "When", "While", "Another",
    "President", "Prime", "Minister", "Ministry", "Defense", "Defence", "Foreign", "Affairs", "State", "Service",
    "Border", "Security", "National", "Army", "Armed", "Forces", "Force", "Azerbaijani", "Azerbaijan", "Armenian",
    "Armenia", "Russian", "Russia", "Iranian", "Iran", "Turkish", "Karabakh", "Nagorno", "Lachin", "Republic",
    "Committee", "Council", "Parliament", "Milli", "Majlis", "Mejlis", "General", "Group", "Company", "Mission",
    "Peacekeeping", "Peacekeepers", "Statement", "Agreement", "Corridor", "Road", "Highway", "Bridge", "City",
    "Region", "District", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    "Radio", "News", "Agency", "Press", "TV", "Telegram", "Facebook", "Twitter", "Defense Army", "Union", "European",
    "Islamic", "Vladimir", "Ilham", "Nikol", "Both", "Each", "Neither", "Other", "Such", "Some", "All", "Our", "We",
    "They", "He", "She", "It", "Its", "Their", "His", "Her", "Political", "Ecology", "Natural", "Resources", "Base",
    "Metals", "Switzerland", "Kamaz", "KamAZ", "Nissan", "Patrol", "Mercedes", "Benz", "Iran", "Syria",
];

/// Two or three capitalized words: a name candidate, judged by what stands around it.
/// Kept free of optional groups so it runs on the fast automaton; the context is
/// checked on the few candidates it finds.
fn name_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    cached(&RE, r"\p{Lu}[\p{Ll}’'-]+(?: \p{Lu}[\p{Ll}’'-]+){1,2}")
}

/// A title right before a name ("Political commentator ", "MP ").
fn title_before_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| Pattern::new(&format!(r"(?:^|[\s(“\x22])(?P<title>{TITLE_WORDS}) $")).expect("title regex"))
}

/// What follows a name that marks it as a person: an apposition or a reporting verb.
fn after_name_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    cached(&RE, r"^,? (?:a|an|the|who|said|says|told|tells|stated|noted|added|stressed|wrote|claimed)\b")
}

/// News outlets named in the text: "the news service Qafqazinfo", "Interfax reported".
fn media_res() -> &'static [Pattern; 2] {
    static RE: OnceLock<[Pattern; 2]> = OnceLock::new();
    RE.get_or_init(|| {
        [
            Pattern::new(r"(?:news (?:service|agency|outlet|site|portal|website)|news outlet|agency|newspaper|TV channel|channel|website|portal|Radio) (?P<name>[\p{Lu}][\w.-]*[\w](?: [\p{Lu}][\w-]+)?)").expect("media regex"),
            Pattern::new(r"(?P<name>[\p{Lu}][\w.-]*[\w]) (?:news agency|news service|news portal|reported|reports|informs|has learned|writes|wrote)\b").expect("media regex"),
        ]
    })
}

fn residents_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    cached(&RE, r"(?P<who>(?P<noun>[Rr]esidents|[Vv]illagers|[Ii]nhabitants) (?:of|in) (?:the (?:village|town) of )?(?P<place>\p{Lu}[\w'’-]+(?: \p{Lu}[\w'’-]+)?))(?:,? (?:told|tell|said|say|says|reported|report|claimed|claim|described|recalled|complained|showed|insist|insisted)\b|(?: [\w-]+){0,3} (?:said|told|reported))")
}

fn coref_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    cached(&RE, r"(?i)\b(?:the (?:same )?(?P<ministry>defen[cs]e ministry|ministry of defen[cs]e|military ministry|ministry|mod)|the (?:same )?(?P<service>(?:border |security |press )?service)|the (?P<deputy>deputy|mp|lawmaker|parliamentarian|member of (?:the )?(?:committee|parliament))|the (?P<expert>expert|analyst|commentator|political scientist|political commentator|observer)|the (?P<official>spokes(?:man|woman|person)|official|minister|general|commander)|the (?P<media>news outlet|news service|news agency|outlet|agency|portal|website|newspaper)|the (?P<monitor>(?:monitoring |observer )?mission|monitors)|(?P<pronoun>he|she)|(?P<it>it))\b|\b(?P<ministry_ru>министерств[оеау]|ведомств[оеау]|военн(?:ое|ом|ого|ому) ведомств[оеау])\b")
}

/// Every mention in `text`, in text order, non-overlapping.
/// How many outlets' patterns are kept compiled: a corpus comes from a few dozen outlets.
const OUTLET_PATTERN_CACHE: usize = 512;

/// The pattern that finds an outlet speaking of itself, compiled once per outlet
/// (compiling costs more than extracting a short report).
fn outlet_pattern(outlet: &str) -> Option<Arc<Pattern>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Option<Arc<Pattern>>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut cache = cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(p) = cache.get(outlet) {
        return p.clone();
    }
    let name = regex::escape(outlet);
    let pat = if outlet.contains('.') { format!(r"(?i)\b{name}\b") } else { format!(r"\b{name}\b") };
    let compiled = Pattern::new(&format!(r"{pat}(?: (?:informs|reports|reported|has learned|writes|wrote|said|says|notes|found|established|has)\b)?|told {pat}")).ok().map(Arc::new);
    if cache.len() >= OUTLET_PATTERN_CACHE {
        cache.clear();
    }
    cache.insert(outlet.to_string(), compiled.clone());
    compiled
}

pub fn find(text: &str, lex: &Lexicon, outlet: &Outlet) -> Vec<Mention> {
    let mut out: Vec<Mention> = lex
        .find_actors(text)
        .into_iter()
        .filter(|h| !text[h.end..].starts_with("-based"))
        .map(|h| {
            let e = &lex.actors[h.entry];
            Mention { start: h.start, end: h.end, name: e.canonical.clone(), side: e.side.clone(), kind: e.kind, how: "lexicon", title: None }
        })
        .collect();

    let overlaps = |ms: &[Mention], s: usize, e: usize| ms.iter().any(|m| s < m.end && m.start < e);

    // The outlet speaking of itself: "Caliber.Az reported that", "Report informs".
    if outlet.known {
        let flexible = outlet.name.contains('.');
        if let Some(re) = outlet_pattern(&outlet.name) {
            for m in re.find_iter(text) {
                let s = m.as_str();
                // A bare common noun ("report") is the outlet only as the subject of a reporting verb.
                let speaks = s.contains(' ') || flexible;
                if speaks && !overlaps(&out, m.start(), m.end()) {
                    out.push(Mention { start: m.start(), end: m.end(), name: outlet.name.clone(), side: "none".into(), kind: ActorKind::Media, how: "outlet", title: None });
                }
            }
        }
    }

    for re in media_res() {
        for c in re.captures_iter(text) {
            let g = c.name("name").expect("name group");
            let name = g.as_str().trim_end_matches('.');
            // "Residents of Sotk reported": a name after "of"/"in" is a place, not an outlet.
            let after_preposition = text[..g.start()].ends_with(" of ") || text[..g.start()].ends_with(" in ");
            if after_preposition || NOT_NAME_WORDS.contains(&name) || name.ends_with("-based") || name.eq_ignore_ascii_case(&outlet.name) || overlaps(&out, g.start(), g.end()) {
                continue;
            }
            out.push(Mention { start: g.start(), end: g.end(), name: name.to_string(), side: "none".into(), kind: ActorKind::Media, how: "media", title: None });
        }
    }

    // "Residents of Tegh told a patrol": the residents of a named place speak as one
    // ("Tegh residents"); only as the subject of a reporting verb, so that residents
    // who are only hit stay "civilians".
    for c in residents_re().captures_iter(text) {
        // The span is the noun alone: the place stays a place of the event.
        let g = c.name("noun").expect("noun group");
        let place = c.name("place").expect("place group").as_str();
        out.retain(|m| !(m.kind == ActorKind::Civilians && m.start >= g.start() && m.end <= g.end()));
        if !overlaps(&out, g.start(), g.end()) {
            out.push(Mention { start: g.start(), end: g.end(), name: format!("{place} residents"), side: "none".into(), kind: ActorKind::Group, how: "residents", title: None });
        }
    }

    // Institutions the lexicon does not list: "the State Service of Emergency Situations of Nagorno-Karabakh".
    for c in institution_re().captures_iter(text) {
        let g = c.name("name").expect("name group");
        if overlaps(&out, g.start(), g.end()) || g.as_str().split_whitespace().count() < 3 {
            continue;
        }
        let side = side_in(g.as_str());
        // Only names that say whose institution it is; "the Ministry of Defense" alone points back instead.
        if side == "none" {
            continue;
        }
        out.push(Mention { start: g.start(), end: g.end(), name: g.as_str().to_string(), side, kind: ActorKind::Government, how: "institution", title: None });
    }

    let mut people: Vec<(String, Option<String>)> = Vec::new();
    for m in name_re().find_iter(text) {
        // "General Andrei Volkov": a title written as the first capitalized word.
        let (start, lead_title) = match m.as_str().split_once(' ') {
            // The first word with its space, as written: "General ".
            Some((first, rest)) if rest.contains(' ') && title_before_re().is_match(&text[m.start()..=m.start() + first.len()]) => {
                (m.start() + first.len() + 1, Some(first.to_string()))
            }
            _ => (m.start(), None),
        };
        let end = m.end();
        let name = &text[start..end];
        let lead = &text[crate::lexicon::floor_char(text, start.saturating_sub(40))..start];
        let title = lead_title.or_else(|| title_before_re().captures(lead).map(|c| c["title"].to_string()));
        let after = after_name_re().find(&text[end..]).map(|a| a.as_str());
        let before = text[..start].trim_end();
        let said_before = before.ends_with("said") || before.ends_with("says") || before.get(before.len().saturating_sub(12)..).is_some_and(|tail| tail.eq_ignore_ascii_case("according to"));
        let words: Vec<&str> = name.split([' ', '-']).collect();
        if words.iter().any(|w| NOT_NAME_WORDS.contains(w)) || overlaps(&out, start, end) {
            continue;
        }
        if title.is_none() && after.is_none() && !said_before {
            continue;
        }
        let apposition = title.clone().or_else(|| {
            // "Agil Abbas, a member of the ... Committee": the head noun after the article.
            after.filter(|a| a.starts_with(", a") || a.starts_with(", the")).and_then(|a| {
                text[end + a.len()..].split_whitespace().next().map(|w| w.trim_matches(|ch: char| !ch.is_alphanumeric()).to_string())
            })
        });
        let title_before = before.rsplit(' ').next().filter(|w| !w.is_empty()).map(str::to_string);
        let title = apposition.or(title_before);
        out.push(Mention { start, end, name: name.to_string(), side: "none".into(), kind: ActorKind::Person, how: "person", title: title.clone() });
        if !people.iter().any(|(n, _)| n == name) {
            people.push((name.to_string(), title));
        }
    }
    // Later mentions of a known person by surname alone.
    for (full, title) in &people {
        let Some(surname) = full.split(' ').next_back() else { continue };
        if surname.len() < 4 {
            continue;
        }
        for (pos, _) in text.match_indices(surname) {
            let end = pos + surname.len();
            if at_word_boundaries(text, pos, end) && !overlaps(&out, pos, end) {
                out.push(Mention { start: pos, end, name: full.clone(), side: "none".into(), kind: ActorKind::Person, how: "person:surname", title: title.clone() });
            }
        }
    }
    out.sort_by_key(|m| m.start);

    // "positions of our units" in a ministry's statement, "fired at its positions": the armed
    // forces of the side that speaks.
    let outlet_side = outlet.actor.map(|e| lex.actors[e].side.clone()).filter(|s| s == "az" || s == "am");
    let mut own = Vec::new();
    for m in own_forces_re().find_iter(text) {
        if overlaps(&out, m.start(), m.end()) {
            continue;
        }
        let side = if m.as_str().to_ascii_lowercase().starts_with("our") {
            outlet_side.clone()
        } else {
            // "The Armenian ministry said Azerbaijani forces fired at its positions": the ministry's.
            out.iter().rev().filter(|x| x.end <= m.start() && m.start() - x.end <= 200 && x.kind.speaks()).find(|x| x.side == "az" || x.side == "am").map(|x| x.side.clone())
        };
        if let Some(country) = side.as_deref().and_then(country_of_side) {
            own.push(Mention { start: m.start(), end: m.end(), name: format!("Armed Forces of {country}"), side: side.clone().unwrap_or_default(), kind: ActorKind::Military, how: "own_forces", title: None });
        }
    }
    out.extend(own);
    out.sort_by_key(|m| m.start);

    // "Azerbaijani and Armenian forces fought", "между армянскими и азербайджанскими
    // подразделениями": one phrase naming both armies.
    let mut both = Vec::new();
    let pairs: Vec<(usize, usize)> = both_armies_re().find_iter(text).map(|m| (m.start(), m.end())).collect();
    // The phrase is one mention of both; "Armenian forces" inside it is not one of its own.
    out.retain(|x| !pairs.iter().any(|&(s, e)| x.start >= s && x.end <= e));
    for &(start, end) in &pairs {
        if overlaps(&out, start, end) {
            continue;
        }
        for (side, country) in [("az", "Azerbaijan"), ("am", "Armenia")] {
            both.push(Mention { start, end, name: format!("Armed Forces of {country}"), side: side.into(), kind: ActorKind::Military, how: "both_armies", title: None });
        }
    }
    // "the adversary opened fire" in one side's statement: the other side's army.
    for m in adversary_re().find_iter(text) {
        if overlaps(&out, m.start(), m.end()) {
            continue;
        }
        let speaker_side = outlet_side.clone().or_else(|| {
            out.iter().rev().filter(|x| x.end <= m.start() && m.start() - x.end <= 300 && x.kind.speaks()).find(|x| x.side == "az" || x.side == "am").map(|x| x.side.clone())
        });
        let other = match speaker_side.as_deref() {
            Some("az") => ("am", "Armenia"),
            Some("am") => ("az", "Azerbaijan"),
            _ => continue,
        };
        both.push(Mention { start: m.start(), end: m.end(), name: format!("Armed Forces of {}", other.1), side: other.0.into(), kind: ActorKind::Military, how: "adversary", title: None });
    }
    out.extend(both);
    out.sort_by_key(|m| m.start);

    // Short forms point back at the latest full mention of their kind.
    let mut corefs = Vec::new();
    for c in coref_re().captures_iter(text) {
        let m = c.get(0).expect("match");
        if overlaps(&out, m.start(), m.end()) {
            continue;
        }
        // "the Ministry of Defense of Azerbaijan" is a full mention the lexicon already has.
        if text[m.end()..].starts_with(" of ") && c.name("ministry").is_some() {
            continue;
        }
        let earlier = out.iter().rev().filter(|x| x.end <= m.start());
        let target = if c.name("ministry").is_some() || c.name("ministry_ru").is_some() {
            earlier.clone().find(|x| x.kind == ActorKind::Ministry)
        } else if c.name("service").is_some() {
            // "the service added": the latest service, agency or ministry named.
            earlier.clone().find(|x| matches!(x.kind, ActorKind::Security | ActorKind::Ministry | ActorKind::Government) && x.name.contains("Service"))
                .or_else(|| earlier.clone().find(|x| matches!(x.kind, ActorKind::Security)))
                // "the press service said": whichever institution was named last.
                .or_else(|| earlier.clone().find(|x| crate::claims::is_institutional(x.kind) && x.kind != ActorKind::Media))
        } else if c.name("deputy").is_some() {
            earlier.clone().find(|x| x.kind == ActorKind::Person && is_title(x, &["mp", "deputy", "member", "lawmaker", "parliamentarian"]))
                .or_else(|| earlier.clone().find(|x| x.kind == ActorKind::Person))
        } else if c.name("expert").is_some() {
            earlier.clone().find(|x| x.kind == ActorKind::Person && is_title(x, &["expert", "analyst", "commentator", "scientist", "observer"]))
                .or_else(|| earlier.clone().find(|x| x.kind == ActorKind::Person))
        } else if c.name("official").is_some() {
            earlier.clone().find(|x| x.kind == ActorKind::Person)
        } else if c.name("media").is_some() {
            earlier.clone().find(|x| x.kind == ActorKind::Media)
        } else if c.name("monitor").is_some() {
            earlier.clone().find(|x| x.kind == ActorKind::Monitor)
        } else {
            // A pronoun stands for a speaker only right before a reporting verb:
            // "he said" for the latest person, "it said" for the latest institution.
            let rest = &text[m.end()..];
            let speaks = ["said", "added", "noted", "stressed", "told", "stated", "says", "emphasized", "claimed", "reported", "accused", "denied"]
                .iter()
                .any(|v| rest.trim_start().starts_with(v));
            if !speaks {
                None
            } else if c.name("it").is_some() {
                earlier.clone().find(|x| crate::claims::is_institutional(x.kind))
            } else {
                earlier.clone().find(|x| x.kind == ActorKind::Person)
            }
        };
        if let Some(t) = target {
            let how = if c.name("pronoun").is_some() || c.name("it").is_some() { "coref:pronoun" } else { "coref" };
            corefs.push(Mention { start: m.start(), end: m.end(), how, ..t.clone() });
        } else if let Some(g) = c.name("ministry").filter(|g| g.as_str().to_lowercase().contains("defen") || g.as_str().eq_ignore_ascii_case("mod")) {
            // No ministry named before: "the Ministry of Defense" is that of the side
            // named just before it ("The Azerbaijan State Security Service and the Ministry of Defense").
            let _ = g;
            let side = out.iter().rev().find(|x| x.end <= m.start() && m.start() - x.end <= 60 && x.side != "none").map(|x| x.side.clone());
            if let Some(country) = side.as_deref().and_then(country_of_side) {
                corefs.push(Mention {
                    start: m.start(),
                    end: m.end(),
                    name: format!("Ministry of Defense of {country}"),
                    side: side.clone().unwrap_or_default(),
                    kind: ActorKind::Ministry,
                    how: "coref:side",
                    title: None,
                });
            }
        }
    }
    out.extend(corefs);
    out.sort_by_key(|m| m.start);
    out
}

fn both_armies_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    cached(&RE, r"(?i)\b(?:azerbaijani and armenian|armenian and azerbaijani) (?:forces|troops|soldiers|servicemen|units|armies|militaries|army units)\b|(?:армянск|азербайджанск)[а-яё]+ и (?:азербайджанск|армянск)[а-яё]+ (?:военнослужащ|подразделени|войск|сил|военн|арми)[а-яё]*")
}

fn adversary_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    cached(&RE, r"(?i)\bthe (?:adversary|enemy|opponent|opposing side)\b|\bпротивник[а-яё]*|вражеск[а-яё]+ (?:сторон|подразделени|позици)[а-яё]*")
}

fn own_forces_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    cached(&RE, r"(?i)\b(?:our|its|their) (?:own )?(?:units|positions|combat positions|servicem[ae]n|soldiers|troops|army|posts|forces)\b")
}

fn institution_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    cached(&RE, r"(?P<name>(?:\p{Lu}[\p{Ll}-]+ ){0,4}(?:Service|Ministry|Committee|Agency|Office|Department|Council|Centre|Center|Command|Headquarters|Commission|Inspectorate|Ombudsman|Prosecutor's Office|Police)(?: (?:of|for|on) (?:the )?\p{Lu}[\w-]+(?: (?:and |of |for )?\p{Lu}[\w-]+){0,5})?)")
}

/// The side an institution's name places it on.
fn side_in(name: &str) -> String {
    let n = name.to_lowercase();
    let side = if n.contains("azerbaijan") {
        "az"
    } else if n.contains("armenia") || n.contains("karabakh") || n.contains("artsakh") {
        "am"
    } else if n.contains("russia") {
        "ru"
    } else {
        "none"
    };
    side.to_string()
}

fn country_of_side(side: &str) -> Option<&'static str> {
    Some(match side {
        "az" => "Azerbaijan",
        "am" => "Armenia",
        "ru" => "Russia",
        "ir" => "Iran",
        "tr" => "Turkey",
        _ => return None,
    })
}

fn is_title(m: &Mention, words: &[&str]) -> bool {
    m.title.as_deref().is_some_and(|t| {
        let t = t.to_lowercase();
        words.iter().any(|w| t.contains(w))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str, outlet: &str) -> Vec<(String, &'static str)> {
        let lex = Lexicon::builtin();
        let actor = lex.find_actors(outlet).first().map(|h| h.entry);
        let o = Outlet { name: outlet.into(), known: true, actor };
        find(text, Lexicon::builtin(), &o).into_iter().map(|m| (m.name, m.how)).collect()
    }

    #[test]
    fn people_titles_and_back_references() {
        let got = names(
            "Agil Abbas, a member of the committee, told Turan that it was used. According to the deputy, it was. Political commentator Zardusht Alizadeh told Radio Azadlyg it ended. According to the expert, it did.",
            "Turan",
        );
        let people: Vec<&str> = got.iter().filter(|(_, h)| h.starts_with("person") || h.starts_with("coref")).map(|(n, _)| n.as_str()).collect();
        assert_eq!(people, vec!["Agil Abbas", "Agil Abbas", "Zardusht Alizadeh", "Zardusht Alizadeh"]);
        assert!(got.iter().any(|(n, h)| n == "Turan" && *h == "outlet"));
    }

    #[test]
    fn ministry_short_form_points_to_the_last_ministry() {
        let got = names("The Armenian MoD denied it. Later the Ministry of Defense said more.", "Wire");
        assert_eq!(got[1], ("Ministry of Defense of Armenia".to_string(), "coref"));
    }

    #[test]
    fn our_units_are_the_speaking_side_s_army() {
        let got = names("Positions of our units were fired upon.", "Ministry of Defense of Azerbaijan");
        assert!(got.contains(&("Armed Forces of Azerbaijan".to_string(), "own_forces")), "{got:?}");
        let got = names("The Armenian ministry said Azerbaijani forces fired at its positions.", "Wire");
        assert!(got.iter().any(|(n, h)| n == "Armed Forces of Armenia" && *h == "own_forces"), "{got:?}");
    }

    #[test]
    fn outlet_as_common_noun_is_not_the_outlet() {
        let got = names("A report said so. Report informs that fire was opened.", "Report");
        assert_eq!(got.iter().filter(|(_, h)| *h == "outlet").count(), 1);
    }
}
