//! A checker for the rules of OOXML that Word enforces and LibreOffice forgives: the package
//! (content types, parts and relationships agree), each part's XML against the table in
//! `rules.txt` (allowed attributes and children, in order), and the references between parts
//! (fonts, styles, numbering, relationship ids).
//!
//! It knows only what the exporter writes: an element it has no rule for is itself a problem,
//! so that a new element is looked up in the schema before it ships.

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{Cursor, Read};

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

/// The prefixes the rules use, for the namespaces they stand for.
const NAMESPACES: &[(&str, &str)] = &[
    (
        "w",
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    ),
    (
        "r",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    ),
    (
        "wp",
        "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    ),
    ("a", "http://schemas.openxmlformats.org/drawingml/2006/main"),
    (
        "pic",
        "http://schemas.openxmlformats.org/drawingml/2006/picture",
    ),
    (
        "w14",
        "http://schemas.microsoft.com/office/word/2010/wordml",
    ),
    (
        "mc",
        "http://schemas.openxmlformats.org/markup-compatibility/2006",
    ),
    (
        "ct",
        "http://schemas.openxmlformats.org/package/2006/content-types",
    ),
    (
        "rel",
        "http://schemas.openxmlformats.org/package/2006/relationships",
    ),
    (
        "cp",
        "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    ),
    ("dc", "http://purl.org/dc/elements/1.1/"),
    ("dcterms", "http://purl.org/dc/terms/"),
    (
        "ep",
        "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    ),
    ("xml", "http://www.w3.org/XML/1998/namespace"),
];

const OFFICE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Relationship types, and the content type the part they point at must have.
const RELATIONSHIP_TARGETS: &[(&str, &str)] = &[
    (
        "officeDocument",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    (
        "extended-properties",
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    ),
    (
        "styles",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    ),
    (
        "settings",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
    ),
    (
        "fontTable",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml",
    ),
    (
        "numbering",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
    ),
    (
        "theme",
        "application/vnd.openxmlformats-officedocument.theme+xml",
    ),
    (
        "header",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
    ),
    (
        "footer",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
    ),
    (
        "comments",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
    ),
    (
        "footnotes",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
    ),
    ("image", "image/png"),
];
const CORE_PROPERTIES: (&str, &str) = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
    "application/vnd.openxmlformats-package.core-properties+xml",
);

/// Every problem found in a .docx file, each naming its part and where in it.
pub fn problems(docx: &[u8]) -> Vec<String> {
    let parts = match read_package(docx) {
        Ok(parts) => parts,
        Err(problem) => return vec![problem],
    };
    let mut problems = Vec::new();
    let mut trees = BTreeMap::new();
    for (name, bytes) in &parts {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            match parse(bytes) {
                Ok(tree) => {
                    check_element(&tree, "", &format!("/{name}"), &mut problems);
                    trees.insert(name.clone(), tree);
                }
                Err(problem) => problems.push(format!("{name}: {problem}")),
            }
        }
    }
    check_package(&parts, &trees, &mut problems);
    check_references(&trees, &mut problems);
    problems
}

// ---------------------------------------------------------------------------------------------
// The package

fn read_package(docx: &[u8]) -> Result<BTreeMap<String, Vec<u8>>, String> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(docx)).map_err(|e| format!("not a zip file: {e}"))?;
    let mut parts = BTreeMap::new();
    for index in 0..archive.len() {
        let mut file = archive
            .by_index(index)
            .map_err(|e| format!("zip entry {index}: {e}"))?;
        if file.is_dir() {
            continue;
        }
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)
            .map_err(|e| format!("{}: {e}", file.name()))?;
        parts.insert(file.name().to_owned(), bytes);
    }
    Ok(parts)
}

/// Content types ↔ parts ↔ relationships: every part has a content type and is reached by a
/// relationship from the package, every override and every relationship names a part that
/// exists, and every relationship points at a part of the content type its type expects.
fn check_package(
    parts: &BTreeMap<String, Vec<u8>>,
    trees: &BTreeMap<String, Element>,
    problems: &mut Vec<String>,
) {
    let Some(types) = trees.get("[Content_Types].xml") else {
        problems.push("the package has no [Content_Types].xml".to_owned());
        return;
    };
    let mut defaults = HashMap::new();
    let mut overrides = HashMap::new();
    for child in &types.children {
        match child.name.as_str() {
            "ct:Default" => {
                defaults.insert(
                    child.attribute("Extension").to_ascii_lowercase(),
                    child.attribute("ContentType").to_owned(),
                );
            }
            "ct:Override" => {
                let part = child
                    .attribute("PartName")
                    .trim_start_matches('/')
                    .to_owned();
                if !parts.contains_key(&part) {
                    problems.push(format!(
                        "[Content_Types].xml: an override names /{part}, which the package does not hold"
                    ));
                }
                overrides.insert(part, child.attribute("ContentType").to_owned());
            }
            _ => {}
        }
    }
    let content_type = |part: &str| -> Option<String> {
        overrides.get(part).cloned().or_else(|| {
            let extension = part.rsplit_once('.')?.1.to_ascii_lowercase();
            defaults.get(&extension).cloned()
        })
    };
    for part in parts.keys().filter(|part| *part != "[Content_Types].xml") {
        if content_type(part).is_none() {
            problems.push(format!("/{part} has no content type"));
        }
    }

    // Walk the relationships from the package's own, as a reader does.
    let mut reached = BTreeSet::new();
    let mut pending = vec![String::new()];
    while let Some(source) = pending.pop() {
        let rels = rels_name(&source);
        let Some(tree) = trees.get(&rels) else {
            if source.is_empty() {
                problems.push("the package has no _rels/.rels".to_owned());
            }
            continue;
        };
        let mut ids = BTreeSet::new();
        for relationship in tree
            .children
            .iter()
            .filter(|c| c.name == "rel:Relationship")
        {
            let id = relationship.attribute("Id");
            if !ids.insert(id.to_owned()) {
                problems.push(format!("/{rels}: relationship id {id} is used twice"));
            }
            if relationship.attribute("TargetMode") == "External" {
                continue;
            }
            let target = resolve_target(&source, relationship.attribute("Target"));
            if !parts.contains_key(&target) {
                problems.push(format!(
                    "/{rels}: relationship {id} points at /{target}, which the package does not hold"
                ));
                continue;
            }
            let kind = relationship.attribute("Type");
            let expected = if kind == CORE_PROPERTIES.0 {
                Some(CORE_PROPERTIES.1)
            } else {
                kind.strip_prefix(OFFICE)
                    .and_then(|short| short.strip_prefix('/'))
                    .and_then(|short| {
                        RELATIONSHIP_TARGETS
                            .iter()
                            .find(|(name, _)| *name == short)
                            .map(|(_, content)| *content)
                    })
            };
            match (expected, content_type(&target)) {
                (None, _) => problems.push(format!(
                    "/{rels}: relationship {id} has a type the checker does not know: {kind}"
                )),
                (Some(expected), Some(actual)) if expected != actual => problems.push(format!(
                    "/{rels}: relationship {id} ({kind}) points at /{target}, whose content type is {actual}, not {expected}"
                )),
                _ => {}
            }
            if reached.insert(target.clone()) {
                pending.push(target);
            }
        }
    }
    for part in parts.keys() {
        let is_rels = part.ends_with(".rels");
        if part != "[Content_Types].xml" && !is_rels && !reached.contains(part) {
            problems.push(format!("/{part} is not reached by any relationship"));
        }
        if is_rels
            && let Some(source) = rels_source(part)
            && !source.is_empty()
            && !parts.contains_key(&source)
        {
            problems.push(format!(
                "/{part} holds relationships of a part that does not exist"
            ));
        }
    }
    if !reached.contains("word/document.xml") {
        problems.push("the package's relationships do not reach word/document.xml".to_owned());
    }
}

/// `word/document.xml` → `word/_rels/document.xml.rels`; the package itself → `_rels/.rels`.
fn rels_name(source: &str) -> String {
    match source.rsplit_once('/') {
        Some((folder, file)) => format!("{folder}/_rels/{file}.rels"),
        None => format!("_rels/{source}.rels"),
    }
}

fn rels_source(rels: &str) -> Option<String> {
    let (folder, file) = rels.rsplit_once("_rels/")?;
    Some(format!("{folder}{}", file.strip_suffix(".rels")?))
}

/// A relationship's target, relative to its source part's folder, as a part name.
fn resolve_target(source: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_owned();
    }
    let mut path: Vec<&str> = source.split('/').collect();
    path.pop();
    for segment in target.split('/') {
        match segment {
            ".." => {
                path.pop();
            }
            "." | "" => {}
            segment => path.push(segment),
        }
    }
    path.join("/")
}

// ---------------------------------------------------------------------------------------------
// References between parts

/// Fonts used ⊆ font table; styles, numbering and relationship ids named in the text exist.
fn check_references(trees: &BTreeMap<String, Element>, problems: &mut Vec<String>) {
    let fonts: BTreeSet<String> = trees
        .get("word/fontTable.xml")
        .map(|table| {
            table
                .descendants()
                .filter(|e| e.name == "w:font")
                .map(|e| e.attribute("w:name").to_owned())
                .collect()
        })
        .unwrap_or_default();
    if let Some(styles) = trees.get("word/styles.xml") {
        let defaults_name_a_font = styles
            .descendants()
            .filter(|e| e.name == "w:rPrDefault")
            .flat_map(Element::descendants)
            .any(|e| e.name == "w:rFonts" && !e.attribute("w:ascii").is_empty());
        if !defaults_name_a_font {
            problems.push(
                "/word/styles.xml: the document defaults name no font, so the text's font is the reader's guess"
                    .to_owned(),
            );
        }
    }
    let style_ids: BTreeSet<String> = trees
        .get("word/styles.xml")
        .map(|styles| {
            styles
                .children
                .iter()
                .filter(|e| e.name == "w:style")
                .map(|e| e.attribute("w:styleId").to_owned())
                .collect()
        })
        .unwrap_or_default();
    let numbering = trees.get("word/numbering.xml");
    let abstract_ids: BTreeSet<&str> = numbering
        .map(|n| {
            n.children
                .iter()
                .filter(|e| e.name == "w:abstractNum")
                .map(|e| e.attribute("w:abstractNumId"))
                .collect()
        })
        .unwrap_or_default();
    let num_ids: BTreeSet<&str> = numbering
        .map(|n| {
            n.children
                .iter()
                .filter(|e| e.name == "w:num")
                .map(|e| e.attribute("w:numId"))
                .collect()
        })
        .unwrap_or_default();
    if let Some(numbering) = numbering {
        for num in numbering.children.iter().filter(|e| e.name == "w:num") {
            for child in num.children.iter().filter(|e| e.name == "w:abstractNumId") {
                if !abstract_ids.contains(child.attribute("w:val")) {
                    problems.push(format!(
                        "/word/numbering.xml: numbering {} uses abstract numbering {}, which is not defined",
                        num.attribute("w:numId"),
                        child.attribute("w:val")
                    ));
                }
            }
        }
    }
    for (name, tree) in trees {
        let rels: BTreeMap<String, String> = trees
            .get(&rels_name(name))
            .map(|rels| {
                rels.children
                    .iter()
                    .map(|r| (r.attribute("Id").to_owned(), r.attribute("Type").to_owned()))
                    .collect()
            })
            .unwrap_or_default();
        for element in tree.descendants() {
            for (attribute, value) in &element.attributes {
                if matches!(
                    attribute.as_str(),
                    "w:ascii" | "w:hAnsi" | "w:eastAsia" | "w:cs"
                ) && element.name == "w:rFonts"
                    && !fonts.contains(value)
                {
                    problems.push(format!(
                        "/{name}: font {value:?} is used but not in the font table"
                    ));
                }
                if attribute.starts_with("r:") {
                    let expected = match element.name.as_str() {
                        "w:headerReference" => "header",
                        "w:footerReference" => "footer",
                        "a:blip" => "image",
                        _ => "",
                    };
                    match rels.get(value) {
                        None => problems.push(format!(
                            "/{name}: {} refers to relationship {value}, which /{} does not have",
                            element.name,
                            rels_name(name)
                        )),
                        Some(kind) if !kind.ends_with(&format!("/{expected}")) => {
                            problems.push(format!(
                                "/{name}: {} refers to relationship {value} of type {kind}",
                                element.name
                            ))
                        }
                        _ => {}
                    }
                }
            }
            let named_style = match element.name.as_str() {
                "w:pStyle" | "w:rStyle" | "w:basedOn" | "w:next" => {
                    Some(element.attribute("w:val"))
                }
                _ => None,
            };
            if let Some(style) = named_style
                && !style_ids.contains(style)
            {
                problems.push(format!(
                    "/{name}: {} names style {style:?}, which styles.xml does not define",
                    element.name
                ));
            }
            if element.name == "w:numId" && name != "word/numbering.xml" {
                let id = element.attribute("w:val");
                if id != "0" && !num_ids.contains(id) {
                    problems.push(format!(
                        "/{name}: a paragraph uses numbering {id}, which numbering.xml does not define"
                    ));
                }
            }
            if name == "word/theme/theme1.xml" && element.name == "a:latin" {
                let typeface = element.attribute("typeface");
                if !typeface.is_empty() && !fonts.contains(typeface) {
                    problems.push(format!(
                        "/{name}: the theme's font {typeface:?} is not in the font table"
                    ));
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The XML of each part against rules.txt

/// One element of a part, with its names in the rules' prefixes.
pub struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    children: Vec<Element>,
    /// Whether it holds character data other than whitespace.
    has_text: bool,
}

impl Element {
    fn attribute(&self, name: &str) -> &str {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map_or("", |(_, value)| value)
    }

    fn descendants(&self) -> Box<dyn Iterator<Item = &Element> + '_> {
        Box::new(std::iter::once(self).chain(self.children.iter().flat_map(Element::descendants)))
    }
}

fn prefix(namespace: &[u8]) -> Option<&'static str> {
    NAMESPACES
        .iter()
        .find(|(_, uri)| uri.as_bytes() == namespace)
        .map(|(prefix, _)| *prefix)
}

fn qualified(resolved: ResolveResult, local: &[u8]) -> Result<String, String> {
    let local = String::from_utf8_lossy(local);
    match resolved {
        ResolveResult::Bound(namespace) => prefix(namespace.as_ref())
            .map(|prefix| format!("{prefix}:{local}"))
            .ok_or_else(|| {
                format!(
                    "{local} is in a namespace the checker does not know: {}",
                    String::from_utf8_lossy(namespace.as_ref())
                )
            }),
        ResolveResult::Unbound => Ok(local.into_owned()),
        ResolveResult::Unknown(prefix) => Err(format!(
            "undeclared prefix {}",
            String::from_utf8_lossy(&prefix)
        )),
    }
}

/// A part's root element.
pub fn parse(bytes: &[u8]) -> Result<Element, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
    let mut reader = NsReader::from_str(text);
    let mut stack: Vec<Element> = Vec::new();
    let mut root = None;
    let start = |reader: &NsReader<&[u8]>, start: &BytesStart| -> Result<Element, String> {
        let (resolved, local) = reader.resolver().resolve_element(start.name());
        let name = qualified(resolved, local.as_ref())?;
        let mut attributes = Vec::new();
        for attribute in start.attributes() {
            let attribute = attribute.map_err(|e| format!("{name}: {e}"))?;
            let key = attribute.key.as_ref();
            if key == b"xmlns" || key.starts_with(b"xmlns:") {
                continue;
            }
            let (resolved, local) = reader.resolver().resolve_attribute(attribute.key);
            let value = attribute
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|e| format!("{name}: {e}"))?
                .into_owned();
            attributes.push((qualified(resolved, local.as_ref())?, value));
        }
        Ok(Element {
            name,
            attributes,
            children: Vec::new(),
            has_text: false,
        })
    };
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "not well-formed XML at byte {}: {e}",
                reader.buffer_position()
            )
        })?;
        match event {
            Event::Start(tag) => {
                let element = start(&reader, &tag)?;
                stack.push(element);
            }
            Event::Empty(tag) => {
                let element = start(&reader, &tag)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => root = Some(element),
                }
            }
            Event::End(_) => {
                let element = stack.pop().ok_or("an end tag without a start")?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => root = Some(element),
                }
            }
            Event::Text(text) => {
                if !text.iter().all(u8::is_ascii_whitespace)
                    && let Some(parent) = stack.last_mut()
                {
                    parent.has_text = true;
                }
            }
            Event::GeneralRef(_) | Event::CData(_) => {
                if let Some(parent) = stack.last_mut() {
                    parent.has_text = true;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    root.ok_or_else(|| "no root element".to_owned())
}

/// One particle of a content model: a choice of names, and how many times it may occur.
#[derive(Debug)]
struct Particle {
    names: Vec<String>,
    min: usize,
    max: usize,
}

#[derive(Debug)]
struct Rule {
    attributes: Vec<(String, bool)>,
    children: Vec<Particle>,
    text: bool,
}

fn rules() -> &'static HashMap<(String, Option<String>), Rule> {
    static RULES: std::sync::OnceLock<HashMap<(String, Option<String>), Rule>> =
        std::sync::OnceLock::new();
    RULES.get_or_init(|| parse_rules(include_str!("rules.txt")))
}

fn parse_rules(text: &str) -> HashMap<(String, Option<String>), Rule> {
    let mut rules = HashMap::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let columns: Vec<&str> = line.split(" |").map(str::trim).collect();
        let [element, attributes, children] = columns[..] else {
            panic!("rules.txt:{}: expected three columns: {line}", number + 1);
        };
        let mut words = element.split_whitespace();
        let name = words.next().unwrap().to_owned();
        let parent = match (words.next(), words.next()) {
            (Some("in"), Some(parent)) => Some(parent.to_owned()),
            (None, None) => None,
            _ => panic!("rules.txt:{}: bad element column {element:?}", number + 1),
        };
        let attributes = attributes
            .split_whitespace()
            .map(|a| match a.strip_suffix('!') {
                Some(required) => (required.to_owned(), true),
                None => (a.to_owned(), false),
            })
            .collect();
        let mut text = false;
        let mut particles = Vec::new();
        for token in children.split_whitespace() {
            if token == "#text" {
                text = true;
                continue;
            }
            let (body, min, max) = match token.chars().last() {
                Some('?') => (&token[..token.len() - 1], 0, 1),
                Some('*') => (&token[..token.len() - 1], 0, usize::MAX),
                Some('+') => (&token[..token.len() - 1], 1, usize::MAX),
                _ => (token, 1, 1),
            };
            let names = body
                .trim_start_matches('(')
                .trim_end_matches(')')
                .split('|')
                .map(str::to_owned)
                .collect();
            particles.push(Particle { names, min, max });
        }
        let key = (name, parent);
        assert!(
            !rules.contains_key(&key),
            "rules.txt:{}: {key:?} is listed twice",
            number + 1
        );
        rules.insert(
            key,
            Rule {
                attributes,
                children: particles,
                text,
            },
        );
    }
    rules
}

fn check_element(element: &Element, parent: &str, path: &str, problems: &mut Vec<String>) {
    let path = format!("{path}/{}", element.name);
    let rules = rules();
    let Some(rule) = rules
        .get(&(element.name.clone(), Some(parent.to_owned())))
        .or_else(|| rules.get(&(element.name.clone(), None)))
    else {
        problems.push(format!(
            "{path}: no rule for {} in {parent} (look it up in the schema and add it to tests/ooxml/rules.txt)",
            element.name
        ));
        return;
    };
    for (attribute, _) in &element.attributes {
        if !rule.attributes.iter().any(|(name, _)| name == attribute) {
            problems.push(format!("{path}: attribute {attribute} is not allowed here"));
        }
    }
    for (attribute, required) in &rule.attributes {
        if *required && !element.attributes.iter().any(|(name, _)| name == attribute) {
            problems.push(format!("{path}: required attribute {attribute} is missing"));
        }
    }
    if element.has_text && !rule.text {
        problems.push(format!("{path}: text is not allowed here"));
    }
    if let Err(problem) = match_children(&element.children, &rule.children) {
        problems.push(format!("{path}: {problem}"));
    }
    for child in &element.children {
        check_element(child, &element.name, &path, problems);
    }
}

/// Matches children against a sequence of particles, the way a schema validator does for
/// these deterministic content models: each child is taken by the first particle from the
/// current one on that allows it.
fn match_children(children: &[Element], particles: &[Particle]) -> Result<(), String> {
    let mut at = 0;
    let mut count = 0;
    let expected = |particle: &Particle| particle.names.join(" or ");
    for child in children {
        loop {
            let Some(particle) = particles.get(at) else {
                return Err(format!(
                    "child {} is not allowed here, or is out of order",
                    child.name
                ));
            };
            if particle.names.contains(&child.name) && count < particle.max {
                count += 1;
                break;
            }
            if count < particle.min {
                return Err(format!(
                    "expected {} before {}",
                    expected(particle),
                    child.name
                ));
            }
            at += 1;
            count = 0;
        }
    }
    if let Some(particle) = particles.get(at)
        && count < particle.min
    {
        return Err(format!("expected {}", expected(particle)));
    }
    if let Some(particle) = particles.iter().skip(at + 1).find(|p| p.min > 0) {
        return Err(format!("expected {}", expected(particle)));
    }
    Ok(())
}
