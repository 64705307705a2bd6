//! Regular expressions that stay on the fast path, for truce's text and grammar crates.
//!
//! A Unicode word boundary (`\b`) makes the regex crate's lazy DFA give up at
//! the first non-ASCII byte and finish the search with a backtracker or the
//! PikeVM, several times slower. Reports are full of non-ASCII bytes that are
//! not letters (curly quotes, dashes), and next to those an ASCII boundary
//! decides exactly as a Unicode one does. So every pattern is compiled twice:
//! with ASCII boundaries, used when the text searched has no non-ASCII word
//! character, and as written, used otherwise. Results are the same either way.

use regex::{CaptureMatches, Captures, Match, Matches, Regex};

pub struct Pattern {
    /// The pattern as written.
    source: String,
    /// `\b` and `\B` made ASCII: exact on text without non-ASCII word characters.
    ascii: Regex,
    /// As written; `None` when the pattern has no word boundary to make ASCII.
    unicode: Option<Regex>,
    /// The words one of which every match holds, built on first use by [`Pattern::may_match`]
    /// (`None` inside: the pattern has no such words).
    gate: std::sync::OnceLock<Option<WordGate>>,
}

impl Pattern {
    /// Compiles `pattern` in both forms.
    pub fn new(pattern: &str) -> Result<Pattern, regex::Error> {
        let ascii_pattern = ascii_boundaries(pattern);
        let unicode = if ascii_pattern == pattern { None } else { Some(Regex::new(pattern)?) };
        Ok(Pattern { source: pattern.to_string(), ascii: Regex::new(&ascii_pattern)?, unicode, gate: std::sync::OnceLock::new() })
    }

    /// False only when `haystack` lacks every word a match needs: a cheap test that lets a
    /// slow pattern skip the many sentences it cannot match.
    pub fn may_match(&self, haystack: &str) -> bool {
        match self.gate.get_or_init(|| required_words(&self.source).map(WordGate::new)) {
            Some(gate) => gate.matcher.is_match(haystack),
            None => true,
        }
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    /// The compiled form that is exact and fastest on `haystack`.
    pub fn on(&self, haystack: &str) -> &Regex {
        match &self.unicode {
            Some(unicode) if has_non_ascii_word_char(haystack) => unicode,
            _ => &self.ascii,
        }
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.on(haystack).is_match(haystack)
    }

    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        self.on(haystack).find(haystack)
    }

    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> Matches<'r, 'h> {
        self.on(haystack).find_iter(haystack)
    }

    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        self.on(haystack).captures(haystack)
    }

    pub fn captures_iter<'r, 'h>(&'r self, haystack: &'h str) -> CaptureMatches<'r, 'h> {
        self.on(haystack).captures_iter(haystack)
    }
}

/// `pattern` with every `\b` and `\B` written as its ASCII form.
fn ascii_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        // An escape is two characters: `\\b` is a backslash and a `b`, left alone.
        match chars.next() {
            Some('b') => out.push_str(r"(?-u:\b)"),
            Some('B') => out.push_str(r"(?-u:\B)"),
            Some(next) => {
                out.push('\\');
                out.push(next);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Whether `text` has a character outside ASCII that `\w` matches: only next to
/// one of those can an ASCII word boundary differ from a Unicode one.
fn has_non_ascii_word_char(text: &str) -> bool {
    !text.is_ascii() && text.chars().any(|c| !c.is_ascii() && regex_syntax::is_word_character(c))
}

/// Literal words at least one of which any match of `pattern` must contain,
/// read off its syntax tree; `None` when that cannot be told (a pattern made
/// only of classes or optional parts). Matched case-insensitively.
pub fn required_words(pattern: &str) -> Option<Vec<String>> {
    use regex_syntax::hir::{Hir, HirKind};
    fn go(h: &Hir) -> Option<Vec<String>> {
        match h.kind() {
            HirKind::Literal(lit) => {
                // Spaces in a pattern stretch to quotes and line breaks: keep one whole word.
                let s = String::from_utf8_lossy(&lit.0).to_lowercase();
                let word = s
                    .split_whitespace()
                    .max_by_key(|w| (!COMMON_WORDS.contains(w), w.chars().count()))?;
                if word.chars().count() < 3 {
                    return None;
                }
                let mut words = vec![word.to_string()];
                // The matcher folds ASCII case only: a Cyrillic word may open a sentence.
                if !word.is_ascii() {
                    let mut cs = word.chars();
                    words.extend(cs.next().map(|f| f.to_uppercase().chain(cs).collect::<String>()));
                }
                Some(words)
            }
            HirKind::Capture(c) => go(&c.sub),
            HirKind::Repetition(r) if r.min >= 1 => go(&r.sub),
            HirKind::Concat(parts) => {
                // The part whose shortest word is longest filters best, unless it holds a word
                // most sentences have ("from", "with", "them"): then any other part does better.
                let sets: Vec<Vec<String>> = parts.iter().filter_map(go).collect();
                let rare = |ws: &&Vec<String>| !ws.iter().any(|w| COMMON_WORDS.contains(&w.as_str()));
                let best = |ws: &&Vec<String>| ws.iter().map(|w| w.len()).min().unwrap_or(0);
                sets.iter().filter(rare).max_by_key(best).or_else(|| sets.iter().max_by_key(best)).cloned()
            }
            HirKind::Alternation(alts) => {
                let sets: Option<Vec<Vec<String>>> = alts.iter().map(go).collect();
                sets.map(|v| v.concat())
            }
            _ => None,
        }
    }
    // Case-insensitive literals parse as classes; read them as written (the gate folds case itself).
    let as_written = pattern.replace("(?i)", "").replace("(?i:", "(?:");
    let hir = regex_syntax::ParserBuilder::new().unicode(true).build().parse(&as_written).ok()?;
    go(&hir)
}

/// A pattern compiled once, on first use, into `cell`: the rules' fixed expressions.
/// Panics on a bad pattern, which is a bug in the rules, not in the text.
pub fn cached(cell: &'static std::sync::OnceLock<Pattern>, pattern: &str) -> &'static Pattern {
    cell.get_or_init(|| Pattern::new(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}")))
}

/// Words nearly every sentence of a report has: a poor gate when a rarer one is at hand.
const COMMON_WORDS: [&str; 30] = [
    "the", "and", "for", "from", "with", "that", "this", "them", "they", "was", "were", "has", "have", "had", "are", "been", "its",
    "their", "his", "her", "made", "used", "sent", "let", "what", "which", "when", "who", "said", "into",
];

/// Which of many patterns' required words a text holds: one pass over the text
/// tells which patterns cannot match and need not be run at all.
pub struct WordGate {
    words: Vec<String>,
    matcher: aho_corasick::AhoCorasick,
}

impl WordGate {
    pub fn new(mut words: Vec<String>) -> WordGate {
        words.sort();
        words.dedup();
        let matcher = aho_corasick::AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::Standard)
            .build(&words)
            .expect("required words build an automaton");
        WordGate { words, matcher }
    }

    /// Index of each of `required` in the gate's word list.
    pub fn indices(&self, required: &[String]) -> Vec<usize> {
        required.iter().filter_map(|w| self.words.iter().position(|x| x == w)).collect()
    }

    /// Every occurrence in `text` of a word of the gate, as (word index, start, end), by start.
    pub fn hits(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut hits: Vec<(usize, usize, usize)> = self.matcher.find_overlapping_iter(text).map(|m| (m.pattern().as_usize(), m.start(), m.end())).collect();
        hits.sort_by_key(|h| h.1);
        hits
    }

    /// For each word of the gate, whether `text` holds it.
    pub fn present(&self, text: &str) -> Vec<bool> {
        let mut present = vec![false; self.words.len()];
        for m in self.matcher.find_overlapping_iter(text) {
            present[m.pattern().as_usize()] = true;
        }
        present
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_words_are_read_off_the_pattern() {
        assert_eq!(required_words(r"(?i)\b(?:yesterday|last night)\b"), Some(vec!["yesterday".to_string(), "night".to_string()]));
        // A pattern that can match without any word of three letters has none.
        assert_eq!(required_words(r"\b(?P<d>[0-3]?\d)[./](?P<m>[01]?\d)\b"), None);
        assert_eq!(required_words(r"(?i:in|by) (?:19|20)\d\d"), None);
        // A word nearly every sentence has is a poor gate: the rarer part is required instead.
        assert_eq!(required_words(r"fir(?:ed|ing) (?:\w+ )?(?:from|with)"), Some(vec!["fir".to_string()]));
        assert_eq!(required_words(r"fire from"), Some(vec!["fire".to_string()]));
    }

    #[test]
    fn a_pattern_may_match_only_text_holding_a_word_it_needs() {
        let p = Pattern::new(r"\b[Вв] (?P<city>Баку|Ереване) заявили\b|\b(?P<en>Stepanakert) says\b").unwrap();
        assert!(p.may_match("В Баку заявили, что"));
        assert!(p.may_match("STEPANAKERT SAYS"));
        assert!(!p.may_match("Министерство заявило"));
        // A pattern with no word it needs may match anything.
        assert!(Pattern::new(r"\d+").unwrap().may_match("no digits"));
    }

    #[test]
    fn boundaries_become_ascii_and_escapes_stay() {
        assert_eq!(ascii_boundaries(r"\bsaid\b"), r"(?-u:\b)said(?-u:\b)");
        assert_eq!(ascii_boundaries(r"\\b\B\d"), r"\\b(?-u:\B)\d");
    }

    #[test]
    fn both_forms_agree_with_the_unicode_meaning() {
        let p = Pattern::new(r"(?i)\b(?:не|said|ranked)\b").unwrap();
        // Curly quotes and dashes around words: the ASCII form serves and finds the same.
        assert!(std::ptr::eq(p.on("“said” — he"), &p.ascii));
        assert_eq!(p.find("“said” — he").map(|m| m.as_str()), Some("said"));
        // A Cyrillic word needs Unicode boundaries, and gets them.
        assert_eq!(p.find("он не сказал").map(|m| m.as_str()), Some("не"));
        // Next to a non-ASCII letter ASCII would see a boundary that is not there.
        assert_eq!(p.find("Şaidranked"), None);
        assert_eq!(p.find("Şsaid"), None);
    }
}
