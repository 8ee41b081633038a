//! Examples of the right shape, taken from the plan schema's own `examples`, and written the
//! way the plan is written (YAML flow style or JSON), so a message can show the line as it
//! should be.

use std::sync::OnceLock;

use serde_json::Value;

use crate::source::Syntax;

fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(crate::schema::plan_schema)
}

/// Follows `$ref`s and the non-null branch of `anyOf`/`oneOf` (how optional values are
/// written) to the schema that says what a value is. A closed vocabulary (`oneOf` its words)
/// is such a schema itself.
fn resolve(mut node: &'static Value) -> &'static Value {
    // A schema refers to itself only through a property or items, which `resolve` does not
    // follow, so this ends; the bound is for a schema that would not.
    for _ in 0..16 {
        if crate::schema::vocabulary(node).is_some() {
            return node;
        }
        if let Some(name) = node
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|reference| reference.strip_prefix("#/$defs/"))
        {
            match schema().get("$defs").and_then(|defs| defs.get(name)) {
                Some(target) => node = target,
                None => return node,
            }
            continue;
        }
        let branches = node
            .get("anyOf")
            .or_else(|| node.get("oneOf"))
            .and_then(Value::as_array);
        match branches.and_then(|branches| {
            branches
                .iter()
                .find(|branch| branch.get("type").and_then(Value::as_str) != Some("null"))
        }) {
            Some(branch) => node = branch,
            None => return node,
        }
    }
    node
}

/// The schema of the value at a JSON Pointer into a plan, as written at that place (before its
/// `$ref` is followed, so the place's own `examples` come first).
fn at(pointer: &str) -> Option<&'static Value> {
    let mut node = schema();
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        let container = resolve(node);
        node = match container.get("properties").and_then(|p| p.get(&token)) {
            Some(property) => property,
            None if token.parse::<usize>().is_ok() => container.get("items")?,
            None => container
                .get("additionalProperties")
                .filter(|extra| extra.is_object())
                .or_else(|| {
                    container
                        .get("patternProperties")
                        .and_then(Value::as_object)
                        .and_then(|patterns| patterns.values().next())
                })?,
        };
    }
    Some(node)
}

/// An example of a right value at a JSON Pointer into a plan: the schema's first example for
/// that place or its type, a list of one example item, or a mapping of the examples of its
/// required keys.
///
/// ```
/// use pathway_schema::wording::example_at;
/// use serde_json::json;
/// assert_eq!(example_at("/incentives/offers/0/amount"), Some(json!({"value": 300, "unit": "per-credential"})));
/// ```
pub fn example_at(pointer: &str) -> Option<Value> {
    example_of(at(pointer)?, 0)
}

fn example_of(node: &'static Value, depth: usize) -> Option<Value> {
    if depth > 4 {
        return None;
    }
    let first = |node: &Value| {
        node.get("examples")
            .and_then(Value::as_array)
            .and_then(|examples| examples.first())
            .cloned()
    };
    if let Some(example) = first(node) {
        return Some(example);
    }
    let resolved = resolve(node);
    if let Some(example) = first(resolved) {
        return Some(example);
    }
    if let Some(words) = crate::schema::vocabulary(resolved)
        && let Some((word, _)) = words.first()
    {
        return Some(Value::from(*word));
    }
    if let Some(items) = resolved.get("items") {
        return example_of(items, depth + 1).map(|item| Value::Array(vec![item]));
    }
    let properties = resolved.get("properties")?;
    let required = resolved.get("required").and_then(Value::as_array)?;
    let mut mapping = serde_json::Map::new();
    for key in required.iter().filter_map(Value::as_str) {
        let value = example_of(properties.get(key)?, depth + 1)?;
        mapping.insert(key.to_owned(), value);
    }
    Some(Value::Object(mapping))
}

/// The keys the schema allows in the mapping at a JSON Pointer, in the schema's order.
pub(super) fn allowed_keys(pointer: &str) -> Option<Vec<&'static str>> {
    let properties = resolve(at(pointer)?).get("properties")?.as_object()?;
    Some(properties.keys().map(String::as_str).collect())
}

/// The shape a list's items have at a JSON Pointer, when they are plain values (ids, words).
pub(super) fn holds_plain_items(pointer: &str) -> bool {
    let Some(items) = at(pointer).map(resolve).and_then(|list| list.get("items")) else {
        return false;
    };
    let item = resolve(items);
    matches!(
        item.get("type").and_then(Value::as_str),
        Some("string" | "number" | "integer")
    )
}

/// The only key of an example mapping whose schema is a number, so that a bare number the
/// author wrote (`amount: 400`) can be put where it belongs (`{value: 400, …}`).
pub(super) fn only_number_key(pointer: &str, example: &Value) -> Option<String> {
    let properties = resolve(at(pointer)?).get("properties")?.as_object()?;
    let mut numbers = example.as_object()?.keys().filter(|key| {
        properties
            .get(key.as_str())
            .map(resolve)
            .is_some_and(|property| {
                matches!(
                    property.get("type").and_then(Value::as_str),
                    Some("number" | "integer")
                )
            })
    });
    let key = numbers.next()?;
    numbers.next().is_none().then(|| key.clone())
}

/// A value written inline as the plan's format writes it: YAML flow style
/// (`{value: 400, unit: per-credential}`) or JSON (`{"value": 400, "unit": "per-credential"}`).
///
/// ```
/// use pathway_schema::load::Syntax;
/// use pathway_schema::wording::flow_text;
/// use serde_json::json;
/// let value = json!({"title": "Coach: literacy", "years": [2027]});
/// assert_eq!(flow_text(&value, Syntax::Yaml), r#"{title: "Coach: literacy", years: [2027]}"#);
/// assert_eq!(flow_text(&value, Syntax::Json), r#"{"title": "Coach: literacy", "years": [2027]}"#);
/// ```
pub fn flow_text(value: &Value, format: Syntax) -> String {
    match value {
        Value::String(text) => match format {
            Syntax::Yaml if plain_in_flow(text) => text.clone(),
            _ => Value::String(text.clone()).to_string(),
        },
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(|item| flow_text(item, format)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(members) => {
            let members: Vec<String> = members
                .iter()
                .map(|(key, value)| {
                    let key = flow_text(&Value::String(key.clone()), format);
                    format!("{key}: {}", flow_text(value, format))
                })
                .collect();
            format!("{{{}}}", members.join(", "))
        }
        other => other.to_string(),
    }
}

/// `key: value` (or `"key": value`, or `- value` for a list item) for the value at a pointer.
pub(super) fn line_at(pointer: &str, value: &Value, format: Syntax) -> String {
    let last = pointer.rsplit('/').next().unwrap_or_default();
    let key = last.replace("~1", "/").replace("~0", "~");
    let text = flow_text(value, format);
    if pointer.is_empty() {
        text
    } else if !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) {
        match format {
            Syntax::Yaml => format!("- {text}"),
            Syntax::Json => text,
        }
    } else {
        format!("{}: {text}", flow_text(&Value::String(key), format))
    }
}

/// Whether YAML reads this text back as the same text when written without quotes inside a
/// flow collection: no indicator at the start, no `: ` or ` #`, no flow punctuation, and not
/// a word or number YAML would read as something else.
fn plain_in_flow(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let reserved = ["true", "false", "null", "~", "yes", "no", "on", "off"];
    !"-?:,[]{}#&*!|>'\"%@`".contains(first)
        && !first.is_whitespace()
        && !first.is_ascii_digit()
        && !text.ends_with([':', ' '])
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.contains([',', '[', ']', '{', '}'])
        && !text.chars().any(char::is_control)
        && !reserved.iter().any(|word| text.eq_ignore_ascii_case(word))
        && text.parse::<f64>().is_err()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn examples_come_from_the_schema() {
        assert_eq!(
            example_at("/incentives/offers/3/funded_by"),
            Some(json!(["district-pd-budget"]))
        );
        assert_eq!(example_at("/readiness"), Some(json!("exploring")));
        let credentials = example_at("/credentials").unwrap();
        let first = &credentials[0];
        assert!(
            first.get("id").is_some() && first.get("title").is_some(),
            "{credentials}"
        );
        assert_eq!(example_at("/no_such_key"), None);
    }

    #[test]
    fn allowed_keys_follow_optional_objects() {
        let keys = allowed_keys("/goals").unwrap();
        assert!(keys.contains(&"challenges") && keys.contains(&"student_impact"));
        assert_eq!(allowed_keys("/id"), None);
    }

    #[test]
    fn plain_text_only_when_yaml_reads_it_back() {
        for text in [
            "per-credential",
            "Small-Group Reading",
            "district-pd-budget",
        ] {
            assert!(plain_in_flow(text), "{text}");
        }
        for text in [
            "", "yes", "No", "2027", "1.5", "a: b", "[x]", "a, b", "-x", "#1", " x", "x #y",
        ] {
            assert!(!plain_in_flow(text), "{text}");
        }
    }

    #[test]
    fn every_flow_text_reads_back_as_the_same_value() {
        let value = json!({
            "plain": "per-credential", "colon": "a: b", "yes": "yes", "number": "2027",
            "quote": "say \"hi\"", "list": ["x", 1, 2.5, true, null], "nested": {"k": "v"}
        });
        let yaml = format!("a: {}\n", flow_text(&value, Syntax::Yaml));
        let document = crate::load::parse(
            crate::source::Source::new("x.yaml", yaml.as_str()),
            None,
            &crate::load::Limits::DEFAULT,
        )
        .unwrap();
        assert_eq!(document.to_json()["a"], value, "{yaml}");
        let json: Value = serde_json::from_str(&flow_text(&value, Syntax::Json)).unwrap();
        assert_eq!(json, value);
    }
}
