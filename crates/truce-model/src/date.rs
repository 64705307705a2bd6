use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date at the precision a text gives: a day, a month, a year, or a
/// day and month whose year cannot be known.
///
/// Written as the contract writes it: `2023-03-24`, `2023-03`, `2023`, `--03-24`.
/// Ordering compares year, then month, then day, unknown parts first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartialDateError(pub String);

impl fmt::Display for PartialDateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a date in YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD form: {:?}", self.0)
    }
}

impl std::error::Error for PartialDateError {}

impl PartialDate {
    /// A full date; `None` when the day does not exist in that month.
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        (day >= 1 && day <= days_in_month(Some(year), month)?).then_some(Self {
            year: Some(year),
            month: Some(month),
            day: Some(day),
        })
    }

    pub fn ym(year: i32, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self { year: Some(year), month: Some(month), day: None })
    }

    pub fn y(year: i32) -> Self {
        Self { year: Some(year), month: None, day: None }
    }

    /// A day and month with no known year (`--MM-DD`).
    pub fn md(month: u8, day: u8) -> Option<Self> {
        (day >= 1 && day <= days_in_month(None, month)?).then_some(Self { year: None, month: Some(month), day: Some(day) })
    }

    pub fn year(&self) -> Option<i32> {
        self.year
    }
    pub fn month(&self) -> Option<u8> {
        self.month
    }
    pub fn day(&self) -> Option<u8> {
        self.day
    }

    pub fn is_full(&self) -> bool {
        self.year.is_some() && self.month.is_some() && self.day.is_some()
    }

    /// Days since 1970-01-01 for a full date (proleptic Gregorian).
    pub fn days_from_epoch(&self) -> Option<i64> {
        let (y, m, d) = (self.year? as i64, self.month? as i64, self.day? as i64);
        // Howard Hinnant's days_from_civil.
        let y = if m <= 2 { y - 1 } else { y };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(era * 146_097 + doe - 719_468)
    }

    /// The full date `days` days since 1970-01-01.
    pub fn from_days_from_epoch(days: i64) -> Self {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        Self { year: Some(y as i32), month: Some(m as u8), day: Some(d as u8) }
    }

    /// This full date moved by `days`; `None` unless the date is full.
    pub fn add_days(&self, days: i64) -> Option<Self> {
        Some(Self::from_days_from_epoch(self.days_from_epoch()? + days))
    }

    /// Day of week for a full date, 0 = Monday … 6 = Sunday.
    pub fn weekday(&self) -> Option<u8> {
        // 1970-01-01 was a Thursday (3).
        Some(((self.days_from_epoch()? + 3).rem_euclid(7)) as u8)
    }

    /// The first day of the period this date names (`2023-03` → `2023-03-01`).
    pub fn first_day(&self) -> Option<Self> {
        Self::ymd(self.year?, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day of the period this date names (`2023-02` → `2023-02-28`).
    pub fn last_day(&self) -> Option<Self> {
        let y = self.year?;
        let m = self.month.unwrap_or(12);
        let d = match self.day {
            Some(d) => d,
            None => days_in_month(Some(y), m)?,
        };
        Self::ymd(y, m, d)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in a month; with no year, February has 29 (the day may exist).
fn days_in_month(year: Option<i32>, month: u8) -> Option<u8> {
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !is_leap(y) => 28,
            _ => 29,
        },
        _ => return None,
    })
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => write!(f, "{y:04}-{m:02}-{d:02}"),
            (Some(y), Some(m), None) => write!(f, "{y:04}-{m:02}"),
            (Some(y), None, _) => write!(f, "{y:04}"),
            (None, Some(m), Some(d)) => write!(f, "--{m:02}-{d:02}"),
            // Constructors never build these; print something harmless.
            (None, Some(m), None) => write!(f, "--{m:02}"),
            (None, None, _) => write!(f, ""),
        }
    }
}

impl FromStr for PartialDate {
    type Err = PartialDateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || PartialDateError(s.to_string());
        let t = s.trim();
        // Accept a full timestamp by keeping its date part.
        let t = t.split(['T', ' ']).next().unwrap_or(t);
        let num = |x: &str| -> Result<u32, PartialDateError> {
            if x.is_empty() || !x.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err());
            }
            x.parse().map_err(|_| err())
        };
        if let Some(rest) = t.strip_prefix("--") {
            let (m, d) = rest.split_once('-').ok_or_else(err)?;
            return Self::md(num(m)? as u8, num(d)? as u8).ok_or_else(err);
        }
        let parts: Vec<&str> = t.split('-').collect();
        if parts[0].len() != 4 {
            return Err(err());
        }
        let y = num(parts[0])? as i32;
        match parts.len() {
            1 => Ok(Self::y(y)),
            2 => Self::ym(y, num(parts[1])? as u8).ok_or_else(err),
            3 => Self::ymd(y, num(parts[1])? as u8, num(parts[2])? as u8).ok_or_else(err),
            _ => Err(err()),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_precision() {
        for s in ["2023-03-24", "2023-03", "2023", "--03-24", "2024-02-29"] {
            assert_eq!(s.parse::<PartialDate>().unwrap().to_string(), s);
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        for s in ["2023-02-29", "2023-13", "23-01-01", "2023-1x", "", "--13-01"] {
            assert!(s.parse::<PartialDate>().is_err(), "{s} should not parse");
        }
    }

    #[test]
    fn day_arithmetic_crosses_months_and_years() {
        let d: PartialDate = "2023-03-01".parse().unwrap();
        assert_eq!(d.add_days(-1).unwrap().to_string(), "2023-02-28");
        let d: PartialDate = "2022-12-31".parse().unwrap();
        assert_eq!(d.add_days(1).unwrap().to_string(), "2023-01-01");
        assert_eq!(PartialDate::from_days_from_epoch(0).to_string(), "1970-01-01");
        // 2023-03-24 was a Friday.
        assert_eq!("2023-03-24".parse::<PartialDate>().unwrap().weekday(), Some(4));
    }

    #[test]
    fn period_bounds() {
        let d: PartialDate = "2024-02".parse().unwrap();
        assert_eq!(d.first_day().unwrap().to_string(), "2024-02-01");
        assert_eq!(d.last_day().unwrap().to_string(), "2024-02-29");
        assert_eq!(PartialDate::y(2022).last_day().unwrap().to_string(), "2022-12-31");
    }
}
