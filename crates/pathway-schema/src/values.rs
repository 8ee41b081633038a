//! Small value types shared by the whole plan: ids, dates, years, money and registry identifiers.
//!
//! Each one checks its own shape while loading, so a plan that loads is well-formed down to its
//! leaves, and each one describes itself in the JSON Schema the same way it checks itself.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// The version of the plan format this crate reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// The `schema_version` of a plan: always `1` for this format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SchemaVersion;

impl Serialize for SchemaVersion {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(SCHEMA_VERSION)
    }
}

impl<'de> Deserialize<'de> for SchemaVersion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let version = u64::deserialize(deserializer)?;
        if version == u64::from(SCHEMA_VERSION) {
            Ok(SchemaVersion)
        } else {
            Err(de::Error::custom(format_args!(
                "schema_version {version} is not supported: this version of Pathway Kit reads schema_version {SCHEMA_VERSION}"
            )))
        }
    }
}

impl JsonSchema for SchemaVersion {
    fn schema_name() -> Cow<'static, str> {
        "SchemaVersion".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "title": "Schema version",
            "description": "The version of the plan format. Always 1 for plans written against this schema.",
            "type": "integer",
            "const": SCHEMA_VERSION,
            "examples": [SCHEMA_VERSION],
        })
    }
}

/// A kebab-case identifier such as `early-literacy`: lowercase letters and digits in words
/// joined by single hyphens. Other parts of the plan refer to a thing by its id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Id(String);

/// The regular expression an [`Id`] matches, as published in the JSON Schema.
pub const ID_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// The longest id accepted, in characters.
pub const ID_MAX_LENGTH: usize = 64;

impl Id {
    /// Checks `text` and wraps it as an id.
    ///
    /// ```
    /// use pathway_schema::Id;
    /// assert!(Id::new("early-literacy").is_ok());
    /// assert!(Id::new("Early Literacy").is_err());
    /// ```
    pub fn new(text: &str) -> Result<Self, String> {
        Id::check(text)?;
        Ok(Id(text.to_owned()))
    }

    fn check(text: &str) -> Result<(), String> {
        if is_kebab_case(text) && text.len() <= ID_MAX_LENGTH {
            Ok(())
        } else {
            Err(format!(
                "`{text}` is not a valid id: use lowercase letters and digits joined by single hyphens, at most {ID_MAX_LENGTH} characters (for example `{}`)",
                suggest_kebab_case(text)
            ))
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Read as an owned string and kept as it is: plans hold many ids.
        let text = String::deserialize(deserializer)?;
        Id::check(&text).map_err(de::Error::custom)?;
        Ok(Id(text))
    }
}

impl JsonSchema for Id {
    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "title": "Id",
            "description": "A kebab-case identifier: lowercase letters and digits in words joined by single hyphens. Other parts of the plan refer to a thing by its id.",
            "type": "string",
            "pattern": ID_PATTERN,
            "minLength": 1,
            "maxLength": ID_MAX_LENGTH,
            "examples": ["early-literacy", "hybrid-literacy-coach"],
        })
    }
}

fn is_kebab_case(text: &str) -> bool {
    // One pass over the bytes (every id of a plan is checked, and splitting at hyphens was most
    // of that): a word must start at the beginning and after each hyphen, and end the text.
    let mut word_due = true;
    for byte in text.bytes() {
        match byte {
            b'a'..=b'z' | b'0'..=b'9' => word_due = false,
            b'-' if !word_due => word_due = true,
            _ => return false,
        }
    }
    !word_due
}

/// Turns free text into the kebab-case id a person most likely meant: `Early Literacy` →
/// `early-literacy`.
pub fn suggest_kebab_case(text: &str) -> String {
    let mut id = String::new();
    for word in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(&word.to_ascii_lowercase());
    }
    if id.is_empty() {
        "my-id".to_owned()
    } else {
        id
    }
}

/// A calendar date written the ISO 8601 way, `YYYY-MM-DD` (for example `2027-08-15`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD` and checks that the day exists.
    ///
    /// ```
    /// use pathway_schema::Date;
    /// assert_eq!(Date::parse("2028-02-29").unwrap().to_string(), "2028-02-29");
    /// assert!(Date::parse("2027-02-29").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Self, String> {
        let invalid =
            || format!("`{text}` is not a date: write it as YYYY-MM-DD, for example 2027-08-15");
        let bytes = text.as_bytes();
        let well_formed = bytes.len() == 10
            && bytes.iter().enumerate().all(|(i, b)| match i {
                4 | 7 => *b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !well_formed {
            return Err(invalid());
        }
        let number = |range: std::ops::Range<usize>| {
            text.get(range)
                .and_then(|digits| digits.parse::<u16>().ok())
                .ok_or_else(invalid)
        };
        let year = number(0..4)?;
        let month = u8::try_from(number(5..7)?).map_err(|_| invalid())?;
        let day = u8::try_from(number(8..10)?).map_err(|_| invalid())?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(format!("`{text}` is not a date: that day does not exist"));
        }
        Ok(Date { year, month, day })
    }

    /// The year.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub fn day(&self) -> u8 {
        self.day
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Cow::<str>::deserialize(deserializer)?;
        Date::parse(&text).map_err(de::Error::custom)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "title": "Date",
            "description": "A calendar date in ISO 8601 form, YYYY-MM-DD.",
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "examples": ["2027-08-15"],
        })
    }
}

/// A plan year, named by the calendar year in which it ends: `2027` is the 2026–27 school or
/// fiscal year.
pub type Year = u16;

/// The first year a plan may name.
pub const YEAR_MIN: Year = 2000;
/// The last year a plan may name.
pub const YEAR_MAX: Year = 2100;

/// What a sum of money is counted per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MoneyUnit {
    /// Paid once.
    OneTime,
    /// Paid every year.
    PerYear,
    /// Paid for each micro-credential earned.
    PerCredential,
    /// Paid for each participating educator.
    PerParticipant,
}

impl MoneyUnit {
    /// The unit as written in a plan, such as `per-credential`.
    pub fn as_str(self) -> &'static str {
        match self {
            MoneyUnit::OneTime => "one-time",
            MoneyUnit::PerYear => "per-year",
            MoneyUnit::PerCredential => "per-credential",
            MoneyUnit::PerParticipant => "per-participant",
        }
    }
}

/// A sum of money and what it is counted per, such as `{value: 300, unit: per-credential}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(example = money_example())]
pub struct Money {
    /// The amount, in the currency's main unit (dollars, not cents), from 0 to one trillion.
    #[serde(deserialize_with = "deserialize_amount")]
    #[schemars(
        range(min = 0, max = crate::numbers::MAX_AMOUNT),
        example = 300,
        example = 60000
    )]
    pub value: f64,
    /// What the amount is counted per: `one-time`, `per-year`, `per-credential` or
    /// `per-participant`.
    pub unit: MoneyUnit,
    /// The ISO 4217 currency code. US dollars when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = "^[A-Z]{3}$"), example = &"USD")]
    pub currency: Option<String>,
}

/// Reads an amount of money, refusing what no budget holds: a negative, infinite or
/// not-a-number value, or one above [`MAX_AMOUNT`](crate::domain::money::MAX_AMOUNT).
// Regression (#11): 1e30 validated, then printed as a saturated count of cents.
pub(crate) fn deserialize_amount<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<f64, D::Error> {
    let value = f64::deserialize(deserializer)?;
    crate::numbers::check_amount(value).map_err(de::Error::custom)
}

fn money_example() -> serde_json::Value {
    serde_json::json!({"value": 300, "unit": "per-credential"})
}

impl Money {
    /// The currency code, `USD` when the plan does not name one.
    pub fn currency(&self) -> &str {
        self.currency.as_deref().unwrap_or("USD")
    }
}

/// A Credential Transparency Description Language identifier (CTID) from the Credential Registry,
/// such as `ce-1f7a1c2e-3b4d-4c5e-8f90-a1b2c3d4e5f6`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Ctid(String);

/// The regular expression a [`Ctid`] matches.
pub const CTID_PATTERN: &str = "^ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

impl Ctid {
    /// Checks `text` and wraps it as a CTID.
    pub fn new(text: &str) -> Result<Self, String> {
        // `ce-` and a UUID: groups of 8, 4, 4, 4 and 12 lowercase hex digits joined by
        // hyphens, checked in one pass (a plan may hold thousands).
        let uuid = text.strip_prefix("ce-").unwrap_or_default();
        let valid = uuid.len() == 36
            && uuid.bytes().enumerate().all(|(at, b)| match at {
                8 | 13 | 18 | 23 => b == b'-',
                _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
            });
        if valid {
            Ok(Ctid(text.to_owned()))
        } else {
            Err(format!(
                "`{text}` is not a CTID: a CTID is `ce-` followed by a lowercase UUID, for example ce-1f7a1c2e-3b4d-4c5e-8f90-a1b2c3d4e5f6"
            ))
        }
    }

    /// The CTID as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Ctid {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Cow::<str>::deserialize(deserializer)?;
        Ctid::new(&text).map_err(de::Error::custom)
    }
}

impl JsonSchema for Ctid {
    fn schema_name() -> Cow<'static, str> {
        "Ctid".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "title": "CTID",
            "description": "A Credential Transparency Description Language identifier (CTID) of the credential's entry in the Credential Registry: `ce-` followed by a lowercase UUID.",
            "type": "string",
            "pattern": CTID_PATTERN,
            "examples": ["ce-1f7a1c2e-3b4d-4c5e-8f90-a1b2c3d4e5f6"],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression guard for the one-pass CTID check: it agrees with a split into groups of 8,
    /// 4, 4, 4 and 12 hex digits on a valid CTID and on every change of one character of it
    /// (to a hyphen, an upper-case or non-hex letter, a digit, a non-ASCII letter), one
    /// character fewer or more, and without its prefix.
    #[test]
    fn the_ctid_check_agrees_with_groups_of_hex_digits() {
        let by_groups = |text: &str| {
            let groups: Vec<&str> = text.strip_prefix("ce-").unwrap_or("").split('-').collect();
            groups.len() == 5
                && groups.iter().zip([8, 4, 4, 4, 12]).all(|(group, len)| {
                    group.len() == len
                        && group
                            .bytes()
                            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
                })
        };
        let valid = "ce-1f7a1c2e-3b4d-4c5e-8f90-a1b2c3d4e5f6";
        let mut texts = vec![
            valid.to_owned(),
            valid.replace("ce-", ""),
            format!("{valid}0"),
        ];
        for (at, _) in valid.char_indices() {
            let (before, after) = (
                valid.get(..at).unwrap_or_default(),
                valid.get(at + 1..).unwrap_or_default(),
            );
            texts.push(format!("{before}{after}"));
            for c in ['-', 'A', 'g', '7', 'é'] {
                texts.push(format!("{before}{c}{after}"));
            }
        }
        let mut accepted = 0;
        for text in &texts {
            assert_eq!(Ctid::new(text).is_ok(), by_groups(text), "{text}");
            accepted += usize::from(by_groups(text));
        }
        assert!(accepted > 30 && accepted < texts.len() / 2, "{accepted}");
    }

    /// Regression guard for the one-pass id check: it says what "words of lowercase letters
    /// and digits joined by single hyphens" says, here written as a split at hyphens, on every
    /// string of up to four characters over `a`, `Z`, `1`, `-`, `_`, `é` and on longer ones.
    #[test]
    fn the_id_check_agrees_with_words_joined_by_hyphens() {
        let words_joined = |text: &str| {
            !text.is_empty()
                && text.split('-').all(|word| {
                    !word.is_empty()
                        && word
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                })
        };
        let alphabet = ["a", "Z", "1", "-", "_", "é"];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|text| alphabet.iter().map(move |c| format!("{text}{c}")))
                .collect();
            texts.extend(longer);
        }
        texts.extend(
            [
                "early-literacy-2027",
                "a-b-c-d-e",
                "a--b",
                "-a",
                "a-",
                "Early-Literacy",
                "a b",
            ]
            .map(String::from),
        );
        let mut kebab = 0;
        for text in &texts {
            assert_eq!(is_kebab_case(text), words_joined(text), "{text:?}");
            kebab += usize::from(words_joined(text));
        }
        assert!(kebab > 10 && kebab < texts.len() / 2);
    }

    #[test]
    fn ids_are_kebab_case() {
        for good in ["a", "early-literacy", "grade-3-reading", "x1"] {
            assert!(Id::new(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "Early",
            "early_literacy",
            "early--literacy",
            "-early",
            "early-",
            "é",
        ] {
            assert!(Id::new(bad).is_err(), "{bad}");
        }
        assert!(Id::new(&"a".repeat(ID_MAX_LENGTH + 1)).is_err());
    }

    #[test]
    fn bad_ids_come_with_a_suggestion() {
        let message = Id::new("Early Literacy!").unwrap_err();
        assert!(message.contains("`early-literacy`"), "{message}");
    }

    #[test]
    fn dates_must_exist() {
        assert!(Date::parse("2027-08-15").is_ok());
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2100-02-29").is_err());
        assert!(Date::parse("2027-13-01").is_err());
        assert!(Date::parse("2027-1-01").is_err());
        assert!(Date::parse("27-01-2027").is_err());
        assert!(Date::parse("2027-01-01T00:00").is_err());
    }

    #[test]
    fn dates_order_chronologically() {
        let earlier = Date::parse("2027-08-15").unwrap();
        let later = Date::parse("2028-01-02").unwrap();
        assert!(earlier < later);
    }

    // Regression (#11): amounts of 1e30 or 1e308 loaded, then printed as
    // `$184,467,440,737,095,516.15` in the board's document and `$inf` in PW210.
    #[test]
    fn amounts_beyond_any_budget_do_not_load() {
        let plan = |value: &str| {
            format!(
                "schema_version: 1\nid: demo\nreadiness: exploring\norganization: {{name: Demo, kind: district}}\nincentives:\n  offers:\n    - {{id: stipend, type: compensation, amount: {{value: {value}, unit: per-year}}}}\n"
            )
        };
        for bad in ["1e30", "1e308", "-5", "1000000000000.5"] {
            let error = crate::load::load_str("plan.yaml", &plan(bad)).unwrap_err();
            assert_eq!(
                error.pointer.as_deref(),
                Some("/incentives/offers/0/amount/value"),
                "{bad}"
            );
            assert!(error.message.contains("amount"), "{bad}: {}", error.message);
        }
        assert!(crate::load::load_str("plan.yaml", &plan("1000000000000")).is_ok());
    }

    #[test]
    fn ctids_are_checked() {
        assert!(Ctid::new("ce-1f7a1c2e-3b4d-4c5e-8f90-a1b2c3d4e5f6").is_ok());
        assert!(Ctid::new("ce-1F7A1C2E-3b4d-4c5e-8f90-a1b2c3d4e5f6").is_err());
        assert!(Ctid::new("1f7a1c2e-3b4d-4c5e-8f90-a1b2c3d4e5f6").is_err());
        assert!(Ctid::new("ce-1f7a1c2e").is_err());
    }
}
