//! Datelines: the publication date a report states at its top, alone on a
//! line ("13 December 2022 16:34") or before the first sentence
//! ("date 2020-12-14 On December 12, ...").
//!
//! Only the caller decides where to look (the top of a document); this module
//! only recognises the shape.

use std::sync::LazyLock;

use regex::Captures;
use truce_pattern::Pattern;
use truce_model::PartialDate;

/// A dateline found at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dateline {
    /// The date it gives, when the date is unambiguous and real.
    pub date: Option<PartialDate>,
    /// Labelled as an update ("Updated: ..."): not the publication date.
    pub is_update: bool,
    /// Byte length of the dateline prefix, separators included.
    pub len: usize,
    /// The whole line is the dateline.
    pub whole_line: bool,
}

const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[йя]|июн[яь]|июл[яь]|августа?|сентябр[яь]|октябр[яь]|ноябр[яь]|декабр[яь]|yanvar|fevral|mart|aprel|iyun|iyul|avqust|sentyabr|oktyabr|noyabr|dekabr)\.?";
const TIME: &str = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?";
const WEEKDAY: &str =
    r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье";
const LABEL: &str = r"(?:published\s+on|published|posted\s+on|posted|publication\s+date|date\s+published|dated|date|created|(?:last\s+)?updated(?:\s+on)?|modified|опубликовано|дата\s+публикации|дата|обновлено|tarix)";
/// Up to four capitalised words: where the report was filed, or the outlet.
const PLACE: &str = r"(?-i:\p{Lu}[\p{L}\p{M}'’.\-]*(?:[\s/]+\p{Lu}[\p{L}\p{M}'’.\-]*){0,3})";
const ZONE: &str = r"(?:\s*\(?(?:GMT|UTC)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?)?";

static DATELINE: LazyLock<Pattern> = LazyLock::new(|| {
    let date = format!(
        r"(?:(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})(?:[T ]\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?|(?P<nd>\d{{1,2}})(?P<sep>[./])(?P<nm>\d{{1,2}})[./](?P<ny>\d{{4}})|(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dm>{MONTH})\s*,?\s*(?P<dy>\d{{4}})(?:\s*(?:г\.|года|г\b|il))?|(?P<mm>{MONTH})\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<my>\d{{4}}))"
    );
    // Pieces in order: a place or outlet ("Baku,", "Caucasus Review | Analysis |"),
    // label, weekday, a time before the date, the date, a time after it, a
    // time zone, an outlet in brackets ("(Trend)").
    let pattern = format!(
        r"(?i)^\s*(?:(?P<place>{PLACE})\s*[,|]\s*(?:[\p{{L}}\s]{{1,30}}?\s*\|\s*)?)?(?:(?P<label>{LABEL})\s*[:\-–—]?\s*)?(?:(?:{WEEKDAY})\s*,?\s*)?(?:(?P<time1>{TIME})\s*[,|/•·\-–—]?\s*)?{date}(?:\s*(?:,|\||/|•|·|-|–|—|at|в)?\s*(?P<time2>{TIME}))?{ZONE}(?:\s*\([^()]{{1,40}}\))?"
    );
    Pattern::new(&pattern).expect("dateline pattern is valid")
});

static SEPARATOR: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"^\s*(?:[|•·/:\-–—]+\s*)").expect("separator pattern is valid"));
/// After "Baku, 3 January 2023" a full stop also ends the dateline.
static PLACE_SEPARATOR: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"^\s*(?:[.|•·/:\-–—]+\s*)").expect("separator pattern is valid"));

/// Recognises a dateline at the start of `line`.
///
/// A whole line that is only a date (with a place or outlet before it, label,
/// weekday, time) is a dateline. A date before more text is one only when it
/// is labelled ("date", "Published:"), followed by a time, or set off by a
/// separator (`—`, `|`, `:`, or a full stop after a place): "December 13,
/// 2022 marked ..." is a sentence, not a dateline.
pub(crate) fn find(line: &str) -> Option<Dateline> {
    let caps = DATELINE.captures(line)?;
    let matched = caps.get(0)?;
    let rest = &line[matched.end()..];
    let is_update = caps.name("label").is_some_and(|l| {
        let l = l.as_str().to_lowercase();
        l.contains("updated") || l.contains("modified") || l.contains("обновлено")
    });
    let date = date_of(&caps);
    if rest
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '•' | '·' | ',' | '.' | '-' | '–' | '—'))
        .is_empty()
    {
        return Some(Dateline { date, is_update, len: line.len(), whole_line: true });
    }
    // A date glued to a following word ("2022-12-13abc") is not a dateline.
    if !rest.starts_with(|c: char| c.is_whitespace() || !c.is_alphanumeric()) {
        return None;
    }
    let has_place = caps.name("place").is_some();
    let separated = if has_place { PLACE_SEPARATOR.find(rest) } else { SEPARATOR.find(rest) };
    let has_time = caps.name("time1").is_some() || caps.name("time2").is_some();
    let ends_with_stop = matched.as_str().ends_with('.');
    if caps.name("label").is_none() && !has_time && separated.is_none() && !(has_place && ends_with_stop) {
        return None;
    }
    let sep_len = separated.map_or(0, |m| m.end());
    let lead_ws = rest[sep_len..].len() - rest[sep_len..].trim_start().len();
    Some(Dateline { date, is_update, len: matched.end() + sep_len + lead_ws, whole_line: false })
}

fn date_of(caps: &Captures<'_>) -> Option<PartialDate> {
    let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let (year, month, day) = if let Some(y) = num("iy") {
        (y, num("im")?, num("id")?)
    } else if let Some(y) = num("ny") {
        let (first, second) = (num("nd")?, num("nm")?);
        let slashed = caps.name("sep").is_some_and(|s| s.as_str() == "/");
        match (first, second) {
            // Dotted dates are day-first everywhere truce reads.
            _ if !slashed => (y, second, first),
            (f, s) if f > 12 && s <= 12 => (y, s, f),
            (f, s) if s > 12 && f <= 12 => (y, f, s),
            // 03/04/2022 could be March or April: say nothing.
            _ => return None,
        }
    } else if let Some(y) = num("dy") {
        (y, month_number(caps.name("dm")?.as_str())?, num("dd")?)
    } else {
        (num("my")?, month_number(caps.name("mm")?.as_str())?, num("md")?)
    };
    if !(1900..=2100).contains(&year) {
        return None;
    }
    PartialDate::ymd(year as i32, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
}

/// The month a name (English, Russian or Azerbaijani, full or abbreviated) stands for.
fn month_number(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.').to_lowercase();
    const STEMS: [[&str; 3]; 12] = [
        ["jan", "январ", "yanvar"],
        ["feb", "феврал", "fevral"],
        ["mar", "март", "mart"],
        ["apr", "апрел", "aprel"],
        ["may", "ма", "may"],
        ["jun", "июн", "iyun"],
        ["jul", "июл", "iyul"],
        ["aug", "август", "avqust"],
        ["sep", "сентябр", "sentyabr"],
        ["oct", "октябр", "oktyabr"],
        ["nov", "ноябр", "noyabr"],
        ["dec", "декабр", "dekabr"],
    ];
    // Longest stems first would matter only for "ма" (май/мая) against "март":
    // check March before May.
    let order = [2usize, 0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    order.into_iter().find(|&i| STEMS[i].iter().any(|stem| name.starts_with(stem))).map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<PartialDate> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn whole_line_datelines_in_common_shapes() {
        for (line, want) in [
            ("13 December 2022 16:34", "2022-12-13"),
            ("14.12.2022", "2022-12-14"),
            ("December 13, 2022", "2022-12-13"),
            ("2022-12-13T16:34", "2022-12-13"),
            ("2022-12-13T16:34:00+04:00", "2022-12-13"),
            ("Tuesday, 13 Dec. 2022, 16:34 (GMT+4)", "2022-12-13"),
            ("Published: 13.12.2022 | 16:34", "2022-12-13"),
            ("16:34, 13 December 2022", "2022-12-13"),
            ("13 декабря 2022 г.", "2022-12-13"),
            ("13 mart 2023", "2023-03-13"),
            ("25/12/2022", "2022-12-25"),
        ] {
            let found = find(line).unwrap_or_else(|| panic!("no dateline in {line:?}"));
            assert!(found.whole_line, "{line}");
            assert_eq!(found.date, date(want), "{line}");
        }
    }

    #[test]
    fn labelled_prefix_leaves_the_sentence() {
        let line = " date 2020-12-14 On December 12, the mission moved south.";
        let found = find(line).unwrap();
        assert!(!found.whole_line);
        assert_eq!(found.date, date("2020-12-14"));
        assert_eq!(&line[found.len..], "On December 12, the mission moved south.");

        let line = "December 13, 2022 — The ministry said the post was shelled.";
        let found = find(line).unwrap();
        assert_eq!(&line[found.len..], "The ministry said the post was shelled.");
    }

    #[test]
    fn place_and_outlet_datelines() {
        for (line, want) in [
            ("Baku, 3 January 2023", "2023-01-03"),
            ("Example Courier, 22 July 2022", "2022-07-22"),
            ("Policy Review | Analysis | 20 December 2022", "2022-12-20"),
            ("Степанакерт, 15 ноября 2022 г.", "2022-11-15"),
        ] {
            let found = find(line).unwrap_or_else(|| panic!("no dateline in {line:?}"));
            assert!(found.whole_line, "{line}");
            assert_eq!(found.date, date(want), "{line}");
        }
        for (line, rest) in [
            ("Stepanakert, 21 August 2022. The army reports the following.", "The army reports the following."),
            (
                "BAKU/YEREVAN, April 8, 2022 (Example Wire) - Both sides traded accusations.",
                "Both sides traded accusations.",
            ),
            ("Степанакерт, 15 ноября 2022 г. Вчера около 11:00 был обстрел.", "Вчера около 11:00 был обстрел."),
        ] {
            let found = find(line).unwrap_or_else(|| panic!("no dateline in {line:?}"));
            assert_eq!(&line[found.len..], rest);
        }
        for line in [
            "On Monday, 14 May 2023, the ministry said the post was shelled.",
            "Press release, 8 June 2022",
            "On 14 May 2023 the Ministry of Defense said that units opened fire.",
        ] {
            assert_eq!(find(line).filter(|d| d.date.is_some() && !d.whole_line), None, "{line}");
        }
    }

    #[test]
    fn dates_inside_sentences_are_not_datelines() {
        for line in [
            "On December 12, the Russian peacekeeping mission expanded its presence.",
            "December 13, 2022 marked two years since the deployment.",
            "In 2022-2023 the talks stalled.",
            "The 12.5 km road was closed.",
        ] {
            assert_eq!(find(line), None, "{line}");
        }
    }

    #[test]
    fn ambiguous_or_impossible_dates_give_no_date() {
        assert_eq!(find("03/04/2022").unwrap().date, None);
        assert_eq!(find("31.02.2022").unwrap().date, None);
    }

    #[test]
    fn update_labels_are_marked() {
        assert!(find("Updated: 14 December 2022").unwrap().is_update);
        assert!(!find("Published: 14 December 2022").unwrap().is_update);
    }
}
