//! Timestamps as RFC 3339 strings in UTC (`2026-11-27T07:02:40Z`), written without a
//! date library: the project files only need "now", readable and sortable.

use std::time::{SystemTime, UNIX_EPOCH};

/// The current time in UTC, to the second.
pub fn now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    format_unix(secs)
}

/// Formats seconds since the Unix epoch as RFC 3339 UTC.
pub fn format_unix(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// A moment to the second, kept as seconds since the Unix epoch (8 bytes, where a
/// string would take 50) and written as RFC 3339 UTC text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp(pub u64);

impl Stamp {
    /// Now.
    pub fn now() -> Stamp {
        Stamp(
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0),
        )
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ`; a date that does not exist is refused.
    ///
    /// ```
    /// use kondens_core::model::time::Stamp;
    /// let t = Stamp::parse("2026-11-27T07:02:40Z").unwrap();
    /// assert_eq!(t.to_string(), "2026-11-27T07:02:40Z");
    /// assert_eq!(Stamp::parse("2026-02-30T00:00:00Z"), None);
    /// ```
    pub fn parse(s: &str) -> Option<Stamp> {
        let b = s.as_bytes();
        if b.len() != 20
            || b[4] != b'-'
            || b[7] != b'-'
            || b[10] != b'T'
            || b[13] != b':'
            || b[16] != b':'
            || b[19] != b'Z'
        {
            return None;
        }
        // Digits only (a sign or a space would pass `parse`): every unit has two of these,
        // so this is plain arithmetic, not formatting back.
        let num = |r: std::ops::Range<usize>| {
            b[r].iter().try_fold(0u64, |n, c| {
                c.is_ascii_digit().then(|| n * 10 + u64::from(c - b'0'))
            })
        };
        let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
        if !(1..=12).contains(&mo) || h > 23 || mi > 59 || se > 59 {
            return None;
        }
        // Dates that do not exist (31 February) are refused.
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
        let month_days = match mo {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if !(1..=month_days).contains(&d) {
            return None;
        }
        let days = days_from_civil(y as i64, mo as u32, d as u32);
        let secs = u64::try_from(days).ok()? * 86_400 + h * 3600 + mi * 60 + se;
        Some(Stamp(secs))
    }
}

impl std::fmt::Display for Stamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&format_unix(self.0))
    }
}

impl serde::Serialize for Stamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_unix(self.0))
    }
}

impl<'de> serde::Deserialize<'de> for Stamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Stamp, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Stamp::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("{s:?} is not a time like \"2026-11-27T07:02:40Z\""))
        })
    }
}

/// Howard Hinnant's civil-to-days algorithm, the inverse of `civil_from_days`.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Formats milliseconds as `hh:mm:ss` for display next to a speaker turn.
pub fn clock(ms: u64) -> String {
    let s = ms / 1000;
    format!("{:02}:{:02}:{:02}", s / 3600, (s % 3600) / 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Parsing is the inverse of formatting, and refuses what formatting never writes.
        #[test]
        fn a_stamp_reads_back_as_written(secs in 0u64..8_000_000_000, text in "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z") {
            proptest::prop_assert_eq!(Stamp::parse(&format_unix(secs)), Some(Stamp(secs)));
            if let Some(Stamp(s)) = Stamp::parse(&text) {
                proptest::prop_assert_eq!(format_unix(s), text);
            }
        }
    }

    #[test]
    fn known_dates() {
        assert_eq!(format_unix(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_unix(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(format_unix(1_795_763_560), "2026-11-27T07:12:40Z");
    }

    #[test]
    fn stamps_round_trip_and_refuse_nonsense() {
        for secs in [0, 951_782_400, 1_795_763_560, 4_102_444_799] {
            let text = format_unix(secs);
            assert_eq!(Stamp::parse(&text), Some(Stamp(secs)), "{text}");
        }
        for bad in [
            "",
            "2026-02-30T00:00:00Z",
            "2026-11-27 07:02:40Z",
            "2026-11-27T07:02:40",
            "yesterday",
        ] {
            assert_eq!(Stamp::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn clock_formats_hours() {
        assert_eq!(clock(0), "00:00:00");
        assert_eq!(clock(3_723_999), "01:02:03");
    }
}
