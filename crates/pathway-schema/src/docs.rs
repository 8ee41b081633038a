//! `docs/format.md`: the reference of the plan format, generated from the published schema (its
//! Markdown form, [`plan_schema_markdown`]) so that it always says what the schema says.

use std::fmt::Write as _;

use serde_json::Value;

use crate::decision_points::{Area, DECISION_POINTS};
use crate::schema::{SCHEMA_ID, SCHEMA_PATH, plan_schema_markdown, vocabulary};

/// Where the reference is committed, relative to the repository root.
pub const FORMAT_DOC_PATH: &str = "docs/format.md";

/// The plan format reference, as Markdown.
pub fn format_reference() -> String {
    let schema = plan_schema_markdown();
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "# Plan format reference\n");
    let _ = writeln!(
        w,
        "<!-- Generated from the plan types by `UPDATE_GENERATED=1 cargo test`. Do not edit by hand. -->\n"
    );
    let _ = writeln!(
        w,
        "A plan is one YAML or JSON file. Its JSON Schema is [`{SCHEMA_PATH}`](../{SCHEMA_PATH}) \
         (draft 2020-12, `$id` `{SCHEMA_ID}`); every key below is checked by it, and unknown keys \
         are errors. Ids are kebab-case (`early-literacy`), dates are `YYYY-MM-DD` (in YAML, put them in quotes, `\"2027-08-15\"`, so that every YAML tool reads them as text rather than as a timestamp), and years name \
         the school or fiscal year by the calendar year it ends in (2027 is 2026–27).\n"
    );
    decision_point_table(w);
    w.push_str(&crate::placeholder::reference());
    let _ = writeln!(w, "## Objects\n");
    let _ = writeln!(
        w,
        "The plan itself is described first, then each kind of object it holds.\n"
    );
    object_section(w, "Plan", &schema);
    if let Some(defs) = schema.get("$defs").and_then(Value::as_object) {
        for (name, def) in defs {
            if def.get("properties").is_some() {
                object_section(w, name, def);
            }
        }
        let _ = writeln!(w, "## Values\n");
        for (name, def) in defs {
            if def.get("properties").is_none() {
                value_section(w, name, def);
            }
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

fn decision_point_table(w: &mut String) {
    let _ = writeln!(w, "## Decision points\n");
    let _ = writeln!(
        w,
        "Each decision point of the toolkit has one place in the plan. A point is answered when \
         that place holds something other than nothing and no placeholder (`TODO`, `TBD`, `N/A`, \
         `[insert name]`…) anywhere inside it; \"Answers that are not answers\" below says exactly \
         what counts. A plan must answer the points of its readiness level and of every \
         level before it.\n"
    );
    let _ = writeln!(
        w,
        "| Id | Area | Required from | Place in the plan | Question |"
    );
    let _ = writeln!(w, "| --- | --- | --- | --- | --- |");
    for area in Area::ALL {
        for point in DECISION_POINTS.iter().filter(|point| point.area == area) {
            let place = crate::node::display_path(point.pointer);
            let _ = writeln!(
                w,
                "| `{}` | {} | `{}` | `{place}` | {} |",
                point.id,
                area.title(),
                point.level.as_str(),
                cell(point.question)
            );
        }
    }
    let _ = writeln!(w);
}

fn object_section(w: &mut String, name: &str, schema: &Value) {
    let _ = writeln!(w, "### {name}\n");
    if let Some(description) = schema.get("description").and_then(Value::as_str) {
        let _ = writeln!(w, "{}\n", description.trim());
    }
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|keys| keys.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let _ = writeln!(w, "| Key | Type | Required | Meaning | Example |");
    let _ = writeln!(w, "| --- | --- | --- | --- | --- |");
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        for (key, property) in properties {
            let description = property
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let example = property
                .get("examples")
                .and_then(Value::as_array)
                .and_then(|examples| examples.first())
                .map(|example| {
                    format!(
                        "`{}`",
                        serde_json::to_string(example)
                            .unwrap_or_default()
                            .replace('`', "'")
                    )
                })
                .unwrap_or_else(|| "—".to_owned());
            let _ = writeln!(
                w,
                "| `{key}` | {} | {} | {} | {} |",
                type_name(property),
                if required.contains(&key.as_str()) {
                    "yes"
                } else {
                    "no"
                },
                cell(description),
                cell(&example)
            );
        }
    }
    let _ = writeln!(w);
}

fn value_section(w: &mut String, name: &str, schema: &Value) {
    let _ = writeln!(w, "### {name}\n");
    let description = schema
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let _ = writeln!(w, "{}\n", description.trim());
    if let Some(words) = vocabulary(schema) {
        let meanings: Vec<String> = words
            .iter()
            .map(|(word, meaning)| format!("- `{word}`: {meaning}"))
            .collect();
        let _ = writeln!(w, "{}\n", meanings.join("\n"));
    }
    let _ = writeln!(w, "Type: {}.\n", type_name(schema));
    if let Some(pattern) = schema.get("pattern").and_then(Value::as_str) {
        let _ = writeln!(w, "Pattern: `{pattern}`.\n");
    }
}

/// The type of a property, in words, with links to the objects it names.
fn type_name(schema: &Value) -> String {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.rsplit('/').next().unwrap_or(reference);
        return format!("[{name}](#{})", name.to_ascii_lowercase());
    }
    if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
        let names: Vec<String> = branches
            .iter()
            .filter(|branch| branch.get("type").and_then(Value::as_str) != Some("null"))
            .map(type_name)
            .collect();
        return names.join(" or ");
    }
    if let Some(words) = vocabulary(schema) {
        let words: Vec<String> = words.iter().map(|(word, _)| format!("`{word}`")).collect();
        return format!("one of {}", words.join(", "));
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(single)) => vec![single.as_str()],
        Some(Value::Array(many)) => many
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .collect(),
        _ => Vec::new(),
    };
    let mut name = match types.first().copied() {
        Some("array") => format!(
            "list of {}",
            schema.get("items").map(type_name).unwrap_or_default()
        ),
        Some("object") => match schema.get("additionalProperties") {
            Some(values @ Value::Object(_)) => format!("map of id to {}", type_name(values)),
            _ => "object".to_owned(),
        },
        Some("string") => match schema.get("format").and_then(Value::as_str) {
            Some("date") => "date".to_owned(),
            Some("uri") => "URL".to_owned(),
            Some("email") => "email address".to_owned(),
            _ => "text".to_owned(),
        },
        Some("integer") => "whole number".to_owned(),
        Some("number") => "number".to_owned(),
        Some("boolean") => "`true` or `false`".to_owned(),
        Some(other) => other.to_owned(),
        None => "any".to_owned(),
    };
    if let (Some(min), Some(max)) = (schema.get("minimum"), schema.get("maximum")) {
        let _ = write!(name, " ({}–{})", bound(min), bound(max));
    } else if let Some(min) = schema.get("minimum")
        && (min.as_f64() != Some(0.0) || types.first() != Some(&"integer"))
    {
        let _ = write!(name, " (at least {})", bound(min));
    }
    name
}

/// A bound as people read it: `0`, `2100`, `1,000,000,000,000`. Years stay as they are.
fn bound(value: &Value) -> String {
    match value.as_f64() {
        Some(number) if number.fract() == 0.0 && number.abs() >= 10_000.0 => {
            crate::domain::money::format_number(number)
        }
        Some(number) if number.fract() == 0.0 => format!("{number:.0}"),
        _ => value.to_string(),
    }
}

/// Text made safe for one Markdown table cell.
fn cell(text: &str) -> String {
    text.trim()
        .replace('|', "\\|")
        .replace("\n\n", " ")
        .replace("\n- ", "; ")
        .replace('\n', " ")
}
