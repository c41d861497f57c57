//! Series periods: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-Qn` and ISO weeks `YYYY-Wnn`.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

/// How long a period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Year,
    Quarter,
    Month,
    Week,
    Day,
}

impl Granularity {
    /// The plural word, for messages.
    pub fn plural(self) -> &'static str {
        match self {
            Granularity::Year => "years",
            Granularity::Quarter => "quarters",
            Granularity::Month => "months",
            Granularity::Week => "weeks",
            Granularity::Day => "days",
        }
    }
}

/// A period of time as written, with the day it starts for ordering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    pub label: String,
    pub granularity: Granularity,
    #[serde(skip)]
    pub start: NaiveDate,
}

impl Period {
    /// Parses one of the five period forms; `None` for anything else or an impossible date.
    pub fn parse(text: &str) -> Option<Period> {
        let t = text.trim();
        let year: i32 = t.get(..4)?.parse().ok()?;
        if !t.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
            return None;
        }
        let rest = &t[4..];
        let (granularity, start) = if rest.is_empty() {
            (Granularity::Year, NaiveDate::from_ymd_opt(year, 1, 1)?)
        } else if let Some(q) = rest.strip_prefix("-Q") {
            let q: u32 = digits(q, 1)?;
            if !(1..=4).contains(&q) {
                return None;
            }
            (Granularity::Quarter, NaiveDate::from_ymd_opt(year, (q - 1) * 3 + 1, 1)?)
        } else if let Some(w) = rest.strip_prefix("-W") {
            let w: u32 = digits(w, 2)?;
            (Granularity::Week, NaiveDate::from_isoywd_opt(year, w, Weekday::Mon)?)
        } else if rest.len() == 3 {
            let m: u32 = digits(rest.strip_prefix('-')?, 2)?;
            (Granularity::Month, NaiveDate::from_ymd_opt(year, m, 1)?)
        } else {
            let date = parse_date(t)?;
            (Granularity::Day, date)
        };
        debug_assert!(start.year() == year || granularity == Granularity::Week);
        Some(Period { label: t.to_string(), granularity, start })
    }
}

/// `text` as a number of exactly `len` ASCII digits.
fn digits(text: &str, len: usize) -> Option<u32> {
    (text.len() == len && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok()).flatten()
}

/// Parses `YYYY-MM-DD` strictly (four-digit year, two-digit month and day).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if !(b.len() == 10 && b[4] == b'-' && b[7] == b'-') {
        return None;
    }
    // Read digit by digit: chrono's format parser costs more than the rest of a CSV row.
    let year = digits(&text[..4], 4)?;
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, digits(&text[5..7], 2)?, digits(&text[8..], 2)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_strictly() {
        assert_eq!(parse_date("2026-02-28"), NaiveDate::from_ymd_opt(2026, 2, 28));
        assert_eq!(parse_date("0001-01-01"), NaiveDate::from_ymd_opt(1, 1, 1));
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "2026-00-10",
            "+202-01-01",
            "2026-1-015",
            "2026/01/01",
            "26-01-01",
            "2026-01-0١",
            "2026-01-01 ",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    fn start(text: &str) -> NaiveDate {
        Period::parse(text).unwrap().start
    }

    #[test]
    fn every_form_parses_to_its_first_day() {
        assert_eq!(start("2026"), NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert_eq!(start("2026-Q3"), NaiveDate::from_ymd_opt(2026, 7, 1).unwrap());
        assert_eq!(start("2026-09"), NaiveDate::from_ymd_opt(2026, 9, 1).unwrap());
        assert_eq!(start("2026-09-30"), NaiveDate::from_ymd_opt(2026, 9, 30).unwrap());
        // ISO week 1 of 2026 starts on Monday 29 December 2025.
        assert_eq!(start("2026-W01"), NaiveDate::from_ymd_opt(2025, 12, 29).unwrap());
        assert_eq!(Period::parse("2025-W53"), None, "2025 has 52 ISO weeks");
        assert!(Period::parse("2026-W53").is_some(), "2026 starts on a Thursday, so it has 53");
    }

    #[test]
    fn rejects_impossible_periods() {
        for bad in ["2026-Q5", "2026-Q0", "2026-13", "2026-02-30", "26", "2026-9", "2026-W1", "Q3 2026", "abcd", ""] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
    }
}
