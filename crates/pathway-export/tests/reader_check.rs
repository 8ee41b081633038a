//! The reader check: for each example plan (and the tricky-eligibility fixture) and each
//! audience, the facts that reader must be able to find, and the things no reader should meet.
//!
//! The facts are data, in `tests/reader/<plan>.yaml`, written from reading the plan, not the
//! output: eligibility as the plan's condition, costs by year, votes with their dates, hours,
//! release time, appeals. Each is looked for in the exported Markdown and in the .docx read
//! back, line by line (a paragraph, a list item, or a table row with its cells joined by ` | `).
//!
//! On top of the data, every document of every plan must be free of enum values and ids in
//! prose, of a list that names one item twice, and of numbers of 1,000 or more written without
//! thousands separators.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use pathway_export::build_document;
use pathway_export::docx::render_docx;
use pathway_export::markdown::render_markdown;
use pathway_export::profile::Profiles;
use pathway_schema::load::LoadedPlan;
use quick_xml::Reader;
use quick_xml::events::Event;
use serde::Deserialize;

/// One plan's reader check.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReaderCheck {
    /// `examples/NAME.yaml` or `fixtures/NAME.yaml`.
    plan: String,
    /// What each audience must find.
    audiences: BTreeMap<String, Vec<Fact>>,
}

/// One fact a reader must be able to find.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fact {
    /// The reader's question, for the failure message.
    question: String,
    /// Text some line must contain.
    #[serde(default)]
    find: Option<String>,
    /// Or: the first line that starts with this text…
    #[serde(default)]
    line: Option<String>,
    /// …must contain each of these…
    #[serde(default)]
    has: Vec<String>,
    /// …and none of these.
    #[serde(default)]
    lacks: Vec<String>,
    /// Text that must appear on no line at all.
    #[serde(default)]
    never: Vec<String>,
}

fn reader_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/reader")
}

fn load(plan: &str) -> LoadedPlan {
    match plan.split_once('/') {
        Some(("examples", name)) => common::example(name),
        Some(("fixtures", name)) => common::fixture(name),
        _ => panic!("a reader check's plan is examples/NAME or fixtures/NAME, not {plan}"),
    }
}

/// Words compared the way a reader reads them: case and runs of whitespace do not matter.
fn norm(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The lines of a Markdown document as a reader sees them: no Mermaid source, no markup, table
/// rows as their cells joined by ` | `.
fn markdown_lines(markdown: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for line in common::outside_mermaid(markdown).lines() {
        let mut line = line.trim();
        if line.is_empty() || line.starts_with("| ---") || line.starts_with("| :") {
            continue;
        }
        for marker in ["#### ", "### ", "## ", "# ", "- ", "> "] {
            if let Some(rest) = line.strip_prefix(marker) {
                line = rest;
                break;
            }
        }
        if let Some((number, rest)) = line.split_once(". ")
            && !number.is_empty()
            && number.chars().all(|c| c.is_ascii_digit())
        {
            line = rest;
        }
        let mut text = line.to_owned();
        if let Some(row) = text.strip_prefix("| ").and_then(|r| r.strip_suffix(" |")) {
            text = row.to_owned();
        }
        lines.push(unmark(&text));
    }
    lines
}

/// Markdown inline markup removed: emphasis, escapes, autolinks and link targets.
fn unmark(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            '*' => {}
            '<' => {
                // An autolink: keep what it shows.
                for c in chars.by_ref() {
                    if c == '>' {
                        break;
                    }
                    out.push(c);
                }
            }
            ']' if chars.peek() == Some(&'(') => {
                // A link's target: drop it, keep its text.
                let mut depth = 0;
                for c in chars.by_ref() {
                    match c {
                        '(' => depth += 1,
                        ')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
            }
            '[' => {}
            _ => out.push(c),
        }
    }
    out
}

/// The lines of a .docx as a reader sees them: each paragraph, and each table row with its
/// cells joined by ` | `.
fn docx_lines(docx: &[u8]) -> Vec<String> {
    let xml = common::part(docx, "word/document.xml");
    let mut reader = Reader::from_str(&xml);
    let mut lines = Vec::new();
    let mut paragraph = String::new();
    let mut cells: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut in_row = false;
    let mut in_text = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(start) => match start.name().as_ref() {
                b"w:tr" => {
                    in_row = true;
                    cells.clear();
                }
                b"w:tc" => cell.clear(),
                b"w:t" => in_text = true,
                _ => {}
            },
            Event::Empty(empty) => {
                if matches!(empty.name().as_ref(), b"w:tab" | b"w:br") {
                    paragraph.push(' ');
                }
            }
            Event::End(end) => match end.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:p" => {
                    let text = std::mem::take(&mut paragraph);
                    if in_row {
                        if !cell.is_empty() {
                            cell.push(' ');
                        }
                        cell.push_str(&text);
                    } else if !text.trim().is_empty() {
                        lines.push(text);
                    }
                }
                b"w:tc" => cells.push(std::mem::take(&mut cell)),
                b"w:tr" => {
                    in_row = false;
                    lines.push(cells.join(" | "));
                }
                _ => {}
            },
            Event::Text(text) if in_text => {
                paragraph.push_str(&String::from_utf8_lossy(&text));
            }
            Event::GeneralRef(reference) if in_text => {
                let name = String::from_utf8_lossy(&reference).into_owned();
                paragraph.push_str(match name.as_str() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity &{other}; in document.xml"),
                });
            }
            _ => {}
        }
    }
    lines
}

/// The facts of one check that a document's lines fail, as messages.
fn failures(facts: &[Fact], lines: &[String]) -> Vec<String> {
    let lines: Vec<String> = lines.iter().map(|l| norm(l)).collect();
    let mut failed = Vec::new();
    for fact in facts {
        if let Some(find) = &fact.find
            && !lines.iter().any(|line| line.contains(&norm(find)))
        {
            failed.push(format!("{}: no line says {find:?}", fact.question));
        }
        if let Some(start) = &fact.line {
            match lines.iter().find(|line| line.starts_with(&norm(start))) {
                None => failed.push(format!("{}: no line starts {start:?}", fact.question)),
                Some(line) => {
                    for has in &fact.has {
                        if !line.contains(&norm(has)) {
                            failed.push(format!(
                                "{}: the line {line:?} does not say {has:?}",
                                fact.question
                            ));
                        }
                    }
                    for lacks in &fact.lacks {
                        if line.contains(&norm(lacks)) {
                            failed.push(format!(
                                "{}: the line {line:?} says {lacks:?}",
                                fact.question
                            ));
                        }
                    }
                }
            }
        }
        for never in &fact.never {
            if let Some(line) = lines.iter().find(|line| line.contains(&norm(never))) {
                failed.push(format!("{}: {line:?} says {never:?}", fact.question));
            }
        }
    }
    failed
}

#[test]
fn every_reader_finds_the_facts_the_plan_states() {
    let profiles = Profiles::builtin();
    let mut files: Vec<PathBuf> = std::fs::read_dir(reader_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "reader checks: {files:?}");
    let mut failed = Vec::new();
    let mut checked = 0;
    for file in &files {
        let check: ReaderCheck = serde_saphyr::from_str(&std::fs::read_to_string(file).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let loaded = load(&check.plan);
        for (audience, facts) in &check.audiences {
            let profile = profiles
                .get(audience)
                .unwrap_or_else(|| panic!("{}: no audience {audience}", file.display()));
            let document = build_document(&loaded, profile);
            let markdown = markdown_lines(&render_markdown(&document));
            let docx = docx_lines(&render_docx(&document).unwrap());
            for (format, lines) in [("Markdown", &markdown), ("Word", &docx)] {
                for failure in failures(facts, lines) {
                    failed.push(format!("{} {audience} ({format}): {failure}", check.plan));
                }
            }
            checked += facts.len();
        }
    }
    assert!(checked > 0);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// One exported document as lines, with the ids its plan defines.
struct Exported {
    plan: String,
    audience: String,
    markdown: Vec<String>,
    docx: Vec<String>,
    ids: Vec<String>,
}

/// Every plan a reader check names, with every built-in audience, exported once for all the
/// tests that read them.
fn every_document() -> &'static [Exported] {
    static DOCUMENTS: std::sync::OnceLock<Vec<Exported>> = std::sync::OnceLock::new();
    DOCUMENTS.get_or_init(export_all)
}

/// The ids of a plan that have a hyphen: those could not be mistaken for a word of prose.
fn hyphenated_ids(loaded: &LoadedPlan) -> Vec<String> {
    use pathway_schema::domain::ids::IdKind;
    let model = pathway_schema::domain::Model::new(&loaded.plan);
    [
        IdKind::Credential,
        IdKind::Stack,
        IdKind::Opportunity,
        IdKind::Pathway,
        IdKind::Incentive,
        IdKind::FundingSource,
        IdKind::ProgramCost,
        IdKind::Goal,
        IdKind::Metric,
        IdKind::Milestone,
        IdKind::Approval,
        IdKind::MemberDistrict,
    ]
    .into_iter()
    .flat_map(|kind| model.index.ids_of(kind).map(|id| id.as_str().to_owned()))
    .filter(|id| id.contains('-'))
    .collect()
}

fn export_all() -> Vec<Exported> {
    let profiles = Profiles::builtin();
    let mut out = Vec::new();
    for plan in [
        "examples/cedar-valley-scaling.yaml",
        "examples/high-desert-state-piloting.yaml",
        "examples/juniper-ridge-designing.yaml",
        "fixtures/tricky-eligibility.yaml",
        "fixtures/new-fields.yaml",
    ] {
        let loaded = load(plan);
        let ids = hyphenated_ids(&loaded);
        for profile in profiles.iter() {
            let document = build_document(&loaded, profile);
            out.push(Exported {
                plan: plan.to_owned(),
                audience: profile.id.to_string(),
                markdown: markdown_lines(&render_markdown(&document)),
                docx: docx_lines(&render_docx(&document).unwrap()),
                ids: ids.clone(),
            });
        }
    }
    out
}

/// Words of the format's closed vocabularies that are not English a reader would write: they
/// reach prose only when a section prints a value instead of its words. Values that are also
/// ordinary compounds ("one-time", "design-team meetings", "continuing-education units") are
/// left out, since plans use them in their own sentences.
const ENUM_VALUES: &[&str] = &[
    "privilege-influence",
    "position-change",
    "job-security",
    "classroom-role",
    "hybrid-role",
    "leadership-role",
    "compensation-step",
    "lane-change",
    "salary-increase",
    "district-budget",
    "federal-title",
    "per-credential",
    "per-participant",
    "per-year",
    "advisory-committee",
    "school-board",
    "district-leaders",
    "board-resolution",
    "each-school",
    "each-district",
    "each-educator",
    "teacher-preparation",
    "higher-education",
    "state-agency",
    "credential-issuer",
    "social-media",
    "collective-bargaining",
    "board-policy",
    "state-law",
    "regional-agency",
    "charter-network",
];

/// Tokens of prose: runs of letters, digits and hyphens, outside web and mail addresses.
fn tokens(line: &str) -> Vec<&str> {
    line.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|t| !t.is_empty())
        .collect()
}

fn prose(line: &str) -> String {
    line.split_whitespace()
        .filter(|word| !(word.contains("://") || word.contains('@') || word.starts_with("ce-")))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn no_document_shows_enum_values_or_ids_in_prose() {
    let mut failed = Vec::new();
    for Exported {
        plan,
        audience,
        markdown,
        docx,
        ids,
    } in every_document()
    {
        for (format, lines) in [("Markdown", markdown), ("Word", docx)] {
            for line in lines.iter().map(|l| prose(l)) {
                for token in tokens(&line) {
                    if ENUM_VALUES.contains(&token) {
                        failed.push(format!(
                            "{plan} {audience} ({format}): enum value {token:?} in {line:?}"
                        ));
                    }
                    if ids.iter().any(|id| id == token) {
                        failed.push(format!(
                            "{plan} {audience} ({format}): id {token:?} in {line:?}"
                        ));
                    }
                }
                // Regression: "Cedar Valley classroom teachers (teachers)".
                for kind in [
                    "teachers",
                    "union",
                    "principals",
                    "paraprofessionals",
                    "employers",
                ] {
                    if line.contains(&format!("({kind})")) {
                        failed.push(format!("{plan} {audience} ({format}): {line:?}"));
                    }
                }
                for stage in ["exploring", "designing", "piloting", "scaling"] {
                    if line.contains(&format!("Stage: {stage}")) {
                        failed.push(format!("{plan} {audience} ({format}): {line:?}"));
                    }
                }
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// The items of the lists in one paragraph or table cell: split at semicolons, or where there
/// are none at commas that do not separate thousands; short items ("and", "2027") are left out.
fn list_items(cell: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut item = String::new();
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        // A list written with semicolons keeps commas inside its items.
        let separates = c == ';'
            || (c == ','
                && !cell.contains(';')
                && !chars.peek().is_some_and(|next| next.is_ascii_digit()));
        if separates {
            items.push(std::mem::take(&mut item));
        } else {
            item.push(c);
        }
    }
    items.push(item);
    items
        .into_iter()
        .map(|item| norm(item.trim().trim_end_matches('.')))
        .filter(|item| item.len() >= 12)
        .collect()
}

#[test]
fn no_list_names_an_item_twice() {
    // Regression: "Two trained Cedar Valley teacher assessors, Two trained Cedar Valley teacher
    // assessors, one holding a bilingual authorization" pasted one list into another.
    let mut failed = Vec::new();
    for Exported {
        plan,
        audience,
        markdown,
        docx,
        ..
    } in every_document()
    {
        for (format, lines) in [("Markdown", markdown), ("Word", docx)] {
            for line in lines {
                for cell in line.split(" | ") {
                    let items = list_items(cell);
                    for (i, item) in items.iter().enumerate() {
                        if items[..i].contains(item) {
                            failed.push(format!(
                                "{plan} {audience} ({format}): {item:?} twice in {cell:?}"
                            ));
                            break;
                        }
                    }
                }
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn numbers_of_a_thousand_or_more_have_separators() {
    // Regression: "23800 educators".
    let mut failed = Vec::new();
    for Exported {
        plan,
        audience,
        markdown,
        docx,
        ..
    } in every_document()
    {
        for (format, lines) in [("Markdown", markdown), ("Word", docx)] {
            for line in lines.iter().map(|l| prose(l)) {
                for token in tokens(&line) {
                    let all_digits = token.chars().all(|c| c.is_ascii_digit());
                    // Years (2026) and ranges of them (2026-27) are not counts.
                    let year =
                        token.len() == 4 && (token.starts_with("19") || token.starts_with("20"));
                    if all_digits && token.len() >= 4 && !year {
                        failed.push(format!(
                            "{plan} {audience} ({format}): {token:?} in {line:?}"
                        ));
                    }
                }
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn the_line_reader_sees_markup_as_a_reader_does() {
    assert_eq!(
        markdown_lines(
            "## Pay\n\n- **Pay:** \\$1,200 a year ([site](<https://x.example>))\n| A | B |\n| --- | --- |\n| **C** | D |\n"
        ),
        ["Pay", "Pay: $1,200 a year (site)", "A | B", "C | D"]
    );
    assert_eq!(
        failures(
            &[Fact {
                question: "q".into(),
                find: None,
                line: Some("C".into()),
                has: vec!["d".into()],
                lacks: vec!["E".into()],
                never: vec!["zzz".into()],
            }],
            &["C | D E".to_owned()]
        )
        .len(),
        1
    );
}
