//! Regular expressions that stay on the fast path.
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
    /// `\b` and `\B` made ASCII: exact on text without non-ASCII word characters.
    ascii: Regex,
    /// As written; `None` when the pattern has no word boundary to make ASCII.
    unicode: Option<Regex>,
}

impl Pattern {
    /// Compiles `pattern` in both forms.
    pub fn new(pattern: &str) -> Result<Pattern, regex::Error> {
        let ascii_pattern = ascii_boundaries(pattern);
        let unicode = if ascii_pattern == pattern { None } else { Some(Regex::new(pattern)?) };
        Ok(Pattern { ascii: Regex::new(&ascii_pattern)?, unicode })
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

#[cfg(test)]
mod tests {
    use super::*;

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
