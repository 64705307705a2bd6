//! From matches to event records: which triggers make events, with which date,
//! places, actors, casualties and claims, and when two mentions are one occurrence.

use std::sync::OnceLock;

use truce_pattern::{Pattern, cached as re};
use truce_gazetteer::{Gazetteer, PlaceKind};
use truce_model::{ActorRole, Claim, Document, EventRecord, EventType, PartialDate, Role, Stance};

use crate::casualty;
use crate::claims::{self, Speaker};
use crate::date::{self, RawDate, Resolver};
use crate::lexicon::{ActorKind, Lexicon, TriggerFlags, TriggerHit};
use crate::mention::{self, Mention, Outlet};
use crate::sentence::{self, Sentence};

/// What one sentence held and what the extractor decided about it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SentenceTrace {
    /// Character offsets in the clean text.
    pub span: [usize; 2],
    pub text: String,
    pub places: Vec<String>,
    pub actors: Vec<String>,
    pub dates: Vec<String>,
    pub triggers: Vec<String>,
    pub speakers: Vec<String>,
    /// Why each trigger did or did not become an event.
    pub decisions: Vec<String>,
}

/// Events of one document, with the per-sentence trace that explains them.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    pub events: Vec<EventRecord>,
    pub trace: Vec<SentenceTrace>,
}

/// A resolved date mention.
#[derive(Debug, Clone)]
struct DateAt {
    raw: RawDate,
    /// Part of a wire dateline ("BAKU, April 8, 2022 (Agency) -"): when it was filed, not when anything happened.
    dateline: bool,
    /// Dates a statement ("said on Friday that", "on Saturday rejected"): the event's own date wins when given.
    statement: bool,
    /// The point a comparison counts from ("the heaviest fighting since the ceasefire agreed in
    /// May 1994"): it dates something else, not the event compared.
    compared: bool,
    date: Option<PartialDate>,
    date_end: Option<PartialDate>,
}

/// One event before merging: one trigger (or several of the same type in a sentence).
#[derive(Debug, Clone)]
struct Candidate {
    event_type: EventType,
    sentence: usize,
    /// The last sentence that told this occurrence, once others have been folded in.
    last_sentence: usize,
    paragraph: usize,
    trigger: (usize, usize),
    episode: Option<String>,
    date: Option<PartialDate>,
    date_end: Option<PartialDate>,
    /// Only an end was written ("continued into December 13").
    date_open: bool,
    /// The date was given relative to the one before ("the next day").
    date_relational: bool,
    /// The sentence had a date expression (even one that did not resolve).
    dated_sentence: bool,
    /// Gazetteer ids with their position in the text.
    places: Vec<(usize, String)>,
    actors: Vec<ActorRole>,
    claims: Vec<Claim>,
    killed: Option<u32>,
    injured: Option<u32>,
    evidence: Option<String>,
    rules: Vec<String>,
    weak: bool,
    /// An answer to fire ("retaliatory measures were taken"): its own event, never merged with the fire.
    retaliation: bool,
    /// From a headline or heading: kept only when it merges with an event of the body.
    headline: bool,
    /// Its sentence marks it as another occurrence ("also", "another", "separately").
    distinct: bool,
    /// Its sentence opens with a pronoun ("They installed tents ..."): it goes on about what came before.
    anaphoric: bool,
    /// Sides ("az", "am", ...) of those who assert it.
    sides: Vec<String>,
    /// Told as another incident ("Also on 10 February, ...", "Separately, ..."): it joins
    /// no occurrence told in an earlier sentence.
    separate: bool,
    /// Sides of the actors named in it (not the speakers): deployments by different sides are two.
    actor_sides: Vec<String>,
    /// Its date was written in its own sentence (not taken from a named episode or a neighbour).
    own_date: bool,
    /// Dated only by the statement that reports it ("Azerbaijan said on Friday that ..."):
    /// the event happened then or shortly before.
    statement_dated: bool,
    /// Named as the background of something else ("captured during the fighting"): the
    /// fighting already told, if any, not a new one, and not dated by its sentence.
    backdrop: bool,
    /// The object of a denial ("rejected reports of drone strikes"): the one told before, if any.
    denied_report: bool,
    /// Sentence spans (byte) this record quotes.
    text_span: (usize, usize),
    /// Its places are all countries ("into Armenian territory"): such a place agrees with
    /// any place inside that country when merging. Set just before merging.
    countries_only: bool,
    /// The countries its places lie in. Set just before merging.
    countries: Vec<String>,
    /// Told in the outlet's own voice somewhere (a sentence with no speaker, no denial, not
    /// a headline): the outlet asserts it, whoever else is quoted on it.
    outlet_told: bool,
    /// A war named ("the day the war began"), not a clash in one place.
    war: bool,
}

/// Types whose events move people or goods across borders: countries are their places.
const COUNTRY_TYPES: [EventType; 5] = [EventType::MilitaryMovement, EventType::Transit, EventType::ResourceExploitation, EventType::Restriction, EventType::Infiltration];

const VIOLENT: [EventType; 4] = [EventType::Firing, EventType::ArmedClash, EventType::Attack, EventType::MineIncident];


/// Words that make what follows hypothetical, demanded or negated: not an event.
fn modal_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:if|unless|please|would|could|might|should|must|need to|needs to|plans? to|planning to|intends? to|threaten\w* to|will|shall|(?-i:may)|can|cannot|won't|as if|as though|как будто|словно|как под|ready to|willing to|possibility of|risk of|aims? to|aimed at|demand\w*|calls? (?:on|for)|called (?:on|for)|urg\w+|warn\w*|to avoid|to stop|to ensure|expected to|likely to|hope|i think|we think|believe|in my opinion|perhaps|probably|to (?:investigate|monitor|examine|study|inspect|check|verify|look into|end|combat|halt|curb)|clause on|provisions? (?:on|for)|provides? for|stipulat\w+|envisag\w+|obligations? to|is tasked with|mandated to|due to (?:meet|hold|sign|visit|start|begin|resume)|(?:was|were|is|are) to be|не допустить|может|могут|должны|если|в случае|риск[а-яё]*|предусматрива[а-яё]*|предусмотрен[а-яё]*|угроз[аы] |намерен[аы]?|планиру[а-яё]+|ожида[а-яё]+|собира[а-яё]+с[ья]|предстоит|должна|должно|должен|проведут|проведёт|проведет|потребовал[аи]?|требует|требуют)\b")
}

/// Purpose clauses reach far: "In order to prevent the transportation of manpower, ammunition, mines, ...".
fn purpose_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:in order to|so as to|to prevent|prevent(?:ing|s)?|aimed at preventing|with the aim of)\b")
}

/// Whether `surface` begins with one of `prefixes`, ignoring ASCII case ("Were detained").
fn begins_with_any(surface: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| surface.get(..p.len()).is_some_and(|head| head.eq_ignore_ascii_case(p)))
}

fn named_in_time_phrase_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:after|before|since|during|following|amid|throughout)\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,3}$")
}

fn negation_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:no|none of|nobody|no one|not|never|neither|nor|without|didn't|did not|has not|have not|hasn't|haven't|were not|was not|не|нет|ни|без|никак[а-яё]+|никаких)\b")
}

fn act_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:signed|reached|concluded|adopted|ended (?:in|with)|following|brokered|under which|agreed|was signed|were signed|подписан\w*|закончил\w*|завершил\w*|заключ[её]н\w*|подписал\w*)\b")
}

fn distinct_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:also|another|separately|in addition|additionally|elsewhere|again|second|other|more|также|тоже|ещё|еще|кроме того|снова|вновь)\b")
}

fn separate_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)^[“\x22]?(?:also|separately|in addition|additionally|elsewhere|in (?:a |another )?separate incident|in another incident|another incident)\b")
}

fn ending_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:end|ends|ended|lift|lifts|lifted|call off|calls off|called off|suspend|suspends|suspended) (?:their|its|the) (?:[\w-]+ )?(?:sit-in|protest|blockade|action|picket|rally|demonstration)s?\b")
}

fn timestamp_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"^(?:(?i:update|updated|breaking)\s*)?[0-2]?\d:[0-5]\d\b\s*[:\-–—|]")
}

fn reports_of_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:reports?|claims?|information|allegations?|accusations?|statements?)\b|сообщени\w*|информаци\w*|заявлени\w*|обвинени\w*")
}

fn first_person_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:we|our|us)\b|(?:^|[^\p{L}])(?:мы|наш\w*|нас)(?:[^\p{L}]|$)")
}

fn confirm_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:confirmed|confirms|corroborated|corroborates|acknowledged|acknowledges)\b")
}

fn backdrop_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)^(?:in|during|amid) the (?:heavy |fierce )?(?:fighting|clashes|hostilities)\b")
}

fn damage_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)^(?:damaged|destroyed|burned|burnt|set fire to)\b")
}

fn anaphora_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"^[“\x22]?(?:They|He|She|It|This|These|Those|There|The protesters|The activists)\b")
}

fn connective_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)^(?:meanwhile|at the same time|then|after that|afterwards|later|following (?:this|that|the incident)|immediately after|shortly after|during|soon after|the protest|they|he|she)\b")
}

/// A place named again by its kind alone: "the same village", "the checkpoint", "the area".
fn place_anaphor_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:the same|the|that|this) (?P<noun>village|town|city|settlement|area|section|sector|direction|region|district|checkpoint|bridge|road|highway|corridor|heights?)\b|(?:в том же|в этом|в том|на том же|на этом) (?P<ru>районе|селе|населённом пункте|населенном пункте|месте|участке)")
}

/// How far back a place named by its kind alone may have been named in full, in bytes.
const PLACE_ANAPHOR_REACH: usize = 2000;

/// Place mentions for phrases that name a place by its kind alone ("shots were fired at
/// the checkpoint", "a position outside the same village"): each stands for the place of
/// that kind named last before it, within a few paragraphs. "The village of X" is X itself.
/// A capital standing for its government ("according to Baku", "the ministry in Yerevan")
/// is an actor there, not a place the phrase can point back to.
fn place_anaphora(text: &str, places: &[truce_gazetteer::PlaceMention], mentions: &[Mention], gaz: &Gazetteer) -> Vec<truce_gazetteer::PlaceMention> {
    let mut out = Vec::new();
    for c in place_anaphor_re().captures_iter(text) {
        let whole = c.get(0).expect("group 0");
        let noun = match (c.name("noun"), c.name("ru")) {
            (Some(n), _) => n.as_str().to_ascii_lowercase(),
            // Russian: "в том же селе" (village), otherwise the area of whatever was named.
            (None, Some(r)) if r.as_str().contains("сел") || r.as_str().contains("пункт") => "village".to_string(),
            _ => "area".to_string(),
        };
        let after = &text[whole.end()..];
        // "the village of Sotk", "the road to Lachin", "the Lachin road": a name comes with it.
        if after.starts_with(" of ") || after.starts_with(" to ") || after.starts_with(" between ") || after.starts_with(['-', '–']) {
            continue;
        }
        if places.iter().any(|p| p.start < whole.end() + 2 && whole.start() < p.end + 2) {
            continue;
        }
        let fits = |kind: PlaceKind| match noun.as_str() {
            "village" | "town" | "city" | "settlement" => kind == PlaceKind::Settlement,
            "area" | "section" | "sector" | "direction" => kind != PlaceKind::Country,
            "region" => matches!(kind, PlaceKind::Region | PlaceKind::District),
            "district" => kind == PlaceKind::District,
            "checkpoint" => kind == PlaceKind::Checkpoint,
            "bridge" => kind == PlaceKind::Bridge,
            "road" | "highway" | "corridor" => kind == PlaceKind::Road,
            _ => matches!(kind, PlaceKind::Height | PlaceKind::Mountain),
        };
        let named = places
            .iter()
            .rev()
            .filter(|p| p.end <= whole.start() && whole.start() - p.end <= PLACE_ANAPHOR_REACH)
            .filter(|p| !mentions.iter().any(|m| p.start < m.end && m.start < p.end))
            .find(|p| gaz.get(&p.place_id).is_some_and(|pl| fits(pl.kind)));
        if let Some(p) = named {
            out.push(truce_gazetteer::PlaceMention { start: whole.start(), end: whole.end(), place_id: p.place_id.clone(), surface: whole.as_str().to_string() });
        }
    }
    out
}

/// "was used for these illegal transfers": a trigger under a demonstrative tells again
/// of something already told.
/// So does one whose subject names the event already told: "the shot was fired from Sotk".
fn refers_back(text: &str, sent_start: usize, trigger_start: usize) -> bool {
    let lead = text[crate::lexicon::floor_char(text, trigger_start.saturating_sub(30).max(sent_start))..trigger_start].to_ascii_lowercase();
    ["these ", "those ", "this ", "that ", "the same ", "such "].iter().any(|d| lead.ends_with(d)) || told_event_re().is_match(&lead)
}

fn told_event_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"\bthe (?:shots?|fire|attack|shelling|strike|explosion|blast|incident|clash) (?:was |were |had been |has been )?$")
}

/// A sentence told as the outcome of the one before.
fn consequence_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)^[“\x22]?(?:as a (?:result|consequence)|in (?:the|this|that) (?:attack|shelling|incident|fire|exchange|clash|explosion|blast)|consequently)\b")
}

fn evidence_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?P<tech>technical (?:surveillance|means|observation)|surveillance (?:means|equipment|cameras)|radar|thermal imag\w+)|(?P<video>video|footage)|(?P<photo>photos?|photographs?|images)\b|(?P<sat>satellite)|(?P<eye>eyewitness\w*|witnesses)|(?P<ops>operational data)|(?P<src>(?:our |informed |local |military |security )?sources)\b|(?P<maps>maps)\b")
}

fn locative_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)(?:\b(?:from|to|into|in|inside|within|across|via|towards|toward|entered|reached|through|of)\s+(?:the\s+)?)$")
}

/// Triggers the sentence classifier proposes for sentences in which no lexicon pattern
/// matched: the lexicon misses wording it was never given. Each stands on the word that
/// speaks most for its type; the grammar then judges it like any other trigger.
///
/// A proposal needs a place or a date in its sentence (`anchored`), and none is made for
/// a sentence that goes on about a violent event the sentence before told ("Two crew
/// members died"): cross-validation showed these two kinds made most wrong proposals.
fn proposed_triggers(text: &str, sentences: &[Sentence], triggers: &[TriggerHit], anchored: &dyn Fn(usize, usize) -> bool) -> Vec<TriggerHit> {
    let model = crate::classify::Model::builtin();
    // The triggers come sorted by start: a sentence's own are a run found by bisection,
    // so long documents stay linear.
    let triggers_in = |s: &Sentence| {
        let (start, end) = (s.start, s.end);
        let from = triggers.partition_point(|t| t.start < start);
        triggers[from..].iter().take_while(move |t| t.start < end).filter(move |t| t.end <= end)
    };
    let violent_in = |s: &Sentence| triggers_in(s).any(|t| VIOLENT.contains(&t.event_type));
    sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| triggers_in(s).next().is_none() && anchored(s.start, s.end))
        .filter_map(|(i, s)| {
            let p = model.propose(&text[s.start..s.end])?;
            let follows_violence = i > 0 && VIOLENT.contains(&p.event_type) && violent_in(&sentences[i - 1]);
            if follows_violence {
                return None;
            }
            let flags = TriggerFlags { model: true, ..TriggerFlags::default() };
            Some(TriggerHit { event_type: p.event_type, start: s.start + p.anchor.0, end: s.start + p.anchor.1, pattern: 0, flags })
        })
        .collect()
}

/// Whether a candidate's triggers all came from the sentence model (none from the lexicon).
fn only_proposed(rules: &[String]) -> bool {
    let triggers = || rules.iter().filter(|r| r.starts_with("trigger:"));
    triggers().next().is_some() && triggers().all(|r| r.ends_with(":model"))
}

/// Extracts the events of one document (the trace stays empty: building it costs).
pub fn extract(doc: &Document, gaz: &Gazetteer) -> Extraction {
    run(doc, gaz, false)
}

/// Extracts the events of one document with the per-sentence trace `truce explain` prints.
pub fn explain(doc: &Document, gaz: &Gazetteer) -> Extraction {
    run(doc, gaz, true)
}

/// Pushes a formatted line onto a sentence's decisions only when explaining: the
/// formatting is skipped otherwise.
macro_rules! note {
    ($explain:expr, $decisions:expr, $($arg:tt)*) => {
        if $explain {
            $decisions.push(format!($($arg)*));
        }
    };
}

fn run(doc: &Document, gaz: &Gazetteer, explain: bool) -> Extraction {
    let lex = Lexicon::builtin();
    let text = doc.clean_text.as_str();
    let outlet = outlet_of(doc, lex);
    let sentences = sentence::split(text);
    let mentions = mention::find(text, lex, &outlet);
    let mut places = gaz.find_in(text);
    let anaphora = place_anaphora(text, &places, &mentions, gaz);
    places.extend(anaphora);
    places.sort_by_key(|p| (p.start, p.end));
    let sentence_spans: Vec<(usize, usize)> = sentences.iter().map(|s| (s.start, s.end)).collect();
    let mut triggers = lex.find_triggers(text, &sentence_spans);
    let resolver = Resolver { published: doc.meta.published };
    let all_episode_spans = lex.episode_spans(text, 0, text.len());
    let dates = resolve_dates(text, &sentences, &resolver, &all_episode_spans);
    let proposed = proposed_triggers(text, &sentences, &triggers, &|a, b| {
        places.iter().any(|p| p.start >= a && p.end <= b) || dates.iter().any(|d| d.raw.start >= a && d.raw.end <= b)
    });
    triggers.extend(proposed);
    triggers.sort_by_key(|h| (h.start, h.end));
    let chars = CharIndex::new(text);

    let mut trace = Vec::with_capacity(sentences.len());
    let mut candidates: Vec<Candidate> = Vec::new();
    // Who spoke last for each side: "Azerbaijan claims" speaks through it.
    let mut last_speakers_by_side: Vec<(String, Vec<Speaker>)> = Vec::new();
    let mut last_road: Option<Vec<(usize, String)>> = None;
    // A general "no casualties" has been said: violent events told after it have none either.
    let mut no_casualties_said = false;
    // The event kind (and period) a heading announced, for the list lines under it.
    let mut list_context: Option<(EventType, Option<PartialDate>, Option<PartialDate>)> = None;
    // Speaker of the latest attributed quotation in each paragraph.
    let mut para_quote_speaker: Option<(usize, Speaker)> = None;
    // The voice quoted last, for first-person sentences that name no speaker.
    let mut last_voice: Option<Speaker> = None;
    // A ministry publishing its own statement says "our units" in its own voice.
    let outlet_speaks_itself = outlet.actor.is_some_and(|e| claims::is_institutional(lex.actors[e].kind));
    // "1. Statement of the Ministry of Foreign Affairs of Armenia": a page that reprints
    // statements under headings speaks, section by section, in the voice each heading names.
    let mut section_voice: Option<Speaker> = None;

    for (si, s) in sentences.iter().enumerate() {
        let sent = &text[s.start..s.end];
        let mut decisions: Vec<String> = Vec::new();
        let in_sent = |a: usize, b: usize| a >= s.start && b <= s.end;
        let s_mentions: Vec<&Mention> = mentions.iter().filter(|m| in_sent(m.start, m.end)).collect();
        let after_episode = dates_after_episodes(text, s.start, s.end, lex);
        {
            // Remember the latest road for "this road" later on.
            let ids: Vec<(usize, String, bool)> = s_places_all(text, gaz, &places, s);
            if road_here(&ids, text, gaz) {
                last_road = Some(road_places(&ids, text, gaz));
            }
        }
        let s_dates: Vec<&DateAt> = dates.iter().filter(|d| in_sent(d.raw.start, d.raw.end)).chain(after_episode.iter()).collect();
        let s_places: Vec<&truce_gazetteer::PlaceMention> = places.iter().filter(|p| in_sent(p.start, p.end)).collect();
        let s_triggers: Vec<&TriggerHit> = triggers.iter().filter(|t| in_sent(t.start, t.end)).collect();

        // Attribution.
        let country_sides = |from: usize, to: usize| -> Option<(String, String)> {
            // A country named inside a mention ("the Ministry of Defense of Azerbaijan said") is that mention's.
            let p = s_places
                .iter()
                .rev()
                .filter(|p| !s_mentions.iter().any(|m| p.start >= m.start && p.end <= m.end))
                .find(|p| p.start >= from && p.end <= to && to - p.end <= 3)?;
            let place = gaz.get(&p.place_id)?;
            if place.kind != PlaceKind::Country {
                return None;
            }
            // "the Human Rights Defender of Armenia confirmed", "Защитник прав человека Армении
            // подтвердил": a country that qualifies a noun is not the subject.
            let written = &text[p.start..p.end];
            let oblique_ru = written.chars().any(|c| matches!(c, 'а'..='я' | 'А'..='Я')) && written.ends_with(['и', 'а', 'у', 'е', 'ю']);
            if oblique_ru || text[..p.start].ends_with(" of ") {
                return None;
            }
            let side = side_of_country(&place.name)?;
            Some(match last_speakers_by_side.iter().find(|(sd, _)| sd == side) {
                Some((_, sps)) => (sps.iter().map(|sp| sp.name.as_str()).collect::<Vec<_>>().join("\u{1f}"), side.to_string()),
                // "Armenia said": the body of that side the report names, before or after.
                None => match mentions.iter().find(|m| m.side == side && matches!(m.kind, ActorKind::Ministry | ActorKind::Security)) {
                    Some(m) => (m.name.clone(), side.to_string()),
                    None => (format!("Government of {}", place.name), side.to_string()),
                },
            })
        };
        let attribution = claims::attribute(text, &mentions, s.start, s.end, &country_sides);
        // A country speaking through several bodies at once comes back joined; split it.
        let mut speakers: Vec<Speaker> = attribution
            .speakers
            .iter()
            .flat_map(|sp| sp.name.split('\u{1f}').map(|n| Speaker { name: n.to_string(), ..sp.clone() }).collect::<Vec<_>>())
            .collect();
        // "Местные в Сотке рассказывают", "жители Тегха говорят": the residents of a named
        // place speak as one ("Sotk residents"); the place stays the event's.
        if speakers.is_empty()
            && ru_residents_re().may_match(sent)
            && let Some(m) = ru_residents_re().find(sent)
            && let Some(p) = s_places.iter().find(|p| p.start >= s.start + m.end() && p.start - (s.start + m.end()) <= 2)
            && let Some(place) = gaz.get(&p.place_id)
            && ru_residents_verb_re().is_match(&text[p.end..crate::lexicon::floor_char(text, (p.end + 60).min(s.end))])
        {
            speakers.push(Speaker { name: format!("{} residents", place.name), side: "none".into(), how: "residents", span: (s.start + m.start(), s.start + m.end()) });
        }
        let paragraph_start = sentences.iter().find(|x| x.paragraph == s.paragraph).map_or(s.start, |x| x.start);
        let quoted = claims::opens_in_quote(text, paragraph_start, s.start);
        if speakers.is_empty() && quoted {
            // Quoted speech: the speaker named in this paragraph, before or after.
            let later = sentences[si + 1..]
                .iter()
                .take_while(|x| x.paragraph == s.paragraph)
                .find_map(|x| claims::attribute(text, &mentions, x.start, x.end, &|_, _| None).speakers.into_iter().next());
            let earlier = para_quote_speaker.as_ref().filter(|(p, _)| *p == s.paragraph).map(|(_, sp)| sp.clone());
            if let Some(mut sp) = earlier.or(later) {
                sp.how = "quote";
                speakers.push(sp);
            }
        }
        if is_heading(sent) && let Some(h) = section_heading_re().find(sent) {
            // The voice is named right after the heading's noun ("Statement of the MFA of
            // Armenia"), not later ("... on the provocations of the Armenian side").
            let named_at = s.start + h.end();
            section_voice = s_mentions
                .iter()
                .find(|m| m.kind.speaks() && m.start >= named_at && section_gap_re().is_match(&text[named_at..m.start]))
                // A ministry's own release under its own name speaks in the outlet's voice already.
                .filter(|m| m.name != outlet.name && outlet.actor.is_none_or(|e| lex.actors[e].canonical != m.name))
                .map(|m| Speaker { name: m.name.clone(), side: m.side.clone(), how: "section", span: (m.start, m.end) });
        }
        if speakers.is_empty() && !is_heading(sent)
            && let Some(sp) = &section_voice {
                speakers.push(sp.clone());
            }
        // "Yesterday two of our deminers were wounded": in a report quoting someone at length
        // (a speech, a thread), the first person is the voice quoted last, not the outlet's.
        if speakers.is_empty() && !outlet_speaks_itself && first_person_re().is_match(sent)
            && let Some(sp) = &last_voice {
                speakers.push(Speaker { how: "first_person", ..sp.clone() });
            }
        if let Some(sp) = speakers.iter().find(|sp| matches!(sp.how, "subject" | "according_to" | "inverted" | "quote")) {
            last_voice = Some(sp.clone());
        }
        if let Some(sp) = speakers.first()
            && (quoted || sent.contains(['“', '"', '«'])) {
                para_quote_speaker = Some((s.paragraph, sp.clone()));
            }
        let mut sides: Vec<&str> = speakers.iter().filter(|sp| sp.side != "none" && sp.how != "country").map(|sp| sp.side.as_str()).collect();
        sides.dedup();
        for side in sides {
            let group: Vec<Speaker> = speakers.iter().filter(|sp| sp.side == side).cloned().collect();
            last_speakers_by_side.retain(|(sd, _)| sd != side);
            last_speakers_by_side.push((side.to_string(), group));
        }

        let is_question = sent.trim_end().ends_with('?');
        // A headline, or a wire lead's summary of mutual accusations: it only merges with events told in full.
        let heading = is_heading(sent) || mutual_re().is_match(sent);
        let episode_spans: Vec<(usize, usize)> = all_episode_spans.iter().copied().filter(|(a, b)| in_sent(*a, *b)).collect();
        let evidence = find_evidence(sent);
        let cas = casualty::find(sent);

        // Triggers that overlap a longer trigger of another type give way to it, except a
        // named episode: "a bomblet left over from the 2020 war exploded" still names the war.
        // "a column of military trucks leaving Shusha": what moves is military, not a passage;
        // such a transit match neither counts nor hides the military movement inside it.
        let all_triggers = s_triggers.clone();
        let s_triggers: Vec<&TriggerHit> = s_triggers
            .into_iter()
            .filter(|t| {
                // "Груз задержан", "the shipment was seized": goods held are no people held.
                if t.event_type == EventType::Arrest {
                    let lead = &text[crate::lexicon::floor_char(text, t.start.saturating_sub(30).max(s.start))..t.start];
                    let goods = goods_re().find_iter(lead).last().is_some_and(|m| lead[m.end()..].split_whitespace().count() <= 2);
                    if goods {
                        note!(explain, decisions, "arrest {:?}: skipped, goods are held, not people", &text[t.start..t.end]);
                        return false;
                    }
                    // "families who return to these areas": people going home, not people let go.
                    let homecoming = homecoming_re().is_match(&text[t.start..t.end])
                        && text[t.end..s.end].split_whitespace().next().is_some_and(|w| matches!(w.to_ascii_lowercase().as_str(), "to" | "home" | "from"));
                    if homecoming {
                        note!(explain, decisions, "arrest {:?}: skipped, people going home, not released", &text[t.start..t.end]);
                    }
                    return !homecoming;
                }
                if t.event_type != EventType::Transit {
                    return true;
                }
                // "передвижение колонны из шести грузовиков, которая вышла из Ханкенди": the column
                // a military movement names is not a civilian passage, however long the match.
                let named_military = all_triggers.iter().any(|o| o.event_type == EventType::MilitaryMovement && o.start < t.end && t.start < o.end);
                let military = named_military || military_cargo_re().is_match(&passage_cargo(text, t, s.end));
                if military {
                    note!(explain, decisions, "transit {:?}: skipped, military movement", &text[t.start..t.end]);
                }
                !military
            })
            .collect();
        let kept: Vec<(&TriggerHit, Option<&crate::lexicon::Episode>)> = s_triggers
            .iter()
            .map(|t| (*t, lex.episode_at(text, t.start, t.end).filter(|e| e.event_type == t.event_type)))
            .filter(|(t, episode)| {
                // "a shell left over from last year's war": a war named inside another trigger.
                let names_war = t.event_type == EventType::ArmedClash && (text[t.start..t.end].ends_with(" war") || text[t.start..t.end].contains("войн"));
                // A bare "were killed" (a weak attack) gives way to the violence it overlaps,
                // however short: "killed by fire from Armenian positions" is fire.
                let gives_way = |weak: &TriggerHit, strong: &TriggerHit| {
                    weak.flags.weak && weak.event_type == EventType::Attack && VIOLENT.contains(&strong.event_type) && !strong.flags.weak
                };
                // The longer match wins, except that a bare "had been wounded" never beats the fire
                // it overlaps ("had been wounded by fire"): both would be lost.
                let beaten = |o: &&TriggerHit| {
                    o.event_type != t.event_type && o.start < t.end && t.start < o.end
                        && (((o.end - o.start) > (t.end - t.start) && !gives_way(o, t)) || gives_way(t, o))
                };
                episode.is_some() || names_war || !s_triggers.iter().any(beaten)
            })
            .collect();
        let strong_violent = kept.iter().any(|(t, _)| VIOLENT.contains(&t.event_type) && !t.flags.weak);

        let mut sent_cands: Vec<Candidate> = Vec::new();
        for &(t, episode) in &kept {
            let surface = &text[t.start..t.end];
            let rule = format!("trigger:{}:{}", t.event_type, lex.pattern_source(t));
            if is_question {
                note!(explain, decisions, "{} {surface:?}: skipped, the sentence is a question", t.event_type);
                continue;
            }
            if t.flags.weak && strong_violent {
                note!(explain, decisions, "{} {surface:?}: skipped, weak trigger beside a stronger violent one", t.event_type);
                continue;
            }
            // "a mudflow blocked the road": nature closes roads too; that restricts nobody's passage by intent.
            if t.event_type == EventType::Restriction && natural_cause_re().is_match(sent) {
                note!(explain, decisions, "{} {surface:?}: skipped, a natural cause", t.event_type);
                continue;
            }
            // "an electrical fault started a fire at our warehouse": the noun "fire" after an
            // article or a kind of blaze is a fire that burns, not fire that is shot.
            if t.event_type == EventType::Firing
                && surface.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("fire"))
                && blaze_before_re().is_match(&text[crate::lexicon::floor_char(text, t.start.saturating_sub(30).max(s.start))..t.start])
            {
                note!(explain, decisions, "{} {surface:?}: skipped, a blaze, not shooting", t.event_type);
                continue;
            }
            // "fired on the village and damaged a school": the damage is what the fire did.
            if t.event_type == EventType::Looting && strong_violent && damage_re().is_match(surface) {
                note!(explain, decisions, "{} {surface:?}: skipped, damage done by the violence the sentence tells", t.event_type);
                continue;
            }
            // "brought artillery fire to the edge of Goris": the weapon named is fired, not moved.
            if t.event_type == EventType::MilitaryMovement
                && s_triggers.iter().any(|o| o.event_type == EventType::Firing && o.start > t.start && o.start < t.end && !text[t.end.min(o.end)..o.end].trim().is_empty())
            {
                note!(explain, decisions, "{} {surface:?}: skipped, the weapon it names is fired", t.event_type);
                continue;
            }
            let backdrop = episode.is_none() && backdrop_re().is_match(surface);
            // "Azerbaijan also rejected reports of drone strikes": what is denied was told before.
            let denied_report = attribution.denial_at.is_some_and(|at| at < t.start && reports_of_re().is_match(&text[at..t.start]));
            if let Some(why) = hypothetical(text, s.start, t.start, t.end)
                .or_else(|| infinitive(text, s.start, t.start, lex))
                .or_else(|| adjectival(text, s.start, t.start, lex))
                .or_else(|| (t.event_type != EventType::Agreement).then(|| agreed_content(text, s.start, t.start)).flatten())
                && episode.is_none() {
                    note!(explain, decisions, "{} {surface:?}: skipped, {why}", t.event_type);
                    continue;
                }
            // "had entered the area in late November 2020, after the cessation of hostilities": a
            // ceasefire named to place something else in time is no act of its own.
            // "until the ceasefire took hold the following afternoon" tells the ceasefire itself.
            if t.event_type == EventType::Agreement
                && episode.is_none()
                && ceasefire_re().is_match(surface)
                && time_reference_re().is_match(&text[s.start..t.start])
                && !took_hold_re().is_match(&text[t.start..crate::lexicon::floor_char(text, (t.end + 48).min(s.end))])
            {
                note!(explain, decisions, "{} {surface:?}: skipped, named only to place something in time", t.event_type);
                continue;
            }
            if t.flags.reference {
                let window_end = crate::lexicon::floor_char(text, (t.end + 70).min(s.end));
                let window_start = crate::lexicon::floor_char(text, t.start.saturating_sub(70).max(s.start));
                // Only a date written onto the document counts: "the statement of November 10",
                // "the November 2020 ceasefire statement"; not one told of something else nearby.
                // "entered the district on 20 November 2020, under the trilateral statement": the date
                // is the entry's; the statement is only what it was done under.
                let dated = s_dates.iter().any(|d| {
                    // "the trilateral statements of the leaders of Russia, Azerbaijan and Armenia of
                    // 9 November 2020": the date closes the document's own noun phrase.
                    let own_phrase = d.raw.start >= t.end
                        && d.raw.start - t.end <= 90
                        && [" of ", " от "].iter().any(|of| text[..d.raw.start].ends_with(of))
                        && !text[t.end..d.raw.start].contains([';', '.', ':']);
                    !d.dateline
                        && ((d.raw.start >= t.end && d.raw.start - t.end <= 25)
                            || own_phrase
                            || (d.raw.end <= t.start && t.start - d.raw.end <= 20 && !done_under_re().is_match(&text[d.raw.end..t.start])))
                });
                let acted = act_re().is_match(&text[window_start..window_end]);
                if !dated && !acted {
                    note!(explain, decisions, "{} {surface:?}: skipped, a reference to a document, not an occurrence", t.event_type);
                    continue;
                }
            }
            // Date: the episode's, else the nearest date expression in the sentence.
            let (mut d, mut de, mut open, mut relational, mut date_rule) = (None, None, false, false, String::new());
            let mut statement_dated = false;
            if let Some(ep) = episode {
                d = ep.date;
                de = ep.date_end;
                date_rule = format!("date:episode:{}", ep.id);
            } else if let Some(own) = s_dates.iter().filter(|_| backdrop).find(|d| d.raw.start >= t.end && d.raw.start - t.end <= 30 && !text[t.end..d.raw.start].contains(',')) {
                // "during the fighting near Sotk on 16 November": a date written onto the backdrop is its own.
                d = own.date;
                de = own.date_end;
                date_rule = format!("date:{}", own.raw.rule);
            } else if backdrop {
                date_rule = "date:none_for_backdrop".into();
            } else if let Some(best) = nearest_date(text, &s_dates, t, &episode_spans) {
                d = best.date;
                de = best.date_end;
                open = best.raw.end_marker;
                relational = matches!(best.raw.expr, date::Expr::NextDay | date::Expr::FromPrevious(_) | date::Expr::SincePrevious);
                statement_dated = best.statement;
                date_rule = format!("date:{}", best.raw.rule);
            }
            // "The activists end their sit-in": the date is when it ended.
            if !open && d.is_some() && de.is_none() && matches!(t.event_type, EventType::Protest | EventType::Restriction) && ending_re().is_match(sent) {
                open = true;
            }
            if open {
                std::mem::swap(&mut d, &mut de);
                d = None;
            }
            let mut rules = vec![rule];
            if !date_rule.is_empty() {
                rules.push(date_rule);
            }
            if t.flags.habitual && d.is_none() && s_places.is_empty() {
                note!(explain, decisions, "{} {surface:?}: kept as habitual (optional in gold)", t.event_type);
            }
            note!(explain, decisions, 
                "{} {surface:?}: event, date {}{}",
                t.event_type,
                d.map_or("none".into(), |x| x.to_string()),
                de.map_or(String::new(), |x| format!("..{x}"))
            );
            // Taking people and letting them go are two occurrences, even told in one breath.
            if t.event_type == EventType::Arrest && release_re().is_match(&text[t.start..t.end]) {
                rules.push("arrest:release".into());
            }
            // "X said the other side had fired first": an account of who started a clash.
            if t.event_type == EventType::Firing && fired_first_re().is_match(sent) {
                rules.push("account:who_fired_first".into());
            }
            sent_cands.push(Candidate {
                event_type: t.event_type,
                sentence: si,
                last_sentence: si,
                paragraph: s.paragraph,
                trigger: (t.start, t.end),
                episode: episode.map(|e| e.id.clone()),
                date: d,
                date_end: de,
                date_open: open,
                date_relational: relational,
                // Only dates of later clauses: the sentence leaves this one undated.
                dated_sentence: s_dates.iter().any(|sd| !dates_a_later_clause(text, sd, t.end)),
                places: Vec::new(),
                actors: Vec::new(),
                claims: Vec::new(),
                killed: None,
                injured: None,
                evidence: evidence.clone(),
                rules,
                weak: t.flags.weak,
                retaliation: t.flags.retaliation,
                headline: heading,
                distinct: distinct_re().is_match(sent),
                separate: separate_re().is_match(sent),
                anaphoric: anaphora_re().is_match(sent) || refers_back(text, s.start, t.start),
                sides: Vec::new(),
                actor_sides: Vec::new(),
                own_date: episode.is_none() && d.is_some(),
                statement_dated,
                backdrop: backdrop || denied_report,
                denied_report,
                text_span: (s.start, s.end),
                countries_only: false,
                countries: Vec::new(),
                outlet_told: false,
                // The word "war" ("the war began"), not a word holding it ("towards").
                war: t.event_type == EventType::ArmedClash
                    && surface.split(|c: char| !c.is_alphanumeric()).any(|w| w.eq_ignore_ascii_case("war") || w.eq_ignore_ascii_case("wars") || w.to_lowercase().starts_with("войн")),
            });
        }

        // A road blocked by activists is a protest, not an authority's restriction.
        // "closed to civilian vehicles" names traffic, not people who block.
        let people = |m: &&&Mention| {
            let after = text[m.end..crate::lexicon::floor_char(text, (m.end + 12).min(text.len()))].to_lowercase();
            !["vehicles", "cars", "traffic", "goods", "cargo", "flights", "transport"].iter().any(|w| after.trim_start().starts_with(w))
        };
        // "дорога перекрыта людьми, называющими себя экоактивистами": where the sentence itself tells a
        // protest, the road it closes is that protest's blockade.
        let protest_told = sent_cands.iter().any(|c| c.event_type == EventType::Protest && !only_proposed(&c.rules));
        if (protest_told || s_mentions.iter().filter(people).any(|m| m.kind == ActorKind::Group || m.name == "civilians")) && sent_cands.iter().any(|c| c.event_type == EventType::Restriction) {
            // "the villagers were banned from grazing": people a passive restricts are its target.
            let passive = |c: &Candidate| begins_with_any(&text[c.trigger.0..c.trigger.1], &["was ", "were ", "is ", "are ", "been ", "be "]);
            for c in sent_cands.iter_mut().filter(|c| c.event_type == EventType::Restriction && !passive(c)) {
                c.event_type = EventType::Protest;
                c.rules.push("type:blockade_by_civilians".into());
            }
        }
        // "detained two villagers who had crossed into the Gazakh district": a civilian's crossing told
        // after the arrest is why they were held, not an incursion of its own.
        if let Some(arrest_at) = sent_cands.iter().filter(|c| c.event_type == EventType::Arrest).map(|c| c.trigger.0).min() {
            sent_cands.retain(|c| {
                let surface = text[c.trigger.0..c.trigger.1].to_lowercase();
                // Only a plain crossing: "caught trying to infiltrate" is an incursion of its own.
                let plain_crossing = !["infiltr", "sabotage", "проник", "диверс"].iter().any(|w| surface.contains(w));
                let reason = c.event_type == EventType::Infiltration && c.trigger.0 > arrest_at && plain_crossing && civilian_crossing_re().is_match(sent);
                if reason {
                    note!(explain, decisions, "infiltration {:?}: dropped, the crossing is the reason for the arrest told before it", &text[c.trigger.0..c.trigger.1]);
                }
                !reason
            });
        }
        // "Armenian forces captured Lachin", "Lachin was seized in May 1992": taking a place is fighting.
        if !is_question {
            for p in &s_places {
                let lead = &text[crate::lexicon::floor_char(text, p.start.saturating_sub(40).max(s.start))..p.start];
                let tail = &text[p.end..crate::lexicon::floor_char(text, (p.end + 40).min(s.end))];
                // Only towns, districts and heights are taken so; "the road was occupied by activists" is a protest.
                let takeable = gaz.get(&p.place_id).is_some_and(|g| matches!(g.kind, PlaceKind::Settlement | PlaceKind::District | PlaceKind::Height));
                let taken_after = captured_after_re().find(tail).filter(|_| takeable).map(|m| (p.start, p.end + m.end()));
                let span = capture_re().find(lead).map(|m| (p.start - (lead.len() - m.start()), p.end)).or(taken_after);
                if let Some((start, end)) = span
                    && !sent_cands.iter().any(|c| c.event_type == EventType::ArmedClash && !only_proposed(&c.rules)) && hypothetical(text, s.start, start, end).is_none() {
                        // "Lachin was captured" takes a town, not a prisoner; and the grammar's reading
                        // replaces the sentence model's guess.
                        sent_cands.retain(|c| !(c.event_type == EventType::Arrest && c.trigger.0 >= start && c.trigger.0 < end));
                        sent_cands.retain(|c| !only_proposed(&c.rules));
                        note!(explain, decisions, "armed_clash {:?}: event, a place taken by force", &text[start..end]);
                        let mut c = plain_candidate(EventType::ArmedClash, si, s, (start, end), heading);
                        if let Some(best) = nearest_date(text, &s_dates, &TriggerHit { event_type: EventType::ArmedClash, start, end, pattern: 0, flags: Default::default() }, &episode_spans) {
                            c.date = best.date;
                            c.date_end = best.date_end;
                        }
                        c.dated_sentence = !s_dates.is_empty();
                        c.rules.push("trigger:armed_clash:capture_of_place".into());
                        sent_cands.push(c);
                    }
            }
        }
        // A bulletin's list under a heading that names the event kind:
        // "Ceasefire violations (15-30 September)" / "Sotk-Kalbajar section: 11 (7 reported by ...)".
        let only_weak = sent_cands.iter().all(|c| c.weak || only_proposed(&c.rules));
        if only_weak && !s_places.is_empty() && list_item_re().is_match(sent) && !heading && !s_dates.iter().any(|d| d.dateline)
            && let Some((ty, hd, hde)) = list_context {
                sent_cands.clear();
                note!(explain, decisions, "{ty}: event, a list item under a heading naming it");
                let mut c = plain_candidate(ty, si, s, (s.start, s.start), false);
                c.date = hd;
                c.date_end = hde;
                c.dated_sentence = true;
                c.evidence = evidence.clone();
                c.rules.push("trigger:list_item_under_heading".into());
                sent_cands.push(c);
            }
        if heading || sent.trim_end().ends_with(':') || is_list_heading(sent) {
            list_context = sent_cands.iter().find(|c| !c.retaliation).map(|c| (c.event_type, c.date, c.date_end));
            if list_context.is_some_and(|(_, d, _)| d.is_none())
                && let Some(d) = s_dates.iter().find(|d| d.date.is_some() && !d.dateline) {
                    list_context = list_context.map(|(t, _, _)| (t, d.date, d.date_end));
                }
        }

        // Several triggers of one type with agreeing dates are one occurrence.
        let mut merged: Vec<Candidate> = Vec::new();
        for c in sent_cands {
            let release = |x: &Candidate| x.rules.iter().any(|r| r == "arrest:release");
            match merged.iter_mut().find(|m| m.event_type == c.event_type && m.retaliation == c.retaliation && release(m) == release(&c) && dates_compatible(m, &c)) {
                Some(m) => absorb(m, c),
                None => merged.push(c),
            }
        }
        let mut sent_cands = merged;

        // Places and actors go to the nearest trigger of the sentence.
        if !sent_cands.is_empty() {
            // A capital speaking ("в Степанакерте заявили") is where the statement came from, not a place of the event.
            let actor_spans: Vec<(usize, usize)> = s_mentions.iter().map(|m| (m.start, m.end)).chain(speakers.iter().filter(|sp| sp.how == "capital").map(|sp| sp.span)).collect();
            let place_names = select_places(text, gaz, &s_places, &actor_spans, s.start, s.end);
            let sent_cands_len = sent_cands.len();
            let has_non_country = place_names.iter().any(|p| !p.2);
            // A place written right after a trigger ("talks ... in Brussels") belongs to the events of
            // that clause alone: "detained ... who had crossed into the Lachin district" places both.
            let attached_to = |pos: usize| -> Vec<usize> {
                (0..sent_cands.len())
                    .filter(|&i| {
                        let end = sent_cands[i].trigger.1;
                        pos >= end && pos - end <= 60 && !text[end..pos].contains([',', '.', ';', '('])
                    })
                    .collect()
            };
            // A road named by its end points ("Khankendi-Khalfali-Turshsu") is shared by every event told on it.
            let in_chain = |pos: usize| -> bool {
                let before = text[..pos].chars().next_back();
                let chained_after = place_names.iter().any(|(p, _, _)| *p > pos && text[pos..*p].chars().filter(|c| c.is_whitespace()).count() == 0);
                matches!(before, Some('-' | '–')) || chained_after
            };
            let owners: Vec<Vec<usize>> = place_names.iter().map(|(pos, _, _)| if in_chain(*pos) { Vec::new() } else { attached_to(*pos) }).collect();
            for (ci, c) in sent_cands.iter_mut().enumerate() {
                for ((pos, name, is_country), owner) in place_names.iter().zip(&owners) {
                    if !owner.is_empty() && !owner.contains(&ci) && sent_cands_len > 1 {
                        continue;
                    }
                    let keep = if c.episode.is_some() {
                        // A named episode takes only a place written right after it ("the agreement ... in Karabakh"),
                        // and no country ("signed by the leaders of Azerbaijan" names parties).
                        !*is_country && *pos >= c.trigger.1 && *pos - c.trigger.1 <= 50 && !text[c.trigger.1..*pos].contains([',', '.', ';'])
                    } else {
                        // Countries are an event's places as origin or destination of what moves, or when nothing closer is named.
                        !*is_country || !has_non_country || COUNTRY_TYPES.contains(&c.event_type)
                    };
                    if keep && !c.places.iter().any(|(_, n)| n == name) {
                        c.places.push((*pos, name.clone()));
                    }
                }
                // "the peacekeepers in Azerbaijan's Karabakh refused to escort the march towards the
                // Hakari bridge": where an actor is stationed is the event's place only when the text
                // names no other.
                let located: Vec<bool> = c.places.iter().map(|(pos, _)| actor_location(text, &s_mentions, *pos, s.start)).collect();
                if located.iter().any(|l| !l) {
                    let mut i = 0;
                    c.places.retain(|_| {
                        i += 1;
                        !located[i - 1]
                    });
                }
            }
            // "this road": the road named last, by its end points or its name.
            if this_road_re().is_match(sent) && !road_here(&place_names, text, gaz)
                && let Some(road) = &last_road {
                    for c in sent_cands.iter_mut() {
                        c.places = road.clone();
                        c.rules.push("place:this_road".into());
                    }
                }
            let speaker_spans: Vec<(usize, usize)> = speakers.iter().map(|sp| sp.span).collect();
            for m in &s_mentions {
                if speaker_spans.iter().any(|sp| m.start < sp.1 && sp.0 < m.end) || matches!(m.kind, ActorKind::Media) {
                    continue;
                }
                // People found only as speakers elsewhere are quoted, not actors; named people who act stay.
                let ci = nearest_candidate(&sent_cands, m.start);
                let c = &mut sent_cands[ci];
                let role = role_for(text, c, m, s.start);
                if !c.actors.iter().any(|a| a.name == m.name) {
                    c.actors.push(ActorRole { name: m.name.clone(), role });
                }
                if matches!(m.side.as_str(), "az" | "am" | "ru") && !c.actor_sides.contains(&m.side) {
                    c.actor_sides.push(m.side.clone());
                }
            }
            // "two violations were recorded in the Martakert district and one in the Askeran
            // district": the count left out after "and one" tells a second occurrence elsewhere.
            let mut elided: Vec<Candidate> = Vec::new();
            for c in sent_cands.iter_mut() {
                let Some(m) = elided_count_re().find(&text[c.trigger.1..s.end]) else { continue };
                let at = c.trigger.1 + m.start();
                let (before, after): (Vec<_>, Vec<_>) = c.places.iter().cloned().partition(|(pos, _)| *pos < at);
                if before.is_empty() || after.is_empty() {
                    continue;
                }
                note!(explain, decisions, "{} {:?}: a second occurrence, its count elided", c.event_type, m.as_str());
                let mut second = another_occurrence(c);
                second.trigger = (at, c.trigger.1 + m.end());
                second.places = after;
                second.rules.push("split:elided_count".into());
                c.places = before;
                elided.push(second);
            }
            // "took Shusha and Lachin in May 1992, and Kalbajar in 1993": after "and" a place and
            // a date of their own, with no verb of their own, tell the act again elsewhere, later.
            let mut elided_dated: Vec<Candidate> = Vec::new();
            for c in sent_cands.iter_mut() {
                let Some(m) = elided_marker_re().find(&text[c.trigger.1..s.end]) else { continue };
                let (at, rest) = (c.trigger.1 + m.start(), c.trigger.1 + m.end());
                let Some(later) = s_dates.iter().find(|d| d.raw.start >= rest && d.date.is_some() && !d.dateline) else { continue };
                // ", and he died of his wounds in a Ganja hospital two days later" tells what became of
                // a victim, no second occurrence.
                let own_verb = s_triggers.iter().any(|t| t.start >= at && !t.flags.model) || died_of_wounds_re().is_match(&text[rest..later.raw.start]);
                let (before, after): (Vec<_>, Vec<_>) = c.places.iter().cloned().partition(|(pos, _)| *pos < at);
                if own_verb || before.is_empty() || after.is_empty() {
                    continue;
                }
                note!(explain, decisions, "{} {:?}: a second occurrence at another date, its verb elided", c.event_type, &text[at..later.raw.end]);
                let mut second = another_occurrence(c);
                second.trigger = (at, later.raw.end);
                second.places = after;
                (second.date, second.date_end) = (later.date, later.date_end);
                second.rules.push("split:elided_verb".into());
                c.places = before;
                if let Some(own) = s_dates.iter().filter(|d| d.raw.end <= at && d.date.is_some() && !d.dateline).max_by_key(|d| d.raw.end) {
                    (c.date, c.date_end) = (own.date, own.date_end);
                }
                elided_dated.push(second);
            }
            // "the return of Aghdam (20 November), Kalbajar (25 November) and Lachin (1 December
            // 2020)", "захватили Шушу 8 мая 1992 года, Лачин — 18 мая того же года": a place with a
            // date of its own beside it is an occurrence of its own.
            let mut paired: Vec<Candidate> = Vec::new();
            for c in sent_cands.iter_mut().filter(|c| c.places.len() >= 2 && !c.rules.iter().any(|r| r.starts_with("split:"))) {
                let pairs = place_date_pairs(text, c, &s_places, &s_dates);
                if pairs.len() < 2 {
                    continue;
                }
                note!(explain, decisions, "{}: one occurrence for each place dated in the list ({} places)", c.event_type, pairs.len());
                let template = c.clone();
                for (i, (place, (d, de))) in pairs.into_iter().enumerate() {
                    let target = if i == 0 {
                        &mut *c
                    } else {
                        paired.push(another_occurrence(&template));
                        paired.last_mut().expect("just pushed")
                    };
                    target.places = vec![place];
                    (target.date, target.date_end) = (d, de);
                    target.rules.push("split:place_dates".into());
                }
            }
            // "the trilateral statements of 9 November 2020, 11 January 2021 and 26 November 2021":
            // full dates listed, one act on each.
            for c in sent_cands.iter_mut().filter(|c| c.places.len() <= 1 && c.date_end.is_none() && !c.rules.iter().any(|r| r.starts_with("split:"))) {
                let list = listed_dates(text, &s_dates.iter().copied().filter(|d| d.raw.start >= c.trigger.1 || c.episode.is_none()).collect::<Vec<_>>());
                // A document named with the dates of its several texts: those dates, not the one
                // the episode gives.
                if c.episode.is_some() && list.len() >= 2 {
                    c.date = list[0];
                    c.rules.retain(|r| !r.starts_with("date:episode"));
                    c.rules.push("date:listed".into());
                }
                if list.len() < 2 || !list.contains(&c.date) {
                    continue;
                }
                note!(explain, decisions, "{}: one occurrence on each of the dates listed ({})", c.event_type, list.len());
                for d in list.into_iter().filter(|d| *d != c.date) {
                    let mut other = another_occurrence(c);
                    other.date = d;
                    other.rules.push("split:date_list".into());
                    paired.push(other);
                }
            }
            // "3, 7 и 12 мая ... подвергли обстрелу", "on 3, 7 and 12 May": one act on each day listed.
            let mut listed: Vec<Candidate> = Vec::new();
            if let Some(m) = day_list_re().captures(sent) {
                let days: Vec<u8> = m.name("days").map_or("", |d| d.as_str()).split(|c: char| !c.is_ascii_digit()).filter_map(|d| d.parse().ok()).collect();
                let last: Option<u8> = m.name("last").and_then(|d| d.as_str().parse().ok());
                let all: Vec<u8> = days.iter().copied().chain(last).collect();
                for c in sent_cands.iter_mut().filter(|c| c.date_end.is_none()) {
                    let Some(d) = c.date.filter(PartialDate::is_full) else { continue };
                    if !d.day().is_some_and(|day| all.contains(&day)) || all.len() < 2 {
                        continue;
                    }
                    note!(explain, decisions, "{}: one occurrence on each of the days listed ({:?})", c.event_type, m.get(0).map_or("", |x| x.as_str()));
                    for day in &all {
                        let Some(on) = d.year().zip(d.month()).and_then(|(y, mo)| PartialDate::ymd(y, mo, *day)) else { continue };
                        if Some(on) == c.date {
                            continue;
                        }
                        let mut other = c.clone();
                        other.date = Some(on);
                        other.rules.push("split:day_list".into());
                        listed.push(other);
                    }
                }
            }
            sent_cands.extend(elided);
            sent_cands.extend(elided_dated);
            sent_cands.extend(listed);
            sent_cands.extend(paired);
            if cas.killed.is_some() || cas.injured.is_some() {
                let ci = sent_cands.iter().position(|c| VIOLENT.contains(&c.event_type)).unwrap_or(0);
                sent_cands[ci].killed = cas.killed;
                sent_cands[ci].injured = cas.injured;
                sent_cands[ci].rules.push("casualties".into());
            }
        }

        // Claims: the speakers assert; a denial denies (the outlet's, when nobody else is named).
        let denier: Option<String> = match (&attribution.denier, &attribution.denial_text) {
            (Some(d), _) => Some(d.name.clone()),
            // "This is all a lie," inside a quotation: its speaker says so.
            (None, Some(_)) => Some(speakers.iter().find(|sp| sp.how != "reported").map_or_else(|| outlet.name.clone(), |sp| sp.name.clone())),
            _ => None,
        };
        // "its units had not fired a single shot and accused Baku of trying to overshadow the
        // talks": a denial of fire in a sentence that tells no fire denies the fire told before.
        let fire_denied = attribution.denies_fire && !sent_cands.is_empty() && !sent_cands.iter().any(|c| VIOLENT.contains(&c.event_type));
        // "В Степанакерте назвали это сообщение выдумкой и заявили, что в тот же день ...": the
        // denial is of what was told before; what follows it is the denier's own account.
        let counter_claim = denier.is_some()
            && attribution.denial_at.is_some_and(|at| {
                !sent_cands.is_empty()
                    && (sent_cands.iter().all(|c| c.trigger.0 > at && counter_claim_re().is_match(&text[at..c.trigger.0]))
                        // "... said its posts had been fired on, and that its own units had not opened fire".
                        || (attribution.denies_fire && sent_cands.iter().all(|c| c.trigger.1 <= at && and_that_re().is_match(&text[c.trigger.1..at]))))
            });
        let denial_of_what_came_before = fire_denied || counter_claim;
        for c in &mut sent_cands {
            c.outlet_told = speakers.is_empty() && denier.is_none() && !c.headline && !quoted;
            if counter_claim && let Some(d) = &denier {
                c.claims.push(Claim { claimant: d.clone(), stance: Stance::Asserted });
                c.rules.push("claim:counter_claim".into());
                // Its own party's account: it joins no account of the other side.
                let side = attribution.denier.as_ref().map(|x| x.side.clone()).or_else(|| speakers.iter().find(|sp| &sp.name == d).map(|sp| sp.side.clone()));
                if let Some(side) = side.filter(|x| x != "none" && !c.sides.contains(x)) {
                    c.sides.push(side);
                }
            }
            if let Some(d) = denier.as_ref().filter(|_| !denial_of_what_came_before) {
                c.claims.push(Claim { claimant: d.clone(), stance: Stance::Denied });
                c.rules.push("claim:denial".into());
                // Told first and denied after ("a guard was wounded ...; Armenia denied that ..."):
                // the outlet narrates what the other side denies.
                let denial_at = attribution.denial_at.unwrap_or(s.end);
                if speakers.is_empty() && c.trigger.1 <= denial_at && d != &outlet.name {
                    c.claims.push(Claim { claimant: outlet.name.clone(), stance: Stance::Asserted });
                    c.rules.push("claim:narrated_then_denied".into());
                }
            }
            for sp in speakers.iter().filter(|sp| Some(&sp.name) != denier.as_ref() && sp.side != "none") {
                if !c.sides.contains(&sp.side) {
                    c.sides.push(sp.side.clone());
                }
            }
            for sp in speakers.iter().filter(|sp| Some(&sp.name) != denier.as_ref()) {
                c.claims.push(Claim { claimant: sp.name.clone(), stance: Stance::Asserted });
                c.rules.push(format!("claim:{}", sp.how));
            }
        }
        // "No casualties were reported" with no event, place or date of its own speaks of every
        // violent event the report told without counts (a bulletin's closing line).
        if sent_cands.is_empty() && cas == casualty::Casualties::zero() && s_places.is_empty() && s_dates.is_empty() {
            no_casualties_said = true;
        }
        if sent_cands.is_empty() || denial_of_what_came_before {
            if let Some(denier) = &denier {
                // A denial with no event of its own denies the latest events before it.
                let target = candidates.iter().rev().find(|c| si - c.sentence <= 4 && (!fire_denied || VIOLENT.contains(&c.event_type))).map(|c| c.sentence);
                // "The claims of X that its units did not fire are untrue": X denies the events
                // before, and whoever calls its denial untrue asserts them.
                let denied_denial = speakers.iter().find(|sp| sp.how == "reported").filter(|rep| {
                    let upto = attribution.denial_at.unwrap_or(s.end).max(rep.span.1);
                    negation_re().is_match(&text[rep.span.1..upto])
                });
                if let Some(ts) = target {
                    for c in candidates.iter_mut().filter(|c| c.sentence == ts) {
                        if let Some(rep) = denied_denial {
                            if !c.claims.iter().any(|x| x.claimant == rep.name) {
                                c.claims.push(Claim { claimant: rep.name.clone(), stance: Stance::Denied });
                            }
                            if !c.claims.iter().any(|x| &x.claimant == denier) {
                                c.claims.push(Claim { claimant: denier.clone(), stance: Stance::Asserted });
                            }
                            c.rules.push("claim:denial_called_untrue".into());
                        // Nobody denies what they themselves assert: the denial is of something else they mention.
                        } else if !c.claims.iter().any(|x| &x.claimant == denier) {
                            c.claims.push(Claim { claimant: denier.clone(), stance: Stance::Denied });
                            c.rules.push("claim:denial_of_previous".into());
                        }
                    }
                    note!(explain, decisions, "denial by {denier}: attached to the events of the sentence before");
                }
            } else if confirm_re().is_match(sent) && s_triggers.is_empty() && speakers.iter().any(|sp| sp.how != "reported") {
                // "Armenia's National Security Service confirmed both the detention and the return":
                // a confirmation with no event of its own asserts the events just told.
                let confirmers: Vec<&Speaker> = speakers.iter().filter(|sp| sp.how != "reported").collect();
                let mut confirmed = 0;
                for c in candidates.iter_mut().filter(|c| si - c.sentence <= 2) {
                    for sp in &confirmers {
                        if !c.claims.iter().any(|x| x.claimant == sp.name) {
                            c.claims.push(Claim { claimant: sp.name.clone(), stance: Stance::Asserted });
                            c.rules.push("claim:confirmation_of_previous".into());
                            confirmed += 1;
                        }
                    }
                }
                if confirmed > 0 {
                    note!(explain, decisions, "confirmation by {}: attached to the events just told", confirmers.iter().map(|sp| sp.name.as_str()).collect::<Vec<_>>().join(", "));
                }
            } else if let Some(prev) = candidates.last_mut() {
                // A sentence that only adds casualties or evidence completes the event before it.
                if si <= prev.sentence + 2 && prev.paragraph == s.paragraph && VIOLENT.contains(&prev.event_type)
                    && (prev.killed.is_none() && cas.killed.is_some() || prev.injured.is_none() && cas.injured.is_some()) {
                        prev.killed = prev.killed.or(cas.killed);
                        prev.injured = prev.injured.or(cas.injured);
                        prev.text_span.1 = s.end;
                        prev.rules.push("casualties:next_sentence".into());
                    }
                if prev.evidence.is_none() && prev.paragraph == s.paragraph && si == prev.sentence + 1 {
                    prev.evidence = evidence.clone();
                }
            }
        }

        if explain {
            trace.push(SentenceTrace {
            span: [chars.at(s.start), chars.at(s.end)],
            text: sent.to_string(),
            places: s_places.iter().map(|p| gaz.get(&p.place_id).map_or(p.place_id.clone(), |pl| format!("{} ({})", pl.name, p.surface))).collect(),
            actors: s_mentions.iter().map(|m| format!("{} ({})", m.name, m.how)).collect(),
            dates: s_dates.iter().map(|d| format!("{} → {}{}", &text[d.raw.start..d.raw.end], d.date.map_or("?".into(), |x| x.to_string()), d.date_end.map_or(String::new(), |x| format!("..{x}")))).collect(),
            triggers: s_triggers.iter().map(|t| format!("{} {:?}{}", t.event_type, &text[t.start..t.end], if t.flags.model { " (proposed by the sentence model)" } else { "" })).collect(),
            speakers: speakers.iter().map(|sp| format!("{} ({})", sp.name, sp.how)).collect(),
            decisions,
            });
        }
        candidates.extend(sent_cands);
    }

    inherit_dates(&mut candidates, text, &sentences, &dates, doc.meta.published);
    inherit_places_of_violence(&mut candidates, text, &sentences);
    let mut candidates = attach_followers(candidates, text, &sentences);
    for c in &mut candidates {
        c.countries_only = !c.places.is_empty() && c.places.iter().all(|(_, id)| gaz.get(id).is_some_and(|p| p.kind == PlaceKind::Country));
        c.countries = c.places.iter().flat_map(|(_, id)| gaz.parent_chain(id)).filter(|p| p.kind == PlaceKind::Country).map(|p| p.id.clone()).collect();
    }
    let mut merged: Vec<Candidate> = merge_document(candidates).into_iter().filter(|c| !c.headline).collect();
    // A short news item dated to the day tells recent violence: what it leaves undated falls
    // in the month of publication (decided after merging, so it joins nothing it should not).
    let news = doc.meta.published.filter(|p| p.is_full() && text.len() <= 5000);
    for c in merged.iter_mut().filter(|c| c.date.is_none() && c.episode.is_none() && VIOLENT.contains(&c.event_type)) {
        if let Some(month) = news.and_then(|p| PartialDate::ym(p.year()?, p.month()?)) {
            c.date = Some(month);
            c.rules.push("date:month_of_news".into());
        }
    }
    // "С 26 июля ... азербайджанская сторона их не пропускает": an obstruction lasting days
    // is a restriction, a standing rule, not an incident on the road.
    for c in merged.iter_mut().filter(|c| c.event_type == EventType::Obstruction) {
        let day = |d: Option<PartialDate>, last: bool| d.and_then(|d| if last { d.last_day() } else { d.first_day() }).and_then(|d| d.days_from_epoch());
        let days = day(c.date, false).zip(day(c.date_end, true)).map(|(a, b)| b - a);
        if days.is_some_and(|n| n >= 2) {
            c.event_type = EventType::Restriction;
            c.rules.push("type:lasting_obstruction".into());
        }
    }
    // "The war that began on 27 September 2020": a start written out, the end the episode's.
    for c in merged.iter_mut().filter(|c| c.episode.is_none() && c.date_end.is_none() && war_begun_re().is_match(&text[c.trigger.0..c.trigger.1])) {
        let Some(day) = c.date.and_then(|d| d.first_day()) else { continue };
        let episode = lex.episodes.iter().find(|e| {
            e.event_type == c.event_type && e.date.and_then(|d| d.first_day()).zip(e.date.and_then(|d| d.last_day())).is_some_and(|(a, b)| day >= a && day <= b)
        });
        if let Some(e) = episode {
            c.date_end = e.date_end;
            c.rules.push(format!("date:end_of_episode:{}", e.id));
        }
    }
    if no_casualties_said {
        for c in merged.iter_mut().filter(|c| VIOLENT.contains(&c.event_type) && c.killed.is_none() && c.injured.is_none()) {
            c.killed = Some(0);
            c.injured = Some(0);
            c.rules.push("casualties:none_reported".into());
        }
    }
    // "The Azerbaijani side fired", "Azerbaijan launched an operation": in violence a state acts
    // through its army.
    for c in merged.iter_mut().filter(|c| VIOLENT.contains(&c.event_type)) {
        for a in c.actors.iter_mut().filter(|a| a.role != Role::Target) {
            if let Some(country) = a.name.strip_prefix("Government of").map(str::trim).filter(|c| matches!(*c, "Azerbaijan" | "Armenia")) {
                let army = format!("Armed Forces of {country}");
                a.name = army;
                c.rules.push("actor:state_acts_through_army".into());
            }
        }
        let mut seen = Vec::new();
        c.actors.retain(|a| {
            let key = (a.name.clone(), a.role);
            let fresh = !seen.contains(&key);
            seen.push(key);
            fresh
        });
    }
    // "a resident of Chartar was wounded", "обстрелян автомобиль жителя села": people who are
    // not fighters are the target of the violence the sentence tells.
    for c in merged.iter_mut().filter(|c| matches!(c.event_type, EventType::Firing | EventType::Attack | EventType::MineIncident | EventType::Looting)) {
        let said = &text[c.text_span.0..c.text_span.1];
        if !c.actors.iter().any(|a| a.name.contains("civilians") || a.name.contains("residents")) && civilian_re().is_match(said) {
            c.actors.push(ActorRole { name: "civilians".into(), role: Role::Target });
            c.rules.push("actor:civilians_named".into());
        }
    }
    // Fire between the two armies has both in it: whoever shoots or retaliates, the other is shot at.
    const ARMIES: [&str; 2] = ["Armed Forces of Azerbaijan", "Armed Forces of Armenia"];
    for c in merged.iter_mut().filter(|c| c.event_type == EventType::Firing) {
        let present: Vec<bool> = ARMIES.iter().map(|a| c.actors.iter().any(|x| x.name == *a)).collect();
        if let [true, false] | [false, true] = present[..] {
            let shooter = if present[0] { ARMIES[0] } else { ARMIES[1] };
            let other = if present[0] { ARMIES[1] } else { ARMIES[0] };
            // Unless the text names someone else as the target (villagers, a tractor's driver).
            if c.actors.iter().any(|x| x.name == shooter && x.role != Role::Target) && !c.actors.iter().any(|x| x.role == Role::Target) {
                c.actors.push(ActorRole { name: other.to_string(), role: Role::Target });
                c.rules.push("actor:the_other_army".into());
            }
        }
    }
    let events = merged.into_iter().map(|c| to_record(c, doc, text, &chars, &outlet, gaz)).collect();
    Extraction { events, trace }
}

/// The publication as a claimant. An institution publishing its own statement
/// ("Ministry of Defence of Armenia (statement)") is named as the lexicon names it.
fn outlet_of(doc: &Document, lex: &Lexicon) -> Outlet {
    let Some(o) = doc.meta.outlet.as_deref().map(str::trim).filter(|o| !o.is_empty()) else {
        return Outlet { name: "the outlet".into(), known: false, actor: None };
    };
    let hits = lex.find_actors(o);
    match hits.iter().max_by_key(|h| h.end - h.start) {
        Some(h) if (h.end - h.start) * 10 >= o.len() * 6 => Outlet { name: lex.actors[h.entry].canonical.clone(), known: true, actor: Some(h.entry) },
        _ => Outlet { name: o.to_string(), known: true, actor: None },
    }
}

/// A headline, a section heading or a caption: a short line that does not end a sentence.
fn is_heading(sentence: &str) -> bool {
    let t = sentence.trim_end();
    let ends_sentence = t.ends_with(['.', '!', '?', ';', ':', '"', '”', '»', '…']);
    let words = t.split_whitespace().count();
    // "Shelling." / "Обстрел.": a one- or two-word rubric names a topic, whatever its stop
    // (not a list's number, "1.").
    (!ends_sentence && words <= 16) || (words <= 2 && t.chars().filter(|c| c.is_alphabetic()).count() >= 4)
}

/// A heading naming whose text follows: "2. Response of the spokesperson of the MFA of
/// Azerbaijan", "Заявление МИД Армении". A heading with no voice ends the section.
fn section_heading_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)^\s*(?:\d+[.)]\s*)?(?:(?:full |official )?(?:text of (?:the )?)?(?:statement|response|reply|comment|answer|remarks|press release|communiqu[ée]|position|заявлени[ея]|ответ|комментари[йя]|сообщение|позиция)\b|(?:\d+[.)]\s*)\p{Lu})")
}

/// A denial, then the denier's own account: "... a fabrication and said that", "... выдумкой и
/// заявили, что".
fn counter_claim_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:and|but) (?:instead )?(?:said|says|claimed|claims|stated|insisted|reported|added) (?:that )?|\bsaying (?:instead )?that\b|\bи (?:[а-яё]+ )?(?:заявил[аи]?|сообщил[аи]?|утверждают|заявляют|добавил[аи]?),? (?:что|будто)\b|\bзаявив,? что\b")
}

fn ru_residents_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"\b(?:[Мм]естные|[Жж]ители|[Сс]ельчане|[Оо]дносельчане) (?:в |во |из )?")
}

fn ru_residents_verb_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"^[\s,]*(?:[а-яё]+ )?(?:рассказыва|говор|сообща|утвержда|жалу|вспомина|уверя)[а-яё]*")
}

fn and_that_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\band that\b|\bи что\b")
}

/// What may stand between a heading's noun and the voice it names: "of the spokesperson of
/// the", "пресс-службы"; nothing else.
fn section_gap_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)^\s*(?:(?:of|by|from|issued by) (?:the )?(?:(?:spokes(?:person|man|woman)|press (?:service|secretary|office)|head|representative)s? (?:of|for) (?:the )?)?|(?:пресс-службы|пресс-секретаря|(?:официального )?представителя) )?$")
}

/// A bulletin's list line: "Sotk-Kalbajar section: 11", "Aghdam direction: 4 cases".
fn list_item_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i):\s*\d+\b|\b\d+ (?:cases|violations|incidents|times)\b|\(\d+\)")
}

fn mutual_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:accused each other|accuse each other|accused one another|traded (?:accusations|blame)|blamed each other|blame each other)\b")
}

fn capture_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:captured|seized|occupied|recaptured|liberated|freed|took control of|took|regained|взял[аи]?|захватил[аи]?|заняли|занял[аи]?|овладели|освободил[аи]?|взяти[еяю]|захват[аеу]?)(?: (?:the )?(?:town|city|village|district|region|heights?) of)? (?:the )?$")
}

/// A candidate with no trigger of its own (a list line, a captured place).
fn plain_candidate(event_type: EventType, sentence: usize, s: &Sentence, trigger: (usize, usize), headline: bool) -> Candidate {
    Candidate {
        event_type,
        sentence,
        last_sentence: sentence,
        paragraph: s.paragraph,
        trigger,
        episode: None,
        date: None,
        date_end: None,
        date_open: false,
        date_relational: false,
        dated_sentence: false,
        places: Vec::new(),
        actors: Vec::new(),
        claims: Vec::new(),
        killed: None,
        injured: None,
        evidence: None,
        rules: Vec::new(),
        weak: false,
        retaliation: false,
        headline,
        distinct: true,
        separate: false,
        anaphoric: false,
        sides: Vec::new(),
        actor_sides: Vec::new(),
        own_date: false,
        statement_dated: false,
        backdrop: false,
        denied_report: false,
        text_span: (s.start, s.end),
        countries_only: false,
        countries: Vec::new(),
        outlet_told: false,
        war: false,
    }
}

/// A section heading over a list: short, no full stop ("Reported ceasefire violations by area (24 in total)").
fn is_list_heading(sentence: &str) -> bool {
    let t = sentence.trim_end();
    !t.ends_with(['.', '!', '?', ';']) && t.split_whitespace().count() <= 12
}

fn this_road_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:this|that|the same|such a) (?:road|route|highway|dirt road)\b")
}

/// Every place mention of the sentence as (position, id, is_country), in text order.
fn s_places_all(text: &str, gaz: &Gazetteer, places: &[truce_gazetteer::PlaceMention], s: &Sentence) -> Vec<(usize, String, bool)> {
    let _ = text;
    places
        .iter()
        .filter(|p| p.start >= s.start && p.end <= s.end)
        .map(|p| (p.start, p.place_id.clone(), gaz.get(&p.place_id).is_some_and(|pl| pl.kind == PlaceKind::Country)))
        .collect()
}

/// Whether the places include a road: one the gazetteer knows, or end points joined by hyphens.
fn road_here(ids: &[(usize, String, bool)], text: &str, gaz: &Gazetteer) -> bool {
    !road_places(ids, text, gaz).is_empty()
}

fn road_places(ids: &[(usize, String, bool)], text: &str, gaz: &Gazetteer) -> Vec<(usize, String)> {
    if let Some((p, id, _)) = ids.iter().find(|(_, id, _)| gaz.get(id).is_some_and(|pl| pl.kind == PlaceKind::Road)) {
        return vec![(*p, id.clone())];
    }
    let mut chain: Vec<(usize, String)> = Vec::new();
    for (i, (p, id, _)) in ids.iter().enumerate() {
        let joined = i > 0 && matches!(text[..*p].chars().next_back(), Some('-' | '–'));
        if joined {
            if chain.is_empty() {
                chain.push((ids[i - 1].0, ids[i - 1].1.clone()));
            }
            chain.push((*p, id.clone()));
        } else if chain.len() >= 2 {
            break;
        } else {
            chain.clear();
        }
    }
    if chain.len() >= 2 { chain } else { Vec::new() }
}

fn side_of_country(name: &str) -> Option<&'static str> {
    Some(match name {
        "Azerbaijan" => "az",
        "Armenia" => "am",
        "Russia" => "ru",
        "Iran" => "ir",
        "Turkey" => "tr",
        "Georgia" => "ge",
        _ => return None,
    })
}

/// "Shortly after the end of the 2020 war": a date, the month the named episode ended.
fn dates_after_episodes(text: &str, start: usize, end: usize, lex: &Lexicon) -> Vec<DateAt> {
    static AFTER: OnceLock<Pattern> = OnceLock::new();
    let after = re(&AFTER, r"(?i)\b(?:shortly |soon |immediately |right )?after (?:the end of )?(?:the )?$");
    let mut out = Vec::new();
    for e in &lex.episodes {
        for m in e.pattern.find_iter(&text[start..end]) {
            let lead = &text[crate::lexicon::floor_char(text, (start + m.start()).saturating_sub(40).max(start))..start + m.start()];
            let Some(ended) = e.date_end.or(e.date) else { continue };
            if after.is_match(lead) {
                let month = ended.year().zip(ended.month()).and_then(|(y, mo)| PartialDate::ym(y, mo));
                let raw = RawDate { start: start + m.start(), end: start + m.end(), expr: date::Expr::Abs { y: None, m: None, d: None }, rule: "after_episode", end_marker: false };
                out.push(DateAt { raw, dateline: false, statement: false, compared: false, date: month, date_end: None });
            }
        }
    }
    out
}

fn said_after_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    // "On 7 March the ministry said that", "На следующий день Министерство обороны сообщило, что",
    // "On 2 January the Ministry of Defence of Azerbaijan denied that": the speaker may stand
    // between the date and a verb that opens what was said.
    re(&RE, r"(?i)^\s*,?\s*(?:(?:said|says|stated|reported|announced|rejected|denied|claimed|accused|told|confirmed|added|issued|published)\b|(?:the |its )(?:[\w-]+ ){0,6}?(?:said|stated|reported|announced|claimed|confirmed|denied|insisted|maintained|acknowledged|admitted) that\b|(?:[а-яёА-ЯЁ-]+ ){1,6}?(?:сообщил[аио]?|заявил[аио]?|объявил[аио]?|уточнил[аио]?|подтвердил[аио]?|опроверг(?:ли|ла|ло)?|отрицал[аио]?|утверждал[аио]?|признал[аио]?),? что(?:\s|$))")
}

fn said_before_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)(?:\b(?:said|says|stated|reported|announced|rejected|denied|claimed|accused|told|confirmed|added)\s+(?:on\s+|late\s+on\s+|early\s+on\s+)?|\b(?:published|released|issued|posted)\s+(?:\w+\s+){0,2}?(?:in|on)\s+(?:early\s+|mid-|late\s+)?)$")
}

fn compared_since_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\bsince\b|со времени|с момента|со дня")
}

fn superlative_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:most|worst|deadliest|heaviest|largest|biggest|fiercest|bloodiest|first)\b|самы[ейхм]|крупнейш|тяжелейш|кровопролитнейш")
}

fn resolve_dates(text: &str, sentences: &[Sentence], resolver: &Resolver, episode_spans: &[(usize, usize)]) -> Vec<DateAt> {
    let raw = date::find(text);
    static DATELINE: OnceLock<Pattern> = OnceLock::new();
    let datelines: Vec<(usize, usize)> = re(&DATELINE, r"(?m)^[\p{Lu}][\p{Lu}/ .'-]{1,40}, [^()\n]{3,30}? \([^)\n]{2,40}\) ?[-–—]")
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    let mut out: Vec<DateAt> = Vec::with_capacity(raw.len());
    let mut prev_full: Option<PartialDate> = None;
    let mut prev_event: Option<PartialDate> = None;
    // "С тех пор": since the date told last, at whatever precision it was told.
    let mut prev_any: Option<PartialDate> = None;
    let published_day = resolver.published.and_then(|p| p.last_day());
    let recent = |d: Option<PartialDate>| match (d.and_then(|d| d.first_day()), published_day) {
        (Some(d), Some(p)) => d <= p && p.add_days(-31).is_some_and(|from| d >= from),
        _ => false,
    };
    // The year last written in the current paragraph: in a narrative, "From 27 September to
    // 9 November 2020 ... On 10 November, peacekeepers began to deploy" stays in 2020.
    let mut paragraph_year: Option<(usize, i32)> = None;
    let mut paragraph_last: Option<(usize, PartialDate)> = None;
    for r in raw {
        let sentence = sentences.iter().find(|s| r.start >= s.start && r.start < s.end);
        let paragraph = sentence.map(|s| s.paragraph);
        let narrative_year = paragraph_year
            .filter(|(p, _)| Some(*p) == paragraph)
            .map(|(_, y)| y)
            .filter(|y| resolver.published.and_then(|p| p.year()).is_some_and(|py| *y < py));
        let year_resolver = match narrative_year {
            Some(y) if r.expr.lacks_year() => {
                // A narrative moves forward: "On 12 December 2022 ... until late April" is April 2023.
                let in_year = Resolver { published: PartialDate::ymd(y, 12, 31) };
                let earlier = in_year.resolve(&r.expr, None, None).0.and_then(|d| d.first_day()).zip(paragraph_last.filter(|(p, _)| Some(*p) == paragraph))
                    // Months back, not a flashback of days: "between 20 November and 1 December.
                    // On 10 November, ..." stays in the same year.
                    .is_some_and(|(d, (_, last))| d.add_days(90).is_some_and(|d90| d90 < last));
                if earlier { Resolver { published: PartialDate::ymd(y + 1, 12, 31) } } else { in_year }
            }
            _ => *resolver,
        };
        let resolver = &year_resolver;
        // "a violation of the trilateral statement of 10 November 2020. ... in October alone":
        // a named document's date sets no year for the narrative around it.
        let names_episode = episode_spans.iter().any(|(s, e)| r.start < *e && *s < r.end);
        if let (Some(y), Some(p), false) = (r.expr.written_year(), paragraph, names_episode) {
            paragraph_year = Some((p, y));
        }
        // A relative date counts from an earlier full date in its sentence: the
        // date of the statement being reported ("On March 7 ... two days ago").
        let anchor = if r.is_relative() {
            sentence.and_then(|s| {
                out.iter()
                    .rev()
                    // A statement's date, or one in the month before publication: "killed hundreds in
                    // February 1992, a crime commemorated yesterday" counts from publication.
                    // "20 сентября, на второй день операции, которую начали накануне": "the day
                    // before" counts from any full date told before it in its sentence.
                    .filter(|d| d.raw.start >= s.start && !d.raw.is_relative() && (d.statement || recent(d.date) || r.rule == "previous_day"))
                    .find_map(|d| d.date.filter(PartialDate::is_full))
            })
        } else {
            None
        };
        let prev = match r.expr {
            date::Expr::SincePrevious | date::Expr::MonthOfPreviousYear(_) => prev_any,
            // "that night", "the same day": the night of what happened, not of the statement.
            date::Expr::FromPrevious(0) => prev_event.or(prev_full),
            _ => prev_full,
        };
        let (d, e) = resolver.resolve(&r.expr, anchor, prev);
        // Events are in the past: a date after publication is a term or a plan.
        let future = match (d, resolver.published.and_then(|p| p.last_day())) {
            (Some(d), Some(p)) => d.first_day().is_some_and(|f| f > p.add_days(2).unwrap_or(p)),
            _ => false,
        };
        let (d, e) = if future { (None, None) } else { (d, e) };
        let before = &text[crate::lexicon::floor_char(text, r.start.saturating_sub(30))..r.start];
        let after = &text[r.end..crate::lexicon::floor_char(text, (r.end + 90).min(text.len()))];
        let statement = said_after_re().is_match(after) || said_before_re().is_match(before);
        // "The next day the ministry said that its posts had been shelled that night": the date
        // of a statement is no date of what happened; "said on Wednesday that ... two days
        // earlier" still counts from it.
        if let Some(full) = d.filter(PartialDate::is_full) {
            prev_full = Some(full);
            if !statement {
                prev_event = Some(full);
            }
        }
        if let (Some(first), Some(p)) = (d.and_then(|d| d.first_day()), paragraph) {
            paragraph_last = Some((p, first));
        }
        let dateline = datelines.iter().any(|(s, e)| r.start >= *s && r.end <= *e);
        // "fought from 1988 to 1994 ... in May of that year": a range told is last at its end.
        if d.is_some() && !dateline {
            prev_any = if matches!(r.expr, date::Expr::Range { .. }) { e.or(d) } else { d };
        }
        let wide_before = &text[crate::lexicon::floor_char(text, r.start.saturating_sub(90))..r.start];
        let compared = compared_since_re().find_iter(wide_before).last().is_some_and(|m| {
            let lead = &text[crate::lexicon::floor_char(text, r.start.saturating_sub(90 + 80))..r.start - (wide_before.len() - m.start())];
            superlative_re().is_match(lead)
        });
        out.push(DateAt { raw: r, dateline, statement, compared, date: d, date_end: e });
    }
    out
}

/// The date expression closest to the trigger, skipping dates that belong to a
/// named document in the sentence ("the statement of November 10") unless the
/// trigger is that document.
fn nearest_date<'a>(text: &str, dates: &[&'a DateAt], t: &TriggerHit, episode_spans: &[(usize, usize)]) -> Option<&'a DateAt> {
    let usable = |d: &&DateAt| (d.date.is_some() || d.date_end.is_some()) && !d.dateline;
    let has_event_date = dates.iter().any(|d| usable(d) && !d.statement);
    let has_own_date = dates.iter().any(|d| usable(d) && !d.compared);
    dates
        .iter()
        .copied()
        .filter(usable)
        // A statement's date dates the statement; it dates the event only for a short
        // wire lead where the two are the same news ("Armenia said on Friday that").
        .filter(|d| !d.statement || (!has_event_date && !d.raw.rule.starts_with("month")))
        .filter(|d| !d.compared || !has_own_date)
        // "the statement of November 10, 2020" dates the statement, not what happened beside it.
        .filter(|d| t.event_type == EventType::Agreement || d.raw.rule == "after_episode" || !episode_spans.iter().any(|(s, e)| d.raw.start < *e && *s < d.raw.end))
        // "took them into custody, gave them tea, and the next day handed them back": a date
        // counted from another that opens a later clause dates what that clause tells.
        .filter(|d| !dates_a_later_clause(text, d, t.end))
        // "a shell left over from last year's war went off on Wednesday": a date that
        // qualifies a war dates the war only.
        .filter(|d| t.event_type == EventType::ArmedClash || !dates_a_war(text, d))
        .min_by_key(|d| {
            if d.raw.end <= t.start {
                t.start - d.raw.end
            } else if d.raw.start >= t.end {
                // A date after the trigger is slightly less likely its own.
                d.raw.start - t.end + 5
            } else {
                0
            }
        })
}

fn war_qualified_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)^(?:['’]s|['’]) (?:war|fighting|hostilities|conflict|offensive)\b")
}

/// "last year's war", "the previous autumn's fighting": the date names a war.
fn dates_a_war(text: &str, d: &DateAt) -> bool {
    war_qualified_re().is_match(&text[d.raw.end..crate::lexicon::floor_char(text, (d.raw.end + 20).min(text.len()))])
}

/// A date counted from another ("the next day") that opens a clause after `after`.
fn dates_a_later_clause(text: &str, d: &DateAt, after: usize) -> bool {
    let later_clause = d.raw.start >= after && {
        let gap = &text[after..d.raw.start];
        gap.contains(", and ") || gap.contains(';') || gap.contains(", then ") || gap.contains(", а ") || gap.contains(", и ")
    };
    later_clause && matches!(d.raw.expr, date::Expr::NextDay | date::Expr::FromPrevious(_))
}

/// A verb of telling right after a modal, and the "that" opening what is told.
fn modal_of_telling_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)^(?: [\w'’]+){0,2}? (?:add|note|noted|mention|mentioned|say|said|stress|stressed|point out|pointed out|remember|remembered|recall|recalled|admit|admitted|acknowledge|acknowledged|emphasi[sz]e|emphasi[sz]ed|clarify|recognise|recognize)(?: [\w'’]+){0,2}? that\b|^,? (?:[а-яё]+ )?(?:отметить|сказать|напомнить|признать|подчеркнуть|добавить|уточнить|заметить),? что\b")
}

/// Words that open a reason or a contrast: what follows them is told as fact, whatever modal came before.
fn reason_clause_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:because|although|though|but|потому что|так как|поскольку)\b")
}

fn hypothetical(text: &str, sent_start: usize, start: usize, end: usize) -> Option<String> {
    static OPINION: OnceLock<Pattern> = OnceLock::new();
    // An opinion covers its whole sentence: "I hope that ... met ...".
    let opinion = re(&OPINION, r"(?i)\b(?:i|we) (?:hope|think|believe|suppose|assume|expect|doubt|judge|assess|estimate|fear|read (?:this|it|that|these) as)\b|\bin (?:my|our) (?:opinion|view)\b|\bit seems\b|(?:по|на) (?:[а-яё]+ )?мнению|по (?:[а-яё]+ )?оценке|(?:я|мы) (?:считаю|считаем|думаю|думаем|полагаю|полагаем|опасаемся)");
    if let Some(m) = opinion.find(&text[sent_start..start]) {
        return Some(format!("an opinion ({:?})", m.as_str()));
    }
    // Sixty characters, not bytes: a Cyrillic letter takes two ("Если в ближайшие недели
    // стороны не сядут за стол переговоров").
    let from = text[sent_start..start].char_indices().rev().nth(59).map_or(sent_start, |(i, _)| sent_start + i);
    let window = &text[from..start];
    // Only the clause the trigger is in, and the trigger itself when its words leave a gap
    // ("ministers ... are expected to meet").
    let clause = window.rsplit([';', '—']).next().unwrap_or(window);
    if let Some(m) = modal_re().find_iter(clause).last()
        // "We should add that Lachin was handed over", "it must be said that": the modal
        // governs the telling, and what is told after "that" happened.
        && !modal_of_telling_re().is_match(&clause[m.end()..])
        // "will have left after the military operation of 19 September": the modal governs the
        // verb; what a time phrase names after it happened.
        && !named_in_time_phrase_re().is_match(&clause[m.end()..])
        // "he could not come because the police had closed the road": a reason or a contrast
        // after the modal is told as fact.
        && !reason_clause_re().is_match(&clause[m.end()..])
    {
        return Some(format!("hypothetical or demanded ({:?})", m.as_str()));
    }
    static PLANNED: OnceLock<Pattern> = OnceLock::new();
    let planned = re(&PLANNED, r"(?i)\b(?:expected to|due to|likely to|plans? to|planning to|intends? to|will|would|could|might|should|must|(?-i:may))\b");
    if let Some(m) = planned.find(&text[start..end]) {
        return Some(format!("hypothetical ({:?})", m.as_str()));
    }
    // "once the trailers are released", "when the road is reopened": a present passive after a
    // conjunction of time is a condition still to be met.
    static CONDITION: OnceLock<Pattern> = OnceLock::new();
    let condition = re(&CONDITION, r"(?i)\b(?:once|when|until|as soon as|if|unless)\s+(?:[\w'’-]+\s+){1,5}$");
    if begins_with_any(&text[start..end], &["is ", "are "]) && condition.is_match(clause) {
        return Some("a condition still to be met".into());
    }
    // "Expect campaign rallies in central Yerevan in the coming weeks": told ahead of time.
    static AHEAD: OnceLock<Pattern> = OnceLock::new();
    let ahead = re(&AHEAD, r"(?i)^[^.,;!?]{0,40}?\b(?:in the (?:coming|next(?: few)?) (?:days|weeks|months)|в ближайшие (?:дни|недели|месяцы))\b");
    if ahead.is_match(&text[end..crate::lexicon::floor_char(text, (end + 240).min(text.len()))]) || text[sent_start..start].trim_start().starts_with("Expect ") {
        return Some("told ahead of time".into());
    }
    let wide = &text[crate::lexicon::floor_char(text, start.saturating_sub(140).max(sent_start))..start];
    let wide = wide.rsplit([';', '—']).next().unwrap_or(wide);
    if let Some(m) = purpose_re().find(wide) {
        // Up to where the purpose clause gives way to the main clause (", the units ... set up").
        let tail = &wide[m.end()..];
        if !tail.contains(", and as") && !main_clause_started(tail) {
            return Some(format!("a purpose, not an occurrence ({:?})", m.as_str()));
        }
    }
    let mut near = &window[crate::lexicon::floor_char(window, window.len().saturating_sub(28))..];
    // A window cut inside a word ("сот|ни жителей") must not read its tail as a word ("ни").
    if near.len() < window.len() && window[..window.len() - near.len()].ends_with(char::is_alphanumeric) {
        near = near.find(' ').map_or("", |i| &near[i..]);
    }
    if let Some(m) = negation_re().find(near) {
        // "Не упомянуты бои 13–14 сентября", "the book does not mention the fighting": what a text
        // leaves out is denied by nobody.
        static UNMENTIONED: OnceLock<Pattern> = OnceLock::new();
        let unmentioned = re(&UNMENTIONED, r"(?i)^\s*(?:(?:does|do|did) not |doesn't |don't |didn't )?(?:mention|mentions|mentioned|cover|covers|covered|describe|describes|described|discuss|discusses|discussed|упомянут[аоы]?|упоминает(?:ся)?|упоминаются|освещен[аоы]?|освещён[аоы]?|описан[аоы]?|рассмотрен[аоы]?)\b");
        // "Nor is it disputed that a ceasefire was reached": a doubt denied affirms.
        static UNDISPUTED: OnceLock<Pattern> = OnceLock::new();
        let undisputed = re(&UNDISPUTED, r"(?i)^(?:nor|not) (?:is|was) it (?:disputed|denied|contested|in dispute)\b|^(?:not|no one|nobody) (?:disputed|disputes|denies|denied|contests|contested)\b|^не оспарива");
        if !unmentioned.is_match(&near[m.start()..]) && !unmentioned.is_match(&near[m.end()..]) && !undisputed.is_match(&near[m.start()..]) {
            return Some(format!("negated ({:?})", m.as_str()));
        }
    }
    let after_end = crate::lexicon::floor_char(text, (end + 30).min(text.len()));
    let after = text[end..after_end].to_lowercase();
    // "нарушений режима прекращения огня не зафиксировано": the Russian verb comes after, a few words on.
    // Cyrillic letters take two bytes: the Russian clause gets a longer window.
    let ru_after = text[end..crate::lexicon::floor_char(text, (end + 120).min(text.len()))].to_lowercase();
    let ru_negated_after = ru_after.split(['.', ';', ',']).next().is_some_and(|clause| {
        [" не зафиксирован", " не зафиксировал", " не выявлен", " не выявил", " не отмечен", " не было", " не допущен", " не допустил", " не зарегистрирован"]
            .iter()
            .any(|p| clause.contains(p))
    });
    // "the fighting did not die down until the evening": what did not stop went on.
    let went_on = after.strip_prefix(" did not ").is_some_and(|rest| {
        ["die down", "stop", "end", "cease", "subside", "abate", "let up", "ease"]
            .iter()
            .any(|v| rest.starts_with(v) && !rest[v.len()..].starts_with(char::is_alphanumeric))
    });
    if ru_negated_after || (!went_on && [" were not", " was not", " have not been", " has not been", " are not", " is not", " did not"].iter().any(|p| after.starts_with(p))) {
        return Some("negated after the trigger".into());
    }
    // "Deployment of an observer mission, discussed during the talks": a proposal.
    let clause_after = after.split([';', '.']).next().unwrap_or("");
    if [", discussed", " was discussed", " was proposed", ", proposed", " is planned", " was planned", " under discussion", " was considered"].iter().any(|p| clause_after.contains(p)) {
        return Some("proposed or discussed, not done".into());
    }
    // "Встреча министров ... может состояться", "заседание, которое планировалось провести, отложено".
    let ru_far = text[end..crate::lexicon::floor_char(text, (end + 240).min(text.len()))].to_lowercase();
    let ru_clause_after = ru_far.split(['.', ';']).next().unwrap_or("");
    if [" может состояться", " может пройти", " может быть проведен", " состоится", " должна состояться", " должно состояться", " планировалось", " планируется", " ожидается", " намечен", " отложен", " перенесен", " перенесён", " не назначен", " не согласован"].iter().any(|p| ru_clause_after.contains(p)) {
        return Some("proposed or discussed, not done".into());
    }
    None
}

/// A passage's words and what follows it: the cargo may be named just after the verb
/// ("прошла колонна с боеприпасами"). What escorts the passage is not its cargo: an escort
/// phrase runs to its clause's comma ("a Red Cross truck, shepherded by two Russian armoured
/// vehicles, edges past"; "with a Russian armoured car in front").
fn passage_cargo(text: &str, t: &TriggerHit, sentence_end: usize) -> String {
    let reach = crate::lexicon::floor_char(text, (t.end + 60).min(sentence_end));
    let window = &text[t.start..reach];
    let mut cargo = String::with_capacity(window.len());
    let mut rest = window;
    while let Some(m) = escort_re().find(rest) {
        cargo.push_str(&rest[..m.start()]);
        rest = rest[m.end()..].find(',').map_or("", |i| &rest[m.end() + i..]);
    }
    cargo.push_str(rest);
    cargo
}

fn goods_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    // Whole words: "Грузии" (Georgia) is no "груз".
    re(&RE, r"(?i)\b(?:cargo|shipment|consignment|goods|contraband|load|груз(?:а|у|ом|е|ы|ов|ам|ами|ах)?|товар(?:а|у|ом|ы|ов)?|контрабанд[аыу]|партия)\b")
}

fn escort_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:with an? |escorted by|accompanied by|under (?:the )?(?:escort|protection)|shepherded by)|в сопровождении|под (?:охраной|конвоем|сопровождением)")
}

/// "who return", "who had returned": someone returning by themselves (no "were returned").
fn homecoming_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)^(?:who|whom) (?:(?:have|has|had|then|later|now|since|soon|finally) )?return(?:s|ed|ing)?$")
}

fn release_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:hand(?:ed|s|ing)? (?:(?:them|him|her|it|over|back) )?(?:over|back)|releas\w*|freed|free|return\w*|repatriat\w*|exchang\w*|swap\w*)\b|переда[а-яё]*|освобо[а-яё]*|отпущ[а-яё]*|вернул[а-яё]*|возвращ[а-яё]*|обмен[а-яё]*")
}

fn fired_first_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:fired|opened fire|shot|attacked|struck)(?: on| at| upon)? first\b|\bfirst (?:opened fire|fired|attacked)\b|\b(?:started|began|provoked|initiated) the (?:fighting|clash|exchange|shooting)\b|первыми? (?:открыл[аи]? огонь|обстрелял[аи]?|атаковал[аи]?)|провокаци[а-яё]+ (?:устроили|начали|совершили)|(?:устроили|начали) провокаци[а-яё]+")
}

fn agreed_on_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:agreed|agree|agreement|consensus) (?:to|on|upon)\b|договорил[а-яё]* о\b|условил[а-яё]* о\b|договор[её]нност[а-яё]* о\b|соглашени[а-яё]* о\b")
}

/// "agreed on the deployment of an EU mission", "договорились о размещении миссии":
/// what the parties agreed to do is the agreement's content, not a deed of its own.
fn agreed_content(text: &str, sent_start: usize, start: usize) -> Option<String> {
    let from = crate::lexicon::floor_char(text, start.saturating_sub(90).max(sent_start));
    let window = &text[from..start];
    let m = agreed_on_re().find_iter(window).last()?;
    let gap = &window[m.end()..];
    (gap.split_whitespace().count() <= 3 && !gap.contains([',', '.', ';'])).then(|| format!("the content of an agreement ({:?})", m.as_str()))
}

fn ceasefire_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)cease|truce|hostilities|armistice|statement|прекращени|перемири|заявлени")
}

fn took_hold_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:took hold|took effect|came into (?:force|effect)|entered into force|(?:was|had been) (?:signed|agreed|reached|announced|declared)|вступил[оаи]? в силу|был[оаи]? (?:подписан|заключ[её]н|объявлен)[оаы]?)\b")
}

fn time_reference_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)(?:,|\b(?:and|but|even|only|long|well|shortly|soon|weeks|days|months|years)) (?:after|since|before|until|following) (?:the )?$|(?:,|\bи) (?:после|до|с момента) $")
}

fn done_under_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:under|pursuant to|in accordance with|in line with|according to|as provided by)\b")
}

/// "inspected three damaged houses", "the detained man": a participle after a determiner or
/// a number describes what was done before; the sentence does not tell it happening.
fn adjectival(text: &str, sent_start: usize, start: usize, lex: &Lexicon) -> Option<String> {
    let first = text[start..].split(|c: char| !c.is_alphabetic()).next()?.to_lowercase();
    // A participle of an act ("damaged", "detained"), not an adjective of its own ("an armed incident").
    const HARM: [&str; 9] = ["damaged", "destroyed", "demolished", "burned", "burnt", "looted", "vandalized", "vandalised", "desecrated"];
    let verb = |stem: Option<&str>| stem.is_some_and(|v| lex.verb_lemmas.contains(v));
    if !(HARM.contains(&first.as_str()) || verb(first.strip_suffix("ed")) || verb(first.strip_suffix('d'))) {
        return None;
    }
    let before = text[sent_start..start].trim_end();
    let prev = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("").to_lowercase();
    const DETERMINERS: [&str; 22] = [
        "a", "an", "the", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "many", "its", "their", "his", "her",
        "these", "those", "other", "some",
    ];
    let numeral = !prev.is_empty() && prev.chars().all(|c| c.is_ascii_digit());
    (DETERMINERS.contains(&prev.as_str()) || numeral).then(|| format!("a participle used as an adjective (\"{prev} {first}\")"))
}

/// People who cross a line by mistake, not to fight: their crossing is why they were held.
fn civilian_crossing_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:civilians?|villagers?|residents?|citizens?|shepherds?|farmers?|herders?|man|woman|teenagers?|by mistake|accidentally|strayed|got lost|lost (?:his|her|their) way)\b|жител[а-яё]*|гражданск[а-яё]*|граждан[а-яё]*|пастух[а-яё]*|по ошибке|случайно|заблудил[а-яё]*")
}

fn military_cargo_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:military|armou?red|army|troops|weapons|ammunition|munitions|howitzers|tanks)\b|военн[а-яё]+|бронетехник[а-яё]*|боеприпас[а-яё]*|оружи[а-яё]*|вооруж[её]нн[а-яё]*|формировани[а-яё]*|армейск[а-яё]*|бронемашин[а-яё]*|БТР[а-яё]*|пехот[а-яё]*|«Град[а-яё]*")
}

fn civilian_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:residents?|villagers?|farmers?|shepherds?|herders?|civilians?|residential|tractor|tractors|pensioners?|schoolchildren|children|child|boys?|girls?|teenagers?)\b|жител[а-яё]*|пастух[а-яё]*|тракторист[а-яё]*|мирн[а-яё]+ (?:жител|населени)[а-яё]*|фермер[а-яё]*|сельхозработник[а-яё]*|дет[еиья][йм]?\b|ребён[а-яё]*|ребен[а-яё]*|подрост[а-яё]*")
}

fn natural_cause_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:mudflows?|landslides?|rockfalls?|avalanches?|snow|ice|fog|snowfall|snowstorms?|blizzards?|heavy (?:rain|snow)|floods?|flooding|storms?|earthquakes?)\b|оползн[а-яё]*|сел[ья] |снегопад[а-яё]*|наводнени[а-яё]*|паводк[а-яё]*|лавин[а-яё]*")
}

/// The words just before a noun "fire" that make it a blaze ("started a fire at", "the
/// forest fire on"); "opened fire", "came under fire" and "heavy fire" stay shooting.
fn blaze_before_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:(?:started|caused|set|put out|extinguished|fought) (?:a|the)|(?:a|the) (?:big|huge|large|major|small)|forest|grass|house|electrical|kitchen|warehouse|brush|wild)\s+$")
}

fn day_list_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?P<days>[0-3]?\d(?:, [0-3]?\d)*),? (?:и|and) (?P<last>[0-3]?\d)(?:st|nd|rd|th)? (?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|January|February|March|April|May|June|July|August|September|October|November|December)")
}

fn captured_after_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(
        &RE,
        concat!(
            // "Lachin was seized", "the Aghdam district, taken by Armenian forces", "the town fell in May 1992".
            r"(?i)^(?: (?:district|region|town|city|village))?,? (?:",
            r"(?:was|were|had been|has been) (?:seized|captured|occupied|taken|liberated|freed|recaptured|retaken)\b",
            r"|(?:taken|seized|captured|freed|liberated) by (?:the )?(?:[\w'’-]+ ){0,2}?(?:forces|troops|army|units|formations)\b",
            r"|fell (?:to|in|after|during)\b)",
            // "Шуша была взята", "Агдам заняли армянские формирования".
            r"|^ (?:был[аио]? )?(?:захвачен[аоы]?|занят[аоы]?|взят[аоы]?|освобожд[её]н[аоы]?)(?:[\s,.;:!?»)]|$)",
            r"|^ (?:заняли|захватили|взяли|освободили|занял[аи]?|захватил[аи]?|освободил[аи]?) (?:[а-яё-]+ ){0,2}?(?:войск|арми|формировани|сил[аыу]?\b|подразделени)",
        ),
    )
}

/// A copy of `c` for another occurrence its sentence tells: the counts stay with the first.
fn another_occurrence(c: &Candidate) -> Candidate {
    Candidate { killed: None, injured: None, ..c.clone() }
}

/// A date and, for a period, its end.
type DateSpan = (Option<PartialDate>, Option<PartialDate>);

/// The places of `c` that each have a date of their own right beside them ("Kalbajar (25
/// November)", "Лачин — 18 мая", "в апреле 1993 года — Кельбаджарский район"), with those
/// dates; a year written only at the end of the list holds for all of it.
fn place_date_pairs(text: &str, c: &Candidate, s_places: &[&truce_gazetteer::PlaceMention], s_dates: &[&DateAt]) -> Vec<((usize, String), DateSpan)> {
    #[derive(Clone, Copy)]
    enum Tok {
        Place(usize),
        Date(usize),
    }
    let mut toks: Vec<(usize, usize, Tok)> = Vec::new();
    for (i, (pos, _)) in c.places.iter().enumerate() {
        if let Some(m) = s_places.iter().find(|m| m.start == *pos) {
            toks.push((m.start, m.end, Tok::Place(i)));
        }
    }
    for (i, d) in s_dates.iter().enumerate() {
        if d.date.is_some() && !d.dateline {
            toks.push((d.raw.start, d.raw.end, Tok::Date(i)));
        }
    }
    toks.sort_by_key(|t| t.0);
    let joined = |a: usize, b: usize| {
        b >= a && b - a <= 12 && {
            let gap = text[a..b].trim_matches(|ch: char| ch.is_whitespace() || "(),—–-".contains(ch));
            gap.is_empty() || matches!(gap, "в" | "in" | "on")
        }
    };
    let mut pairs = Vec::new();
    let mut i = 0;
    while i + 1 < toks.len() {
        let (a, b) = (toks[i], toks[i + 1]);
        let pair = match (a.2, b.2) {
            (Tok::Place(p), Tok::Date(d)) | (Tok::Date(d), Tok::Place(p)) if joined(a.1, b.0) => Some((p, d)),
            _ => None,
        };
        match pair {
            Some(pd) => {
                pairs.push(pd);
                i += 2;
            }
            None => i += 1,
        }
    }
    let distinct = pairs.iter().any(|(_, d)| pairs.first().is_some_and(|(_, first)| s_dates[*d].date != s_dates[*first].date));
    if pairs.len() < 2 || !distinct {
        return Vec::new();
    }
    let list_year = pairs.last().and_then(|(_, d)| s_dates[*d].raw.expr.written_year());
    pairs
        .into_iter()
        .map(|(p, d)| {
            let at = s_dates[d];
            let mut date = at.date;
            if let (Some(y), None, Some(full)) = (list_year, at.raw.expr.written_year(), at.date.filter(PartialDate::is_full)) {
                date = full.month().zip(full.day()).and_then(|(m, day)| PartialDate::ymd(y, m, day)).or(date);
            }
            (c.places[p].clone(), (date, at.date_end))
        })
        .collect()
}

/// Full dates written as a list ("9 November 2020, 11 January 2021 and 26 November 2021"), in
/// order; empty when the sentence has no such list.
fn listed_dates(text: &str, s_dates: &[&DateAt]) -> Vec<Option<PartialDate>> {
    let full: Vec<&&DateAt> = s_dates.iter().filter(|d| d.date.is_some_and(|x| x.is_full()) && d.date_end.is_none() && !d.dateline && !d.raw.is_relative()).collect();
    let mut best: Vec<Option<PartialDate>> = Vec::new();
    let mut run: Vec<Option<PartialDate>> = Vec::new();
    for (i, d) in full.iter().enumerate() {
        let follows = i > 0 && {
            let gap = text[full[i - 1].raw.end.min(d.raw.start)..d.raw.start].trim();
            matches!(gap, "," | "and" | ", and" | "и" | ", и")
        };
        if !follows {
            run.clear();
        }
        run.push(d.date);
        if run.len() > best.len() {
            best = run.clone();
        }
    }
    best.dedup();
    if best.len() < 2 { Vec::new() } else { best }
}

fn died_of_wounds_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\b(?:died|succumbed) (?:of|from|to) (?:his|her|their|the) (?:wounds|injuries)|(?:умер|умерла|скончал[а-яё]*) от ран")
}

fn elided_marker_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)(?:,|;) (?:and |а |while |whereas )|,? and (?:again|later|then|once more) ")
}

fn war_begun_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)\bwar that (?:began|broke out|started)\b|войн[а-яё]*,? начавш[а-яё]+")
}

fn elided_count_re() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    re(&RE, r"(?i)(?:,? and|;|,|,? а|,? и) (?:one|two|three|four|five|six|seven|eight|nine|ten|\d+|одно|одна|один|два|две|три|четыре|пять) (?:more |other |ещё |еще )?(?:in|near|at|around|on|в|у|на|—|-) ")
}

/// "the strength to withdraw peacekeepers", "pledged to hand him over": a verb's base form
/// after "to" names an act not done; "continued to shell" and "began to deploy" tell one.
fn infinitive(text: &str, sent_start: usize, start: usize, lex: &Lexicon) -> Option<String> {
    // "- release Ruslan Gasimov and return him": a list item opening on a bare verb is a demand.
    let sentence = &text[sent_start..];
    let item = sentence.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '•' | '*'));
    if item.len() < sentence.len() {
        let opening = item.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        const IMPERATIVE: [&str; 12] = ["ensure", "allow", "grant", "stop", "end", "guarantee", "provide", "respect", "refrain", "lift", "reopen", "investigate"];
        if opening.starts_with(|c: char| c.is_lowercase()) && (lex.verb_lemmas.contains(opening) || IMPERATIVE.contains(&opening)) {
            return Some(format!("an imperative (\"{opening}\"), a demand"));
        }
    }
    let first = text[start..].split(|c: char| !c.is_alphabetic()).next()?.to_lowercase();
    if !lex.verb_lemmas.contains(&first) {
        return None;
    }
    let before = text[sent_start..start].trim_end();
    let before = before.strip_suffix(" to").or_else(|| before.strip_suffix(" To"))?;
    let governing = before.rsplit(|c: char| !c.is_alphabetic()).find(|w| !w.is_empty()).unwrap_or("").to_lowercase();
    const ASPECT: [&str; 16] = [
        "continued", "continues", "continue", "began", "begun", "begins", "started", "starts", "managed", "tried", "attempted", "went", "resumed",
        "proceeded", "used", "seemed",
    ];
    if ASPECT.contains(&governing.as_str()) {
        return None;
    }
    Some(format!("an infinitive (\"to {first}\"), not an act"))
}

/// Whether a comma-separated tail has moved on to a main clause with its own subject ("..., the units set up").
fn main_clause_started(tail: &str) -> bool {
    tail.split(", ").skip(1).any(|part| {
        let w: Vec<&str> = part.split_whitespace().take(4).collect();
        w.first().is_some_and(|f| matches!(f.to_lowercase().as_str(), "the" | "units" | "it" | "they" | "he" | "she" | "we")) && w.len() >= 3
    })
}

fn find_evidence(sentence: &str) -> Option<String> {
    let c = evidence_re().captures(sentence)?;
    let label = [("tech", "technical surveillance"), ("video", "video"), ("photo", "photo"), ("sat", "satellite imagery"), ("eye", "eyewitness"), ("ops", "operational data"), ("src", "sources"), ("maps", "maps")]
        .iter()
        .find(|(g, _)| c.name(g).is_some())?
        .1;
    Some(label.to_string())
}

/// Canonical place names for the sentence, most specific only, in text order.
fn select_places(text: &str, gaz: &Gazetteer, found: &[&truce_gazetteer::PlaceMention], actor_spans: &[(usize, usize)], sent_start: usize, sent_end: usize) -> Vec<(usize, String, bool)> {
    let mut ids: Vec<(usize, String)> = Vec::new();
    let mut countries: Vec<(usize, String)> = Vec::new();
    // "the Lachin corridor, which provides a link between Armenia and Stepanakert": a clause
    // describing a place names other places that are not where the event happened.
    let describing = |pos: usize| -> bool {
        let Some(w) = text[sent_start..pos].rfind(", which ") else { return false };
        let at = sent_start + w;
        // "the protest in Karabakh, which began before the meeting in Brussels": a clause that
        // tells when something happened is about the event, not about the place.
        let clause = &text[at + ", which ".len()..pos];
        let temporal = ["began", "started", "ended", "followed", "preceded", "came", "lasted", "took place", "happened", "occurred"]
            .iter()
            .any(|v| clause.starts_with(v));
        !temporal && found.iter().any(|q| q.end <= at && at - q.end <= 3) && !text[at..pos].contains([';', '.'])
    };
    for p in found {
        if actor_spans.iter().any(|a| p.start < a.1 && a.0 < p.end) || text[p.end..].starts_with("-based") || describing(p.start) {
            continue;
        }
        let Some(place) = gaz.get(&p.place_id) else { continue };
        if place.kind == PlaceKind::Country {
            // A country is a place of the event only where the text puts something in, from or to it.
            let lead = &text[crate::lexicon::floor_char(text, p.start.saturating_sub(30).max(sent_start))..p.start];
            let possessive = text[p.end..].starts_with("'s") || text[p.end..].starts_with("’s");
            if !possessive && locative_re().is_match(lead) {
                countries.push((p.start, place.id.clone()));
            }
            continue;
        }
        ids.push((p.start, place.id.clone()));
    }
    // "infiltrate the Azerbaijani borders": a country named by its border.
    let lower = text[sent_start..sent_end].to_lowercase();
    for (demonym, id) in [("azerbaijani", "azerbaijan"), ("armenian", "armenia"), ("iranian", "iran"), ("georgian", "georgia"), ("turkish", "turkey")] {
        for (i, _) in lower.match_indices(&format!("the {demonym} border")) {
            if gaz.get(id).is_some() && !countries.iter().any(|(_, c)| c == id) {
                countries.push((sent_start + i, id.to_string()));
            }
        }
    }
    let all: Vec<(usize, String, bool)> = ids.iter().map(|(p, id)| (*p, id.clone(), false)).chain(countries.iter().map(|(p, id)| (*p, id.clone(), true))).collect();
    // Every mention is kept, repeats included: "the ceasefire in Karabakh ... deployed in
    // Nagorno-Karabakh" names the place once for each event; events drop repeats themselves.
    let mut out = all;
    out.sort_by_key(|(p, _, _)| *p);
    out
}

/// Whether the place at `pos` is written as where an actor is ("the peacekeepers in Karabakh").
fn actor_location(text: &str, mentions: &[&Mention], pos: usize, sent_start: usize) -> bool {
    let lead = &text[crate::lexicon::floor_char(text, pos.saturating_sub(30).max(sent_start))..pos];
    let Some(rest) = lead.strip_suffix("Azerbaijan's ").or_else(|| lead.strip_suffix("Azerbaijan’s ")).or_else(|| lead.strip_suffix("Armenia's ")).or(Some(lead)) else {
        return false;
    };
    let rest = rest.strip_suffix("the ").unwrap_or(rest);
    let Some(before_in) = rest.strip_suffix(" in ") else { return false };
    let end = pos - (lead.len() - before_in.len());
    mentions.iter().any(|m| m.end == end)
}

fn nearest_candidate(cands: &[Candidate], pos: usize) -> usize {
    (0..cands.len())
        .min_by_key(|&i| {
            let (s, e) = cands[i].trigger;
            if pos < s { s - pos } else { pos.saturating_sub(e) }
        })
        .unwrap_or(0)
}

fn role_for(text: &str, c: &Candidate, m: &Mention, sent_start: usize) -> Role {
    use EventType::*;
    let lead = text[crate::lexicon::floor_char(text, m.start.saturating_sub(40).max(sent_start))..m.start].to_lowercase();
    let lead = lead.trim_end();
    if lead.ends_with("accompanied by") || lead.ends_with("escorted by") || lead.ends_with("escort of") || lead.ends_with("accompanied by the") || lead.ends_with("escorted by the") || lead.ends_with("escort of the") {
        return Role::Escort;
    }
    if matches!(m.kind, ActorKind::Monitor) {
        return Role::Observer;
    }
    match c.event_type {
        ArmedClash | Agreement | Deployment | Protest | Transit => Role::Participant,
        _ => {
            if matches!(m.kind, ActorKind::Civilians) || matches!(m.kind, ActorKind::Media) {
                return Role::Target;
            }
            // "fire from the Azerbaijani positions": where fire comes from is who fires.
            let from = matches!(c.event_type, Firing | Attack) && m.start >= c.trigger.1 && (lead.ends_with(" from") || lead.ends_with(" from the"));
            let by = lead.ends_with(" by") || lead.ends_with(" by the") || from;
            let against = ["on", "at", "against", "of", "towards", "targeting", "on the", "at the", "against the", "of the", "towards the"]
                .iter()
                .any(|w| lead.ends_with(&format!(" {w}")));
            if by {
                return Role::Perpetrator;
            }
            if against {
                return Role::Target;
            }
            let trigger_text = text[c.trigger.0..c.trigger.1].to_lowercase();
            let passive = trigger_text.starts_with("was ") || trigger_text.starts_with("were ") || trigger_text.starts_with("been ");
            if m.end <= c.trigger.0 {
                if passive { Role::Target } else { Role::Perpetrator }
            } else if matches!(c.event_type, Arrest | Attack | Obstruction | Firing) {
                Role::Target
            } else {
                Role::Participant
            }
        }
    }
}

fn dates_compatible(a: &Candidate, b: &Candidate) -> bool {
    match (a.date.or(a.date_end), b.date.or(b.date_end)) {
        (Some(x), Some(y)) => date_agree(x, y) || (a.date_open || b.date_open),
        _ => true,
    }
}

/// Dates agree when every part both give is equal (2020-12 agrees with 2020-12-05).
/// Places that do not tell two mentions apart: either names none, or they share one.
fn places_ok_loose(a: &Candidate, b: &Candidate) -> bool {
    // Only in the next sentence: "... west of Sotk. X said they had advanced into Armenian
    // territory" tells one thing twice.
    let inside = |coarse: &Candidate, other: &Candidate| {
        coarse.paragraph == other.paragraph && coarse.sentence.abs_diff(other.sentence) <= 1 && coarse.countries_only && !other.countries_only && coarse.countries.iter().any(|c| other.countries.contains(c))
    };
    a.places.is_empty() || b.places.is_empty() || inside(a, b) || inside(b, a) || a.places.iter().any(|p| b.places.iter().any(|q| q.1 == p.1))
}

/// The sides of the two parties among a candidate's speakers.
fn parties(c: &Candidate) -> Vec<&String> {
    c.sides.iter().filter(|s| matches!(s.as_str(), "az" | "am")).collect()
}

/// One of two dates only dates the statement reporting the event ("said on Friday that
/// a soldier had been killed") and the other falls in the three days up to it.
fn statement_window(a: &Candidate, x: PartialDate, b: &Candidate, y: PartialDate) -> bool {
    let (statement, event) = match (a.statement_dated, b.statement_dated) {
        (true, false) => (x, y),
        (false, true) => (y, x),
        _ => return false,
    };
    statement.days_from_epoch().zip(event.days_from_epoch()).is_some_and(|(s, e)| e <= s && s - e <= 3)
}

/// Whether `day` falls inside the period of `c`, a period of a week at most.
fn within_short_range(c: &Candidate, day: PartialDate) -> bool {
    let (Some(from), Some(to)) = (c.date.and_then(|d| d.first_day()), c.date_end.and_then(|d| d.last_day())) else { return false };
    let (Some(first), Some(last)) = (day.first_day(), day.last_day()) else { return false };
    from.days_from_epoch().zip(to.days_from_epoch()).is_some_and(|(f, t)| t - f <= 7) && first >= from && last <= to
}

fn date_agree(a: PartialDate, b: PartialDate) -> bool {
    let eq = |x: Option<i64>, y: Option<i64>| x.is_none() || y.is_none() || x == y;
    eq(a.year().map(i64::from), b.year().map(i64::from)) && eq(a.month().map(i64::from), b.month().map(i64::from)) && eq(a.day().map(i64::from), b.day().map(i64::from))
}

fn more_precise(a: PartialDate, b: PartialDate) -> PartialDate {
    let score = |d: PartialDate| d.year().is_some() as u8 + d.month().is_some() as u8 + d.day().is_some() as u8;
    if score(b) > score(a) { b } else { a }
}

/// Folds `b` into `a` (the same occurrence).
fn absorb(a: &mut Candidate, b: Candidate) {
    a.last_sentence = a.last_sentence.max(b.last_sentence);
    // The record quotes the first mention that carries a date, and never a headline when the body has it.
    let take_text = (a.date.is_none() && b.date.is_some() && !b.date_open)
        || (a.headline && !b.headline)
        || (!a.own_date && b.own_date && !b.headline)
        || (a.statement_dated && !b.statement_dated && b.own_date);
    a.own_date |= b.own_date;
    a.outlet_told |= b.outlet_told;
    for sd in &b.actor_sides {
        if !a.actor_sides.contains(sd) {
            a.actor_sides.push(sd.clone());
        }
    }
    for sd in &b.sides {
        if !a.sides.contains(sd) {
            a.sides.push(sd.clone());
        }
    }
    a.headline &= b.headline;
    let statement_gives_way = a.statement_dated && !b.statement_dated && b.date.is_some();
    match (a.date, b.date) {
        (Some(_), Some(_)) if statement_gives_way => {
            a.date = b.date;
            a.date_end = b.date_end;
            a.statement_dated = false;
        }
        (None, Some(_)) if !b.date_open => {
            a.date = b.date;
            a.date_end = b.date_end.or(a.date_end);
        }
        (Some(x), Some(y)) if date_agree(x, y) => a.date = Some(more_precise(x, y)),
        _ => {}
    }
    if b.date_open
        && let (Some(start), Some(end)) = (a.date, b.date_end)
            && end > start {
                a.date_end = Some(end);
            }
    if a.date_end.is_none() && !b.date_open {
        a.date_end = b.date_end;
    }
    if a.date.is_none() && a.date_open {
        a.date = a.date_end.take();
        a.date_open = false;
    }
    if take_text {
        a.text_span = b.text_span;
        a.sentence = b.sentence;
    }
    for p in b.places {
        if !a.places.iter().any(|(_, n)| *n == p.1) {
            a.places.push(p);
        }
    }
    for x in b.actors {
        if !a.actors.iter().any(|y| y.name == x.name) {
            a.actors.push(x);
        }
    }
    for cl in b.claims {
        if !a.claims.contains(&cl) {
            a.claims.push(cl);
        }
    }
    a.killed = a.killed.or(b.killed);
    a.injured = a.injured.or(b.injured);
    a.evidence = a.evidence.take().or(b.evidence);
    a.episode = a.episode.take().or(b.episode);
    a.weak &= b.weak;
    for r in b.rules {
        if !a.rules.contains(&r) {
            a.rules.push(r);
        }
    }
}

/// An undated event inherits the date of the event before it in its paragraph,
/// or, when its sentence opens with a connective ("Meanwhile", "Then"), of the
/// event before it anywhere.
fn inherit_dates(cands: &mut [Candidate], text: &str, sentences: &[Sentence], dates: &[DateAt], published: Option<PartialDate>) {
    // The lead of a news report tells the news: undated, it happened when it was published.
    let lead_paragraph = sentences.iter().find(|s| text[s.start..s.end].split_whitespace().count() >= 12).map(|s| s.paragraph);
    let lead_end = lead_paragraph.and_then(|lp| sentences.iter().rev().find(|s| s.paragraph == lp)).map_or(0, |s| s.end);
    let doc_period = dates.iter().find(|d| {
        d.raw.end <= lead_end
            && !d.dateline
            && d.date.is_some()
            && d.date_end.is_some()
            && matches!(d.raw.rule, "past_day" | "past_period" | "day_range" | "between_range" | "night_range")
    });
    for i in 0..cands.len() {
        if cands[i].date.is_some() || cands[i].date_open || cands[i].dated_sentence || cands[i].episode.is_some() {
            continue;
        }
        let s = sentences[cands[i].sentence];
        let connective = connective_re().is_match(text[s.start..s.end].trim_start_matches(['“', '"']));
        let eligible = |j: usize| {
            cands[j].date.is_some()
                && cands[j].episode.is_none()
                && cands[j].sentence < cands[i].sentence
                && (connective || (cands[j].paragraph == cands[i].paragraph && (cands[j].event_type == cands[i].event_type || cands[i].sentence - cands[j].sentence <= 1)))
        };
        // The same kind of event first ("military transportation ... another use of this road"), then any.
        let same_paragraph_same_type = (0..i).rev().find(|&j| eligible(j) && cands[j].event_type == cands[i].event_type && cands[j].paragraph == cands[i].paragraph);
        // "The ministry said the fire ... began at 16:00": the same kind of event just before, across a paragraph break.
        let just_before_same_type = (0..i).rev().find(|&j| {
            cands[j].date.is_some() && cands[j].episode.is_none() && cands[j].event_type == cands[i].event_type && cands[j].sentence < cands[i].sentence && cands[i].sentence - cands[j].sentence <= 5
        });
        // "Meanwhile, ...": at the time of whatever was told just before, whatever its kind.
        let nearest = (0..i).rev().find(|&j| eligible(j));
        // "- NOV. 16, 2021 - Soldiers are killed ... A ceasefire takes hold in the evening": in
        // its own paragraph before another of its kind further back.
        let nearest_in_paragraph = (0..i).rev().find(|&j| eligible(j) && cands[j].paragraph == cands[i].paragraph);
        let source = if connective {
            same_paragraph_same_type.or(nearest)
        } else {
            same_paragraph_same_type.or(nearest_in_paragraph).or(just_before_same_type).or(nearest)
        };
        if let Some(j) = source {
            cands[i].date = cands[j].date;
            cands[i].date_end = cands[j].date_end;
            cands[i].rules.push("date:inherited".into());
            // What happened then happened there, unless the sentence names its own place.
            // The places of that occurrence are all those told of it so far ("flocked to the
            // Lachin road ... installed tents near Shusha"), as its record will have them.
            // Likewise its time: "the protest continued overnight into December 13" ends it.
            let companions: Vec<usize> = (0..i).filter(|&k| k == j || (cands[k].paragraph == cands[j].paragraph && same_occurrence(&cands[k], &cands[j]))).collect();
            let occurrence_end = companions.iter().filter_map(|&k| cands[k].date_end).filter(|e| cands[j].date.is_some_and(|d| e.first_day() > d.first_day())).max_by_key(|e| e.first_day());
            if cands[i].date_end.is_none() && occurrence_end.is_some() {
                cands[i].date_end = occurrence_end;
            }
            if cands[i].places.is_empty() && !cands[j].places.is_empty() {
                let mut places: Vec<(usize, String)> = Vec::new();
                for k in companions.iter().copied().filter(|&k| k <= j) {
                    for p in &cands[k].places {
                        if !places.iter().any(|(_, n)| n == &p.1) {
                            places.push(p.clone());
                        }
                    }
                }
                cands[i].places = places;
                cands[i].rules.push("place:inherited".into());
            }
            continue;
        }
        // A date said earlier in the paragraph, even with no event of its own.
        let para_start = sentences.iter().find(|x| x.paragraph == s.paragraph).map_or(s.start, |x| x.start);
        if let Some(d) = dates.iter().rev().find(|d| d.raw.start >= para_start && d.raw.end <= s.start && d.date.is_some()) {
            cands[i].date = d.date;
            cands[i].date_end = d.date_end;
            cands[i].rules.push("date:paragraph".into());
            continue;
        }
        // A bulletin states its period at the top ("in the past 24 hours", "(15-30 September)").
        if let Some(p) = doc_period {
            cands[i].date = p.date;
            cands[i].date_end = p.date_end;
            cands[i].rules.push("date:document_period".into());
            continue;
        }
        // "Update 14:20: ...": a live blog's timestamped entries happen on the day it is published.
        if published.is_some_and(|p| p.is_full()) && timestamp_re().is_match(&text[s.start..s.end]) {
            cands[i].date = published;
            cands[i].rules.push("date:timestamped_update".into());
            continue;
        }
        if lead_paragraph.is_some_and(|lp| cands[i].paragraph <= lp) && published.is_some() {
            cands[i].date = published;
            cands[i].rules.push("date:lead_is_news".into());
        }
    }
}

/// "... a counter-terrorist operation in the Khojavend region. As a result of attacks by
/// Armenian forces, a serviceman was killed": violence told in the very next sentence
/// of a paragraph, naming no place of its own, happened where the violence before it did.
/// News written a sentence to a paragraph links them with "As a result".
fn inherit_places_of_violence(cands: &mut [Candidate], text: &str, sentences: &[Sentence]) {
    for i in 0..cands.len() {
        if !cands[i].places.is_empty() || !VIOLENT.contains(&cands[i].event_type) {
            continue;
        }
        let Some(j) = (0..i).rev().find(|&j| cands[j].sentence < cands[i].sentence) else { continue };
        let s = sentences[cands[i].sentence];
        let consequence = consequence_re().is_match(&text[s.start..s.end]);
        let next_sentence = cands[i].sentence - cands[j].sentence == 1 && (cands[j].paragraph == cands[i].paragraph || consequence);
        let dates_fit = match (cands[i].date, cands[j].date) {
            (Some(a), Some(b)) => date_agree(a, b),
            _ => true,
        };
        if next_sentence && dates_fit && VIOLENT.contains(&cands[j].event_type) && !cands[j].places.is_empty() {
            cands[i].places = cands[j].places.clone();
            cands[i].rules.push("place:violence_before".into());
        }
    }
}

/// Retaliation shares the date and place of the fire it answers; a sentence that
/// only reports casualties ("As a result, a serviceman was wounded") completes
/// the violent event before it rather than starting one; casualties in a
/// landmine context (the sentence before, their own or the next) are a mine incident.
fn attach_followers(cands: Vec<Candidate>, text: &str, sentences: &[Sentence]) -> Vec<Candidate> {
    static MINE: OnceLock<Pattern> = OnceLock::new();
    let mine = re(&MINE, r"(?i)\b(?:mines?|landmines?|UXO|unexploded|ordnance|explosive devices?|deminers?|demining|mine action|ANAMA)\b");
    let mut out: Vec<Candidate> = Vec::with_capacity(cands.len());
    for mut c in cands {
        let answered = out
            .iter()
            .rposition(|p| VIOLENT.contains(&p.event_type) && !p.retaliation && p.sentence <= c.sentence && c.sentence - p.sentence <= 3);
        if c.retaliation
            && let Some(i) = answered {
                if c.date.is_none() {
                    c.date = out[i].date;
                    c.date_end = out[i].date_end;
                    c.rules.push("date:answered_fire".into());
                }
                if c.places.is_empty() {
                    c.places = out[i].places.clone();
                    c.rules.push("place:answered_fire".into());
                }
            }
        if c.weak && c.event_type == EventType::Attack {
            let s = sentences[c.sentence];
            let result_of = text[s.start..s.end].trim_start().to_lowercase().starts_with("as a result");
            if let Some(i) = answered.filter(|&i| out[i].paragraph == c.paragraph || result_of || c.sentence - out[i].sentence <= 3) {
                let p = &mut out[i];
                let new_voice = !c.claims.iter().all(|cl| p.claims.contains(cl));
                if p.killed.is_none() && p.injured.is_none() {
                    p.killed = c.killed;
                    p.injured = c.injured;
                    p.rules.push("casualties:following_sentence".into());
                } else if new_voice {
                    // Each side reporting its own losses in the same clash: the losses add up.
                    let add = |a: Option<u32>, b: Option<u32>| match (a, b) {
                        (Some(x), Some(y)) => Some(x + y),
                        (x, y) => x.or(y),
                    };
                    p.killed = add(p.killed, c.killed);
                    p.injured = add(p.injured, c.injured);
                    p.rules.push("casualties:each_side_own_losses".into());
                }
                // Whoever reports the losses reports the event.
                for cl in c.claims {
                    if !p.claims.contains(&cl) {
                        p.claims.push(cl);
                    }
                }
                continue;
            }
            let prev = c.sentence.checked_sub(1).map(|k| sentences[k]);
            let context = prev.map_or(s.start, |p| p.start);
            // "... was injured while walking the old path. A mine went off under his foot": the
            // cause may come in the next sentence of the paragraph.
            let context_end = sentences.get(c.sentence + 1).filter(|n| n.paragraph == s.paragraph).map_or(s.end, |n| n.end);
            if mine.is_match(&text[context..context_end]) {
                c.event_type = EventType::MineIncident;
                c.rules.push("type:mine_context".into());
            }
        }
        out.push(c);
    }
    out
}

/// One occurrence mentioned twice in a document is one record.
fn merge_document(cands: Vec<Candidate>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for c in cands {
        // Something told again by reference joins the latest occurrence it can be, not the first.
        let target = if c.backdrop { out.iter().rposition(|m| same_occurrence(m, &c)) } else { out.iter().position(|m| same_occurrence(m, &c)) };
        match target {
            Some(i) => absorb(&mut out[i], c),
            None => out.push(c),
        }
    }
    // "Two soldiers were killed in an exchange of fire near X; the ministry said the other side
    // had fired first": one side's account of who fired is the clash told nearby, same day, same place.
    let mut i = 0;
    while i < out.len() {
        let f = &out[i];
        // An account of who fired first names where it came from, not where the clash was:
        // it joins a clash told nearby on a day it agrees with, wherever it places the fire.
        let who_first = f.rules.iter().any(|r| r == "account:who_fired_first");
        let clash = (f.event_type == EventType::Firing && !f.retaliation && (who_first || f.date.is_some_and(|d| d.is_full())))
            .then(|| {
                out.iter().position(|c| {
                    c.event_type == EventType::ArmedClash
                        && c.episode.is_none()
                        // "The day the war began, Martakert was shelled": fire on a town is its own
                        // record beside a war, however it is dated.
                        && !c.war
                        && if who_first {
                            c.sentence.abs_diff(f.sentence) <= 5 && f.date.zip(c.date).is_none_or(|(x, y)| date_agree(x, y))
                        } else {
                            c.date == f.date
                                && c.sentence.abs_diff(f.sentence) <= 3
                                // Its places all the clash's: fire on towns the clash did not reach is its own.
                                && f.places.iter().all(|p| c.places.iter().any(|q| q.1 == p.1))
                                && !(f.places.is_empty() && c.places.is_empty())
                        }
                })
            })
            .flatten();
        match clash {
            Some(j) => {
                let mut f = out.remove(i);
                f.event_type = EventType::ArmedClash;
                f.rules.push("merge:account_of_the_clash".into());
                let j = if j > i { j - 1 } else { j };
                absorb(&mut out[j], f);
            }
            None => i += 1,
        }
    }
    out
}

fn same_occurrence(a: &Candidate, b: &Candidate) -> bool {
    if a.event_type != b.event_type || a.retaliation != b.retaliation {
        return false;
    }
    // A sentence split into several occurrences (days listed, counts elided) stays split.
    let split = |c: &Candidate| c.rules.iter().any(|r| r.starts_with("split:"));
    if a.sentence == b.sentence && (split(a) || split(b)) && (a.date != b.date || a.places != b.places) {
        return false;
    }
    if let (Some(x), Some(y)) = (&a.episode, &b.episode) {
        return x == y;
    }
    let release = |c: &Candidate| c.rules.iter().any(|r| r == "arrest:release");
    if a.event_type == EventType::Arrest && release(a) != release(b) {
        return false;
    }
    // "The war that began on 27 September 2020" is the named war when its date falls inside it.
    let (ep, other) = if a.episode.is_some() { (a, b) } else { (b, a) };
    // A place taken during the war ("In May 1992 the formations took Shusha") is its own record.
    let place_taken = other.rules.iter().any(|r| r == "trigger:armed_clash:capture_of_place");
    if ep.episode.is_some() && other.episode.is_none() && !place_taken
        && let (Some(start), Some(d)) = (ep.date.and_then(|d| d.first_day()), other.date.and_then(|d| d.first_day())) {
            let end = ep.date_end.or(ep.date).and_then(|d| d.last_day());
            if end.is_some_and(|e| d >= start && d <= e) {
                return true;
            }
        }
    if a.episode.is_some() != b.episode.is_some() && (a.date.is_none() || b.date.is_none()) {
        // A bare reference ("the war") is the named episode only when it says so.
        return false;
    }
    // Each party's own report is its own record, unless a denial ties them together. A third
    // party (peacekeepers, monitors) recording the same incident corroborates either.
    let (pa, pb) = (parties(a), parties(b));
    if !pa.is_empty() && !pb.is_empty() && !pa.iter().any(|s| pb.contains(s)) {
        return false;
    }
    if b.separate && b.sentence != a.sentence {
        return false;
    }
    // "The sit-in ended only in late April": the end of the one under way, wherever it began.
    if b.date_open && b.date.is_none() && places_ok_loose(a, b)
        && let (Some(start), Some(end)) = (a.date.and_then(|d| d.first_day()), b.date_end.and_then(|d| d.last_day()))
        && start <= end && a.event_type == b.event_type && a.retaliation == b.retaliation
    {
        return true;
    }
    // "captured during the fighting": the fighting told before, wherever it was told.
    if b.backdrop && a.event_type == b.event_type && a.retaliation == b.retaliation && (places_ok_loose(a, b) || b.denied_report) {
        return true;
    }
    // Different parties deploying ("Azerbaijani units took up positions; the peacekeepers
    // set up a post") are different occurrences. Other kinds of event are told with
    // several parties in them (who acts, who abets, who is targeted), so only deployments.
    if a.event_type == EventType::Deployment && !a.actor_sides.is_empty() && !b.actor_sides.is_empty() && !a.actor_sides.iter().any(|s| b.actor_sides.contains(s)) {
        return false;
    }
    let share_place = a.places.iter().any(|p| b.places.iter().any(|q| q.1 == p.1));
    let places_ok = places_ok_loose(a, b);
    // An occurrence told over several sentences goes on from the last of them.
    let distance = b.sentence.abs_diff(a.sentence).min(b.sentence.abs_diff(a.last_sentence));
    let near = distance <= 2;
    match (a.date, b.date) {
        (Some(x), Some(y)) if statement_window(a, x, b, y) => places_ok && (near || share_place),
        (Some(x), Some(y)) => {
            // "And the next day, ... the zone lengthened": a continuation, written relative to it.
            let relational = if a.date_relational { a } else { b };
            // Violence the next day is another incident, not a continuation.
            let continued = (a.date_relational || b.date_relational)
                && !VIOLENT.contains(&a.event_type)
                && (relational.places.is_empty() || share_place)
                && x.days_from_epoch().zip(y.days_from_epoch()).is_some_and(|(p, q)| (p - q).abs() <= 1);
            // The next sentence elaborating ("They installed tents near Shusha") may name other places.
            // A paragraph a sentence (news style) does not break the thread when the sentence points back.
            let elaborates = distance <= 1 && !b.distinct && b.anaphoric && date_agree(x, y);
            // "the fighting on the night of 12 to 13 September ... On the morning of the 13th his
            // post was overrun": a day inside a few days told just before is that occurrence.
            // Only violence: a movement or a handover told day by day is a new one each day.
            // An agreement signed "on the night of 9 to 10 November" and one signed "10 November"
            // are one signing, however far apart the document tells them.
            let within = (near && VIOLENT.contains(&a.event_type) || a.event_type == EventType::Agreement) && (within_short_range(a, y) || within_short_range(b, x));
            ((date_agree(x, y) || continued || within) && places_ok && (near || share_place || continued || x.is_full() && y.is_full())) || elaborates
        }
        (None, None) => places_ok && (near || share_place && distance <= 6),
        // The next sentence going on about the same thing: "The peacekeepers have reportedly delivered weapons ... via ...".
        _ => (places_ok && near) || (distance <= 1 && (a.paragraph == b.paragraph || b.anaphoric) && !b.distinct),
    }
}

/// Canonical names of an event's places, most specific only: a region is
/// dropped when a place inside it is named too.
fn place_names(ids: &[(usize, String)], gaz: &Gazetteer) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, id) in ids {
        if ids.iter().any(|(_, other)| other != id && gaz.is_within(other, id)) {
            continue;
        }
        let name = gaz.get(id).map_or_else(|| id.clone(), |p| p.name.clone());
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

fn to_record(c: Candidate, doc: &Document, text: &str, chars: &CharIndex, outlet: &Outlet, gaz: &Gazetteer) -> EventRecord {
    let mut claims = c.claims;
    if c.outlet_told && !claims.is_empty() && !claims.iter().any(|cl| cl.claimant == outlet.name) {
        claims.insert(0, Claim { claimant: outlet.name.clone(), stance: Stance::Asserted });
    }
    if !claims.iter().any(|cl| cl.stance == Stance::Asserted) && !claims.iter().any(|cl| cl.stance == Stance::Denied) {
        claims.push(Claim { claimant: outlet.name.clone(), stance: Stance::Asserted });
    }
    let mut rules = c.rules;
    if rules.iter().all(|r| !r.starts_with("claim:")) {
        rules.push("claim:outlet_voice".into());
    }
    let date = c.date.or(c.date_end);
    let date_end = if c.date.is_some() { c.date_end.filter(|e| Some(*e) != c.date) } else { None };
    let mut confidence: f32 = 0.45;
    if date.is_some() {
        confidence += 0.15;
    }
    if !c.places.is_empty() {
        confidence += 0.15;
    }
    if rules.iter().any(|r| r.starts_with("claim:") && r != "claim:outlet_voice") {
        confidence += 0.1;
    }
    if c.weak || only_proposed(&rules) {
        confidence -= 0.2;
    }
    let (s, e) = c.text_span;
    EventRecord {
        doc: doc.meta.id.clone(),
        event_type: c.event_type,
        date,
        date_end,
        places: place_names(&c.places, gaz),
        actors: c.actors,
        claims,
        killed: c.killed,
        injured: c.injured,
        evidence: c.evidence,
        text: text[s..e].to_string(),
        span: [chars.at(s), chars.at(e)],
        rule: rules,
        confidence: confidence.clamp(0.05, 0.99),
    }
}

/// Byte offset → character offset, for spans that index like Python strings.
struct CharIndex {
    /// Byte offsets of every char boundary, ascending.
    starts: Vec<usize>,
}

impl CharIndex {
    fn new(text: &str) -> Self {
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        CharIndex { starts }
    }

    fn at(&self, byte: usize) -> usize {
        self.starts.partition_point(|&b| b < byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use truce_model::DocMeta;

    fn doc(text: &str) -> Document {
        Document {
            meta: DocMeta { id: "t.txt".into(), outlet: None, published: "2023-03-08".parse().ok(), language: Some("en".into()), url: None },
            content_hash: String::new(),
            title: None,
            clean_text: text.into(),
            removed: Vec::new(),
        }
    }

    #[test]
    fn the_trace_is_built_only_when_explaining_and_changes_nothing_else() {
        let d = doc("On 7 March, Armenian units fired at Azerbaijani positions near Aghdam. Nobody was hurt.");
        let plain = extract(&d, Gazetteer::builtin());
        let explained = explain(&d, Gazetteer::builtin());
        assert!(plain.trace.is_empty());
        assert_eq!(explained.trace.len(), 2);
        assert!(explained.trace[0].decisions.iter().any(|x| x.contains("event")), "{:?}", explained.trace[0]);
        assert_eq!(plain.events, explained.events);
    }
}
