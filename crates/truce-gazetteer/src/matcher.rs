//! Finding place names in running text.
//!
//! One Aho-Corasick automaton (leftmost-longest) over the normalized form of
//! every usable spelling, run over the normalized text. A hit counts only if
//! it starts and ends at word boundaries, starts with an upper-case letter in
//! the original text, and, for short spellings, is written exactly as the
//! gazetteer spells it and not at the start of a sentence. When the longest
//! hit fails these checks, shorter spellings it begins with are tried
//! ("Lachin-Khankendi roadside" still finds "Lachin").

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, Input, MatchKind};

use crate::model::PlaceMention;
use crate::normalize::normalize_text;

/// Spellings this short (in letters) are "strict": matched only as written
/// and never at a sentence start ("Sus", "Zod", "Dığ").
const STRICT_MAX_LETTERS: usize = 3;

#[derive(Debug)]
struct Pattern {
    len: usize,
    /// Index of the place a hit denotes (the preferred reading).
    place: u32,
    /// Scripts (bit set of [`script_bit`]) its spellings are written in: a
    /// hit must be written in one of them, so that the Armenian "Բրուն"
    /// (normalized "brown") never matches the English "Brown".
    scripts: u8,
    /// Scripts in which it has a spelling longer than [`STRICT_MAX_LETTERS`]:
    /// hits in them are accepted as they come. In other scripts a hit must
    /// be one of the short spellings in `exact`, written exactly, and must not
    /// open a sentence ("Sus", "Zod", "Dığ", "Тех").
    loose: u8,
    exact: Box<[Box<str>]>,
    /// Patterns that are word-boundary prefixes of this one, longest first.
    fallbacks: Vec<u32>,
}

#[derive(Debug)]
pub(crate) struct Matcher {
    ac: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
}

/// One searchable key: its normalized form, its spellings, the preferred place.
pub(crate) struct Key<'a> {
    pub(crate) norm: &'a str,
    pub(crate) spellings: Vec<&'a str>,
    pub(crate) place: u32,
}

#[inline]
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

fn letters(s: &str) -> usize {
    s.bytes().filter(u8::is_ascii_alphabetic).count()
}

fn is_short(spelling: &str) -> bool {
    spelling.chars().filter(|c| c.is_alphabetic()).count() <= STRICT_MAX_LETTERS
}

impl Matcher {
    /// Builds the automaton over `keys`, leaving out those in `stop` (normalized).
    pub(crate) fn new(keys: Vec<Key<'_>>, stop: &HashSet<String>) -> Matcher {
        let mut keys: Vec<Key<'_>> = keys
            .into_iter()
            .filter(|k| letters(k.norm) >= 2 && !stop.contains(k.norm))
            .collect();
        keys.sort_by(|a, b| a.norm.cmp(b.norm));
        let index: HashMap<&str, u32> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.norm, i as u32))
            .collect();
        let patterns: Vec<Pattern> = keys
            .iter()
            .map(|k| {
                let bytes = k.norm.as_bytes();
                let mut fallbacks: Vec<u32> = (1..bytes.len())
                    .rev()
                    .filter(|&i| !is_word(bytes[i]) && is_word(bytes[i - 1]))
                    .filter_map(|i| index.get(&k.norm[..i]).copied())
                    .collect();
                fallbacks.dedup();
                let key_short = letters(k.norm) <= STRICT_MAX_LETTERS;
                let script_mask = |keep: &dyn Fn(&str) -> bool| {
                    k.spellings
                        .iter()
                        .filter(|s| keep(s))
                        .map(|s| first_letter_script(s))
                        .fold(0, |a, b| a | b)
                };
                Pattern {
                    scripts: script_mask(&|_| true),
                    loose: if key_short {
                        0
                    } else {
                        script_mask(&|s| !is_short(s))
                    },
                    exact: k
                        .spellings
                        .iter()
                        .filter(|s| key_short || is_short(s))
                        .map(|s| Box::<str>::from(*s))
                        .collect(),
                    len: bytes.len(),
                    place: k.place,
                    fallbacks,
                }
            })
            .collect();
        let ac = (!keys.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(keys.iter().map(|k| k.norm))
                .expect("gazetteer automaton fits in memory")
        });
        Matcher { ac, patterns }
    }

    pub(crate) fn find(&self, text: &str, place_id: impl Fn(u32) -> String) -> Vec<PlaceMention> {
        let mut out = Vec::new();
        let Some(ac) = &self.ac else { return out };
        let norm = normalize_text(text);
        let hay = norm.text.as_bytes();
        let mut pos = 0;
        while pos < hay.len() {
            let Some(m) = ac.find(Input::new(hay).range(pos..)) else {
                break;
            };
            let s = m.start();
            if s > 0 && is_word(hay[s - 1]) {
                pos = s + 1;
                continue;
            }
            let first = m.pattern().as_u32();
            let accepted = std::iter::once(first)
                .chain(self.patterns[first as usize].fallbacks.iter().copied())
                .find_map(|p| {
                    let pat = &self.patterns[p as usize];
                    let e = s + pat.len;
                    if e < hay.len() && is_word(hay[e]) {
                        return None;
                    }
                    let os = norm.map[s] as usize;
                    let last = norm.map[e - 1] as usize;
                    let oe = last + text[last..].chars().next().map_or(1, char::len_utf8);
                    self.accept(pat, text, os, oe).then_some((pat, e, os, oe))
                });
            match accepted {
                Some((pat, e, os, oe)) => {
                    out.push(PlaceMention {
                        start: os,
                        end: oe,
                        place_id: place_id(pat.place),
                        surface: text[os..oe].to_string(),
                    });
                    pos = e;
                }
                None => pos = s + 1,
            }
        }
        out
    }

    fn accept(&self, pat: &Pattern, text: &str, start: usize, end: usize) -> bool {
        let surface = &text[start..end];
        let script = surface
            .chars()
            .find(|c| c.is_alphabetic())
            .map_or(pat.scripts, script_bit);
        if pat.scripts & script == 0 {
            return false;
        }
        if surface
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() && !c.is_uppercase())
        {
            return false;
        }
        pat.loose & script != 0
            || (pat.exact.iter().any(|s| **s == *surface) && !at_sentence_start(text, start))
    }
}

const LATIN: u8 = 1;
const CYRILLIC: u8 = 2;
const ARMENIAN: u8 = 4;
const OTHER: u8 = 8;

fn script_bit(c: char) -> u8 {
    match c as u32 {
        0x41..=0x24F | 0x1E00..=0x1EFF => LATIN,
        0x400..=0x52F => CYRILLIC,
        0x531..=0x58F | 0xFB13..=0xFB17 => ARMENIAN,
        _ => OTHER,
    }
}

/// The script of a spelling's first letter; a spelling without letters
/// ("102") counts as any.
fn first_letter_script(s: &str) -> u8 {
    s.chars()
        .find(|c| c.is_alphabetic())
        .map_or(LATIN | CYRILLIC | ARMENIAN | OTHER, script_bit)
}

/// Whether `start` begins a sentence, a line or the text: only white space and
/// opening quotes or brackets stand between it and a `.`, `!`, `?`, a line
/// break or the start.
fn at_sentence_start(text: &str, start: usize) -> bool {
    for c in text[..start].chars().rev() {
        match c {
            '\n' | '\r' | '.' | '!' | '?' | '…' => return true,
            c if c.is_whitespace() => {}
            '"' | '\'' | '“' | '‘' | '«' | '„' | '(' | '[' | '—' | '–' | '-' => {}
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_start() {
        let t = "Sus. The village of Sus. “Sus\nSus";
        let starts: Vec<bool> = t
            .match_indices("Sus")
            .map(|(i, _)| at_sentence_start(t, i))
            .collect();
        assert_eq!(starts, [true, false, true, true]);
    }
}
