//! Which YAML tags a plan may carry, checked before the careful path reads the file.
//!
//! serde-saphyr accepts the YAML 1.1 types beside the core schema: a `!!binary` value is decoded
//! from base64 and handed on as text, so `title: !!binary SGVsbG8=` became the title "Hello",
//! words nobody reviewing the file could read there. `!!timestamp`, `!!set`, `!!omap` and
//! `!!pairs` are types a plan has no place for either. Only the core schema's own tags (`!!str`,
//! `!!int`, `!!float`, `!!bool`, `!!null`, `!!seq`, `!!map`, however spelled) and the
//! non-specific `!` pass: they say nothing a plan's text does not already say. serde-saphyr
//! refuses every other tag itself; this check words the refusal for the ones it accepts.

use serde_saphyr::granit_parser::{Event, Parser, Tag};

use super::Limits;
use super::error::{LoadError, LoadErrorKind};
use crate::source::Source;

/// The first tag in `source` that a plan may not carry, as a load error at the tagged value;
/// `None` when there is none or the text does not parse (the careful path then reports it).
pub(super) fn refused_tag(source: &Source, limits: &Limits) -> Option<LoadError> {
    // A tag starts with `!`: most files have none, and need no second pass.
    if !source.text().contains('!') {
        return None;
    }
    let options = serde_saphyr::granit_parser::options! {
        flow_nesting_limit: limits.max_depth,
        emit_comments: false,
    };
    for next in Parser::new_from_str_with_options(source.text(), options) {
        let (event, span) = next.ok()?;
        let tag = match &event {
            Event::Scalar(_, _, _, tag)
            | Event::SequenceStart(_, _, tag)
            | Event::MappingStart(_, _, tag) => tag.as_deref(),
            Event::StreamEnd => return None,
            _ => None,
        };
        let Some(tag) = tag.filter(|tag| !is_allowed(tag)) else {
            continue;
        };
        let (message, help) = refusal(tag)?;
        // The event starts at the value; point at the tag written before it.
        let value = span.start.byte_offset().unwrap_or(0);
        let offset = source
            .text()
            .get(..value)
            .and_then(|before| before.rfind(&tag.original()))
            .unwrap_or(value);
        return Some(
            LoadError::new(LoadErrorKind::Unsupported, source.name(), message)
                .with_help(help)
                .at(source.location(offset, offset)),
        );
    }
    None
}

/// Whether a plan may carry `tag`: a core-schema type or the non-specific `!`.
fn is_allowed(tag: &Tag) -> bool {
    tag.core_suffix().is_some() || matches!(tag.parts(), ("", "!") | ("!", ""))
}

/// What to say about a refused tag, for the YAML 1.1 types serde-saphyr would accept; `None`
/// leaves any other tag to serde-saphyr's own refusal, worded in `syntax`.
fn refusal(tag: &Tag) -> Option<(String, &'static str)> {
    let name = tag.original();
    let help = match yaml_1_1_type(tag)? {
        "binary" => {
            "write the value as plain text, without the tag: a plan holds no binary data, and \
             base64 hides the words from anyone reading the file"
        }
        "timestamp" => "remove the tag and write the date as text in quotes, as \"2026-07-01\"",
        _ => {
            "remove the tag: plans write lists as `- item` and mappings as `key: value`, with no \
             YAML types of their own"
        }
    };
    Some((format!("unsupported tag `{name}`"), help))
}

/// The YAML 1.1 type a tag names (`binary`, `timestamp`, `set`, `omap`, `pairs`), whichever way
/// the tag is spelled (`!!binary`, `!<tag:yaml.org,2002:binary>`, a `%TAG` handle).
fn yaml_1_1_type(tag: &Tag) -> Option<&'static str> {
    const PREFIX: &str = "tag:yaml.org,2002:";
    let (handle, suffix) = tag.parts();
    let full = format!("{handle}{suffix}");
    let name = full.strip_prefix(PREFIX)?;
    ["binary", "timestamp", "set", "omap", "pairs"]
        .into_iter()
        .find(|&known| known == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> Option<String> {
        refused_tag(&Source::new("plan.yaml", text), &Limits::DEFAULT).map(|e| e.to_string())
    }

    #[test]
    fn yaml_1_1_types_are_refused_where_they_stand() {
        // Regression: `!!binary` was decoded from base64 and loaded as the text it hid.
        let message = refused("id: x\ntitle: !!binary SGVsbG8=\n").unwrap();
        assert!(
            message.starts_with("plan.yaml:2:8: unsupported tag `!!binary`"),
            "{message}"
        );
        assert!(message.contains("plain text"), "{message}");
        for (text, tag) in [
            ("a: !<tag:yaml.org,2002:binary> SGVsbG8=\n", "binary"),
            (
                "%TAG !y! tag:yaml.org,2002:\n---\na: !y!binary SGVsbG8=\n",
                "binary",
            ),
            ("a: !!timestamp 2001-12-14\n", "timestamp"),
            ("a: !!set {x, y}\n", "set"),
            ("a: !!omap [x: 1]\n", "omap"),
            ("a: !!pairs [x: 1]\n", "pairs"),
        ] {
            let message = refused(text).unwrap_or_default();
            assert!(message.contains(tag), "{text:?}: {message}");
        }
    }

    #[test]
    fn core_tags_and_plain_text_pass() {
        for text in [
            "a: !!str 12\nb: !!int 3\nc: !!float 1.5\nd: !!bool true\ne: !!null ~\n",
            "a: !!map {b: !!seq [1]}\n",
            "a: ! 12\n",
            "title: Wow! A plan!\n",
            "a: \"!!binary SGVsbG8=\"\n",
        ] {
            assert_eq!(refused(text), None, "{text:?}");
        }
    }

    #[test]
    fn other_tags_are_left_to_serde_saphyr() {
        assert_eq!(refused("a: !include x.yaml\n"), None);
    }
}
