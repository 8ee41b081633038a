//! Numbers as plans write them and as people read them: the bound on an amount, checked when a
//! plan is read, and numbers with thousands separators. Below the plan's types (which check
//! amounts with it) and the domain layer (which re-exports it from
//! [`domain::money`](crate::domain::money)).

/// The largest amount a plan may write in one place: one trillion in the currency's main unit.
/// Larger numbers are typos (or attacks), and below it every amount is exact in cents, and every
/// product and sum the budget makes stays exact too, so no figure is ever saturated or infinite.
pub const MAX_AMOUNT: f64 = 1_000_000_000_000.0;

/// Checks an amount as a plan writes it: a finite number from 0 to [`MAX_AMOUNT`].
pub fn check_amount(value: f64) -> Result<f64, String> {
    if value.is_finite() && (0.0..=MAX_AMOUNT).contains(&value) {
        Ok(value)
    } else if value.is_finite() && value < 0.0 {
        Err(format!(
            "{} is not an amount: amounts are 0 or more; a cost or a gap is worked out by the budget",
            format_number(value)
        ))
    } else {
        Err(format!(
            "{} is more than any plan's budget: amounts are at most {} (in the currency's main unit, dollars rather than cents)",
            format_number(value),
            format_count(MAX_AMOUNT as u64)
        ))
    }
}

/// A whole number with thousands separators: `23,800`.
pub fn format_count(number: u64) -> String {
    group_digits(&number.to_string())
}

/// A number as people write it: thousands separators, at most one decimal, none when it is
/// whole: `12`, `12.5`, `1,234.5`. Figures beyond what a plan can hold (not finite, or above
/// [`MAX_AMOUNT`]) are written as "more than 1,000,000,000,000" rather than as a huge or
/// infinite number.
pub fn format_number(value: f64) -> String {
    if !value.is_finite() || value.abs() > MAX_AMOUNT {
        return format!("more than {}", format_count(MAX_AMOUNT as u64));
    }
    let tenths = (value.abs() * 10.0).round();
    // Bounded above, so the conversion is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let tenths = tenths as u64;
    let sign = if value < 0.0 && tenths > 0 { "-" } else { "" };
    let whole = format_count(tenths / 10);
    match tenths % 10 {
        0 => format!("{sign}{whole}"),
        fraction => format!("{sign}{whole}.{fraction}"),
    }
}

pub(crate) fn group_digits(digits: &str) -> String {
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}
