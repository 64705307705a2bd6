//! The lexicons truce's grammar runs on, loaded from `data/lexicon/*.tsv`
//! (embedded at build time, so the binary stands alone): event triggers per
//! type, actors with their side and kind, and named episodes.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;

use truce_pattern::{Pattern, WordGate, required_words};
use truce_model::EventType;

const TRIGGERS: &str = include_str!("../../../data/lexicon/triggers.tsv");
const ACTORS: &str = include_str!("../../../data/lexicon/actors.tsv");
const EPISODES: &str = include_str!("../../../data/lexicon/episodes.tsv");

/// What separates two words of a trigger: spaces, and quotes put around a word.
const WORD_GAP: &str = r#"(?:[\s"]|“|”|«|»)+"#;

/// A word boundary that only looks at ASCII: fast, and right for the English patterns.
const ASCII_BOUNDARY: &str = r"(?-u:\b)";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TriggerFlags {
    pub weak: bool,
    pub reference: bool,
    pub habitual: bool,
    pub retaliation: bool,
    /// Proposed by the sentence classifier (`classify`) where no pattern matched.
    pub model: bool,
}

pub struct TriggerPattern {
    pub source: String,
    compiled: String,
    /// Written in English: compiled with ASCII classes and boundaries.
    ascii: bool,
    pub flags: TriggerFlags,
    /// Anchored at the start, to tell which pattern of a type matched.
    anchored: Regex,
}

/// All trigger patterns of one event type, compiled into one scanner.
pub struct TypeTriggers {
    pub event_type: EventType,
    pub patterns: Vec<TriggerPattern>,
    /// Words (indices into the lexicon's gate) one of which every match must contain
    /// (None: some pattern has no such word). Only text around them is scanned for this type.
    required: Option<Vec<usize>>,
    /// English patterns, matched with ASCII classes (fast); patterns in other scripts, with Unicode ones.
    scanners: Vec<Regex>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    Ministry,
    Military,
    ArmedGroup,
    Government,
    Leader,
    Peacekeepers,
    Security,
    Civilians,
    Media,
    Monitor,
    Company,
    Group,
    /// A named person found in the text (not from the lexicon).
    Person,
}

impl ActorKind {
    /// Whether statements are made in this actor's name (it can be a claimant).
    pub fn speaks(self) -> bool {
        // Armies and armed groups act; their ministries and commands speak for them.
        !matches!(self, Self::Civilians | Self::Company | Self::ArmedGroup | Self::Military)
    }
}

#[derive(Debug, Clone)]
pub struct ActorEntry {
    pub canonical: String,
    pub side: String,
    pub kind: ActorKind,
}

pub struct Episode {
    pub id: String,
    pub event_type: EventType,
    pub date: Option<truce_model::PartialDate>,
    pub date_end: Option<truce_model::PartialDate>,
    pub pattern: Pattern,
}

/// A trigger found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriggerHit {
    pub event_type: EventType,
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
    pub flags: TriggerFlags,
}

/// An actor mention found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorHit {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

pub struct Lexicon {
    pub triggers: Vec<TypeTriggers>,
    /// The words trigger types require, found in one pass.
    gate: WordGate,
    pub actors: Vec<ActorEntry>,
    actor_variants: Vec<usize>,
    actor_matcher: AhoCorasick,
    pub episodes: Vec<Episode>,
    /// Base forms of the verbs the triggers name in `<...>` groups: after "to" they are
    /// infinitives ("the strength to withdraw peacekeepers"), not acts.
    pub verb_lemmas: std::collections::HashSet<String>,
}

/// Data lines of a TSV lexicon: not blank, not a `#` comment.
fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#')).map(|(i, l)| (i + 1, l))
}

impl Lexicon {
    /// The lexicons shipped with truce, parsed once.
    pub fn builtin() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| Lexicon::parse(TRIGGERS, ACTORS, EPISODES).unwrap_or_else(|e| panic!("built-in lexicon: {e}")))
    }

    pub fn parse(triggers: &str, actors: &str, episodes: &str) -> Result<Lexicon, String> {
        let mut by_type: Vec<(EventType, Vec<TriggerPattern>)> = Vec::new();
        let mut verb_lemmas = std::collections::HashSet::new();
        for (n, line) in data_lines(triggers) {
            let cols: Vec<&str> = line.split('\t').collect();
            let [ty, flags, pat] = cols[..] else {
                return Err(format!("triggers.tsv:{n}: expected 3 tab-separated columns, found {}", cols.len()));
            };
            let event_type: EventType = ty.parse().map_err(|e| format!("triggers.tsv:{n}: {e}"))?;
            let mut f = TriggerFlags::default();
            for flag in flags.split(',').filter(|x| *x != "-") {
                match flag {
                    "weak" => f.weak = true,
                    "ref" => f.reference = true,
                    "habit" => f.habitual = true,
                    "retal" => f.retaliation = true,
                    other => return Err(format!("triggers.tsv:{n}: unknown flag {other:?}")),
                }
            }
            // A space in a pattern also matches scare quotes around a word: `"closed" the checkpoint`.
            // Word boundaries are ASCII ones so the scanners stay on the fast DFA path; patterns
            // in other scripts carry none and have their start checked after matching.
            // A curly apostrophe in a class is the one non-ASCII character English patterns use.
            let ascii = pat.chars().all(|c| c.is_ascii() || c == '’');
            verb_lemmas.extend(crate::inflect::lemmas(pat));
            let pat = crate::inflect::expand(pat).map_err(|e| format!("triggers.tsv:{n}: {e}"))?;
            let pat = curly_out_of_classes(&pat);
            let compiled = widen_spaces(&if ascii { pat.replace(r"\b", ASCII_BOUNDARY) } else { pat.clone() });
            let compiled = if ascii { format!("(?-u:{compiled})") } else { compiled };
            let anchored = Regex::new(&format!("^(?i:{compiled})")).map_err(|e| format!("triggers.tsv:{n}: {e}"))?;
            let tp = TriggerPattern { source: pat.to_string(), compiled, ascii, flags: f, anchored };
            match by_type.iter_mut().find(|(t, _)| *t == event_type) {
                Some((_, v)) => v.push(tp),
                None => by_type.push((event_type, vec![tp])),
            }
        }
        let (mut triggers, required): (Vec<TypeTriggers>, Vec<Option<Vec<String>>>) = by_type
            .into_iter()
            .map(|(event_type, patterns)| {
                let alt = |ascii: bool| -> Vec<String> {
                    patterns
                        .iter()
                        .filter(|p| p.ascii == ascii)
                        .map(|p| match (ascii, p.source.ends_with(' ')) {
                            (false, _) => format!("(?:{})", p.compiled),
                            (true, true) => format!("{ASCII_BOUNDARY}(?:{})", p.compiled),
                            (true, false) => format!("{ASCII_BOUNDARY}(?:{}){ASCII_BOUNDARY}", p.compiled),
                        })
                        .collect()
                };
                let mut scanners = Vec::new();
                for ascii in [true, false] {
                    // Patterns in Cyrillic make large case-insensitive automata: in smaller groups
                    // their lazy DFAs stay cached instead of falling back to slower engines.
                    let group = if ascii { usize::MAX } else { SCANNER_GROUP };
                    for alts in alt(ascii).chunks(group) {
                        let scanner = regex::RegexBuilder::new(&format!("(?i)(?:{})", alts.join("|")))
                            .dfa_size_limit(32 << 20)
                            .build()
                            .map_err(|e| format!("triggers.tsv: type {event_type}: {e}"))?;
                        scanners.push(scanner);
                    }
                }
                let required = patterns.iter().map(|p| required_words(&p.source)).collect::<Option<Vec<Vec<String>>>>().map(|v| v.concat());
                Ok((TypeTriggers { event_type, patterns, scanners, required: None }, required))
            })
            .collect::<Result<Vec<_>, String>>()?
            .into_iter()
            .unzip();

        let mut entries: Vec<ActorEntry> = Vec::new();
        let mut variants: Vec<String> = Vec::new();
        let mut variant_entry: Vec<usize> = Vec::new();
        // Names written in the lexicon win over case forms derived from another entry's names.
        let all_names: std::collections::HashSet<String> = data_lines(actors)
            .filter_map(|(_, line)| line.split('\t').nth(3))
            .flat_map(|names| names.split('|').map(|n| n.trim().to_string()))
            .collect();
        for (n, line) in data_lines(actors) {
            let cols: Vec<&str> = line.split('\t').collect();
            let [canonical, side, kind, names] = cols[..] else {
                return Err(format!("actors.tsv:{n}: expected 4 tab-separated columns, found {}", cols.len()));
            };
            let kind = match kind {
                "ministry" => ActorKind::Ministry,
                "military" => ActorKind::Military,
                "armed_group" => ActorKind::ArmedGroup,
                "government" => ActorKind::Government,
                "leader" => ActorKind::Leader,
                "peacekeepers" => ActorKind::Peacekeepers,
                "security" => ActorKind::Security,
                "civilians" => ActorKind::Civilians,
                "media" => ActorKind::Media,
                "monitor" => ActorKind::Monitor,
                "company" => ActorKind::Company,
                "group" => ActorKind::Group,
                other => return Err(format!("actors.tsv:{n}: unknown kind {other:?}")),
            };
            let idx = entries.len();
            entries.push(ActorEntry { canonical: canonical.to_string(), side: side.to_string(), kind });
            for name in names.split('|').map(str::trim).filter(|s| !s.is_empty()) {
                // Case forms of a Russian phrase match too, unless another actor names them itself.
                let explicit: Vec<String> = spelling_variants(name);
                for form in crate::inflect::russian_phrase_forms(name) {
                    if !all_names.contains(&form) && !variants.contains(&form) {
                        variants.push(form);
                        variant_entry.push(idx);
                    }
                }
                for v in explicit {
                    if let Some(prev) = variants.iter().position(|x| x.eq_ignore_ascii_case(&v)) {
                        if variant_entry[prev] != idx {
                            return Err(format!(
                                "actors.tsv:{n}: {v:?} already names {:?}",
                                entries[variant_entry[prev]].canonical
                            ));
                        }
                        continue;
                    }
                    variants.push(v);
                    variant_entry.push(idx);
                }
            }
        }
        let actor_matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&variants)
            .map_err(|e| format!("actors.tsv: {e}"))?;

        let mut eps = Vec::new();
        for (n, line) in data_lines(episodes) {
            let cols: Vec<&str> = line.split('\t').collect();
            let [id, ty, date, date_end, pat] = cols[..] else {
                return Err(format!("episodes.tsv:{n}: expected 5 tab-separated columns, found {}", cols.len()));
            };
            let parse_date = |s: &str| -> Result<Option<truce_model::PartialDate>, String> {
                if s.is_empty() { Ok(None) } else { s.parse().map(Some).map_err(|e| format!("episodes.tsv:{n}: {e}")) }
            };
            eps.push(Episode {
                id: id.to_string(),
                event_type: ty.parse().map_err(|e| format!("episodes.tsv:{n}: {e}"))?,
                date: parse_date(date)?,
                date_end: parse_date(date_end)?,
                pattern: Pattern::new(&format!("(?i){pat}")).map_err(|e| format!("episodes.tsv:{n}: {e}"))?,
            });
        }
        let gate = WordGate::new(required.iter().flatten().flatten().cloned().collect());
        for (tt, words) in triggers.iter_mut().zip(&required) {
            tt.required = words.as_ref().map(|w| gate.indices(w));
        }
        Ok(Lexicon { triggers, gate, actors: entries, actor_variants: variant_entry, actor_matcher, episodes: eps, verb_lemmas })
    }

    /// Every trigger in `text` that lies within one of `sentences` (byte spans, in text
    /// order), in text order. Triggers never span sentences, so each type scans only the
    /// sentences that hold one of the words it requires.
    pub fn find_triggers(&self, text: &str, sentences: &[(usize, usize)]) -> Vec<TriggerHit> {
        let mut hits = Vec::new();
        let words = self.gate.hits(text);
        for tt in &self.triggers {
            let mut windows: Vec<(usize, usize)> = match &tt.required {
                Some(required) => words
                    .iter()
                    .filter(|w| required.contains(&w.0))
                    .filter_map(|w| {
                        let i = sentences.partition_point(|s| s.1 <= w.1);
                        sentences.get(i).copied().filter(|s| s.0 <= w.1)
                    })
                    .collect(),
                None => sentences.to_vec(),
            };
            windows.dedup();
            for (from, to) in windows {
                let hay = &text[from..to];
                for scanner in &tt.scanners {
                    let mut pos = 0;
                    while let Some(m) = scanner.find_at(hay, pos) {
                        let (start, end) = (from + m.start(), from + m.end());
                        // Patterns without ASCII boundaries must still start a word; a match
                        // inside a word ("на" in "района") is dropped, and the search goes on
                        // from the next character, not past it, so the word's own match is found.
                        if text[..start].chars().next_back().is_some_and(char::is_alphanumeric) {
                            pos = m.start() + hay[m.start()..].chars().next().map_or(1, char::len_utf8);
                            continue;
                        }
                        let rest = &text[start..];
                        let pattern = tt.patterns.iter().position(|p| p.anchored.is_match(rest)).unwrap_or(0);
                        hits.push(TriggerHit { event_type: tt.event_type, start, end, pattern, flags: tt.patterns[pattern].flags });
                        pos = if m.end() > m.start() { m.end() } else { m.end() + 1 };
                        if pos > hay.len() {
                            break;
                        }
                    }
                }
            }
        }
        hits.sort_by_key(|h| (h.start, h.end));
        hits
    }

    pub fn pattern_source(&self, hit: &TriggerHit) -> &str {
        if hit.flags.model {
            return "model";
        }
        self.triggers
            .iter()
            .find(|t| t.event_type == hit.event_type)
            .map_or("", |t| t.patterns[hit.pattern].source.as_str())
    }

    /// Every actor mention in `text`, in text order, at word boundaries.
    pub fn find_actors(&self, text: &str) -> Vec<ActorHit> {
        self.actor_matcher
            .find_iter(text)
            .filter(|m| at_word_boundaries(text, m.start(), m.end()))
            .map(|m| ActorHit { start: m.start(), end: m.end(), entry: self.actor_variants[m.pattern().as_usize()] })
            .collect()
    }

    /// Byte spans of every named-episode mention in `text[start..end]`.
    pub fn episode_spans(&self, text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for e in &self.episodes {
            for m in e.pattern.find_iter(&text[start..end]) {
                out.push((start + m.start(), start + m.end()));
            }
        }
        out
    }

    /// The named episode this trigger (with the text right after it) names, if any.
    pub fn episode_at(&self, text: &str, start: usize, end: usize) -> Option<&Episode> {
        // Look a little around the trigger: "the 2020 war", "statement of November 10, 2020".
        let from = floor_char(text, start.saturating_sub(12));
        let to = floor_char(text, (end + 40).min(text.len()));
        let window = &text[from..to];
        self.episodes.iter().find(|e| {
            e.pattern.find_iter(window).any(|m| from + m.start() <= end && from + m.end() >= start)
        })
    }
}

/// How many non-ASCII trigger patterns share one scanner.
const SCANNER_GROUP: usize = 12;

/// `[\w'’-]` becomes `(?:[\w'-]|’)`: ASCII-mode classes cannot hold a curly apostrophe.
fn curly_out_of_classes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut class = String::new();
    let (mut in_class, mut escaped, mut curly) = (false, false, false);
    for ch in pattern.chars() {
        if in_class {
            match ch {
                _ if escaped => {
                    escaped = false;
                    class.push(ch);
                }
                '\\' => {
                    escaped = true;
                    class.push(ch);
                }
                '’' => curly = true,
                ']' => {
                    in_class = false;
                    if curly {
                        out.push_str(&format!("(?:[{class}]|’)"));
                    } else {
                        out.push_str(&format!("[{class}]"));
                    }
                }
                _ => class.push(ch),
            }
            continue;
        }
        match ch {
            _ if escaped => {
                escaped = false;
                out.push(ch);
            }
            '\\' => {
                escaped = true;
                out.push(ch);
            }
            '[' => {
                in_class = true;
                curly = false;
                class.clear();
            }
            _ => out.push(ch),
        }
    }
    out
}

/// Every space outside a character class becomes [`WORD_GAP`]; `[- ]` stays a class.
fn widen_spaces(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() * 2);
    let (mut in_class, mut escaped) = (false, false);
    for ch in pattern.chars() {
        match ch {
            _ if escaped => {
                escaped = false;
                out.push(ch);
            }
            '\\' => {
                escaped = true;
                out.push(ch);
            }
            '[' => {
                in_class = true;
                out.push(ch);
            }
            ']' => {
                in_class = false;
                out.push(ch);
            }
            ' ' if !in_class => out.push_str(WORD_GAP),
            _ => out.push(ch),
        }
    }
    out
}

/// `Defense` also as `Defence`; a straight apostrophe also as a curly one.
fn spelling_variants(name: &str) -> Vec<String> {
    let mut out = vec![name.to_string()];
    if name.contains("Defense") {
        out.push(name.replace("Defense", "Defence"));
    }
    let with_curly: Vec<String> = out.iter().filter(|v| v.contains('\'')).map(|v| v.replace('\'', "’")).collect();
    out.extend(with_curly);
    out
}

pub fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

pub fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(|c| c.is_alphanumeric()) && !after.is_some_and(|c| c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_parses_and_covers_every_type() {
        let lex = Lexicon::builtin();
        for t in EventType::ALL {
            assert!(lex.triggers.iter().any(|tt| tt.event_type == t), "no trigger for {t}");
        }
    }

    #[test]
    fn actors_match_spelling_variants_at_word_boundaries() {
        let lex = Lexicon::builtin();
        let text = "Azerbaijan’s Defence Ministry said the Armenian MoD and the peacekeepers lied; Bakul is not Baku.";
        let names: Vec<&str> = lex.find_actors(text).iter().map(|h| lex.actors[h.entry].canonical.as_str()).collect();
        assert_eq!(
            names,
            vec!["Ministry of Defense of Azerbaijan", "Ministry of Defense of Armenia", "Russian peacekeeping contingent", "Government of Azerbaijan"]
        );
    }

    #[test]
    fn bad_lexicon_lines_are_reported_with_file_and_line() {
        let err = Lexicon::parse("firing\t-\n", "", "").err().unwrap();
        assert!(err.starts_with("triggers.tsv:1:"), "{err}");
        let err = Lexicon::parse("", "X\taz\tnonsense\tx\n", "").err().unwrap();
        assert!(err.contains("actors.tsv:1: unknown kind"), "{err}");
    }
}

#[cfg(test)]
mod gate_tests {
    use super::*;

    #[test]
    fn every_type_has_words_its_triggers_need() {
        let lex = Lexicon::builtin();
        for tt in &lex.triggers {
            let unknown: Vec<&str> = tt.patterns.iter().filter(|p| required_words(&p.source).is_none()).map(|p| p.source.as_str()).collect();
            assert!(unknown.is_empty(), "{}: patterns with no required word: {unknown:?}", tt.event_type);
        }
    }
}
