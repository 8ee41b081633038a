//! Broken copies of a good plan, for tests that run the validator and the documents over many
//! kinds of trouble: each variant changes the plan's JSON the way a real mistake would.
//! Included by tests in several crates (`#[path = ...] mod plan_variants;`).

#![allow(dead_code)]

use serde_json::Value;

/// The plan's variants, each named for what it breaks.
pub fn variants(plan: &Value) -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    let mut push = |name, change: fn(&mut Value)| {
        let mut copy = plan.clone();
        change(&mut copy);
        out.push((name, copy));
    };
    push("funding cut by two thirds", |plan| {
        for source in items(plan, "/scope/funding") {
            scale_number(source, "/amount/value", 1, 3);
            for year in items(source, "/by_year") {
                scale_number(year, "/value", 1, 3);
            }
        }
    });
    push("participation tripled", |plan| {
        for year in items(plan, "/scope/growth") {
            scale_number(year, "/participants", 3, 1);
            scale_number(year, "/credentials", 3, 1);
            if let Some(Value::Object(recipients)) = year.get_mut("recipients") {
                for count in recipients.values_mut() {
                    if let Some(n) = count.as_u64() {
                        *count = Value::from(n * 3);
                    }
                }
            }
        }
    });
    push("later years only anticipated", |plan| {
        for source in items(plan, "/scope/funding") {
            let later: Vec<Value> = source
                .get("years")
                .and_then(Value::as_array)
                .map(|years| years.iter().skip(1).cloned().collect())
                .unwrap_or_default();
            if let Value::Object(object) = source {
                object.insert(
                    "by_year".to_owned(),
                    Value::Array(
                        later
                            .into_iter()
                            .map(|year| serde_json::json!({"year": year, "status": "anticipated"}))
                            .collect(),
                    ),
                );
            }
        }
    });
    push("funding only in its first year", |plan| {
        for source in items(plan, "/scope/funding") {
            if let Some(Value::Array(years)) = source.get_mut("years") {
                years.truncate(1);
            }
            if let Some(Value::Array(years)) = source.get_mut("by_year") {
                years.truncate(1);
            }
        }
    });
    push("references misspelled", |plan| {
        for opportunity in items(plan, "/opportunities") {
            append_to_first(opportunity, "unlocked_by", "x");
            append_to_first(opportunity, "incentives", "x");
        }
        for incentive in items(plan, "/incentives/offers") {
            append_to_first(incentive, "funded_by", "-zz");
        }
        for pathway in items(plan, "/pathways") {
            append_to_first(pathway, "leads_to", "x");
        }
        for metric in items(plan, "/evaluation/metrics") {
            append_to_first(metric, "goals", "-zz");
        }
    });
    push("lists left out", |plan| {
        for incentive in items(plan, "/incentives/offers") {
            remove(incentive, "funded_by");
        }
        for opportunity in items(plan, "/opportunities") {
            remove(opportunity, "unlocked_by");
        }
        for metric in items(plan, "/evaluation/metrics") {
            remove(metric, "goals");
        }
        for year in items(plan, "/scope/growth") {
            remove(year, "recipients");
            remove(year, "credentials");
        }
        for group in items(plan, "/stakeholders/groups") {
            remove(group, "involvement");
        }
        for message in items(plan, "/communication/audiences") {
            remove(message, "message");
        }
    });
    push("a ladder out of the classroom", |plan| {
        for opportunity in items(plan, "/opportunities") {
            if let Some(stays) = opportunity.get_mut("stays_in_classroom") {
                *stays = Value::Bool(false);
            }
        }
        for milestone in items(plan, "/implementation/timeline") {
            if let Some(date) = milestone.get_mut("date") {
                *date = Value::from("2040-01-01");
            }
        }
    });
    push("decisions left open", |plan| {
        if let Value::Object(top) = plan {
            for key in [
                "goals",
                "scope",
                "learning",
                "quality",
                "evaluation",
                "communication",
            ] {
                top.remove(key);
            }
        }
    });
    out
}

fn items<'a>(value: &'a mut Value, pointer: &str) -> Vec<&'a mut Value> {
    match value.pointer_mut(pointer) {
        Some(Value::Array(items)) => items.iter_mut().collect(),
        _ => Vec::new(),
    }
}

fn scale_number(value: &mut Value, pointer: &str, times: u64, divided_by: u64) {
    if let Some(number) = value.pointer_mut(pointer)
        && let Some(n) = number.as_f64()
    {
        let scaled = (n * times as f64 / divided_by as f64).round();
        *number = Value::from(scaled as u64);
    }
}

fn append_to_first(value: &mut Value, key: &str, suffix: &str) {
    if let Some(Value::Array(list)) = value.get_mut(key)
        && let Some(Value::String(first)) = list.first_mut()
    {
        first.push_str(suffix);
    }
}

fn remove(value: &mut Value, key: &str) {
    if let Value::Object(object) = value {
        object.remove(key);
    }
}
