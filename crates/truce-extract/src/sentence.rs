//! Sentence splitting over clean text, keeping byte spans.
//!
//! Reports are news prose: a sentence ends at `.`, `!` or `?` (and any closing
//! quotes or brackets after it) followed by space and a capital, a digit or an
//! opening quote; a line break always ends one (clean text puts headings and
//! captions on their own lines). Abbreviations and initials do not end one.

/// One sentence: its byte range in the text and the paragraph it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "st", "no", "nos", "vs", "etc", "e.g", "i.e",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "inc",
    "ltd", "co", "corp", "jr", "sr", "prof", "rev", "gov", "sen", "rep", "u.s", "u.n", "art", "para", "fig",
    "г", "гг", "т.е", "т.д", "им", "ул", "пос", "с", "ген",
];

pub fn split(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut line_start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i <= bytes.len() {
        if i == bytes.len() || bytes[i] == b'\n' {
            split_line(text, line_start, i, paragraph, &mut out);
            // A blank line starts a new paragraph.
            let mut j = i + 1;
            let mut blank = false;
            while j < bytes.len() && (bytes[j] == b'\n' || bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r') {
                if bytes[j] == b'\n' {
                    blank = true;
                }
                j += 1;
            }
            if blank {
                paragraph += 1;
            }
            line_start = (i + 1).min(bytes.len());
            i += 1;
            continue;
        }
        i += 1;
    }
    out
}

fn split_line(text: &str, start: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let line = &text[start..end];
    let mut sent_start = 0;
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (pos, c) = chars[k];
        if matches!(c, '.' | '!' | '?' | '…') {
            // Swallow repeated terminators and closing quotes/brackets.
            let mut m = k + 1;
            while m < chars.len() && matches!(chars[m].1, '.' | '!' | '?' | '"' | '”' | '’' | '\'' | ')' | '»' | '…') {
                m += 1;
            }
            let after_ws = m < chars.len() && chars[m].1.is_whitespace();
            let mut n = m;
            while n < chars.len() && chars[n].1.is_whitespace() {
                n += 1;
            }
            let next = chars.get(n).map(|x| x.1);
            let starts_new = match next {
                None => true,
                Some(ch) => after_ws && (ch.is_uppercase() || ch.is_ascii_digit() || matches!(ch, '"' | '“' | '«' | '‘' | '(' | '—' | '–')),
            };
            if starts_new && !(c == '.' && is_abbreviation(line, pos)) {
                let end_byte = if m < chars.len() { chars[m].0 } else { line.len() };
                push(text, start + sent_start, start + end_byte, paragraph, out);
                sent_start = if n < chars.len() { chars[n].0 } else { line.len() };
                k = n;
                continue;
            }
            k = m;
            continue;
        }
        k += 1;
    }
    push(text, start + sent_start, end, paragraph, out);
}

fn push(text: &str, mut s: usize, mut e: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    while s < e && text.as_bytes()[s].is_ascii_whitespace() {
        s += 1;
    }
    while e > s && text.as_bytes()[e - 1].is_ascii_whitespace() {
        e -= 1;
    }
    if e > s {
        out.push(Sentence { start: s, end: e, paragraph });
    }
}

/// Whether the period at byte `dot` in `line` closes an abbreviation or an initial.
fn is_abbreviation(line: &str, dot: usize) -> bool {
    let before = &line[..dot];
    let word_start = before.rfind(|c: char| c.is_whitespace() || c == '(').map_or(0, |p| p + 1);
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // A single capital letter is an initial ("V. Putin"), and dotted acronyms ("U.S.") continue.
    let mut cs = word.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase()) || word.contains('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        split(t).into_iter().map(|s| &t[s.start..s.end]).collect()
    }

    #[test]
    fn splits_on_terminators_and_lines() {
        let t = "Fire was opened at 22:40. No casualties were reported!\nHeading line\n\nGen. Ivanov said: \"We saw it.\" Then he left.";
        assert_eq!(
            texts(t),
            vec![
                "Fire was opened at 22:40.",
                "No casualties were reported!",
                "Heading line",
                "Gen. Ivanov said: \"We saw it.\"",
                "Then he left."
            ]
        );
        let p: Vec<usize> = split(t).iter().map(|s| s.paragraph).collect();
        assert_eq!(p, vec![0, 0, 0, 1, 1]);
    }

    #[test]
    fn keeps_initials_abbreviations_and_decimals() {
        let t = "V. Putin met N. Pashinyan on Nov. 9 in Moscow. The 2.5 km road closed.";
        assert_eq!(texts(t), vec!["V. Putin met N. Pashinyan on Nov. 9 in Moscow.", "The 2.5 km road closed."]);
    }

    #[test]
    fn lowercase_after_period_does_not_split() {
        assert_eq!(texts("It was about 5 p.m. when it began."), vec!["It was about 5 p.m. when it began."]);
    }
}
