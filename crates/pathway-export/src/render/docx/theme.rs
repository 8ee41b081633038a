//! The theme part and the font table: the colours and fonts Word offers when someone edits an
//! exported document, matching the ones the document itself uses.
//!
//! A theme needs a colour scheme, a font scheme and a format scheme with three of each kind of
//! style (ECMA-376 part 1, §20.1.6); this is the smallest one that is complete. docx-rs writes
//! none, and its font table lists Times New Roman, Symbol and Arial but not the Calibri the text
//! is set in.

/// The font every style uses (see the document defaults in [`super::xml`]).
pub(crate) const FONT: &str = "Calibri";

/// `word/theme/theme1.xml`.
pub(crate) const THEME: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Pathway Kit">"#,
    "<a:themeElements>",
    r#"<a:clrScheme name="Pathway Kit">"#,
    r#"<a:dk1><a:srgbClr val="1F2937" /></a:dk1><a:lt1><a:srgbClr val="FFFFFF" /></a:lt1>"#,
    r#"<a:dk2><a:srgbClr val="1F4E79" /></a:dk2><a:lt2><a:srgbClr val="EEF4FB" /></a:lt2>"#,
    r#"<a:accent1><a:srgbClr val="1F4E79" /></a:accent1><a:accent2><a:srgbClr val="2E74B5" /></a:accent2>"#,
    r#"<a:accent3><a:srgbClr val="2E7D32" /></a:accent3><a:accent4><a:srgbClr val="C77700" /></a:accent4>"#,
    r#"<a:accent5><a:srgbClr val="5A6472" /></a:accent5><a:accent6><a:srgbClr val="BFC7D1" /></a:accent6>"#,
    r#"<a:hlink><a:srgbClr val="0563C1" /></a:hlink><a:folHlink><a:srgbClr val="954F72" /></a:folHlink>"#,
    "</a:clrScheme>",
    r#"<a:fontScheme name="Pathway Kit">"#,
    r#"<a:majorFont><a:latin typeface="Calibri" /><a:ea typeface="" /><a:cs typeface="" /></a:majorFont>"#,
    r#"<a:minorFont><a:latin typeface="Calibri" /><a:ea typeface="" /><a:cs typeface="" /></a:minorFont>"#,
    "</a:fontScheme>",
    r#"<a:fmtScheme name="Pathway Kit">"#,
    "<a:fillStyleLst>",
    r#"<a:solidFill><a:schemeClr val="phClr" /></a:solidFill>"#,
    r#"<a:solidFill><a:schemeClr val="phClr" /></a:solidFill>"#,
    r#"<a:solidFill><a:schemeClr val="phClr" /></a:solidFill>"#,
    "</a:fillStyleLst>",
    "<a:lnStyleLst>",
    r#"<a:ln w="6350"><a:solidFill><a:schemeClr val="phClr" /></a:solidFill></a:ln>"#,
    r#"<a:ln w="12700"><a:solidFill><a:schemeClr val="phClr" /></a:solidFill></a:ln>"#,
    r#"<a:ln w="19050"><a:solidFill><a:schemeClr val="phClr" /></a:solidFill></a:ln>"#,
    "</a:lnStyleLst>",
    "<a:effectStyleLst>",
    "<a:effectStyle><a:effectLst /></a:effectStyle>",
    "<a:effectStyle><a:effectLst /></a:effectStyle>",
    "<a:effectStyle><a:effectLst /></a:effectStyle>",
    "</a:effectStyleLst>",
    "<a:bgFillStyleLst>",
    r#"<a:solidFill><a:schemeClr val="phClr" /></a:solidFill>"#,
    r#"<a:solidFill><a:schemeClr val="phClr" /></a:solidFill>"#,
    r#"<a:solidFill><a:schemeClr val="phClr" /></a:solidFill>"#,
    "</a:bgFillStyleLst>",
    "</a:fmtScheme>",
    "</a:themeElements>",
    "<a:objectDefaults />",
    "<a:extraClrSchemeLst />",
    "</a:theme>"
);

/// `word/fontTable.xml`: the one font the document uses, described so that a word processor
/// without it picks a similar one (a proportional sans serif).
pub(crate) const FONT_TABLE: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:font w:name="Calibri"><w:panose1 w:val="020F0502020204030204" /><w:charset w:val="00" />"#,
    r#"<w:family w:val="swiss" /><w:pitch w:val="variable" /></w:font>"#,
    "</w:fonts>"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_theme_and_the_font_table_name_the_documents_font() {
        assert!(FONT_TABLE.contains(&format!(r#"<w:font w:name="{FONT}">"#)));
        assert_eq!(
            THEME
                .matches(&format!(r#"<a:latin typeface="{FONT}" />"#))
                .count(),
            2
        );
    }
}
