//! What the loader says about broken plans: one line each, with file, line and column, and what
//! to do. The messages are snapshotted so that a change to any of them is reviewed.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::result_large_err
)]

use std::fmt::Write as _;

use pathway_schema::load::{Limits, LoadError, LoadErrorKind, load_str, parse, read_from};

const VALID_HEAD: &str = "schema_version: 1\nid: demo-plan\nreadiness: exploring\norganization:\n  name: Demo District\n  kind: district\n";

fn error_for(name: &str, text: &str) -> LoadError {
    match load_str(name, text) {
        Ok(_) => panic!("{name} loaded, but should not have"),
        Err(error) => error,
    }
}

fn error_for_bytes(name: &str, bytes: &[u8]) -> LoadError {
    let limits = Limits::DEFAULT;
    let result = read_from(name, bytes, &limits)
        .and_then(|source| parse(source, None, &limits))
        .and_then(|document| document.plan().map(|_| ()));
    match result {
        Ok(()) => panic!("{name} loaded, but should not have"),
        Err(error) => error,
    }
}

fn with_head(rest: &str) -> String {
    format!("{VALID_HEAD}{rest}")
}

/// The inputs and what each must be reported as.
fn cases() -> Vec<(&'static str, LoadError, LoadErrorKind)> {
    use LoadErrorKind as K;
    let deep_flow = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let mut alias_bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut previous = 'a';
    for name in 'b'..='i' {
        let _ = writeln!(
            alias_bomb,
            "{name}: &{name} [{}]",
            vec![format!("*{previous}"); 9].join(",")
        );
        previous = name;
    }
    vec![
        (
            "syntax error",
            error_for(
                "plan.yaml",
                &with_head("goals:\n  challenges: [unclosed\nscope: {}\n"),
            ),
            K::Syntax,
        ),
        (
            "a colon inside a sentence",
            error_for(
                "plan.yaml",
                &with_head("goals:\n  challenges: Retention: our best teachers leave.\n"),
            ),
            K::Syntax,
        ),
        (
            "a colon inside a sentence, in a list item",
            error_for(
                "plan.yaml",
                &with_head(
                    "stakeholders:\n  groups:\n    - group: teachers\n      role: Design team: two per school\n",
                ),
            ),
            K::Syntax,
        ),
        (
            "no space after a colon",
            error_for(
                "plan.yaml",
                &with_head("goals:\n  challenges:Retention\n  student_impact: Better teaching\n"),
            ),
            K::Syntax,
        ),
        (
            "no space after the last colon",
            error_for("plan.yaml", &with_head("goals:\n  challenges:Retention\n")),
            K::WrongType,
        ),
        (
            "a tab for indentation",
            error_for("plan.yaml", &with_head("goals:\n\tchallenges: Retention\n")),
            K::Syntax,
        ),
        (
            "a quote never closed",
            error_for(
                "plan.yaml",
                &with_head("goals:\n  challenges: \"Retention\n  student_impact: ok\n"),
            ),
            K::Syntax,
        ),
        (
            "text after a closing quote",
            error_for(
                "plan.yaml",
                &with_head("goals:\n  challenges: \"Retention\" is the goal\n"),
            ),
            K::Syntax,
        ),
        (
            "a line indented more than its sibling",
            error_for(
                "plan.yaml",
                &with_head("goals:\n  challenges: Retention\n   student_impact: ok\n"),
            ),
            K::Syntax,
        ),
        (
            "a line indented to no level",
            error_for(
                "plan.yaml",
                &with_head("goals:\n  challenges: Retention\n student_impact: ok\n"),
            ),
            K::Syntax,
        ),
        (
            "a list item indented to no level",
            error_for(
                "plan.yaml",
                &with_head(
                    "stakeholders:\n  groups:\n  - group: teachers\n    role: Design\n   - group: union\n",
                ),
            ),
            K::Syntax,
        ),
        (
            "a list item on its key's line",
            error_for(
                "plan.yaml",
                &with_head("goals:\n  challenges: - retention\n"),
            ),
            K::Syntax,
        ),
        (
            "a backslash in double quotes",
            error_for(
                "plan.yaml",
                &with_head("summary: \"Plans live in S:\\plans\\2027\"\n"),
            ),
            K::Syntax,
        ),
        (
            "a stray quote that a later value closes",
            error_for(
                "plan.yaml",
                &with_head(
                    "goals:\n  challenges: \"Retention\n  student_impact: Better teaching\ntitle: \"Pathways\"\n",
                ),
            ),
            K::Syntax,
        ),
        (
            "text on the line of a block marker",
            error_for(
                "plan.yaml",
                &with_head("summary: > Our plan keeps strong teachers teaching.\n"),
            ),
            K::Syntax,
        ),
        (
            "text starting with @",
            error_for(
                "plan.yaml",
                &with_head("summary: @district on social media\n"),
            ),
            K::Syntax,
        ),
        (
            "unknown key with a near match",
            error_for("plan.yaml", &with_head("goal:\n  challenges: Retention\n")),
            K::UnknownKey,
        ),
        (
            "unknown nested key",
            error_for("plan.yaml", &with_head("goals:\n  challenge: Retention\n")),
            K::UnknownKey,
        ),
        (
            "unknown key with no near match",
            error_for("plan.yaml", &with_head("budget: 100\n")),
            K::UnknownKey,
        ),
        (
            "wrong type",
            error_for("plan.yaml", &with_head("credentials: one credential\n")),
            K::WrongType,
        ),
        (
            "number where text belongs",
            error_for("plan.yaml", &with_head("title: 2027\n")),
            K::WrongType,
        ),
        (
            "wrong type deep inside",
            error_for(
                "plan.yaml",
                &with_head("credentials:\n  - id: reading\n    title: Reading\n    hours: many\n"),
            ),
            K::WrongType,
        ),
        (
            "missing key",
            error_for(
                "plan.yaml",
                &with_head("credentials:\n  - id: reading\n    hours: 10\n"),
            ),
            K::MissingKey,
        ),
        (
            "missing key at the top",
            error_for(
                "plan.yaml",
                "schema_version: 1\nid: demo\nreadiness: exploring\n",
            ),
            K::MissingKey,
        ),
        (
            "duplicate key",
            error_for(
                "plan.yaml",
                &with_head("goals:\n  challenges: One\n  challenges: Two\n"),
            ),
            K::DuplicateKey,
        ),
        (
            "unknown word with a near match",
            error_for(
                "plan.yaml",
                &with_head(
                    "opportunities:\n  - id: coach\n    title: Coach\n    kind: hybrid_role\n    stays_in_classroom: true\n",
                ),
            ),
            K::InvalidValue,
        ),
        (
            "bad id",
            error_for(
                "plan.yaml",
                &with_head("credentials:\n  - id: Small Group Reading\n    title: Reading\n"),
            ),
            K::InvalidValue,
        ),
        (
            "date that does not exist",
            error_for(
                "plan.yaml",
                &with_head("period:\n  start: \"2027-02-30\"\n  end: \"2029-06-30\"\n"),
            ),
            K::InvalidValue,
        ),
        (
            "unsupported schema version",
            error_for(
                "plan.yaml",
                "schema_version: 2\nid: demo\nreadiness: exploring\norganization: {name: D, kind: district}\n",
            ),
            K::InvalidValue,
        ),
        (
            "YAML yes/no is not a boolean",
            error_for(
                "plan.yaml",
                &with_head(
                    "opportunities:\n  - id: coach\n    title: Coach\n    kind: hybrid-role\n    stays_in_classroom: yes\n",
                ),
            ),
            K::WrongType,
        ),
        (
            "root is a list",
            error_for("plan.yaml", "- id: demo\n"),
            K::WrongType,
        ),
        ("empty file", error_for("plan.yaml", "  \n\n"), K::Syntax),
        (
            "language tag",
            error_for(
                "plan.yaml",
                &with_head("summary: !!python/object:os.system echo\n"),
            ),
            K::Unsupported,
        ),
        (
            "include tag",
            error_for("plan.yaml", &with_head("summary: !include other.yaml\n")),
            K::Unsupported,
        ),
        (
            "several documents",
            error_for("plan.yaml", &format!("{VALID_HEAD}---\n{VALID_HEAD}")),
            K::Unsupported,
        ),
        (
            "100 000-deep flow nesting",
            error_for("plan.yaml", &deep_flow),
            K::Limit,
        ),
        (
            "100 000-deep JSON nesting",
            error_for("plan.json", &deep_json),
            K::Limit,
        ),
        ("alias bomb", error_for("plan.yaml", &alias_bomb), K::Limit),
        (
            "string over the limit",
            error_for(
                "plan.yaml",
                &with_head(&format!("summary: {}\n", "a".repeat(300_000))),
            ),
            K::Limit,
        ),
        (
            "mapping with too many keys",
            error_for(
                "plan.yaml",
                &with_head(
                    &(0..10_001)
                        .map(|i| format!("k{i}: 1\n"))
                        .collect::<String>(),
                ),
            ),
            K::Limit,
        ),
        (
            "JSON syntax error",
            error_for("plan.json", "{\"schema_version\": 1,\n \"id\": }\n"),
            K::Syntax,
        ),
        (
            "JSON trailing garbage",
            error_for("plan.json", "{\"schema_version\": 1} x"),
            K::Syntax,
        ),
        (
            "infinite number",
            error_for(
                "plan.yaml",
                &with_head("credentials:\n  - id: reading\n    title: Reading\n    hours: .inf\n"),
            ),
            K::InvalidValue,
        ),
        (
            "UTF-16 text",
            error_for_bytes("plan.yaml", b"\xff\xfes\x00c\x00"),
            K::Encoding,
        ),
        (
            "invalid UTF-8",
            error_for_bytes("plan.yaml", b"schema_version: 1\nid: caf\xe9\n"),
            K::Encoding,
        ),
        (
            "NUL byte",
            error_for_bytes("plan.yaml", b"schema_version: 1\nid: a\x00b\n"),
            K::Encoding,
        ),
    ]
}

#[test]
fn broken_plans_get_one_clear_line_each() {
    let mut report = String::new();
    for (name, error, kind) in cases() {
        assert_eq!(error.kind, kind, "{name}: {error}");
        let text = error.to_string();
        assert!(
            !text.contains('\n'),
            "{name}: message is not one line: {text}"
        );
        assert!(
            error.location.is_some(),
            "{name}: no line and column: {text}"
        );
        let _ = writeln!(report, "{name}:\n  {text}");
    }
    insta::assert_snapshot!(report);
}

#[test]
fn input_over_the_size_limit_stops_reading() {
    let limits = Limits {
        max_input_bytes: 1024,
        ..Limits::DEFAULT
    };
    // An endless stream: reading must stop at the limit rather than run out of memory.
    let error = read_from("<stdin>", std::io::repeat(b'a'), &limits).unwrap_err();
    assert_eq!(error.kind, LoadErrorKind::Limit);
    assert_eq!(
        error.to_string(),
        "<stdin>:1:1: the input is more than 1024 bytes, over the limit of 1024 bytes per plan; split the plan, or raise the limit with --max-input-size"
    );
}

#[test]
fn byte_order_mark_is_ignored() {
    let text = format!("\u{feff}{VALID_HEAD}");
    let loaded = load_str("plan.yaml", &text).expect("a BOM is not an error");
    let name = loaded.tree.locate("/organization/name").expect("located");
    assert_eq!((name.start.line, name.start.column), (5, 9));
}

#[test]
fn json_plans_load_with_positions() {
    let text = "{\n  \"schema_version\": 1,\n  \"id\": \"demo\",\n  \"readiness\": \"exploring\",\n  \"organization\": {\"name\": \"Demo\", \"kind\": \"district\"}\n}\n";
    let loaded = load_str("plan.json", text).expect("valid JSON plan");
    let kind = loaded.tree.locate("/organization/kind").expect("located");
    assert_eq!((kind.start.line, kind.start.column), (5, 44));
    assert_eq!((kind.end.line, kind.end.column), (5, 54));
}

#[test]
fn a_yaml_flow_mapping_without_a_file_name_is_read_as_yaml() {
    // Regression: text on standard input starting with `{` was always read as JSON, so the valid
    // YAML `{schema_version: 1, id: x, ...}` failed with a JSON syntax error.
    let flow = "{schema_version: 1, id: demo, readiness: exploring, organization: {name: Demo, kind: district}}\n";
    for name in ["<stdin>", "plan", "plan.txt"] {
        let loaded = load_str(name, flow).unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(loaded.plan.id.as_str(), "demo");
        assert_eq!(loaded.tree.format(), pathway_schema::load::Syntax::Yaml);
        let kind = loaded.tree.locate("/organization/kind").unwrap();
        assert_eq!((kind.start.line, kind.start.column), (1, 86));
    }
    // Valid JSON is still JSON.
    let json = "{\"schema_version\": 1, \"id\": \"demo\", \"readiness\": \"exploring\", \"organization\": {\"name\": \"Demo\", \"kind\": \"district\"}}";
    let loaded = load_str("<stdin>", json).unwrap();
    assert_eq!(loaded.tree.format(), pathway_schema::load::Syntax::Json);
    // A file named .json is JSON whatever it holds: no second guess.
    let error = error_for("plan.json", flow);
    assert!(error.message.starts_with("invalid JSON"), "{error}");
}

#[test]
fn broken_text_without_a_file_name_is_worded_in_the_syntax_it_looks_written_in() {
    // Broken JSON on standard input keeps JSON's words, at the line of the mistake.
    let broken =
        "{\n  \"schema_version\": 1,\n  \"id\": \"demo\"\n  \"readiness\": \"exploring\"\n}\n";
    let error = error_for("<stdin>", broken);
    assert!(error.message.starts_with("invalid JSON"), "{error}");
    assert_eq!(error.location.map(|l| l.start.line), Some(4), "{error}");
    // A broken flow mapping with bare keys gets YAML's.
    let error = error_for("<stdin>", "{schema_version: 1, id: [demo\n");
    assert!(error.message.starts_with("invalid YAML"), "{error}");
}

#[test]
fn yaml_types_a_plan_has_no_place_for_are_refused() {
    // Regression: `!!binary` was decoded from base64 and loaded as the words it hid.
    let error = error_for("plan.yaml", &with_head("title: !!binary SGVsbG8=\n"));
    assert_eq!(error.kind, LoadErrorKind::Unsupported);
    assert!(
        error.to_string().starts_with(
            "plan.yaml:7:8: unsupported tag `!!binary`; write the value as plain text"
        ),
        "{error}"
    );
    for (rest, tag) in [
        ("title: !!timestamp 2026-07-01\n", "!!timestamp"),
        ("goals: !!set {a, b}\n", "!!set"),
        ("goals: !!omap [a: 1]\n", "!!omap"),
        ("title: !foo Demo\n", "!foo"),
    ] {
        let error = error_for("plan.yaml", &with_head(rest));
        assert_eq!(error.kind, LoadErrorKind::Unsupported, "{rest}");
        assert!(
            error.message.contains(&format!("unsupported tag `{tag}`")),
            "{rest}: {error}"
        );
        assert_eq!(error.location.map(|l| l.start.line), Some(7), "{rest}");
    }
    // The core schema's own tags say nothing a plan's text does not: they load.
    let loaded = load_str("plan.yaml", &with_head("title: !!str Demo plan\n")).unwrap();
    assert_eq!(loaded.plan.title.as_deref(), Some("Demo plan"));
}
