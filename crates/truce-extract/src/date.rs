//! The date grammar: how reports say when something happened, resolved against
//! the publication date (or the date of the statement being reported).
//!
//! Finding and resolving are separate steps: [`find`] scans the whole text once
//! and returns [`RawDate`]s with byte spans; [`Resolver::resolve`] turns one into
//! a `(date, date_end)` pair given the anchors known at that point of the text.
//! Nothing here reads the clock: without a publication date, relative dates
//! stay unresolved and day-month dates come out as `--MM-DD`.

use std::sync::OnceLock;

use regex::Captures;

use truce_pattern::{Pattern, WordGate, required_words};
use truce_model::PartialDate;

use crate::number;

/// A date expression before resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// Parts as written; a missing year is inferred from the anchor.
    Abs { y: Option<i32>, m: Option<u8>, d: Option<u8> },
    /// A day and month written with the weekday it fell on and no year ("В воскресенье,
    /// 4 октября"): the latest year in which it fell on that weekday.
    DayOnWeekday { m: u8, d: u8, weekday: u8 },
    /// A range `start..end`; the start borrows month and year from the end when it lacks them.
    Range { start: Box<Expr>, end: Box<Expr> },
    /// From a date to the publication date ("since November 2020", "to the present").
    Since(Box<Expr>),
    /// `n` days before the anchor (yesterday = 1).
    DaysAgo(i64),
    /// `n` weeks, months or years before the anchor, at the unit's precision.
    UnitsAgo(i64, Unit),
    /// The previous calendar week (Monday–Sunday), month or year.
    LastUnit(Unit),
    /// The current calendar month or year, up to the anchor.
    ThisUnit(Unit),
    /// The most recent weekday (0 = Monday) before the anchor; `strict` excludes the anchor's own day.
    Weekday { weekday: u8, strict: bool },
    /// "в ночь на среду": the night that ends on the most recent such weekday (from the day before to it).
    NightBeforeWeekday(u8),
    /// The day after the previous date in the text.
    NextDay,
    /// Days after (positive) or before (negative) the previous date in the text: "two days before".
    FromPrevious(i64),
    /// "since then", "с тех пор": from the previous date in the text, at its precision, to the publication date.
    SincePrevious,
    /// "in August of the same year", "в августе того же года": that month of the year told last.
    MonthOfPreviousYear(u8),
    /// "Over the past two years": from `n` units before the anchor to the anchor.
    PastPeriod(i64, Unit),
    /// "on the 16th", "14-го": that day of the month the text is in (the date told last, or the
    /// publication's), the month before when that day is still to come.
    DayOfMonth(u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// One date expression found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDate {
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
    /// The grammar rule that found it, for explanations.
    pub rule: &'static str,
    /// Written as the end of something already under way ("continued into December 13").
    pub end_marker: bool,
}

impl Expr {
    /// The year written in the expression, if any ("24 March 2023", "in 2020").
    pub fn written_year(&self) -> Option<i32> {
        match self {
            Expr::Abs { y: Some(y), .. } if *y > 0 => Some(*y),
            Expr::Range { start, end } => end.written_year().or_else(|| start.written_year()),
            Expr::Since(inner) => inner.written_year(),
            _ => None,
        }
    }

    /// A calendar date written without its year ("On 10 November", "between 20 November and 1 December").
    pub fn lacks_year(&self) -> bool {
        match self {
            Expr::Abs { y: None, m: Some(_), .. } | Expr::DayOnWeekday { .. } => true,
            Expr::Range { start, end } => start.lacks_year() && end.lacks_year(),
            _ => false,
        }
    }
}

impl RawDate {
    pub fn is_relative(&self) -> bool {
        !matches!(self.expr, Expr::Abs { .. } | Expr::DayOnWeekday { .. } | Expr::Range { .. } | Expr::Since(_))
    }
}

const MONTHS_EN: &str = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|JAN\.|FEB\.|MAR\.|APR\.|JUN\.|JUL\.|AUG\.|SEPT\.|SEP\.|OCT\.|NOV\.|DEC\.)";
const MONTHS_RU_GEN: &str = r"(?P<mon>января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)";
const MONTHS_RU_PREP: &str = r"(?P<mon>январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре)";
const DAY: &str = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?";
/// "On the morning of Wednesday, ": a weekday written before a date it only confirms.
const WEEKDAY_LEAD: &str = r"(?i:\b(?:(?:early |late )?on |(?:in|on) the (?:early hours|small hours|wee hours|morning|night|evening|afternoon) of )?(?P<lwd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),? )";
const YEAR: &str = r"(?P<y>(?:19|20)\d\d)";

fn month_number(name: &str) -> Option<u8> {
    let n = name.trim_end_matches('.').to_lowercase();
    let en = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    if let Some(i) = en.iter().position(|m| n.starts_with(m)) {
        return Some(i as u8 + 1);
    }
    let ru = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"];
    // "ма" (May) must not shadow "март" (March): test the longer stems first.
    let mut order: Vec<usize> = (0..12).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(ru[i].len()));
    order.into_iter().find(|&i| n.starts_with(ru[i])).map(|i| i as u8 + 1)
}

fn weekday_number(name: &str) -> Option<u8> {
    let n = name.to_lowercase();
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        .iter()
        .position(|w| *w == n)
        .map(|i| i as u8)
}

/// A Russian weekday in the accusative ("в среду"), Monday = 0.
fn ru_weekday_number(name: &str) -> Option<u8> {
    ["понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье"].iter().position(|w| *w == name).map(|i| i as u8)
}

fn unit_of(word: &str) -> Option<Unit> {
    let w = word.to_lowercase();
    Some(match w.trim_end_matches('s') {
        "day" => Unit::Day,
        "week" => Unit::Week,
        "month" => Unit::Month,
        "year" => Unit::Year,
        _ => return None,
    })
}

type Build = fn(&Captures) -> Option<Expr>;

struct Rule {
    name: &'static str,
    re: Pattern,
    build: Build,
    /// Words (indices into the rules' gate) one of which every match holds; None: no such word.
    required: Option<Vec<usize>>,
}

/// The date grammar: its rules, and the gate that tells which rules a text can match.
struct Rules {
    rules: Vec<Rule>,
    gate: WordGate,
}

fn cap_num(c: &Captures, name: &str) -> Option<u32> {
    c.name(name).and_then(|m| m.as_str().parse().ok())
}

fn abs(c: &Captures) -> Option<Expr> {
    let m = match c.name("mon") {
        Some(m) => Some(month_number(m.as_str())?),
        None => cap_num(c, "m").map(|m| m as u8),
    };
    Some(Expr::Abs { y: cap_num(c, "y").map(|y| y as i32), m, d: cap_num(c, "d").map(|d| d as u8) })
}

/// "Sunday, 4 October": without a year, the weekday tells which year.
fn abs_on_weekday(c: &Captures) -> Option<Expr> {
    let date = abs(c)?;
    match (&date, c.name("lwd").and_then(|w| weekday_number(w.as_str()))) {
        (Expr::Abs { y: None, m: Some(m), d: Some(d) }, Some(weekday)) => Some(Expr::DayOnWeekday { m: *m, d: *d, weekday }),
        _ => Some(date),
    }
}

/// "в ночь на 5 марта": the night from the 4th to the 5th, told by its morning.
fn night_before(c: &Captures) -> Option<Expr> {
    let m = month_number(c.name("mon")?.as_str())?;
    let d = cap_num(c, "d")? as u8;
    let y = cap_num(c, "y").map(|y| y as i32);
    if d < 2 {
        return Some(Expr::Abs { y, m: Some(m), d: Some(d) });
    }
    Some(Expr::Range { start: Box::new(Expr::Abs { y, m: Some(m), d: Some(d - 1) }), end: Box::new(Expr::Abs { y, m: Some(m), d: Some(d) }) })
}

fn day_range(c: &Captures) -> Option<Expr> {
    let m = month_number(c.name("mon")?.as_str())?;
    let y = cap_num(c, "y").map(|y| y as i32);
    let d1 = cap_num(c, "d1")? as u8;
    let d2 = cap_num(c, "d2")? as u8;
    if d2 <= d1 {
        return None;
    }
    Some(Expr::Range {
        start: Box::new(Expr::Abs { y, m: Some(m), d: Some(d1) }),
        end: Box::new(Expr::Abs { y, m: Some(m), d: Some(d2) }),
    })
}

fn cross_month_range(c: &Captures) -> Option<Expr> {
    let m1 = month_number(c.name("m1")?.as_str())?;
    let m2 = month_number(c.name("mon")?.as_str())?;
    let y = cap_num(c, "y").map(|y| y as i32);
    Some(Expr::Range {
        // The start's year is inferred on its own unless written: "31 December to 1 January
        // 2023" starts in 2022.
        start: Box::new(Expr::Abs { y: cap_num(c, "y1").map(|y| y as i32), m: Some(m1), d: Some(cap_num(c, "d1")? as u8) }),
        end: Box::new(Expr::Abs { y, m: Some(m2), d: Some(cap_num(c, "d2")? as u8) }),
    })
}

/// "November-December 2020", "в ноябре–декабре 2020 года": both months in the year written once.
fn month_range(c: &Captures) -> Option<Expr> {
    let m1 = month_number(c.name("m1")?.as_str())?;
    let m2 = month_number(c.name("mon")?.as_str())?;
    let y = cap_num(c, "y").map(|y| y as i32);
    (m2 > m1).then(|| Expr::Range { start: Box::new(Expr::Abs { y, m: Some(m1), d: None }), end: Box::new(Expr::Abs { y, m: Some(m2), d: None }) })
}

/// "From 12 December 2022 until late April": the end month in the year after the start's when it comes earlier.
fn day_to_month_range(c: &Captures) -> Option<Expr> {
    let m1 = month_number(c.name("m1")?.as_str())?;
    let m2 = month_number(c.name("mon")?.as_str())?;
    let y1 = cap_num(c, "y1").map(|y| y as i32);
    let y2 = cap_num(c, "y").map(|y| y as i32).or_else(|| y1.map(|y| if m2 > m1 { y } else { y + 1 }));
    Some(Expr::Range { start: Box::new(Expr::Abs { y: y1, m: Some(m1), d: Some(cap_num(c, "d1")? as u8) }), end: Box::new(Expr::Abs { y: y2, m: Some(m2), d: None }) })
}

/// "одиннадцатого апреля", "двадцать первого мая": a day written as a Russian ordinal.
fn ru_ordinal_day(c: &Captures) -> Option<Expr> {
    let d = ru_ordinal_number(c.name("od")?.as_str())?;
    let m = month_number(c.name("mon")?.as_str())?;
    Some(Expr::Abs { y: cap_num(c, "y").map(|y| y as i32), m: Some(m), d: Some(d) })
}

/// "двадцать первого" → 21.
fn ru_ordinal_number(written: &str) -> Option<u8> {
    const ORD: [&str; 20] = [
        "первого", "второго", "третьего", "четвертого", "пятого", "шестого", "седьмого", "восьмого", "девятого", "десятого",
        "одиннадцатого", "двенадцатого", "тринадцатого", "четырнадцатого", "пятнадцатого", "шестнадцатого", "семнадцатого", "восемнадцатого",
        "девятнадцатого", "двадцатого",
    ];
    let words = written.to_lowercase().replace('ё', "е");
    let mut parts = words.split_whitespace();
    let first = parts.next()?;
    let d = match (first, parts.next()) {
        ("двадцать", Some(unit)) => 20 + ORD.iter().position(|o| *o == unit)? + 1,
        ("тридцать", Some("первого")) => 31,
        ("тридцатого", None) => 30,
        (one, None) => ORD.iter().position(|o| *o == one)? + 1,
        _ => return None,
    };
    Some(d as u8)
}

/// "1991–1994", "from 1993 to 2020".
fn year_range(c: &Captures) -> Option<Expr> {
    let (y1, y2) = (cap_num(c, "y1")? as i32, cap_num(c, "y")? as i32);
    (y2 > y1).then(|| Expr::Range { start: Box::new(Expr::Abs { y: Some(y1), m: None, d: None }), end: Box::new(Expr::Abs { y: Some(y2), m: None, d: None }) })
}

/// "13.12.2022 to 16.12.2022".
fn numeric_range(c: &Captures) -> Option<Expr> {
    let start = Expr::Abs { y: Some(cap_num(c, "y1")? as i32), m: Some(cap_num(c, "m1")? as u8), d: Some(cap_num(c, "d1")? as u8) };
    let end = Expr::Abs { y: Some(cap_num(c, "y")? as i32), m: Some(cap_num(c, "m")? as u8), d: Some(cap_num(c, "d")? as u8) };
    Some(Expr::Range { start: Box::new(start), end: Box::new(end) })
}

fn month_of_relative_year(c: &Captures) -> Option<Expr> {
    let m = month_number(c.name("mon")?.as_str())?;
    match c.name("rel")?.as_str().to_lowercase().as_str() {
        "last" | "the previous" | "the past" | "прошлого" | "минувшего" => Some(Expr::Range {
            // Marked by a year offset the resolver applies: encode as UnitsAgo on a month start is
            // awkward, so use a relative year resolved below.
            start: Box::new(Expr::Abs { y: Some(-1), m: Some(m), d: None }),
            end: Box::new(Expr::Abs { y: Some(-1), m: Some(m), d: None }),
        }),
        _ => Some(Expr::Range {
            start: Box::new(Expr::Abs { y: Some(0), m: Some(m), d: None }),
            end: Box::new(Expr::Abs { y: Some(0), m: Some(m), d: None }),
        }),
    }
}

fn day_of_relative_year(c: &Captures) -> Option<Expr> {
    let m = month_number(c.name("mon")?.as_str())?;
    let d = cap_num(c, "d")? as u8;
    let y = match c.name("rel")?.as_str().to_lowercase().as_str() {
        "last" | "the previous" | "прошлого" | "минувшего" => -1,
        _ => 0,
    };
    Some(Expr::Abs { y: Some(y), m: Some(m), d: Some(d) })
}

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        // A Russian rule also opens a sentence: "Накануне", "В понедельник", "На прошлой неделе".
        let r = |name: &'static str, pat: String, build: Build| Rule {
            name,
            re: Pattern::new(&if pat.chars().any(|c| matches!(c, 'а'..='я')) && !pat.starts_with("(?i)") { format!("(?i){pat}") } else { pat.clone() })
                .unwrap_or_else(|e| panic!("date rule {name}: {e}")),
            build,
            required: None,
        };
        // ASCII word boundaries keep the scanners on the fast DFA path; rules in
        // Cyrillic carry no boundary of their own.
        let f = |p: &str| {
            p.replace(r"\b", r"(?-u:\b)")
                .replace("{MON}", MONTHS_EN)
                .replace("{RUMON1}", &MONTHS_RU_GEN.replace("?P<mon>", "?P<m1>"))
                .replace("{RUMON}", MONTHS_RU_GEN)
                .replace("{RUMONP}", MONTHS_RU_PREP)
                .replace("{WEEKDAY_LEAD}", WEEKDAY_LEAD)
                .replace("{D}", DAY)
                .replace("{Y}", YEAR)
                .replace("{NUM}", number::NUMBER_PATTERN)
        };
        let mut rules = vec![
            // "on the night of 11 to 12 December", "the night of December 11-12"
            r("night_range", f(r"(?i:(?:on )?the night of )(?P<d1>[0-3]?\d)(?:st|nd|rd|th)? ?(?i:to|into|-|–|—) ?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)? {MON}(?:,? {Y})?\b"), day_range),
            r("night_range", f(r"(?i:(?:on )?the night of ){MON} (?P<d1>[0-3]?\d)(?:st|nd|rd|th)? ?(?i:to|into|-|–|—) ?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?:,? {Y})?\b"), day_range),
            // "в ночь с 5 на 6 марта"; "в ночь с субботы на воскресенье, с 19 на 20 ноября".
            r("night_range", f(r"(?:в ночь )?с (?P<d1>[0-3]?\d) на (?P<d2>[0-3]?\d) {RUMON}(?: {Y})?"), day_range),
            // "в ночь на 5 марта": the night that ends on the 5th.
            r("night_of", f(r"в ночь на {D} {RUMON}(?: {Y})?"), night_before),
            // "13–14 сентября"
            r("day_range", f(r"\b(?P<d1>[0-3]?\d)[-–—](?P<d2>[0-3]?\d) {RUMON}(?: {Y}(?: года)?)?"), day_range),
            // "13 и 14 сентября": two days running are one stretch; "8 и 21 сентября" are two days.
            r("day_range", f(r"\b(?P<d1>[0-3]?\d) и (?P<d2>[0-3]?\d) {RUMON}(?: {Y}(?: года)?)?"), |c| {
                (cap_num(c, "d2")? == cap_num(c, "d1")? + 1).then(|| day_range(c)).flatten()
            }),
            // "в период с 24 по 25 марта", "с 10 по 14 ноября 2022 года"
            r("day_range", f(r"(?:в период )?с (?P<d1>[0-3]?\d) по (?P<d2>[0-3]?\d) {RUMON}(?: {Y}(?: года)?)?"), day_range),
            // "on the night of 31 December 2022 to 1 January 2023", "в ночь с 31 декабря на 1 января"
            r("night_range", f(r"(?i:(?:on )?the night of )(?P<d1>[0-3]?\d)(?:st|nd|rd|th)? (?P<m1>January|February|March|April|May|June|July|August|September|October|November|December)(?:,? (?P<y1>(?:19|20)\d\d))? ?(?i:to|into|-|–|—) ?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)? {MON}(?:,? {Y})?\b"), cross_month_range),
            r("night_range", f(r"(?:в ночь )?с (?P<d1>[0-3]?\d) {RUMON1}(?: (?P<y1>(?:19|20)\d\d)(?: года)?)? на (?P<d2>[0-3]?\d) {RUMON}(?: {Y})?"), cross_month_range),
            // "on the night of 11 June": the night that began that day.
            r("night_of", f(r"(?i:(?:on )?the night of ){D} {MON}(?:,? {Y})?\b"), abs),
            r("night_of", f(r"(?i:(?:on )?the night of ){MON} {D}(?:,? {Y})?\b"), abs),
            // "November 16-18", "November 10 to 14, 2022"
            r("day_range", f(r"\b{MON} (?P<d1>[0-3]?\d)(?:st|nd|rd|th)? ?(?:-|–|—|(?i:to|through|and)) ?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,? {Y}\b)?"), day_range),
            r("day_range", f(r"\b(?P<d1>[0-3]?\d)(?:st|nd|rd|th)? ?(?:-|–|—|(?i:to|and)) ?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)? {MON}(?:,? {Y})?\b"), day_range),
            // Ranges of whole months, years and numeric dates.
            r("month_range", f(r"\b(?P<m1>January|February|March|April|May|June|July|August|September|October|November|December) ?(?:-|–|—|(?i:to|and|through)) ?{MON},? {Y}\b"), month_range),
            r("month_range", f(r"[вВ] (?P<m1>январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре) ?(?:-|–|—|и) ?{RUMONP} {Y}"), month_range),
            r("day_to_month_range", f(r"(?i:\bfrom )(?P<d1>[0-3]?\d)(?:st|nd|rd|th)? (?P<m1>January|February|March|April|May|June|July|August|September|October|November|December)(?:,? (?P<y1>(?:19|20)\d\d))? (?i:until|to|till|through) (?:(?i:late|early|mid|the end of)[- ])?{MON}\b(?:,? {Y}\b)?"), day_to_month_range),
            r("year_range", f(r"\b(?P<y1>(?:19|20)\d\d) ?[-–—] ?{Y}\b"), year_range),
            r("year_range", f(r"(?i:\b(?:from|between) )(?P<y1>(?:19|20)\d\d) (?i:to|and|until|till|through) {Y}\b"), year_range),
            r("numeric_range", f(r"\b(?P<d1>[0-3]?\d)[./](?P<m1>[01]?\d)[./](?P<y1>(?:19|20)\d\d) ?(?:-|–|—|(?i:to|until|till)) ?(?P<d>[0-3]?\d)[./](?P<m>[01]?\d)[./]{Y}\b"), numeric_range),
            // "On the morning of Wednesday, 3 May": the weekday only confirms the day.
            r("weekday_day_month", f(r"{WEEKDAY_LEAD}{D} (?i:of )?{MON}(?:,? {Y})?\b"), abs_on_weekday),
            r("weekday_month_day", f(r"{WEEKDAY_LEAD}{MON} {D}(?:,? {Y})?\b"), abs_on_weekday),
            // Full dates.
            r("month_day_year", f(r"\b{MON} {D},? {Y}\b"), abs),
            r("day_month_year", f(r"\b{D} (?i:of )?{MON},? {Y}\b"), abs),
            r("numeric_dmy", f(r"\b(?P<d>[0-3]?\d)[./](?P<m>[01]?\d)[./]{Y}\b"), abs),
            r("iso", f(r"\b{Y}-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"), abs),
            r("ru_day_month", f(r"\b{D} {RUMON}(?: {Y}(?: года)?)?"), abs),
            r("ru_ordinal_day", f(r"(?P<od>(?:двадцать |тридцать )?(?:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|одиннадцат|двенадцат|тринадцат|четырнадцат|пятнадцат|шестнадцат|семнадцат|восемнадцат|девятнадцат|двадцат|тридцат)(?:ого|его)) {RUMON}(?: {Y}(?: года)?)?"), ru_ordinal_day),
            // Day and month with "this year" / "last year".
            r("month_day_rel_year", f(r"\b{MON} {D},? (?i:of )?(?P<rel>(?i:this|last|the previous|the current)) (?i:year)\b"), day_of_relative_year),
            r("day_month_rel_year", f(r"\b{D} (?i:of )?{MON},? (?i:of )?(?P<rel>(?i:this|last|the previous|the current)) (?i:year)\b"), day_of_relative_year),
            // Day and month, year inferred.
            r("month_day", f(r"\b{MON} {D}\b(?:[^:\d]|$)"), abs),
            r("day_month", f(r"\b{D} (?i:of )?{MON}\b"), abs),
            // Month precision.
            r("month_of_year", f(r"\b{MON} (?i:of )?(?P<rel>(?i:this|last|the previous|the past|the current|the same)) (?i:year)\b"), month_of_relative_year),
            // "в декабре прошлого года", "с ноября прошлого года", "12 мая этого года".
            r("month_of_year", f(r"{RUMONP} (?P<rel>прошлого|минувшего|этого|текущего|нынешнего) года"), month_of_relative_year),
            r("day_month_rel_year", f(r"{D} {RUMON} (?P<rel>прошлого|минувшего|этого|текущего|нынешнего) года"), day_of_relative_year),
            // The genitive ("с ноября прошлого года") apart: both month forms name the group `mon`.
            r("month_of_year", f(r"{RUMON} (?P<rel>прошлого|минувшего|этого|текущего|нынешнего) года"), month_of_relative_year),
            // "last autumn", "прошлой осенью": a season of the year before.
            r("last_unit", f(r"(?i)\blast (?:spring|summer|autumn|fall|winter)\b|прошлой (?:весной|осенью|зимой)|прошлым летом"), |_| Some(Expr::LastUnit(Unit::Year))),
            r("month_year", f(r"\b(?:(?i:early|mid|late|the end of|the beginning of|the middle of|the start of)[- ])?{MON},? {Y}\b"), abs),
            r("ru_month_year", f(r"[вВ] {RUMONP}(?: {Y})?"), abs),
            // "с ноября 2020 года": a month in the genitive with its year.
            r("ru_month_year", f(r"{RUMON} {Y}(?: года)?"), abs),
            r("month", f(r"(?i:\b(?:in|since|during|by|until|till|from|of|through|throughout|between|late|early|mid)) (?:(?i:early|mid|late)[- ])?{MON}\b"), abs),
            r("month", f(r"\b(?i:early|mid|late)-{MON}\b"), abs),
            // Year precision.
            r("year", f(r"(?i:\b(?:in|since|during|by|until|till|from|through|throughout|of|before|after|early|late|mid)[- ]){Y}\b"), abs),
            // "Summer 1992", "in the autumn of 2020", "осенью 2020 года", "войны осени 2020 года": a
            // season dates to its year.
            r("year", f(r"(?i:\b(?:spring|summer|autumn|fall|winter)(?: of)?) {Y}\b"), abs),
            r("year", f(r"(?:[вВ]есной|[лЛ]етом|[оО]сенью|[зЗ]имой|весны|лета|осени|зимы) {Y}(?:[\s,.;:)]|$)"), abs),
            // "Весной 2021-го", "в 2020-м": a Russian year written as an ordinal.
            r("year", f(r"\b{Y}-(?:го|м)(?:[\s,.;:!?)]|$)"), abs),
            r("ru_year", f(r"в {Y} году"), abs),
            // Relative to the anchor.
            r("day_before_yesterday", f(r"(?i)\bthe day before yesterday\b"), |_| Some(Expr::DaysAgo(2))),
            // "the report of 20 July ... the previous evening": a day before the date it is told against.
            r("previous_day", f(r"(?i)\bthe (?:previous|preceding) (?:day|evening|night|morning|afternoon)\b|\bthe (?:evening|night) before\b"), |_| Some(Expr::DaysAgo(1))),
            r("yesterday", f(r"(?i)\b(?:yesterday|last night)|(?:вчера|прошлой ночью|минувшей ночью)"), |_| Some(Expr::DaysAgo(1))),
            r("day_before_yesterday", f(r"позавчера"), |_| Some(Expr::DaysAgo(2))),
            r("previous_day", f(r"накануне"), |_| Some(Expr::DaysAgo(1))),
            r("last_unit", f(r"на прошлой неделе"), |_| Some(Expr::LastUnit(Unit::Week))),
            r("weekday", f(r"(?:в|во) (?:(?:прошл(?:ый|ую|ое)|минувш(?:ий|ую|ее)|прошедш(?:ий|ую|ее)) )?(?P<wd>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)"), |c| {
                Some(Expr::Weekday { weekday: ru_weekday_number(c.name("wd")?.as_str())?, strict: false })
            }),
            r("night_of_weekday", f(r"[вВ] ночь (?:с (?:понедельника|вторника|среды|четверга|пятницы|субботы|воскресенья) )?на (?:(?:прошл|минувш|прошедш)[а-яё]+ )?(?P<wd>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)"), |c| {
                Some(Expr::NightBeforeWeekday(ru_weekday_number(c.name("wd")?.as_str())?))
            }),
            r("today", f(r"(?i)\b(?:today|this morning|this afternoon|this evening|tonight|earlier today)\b|сегодня"), |_| Some(Expr::DaysAgo(0))),
            // "In the last days of May": part of a month, not the days before the telling.
            r("part_of_month", f(r"(?i:\b(?:in |during |over )?the (?:last|final|first|opening|closing) (?:few )?(?:days|weeks) of ){MON}(?:,? {Y})?\b"), abs),
            r("units_ago", f(r"(?i)\b(?P<n>{NUM}) (?P<u>days?|weeks?|months?|years?) ago\b"), |c| {
                let n = number::parse(c.name("n")?.as_str())? as i64;
                Some(match unit_of(c.name("u")?.as_str())? {
                    Unit::Day => Expr::DaysAgo(n),
                    u => Expr::UnitsAgo(n, u),
                })
            }),
            r("past_period", f(r"(?i)\b(?:over|during|in|for|within) the (?:past|last) (?P<n>{NUM} )?(?P<u>days?|weeks?|months?|years?)\b"), |c| {
                let n = match c.name("n") {
                    Some(m) => number::parse(m.as_str())? as i64,
                    None => 1,
                };
                Some(Expr::PastPeriod(n, unit_of(c.name("u")?.as_str())?))
            }),
            r("past_day", f(r"(?i)\b(?:over |in |during |for |within )?the (?:past|last) (?:24 hours|day)\b|за (?:прошедшие|последние|минувшие) сутки"), |_| Some(Expr::PastPeriod(1, Unit::Day))),
            r("last_unit", f(r"(?i)\blast (?P<u>week|month|year)\b"), |c| Some(Expr::LastUnit(unit_of(c.name("u")?.as_str())?))),
            r("this_unit", f(r"(?i)\b(?:earlier )?this (?P<u>week|month|year)\b"), |c| Some(Expr::ThisUnit(unit_of(c.name("u")?.as_str())?))),
            r("this_unit", f(r"(?i)\bsince the (?:start|beginning) of the (?P<u>week|month|year)\b"), |c| Some(Expr::ThisUnit(unit_of(c.name("u")?.as_str())?))),
            r("previous_day", f(r"(?i)\bthe day before\b"), |_| Some(Expr::FromPrevious(-1))),
            r("month_of_that_year", f(r"(?i:\bin )?{MON},? (?i:of )?(?i:the same|that) year\b"), |c| Some(Expr::MonthOfPreviousYear(month_number(c.name("mon")?.as_str())?))),
            r("month_of_that_year", f(r"[вВ] {RUMONP} того же года"), |c| Some(Expr::MonthOfPreviousYear(month_number(c.name("mon")?.as_str())?))),
            r("since_then", f(r"(?i)\b(?:ever )?since then\b|[сС] тех пор(?:[\s,.;:]|$)|[сС] того времени(?:[\s,.;:]|$)"), |_| Some(Expr::SincePrevious)),
            // "on the afternoon of the 16th", "From the 14th", "12-го числа".
            // Not "the 6th meeting": the day stands alone, before punctuation or a small word.
            r("day_of_month", f(r"(?i)\bthe (?P<d>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)(?:[,.;:)!?]|$| (?:and|when|at|in|from|until|till|to|after|before|there|of (?:this|that|the|last) month)\b)"), |c| Some(Expr::DayOfMonth(cap_num(c, "d")? as u8))),
            // "on the night of the 13th", "on the 5th": the preposition makes it a day, unless a
            // noun follows ("on the 5th floor", "the 13th of ..." is read by the rules for dates).
            r("day_of_month", f(r"(?i-u)\b(?:(?:night|morning|evening|afternoon|dawn|early hours|small hours) of|on) the (?P<d>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b(?P<noun> (?:floor|storey|anniversary|day|round|time|century|of|brigade|battalion|regiment|division|army|corps|session|minute|hour|week|month|year|kilometre|km|mile|line|post|grade|class|place)\b)?"), |c| {
                if c.name("noun").is_some() {
                    return None;
                }
                Some(Expr::DayOfMonth(cap_num(c, "d")? as u8))
            }),
            r("day_of_month", f(r"\b(?P<d>[1-9]|[12]\d|3[01])-?го(?: числа)?(?:[\s,.;:!?)]|$)"), |c| Some(Expr::DayOfMonth(cap_num(c, "d")? as u8))),
            // "через неделю, семнадцатого, ...": a written ordinal alone, set off by punctuation.
            r("day_of_month", f(r"(?i)(?P<od>(?:двадцать |тридцать )?(?:первого|второго|третьего|четв[её]ртого|пятого|шестого|седьмого|восьмого|девятого|десятого|одиннадцатого|двенадцатого|тринадцатого|четырнадцатого|пятнадцатого|шестнадцатого|семнадцатого|восемнадцатого|девятнадцатого|двадцатого|тридцатого))(?: числа)?(?:[,.;:!?)]|$)"), |c| Some(Expr::DayOfMonth(ru_ordinal_number(c.name("od")?.as_str())?))),
            // "on the same day", "в тот же день": the day of the date told before.
            r("same_day", f(r"(?i)\b(?:the same day|that same day|later that day|earlier that day|(?:on|by|until|at [\d:.]+ (?:a\.m\.|p\.m\.|am|pm)) that day|the same evening|the same night|that same evening)\b|\bthat (?:first |same )?(?:night|evening)\b|[вВ] (?:тот|этот) же (?:день|вечер)|[вВ] ту (?:же )?ночь|той (?:же )?ночью"), |_| Some(Expr::FromPrevious(0))),
            r("weekday", f(r"\b(?P<q>(?i:last|this past|on|since|early on|late on|late|early|(?:in|on) the (?:early hours|small hours|wee hours|morning|night|evening|afternoon) of)) (?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"), |c| {
                let q = c.name("q")?.as_str();
                let day = Expr::Weekday { weekday: weekday_number(c.name("wd")?.as_str())?, strict: q.eq_ignore_ascii_case("last") };
                // "Since Tuesday, vehicles have not been allowed": from that day to the publication date.
                Some(if q.eq_ignore_ascii_case("since") { Expr::Since(Box::new(day)) } else { day })
            }),
            r("next_day", f(r"(?i)\b(?:the )?(?:next|following) (?:day|morning|evening|night)\b|\ba day later\b"), |_| Some(Expr::NextDay)),
            // "Через девять дней его вернули", "спустя две недели": counted from the date told last.
            r("days_from_previous", f(r"(?:через|спустя) (?P<n>\d+|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|одиннадцать|двенадцать|тринадцать|четырнадцать|пятнадцать|двадцать|тридцать) (?P<u>дня|дней|день|недели|недель)"), |c| {
                let n = number::parse(c.name("n")?.as_str())? as i64;
                let week = c.name("u")?.as_str().starts_with("недел");
                Some(Expr::FromPrevious(if week { 7 * n } else { n }))
            }),
            r("days_from_previous", f(r"(?i)\b(?:just )?(?P<n>{NUM}) (?P<u>days?|weeks?) (?P<dir>before|earlier|later|after that|afterwards)\b"), |c| {
                let n = number::parse(c.name("n")?.as_str())? as i64;
                let days = if unit_of(c.name("u")?.as_str())? == Unit::Week { 7 * n } else { n };
                let back = matches!(c.name("dir")?.as_str().to_lowercase().as_str(), "before" | "earlier");
                Some(Expr::FromPrevious(if back { -days } else { days }))
            }),
            // "двумя днями ранее", "днём позже", "за три дня до этого": counted from the date told last
            // (the date of the statement that tells it, when one was given).
            r("days_from_previous", f(r"(?P<n>двумя|тремя|четырьмя|пятью|шестью|семью|днём|днем|сутками) (?:(?:днями|сутками) )?(?P<dir>ранее|раньше|позже|позднее|спустя)|за (?P<k>\d+|два|три|четыре|пять|шесть|семь) (?:дня|дней|суток) до (?:этого|того)"), |c| {
                let n: i64 = match c.name("n").map(|m| m.as_str()) {
                    Some("двумя") => 2,
                    Some("тремя") => 3,
                    Some("четырьмя") => 4,
                    Some("пятью") => 5,
                    Some("шестью") => 6,
                    Some("семью") => 7,
                    Some(_) => 1,
                    None => -(number::parse(c.name("k")?.as_str())? as i64),
                };
                let back = c.name("dir").is_some_and(|d| matches!(d.as_str(), "ранее" | "раньше"));
                Some(Expr::FromPrevious(if back { -n } else { n }))
            }),
            r("next_day", f(r"на следующий день|(?:утром|вечером|дн[её]м|ночью) следующего дня|на другой день|наутро"), |_| Some(Expr::NextDay)),
        ];
        let words: Vec<Option<Vec<String>>> = rules.iter().map(|r| required_words(r.re.source())).collect();
        let gate = WordGate::new(words.iter().flatten().flatten().cloned().collect());
        for (rule, words) in rules.iter_mut().zip(&words) {
            rule.required = words.as_ref().map(|w| gate.indices(w));
        }
        Rules { rules, gate }
    })
}

/// Every date expression in `text`, in text order, without overlaps (at one
/// position the longest expression wins). Ranges written with two dates
/// ("between A and B", "from A to B", "from A to the present") are joined.
pub fn find(text: &str) -> Vec<RawDate> {
    let mut found: Vec<(usize, RawDate)> = Vec::new();
    let Rules { rules, gate } = rules();
    let present = gate.present(text);
    for (priority, rule) in rules.iter().enumerate() {
        if rule.required.as_ref().is_some_and(|words| !words.iter().any(|&w| present[w])) {
            continue;
        }
        for c in rule.re.captures_iter(text) {
            let whole = c.get(0).expect("group 0");
            let Some(expr) = (rule.build)(&c) else { continue };
            // The preposition that licenses a bare month or year is context, not part of the date.
            let start = match rule.name {
                "month" => c.name("mon").map_or(whole.start(), |m| m.start()),
                "year" => c.name("y").map_or(whole.start(), |m| m.start()),
                _ => whole.start(),
            };
            // "month_day" swallows one char after the day to refuse times ("May 5:30"); give it back.
            let mut end = whole.end();
            if rule.name == "month_day"
                && let Some(d) = c.name("d") {
                    end = d.end() + text[d.end()..].find(|ch: char| !matches!(ch, 's' | 't' | 'n' | 'd' | 'r' | 'h')).unwrap_or(0).min(2);
                }
            if !plausible(&expr) {
                continue;
            }
            // "on 3, 7 and 12 May": days listed, not a range from the 7th to the 12th.
            if rule.name == "day_range" && whole.as_str().contains(" and ") && text[..start].trim_end().strip_suffix(',').is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit())) {
                continue;
            }
            // "born in 1987" dates a person, not an event.
            // "Born 3 February 1970": a month and year read inside it date the person too.
            let lead = text[crate::lexicon::floor_char(text, start.saturating_sub(16))..start]
                .trim_end_matches(|c: char| c == ' ' || c == ',' || c.is_ascii_digit())
                .to_ascii_lowercase();
            if lead.ends_with("born") || lead.ends_with("born in") || lead.ends_with("born on") {
                continue;
            }
            found.push((priority, RawDate { start, end, expr, rule: rule.name, end_marker: false }));
        }
    }
    // Where expressions overlap, the longest wins; among equals, the earlier rule.
    found.sort_by_key(|(p, r)| (std::cmp::Reverse(r.end - r.start), *p, r.start));
    let mut out: Vec<RawDate> = Vec::new();
    for (_, r) in found {
        if out.iter().any(|o| r.start < o.end && o.start < r.end) {
            continue;
        }
        out.push(r);
    }
    out.sort_by_key(|r| r.start);
    // "28 сентября 2021 года, во вторник": a weekday set beside a day only confirms it.
    let beside_a_day = |r: &RawDate, o: &RawDate| {
        let gap = if o.end <= r.start { &text[o.end..r.start] } else if r.end <= o.start { &text[r.end..o.start] } else { return false };
        let a_day = match &o.expr {
            Expr::Abs { d, .. } => d.is_some(),
            Expr::Range { start, .. } => matches!(**start, Expr::Abs { d: Some(_), .. }),
            _ => false,
        };
        a_day && gap.len() <= 3 && gap.chars().all(|c| c == ',' || c.is_whitespace())
    };
    let mut confirming = vec![false; out.len()];
    for i in 0..out.len() {
        let weekday = match out[i].expr {
            Expr::Weekday { weekday, .. } => Some(weekday),
            Expr::NightBeforeWeekday(_) => None,
            _ => continue,
        };
        let Some(j) = (0..out.len()).find(|&j| j != i && beside_a_day(&out[i], &out[j])) else { continue };
        confirming[i] = true;
        // The weekday still tells the year a date without one fell in.
        if let (Some(weekday), Expr::Abs { y: None, m: Some(m), d: Some(d) }) = (weekday, &out[j].expr) {
            out[j].expr = Expr::DayOnWeekday { m: *m, d: *d, weekday };
        }
    }
    let out = out.into_iter().zip(confirming).filter(|(_, c)| !c).map(|(r, _)| r).collect();
    join_ranges(text, out)
}

fn plausible(e: &Expr) -> bool {
    match e {
        Expr::Abs { y, m, d } => {
            let m_ok = m.is_none_or(|m| (1..=12).contains(&m));
            let d_ok = d.is_none_or(|d| (1..=31).contains(&d));
            let y_ok = y.is_none_or(|y| y <= 0 || (1900..=2100).contains(&y));
            m_ok && d_ok && y_ok && (m.is_some() || y.is_some())
        }
        Expr::Range { start, end } => plausible(start) && plausible(end),
        _ => true,
    }
}

fn join_ranges(text: &str, dates: Vec<RawDate>) -> Vec<RawDate> {
    let mut out: Vec<RawDate> = Vec::with_capacity(dates.len());
    let mut it = dates.into_iter().peekable();
    while let Some(mut cur) = it.next() {
        // Only the few words around a date decide how it joins: look at a bounded stretch.
        let before = text[crate::lexicon::floor_char(text, cur.start.saturating_sub(64))..cur.start].to_lowercase();
        let before = before.trim_end();
        let opens_between = before.ends_with("between");
        let opens_from = before.ends_with("from") || before.ends_with("since") || before.ends_with("с");
        if let Some(next) = it.peek() {
            let gap = text[cur.end..next.start].trim().to_lowercase();
            let joins = (opens_between && gap == "and")
                || (opens_from && matches!(gap.as_str(), "to" | "until" | "till" | "through" | "-" | "–" | "по" | "до"));
            if joins && !cur.is_relative() && !next.is_relative() {
                let next = it.next().expect("peeked");
                cur = RawDate { start: cur.start, end: next.end, expr: Expr::Range { start: Box::new(cur.expr), end: Box::new(next.expr) }, rule: "between_range", end_marker: false };
                out.push(cur);
                continue;
            }
        }
        if !cur.is_relative() {
            let after = text[cur.end..crate::lexicon::floor_char(text, (cur.end + 64).min(text.len()))].to_lowercase();
            let to_present = ["to the present", "to date", "until now", "till now", "to this day", "until today", "to the present day", "up to now", "по настоящее время", "до сих пор"];
            // "the most serious since March, when troops entered the village", "the deadliest
            // since September 2022": a comparison points at a date, it runs no period from it.
            let comparison = ["the most ", "the worst ", "deadliest ", "the first ", "largest ", "biggest ", "heaviest ", "highest ", "lowest "]
                .iter()
                .any(|c| before.contains(c));
            // "since the 44-day war ended in November 2020": from the date of what is named.
            let since_named = before.rfind("since ").is_some_and(|i| {
                let tail = &before[i..];
                tail.split_whitespace().count() <= 9
                    && [" ended in", " ended on", " began in", " began on", " started in", " started on", " was signed in", " was signed on", " took effect in", " took effect on"]
                        .iter()
                        .any(|e| tail.ends_with(e))
            });
            if (opens_from || before.ends_with("since") || since_named) && !comparison {
                if let Some(p) = to_present.iter().find(|p| after.trim_start().starts_with(**p)) {
                    let skip = after.len() - after.trim_start().len() + p.len();
                    cur.end += skip;
                }
                cur.expr = Expr::Since(Box::new(cur.expr));
                cur.rule = "since";
            }
            // "continued overnight into December 13", "ended in late April": the end of something under way.
            let lead: Vec<&str> = before.rsplit(|c: char| c.is_whitespace()).take(4).collect();
            // Not "since the war ended in November 2020": that period starts there.
            if cur.rule != "since" && (matches!(lead.first().copied(), Some("into" | "until" | "till" | "through"))
                || lead.iter().any(|w| matches!(*w, "ended" | "lasted" | "continued" | "restored" | "reopened" | "lifted")))
            {
                cur.end_marker = true;
            }
        } else if matches!(before.rsplit(char::is_whitespace).find(|w| !matches!(*w, "the" | "late" | "early")), Some("until" | "till")) {
            // "did not die down until the evening of the 14th": a date counted from another closes a stretch too.
            cur.end_marker = true;
        }
        out.push(cur);
    }
    out
}

/// Turns date expressions into dates, given what the text has established so far.
#[derive(Debug, Clone, Copy)]
pub struct Resolver {
    /// The document's publication date, at whatever precision is known.
    pub published: Option<PartialDate>,
}

impl Resolver {
    /// Resolves `expr`; `anchor` is the date relative expressions count from
    /// (the reported statement's date, else the publication date) and `prev`
    /// the last full date mentioned before it ("the next day").
    pub fn resolve(&self, expr: &Expr, anchor: Option<PartialDate>, prev: Option<PartialDate>) -> (Option<PartialDate>, Option<PartialDate>) {
        let anchor = anchor.or(self.published);
        let day_anchor = anchor.filter(PartialDate::is_full);
        match expr {
            Expr::Abs { .. } => (self.absolute(expr, None), None),
            Expr::DayOnWeekday { m, d, weekday } => {
                let plain = self.absolute(&Expr::Abs { y: None, m: Some(*m), d: Some(*d) }, None);
                // Up to six years back: further, the weekday more likely errs than the year.
                let on_weekday = plain.and_then(|p| p.year()).and_then(|latest| {
                    (0..7).map(|back| latest - back).find_map(|y| PartialDate::ymd(y, *m, *d).filter(|day| day.weekday() == Some(*weekday)))
                });
                (on_weekday.or(plain), None)
            }
            Expr::Range { start, end } => {
                let e = self.absolute(end, None);
                let mut s = self.absolute(start, e);
                // A start after its end crossed a new year ("31 December to 1 January").
                if let (Some(sd), Some(ed)) = (s, e)
                    && sd > ed && sd.month().is_some() && ed.is_full() {
                        // "between December and 15 June" too: a month alone starts in the year before.
                        s = sd.year().and_then(|y| match sd.day() {
                            Some(day) => PartialDate::ymd(y - 1, sd.month()?, day),
                            None => PartialDate::ym(y - 1, sd.month()?),
                        });
                    }
                match (s, e) {
                    (Some(s), Some(e)) if s == e => (Some(s), None),
                    (s, e) => (s, e),
                }
            }
            Expr::Since(inner) => {
                let (s, _) = self.resolve(inner, None, prev);
                (s, s.and(self.published))
            }
            Expr::DaysAgo(n) => (day_anchor.and_then(|a| a.add_days(-n)), None),
            Expr::UnitsAgo(n, unit) => {
                let a = match day_anchor {
                    Some(a) => a,
                    None => return (None, None),
                };
                match unit {
                    Unit::Day => (a.add_days(-n), None),
                    Unit::Week => (a.add_days(-7 * n), None),
                    Unit::Month => (months_back(a, *n), None),
                    Unit::Year => (a.year().map(|y| PartialDate::y(y - *n as i32)), None),
                }
            }
            Expr::LastUnit(unit) => match (unit, anchor) {
                (Unit::Week, Some(a)) if a.is_full() => {
                    let wd = a.weekday().unwrap_or(0) as i64;
                    let monday = a.add_days(-wd - 7);
                    (monday, monday.and_then(|m| m.add_days(6)))
                }
                (Unit::Month, Some(a)) => (a.year().zip(a.month()).and_then(|(y, m)| months_back(PartialDate::ym(y, m)?, 1)), None),
                (Unit::Year, Some(a)) => (a.year().map(|y| PartialDate::y(y - 1)), None),
                _ => (None, None),
            },
            Expr::ThisUnit(unit) => match (unit, anchor) {
                (Unit::Month, Some(a)) => (a.year().zip(a.month()).and_then(|(y, m)| PartialDate::ym(y, m)), None),
                (Unit::Year, Some(a)) => (a.year().map(PartialDate::y), None),
                (Unit::Week, Some(a)) if a.is_full() => {
                    let wd = a.weekday().unwrap_or(0) as i64;
                    (a.add_days(-wd), Some(a))
                }
                _ => (None, None),
            },
            Expr::Weekday { weekday, strict } => match day_anchor {
                Some(a) => {
                    let awd = a.weekday().unwrap_or(0) as i64;
                    let mut back = (awd - *weekday as i64).rem_euclid(7);
                    if back == 0 && *strict {
                        back = 7;
                    }
                    (a.add_days(-back), None)
                }
                None => (None, None),
            },
            Expr::NightBeforeWeekday(weekday) => {
                let (morning, _) = self.resolve(&Expr::Weekday { weekday: *weekday, strict: false }, anchor, prev);
                (morning.and_then(|m| m.add_days(-1)), morning)
            }
            Expr::NextDay => (prev.filter(PartialDate::is_full).and_then(|p| p.add_days(1)), None),
            Expr::DayOfMonth(d) => {
                let base = prev.filter(|p| p.month().is_some()).or(self.published);
                let Some((y, m)) = base.and_then(|b| b.year().zip(b.month())) else { return (None, None) };
                let on = PartialDate::ymd(y, m, *d);
                let published = self.published.and_then(|p| p.last_day());
                match (on, published) {
                    (Some(o), Some(p)) if o.first_day().is_some_and(|f| f > p) => {
                        let (py, pm) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
                        (PartialDate::ymd(py, pm, *d), None)
                    }
                    (o, _) => (o, None),
                }
            }
            Expr::FromPrevious(n) => (prev.filter(PartialDate::is_full).and_then(|p| p.add_days(*n)), None),
            Expr::SincePrevious => (prev, prev.and(self.published)),
            Expr::MonthOfPreviousYear(m) => (prev.and_then(|p| p.year()).and_then(|y| PartialDate::ym(y, *m)), None),
            Expr::PastPeriod(n, unit) => {
                let Some(a) = anchor else { return (None, None) };
                let start = match (unit, day_anchor) {
                    (Unit::Day, Some(d)) => d.add_days(-n),
                    (Unit::Week, Some(d)) => d.add_days(-7 * n),
                    (Unit::Month, _) => a.year().zip(a.month()).and_then(|(y, m)| months_back(PartialDate::ym(y, m)?, *n)),
                    (Unit::Year, _) => match a.month() {
                        Some(m) => a.year().and_then(|y| PartialDate::ym(y - *n as i32, m)),
                        None => a.year().map(|y| PartialDate::y(y - *n as i32)),
                    },
                    _ => None,
                };
                (start, start.and(Some(a)))
            }
        }
    }

    /// An absolute date with its year inferred when missing. `end` lends its
    /// month and year to a range start written without them.
    fn absolute(&self, expr: &Expr, end: Option<PartialDate>) -> Option<PartialDate> {
        let Expr::Abs { y, m, d } = *expr else { return None };
        let pub_year = self.published.and_then(|p| p.year());
        let year = match y {
            // 0 and -1 encode "this year" and "last year" relative to publication.
            Some(y) if y <= 0 => Some(pub_year? + y),
            Some(y) => Some(y),
            None => end.and_then(|e| e.year()).or_else(|| self.infer_year(m?, d)),
        };
        let month = m.or_else(|| end.and_then(|e| e.month()));
        match (year, month, d) {
            (Some(y), Some(m), Some(d)) => PartialDate::ymd(y, m, d),
            (Some(y), Some(m), None) => PartialDate::ym(y, m),
            (Some(y), None, _) => Some(PartialDate::y(y)),
            (None, Some(m), Some(d)) => PartialDate::md(m, d),
            _ => None,
        }
    }

    /// The year a day or month without one most likely means: the publication
    /// year, or the year before when that would put it after publication
    /// (a January report about "December 30").
    fn infer_year(&self, month: u8, day: Option<u8>) -> Option<i32> {
        let p = self.published?;
        let y = p.year()?;
        let candidate = match day {
            Some(d) => PartialDate::ymd(y, month, d).or_else(|| PartialDate::ym(y, month))?,
            None => PartialDate::ym(y, month)?,
        };
        let latest = p.last_day()?.add_days(2)?;
        let first = candidate.first_day()?;
        Some(if first > latest { y - 1 } else { y })
    }
}

fn months_back(a: PartialDate, n: i64) -> Option<PartialDate> {
    let (y, m) = (a.year()? as i64, a.month()? as i64);
    let total = y * 12 + (m - 1) - n;
    PartialDate::ym((total.div_euclid(12)) as i32, (total.rem_euclid(12) + 1) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    /// Resolves every date in `text` against `published`, as strings.
    fn resolve_all(text: &str, published: &str) -> Vec<(String, Option<String>)> {
        let r = Resolver { published: Some(d(published)) };
        find(text)
            .iter()
            .map(|m| {
                let (a, b) = r.resolve(&m.expr, None, None);
                (a.map(|x| x.to_string()).unwrap_or_default(), b.map(|x| x.to_string()))
            })
            .collect()
    }

    #[test]
    fn absolute_forms() {
        assert_eq!(resolve_all("on March 24", "2023-03-30"), vec![("2023-03-24".into(), None)]);
        assert_eq!(resolve_all("on 24 March 2023 at dawn", "2023-04"), vec![("2023-03-24".into(), None)]);
        assert_eq!(resolve_all("a report of 14.12.2022 said", "2023-01-01"), vec![("2022-12-14".into(), None)]);
        assert_eq!(resolve_all("signed on November 10, 2020.", "2023-03"), vec![("2020-11-10".into(), None)]);
        assert_eq!(resolve_all("In August 2021, the ministry", "2022-12-13"), vec![("2021-08".into(), None)]);
        assert_eq!(resolve_all("13 сентября 2022 года", "2022-09-14"), vec![("2022-09-13".into(), None)]);
        assert_eq!(resolve_all("в период с 24 по 25 марта", "2022-03-26"), vec![("2022-03-24".into(), Some("2022-03-25".into()))]);
        assert_eq!(resolve_all("в ночь на 5 марта", "2023-03-06"), vec![("2023-03-04".into(), Some("2023-03-05".into()))]);
        assert_eq!(resolve_all("накануне", "2023-03-06"), vec![("2023-03-05".into(), None)]);
        assert_eq!(resolve_all("после боёв 13–14 сентября", "2022-09-29"), vec![("2022-09-13".into(), Some("2022-09-14".into()))]);
        assert_eq!(resolve_all("во время боёв 13–14 сентября 2022 года", "2023-05-17"), vec![("2022-09-13".into(), Some("2022-09-14".into()))]);
        assert_eq!(resolve_all("Накануне в Брюсселе", "2023-05-14"), vec![("2023-05-13".into(), None)]);
        assert_eq!(resolve_all("В понедельник наблюдатели", "2023-05-17"), vec![("2023-05-15".into(), None)]);
        assert_eq!(resolve_all("в прошлый четверг в Кельбаджарском районе", "2023-05-17"), vec![("2023-05-11".into(), None)]);
        assert_eq!(resolve_all("В декабре прошлого года у Тагера", "2021-12-20"), vec![("2020-12".into(), None)]);
        assert_eq!(resolve_all("12 мая прошлого года у Сотка", "2022-03-01"), vec![("2021-05-12".into(), None)]);
        assert_eq!(resolve_all("Прошлой осенью у Физули", "2023-06-10"), vec![("2022".into(), None)]);
        assert_eq!(resolve_all("Summer 1992 - Fought near Martakert", "2023-01-09"), vec![("1992".into(), None)]);
        assert_eq!(resolve_all("после войны осени 2020 года линия", "2023-03-14"), vec![("2020".into(), None)]);
        assert!(find("Через девять дней его вернули домой").iter().any(|m| matches!(m.expr, Expr::FromPrevious(9))));
        assert_eq!(resolve_all("during the war last autumn", "2021-08-15"), vec![("2020".into(), None)]);
        assert_eq!(resolve_all("в минувшую пятницу был передан", "2023-05-17"), vec![("2023-05-12".into(), None)]);
        assert_eq!(resolve_all("Одиннадцатого апреля у села шёл бой", "2023-05-17"), vec![("2023-04-11".into(), None)]);
        assert_eq!(resolve_all("hurt on the afternoon of the 16th, when", "2022-07-19"), vec![("2022-07-16".into(), None)]);
        assert_eq!(resolve_all("From the 24th, lorries", "2022-07-19"), vec![("2022-06-24".into(), None)]);
        assert_eq!(resolve_all("перестрелка произошла 12-го числа у села", "2023-05-17"), vec![("2023-05-12".into(), None)]);
        assert_eq!(resolve_all("А через неделю, семнадцатого, пограничники передали его", "2022-06-20"), vec![("2022-06-17".into(), None)]);
        let r = Resolver { published: Some(d("2023-06-27")) };
        let since = find("С тех пор подразделения удерживают ряд высот");
        assert!(matches!(since[0].expr, Expr::SincePrevious));
        let that_year = find("В августе того же года у Гюлятага обстреляли пастухов");
        assert!(matches!(that_year[0].expr, Expr::MonthOfPreviousYear(8)), "{that_year:?}");
        assert_eq!(r.resolve(&that_year[0].expr, None, PartialDate::ym(2021, 5)).0, PartialDate::ym(2021, 8));
        assert!(matches!(find("in August of the same year")[0].expr, Expr::MonthOfPreviousYear(8)));
        assert_eq!(resolve_all("Весной 2021-го, на моих глазах", "2022-10-01"), vec![("2021".into(), None)]);
        assert_eq!(r.resolve(&since[0].expr, None, PartialDate::ym(2022, 9)), (PartialDate::ym(2022, 9), Some(d("2023-06-27"))));
        assert!(resolve_all("второго батальона", "2022-06-20").is_empty());
        assert!(resolve_all("before the 6th meeting of the leaders", "2023-07-19").is_empty());
        assert_eq!(resolve_all("двадцать первого мая 2022 года", "2023-05-17"), vec![("2022-05-21".into(), None)]);
        assert_eq!(resolve_all("На прошлой неделе служба", "2023-05-17"), vec![("2023-05-08".into(), Some("2023-05-14".into()))]);
        assert_eq!(resolve_all("во вторник", "2023-03-09"), vec![("2023-03-07".into(), None)]);
        assert_eq!(resolve_all("в ноябре 2020 года и ноября 2021 года", "2022-03-26"), vec![("2020-11".into(), None), ("2021-11".into(), None)]);
    }

    #[test]
    fn year_inferred_across_new_year() {
        assert_eq!(resolve_all("on December 30 shots were fired", "2023-01-03"), vec![("2022-12-30".into(), None)]);
        assert_eq!(resolve_all("on January 2 shots were fired", "2023-01-03"), vec![("2023-01-02".into(), None)]);
    }

    #[test]
    fn ranges() {
        assert_eq!(
            resolve_all("between November 10 and November 14", "2022-12-13"),
            vec![("2022-11-10".into(), Some("2022-11-14".into()))]
        );
        assert_eq!(resolve_all("on November 16-18, trucks", "2022-12-13"), vec![("2022-11-16".into(), Some("2022-11-18".into()))]);
        // Nights: within a month, across months and a new year, with both years written (one
        // night, not two dates), in English and in Russian.
        for (text, published, from, to) in [
            ("on the night of 11 to 12 December", "2022-12-13", "2022-12-11", "2022-12-12"),
            ("On the night of 31 December to 1 January, fire", "2023-01-03", "2022-12-31", "2023-01-01"),
            ("on the night of 31 December 2022 to 1 January 2023 servicemen fired", "2023-06-30", "2022-12-31", "2023-01-01"),
            ("в ночь с 31 декабря 2022 года на 1 января 2023 года обстреляли", "2023-06-30", "2022-12-31", "2023-01-01"),
            ("в ночь с 30 ноября на 1 декабря обстреляли", "2023-06-30", "2022-11-30", "2022-12-01"),
        ] {
            assert_eq!(resolve_all(text, published), vec![(from.into(), Some(to.into()))], "{text}");
        }
        assert_eq!(resolve_all("on the night of 11 June", "2023-06-15"), vec![("2023-06-11".into(), None)]);
        assert_eq!(resolve_all("handed over in November-December 2020", "2023-03"), vec![("2020-11".into(), Some("2020-12".into()))]);
        assert_eq!(resolve_all("переданы в ноябре–декабре 2020 года", "2023-03"), vec![("2020-11".into(), Some("2020-12".into()))]);
        assert_eq!(resolve_all("From 12 December 2022 until late April, activists", "2023-06"), vec![("2022-12-12".into(), Some("2023-04".into()))]);
        assert_eq!(
            resolve_all("230 people injured by mines since the 44-day war ended in November 2020.", "2023-01-18"),
            vec![("2020-11".into(), Some("2023-01-18".into()))]
        );
        for same in ["reported it on the same day", "в тот же день азербайджанские военные"] {
            assert!(find(same).iter().any(|m| matches!(m.expr, Expr::FromPrevious(0))), "{same}");
        }
        assert_eq!(resolve_all("the war of 1991–1994", "2023-03"), vec![("1991".into(), Some("1994".into()))]);
        assert_eq!(resolve_all("From 1993 to 2020 gold was mined", "2023-03"), vec![("1993".into(), Some("2020".into()))]);
        assert_eq!(resolve_all("13.12.2022 to 16.12.2022: gas", "2023-01"), vec![("2022-12-13".into(), Some("2022-12-16".into()))]);
        // An ISO date is no range of years.
        assert_eq!(resolve_all("on 2022-11-16 shots", "2023-01"), vec![("2022-11-16".into(), None)]);
        assert_eq!(
            resolve_all("from November 2020 to the present, 50 people", "2023-03"),
            vec![("2020-11".into(), Some("2023-03".into()))]
        );
        assert_eq!(resolve_all("stationed since November 2020", "2022-12-13"), vec![("2020-11".into(), Some("2022-12-13".into()))]);
        assert_eq!(
            resolve_all("Over the past two years, shelling", "2022-12-13"),
            vec![("2020-12".into(), Some("2022-12-13".into()))]
        );
    }

    #[test]
    fn relative_forms() {
        // 2023-03-08 is a Wednesday.
        assert_eq!(resolve_all("yesterday", "2023-03-08"), vec![("2023-03-07".into(), None)]);
        assert_eq!(resolve_all("two days ago", "2023-03-08"), vec![("2023-03-06".into(), None)]);
        assert_eq!(resolve_all("last Tuesday", "2023-03-08"), vec![("2023-03-07".into(), None)]);
        assert_eq!(resolve_all("last Wednesday", "2023-03-08"), vec![("2023-03-01".into(), None)]);
        // "Since Tuesday": from that day to the publication date.
        assert_eq!(resolve_all("Since Tuesday, civilian cars", "2023-03-08"), vec![("2023-03-07".into(), Some("2023-03-08".into()))]);
        assert_eq!(resolve_all("Last week, supplies", "2020-12-14"), vec![("2020-12-07".into(), Some("2020-12-13".into()))]);
        assert_eq!(resolve_all("in August of this year", "2022-12-13"), vec![("2022-08".into(), None)]);
        assert_eq!(resolve_all("In March this year", "2022-10-20"), vec![("2022-03".into(), None)]);
        assert_eq!(resolve_all("the previous evening", "2021-07-20"), vec![("2021-07-19".into(), None)]);
        assert_eq!(resolve_all("fire resumed in mid-April", "2023-05-04"), vec![("2023-04".into(), None)]);
        assert_eq!(resolve_all("since the start of the month", "2023-05-04"), vec![("2023-05".into(), None)]);
        assert_eq!(resolve_all("between December and 15 June, patients were evacuated", "2023-07-24"), vec![("2022-12".into(), Some("2023-06-15".into()))]);
        assert_eq!(resolve_all("in the early hours of Wednesday", "2022-06-09"), vec![("2022-06-08".into(), None)]);
        assert_eq!(resolve_all("The detained persons, born in 1987, had no weapons", "2022-11-03"), vec![]);
        // A comparison points at a date; a state runs from it.
        assert_eq!(resolve_all("the most serious since March, when troops entered", "2022-07-29"), vec![("2022-03".into(), None)]);
        assert_eq!(resolve_all("stationed there since March, when troops entered", "2022-07-29"), vec![("2022-03".into(), Some("2022-07-29".into()))]);
        assert_eq!(resolve_all("in December last year", "2023-02-01"), vec![("2022-12".into(), None)]);
        // Part of a month named, not the days before the telling.
        assert_eq!(resolve_all("In the last days of May, engineers found mines", "2022-06-15"), vec![("2022-05".into(), None)]);
        // A weekday before a date only confirms it.
        assert_eq!(resolve_all("On the morning of Wednesday, 1 March, a mine", "2023-03-08"), vec![("2023-03-01".into(), None)]);
        // "The night to Wednesday": from Tuesday into the Wednesday told.
        assert_eq!(resolve_all("В ночь на среду по селу стреляли", "2023-03-10"), vec![("2023-03-07".into(), Some("2023-03-08".into()))]);
        assert_eq!(resolve_all("в ночь с субботы на воскресенье", "2023-03-08"), vec![("2023-03-04".into(), Some("2023-03-05".into()))]);
    }

    #[test]
    fn statement_anchor_and_next_day() {
        let r = Resolver { published: Some(d("2023-03-10")) };
        assert_eq!(r.resolve(&Expr::DaysAgo(2), Some(d("2023-03-07")), None).0, Some(d("2023-03-05")));
        assert_eq!(r.resolve(&Expr::NextDay, None, Some(d("2020-12-12"))).0, Some(d("2020-12-13")));
        let two_before = find("just two days before");
        assert_eq!(r.resolve(&two_before[0].expr, None, Some(d("2022-12-12"))).0, Some(d("2022-12-10")));
        let this_year = find("on April 23 this year");
        assert_eq!(Resolver { published: Some(d("2023-08")) }.resolve(&this_year[0].expr, None, None).0, Some(d("2023-04-23")));
    }

    #[test]
    fn no_publication_date_keeps_what_the_text_gives() {
        let r = Resolver { published: None };
        let found = find("on March 24 and yesterday");
        assert_eq!(r.resolve(&found[0].expr, None, None).0.unwrap().to_string(), "--03-24");
        assert_eq!(r.resolve(&found[1].expr, None, None).0, None);
    }

    #[test]
    fn russian_days_running_lists_and_weekdays_beside_a_date() {
        // Two days running are one stretch; two days apart are two days.
        assert_eq!(resolve_all("бои шли 13 и 14 сентября 2022 года", "2023-01-10"), vec![("2022-09-13".into(), Some("2022-09-14".into()))]);
        assert_eq!(resolve_all("обстрелы 8 и 21 сентября", "2021-10-01"), vec![("2021-09-21".into(), None)]);
        // A weekday set beside a full date confirms it; it is no second date.
        assert_eq!(resolve_all("28 сентября 2021 года, во вторник, экскаватор", "2022-07-08"), vec![("2021-09-28".into(), None)]);
        // Without a year, the weekday tells it: 4 October fell on a Sunday in 2020, not in 2021.
        assert_eq!(resolve_all("В воскресенье, 4 октября, снаряд разорвался", "2021-11-08"), vec![("2020-10-04".into(), None)]);
        assert_eq!(resolve_all("On Sunday, 4 October, a shell burst in our yard", "2021-11-08"), vec![("2020-10-04".into(), None)]);
        // The night named by its weekdays and then by its days is one night.
        assert_eq!(
            resolve_all("в ночь с субботы на воскресенье, с 19 на 20 ноября, пули", "2022-11-22"),
            vec![("2022-11-19".into(), Some("2022-11-20".into()))]
        );
    }

    #[test]
    fn russian_days_counted_from_the_date_told_before() {
        let counted = |text: &str| find(text).into_iter().map(|m| m.expr).collect::<Vec<_>>();
        assert_eq!(counted("двумя днями ранее"), vec![Expr::FromPrevious(-2)]);
        assert_eq!(counted("днём позже"), vec![Expr::FromPrevious(1)]);
        assert_eq!(counted("за три дня до этого"), vec![Expr::FromPrevious(-3)]);
        assert_eq!(counted("в ту ночь"), vec![Expr::FromPrevious(0)]);
        assert_eq!(counted("that night"), vec![Expr::FromPrevious(0)]);
        assert_eq!(counted("at about two that first night"), vec![Expr::FromPrevious(0)]);
        assert_eq!(counted("утром следующего дня"), vec![Expr::NextDay]);
    }

    #[test]
    fn not_dates() {
        assert!(find("the march towards the border; they may return; at 22:40; 731 - AB - 61").is_empty());
        // A birth date dates a person, day and all.
        assert!(find("Born 3 February 1970 in the village of Garalar.").is_empty());
        assert!(find("a 44-day war").is_empty());
    }
}
