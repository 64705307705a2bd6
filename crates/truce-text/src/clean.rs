//! Clean text: the article's own paragraphs, with page furniture removed and
//! the dateline taken out (and kept as a date).
//!
//! Scraped pages saved as text keep their menus, share buttons, copyright
//! footers and "related news" lists. None of it may reach extraction, yet the
//! article must come out exactly as written, because extraction quotes it back
//! by character offsets. So lines are only ever kept whole or dropped whole
//! (a dateline prefix is the one cut inside a line), and every dropped line is
//! recorded.
//!
//! The rules, in order:
//! 1. Line-local boilerplate (`boilerplate::classify`): lexicon lines, copyright
//!    and reuse notices, counters, calls to action, cookie banners, browser
//!    notices, bare links.
//! 2. After a "Related news" / "Read also" / "Tags" marker, the headline-like
//!    lines that follow, up to the next body paragraph or sentence.
//! 3. Lines in another language or script than the document.
//! 4. Datelines among the first lines, up to the first body paragraph; the
//!    one nearest the body gives the publication date.
//! 5. Around the body: in the leading block before the first body paragraph,
//!    short lines (at most 4 words, no sentence-final punctuation), short
//!    all-capital labels and bylines, keeping the title line that sits right
//!    before the body; in the trailing block after the last body paragraph,
//!    every line that is not a sentence, unless a line ending in `:`
//!    introduced it as a list. Headings and captions between body paragraphs
//!    stay.
//!
//! A body paragraph has at least 8 words and ends like a sentence
//! (`.` `!` `?` `…`, a closing quote, or the Armenian, Persian or CJK marks).
//! Hard-wrapped text (fixed-width lines) is judged paragraph by paragraph,
//! scraped text (one paragraph per line) line by line.

use std::sync::LazyLock;

use regex::Regex;
use truce_model::PartialDate;

use crate::boilerplate::{self, LineKind, word_count};
use crate::dateline;
use crate::decode::is_blank;
use crate::lang::DocLanguage;

/// The outcome of [`clean`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    /// Paragraphs separated by one blank line, lines trimmed, text otherwise as written.
    pub text: String,
    /// Every dropped line (or dateline prefix), in document order.
    pub removed: Vec<String>,
    /// The publication date a dateline at the top gives, if any.
    pub dateline: Option<PartialDate>,
}

/// Minimum words for a body paragraph.
const BODY_MIN_WORDS: usize = 8;
/// Leading/trailing lines of at most this many words without sentence-final
/// punctuation are labels, not text.
const SHORT_LINE_WORDS: usize = 4;
/// All-capital lines of at most this many words are section labels ("ANALYTICS").
const CAPS_LABEL_WORDS: usize = 6;
/// A byline has at most this many words.
const BYLINE_MAX_WORDS: usize = 8;
/// A title has at least this many words.
const TITLE_MIN_WORDS: usize = 3;
/// A trailing line this long without final punctuation is taken for a
/// paragraph that lost its full stop, not for page furniture.
const TRAILING_PROSE_WORDS: usize = 15;
/// Datelines count only among this many first kept lines.
const DATELINE_SCAN_LINES: usize = 8;

/// Why a line was dropped (kept for debugging and tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reason {
    Boilerplate(LineKind),
    /// A headline in a list of other articles after a related-news marker.
    RelatedList,
    Foreign,
    Dateline,
    /// A short label in the block before the first body paragraph.
    Leading,
    /// A non-sentence in the block after the last body paragraph.
    Trailing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Blank,
    Kept,
    Dropped(Reason),
}

#[derive(Debug)]
struct Line<'a> {
    /// The line, trimmed; after a dateline prefix is cut, what follows it.
    text: &'a str,
    /// A dateline prefix cut from the start of the line.
    cut: Option<&'a str>,
    state: State,
}

impl Line<'_> {
    fn is_kept(&self) -> bool {
        self.state == State::Kept
    }
}

/// Cleans text decoded from a report. `language` is the document's declared
/// language (ISO 639-1), if any; without it the language is detected.
/// `published` is the publication date the metadata gives, if any: a date line
/// at the top far from it ("10 Nov 2020 - The leaders sign ..." opening a
/// chronology) is an entry of the text, not its dateline, and stays.
pub fn clean(text: &str, language: Option<&str>, published: Option<PartialDate>) -> Cleaned {
    let doc_language = DocLanguage::of(text, language);
    let mut lines: Vec<Line<'_>> = text
        .split('\n')
        .map(|raw| {
            let trimmed = raw.trim();
            let state = if is_blank(trimmed) { State::Blank } else { State::Kept };
            Line { text: trimmed, cut: None, state }
        })
        .collect();

    for line in lines.iter_mut().filter(|l| l.is_kept()) {
        if let Some(kind) = boilerplate::classify(line.text) {
            line.state = State::Dropped(Reason::Boilerplate(kind));
        }
    }
    drop_related_lists(&mut lines);
    drop_foreign_lines(&mut lines, &doc_language);
    let dateline = take_dateline(&mut lines, published);
    let units = units(&lines);
    drop_around_body(&mut lines, &units);

    Cleaned { text: assemble(&lines, &units), removed: removed(&lines), dateline }
}

/// Ends like a sentence (see [`SENTENCE_ENDS`]), maybe inside brackets.
fn ends_sentence(text: &str) -> bool {
    let end = text.trim_end().trim_end_matches([')', ']']);
    end.ends_with(SENTENCE_ENDS)
}

/// Full stops, marks and closing quotes that end a sentence, in the scripts
/// truce reads: Armenian writes `։`, Persian and Arabic `؟`, CJK `。`.
const SENTENCE_ENDS: [char; 16] = ['.', '!', '?', '…', '"', '\'', '”', '’', '»', '“', '։', '؟', '۔', '。', '！', '？'];

/// A sentence of a few words closed by a full stop, which headlines never are.
fn ends_with_full_stop(text: &str) -> bool {
    let end = text.trim_end().trim_end_matches(['"', '\'', '”', '’', '»', ')']);
    word_count(text) >= 4 && end.ends_with(['.', '։', '。']) && !end.ends_with("..")
}

fn is_body(text: &str) -> bool {
    word_count(text) >= BODY_MIN_WORDS && ends_sentence(text)
}

fn is_caps_label(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) && word_count(text) <= CAPS_LABEL_WORDS
}

/// "By Jane Roe", "Author: J. Roe": who wrote it, which is no event. Not a
/// sentence ("By Monday, the troops had left.").
fn is_byline(text: &str) -> bool {
    static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[Bb]y|[Ww]ritten\s+by)\s+\p{Lu}|^(?i:authors?|автор|müəllif)\s*:\s*\S")
            .expect("byline pattern is valid")
    });
    word_count(text) <= BYLINE_MAX_WORDS && !ends_sentence(text) && BYLINE.is_match(text)
}

/// After a related-news marker, drops the following lines up to the next
/// body paragraph or sentence: they are other articles' headlines (and their
/// dates), and headlines do not end in a full stop.
fn drop_related_lists(lines: &mut [Line<'_>]) {
    let mut in_list = false;
    for line in lines.iter_mut() {
        match line.state {
            State::Dropped(Reason::Boilerplate(LineKind::RelatedMarker)) => in_list = true,
            State::Kept if in_list => {
                if is_body(line.text) || ends_with_full_stop(line.text) {
                    in_list = false;
                } else {
                    line.state = State::Dropped(Reason::RelatedList);
                }
            }
            _ => {}
        }
    }
}

/// When lines in other languages would hold more than this share of the
/// text, the document is bilingual (or its language is misjudged): keep all.
const MAX_FOREIGN_SHARE: f64 = 0.4;

fn drop_foreign_lines(lines: &mut [Line<'_>], doc_language: &DocLanguage) {
    let size = |text: &str| text.chars().filter(|c| c.is_alphabetic()).count();
    let total: usize = lines.iter().filter(|l| l.is_kept()).map(|l| size(l.text)).sum();
    let foreign: Vec<usize> =
        (0..lines.len()).filter(|&i| lines[i].is_kept() && doc_language.is_foreign(lines[i].text)).collect();
    let foreign_size: usize = foreign.iter().map(|&i| size(lines[i].text)).sum();
    if foreign_size as f64 > total as f64 * MAX_FOREIGN_SHARE {
        return;
    }
    for i in foreign {
        lines[i].state = State::Dropped(Reason::Foreign);
    }
}

/// A dateline this many days from the publication date the metadata gives is no dateline.
const DATELINE_MAX_DAYS_FROM_PUBLICATION: i64 = 7;

/// Finds datelines among the first kept lines, up to the first body
/// paragraph (whose start may be one), drops or cuts them, and returns the
/// publication date of the one nearest the body: a date further up is more
/// likely a sidebar's than the article's.
fn take_dateline(lines: &mut [Line<'_>], published: Option<PartialDate>) -> Option<PartialDate> {
    let mut date = None;
    for line in lines.iter_mut().filter(|l| l.is_kept()).take(DATELINE_SCAN_LINES) {
        let body = is_body(line.text);
        let far_from_publication = |d: Option<PartialDate>| match (d.and_then(|d| d.first_day()), published.and_then(|p| p.first_day())) {
            (Some(d), Some(p)) => d.days_from_epoch().zip(p.days_from_epoch()).is_some_and(|(d, p)| (d - p).abs() > DATELINE_MAX_DAYS_FROM_PUBLICATION),
            _ => false,
        };
        if let Some(found) = dateline::find(line.text).filter(|f| !far_from_publication(f.date)) {
            if !found.is_update && found.date.is_some() {
                date = found.date;
            }
            if found.whole_line {
                line.state = State::Dropped(Reason::Dateline);
            } else {
                let (prefix, rest) = line.text.split_at(found.len);
                line.cut = Some(prefix.trim_end());
                line.text = rest;
            }
        }
        if body {
            break;
        }
    }
    date
}

/// A paragraph as the cleaner sees it: kept lines (by index) that belong
/// together. In hard-wrapped text, consecutive lines of one paragraph form
/// one unit; otherwise every line is its own unit.
type Unit = Vec<usize>;

fn units(lines: &[Line<'_>]) -> Vec<Unit> {
    let wrapped = is_hard_wrapped(lines);
    let mut units: Vec<Unit> = Vec::new();
    for (idx, line) in lines.iter().enumerate() {
        if !line.is_kept() {
            continue;
        }
        let continues = wrapped
            && idx > 0
            && lines[idx - 1].is_kept()
            && units.last().is_some_and(|u| u.last() == Some(&(idx - 1)))
            && is_wrapped_line(lines[idx - 1].text);
        match units.last_mut() {
            Some(unit) if continues => unit.push(idx),
            _ => units.push(vec![idx]),
        }
    }
    units
}

/// A line of at least this many characters that does not end a sentence runs
/// on into the next line, in hard-wrapped text.
const WRAP_MIN_CHARS: usize = 40;
/// Hard-wrapped text has no line longer than about this.
const WRAP_MAX_CHARS: usize = 100;

fn is_wrapped_line(text: &str) -> bool {
    text.chars().count() >= WRAP_MIN_CHARS && !ends_sentence(text)
}

/// Text wrapped at a fixed width: most prose lines are under 100 characters
/// and most of them stop mid-sentence. Scraped pages keep one paragraph per
/// line instead, and are not joined.
fn is_hard_wrapped(lines: &[Line<'_>]) -> bool {
    let prose: Vec<&str> = lines.iter().filter(|l| l.is_kept() && word_count(l.text) >= 5).map(|l| l.text).collect();
    if prose.len() < 5 {
        return false;
    }
    let narrow = prose.iter().filter(|t| t.chars().count() <= WRAP_MAX_CHARS).count();
    let open = prose.iter().filter(|t| !ends_sentence(t)).count();
    narrow * 10 >= prose.len() * 9 && open * 2 >= prose.len()
}

fn unit_text(lines: &[Line<'_>], unit: &Unit) -> String {
    unit.iter().map(|&i| lines[i].text).collect::<Vec<_>>().join(" ")
}

/// Drops labels before the first body paragraph and non-sentences after the
/// last one. A document with no body paragraph is left alone: there is no
/// body to tell furniture from.
fn drop_around_body(lines: &mut [Line<'_>], units: &[Unit]) {
    let texts: Vec<String> = units.iter().map(|u| unit_text(lines, u)).collect();
    let Some(first_body) = texts.iter().position(|t| is_body(t)) else { return };
    let last_body = texts.iter().rposition(|t| is_body(t)).unwrap_or(first_body);

    let title = title_unit(lines, units, &texts[..first_body]).filter(|&u| !is_byline(&texts[u]));
    // After a line ending in `:` ("The wounded are:"), the lines that follow
    // are the article's own list, not furniture.
    let mut in_list = false;
    for (u, unit) in units.iter().enumerate() {
        let text = &texts[u];
        let drop = if u < first_body && Some(u) != title {
            let short = word_count(text) <= SHORT_LINE_WORDS && !ends_sentence(text);
            (short || is_caps_label(text) || is_byline(text)).then_some(Reason::Leading)
        } else if u > last_body {
            in_list = in_list || texts[u - 1].trim_end().ends_with(':');
            let opens_list = text.trim_end().ends_with(':');
            let prose = ends_sentence(text) || word_count(text) >= TRAILING_PROSE_WORDS || in_list || opens_list;
            (!prose || is_caps_label(text) || is_byline(text)).then_some(Reason::Trailing)
        } else {
            None
        };
        if let Some(reason) = drop {
            for &i in unit {
                lines[i].state = State::Dropped(reason);
            }
        }
    }
}

/// The title: the last leading unit, when it has a few words and stands as a
/// paragraph of its own (a blank line or the start of the text before it), so
/// that a menu's last item is not mistaken for it.
fn title_unit(lines: &[Line<'_>], units: &[Unit], leading: &[String]) -> Option<usize> {
    let u = leading.len().checked_sub(1)?;
    let first_line = units[u][0];
    let stands_alone = first_line == 0 || lines[first_line - 1].state == State::Blank;
    (stands_alone && word_count(&leading[u]) >= TITLE_MIN_WORDS).then_some(u)
}

fn assemble(lines: &[Line<'_>], units: &[Unit]) -> String {
    let paragraphs: Vec<String> = units
        .iter()
        .filter(|u| u.iter().all(|&i| lines[i].is_kept()))
        .map(|u| u.iter().map(|&i| lines[i].text).collect::<Vec<_>>().join("\n"))
        .collect();
    paragraphs.join("\n\n")
}

fn removed(lines: &[Line<'_>]) -> Vec<String> {
    let mut removed = Vec::new();
    for line in lines {
        if let Some(cut) = line.cut {
            removed.push(cut.to_string());
        }
        if let State::Dropped(_) = line.state {
            removed.push(line.text.to_string());
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    const P1: &str = "The ministry reported that the convoy crossed the bridge late on Monday evening.";
    const P2: &str = "Observers said the trucks carried ammunition and fuel for the units stationed there.";
    const P3: &str = "The mission's command has not commented on the report so far, officials said.";

    fn body() -> String {
        format!("{P1}\n\n{P2}\n\n{P3}")
    }

    #[test]
    fn leading_menu_and_trailing_footer_go_body_stays() {
        let text = format!(
            "Home\nPolitics\nSearch\nLIVE\n\nConvoy crosses the bridge at night\n\n{}\n\nEditor\nSend tips to the desk\nAll rights reserved.\n",
            body()
        );
        let cleaned = clean(&text, Some("en"), None);
        assert_eq!(cleaned.text, format!("Convoy crosses the bridge at night\n\n{}", body()));
        assert_eq!(
            cleaned.removed,
            ["Home", "Politics", "Search", "LIVE", "Editor", "Send tips to the desk", "All rights reserved."]
        );
    }

    #[test]
    fn headings_and_captions_between_paragraphs_stay() {
        let text = format!("{P1}\n\nTrucks on the road\n\n{P2}\n\nA view of the bridge near the village\n\n{P3}");
        let cleaned = clean(&text, Some("en"), None);
        assert_eq!(cleaned.text, text);
        assert!(cleaned.removed.is_empty());
    }

    #[test]
    fn related_list_goes_until_the_next_body_paragraph() {
        let text = format!(
            "{P1}\n\nRead also\nTalks resume in the capital\nNew checkpoint opens on the border\n14:20\n\n{P2}\n\n{P3}"
        );
        let cleaned = clean(&text, Some("en"), None);
        assert_eq!(cleaned.text, body());
        assert_eq!(cleaned.removed.len(), 4);

        // A short sentence ends the list too.
        let text = format!("{}\n\nMore news\nTalks resume in the capital\nThe inquiry is still going on.", body());
        let cleaned = clean(&text, Some("en"), None);
        assert_eq!(cleaned.text, format!("{}\n\nThe inquiry is still going on.", body()));
    }

    #[test]
    fn a_date_far_from_the_known_publication_date_is_text_not_dateline() {
        let entry = format!("10 Nov 2020 - {}", body());
        let cleaned = clean(&entry, Some("en"), Some("2023-07-01".parse().unwrap()));
        assert_eq!(cleaned.dateline, None);
        assert_eq!(cleaned.text, entry);
        // Near the publication date it is the dateline, as without metadata.
        let cleaned = clean(&format!("13 December 2022 16:34\n\n{}", body()), Some("en"), Some("2022-12-13".parse().unwrap()));
        assert_eq!(cleaned.dateline, Some("2022-12-13".parse().unwrap()));
    }

    #[test]
    fn dateline_alone_or_as_prefix_is_taken() {
        let cleaned = clean(&format!("13 December 2022 16:34\n\n{}", body()), Some("en"), None);
        assert_eq!(cleaned.dateline, Some("2022-12-13".parse().unwrap()));
        assert_eq!(cleaned.text, body());
        assert_eq!(cleaned.removed, ["13 December 2022 16:34"]);

        let cleaned = clean(&format!("Published: 2021-05-02 — {}", body()), Some("en"), None);
        assert_eq!(cleaned.dateline, Some("2021-05-02".parse().unwrap()));
        assert_eq!(cleaned.text, body());
        assert_eq!(cleaned.removed, ["Published: 2021-05-02 —"]);
    }

    #[test]
    fn dates_in_the_body_are_not_datelines() {
        let text = format!("{}\n\n14.12.2022\n\n{P1}\n\nDecember 13, 2022 — {P2}", body());
        let cleaned = clean(&text, Some("en"), None);
        assert_eq!(cleaned.dateline, None);
        assert!(cleaned.text.contains("14.12.2022"));
        assert!(cleaned.text.contains("December 13, 2022 — "));
    }

    #[test]
    fn foreign_line_goes() {
        let text = format!(
            "{P1}\n\nBakıda keçirilən görüşdə tərəflər sülh müqaviləsinin layihəsini müzakirə ediblər.\n\n{P2}\n\n{P3}"
        );
        let cleaned = clean(&text, Some("en"), None);
        assert_eq!(cleaned.text, body());
    }

    #[test]
    fn bilingual_document_keeps_both_languages() {
        let ru = "Министерство обороны сообщило, что колонна двигалась ночью по грунтовой дороге.";
        let text = format!("{P1}\n\n{ru}\n\n{P2}\n\n{ru}");
        assert_eq!(clean(&text, Some("en"), None).text, text);
    }

    #[test]
    fn without_a_body_paragraph_only_line_rules_apply() {
        let cleaned = clean("Ceasefire holds\nTwitter\nTalks next week", Some("en"), None);
        assert_eq!(cleaned.text, "Ceasefire holds\n\nTalks next week");
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined_as_units() {
        let text = "Menu\n\nThe delegation arrived in the border town on Tuesday morning and met\n\
                    the local commanders, who described the damage caused by the shelling\n\
                    of the previous night in some detail.\n\n\
                    The shelling had started shortly after midnight and lasted for about\n\
                    two hours, according to residents who spoke to the delegation in the\n\
                    town hall later that day.\n\nShare\n";
        let cleaned = clean(text, Some("en"), None);
        assert!(cleaned.text.starts_with("The delegation arrived"));
        assert!(cleaned.text.contains("and met\nthe local commanders"));
        assert!(cleaned.text.ends_with("later that day."));
        assert_eq!(cleaned.text.matches("\n\n").count(), 1);
    }

    #[test]
    fn a_list_introduced_by_a_colon_stays_at_the_end() {
        let text = format!(
            "{}\n\nThe servicemen wounded in the attack are:\nPrivate First Class\nSergeant Second\n\nShare",
            body()
        );
        let cleaned = clean(&text, Some("en"), None);
        assert_eq!(
            paragraphs_of(&cleaned.text)[3..],
            ["The servicemen wounded in the attack are:", "Private First Class", "Sergeant Second"]
        );
        assert_eq!(cleaned.removed, ["Share"]);
    }

    #[test]
    fn armenian_full_stop_ends_a_sentence() {
        let text = "Մենյու\n\nՀայաստանի պաշտպանության նախարարությունը հայտնել է, որ գիշերը սահմանին կրակոցներ են լսվել։\n\nԲաժանորդագրվել";
        let cleaned = clean(text, Some("hy"), None);
        assert_eq!(
            cleaned.text,
            "Հայաստանի պաշտպանության նախարարությունը հայտնել է, որ գիշերը սահմանին կրակոցներ են լսվել։"
        );
    }

    fn paragraphs_of(text: &str) -> Vec<&str> {
        text.split("\n\n").collect()
    }

    #[test]
    fn bylines_around_the_body_go() {
        let text =
            format!("Convoy crosses the bridge at night\n\nBy Jane Roe and John Doe\n\n{}\n\nAuthor: J. Roe", body());
        let cleaned = clean(&text, Some("en"), None);
        assert_eq!(cleaned.text, format!("Convoy crosses the bridge at night\n\n{}", body()));
        assert_eq!(cleaned.removed, ["By Jane Roe and John Doe", "Author: J. Roe"]);
    }

    #[test]
    fn dateline_nearest_the_body_wins() {
        let text = format!("12.11.2022 09:00\nSidebar story\n\nPublished: 13 December 2022\n\n{}", body());
        let cleaned = clean(&text, Some("en"), None);
        assert_eq!(cleaned.dateline, Some("2022-12-13".parse().unwrap()));
        assert_eq!(cleaned.text, body());
    }

    #[test]
    fn trailing_sentences_and_long_unpunctuated_paragraphs_stay() {
        let long = "The mission said it would publish its findings after the investigation was complete next month";
        let text = format!("{}\n\nHe was released.\n\n{long}\n\nSource: Example Agency", body());
        let cleaned = clean(&text, Some("en"), None);
        assert_eq!(cleaned.text, format!("{}\n\nHe was released.\n\n{long}", body()));
        assert_eq!(cleaned.removed, ["Source: Example Agency"]);
    }
}
