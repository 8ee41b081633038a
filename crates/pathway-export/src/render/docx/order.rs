//! Makes WordprocessingML property elements what the schema allows: children in the order it
//! prescribes, and none it forbids.
//!
//! docx-rs 0.4.22 writes some children out of schema order: `w:rPr` first inside `w:pPr`,
//! `w:numId` before `w:ilvl`, `w:basedOn` after `w:pPr` in styles, the footer reference last in
//! `w:sectPr`. It also writes what the schema does not allow at all: a `w:type` attribute on
//! `w:gridCol`, and an (empty) `w:rPr` inside the `w:pPr` of styles and numbering levels, whose
//! type (`CT_PPrGeneral`) has no run properties. LibreOffice does not mind; Microsoft Word
//! validates the parts and offers to repair such files. This pass reorders the children of the
//! elements listed below and drops the forbidden ones, keeping everything else (attributes,
//! text, escapes) byte for byte.

use quick_xml::Reader;
use quick_xml::events::Event;

/// The schema order of the children of each element this pass fixes (ECMA-376 part 1).
fn schema_order(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
        "w:pPr" => &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
        "w:rPr" => &[
            "w:ins",
            "w:del",
            "w:moveFrom",
            "w:moveTo",
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
            "w:rPrChange",
        ],
        "w:style" => &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
        "w:numPr" => &["w:ilvl", "w:numId", "w:numberingChange", "w:ins"],
        "w:tblPr" => &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
            "w:tblCaption",
            "w:tblDescription",
            "w:tblPrChange",
        ],
        "w:tcPr" => &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
        ],
        "w:tblCellMar" | "w:tcMar" => {
            &["w:top", "w:start", "w:left", "w:bottom", "w:end", "w:right"]
        }
        "w:pBdr" => &[
            "w:top",
            "w:left",
            "w:bottom",
            "w:right",
            "w:between",
            "w:bar",
        ],
        "w:sectPr" => &[
            "w:headerReference",
            "w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
            "w:sectPrChange",
        ],
        "w:lvl" => &[
            "w:start",
            "w:numFmt",
            "w:lvlRestart",
            "w:pStyle",
            "w:isLgl",
            "w:suff",
            "w:lvlText",
            "w:lvlPicBulletId",
            "w:legacy",
            "w:lvlJc",
            "w:pPr",
            "w:rPr",
        ],
        _ => return None,
    })
}

#[derive(Debug)]
enum Node {
    Element(Element),
    Raw(String),
}

#[derive(Debug)]
struct Element {
    name: String,
    /// Everything between `<` and `>` (or `/>`), as written.
    tag: String,
    empty: bool,
    children: Vec<Node>,
}

/// The part with its property elements in schema order; the part unchanged if it is not
/// well-formed XML (which docx-rs never writes).
pub(crate) fn canonical(xml: &str) -> String {
    let Some(mut nodes) = parse(xml) else {
        return xml.to_owned();
    };
    for node in &mut nodes {
        reorder(node, "");
    }
    let mut out = String::with_capacity(xml.len());
    for node in &nodes {
        write(node, &mut out);
    }
    out
}

fn parse(xml: &str) -> Option<Vec<Node>> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<Element> = vec![Element {
        name: String::new(),
        tag: String::new(),
        empty: false,
        children: Vec::new(),
    }];
    loop {
        let event = reader.read_event().ok()?;
        let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
        let node = match event {
            Event::Eof => break,
            Event::Start(start) => {
                stack.push(Element {
                    name: text(start.name().as_ref()),
                    tag: text(&start),
                    empty: false,
                    children: Vec::new(),
                });
                continue;
            }
            Event::End(_) => {
                let element = stack.pop()?;
                Node::Element(element)
            }
            Event::Empty(start) => Node::Element(Element {
                name: text(start.name().as_ref()),
                tag: text(&start),
                empty: true,
                children: Vec::new(),
            }),
            Event::Text(content) => Node::Raw(text(&content)),
            Event::GeneralRef(reference) => Node::Raw(format!("&{};", text(&reference))),
            Event::CData(content) => Node::Raw(format!("<![CDATA[{}]]>", text(&content))),
            Event::Comment(content) => Node::Raw(format!("<!--{}-->", text(&content))),
            Event::Decl(declaration) => Node::Raw(format!("<?{}?>", text(&declaration))),
            Event::PI(instruction) => Node::Raw(format!("<?{}?>", text(&instruction))),
            Event::DocType(doctype) => Node::Raw(format!("<!DOCTYPE {}>", text(&doctype))),
        };
        stack.last_mut()?.children.push(node);
    }
    if stack.len() != 1 {
        return None;
    }
    stack.pop().map(|root| root.children)
}

fn reorder(node: &mut Node, parent: &str) {
    let Node::Element(element) = node else {
        return;
    };
    drop_forbidden(element, parent);
    if let Some(order) = schema_order(&element.name) {
        element.children.sort_by_key(|child| match child {
            Node::Element(child) => order
                .iter()
                .position(|name| *name == child.name)
                .unwrap_or(order.len()),
            Node::Raw(_) => order.len(),
        });
    }
    for child in &mut element.children {
        reorder(child, &element.name);
    }
}

/// Removes what docx-rs writes where the schema allows nothing of the kind.
fn drop_forbidden(element: &mut Element, parent: &str) {
    match element.name.as_str() {
        // A grid column has only a width, always in twentieths of a point.
        "w:gridCol" => element.tag = without_attribute(&element.tag, "w:type"),
        // Paragraph properties of a style, a numbering level or the document defaults have no
        // run properties: the style's or level's own `w:rPr` formats the paragraph mark.
        "w:pPr" if matches!(parent, "w:style" | "w:lvl" | "w:pPrDefault") => {
            element
                .children
                .retain(|child| !matches!(child, Node::Element(child) if child.name == "w:rPr"));
        }
        _ => {}
    }
}

/// A start tag's text without one attribute.
fn without_attribute(tag: &str, attribute: &str) -> String {
    let needle = format!(" {attribute}=\"");
    let Some(start) = tag.find(&needle) else {
        return tag.to_owned();
    };
    let value = start + needle.len();
    let Some(length) = tag.get(value..).and_then(|rest| rest.find('"')) else {
        return tag.to_owned();
    };
    format!(
        "{}{}",
        tag.get(..start).unwrap_or_default(),
        tag.get(value + length + 1..).unwrap_or_default()
    )
}

fn write(node: &Node, out: &mut String) {
    match node {
        Node::Raw(text) => out.push_str(text),
        Node::Element(element) if element.empty => {
            out.push('<');
            out.push_str(&element.tag);
            out.push_str("/>");
        }
        Node::Element(element) => {
            out.push('<');
            out.push_str(&element.tag);
            out.push('>');
            for child in &element.children {
                write(child, out);
            }
            out.push_str("</");
            out.push_str(&element.name);
            out.push('>');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_children_follow_the_schema() {
        let xml = r#"<?xml version="1.0"?><w:p><w:pPr><w:rPr /><w:numPr><w:numId w:val="2" /><w:ilvl w:val="0" /></w:numPr><w:pStyle w:val="A" /></w:pPr><w:r><w:t xml:space="preserve">a &amp; b &lt;c&gt;</w:t></w:r></w:p>"#;
        assert_eq!(
            canonical(xml),
            r#"<?xml version="1.0"?><w:p><w:pPr><w:pStyle w:val="A" /><w:numPr><w:ilvl w:val="0" /><w:numId w:val="2" /></w:numPr><w:rPr /></w:pPr><w:r><w:t xml:space="preserve">a &amp; b &lt;c&gt;</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn footer_references_come_first_in_a_section() {
        let xml =
            r#"<w:sectPr><w:pgSz w:w="1" /><w:cols /><w:footerReference r:id="x" /></w:sectPr>"#;
        assert_eq!(
            canonical(xml),
            r#"<w:sectPr><w:footerReference r:id="x" /><w:pgSz w:w="1" /><w:cols /></w:sectPr>"#
        );
    }

    #[test]
    fn what_the_schema_forbids_is_dropped() {
        let xml = r#"<w:style><w:pPr><w:spacing w:after="1" /><w:rPr /></w:pPr><w:rPr><w:b /></w:rPr></w:style><w:p><w:pPr><w:rPr /></w:pPr></w:p><w:tblGrid><w:gridCol w:w="40" w:type="dxa" /></w:tblGrid>"#;
        assert_eq!(
            canonical(xml),
            r#"<w:style><w:pPr><w:spacing w:after="1" /></w:pPr><w:rPr><w:b /></w:rPr></w:style><w:p><w:pPr><w:rPr /></w:pPr></w:p><w:tblGrid><w:gridCol w:w="40" /></w:tblGrid>"#
        );
    }

    #[test]
    fn text_in_other_elements_is_untouched() {
        let xml = "<a><b>x</b>tail<c/></a>";
        assert_eq!(canonical(xml), "<a><b>x</b>tail<c/></a>");
        assert_eq!(canonical("<a><b></a>"), "<a><b></a>");
    }
}
