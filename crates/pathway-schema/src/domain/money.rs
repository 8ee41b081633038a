//! Money and numbers, one way everywhere: amounts counted in whole cents so that every sum is
//! exact, one bound on what a plan may write, one currency rule, and one formatter for money and
//! one for numbers, with thousands separators.
//!
//! ```
//! use pathway_schema::domain::money::{Cents, format_count, format_money, format_number};
//!
//! let stipend = Cents::from_amount(300.0);
//! assert_eq!(format_money(stipend.times(280), "USD"), "$84,000");
//! assert_eq!(format_money(Cents::from_amount(1250.5), "EUR"), "EUR 1,250.50");
//! assert_eq!(format_count(23_800), "23,800");
//! assert_eq!(format_number(1234.5), "1,234.5");
//! ```

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub};

// The bound and the number formats live below the plan's types, which check amounts with them;
// they are re-exported here so that money and numbers have one module to look in.
use crate::numbers::group_digits;
pub use crate::numbers::{MAX_AMOUNT, check_amount, format_count, format_number};
use crate::values::{Money, MoneyUnit};

/// The currency a plan counts in when it names none.
pub const DEFAULT_CURRENCY: &str = "USD";

/// A sum of money in cents. Balances may be negative.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cents(i128);

impl Cents {
    /// Nothing.
    pub const ZERO: Cents = Cents(0);

    /// An amount as a plan writes it, in the currency's main unit, rounded to the cent.
    /// Amounts the loader accepts are finite and at most [`MAX_AMOUNT`]; anything else counts as
    /// nothing rather than as a saturated figure.
    pub fn from_amount(value: f64) -> Cents {
        if !value.is_finite() || value.abs() > MAX_AMOUNT {
            return Cents::ZERO;
        }
        // |value| ≤ 10^12, so |value × 100| ≤ 10^14 < 2^53: the rounding is exact and the
        // conversion cannot overflow.
        #[allow(clippy::cast_possible_truncation)]
        Cents((value * 100.0).round() as i128)
    }

    /// Whole cents.
    pub fn from_cents(cents: i128) -> Cents {
        Cents(cents)
    }

    /// The amount in cents.
    pub fn cents(self) -> i128 {
        self.0
    }

    /// This amount paid `count` times. Bounded amounts times any `u32` count stay far inside
    /// `i128`; the multiplication saturates rather than panics all the same.
    pub fn times(self, count: u32) -> Cents {
        Cents(self.0.saturating_mul(i128::from(count)))
    }

    /// Whether the amount is above zero.
    pub fn is_positive(self) -> bool {
        self.0 > 0
    }

    /// The larger of this and zero.
    pub fn at_least_zero(self) -> Cents {
        Cents(self.0.max(0))
    }
}

impl Add for Cents {
    type Output = Cents;
    fn add(self, other: Cents) -> Cents {
        Cents(self.0.saturating_add(other.0))
    }
}

impl AddAssign for Cents {
    fn add_assign(&mut self, other: Cents) {
        *self = *self + other;
    }
}

impl Sub for Cents {
    type Output = Cents;
    fn sub(self, other: Cents) -> Cents {
        Cents(self.0.saturating_sub(other.0))
    }
}

impl Sum for Cents {
    fn sum<I: Iterator<Item = Cents>>(iter: I) -> Cents {
        iter.fold(Cents::ZERO, Add::add)
    }
}

/// Money as a budget office writes it: thousands separators, cents only when there are any, and
/// the currency: `$84,000` for US dollars, `EUR 1,250.50` for any other currency. Negative sums
/// carry a minus sign: `-$1,200`, `CAD -1,200`.
///
/// ```
/// use pathway_schema::domain::money::{Cents, format_money};
/// assert_eq!(format_money(Cents::from_amount(84_000.0), "USD"), "$84,000");
/// assert_eq!(format_money(Cents::from_amount(-1200.0), "USD"), "-$1,200");
/// assert_eq!(format_money(Cents::from_amount(300.0), "CAD"), "CAD 300");
/// ```
pub fn format_money(amount: Cents, currency: &str) -> String {
    let cents = amount.0.unsigned_abs();
    let whole = group_digits(&(cents / 100).to_string());
    let number = match cents % 100 {
        0 => whole,
        fraction => format!("{whole}.{fraction:02}"),
    };
    let sign = if amount.0 < 0 { "-" } else { "" };
    if currency == DEFAULT_CURRENCY {
        format!("{sign}${number}")
    } else {
        format!("{currency} {sign}{number}")
    }
}

/// An amount with what it is counted per, in words: `$300 per credential`, `$1,500 a year`,
/// `$5,000 once`, `$400 per participant`.
pub fn describe_amount(money: &Money) -> String {
    let amount = format_money(Cents::from_amount(money.value), money.currency());
    let per = match money.unit {
        MoneyUnit::OneTime => "once",
        MoneyUnit::PerYear => "a year",
        MoneyUnit::PerCredential => "per credential",
        MoneyUnit::PerParticipant => "per participant",
    };
    format!("{amount} {per}")
}

impl fmt::Display for Cents {
    /// In US dollars; use [`format_money`] for another currency.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_money(*self, DEFAULT_CURRENCY))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_reads_like_a_budget_line() {
        let money = |value: f64, currency| format_money(Cents::from_amount(value), currency);
        assert_eq!(money(0.0, "USD"), "$0");
        assert_eq!(money(999.0, "USD"), "$999");
        assert_eq!(money(1000.0, "USD"), "$1,000");
        assert_eq!(money(1_970_000.0, "USD"), "$1,970,000");
        assert_eq!(money(1_234_567.891, "USD"), "$1,234,567.89");
        assert_eq!(money(1234.5, "EUR"), "EUR 1,234.50");
        assert_eq!(money(0.004, "USD"), "$0");
        assert_eq!(money(19.999, "USD"), "$20");
        assert_eq!(money(-24_000.0, "CAD"), "CAD -24,000");
    }

    // Regression (#11): an amount of 1e30 printed as $184,467,440,737,095,516.15, a saturated
    // count of cents, and a cost of 1e308 × 2 as `$inf`.
    #[test]
    fn the_largest_figures_are_exact_and_never_saturate() {
        let largest = Cents::from_amount(MAX_AMOUNT);
        assert_eq!(format_money(largest, "USD"), "$1,000,000,000,000");
        // The most a plan can project: the largest amount to the most recipients a count holds.
        let most = largest.times(u32::MAX);
        assert_eq!(format_money(most, "USD"), "$4,294,967,295,000,000,000,000");
        assert_eq!(
            format_money(most + most, "USD"),
            "$8,589,934,590,000,000,000,000"
        );
        assert_eq!(Cents::from_amount(f64::INFINITY), Cents::ZERO);
        assert_eq!(Cents::from_amount(1e30), Cents::ZERO);
        assert_eq!(format_number(f64::INFINITY), "more than 1,000,000,000,000");
        assert_eq!(format_number(1e308), "more than 1,000,000,000,000");
    }

    #[test]
    fn amounts_are_checked_against_the_bound() {
        assert_eq!(check_amount(0.0), Ok(0.0));
        assert_eq!(check_amount(MAX_AMOUNT), Ok(MAX_AMOUNT));
        for bad in [-1.0, MAX_AMOUNT * 1.5, 1e30, f64::INFINITY, f64::NAN] {
            assert!(check_amount(bad).is_err(), "{bad}");
        }
        assert!(
            check_amount(1e30)
                .unwrap_err()
                .contains("at most 1,000,000,000,000")
        );
    }

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(format_number(14.0), "14");
        assert_eq!(format_number(12.5), "12.5");
        assert_eq!(format_number(10.333), "10.3");
        assert_eq!(format_number(23_800.0), "23,800");
        assert_eq!(format_number(-0.01), "0");
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(1_000_000), "1,000,000");
    }

    #[test]
    fn amounts_are_described_with_their_unit() {
        let stipend = Money {
            value: 300.0,
            unit: MoneyUnit::PerCredential,
            currency: None,
        };
        assert_eq!(describe_amount(&stipend), "$300 per credential");
    }
}
